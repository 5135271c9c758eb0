"""The worked example behind ``python -m commissioning demo``.

Everything here is deterministic: the dates are fixed, nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .machine import (
    Deadline,
    Definition,
    EventRecord,
    Period,
    State,
    Transition,
    Verdict,
    guard,
    to_dot,
    to_mermaid,
)

__all__ = ["example_cycle_definition", "run_demo"]


@guard("needs-analysed")
def _needs_analysed(context: Mapping[str, Any], data: Mapping[str, Any]) -> Verdict:
    """A joint strategic needs assessment must be recorded before planning."""
    if context.get("needs_assessment"):
        return Verdict.allow()
    return Verdict.deny("no needs assessment is recorded for the service")


@guard("budget-approved")
def _budget_approved(context: Mapping[str, Any], data: Mapping[str, Any]) -> Verdict:
    """Cabinet must have approved the budget before delivery starts."""
    if context.get("budget_approved"):
        return Verdict.allow()
    return Verdict.deny("cabinet has not approved the budget")


def example_cycle_definition() -> Definition:
    """The example machine: analyse, plan, do, review, and round again or decommission.

    Examples:
        >>> example_cycle_definition().initial
        'start'
    """
    return Definition(
        "community-meals-cycle",
        description="A simple Analyse / Plan / Do / Review commissioning cycle.",
        states=[
            State("start", initial=True),
            State("analyse"),
            State("plan"),
            State(
                "do",
                deadlines=[
                    Deadline(
                        "annual contract review",
                        after=Period(months=12),
                        warn_before=Period(months=1),
                    )
                ],
            ),
            State("review"),
            State("decommissioned", final=True),
        ],
        transitions=[
            Transition("start", "begin", "analyse"),
            Transition("analyse", "plan", "plan", guards=[_needs_analysed]),
            Transition("plan", "do", "do", guards=[_budget_approved]),
            Transition("do", "review", "review"),
            Transition("review", "analyse", "analyse"),
            Transition(("analyse", "plan", "do", "review"), "decommission", "decommissioned"),
        ],
    )


def _table(records: list[EventRecord]) -> str:
    rows = [("v", "when (UTC)", "event", "from", "to", "actor")]
    rows += [
        (
            str(r.version),
            r.occurred_at.strftime("%Y-%m-%d %H:%M"),
            r.event,
            r.source,
            r.target,
            r.actor,
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def run_demo(*, diagram: str = "mermaid") -> str:
    """Walk the example machine with fixed dates and return the printed report.

    Examples:
        >>> print(run_demo().splitlines()[0])
        == Community meals: a commissioning cycle on the engine ==
    """
    definition = example_cycle_definition()
    t = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
    case = definition.start("community-meals-2026", at=t)
    out = ["== Community meals: a commissioning cycle on the engine ==", ""]
    context: dict[str, Any] = {}
    records: list[EventRecord] = []

    def step(event: str, days: int, actor: str, **data: Any) -> None:
        nonlocal case
        case, record = case.fire(
            event, at=t + dt.timedelta(days=days), actor=actor, data=data, context=context
        )
        records.append(record)

    step(
        "begin",
        0,
        "head of commissioning",
        question="How do we keep older people fed and connected?",
    )
    options = case.options(context=context)
    out.append("In 'analyse', before the needs assessment, the user interface would show:")
    out.extend(
        f"  - {o.event}: {'allowed' if o.allowed else 'refused: ' + '; '.join(r for _, r in o.reasons)}"
        for o in options
    )
    context["needs_assessment"] = True
    step("plan", 30, "commissioning officer", needs_assessment="JSNA 2026, chapter 4")
    context["budget_approved"] = True
    step("do", 75, "cabinet member for adult social care", decision="CAB-2026-041")
    step("review", 440, "contract manager")
    step("analyse", 455, "head of commissioning", lesson="volunteer drivers were the bottleneck")
    out += ["", "History (every change is an event record):", _table(records), ""]
    replayed = definition.replay(records, started_at=t)
    out.append(
        f"Replaying the {len(records)} records gives back the same instance: {replayed == case}"
    )
    review_due = definition.as_of(records, at=t + dt.timedelta(days=420), started_at=t)
    dues = ", ".join(
        f"{d.name} {d.status} on {d.due_at:%Y-%m-%d}"
        for d in review_due.due(at=t + dt.timedelta(days=420))
    )
    out.append(f"As of day 420 the case was in {review_due.state!r}: {dues}")
    out += ["", f"Diagram ({diagram}), current state highlighted:"]
    render = to_mermaid if diagram == "mermaid" else to_dot
    out.append(render(definition, instance=case, records=records))
    return "\n".join(out)
