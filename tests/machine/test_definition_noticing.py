"""Tests that would notice the definition mutations issue 17 (item 6) found surviving.

Every definition is built inside its test: a definition built while the tests are
collected was compiled before mutmut switched a mutant on, so no test would notice
a change to its validation or its compiled routes.
"""

import datetime as dt

import pytest

from commissioning import (
    GuardRejected,
    InvalidDefinition,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
)
from commissioning.machine import (
    Definition,
    EventRecord,
    Guard,
    State,
    Transition,
    Verdict,
    definition_from_data,
    definition_to_data,
)

from .conftest import T0, at


def _review() -> Definition:
    return Definition(
        "review",
        states=[State("open", initial=True), State("checked"), State("closed", final=True)],
        transitions=[
            Transition("open", "check", "checked"),
            Transition("checked", "close", "closed"),
        ],
    )


def _both_steps() -> tuple[Definition, tuple[EventRecord, ...]]:
    d = _review()
    case, first = d.start("case-1", at=T0).fire("check", at=at(1), actor="ann")
    _, second = case.fire("close", at=at(3), actor="bob")
    return d, first + second


def _nested(levels: int) -> Definition:
    d = Definition(
        "leaf",
        states=[State("a", initial=True), State("z", final=True)],
        transitions=[Transition("a", "go", "z")],
    )
    for i in range(levels):
        d = Definition(
            f"level-{i}",
            states=[State("a", initial=True, children=[d]), State("z", final=True)],
            transitions=[Transition("a", "go", "z", requires_child_final=True)],
        )
    return d


# ----------------------------------------------------------------- values


def test_a_transition_source_of_the_wrong_type_or_empty_is_named_source() -> None:
    with pytest.raises(InvalidInputType) as wrong:
        Transition(5, "go", "b")
    assert (wrong.value.field, wrong.value.expected, wrong.value.received) == (
        "source",
        "a state name or a tuple of them",
        5,
    )
    with pytest.raises(InvalidInput) as empty:
        Transition([], "go", "b")
    assert (empty.value.field, empty.value.expected, empty.value.received) == (
        "source",
        "at least one state name",
        (),
    )
    assert [p.field for p in empty.value.problems] == ["source"]


def test_an_unknown_state_name_lists_the_states_of_the_definition() -> None:
    d = _review()
    with pytest.raises(InvalidInput) as err:
        d.state("shut")
    assert err.value.field == "name"
    assert err.value.expected == "a state of 'review' (open, checked, closed)"
    assert err.value.received == "shut"


def test_an_event_the_state_does_not_take_has_no_transitions() -> None:
    d = _review()
    assert d.transitions_for("open", "close") == ()
    assert d.transitions_for("open", "check") == (d.transitions[0],)


# ----------------------------------------------------------- structure


def test_nesting_deeper_than_the_loader_reads_is_refused_when_built() -> None:
    # a definition built in code could be written but not read back (fixed: issue 17 item 6)
    deepest = _nested(16)
    assert definition_from_data(definition_to_data(deepest)) == deepest
    with pytest.raises(InvalidDefinition) as err:
        _nested(17)
    assert err.value.problems == (
        "child machines nest 17 levels deep; at most 16 can be stored and loaded",
    )


def test_one_state_both_initial_and_final_with_one_other_is_named() -> None:
    with pytest.raises(InvalidDefinition) as err:
        Definition("odd", states=[State("a", initial=True, final=True), State("b")], transitions=[])
    assert err.value.problems == (
        "state 'a' is both initial and final, so the others are unreachable",
        "state 'b' is unreachable from the initial state 'a'",
        "state 'b' is a trap: no final state can be reached from it",
    )


def test_an_initial_state_hosting_two_machines_says_why() -> None:
    one, two = (
        _nested(0),
        Definition(
            "other",
            states=[State("a", initial=True), State("z", final=True)],
            transitions=[Transition("a", "go", "z")],
        ),
    )
    with pytest.raises(InvalidDefinition) as err:
        Definition(
            "host",
            states=[State("h", initial=True, children=[one, two]), State("z", final=True)],
            transitions=[Transition("h", "go", "z")],
        )
    assert err.value.problems == (
        (
            "initial state 'h' hosts several child machines, but no event enters it "
            "to say which to start"
        ),
    )


def test_ambiguity_after_a_guarded_transition_is_still_found() -> None:
    g = Guard("g", lambda context, data: Verdict.allow())
    with pytest.raises(InvalidDefinition) as err:
        Definition(
            "amb",
            states=[State("a", initial=True), State("b", final=True), State("c", final=True)],
            transitions=[
                Transition("a", "go", "b", guards=[g]),
                Transition("a", "go", "b"),
                Transition("a", "go", "c"),
            ],
        )
    assert err.value.problems == (
        "ambiguous: transitions[1] and transitions[2] both take 'go' from 'a' with no guard",
    )


def test_two_equal_guards_under_one_name_are_one_guard() -> None:
    def check(context: object, data: object) -> Verdict:
        return Verdict.deny("no")

    first, second = Guard("same", check), Guard("same", check)
    assert first is not second
    assert first == second
    d = Definition(
        "twice",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[
            Transition("a", "go", "b", guards=[first]),
            Transition("a", "again", "b", guards=[second]),
        ],
    )
    assert d.transitions_for("a", "again")[0].guards == (second,)
    other = Guard("same", lambda context, data: Verdict.allow())
    with pytest.raises(InvalidDefinition) as err:
        Definition(
            "clash",
            states=[State("a", initial=True), State("b", final=True)],
            transitions=[
                Transition("a", "go", "b", guards=[first]),
                Transition("a", "again", "b", guards=[other]),
            ],
        )
    assert err.value.problems == ("guard name 'same' names two different guards",)


def test_an_unknown_target_does_not_hide_the_transitions_after_it() -> None:
    with pytest.raises(InvalidDefinition) as err:
        Definition(
            "typo",
            states=[State("a", initial=True), State("b"), State("c", final=True)],
            transitions=[
                Transition("a", "go", "nowhere"),
                Transition("a", "step", "b"),
                Transition("b", "end", "c"),
            ],
        )
    assert err.value.problems == ("transitions[0] ('go'): unknown target state 'nowhere'",)


def test_the_graph_carries_the_machine_name_and_each_transition() -> None:
    d = _review()
    graph = d.to_networkx()
    assert graph.graph["name"] == "review"
    edges = list(graph.edges(data=True))
    assert [(s, t, e["event"]) for s, t, e in edges] == [
        ("open", "checked", "check"),
        ("checked", "closed", "close"),
    ]
    assert [e["transition"] for _, _, e in edges] == list(d.transitions)


# ------------------------------------------------------------ compiled routes


def test_a_lone_transition_requiring_a_final_child_is_never_the_fast_path() -> None:
    host = Definition(
        "host",
        states=[State("h", initial=True, children=[_nested(0)]), State("z", final=True)],
        transitions=[Transition("h", "finish", "z", requires_child_final=True)],
    )
    case = host.start("p", at=T0)
    with pytest.raises(GuardRejected) as err:
        case.fire("finish", at=at(1), actor="ann")
    assert "final" in str(err.value)
    case, _ = case.fire_child("go", at=at(1), actor="ann")
    assert case.fire("finish", at=at(2), actor="ann")[0].state == "z"


def test_a_lone_guarded_transition_runs_its_guard() -> None:
    shut = Guard("shut", lambda context, data: Verdict.deny("the door is shut"))
    d = Definition(
        "door",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b", guards=[shut])],
    )
    with pytest.raises(GuardRejected) as err:
        d.start("x", at=T0).fire("go", at=at(1), actor="ann")
    assert "the door is shut" in str(err.value)


# ------------------------------------------------------------------ start


def test_start_names_a_bad_stream_id() -> None:
    with pytest.raises(InvalidInput) as err:
        _review().start("", at=T0)
    assert (err.value.field, err.value.received) == ("stream_id", "")


class _Moment(dt.datetime):
    """A datetime subclass, as some libraries hand out."""


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        _Moment(2026, 4, 1, 9, 0, tzinfo=dt.UTC),
    ],
    ids=["offset", "subclass"],
)
def test_start_keeps_every_moment_as_a_plain_utc_datetime(moment: dt.datetime) -> None:
    case = _review().start("x", at=moment)
    assert case.started_at == T0
    assert case.started_at.__class__ is dt.datetime
    assert case.started_at.tzinfo is dt.UTC


def test_a_child_chosen_by_name_and_a_missing_name_says_which_host_and_names() -> None:
    one = _nested(0)
    two = Definition(
        "other",
        states=[State("a", initial=True), State("z", final=True)],
        transitions=[Transition("a", "go", "z")],
    )
    d = Definition(
        "two",
        states=[
            State("s", initial=True),
            State("host", children=[one, two]),
            State("z", final=True),
        ],
        transitions=[Transition("s", "enter", "host"), Transition("host", "end", "z")],
    )
    case = d.start("p", at=T0)
    entered, _ = case.fire("enter", at=at(1), actor="ann", data={"child": "other"})
    assert entered.child is not None
    assert entered.child.definition is two
    assert entered.child.id == "p/host"
    with pytest.raises(InvalidInput) as err:
        case.fire("enter", at=at(1), actor="ann", data={"child": "third"})
    assert err.value.field == "data.child"
    assert err.value.expected == (
        "the name of the child machine to start in 'host': one of ['leaf', 'other']"
    )
    assert err.value.received == "third"


# ---------------------------------------------------------- replay, as_of


def test_replay_with_nothing_to_take_the_start_from_is_named() -> None:
    with pytest.raises(InvalidInput) as err:
        _review().replay([])
    assert err.value.field == "records"
    assert err.value.expected == "at least one record, or stream_id and started_at"
    assert err.value.received == []


def test_replay_of_something_not_a_record_names_record_zero() -> None:
    with pytest.raises(InvalidHistory) as err:
        _review().replay(["check"])  # type: ignore[list-item]
    assert (err.value.index, err.value.record) == (0, "check")
    assert err.value.reason == "expected an EventRecord, received 'check'"


def test_replay_under_another_id_does_not_take_the_records_id() -> None:
    d, records = _both_steps()
    assert d.replay(records, stream_id="case-1").id == "case-1"
    with pytest.raises(InvalidHistory):
        d.replay(records, stream_id="case-2")


def test_as_of_takes_the_id_and_start_from_the_first_record() -> None:
    d, records = _both_steps()
    case = d.as_of(records, at=at(2))
    assert (case.id, case.state, case.version) == ("case-1", "checked", 1)
    assert case.started_at == at(1)
    lone = d.as_of(records[:1], at=at(2))
    assert (lone.id, lone.started_at, lone.state) == ("case-1", at(1), "checked")


def test_as_of_keeps_an_id_given_and_checks_it_against_the_records() -> None:
    d, records = _both_steps()
    with pytest.raises(InvalidHistory):
        d.as_of(records, at=at(2), stream_id="case-2")
    empty = d.as_of([], at=at(2), stream_id="case-9", started_at=T0)
    assert (empty.id, empty.state, empty.version) == ("case-9", "open", 0)


def test_as_of_names_what_it_cannot_take_from_no_records() -> None:
    d = _review()
    with pytest.raises(InvalidInput) as no_start:
        d.as_of([], at=at(2), stream_id="case-1")
    assert (no_start.value.field, no_start.value.received) == ("started_at", None)
    assert no_start.value.expected == "an aware datetime (no records to take it from)"
    with pytest.raises(InvalidInput) as not_records:
        d.as_of(["check"], at=at(2), stream_id="case-1")  # type: ignore[list-item]
    assert not_records.value.field == "started_at"
    with pytest.raises(InvalidInput) as no_id:
        d.as_of([], at=at(2), started_at=T0)
    assert (no_id.value.field, no_id.value.received) == ("stream_id", None)
    assert no_id.value.expected == "the instance's id (no records to take it from)"


def test_as_of_names_a_naive_start_and_a_moment_before_it() -> None:
    d, records = _both_steps()
    with pytest.raises(InvalidInput) as naive:
        d.as_of(records, at=at(2), started_at=dt.datetime(2026, 4, 1))  # noqa: DTZ001 - naive on purpose
    assert naive.value.field == "started_at"
    before = at(1) - dt.timedelta(seconds=1)
    with pytest.raises(InvalidInput) as early:
        d.as_of(records, at=before)
    assert early.value.field == "at"
    assert early.value.expected == (
        "a moment on or after the instance started (2026-04-02T09:00:00+00:00)"
    )
    assert early.value.received == before


# ------------------------------------------------------- every bad field, named

_LEAF = "leaf"


def _bad_values() -> list[tuple[str, object, list[tuple[str, str, object, str]]]]:
    leaf = _nested(0)
    ok = [State("a", initial=True), State("z", final=True)]
    go = [Transition("a", "go", "z")]
    return [
        ("state name", lambda: State(5), [("name", "a non-empty str", 5, "type")]),  # type: ignore[arg-type]
        ("blank state name", lambda: State("  "), [("name", "a non-empty str", "  ", "value")]),
        ("initial", lambda: State("a", initial="yes"), [("initial", "a bool", "yes", "type")]),  # type: ignore[arg-type]
        ("final", lambda: State("a", final=1), [("final", "a bool", 1, "type")]),  # type: ignore[arg-type]
        (
            "children",
            lambda: State("a", children=5),
            [("children", "a tuple of Definitions", 5, "type")],
        ),
        ("a child", lambda: State("a", children=[5]), [("children[0]", "a Definition", 5, "type")]),
        (
            "twin children",
            lambda: State("a", children=[leaf, leaf]),
            [("children", "child definitions with distinct names", [_LEAF, _LEAF], "value")],
        ),
        (
            "deadlines",
            lambda: State("a", deadlines=5),
            [("deadlines", "a tuple of Deadlines", 5, "type")],
        ),
        (
            "a deadline",
            lambda: State("a", deadlines=["soon"]),
            [("deadlines[0]", "a Deadline", "soon", "type")],
        ),
        (
            "state description",
            lambda: State("a", description=5),  # type: ignore[arg-type]
            [("description", "a str", 5, "type")],
        ),
        (
            "blank source",
            lambda: Transition(["a", ""], "go", "b"),
            [("source[1]", "a non-empty str", "", "value")],
        ),
        ("event", lambda: Transition("a", 5, "b"), [("event", "a non-empty str", 5, "type")]),  # type: ignore[arg-type]
        ("target", lambda: Transition("a", "go", ""), [("target", "a non-empty str", "", "value")]),
        (
            "guards",
            lambda: Transition("a", "go", "b", guards=5),
            [("guards", "a tuple of Guards", 5, "type")],
        ),
        (
            "a guard",
            lambda: Transition("a", "go", "b", guards=["g"]),
            [("guards[0]", "a Guard", "g", "type")],
        ),
        (
            "requires_child_final",
            lambda: Transition("a", "go", "b", requires_child_final="no"),  # type: ignore[arg-type]
            [("requires_child_final", "a bool", "no", "type")],
        ),
        (
            "deadline",
            lambda: Transition("a", "go", "b", deadline="soon"),  # type: ignore[arg-type]
            [("deadline", "a Deadline or None", "soon", "type")],
        ),
        (
            "transition description",
            lambda: Transition("a", "go", "b", description=5),  # type: ignore[arg-type]
            [("description", "a str", 5, "type")],
        ),
        (
            "definition name",
            lambda: Definition(5, states=ok, transitions=go),  # type: ignore[arg-type]
            [("name", "a non-empty str", 5, "type")],
        ),
        (
            "states",
            lambda: Definition("d", states=5, transitions=go),
            [("states", "a sequence of States", 5, "type")],
        ),
        (
            "a state",
            lambda: Definition("d", states=[*ok, 5], transitions=go),
            [("states[2]", "a State", 5, "type")],
        ),
        (
            "transitions",
            lambda: Definition("d", states=ok, transitions=5),
            [("transitions", "a sequence of Transitions", 5, "type")],
        ),
        (
            "a transition",
            lambda: Definition("d", states=ok, transitions=[*go, "go"]),
            [("transitions[1]", "a Transition", "go", "type")],
        ),
        (
            "definition description",
            lambda: Definition("d", states=ok, transitions=go, description=5),  # type: ignore[arg-type]
            [("description", "a str", 5, "type")],
        ),
    ]


@pytest.mark.parametrize(
    ("what", "build", "problems"), _bad_values(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_bad_field_is_named_with_what_was_expected_and_received(
    what: str, build: object, problems: list[tuple[str, str, object, str]]
) -> None:
    with pytest.raises(InvalidInput) as err:
        build()  # type: ignore[operator]
    assert [(p.field, p.expected, p.received, p.kind) for p in err.value.problems] == problems, what


def test_an_invalid_definition_names_itself() -> None:
    with pytest.raises(InvalidDefinition) as err:
        Definition("bad", states=[State("a"), State("b", final=True)], transitions=[])
    assert err.value.definition == "bad"
    assert str(err.value).startswith("definition 'bad' is invalid (2 problems)")
