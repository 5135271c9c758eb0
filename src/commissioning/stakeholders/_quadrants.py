"""Mendelow's power/interest grid: which quadrant, and the strategy it implies.

Source: the docs' Sources page, "Power / interest grid (Mendelow)".
Stakeholders move between quadrants over time; see [`engagement_gaps`][commissioning.stakeholders.engagement_gaps].
"""

from __future__ import annotations

import enum

from ._model import Stakeholder, Thresholds

__all__ = ["Quadrant", "quadrant"]

_DEFAULT = Thresholds()


class Quadrant(enum.StrEnum):
    """A quadrant of the power/interest grid; [`strategy`][commissioning.stakeholders.Quadrant.strategy] is how to engage it.

    ============  ===============  =================================
    power         interest         quadrant (strategy)
    ============  ===============  =================================
    high          high             key players (manage closely)
    high          low              keep satisfied
    low           high             keep informed
    low           low              monitor (minimal effort)
    ============  ===============  =================================

    Examples:
        >>> Quadrant.KEY_PLAYERS.strategy
        'manage closely'
    """

    KEY_PLAYERS = "key players"
    KEEP_SATISFIED = "keep satisfied"
    KEEP_INFORMED = "keep informed"
    MONITOR = "monitor"

    @property
    def strategy(self) -> str:
        """The engagement strategy the quadrant implies, in the reference's words."""
        return {
            "KEY_PLAYERS": "manage closely",
            "KEEP_SATISFIED": "keep satisfied",
            "KEEP_INFORMED": "keep informed",
            "MONITOR": "monitor (minimal effort)",
        }[self.name]

    @property
    def high_power(self) -> bool:
        """Whether the quadrant is in the high-power row."""
        return self in (Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED)

    @property
    def high_interest(self) -> bool:
        """Whether the quadrant is in the high-interest column."""
        return self in (Quadrant.KEY_PLAYERS, Quadrant.KEEP_INFORMED)


def quadrant(stakeholder: Stakeholder, *, thresholds: Thresholds = _DEFAULT) -> Quadrant:
    """Place a stakeholder on the power/interest grid.

    Power and interest are high when at least ``thresholds.power`` and
    ``thresholds.interest`` (5 by default, on the 0-10 scale).

    Examples:
        >>> from commissioning.stakeholders import Stakeholder
        >>> cabinet = Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8)
        >>> quadrant(cabinet)
        <Quadrant.KEY_PLAYERS: 'key players'>
        >>> quadrant(cabinet, thresholds=Thresholds(interest=9)).strategy
        'keep satisfied'
    """
    high_power = stakeholder.power >= thresholds.power
    high_interest = stakeholder.interest >= thresholds.interest
    if high_power:
        return Quadrant.KEY_PLAYERS if high_interest else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if high_interest else Quadrant.MONITOR
