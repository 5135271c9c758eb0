"""Properties of working-day arithmetic, checked against a plain day-by-day count."""

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from commissioning.calendar import Nation, WorkingDayCalendar, nation_calendar, pa_calendar
from commissioning.strategies import statutory_dates, working_day_calendars

UK = pa_calendar()
NATIONS = [nation_calendar(n) for n in Nation]
steps = st.integers(min_value=-60, max_value=60)


def _naive_add(cal: WorkingDayCalendar, day: pendulum.Date, n: int) -> pendulum.Date:
    """The oracle: walk one calendar day at a time."""
    step = 1 if n > 0 else -1
    left = abs(n)
    while left:
        day = day.add(days=step)
        if day.day_of_week not in (pendulum.SATURDAY, pendulum.SUNDAY) and (
            day not in cal.holidays
        ):
            left -= 1
    return day


@given(working_day_calendars(), statutory_dates(), steps.filter(bool))
def test_adding_working_days_lands_on_a_working_day(
    cal: WorkingDayCalendar, day: pendulum.Date, n: int
) -> None:
    assert cal.is_working_day(cal.add_working_days(day, n))


@given(working_day_calendars(), statutory_dates(), steps)
def test_adding_working_days_agrees_with_a_day_by_day_count(
    cal: WorkingDayCalendar, day: pendulum.Date, n: int
) -> None:
    assert cal.add_working_days(day, n) == _naive_add(cal, day, n)


@given(statutory_dates(), statutory_dates(), steps)
def test_adding_working_days_is_monotonic_in_the_day(
    a: pendulum.Date, b: pendulum.Date, n: int
) -> None:
    first, second = sorted((a, b))
    assert UK.add_working_days(first, n) <= UK.add_working_days(second, n)


@given(statutory_dates(), steps, steps)
def test_adding_working_days_is_monotonic_in_the_count(day: pendulum.Date, m: int, n: int) -> None:
    small, large = sorted((m, n))
    assert UK.add_working_days(day, small) <= UK.add_working_days(day, large)
    if small < large:
        assert UK.add_working_days(day, small) < UK.add_working_days(day, large)


@given(statutory_dates(), steps.filter(bool))
def test_the_uk_wide_calendar_never_yields_a_bank_holiday_of_any_nation(
    day: pendulum.Date, n: int
) -> None:
    result = UK.add_working_days(day, n)
    for nation in NATIONS:
        assert nation.is_working_day(result)
    assert result.day_of_week not in (pendulum.SATURDAY, pendulum.SUNDAY)


@given(working_day_calendars(), statutory_dates(), st.integers(0, 60))
def test_counting_working_days_undoes_adding_them(
    cal: WorkingDayCalendar, day: pendulum.Date, n: int
) -> None:
    assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


@given(working_day_calendars(), statutory_dates(), st.integers(1, 60))
def test_the_nth_working_day_of_a_period_is_n_working_days_after_the_day_before(
    cal: WorkingDayCalendar, day: pendulum.Date, n: int
) -> None:
    assert cal.nth_working_day(day, n) == cal.add_working_days(day.subtract(days=1), n)
    assert len(cal.working_days_in(day, cal.nth_working_day(day, n))) == n


@given(
    statutory_dates(),
    st.sets(statutory_dates(min_value=pendulum.Date(2026, 1, 1)), max_size=5),
)
def test_adding_holidays_never_makes_a_working_day_earlier(
    day: pendulum.Date, extra: set[pendulum.Date]
) -> None:
    more = pa_calendar(first_year=1971, last_year=2100).with_holidays(extra)
    assert more.add_working_days(day, 8) >= UK.add_working_days(day, 8)
    for holiday in extra:
        assert not more.is_working_day(holiday)
