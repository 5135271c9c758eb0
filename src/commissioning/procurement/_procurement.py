"""The procurement aggregate: facts, the machine instance and its event records, immutable.

Every command returns ``(new procurement, records)``; nothing changes when a
command is refused (the engine raises [`GuardRejected`][commissioning.GuardRejected]
naming each rule and its dates, or [`TransitionNotAllowed`][commissioning.TransitionNotAllowed]).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._aggregate import check_expected_version, check_format, records_until
from .._errors import Described, InvalidHistory, InvalidInput, InvalidInputType, Problem, _short
from .._money import pounds
from .._time import as_utc
from .._validation import Checker
from ..machine import (
    EVENTS_FORMAT,
    EVENTS_FORMAT_VERSION,
    EventOption,
    EventRecord,
    Instance,
    Verdict,
    record_to_data,
    records_from_data,
)
from ..thresholds import Regime
from ._context import History, Procedure, ProcurementContext
from ._facts import ProcurementFacts
from ._guards import expected_standstill_last_day, voluntary_change_standstill
from ._notices import NOTICE_TYPES, Notice
from ._pa_procedures import PA_PROCEDURES
from ._pcr import PCR_PROCEDURES
from ._psr import PSR_PROCEDURES
from ._registry import ProcedureRegistry

__all__ = ["PA_PROCEDURE_KEYS", "PROCEDURES", "Procurement", "procedure"]

#: Every procedure, by key: Procurement Act 2023 (``pa-*``), PCR 2015 (``pcr-*``) and PSR (``psr-*``).
#: A read-only mapping; each procedure (and its machine) is built when first asked for, then kept.
PROCEDURES: Mapping[str, Procedure] = ProcedureRegistry.joining(
    PA_PROCEDURES, PCR_PROCEDURES, PSR_PROCEDURES
)

#: The keys of the Procurement Act 2023 procedures, in a stable order.
PA_PROCEDURE_KEYS: tuple[str, ...] = tuple(PA_PROCEDURES)

FORMAT = "commissioning.procurement"
#: 2 since issue 11: the records are record documents, the creation record first.
FORMAT_VERSION = 2


def procedure(key: str) -> Procedure:
    """The procedure called ``key`` (see [`PROCEDURES`][commissioning.procurement]).

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

    A procurement is an aggregate (issue 11): [`start`][commissioning.procurement.Procurement.start] returns it with its
    creation record (version 1, event ``"start"``, whose data holds the facts and
    the procedure key); every command ([`act`][commissioning.procurement.Procurement.act], [`publish`][commissioning.procurement.Procurement.publish],
    [`abandon`][commissioning.procurement.Procurement.abandon]) takes ``at``, ``actor`` and ``expected_version`` and returns
    ``(new procurement, records)``; [`can`][commissioning.procurement.Procurement.can] and [`options`][commissioning.procurement.Procurement.options] ask without
    changing anything; [`replay`][commissioning.procurement.Procurement.replay] rebuilds it from its records alone, and
    [`as_of`][commissioning.procurement.Procurement.as_of] shows it as it was. The context the guards judge is built from
    the facts and the timeline, with the moment passed in ([`context`][commissioning.procurement.Procurement.context]).

    Attributes:
        id: the procurement's identity (every record's ``stream_id``).
        facts: what is being procured, by whom and for how much.
        procedure: the procedure it follows.
        instance: its place in the procedure's machine (whose own versions are one
            behind: the machine has no creation record).
        history: every record so far, in order, the creation record first
            (``len(history) == version``).
        timeline: what has happened, folded from the records: notices, deadlines,
            award, contract, payments (a [`History`][commissioning.procurement.History];
            this attribute was called ``history`` before issue 11).
        started_at: when the procurement was started (UTC).

    Examples:
        >>> import datetime as dt, pendulum
        >>> from commissioning.procurement import Procurement, ProcurementFacts
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> facts = ProcurementFacts(title="Meals on wheels", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> p, (created,) = Procurement.start("meals-2026", facts=facts, procedure="pa-open",
        ...                                   at=t, actor="ann")
        >>> created.version, created.event, created.data["procedure"]
        (1, 'start', 'pa-open')
        >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
        >>> p, (record,) = p.publish("UK4", at=t, actor="ann", content={"tender_deadline": "2026-04-02"})
        >>> p.state, record.version, p.version, p.notices[-1].code
        ('tendering', 3, 3, 'UK4')
        >>> Procurement.replay(p.history) == p
        True
    """

    id: str
    facts: ProcurementFacts
    procedure: Procedure
    instance: Instance = attrs.field(repr=False)
    history: tuple[EventRecord, ...] = attrs.field(repr=False)
    timeline: History = attrs.field(repr=False)
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
        actor: str,
    ) -> tuple[Procurement, tuple[EventRecord]]:
        """A new procurement in the procedure's initial state (``planning``), and its creation record.

        The procedure must fit the facts: the regime in force on the commencement
        day (PA or PCR; PSR processes are accepted for either), below-threshold
        only for values below threshold, the light touch procedure only for a
        light touch contract. The creation record (version 1, event ``"start"``)
        holds the facts and the procedure key in its data, so the records alone
        rebuild the procurement ([`replay`][commissioning.procurement.Procurement.replay]).
        """
        proc = _as_procedure(procedure)
        if not isinstance(facts, ProcurementFacts):
            raise InvalidInputType([Problem("facts", "a ProcurementFacts", facts, "type")])
        _check_procedure_fits(facts, proc)
        instance = proc.definition.start(procurement_id, at=at)
        record = EventRecord(
            procurement_id,
            1,
            START,
            instance.started_at,
            actor,
            {"facts": facts.to_data(), "procedure": proc.key},
            (),
            None,
            instance.state,
        )
        new = cls(procurement_id, facts, proc, instance, (record,), History(), record.occurred_at)
        return new, (record,)

    @classmethod
    def replay(
        cls,
        records: Iterable[EventRecord],
        *,
        procedures: Mapping[str, Procedure] | Iterable[Procedure] = (),
    ) -> Procurement:
        """Rebuild a procurement from its records alone (guards judged them at the time).

        The first record must be the creation record [`start`][commissioning.procurement.Procurement.start] wrote; its
        procedure key is looked up in [`PROCEDURES`][commissioning.procurement.Procurement], or in ``procedures``
        for a procedure of your own. Raises [`InvalidHistory`][commissioning.InvalidHistory]
        naming the first record that does not fit, and why.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
            >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
            >>> Procurement.replay(p.history) == p
            True
            >>> Procurement.replay(p.history[1:])
            Traceback (most recent call last):
            ...
            commissioning.InvalidHistory: record 0 does not fit the history: expected the procurement's creation record (version 1, event 'start'), received version 2, event 'assess_conflicts'
        """
        seq = tuple(records)
        if not seq:
            raise InvalidInput.of("records", "at least the creation record (version 1)", seq)
        first = seq[0]
        facts, proc = _created(first, _registry(procedures))
        instance = proc.definition.start(first.stream_id, at=first.occurred_at)
        timeline = History()
        for index, record in enumerate(seq[1:], start=1):
            if record.__class__ is not EventRecord:
                raise InvalidHistory(
                    index, record, f"expected an EventRecord, received {_short(record)}"
                )
            if record.version.__class__ is not int or record.version < 2:
                raise InvalidHistory(
                    index,
                    record,
                    f"expected version {index + 1}, received {_short(record.version)}",
                )
            try:
                instance = instance.apply(_renumbered(record, record.version - 1))
            except InvalidHistory as err:
                raise InvalidHistory(index, record, err.reason) from None
            timeline = timeline.after(record)
        return cls(first.stream_id, facts, proc, instance, seq, timeline, first.occurred_at)

    # ----------------------------------------------------------------- queries
    @property
    def state(self) -> str:
        """The current state's name."""
        return self.instance.state

    @property
    def version(self) -> int:
        """How many records it has (the creation record counts: 1 when new)."""
        return len(self.history)

    @property
    def is_final(self) -> bool:
        """Whether nothing more can happen (closed or cancelled)."""
        return self.instance.is_final

    @property
    def notices(self) -> tuple[Notice, ...]:
        """The PA notices published, in order."""
        return self.timeline.notices

    def context(self, *, at: dt.datetime) -> ProcurementContext:
        """The context guards judge for an event at moment ``at``."""
        return ProcurementContext(self.facts, self.procedure, self.timeline, as_utc(at))

    def can(
        self,
        event: str,
        *,
        at: dt.datetime,
        context: None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Verdict:
        """Would ``event`` be allowed at ``at`` with ``data``? Nothing changes.

        A procurement builds its guards' context itself ([`context`][commissioning.procurement.Procurement.context]), so
        ``context`` must be left out.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
            >>> print(p.can("publish_UK4", at=t, data={"tender_deadline": "2026-03-20"}).reasons[0])
            [pa-s83-conflicts-assessed] Procurement Act 2023 s.83: no conflicts assessment was recorded before this notice on Mon 2 Mar 2026; record one (assess_conflicts) first
        """
        _no_context(context)
        prepared = self._prepare(event, at, data)
        return self.instance.can(event, at=at, context=self.context(at=at), data=prepared)

    def options(
        self,
        *,
        at: dt.datetime,
        context: None = None,
        data: Mapping[str, Any] | None = None,
    ) -> tuple[EventOption, ...]:
        """Every event the current state allows at ``at``, whether it could fire, and why not."""
        _no_context(context)
        frozen = None if data is None else _jsonable(dict(data), "data")
        return self.instance.options(at=at, context=self.context(at=at), data=frozen)

    # ---------------------------------------------------------------- commands
    def act(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> tuple[Procurement, tuple[EventRecord]]:
        """Fire ``event`` at ``at`` by ``actor``; return the new procurement and its records.

        ``expected_version`` (an ``int``) is checked first:
        [`VersionConflict`][commissioning.VersionConflict] when the procurement is at another
        version. ``data`` may hold ``Decimal`` money and ``date`` values; they are
        stored as exact strings. For award notices (UK6, the PCR award decision,
        the PSR notice of intention) the standstill's last day is computed with
        ``commissioning.periods`` and stored as ``standstill_last_day``; for a
        contract change notice (UK10) with ``voluntary_standstill_days`` likewise.
        """
        check_expected_version(self.id, expected_version, self.version)
        moment = as_utc(at)
        prepared = self._prepare(event, moment, data)
        context = self.context(at=moment)
        instance, (machine,) = self.instance.fire(
            event, at=moment, actor=actor, data=prepared, context=context
        )
        record = _renumbered(machine, self.version + 1)
        new = Procurement(
            self.id,
            self.facts,
            self.procedure,
            instance,
            (*self.history, record),
            self.timeline.after(record),
            self.started_at,
        )
        return new, (record,)

    def publish(
        self,
        code: str,
        *,
        at: dt.datetime,
        actor: str,
        content: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> tuple[Procurement, tuple[EventRecord]]:
        """Publish notice ``code`` (``"UK4"``, or a PCR/PSR notice name) with its ``content``.

        Same as ``act("publish_" + code, ...)``; the content is the event's data.
        A code that looks like a UK notice code but is not one is refused naming
        the codes there are:

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
            >>> p.publish("UK99", at=t, actor="ann")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: code: expected a notice code, one of UK1, UK2, UK3, UK4, UK5, UK6, UK7, UK8, UK9, UK10, UK11, UK12, UK13, UK14, UK15, UK16, UK17, received 'UK99', which is not a notice code
        """
        if code not in NOTICE_TYPES and (
            not isinstance(code, str) or _LOOKS_LIKE_UK.match(code) or not code.isidentifier()
        ):
            raise InvalidInput(
                [
                    Problem(
                        "code",
                        "a notice code, one of " + ", ".join(NOTICE_TYPES),
                        Described(f"{_short(code)}, which is not a notice code", code),
                    )
                ]
            )
        return self.act(
            f"publish_{code}", at=at, actor=actor, data=content, expected_version=expected_version
        )

    def abandon(
        self,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> tuple[Procurement, tuple[EventRecord]]:
        """Decide not to award: fire ``abandon``; the record says where it led and whether a UK12 is owed.

        Under the Procurement Act 2023 s.55, once a tender or transparency notice
        (UK4, UK5) has been published, abandoning leads to ``abandoning`` and a
        procurement termination notice (UK12) is owed; before that it leads
        straight to ``cancelled`` and none is. The record's data says so
        (``leads_to``, ``uk12_owed``), and its ``target`` is the state entered.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
            >>> p, (record,) = p.abandon(at=t, actor="ann")
            >>> record.target, record.data["uk12_owed"], p.state
            ('cancelled', False, 'cancelled')
        """
        context = self.context(at=at)
        target = None
        for option in self.instance.options(at=at, context=context, data=data):
            if option.event == ABANDON:
                target = option.target
        prepared = dict(data or {})
        if target is not None:
            prepared["leads_to"] = target
            prepared["uk12_owed"] = target == "abandoning"
        return self.act(
            ABANDON, at=at, actor=actor, data=prepared, expected_version=expected_version
        )

    def as_of(self, at: dt.datetime) -> Procurement:
        """The procurement as it was at moment ``at`` (its records up to then, replayed)."""
        moment = as_utc(at)
        if moment < self.started_at:
            raise InvalidInput.of(
                "at",
                f"a moment on or after the procurement started ({self.started_at.isoformat()})",
                at,
            )
        return Procurement.replay(records_until(self.history, moment), procedures=[self.procedure])

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
        """The stored form: format, id, procedure key and every record as a record document.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
            >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
            >>> data = p.to_data()
            >>> data["format"], data["format_version"], len(data["records"])
            ('commissioning.procurement', 2, 2)
            >>> Procurement.from_data(data) == p
            True
        """
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "procedure": self.procedure.key,
            "records": [record_to_data(r) for r in self.history],
        }

    @classmethod
    def from_data(
        cls,
        data: Mapping[str, Any],
        *,
        procedures: Mapping[str, Procedure] | Iterable[Procedure] = (),
    ) -> Procurement:
        """Load a procurement written by [`to_data`][commissioning.procurement.Procurement.to_data], checking the records fit the machine.

        ``procedures`` resolves a procedure of your own (not in [`PROCEDURES`][commissioning.procurement.Procurement])
        by its key. An older or newer ``format_version`` is refused.
        """
        check_format(data, format_name=FORMAT, versions=(FORMAT_VERSION,))
        records = records_from_data(
            {
                "format": EVENTS_FORMAT,
                "format_version": EVENTS_FORMAT_VERSION,
                "records": data.get("records"),
            }
        )
        p = cls.replay(records, procedures=procedures)
        check = Checker()
        check.that(
            data.get("id") == p.id, "id", f"{p.id!r} (the records' stream id)", data.get("id")
        )
        check.that(
            data.get("procedure") == p.procedure.key,
            "procedure",
            f"{p.procedure.key!r} (the creation record's procedure)",
            data.get("procedure"),
        )
        check.done()
        return p


START = "start"
ABANDON = "abandon"
_LOOKS_LIKE_UK = re.compile(r"^\s*[Uu][Kk]\s*\d")


def _no_context(context: object) -> None:
    if context is not None:
        raise InvalidInput.of(
            "context",
            "None (a procurement builds its guards' context from its facts and timeline)",
            context,
        )


def _renumbered(record: EventRecord, version: int) -> EventRecord:
    return EventRecord(
        record.stream_id,
        version,
        record.event,
        record.occurred_at,
        record.actor,
        record.data,
        record.path,
        record.source,
        record.target,
    )


def _registry(
    procedures: Mapping[str, Procedure] | Iterable[Procedure],
) -> Mapping[str, Procedure]:
    if isinstance(procedures, Mapping):
        given = dict(procedures)
    else:
        given = {}
        for i, proc in enumerate(procedures):
            if not isinstance(proc, Procedure):
                raise InvalidInputType([Problem(f"procedures[{i}]", "a Procedure", proc, "type")])
            given[proc.key] = proc
    return {**PROCEDURES, **given}


def _created(
    first: object, procedures: Mapping[str, Procedure]
) -> tuple[ProcurementFacts, Procedure]:
    """The facts and procedure held by a procurement's creation record."""
    if not isinstance(first, EventRecord) or first.version != 1 or first.event != START:
        got = (
            f"version {_short(first.version)}, event {_short(first.event)}"
            if isinstance(first, EventRecord)
            else _short(first)
        )
        raise InvalidHistory(
            0,
            first,
            f"expected the procurement's creation record (version 1, event 'start'), received {got}",
        )
    key = first.data.get("procedure")
    if not isinstance(key, str) or key not in procedures:
        raise InvalidHistory(
            0,
            first,
            f"the procedure {_short(key)} is not registered: pass it as procedures=[...]",
        )
    raw_facts = first.data.get("facts")
    try:
        if not isinstance(raw_facts, Mapping):
            raise InvalidInputType([Problem("facts", "a mapping", raw_facts, "type")])
        facts = ProcurementFacts.from_data(raw_facts)
    except InvalidInput as err:
        raise InvalidHistory(0, first, f"its facts are not valid: {err}") from None
    return facts, procedures[key]


def _as_procedure(value: str | Procedure) -> Procedure:
    if isinstance(value, Procedure):
        return value
    return procedure(value)
