"""Observations: an append-only log of measured values, with revisions and "as known at" queries.

A late observation, a revision and a withdrawal are each a new event; nothing
is overwritten, so the value a report used on a past date can always be
recovered (:meth:`ObservationLog.as_known_at`). :func:`fold_observations` is
the fold from events to current values.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import CommissioningError, InvalidInput, InvalidInputType, Problem
from .._time import as_date, as_utc
from .._validation import Checker
from ._common import as_value, check_id
from ._periods import ReportingPeriod
from ._repr import html_table

__all__ = [
    "Observation",
    "ObservationConflict",
    "ObservationKind",
    "ObservationLog",
    "fold_observations",
]


class ObservationConflict(CommissioningError, ValueError):
    """An observation event does not fit the log (e.g. revising a value never recorded); nothing changed.

    Attributes:
        measure_id: the measure concerned.
        period: the period concerned.
        kind: the kind of event that was refused.
        reason: why, in words.

    Examples:
        >>> import pendulum
        >>> p = ReportingPeriod.month(2026, 4)
        >>> ObservationLog().revise("m", p, 1, at=pendulum.datetime(2026, 5, 1))
        Traceback (most recent call last):
        ...
        commissioning.outcomes._observations.ObservationConflict: cannot revise 'm' for 2026-04: no current value
    """

    def __init__(self, measure_id: str, period: ReportingPeriod, kind: str, reason: str) -> None:
        self.measure_id = measure_id
        self.period = period
        self.kind = kind
        self.reason = reason
        super().__init__(f"cannot {kind} {measure_id!r} for {period.label}: {reason}")


class ObservationKind(enum.Enum):
    """What an observation event does.

    Examples:
        >>> ObservationKind("revised").value
        'revised'
    """

    RECORDED = "recorded"
    REVISED = "revised"
    WITHDRAWN = "withdrawn"


@attrs.frozen
class Observation:
    """One observation event: a value of a measure for a period, as recorded at a moment.

    Attributes:
        measure_id: the measure observed.
        period: the reporting period the value describes.
        value: the value (``None`` for a withdrawal).
        recorded_at: when the value became known (aware, stored in UTC).
        kind: recorded, revised or withdrawn.
        source: provenance: the system, return or person the value came from.
        recorded_by: who entered it, if known.
        note: why (e.g. the reason for a revision).

    Examples:
        >>> import pendulum
        >>> o = Observation("2B", ReportingPeriod.financial_year(2025), Decimal("83.1"),
        ...     pendulum.datetime(2026, 5, 1))
        >>> o.kind
        <ObservationKind.RECORDED: 'recorded'>
    """

    measure_id: str
    period: ReportingPeriod
    value: Decimal | None
    recorded_at: dt.datetime
    kind: ObservationKind = ObservationKind.RECORDED
    source: str = ""
    recorded_by: str | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        try:
            check_id(self.measure_id, field="measure_id")
        except InvalidInput as err:
            check.extend(err)
        check.type("period", self.period, ReportingPeriod, "a ReportingPeriod")
        check.type("kind", self.kind, ObservationKind, "an ObservationKind")
        check.type("source", self.source, str, "a str")
        check.type("note", self.note, str, "a str")
        if self.recorded_by is not None:
            check.type("recorded_by", self.recorded_by, str, "a str or None")
        try:
            object.__setattr__(self, "recorded_at", as_utc(self.recorded_at, field="recorded_at"))
        except InvalidInput as err:
            check.extend(err)
        if self.kind is ObservationKind.WITHDRAWN:
            check.that(self.value is None, "value", "None for a withdrawal", self.value)
        elif check.type("value", self.value, Decimal, "a Decimal"):
            assert isinstance(self.value, Decimal)  # noqa: S101 - narrowing for mypy after the check
            check.that(self.value.is_finite(), "value", "a finite number", self.value)
        check.done()

    @property
    def key(self) -> tuple[str, ReportingPeriod]:
        """The (measure, period) this event is about."""
        return (self.measure_id, self.period)

    def to_record(self) -> dict[str, Any]:
        """The event as a flat record.

        Examples:
            >>> import pendulum
            >>> o = Observation("m", ReportingPeriod.month(2026, 4), Decimal(1), pendulum.datetime(2026, 5, 1))
            >>> o.to_record()["kind"]
            'recorded'
        """
        return {
            "measure_id": self.measure_id,
            "period": self.period.label,
            "period_start": self.period.start,
            "period_end": self.period.end,
            "value": self.value,
            "kind": self.kind.value,
            "recorded_at": self.recorded_at,
            "source": self.source,
            "recorded_by": self.recorded_by,
            "note": self.note,
        }


def fold_observations(
    events: Iterable[Observation],
) -> Mapping[tuple[str, ReportingPeriod], Observation]:
    """Fold events into the current observation per (measure, period).

    Rule: events are applied in order; a recorded or revised event sets the
    current value, a withdrawn event removes it. The result is read-only.

    Examples:
        >>> import pendulum
        >>> p = ReportingPeriod.month(2026, 4)
        >>> a = Observation("m", p, Decimal("1"), pendulum.datetime(2026, 5, 2))
        >>> b = Observation("m", p, Decimal("2"), pendulum.datetime(2026, 6, 1), ObservationKind.REVISED)
        >>> fold_observations([a, b])[("m", p)].value
        Decimal('2')
    """
    current: dict[tuple[str, ReportingPeriod], Observation] = {}
    for event in events:
        if event.kind is ObservationKind.WITHDRAWN:
            current.pop(event.key, None)
        else:
            current[event.key] = event
    return MappingProxyType(current)


@attrs.frozen
class ObservationLog:
    """An append-only log of observation events for any number of measures.

    Every method that changes the log returns a new log; the old one is
    untouched. Per (measure, period) events must be recorded in time order.

    Examples:
        >>> import pendulum
        >>> q1 = ReportingPeriod.financial_quarter(2026, 1)
        >>> log = ObservationLog().record("2C", q1, "151.2", at=pendulum.datetime(2026, 7, 20),
        ...     source="SALT return")
        >>> log = log.revise("2C", q1, "149.8", at=pendulum.datetime(2026, 9, 1),
        ...     source="SALT return (corrected)", note="late admissions removed")
        >>> log.value("2C", q1), log.value("2C", q1, as_known_at=pendulum.datetime(2026, 8, 1))
        (Decimal('149.8'), Decimal('151.2'))
        >>> len(log.history("2C", q1))
        2
    """

    events: tuple[Observation, ...] = ()
    # derived, read-only indexes (the fold and each key's last time), built once per log
    _current: MappingProxyType[tuple[str, ReportingPeriod], Observation] = attrs.field(
        init=False, repr=False, eq=False, factory=lambda: MappingProxyType({})
    )
    _last_at: MappingProxyType[tuple[str, ReportingPeriod], dt.datetime] = attrs.field(
        init=False, repr=False, eq=False, factory=lambda: MappingProxyType({})
    )
    _by_measure: MappingProxyType[str, MappingProxyType[ReportingPeriod, Observation]] = (
        attrs.field(init=False, repr=False, eq=False, factory=lambda: MappingProxyType({}))
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.events, tuple) or not all(
            isinstance(e, Observation) for e in self.events
        ):
            raise InvalidInputType(
                [Problem("events", "a tuple of Observations", self.events, "type")]
            )
        current, last_at = _check_history(self.events)
        by_measure: dict[str, dict[ReportingPeriod, Observation]] = {}
        for (measure_id, period), observation in current.items():
            by_measure.setdefault(measure_id, {})[period] = observation
        object.__setattr__(self, "_current", MappingProxyType(current))
        object.__setattr__(self, "_last_at", MappingProxyType(last_at))
        object.__setattr__(
            self,
            "_by_measure",
            MappingProxyType({k: MappingProxyType(v) for k, v in by_measure.items()}),
        )

    @classmethod
    def from_events(cls, events: Iterable[Observation]) -> ObservationLog:
        """Build a log from events (checked: revisions follow records, times in order per key).

        Examples:
            >>> ObservationLog.from_events([]).events
            ()
        """
        return cls(tuple(events))

    # -- appending ----------------------------------------------------------------------------

    def append(self, event: Observation) -> ObservationLog:
        """Return a new log with ``event`` appended, refusing one that does not fit.

        A ``recorded`` event needs no current value for its (measure, period);
        ``revised`` and ``withdrawn`` need one; the event may not be earlier than the
        last event for the same key.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> e = Observation("m", p, Decimal(6), pendulum.datetime(2026, 6, 1), ObservationKind.REVISED)
            >>> log.append(e).value("m", p)
            Decimal('6')
        """
        if not isinstance(event, Observation):
            raise InvalidInputType([Problem("event", "an Observation", event, "type")])
        _check_next(self._current, self._last_at.get(event.key), event)
        current = self._current.copy()  # mappingproxy.copy() copies the dict without re-hashing
        if event.kind is ObservationKind.WITHDRAWN:
            del current[event.key]
        else:
            current[event.key] = event
        last_at = self._last_at.copy()
        last_at[event.key] = event.recorded_at
        by_measure = self._by_measure.copy()
        periods = dict(by_measure.get(event.measure_id, {}))
        if event.kind is ObservationKind.WITHDRAWN:
            del periods[event.period]
        else:
            periods[event.period] = event
        by_measure[event.measure_id] = MappingProxyType(periods)
        # the new log extends a checked one by a checked event: skip re-checking the history
        log = object.__new__(ObservationLog)
        object.__setattr__(log, "events", (*self.events, event))
        object.__setattr__(log, "_current", MappingProxyType(current))
        object.__setattr__(log, "_last_at", MappingProxyType(last_at))
        object.__setattr__(log, "_by_measure", MappingProxyType(by_measure))
        return log

    def extend(self, events: Iterable[Observation]) -> ObservationLog:
        """Return a new log with many events appended, checked in one pass (for bulk loading).

        Each :meth:`append` copies the log's index, so appending one at a time is
        quadratic in the log's size; use this (or :meth:`from_events`) to load
        thousands of events. All or nothing: if any event does not fit, nothing
        is appended.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> events = [Observation("m", p + i, Decimal(i), pendulum.datetime(2026, 9, 1))
            ...           for i in range(3)]
            >>> len(ObservationLog().extend(events))
            3
        """
        return ObservationLog((*self.events, *events))

    def record(
        self,
        measure_id: str,
        period: ReportingPeriod,
        value: Any,
        *,
        at: dt.datetime,
        source: str = "",
        by: str | None = None,
        note: str = "",
    ) -> ObservationLog:
        """Record the first value of a measure for a period (late values are simply recorded later).

        Raises:
            ObservationConflict: a value is already current for that period (use :meth:`revise`).

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> log.events[0].source, log.value("m", p)
            ('return', Decimal('5'))
        """
        value = as_value(value, field="value")
        return self._add(ObservationKind.RECORDED, measure_id, period, value, at, source, by, note)

    def revise(
        self,
        measure_id: str,
        period: ReportingPeriod,
        value: Any,
        *,
        at: dt.datetime,
        source: str = "",
        by: str | None = None,
        note: str = "",
    ) -> ObservationLog:
        """Revise the current value of a measure for a period; the earlier value stays in the history.

        Raises:
            ObservationConflict: there is no current value to revise.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> revised = log.revise("m", p, 7, at=pendulum.datetime(2026, 6, 1), note="corrected")
            >>> [(e.kind.value, e.value) for e in revised.history("m", p)]
            [('recorded', Decimal('5')), ('revised', Decimal('7'))]
        """
        value = as_value(value, field="value")
        return self._add(ObservationKind.REVISED, measure_id, period, value, at, source, by, note)

    def withdraw(
        self,
        measure_id: str,
        period: ReportingPeriod,
        *,
        at: dt.datetime,
        source: str = "",
        by: str | None = None,
        note: str = "",
    ) -> ObservationLog:
        """Withdraw the current value (e.g. found invalid); history keeps it.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 3, at=pendulum.datetime(2026, 5, 1))
            >>> log.withdraw("m", p, at=pendulum.datetime(2026, 5, 9)).value("m", p) is None
            True
        """
        return self._add(ObservationKind.WITHDRAWN, measure_id, period, None, at, source, by, note)

    def _add(
        self,
        kind: ObservationKind,
        measure_id: str,
        period: ReportingPeriod,
        value: Decimal | None,
        at: dt.datetime,
        source: str,
        by: str | None,
        note: str,
    ) -> ObservationLog:
        """Append one ``kind`` of event (what :meth:`record`, :meth:`revise` and :meth:`withdraw` share)."""
        return self.append(Observation(measure_id, period, value, at, kind, source, by, note))

    # -- queries ------------------------------------------------------------------------------

    def as_known_at(self, at: dt.datetime) -> ObservationLog:
        """The log as it stood at a moment: only the events recorded at or before ``at``.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> len(log.as_known_at(pendulum.datetime(2026, 5, 1)))
            0
        """
        moment = as_utc(at, field="at")
        return ObservationLog(tuple(e for e in self.events if e.recorded_at <= moment))

    def current(self) -> Mapping[tuple[str, ReportingPeriod], Observation]:
        """The fold of the log: the current observation per (measure, period) (read-only).

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> log.current()[("m", p)].value
            Decimal('5')
        """
        return self._current

    def value(
        self, measure_id: str, period: ReportingPeriod, *, as_known_at: dt.datetime | None = None
    ) -> Decimal | None:
        """The current value for a measure and period (optionally as known at a moment), or ``None``.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> log.value("m", p), log.value("m", p + 1)
            (Decimal('5'), None)
        """
        log = self if as_known_at is None else self.as_known_at(as_known_at)
        found = log.current().get((measure_id, period))
        return None if found is None else found.value

    def history(self, measure_id: str, period: ReportingPeriod) -> tuple[Observation, ...]:
        """Every event for one measure and period, in order.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> len(log.history("m", p))
            1
        """
        return tuple(e for e in self.events if e.key == (measure_id, period))

    def series(
        self, measure_id: str, *, as_known_at: dt.datetime | None = None
    ) -> tuple[Observation, ...]:
        """The current observations of one measure, ordered by period.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> log = log.record("m", p - 1, 4, at=pendulum.datetime(2026, 5, 3))
            >>> [o.period.label for o in log.series("m")]
            ['2026-03', '2026-04']
        """
        if as_known_at is not None:
            return self.as_known_at(as_known_at).series(measure_id)
        found = self._by_measure.get(measure_id, MappingProxyType({})).values()
        return tuple(sorted(found, key=lambda o: (o.period.start, o.period.end)))

    def measure_ids(self) -> frozenset[str]:
        """Every measure with at least one event (current or not).

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> sorted(log.measure_ids())
            ['m']
        """
        return frozenset(e.measure_id for e in self.events)

    def latest(
        self, measure_id: str, *, on: dt.date, as_known_at: dt.datetime | None = None
    ) -> Observation | None:
        """The current observation for the latest period that ended on or before ``on``.

        Only completed periods count: a period still running on ``on`` is ignored.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> log.latest("m", on=pendulum.Date(2026, 4, 30)).value, log.latest("m", on=pendulum.Date(2026, 4, 29))
            (Decimal('5'), None)
        """
        day = as_date(on, field="on")
        done = [o for o in self.series(measure_id, as_known_at=as_known_at) if o.period.end <= day]
        return done[-1] if done else None

    def __len__(self) -> int:
        return len(self.events)

    def to_records(self) -> list[dict[str, Any]]:
        """Every event as a flat record, in log order.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog().record("m", p, 5, at=pendulum.datetime(2026, 5, 2), source="return")
            >>> log.to_records()[0]["period"]
            '2026-04'
        """
        return [e.to_record() for e in self.events]

    def _repr_html_(self) -> str:
        columns = ["measure_id", "period", "value", "kind", "recorded_at", "source", "note"]
        return html_table(
            f"Observation log ({len(self.events)} events)", self.to_records(), columns
        )


_VERB = {
    ObservationKind.RECORDED: "record",
    ObservationKind.REVISED: "revise",
    ObservationKind.WITHDRAWN: "withdraw",
}


def _check_next(
    current: Mapping[tuple[str, ReportingPeriod], Observation],
    last_at: dt.datetime | None,
    event: Observation,
) -> None:
    has_value = event.key in current
    if event.kind is ObservationKind.RECORDED and has_value:
        raise ObservationConflict(
            event.measure_id,
            event.period,
            "record",
            "a value is already current; revise it instead",
        )
    if event.kind is not ObservationKind.RECORDED and not has_value:
        raise ObservationConflict(
            event.measure_id, event.period, _VERB[event.kind], "no current value"
        )
    if last_at is not None and event.recorded_at < last_at:
        raise ObservationConflict(
            event.measure_id,
            event.period,
            _VERB[event.kind],
            f"recorded_at {event.recorded_at.isoformat()} is before the previous event at "
            f"{last_at.isoformat()}",
        )


def _check_history(
    events: tuple[Observation, ...],
) -> tuple[
    dict[tuple[str, ReportingPeriod], Observation], dict[tuple[str, ReportingPeriod], dt.datetime]
]:
    current: dict[tuple[str, ReportingPeriod], Observation] = {}
    last: dict[tuple[str, ReportingPeriod], dt.datetime] = {}
    for event in events:
        _check_next(current, last.get(event.key), event)
        last[event.key] = event.recorded_at
        if event.kind is ObservationKind.WITHDRAWN:
            current.pop(event.key, None)
        else:
            current[event.key] = event
    return current, last
