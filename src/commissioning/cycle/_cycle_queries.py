"""What a commissioning cycle answers without changing: where it is, what it knows, what it may do next.

The `CycleQueries` mixin gives [`CommissioningCycle`][commissioning.cycle.CommissioningCycle]
its questions (``state``, ``facts``, ``next_event``, ``can``, ``options``,
``blockers``, ``due``, ``describe_history``...); the commands and the folding of
records live in `._cycle`. Internal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from .._time import as_utc
from ..machine import Due, EventOption, EventRecord, Instance, Reason, Verdict, to_mermaid
from ._cycle_log import describe, no_context
from ._evidence import Contract, DeliveryRoute, Evidence, MakeOrBuy
from ._frameworks import (
    ADVANCE,
    CARRY_OUT,
    CARRY_OUT_DECOMMISSIONING,
    COMPLETE_DECOMMISSIONING,
    CONCLUDE,
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
from ._requirements import EvidenceEntry, Facts

if TYPE_CHECKING:
    from ._lineage import LineageLink

__all__ = ["CycleQueries"]

E = TypeVar("E")


class CycleQueries:
    """The questions every commissioning cycle answers; nothing here changes it."""

    __slots__ = ()

    if TYPE_CHECKING:
        id: str
        service_area: str
        framework: Framework
        instance: Instance
        entries: tuple[EvidenceEntry, ...]
        approvals: tuple[Approval, ...]
        history: tuple[EventRecord, ...]
        lineage: LineageLink | None

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
        return len(self.history)

    @property
    def started_at(self) -> dt.datetime:
        """When the cycle started."""
        return self.history[0].occurred_at

    @property
    def updated_at(self) -> dt.datetime:
        """When its last record occurred."""
        return self.history[-1].occurred_at

    @property
    def ended_at(self) -> dt.datetime | None:
        """When the cycle ended (concluded or decommissioned); ``None`` while it runs.

        Later records of the procurement's contract life do not move it.
        """
        if not self.is_final:
            return None
        for r in reversed(self.history):
            if not r.path and r.target == self.state:
                return r.occurred_at
        return None  # pragma: no cover - a final state is entered by a record

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

    def can(
        self,
        event: str,
        *,
        at: dt.datetime,
        context: None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Verdict:
        """Would framework event ``event`` be allowed at ``at`` with ``data``? Nothing changes.

        The guards judge the cycle's own evidence and approvals, so ``context``
        must be left out. Each missing piece is a [`Reason`][commissioning.machine.Reason]
        whose ``rule`` names the step and the requirement.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import CommissioningCycle, cabinet_office
            >>> t = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)
            >>> c, _ = CommissioningCycle.start("meals-1", service_area="Community meals",
            ...                                 framework=cabinet_office(), at=t, actor="amira")
            >>> [r.rule for r in c.can("advance", at=t).reasons]
            ['question/question']
        """
        no_context(context)
        moment = as_utc(at)
        return self.instance.can(event, at=moment, context=self.facts(at=moment), data=data)

    def options(
        self,
        *,
        at: dt.datetime,
        context: None = None,
        data: Mapping[str, Any] | None = None,
    ) -> tuple[EventOption, ...]:
        """Every framework event possible from here at ``at``, whether allowed, and if not, why not.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> _, second = example_lineage()
            >>> [(o.event, o.allowed) for o in second.options(at=second.updated_at)]
            [('advance', True)]
        """
        no_context(context)
        moment = as_utc(at)
        return self.instance.options(at=moment, context=self.facts(at=moment), data=data)

    def blockers(self, *, at: dt.datetime) -> tuple[Reason, ...]:
        """Why the cycle cannot move on now (`next_event`); empty when it can, or has ended.

        Each [`Reason`][commissioning.machine.Reason] says precisely what is missing (its
        ``rule`` is ``step/requirement``), e.g. ``[outcomes/outcome-baselines]
        step 3 'Define the outcome and priorities' needs at least one outcome with
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
                return tuple(dict.fromkeys(option.reasons))
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

    def describe_history(self) -> tuple[str, ...]:
        """Every record as a line of text, oldest first (this was ``history()`` before issue 11).

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> print(example_lineage()[0].describe_history()[0])
            2025-09-01 09:00 #1 amira.khan: started a 'cabinet-office' cycle for 'Community meals'
        """
        return tuple(
            f"{r.occurred_at.strftime('%Y-%m-%d %H:%M')} #{r.version} {r.actor}: {describe(self.id, r)}"
            for r in self.history
        )

    def machine_records(self) -> tuple[EventRecord, ...]:
        """The framework machine's own records (its transitions, the child's included), oldest first.

        These are the `instance`'s history (numbered as the machine numbers
        them); the procurement's contract-life records after ``procuring`` are not
        among them.

        Examples:
            >>> from commissioning.cycle import example_lineage
            >>> len(example_lineage()[0].machine_records())
            13
        """
        return self.instance.history

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
