"""The procurement aggregate: facts, the machine instance and its event records, immutable.

Every command returns ``(new procurement, records)``; nothing changes when a
command is refused (the engine raises [`GuardRejected`][commissioning.GuardRejected]
naming each rule and its dates, or [`TransitionNotAllowed`][commissioning.TransitionNotAllowed]).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._aggregate import check_expected_version, check_format, records_until
from .._errors import (
    Described,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    _short,
)
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
from . import _lotted
from ._catalogue import PA_PROCEDURE_KEYS, PROCEDURES, _as_procedure, _registry, procedure
from ._context import History, Procedure, ProcurementContext
from ._facts import ProcurementFacts
from ._notices import NOTICE_TYPES, Notice
from ._starting import (
    ABANDON,
    START,
    _check_procedure_fits,
    _created,
    _jsonable,
    _no_context,
    _renumbered,
    _step,
)
from ._starting import prepared as _prepared

__all__ = ["PA_PROCEDURE_KEYS", "PROCEDURES", "Procurement", "procedure"]

FORMAT = "commissioning.procurement"
#: 2 since issue 11: the records are record documents, the creation record first.
FORMAT_VERSION = 2


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
        lot_views: for a procurement divided into lots (``facts.lots``), each lot's own
            procurement, in the order of the lots (see [`lots`][commissioning.procurement.Procurement.lots]); ``()`` otherwise.

    A procurement divided into lots (``facts.lots``, PA s.18) is one aggregate and one
    stream, and each lot is awarded, contracted and managed on its own: every command
    takes ``lots=`` (a lot id or a list of them; by default every lot still in
    progress), each named lot's own procurement judges it, and one record holds the
    state each lot entered (``data["lot_states"]``). The whole is where its least
    advanced lot is, and final only when every lot is; its ``instance`` is that lot's.

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
    lot_views: tuple[Procurement, ...] = attrs.field(default=(), repr=False)

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
        views = cls._start_lots(record, facts, proc)
        new = cls(
            procurement_id,
            facts,
            proc,
            _lotted.lagging(views) if views else instance,
            (record,),
            History(),
            record.occurred_at,
            views,
        )
        return new, (record,)

    @classmethod
    def _start_lots(
        cls, first: EventRecord, facts: ProcurementFacts, proc: Procedure
    ) -> tuple[Procurement, ...]:
        """Each lot's own procurement, started with the whole (none without lots)."""
        views = []
        for lot in facts.lots:
            view, _ = cls.start(
                _lotted.lot_view_id(first.stream_id, lot.id),
                facts=facts.for_lot(lot.id),
                procedure=proc,
                at=first.occurred_at,
                actor=first.actor,
            )
            views.append(view)
        return tuple(views)

    def followed_by(self, record: EventRecord) -> Procurement:
        """This procurement once ``record`` (its next record, judged when it was made) has happened.

        No guards run: this is one step of [`replay`][commissioning.procurement.Procurement.replay]. Raises
        [`InvalidHistory`][commissioning.InvalidHistory] when the record does not fit.
        """
        instance, views = _step(
            self.instance, self.lot_views, self.facts, record, self.version, self.history[-1]
        )
        return self._then(record, instance, views)

    def followed_by_lots(self, records: Mapping[str, EventRecord]) -> Procurement:
        """This procurement (divided into lots) once each named lot's next record has happened.

        ``records`` maps lot ids to each lot's own next record (its stream id,
        version and source fit that lot's procurement in [`lots`][commissioning.procurement.Procurement.lots]), all of one
        event at one moment by one actor, judged elsewhere (an importer reading
        published notices lot by lot). They become one record of the whole, as a
        command on those lots would have written it; no guards run. Raises
        [`InvalidInput`][commissioning.InvalidInput] for an unknown lot or records that are not of one
        event, moment and actor, and [`InvalidHistory`][commissioning.InvalidHistory] for a record that
        does not fit its lot.
        """
        record, views = _lotted.merged(self, records)
        return self._then(record, _lotted.lagging(views), views)

    def _then(
        self, record: EventRecord, instance: Instance, views: tuple[Procurement, ...] = ()
    ) -> Procurement:
        """This procurement with ``record`` appended, in ``instance`` and with lot ``views``."""
        return Procurement(
            self.id,
            self.facts,
            self.procedure,
            instance,
            (*self.history, record),
            self.timeline.after(record),
            self.started_at,
            views,
        )

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
        try:
            views = cls._start_lots(first, facts, proc)
        except InvalidInput as err:
            raise InvalidHistory(0, first, f"its lots cannot start: {err}") from None
        instance = (
            _lotted.lagging(views)
            if views
            else proc.definition.start(first.stream_id, at=first.occurred_at)
        )
        timeline = History()
        for index, record in enumerate(seq[1:], start=1):
            instance, views = _step(instance, views, facts, record, index, seq[index - 1])
            timeline = timeline.after(record)
        return cls(first.stream_id, facts, proc, instance, seq, timeline, first.occurred_at, views)

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
        lots: str | Iterable[str] | None = None,
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
        if self.lot_views:
            _lotted.check_data(data)
            positions = _lotted.targets(self, lots, event)
            answer = _lotted.verdict(
                self, event, positions, lambda view: view.can(event, at=at, data=data)
            )
            if answer.allowed and isinstance(data, Mapping):
                ids = [self.facts.lots[i].id for i in positions]
                limit = _lotted.lots_per_supplier(self, dict.fromkeys(ids, data))
                if limit is not None:
                    return Verdict(allowed=False, reasons=(limit,))
            return answer
        self._no_lots(lots)
        prepared = _prepared(self, event, at, data)
        return self.instance.can(event, at=at, context=self.context(at=at), data=prepared)

    def options(
        self,
        *,
        at: dt.datetime,
        context: None = None,
        data: Mapping[str, Any] | None = None,
        lots: str | Iterable[str] | None = None,
    ) -> tuple[EventOption, ...]:
        """Every event the current state allows at ``at``, whether it could fire, and why not.

        For a procurement divided into lots: the events the state of every lot named
        by ``lots`` (by default every lot in progress) allows, allowed where every
        one of them would allow it; the reasons name the lot.
        """
        _no_context(context)
        if self.lot_views:
            if lots is None and self.is_final:
                return ()  # every lot is over: nothing is allowed
            positions = _lotted.targets(self, lots, None)
            return _lotted.merged_options(
                self, positions, lambda view: view.options(at=at, data=data)
            )
        self._no_lots(lots)
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
        lots: str | Iterable[str] | None = None,
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
        if self.lot_views:
            return self._act_on_lots(
                event,
                moment,
                actor,
                lots,
                lambda view: view.act(event, at=moment, actor=actor, data=data),
                data,
            )
        self._no_lots(lots)
        prepared = _prepared(self, event, moment, data)
        context = self.context(at=moment)
        instance, (machine,) = self.instance.fire(
            event, at=moment, actor=actor, data=prepared, context=context
        )
        record = _renumbered(machine, self.version + 1)
        return self._then(record, instance), (record,)

    def _act_on_lots(
        self,
        event: str,
        moment: dt.datetime,
        actor: str,
        lots: str | Iterable[str] | None,
        command: Any,
        data: Mapping[str, Any] | None,
    ) -> tuple[Procurement, tuple[EventRecord]]:
        _lotted.check_data(data)
        positions = _lotted.targets(self, lots, event)
        records = _lotted.judged(self, event, positions, command)
        record, views = _lotted.record_of(self, event, records, moment, actor)
        return self._then(record, _lotted.lagging(views), views), (record,)

    def _no_lots(self, lots: object) -> None:
        if lots is not None:
            raise InvalidInput.of("lots", "None: this procurement is not divided into lots", lots)

    # ------------------------------------------------------------------- lots
    @property
    def lots(self) -> Mapping[str, Procurement]:
        """Each lot's own procurement, by lot id, in the order of the lots (empty without lots).

        A lot's procurement has the id ``"<id>/lots/<lot id>"``, the facts of its
        contract ([`ProcurementFacts.for_lot`][commissioning.procurement.ProcurementFacts.for_lot]) and its own records, state,
        timeline and obligations.

        Examples:
            >>> import datetime as dt, pendulum
            >>> from commissioning.procurement import Lot
            >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
            ...     authority="sub-central", contract_type="services",
            ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2),
            ...     lots=[Lot("1", "Hot meals", "350000"), Lot("2", "Frozen meals", "250000")])
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
            >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
            >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
            >>> p, (record,) = p.publish("UK4", at=t, actor="ann", content={"tender_deadline": "2026-04-02"})
            >>> dict(record.data["lot_states"])
            {'1': 'tendering', '2': 'tendering'}
            >>> [(lot_id, lot.state, lot.version) for lot_id, lot in p.lots.items()]
            [('1', 'tendering', 3), ('2', 'tendering', 3)]
            >>> p.lots["2"].id, p.state, p.version
            ('meals/lots/2', 'tendering', 3)
        """
        return MappingProxyType(
            {lot.id: view for lot, view in zip(self.facts.lots, self.lot_views, strict=True)}
        )

    def publish(
        self,
        code: str,
        *,
        at: dt.datetime,
        actor: str,
        content: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
        lots: str | Iterable[str] | None = None,
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
            f"publish_{code}",
            at=at,
            actor=actor,
            data=content,
            expected_version=expected_version,
            lots=lots,
        )

    def abandon(
        self,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
        lots: str | Iterable[str] | None = None,
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
        if self.lot_views:
            check_expected_version(self.id, expected_version, self.version)
            moment = as_utc(at)
            return self._act_on_lots(
                ABANDON,
                moment,
                actor,
                lots,
                lambda view: view.abandon(at=moment, actor=actor, data=data),
                data,
            )
        self._no_lots(lots)
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


_LOOKS_LIKE_UK = re.compile(r"^\s*[Uu][Kk]\s*\d")
