"""Tests that would notice the engine mutations issue 17 (item 6) found surviving.

Each test names the mutant it kills: a guard bypass after an allowing guard,
``fire_child``'s version and time checks, ``due`` counting from the last event
rather than from entering the state, and the event-data limits.
"""

import datetime as dt

import pytest

from commissioning import (
    GuardRejected,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Reason,
    VersionConflict,
)
from commissioning.machine import (
    Deadline,
    Definition,
    Guard,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
    definition_from_data,
    definition_to_data,
)

from .conftest import T0, at

ALLOWS = Guard("allows", lambda context, data: Verdict.allow())
DENIES = Guard("denies", lambda context, data: Verdict.deny("no"))


@pytest.mark.parametrize(
    "guards", [(ALLOWS, DENIES), (ALLOWS, ALLOWS, DENIES), (DENIES, ALLOWS)], ids=str
)
def test_a_later_guard_still_refuses_after_an_allowing_one(guards: tuple[Guard, ...]) -> None:
    # kills: `continue` -> `break` after an allowing guard (a guard bypass)
    fork = Definition(
        "fork",
        states=[State("a", initial=True), State("b", final=True), State("c", final=True)],
        transitions=[
            Transition("a", "go", "b", guards=guards),
            Transition("a", "go", "c", guards=guards),
        ],
    )
    lone = Definition(
        "lone",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=guards)],
    )
    for d in (fork, lone):
        start = d.start("x", at=T0)
        assert not start.can("go", at=T0).allowed
        assert [r.rule for r in start.can("go", at=T0).reasons if r.rule == "denies"]
        with pytest.raises(GuardRejected):
            start.fire("go", at=T0, actor="a")
        assert not next(o for o in start.options(at=T0) if o.event == "go").allowed


CHILD = Definition(
    "child",
    states=[State("a", initial=True), State("b"), State("c", final=True)],
    transitions=[Transition("a", "go", "b"), Transition("b", "go", "c")],
)
PARENT = Definition(
    "parent",
    states=[State("host", initial=True, children=[CHILD]), State("done", final=True)],
    transitions=[Transition("host", "finish", "done", requires_child_final=True)],
)


def test_fire_child_checks_the_expected_version() -> None:
    case = PARENT.start("p", at=T0)
    case, _ = case.fire_child("go", at=at(1), actor="a", expected_version=0)
    with pytest.raises(VersionConflict) as info:
        case.fire_child("go", at=at(2), actor="a", expected_version=0)
    assert (info.value.expected, info.value.actual) == (0, 1)
    moved, _ = case.fire_child("go", at=at(2), actor="a", expected_version=1)
    assert moved.child is not None
    assert moved.child.state == "c"


def test_fire_child_refuses_going_back_in_time() -> None:
    case, _ = PARENT.start("p", at=T0).fire_child("go", at=at(2), actor="a")
    with pytest.raises(InvalidInput) as info:
        case.fire_child("go", at=at(1), actor="a")
    assert info.value.field == "at"
    same, _ = case.fire_child("go", at=at(2), actor="a")  # the same moment is allowed
    assert same.version == 2


def test_due_counts_from_entering_the_state_not_from_the_last_event() -> None:
    # kills: `due` counting from `updated_at` instead of `entered_at`
    d = Definition(
        "contract",
        states=[
            State(
                "live",
                initial=True,
                children=[CHILD],
                deadlines=[Deadline("review", after=Period(days=30))],
            ),
            State("ended", final=True),
        ],
        transitions=[Transition("live", "end", "ended", requires_child_final=True)],
    )
    case = d.start("c", at=T0)
    case, _ = case.fire_child("go", at=T0 + dt.timedelta(days=20), actor="a")
    assert case.entered_at == T0
    assert case.updated_at == T0 + dt.timedelta(days=20)
    (review,) = [x for x in case.due(at=T0 + dt.timedelta(days=31)) if x.name == "review"]
    assert review.due_at == T0 + dt.timedelta(days=30)
    assert review.status == "overdue"


def test_an_empty_or_missing_actor_is_named_with_the_right_kind() -> None:
    case = PARENT.start("p", at=T0)
    with pytest.raises(InvalidInput) as empty:
        case.fire("finish", at=T0, actor="")
    assert (empty.value.field, empty.value.expected, empty.value.received) == (
        "actor",
        "a non-empty str naming who acts",
        "",
    )
    assert not isinstance(empty.value, TypeError)
    with pytest.raises(InvalidInputType) as missing:
        case.fire("finish", at=T0, actor=None)  # type: ignore[arg-type]
    assert (missing.value.field, missing.value.problems[0].kind) == ("actor", "type")
    assert "a non-empty str naming who acts" in str(missing.value)


def test_replay_and_as_of_name_their_bad_input() -> None:
    case, _ = PARENT.start("p", at=T0).fire_child("go", at=at(1), actor="a")
    with pytest.raises(InvalidInputType) as info:
        Instance.replay(case.history, definition="parent")  # type: ignore[arg-type]
    assert (info.value.field, info.value.expected) == ("definition", "a Definition")
    with pytest.raises(InvalidInput) as early:
        case.as_of(T0 - dt.timedelta(seconds=1))
    assert early.value.field == "at"
    assert T0.isoformat() in early.value.expected
    assert case.as_of(T0) == PARENT.start("p", at=T0)
    assert case.as_of(at(1)) == case


def test_periods_read_and_count_back_exactly() -> None:
    assert str(Period(years=1, months=2, weeks=1, days=3)) == "1 year 2 months 1 week 3 days"
    assert str(Period(days=1)) == "1 day"
    assert str(Period()) == "no time"
    moment = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    assert Period(months=1).before(moment) == dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC)
    assert Period(weeks=1, days=1).before(moment) == dt.datetime(2026, 3, 23, 12, tzinfo=dt.UTC)
    assert Period(years=1).before(moment).tzinfo is dt.UTC


def test_instances_hash_by_their_place_and_read_well() -> None:
    a = PARENT.start("p", at=T0)
    b = PARENT.start("p", at=T0)
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert repr(a) == (
        "Instance(id='p', definition='parent', state='host', version=0, "
        "child=Instance(id='p/host', definition='child', state='a', version=0))"
    )
    _, (record,) = a.fire_child("go", at=at(1), actor="ann")
    assert repr(record).startswith("EventRecord(stream_id='p', version=1, event='go', ")
    assert "path=('host',), source='a', target='b')" in repr(record)


def test_from_reasons_allows_when_empty_and_keeps_the_rule() -> None:
    assert Verdict.from_reasons([]) is Verdict.ALLOW
    refused = Verdict.from_reasons(["late", "short"], rule="s.54")
    assert not refused.allowed
    assert [str(r) for r in refused.reasons] == ["[s.54] late", "[s.54] short"]


def test_deadlines_round_trip_through_data_and_bad_ones_are_named() -> None:
    d = Definition(
        "contract",
        states=[
            State(
                "live",
                initial=True,
                deadlines=[
                    Deadline(
                        "review",
                        after=Period(months=12),
                        warn_before=Period(weeks=2),
                        description="annual",
                    )
                ],
            ),
            State("ended", final=True),
        ],
        transitions=[
            Transition("live", "end", "ended", deadline=Deadline("expiry", after=Period(years=3)))
        ],
    )
    data = definition_to_data(d)
    assert data["states"][0]["deadlines"][0] == {
        "name": "review",
        "after": {"years": 0, "months": 12, "weeks": 0, "days": 0},
        "warn_before": {"years": 0, "months": 0, "weeks": 2, "days": 0},
        "description": "annual",
    }
    assert definition_from_data(data) == d
    bad = definition_to_data(d)
    bad["states"][0]["deadlines"][0]["after"] = {"months": -1, "fortnights": 1}
    bad["transitions"][0]["deadline"]["name"] = 7
    with pytest.raises(InvalidInput) as info:
        definition_from_data(bad)
    fields = {p.field for p in info.value.problems}
    assert {
        "states[0].deadlines[0].after.months",
        "states[0].deadlines[0].after",
        "transitions[0].deadline.name",
    } <= fields


def _reads(name: str) -> Guard:
    """A guard that denies unless both the context and the data say yes, naming which said no."""

    def check(context: object, data: object) -> Verdict:
        ctx_ok = isinstance(context, dict) and context.get(name) is True
        data_ok = hasattr(data, "get") and data.get(name) is True
        if ctx_ok and data_ok:
            return Verdict.allow()
        return Verdict.deny(f"{name}: context {ctx_ok}, data {data_ok}")

    return Guard(name, check)


@pytest.mark.parametrize("fork", [False, True], ids=["lone", "fork"])
def test_every_later_guard_sees_context_and_data_after_a_refusal(fork: bool) -> None:
    # the third guard allows only when it is given both the context and the data
    guards = (DENIES, ALLOWS, _reads("x"))
    states = [State("a", initial=True), State("b", final=True)]
    transitions = [Transition("a", "go", "b", guards=guards)]
    if fork:
        states.append(State("c", final=True))
        transitions.append(Transition("a", "go", "c", guards=guards))
    d = Definition("g", states=states, transitions=transitions)
    with pytest.raises(GuardRejected) as info:
        d.start("x", at=T0).fire("go", at=T0, actor="a", context={"x": True}, data={"x": True})
    assert {str(r) for r in info.value.reasons} == {"[denies] no"}
    assert len(info.value.reasons) == (2 if fork else 1)
    assert (info.value.event, info.value.state) == ("go", "a")


def test_the_second_denying_guard_after_an_allowing_one_is_reported() -> None:
    d = Definition(
        "g",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=(DENIES, ALLOWS, _reads("y")))],
    )
    with pytest.raises(GuardRejected) as info:
        d.start("x", at=T0).fire("go", at=T0, actor="a", context={"y": False}, data={"y": True})
    assert [str(r) for r in info.value.reasons] == [
        "[denies] no",
        "[y] y: context False, data True",
    ]


def test_a_fork_passes_the_data_to_its_guards() -> None:
    d = Definition(
        "g",
        states=[State("a", initial=True), State("b", final=True), State("c", final=True)],
        transitions=[
            Transition("a", "go", "b", guards=[_reads("z")]),
            Transition("a", "go", "c", guards=[DENIES]),
        ],
    )
    start = d.start("x", at=T0)
    moved, _ = start.fire("go", at=T0, actor="a", context={"z": True}, data={"z": True})
    assert moved.state == "b"
    with pytest.raises(GuardRejected) as info:
        start.fire("go", at=T0, actor="a", context={"z": True}, data={"z": False})
    assert (info.value.event, info.value.state) == ("go", "a")
    assert "[z] z: context True, data False" in [str(r) for r in info.value.reasons]


def test_a_later_guard_that_returns_no_verdict_is_named() -> None:
    sloppy = Guard("sloppy", lambda c, d: True)  # type: ignore[arg-type, return-value]
    d = Definition(
        "g",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=(DENIES, sloppy))],
    )
    with pytest.raises(InvalidInputType) as info:
        d.start("x", at=T0).fire("go", at=T0, actor="a")
    problem = info.value.problems[0]
    assert (problem.field, problem.expected, problem.received, problem.kind) == (
        "guard 'sloppy' result",
        "a Verdict",
        True,
        "type",
    )


def test_can_takes_any_aware_moment_and_any_event_value() -> None:
    plus_one = dt.timezone(dt.timedelta(hours=1))
    case = PARENT.start("p", at=T0)
    assert case.can("finish", at=(T0 + dt.timedelta(hours=2)).astimezone(plus_one)).reasons
    (reason,) = case.can(["finish"], at=T0).reasons  # type: ignore[arg-type]
    assert reason.rule == "no-transition"
    (child,) = case.can("finish", at=T0).reasons
    assert child.rule == "child-final"
    assert "in state 'a'" in child.text


def test_fire_many_checks_the_version_first() -> None:
    case = PARENT.start("p", at=T0)
    with pytest.raises(VersionConflict) as info:
        case.fire_many([("finish", T0)], actor="a", expected_version=3)
    assert (info.value.stream_id, info.value.expected, info.value.actual) == ("p", 3, 0)
    with pytest.raises(InvalidInputType):
        case.fire_many([], actor="a", expected_version="0")  # type: ignore[arg-type]


def test_a_pickled_instance_keeps_its_id_and_start() -> None:
    import pickle  # noqa: PLC0415 - only this test pickles

    fresh = PARENT.start("p", at=T0)
    back = pickle.loads(pickle.dumps(fresh))  # noqa: S301 - our own data
    assert (back.id, back.started_at, back.version) == ("p", T0, 0)
    moved, _ = fresh.fire_child("go", at=at(5), actor="a")
    back = pickle.loads(pickle.dumps(moved))  # noqa: S301 - our own data
    assert back == moved
    assert back.started_at == T0


def test_a_deadline_is_due_on_its_moment_and_from_its_warning() -> None:
    d = Definition(
        "c",
        states=[
            State(
                "live",
                initial=True,
                deadlines=[Deadline("review", after=Period(days=10), warn_before=Period(days=2))],
            ),
            State("ended", final=True),
        ],
        transitions=[Transition("live", "end", "ended")],
    )
    case = d.start("c", at=T0)
    due_at = T0 + dt.timedelta(days=10)
    statuses = [
        case.due(at=moment)[0].status
        for moment in (
            due_at - dt.timedelta(days=2, seconds=1),
            due_at - dt.timedelta(days=2),
            due_at,
            due_at + dt.timedelta(seconds=1),
        )
    ]
    assert statuses == ["upcoming", "due", "due", "overdue"]
    (item,) = case.due(at=due_at)
    assert (item.name, item.state, item.event, item.due_at) == ("review", "live", None, due_at)


def test_a_non_string_event_is_a_type_problem_named_event() -> None:
    case = PARENT.start("p", at=T0)
    with pytest.raises(InvalidInputType) as info:
        case.fire(3, at=T0, actor="a")  # type: ignore[arg-type]
    problem = info.value.problems[0]
    assert (problem.field, problem.expected, problem.received, problem.kind) == (
        "event",
        "an event name (str)",
        3,
        "type",
    )


def test_a_fork_guard_that_returns_no_verdict_is_named_when_asking() -> None:
    sloppy = Guard("sloppy", lambda c, d: "yes")  # type: ignore[arg-type, return-value]
    d = Definition(
        "g",
        states=[State("a", initial=True), State("b", final=True), State("c", final=True)],
        transitions=[
            Transition("a", "go", "b", guards=[sloppy]),
            Transition("a", "go", "c", guards=[DENIES]),
        ],
    )
    with pytest.raises(InvalidInputType) as info:
        d.start("x", at=T0).options(at=T0)
    problem = info.value.problems[0]
    assert (problem.field, problem.expected, problem.received, problem.kind) == (
        "guard 'sloppy' result",
        "a Verdict",
        "yes",
        "type",
    )


def test_options_before_the_last_event_refuse_every_event_with_the_reason() -> None:
    case, _ = PARENT.start("p", at=T0).fire_child("go", at=at(2), actor="a")
    options = case.options(at=at(1))
    assert [(o.event, o.allowed, o.target) for o in options] == [("finish", False, None)]
    (reason,) = options[0].reasons
    assert reason.rule == "after-last-event"
    assert at(2).isoformat() in reason.text
    now = case.options(at=at(2), context={})
    assert [r.rule for r in now[0].reasons] == ["child-final"]


def test_a_final_child_is_required_even_without_a_child() -> None:
    d = Definition(
        "g",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", requires_child_final=True)],
    )
    (reason,) = d.start("x", at=T0).can("go", at=T0).reasons
    assert reason == Reason(
        "child-final", "the child machine of 'a' must be in a final state (none)"
    )


def test_a_replayed_child_record_must_fit_its_path() -> None:
    case, (record,) = PARENT.start("p", at=T0).fire_child("go", at=at(1), actor="a")
    wrong_host = record._replace(path=("elsewhere",))
    with pytest.raises(InvalidHistory) as info:
        PARENT.replay([wrong_host], started_at=T0)
    assert "the record's path expects a child machine hosted by 'elsewhere'" in info.value.reason
    wrong_target = record._replace(target="c")
    with pytest.raises(InvalidHistory) as info:
        PARENT.replay([wrong_target], started_at=T0)
    assert "event 'go' is not allowed from state 'a' to 'c'" in info.value.reason
    replayed = PARENT.replay([record], started_at=T0)
    assert replayed == case
    assert replayed.started_at == T0
    assert replayed.child is not None
    assert replayed.child.started_at == T0
