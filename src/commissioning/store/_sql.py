"""Every SQL statement the stores run, built once per store from its checked table prefix.

Table names cannot be query parameters, so they are the one part of the SQL
built from text: the prefix is checked by ``check_prefix`` (lower-case letters,
digits, ``_``) before it gets here. Every value is a parameter.
"""

from __future__ import annotations

import attrs

__all__ = ["Statements", "statements"]


@attrs.frozen
class Statements:
    """The SQL of one store (one dialect, one table prefix)."""

    events: str
    create: tuple[str, ...]
    set_schema_version: str
    get_schema_version: str
    lock_events: str | None
    select_stream_row: str
    insert_stream: str
    advance_stream: str
    insert_events: str
    #: PostgreSQL: the stream checks above as one statement that fails (division by
    #: zero) when no row matched, so that a whole append can be pipelined.
    insert_stream_or_fail: str | None
    advance_stream_or_fail: str | None
    select_records: str
    and_version_at_most: str
    and_occurred_by: str
    order_by_version: str
    select_streams: str
    select_streams_of_type: str
    select_feed: str
    select_last_position: str


def statements(prefix: str, dialect: str) -> Statements:
    """The statements for tables named ``{prefix}events`` etc. in ``"sqlite"`` or ``"postgres"``."""
    p = "?" if dialect == "sqlite" else "%s"
    events, streams, meta = f"{prefix}events", f"{prefix}streams", f"{prefix}meta"
    position = (
        "position INTEGER PRIMARY KEY"
        if dialect == "sqlite"
        else "position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    )
    micros = "INTEGER" if dialect == "sqlite" else "BIGINT"
    # S608 (SQL built from text) is silenced below: names come from a checked prefix and
    # every value is a parameter.
    return Statements(
        events=events,
        create=(
            (
                f"CREATE TABLE IF NOT EXISTS {streams} (stream_id TEXT PRIMARY KEY NOT NULL,"
                " aggregate_type TEXT NOT NULL, version INTEGER NOT NULL)"
            ),
            f"CREATE INDEX IF NOT EXISTS {streams}_by_type ON {streams} (aggregate_type, stream_id)",
            (
                f"CREATE TABLE IF NOT EXISTS {events} ({position}, stream_id TEXT NOT NULL,"
                f" version INTEGER NOT NULL, occurred_us {micros} NOT NULL,"
                " format_version INTEGER NOT NULL, record TEXT NOT NULL,"
                " UNIQUE (stream_id, version))"
            ),
            (
                f"CREATE TABLE IF NOT EXISTS {meta} (key TEXT PRIMARY KEY NOT NULL,"
                " value INTEGER NOT NULL)"
            ),
        ),
        set_schema_version=(
            f"INSERT INTO {meta} (key, value) VALUES ('schema_version', {p})"  # noqa: S608 - see above
            " ON CONFLICT (key) DO NOTHING"
        ),
        get_schema_version=f"SELECT value FROM {meta} WHERE key = 'schema_version'",  # noqa: S608 - see above
        lock_events=None if dialect == "sqlite" else f"LOCK TABLE {events} IN EXCLUSIVE MODE",
        select_stream_row=f"SELECT version, aggregate_type FROM {streams} WHERE stream_id = {p}",  # noqa: S608 - see above
        insert_stream=(
            f"INSERT INTO {streams} (stream_id, aggregate_type, version) VALUES ({p}, {p}, {p})"  # noqa: S608 - see above
            " ON CONFLICT (stream_id) DO NOTHING"
        ),
        advance_stream=(
            f"UPDATE {streams} SET version = {p} WHERE stream_id = {p} AND version = {p}"  # noqa: S608 - see above
            f" AND aggregate_type = COALESCE({p}, aggregate_type)"
        ),
        insert_stream_or_fail=None
        if dialect == "sqlite"
        else (
            f"WITH changed AS (INSERT INTO {streams} (stream_id, aggregate_type, version)"  # noqa: S608 - see above
            f" VALUES ({p}, {p}, {p}) ON CONFLICT (stream_id) DO NOTHING RETURNING 1)"
            " SELECT 1 / (SELECT COUNT(*) FROM changed)::integer"
        ),
        advance_stream_or_fail=None
        if dialect == "sqlite"
        else (
            f"WITH changed AS (UPDATE {streams} SET version = {p}"  # noqa: S608 - see above
            f" WHERE stream_id = {p} AND version = {p}"
            f" AND aggregate_type = COALESCE({p}, aggregate_type) RETURNING 1)"
            " SELECT 1 / (SELECT COUNT(*) FROM changed)::integer"
        ),
        insert_events=(
            f"INSERT INTO {events} (stream_id, version, occurred_us, format_version, record)"  # noqa: S608 - see above
            f" VALUES ({p}, {p}, {p}, {p}, {p})"
        ),
        select_records=(
            f"SELECT stream_id, version, format_version, record FROM {events} WHERE stream_id = {p}"  # noqa: S608 - see above
        ),
        and_version_at_most=f" AND version <= {p}",
        and_occurred_by=f" AND occurred_us <= {p}",
        order_by_version=" ORDER BY version",
        select_streams=f"SELECT stream_id FROM {streams} ORDER BY stream_id",  # noqa: S608 - see above
        select_streams_of_type=(
            f"SELECT stream_id FROM {streams} WHERE aggregate_type = {p} ORDER BY stream_id"  # noqa: S608 - see above
        ),
        select_feed=(
            "SELECT e.position, s.aggregate_type, e.stream_id, e.version, e.format_version, e.record"  # noqa: S608 - see above
            f" FROM {events} AS e JOIN {streams} AS s ON s.stream_id = e.stream_id"
            f" WHERE e.position > {p} ORDER BY e.position LIMIT {p}"
        ),
        select_last_position=f"SELECT MAX(position) FROM {events}",  # noqa: S608 - see above
    )
