"""Hypothesis strategies for the commissioning cycle: frameworks, evidence, and cycles walked through them.

[`commissioning_cycles`][commissioning.strategies.commissioning_cycles] walks a cycle through any framework the way a
commissioner would: it records, at each step, evidence that meets the step's
requirements, the approvals its rules ask for, a make-or-buy decision at the
decision step (any route, decommissioning included), runs the procurement child
machine when the framework has one, takes allowed loops now and then, and
concludes or decommissions. Every cycle it returns got there through the
guards, never around them.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..cycle import (
    AUDIT_COMMISSION_QUESTIONS,
    CO_PRODUCTION_RUNGS,
    REQUIREMENT_KINDS,
    Approval,
    ApprovalRule,
    CommissioningCycle,
    Contract,
    DecommissioningCase,
    DeliveryPlan,
    DeliveryRoute,
    EngagementRecord,
    Framework,
    ImpactAssessment,
    ImpactMeasurement,
    ImpactObservation,
    Loop,
    MakeOrBuy,
    MeasureLine,
    NeedsAnalysis,
    OptionConsidered,
    OutcomeLine,
    OutcomePriorities,
    ProviderNotice,
    Question,
    Replacement,
    Requirement,
    ServiceModel,
    Step,
    cabinet_office,
    earliest_service_end,
    ipc,
    nhs_joint,
    rcgp,
)
from ..machine import Definition, Period, State, Transition

__all__ = [
    "approval_rules",
    "commissioning_cycles",
    "cycle_documents",
    "cycle_evidence",
    "cycle_frameworks",
    "cycle_requirements",
    "delivery_routes",
    "simple_procedure_machine",
]

_BASE = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
_STEP_KINDS = tuple(
    k
    for k in REQUIREMENT_KINDS
    if k
    not in {
        "decommissioning-case",
        "impact-assessment",
        "provider-notices",
        "replacement",
        "contract",
    }
)


@functools.cache
def simple_procedure_machine() -> Definition:
    """A small procurement procedure machine to run as a cycle's child.

    ``tender --enter-contract--> contract-entered-into --end--> closed``, and
    ``tender --abandon--> cancelled``: enough to exercise the "no delivery before
    the contract is entered into" rule without the procurement area's data.

    Examples:
        >>> simple_procedure_machine().events_from("tender")
        ('enter-contract', 'abandon')
    """
    return Definition(
        "simple-procedure",
        states=[
            State("tender", initial=True),
            State("contract-entered-into"),
            State("closed", final=True),
            State("cancelled", final=True),
        ],
        transitions=[
            Transition("tender", "enter-contract", "contract-entered-into"),
            Transition("tender", "abandon", "cancelled"),
            Transition("contract-entered-into", "end", "closed"),
        ],
    )


def delivery_routes() -> st.SearchStrategy[DeliveryRoute]:
    """Any make-or-buy route.

    Examples:
        >>> from hypothesis import given
        >>> @given(delivery_routes())
        ... def test(route):
        ...     assert isinstance(route, DeliveryRoute)
        >>> test()
    """
    return st.sampled_from(DeliveryRoute)


def cycle_requirements(
    *, kinds: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Requirement]:
    """Requirements of the built-in kinds (step kinds by default), with small counts.

    Examples:
        >>> from hypothesis import given
        >>> @given(cycle_requirements())
        ... def test(requirement):
        ...     assert requirement.describe()
        >>> test()
    """
    kinds_ = st.sampled_from(_STEP_KINDS) if kinds is None else kinds

    def build(kind: str, at_least: int, groups: tuple[str, ...], rung: str | None) -> Requirement:
        if kind == "engagement":
            return Requirement(kind, at_least=at_least, groups=groups, rung=rung)
        return Requirement(kind, at_least=at_least if kind in _COUNTED else 1)

    return st.builds(
        build,
        kinds_,
        st.integers(1, 3),
        st.lists(
            st.sampled_from(("service users", "carers", "providers", "patients")),
            max_size=2,
            unique=True,
        ).map(tuple),
        st.none() | st.sampled_from(CO_PRODUCTION_RUNGS),
    )


_COUNTED = frozenset({"engagement", "outcomes", "options", "impact", "lessons"})


def approval_rules(*, steps: st.SearchStrategy[str]) -> st.SearchStrategy[ApprovalRule]:
    """Approval rules for the given step names: always, or above / up to a threshold.

    Examples:
        >>> from hypothesis import given
        >>> @given(approval_rules(steps=st.just("route")))
        ... def test(rule):
        ...     assert rule.step == "route"
        >>> test()
    """
    amounts = st.integers(0, 2_000_000).map(Decimal)

    def build(step: str, role: str, above: Decimal | None, up_to: Decimal | None) -> ApprovalRule:
        if above is not None and up_to is not None and up_to <= above:
            up_to = above + 1
        return ApprovalRule(step, role, above=above, up_to=up_to)

    return st.builds(
        build,
        steps,
        st.sampled_from(("cabinet", "delegated officer", "director", "board")),
        st.none() | amounts,
        st.none() | amounts,
    )


@st.composite
def _user_frameworks(draw: st.DrawFn, *, procedures: bool | None) -> Framework:
    n = draw(st.integers(2, 6))
    names = [f"stage-{i}" for i in range(n)]
    steps = tuple(
        Step(
            name,
            draw(st.sampled_from(("Look", "Plan", "Ask", "Design", "Buy", "Review"))) + f" {i}",
            requires=tuple(draw(st.lists(cycle_requirements(), max_size=3))),
            lead_time=Period(months=draw(st.integers(0, 6)), days=draw(st.integers(0, 20))),
        )
        for i, name in enumerate(names)
    )
    decision = draw(st.integers(0, n - 2))
    loops = draw(
        st.lists(
            st.integers(1, n - 1).flatmap(lambda a: st.tuples(st.just(a), st.integers(0, a - 1))),
            max_size=3,
            unique=True,
        )
    )
    stages = [*names, "decommission-decide", "decommission-plan"]
    rules = draw(st.lists(approval_rules(steps=st.sampled_from(stages)), max_size=3))
    with_procedures = draw(st.booleans()) if procedures is None else procedures
    return Framework(
        f"council-{n}",
        "A council's own cycle",
        steps=steps,
        decision_step=names[decision],
        loops=tuple(Loop(names[a], names[b]) for a, b in loops),
        approvals=tuple(rules),
        procedures=(simple_procedure_machine(),) if with_procedures else (),
    )


def cycle_frameworks(
    *, user_defined: bool = True, procedures: bool | None = None
) -> st.SearchStrategy[Framework]:
    """The built-in frameworks and (with ``user_defined``) councils' own, generated.

    ``procedures``: ``True`` runs [`simple_procedure_machine`][commissioning.strategies.simple_procedure_machine] as the decision step's
    child in every framework, ``False`` in none, ``None`` (default) either.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(cycle_frameworks())
        ... def test(framework):
        ...     assert framework.definition.initial == framework.steps[0].name
        >>> test()
    """
    procs = st.booleans() if procedures is None else st.just(procedures)
    builtins = st.tuples(st.sampled_from((cabinet_office, ipc, nhs_joint, rcgp)), procs).map(
        lambda pair: pair[0](procedures=(simple_procedure_machine(),) if pair[1] else ())
    )
    if not user_defined:
        return builtins
    return builtins | _user_frameworks(procedures=procedures)


# ----------------------------------------------------------------------------- evidence


def _outcomes(on: dt.date, n: int) -> OutcomePriorities:
    return OutcomePriorities(
        "Outcomes",
        tuple(
            OutcomeLine(
                f"Outcome {i + 1}",
                i + 1,
                (MeasureLine(f"m{i + 1}", f"Measure {i + 1}", Decimal(40 + i), on, Decimal(30)),),
            )
            for i in range(n)
        ),
        on,
    )


def _evidence_for(
    framework: Framework, stage: str, cycle: CommissioningCycle, on: dt.date, value: Decimal
) -> list[Any]:
    """Evidence that meets every requirement of ``stage``, for the cycle as it is."""
    reqs = framework.requirements(stage)
    need: dict[str, int] = {}
    groups: set[str] = set()
    for r in reqs:
        need[r.kind] = max(need.get(r.kind, 0), r.at_least)
        groups.update(r.groups)
    out: list[Any] = []
    if "question" in need:
        out.append(Question("What is needed?", "Everyone in scope", on, estimated_value=value))
    if "needs-analysis" in need:
        out.append(NeedsAnalysis("Needs found", on))
    if "engagement" in need:
        out.extend(
            EngagementRecord(on, groups or {"service users"}, "workshop", "co-production")
            for _ in range(need["engagement"])
        )
    if {"outcomes", "outcome-priorities", "outcome-baselines"} & set(need):
        out.append(_outcomes(on, max(need.get("outcomes", 1), 1)))
    if {"service-model", "options"} & set(need):
        n = max(need.get("options", 1), 1)
        out.append(
            ServiceModel(
                "The model",
                tuple(OptionConsidered(f"Option {i + 1}") for i in range(n)),
                preferred="Option 1",
                on=on,
            )
        )
    if "make-or-buy" in need:
        out.append(MakeOrBuy(DeliveryRoute.IN_HOUSE, "our own team", on, value=value))
    if "delivery-plan" in need:
        out.append(DeliveryPlan("The plan", on, starts_on=on))
    if {"impact", "lessons"} & set(need):
        outcomes = [*cycle.evidence, *out]
        latest = next((e for e in reversed(outcomes) if isinstance(e, OutcomePriorities)), None)
        names = [o.name for o in latest.outcomes] if latest is not None else []
        while len(names) < need.get("impact", 0):
            names.append(f"Outcome {len(names) + 1}")
        out.append(
            ImpactMeasurement(
                "Impact measured",
                on,
                observations=tuple(ImpactObservation(name, "m", Decimal(33), on) for name in names),
                lessons=tuple(f"Lesson {i + 1}" for i in range(max(need.get("lessons", 0), 1))),
            )
        )
    if "decommissioning-case" in need or stage == "decommission-decide":
        out.append(
            DecommissioningCase(
                "No longer meets the outcome",
                on,
                answers=dict.fromkeys(AUDIT_COMMISSION_QUESTIONS, "answered"),
                providers=("Provider A", "Provider B"),
            )
        )
    if stage == "decommission-plan":
        out.append(ImpactAssessment(on, on_users="some", on_partners="some"))
        end = earliest_service_end(on, notice=framework.decommissioning.notice).add(days=1)
        out.extend(ProviderNotice(p, on, service_ends_on=end) for p in ("Provider A", "Provider B"))
        out.append(Replacement(on, "Signposting to community groups"))
    return out


def cycle_evidence(*, on: st.SearchStrategy[dt.date] | None = None) -> st.SearchStrategy[Any]:
    """Valid evidence records of every kind, dated by ``on`` (default: 2020 to 2035).

    Examples:
        >>> from hypothesis import given
        >>> @given(cycle_evidence())
        ... def test(evidence):
        ...     assert evidence.on.year >= 2020
        >>> test()
    """
    days = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)) if on is None else on
    money = st.integers(0, 5_000_000).map(Decimal)
    texts = st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=12)

    def contract(d: dt.date, v: Decimal, months: int) -> Contract:
        return Contract(
            "REF-1",
            "Supplier Ltd",
            v,
            d,
            starts_on=d,
            ends_on=earliest_service_end(d).add(months=months),
        )

    return st.one_of(
        st.builds(lambda q, d, v: Question(q, "scope", d, estimated_value=v), texts, days, money),
        st.builds(NeedsAnalysis, texts, days),
        st.builds(
            lambda d, g, r: EngagementRecord(d, g, "workshop", r),
            days,
            st.frozensets(st.sampled_from(("service users", "carers", "providers")), min_size=1),
            st.sampled_from(CO_PRODUCTION_RUNGS),
        ),
        st.builds(_outcomes, days, st.integers(1, 4)),
        st.builds(
            lambda r, d, v: MakeOrBuy(r, "because", d, value=v), delivery_routes(), days, money
        ),
        st.builds(lambda d: DeliveryPlan("plan", d, starts_on=d), days),
        st.builds(contract, days, money, st.integers(0, 48)),
        st.builds(lambda d: ImpactMeasurement("measured", d, lessons=("a lesson",)), days),
    )


# ----------------------------------------------------------------------------- walks


def _approvals_for(
    framework: Framework, stage: str, cycle: CommissioningCycle, at: dt.datetime
) -> list[Approval]:
    value = cycle.value
    return [
        Approval(stage, rule.role, f"{rule.role.title()} Holder", at)
        for rule in framework.approvals
        if rule.step == stage and rule.applies(value)
    ]


@st.composite
def _cycles(
    draw: st.DrawFn,
    frameworks: st.SearchStrategy[Framework],
    max_moves: int,
    routes: st.SearchStrategy[DeliveryRoute],
) -> CommissioningCycle:
    fw = draw(frameworks)
    clock = _BASE + dt.timedelta(days=draw(st.integers(0, 3000)))
    actor = "commissioner"
    cycle, _ = CommissioningCycle.start(
        "cycle-1", service_area="A service", framework=fw, at=clock, actor=actor
    )
    value = Decimal(draw(st.integers(0, 2_000_000)))
    # sampled_from is uniform (integers() leans towards small values), and loops
    # back are rare and few, so late states and ended cycles come as often as early ones.
    moves = draw(st.sampled_from(range(max_moves + 1)))
    loops = 0
    for _ in range(moves):
        if cycle.is_final:
            break
        clock = max(clock, cycle.updated_at) + dt.timedelta(days=draw(st.integers(1, 40)), hours=1)
        cycle, looped = _move(draw, cycle, fw, clock, value, routes, may_loop=loops < 2)
        loops += looped
    return cycle


def _move(
    draw: Any,
    cycle: CommissioningCycle,
    fw: Framework,
    clock: dt.datetime,
    value: Decimal,
    routes: st.SearchStrategy[DeliveryRoute],
    *,
    may_loop: bool = True,
) -> tuple[CommissioningCycle, bool]:
    """One move through the guards; and whether it was a loop back."""
    actor = "commissioner"
    state = cycle.state
    loops = [e for e in fw.definition.events_from(state) if e.startswith("revisit:")]
    if may_loop and loops and draw(st.sampled_from(range(8))) == 0:
        cycle, _ = cycle.fire(draw(st.sampled_from(loops)), at=clock, actor=actor)
        return cycle, True
    return _forward(draw, cycle, fw, clock, value, routes), False


def _forward(
    draw: Any,
    cycle: CommissioningCycle,
    fw: Framework,
    clock: dt.datetime,
    value: Decimal,
    routes: st.SearchStrategy[DeliveryRoute],
) -> CommissioningCycle:
    actor = "commissioner"
    state = cycle.state
    on = clock.date()
    if state == "procuring":
        cycle, _ = cycle.fire_procurement("enter-contract", at=clock, actor=actor)
        cycle, _ = cycle.record(
            Contract("REF", "Supplier", value, on, starts_on=on, ends_on=on), at=clock, actor=actor
        )
        cycle, _ = cycle.advance(at=clock, actor=actor)
        return cycle
    if state == "decommission-carry-out":
        ends = [n.service_ends_on for n in cycle.evidence if isinstance(n, ProviderNotice)]
        end = max(ends)
        later = dt.datetime(end.year, end.month, end.day, 12, tzinfo=dt.UTC)
        cycle, _ = cycle.fire("complete-decommissioning", at=max(later, clock), actor=actor)
        return cycle
    stage = state
    for evidence in _evidence_for(fw, stage, cycle, on, value):
        cycle, _ = cycle.record(evidence, at=clock, actor=actor)
    if state == fw.decision_step or (
        state in fw.decommission_from and draw(st.integers(0, 4)) == 0
    ):
        route = draw(routes) if state == fw.decision_step else DeliveryRoute.DECOMMISSION
        cycle, _ = cycle.record(
            MakeOrBuy(route, "the appraisal says so", on, value=value), at=clock, actor=actor
        )
    if cycle.value is None and any(r.step == stage and r.thresholded for r in fw.approvals):
        cycle, _ = cycle.record(
            Question("What is needed?", "Everyone in scope", on, estimated_value=value),
            at=clock,
            actor=actor,
        )
    for approval in _approvals_for(fw, stage, cycle, clock):
        cycle, _ = cycle.approve(approval, at=clock, actor=actor)
    event = cycle.next_event
    if event == "procure":
        cycle, _ = cycle.procure("simple-procedure", at=clock, actor=actor)
        return cycle
    if event == "advance" and state == fw.decision_step:
        decision = cycle.decision
        if decision is not None and decision.route.needs_contract:
            cycle, _ = cycle.record(
                Contract("REF", "Supplier", value, on, starts_on=on, ends_on=on),
                at=clock,
                actor=actor,
            )
    assert event is not None  # noqa: S101 - the cycle is open here
    cycle, _ = cycle.fire(event, at=clock, actor=actor)
    return cycle


def commissioning_cycles(
    *,
    frameworks: st.SearchStrategy[Framework] | None = None,
    max_moves: int = 16,
    routes: st.SearchStrategy[DeliveryRoute] | None = None,
) -> st.SearchStrategy[CommissioningCycle]:
    """Cycles walked through the guards for up to ``max_moves`` moves (a step, a loop, a stage).

    The number of moves is drawn uniformly and loops back are rare (at most two),
    so cycles in late states (procuring, impact, decommissioning, ended) are
    generated as often as early ones. Frameworks with a procedure run
    [`simple_procedure_machine`][commissioning.strategies.simple_procedure_machine], which is not a registered procurement
    procedure: replay or load such cycles with ``procedures=[simple_procedure_machine()]``
    (or ``frameworks=[cycle.framework]``).

    Examples:
        >>> from hypothesis import given, settings
        >>> from commissioning.cycle import CommissioningCycle
        >>> @settings(max_examples=10)
        ... @given(commissioning_cycles(max_moves=6))
        ... def test(cycle):
        ...     assert CommissioningCycle.replay(cycle.history, frameworks=[cycle.framework]) == cycle
        >>> test()
    """
    return _cycles(
        cycle_frameworks() if frameworks is None else frameworks,
        max_moves,
        delivery_routes() if routes is None else routes,
    )


# ----------------------------------------------------------------------------- stored forms

def cycle_documents(
    *, hostile: bool = False, cycles: st.SearchStrategy[CommissioningCycle] | None = None
) -> st.SearchStrategy[Any]:
    """Stored forms of commissioning cycles (``CommissioningCycle.to_data()``), valid or hostile.

    With ``hostile``, each document has one to three edits by
    [`hostile_edits`][commissioning.strategies.hostile_edits], for
    fuzzing a loader of your own that reads cycles: it should raise a typed
    error or return a value that round-trips. Cycles whose framework runs
    [`simple_procedure_machine`][commissioning.strategies.simple_procedure_machine] load with ``procedures=[simple_procedure_machine()]``.

    Examples:
        >>> from hypothesis import given, settings
        >>> from commissioning import CommissioningError
        >>> from commissioning.cycle import CommissioningCycle
        >>> @settings(max_examples=10)
        ... @given(cycle_documents(hostile=True))
        ... def test(doc):
        ...     try:
        ...         CommissioningCycle.from_data(doc, procedures=[simple_procedure_machine()])
        ...     except CommissioningError:
        ...         pass
        >>> test()
    """
    documents = (commissioning_cycles(max_moves=8) if cycles is None else cycles).map(
        lambda c: c.to_data()
    )
    if not hostile:
        return documents
    # _stored lists cycle documents among every stored form, so it imports this module.
    from ._stored import hostile_edits  # noqa: PLC0415 - imported here to break that cycle

    return hostile_edits(documents)


st.register_type_strategy(Framework, cycle_frameworks())
st.register_type_strategy(CommissioningCycle, commissioning_cycles())
st.register_type_strategy(Requirement, cycle_requirements())
st.register_type_strategy(
    ApprovalRule, approval_rules(steps=st.sampled_from(("route", "decommission-decide")))
)


def _of_kind(kind: type) -> st.SearchStrategy[Any]:
    return cycle_evidence().filter(lambda e: isinstance(e, kind))


for _kind in (
    Question,
    NeedsAnalysis,
    EngagementRecord,
    OutcomePriorities,
    MakeOrBuy,
    DeliveryPlan,
    Contract,
    ImpactMeasurement,
):
    st.register_type_strategy(_kind, _of_kind(_kind))
