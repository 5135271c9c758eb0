from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.procurement import (
    Obligation,
    ObligationStatus,
    Procurement,
    authority_obligations,
    obligations,
    overdue,
)
from commissioning.strategies import procurements
from commissioning.thresholds import AuthorityType, below_threshold_notice_required

from .conftest import at, make_facts, open_to_award

D = pendulum.Date


def _by_notice(items: tuple[Obligation, ...]) -> dict[str | None, Obligation]:
    return {o.notice: o for o in items if o.notice is not None}


def entered() -> Procurement:
    p = open_to_award(make_facts("6000000"))
    # Entered Thu 16 Apr 2026, the day after the standstill's last day.
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        data={"value_including_vat": "6000000", "kpis": ["a", "b", "c"]},
    )
    return p


def test_contract_details_notice_is_due_within_30_days_then_overdue() -> None:
    p = entered()
    # 30 days beginning with Thu 16 Apr 2026: day 30 is Fri 15 May (PA s.53(1)).
    on_time = _by_notice(obligations(p, on=D(2026, 5, 15)))["UK7"]
    assert (on_time.status, on_time.due_on) == (ObligationStatus.DUE, D(2026, 5, 15))
    late = _by_notice(obligations(p, on=D(2026, 5, 16)))["UK7"]
    assert late.status is ObligationStatus.OVERDUE
    assert "Procurement Act 2023 s.53(1)" in str(late)
    assert late in overdue([p], on=D(2026, 5, 16))
    done, _ = p.publish("UK7", at=at(5, 20), actor="ann")
    published = _by_notice(obligations(done, on=D(2026, 6, 1)))["UK7"]
    assert (published.status, published.done_on) == (ObligationStatus.DONE, D(2026, 5, 20))


def test_contract_copy_over_five_million_is_due_within_90_days() -> None:
    items = obligations(entered(), on=D(2026, 5, 1))
    [copy] = [o for o in items if "copy" in o.duty]
    # 90 days beginning with Thu 16 Apr 2026: day 90 is Tue 14 Jul 2026 (s.53).
    assert (copy.status, copy.due_on) == (ObligationStatus.DUE, D(2026, 7, 14))
    small = open_to_award(make_facts())
    small, _ = small.act(
        "enter_contract", at=at(4, 16), actor="ann", data={"value_including_vat": "600000"}
    )
    [na] = [o for o in obligations(small, on=D(2026, 5, 1)) if "copy" in o.duty]
    assert na.status is ObligationStatus.NOT_APPLICABLE
    [no_kpis] = [o for o in obligations(small, on=D(2026, 5, 1)) if o.notice == "UK9"]
    assert no_kpis.status is ObligationStatus.NOT_APPLICABLE


def test_performance_notices_are_due_every_12_months_where_kpis_were_set() -> None:
    p = entered()
    uk9 = _by_notice(obligations(p, on=D(2027, 4, 15)))["UK9"]
    # 12 months beginning with 16 Apr 2026 end on Thu 15 Apr 2027 (s.71).
    assert (uk9.status, uk9.due_on) == (ObligationStatus.DUE, D(2027, 4, 15))
    assert _by_notice(obligations(p, on=D(2027, 4, 16)))["UK9"].is_overdue


def test_termination_notice_is_due_within_30_days_of_the_end() -> None:
    p = entered()
    p, _ = p.publish("UK7", at=at(4, 20), actor="ann")
    p, _ = p.act("end_contract", at=at(7, 20), actor="ann", data={"reason": "expiry"})
    uk11 = _by_notice(obligations(p, on=D(2026, 8, 1)))["UK11"]
    # 30 days beginning with Mon 20 Jul 2026: day 30 is Tue 18 Aug (s.80).
    assert (uk11.status, uk11.due_on) == (ObligationStatus.DUE, D(2026, 8, 18))
    assert _by_notice(obligations(p, on=D(2026, 8, 19)))["UK11"].is_overdue


def test_standstill_runs_then_ends() -> None:
    p = open_to_award(make_facts())
    [running] = [o for o in obligations(p, on=D(2026, 4, 15)) if "standstill" in o.duty]
    assert (running.status, running.due_on) == (ObligationStatus.DUE, D(2026, 4, 15))
    [ended] = [o for o in obligations(p, on=D(2026, 4, 16)) if "standstill" in o.duty]
    assert ended.status is ObligationStatus.DONE


def test_a_day_before_later_events_judges_the_procurement_as_it_stood() -> None:
    p = entered()
    earlier = obligations(p, on=D(2026, 3, 10))
    assert all(o.notice != "UK7" for o in earlier)
    # the conflicts assessment done; lots still to be considered (s.18), nothing recorded
    assert [(o.rule.key, o.status) for o in earlier] == [
        ("pa-s83-conflicts", ObligationStatus.DONE),
        ("pa-s18-lots", ObligationStatus.DUE),
    ]


def test_a_procurement_abandoned_after_its_tender_notice_owes_a_termination_notice() -> None:
    p, _ = Procurement.start("x", facts=make_facts(), procedure="pa-open", at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("abandon", at=at(3, 10), actor="ann")
    uk12 = _by_notice(obligations(p, on=D(2026, 3, 11)))["UK12"]
    assert uk12.status is ObligationStatus.DUE
    assert uk12.rule.key == "pa-s55-procurement-termination"


def test_many_procurements_are_listed_in_order() -> None:
    a = entered()
    b = open_to_award(make_facts())
    items = obligations([a, b], on=D(2026, 4, 20))
    assert items[0].procurement_id == "meals"
    assert len(items) == len(obligations(a, on=D(2026, 4, 20))) + len(
        obligations(b, on=D(2026, 4, 20))
    )


@given(p=procurements(), days=st.integers(0, 800))
def test_statuses_agree_with_their_dates(p: Procurement, days: int) -> None:
    on = p.facts.commenced_on.add(days=days)
    for o in obligations(p, on=on):
        assert o.procurement_id == p.id
        if o.status is ObligationStatus.OVERDUE:
            assert o.due_on is not None
            assert on > o.due_on
            assert o.done_on is None
        if o.status is ObligationStatus.DONE and o.due_on is not None and o.done_on is not None:
            assert o.done_on <= on


def test_the_authority_owes_a_payments_compliance_notice_every_six_months() -> None:
    # Period ending Tue 31 Mar 2026: 30 days beginning with it end Wed 29 Apr 2026 (s.69(1)).
    [uk17] = authority_obligations(buyer="Anytown Council", on=D(2026, 4, 29))
    assert (uk17.status, uk17.due_on, uk17.notice) == (ObligationStatus.DUE, D(2026, 4, 29), "UK17")
    [late] = authority_obligations(buyer="Anytown Council", on=D(2026, 4, 30))
    assert late.is_overdue
    [done] = authority_obligations(
        buyer="Anytown Council", on=D(2026, 5, 1), published=[("UK17", D(2026, 4, 20))]
    )
    assert done.done_on == D(2026, 4, 20)
    # The next period, 1 Apr - 30 Sep 2026, is due by Thu 29 Oct 2026.
    [autumn] = authority_obligations(buyer="Anytown Council", on=D(2026, 10, 30))
    assert (autumn.due_on, autumn.is_overdue) == (D(2026, 10, 29), True)
    assert "2026-04-01 to 2026-09-30" in autumn.duty
    # Before s.69 came into force nothing is owed (see test_statute_commencement.py).
    [before] = authority_obligations(buyer="Anytown Council", on=D(2025, 9, 30))
    assert before.status is ObligationStatus.NOT_APPLICABLE


def test_the_pipeline_notice_is_owed_only_above_100_million() -> None:
    items = authority_obligations(buyer="A", on=D(2026, 5, 27), expected_spend="100000001")
    uk1 = next(o for o in items if o.notice == "UK1")
    # 56 days beginning with Wed 1 Apr 2026 end Tue 26 May 2026 (s.93).
    assert (uk1.status, uk1.due_on) == (ObligationStatus.OVERDUE, D(2026, 5, 26))
    small = authority_obligations(buyer="A", on=D(2026, 5, 27), expected_spend="100000000")
    assert next(o for o in small if o.notice == "UK1").status is ObligationStatus.NOT_APPLICABLE


# ------------------------------------------------------------- below-threshold notice (s.87(4))
def _below(value: str, authority: AuthorityType = AuthorityType.SUB_CENTRAL) -> Procurement:
    p, _ = Procurement.start(
        "small",
        facts=make_facts(value, authority=authority),
        procedure="pa-below-threshold",
        at=at(2, 2),
        actor="ann",
    )
    return p


def _notice_duty(p: Procurement, on: pendulum.Date) -> Obligation:
    [duty] = [o for o in obligations(p, on=on) if o.rule.key == "pa-s87-below-threshold-notice"]
    return duty


@pytest.mark.parametrize(
    ("value", "authority", "owed"),
    [
        # s.87(4): from £12,000 for central government, £30,000 for others, VAT included;
        # "from" read as "not less than", so the trigger itself owes the notice.
        ("11999.99", AuthorityType.CENTRAL_GOVERNMENT, False),
        ("12000", AuthorityType.CENTRAL_GOVERNMENT, True),
        ("29999.99", AuthorityType.SUB_CENTRAL, False),
        ("30000", AuthorityType.SUB_CENTRAL, True),
    ],
)
def test_a_below_threshold_procurement_owes_its_notice_from_the_trigger(
    value: str, authority: AuthorityType, owed: bool
) -> None:
    duty = _notice_duty(_below(value, authority), D(2026, 2, 3))
    expected = ObligationStatus.DUE if owed else ObligationStatus.NOT_APPLICABLE
    assert (duty.status, duty.notice, duty.due_on) == (expected, "UK4", None)
    assert duty.rule.citation == "Procurement Act 2023 s.87(1), (4)"
    assert not duty.rule.confirmed
    if owed:
        assert "UNCONFIRMED" in duty.note
    else:
        assert "no below-threshold notice duty" in duty.note


def test_the_below_threshold_notice_is_done_by_the_tender_notice() -> None:
    p = _below("50000")
    p, _ = p.publish("UK4", at=at(2, 3), actor="ann", content={"tender_deadline": "2026-02-20"})
    duty = _notice_duty(p, D(2026, 2, 4))
    assert (duty.status, duty.done_on) == (ObligationStatus.DONE, D(2026, 2, 3))


def test_a_below_threshold_contract_awarded_without_advertising_owes_no_tender_notice() -> None:
    p = _below("50000")
    p, _ = p.act(
        "decide_award",
        at=at(2, 3),
        actor="ann",
        data={"supplier": "Acme Ltd", "value_including_vat": "50000"},
    )
    duty = _notice_duty(p, D(2026, 2, 4))
    assert duty.status is ObligationStatus.NOT_APPLICABLE
    assert "not advertised" in duty.note
    # judged as it stood on Mon 2 Feb (before the award), the notice was still owed
    assert _notice_duty(p, D(2026, 2, 2)).status is ObligationStatus.DUE


def test_the_below_threshold_notice_caveat_for_utilities_is_carried() -> None:
    p = _below("50000", AuthorityType.UTILITIES)
    assert "utilities" in _notice_duty(p, D(2026, 2, 3)).note


@given(st.decimals(min_value=0, max_value=130000, places=2))
def test_the_below_threshold_notice_follows_the_thresholds_package(value: Decimal) -> None:
    facts = make_facts(str(value), authority=AuthorityType.CENTRAL_GOVERNMENT)
    p, _ = Procurement.start(
        "small", facts=facts, procedure="pa-below-threshold", at=at(2, 2), actor="ann"
    )
    owed = below_threshold_notice_required(
        value_including_vat=value, authority=AuthorityType.CENTRAL_GOVERNMENT
    )
    duty = _notice_duty(p, D(2026, 2, 3))
    assert (duty.status is ObligationStatus.DUE) is owed
