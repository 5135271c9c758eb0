"""What is particular to each store, and the store's place at the edge of the library."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from commissioning import InvalidInput, InvalidInputType
from commissioning.store import SQLiteEventStore

from .conftest import rec


def test_a_file_store_is_in_wal_mode_with_the_chosen_durability(tmp_path: Path) -> None:
    with SQLiteEventStore(tmp_path / "e.db", synchronous="NORMAL") as store:
        store.append([rec("s", 1)], aggregate_type="t.T")
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    with SQLiteEventStore(tmp_path / "e.db") as again:
        assert again._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL, the default
        assert again.version("s") == 1


def test_many_stores_opening_one_new_file_at_once_all_open_and_append(tmp_path: Path) -> None:
    # Switching a new file to WAL needs an exclusive lock, and SQLite says
    # "database is locked" at once (no busy wait) to a second opener racing the
    # first: CI once lost a writer thread that way. Every opener must wait instead.
    for attempt in range(20):
        path = tmp_path / f"new-{attempt}.db"
        openers = 8
        start = threading.Barrier(openers)
        errors: list[BaseException] = []

        def open_and_append(
            n: int,
            path: Path = path,
            start: threading.Barrier = start,
            errors: list[BaseException] = errors,
        ) -> None:
            start.wait()
            try:
                with SQLiteEventStore(path) as store:
                    store.append([rec(f"s{n}", 1)], aggregate_type="t.T")
            except BaseException as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)

        threads = [threading.Thread(target=open_and_append, args=(n,)) for n in range(openers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with SQLiteEventStore(path) as store:
            assert len(store.streams()) == openers
            assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_memory_store_is_shared_by_the_threads_of_its_process() -> None:
    store = SQLiteEventStore(":memory:")

    def write(n: int) -> None:
        for v in range(1, 21):
            store.append([rec(f"s{n}", v)], aggregate_type="t.T")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [store.version(f"s{n}") for n in range(3)] == [20, 20, 20]
    assert store.last_position() == 60
    store.close()


def test_a_closed_store_cannot_be_used() -> None:
    store = SQLiteEventStore(":memory:")
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.version("s")


@pytest.mark.parametrize(
    ("kwargs", "field", "error"),
    [
        ({"synchronous": "SOMETIMES"}, "synchronous", InvalidInput),
        ({"path": 42}, "path", InvalidInputType),
        ({"table_prefix": "Events"}, "table_prefix", InvalidInput),
    ],
)
def test_a_sqlite_store_refuses_bad_settings(
    kwargs: dict[str, object], field: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        SQLiteEventStore(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field  # type: ignore[attr-defined]


def test_a_store_shows_where_it_is(tmp_path: Path) -> None:
    with SQLiteEventStore(tmp_path / "e.db") as store:
        assert repr(store) == f"SQLiteEventStore({str(tmp_path / 'e.db')!r})"


def _imports_after(code: str) -> set[str]:
    out = subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_the_domain_core_never_imports_the_store() -> None:
    loaded = _imports_after(
        "import commissioning, commissioning.machine, commissioning.procurement, commissioning.cycle"
    )
    assert "commissioning.store" not in loaded


def test_psycopg_is_imported_only_when_a_postgres_store_is_opened() -> None:
    loaded = _imports_after("import commissioning.store as s; s.SQLiteEventStore(':memory:')")
    assert "commissioning.store" in loaded
    assert "psycopg" not in loaded
