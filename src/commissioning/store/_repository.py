"""Load -> command -> append in one call: the repository over any event store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from ..machine import EventRecord
from ._base import EventStore
from ._codec import type_name

__all__ = ["Repository"]

A = TypeVar("A")


class Repository(Generic[A]):
    """One aggregate class's streams in one store: rebuild, run a command, append what it recorded.

    Every aggregate has ``replay(records, **resolvers)``, ``version`` and
    ``history``; every command returns ``(new_aggregate, records)``. The
    repository stores the records with the version the command started from,
    so a concurrent writer makes [`execute`][commissioning.store.Repository.execute] raise
    [`VersionConflict`][commissioning.VersionConflict] (nothing written). Retrying is the
    caller's decision: reload and decide again (see the store how-to).

    Args:
        store: any [`EventStore`][commissioning.store.EventStore].
        aggregate_class: the class whose ``replay`` rebuilds a stream; its
            ``module.qualname`` is the aggregate type stored with new streams.
        resolvers: keyword arguments for ``replay`` (``definition=`` for an engine
            ``Instance``).
    """

    def __init__(self, store: EventStore, aggregate_class: type[A], **resolvers: Any) -> None:
        self.store = store
        self.aggregate_class = aggregate_class
        self.aggregate_type = type_name(aggregate_class)
        self.resolvers = resolvers

    def __repr__(self) -> str:
        return f"Repository({self.store!r}, {self.aggregate_type})"

    def get(self, stream_id: str, *, as_of: Any = None) -> A:
        """The aggregate rebuilt from its stream (as it was at ``as_of``, when given).

        Raises:
            UnknownStream: there is no such stream.
            UnreadableRecord: a stored record cannot be read or does not fit.
        """
        return self.store.rebuild(self.aggregate_class, stream_id, as_of=as_of, **self.resolvers)

    def add(self, created: tuple[A, Iterable[EventRecord] | EventRecord]) -> A:
        """Store a new aggregate's first records (what ``start``/``create`` returned); return it.

        Raises:
            VersionConflict: a stream with that id already exists; nothing written.
        """
        aggregate, records = created
        self.store.append(records, expected_version=0, aggregate_type=self.aggregate_class)
        return aggregate

    def execute(
        self,
        stream_id: str,
        command: Callable[[A], tuple[A, Iterable[EventRecord] | EventRecord]],
    ) -> tuple[A, tuple[EventRecord, ...]]:
        """Rebuild the stream, run ``command`` on it, append its records; return both.

        ``command`` receives the current aggregate and returns what a domain
        command returns, ``(new_aggregate, records)`` (a single record is accepted
        too, for commands not yet returning a tuple). Records are appended
        with the version the aggregate was at; no records, nothing appended.

        Raises:
            VersionConflict: another writer appended since the rebuild; nothing written.
            UnknownStream: there is no such stream.
        """
        current = self.get(stream_id)
        new, records = command(current)
        batch = (records,) if isinstance(records, EventRecord) else tuple(records)
        if batch:
            self.store.append(
                batch,
                expected_version=current.version,  # type: ignore[attr-defined]  # every aggregate has a version
                aggregate_type=self.aggregate_class,
            )
        return new, batch
