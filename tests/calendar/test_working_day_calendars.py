"""Working-day calendars: which days the statutes exclude, pinned day by day, and the operations."""

import datetime as dt

import pendulum
import pytest

from commissioning import InvalidInput, InvalidInputType
from commissioning.calendar import (
    Nation,
    OutsideCalendarRange,
    PcrBankHolidays,
    WorkingDayCalendar,
    nation_calendar,
    pa_calendar,
    pcr_calendar,
    psr_calendar,
)
from commissioning.calendar._calendar import _good_friday

D = pendulum.Date
ENG = nation_calendar(Nation.ENGLAND)
WLS = nation_calendar(Nation.WALES)
SCT = nation_calendar(Nation.SCOTLAND)
NIR = nation_calendar(Nation.NORTHERN_IRELAND)
UK = pa_calendar()


# ---- what the holidays source includes (BFDA Sch 1 and proclamations) --------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(1999, 12, 31), "Millennium"),
        (D(2022, 6, 3), "Platinum Jubilee"),
        (D(2022, 9, 19), "State Funeral"),
        (D(2023, 5, 8), "Coronation"),
    ],
)
def test_proclaimed_special_days_are_not_working_days_in_any_nation(day: D, name: str) -> None:
    for cal in (ENG, WLS, SCT, NIR, UK):
        assert not cal.is_working_day(day)
        assert name in (cal.holiday_name(day) or "")


@pytest.mark.parametrize(
    "day",
    [
        D(2020, 12, 28),  # Boxing Day (Sat 26th) moves to Monday
        D(2021, 12, 27),  # Christmas Day (Sat) moves to Monday
        D(2021, 12, 28),  # Boxing Day (Sun) moves to Tuesday
        D(2022, 1, 3),  # New Year's Day (Sat) moves to Monday
        D(2027, 12, 27),  # Christmas Day 2027 is a Saturday
        D(2027, 12, 28),
    ],
)
def test_substitute_days_are_not_working_days_in_england(day: D) -> None:
    assert not ENG.is_working_day(day)
    assert not UK.is_working_day(day)


def test_northern_ireland_alone_has_st_patricks_day_and_the_twelfth() -> None:
    for day in (D(2026, 3, 17), D(2027, 7, 12)):
        assert not NIR.is_working_day(day)
        assert ENG.is_working_day(day)
        assert SCT.is_working_day(day)
        assert not UK.is_working_day(day)


def test_the_twelfth_on_a_sunday_moves_to_monday_in_northern_ireland() -> None:
    # 12 July 2026 is a Sunday: Monday 13 July is the substitute day.
    assert D(2026, 7, 12).day_of_week == pendulum.SUNDAY
    assert not NIR.is_working_day(D(2026, 7, 13))
    assert not UK.is_working_day(D(2026, 7, 13))
    assert ENG.is_working_day(D(2026, 7, 13))


def test_scotland_alone_has_2_january_first_monday_of_august_and_st_andrews_day() -> None:
    for day in (D(2026, 1, 2), D(2026, 8, 3), D(2026, 11, 30)):
        assert not SCT.is_working_day(day)
        assert ENG.is_working_day(day)
        assert NIR.is_working_day(day)
        assert not UK.is_working_day(day)


def test_st_andrews_day_on_a_sunday_moves_to_monday_in_scotland() -> None:
    # 30 November 2025 is a Sunday: Monday 1 December is the substitute day.
    assert not SCT.is_working_day(D(2025, 12, 1))
    assert not UK.is_working_day(D(2025, 12, 1))
    assert ENG.is_working_day(D(2025, 12, 1))


def test_scotland_substitutes_both_new_year_days_when_they_fall_at_a_weekend() -> None:
    # 1 Jan 2022 a Saturday, 2 Jan a Sunday: Scotland rests Mon 3 and Tue 4; England only Mon 3.
    assert not SCT.is_working_day(D(2022, 1, 3))
    assert not SCT.is_working_day(D(2022, 1, 4))
    assert ENG.is_working_day(D(2022, 1, 4))
    assert not UK.is_working_day(D(2022, 1, 4))


def test_scotland_lacks_easter_monday_and_the_last_monday_of_august() -> None:
    for day in (D(2026, 4, 6), D(2026, 8, 31)):
        assert SCT.is_working_day(day)
        assert not ENG.is_working_day(day)
        assert not UK.is_working_day(day)


def test_england_and_wales_have_the_same_bank_holidays() -> None:
    assert dict(ENG.holidays).keys() == dict(WLS.holidays).keys()


def test_the_uk_wide_calendar_is_the_union_of_the_nations() -> None:
    union = set(ENG.holidays) | set(WLS.holidays) | set(SCT.holidays) | set(NIR.holidays)
    assert set(UK.holidays) == union


# ---- PCR 2015 reg 2 and PSR reg 12 ---------------------------------------------------------------


def test_pcr_calendar_is_uk_wide_by_default_and_can_follow_pcr_extent() -> None:
    # Mon 5 Aug 2024 is Scotland's summer bank holiday only.
    cautious = pcr_calendar()
    extent = pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_WALES_AND_NORTHERN_IRELAND)
    england = pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_AND_WALES)
    assert not cautious.is_working_day(D(2024, 8, 5))
    assert extent.is_working_day(D(2024, 8, 5))
    assert england.is_working_day(D(2024, 8, 5))
    # Tue 17 Mar 2026: Northern Ireland only.
    assert not extent.is_working_day(D(2026, 3, 17))
    assert england.is_working_day(D(2026, 3, 17))


def test_pcr_calendar_always_excludes_christmas_day_and_good_friday() -> None:
    england = pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_AND_WALES)
    for day in (D(2024, 12, 25), D(2024, 3, 29), D(2031, 4, 11)):
        assert not england.is_working_day(day)


def test_psr_calendar_excludes_the_first_monday_in_may_even_when_the_holiday_moved() -> None:
    # 2020: England's early May bank holiday moved to Fri 8 May (VE Day); Mon 4 May was a
    # working day in England, but PSR reg 12 names the first Monday in May.
    psr = psr_calendar()
    assert ENG.is_working_day(D(2020, 5, 4))
    assert not psr.is_working_day(D(2020, 5, 4))
    assert not psr.is_working_day(D(2020, 5, 8))


def test_psr_calendar_ignores_scottish_and_northern_irish_holidays() -> None:
    psr = psr_calendar()
    assert psr.is_working_day(D(2026, 8, 3))
    assert psr.is_working_day(D(2026, 3, 17))
    assert not psr.is_working_day(D(2026, 4, 3))  # Good Friday


def test_our_easter_matches_the_holidays_package_for_two_centuries() -> None:
    fridays = {d for d, n in ENG.holidays.items() if "Good Friday" in n}
    assert fridays == {_good_friday(y) for y in range(1971, 2101)}


# ---- operations: hand-counted --------------------------------------------------------------------


def test_adding_working_days_skips_easter() -> None:
    # Thu 17 Apr 2025 + 1: Fri 18 Good Friday, Sat, Sun, Mon 21 Easter Monday -> Tue 22.
    assert UK.add_working_days(D(2025, 4, 17), 1) == D(2025, 4, 22)
    # ... and going back: Tue 22 - 1 -> Thu 17.
    assert UK.add_working_days(D(2025, 4, 22), -1) == D(2025, 4, 17)


def test_adding_zero_working_days_returns_the_day_itself() -> None:
    assert UK.add_working_days(D(2026, 3, 7), 0) == D(2026, 3, 7)


def test_nth_working_day_counts_the_first_day_when_it_is_a_working_day() -> None:
    # Period beginning Wed 24 Dec 2025: Wed 24 (1), [25, 26, weekend], Mon 29 (2), Tue 30 (3).
    assert UK.nth_working_day(D(2025, 12, 24), 1) == D(2025, 12, 24)
    assert UK.nth_working_day(D(2025, 12, 24), 3) == D(2025, 12, 30)


def test_counting_working_days_over_christmas_and_new_year() -> None:
    # After Fri 19 Dec 2025 up to Tue 6 Jan 2026, UK-wide:
    # Mon 22, Tue 23, Wed 24, Mon 29, Tue 30, Wed 31, Mon 5, Tue 6 = 8
    # (Thu 1 Jan New Year's Day and Fri 2 Jan, Scotland's, are not counted).
    assert UK.working_days_between(D(2025, 12, 19), D(2026, 1, 6)) == 8
    # England alone also counts Fri 2 Jan: 9.
    assert ENG.working_days_between(D(2025, 12, 19), D(2026, 1, 6)) == 9
    assert UK.working_days_between(D(2026, 1, 6), D(2025, 12, 19)) == -8


def test_working_days_in_and_non_working_days_in_partition_a_span() -> None:
    first, last = D(2026, 12, 20), D(2027, 1, 10)
    worked = UK.working_days_in(first, last)
    off = [d for d, _ in UK.non_working_days_in(first, last)]
    assert sorted([*worked, *off]) == [first.add(days=i) for i in range((last - first).days + 1)]


def test_roll_forward_moves_a_non_working_day_to_the_next_working_day() -> None:
    # Fri 25 Dec 2026 -> Sat, Sun, Mon 28 (Boxing Day substitute) -> Tue 29.
    assert UK.roll_forward(D(2026, 12, 25)) == D(2026, 12, 29)
    assert UK.roll_forward(D(2026, 12, 29)) == D(2026, 12, 29)


def test_datetime_dates_are_accepted_and_pendulum_dates_returned() -> None:
    result = UK.add_working_days(dt.date(2026, 3, 6), 1)
    assert type(result) is pendulum.Date
    assert result == D(2026, 3, 9)


def test_datetimes_and_strings_are_refused_with_a_typed_error() -> None:
    with pytest.raises(InvalidInputType):
        UK.is_working_day(pendulum.datetime(2026, 3, 6))
    with pytest.raises(InvalidInputType):
        UK.is_working_day("2026-03-06")  # type: ignore[arg-type] # a wrong type on purpose
    with pytest.raises(InvalidInputType):
        UK.add_working_days(D(2026, 3, 6), 1.0)  # type: ignore[arg-type] # a wrong type on purpose
    with pytest.raises(InvalidInput):
        UK.nth_working_day(D(2026, 3, 6), 0)


# ---- range: extend or refuse, never guess ----------------------------------------------------------


def test_a_day_outside_the_range_raises_a_typed_error_naming_the_range() -> None:
    with pytest.raises(OutsideCalendarRange) as info:
        UK.is_working_day(D(1970, 12, 31))
    assert info.value.first_day == D(1971, 1, 1)
    assert info.value.last_day == D(2100, 12, 31)
    assert isinstance(info.value, ValueError)


def test_a_count_running_off_the_end_of_the_range_raises_rather_than_guesses() -> None:
    short = pa_calendar(first_year=2026, last_year=2026)
    with pytest.raises(OutsideCalendarRange):
        short.add_working_days(D(2026, 12, 30), 5)
    with pytest.raises(OutsideCalendarRange):
        short.add_working_days(D(2026, 1, 2), -5)
    wider = pa_calendar(first_year=2026, last_year=2027)
    assert wider.add_working_days(D(2026, 12, 30), 5) == UK.add_working_days(D(2026, 12, 30), 5)


def test_bad_year_ranges_are_refused() -> None:
    with pytest.raises(InvalidInput):
        pa_calendar(first_year=2030, last_year=2020)
    with pytest.raises(InvalidInput):
        nation_calendar(Nation.ENGLAND, first_year=1800)
    with pytest.raises(InvalidInputType):
        pa_calendar(first_year=[2026])  # type: ignore[arg-type] # an unhashable wrong type on purpose
    with pytest.raises(InvalidInputType):
        nation_calendar("SCT")  # type: ignore[arg-type] # a code, not a Nation, on purpose


# ---- values: add and remove days ------------------------------------------------------------------


def test_adding_a_proclaimed_day_gives_a_new_calendar_and_leaves_the_old_one_alone() -> None:
    proclaimed = UK.with_holidays({D(2026, 6, 5): "proclaimed day"})
    assert not proclaimed.is_working_day(D(2026, 6, 5))
    assert UK.is_working_day(D(2026, 6, 5))
    assert proclaimed != UK
    assert proclaimed.holiday_name(D(2026, 6, 5)) == "proclaimed day"


def test_removing_an_unproclaimed_substitute_day_makes_it_a_working_day() -> None:
    without = SCT.without_holidays([D(2025, 12, 1)])
    assert without.is_working_day(D(2025, 12, 1))
    assert not SCT.is_working_day(D(2025, 12, 1))


def test_removing_a_day_that_is_not_a_holiday_is_refused_and_changes_nothing() -> None:
    with pytest.raises(InvalidInput) as info:
        SCT.without_holidays([D(2025, 12, 2), D(2025, 12, 1)])
    assert info.value.field == "days[0]"
    assert not SCT.is_working_day(D(2025, 12, 1))


def test_calendars_are_equal_by_value_and_hashable() -> None:
    a = WorkingDayCalendar.from_holidays(
        name="x", holidays=[D(2026, 1, 1)], first_year=2026, last_year=2026
    )
    b = WorkingDayCalendar.from_holidays(
        name="x", holidays={D(2026, 1, 1): "holiday"}, first_year=2026, last_year=2026
    )
    assert a == b
    assert hash(a) == hash(b)
    assert pa_calendar() is pa_calendar()


def test_a_user_calendar_from_published_data_is_validated() -> None:
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar.from_holidays(
            name="x",
            holidays=["2026-01-01", D(2027, 1, 1)],  # type: ignore[list-item] # wrong on purpose
            first_year=2026,
            last_year=2026,
        )
    fields = [p.field for p in info.value.problems]
    assert len(fields) == 1
    with pytest.raises(InvalidInput):
        WorkingDayCalendar.from_holidays(
            name="x", holidays=[D(2027, 1, 1)], first_year=2026, last_year=2026
        )
