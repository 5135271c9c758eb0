import json
from typing import Any

import pytest

from commissioning import InvalidDefinition, InvalidInput, InvalidInputType
from commissioning.machine import (
    Deadline,
    Definition,
    GuardRegistry,
    Period,
    State,
    Transition,
    definition_from_data,
    definition_to_data,
    records_from_data,
    records_to_data,
)

from .conftest import READY, T0, at, budget_approved, cycle_definition, needs_analysed

REGISTRY = GuardRegistry.of(budget_approved, needs_analysed)


def test_a_definition_round_trips_through_json_text() -> None:
    d = cycle_definition()
    text = json.dumps(definition_to_data(d))
    assert definition_from_data(json.loads(text), guards=REGISTRY) == d


def test_children_and_deadlines_round_trip() -> None:
    child = Definition(
        "child",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b")],
    )
    parent = Definition(
        "parent",
        states=[
            State(
                "p",
                initial=True,
                children=[child],
                deadlines=[Deadline("review", after=Period(months=6))],
            ),
            State("q", final=True),
        ],
        transitions=[
            Transition(
                "p",
                "done",
                "q",
                requires_child_final=True,
                deadline=Deadline("finish", after=Period(years=1), warn_before=Period(weeks=2)),
            )
        ],
    )
    assert definition_from_data(json.loads(json.dumps(definition_to_data(parent)))) == parent


def test_guards_are_looked_up_by_registered_name_and_never_executed_from_data() -> None:
    data = definition_to_data(cycle_definition())
    with pytest.raises(InvalidInput) as info:
        definition_from_data(data)
    fields = {p.field for p in info.value.problems}
    assert fields == {"transitions[1].guards[0]", "transitions[2].guards[0]"}
    data["transitions"][1]["guards"] = ["__import__('os').system('true')"]
    with pytest.raises(InvalidInput, match="a registered guard name"):
        definition_from_data(data, guards=REGISTRY)


def test_malformed_definitions_report_every_field() -> None:
    data: dict[str, Any] = {
        "format": "commissioning.definition",
        "format_version": 1,
        "name": 7,
        "states": [{"name": "a", "initial": "yes"}, "b"],
        "transitions": [{"source": 3, "event": "go"}],
    }
    with pytest.raises(InvalidInput) as info:
        definition_from_data(data)
    fields = {p.field for p in info.value.problems}
    assert {
        "name",
        "states[0].initial",
        "states[1]",
        "transitions[0].source",
        "transitions[0].target",
    } <= fields


def test_a_transition_may_name_a_single_source_state_as_a_plain_string() -> None:
    data = definition_to_data(cycle_definition())
    data["transitions"][0]["source"] = data["transitions"][0]["source"][0]
    assert definition_from_data(data, guards=REGISTRY) == cycle_definition()


def test_wrong_format_or_version_is_refused() -> None:
    data = definition_to_data(cycle_definition())
    with pytest.raises(InvalidInput, match="format_version"):
        definition_from_data({**data, "format_version": 99}, guards=REGISTRY)
    with pytest.raises(InvalidInputType):
        definition_from_data([1, 2, 3])


def test_a_structurally_wrong_machine_from_data_is_an_invalid_definition() -> None:
    data = definition_to_data(cycle_definition())
    data["states"][0]["initial"] = False
    with pytest.raises(InvalidDefinition):
        definition_from_data(data, guards=REGISTRY)


def test_hostile_sizes_and_nesting_are_refused() -> None:
    data = definition_to_data(cycle_definition())
    with pytest.raises(InvalidInput, match="at most 10000 items"):
        definition_from_data({**data, "states": [{}] * 10_001}, guards=REGISTRY)
    with pytest.raises(InvalidInput, match="characters"):
        definition_from_data({**data, "name": "x" * 2000}, guards=REGISTRY)
    nested: dict[str, Any] = {"name": "leaf", "states": [], "transitions": []}
    for i in range(20):
        nested = {
            "name": f"n{i}",
            "states": [{"name": "s", "initial": True, "final": True, "children": [nested]}],
            "transitions": [],
        }
    with pytest.raises(InvalidInput, match="levels of child machines"):
        definition_from_data({"format": "commissioning.definition", "format_version": 1, **nested})


def test_an_event_log_round_trips_through_json_text() -> None:
    d = cycle_definition()
    case = d.start("c", at=T0)
    records = []
    for i, event in enumerate(["begin", "plan", "do"]):
        case, (r,) = case.fire(event, at=at(i), actor="ann", context=READY, data={"n": [i]})
        records.append(r)
    loaded = records_from_data(json.loads(json.dumps(records_to_data(records))))
    assert loaded == tuple(records)
    assert d.replay(loaded) == case


def test_a_malformed_event_log_is_refused_with_every_field() -> None:
    bad = {
        "format": "commissioning.events",
        "format_version": 2,
        "records": [
            {
                "format": "commissioning.record",
                "format_version": 1,
                "stream_id": "c",
                "version": 0,
                "event": "go",
                "source": "a",
                "target": "b",
                "occurred_at": "2026-01-01T00:00:00",
                "actor": "ann",
                "data": {"x": object()},
            }
        ],
    }
    with pytest.raises(InvalidInput) as info:
        records_from_data(bad)
    fields = {p.field for p in info.value.problems}
    assert fields == {"records[0].version", "records[0].occurred_at", "records[0].data.x"}
    with pytest.raises(InvalidInput, match="at most 1 records"):
        records_from_data({**bad, "records": [{}, {}]}, max_records=1)
