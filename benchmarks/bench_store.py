"""Event store throughput: append and load 100,000 records over 10,000 streams, against raw floors.

What is timed, for each store (SQLite in a temporary file; PostgreSQL from
``POSTGRES_URL`` or a private ``pgserver`` server):

- **store**: ``store.append(records_of_one_stream, ...)`` once per stream (one
  transaction each, as a command's records are appended), then
  ``store.load(stream_id)`` once per stream (rows decoded back into
  ``EventRecord`` values, each checked by the core's ``record_from_data``).
- **floor**: the same rows, already encoded as the same JSON text, written by
  the raw driver into a table of the same layout (same keys and indexes): one
  ``BEGIN``/``executemany``/``COMMIT`` per stream; then loaded with one
  ``SELECT`` per stream and ``json.loads`` of each row (what any hand-written
  store must at least do). Encoding the JSON is *not* in the floor.
- **bulk** (context only): every row in one transaction, ``executemany`` for
  SQLite and ``COPY`` for PostgreSQL; no store offers this shape for commands.

Each figure is the best of ``--repeat`` runs on fresh tables, the store, the
floor and the codec taking turns so that all three meet the same machine load. The ratios are
store time / floor time (target: at most 2x). Last, the time to rebuild one
100-event procurement from the SQLite store (load + ``Procurement.replay``).

Run: ``.venv/bin/python benchmarks/bench_store.py`` (``--quick`` for 10,000 records).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg

from commissioning.machine import EventRecord, freeze_data, record_from_data, record_to_data
from commissioning.ocds import demo_procurement
from commissioning.procurement import Procurement
from commissioning.store import PostgresEventStore, SQLiteEventStore
from commissioning.store._codec import micros

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def make_records(events: int, streams: int) -> list[list]:
    per = events // streams
    out = []
    for s in range(streams):
        sid = f"procurement-{s:05d}"
        out.append(
            [
                EventRecord(
                    sid,
                    v,
                    "publish",
                    T0 + dt.timedelta(minutes=s + v),
                    "officer@anytown.gov.uk",
                    freeze_data(
                        {
                            "notice": "UK4",
                            "content": {"tender_deadline": "2026-03-20", "lots": [1, 2]},
                        }
                    ),
                    (),
                    "tendering",
                    "tendering",
                )
                for v in range(1, per + 1)
            ]
        )
    return out


def rows_of(batches: list[list]) -> list[list[tuple]]:
    return [
        [
            (
                r.stream_id,
                r.version,
                micros(r.occurred_at),
                1,
                json.dumps(record_to_data(r), separators=(",", ":")),
            )
            for r in batch
        ]
        for batch in batches
    ]


def codec_times(batches: list[list], rows: list[list[tuple]]) -> tuple[float, float]:
    """The core's record codec alone: record_to_data + JSON out, JSON + record_from_data in."""
    t = time.perf_counter()
    for batch in batches:
        [json.dumps(record_to_data(r), separators=(",", ":")) for r in batch]
    encode = time.perf_counter() - t
    t = time.perf_counter()
    for batch in rows:
        [record_from_data(json.loads(r[4])) for r in batch]
    return encode, time.perf_counter() - t


def best(repeat: int, *runs: Callable[[], tuple[float, float]]) -> list[tuple[float, float]]:
    """The best (append, load) of each run, taking turns so that all see the same machine load."""
    results: list[list[tuple[float, float]]] = [[] for _ in runs]
    for _ in range(repeat):
        for i, run in enumerate(runs):
            results[i].append(run())
    return [(min(r[0] for r in rs), min(r[1] for r in rs)) for rs in results]


# --- SQLite ----------------------------------------------------------------------------------

_SQLITE_LAYOUT = (
    "CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL,"
    " version INTEGER NOT NULL, occurred_us INTEGER NOT NULL, format_version INTEGER NOT NULL,"
    " record TEXT NOT NULL, UNIQUE (stream_id, version))"
)


def sqlite_store(batches: list[list], synchronous: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as d:
        store = SQLiteEventStore(Path(d) / "s.db", synchronous=synchronous)
        t = time.perf_counter()
        for batch in batches:
            store.append(batch, aggregate_type="commissioning.procurement.Procurement")
        appended = time.perf_counter() - t
        t = time.perf_counter()
        for batch in batches:
            store.load(batch[0].stream_id)
        loaded = time.perf_counter() - t
        store.close()
    return appended, loaded


def sqlite_floor(rows: list[list[tuple]], synchronous: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as d:
        conn = sqlite3.connect(Path(d) / "f.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute(_SQLITE_LAYOUT)
        insert = "INSERT INTO events (stream_id, version, occurred_us, format_version, record) VALUES (?, ?, ?, ?, ?)"
        t = time.perf_counter()
        for batch in rows:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(insert, batch)
            conn.execute("COMMIT")
        appended = time.perf_counter() - t
        select = "SELECT record FROM events WHERE stream_id = ? ORDER BY version"
        t = time.perf_counter()
        for batch in rows:
            [json.loads(r[0]) for r in conn.execute(select, (batch[0][0],)).fetchall()]
        loaded = time.perf_counter() - t
        conn.close()
    return appended, loaded


def sqlite_bulk(rows: list[list[tuple]], synchronous: str) -> float:
    with tempfile.TemporaryDirectory() as d:
        conn = sqlite3.connect(Path(d) / "b.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute(_SQLITE_LAYOUT)
        flat = [r for batch in rows for r in batch]
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO events (stream_id, version, occurred_us, format_version, record) VALUES (?, ?, ?, ?, ?)",
            flat,
        )
        conn.execute("COMMIT")
        took = time.perf_counter() - t
        conn.close()
    return took


# --- PostgreSQL ---------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_url() -> Iterator[str]:
    url = os.environ.get("POSTGRES_URL")
    if url:
        yield url
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver  # noqa: PLC0415 - imported under the warnings filter (platformdirs warns)

        root = Path(tempfile.mkdtemp(prefix="bpg-"))
        server = pgserver.get_server(root / "pg", cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


_PG_LAYOUT = (
    "CREATE TABLE {t} (position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " stream_id TEXT NOT NULL, version INTEGER NOT NULL, occurred_us BIGINT NOT NULL,"
    " format_version INTEGER NOT NULL, record TEXT NOT NULL, UNIQUE (stream_id, version))"
)


def _drop(url: str, *tables: str) -> None:
    with psycopg.connect(url, autocommit=True) as c:
        for t in tables:
            c.execute(f"DROP TABLE IF EXISTS {t}")


def pg_store(url: str, batches: list[list]) -> tuple[float, float]:
    _drop(url, "bench_events", "bench_streams", "bench_meta")
    store = PostgresEventStore(url, table_prefix="bench_")
    t = time.perf_counter()
    for batch in batches:
        store.append(batch, aggregate_type="commissioning.procurement.Procurement")
    appended = time.perf_counter() - t
    t = time.perf_counter()
    for batch in batches:
        store.load(batch[0].stream_id)
    loaded = time.perf_counter() - t
    store.close()
    _drop(url, "bench_events", "bench_streams", "bench_meta")
    return appended, loaded


def pg_floor(url: str, rows: list[list[tuple]]) -> tuple[float, float]:
    _drop(url, "floor_events")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_PG_LAYOUT.format(t="floor_events"))
        insert = "INSERT INTO floor_events (stream_id, version, occurred_us, format_version, record) VALUES (%s, %s, %s, %s, %s)"
        t = time.perf_counter()
        for batch in rows:
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany(insert, batch)
        appended = time.perf_counter() - t
        select = "SELECT record FROM floor_events WHERE stream_id = %s ORDER BY version"
        t = time.perf_counter()
        for batch in rows:
            [json.loads(r[0]) for r in conn.execute(select, (batch[0][0],)).fetchall()]
        loaded = time.perf_counter() - t
    _drop(url, "floor_events")
    return appended, loaded


def pg_bulk(url: str, rows: list[list[tuple]]) -> float:
    _drop(url, "bulk_events")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_PG_LAYOUT.format(t="bulk_events"))
        t = time.perf_counter()
        with (
            conn.transaction(),
            conn.cursor() as cur,
            cur.copy(
                "COPY bulk_events (stream_id, version, occurred_us, format_version, record) FROM STDIN"
            ) as copy,
        ):
            for batch in rows:
                for r in batch:
                    copy.write_row(r)
        took = time.perf_counter() - t
    _drop(url, "bulk_events")
    return took


# --- rebuilding one procurement -----------------------------------------------------------------


def rebuild_procurement(repeat: int) -> tuple[int, float, float]:
    """Best time to rebuild one 100-record procurement from SQLite, and the replay alone."""
    p = demo_procurement()
    moment = p.history[-1].occurred_at + dt.timedelta(days=1)
    p, _ = p.act("start_delivery", at=moment, actor="finance")
    while p.version < 100:
        moment += dt.timedelta(days=7)
        p, _ = p.act("record_payment", at=moment, actor="finance", data={"amount": "41666.67"})
    with SQLiteEventStore(":memory:") as store:
        store.append(p.history, aggregate_type=Procurement)
        best_rebuild = best_replay = float("inf")
        for _ in range(max(repeat, 5)):
            t = time.perf_counter()
            rebuilt = store.rebuild(Procurement, p.id)
            best_rebuild = min(best_rebuild, time.perf_counter() - t)
            t = time.perf_counter()
            Procurement.replay(p.history)
            best_replay = min(best_replay, time.perf_counter() - t)
        assert rebuilt == p  # noqa: S101 - the benchmark checks what it timed
    return p.version, best_rebuild, best_replay


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 records over 1,000 streams")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synchronous", default="FULL", choices=["NORMAL", "FULL"])
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    events, streams = (10_000, 1_000) if args.quick else (100_000, 10_000)
    batches = make_records(events, streams)
    rows = rows_of(batches)
    print(
        f"# {events:,} records over {streams:,} streams; best of {args.repeat}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    results = {}
    print(f"\n## SQLite (WAL, synchronous={args.synchronous})", flush=True)
    (s_app, s_load), (f_app, f_load), codec = best(
        args.repeat,
        lambda: sqlite_store(batches, args.synchronous),
        lambda: sqlite_floor(rows, args.synchronous),
        lambda: codec_times(batches, rows),
    )
    bulk = min(sqlite_bulk(rows, args.synchronous) for _ in range(args.repeat))
    results["sqlite"] = report(events, s_app, s_load, f_app, f_load, bulk, "executemany", codec)
    if not args.no_postgres:
        with postgres_url() as url:
            with psycopg.connect(url) as c:
                version = c.execute("SHOW server_version").fetchone()[0]
            print(
                f"\n## PostgreSQL {version} (psycopg {psycopg.__version__}, local socket)",
                flush=True,
            )
            (s_app, s_load), (f_app, f_load), codec = best(
                args.repeat,
                lambda: pg_store(url, batches),
                lambda: pg_floor(url, rows),
                lambda: codec_times(batches, rows),
            )
            bulk = min(pg_bulk(url, rows) for _ in range(args.repeat))
            results["postgres"] = report(events, s_app, s_load, f_app, f_load, bulk, "COPY", codec)
    n, took, replay = rebuild_procurement(args.repeat)
    print(
        f"\n## Rebuild one procurement of {n} records from SQLite: {took * 1000:.2f} ms "
        f"(of which Procurement.replay {replay * 1000:.2f} ms)"
    )
    results["rebuild_100_ms"] = round(took * 1000, 2)
    print("\n" + " ".join(f"{k}={v}" for k, v in results.items()))


def report(
    events: int,
    s_app: float,
    s_load: float,
    f_app: float,
    f_load: float,
    bulk: float,
    bulk_name: str,
    codec: tuple[float, float],
) -> str:
    def rate(took: float) -> str:
        return f"{events / took:>10,.0f}/s"

    enc, dec = codec
    print(
        "| step | store | floor | ratio | floor + core codec | ratio |\n|---|---|---|---|---|---|"
    )
    for name, s, f, c in (
        ("append", s_app, f_app, enc),
        ("load", s_load, f_load, dec),
        ("append+load", s_app + s_load, f_app + f_load, enc + dec),
    ):
        print(
            f"| {name} | {rate(s)} | {rate(f)} | {s / f:.2f}x | {rate(f + c)} | {s / (f + c):.2f}x |"
        )
    print(f"bulk {bulk_name} of every row in one transaction: {rate(bulk)}", flush=True)
    both_s, both_f = s_app + s_load, f_app + f_load
    return (
        f"{both_s / both_f:.2f}x(append {s_app / f_app:.2f}x,load {s_load / f_load:.2f}x;"
        f"vs_floor_plus_codec {both_s / (both_f + enc + dec):.2f}x)"
    )


if __name__ == "__main__":
    sys.exit(main())
