"""The options appraisal: preferred option, rationale, switching values and cycle evidence."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from commissioning import InvalidInput
from commissioning.appraisal import (
    Basis,
    Criterion,
    DeliveryCosts,
    DiscountSchedule,
    Option,
    OptionRole,
    OptionsAppraisal,
    OptionsFramework,
    ScoringScheme,
    ShortList,
    Stream,
    SwitchingValue,
    appraise_options,
    make_or_buy,
)
from commissioning.strategies import short_lists

SCHEME = ScoringScheme.central_government(
    [
        Criterion.of("outcomes", 50),
        Criterion.of("deliverability", 35),
        Criterion.of("social value", 15, social_value=True),
    ]
)
SCORES = {
    "business as usual": {"outcomes": 3, "deliverability": 9, "social value": 2},
    "do minimum": {"outcomes": 4, "deliverability": 8, "social value": 3},
    "in-house reablement": {"outcomes": 8, "deliverability": 6, "social value": 7},
    "outsourced reablement": {"outcomes": 8, "deliverability": 7, "social value": 9},
}


def test_the_worked_short_list_prefers_in_house_reablement_on_npsv() -> None:
    # in-house: costs 300,000 + 450,000 x 8.60776 (years 0-9 annuity) = 4,173,458.93
    #           benefits 620,000 x 7.60776 (years 1-9)                = 4,716,765.64
    #           NPSV 543,306.71
    appraisal = appraise_options(ShortList.example())
    best = appraisal.result("in-house reablement")
    assert best.value.pv_costs == Decimal("4173458.93")
    assert best.value.pv_benefits == Decimal("4716765.64")
    assert best.value.npsv == Decimal("543306.71")
    assert appraisal.preferred == "in-house reablement"
    assert best.rank == 1
    assert appraisal.ranking == (
        "in-house reablement",
        "do minimum",
        "business as usual",
        "outsourced reablement",
    )
    assert "preferred on net present social value" in appraisal.rationale


def test_the_appraisal_is_the_cycles_options_evidence() -> None:
    decision = make_or_buy(
        make=DeliveryCosts("council team", Stream.constant(450_000, years=10)),
        buy=DeliveryCosts(
            "contract", Stream.constant(420_000, years=10), transition_costs=Stream.of(80_000)
        ),
    )
    appraisal = appraise_options(ShortList.example(), make_or_buy=decision)
    evidence = appraisal.evidence()
    assert evidence["options_considered"] == ShortList.example().names
    assert evidence["preferred"] == "in-house reablement"
    assert evidence["delivery_model"] == decision.decision.value
    assert evidence["edition"] == "Green Book (February 2026)"
    assert "Make or buy" in evidence["rationale"]
    with pytest.raises(TypeError):
        evidence["preferred"] = "x"  # type: ignore[index]  # the point: the evidence is read-only


def test_choosing_on_weighted_score_needs_a_score_card() -> None:
    with pytest.raises(InvalidInput) as caught:
        appraise_options(ShortList.example(), basis=Basis.WEIGHTED_SCORE)
    assert caught.value.field == "scorecard"


def test_choosing_on_weighted_score_can_differ_from_npsv() -> None:
    # outsourced: 50 x 0.8 + 35 x 0.7 + 15 x 0.9 = 40 + 24.5 + 13.5 = 78
    # in-house:   50 x 0.8 + 35 x 0.6 + 15 x 0.7 = 40 + 21 + 10.5   = 71.5
    appraisal = appraise_options(
        ShortList.example(), scorecard=SCHEME.score(SCORES), basis=Basis.WEIGHTED_SCORE
    )
    assert appraisal.preferred == "outsourced reablement"
    assert appraisal.result("outsourced reablement").score == Decimal(78)
    assert "differs from the preferred way forward" in appraisal.rationale
    with pytest.raises(InvalidInput, match="switching values are on NPSV"):
        appraisal.switching_values()


def test_scores_on_npsv_basis_are_reported_in_the_rationale() -> None:
    appraisal = appraise_options(ShortList.example(), scorecard=SCHEME.score(SCORES))
    assert appraisal.preferred == "in-house reablement"
    assert "'outsourced reablement' scores higher (78.0)" in appraisal.rationale


def test_the_score_card_must_cover_exactly_the_short_list() -> None:
    partial = {k: v for k, v in SCORES.items() if k != "do minimum"}
    with pytest.raises(InvalidInput, match="exactly the short-listed options"):
        appraise_options(ShortList.example(), scorecard=SCHEME.score(partial))


def test_npsv_is_reported_at_the_reduced_rates_too_when_asked() -> None:
    appraisal = appraise_options(
        ShortList.example(), comparison_schedule=DiscountSchedule.reduced()
    )
    row = appraisal.to_rows()[0]
    assert "npsv_reduced" in row
    assert row["npsv_reduced"] > row["npsv"]  # lower rates, benefits later than capital costs
    assert "At the reduced rates" in appraisal.rationale


def test_the_framework_checks_the_short_list_when_given() -> None:
    appraisal = appraise_options(ShortList.example(), framework=OptionsFramework.example())
    assert appraisal.framework is not None


def test_an_unconfirmed_rate_is_flagged_in_the_rationale() -> None:
    long_lived = tuple(
        attrs.evolve(o, benefits=o.benefits.plus(Stream.constant(1, years=1, start=150)))
        for o in ShortList.example().options
    )
    appraisal = appraise_options(ShortList(long_lived), schedule=DiscountSchedule.health())
    assert appraisal.uses_unconfirmed_rate
    assert "UNCONFIRMED" in appraisal.rationale


def test_the_appraisal_renders_as_an_html_table() -> None:
    html = appraise_options(ShortList.example(), scorecard=SCHEME.score(SCORES))._repr_html_()
    assert "in-house reablement" in html
    assert "score /100" in html


def _with(option: Option, *, costs: Stream | None = None, benefits: Stream | None = None) -> Option:
    return Option(
        option.name,
        option.role,
        operating_costs=option.costs if costs is None else costs,
        benefits=option.benefits if benefits is None else benefits,
    )


def _moved(appraisal: OptionsAppraisal, sv: SwitchingValue, beyond: Decimal) -> OptionsAppraisal:
    assert sv.change is not None
    sign = 1 if sv.direction == "rise" else -1
    factor = 1 + sign * (sv.change + beyond)
    options = []
    for option in appraisal.short_list.options:
        if option.name != sv.option:
            options.append(_with(option))
        elif sv.quantity == "costs":
            options.append(_with(option, costs=option.costs.scaled(factor)))
        else:
            options.append(_with(option, benefits=option.benefits.scaled(factor)))
    return appraise_options(ShortList(tuple(options)))


@given(short_lists())
def test_switching_values_actually_switch_the_preferred_option(short_list: ShortList) -> None:
    appraisal = appraise_options(short_list)
    for sv in appraisal.switching_values():
        if sv.change is None or sv.present_value < 10_000:
            continue  # too small for penny rounding to leave a clear margin
        after = _moved(appraisal, sv, Decimal("0.01"))
        assert after.preferred != appraisal.preferred
        assert after.preferred == sv.switches_to or sv.option == appraisal.preferred
        if sv.change > Decimal("0.02"):
            before = _moved(appraisal, sv, Decimal("-0.01"))
            assert before.preferred == appraisal.preferred


@given(short_lists())
def test_the_preferred_option_has_the_highest_npsv(short_list: ShortList) -> None:
    appraisal = appraise_options(short_list)
    best = appraisal.result(appraisal.preferred).value.npsv
    assert all(r.value.npsv <= best for r in appraisal.results)
    assert appraisal.options_considered == short_list.names
    assert sorted(r.rank for r in appraisal.results) == list(range(1, len(short_list) + 1))


def test_each_option_considered_says_why_it_was_set_aside() -> None:
    rows = appraise_options(ShortList.example()).considered()
    assert [r["name"] for r in rows] == list(ShortList.example().names)
    chosen = [r for r in rows if r["name"] == "in-house reablement"]
    assert chosen[0]["rejected_because"] == ""
    # in-house NPSV 543,306.71 - outsourced -532,860.04 = 1,076,166.75
    outsourced = next(r for r in rows if r["name"] == "outsourced reablement")
    assert outsourced["rejected_because"] == "NPSV £1,076,166.75 below 'in-house reablement'"
    assert all(r["rejected_because"] for r in rows if r["name"] != "in-house reablement")


def test_a_tie_is_recorded_as_a_tie() -> None:
    same = tuple(
        Option(name, role, operating_costs=Stream.of(10), benefits=Stream.of(20))
        for name, role in zip(
            ("a", "b", "c", "d"),
            (
                OptionRole.BUSINESS_AS_USUAL,
                OptionRole.DO_MINIMUM,
                OptionRole.PREFERRED_WAY_FORWARD,
                OptionRole.OTHER,
            ),
            strict=True,
        )
    )
    appraisal = appraise_options(ShortList(same))
    assert appraisal.preferred == "a"  # short-list order breaks the tie
    assert "tied with 'a'" in appraisal.considered()[1]["rejected_because"]


def test_a_weighted_score_basis_explains_rejections_by_score() -> None:
    appraisal = appraise_options(
        ShortList.example(), scorecard=SCHEME.score(SCORES), basis=Basis.WEIGHTED_SCORE
    )
    row = next(r for r in appraisal.considered() if r["name"] == "in-house reablement")
    assert row["rejected_because"] == "weighted score 6.5 below 'outsourced reablement'"


def test_the_evidence_carries_the_delivery_route_and_whole_life_cost() -> None:
    # buy wins: 420,000 x 10 + 80,000 = 4,280,000 undiscounted against make's 4,500,000
    decision = make_or_buy(
        make=DeliveryCosts("council team", Stream.constant(450_000, years=10)),
        buy=DeliveryCosts(
            "contract", Stream.constant(420_000, years=10), transition_costs=Stream.of(80_000)
        ),
    )
    evidence = appraise_options(ShortList.example(), make_or_buy=decision).evidence()
    assert evidence["delivery_route"] == "external procurement"
    assert evidence["whole_life_cost"] == Decimal("4280000.00")
    assert evidence["make_or_buy_rationale"] == decision.rationale
    assert len(evidence["options"]) == 4
    plain = appraise_options(ShortList.example()).evidence()
    assert plain["delivery_route"] is None
    assert plain["whole_life_cost"] is None
