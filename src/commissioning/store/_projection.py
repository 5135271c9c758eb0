"""A read model kept up to date from the global feed: what every procurement owes, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .._errors import InvalidInputType, Problem
from .._time import as_date
from ..machine import EventRecord
from ..procurement import Obligation, ObligationStatus, Procurement, obligations
from ._base import EventStore
from ._codec import check_limit, type_name

__all__ = ["ObligationsProjection"]

Replay = Callable[[tuple[EventRecord, ...]], Procurement]


class ObligationsProjection:
    """Every procurement in a store, followed through its feed, to ask what falls due when.

    The projection remembers the last feed position it applied; [`catch_up`][commissioning.store.ObligationsProjection.catch_up]
    reads on from there (every record exactly once, in commit order: see the
    feed's guarantee in the store reference), keeps each procurement stream's
    records, and rebuilds only the procurements that changed. Streams of other
    aggregate types are skipped.

    Args:
        replay: rebuilds one procurement from its records (``Procurement.replay``,
            which needs nothing more: the first record holds the facts).
        aggregate_type: the stream type to follow (``commissioning.procurement.Procurement``).
    """

    def __init__(
        self, *, replay: Replay = Procurement.replay, aggregate_type: type | str = Procurement
    ) -> None:
        if not callable(replay):
            raise InvalidInputType(
                [Problem("replay", "a callable(records) -> Procurement", replay, "type")]
            )
        self.aggregate_type = type_name(aggregate_type)
        self.position = 0
        self._replay = replay
        self._records: dict[str, list[EventRecord]] = {}
        self._built: dict[str, Procurement] = {}
        self._changed: set[str] = set()

    def __repr__(self) -> str:
        return f"ObligationsProjection(position={self.position}, procurements={len(self._records)})"

    def catch_up(self, store: EventStore, *, limit: int = 1000) -> int:
        """Apply every record committed since the last call; return how many were procurements'."""
        page = check_limit(limit)
        applied = 0
        while entries := store.read_after(self.position, limit=page):
            for entry in entries:
                if entry.aggregate_type == self.aggregate_type:
                    record = entry.record
                    self._records.setdefault(record.stream_id, []).append(record)
                    self._changed.add(record.stream_id)
                    applied += 1
                self.position = entry.position
        return applied

    def procurements(self) -> tuple[Procurement, ...]:
        """The procurements as of the last catch-up, by id."""
        for stream_id in sorted(self._changed):
            self._built[stream_id] = self._replay(tuple(self._records[stream_id]))
        self._changed.clear()
        return tuple(self._built[k] for k in sorted(self._built))

    def due(
        self, *, on: dt.date, days: int = 7, include_overdue: bool = False
    ) -> tuple[Obligation, ...]:
        """Duties not yet done that fall due from day ``on`` for ``days`` days, soonest first.

        ``include_overdue`` adds the duties already overdue on ``on``.
        """
        first = as_date(on, field="on")
        if days.__class__ is not int or days < 1:
            raise InvalidInputType([Problem("days", "an int, 1 or more", days, "type")])
        last = first.add(days=days - 1)
        wanted = []
        for o in obligations(self.procurements(), on=first):
            if (
                o.status is ObligationStatus.DUE
                and o.due_on is not None
                and first <= o.due_on <= last
            ) or (include_overdue and o.status is ObligationStatus.OVERDUE):
                wanted.append(o)
        return tuple(sorted(wanted, key=lambda o: (o.due_on or first, o.procurement_id)))
