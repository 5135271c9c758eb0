"""Measures and judgements: RAG, the Procurement Act KPI rating and turning the curve."""

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.outcomes import (
    Baseline,
    Curve,
    Direction,
    KpiRating,
    Measure,
    ObservationLog,
    Rag,
    RatingBands,
    ReportingPeriod,
    Tolerance,
    Travel,
    kpi_rating,
    measure_status,
    rag_status,
    trend,
)
from commissioning.strategies import measured_values, rating_bands

END = pendulum.Date(2027, 3, 31)


def _measure(direction: str, target: int | str, **kw: object) -> Measure:
    return Measure.create(
        "K",
        "a KPI",
        unit="%",
        direction=direction,
        frequency="financial-year",
        targets=[(target, END)],
        **kw,  # type: ignore[arg-type] # test helper passes the optional keywords through
    )


def test_rag_for_a_higher_is_better_measure_uses_a_ten_percent_amber_band_by_default() -> None:
    # ASCOF 2B-style: target 85%, default amber allowance 10% of 85 = 8.5 points
    m = _measure("higher", 85)
    assert rag_status(m, 85, on=END).status is Rag.GREEN
    assert rag_status(m, 90, on=END).status is Rag.GREEN
    assert rag_status(m, "76.5", on=END).status is Rag.AMBER  # short by exactly 8.5
    assert rag_status(m, 76, on=END).status is Rag.RED  # short by 9
    assert "8.50" in rag_status(m, 76, on=END).rule


def test_rag_for_a_lower_is_better_measure_with_an_absolute_tolerance() -> None:
    # ASCOF 2C-style: admissions per 100,000, target 600, amber up to 30 above
    m = _measure("lower", 600, tolerance=Tolerance(Decimal(30), relative=False))
    assert rag_status(m, 580, on=END).status is Rag.GREEN
    assert rag_status(m, 630, on=END).status is Rag.AMBER
    assert rag_status(m, 631, on=END).status is Rag.RED


def test_rag_gives_no_status_without_a_target_or_a_value() -> None:
    no_target = Measure.create("x", "x", unit="n", direction="higher", frequency="monthly")
    assert rag_status(no_target, 3, on=END).status is None
    assert rag_status(_measure("higher", 5), None, on=END).status is None


def test_kpi_rating_bands_default_to_five_and_fifteen_percent_of_target() -> None:
    # target 95: Approaching up to 4.75 short, Requires improvement up to 14.25 short
    m = _measure("higher", 95)
    cases = {
        "95": KpiRating.GOOD,
        "91": KpiRating.APPROACHING_TARGET,  # short 4
        "90.25": KpiRating.APPROACHING_TARGET,  # short 4.75, the edge
        "85": KpiRating.REQUIRES_IMPROVEMENT,  # short 10
        "80.75": KpiRating.REQUIRES_IMPROVEMENT,  # short 14.25, the edge
        "80": KpiRating.INADEQUATE,  # short 15
    }
    for value, expected in cases.items():
        judgement = kpi_rating(m, value, on=END)
        assert judgement.rating is expected, value
        assert "4.75" in judgement.rule
        assert "14.25" in judgement.rule


def test_kpi_rating_bands_are_contract_data() -> None:
    m = _measure("lower", 10)
    bands = RatingBands.from_values(1, 3, relative=False)  # minutes late, agreed in the contract
    assert kpi_rating(m, 11, on=END, bands=bands).rating is KpiRating.APPROACHING_TARGET
    assert kpi_rating(m, 13, on=END, bands=bands).rating is KpiRating.REQUIRES_IMPROVEMENT
    assert kpi_rating(m, 14, on=END, bands=bands).rating is KpiRating.INADEQUATE
    with pytest.raises(InvalidInput):
        RatingBands.from_values(5, 2)


def test_a_kpi_with_no_target_or_no_value_is_rated_other() -> None:
    no_target = Measure.create("x", "x", unit="n", direction="higher", frequency="monthly")
    assert kpi_rating(no_target, 3, on=END).rating is KpiRating.OTHER
    assert kpi_rating(_measure("higher", 5), None, on=END).measure_classification == "other"


def test_each_rating_has_its_uk_measure_classification_code_and_back() -> None:
    codes = {r: r.measure_classification for r in KpiRating}
    assert codes == {
        KpiRating.GOOD: "met",
        KpiRating.APPROACHING_TARGET: "slightlyBelow",
        KpiRating.REQUIRES_IMPROVEMENT: "below",
        KpiRating.INADEQUATE: "significantlyBelow",
        KpiRating.OTHER: "other",
    }
    assert all(KpiRating.from_measure_classification(c) is r for r, c in codes.items())
    with pytest.raises(InvalidInput):
        KpiRating.from_measure_classification("exceeded")


def test_measure_create_reports_every_problem_at_once() -> None:
    with pytest.raises(InvalidInput) as err:
        Measure.create(
            " bad",
            "x",
            unit="n",
            direction="up",
            frequency="fortnightly",
            targets=[(1.5, "x")],  # type: ignore[list-item] # a wrong type on purpose
        )
    fields = {p.field for p in err.value.problems}
    assert {"direction", "frequency", "targets[0].due"} <= fields
    with pytest.raises(InvalidInputType):
        _measure("higher", 5).target_at("2026-01-01")  # type: ignore[arg-type] # a wrong type on purpose


def _trend_measure(direction: str) -> Measure:
    baseline = Baseline.from_values(
        600, pendulum.Date(2025, 3, 31), forecast=[(pendulum.Date(2027, 3, 31), 680)]
    )
    return Measure.create(
        "2C",
        "admissions",
        unit="per 100,000",
        direction=direction,
        frequency="financial-year",
        baseline=baseline,
    )


def test_turning_the_curve_compares_with_the_baseline_forecast() -> None:
    m = _trend_measure("lower")
    fy25, fy26 = ReportingPeriod.financial_year(2025), ReportingPeriod.financial_year(2026)
    at = pendulum.datetime(2027, 5, 1)
    # forecast at 31 Mar 2026 is 600 + 80 * 365/730 = 640; at 31 Mar 2027 it is 680
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record("2C", fy25, 650, at=at, actor="analyst")[0]
        .record("2C", fy26, 660, at=at, actor="analyst")[0]
    )
    t = trend(m, log, on=pendulum.Date(2027, 6, 1))
    assert (t.curve, t.forecast, t.gain) == (Curve.TURNING, Decimal(680), Decimal(20))
    assert t.travel is Travel.WORSENING  # 650 -> 660 with lower is better
    assert trend(m, log, on=pendulum.Date(2027, 6, 1), margin=20).curve is Curve.ON_BASELINE
    worse = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("2C", fy25, 650, at=at, actor="analyst")[0]
    assert trend(m, worse, on=pendulum.Date(2026, 6, 1)).curve is Curve.WORSE


def test_trend_without_data_or_baseline_says_so() -> None:
    m = _trend_measure("higher")
    assert (
        trend(
            m,
            ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0],
            on=END,
        ).curve
        is Curve.NO_DATA
    )
    plain = Measure.create("2C", "x", unit="n", direction="higher", frequency="financial-year")
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record(
        "2C",
        ReportingPeriod.financial_year(2025),
        1,
        at=pendulum.datetime(2026, 5, 1),
        actor="analyst",
    )[0]
    assert trend(plain, log, on=END).curve is Curve.NO_BASELINE


def test_measure_status_judges_the_latest_completed_period_only() -> None:
    m = Measure.create(
        "K",
        "k",
        unit="%",
        direction="higher",
        frequency="quarterly",
        targets=[(90, pendulum.Date(2026, 12, 31))],
    )
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record(
            "K",
            ReportingPeriod.quarter(2026, 3),
            95,
            at=pendulum.datetime(2026, 10, 2),
            actor="analyst",
        )[0]
        .record(
            "K",
            ReportingPeriod.quarter(2026, 4),
            50,
            at=pendulum.datetime(2026, 11, 2),
            actor="analyst",
        )[0]
    )
    # on 15 Nov 2026 Q4 is still running: Q3 is the latest completed period
    status = measure_status(m, log, on=pendulum.Date(2026, 11, 15))
    assert status.period == ReportingPeriod.quarter(2026, 3)
    assert status.rag.status is Rag.GREEN
    assert status.kpi.rating is KpiRating.GOOD
    assert status.to_record()["measure_classification"] == "met"


_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


@given(
    st.sampled_from(Direction),
    measured_values(min_value=-1000, max_value=1000),
    measured_values(min_value=-1000, max_value=1000),
    measured_values(min_value=-1000, max_value=1000),
    rating_bands(),
)
def test_the_rating_never_gets_worse_as_the_value_gets_better(
    direction: Direction, target: Decimal, a: Decimal, b: Decimal, bands: RatingBands
) -> None:
    m = Measure.create(
        "K", "k", unit="n", direction=direction, frequency="yearly", targets=[(target, END)]
    )
    worse, better = (a, b) if not direction.better(a, b) else (b, a)
    r_worse = kpi_rating(m, worse, on=END, bands=bands).rating
    r_better = kpi_rating(m, better, on=END, bands=bands).rating
    assert r_worse.rank is not None
    assert r_better.rank is not None
    assert r_better.rank >= r_worse.rank
    g_worse = rag_status(m, worse, on=END).status
    g_better = rag_status(m, better, on=END).status
    assert g_worse is not None
    assert g_better is not None
    assert _ORDER[g_better] >= _ORDER[g_worse]
