"""Guards: each one enforces one rule and, when it refuses, names the rule and the dates.

Guards are pure functions of ``(context, data)`` where ``context`` is a
[`ProcurementContext`][commissioning.procurement.ProcurementContext] and ``data`` the event's
data. Every date comes from ``commissioning.periods`` (statutory time); none is
counted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pendulum

from .._errors import _short
from ..machine import Guard, Verdict, guard
from ..periods import (
    Stage,
    Standstill,
    StandstillExemption,
    pa_participation_period,
    pa_standstill,
    pa_tendering_period,
    pcr_open_procedure_time_limit,
    pcr_restricted_procedure_time_limit,
    pcr_standstill,
    psr_standstill,
)
from ..thresholds import AuthorityType
from ._context import ProcurementContext
from ._exemptions import PA_EXEMPTIONS, Circumstance, Exemption, circumstances_of
from ._facts import KPI_THRESHOLD
from ._life import parse_amount, parse_day
from ._rules import RULES

__all__ = [
    "KPI_RATINGS",
    "SCHEDULE_5_JUSTIFICATIONS",
    "expected_standstill_last_day",
]

#: Justifications for a direct award (PA s.41), key -> description with its Schedule 5
#: paragraphs (read in the Act's Schedule 5). ``protect_life`` is not a Schedule 5
#: justification: it is a direct award under regulations under s.42.
SCHEDULE_5_JUSTIFICATIONS: MappingProxyType[str, str] = MappingProxyType(
    {
        "prototypes_and_development": "prototypes and development (Sch 5 paras 2-3)",
        "artistic_uniqueness": "a unique work of art or artistic performance (Sch 5 para 4)",
        "exclusive_rights": "intellectual property or other exclusive rights (Sch 5 para 5)",
        "technical_reasons": "absence of competition for technical reasons (Sch 5 para 6)",
        "additional_or_repeat_supplies": "additional or repeat goods, services or works "
        "(Sch 5 paras 7-9)",
        "commodities": "goods purchased on a commodity market (Sch 5 para 10)",
        "advantageous_insolvency_terms": "advantageous terms on insolvency (Sch 5 paras 11-12)",
        "urgency": "extreme and unavoidable urgency (Sch 5 paras 13-14; no mandatory standstill)",
        "user_choice": "user choice contracts (Sch 5 paras 15-17: light touch services for a "
        "particular individual; no transparency notice, s.44(3); no award notice, s.50(6)(b))",
        "defence": "defence and security (Sch 5 paras 18-20)",
        "protect_life": "to protect life etc. under regulations under s.42, not Schedule 5 (no "
        "mandatory standstill)",
    }
)


#: The PR24 reg 39 rating scale for KPI assessments, and each rating's UK extension
#: ``measureClassification`` code in OCDS.
KPI_RATINGS: MappingProxyType[str, str] = MappingProxyType(
    {
        "good": "met",
        "approaching target": "slightlyBelow",
        "requires improvement": "below",
        "inadequate": "significantlyBelow",
        "other": "other",
    }
)


def _deny(rule_key: str, text: str) -> Verdict:
    return Verdict.deny(f"{RULES[rule_key].citation}: {text}")


def exemption(ctx: ProcurementContext, duty: str) -> Exemption | None:
    """The row of the exemption table removing ``duty`` (a rule key) here, or ``None`` (see ``_exemptions``)."""
    return PA_EXEMPTIONS.exemption(
        duty,
        circumstances_of(ctx.facts, procedure=ctx.procedure.key, history=ctx.history),
    )


def _d(day: dt.date | None) -> str:
    if day is None:
        return "none"
    return f"{day:%a} {day.day} {day:%b %Y}"


def _not_money(data: Mapping[str, Any], field: str) -> str:
    """The reason refusing ``data[field]`` when it is not money (see `parse_money`)."""
    return f"{field} must be pounds as a string, received {data.get(field)!r}"


def _one_of(data: Mapping[str, Any], field: str, choices: Any, rule_key: str) -> Verdict:
    """Allow when ``data[field]`` is one of ``choices`` (keys, in order); deny under ``rule_key``."""
    value = data.get(field)
    if value not in choices:
        return _deny(rule_key, f"{field} must be one of {', '.join(choices)}; received {value!r}")
    return Verdict.ALLOW


def _submissions_closed(
    ctx: ProcurementContext, deadline: pendulum.Date | None, rule_key: str, what: str, step: str
) -> Verdict:
    """Allow ``step`` only after the day ``what`` may be submitted until; deny under ``rule_key``."""
    if deadline is not None and ctx.on <= deadline:
        return _deny(
            rule_key,
            f"{what} may be submitted until {_d(deadline)}; {step} on {_d(ctx.on)} is too early "
            f"(from {_d(deadline.add(days=1))})",
        )
    return Verdict.ALLOW


def parse_money(value: Any) -> Decimal | None:
    """A money string from event data as a non-negative Decimal; ``None`` if missing, malformed or negative."""
    amount = parse_amount(value)
    return amount if amount is not None and amount >= 0 else None


# --------------------------------------------------------------- before the tender notice
@guard("pa-s83-conflicts-assessed")
def conflicts_assessed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A conflicts assessment exists before a tender or transparency notice (PA s.83)."""
    if ctx.history.conflicts_assessed_on is None:
        return _deny(
            "pa-s83-conflicts",
            f"no conflicts assessment was recorded before this notice on {_d(ctx.on)}; "
            "record one (assess_conflicts) first",
        )
    return Verdict.ALLOW


@guard("pa-s17-engagement-notice-or-reasons")
def engagement_notice_or_reasons(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """After market engagement, a UK2 precedes the tender notice, or the tender notice gives reasons."""
    h = ctx.history
    if h.engaged_on is None or h.has("UK2") or exemption(ctx, "pa-s17-engagement") is not None:
        return Verdict.ALLOW
    reasons = data.get("no_engagement_notice_reasons")
    if isinstance(reasons, str) and reasons.strip():
        return Verdict.ALLOW
    return _deny(
        "pa-s17-engagement",
        f"preliminary market engagement was carried out on {_d(h.engaged_on)} but no preliminary "
        f"market engagement notice (UK2) was published before the tender notice on {_d(ctx.on)}; "
        "publish UK2 first or give no_engagement_notice_reasons",
    )


def _tendering_limit(
    ctx: ProcurementContext, invited_on: pendulum.Date, *, after_shortlist: bool
) -> Any:
    facts = ctx.facts
    planned = ctx.history.last("UK3")
    tender_notice = ctx.history.last("UK4")
    return pa_tendering_period(
        invited_on=invited_on,
        electronic_submission=facts.electronic_submission,
        all_documents_available=facts.all_documents_available,
        light_touch=facts.light_touch,
        urgency=facts.urgency,
        dynamic_market=ctx.procedure.key == "pa-dynamic-market-award",
        utilities_or_non_central=facts.authority is not AuthorityType.CENTRAL_GOVERNMENT,
        preselected_suppliers=after_shortlist,
        planned_procurement_notice_on=None if planned is None else planned.published_on,
        tender_notice_on=None
        if planned is None
        else (invited_on if tender_notice is None else tender_notice.published_on),
    )


def _check_deadline(
    ctx: ProcurementContext, data: Mapping[str, Any], field: str, limit: Any, rule_key: str
) -> Verdict:
    raw = data.get(field)
    deadline = parse_day(raw)
    if deadline is None:
        return _deny(
            rule_key, f"{field} must be given as an ISO date (YYYY-MM-DD), received {raw!r}"
        )
    if limit.permits_deadline(deadline):
        return Verdict.ALLOW
    if limit.applies:
        return Verdict.deny(
            f"{limit.rule}: {field} {_d(deadline)} is too early: invited on "
            f"{_d(limit.invited_on)}, the minimum is {limit.minimum_days} days "
            f"({limit.circumstance}), so the earliest deadline is {_d(limit.earliest_deadline)}"
        )
    return Verdict.deny(
        f"{limit.rule}: {field} {_d(deadline)} must be after the invitation on "
        f"{_d(limit.invited_on)}"
    )


@guard("pa-s54-tendering-period")
def tendering_period(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The tender deadline respects the PA s.54 minimum tendering period."""
    limit = _tendering_limit(ctx, ctx.on, after_shortlist=False)
    return _check_deadline(ctx, data, "tender_deadline", limit, "pa-s54-tendering-period")


@guard("pa-s54-tendering-period-after-shortlisting")
def tendering_period_after_shortlist(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The tender deadline set on inviting shortlisted suppliers respects PA s.54."""
    limit = _tendering_limit(ctx, ctx.on, after_shortlist=True)
    if data.get("period_agreed_with_suppliers") is True and limit.applies:
        # s.54 row: non-central authority or utility, period agreed with pre-selected suppliers.
        limit = pa_tendering_period(
            invited_on=ctx.on,
            electronic_submission=ctx.facts.electronic_submission,
            all_documents_available=ctx.facts.all_documents_available,
            light_touch=ctx.facts.light_touch,
            urgency=ctx.facts.urgency,
            utilities_or_non_central=ctx.facts.authority is not AuthorityType.CENTRAL_GOVERNMENT,
            preselected_suppliers=True,
            period_agreed_with_suppliers=True,
        )
    return _check_deadline(ctx, data, "tender_deadline", limit, "pa-s54-tendering-period")


@guard("pa-s54-participation-period")
def participation_period(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The request-to-participate deadline respects the PA s.54 participation period."""
    limit = pa_participation_period(
        invited_on=ctx.on, light_touch=ctx.facts.light_touch, urgency=ctx.facts.urgency
    )
    return _check_deadline(
        ctx, data, "participation_deadline", limit, "pa-s54-participation-period"
    )


@guard("later-deadline")
def later_deadline(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A new round's (or a below-threshold) deadline is after today (PA s.87(6): reasonable)."""
    deadline = parse_day(data.get("tender_deadline"))
    if deadline is None or deadline <= ctx.on:
        return _deny(
            "pa-s87-below-threshold",
            f"tender_deadline must be an ISO date after {_d(ctx.on)}, received "
            f"{data.get('tender_deadline')!r}",
        )
    return Verdict.ALLOW


@guard("pa-s85-suitability")
def no_suitability_assessment(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A below-threshold tender notice does not restrict tenders by a suitability assessment (PA s.85).

    The notice's ``suitability_assessment`` (``True`` when it restricts who may
    submit a tender by legal and financial capacity or technical ability, s.85(2);
    absent or ``False`` otherwise) is refused unless the exemption table removes
    the duty: a works contract of at least £138,760 (central government) or
    £213,477 (others), s.85(3); a devolved Welsh award, s.85(5)(a)-(b).
    """
    stated = data.get("suitability_assessment", False)
    if stated is False:
        return Verdict.ALLOW
    if stated is not True:
        return _deny(
            "pa-s85-suitability",
            f"suitability_assessment must be true or false, received {_short(stated)}",
        )
    if exemption(ctx, "pa-s85-suitability") is not None:
        return Verdict.ALLOW
    return _deny(
        "pa-s85-suitability",
        "a below-threshold tender may not be restricted by an assessment of suppliers' "
        "suitability (legal and financial capacity, technical ability); only a works contract "
        "of at least £138,760 (central government) or £213,477 (others) may be, s.85(3) "
        f"(this is {ctx.facts.contract_type.value} at {ctx.facts.value_including_vat})",
    )


# ------------------------------------------------------------ amending the tender notice
@guard("pa-tender-notice-amendment")
def tender_notice_amendment(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A tender notice is amended while submissions are open, saying what changed.

    In the participation stage only the participation deadline may change; once tenders are
    invited, only the tender deadline.
    """
    h = ctx.history
    problems = []
    description = data.get("description")
    if not (isinstance(description, str) and description.strip()):
        problems.append(f"description must say what changed, received {description!r}")
    stage, current, other = (
        ("requests to participate", h.participation_deadline, "tender_deadline")
        if h.tender_deadline is None
        else ("tenders", h.tender_deadline, "participation_deadline")
    )
    if current is not None and ctx.on > current:
        problems.append(
            f"{stage} could be submitted until {_d(current)}; the notice cannot be amended on "
            f"{_d(ctx.on)}, after the deadline"
        )
    if other in data:
        problems.append(f"{other} cannot be amended while {stage} are being submitted")
    if problems:
        return _deny("pa-tender-notice-amendment", "; ".join(problems))
    return Verdict.ALLOW


def _amended(
    ctx: ProcurementContext, data: Mapping[str, Any], field: str, limit: Any, rule_key: str
) -> Verdict:
    """An amended deadline keeps ``limit`` (from the original invitation) and is after today."""
    verdict = _check_deadline(ctx, data, field, limit, rule_key)
    if not verdict.allowed:
        return verdict
    deadline = parse_day(data.get(field))
    if deadline is not None and deadline <= ctx.on:
        return _deny(
            "pa-tender-notice-amendment",
            f"the amended {field} {_d(deadline)} must be after the day of the amendment "
            f"({_d(ctx.on)})",
        )
    return Verdict.ALLOW


@guard("pa-s54-amended-tendering-period")
def amended_tendering_period(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """An amended tender deadline keeps the s.54 minimum from the invitation (PA; s.87(6) below threshold)."""
    if "tender_deadline" not in data:
        return Verdict.ALLOW
    h = ctx.history
    invited = h.invited_on if h.invited_on is not None else ctx.on
    if ctx.procedure.key == "pa-below-threshold":
        return _amended(
            ctx, data, "tender_deadline", _AfterInvitation(invited), "pa-s87-below-threshold"
        )
    limit = _tendering_limit(ctx, invited, after_shortlist=False)
    return _amended(ctx, data, "tender_deadline", limit, "pa-s54-tendering-period")


@guard("pa-s54-amended-participation-period")
def amended_participation_period(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """An amended participation deadline keeps the s.54 minimum from the tender notice."""
    if "participation_deadline" not in data:
        return Verdict.ALLOW
    notice = ctx.history.last("UK4")
    invited = ctx.on if notice is None else notice.published_on
    limit = pa_participation_period(
        invited_on=invited, light_touch=ctx.facts.light_touch, urgency=ctx.facts.urgency
    )
    return _amended(ctx, data, "participation_deadline", limit, "pa-s54-participation-period")


class _AfterInvitation:
    """A limit with no minimum: the deadline must only be after the invitation (s.87(6))."""

    applies = False
    rule = RULES["pa-s87-below-threshold"].citation

    def __init__(self, invited_on: pendulum.Date) -> None:
        self.invited_on = invited_on

    def permits_deadline(self, deadline: pendulum.Date) -> bool:
        return deadline > self.invited_on


@guard("participation-closed")
def participation_closed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Shortlisting waits until the participation deadline has passed."""
    return _submissions_closed(
        ctx,
        ctx.history.participation_deadline,
        "pa-s54-participation-period",
        "requests to participate",
        "shortlisting",
    )


@guard("tendering-closed")
def tendering_closed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Tenders are closed only after the submission deadline."""
    return _submissions_closed(
        ctx, ctx.history.tender_deadline, "pa-s54-tendering-period", "tenders", "closing"
    )


# ------------------------------------------------------------------------- direct award
@guard("pa-s41-schedule-5-justification")
def schedule_5_justification(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A direct award names a Schedule 5 justification (PA s.41); user choice needs light touch services.

    A user-choice contract is for "user choice services", which must be of a kind
    specified under s.9 (light touch services: Sch 5 para 16(a)).
    """
    verdict = _one_of(data, "justification", SCHEDULE_5_JUSTIFICATIONS, "pa-s41-direct-award")
    if verdict.allowed and data.get("justification") == "user_choice" and not ctx.facts.light_touch:
        return _deny(
            "pa-s41-direct-award",
            "a user-choice contract (Sch 5 para 15) must be for user choice services, which are "
            "light touch services (Sch 5 para 16(a)); this contract's type is "
            f"{ctx.facts.contract_type.value!r}",
        )
    return verdict


@guard("pa-s43-no-suitable-tenders")
def no_suitable_tenders(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Switching to direct award needs the reason: no suitable requests or tenders (PA s.43)."""
    reason = data.get("reason")
    if not (isinstance(reason, str) and reason.strip()):
        return _deny(
            "pa-s43-switching",
            "give the reason (no suitable requests to participate or tenders were received) as "
            f"data 'reason' on {_d(ctx.on)}",
        )
    return Verdict.ALLOW


@guard("pa-s44-not-user-choice")
def not_user_choice(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Deciding a direct award without a transparency notice is only for user-choice contracts."""
    if data.get("justification") != "user_choice":
        return _deny(
            "pa-s44-transparency",
            f"only a user-choice contract may be directly awarded without a transparency notice "
            f"(UK5); justification given: {data.get('justification')!r}; publish UK5 instead",
        )
    return Verdict.ALLOW


@guard("award-details")
def award_details(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """An award names the supplier (or ``suppliers``, several) and the value including VAT.

    Several suppliers (a consortium, or several on one framework) are given as
    ``suppliers``, a list of distinct names; ``supplier``, if also given, must be
    the first of them.
    """
    value = parse_money(data.get("value_including_vat"))
    problems = []
    if "suppliers" in data:
        many: Any = data.get("suppliers")
        names_ok = (
            isinstance(many, list | tuple)
            and bool(many)
            and all(isinstance(s, str) and s.strip() for s in many)
            and len(set(many)) == len(many)
        )
        if not names_ok:
            problems.append(
                f"suppliers must be a non-empty list of distinct supplier names, received {_short(many)}"
            )
        elif "supplier" in data and data.get("supplier") != many[0]:
            problems.append(
                f"supplier must be the first of suppliers ({many[0]!r}), received {_short(data.get('supplier'))}"
            )
    else:
        supplier = data.get("supplier")
        if not (isinstance(supplier, str) and supplier.strip()):
            problems.append(f"supplier must be named, received {_short(supplier)}")
    if value is None:
        problems.append(_not_money(data, "value_including_vat"))
    if problems:
        return _deny("pa-s50-award-notice", "; ".join(problems))
    return Verdict.ALLOW


# ------------------------------------------------------------------------- award notice
@guard("pa-s50-award-notice-exempt")
def award_notice_exempt(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A contract is entered into without a contract award notice only where s.50(1) does not apply.

    The exemption table decides (s.50(6): a user-choice contract, or a defence and
    security contract awarded under a defence and security framework).
    """
    if exemption(ctx, "pa-s50-award-notice") is not None:
        return Verdict.ALLOW
    return _deny(
        "pa-s50-award-notice",
        f"publish the contract award notice (UK6) before entering into the contract on "
        f"{_d(ctx.on)}; only the contracts of s.50(6) (user choice, defence and security "
        "call-offs) are exempt",
    )


@guard("pa-s50-assessment-summaries-first")
def assessment_summaries_first(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """For a competitive award, assessment summaries are sent before the award notice (s.50(3))."""
    h = ctx.history
    if not ctx.procedure.competitive or h.switched_to_direct:
        return Verdict.ALLOW
    if h.summaries_sent_on is None:
        return _deny(
            "pa-s50-award-notice",
            f"no assessment summaries were sent to suppliers before the contract award notice on "
            f"{_d(ctx.on)}; send them first (send_assessment_summaries)",
        )
    return Verdict.ALLOW


_STANDSTILL_EXEMPTIONS = {
    Circumstance.FRAMEWORK_CALL_OFF: StandstillExemption.FRAMEWORK_CALL_OFF,
    Circumstance.DYNAMIC_MARKET_AWARD: StandstillExemption.DYNAMIC_MARKET,
    Circumstance.LIGHT_TOUCH: StandstillExemption.LIGHT_TOUCH,
    Circumstance.URGENCY_DIRECT_AWARD: StandstillExemption.URGENCY,
    Circumstance.PROTECT_LIFE_DIRECT_AWARD: StandstillExemption.PROTECT_LIFE,
    Circumstance.PRIVATE_UTILITY_DIRECT_AWARD: StandstillExemption.PRIVATE_UTILITY_DIRECT_AWARD,
}


def standstill_exemption(ctx: ProcurementContext) -> StandstillExemption | None:
    """Why no mandatory PA standstill applies to this award (s.51(3)), or ``None``.

    The exemption table decides (its ``pa-s51-standstill`` rows, in their order).
    """
    row = exemption(ctx, "pa-s51-standstill")
    return None if row is None else _STANDSTILL_EXEMPTIONS[row.circumstance]


def expected_standstill_last_day(
    ctx: ProcurementContext, data: Mapping[str, Any]
) -> pendulum.Date | None:
    """The standstill's last day for an award notified on ``ctx.on`` (``None``: no standstill).

    PA: [`commissioning.periods.pa_standstill`][commissioning.periods.pa_standstill] (mandatory, or voluntary when
    ``data["voluntary_standstill_days"]`` is given for an exempt award); PCR:
    [`pcr_standstill`][commissioning.periods.pcr_standstill]; PSR: [`psr_standstill`][commissioning.periods.psr_standstill].
    """
    kind = ctx.procedure.standstill
    if kind == "pcr":
        return pcr_standstill(sent_on=ctx.on).last_day
    if kind == "psr":
        return psr_standstill(published_on=ctx.on).last_day
    if kind == "none":
        return None
    exemption = standstill_exemption(ctx)
    voluntary = data.get("voluntary_standstill_days")
    if exemption is None:
        result = pa_standstill(published_on=ctx.on)
    elif isinstance(voluntary, int) and not isinstance(voluntary, bool):
        result = pa_standstill(
            published_on=ctx.on, exemption=exemption, voluntary_working_days=voluntary
        )
    else:
        return None
    return result.last_day if isinstance(result, Standstill) else None


@guard("standstill-computed")
def standstill_computed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The award notice's standstill is the statutory one (computed by ``commissioning.periods``)."""
    voluntary = data.get("voluntary_standstill_days")
    if voluntary is not None and (
        isinstance(voluntary, bool) or not isinstance(voluntary, int) or voluntary < 8
    ):
        return _deny(
            "pa-s51-voluntary-standstill",
            f"a voluntary standstill lasts at least 8 working days; received {voluntary!r}",
        )
    if (
        voluntary is not None
        and ctx.procedure.regime.name == "PA_2023"
        and standstill_exemption(ctx) is None
    ):
        return _deny(
            "pa-s51-voluntary-standstill",
            "a voluntary standstill is only for awards exempt from the mandatory one (s.51(3))",
        )
    expected = expected_standstill_last_day(ctx, data)
    given = parse_day(data.get("standstill_last_day"))
    if given != expected:
        return _deny(
            "pa-s51-standstill",
            f"the award notified on {_d(ctx.on)} has standstill last day {_d(expected)}, but the "
            f"event data says {_d(given)}",
        )
    return Verdict.ALLOW


# ------------------------------------------------------------------------ entering into it
@guard("standstill-ended")
def standstill_ended(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The contract is entered into only after the standstill's last day."""
    h = ctx.history
    last = h.standstill_last_day
    if last is None or ctx.on > last:
        return Verdict.ALLOW
    kind = ctx.procedure.standstill
    key = {"pcr": "pcr-reg87-standstill", "psr": "psr-reg12-standstill"}.get(
        kind, "pa-s51-standstill"
    )
    return _deny(
        key,
        f"the award was notified on {_d(h.award_notice_on)} and the standstill's last day is "
        f"{_d(last)}; the contract may be entered into from {_d(last.add(days=1))}, not on "
        f"{_d(ctx.on)}",
    )


@guard("pa-s52-kpis")
def kpis_set(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A contract over £5m sets at least three KPIs unless exempt (PA s.52)."""
    value = parse_money(data.get("value_including_vat"))
    if value is None:
        return _deny("pa-s52-kpis", _not_money(data, "value_including_vat"))
    if (
        value <= KPI_THRESHOLD
        or ctx.facts.kpis_not_appropriate is not None
        or exemption(ctx, "pa-s52-kpis") is not None
    ):
        return Verdict.ALLOW
    kpis = data.get("kpis", ())
    count = len(kpis) if isinstance(kpis, tuple | list) else 0
    if count >= 3:
        return Verdict.ALLOW
    return _deny(
        "pa-s52-kpis",
        f"a contract worth £{value:,} (over £5,000,000) entered into on {_d(ctx.on)} must set at "
        f"least three KPIs; {count} given, and no exemption applies (set "
        "kpis_not_appropriate in the facts if KPIs would not be appropriate)",
    )


# --------------------------------------------------------------------------- in life
@guard("pa-s71-ratings")
def ratings_valid(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A performance assessment rates each KPI on the PR24 reg 39 scale."""
    ratings = data.get("ratings")
    ok = isinstance(ratings, tuple) and bool(ratings)
    if isinstance(ratings, tuple):
        for r in ratings:
            if not (
                isinstance(r, Mapping)
                and isinstance(r.get("kpi"), str)
                and r.get("kpi")
                and r.get("rating") in KPI_RATINGS
            ):
                ok = False
    if ok:
        return Verdict.ALLOW
    return _deny(
        "pa-s71-performance",
        "ratings must be a non-empty list of {'kpi': name, 'rating': one of "
        f"{', '.join(KPI_RATINGS)}}}; received {ratings!r}",
    )


@guard("pa-s71-assessment-before-notice")
def assessment_before_performance_notice(
    ctx: ProcurementContext, data: Mapping[str, Any]
) -> Verdict:
    """A contract performance notice (UK9) reports an assessment made since the last one, or a breach.

    A breach or failure recorded (``record_breach``) and not yet reported by a UK9
    published on or after the day s.71(5) first applied may be reported without a KPI
    assessment (s.71(5)); a breach that ended the whole contract is reported in UK11.
    """
    h = ctx.history
    last = h.last("UK9")
    since = None if last is None else last.published_on
    if h.assessments and (since is None or h.assessments[-1] >= since):
        return Verdict.ALLOW
    if any(since is None or since < b.triggered_on for b in h.life.breaches if b.notice == "UK9"):
        return Verdict.ALLOW
    return _deny(
        "pa-s71-performance",
        f"no performance assessment or unreported breach was recorded since the last contract "
        f"performance notice ({_d(since)}); assess performance (assess_performance) before "
        f"publishing UK9 on {_d(ctx.on)}",
    )


def voluntary_change_standstill(on: pendulum.Date, days: int) -> pendulum.Date | None:
    """The last day of a contract change notice's voluntary standstill of ``days`` working days (s.76).

    Counted as the PA voluntary standstill of s.51(4)-(5) (``commissioning.periods.pa_standstill``):
    the same counting, beginning with the day the notice is published (the reference gives
    s.76 as "at least 8 working days" without its counting rule; this reading is a choice).
    """
    result = pa_standstill(
        published_on=on,
        exemption=StandstillExemption.FRAMEWORK_CALL_OFF,
        voluntary_working_days=days,
    )
    return result.last_day if isinstance(result, Standstill) else None


@guard("change-standstill-computed")
def change_standstill_computed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A change notice's voluntary standstill is at least 8 working days (PA s.76), as computed."""
    voluntary = data.get("voluntary_standstill_days")
    given = parse_day(data.get("standstill_last_day"))
    if voluntary is None:
        expected = None
    elif isinstance(voluntary, bool) or not isinstance(voluntary, int) or voluntary < 8:
        return _deny(
            "pa-s76-change-standstill",
            f"a voluntary standstill lasts at least 8 working days; received {voluntary!r}",
        )
    else:
        expected = voluntary_change_standstill(ctx.on, voluntary)
    if given != expected:
        return _deny(
            "pa-s76-change-standstill",
            f"the change notice on {_d(ctx.on)} has standstill last day {_d(expected)}, but the "
            f"event data says {_d(given)}",
        )
    return Verdict.ALLOW


@guard("payment-amount")
def payment_amount(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A payment records its amount in pounds."""
    if parse_money(data.get("amount")) is None:
        return _deny("pa-s70-payments", _not_money(data, "amount"))
    return Verdict.ALLOW


@guard("end-reason")
def end_reason(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A contract ends by expiry or termination (PA s.80 covers both)."""
    if data.get("reason") not in {"expiry", "termination"}:
        return _deny(
            "pa-s80-termination",
            f"reason must be 'expiry' or 'termination', received {data.get('reason')!r}",
        )
    return Verdict.ALLOW


# -------------------------------------------------------------------------- abandoning
def _notice_started(ctx: ProcurementContext) -> bool:
    h = ctx.history
    return h.has("UK4") or h.has("UK5")


@guard("pa-s55-termination-notice-needed")
def termination_notice_needed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Once a tender or transparency notice was published, abandoning needs a UK12 (PA s.55)."""
    exempt = exemption(ctx, "pa-s55-procurement-termination")
    if exempt is not None:
        return Verdict.deny(f"no UK12 is needed: {exempt}")
    if _notice_started(ctx):
        return Verdict.ALLOW
    return Verdict.deny("no tender or transparency notice was published: no UK12 is needed")


@guard("pa-s55-no-termination-notice-needed")
def no_termination_notice_needed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Before any tender or transparency notice (or where s.55 does not apply), no UK12 is needed."""
    if _notice_started(ctx) and exemption(ctx, "pa-s55-procurement-termination") is None:
        return _deny(
            "pa-s55-procurement-termination",
            "a tender or transparency notice was published, so a procurement termination notice "
            "(UK12) is needed",
        )
    return Verdict.ALLOW


@guard("pa-s80-termination-notice-exempt")
def termination_notice_exempt(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """An ended contract is closed without a contract termination notice only where s.80 does not apply.

    The exemption table decides (s.80(4): private utilities, user-choice contracts;
    below-threshold contracts are not public contracts, s.3(2)).
    """
    if exemption(ctx, "pa-s80-termination") is not None:
        return Verdict.ALLOW
    return _deny(
        "pa-s80-termination",
        "publish the contract termination notice (UK11) to close the contract; only the "
        "contracts of s.80(4) are exempt",
    )


# ------------------------------------------------------------------------------- PCR
@guard("pcr-reg27-time-limit")
def pcr_open_time_limit(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The open procedure's tender deadline respects PCR reg 27."""
    pin = ctx.history.other("prior_information_notice")
    limit = pcr_open_procedure_time_limit(
        sent_on=ctx.on,
        electronic_tenders=ctx.facts.electronic_submission,
        prior_information_notice_sent_on=pin,
        urgency=ctx.facts.urgency,
    )
    return _check_deadline(ctx, data, "tender_deadline", limit, "pcr-reg27-open")


@guard("pcr-reg28-request-limit")
def pcr_request_limit(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Two-stage PCR procedures give at least 30 days (15 in urgency) to request to participate."""
    limit = pcr_restricted_procedure_time_limit(
        stage=Stage.PARTICIPATION, sent_on=ctx.on, urgency=ctx.facts.urgency
    )
    return _check_deadline(ctx, data, "participation_deadline", limit, "pcr-reg28-restricted")


@guard("pcr-reg28-tender-limit")
def pcr_tender_limit(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Restricted-style PCR procedures give the reg 28 minimum time to tender."""
    notice = ctx.history.other("contract_notice")
    limit = pcr_restricted_procedure_time_limit(
        stage=Stage.TENDERING,
        sent_on=ctx.on,
        electronic_tenders=ctx.facts.electronic_submission,
        contract_notice_sent_on=notice,
        prior_information_notice_sent_on=ctx.history.other("prior_information_notice")
        if notice is not None
        else None,
        urgency=ctx.facts.urgency,
        sub_central=ctx.facts.authority is not AuthorityType.CENTRAL_GOVERNMENT,
        period_agreed_with_candidates=data.get("period_agreed_with_candidates") is True,
    )
    return _check_deadline(ctx, data, "tender_deadline", limit, "pcr-reg28-restricted")


_PCR_GROUNDS = (
    "no_suitable_tenders",
    "technical_or_artistic",
    "exclusive_rights",
    "extreme_urgency",
    "additional_deliveries",
    "commodity",
    "repetition_of_works",
)


@guard("pcr-reg32-ground")
def pcr_negotiated_ground(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The negotiated procedure without prior publication records its reg 32 ground."""
    return _one_of(data, "ground", _PCR_GROUNDS, "pcr-reg32-negotiated")


ALL_GUARDS: tuple[Guard, ...] = (
    conflicts_assessed,
    engagement_notice_or_reasons,
    tendering_period,
    tendering_period_after_shortlist,
    participation_period,
    later_deadline,
    participation_closed,
    tendering_closed,
    schedule_5_justification,
    no_suitable_tenders,
    not_user_choice,
    award_details,
    assessment_summaries_first,
    award_notice_exempt,
    termination_notice_exempt,
    standstill_computed,
    standstill_ended,
    kpis_set,
    assessment_before_performance_notice,
    ratings_valid,
    change_standstill_computed,
    payment_amount,
    end_reason,
    termination_notice_needed,
    no_termination_notice_needed,
    pcr_open_time_limit,
    pcr_request_limit,
    pcr_tender_limit,
    pcr_negotiated_ground,
)
