import pendulum
import pytest

from commissioning import GuardRejected, TransitionNotAllowed
from commissioning.procurement import ObligationStatus, Procurement, obligations
from commissioning.thresholds import AuthorityType

from .conftest import at, make_facts

AWARD = {"supplier": "Acme Ltd", "value_including_vat": "600000"}


def test_a_framework_call_off_has_no_mandatory_standstill() -> None:
    p, _ = Procurement.start(
        "call-off",
        facts=make_facts(framework=False),
        procedure="pa-framework-call-off",
        at=at(2, 2),
        actor="ann",
    )
    p, _ = p.act(
        "invite_call_off", at=at(2, 3), actor="ann", data={"tender_deadline": "2026-02-10"}
    )
    p, _ = p.act("close_tendering", at=at(2, 11), actor="ann")
    p, _ = p.publish("UK6", at=at(2, 12), actor="ann", content=AWARD)
    assert p.timeline.standstill_last_day is None
    p, _ = p.act(
        "enter_contract", at=at(2, 12), actor="ann", data={"value_including_vat": "600000"}
    )
    assert p.state == "mobilisation"


def test_a_framework_call_off_may_set_a_voluntary_standstill() -> None:
    p, _ = Procurement.start(
        "call-off", facts=make_facts(), procedure="pa-framework-call-off", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("select_supplier", at=at(2, 3), actor="ann", data=AWARD)
    with pytest.raises(GuardRejected, match="at least 8 working days"):
        p.publish(
            "UK6", at=at(2, 4), actor="ann", content={**AWARD, "voluntary_standstill_days": 5}
        )
    p, (record,) = p.publish(
        "UK6", at=at(2, 4), actor="ann", content={**AWARD, "voluntary_standstill_days": 8}
    )
    # Wed 4 Feb 2026: 4,5,6,9,10,11,12,13 Feb are working days 1-8.
    assert record.data["standstill_last_day"] == "2026-02-13"


def test_a_dynamic_market_award_gives_members_at_least_ten_days() -> None:
    p, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market-award", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(3, 2), actor="ann")
    # Tender notice Mon 2 Mar 2026: 10 days beginning Tue 3 Mar end Thu 12 Mar (s.54).
    assert not p.can(
        "publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-03-11", "dynamic_market": "DM-1"}
    )
    p, _ = p.publish(
        "UK4",
        at=at(3, 2),
        actor="ann",
        content={"tender_deadline": "2026-03-12", "dynamic_market": "DM-1"},
    )
    assert p.state == "tendering"


def test_a_below_threshold_contract_has_no_award_notice_but_a_details_notice() -> None:
    facts = make_facts("50000")
    p, _ = Procurement.start(
        "small", facts=facts, procedure="pa-below-threshold", at=at(2, 2), actor="ann"
    )
    p, _ = p.publish("UK4", at=at(2, 3), actor="ann", content={"tender_deadline": "2026-02-20"})
    p, _ = p.act("close_tendering", at=at(2, 21), actor="ann")
    with pytest.raises(TransitionNotAllowed):
        p.publish("UK6", at=at(2, 23), actor="ann", content=AWARD)
    p, _ = p.act(
        "decide_award", at=at(2, 23), actor="ann", data={**AWARD, "value_including_vat": "48000"}
    )
    p, _ = p.act("enter_contract", at=at(2, 24), actor="ann", data={"value_including_vat": "48000"})
    [uk7] = [o for o in obligations(p, on=pendulum.Date(2026, 3, 1)) if o.notice == "UK7"]
    assert uk7.rule.key == "pa-s87-below-threshold-details"
    tiny, _ = Procurement.start(
        "tiny", facts=make_facts("20000"), procedure="pa-below-threshold", at=at(2, 2), actor="ann"
    )
    tiny, _ = tiny.act(
        "decide_award", at=at(2, 3), actor="ann", data={**AWARD, "value_including_vat": "20000"}
    )
    tiny, _ = tiny.act(
        "enter_contract", at=at(2, 4), actor="ann", data={"value_including_vat": "20000"}
    )
    [na] = [o for o in obligations(tiny, on=pendulum.Date(2026, 3, 1)) if o.notice == "UK7"]
    assert na.status.value == "not applicable"


def test_below_threshold_is_refused_above_the_threshold() -> None:
    with pytest.raises(ValueError, match="above-threshold"):
        Procurement.start(
            "x",
            facts=make_facts("600000"),
            procedure="pa-below-threshold",
            at=at(2, 2),
            actor="ann",
        )


PCR_FACTS = {"commenced_on": pendulum.Date(2024, 6, 3)}


def test_a_pcr_open_procedure_respects_reg_27_and_the_reg_87_standstill() -> None:
    facts = make_facts(**PCR_FACTS)  # type: ignore[arg-type]  # test facts
    p, _ = Procurement.start(
        "pcr", facts=facts, procedure="pcr-open", at=at(6, 3, year=2024), actor="ann"
    )
    # Sent Mon 3 Jun 2024, electronic: 30 days after end Wed 3 Jul (reg 27, reg 2).
    assert not p.can(
        "publish_contract_notice", at=at(6, 3, year=2024), data={"tender_deadline": "2024-07-02"}
    )
    p, _ = p.publish(
        "contract_notice",
        at=at(6, 3, year=2024),
        actor="ann",
        content={"tender_deadline": "2024-07-03"},
    )
    p, _ = p.act("close_tendering", at=at(7, 4, year=2024), actor="ann")
    p, (record,) = p.publish("award_decision", at=at(7, 10, year=2024), actor="ann", content=AWARD)
    # Sent Wed 10 Jul 2024: the 10th day after is Sat 20 Jul, rolled to Mon 22 Jul (reg 87, reg 2).
    assert record.data["standstill_last_day"] == "2024-07-22"
    with pytest.raises(GuardRejected, match="Public Contracts Regulations 2015 reg 87"):
        p.act("enter_contract", at=at(7, 22, year=2024), actor="ann")
    p, _ = p.act("enter_contract", at=at(7, 23, year=2024), actor="ann")
    # Reg 50(1): concluded Tue 23 Jul 2024; day 1 is Wed 24 Jul, day 30 is Thu 22 Aug 2024.
    (award_notice,) = [
        o for o in obligations(p, on=pendulum.Date(2024, 8, 23)) if "award" in o.duty
    ]
    assert award_notice.due_on == pendulum.Date(2024, 8, 22)
    assert award_notice.status is ObligationStatus.OVERDUE
    p, _ = p.publish("contract_award_notice", at=at(8, 1, year=2024), actor="ann")
    assert p.timeline.other("contract_award_notice") == pendulum.Date(2024, 8, 1)
    (award_notice,) = [
        o for o in obligations(p, on=pendulum.Date(2024, 8, 23)) if "award" in o.duty
    ]
    assert award_notice.status is ObligationStatus.DONE


def test_a_pcr_restricted_procedure_has_two_thirty_day_stages() -> None:
    # A central government authority: a sub-central one may go down to 10 days (reg 28(7)-(8)).
    facts = make_facts(
        electronic_submission=False,
        authority=AuthorityType.CENTRAL_GOVERNMENT,
        **PCR_FACTS,  # type: ignore[arg-type]  # test facts
    )
    p, _ = Procurement.start(
        "pcr", facts=facts, procedure="pcr-restricted", at=at(6, 3, year=2024), actor="ann"
    )
    assert not p.can(
        "publish_contract_notice",
        at=at(6, 3, year=2024),
        data={"participation_deadline": "2024-07-02"},
    )
    p, _ = p.publish(
        "contract_notice",
        at=at(6, 3, year=2024),
        actor="ann",
        content={"participation_deadline": "2024-07-03"},
    )
    with pytest.raises(GuardRejected):
        p.act(
            "invite_tenders",
            at=at(7, 3, year=2024),
            actor="ann",
            data={"tender_deadline": "2024-09-01"},
        )
    # Invited Thu 4 Jul 2024: the 30th day after is Sat 3 Aug; Mon 5 Aug is a Scottish bank
    # holiday in the default (UK-wide) PCR calendar, so the period ends on Tue 6 Aug (reg 28, reg 2).
    assert not p.can(
        "invite_tenders", at=at(7, 4, year=2024), data={"tender_deadline": "2024-08-05"}
    )
    p, _ = p.act(
        "invite_tenders",
        at=at(7, 4, year=2024),
        actor="ann",
        data={"tender_deadline": "2024-08-06"},
    )
    assert p.state == "tendering"


def test_pcr_negotiation_without_notice_needs_a_reg_32_ground() -> None:
    facts = make_facts(**PCR_FACTS)  # type: ignore[arg-type]  # test facts
    p, _ = Procurement.start(
        "pcr",
        facts=facts,
        procedure="pcr-negotiated-without-notice",
        at=at(6, 3, year=2024),
        actor="ann",
    )
    with pytest.raises(GuardRejected, match="reg 32"):
        p.act(
            "justify_negotiated",
            at=at(6, 4, year=2024),
            actor="ann",
            data={"ground": "convenience"},
        )
    p, _ = p.act(
        "justify_negotiated",
        at=at(6, 4, year=2024),
        actor="ann",
        data={"ground": "extreme_urgency"},
    )
    assert p.state == "tendering"


def test_psr_direct_award_c_publishes_an_intention_and_waits_for_the_standstill() -> None:
    p, _ = Procurement.start(
        "psr", facts=make_facts(), procedure="psr-direct-award-c", at=at(2, 2), actor="ann"
    )
    p, (record,) = p.publish("intention_notice", at=at(3, 2), actor="ann", content=AWARD)
    # Notice Mon 2 Mar 2026: the standstill begins Tue 3 Mar; 8 working days after it are
    # 4,5,6,9,10,11,12,13 Mar, so it ends at the end of Fri 13 Mar (reg 12).
    assert record.data["standstill_last_day"] == "2026-03-13"
    with pytest.raises(GuardRejected, match="reg 12"):
        p.act("enter_contract", at=at(3, 13), actor="ann")
    p, _ = p.act("enter_contract", at=at(3, 16), actor="ann")
    p, _ = p.publish("award_notice", at=at(3, 20), actor="ann")
    [notice] = [
        o for o in obligations(p, on=pendulum.Date(2026, 3, 21)) if "award notice" in o.duty
    ]
    assert notice.status.value == "done"


def test_psr_direct_award_a_has_no_standstill() -> None:
    p, _ = Procurement.start(
        "psr", facts=make_facts(), procedure="psr-direct-award-a", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("decide_award", at=at(2, 3), actor="ann", data=AWARD)
    p, _ = p.act("enter_contract", at=at(2, 3), actor="ann")
    assert p.state == "mobilisation"


def test_a_dynamic_market_publishes_its_four_notices_in_order() -> None:
    p, _ = Procurement.start(
        "dm", facts=make_facts(), procedure="pa-dynamic-market", at=at(2, 2), actor="ann"
    )
    with pytest.raises(TransitionNotAllowed):
        p.act("establish", at=at(2, 3), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 3), actor="ann")
    p, _ = p.publish("UK13", at=at(2, 3), actor="ann")
    p, _ = p.act("establish", at=at(3, 2), actor="ann")
    [due] = obligations(p, on=pendulum.Date(2026, 3, 3))
    assert (due.notice, due.status.value, due.due_on) == ("UK14", "due", None)
    p, _ = p.publish("UK14", at=at(3, 3), actor="ann")
    p, _ = p.act("admit_supplier", at=at(4, 1), actor="ann")
    p, _ = p.act("modify_market", at=at(5, 1), actor="ann")
    p, _ = p.publish("UK15", at=at(5, 4), actor="ann")
    p, _ = p.act("cease", at=at(9, 1), actor="ann")
    p, _ = p.publish("UK16", at=at(9, 2), actor="ann")
    assert [n.code for n in p.notices] == ["UK13", "UK14", "UK15", "UK16"]
    assert [o.status.value for o in obligations(p, on=pendulum.Date(2026, 9, 3))] == ["done"] * 3
