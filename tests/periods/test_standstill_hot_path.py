"""The PA standstill hot path: built straight into slots and kept per day, but the same values."""

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from commissioning.calendar import Nation, nation_calendar, pa_calendar
from commissioning.periods import Standstill, StandstillBasis, _results, _standstill, pa_standstill

days = st.dates(pendulum.Date(1995, 1, 1), pendulum.Date(2055, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)


def _by_the_constructor(day: pendulum.Date, cal: object) -> Standstill:
    """The standstill built the ordinary way, counting working days one by one."""
    counted, last = 0, day
    while True:
        if cal.is_working_day(last):  # type: ignore[attr-defined]
            counted += 1
            if counted == 8:
                break
        last = last.add(days=1)
    return Standstill(
        basis=StandstillBasis.PA_MANDATORY,
        event_on=day,
        first_day=day,
        last_day=last,
        may_enter_contract_from=last.add(days=1),
        length=8,
        calendar=cal,  # type: ignore[arg-type]
    )


@given(days)
def test_the_hot_path_result_equals_the_one_the_constructor_builds(day: pendulum.Date) -> None:
    first = pa_standstill(published_on=day)
    again = pa_standstill(published_on=day)
    expected = _by_the_constructor(day, pa_calendar())
    assert first == expected
    assert again == expected
    assert hash(first) == hash(expected)
    assert repr(first) == repr(expected)
    assert first.notes == ()
    assert first.explanation == expected.explanation


def test_a_day_asked_again_gets_the_same_result_object() -> None:
    day = pendulum.Date(2026, 3, 5)
    assert pa_standstill(published_on=day) is pa_standstill(published_on=day)


def test_a_calendar_passed_in_is_used_even_after_the_default_one_was_kept() -> None:
    day = pendulum.Date(2026, 3, 16)  # 17 March is a holiday in Northern Ireland only
    uk = pa_standstill(published_on=day)
    england = nation_calendar(Nation.ENGLAND)
    local = pa_standstill(published_on=day, calendar=england)
    again = pa_standstill(published_on=day)
    assert isinstance(uk, Standstill)
    assert isinstance(local, Standstill)
    assert isinstance(again, Standstill)
    assert uk.last_day == pendulum.Date(2026, 3, 26)
    assert local.last_day == pendulum.Date(2026, 3, 25)
    assert local.calendar is england
    assert again == uk
    assert again.calendar is uk.calendar


def test_the_memo_never_holds_more_than_its_limit() -> None:
    start = pendulum.Date(2000, 1, 1).toordinal()
    for o in range(start, start + _results._MEMO_LIMIT + 10):
        pa_standstill(published_on=pendulum.Date.fromordinal(o))
    assert 0 < len(_standstill._PA_MEMO.state[1]) <= _results._MEMO_LIMIT
