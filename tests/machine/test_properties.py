"""Property-based tests of the engine, driven by the public strategies."""

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from commissioning import CommissioningError, TransitionNotAllowed
from commissioning.machine import (
    Definition,
    EventRecord,
    Instance,
    definition_from_data,
    definition_to_data,
    records_from_data,
    records_to_data,
    to_dot,
    to_mermaid,
)
from commissioning.strategies import Walk, definitions, walks

child_machines = definitions(max_states=4, max_extra_transitions=2)
with_children = definitions(max_states=6, child_definitions=child_machines)


def _fields(instance: Instance) -> tuple[object, ...]:
    """Everything an instance holds, to check that a refusal changed nothing."""
    return (
        instance.definition,
        instance.id,
        instance.state,
        instance.version,
        instance.entered_at,
        instance.updated_at,
        instance.child,
        instance.started_at,
        instance.history,
    )


@given(walks(with_children, max_steps=15))
def test_replaying_a_walks_records_reproduces_the_instance(walk: Walk) -> None:
    instance, records = walk.run()
    assert (
        walk.definition.replay(records, stream_id=walk.stream_id, started_at=walk.started_at)
        == instance
    )


@given(walks(with_children, max_steps=15))
def test_versions_increase_by_one_and_time_never_goes_back(walk: Walk) -> None:
    _, records = walk.run()
    assert [r.version for r in records] == list(range(1, len(records) + 1))
    times = [r.occurred_at for r in records]
    assert times == sorted(times)


@given(walks(with_children, max_steps=10), st.data())
def test_as_of_each_record_gives_the_prefix_state(walk: Walk, data: st.DataObject) -> None:
    _, records = walk.run()
    if not records:
        return
    k = data.draw(st.integers(0, len(records) - 1))
    moment = records[k].occurred_at
    expected_count = max(i for i, r in enumerate(records) if r.occurred_at <= moment) + 1
    past = walk.definition.as_of(
        records, at=moment, stream_id=walk.stream_id, started_at=walk.started_at
    )
    assert past.version == expected_count


@given(with_children)
def test_definitions_round_trip_through_json(definition: Definition) -> None:
    guards = {g.name: g for t in definition.transitions for g in t.guards}
    for s in definition.states:
        for c in s.children:
            guards.update({g.name: g for t in c.transitions for g in t.guards})
    text = json.dumps(definition_to_data(definition))
    assert definition_from_data(json.loads(text), guards=guards) == definition


@given(walks(with_children, max_steps=10))
def test_event_logs_round_trip_through_json(walk: Walk) -> None:
    _, records = walk.run()
    assert records_from_data(json.loads(json.dumps(records_to_data(records)))) == records


@given(with_children)
def test_every_state_appears_in_both_diagrams(definition: Definition) -> None:
    mermaid, dot = to_mermaid(definition), to_dot(definition)
    for name in definition.state_names:
        assert f'"{name}"' in mermaid
        assert f'"{name}"' in dot


@given(walks(max_steps=10), st.text(max_size=8))
def test_a_refused_event_leaves_the_instance_unchanged(walk: Walk, event: str) -> None:
    instance, _ = walk.run()
    before = _fields(instance)
    allowed = set(instance.definition.events_from(instance.state))
    if event in allowed:
        return
    try:
        instance.fire(event, at=instance.updated_at, actor="x")
    except CommissioningError:
        pass
    else:  # pragma: no cover - an event outside the allowed set must be refused
        raise AssertionError(event)
    assert _fields(instance) == before


@given(st.from_type(Definition), st.from_type(Instance), st.from_type(EventRecord))
def test_from_type_builds_every_engine_type(d: Definition, i: Instance, r: EventRecord) -> None:
    assert d.initial in d.state_names
    assert i.state in i.definition.state_names
    assert r.version >= 1


class MachineUnderUse(RuleBasedStateMachine):
    """Drive random machines with allowed and refused events; check the invariants after each."""

    def __init__(self) -> None:
        super().__init__()
        self.definition: Definition
        self.instance: Instance
        self.records: list[EventRecord] = []
        self.now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    @initialize(definition=definitions(max_states=7))
    def start(self, definition: Definition) -> None:
        self.definition = definition
        self.instance = definition.start("subject", at=self.now)

    @precondition(lambda self: not self.instance.is_final)
    @rule(data=st.data(), gap=st.integers(0, 10_000))
    def fire_an_allowed_event(self, data: st.DataObject, gap: int) -> None:
        event = data.draw(st.sampled_from(self.definition.events_from(self.instance.state)))
        self.now += dt.timedelta(minutes=gap)
        before = self.instance.version
        self.instance, (record,) = self.instance.fire(event, at=self.now, actor="tester")
        assert record.version == before + 1
        self.records.append(record)

    @rule(event=st.text(max_size=5))
    def fire_a_refused_event(self, event: str) -> None:
        if event in self.definition.events_from(self.instance.state):
            return
        snapshot = _fields(self.instance)
        with pytest.raises(TransitionNotAllowed) as info:
            self.instance.fire(event, at=self.now, actor="tester")
        assert info.value.state == self.instance.state
        assert _fields(self.instance) == snapshot

    @rule()
    def fire_in_the_past(self) -> None:
        if self.instance.version == 0 or self.instance.is_final:
            return
        event = self.definition.events_from(self.instance.state)[0]
        snapshot = _fields(self.instance)
        try:
            self.instance.fire(event, at=self.now - dt.timedelta(seconds=1), actor="tester")
        except CommissioningError:
            pass
        else:  # pragma: no cover - time going backwards must be refused
            raise AssertionError("fired in the past")
        assert _fields(self.instance) == snapshot

    @invariant()
    def replay_reproduces_the_instance(self) -> None:
        replayed = self.definition.replay(
            self.records, stream_id="subject", started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )
        assert replayed == self.instance

    @invariant()
    def versions_count_the_records(self) -> None:
        assert self.instance.version == len(self.records)

    @invariant()
    def options_agree_with_the_definition(self) -> None:
        options: Any = self.instance.options(at=self.instance.updated_at)
        assert tuple(o.event for o in options) == self.definition.events_from(self.instance.state)


TestMachineUnderUse = MachineUnderUse.TestCase
