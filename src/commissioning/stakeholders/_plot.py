"""The power/interest grid as a matplotlib figure (the optional ``plot`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._errors import InvalidInput
from .._plotting import new_axes
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
_ORDER = (Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED, Quadrant.MONITOR)


def _caption(q: Quadrant) -> str:
    """The quadrant's name and strategy, without saying the same words twice."""
    name, strategy = str(q.value), q.strategy
    if strategy.startswith(name):  # "keep satisfied", "monitor (minimal effort)"
        return strategy
    return f"{name}: {strategy}"


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
    pyplot, so no global state and no window: show it in a notebook with
    ``ax.figure``, or save it with ``ax.figure.savefig``).

    Points are coloured by quadrant, with a legend of the colours. With
    ``labels``, each point carries a number and a key beside the grid gives
    the names (numbered key players first, then keep satisfied, keep informed
    and monitor, most powerful first), so names never overlap however close
    the points are; stakeholders with the same scores share one point and
    one label (``"3, 4"``). Each quadrant is captioned once with its strategy.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Stakeholder, StakeholderMap
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8),
        ...      Stakeholder("users", "Users' panel", "service user", power=2, interest=9)],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> ax = plot_power_interest(m)
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('Interest (0-10)', 'Power (0-10)')
        >>> [(points.get_label(), points.get_offsets().tolist()) for points in ax.collections]
        [('key players', [[8.0, 9.0]]), ('keep informed', [[9.0, 2.0]])]
        >>> print(ax.texts[-1].get_text())
        1  Cabinet
        2  Users' panel
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['key players', 'keep informed']
    """
    if not isinstance(thresholds, Thresholds):
        raise InvalidInput.of("thresholds", "a Thresholds", thresholds)
    if ax is None:
        ax = new_axes(figsize=(9.5, 6), what="plot_power_interest")
    low, high = SCALE_MIN - 0.5, SCALE_MAX + 0.5
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.axvline(thresholds.interest - 0.5, color="black", linewidth=0.8)
    ax.axhline(thresholds.power - 0.5, color="black", linewidth=0.8)
    for q, (x, y, ha, va) in {
        Quadrant.KEY_PLAYERS: (high - 0.1, high - 0.1, "right", "top"),
        Quadrant.KEEP_SATISFIED: (low + 0.1, high - 0.1, "left", "top"),
        Quadrant.KEEP_INFORMED: (high - 0.1, low + 0.1, "right", "bottom"),
        Quadrant.MONITOR: (low + 0.1, low + 0.1, "left", "bottom"),
    }.items():
        ax.text(x, y, _caption(q), ha=ha, va=va, fontsize=8, alpha=0.6, style="italic")
    groups: dict[Quadrant, list[Any]] = {q: [] for q in _ORDER}
    for s in stakeholder_map:
        groups[quadrant(s, thresholds=thresholds)].append(s)
    numbered: list[Any] = []
    for q in _ORDER:
        members = sorted(groups[q], key=lambda s: (-s.power, -s.interest, s.name, s.id))
        if not members:
            continue
        numbered.extend(members)
        ax.scatter(
            [s.interest for s in members],
            [s.power for s in members],
            color=_COLOURS[q],
            label=str(q.value),
            zorder=3,
        )
    if labels and numbered:
        at_point: dict[tuple[int, int], list[int]] = {}
        for number, s in enumerate(numbered, start=1):
            at_point.setdefault((s.interest, s.power), []).append(number)
        for (x, y), numbers in at_point.items():
            ax.annotate(
                ", ".join(map(str, numbers)),
                (x, y),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
                fontweight="bold",
            )
        width = len(str(len(numbered)))
        key = "\n".join(f"{n:>{width}}  {s.name}" for n, s in enumerate(numbered, start=1))
        ax.text(
            1.03, 1.0, key, transform=ax.transAxes, ha="left", va="top", fontsize=8,
            family="monospace",
        )  # fmt: skip
    if numbered:
        ax.legend(title="quadrant", loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4)
    ax.set_xlabel(f"Interest ({SCALE_MIN}-{SCALE_MAX})")
    ax.set_ylabel(f"Power ({SCALE_MIN}-{SCALE_MAX})")
    ax.set_title(title)
    return ax
