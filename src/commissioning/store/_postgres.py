"""The shared event store: PostgreSQL through psycopg 3 (the ``postgres`` extra), imported lazily."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._errors import InvalidInputType, Problem, VersionConflict
from ._base import Row, SQLEventStore
from ._codec import SCHEMA_VERSION, PendingAppend, check_prefix, check_same_type
from ._errors import StoreSchemaError

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
        self._events = f"{prefix}events"
        self._streams = f"{prefix}streams"
        self._meta = f"{prefix}meta"
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
        statements = (
            f"CREATE TABLE IF NOT EXISTS {self._streams} ("
            " stream_id TEXT PRIMARY KEY,"
            " aggregate_type TEXT NOT NULL,"
            " version INTEGER NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self._streams}_by_type"
            f" ON {self._streams} (aggregate_type, stream_id)",
            f"CREATE TABLE IF NOT EXISTS {self._events} ("
            " position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            " stream_id TEXT NOT NULL,"
            " version INTEGER NOT NULL,"
            " occurred_us BIGINT NOT NULL,"
            " format_version INTEGER NOT NULL,"
            " record TEXT NOT NULL,"
            " UNIQUE (stream_id, version))",
            f"CREATE TABLE IF NOT EXISTS {self._meta} ("
            " key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        )
        with self._lock, self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self._events,))
            for statement in statements:
                cur.execute(statement)  # type: ignore[arg-type]  # names checked by check_prefix
            cur.execute(
                f"INSERT INTO {self._meta} (key, value) VALUES ('schema_version', %s)"  # type: ignore[arg-type]
                " ON CONFLICT (key) DO NOTHING",
                (SCHEMA_VERSION,),
            )
            cur.execute(f"SELECT value FROM {self._meta} WHERE key = 'schema_version'")  # type: ignore[arg-type]
            row = cur.fetchone()
            found = SCHEMA_VERSION if row is None else int(row[0])
            if found > SCHEMA_VERSION:
                raise StoreSchemaError(found=found, supported=SCHEMA_VERSION)

    def _write(self, pending: PendingAppend) -> None:
        with self._conn.transaction(), self._conn.cursor() as cur:
            # EXCLUSIVE mode conflicts with every other appender's lock but not with
            # readers: appends commit one at a time, so positions grow in commit order.
            cur.execute(f"LOCK TABLE {self._events} IN EXCLUSIVE MODE")  # type: ignore[arg-type]
            if pending.expected == 0:
                cur.execute(
                    f"INSERT INTO {self._streams} (stream_id, aggregate_type, version)"  # type: ignore[arg-type]
                    " VALUES (%s, %s, %s) ON CONFLICT (stream_id) DO NOTHING"
                    " RETURNING aggregate_type",
                    (pending.stream_id, pending.aggregate_type, pending.new_version),
                )
            else:
                cur.execute(
                    f"UPDATE {self._streams} SET version = %s"  # type: ignore[arg-type]
                    " WHERE stream_id = %s AND version = %s RETURNING aggregate_type",
                    (pending.new_version, pending.stream_id, pending.expected),
                )
            row = cur.fetchone()
            if row is None:
                found = self._select_version(pending.stream_id)
                actual = 0 if found is None else found[0]
                raise VersionConflict(pending.stream_id, pending.expected, actual)
            check_same_type(pending, row[0])
            cur.executemany(
                f"INSERT INTO {self._events}"  # type: ignore[arg-type]
                " (stream_id, version, occurred_us, format_version, record)"
                " VALUES (%s, %s, %s, %s, %s)",
                pending.rows,
            )

    def _select_version(self, stream_id: str) -> tuple[int, str] | None:
        row = self._conn.execute(
            f"SELECT version, aggregate_type FROM {self._streams} WHERE stream_id = %s",  # type: ignore[arg-type]
            (stream_id,),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def _select_stream(
        self, stream_id: str, last_version: int | None, last_micros: int | None
    ) -> Sequence[Row]:
        sql = f"SELECT stream_id, version, format_version, record FROM {self._events} WHERE stream_id = %s"
        params: list[Any] = [stream_id]
        if last_version is not None:
            sql += " AND version <= %s"
            params.append(last_version)
        if last_micros is not None:
            sql += " AND occurred_us <= %s"
            params.append(last_micros)
        return self._conn.execute(sql + " ORDER BY version", params).fetchall()  # type: ignore[arg-type,return-value]

    def _select_streams(self, aggregate_type: str | None) -> Sequence[tuple[str]]:
        if aggregate_type is None:
            return self._conn.execute(
                f"SELECT stream_id FROM {self._streams} ORDER BY stream_id"  # type: ignore[arg-type]
            ).fetchall()
        return self._conn.execute(
            f"SELECT stream_id FROM {self._streams} WHERE aggregate_type = %s ORDER BY stream_id",  # type: ignore[arg-type]
            (aggregate_type,),
        ).fetchall()

    def _select_feed(
        self, position: int, limit: int
    ) -> Sequence[tuple[int, str, str, int, Any, Any]]:
        return self._conn.execute(
            f"SELECT e.position, s.aggregate_type, e.stream_id, e.version, e.format_version, e.record"  # type: ignore[arg-type]
            f" FROM {self._events} AS e JOIN {self._streams} AS s ON s.stream_id = e.stream_id"
            " WHERE e.position > %s ORDER BY e.position LIMIT %s",
            (position, limit),
        ).fetchall()

    def _select_last_position(self) -> int:
        row = self._conn.execute(f"SELECT MAX(position) FROM {self._events}").fetchone()  # type: ignore[arg-type]
        return 0 if row is None or row[0] is None else int(row[0])

    def _close(self) -> None:
        self._conn.close()
