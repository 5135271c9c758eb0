"""Frameworks (PA s.45-s.50): the maximum term, open frameworks and the defence call-off.

- s.47: a framework's term may not exceed 4 years, or 8 for a defence and security
  framework or a utilities framework (s.47(1), (4)), unless the authority considers
  the nature of what will be supplied requires longer and sets out its reasons in
  the tender or transparency notice (s.47(2)-(3)). Not for a framework awarded
  under an open framework, by a private utility, or that is a light touch contract
  (s.47(5)). [`assess_framework_term`][commissioning.procurement.assess_framework_term] checks it; a tender (UK4) or
  transparency (UK5) notice for a framework (``ProcurementFacts.framework``) gives
  ``framework_term_months`` and the guard applies it.
- s.49: an open framework awards a framework at least once in the 3 years
  beginning with the first award, then in each 5 years beginning with the second;
  the last expires at the end of 8 years beginning with the first award; one
  awarded to a single supplier (and the scheme) expires within 4 years of its
  award (s.49(6)); none is awarded directly (s.49(10)).
  [`open_framework_schedule`][commissioning.procurement.open_framework_schedule] gives the dates.
- s.50(6)(a): no contract award notice (UK6) for a defence and security contract
  awarded under a defence and security framework: the call-off procedure's
  ``decide_award`` takes that route.

Readings (UNCONFIRMED): "the day of the award" of a framework is taken as the day
it is entered into; after the second award, "each period of five years
beginning with the day of the award of the second framework" is read as: the
next framework is due within 5 years beginning with the latest award (the
literal windows would let the second award itself satisfy the first one);
whether a framework is a utilities framework is taken from the buyer being a
utility (``AuthorityType.UTILITIES``) or a private utility, and whether it is a
defence and security framework from the notice (``defence_and_security_framework``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum

from .._errors import InvalidInputType, Problem
from .._time import as_date
from ..machine import Definition, State, Transition, Verdict, guard
from ..thresholds import AuthorityType
from ._context import ProcurementContext
from ._contract_life import life_states, life_transitions
from ._guards import (
    assessment_summaries_first,
    award_details,
    kpis_set,
    later_deadline,
    no_termination_notice_needed,
    standstill_computed,
    standstill_ended,
    tendering_closed,
    termination_notice_needed,
)
from ._life import parse_day
from ._reasons import refuse, verdict_of

__all__ = [
    "OpenFrameworkSchedule",
    "assess_framework_term",
    "framework_call_off",
    "framework_term_limit",
    "open_framework_schedule",
]

PA = "Procurement Act 2023"


def _bool(problems: list[Problem], name: str, value: object) -> None:
    if not isinstance(value, bool):
        problems.append(Problem(name, "a bool", value, "type"))


def framework_term_limit(*, defence_and_security: bool = False, utilities: bool = False) -> int:
    """The longest term of a framework in months, before reasons are needed (PA s.47(1)).

    Examples:
        >>> framework_term_limit(), framework_term_limit(utilities=True)
        (48, 96)
    """
    problems: list[Problem] = []
    _bool(problems, "defence_and_security", defence_and_security)
    _bool(problems, "utilities", utilities)
    if problems:
        raise InvalidInputType(problems)
    return 96 if defence_and_security or utilities else 48


def assess_framework_term(
    *,
    term_months: int,
    defence_and_security: bool = False,
    utilities: bool = False,
    open_framework: bool = False,
    private_utility: bool = False,
    light_touch: bool = False,
    longer_term_reasons: str = "",
) -> Verdict:
    """Whether a framework's term keeps to PA s.47, and if not, why.

    Args:
        term_months: the framework's term in months.
        defence_and_security: a defence and security framework (s.47(4)(a)).
        utilities: a utilities framework (s.47(4)(b)).
        open_framework: awarded under an open framework (exempt, s.47(5)(a); see s.49).
        private_utility: awarded by a private utility (exempt, s.47(5)(b)).
        light_touch: a light touch contract (exempt, s.47(5)(c)).
        longer_term_reasons: the reasons in the tender or transparency notice for a
            longer term (s.47(2)-(3)).

    Examples:
        >>> v = assess_framework_term(term_months=120)
        >>> print(v.reasons[0])
        [Procurement Act 2023 s.47(1)(b), (3)] a term of 120 months is longer than 48 months (4 years); a longer term needs the reasons, in the tender or transparency notice, why the nature of what will be supplied requires it (longer_term_reasons)
        >>> assess_framework_term(term_months=120, utilities=True,
        ...     longer_term_reasons="a ten-year asset cycle").allowed
        True
    """
    problems: list[Problem] = []
    if isinstance(term_months, bool) or not isinstance(term_months, int) or term_months < 1:
        problems.append(
            Problem("term_months", "a whole number of months, at least 1", term_months, "value")
        )
    for name, value in (
        ("defence_and_security", defence_and_security),
        ("utilities", utilities),
        ("open_framework", open_framework),
        ("private_utility", private_utility),
        ("light_touch", light_touch),
    ):
        _bool(problems, name, value)
    reasons: object = longer_term_reasons
    if not isinstance(reasons, str):
        problems.append(Problem("longer_term_reasons", "a str", reasons, "type"))
    if problems:
        raise InvalidInputType(problems)
    if open_framework or private_utility or light_touch:
        return Verdict.ALLOW
    limit = framework_term_limit(defence_and_security=defence_and_security, utilities=utilities)
    if term_months <= limit or longer_term_reasons.strip():
        return Verdict.ALLOW
    limb = "(a)" if limit == 96 else "(b)"
    return refuse(
        f"{PA} s.47(1){limb}, (3)",
        f"a term of {term_months} months is longer than {limit} months ({limit // 12} years); a "
        "longer term needs the reasons, in the tender or transparency notice, why the nature of "
        "what will be supplied requires it (longer_term_reasons)",
    )


@attrs.frozen
class OpenFrameworkSchedule:
    """When an open framework must next award a framework, and when it ends (PA s.49).

    Attributes:
        first_award_on: the day the scheme's first framework was awarded.
        latest_award_on: the day of the latest award under the scheme.
        award_count: how many frameworks the scheme has awarded so far.
        next_award_by: the last day by which the next framework must be awarded
            (``None`` when the scheme ends first).
        ends_on: the last day of the scheme (its final framework expires at the end of it).
        rule: the provisions applied.
        notes: readings taken.
    """

    first_award_on: pendulum.Date
    latest_award_on: pendulum.Date
    award_count: int
    next_award_by: pendulum.Date | None
    ends_on: pendulum.Date
    rule: str
    notes: tuple[str, ...] = ()


def open_framework_schedule(
    *,
    first_award_on: dt.date,
    later_awards: tuple[dt.date, ...] = (),
    single_supplier: bool = False,
) -> OpenFrameworkSchedule:
    """The re-award cycle of an open framework from the days of its awards (PA s.49(2), (6)).

    Args:
        first_award_on: the day the first framework under the scheme was awarded.
        later_awards: the days of the later awards, in order.
        single_supplier: the latest framework was awarded to only one supplier (s.49(6)).

    Examples:
        >>> s = open_framework_schedule(first_award_on=pendulum.Date(2026, 4, 1))
        >>> s.next_award_by, s.ends_on
        (Date(2029, 3, 31), Date(2034, 3, 31))
        >>> s = open_framework_schedule(first_award_on=pendulum.Date(2026, 4, 1),
        ...     later_awards=(pendulum.Date(2028, 6, 1),))
        >>> s.next_award_by
        Date(2033, 5, 31)
    """
    problems: list[Problem] = []
    _bool(problems, "single_supplier", single_supplier)
    awards: object = later_awards
    if not isinstance(awards, tuple):
        problems.append(Problem("later_awards", "a tuple of days", awards, "type"))
    if problems:
        raise InvalidInputType(problems)
    first = as_date(first_award_on, field="first_award_on")
    later = tuple(as_date(d, field=f"later_awards[{i}]") for i, d in enumerate(later_awards))
    days = (first, *later)
    for i in range(1, len(days)):
        if days[i] < days[i - 1]:
            raise InvalidInputType(
                [
                    Problem(
                        f"later_awards[{i - 1}]",
                        f"a day on or after {days[i - 1]}",
                        days[i],
                        "value",
                    )
                ]
            )
    ends = first.add(years=8).subtract(days=1)  # s.49(2)(c): 8 years beginning with the first award
    latest = days[-1]
    notes = []
    rule = f"{PA} s.49(2)"
    if len(days) == 1:
        due = first.add(years=3).subtract(days=1)  # s.49(2)(a)(i)
    else:
        due = latest.add(years=5).subtract(days=1)  # s.49(2)(a)(ii), as read
        notes.append(
            "UNCONFIRMED: after the second award, the next is read as due within 5 years "
            "beginning with the latest award"
        )
    if single_supplier:
        cap = latest.add(years=4).subtract(days=1)  # s.49(6): before the end of 4 years
        if cap < ends:
            ends = cap
            rule = f"{PA} s.49(2), (6)"
            notes.append("awarded to a single supplier: the open framework ends within 4 years")
    return OpenFrameworkSchedule(
        first_award_on=first,
        latest_award_on=latest,
        award_count=len(days),
        next_award_by=due if due < ends else None,
        ends_on=ends,
        rule=rule,
        notes=tuple(notes),
    )


# ------------------------------------------------------------------------------ guards
def _utilities(ctx: ProcurementContext) -> bool:
    return ctx.facts.authority is AuthorityType.UTILITIES or ctx.facts.private_utility


@guard("pa-s47-framework-term")
def framework_term(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A framework's tender or transparency notice gives its term, within PA s.47 (and s.49 for open ones)."""
    facts = ctx.facts
    if not facts.framework:
        return Verdict.ALLOW
    months = data.get("framework_term_months")
    open_framework = data.get("open_framework") is True
    found: list[tuple[str, str]] = []
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        found.append(
            (
                f"{PA} s.45(5)(e)",
                (
                    f"a framework's notice gives its term (framework_term_months, a whole number of "
                    f"months), received {months!r}"
                ),
            )
        )
    else:
        reasons = data.get("longer_term_reasons", "")
        verdict = assess_framework_term(
            term_months=months,
            defence_and_security=data.get("defence_and_security_framework") is True,
            utilities=_utilities(ctx),
            open_framework=open_framework,
            private_utility=facts.private_utility,
            light_touch=facts.light_touch,
            longer_term_reasons=reasons if isinstance(reasons, str) else "",
        )
        if not verdict.allowed:
            return verdict
    if open_framework and "open_framework_first_award_on" in data:
        first = parse_day(data.get("open_framework_first_award_on"))
        if first is None or first > ctx.on:
            found.append(
                (
                    f"{PA} s.49(2)",
                    (
                        "open_framework_first_award_on must be the ISO day the scheme's first "
                        f"framework was awarded, not after today; received "
                        f"{data.get('open_framework_first_award_on')!r}"
                    ),
                )
            )
        else:
            ends = first.add(years=8).subtract(days=1)
            if ctx.on > ends:
                found.append(
                    (
                        f"{PA} s.49(2)(c)",
                        (
                            f"the open framework whose first framework was awarded on {first} ended "
                            f"at the end of {ends} (8 years); no further framework can be awarded "
                            "under it"
                        ),
                    )
                )
    return verdict_of(found)


@guard("pa-s49-10-no-direct-open-framework")
def not_open_framework(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A framework under an open framework is not awarded directly (PA s.49(10))."""
    if ctx.facts.framework and data.get("open_framework") is True:
        return refuse(
            f"{PA} s.49(10)",
            "a framework under an open framework may not be awarded under s.41 or s.43 (direct "
            "award or switching to direct award)",
        )
    return Verdict.ALLOW


@guard("pa-s50-6-a-defence-call-off")
def defence_call_off(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """No contract award notice only for a defence and security contract under a defence and security framework (s.50(6)(a))."""
    if (
        data.get("defence_and_security_contract") is True
        and data.get("defence_and_security_framework") is True
    ):
        return Verdict.ALLOW
    return refuse(
        f"{PA} s.50(1), (6)(a)",
        "a call-off is awarded without a contract award notice (UK6) only where it is a defence "
        "and security contract (s.7) awarded under a defence and security framework (s.47(4)(a)) "
        "(set defence_and_security_contract and defence_and_security_framework to true); "
        "otherwise publish UK6",
    )


def framework_call_off() -> Definition:
    """The machine of a call-off under a framework (s.45-s.46; s.50(6)(a); s.51(3)(d))."""
    pre = ("planning", "tendering", "evaluation", "award_decision", "standstill", "awarded")
    states = [
        State("planning", initial=True, description="preparing the call-off"),
        State("tendering", description="framework suppliers are invited (competitive selection)"),
        State("evaluation", description="proposals closed and being assessed"),
        State("award_decision", description="supplier selected without competition (s.45(4))"),
        State("standstill", description="award notified (UK6); any voluntary standstill runs"),
        State("awarded", description="defence call-off decided; no award notice (s.50(6)(a))"),
        State("abandoning", description="decided not to award; procurement termination notice due"),
        *life_states(),
        State("cancelled", final=True, description="abandoned"),
    ]
    transitions = [
        Transition("planning", "engage_market", "planning"),
        Transition("planning", "assess_conflicts", "planning"),
        Transition("planning", "invite_call_off", "tendering", guards=(later_deadline,)),
        Transition("planning", "select_supplier", "award_decision", guards=(award_details,)),
        Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        Transition("evaluation", "send_assessment_summaries", "evaluation"),
        Transition(
            ("evaluation", "award_decision"),
            "publish_UK6",
            "standstill",
            guards=(award_details, assessment_summaries_first, standstill_computed),
        ),
        Transition(
            "standstill", "enter_contract", "mobilisation", guards=(standstill_ended, kpis_set)
        ),
        Transition(
            ("evaluation", "award_decision"),
            "decide_award",
            "awarded",
            guards=(defence_call_off, award_details),
        ),
        Transition("awarded", "enter_contract", "mobilisation", guards=(kpis_set,)),
        *life_transitions(),
        Transition(pre, "abandon", "abandoning", guards=(termination_notice_needed,)),
        Transition(pre, "abandon", "cancelled", guards=(no_termination_notice_needed,)),
        Transition("abandoning", "publish_UK12", "cancelled"),
    ]
    return Definition(
        "pa-framework-call-off",
        states=states,
        transitions=transitions,
        description="Procurement Act 2023 s.46: a call-off by competitive selection or direct; "
        "a defence call-off under a defence framework needs no award notice (s.50(6)(a))",
    )
