"""Plots for notebooks: distributions of simulated results and tornado charts (``plot`` extra).

matplotlib is imported only when a plot is drawn. Without an ``ax``, a new
``matplotlib.figure.Figure`` is made (not pyplot, so no global figure state
and no GUI backend is touched); the axes is returned, and its figure shows
in a notebook as ``ax.figure``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from .._plotting import format_pounds, new_axes, option_colours, pounds_axis
from ._sensitivity import Sensitivity
from ._simulation import METRICS, SimulationResult

__all__ = ["plot_distribution", "plot_tornado"]

_LABELS = {
    "npsv": "NPSV (£, present value)",
    "pv_costs": "present value of costs (£)",
    "pv_benefits": "present value of benefits (£)",
    "outcomes": "outcomes over the horizon",
    "cost_per_outcome": "cost per outcome (£, present value)",
    "outcome_payments": "outcome payments (£, real terms)",
}


_MONEY = frozenset({"npsv", "pv_costs", "pv_benefits", "cost_per_outcome", "outcome_payments"})


def _axes(ax: Any) -> Any:
    return ax if ax is not None else new_axes(figsize=(8, 4.5), what="appraisal plots")


def plot_distribution(
    result: SimulationResult,
    *,
    metric: str = "npsv",
    options: Sequence[str] | None = None,
    ax: Any = None,
    bins: int = 50,
) -> Any:
    """Overlaid histograms of a simulated metric, one per option, with each option's mean marked.

    Each option keeps its colour (by its place in the model, whichever options
    are shown), and its mean is a dashed line in that colour, labelled with its
    value (one label under another, so they never overlap). Money metrics are in pounds on the axis (``£250k``, ``£1.2m``).

    Args:
        result: a simulation result.
        metric: one of ``npsv``, ``pv_costs``, ``pv_benefits``, ``outcomes``,
            ``cost_per_outcome``, ``outcome_payments``.
        options: the options to show (all by default).
        ax: a matplotlib axes to draw on (a new figure's by default).
        bins: the number of histogram bins.

    Returns:
        The matplotlib axes.

    Examples:
        >>> from commissioning.appraisal import PolicyModel
        >>> ax = plot_distribution(PolicyModel.example().simulate(draws=200, seed=1), bins=20)
        >>> len(ax.patches)  # 20 bins for each of the two options
        40
        >>> ax.get_title()
        '200 draws, seed 1 (Green Book (February 2026))'
    """
    if not isinstance(result, SimulationResult):
        raise InvalidInputType([Problem("result", "a SimulationResult", result, "type")])
    if metric not in METRICS:
        raise InvalidInput.of("metric", f"one of {list(METRICS)}", metric)
    names = list(result.model.names if options is None else options)
    colours = option_colours(result.model.names)
    ax = _axes(ax)
    money = metric in _MONEY
    for row, name in enumerate(names):
        values = [v for v in result.values(name, metric) if not math.isnan(v)]
        colour = colours.get(name, "tab:grey")
        ax.hist(values, bins=bins, alpha=0.5, label=name, color=colour)
        if values:
            mean = math.fsum(values) / len(values)
            ax.axvline(mean, linestyle="--", linewidth=1.5, color=colour)
            ax.annotate(
                f"mean {format_pounds(mean) if money else f'{mean:,.1f}'}",
                (mean, 1.0 - 0.07 * row),  # one row per option: labels never overlap
                xycoords=("data", "axes fraction"),
                xytext=(3, -3),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=8,
                color=colour,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1},
            )
    ax.set_xlabel(_LABELS[metric])
    if money:
        pounds_axis(ax.xaxis)
    ax.set_ylabel("draws")
    ax.set_title(f"{result.draws:,} draws, seed {result.seed} ({result.edition.value})")
    if names:
        ax.legend(title="option", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def plot_tornado(analysis: Sensitivity, *, ax: Any = None) -> Any:
    """A tornado chart: each input's NPSV swing about the base, widest at the top.

    Red bars are the NPSV with the input at its low value, blue at its high
    value (the legend says so); the axis is in pounds (``£1.2m``).

    Args:
        analysis: the result of ``sensitivity``.
        ax: a matplotlib axes to draw on (a new figure's by default).

    Returns:
        The matplotlib axes.

    Examples:
        >>> from commissioning.appraisal import PolicyModel, sensitivity
        >>> ax = plot_tornado(sensitivity(PolicyModel.example()))
        >>> [label.get_text() for label in ax.get_yticklabels()]  # widest swing at the top
        ['demand', 'outsourced.unit_cost', 'outsourced.effect', 'value of an outcome']
        >>> len(ax.patches)  # a low and a high bar per input
        8
    """
    if not isinstance(analysis, Sensitivity):
        raise InvalidInputType([Problem("analysis", "a Sensitivity", analysis, "type")])
    ax = _axes(ax)
    rows = list(reversed(analysis.rows))
    labels = [r.input for r in rows]
    for i, r in enumerate(rows):
        first = i == 0
        ax.barh(
            i,
            r.npsv_at_low - analysis.base,
            left=analysis.base,
            color="tab:red",
            alpha=0.7,
            label="input at its low value" if first else "_nolegend_",
        )
        ax.barh(
            i,
            r.npsv_at_high - analysis.base,
            left=analysis.base,
            color="tab:blue",
            alpha=0.7,
            label="input at its high value" if first else "_nolegend_",
        )
    ax.set_yticks(range(len(rows)), labels)
    ax.axvline(analysis.base, color="black", linewidth=1)
    ax.set_xlabel(f"NPSV of {analysis.option!r} (base {format_pounds(analysis.base)})")
    pounds_axis(ax.xaxis)
    ax.set_title("Sensitivity (one input at a time, others at their means)")
    if rows:
        ax.legend(loc="lower right", fontsize=8)
    return ax
