"""The procurement aggregate: facts, the machine instance and its event records, immutable.

Every command returns ``(new procurement, record)``; nothing changes when a
command is refused (the engine raises :class:`~commissioning.GuardRejected`
naming each rule and its dates, or :class:`~commissioning.TransitionNotAllowed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._money import pounds
from .._time import as_utc
from .._validation import Checker
from ..machine import (
    EventOption,
    EventRecord,
    Instance,
    Verdict,
    records_from_data,
    records_to_data,
)
from ..thresholds import Regime
from ._context import History, Procedure, ProcurementContext
from ._facts import ProcurementFacts
from ._guards import expected_standstill_last_day, voluntary_change_standstill
from ._notices import NOTICE_TYPES, Notice
from ._pa_procedures import PA_PROCEDURES
from ._pcr import PCR_PROCEDURES
from ._psr import PSR_PROCEDURES

__all__ = ["PA_PROCEDURE_KEYS", "PROCEDURES", "Procurement", "procedure"]

#: Every procedure, by key: Procurement Act 2023 (``pa-*``), PCR 2015 (``pcr-*``) and PSR (``psr-*``).
PROCEDURES: MappingProxyType[str, Procedure] = MappingProxyType(
    {**PA_PROCEDURES, **PCR_PROCEDURES, **PSR_PROCEDURES}
)

#: The keys of the Procurement Act 2023 procedures, in a stable order.
PA_PROCEDURE_KEYS: tuple[str, ...] = tuple(PA_PROCEDURES)

FORMAT = "commissioning.procurement"
FORMAT_VERSION = 1


def procedure(key: str) -> Procedure:
    """The procedure called ``key`` (see :data:`PROCEDURES`).

    Examples:
        >>> procedure("pa-direct-award").citation
        'Procurement Act 2023 s.41 and Sch 5'
        >>> procedure("pa-closed")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: key: expected a procedure key (pa-open, pa-competitive-flexible, ...), received 'pa-closed'
    """
    try:
        return PROCEDURES[key]
    except (KeyError, TypeError):
        raise InvalidInput.of(
            "key", "a procedure key (pa-open, pa-competitive-flexible, ...)", key
        ) from None


def _jsonable(value: Any, field: str) -> Any:
    """Event data as JSON values: Decimal money as exact strings, dates as ISO strings."""
    if isinstance(value, Decimal):
        return str(pounds(value, field=field))
    if isinstance(value, dt.datetime):
        return as_utc(value, field=field).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v, f"{field}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v, f"{field}[{i}]") for i, v in enumerate(value)]
    return value


_STANDSTILL_EVENTS = frozenset(
    {"publish_UK6", "publish_award_decision", "publish_intention_notice"}
)


def _check_procedure_fits(facts: ProcurementFacts, proc: Procedure) -> None:
    check = Checker()
    if proc.regime in (Regime.PA_2023, Regime.PCR_2015):
        check.that(
            facts.regime is proc.regime,
            "procedure",
            f"a {facts.regime.value} procedure (the procurement commenced on "
            f"{facts.commenced_on.isoformat()})",
            proc.key,
        )
    if proc.key == "pa-below-threshold":
        check.that(
            not facts.above_threshold,
            "procedure",
            "a procedure for above-threshold contracts (the value is above the threshold)",
            proc.key,
        )
    if proc.key == "pa-light-touch":
        check.that(
            facts.light_touch,
            "facts.contract_type",
            "ContractType.LIGHT_TOUCH for the light touch procedure",
            facts.contract_type,
        )
    check.done()


@attrs.frozen
class Procurement:
    """One procurement: its facts, procedure, machine instance and event records (immutable).

    Start one with :meth:`start`; act on it with :meth:`act` (or :meth:`publish`
    for notices), each returning ``(new procurement, record)``; rebuild it from
    stored records with :meth:`replay`. The context the guards judge is built
    from the facts and the history, with the moment passed in (:meth:`context`).

    Attributes:
        id: the procurement's identity (carried by every record).
        facts: what is being procured, by whom and for how much.
        procedure: the procedure it follows.
        instance: its place in the procedure's machine.
        records: every event so far, in order.
        history: what has happened, folded from the records.
        started_at: when the procurement was started (UTC).

    Examples:
        >>> import datetime as dt, pendulum
        >>> from commissioning.procurement import Procurement, ProcurementFacts
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> facts = ProcurementFacts(title="Meals on wheels", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> p = Procurement.start("meals-2026", facts=facts, procedure="pa-open", at=t)
        >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
        >>> p, record = p.publish("UK4", at=t, actor="ann", content={"tender_deadline": "2026-04-02"})
        >>> p.state, record.version, p.notices[-1].code
        ('tendering', 2, 'UK4')
    """

    id: str
    facts: ProcurementFacts
    procedure: Procedure
    instance: Instance = attrs.field(repr=False)
    records: tuple[EventRecord, ...] = attrs.field(repr=False)
    history: History = attrs.field(repr=False)
    started_at: dt.datetime = attrs.field(repr=False)

    def __repr__(self) -> str:
        return (
            f"Procurement(id={self.id!r}, procedure={self.procedure.key!r}, "
            f"state={self.state!r}, version={self.version})"
        )

    # ------------------------------------------------------------ constructors
    @classmethod
    def start(
        cls,
        procurement_id: str,
        *,
        facts: ProcurementFacts,
        procedure: str | Procedure,
        at: dt.datetime,
    ) -> Procurement:
        """A new procurement in the procedure's initial state (``planning``), started ``at``.

        The procedure must fit the facts: the regime in force on the commencement
        day (PA or PCR; PSR processes are accepted for either), below-threshold
        only for values below threshold, the light touch procedure only for a
        light touch contract.
        """
        proc = _as_procedure(procedure)
        if not isinstance(facts, ProcurementFacts):
            raise InvalidInputType([Problem("facts", "a ProcurementFacts", facts, "type")])
        _check_procedure_fits(facts, proc)
        instance = proc.definition.start(procurement_id, at=at)
        return cls(procurement_id, facts, proc, instance, (), History(), instance.entered_at)

    @classmethod
    def replay(
        cls,
        records: Iterable[EventRecord],
        *,
        facts: ProcurementFacts,
        procedure: str | Procedure,
        procurement_id: str | None = None,
        started_at: dt.datetime | None = None,
    ) -> Procurement:
        """Rebuild a procurement from its stored records (guards judged them at the time).

        Raises :class:`~commissioning.InvalidHistory` when the records do not fit the
        procedure's machine.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p = Procurement.start("meals", facts=facts, procedure="pa-open", at=t)
            >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
            >>> Procurement.replay(p.records, facts=facts, procedure="pa-open", started_at=t) == p
            True
        """
        proc = _as_procedure(procedure)
        seq = tuple(records)
        if not isinstance(facts, ProcurementFacts):
            raise InvalidInputType([Problem("facts", "a ProcurementFacts", facts, "type")])
        instance = proc.definition.replay(seq, stream_id=procurement_id, started_at=started_at)
        history = History()
        for r in seq:
            history = history.after(r)
        start = (
            as_utc(started_at, field="started_at") if started_at is not None else seq[0].occurred_at
        )
        return cls(instance.id, facts, proc, instance, seq, history, start)

    # ----------------------------------------------------------------- queries
    @property
    def state(self) -> str:
        """The current state's name."""
        return self.instance.state

    @property
    def version(self) -> int:
        """How many events have happened."""
        return self.instance.version

    @property
    def is_final(self) -> bool:
        """Whether nothing more can happen (closed or cancelled)."""
        return self.instance.is_final

    @property
    def notices(self) -> tuple[Notice, ...]:
        """The PA notices published, in order."""
        return self.history.notices

    def context(self, *, at: dt.datetime) -> ProcurementContext:
        """The context guards judge for an event at moment ``at``."""
        return ProcurementContext(self.facts, self.procedure, self.history, as_utc(at))

    def can(self, event: str, *, at: dt.datetime, data: Mapping[str, Any] | None = None) -> Verdict:
        """Would ``event`` be allowed at ``at`` with ``data``? Nothing changes.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p = Procurement.start("meals", facts=facts, procedure="pa-open", at=t)
            >>> print(p.can("publish_UK4", at=t, data={"tender_deadline": "2026-03-20"}).reasons[0])
            [pa-s83-conflicts-assessed] Procurement Act 2023 s.83: no conflicts assessment was recorded before this notice on Mon 2 Mar 2026; record one (assess_conflicts) first
        """
        prepared = self._prepare(event, at, data)
        return self.instance.can(event, at=at, context=self.context(at=at), data=prepared)

    def options(self, *, at: dt.datetime) -> tuple[EventOption, ...]:
        """Every event the current state allows and, without event data, whether it could fire."""
        return self.instance.options(at=at, context=self.context(at=at))

    # ---------------------------------------------------------------- commands
    def act(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> tuple[Procurement, EventRecord]:
        """Fire ``event`` at ``at`` by ``actor``; return the new procurement and the record.

        ``data`` may hold ``Decimal`` money and ``date`` values; they are stored as
        exact strings. For award notices (UK6, the PCR award decision, the PSR notice
        of intention) the standstill's last day is computed with
        ``commissioning.periods`` and stored as ``standstill_last_day``; for a
        contract change notice (UK10) with ``voluntary_standstill_days`` likewise.
        """
        moment = as_utc(at)
        prepared = self._prepare(event, moment, data)
        context = self.context(at=moment)
        instance, (record,) = self.instance.fire(
            event,
            at=moment,
            actor=actor,
            data=prepared,
            context=context,
            expected_version=expected_version,
        )
        new = Procurement(
            self.id,
            self.facts,
            self.procedure,
            instance,
            (*self.records, record),
            self.history.after(record),
            self.started_at,
        )
        return new, record

    def publish(
        self,
        code: str,
        *,
        at: dt.datetime,
        actor: str,
        content: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> tuple[Procurement, EventRecord]:
        """Publish notice ``code`` (``"UK4"``, or a PCR/PSR notice name) with its ``content``.

        Same as ``act("publish_" + code, ...)``; the content is the event's data.
        """
        if code not in NOTICE_TYPES and not (isinstance(code, str) and code.isidentifier()):
            raise InvalidInput.of("code", "a notice code UK1 ... UK17 or a notice name", code)
        return self.act(
            f"publish_{code}", at=at, actor=actor, data=content, expected_version=expected_version
        )

    def as_of(self, *, at: dt.datetime) -> Procurement:
        """The procurement as it was at moment ``at`` (the records up to then)."""
        moment = as_utc(at)
        kept = [r for r in self.records if r.occurred_at <= moment]
        return Procurement.replay(
            kept,
            facts=self.facts,
            procedure=self.procedure,
            procurement_id=self.id,
            started_at=self.started_at,
        )

    def _prepare(
        self, event: str, at: dt.datetime, data: Mapping[str, Any] | None
    ) -> Mapping[str, Any] | None:
        if data is None and event not in _STANDSTILL_EVENTS:
            return None
        if data is not None and not isinstance(data, Mapping):
            raise InvalidInputType([Problem("data", "a mapping of event data", data, "type")])
        prepared: dict[str, Any] = _jsonable(dict(data or {}), "data")
        if event in _STANDSTILL_EVENTS or (
            event == "publish_UK10" and "voluntary_standstill_days" in prepared
        ):
            prepared.pop("standstill_last_day", None)
            context = self.context(at=at)
            if event == "publish_UK10":
                days = prepared["voluntary_standstill_days"]
                if isinstance(days, int) and not isinstance(days, bool) and days >= 8:
                    change_last = voluntary_change_standstill(context.on, days)
                    if change_last is not None:
                        prepared["standstill_last_day"] = change_last.isoformat()
            else:
                try:
                    last = expected_standstill_last_day(context, prepared)
                except InvalidInput:
                    last = None  # the guard reports the bad voluntary period
                if last is not None:
                    prepared["standstill_last_day"] = last.isoformat()
        return prepared

    # ----------------------------------------------------------- serialisation
    def to_data(self) -> dict[str, Any]:
        """The procurement as JSON-compatible data: facts, procedure key, start and records.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t).act(
            ...     "assess_conflicts", at=t, actor="ann")
            >>> Procurement.from_data(p.to_data()) == p
            True
        """
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "procedure": self.procedure.key,
            "started_at": self.started_at.isoformat(),
            "facts": self.facts.to_data(),
            "events": records_to_data(self.records),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Procurement:
        """Load a procurement written by :meth:`to_data`, checking the records fit the machine."""
        check = Checker()
        if not check.type("data", data, Mapping, "a mapping"):
            check.done()
        check.that(data.get("format") == FORMAT, "format", repr(FORMAT), data.get("format"))
        check.that(
            data.get("format_version") == FORMAT_VERSION,
            "format_version",
            str(FORMAT_VERSION),
            data.get("format_version"),
        )
        check.done()
        started = data.get("started_at")
        try:
            started_at = dt.datetime.fromisoformat(started) if isinstance(started, str) else None
        except ValueError:
            started_at = None
        if started_at is None:
            raise InvalidInput.of("started_at", "an ISO 8601 moment", started)
        return cls.replay(
            records_from_data(data.get("events")),
            facts=ProcurementFacts.from_data(data.get("facts", {})),
            procedure=data.get("procedure", ""),
            procurement_id=data.get("id"),
            started_at=started_at,
        )


def _as_procedure(value: str | Procedure) -> Procedure:
    if isinstance(value, Procedure):
        return value
    return procedure(value)
