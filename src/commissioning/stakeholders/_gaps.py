"""Engagement gaps at a date: who should have been heard and has not.

Source: the docs' Sources page (key players on Mendelow's grid;
stakeholders move between quadrants over time; the ladder of co-production).
The reference sets no window for "recently" and no mapping between the two
ladders, so both are arguments with defaults that are this library's choice
(UNCONFIRMED): 90 days, and co-design on the co-production ladder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._time import as_date
from .._validation import Checker
from ._engagement import EngagementPlan, check_date, rung_floors, text_set
from ._ladders import CoProductionRung, Rung
from ._map import StakeholderMap
from ._model import StakeholderKind, Thresholds
from ._quadrants import Quadrant, quadrant
from ._tables import frame, html_table

__all__ = ["EngagementGaps", "QuadrantChange", "engagement_gaps"]

_DEFAULT = Thresholds()
SERVICE_USER_KINDS = frozenset({StakeholderKind.SERVICE_USER, StakeholderKind.CARER})


@attrs.frozen
class QuadrantChange:
    """A stakeholder whose quadrant is not what it was.

    Attributes:
        id: the stakeholder.
        before: its quadrant then (``None`` if it was not there then).
        after: its quadrant now (``None`` if it is no longer there).

    Examples:
        >>> from commissioning.stakeholders import Quadrant
        >>> QuadrantChange("icb", Quadrant.KEEP_INFORMED, Quadrant.KEY_PLAYERS).after.strategy
        'manage closely'
    """

    id: str
    before: Quadrant | None
    after: Quadrant | None


@attrs.frozen
class EngagementGaps:
    """What [`engagement_gaps`][commissioning.stakeholders.engagement_gaps] found; every list is sorted by id.

    Attributes:
        on: the date of the check.
        key_players_not_engaged: key players with no engagement in the window.
        never_engaged_at_level: service users (by kind) never engaged at or above the rung.
        quadrant_changes: stakeholders whose quadrant changed since the plan
            (added since the plan: ``before`` is ``None``).
        plan: the plan compared against (the latest on or before ``on``), or ``None``.
        never_engaged: every stakeholder on the map with no engagement at all by ``on``.

    Examples:
        >>> import datetime as dt
        >>> EngagementGaps(dt.date(2026, 3, 1), (), (), (), None).is_empty
        True
    """

    on: dt.date
    key_players_not_engaged: tuple[str, ...]
    never_engaged_at_level: tuple[str, ...]
    quadrant_changes: tuple[QuadrantChange, ...]
    plan: EngagementPlan | None
    never_engaged: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether no gap was found."""
        return not (
            self.key_players_not_engaged
            or self.never_engaged_at_level
            or self.quadrant_changes
            or self.never_engaged
        )

    def to_rows(self) -> tuple[dict[str, Any], ...]:
        """One row per gap: ``id``, ``gap`` (what kind), and the quadrants ``before``/``after`` for a move."""
        rows: list[dict[str, Any]] = []
        for gap, ids in (
            ("never engaged", self.never_engaged),
            ("key player not engaged recently", self.key_players_not_engaged),
            ("service user not engaged at the level", self.never_engaged_at_level),
        ):
            rows.extend({"id": sid, "gap": gap, "before": None, "after": None} for sid in ids)
        rows.extend(
            {"id": c.id, "gap": "quadrant changed", "before": c.before, "after": c.after}
            for c in self.quadrant_changes
        )
        return tuple(rows)

    def to_frame(self, *, exact: bool = False) -> Any:
        """The gaps as a table, one row per gap (``pandas`` extra); quadrants as names unless ``exact``.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.stakeholders import Stakeholder, StakeholderMap
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("c", "Cabinet", "cabinet", power=9, interest=9)],
            ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
            >>> table = engagement_gaps(m, on=dt.date(2026, 3, 1)).to_frame()
            >>> table[["id", "gap"]].values.tolist()
            [['c', 'never engaged'], ['c', 'key player not engaged recently']]
        """
        return frame(self.to_rows(), _GAP_COLUMNS, exact=exact)

    def _repr_html_(self) -> str:
        return html_table(f"Engagement gaps on {self.on}", self.to_rows(), _GAP_COLUMNS)


_GAP_COLUMNS = ("id", "gap", "before", "after")


def engagement_gaps(
    stakeholder_map: StakeholderMap,
    *,
    on: dt.date,
    window_days: int = 90,
    at_least: Rung | Iterable[Rung] = CoProductionRung.CO_DESIGN,
    service_user_kinds: Iterable[str] | str = SERVICE_USER_KINDS,
    thresholds: Thresholds = _DEFAULT,
) -> EngagementGaps:
    """Find engagement gaps on a date.

    * **Key players not engaged recently**: stakeholders in the key-players
      quadrant (with ``thresholds``) with no engagement in the ``window_days``
      days up to and including ``on``.
    * **Service users never engaged at co-design or above**: stakeholders of
      ``service_user_kinds`` (service users and carers by default) with no
      engagement on or before ``on`` at or above ``at_least``. A rung is only
      compared with its own ladder: if you record on Arnstein's ladder, pass
      your own floor, for example ``(CoProductionRung.CO_DESIGN,
      ArnsteinRung.PARTNERSHIP)``.
    * **Never engaged**: every stakeholder on the map with no engagement at
      all on or before ``on`` ([`engagement_summary`][commissioning.stakeholders.engagement_summary] gives each one's
      last contact and highest rung).
    * **Quadrant changes since the last plan**: against the latest plan dated
      on or before ``on``, stakeholders whose quadrant now (read with the
      plan's own thresholds) differs, or who were not in the plan.

    Engagements and plans dated after ``on`` are ignored; the stakeholders'
    scores are the map's. For the map as it stood on a past date, pass
    ``stakeholder_map.as_of(...)``.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import (
        ...     CoProductionRung, Engagement, Stakeholder, StakeholderMap)
        >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        >>> m, _ = StakeholderMap.create([
        ...     Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8),
        ...     Stakeholder("icb", "ICB", "health partner", power=8, interest=7),
        ...     Stakeholder("users", "Users' panel", "service user", power=2, interest=9),
        ... ], engagements=[
        ...     Engagement(dt.date(2026, 2, 1), {"cabinet", "users"}, "meeting",
        ...                CoProductionRung.CONSULTATION),
        ... ], at=at, actor="al")
        >>> gaps = engagement_gaps(m, on=dt.date(2026, 3, 1))
        >>> gaps.key_players_not_engaged, gaps.never_engaged_at_level
        (('icb',), ('users',))
    """
    check = Checker()
    check_date(check, "on", on)
    if check.type("window_days", window_days, int, "a positive int"):
        check.that(window_days > 0, "window_days", "a positive int", window_days)
    check.type("thresholds", thresholds, Thresholds, "a Thresholds")
    check.done()
    day = as_date(on)
    user_kinds = text_set(service_user_kinds)
    floors = rung_floors(at_least)
    window_start = day - dt.timedelta(days=window_days - 1)
    stakeholders = stakeholder_map.stakeholders

    engaged_recently: set[str] = set()
    engaged_high: set[str] = set()
    engaged_ever: set[str] = set()
    for engagement in stakeholder_map.engagements:
        if engagement.on > day:
            continue
        engaged_ever |= engagement.stakeholders
        if engagement.on >= window_start:
            engaged_recently |= engagement.stakeholders
        if engagement.reaches(floors):
            engaged_high |= engagement.stakeholders

    key_players = sorted(
        sid
        for sid, s in stakeholders.items()
        if quadrant(s, thresholds=thresholds) is Quadrant.KEY_PLAYERS
        and sid not in engaged_recently
    )
    unheard = sorted(
        sid for sid, s in stakeholders.items() if s.kind in user_kinds and sid not in engaged_high
    )

    plan: EngagementPlan | None = None
    for candidate in (
        stakeholder_map.plans
    ):  # the latest dated on or before the day; on a tie, the last recorded
        if candidate.on <= day and (plan is None or candidate.on >= plan.on):
            plan = candidate
    changes: list[QuadrantChange] = []
    if plan is not None:
        for sid in sorted(set(stakeholders) | set(plan.quadrants)):
            before = plan.quadrants.get(sid)
            s = stakeholders.get(sid)
            after = None if s is None else quadrant(s, thresholds=plan.thresholds)
            if before is not after:
                changes.append(QuadrantChange(sid, before, after))
    never = sorted(sid for sid in stakeholders if sid not in engaged_ever)
    return EngagementGaps(
        day, tuple(key_players), tuple(unheard), tuple(changes), plan, tuple(never)
    )
