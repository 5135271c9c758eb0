"""The contract's life after award, shared by every procedure: mobilisation, delivery, ending.

States: ``mobilisation`` (entered into, not yet delivering), ``delivery``,
``ended`` (expired or terminated; the termination notice is still due) and
``closed`` (final). PA notices: UK7 contract details (s.53), the contract copy
(s.53(3)), UK9 performance (s.71: at least yearly and on termination where KPIs were
set under s.52(1); and within 30 days of the day a breach's termination, partial
termination, damages or settlement, or a failure to improve, recorded by
``record_breach``, brings s.71(5) into play; a breach that ends the whole contract is
reported in UK11, PR24 regs 39(9) and 41), UK10 change before a modification (s.75,
s.76; the modification rests on a s.74 ground, `._modifications`, and may be
made in mobilisation too), the modified contract (s.77, ``publish_modified_contract``),
UK8 payments (s.70), UK11 termination (s.80).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..machine import State, Transition, Verdict, guard
from ._context import ProcurementContext
from ._guards import (
    assessment_before_performance_notice,
    change_standstill_computed,
    end_reason,
    payment_amount,
    ratings_valid,
)
from ._life import BreachOutcome, parse_day
from ._modification_guards import (
    change_notice_before_modifying,
    change_notice_ground,
    modification_permitted,
)
from ._reasons import verdict_of

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


def _d(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@guard("pa-s71-breach-outcome")
def breach_outcome(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A breach or failure records what brings s.71(5) into play and the day it did (PA s.71(3)-(5)).

    ``outcome`` is one of [`BreachOutcome`][commissioning.procurement.BreachOutcome]; ``outcome_on`` (default: the day
    recorded, or the day a terminated contract ended) is the day of the termination,
    partial termination, damages or settlement, or the day the authority considered
    the supplier had failed to improve (PR24 reg 39(7)(h)-(i)); ``breach_on`` may give
    the breach's own day. A full termination is recorded once the contract has ended
    by termination (``end_contract``), on that day.
    """
    h = ctx.history
    rule = "Procurement Act 2023 s.71"
    found: list[tuple[str, str]] = []
    description = data.get("description")
    if not (isinstance(description, str) and description.strip()):
        found.append(
            (rule, f"description must say what the breach or failure was, received {description!r}")
        )
    raw = data.get("outcome")
    try:
        outcome: BreachOutcome | None = BreachOutcome(str(raw))
    except ValueError:
        outcome = None
        found.append(
            (
                "Procurement Act 2023 s.71(3)-(4)",
                (
                    "a breach counts once it results in termination, partial termination, damages "
                    "or a settlement, and poor performance once the supplier failed to improve: "
                    f"outcome must be one of {', '.join(o.value for o in BreachOutcome)}; received {raw!r}"
                ),
            )
        )
    terminated = h.ended_on if h.end_reason == "termination" else None
    day = ctx.on
    if "outcome_on" in data:
        stated = parse_day(data.get("outcome_on"))
        if stated is None:
            found.append(
                (rule, f"outcome_on must be an ISO date, received {data.get('outcome_on')!r}")
            )
        else:
            day = stated
    elif outcome is BreachOutcome.TERMINATION and terminated is not None:
        day = terminated
    entered = h.contract_entered_on
    if day > ctx.on:
        found.append((rule, f"the {raw} on {_d(day)} is after today ({_d(ctx.on)})"))
    if entered is not None and day < entered:
        found.append(
            (
                rule,
                f"the {raw} on {_d(day)} is before the contract was entered into ({_d(entered)})",
            )
        )
    if "breach_on" in data:
        breach_on = parse_day(data.get("breach_on"))
        if breach_on is None:
            found.append(
                (rule, f"breach_on must be an ISO date, received {data.get('breach_on')!r}")
            )
        elif breach_on > day:
            found.append((rule, f"the breach on {_d(breach_on)} is after its {raw} on {_d(day)}"))
        elif entered is not None and breach_on < entered:
            found.append(
                (
                    rule,
                    f"the breach on {_d(breach_on)} is before the contract was entered into ({_d(entered)})",
                )
            )
    if outcome is BreachOutcome.TERMINATION:
        if terminated is None:
            found.append(
                (
                    "Procurement Regulations 2024 regs 39(9), 41(2)(h)",
                    (
                        "a breach that ends the whole contract is recorded once the contract has "
                        "been ended by termination (end_contract with reason 'termination'); its "
                        "information goes in the contract termination notice (UK11)"
                    ),
                )
            )
        elif day != terminated:
            found.append(
                (
                    rule,
                    f"the contract was terminated on {_d(terminated)}, not on {_d(day)}",
                )
            )
    return verdict_of(found)


def _loops(
    states: tuple[str, ...], event: str, guards: tuple[object, ...] = ()
) -> list[Transition]:
    return [Transition(s, event, s, guards=guards) for s in states]


def life_transitions(*, pa: bool = True) -> list[Transition]:
    """The transitions of a contract's life; ``pa=False`` leaves out the PA notices (PCR, PSR)."""
    live = ("mobilisation", "delivery")
    modify = (modification_permitted, change_notice_before_modifying) if pa else ()
    out: list[Transition] = [
        Transition("mobilisation", "start_delivery", "delivery"),
        Transition(live, "end_contract", "ended", guards=(end_reason,)),
        *_loops(("delivery",), "record_payment", (payment_amount,)),
        *_loops(live if pa else ("delivery",), "modify_contract", modify),
        *_loops((*live, "ended"), "assess_performance", (ratings_valid,)),
    ]
    if pa:
        out += [
            *_loops((*live, "ended"), "publish_UK7"),
            *_loops((*live, "ended"), "publish_contract_copy"),
            *_loops(("delivery", "ended"), "publish_UK8"),
            *_loops((*live, "ended"), "record_breach", (breach_outcome,)),
            *_loops((*live, "ended"), "publish_UK9", (assessment_before_performance_notice,)),
            *_loops(live, "publish_UK10", (change_notice_ground, change_standstill_computed)),
            *_loops((*live, "ended"), "publish_modified_contract"),
            Transition("ended", "publish_UK11", "closed"),
        ]
    else:
        out.append(Transition("ended", "close", "closed"))
    return out
