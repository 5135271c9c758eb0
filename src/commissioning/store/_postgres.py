"""The shared event store: PostgreSQL through psycopg 3 (the ``postgres`` extra), imported lazily."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import InvalidInputType, Problem, VersionConflict
from ._base import Cursor, SQLEventStore
from ._codec import PendingAppend, check_prefix, check_same_type
from ._sql import statements

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresEventStore"]


def _psycopg() -> Any:
    try:
        import psycopg  # noqa: PLC0415 - optional dependency, imported only when a store is opened
    except ImportError as error:  # pragma: no cover - the test extra installs psycopg
        raise ImportError(
            "PostgresEventStore needs psycopg 3: pip install 'commissioning[postgres]'"
        ) from error
    return psycopg


class PostgresEventStore(SQLEventStore):
    """An event store in a PostgreSQL database, for several application servers sharing it.

    Same behaviour as [`SQLiteEventStore`][commissioning.store.SQLiteEventStore]. Each store holds one
    connection (its threads take turns); open one store per process or per
    worker. Appends take ``LOCK TABLE ... IN EXCLUSIVE MODE`` on the events
    table, so appends are serialised and positions are handed out in commit
    order (reads are never blocked); see the store reference for what that
    guarantees to projections. The statements of an append are pipelined: one
    network round trip per append.

    Args:
        conninfo: a libpq connection string or URL (``"postgresql://user@host/db"``).
        table_prefix: prefix of the three tables.
        create_schema: create the tables if missing (idempotent).
        connect_kwargs: passed to ``psycopg.connect``.
    """

    def __init__(
        self,
        conninfo: str,
        *,
        table_prefix: str = "commissioning_",
        create_schema: bool = True,
        **connect_kwargs: Any,
    ) -> None:
        super().__init__()
        prefix = check_prefix(table_prefix)
        if not isinstance(conninfo, str):
            raise InvalidInputType(
                [Problem("conninfo", "a libpq connection string or URL", conninfo, "type")]
            )
        self._sql = statements(prefix, "postgres")
        self._prefix = prefix
        connect_kwargs.setdefault("autocommit", True)
        self._conn: psycopg.Connection[Any] = _psycopg().connect(conninfo, **connect_kwargs)
        try:
            if create_schema:
                self.create_schema()
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresEventStore(<{self._conn.info.dbname}>, table_prefix={self._prefix!r})"

    def create_schema(self) -> None:
        """Create the tables and indexes if they do not exist; check the schema version.

        Safe to call again and from several servers at once (a transaction-level
        advisory lock keeps concurrent creators apart).

        Raises:
            StoreSchemaError: the database was laid out by a newer release.
        """
        with self._lock, self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self._sql.events,))
            for statement in self._sql.create:
                cur.execute(statement)
            self._check_schema_version(cur)

    def _write(self, pending: PendingAppend) -> None:
        """One append in one network round trip: the statements are pipelined.

        The stream check fails the transaction (division by zero) when the stream
        is not at the expected version, so nothing after it runs and nothing is
        written; the conflict is then diagnosed with a read, outside the transaction.
        """
        sql = self._sql
        # The postgres dialect always has these three statements.
        assert sql.lock_events is not None  # noqa: S101 - see above
        assert sql.insert_stream_or_fail is not None  # noqa: S101 - see above
        assert sql.advance_stream_or_fail is not None  # noqa: S101 - see above
        try:
            with self._conn.pipeline(), self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute(sql.lock_events)
                if pending.expected == 0:
                    cur.execute(
                        sql.insert_stream_or_fail,
                        (pending.stream_id, pending.aggregate_type, pending.new_version),
                    )
                else:
                    cur.execute(
                        sql.advance_stream_or_fail,
                        (
                            pending.new_version,
                            pending.stream_id,
                            pending.expected,
                            pending.aggregate_type,
                        ),
                    )
                cur.executemany(sql.insert_events, pending.rows)
        except _psycopg().errors.DivisionByZero:
            found = self._select_version(pending.stream_id)
            actual = 0 if found is None else found[0]
            if found is None or actual != pending.expected:
                raise VersionConflict(pending.stream_id, pending.expected, actual) from None
            check_same_type(pending, found[1])
            raise

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._conn.execute(sql, params).fetchall()

    def _close(self) -> None:
        self._conn.close()
