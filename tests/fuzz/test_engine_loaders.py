"""Hostile input for the engine's loaders: typed error or a value that round-trips (issue 17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import (
    CommissioningError,
    EventRecord,
    InvalidInput,
    record_from_data,
    record_to_data,
    records_from_data,
    records_to_data,
)
from commissioning.machine import (
    Definition,
    Guard,
    Instance,
    Verdict,
    definition_from_data,
    definition_to_data,
)
from commissioning.strategies import (
    EDGE_MOMENTS,
    HUGE_NUMBERS,
    Walk,
    hostile_edits,
    json_values,
    stored_event_logs,
    stored_instances,
    stored_machine_definitions,
    stored_records,
    walks,
)

from ._promise import typed_error_or_round_trip

PERMISSIVE = Guard("permissive", lambda context, data: Verdict.allow(), "Allows everything.")

fuzz = settings(max_examples=80)


def load_definition(data: Any) -> Definition:
    return definition_from_data(data, guards=[PERMISSIVE])


@fuzz
@given(json_values())
def test_garbage_is_refused_by_every_engine_loader_with_a_typed_error(garbage: Any) -> None:
    typed_error_or_round_trip(load_definition, definition_to_data, garbage)
    typed_error_or_round_trip(record_from_data, record_to_data, garbage)
    typed_error_or_round_trip(records_from_data, records_to_data, garbage)


@fuzz
@given(hostile_edits(stored_machine_definitions()))
def test_an_edited_machine_definition_loads_or_is_refused_with_a_typed_error(doc: Any) -> None:
    typed_error_or_round_trip(load_definition, definition_to_data, doc)


@fuzz
@given(hostile_edits(stored_records()))
def test_an_edited_event_log_row_loads_or_is_refused_with_a_typed_error(doc: Any) -> None:
    record = typed_error_or_round_trip(record_from_data, record_to_data, doc)
    if record is not None:
        assert record.occurred_at.tzinfo is dt.UTC


@fuzz
@given(hostile_edits(stored_event_logs()))
def test_an_edited_event_log_loads_or_is_refused_with_a_typed_error(doc: Any) -> None:
    typed_error_or_round_trip(records_from_data, records_to_data, doc)


@fuzz
@given(stored_instances(), st.data())
def test_an_edited_stored_instance_loads_or_is_refused_with_a_typed_error(
    pair: tuple[Definition, Any], data: st.DataObject
) -> None:
    definition, document = pair
    doc = data.draw(hostile_edits(document))
    instance = typed_error_or_round_trip(
        lambda d: Instance.from_data(d, definition=definition), Instance.to_data, doc
    )
    if instance is not None:
        assert instance.state in definition.state_names


@fuzz
@given(walks(max_steps=6).filter(lambda w: bool(w.steps)), st.data())
def test_replaying_records_with_an_edited_row_fits_the_machine_or_is_refused(
    walk: Walk, data: st.DataObject
) -> None:
    """``Instance.replay`` and ``Instance.apply`` take records as loaded from a hostile row."""
    _, records = walk.run()
    i = data.draw(st.integers(0, len(records) - 1))
    try:
        edited = record_from_data(data.draw(hostile_edits(record_to_data(records[i]))))
    except CommissioningError:
        return
    changed = (*records[:i], edited, *records[i + 1 :])
    try:
        replayed = Instance.replay(changed, definition=walk.definition)
    except CommissioningError:
        replayed = None
    if replayed is not None:
        assert replayed.state in walk.definition.state_names
        typed_error_or_round_trip(
            lambda d: Instance.from_data(d, definition=walk.definition),
            Instance.to_data,
            replayed.to_data(),
        )
    instance = walk.definition.start(walk.stream_id, at=walk.started_at)
    try:
        for record in changed:
            instance = instance.apply(record)
    except CommissioningError:
        return
    assert instance.state in walk.definition.state_names
    assert instance == replayed


ODD_VALUES = (None, 1, 1.5, [], ["x"], {"x": 1}, "", "\x00", "x" * 300, *HUGE_NUMBERS[:4])
ODD_FIELDS = st.integers(0, len(ODD_VALUES) - 1).map(ODD_VALUES.__getitem__)


@fuzz
@given(walks(max_steps=4).filter(lambda w: bool(w.steps)), st.data())
def test_a_record_built_with_fields_of_the_wrong_type_is_refused_when_applied(
    walk: Walk, data: st.DataObject
) -> None:
    """Issue 17 item 3: ``apply`` rejects records whose fields are of the wrong type."""
    _, records = walk.run()
    field = data.draw(
        st.sampled_from(["stream_id", "version", "event", "actor", "source", "target", "path"])
    )
    odd = data.draw(ODD_FIELDS)
    fields = {name: getattr(records[0], name) for name in EventRecord._fields}
    fields[field] = odd
    instance = walk.definition.start(walk.stream_id, at=walk.started_at)
    try:
        record = EventRecord(**fields)
        applied = instance.apply(record)
    except CommissioningError:
        return
    # accepted: the odd value fits (e.g. None where None is allowed) and the state is real
    assert applied.state in walk.definition.state_names
    record_from_data(record_to_data(record))


EDGE_AT = st.sampled_from(
    [
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
        dt.datetime(1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
    ]
)


@fuzz
@given(walks(max_steps=3), EDGE_AT)
def test_moments_at_the_edges_of_the_calendar_are_refused_or_kept_in_utc(
    walk: Walk, at: dt.datetime
) -> None:
    try:
        instance = walk.definition.start("edge", at=at)
    except CommissioningError:
        instance = walk.definition.start("edge", at=walk.started_at)
    else:
        assert instance.started_at.tzinfo is dt.UTC
    for event in walk.definition.events_from(instance.state):
        try:
            fired, (record,) = instance.fire(event, at=at, actor="ann")
        except CommissioningError:
            continue
        assert record.occurred_at.tzinfo is dt.UTC
        try:
            dues = fired.due(at=at)
        except CommissioningError:
            continue
        assert all(d.due_at.tzinfo is dt.UTC for d in dues)


@pytest.mark.parametrize("moment", EDGE_MOMENTS)
def test_an_event_log_row_dated_at_an_edge_of_the_calendar_is_refused_or_kept_in_utc(
    moment: str,
) -> None:
    row = {
        "format": "commissioning.record",
        "format_version": 1,
        "stream_id": "case-1",
        "version": 1,
        "event": "close",
        "occurred_at": moment,
        "actor": "ann",
        "data": {},
        "path": [],
        "source": "open",
        "target": "closed",
    }
    try:
        record = record_from_data(row)
    except InvalidInput as err:
        refused: InvalidInput | None = err
    else:
        refused = None
    if refused is not None:
        assert any(p.field.endswith("occurred_at") for p in refused.problems)
        return
    assert record.occurred_at.tzinfo is dt.UTC
    assert record_from_data(record_to_data(record)) == record
