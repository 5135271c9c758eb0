"""The contract every event store keeps, run against SQLite and a real PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest

from commissioning import InvalidInput, InvalidInputType, VersionConflict
from commissioning.store import FeedEntry, StoreSchemaError, UnknownStream, UnreadableRecord
from commissioning.store._base import SQLEventStore

from .conftest import T0, Backend, rec, recs


def _feed(store: SQLEventStore) -> tuple[FeedEntry, ...]:
    return store.read_after(0, limit=100_000)


# --- round trips ------------------------------------------------------------------------


def test_appended_records_load_back_equal_in_version_order(store: SQLEventStore) -> None:
    batch = [
        rec("meals-2026", 1, event="start", data={"title": "Meals", "lots": [1, 2], "v": None}),
        rec("meals-2026", 2, event="publish_UK4", data={"deadline": "2026-04-01", "n": 1.5}),
        rec("meals-2026", 3, data={"nested": {"a": [{"b": True}]}, "text": "£ café ✓"}),
    ]
    store.append(batch, aggregate_type="council.Procurement")
    assert store.load("meals-2026") == tuple(batch)
    assert store.version("meals-2026") == 3
    assert store.aggregate_type("meals-2026") == "council.Procurement"


def test_a_later_append_continues_the_stream(store: SQLEventStore) -> None:
    store.append(recs("s", 1, 2), aggregate_type="t.T")
    store.append(recs("s", 3, 2), expected_version=2)
    assert [r.version for r in store.load("s")] == [1, 2, 3, 4]


def test_an_unknown_stream_is_empty_at_version_zero_and_cannot_be_rebuilt(
    store: SQLEventStore,
) -> None:
    assert store.load("nobody") == ()
    assert store.version("nobody") == 0
    assert store.aggregate_type("nobody") is None
    with pytest.raises(UnknownStream, match="nobody") as caught:
        store.rebuild(object, "nobody")
    assert caught.value.stream_id == "nobody"


def test_load_up_to_a_version_or_a_moment(store: SQLEventStore) -> None:
    store.append(recs("s", 1, 5), aggregate_type="t.T")  # versions one hour apart from T0
    assert [r.version for r in store.load("s", up_to_version=2)] == [1, 2]
    assert [r.version for r in store.load("s", up_to_version=0)] == []
    moment = T0 + dt.timedelta(hours=3)
    assert [r.version for r in store.load("s", as_of=moment)] == [1, 2, 3]
    just_before = moment - dt.timedelta(microseconds=1)
    assert [r.version for r in store.load("s", as_of=just_before)] == [1, 2]
    both = store.load("s", up_to_version=2, as_of=moment)
    assert [r.version for r in both] == [1, 2]


def test_load_as_of_a_moment_in_another_time_zone_means_the_same_instant(
    store: SQLEventStore,
) -> None:
    store.append(recs("s", 1, 3), aggregate_type="t.T")
    plus_two = dt.timezone(dt.timedelta(hours=2))
    moment = (T0 + dt.timedelta(hours=2)).astimezone(plus_two)
    assert [r.version for r in store.load("s", as_of=moment)] == [1, 2]


def test_load_refuses_a_naive_moment_and_a_mistyped_version(store: SQLEventStore) -> None:
    with pytest.raises(InvalidInput) as naive:
        store.load("s", as_of=dt.datetime(2026, 1, 1))  # noqa: DTZ001 - the naive moment is the point
    assert naive.value.field == "as_of"
    with pytest.raises(InvalidInputType) as typed:
        store.load("s", up_to_version=True)
    assert typed.value.field == "up_to_version"


def test_streams_are_listed_by_aggregate_type(store: SQLEventStore) -> None:
    store.append([rec("p-2", 1)], aggregate_type="council.Procurement")
    store.append([rec("c-1", 1)], aggregate_type="council.Cycle")
    store.append([rec("p-1", 1)], aggregate_type="council.Procurement")
    assert store.streams() == ("c-1", "p-1", "p-2")
    assert store.streams(aggregate_type="council.Procurement") == ("p-1", "p-2")
    assert store.streams(aggregate_type="council.Nothing") == ()


def test_a_class_is_stored_as_its_module_and_qualified_name(store: SQLEventStore) -> None:
    store.append([rec("f-1", 1)], aggregate_type=FeedEntry)
    assert store.aggregate_type("f-1") == "commissioning.store.FeedEntry"
    assert store.streams(aggregate_type=FeedEntry) == ("f-1",)


# --- refusals that write nothing ----------------------------------------------------------


def test_a_stale_expected_version_conflicts_and_writes_nothing(store: SQLEventStore) -> None:
    store.append(recs("s", 1, 2), aggregate_type="t.T")
    before = _feed(store)
    with pytest.raises(VersionConflict, match="'s'") as caught:
        store.append([rec("s", 2, data={"late": True})], expected_version=1)
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    assert _feed(store) == before
    assert store.version("s") == 2


def test_creating_an_existing_stream_conflicts(store: SQLEventStore) -> None:
    store.append(recs("s", 1, 1), aggregate_type="t.T")
    with pytest.raises(VersionConflict) as caught:
        store.append([rec("s", 1, data={"second": True})], aggregate_type="t.T")
    assert (caught.value.expected, caught.value.actual) == (0, 1)
    assert store.load("s")[0].data == {}


def test_an_expected_version_ahead_of_the_stream_conflicts(store: SQLEventStore) -> None:
    store.append(recs("s", 1, 1), aggregate_type="t.T")
    with pytest.raises(VersionConflict) as caught:
        store.append(recs("s", 5, 1))
    assert (caught.value.expected, caught.value.actual) == (4, 1)
    assert store.version("s") == 1


@pytest.mark.parametrize(
    ("records", "kwargs", "field"),
    [
        ([], {"aggregate_type": "t.T"}, "records"),
        ("not records", {"aggregate_type": "t.T"}, "records"),
        ([rec("s", 1), "nope"], {"aggregate_type": "t.T"}, "records[1]"),
        ([rec("s", 1), rec("other", 2)], {"aggregate_type": "t.T"}, "records[1].stream_id"),
        ([rec("s", 1), rec("s", 3)], {"aggregate_type": "t.T"}, "records[1].version"),
        ([rec("s", 1)], {}, "aggregate_type"),
        ([rec("s", 1)], {"aggregate_type": ""}, "aggregate_type"),
        ([rec("s", 1)], {"aggregate_type": 3}, "aggregate_type"),
        ([rec("s", 1)], {"aggregate_type": "t.T", "expected_version": True}, "expected_version"),
        ([rec("s", 1)], {"aggregate_type": "t.T", "expected_version": "0"}, "expected_version"),
        ([rec("s", 1)], {"aggregate_type": "t.T", "expected_version": 0.0}, "expected_version"),
        ([rec("s", 1)], {"aggregate_type": "t.T", "expected_version": 3}, "records[0].version"),
        ([rec("s\x00x", 1)], {"aggregate_type": "t.T"}, "records[0].stream_id"),
        ([rec("x" * 513, 1)], {"aggregate_type": "t.T"}, "records[0].stream_id"),
        ([rec("'" * 1_000_000, 1)], {"aggregate_type": "t.T"}, "records[0].stream_id"),
        ([rec("s", 1)], {"aggregate_type": "t\x00T"}, "aggregate_type"),
        # The core's record reader reads names of at most 1,000 characters back:
        # longer ones are refused when written, never stored unreadable.
        ([rec("s", 1, event="e'" * 500_000)], {"aggregate_type": "t.T"}, "records[0].event"),
        ([rec("s", 1, actor="a" * 1001)], {"aggregate_type": "t.T"}, "records[0].actor"),
    ],
)
def test_malformed_appends_are_refused_naming_the_field_and_write_nothing(
    store: SQLEventStore, records: Any, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.append(records, **kwargs)
    assert caught.value.field == field
    assert store.last_position() == 0
    assert store.streams() == ()


def test_an_append_with_another_aggregate_type_is_refused(store: SQLEventStore) -> None:
    store.append([rec("s", 1)], aggregate_type="t.T")
    with pytest.raises(InvalidInput, match=r"t\.T") as caught:
        store.append([rec("s", 2)], aggregate_type="t.Other")
    assert caught.value.field == "aggregate_type"
    assert store.version("s") == 1


def test_an_append_failing_half_way_commits_nothing(backend: Backend) -> None:
    store = backend.open()
    store.append(recs("s", 1, 1), aggregate_type="t.T")
    # A real database failure on the third row of the batch: a trigger refusing version 4.
    if backend.kind == "sqlite":
        backend.raw(
            "CREATE TRIGGER {p}refuse BEFORE INSERT ON {p}events WHEN NEW.version = 4"
            " BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
        )
    else:
        backend.raw(
            "CREATE FUNCTION {p}refuse() RETURNS trigger AS $$ BEGIN"
            " IF NEW.version = 4 THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;"
            " RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        backend.raw(
            "CREATE TRIGGER {p}refuse BEFORE INSERT ON {p}events"
            " FOR EACH ROW EXECUTE FUNCTION {p}refuse()"
        )
    before = _feed(store)
    with pytest.raises(Exception, match="refused by the test trigger"):
        store.append(recs("s", 2, 4))
    assert store.version("s") == 1
    assert _feed(store) == before
    assert backend.raw("SELECT COUNT(*) FROM {p}events")[0][0] == 1
    store.append(recs("s", 2, 2))  # the store is still usable, and version 4 is still refused...
    assert store.version("s") == 3
    if backend.kind == "postgres":
        backend.raw("DROP FUNCTION {p}refuse() CASCADE")


# --- racing writers --------------------------------------------------------------------------


def test_two_threads_racing_on_one_stream_exactly_one_wins(backend: Backend) -> None:
    for round_ in range(5):
        stream = f"race-{round_}"
        backend.open().append(recs(stream, 1, 1), aggregate_type="t.T")
        stores = [backend.open(), backend.open()]
        barrier = threading.Barrier(2)
        outcome: dict[str, str] = {}

        def write(
            name: str,
            s: SQLEventStore,
            stream: str = stream,
            barrier: threading.Barrier = barrier,
            outcome: dict[str, str] = outcome,
        ) -> None:
            batch = recs(stream, 2, 3, data={"writer": name})
            barrier.wait()
            try:
                s.append(batch)
                outcome[name] = "won"
            except VersionConflict:
                outcome[name] = "conflict"

        threads = [
            threading.Thread(target=write, args=(n, s)) for n, s in zip("ab", stores, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcome.values()) == ["conflict", "won"]
        winner = next(n for n, o in outcome.items() if o == "won")
        loaded = backend.open().load(stream)
        assert [r.version for r in loaded] == [1, 2, 3, 4]
        assert {r.data["writer"] for r in loaded[1:]} == {winner}


def test_several_threads_sharing_one_store_object_keep_every_stream_whole(
    store: SQLEventStore,
) -> None:
    def write(n: int) -> None:
        for i in range(10):
            store.append(recs(f"s{n}", i + 1, 1), aggregate_type="t.T")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [store.version(f"s{n}") for n in range(4)] == [10, 10, 10, 10]
    assert [e.position for e in _feed(store)] == list(range(1, 41))


# --- the global feed --------------------------------------------------------------------------


def test_the_feed_pages_in_position_order_with_the_stream_type(store: SQLEventStore) -> None:
    store.append(recs("a", 1, 2), aggregate_type="t.A")
    store.append(recs("b", 1, 1), aggregate_type="t.B")
    store.append(recs("a", 3, 1))
    page1 = store.read_after(0, limit=2)
    page2 = store.read_after(page1[-1].position, limit=2)
    entries = page1 + page2
    assert [(e.record.stream_id, e.record.version, e.aggregate_type) for e in entries] == [
        ("a", 1, "t.A"),
        ("a", 2, "t.A"),
        ("b", 1, "t.B"),
        ("a", 3, "t.A"),
    ]
    positions = [e.position for e in entries]
    assert positions == sorted(positions)
    assert len(set(positions)) == 4
    assert store.read_after(positions[-1]) == ()
    assert store.last_position() == positions[-1]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"position": -1}, "position"),
        ({"position": 1.0}, "position"),
        ({"limit": 0}, "limit"),
        ({"limit": 100_001}, "limit"),
        ({"limit": True}, "limit"),
    ],
)
def test_the_feed_refuses_bad_positions_and_page_sizes(
    store: SQLEventStore, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.read_after(**kwargs)
    assert caught.value.field == field


def test_a_reader_polling_during_concurrent_appends_sees_every_record_once_in_order(
    backend: Backend,
) -> None:
    writers = 3
    per_writer = 30
    done = threading.Event()
    seen: list[FeedEntry] = []

    def write(n: int) -> None:
        s = backend.open()
        for i in range(per_writer):
            s.append(recs(f"w{n}-{i % 5}", i // 5 + 1, 1), aggregate_type="t.T")

    def read() -> None:
        s = backend.open()
        position = 0
        while True:
            finished = done.is_set()
            page = s.read_after(position, limit=7)
            seen.extend(page)
            if page:
                position = page[-1].position
            elif finished:
                return

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join()
    keys = [(e.record.stream_id, e.record.version) for e in seen]
    assert len(keys) == len(set(keys)) == writers * per_writer
    positions = [e.position for e in seen]
    assert positions == sorted(positions)
    committed = {
        (r.stream_id, r.version)
        for sid in backend.open().streams()
        for r in backend.open().load(sid)
    }
    assert set(keys) == committed


# --- corrupted rows -----------------------------------------------------------------------------


def _corrupt(backend: Backend, sql: str, params: tuple[Any, ...]) -> None:
    backend.raw(sql, params)


def test_a_row_of_bad_json_is_unreadable_naming_stream_version_and_position(
    backend: Backend,
) -> None:
    store = backend.open()
    store.append(recs("s", 1, 3), aggregate_type="t.T")
    position = backend.raw("SELECT position FROM {p}events WHERE version = 2")[0][0]
    _corrupt(
        backend, "UPDATE {p}events SET record = ? WHERE version = 2", ('{"format": "commissi',)
    )
    with pytest.raises(UnreadableRecord) as loaded:
        store.load("s")
    assert (loaded.value.stream_id, loaded.value.version) == ("s", 2)
    assert "JSON" in str(loaded.value)
    with pytest.raises(UnreadableRecord) as fed:
        store.read_after(0)
    assert (fed.value.stream_id, fed.value.version, fed.value.position) == ("s", 2, position)
    assert f"stream 's' version 2 (position {position})" in str(fed.value)


def test_a_row_of_a_newer_format_version_is_refused_not_guessed(backend: Backend) -> None:
    store = backend.open()
    store.append(recs("s", 1, 2), aggregate_type="t.T")
    _corrupt(backend, "UPDATE {p}events SET format_version = 2 WHERE version = 2", ())
    with pytest.raises(UnreadableRecord) as caught:
        store.load("s")
    assert (caught.value.stream_id, caught.value.version, caught.value.field) == (
        "s",
        2,
        "format_version",
    )
    assert caught.value.received == 2


def test_a_row_whose_json_disagrees_with_its_columns_is_refused(backend: Backend) -> None:
    store = backend.open()
    store.append(recs("s", 1, 2), aggregate_type="t.T")
    text = backend.raw("SELECT record FROM {p}events WHERE version = 1")[0][0]
    _corrupt(backend, "UPDATE {p}events SET record = ? WHERE version = 2", (text,))
    with pytest.raises(UnreadableRecord) as caught:
        store.load("s")
    assert (caught.value.version, caught.value.field) == (2, "record.version")


def test_a_row_that_is_json_but_not_a_record_is_refused(backend: Backend) -> None:
    store = backend.open()
    store.append(recs("s", 1, 1), aggregate_type="t.T")
    _corrupt(backend, "UPDATE {p}events SET record = ?", ('{"format_version": 1, "version": 1}',))
    with pytest.raises(UnreadableRecord) as caught:
        store.load("s")
    assert caught.value.stream_id == "s"
    assert caught.value.version == 1


# --- hostile input ------------------------------------------------------------------------------

HOSTILE_IDS = [
    "o'brien",
    "'; DROP TABLE {p}events; --",
    'say "hello"',
    "back\\slash %s ? :name $1",
    "x" * 512,
    "\u202egnp.exe",
    "emoji 🏛️ and café",
]


@pytest.mark.parametrize("stream_id", HOSTILE_IDS)
def test_hostile_stream_ids_are_parameters_never_sql(backend: Backend, stream_id: str) -> None:
    store = backend.open()
    sid = stream_id.replace("{p}", backend.prefix)
    store.append([rec(sid, 1)], aggregate_type=sid)
    assert store.load(sid)[0].stream_id == sid
    assert store.streams(aggregate_type=sid) == (sid,)
    assert store.aggregate_type(sid) == sid
    assert backend.raw("SELECT COUNT(*) FROM {p}events")[0][0] == 1


def test_nul_bytes_quotes_and_megabyte_strings_in_data_round_trip(store: SQLEventStore) -> None:
    big = "é" * 1_000_000
    data = {"nul": "a\x00b", "quote": "'); DELETE FROM x; --", "big": big, "k\x00ey": 1}
    record = rec("s", 1, data=data, actor='O\'Neil "the" actor')
    store.append([record], aggregate_type="t.T")
    (loaded,) = store.load("s")
    assert loaded == record
    assert loaded.data["big"] == big


# --- schema ----------------------------------------------------------------------------------


def test_create_schema_is_idempotent_and_keeps_the_data(backend: Backend) -> None:
    store = backend.open()
    store.append([rec("s", 1)], aggregate_type="t.T")
    store.create_schema()
    again = backend.open()
    again.create_schema()
    assert again.load("s") == store.load("s")


def test_a_database_laid_out_by_a_newer_release_is_refused(backend: Backend) -> None:
    backend.open()
    backend.raw("UPDATE {p}meta SET value = 99 WHERE key = 'schema_version'")
    with pytest.raises(StoreSchemaError) as caught:
        backend.open()
    assert (caught.value.found, caught.value.supported) == (99, 1)


def test_a_table_prefix_that_is_not_a_plain_name_is_refused(backend: Backend) -> None:
    with pytest.raises(InvalidInput) as caught:
        Backend(backend.kind, backend.where, "x; DROP TABLE y; --").open()
    assert caught.value.field == "table_prefix"
