"""Commencement as dated data (statute review W1): nothing is owed before a section is in force.

SI 2024/716 reg 2(2) and Schedule (24 Feb 2025, leaving out ss.69-71); SI 2025/1316
reg 2 (s.69 and s.71 from 1 Jan 2026, s.69 for Welsh-regulated procurements and
s.70 from 1 Apr 2026, s.70 not yet for Welsh-regulated ones).
"""

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.procurement import (
    PA_COMMENCEMENTS,
    RULES,
    Commencement,
    ObligationStatus,
    Procurement,
    ProcurementFacts,
    authority_obligations,
    first_reporting_period,
    obligations,
    provision_of_rule,
    reporting_period_ending,
)
from commissioning.thresholds import AuthorityType, ContractType

D = pendulum.Date
NA = ObligationStatus.NOT_APPLICABLE


def at(day: D, h: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, h, tzinfo=dt.UTC)


def contract_entered(
    entered: D, *, devolution: str = "not devolved", kpis: bool = True
) -> Procurement:
    """A £6m open-procedure contract entered into on ``entered`` and delivering the next day."""
    start = entered.subtract(days=60)
    facts = ProcurementFacts(
        title="T",
        buyer="B",
        authority=AuthorityType.SUB_CENTRAL,
        contract_type=ContractType.SERVICES,
        value_including_vat="6000000",
        commenced_on=start,
        devolution=devolution,
    )
    p, _ = Procurement.start("x", actor="a", facts=facts, procedure="pa-open", at=at(start))
    p, _ = p.act("assess_conflicts", at=at(start), actor="a")
    p, _ = p.publish(
        "UK4", at=at(start), actor="a", content={"tender_deadline": start.add(days=30).isoformat()}
    )
    p, _ = p.act("close_tendering", at=at(start.add(days=31)), actor="a")
    p, _ = p.act("send_assessment_summaries", at=at(start.add(days=32)), actor="a")
    p, _ = p.publish(
        "UK6",
        at=at(start.add(days=33)),
        actor="a",
        content={"supplier": "S", "value_including_vat": "6000000"},
    )
    p, _ = p.act(
        "enter_contract",
        at=at(entered),
        actor="a",
        data={"value_including_vat": "6000000", "kpis": ["a", "b", "c"] if kpis else []},
    )
    p, _ = p.act("start_delivery", at=at(entered.add(days=1)), actor="a")
    return p


# ------------------------------------------------------------------------- s.69 (UK17)
def test_payments_compliance_notice_not_owed_before_section_69_comes_into_force() -> None:
    # The review's reproducer: on 1 Nov 2025 the library said UK17 for the period ending
    # 30 Sep 2025 was overdue; s.69 was not in force until 1 Jan 2026.
    [uk17] = authority_obligations(buyer="B", on=D(2025, 11, 1))
    assert uk17.status is NA
    assert "1 Jan 2026" in uk17.note
    assert "SI 2025/1316 reg 2(1)(a)" in uk17.note
    assert "2026-01-01 to 2026-03-31" in uk17.note  # the first period, and when it is due


def test_first_payments_compliance_period_is_partial() -> None:
    # s.69(3)(a): from 1 Jan 2026 (in force) to the next 31 March: due by 29 Apr 2026.
    assert first_reporting_period() == (D(2026, 1, 1), D(2026, 3, 31))
    [uk17] = authority_obligations(buyer="B", on=D(2026, 4, 1))
    assert "2026-01-01 to 2026-03-31 (the first, partial)" in uk17.duty
    assert (uk17.status, uk17.due_on) == (ObligationStatus.DUE, D(2026, 4, 29))


def test_payments_compliance_for_welsh_procurements_starts_1_april_2026() -> None:
    # SI 2025/1316 reg 2(2)(a): the first Welsh period runs 1 Apr - 30 Sep 2026.
    [early] = authority_obligations(buyer="B", on=D(2026, 5, 1), devolution="devolved Welsh")
    assert early.status is NA
    assert "reg 2(2)(a)" in early.note
    [uk17] = authority_obligations(buyer="B", on=D(2026, 10, 1), devolution="devolved Welsh")
    assert "2026-04-01 to 2026-09-30 (the first, partial)" in uk17.duty
    assert uk17.due_on == D(2026, 10, 29)


@given(st.dates(min_value=dt.date(2026, 3, 31), max_value=dt.date(2040, 12, 31)))
def test_reporting_periods_are_six_months_ending_31_march_or_30_september(day: dt.date) -> None:
    period = reporting_period_ending(day)
    assert period is not None
    start, end = period
    assert (end.month, end.day) in {(3, 31), (9, 30)}
    assert end <= day < end.add(months=6).add(days=1)
    if start != D(2026, 1, 1):
        assert start == end.subtract(months=6).end_of("month").add(days=1)


def test_a_user_can_supply_a_commencement_table() -> None:
    later = PA_COMMENCEMENTS.with_row(
        Commencement(
            "s.69",
            "payments compliance notices",
            D(2026, 4, 1),
            "an example order",
            D(2026, 4, 1),
            "an example order",
            confirmed=False,
        )
    )
    [uk17] = authority_obligations(buyer="B", on=D(2026, 5, 1), commencement=later)
    assert uk17.status is NA
    assert "UNCONFIRMED" in uk17.note
    with pytest.raises(InvalidInputType):
        authority_obligations(buyer="B", on=D(2026, 5, 1), commencement="2026")  # type: ignore[arg-type]  # on purpose


def test_commencement_rows_are_checked() -> None:
    with pytest.raises(InvalidInput) as info:
        Commencement("69", "x", D(2026, 1, 1), "c", None, "c")
    assert info.value.field == "provision"
    with pytest.raises(InvalidInput):
        PA_COMMENCEMENTS.row("section 69")


# ------------------------------------------------------------------------- s.70 (UK8)
def test_payments_information_not_owed_before_section_70_comes_into_force() -> None:
    # The review's reproducer: £45,000 paid on 1 Aug 2025 was reported "overdue" on 1 Nov 2025.
    p = contract_entered(D(2025, 6, 2))
    p, _ = p.act("record_payment", at=at(D(2025, 8, 1)), actor="a", data={"amount": "45000"})
    items = [o for o in obligations(p, on=D(2025, 11, 1)) if o.notice == "UK8"]
    assert [o.status for o in items] == [NA]
    assert "1 Apr 2026" in items[0].note


def test_payments_information_owed_for_each_quarter_with_a_payment_over_30000() -> None:
    p = contract_entered(D(2026, 3, 2))
    for day, amount in (
        (D(2026, 4, 10), "45000"),
        (D(2026, 5, 10), "30000"),  # not *more than* £30,000 (s.70(1))
        (D(2026, 8, 3), "30000.01"),
    ):
        p, _ = p.act("record_payment", at=at(day), actor="a", data={"amount": amount})
    items = [o for o in obligations(p, on=D(2026, 11, 1)) if o.notice == "UK8"]
    assert [(o.due_on, o.status) for o in items] == [
        (D(2026, 7, 29), ObligationStatus.OVERDUE),
        (D(2026, 10, 29), ObligationStatus.OVERDUE),
    ]
    assert "(1 payment(s) of more than £30,000)" in items[0].duty


def test_payments_information_not_yet_in_force_for_welsh_procurements() -> None:
    p = contract_entered(D(2026, 3, 2), devolution="devolved Welsh")
    p, _ = p.act("record_payment", at=at(D(2026, 5, 1)), actor="a", data={"amount": "45000"})
    [uk8] = [o for o in obligations(p, on=D(2026, 9, 1)) if o.notice == "UK8"]
    assert uk8.status is NA
    assert "not yet in force" in uk8.note


# ------------------------------------------------------------------------- s.71 (UK9)
def test_kpi_notices_not_owed_before_section_71_comes_into_force() -> None:
    # Contract entered 2 Jun 2025 with three KPIs: nothing under s.71 on 1 Dec 2025.
    p = contract_entered(D(2025, 6, 2))
    [kpi] = [o for o in obligations(p, on=D(2025, 12, 1)) if o.rule.key == "pa-s71-performance"]
    assert kpi.status is NA
    assert "SI 2025/1316 reg 2(1)(b)" in kpi.note
    # From the day it comes into force the duty is owed.
    [owed] = [o for o in obligations(p, on=D(2026, 1, 1)) if o.rule.key == "pa-s71-performance"]
    assert owed.status is ObligationStatus.DUE


def test_kpi_notice_cadence_for_a_2025_contract_begins_when_section_71_commences() -> None:
    # From 1 Jan 2026, the 12 months are read as beginning with that day (UNCONFIRMED reading).
    p = contract_entered(D(2025, 6, 2))
    [kpi] = [o for o in obligations(p, on=D(2026, 2, 1)) if o.rule.key == "pa-s71-performance"]
    assert (kpi.status, kpi.due_on) == (ObligationStatus.DUE, D(2026, 12, 31))
    assert "UNCONFIRMED" in kpi.note


def test_breach_before_section_71_comes_into_force_owes_no_notice() -> None:
    p = contract_entered(D(2025, 6, 2))
    p, _ = p.act(
        "record_breach",
        at=at(D(2025, 9, 1)),
        actor="a",
        data={"outcome": "damages", "outcome_on": "2025-08-20", "description": "late"},
    )
    [breach] = [o for o in obligations(p, on=D(2026, 3, 1)) if o.rule.key == "pa-s71-breach"]
    assert breach.status is NA
    assert "1 Jan 2026" in breach.note


def test_provisions_are_read_from_rule_keys() -> None:
    assert provision_of_rule("pa-s69-payments-compliance") == "s.69"
    assert provision_of_rule("psr-notices") is None
    # Every PA rule's section has a commencement (listed, or the Act's 24 Feb 2025 default).
    for key in RULES:
        provision = provision_of_rule(key)
        if provision is not None:
            assert PA_COMMENCEMENTS.row(provision).in_force_from is not None
