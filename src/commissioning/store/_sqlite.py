"""The embedded event store: one SQLite file (or ``:memory:``), standard library only."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem, VersionConflict
from ._base import Row, SQLEventStore
from ._codec import SCHEMA_VERSION, PendingAppend, check_prefix, check_same_type
from ._errors import StoreSchemaError

__all__ = ["SQLiteEventStore"]

_SYNCHRONOUS = ("OFF", "NORMAL", "FULL", "EXTRA")


class SQLiteEventStore(SQLEventStore):
    """An event store in one SQLite database: the embedded default.

    A file is opened in WAL mode (readers never wait for the writer) with a
    busy timeout, so several threads of a process (they share one connection,
    one operation at a time) and several processes on one machine (each opens
    its own store) can use it at once. ``":memory:"`` keeps everything in this
    process, for tests and notebooks.

    Args:
        path: a file path, or ``":memory:"``.
        table_prefix: prefix of the three tables (``commissioning_events``,
            ``commissioning_streams``, ``commissioning_meta``).
        timeout: seconds to wait for another process's write to finish.
        synchronous: SQLite's ``synchronous`` setting: ``"FULL"`` (the default:
            a committed append survives power loss) or ``"NORMAL"`` (faster; in
            WAL mode it survives a crash of the application but the last commits
            may be lost on power loss).
        create_schema: create the tables if missing (idempotent).

    Examples:
        >>> store = SQLiteEventStore(":memory:")
        >>> store.streams(), store.last_position()
        ((), 0)
        >>> store.close()
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = ":memory:",
        *,
        table_prefix: str = "commissioning_",
        timeout: float = 30.0,
        synchronous: str = "FULL",
        create_schema: bool = True,
    ) -> None:
        super().__init__()
        prefix = check_prefix(table_prefix)
        if synchronous not in _SYNCHRONOUS:
            raise InvalidInput.of("synchronous", " or ".join(map(repr, _SYNCHRONOUS)), synchronous)
        if not isinstance(path, (str, os.PathLike)):
            raise InvalidInputType([Problem("path", "a file path or ':memory:'", path, "type")])
        self.path = os.fspath(path)
        self._events = f"{prefix}events"
        self._streams = f"{prefix}streams"
        self._meta = f"{prefix}meta"
        self._conn = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        try:
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(f"PRAGMA synchronous={synchronous}")
            if create_schema:
                self.create_schema()
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"SQLiteEventStore({self.path!r})"

    def create_schema(self) -> None:
        """Create the tables and indexes if they do not exist; check the schema version.

        Safe to call again and from several processes at once.

        Raises:
            StoreSchemaError: the database was laid out by a newer release.
        """
        statements = (
            f"CREATE TABLE IF NOT EXISTS {self._streams} ("
            " stream_id TEXT PRIMARY KEY NOT NULL,"
            " aggregate_type TEXT NOT NULL,"
            " version INTEGER NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self._streams}_by_type"
            f" ON {self._streams} (aggregate_type, stream_id)",
            f"CREATE TABLE IF NOT EXISTS {self._events} ("
            " position INTEGER PRIMARY KEY,"
            " stream_id TEXT NOT NULL,"
            " version INTEGER NOT NULL,"
            " occurred_us INTEGER NOT NULL,"
            " format_version INTEGER NOT NULL,"
            " record TEXT NOT NULL,"
            " UNIQUE (stream_id, version))",
            f"CREATE TABLE IF NOT EXISTS {self._meta} ("
            " key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)",
        )
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements:
                    cur.execute(statement)
                cur.execute(
                    f"INSERT OR IGNORE INTO {self._meta} (key, value) VALUES ('schema_version', ?)",
                    (SCHEMA_VERSION,),
                )
                (found,) = cur.execute(
                    f"SELECT value FROM {self._meta} WHERE key = 'schema_version'"
                ).fetchone()
                if found > SCHEMA_VERSION:
                    raise StoreSchemaError(found=found, supported=SCHEMA_VERSION)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise

    def _write(self, pending: PendingAppend) -> None:
        cur = self._conn.cursor()
        # BEGIN IMMEDIATE takes the database's write lock now: appends are
        # serialised, so positions are handed out in commit order.
        cur.execute("BEGIN IMMEDIATE")
        try:
            found = cur.execute(
                f"SELECT version, aggregate_type FROM {self._streams} WHERE stream_id = ?",
                (pending.stream_id,),
            ).fetchone()
            actual = 0 if found is None else found[0]
            if actual != pending.expected:
                raise VersionConflict(pending.stream_id, pending.expected, actual)
            if found is None:
                cur.execute(
                    f"INSERT INTO {self._streams} (stream_id, aggregate_type, version)"
                    " VALUES (?, ?, ?)",
                    (pending.stream_id, pending.aggregate_type, pending.new_version),
                )
            else:
                check_same_type(pending, found[1])
                cur.execute(
                    f"UPDATE {self._streams} SET version = ? WHERE stream_id = ?",
                    (pending.new_version, pending.stream_id),
                )
            cur.executemany(
                f"INSERT INTO {self._events}"
                " (stream_id, version, occurred_us, format_version, record)"
                " VALUES (?, ?, ?, ?, ?)",
                pending.rows,
            )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _select_version(self, stream_id: str) -> tuple[int, str] | None:
        row = self._conn.execute(
            f"SELECT version, aggregate_type FROM {self._streams} WHERE stream_id = ?",
            (stream_id,),
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def _select_stream(
        self, stream_id: str, last_version: int | None, last_micros: int | None
    ) -> Sequence[Row]:
        sql = f"SELECT stream_id, version, format_version, record FROM {self._events} WHERE stream_id = ?"
        params: list[Any] = [stream_id]
        if last_version is not None:
            sql += " AND version <= ?"
            params.append(last_version)
        if last_micros is not None:
            sql += " AND occurred_us <= ?"
            params.append(last_micros)
        return self._conn.execute(sql + " ORDER BY version", params).fetchall()

    def _select_streams(self, aggregate_type: str | None) -> Sequence[tuple[str]]:
        if aggregate_type is None:
            return self._conn.execute(
                f"SELECT stream_id FROM {self._streams} ORDER BY stream_id"
            ).fetchall()
        return self._conn.execute(
            f"SELECT stream_id FROM {self._streams} WHERE aggregate_type = ? ORDER BY stream_id",
            (aggregate_type,),
        ).fetchall()

    def _select_feed(
        self, position: int, limit: int
    ) -> Sequence[tuple[int, str, str, int, Any, Any]]:
        return self._conn.execute(
            f"SELECT e.position, s.aggregate_type, e.stream_id, e.version, e.format_version, e.record"
            f" FROM {self._events} AS e JOIN {self._streams} AS s ON s.stream_id = e.stream_id"
            " WHERE e.position > ? ORDER BY e.position LIMIT ?",
            (position, limit),
        ).fetchall()

    def _select_last_position(self) -> int:
        (found,) = self._conn.execute(f"SELECT MAX(position) FROM {self._events}").fetchone()
        return 0 if found is None else int(found)

    def _close(self) -> None:
        self._conn.close()

