"""Make or buy: in-house against external, with transition costs, risk and optimism bias."""

from decimal import Decimal

import attrs
import pytest

from commissioning import InvalidInput
from commissioning.appraisal import (
    BiasMeasure,
    DeliveryCosts,
    DeliveryModel,
    DiscountSchedule,
    OptimismBias,
    ProjectType,
    Stream,
    make_or_buy,
)

OUTSOURCING = OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX)


def test_buying_wins_when_its_full_cost_is_lower() -> None:
    # Annuity factor, years 0-4 at 3.5% = 4.67307921...
    # make: 100,000 x 4.67307921 = 467,307.92
    # buy:  (80,000 + 2,000 risk) x 4.67307921 + 30,000 transition = 413,192.50
    decision = make_or_buy(
        make=DeliveryCosts("in-house team", Stream.constant(100_000, years=5)),
        buy=DeliveryCosts(
            "external contract",
            Stream.constant(80_000, years=5),
            transition_costs=Stream.of(30_000),
            risk_costs=Stream.constant(2_000, years=5),
        ),
    )
    assert decision.make_value.pv_costs == Decimal("467307.92")
    assert decision.buy_value.pv_costs == Decimal("413192.50")
    assert decision.decision is DeliveryModel.BUY
    assert decision.margin == Decimal("54115.42")
    assert decision.chosen.name == "external contract"


def test_optimism_bias_on_outsourced_running_costs_can_tip_the_decision_to_make() -> None:
    # buy running 80,000 x 1.41 = 112,800 a year: dearer than make's 100,000
    decision = make_or_buy(
        make=DeliveryCosts("team", Stream.constant(100_000, years=5)),
        buy=DeliveryCosts("contract", Stream.constant(80_000, years=5), optimism_bias=OUTSOURCING),
    )
    assert decision.buy.total_costs.amounts[0] == Decimal("112800.00")
    assert decision.decision is DeliveryModel.MAKE


def test_social_value_benefits_count_in_the_comparison() -> None:
    make = DeliveryCosts("team", Stream.of(100))
    buy = DeliveryCosts("contract", Stream.of(110), benefits=Stream.of(20))
    assert make_or_buy(make=make, buy=buy).decision is DeliveryModel.BUY


def test_the_switching_value_is_the_rise_in_costs_that_ties_the_two() -> None:
    make = DeliveryCosts("team", Stream.constant(100_000, years=5))
    buy = DeliveryCosts(
        "contract", Stream.constant(80_000, years=5), transition_costs=Stream.of(30_000)
    )
    decision = make_or_buy(make=make, buy=buy)
    assert decision.switching_value is not None
    factor = 1 + decision.switching_value + Decimal("0.001")
    dearer = attrs.evolve(
        buy,
        running_costs=buy.running_costs.scaled(factor),
        transition_costs=buy.transition_costs.scaled(factor),
    )
    assert make_or_buy(make=make, buy=dearer).decision is DeliveryModel.MAKE


def test_a_tie_goes_to_make_and_says_so() -> None:
    decision = make_or_buy(
        make=DeliveryCosts("a", Stream.of(5)), buy=DeliveryCosts("b", Stream.of(5))
    )
    assert decision.decision is DeliveryModel.MAKE
    assert "tie" in decision.rationale


def test_the_edition_and_any_unconfirmed_rate_are_recorded() -> None:
    decision = make_or_buy(
        make=DeliveryCosts("a", Stream.constant(1, years=1, start=130)),
        buy=DeliveryCosts("b", Stream.of(5)),
        schedule=DiscountSchedule.reduced(),
    )
    assert decision.uses_unconfirmed_rate
    assert "Green Book" in decision.edition.value
    assert "Make or buy" in decision._repr_html_()


def test_a_capital_figure_is_refused_on_running_costs() -> None:
    with pytest.raises(InvalidInput, match="operating expenditure"):
        DeliveryCosts(
            "x",
            Stream.of(1),
            optimism_bias=OptimismBias.for_project(
                ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX
            ),
        )
