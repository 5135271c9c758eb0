import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from commissioning.machine import Definition, State, Transition, Verdict, guard

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def at(days: int = 0, hours: int = 0) -> dt.datetime:
    return T0 + dt.timedelta(days=days, hours=hours)


@guard("budget-approved")
def budget_approved(context: Any, data: Mapping[str, Any]) -> Verdict:
    """The budget for the service must be approved."""
    if context and context.get("budget_approved"):
        return Verdict.allow()
    return Verdict.deny("the budget has not been approved")


@guard("needs-analysed")
def needs_analysed(context: Any, data: Mapping[str, Any]) -> Verdict:
    """A needs analysis must exist."""
    if context and context.get("needs"):
        return Verdict.allow()
    return Verdict.deny("no needs analysis is recorded")


def cycle_definition() -> Definition:
    """The benchmark's 6-state cyclic machine: analyse, plan, do, review, round again or stop."""
    return Definition(
        "cycle",
        states=[
            State("start", initial=True),
            State("analyse"),
            State("plan"),
            State("do"),
            State("review"),
            State("decommissioned", final=True),
        ],
        transitions=[
            Transition("start", "begin", "analyse"),
            Transition("analyse", "plan", "plan", guards=[needs_analysed]),
            Transition("plan", "do", "do", guards=[budget_approved]),
            Transition("do", "review", "review"),
            Transition("review", "analyse", "analyse"),
            Transition(("analyse", "plan", "do", "review"), "decommission", "decommissioned"),
        ],
    )


@pytest.fixture
def cycle() -> Definition:
    return cycle_definition()


READY = {"budget_approved": True, "needs": True}
