"""Stakeholder graphs: who matters, who influences whom, and who has not been heard.

Source: ``stakeholders-and-outcomes.md`` (Mendelow's grid, salience,
participation ladders, typical stakeholders and relationships).
"""

from ._compare import MapComparison, StakeholderChange, compare
from ._engagement import Engagement, EngagementPlan, find_engagements
from ._events import EventKind, MapEvent
from ._export import FORMAT, FORMAT_VERSION, UnsupportedFormatVersion
from ._gaps import EngagementGaps, QuadrantChange, engagement_gaps
from ._influence import (
    InfluencePath,
    Reach,
    brokers,
    coalitions,
    influence_paths,
    influence_rank,
    reach,
)
from ._ladders import ArnsteinRung, CoProductionRung, EngagementMethod, Rung
from ._map import StakeholderMap
from ._model import (
    SCALE_MAX,
    SCALE_MIN,
    Relationship,
    RelationType,
    Stakeholder,
    StakeholderKind,
    Thresholds,
    UnknownStakeholder,
)
from ._plot import plot_power_interest
from ._quadrants import Quadrant, quadrant
from ._salience import Salience, SalienceClass, SalienceType, salience

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SCALE_MAX",
    "SCALE_MIN",
    "ArnsteinRung",
    "CoProductionRung",
    "Engagement",
    "EngagementGaps",
    "EngagementMethod",
    "EngagementPlan",
    "EventKind",
    "InfluencePath",
    "MapComparison",
    "MapEvent",
    "Quadrant",
    "QuadrantChange",
    "Reach",
    "RelationType",
    "Relationship",
    "Rung",
    "Salience",
    "SalienceClass",
    "SalienceType",
    "Stakeholder",
    "StakeholderChange",
    "StakeholderKind",
    "StakeholderMap",
    "Thresholds",
    "UnknownStakeholder",
    "UnsupportedFormatVersion",
    "brokers",
    "coalitions",
    "compare",
    "engagement_gaps",
    "find_engagements",
    "influence_paths",
    "influence_rank",
    "plot_power_interest",
    "quadrant",
    "reach",
    "salience",
]
