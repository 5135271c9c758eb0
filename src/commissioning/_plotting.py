"""Shared helpers for the plots (the optional ``plot`` extra): axes, pounds on axes, colours.

matplotlib is imported only inside these functions, so importing a plotting
module costs nothing until a plot is drawn. Figures are made with
``matplotlib.figure.Figure`` on the Agg canvas, never pyplot: no global state,
no window; a notebook shows ``ax.figure``.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Sequence
from typing import Any

__all__ = ["OPTION_COLOURS", "format_pounds", "new_axes", "option_colours", "pounds_axis"]

OPTION_COLOURS = (
    "tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown",
    "tab:pink", "tab:olive", "tab:cyan", "tab:red", "tab:grey",
)  # fmt: skip
"""The colours given to options, in the order the model lists them (matplotlib's tab10)."""


@functools.cache
def _figure_class() -> Any:
    """The ``Figure`` class, able to show itself in a notebook without pyplot."""
    from matplotlib.figure import Figure as MatplotlibFigure  # noqa: PLC0415 - optional extra, imported when drawing

    class Figure(MatplotlibFigure):
        """A figure that a notebook shows as a PNG whether or not pyplot was imported.

        Jupyter shows a plain ``Figure`` as an image only once matplotlib's inline
        backend is active (after ``import matplotlib.pyplot``); without it, a
        figure returned by the library would show as ``<Figure size ...>``.
        """

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", bbox_inches="tight")
            return buffer.getvalue()

    return Figure


def new_axes(*, figsize: tuple[float, float], what: str) -> Any:
    """A new Agg-backed figure's single ``Axes`` (constrained layout); ``what`` names the caller.

    The figure shows itself in a notebook (``ax.figure``) even when pyplot was
    never imported.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415 - optional extra, imported when drawing
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(f"{what} needs matplotlib: pip install 'commissioning[plot]'") from error
    figure = _figure_class()(figsize=figsize, layout="constrained")
    FigureCanvasAgg(figure)
    return figure.add_subplot()


def format_pounds(value: float) -> str:
    """An amount of money as an axis label: pounds with k (thousand), m (million) or bn.

    Examples:
        >>> [format_pounds(v) for v in (0, 950, 1500, 250_000, -1_250_000, 3e9, 12.5)]
        ['£0', '£950', '£1.5k', '£250k', '-£1.25m', '£3bn', '£12.50']
    """
    if not math.isfinite(value):
        return ""
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if size >= scale:
            number = f"{size / scale:.2f}".rstrip("0").rstrip(".")
            return f"{sign}£{number}{suffix}"
    if size != int(size):
        return f"{sign}£{size:.2f}"
    return f"{sign}£{size:.0f}"


def pounds_axis(axis: Any) -> None:
    """Label ``axis`` (``ax.xaxis`` or ``ax.yaxis``) in pounds: no ``1e6`` offset, k and m instead."""
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 - optional extra, imported when drawing

    axis.set_major_formatter(FuncFormatter(lambda value, _position: format_pounds(value)))


def option_colours(names: Sequence[str]) -> dict[str, str]:
    """A colour per option name, by its place in ``names``: the same option, the same colour.

    Examples:
        >>> option_colours(["in-house", "outsourced"])
        {'in-house': 'tab:blue', 'outsourced': 'tab:orange'}
    """
    return {name: OPTION_COLOURS[i % len(OPTION_COLOURS)] for i, name in enumerate(names)}
