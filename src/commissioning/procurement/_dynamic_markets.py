"""Dynamic markets (PA s.34-s.40): the award among members, and the conflicts assessment first.

An award by reference to suppliers' membership of a dynamic market is a
competitive award under s.19, run as a competitive flexible procedure that
excludes non-members (s.34(1)-(3)). It needs a tender notice (s.21(1)) with a
conflicts assessment before it (s.83(1)); the one exception is a qualifying
utilities dynamic market, where the tender notice is given to the members
instead of published (s.40(1)-(2)), which still counts as publishing it
(s.40(7)), so the conflicts assessment still comes first. There is no direct
selection among members. Establishing a market needs its own conflicts
assessment before the dynamic market notice of intention (UK13, s.83(2)).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..machine import Definition, State, Transition, Verdict, guard
from ..thresholds import AuthorityType
from ._context import ProcurementContext
from ._contract_life import life_states, life_transitions
from ._guards import (
    assessment_summaries_first,
    award_details,
    conflicts_assessed,
    engagement_notice_or_reasons,
    kpis_set,
    standstill_computed,
    standstill_ended,
    tendering_closed,
    tendering_period,
)
from ._reasons import refuse

__all__ = ["dynamic_market", "dynamic_market_award"]


def _utilities_contract(ctx: ProcurementContext) -> bool:
    return ctx.facts.authority is AuthorityType.UTILITIES or ctx.facts.private_utility


@guard("pa-s83-2-market-conflicts-assessed")
def market_conflicts_assessed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A conflicts assessment of the establishment precedes the dynamic market notice (UK13, PA s.83(2))."""
    if ctx.history.conflicts_assessed_on is not None:
        return Verdict.ALLOW
    return refuse(
        "Procurement Act 2023 s.83(2)",
        "no conflicts assessment of the establishment of the dynamic market was recorded before "
        f"its dynamic market notice (UK13) on {ctx.on:%a} {ctx.on.day} {ctx.on:%b %Y}; record one "
        "(assess_conflicts) first",
    )


@guard("pa-s40-qualifying-utilities-dynamic-market")
def qualifying_utilities_market(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Members are invited without a published tender notice only under a qualifying utilities dynamic market (s.40)."""
    if data.get("qualifying_utilities_dynamic_market") is not True:
        return refuse(
            "Procurement Act 2023 s.21(1), s.40(1)",
            "an award among dynamic market members needs a published tender notice (publish "
            "UK4); members are invited by a tender notice given to them only for a utilities "
            "dynamic market established by a qualifying utilities dynamic market notice (set "
            "qualifying_utilities_dynamic_market: true)",
        )
    if not _utilities_contract(ctx):
        return refuse(
            "Procurement Act 2023 s.35(2), s.40(1)",
            "a qualifying utilities dynamic market awards only utilities contracts by utilities; "
            f"this buyer is {ctx.facts.authority.value}",
        )
    return Verdict.ALLOW


@guard("pr24-reg21-dynamic-market-named")
def market_named(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The tender notice names the dynamic market the contract is awarded under (PR24 regs 21(2)(b), 22(2)(b))."""
    market = data.get("dynamic_market")
    if isinstance(market, str) and market.strip():
        return Verdict.ALLOW
    return refuse(
        "Procurement Regulations 2024 regs 21(2)(b), 22(2)(b)",
        "a tender notice for an award by reference to dynamic market membership gives the "
        f"dynamic market's unique identifier (dynamic_market), received {market!r}",
    )


_CONTRACT = (award_details, assessment_summaries_first, standstill_computed)


def _tender_notice_given(ctx: ProcurementContext) -> bool:
    """A tender notice was published, or given to members, which counts as publishing it (s.40(7))."""
    h = ctx.history
    return h.has("UK4") or h.invited_on is not None


@guard("pa-s55-s40-termination-notice-needed")
def market_termination_notice_needed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Once a tender notice was published or given to members, abandoning needs a UK12 (s.55, s.40(7))."""
    if _tender_notice_given(ctx):
        return Verdict.ALLOW
    return refuse(
        "Procurement Act 2023 s.55(1)",
        "no tender notice was published or given to members: no UK12 is needed",
    )


@guard("pa-s55-s40-no-termination-notice-needed")
def market_no_termination_notice_needed(
    ctx: ProcurementContext, data: Mapping[str, Any]
) -> Verdict:
    """Before any tender notice, an award among members is dropped without a UK12."""
    if _tender_notice_given(ctx):
        return refuse(
            "Procurement Act 2023 s.55(1), s.40(7)",
            "a tender notice was published or given to members, so a procurement termination "
            "notice (UK12) is needed",
        )
    return Verdict.ALLOW


def dynamic_market_award() -> Definition:
    """The machine of an award by reference to dynamic market membership (s.34, s.19, s.21, s.40)."""
    states = [
        State("planning", initial=True, description="preparing: conflicts assessment"),
        State("tendering", description="members are invited to tender"),
        State("evaluation", description="tenders closed and being assessed"),
        State("standstill", description="award notified; any voluntary standstill runs"),
        State("abandoning", description="decided not to award; procurement termination notice due"),
        *life_states(),
        State("cancelled", final=True, description="abandoned"),
    ]
    transitions = [
        Transition("planning", "engage_market", "planning"),
        Transition("planning", "assess_conflicts", "planning"),
        Transition(
            "planning",
            "publish_UK4",
            "tendering",
            guards=(
                conflicts_assessed,
                engagement_notice_or_reasons,
                market_named,
                tendering_period,
            ),
        ),
        Transition(
            "planning",
            "invite_members",
            "tendering",
            guards=(
                conflicts_assessed,
                qualifying_utilities_market,
                market_named,
                tendering_period,
            ),
        ),
        Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        Transition("evaluation", "send_assessment_summaries", "evaluation"),
        Transition("evaluation", "publish_UK6", "standstill", guards=_CONTRACT),
        Transition(
            "standstill", "enter_contract", "mobilisation", guards=(standstill_ended, kpis_set)
        ),
        *life_transitions(),
        Transition(
            ("planning", "tendering", "evaluation", "standstill"),
            "abandon",
            "abandoning",
            guards=(market_termination_notice_needed,),
        ),
        Transition(
            ("planning", "tendering", "evaluation", "standstill"),
            "abandon",
            "cancelled",
            guards=(market_no_termination_notice_needed,),
        ),
        Transition("abandoning", "publish_UK12", "cancelled"),
    ]
    return Definition(
        "pa-dynamic-market-award",
        states=states,
        transitions=transitions,
        description="Procurement Act 2023 s.34: a competitive award among dynamic market members",
    )


def dynamic_market() -> Definition:
    """The machine of establishing and running a dynamic market (s.35-s.39, s.83(2))."""
    states = [
        State("planning", initial=True, description="preparing the dynamic market"),
        State("intended", description="intention notice (UK13) published"),
        State("established", description="established; establishment notice (UK14) due"),
        State("live", description="open to applications at any time (s.36(6))"),
        State("modified", description="modified; modification notice (UK15) due"),
        State("ceased", description="ceased; cessation notice (UK16) due"),
        State("closed", final=True, description="ceased and the cessation notice published"),
        State("cancelled", final=True, description="abandoned before establishment"),
    ]
    transitions = [
        Transition("planning", "assess_conflicts", "planning"),
        Transition("planning", "publish_UK13", "intended", guards=(market_conflicts_assessed,)),
        Transition("intended", "establish", "established"),
        Transition("established", "publish_UK14", "live"),
        Transition("live", "admit_supplier", "live"),
        Transition("live", "modify_market", "modified"),
        Transition("modified", "publish_UK15", "live"),
        Transition(("live", "modified"), "cease", "ceased"),
        Transition("ceased", "publish_UK16", "closed"),
        Transition(("planning", "intended"), "abandon", "cancelled"),
    ]
    return Definition(
        "pa-dynamic-market",
        states=states,
        transitions=transitions,
        description="Procurement Act 2023 s.34-s.40: establishing and running a dynamic market",
    )
