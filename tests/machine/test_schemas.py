"""Every stored form the engine writes validates against the JSON Schema it ships (issue 11, item 3)."""

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from commissioning import InvalidInput
from commissioning.machine import (
    Definition,
    EventRecord,
    Instance,
    State,
    Transition,
    definition_from_data,
    definition_to_data,
    json_schema,
    record_from_data,
    record_to_data,
    records_to_data,
)
from commissioning.strategies import definitions, walks

from .conftest import READY, T0, at, cycle_definition
from .test_serialisation import REGISTRY


def _validator(name: str) -> Draft202012Validator:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


VALIDATORS = {name: _validator(name) for name in ("definition", "record", "events", "instance")}


def _valid(name: str, document: Any) -> None:
    """The document, through strict JSON, validates; the first error is shown if not."""
    text = json.dumps(document, allow_nan=False)
    errors = sorted(VALIDATORS[name].iter_errors(json.loads(text)), key=lambda e: e.path)
    assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


def _invalid(name: str, document: Any) -> None:
    assert not VALIDATORS[name].is_valid(document)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=10,
)

nested = definitions(max_states=4, child_definitions=definitions(max_states=3))


@settings(max_examples=40)
@given(definitions(max_states=6) | nested)
def test_every_generated_definition_validates(definition: Definition) -> None:
    _valid("definition", definition_to_data(definition))


@settings(max_examples=40)
@given(walks(nested, max_steps=8))
def test_every_walk_writes_records_logs_and_instances_that_validate(walk: Any) -> None:
    instance, records = walk.run()
    for record in records:
        _valid("record", record_to_data(record))
    _valid("events", records_to_data(records))
    _valid("instance", instance.to_data())


@settings(max_examples=40)
@given(json_values.filter(lambda v: isinstance(v, dict)) | st.dictionaries(st.text(), json_values))
def test_records_with_any_json_data_validate(data: dict[str, Any]) -> None:
    case = cycle_definition().start("c", at=T0)
    _, (record,) = case.fire("begin", at=at(1), actor="ann", data=data)
    _valid("record", record_to_data(record))


def test_the_documents_of_the_machine_tests_validate() -> None:
    d = cycle_definition()
    _valid("definition", definition_to_data(d))
    case = d.start("c", at=T0)
    for i, event in enumerate(["begin", "plan", "do"]):
        case, _ = case.fire(event, at=at(i), actor="ann", context=READY, data={"n": [i]})
    _valid("events", records_to_data(case.history))
    _valid("instance", case.to_data())
    _valid("instance", d.start("fresh", at=T0).to_data())
    stateless = EventRecord("map-1", 1, "add_stakeholder", T0, "ann", {"name": "x"}, (), None, None)
    _valid("record", record_to_data(stateless))


def test_a_scalar_source_is_accepted_by_the_schema_and_the_reader() -> None:
    data = definition_to_data(cycle_definition())
    data["transitions"][0]["source"] = "start"
    _valid("definition", data)
    assert definition_from_data(data, guards=REGISTRY) == cycle_definition()


def test_a_minimal_definition_with_defaults_left_out_validates_and_loads() -> None:
    data = {
        "format": "commissioning.definition",
        "format_version": 1,
        "name": "review",
        "states": [{"name": "open", "initial": True}, {"name": "closed", "final": True}],
        "transitions": [{"source": "open", "event": "close", "target": "closed"}],
    }
    _valid("definition", data)
    expected = Definition(
        "review",
        states=[State("open", initial=True), State("closed", final=True)],
        transitions=[Transition("open", "close", "closed")],
    )
    assert definition_from_data(data) == expected


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("occurred_at", "2026-01-05T09:00:00"),  # no offset
        ("version", 0),
        ("version", "1"),
        ("actor", ""),
        ("stream_id", ""),
        ("format_version", 2),
        ("path", "buy"),
        ("data", []),
    ],
)
def test_the_schema_and_the_reader_refuse_the_same_bad_records(change: str, value: object) -> None:
    _, (record,) = cycle_definition().start("c", at=T0).fire("begin", at=at(1), actor="ann")
    doc = {**record_to_data(record), change: value}
    _invalid("record", doc)
    with pytest.raises(InvalidInput):
        record_from_data(doc)


def test_schemas_name_what_they_describe() -> None:
    for name in VALIDATORS:
        schema = json_schema(name)
        assert schema["$id"] == f"urn:commissioning:schema:{name}"
        assert schema["properties"]["format"] == {"const": f"commissioning.{name}"}
    assert json_schema("events") is not json_schema("events")  # a fresh copy each time


def test_an_instance_document_is_the_instance() -> None:
    d = cycle_definition()
    case, _ = d.start("c", at=T0).fire("begin", at=at(1), actor="a")
    assert Instance.from_data(json.loads(json.dumps(case.to_data())), definition=d) == case
    assert isinstance(T0, dt.datetime)
