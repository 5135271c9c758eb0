"""Minimum time limits: PA 2023 s.54 and PCR 2015 regs 27 and 28."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pendulum

from .._errors import InvalidInput, Problem
from .._time import as_date
from .._validation import Checker
from ..calendar import WorkingDayCalendar
from ..calendar._calendar import _default_pcr_calendar
from ..thresholds import Regime
from ._results import NoTimeLimit, Stage, TimeLimit, TimeLimitRow
from ._standstill import _calendar

__all__ = [
    "pa_participation_period",
    "pa_tendering_period",
    "pcr_open_procedure_time_limit",
    "pcr_restricted_procedure_time_limit",
    "qualifying_planned_procurement_notice",
]

_PA = Regime.PA_2023
_PCR = Regime.PCR_2015
_PA_COUNTING = "beginning with the day after the invitation"
_PCR_COUNTING = "after the day the notice or invitation was sent (reg 2: that day is not counted)"


def _months_before(day: pendulum.Date, months: int) -> pendulum.Date:
    return day.subtract(months=months)


def _window_check(
    *,
    earlier: pendulum.Date,
    later: pendulum.Date,
    min_days: int,
    strict: bool,
) -> tuple[bool, str]:
    gap = (later - earlier).days
    need = min_days + 1 if strict else min_days
    oldest = _months_before(later, 12)
    within_year = earlier > oldest if strict else earlier >= oldest
    if gap <= 0:
        return False, f"published {earlier}, not before {later}"
    if gap < need:
        reading = f"{min_days} clear days" if strict else f"{min_days} days"
        return False, f"published {gap} days before, needs at least {reading}"
    if not within_year:
        bound = "less than" if strict else "no more than"
        return False, f"published {earlier}, needs to be {bound} 12 months before {later}"
    return True, f"published {gap} days before"


def qualifying_planned_procurement_notice(
    *, planned_on: dt.date, tender_notice_on: dt.date, strict: bool = True
) -> bool:
    """Whether a planned procurement notice qualifies for the 10-day tendering period (PA s.54).

    It qualifies when published at least 40 days and at most 12 months before
    the tender notice. The cautious (``strict=True``) reading needs 40 *clear*
    days between the two publication days (a gap of 41 or more) and strictly
    less than 12 months; ``strict=False`` accepts a gap of exactly 40 days and
    exactly 12 months. The notice must also contain the prescribed information
    (s.15, PR24 reg 16): that is the caller's to check.

    Example:
        >>> # 40 days from Mon 5 Jan 2026 is Sat 14 Feb; clear days need a tender notice on 15 Feb or later.
        >>> qualifying_planned_procurement_notice(planned_on=pendulum.Date(2026, 1, 5),
        ...     tender_notice_on=pendulum.Date(2026, 2, 14))
        False
        >>> qualifying_planned_procurement_notice(planned_on=pendulum.Date(2026, 1, 5),
        ...     tender_notice_on=pendulum.Date(2026, 2, 14), strict=False)
        True
    """
    check = Checker()
    days = []
    for field, value in (("planned_on", planned_on), ("tender_notice_on", tender_notice_on)):
        try:
            days.append(as_date(value, field=field))
        except InvalidInput as err:
            check.extend(err)
    check.type("strict", strict, bool, "a bool")
    check.done()
    ok, _ = _window_check(earlier=days[0], later=days[1], min_days=40, strict=strict)
    return ok


def _choose(
    *,
    regime: Regime,
    rule: str,
    stage: Stage,
    invited_on: pendulum.Date,
    rows: Sequence[TimeLimitRow],
    counting: str,
    calendar: WorkingDayCalendar | None,
    notes: Sequence[str] = (),
    no_limit_reason: str = "the time limit must still be reasonable (s.54(1))",
) -> TimeLimit | NoTimeLimit:
    applicable = [r for r in rows if r.applies]
    none_rows = [r for r in applicable if r.minimum_days is None]
    if none_rows:
        return NoTimeLimit(
            regime=regime,
            rule=rule,
            stage=stage,
            circumstance=none_rows[0].circumstance,
            reason=no_limit_reason,
            invited_on=invited_on,
            considered=tuple(rows),
            notes=tuple(notes),
        )
    best = min(applicable, key=lambda r: r.minimum_days or 0)
    minimum = best.minimum_days or 0
    nominal = invited_on.add(days=minimum)
    last = nominal if calendar is None else calendar.roll_forward(nominal)
    return TimeLimit(
        regime=regime,
        rule=rule,
        stage=stage,
        circumstance=best.circumstance,
        minimum_days=minimum,
        invited_on=invited_on,
        first_day=invited_on.add(days=1),
        last_day=last,
        earliest_deadline=last,
        nominal_last_day=nominal,
        considered=tuple(rows),
        counting=counting,
        notes=tuple(notes),
    )


def _flags(check: Checker, **flags: object) -> None:
    for name, value in flags.items():
        check.type(name, value, bool, "a bool")


def pa_participation_period(
    *, invited_on: dt.date, light_touch: bool = False, urgency: bool = False
) -> TimeLimit | NoTimeLimit:
    """The PA minimum participation period (requests to participate), s.54(3).

    No minimum for a light touch contract; 10 days where urgency makes 25
    impractical; otherwise 25. Where more than one row applies the shortest
    wins. Days are calendar days *beginning with the day after* the invitation
    and ending with the deadline day (s.54(5)); the Act does not move a
    deadline off a weekend or holiday.

    Example:
        >>> # Tender notice Mon 2 Mar 2026: day 1 is Tue 3 Mar, day 25 is Fri 27 Mar.
        >>> pa_participation_period(invited_on=pendulum.Date(2026, 3, 2)).earliest_deadline
        Date(2026, 3, 27)
    """
    check = Checker()
    day = None
    try:
        day = as_date(invited_on, field="invited_on")
    except InvalidInput as err:
        check.extend(err)
    _flags(check, light_touch=light_touch, urgency=urgency)
    check.done()
    assert day is not None  # noqa: S101 - checked above
    rows = (
        TimeLimitRow("light touch contract", None, applies=light_touch),
        TimeLimitRow("urgency", 10, applies=urgency),
        TimeLimitRow("any other case", 25, applies=True),
    )
    return _choose(
        regime=_PA,
        rule=_PA.cite("s.54(3)"),
        stage=Stage.PARTICIPATION,
        invited_on=day,
        rows=rows,
        counting=_PA_COUNTING,
        calendar=None,
    )


def pa_tendering_period(
    *,
    invited_on: dt.date,
    electronic_submission: bool,
    all_documents_available: bool,
    light_touch: bool = False,
    urgency: bool = False,
    dynamic_market: bool = False,
    utilities_or_non_central: bool = False,
    preselected_suppliers: bool = False,
    period_agreed_with_suppliers: bool = False,
    planned_procurement_notice_on: dt.date | None = None,
    tender_notice_on: dt.date | None = None,
    strict_planned_notice_window: bool = True,
) -> TimeLimit | NoTimeLimit:
    """The PA minimum tendering period from the facts, s.54(4): the shortest applicable row wins.

    Rows: light touch (none); utilities contract or non-central authority with
    pre-selected suppliers and a period agreed with them (none), or without an
    agreed period (10); a qualifying planned procurement notice (10); urgency
    (10); an award under a dynamic market (10); electronic submission with all
    documents available at once (25), electronic without (30), not electronic
    with (30), neither (35). Calendar days beginning with the day after the
    invitation (s.54(5)), with no roll-forward.

    The planned procurement notice qualifies when published at least 40 days
    and at most 12 months before the tender notice
    ([`qualifying_planned_procurement_notice`][commissioning.periods.qualifying_planned_procurement_notice]; ``strict_planned_notice_window``
    chooses the reading). ``tender_notice_on`` defaults to ``invited_on`` (an
    open procedure's invitation is its tender notice).

    Example:
        >>> # Electronic, documents all available, but a qualifying planned procurement notice
        >>> # 3 months earlier: 10 days, day 1 Tue 3 Mar 2026 to day 10 Thu 12 Mar.
        >>> t = pa_tendering_period(invited_on=pendulum.Date(2026, 3, 2), electronic_submission=True,
        ...     all_documents_available=True, planned_procurement_notice_on=pendulum.Date(2025, 12, 1))
        >>> t.minimum_days, t.circumstance, t.earliest_deadline
        (10, 'qualifying planned procurement notice', Date(2026, 3, 12))
    """
    check = Checker()
    day = planned = tender = None
    try:
        day = as_date(invited_on, field="invited_on")
    except InvalidInput as err:
        check.extend(err)
    for field, value in (
        ("planned_procurement_notice_on", planned_procurement_notice_on),
        ("tender_notice_on", tender_notice_on),
    ):
        if value is not None:
            try:
                parsed = as_date(value, field=field)
            except InvalidInput as err:
                check.extend(err)
                continue
            if field == "tender_notice_on":
                tender = parsed
            else:
                planned = parsed
    _flags(
        check,
        electronic_submission=electronic_submission,
        all_documents_available=all_documents_available,
        light_touch=light_touch,
        urgency=urgency,
        dynamic_market=dynamic_market,
        utilities_or_non_central=utilities_or_non_central,
        preselected_suppliers=preselected_suppliers,
        period_agreed_with_suppliers=period_agreed_with_suppliers,
        strict_planned_notice_window=strict_planned_notice_window,
    )
    if period_agreed_with_suppliers:
        check.that(
            preselected_suppliers and utilities_or_non_central,
            "period_agreed_with_suppliers",
            "True only with preselected_suppliers and utilities_or_non_central",
            period_agreed_with_suppliers,
        )
    if day is not None and tender is not None:
        check.that(tender <= day, "tender_notice_on", f"a day not after invited_on ({day})", tender)
    if tender is not None and planned_procurement_notice_on is None:
        check.add(
            Problem("tender_notice_on", "given only with planned_procurement_notice_on", tender)
        )
    check.done()
    assert day is not None  # noqa: S101 - checked above
    preselected = utilities_or_non_central and preselected_suppliers
    if planned is not None:
        qualifies, why = _window_check(
            earlier=planned,
            later=tender or day,
            min_days=40,
            strict=strict_planned_notice_window,
        )
    else:
        qualifies, why = False, "none published"
    e, a = electronic_submission, all_documents_available
    rows = (
        TimeLimitRow("light touch contract", None, applies=light_touch),
        TimeLimitRow(
            "utilities or non-central authority, pre-selected suppliers, period agreed with them",
            None,
            applies=preselected and period_agreed_with_suppliers,
        ),
        TimeLimitRow(
            "utilities or non-central authority, pre-selected suppliers, no agreed period",
            10,
            applies=preselected and not period_agreed_with_suppliers,
        ),
        TimeLimitRow("qualifying planned procurement notice", 10, applies=qualifies, note=why),
        TimeLimitRow("urgency", 10, applies=urgency),
        TimeLimitRow("award under a dynamic market", 10, applies=dynamic_market),
        TimeLimitRow("electronic submission, all documents at once", 25, applies=e and a),
        TimeLimitRow("electronic submission, documents not all at once", 30, applies=e and not a),
        TimeLimitRow("not electronic, all documents at once", 30, applies=not e and a),
        TimeLimitRow("not electronic, documents not all at once", 35, applies=not e and not a),
    )
    notes = []
    if planned is not None:
        reading = "40 clear days, under 12 months" if strict_planned_notice_window else "inclusive"
        notes.append(f"Planned procurement notice window read as: {reading}.")
    return _choose(
        regime=_PA,
        rule=_PA.cite("s.54(4)"),
        stage=Stage.TENDERING,
        invited_on=day,
        rows=rows,
        counting=_PA_COUNTING,
        calendar=None,
        notes=notes,
    )


def _pcr_common(
    check: Checker,
    sent_on: dt.date,
    prior_information_notice_sent_on: dt.date | None,
) -> tuple[pendulum.Date | None, pendulum.Date | None]:
    day = pin = None
    try:
        day = as_date(sent_on, field="sent_on")
    except InvalidInput as err:
        check.extend(err)
    if prior_information_notice_sent_on is not None:
        try:
            pin = as_date(
                prior_information_notice_sent_on, field="prior_information_notice_sent_on"
            )
        except InvalidInput as err:
            check.extend(err)
    return day, pin


def pcr_open_procedure_time_limit(
    *,
    sent_on: dt.date,
    electronic_tenders: bool,
    prior_information_notice_sent_on: dt.date | None = None,
    urgency: bool = False,
    strict_pin_window: bool = True,
    calendar: WorkingDayCalendar | None = None,
) -> TimeLimit | NoTimeLimit:
    """The PCR 2015 open procedure's minimum time for tenders (reg 27).

    35 days from the day the contract notice was sent; 30 when tenders may be
    submitted electronically; 15 with a prior information notice sent at least
    35 days and at most 12 months before, or in a duly substantiated urgency.
    Counted by reg 2: the sending day is not counted, and a period ending on a
    non-working day ends at the end of the next working day.

    Example:
        >>> # Sent Fri 1 Mar 2024, electronic: day 30 is Sun 31 Mar (Easter Sunday); Mon 1 Apr is
        >>> # Easter Monday, so the period ends at the end of Tue 2 Apr 2024.
        >>> pcr_open_procedure_time_limit(sent_on=pendulum.Date(2024, 3, 1),
        ...     electronic_tenders=True).earliest_deadline
        Date(2024, 4, 2)
    """
    check = Checker()
    day, pin = _pcr_common(check, sent_on, prior_information_notice_sent_on)
    _flags(
        check,
        electronic_tenders=electronic_tenders,
        urgency=urgency,
        strict_pin_window=strict_pin_window,
    )
    check.done()
    assert day is not None  # noqa: S101 - checked above
    cal = _calendar(calendar, _default_pcr_calendar())
    pin_ok, why = (
        _window_check(earlier=pin, later=day, min_days=35, strict=strict_pin_window)
        if pin is not None
        else (False, "none sent")
    )
    rows = (
        TimeLimitRow("standard", 35, applies=True),
        TimeLimitRow("tenders may be submitted electronically", 30, applies=electronic_tenders),
        TimeLimitRow("prior information notice", 15, applies=pin_ok, note=why),
        TimeLimitRow("urgency", 15, applies=urgency),
    )
    return _choose(
        regime=_PCR,
        rule=_PCR.cite("reg 27 with reg 2"),
        stage=Stage.TENDERING,
        invited_on=day,
        rows=rows,
        counting=_PCR_COUNTING,
        calendar=cal,
    )


def pcr_restricted_procedure_time_limit(
    *,
    stage: Stage,
    sent_on: dt.date,
    electronic_tenders: bool = False,
    prior_information_notice_sent_on: dt.date | None = None,
    contract_notice_sent_on: dt.date | None = None,
    urgency: bool = False,
    strict_pin_window: bool = True,
    calendar: WorkingDayCalendar | None = None,
    sub_central: bool = False,
    period_agreed_with_candidates: bool = False,
) -> TimeLimit | NoTimeLimit:
    """The PCR 2015 restricted procedure's minimum time limits (reg 28).

    Requests to participate: 30 days from the day the contract notice was sent
    (reg 28(2); 15 in urgency, reg 28(10)(a)). Tenders: 30 days from the day the
    invitation to tender was sent (reg 28(5)); 25 when tenders may be submitted
    electronically (reg 28(9)); 10 with a prior information notice sent at least
    35 days and at most 12 months before (reg 28(6)) or in urgency (reg
    28(10)(b)). A sub-central contracting authority (every authority that is not
    a central government authority, reg 2(1)) may instead set the time limit by
    agreement with all selected candidates (no minimum, reg 28(7);
    ``period_agreed_with_candidates``), and without agreement needs at least 10
    days (reg 28(8)). Counted by reg 2 (sending day not counted; roll-forward to
    a working day); the minimum period runs to the end of its last day. The same
    limits apply to initial tenders in the competitive procedure with
    negotiation (reg 29(4)-(10)). Read in the regulation's text (the
    legalize-dev/legalize-uk mirror, ``uk/uksi-2015-102.md``).

    For the tendering stage, ``sent_on`` is the day the invitation to tender was
    sent, and a prior information notice is measured against
    ``contract_notice_sent_on`` (needed with it); for requests to participate,
    ``sent_on`` is the day the contract notice was sent.

    Example:
        >>> pcr_restricted_procedure_time_limit(stage=Stage.PARTICIPATION,
        ...     sent_on=pendulum.Date(2024, 6, 3)).earliest_deadline
        Date(2024, 7, 3)
    """
    check = Checker()
    day, pin = _pcr_common(check, sent_on, prior_information_notice_sent_on)
    check.type("stage", stage, Stage, "a Stage")
    notice_day = None
    if contract_notice_sent_on is not None:
        try:
            notice_day = as_date(contract_notice_sent_on, field="contract_notice_sent_on")
        except InvalidInput as err:
            check.extend(err)
    if pin is not None and stage is Stage.TENDERING:
        check.that(
            contract_notice_sent_on is not None,
            "contract_notice_sent_on",
            "the day the contract notice was sent (the prior information notice is measured "
            "against it)",
            contract_notice_sent_on,
        )
    _flags(
        check,
        electronic_tenders=electronic_tenders,
        urgency=urgency,
        strict_pin_window=strict_pin_window,
        sub_central=sub_central,
        period_agreed_with_candidates=period_agreed_with_candidates,
    )
    if period_agreed_with_candidates is True:
        check.that(
            sub_central is True,
            "period_agreed_with_candidates",
            "False unless the authority is sub-central (reg 28(7))",
            period_agreed_with_candidates,
        )
    check.done()
    assert day is not None  # noqa: S101 - checked above
    cal = _calendar(calendar, _default_pcr_calendar())
    if stage is Stage.PARTICIPATION:
        rows: tuple[TimeLimitRow, ...] = (
            TimeLimitRow("standard", 30, applies=True),
            TimeLimitRow("urgency", 15, applies=urgency),
        )
    else:
        pin_ok, why = (
            _window_check(earlier=pin, later=notice_day, min_days=35, strict=strict_pin_window)
            if pin is not None and notice_day is not None
            else (False, "none sent")
        )
        rows = (
            TimeLimitRow("standard", 30, applies=True),
            TimeLimitRow("tenders may be submitted electronically", 25, applies=electronic_tenders),
            TimeLimitRow("prior information notice", 10, applies=pin_ok, note=why),
            TimeLimitRow("urgency", 10, applies=urgency),
            TimeLimitRow(
                "sub-central authority, period agreed with all selected candidates (reg 28(7))",
                None,
                applies=sub_central and period_agreed_with_candidates,
            ),
            TimeLimitRow(
                "sub-central authority without such an agreement (reg 28(8))",
                10,
                applies=sub_central and not period_agreed_with_candidates,
            ),
        )
    return _choose(
        regime=_PCR,
        rule=_PCR.cite("reg 28 with reg 2"),
        stage=stage,
        invited_on=day,
        rows=rows,
        counting=_PCR_COUNTING,
        calendar=cal,
        no_limit_reason="all selected candidates must have the same time to prepare and submit "
        "their tenders (reg 28(7))",
    )
