"""Properties of cycles driven at random through every framework (built-in and user-defined)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from commissioning import CommissioningError, InvalidHistory
from commissioning.cycle import (
    Approval,
    CommissioningCycle,
    Framework,
    MakeOrBuy,
    cabinet_office,
    lineage_problems,
)
from commissioning.cycle._framework_guards import PROCURING, _kinds_for
from commissioning.cycle._governance import missing_approvals
from commissioning.cycle._requirements import missing
from commissioning.machine import EventRecord, to_mermaid
from commissioning.strategies import (
    commissioning_cycles,
    cycle_evidence,
    cycle_frameworks,
    delivery_routes,
    simple_procedure_machine,
)
from commissioning.strategies._cycle import _evidence_for, _move

FORWARD = frozenset(
    {"advance", "conclude", "procure", "plan-decommissioning", "carry-out-decommissioning"}
)
GENERIC = frozenset(
    {
        "procuring",
        "concluded",
        "decommission-decide",
        "decommission-plan",
        "decommission-carry-out",
        "decommissioned",
    }
)
BASE = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def _before_each(cycle: CommissioningCycle) -> list[tuple[CommissioningCycle, EventRecord]]:
    """Each record with the cycle as it was just before it (one fold, no guards re-run)."""
    current = CommissioningCycle._from_start(
        cycle.history[0], cycle.service_area, cycle.framework, cycle.lineage
    )
    out = []
    for i, record in enumerate(cycle.history[1:], start=1):
        out.append((current, record))
        current = current._apply(i, record)
    return out


def _skipped_steps(cycle: CommissioningCycle) -> list[str]:
    """Every forward transition whose stage lacked its evidence or approvals at that moment."""
    fw = cycle.framework
    found = []
    for before, record in _before_each(cycle):
        p = record
        if (
            p.source is None
            or p.path
            or p.event not in FORWARD
            or p.source == PROCURING
            or p.source is None
        ):
            continue
        facts = before.facts(at=record.occurred_at)
        gaps = missing(fw.requirements(p.source), facts, checks=fw.check_functions)
        gaps += missing_approvals(
            p.source, fw.approvals, facts, evidence_kinds=_kinds_for(fw.requirements(p.source))
        )
        if gaps:
            found.append(f"#{record.version} {p.event} from {p.source}: {gaps}")
    return found


def _reached_delivery_without_contract(cycle: CommissioningCycle) -> list[str]:
    fw = cycle.framework
    after = fw.steps[[s.name for s in fw.steps].index(fw.decision_step) + 1].name
    found = []
    for before, record in _before_each(cycle):
        p = record
        if p.path or p.target != after or p.event != "advance":
            continue
        decision = before.decision
        if decision is None or decision.route.value == "decommission":
            found.append(f"#{record.version}: reached {after!r} with decision {decision}")
        elif decision.route.needs_contract and before.contract is None:
            found.append(f"#{record.version}: reached {after!r} with no contract")
        elif (
            p.source == PROCURING
            and before.instance.child is not None
            and before.instance.child.state not in fw.contract_states
        ):
            found.append(f"#{record.version}: reached {after!r} with the procurement unfinished")
    return found


@settings(max_examples=40, deadline=None)
@given(commissioning_cycles(max_moves=14))
def test_walked_cycles_replay_and_never_skip_a_step(cycle: CommissioningCycle) -> None:
    event(f"state {cycle.state if cycle.state in GENERIC else 'a step'}")
    assert CommissioningCycle.replay(cycle.history, frameworks=[cycle.framework]) == cycle
    stored = json.loads(json.dumps(cycle.to_data()))
    assert CommissioningCycle.from_data(stored, frameworks=[cycle.framework]) == cycle
    assert _skipped_steps(cycle) == []
    assert _reached_delivery_without_contract(cycle) == []


class CycleMachine(RuleBasedStateMachine):
    """Drive a lineage of cycles with random commands, allowed or not."""

    def __init__(self) -> None:
        super().__init__()
        self.cycles: list[CommissioningCycle] = []
        self.clock = BASE
        self.value = Decimal(0)

    @property
    def cycle(self) -> CommissioningCycle:
        return self.cycles[-1]

    @initialize(framework=cycle_frameworks(), value=st.integers(0, 2_000_000))
    def start(self, framework: Framework, value: int) -> None:
        cycle, (record,) = CommissioningCycle.start(
            "c-1", service_area="Day opportunities", framework=framework, at=BASE, actor="lead"
        )
        assert record.version == 1
        self.cycles = [cycle]
        self.value = Decimal(value)

    def _tick(self, days: int) -> dt.datetime:
        self.clock = max(self.clock, self.cycle.updated_at) + dt.timedelta(days=days, hours=1)
        return self.clock

    def _keep(self, new: CommissioningCycle, records: tuple[EventRecord, ...]) -> None:
        (record,) = records
        assert record is new.history[-1]
        assert new.version == self.cycle.version + 1
        self.cycles[-1] = new

    @precondition(lambda self: not self.cycle.is_final)
    @rule(data=st.data(), days=st.integers(1, 30))
    def take_a_step_properly(self, data: st.DataObject, days: int) -> None:
        moment = self._tick(days)
        new, _ = _move(
            data.draw, self.cycle, self.cycle.framework, moment, self.value, delivery_routes()
        )
        assert new.version > self.cycle.version
        self.cycles[-1] = new

    @precondition(lambda self: not self.cycle.is_final)
    @rule(evidence=cycle_evidence(), days=st.integers(0, 30))
    def record_any_evidence(self, evidence: Any, days: int) -> None:
        moment = self._tick(days)
        if evidence.on > moment.date():
            evidence = attrs.evolve(evidence, on=moment.date())
        self._keep(*self.cycle.record(evidence, at=moment, actor="lead"))

    @precondition(lambda self: not self.cycle.is_final)
    @rule(data=st.data(), days=st.integers(0, 5))
    def fire_any_event(self, data: st.DataObject, days: int) -> None:
        moment = self._tick(days)
        events = sorted(self.cycle.framework.definition.events)
        event = data.draw(st.sampled_from(events))
        before = self.cycle
        try:
            self._keep(*before.fire(event, at=moment, actor="lead"))
        except CommissioningError:
            assert self.cycle is before  # a refusal changes nothing
            return
        assert before.instance.can(event, at=moment, context=before.facts(at=moment)).allowed

    @precondition(lambda self: not self.cycle.is_final)
    @rule(data=st.data(), days=st.integers(0, 5))
    def approve_something(self, data: st.DataObject, days: int) -> None:
        moment = self._tick(days)
        fw = self.cycle.framework
        stages = [*(s.name for s in fw.steps), "decommission-decide", "decommission-plan"]
        role = data.draw(st.sampled_from(("cabinet", "delegated officer", "director", "board")))
        approval = Approval(data.draw(st.sampled_from(stages)), role, "A Person", moment)
        self._keep(*self.cycle.approve(approval, at=moment, actor="lead"))

    @precondition(lambda self: not self.cycle.is_final)
    @rule(data=st.data(), days=st.integers(0, 5))
    def record_the_current_steps_evidence(self, data: st.DataObject, days: int) -> None:
        moment = self._tick(days)
        cycle = self.cycle
        state = cycle.state
        if state == PROCURING or state in cycle.framework.definition.final_states:
            return
        if state == "decommission-carry-out":
            return
        for evidence in _evidence_for(cycle.framework, state, cycle, moment.date(), self.value):
            self._keep(*self.cycle.record(evidence, at=moment, actor="lead"))
        if data.draw(st.booleans()):
            decision = MakeOrBuy(
                data.draw(delivery_routes()), "why", moment.date(), value=self.value
            )
            self._keep(*self.cycle.record(decision, at=moment, actor="lead"))

    @precondition(lambda self: self.cycle.state == "concluded" and len(self.cycles) < 3)
    @rule(days=st.integers(0, 30))
    def start_the_next_cycle(self, days: int) -> None:
        moment = self._tick(days)
        new, (record,) = self.cycle.next_cycle(f"c-{len(self.cycles) + 1}", at=moment, actor="lead")
        assert record.version == 1
        assert new.iteration == len(self.cycles) + 1
        self.cycles.append(new)

    @rule()
    def look_at_the_cycle(self) -> None:
        cycle = self.cycle
        event(f"state {cycle.state if cycle.state in GENERIC else 'a step'}")
        event(f"iteration {cycle.iteration}")
        blockers = cycle.blockers(at=self.clock)
        if cycle.is_final:
            assert cycle.next_event is None
            assert blockers == ()
        else:
            allowed = {o.event for o in cycle.options(at=self.clock) if o.allowed}
            assert (cycle.next_event in allowed) == (blockers == ())

    @invariant()
    def the_log_replays_to_the_same_cycle(self) -> None:
        cycle = self.cycle
        assert CommissioningCycle.replay(cycle.history, frameworks=[cycle.framework]) == cycle

    @invariant()
    def no_step_was_skipped_without_its_evidence(self) -> None:
        assert _skipped_steps(self.cycle) == []
        assert _reached_delivery_without_contract(self.cycle) == []

    @invariant()
    def the_lineage_is_consistent(self) -> None:
        assert lineage_problems(self.cycles) == ()


CycleMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestCycleMachine = CycleMachine.TestCase


def test_a_log_with_a_skipped_step_does_not_replay() -> None:
    cycle, _ = CommissioningCycle.start(
        "c-1", service_area="Meals", framework=cabinet_office(), at=BASE, actor="lead"
    )
    advance = EventRecord("c-1", 2, "advance", BASE, "lead", {}, (), "question", "customers")
    forged = (cycle.history[0], advance)
    with pytest.raises(InvalidHistory, match="needs a stated question and its scope") as info:
        CommissioningCycle.replay(forged, frameworks=[cycle.framework])
    assert info.value.index == 1
    # Without verification the engine only checks that the transition exists.
    assert CommissioningCycle.replay(forged, frameworks=[cycle.framework], verify=False).state == (
        "customers"
    )


@settings(max_examples=40, deadline=None)
@given(cycle_frameworks())
def test_every_framework_round_trips_through_data_and_draws(framework: Framework) -> None:
    again = Framework.from_data(
        json.loads(json.dumps(framework.to_data())), procedures=[simple_procedure_machine()]
    )
    assert again == framework
    assert again.definition == framework.definition
    diagram = to_mermaid(framework.definition)
    assert diagram.startswith("stateDiagram-v2")
    # one initial arrow for the framework, one inside the procurement's composite state
    assert diagram.count("[*] -->") == 1 + len(framework.procedures)
