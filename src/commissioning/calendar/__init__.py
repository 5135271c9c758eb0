"""Working-day calendars for UK statutory time: immutable values, exact to the day.

Each regime defines "working day" its own way:

* [`pa_calendar`][commissioning.calendar.pa_calendar]: Procurement Act 2023 s.123, not a weekend and not a bank
  holiday in any part of the UK (the union of all four nations' holidays);
* [`pcr_calendar`][commissioning.calendar.pcr_calendar]: Public Contracts Regulations 2015 reg 2(1), with a
  documented, selectable choice of bank holidays ([`PcrBankHolidays`][commissioning.calendar.PcrBankHolidays]);
* [`psr_calendar`][commissioning.calendar.psr_calendar]: Provider Selection Regime 2023 reg 12, England plus
  Christmas Day, Good Friday and the first Monday in May;
* [`nation_calendar`][commissioning.calendar.nation_calendar]: one nation alone.

Calendars are values: [`WorkingDayCalendar.with_holidays`][commissioning.calendar.WorkingDayCalendar.with_holidays] and
[`WorkingDayCalendar.without_holidays`][commissioning.calendar.WorkingDayCalendar.without_holidays] return new calendars.

Example:
    >>> import pendulum
    >>> from commissioning.calendar import pa_calendar
    >>> pa_calendar().nth_working_day(pendulum.Date(2026, 12, 24), 2)
    Date(2026, 12, 29)
"""

from ._calendar import (
    DEFAULT_FIRST_YEAR,
    DEFAULT_LAST_YEAR,
    Nation,
    OutsideCalendarRange,
    PcrBankHolidays,
    WorkingDayCalendar,
    nation_calendar,
    pa_calendar,
    pcr_calendar,
    psr_calendar,
)

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

from .._hypothesis_hook import announce as _announce

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
