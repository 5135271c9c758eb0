"""The commissioning cycle aggregate: immutable, every command a record, state a fold of records.

A [`CommissioningCycle`][commissioning.cycle.CommissioningCycle] holds a service area, its framework, the evidence
and approvals recorded so far, the framework machine's instance (with the
procurement procedure as its child while one runs), the procurement it started,
and its [`history`][commissioning.cycle.CommissioningCycle]: the
[`EventRecord`][commissioning.machine.EventRecord] values that built it. It follows the
library's one aggregate protocol (issue 11): [`start`][commissioning.cycle.CommissioningCycle.start]
and every command ([`record`][commissioning.cycle.CommissioningCycle.record],
[`approve`][commissioning.cycle.CommissioningCycle.approve], [`fire`][commissioning.cycle.CommissioningCycle.fire] and its
helpers) take ``at``, ``actor`` and ``expected_version`` and return
``(new cycle, records)``; [`replay`][commissioning.cycle.CommissioningCycle.replay] folds the records
alone back into the same cycle.

What each record holds (the envelope's ``data``; nothing else is needed to rebuild):

* ``start`` (version 1): ``service_area``, ``framework`` (its stored form, naming
  its procedure keys) and ``lineage`` (the link to the previous cycle, or null);
* ``record``: ``evidence``, the evidence's stored form (with its ``kind``);
* ``approve``: ``approval``, the approval's stored form;
* a framework event (``advance``, ``procure``, ``revisit:<step>``...): the
  machine's own data, ``source`` and ``target``; ``procure`` with a procurement
  also holds ``procurement``, the procurement's creation record document;
* a procurement event: ``path == ("procuring",)``, the procurement's data,
  ``source`` and ``target``. While the cycle is in ``procuring`` it moves the
  child machine and the procurement; after the cycle has left ``procuring``
  (the contract's later life: contract notices, payments, termination) it
  moves the procurement only, so the cycle's stream alone rebuilds both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .._aggregate import check_expected_version, check_format, records_until
from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._reader import Reader, check_json
from .._time import as_utc
from .._validation import Checker
from ..machine import (
    EventRecord,
    Instance,
    record_from_data,
    record_to_data,
)
from ..procurement import Procedure, Procurement
from ._cycle_fold import (
    check_open,
    with_approval,
    with_contract_event,
    with_evidence,
    with_transition,
)
from ._cycle_log import (
    APPROVE,
    COMMANDS,
    RECORD,
    START,
    frameworks_by_name,
    started,
    text,
)
from ._cycle_queries import CycleQueries
from ._evidence import (
    EVIDENCE_TYPES,
    Evidence,
)
from ._frameworks import (
    ADVANCE,
    CONCLUDE,
    CONCLUDED,
    PROCURE,
    PROCURING,
    Framework,
)
from ._governance import Approval
from ._lineage import LineageLink, inherit
from ._requirements import EvidenceEntry, RequirementCheck

__all__ = ["CYCLE_FORMAT", "CYCLE_FORMAT_VERSION", "CommissioningCycle"]

E = TypeVar("E")

#: The ``format`` of a cycle's stored form ([`CommissioningCycle.to_data`][commissioning.cycle.CommissioningCycle.to_data]).
CYCLE_FORMAT = "commissioning.cycle"
#: The version of that stored form this release writes and reads.
CYCLE_FORMAT_VERSION = 1


@attrs.frozen
class CommissioningCycle(CycleQueries):
    """One commissioning cycle of a service area: evidence, approvals, its machine, its records.

    An aggregate (issue 11): start one with [`start`][commissioning.cycle.CommissioningCycle.start]; change it only
    through commands, each of which takes ``at``, ``actor`` and
    ``expected_version`` and returns ``(new cycle, records)``, leaving the old
    cycle as it was. Guards read the evidence and approvals and say precisely
    what is missing, as [`Reason`][commissioning.machine.Reason] values whose ``rule`` is
    ``step/requirement`` (``"customers/engagement"``).

    Attributes:
        id: the cycle's identity (every record's ``stream_id``).
        service_area: the service commissioned.
        framework: the framework it runs under.
        instance: its place in the framework's machine (with the procurement child while procuring).
        entries: every evidence record with when and by whom it was recorded.
        approvals: every approval recorded.
        history: every record, the creation record first (``len(history) == version``).
        lineage: the link to the previous cycle of the service, if any.
        procurement: the procurement it started with [`procure`][commissioning.cycle.CommissioningCycle.procure], if any.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import Question, cabinet_office
        >>> t = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)
        >>> c, _ = CommissioningCycle.start("meals-1", service_area="Community meals",
        ...                                 framework=cabinet_office(), at=t, actor="amira")
        >>> print(*c.blockers(at=t))
        [question/question] step 1 "What's the question?" needs a stated question and its scope; none is recorded
        >>> c, _ = c.record(Question("Who needs a hot meal?", "Residents 65+", t.date()), at=t, actor="amira")
        >>> c, (rec,) = c.advance(at=t, actor="amira", expected_version=2)
        >>> c.state, rec.version, rec.source, rec.target
        ('customers', 3, 'question', 'customers')
    """

    id: str
    service_area: str
    framework: Framework
    instance: Instance = attrs.field(repr=False)
    entries: tuple[EvidenceEntry, ...] = attrs.field(repr=False)
    approvals: tuple[Approval, ...] = attrs.field(repr=False)
    history: tuple[EventRecord, ...] = attrs.field(repr=False)
    lineage: LineageLink | None = None
    procurement: Procurement | None = attrs.field(default=None, repr=False)

    # ----------------------------------------------------------------- creation
    @classmethod
    def start(
        cls,
        cycle_id: str,
        *,
        service_area: str,
        framework: Framework,
        at: dt.datetime,
        actor: str,
        lineage: LineageLink | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Start a cycle for ``service_area`` under ``framework``: the creation record (version 1).

        Its data holds the service area, the framework's stored form and the
        lineage link, so the records alone rebuild the cycle ([`replay`][commissioning.cycle.CommissioningCycle.replay]).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import ipc
            >>> c, (r,) = CommissioningCycle.start("reablement-1", service_area="Reablement",
            ...     framework=ipc(), at=dt.datetime(2026, 2, 2, tzinfo=dt.UTC), actor="jo")
            >>> c.state, r.version, r.event, r.data["framework"]["name"], r.target
            ('analyse', 1, 'start', 'ipc', 'analyse')
        """
        check = Checker()
        text(check, "cycle_id", cycle_id)
        text(check, "service_area", service_area)
        check.type("framework", framework, Framework, "a Framework")
        text(check, "actor", actor)
        if lineage is not None:
            check.type("lineage", lineage, LineageLink, "a LineageLink or None")
        try:
            moment = as_utc(at)
        except InvalidInput as err:
            check.extend(err)
        check.done()
        if lineage is not None and moment < lineage.previous_ended_at:
            raise InvalidInput.of(
                "at",
                f"a moment on or after the previous cycle ended ({lineage.previous_ended_at.isoformat()})",
                moment.isoformat(),
            )
        record = EventRecord(
            cycle_id,
            1,
            START,
            moment,
            actor,
            {
                "service_area": service_area,
                "framework": framework.to_data(),
                "lineage": None if lineage is None else lineage.to_data(),
            },
            (),
            None,
            framework.definition.initial,
        )
        return cls._from_start(record, service_area, framework, lineage), (record,)

    @classmethod
    def _from_start(
        cls,
        record: EventRecord,
        service_area: str,
        framework: Framework,
        lineage: LineageLink | None,
    ) -> CommissioningCycle:
        instance = framework.definition.start(record.stream_id, at=record.occurred_at)
        return cls(record.stream_id, service_area, framework, instance, (), (), (record,), lineage)

    @classmethod
    def replay(
        cls,
        records: Iterable[EventRecord],
        *,
        frameworks: Iterable[Framework] | Mapping[str, Framework] = (),
        procedures: Iterable[Any] = (),
        checks: Mapping[str, RequirementCheck] | None = None,
        verify: bool = True,
    ) -> CommissioningCycle:
        """Rebuild a cycle from its records alone, checking that they fit.

        The framework comes from the creation record's stored form: registered
        procedure keys resolve by themselves; pass ``procedures`` for machines of
        your own and ``checks`` for custom requirement kinds, or pass the
        framework itself in ``frameworks`` (it must be the one stored).

        Raises [`InvalidHistory`][commissioning.InvalidHistory] naming the first record that
        does not fit: not this cycle's, out of sequence, back in time, malformed
        data, or a transition the framework does not allow. With ``verify`` (the
        default), every transition of the cycle itself is judged again by its
        guards, at its own moment, on the evidence and approvals recorded before
        it: everything they judge is in the log, so a log in which a step was
        skipped without its evidence is refused. (Procurement events are not
        judged again: their guards judged the procurement's own context then.)

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> CommissioningCycle.replay(first.history) == first
            True
            >>> CommissioningCycle.replay(first.history[1:])
            Traceback (most recent call last):
            ...
            commissioning.InvalidHistory: record 0 does not fit the history: expected the cycle's creation record (version 1, event 'start'), received version 2, event 'record'
        """
        seq = tuple(records)
        if not seq:
            raise InvalidInput.of("records", "at least the cycle's creation record", seq)
        given = tuple(procedures)
        service_area, framework, lineage = started(
            seq[0], frameworks=frameworks_by_name(frameworks), procedures=given, checks=checks
        )
        cycle = cls._from_start(seq[0], service_area, framework, lineage)
        own = [p for p in given if isinstance(p, Procedure)]
        for index, record in enumerate(seq[1:], start=1):
            cycle = cycle._apply(index, record, verify=verify, procedures=own)  # noqa: SLF001 - the same class folding its own records
        return cycle

    def _apply(
        self,
        index: int,
        record: object,
        *,
        verify: bool = False,
        procedures: Iterable[Procedure] = (),
        command: bool = False,
    ) -> CommissioningCycle:
        """Fold one record in; refused input is an ``InvalidHistory`` (or, for a ``command``, the ``InvalidInput``)."""
        if record.__class__ is not EventRecord:
            raise InvalidHistory(
                index, record, f"expected an EventRecord, received {type(record).__name__}"
            )
        assert isinstance(record, EventRecord)  # noqa: S101 - checked above
        if record.stream_id != self.id:
            raise InvalidHistory(
                index, record, f"belongs to cycle {record.stream_id!r}, not {self.id!r}"
            )
        if record.version != self.version + 1:
            raise InvalidHistory(
                index, record, f"expected version {self.version + 1}, received {record.version!r}"
            )
        if record.occurred_at < self.updated_at:
            raise InvalidHistory(
                index,
                record,
                f"occurred before the previous record ({self.updated_at.isoformat()})",
            )
        history = (*self.history, record)
        event = record.event
        try:
            if not record.path and event in COMMANDS:
                if event == START:
                    raise InvalidHistory(index, record, "only the first record starts the cycle")
                if record.source is not None or record.target is not None:
                    raise InvalidHistory(index, record, f"a {event!r} record changes no state")
                if event == RECORD:
                    return with_evidence(self, record, history)
                return with_approval(self, record, history)
            if record.path and self.state != PROCURING:
                return with_contract_event(self, index, record, history)
            return with_transition(
                self, index, record, history, verify=verify, procedures=procedures
            )
        except InvalidInput as err:
            if command:
                raise
            raise InvalidHistory(index, record, str(err)) from None

    def as_of(self, at: dt.datetime) -> CommissioningCycle:
        """The cycle as it was at moment ``at`` (its records up to then, replayed).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> first.as_of(dt.datetime(2025, 9, 1, 9, tzinfo=dt.UTC)).version
            1
        """
        moment = as_utc(at)
        if moment < self.started_at:
            raise InvalidInput.of(
                "at", f"a moment on or after the cycle started ({self.started_at.isoformat()})", at
            )
        own = () if self.procurement is None else (self.procurement.procedure,)
        return CommissioningCycle.replay(
            records_until(self.history, moment),
            frameworks=[self.framework],
            procedures=own,
            verify=False,
        )

    # ----------------------------------------------------------------- stored form
    def to_data(self) -> dict[str, Any]:
        """The stored form: ``format``, ``format_version``, the id and every record as a record document.

        Examples:
            >>> import json
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> data = json.loads(json.dumps(first.to_data()))
            >>> data["format"], data["format_version"], len(data["records"]) == first.version
            ('commissioning.cycle', 1, True)
            >>> CommissioningCycle.from_data(data) == first
            True
        """
        return {
            "format": CYCLE_FORMAT,
            "format_version": CYCLE_FORMAT_VERSION,
            "id": self.id,
            "records": [record_to_data(r) for r in self.history],
        }

    @classmethod
    def from_data(
        cls,
        data: Any,
        *,
        frameworks: Iterable[Framework] | Mapping[str, Framework] = (),
        procedures: Iterable[Any] = (),
        checks: Mapping[str, RequirementCheck] | None = None,
    ) -> CommissioningCycle:
        """Load a cycle written by [`to_data`][commissioning.cycle.CommissioningCycle.to_data], through the checked reader, then [`replay`][commissioning.cycle.CommissioningCycle.replay].

        Malformed input raises [`InvalidInput`][commissioning.InvalidInput] naming the path
        (``records[3].occurred_at``); records that do not fit raise
        [`InvalidHistory`][commissioning.InvalidHistory]. ``frameworks``, ``procedures`` and
        ``checks`` are as for [`replay`][commissioning.cycle.CommissioningCycle.replay].
        """
        check_json(data, field="cycle")
        check_format(data, format_name=CYCLE_FORMAT, versions=(CYCLE_FORMAT_VERSION,))
        r = Reader(data, "cycle")
        r.only_keys(frozenset({"format", "format_version", "id", "records"}))
        stream = r.key("id").text(non_empty=True)
        records = []
        for item in r.key("records").each():
            try:
                records.append(record_from_data(item.value))
            except InvalidInput as err:
                check = Checker()
                check.extend(err, item.path)
                check.done()
        cycle = cls.replay(records, frameworks=frameworks, procedures=procedures, checks=checks)
        if cycle.id != stream:
            raise InvalidInput.of("cycle.id", f"{cycle.id!r} (the records' stream id)", stream)
        return cycle

    # ----------------------------------------------------------------- commands
    def _next(
        self,
        event: str,
        moment: dt.datetime,
        actor: str,
        data: Mapping[str, Any],
        path: tuple[str, ...] = (),
        source: str | None = None,
        target: str | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        record = EventRecord(
            self.id, self.version + 1, event, moment, actor, data, path, source, target
        )
        # The same fold as replay: what it refuses is refused as the command's input.
        return self._apply(self.version, record, command=True), (record,)

    def _from_machine(
        self, machine: EventRecord, moment: dt.datetime, actor: str
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        return self._next(
            machine.event, moment, actor, machine.data, machine.path, machine.source, machine.target
        )

    def record(
        self,
        evidence: Evidence,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Record a piece of evidence at moment ``at`` (it may not be dated later than ``at``).

        The record (event ``record``) holds the evidence's stored form in
        ``data["evidence"]``. Nothing changes when it is refused: a stale
        ``expected_version``, the cycle has ended, ``at`` is earlier than the last
        record, or the evidence is dated after ``at``.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import NeedsAnalysis, example_lineage
            >>> _, second = example_lineage()
            >>> later = dt.datetime(2027, 12, 1, tzinfo=dt.UTC)
            >>> second, (rec,) = second.record(NeedsAnalysis("Who lives alone", dt.date(2027, 11, 30)),
            ...                                at=later, actor="jo")
            >>> rec.version, rec.event, rec.data["evidence"]["kind"]
            (3, 'record', 'needs-analysis')
            >>> second.record(NeedsAnalysis("Who lives alone", dt.date(2027, 12, 2)), at=later, actor="jo")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: evidence.on: expected a day on or before the moment it is recorded (2027-12-01), received datetime.date(2027, 12, 2)
        """
        check_expected_version(self.id, expected_version, self.version)
        if not isinstance(evidence, EVIDENCE_TYPES):
            raise InvalidInputType(
                [
                    Problem(
                        "evidence",
                        "an evidence record (Question, NeedsAnalysis, ...)",
                        evidence,
                        "type",
                    )
                ]
            )
        moment = as_utc(at)
        check_open(self, moment, actor)
        return self._next(RECORD, moment, actor, {"evidence": evidence.to_data()})

    def approve(
        self,
        approval: Approval,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Record an approval at moment ``at`` (the approval itself may not be later than ``at``).

        The step must be one of the framework's steps or a decommissioning stage
        that approvals can govern (``decommission-decide``, ``decommission-plan``).
        The record (event ``approve``) holds the approval's stored form in
        ``data["approval"]``.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import Approval, example_lineage
            >>> _, second = example_lineage()
            >>> t = dt.datetime(2027, 11, 16, tzinfo=dt.UTC)
            >>> second, (rec,) = second.approve(Approval("question", "director", "Dr Okafor", t),
            ...                                 at=t, actor="amira.khan")
            >>> rec.event, rec.data["approval"]["by"]
            ('approve', 'Dr Okafor')
        """
        check_expected_version(self.id, expected_version, self.version)
        if not isinstance(approval, Approval):
            raise InvalidInputType([Problem("approval", "an Approval", approval, "type")])
        moment = as_utc(at)
        check_open(self, moment, actor)
        return self._next(APPROVE, moment, actor, {"approval": approval.to_data()})

    def fire(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Fire a framework event (``advance``, ``revisit:<step>``, ``decommission``...).

        Guards judge the cycle's evidence and approvals at ``at``; a refusal
        raises [`GuardRejected`][commissioning.GuardRejected] listing what is missing, and
        nothing changes.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> t = dt.datetime(2027, 11, 20, tzinfo=dt.UTC)
            >>> second, _ = second.fire("advance", at=t, actor="amira.khan")
            >>> second, (rec,) = second.fire("revisit:question", at=t, actor="amira.khan")
            >>> second.state, rec.event, rec.source
            ('question', 'revisit:question', 'customers')
        """
        check_expected_version(self.id, expected_version, self.version)
        if isinstance(event, str) and not event.startswith("_") and event in COMMANDS:
            raise InvalidInput.of(
                "event", f"a framework event (use {event}() for {event!r})", event
            )
        moment = as_utc(at)
        check_open(self, moment, actor)
        _, (machine,) = self.instance.fire(
            event, at=moment, actor=actor, data=data, context=self.facts(at=moment)
        )
        return self._from_machine(machine, moment, actor)

    def advance(
        self, *, at: dt.datetime, actor: str, expected_version: int | None = None
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Move on to the next step (``advance``), or ``conclude`` from the last step.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> second.advance(at=dt.datetime(2027, 11, 20, tzinfo=dt.UTC), actor="amira.khan")[0].state
            'customers'
        """
        event = CONCLUDE if self.state == self.framework.steps[-1].name else ADVANCE
        return self.fire(event, at=at, actor=actor, expected_version=expected_version)

    def procure(
        self,
        procedure: str | Procurement,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Run a procurement procedure as the cycle's child machine (``procure``).

        ``procedure`` is a [`Procurement`][commissioning.procurement.Procurement] just
        started (its creation record only; its procedure must be one of the
        framework's procedure machines), which the cycle then keeps in step with
        its child machine, its creation record stored in the ``procure`` record's
        data; or the name of a configured procedure machine, driven directly. A
        procurement divided into lots is refused: its lots each go their own way,
        which the cycle's one child machine cannot follow (keep it beside the cycle).

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> [(r.target, r.data["procurement"]["event"]) for r in first.history if r.event == "procure"]
            [('procuring', 'start')]
        """
        check_expected_version(self.id, expected_version, self.version)
        if isinstance(procedure, Procurement):
            if procedure.version != 1:  # only its creation record
                raise InvalidInput.of(
                    "procedure", "a procurement just started (no events yet)", repr(procedure)
                )
            if procedure.lot_views:
                # The cycle keeps ONE procedure machine in step with the procurement; the lots
                # of a divided procurement each go their own way (PA s.18), which that one
                # machine cannot follow. Not supported yet: keep it beside the cycle.
                raise InvalidInput.of(
                    "procedure",
                    "a procurement not divided into lots (a cycle follows one procedure "
                    "machine; keep a procurement with lots beside the cycle)",
                    repr(procedure),
                )
            name = procedure.procedure.definition.name
            data: dict[str, Any] = {
                "child": name,
                "procurement": record_to_data(procedure.history[0]),
            }
        else:
            data = {"child": procedure}
        return self.fire(PROCURE, at=at, actor=actor, data=data)

    def fire_procurement(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        context: Any = None,
        path: tuple[str, ...] = (),
        expected_version: int | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Fire ``event`` on the procurement: the child machine while procuring, the contract after.

        With a [`Procurement`][commissioning.procurement.Procurement] attached (see
        [`procure`][commissioning.cycle.CommissioningCycle.procure]), the event goes through
        [`Procurement.act`][commissioning.procurement.Procurement.act] (its
        guards, its data preparation, its context); while the cycle is in
        ``procuring`` the child machine follows it, and after the cycle has
        moved on (or ended) the record still goes into the cycle's log (path
        ``("procuring",)``) so the cycle's stream holds the contract's later life.
        Without one, it fires on the child machine with ``context`` for its guards.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> first.state, first.procurement.state, first.procurement.version
            ('concluded', 'mobilisation', 7)
            >>> later, (rec,) = first.fire_procurement(
            ...     "start_delivery", at=dt.datetime(2027, 11, 2, tzinfo=dt.UTC), actor="amira.khan")
            >>> later.procurement.state, rec.path, later.version == first.version + 1
            ('delivery', ('procuring',), True)
        """
        check_expected_version(self.id, expected_version, self.version)
        moment = as_utc(at)
        if self.procurement is not None and not path:
            check = Checker()
            text(check, "actor", actor)
            check.that(
                moment >= self.updated_at,
                "at",
                f"a moment on or after the last record ({self.updated_at.isoformat()})",
                moment.isoformat(),
            )
            check.done()
            _, (own,) = self.procurement.act(event, at=moment, actor=actor, data=data)
            if self.state != PROCURING:
                return self._next(
                    own.event, moment, actor, own.data, (PROCURING,), own.source, own.target
                )
            _, (machine,) = self.instance.fire_child(
                event,
                at=moment,
                actor=actor,
                data=own.data,
                context=self.procurement.context(at=moment),
            )
            return self._from_machine(machine, moment, actor)
        check_open(self, moment, actor)
        _, (machine,) = self.instance.fire_child(
            event, at=moment, actor=actor, data=data, context=context, path=path
        )
        return self._from_machine(machine, moment, actor)

    def next_cycle(
        self,
        cycle_id: str,
        *,
        at: dt.datetime,
        actor: str,
        framework: Framework | None = None,
        expected_version: int | None = None,
    ) -> tuple[CommissioningCycle, tuple[EventRecord, ...]]:
        """Start the next cycle of the same service, carrying lessons and outcome history forward.

        Only a concluded cycle has a successor (a decommissioned service has
        none). Returns the new cycle and its creation record; this cycle is
        unchanged (``expected_version`` is checked against this cycle).

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, second = example_lineage()
            >>> second.lineage.previous, second.iteration
            ('meals-1', 2)
        """
        check_expected_version(self.id, expected_version, self.version)
        if self.state != CONCLUDED:
            raise InvalidInput.of(
                "cycle",
                "a concluded cycle (after measuring the impact)",
                f"{self.id!r} in {self.state!r}",
            )
        return CommissioningCycle.start(
            cycle_id,
            service_area=self.service_area,
            framework=self.framework if framework is None else framework,
            at=at,
            actor=actor,
            lineage=inherit(self),
        )
