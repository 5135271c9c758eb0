"""Public Contracts Regulations 2015 procedures (procurements commenced before 24 Feb 2025).

Open (reg 27), restricted (reg 28), competitive procedure with negotiation
(reg 29), competitive dialogue (reg 30), innovation partnership (reg 31) and
the negotiated procedure without prior publication (reg 32), with their time
limits (``commissioning.periods``) and the reg 87 standstill after the award
decision. Notices are the PCR ones, not UK1-UK17: ``publish_prior_information_notice``,
``publish_contract_notice``, ``publish_award_decision`` (the reg 86 notices to
tenderers, which start the standstill) and ``publish_contract_award_notice``
(reg 50, within 30 days). Applying the standstill to the negotiated procedure
without prior publication is the cautious choice.
"""

from __future__ import annotations

from collections.abc import Callable

from ..machine import Definition, State, Transition
from ..thresholds import Regime
from ._context import Procedure
from ._contract_life import life_states, life_transitions
from ._guards import (
    award_details,
    later_deadline,
    participation_closed,
    pcr_negotiated_ground,
    pcr_open_time_limit,
    pcr_request_limit,
    pcr_tender_limit,
    standstill_computed,
    standstill_ended,
    tendering_closed,
)
from ._registry import ProcedureRegistry

__all__ = ["PCR_PROCEDURES"]


def _definition(
    name: str, *, two_stage: bool, rounds: bool, negotiated: bool, description: str
) -> Definition:
    states = [
        State("planning", initial=True),
        State("participation"),
        State("tendering"),
        State("evaluation"),
        State("standstill"),
        *life_states(),
        State("cancelled", final=True),
    ]
    if not two_stage:
        states = [s for s in states if s.name != "participation"]
    transitions = [
        Transition("planning", "publish_prior_information_notice", "planning"),
        Transition(("planning", "tendering", "evaluation", "standstill"), "abandon", "cancelled"),
        Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        Transition(
            "evaluation",
            "publish_award_decision",
            "standstill",
            guards=(award_details, standstill_computed),
        ),
        Transition("standstill", "enter_contract", "mobilisation", guards=(standstill_ended,)),
        Transition(
            ("mobilisation", "delivery", "ended"), "publish_contract_award_notice", "mobilisation"
        ),
        *life_transitions(pa=False),
    ]
    # the contract award notice is a loop in each life state
    transitions = [t for t in transitions if t.event != "publish_contract_award_notice"] + [
        Transition(s, "publish_contract_award_notice", s)
        for s in ("mobilisation", "delivery", "ended")
    ]
    if negotiated:
        transitions.append(
            Transition(
                "planning", "justify_negotiated", "tendering", guards=(pcr_negotiated_ground,)
            )
        )
    elif two_stage:
        transitions += [
            Transition(
                "planning", "publish_contract_notice", "participation", guards=(pcr_request_limit,)
            ),
            Transition(
                "participation",
                "invite_tenders",
                "tendering",
                guards=(participation_closed, pcr_tender_limit if not rounds else later_deadline),
            ),
            Transition("participation", "abandon", "cancelled"),
        ]
    else:
        transitions.append(
            Transition(
                "planning", "publish_contract_notice", "tendering", guards=(pcr_open_time_limit,)
            )
        )
    if rounds or negotiated:
        transitions += [
            Transition("tendering", "start_round", "tendering", guards=(later_deadline,)),
            Transition("evaluation", "start_round", "tendering", guards=(later_deadline,)),
        ]
    return Definition(name, states=states, transitions=transitions, description=description)


_PCR = Regime.PCR_2015


def _p(
    key: str, name: str, reg: str, method: str, **kw: bool
) -> tuple[str, Callable[[], Procedure]]:
    """The key, and how to build the procedure when it is first asked for."""
    return key, lambda: Procedure(
        key,
        name,
        _PCR,
        f"Public Contracts Regulations 2015 {reg}",
        _definition(key, description=f"PCR 2015 {reg}: {name}", **kw),
        competitive=False,
        standstill="pcr",
        ocds_method=method,
        description=f"PCR 2015 {reg}",
    )


#: The PCR procedures, by key, each built (machine and all) on first use.
PCR_PROCEDURES = ProcedureRegistry(
    dict(
        (
            _p(
                "pcr-open",
                "open procedure",
                "reg 27",
                "open",
                two_stage=False,
                rounds=False,
                negotiated=False,
            ),
            _p(
                "pcr-restricted",
                "restricted procedure",
                "reg 28",
                "selective",
                two_stage=True,
                rounds=False,
                negotiated=False,
            ),
            _p(
                "pcr-competitive-negotiation",
                "competitive procedure with negotiation",
                "reg 29",
                "selective",
                two_stage=True,
                rounds=True,
                negotiated=False,
            ),
            _p(
                "pcr-competitive-dialogue",
                "competitive dialogue",
                "reg 30",
                "selective",
                two_stage=True,
                rounds=True,
                negotiated=False,
            ),
            _p(
                "pcr-innovation-partnership",
                "innovation partnership",
                "reg 31",
                "selective",
                two_stage=True,
                rounds=True,
                negotiated=False,
            ),
            _p(
                "pcr-negotiated-without-notice",
                "negotiated procedure without prior publication",
                "reg 32",
                "limited",
                two_stage=False,
                rounds=False,
                negotiated=True,
            ),
        )
    )
)
