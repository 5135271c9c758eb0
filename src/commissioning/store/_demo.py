"""The worked example's store section: aggregates kept in a SQLite store, reloaded and replayed.

``python -m commissioning demo`` calls `store_section` with the demo's
cycle and procurement (each with the resolvers its ``replay`` needs).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from ..machine import EventRecord
from ._base import EventStore
from ._codec import type_name
from ._sqlite import SQLiteEventStore

__all__ = ["history_of", "store_and_reload", "store_section"]


def history_of(aggregate: Any) -> tuple[EventRecord, ...]:
    """An aggregate's records: ``history`` when it is the records, else ``records`` (older shape)."""
    history = getattr(aggregate, "history", None)
    if isinstance(history, tuple) and all(isinstance(r, EventRecord) for r in history):
        return history
    return tuple(aggregate.records)


def store_and_reload(store: EventStore, aggregate: Any, **resolvers: Any) -> Any:
    """Append the aggregate's whole history as a new stream, then rebuild it from the store.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        >>> case, _ = d.start("case-1", at=t).fire("close", at=t, actor="ann")
        >>> with SQLiteEventStore(":memory:") as store:
        ...     store_and_reload(store, case, definition=d) == case
        True
    """
    records = history_of(aggregate)
    store.append(records, expected_version=0, aggregate_type=type(aggregate))
    return store.rebuild(type(aggregate), records[0].stream_id, **resolvers)


def store_section(
    aggregates: Iterable[tuple[Any, Mapping[str, Any]]],
    *,
    path: str | os.PathLike[str] = ":memory:",
) -> str:
    """The demo's report: each aggregate stored, reloaded and replayed, and whether it came back equal.

    ``aggregates`` pairs each aggregate with the keyword arguments its
    ``replay`` needs (``{}`` for a procurement or a commissioning cycle, whose
    first record holds what rebuilds it; ``{"definition": d}`` for an engine
    instance).
    """
    where = "in memory" if os.fspath(path) == ":memory:" else f"in {os.fspath(path)}"
    out = [f"== Kept in a SQLite event store ({where}), reloaded and replayed =="]
    kinds: dict[str, None] = {}
    with SQLiteEventStore(path) as store:
        for aggregate, resolvers in aggregates:
            reloaded = store_and_reload(store, aggregate, **resolvers)
            records = history_of(aggregate)
            kind = type_name(type(aggregate))
            assert kind is not None  # noqa: S101 - a class always has a name
            kinds[kind] = None
            state = getattr(reloaded, "state", None)
            out.append(
                f"{kind} {records[0].stream_id!r}: {len(records)} records appended, "
                f"reloaded at version {store.version(records[0].stream_id)}"
                + (f" in state {state!r}" if isinstance(state, str) else "")
                + f"; replayed equal to the original: {reloaded == aggregate}"
            )
        listing = "; ".join(f"{k}: {', '.join(store.streams(aggregate_type=k))}" for k in kinds)
        out.append(
            f"The store's feed holds {store.last_position()} records in commit order. "
            f"Streams by type: {listing}."
        )
    return "\n".join(out)
