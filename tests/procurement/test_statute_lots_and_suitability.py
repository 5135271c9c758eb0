"""PA 2023 s.18 (considering lots) and s.85 (no suitability assessment below threshold), counted by hand."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from commissioning import GuardRejected
from commissioning.procurement import (
    PA_EXEMPTIONS,
    Circumstance,
    Devolution,
    Lot,
    ObligationStatus,
    Procurement,
    obligations,
)
from commissioning.thresholds import AuthorityType, ContractType

from .conftest import at, make_facts


def below_threshold(**kw: object) -> Procurement:
    facts = make_facts(**kw)  # type: ignore[arg-type]  # keyword facts assembled for the test
    assert not facts.above_threshold
    p, _ = Procurement.start(
        "small", facts=facts, procedure="pa-below-threshold", at=at(3, 2), actor="ann"
    )
    return p


def _uk4(p: Procurement, **content: object) -> Procurement:
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-30", **content}
    )
    return p


# ------------------------------------------------------------------------------ s.85
def test_a_below_threshold_tender_restricted_by_suitability_is_refused() -> None:
    p = below_threshold(value="100000")  # sub-central services, threshold £207,720
    with pytest.raises(GuardRejected) as caught:
        _uk4(p, suitability_assessment=True)
    (reason,) = caught.value.reasons
    assert reason.rule == "pa-s85-suitability"
    assert reason.text.startswith("Procurement Act 2023 s.85(1): ")
    assert "services at 100000.00" in reason.text
    assert _uk4(p).state == "tendering"
    assert _uk4(p, suitability_assessment=False).state == "tendering"


@pytest.mark.parametrize(
    ("authority", "value", "allowed"),
    [
        # s.85(3)(a): central government works "not less than £138,760"
        (AuthorityType.CENTRAL_GOVERNMENT, "138760.00", True),
        (AuthorityType.CENTRAL_GOVERNMENT, "138759.99", False),
        # s.85(3)(b): otherwise "not less than £213,477"
        (AuthorityType.SUB_CENTRAL, "213477.00", True),
        (AuthorityType.SUB_CENTRAL, "213476.99", False),
        (AuthorityType.SUB_CENTRAL, "138760.00", False),
    ],
)
def test_works_at_the_section_85_amounts_may_be_restricted(
    authority: AuthorityType, value: str, allowed: bool
) -> None:
    p = below_threshold(value=value, authority=authority, contract_type=ContractType.WORKS)
    verdict = p.can(
        "publish_UK4",
        at=at(3, 2),
        data={"tender_deadline": "2026-03-30", "suitability_assessment": True},
    )
    assert verdict.allowed is allowed
    if not allowed:
        assert verdict.reasons[0].rule == "pa-s85-suitability"


def test_goods_never_reach_the_works_exception_whatever_their_value() -> None:
    p = below_threshold(
        value="200000", authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.GOODS
    )
    assert not p.can(
        "publish_UK4",
        at=at(3, 2),
        data={"tender_deadline": "2026-03-30", "suitability_assessment": True},
    ).allowed


def test_a_devolved_welsh_award_is_outside_section_85() -> None:
    p = below_threshold(value="100000", devolution=Devolution.WELSH)
    assert _uk4(p, suitability_assessment=True).state == "tendering"


def test_a_suitability_statement_that_is_not_a_bool_is_refused_naming_it() -> None:
    p = below_threshold(value="100000")
    with pytest.raises(GuardRejected, match="suitability_assessment must be true or false"):
        _uk4(p, suitability_assessment="yes")


def test_the_section_85_exemptions_are_rows_of_the_table_with_their_citations() -> None:
    rows = {
        (e.circumstance, e.citation) for e in PA_EXEMPTIONS.rows if e.duty == "pa-s85-suitability"
    }
    assert rows == {
        (Circumstance.WORKS_AT_S85_AMOUNT, "Procurement Act 2023 s.85(3)"),
        (Circumstance.WELSH, "Procurement Act 2023 s.85(5)(a)-(b)"),
        (Circumstance.FRAMEWORK_CALL_OFF, "Procurement Act 2023 s.85(5)(c)"),
    }


# ------------------------------------------------------------------------------ s.18
def _open(facts_kw: dict[str, object], **content: object) -> Procurement:
    facts = make_facts(**facts_kw)  # type: ignore[arg-type]  # keyword facts assembled for the test
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27", **content}
    )
    return p


def _s18(p: Procurement) -> list[tuple[str | None, ObligationStatus, str]]:
    return [
        (o.lot, o.status, o.note)
        for o in obligations(p, on=pendulum.Date(2026, 3, 3))
        if o.rule.key == "pa-s18-lots"
    ]


def test_lots_must_be_considered_before_the_tender_notice() -> None:
    p, _ = Procurement.start(
        "meals", facts=make_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    [(lot, status, note)] = [
        (o.lot, o.status, o.note)
        for o in obligations(p, on=pendulum.Date(2026, 2, 3))
        if o.rule.key == "pa-s18-lots"
    ]
    assert (lot, status) == (None, ObligationStatus.DUE)
    assert "lots_considered or no_lots_reasons" in note


def test_the_tender_notice_records_the_consideration_or_the_reasons() -> None:
    assert _s18(_open({}))[0][1] is ObligationStatus.DUE
    assert _s18(_open({}, no_lots_reasons="   "))[0][1] is ObligationStatus.DUE
    assert _s18(_open({}, no_lots_reasons="one kitchen serves the borough")) == [
        (None, ObligationStatus.DONE, "reasons for not using lots given in the tender notice")
    ]
    assert _s18(_open({}, lots_considered=True)) == [
        (None, ObligationStatus.DONE, "considered: one contract (s.18(2) not engaged)")
    ]


def test_a_procurement_divided_into_lots_has_considered_them_for_every_lot() -> None:
    lots = (Lot("1", "Hot meals", "300000"), Lot("2", "Frozen meals", "300000"))
    assert _s18(_open({"lots": lots})) == [
        ("1", ObligationStatus.DONE, "divided into 2 lots"),
        ("2", ObligationStatus.DONE, "divided into 2 lots"),
    ]


def test_no_tender_notice_no_duty_to_consider_lots() -> None:
    direct, _ = Procurement.start(
        "licence", facts=make_facts(), procedure="pa-direct-award", at=at(2, 2), actor="ann"
    )
    small = below_threshold(value="100000")
    for p in (direct, small):
        assert not [
            o for o in obligations(p, on=pendulum.Date(2026, 3, 3)) if o.rule.key == "pa-s18-lots"
        ]
    assert Decimal(small.facts.value_including_vat) < Decimal(207720)
