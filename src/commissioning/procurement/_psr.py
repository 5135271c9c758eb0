"""Provider Selection Regime 2023 processes (NHS health care services in England), by stage.

Direct award processes A and B (regs 7-8): the award is decided and the
contract entered into; no standstill is modelled (the reference is silent;
UNCONFIRMED). Direct award process C (reg 9), the most suitable provider process
(reg 10) and the competitive process (reg 11, with a contract notice and
tenders) publish a notice of intention to award (``publish_intention_notice``),
which starts the reg 12 standstill (``commissioning.periods.psr_standstill``).
The award is confirmed by ``publish_award_notice`` within 30 days (regs 7-11;
UNCONFIRMED detail).
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
    standstill_computed,
    standstill_ended,
    tendering_closed,
)
from ._registry import ProcedureRegistry

__all__ = ["PSR_PROCEDURES"]


def _definition(name: str, *, standstill: bool, competitive: bool, description: str) -> Definition:
    states = [State("planning", initial=True)]
    if competitive:
        states += [State("tendering"), State("evaluation")]
    states += [State("standstill") if standstill else State("awarded")]
    states += [*life_states(), State("cancelled", final=True)]
    decide_from = "evaluation" if competitive else "planning"
    transitions: list[Transition] = []
    if competitive:
        transitions += [
            Transition(
                "planning", "publish_contract_notice", "tendering", guards=(later_deadline,)
            ),
            Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
        ]
    if standstill:
        transitions += [
            Transition(
                decide_from,
                "publish_intention_notice",
                "standstill",
                guards=(award_details, standstill_computed),
            ),
            Transition("standstill", "enter_contract", "mobilisation", guards=(standstill_ended,)),
        ]
    else:
        transitions += [
            Transition(decide_from, "decide_award", "awarded", guards=(award_details,)),
            Transition("awarded", "enter_contract", "mobilisation"),
        ]
    pre = [
        s.name
        for s in states
        if s.name in {"planning", "tendering", "evaluation", "standstill", "awarded"}
    ]
    transitions.append(Transition(tuple(pre), "abandon", "cancelled"))
    transitions += [
        Transition(s, "publish_award_notice", s) for s in ("mobilisation", "delivery", "ended")
    ]
    transitions += life_transitions(pa=False)
    return Definition(name, states=states, transitions=transitions, description=description)


_PSR = Regime.PSR_2023


def _p(
    key: str, name: str, reg: str, *, standstill: bool, competitive: bool, method: str
) -> tuple[str, Callable[[], Procedure]]:
    """The key, and how to build the procedure when it is first asked for."""
    return key, lambda: Procedure(
        key,
        name,
        _PSR,
        f"Health Care Services (Provider Selection Regime) Regulations 2023 {reg}",
        _definition(
            key, standstill=standstill, competitive=competitive, description=f"PSR {reg}: {name}"
        ),
        competitive=False,
        standstill="psr" if standstill else "none",
        ocds_method=method,
        description=f"PSR 2023 {reg}",
    )


#: The PSR procedures, by key, each built (machine and all) on first use.
PSR_PROCEDURES = ProcedureRegistry(
    dict(
        (
            _p(
                "psr-direct-award-a",
                "direct award process A",
                "reg 7",
                standstill=False,
                competitive=False,
                method="direct",
            ),
            _p(
                "psr-direct-award-b",
                "direct award process B",
                "reg 8",
                standstill=False,
                competitive=False,
                method="direct",
            ),
            _p(
                "psr-direct-award-c",
                "direct award process C",
                "reg 9",
                standstill=True,
                competitive=False,
                method="direct",
            ),
            _p(
                "psr-most-suitable-provider",
                "most suitable provider process",
                "reg 10",
                standstill=True,
                competitive=False,
                method="limited",
            ),
            _p(
                "psr-competitive",
                "competitive process",
                "reg 11",
                standstill=True,
                competitive=True,
                method="open",
            ),
        )
    )
)
