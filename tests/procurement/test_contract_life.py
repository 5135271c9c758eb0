import pendulum
import pytest

from commissioning import GuardRejected, TransitionNotAllowed
from commissioning.procurement import ObligationStatus, Procurement, obligations

from .conftest import at, make_facts, open_to_award


def delivering() -> Procurement:
    p = open_to_award(make_facts())
    p, _ = p.act(
        "enter_contract", at=at(4, 16), actor="ann", data={"value_including_vat": "600000"}
    )
    p, _ = p.publish("UK7", at=at(4, 20), actor="ann")
    p, _ = p.act("start_delivery", at=at(5, 1), actor="ann")
    return p


def test_a_modification_over_ten_percent_needs_a_contract_change_notice_first() -> None:
    p = delivering()
    # £600,000 to £700,000 is a 16.67% change: more than 10% for services (s.75).
    with pytest.raises(GuardRejected) as err:
        p.act("modify_contract", at=at(6, 1), actor="ann", data={"value_including_vat": "700000"})
    assert "Procurement Act 2023 s.75" in str(err.value)
    assert "16.67%" in str(err.value)
    small, _ = p.act(
        "modify_contract", at=at(6, 1), actor="ann", data={"value_including_vat": "650000"}
    )
    assert small.history.contract_value == 650000


def test_a_change_notice_with_a_voluntary_standstill_holds_the_modification() -> None:
    p = delivering()
    change = {"value_including_vat": "700000", "voluntary_standstill_days": 8}
    p, record = p.publish("UK10", at=at(6, 1), actor="ann", content=change)
    # UK10 Mon 1 Jun 2026: 1-5 and 8-10 June are working days 1-8 (s.76 counted like s.51).
    assert record.data["standstill_last_day"] == "2026-06-10"
    with pytest.raises(GuardRejected, match="from Thu 11 Jun 2026"):
        p.act("modify_contract", at=at(6, 10), actor="ann", data={"value_including_vat": "700000"})
    p, _ = p.act(
        "modify_contract", at=at(6, 11), actor="ann", data={"value_including_vat": "700000"}
    )
    assert p.history.pending_change is None
    assert p.history.modifications == 1


def test_a_performance_notice_reports_an_assessment_on_the_rating_scale() -> None:
    p = delivering()
    with pytest.raises(GuardRejected, match="no performance assessment"):
        p.publish("UK9", at=at(6, 1), actor="ann")
    with pytest.raises(GuardRejected, match="ratings must be"):
        p.act(
            "assess_performance",
            at=at(6, 1),
            actor="ann",
            data={"ratings": [{"kpi": "a", "rating": "great"}]},
        )
    p, _ = p.act(
        "assess_performance",
        at=at(6, 1),
        actor="ann",
        data={"ratings": [{"kpi": "a", "rating": "requires improvement"}]},
    )
    p, _ = p.publish("UK9", at=at(6, 2), actor="ann")
    with pytest.raises(GuardRejected):
        p.publish("UK9", at=at(6, 3), actor="ann")


def test_payments_are_recorded_in_delivery_only() -> None:
    p = delivering()
    p, _ = p.act("record_payment", at=at(6, 1), actor="ann", data={"amount": "45000.00"})
    assert p.history.payments[-1][1] == 45000
    with pytest.raises(GuardRejected):
        p.act("record_payment", at=at(6, 2), actor="ann", data={"amount": "lots"})


def test_a_contract_ends_and_closes_with_its_termination_notice() -> None:
    p = delivering()
    with pytest.raises(GuardRejected, match="expiry"):
        p.act("end_contract", at=at(9, 1), actor="ann", data={"reason": "bored"})
    p, _ = p.act("end_contract", at=at(9, 1), actor="ann", data={"reason": "termination"})
    assert p.state == "ended"
    with pytest.raises(TransitionNotAllowed):
        p.act("record_payment", at=at(9, 2), actor="ann", data={"amount": "1.00"})
    p, _ = p.publish("UK11", at=at(9, 10), actor="ann")
    assert (p.state, p.is_final) == ("closed", True)


def test_payments_information_falls_due_thirty_days_after_the_quarter() -> None:
    # PA s.70 (UK8, UNCONFIRMED code): a £45,000 payment on Mon 1 Jun 2026 falls in the
    # quarter ending Tue 30 Jun; day 1 is Wed 1 Jul, day 30 is Thu 30 Jul 2026.
    p = delivering()
    p, _ = p.act("record_payment", at=at(6, 1), actor="ann", data={"amount": "45000.00"})
    (uk8,) = [o for o in obligations(p, on=pendulum.Date(2026, 7, 31)) if o.notice == "UK8"]
    assert uk8.due_on == pendulum.Date(2026, 7, 30)
    assert uk8.status is ObligationStatus.OVERDUE
    assert "UNCONFIRMED" in uk8.note
