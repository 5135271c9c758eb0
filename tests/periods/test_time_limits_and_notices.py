"""Minimum time limits (PA s.54, PCR regs 27-28) and notice deadlines, hand-counted."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.periods import (
    NoticeDeadline,
    NoTimeLimit,
    NotRequired,
    Stage,
    TimeLimit,
    pa_contract_copy_deadline,
    pa_contract_details_deadline,
    pa_participation_period,
    pa_payments_compliance_deadline,
    pa_performance_assessment_due,
    pa_performance_notice_deadline,
    pa_pipeline_notice_window,
    pa_tendering_period,
    pa_termination_notice_deadline,
    pcr_open_procedure_time_limit,
    pcr_restricted_procedure_time_limit,
    qualifying_planned_procurement_notice,
)
from commissioning.strategies import statutory_dates, time_limits

D = pendulum.Date
MON_2_MAR_2026 = D(2026, 3, 2)


def _limit(result: TimeLimit | NoTimeLimit) -> TimeLimit:
    assert isinstance(result, TimeLimit)
    return result


# ---- PA s.54: calendar days beginning with the day after the invitation ------------------------


def test_participation_period_is_25_days_from_the_day_after_the_tender_notice() -> None:
    # s.54(3), (5): tender notice Mon 2 Mar 2026; day 1 Tue 3 Mar; day 25 Fri 27 Mar.
    t = _limit(pa_participation_period(invited_on=MON_2_MAR_2026))
    assert t.rule == "Procurement Act 2023 s.54(3)"
    assert (t.first_day, t.earliest_deadline) == (D(2026, 3, 3), D(2026, 3, 27))
    assert not t.permits_deadline(D(2026, 3, 26))
    assert t.permits_deadline(D(2026, 3, 27))


def test_participation_period_in_urgency_is_10_days() -> None:
    # day 1 Tue 3 Mar, day 10 Thu 12 Mar 2026.
    t = _limit(pa_participation_period(invited_on=MON_2_MAR_2026, urgency=True))
    assert (t.minimum_days, t.circumstance) == (10, "urgency")
    assert t.earliest_deadline == D(2026, 3, 12)


def test_light_touch_contracts_have_no_minimum_participation_period() -> None:
    t = pa_participation_period(invited_on=MON_2_MAR_2026, light_touch=True, urgency=True)
    assert isinstance(t, NoTimeLimit)
    assert t.circumstance == "light touch contract"
    assert t.permits_deadline(D(2026, 3, 3))
    assert not t.permits_deadline(MON_2_MAR_2026)


@pytest.mark.parametrize(
    ("electronic", "all_documents", "days", "deadline"),
    [
        # day 1 Tue 3 Mar 2026; day 25 Fri 27 Mar; day 30 Wed 1 Apr; day 35 Mon 6 Apr.
        (True, True, 25, D(2026, 3, 27)),
        (True, False, 30, D(2026, 4, 1)),
        (False, True, 30, D(2026, 4, 1)),
        (False, False, 35, D(2026, 4, 6)),
    ],
)
def test_tendering_period_follows_electronic_submission_and_documents(
    electronic: bool, all_documents: bool, days: int, deadline: D
) -> None:
    t = _limit(
        pa_tendering_period(
            invited_on=MON_2_MAR_2026,
            electronic_submission=electronic,
            all_documents_available=all_documents,
        )
    )
    assert t.rule == "Procurement Act 2023 s.54(4)"
    assert (t.minimum_days, t.earliest_deadline) == (days, deadline)


def test_the_act_does_not_move_a_tender_deadline_off_a_bank_holiday() -> None:
    # 35 days from Mon 2 Mar 2026 ends on Mon 6 Apr 2026, Easter Monday: no roll-forward in s.54.
    t = _limit(
        pa_tendering_period(
            invited_on=MON_2_MAR_2026, electronic_submission=False, all_documents_available=False
        )
    )
    assert t.earliest_deadline == D(2026, 4, 6)
    assert t.last_day == t.nominal_last_day


def test_the_shortest_applicable_tendering_minimum_wins() -> None:
    # s.54(4): not electronic, documents not all at once (35) and urgency (10): 10 applies.
    t = _limit(
        pa_tendering_period(
            invited_on=MON_2_MAR_2026,
            electronic_submission=False,
            all_documents_available=False,
            urgency=True,
        )
    )
    assert (t.minimum_days, t.circumstance) == (10, "urgency")
    applicable = [r.minimum_days or 0 for r in t.considered if r.applies]
    assert sorted(applicable) == [10, 35]


def test_dynamic_market_awards_have_a_10_day_tendering_period() -> None:
    t = _limit(
        pa_tendering_period(
            invited_on=MON_2_MAR_2026,
            electronic_submission=True,
            all_documents_available=True,
            dynamic_market=True,
        )
    )
    assert t.minimum_days == 10


def test_preselected_suppliers_of_a_non_central_authority_with_and_without_agreement() -> None:
    agreed = pa_tendering_period(
        invited_on=MON_2_MAR_2026,
        electronic_submission=True,
        all_documents_available=True,
        utilities_or_non_central=True,
        preselected_suppliers=True,
        period_agreed_with_suppliers=True,
    )
    assert isinstance(agreed, NoTimeLimit)
    unagreed = _limit(
        pa_tendering_period(
            invited_on=MON_2_MAR_2026,
            electronic_submission=True,
            all_documents_available=True,
            utilities_or_non_central=True,
            preselected_suppliers=True,
        )
    )
    assert unagreed.minimum_days == 10


def test_an_agreed_period_needs_preselected_suppliers_of_a_utility_or_non_central_authority() -> (
    None
):
    with pytest.raises(InvalidInput) as info:
        pa_tendering_period(
            invited_on=MON_2_MAR_2026,
            electronic_submission=True,
            all_documents_available=True,
            period_agreed_with_suppliers=True,
        )
    assert info.value.field == "period_agreed_with_suppliers"


def test_a_planned_procurement_notice_40_clear_days_before_qualifies() -> None:
    # Planned notice Mon 5 Jan 2026. Tender notice Sat 14 Feb is 40 days later (not 40 clear days):
    # cautious reading refuses it (25 days apply); Sun 15 Feb (41) qualifies (10 days apply).
    at_40 = _limit(
        pa_tendering_period(
            invited_on=D(2026, 2, 14),
            electronic_submission=True,
            all_documents_available=True,
            planned_procurement_notice_on=D(2026, 1, 5),
        )
    )
    assert at_40.minimum_days == 25
    assert "needs at least 40 clear days" in at_40.explanation
    lenient = _limit(
        pa_tendering_period(
            invited_on=D(2026, 2, 14),
            electronic_submission=True,
            all_documents_available=True,
            planned_procurement_notice_on=D(2026, 1, 5),
            strict_planned_notice_window=False,
        )
    )
    assert lenient.minimum_days == 10
    at_41 = _limit(
        pa_tendering_period(
            invited_on=D(2026, 2, 15),
            electronic_submission=True,
            all_documents_available=True,
            planned_procurement_notice_on=D(2026, 1, 5),
        )
    )
    assert at_41.minimum_days == 10


def test_a_planned_procurement_notice_must_be_within_12_months() -> None:
    # Exactly 12 months (2 Mar 2025 -> 2 Mar 2026): refused when strict, accepted when not.
    assert not qualifying_planned_procurement_notice(
        planned_on=D(2025, 3, 2), tender_notice_on=MON_2_MAR_2026
    )
    assert qualifying_planned_procurement_notice(
        planned_on=D(2025, 3, 2), tender_notice_on=MON_2_MAR_2026, strict=False
    )
    assert qualifying_planned_procurement_notice(
        planned_on=D(2025, 3, 3), tender_notice_on=MON_2_MAR_2026
    )
    assert not qualifying_planned_procurement_notice(
        planned_on=D(2025, 3, 1), tender_notice_on=MON_2_MAR_2026, strict=False
    )


def test_the_planned_notice_is_measured_to_the_tender_notice_not_the_invitation() -> None:
    # Competitive flexible: tender notice Mon 2 Feb 2026, invitation to tender Mon 2 Mar 2026.
    # Planned notice Mon 5 Jan 2026 is 28 days before the tender notice: not qualifying.
    t = _limit(
        pa_tendering_period(
            invited_on=MON_2_MAR_2026,
            electronic_submission=True,
            all_documents_available=True,
            planned_procurement_notice_on=D(2026, 1, 5),
            tender_notice_on=D(2026, 2, 2),
        )
    )
    assert t.minimum_days == 25


@given(statutory_dates(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_more_shortening_facts_never_lengthen_the_tendering_minimum(
    day: D, electronic: bool, documents: bool, urgency: bool, dynamic: bool
) -> None:
    base = _limit(
        pa_tendering_period(
            invited_on=day, electronic_submission=electronic, all_documents_available=documents
        )
    )
    more = _limit(
        pa_tendering_period(
            invited_on=day,
            electronic_submission=electronic,
            all_documents_available=documents,
            urgency=urgency,
            dynamic_market=dynamic,
        )
    )
    assert more.minimum_days <= base.minimum_days
    assert more.minimum_days == min(r.minimum_days or 0 for r in more.considered if r.applies)


@given(time_limits())
def test_a_minimum_period_runs_from_the_day_after_the_invitation(
    t: TimeLimit | NoTimeLimit,
) -> None:
    if isinstance(t, TimeLimit):
        assert t.first_day == t.invited_on.add(days=1)
        assert (t.nominal_last_day - t.invited_on).days == t.minimum_days
        assert t.earliest_deadline >= t.nominal_last_day
    assert t.explanation


# ---- PCR regs 27 and 28, counted by reg 2 ----------------------------------------------------------


def test_pcr_open_procedure_deadline_rolls_past_easter() -> None:
    # reg 27: sent Fri 1 Mar 2024, electronic: 30 days, day 30 Sun 31 Mar (Easter Sunday); Mon
    # 1 Apr Easter Monday; period ends at the end of Tue 2 Apr.
    t = _limit(pcr_open_procedure_time_limit(sent_on=D(2024, 3, 1), electronic_tenders=True))
    assert t.nominal_last_day == D(2024, 3, 31)
    assert t.earliest_deadline == D(2024, 4, 2)
    # Not electronic: 35 days, day 35 Fri 5 Apr 2024, a working day.
    paper = _limit(pcr_open_procedure_time_limit(sent_on=D(2024, 3, 1), electronic_tenders=False))
    assert paper.earliest_deadline == D(2024, 4, 5)


def test_pcr_open_procedure_with_a_prior_information_notice_is_15_days() -> None:
    # PIN sent Fri 1 Dec 2023 (91 days before); 15 days from Fri 1 Mar 2024 is Sat 16 Mar; Sun 17
    # Mar is St Patrick's Day, so Mon 18 Mar is Northern Ireland's substitute (PCR extends to NI):
    # the period ends at the end of Tue 19 Mar.
    t = _limit(
        pcr_open_procedure_time_limit(
            sent_on=D(2024, 3, 1),
            electronic_tenders=True,
            prior_information_notice_sent_on=D(2023, 12, 1),
        )
    )
    assert (t.minimum_days, t.earliest_deadline) == (15, D(2024, 3, 19))


def test_pcr_restricted_procedure_limits() -> None:
    # reg 28: requests, 30 days from Mon 3 Jun 2024 -> Wed 3 Jul; tenders electronic 25 days
    # from Mon 1 Jul 2024 -> Fri 26 Jul.
    requests = _limit(
        pcr_restricted_procedure_time_limit(stage=Stage.PARTICIPATION, sent_on=D(2024, 6, 3))
    )
    assert requests.earliest_deadline == D(2024, 7, 3)
    tenders = _limit(
        pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING, sent_on=D(2024, 7, 1), electronic_tenders=True
        )
    )
    assert tenders.earliest_deadline == D(2024, 7, 26)
    with pytest.raises(InvalidInput):
        pcr_restricted_procedure_time_limit(
            stage=Stage.TENDERING,
            sent_on=D(2024, 7, 1),
            prior_information_notice_sent_on=D(2024, 1, 2),
        )


# ---- notices ------------------------------------------------------------------------------------------


def test_contract_details_notice_is_due_within_30_days_beginning_with_entry() -> None:
    # s.53(1): entered Mon 29 Jun 2026: 29, 30 Jun (2) + 1..28 Jul (28) = 30 -> Tue 28 Jul.
    d = pa_contract_details_deadline(entered_on=D(2026, 6, 29))
    assert d.rule == "Procurement Act 2023 s.53(1)"
    assert (d.first_day, d.due_by, d.overdue_from) == (
        D(2026, 6, 29),
        D(2026, 7, 28),
        D(2026, 7, 29),
    )
    assert not d.is_late_on(D(2026, 7, 28))
    assert d.is_late_on(D(2026, 7, 29))
    # Light touch, 120 days: 2 (Jun) + 31 (Jul) + 31 (Aug) + 30 (Sep) = 94; + 26 Oct = 120.
    assert pa_contract_details_deadline(entered_on=D(2026, 6, 29), light_touch=True).due_by == D(
        2026, 10, 26
    )


def test_contract_copy_is_due_only_above_five_million() -> None:
    # s.53: entered Thu 1 Jan 2026: 31 (Jan) + 28 (Feb) + 31 (Mar) = 90 -> Tue 31 Mar.
    copy = pa_contract_copy_deadline(entered_on=D(2026, 1, 1), value_including_vat="5000000.01")
    assert isinstance(copy, NoticeDeadline)
    assert copy.due_by == D(2026, 3, 31)
    # Light touch, 180 days: 31 + 28 + 31 + 30 + 31 = 151; + 29 Jun = 180.
    light = pa_contract_copy_deadline(
        entered_on=D(2026, 1, 1), value_including_vat="6000000", light_touch=True
    )
    assert isinstance(light, NoticeDeadline)
    assert light.due_by == D(2026, 6, 29)
    exactly = pa_contract_copy_deadline(entered_on=D(2026, 1, 1), value_including_vat=5_000_000)
    assert isinstance(exactly, NotRequired)
    assert not exactly.applies


def test_contract_copy_value_must_not_be_a_float() -> None:
    with pytest.raises(InvalidInput):
        pa_contract_copy_deadline(entered_on=D(2026, 1, 1), value_including_vat=6e6)  # type: ignore[arg-type] # a float on purpose


def test_termination_notice_is_due_within_30_days_of_termination() -> None:
    # s.80: terminated Tue 30 Jun 2026: 30 Jun (1) + 1..29 Jul (29) = 30 -> Wed 29 Jul.
    assert pa_termination_notice_deadline(terminated_on=D(2026, 6, 30)).due_by == D(2026, 7, 29)
    # The other reading counts from the day after: Thu 30 Jul.
    assert pa_termination_notice_deadline(
        terminated_on=D(2026, 6, 30), count_event_day=False
    ).due_by == D(2026, 7, 30)


def test_performance_notice_on_a_breach_is_due_within_30_days() -> None:
    # s.71: event Sun 1 Feb 2026: 1..28 Feb (28) + 1, 2 Mar = 30 -> Mon 2 Mar.
    assert pa_performance_notice_deadline(event_on=D(2026, 2, 1)).due_by == D(2026, 3, 2)


def test_performance_assessments_are_due_at_least_every_12_months() -> None:
    # s.71: since Sun 1 Mar 2026: 12 months beginning with it end Sun 28 Feb 2027.
    assert pa_performance_assessment_due(since=D(2026, 3, 1)).due_by == D(2027, 2, 28)
    assert pa_performance_assessment_due(since=D(2026, 3, 1), count_start_day=False).due_by == D(
        2027, 3, 1
    )
    # From 29 Feb 2024 the anniversary is taken as 1 Mar 2025: due by Fri 28 Feb 2025.
    assert pa_performance_assessment_due(since=D(2024, 2, 29)).due_by == D(2025, 2, 28)


def test_payments_compliance_notice_due_30_days_beginning_with_last_day() -> None:
    # s.69(1): "30 days beginning with the last day of a reporting period": 30 Sep 2025 is day 1,
    # day 30 is Wed 29 Oct 2025.
    half = pa_payments_compliance_deadline(period_end=D(2025, 9, 30))
    assert (half.first_day, half.due_by) == (D(2025, 9, 30), D(2025, 10, 29))
    assert half.rule == "Procurement Act 2023 s.69(1)"
    # The review's case: period ending Tue 31 Mar 2026 -> Wed 29 Apr 2026.
    assert pa_payments_compliance_deadline(period_end=D(2026, 3, 31)).due_by == D(2026, 4, 29)
    with pytest.raises(InvalidInput):
        pa_payments_compliance_deadline(period_end=D(2026, 6, 30))


def test_pipeline_notice_is_due_within_56_days_beginning_with_1_april() -> None:
    # s.93: 1..30 Apr (30) + 1..26 May (26) = 56 -> Tue 26 May 2026.
    window = pa_pipeline_notice_window(financial_year=2026, expected_spend="100000000.01")
    assert isinstance(window, NoticeDeadline)
    assert (window.first_day, window.due_by) == (D(2026, 4, 1), D(2026, 5, 26))
    none = pa_pipeline_notice_window(financial_year=2026, expected_spend=100_000_000)
    assert isinstance(none, NotRequired)
    assert "not more than" in none.explanation


@given(statutory_dates(), st.booleans())
def test_a_notice_window_ends_on_the_last_day_of_its_count(day: D, light: bool) -> None:
    d = pa_contract_details_deadline(entered_on=day, light_touch=light)
    assert (d.due_by - day).days + 1 == (120 if light else 30)
    assert d.may_publish_from == day
    assert d.explanation
