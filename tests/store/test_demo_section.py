"""The worked example's store section: the demo's aggregates come back equal from SQLite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from commissioning.cycle import CommissioningCycle, example_lineage
from commissioning.machine import Instance
from commissioning.ocds import demo_procurement
from commissioning.store import SQLiteEventStore
from commissioning.store._demo import store_and_reload, store_section

from .test_aggregates import REVIEW


def test_the_demo_procurement_is_stored_reloaded_and_replayed_equal(tmp_path: Path) -> None:
    p = demo_procurement()
    case, _ = REVIEW.start("review-1", at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)).fire(
        "open", at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC), actor="ann"
    )
    report = store_section(
        [
            (p, {}),
            (case, {"definition": REVIEW}),
        ],
        path=tmp_path / "demo.db",
    )
    lines = report.splitlines()
    assert lines[0].startswith("== Kept in a SQLite event store (in ")
    assert (
        f"commissioning.procurement.Procurement 'community-meals': {p.version} records appended, "
        f"reloaded at version {p.version} in state 'mobilisation'; replayed equal to the original: True"
    ) in lines
    assert (
        "commissioning.machine.Instance 'review-1': 1 records appended, reloaded at version 1 "
        "in state 'in-review'; replayed equal to the original: True"
    ) in lines
    assert lines[-1].startswith(f"The store's feed holds {p.version + 1} records in commit order.")
    with SQLiteEventStore(tmp_path / "demo.db") as store:  # durable: another store reads the file
        assert store.rebuild(Instance, "review-1", definition=REVIEW) == case


def test_store_and_reload_gives_back_an_equal_aggregate() -> None:
    case, _ = REVIEW.start("r", at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC)).fire(
        "open", at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC), actor="ann"
    )
    with SQLiteEventStore(":memory:") as store:
        assert store_and_reload(store, case, definition=REVIEW) == case
        assert store.aggregate_type("r") == "commissioning.machine.Instance"


def test_the_demo_cycles_and_procurement_share_one_store_by_type(tmp_path: Path) -> None:
    first, second = example_lineage()
    p = demo_procurement()
    report = store_section([(first, {}), (second, {}), (p, {})], path=tmp_path / "demo.db")
    assert report.count("replayed equal to the original: True") == 3
    assert (
        "Streams by type: commissioning.cycle.CommissioningCycle: meals-1, meals-2; "
        "commissioning.procurement.Procurement: community-meals."
    ) in report
    with SQLiteEventStore(tmp_path / "demo.db") as store:
        assert store.rebuild(CommissioningCycle, "meals-1") == first
        assert store.load("meals-1", as_of=first.history[3].occurred_at) == first.history[:4]
