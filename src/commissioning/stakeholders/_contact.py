"""Engagement you can act on: who has never been engaged, and each stakeholder's last contact.

Source: the docs' Sources page (the ladder of co-production,
Arnstein's ladder). The two ladders are not compared with each other (the
reference gives no mapping), so each stakeholder's highest rung is given per
ladder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum

from .._time import as_date
from .._validation import Checker
from ._engagement import check_date
from ._ladders import ArnsteinRung, CoProductionRung
from ._map import StakeholderMap
from ._tables import frame, html_table

__all__ = ["EngagementSummary", "StakeholderContact", "engagement_summary"]

_COLUMNS = (
    "id",
    "name",
    "kind",
    "engagements",
    "last_contact",
    "highest_co_production",
    "highest_arnstein",
    "never_engaged",
)


@attrs.frozen
class StakeholderContact:
    """One stakeholder's engagement so far: how often, when last, and how high on each ladder.

    Attributes:
        id: the stakeholder.
        name: its name.
        kind: its kind.
        engagements: how many engagements it took part in.
        last_contact: the day of the latest (``None`` if never engaged).
        highest_co_production: the highest rung reached on the ladder of
            co-production (``None`` if none recorded on that ladder).
        highest_arnstein: the highest rung reached on Arnstein's ladder (likewise).

    Examples:
        >>> StakeholderContact("u", "Users", "service user", 0, None, None, None).never_engaged
        True
    """

    id: str
    name: str
    kind: str
    engagements: int
    last_contact: pendulum.Date | None
    highest_co_production: CoProductionRung | None
    highest_arnstein: ArnsteinRung | None

    @property
    def never_engaged(self) -> bool:
        """Whether no engagement has included this stakeholder."""
        return self.engagements == 0

    def to_row(self) -> dict[str, Any]:
        """The contact as a row (a dict of the table's columns)."""
        return {**attrs.asdict(self, recurse=False), "never_engaged": self.never_engaged}


@attrs.frozen
class EngagementSummary:
    """Every stakeholder on the map with its engagement so far (sorted by id); a table.

    Iterate it for [`StakeholderContact`][commissioning.stakeholders.StakeholderContact] values, index it by id, or take
    [`to_frame`][commissioning.stakeholders.EngagementSummary.to_frame].

    Attributes:
        on: the day counted up to (``None``: every engagement recorded).
        contacts: one per stakeholder on the map, sorted by id.
    """

    on: pendulum.Date | None
    contacts: tuple[StakeholderContact, ...]

    @property
    def never_engaged(self) -> tuple[str, ...]:
        """The ids of stakeholders never engaged (sorted)."""
        return tuple(c.id for c in self.contacts if c.never_engaged)

    def __getitem__(self, id: str) -> StakeholderContact:  # noqa: A002 - the domain's word
        for contact in self.contacts:
            if contact.id == id:
                return contact
        raise KeyError(id)

    def __iter__(self) -> Iterator[StakeholderContact]:
        return iter(self.contacts)

    def __len__(self) -> int:
        return len(self.contacts)

    def to_frame(self, *, exact: bool = False) -> Any:
        """One row per stakeholder, indexed by id (``pandas`` extra).

        ``last_contact`` is a ``datetime64`` column and rungs are their names
        (so the table sorts, filters and plots); ``exact=True`` keeps
        ``pendulum.Date`` days and the rung members.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.stakeholders import (
            ...     CoProductionRung, Engagement, Stakeholder, StakeholderMap)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "carer"), Stakeholder("b", "B", "resident")],
            ...     engagements=[Engagement(dt.date(2026, 2, 1), {"a"}, "workshop",
            ...                             CoProductionRung.CO_DESIGN)],
            ...     at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), actor="al")
            >>> table = engagement_summary(m).to_frame()
            >>> table.loc["a", "highest_co_production"], str(table["last_contact"].dtype)
            ('co-design', 'datetime64[ns]')
            >>> list(table.index[table["never_engaged"]])
            ['b']
        """
        return frame(
            (c.to_row() for c in self.contacts),
            _COLUMNS,
            days=("last_contact",),
            exact=exact,
            index="id",
        )

    def _repr_html_(self) -> str:
        caption = f"Engagement by stakeholder ({len(self.never_engaged)} never engaged)"
        return html_table(caption, (c.to_row() for c in self.contacts), _COLUMNS)


def engagement_summary(
    stakeholder_map: StakeholderMap, *, on: dt.date | None = None
) -> EngagementSummary:
    """Each stakeholder's engagements, last contact and highest rung per ladder, up to ``on``.

    Engagements dated after ``on`` are not counted (``on=None`` counts them
    all). Engagements naming stakeholders no longer on the map are kept by the
    map as history but do not appear here: the summary lists the map's
    stakeholders.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import (
        ...     ArnsteinRung, CoProductionRung, Engagement, Stakeholder, StakeholderMap)
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder(i, i.title(), "resident") for i in ("ann", "bob", "cy")],
        ...     engagements=[
        ...         Engagement(dt.date(2026, 1, 9), {"ann", "bob"}, "meeting",
        ...                    CoProductionRung.CONSULTATION),
        ...         Engagement(dt.date(2026, 2, 3), {"ann"}, "workshop", CoProductionRung.CO_DESIGN),
        ...         Engagement(dt.date(2026, 2, 9), {"bob"}, "panel", ArnsteinRung.PARTNERSHIP)],
        ...     at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), actor="al")
        >>> summary = engagement_summary(m)
        >>> summary.never_engaged
        ('cy',)
        >>> a = summary["ann"]
        >>> a.engagements, a.last_contact, a.highest_co_production.value
        (2, Date(2026, 2, 3), 'co-design')
        >>> engagement_summary(m, on=dt.date(2026, 1, 31))["ann"].highest_co_production.value
        'consultation'
    """
    day: pendulum.Date | None = None
    if on is not None:
        check = Checker()
        check_date(check, "on", on)
        check.done()
        day = as_date(on)
    counts: dict[str, int] = {}
    last: dict[str, dt.date] = {}
    co_production: dict[str, CoProductionRung] = {}
    arnstein: dict[str, ArnsteinRung] = {}
    for engagement in stakeholder_map.engagements:
        if day is not None and engagement.on > day:
            continue
        rung = engagement.rung
        for sid in engagement.stakeholders:
            counts[sid] = counts.get(sid, 0) + 1
            if sid not in last or engagement.on > last[sid]:
                last[sid] = engagement.on
            if isinstance(rung, CoProductionRung):
                if sid not in co_production or rung > co_production[sid]:
                    co_production[sid] = rung
            elif sid not in arnstein or rung > arnstein[sid]:
                arnstein[sid] = rung
    contacts = tuple(
        StakeholderContact(
            s.id,
            s.name,
            str(s.kind),
            counts.get(s.id, 0),
            None if s.id not in last else as_date(last[s.id]),
            co_production.get(s.id),
            arnstein.get(s.id),
        )
        for s in sorted(stakeholder_map, key=lambda s: s.id)
    )
    return EngagementSummary(day, contacts)
