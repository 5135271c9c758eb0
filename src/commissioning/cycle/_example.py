"""A worked example: a council's community meals service, from the question to its second cycle.

Deterministic: every moment is fixed; nothing reads the clock. Used by the
tutorial, the doctests, and ``python -m commissioning demo``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum

from .._errors import InvalidInput
from ..appraisal import (
    BiasMeasure,
    DeliveryCosts,
    MakeOrBuyDecision,
    OptimismBias,
    ProjectType,
    Stream,
    make_or_buy,
)
from ..machine import to_dot, to_mermaid
from ..procurement import Procurement, ProcurementFacts, procedure
from ..thresholds import AuthorityType, ContractType
from ._builtin_frameworks import cabinet_office
from ._cycle import CommissioningCycle
from ._evidence import (
    Contract,
    DeliveryPlan,
    EngagementRecord,
    ImpactMeasurement,
    ImpactObservation,
    MakeOrBuy,
    MeasureLine,
    Milestone,
    NeedsAnalysis,
    OptionConsidered,
    OutcomeLine,
    OutcomePriorities,
    Question,
    ServiceModel,
)
from ._frameworks import Framework
from ._governance import Approval
from ._portfolio import Portfolio

__all__ = [
    "example_framework",
    "example_history",
    "example_lineage",
    "example_make_or_buy",
    "example_report",
]

_LEAD = "amira.khan"
_PROCUREMENT = "dev.procurement"


def _at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def example_framework() -> Framework:
    """The Cabinet Office six steps with the Procurement Act open procedure as the child machine.

    Examples:
        >>> example_framework().definition.state("procuring").children[0].name
        'pa-open'
    """
    return cabinet_office(procedures=[procedure("pa-open")])


def example_make_or_buy() -> MakeOrBuyDecision:
    """The example's make-or-buy appraisal (HM Treasury Green Book), which chooses the delivery model.

    Reopening the in-house kitchen means a refit (capital, standard buildings:
    optimism bias upper bound 24%, applied to the refit) and three years'
    running costs (the Green Book gives no operating-expenditure bound for
    in-house delivery, so none is applied); buying means
    a three-year contract (outsourcing: operating expenditure upper bound 41%)
    and the cost of running the procurement. Both are taken at the Green Book's
    upper bounds, as no mitigation is evidenced, and discounted on the standard
    schedule.

    Examples:
        >>> example_make_or_buy().decision.value
        'buy'
    """
    refit = OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX)
    in_house = DeliveryCosts(
        "reopen the in-house kitchen",
        Stream.of(410000, 410000, 410000),
        transition_costs=refit.apply(Stream.of(450000)),
    )
    contract = DeliveryCosts(
        "contract with a provider",
        Stream.of(383334, 383333, 383333),
        transition_costs=Stream.of(25000),
        optimism_bias=OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX),
    )
    return make_or_buy(make=in_house, buy=contract)


def example_lineage() -> tuple[CommissioningCycle, CommissioningCycle]:
    """Anytown's community meals: a whole cycle with its procurement, then the second cycle's start.

    The first cycle (``meals-1``) runs the six steps from September 2025: the
    question; needs analysis and engagement; outcomes with baselines; a service
    model from three options; the make-or-buy decision (external procurement,
    approved by the cabinet because £1.15m is above the £500,000 key-decision
    threshold), an open procedure under the Procurement Act 2023 as the child
    machine up to the contract entered into; then a year of delivery and the
    impact measured. It concludes, and the second cycle (``meals-2``) starts,
    carrying the lessons and the outcome history, and records its question.

    Examples:
        >>> first, second = example_lineage()
        >>> first.state, second.state, second.iteration
        ('concluded', 'question', 2)
        >>> second.lineage.lessons[0]
        'Drivers notice decline first: make the welfare check part of the contract'
    """
    fw = example_framework()
    c, _ = CommissioningCycle.start(
        "meals-1",
        service_area="Community meals",
        framework=fw,
        at=_at(2025, 9, 1),
        actor=_LEAD,
    )
    # Step 1: What's the question?
    c, _ = c.record(
        Question(
            "How do older residents who cannot cook get a nutritious meal and a daily check?",
            "Residents 65+ assessed as unable to prepare a meal; not care home residents",
            dt.date(2025, 9, 1),
            estimated_value=Decimal(1200000),
        ),
        at=_at(2025, 9, 1, 10),
        actor=_LEAD,
    )
    c, _ = c.advance(at=_at(2025, 9, 15), actor=_LEAD)
    # Step 2: Get to know and work with your customers
    c, _ = c.record(
        NeedsAnalysis(
            "About 420 residents need a meal delivered; 1 in 3 see no one else most days",
            dt.date(2025, 10, 20),
            needs=("a hot meal daily", "a daily welfare check", "cultural and medical diets"),
            sources=("JSNA 2025", "adult social care records", "meals service survey 2025"),
        ),
        at=_at(2025, 10, 20),
        actor=_LEAD,
    )
    c, _ = c.record(
        EngagementRecord(
            dt.date(2025, 11, 5),
            {"service users", "carers"},
            "workshops in three day centres",
            "co-design",
            summary="Company at the door matters as much as the food",
        ),
        at=_at(2025, 11, 5),
        actor=_LEAD,
    )
    c, _ = c.record(
        EngagementRecord(
            dt.date(2025, 11, 19),
            {"providers"},
            "market engagement event",
            "consultation",
            summary="Five providers; two social enterprises",
        ),
        at=_at(2025, 11, 19),
        actor=_LEAD,
    )
    c, _ = c.advance(at=_at(2025, 12, 1), actor=_LEAD)
    # Step 3: Define the outcome and priorities
    c, _ = c.record(
        OutcomePriorities(
            "Community meals outcomes",
            (
                OutcomeLine(
                    "Reduce social isolation",
                    1,
                    (
                        MeasureLine(
                            "lonely",
                            "Users who feel lonely often or always (%)",
                            Decimal(41),
                            dt.date(2025, 9, 30),
                            Decimal(30),
                        ),
                    ),
                ),
                OutcomeLine(
                    "Maintain good nutrition",
                    2,
                    (
                        MeasureLine(
                            "must",
                            "Users at risk of malnutrition (MUST score 2+, %)",
                            Decimal(18),
                            dt.date(2025, 9, 30),
                            Decimal(12),
                        ),
                    ),
                ),
            ),
            dt.date(2026, 1, 14),
        ),
        at=_at(2026, 1, 14),
        actor=_LEAD,
    )
    c, _ = c.advance(at=_at(2026, 1, 20), actor=_LEAD)
    # Step 4: What will it look like?
    c, _ = c.record(
        ServiceModel(
            "A hot meal delivered daily by a driver who carries out a welfare check",
            (
                OptionConsidered("Hot meal and welfare check daily", "meets both outcomes"),
                OptionConsidered(
                    "Frozen meals delivered weekly",
                    "cheapest",
                    rejected_because="no daily contact: fails the isolation outcome",
                ),
                OptionConsidered(
                    "Lunch clubs only",
                    "sociable",
                    rejected_because="a third of users cannot travel",
                ),
            ),
            preferred="Hot meal and welfare check daily",
            on=dt.date(2026, 2, 25),
        ),
        at=_at(2026, 2, 25),
        actor=_LEAD,
    )
    c, _ = c.advance(at=_at(2026, 3, 2), actor=_LEAD)
    # Step 5: How will you get there?
    c, _ = c.record(
        MakeOrBuy.from_decision(
            example_make_or_buy(),
            on=dt.date(2026, 3, 10),
            value=Decimal(1150000),
            procedure="pa-open",
        ),
        at=_at(2026, 3, 10),
        actor=_LEAD,
    )
    c, _ = c.record(
        DeliveryPlan(
            "Open procedure, award in June, three months' mobilisation",
            dt.date(2026, 3, 12),
            starts_on=dt.date(2026, 10, 1),
            milestones=(
                Milestone("Tender notice", dt.date(2026, 4, 1)),
                Milestone("Contract entered into", dt.date(2026, 6, 30)),
                Milestone("Service starts", dt.date(2026, 10, 1)),
            ),
        ),
        at=_at(2026, 3, 12),
        actor=_LEAD,
    )
    c, _ = c.approve(
        Approval(
            "route",
            "cabinet",
            "Cllr Priya Patel",
            _at(2026, 3, 19, 18),
            reference="Cabinet minute 2026/045",
        ),
        at=_at(2026, 3, 19, 18),
        actor=_LEAD,
    )
    facts = ProcurementFacts(
        title="Community meals service",
        buyer="Anytown Borough Council",
        authority=AuthorityType.SUB_CENTRAL,
        contract_type=ContractType.SERVICES,
        value_including_vat="1150000",
        commenced_on=pendulum.Date(2026, 3, 23),
    )
    procurement, _ = Procurement.start(
        "meals-2026", facts=facts, procedure="pa-open", at=_at(2026, 3, 23), actor=_PROCUREMENT
    )
    c, _ = c.procure(procurement, at=_at(2026, 3, 23), actor=_PROCUREMENT)
    c, _ = c.fire_procurement("assess_conflicts", at=_at(2026, 3, 24), actor=_PROCUREMENT)
    c, _ = c.fire_procurement(
        "publish_UK4",
        at=_at(2026, 4, 1),
        actor=_PROCUREMENT,
        data={"tender_deadline": "2026-05-01"},
    )
    c, _ = c.fire_procurement("close_tendering", at=_at(2026, 5, 5), actor=_PROCUREMENT)
    c, _ = c.fire_procurement("send_assessment_summaries", at=_at(2026, 6, 1), actor=_PROCUREMENT)
    c, _ = c.fire_procurement(
        "publish_UK6",
        at=_at(2026, 6, 2),
        actor=_PROCUREMENT,
        data={"supplier": "Good Food CIC", "value_including_vat": "1150000"},
    )
    c, _ = c.fire_procurement(
        "enter_contract",
        at=_at(2026, 6, 30),
        actor=_PROCUREMENT,
        data={"value_including_vat": "1150000"},
    )
    c, _ = c.record(
        Contract(
            "ABC-MEALS-2026",
            "Good Food CIC",
            Decimal(1150000),
            dt.date(2026, 6, 30),
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2029, 9, 30),
            extendable_to=dt.date(2030, 9, 30),
        ),
        at=_at(2026, 6, 30, 12),
        actor=_PROCUREMENT,
    )
    c, _ = c.advance(at=_at(2026, 7, 1), actor=_LEAD)
    # Step 6: Measuring the impact (after a year of delivery)
    c, _ = c.record(
        ImpactMeasurement(
            "Loneliness down 8 points, malnutrition risk down 4 points in the first year",
            dt.date(2027, 10, 20),
            observations=(
                ImpactObservation(
                    "Reduce social isolation", "lonely", Decimal(33), dt.date(2027, 9, 30)
                ),
                ImpactObservation(
                    "Maintain good nutrition", "must", Decimal(14), dt.date(2027, 9, 30)
                ),
            ),
            lessons=(
                "Drivers notice decline first: make the welfare check part of the contract",
                "Menus for cultural diets took six months to get right: co-design them earlier",
            ),
        ),
        at=_at(2027, 10, 20),
        actor=_LEAD,
    )
    c, _ = c.advance(at=_at(2027, 11, 1), actor=_LEAD)
    second, _ = c.next_cycle("meals-2", at=_at(2027, 11, 1, 10), actor=_LEAD)
    second, _ = second.record(
        Question(
            "Can the welfare check reach residents who do not need a meal?",
            "Residents 65+ living alone, known to adult social care or referred by GPs",
            dt.date(2027, 11, 15),
        ),
        at=_at(2027, 11, 15),
        actor=_LEAD,
    )
    return c, second


def example_history() -> tuple[str, ...]:
    """The history of [`example_lineage`][commissioning.cycle.example_lineage], one line per record, for printing (the demo).

    Examples:
        >>> lines = example_history()
        >>> print(lines[0])
        Cycle 'meals-1' (Community meals, Cabinet Office six steps (Commissioning Academy)), iteration 1:
        >>> for line in lines[-2:]:
        ...     print(line)
          2027-11-15 09:00 #2 amira.khan: recorded question dated 2027-11-15: Can the welfare check reach residents who do not need a meal?
          -> now in 'question'
        >>> len(lines)
        31
    """
    out: list[str] = []
    for cycle in example_lineage():
        out.append(
            f"Cycle {cycle.id!r} ({cycle.service_area}, {cycle.framework.title}), "
            f"iteration {cycle.iteration}:"
        )
        out.extend(f"  {line}" for line in cycle.describe_history())
        out.append(f"  -> now in {cycle.state!r}")
    return tuple(out)


def example_report(*, diagram: str = "mermaid") -> str:
    """The whole worked example as a printable report (for ``python -m commissioning demo``).

    The first cycle's history, from the question through the procurement (run
    as the child machine) to measuring the impact; the check that replaying its
    records gives back the same cycle; the second cycle's start with what it
    carries; the portfolio's view of the contract's expiry; what the second
    cycle needs next; and a diagram (``"mermaid"`` or ``"dot"``) of the path.

    Examples:
        >>> report = example_report()
        >>> print(report.splitlines()[0])
        == Community meals: a whole commissioning cycle, with its procurement ==
        >>> "gives back the same cycle: True" in report
        True
    """
    if diagram not in ("mermaid", "dot"):
        raise InvalidInput.of("diagram", "'mermaid' or 'dot'", diagram)
    first, second = example_lineage()
    out = [
        "== Community meals: a whole commissioning cycle, with its procurement ==",
        "",
        (
            f"Framework: {first.framework.title}; the procurement ({first.procurement.procedure.name}"  # type: ignore[union-attr]  # the example procures
            ", Procurement Act 2023) runs as the cycle's child machine."
        ),
        "",
        f"Cycle {first.id!r}, iteration {first.iteration}:",
        *(f"  {line}" for line in first.describe_history()),
    ]
    replayed = CommissioningCycle.replay(first.history)
    out += [
        "",
        (
            f"Replaying the {first.version} records (every step judged again on its evidence) "
            f"gives back the same cycle: {replayed == first}"
        ),
        "",
        f"Cycle {second.id!r}, iteration {second.iteration}, carrying forward:",
    ]
    link = second.lineage
    assert link is not None  # noqa: S101 - the second cycle of the example has a predecessor
    out += [f"  lesson: {lesson}" for lesson in link.lessons]
    out += [
        f"  outcome history: {o.outcome} ({o.measure}) {o.value} for the period to {o.period_end}"
        for o in link.outcome_history
    ]
    out += [f"  {line}" for line in second.describe_history()]
    today = dt.date(2027, 11, 20)
    moment = _at(2027, 11, 20)
    out += ["", f"Portfolio on {today}:"]
    for e in Portfolio((first, second)).expiring(start=today, end=dt.date(2032, 12, 31), on=today):
        out.append(
            f"  {e.contract.reference} with {e.contract.supplier} can run to {e.last_day}; "
            f"recommissioning must start by {e.recommission_by}: {e.status}"
            + (f" ({e.successor})" if e.successor else "")
        )
    moved, _ = second.advance(at=moment, actor=_LEAD)
    out += ["", f"After {second.id!r} moves on to {moved.step.title!r}, it needs:"]  # type: ignore[union-attr]  # a step
    out += [f"  - {reason.text}" for reason in moved.blockers(at=moment)]
    render = to_mermaid if diagram == "mermaid" else to_dot
    out += [
        "",
        f"Diagram ({diagram}) of {first.id!r}: the path taken and where it ended:",
        render(
            first.framework.definition, instance=first.instance, records=first.machine_records()
        ),
    ]
    return "\n".join(out)
