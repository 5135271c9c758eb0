"""The engine speaks the shared vocabulary (issue 11): records, reasons, history, versions."""

import datetime as dt
import json
from typing import Any

import pytest

import commissioning
from commissioning import (
    GuardRejected,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Reason,
    VersionConflict,
)
from commissioning._aggregate import check_expected_version, check_format, records_until
from commissioning.machine import (
    Aggregate,
    Definition,
    EventRecord,
    Instance,
    State,
    Transition,
    Verdict,
    guard,
    record_from_data,
    record_to_data,
    records_from_data,
    records_to_data,
)

from .conftest import READY, T0, at


def _walk(cycle: Definition, n: int = 4) -> Instance:
    case = cycle.start("meals", at=T0)
    for i, event in enumerate(["begin", "plan", "do", "review", "analyse"][:n]):
        case, _ = case.fire(event, at=at(i + 1), actor="ann", context=READY)
    return case


# ----------------------------------------------------------------- records


def test_a_record_has_the_envelope_fields_in_order() -> None:
    assert EventRecord._fields == (
        "stream_id",
        "version",
        "event",
        "occurred_at",
        "actor",
        "data",
        "path",
        "source",
        "target",
    )


def test_fire_returns_the_instance_and_a_tuple_of_one_record(cycle: Definition) -> None:
    _, records = cycle.start("meals", at=T0).fire("begin", at=at(1), actor="ann")
    assert isinstance(records, tuple)
    (record,) = records
    assert (record.stream_id, record.version, record.source, record.target) == (
        "meals",
        1,
        "start",
        "analyse",
    )
    assert record.occurred_at.tzinfo is dt.UTC


def test_a_record_or_instance_is_not_equal_to_a_plain_tuple(cycle: Definition) -> None:
    case, (record,) = cycle.start("meals", at=T0).fire("begin", at=at(1), actor="ann")
    fields = tuple(getattr(record, name) for name in EventRecord._fields)
    assert record != fields
    assert fields != record
    assert record == EventRecord(*fields)
    assert case != (case.definition, case.id, case.state, case.version)
    for value in (record, case):
        assert tuple not in type(value).__mro__
        assert not hasattr(value, "count")
        assert not hasattr(value, "index")


# ----------------------------------------------------------------- history


def test_history_holds_every_record_and_counts_the_version(cycle: Definition) -> None:
    case = _walk(cycle)
    assert len(case.history) == case.version == 4
    assert [r.event for r in case.history] == ["begin", "plan", "do", "review"]
    assert [r.version for r in case.history] == [1, 2, 3, 4]


def test_firing_from_an_older_instance_leaves_its_history_alone(cycle: Definition) -> None:
    older = _walk(cycle, 2)
    newer, _ = older.fire("do", at=at(3), actor="ann", context=READY)
    branch, _ = older.fire("decommission", at=at(3), actor="bo")
    assert [r.event for r in older.history] == ["begin", "plan"]
    assert [r.event for r in newer.history][-1] == "do"
    assert [r.event for r in branch.history][-1] == "decommission"
    assert newer != branch


def test_instance_replay_and_as_of(cycle: Definition) -> None:
    case = _walk(cycle)
    assert Instance.replay(case.history, definition=cycle) == case
    assert case.as_of(at(2)).state == "plan"
    assert case.as_of(at(2)).history == case.history[:2]
    assert case.as_of(T0).version == 0
    with pytest.raises(InvalidInput, match="on or after the instance started"):
        case.as_of(T0 - dt.timedelta(seconds=1))
    with pytest.raises(InvalidInputType):
        Instance.replay(case.history, definition="cycle")  # type: ignore[arg-type]


def test_equal_instances_compare_long_histories_without_recursion(cycle: Definition) -> None:
    case = cycle.start("long", at=T0)
    case, _ = case.fire("begin", at=T0, actor="a")
    loop = ["plan", "do", "review", "analyse"]
    for i in range(5_000):
        case, _ = case.fire(loop[i % 4], at=T0, actor="a", context=READY)
    assert cycle.replay(case.history, started_at=T0) == case


def test_children_keep_their_own_history_and_replay_equal(cycle: Definition) -> None:
    procurement = Definition(
        "procurement",
        states=[State("tender", initial=True), State("awarded", final=True)],
        transitions=[Transition("tender", "award", "awarded")],
    )
    outer = Definition(
        "outer",
        states=[State("buy", initial=True, children=[procurement]), State("done", final=True)],
        transitions=[Transition("buy", "finish", "done", requires_child_final=True)],
    )
    case, (record,) = outer.start("o", at=T0).fire_child("award", at=at(1), actor="a")
    assert record.path == ("buy",)
    assert case.child is not None
    (own,) = case.child.history
    assert (own.stream_id, own.version, own.path) == ("o/buy", 1, ())
    assert outer.replay(case.history, started_at=T0) == case


def test_an_instance_round_trips_through_its_stored_form(cycle: Definition) -> None:
    case = _walk(cycle)
    data = json.loads(json.dumps(case.to_data()))
    assert (data["format"], data["format_version"], data["definition"]) == (
        "commissioning.instance",
        1,
        "cycle",
    )
    assert Instance.from_data(data, definition=cycle) == case
    fresh = cycle.start("new", at=T0)
    assert Instance.from_data(fresh.to_data(), definition=cycle).started_at == T0
    other = Definition(
        "other",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b")],
    )
    with pytest.raises(InvalidInput) as info:
        Instance.from_data(data, definition=other)
    assert info.value.field == "definition"


def test_an_instance_follows_the_aggregate_protocol(cycle: Definition) -> None:
    assert isinstance(cycle.start("x", at=T0), Aggregate)


# ----------------------------------------------------------------- asking


def test_can_and_options_take_the_moment(cycle: Definition) -> None:
    case = _walk(cycle, 1)
    assert case.can("plan", at=at(2), context=READY)
    (reason,) = case.can("plan", at=at(2), context={}).reasons
    assert reason == Reason("needs-analysed", "no needs analysis is recorded")
    assert not hasattr(case, "can_fire")
    with pytest.raises(InvalidInput):
        case.can("plan", at=dt.datetime(2026, 5, 1))  # noqa: DTZ001 - a naive moment is what is refused


def test_a_guard_may_cite_its_own_rule() -> None:
    @guard("award-notice")
    def cites(context: Any, data: Any) -> Verdict:
        return Verdict.deny("no award notice", rule="PA 2023 s.50(1)")

    d = Definition(
        "x",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=[cites])],
    )
    with pytest.raises(GuardRejected) as info:
        d.start("x", at=T0).fire("go", at=T0, actor="a")
    assert info.value.reasons == (Reason("PA 2023 s.50(1)", "no award notice"),)
    assert "[PA 2023 s.50(1)] no award notice" in str(info.value)


def test_reasons_read_as_rule_and_text() -> None:
    assert str(Reason("has-budget", "no budget")) == "[has-budget] no budget"
    assert str(Reason("", "no budget")) == "no budget"
    with pytest.raises(InvalidInput):
        Reason("x", " ")
    with pytest.raises(InvalidInputType):
        Reason(3, "x")  # type: ignore[arg-type]
    v = Verdict.deny("a", Reason("", "b"), Reason("own", "c"), rule="r")
    assert v.reasons == (Reason("r", "a"), Reason("r", "b"), Reason("own", "c"))
    with pytest.raises(InvalidInputType):
        Verdict.deny(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Verdict(allowed=False, reasons=("plain",))  # type: ignore[arg-type]


# ----------------------------------------------------------------- versions


@pytest.mark.parametrize("stale", ["1", True, 1.0, [1]])
def test_a_version_must_be_an_exact_int(cycle: Definition, stale: object) -> None:
    case = _walk(cycle, 1)
    with pytest.raises(InvalidInputType) as info:
        case.fire("decommission", at=at(2), actor="a", expected_version=stale)  # type: ignore[arg-type]
    assert info.value.field == "expected_version"
    assert "an int" in str(info.value)
    assert type(stale).__name__ in str(info.value)


def test_a_stale_version_names_the_stream(cycle: Definition) -> None:
    case = _walk(cycle, 1)
    with pytest.raises(VersionConflict) as info:
        case.fire("decommission", at=at(2), actor="a", expected_version=0)
    assert (info.value.stream_id, info.value.expected, info.value.actual) == ("meals", 0, 1)
    assert "stream 'meals': expected version 0, but it is at version 1" in str(info.value)


def test_check_expected_version_alone() -> None:
    check_expected_version("s", None, 4)
    check_expected_version("s", 4, 4)
    with pytest.raises(VersionConflict):
        check_expected_version("s", 3, 4)
    with pytest.raises(VersionConflict, match="about 5001 digits"):
        check_expected_version("s", 10**5000, 4)


def test_records_until_and_check_format(cycle: Definition) -> None:
    case = _walk(cycle)
    assert records_until(case.history, at(2)) == case.history[:2]
    assert check_format({"format": "f", "format_version": 3}, format_name="f", versions=(3,)) == 3
    with pytest.raises(InvalidInput) as info:
        check_format({"format": "f", "format_version": "3"}, format_name="f", versions=(3,))
    assert info.value.field == "format_version"
    with pytest.raises(InvalidInputType):
        check_format([], format_name="f", versions=(3,))


# ----------------------------------------------------------------- stored forms


def test_a_record_document_has_the_envelope_keys(cycle: Definition) -> None:
    case = _walk(cycle)
    record = case.history[1]
    doc = record_to_data(record)
    assert list(doc) == ["format", "format_version", *EventRecord._fields]
    assert record_from_data(json.loads(json.dumps(doc))) == record
    log = records_to_data(case.history)
    assert (log["format"], log["format_version"]) == ("commissioning.events", 2)
    assert records_from_data(log) == case.history


def test_a_record_without_a_state_change_round_trips() -> None:
    record = EventRecord("map-1", 1, "add_stakeholder", T0, "ann", {"name": "x"}, (), None, None)
    assert record_from_data(record_to_data(record)) == record


def test_record_errors_name_the_path(cycle: Definition) -> None:
    log = records_to_data(_walk(cycle).history)
    log["records"][3]["occurred_at"] = "yesterday"
    with pytest.raises(InvalidInput) as info:
        records_from_data(log)
    assert info.value.field == "records[3].occurred_at"
    log = records_to_data(_walk(cycle).history)
    log["records"][1]["format_version"] = 9
    with pytest.raises(InvalidInput) as info:
        records_from_data(log)
    assert info.value.field == "records[1].format_version"


def test_an_old_or_newer_event_log_is_refused(cycle: Definition) -> None:
    log = records_to_data(_walk(cycle).history)
    for version in (1, 3):
        with pytest.raises(InvalidInput) as info:
            records_from_data({**log, "format_version": version})
        assert info.value.field == "format_version"
    with pytest.raises(InvalidInputType):
        record_to_data(("not", "a", "record"))  # type: ignore[arg-type]


def test_a_record_that_is_not_a_record_is_named_safely(cycle: Definition) -> None:
    deep: list[object] = []
    for _ in range(50_000):
        deep = [deep]
    with pytest.raises(InvalidHistory) as info:
        cycle.start("x", at=T0).apply(deep)  # type: ignore[arg-type]
    assert "expected an EventRecord" in str(info.value)


# ----------------------------------------------------------------- public names


def test_public_classes_show_their_public_module() -> None:
    assert repr(GuardRejected) == "<class 'commissioning.GuardRejected'>"
    assert Instance.__module__ == "commissioning.machine"
    assert commissioning.Reason is Reason
