"""Notice windows and deadlines under the Procurement Act 2023: s.53, s.69, s.71, s.80, s.93."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum

from .._errors import InvalidInput
from .._money import pounds
from .._time import as_date
from .._validation import Checker
from ..thresholds import Regime
from ._results import NoticeDeadline, NotRequired

__all__ = [
    "CONTRACT_COPY_THRESHOLD",
    "PIPELINE_SPEND_THRESHOLD",
    "pa_contract_copy_deadline",
    "pa_contract_details_deadline",
    "pa_payments_compliance_deadline",
    "pa_performance_assessment_due",
    "pa_performance_notice_deadline",
    "pa_pipeline_notice_window",
    "pa_termination_notice_deadline",
]

CONTRACT_COPY_THRESHOLD = Decimal("5000000.00")
"""A copy of the contract is published when its value is more than this (PA s.53)."""

PIPELINE_SPEND_THRESHOLD = Decimal("100000000.00")
"""A pipeline notice is due when expected spend in the financial year is more than this (PA s.93)."""

_PA = Regime.PA_2023
_BEGINNING = "beginning with the day"


def _money(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _flag(check: Checker, name: str, value: object) -> None:
    check.type(name, value, bool, "a bool")


def _date(check: Checker, value: object, field: str) -> pendulum.Date | None:
    try:
        return as_date(value, field=field)
    except InvalidInput as err:
        check.extend(err)
        return None


def _within_days(
    *,
    rule: str,
    notice: str,
    event: str,
    event_on: pendulum.Date,
    days: int,
    count_event_day: bool,
    notes: tuple[str, ...] = (),
    regime: Regime = _PA,
) -> NoticeDeadline:
    start = event_on if count_event_day else event_on.add(days=1)
    counting = f"{_BEGINNING} {event}" if count_event_day else f"{_BEGINNING} after the day {event}"
    return NoticeDeadline(
        regime=regime,
        rule=rule,
        notice=notice,
        event=event,
        event_on=event_on,
        first_day=event_on,
        last_day=start.add(days=days - 1),
        length=days,
        unit="days",
        counting=counting,
        counted_from=start,
        notes=notes,
    )


def pa_contract_details_deadline(
    *, entered_on: dt.date, light_touch: bool = False
) -> NoticeDeadline:
    """When the contract details notice (UK7) is due: s.53(1).

    Before the end of 30 days (120 for a light touch contract) *beginning with*
    the day the contract is entered into, so the entry day is day 1.

    Example:
        >>> # Entered Mon 29 Jun 2026: day 1 is 29 Jun, day 30 is Tue 28 Jul.
        >>> pa_contract_details_deadline(entered_on=pendulum.Date(2026, 6, 29)).due_by
        Date(2026, 7, 28)
        >>> pa_contract_details_deadline(entered_on=pendulum.Date(2026, 6, 29), light_touch=True).due_by
        Date(2026, 10, 26)
    """
    check = Checker()
    day = _date(check, entered_on, "entered_on")
    _flag(check, "light_touch", light_touch)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    return _within_days(
        rule=_PA.cite("s.53(1)"),
        notice="publish the contract details notice (UK7)",
        event="the contract was entered into",
        event_on=day,
        days=120 if light_touch else 30,
        count_event_day=True,
    )


def pa_contract_copy_deadline(
    *, entered_on: dt.date, value_including_vat: Decimal | int | str, light_touch: bool = False
) -> NoticeDeadline | NotRequired:
    """When a copy of the contract must be published, for a contract worth more than £5m: s.53.

    90 days (180 for a light touch contract) beginning with the day the contract
    is entered into. At £5m or less no copy is required. The subsection number
    and the exceptions (e.g. redactions, utilities) are not modelled here.

    Example:
        >>> # Entered Thu 1 Jan 2026, £6m: day 1 is 1 Jan, day 90 is Tue 31 Mar 2026.
        >>> pa_contract_copy_deadline(entered_on=pendulum.Date(2026, 1, 1),
        ...     value_including_vat="6000000").due_by
        Date(2026, 3, 31)
    """
    check = Checker()
    day = _date(check, entered_on, "entered_on")
    value = None
    try:
        value = pounds(value_including_vat, field="value_including_vat")
    except InvalidInput as err:
        check.extend(err)
    _flag(check, "light_touch", light_touch)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    assert value is not None  # noqa: S101 - checked above
    rule = _PA.cite("s.53")
    if value <= CONTRACT_COPY_THRESHOLD:
        return NotRequired(
            regime=_PA,
            rule=rule,
            notice="publication of a copy of the contract",
            reason=(
                f"the estimated value {_money(value)} is not more than "
                f"{_money(CONTRACT_COPY_THRESHOLD)}"
            ),
        )
    return _within_days(
        rule=rule,
        notice="publish a copy of the contract",
        event="the contract was entered into",
        event_on=day,
        days=180 if light_touch else 90,
        count_event_day=True,
    )


def pa_termination_notice_deadline(
    *, terminated_on: dt.date, count_event_day: bool = True
) -> NoticeDeadline:
    """When the contract termination notice (UK11) is due: within 30 days of termination, s.80.

    Cautious reading (default): 30 days *beginning with* the day the contract
    terminated (expiry and discharge included). ``count_event_day=False``
    counts from the day after instead, one day later.

    Example:
        >>> # Terminated Tue 30 Jun 2026: day 1 is 30 Jun, day 30 is Wed 29 Jul.
        >>> pa_termination_notice_deadline(terminated_on=pendulum.Date(2026, 6, 30)).due_by
        Date(2026, 7, 29)
    """
    check = Checker()
    day = _date(check, terminated_on, "terminated_on")
    _flag(check, "count_event_day", count_event_day)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    return _within_days(
        rule=_PA.cite("s.80"),
        notice="publish the contract termination notice (UK11)",
        event="the contract terminated",
        event_on=day,
        days=30,
        count_event_day=count_event_day,
        notes=() if count_event_day else ("Reading chosen: counted from the day after.",),
    )


def pa_performance_notice_deadline(
    *, event_on: dt.date, count_event_day: bool = True
) -> NoticeDeadline:
    """When a contract performance notice (UK9) on a breach or failure is due: within 30 days, s.71.

    Cautious reading (default): 30 days beginning with the day of the breach or
    failure event (``event_on``: e.g. the termination for breach, the award of
    damages, the settlement, or the failure to remedy); ``count_event_day=False``
    counts from the day after. The subsection is UNCONFIRMED.

    Example:
        >>> pa_performance_notice_deadline(event_on=pendulum.Date(2026, 2, 1)).due_by
        Date(2026, 3, 2)
    """
    check = Checker()
    day = _date(check, event_on, "event_on")
    _flag(check, "count_event_day", count_event_day)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    return _within_days(
        rule=_PA.cite("s.71"),
        notice="publish a contract performance notice (UK9) on the breach or failure",
        event="of the breach or failure event",
        event_on=day,
        days=30,
        count_event_day=count_event_day,
    )


def pa_performance_assessment_due(
    *, since: dt.date, count_start_day: bool = True
) -> NoticeDeadline:
    """When the next KPI performance assessment and its notice (UK9) are due: s.71 cadence.

    At least once every 12 months. ``since`` is the day the contract was entered
    into or the last assessment was published. Cautious reading (default): the
    12 months begin with ``since``, so the next is due by the day before its
    anniversary; ``count_start_day=False`` allows the anniversary itself. The
    anniversary of 29 February is taken to be 1 March.

    Example:
        >>> pa_performance_assessment_due(since=pendulum.Date(2026, 3, 1)).due_by
        Date(2027, 2, 28)
        >>> pa_performance_assessment_due(since=pendulum.Date(2026, 3, 1), count_start_day=False).due_by
        Date(2027, 3, 1)
    """
    check = Checker()
    day = _date(check, since, "since")
    _flag(check, "count_start_day", count_start_day)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    anniversary = day.add(months=12)
    if anniversary.day != day.day:  # 29 February: the corresponding day is 1 March
        anniversary = anniversary.add(days=1)
    last = anniversary.subtract(days=1) if count_start_day else anniversary
    counting = f"{_BEGINNING} of the last assessment or entry into the contract"
    if not count_start_day:
        counting = f"{_BEGINNING} after the last assessment or entry into the contract"
    return NoticeDeadline(
        regime=_PA,
        rule=_PA.cite("s.71"),
        notice="assess performance against the KPIs and publish a contract performance notice (UK9)",
        event="the last assessment or entry into the contract",
        event_on=day,
        first_day=day.add(days=1),
        last_day=last,
        length=12,
        unit="months",
        counting=counting,
        counted_from=day if count_start_day else day.add(days=1),
        notes=("Also due on termination (s.71).",),
    )


def pa_payments_compliance_deadline(*, period_end: dt.date) -> NoticeDeadline:
    """When the payments compliance notice (UK17) is due: s.69(1).

    "Before the end of the period of 30 days *beginning with the last day* of a
    reporting period": the period's last day is day 1, so the notice is due by
    the 29th day after it (31 March -> 29 April; 30 September -> 29 October).
    Reporting periods end on 31 March or 30 September (s.69(3)); the first
    begins on the day s.69 comes into force (1 January 2026; 1 April 2026 for
    procurements regulated by the Welsh Ministers: SI 2025/1316 reg 2), which
    ``commissioning.procurement.PA_COMMENCEMENTS`` holds as data.

    Example:
        >>> # Period ending Tue 31 Mar 2026: day 1 is 31 Mar, day 30 is Wed 29 Apr 2026.
        >>> pa_payments_compliance_deadline(period_end=pendulum.Date(2026, 3, 31)).due_by
        Date(2026, 4, 29)
    """
    return beginning_with_period_end(
        period_end,
        field="period_end",
        ends=((3, 31), (9, 30)),
        expected="31 March or 30 September",
        rule=_PA.cite("s.69(1)"),
        notice="publish the payments compliance notice (UK17)",
        period="reporting period",
    )


def beginning_with_period_end(
    value: object,
    *,
    field: str,
    ends: tuple[tuple[int, int], ...],
    expected: str,
    rule: str,
    notice: str,
    period: str,
    notes: tuple[str, ...] = (),
) -> NoticeDeadline:
    """Before the end of 30 days *beginning with the last day* of a period ending on one of ``ends``.

    The words of PA s.69(1) and s.70(2): the period's last day is day 1 of the 30,
    so the last day to publish is the 29th day after the period ends.
    """
    day = as_date(value, field=field)
    if (day.month, day.day) not in ends:
        raise InvalidInput.of(field, expected, day)
    return NoticeDeadline(
        regime=_PA,
        rule=rule,
        notice=notice,
        event=f"the {period} ended",
        event_on=day,
        first_day=day,
        last_day=day.add(days=29),
        length=30,
        unit="days",
        counting=f"{_BEGINNING} on which the {period} ended (its last day is day 1)",
        counted_from=day,
        notes=notes,
    )


def pa_pipeline_notice_window(
    *, financial_year: int, expected_spend: Decimal | int | str
) -> NoticeDeadline | NotRequired:
    """When the pipeline notice (UK1) is due: within 56 days beginning with 1 April, s.93.

    Required only when the authority expects to spend more than £100m under
    relevant contracts in the financial year. ``financial_year`` is the year in
    which it begins (2026 for 1 April 2026 to 31 March 2027).

    Example:
        >>> # Day 1 is Wed 1 Apr 2026; day 56 is Tue 26 May 2026.
        >>> pa_pipeline_notice_window(financial_year=2026, expected_spend="150000000").due_by
        Date(2026, 5, 26)
    """
    check = Checker()
    if check.type("financial_year", financial_year, int, "an int year"):
        check.that(
            1900 <= financial_year <= 2200, "financial_year", "a year 1900-2200", financial_year
        )
    spend = None
    try:
        spend = pounds(expected_spend, field="expected_spend")
    except InvalidInput as err:
        check.extend(err)
    check.done()
    assert spend is not None  # noqa: S101 - checked above
    rule = _PA.cite("s.93")
    if spend <= PIPELINE_SPEND_THRESHOLD:
        return NotRequired(
            regime=_PA,
            rule=rule,
            notice="pipeline notice (UK1)",
            reason=(
                f"expected spend {_money(spend)} in the financial year is not more than "
                f"{_money(PIPELINE_SPEND_THRESHOLD)}"
            ),
        )
    start = pendulum.Date(financial_year, 4, 1)
    return NoticeDeadline(
        regime=_PA,
        rule=rule,
        notice="publish the pipeline notice (UK1)",
        event="the financial year began",
        event_on=start,
        first_day=start,
        last_day=start.add(days=55),
        length=56,
        unit="days",
        counting=f"{_BEGINNING} the financial year began",
        counted_from=start,
    )
