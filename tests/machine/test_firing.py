import datetime as dt
from types import MappingProxyType

import pendulum
import pytest

from commissioning import (
    GuardRejected,
    InvalidInput,
    InvalidInputType,
    TransitionNotAllowed,
    VersionConflict,
)
from commissioning.machine import (
    Definition,
    EventOption,
    Guard,
    Reason,
    State,
    Transition,
    Verdict,
)

from .conftest import READY, T0, at, budget_approved, needs_analysed


def test_firing_returns_a_new_instance_and_a_record_and_leaves_the_old_one(
    cycle: Definition,
) -> None:
    case = cycle.start("meals-2026", at=T0)
    moved, (record,) = case.fire("begin", at=at(1), actor="commissioner", data={"note": "go"})
    assert (case.state, case.version) == ("start", 0)
    assert (moved.state, moved.version, moved.entered_at) == ("analyse", 1, at(1))
    assert record.stream_id == "meals-2026"
    assert (record.version, record.event, record.source, record.target) == (
        1,
        "begin",
        "start",
        "analyse",
    )
    assert record.occurred_at == at(1)
    assert record.actor == "commissioner"
    assert dict(record.data) == {"note": "go"}
    assert record.path == ()


def test_an_event_not_allowed_from_the_current_state_changes_nothing(cycle: Definition) -> None:
    case = cycle.start("c", at=T0)
    with pytest.raises(TransitionNotAllowed) as info:
        case.fire("review", at=at(1), actor="ann")
    assert info.value.event == "review"
    assert info.value.state == "start"
    assert info.value.allowed == ("begin",)
    assert "expected one of: 'begin'" in str(info.value)
    assert case.state == "start"


def test_a_refusing_guard_gives_every_reason_and_changes_nothing(cycle: Definition) -> None:
    case, _ = cycle.start("c", at=T0).fire("begin", at=at(1), actor="ann")
    with pytest.raises(GuardRejected) as info:
        case.fire("plan", at=at(2), actor="ann", context={})
    assert info.value.reasons == (Reason("needs-analysed", "no needs analysis is recorded"),)
    assert info.value.event == "plan"
    assert info.value.state == "analyse"
    assert case.version == 1


def test_all_failing_guards_of_a_transition_are_reported() -> None:
    d = Definition(
        "both",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=[budget_approved, needs_analysed])],
    )
    with pytest.raises(GuardRejected) as info:
        d.start("x", at=T0).fire("go", at=T0, actor="ann", context={})
    assert [r.rule for r in info.value.reasons] == ["budget-approved", "needs-analysed"]


def test_the_first_allowed_guarded_transition_wins_then_the_unguarded_fallback() -> None:
    d = Definition(
        "fork",
        states=[State("a", initial=True), State("fast", final=True), State("slow", final=True)],
        transitions=[
            Transition("a", "go", "slow"),
            Transition("a", "go", "fast", guards=[budget_approved]),
        ],
    )
    start = d.start("x", at=T0)
    assert start.fire("go", at=T0, actor="a", context=READY)[0].state == "fast"
    assert start.fire("go", at=T0, actor="a", context={})[0].state == "slow"


def test_records_must_be_monotonic_in_time(cycle: Definition) -> None:
    case, _ = cycle.start("c", at=T0).fire("begin", at=at(5), actor="ann")
    with pytest.raises(InvalidInput) as info:
        case.fire("plan", at=at(4), actor="ann", context=READY)
    assert info.value.field == "at"
    assert case.fire("plan", at=at(5), actor="ann", context=READY)[0].state == "plan"


def test_time_must_be_aware_and_is_stored_in_utc(cycle: Definition) -> None:
    case = cycle.start("c", at=T0)
    with pytest.raises(InvalidInput):
        case.fire("begin", at=dt.datetime(2026, 5, 1, 9), actor="ann")  # noqa: DTZ001 - naive on purpose
    with pytest.raises(InvalidInputType):
        case.fire("begin", at="2026-05-01", actor="ann")  # type: ignore[arg-type]
    london = pendulum.datetime(2026, 7, 1, 10, tz="Europe/London")
    _, (record,) = case.fire("begin", at=london, actor="ann")
    assert record.occurred_at.utcoffset() == dt.timedelta(0)
    assert record.occurred_at == london
    assert record.occurred_at.hour == 9


def test_an_actor_is_required(cycle: Definition) -> None:
    case = cycle.start("c", at=T0)
    with pytest.raises(InvalidInput):
        case.fire("begin", at=T0, actor="")
    with pytest.raises(InvalidInputType):
        case.fire("begin", at=T0, actor=None)  # type: ignore[arg-type]


def test_event_data_is_checked_and_frozen(cycle: Definition) -> None:
    case = cycle.start("c", at=T0)
    ids = [1, 2]
    data = {"ids": ids, "nested": {"ok": True}}
    _, (record,) = case.fire("begin", at=T0, actor="ann", data=data)
    ids.append(3)
    assert record.data["ids"] == (1, 2)
    assert isinstance(record.data, MappingProxyType)
    with pytest.raises(InvalidInputType):
        case.fire("begin", at=T0, actor="ann", data={"when": T0})
    with pytest.raises(InvalidInput):
        case.fire("begin", at=T0, actor="ann", data={"x": float("nan")})
    deep: dict[str, object] = {}
    cursor = deep
    for _ in range(40):
        cursor["d"] = {}
        cursor = cursor["d"]  # type: ignore[assignment]
    with pytest.raises(InvalidInput, match="levels of nesting"):
        case.fire("begin", at=T0, actor="ann", data=deep)


def test_optimistic_concurrency_refuses_a_stale_version(cycle: Definition) -> None:
    case, _ = cycle.start("c", at=T0).fire("begin", at=at(1), actor="ann")
    with pytest.raises(VersionConflict) as info:
        case.fire("decommission", at=at(2), actor="bo", expected_version=0)
    assert (info.value.expected, info.value.actual, info.value.stream_id) == (0, 1, "c")
    moved, _ = case.fire("decommission", at=at(2), actor="bo", expected_version=1)
    assert moved.is_final


def test_asking_before_acting_lists_events_and_reasons(cycle: Definition) -> None:
    case, _ = cycle.start("c", at=T0).fire("begin", at=at(1), actor="ann")
    options = case.options(at=at(1), context={})
    assert options == (
        EventOption(
            "plan", False, None, (Reason("needs-analysed", "no needs analysis is recorded"),)
        ),
        EventOption("decommission", True, "decommissioned", ()),
    )
    assert case.can("plan", at=at(1), context=READY).allowed
    verdict = case.can("plan", at=at(1), context={})
    assert [str(r) for r in verdict.reasons] == ["[needs-analysed] no needs analysis is recorded"]
    (unknown,) = case.can("nonsense", at=at(1)).reasons
    assert unknown.rule == "no-transition"
    assert "'nonsense' is not allowed from state 'analyse'" in unknown.text
    (early,) = case.can("plan", at=T0, context=READY).reasons
    assert early.rule == "after-last-event"
    assert {o.reasons for o in case.options(at=T0, context=READY)} == {(early,)}


def test_a_guard_must_return_a_verdict() -> None:
    bad = Guard("sloppy", lambda c, d: True)  # type: ignore[arg-type, return-value]
    d = Definition(
        "x",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=[bad])],
    )
    with pytest.raises(InvalidInputType, match="a Verdict"):
        d.start("x", at=T0).fire("go", at=T0, actor="a")


def test_a_verdict_that_allows_without_being_the_shared_one_still_allows() -> None:
    lenient = Guard("lenient", lambda c, d: Verdict(allowed=True))
    d = Definition(
        "x",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=[lenient])],
    )
    assert d.start("x", at=T0).fire("go", at=T0, actor="a")[0].state == "b"


def test_a_refusal_needs_a_reason() -> None:
    with pytest.raises(InvalidInput):
        Verdict.deny()
    assert Verdict.from_reasons(["x"]).reasons == (Reason("", "x"),)
    assert Verdict.ALLOW is Verdict.allow()


def test_a_non_string_event_is_a_type_error(cycle: Definition) -> None:
    with pytest.raises(InvalidInputType):
        cycle.start("c", at=T0).fire(["begin"], at=T0, actor="a")  # type: ignore[arg-type]


def test_a_bad_stream_id_is_refused(cycle: Definition) -> None:
    with pytest.raises(InvalidInputType):
        cycle.start(7, at=T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        cycle.start("", at=T0)


def test_instances_read_well(cycle: Definition) -> None:
    case = cycle.start("meals", at=T0)
    assert repr(case) == "Instance(id='meals', definition='cycle', state='start', version=0)"


def test_can_agrees_with_fire_when_an_unguarded_fallback_exists() -> None:
    d = Definition(
        "fork",
        states=[State("a", initial=True), State("fast", final=True), State("slow", final=True)],
        transitions=[
            Transition("a", "go", "slow"),
            Transition("a", "go", "fast", guards=[budget_approved]),
        ],
    )
    start = d.start("x", at=T0)
    assert start.can("go", at=T0, context={}).allowed
    assert start.fire("go", at=T0, actor="a", context={})[0].state == "slow"


def test_each_guard_runs_once_when_a_lone_guarded_transition_is_refused() -> None:
    calls: list[str] = []

    def counting(name: str, allow: bool) -> Guard:
        def check(context: object, data: object) -> Verdict:
            calls.append(name)
            return Verdict.allow() if allow else Verdict.deny(f"{name} says no")

        return Guard(name, check)

    d = Definition(
        "x",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[
            Transition(
                "a",
                "go",
                "b",
                guards=[counting("one", True), counting("two", False), counting("three", False)],
            )
        ],
    )
    with pytest.raises(GuardRejected) as info:
        d.start("x", at=T0).fire("go", at=T0, actor="a")
    assert calls == ["one", "two", "three"]
    assert info.value.reasons == (Reason("two", "two says no"), Reason("three", "three says no"))


def test_guards_see_the_same_frozen_data_when_asking_and_when_firing() -> None:
    seen: list[object] = []

    def check(context: object, data: object) -> Verdict:
        seen.append(data)
        return Verdict.allow()

    d = Definition(
        "x",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=[Guard("look", check)])],
    )
    start = d.start("x", at=T0)
    start.can("go", at=T0, data={"ids": [1]})
    start.options(at=T0, data={"ids": [1]})
    start.fire("go", at=T0, actor="a", data={"ids": [1]})
    assert [dict(x) for x in seen] == [{"ids": (1,)}] * 3  # type: ignore[call-overload]


def test_a_stale_version_is_a_conflict_even_when_the_event_no_longer_applies(
    cycle: Definition,
) -> None:
    case, _ = cycle.start("c", at=T0).fire("begin", at=at(1), actor="ann")
    with pytest.raises(VersionConflict):
        case.fire("begin", at=at(2), actor="bo", expected_version=0)


def test_a_verdict_must_be_well_formed() -> None:
    with pytest.raises(InvalidInput):
        Verdict(allowed=False)
    with pytest.raises(InvalidInputType):
        Verdict(allowed="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Verdict(allowed=False, reasons=("",))  # type: ignore[arg-type]
