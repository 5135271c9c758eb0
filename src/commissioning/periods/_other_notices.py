"""Notice deadlines the obligations view needs beyond s.53-s.93: UK8 (s.70), PCR reg 50, PSR.

Each states its reading. The project's reference gives some only in outline
(UK8's code is UNCONFIRMED; PSR says only "notices within 30 days"; PCR reg 50
is not in the reference at all), so every such value carries a note saying so,
and the cautious reading (the earlier deadline) is the default.
"""

from __future__ import annotations

import datetime as dt

from .._validation import Checker
from ..calendar import WorkingDayCalendar, pcr_calendar
from ..thresholds import Regime
from ._notices import _date, _flag, _within_days, beginning_with_period_end
from ._results import NoticeDeadline

__all__ = [
    "pa_payments_notice_deadline",
    "pcr_contract_award_notice_deadline",
    "psr_award_notice_deadline",
]

_QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


def pa_payments_notice_deadline(*, quarter_end: dt.date) -> NoticeDeadline:
    """When information about a payment of more than £30,000 is due: Procurement Act 2023 s.70(2).

    "Before the end of the period of 30 days *beginning with the last day* of the
    quarter in which the payment was made": the quarter's last day is day 1, so
    the information is due by the 29th day after it (quarter ending 30 June ->
    29 July). Quarters end on 31 March, 30 June, 30 September and 31 December
    (s.70(5)). s.70 is in force from 1 April 2026, and not yet for procurements
    regulated by the Welsh Ministers (SI 2025/1316 reg 2(2)(b)); see
    ``commissioning.procurement.PA_COMMENCEMENTS``. UNCONFIRMED: the notice code
    UK8 (PR24 reg 5(3) lists s.69(1) but not s.70); the value's notes say so.

    Examples:
        >>> import pendulum
        >>> # Quarter ending Tue 30 Jun 2026: day 1 is 30 Jun, day 30 is Wed 29 Jul 2026.
        >>> pa_payments_notice_deadline(quarter_end=pendulum.Date(2026, 6, 30)).due_by
        Date(2026, 7, 29)
    """
    return beginning_with_period_end(
        quarter_end,
        field="quarter_end",
        ends=_QUARTER_ENDS,
        expected="the last day of a quarter (31 Mar, 30 Jun, 30 Sep, 31 Dec; s.70(5))",
        rule=Regime.PA_2023.cite("s.70(2)"),
        notice="publish payments information (UK8)",
        period="quarter",
        notes=(
            (
                "UNCONFIRMED: the notice code UK8 (PR24 reg 5(3) lists s.69(1) but not s.70); "
                "the information is published for each payment of more than £30,000 (s.70(1))"
            ),
        ),
    )


def pcr_contract_award_notice_deadline(
    *,
    concluded_on: dt.date,
    roll_forward: bool = False,
    calendar: WorkingDayCalendar | None = None,
) -> NoticeDeadline:
    """When a PCR 2015 contract award notice is due: reg 50(1), 30 days after the contract's conclusion.

    PCR reg 2 does not count the day of the event, so day 1 is the day after
    the contract was concluded and the notice is due by the end of day 30. Reg 2
    also moves a period that ends on a non-working day to the next working day;
    for a deadline to *act*, the cautious default does not rely on that
    (``roll_forward=False``); pass ``roll_forward=True`` to apply it (with
    [`pcr_calendar`][commissioning.calendar.pcr_calendar] unless ``calendar`` is given).
    UNCONFIRMED: reg 50 is not in the project's reference; the 30-day limit is
    the regulation as commonly stated.

    Examples:
        >>> import pendulum
        >>> # Concluded Fri 1 May 2026: day 1 is 2 May, day 30 is Sun 31 May 2026.
        >>> pcr_contract_award_notice_deadline(concluded_on=pendulum.Date(2026, 5, 1)).due_by
        Date(2026, 5, 31)
        >>> pcr_contract_award_notice_deadline(concluded_on=pendulum.Date(2026, 5, 1),
        ...                                    roll_forward=True).due_by
        Date(2026, 6, 1)
    """
    check = Checker()
    concluded = _date(check, concluded_on, "concluded_on")
    _flag(check, "roll_forward", roll_forward)
    check.done()
    assert concluded is not None  # noqa: S101 - checked above
    day = concluded
    last = day.add(days=30)
    notes = [
        (
            "UNCONFIRMED: PCR 2015 reg 50(1) is not in the project's reference; the 30-day limit "
            "is the regulation as commonly stated"
        )
    ]
    if roll_forward:
        rolled = (calendar or pcr_calendar()).roll_forward(last)
        if rolled != last:
            notes.append(f"reg 2 roll-forward: day 30 ({last}) is not a working day")
        last = rolled
    else:
        notes.append("cautious reading: no reg 2 roll-forward for a deadline to act")
    return NoticeDeadline(
        regime=Regime.PCR_2015,
        rule=Regime.PCR_2015.cite("reg 50(1)"),
        notice="send the contract award notice",
        event="the contract was concluded",
        event_on=day,
        first_day=day,
        last_day=last,
        length=30,
        unit="days",
        counting="beginning with the day after the contract was concluded (reg 2)",
        counted_from=day.add(days=1),
        notes=tuple(notes),
    )


def psr_award_notice_deadline(
    *, awarded_on: dt.date, count_event_day: bool = True
) -> NoticeDeadline:
    """When a PSR notice of the award is due: within 30 days (the reference's "notices within 30 days").

    The reference gives no counting rule, so the cautious default counts the day
    of the award as day 1 (the earlier deadline); ``count_event_day=False``
    starts the count the day after. UNCONFIRMED: which notice each PSR process
    needs and its regulation number follow the PSR statutory guidance.

    Examples:
        >>> import pendulum
        >>> # Awarded Mon 1 Jun 2026, counted as day 1: day 30 is Tue 30 Jun 2026.
        >>> psr_award_notice_deadline(awarded_on=pendulum.Date(2026, 6, 1)).due_by
        Date(2026, 6, 30)
    """
    check = Checker()
    day = _date(check, awarded_on, "awarded_on")
    _flag(check, "count_event_day", count_event_day)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    return _within_days(
        rule=Regime.PSR_2023.cite("regs 7-11"),
        notice="publish the notice of the award",
        event="the contract was awarded",
        event_on=day,
        days=30,
        count_event_day=count_event_day,
        notes=(
            "UNCONFIRMED: the reference says only that PSR notices are published within 30 days",
        ),
        regime=Regime.PSR_2023,
    )
