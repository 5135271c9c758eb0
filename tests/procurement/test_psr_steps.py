"""M3: the most suitable provider step 1 notice and its 14 days; representations hold the standstill."""

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import GuardRejected
from commissioning.calendar import psr_calendar
from commissioning.procurement import Obligation, Procurement, obligations
from commissioning.strategies import procurements

from .conftest import at, make_facts

AWARD = {"supplier": "Acme Health", "value_including_vat": "600000"}


def _msp_in_standstill() -> Procurement:
    p, _ = Procurement.start(
        "msp", facts=make_facts(), procedure="psr-most-suitable-provider", at=at(2, 2), actor="ann"
    )
    p, _ = p.publish("msp_notice", at=at(2, 2), actor="ann")
    p, _ = p.act("identify_providers", at=at(2, 16), actor="ann")
    p, _ = p.publish("intention_notice", at=at(3, 2), actor="ann", content=AWARD)
    return p


def test_the_most_suitable_provider_process_begins_with_its_step_1_notice() -> None:
    p, _ = Procurement.start(
        "msp", facts=make_facts(), procedure="psr-most-suitable-provider", at=at(2, 2), actor="ann"
    )
    with pytest.raises(Exception, match="publish_intention_notice"):
        p.publish("intention_notice", at=at(2, 3), actor="ann", content=AWARD)
    p, _ = p.publish("msp_notice", at=at(2, 2), actor="ann")
    assert p.state == "selecting"
    with pytest.raises(GuardRejected, match=r"reg 10\(4\)-\(7\)"):
        p.publish("intention_notice", at=at(2, 3), actor="ann", content=AWARD)


def test_step_2_waits_14_days_after_the_step_1_notice() -> None:
    p, _ = Procurement.start(
        "msp", facts=make_facts(), procedure="psr-most-suitable-provider", at=at(2, 2), actor="ann"
    )
    p, _ = p.publish("msp_notice", at=at(2, 2), actor="ann")
    # reg 10(5): not before the day 14 days after Mon 2 Feb 2026, i.e. Mon 16 Feb.
    with pytest.raises(
        GuardRejected, match=r"reg 10\(5\).*from Mon 16 Feb 2026, not on Sun 15 Feb"
    ):
        p.act("identify_providers", at=at(2, 15), actor="ann")
    p, _ = p.act("identify_providers", at=at(2, 16), actor="ann")
    assert p.timeline.life.psr.providers_identified_on is not None


def test_representations_hold_the_standstill_until_a_further_decision_and_five_working_days() -> (
    None
):
    p = _msp_in_standstill()
    # Notice Mon 2 Mar 2026: ordinary last day Fri 13 Mar (reg 12(9)).
    p, _ = p.act(
        "receive_representations", at=at(3, 10), actor="ann", data={"provider": "Beta Care"}
    )
    with pytest.raises(GuardRejected, match=r"reg 12\(4\), \(10\).*communicate_decision"):
        p.act("enter_contract", at=at(3, 20), actor="ann")
    p, _ = p.act("communicate_decision", at=at(3, 18), actor="ann", data={"decision": "proceed"})
    # told Wed 18 Mar: 5 working days after it are 19, 20, 23, 24, 25 March.
    with pytest.raises(
        GuardRejected, match=r"reg 12\(10\).*run to Wed 25 Mar 2026.*from Thu 26 Mar"
    ):
        p.act("enter_contract", at=at(3, 25), actor="ann")
    p, _ = p.act("enter_contract", at=at(3, 26), actor="ann")
    assert p.state == "mobilisation"


def test_representations_come_by_the_eighth_working_day() -> None:
    p = _msp_in_standstill()
    with pytest.raises(
        GuardRejected, match=r"reg 12\(3\).*until midnight at the end of Fri 13 Mar 2026"
    ):
        p.act("receive_representations", at=at(3, 16), actor="ann", data={"provider": "Beta Care"})
    with pytest.raises(GuardRejected, match="name the provider"):
        p.act("receive_representations", at=at(3, 10), actor="ann", data={})


def test_a_further_decision_needs_representations_and_one_of_three_answers() -> None:
    p = _msp_in_standstill()
    with pytest.raises(GuardRejected, match=r"reg 12\(4\).*none were received"):
        p.act("communicate_decision", at=at(3, 5), actor="ann", data={"decision": "proceed"})
    p, _ = p.act(
        "receive_representations", at=at(3, 5), actor="ann", data={"provider": "Beta Care"}
    )
    with pytest.raises(GuardRejected, match="decision must be one of proceed, repeat, abandon"):
        p.act("communicate_decision", at=at(3, 6), actor="ann", data={"decision": "maybe"})


def test_going_back_a_step_after_a_further_decision_starts_again() -> None:
    p = _msp_in_standstill()
    p, _ = p.act(
        "receive_representations", at=at(3, 5), actor="ann", data={"provider": "Beta Care"}
    )
    p, _ = p.act("communicate_decision", at=at(3, 6), actor="ann", data={"decision": "repeat"})
    with pytest.raises(
        GuardRejected, match="the last further decision was to repeat, not to proceed"
    ):
        p.act("enter_contract", at=at(3, 30), actor="ann")
    # told Fri 6 Mar: 5 working days after run to Fri 13 Mar, the ordinary last day too
    with pytest.raises(GuardRejected, match="from Sat 14 Mar 2026"):
        p.act("repeat_step", at=at(3, 13), actor="ann")
    p, _ = p.act("repeat_step", at=at(3, 16), actor="ann")
    assert p.state == "selecting"
    assert p.timeline.life.psr.representations == ()


def test_abandoning_in_the_standstill_needs_a_further_decision() -> None:
    p = _msp_in_standstill()
    with pytest.raises(GuardRejected, match=r"reg 15\(2\)"):
        p.act("abandon", at=at(3, 5), actor="ann")
    p, _ = p.act(
        "receive_representations", at=at(3, 5), actor="ann", data={"provider": "Beta Care"}
    )
    p, _ = p.act("communicate_decision", at=at(3, 16), actor="ann", data={"decision": "abandon"})
    p, _ = p.act("abandon", at=at(3, 24), actor="ann")
    assert p.state == "cancelled"


def test_competitive_process_tells_providers_before_the_notice_of_intention() -> None:
    p, _ = Procurement.start(
        "cp", facts=make_facts(), procedure="psr-competitive", at=at(2, 2), actor="ann"
    )
    p, _ = p.publish(
        "contract_notice", at=at(2, 2), actor="ann", content={"tender_deadline": "2026-02-20"}
    )
    p, _ = p.act("close_tendering", at=at(2, 21), actor="ann")
    with pytest.raises(GuardRejected, match=r"reg 11\(8\)"):
        p.publish("intention_notice", at=at(2, 23), actor="ann", content=AWARD)
    p, _ = p.act("inform_providers", at=at(2, 23), actor="ann")
    p, _ = p.publish("intention_notice", at=at(2, 23), actor="ann", content=AWARD)
    assert p.state == "standstill"


def test_psr_steps_replay_from_the_records() -> None:
    p = _msp_in_standstill()
    p, _ = p.act(
        "receive_representations", at=at(3, 5), actor="ann", data={"provider": "Beta Care"}
    )
    assert Procurement.from_data(p.to_data()) == p


def test_the_standstill_duty_follows_the_representations() -> None:
    def standstill(q: Procurement, on: pendulum.Date) -> list[Obligation]:
        return [o for o in obligations(q, on=on) if "standstill" in o.duty]

    p = _msp_in_standstill()
    p, _ = p.act("receive_representations", at=at(3, 10), actor="ann", data={"provider": "Beta"})
    [held] = standstill(p, pendulum.Date(2026, 3, 20))
    assert held.rule.key == "psr-reg12-representations"
    assert held.due_on is None
    p, _ = p.act("communicate_decision", at=at(3, 18), actor="ann", data={"decision": "proceed"})
    [known] = standstill(p, pendulum.Date(2026, 3, 20))
    assert known.due_on == pendulum.Date(2026, 3, 25)


@given(st.integers(0, 7), st.integers(0, 20))
def test_after_representations_the_contract_waits_five_working_days_after_the_decision(
    received: int, decided_after: int
) -> None:
    p = _msp_in_standstill()  # notice Mon 2 Mar 2026; ordinary last day Fri 13 Mar
    cal = psr_calendar()
    got = cal.add_working_days(pendulum.Date(2026, 3, 3), received + 1)  # days 1-8 after it began
    p, _ = p.act(
        "receive_representations",
        at=at(got.month, got.day),
        actor="ann",
        data={"provider": "Beta"},
    )
    told = got.add(days=decided_after)
    p, _ = p.act(
        "communicate_decision",
        at=at(told.month, told.day),
        actor="ann",
        data={"decision": "proceed"},
    )
    end = max(cal.add_working_days(told, 5), pendulum.Date(2026, 3, 13))
    assert not p.can("enter_contract", at=at(end.month, end.day)).allowed
    after = end.add(days=1)
    assert p.can("enter_contract", at=at(after.month, after.day)).allowed


@settings(max_examples=60)
@given(
    procurements(
        procedures=st.sampled_from(
            ["psr-direct-award-c", "psr-most-suitable-provider", "psr-competitive"]
        ),
        max_steps=50,
    )
)
def test_no_walk_enters_a_contract_while_representations_hold_the_standstill(
    p: Procurement,
) -> None:
    h = p.timeline
    steps = h.life.psr
    entered = h.contract_entered_on
    if entered is None:
        return
    assert h.standstill_last_day is not None
    assert entered > h.standstill_last_day
    if steps.representations:
        told, decision = steps.decisions[-1]
        assert decision == "proceed"
        assert entered > psr_calendar().add_working_days(told, 5)
    if steps.msp_notice_on is not None:
        assert steps.providers_identified_on is not None
        assert steps.providers_identified_on >= steps.msp_notice_on.add(days=14)
