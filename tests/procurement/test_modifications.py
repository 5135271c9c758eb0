"""M1: a modification rests on a s.74 ground within its limits; UK10 (s.75) and s.77 follow."""

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import GuardRejected, InvalidInput, InvalidInputType, Reason
from commissioning.procurement import (
    ModificationGround,
    ObligationStatus,
    Procurement,
    assess_modification,
    obligations,
)
from commissioning.strategies import procurements
from commissioning.thresholds import ContractType

from .conftest import at, make_facts, open_to_award


def _entered(value: str = "6000000", *, deliver: bool = True, **facts: object) -> Procurement:
    p = open_to_award(make_facts(value, **facts))
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        data={"value_including_vat": value, "kpis": ["a", "b", "c"]},
    )
    if deliver:
        p, _ = p.act("start_delivery", at=at(4, 17), actor="ann")
    return p


UNFORESEEN = {"ground": "sch8-para4", "ground_explanation": "the depot flooded"}


def test_a_substantial_modification_is_refused_even_after_a_change_notice() -> None:
    # The review's reproducer: after UK10, £6m to £11m with the term up 90%.
    p = _entered()
    p, _ = p.publish(
        "UK10",
        at=at(6, 1),
        actor="ann",
        content={"ground": "not-substantial", "value_including_vat": "11000000"},
    )
    with pytest.raises(GuardRejected) as err:
        p.act(
            "modify_contract",
            at=at(6, 2),
            actor="ann",
            data={
                "value_including_vat": "11000000",
                "term_change_percent": 90,
                "changes_scope": False,
                "shifts_economic_balance": False,
            },
        )
    assert "Procurement Act 2023 s.74(3)(a)" in str(err.value)
    assert "90.00%" in str(err.value)


def test_unforeseeable_circumstances_cap_the_increase_at_fifty_percent() -> None:
    p = _entered()
    p, _ = p.publish("UK10", at=at(6, 1), actor="ann", content=UNFORESEEN)
    with pytest.raises(GuardRejected, match=r"Sch 8 para 4\(1\)\(c\).*83\.33%"):
        p.act("modify_contract", at=at(6, 2), actor="ann", data={"value_including_vat": "11000000"})
    p, _ = p.act(
        "modify_contract", at=at(6, 2), actor="ann", data={"value_including_vat": "9000000"}
    )
    [m] = p.timeline.life.modifications
    assert (m.ground, m.value_before, m.value_after, m.change_notice_on) == (
        ModificationGround.SCH8_UNFORESEEABLE,
        Decimal(6000000),
        Decimal(9000000),
        pendulum.Date(2026, 6, 1),
    )


def test_a_utilities_contract_has_no_fifty_percent_cap() -> None:
    verdict = assess_modification(
        ground="sch8-para8",
        contract_type="goods",
        value_before="100",
        value_after="400",
        utilities_contract=True,
    )
    assert verdict.allowed
    capped = assess_modification(
        ground="sch8-para8", contract_type="goods", value_before="100", value_after="151"
    )
    assert not capped.allowed
    assert "para 8(1)(d)" in capped.reasons[0].rule


def test_only_a_corporate_restructuring_may_change_the_supplier() -> None:
    verdict = assess_modification(
        ground="not-substantial",
        contract_type="services",
        value_before="100",
        changes_scope=False,
        shifts_economic_balance=False,
        new_supplier=True,
    )
    assert not verdict.allowed
    assert verdict.reasons[0].rule == "Procurement Act 2023 s.74(9)"


def test_a_corporate_restructuring_always_needs_a_change_notice() -> None:
    p = _entered()
    with pytest.raises(GuardRejected, match=r"s\.75\(1\).*corporate restructuring"):
        p.act(
            "modify_contract",
            at=at(6, 2),
            actor="ann",
            data={"ground": "sch8-para9", "new_supplier": "Acme Holdings Ltd"},
        )
    p, _ = p.publish(
        "UK10",
        at=at(6, 1),
        actor="ann",
        content={"ground": "sch8-para9", "ground_explanation": "Acme Ltd merged into its parent"},
    )
    p, _ = p.act(
        "modify_contract", at=at(6, 2), actor="ann", data={"new_supplier": "Acme Holdings Ltd"}
    )
    assert p.timeline.life.modifications[0].new_supplier == "Acme Holdings Ltd"


def test_the_not_substantial_ground_needs_the_authority_to_answer_the_s74_3_questions() -> None:
    p = _entered()
    with pytest.raises(GuardRejected) as err:
        p.act(
            "modify_contract",
            at=at(6, 2),
            actor="ann",
            data={"ground": "not-substantial", "value_including_vat": "6100000"},
        )
    assert "changes_scope: true or false" in str(err.value)
    assert "shifts_economic_balance: true or false" in str(err.value)


def test_related_small_modifications_are_treated_as_one_and_need_a_change_notice() -> None:
    # The review's reproducer: three successive 9% increases.
    p = _entered()
    small = {"ground": "not-substantial", "changes_scope": False, "shifts_economic_balance": False}
    p, _ = p.act(
        "modify_contract",
        at=at(6, 1),
        actor="ann",
        data={**small, "value_including_vat": "6540000"},
    )
    with pytest.raises(GuardRejected, match=r"s\.75\(4\).*related_to"):
        p.act(
            "modify_contract",
            at=at(7, 1),
            actor="ann",
            data={**small, "value_including_vat": "7128600"},
        )
    with pytest.raises(GuardRejected) as err:
        p.act(
            "modify_contract",
            at=at(7, 1),
            actor="ann",
            data={**small, "value_including_vat": "7128600", "related_to": [1]},
        )
    # 6,000,000 -> 7,128,600 is 18.81%: the single modification would have needed a UK10
    assert "s.75(1)" in str(err.value)
    assert "(s.75(4)-(5))" in str(err.value)
    assert "18.81%" in str(err.value)
    unrelated, _ = p.act(
        "modify_contract",
        at=at(7, 1),
        actor="ann",
        data={**small, "value_including_vat": "7128600", "related_to": []},
    )
    assert len(unrelated.timeline.life.modifications) == 2


def test_a_below_threshold_modification_of_a_large_contract_is_over_the_threshold() -> None:
    p = _entered()  # 9% of £6m is £540,000, not less than the £207,720 threshold
    with pytest.raises(GuardRejected, match=r"s\.74\(4\)\(b\), \(6\).*£540,000.00"):
        p.act(
            "modify_contract",
            at=at(6, 1),
            actor="ann",
            data={
                "ground": "below-threshold",
                "changes_scope": False,
                "value_including_vat": "6540000",
            },
        )


def test_below_threshold_modifications_add_up_to_less_than_the_threshold() -> None:
    # a £600,000 services contract: the sub-central threshold is £207,720 (from 1 Jan 2026)
    p = _entered("600000")
    small = {"ground": "below-threshold", "changes_scope": False, "related_to": []}
    p, _ = p.act(
        "modify_contract",
        at=at(6, 1),
        actor="ann",
        data={"ground": "below-threshold", "changes_scope": False, "value_including_vat": "660000"},
    )
    p, _ = p.act(
        "modify_contract", at=at(6, 2), actor="ann", data={**small, "value_including_vat": "726000"}
    )
    p, _ = p.act(
        "modify_contract", at=at(6, 3), actor="ann", data={**small, "value_including_vat": "798600"}
    )
    with pytest.raises(GuardRejected, match=r"s\.74\(4\)\(b\), \(6\).*£258,600.00.*£207,720.00"):
        p.act(
            "modify_contract",
            at=at(6, 4),
            actor="ann",
            data={**small, "value_including_vat": "858600"},
        )


def test_modification_is_allowed_during_mobilisation() -> None:
    p = _entered(deliver=False)
    assert p.state == "mobilisation"
    p, _ = p.publish("UK10", at=at(4, 20), actor="ann", content=UNFORESEEN)
    p, _ = p.act(
        "modify_contract", at=at(4, 21), actor="ann", data={"value_including_vat": "7000000"}
    )
    assert p.state == "mobilisation"
    assert p.timeline.contract_value == Decimal(7000000)


def test_a_change_notice_states_its_schedule_8_ground_and_why() -> None:
    p = _entered()
    with pytest.raises(GuardRejected, match=r"reg 40\(2\)\(f\)"):
        p.publish("UK10", at=at(6, 1), actor="ann", content={"value_including_vat": "7000000"})
    with pytest.raises(GuardRejected, match=r"reg 40\(2\)\(g\)"):
        p.publish("UK10", at=at(6, 1), actor="ann", content={"ground": "sch8-para5"})
    p, _ = p.publish("UK10", at=at(6, 1), actor="ann", content=UNFORESEEN)
    with pytest.raises(
        GuardRejected, match="the contract change notice gave the ground 'sch8-para4'"
    ):
        p.act("modify_contract", at=at(6, 2), actor="ann", data={"ground": "sch8-para8"})


def test_a_qualifying_modification_is_published_within_90_days() -> None:
    p = _entered()
    p, _ = p.publish("UK10", at=at(6, 1), actor="ann", content=UNFORESEEN)
    p, _ = p.act(
        "modify_contract", at=at(6, 2), actor="ann", data={"value_including_vat": "8000000"}
    )
    [duty] = [
        o
        for o in obligations(p, on=pendulum.Date(2026, 6, 3))
        if o.rule.key == "pa-s77-modification-copy"
    ]
    # 90 days beginning with Tue 2 Jun 2026 end Sun 30 Aug 2026.
    assert (duty.due_on, duty.status) == (pendulum.Date(2026, 8, 30), ObligationStatus.DUE)
    [late] = [
        o
        for o in obligations(p, on=pendulum.Date(2026, 8, 31))
        if o.rule.key == "pa-s77-modification-copy"
    ]
    assert late.status is ObligationStatus.OVERDUE
    p, _ = p.publish("modified_contract", at=at(7, 1), actor="ann")
    [done] = [
        o
        for o in obligations(p, on=pendulum.Date(2026, 8, 31))
        if o.rule.key == "pa-s77-modification-copy"
    ]
    assert (done.status, done.done_on) == (ObligationStatus.DONE, pendulum.Date(2026, 7, 1))


def test_no_s77_duty_for_a_small_change_or_a_contract_under_five_million() -> None:
    p = _entered()
    p, _ = p.act(
        "modify_contract",
        at=at(6, 2),
        actor="ann",
        data={
            "ground": "below-threshold",
            "changes_scope": False,
            "value_including_vat": "6100000",
        },
    )
    small = _entered("600000")
    small, _ = small.publish("UK10", at=at(6, 1), actor="ann", content=UNFORESEEN)
    small, _ = small.act(
        "modify_contract", at=at(6, 2), actor="ann", data={"value_including_vat": "800000"}
    )
    for q in (p, small):
        assert not [
            o
            for o in obligations(q, on=pendulum.Date(2026, 6, 3))
            if o.rule.key == "pa-s77-modification-copy"
        ]


def test_a_light_touch_contract_is_modified_without_a_change_notice() -> None:
    verdict = assess_modification(
        ground=ModificationGround.LIGHT_TOUCH,
        contract_type=ContractType.LIGHT_TOUCH,
        value_before="100",
        value_after="300",
        light_touch=True,
    )
    assert verdict.allowed
    refused = assess_modification(
        ground="light-touch", contract_type="services", value_before="100"
    )
    assert refused.reasons == (
        Reason("Procurement Act 2023 s.74(2)", "the contract is not a light touch contract"),
    )


def test_bad_input_to_the_assessment_names_the_field() -> None:
    with pytest.raises(InvalidInput, match="ground"):
        assess_modification(ground="para-99", contract_type="services", value_before="1")
    with pytest.raises(InvalidInputType) as err:
        assess_modification(ground="sch8-para1", contract_type="services", value_before=None)  # type: ignore[arg-type]  # the wrong type on purpose
    assert err.value.problems[0].field == "value_before"


@given(
    st.integers(1, 10_000_000),
    st.integers(-100, 300),
    st.sampled_from(
        [
            ModificationGround.SCH8_UNFORESEEABLE,
            ModificationGround.SCH8_KNOWN_RISK,
            ModificationGround.SCH8_ADDITIONAL,
        ]
    ),
)
def test_the_fifty_percent_cap_is_exact(
    before: int, percent: int, ground: ModificationGround
) -> None:
    after = Decimal(before) * (100 + percent) / 100
    verdict = assess_modification(
        ground=ground, contract_type="services", value_before=Decimal(before), value_after=after
    )
    assert verdict.allowed is (percent <= 50)


def test_related_modifications_on_a_schedule_8_ground_keep_within_its_cap_together() -> None:
    p = _entered()
    p, _ = p.publish("UK10", at=at(6, 1), actor="ann", content=UNFORESEEN)
    p, _ = p.act(
        "modify_contract", at=at(6, 2), actor="ann", data={"value_including_vat": "7800000"}
    )
    p, _ = p.publish("UK10", at=at(7, 1), actor="ann", content=UNFORESEEN)
    # 7.8m -> 10.14m is 30% alone, but 6m -> 10.14m is 69% with modification 1 (s.74(7)-(8))
    with pytest.raises(GuardRejected, match=r"s\.74\(7\)-\(8\).*modification\(s\) 1.*69\.00%"):
        p.act(
            "modify_contract",
            at=at(7, 2),
            actor="ann",
            data={"value_including_vat": "10140000", "related_to": [1]},
        )
    p, _ = p.act(
        "modify_contract",
        at=at(7, 2),
        actor="ann",
        data={"value_including_vat": "10140000", "related_to": []},
    )
    assert [m.number for m in p.timeline.life.modifications] == [1, 2]


def test_a_light_touch_contract_is_modified_on_its_own_ground_without_uk10() -> None:
    facts = make_facts("1000000", contract_type=ContractType.LIGHT_TOUCH)
    p, _ = Procurement.start(
        "lt", facts=facts, procedure="pa-light-touch", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 2), actor="ann")
    p, _ = p.publish(
        "UK4", at=at(2, 2), actor="ann", content={"participation_deadline": "2026-02-10"}
    )
    p, _ = p.act("shortlist", at=at(2, 11), actor="ann", data={"tender_deadline": "2026-02-20"})
    p, _ = p.act("close_tendering", at=at(2, 21), actor="ann")
    p, _ = p.act("send_assessment_summaries", at=at(2, 23), actor="ann")
    award = {"supplier": "Acme Care", "value_including_vat": "1000000"}
    p, _ = p.publish("UK6", at=at(2, 23), actor="ann", content=award)
    p, _ = p.act(
        "enter_contract", at=at(2, 24), actor="ann", data={"value_including_vat": "1000000"}
    )
    # s.74(2): modified without more; s.75(6)(b): no contract change notice
    p, _ = p.act(
        "modify_contract",
        at=at(3, 2),
        actor="ann",
        data={"ground": "light-touch", "value_including_vat": "1500000"},
    )
    assert p.timeline.contract_value == Decimal(1500000)
    assert not [
        o
        for o in obligations(p, on=pendulum.Date(2026, 3, 3))
        if o.rule.key == "pa-s77-modification-copy"
    ]


@given(st.integers(1, 9), st.integers(2, 4))
def test_related_small_increases_need_a_notice_once_together_they_pass_ten_percent(
    percent: int, count: int
) -> None:
    p = _entered()
    value = Decimal(6000000)
    base = {"ground": "not-substantial", "changes_scope": False, "shifts_economic_balance": False}
    for k in range(count):
        new = (value * (100 + percent) / 100).quantize(Decimal("0.01"))
        data = {**base, "value_including_vat": str(new), "related_to": list(range(1, k + 1))}
        together = (new - Decimal(6000000)) * 100 / Decimal(6000000)
        verdict = p.can("modify_contract", at=at(6, 1 + k), data=data)
        assert verdict.allowed is (together <= 10)
        if not verdict.allowed:
            assert any("s.75(4)-(5)" in str(r) for r in verdict.reasons)
            return
        p, _ = p.act("modify_contract", at=at(6, 1 + k), actor="ann", data=data)
        value = new


@settings(max_examples=25)
@given(procurements(procedures=st.sampled_from(["pa-open", "pa-direct-award"]), max_steps=40))
def test_every_modification_a_walk_makes_rests_on_a_ground_within_its_limits(
    p: Procurement,
) -> None:
    threshold = p.facts.threshold.threshold.amount
    for m in p.timeline.life.modifications:
        if m.ground is None:  # only a contract that is not and does not become a public one
            assert not p.facts.above_threshold
            assert m.value_after is not None
            assert m.value_after < threshold
            continue
        if m.ground in {
            ModificationGround.SCH8_UNFORESEEABLE,
            ModificationGround.SCH8_ADDITIONAL,
        }:
            assert m.value_before is not None
            assert m.value_after is not None
            assert m.value_after <= m.value_before * Decimal("1.5")


def test_a_below_threshold_contract_is_modified_freely_until_it_would_become_a_public_contract() -> (
    None
):
    facts = make_facts("100000")
    p, _ = Procurement.start(
        "small", facts=facts, procedure="pa-below-threshold", at=at(2, 2), actor="ann"
    )
    award = {"supplier": "Acme Ltd", "value_including_vat": "100000"}
    p, _ = p.act("decide_award", at=at(2, 3), actor="ann", data=award)
    p, _ = p.act("enter_contract", at=at(2, 4), actor="ann", data={"value_including_vat": "100000"})
    # not a public contract (s.3(2)): no ground, no UK10
    p, _ = p.act(
        "modify_contract", at=at(3, 2), actor="ann", data={"value_including_vat": "150000"}
    )
    # to £250,000, over the £207,720 threshold: a convertible contract (s.74(1), s.75(1))
    with pytest.raises(GuardRejected) as err:
        p.act("modify_contract", at=at(3, 3), actor="ann", data={"value_including_vat": "250000"})
    assert "s.74(1)" in str(err.value)
