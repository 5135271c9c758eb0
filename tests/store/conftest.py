"""Contract-test set-up: a SQLite file per test, and a real PostgreSQL server for the session.

PostgreSQL comes from ``POSTGRES_URL`` when set, otherwise from the ``pgserver``
package, which starts a private server in a temporary directory. When the
test runs as root, pgserver runs the server as a system user ``pgserver``
(creating it with ``useradd`` if needed), since PostgreSQL refuses to run as
root. The PostgreSQL tests are skipped only when pgserver cannot be imported
(no wheel for this platform), and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import sqlite3
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from commissioning.machine import EventRecord, freeze_data
from commissioning.store import PostgresEventStore, SQLiteEventStore
from commissioning.store._base import SQLEventStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

_POSTGRES_NOTE: list[str] = []


def rec(
    stream_id: str,
    version: int,
    *,
    event: str = "note",
    at: dt.datetime | None = None,
    data: Mapping[str, Any] | None = None,
    actor: str = "ann",
) -> EventRecord:
    """A record of a stream, one hour apart per version unless ``at`` is given."""
    when = at if at is not None else T0 + dt.timedelta(hours=version)
    return EventRecord(
        stream_id, version, event, when, actor, freeze_data(data or {}), (), None, None
    )


def recs(stream_id: str, first: int, count: int, **kwargs: Any) -> list[EventRecord]:
    return [rec(stream_id, v, **kwargs) for v in range(first, first + count)]


class Backend:
    """One database under test: how to open a store on it, and raw SQL for corrupting rows."""

    def __init__(self, kind: str, where: str, prefix: str) -> None:
        self.kind = kind
        self.where = where
        self.prefix = prefix
        self.opened: list[SQLEventStore] = []

    def open(self, **kwargs: Any) -> SQLEventStore:
        store: SQLEventStore
        if self.kind == "sqlite":
            store = SQLiteEventStore(self.where, table_prefix=self.prefix, **kwargs)
        else:
            store = PostgresEventStore(self.where, table_prefix=self.prefix, **kwargs)
        self.opened.append(store)
        return store

    @property
    def placeholder(self) -> str:
        return "?" if self.kind == "sqlite" else "%s"

    def raw(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run SQL straight on the database (``{p}`` is the table prefix, ``?`` a parameter)."""
        text = sql.replace("{p}", self.prefix).replace("?", self.placeholder)
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.where, isolation_level=None)
            try:
                return conn.execute(text, params).fetchall()
            finally:
                conn.close()
        import psycopg  # noqa: PLC0415 - the PostgreSQL backend only

        with psycopg.connect(self.where, autocommit=True) as pg:
            cur = pg.execute(text, params)
            return cur.fetchall() if cur.description else []

    def close_all(self) -> None:
        for store in self.opened:
            store.close()


def _start_pgserver() -> Iterator[str]:
    with warnings.catch_warnings():
        # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (CI containers).
        warnings.simplefilter("ignore")
        try:
            from pgserver.postgres_server import get_server  # noqa: PLC0415 - optional: only where a wheel exists
        except ImportError as error:
            reason = f"PostgreSQL contract tests skipped: pgserver is not installed for this platform ({error})"
            _POSTGRES_NOTE.append(reason)
            pytest.skip(reason)
        root = Path(tempfile.mkdtemp(prefix="cpg-"))  # short: the socket path must fit 107 bytes
        server = get_server(root / "pg", cleanup_mode="delete")
    try:
        _POSTGRES_NOTE.append(
            f"PostgreSQL contract tests ran against a pgserver server in {root}"
            + (
                " (run as the 'pgserver' user, since tests run as root)"
                if os.geteuid() == 0
                else ""
            )
        )
        yield server.get_uri()
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A URL of a running PostgreSQL: ``POSTGRES_URL``, or a pgserver started for this session."""
    url = os.environ.get("POSTGRES_URL")
    if url:
        _POSTGRES_NOTE.append("PostgreSQL contract tests ran against POSTGRES_URL")
        yield url
        return
    yield from _start_pgserver()


_COUNTER = itertools.count()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each contract test runs once on a SQLite file and once on PostgreSQL, on fresh tables."""
    prefix = f"t{os.getpid()}_{next(_COUNTER)}_"
    if request.param == "sqlite":
        b = Backend("sqlite", str(tmp_path / "events.db"), prefix)
        yield b
        b.close_all()
        return
    url = request.getfixturevalue("postgres_url")
    b = Backend("postgres", url, prefix)
    yield b
    b.close_all()
    for table in ("events", "streams", "meta"):
        b.raw(f"DROP TABLE IF EXISTS {prefix}{table}")


@pytest.fixture
def store(backend: Backend) -> SQLEventStore:
    return backend.open()


OpenStore = Callable[..., SQLEventStore]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for note in dict.fromkeys(_POSTGRES_NOTE):
        terminalreporter.write_line(note)
