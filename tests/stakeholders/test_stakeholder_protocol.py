"""The map follows the library's one aggregate protocol (issue 11)."""

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import (
    EventRecord,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Reason,
    VersionConflict,
    record_from_data,
    record_to_data,
)
from commissioning.machine import EventOption, Verdict
from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
from commissioning.strategies import stakeholder_maps

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 2, 5, 9, tzinfo=dt.UTC)


def _map() -> StakeholderMap:
    m, _ = StakeholderMap.create(
        [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "carer")],
        [Relationship("a", "b", "funds")],
        id="meals",
        at=T0,
        actor="al",
    )
    return m


COMMANDS: list[tuple[str, Any]] = [
    ("add", lambda m, **kw: m.add(Stakeholder("c", "C", "carer"), **kw)),
    ("update", lambda m, **kw: m.update("a", power=3, **kw)),
    ("remove", lambda m, **kw: m.remove("b", **kw)),
    ("relate", lambda m, **kw: m.relate(Relationship("b", "a", "funds"), **kw)),
    ("unrelate", lambda m, **kw: m.unrelate("a", "b", "funds", **kw)),
    ("record_plan", lambda m, **kw: m.record_plan(on=dt.date(2026, 2, 1), **kw)),
    ("apply", lambda m, **kw: m.apply([("update", {"id": "a", "power": 2})], **kw)),
]


@pytest.mark.parametrize(("name", "command"), COMMANDS)
def test_every_command_checks_the_expected_version_and_changes_nothing_when_refused(
    name: str, command: Any
) -> None:
    m = _map()
    new, records = command(m, at=T1, actor="bo", expected_version=1)
    assert all(isinstance(r, EventRecord) for r in records)
    assert [r.version for r in records] == [2]
    assert new.version == 2
    assert records[0].event == ("update" if name == "apply" else name)
    with pytest.raises(VersionConflict) as stale:
        command(m, at=T1, actor="bo", expected_version=0)
    assert (stale.value.stream_id, stale.value.expected, stale.value.actual) == ("meals", 0, 1)
    for mistyped in (True, "1", 1.0):
        with pytest.raises(InvalidInputType) as caught:
            command(m, at=T1, actor="bo", expected_version=mistyped)
        assert caught.value.field == "expected_version"
    assert m.version == 1
    assert m == _map()


def test_options_and_can_answer_with_the_shared_types() -> None:
    empty, _ = StakeholderMap.create(id="e", at=T0, actor="al")
    options = empty.options(at=T0)
    assert all(isinstance(o, EventOption) for o in options)
    allowed = {o.event: o.allowed for o in options}
    assert allowed == {
        "add": True,
        "update": False,
        "remove": False,
        "relate": False,
        "unrelate": False,
        "record_engagement": False,
        "record_plan": True,
    }
    m = _map()
    assert all(o.allowed for o in m.options(at=T1))
    verdict = m.can("relate", at=T1, data={"relationship": Relationship("a", "zed", "funds")})
    assert isinstance(verdict, Verdict)
    assert not verdict.allowed
    assert verdict.reasons == (
        Reason("target", "expected the id of a stakeholder on the map, received 'zed'"),
    )
    assert m.can("add", at=T1, data={"stakeholder": Stakeholder("c", "C", "carer")}).allowed
    assert not m.can("paint", at=T1).allowed
    assert m.can("remove", at=T0 - dt.timedelta(days=1), data={"id": "a"}).reasons[0].rule == "at"
    assert m.version == 1


def test_a_stored_map_keeps_its_history_and_refuses_what_it_cannot_read() -> None:
    m, _ = _map().update("a", power=4, at=T1, actor="bo")
    data = json.loads(json.dumps(m.to_data()))
    assert list(data)[:2] == ["format", "format_version"]
    again = StakeholderMap.from_data(data)
    assert again == m
    assert again.history == m.history
    assert again.id == "meals"
    for r in m.history:
        assert record_from_data(json.loads(json.dumps(record_to_data(r)))) == r
    with pytest.raises(InvalidInput) as newer:
        StakeholderMap.from_data({**data, "format_version": 2})
    assert newer.value.field == "format_version"
    with pytest.raises(InvalidHistory):
        StakeholderMap.from_data({**data, "id": "elsewhere"})
    with pytest.raises(InvalidInput):
        StakeholderMap.from_data({**data, "records": "not a list"})


def test_a_large_import_is_recorded_in_records_that_each_load_on_their_own() -> None:
    people = [Stakeholder(f"s{i}", f"S {i}", "resident") for i in range(2_000)]
    ties = [
        Relationship(f"s{i}", f"s{(i * 7 + k) % 2000}", "funds")
        for i in range(2_000)
        for k in range(1, 11)
        if (i * 7 + k) % 2000 != i
    ]
    m, records = StakeholderMap.create(people, ties, id="big", at=T0, actor="al")
    assert len(records) > 1
    assert [r.version for r in records] == list(range(1, len(records) + 1))
    assert {r.event for r in records} == {"import"}
    loaded = [record_from_data(json.loads(json.dumps(record_to_data(r)))) for r in records]
    assert StakeholderMap.replay(loaded) == m
    assert len(m.relationships) == len(ties)


@given(stakeholder_maps(), st.data())
def test_as_of_any_record_replays_the_prefix(m: StakeholderMap, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(m.history) - 1))
    at = m.history[index].occurred_at
    expected = [r for r in m.history if r.occurred_at <= at]
    assert m.as_of(at) == StakeholderMap.replay(expected)
    assert m.as_of(at).version == len(expected)
    assert m.as_of(m.history[0].occurred_at - dt.timedelta(seconds=1)).version == 0
