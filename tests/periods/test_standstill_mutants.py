"""Standstill tests that would notice a changed rule (issue 17 item 6, mutation testing).

Each example builds its own calendar (``WorkingDayCalendar.from_holidays``), so the
standstill memo, which keeps the results of the calendar last used, never answers
from a result computed before the code under test changed; answers are compared
with a day-by-day model of the statute's counting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.calendar import WorkingDayCalendar
from commissioning.periods import (
    NoStandstill,
    Standstill,
    StandstillBasis,
    StandstillExemption,
    pa_standstill,
    pcr_standstill,
    psr_standstill,
)

D = pendulum.Date


@st.composite
def calendars(draw: st.DrawFn) -> tuple[WorkingDayCalendar, set[dt.date]]:
    days = draw(st.sets(st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)), max_size=40))
    cal = WorkingDayCalendar.from_holidays(
        name="drawn", holidays=days, first_year=2026, last_year=2027
    )
    return cal, {D(d.year, d.month, d.day) for d in days}


def working(off: set[dt.date], day: dt.date) -> bool:
    return day.weekday() < 5 and day not in off


def nth_beginning_with(off: set[dt.date], day: dt.date, n: int) -> dt.date:
    """The n-th working day of a period beginning with ``day`` (day 1 if it is one)."""
    count = 0
    while True:
        if working(off, day):
            count += 1
            if count == n:
                return day
        day += dt.timedelta(days=1)


def roll_forward(off: set[dt.date], day: dt.date) -> dt.date:
    while not working(off, day):
        day += dt.timedelta(days=1)
    return day


PUBLISHED = st.dates(dt.date(2026, 1, 1), dt.date(2027, 11, 30))


@settings(max_examples=60)
@given(calendars(), PUBLISHED)
def test_the_pa_standstill_is_eight_working_days_beginning_with_publication(
    made: tuple[WorkingDayCalendar, set[dt.date]], published: dt.date
) -> None:
    """PA 2023 s.51(2): 8 working days beginning with the day the award notice is published."""
    cal, off = made
    s = pa_standstill(published_on=published, calendar=cal)
    assert isinstance(s, Standstill)
    last = nth_beginning_with(off, published, 8)
    assert s.last_day == last
    assert s.may_enter_contract_from == last + dt.timedelta(days=1)
    assert (s.event_on, s.first_day, s.length) == (published, published, 8)
    assert s.basis is StandstillBasis.PA_MANDATORY
    assert s.rule == "Procurement Act 2023 s.51(2)"
    assert s.calendar is cal
    # asked again (a memo hit) and with a plain date: the same answer
    assert (
        pa_standstill(
            published_on=dt.date(published.year, published.month, published.day), calendar=cal
        )
        == s
    )
    assert pa_standstill(published_on=published, calendar=cal) == s


@settings(max_examples=40)
@given(calendars(), PUBLISHED, st.integers(8, 20), st.sampled_from(list(StandstillExemption)))
def test_a_voluntary_pa_standstill_counts_its_own_length(
    made: tuple[WorkingDayCalendar, set[dt.date]],
    published: dt.date,
    days: int,
    exemption: StandstillExemption,
) -> None:
    """PA 2023 s.51(4)-(5): an exempt award may set a voluntary standstill of at least 8 days."""
    cal, off = made
    s = pa_standstill(
        published_on=published, exemption=exemption, voluntary_working_days=days, calendar=cal
    )
    assert isinstance(s, Standstill)
    last = nth_beginning_with(off, published, days)
    assert (s.last_day, s.may_enter_contract_from) == (last, last + dt.timedelta(days=1))
    assert s.basis is StandstillBasis.PA_VOLUNTARY
    assert s.length == days
    assert s.first_day == published
    assert exemption.value in s.notes[0]
    assert "s.51(3)" in s.notes[0]


@pytest.mark.parametrize("exemption", list(StandstillExemption))
def test_an_exempt_pa_award_has_no_standstill_and_may_enter_at_once(
    exemption: StandstillExemption,
) -> None:
    none = pa_standstill(published_on=D(2026, 3, 6), exemption=exemption)
    assert isinstance(none, NoStandstill)
    assert none.rule == "Procurement Act 2023 s.51(3)"
    assert none.reason == exemption.value
    assert none.event_on == none.may_enter_contract_from == D(2026, 3, 6)
    assert "at least 8 working days" in none.notes[0]


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        (
            {"voluntary_working_days": 7, "exemption": StandstillExemption.LIGHT_TOUCH},
            "voluntary_working_days",
            "at least 8 working days (s.51(5))",
        ),
        (
            {"voluntary_working_days": 9},
            "voluntary_working_days",
            "None unless the award is exempt",
        ),
        (
            {"voluntary_working_days": "9", "exemption": StandstillExemption.LIGHT_TOUCH},
            "voluntary_working_days",
            "an int or None",
        ),
        ({"exemption": "a light touch contract"}, "exemption", "a StandstillExemption or None"),
        ({"calendar": "pa"}, "calendar", "a WorkingDayCalendar or None"),
        ({"published_on": "someday"}, "published_on", ""),
    ],
)
def test_bad_pa_standstill_input_names_the_field(
    kwargs: dict[str, Any], field: str, words: str
) -> None:
    args: dict[str, Any] = {"published_on": D(2026, 3, 6), **kwargs}
    with pytest.raises(InvalidInput) as info:
        pa_standstill(**args)
    assert [p.field for p in info.value.problems] == [field]
    assert words in str(info.value)


def test_eight_voluntary_days_are_accepted_for_an_exempt_award() -> None:
    s = pa_standstill(
        published_on=D(2026, 3, 6),
        exemption=StandstillExemption.LIGHT_TOUCH,
        voluntary_working_days=8,
    )
    assert isinstance(s, Standstill)
    assert s.length == 8


SENT = st.dates(dt.date(2026, 1, 1), dt.date(2027, 10, 31))


@settings(max_examples=60)
@given(calendars(), SENT, st.booleans())
def test_the_pcr_standstill_by_one_means_ends_on_the_10th_or_15th_day_rolled_forward(
    made: tuple[WorkingDayCalendar, set[dt.date]], sent: dt.date, electronic: bool
) -> None:
    """PCR 2015 reg 87(2)-(3), counted by reg 2(3)(b) and 2(4)."""
    cal, off = made
    s = pcr_standstill(sent_on=sent, electronic=electronic, calendar=cal)
    days = 10 if electronic else 15
    nominal = sent + dt.timedelta(days=days)
    assert s.nominal_last_day == nominal
    assert s.last_day == roll_forward(off, nominal)
    assert s.may_enter_contract_from == s.last_day + dt.timedelta(days=1)
    assert s.first_day == sent + dt.timedelta(days=1)
    assert s.length == days
    assert s.basis is (
        StandstillBasis.PCR_ELECTRONIC if electronic else StandstillBasis.PCR_OTHER_MEANS
    )


@settings(max_examples=60)
@given(calendars(), SENT, st.integers(0, 20))
def test_the_pcr_standstill_by_post_ends_ten_days_after_the_last_receipt_if_earlier(
    made: tuple[WorkingDayCalendar, set[dt.date]], sent: dt.date, later: int
) -> None:
    cal, off = made
    received = sent + dt.timedelta(days=later)
    s = pcr_standstill(sent_on=sent, electronic=False, last_received_on=received, calendar=cal)
    nominal = min(sent + dt.timedelta(days=15), received + dt.timedelta(days=10))
    assert s.nominal_last_day == nominal
    assert s.last_day == roll_forward(off, nominal)
    if received + dt.timedelta(days=10) < sent + dt.timedelta(days=15):
        assert s.basis is StandstillBasis.PCR_OTHER_MEANS_LAST_RECEIPT
        assert s.length == 10
        assert s.event_on == received
        assert any("10 days after the last receipt" in n for n in s.notes)
    else:
        assert s.basis is StandstillBasis.PCR_OTHER_MEANS
        assert s.length == 15


@settings(max_examples=60)
@given(calendars(), SENT, st.integers(-10, 10))
def test_mixed_pcr_sending_ends_at_the_later_limb(
    made: tuple[WorkingDayCalendar, set[dt.date]], emailed: dt.date, shift: int
) -> None:
    """PCR 2015 reg 87(5): the later of the electronic and the other-means limbs."""
    cal, off = made
    posted = emailed + dt.timedelta(days=shift)
    s = pcr_standstill(electronic_sent_on=emailed, other_means_sent_on=posted, calendar=cal)
    email_end = emailed + dt.timedelta(days=10)
    post_end = posted + dt.timedelta(days=15)
    nominal = max(email_end, post_end)
    assert s.nominal_last_day == nominal
    assert s.last_day == roll_forward(off, nominal)
    assert s.basis is StandstillBasis.PCR_MIXED
    assert s.first_day == min(emailed, posted) + dt.timedelta(days=1)
    assert s.rule == "Public Contracts Regulations 2015 reg 87(5) with reg 2"
    assert any("the later applies" in n for n in s.notes)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({}, "sent_on", "the sending day"),
        (
            {"sent_on": D(2026, 3, 2), "electronic_sent_on": D(2026, 3, 2)},
            "sent_on",
            "None when electronic_sent_on",
        ),
        (
            {"sent_on": D(2026, 3, 2), "last_received_on": D(2026, 3, 4)},
            "last_received_on",
            "None unless a notice was sent by other means",
        ),
        (
            {"sent_on": D(2026, 3, 4), "electronic": False, "last_received_on": D(2026, 3, 3)},
            "last_received_on",
            "a day not before sending by other means (2026-03-04)",
        ),
        ({"sent_on": D(2026, 3, 2), "electronic": "yes"}, "electronic", "a bool"),
        ({"sent_on": D(2026, 3, 2), "calendar": 1}, "calendar", "a WorkingDayCalendar or None"),
    ],
)
def test_bad_pcr_standstill_input_names_the_field(
    kwargs: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        pcr_standstill(**kwargs)
    assert field in [p.field for p in info.value.problems]
    assert words in str(info.value)


def test_a_receipt_on_the_sending_day_is_accepted() -> None:
    s = pcr_standstill(sent_on=D(2026, 3, 4), electronic=False, last_received_on=D(2026, 3, 4))
    assert s.nominal_last_day == D(2026, 3, 14)


@settings(max_examples=60)
@given(calendars(), PUBLISHED, st.booleans())
def test_the_psr_standstill_counts_eight_working_days_after_the_day_it_begins(
    made: tuple[WorkingDayCalendar, set[dt.date]], published: dt.date, count_first_day: bool
) -> None:
    """PSR 2023 reg 12: begins the day after publication; the cautious reading skips that day."""
    cal, off = made
    s = psr_standstill(published_on=published, count_first_day=count_first_day, calendar=cal)
    begins = published + dt.timedelta(days=1)
    if count_first_day:
        last = nth_beginning_with(off, begins, 8)
        assert s.basis is StandstillBasis.PSR_BEGINNING_WITH_BEGINNING
    else:
        last = nth_beginning_with(off, begins + dt.timedelta(days=1), 8)
        assert s.basis is StandstillBasis.PSR_AFTER_BEGINNING
    assert s.last_day == last
    assert s.may_enter_contract_from == last + dt.timedelta(days=1)
    assert s.event_on == published
    assert s.length == 8


@pytest.mark.parametrize(
    ("kwargs", "field", "expected"),
    [
        ({"published_on": "someday"}, "published_on", None),
        ({"published_on": D(2026, 3, 2), "count_first_day": "yes"}, "count_first_day", "a bool"),
        (
            {"published_on": D(2026, 3, 2), "calendar": 1},
            "calendar",
            "a WorkingDayCalendar or None",
        ),
    ],
)
def test_bad_psr_standstill_input_names_the_field(
    kwargs: dict[str, Any], field: str, expected: str | None
) -> None:
    with pytest.raises(InvalidInput) as info:
        psr_standstill(**kwargs)
    (problem,) = info.value.problems
    assert problem.field == field
    if expected is not None:
        assert (problem.expected, problem.received) == (expected, kwargs[field])
