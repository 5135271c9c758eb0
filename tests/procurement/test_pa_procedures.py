from decimal import Decimal

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import GuardRejected, InvalidInput, TransitionNotAllowed
from commissioning.procurement import (
    PROCEDURES,
    History,
    Procurement,
    ProcurementFacts,
    procedure,
    uk_day,
)
from commissioning.strategies import procurements
from commissioning.thresholds import ContractType

from .conftest import at, make_facts, open_to_award


def test_an_open_procedure_runs_from_tender_notice_to_contract_details(
    facts: ProcurementFacts,
) -> None:
    p = open_to_award(facts)
    # UK6 Thu 2 Apr 2026: day 1; Good Friday 3 Apr and Easter Monday 6 Apr are not working
    # days; 7,8,9,10,13,14,15 Apr are days 2-8, so the last day is Wed 15 Apr (PA s.51(2)).
    assert p.state == "standstill"
    assert p.timeline.standstill_last_day == pendulum.Date(2026, 4, 15)
    p, _ = p.act(
        "enter_contract", at=at(4, 16), actor="ann", data={"value_including_vat": Decimal(600000)}
    )
    p, (record,) = p.publish("UK7", at=at(4, 20), actor="ann")
    assert p.state == "mobilisation"
    assert [n.code for n in p.notices] == ["UK4", "UK6", "UK7"]
    assert record.version == p.version == 8  # the creation record, then seven events


def test_contract_cannot_be_signed_before_standstill_ends(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    data = {"value_including_vat": "600000"}
    # 22:00 UTC on 15 April is 23:00 in London (BST): still the standstill's last day.
    with pytest.raises(GuardRejected) as err:
        p.act("enter_contract", at=at(4, 15, 22), actor="ann", data=data)
    message = str(err.value)
    assert "Procurement Act 2023 s.51(2)" in message
    assert "Wed 15 Apr 2026" in message
    assert "from Thu 16 Apr 2026" in message
    # 23:00 UTC is midnight in London: Thursday 16 April, the first day allowed.
    entered, _ = p.act("enter_contract", at=at(4, 15, 23), actor="ann", data=data)
    assert entered.timeline.contract_entered_on == pendulum.Date(2026, 4, 16)


def test_a_refused_command_leaves_the_procurement_unchanged(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    before = p.to_data()
    with pytest.raises(GuardRejected):
        p.act("enter_contract", at=at(4, 10), actor="ann", data={"value_including_vat": "600000"})
    assert p.to_data() == before


def test_tender_notice_needs_a_conflicts_assessment_first(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    with pytest.raises(GuardRejected) as err:
        p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-04-30"})
    assert err.value.reasons[0].rule == "pa-s83-conflicts-assessed"
    assert "Procurement Act 2023 s.83" in err.value.reasons[0].text


def test_tendering_period_shorter_than_the_minimum_is_refused_with_its_dates(
    facts: ProcurementFacts,
) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    # Tender notice Mon 2 Mar: 25 days beginning with Tue 3 Mar end on Fri 27 Mar (s.54).
    verdict = p.can("publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-03-26"})
    assert not verdict.allowed
    assert "earliest deadline is Fri 27 Mar 2026" in verdict.reasons[0].text
    assert p.can("publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-03-27"}).allowed


def test_engagement_needs_a_notice_or_reasons_before_the_tender_notice(
    facts: ProcurementFacts,
) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("engage_market", at=at(2, 3), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    data = {"tender_deadline": "2026-04-30"}
    refused = p.can("publish_UK4", at=at(3, 2), data=data)
    assert "Procurement Act 2023 s.17" in refused.reasons[0].text
    assert "Tue 3 Feb 2026" in refused.reasons[0].text
    reasons = {**data, "no_engagement_notice_reasons": "engagement was a single open day"}
    assert p.can("publish_UK4", at=at(3, 2), data=reasons).allowed
    p2, _ = p.publish("UK2", at=at(2, 10), actor="ann")
    assert p2.can("publish_UK4", at=at(3, 2), data=data).allowed


def test_a_qualifying_planned_procurement_notice_allows_ten_days(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(1, 2), actor="ann")
    p, _ = p.publish("UK3", at=at(1, 5), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    # UK3 Mon 5 Jan, UK4 Mon 2 Mar: more than 40 clear days; 10 days end Thu 12 Mar.
    assert p.can("publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-03-12"}).allowed
    assert not p.can("publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-03-11"}).allowed


def test_assessment_summaries_come_before_the_award_notice(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    with pytest.raises(GuardRejected) as early:
        p.act("close_tendering", at=at(3, 27), actor="ann")
    assert "from Sat 28 Mar 2026" in str(early.value)
    p, _ = p.act("close_tendering", at=at(3, 28), actor="ann")
    with pytest.raises(GuardRejected) as err:
        p.publish(
            "UK6", at=at(4, 2), actor="ann", content={"supplier": "A", "value_including_vat": "1"}
        )
    assert "s.50" in str(err.value)


def test_a_contract_over_five_million_needs_three_kpis() -> None:
    facts = make_facts("6000000")
    p = open_to_award(facts)
    data = {"value_including_vat": "6000000", "kpis": ["on time", "quality"]}
    with pytest.raises(GuardRejected) as err:
        p.act("enter_contract", at=at(4, 16), actor="ann", data=data)
    assert "Procurement Act 2023 s.52" in str(err.value)
    p, _ = p.act(
        "enter_contract", at=at(4, 16), actor="ann", data={**data, "kpis": ["a", "b", "c"]}
    )
    assert p.timeline.kpis == 3
    exempt = open_to_award(make_facts("6000000", kpis_not_appropriate="a one-off delivery"))
    exempt, _ = exempt.act("enter_contract", at=at(4, 16), actor="ann", data=data)
    assert exempt.state == "mobilisation"


def test_direct_award_needs_a_justification_and_a_transparency_notice(
    facts: ProcurementFacts,
) -> None:
    p, _ = Procurement.start(
        "meals", facts=facts, procedure="pa-direct-award", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 3), actor="ann")
    award = {"supplier": "Acme Ltd", "value_including_vat": "600000"}
    with pytest.raises(TransitionNotAllowed):
        p.publish("UK6", at=at(2, 4), actor="ann", content=award)
    with pytest.raises(GuardRejected) as err:
        p.publish("UK5", at=at(2, 4), actor="ann", content={**award, "justification": "cheapest"})
    assert "Sch 5" in str(err.value)
    p, _ = p.publish(
        "UK5", at=at(2, 4), actor="ann", content={**award, "justification": "exclusive_rights"}
    )
    p, _ = p.publish("UK6", at=at(2, 9), actor="ann", content=award)
    # UK6 Mon 9 Feb 2026: 9,10,11,12,13,16,17,18 Feb are working days 1-8.
    assert p.timeline.standstill_last_day == pendulum.Date(2026, 2, 18)
    assert [n.code for n in p.notices] == ["UK5", "UK6"]


def test_urgent_direct_award_has_no_mandatory_standstill(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start(
        "meals", facts=facts, procedure="pa-direct-award", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 3), actor="ann")
    award = {"supplier": "Acme Ltd", "value_including_vat": "600000"}
    p, _ = p.publish("UK5", at=at(2, 4), actor="ann", content={**award, "justification": "urgency"})
    p, _ = p.publish("UK6", at=at(2, 5), actor="ann", content=award)
    assert p.timeline.standstill_last_day is None
    p, _ = p.act("enter_contract", at=at(2, 5), actor="ann", data={"value_including_vat": "600000"})
    assert p.state == "mobilisation"


def test_switching_to_direct_award_needs_a_reason_and_a_transparency_notice(
    facts: ProcurementFacts,
) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("close_tendering", at=at(3, 28), actor="ann")
    with pytest.raises(GuardRejected, match=r"s\.43"):
        p.act("switch_to_direct_award", at=at(3, 30), actor="ann")
    p, _ = p.act("switch_to_direct_award", at=at(3, 30), actor="ann", data={"reason": "no tenders"})
    content = {
        "supplier": "Acme Ltd",
        "value_including_vat": "600000",
        "justification": "technical_reasons",
    }
    p, _ = p.publish("UK5", at=at(3, 31), actor="ann", content=content)
    p, _ = p.publish("UK6", at=at(4, 2), actor="ann", content=content)
    assert p.state == "standstill"


def test_abandoning_after_a_tender_notice_needs_a_procurement_termination_notice(
    facts: ProcurementFacts,
) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    dropped, _ = p.act("abandon", at=at(2, 3), actor="ann")
    assert dropped.state == "cancelled"
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("abandon", at=at(3, 5), actor="ann")
    assert p.state == "abandoning"
    p, _ = p.publish("UK12", at=at(3, 6), actor="ann")
    assert p.state == "cancelled"
    assert p.is_final


def test_competitive_flexible_runs_participation_shortlisting_and_rounds(
    facts: ProcurementFacts,
) -> None:
    p, _ = Procurement.start(
        "meals", facts=facts, procedure="pa-competitive-flexible", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    # Participation: 25 days beginning with Tue 3 Mar end Fri 27 Mar (s.54(3)).
    assert not p.can("publish_UK4", at=at(3, 2), data={"participation_deadline": "2026-03-26"})
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", content={"participation_deadline": "2026-03-27"}
    )
    with pytest.raises(GuardRejected):
        p.act("shortlist", at=at(3, 27), actor="ann", data={"tender_deadline": "2026-05-01"})
    # Invitation Mon 30 Mar, sub-central with pre-selected suppliers: 10 days (to Thu 9 Apr).
    assert not p.can("shortlist", at=at(3, 30), data={"tender_deadline": "2026-04-08"})
    p, _ = p.act("shortlist", at=at(3, 30), actor="ann", data={"tender_deadline": "2026-04-09"})
    p, _ = p.act("close_tendering", at=at(4, 10), actor="ann")
    p, _ = p.act("start_round", at=at(4, 13), actor="ann", data={"tender_deadline": "2026-04-24"})
    assert p.state == "tendering"
    p, _ = p.act("close_tendering", at=at(4, 25), actor="ann")
    p, _ = p.act("send_assessment_summaries", at=at(4, 27), actor="ann")
    p, _ = p.publish(
        "UK6", at=at(4, 28), actor="ann", content={"supplier": "A", "value_including_vat": "1.00"}
    )
    assert p.state == "standstill"


def test_the_light_touch_procedure_has_no_minimum_periods_and_no_standstill() -> None:
    facts = make_facts(contract_type=ContractType.LIGHT_TOUCH)
    p, _ = Procurement.start(
        "care", facts=facts, procedure="pa-light-touch", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", content={"participation_deadline": "2026-03-03"}
    )
    p, _ = p.act("shortlist", at=at(3, 4), actor="ann", data={"tender_deadline": "2026-03-05"})
    p, _ = p.act("close_tendering", at=at(3, 6), actor="ann")
    p, _ = p.act("send_assessment_summaries", at=at(3, 6), actor="ann")
    p, _ = p.publish(
        "UK6", at=at(3, 6), actor="ann", content={"supplier": "A", "value_including_vat": "1.00"}
    )
    assert p.timeline.standstill_last_day is None
    voluntary = p.timeline
    assert voluntary.award is not None


def test_light_touch_procedure_is_refused_for_other_contracts(facts: ProcurementFacts) -> None:
    with pytest.raises(InvalidInput, match="LIGHT_TOUCH"):
        Procurement.start("x", facts=facts, procedure="pa-light-touch", at=at(2, 2), actor="ann")


def test_a_pa_procedure_is_refused_for_a_pcr_procurement() -> None:
    facts = make_facts(commenced_on=pendulum.Date(2024, 6, 3))
    with pytest.raises(InvalidInput, match="Public Contracts Regulations 2015"):
        Procurement.start(
            "x", facts=facts, procedure="pa-open", at=at(6, 3, year=2024), actor="ann"
        )


def test_every_procedure_has_a_valid_machine() -> None:
    assert len(PROCEDURES) == 19
    for key, proc in PROCEDURES.items():
        assert proc.definition.name == key
        assert procedure(key) is proc
        assert "planning" in proc.definition.state_names


def test_replay_and_data_round_trip_give_the_same_procurement(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    assert Procurement.replay(p.history) == p
    assert Procurement.from_data(p.to_data()) == p
    assert p.as_of(at=at(3, 10)).state == "tendering"


# ------------------------------------------------------------- amending the tender notice
def _open_tendering(deadline: str = "2026-04-10") -> Procurement:
    p, _ = Procurement.start(
        "meals", facts=make_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": deadline})
    return p


def test_an_amended_tender_deadline_keeps_the_s54_minimum_from_the_invitation() -> None:
    p = _open_tendering()
    # Invited Mon 2 Mar 2026; s.54 counts from Tue 3 Mar: 25 days (electronic, all documents
    # at once) end Fri 27 Mar. Shortening the deadline to Thu 26 Mar is refused.
    with pytest.raises(GuardRejected) as err:
        p.act(
            "amend_tender_notice",
            at=at(3, 10),
            actor="ann",
            data={"tender_deadline": "2026-03-26", "description": "deadline brought forward"},
        )
    assert "Procurement Act 2023 s.54" in str(err.value)
    assert "invited on Mon 2 Mar 2026" in str(err.value)
    assert "the earliest deadline is Fri 27 Mar 2026" in str(err.value)
    p, _ = p.act(
        "amend_tender_notice",
        at=at(3, 10),
        actor="ann",
        data={"tender_deadline": "2026-03-27", "description": "deadline brought forward"},
    )
    assert (p.state, p.timeline.tender_deadline, p.timeline.invited_on) == (
        "tendering",
        pendulum.Date(2026, 3, 27),
        pendulum.Date(2026, 3, 2),
    )
    assert p.timeline.tender_amendments == (
        (pendulum.Date(2026, 3, 10), "deadline brought forward"),
    )
    # tenders close after the amended deadline, not the original one
    with pytest.raises(GuardRejected, match="until Fri 27 Mar 2026"):
        p.act("close_tendering", at=at(3, 27), actor="ann")
    closed, _ = p.act("close_tendering", at=at(3, 28), actor="ann")
    assert closed.state == "evaluation"
    assert Procurement.from_data(p.to_data()) == p


def test_an_extended_deadline_holds_tenders_open() -> None:
    p = _open_tendering()
    p, _ = p.act(
        "amend_tender_notice",
        at=at(4, 1),
        actor="ann",
        data={"tender_deadline": "2026-04-17", "description": "specification clarified"},
    )
    with pytest.raises(GuardRejected, match="until Fri 17 Apr 2026"):
        p.act("close_tendering", at=at(4, 11), actor="ann")


def test_a_tender_notice_is_amended_only_while_tenders_may_be_submitted() -> None:
    p = _open_tendering("2026-03-27")
    with pytest.raises(GuardRejected, match="after the deadline") as err:
        p.act("amend_tender_notice", at=at(3, 28), actor="ann", data={"description": "late"})
    assert "tenders could be submitted until Fri 27 Mar 2026" in str(err.value)
    # on the deadline day itself tenders may still be submitted: the amendment is allowed
    p, _ = p.act(
        "amend_tender_notice", at=at(3, 27), actor="ann", data={"description": "typo fixed"}
    )
    assert p.timeline.tender_deadline == pendulum.Date(2026, 3, 27)


def test_an_amendment_says_what_changed_and_gives_time_after_it() -> None:
    p = _open_tendering()
    with pytest.raises(GuardRejected) as err:
        p.act(
            "amend_tender_notice",
            at=at(4, 3),
            actor="ann",
            data={"tender_deadline": "2026-04-03", "participation_deadline": "2026-04-20"},
        )
    reasons = str(err.value)
    assert "description must say what changed" in reasons
    assert "participation_deadline cannot be amended while tenders are being submitted" in reasons
    # Fri 3 Apr keeps the s.54 minimum (from Fri 27 Mar) but leaves no time after the change
    with pytest.raises(GuardRejected, match=r"must be after the day of the amendment \(Fri 3 Apr"):
        p.act(
            "amend_tender_notice",
            at=at(4, 3),
            actor="ann",
            data={"tender_deadline": "2026-04-03", "description": "x"},
        )


def test_a_participation_deadline_amendment_keeps_the_s54_participation_period() -> None:
    p, _ = Procurement.start(
        "meals", facts=make_facts(), procedure="pa-competitive-flexible", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", content={"participation_deadline": "2026-04-10"}
    )
    # Tender notice Mon 2 Mar 2026: 25 days beginning Tue 3 Mar end Fri 27 Mar (s.54).
    with pytest.raises(GuardRejected, match="earliest deadline is Fri 27 Mar 2026"):
        p.act(
            "amend_tender_notice",
            at=at(3, 9),
            actor="ann",
            data={"participation_deadline": "2026-03-26", "description": "x"},
        )
    with pytest.raises(GuardRejected, match="tender_deadline cannot be amended"):
        p.act(
            "amend_tender_notice",
            at=at(3, 9),
            actor="ann",
            data={"tender_deadline": "2026-05-01", "description": "x"},
        )
    p, _ = p.act(
        "amend_tender_notice",
        at=at(3, 9),
        actor="ann",
        data={"participation_deadline": "2026-03-27", "description": "x"},
    )
    assert (p.state, p.timeline.participation_deadline) == (
        "participation",
        pendulum.Date(2026, 3, 27),
    )
    with pytest.raises(GuardRejected):  # shortlisting waits for the amended deadline
        p.act("shortlist", at=at(3, 27), actor="ann", data={"tender_deadline": "2026-05-01"})


def test_a_below_threshold_amendment_needs_only_a_later_deadline() -> None:
    p, _ = Procurement.start(
        "small", facts=make_facts("50000"), procedure="pa-below-threshold", at=at(2, 2), actor="ann"
    )
    p, _ = p.publish("UK4", at=at(2, 3), actor="ann", content={"tender_deadline": "2026-02-20"})
    # below threshold no s.54 minimum applies (s.87(6): reasonable), only a day after the change
    with pytest.raises(GuardRejected, match="after the day of the amendment"):
        p.act(
            "amend_tender_notice",
            at=at(2, 10),
            actor="ann",
            data={"tender_deadline": "2026-02-10", "description": "x"},
        )
    p, _ = p.act(
        "amend_tender_notice",
        at=at(2, 10),
        actor="ann",
        data={"tender_deadline": "2026-02-11", "description": "x"},
    )
    assert p.timeline.tender_deadline == pendulum.Date(2026, 2, 11)


def test_direct_awards_have_no_tender_notice_to_amend() -> None:
    for key in ("pa-direct-award", "pa-framework-call-off", "pa-dynamic-market-award"):
        assert "amend_tender_notice" not in PROCEDURES[key].definition.events


@given(amend_day=st.integers(0, 45), new_deadline=st.integers(0, 60))
def test_an_open_procedure_amendment_is_allowed_exactly_when_the_rules_hold(
    amend_day: int, new_deadline: int
) -> None:
    p = _open_tendering("2026-04-10")
    invited = pendulum.Date(2026, 3, 2)
    day = invited.add(days=amend_day)
    deadline = invited.add(days=new_deadline)
    verdict = p.can(
        "amend_tender_notice",
        at=at(day.month, day.day),
        data={"tender_deadline": deadline.isoformat(), "description": "x"},
    )
    # s.54: earliest Fri 27 Mar (25 days from Tue 3 Mar); submissions open until Fri 10 Apr;
    # the new deadline after the day of the amendment.
    expected = (
        day <= pendulum.Date(2026, 4, 10)
        and deadline >= pendulum.Date(2026, 3, 27)
        and deadline > day
    )
    assert verdict.allowed is expected


@settings(max_examples=40)
@given(
    procurements(
        procedures=st.sampled_from(["pa-open", "pa-competitive-flexible", "pa-below-threshold"]),
        amendments=True,
    )
)
def test_submissions_close_only_after_the_deadline_in_force_after_amendments(
    p: Procurement,
) -> None:
    h = History()
    for r in p.history:
        if r.event == "close_tendering":
            assert h.tender_deadline is not None
            assert uk_day(r.occurred_at) > h.tender_deadline
        if r.event == "shortlist":
            assert h.participation_deadline is not None
            assert uk_day(r.occurred_at) > h.participation_deadline
        if r.event == "amend_tender_notice":
            current = h.tender_deadline or h.participation_deadline
            assert current is None or uk_day(r.occurred_at) <= current
        h = h.after(r)
    assert h == p.timeline
