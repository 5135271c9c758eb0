"""Plots: a measure's observations against its baseline, baseline forecast and targets.

matplotlib is optional (``pip install commissioning[plot]``) and imported
only inside ``plot_measure``. The figure is built with matplotlib's
object-oriented API on the non-interactive Agg canvas, so no display and no
global backend change is needed; notebooks show the returned figure.
Values are converted to float for drawing only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._errors import InvalidInputType, Problem
from .._plotting import new_axes, pounds_axis
from ._measures import Direction, Measure
from ._observations import ObservationLog

__all__ = ["plot_measure"]


def plot_measure(
    measure: Measure,
    log: ObservationLog,
    *,
    ax: Any = None,
    as_of: dt.datetime | None = None,
) -> Any:
    """Draw a measure's observed values, baseline, baseline forecast and targets; return the Axes.

    Observations are placed at the end of their period. Pass ``ax`` to draw on
    your own Axes; otherwise a new Agg-backed ``Figure`` is made (``ax.figure``).
    The legend lists exactly what is drawn: "observed" only when there are
    observations, "baseline" (a square) or "baseline and forecast" (a dashed
    line through the squares) only when the measure has a baseline, "target"
    only when it has targets. A measure in pounds (unit ``£``) has pounds on
    its axis.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import Measure, ObservationLog, ReportingPeriod
        >>> m = Measure.create("2B", "At home after reablement", unit="%", direction="higher",
        ...     frequency="financial-year", baseline=(82, pendulum.Date(2025, 3, 31)),
        ...     targets=[(85, pendulum.Date(2027, 3, 31))])
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), 83,
        ...     at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> ax = plot_measure(m, log)
        >>> [line.get_label() for line in ax.get_lines()]  # a baseline alone, no forecast
        ['observed', 'baseline', 'target']
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['observed', 'baseline', 'target']
        >>> [line.get_ydata().tolist() for line in ax.get_lines()]
        [[83.0], [82.0], [85.0]]
        >>> ax.get_ylabel()
        '% (higher is better)'
    """
    if not isinstance(measure, Measure):
        raise InvalidInputType([Problem("measure", "a Measure", measure, "type")])
    if not isinstance(log, ObservationLog):
        raise InvalidInputType([Problem("log", "an ObservationLog", log, "type")])
    if ax is None:
        ax = new_axes(figsize=(8, 4.5), what="plot_measure")
    series = [o for o in log.series(measure.id, as_of=as_of) if o.value is not None]
    if series:
        ax.plot(
            [o.period.end for o in series],
            [float(o.value) for o in series if o.value is not None],
            marker="o",
            color="tab:blue",
            label="observed",
        )
    if measure.baseline is not None:
        b = measure.baseline
        xs = [p.on for p in b.history] + [b.on] + [p.on for p in b.forecast]
        ys = [float(p.value) for p in b.history] + [float(b.value)]
        ys += [float(p.value) for p in b.forecast]
        ax.plot(
            xs,
            ys,
            linestyle="--",
            marker="s",
            markersize=5,
            color="grey",
            label="baseline and forecast" if len(xs) > 1 else "baseline",
        )
    if measure.targets:
        ax.plot(
            [t.due for t in measure.targets],
            [float(t.value) for t in measure.targets],
            linestyle="none",
            marker="*",
            markersize=12,
            color="green",
            label="target",
        )
    better = "higher" if measure.direction is Direction.HIGHER_IS_BETTER else "lower"
    ax.set_title(f"{measure.id}: {measure.name}")
    ax.set_ylabel(f"{measure.unit} ({better} is better)")
    if measure.unit.strip() in {"£", "GBP", "pounds"}:
        pounds_axis(ax.yaxis)
    if ax.get_lines():
        ax.legend()
    return ax
