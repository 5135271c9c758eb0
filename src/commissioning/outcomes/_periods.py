"""Reporting periods: months, calendar quarters, UK financial quarters and years.

Observations of a measure belong to a real period of the calendar (the issue's
"time series over real periods"). The UK public-sector financial year runs from
1 April to 31 March; its quarters are April-June (Q1), July-September (Q2),
October-December (Q3) and January-March (Q4). Dates are ``pendulum.Date``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from typing import Any, overload

import attrs
import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date

__all__ = ["Frequency", "ReportingPeriod", "period_from"]


class Frequency(enum.Enum):
    """How often a measure is reported, which is also the length of its periods.

    Examples:
        >>> Frequency("financial-year").months
        12
    """

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    FINANCIAL_QUARTERLY = "financial-quarterly"
    FINANCIAL_YEARLY = "financial-year"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        """The length of one period in calendar months."""
        return _MONTHS[self]

    @property
    def first_month(self) -> int:
        """The calendar month (1-12) in which a year of these periods starts (April for financial ones)."""
        return 4 if self in (Frequency.FINANCIAL_QUARTERLY, Frequency.FINANCIAL_YEARLY) else 1


_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.FINANCIAL_QUARTERLY: 3,
    Frequency.FINANCIAL_YEARLY: 12,
    Frequency.YEARLY: 12,
}


def _month_index(d: dt.date) -> int:
    return d.year * 12 + (d.month - 1)


def _from_month_index(index: int) -> pendulum.Date:
    return pendulum.Date(index // 12, index % 12 + 1, 1)


@attrs.frozen(order=False, cache_hash=True)
class ReportingPeriod:
    """One reporting period: a frequency and the first day of the period.

    Build one with [`month`][commissioning.outcomes.ReportingPeriod.month], [`quarter`][commissioning.outcomes.ReportingPeriod.quarter], [`financial_quarter`][commissioning.outcomes.ReportingPeriod.financial_quarter],
    [`financial_year`][commissioning.outcomes.ReportingPeriod.financial_year], [`year`][commissioning.outcomes.ReportingPeriod.year], [`containing`][commissioning.outcomes.ReportingPeriod.containing] or
    [`from_label`][commissioning.outcomes.ReportingPeriod.from_label]. ``period + n`` is the n-th following period of the same
    frequency (``period - n`` the n-th before); ``later - earlier`` counts the
    periods between them. Periods
    of one frequency are ordered by start.

    Attributes:
        frequency: the kind of period.
        start: its first day (checked to be a real period boundary).

    Examples:
        >>> fy = ReportingPeriod.financial_year(2026)
        >>> fy.label, fy.start, fy.end
        ('FY2026/27', Date(2026, 4, 1), Date(2027, 3, 31))
        >>> (ReportingPeriod.month(2026, 12) + 2).label
        '2027-02'
    """

    frequency: Frequency
    start: pendulum.Date
    _end: pendulum.Date = attrs.field(init=False, repr=False, eq=False, default=None)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.frequency, Frequency):
            raise InvalidInputType([Problem("frequency", "a Frequency", self.frequency, "type")])
        object.__setattr__(self, "start", as_date(self.start, field="start"))
        offset = (self.start.month - self.frequency.first_month) % self.frequency.months
        if self.start.day != 1 or offset != 0:
            raise InvalidInput.of(
                "start",
                f"the first day of a {self.frequency.value} period",
                self.start,
            )
        last = _month_index(self.start) + self.frequency.months - 1
        year, month = last // 12, last % 12 + 1
        object.__setattr__(
            self, "_end", pendulum.Date(year, month, calendar.monthrange(year, month)[1])
        )

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> ReportingPeriod:
        """The calendar month ``year``-``month``.

        Examples:
            >>> ReportingPeriod.month(2026, 2).end
            Date(2026, 2, 28)
        """
        return cls(Frequency.MONTHLY, _safe_date(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> ReportingPeriod:
        """Calendar quarter ``quarter`` (1-4) of ``year``: Q1 is January-March.

        Examples:
            >>> ReportingPeriod.quarter(2026, 2).label
            '2026-Q2'
        """
        _check_quarter(quarter)
        return cls(Frequency.QUARTERLY, _safe_date(year, 3 * quarter - 2))

    @classmethod
    def financial_quarter(cls, start_year: int, quarter: int) -> ReportingPeriod:
        """Quarter ``quarter`` (1-4) of the financial year starting 1 April ``start_year``.

        Examples:
            >>> q4 = ReportingPeriod.financial_quarter(2026, 4)
            >>> q4.label, q4.start, q4.end
            ('FY2026/27 Q4', Date(2027, 1, 1), Date(2027, 3, 31))
        """
        _check_quarter(quarter)
        index = start_year * 12 + 3 + 3 * (quarter - 1)
        return cls(Frequency.FINANCIAL_QUARTERLY, _from_month_index(index))

    @classmethod
    def financial_year(cls, start_year: int) -> ReportingPeriod:
        """The UK financial year from 1 April ``start_year`` to 31 March the year after.

        Examples:
            >>> ReportingPeriod.financial_year(2025).label
            'FY2025/26'
        """
        return cls(Frequency.FINANCIAL_YEARLY, _safe_date(start_year, 4))

    @classmethod
    def year(cls, year: int) -> ReportingPeriod:
        """The calendar year ``year``.

        Examples:
            >>> ReportingPeriod.year(2026).end
            Date(2026, 12, 31)
        """
        return cls(Frequency.YEARLY, _safe_date(year, 1))

    @classmethod
    def containing(cls, frequency: Frequency, on: dt.date) -> ReportingPeriod:
        """The period of ``frequency`` that contains the date ``on``.

        Examples:
            >>> ReportingPeriod.containing(Frequency.FINANCIAL_YEARLY, pendulum.Date(2027, 2, 10)).label
            'FY2026/27'
        """
        if not isinstance(frequency, Frequency):
            raise InvalidInputType([Problem("frequency", "a Frequency", frequency, "type")])
        day = as_date(on, field="on")
        index = _month_index(day)
        base = (index - (frequency.first_month - 1)) // frequency.months * frequency.months
        return cls(frequency, _from_month_index(base + frequency.first_month - 1))

    @classmethod
    def from_label(cls, label: str) -> ReportingPeriod:
        """Parse a label as written by [`label`][commissioning.outcomes.ReportingPeriod.label].

        Accepted: ``2026-04`` (month), ``2026-Q2`` (calendar quarter), ``FY2026/27``
        (financial year), ``FY2026/27 Q1`` (financial quarter) and ``2026`` (calendar year).

        Examples:
            >>> ReportingPeriod.from_label("FY2026/27 Q1").start
            Date(2026, 4, 1)
        """
        if not isinstance(label, str):
            raise InvalidInputType([Problem("label", "a period label (str)", label, "type")])
        try:
            if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"FY(\d{4})/(\d{2})(?: Q([1-4]))?", label):
                start = int(m[1])
                if (start + 1) % 100 == int(m[2]):
                    if m[3]:
                        return cls.financial_quarter(start, int(m[3]))
                    return cls.financial_year(start)
            if m := re.fullmatch(r"(\d{4})", label):
                return cls.year(int(m[1]))
        except InvalidInput:
            pass
        raise InvalidInput.of(
            "label", "a label like 2026-04, 2026-Q2, FY2026/27, FY2026/27 Q1 or 2026", label
        )

    # -- derived ------------------------------------------------------------------------------

    @property
    def end(self) -> pendulum.Date:
        """The last day of the period (inclusive)."""
        return self._end

    @property
    def label(self) -> str:
        """A short, sortable-within-frequency label, e.g. ``2026-04``, ``2026-Q2``, ``FY2026/27 Q1``."""
        start = self.start
        f = self.frequency
        if f is Frequency.MONTHLY:
            return f"{start.year:04d}-{start.month:02d}"
        if f is Frequency.QUARTERLY:
            return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
        if f is Frequency.YEARLY:
            return f"{start.year:04d}"
        fy = start.year if start.month >= 4 else start.year - 1
        text = f"FY{fy:04d}/{(fy + 1) % 100:02d}"
        if f is Frequency.FINANCIAL_QUARTERLY:
            text += f" Q{(_month_index(start) - (fy * 12 + 3)) // 3 + 1}"
        return text

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self.end - self.start).in_days() + 1

    def contains(self, on: dt.date) -> bool:
        """Whether the date ``on`` falls within the period (both ends included).

        Examples:
            >>> ReportingPeriod.quarter(2026, 1).contains(pendulum.Date(2026, 3, 31))
            True
        """
        day = as_date(on, field="on")
        return self.start <= day <= self.end

    def shift(self, n: int) -> ReportingPeriod:
        """The period ``n`` periods later (earlier if ``n`` is negative).

        Examples:
            >>> ReportingPeriod.financial_year(2026).shift(-1).label
            'FY2025/26'
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputType([Problem("n", "an int", n, "type")])
        index = _month_index(self.start) + n * self.frequency.months
        return ReportingPeriod(self.frequency, _from_month_index(index))

    def __add__(self, n: int) -> ReportingPeriod:
        return self.shift(n)

    @overload
    def __sub__(self, other: ReportingPeriod) -> int: ...

    @overload
    def __sub__(self, other: int) -> ReportingPeriod: ...

    def __sub__(self, other: ReportingPeriod | int) -> int | ReportingPeriod:
        if isinstance(other, int) and not isinstance(other, bool):
            return self.shift(-other)
        if not isinstance(other, ReportingPeriod) or other.frequency is not self.frequency:
            return NotImplemented
        return (_month_index(self.start) - _month_index(other.start)) // self.frequency.months

    def _key(self, other: Any) -> tuple[pendulum.Date, pendulum.Date]:
        if not isinstance(other, ReportingPeriod):
            raise TypeError(f"cannot compare a ReportingPeriod with {type(other).__name__}")
        return (self.start, other.start)

    def __lt__(self, other: ReportingPeriod) -> bool:
        a, b = self._key(other)
        return (a, self.end) < (b, other.end)

    def __le__(self, other: ReportingPeriod) -> bool:
        a, b = self._key(other)
        return (a, self.end) <= (b, other.end)

    def __gt__(self, other: ReportingPeriod) -> bool:
        a, b = self._key(other)
        return (a, self.end) > (b, other.end)

    def __ge__(self, other: ReportingPeriod) -> bool:
        a, b = self._key(other)
        return (a, self.end) >= (b, other.end)

    def __str__(self) -> str:
        return self.label

    @classmethod
    def between(cls, first: ReportingPeriod, last: ReportingPeriod) -> tuple[ReportingPeriod, ...]:
        """Every period from ``first`` to ``last`` inclusive (same frequency).

        Examples:
            >>> [p.label for p in ReportingPeriod.between(
            ...     ReportingPeriod.month(2026, 11), ReportingPeriod.month(2027, 1))]
            ['2026-11', '2026-12', '2027-01']
        """
        if first.frequency is not last.frequency:
            raise InvalidInput.of("last", f"a {first.frequency.value} period", last)
        return tuple(first + i for i in range(max(last - first + 1, 0)))


def _safe_date(year: int, month: int) -> pendulum.Date:
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInputType([Problem("year", "an int", year, "type")])
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidInput.of("month", "a month number 1-12", month)
    if not 1 <= year <= 9998:
        raise InvalidInput.of("year", "a year from 1 to 9998", year)
    return pendulum.Date(year, month, 1)


def _check_quarter(quarter: Any) -> None:
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise InvalidInput.of("quarter", "a quarter number 1-4", quarter)


def period_from(reader: Any) -> ReportingPeriod:
    """The reporting period whose label is the string at ``reader`` (a ``commissioning._reader.Reader``).

    Examples:
        >>> from commissioning._reader import Reader
        >>> period_from(Reader("FY2026/27 Q1", "period")).start
        Date(2026, 4, 1)
        >>> period_from(Reader("Q5", "data.period"))
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: data.period: expected a period label like 2026-04, 2026-Q2, FY2026/27, FY2026/27 Q1 or 2026, received 'Q5'
    """
    label = reader.text()
    try:
        return ReportingPeriod.from_label(label)
    except InvalidInput:
        raise reader.fail(
            "a period label like 2026-04, 2026-Q2, FY2026/27, FY2026/27 Q1 or 2026"
        ) from None
