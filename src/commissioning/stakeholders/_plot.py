"""The power/interest grid as a matplotlib figure (the optional ``plot`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._errors import InvalidInput
from ._model import SCALE_MAX, SCALE_MIN, Thresholds
from ._quadrants import Quadrant, quadrant

if TYPE_CHECKING:
    from ._map import StakeholderMap

__all__ = ["plot_power_interest"]

_DEFAULT = Thresholds()
_COLOURS = {
    Quadrant.KEY_PLAYERS: "tab:red",
    Quadrant.KEEP_SATISFIED: "tab:orange",
    Quadrant.KEEP_INFORMED: "tab:blue",
    Quadrant.MONITOR: "tab:grey",
}


def plot_power_interest(
    stakeholder_map: StakeholderMap,
    *,
    ax: Any = None,
    thresholds: Thresholds = _DEFAULT,
    labels: bool = True,
    title: str = "Power / interest grid",
) -> Any:
    """Draw the stakeholders on Mendelow's power/interest grid; returns the matplotlib ``Axes``.

    Needs matplotlib (``pip install commissioning[plot]``), imported only when
    called. Without ``ax``, a new ``matplotlib.figure.Figure`` is made (no
    pyplot, so no global state and no window: show it in a notebook by
    returning ``ax.figure``, or save it with ``ax.figure.savefig``). Points
    are jittered by nothing: stakeholders with the same scores overlap, and
    ``labels`` names each point.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Stakeholder, StakeholderMap
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8)],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> ax = plot_power_interest(m)
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('Interest (0-10)', 'Power (0-10)')
        >>> [(points.get_label(), points.get_offsets().tolist()) for points in ax.collections]
        [('key players', [[8.0, 9.0]])]
    """
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra, imported when used
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "plot_power_interest needs matplotlib: pip install 'commissioning[plot]'"
        ) from error
    if not isinstance(thresholds, Thresholds):
        raise InvalidInput.of("thresholds", "a Thresholds", thresholds)
    if ax is None:
        ax = Figure(figsize=(7, 6)).add_subplot()
    low, high = SCALE_MIN - 0.5, SCALE_MAX + 0.5
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.axvline(thresholds.interest - 0.5, color="black", linewidth=0.8)
    ax.axhline(thresholds.power - 0.5, color="black", linewidth=0.8)
    for q, (x, y, ha, va) in {
        Quadrant.KEY_PLAYERS: (high, high, "right", "top"),
        Quadrant.KEEP_SATISFIED: (low, high, "left", "top"),
        Quadrant.KEEP_INFORMED: (high, low, "right", "bottom"),
        Quadrant.MONITOR: (low, low, "left", "bottom"),
    }.items():
        ax.text(x, y, f"{q.value}\n({q.strategy})", ha=ha, va=va, fontsize=8, alpha=0.7)
    groups: dict[Quadrant, list[Any]] = {q: [] for q in Quadrant}
    for s in stakeholder_map:
        groups[quadrant(s, thresholds=thresholds)].append(s)
    for q, members in groups.items():
        if members:
            ax.scatter(
                [s.interest for s in members],
                [s.power for s in members],
                color=_COLOURS[q],
                label=q.value,
            )
            if labels:
                for s in members:
                    ax.annotate(
                        s.name,
                        (s.interest, s.power),
                        fontsize=7,
                        xytext=(3, 3),
                        textcoords="offset points",
                    )
    ax.set_xlabel(f"Interest ({SCALE_MIN}-{SCALE_MAX})")
    ax.set_ylabel(f"Power ({SCALE_MIN}-{SCALE_MAX})")
    ax.set_title(title)
    return ax
