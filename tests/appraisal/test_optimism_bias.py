"""Optimism bias: start at the upper bound, reduce only by evidenced mitigation (green-book.md)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.appraisal import (
    BiasMeasure,
    DiscountSchedule,
    Mitigation,
    OptimismBias,
    Option,
    OptionRole,
    ProjectType,
    Stream,
)
from commissioning.strategies import optimism_biases


@pytest.mark.parametrize(
    ("project_type", "measure", "upper", "lower"),
    [
        (ProjectType.STANDARD_BUILDINGS, BiasMeasure.WORKS_DURATION, 4, 1),
        (ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX, 24, 2),
        (ProjectType.NON_STANDARD_BUILDINGS, BiasMeasure.WORKS_DURATION, 39, 2),
        (ProjectType.NON_STANDARD_BUILDINGS, BiasMeasure.CAPEX, 51, 4),
        (ProjectType.STANDARD_CIVIL_ENGINEERING, BiasMeasure.WORKS_DURATION, 20, 1),
        (ProjectType.STANDARD_CIVIL_ENGINEERING, BiasMeasure.CAPEX, 44, 3),
        (ProjectType.NON_STANDARD_CIVIL_ENGINEERING, BiasMeasure.WORKS_DURATION, 25, 3),
        (ProjectType.NON_STANDARD_CIVIL_ENGINEERING, BiasMeasure.CAPEX, 66, 6),
        (ProjectType.EQUIPMENT_DEVELOPMENT, BiasMeasure.WORKS_DURATION, 54, 10),
        (ProjectType.EQUIPMENT_DEVELOPMENT, BiasMeasure.CAPEX, 200, 10),
        (ProjectType.OUTSOURCING, BiasMeasure.OPEX, 41, 0),
    ],
)
def test_the_table_gives_the_green_book_bounds(
    project_type: ProjectType, measure: BiasMeasure, upper: int, lower: int
) -> None:
    bias = OptimismBias.for_project(project_type, measure)
    assert (bias.upper, bias.lower) == (Decimal(upper), Decimal(lower))
    assert bias.applied == upper  # unmitigated: the upper bound


def test_standard_building_capex_starts_at_the_24_per_cent_upper_bound() -> None:
    # 1,000,000 x 1.24 = 1,240,000; 250,000 x 1.24 = 310,000
    bias = OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX)
    assert bias.apply(Stream.of(1_000_000, 250_000)).amounts == (
        Decimal("1240000.00"),
        Decimal("310000.00"),
    )


def test_evidenced_mitigation_moves_the_figure_toward_the_lower_bound() -> None:
    # Gap 24 - 2 = 22; shares 0.25 + 0.25 = 0.5 -> 24 - 22 x 0.5 = 13%
    bias = OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX).mitigated(
        Mitigation.of("design complete", "0.25", evidence="RIBA stage 4 report"),
        Mitigation.of("site surveyed", "0.25", evidence="ground survey 2026-02"),
    )
    assert bias.applied == Decimal("13.00")
    assert bias.apply(Stream.of(1_000_000)).amounts == (Decimal("1130000.00"),)


def test_mitigation_never_takes_the_figure_below_the_lower_bound() -> None:
    bias = OptimismBias.for_project(
        ProjectType.NON_STANDARD_BUILDINGS, BiasMeasure.CAPEX
    ).mitigated(
        Mitigation.of("a", "0.75", evidence="e1"), Mitigation.of("b", "0.75", evidence="e2")
    )
    assert bias.mitigated_share == 1
    assert bias.applied == 4


def test_mitigation_without_evidence_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Mitigation.of("good intentions", "0.5", evidence="  ")
    assert caught.value.field == "evidence"


def test_mitigation_share_must_be_between_zero_and_one() -> None:
    with pytest.raises(InvalidInput, match="share"):
        Mitigation.of("x", "1.5", evidence="e")


def test_outsourcing_has_no_capital_figure() -> None:
    with pytest.raises(InvalidInput, match="operating expenditure"):
        OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.CAPEX)


def test_works_duration_bias_lengthens_durations_not_money() -> None:
    # Non-standard buildings: 39% upper -> 12 months x 1.39 = 16.68 months
    bias = OptimismBias.for_project(ProjectType.NON_STANDARD_BUILDINGS, BiasMeasure.WORKS_DURATION)
    assert bias.apply_to_duration(12) == Decimal("16.68")
    with pytest.raises(InvalidInput):
        bias.apply(Stream.of(1))


def test_capital_bias_does_not_adjust_durations() -> None:
    with pytest.raises(InvalidInput):
        OptimismBias.for_project(
            ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX
        ).apply_to_duration(3)


def test_optimism_bias_adjusts_costs_and_never_benefits() -> None:
    bias = OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX)
    option = Option(
        "new hub",
        OptionRole.OTHER,
        capital_costs=Stream.of(1000),
        benefits=Stream.of(2000),
        capex_bias=bias,
    )
    vfm = option.appraise(DiscountSchedule.standard())
    assert vfm.pv_costs == Decimal("1240.00")
    assert vfm.pv_benefits == Decimal("2000.00")


def test_an_option_refuses_a_capital_figure_on_operating_costs() -> None:
    with pytest.raises(InvalidInput) as caught:
        Option(
            "x",
            OptionRole.OTHER,
            opex_bias=OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX),
        )
    assert caught.value.field == "opex_bias"


def test_the_bias_reads_as_a_sentence() -> None:
    text = str(OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX))
    assert (
        text
        == "41% on operating expenditure (outsourcing: upper 41%, lower 0%, 0 evidenced mitigations)"
    )


@given(optimism_biases(), st.integers(1, 100))
def test_more_mitigation_never_raises_the_figure_and_it_stays_within_the_bounds(
    bias: OptimismBias, share: int
) -> None:
    more = bias.mitigated(Mitigation(f"extra {share}", Decimal(share).scaleb(-2), evidence="doc"))
    assert bias.lower <= more.applied <= bias.applied <= bias.upper
