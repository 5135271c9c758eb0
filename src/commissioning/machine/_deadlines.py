"""Deadlines as data: time rules on states and transitions, reported on request, never run."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum

from .._time import UTC
from .._validation import Checker

__all__ = ["Deadline", "Due", "Period"]


@attrs.frozen
class Period:
    """A calendar period: years, months, weeks and days, added with calendar rules.

    Months are added as calendar months, clamped to the month's end
    (31 January + 1 month = 28 or 29 February), as pendulum does.

    Examples:
        >>> import datetime as dt
        >>> Period(months=1).after(dt.datetime(2026, 1, 31, tzinfo=dt.UTC)).date()
        datetime.date(2026, 2, 28)
        >>> Period(years=1, days=2)
        Period(years=1, months=0, weeks=0, days=2)
    """

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def __attrs_post_init__(self) -> None:
        check = Checker()
        for name in ("years", "months", "weeks", "days"):
            value = getattr(self, name)
            if check.type(name, value, int, "a whole number >= 0"):
                check.that(value >= 0, name, "a whole number >= 0", value)
        check.done()

    def after(self, moment: dt.datetime) -> dt.datetime:
        """The moment this period after ``moment`` (an aware datetime), in UTC."""
        shifted = pendulum.instance(moment).add(
            years=self.years, months=self.months, weeks=self.weeks, days=self.days
        )
        return dt.datetime.fromtimestamp(shifted.timestamp(), UTC)

    def before(self, moment: dt.datetime) -> dt.datetime:
        """The moment this period before ``moment`` (an aware datetime), in UTC."""
        shifted = pendulum.instance(moment).subtract(
            years=self.years, months=self.months, weeks=self.weeks, days=self.days
        )
        return dt.datetime.fromtimestamp(shifted.timestamp(), UTC)

    def __str__(self) -> str:
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in (
                (self.years, "year"),
                (self.months, "month"),
                (self.weeks, "week"),
                (self.days, "day"),
            )
            if n
        ]
        return " ".join(parts) or "no time"


@attrs.frozen
class Deadline:
    """A time rule: something is due ``after`` the instance entered a state.

    On a [`State`][commissioning.machine.State], the deadline is due while the
    instance stays in that state; on a [`Transition`][commissioning.machine.Transition],
    it says by when that transition's event should fire after the instance
    entered the transition's source state. ``warn_before`` opens the "due"
    window before the deadline itself.

    Examples:
        >>> Deadline("annual review", after=Period(months=12), warn_before=Period(months=1))
        Deadline(name='annual review', after=Period(years=0, months=12, weeks=0, days=0), warn_before=Period(years=0, months=1, weeks=0, days=0), description='')
    """

    name: str
    after: Period
    warn_before: Period = Period()
    description: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "a non-empty str"):
            check.that(bool(self.name.strip()), "name", "a non-empty str", self.name)
        check.type("after", self.after, Period, "a Period")
        check.type("warn_before", self.warn_before, Period, "a Period")
        check.type("description", self.description, str, "a str")
        check.done()


@attrs.frozen
class Due:
    """One deadline's standing at a moment: ``upcoming``, ``due`` (in the warning window) or ``overdue``.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        >>> Due("annual review", "delivery", None, t, "overdue").status
        'overdue'
    """

    name: str
    state: str
    event: str | None
    due_at: dt.datetime
    status: str
