"""Social value measurement: SROI after deadweight, attribution, drop-off, duration, discounting."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.appraisal import (
    DiscountSchedule,
    Option,
    OptionRole,
    SocialOutcome,
    SocialValueTheme,
    Stream,
    TomsTheme,
    social_return,
)

JOBS = SocialOutcome.of(
    "long-term unemployed into work",
    quantity=10,
    proxy_value=14_000,
    deadweight="0.2",
    attribution="0.25",
    drop_off="0.5",
    duration=3,
    theme=TomsTheme.JOBS,
)


def test_deductions_and_drop_off_match_the_hand_calculation() -> None:
    # 10 x 14,000 = 140,000; x 0.8 (deadweight) x 0.75 (attribution) = 84,000 in year 0;
    # drop-off 50% a year: 42,000, then 21,000.
    assert JOBS.first_year_impact == Decimal("84000.00")
    assert JOBS.stream().amounts == (Decimal("84000.00"), Decimal("42000.00"), Decimal("21000.00"))


def test_the_sroi_ratio_matches_the_hand_calculation() -> None:
    # PV impact = 84,000 + 42,000/1.035 + 21,000/1.035^2 = 84,000 + 40,579.71 + 19,603.72 = 144,183.43
    # SROI = 144,183.43 / 60,000 = 2.4030...
    sroi = social_return([JOBS], investment=Stream.of(60_000))
    assert sroi.pv_impact == Decimal("144183.43")
    assert sroi.pv_investment == Decimal("60000.00")
    assert sroi.ratio is not None
    assert f"{sroi.ratio:.4f}" == "2.4031"
    assert sroi.net_value == Decimal("84183.43")
    assert sroi.by_outcome == {"long-term unemployed into work": Decimal("144183.43")}


def test_displacement_is_deducted_too() -> None:
    moved = SocialOutcome.of("x", quantity=1, proxy_value=100, displacement="0.1")
    assert moved.first_year_impact == Decimal("90.00")


def test_a_late_start_shifts_the_impact() -> None:
    late = SocialOutcome.of("x", quantity=1, proxy_value=100, duration=2, start_year=2)
    assert late.stream().amounts == (Decimal(0), Decimal(0), Decimal("100.00"), Decimal("100.00"))


def test_monetised_social_value_becomes_an_options_benefits() -> None:
    sroi = social_return([JOBS], investment=Stream.of(60_000))
    option = Option(
        "with jobs", OptionRole.OTHER, operating_costs=Stream.of(60_000), benefits=sroi.impact
    )
    assert option.appraise(DiscountSchedule.standard()).npsv == sroi.net_value


def test_no_investment_gives_no_ratio() -> None:
    assert social_return([JOBS], investment=Stream()).ratio is None


def test_the_edition_and_unconfirmed_rates_are_recorded() -> None:
    forever = SocialOutcome.of("woodland", quantity=1, proxy_value=10, duration=140)
    sroi = social_return([forever], investment=Stream.of(1), schedule=DiscountSchedule.reduced())
    assert sroi.uses_unconfirmed_rate
    assert sroi.edition is DiscountSchedule.reduced().edition
    assert "Social return on investment" in sroi._repr_html_()


def test_fractions_outside_zero_to_one_are_refused_all_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        SocialOutcome.of(
            "x", quantity=1, proxy_value=1, deadweight="1.2", attribution="-0.1", duration=0
        )
    assert {p.field for p in caught.value.problems} == {"deadweight", "attribution", "duration"}


def test_float_proxy_values_are_refused() -> None:
    with pytest.raises(InvalidInputType):
        SocialOutcome.of("x", quantity=1, proxy_value=1.5)  # type: ignore[arg-type]  # the point


def test_outcome_names_must_be_unique() -> None:
    with pytest.raises(InvalidInput, match="unique"):
        social_return([JOBS, JOBS], investment=Stream.of(1))


def test_the_themes_are_the_references() -> None:
    assert len(TomsTheme) == 5
    assert len(SocialValueTheme) == 5


@given(st.integers(0, 100), st.integers(0, 100))
def test_more_deadweight_never_adds_impact(low: int, extra: int) -> None:
    high = min(100, low + extra)

    def impact(deadweight: int) -> Decimal:
        outcome = SocialOutcome.of(
            "x",
            quantity=7,
            proxy_value=1_234,
            deadweight=Decimal(deadweight).scaleb(-2),
            duration=4,
        )
        return outcome.stream().total

    assert impact(high) <= impact(low)
