"""Records and instances that lie are refused (issue 17, item 3); data limits hold (item 6)."""

import copy
import datetime as dt
import pickle

import attrs
import pendulum
import pytest

from commissioning import InvalidHistory, InvalidInput, InvalidInputType
from commissioning.machine import (
    MAX_DATA_DEPTH,
    MAX_DATA_ITEMS,
    EventRecord,
    Instance,
    freeze_data,
    records_from_data,
    records_to_data,
)

from .conftest import READY, T0, at, cycle_definition


def _nested(levels: int) -> dict[str, object]:
    data: dict[str, object] = {}
    for _ in range(levels - 1):
        data = {"x": data}
    return data


def test_a_record_with_list_fields_is_a_typed_error_not_unhashable() -> None:
    with pytest.raises(InvalidInputType) as info:
        EventRecord("c", 1, ["begin"], T0, "ann", {}, (), "start", ["analyse"])  # type: ignore[arg-type]
    assert {p.field for p in info.value.problems} == {"event", "target"}


def test_a_record_in_another_zone_is_stored_in_utc() -> None:
    five = dt.timezone(dt.timedelta(hours=5))
    record = EventRecord("c", 1, "begin", dt.datetime(2026, 4, 1, 14, tzinfo=five), "ann")
    assert record.occurred_at == dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)
    assert record.occurred_at.tzinfo is dt.UTC


def test_apply_refuses_a_record_whose_fields_were_forced() -> None:
    d = cycle_definition()
    _, (record,) = d.start("c", at=T0).fire("begin", at=at(1), actor="ann")
    five = dt.timezone(dt.timedelta(hours=5))
    for name, value in (
        ("target", ["analyse"]),
        ("event", ["begin"]),
        ("occurred_at", at(1).astimezone(five)),
        ("version", 1.0),
        ("source", None),
    ):
        forged = copy.copy(record)
        object.__setattr__(forged, name, value)
        with pytest.raises(InvalidHistory) as info:
            d.replay([forged], started_at=T0)
        assert name in info.value.reason
        assert info.value.index == 0


def test_apply_refuses_a_record_of_another_type() -> None:
    d = cycle_definition()
    with pytest.raises(InvalidHistory, match="expected an EventRecord"):
        d.replay([("c", 1, "begin")], stream_id="c", started_at=T0)  # type: ignore[list-item]


def test_an_instance_cannot_be_built_directly() -> None:
    d = cycle_definition()
    with pytest.raises(InvalidInputType) as info:
        Instance(d, "c", "nowhere", 0, T0, T0, None)
    assert info.value.field == "Instance"
    assert "Definition.start" in str(info.value)


def test_instances_and_records_are_frozen_and_copy_and_pickle_as_values() -> None:
    d = cycle_definition()
    case, (record,) = d.start("c", at=T0).fire("begin", at=at(1), actor="ann", data={"a": [1]})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        case.state = "decommissioned"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.target = "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del record.actor
    assert copy.copy(case) == case
    assert copy.deepcopy(record) == record
    record_back = pickle.loads(pickle.dumps(record))  # noqa: S301 - our own data
    assert record_back == record
    assert record._replace(actor="bo").actor == "bo"
    with pytest.raises(InvalidInput):
        record._replace(colour="red")


def test_event_data_limits_are_the_documented_defaults() -> None:
    assert (MAX_DATA_DEPTH, MAX_DATA_ITEMS) == (32, 100_000)
    freeze_data(_nested(MAX_DATA_DEPTH))
    with pytest.raises(InvalidInput, match="at most 32 levels"):
        freeze_data(_nested(MAX_DATA_DEPTH + 1))
    freeze_data({"ids": list(range(MAX_DATA_ITEMS - 2))})  # the mapping, the list, the ints
    with pytest.raises(InvalidInput, match="at most 100000 items"):
        freeze_data({"ids": list(range(MAX_DATA_ITEMS - 1))})


def test_event_data_limits_are_configurable() -> None:
    freeze_data(_nested(40), max_depth=40)
    with pytest.raises(InvalidInput, match="at most 3 items"):
        freeze_data({"a": 1, "b": 2, "c": 3}, max_items=3)
    d = cycle_definition()
    _, (record,) = d.start("c", at=T0).fire("begin", at=at(1), actor="a", data={"ids": [1, 2, 3]})
    log = records_to_data([record])
    with pytest.raises(InvalidInput) as info:
        records_from_data(log, max_data_items=3)
    assert info.value.field == "records[0].data.ids[1]"
    assert records_from_data(log, max_data_items=5) == (record,)


def test_huge_ints_in_data_are_refused_so_logs_stay_json() -> None:
    freeze_data({"n": 10**59})
    with pytest.raises(InvalidInput, match="at most 60 digits"):
        freeze_data({"n": 10**60})
    with pytest.raises(InvalidInput, match="about 5001 digits"):
        freeze_data({"n": -(10**5000)})


def test_firing_with_pendulum_time_records_a_plain_utc_datetime() -> None:
    d = cycle_definition()
    moment = pendulum.datetime(2026, 4, 1, 12, tz="Europe/London")
    case, (record,) = d.start("c", at=T0).fire("begin", at=moment, actor="a", context=READY)
    assert type(record.occurred_at) is dt.datetime
    assert record.occurred_at.tzinfo is dt.UTC
    assert d.replay(case.history, started_at=T0) == case


def test_every_bad_record_field_is_named_with_what_was_expected() -> None:
    with pytest.raises(InvalidInput) as info:
        EventRecord(
            3,  # type: ignore[arg-type]
            True,
            "",
            "2026-01-01",  # type: ignore[arg-type]
            None,  # type: ignore[arg-type]
            {"x": object()},
            ("a", 1),  # type: ignore[arg-type]
            5,  # type: ignore[arg-type]
            ["t"],  # type: ignore[arg-type]
        )
    got = {(p.field, p.expected, p.kind) for p in info.value.problems}
    assert got == {
        ("stream_id", "a non-empty str", "type"),
        ("event", "a non-empty str", "value"),
        ("version", "a whole number >= 1", "type"),
        ("occurred_at", "an aware datetime", "type"),
        ("actor", "a non-empty str naming who acted", "type"),
        ("data.x", "a JSON value (None, bool, int, float, str, list, mapping)", "type"),
        ("path", "a tuple of state names (str)", "type"),
        ("source", "a state name (str) or None", "type"),
        ("target", "a state name (str) or None", "type"),
    }
    with pytest.raises(InvalidInput) as empty:
        EventRecord("", 0, "e", T0, "", path=["a"])
    assert {(p.field, p.kind) for p in empty.value.problems} == {
        ("stream_id", "value"),
        ("version", "value"),
        ("actor", "value"),
    }
    assert EventRecord("s", 1, "e", T0, "a", path=["a", "b"]).path == ("a", "b")


def test_a_forged_record_is_explained_field_by_field() -> None:
    d = cycle_definition()
    _, (record,) = d.start("c", at=T0).fire("begin", at=at(1), actor="ann")
    forged = copy.copy(record)
    for name, value in (
        ("stream_id", 1),
        ("version", "1"),
        ("event", None),
        ("occurred_at", "2026-04-02"),
        ("actor", ""),
        ("path", ["x"]),
        ("source", None),
        ("target", 7),
    ):
        object.__setattr__(forged, name, value)
    with pytest.raises(InvalidHistory) as info:
        d.replay([forged], stream_id="c", started_at=T0)
    assert info.value.reason.split("; ") == [
        "stream_id must be a str, not 1",
        "version must be an int, not '1'",
        "event must be a str, not None",
        "occurred_at must be a datetime in UTC (tzinfo datetime.UTC), not '2026-04-02'",
        "actor must be a non-empty str, not ''",
        "path must be a tuple of state names, not ['x']",
        "source must be the state it left (a str), not None",
        "target must be the state it entered (a str), not 7",
    ]


def test_fire_many_names_a_malformed_step() -> None:
    start = cycle_definition().start("c", at=T0)
    for step, kind in ((["begin", at(1)], None), (("begin",), "value"), ("begin", "type")):
        if kind is None:
            case, records = start.fire_many([step], actor="a")
            assert case.state == "analyse"
            assert len(records) == 1
            continue
        with pytest.raises(InvalidInput) as info:
            start.fire_many([("begin", at(1)), step], actor="a")
        assert (info.value.field, info.value.expected, info.value.problems[0].kind) == (
            "steps[1]",
            "(event, at) or (event, at, data)",
            kind,
        )
    case, (record,) = start.fire_many([["begin", at(1), {"n": 1}]], actor="a")
    assert dict(record.data) == {"n": 1}


def test_replacing_a_field_checks_the_new_record() -> None:
    _, (record,) = cycle_definition().start("c", at=T0).fire("begin", at=at(1), actor="ann")
    moved = record._replace(version=2, actor="bo")
    assert (moved.version, moved.actor, moved.event, moved.stream_id) == (2, "bo", "begin", "c")
    assert record.version == 1
    with pytest.raises(InvalidInput) as info:
        record._replace(colour="red", size=2)
    assert (info.value.field, info.value.received) == ("changes", ["colour", "size"])
    assert "fields of a record (stream_id, version, event" in info.value.expected
    with pytest.raises(InvalidInput):
        record._replace(version=0)
