"""Stakeholders, relationships and the thresholds that read their scores.

Source: the docs' Sources page, "Stakeholder models" (Mendelow's
power/interest grid; Mitchell, Agle and Wood's salience attributes) and the
list of typical stakeholders and relationships in a commissioning cycle.

Scales (this library's choice; the reference gives none): power, interest,
legitimacy and urgency are whole numbers from 0 (none) to 10 (the most), and a
relationship's weight is the strength of the tie, a number greater than 0 and
at most 1 (1 the strongest).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import networkx as nx

from .._errors import CommissioningError, Problem
from .._validation import Checker

__all__ = [
    "SCALE_MAX",
    "SCALE_MIN",
    "RelationType",
    "Relationship",
    "Stakeholder",
    "StakeholderKind",
    "Thresholds",
    "UnknownStakeholder",
    "as_text_set",
    "check_score",
    "check_text",
    "check_text_set",
    "read_only",
    "safe_order",
]

#: Whether this networkx has the adjacency layout and cache hook the fast paths
#: rely on (``_succ``/``_pred`` dict-of-dicts, ``nx._clear_cache``); on a release
#: without them every path falls back to ``add_edges_from``, so nothing breaks.
FAST_ADJACENCY = hasattr(nx, "_clear_cache") and hasattr(nx.DiGraph(), "_succ")

SCALE_MIN = 0
SCALE_MAX = 10
_SCORE = f"a whole number from {SCALE_MIN} to {SCALE_MAX}"


class StakeholderKind(enum.StrEnum):
    """The kinds of stakeholder typical in a commissioning cycle; any other non-empty string works too.

    From the reference's list: service users and carers, residents, elected
    members and cabinet, the commissioning and procurement teams, finance,
    legal, other departments, health partners, incumbent and prospective
    providers, the voluntary and community sector, social enterprises,
    regulators and trade unions.

    Examples:
        >>> StakeholderKind.SERVICE_USER == "service user"
        True
        >>> Stakeholder("dpo", "Data protection officer", "information governance").kind
        'information governance'
    """

    SERVICE_USER = "service user"
    CARER = "carer"
    RESIDENT = "resident"
    ELECTED_MEMBER = "elected member"
    CABINET = "cabinet"
    COMMISSIONING_TEAM = "commissioning team"
    PROCUREMENT_TEAM = "procurement team"
    FINANCE = "finance"
    LEGAL = "legal"
    OTHER_DEPARTMENT = "other department"
    HEALTH_PARTNER = "health partner"
    INCUMBENT_PROVIDER = "incumbent provider"
    PROSPECTIVE_PROVIDER = "prospective provider"
    VOLUNTARY_COMMUNITY_SECTOR = "voluntary and community sector"
    SOCIAL_ENTERPRISE = "social enterprise"
    REGULATOR = "regulator"
    TRADE_UNION = "trade union"


class RelationType(enum.StrEnum):
    """Types of directed relationship; any other non-empty string works too.

    The arrow reads from source to target as a sentence: "the ICB *funds* the
    provider", "the officer *reports to* the director".

    Examples:
        >>> RelationType.ACCOUNTABLE_TO == "accountable to"
        True
    """

    INFLUENCES = "influences"
    FUNDS = "funds"
    DELIVERS_TO = "delivers to"
    REPRESENTS = "represents"
    PARTNERS_WITH = "partners with"
    REPORTS_TO = "reports to"
    ACCOUNTABLE_TO = "accountable to"


class UnknownStakeholder(CommissioningError, KeyError):
    """A stakeholder id that is not on the map; nothing was changed.

    Attributes:
        id: the id asked for.
        field: where it came from (``"source"``, ``"stakeholders"``...).

    Examples:
        >>> print(UnknownStakeholder("nobody", field="source"))
        source: expected the id of a stakeholder on the map, received 'nobody'
    """

    def __init__(self, id: str, *, field: str = "id") -> None:  # noqa: A002 - the domain's word
        self.id = id
        self.field = field
        super().__init__(id)

    def __str__(self) -> str:
        return f"{self.field}: expected the id of a stakeholder on the map, received {self.id!r}"


def check_text(check: Checker, field: str, value: Any, what: str = "a non-empty str") -> None:
    """Record a problem unless ``value`` is a non-empty string with no surrounding spaces."""
    if check.type(field, value, str, what):
        check.that(_tidy(value), field, what, value)


def _tidy(text: str) -> bool:
    """Non-empty, with no whitespace at either end (written for speed: it runs per relationship)."""
    return text != "" and text.strip() == text


def check_score(check: Checker, field: str, value: Any) -> None:
    """Record a problem unless ``value`` is an int on the 0 to 10 scale."""
    if check.type(field, value, int, _SCORE):
        check.that(SCALE_MIN <= value <= SCALE_MAX, field, _SCORE, value)


def read_only(value: Any) -> Any:
    """A read-only copy of a mapping (anything else is passed on, for validation to report)."""
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else value


def as_text_set(value: Any) -> Any:
    """A frozenset of ``value``'s items; a tuple of them if any is unhashable (for the checks to name).

    A string or a non-iterable is passed on as it is, for validation to report.
    """
    if isinstance(value, str) or not isinstance(value, Iterable):
        return value
    items = tuple(value)
    try:
        return frozenset(items)
    except TypeError:  # an unhashable item (a list from JSON): reported item by item
        return items


def safe_order(item: object) -> tuple[bool, str]:
    """A sort key for items of any type: strings in order, then everything else by type name.

    Never calls ``repr`` or compares across types, so mixed or hostile sets sort
    without raising.
    """
    return (not isinstance(item, str), item if isinstance(item, str) else type(item).__name__)


def check_text_set(check: Checker, field: str, value: Any, what: str) -> bool:
    """Record a problem per item unless ``value`` is a frozenset of non-empty strings."""
    if isinstance(value, tuple):  # as_text_set kept it: an unhashable item
        for i, item in enumerate(value):
            if not isinstance(item, str):
                check.add(Problem(f"{field}[{i}]", "a non-empty str", item, "type"))
        return False
    if not check.type(field, value, frozenset, what):
        return False
    for item in sorted(value, key=safe_order):
        check_text(check, field, item, "a non-empty str")
    return True


@attrs.frozen
class Stakeholder:
    """A person, group or organisation with a stake in what is commissioned.

    Scores are whole numbers from 0 (none) to 10 (the most); see
    [`Thresholds`][commissioning.stakeholders.Thresholds] for where "high" starts.

    Attributes:
        id: a unique, stable key on the map.
        name: what people call it.
        kind: a [`StakeholderKind`][commissioning.stakeholders.StakeholderKind] or any other non-empty string.
        power: ability to impose its will on the commissioning (0-10).
        interest: how much it cares about the outcome (0-10).
        legitimacy: how proper its claim is (0-10).
        urgency: how pressing its claim is (0-10).
        tags: free labels for your own grouping (any iterable of strings; kept as a frozenset).

    Examples:
        >>> s = Stakeholder("carers-forum", "Carers' forum", StakeholderKind.CARER,
        ...                 power=3, interest=9, legitimacy=8, urgency=6)
        >>> s.interest
        9
        >>> Stakeholder("x", "X", "resident", power=11)
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: power: expected a whole number from 0 to 10, received 11
    """

    id: str
    name: str
    kind: str
    power: int = 0
    interest: int = 0
    legitimacy: int = 0
    urgency: int = 0
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=as_text_set)

    def __attrs_post_init__(self) -> None:
        scores = (self.power, self.interest, self.legitimacy, self.urgency)
        if (  # the common, valid case, checked quickly (maps hold many stakeholders)
            all(type(v) is int and SCALE_MIN <= v <= SCALE_MAX for v in scores)
            and isinstance(self.id, str)
            and isinstance(self.name, str)
            and isinstance(self.kind, str)
            and _tidy(self.id)
            and _tidy(self.name)
            and _tidy(self.kind)
            and type(self.tags) is frozenset
            and all(isinstance(t, str) and _tidy(t) for t in self.tags)
        ):
            return
        check = Checker()
        check_text(check, "id", self.id)
        check_text(check, "name", self.name)
        check_text(check, "kind", self.kind)
        for field in ("power", "interest", "legitimacy", "urgency"):
            check_score(check, field, getattr(self, field))
        check_text_set(check, "tags", self.tags, "an iterable of non-empty str")
        check.done()


@attrs.frozen
class Relationship:
    """A typed, weighted, directed tie from one stakeholder to another.

    Attributes:
        source: the id the arrow starts from.
        target: the id it points at.
        type: a [`RelationType`][commissioning.stakeholders.RelationType] or any other non-empty string.
        weight: the tie's strength, greater than 0 and at most 1 (default 1).

    At most one relationship of each type joins a source to a target.

    Examples:
        >>> r = Relationship("icb", "provider", RelationType.FUNDS, weight=0.8)
        >>> r.key
        ('icb', 'provider', 'funds')
        >>> Relationship("a", "a", "influences")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: target: expected a stakeholder other than the source, received 'a'
    """

    source: str
    target: str
    type: str
    weight: float = 1.0

    def __attrs_post_init__(self) -> None:
        source, target, kind, weight = self.source, self.target, self.type, self.weight
        if (  # the common, valid case, checked quickly (maps hold many relationships)
            type(source) is str
            and type(target) is str
            and isinstance(kind, str)
            and type(weight) in (float, int)
            and 0 < weight <= 1
            and source != target
            # _tidy, written out: it runs three times per relationship
            and source.strip() == source != ""
            and target.strip() == target != ""
            and kind.strip() == kind != ""
        ):
            return
        check = Checker()
        check_text(check, "source", self.source)
        check_text(check, "target", self.target)
        check_text(check, "type", self.type)
        expected = "a number greater than 0 and at most 1"
        if check.type("weight", self.weight, (int, float), expected):
            w = self.weight  # an int is finite (and may be too large for a float)
            finite = isinstance(w, int) or math.isfinite(w)
            check.that(finite and 0 < w <= 1, "weight", expected, w)
        if isinstance(self.source, str) and self.source == self.target:
            check.add(Problem("target", "a stakeholder other than the source", self.target))
        check.done()

    @property
    def key(self) -> tuple[str, str, str]:
        """``(source, target, type)``: what makes the relationship unique on a map."""
        return (self.source, self.target, str(self.type))


@attrs.frozen
class Thresholds:
    """Where "high" starts on each 0-10 score: a score is high when it is at least the threshold.

    The reference gives no numeric cut-offs, so the default of 5 (the middle
    of the scale) is this library's choice (UNCONFIRMED): set your own. Power
    and interest place a stakeholder on the Mendelow grid; power, legitimacy
    and urgency decide which salience attributes it has.

    Examples:
        >>> Thresholds().power
        5
        >>> Thresholds(power=7).is_high("power", 6)
        False
    """

    power: int = 5
    interest: int = 5
    legitimacy: int = 5
    urgency: int = 5

    def __attrs_post_init__(self) -> None:
        check = Checker()
        expected = f"a whole number from {SCALE_MIN + 1} to {SCALE_MAX}"
        for field in ("power", "interest", "legitimacy", "urgency"):
            value = getattr(self, field)
            if check.type(field, value, int, expected):
                check.that(SCALE_MIN < value <= SCALE_MAX, field, expected, value)
        check.done()

    def is_high(self, attribute: str, score: int) -> bool:
        """Whether ``score`` is at or above the threshold for ``attribute``.

        Examples:
            >>> Thresholds().is_high("interest", 5)
            True
        """
        threshold: int = getattr(self, attribute)
        return score >= threshold
