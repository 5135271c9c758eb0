"""The embedded event store: one SQLite file (or ``:memory:``), standard library only."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from ._base import Cursor, SQLEventStore
from ._codec import check_prefix
from ._sql import statements

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
        self._sql = statements(prefix, "sqlite")
        self._conn = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        try:
            if self.path != ":memory:":
                _use_wal(self._conn, timeout)
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
        with self._lock, self._transaction() as cur:
            for statement in self._sql.create:
                cur.execute(statement)
            self._check_schema_version(cur)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        cur = self._conn.cursor()
        # BEGIN IMMEDIATE takes the database's write lock now: appends are
        # serialised, so positions are handed out in commit order.
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._conn.execute(sql, params).fetchall()

    def _close(self) -> None:
        self._conn.close()


def _use_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Put the database in WAL mode, waiting up to ``timeout`` seconds for other openers.

    Switching a new database to WAL needs an exclusive lock, and SQLite
    reports "database is locked" at once, without calling the busy handler,
    when another connection opens the same new file at that moment (several
    threads or processes starting together). So the switch is retried with a
    short back-off until the timeout; a database already in WAL mode needs no
    switch and no lock.
    """
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        else:
            return
