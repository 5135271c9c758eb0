"""Tests that would notice the loader mutations issue 17 (item 6) found surviving.

A stored document is read at the edge, so every refusal names the field's full path,
what was expected and what was received; a caller shows these to whoever edited the
file. Each case edits one field of a document the library wrote itself.
"""

import copy
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from commissioning import InvalidInput, InvalidInputType, Problem
from commissioning.machine import (
    Deadline,
    Definition,
    Guard,
    GuardRegistry,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
    definition_from_data,
    definition_to_data,
    record_from_data,
    record_to_data,
    records_from_data,
    records_to_data,
)

from .conftest import T0, at

MAPPING = "a mapping (a JSON object)"
ISO = "an ISO 8601 date-time with an offset"


def _allow(context: Any, data: Any) -> Verdict:
    return Verdict.allow()


def _definition() -> Definition:
    child = Definition(
        "child",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b")],
        description="the child",
    )
    return Definition(
        "parent",
        states=[
            State(
                "p",
                initial=True,
                children=[child],
                deadlines=[Deadline("review", after=Period(months=6), description="look again")],
                description="planning",
            ),
            State("q", final=True, description="done"),
        ],
        transitions=[
            Transition(
                "p",
                "done",
                "q",
                guards=[Guard("ok", _allow)],
                requires_child_final=True,
                deadline=Deadline("finish", after=Period(years=1), warn_before=Period(weeks=2)),
                description="finish it",
            )
        ],
        description="a parent machine",
    )


def _problems(err: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str, object, str]]:
    return [(p.field, p.expected, p.received, p.kind) for p in err.value.problems]


def _edited(document: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A deep copy of ``document`` with the field at dotted ``path`` set (or removed: ``...``)."""
    out = copy.deepcopy(document)
    *parents, last = path.split(".")
    here: Any = out
    for step in parents:
        here = here[int(step)] if step.isdigit() else here[step]
    if value is ...:
        del here[last]
    elif last.isdigit():
        here[int(last)] = value
    else:
        here[last] = value
    return out


@pytest.fixture
def utc_elsewhere() -> Iterator[None]:
    """Run the test with the machine's local time zone far from UTC."""
    mp = pytest.MonkeyPatch()
    mp.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        yield
    finally:
        mp.undo()
        time.tzset()


# --------------------------------------------------------------- definitions


def test_a_definition_with_descriptions_everywhere_round_trips() -> None:
    d = _definition()
    registry = GuardRegistry.of(Guard("ok", _allow))
    back = definition_from_data(json.loads(json.dumps(definition_to_data(d))), guards=registry)
    assert back == d
    assert back.description == "a parent machine"
    assert [s.description for s in back.states] == ["planning", "done"]
    assert back.transitions[0].description == "finish it"
    assert back.states[0].children[0].description == "the child"
    assert back.states[0].deadlines[0].description == "look again"


_DEF_CASES: list[tuple[str, object, list[tuple[str, str, object, str]]]] = [
    ("description", 5, [("description", "a str", 5, "type")]),
    ("states", "all", [("states", "a list", "all", "type")]),
    ("transitions", 5, [("transitions", "a list", 5, "type")]),
    ("states.0", 5, [("states[0]", MAPPING, 5, "type")]),
    ("states.0.name", 5, [("states[0].name", "a str", 5, "type")]),
    ("states.0.initial", "yes", [("states[0].initial", "true or false", "yes", "type")]),
    ("states.1.final", 1, [("states[1].final", "true or false", 1, "type")]),
    ("states.0.description", 5, [("states[0].description", "a str", 5, "type")]),
    ("states.0.deadlines", 5, [("states[0].deadlines", "a list", 5, "type")]),
    ("states.0.children", 5, [("states[0].children", "a list", 5, "type")]),
    ("states.0.children.0", 5, [("states[0].children[0]", MAPPING, 5, "type")]),
    ("states.0.children.0.name", 5, [("states[0].children[0].name", "a str", 5, "type")]),
    (
        "states.0.children.0.description",
        5,
        [("states[0].children[0].description", "a str", 5, "type")],
    ),
    ("states.0.children.0.states", 5, [("states[0].children[0].states", "a list", 5, "type")]),
    (
        "states.0.children.0.transitions",
        5,
        [("states[0].children[0].transitions", "a list", 5, "type")],
    ),
    ("transitions.0", 5, [("transitions[0]", MAPPING, 5, "type")]),
    ("transitions.0.source", [5], [("transitions[0].source[0]", "a state name (str)", 5, "type")]),
    ("transitions.0.event", 5, [("transitions[0].event", "a str", 5, "type")]),
    ("transitions.0.guards", 5, [("transitions[0].guards", "a list", 5, "type")]),
    (
        "transitions.0.guards",
        [5],
        [("transitions[0].guards[0]", "a registered guard name (str)", 5, "type")],
    ),
    (
        "transitions.0.guards",
        ["nope"],
        [("transitions[0].guards[0]", "a registered guard name (again, ok)", "nope", "value")],
    ),
    (
        "transitions.0.requires_child_final",
        1,
        [("transitions[0].requires_child_final", "true or false", 1, "type")],
    ),
    ("transitions.0.description", 5, [("transitions[0].description", "a str", 5, "type")]),
    ("transitions.0.deadline", 5, [("transitions[0].deadline", MAPPING, 5, "type")]),
    ("transitions.0.deadline.name", 5, [("transitions[0].deadline.name", "a str", 5, "type")]),
    (
        "transitions.0.deadline.description",
        5,
        [("transitions[0].deadline.description", "a str", 5, "type")],
    ),
    (
        "transitions.0.deadline.after",
        "a year",
        [
            (
                "transitions[0].deadline.after",
                "a mapping of years, months, weeks, days",
                "a year",
                "type",
            )
        ],
    ),
    (
        "transitions.0.deadline.after",
        ...,
        [
            (
                "transitions[0].deadline.after",
                "a mapping of years, months, weeks, days",
                None,
                "type",
            )
        ],
    ),
    (
        "transitions.0.deadline.after",
        {"days": -1},
        [("transitions[0].deadline.after.days", "a whole number from 0 to 10000", -1, "value")],
    ),
    (
        "transitions.0.deadline.after",
        {"days": 10_001},
        [("transitions[0].deadline.after.days", "a whole number from 0 to 10000", 10_001, "value")],
    ),
    (
        "transitions.0.deadline.after",
        {"days": "1"},
        [("transitions[0].deadline.after.days", "a whole number >= 0", "1", "type")],
    ),
    (
        "transitions.0.deadline.after",
        {"days": 1, "hours": 2},
        [
            (
                "transitions[0].deadline.after",
                "only years, months, weeks and days",
                ["hours"],
                "value",
            )
        ],
    ),
    (
        "states.0.deadlines.0.warn_before",
        {"weeks": None},
        [("states[0].deadlines[0].warn_before.weeks", "a whole number >= 0", None, "type")],
    ),
]


@pytest.mark.parametrize(("path", "value", "problems"), _DEF_CASES, ids=[c[0] for c in _DEF_CASES])
def test_every_bad_field_of_a_stored_definition_is_named_by_its_path(
    path: str, value: object, problems: list[tuple[str, str, object, str]]
) -> None:
    registry = GuardRegistry.of(Guard("ok", _allow), Guard("again", _allow))
    document = _edited(definition_to_data(_definition()), path, value)
    with pytest.raises(InvalidInput) as err:
        definition_from_data(document, guards=registry)
    assert _problems(err) == problems


def test_a_definition_that_is_not_a_mapping_or_not_ours_is_named() -> None:
    with pytest.raises(InvalidInput) as not_mapping:
        definition_from_data(5)
    assert _problems(not_mapping) == [("data", MAPPING, 5, "type")]
    with pytest.raises(InvalidInput) as foreign:
        definition_from_data({"format": "other", "format_version": 2})
    assert _problems(foreign) == [
        ("format", "'commissioning.definition'", "other", "value"),
        ("format_version", "1 (the only version this release reads)", 2, "value"),
    ]


def test_a_guard_name_with_none_registered_says_so() -> None:
    document = definition_to_data(_definition())
    with pytest.raises(InvalidInput) as err:
        definition_from_data(document)
    assert _problems(err) == [
        ("transitions[0].guards[0]", "a registered guard name (none registered)", "ok", "value")
    ]


def test_a_mapping_of_guards_must_file_each_under_its_own_name() -> None:
    document = definition_to_data(_definition())
    with pytest.raises(InvalidInput) as wrong_name:
        definition_from_data(document, guards={"ok": Guard("other", _allow)})
    assert _problems(wrong_name) == [("guards['ok']", "a guard named 'ok'", "other", "value")]
    with pytest.raises(InvalidInput) as not_guard:
        definition_from_data(document, guards={"ok": _allow})  # type: ignore[arg-type]
    assert _problems(not_guard) == [("guards['ok']", "a Guard", _allow, "type")]
    loaded = definition_from_data(document, guards={"ok": Guard("ok", _allow)})
    assert loaded == _definition()


def test_periods_default_missing_units_to_zero_and_a_missing_warning_to_none() -> None:
    document = definition_to_data(_definition())
    document["transitions"][0]["deadline"]["after"] = {"days": 3}
    del document["transitions"][0]["deadline"]["warn_before"]
    del document["transitions"][0]["deadline"]["description"]
    loaded = definition_from_data(document, guards=GuardRegistry.of(Guard("ok", _allow)))
    assert loaded.transitions[0].deadline == Deadline("finish", after=Period(days=3))
    document["transitions"][0]["deadline"]["after"] = {"days": 10_000}
    assert definition_from_data(document, guards=GuardRegistry.of(Guard("ok", _allow))).transitions[
        0
    ].deadline == Deadline("finish", after=Period(days=10_000))


def test_a_name_may_have_1000_characters_and_no_more() -> None:
    document = definition_to_data(_definition())
    document["name"] = "n" * 1000
    assert definition_from_data(document, guards={"ok": Guard("ok", _allow)}).name == "n" * 1000
    document["name"] = "n" * 1001
    with pytest.raises(InvalidInput) as err:
        definition_from_data(document, guards={"ok": Guard("ok", _allow)})
    assert _problems(err) == [("name", "at most 1000 characters", "1001 characters", "value")]


def test_a_list_may_have_10000_items_and_no_more() -> None:
    ok = Guard("ok", _allow)
    document = definition_to_data(_definition())
    document["transitions"][0]["guards"] = ["ok"] * 10_000
    loaded = definition_from_data(document, guards={"ok": ok})
    assert len(loaded.transitions[0].guards) == 10_000
    document["transitions"][0]["guards"] = ["ok"] * 10_001
    with pytest.raises(InvalidInput) as err:
        definition_from_data(document, guards={"ok": ok})
    assert _problems(err) == [("transitions[0].guards", "at most 10000 items", 10_001, "value")]


def test_child_machines_nested_17_deep_are_named_where_they_go_too_deep() -> None:
    leaf: dict[str, Any] = definition_to_data(
        Definition(
            "leaf",
            states=[State("a", initial=True), State("z", final=True)],
            transitions=[Transition("a", "go", "z")],
        )
    )
    document = leaf
    for level in range(17):
        host = copy.deepcopy(leaf)
        host["name"] = f"level-{level}"
        host["states"][0]["children"] = [document]
        document = host
    where = ".".join(["states[0].children[0]"] * 17)
    with pytest.raises(InvalidInput) as err:
        definition_from_data(document)
    assert _problems(err) == [(where, "at most 16 levels of child machines", "deeper", "value")]


# -------------------------------------------------------------------- records


def _records() -> tuple[Any, ...]:
    d = Definition(
        "review",
        states=[State("open", initial=True), State("checked"), State("closed", final=True)],
        transitions=[
            Transition("open", "check", "checked"),
            Transition("checked", "close", "closed"),
        ],
    )
    case, first = d.start("case-1", at=T0).fire("check", at=at(1), actor="ann", data={"n": [1]})
    _, second = case.fire("close", at=at(2), actor="bob")
    return first + second


def test_records_are_stored_in_utc_whatever_the_local_time_zone(utc_elsewhere: None) -> None:
    d = Definition(
        "review",
        states=[State("open", initial=True), State("closed", final=True)],
        transitions=[Transition("open", "close", "closed")],
    )
    case, (record,) = d.start("case-1", at=T0).fire("close", at=at(1), actor="ann")
    assert record_to_data(record)["occurred_at"] == "2026-04-02T09:00:00+00:00"
    assert case.to_data()["started_at"] == "2026-04-01T09:00:00+00:00"


def test_something_not_a_record_is_named_when_storing() -> None:
    with pytest.raises(InvalidInputType) as err:
        record_to_data("record")  # type: ignore[arg-type]
    assert _problems(err) == [("record", "an EventRecord", "record", "type")]


_REC_CASES: list[tuple[str, object, list[tuple[str, str, object, str]]]] = [
    ("0", 5, [("records[0]", MAPPING, 5, "type")]),
    ("0.format", "other", [("records[0].format", "'commissioning.record'", "other", "value")]),
    (
        "0.format_version",
        True,
        [("records[0].format_version", "1 (the record version this release reads)", True, "value")],
    ),
    ("0.stream_id", "", [("records[0].stream_id", "a non-empty str", "", "value")]),
    ("0.actor", 5, [("records[0].actor", "a str", 5, "type")]),
    ("0.source", 5, [("records[0].source", "a str", 5, "type")]),
    ("1.target", 5, [("records[1].target", "a str", 5, "type")]),
    ("0.version", "1", [("records[0].version", "a whole number >= 1", "1", "type")]),
    ("0.version", 0, [("records[0].version", "a whole number >= 1", 0, "value")]),
    ("0.path", "a", [("records[0].path", "a list of state names", "a", "type")]),
    ("0.path", [5], [("records[0].path[0]", "a state name (str)", 5, "type")]),
    ("0.path", ["p"] * 17, [("records[0].path", "at most 16 names", 17, "value")]),
    ("0.occurred_at", 5, [("records[0].occurred_at", ISO, 5, "type")]),
    (
        "0.occurred_at",
        "2026-04-02T09:00:00",
        [("records[0].occurred_at", ISO, "2026-04-02T09:00:00", "value")],
    ),
    ("0.occurred_at", "soon", [("records[0].occurred_at", ISO, "soon", "value")]),
    (
        "0.occurred_at",
        "0001-01-01T00:00:00+01:00",
        [
            (
                "records[0].occurred_at",
                "a moment within the years 1 to 9999 in UTC",
                "0001-01-01T00:00:00+01:00",
                "value",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "problems"), _REC_CASES, ids=[f"{c[0]}={c[1]!r}"[:40] for c in _REC_CASES]
)
def test_every_bad_field_of_a_stored_event_log_is_named_by_its_path(
    path: str, value: object, problems: list[tuple[str, str, object, str]]
) -> None:
    log = records_to_data(_records())
    document = _edited(log, f"records.{path}", value)
    with pytest.raises(InvalidInput) as err:
        records_from_data(document)
    assert _problems(err) == problems


def test_a_lone_record_names_its_fields_without_a_prefix() -> None:
    document = record_to_data(_records()[0])
    document["version"] = 0
    document["actor"] = ""
    with pytest.raises(InvalidInput) as err:
        record_from_data(document)
    assert _problems(err) == [
        ("actor", "a non-empty str", "", "value"),
        ("version", "a whole number >= 1", 0, "value"),
    ]
    with pytest.raises(InvalidInput) as not_mapping:
        record_from_data(5)
    assert _problems(not_mapping) == [("data", MAPPING, 5, "type")]


def test_a_record_without_data_or_path_has_none() -> None:
    document = record_to_data(_records()[1])
    del document["data"]
    del document["path"]
    record = record_from_data(document)
    assert (dict(record.data), record.path) == ({}, ())


def test_an_event_log_may_hold_max_records_and_no_more() -> None:
    log = records_to_data(_records())
    assert len(records_from_data(log, max_records=2)) == 2
    with pytest.raises(InvalidInput) as err:
        records_from_data(log, max_records=1)
    assert _problems(err) == [("records", "at most 1 records", 2, "value")]
    with pytest.raises(InvalidInput) as not_list:
        records_from_data({"format": "commissioning.events", "format_version": 2, "records": "x"})
    assert _problems(not_list) == [("records", "a list of records", "x", "type")]


def test_record_data_nesting_is_limited_by_the_depth_given() -> None:
    log = records_to_data(_records())  # the first record's data is {"n": [1]}: two levels
    assert len(records_from_data(log, max_data_depth=2)) == 2
    with pytest.raises(InvalidInput) as err:
        records_from_data(log, max_data_depth=1)
    assert err.value.problems[0].field.startswith("records[0].data")


_LOADERS: dict[str, Callable[[list[Any]], object]] = {
    "event log": lambda bad: records_from_data(
        {"format": "commissioning.events", "format_version": 2, "records": bad}
    ),
    "instance": lambda bad: Instance.from_data(
        {
            "format": "commissioning.instance",
            "format_version": 1,
            "definition": "review",
            "stream_id": "case-1",
            "started_at": "2026-04-01T09:00:00+00:00",
            "records": bad,
        },
        definition=Definition(
            "review",
            states=[State("open", initial=True), State("closed", final=True)],
            transitions=[Transition("open", "close", "closed")],
        ),
    ),
}


@pytest.mark.parametrize("loader", list(_LOADERS))
def test_a_log_stops_collecting_after_a_hundred_problems(loader: str) -> None:
    with pytest.raises(InvalidInput) as err:
        _LOADERS[loader]([5] * 150)
    assert len(err.value.problems) == 101
    assert err.value.problems[100].field == "records[100]"


# ------------------------------------------------------------------ instances


def _instance_document() -> tuple[Definition, dict[str, Any]]:
    d = Definition(
        "review",
        states=[State("open", initial=True), State("closed", final=True)],
        transitions=[Transition("open", "close", "closed")],
    )
    case, _ = d.start("case-1", at=T0).fire("close", at=at(1), actor="ann")
    return d, case.to_data()


@pytest.mark.parametrize(
    ("path", "value", "problems"),
    [
        (
            "definition",
            "other",
            [("definition", "'review' (the definition given)", "other", "value")],
        ),
        ("definition", 5, [("definition", "a str", 5, "type")]),
        ("stream_id", 5, [("stream_id", "a str", 5, "type")]),
        ("started_at", "today", [("started_at", ISO, "today", "value")]),
        ("records", 5, [("records", "a list of records", 5, "type")]),
        ("records.0", 5, [("records[0]", MAPPING, 5, "type")]),
        ("records.0.version", 0, [("records[0].version", "a whole number >= 1", 0, "value")]),
    ],
)
def test_every_bad_field_of_a_stored_instance_is_named(
    path: str, value: object, problems: list[tuple[str, str, object, str]]
) -> None:
    d, document = _instance_document()
    with pytest.raises(InvalidInput) as err:
        Instance.from_data(_edited(document, path, value), definition=d)
    assert _problems(err) == problems


def test_a_stored_instance_round_trips() -> None:
    d, document = _instance_document()
    case = Instance.from_data(document, definition=d)
    assert (case.id, case.state, case.started_at, case.version) == ("case-1", "closed", T0, 1)


def test_a_record_path_may_name_16_states() -> None:
    document = record_to_data(_records()[0])
    document["path"] = [f"s{i}" for i in range(16)]
    assert len(record_from_data(document).path) == 16


def test_a_stored_instance_may_hold_a_million_records_and_no_more() -> None:
    d, document = _instance_document()
    document["records"] = [0] * 1_000_001
    with pytest.raises(InvalidInput) as err:
        Instance.from_data(document, definition=d)
    assert _problems(err) == [("records", "at most 1000000 records", 1_000_001, "value")]
    document["records"] = [0] * 1_000_000
    with pytest.raises(InvalidInput) as each:
        Instance.from_data(document, definition=d)
    assert each.value.problems[0] == Problem("records[0]", MAPPING, 0, "type")
