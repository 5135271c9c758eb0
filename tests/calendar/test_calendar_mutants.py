"""Calendar tests that would notice a changed rule (issue 17 item 6, mutation testing).

The statutory calendars are memoised, so a test that takes ``pa_calendar()``
may get a calendar built before the code under test changed (for example while
tests were collected). Every calendar here is built inside the test, through
the builders' unmemoised form (``__wrapped__``) or ``from_holidays``, and its
answers are compared with a naive model: a day-by-day walk.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import holidays as holidays_package
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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

D = pendulum.Date


def fresh(builder: Callable[..., WorkingDayCalendar], **kwargs: Any) -> WorkingDayCalendar:
    """Build a statutory calendar now, bypassing the memo (so a changed builder is noticed)."""
    build: Callable[..., WorkingDayCalendar] = builder.__wrapped__  # type: ignore[attr-defined]
    return build(**kwargs)


def fields(err: InvalidInput) -> list[str]:
    return [p.field for p in err.problems]


# ---- the rules against the holidays package, 1990-2060 --------------------------------------

YEARS = range(1990, 2061)


@functools.cache
def gb(subdiv: str) -> dict[dt.date, str]:
    """The holidays package's days for one UK subdivision, 1990-2060 (data, not code under test)."""
    return dict(holidays_package.country_holidays("GB", subdiv=subdiv, years=YEARS))


def good_fridays() -> set[dt.date]:
    return {d for d, name in gb("ENG").items() if name == "Good Friday"}


def test_good_friday_in_the_pcr_and_psr_calendars_matches_the_holidays_package_1990_to_2060() -> (
    None
):
    """The Easter computus (PCR reg 2(1), PSR reg 12) agrees with ``holidays`` every year."""
    pcr = fresh(
        pcr_calendar,
        bank_holidays=PcrBankHolidays.ENGLAND_AND_WALES,
        first_year=1990,
        last_year=2060,
    )
    psr = fresh(psr_calendar, first_year=1990, last_year=2060)
    fridays = good_fridays()
    assert len(fridays) == len(YEARS)
    for day in fridays:
        d = D(day.year, day.month, day.day)
        assert not pcr.is_working_day(d)
        assert not psr.is_working_day(d)
        assert "Good Friday" in (pcr.holiday_name(d) or "")
        # Maundy Thursday and Easter Monday's eve are working days unless a holiday
        thursday = d.subtract(days=1)
        assert pcr.is_working_day(thursday) == (thursday not in gb("ENG"))


def test_the_easter_computus_is_right_for_years_far_from_today() -> None:
    from commissioning.calendar._calendar import _easter_sunday, _good_friday  # noqa: PLC0415 - the rule itself

    known = {
        1900: D(1900, 4, 15),
        1954: D(1954, 4, 18),
        2000: D(2000, 4, 23),
        2038: D(2038, 4, 25),
        2100: D(2100, 3, 28),
        2200: D(2200, 4, 6),
        1913: D(1913, 3, 23),
        2285: D(2285, 3, 22),
    }
    for year, sunday in known.items():
        assert _easter_sunday(year) == sunday
        assert _good_friday(year) == sunday.subtract(days=2)


@pytest.mark.parametrize(
    ("nation", "subdiv"),
    [
        (Nation.ENGLAND, "ENG"),
        (Nation.WALES, "WLS"),
        (Nation.SCOTLAND, "SCT"),
        (Nation.NORTHERN_IRELAND, "NIR"),
    ],
)
def test_each_nation_calendar_has_exactly_the_holidays_package_days_1990_to_2060(
    nation: Nation, subdiv: str
) -> None:
    cal = fresh(nation_calendar, nation=nation, first_year=1990, last_year=2060)
    expected = {D(d.year, d.month, d.day) for d in gb(subdiv)}
    assert set(cal.holidays) == expected
    assert nation.label in next(iter(cal.holidays.values()))
    assert cal.name == f"{nation.label} bank holidays"


def test_the_pa_calendar_is_the_union_of_every_nation_1990_to_2060() -> None:
    cal = fresh(pa_calendar, first_year=1990, last_year=2060)
    expected: set[dt.date] = set()
    for subdiv in ("ENG", "WLS", "SCT", "NIR"):
        expected |= {D(d.year, d.month, d.day) for d in gb(subdiv)}
    assert set(cal.holidays) == expected
    assert cal.name == "Procurement Act 2023 s.123 (UK-wide)"
    # a day shared by every nation names each of them, in alphabetical order
    assert cal.holiday_name(D(2026, 12, 25)) == (
        "Christmas Day [England, Northern Ireland, Scotland, Wales]"
    )
    assert cal.holiday_name(D(2026, 3, 17)) == "Saint Patrick's Day [Northern Ireland]"


@pytest.mark.parametrize(
    ("choice", "subdivs"),
    [
        (PcrBankHolidays.UK_WIDE, ("ENG", "WLS", "SCT", "NIR")),
        (PcrBankHolidays.ENGLAND_WALES_AND_NORTHERN_IRELAND, ("ENG", "WLS", "NIR")),
        (PcrBankHolidays.ENGLAND_AND_WALES, ("ENG", "WLS")),
    ],
)
def test_each_pcr_choice_is_its_nations_plus_christmas_and_good_friday(
    choice: PcrBankHolidays, subdivs: tuple[str, ...]
) -> None:
    cal = fresh(pcr_calendar, bank_holidays=choice, first_year=1990, last_year=2060)
    expected: set[dt.date] = set()
    for subdiv in subdivs:
        expected |= {D(d.year, d.month, d.day) for d in gb(subdiv)}
    expected |= {D(y, 12, 25) for y in YEARS} | {D(d.year, d.month, d.day) for d in good_fridays()}
    assert set(cal.holidays) == expected
    assert cal.name == f"PCR 2015 reg 2 ({choice.value})"
    assert (cal.first_year, cal.last_year) == (1990, 2060)


def test_the_psr_calendar_adds_the_first_monday_in_may_even_when_england_moved_it() -> None:
    cal = fresh(psr_calendar, first_year=1990, last_year=2060)
    for year in YEARS:
        first = dt.date(year, 5, 1)
        monday = D(year, 5, 1 + (7 - first.weekday()) % 7)
        assert monday.weekday() == 0
        assert monday.day <= 7
        assert not cal.is_working_day(monday)
    assert cal.holiday_name(D(2020, 5, 4)) == "first Monday in May [PSR reg 12]"
    assert cal.holiday_name(D(2020, 5, 8)) is not None  # England's VE Day holiday that year
    assert cal.name == "PSR 2023 reg 12 (England)"
    assert cal.holiday_name(D(2019, 4, 19)) == "Good Friday [England]"  # the nation's name wins


# ---- validation: attributes and message words users rely on ----------------------------------


@pytest.mark.parametrize("year", [1899, 2201])
@pytest.mark.parametrize("field", ["first_year", "last_year"])
def test_a_year_outside_1900_to_2200_is_refused_naming_the_field(field: str, year: int) -> None:
    kwargs = {"first_year": 2000, "last_year": 2000, field: year}
    if field == "first_year" and year > 2000:
        kwargs["last_year"] = 2200
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(name="x", holidays={}, **kwargs)
    assert field in fields(info.value)
    assert "a year from 1900 to 2200" in str(info.value)
    with pytest.raises(InvalidInput) as info:
        fresh(pa_calendar, **kwargs)
    assert field in fields(info.value)


def test_the_years_1900_and_2200_are_accepted() -> None:
    cal = WorkingDayCalendar(name="x", holidays={}, first_year=1900, last_year=1900)
    assert cal.first_day == D(1900, 1, 1)
    assert cal.last_day == D(1900, 12, 31)
    assert WorkingDayCalendar(name="x", holidays={}, first_year=2200, last_year=2200).covers(
        D(2200, 12, 31)
    )


@pytest.mark.parametrize("bad", ["2000", 2000.0, True, None])
def test_a_year_that_is_not_an_int_is_refused_as_a_type_error(bad: Any) -> None:
    with pytest.raises(InvalidInputType) as info:
        WorkingDayCalendar(name="x", holidays={}, first_year=bad, last_year=2000)
    assert fields(info.value) == ["first_year"] or "first_year" in fields(info.value)
    assert "an int year" in str(info.value)


def test_a_name_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidInputType) as info:
        WorkingDayCalendar(name=3, holidays={}, first_year=2000, last_year=2000)  # type: ignore[arg-type]
    assert fields(info.value) == ["name"]


def test_last_year_before_first_year_is_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(name="x", holidays={}, first_year=2001, last_year=2000)
    assert fields(info.value) == ["last_year"]
    assert "not before first_year (2001)" in str(info.value)
    assert (
        WorkingDayCalendar(name="x", holidays={}, first_year=2001, last_year=2001).last_year == 2001
    )


def test_holidays_outside_the_years_or_of_the_wrong_type_are_refused_each_by_its_key() -> None:
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(
            name="x",
            holidays={
                D(1999, 12, 31): "too early",
                D(2001, 1, 1): "too late",
                D(2000, 5, 1): 7,
                dt.datetime(2000, 5, 2, tzinfo=dt.UTC): "a moment",
                dt.date(2000, 5, 3): "a plain date",
            },
            first_year=2000,
            last_year=2000,
        )
    got = fields(info.value)
    assert "holidays[1999-12-31]" in got
    assert "holidays[2001-01-01]" in got
    assert "holidays[2000-05-01]" in got
    assert any(f.startswith("holidays[datetime.datetime(2000, 5, 2") for f in got)
    assert any(f.startswith("holidays[datetime.date(2000, 5, 3") for f in got)
    assert "a day from 2000 to 2000" in str(info.value)
    assert "a str name" in str(info.value)
    edge = WorkingDayCalendar(
        name="x",
        holidays={D(2000, 1, 3): "first", D(2000, 12, 29): "last"},
        first_year=2000,
        last_year=2000,
    )
    assert not edge.is_working_day(D(2000, 1, 3))
    assert not edge.is_working_day(D(2000, 12, 29))


def test_from_holidays_names_bare_days_holiday_and_refuses_bad_ones() -> None:
    cal = WorkingDayCalendar.from_holidays(
        name="ours", holidays=[dt.date(2026, 12, 24)], first_year=2026, last_year=2026
    )
    assert cal.holidays == {D(2026, 12, 24): "holiday"}
    assert isinstance(next(iter(cal.holidays)), pendulum.Date)
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar.from_holidays(
            name="ours",
            holidays={"2026-13-01": "x", D(2026, 1, 2): 5},  # type: ignore[dict-item]
        )
    assert "holidays[2026-01-02]" in fields(info.value)
    assert len(info.value.problems) == 2
    for bad in ("2026-12-24", 5, None):
        with pytest.raises(InvalidInput) as info:
            WorkingDayCalendar.from_holidays(name="ours", holidays=bad)  # type: ignore[arg-type]
        assert fields(info.value) == ["holidays"]
        assert "an iterable of dates or a mapping of date to name" in str(info.value)


def test_with_and_without_holidays_return_new_calendars_and_refuse_typos() -> None:
    base = WorkingDayCalendar.from_holidays(
        name="b", holidays={D(2026, 6, 1): "one"}, first_year=2026, last_year=2026
    )
    more = base.with_holidays({D(2026, 6, 2): "two"})
    assert more.holidays == {D(2026, 6, 1): "one", D(2026, 6, 2): "two"}
    assert more.name == "b"
    assert more.first_year == 2026
    assert base.is_working_day(D(2026, 6, 2))
    fewer = more.without_holidays([D(2026, 6, 1)])
    assert fewer.holidays == {D(2026, 6, 2): "two"}
    assert fewer.is_working_day(D(2026, 6, 1))
    with pytest.raises(InvalidInput) as info:
        more.without_holidays([D(2026, 6, 3), "not a day", D(2026, 6, 2)])  # type: ignore[list-item]
    assert fields(info.value)[0] == "days[0]"
    assert "days[1]" in fields(info.value)
    assert "a holiday of calendar 'b'" in str(info.value)
    assert more.without_holidays([D(2026, 6, 2)]).holidays == base.holidays
    with pytest.raises(InvalidInput):
        more.without_holidays(D(2026, 6, 2))  # type: ignore[arg-type]
    assert base.renamed("c").name == "c"
    assert base.renamed("c").holidays == base.holidays


def test_statutory_builders_refuse_a_nation_or_choice_of_the_wrong_type() -> None:
    with pytest.raises(InvalidInput) as info:
        fresh(nation_calendar, nation="england")
    assert fields(info.value) == ["nation"]
    with pytest.raises(InvalidInput) as info:
        fresh(pcr_calendar, bank_holidays="uk")
    assert fields(info.value) == ["bank_holidays"]
    assert nation_calendar(Nation.WALES, first_year=2020, last_year=2021).last_year == 2021
    # an unhashable argument reaches the builder's own validation, not a TypeError
    with pytest.raises(InvalidInputType) as info:
        pa_calendar(first_year=[2020])  # type: ignore[arg-type]
    assert fields(info.value) == ["first_year"]


def test_a_day_outside_the_calendar_names_the_calendar_its_range_and_the_day() -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    for ask in (
        lambda: cal.is_working_day(D(2027, 1, 1)),
        lambda: cal.holiday_name(D(2025, 12, 31)),
        lambda: cal.add_working_days(D(2026, 12, 31), 1),
        lambda: cal.add_working_days(D(2026, 1, 1), -1),
        lambda: cal.nth_working_day(D(2026, 12, 31), 2),
        lambda: cal.working_days_between(D(2026, 1, 1), D(2027, 1, 1)),
        lambda: cal.working_days_in(D(2025, 1, 1), D(2026, 1, 1)),
        lambda: cal.non_working_days_in(D(2026, 1, 1), D(2027, 1, 1)),
    ):
        with pytest.raises(OutsideCalendarRange) as info:
            ask()
        err = info.value
        assert err.calendar == "tiny"
        assert (err.first_day, err.last_day) == (D(2026, 1, 1), D(2026, 12, 31))
        assert "calendar 'tiny' covers 2026-01-01 to 2026-12-31" in str(err)
        assert "first_year= / last_year=" in str(err)
    assert not cal.covers(D(2025, 12, 31))
    assert cal.covers(D(2026, 1, 1))
    assert cal.covers(D(2026, 12, 31))
    assert not cal.covers(D(2027, 1, 1))


@pytest.mark.parametrize("n", [1.0, "1", True, None])
def test_a_count_that_is_not_an_int_is_refused(n: Any) -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    for ask in (cal.add_working_days, cal.nth_working_day):
        with pytest.raises(InvalidInput) as info:
            ask(D(2026, 3, 2), n)
        assert fields(info.value) == ["n"]
    with pytest.raises(InvalidInput) as info:
        cal.nth_working_day(D(2026, 3, 2), 0)
    assert "a count of at least 1" in str(info.value)


# ---- the answers against a day-by-day model ------------------------------------------------


def model_working(cal_holidays: set[dt.date], day: dt.date) -> bool:
    return day.weekday() < 5 and day not in cal_holidays


@st.composite
def small_calendars(draw: st.DrawFn) -> tuple[WorkingDayCalendar, set[dt.date]]:
    year = draw(st.integers(1990, 2058))
    last = year + draw(st.integers(0, 1))
    days = draw(st.sets(st.dates(dt.date(year, 1, 1), dt.date(last, 12, 31)), max_size=30))
    cal = WorkingDayCalendar.from_holidays(
        name="model", holidays=days, first_year=year, last_year=last
    )
    return cal, {D(d.year, d.month, d.day) for d in days}


def days_in(cal: WorkingDayCalendar) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(cal.first_year, 1, 1), dt.date(cal.last_year, 12, 31))


@settings(max_examples=60)
@given(small_calendars(), st.data())
def test_the_answers_agree_with_a_day_by_day_walk(
    made: tuple[WorkingDayCalendar, set[dt.date]], data: st.DataObject
) -> None:
    cal, off = made
    a = data.draw(days_in(cal))
    b = data.draw(days_in(cal))
    first, last = min(a, b), max(a, b)
    walk = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    working = [d for d in walk if model_working(off, d)]
    assert cal.is_working_day(a) == model_working(off, a)
    assert cal.working_days_in(first, last) == tuple(D(d.year, d.month, d.day) for d in working)
    assert cal.working_days_between(first, last) == len([d for d in working if d > first])
    assert cal.working_days_between(last, first) == -len([d for d in working if d > first])
    non = cal.non_working_days_in(first, last)
    assert [d for d, _ in non] == [d for d in walk if not model_working(off, d)]
    for d, why in non:
        if d in off:
            assert why == "holiday"
        else:
            assert why == ("Saturday" if d.weekday() == 5 else "Sunday")
    assert cal.holiday_name(a) == ("holiday" if a in off else None)
    n = data.draw(st.integers(-8, 8))
    try:
        got = cal.add_working_days(a, n)
    except OutsideCalendarRange:
        got = None
    step = 1 if n > 0 else -1
    walked, count = a, 0
    expected: dt.date | None = a
    while count < abs(n):
        walked += dt.timedelta(days=step)
        if not cal.covers(walked):
            expected = None
            break
        expected = walked
        if model_working(off, walked):
            count += 1
    assert got == expected
    if got is not None:
        assert isinstance(got, pendulum.Date)
        if n >= 0 or model_working(off, a):
            assert cal.working_days_between(a, got) == n
    k = data.draw(st.integers(1, 8))
    try:
        nth = cal.nth_working_day(a, k)
    except OutsideCalendarRange:
        nth = None
    counted = [
        d
        for d in (a + dt.timedelta(days=i) for i in range(60))
        if cal.covers(d) and model_working(off, d)
    ]
    assert nth == (counted[k - 1] if len(counted) >= k else None)
    assert cal.roll_forward(a) == (counted[0] if counted else None) or not counted


@settings(max_examples=40)
@given(small_calendars(), st.data())
def test_the_ordinal_fast_paths_agree_with_the_public_answers(
    made: tuple[WorkingDayCalendar, set[dt.date]], data: st.DataObject
) -> None:
    cal, _ = made
    day = data.draw(days_in(cal))
    n = data.draw(st.integers(1, 6))
    o = day.toordinal()
    try:
        public = cal.nth_working_day(day, n)
    except OutsideCalendarRange:
        with pytest.raises(OutsideCalendarRange):
            cal._nth_ord(o, n)
    else:
        assert cal._nth_ord(o, n) == public.toordinal()
    try:
        after = cal.add_working_days(day, n)
    except OutsideCalendarRange:
        with pytest.raises(OutsideCalendarRange):
            cal._after_ord(o, n)
    else:
        assert cal._after_ord(o, n) == after.toordinal()
    assert cal._day(o) == day
    assert cal._day(cal._hi + 1) == cal.last_day.add(days=1)
    for outside in (cal._lo - 1, cal._hi + 1):
        with pytest.raises(OutsideCalendarRange):
            cal._nth_ord(outside, 1)
        with pytest.raises(OutsideCalendarRange):
            cal._after_ord(outside, 1)


# ---- what the survivors of the first mutation run showed untested ---------------------------


@pytest.mark.parametrize("builder", [pa_calendar, psr_calendar, pcr_calendar])
@pytest.mark.parametrize("bad", ["2020", 2020.0])
def test_a_statutory_builder_names_a_year_that_is_not_an_int(
    builder: Callable[..., WorkingDayCalendar], bad: Any
) -> None:
    with pytest.raises(InvalidInputType) as info:
        fresh(builder, first_year=bad, last_year=2021)
    (problem,) = info.value.problems
    assert (problem.field, problem.expected, problem.received, problem.kind) == (
        "first_year",
        "an int year",
        bad,
        "type",
    )


@pytest.mark.parametrize(("year", "ok"), [(1899, False), (1900, True), (2200, True), (2201, False)])
def test_a_statutory_builder_takes_years_from_1900_to_2200(year: int, ok: bool) -> None:
    if ok:
        cal = fresh(psr_calendar, first_year=year, last_year=year)
        assert (cal.first_year, cal.last_year) == (year, year)
        return
    with pytest.raises(InvalidInput) as info:
        fresh(psr_calendar, first_year=year, last_year=year)
    fields_seen = {p.field: p for p in info.value.problems}
    assert set(fields_seen) == {"first_year", "last_year"}
    assert fields_seen["first_year"].expected == "a year from 1900 to 2200"
    assert fields_seen["first_year"].received == year


def test_bad_holiday_input_keeps_what_was_received() -> None:
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar.from_holidays(name="ours", holidays=5)  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert (problem.received, problem.kind) == (5, "type")
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar.from_holidays(
            name="ours",
            holidays={"2026-13-01": "x", D(2026, 1, 2): 5},  # type: ignore[dict-item]
            first_year=2026,
            last_year=2026,
        )
    by_field = {p.field: p for p in info.value.problems}
    assert "holidays['2026-13-01']" in by_field
    assert by_field["holidays[2026-01-02]"].expected == "a str name"


def test_without_holidays_reports_every_bad_day_and_what_was_received() -> None:
    cal = WorkingDayCalendar.from_holidays(
        name="b", holidays={D(2026, 6, 1): "one"}, first_year=2026, last_year=2026
    )
    with pytest.raises(InvalidInput) as info:
        cal.without_holidays(["not a day", D(2026, 6, 3)])  # type: ignore[list-item]
    assert [p.field for p in info.value.problems] == ["days[0]", "days[1]"]
    assert info.value.problems[1].received == D(2026, 6, 3)
    with pytest.raises(InvalidInput) as info:
        cal.without_holidays(7)  # type: ignore[arg-type]
    assert [p.field for p in info.value.problems] == ["days"]


def test_a_union_label_names_each_holiday_with_its_nations() -> None:
    """Every part of a UK-wide label is "name [nations]", parts joined by "; "."""
    cal = fresh(pa_calendar, first_year=1990, last_year=2060)
    joined = [label for label in cal.holidays.values() if "; " in label]
    assert joined  # days named differently in different nations exist (substitute days)
    for label in cal.holidays.values():
        for part in label.split("; "):
            assert part.endswith("]")
            assert " [" in part


def test_the_fast_path_names_the_day_that_ran_off_the_calendar() -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    for o in (cal._lo - 1, cal._hi + 1):
        for ask in (cal._nth_ord, cal._after_ord):
            with pytest.raises(OutsideCalendarRange) as info:
                ask(o, 1)
            assert info.value.day == dt.date.fromordinal(o)


def test_a_question_with_a_bad_day_names_the_argument() -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    d = D(2026, 3, 2)
    asks: list[tuple[Callable[[], object], str]] = [
        (lambda: cal.covers("x"), "day"),  # type: ignore[arg-type]
        (lambda: cal.is_working_day("x"), "day"),  # type: ignore[arg-type]
        (lambda: cal.add_working_days("x", 1), "day"),  # type: ignore[arg-type]
        (lambda: cal.nth_working_day("x", 1), "beginning"),  # type: ignore[arg-type]
        (lambda: cal.working_days_between("x", d), "start"),  # type: ignore[arg-type]
        (lambda: cal.working_days_between(d, "x"), "end"),  # type: ignore[arg-type]
        (lambda: cal.working_days_in("x", d), "first"),  # type: ignore[arg-type]
        (lambda: cal.working_days_in(d, "x"), "last"),  # type: ignore[arg-type]
        (lambda: cal.non_working_days_in("x", d), "first"),  # type: ignore[arg-type]
        (lambda: cal.non_working_days_in(d, "x"), "last"),  # type: ignore[arg-type]
        (lambda: cal.with_holidays(5), "days"),  # type: ignore[arg-type]
    ]
    for ask, field in asks:
        with pytest.raises(InvalidInput) as info:
            ask()
        assert [p.field for p in info.value.problems] == [field]


def test_counting_past_the_last_working_day_is_refused_on_the_fast_path() -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    last = cal._ords[-1]
    assert cal._nth_ord(last, 1) == last
    with pytest.raises(OutsideCalendarRange) as info:
        cal._after_ord(last, 1)
    assert info.value.day == dt.date.fromordinal(last)
    with pytest.raises(OutsideCalendarRange) as info:
        cal._nth_ord(last, 2)
    assert info.value.day == dt.date.fromordinal(last)


def test_refusals_keep_what_was_expected_and_received() -> None:
    """Error attributes users read: ``expected``, ``received`` and ``kind`` of each problem."""
    with pytest.raises(InvalidInputType) as typed:
        WorkingDayCalendar(name=3, holidays={}, first_year=2000, last_year=2000)  # type: ignore[arg-type]
    assert (typed.value.problems[0].expected, typed.value.problems[0].received) == ("a str", 3)
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(name="x", holidays={}, first_year=2000, last_year=1999)
    assert info.value.problems[0].received == 1999
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(name="x", holidays={}, first_year=1899, last_year=2000)
    assert info.value.problems[0].received == 1899
    moment = dt.datetime(2000, 5, 2, tzinfo=dt.UTC)
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(
            name="x",
            holidays={moment: "a moment", D(2001, 1, 1): "late"},
            first_year=2000,
            last_year=2000,
        )
    first, second = info.value.problems
    assert (first.expected, first.received, first.kind) == ("a pendulum.Date key", moment, "type")
    assert second.received == D(2001, 1, 1)
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    for ask in (cal.add_working_days, cal.nth_working_day):
        with pytest.raises(InvalidInput) as info:
            ask(D(2026, 3, 2), 1.0)  # type: ignore[arg-type]
        (problem,) = info.value.problems
        assert (problem.expected, problem.received, problem.kind) == ("an int", 1.0, "type")
    with pytest.raises(InvalidInput) as info:
        cal.holiday_name("x")  # type: ignore[arg-type]
    assert [p.field for p in info.value.problems] == ["day"]
    with pytest.raises(OutsideCalendarRange) as outside:
        cal.add_working_days(D(2026, 12, 30), 5)
    assert outside.value.day == D(2026, 12, 30)


def test_the_last_days_of_the_range_are_working_days_when_they_are_weekdays() -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    assert cal.is_working_day(D(2026, 12, 30))
    assert cal.is_working_day(D(2026, 12, 31))
    assert cal.add_working_days(D(2026, 12, 30), 1) == D(2026, 12, 31)
    assert cal.add_working_days(D(2026, 12, 27), 0) == D(2026, 12, 27)  # a Sunday, unchanged


def test_a_count_below_one_and_a_day_outside_are_named_exactly() -> None:
    cal = WorkingDayCalendar(name="tiny", holidays={}, first_year=2026, last_year=2026)
    with pytest.raises(InvalidInput) as info:
        cal.nth_working_day(D(2026, 3, 2), 0)
    (problem,) = info.value.problems
    assert (problem.field, problem.expected, problem.received) == ("n", "a count of at least 1", 0)
    for ask in (
        lambda: cal.is_working_day(D(2027, 1, 4)),
        lambda: cal.nth_working_day(D(2026, 12, 31), 2),
    ):
        with pytest.raises(OutsideCalendarRange) as outside:
            ask()
        assert outside.value.day in {D(2027, 1, 4), D(2026, 12, 31)}
        assert outside.value.day is not None
    with pytest.raises(InvalidInputType) as typed:
        WorkingDayCalendar(name="x", holidays={}, first_year="2000", last_year=2000)  # type: ignore[arg-type]
    assert typed.value.problems[0].expected == "an int year"
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar(name="x", holidays={D(2000, 5, 1): 7}, first_year=2000, last_year=2000)
    assert info.value.problems[0].expected == "a str name"
    with pytest.raises(InvalidInput) as info:
        WorkingDayCalendar.from_holidays(name="x", holidays=5)  # type: ignore[arg-type]
    assert info.value.problems[0].expected == "an iterable of dates or a mapping of date to name"
