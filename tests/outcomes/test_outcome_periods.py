"""Reporting periods: months, quarters, UK financial quarters and years."""

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.outcomes import Frequency, ReportingPeriod
from commissioning.strategies import reporting_periods


def test_the_uk_financial_year_runs_from_april_to_march() -> None:
    fy = ReportingPeriod.financial_year(2026)
    assert (fy.start, fy.end, fy.label) == (
        pendulum.Date(2026, 4, 1),
        pendulum.Date(2027, 3, 31),
        "FY2026/27",
    )
    # 31 March belongs to the year that started the April before; 1 April starts a new one
    assert ReportingPeriod.containing(Frequency.FINANCIAL_YEARLY, dt.date(2027, 3, 31)) == fy
    assert ReportingPeriod.containing(Frequency.FINANCIAL_YEARLY, dt.date(2027, 4, 1)) == fy + 1


def test_financial_quarter_four_is_january_to_march_of_the_next_calendar_year() -> None:
    q4 = ReportingPeriod.financial_quarter(2026, 4)
    assert (q4.start, q4.end, q4.label) == (
        pendulum.Date(2027, 1, 1),
        pendulum.Date(2027, 3, 31),
        "FY2026/27 Q4",
    )
    assert ReportingPeriod.financial_quarter(2026, 1).start == pendulum.Date(2026, 4, 1)


def test_a_leap_february_has_29_days_and_a_financial_year_12_months() -> None:
    assert ReportingPeriod.month(2024, 2).days == 29
    assert ReportingPeriod.month(2025, 2).days == 28
    fy = ReportingPeriod.financial_year(2023)  # April 2023 - March 2024 includes 29 Feb 2024
    assert fy.days == 366
    months = ReportingPeriod.between(ReportingPeriod.month(2023, 4), ReportingPeriod.month(2024, 3))
    assert len(months) == 12
    assert all(fy.contains(m.start) and fy.contains(m.end) for m in months)


def test_a_period_must_start_on_its_boundary() -> None:
    with pytest.raises(InvalidInput) as err:
        ReportingPeriod(Frequency.FINANCIAL_YEARLY, pendulum.Date(2026, 1, 1))
    assert err.value.field == "start"
    with pytest.raises(InvalidInput):
        ReportingPeriod(Frequency.QUARTERLY, pendulum.Date(2026, 2, 1))
    with pytest.raises(InvalidInput):
        ReportingPeriod.month(2026, 2).contains(pendulum.datetime(2026, 2, 3))


def test_labels_parse_back_and_bad_labels_are_refused() -> None:
    for label in ("2026-04", "2026-Q2", "FY2026/27", "FY2026/27 Q3", "2026", "FY1999/00"):
        assert ReportingPeriod.from_label(label).label == label
    for bad in ("2026-13", "FY2026/28", "2026-Q5", "April 2026"):
        with pytest.raises(InvalidInput):
            ReportingPeriod.from_label(bad)


def test_periods_of_different_frequencies_cannot_be_subtracted() -> None:
    with pytest.raises(TypeError):
        _ = ReportingPeriod.month(2026, 4) - ReportingPeriod.quarter(2026, 2)


@given(reporting_periods(), st.integers(-500, 500))
def test_shifting_by_n_periods_is_undone_by_subtraction(period: ReportingPeriod, n: int) -> None:
    assert (period + n) - period == n
    assert (period + n) - n == period
    assert (period + n).frequency is period.frequency


@given(reporting_periods())
def test_consecutive_periods_tile_the_calendar(period: ReportingPeriod) -> None:
    following = period + 1
    assert following.start == period.end.add(days=1)
    assert period < following
    assert period.contains(period.start)
    assert period.contains(period.end)
    assert not period.contains(following.start)


@given(st.sampled_from(Frequency), st.dates(dt.date(1900, 1, 1), dt.date(2900, 12, 31)))
def test_the_period_containing_a_date_contains_it(frequency: Frequency, day: dt.date) -> None:
    period = ReportingPeriod.containing(frequency, day)
    assert period.contains(day)
    assert ReportingPeriod.from_label(period.label) == period
