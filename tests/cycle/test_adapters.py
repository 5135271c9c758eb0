"""The cycle reads the stakeholder and outcome areas' public types through small adapters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from commissioning import InvalidInput
from commissioning.appraisal import DeliveryCosts, OptionRole, ShortList, Stream, make_or_buy
from commissioning.cycle import (
    DeliveryRoute,
    EngagementRecord,
    MakeOrBuy,
    OutcomePriorities,
    ServiceModel,
    cabinet_office,
)
from commissioning.outcomes import Measure, Outcome, OutcomeFramework, OutcomeLevel
from commissioning.stakeholders import ArnsteinRung, CoProductionRung, Engagement


def test_a_stakeholder_engagement_becomes_cycle_evidence() -> None:
    engagement = Engagement(
        dt.date(2026, 2, 3), {"users-panel", "carers-forum"}, "workshop", CoProductionRung.CO_DESIGN
    )
    record = EngagementRecord.from_engagement(engagement, groups=["service users", "carers"])
    assert record.on == dt.date(2026, 2, 3)
    assert record.rung == "co-design"
    assert record.rank == 6  # the sixth of the ladder's seven rungs
    assert record.stakeholder_ids == {"users-panel", "carers-forum"}
    assert record.groups == {"service users", "carers"}


def test_an_arnstein_rung_is_refused_because_requirements_use_the_co_production_ladder() -> None:
    engagement = Engagement(dt.date(2026, 2, 3), {"a"}, "workshop", ArnsteinRung.PARTNERSHIP)
    with pytest.raises(InvalidInput, match="rung"):
        EngagementRecord.from_engagement(engagement, groups=["residents"])


def test_an_outcome_framework_becomes_step_three_evidence() -> None:
    at_home = Measure.create(
        "2B",
        "Older people at home 91 days after reablement",
        unit="%",
        direction="higher",
        frequency="financial-year",
        baseline=("82", pendulum.Date(2025, 3, 31)),
        targets=[("84", pendulum.Date(2026, 3, 31))],
    )
    admissions = Measure.create(
        "2C",
        "Care home admissions 65+",
        unit="per 100,000",
        direction="lower",
        frequency="financial-year",
    )
    framework = OutcomeFramework(
        "Adult social care",
        outcomes=(
            Outcome(
                "independence",
                "People live independently",
                OutcomeLevel.POPULATION_RESULT,
                priority=1,
            ),
            Outcome(
                "reablement",
                "Reablement works",
                parent="independence",
                measure_ids=("2B",),
                priority=2,
            ),
            Outcome(
                "admissions",
                "Fewer care home admissions",
                parent="independence",
                measure_ids=("2C",),
                priority=3,
            ),
        ),
        measures=(at_home, admissions),
    )
    evidence = OutcomePriorities.from_outcome_framework(framework, on=dt.date(2026, 1, 14))
    assert [o.name for o in evidence.outcomes] == [
        "People live independently",
        "Reablement works",
        "Fewer care home admissions",
    ]
    line = evidence.outcomes[1].measures[0]
    assert (line.id, line.baseline, line.baseline_on, line.target) == (
        "2B",
        Decimal(82),
        pendulum.Date(2025, 3, 31),
        Decimal(84),
    )
    # Two outcomes have no measure with a baseline: the guard would name both.
    assert [o.name for o in evidence.without_baseline()] == [
        "People live independently",
        "Fewer care home admissions",
    ]
    assert cabinet_office().step("outcomes").requires[-1].kind == "outcome-baselines"


def test_an_appraisal_short_list_and_make_or_buy_become_cycle_evidence() -> None:
    short_list = ShortList.example()
    model = ServiceModel.from_short_list(
        short_list, description="Reablement at home", on=dt.date(2026, 4, 1)
    )
    preferred = [o.name for o in short_list.options if o.role is OptionRole.PREFERRED_WAY_FORWARD]
    assert [model.preferred] == preferred
    assert [o.name for o in model.options] == [o.name for o in short_list.options]
    decision = make_or_buy(
        make=DeliveryCosts("team", Stream.of(100)), buy=DeliveryCosts("contract", Stream.of(80))
    )
    evidence = MakeOrBuy.from_decision(
        decision, on=dt.date(2026, 5, 1), value=Decimal(800000), procedure="pa-open"
    )
    assert evidence.route is DeliveryRoute.EXTERNAL_PROCUREMENT  # buying is cheaper here
    assert evidence.rationale == decision.rationale
    assert evidence.value == Decimal(800000)
