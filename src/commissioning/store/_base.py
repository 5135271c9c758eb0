"""What both stores share: the public operations, built on a handful of SQL primitives."""

from __future__ import annotations

import abc
import contextlib
import threading
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar, runtime_checkable

from .._errors import VersionConflict
from ..machine import EventRecord
from ._codec import (
    STORE_SCHEMA_VERSION,
    FeedEntry,
    PendingAppend,
    check_limit,
    check_position,
    check_same_type,
    check_stream_id,
    decode_row,
    prepare_append,
    rebuild_from,
    stream_bounds,
    type_name,
)
from ._errors import StoreSchemaError
from ._sql import Statements

__all__ = ["Cursor", "EventStore", "SQLEventStore"]

A = TypeVar("A")


@runtime_checkable
class EventStore(Protocol):
    """What every event store does; [`SQLiteEventStore`][commissioning.store.SQLiteEventStore] and [`PostgresEventStore`][commissioning.store.PostgresEventStore] both do it.

    Streams hold one aggregate's records, versions 1, 2, 3... Appends are atomic
    and optimistic: the expected version must be the stream's version, or
    [`VersionConflict`][commissioning.VersionConflict] is raised and nothing is written.
    Every record also has a global *position*, growing in commit order, for
    projections reading the whole store ([`read_after`][commissioning.store.EventStore.read_after]).
    """

    def create_schema(self) -> None:
        """Create the tables if they do not exist (safe to call again)."""

    def append(
        self,
        records: Iterable[EventRecord] | EventRecord,
        *,
        expected_version: int | None = None,
        aggregate_type: type | str | None = None,
    ) -> None:
        """Append one stream's records atomically if the stream is at ``expected_version``."""

    def version(self, stream_id: str) -> int:
        """The stream's current version (0 for a stream that does not exist)."""

    def load(
        self, stream_id: str, *, up_to_version: int | None = None, as_of: Any = None
    ) -> tuple[EventRecord, ...]:
        """The stream's records in version order, optionally only up to a version or a moment."""

    def rebuild(
        self,
        aggregate_class: type[A],
        stream_id: str,
        *,
        up_to_version: int | None = None,
        as_of: Any = None,
        **resolvers: Any,
    ) -> A:
        """Load the stream and rebuild the aggregate with ``aggregate_class.replay``."""

    def streams(self, *, aggregate_type: type | str | None = None) -> tuple[str, ...]:
        """The ids of the stored streams, sorted, optionally only those of one aggregate type."""

    def aggregate_type(self, stream_id: str) -> str | None:
        """The aggregate type stored with the stream (``None`` for a stream that does not exist)."""

    def read_after(self, position: int = 0, *, limit: int = 1000) -> tuple[FeedEntry, ...]:
        """Up to ``limit`` records with positions after ``position``, in position order."""

    def last_position(self) -> int:
        """The highest committed position (0 for an empty store)."""

    def close(self) -> None:
        """Release the store's connection."""


class Cursor(Protocol):
    """The part of a DB-API cursor the stores use (``sqlite3`` and psycopg alike)."""

    @property
    def rowcount(self) -> int:
        """Rows changed by the last statement."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any:
        """Run one statement."""

    def executemany(self, sql: Any, params: Any, /) -> Any:
        """Run one statement once per parameter tuple."""

    def fetchone(self) -> Any:
        """The next row, or ``None``."""


class SQLEventStore(abc.ABC):
    """The operations of [`EventStore`][commissioning.store.EventStore], checked once here, over one SQL connection.

    A subclass opens the connection, builds its `Statements` and
    says how a write transaction begins and ends; everything else is shared,
    so both stores behave the same by construction.
    """

    _sql: Statements

    def __init__(self) -> None:
        self._lock = threading.RLock()

    @abc.abstractmethod
    def create_schema(self) -> None:
        """Create the tables if they do not exist (safe to call again, from several processes)."""

    @abc.abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager[Cursor]:
        """A write transaction: commit on success, roll back on any exception."""

    @abc.abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one read-only statement outside any write transaction; return every row."""

    @abc.abstractmethod
    def _close(self) -> None: ...

    def _check_schema_version(self, cur: Cursor) -> None:
        cur.execute(self._sql.set_schema_version, (STORE_SCHEMA_VERSION,))
        cur.execute(self._sql.get_schema_version)
        row = cur.fetchone()
        found = STORE_SCHEMA_VERSION if row is None else int(row[0])
        if found > STORE_SCHEMA_VERSION:
            raise StoreSchemaError(found=found, supported=STORE_SCHEMA_VERSION)

    def _write(self, pending: PendingAppend) -> None:
        sql = self._sql
        with self._transaction() as cur:
            if sql.lock_events is not None:
                # PostgreSQL: EXCLUSIVE mode conflicts with every other appender but not
                # with readers, so appends commit one at a time and positions grow in
                # commit order (SQLite's BEGIN IMMEDIATE already did the same).
                cur.execute(sql.lock_events)
            if pending.expected == 0:
                cur.execute(
                    sql.insert_stream,
                    (pending.stream_id, pending.aggregate_type, pending.new_version),
                )
            else:
                cur.execute(
                    sql.advance_stream,
                    (
                        pending.new_version,
                        pending.stream_id,
                        pending.expected,
                        pending.aggregate_type,
                    ),
                )
            if cur.rowcount != 1:
                cur.execute(sql.select_stream_row, (pending.stream_id,))
                found = cur.fetchone()
                actual = 0 if found is None else int(found[0])
                if actual != pending.expected:
                    raise VersionConflict(pending.stream_id, pending.expected, actual)
                check_same_type(pending, found[1])
            cur.executemany(sql.insert_events, pending.rows)

    def _select_version(self, stream_id: str) -> tuple[int, str] | None:
        rows = self._query(self._sql.select_stream_row, (stream_id,))
        return None if not rows else (int(rows[0][0]), str(rows[0][1]))

    # --- the public operations ---------------------------------------------------------

    def append(
        self,
        records: Iterable[EventRecord] | EventRecord,
        *,
        expected_version: int | None = None,
        aggregate_type: type | str | None = None,
    ) -> None:
        """Append one stream's records atomically, if the stream is at ``expected_version``.

        ``expected_version`` defaults to the version just before the first
        record (what the aggregate was at when the command ran). A new stream
        (expected version 0) needs ``aggregate_type``: a class (stored as its
        ``module.qualname``) or a name. All records are written in one
        transaction or none is.

        Raises:
            VersionConflict: the stream is not at the expected version; nothing written.
            InvalidInput: the records are not one stream's consecutive records, or
                the arguments are of the wrong kind; nothing written.
        """
        pending = prepare_append(records, expected_version, aggregate_type)
        with self._lock:
            self._write(pending)

    def version(self, stream_id: str) -> int:
        """The stream's current version: 0 when there is no such stream."""
        sid = check_stream_id(stream_id)
        with self._lock:
            found = self._select_version(sid)
        return 0 if found is None else found[0]

    def aggregate_type(self, stream_id: str) -> str | None:
        """The aggregate type stored with the stream; ``None`` when there is no such stream."""
        sid = check_stream_id(stream_id)
        with self._lock:
            found = self._select_version(sid)
        return None if found is None else found[1]

    def load(
        self, stream_id: str, *, up_to_version: int | None = None, as_of: Any = None
    ) -> tuple[EventRecord, ...]:
        """The stream's records in version order (``()`` for an unknown stream).

        ``up_to_version`` keeps versions up to and including it; ``as_of`` (an
        aware moment) keeps records that had occurred by then.

        Raises:
            UnreadableRecord: a row cannot be read back (names stream, version and position).
        """
        sid, last, moment = stream_bounds(stream_id, up_to_version, as_of)
        sql = self._sql.select_records
        params: list[Any] = [sid]
        if last is not None:
            sql += self._sql.and_version_at_most
            params.append(last)
        if moment is not None:
            sql += self._sql.and_occurred_by
            params.append(moment)
        with self._lock:
            rows = self._query(sql + self._sql.order_by_version, params)
        return tuple(
            decode_row(text, stream_id=sid, version=v, position=None, format_version=fv)
            for _, v, fv, text in rows
        )

    def rebuild(
        self,
        aggregate_class: type[A],
        stream_id: str,
        *,
        up_to_version: int | None = None,
        as_of: Any = None,
        **resolvers: Any,
    ) -> A:
        """Load the stream and rebuild it with ``aggregate_class.replay(records, **resolvers)``.

        Raises:
            UnknownStream: there is no such stream (or nothing up to the bound).
            UnreadableRecord: a row cannot be read, or the history does not fit
                the aggregate (names the stream and the version).
        """
        records = self.load(stream_id, up_to_version=up_to_version, as_of=as_of)
        return rebuild_from(aggregate_class, stream_id, records, resolvers)  # type: ignore[no-any-return]

    def streams(self, *, aggregate_type: type | str | None = None) -> tuple[str, ...]:
        """The ids of the stored streams, sorted; only those of ``aggregate_type`` when given."""
        kind = type_name(aggregate_type)
        with self._lock:
            if kind is None:
                rows = self._query(self._sql.select_streams)
            else:
                rows = self._query(self._sql.select_streams_of_type, (kind,))
        return tuple(r[0] for r in rows)

    def read_after(self, position: int = 0, *, limit: int = 1000) -> tuple[FeedEntry, ...]:
        """Up to ``limit`` committed records with a position greater than ``position``, in order.

        Start at 0 and pass the last entry's position back in to page through
        the whole store; see the store reference for the guarantee about gaps.

        Raises:
            UnreadableRecord: a row cannot be read back (names stream, version and position).
        """
        after = check_position(position)
        page = check_limit(limit)
        with self._lock:
            rows = self._query(self._sql.select_feed, (after, page))
        return tuple(
            FeedEntry(
                pos,
                kind,
                decode_row(text, stream_id=sid, version=v, position=pos, format_version=fv),
            )
            for pos, kind, sid, v, fv, text in rows
        )

    def last_position(self) -> int:
        """The highest committed position; 0 for an empty store."""
        with self._lock:
            rows = self._query(self._sql.select_last_position)
        return 0 if not rows or rows[0][0] is None else int(rows[0][0])

    def close(self) -> None:
        """Close the store's connection; the store cannot be used afterwards."""
        with self._lock:
            self._close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
