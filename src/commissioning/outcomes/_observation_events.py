"""Observation events: what one value reported for a period is, how events fold, and how they are recorded.

Split from `._observations` (the log): an [`Observation`][commissioning.outcomes.Observation] is one
event (recorded, revised or withdrawn); [`fold_observations`][commissioning.outcomes.fold_observations] reduces events
to current values; the checks here refuse an event that does not fit; and the
codec turns an observation into the ``data`` of an
[`EventRecord`][commissioning.machine.EventRecord] and back.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import CommissioningError, InvalidHistory, InvalidInput
from .._reader import Reader
from .._time import as_utc
from .._validation import Checker
from ..machine import EventRecord
from ._common import as_value, check_envelope, check_id
from ._periods import ReportingPeriod, period_from

__all__ = [
    "Misfit",
    "Observation",
    "ObservationConflict",
    "ObservationKind",
    "check_history",
    "check_next",
    "fold_observations",
    "observations_of",
    "record_of",
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
        >>> from commissioning.outcomes import ObservationLog
        >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
        >>> try:
        ...     log.revise("m", p, 1, at=pendulum.datetime(2026, 5, 1), actor="al")
        ... except ObservationConflict as refused:
        ...     print(refused.kind, refused.measure_id, "|", refused)
        revise m | cannot revise 'm' for 2026-04: no current value
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
        >>> from decimal import Decimal
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


_EVENT_OF = {
    ObservationKind.RECORDED: "record",
    ObservationKind.REVISED: "revise",
    ObservationKind.WITHDRAWN: "withdraw",
}
_KIND_OF = {event: kind for kind, event in _EVENT_OF.items()}
_DATA_KEYS = frozenset({"measure_id", "period", "value", "source", "note"})


def record_of(stream_id: str, version: int, o: Observation, actor: str) -> EventRecord:
    data = {
        "measure_id": o.measure_id,
        "period": o.period.label,
        "value": None if o.value is None else str(o.value),
        "source": o.source,
        "note": o.note,
    }
    return EventRecord(stream_id, version, _EVENT_OF[o.kind], o.recorded_at, actor, data)


def observations_of(stream_id: str, records: tuple[Any, ...]) -> tuple[Observation, ...]:
    """The observations the records describe, checking the envelope (versions, stream, create)."""
    out: list[Observation] = []
    for index, record in enumerate(records):
        check_envelope(index, record, stream_id)
        if index == 0:
            if record.event != "create":
                raise InvalidHistory(index, record, "a log's history starts with 'create'")
            continue
        if record.event not in _KIND_OF:
            raise InvalidHistory(
                index, record, f"expected one of {', '.join(_KIND_OF)}, found {record.event!r}"
            )
        try:
            reader = Reader(record.data, "data")
            reader.only_keys(_DATA_KEYS)
            kind = _KIND_OF[record.event]
            raw_value = reader.key("value")
            value = None if raw_value.is_null() else as_value(raw_value.text(), field="data.value")
            out.append(
                Observation(
                    reader.key("measure_id").text(),
                    period_from(reader.key("period")),
                    value,
                    record.occurred_at,
                    kind,
                    reader.key("source").text(),
                    record.actor,
                    reader.key("note").text(),
                )
            )
        except InvalidInput as error:
            raise InvalidHistory(index, record, str(error)) from error
    return tuple(out)


_VERB = {
    ObservationKind.RECORDED: "record",
    ObservationKind.REVISED: "revise",
    ObservationKind.WITHDRAWN: "withdraw",
}


def check_next(
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


def check_history(
    events: tuple[Observation, ...],
) -> tuple[
    dict[tuple[str, ReportingPeriod], Observation], dict[tuple[str, ReportingPeriod], dt.datetime]
]:
    current: dict[tuple[str, ReportingPeriod], Observation] = {}
    last: dict[tuple[str, ReportingPeriod], dt.datetime] = {}
    for index, event in enumerate(events):
        try:
            check_next(current, last.get(event.key), event)
        except ObservationConflict as error:
            raise Misfit(index, str(error)) from error
        last[event.key] = event.recorded_at
        if event.kind is ObservationKind.WITHDRAWN:
            current.pop(event.key, None)
        else:
            current[event.key] = event
    return current, last


class Misfit(Exception):
    """An observation at ``index`` does not fit the log before it (made an InvalidHistory)."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index = index
        self.reason = reason
