"""Property: whatever mix of fresh and stale appends arrives, the store equals a simple model."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import VersionConflict
from commissioning.machine import EventRecord, record_to_data
from commissioning.store import SQLiteEventStore
from commissioning.store._codec import prepare_append

from .conftest import rec

# An attempt: which stream, how many versions behind (0 = fresh), how many records.
attempts = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 2), st.integers(1, 3)),
    max_size=25,
)


@given(attempts)
def test_the_store_keeps_exactly_the_appends_that_were_not_stale(
    plan: list[tuple[str, int, int]],
) -> None:
    model: dict[str, list[EventRecord]] = {}
    feed: list[EventRecord] = []
    with SQLiteEventStore(":memory:") as store:
        for n, (stream, behind, count) in enumerate(plan):
            current = len(model.get(stream, []))
            expected = max(current - behind, 0)
            batch = [rec(stream, expected + 1 + i, data={"attempt": n}) for i in range(count)]
            if expected == current:
                store.append(batch, aggregate_type="t.T")
                model.setdefault(stream, []).extend(batch)
                feed.extend(batch)
            else:
                with pytest.raises(VersionConflict) as conflict:
                    store.append(batch, aggregate_type="t.T")
                assert (conflict.value.expected, conflict.value.actual) == (expected, current)
        for stream, records in model.items():
            assert store.load(stream) == tuple(records)
            assert store.version(stream) == len(records)
        entries = store.read_after(0, limit=1000)
        assert [e.record for e in entries] == feed
        assert [e.position for e in entries] == list(range(1, len(feed) + 1))
        assert store.streams() == tuple(sorted(model))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(), json_values, max_size=4), st.text(min_size=1, max_size=20))
def test_a_stored_row_is_exactly_the_json_of_the_cores_record_document(
    data: dict[str, object], actor: str
) -> None:
    record = rec("s", 1, data=data, actor=actor)
    (row,) = prepare_append([record], None, "t.T").rows
    assert json.loads(row[4]) == record_to_data(record)
    assert row[4] == json.dumps(record_to_data(record), separators=(",", ":"))
