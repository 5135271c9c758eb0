"""Procurement Act 2023 procedures as machines: every route to award of s.11(2).

Each definition runs from ``planning`` to ``closed`` (contract ended and the
termination notice published) or ``cancelled`` (abandoned). Pre-award states:
``planning``, ``participation`` (competitive flexible), ``tendering``,
``evaluation``, ``direct_award`` (after switching, s.43), ``award_decision``
(a direct award decided), ``standstill`` (the award notified), ``abandoning``
(decided not to award; UK12 due). The contract's life follows
(`._contract_life`).
"""

from __future__ import annotations

from collections.abc import Callable

from .._errors import InvalidInput
from ..machine import Definition, State, Transition
from ..thresholds import Regime
from ._context import Procedure
from ._contract_life import life_states, life_transitions
from ._dynamic_markets import dynamic_market, dynamic_market_award
from ._frameworks import framework_call_off, framework_term, not_open_framework
from ._guards import (
    amended_participation_period,
    amended_tendering_period,
    assessment_summaries_first,
    award_details,
    award_notice_exempt,
    conflicts_assessed,
    engagement_notice_or_reasons,
    kpis_set,
    later_deadline,
    no_suitability_assessment,
    no_suitable_tenders,
    no_termination_notice_needed,
    not_user_choice,
    participation_closed,
    participation_period,
    schedule_5_justification,
    standstill_computed,
    standstill_ended,
    tender_notice_amendment,
    tendering_closed,
    tendering_period,
    tendering_period_after_shortlist,
    termination_notice_exempt,
    termination_notice_needed,
)
from ._registry import ProcedureRegistry

__all__ = ["PA_PROCEDURES"]

_PRE_CONTRACT = (
    "planning",
    "participation",
    "tendering",
    "evaluation",
    "direct_award",
    "award_decision",
    "standstill",
)


def _states(*names: str) -> list[State]:
    descriptions = {
        "planning": "preparing: engagement, planning notices, conflicts assessment",
        "participation": "requests to participate are open (competitive flexible)",
        "tendering": "tenders are invited",
        "evaluation": "tenders closed and being assessed",
        "direct_award": "switched to direct award (s.43); transparency notice due",
        "award_decision": "award decided; contract award notice due",
        "standstill": "award notified; the standstill runs (if any)",
        "awarded": "award decided (no award notice or standstill)",
        "abandoning": "decided not to award; procurement termination notice due",
    }
    out = [State("planning", initial=True, description=descriptions["planning"])]
    out += [State(n, description=descriptions[n]) for n in names]
    out += life_states()
    out.append(State("cancelled", final=True, description="abandoned"))
    return out


def _planning_loops(*, notices: bool = True) -> list[Transition]:
    out = [
        Transition("planning", "engage_market", "planning"),
        Transition("planning", "assess_conflicts", "planning"),
    ]
    if notices:
        out += [
            Transition("planning", "publish_UK2", "planning"),
            Transition("planning", "publish_UK3", "planning"),
        ]
    return out


def _abandon(states: tuple[str, ...]) -> list[Transition]:
    return [
        Transition(states, "abandon", "abandoning", guards=(termination_notice_needed,)),
        Transition(states, "abandon", "cancelled", guards=(no_termination_notice_needed,)),
        Transition("abandoning", "publish_UK12", "cancelled"),
    ]


def _award_and_contract(
    *, award_from: tuple[str, ...], award_notice: bool = True
) -> list[Transition]:
    out: list[Transition] = []
    if award_notice:
        out.append(
            Transition(
                award_from,
                "publish_UK6",
                "standstill",
                guards=(award_details, assessment_summaries_first, standstill_computed),
            )
        )
        out.append(
            Transition(
                "standstill", "enter_contract", "mobilisation", guards=(standstill_ended, kpis_set)
            )
        )
    else:
        out.append(Transition(award_from, "decide_award", "awarded", guards=(award_details,)))
        out.append(Transition("awarded", "enter_contract", "mobilisation", guards=(kpis_set,)))
    # Where the Act removes the termination notice (s.80(4); s.3(2) below threshold), the
    # exemption table lets an ended contract close without it.
    out.append(Transition("ended", "close", "closed", guards=(termination_notice_exempt,)))
    return out + life_transitions()


def _switching() -> list[Transition]:
    return [
        Transition(
            ("tendering", "evaluation"),
            "switch_to_direct_award",
            "direct_award",
            guards=(no_suitable_tenders,),
        ),
        Transition(
            "direct_award",
            "publish_UK5",
            "award_decision",
            guards=_UK5_GUARDS,
        ),
    ]


_UK4_GUARDS = (conflicts_assessed, engagement_notice_or_reasons, framework_term)
#: A transparency notice: the conflicts assessment, a Sch 5 justification, the award, and for a
#: framework its term (s.47) and no direct award under an open framework (s.49(10)).
_UK5_GUARDS = (
    conflicts_assessed,
    schedule_5_justification,
    award_details,
    framework_term,
    not_open_framework,
)

#: Amending the tender notice while tenders may be submitted (open and below-threshold).
_AMEND_TENDERS = Transition(
    "tendering",
    "amend_tender_notice",
    "tendering",
    guards=(tender_notice_amendment, amended_tendering_period),
)


def _open() -> Definition:
    states = _states(
        "tendering", "evaluation", "direct_award", "award_decision", "standstill", "abandoning"
    )
    transitions = [
        *_planning_loops(),
        Transition("planning", "publish_UK4", "tendering", guards=(*_UK4_GUARDS, tendering_period)),
        _AMEND_TENDERS,
        Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        Transition("evaluation", "send_assessment_summaries", "evaluation"),
        *_switching(),
        *_award_and_contract(award_from=("evaluation", "award_decision")),
        *_abandon(
            ("planning", "tendering", "evaluation", "direct_award", "award_decision", "standstill")
        ),
    ]
    return Definition(
        "pa-open",
        states=states,
        transitions=transitions,
        description="Procurement Act 2023 s.20: open procedure (single stage, anyone may tender)",
    )


def _flexible(name: str, description: str) -> Definition:
    states = _states(
        "participation",
        "tendering",
        "evaluation",
        "direct_award",
        "award_decision",
        "standstill",
        "abandoning",
    )
    transitions = [
        *_planning_loops(),
        Transition(
            "planning", "publish_UK4", "participation", guards=(*_UK4_GUARDS, participation_period)
        ),
        Transition(
            "participation",
            "amend_tender_notice",
            "participation",
            guards=(tender_notice_amendment, amended_participation_period),
        ),
        Transition(
            "participation",
            "shortlist",
            "tendering",
            guards=(participation_closed, tendering_period_after_shortlist),
        ),
        Transition("tendering", "start_round", "tendering", guards=(later_deadline,)),
        Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        Transition("evaluation", "start_round", "tendering", guards=(later_deadline,)),
        Transition("evaluation", "send_assessment_summaries", "evaluation"),
        Transition(
            "participation", "switch_to_direct_award", "direct_award", guards=(no_suitable_tenders,)
        ),
        *_switching(),
        *_award_and_contract(award_from=("evaluation", "award_decision")),
        *_abandon(
            (
                "planning",
                "participation",
                "tendering",
                "evaluation",
                "direct_award",
                "award_decision",
                "standstill",
            )
        ),
    ]
    return Definition(name, states=states, transitions=transitions, description=description)


def _direct() -> Definition:
    states = _states("award_decision", "standstill", "abandoning")
    transitions = [
        *_planning_loops(),
        Transition(
            "planning",
            "publish_UK5",
            "award_decision",
            guards=_UK5_GUARDS,
        ),
        Transition(
            "planning",
            "select_supplier",
            "award_decision",
            guards=(schedule_5_justification, not_user_choice, award_details),
        ),
        # A user-choice contract needs no contract award notice (s.50(6)(b)): the exemption
        # table lets it be entered into straight from the award decision.
        Transition(
            "award_decision",
            "enter_contract",
            "mobilisation",
            guards=(award_notice_exempt, kpis_set),
        ),
        *_award_and_contract(award_from=("award_decision",)),
        *_abandon(("planning", "award_decision", "standstill")),
    ]
    return Definition(
        "pa-direct-award",
        states=states,
        transitions=transitions,
        description="Procurement Act 2023 s.41: direct award with a Schedule 5 justification",
    )


def _below_threshold() -> Definition:
    states = _states("tendering", "evaluation", "awarded", "abandoning")
    transitions = [
        *_planning_loops(notices=False),
        Transition(
            "planning",
            "publish_UK4",
            "tendering",
            guards=(later_deadline, no_suitability_assessment),
        ),
        _AMEND_TENDERS,
        Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        *_award_and_contract(award_from=("planning", "evaluation"), award_notice=False),
        *_abandon(("planning", "tendering", "evaluation", "awarded")),
    ]
    return Definition(
        "pa-below-threshold",
        states=states,
        transitions=transitions,
        description="Procurement Act 2023 s.84-s.88: below-threshold contract (lighter duties)",
    )


_PA = Regime.PA_2023

#: How to build each PA procedure, by key; `PA_PROCEDURES` builds one when first asked for it.
_PA_BUILDERS: dict[str, Callable[[], Procedure]] = {
    "pa-open": lambda: Procedure(
        "pa-open",
        "open procedure",
        _PA,
        "Procurement Act 2023 s.20(2)(a)",
        _open(),
        competitive=True,
        standstill="mandatory",
        ocds_method="open",
        description="single stage; anyone may tender; begins with a tender notice (UK4)",
    ),
    "pa-competitive-flexible": lambda: Procedure(
        "pa-competitive-flexible",
        "competitive flexible procedure",
        _PA,
        "Procurement Act 2023 s.20(2)(b)",
        _flexible(
            "pa-competitive-flexible",
            "Procurement Act 2023 s.20: competitive flexible procedure (participation, "
            "shortlisting, rounds)",
        ),
        competitive=True,
        standstill="mandatory",
        ocds_method="selective",
        description="a participation stage, shortlisting, then one or more tendering rounds",
    ),
    "pa-light-touch": lambda: Procedure(
        "pa-light-touch",
        "light touch contract (competitive flexible procedure)",
        _PA,
        "Procurement Act 2023 s.9, s.20(2)(b), s.51(3), s.53",
        _flexible(
            "pa-light-touch",
            "Procurement Act 2023: a light touch contract awarded by a competitive "
            "flexible procedure (no minimum periods, no mandatory standstill)",
        ),
        competitive=True,
        standstill="exempt",
        ocds_method="selective",
        description="no minimum time limits, no mandatory standstill, 120 days for UK7",
    ),
    "pa-direct-award": lambda: Procedure(
        "pa-direct-award",
        "direct award",
        _PA,
        "Procurement Act 2023 s.41 and Sch 5",
        _direct(),
        competitive=False,
        standstill="mandatory",
        ocds_method="direct",
        description="a Schedule 5 justification, a transparency notice (UK5), then UK6",
    ),
    "pa-framework-call-off": lambda: Procedure(
        "pa-framework-call-off",
        "call-off under a framework",
        _PA,
        "Procurement Act 2023 s.45-s.49",
        framework_call_off(),
        competitive=False,
        standstill="exempt",
        ocds_method="limited",
        description="competitive selection among framework suppliers, or direct; no standstill",
    ),
    "pa-dynamic-market-award": lambda: Procedure(
        "pa-dynamic-market-award",
        "award under a dynamic market",
        _PA,
        "Procurement Act 2023 s.34-s.40",
        dynamic_market_award(),
        competitive=True,
        standstill="exempt",
        ocds_method="selective",
        description="a tender notice (UK4), or under a qualifying utilities dynamic market "
        "one given to members (s.40), after a conflicts assessment (s.83(1)); members "
        "tender (10-day minimum); no mandatory standstill",
    ),
    "pa-dynamic-market": lambda: Procedure(
        "pa-dynamic-market",
        "dynamic market (establishment and running)",
        _PA,
        "Procurement Act 2023 s.34-s.40",
        dynamic_market(),
        competitive=False,
        standstill="none",
        ocds_method="selective",
        description="intention (UK13), establishment (UK14), modification (UK15), "
        "cessation (UK16); awards under it are pa-dynamic-market-award procurements",
    ),
    "pa-below-threshold": lambda: Procedure(
        "pa-below-threshold",
        "below-threshold contract",
        _PA,
        "Procurement Act 2023 s.84-s.88",
        _below_threshold(),
        competitive=False,
        standstill="none",
        ocds_method="open",
        description="an optional below-threshold tender notice; contract details notice (UK7)",
    ),
}

#: The Procurement Act 2023 procedures, by key, each built on first use.
PA_PROCEDURES = ProcedureRegistry(_PA_BUILDERS)


def pa_procedure(key: str) -> Procedure:
    """The PA procedure called ``key``."""
    try:
        return PA_PROCEDURES[key]
    except KeyError:
        raise InvalidInput.of("key", f"one of {', '.join(PA_PROCEDURES)}", key) from None
