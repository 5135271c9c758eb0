"""Tables that plot: floats and datetime64 by default, exact Decimals and pendulum values on request."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pendulum
import pytest

from commissioning import InvalidInputType
from commissioning._frames import frame_of_rows
from commissioning.appraisal import ShortList, appraise_options
from commissioning.outcomes import ObservationLog, ReportingPeriod
from commissioning.outcomes._tables import frame_of, frame_of_observations

pd = pytest.importorskip("pandas")


@pytest.fixture
def pyplot() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")  # pandas plots through pyplot: no window in tests
    plt = pytest.importorskip("matplotlib.pyplot")

    yield plt
    plt.close("all")


def _empty_log() -> ObservationLog:
    return ObservationLog.create("returns", at=pendulum.datetime(2026, 4, 1), actor="analyst")[0]


def _monthly_log() -> ObservationLog:
    log = _empty_log()
    for month, (calls, meals) in zip(
        range(4, 10),
        ((80, 410), (82, 395), (85, 420), (84, 401), (88, 415), (90, 433)),
        strict=True,
    ):
        period = ReportingPeriod.month(2026, month)
        at = pendulum.datetime(2026, month + 1, 5)
        log, _ = log.record("calls-answered", period, calls, at=at, actor="analyst")
        log, _ = log.record("meals-delivered", period, Decimal(meals), at=at, actor="analyst")
    return log


def test_an_observation_table_averages_and_plots_by_default(pyplot: Any) -> None:
    table = frame_of_observations(_monthly_log())
    assert table["value"].dtype == "float64"
    assert table["period_end"].dtype.kind == "M"  # datetime64
    assert str(table["recorded_at"].dtype.tz) == "UTC"
    means = table.groupby("measure_id")["value"].mean()
    assert means["calls-answered"] == pytest.approx(84.833333)
    wide = table.pivot(index="period_end", columns="measure_id", values="value")
    ax = wide.plot()
    assert [line.get_label() for line in ax.get_lines()] == ["calls-answered", "meals-delivered"]
    assert len(ax.get_lines()[0].get_xdata()) == 6


def test_exact_tables_keep_decimals_and_pendulum_days() -> None:
    table = frame_of_observations(_monthly_log(), exact=True)
    assert table["value"].tolist()[:2] == [Decimal(80), Decimal(410)]
    assert all(isinstance(v, Decimal) for v in table["value"])
    assert table["period_end"].tolist()[0] == pendulum.Date(2026, 4, 30)
    assert table["value"].dtype == object


def test_an_empty_log_gives_an_empty_table_with_its_columns() -> None:
    table = frame_of_observations(_empty_log())
    assert table.empty
    assert {"measure_id", "period_end", "value"} <= set(table.columns)


def test_missing_values_are_nan_in_float_columns_and_nat_in_date_columns() -> None:
    table = frame_of_rows(
        [
            {"day": pendulum.Date(2026, 4, 1), "amount": Decimal("10.50"), "count": 3},
            {"day": None, "amount": None, "count": None},
        ]
    )
    assert table["amount"].isna().tolist() == [False, True]
    assert table["count"].dtype == "float64"  # a gap: NaN
    assert frame_of_rows([{"rank": 1}, {"rank": 2}])["rank"].dtype == "int64"
    assert table["day"].isna().tolist() == [False, True]
    assert table["amount"].sum() == 10.5
    exact = frame_of_rows([{"count": 3}, {"count": None}], exact=True)
    assert exact["count"].tolist() == [3, None]  # not 3.0 and nan


def test_aware_moments_become_utc_datetime64_and_enums_their_values() -> None:
    class Colour(enum.Enum):
        RED = "red"

    moment = dt.datetime(2026, 5, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    table = frame_of_rows([{"at": moment, "rag": Colour.RED}])
    assert table["at"].iloc[0] == pd.Timestamp("2026-05-01 09:00", tz="UTC")
    assert table["rag"].tolist() == ["red"]


def test_text_columns_stay_text() -> None:
    table = frame_of_rows(
        [{"period": "2026-04", "mixed": 1}, {"period": "2026-05", "mixed": "n/a"}]
    )
    assert table["period"].tolist() == ["2026-04", "2026-05"]
    assert table["mixed"].tolist() == [1, "n/a"]  # not all numbers: left as they are


def test_rows_that_are_not_mappings_are_refused_naming_the_row() -> None:
    with pytest.raises(InvalidInputType) as raised:
        frame_of_rows([{"a": 1}, ("a", 1)])  # type: ignore[list-item] # a wrong row on purpose
    assert raised.value.problems[0].field == "rows[1]"
    with pytest.raises(InvalidInputType, match="rows"):
        frame_of_rows({"a": 1})  # type: ignore[dict-item] # one mapping, not rows


def test_any_outcomes_value_with_records_becomes_a_frame() -> None:
    assert frame_of(_monthly_log()).shape[0] == 12
    assert _monthly_log().to_frame()["value"].dtype == "float64"  # the log's own to_frame


def test_appraisal_tables_are_floats_that_plot_and_exact_on_request(pyplot: Any) -> None:
    appraisal = appraise_options(ShortList.example())
    table = appraisal.to_frame()
    assert table["npsv"].dtype == "float64"
    assert table["npsv"].mean() == pytest.approx(
        float(sum(Decimal(str(v)) for v in appraisal.to_frame(exact=True)["npsv"])) / len(table)
    )
    ax = table["npsv"].plot.barh()
    assert len(ax.patches) == len(table)
    assert isinstance(appraisal.to_frame(exact=True)["npsv"].iloc[0], Decimal)
