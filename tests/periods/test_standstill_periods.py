"""Standstill periods, hand-counted from the statute text (the count is in each comment)."""

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.calendar import (
    Nation,
    PcrBankHolidays,
    nation_calendar,
    pa_calendar,
    pcr_calendar,
    psr_calendar,
)
from commissioning.periods import (
    NoStandstill,
    Standstill,
    StandstillBasis,
    StandstillExemption,
    pa_standstill,
    pcr_standstill,
    psr_standstill,
)
from commissioning.strategies import standstills, statutory_dates
from commissioning.thresholds import Regime

D = pendulum.Date


def _pa(day: dt.date) -> Standstill:
    result = pa_standstill(published_on=day)
    assert isinstance(result, Standstill)
    return result


# ---- PA s.51(2): 8 working days beginning with the publication day (s.123 UK-wide) -------------


def test_contract_cannot_be_signed_before_standstill_ends_after_a_uk6_published_before_easter() -> (
    None
):
    # s.51(2): UK6 published Thu 17 Apr 2025. Thu 17 (1); Fri 18 Good Friday, Sat, Sun,
    # Mon 21 Easter Monday not counted; Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 (5);
    # Mon 28 (6), Tue 29 (7), Wed 30 (8). Entry from Thu 1 May.
    s = _pa(D(2025, 4, 17))
    assert s.rule == "Procurement Act 2023 s.51(2)"
    assert s.regime is Regime.PA_2023
    assert (s.first_day, s.last_day) == (D(2025, 4, 17), D(2025, 4, 30))
    assert s.may_enter_contract_from == D(2025, 5, 1)
    assert not s.permits_entry_on(D(2025, 4, 30))
    assert s.permits_entry_on(D(2025, 5, 1))
    assert s.mandatory
    assert s.basis is StandstillBasis.PA_MANDATORY


def test_standstill_over_christmas_runs_into_scotlands_new_year_substitute() -> None:
    # UK6 Mon 21 Dec 2026: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4); Fri 25 Christmas,
    # Sat, Sun, Mon 28 (Boxing Day substitute) skipped; Tue 29 (5), Wed 30 (6), Thu 31 (7);
    # Fri 1 Jan, Sat 2, Sun 3, Mon 4 Jan (Scotland's 2 January substitute) skipped; Tue 5 (8).
    s = _pa(D(2026, 12, 21))
    assert s.last_day == D(2027, 1, 5)
    assert s.may_enter_contract_from == D(2027, 1, 6)
    # With England's calendar alone, Mon 4 Jan would count as day 8.
    england = pa_standstill(published_on=D(2026, 12, 21), calendar=nation_calendar(Nation.ENGLAND))
    assert isinstance(england, Standstill)
    assert england.last_day == D(2027, 1, 4)


def test_standstill_across_scotlands_2_january() -> None:
    # UK6 Wed 31 Dec 2025: Wed 31 (1); Thu 1 Jan, Fri 2 Jan (Scotland), Sat, Sun skipped;
    # Mon 5 (2), Tue 6 (3), Wed 7 (4), Thu 8 (5), Fri 9 (6), Mon 12 (7), Tue 13 (8).
    assert _pa(D(2025, 12, 31)).last_day == D(2026, 1, 13)
    assert _pa(D(2025, 12, 31)).may_enter_contract_from == D(2026, 1, 14)


def test_standstill_across_st_andrews_day() -> None:
    # UK6 Thu 26 Nov 2026: Thu 26 (1), Fri 27 (2); Sat, Sun, Mon 30 Nov (St Andrew's Day) skipped;
    # Tue 1 Dec (3), Wed 2 (4), Thu 3 (5), Fri 4 (6), Mon 7 (7), Tue 8 (8).
    assert _pa(D(2026, 11, 26)).last_day == D(2026, 12, 8)


def test_standstill_across_st_andrews_day_substitute() -> None:
    # 30 Nov 2025 is a Sunday; Mon 1 Dec is Scotland's substitute day.
    # UK6 Fri 28 Nov 2025: Fri 28 (1); Sat 29, Sun 30, Mon 1 Dec skipped; Tue 2 (2), Wed 3 (3),
    # Thu 4 (4), Fri 5 (5), Mon 8 (6), Tue 9 (7), Wed 10 (8).
    assert _pa(D(2025, 11, 28)).last_day == D(2025, 12, 10)


def test_standstill_across_the_northern_ireland_twelfth() -> None:
    # UK6 Thu 8 Jul 2027: Thu 8 (1), Fri 9 (2); Sat, Sun, Mon 12 Jul (Battle of the Boyne) skipped;
    # Tue 13 (3), Wed 14 (4), Thu 15 (5), Fri 16 (6), Mon 19 (7), Tue 20 (8).
    assert _pa(D(2027, 7, 8)).last_day == D(2027, 7, 20)


def test_standstill_across_the_twelfth_substitute_day() -> None:
    # 12 Jul 2026 is a Sunday; Mon 13 Jul is Northern Ireland's substitute.
    # UK6 Fri 10 Jul 2026: Fri 10 (1); Sat 11, Sun 12, Mon 13 skipped; Tue 14 (2), Wed 15 (3),
    # Thu 16 (4), Fri 17 (5), Mon 20 (6), Tue 21 (7), Wed 22 (8). Entry from Thu 23.
    assert _pa(D(2026, 7, 10)).may_enter_contract_from == D(2026, 7, 23)


def test_standstill_across_the_coronation_bank_holiday() -> None:
    # UK6 Thu 4 May 2023: Thu 4 (1), Fri 5 (2); Sat, Sun, Mon 8 May (coronation) skipped;
    # Tue 9 (3), Wed 10 (4), Thu 11 (5), Fri 12 (6), Mon 15 (7), Tue 16 (8).
    assert _pa(D(2023, 5, 4)).last_day == D(2023, 5, 16)


def test_a_notice_published_on_a_saturday_starts_counting_on_monday() -> None:
    # UK6 Sat 7 Mar 2026: not a working day, so day 1 is Mon 9; Tue 10 (2), Wed 11 (3),
    # Thu 12 (4), Fri 13 (5), Mon 16 (6); Tue 17 Mar is St Patrick's Day (NI), skipped;
    # Wed 18 (7), Thu 19 (8).
    s = _pa(D(2026, 3, 7))
    assert s.first_day == D(2026, 3, 7)
    assert s.last_day == D(2026, 3, 19)


def test_the_contract_may_be_entered_into_on_the_weekend_after_standstill_ends() -> None:
    # UK6 Wed 4 Mar 2026: Wed 4 (1), Thu 5 (2), Fri 6 (3), Mon 9 (4) ... Fri 13 (8).
    # s.51(1) only forbids entry *before the end*: Sat 14 Mar is allowed.
    s = _pa(D(2026, 3, 4))
    assert s.last_day == D(2026, 3, 13)
    assert s.may_enter_contract_from == D(2026, 3, 14)


def test_the_explanation_lists_every_counted_and_skipped_day() -> None:
    text = _pa(D(2025, 4, 17)).explanation
    assert "Thu 17 Apr 2025 (1)" in text
    assert "Wed 30 Apr 2025 (8)" in text
    assert "Fri 18 Apr 2025 (Good Friday" in text
    assert "Mon 21 Apr 2025 (Easter Monday" in text
    assert "entered into from Thu 1 May 2025" in text


@pytest.mark.parametrize("exemption", list(StandstillExemption))
def test_exempt_awards_have_no_mandatory_standstill(exemption: StandstillExemption) -> None:
    # s.51(3): each exempt award may be entered into from the day of the notice.
    result = pa_standstill(published_on=D(2026, 3, 2), exemption=exemption)
    assert isinstance(result, NoStandstill)
    assert not result.applies
    assert result.rule == "Procurement Act 2023 s.51(3)"
    assert result.may_enter_contract_from == D(2026, 3, 2)
    assert exemption.value in result.explanation


def test_a_voluntary_standstill_is_counted_like_the_mandatory_one() -> None:
    # s.51(4)-(5): 10 working days beginning with Mon 2 Mar 2026: 2-6 (5), 9-13 (10).
    result = pa_standstill(
        published_on=D(2026, 3, 2),
        exemption=StandstillExemption.FRAMEWORK_CALL_OFF,
        voluntary_working_days=10,
    )
    assert isinstance(result, Standstill)
    assert not result.mandatory
    assert result.rule == "Procurement Act 2023 s.51(4)-(5)"
    assert result.last_day == D(2026, 3, 13)


def test_a_voluntary_standstill_shorter_than_8_working_days_is_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        pa_standstill(
            published_on=D(2026, 3, 2),
            exemption=StandstillExemption.LIGHT_TOUCH,
            voluntary_working_days=7,
        )
    assert info.value.field == "voluntary_working_days"


def test_a_voluntary_standstill_without_an_exemption_is_refused() -> None:
    with pytest.raises(InvalidInput):
        pa_standstill(published_on=D(2026, 3, 2), voluntary_working_days=10)


def test_an_exemption_must_be_one_of_the_s51_3_grounds() -> None:
    with pytest.raises(InvalidInputType):
        pa_standstill(published_on=D(2026, 3, 2), exemption="light touch")  # type: ignore[arg-type] # on purpose


def test_a_datetime_is_refused_as_a_publication_day() -> None:
    with pytest.raises(InvalidInputType):
        pa_standstill(published_on=pendulum.datetime(2026, 3, 2))
    assert _pa(dt.date(2026, 3, 2)).last_day == D(2026, 3, 11)


# ---- PCR 2015 reg 87 with reg 2 -------------------------------------------------------------------


def test_pcr_standstill_ending_on_christmas_day_rolls_forward() -> None:
    # reg 87(2): sent Wed 15 Dec 2021; day 1 Thu 16 ... day 10 Sat 25 Dec. Sat 25, Sun 26,
    # Mon 27 and Tue 28 (substitutes) are not working days (reg 2): ends end of Wed 29 Dec.
    s = pcr_standstill(sent_on=D(2021, 12, 15))
    assert s.rule == "Public Contracts Regulations 2015 reg 87(2) with reg 2"
    assert s.first_day == D(2021, 12, 16)
    assert s.nominal_last_day == D(2021, 12, 25)
    assert s.last_day == D(2021, 12, 29)
    assert s.may_enter_contract_from == D(2021, 12, 30)
    assert "next working day, Wed 29 Dec 2021" in s.explanation


def test_pcr_standstill_on_ordinary_days_is_ten_calendar_days() -> None:
    # Sent Mon 3 Jun 2024: day 10 is Thu 13 Jun, a working day.
    s = pcr_standstill(sent_on=D(2024, 6, 3))
    assert s.last_day == D(2024, 6, 13)
    assert s.may_enter_contract_from == D(2024, 6, 14)


def test_pcr_standstill_by_other_means_without_receipt_uses_15_days() -> None:
    # reg 87(3)(a): sent Mon 3 Jun 2024 by post; 15th day after is Tue 18 Jun (the latest).
    s = pcr_standstill(sent_on=D(2024, 6, 3), electronic=False)
    assert s.last_day == D(2024, 6, 18)
    assert s.notes


def test_pcr_standstill_by_other_means_ends_10_days_after_an_early_last_receipt() -> None:
    # Last receipt Tue 4 Jun 2024: 10th day after is Fri 14 Jun, before Tue 18 Jun.
    s = pcr_standstill(sent_on=D(2024, 6, 3), electronic=False, last_received_on=D(2024, 6, 4))
    assert s.last_day == D(2024, 6, 14)
    assert s.basis is StandstillBasis.PCR_OTHER_MEANS_LAST_RECEIPT
    # Last receipt Mon 10 Jun: 10 days after is Thu 20 Jun, later than Tue 18 Jun: 18 Jun wins.
    late = pcr_standstill(sent_on=D(2024, 6, 3), electronic=False, last_received_on=D(2024, 6, 10))
    assert late.last_day == D(2024, 6, 18)


def test_pcr_standstill_ending_on_a_scottish_holiday_depends_on_the_calendar_chosen() -> None:
    # Sent Fri 26 Jul 2024: day 10 is Mon 5 Aug, Scotland's summer bank holiday.
    # Cautious default (UK-wide): rolls to Tue 6 Aug; following PCR's extent: Mon 5 Aug.
    assert pcr_standstill(sent_on=D(2024, 7, 26)).last_day == D(2024, 8, 6)
    extent = pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_WALES_AND_NORTHERN_IRELAND)
    assert pcr_standstill(sent_on=D(2024, 7, 26), calendar=extent).last_day == D(2024, 8, 5)


def test_pcr_standstill_ending_on_good_friday_rolls_past_easter_monday() -> None:
    # Sent Tue 19 Mar 2024: day 10 Fri 29 Mar (Good Friday); Sat, Sun, Mon 1 Apr (Easter
    # Monday) not working days: ends at the end of Tue 2 Apr.
    assert pcr_standstill(sent_on=D(2024, 3, 19)).last_day == D(2024, 4, 2)


def test_pcr_receipt_day_is_refused_for_electronic_sending_or_before_sending() -> None:
    with pytest.raises(InvalidInput):
        pcr_standstill(sent_on=D(2024, 6, 3), last_received_on=D(2024, 6, 4))
    with pytest.raises(InvalidInput):
        pcr_standstill(sent_on=D(2024, 6, 3), electronic=False, last_received_on=D(2024, 6, 2))


# ---- PSR reg 12 --------------------------------------------------------------------------------------


def test_psr_standstill_counts_8_working_days_after_the_day_it_began() -> None:
    # Notice Mon 2 Mar 2026; begins Tue 3 Mar; 8 working days after it: Wed 4 (1), Thu 5 (2),
    # Fri 6 (3), Mon 9 (4), Tue 10 (5), Wed 11 (6), Thu 12 (7), Fri 13 (8).
    s = psr_standstill(published_on=D(2026, 3, 2))
    assert s.rule == "Health Care Services (Provider Selection Regime) Regulations 2023 reg 12"
    assert s.first_day == D(2026, 3, 3)
    assert s.last_day == D(2026, 3, 13)
    assert s.counted_from == D(2026, 3, 4)
    # The other reading counts Tue 3 as day 1: day 8 is Thu 12.
    assert psr_standstill(published_on=D(2026, 3, 2), count_first_day=True).last_day == D(
        2026, 3, 12
    )


def test_psr_standstill_skips_the_first_monday_in_may_even_when_england_works() -> None:
    # 2020: notice Thu 30 Apr; begins Fri 1 May; after it: Sat 2, Sun 3, Mon 4 (first Monday in
    # May, PSR reg 12) skipped; Tue 5 (1), Wed 6 (2), Thu 7 (3); Fri 8 (VE Day holiday) skipped;
    # Mon 11 (4), Tue 12 (5), Wed 13 (6), Thu 14 (7), Fri 15 (8).
    assert psr_standstill(published_on=D(2020, 4, 30)).last_day == D(2020, 5, 15)
    # England's calendar alone counts Mon 4 May: Thu 14 May.
    england = psr_standstill(published_on=D(2020, 4, 30), calendar=nation_calendar(Nation.ENGLAND))
    assert england.last_day == D(2020, 5, 14)


def test_psr_standstill_ignores_scotlands_august_holiday() -> None:
    # Notice Thu 30 Jul 2026; begins Fri 31 Jul; Mon 3 Aug (1) counts under PSR (England only),
    # Tue 4 (2), Wed 5 (3), Thu 6 (4), Fri 7 (5), Mon 10 (6), Tue 11 (7), Wed 12 (8).
    assert psr_standstill(published_on=D(2026, 7, 30)).last_day == D(2026, 8, 12)


# ---- properties ----------------------------------------------------------------------------------------


@given(statutory_dates())
def test_pa_standstill_never_ends_before_the_8th_working_day(day: D) -> None:
    s = _pa(day)
    cal = pa_calendar()
    assert s.last_day == cal.nth_working_day(day, 8)
    assert len(cal.working_days_in(day, s.last_day)) == 8
    assert cal.is_working_day(s.last_day)
    assert s.may_enter_contract_from == s.last_day.add(days=1)


@given(statutory_dates(), st.booleans())
def test_pcr_standstill_ends_on_a_working_day_no_earlier_than_day_10(
    day: D, electronic: bool
) -> None:
    s = pcr_standstill(sent_on=day, electronic=electronic)
    assert s.last_day >= day.add(days=10)
    assert pcr_calendar().is_working_day(s.last_day)
    assert s.last_day == pcr_calendar().roll_forward(s.nominal_last_day)


@given(statutory_dates())
def test_psr_standstill_has_8_working_days_after_its_first_day(day: D) -> None:
    s = psr_standstill(published_on=day)
    assert psr_calendar().working_days_between(s.first_day, s.last_day) == 8


@given(standstills())
def test_entry_is_permitted_exactly_from_the_first_permitted_day(
    s: Standstill | NoStandstill,
) -> None:
    day = s.may_enter_contract_from
    assert s.permits_entry_on(day)
    assert not s.permits_entry_on(day.subtract(days=1))
    assert s.explanation
    if isinstance(s, Standstill):
        assert s.first_day <= s.last_day < s.may_enter_contract_from
