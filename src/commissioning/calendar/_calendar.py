"""Working-day calendars: immutable values with a precomputed, sorted index of working days.

A calendar covers a bounded range of whole years. Inside it every operation is a
binary search over a sorted tuple of working-day ordinals (O(log n)); outside it
every operation raises [`OutsideCalendarRange`][commissioning.calendar.OutsideCalendarRange] rather than guess.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar, cast

import attrs
import pendulum

from .._errors import CommissioningError, InvalidInput, Problem
from .._time import as_date
from .._validation import Checker

__all__ = [
    "DEFAULT_FIRST_YEAR",
    "DEFAULT_LAST_YEAR",
    "Nation",
    "OutsideCalendarRange",
    "PcrBankHolidays",
    "WorkingDayCalendar",
    "nation_calendar",
    "pa_calendar",
    "pcr_calendar",
    "psr_calendar",
]

DEFAULT_FIRST_YEAR = 1971
"""First year of the default calendars: the Banking and Financial Dealings Act 1971."""

DEFAULT_LAST_YEAR = 2100
"""Last year of the default calendars (later years are projections of today's rules)."""

_MIN_YEAR = 1900
_MAX_YEAR = 2200
_fromordinal = pendulum.Date.fromordinal


class Nation(enum.Enum):
    """A part of the United Kingdom with its own bank holidays (BFDA 1971 Schedule 1).

    The value is the ``holidays`` package's subdivision code.

    Example:
        >>> Nation.SCOTLAND.value
        'SCT'
    """

    ENGLAND = "ENG"
    WALES = "WLS"
    SCOTLAND = "SCT"
    NORTHERN_IRELAND = "NIR"

    @property
    def label(self) -> str:
        """The nation's name in words.

        Example:
            >>> Nation.NORTHERN_IRELAND.label
            'Northern Ireland'
        """
        return _LABELS[self]


_LABELS = {
    Nation.ENGLAND: "England",
    Nation.WALES: "Wales",
    Nation.SCOTLAND: "Scotland",
    Nation.NORTHERN_IRELAND: "Northern Ireland",
}


class PcrBankHolidays(enum.Enum):
    """Which bank holidays count as non-working days for PCR 2015 reg 2.

    PCR 2015 reg 2(1) excludes "a bank holiday under the Banking and Financial
    Dealings Act 1971" without naming a part of the UK, while PCR itself does not
    extend to Scotland. The cautious default, [`UK_WIDE`][commissioning.calendar.PcrBankHolidays], treats a bank
    holiday anywhere in the UK as a non-working day (periods end later, never
    earlier); the other members follow PCR's territorial extent.

    Example:
        >>> PcrBankHolidays.UK_WIDE.value
        'uk-wide'
    """

    UK_WIDE = "uk-wide"
    ENGLAND_WALES_AND_NORTHERN_IRELAND = "england-wales-and-northern-ireland"
    ENGLAND_AND_WALES = "england-and-wales"


class OutsideCalendarRange(CommissioningError, ValueError):
    """A day, or the answer to a question, lies outside the years a calendar covers.

    Nothing is guessed: build a calendar with a wider range
    (``first_year=`` / ``last_year=``) and ask again.

    Attributes:
        calendar: the calendar's name.
        day: the day asked about (or the start of the count that ran off the range).
        first_day: the first day the calendar covers.
        last_day: the last day the calendar covers.

    Example:
        >>> pa_calendar().is_working_day(pendulum.Date(2101, 1, 3))
        Traceback (most recent call last):
        ...
        commissioning.calendar._calendar.OutsideCalendarRange: calendar 'Procurement Act 2023 s.123 (UK-wide)' covers 1971-01-01 to 2100-12-31; expected a day (and a result) in that range, received 2101-01-03 (build the calendar with first_year= / last_year= to widen it)
    """

    def __init__(self, calendar: str, day: dt.date, first_day: dt.date, last_day: dt.date) -> None:
        self.calendar = calendar
        self.day = day
        self.first_day = first_day
        self.last_day = last_day
        super().__init__(
            f"calendar {calendar!r} covers {first_day} to {last_day}; expected a day (and a "
            f"result) in that range, received {day} (build the calendar with first_year= / "
            "last_year= to widen it)"
        )


def _holiday_map(value: Any) -> types.MappingProxyType[pendulum.Date, str]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class WorkingDayCalendar:
    """Which days are working days: weekdays that are not holidays, over a range of years.

    Saturdays and Sundays are never working days (every UK regime says so). The
    other non-working days are [`holidays`][commissioning.calendar.WorkingDayCalendar], a mapping of day to name. Build
    one with [`pa_calendar`][commissioning.calendar.pa_calendar], [`pcr_calendar`][commissioning.calendar.pcr_calendar], [`psr_calendar`][commissioning.calendar.psr_calendar],
    [`nation_calendar`][commissioning.calendar.nation_calendar] or [`from_holidays`][commissioning.calendar.WorkingDayCalendar.from_holidays]; change one with
    [`with_holidays`][commissioning.calendar.WorkingDayCalendar.with_holidays] / [`without_holidays`][commissioning.calendar.WorkingDayCalendar.without_holidays] (each returns a new calendar).

    Operations are binary searches over a precomputed sorted tuple of working
    days. A day outside ``first_year``..``last_year`` raises
    [`OutsideCalendarRange`][commissioning.calendar.OutsideCalendarRange].

    Attributes:
        name: what the calendar is (shown in explanations and errors).
        holidays: the non-working days other than weekends, day -> name.
        first_year: the first year covered.
        last_year: the last year covered.

    Example:
        >>> cal = WorkingDayCalendar.from_holidays(
        ...     name="example", holidays={pendulum.Date(2026, 1, 1): "New Year's Day"},
        ...     first_year=2026, last_year=2026)
        >>> cal.is_working_day(pendulum.Date(2026, 1, 1)), cal.is_working_day(pendulum.Date(2026, 1, 2))
        (False, True)
        >>> cal.add_working_days(pendulum.Date(2025, 12, 31), 1)
        Traceback (most recent call last):
        ...
        commissioning.calendar._calendar.OutsideCalendarRange: calendar 'example' covers 2026-01-01 to 2026-12-31; expected a day (and a result) in that range, received 2025-12-31 (build the calendar with first_year= / last_year= to widen it)
    """

    name: str
    holidays: types.MappingProxyType[pendulum.Date, str] = attrs.field(
        converter=_holiday_map, hash=False, repr=lambda m: f"<{len(m)} days>"
    )
    first_year: int
    last_year: int
    _lo: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _hi: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _ords: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _set: frozenset[int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _days: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("name", self.name, str, "a str")
        for field in ("first_year", "last_year"):
            value = getattr(self, field)
            if check.type(field, value, int, "an int year"):
                check.that(
                    _MIN_YEAR <= value <= _MAX_YEAR,
                    field,
                    f"a year from {_MIN_YEAR} to {_MAX_YEAR}",
                    value,
                )
        check.done()
        check.that(
            self.first_year <= self.last_year,
            "last_year",
            f"a year not before first_year ({self.first_year})",
            self.last_year,
        )
        entries: Any = self.holidays.items()
        for day, label in entries:
            if isinstance(day, dt.datetime) or not isinstance(day, pendulum.Date):
                check.add(Problem(f"holidays[{day!r}]", "a pendulum.Date key", day, "type"))
            elif not self.first_year <= day.year <= self.last_year:
                check.add(
                    Problem(
                        f"holidays[{day}]",
                        f"a day from {self.first_year} to {self.last_year}",
                        day,
                    )
                )
            check.type(f"holidays[{day}]", label, str, "a str name")
        check.done()
        lo = dt.date(self.first_year, 1, 1).toordinal()
        hi = dt.date(self.last_year, 12, 31).toordinal()
        off = {d.toordinal() for d in self.holidays}
        # Ordinal 1 (0001-01-01) was a Monday, so (o - 1) % 7 is the weekday (Monday = 0).
        ords = tuple(o for o in range(lo, hi + 1) if (o - 1) % 7 < 5 and o not in off)
        object.__setattr__(self, "_lo", lo)
        object.__setattr__(self, "_hi", hi)
        object.__setattr__(self, "_ords", ords)
        object.__setattr__(self, "_set", frozenset(ords))
        object.__setattr__(self, "_days", _day_objects(lo, hi))

    # ---- constructors -------------------------------------------------------------------

    @classmethod
    def from_holidays(
        cls,
        *,
        name: str,
        holidays: Mapping[dt.date, str] | Iterable[dt.date],
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
    ) -> WorkingDayCalendar:
        """Build a calendar from your own list of non-working days (e.g. GOV.UK's data).

        Args:
            name: what the calendar is.
            holidays: day -> name, or just days (each then named "holiday").
            first_year: first year covered.
            last_year: last year covered.

        Example:
            >>> cal = WorkingDayCalendar.from_holidays(
            ...     name="our council", holidays=[pendulum.Date(2026, 12, 24)],
            ...     first_year=2026, last_year=2026)
            >>> cal.holiday_name(pendulum.Date(2026, 12, 24))
            'holiday'
        """
        return cls(
            name=name,
            holidays=_normalise_days(holidays, field="holidays"),
            first_year=first_year,
            last_year=last_year,
        )

    def with_holidays(self, days: Mapping[dt.date, str] | Iterable[dt.date]) -> WorkingDayCalendar:
        """Return a new calendar with more non-working days (a proclamation, a one-off holiday).

        Args:
            days: day -> name, or just days (each then named "holiday").

        Example:
            >>> cal = pa_calendar().with_holidays({pendulum.Date(2026, 6, 5): "proclaimed day"})
            >>> cal.is_working_day(pendulum.Date(2026, 6, 5)), pa_calendar().is_working_day(pendulum.Date(2026, 6, 5))
            (False, True)
        """
        added = _normalise_days(days, field="days")
        merged = dict(self.holidays)
        merged.update(added)
        return attrs.evolve(self, holidays=merged)

    def without_holidays(self, days: Iterable[dt.date]) -> WorkingDayCalendar:
        """Return a new calendar in which the given holidays are working days again.

        Use it for a substitute day that was never proclaimed. Every day must be a
        holiday of this calendar (a typo is refused, not ignored); a weekend day
        stays a non-working day.

        Example:
            >>> scot = nation_calendar(Nation.SCOTLAND)
            >>> scot.without_holidays([pendulum.Date(2025, 12, 1)]).is_working_day(pendulum.Date(2025, 12, 1))
            True
        """
        check = Checker()
        drop: set[pendulum.Date] = set()
        for i, raw in enumerate(_iterable(days, field="days")):
            try:
                day = as_date(raw, field=f"days[{i}]")
            except InvalidInput as err:
                check.extend(err)
                continue
            if check.that(
                day in self.holidays, f"days[{i}]", f"a holiday of calendar {self.name!r}", day
            ):
                drop.add(day)
        check.done()
        return attrs.evolve(
            self, holidays={d: n for d, n in self.holidays.items() if d not in drop}
        )

    def renamed(self, name: str) -> WorkingDayCalendar:
        """Return the same calendar under another name.

        Example:
            >>> pa_calendar().renamed("ours").name
            'ours'
        """
        return attrs.evolve(self, name=name)

    # ---- range ----------------------------------------------------------------------------

    @property
    def first_day(self) -> pendulum.Date:
        """The first day covered (1 January of [`first_year`][commissioning.calendar.WorkingDayCalendar]).

        Example:
            >>> pa_calendar().first_day
            Date(1971, 1, 1)
        """
        return _fromordinal(self._lo)

    @property
    def last_day(self) -> pendulum.Date:
        """The last day covered (31 December of [`last_year`][commissioning.calendar.WorkingDayCalendar]).

        Example:
            >>> pa_calendar().last_day
            Date(2100, 12, 31)
        """
        return _fromordinal(self._hi)

    def covers(self, day: dt.date) -> bool:
        """Whether the day lies in the calendar's range.

        Example:
            >>> pa_calendar().covers(pendulum.Date(1970, 12, 31))
            False
        """
        o = as_date(day, field="day").toordinal()
        return self._lo <= o <= self._hi

    def _ord(self, day: dt.date, field: str) -> int:
        o = as_date(day, field=field).toordinal()
        if not self._lo <= o <= self._hi:
            raise self._outside(day)
        return o

    def _outside(self, day: dt.date) -> OutsideCalendarRange:
        return OutsideCalendarRange(self.name, day, self.first_day, self.last_day)

    # ---- questions --------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day: not a weekend, not a holiday of this calendar.

        Example:
            >>> pa_calendar().is_working_day(pendulum.Date(2027, 7, 12))  # Battle of the Boyne (NI)
            False
        """
        return self._ord(day, "day") in self._set

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name, or ``None`` if the day is not a holiday (weekends are not named).

        Example:
            >>> pa_calendar().holiday_name(pendulum.Date(2026, 11, 30))
            "Saint Andrew's Day [Scotland]"
        """
        self._ord(day, "day")
        return self.holidays.get(as_date(day, field="day"))

    def add_working_days(self, day: dt.date, n: int) -> pendulum.Date:
        """The ``n``-th working day after ``day`` (before it, if ``n`` is negative).

        ``day`` itself is not counted; ``n == 0`` returns ``day`` unchanged.

        Example:
            >>> # Thu 17 Apr 2025 + 1: Fri 18 (Good Friday) and Mon 21 (Easter Monday) are skipped.
            >>> pa_calendar().add_working_days(pendulum.Date(2025, 4, 17), 1)
            Date(2025, 4, 22)
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInput.from_problems([Problem("n", "an int", n, "type")])
        o = self._ord(day, "day")
        if n == 0:
            return as_date(day, field="day")
        # after `day` going forwards; before it going backwards
        j = bisect_right(self._ords, o) + n - 1 if n > 0 else bisect_left(self._ords, o) + n
        if not 0 <= j < len(self._ords):
            raise self._outside(day)
        return self._days[self._ords[j] - self._lo]

    def nth_working_day(self, beginning: dt.date, n: int) -> pendulum.Date:
        """The ``n``-th working day of a period *beginning with* ``beginning`` (n >= 1).

        ``beginning`` is day 1 when it is a working day (the Procurement Act's
        "beginning with the day on which..." counting, s.51(2)).

        Example:
            >>> pa_calendar().nth_working_day(pendulum.Date(2026, 3, 2), 1)  # a Monday
            Date(2026, 3, 2)
            >>> pa_calendar().nth_working_day(pendulum.Date(2026, 3, 1), 1)  # a Sunday
            Date(2026, 3, 2)
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInput.from_problems([Problem("n", "an int", n, "type")])
        if n < 1:
            raise InvalidInput.of("n", "a count of at least 1", n)
        o = self._ord(beginning, "beginning")
        j = bisect_left(self._ords, o) + n - 1
        if j >= len(self._ords):
            raise self._outside(beginning)
        return self._days[self._ords[j] - self._lo]

    def roll_forward(self, day: dt.date) -> pendulum.Date:
        """``day`` if it is a working day, else the next working day (PCR 2015 reg 2 roll-forward).

        Example:
            >>> pa_calendar().roll_forward(pendulum.Date(2026, 12, 25))
            Date(2026, 12, 29)
        """
        return self.nth_working_day(day, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start``; so that
        ``working_days_between(d, add_working_days(d, n)) == n``.

        Example:
            >>> # Fri 19 Dec 2025 -> Fri 2 Jan 2026 (UK-wide): 22, 23, 24, 29, 30, 31 Dec.
            >>> pa_calendar().working_days_between(pendulum.Date(2025, 12, 19), pendulum.Date(2026, 1, 2))
            6
        """
        a = self._ord(start, "start")
        b = self._ord(end, "end")
        return bisect_right(self._ords, b) - bisect_right(self._ords, a)

    def working_days_in(self, first: dt.date, last: dt.date) -> tuple[pendulum.Date, ...]:
        """The working days from ``first`` to ``last`` inclusive, in order.

        Example:
            >>> pa_calendar().working_days_in(pendulum.Date(2026, 5, 1), pendulum.Date(2026, 5, 5))
            (Date(2026, 5, 1), Date(2026, 5, 5))
        """
        a = self._ord(first, "first")
        b = self._ord(last, "last")
        lo, days = self._lo, self._days
        return tuple(
            days[o - lo]
            for o in self._ords[bisect_left(self._ords, a) : bisect_right(self._ords, b)]
        )

    def non_working_days_in(
        self, first: dt.date, last: dt.date
    ) -> tuple[tuple[pendulum.Date, str], ...]:
        """The non-working days from ``first`` to ``last`` inclusive, each with why.

        Example:
            >>> pa_calendar().non_working_days_in(pendulum.Date(2026, 5, 2), pendulum.Date(2026, 5, 4))
            ((Date(2026, 5, 2), 'Saturday'), (Date(2026, 5, 3), 'Sunday'), (Date(2026, 5, 4), 'May Day [England, Northern Ireland, Scotland, Wales]'))
        """
        a = self._ord(first, "first")
        b = self._ord(last, "last")
        out = []
        for o in range(a, b + 1):
            if o in self._set:
                continue
            day = self._days[o - self._lo]
            label = self.holidays.get(day)
            if label is None:
                label = "Saturday" if (o - 1) % 7 == 5 else "Sunday"
            out.append((day, label))
        return tuple(out)

    # fast paths for the periods package: ordinals in, ordinals out, no conversion
    def _day(self, o: int) -> pendulum.Date:
        """The (shared, precomputed) date object of an ordinal; one past the range is allowed."""
        if self._lo <= o <= self._hi:
            return self._days[o - self._lo]
        return _fromordinal(o)

    def _nth_ord(self, o: int, n: int) -> int:
        if not self._lo <= o <= self._hi:
            raise self._outside(_fromordinal(o))
        j = bisect_left(self._ords, o) + n - 1
        if j >= len(self._ords):
            raise self._outside(_fromordinal(o))
        return self._ords[j]

    def _after_ord(self, o: int, n: int) -> int:
        if not self._lo <= o <= self._hi:
            raise self._outside(_fromordinal(o))
        j = bisect_right(self._ords, o) + n - 1
        if j >= len(self._ords):
            raise self._outside(_fromordinal(o))
        return self._ords[j]


@functools.cache
def _day_objects(lo: int, hi: int) -> tuple[pendulum.Date, ...]:
    """Every day from ordinal ``lo`` to ``hi`` as a pendulum.Date, built once per range and shared.

    Building a ``pendulum.Date`` costs several times an index lookup, and the
    periods package returns dates on its hot path; the objects are immutable.
    """
    return tuple(_fromordinal(o) for o in range(lo, hi + 1))


def _iterable(value: Any, *, field: str) -> Iterable[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInput.from_problems(
            [Problem(field, "an iterable of dates or a mapping of date to name", value, "type")]
        )
    return value


def _normalise_days(
    days: Mapping[dt.date, str] | Iterable[dt.date], *, field: str
) -> dict[pendulum.Date, str]:
    check = Checker()
    out: dict[pendulum.Date, str] = {}
    items: Iterable[tuple[Any, Any]]
    if isinstance(days, Mapping):
        items = days.items()
    else:
        items = ((d, "holiday") for d in _iterable(days, field=field))
    for raw, label in items:
        try:
            day = as_date(raw, field=f"{field}[{raw!r}]")
        except InvalidInput as err:
            check.extend(err)
            continue
        if check.type(f"{field}[{day}]", label, str, "a str name"):
            out[day] = label
    check.done()
    return out


# ---- statutory calendars ------------------------------------------------------------------


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _memoised(build: Callable[_P, _R]) -> Callable[_P, _R]:
    """Memoise a pure builder of immutable values; unhashable arguments get its typed errors.

    The statutory calendars take a fraction of a second to build and never
    change, so each is built once per process. An unhashable argument (a list
    given as a year) bypasses the cache so that the builder's own validation
    reports it as [`InvalidInputType`][commissioning.InvalidInputType].
    """
    # functools.cache's stub wants Hashable arguments; unhashable ones are handled below.
    cached = cast("Callable[_P, _R]", functools.cache(build))

    @functools.wraps(build)
    def memoised(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return cached(*args, **kwargs)
        except TypeError as err:
            if isinstance(err, CommissioningError):
                raise
            return build(*args, **kwargs)

    return memoised


@functools.cache
def _default_pa_calendar() -> WorkingDayCalendar:
    """The default s.123 calendar, for the periods package's hot path."""
    return pa_calendar()


@functools.cache
def _default_pcr_calendar() -> WorkingDayCalendar:
    """The default (cautious, UK-wide) PCR reg 2 calendar."""
    return pcr_calendar()


@functools.cache
def _default_psr_calendar() -> WorkingDayCalendar:
    """The default PSR reg 12 calendar."""
    return psr_calendar()


def _check_years(first_year: Any, last_year: Any) -> None:
    check = Checker()
    for field, value in (("first_year", first_year), ("last_year", last_year)):
        if check.type(field, value, int, "an int year"):
            check.that(
                _MIN_YEAR <= value <= _MAX_YEAR,
                field,
                f"a year from {_MIN_YEAR} to {_MAX_YEAR}",
                value,
            )
    check.done()


@functools.cache
def _nation_holidays(
    nation: Nation, first_year: int, last_year: int
) -> tuple[tuple[pendulum.Date, str], ...]:
    from holidays import (  # noqa: PLC0415 - imported on first use: building is rare and cached
        country_holidays,
    )

    source = country_holidays("GB", subdiv=nation.value, years=range(first_year, last_year + 1))
    return tuple(sorted((pendulum.Date(d.year, d.month, d.day), str(n)) for d, n in source.items()))


def _union(nations: Iterable[Nation], first_year: int, last_year: int) -> dict[pendulum.Date, str]:
    named: dict[pendulum.Date, dict[str, list[str]]] = {}
    for nation in sorted(nations, key=lambda n: n.label):
        for day, label in _nation_holidays(nation, first_year, last_year):
            for part in label.split("; "):
                named.setdefault(day, {}).setdefault(part, []).append(nation.label)
    return {
        day: "; ".join(f"{label} [{', '.join(where)}]" for label, where in parts.items())
        for day, parts in named.items()
    }


@_memoised
def nation_calendar(
    nation: Nation,
    *,
    first_year: int = DEFAULT_FIRST_YEAR,
    last_year: int = DEFAULT_LAST_YEAR,
) -> WorkingDayCalendar:
    """One nation's bank and public holidays, from the ``holidays`` package.

    Includes substitute days and the special proclaimed days the package knows
    (e.g. 2022-06-03, 2022-09-19, 2023-05-08, 1999-12-31), and Christmas Day and
    Good Friday, which are common-law holidays in England, Wales and Northern
    Ireland (bank holidays by BFDA Schedule 1 in Scotland). Future years are
    projections of today's rules: a later proclamation is not known here, so add
    it with [`WorkingDayCalendar.with_holidays`][commissioning.calendar.WorkingDayCalendar.with_holidays]. Calendars are immutable and
    memoised.

    Example:
        >>> nation_calendar(Nation.SCOTLAND).is_working_day(pendulum.Date(2026, 1, 2))
        False
        >>> nation_calendar(Nation.ENGLAND).is_working_day(pendulum.Date(2026, 1, 2))
        True
    """
    if not isinstance(nation, Nation):
        raise InvalidInput.from_problems([Problem("nation", "a Nation", nation, "type")])
    _check_years(first_year, last_year)
    return WorkingDayCalendar(
        name=f"{nation.label} bank holidays",
        holidays=_union([nation], first_year, last_year),
        first_year=first_year,
        last_year=last_year,
    )


@_memoised
def pa_calendar(
    *, first_year: int = DEFAULT_FIRST_YEAR, last_year: int = DEFAULT_LAST_YEAR
) -> WorkingDayCalendar:
    """Working days under the Procurement Act 2023 s.123: the union of every UK nation's holidays.

    A day is not a working day if it is a Saturday, a Sunday, or a bank holiday
    in *any* part of the United Kingdom under the BFDA 1971, so the Scottish
    2 January, first Monday in August and St Andrew's Day and the Northern
    Ireland 17 March and 12 July all count, with their substitute days.
    Christmas Day and Good Friday are bank holidays in Scotland, so they are in.

    Example:
        >>> cal = pa_calendar()
        >>> tuple(cal.is_working_day(pendulum.Date(2026, m, d)) for m, d in ((1, 2), (3, 17), (7, 13), (8, 3)))
        (False, False, False, False)
    """
    _check_years(first_year, last_year)
    return WorkingDayCalendar(
        name="Procurement Act 2023 s.123 (UK-wide)",
        holidays=_union(Nation, first_year, last_year),
        first_year=first_year,
        last_year=last_year,
    )


_PCR_NATIONS = {
    PcrBankHolidays.UK_WIDE: tuple(Nation),
    PcrBankHolidays.ENGLAND_WALES_AND_NORTHERN_IRELAND: (
        Nation.ENGLAND,
        Nation.WALES,
        Nation.NORTHERN_IRELAND,
    ),
    PcrBankHolidays.ENGLAND_AND_WALES: (Nation.ENGLAND, Nation.WALES),
}


@_memoised
def pcr_calendar(
    *,
    bank_holidays: PcrBankHolidays = PcrBankHolidays.UK_WIDE,
    first_year: int = DEFAULT_FIRST_YEAR,
    last_year: int = DEFAULT_LAST_YEAR,
) -> WorkingDayCalendar:
    """Working days under PCR 2015 reg 2(1): not a weekend, Christmas Day, Good Friday or a bank holiday.

    Which bank holidays count is a documented choice (see [`PcrBankHolidays`][commissioning.calendar.PcrBankHolidays]):
    the default is the cautious UK-wide union, because reg 2 names no part of the
    UK; choose [`PcrBankHolidays.ENGLAND_WALES_AND_NORTHERN_IRELAND`][commissioning.calendar.PcrBankHolidays] to
    follow PCR's territorial extent (it does not extend to Scotland).

    Example:
        >>> pcr_calendar().is_working_day(pendulum.Date(2024, 8, 5))  # Scotland's summer holiday
        False
        >>> pcr_calendar(bank_holidays=PcrBankHolidays.ENGLAND_AND_WALES).is_working_day(pendulum.Date(2024, 8, 5))
        True
    """
    if not isinstance(bank_holidays, PcrBankHolidays):
        raise InvalidInput.from_problems(
            [Problem("bank_holidays", "a PcrBankHolidays", bank_holidays, "type")]
        )
    _check_years(first_year, last_year)
    days = _union(_PCR_NATIONS[bank_holidays], first_year, last_year)
    for year in range(first_year, last_year + 1):
        _add_named(days, pendulum.Date(year, 12, 25), "Christmas Day [PCR 2015 reg 2(1)]")
        _add_named(days, _good_friday(year), "Good Friday [PCR 2015 reg 2(1)]")
    return WorkingDayCalendar(
        name=f"PCR 2015 reg 2 ({bank_holidays.value})",
        holidays=days,
        first_year=first_year,
        last_year=last_year,
    )


@_memoised
def psr_calendar(
    *, first_year: int = DEFAULT_FIRST_YEAR, last_year: int = DEFAULT_LAST_YEAR
) -> WorkingDayCalendar:
    """Working days under the PSR 2023 reg 12: England's bank holidays plus three named days.

    Not a working day: a weekend, a bank holiday in England, Christmas Day, Good
    Friday, or the first Monday in May (even in a year when England's early May
    bank holiday moved, as on 8 May 2020).

    Example:
        >>> psr_calendar().is_working_day(pendulum.Date(2020, 5, 4))
        False
        >>> nation_calendar(Nation.ENGLAND).is_working_day(pendulum.Date(2020, 5, 4))
        True
    """
    _check_years(first_year, last_year)
    days = _union([Nation.ENGLAND], first_year, last_year)
    for year in range(first_year, last_year + 1):
        _add_named(days, pendulum.Date(year, 12, 25), "Christmas Day [PSR reg 12]")
        _add_named(days, _good_friday(year), "Good Friday [PSR reg 12]")
        _add_named(days, _first_monday(year, 5), "first Monday in May [PSR reg 12]")
    return WorkingDayCalendar(
        name="PSR 2023 reg 12 (England)", holidays=days, first_year=first_year, last_year=last_year
    )


def _add_named(days: dict[pendulum.Date, str], day: pendulum.Date, label: str) -> None:
    if day not in days:
        days[day] = label


def _first_monday(year: int, month: int) -> pendulum.Date:
    first = dt.date(year, month, 1)
    return pendulum.Date(year, month, 1 + (7 - first.weekday()) % 7)


def _easter_sunday(year: int) -> pendulum.Date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return pendulum.Date(year, month, day + 1)


def _good_friday(year: int) -> pendulum.Date:
    return _easter_sunday(year).subtract(days=2)
