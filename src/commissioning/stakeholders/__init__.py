"""Stakeholder graphs: who matters, who influences whom, and who has not been heard.

* The map: [`StakeholderMap`][commissioning.stakeholders.StakeholderMap], an immutable value whose every change
  returns a new map and the [`EventRecord`][commissioning.machine.EventRecord] values it
  recorded (their ``event`` names are [`EventKind`][commissioning.stakeholders.EventKind]); [`Stakeholder`][commissioning.stakeholders.Stakeholder] (power,
  interest, legitimacy and urgency on a 0-10 scale), [`Relationship`][commissioning.stakeholders.Relationship]
  (typed, weighted, directed), [`Engagement`][commissioning.stakeholders.Engagement] (when, with whom, how, and
  the rung of the ladder of co-production or Arnstein's ladder) and
  [`EngagementPlan`][commissioning.stakeholders.EngagementPlan].
* Analyses: [`quadrant`][commissioning.stakeholders.quadrant] (Mendelow), [`salience`][commissioning.stakeholders.salience] (Mitchell, Agle and
  Wood), [`reach`][commissioning.stakeholders.reach], [`influence_paths`][commissioning.stakeholders.influence_paths], [`influence_rank`][commissioning.stakeholders.influence_rank],
  [`brokers`][commissioning.stakeholders.brokers], [`coalitions`][commissioning.stakeholders.coalitions], [`find_engagements`][commissioning.stakeholders.find_engagements],
  [`engagement_gaps`][commissioning.stakeholders.engagement_gaps], [`engagement_summary`][commissioning.stakeholders.engagement_summary] (never engaged, last
  contact and highest rung per stakeholder), [`compare`][commissioning.stakeholders.compare],
  [`plot_power_interest`][commissioning.stakeholders.plot_power_interest]; ``*_rank`` functions return a [`Ranking`][commissioning.stakeholders.Ranking].
* Tables: ``to_frame()`` on the map, its [`EngagementSummary`][commissioning.stakeholders.EngagementSummary], its
  [`EngagementGaps`][commissioning.stakeholders.EngagementGaps] and a [`Ranking`][commissioning.stakeholders.Ranking] (pandas, imported lazily);
  the map and gaps show as HTML in notebooks.
* Exchange: ``to_dict``/``from_dict``, ``to_networkx``/``from_networkx``,
  ``to_graphml``/``from_graphml``, ``to_mermaid`` and ``to_dot`` on the map.

Source: the docs' Sources page (Mendelow's grid, salience,
participation ladders, typical stakeholders and relationships); where it is
silent (scales, thresholds, the engagement window), the choice is documented
and yours to override.

Examples:
    >>> import datetime as dt
    >>> from commissioning.stakeholders import Stakeholder, StakeholderMap, quadrant
    >>> m, _ = StakeholderMap.create(
    ...     [Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8)],
    ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="me")
    >>> quadrant(m.stakeholder("cabinet")).strategy
    'manage closely'
"""

from .._public import public_module as _public_module
from ._compare import MapComparison, StakeholderChange, compare
from ._contact import EngagementSummary, StakeholderContact, engagement_summary
from ._engagement import Engagement, EngagementPlan, find_engagements
from ._events import EventKind
from ._export import FORMAT, FORMAT_VERSION
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
from ._ranking import RankedStakeholder, Ranking
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
    "EngagementSummary",
    "EventKind",
    "InfluencePath",
    "MapComparison",
    "Quadrant",
    "QuadrantChange",
    "RankedStakeholder",
    "Ranking",
    "Reach",
    "RelationType",
    "Relationship",
    "Rung",
    "Salience",
    "SalienceClass",
    "SalienceType",
    "Stakeholder",
    "StakeholderChange",
    "StakeholderContact",
    "StakeholderKind",
    "StakeholderMap",
    "Thresholds",
    "UnknownStakeholder",
    "brokers",
    "coalitions",
    "compare",
    "engagement_gaps",
    "engagement_summary",
    "find_engagements",
    "influence_paths",
    "influence_rank",
    "plot_power_interest",
    "quadrant",
    "reach",
    "salience",
]

_public_module(
    __name__,
    *(
        value
        for name, value in list(globals().items())
        if name in __all__ and isinstance(value, type)
    ),
)

from .._hypothesis_hook import announce as _announce  # noqa: E402 - last: the types exist by now

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
