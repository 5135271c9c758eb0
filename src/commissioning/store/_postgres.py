"""The shared event store: PostgreSQL through psycopg 3 (the ``postgres`` extra), imported lazily."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import InvalidInputType, Problem
from ._base import Cursor, SQLEventStore
from ._codec import check_prefix
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

    Same behaviour as :class:`SQLiteEventStore`. Each store holds one
    connection (its threads take turns); open one store per process or per
    worker. Appends take ``LOCK TABLE ... IN EXCLUSIVE MODE`` on the events
    table, so appends are serialised and positions are handed out in commit
    order (reads are never blocked); see the store reference for what that
    guarantees to projections.

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

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._conn.execute(sql, params).fetchall()

    def _close(self) -> None:
        self._conn.close()
