"""Map events: what changed, when, by whom; folding them rebuilds the map."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from .._errors import InvalidInput
from .._time import as_utc
from .._validation import Checker
from ._model import check_text, read_only

__all__ = ["EventKind", "MapEvent"]


class EventKind(enum.Enum):
    """What a :class:`MapEvent` did to the map.

    ``data`` holds, for each kind:

    * ``IMPORTED``: ``stakeholders``, ``relationships``, ``engagements``, ``plans`` (tuples)
    * ``STAKEHOLDER_ADDED``: ``stakeholder``
    * ``STAKEHOLDER_UPDATED``: ``stakeholder`` (after) and ``previous`` (before)
    * ``STAKEHOLDER_REMOVED``: ``stakeholder`` and the ``relationships`` removed with it
    * ``RELATED``: ``relationship`` and ``previous`` (the one it replaced, or ``None``)
    * ``UNRELATED``: ``relationship`` (the one removed)
    * ``ENGAGEMENT_RECORDED``: ``engagement``
    * ``PLAN_RECORDED``: ``plan``

    Examples:
        >>> EventKind.RELATED.value
        'related'
    """

    IMPORTED = "imported"
    STAKEHOLDER_ADDED = "stakeholder added"
    STAKEHOLDER_UPDATED = "stakeholder updated"
    STAKEHOLDER_REMOVED = "stakeholder removed"
    RELATED = "related"
    UNRELATED = "unrelated"
    ENGAGEMENT_RECORDED = "engagement recorded"
    PLAN_RECORDED = "plan recorded"


def _utc_or_same(value: Any) -> Any:
    try:
        return as_utc(value)
    except InvalidInput:
        return value  # __attrs_post_init__ reports it with the other problems


@attrs.frozen
class MapEvent:
    """One recorded change to a :class:`StakeholderMap`.

    Attributes:
        version: the map's version after the change (1 for the first event).
        kind: what changed (:class:`EventKind`).
        at: when it was recorded (an aware datetime, in UTC).
        actor: who recorded it.
        data: the change's details (read-only; see :class:`EventKind`).

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Stakeholder, StakeholderMap
        >>> m, event = StakeholderMap().add(
        ...     Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=7),
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), actor="alice")
        >>> event.version, event.kind, event.actor
        (1, <EventKind.STAKEHOLDER_ADDED: 'stakeholder added'>, 'alice')
        >>> event.data["stakeholder"].name
        'Cabinet'
    """

    version: int
    kind: EventKind
    at: dt.datetime = attrs.field(converter=_utc_or_same)
    actor: str
    data: Mapping[str, Any] = attrs.field(converter=read_only)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("version", self.version, int, "a positive int"):
            check.that(self.version >= 1, "version", "a positive int", self.version)
        check.type("kind", self.kind, EventKind, "an EventKind")
        try:
            as_utc(self.at)
        except InvalidInput as error:
            check.extend(error)
        check_text(check, "actor", self.actor)
        check.type("data", self.data, Mapping, "a mapping")
        check.done()

    def __hash__(self) -> int:
        return hash((self.version, self.kind, self.at, self.actor))
