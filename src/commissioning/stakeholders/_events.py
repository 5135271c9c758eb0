"""The commands a stakeholder map records, by the name each record carries in ``event``."""

from __future__ import annotations

import enum

__all__ = ["DEFAULT_ID", "EventKind"]

#: The id of a map created without one (every record's ``stream_id``).
DEFAULT_ID = "stakeholder-map"


class EventKind(enum.StrEnum):
    """What a record of a [`StakeholderMap`][commissioning.stakeholders.StakeholderMap] did: its ``event`` name.

    Each record is a [`EventRecord`][commissioning.machine.EventRecord] whose ``data`` holds,
    as JSON-compatible values:

    * ``import``: ``stakeholders`` (rows ``[id, name, kind, power, interest,
      legitimacy, urgency, [tags]]``), ``relationships`` (rows ``[source,
      target, type, weight]``), ``engagements`` and ``plans`` (objects as in
      [`StakeholderMap.to_dict`][commissioning.stakeholders.StakeholderMap.to_dict]). A large import is recorded as several
      ``import`` records, each small enough to load on its own.
    * ``add``: ``stakeholder`` (an object as in ``to_dict``)
    * ``update``: ``stakeholder`` (after) and ``previous`` (before)
    * ``remove``: ``stakeholder`` and the ``relationships`` removed with it
    * ``relate``: ``relationship`` and ``previous`` (the one it replaced, or ``null``)
    * ``unrelate``: ``relationship`` (the one removed)
    * ``record_engagement``: ``engagement``
    * ``record_plan``: ``plan``

    Examples:
        >>> EventKind("relate") is EventKind.RELATE
        True
    """

    IMPORT = "import"
    ADD = "add"
    UPDATE = "update"
    REMOVE = "remove"
    RELATE = "relate"
    UNRELATE = "unrelate"
    RECORD_ENGAGEMENT = "record_engagement"
    RECORD_PLAN = "record_plan"
