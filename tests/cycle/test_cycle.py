"""Hand-worked examples of the commissioning cycle: frameworks, evidence guards, governance, replay."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

from commissioning import GuardRejected, InvalidDefinition, InvalidHistory, InvalidInput, Reason
from commissioning.cycle import (
    Approval,
    ApprovalRule,
    CommissioningCycle,
    Contract,
    DeliveryPlan,
    DeliveryRoute,
    EngagementRecord,
    Facts,
    Framework,
    Loop,
    MakeOrBuy,
    MeasureLine,
    NeedsAnalysis,
    OptionConsidered,
    OutcomeLine,
    OutcomePriorities,
    Question,
    Requirement,
    ServiceModel,
    Step,
    cabinet_office,
    example_framework,
    example_lineage,
    example_report,
    ipc,
    nhs_joint,
    rcgp,
)
from commissioning.machine import EventRecord, to_mermaid
from commissioning.procurement import Lot, Procurement
from commissioning.strategies import simple_procedure_machine

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def at(days: int) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def started(framework: Framework | None = None) -> CommissioningCycle:
    cycle, _ = CommissioningCycle.start(
        "meals-1",
        service_area="Community meals",
        framework=cabinet_office() if framework is None else framework,
        at=T0,
        actor="amira",
    )
    return cycle


def outcomes(*lines: OutcomeLine) -> OutcomePriorities:
    return OutcomePriorities("Meals outcomes", lines, at(20).date())


WITH_BASELINE = OutcomeLine(
    "Maintain good nutrition",
    2,
    (MeasureLine("must", "At risk of malnutrition (%)", Decimal(18), dt.date(2025, 9, 30)),),
)


def at_step(
    name: str, framework: Framework | None = None, value: str = "400000"
) -> CommissioningCycle:
    """A Cabinet Office cycle moved on, with complete evidence, to step ``name``."""
    c = started(framework)
    evidence: dict[str, list[Any]] = {
        "question": [Question("Who needs a meal?", "Residents 65+", at(1).date())],
        "customers": [
            NeedsAnalysis("420 residents", at(2).date()),
            EngagementRecord(at(3).date(), {"service users", "providers"}, "workshop", "co-design"),
        ],
        "outcomes": [outcomes(WITH_BASELINE)],
        "model": [
            ServiceModel(
                "Hot meals",
                (OptionConsidered("Hot"), OptionConsidered("Frozen", rejected_because="no visit")),
                preferred="Hot",
                on=at(25).date(),
            )
        ],
    }
    day = 30
    for step in ("question", "customers", "outcomes", "model"):
        if c.state == name:
            return c
        for e in evidence[step]:
            c, _ = c.record(e, at=at(day), actor="amira")
        c, _ = c.advance(at=at(day), actor="amira")
        day += 1
    assert c.state == "route"
    c, _ = c.record(
        MakeOrBuy(DeliveryRoute.IN_HOUSE, "our kitchen", at(day).date(), value=Decimal(value)),
        at=at(day),
        actor="amira",
    )
    return c


# ----------------------------------------------------------------------------- frameworks


def test_the_cabinet_office_six_steps_are_the_reference_order() -> None:
    # commissioning.md, Framework 1: six steps, in this order.
    assert [s.title for s in cabinet_office().steps] == [
        "What's the question?",
        "Get to know and work with your customers",
        "Define the outcome and priorities",
        "What will it look like?",
        "How will you get there?",
        "Measuring the impact",
    ]


def test_the_other_frameworks_have_their_reference_steps() -> None:
    assert [s.title for s in ipc().steps] == ["Analyse", "Plan", "Do", "Review"]
    assert [s.title for s in nhs_joint().steps] == [
        "Strategic planning",
        "Procuring services",
        "Monitoring and evaluation",
    ]
    assert [s.title for s in rcgp().steps] == [
        "Analyse and plan",
        "Design pathways",
        "Specify and procure",
        "Deliver and improve",
    ]
    assert (ipc().decision_step, rcgp().decision_step) == ("do", "specify-and-procure")


def test_every_framework_has_the_decommissioning_path_and_two_endings() -> None:
    for fw in (cabinet_office(), ipc(), nhs_joint(), rcgp()):
        d = fw.definition
        assert d.final_states == {"concluded", "decommissioned"}
        assert {"decommission-decide", "decommission-plan", "decommission-carry-out"} <= set(
            d.state_names
        )
        assert "procuring" not in d.state_names  # no procedure machines configured


def test_a_framework_with_procedures_hosts_them_in_procuring() -> None:
    fw = cabinet_office(procedures=[simple_procedure_machine()])
    assert fw.definition.state("procuring").children == (simple_procedure_machine(),)
    assert "procure" in fw.definition.events_from("route")
    assert "procuring" in to_mermaid(fw.definition)


def test_a_bad_framework_reports_every_problem_at_once() -> None:
    with pytest.raises(InvalidInput) as info:
        Framework(
            "ours",
            "Our cycle",
            steps=(
                Step("plan", "Plan", requires=(Requirement("telepathy"),)),
                Step("concluded", "Done"),
            ),
            decision_step="concluded",
            loops=(Loop("plan", "nowhere"),),
            approvals=(ApprovalRule("elsewhere", "cabinet"),),
        )
    fields = {p.field for p in info.value.problems}
    # 5 problems: reserved name, last step as decision step, unknown loop target,
    # unknown approval step, unknown requirement kind.
    assert fields == {
        "steps[1].name",
        "decision_step",
        "loops[0].target",
        "approvals[0].step",
        "steps[0].requires[0].kind",
    }


def test_two_identical_loops_are_ambiguous_for_the_engine() -> None:
    steps = (Step("a", "A"), Step("b", "B"), Step("c", "C"))
    with pytest.raises(InvalidDefinition, match="ambiguous"):
        Framework("x", "X", steps=steps, decision_step="a", loops=(Loop("b", "a"), Loop("b", "a")))


@pytest.mark.parametrize("make", [cabinet_office, ipc, nhs_joint, rcgp])
def test_frameworks_round_trip_through_data(make: object) -> None:
    fw = make()  # type: ignore[operator]  # each is a framework factory
    assert Framework.from_data(fw.to_data()) == fw


def test_a_user_framework_with_its_own_evidence_rule() -> None:
    def has_budget_line(facts: Facts, req: Requirement) -> list[str]:
        question = facts.latest(Question)
        if question is None or question.estimated_value is None:
            return ["needs a budget line; the question has no estimated value"]
        return []

    fw = Framework.from_data(
        {
            "name": "anytown",
            "title": "Anytown's cycle",
            "decision_step": "plan",
            "steps": [
                {"name": "plan", "title": "Plan", "requires": [{"kind": "budget-line"}]},
                {"name": "review", "title": "Review"},
            ],
        },
        checks={"budget-line": has_budget_line},
    )
    c = started(fw)
    c, _ = c.record(Question("Q", "S", T0.date()), at=T0, actor="amira")
    assert tuple(r.text for r in c.blockers(at=T0)) == (
        "step 1 'Plan' needs a budget line; the question has no estimated value",
        "step 1 'Plan' cannot choose a route without a make-or-buy decision",
    )


# ----------------------------------------------------------------------------- evidence guards


def test_step_three_names_the_outcome_without_a_baseline() -> None:
    c = at_step("outcomes")
    lonely = OutcomeLine("Reduce social isolation", 1)
    c, _ = c.record(outcomes(lonely, WITH_BASELINE), at=at(40), actor="amira")
    with pytest.raises(GuardRejected) as info:
        c.advance(at=at(40), actor="amira")
    assert info.value.reasons == (
        Reason(
            "outcomes/outcome-baselines",
            (
                "step 3 'Define the outcome and priorities' needs at least one outcome with a "
                "baseline; 'Reduce social isolation' has none"
            ),
        ),
    )


def test_step_two_names_each_group_not_yet_engaged() -> None:
    c = at_step("customers")
    c, _ = c.record(
        EngagementRecord(at(40).date(), {"service users"}, "survey", "consultation"),
        at=at(40),
        actor="amira",
    )
    assert tuple(r.text for r in c.blockers(at=at(40))) == (
        "step 2 'Get to know and work with your customers' needs a needs analysis; none is recorded",
        (
            "step 2 'Get to know and work with your customers' needs engagement with service users "
            "and providers; none with 'providers'"
        ),
    )


def test_a_refused_step_changes_nothing() -> None:
    c = at_step("customers")
    with pytest.raises(GuardRejected):
        c.advance(at=at(40), actor="amira")
    assert c.state == "customers"
    assert c.version == at_step("customers").version


def test_evidence_cannot_be_dated_after_it_is_recorded() -> None:
    c = started()
    with pytest.raises(InvalidInput, match=r"evidence\.on"):
        c.record(Question("Q", "S", dt.date(2026, 1, 6)), at=T0, actor="amira")


def test_records_cannot_go_back_in_time() -> None:
    c, _ = started().record(Question("Q", "S", T0.date()), at=at(5), actor="amira")
    with pytest.raises(InvalidInput, match="on or after the last record"):
        c.record(NeedsAnalysis("N", T0.date()), at=at(4), actor="amira")


def test_a_service_model_must_prefer_an_option_not_rejected() -> None:
    with pytest.raises(InvalidInput, match="preferred"):
        ServiceModel(
            "m",
            (OptionConsidered("A", rejected_because="too dear"),),
            preferred="A",
            on=T0.date(),
        )


# ----------------------------------------------------------------------------- governance


def test_a_large_decision_needs_the_cabinet_and_says_so() -> None:
    c = at_step("route", value="1200000")
    c, _ = c.record(
        DeliveryPlan("mobilise", at(40).date(), starts_on=at(90).date()), at=at(40), actor="amira"
    )
    # £1.2m > £500,000: the default key-decision rules ask for the cabinet.
    assert tuple(r.text for r in c.blockers(at=at(40))) == (
        (
            "step 5 'How will you get there?' needs approval by 'cabinet' (value above £500,000.00); "
            "the value is £1,200,000.00; none is recorded"
        ),
    )
    c, _ = c.approve(
        Approval("route", "cabinet", "Cllr Patel", at(41)), at=at(41), actor="approver"
    )
    c, _ = c.advance(at=at(41), actor="amira")
    assert c.state == "impact"


def test_a_small_decision_needs_a_delegated_officer() -> None:
    c = at_step("route", value="90000")
    c, _ = c.record(
        DeliveryPlan("mobilise", at(40).date(), starts_on=at(90).date()), at=at(40), actor="amira"
    )
    with pytest.raises(GuardRejected, match="'delegated officer'"):
        c.advance(at=at(40), actor="amira")
    c, _ = c.approve(
        Approval("route", "delegated officer", "J. Smith", at(40)), at=at(40), actor="approver"
    )
    assert c.advance(at=at(40), actor="amira")[0].state == "impact"


def test_an_approval_given_before_the_decision_changed_no_longer_counts() -> None:
    c = at_step("route", value="90000")
    c, _ = c.record(
        DeliveryPlan("mobilise", at(40).date(), starts_on=at(90).date()), at=at(40), actor="amira"
    )
    c, _ = c.approve(
        Approval("route", "delegated officer", "J. Smith", at(41)), at=at(41), actor="approver"
    )
    c, _ = c.record(
        MakeOrBuy(DeliveryRoute.GRANT, "a grant suits better", at(42).date(), value=Decimal(80000)),
        at=at(42),
        actor="amira",
    )
    (reason,) = c.blockers(at=at(42))
    assert reason.rule == "route/approval"
    assert reason.text.endswith(
        "the approval by J. Smith on 2026-02-15 predates evidence recorded on 2026-02-16"
    )


def test_an_unknown_value_is_reported_not_guessed() -> None:
    fw = cabinet_office().with_approvals(ApprovalRule("question", "director", above=Decimal(100)))
    c = started(fw)
    c, _ = c.record(Question("Q", "S", T0.date()), at=T0, actor="amira")
    (reason,) = c.blockers(at=T0)
    assert reason.rule == "question/approval"
    assert "the value is not known" in reason.text


# ----------------------------------------------------------------------------- delivery routes


def test_external_procurement_cannot_reach_delivery_without_a_contract() -> None:
    c = at_step("route")
    c, _ = c.record(
        MakeOrBuy(DeliveryRoute.EXTERNAL_PROCUREMENT, "market", at(40).date(), value=Decimal(1000)),
        at=at(40),
        actor="amira",
    )
    c, _ = c.record(DeliveryPlan("p", at(40).date(), starts_on=at(90).date()), at=at(40), actor="a")
    c, _ = c.approve(
        Approval("route", "delegated officer", "J. Smith", at(40)), at=at(40), actor="approver"
    )
    assert tuple(r.text for r in c.blockers(at=at(40))) == (
        (
            "the make-or-buy decision is external procurement: the cycle cannot reach delivery until "
            "the contract is entered into (no contract is recorded)"
        ),
    )
    c, _ = c.record(
        Contract(
            "C-1",
            "Good Food CIC",
            Decimal(1000),
            at(40).date(),
            starts_on=at(90).date(),
            ends_on=dt.date(2029, 3, 31),
        ),
        at=at(40),
        actor="amira",
    )
    assert c.advance(at=at(40), actor="amira")[0].state == "impact"


def test_with_a_procedure_machine_delivery_waits_for_the_contract_state() -> None:
    fw = cabinet_office(procedures=[simple_procedure_machine()])
    c = at_step("route", fw)
    c, _ = c.record(
        MakeOrBuy(DeliveryRoute.EXTERNAL_PROCUREMENT, "market", at(40).date(), value=Decimal(1000)),
        at=at(40),
        actor="amira",
    )
    c, _ = c.record(DeliveryPlan("p", at(40).date(), starts_on=at(90).date()), at=at(40), actor="a")
    c, _ = c.approve(
        Approval("route", "delegated officer", "J. Smith", at(40)), at=at(40), actor="approver"
    )
    assert c.next_event == "procure"
    with pytest.raises(GuardRejected, match="fire 'procure' to run the procedure"):
        c.advance(at=at(40), actor="amira")
    c, _ = c.procure("simple-procedure", at=at(41), actor="dev")
    assert (c.state, c.instance.child.state) == ("procuring", "tender")  # type: ignore[union-attr]
    assert c.blockers(at=at(41))[0].text.startswith(
        "the procurement ('simple-procedure') is in state 'tender', not a contract state"
    )
    c, (record,) = c.fire_procurement("enter-contract", at=at(60), actor="dev")
    assert isinstance(record, EventRecord)
    assert (record.path, record.source, record.target) == (
        ("procuring",),
        "tender",
        "contract-entered-into",
    )
    c, _ = c.record(
        Contract(
            "C-1",
            "Good Food CIC",
            Decimal(1000),
            at(60).date(),
            starts_on=at(90).date(),
            ends_on=dt.date(2029, 3, 31),
        ),
        at=at(60),
        actor="dev",
    )
    c, _ = c.advance(at=at(61), actor="amira")
    assert c.state == "impact"
    assert CommissioningCycle.replay(c.history, frameworks=[fw]) == c


def test_a_decision_to_decommission_cannot_advance_to_delivery() -> None:
    c = at_step("route")
    c, _ = c.record(
        MakeOrBuy(DeliveryRoute.DECOMMISSION, "outcomes met elsewhere", at(40).date()),
        at=at(40),
        actor="amira",
    )
    c, _ = c.record(DeliveryPlan("p", at(40).date(), starts_on=at(90).date()), at=at(40), actor="a")
    assert c.next_event == "decommission"
    with pytest.raises(GuardRejected, match="fire 'decommission' instead"):
        c.fire("advance", at=at(40), actor="amira")


# ----------------------------------------------------------------------------- the example and replay


def test_the_example_cycle_runs_its_procurement_as_a_child() -> None:
    first, _second = example_lineage()
    child_events = [r.event for r in first.history if r.path == ("procuring",)]
    assert child_events == [
        "assess_conflicts",
        "publish_UK4",
        "close_tendering",
        "send_assessment_summaries",
        "publish_UK6",
        "enter_contract",
    ]
    assert first.procurement is not None
    assert first.procurement.state == "mobilisation"
    assert first.procurement.timeline.standstill_last_day is not None
    assert (
        len(first.describe_history()) == 25
    )  # 25 = start + 10 evidence + 1 approval + 7 cycle events + 6 child events


def test_the_example_replays_to_the_same_cycles() -> None:
    for cycle in example_lineage():
        assert CommissioningCycle.replay(cycle.history, frameworks=[example_framework()]) == cycle


def test_replay_refuses_a_framework_other_than_the_one_stored() -> None:
    first, _ = example_lineage()
    changed = first.framework.with_requirements("model", Requirement("options", at_least=5))
    with pytest.raises(
        InvalidHistory, match="'cabinet-office' is not the one the cycle started under"
    ):
        CommissioningCycle.replay(first.history, frameworks=[changed])


def test_replay_needs_only_the_records() -> None:
    first, second = example_lineage()
    assert CommissioningCycle.replay(first.history) == first
    assert CommissioningCycle.replay(second.history).lineage == second.lineage


def test_replay_refuses_records_out_of_order() -> None:
    first, _ = example_lineage()
    records = list(first.history)
    records[3], records[4] = records[4], records[3]
    with pytest.raises(InvalidHistory, match="expected version 4, received 5") as info:
        CommissioningCycle.replay(records)
    assert info.value.index == 3


def test_replay_refuses_another_cycles_record() -> None:
    first, second = example_lineage()
    stray = second.history[1]._replace(version=2)
    with pytest.raises(InvalidHistory, match="belongs to cycle 'meals-2'"):
        CommissioningCycle.replay((first.history[0], stray))


def test_records_say_what_happened_in_their_data() -> None:
    first, _ = example_lineage()
    events = [r.event for r in first.history]
    assert events.count("start") == 1
    assert events.count("approve") == 1
    assert events.count("record") == 10
    assert all(isinstance(r, EventRecord) for r in first.history)
    started = first.history[0]
    assert (started.version, started.source, started.target) == (1, None, "question")
    assert started.data["framework"]["procedures"] == ("pa-open",)
    kinds = [r.data["evidence"]["kind"] for r in first.history if r.event == "record"]
    assert kinds[:2] == ["question", "needs-analysis"]
    (approval,) = [r for r in first.history if r.event == "approve"]
    assert approval.data["approval"]["by"] == "Cllr Priya Patel"
    assert (approval.source, approval.target) == (None, None)


def test_the_cycle_round_trips_through_json() -> None:
    for cycle in example_lineage():
        stored = json.loads(json.dumps(cycle.to_data()))
        assert stored["format"] == "commissioning.cycle"
        assert CommissioningCycle.from_data(stored) == cycle


def test_stored_cycles_are_checked_when_loaded() -> None:
    first, _ = example_lineage()
    stored = json.loads(json.dumps(first.to_data()))
    stored["records"][1]["data"]["evidence"]["on"] = "2025-13-01"
    with pytest.raises(
        InvalidHistory, match=r"data\.evidence\.on: expected a date as YYYY-MM-DD"
    ) as info:
        CommissioningCycle.from_data(stored)
    assert info.value.index == 1
    stored = json.loads(json.dumps(first.to_data()))
    stored["records"][1]["data"]["evidence"]["kind"] = "horoscope"
    with pytest.raises(InvalidHistory, match="horoscope"):
        CommissioningCycle.from_data(stored)
    stored = json.loads(json.dumps(first.to_data()))
    stored["records"][2]["occurred_at"] = "yesterday"
    with pytest.raises(InvalidInput, match=r"records\[2\]\.occurred_at"):
        CommissioningCycle.from_data(stored)
    with pytest.raises(InvalidInput, match="format"):
        CommissioningCycle.from_data({"format": "other", "format_version": 1, "records": []})
    with pytest.raises(InvalidInput, match="format_version"):
        CommissioningCycle.from_data({**first.to_data(), "format_version": 2})


def test_the_demo_report_walks_from_the_question_to_the_next_cycle() -> None:
    report = example_report(diagram="dot")
    assert "#2 amira.khan: recorded question" in report
    assert "'enter_contract' in the procurement ('procuring'): standstill -> mobilisation" in report
    assert "'conclude': impact -> concluded" in report
    assert "Cycle 'meals-2', iteration 2, carrying forward:" in report
    assert "digraph" in report
    assert example_report() == example_report()  # deterministic
    with pytest.raises(InvalidInput, match="diagram"):
        example_report(diagram="png")


def test_a_procurement_divided_into_lots_is_kept_beside_the_cycle_not_in_it() -> None:
    first, _ = example_lineage()
    before = first.as_of(dt.datetime(2026, 3, 22, 12, tzinfo=dt.UTC))
    attached = first.procurement
    assert attached is not None
    value = attached.facts.value_including_vat
    facts = attrs.evolve(
        attached.facts, lots=(Lot("1", "North", value / 2), Lot("2", "South", value / 2))
    )
    lotted, _ = Procurement.start(
        "meals-lots",
        facts=facts,
        procedure=attached.procedure,
        at=dt.datetime(2026, 3, 23, tzinfo=dt.UTC),
        actor="dev",
    )
    with pytest.raises(InvalidInput) as caught:
        before.procure(lotted, at=dt.datetime(2026, 3, 23, tzinfo=dt.UTC), actor="dev")
    assert caught.value.field == "procedure"
    assert "not divided into lots" in caught.value.expected
