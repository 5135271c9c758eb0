"""Two processes racing on one stream: exactly one append wins, the loser's records are absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from commissioning.store._base import SQLEventStore

from .conftest import Backend, recs

# Each child opens its own store, says "ready", waits for "go" on stdin, appends
# versions 2-4 of the stream with its name in the data, and prints the outcome.
_CHILD = """
import datetime as dt, sys
from commissioning import VersionConflict
from commissioning.store import PostgresEventStore, SQLiteEventStore
from commissioning.machine import EventRecord
from commissioning.machine import freeze_data
kind, where, prefix, stream, name = sys.argv[1:6]
cls = SQLiteEventStore if kind == "sqlite" else PostgresEventStore
store = cls(where, table_prefix=prefix)
t0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
batch = [EventRecord(stream, v, "note", t0 + dt.timedelta(hours=v), "ann",
                     freeze_data({"writer": name}), (), None, None) for v in (2, 3, 4)]
print("ready", flush=True)
sys.stdin.readline()
try:
    store.append(batch)
    print("won", flush=True)
except VersionConflict:
    print("conflict", flush=True)
store.close()
"""


def _race(backend: Backend, stream: str) -> dict[str, str]:
    env = dict(os.environ)
    src = str((Path(__file__).parent / ".." / ".." / "src").resolve())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    children = {
        name: subprocess.Popen(  # noqa: S603 - our own interpreter running our own code
            [
                sys.executable,
                "-c",
                _CHILD,
                backend.kind,
                backend.where,
                backend.prefix,
                stream,
                name,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("a", "b")
    }
    for child in children.values():
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    for child in children.values():
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outcome = {}
    for name, child in children.items():
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        outcome[name] = out.strip()
    return outcome


def test_two_processes_racing_on_one_stream_exactly_one_wins(backend: Backend) -> None:
    store: SQLEventStore = backend.open()
    for round_ in range(2):
        stream = f"race-{round_}"
        store.append(recs(stream, 1, 1), aggregate_type="t.T")
        outcome = _race(backend, stream)
        assert sorted(outcome.values()) == ["conflict", "won"]
        winner = next(n for n, o in outcome.items() if o == "won")
        loaded = store.load(stream)
        assert [r.version for r in loaded] == [1, 2, 3, 4]
        assert {r.data["writer"] for r in loaded[1:]} == {winner}
    positions = [e.position for e in store.read_after(0)]
    assert positions == sorted(positions)
