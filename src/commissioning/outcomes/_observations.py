"""Observations: an append-only log of measured values, with revisions and "as known at" queries.

A late observation, a revision and a withdrawal are each a new event (an
[`EventRecord`][commissioning.machine.EventRecord] of the log's history); nothing is
overwritten, so the value a report used on a past date can always be
recovered ([`ObservationLog.as_of`][commissioning.outcomes.ObservationLog.as_of]). [`fold_observations`][commissioning.outcomes.fold_observations] is
the fold from events to current values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._aggregate import check_expected_version, check_format, records_until
from .._errors import (
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    Reason,
)
from .._reader import Reader, check_json
from .._time import as_date, as_utc
from ..machine import (
    EVENTS_FORMAT,
    EVENTS_FORMAT_VERSION,
    EventOption,
    EventRecord,
    Verdict,
    record_to_data,
    records_from_data,
)
from ._common import as_value, check_id
from ._observation_events import (
    Misfit,
    Observation,
    ObservationConflict,
    ObservationKind,
    check_history,
    check_next,
    fold_observations,
    observations_of,
    record_of,
)
from ._periods import ReportingPeriod
from ._repr import html_table

__all__ = [
    "Observation",
    "ObservationConflict",
    "ObservationKind",
    "ObservationLog",
    "fold_observations",
]


@attrs.frozen(eq=False)
class ObservationLog:
    """An append-only log of observation events for any number of measures (an aggregate).

    The log follows the library's one aggregate protocol: it is created with
    [`create`][commissioning.outcomes.ObservationLog.create] and changed only by commands ([`record`][commissioning.outcomes.ObservationLog.record], [`revise`][commissioning.outcomes.ObservationLog.revise],
    [`withdraw`][commissioning.outcomes.ObservationLog.withdraw], [`extend`][commissioning.outcomes.ObservationLog.extend]) that take ``at=``, ``actor=`` and
    ``expected_version=`` and return ``(new_log, records)``; the old log is
    untouched. Its [`history`][commissioning.outcomes.ObservationLog] is a tuple of [`EventRecord`][commissioning.machine.EventRecord]
    (each observation in the record's ``data``), so a stream of records alone
    rebuilds it ([`replay`][commissioning.outcomes.ObservationLog.replay]). Per (measure, period), events must be recorded
    in time order.

    Attributes:
        id: the log's stream id (every record carries it).
        history: the records, version 1 (``create``) on.

    Examples:
        >>> import pendulum
        >>> q1 = ReportingPeriod.financial_quarter(2026, 1)
        >>> log, _ = ObservationLog.create("asc-returns", at=pendulum.datetime(2026, 7, 1),
        ...     actor="analyst")
        >>> log, _ = log.record("2C", q1, "151.2", at=pendulum.datetime(2026, 7, 20),
        ...     actor="analyst", source="SALT return")
        >>> log, records = log.revise("2C", q1, "149.8", at=pendulum.datetime(2026, 9, 1),
        ...     actor="analyst", source="SALT return (corrected)", note="late admissions removed")
        >>> log.value("2C", q1), log.value("2C", q1, as_of=pendulum.datetime(2026, 8, 1))
        (Decimal('149.8'), Decimal('151.2'))
        >>> log.version, records[0].event, records[0].data["value"]
        (3, 'revise', '149.8')
        >>> len(log.observations_of("2C", q1))
        2
    """

    id: str
    history: tuple[EventRecord, ...] = ()
    # derived, read-only indexes (the observations, the fold and each key's last time)
    _observations: tuple[Observation, ...] = attrs.field(
        init=False, repr=False, eq=False, factory=tuple
    )
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
        check_id(self.id, field="id")
        if not isinstance(self.history, tuple):
            raise InvalidInputType(
                [Problem("history", "a tuple of EventRecords", self.history, "type")]
            )
        observations = observations_of(self.id, self.history)
        try:
            current, last_at = check_history(observations)
        except Misfit as misfit:
            raise InvalidHistory(
                misfit.index + 1, self.history[misfit.index + 1], misfit.reason
            ) from None
        by_measure: dict[str, dict[ReportingPeriod, Observation]] = {}
        for (measure_id, period), observation in current.items():
            by_measure.setdefault(measure_id, {})[period] = observation
        object.__setattr__(self, "_observations", observations)
        object.__setattr__(self, "_current", MappingProxyType(current))
        object.__setattr__(self, "_last_at", MappingProxyType(last_at))
        object.__setattr__(
            self,
            "_by_measure",
            MappingProxyType({k: MappingProxyType(v) for k, v in by_measure.items()}),
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not ObservationLog:
            return NotImplemented
        assert isinstance(other, ObservationLog)  # noqa: S101 - narrowing for mypy
        return self.id == other.id and self.history == other.history

    def __hash__(self) -> int:
        return hash((self.id, self.history))

    # -- the protocol ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """The number of records so far (1 once created)."""
        return len(self.history)

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation event, in log order (the records' ``data``, as values)."""
        return self._observations

    @classmethod
    def create(
        cls,
        id: str,  # noqa: A002 - the vocabulary's word
        *,
        at: dt.datetime,
        actor: str,
    ) -> tuple[ObservationLog, tuple[EventRecord, ...]]:
        """Open an empty log, recorded as ``create`` (version 1).

        Examples:
            >>> import pendulum
            >>> log, records = ObservationLog.create("returns", at=pendulum.datetime(2026, 4, 1),
            ...     actor="analyst")
            >>> log.version, records[0].event, records[0].occurred_at.isoformat()
            (1, 'create', '2026-04-01T00:00:00+00:00')
        """
        check_id(id, field="id")
        record = EventRecord(id, 1, "create", as_utc(at, field="at"), actor, {})
        return cls(id, (record,)), (record,)

    @classmethod
    def replay(cls, records: Iterable[EventRecord]) -> ObservationLog:
        """Rebuild the log its records describe (from [`history`][commissioning.outcomes.ObservationLog], or a store).

        Raises [`InvalidHistory`][commissioning.InvalidHistory] naming the first record that
        does not fit: records must be [`EventRecord`][commissioning.machine.EventRecord] of one
        stream, versions 1, 2, 3... starting with ``create``, each observation
        valid on the log as it stood.

        Examples:
            >>> import pendulum
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", ReportingPeriod.month(2026, 4), 5,
            ...     at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> ObservationLog.replay(log.history) == log
            True
            >>> ObservationLog.replay(log.history[1:])
            Traceback (most recent call last):
            ...
            commissioning.InvalidHistory: record 0 does not fit the history: expected version 1, found 2
        """
        if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
            raise InvalidInputType([Problem("records", "an iterable of EventRecords", records)])
        kept = tuple(records)
        if not kept:
            raise InvalidHistory(0, None, "a log's history starts with its create record")
        first = kept[0]
        if not isinstance(first, EventRecord):
            raise InvalidHistory(0, first, "expected an EventRecord")
        return cls(first.stream_id, kept)

    def as_of(self, at: dt.datetime) -> ObservationLog:
        """The log as it stood at a moment: its records up to and including ``at``.

        Before its first record, the empty log of the same id (version 0).

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> len(log.as_of(pendulum.datetime(2026, 5, 1))), log.as_of(pendulum.datetime(2026, 5, 1)).version
            (0, 1)
        """
        moment = as_utc(at, field="at")
        if not self.history or self.history[-1].occurred_at <= moment:
            return self
        return ObservationLog(self.id, records_until(self.history, moment))

    def options(
        self, *, at: dt.datetime, context: Any = None, data: Any = None
    ) -> tuple[EventOption, ...]:
        """The commands the log accepts now, each allowed unless a rule refuses it.

        ``revise`` and ``withdraw`` need a current value (rule
        ``needs-a-current-value``); every command needs a created log
        (``needs-create``). ``context`` and ``data`` are accepted for the shared
        protocol and not used.

        Examples:
            >>> import pendulum
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> [(o.event, o.allowed) for o in log.options(at=pendulum.datetime(2026, 5, 2))]
            [('record', True), ('revise', False), ('withdraw', False), ('extend', True)]
        """
        as_utc(at, field="at")
        return tuple(EventOption(name, not why, None, why) for name, why in self._refusals())

    def _refusals(self) -> tuple[tuple[str, tuple[Reason, ...]], ...]:
        if not self.history:
            created = (Reason("needs-create", "the log has not been created"),)
            return tuple((name, created) for name in COMMANDS)
        none = (Reason("needs-a-current-value", "no measure has a current value to change"),)
        return tuple(
            (name, none if name in ("revise", "withdraw") and not self._current else ())
            for name in COMMANDS
        )

    def can(self, event: str, *, at: dt.datetime, context: Any = None, data: Any = None) -> Verdict:
        """Whether the command ``event`` with arguments ``data`` would be accepted now; nothing changes.

        ``data`` holds the command's arguments by name (``measure_id``, ``period``
        as a [`ReportingPeriod`][commissioning.outcomes.ReportingPeriod] or its label, ``value``...). Without it, only
        the rules of [`options`][commissioning.outcomes.ObservationLog.options] are asked.

        Examples:
            >>> import pendulum
            >>> at = pendulum.datetime(2026, 5, 2)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> bool(log.can("record", at=at, data={"measure_id": "m", "period": "2026-04", "value": 5}))
            True
            >>> log.can("revise", at=at, data={"measure_id": "m", "period": "2026-04", "value": 5}).reasons
            (Reason(rule='needs-a-current-value', text='no measure has a current value to change'),)
            >>> log.can("record", at=at, data={"measure_id": "m", "period": "2026-04", "value": "x"}).reasons
            (Reason(rule='value', text="expected a number as a Decimal, int, numeric str or float, received 'x'"),)
        """
        refusals = dict(self._refusals())
        if event not in refusals:
            return Verdict.deny(
                Reason("event", f"expected one of {', '.join(COMMANDS)}, received {event!r}")
            )
        if refusals[event] or data is None:
            as_utc(at, field="at")
            return Verdict.deny(*refusals[event]) if refusals[event] else Verdict.allow()
        try:
            arguments = Reader(data, "data").mapping()
            command = getattr(self, event)
            if event == "extend":
                command(arguments.get("observations"), actor="can")
            else:
                period = arguments.get("period")
                if isinstance(period, str):
                    period = ReportingPeriod.from_label(period)
                extra = {k: v for k, v in arguments.items() if k in ("source", "note")}
                if event != "withdraw":
                    extra["value"] = arguments.get("value")
                command(arguments.get("measure_id"), period, at=at, actor="can", **extra)
        except InvalidInput as error:
            return Verdict.deny(
                *(Reason(p.field, str(p).split(": ", 1)[-1]) for p in error.problems)
            )
        except ObservationConflict as error:
            return Verdict.deny(Reason("needs-a-current-value", str(error)))
        return Verdict.allow()

    # -- commands ----------------------------------------------------------------------------

    def record(
        self,
        measure_id: str,
        period: ReportingPeriod,
        value: Any,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
        source: str = "",
        note: str = "",
    ) -> tuple[ObservationLog, tuple[EventRecord, ...]]:
        """Record the first value of a measure for a period (late values are simply recorded later).

        Raises:
            ObservationConflict: a value is already current for that period (use [`revise`][commissioning.outcomes.ObservationLog.revise]).
            VersionConflict: ``expected_version`` is not the log's version.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, (record,) = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al",
            ...     source="return", expected_version=1)
            >>> log.observations[0].source, log.value("m", p), record.version
            ('return', Decimal('5'), 2)
        """
        value = as_value(value, field="value")
        return self._add(
            ObservationKind.RECORDED, measure_id, period, value, at, actor, expected_version,
            source, note,
        )  # fmt: skip

    def revise(
        self,
        measure_id: str,
        period: ReportingPeriod,
        value: Any,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
        source: str = "",
        note: str = "",
    ) -> tuple[ObservationLog, tuple[EventRecord, ...]]:
        """Revise the current value of a measure for a period; the earlier value stays in the history.

        Raises:
            ObservationConflict: there is no current value to revise.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> revised, _ = log.revise("m", p, 7, at=pendulum.datetime(2026, 6, 1), actor="al",
            ...     note="corrected")
            >>> [(e.kind.value, e.value) for e in revised.observations_of("m", p)]
            [('recorded', Decimal('5')), ('revised', Decimal('7'))]
        """
        value = as_value(value, field="value")
        return self._add(
            ObservationKind.REVISED, measure_id, period, value, at, actor, expected_version,
            source, note,
        )  # fmt: skip

    def withdraw(
        self,
        measure_id: str,
        period: ReportingPeriod,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
        source: str = "",
        note: str = "",
    ) -> tuple[ObservationLog, tuple[EventRecord, ...]]:
        """Withdraw the current value (e.g. found invalid); history keeps it.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 3, at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.withdraw("m", p, at=pendulum.datetime(2026, 5, 9), actor="al")
            >>> log.value("m", p) is None
            True
        """
        return self._add(
            ObservationKind.WITHDRAWN, measure_id, period, None, at, actor, expected_version,
            source, note,
        )  # fmt: skip

    def extend(
        self,
        observations: Iterable[Observation],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[ObservationLog, tuple[EventRecord, ...]]:
        """Append many observations at once, checked in one pass (for bulk loading); one record each.

        A batch command: each record's moment is its observation's ``recorded_at``
        (so there is no ``at=``), and its actor the observation's ``recorded_by``,
        or ``actor`` when that is ``None``. Each [`record`][commissioning.outcomes.ObservationLog.record] copies the log's
        index, so recording one at a time is quadratic in the log's size; use this
        to load thousands. All or nothing: if any observation does not fit,
        nothing is appended.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> events = [Observation("m", p + i, Decimal(i), pendulum.datetime(2026, 9, 1))
            ...           for i in range(3)]
            >>> log, records = log.extend(events, actor="loader")
            >>> len(log), [r.version for r in records], records[0].actor
            (3, [2, 3, 4], 'loader')
        """
        check_expected_version(self.id, expected_version, self.version)
        self._need_created()
        if isinstance(observations, str | bytes | Mapping) or not isinstance(
            observations, Iterable
        ):
            raise InvalidInputType(
                [Problem("observations", "an iterable of Observations", observations, "type")]
            )
        records = []
        for i, observation in enumerate(observations):
            if not isinstance(observation, Observation):
                raise InvalidInputType(
                    [Problem(f"observations[{i}]", "an Observation", observation, "type")]
                )
            who = actor if observation.recorded_by is None else observation.recorded_by
            records.append(record_of(self.id, self.version + i + 1, observation, who))
        new = tuple(records)
        return ObservationLog(self.id, (*self.history, *new)), new

    def _need_created(self) -> None:
        if not self.history:
            raise InvalidInput.of("log", "a created log (ObservationLog.create)", "version 0")

    def _add(
        self,
        kind: ObservationKind,
        measure_id: str,
        period: ReportingPeriod,
        value: Decimal | None,
        at: dt.datetime,
        actor: str,
        expected_version: int | None,
        source: str,
        note: str,
    ) -> tuple[ObservationLog, tuple[EventRecord, ...]]:
        """Append one ``kind`` of event (what [`record`][commissioning.outcomes.ObservationLog.record], [`revise`][commissioning.outcomes.ObservationLog.revise] and [`withdraw`][commissioning.outcomes.ObservationLog.withdraw] share)."""
        check_expected_version(self.id, expected_version, self.version)
        self._need_created()
        if not isinstance(actor, str) or not actor:
            raise InvalidInput.of("actor", "a non-empty str naming who acted", actor)
        event = Observation(measure_id, period, value, at, kind, source, actor, note)
        record = record_of(self.id, self.version + 1, event, actor)
        check_next(self._current, self._last_at.get(event.key), event)
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
        object.__setattr__(log, "id", self.id)
        object.__setattr__(log, "history", (*self.history, record))
        object.__setattr__(log, "_observations", (*self._observations, event))
        object.__setattr__(log, "_current", MappingProxyType(current))
        object.__setattr__(log, "_last_at", MappingProxyType(last_at))
        object.__setattr__(log, "_by_measure", MappingProxyType(by_measure))
        return log, (record,)

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The log's stored form: its id and every record (``record_to_data``), JSON-compatible.

        ``format`` is ``"commissioning.observation-log"``, ``format_version`` 1.

        Examples:
            >>> import json, pendulum
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", ReportingPeriod.month(2026, 4), "5.0",
            ...     at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> data = log.to_data()
            >>> data["format"], [r["event"] for r in data["records"]], data["records"][1]["data"]
            ('commissioning.observation-log', ['create', 'record'], {'measure_id': 'm', 'period': '2026-04', 'value': '5.0', 'source': '', 'note': ''})
            >>> ObservationLog.from_data(json.loads(json.dumps(data))) == log
            True
        """
        return {
            "format": LOG_FORMAT,
            "format_version": LOG_FORMAT_VERSION,
            "id": self.id,
            "records": [record_to_data(r) for r in self.history],
        }

    @classmethod
    def from_data(cls, data: Any, /) -> ObservationLog:
        """Load a log stored by [`to_data`][commissioning.outcomes.ObservationLog.to_data] through the checked reader, then replay it.

        Any input that is not the format raises [`InvalidInput`][commissioning.InvalidInput]
        (or [`InvalidHistory`][commissioning.InvalidHistory] for records that do not fit)
        naming the path; an unknown ``format_version`` is refused.

        Examples:
            >>> ObservationLog.from_data({"format": "commissioning.observation-log",
            ...     "format_version": 1, "id": "r", "records": [7]})
            Traceback (most recent call last):
            ...
            commissioning.InvalidInputType: records[0]: expected a mapping (a JSON object), received 7
        """
        check_json(data)
        check_format(data, format_name=LOG_FORMAT, versions=(LOG_FORMAT_VERSION,))
        reader = Reader(data)
        reader.only_keys({"format", "format_version", "id", "records"})
        log_id = reader.key("id").text(non_empty=True)
        records = records_from_data(
            {
                "format": EVENTS_FORMAT,
                "format_version": EVENTS_FORMAT_VERSION,
                "records": reader.key("records").sequence(),
            }
        )
        for index, record in enumerate(records):
            if record.stream_id != log_id:
                raise InvalidHistory(index, record, f"expected stream {log_id!r}")
        return cls.replay(records) if records else cls(log_id)

    # -- queries ------------------------------------------------------------------------------

    def current(self) -> Mapping[tuple[str, ReportingPeriod], Observation]:
        """The fold of the log: the current observation per (measure, period) (read-only).

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> log.current()[("m", p)].value
            Decimal('5')
        """
        return self._current

    def value(
        self, measure_id: str, period: ReportingPeriod, *, as_of: dt.datetime | None = None
    ) -> Decimal | None:
        """The current value for a measure and period (optionally as known at a moment), or ``None``.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> log.value("m", p), log.value("m", p + 1)
            (Decimal('5'), None)
        """
        log = self if as_of is None else self.as_of(as_of)
        found = log.current().get((measure_id, period))
        return None if found is None else found.value

    def observations_of(self, measure_id: str, period: ReportingPeriod) -> tuple[Observation, ...]:
        """Every observation event for one measure and period, in order.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> len(log.observations_of("m", p))
            1
        """
        return tuple(e for e in self._observations if e.key == (measure_id, period))

    def series(
        self, measure_id: str, *, as_of: dt.datetime | None = None
    ) -> tuple[Observation, ...]:
        """The current observations of one measure, ordered by period.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> log, _ = log.record("m", p - 1, 4, at=pendulum.datetime(2026, 5, 3), actor="al")
            >>> [o.period.label for o in log.series("m")]
            ['2026-03', '2026-04']
        """
        if as_of is not None:
            return self.as_of(as_of).series(measure_id)
        found = self._by_measure.get(measure_id, MappingProxyType({})).values()
        return tuple(sorted(found, key=lambda o: (o.period.start, o.period.end)))

    def measure_ids(self) -> frozenset[str]:
        """Every measure with at least one event (current or not).

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> sorted(log.measure_ids())
            ['m']
        """
        return frozenset(e.measure_id for e in self._observations)

    def latest(
        self, measure_id: str, *, on: dt.date, as_of: dt.datetime | None = None
    ) -> Observation | None:
        """The current observation for the latest period that ended on or before ``on``.

        Only completed periods count: a period still running on ``on`` is ignored.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> log.latest("m", on=pendulum.Date(2026, 4, 30)).value, log.latest("m", on=pendulum.Date(2026, 4, 29))
            (Decimal('5'), None)
        """
        day = as_date(on, field="on")
        done = [o for o in self.series(measure_id, as_of=as_of) if o.period.end <= day]
        return done[-1] if done else None

    def __len__(self) -> int:
        """The number of observation events (the ``create`` record is not one)."""
        return len(self._observations)

    def to_records(self) -> list[dict[str, Any]]:
        """Every observation event as a flat record, in log order.

        Examples:
            >>> import pendulum
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("m", p, 5, at=pendulum.datetime(2026, 5, 2), actor="al")
            >>> log.to_records()[0]["period"]
            '2026-04'
        """
        return [e.to_record() for e in self._observations]

    def to_frame(self, *, exact: bool = False) -> Any:
        """The observation events as a ``pandas.DataFrame``, one row each (needs the ``pandas`` extra).

        Numbers are floats and moments ``datetime64`` unless ``exact=True``.

        Examples:
            >>> import pendulum
            >>> log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), "83.1",
            ...     at=pendulum.datetime(2026, 5, 1), actor="al")
            >>> log.to_frame()["value"].tolist()
            [83.1]
        """
        from ._tables import to_dataframe  # noqa: PLC0415 - pandas is optional, loaded on demand

        return to_dataframe(self, numbers="decimal" if exact else "float")

    def _repr_html_(self) -> str:
        columns = ["measure_id", "period", "value", "kind", "recorded_at", "source", "note"]
        return html_table(
            f"Observation log {self.id} ({len(self._observations)} events)",
            self.to_records(),
            columns,
        )


#: The stored form's name and version ([`ObservationLog.to_data`][commissioning.outcomes.ObservationLog.to_data]).
LOG_FORMAT = "commissioning.observation-log"
LOG_FORMAT_VERSION = 1

#: The commands an observation log accepts, in the order [`ObservationLog.options`][commissioning.outcomes.ObservationLog.options] lists them.
COMMANDS = ("record", "revise", "withdraw", "extend")
