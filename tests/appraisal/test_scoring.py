"""Weighted scoring with a social value weighting (procurement.md, "Social value"; PPN 06/20)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.appraisal import Criterion, ScoringScheme

CRITERIA = (
    Criterion.of("quality", 60),
    Criterion.of("price", 30),
    Criterion.of("local jobs", 10, social_value=True),
)


def test_central_government_needs_at_least_ten_per_cent_social_value() -> None:
    with pytest.raises(InvalidInput, match="at least 10%") as caught:
        ScoringScheme.central_government(
            [
                Criterion.of("quality", 65),
                Criterion.of("price", 30),
                Criterion.of("sv", 5, social_value=True),
            ]
        )
    assert caught.value.received == "5%"
    assert ScoringScheme.central_government(CRITERIA).social_value_weight == 10


def test_a_council_may_set_no_social_value_minimum() -> None:
    scheme = ScoringScheme.of([Criterion.of("quality", 70), Criterion.of("price", 30)])
    assert scheme.social_value_minimum is None


def test_a_council_may_set_its_own_minimum() -> None:
    with pytest.raises(InvalidInput, match="at least 20%"):
        ScoringScheme.of(CRITERIA, social_value_minimum=20)


def test_weights_must_sum_to_one_hundred() -> None:
    with pytest.raises(InvalidInput, match="sum to 100"):
        ScoringScheme.of([Criterion.of("quality", 60), Criterion.of("price", 30)])


def test_weighted_totals_match_the_hand_calculation() -> None:
    # a: 60 x 8/10 + 30 x 6/10 + 10 x 5/10 = 48 + 18 + 5 = 71
    # b: 60 x 7/10 + 30 x 7/10 + 10 x 10/10 = 42 + 21 + 10 = 73
    card = ScoringScheme.central_government(CRITERIA).score(
        {
            "a": {"quality": 8, "price": 6, "local jobs": 5},
            "b": {"quality": 7, "price": 7, "local jobs": 10},
        }
    )
    assert card.totals == {"a": Decimal(71), "b": Decimal(73)}
    assert card.ranking == ("b", "a")
    assert card.social_value_total("b") == 10
    assert card.to_rows()[0]["option"] == "b"


def test_every_missing_or_out_of_range_score_is_reported_at_once() -> None:
    scheme = ScoringScheme.central_government(CRITERIA)
    with pytest.raises(InvalidInput) as caught:
        scheme.score(
            {
                "a": {"quality": 11, "price": 3},
                "b": {"quality": 1, "price": 1, "local jobs": 1, "x": 1},
            }
        )
    fields = [p.field for p in caught.value.problems]
    assert "scores['a']['quality']" in fields
    assert "scores['a']['local jobs']" in fields
    assert "scores['b']" in fields


def test_criterion_names_must_be_unique() -> None:
    with pytest.raises(InvalidInput, match="unique"):
        ScoringScheme.of([Criterion.of("q", 50), Criterion.of("q", 50)])


def test_the_score_card_renders_as_html() -> None:
    card = ScoringScheme.central_government(CRITERIA).score(
        {"a": {"quality": 8, "price": 6, "local jobs": 5}}
    )
    assert "local jobs (10%, SV)" in card._repr_html_()


@given(st.integers(1, 99))
def test_the_ten_per_cent_rule_is_enforced_for_any_split(social: int) -> None:
    criteria = [
        Criterion.of("value", 100 - social),
        Criterion.of("social value", social, social_value=True),
    ]
    if social >= 10:
        assert ScoringScheme.central_government(criteria).social_value_weight == social
    else:
        with pytest.raises(InvalidInput):
            ScoringScheme.central_government(criteria)
