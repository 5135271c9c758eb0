"""Participation ladders: ordered rungs, comparable only within their own ladder.

Source: the docs' Sources page, "Participation ladders". Arnstein
(1969) has eight rungs in three groups; the ladder of co-production (Think
Local Act Personal and its National Co-production Advisory Group) has seven
rungs in three groups. The reference gives no mapping between the two ladders,
so none is invented here: a rung of one ladder cannot be compared with a rung
of the other (``<`` raises ``TypeError``).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from typing import Any

__all__ = ["ArnsteinRung", "CoProductionRung", "EngagementMethod", "Rung", "as_rung", "rung_from"]


class _OrderedRung(enum.Enum):
    """An enum whose members are ordered by definition; comparisons only within one ladder."""

    @property
    def rank(self) -> int:
        """The rung's position on its ladder, 1 for the lowest."""
        return list(type(self)).index(self) + 1

    @property
    def group(self) -> str:
        """The group the rung belongs to (for example ``"tokenism"`` or ``"doing with"``)."""
        return self._groups()[self.name]

    @classmethod
    def _groups(cls) -> dict[str, str]:  # pragma: no cover - each ladder overrides it
        raise NotImplementedError

    @classmethod
    def ladder(cls) -> str:  # pragma: no cover - each ladder overrides it
        """The ladder's name as written in exports."""
        raise NotImplementedError

    def _compare(self, other: Any, op: Callable[[int, int], bool]) -> bool:
        """``op`` on the two ranks; ``NotImplemented`` for a rung of another ladder (or anything else)."""
        if type(other) is not type(self):
            return NotImplemented  # type: ignore[no-any-return]  # typeshed: NotImplemented is Any-typed; Python then tries the reflected operator
        return op(self.rank, int(other.rank))

    def __lt__(self, other: Any) -> bool:
        return self._compare(other, operator.lt)

    def __le__(self, other: Any) -> bool:
        return self._compare(other, operator.le)

    def __gt__(self, other: Any) -> bool:
        return self._compare(other, operator.gt)

    def __ge__(self, other: Any) -> bool:
        return self._compare(other, operator.ge)


class CoProductionRung(_OrderedRung):
    """A rung of the ladder of co-production (TLAP / National Co-production Advisory Group).

    Lowest to highest: coercion, educating ("doing to"); informing, consultation,
    engagement ("doing for"); co-design, co-production ("doing with").

    Examples:
        >>> CoProductionRung.CO_PRODUCTION >= CoProductionRung.CO_DESIGN
        True
        >>> CoProductionRung.CONSULTATION.group
        'doing for'
        >>> CoProductionRung("co-design").rank
        6
    """

    COERCION = "coercion"
    EDUCATING = "educating"
    INFORMING = "informing"
    CONSULTATION = "consultation"
    ENGAGEMENT = "engagement"
    CO_DESIGN = "co-design"
    CO_PRODUCTION = "co-production"

    @classmethod
    def _groups(cls) -> dict[str, str]:
        return {
            "COERCION": "doing to",
            "EDUCATING": "doing to",
            "INFORMING": "doing for",
            "CONSULTATION": "doing for",
            "ENGAGEMENT": "doing for",
            "CO_DESIGN": "doing with",
            "CO_PRODUCTION": "doing with",
        }

    @classmethod
    def ladder(cls) -> str:
        """The ladder's name as written in exports.

        Examples:
            >>> CoProductionRung.ladder()
            'co-production'
        """
        return "co-production"


class ArnsteinRung(_OrderedRung):
    """A rung of Arnstein's ladder of citizen participation (1969).

    Lowest to highest: manipulation, therapy (non-participation); informing,
    consultation, placation (tokenism); partnership, delegated power, citizen
    control (citizen power).

    Examples:
        >>> ArnsteinRung.PARTNERSHIP > ArnsteinRung.PLACATION
        True
        >>> ArnsteinRung.PLACATION.group
        'tokenism'
        >>> ArnsteinRung.PARTNERSHIP < CoProductionRung.CO_DESIGN
        Traceback (most recent call last):
        ...
        TypeError: '<' not supported between instances of 'ArnsteinRung' and 'CoProductionRung'
    """

    MANIPULATION = "manipulation"
    THERAPY = "therapy"
    INFORMING = "informing"
    CONSULTATION = "consultation"
    PLACATION = "placation"
    PARTNERSHIP = "partnership"
    DELEGATED_POWER = "delegated power"
    CITIZEN_CONTROL = "citizen control"

    @classmethod
    def _groups(cls) -> dict[str, str]:
        return {
            "MANIPULATION": "non-participation",
            "THERAPY": "non-participation",
            "INFORMING": "tokenism",
            "CONSULTATION": "tokenism",
            "PLACATION": "tokenism",
            "PARTNERSHIP": "citizen power",
            "DELEGATED_POWER": "citizen power",
            "CITIZEN_CONTROL": "citizen power",
        }

    @classmethod
    def ladder(cls) -> str:
        """The ladder's name as written in exports.

        Examples:
            >>> ArnsteinRung.ladder()
            'arnstein'
        """
        return "arnstein"


Rung = CoProductionRung | ArnsteinRung
"""A rung on either ladder."""


class EngagementMethod(enum.StrEnum):
    """How an engagement was carried out; any other non-empty string is accepted too.

    The reference lists no methods, so these are common ones, offered for
    consistency; pass your own string where none fits.

    Examples:
        >>> EngagementMethod.WORKSHOP == "workshop"
        True
    """

    SURVEY = "survey"
    INTERVIEW = "interview"
    FOCUS_GROUP = "focus group"
    WORKSHOP = "workshop"
    PUBLIC_MEETING = "public meeting"
    WRITTEN_CONSULTATION = "written consultation"
    CO_DESIGN_SESSION = "co-design session"
    PANEL = "panel"
    MEETING = "meeting"
    MARKET_ENGAGEMENT = "market engagement"
    OTHER = "other"


def as_rung(value: Any) -> Any:
    """A rung from a rung or its value string, when only one ladder has that name.

    "co-design" is a [`CoProductionRung`][commissioning.stakeholders.CoProductionRung], "partnership" an
    [`ArnsteinRung`][commissioning.stakeholders.ArnsteinRung]; "informing" and "consultation" are on both ladders
    (with different meanings), so a string naming them is passed on for the
    checks to refuse: pass ``CoProductionRung.INFORMING`` or ``ArnsteinRung.INFORMING``.
    Anything else is passed on as it is, for validation to report.

    Examples:
        >>> as_rung("co-design")
        <CoProductionRung.CO_DESIGN: 'co-design'>
        >>> as_rung("informing")
        'informing'
    """
    if not isinstance(value, str) or isinstance(value, _OrderedRung):
        return value
    found = [cls(value) for cls in (CoProductionRung, ArnsteinRung) if value in _VALUES[cls]]
    return found[0] if len(found) == 1 else value


def rung_from(ladder: str, value: str) -> Rung:
    """Return the rung named ``value`` on the ladder named ``ladder``; ``ValueError`` if none."""
    for cls in (CoProductionRung, ArnsteinRung):
        if cls.ladder() == ladder:
            return cls(value)
    raise ValueError(f"unknown ladder {ladder!r}")


_VALUES: dict[type[_OrderedRung], frozenset[str]] = {
    cls: frozenset(str(r.value) for r in cls) for cls in (CoProductionRung, ArnsteinRung)
}
