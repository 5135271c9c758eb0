"""Tests that would notice the record and event-data mutations issue 17 (item 6) found surviving.

A record built by hand, event data from a caller and a forged record met on replay
are each refused field by field, with what was expected and what was received.
"""

import copy
import datetime as dt
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pytest

from commissioning import (
    GuardRejected,
    InvalidHistory,
    InvalidInput,
    TransitionNotAllowed,
    VersionConflict,
)
from commissioning.machine import (
    Deadline,
    Definition,
    EventRecord,
    Guard,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
    freeze_data,
)

from .conftest import T0

NAIVE = dt.datetime(2026, 1, 1)  # noqa: DTZ001 - naive on purpose


def _problems(err: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str, object, str]]:
    return [(p.field, p.expected, p.received, p.kind) for p in err.value.problems]


def test_a_record_built_by_hand_names_every_bad_field() -> None:
    with pytest.raises(InvalidInput) as err:
        EventRecord(5, 0, "", NAIVE, 5, 7, "p", 5, 6)  # type: ignore[arg-type]
    assert _problems(err) == [
        ("stream_id", "a non-empty str", 5, "type"),
        ("event", "a non-empty str", "", "value"),
        ("version", "a whole number >= 1", 0, "value"),
        ("occurred_at", "an aware datetime (with a time zone)", NAIVE, "value"),
        ("actor", "a non-empty str naming who acted", 5, "type"),
        ("data", "a mapping of str to JSON values", 7, "type"),
        ("path", "a tuple of state names (str)", "p", "type"),
        ("source", "a state name (str) or None", 5, "type"),
        ("target", "a state name (str) or None", 6, "type"),
    ]
    with pytest.raises(InvalidInput) as other:
        EventRecord("s", "1", 3, T0, "", None, ["a", 1], None, None)  # type: ignore[arg-type, list-item]
    assert _problems(other) == [
        ("event", "a non-empty str", 3, "type"),
        ("version", "a whole number >= 1", "1", "type"),
        ("actor", "a non-empty str naming who acted", "", "value"),
        ("path", "a tuple of state names (str)", ["a", 1], "type"),
    ]


def _forged(name: str, value: object) -> tuple[Definition, EventRecord]:
    d = Definition(
        "review",
        states=[State("open", initial=True), State("closed", final=True)],
        transitions=[Transition("open", "close", "closed")],
    )
    _, (record,) = d.start("c", at=T0).fire("close", at=T0, actor="ann")
    forged = copy.copy(record)
    object.__setattr__(forged, name, value)
    return d, forged


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("source", None, "source must be the state it left (a str), not None"),
        (
            "source",
            ["x" * 50],
            "source must be the state it left (a str), not ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...",
        ),
        ("path", ["x"], "path must be a tuple of state names, not ['x']"),
        ("actor", "", "actor must be a non-empty str, not ''"),
    ],
)
def test_a_forged_record_on_replay_names_only_the_field_that_is_wrong(
    name: str, value: object, reason: str
) -> None:
    d, forged = _forged(name, value)
    with pytest.raises(InvalidHistory) as err:
        d.replay([forged], started_at=T0)
    assert (err.value.index, err.value.reason) == (0, reason)


def test_event_data_that_is_not_a_mapping_is_named_under_its_field() -> None:
    with pytest.raises(InvalidInput) as err:
        freeze_data(5)
    assert _problems(err) == [("data", "a mapping of str to JSON values", 5, "type")]
    with pytest.raises(InvalidInput) as named:
        freeze_data([1], field="payload")
    assert named.value.field == "payload"


def test_a_read_only_mapping_is_copied_with_its_values() -> None:
    assert dict(freeze_data(MappingProxyType({"a": 1}))) == {"a": 1}
    assert dict(freeze_data(MappingProxyType({}))) == {}


def test_event_data_may_hold_max_items_values_in_all() -> None:
    assert dict(freeze_data({"a": [1, 2]}, max_items=4)) == {"a": (1, 2)}
    with pytest.raises(InvalidInput) as err:
        freeze_data({"a": [1, 2, 3]}, max_items=4)
    assert _problems(err) == [("data.a[2]", "at most 4 items in all", "a larger payload", "value")]


@pytest.mark.parametrize("n", [10**60 - 1, -(10**60) + 1])
def test_an_int_of_60_digits_is_kept(n: int) -> None:
    assert freeze_data({"n": n})["n"] == n


@pytest.mark.parametrize("n", [10**60, -(10**60)])
def test_an_int_of_61_digits_is_refused(n: int) -> None:
    with pytest.raises(InvalidInput) as err:
        freeze_data({"n": n})
    assert _problems(err) == [("data.n", "an int of at most 60 digits", n, "value")]


def test_a_number_that_is_not_finite_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        freeze_data({"x": [1.5, math.inf]})
    assert _problems(err) == [("data.x[1]", "a finite number", math.inf, "value")]


def test_nesting_counts_each_list_and_mapping_once() -> None:
    assert freeze_data({"a": [[1]]}, max_depth=3)["a"] == ((1,),)
    with pytest.raises(InvalidInput) as err:
        freeze_data({"a": [[1]]}, max_depth=2)
    assert _problems(err) == [("data.a[0]", "at most 2 levels of nesting", "deeper", "value")]


def test_a_key_that_is_not_a_str_is_named() -> None:
    with pytest.raises(InvalidInput) as err:
        freeze_data({"a": {1: "x"}})
    assert _problems(err) == [("data.a key", "a str", 1, "type")]


# ------------------------------------------------------------ equality, children


def _review() -> Definition:
    return Definition(
        "review",
        states=[State("open", initial=True), State("closed", final=True)],
        transitions=[Transition("open", "close", "closed")],
    )


def test_instances_and_records_are_equal_only_with_equal_histories() -> None:
    d = _review()
    start = d.start("c", at=T0)
    assert start == start  # noqa: PLR0124 - reflexive equality is the point
    assert d.start("c", at=T0) != d.start("d", at=T0)
    one, (first,) = start.fire("close", at=T0, actor="ann", data={"n": 1})
    two, (second,) = start.fire("close", at=T0, actor="ann", data={"n": 2})
    assert (one.state, one.version) == (two.state, two.version)
    assert one != two
    assert first != second
    assert first == copy.copy(first)


def test_instance_replay_names_a_definition_of_the_wrong_type() -> None:
    with pytest.raises(InvalidInput) as err:
        Instance.replay([], definition="review")  # type: ignore[arg-type]
    assert _problems(err) == [("definition", "a Definition", "review", "type")]


def test_as_of_names_a_moment_before_the_start() -> None:
    case = _review().start("c", at=T0)
    before = T0 - dt.timedelta(seconds=1)
    with pytest.raises(InvalidInput) as err:
        case.as_of(before)
    assert (err.value.field, err.value.received) == ("at", before)
    assert (
        err.value.expected
        == "a moment on or after the instance started (2026-04-01T09:00:00+00:00)"
    )


def test_firing_back_in_time_names_both_moments() -> None:
    d = Definition(
        "review",
        states=[State("open", initial=True), State("checked"), State("closed", final=True)],
        transitions=[
            Transition("open", "check", "checked"),
            Transition("checked", "close", "closed"),
        ],
    )
    case, _ = d.start("c", at=T0).fire("check", at=T0 + dt.timedelta(days=1), actor="ann")
    with pytest.raises(InvalidInput) as err:
        case.fire("close", at=T0, actor="ann")
    assert _problems(err) == [
        (
            "at",
            "a moment on or after the last event (2026-04-02T09:00:00+00:00)",
            "2026-04-01T09:00:00+00:00",
            "value",
        )
    ]


def _ok_with_reason(context: Any, data: Mapping[str, Any]) -> Verdict:
    if context == {"ok": True} and data.get("why") == "ready":
        return Verdict.allow()
    return Verdict.deny("not ready")


def _nested() -> Definition:
    inner = Definition(
        "inner",
        states=[State("a", initial=True), State("z", final=True)],
        transitions=[Transition("a", "go", "z", guards=[Guard("ready", _ok_with_reason)])],
    )

    def host(name: str, state: str, child: Definition) -> Definition:
        return Definition(
            name,
            states=[State(state, initial=True, children=[child]), State("end", final=True)],
            transitions=[Transition(state, "finish", "end", requires_child_final=True)],
        )

    return host("top", "buy", host("middle", "tender", host("lower", "inner", inner)))


def test_fire_child_reaches_a_great_grandchild_with_the_context_and_data() -> None:
    case = _nested().start("p", at=T0)
    with pytest.raises(GuardRejected):
        case.fire_child("go", at=T0, actor="ann", path=("tender", "inner"), data={"why": "ready"})
    with pytest.raises(GuardRejected):
        case.fire_child("go", at=T0, actor="ann", path=("tender", "inner"), context={"ok": True})
    moved, (record,) = case.fire_child(
        "go",
        at=T0,
        actor="ann",
        path=("tender", "inner"),
        data={"why": "ready"},
        context={"ok": True},
    )
    assert record.path == ("buy", "tender", "inner")
    assert moved.child is not None
    assert moved.child.child is not None
    assert moved.child.child.child is not None
    assert moved.child.child.child.state == "z"


def test_a_lone_child_is_fired_with_the_context() -> None:
    lower = _nested().states[0].children[0].states[0].children[0]
    case = lower.start("p", at=T0)
    moved, _ = case.fire_child(
        "go", at=T0, actor="ann", data={"why": "ready"}, context={"ok": True}
    )
    assert moved.child is not None
    assert moved.child.state == "z"


def test_fire_child_says_where_it_expected_the_child() -> None:
    case = _nested().start("p", at=T0)
    with pytest.raises(TransitionNotAllowed) as err:
        case.fire_child("go", at=T0, actor="ann", path=("elsewhere", "inner"))
    assert (err.value.event, err.value.state, err.value.allowed) == ("go", "tender", ())
    assert "(path expects the child in 'elsewhere')" in str(err.value)
    with pytest.raises(TransitionNotAllowed) as none:
        _review().start("c", at=T0).fire_child("go", at=T0, actor="ann")
    assert (none.value.event, none.value.state) == ("go", "open")
    assert "(state 'open' hosts no child machine)" in str(none.value)
    with pytest.raises(VersionConflict) as stale:
        case.fire_child("go", at=T0, actor="ann", expected_version=3)
    assert (stale.value.stream_id, stale.value.expected, stale.value.actual) == ("p", 3, 0)


# ------------------------------------------------------------------ apply, options


def _three() -> Definition:
    return Definition(
        "review",
        states=[State("open", initial=True), State("checked"), State("closed", final=True)],
        transitions=[
            Transition("open", "check", "checked"),
            Transition("checked", "close", "closed"),
            Transition("open", "withdraw", "closed", guards=[Guard("ready", _ok_with_reason)]),
            Transition("open", "withdraw", "checked", guards=[Guard("always", _always)]),
        ],
    )


def _always(context: Any, data: Mapping[str, Any]) -> Verdict:
    return Verdict.allow()


def test_apply_names_the_record_that_does_not_fit_and_why() -> None:
    d = _three()
    start = d.start("c", at=T0)
    after, (record,) = start.fire("check", at=T0, actor="ann")
    applied = start.apply(record)
    assert (applied.state, applied.started_at) == ("checked", T0)
    for thing, reason in (
        (5, "expected an EventRecord, received 5"),
        (record._replace(stream_id="d"), "belongs to stream 'd', not 'c'"),
        (record._replace(version=2), "expected version 1, received 2"),
    ):
        with pytest.raises(InvalidHistory) as err:
            start.apply(thing)  # type: ignore[arg-type]
        assert (err.value.index, err.value.record, err.value.reason) == (0, thing, reason)
    wrong = record._replace(event="close")
    with pytest.raises(InvalidHistory) as bad:
        start.apply(wrong)
    assert (bad.value.index, bad.value.record) == (0, wrong)
    assert bad.value.reason.startswith("event 'close' is not allowed from state 'open'")
    forged = copy.copy(record)
    object.__setattr__(forged, "actor", "")
    with pytest.raises(InvalidHistory) as unnamed:
        start.apply(forged)
    assert (unnamed.value.record, unnamed.value.reason) == (
        forged,
        "actor must be a non-empty str, not ''",
    )
    assert after == applied


def test_options_pass_the_context_and_give_no_reasons_for_an_allowed_fork() -> None:
    start = _three().start("c", at=T0)
    five = dt.timezone(dt.timedelta(hours=5))
    options = {o.event: o for o in start.options(at=T0.astimezone(five), context={"ok": True})}
    assert (options["withdraw"].allowed, options["withdraw"].reasons) == (True, ())
    assert options["withdraw"].target == "checked"
    ready = start.options(at=T0, context={"ok": True}, data={"why": "ready"})
    assert {o.event: o.target for o in ready}["withdraw"] == "closed"


def test_a_transition_deadline_is_due_in_the_state_it_leaves() -> None:
    d = Definition(
        "review",
        states=[State("open", initial=True), State("closed", final=True)],
        transitions=[
            Transition("open", "close", "closed", deadline=Deadline("reply", after=Period(days=5)))
        ],
    )
    (due,) = d.start("c", at=T0).due(at=T0 + dt.timedelta(days=6))
    assert (due.name, due.state, due.event, due.status) == ("reply", "open", "close", "overdue")


def test_a_bad_actor_or_step_is_named_as_received() -> None:
    start = _three().start("c", at=T0)
    with pytest.raises(InvalidInput) as actor:
        start.fire("check", at=T0, actor=5)  # type: ignore[arg-type]
    assert _problems(actor) == [("actor", "a non-empty str naming who acts", 5, "type")]
    with pytest.raises(InvalidInput) as step:
        start.fire_many(["check"], actor="ann")
    assert _problems(step) == [("steps[0]", "(event, at) or (event, at, data)", "check", "type")]
    with pytest.raises(InvalidInput) as long:
        start.fire_many([("check", T0, None, 4)], actor="ann")
    assert _problems(long) == [
        ("steps[0]", "(event, at) or (event, at, data)", ("check", T0, None, 4), "value")
    ]


def test_apply_names_a_record_from_before_the_last_event_or_off_its_path() -> None:
    d = _three()
    start = d.start("c", at=T0)
    later = T0 + dt.timedelta(days=1)
    checked, (first,) = start.fire("check", at=later, actor="ann")
    _, (second,) = checked.fire("close", at=later, actor="ann")
    early = second._replace(occurred_at=T0)
    with pytest.raises(InvalidHistory) as before:
        checked.apply(early)
    assert (before.value.index, before.value.record) == (1, early)
    assert before.value.reason == (
        "occurred at 2026-04-01T09:00:00+00:00, before the previous event at "
        "2026-04-02T09:00:00+00:00"
    )
    off_path = first._replace(path=("open",))
    with pytest.raises(InvalidHistory) as path:
        start.apply(off_path)
    assert path.value.reason == (
        "event 'check' is not allowed from state 'open' (the record's path expects a child "
        "machine hosted by 'open'); expected one of: none"
    )
    elsewhere = second._replace(version=1)
    with pytest.raises(InvalidHistory) as left:
        start.apply(elsewhere)
    assert left.value.reason == (
        "event 'close' is not allowed from state 'open' (the record says it left 'checked', "
        "but the instance is in 'open'); expected one of: none"
    )


def test_a_replayed_instance_keeps_its_start_and_its_children_history() -> None:
    d = _nested()
    case = d.start("p", at=T0)
    moved, records = case.fire_child(
        "go",
        at=T0 + dt.timedelta(hours=1),
        actor="ann",
        path=("tender", "inner"),
        data={"why": "ready"},
        context={"ok": True},
    )
    replayed = d.replay(records, started_at=T0)
    assert replayed == moved
    assert replayed.started_at == T0
    applied = case.apply(records[0])
    assert (applied, applied.started_at) == (moved, T0)


def test_asking_with_a_naive_moment_is_refused_by_name() -> None:
    start = _three().start("c", at=T0)
    for ask in (start.options, lambda at: start.can("check", at=at)):
        with pytest.raises(InvalidInput) as err:
            ask(at=NAIVE)
        assert (err.value.field, err.value.received) == ("at", NAIVE)


def test_a_value_that_is_not_json_is_named_with_what_it_was() -> None:
    with pytest.raises(InvalidInput) as err:
        freeze_data({"x": {1, 2}})
    assert _problems(err) == [
        ("data.x", "a JSON value (None, bool, int, float, str, list, mapping)", {1, 2}, "type")
    ]


def test_a_replayed_plain_history_keeps_its_start() -> None:
    d = _three()
    later = T0 + dt.timedelta(days=1)
    case, first = d.start("c", at=T0).fire("check", at=later, actor="ann")
    _, second = case.fire("close", at=later, actor="bob")
    replayed = d.replay(first + second, started_at=T0)
    assert (replayed.state, replayed.version, replayed.started_at) == ("closed", 2, T0)
    assert replayed.history == first + second
