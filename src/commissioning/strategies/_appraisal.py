"""Hypothesis strategies for the appraisal area (``commissioning.appraisal``).

Each public input type is registered with ``st.register_type_strategy`` when
this module is imported, so ``st.from_type(T)`` works.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from commissioning.appraisal import (
    BiasMeasure,
    Choice,
    Criterion,
    DeliveryCosts,
    Dimension,
    DiscountBand,
    DiscountSchedule,
    Distribution,
    Evaluation,
    Fixed,
    MakeOrBuyDecision,
    Mitigation,
    Normal,
    OptimismBias,
    Option,
    OptionModel,
    OptionOutcome,
    OptionResult,
    OptionRole,
    OptionsAppraisal,
    OptionsFramework,
    Pert,
    PolicyModel,
    ProjectType,
    Scenario,
    ScoreCard,
    ScoringScheme,
    Sensitivity,
    SensitivityRow,
    ShortList,
    SimulationResult,
    SocialOutcome,
    SocialReturn,
    Stream,
    SwitchingPoint,
    SwitchingValue,
    TomsTheme,
    Triangular,
    Uniform,
    ValueForMoney,
    appraise_options,
    make_or_buy,
    sensitivity,
    simulate,
    social_return,
    switching_values,
)

__all__ = [
    "amounts",
    "appraisal_options",
    "delivery_costs",
    "discount_schedules",
    "distributions",
    "make_or_buy_decisions",
    "optimism_biases",
    "option_models",
    "options_appraisals",
    "options_frameworks",
    "policy_models",
    "scoring_schemes",
    "short_lists",
    "social_outcomes",
    "streams",
]

_GREEN_BOOK = (
    DiscountSchedule.standard,
    DiscountSchedule.reduced,
    DiscountSchedule.health,
    DiscountSchedule.health_reduced,
)


def amounts(*, min_pence: int = 0, max_pence: int = 10**10) -> st.SearchStrategy[Decimal]:
    """Exact amounts of pounds (whole pence) between ``min_pence`` and ``max_pence``.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(amounts(max_pence=100))
        ... def test_pounds(amount):
        ...     assert amount <= 1
        >>> test_pounds()
    """
    return st.integers(min_pence, max_pence).map(lambda p: Decimal(p).scaleb(-2))


def discount_schedules(*, custom: bool = True) -> st.SearchStrategy[DiscountSchedule]:
    """The four Green Book schedules and, if ``custom``, schedules of your own (declining rates).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(discount_schedules())
        ... def test_year_zero(schedule):
        ...     assert schedule.factor(0) == 1
        >>> test_year_zero()
    """
    green_book = st.sampled_from(_GREEN_BOOK).map(lambda make: make())
    if not custom:
        return green_book

    @st.composite
    def own(draw: st.DrawFn) -> DiscountSchedule:
        count = draw(st.integers(1, 4))
        bounds = sorted(draw(st.sets(st.integers(1, 200), min_size=count - 1, max_size=count - 1)))
        rates = sorted(
            draw(st.lists(st.integers(0, 900), min_size=count, max_size=count)), reverse=True
        )
        firsts = [0, *bounds]
        lasts: list[int | None] = [b - 1 for b in bounds]
        lasts.append(None)
        triples = [
            (first, last, Decimal(rate).scaleb(-4))
            for first, last, rate in zip(firsts, lasts, rates, strict=True)
        ]
        return DiscountSchedule.from_rates("own", triples)

    return st.one_of(green_book, own())


def streams(
    *,
    min_years: int = 0,
    max_years: int = 15,
    amounts: st.SearchStrategy[Decimal] | None = None,
) -> st.SearchStrategy[Stream]:
    """Streams of money by year from year 0, ``min_years`` to ``max_years`` long.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(streams(min_years=2, max_years=2))
        ... def test_length(stream):
        ...     assert len(stream) == 2
        >>> test_length()
    """
    values = globals()["amounts"]() if amounts is None else amounts
    return st.lists(values, min_size=min_years, max_size=max_years).map(
        lambda xs: Stream(tuple(xs))
    )


@st.composite
def _biases(draw: st.DrawFn) -> OptimismBias:
    project_type = draw(st.sampled_from(ProjectType))
    measure = BiasMeasure.OPEX if project_type is ProjectType.OUTSOURCING else BiasMeasure.CAPEX
    bias = OptimismBias.for_project(project_type, measure)
    shares = draw(st.lists(st.integers(1, 100), max_size=3))
    return bias.mitigated(
        *(
            Mitigation(f"factor {i}", Decimal(s).scaleb(-2), evidence=f"document {i}")
            for i, s in enumerate(shares)
        )
    )


def optimism_biases() -> st.SearchStrategy[OptimismBias]:
    """Optimism bias on capital (or, for outsourcing, operating) expenditure, with evidenced mitigations.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(optimism_biases())
        ... def test_between_bounds(bias):
        ...     assert bias.lower <= bias.applied <= bias.upper
        >>> test_between_bounds()
    """
    return _biases()


def appraisal_options(
    *,
    names: st.SearchStrategy[str] | None = None,
    roles: st.SearchStrategy[OptionRole] | None = None,
    years: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Option]:
    """Options with capital and operating costs, benefits and sometimes optimism bias.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(appraisal_options())
        ... def test_costs_not_negative(option):
        ...     assert option.costs.total >= 0
        >>> test_costs_not_negative()
    """
    name_st = (
        st.text("abcdefghij -", min_size=1, max_size=12).filter(str.strip)
        if names is None
        else names
    )
    role_st = st.sampled_from(OptionRole) if roles is None else roles
    year_st = st.integers(1, 12) if years is None else years

    capital_st = streams(min_years=0, max_years=2, amounts=amounts(max_pence=10**8))
    benefit_amounts = amounts(max_pence=2 * 10**8)
    cost_amounts = amounts(max_pence=10**8)
    bias_st = st.none() | _biases()

    @st.composite
    def build(draw: st.DrawFn) -> Option:
        n = draw(year_st)
        bias = draw(bias_st)
        capex_bias = bias if bias is not None and bias.measure is BiasMeasure.CAPEX else None
        opex_bias = bias if bias is not None and bias.measure is BiasMeasure.OPEX else None
        operating = draw(st.lists(cost_amounts, min_size=1, max_size=n))
        benefits = draw(st.lists(benefit_amounts, max_size=n))
        return Option(
            draw(name_st),
            draw(role_st),
            capital_costs=draw(capital_st),
            operating_costs=Stream(tuple(operating)),
            benefits=Stream(tuple(benefits)),
            capex_bias=capex_bias,
            opex_bias=opex_bias,
        )

    return build()


def short_lists(*, others: st.SearchStrategy[int] | None = None) -> st.SearchStrategy[ShortList]:
    """Valid short lists: business as usual, do-minimum, preferred way forward, one or more others.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(short_lists())
        ... def test_at_least_four(short_list):
        ...     assert len(short_list) >= 4
        >>> test_at_least_four()
    """
    count_st = st.integers(1, 3) if others is None else others

    any_option = appraisal_options(names=st.just("option"), roles=st.just(OptionRole.OTHER))

    @st.composite
    def build(draw: st.DrawFn) -> ShortList:
        roles = [
            OptionRole.BUSINESS_AS_USUAL,
            OptionRole.DO_MINIMUM,
            OptionRole.PREFERRED_WAY_FORWARD,
        ]
        roles += [OptionRole.OTHER] * draw(count_st)
        order = draw(st.permutations(roles))
        return ShortList(
            tuple(
                attrs.evolve(draw(any_option), name=f"option {i}", role=role)
                for i, role in enumerate(order)
            )
        )

    return build()


@st.composite
def _distributions(draw: st.DrawFn, low: float, high: float) -> Distribution:
    kind = draw(st.sampled_from(("fixed", "uniform", "triangular", "pert", "normal")))
    values = sorted(draw(st.lists(st.floats(low, high), min_size=3, max_size=3)))
    a, b, c = values
    if kind == "fixed" or c - a < 1e-6:
        return Fixed(b)
    if kind == "uniform":
        return Uniform(a, c)
    if kind == "triangular":
        return Triangular(a, b, c)
    if kind == "pert":
        return Pert(a, b, c)
    return Normal(b, (c - a) / 4)


def distributions(*, low: float = 0.0, high: float = 1_000.0) -> st.SearchStrategy[Distribution]:
    """Distributions of every kind whose values lie (Normal: mostly) between ``low`` and ``high``.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(distributions(low=0, high=10))
        ... def test_mean_in_range(d):
        ...     assert 0 <= d.mean <= 10
        >>> test_mean_in_range()
    """
    return _distributions(float(low), float(high))


def option_models(*, names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[OptionModel]:
    """Option models with uncertain costs, volume, effect and value of outcomes (no growth).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(option_models())
        ... def test_named(option):
        ...     assert option.name
        >>> test_named()
    """
    name_st = (
        st.sampled_from(("in-house", "outsourced", "partnership", "grant"))
        if names is None
        else names
    )
    return st.builds(
        OptionModel,
        name_st,
        setup_cost=distributions(high=500_000),
        fixed_cost=distributions(high=300_000),
        unit_cost=distributions(low=100, high=2_000),
        payment_per_outcome=st.just(Fixed(0)) | distributions(high=2_000),
        volume=distributions(low=10, high=1_000),
        effect=distributions(low=0, high=1),
        value_per_outcome=distributions(low=0, high=10_000),
    )


def policy_models(*, years: st.SearchStrategy[int] | None = None) -> st.SearchStrategy[PolicyModel]:
    """Policy models of two to four options over a few years, on the standard schedule.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(policy_models())
        ... def test_compares(model):
        ...     assert len(model.options) >= 2
        >>> test_compares()
    """
    year_st = st.integers(1, 15) if years is None else years

    @st.composite
    def build(draw: st.DrawFn) -> PolicyModel:
        count = draw(st.integers(2, 4))
        options = [
            attrs.evolve(draw(option_models(names=st.just("x"))), name=f"option {i}")
            for i in range(count)
        ]
        return PolicyModel(tuple(options), draw(year_st))

    return build()


def delivery_costs(
    *, years: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[DeliveryCosts]:
    """One side of a make-or-buy comparison: running, transition and risk costs, optimism bias.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(delivery_costs())
        ... def test_full_cost(side):
        ...     assert side.total_costs.total >= side.running_costs.total
        >>> test_full_cost()
    """
    year_st = st.integers(1, 10) if years is None else years
    money = amounts(max_pence=10**8)

    @st.composite
    def build(draw: st.DrawFn) -> DeliveryCosts:
        n = draw(year_st)
        bias = draw(st.none() | _biases().filter(lambda b: b.measure is BiasMeasure.OPEX))
        return DeliveryCosts(
            draw(st.sampled_from(("in-house", "external"))),
            Stream(tuple(draw(st.lists(money, min_size=1, max_size=n)))),
            transition_costs=Stream(tuple(draw(st.lists(money, max_size=2)))),
            risk_costs=Stream(tuple(draw(st.lists(money, max_size=n)))),
            optimism_bias=bias,
        )

    return build()


def make_or_buy_decisions() -> st.SearchStrategy[MakeOrBuyDecision]:
    """Make-or-buy decisions between two drawn sides, on a Green Book schedule.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(make_or_buy_decisions())
        ... def test_margin(decision):
        ...     assert decision.margin >= 0
        >>> test_margin()
    """
    return st.builds(
        lambda make, buy, schedule: make_or_buy(make=make, buy=buy, schedule=schedule),
        delivery_costs(),
        delivery_costs(),
        discount_schedules(custom=False),
    )


def options_frameworks() -> st.SearchStrategy[OptionsFramework]:
    """Options frameworks: one to three choices per dimension, one preferred, some discounted.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(options_frameworks())
        ... def test_a_way_forward(framework):
        ...     assert len(framework.preferred_way_forward) == 5
        >>> test_a_way_forward()
    """
    criteria = ("objective", "affordable", "achievable")

    @st.composite
    def build(draw: st.DrawFn) -> OptionsFramework:
        choices = []
        for dimension in Dimension:
            count = draw(st.integers(1, 3))
            preferred = draw(st.integers(0, count - 1))
            for i in range(count):
                if i == preferred:
                    choices.append(Choice(dimension, f"{dimension.value} {i}", preferred=True))
                    continue
                failing = draw(st.sets(st.sampled_from(criteria), max_size=2))
                choices.append(
                    Choice(
                        dimension,
                        f"{dimension.value} {i}",
                        failures=dict.fromkeys(sorted(failing), "does not meet it"),
                        affordable=draw(st.booleans()),
                    )
                )
        return OptionsFramework(criteria[:1], criteria[1:], tuple(choices))

    return build()


def options_appraisals() -> st.SearchStrategy[OptionsAppraisal]:
    """Appraisals of drawn short lists on the standard schedule.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(options_appraisals())
        ... def test_preferred_is_considered(appraisal):
        ...     assert appraisal.preferred in appraisal.options_considered
        >>> test_preferred_is_considered()
    """
    return short_lists().map(appraise_options)


def scoring_schemes(*, social_value_minimum: int | None = 10) -> st.SearchStrategy[ScoringScheme]:
    """Scoring schemes of two to five criteria, weights summing to 100, meeting the social value minimum.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(scoring_schemes())
        ... def test_ten_per_cent(scheme):
        ...     assert scheme.social_value_weight >= 10
        >>> test_ten_per_cent()
    """
    least = 0 if social_value_minimum is None else social_value_minimum

    @st.composite
    def build(draw: st.DrawFn) -> ScoringScheme:
        social = draw(st.integers(max(least, 1), 60))
        cuts = sorted(draw(st.sets(st.integers(1, 99 - social), max_size=3)))
        edges = [0, *cuts, 100 - social]
        weights = [b - a for a, b in itertools.pairwise(edges) if b > a]
        criteria = [Criterion.of(f"criterion {i}", w) for i, w in enumerate(weights)]
        criteria.append(Criterion.of("social value", social, social_value=True))
        return ScoringScheme.of(criteria, social_value_minimum=social_value_minimum)

    return build()


def social_outcomes() -> st.SearchStrategy[SocialOutcome]:
    """Social outcomes with proxy values, deductions, drop-off and a duration.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(social_outcomes())
        ... def test_deductions_never_add(outcome):
        ...     assert outcome.first_year_impact <= outcome.quantity * outcome.proxy_value + Decimal("0.005")
        >>> test_deductions_never_add()
    """
    share = st.integers(0, 100).map(lambda p: Decimal(p).scaleb(-2))
    return st.builds(
        lambda q, v, d, a, o, n, t: SocialOutcome("outcome", Decimal(q), v, d, a, o, n, theme=t),
        st.integers(0, 1_000),
        amounts(max_pence=10**7),
        share,
        share,
        share,
        st.integers(1, 10),
        st.none() | st.sampled_from(TomsTheme),
    )


st.register_type_strategy(DiscountSchedule, discount_schedules())
st.register_type_strategy(Stream, streams())
st.register_type_strategy(OptimismBias, optimism_biases())
st.register_type_strategy(Option, appraisal_options())
st.register_type_strategy(ShortList, short_lists())
_ordered = (
    st.lists(st.floats(0, 1_000), min_size=3, max_size=3)
    .map(sorted)
    .filter(lambda v: v[2] - v[0] > 1e-6)
)
st.register_type_strategy(Fixed, st.floats(0, 1_000).map(Fixed))
st.register_type_strategy(Uniform, _ordered.map(lambda v: Uniform(v[0], v[2])))
st.register_type_strategy(Triangular, _ordered.map(lambda v: Triangular(v[0], v[1], v[2])))
st.register_type_strategy(Pert, _ordered.map(lambda v: Pert(v[0], v[1], v[2])))
st.register_type_strategy(Normal, _ordered.map(lambda v: Normal(v[1], (v[2] - v[0]) / 4)))
st.register_type_strategy(OptionModel, option_models())
st.register_type_strategy(PolicyModel, policy_models())
st.register_type_strategy(
    Scenario,
    st.builds(Scenario, st.just("scenario"), st.dictionaries(st.just("demand"), distributions())),
)
st.register_type_strategy(DeliveryCosts, delivery_costs())
st.register_type_strategy(MakeOrBuyDecision, make_or_buy_decisions())
st.register_type_strategy(OptionsAppraisal, options_appraisals())
st.register_type_strategy(ScoringScheme, scoring_schemes())
st.register_type_strategy(SocialOutcome, social_outcomes())
st.register_type_strategy(
    ValueForMoney,
    st.builds(
        lambda s, c, b: s.appraise(costs=c, benefits=b),
        discount_schedules(custom=False),
        streams(),
        streams(),
    ),
)
st.register_type_strategy(
    Mitigation,
    st.builds(
        Mitigation,
        st.just("contributory factor managed"),
        st.integers(1, 100).map(lambda p: Decimal(p).scaleb(-2)),
        evidence=st.just("evidence document"),
    ),
)
st.register_type_strategy(OptionsFramework, options_frameworks())
st.register_type_strategy(
    Choice,
    st.builds(
        Choice,
        st.sampled_from(Dimension),
        st.text("abcdefgh ", min_size=1, max_size=10).filter(str.strip),
        affordable=st.booleans(),
    ),
)
st.register_type_strategy(
    Criterion,
    st.builds(
        Criterion,
        st.text("abcdefgh ", min_size=1, max_size=10).filter(str.strip),
        st.integers(1, 100).map(Decimal),
        social_value=st.booleans(),
    ),
)
st.register_type_strategy(
    DiscountBand,
    st.builds(
        lambda first, length, rate: DiscountBand(
            first, None if length is None else first + length, Decimal(rate).scaleb(-4)
        ),
        st.integers(0, 300),
        st.none() | st.integers(0, 100),
        st.integers(0, 900),
    ),
)

# Results: drawn by computing them from drawn inputs, so that they are consistent.
_small_models = policy_models(years=st.integers(1, 5))
st.register_type_strategy(Evaluation, _small_models.map(PolicyModel.central))
st.register_type_strategy(OptionOutcome, _small_models.map(lambda m: m.central().options[0][1]))
st.register_type_strategy(
    SimulationResult,
    st.builds(
        lambda m, seed: simulate(m, draws=20, seed=seed, backend="python"),
        _small_models,
        st.integers(0, 2**32),
    ),
)
st.register_type_strategy(Sensitivity, _small_models.map(sensitivity))
st.register_type_strategy(
    SensitivityRow,
    _small_models.map(sensitivity).filter(lambda s: bool(s.rows)).map(lambda s: s.rows[0]),
)
st.register_type_strategy(
    SwitchingPoint,
    _small_models.map(lambda m: switching_values(m, inputs=[min(m.inputs())])[0]),
)
st.register_type_strategy(OptionResult, options_appraisals().map(lambda a: a.results[0]))
st.register_type_strategy(
    SwitchingValue, options_appraisals().map(lambda a: a.switching_values()[0])
)
st.register_type_strategy(
    SocialReturn,
    st.builds(
        lambda outcomes, investment: social_return(
            [attrs.evolve(o, name=f"outcome {i}") for i, o in enumerate(outcomes)],
            investment=investment,
        ),
        st.lists(social_outcomes(), max_size=3),
        streams(max_years=3),
    ),
)


@st.composite
def _score_cards(draw: st.DrawFn) -> ScoreCard:
    scheme = draw(scoring_schemes())
    names = draw(
        st.lists(st.sampled_from(("a", "b", "c", "d")), min_size=1, max_size=4, unique=True)
    )
    top = st.integers(0, scheme.top_score)
    return scheme.score({n: {c.name: draw(top) for c in scheme.criteria} for n in names})


st.register_type_strategy(ScoreCard, _score_cards())
st.register_type_strategy(Distribution, distributions())
