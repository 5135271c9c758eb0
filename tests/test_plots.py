"""Every plot rendered on the Agg canvas, checked through its artists.

Labels are present and do not collide, quadrant captions are not repeated,
legends list exactly what is drawn, money axes are in pounds (no ``1e6``
offset), and each option keeps one colour of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pendulum
import pytest

from commissioning.appraisal import (
    PolicyModel,
    plot_distribution,
    plot_tornado,
    sensitivity,
    simulate,
)
from commissioning.outcomes import Baseline, Measure, ObservationLog, ReportingPeriod, plot_measure
from commissioning.stakeholders import Stakeholder, StakeholderMap, plot_power_interest

matplotlib = pytest.importorskip("matplotlib")
colors = pytest.importorskip("matplotlib.colors")

AT = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def _drawn(ax: Any) -> Any:
    ax.figure.canvas.draw()  # tick labels and text extents exist once drawn
    return ax


def _legend(ax: Any) -> list[str]:
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def _meals_map() -> StakeholderMap:
    meals, _ = StakeholderMap.create(
        [
            Stakeholder(
                "cabinet", "Cabinet member for adult social care", "cabinet", power=9, interest=8
            ),
            Stakeholder(
                "scrutiny", "Overview and scrutiny committee", "scrutiny", power=8, interest=8
            ),
            Stakeholder("union", "UNISON branch", "union", power=8, interest=9),
            Stakeholder("users", "Meals service users", "service user", power=2, interest=9),
            Stakeholder("carers", "Carers' forum", "carer", power=2, interest=9),
            Stakeholder("finance", "Finance director", "officer", power=8, interest=3),
            Stakeholder("press", "Local press", "media", power=3, interest=3),
        ],
        at=AT,
        actor="commissioner",
    )
    return meals


def test_the_grid_numbers_every_stakeholder_and_keys_every_name() -> None:
    ax = _drawn(plot_power_interest(_meals_map()))
    key = ax.texts[-1].get_text().splitlines()
    assert [line.split("  ", 1)[1] for line in key] == [
        "Cabinet member for adult social care",
        "UNISON branch",
        "Overview and scrutiny committee",
        "Finance director",
        "Carers' forum",  # same scores as the users: by name
        "Meals service users",
        "Local press",
    ]
    numbers = [
        t.get_text() for t in ax.texts if t.get_text()[0].isdigit() and "\n" not in t.get_text()
    ]
    assert sorted(numbers) == ["1", "2", "3", "4", "5, 6", "7"]  # users and carers share a point


def test_the_grids_point_labels_do_not_overlap_even_for_neighbouring_points() -> None:
    ax = _drawn(plot_power_interest(_meals_map()))
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()[0].isdigit() and "\n" not in t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in labels]
    for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes, strict=True), 2):
        assert not box_a.overlaps(box_b), (a.get_text(), b.get_text())


def test_each_quadrant_is_captioned_once_without_repeating_its_name() -> None:
    ax = plot_power_interest(_meals_map())
    captions = [t.get_text() for t in ax.texts[:4]]
    assert sorted(captions) == [
        "keep informed",
        "keep satisfied",
        "key players: manage closely",
        "monitor (minimal effort)",
    ]
    for caption in captions:
        words = caption.replace("(", " ").replace(":", " ").split()
        assert len(words) == len(set(words)), caption


def test_the_grids_colour_legend_lists_the_quadrants_drawn_in_their_colours() -> None:
    ax = plot_power_interest(_meals_map())
    assert _legend(ax) == ["key players", "keep satisfied", "keep informed", "monitor"]
    assert _legend(ax) == [points.get_label() for points in ax.collections]
    legend = ax.get_legend()
    for handle, points in zip(legend.legend_handles, ax.collections, strict=True):
        assert colors.same_color(handle.get_facecolor()[0], points.get_facecolor()[0])


def test_a_grid_without_labels_has_no_numbers_and_no_key() -> None:
    ax = plot_power_interest(_meals_map(), labels=False)
    assert len(ax.texts) == 4  # the quadrant captions only


def _measure(*, baseline: bool, forecast: bool, unit: str = "%") -> Measure:
    kwargs: dict[str, Any] = {}
    if baseline:
        kwargs["baseline"] = (82, pendulum.Date(2025, 3, 31))
        if forecast:
            kwargs["baseline"] = Baseline.from_values(
                82, pendulum.Date(2025, 3, 31), forecast=[(pendulum.Date(2027, 3, 31), 80)]
            )
    return Measure.create(
        "2B",
        "At home 91 days after reablement",
        unit=unit,
        direction="higher",
        frequency="financial-year",
        targets=[(85, pendulum.Date(2027, 3, 31))],
        **kwargs,
    )


def _empty_log() -> ObservationLog:
    return ObservationLog.create("returns", at=pendulum.datetime(2025, 4, 1), actor="analyst")[0]


def _log(*values: int) -> ObservationLog:
    log = _empty_log()
    for year, value in zip((2025, 2026), values, strict=False):
        log, _ = log.record(
            "2B",
            ReportingPeriod.financial_year(year),
            value,
            at=pendulum.datetime(year + 1, 5, 1),
            actor="analyst",
        )
    return log


@pytest.mark.parametrize(
    ("baseline", "forecast", "observations", "legend"),
    [
        (True, True, (83, 84), ["observed", "baseline and forecast", "target"]),
        (True, False, (83,), ["observed", "baseline", "target"]),
        (False, False, (83,), ["observed", "target"]),
        (False, False, (), ["target"]),
    ],
)
def test_a_measures_legend_lists_exactly_the_lines_drawn(
    baseline: bool, forecast: bool, observations: tuple[int, ...], legend: list[str]
) -> None:
    ax = plot_measure(_measure(baseline=baseline, forecast=forecast), _log(*observations))
    assert _legend(ax) == legend
    assert [line.get_label() for line in ax.get_lines()] == legend
    for line in ax.get_lines():
        assert len(line.get_xdata()) >= 1
        assert line.get_marker() not in (None, "None", "", " ")  # a single point still shows


def test_a_measure_in_pounds_has_pounds_on_its_axis() -> None:
    measure = Measure.create(
        "cost",
        "Cost per meal delivered",
        unit="£",
        direction="lower",
        frequency="financial-year",
    )
    log, _ = _empty_log().record(
        "cost",
        ReportingPeriod.financial_year(2025),
        2_400_000,
        at=pendulum.datetime(2026, 5, 1),
        actor="analyst",
    )
    ax = _drawn(plot_measure(measure, log))
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks
    assert all("£" in t for t in ticks)
    assert ax.yaxis.get_offset_text().get_text() == ""


def test_monte_carlo_means_are_drawn_in_each_options_own_colour_with_pounds_on_the_axis() -> None:
    result = simulate(PolicyModel.example(), draws=300, seed=2)
    ax = _drawn(plot_distribution(result))
    means = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(means) == 2
    mean_colours = [colors.to_hex(line.get_color()) for line in means]
    assert len(set(mean_colours)) == 2
    legend = ax.get_legend()
    assert _legend(ax) == ["in-house", "outsourced"]
    hist_colours = [
        colors.to_hex(h.get_facecolor(), keep_alpha=False) for h in legend.legend_handles
    ]
    assert hist_colours == mean_colours
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks
    assert all("£" in t for t in ticks)
    assert ax.xaxis.get_offset_text().get_text() == ""
    labels = [t.get_text() for t in ax.texts]
    assert all(label.startswith("mean £") for label in labels)
    assert len(labels) == 2


def test_an_option_keeps_its_colour_when_shown_alone() -> None:
    result = simulate(PolicyModel.example(), draws=100, seed=2)
    both = plot_distribution(result)
    alone = plot_distribution(result, options=["outsourced"])
    (alone_mean,) = [line for line in alone.get_lines() if line.get_linestyle() == "--"]
    both_means = [line for line in both.get_lines() if line.get_linestyle() == "--"]
    assert colors.same_color(alone_mean.get_color(), both_means[1].get_color())


def test_the_tornado_chart_is_in_pounds_and_its_legend_names_both_bar_colours() -> None:
    ax = _drawn(plot_tornado(sensitivity(PolicyModel.example())))
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks
    assert all("£" in t for t in ticks)
    assert ax.xaxis.get_offset_text().get_text() == ""
    assert _legend(ax) == ["input at its low value", "input at its high value"]
    low, high = ax.get_legend().legend_handles
    assert colors.same_color(low.get_facecolor(), ax.patches[0].get_facecolor())
    assert colors.same_color(high.get_facecolor(), ax.patches[1].get_facecolor())
    assert "1e" not in ax.get_xlabel()


def test_every_plot_shows_itself_in_a_notebook_without_pyplot() -> None:
    axes = [
        plot_power_interest(_meals_map()),
        plot_measure(_measure(baseline=True, forecast=False), _log(83)),
        plot_distribution(simulate(PolicyModel.example(), draws=50, seed=1)),
        plot_tornado(sensitivity(PolicyModel.example())),
    ]
    for ax in axes:
        png = ax.figure._repr_png_()
        assert png.startswith(b"\x89PNG\r\n")
        assert repr(ax.figure).startswith("<Figure size")
