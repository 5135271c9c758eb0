"""The contract's life after award, shared by every procedure: mobilisation, delivery, ending.

States: ``mobilisation`` (entered into, not yet delivering), ``delivery``,
``ended`` (expired or terminated; the termination notice is still due) and
``closed`` (final). PA notices: UK7 contract details (s.53), the contract copy
(s.53(3)), UK9 performance (s.71, at least yearly where KPIs were set, and on
termination, and within 30 days of a breach or failure recorded by ``record_breach``),
UK10 change before a modification (s.75, s.76), UK8 payments
(s.70), UK11 termination (s.80).
"""

from __future__ import annotations

from ..machine import State, Transition
from ._guards import (
    assessment_before_performance_notice,
    breach_details,
    change_notice_first,
    change_standstill_computed,
    end_reason,
    payment_amount,
    ratings_valid,
)

__all__ = ["LIFE_STATES", "life_states", "life_transitions"]

LIFE_STATES = ("mobilisation", "delivery", "ended", "closed")


def life_states() -> list[State]:
    """The states of a contract's life (PA)."""
    return [
        State("mobilisation", description="contract entered into; mobilising"),
        State("delivery", description="the contract is being delivered"),
        State("ended", description="expired or terminated; the termination notice is due"),
        State("closed", final=True, description="ended and the termination notice published"),
    ]


def _loops(
    states: tuple[str, ...], event: str, guards: tuple[object, ...] = ()
) -> list[Transition]:
    return [Transition(s, event, s, guards=guards) for s in states]


def life_transitions(*, pa: bool = True) -> list[Transition]:
    """The transitions of a contract's life; ``pa=False`` leaves out the PA notices (PCR, PSR)."""
    live = ("mobilisation", "delivery")
    out: list[Transition] = [
        Transition("mobilisation", "start_delivery", "delivery"),
        Transition(live, "end_contract", "ended", guards=(end_reason,)),
        *_loops(("delivery",), "record_payment", (payment_amount,)),
        *_loops(("delivery",), "modify_contract", (change_notice_first,) if pa else ()),
        *_loops((*live, "ended"), "assess_performance", (ratings_valid,)),
    ]
    if pa:
        out += [
            *_loops((*live, "ended"), "publish_UK7"),
            *_loops((*live, "ended"), "publish_contract_copy"),
            *_loops(("delivery", "ended"), "publish_UK8"),
            *_loops((*live, "ended"), "record_breach", (breach_details,)),
            *_loops((*live, "ended"), "publish_UK9", (assessment_before_performance_notice,)),
            *_loops(("delivery",), "publish_UK10", (change_standstill_computed,)),
            Transition("ended", "publish_UK11", "closed"),
        ]
    else:
        out.append(Transition("ended", "close", "closed"))
    return out
