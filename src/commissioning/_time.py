"""Time comes in as an argument: helpers to check and normalise it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum

from ._errors import InvalidInput, InvalidInputType, Problem

__all__ = ["UTC", "as_date", "as_utc"]

UTC = dt.UTC
_PENDULUM_UTC = pendulum.UTC


def as_utc(value: Any, *, field: str = "at") -> dt.datetime:
    """Return an aware moment as a plain ``datetime.datetime`` in UTC (``tzinfo is datetime.UTC``).

    Naive datetimes and non-datetimes are refused; pendulum values are accepted
    and converted, so every moment the library stores or returns has one type.

    Examples:
        >>> moment = as_utc(pendulum.datetime(2026, 3, 1, 9, tz="Europe/London"))
        >>> moment.isoformat(), type(moment) is dt.datetime, moment.tzinfo is dt.UTC
        ('2026-03-01T09:00:00+00:00', True, True)
        >>> as_utc(dt.datetime(2026, 3, 1))
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: at: expected an aware datetime (with a time zone), received datetime.datetime(2026, 3, 1, 0, 0)
    """
    if not isinstance(value, dt.datetime):
        raise InvalidInputType([Problem(field, "an aware datetime", value, "type")])
    tz = value.tzinfo
    if tz is UTC and value.__class__ is dt.datetime:
        return value
    if tz is None or value.utcoffset() is None:
        raise InvalidInput.of(field, "an aware datetime (with a time zone)", value)
    if tz is not UTC and tz is not _PENDULUM_UTC:
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            raise InvalidInput.of(
                field, "a moment within the years 1 to 9999 in UTC", value
            ) from None
    return dt.datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=UTC,
    )


def as_date(value: Any, *, field: str = "on") -> pendulum.Date:
    """Return a calendar date as a ``pendulum.Date``; a datetime is refused (say which day you mean).

    Examples:
        >>> as_date(dt.date(2026, 1, 2))
        Date(2026, 1, 2)
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputType([Problem(field, "a date (not a datetime)", value, "type")])
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.Date(value.year, value.month, value.day)
