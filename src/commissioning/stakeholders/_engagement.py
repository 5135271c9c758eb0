"""Engagement records and plans, and queries over them.

An engagement records when, with whom, how, and at which rung of a
participation ladder (the docs' Sources page, "Participation
ladders"). Engagement records are the evidence for the commissioning cycle's
step 2, "Get to know and work with your customers" (the docs' Sources page,
Framework 1), so they are easy to query by stakeholder kind, date and rung.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ._ladders import ArnsteinRung, CoProductionRung, Rung, as_rung
from ._model import Thresholds, as_text_set, check_text, check_text_set, read_only
from ._quadrants import Quadrant

if TYPE_CHECKING:
    from ._map import StakeholderMap

__all__ = ["Engagement", "EngagementPlan", "find_engagements"]

_DEFAULT_THRESHOLDS = Thresholds()


def _quadrants(value: Any) -> Any:
    """Quadrants by id, each a [`Quadrant`][commissioning.stakeholders.Quadrant] or its value string ("monitor"), read-only."""
    if not isinstance(value, Mapping):
        return value
    out = {}
    for sid, q in value.items():
        try:
            out[sid] = Quadrant(q) if isinstance(q, str) else q
        except ValueError:
            out[sid] = q  # reported by the checks, with the others
    return read_only(out)


def check_date(check: Checker, field: str, value: Any) -> None:
    """Record a problem unless ``value`` is a date (not a datetime)."""
    try:
        as_date(value, field=field)
    except InvalidInput as error:
        check.extend(error)


def to_day(value: Any) -> Any:
    """A plain ``datetime.date`` as a ``pendulum.Date`` (the one type for a day out); anything else as given.

    Anything that is not a day is left for `check_date` to refuse with its field.

    Examples:
        >>> import datetime as dt
        >>> to_day(dt.date(2026, 3, 2))
        Date(2026, 3, 2)
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime | pendulum.Date):
        return pendulum.Date(value.year, value.month, value.day)
    return value


def rung_floors(at_least: Any, *, field: str = "at_least") -> tuple[Rung, ...]:
    """One rung, or several (one per ladder), as a tuple; anything else is refused."""
    floors = (
        (as_rung(at_least),)
        if isinstance(at_least, CoProductionRung | ArnsteinRung | str)
        else tuple(as_rung(f) for f in at_least)
        if isinstance(at_least, Iterable)
        else at_least
    )
    expected = "a CoProductionRung or ArnsteinRung (or its name), or several of them"
    if not isinstance(floors, Iterable):
        raise InvalidInputType([Problem(field, expected, at_least, "type")])
    floors = tuple(floors)
    if not floors or not all(isinstance(f, CoProductionRung | ArnsteinRung) for f in floors):
        raise InvalidInput.of(field, expected, at_least)
    return floors


def text_set(value: Iterable[str] | str) -> frozenset[str]:
    """A set of strings from one string or several (a lone string is not split into letters)."""
    return frozenset((value,)) if isinstance(value, str) else frozenset(value)


@attrs.frozen
class Engagement:
    """One engagement: when, with whom, how, and at which rung.

    Attributes:
        on: the day it happened (a date).
        stakeholders: the ids of the stakeholders engaged (any iterable; kept as a frozenset).
        method: how: an [`EngagementMethod`][commissioning.stakeholders.EngagementMethod] or any other non-empty string.
        rung: the rung reached, on the ladder of co-production ([`CoProductionRung`][commissioning.stakeholders.CoProductionRung])
            or Arnstein's ladder ([`ArnsteinRung`][commissioning.stakeholders.ArnsteinRung]).
        summary: a note of what was heard or decided.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import CoProductionRung, EngagementMethod
        >>> e = Engagement(dt.date(2026, 3, 4), {"carers-forum", "users-panel"},
        ...                EngagementMethod.WORKSHOP, CoProductionRung.CO_DESIGN)
        >>> e.rung >= CoProductionRung.CO_DESIGN
        True
        >>> sorted(e.stakeholders)
        ['carers-forum', 'users-panel']
    """

    on: pendulum.Date = attrs.field(converter=to_day)
    stakeholders: frozenset[str] = attrs.field(converter=as_text_set)
    method: str
    rung: Rung = attrs.field(converter=as_rung)
    summary: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check_date(check, "on", self.on)
        expected = "a non-empty iterable of stakeholder ids"
        if check_text_set(check, "stakeholders", self.stakeholders, expected):
            check.that(bool(self.stakeholders), "stakeholders", expected, self.stakeholders)
        check_text(check, "method", self.method)
        rung: object = self.rung  # may be anything given: the converter passes it on
        if isinstance(rung, str) and not isinstance(rung, CoProductionRung | ArnsteinRung):
            check.add(
                Problem(
                    "rung",
                    "a rung of one ladder (a name on both, such as 'informing', needs "
                    "CoProductionRung.INFORMING or ArnsteinRung.INFORMING)",
                    self.rung,
                )
            )
        else:
            check.type(
                "rung",
                self.rung,
                (CoProductionRung, ArnsteinRung),
                "a CoProductionRung or ArnsteinRung (or its name)",
            )
        check.type("summary", self.summary, str, "a str")
        check.done()

    def reaches(self, at_least: Rung | Iterable[Rung]) -> bool:
        """Whether this engagement's rung is at or above ``at_least``.

        Pass several rungs (one per ladder) to accept either ladder: a rung is
        only compared with a rung of its own ladder.

        Examples:
            >>> import datetime as dt
            >>> e = Engagement(dt.date(2026, 3, 4), {"a"}, "workshop", ArnsteinRung.PARTNERSHIP)
            >>> e.reaches(CoProductionRung.CO_DESIGN)
            False
            >>> e.reaches((CoProductionRung.CO_DESIGN, ArnsteinRung.PARTNERSHIP))
            True
        """
        return any(
            type(floor) is type(self.rung) and self.rung >= floor for floor in rung_floors(at_least)
        )


@attrs.frozen
class EngagementPlan:
    """An engagement plan: on a day, the quadrant each stakeholder was planned for.

    Record one with [`StakeholderMap.record_plan`][commissioning.stakeholders.StakeholderMap.record_plan], which takes the
    quadrants from the map; [`engagement_gaps`][commissioning.stakeholders.engagement_gaps] then reports who has moved
    quadrant since.

    Attributes:
        on: the day of the plan.
        quadrants: stakeholder id to [`Quadrant`][commissioning.stakeholders.Quadrant] (read-only).
        thresholds: the thresholds the quadrants were read with.
        name: an optional title.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Quadrant
        >>> plan = EngagementPlan(dt.date(2026, 1, 5), {"cabinet": Quadrant.KEY_PLAYERS})
        >>> plan.quadrants["cabinet"].strategy
        'manage closely'
    """

    on: pendulum.Date = attrs.field(converter=to_day)
    quadrants: Mapping[str, Quadrant] = attrs.field(converter=_quadrants)
    thresholds: Thresholds = _DEFAULT_THRESHOLDS
    name: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check_date(check, "on", self.on)
        if check.type("quadrants", self.quadrants, Mapping, "a mapping of id to Quadrant"):
            for sid, value in self.quadrants.items():
                check_text(check, "quadrants", sid, "a non-empty str id")
                check.type(f"quadrants[{sid!r}]", value, Quadrant, "a Quadrant")
        check.type("thresholds", self.thresholds, Thresholds, "a Thresholds")
        check.type("name", self.name, str, "a str")
        check.done()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EngagementPlan):
            return NotImplemented
        return (self.on, dict(self.quadrants), self.thresholds, self.name) == (
            other.on,
            dict(other.quadrants),
            other.thresholds,
            other.name,
        )

    def __hash__(self) -> int:
        return hash((self.on, frozenset(self.quadrants.items()), self.thresholds, self.name))


def find_engagements(
    stakeholder_map: StakeholderMap,
    *,
    kinds: Iterable[str] | str | None = None,
    stakeholders: Iterable[str] | str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    at_least: Rung | Iterable[Rung] | None = None,
    methods: Iterable[str] | str | None = None,
) -> tuple[Engagement, ...]:
    """The map's engagements that match every filter given, oldest first.

    Args:
        stakeholder_map: the map to search.
        kinds: keep engagements with at least one stakeholder of these kinds
            (stakeholders since removed from the map have no kind and never match).
        stakeholders: keep engagements with at least one of these ids.
        start: keep engagements on or after this date.
        end: keep engagements on or before this date.
        at_least: keep engagements at or above this rung (or any of these rungs,
            one per ladder; see [`Engagement.reaches`][commissioning.stakeholders.Engagement.reaches]).
        methods: keep engagements carried out by one of these methods.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import (
        ...     CoProductionRung, Engagement, Stakeholder, StakeholderMap)
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder("u1", "Users' panel", "service user", power=2, interest=9),
        ...      Stakeholder("p1", "Provider", "incumbent provider", power=6, interest=8)],
        ...     engagements=[
        ...         Engagement(dt.date(2026, 1, 10), {"u1"}, "survey", CoProductionRung.CONSULTATION),
        ...         Engagement(dt.date(2026, 2, 12), {"u1", "p1"}, "workshop", CoProductionRung.CO_DESIGN),
        ...     ], at=at, actor="alice")
        >>> [e.method for e in find_engagements(m, kinds={"service user"})]
        ['survey', 'workshop']
        >>> [e.method for e in find_engagements(m, at_least=CoProductionRung.CO_DESIGN)]
        ['workshop']
        >>> [e.method for e in find_engagements(m, start=dt.date(2026, 2, 1), stakeholders={"p1"})]
        ['workshop']
    """
    check = Checker()
    if start is not None:
        check_date(check, "start", start)
    if end is not None:
        check_date(check, "end", end)
    check.done()
    floors = None if at_least is None else rung_floors(at_least)
    kind_set = None if kinds is None else text_set(kinds)
    id_set = None if stakeholders is None else text_set(stakeholders)
    method_set = None if methods is None else text_set(methods)
    known = stakeholder_map.stakeholders
    found = []
    for engagement in stakeholder_map.engagements:
        if start is not None and engagement.on < start:
            continue
        if end is not None and engagement.on > end:
            continue
        if floors is not None and not engagement.reaches(floors):
            continue
        if method_set is not None and engagement.method not in method_set:
            continue
        if id_set is not None and not (engagement.stakeholders & id_set):
            continue
        if kind_set is not None and not any(
            sid in known and known[sid].kind in kind_set for sid in engagement.stakeholders
        ):
            continue
        found.append(engagement)
    found.sort(key=lambda e: e.on)
    return tuple(found)
