"""The portfolio view: many cycles at once, as a council's forward plan sees them.

Which cycles are blocked and why; what is due next (each step's typical lead
time, and the procurement's own deadlines); which contracts expire in a window
and when their recommissioning must start, given each step's typical lead time
and the statutory periods.

Recommissioning start ([`Portfolio.expiring`][commissioning.cycle.Portfolio.expiring]): the new contract must be
in place the day after the current contract's last day (its extensions
included). Working back from that day: the decision step (where the
procurement runs) takes the longer of its typical lead time and the statutory
minimum periods (by default the Procurement Act's 25-day tendering period,
s.54, and 8-working-day standstill, s.51(2), counted on the PA working-day
calendar, s.123); the steps before it take their typical lead times. The
lead times are the framework's (defaults stated on each built-in framework;
UNCONFIRMED: the reference gives none, set your own).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from .._errors import InvalidInput
from .._time import as_date, as_utc
from .._validation import Checker
from ..calendar import pa_calendar
from ..machine import Due, Period, Reason
from ._cycle import CommissioningCycle
from ._evidence import Contract
from ._frameworks import CARRY_OUT, DECIDE, DECOMMISSIONED, PLAN

__all__ = [
    "Blocked",
    "Expiry",
    "ExpiryStatus",
    "Portfolio",
    "StatutoryPeriod",
    "default_statutory_periods",
]

ONE_MONTH = Period(months=1)
_DECOMMISSIONING = frozenset({DECIDE, PLAN, CARRY_OUT, DECOMMISSIONED})


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


@attrs.frozen
class StatutoryPeriod:
    """A minimum period the law sets inside a procurement, in calendar or working days.

    Examples:
        >>> StatutoryPeriod("standstill", 8, working_days=True, source="PA 2023 s.51(2)").working_days
        True
    """

    name: str
    days: int
    working_days: bool = attrs.field(default=False, kw_only=True)
    source: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "a non-empty str"):
            check.that(bool(self.name.strip()), "name", "a non-empty str", self.name)
        if check.type("days", self.days, int, "a whole number of days >= 0"):
            check.that(self.days >= 0, "days", "a whole number of days >= 0", self.days)
        check.type("working_days", self.working_days, bool, "a bool")
        check.type("source", self.source, str, "a str")
        check.done()


def default_statutory_periods() -> tuple[StatutoryPeriod, ...]:
    """The Procurement Act 2023 open procedure's minimums: 25-day tendering, 8-working-day standstill.

    Examples:
        >>> [(p.name, p.days) for p in default_statutory_periods()]
        [('tendering period', 25), ('standstill', 8)]
    """
    return (
        StatutoryPeriod(
            "tendering period",
            25,
            source="PA 2023 s.54: electronic submission, all documents available at once",
        ),
        StatutoryPeriod("standstill", 8, working_days=True, source="PA 2023 s.51(2)"),
    )


@attrs.frozen
class Blocked:
    """A cycle that cannot move on now: where it is, which event it needs, and why not.

    Examples:
        >>> from commissioning import Reason
        >>> Blocked("meals-1", "Community meals", "outcomes", "advance",
        ...         (Reason("outcomes/outcome-baselines", "needs a baseline"),)).event
        'advance'
    """

    cycle_id: str
    service_area: str
    state: str
    event: str
    reasons: tuple[Reason, ...]


class ExpiryStatus(enum.StrEnum):
    """Where the recommissioning of an expiring contract stands, accepted from its value string.

    Examples:
        >>> ExpiryStatus("due")
        <ExpiryStatus.DUE: 'due'>
    """

    STARTED = "started"
    LATE = "late"
    DUE = "due"
    UPCOMING = "upcoming"


@attrs.frozen
class Expiry:
    """A contract expiring in the window, and when its recommissioning must start.

    Attributes:
        cycle_id: the cycle that let the contract.
        service_area: the service.
        contract: the contract.
        last_day: its last possible day (extensions included).
        recommission_by: the latest day the next cycle should start.
        successor: the id of the next cycle, when one has started.
        status: an [`ExpiryStatus`][commissioning.cycle.ExpiryStatus]: ``"started"`` (a next cycle exists), ``"late"`` (past
            ``recommission_by``), ``"due"`` (within three months of it) or ``"upcoming"``.


    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import example_lineage
        >>> (e,) = Portfolio(example_lineage()).expiring(start=dt.date(2030, 1, 1),
        ...     end=dt.date(2030, 12, 31), on=dt.date(2028, 1, 1))
        >>> e.contract.supplier, e.last_day
        ('Good Food CIC', Date(2030, 9, 30))
    """

    cycle_id: str
    service_area: str
    contract: Contract
    last_day: pendulum.Date
    recommission_by: pendulum.Date
    successor: str | None
    status: ExpiryStatus


@attrs.frozen
class Portfolio:
    """Many cycles at once (a council's forward plan); cycle ids must be distinct.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import example_lineage
        >>> p = Portfolio(example_lineage())
        >>> [(e.cycle_id, str(e.recommission_by), e.status.value) for e in
        ...  p.expiring(start=dt.date(2030, 1, 1), end=dt.date(2030, 12, 31), on=dt.date(2028, 1, 1))]
        [('meals-1', '2029-07-30', 'started')]
    """

    cycles: tuple[CommissioningCycle, ...] = attrs.field(converter=_tuple)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("cycles", self.cycles, tuple, "a tuple of CommissioningCycles"):
            for i, c in enumerate(self.cycles):
                check.type(f"cycles[{i}]", c, CommissioningCycle, "a CommissioningCycle")
            ids = [c.id for c in self.cycles if isinstance(c, CommissioningCycle)]
            check.that(len(ids) == len(set(ids)), "cycles", "distinct cycle ids", ids)
        check.done()

    @classmethod
    def of(cls, cycles: Iterable[CommissioningCycle]) -> Portfolio:
        """A portfolio of ``cycles`` (any iterable)."""
        return cls(tuple(cycles))

    def cycle(self, cycle_id: str) -> CommissioningCycle:
        """The cycle with this id (``InvalidInput`` if unknown)."""
        for c in self.cycles:
            if c.id == cycle_id:
                return c
        raise InvalidInput.of("cycle_id", "a cycle of the portfolio", cycle_id)

    def blocked(self, *, at: dt.datetime) -> tuple[Blocked, ...]:
        """The open cycles that cannot move on at ``at``, each with every reason.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import CommissioningCycle, cabinet_office
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> c, _ = CommissioningCycle.start("x", service_area="Day care", framework=cabinet_office(),
            ...                                 at=t, actor="jo")
            >>> print(*Portfolio([c]).blocked(at=t)[0].reasons)
            [question/question] step 1 "What's the question?" needs a stated question and its scope; none is recorded
        """
        moment = as_utc(at)
        out = []
        for c in self.cycles:
            event = c.next_event
            if event is None:
                continue
            reasons = c.blockers(at=moment)
            if reasons:
                out.append(Blocked(c.id, c.service_area, c.state, event, reasons))
        return tuple(out)

    def due(self, *, at: dt.datetime, within: Period = ONE_MONTH) -> tuple[tuple[str, Due], ...]:
        """What falls due by ``at + within`` (overdue included), soonest first, with the cycle's id.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.cycle import example_lineage
            >>> for cid, d in Portfolio(example_lineage()).due(at=dt.datetime(2027, 11, 20, tzinfo=dt.UTC)):
            ...     print(cid, d.name, d.due_at.date(), d.status)
            meals-2 typical lead time of "What's the question?" 2027-12-01 due
        """
        moment = as_utc(at)
        horizon = within.after(moment)
        items: list[tuple[str, Due]] = []
        for c in self.cycles:
            if c.is_final:
                continue
            items.extend((c.id, d) for d in c.due(at=moment) if d.due_at <= horizon)
        return tuple(sorted(items, key=lambda pair: (pair[1].due_at, pair[0])))

    def successor(self, cycle_id: str) -> CommissioningCycle | None:
        """The cycle that follows ``cycle_id`` in its lineage, if it is in the portfolio."""
        for c in self.cycles:
            if c.lineage is not None and c.lineage.previous == cycle_id:
                return c
        return None

    def expiring(
        self,
        *,
        start: dt.date,
        end: dt.date,
        on: dt.date,
        statutory: Iterable[StatutoryPeriod] | None = None,
        calendar: Any = None,
    ) -> tuple[Expiry, ...]:
        """Contracts whose last day falls in ``[start, end]``, and when recommissioning must start.

        ``on`` is today's date (for the status); ``statutory`` replaces
        [`default_statutory_periods`][commissioning.cycle.default_statutory_periods] (list them in the order they run: they
        are counted back from the contract's last day, last one first); ``calendar`` (a
        ``commissioning.calendar.WorkingDayCalendar``) counts working days
        (default: the Procurement Act's, s.123). Cycles being decommissioned are left out.
        """
        first = as_date(start, field="start")
        last = as_date(end, field="end")
        today = as_date(on, field="on")
        if last < first:
            raise InvalidInput.of("end", f"a day on or after start ({first})", last)
        periods = default_statutory_periods() if statutory is None else tuple(statutory)
        out = []
        for c in self.cycles:
            contract = c.contract
            if contract is None or c.state in _DECOMMISSIONING:
                continue
            last_day = as_date(contract.last_day, field="last_day")
            if not first <= last_day <= last:
                continue
            by = recommission_by(c, last_day, periods, calendar)
            successor = self.successor(c.id)
            if successor is not None:
                status = ExpiryStatus.STARTED
            elif today > by:
                status = ExpiryStatus.LATE
            elif today >= by.subtract(months=3):
                status = ExpiryStatus.DUE
            else:
                status = ExpiryStatus.UPCOMING
            out.append(
                Expiry(
                    c.id,
                    c.service_area,
                    contract,
                    last_day,
                    by,
                    None if successor is None else successor.id,
                    status,
                )
            )
        return tuple(sorted(out, key=lambda e: (e.recommission_by, e.cycle_id)))


def _minus(day: pendulum.Date, period: Period) -> pendulum.Date:
    return day.subtract(
        years=period.years, months=period.months, weeks=period.weeks, days=period.days
    )


def recommission_by(
    cycle: CommissioningCycle,
    last_day: pendulum.Date,
    periods: tuple[StatutoryPeriod, ...],
    calendar: Any,
) -> pendulum.Date:
    """The latest day to start the next cycle so a new contract is in place after ``last_day``. Internal."""
    fw = cycle.framework
    names = [s.name for s in fw.steps]
    upto = names.index(fw.decision_step)
    # The new contract starts the day after the last day; the procurement step ends the day before.
    day = last_day
    decision = fw.steps[upto]
    by_lead = _minus(day, decision.lead_time)
    by_law = day
    if any(p.working_days for p in periods) and calendar is None:
        calendar = pa_calendar()
    for p in reversed(periods):  # listed in the order they run; count back from the last
        if p.working_days:
            by_law = as_date(calendar.add_working_days(by_law, -p.days), field="day")
        else:
            by_law = by_law.subtract(days=p.days)
    day = min(by_lead, by_law)
    for s in reversed(fw.steps[:upto]):
        day = _minus(day, s.lead_time)
    return day
