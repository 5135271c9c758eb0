"""Notebook helpers: records, DataFrames (pandas extra), plots (matplotlib extra) and HTML reprs."""

from decimal import Decimal
from typing import Any

import pendulum
import pytest

from commissioning import InvalidInputType
from commissioning.outcomes import (
    Baseline,
    ContractKpi,
    ContractKpis,
    LogicElement,
    LogicModel,
    LogicStage,
    Measure,
    ObservationLog,
    Outcome,
    OutcomeFramework,
    OutcomeMetric,
    OutcomesContract,
    ReportingPeriod,
    measure_status,
    plot_measure,
    rollup,
    to_records,
)

FY = ReportingPeriod.financial_year(2025)
AT = pendulum.datetime(2026, 5, 1)
ON = pendulum.Date(2026, 6, 1)


def _measure() -> Measure:
    return Measure.create(
        "2B",
        "At home <91 days> & after",
        unit="%",
        direction="higher",
        frequency="financial-year",
        baseline=Baseline.from_values(
            82, pendulum.Date(2025, 3, 31), forecast=[(pendulum.Date(2027, 3, 31), 80)]
        ),
        targets=[(85, pendulum.Date(2027, 3, 31))],
    )


def _log() -> ObservationLog:
    return ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("2B", FY, "83.5", at=AT, source="SALT", actor="analyst")[0]


def test_records_keep_exact_numbers_and_plain_enum_values() -> None:
    rows = to_records(_log())
    assert rows[0]["value"] == Decimal("83.5")
    assert rows[0]["kind"] == "recorded"
    assert to_records(_measure())[0]["direction"] == "higher"
    status = measure_status(_measure(), _log(), on=ON)
    assert to_records([status])[0]["curve"] == "better than the baseline forecast"
    with pytest.raises(InvalidInputType):
        to_records(42)
    with pytest.raises(InvalidInputType):
        to_records([42])


def test_every_value_shows_itself_as_an_escaped_html_table() -> None:
    m = _measure()
    fw = OutcomeFramework("F", (Outcome("o", "O", measure_ids=("2B",)),), (m,))
    contract = OutcomesContract.create(
        "C", "c", form="payment by results", metrics=[OutcomeMetric.create("2B", "x", price=1)]
    )
    kpis = ContractKpis.create("C", value=10, kpis=[ContractKpi(m, 1)])
    lm = LogicModel.from_items("L", elements=[LogicElement("i", LogicStage.IMPACT, "impact")])
    values: list[Any] = [
        m,
        _log(),
        fw,
        measure_status(m, _log(), on=ON),
        rollup(fw, _log(), on=ON),
        contract,
        contract.payable(_log(), FY),
        kpis,
        kpis.assess(_log(), period_start=FY.start, period_end=FY.end),
        lm,
    ]
    for value in values:
        html = value._repr_html_()
        assert html.startswith("<table>")
        assert "<91" not in html
    assert "At home &lt;91 days&gt; &amp; after" in m._repr_html_()


def test_a_log_frame_has_floats_unless_exact_decimals_are_asked_for() -> None:
    pytest.importorskip("pandas")
    assert _log().to_frame()["value"].tolist() == [83.5]
    assert _log().to_frame(exact=True)["value"].tolist() == [Decimal("83.5")]


def test_a_measure_plots_against_its_baseline_forecast_and_target() -> None:
    pytest.importorskip("matplotlib")
    ax = plot_measure(_measure(), _log())
    assert [line.get_label() for line in ax.get_lines()] == [
        "observed",
        "baseline and forecast",
        "target",
    ]
    observed, baseline, target = ax.get_lines()
    assert list(observed.get_ydata()) == [83.5]
    assert list(baseline.get_ydata()) == [82.0, 80.0]
    assert list(target.get_ydata()) == [85.0]
    assert "higher is better" in ax.get_ylabel()
    with pytest.raises(InvalidInputType):
        plot_measure("2B", _log())  # type: ignore[arg-type] # a wrong type on purpose
