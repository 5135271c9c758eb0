import datetime as dt

import pytest

from commissioning import InvalidHistory, InvalidInput
from commissioning.machine import Definition, EventRecord

from .conftest import READY, T0, at


def _walk(cycle: Definition) -> tuple[list[EventRecord], object]:
    case = cycle.start("meals", at=T0)
    records = []
    for i, event in enumerate(["begin", "plan", "do", "review", "analyse", "decommission"]):
        case, (record,) = case.fire(event, at=at(i + 1), actor="ann", context=READY)
        records.append(record)
    return records, case


def test_replaying_the_records_rebuilds_the_same_instance(cycle: Definition) -> None:
    records, case = _walk(cycle)
    assert cycle.replay(records) == case
    assert cycle.replay(records, started_at=T0) == case


def test_the_instance_as_of_a_past_moment(cycle: Definition) -> None:
    records, _ = _walk(cycle)
    assert cycle.as_of(records, at=at(3, 12), started_at=T0).state == "do"
    assert cycle.as_of(records, at=T0, started_at=T0).state == "start"
    assert cycle.as_of(records, at=at(100), started_at=T0).state == "decommissioned"
    with pytest.raises(InvalidInput):
        cycle.as_of(records, at=T0 - dt.timedelta(days=1), started_at=T0)


def test_a_gap_in_versions_is_refused(cycle: Definition) -> None:
    records, _ = _walk(cycle)
    with pytest.raises(InvalidHistory) as info:
        cycle.replay([records[0], records[2]], started_at=T0)
    assert info.value.index == 1
    assert "expected version 2" in info.value.reason


def test_an_impossible_transition_is_refused(cycle: Definition) -> None:
    records, _ = _walk(cycle)
    forged = records[1]._replace(target="review")
    with pytest.raises(InvalidHistory, match="not allowed"):
        cycle.replay([records[0], forged], started_at=T0)


def test_time_going_backwards_is_refused(cycle: Definition) -> None:
    records, _ = _walk(cycle)
    forged = records[1]._replace(occurred_at=T0 - dt.timedelta(days=3))
    with pytest.raises(InvalidHistory, match="before the previous event"):
        cycle.replay([records[0], forged], started_at=T0)


def test_another_instances_record_is_refused(cycle: Definition) -> None:
    records, _ = _walk(cycle)
    with pytest.raises(InvalidHistory, match="belongs to stream 'other'"):
        cycle.replay([records[0], records[1]._replace(stream_id="other")])


def test_a_record_that_is_not_a_record_is_refused(cycle: Definition) -> None:
    with pytest.raises(InvalidHistory):
        cycle.replay(["begin"], stream_id="x", started_at=T0)  # type: ignore[list-item]


def test_replay_needs_an_id_and_a_start_when_there_are_no_records(cycle: Definition) -> None:
    with pytest.raises(InvalidInput):
        cycle.replay([])
    assert cycle.replay([], stream_id="x", started_at=T0).version == 0


def test_a_forged_source_state_is_refused(cycle: Definition) -> None:
    records, _ = _walk(cycle)
    with pytest.raises(InvalidHistory, match="says it left"):
        cycle.replay([records[0], records[1]._replace(source="do")], started_at=T0)
