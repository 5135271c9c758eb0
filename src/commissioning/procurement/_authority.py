"""The contracting authority's own duties on a day: payments compliance (s.69) and pipeline (s.93).

Not tied to one procurement. Both consult the commencement table (s.69 came
into force on 1 January 2026, or 1 April 2026 for a procurement regulated by the
Welsh Ministers: SI 2025/1316 reg 2) and the exemption table (private
utilities, transferred Northern Ireland authorities: s.69(6), s.93(6)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._money import pounds
from .._time import as_date
from ..periods import NoticeDeadline, pa_payments_compliance_deadline, pa_pipeline_notice_window
from ._commencement import PA_COMMENCEMENTS, CommencementTable, Devolution
from ._exemptions import Circumstance, ExemptionTable, check_exemption_table
from ._obligations import Obligation, ObligationStatus, _deadline_duty
from ._rules import RULES

__all__ = ["authority_obligations", "first_reporting_period", "reporting_period_ending"]

_NA = ObligationStatus.NOT_APPLICABLE


def _d(day: pendulum.Date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _next_period_end(day: pendulum.Date) -> pendulum.Date:
    """The first 31 March or 30 September strictly after ``day`` (s.69(3)(a): "following that day")."""
    for year in (day.year, day.year + 1):
        for month, last in ((3, 31), (9, 30)):
            end = pendulum.Date(year, month, last)
            if end > day:
                return end
    raise AssertionError(
        "unreachable: a period end always follows within a year"
    )  # pragma: no cover


def first_reporting_period(
    *, commencement: CommencementTable | None = None, welsh: bool = False
) -> tuple[pendulum.Date, pendulum.Date] | None:
    """The first s.69 reporting period: from the day s.69 comes into force to the next 31 Mar or 30 Sep.

    s.69(3)(a): "the period beginning with the day on which this section comes
    into force and ending with the 31 March or 30 September following that day,
    whichever is earlier": a partial period. ``None`` where s.69 is not in force.

    Examples:
        >>> first_reporting_period()
        (Date(2026, 1, 1), Date(2026, 3, 31))
        >>> first_reporting_period(welsh=True)
        (Date(2026, 4, 1), Date(2026, 9, 30))
    """
    table = PA_COMMENCEMENTS if commencement is None else commencement
    start = table.row("s.69").starts(welsh=welsh)
    if start is None:
        return None
    return start, _next_period_end(start)


def reporting_period_ending(
    day: dt.date, *, commencement: CommencementTable | None = None, welsh: bool = False
) -> tuple[pendulum.Date, pendulum.Date] | None:
    """The latest s.69 reporting period whose last day is on or before ``day``; ``None`` if none yet.

    Examples:
        >>> reporting_period_ending(pendulum.Date(2026, 5, 1))
        (Date(2026, 1, 1), Date(2026, 3, 31))
        >>> reporting_period_ending(pendulum.Date(2026, 10, 1))
        (Date(2026, 4, 1), Date(2026, 9, 30))
        >>> reporting_period_ending(pendulum.Date(2025, 11, 1)) is None
        True
    """
    on = as_date(day, field="day")
    first = first_reporting_period(commencement=commencement, welsh=welsh)
    if first is None or on < first[1]:
        return None
    end = first[1]
    while True:
        following = _next_period_end(end)
        if following > on:
            break
        end = following
    if end == first[1]:
        return first
    start = pendulum.Date(end.year, 4, 1) if end.month == 9 else pendulum.Date(end.year - 1, 10, 1)
    return start, end


def authority_obligations(
    *,
    buyer: str,
    on: dt.date,
    expected_spend: Decimal | int | str | None = None,
    published: Iterable[tuple[str, dt.date]] = (),
    devolution: Devolution | str = Devolution.NOT_DEVOLVED,
    private_utility: bool = False,
    commencement: CommencementTable | None = None,
    exemptions: ExemptionTable | None = None,
) -> tuple[Obligation, ...]:
    """The contracting authority's own duties on day ``on``: payments compliance (UK17) and pipeline (UK1).

    [`Obligation.procurement_id`][commissioning.procurement.Obligation] is the buyer. ``published`` lists the
    authority's notices as ``(code, day)``.

    - UK17 (s.69): for the latest reporting period ending on or before ``on``,
      due before the end of 30 days beginning with its last day. The first period
      is partial: from the day s.69 came into force (1 January 2026; 1 April 2026
      for a procurement regulated by the Welsh Ministers, ``devolution="devolved
      Welsh"``) to the next 31 March or 30 September. Before then it is reported
      not applicable, with the commencement. s.69(1) applies only if a payment was
      made (or became payable) under a public contract in the period: assumed.
    - UK1 (s.93): for the financial year containing ``on`` (the first is the one
      beginning 1 April 2025, s.93(4)), when ``expected_spend`` is given.
    - Not owed by a private utility (s.69(6)(b), s.93(6)(a)) or a transferred
      Northern Ireland authority (s.69(6)(a), s.93(6)(b)).

    Examples:
        >>> import pendulum
        >>> for o in authority_obligations(buyer="Anytown Council", on=pendulum.Date(2026, 5, 1),
        ...                                expected_spend="150000000"):
        ...     print(o)
        Anytown Council: publish the payments compliance notice (UK17) for the reporting period 2026-01-01 to 2026-03-31 (the first, partial) by Wed 29 Apr 2026: overdue (Procurement Act 2023 s.69)
        Anytown Council: publish the pipeline notice (UK1) for the financial year 2026-27 by Tue 26 May 2026: due (Procurement Act 2023 s.93)
    """
    if not (isinstance(buyer, str) and bool(buyer.strip())):
        raise InvalidInputType(
            [Problem("buyer", "the authority's name (a non-empty str)", buyer, "type")]
        )
    day = as_date(on, field="on")
    if not isinstance(private_utility, bool):
        raise InvalidInputType([Problem("private_utility", "a bool", private_utility, "type")])
    try:
        devolved = Devolution(devolution)
    except ValueError:
        raise InvalidInput.of(
            "devolution", f"a Devolution (one of {[d.value for d in Devolution]})", devolution
        ) from None
    if commencement is not None and not isinstance(commencement, CommencementTable):
        raise InvalidInputType(
            [Problem("commencement", "a CommencementTable or None", commencement, "type")]
        )
    table = PA_COMMENCEMENTS if commencement is None else commencement
    rows = check_exemption_table(exemptions)
    notices = [(code, as_date(d, field="published")) for code, d in published]
    circumstances = set()
    if private_utility:
        circumstances.add(Circumstance.PRIVATE_UTILITY)
    if devolved is Devolution.NORTHERN_IRELAND:
        circumstances.add(Circumstance.NORTHERN_IRELAND)
    welsh = devolved is Devolution.WELSH
    out: list[Obligation] = [
        _payments_compliance(buyer, day, notices, table, rows, circumstances, welsh=welsh)
    ]
    if expected_spend is not None:
        spend = pounds(expected_spend, field="expected_spend")
        out.append(_pipeline(buyer, day, notices, spend, rows, circumstances))
    return tuple(out)


def _payments_compliance(
    buyer: str,
    day: pendulum.Date,
    notices: list[tuple[str, pendulum.Date]],
    table: CommencementTable,
    rows: ExemptionTable,
    circumstances: set[Circumstance],
    *,
    welsh: bool,
) -> Obligation:
    rule = RULES["pa-s69-payments-compliance"]
    duty = "publish the payments compliance notice (UK17)"
    exemption = rows.exemption(rule.key, circumstances)
    if exemption is not None:
        return Obligation(buyer, duty, rule, _NA, notice="UK17", note=str(exemption))
    period = reporting_period_ending(day, commencement=table, welsh=welsh)
    if period is None:
        first = first_reporting_period(commencement=table, welsh=welsh)
        note = table.row("s.69").describe(welsh=welsh)
        if first is not None:
            due = pa_payments_compliance_deadline(period_end=first[1]).due_by
            note += (
                f"; the first reporting period runs {first[0].isoformat()} to "
                f"{first[1].isoformat()} (s.69(3)(a)), its notice due by {_d(due)}"
            )
        return Obligation(buyer, duty, rule, _NA, notice="UK17", note=note)
    start, end = period
    first = first_reporting_period(commencement=table, welsh=welsh)
    partial = " (the first, partial)" if first is not None and period == first else ""
    deadline = pa_payments_compliance_deadline(period_end=end)
    done = min((d for c, d in notices if c == "UK17" and d >= end), default=None)
    return _deadline_duty(
        buyer,
        f"{duty} for the reporting period {start.isoformat()} to {end.isoformat()}{partial}",
        rule.key,
        deadline.due_by,
        done,
        day,
        "UK17",
    )


def _pipeline(
    buyer: str,
    day: pendulum.Date,
    notices: list[tuple[str, pendulum.Date]],
    spend: Decimal,
    rows: ExemptionTable,
    circumstances: set[Circumstance],
) -> Obligation:
    rule = RULES["pa-s93-pipeline"]
    year = day.year if (day.month, day.day) >= (4, 1) else day.year - 1
    duty = f"publish the pipeline notice (UK1) for the financial year {year}-{(year + 1) % 100:02d}"
    exemption = rows.exemption(rule.key, circumstances)
    if exemption is not None:
        return Obligation(buyer, duty, rule, _NA, notice="UK1", note=str(exemption))
    if year < 2025:
        return Obligation(
            buyer,
            duty,
            rule,
            _NA,
            notice="UK1",
            note="the first financial year under s.93 begins on 1 April 2025, the 1 April "
            "following the day s.93 came into force (s.93(4); SI 2024/716 reg 2(2))",
        )
    window = pa_pipeline_notice_window(financial_year=year, expected_spend=spend)
    if isinstance(window, NoticeDeadline):
        done = min((d for c, d in notices if c == "UK1" and d >= window.first_day), default=None)
        return _deadline_duty(buyer, duty, rule.key, window.due_by, done, day, "UK1")
    return Obligation(buyer, duty, rule, _NA, notice="UK1", note=window.reason)
