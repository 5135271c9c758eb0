"""Policy modelling: distributions as values, scenarios and seeded Monte Carlo simulation."""

import math
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.appraisal import (
    METRICS,
    BiasMeasure,
    DiscountSchedule,
    Fixed,
    Normal,
    OptimismBias,
    OptionModel,
    Pert,
    PolicyModel,
    ProjectType,
    Scenario,
    Stream,
    Triangular,
    Uniform,
    simulate,
)
from commissioning.strategies import policy_models

DF1 = 1 / 1.035  # standard schedule, year 1


def _tiny(**changes: Any) -> PolicyModel:
    base = OptionModel(
        "service",
        setup_cost=100,
        fixed_cost=50,
        unit_cost=2,
        payment_per_outcome=1,
        volume=100,
        effect=0.5,
        value_per_outcome=10,
    )
    other = OptionModel("nothing")
    return PolicyModel((attrs.evolve(base, **changes), other), years=2)


def test_the_central_case_matches_the_hand_calculation() -> None:
    # Two years (0 and 1); DF = 1, 1/1.035; served = 100 each year; outcomes = 50 a year.
    # PV costs    = 100 + 50 x (1 + DF1) + (2 + 1 x 0.5) x 100 x (1 + DF1)
    # PV benefits = 10 x 0.5 x 100 x (1 + DF1)
    # outcomes = 100; payments = 1 x 100; cost per outcome = PV costs / 100
    outcome = _tiny().central().outcome("service")
    pv_costs = 100 + 50 * (1 + DF1) + 2.5 * 100 * (1 + DF1)
    pv_benefits = 500 * (1 + DF1)
    assert outcome.pv_costs == pytest.approx(pv_costs, rel=1e-12)
    assert outcome.pv_benefits == pytest.approx(pv_benefits, rel=1e-12)
    assert outcome.npsv == pytest.approx(pv_benefits - pv_costs, rel=1e-12)
    assert outcome.outcomes == pytest.approx(100)
    assert outcome.outcome_payments == pytest.approx(100)
    assert outcome.cost_per_outcome == pytest.approx(pv_costs / 100, rel=1e-12)


def test_the_policy_model_agrees_with_the_exact_stream_appraisal_to_the_penny() -> None:
    # Same service as exact streams: costs 100 + 50 + 250 = 400 in year 0 and 300 in year 1; benefits 500, 500.
    exact = DiscountSchedule.standard().appraise(
        costs=Stream.of(400, 300), benefits=Stream.of(500, 500)
    )
    modelled = _tiny().central().outcome("service").npsv
    assert abs(Decimal(repr(modelled)) - exact.npsv) <= Decimal("0.01")


def test_growth_compounds_the_number_served_year_by_year() -> None:
    # volume 100 growing 10%: served 100 then 110 -> outcomes 0.5 x 210 = 105
    outcome = _tiny(volume_growth=0.1).central().outcome("service")
    assert outcome.outcomes == pytest.approx(105)


def test_optimism_bias_raises_costs_not_benefits() -> None:
    bias = OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX)  # 41%
    plain = _tiny().central().outcome("service")
    biased = _tiny(optimism_bias=bias).central().outcome("service")
    assert biased.pv_costs == pytest.approx(plain.pv_costs * 1.41, rel=1e-12)
    assert biased.pv_benefits == plain.pv_benefits


def test_cost_per_outcome_is_nan_without_outcomes_on_both_backends() -> None:
    model = _tiny(effect=0)
    assert math.isnan(model.central().outcome("service").cost_per_outcome)
    for backend in ("python", "numpy"):
        result = simulate(model, draws=3, seed=1, backend=backend)
        assert all(math.isnan(v) for v in result.values("service", "cost_per_outcome"))
        assert math.isnan(result.mean("service", "cost_per_outcome"))


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_fixed_inputs_give_the_central_case_in_every_draw(backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    model = _tiny()
    central = model.central().outcome("service")
    result = simulate(model, draws=5, seed=3, backend=backend)
    for metric in METRICS:
        expected = getattr(central, metric)
        assert all(
            v == pytest.approx(expected, rel=1e-12) for v in result.values("service", metric)
        )


def test_a_result_records_seed_backend_edition_and_unconfirmed_rates() -> None:
    long = PolicyModel(_tiny().options, years=130, schedule=DiscountSchedule.health())
    result = simulate(long, draws=2, seed=9, backend="python")
    assert (result.seed, result.backend, result.draws) == (9, "python", 2)
    assert result.uses_unconfirmed_rate
    assert result.edition is long.schedule.edition
    assert not simulate(_tiny(), draws=2, seed=9, backend="python").uses_unconfirmed_rate


@settings(max_examples=15)
@given(
    policy_models(years=st.integers(1, 5)),
    st.integers(0, 2**64),
    st.sampled_from(["python", "numpy"]),
)
def test_seeded_simulations_are_reproducible(model: PolicyModel, seed: int, backend: str) -> None:
    first = simulate(model, draws=20, seed=seed, backend=backend)
    second = simulate(model, draws=20, seed=seed, backend=backend)
    for name in model.names:
        for metric in METRICS:
            a, b = first.values(name, metric), second.values(name, metric)
            assert all(
                x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b, strict=True)
            )
    assert first == second


def test_different_seeds_give_different_draws() -> None:
    model = PolicyModel.example()
    a = simulate(model, draws=10, seed=1, backend="python").values("in-house")
    b = simulate(model, draws=10, seed=2, backend="python").values("in-house")
    assert a != b


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_adding_an_option_leaves_the_other_options_draws_unchanged(backend: str) -> None:
    model = PolicyModel.example()
    bigger = attrs.evolve(
        model, options=(*model.options, OptionModel("grant", fixed_cost=Uniform(1, 2)))
    )
    a = simulate(model, draws=50, seed=5, backend=backend)
    b = simulate(bigger, draws=50, seed=5, backend=backend)
    assert a.values("in-house") == b.values("in-house")
    assert a.values("outsourced") == b.values("outsourced")


def test_shared_inputs_are_the_same_draw_for_every_option() -> None:
    # Both options' outcomes are effect x demand; with equal effects they match draw by draw.
    model = PolicyModel(
        (
            OptionModel("a", volume="demand", effect=0.5),
            OptionModel("b", volume="demand", effect=0.5, unit_cost=3),
        ),
        years=3,
        shared={"demand": Uniform(100, 200)},
    )
    result = simulate(model, draws=30, seed=4, backend="python")
    assert result.values("a", "outcomes") == result.values("b", "outcomes")


def test_a_simulated_mean_converges_on_the_central_case_when_one_input_is_uncertain() -> None:
    pytest.importorskip("numpy")
    # NPSV is linear in the value of an outcome, so its mean is the central case's NPSV.
    model = _tiny(value_per_outcome=Normal(10, 2))
    result = simulate(model, draws=40_000, seed=12, backend="numpy")
    central = model.central().outcome("service").npsv
    # sd of NPSV = 2 x 0.5 x 100 x (1 + DF1) = 196.6; standard error = 196.6 / 200 = 0.98
    assert abs(result.mean("service") - central) < 4 * 0.99


def test_the_probabilities_of_being_preferred_sum_to_one() -> None:
    result = simulate(PolicyModel.example(), draws=500, seed=2, backend="numpy")
    total = sum(result.probability_preferred(n) for n in result.model.names)
    assert total == pytest.approx(1.0)
    python = simulate(PolicyModel.example(), draws=500, seed=2, backend="python")
    assert sum(python.probability_preferred(n) for n in python.model.names) == pytest.approx(1.0)


def test_percentiles_interpolate_like_numpy() -> None:
    numpy = pytest.importorskip("numpy")
    result = simulate(PolicyModel.example(), draws=101, seed=8, backend="python")
    values = result.values("in-house")
    for q in (0, 5, 50, 95, 100):
        assert result.percentile("in-house", q=q) == pytest.approx(
            float(numpy.percentile(values, q))
        )


def test_scenarios_replace_inputs_and_are_compared_at_their_means() -> None:
    model = PolicyModel.example()
    central, poor = model.compare(
        Scenario("poor provider", {"outsourced.effect": Uniform(0.4, 0.5)})
    )
    assert central.preferred == "outsourced"
    assert poor.label == "poor provider"
    assert poor.preferred == "in-house"


def test_an_unknown_scenario_input_is_refused_with_the_known_keys() -> None:
    with pytest.raises(InvalidInput, match="input keys of this model") as caught:
        PolicyModel.example().under(Scenario("typo", {"demnd": 1}))
    assert caught.value.received == "demnd"


def test_a_reference_to_a_missing_shared_input_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        PolicyModel((OptionModel("a", volume="demand"), OptionModel("b")), years=2)
    assert caught.value.field == "options[0].volume"


def test_a_model_needs_two_uniquely_named_options() -> None:
    with pytest.raises(InvalidInput):
        PolicyModel((OptionModel("a"),), years=2)
    with pytest.raises(InvalidInput, match="unique"):
        PolicyModel((OptionModel("a"), OptionModel("a")), years=2)


def test_a_horizon_beyond_the_schedule_is_refused() -> None:
    with pytest.raises(InvalidInput, match="health reduced"):
        PolicyModel(_tiny().options, years=127, schedule=DiscountSchedule.health_reduced())


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Uniform(3, 1), "high"),
        (lambda: Triangular(0, 5, 4), "mode"),
        (lambda: Pert(1, 1, 1), "high"),
        (lambda: Normal(1, 0), "sd"),
        (lambda: Fixed(float("nan")), "value"),
    ],
)
def test_malformed_distributions_are_refused(make: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make()  # type: ignore[operator]  # the lambdas are callables
    assert caught.value.field == field


def test_a_bool_is_not_a_number() -> None:
    with pytest.raises(InvalidInputType):
        Fixed(True)


def test_draws_and_backend_are_checked() -> None:
    with pytest.raises(InvalidInput):
        simulate(PolicyModel.example(), draws=0, seed=1)
    with pytest.raises(InvalidInput):
        simulate(PolicyModel.example(), draws=1, seed=1, backend="gpu")
    with pytest.raises(InvalidInputType):
        simulate(PolicyModel.example(), draws=1, seed=1.5)  # type: ignore[arg-type]  # the point


def test_distribution_means_and_swings() -> None:
    assert Triangular(0, 3, 6).mean == 3
    assert Pert(0, 3, 12).mean == 4
    assert Uniform(2, 4).swing == (2, 4)
    low, high = Normal(0, 1).swing
    assert (low, high) == pytest.approx((-1.2815515655446004, 1.2815515655446004))


@pytest.mark.parametrize("dist", [Uniform(1, 2), Triangular(1, 1.5, 2), Pert(1, 1.2, 2)])
def test_bounded_draws_stay_within_their_bounds(dist: Uniform | Triangular | Pert) -> None:
    import random  # noqa: PLC0415 - only this test needs it

    assert all(1 <= x <= 2 for x in dist.draw_python(random.Random(0), 500))  # noqa: S311 - simulation test
    numpy = pytest.importorskip("numpy")
    assert all(1 <= x <= 2 for x in dist.draw_numpy(numpy.random.default_rng(0), 500))


def test_results_render_as_html_and_summarise() -> None:
    result = simulate(PolicyModel.example(), draws=200, seed=1, backend="python")
    html = result._repr_html_()
    assert "200 draws, seed 1" in html
    assert set(result.summary()[0]) >= {"npsv_mean", "npsv_p5", "npsv_p95", "probability_preferred"}
    assert "central case" in PolicyModel.example().central()._repr_html_()
    with pytest.raises(InvalidInput):
        result.values("nobody")
    with pytest.raises(InvalidInput):
        result.values("in-house", "profit")


def test_numpy_arrays_are_read_only() -> None:
    pytest.importorskip("numpy")
    array = simulate(PolicyModel.example(), draws=10, seed=1, backend="numpy").array("in-house")
    with pytest.raises(ValueError, match="read-only"):
        array[0] = 1.0
