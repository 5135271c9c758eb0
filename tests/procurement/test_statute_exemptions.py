"""Exemptions the Act gives (statute review W3, W4, W5, W8, M4): one table, consulted everywhere.

Each test is named after the rule and reproduces the review's scenario with the
answer the statute gives.
"""

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from commissioning import GuardRejected
from commissioning.procurement import (
    PA_EXEMPTIONS,
    RULES,
    SCHEDULE_5_JUSTIFICATIONS,
    Circumstance,
    Exemption,
    Obligation,
    ObligationStatus,
    Procurement,
    ProcurementFacts,
    authority_obligations,
    circumstances_of,
    obligations,
)
from commissioning.thresholds import AuthorityType, ContractType

D = pendulum.Date
NA = ObligationStatus.NOT_APPLICABLE


def at(y: int, m: int, d: int, h: int = 9) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=dt.UTC)


def make(**kw: object) -> ProcurementFacts:
    base: dict[str, object] = {
        "title": "T",
        "buyer": "B",
        "authority": AuthorityType.SUB_CENTRAL,
        "contract_type": ContractType.SERVICES,
        "value_including_vat": "6000000",
        "commenced_on": D(2026, 2, 2),
    }
    return ProcurementFacts(**{**base, **kw})  # type: ignore[arg-type]  # keyword facts for the test


def run_open(
    facts: ProcurementFacts,
    value: str = "6000000",
    kpis: tuple[str, ...] = ("a", "b", "c"),
    procedure: str = "pa-open",
) -> Procurement:
    """The review's helper: an open procedure to delivery (contract entered Thu 16 Apr 2026)."""
    p, _ = Procurement.start("x", actor="a", facts=facts, procedure=procedure, at=at(2026, 3, 2))
    p, _ = p.act("assess_conflicts", at=at(2026, 3, 2), actor="a")
    p, _ = p.publish("UK4", at=at(2026, 3, 2), actor="a", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("close_tendering", at=at(2026, 3, 28), actor="a")
    p, _ = p.act("send_assessment_summaries", at=at(2026, 4, 1), actor="a")
    p, _ = p.publish(
        "UK6", at=at(2026, 4, 2), actor="a", content={"supplier": "S", "value_including_vat": value}
    )
    p, _ = p.act(
        "enter_contract",
        at=at(2026, 4, 16),
        actor="a",
        data={"value_including_vat": value, "kpis": list(kpis)},
    )
    p, _ = p.act("start_delivery", at=at(2026, 4, 17), actor="a")
    return p


def _by_rule(p: Procurement, on: D, key: str) -> list[Obligation]:
    return [o for o in obligations(p, on=on) if o.rule.key == key]


def _user_choice() -> Procurement:
    facts = make(contract_type=ContractType.LIGHT_TOUCH, value_including_vat="900000")
    p, _ = Procurement.start(
        "care", actor="a", facts=facts, procedure="pa-direct-award", at=at(2026, 3, 2)
    )
    p, _ = p.act(
        "select_supplier",
        at=at(2026, 3, 3),
        actor="a",
        data={"justification": "user_choice", "supplier": "S", "value_including_vat": "900000"},
    )
    return p


# ---------------------------------------------------------------- W3: user choice (Sch 5 para 15)
def test_user_choice_contract_needs_no_contract_award_notice() -> None:
    p = _user_choice()
    assert p.state == "award_decision"
    # s.50(6)(b): no UK6; the contract may be entered into straight away (no standstill either).
    p, _ = p.act(
        "enter_contract", at=at(2026, 3, 4), actor="a", data={"value_including_vat": "900000"}
    )
    assert p.state == "mobilisation"
    assert Circumstance.USER_CHOICE in circumstances_of(
        p.facts, procedure=p.procedure.key, history=p.timeline
    )
    assert not any(o.notice == "UK6" for o in obligations(p, on=D(2026, 3, 5)))


def test_user_choice_contract_needs_no_contract_details_notice_or_copy() -> None:
    p = _user_choice()
    p, _ = p.act(
        "enter_contract", at=at(2026, 3, 4), actor="a", data={"value_including_vat": "900000"}
    )
    [uk7] = _by_rule(p, D(2026, 6, 1), "pa-s53-contract-details")
    assert uk7.status is NA
    assert "s.53(6)(b)" in uk7.note
    assert not any(o.is_overdue for o in obligations(p, on=D(2026, 12, 1)))


def test_user_choice_contract_needs_no_termination_notice_and_closes_without_one() -> None:
    p = _user_choice()
    p, _ = p.act(
        "enter_contract", at=at(2026, 3, 4), actor="a", data={"value_including_vat": "900000"}
    )
    p, _ = p.act("start_delivery", at=at(2026, 3, 5), actor="a")
    p, _ = p.act("end_contract", at=at(2026, 9, 1), actor="a", data={"reason": "expiry"})
    [uk11] = _by_rule(p, D(2026, 12, 1), "pa-s80-termination")
    assert (uk11.status, uk11.due_on) == (NA, None)
    assert "s.80(4)(b)" in uk11.note
    p, _ = p.act("close", at=at(2026, 9, 2), actor="a")
    assert p.state == "closed"


def test_user_choice_justification_requires_light_touch_services() -> None:
    # Sch 5 para 16(a): user choice services are of a kind specified under s.9 (light touch).
    p, _ = Procurement.start(
        "x", actor="a", facts=make(), procedure="pa-direct-award", at=at(2026, 3, 2)
    )
    verdict = p.can(
        "select_supplier",
        at=at(2026, 3, 3),
        data={"justification": "user_choice", "supplier": "S", "value_including_vat": "1"},
    )
    assert not verdict.allowed
    assert any("para 16(a)" in str(r) for r in verdict.reasons)


def test_a_contract_award_notice_is_still_needed_for_other_direct_awards() -> None:
    facts = make(value_including_vat="900000")
    p, _ = Procurement.start(
        "d", actor="a", facts=facts, procedure="pa-direct-award", at=at(2026, 3, 2)
    )
    p, _ = p.act("assess_conflicts", at=at(2026, 3, 2), actor="a")
    p, _ = p.publish(
        "UK5",
        at=at(2026, 3, 3),
        actor="a",
        content={"justification": "technical_reasons", "supplier": "S", "value_including_vat": "9"},
    )
    with pytest.raises(GuardRejected) as info:
        p.act("enter_contract", at=at(2026, 3, 4), actor="a", data={"value_including_vat": "9"})
    assert any("s.50" in str(r) for r in info.value.reasons)


# ------------------------------------------------------------------------ W4: private utilities
def test_private_utility_owes_no_contract_details_copy_performance_or_termination_notice() -> None:
    facts = make(private_utility=True, authority=AuthorityType.UTILITIES)
    p = run_open(facts)
    p, _ = p.act(
        "record_breach",
        at=at(2026, 6, 1),
        actor="a",
        data={"outcome": "damages", "outcome_on": "2026-05-20", "description": "late"},
    )
    # s.75(6)(c): modified by 50% without a contract change notice.
    p, _ = p.act(
        "modify_contract",
        at=at(2026, 7, 1),
        actor="a",
        data={"ground": "sch8-para4", "value_including_vat": "9000000"},
    )
    p, _ = p.act("end_contract", at=at(2026, 9, 1), actor="a", data={"reason": "termination"})
    items = obligations(p, on=D(2026, 12, 1))
    for key, section in (
        ("pa-s53-contract-details", "s.53(6)(a)"),
        ("pa-s53-contract-copy", "s.53(6)(a)"),
        ("pa-s71-breach", "s.71(7)"),
        ("pa-s71-performance", "s.71(7)"),
        ("pa-s80-termination", "s.80(4)(a)"),
    ):
        owed = [o for o in items if o.rule.key == key]
        assert owed, key
        assert all(o.status is NA and section in o.note for o in owed), key
    assert not any(o.is_overdue for o in items)


def test_private_utility_owes_no_procurement_termination_notice() -> None:
    facts = make(
        private_utility=True, authority=AuthorityType.UTILITIES, value_including_vat="900000"
    )
    p, _ = Procurement.start(
        "d", actor="a", facts=facts, procedure="pa-direct-award", at=at(2026, 3, 2)
    )
    p, _ = p.act("assess_conflicts", at=at(2026, 3, 2), actor="a")
    p, _ = p.publish(
        "UK5",
        at=at(2026, 3, 3),
        actor="a",
        content={"justification": "technical_reasons", "supplier": "S", "value_including_vat": "9"},
    )
    p, _ = p.act("abandon", at=at(2026, 3, 10), actor="a")
    assert p.state == "cancelled"  # s.55(3): no UK12, so nothing left to do
    assert not any(
        o.notice == "UK12" and o.status is not NA for o in obligations(p, on=D(2026, 6, 1))
    )


def test_private_utility_needs_no_preliminary_market_engagement_notice() -> None:
    facts = make(private_utility=True, authority=AuthorityType.UTILITIES)
    p, _ = Procurement.start("x", actor="a", facts=facts, procedure="pa-open", at=at(2026, 3, 2))
    p, _ = p.act("engage_market", at=at(2026, 3, 2), actor="a")
    p, _ = p.act("assess_conflicts", at=at(2026, 3, 2), actor="a")
    # s.17(3): the tender notice needs neither a UK2 before it nor reasons in it.
    p, _ = p.publish("UK4", at=at(2026, 3, 3), actor="a", content={"tender_deadline": "2026-03-28"})
    [uk2] = _by_rule(p, D(2026, 3, 4), "pa-s17-engagement")
    assert uk2.status is NA
    assert "s.17(3)" in uk2.note


def test_private_utility_owes_no_payments_compliance_or_pipeline_notice() -> None:
    items = authority_obligations(
        buyer="Water Co", on=D(2026, 5, 1), expected_spend="150000000", private_utility=True
    )
    assert [(o.notice, o.status) for o in items] == [("UK17", NA), ("UK1", NA)]
    assert "s.69(6)(b)" in items[0].note
    assert "s.93(6)(a)" in items[1].note


def test_transferred_northern_ireland_authority_owes_no_payments_compliance_notice() -> None:
    [uk17] = authority_obligations(
        buyer="NI Dept", on=D(2026, 5, 1), devolution="transferred Northern Ireland"
    )
    assert uk17.status is NA
    assert "s.69(6)(a)" in uk17.note


# ------------------------------------------------------------------------------ W5: light touch
def test_light_touch_contract_may_be_modified_without_a_contract_change_notice() -> None:
    facts = make(contract_type=ContractType.LIGHT_TOUCH)
    p = run_open(facts, kpis=(), procedure="pa-open")
    # s.74(2), s.75(6)(b): a 50% value change without UK10.
    p, _ = p.act(
        "modify_contract",
        at=at(2026, 6, 1),
        actor="a",
        data={"ground": "light-touch", "value_including_vat": "9000000"},
    )
    assert p.timeline.contract_value is not None


def test_light_touch_contract_owes_no_breach_notice() -> None:
    p = run_open(make(contract_type=ContractType.LIGHT_TOUCH), kpis=())
    p, _ = p.act(
        "record_breach",
        at=at(2026, 6, 1),
        actor="a",
        data={"outcome": "damages", "outcome_on": "2026-05-20", "description": "late"},
    )
    [breach] = _by_rule(p, D(2026, 8, 1), "pa-s71-breach")
    assert breach.status is NA
    assert "s.71(6)" in breach.note


def test_a_change_notice_is_still_needed_for_an_ordinary_contract() -> None:
    p = run_open(make())
    with pytest.raises(GuardRejected) as info:
        p.act(
            "modify_contract",
            at=at(2026, 6, 1),
            actor="a",
            data={"ground": "sch8-para4", "value_including_vat": "9000000"},
        )
    assert any("UK10" in str(r) for r in info.value.reasons)


def test_defence_and_security_contract_needs_no_contract_change_notice() -> None:
    facts = make(authority=AuthorityType.DEFENCE, defence_and_security=True)
    p = run_open(facts)
    p, _ = p.act(
        "modify_contract",
        at=at(2026, 6, 1),
        actor="a",
        data={"ground": "sch8-para4", "value_including_vat": "9000000"},
    )  # s.75(6)(a)
    assert p.timeline.modifications == 1


# ---------------------------------------------------------------------- W8: below threshold
def _below(value: str = "60000", facts: dict[str, object] | None = None) -> Procurement:
    p, _ = Procurement.start(
        "small",
        actor="a",
        facts=make(value_including_vat=value, **(facts or {})),
        procedure="pa-below-threshold",
        at=at(2026, 3, 2),
    )
    p, _ = p.act(
        "decide_award",
        at=at(2026, 3, 3),
        actor="a",
        data={"supplier": "S", "value_including_vat": value},
    )
    p, _ = p.act(
        "enter_contract", at=at(2026, 3, 4), actor="a", data={"value_including_vat": value}
    )
    return p


def test_below_threshold_contract_details_notice_is_due_as_soon_as_reasonably_practicable() -> None:
    p = _below()
    [uk7] = [o for o in obligations(p, on=D(2027, 1, 1)) if o.notice == "UK7"]
    assert uk7.rule.citation == "Procurement Act 2023 s.87(3)"
    assert (uk7.status, uk7.due_on) == (ObligationStatus.DUE, None)  # no day set: never "overdue"
    assert "as soon as reasonably practicable" in uk7.duty


def test_below_threshold_contract_owes_no_breach_notice() -> None:
    p = _below()
    p, _ = p.act("start_delivery", at=at(2026, 3, 5), actor="a")
    p, _ = p.act(
        "record_breach",
        at=at(2026, 6, 1),
        actor="a",
        data={"outcome": "damages", "outcome_on": "2026-05-20", "description": "late"},
    )
    [breach] = _by_rule(p, D(2026, 8, 1), "pa-s71-breach")
    assert breach.status is NA
    assert "s.3(2)" in breach.note  # not a public contract


def test_below_threshold_contract_closes_without_a_termination_notice() -> None:
    p = _below()
    p, _ = p.act("start_delivery", at=at(2026, 3, 5), actor="a")
    p, _ = p.act("end_contract", at=at(2026, 6, 1), actor="a", data={"reason": "expiry"})
    p, _ = p.act("close", at=at(2026, 6, 2), actor="a")
    assert p.state == "closed"


@pytest.mark.parametrize(
    ("kw", "section"),
    [
        ({"contract_type": ContractType.CONCESSION}, "s.84(1)(b)"),
        ({"authority": AuthorityType.UTILITIES}, "s.84(1)(c)"),
        ({"school": True}, "s.84(2)(a)"),
        ({"devolution": "transferred Northern Ireland"}, "s.84(2)(b)-(c)"),
    ],
)
def test_part_6_does_not_reach_concessions_utilities_schools_or_northern_ireland(
    kw: dict[str, object], section: str
) -> None:
    p = _below(facts=kw)
    [uk7] = [o for o in obligations(p, on=D(2026, 6, 1)) if o.notice == "UK7"]
    assert uk7.status is NA
    assert section in uk7.note


# ------------------------------------------------------------------------- M4: devolved copies
@pytest.mark.parametrize("devolution", ["devolved Welsh", "transferred Northern Ireland"])
def test_devolved_contract_needs_no_published_copy(devolution: str) -> None:
    p = run_open(make(devolution=devolution))
    [copy] = _by_rule(p, D(2026, 9, 1), "pa-s53-contract-copy")
    assert copy.status is NA
    assert "s.53(4)" in copy.note


def test_payments_information_is_not_owed_for_a_concession() -> None:
    p = run_open(make(contract_type=ContractType.CONCESSION))
    p, _ = p.act("record_payment", at=at(2026, 5, 1), actor="a", data={"amount": "45000"})
    [uk8] = [o for o in obligations(p, on=D(2026, 8, 1)) if o.notice == "UK8"]
    assert uk8.status is NA
    assert "s.70(4)(b)" in uk8.note


# ------------------------------------------------------------------------------ the table itself
def test_every_exemption_cites_the_act_and_names_a_known_duty() -> None:
    for row in PA_EXEMPTIONS.rows:
        assert row.citation.startswith("Procurement Act 2023 s.")
        assert row.reason
        # s.77 (modifications) is the modifications work's rule; the rest are rules here.
        assert row.duty in RULES or row.duty == "pa-s77-modification-copy"


def test_a_user_may_add_an_exemption_row() -> None:
    mine = PA_EXEMPTIONS.with_rows(
        Exemption("pa-s53-contract-details", "awarded by a school", "Local policy", "example")
    )
    p = run_open(make(school=True))
    [uk7] = [
        o
        for o in obligations(p, on=D(2026, 9, 1), exemptions=mine)
        if o.rule.key == "pa-s53-contract-details"
    ]
    assert uk7.status is NA
    assert "Local policy" in uk7.note
    [statutory] = _by_rule(p, D(2026, 9, 1), "pa-s53-contract-details")
    assert statutory.status is not NA


def test_light_touch_procedure_modifies_without_uk10_and_owes_no_breach_notice() -> None:
    # The review's W5 reproducer on the pa-light-touch procedure itself.
    facts = make(contract_type=ContractType.LIGHT_TOUCH)
    p, _ = Procurement.start(
        "lt", actor="a", facts=facts, procedure="pa-light-touch", at=at(2026, 3, 2)
    )
    p, _ = p.act("assess_conflicts", at=at(2026, 3, 2), actor="a")
    p, _ = p.publish(
        "UK4", at=at(2026, 3, 2), actor="a", content={"participation_deadline": "2026-03-10"}
    )
    p, _ = p.act("shortlist", at=at(2026, 3, 11), actor="a", data={"tender_deadline": "2026-03-20"})
    p, _ = p.act("close_tendering", at=at(2026, 3, 21), actor="a")
    p, _ = p.act("send_assessment_summaries", at=at(2026, 3, 22), actor="a")
    p, _ = p.publish(
        "UK6",
        at=at(2026, 3, 23),
        actor="a",
        content={"supplier": "S", "value_including_vat": "6000000"},
    )
    p, _ = p.act(
        "enter_contract", at=at(2026, 3, 24), actor="a", data={"value_including_vat": "6000000"}
    )
    p, _ = p.act("start_delivery", at=at(2026, 3, 25), actor="a")
    # s.74(2), s.75(6)(b): a 50% increase needs no contract change notice.
    p, _ = p.act(
        "modify_contract",
        at=at(2026, 4, 1),
        actor="a",
        data={"ground": "light-touch", "value_including_vat": "9000000"},
    )
    assert p.timeline.contract_value == Decimal(9000000)
    p, _ = p.act(
        "record_breach",
        at=at(2026, 6, 1),
        actor="a",
        data={"outcome": "damages", "outcome_on": "2026-05-20", "description": "late"},
    )
    [breach] = _by_rule(p, D(2026, 8, 1), "pa-s71-breach")
    assert (breach.status, breach.due_on) == (NA, None)
    assert "s.71(6)" in breach.note
    # The contract copy is still owed, at 180 days for light touch (s.53(3)(a)).
    [copy] = _by_rule(p, D(2026, 8, 1), "pa-s53-contract-copy")
    assert copy.due_on == D(2026, 9, 19)


def test_standstill_exemptions_come_from_the_table_and_a_voluntary_one_is_still_observed() -> None:
    # s.51(3)(a): an urgency direct award has no mandatory standstill; s.51(4)-(5): a voluntary
    # one of 8 working days set in the award notice must still be observed.
    facts = make(value_including_vat="900000")
    p, _ = Procurement.start(
        "u", actor="a", facts=facts, procedure="pa-direct-award", at=at(2026, 3, 2)
    )
    p, _ = p.act("assess_conflicts", at=at(2026, 3, 2), actor="a")
    award = {"supplier": "S", "value_including_vat": "900000"}
    p, _ = p.publish(
        "UK5", at=at(2026, 3, 2), actor="a", content={**award, "justification": "urgency"}
    )
    assert [e.citation for e in PA_EXEMPTIONS.for_duty("pa-s51-standstill")][:3] == [
        "Procurement Act 2023 s.51(3)(d)",
        "Procurement Act 2023 s.51(3)(e)",
        "Procurement Act 2023 s.51(3)(f)",
    ]
    p, _ = p.publish(
        "UK6", at=at(2026, 3, 3), actor="a", content={**award, "voluntary_standstill_days": 8}
    )
    [standstill] = [o for o in obligations(p, on=D(2026, 3, 4)) if "standstill" in o.duty]
    assert standstill.rule.key == "pa-s51-voluntary-standstill"
    assert (standstill.status, standstill.due_on) == (ObligationStatus.DUE, D(2026, 3, 12))


def test_below_threshold_procurement_abandoned_owes_no_procurement_termination_notice() -> None:
    # s.55(1) concerns a tender or transparency notice for a public contract; a below-threshold
    # contract is not one (s.3(2)), and its notice is a below-threshold tender notice (s.87).
    facts = make(value_including_vat="60000")
    p, _ = Procurement.start(
        "small", actor="a", facts=facts, procedure="pa-below-threshold", at=at(2026, 3, 2)
    )
    p, _ = p.publish("UK4", at=at(2026, 3, 2), actor="a", content={"tender_deadline": "2026-03-20"})
    p, _ = p.act("abandon", at=at(2026, 3, 5), actor="a")
    assert p.state == "cancelled"


# ----------------------------------------------------------------------- O2 and O4 readings
def test_change_notice_skipped_only_when_both_the_value_and_term_limbs_are_small() -> None:
    # s.75(2) joins its limbs with "or"; the library reads it cautiously (documented): a 2% value
    # change with a 20% term change is refused without a contract change notice.
    p = run_open(make())
    with pytest.raises(GuardRejected) as info:
        p.act(
            "modify_contract",
            at=at(2026, 6, 1),
            actor="a",
            data={
                "ground": "sch8-para4",
                "value_including_vat": "6120000",
                "term_change_percent": 20,
            },
        )
    assert any("term changes by 20" in str(r) for r in info.value.reasons)
    p, _ = p.act(
        "modify_contract",
        at=at(2026, 6, 1),
        actor="a",
        data={"ground": "sch8-para4", "value_including_vat": "6120000", "term_change_percent": 5},
    )
    assert p.timeline.modifications == 1
    assert "'or'" in RULES["pa-s75-change"].summary


def test_schedule_5_justifications_name_their_paragraphs_and_protect_life_is_section_42() -> None:
    expected = {
        "prototypes_and_development": "paras 2-3",
        "artistic_uniqueness": "para 4",
        "exclusive_rights": "para 5",
        "technical_reasons": "para 6",
        "additional_or_repeat_supplies": "paras 7-9",
        "commodities": "para 10",
        "advantageous_insolvency_terms": "paras 11-12",
        "urgency": "paras 13-14",
        "user_choice": "paras 15-17",
        "defence": "paras 18-20",
    }
    for key, paragraphs in expected.items():
        assert f"Sch 5 {paragraphs}" in SCHEDULE_5_JUSTIFICATIONS[key]
    assert "s.42" in SCHEDULE_5_JUSTIFICATIONS["protect_life"]
    assert "not Schedule 5" in SCHEDULE_5_JUSTIFICATIONS["protect_life"]
