"""The built-in commissioning frameworks: Cabinet Office six steps, IPC, NHS joint commissioning, RCGP.

Facts: the docs' Sources page: "Framework 1: the UK Cabinet Office six steps",
"Framework 2: the Institute of Public Care cycle" and "Other cycles users will
ask for" (NHS joint commissioning; Royal College of GPs). Each is plain data
compiled by [`Framework`][commissioning.cycle.Framework].

UNCONFIRMED: the attribution of the six steps to the Cabinet Office
Commissioning Academy rests on a 2019 secondary review, and the RCGP cycle's
attribution to the Royal College of GPs could not be confirmed from a primary
source (statute review O5).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..machine import Period
from ._frameworks import DECIDE, Framework, Loop, Step
from ._governance import ApprovalRule, key_decision_rules
from ._requirements import DEFAULT_REQUIREMENTS, Requirement

__all__ = ["cabinet_office", "ipc", "nhs_joint", "rcgp"]


#: The first step of the NHS joint and RCGP cycles: the question, a needs analysis,
#: engagement with patients, and outcomes with priorities and baselines.
_PATIENT_NEEDS_AND_OUTCOMES = (
    Requirement("question"),
    Requirement("needs-analysis"),
    Requirement("engagement", groups=("patients",)),
    Requirement("outcomes"),
    Requirement("outcome-priorities"),
    Requirement("outcome-baselines"),
)


def _back_loops(names: Iterable[str]) -> tuple[Loop, ...]:
    seq = list(names)
    return tuple(Loop(seq[i], seq[i - 1]) for i in range(1, len(seq)))


def _built_in(
    name: str,
    title: str,
    *,
    steps: tuple[Step, ...],
    decision_step: str,
    approver: str,
    approvals: Iterable[ApprovalRule] | None,
    procedures: Iterable[Any],
    description: str,
) -> Framework:
    """A built-in framework whose steps may each loop back to the one before.

    ``procedures`` are procedure machines (or anything with one as its ``definition``).
    Without ``approvals``: [`key_decision_rules`][commissioning.cycle.key_decision_rules] at the decision step, with
    ``approver`` above the threshold, and ``approver`` to decide a decommissioning.
    """
    rules = (
        (*key_decision_rules(decision_step, cabinet=approver), ApprovalRule(DECIDE, approver))
        if approvals is None
        else tuple(approvals)
    )
    return Framework(
        name,
        title,
        steps=steps,
        decision_step=decision_step,
        loops=_back_loops(s.name for s in steps),
        approvals=rules,
        procedures=tuple(getattr(p, "definition", p) for p in procedures),
        description=description,
    )


def cabinet_office(
    *, approvals: Iterable[ApprovalRule] | None = None, procedures: Iterable[Any] = ()
) -> Framework:
    """The UK Cabinet Office six steps (Commissioning Academy): the default framework.

    Steps and default evidence (the docs' Sources page, Framework 1; the evidence
    is the reference's suggested defaults, configurable): 1 ``question``; 2
    ``customers`` (needs analysis, engagement with service users and providers);
    3 ``outcomes`` (outcomes, each with a priority and a baseline); 4 ``model``
    (a service model with at least 2 options); 5 ``route`` (make-or-buy decision
    and delivery plan; the procurement runs here); 6 ``impact`` (every outcome
    observed, and lessons). Each step may loop back to the one before. Default
    approvals: [`key_decision_rules`][commissioning.cycle.key_decision_rules] at step 5 and the cabinet to decide a
    decommissioning (UNCONFIRMED: councils set their own).

    UNCONFIRMED: the attribution of these six questions to the Cabinet Office
    Commissioning Academy rests on a 2019 secondary review (statute review O5).

    Examples:
        >>> [s.name for s in cabinet_office().steps]
        ['question', 'customers', 'outcomes', 'model', 'route', 'impact']
    """
    titles = (
        ("question", "What's the question?", Period(months=1)),
        ("customers", "Get to know and work with your customers", Period(months=3)),
        ("outcomes", "Define the outcome and priorities", Period(months=2)),
        ("model", "What will it look like?", Period(months=2)),
        ("route", "How will you get there?", Period(months=6)),
        ("impact", "Measuring the impact", Period(months=12)),
    )
    steps = tuple(
        Step(name, title, requires=DEFAULT_REQUIREMENTS[name], lead_time=lead)
        for name, title, lead in titles
    )
    return _built_in(
        "cabinet-office",
        "Cabinet Office six steps (Commissioning Academy)",
        steps=steps,
        decision_step="route",
        approver="cabinet",
        approvals=approvals,
        procedures=procedures,
        description="The UK Cabinet Office's six-step commissioning cycle.",
    )


def ipc(
    *, approvals: Iterable[ApprovalRule] | None = None, procedures: Iterable[Any] = ()
) -> Framework:
    """The Institute of Public Care cycle: Analyse, Plan, Do, Review.

    the docs' Sources page, Framework 2: Analyse (needs assessment, services and
    providers mapped: a needs analysis and engagement with service users, who are
    at the centre); Plan (gap analysis to a commissioning strategy and service
    design: outcomes with priorities and baselines, a service model with at least
    2 options); Do (develop the market and secure contracts: the make-or-buy
    decision, a delivery plan; procurement lives here); Review (delivery against
    needs and outcomes: impact and lessons, which feed the next cycle's Analyse).

    Examples:
        >>> [s.title for s in ipc().steps]
        ['Analyse', 'Plan', 'Do', 'Review']
    """
    steps = (
        Step(
            "analyse",
            "Analyse",
            requires=(
                Requirement("question"),
                Requirement("needs-analysis"),
                Requirement("engagement", groups=("service users",)),
            ),
            lead_time=Period(months=3),
        ),
        Step(
            "plan",
            "Plan",
            requires=(
                Requirement("outcomes"),
                Requirement("outcome-priorities"),
                Requirement("outcome-baselines"),
                Requirement("service-model"),
                Requirement("options", at_least=2),
            ),
            lead_time=Period(months=3),
        ),
        Step(
            "do",
            "Do",
            requires=(Requirement("make-or-buy"), Requirement("delivery-plan")),
            lead_time=Period(months=6),
        ),
        Step(
            "review",
            "Review",
            requires=(Requirement("impact"), Requirement("lessons")),
            lead_time=Period(months=12),
        ),
    )
    return _built_in(
        "ipc",
        "Institute of Public Care commissioning cycle",
        steps=steps,
        decision_step="do",
        approver="cabinet",
        approvals=approvals,
        procedures=procedures,
        description="Analyse, Plan, Do, Review: four elements of equal weight.",
    )


def nhs_joint(
    *, approvals: Iterable[ApprovalRule] | None = None, procedures: Iterable[Any] = ()
) -> Framework:
    """NHS joint commissioning: strategic planning, procuring services, monitoring and evaluation.

    the docs' Sources page, "Other cycles": strategic planning (assess needs, review
    provision, decide priorities: a needs analysis, engagement with patients,
    outcomes with priorities and baselines); procuring services (design services,
    shape supply, manage demand: a service model with options, the make-or-buy
    decision, a delivery plan); monitoring and evaluation (patient choice, manage
    performance, seek patient views: impact and lessons).

    Examples:
        >>> nhs_joint().decision_step
        'procuring-services'
    """
    steps = (
        Step(
            "strategic-planning",
            "Strategic planning",
            requires=_PATIENT_NEEDS_AND_OUTCOMES,
            lead_time=Period(months=4),
        ),
        Step(
            "procuring-services",
            "Procuring services",
            requires=(
                Requirement("service-model"),
                Requirement("options", at_least=2),
                Requirement("make-or-buy"),
                Requirement("delivery-plan"),
            ),
            lead_time=Period(months=8),
        ),
        Step(
            "monitoring-and-evaluation",
            "Monitoring and evaluation",
            requires=(Requirement("impact"), Requirement("lessons")),
            lead_time=Period(months=12),
        ),
    )
    return _built_in(
        "nhs-joint",
        "NHS joint commissioning cycle",
        steps=steps,
        decision_step="procuring-services",
        approver="board",
        approvals=approvals,
        procedures=procedures,
        description="Strategic planning, procuring services, monitoring and evaluation.",
    )


def rcgp(
    *, approvals: Iterable[ApprovalRule] | None = None, procedures: Iterable[Any] = ()
) -> Framework:
    """The Royal College of GPs cycle: analyse and plan; design pathways; specify and procure; deliver and improve.

    the docs' Sources page, "Other cycles". Default evidence: analyse and plan (a
    needs analysis, engagement with patients, outcomes with priorities and
    baselines); design pathways (a service model with at least 2 options);
    specify and procure (the make-or-buy decision, a delivery plan); deliver and
    improve (impact and lessons).

    UNCONFIRMED: the attribution to the Royal College of GPs could not be
    confirmed from a primary source (statute review O5).

    Examples:
        >>> rcgp().steps[2].title
        'Specify and procure'
    """
    steps = (
        Step(
            "analyse-and-plan",
            "Analyse and plan",
            requires=_PATIENT_NEEDS_AND_OUTCOMES,
            lead_time=Period(months=4),
        ),
        Step(
            "design-pathways",
            "Design pathways",
            requires=(Requirement("service-model"), Requirement("options", at_least=2)),
            lead_time=Period(months=3),
        ),
        Step(
            "specify-and-procure",
            "Specify and procure",
            requires=(Requirement("make-or-buy"), Requirement("delivery-plan")),
            lead_time=Period(months=6),
        ),
        Step(
            "deliver-and-improve",
            "Deliver and improve",
            requires=(Requirement("impact"), Requirement("lessons")),
            lead_time=Period(months=12),
        ),
    )
    return _built_in(
        "rcgp",
        "Royal College of GPs commissioning cycle",
        steps=steps,
        decision_step="specify-and-procure",
        approver="board",
        approvals=approvals,
        procedures=procedures,
        description="Analyse and plan; design pathways; specify and procure; deliver and improve.",
    )
