"""Bulk paths (issue 15, item 4): a fast replay that checks what apply checks, and fire_many."""

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import GuardRejected, InvalidHistory, InvalidInputType
from commissioning.machine import Definition, EventRecord, Instance, State, Transition
from commissioning.strategies import definitions, walks

from .conftest import READY, T0, at, cycle_definition


def _one_by_one(definition: Definition, records: Any, started_at: dt.datetime) -> Instance:
    instance = definition.start(records[0].stream_id, at=started_at)
    for record in records:
        instance = instance.apply(record)
    return instance


nested = definitions(max_states=4, child_definitions=definitions(max_states=3))


@settings(max_examples=50)
@given(walks(nested | definitions(max_states=6), max_steps=12))
def test_the_fast_replay_equals_applying_one_by_one(walk: Any) -> None:
    instance, records = walk.run()
    if not records:
        return
    fast = walk.definition.replay(records, started_at=walk.started_at)
    assert fast == instance
    assert fast == _one_by_one(walk.definition, records, walk.started_at)
    assert fast.history == instance.history
    assert fast.entered_at == instance.entered_at


@settings(max_examples=50)
@given(walks(definitions(max_states=6), max_steps=10), st.data())
def test_the_fast_replay_refuses_what_apply_refuses_at_the_same_record(
    walk: Any, data: Any
) -> None:
    _, records = walk.run()
    if len(records) < 2:
        return
    i = data.draw(st.integers(1, len(records) - 1))
    change = data.draw(
        st.sampled_from(
            [
                {"version": records[i].version + 1},
                {"stream_id": "another"},
                {"occurred_at": T0 - dt.timedelta(days=400)},
                {"source": "nowhere"},
                {"target": "nowhere"},
                {"event": "nothing"},
            ]
        )
    )
    spoiled = [*records[:i], records[i]._replace(**change), *records[i + 1 :]]
    with pytest.raises(InvalidHistory) as fast:
        walk.definition.replay(spoiled, started_at=walk.started_at)
    with pytest.raises(InvalidHistory) as slow:
        _one_by_one(walk.definition, spoiled, walk.started_at)
    assert (fast.value.index, fast.value.reason) == (slow.value.index, slow.value.reason)
    assert fast.value.index == i


def test_fire_many_fires_every_step_and_returns_every_record() -> None:
    d = cycle_definition()
    steps = [("begin", at(1)), ("plan", at(2), {"note": "go"}), ("do", at(3))]
    case, records = d.start("c", at=T0).fire_many(steps, actor="ann", context=READY)
    assert case.state == "do"
    assert [r.event for r in records] == ["begin", "plan", "do"]
    assert dict(records[1].data) == {"note": "go"}
    assert case.history == records
    assert d.replay(records, started_at=T0) == case


def test_fire_many_is_all_or_nothing_and_names_the_step() -> None:
    d = cycle_definition()
    start = d.start("c", at=T0)
    with pytest.raises(GuardRejected) as info:
        start.fire_many([("begin", at(1)), ("plan", at(2))], actor="ann", context={})
    assert any("step 1 of fire_many" in note for note in info.value.__notes__)
    assert start.version == 0
    with pytest.raises(InvalidInputType) as bad:
        start.fire_many(["begin"], actor="ann")
    assert bad.value.field == "steps[0]"


def test_a_definition_with_children_replays_through_the_general_path() -> None:
    child = Definition(
        "child",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b")],
    )
    parent = Definition(
        "parent",
        states=[State("p", initial=True), State("host", children=[child]), State("q", final=True)],
        transitions=[
            Transition("p", "enter", "host"),
            Transition("host", "leave", "q", requires_child_final=True),
        ],
    )
    case, records = parent.start("x", at=T0).fire_many([("enter", at(1))], actor="a")
    case, more = case.fire_child("go", at=at(2), actor="a")
    case, last = case.fire("leave", at=at(3), actor="a")
    log: tuple[EventRecord, ...] = (*records, *more, *last)
    assert parent.replay(log, started_at=T0) == case
