"""The commissioning cycle aggregate: immutable, every command a record, state a fold of records.

A :class:`CommissioningCycle` holds a service area, its framework, the evidence
and approvals recorded so far, the framework machine's instance (with the
procurement procedure as its child while one runs), and the records that built
it. Every command (:meth:`~CommissioningCycle.record`,
:meth:`~CommissioningCycle.approve`, :meth:`~CommissioningCycle.fire` and its
helpers) returns ``(new cycle, record)``; :meth:`CommissioningCycle.replay`
folds the records back into the same cycle.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._time import as_utc
from .._validation import Checker
from ..machine import Due, EventOption, EventRecord, Instance, to_mermaid
from ..procurement import Procurement
from ._evidence import EVIDENCE_TYPES, Contract, DeliveryRoute, Evidence, MakeOrBuy
from ._frameworks import (
    ADVANCE,
    CARRY_OUT,
    CARRY_OUT_DECOMMISSIONING,
    COMPLETE_DECOMMISSIONING,
    CONCLUDE,
    CONCLUDED,
    DECIDE,
    DECOMMISSION,
    PLAN,
    PLAN_DECOMMISSIONING,
    PROCURE,
    PROCURING,
    Framework,
    Step,
)
from ._governance import Approval, cycle_value
from ._lineage import LineageLink, inherit
from ._requirements import EvidenceEntry, Facts

__all__ = ["CommissioningCycle", "CycleRecord", "CycleRecordKind", "CycleStarted"]

E = TypeVar("E")


class CycleRecordKind(enum.StrEnum):
    """What a cycle record says happened.

    Examples:
        >>> CycleRecordKind("evidence")
        <CycleRecordKind.EVIDENCE: 'evidence'>
    """

    STARTED = "started"
    EVIDENCE = "evidence"
    APPROVAL = "approval"
    TRANSITION = "transition"


@attrs.frozen
class CycleStarted:
    """The first record's payload: the service area, the framework's name, the lineage link.

    Examples:
        >>> CycleStarted("Community meals", "cabinet-office").lineage is None
        True
    """

    service_area: str
    framework: str
    lineage: LineageLink | None = None


Payload = CycleStarted | Evidence | Approval | EventRecord


@attrs.frozen
class CycleRecord:
    """One thing that happened to a cycle: its sequence number, when, who, and what (the payload).

    The payload is a :class:`CycleStarted`, an evidence record, an
    :class:`~commissioning.cycle.Approval`, or the machine's
    :class:`~commissioning.machine.EventRecord` for a transition (with a ``path``
    when it happened in the procurement child machine). The ``procure`` record
    also carries the :class:`~commissioning.procurement.Procurement` it started
    (as it was then, with no events), when one was given.

    Examples:
        >>> import datetime as dt
        >>> r = CycleRecord("meals-1", 1, dt.datetime(2026, 1, 5, tzinfo=dt.UTC), "amira",
        ...                 CycleStarted("Community meals", "cabinet-office"))
        >>> r.kind
        <CycleRecordKind.STARTED: 'started'>
    """

    cycle_id: str
    sequence: int
    occurred_at: dt.datetime
    actor: str
    payload: Payload
    procurement: Procurement | None = attrs.field(default=None, kw_only=True, repr=False)

    @property
    def kind(self) -> CycleRecordKind:
        """Which kind of record this is, from its payload."""
        p = self.payload
        if isinstance(p, CycleStarted):
            return CycleRecordKind.STARTED
        if isinstance(p, Approval):
            return CycleRecordKind.APPROVAL
        if isinstance(p, EventRecord):
            return CycleRecordKind.TRANSITION
        return CycleRecordKind.EVIDENCE

    def describe(self) -> str:
        """One line for a history listing.

        Examples:
            >>> import datetime as dt
            >>> CycleRecord("meals-1", 1, dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), "amira",
            ...             CycleStarted("Community meals", "cabinet-office")).describe()
            "2026-01-05 09:00 #1 amira: started a 'cabinet-office' cycle for 'Community meals'"
        """
        when = self.occurred_at.strftime("%Y-%m-%d %H:%M")
        return f"{when} #{self.sequence} {self.actor}: {_describe(self.payload)}"


def _describe(p: Payload) -> str:
    if isinstance(p, CycleStarted):
        link = (
            ""
            if p.lineage is None
            else (
                f" (iteration {p.lineage.iteration}, after {p.lineage.previous!r}, carrying "
                f"{len(p.lineage.lessons)} lesson{'' if len(p.lineage.lessons) == 1 else 's'} and "
                f"{len(p.lineage.outcome_history)} observation"
                f"{'' if len(p.lineage.outcome_history) == 1 else 's'})"
            )
        )
        return f"started a {p.framework!r} cycle for {p.service_area!r}{link}"
    if isinstance(p, Approval):
        ref = f" ({p.reference})" if p.reference else ""
        return f"approval for {p.step!r} by {p.by} as {p.role!r}{ref}"
    if isinstance(p, EventRecord):
        where = f" in the procurement ({p.path[-1]!r})" if p.path else ""
        return f"{p.event!r}{where}: {p.source} -> {p.target}"
    summary = _evidence_summary(p)
    return f"recorded {p.kind.value} dated {p.on}: {summary}"


def _evidence_summary(p: Any) -> str:
    if isinstance(p, MakeOrBuy):
        value = "" if p.value is None else f", £{p.value:,.2f}"
        return f"{p.route.value}{value} ({p.rationale})"
    if isinstance(p, Contract):
        return f"{p.reference} with {p.supplier}, £{p.value:,.2f}, {p.starts_on} to {p.ends_on}"
    for field in ("question", "summary", "description", "rationale", "framework", "provider"):
        text = getattr(p, field, None)
        if isinstance(text, str) and text:
            return text
    return str(getattr(p, "method", ""))


def _procurement_after(procurement: Procurement, m: EventRecord) -> Procurement:
    """The procurement after the child event ``m`` (replayed: guards judged it when it happened)."""
    own = EventRecord(
        procurement.id,
        procurement.version + 1,
        m.event,
        m.occurred_at,
        m.actor,
        m.data,
        (),
        m.source,
        m.target,
    )
    return Procurement.replay((*procurement.history, own), procedures=[procurement.procedure])


def _text(check: Checker, field: str, value: Any) -> None:
    if check.type(field, value, str, "a non-empty str"):
        check.that(bool(value.strip()), field, "a non-empty str", value)


@attrs.frozen
class CommissioningCycle:
    """One commissioning cycle of a service area: evidence, approvals, its machine, its records.

    Start one with :meth:`start`; change it only through commands, each of
    which returns ``(new cycle, record)`` and leaves the old cycle as it was.
    Guards read the evidence and approvals and say precisely what is missing.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import Question, cabinet_office
        >>> t = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)
        >>> c, _ = CommissioningCycle.start("meals-1", service_area="Community meals",
        ...                                 framework=cabinet_office(), at=t, actor="amira")
        >>> print(*c.blockers(at=t))
        step 1 "What's the question?" needs a stated question and its scope; none is recorded
        >>> c, _ = c.record(Question("Who needs a hot meal?", "Residents 65+", t.date()), at=t, actor="amira")
        >>> c, rec = c.advance(at=t, actor="amira")
        >>> c.state, rec.sequence
        ('customers', 3)
    """

    id: str
    service_area: str
    framework: Framework
    instance: Instance
    entries: tuple[EvidenceEntry, ...]
    approvals: tuple[Approval, ...]
    records: tuple[CycleRecord, ...] = attrs.field(repr=False)
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
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Start a cycle for ``service_area`` under ``framework``: the first record.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import ipc
            >>> c, r = CommissioningCycle.start("reablement-1", service_area="Reablement",
            ...     framework=ipc(), at=dt.datetime(2026, 2, 2, tzinfo=dt.UTC), actor="jo")
            >>> c.state, r.kind.value
            ('analyse', 'started')
        """
        check = Checker()
        _text(check, "cycle_id", cycle_id)
        _text(check, "service_area", service_area)
        check.type("framework", framework, Framework, "a Framework")
        _text(check, "actor", actor)
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
        record = CycleRecord(
            cycle_id, 1, moment, actor, CycleStarted(service_area, framework.name, lineage)
        )
        return cls._from_start(record, framework), record

    @classmethod
    def _from_start(cls, record: CycleRecord, framework: Framework) -> CommissioningCycle:
        started = record.payload
        assert isinstance(started, CycleStarted)  # noqa: S101 - callers check the kind first
        instance = framework.definition.start(record.cycle_id, at=record.occurred_at)
        return cls(
            record.cycle_id,
            started.service_area,
            framework,
            instance,
            (),
            (),
            (record,),
            started.lineage,
        )

    @classmethod
    def replay(
        cls, records: Iterable[CycleRecord], *, framework: Framework, verify: bool = True
    ) -> CommissioningCycle:
        """Rebuild a cycle by folding its records, checking that they fit.

        Raises :class:`~commissioning.InvalidHistory` naming the first record that
        does not fit: not this cycle's, out of sequence, back in time, a
        framework of another name, or a transition the framework does not allow.
        With ``verify`` (the default), every transition of the cycle itself is
        judged again by its guards, at its own moment, on the evidence and
        approvals recorded before it: everything they judge is in the log, so a
        log in which a step was skipped without its evidence is refused. (The
        procurement child's events are not judged again: their guards judged the
        procurement's own context at the time.)

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> CommissioningCycle.replay(first.records, framework=first.framework) == first
            True
        """
        seq = list(records)
        if not seq:
            raise InvalidInput.of("records", "at least the cycle's start record", seq)
        first = seq[0]
        if not isinstance(first, CycleRecord) or not isinstance(first.payload, CycleStarted):
            raise InvalidHistory(0, first, "the first record must be the cycle's start")
        if first.payload.framework != framework.name:
            raise InvalidHistory(
                0,
                first,
                f"the cycle ran under framework {first.payload.framework!r}, not {framework.name!r}",
            )
        if first.sequence != 1:
            raise InvalidHistory(0, first, f"expected sequence 1, received {first.sequence!r}")
        cycle = cls._from_start(first, framework)
        for index, record in enumerate(seq[1:], start=1):
            cycle = cycle._apply(index, record, verify=verify)  # noqa: SLF001 - the same class folding its own records
        return cycle

    def _apply(self, index: int, record: Any, *, verify: bool = False) -> CommissioningCycle:
        if not isinstance(record, CycleRecord):
            raise InvalidHistory(index, record, f"expected a CycleRecord, received {record!r}")
        if record.cycle_id != self.id:
            raise InvalidHistory(
                index, record, f"belongs to cycle {record.cycle_id!r}, not {self.id!r}"
            )
        if record.sequence != len(self.records) + 1:
            raise InvalidHistory(
                index,
                record,
                f"expected sequence {len(self.records) + 1}, received {record.sequence!r}",
            )
        if record.occurred_at < self.updated_at:
            raise InvalidHistory(
                index,
                record,
                f"occurred before the previous record ({self.updated_at.isoformat()})",
            )
        p = record.payload
        records = (*self.records, record)
        if isinstance(p, EventRecord):
            if verify and not p.path:
                verdict = self.instance.can(
                    p.event,
                    at=record.occurred_at,
                    context=self.facts(at=record.occurred_at),
                    data=p.data,
                )
                if not verdict.allowed:
                    raise InvalidHistory(
                        index,
                        record,
                        f"{p.event!r} was not allowed: " + "; ".join(map(str, verdict.reasons)),
                    )
            try:
                instance = self.instance.apply(p)
            except InvalidHistory as err:
                raise InvalidHistory(index, record, err.reason) from None
            procurement = self.procurement
            if not p.path and p.event == PROCURE:
                procurement = record.procurement
            elif p.path == (PROCURING,) and procurement is not None:
                procurement = _procurement_after(procurement, p)
            return attrs.evolve(self, instance=instance, records=records, procurement=procurement)
        if isinstance(p, Approval):
            return attrs.evolve(self, approvals=(*self.approvals, p), records=records)
        if isinstance(p, CycleStarted) or not isinstance(p, EVIDENCE_TYPES):
            raise InvalidHistory(index, record, f"unexpected payload {p!r}")
        entry = EvidenceEntry(p, record.occurred_at, record.actor)
        return attrs.evolve(self, entries=(*self.entries, entry), records=records)

    # ----------------------------------------------------------------- queries
    @property
    def state(self) -> str:
        """The machine state: a step's name, ``procuring``, a decommissioning stage, or a final state."""
        return self.instance.state

    @property
    def step(self) -> Step | None:
        """The current step, or ``None`` outside the framework's steps."""
        fw = self.framework
        if self.state == PROCURING:
            return fw.step(fw.decision_step)
        return fw.step(self.state) if fw.has_step(self.state) else None

    @property
    def is_final(self) -> bool:
        """Whether the cycle has ended (concluded or decommissioned)."""
        return self.instance.is_final

    @property
    def version(self) -> int:
        """How many records the cycle has (its start included)."""
        return len(self.records)

    @property
    def started_at(self) -> dt.datetime:
        """When the cycle started."""
        return self.records[0].occurred_at

    @property
    def updated_at(self) -> dt.datetime:
        """When its last record occurred."""
        return self.records[-1].occurred_at

    @property
    def iteration(self) -> int:
        """Its number in the lineage of the service: 1 for a first cycle."""
        return 1 if self.lineage is None else self.lineage.iteration

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every evidence record, oldest first."""
        return tuple(e.evidence for e in self.entries)

    def latest(self, kind: type[E]) -> E | None:
        """The latest evidence of type ``kind`` (e.g. ``MakeOrBuy``), or ``None``.

        Examples:
            >>> from commissioning.cycle import MakeOrBuy, example_lineage
            >>> example_lineage()[0].latest(MakeOrBuy).route.value
            'external procurement'
        """
        for e in reversed(self.entries):
            if isinstance(e.evidence, kind):
                return e.evidence
        return None

    @property
    def decision(self) -> MakeOrBuy | None:
        """The latest make-or-buy decision, if any."""
        return self.latest(MakeOrBuy)

    @property
    def contract(self) -> Contract | None:
        """The latest contract recorded, if any."""
        return self.latest(Contract)

    @property
    def value(self) -> Decimal | None:
        """The value approvals are judged on (the decision's, else the question's estimate)."""
        return cycle_value(self.facts(at=self.updated_at))

    def facts(self, *, at: dt.datetime) -> Facts:
        """What the guards judge at moment ``at``: evidence, approvals, child machine, notice period.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> len(first.facts(at=first.updated_at).entries)
            10
        """
        return Facts(
            self.entries,
            self.approvals,
            as_utc(at),
            self.instance.child,
            self.framework.decommissioning.notice,
        )

    @property
    def next_event(self) -> str | None:
        """The event that moves the cycle on from where it is (``None`` once it has ended).

        At the decision step it follows the decision: ``procure`` for external
        procurement when procedure machines are configured, ``decommission`` for a
        decision to decommission, otherwise ``advance``.


        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, second = example_lineage()
            >>> first.next_event, second.next_event
            (None, 'advance')
        """
        state = self.state
        fw = self.framework
        if self.is_final:
            return None
        fixed = {
            PROCURING: ADVANCE,
            DECIDE: PLAN_DECOMMISSIONING,
            PLAN: CARRY_OUT_DECOMMISSIONING,
            CARRY_OUT: COMPLETE_DECOMMISSIONING,
        }
        if state in fixed:
            return fixed[state]
        decision = self.decision
        if (
            decision is not None
            and state in fw.decommission_from
            and decision.route is DeliveryRoute.DECOMMISSION
        ):
            return DECOMMISSION
        if state == fw.steps[-1].name:
            return CONCLUDE
        if (
            state == fw.decision_step
            and fw.procedures
            and decision is not None
            and decision.route.needs_contract
        ):
            return PROCURE
        return ADVANCE

    def options(self, *, at: dt.datetime) -> tuple[EventOption, ...]:
        """Every event possible from here at ``at``, whether allowed, and if not, why not.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> [(o.event, o.allowed) for o in second.options(at=second.updated_at)]
            [('advance', True)]
        """
        return self.instance.options(at=at, context=self.facts(at=at))

    def blockers(self, *, at: dt.datetime) -> tuple[str, ...]:
        """Why the cycle cannot move on now (:attr:`next_event`); empty when it can, or has ended.

        Each reason says precisely what is missing, e.g.
        ``step 3 'Define the outcome and priorities' needs at least one outcome with
        a baseline; 'Reduce social isolation' has none``.


        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> second.blockers(at=second.updated_at)
            ()
        """
        event = self.next_event
        if event is None:
            return ()
        for option in self.options(at=at):
            if option.event == event:
                return tuple(dict.fromkeys(reason.text for reason in option.reasons))
        return ()  # pragma: no cover - next_event is always an event of the current state

    def due(self, *, at: dt.datetime) -> tuple[Due, ...]:
        """The step's typical lead time (and the procurement's deadlines), judged at ``at``.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> [d.status for d in second.due(at=dt.datetime(2028, 1, 1, tzinfo=dt.UTC))]
            ['overdue']
        """
        return self.instance.due(at=at)

    def history(self) -> tuple[str, ...]:
        """Every record as a line, oldest first.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> print(example_lineage()[0].history()[0])
            2025-09-01 09:00 #1 amira.khan: started a 'cabinet-office' cycle for 'Community meals'
        """
        return tuple(r.describe() for r in self.records)

    def machine_records(self) -> tuple[EventRecord, ...]:
        """The machine's own event records (transitions, the child's included), oldest first.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> len(example_lineage()[0].machine_records())
            13
        """
        return tuple(r.payload for r in self.records if isinstance(r.payload, EventRecord))

    def diagram(self) -> str:
        """Mermaid text of the framework's machine with this cycle's path and current state.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> example_lineage()[1].diagram().splitlines()[0]
            'stateDiagram-v2'
        """
        return to_mermaid(
            self.framework.definition, instance=self.instance, records=self.machine_records()
        )

    # ----------------------------------------------------------------- commands
    def _check_open(self, moment: dt.datetime, actor: Any) -> None:
        check = Checker()
        _text(check, "actor", actor)
        check.that(
            not self.is_final,
            "cycle",
            "a cycle that has not ended",
            f"{self.id!r} in final state {self.state!r}",
        )
        check.that(
            moment >= self.updated_at,
            "at",
            f"a moment on or after the last record ({self.updated_at.isoformat()})",
            moment.isoformat(),
        )
        check.done()

    def _next(self, moment: dt.datetime, actor: str, payload: Payload) -> CycleRecord:
        return CycleRecord(self.id, len(self.records) + 1, moment, actor, payload)

    def record(
        self, evidence: Evidence, *, at: dt.datetime, actor: str
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Record a piece of evidence at moment ``at`` (it may not be dated later than ``at``).

        Nothing changes when it is refused: the cycle has ended, ``at`` is earlier
        than the last record, or the evidence is dated after ``at``.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import NeedsAnalysis, example_lineage
            >>> _, second = example_lineage()
            >>> later = dt.datetime(2027, 12, 1, tzinfo=dt.UTC)
            >>> second, rec = second.record(NeedsAnalysis("Who lives alone", dt.date(2027, 11, 30)),
            ...                             at=later, actor="jo")
            >>> rec.sequence, rec.kind.value
            (3, 'evidence')
            >>> second.record(NeedsAnalysis("Who lives alone", dt.date(2027, 12, 2)), at=later, actor="jo")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: evidence.on: expected a day on or before the moment it is recorded (2027-12-01), received datetime.date(2027, 12, 2)
        """
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
        self._check_open(moment, actor)
        if evidence.on > moment.date():
            raise InvalidInput.of(
                "evidence.on",
                f"a day on or before the moment it is recorded ({moment.date()})",
                evidence.on,
            )
        record = self._next(moment, actor, evidence)
        return self._apply(len(self.records), record), record

    def approve(
        self, approval: Approval, *, actor: str | None = None
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Record an approval (at its own moment; ``actor`` defaults to the approver).

        The step must be one of the framework's steps or a decommissioning stage
        that approvals can govern (``decommission-decide``, ``decommission-plan``).


        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import Approval, example_lineage
            >>> _, second = example_lineage()
            >>> second, rec = second.approve(Approval("question", "director", "Dr Okafor",
            ...                                       dt.datetime(2027, 11, 16, tzinfo=dt.UTC)))
            >>> rec.actor, rec.kind.value
            ('Dr Okafor', 'approval')
        """
        if not isinstance(approval, Approval):
            raise InvalidInputType([Problem("approval", "an Approval", approval, "type")])
        who = approval.by if actor is None else actor
        self._check_open(approval.at, who)
        stages = [s.name for s in self.framework.steps] + [DECIDE, PLAN]
        if approval.step not in stages:
            raise InvalidInput.of("approval.step", f"one of {', '.join(stages)}", approval.step)
        record = self._next(approval.at, who, approval)
        return self._apply(len(self.records), record), record

    def fire(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Fire a framework event (``advance``, ``revisit:<step>``, ``decommission``...).

        Guards judge the cycle's evidence and approvals at ``at``; a refusal
        raises :class:`~commissioning.GuardRejected` listing what is missing, and
        nothing changes.


        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> t = dt.datetime(2027, 11, 20, tzinfo=dt.UTC)
            >>> second, rec = second.fire("advance", at=t, actor="amira.khan")
            >>> second, rec = second.fire("revisit:question", at=t, actor="amira.khan")
            >>> second.state, rec.payload.event
            ('question', 'revisit:question')
        """
        moment = as_utc(at)
        self._check_open(moment, actor)
        _, (machine_record,) = self.instance.fire(
            event, at=moment, actor=actor, data=data, context=self.facts(at=moment)
        )
        record = self._next(moment, actor, machine_record)
        return self._apply(len(self.records), record), record

    def advance(self, *, at: dt.datetime, actor: str) -> tuple[CommissioningCycle, CycleRecord]:
        """Move on to the next step (``advance``), or ``conclude`` from the last step.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> second.advance(at=dt.datetime(2027, 11, 20, tzinfo=dt.UTC), actor="amira.khan")[0].state
            'customers'
        """
        event = CONCLUDE if self.state == self.framework.steps[-1].name else ADVANCE
        return self.fire(event, at=at, actor=actor)

    def procure(
        self, procedure: str | Procurement, *, at: dt.datetime, actor: str
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Run a procurement procedure as the cycle's child machine (``procure``).

        ``procedure`` is a :class:`~commissioning.procurement.Procurement` just
        started (no events yet; its procedure must be one of the framework's
        procedure machines), which the cycle then keeps in step with its child
        machine; or the name of a configured procedure machine, driven directly.


        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> [r.payload.target for r in first.records if r.kind.value == "transition"
            ...  and r.payload.event == "procure"]
            ['procuring']
        """
        if isinstance(procedure, Procurement):
            if procedure.version != 1:  # only its creation record
                raise InvalidInput.of(
                    "procedure", "a procurement just started (no events yet)", repr(procedure)
                )
            name = procedure.procedure.definition.name
            moment = as_utc(at)
            self._check_open(moment, actor)
            _, (machine_record,) = self.instance.fire(
                PROCURE, at=moment, actor=actor, data={"child": name}, context=self.facts(at=moment)
            )
            record = CycleRecord(
                self.id, len(self.records) + 1, moment, actor, machine_record, procurement=procedure
            )
            return self._apply(len(self.records), record), record
        return self.fire(PROCURE, at=at, actor=actor, data={"child": procedure})

    def fire_procurement(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        context: Any = None,
        path: tuple[str, ...] = (),
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Fire ``event`` on the procurement child machine.

        With a :class:`~commissioning.procurement.Procurement` attached (see
        :meth:`procure`), the event goes through
        :meth:`Procurement.act <commissioning.procurement.Procurement.act>` (its
        guards, its data preparation, its context) and the child machine follows
        it; otherwise it fires on the child machine with ``context`` for its guards.


        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, _ = example_lineage()
            >>> first.procurement.state, first.procurement.version
            ('mobilisation', 7)
        """
        moment = as_utc(at)
        self._check_open(moment, actor)
        if self.procurement is not None and self.state == PROCURING and not path:
            _, (own,) = self.procurement.act(event, at=moment, actor=actor, data=data)
            _, (machine_record,) = self.instance.fire_child(
                event,
                at=moment,
                actor=actor,
                data=own.data,
                context=self.procurement.context(at=moment),
            )
        else:
            _, (machine_record,) = self.instance.fire_child(
                event, at=moment, actor=actor, data=data, context=context, path=path
            )
        record = self._next(moment, actor, machine_record)
        return self._apply(len(self.records), record), record

    def next_cycle(
        self,
        cycle_id: str,
        *,
        at: dt.datetime,
        actor: str,
        framework: Framework | None = None,
    ) -> tuple[CommissioningCycle, CycleRecord]:
        """Start the next cycle of the same service, carrying lessons and outcome history forward.

        Only a concluded cycle has a successor (a decommissioned service has none).


        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> first, second = example_lineage()
            >>> second.lineage.previous, second.iteration
            ('meals-1', 2)
        """
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
