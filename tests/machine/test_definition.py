import networkx as nx
import pytest

from commissioning import InvalidDefinition, InvalidInput, InvalidInputType
from commissioning.machine import Definition, Guard, State, Transition, Verdict

from .conftest import budget_approved, cycle_definition


def _problems(states: list[State], transitions: list[Transition]) -> tuple[str, ...]:
    with pytest.raises(InvalidDefinition) as info:
        Definition("broken", states=states, transitions=transitions)
    return info.value.problems


def test_a_well_formed_cycle_is_accepted_and_indexed() -> None:
    d = cycle_definition()
    assert d.initial == "start"
    assert d.final_states == frozenset({"decommissioned"})
    assert d.events_from("review") == ("analyse", "decommission")
    assert d.events == {"begin", "plan", "do", "review", "analyse", "decommission"}
    assert [t.event for t in d.transitions_for("plan", "do")] == ["do"]
    assert isinstance(d.to_networkx(), nx.MultiDiGraph)


def test_a_definition_needs_exactly_one_initial_state() -> None:
    none = _problems([State("a"), State("b", final=True)], [Transition("a", "go", "b")])
    assert "expected exactly one initial state, received none" in none
    two = _problems(
        [State("a", initial=True), State("b", initial=True), State("c", final=True)],
        [Transition("a", "go", "c"), Transition("b", "go", "c")],
    )
    assert any("'a', 'b'" in p for p in two)


def test_every_problem_is_reported_at_once_not_just_the_first() -> None:
    problems = _problems(
        [
            State("open", initial=True),
            State("limbo"),
            State("orphan"),
            State("closed", final=True),
        ],
        [
            Transition("open", "close", "closed"),
            Transition("open", "wait", "limbo"),
            Transition("limbo", "wait", "limbo"),
            Transition("closed", "reopen", "open"),
            Transition("open", "jump", "nowhere"),
        ],
    )
    text = "\n".join(problems)
    assert "leaves final state 'closed'" in text
    assert "unknown target state 'nowhere'" in text
    assert len(problems) >= 3


def test_unreachable_states_and_trap_states_are_refused() -> None:
    problems = _problems(
        [
            State("open", initial=True),
            State("limbo"),
            State("orphan"),
            State("closed", final=True),
        ],
        [
            Transition("open", "close", "closed"),
            Transition("open", "wait", "limbo"),
            Transition("limbo", "wait", "limbo"),
            Transition("orphan", "close", "closed"),
        ],
    )
    assert "state 'orphan' is unreachable from the initial state 'open'" in problems
    assert "state 'limbo' is a trap: no final state can be reached from it" in problems


def test_two_unguarded_transitions_for_one_event_and_source_are_ambiguous() -> None:
    problems = _problems(
        [State("a", initial=True), State("b", final=True), State("c", final=True)],
        [Transition("a", "go", "b"), Transition("a", "go", "c")],
    )
    assert any(p.startswith("ambiguous") for p in problems)


def test_a_guarded_and_an_unguarded_transition_may_share_an_event() -> None:
    d = Definition(
        "fork",
        states=[State("a", initial=True), State("b", final=True), State("c", final=True)],
        transitions=[
            Transition("a", "go", "c"),
            Transition("a", "go", "b", guards=[budget_approved]),
        ],
    )
    assert [t.target for t in d.transitions_for("a", "go")] == ["b", "c"]


def test_duplicate_state_names_and_guard_names_are_refused() -> None:
    other = Guard("budget-approved", lambda c, d: Verdict.allow())
    problems = _problems(
        [State("a", initial=True), State("a"), State("b", final=True)],
        [
            Transition("a", "go", "b", guards=[budget_approved]),
            Transition("a", "stop", "b", guards=[other]),
        ],
    )
    assert "state name 'a' is used more than once" in problems
    assert "guard name 'budget-approved' names two different guards" in problems


def test_a_definition_with_no_final_state_is_refused() -> None:
    problems = _problems(
        [State("a", initial=True), State("b")],
        [Transition("a", "go", "b"), Transition("b", "back", "a")],
    )
    assert "expected at least one final state, received none" in problems


def test_wrong_types_are_typed_errors_naming_every_field() -> None:
    with pytest.raises(InvalidInputType) as info:
        State(3, final="yes")  # type: ignore[arg-type]
    assert {p.field for p in info.value.problems} == {"name", "final"}
    with pytest.raises(InvalidInput) as info2:
        Transition("a", "", "b", guards=["not a guard"])
    assert {p.field for p in info2.value.problems} == {"event", "guards[0]"}
    with pytest.raises(InvalidInputType):
        Definition("x", states="abc", transitions=[])


def test_asking_for_an_unknown_state_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="a state of 'cycle'"):
        cycle_definition().state("nowhere")


def test_definitions_are_immutable_values_equal_by_content() -> None:
    a, b = cycle_definition(), cycle_definition()
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.name = "other"  # type: ignore[misc]
    assert "cycle" in repr(a)


def test_a_single_state_that_is_initial_and_final_is_a_valid_machine() -> None:
    d = Definition("noop", states=[State("done", initial=True, final=True)], transitions=[])
    assert d.initial == "done"


def test_a_final_state_cannot_host_a_child_machine() -> None:
    child = cycle_definition()
    problems = _problems(
        [State("a", initial=True), State("b", final=True, children=[child])],
        [Transition("a", "go", "b")],
    )
    assert "final state 'b' hosts a child machine, which could never move on" in problems


def test_an_initial_state_cannot_host_several_child_machines() -> None:
    one = Definition(
        "one",
        states=[State("x", initial=True), State("y", final=True)],
        transitions=[Transition("x", "go", "y")],
    )
    two = Definition(
        "two",
        states=[State("x", initial=True), State("y", final=True)],
        transitions=[Transition("x", "go", "y")],
    )
    problems = _problems(
        [State("a", initial=True, children=[one, two]), State("b", final=True)],
        [Transition("a", "go", "b")],
    )
    assert any("hosts several child machines" in p for p in problems)
