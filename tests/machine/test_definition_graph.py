"""Definitions are validated by their own graph walk; networkx is built only when asked for.

The walk must find exactly what networkx finds: the states unreachable from the
initial state and the trap states (no final state reachable), over transitions with
several sources, self-loops and unknown states alike.
"""

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidDefinition
from commissioning.machine import Definition, State, Transition

from .conftest import cycle_definition

NAMES = ("s0", "s1", "s2", "s3", "s4", "s5")


@st.composite
def state_graphs(draw: st.DrawFn) -> tuple[list[State], list[Transition]]:
    """Between 2 and 6 states (s0 initial), some final, and any transitions among them."""
    n = draw(st.integers(2, len(NAMES)))
    names = NAMES[:n]
    finals = draw(st.sets(st.sampled_from(names[1:]), max_size=n - 1))
    states = [State(name, initial=name == "s0", final=name in finals) for name in names]
    sources = st.lists(
        st.sampled_from([s for s in names if s not in finals] or ["s0"]), min_size=1, max_size=3
    )
    transitions = draw(
        st.lists(
            st.builds(
                lambda src, i, tgt: Transition(tuple(dict.fromkeys(src)), f"e{i}", tgt),
                sources,
                st.integers(0, 10_000),
                st.sampled_from(names),
            ),
            max_size=10,
            unique_by=lambda t: t.event,
        )
    )
    return states, transitions


def _networkx_problems(states: list[State], transitions: list[Transition]) -> set[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_nodes_from(s.name for s in states)
    for t in transitions:
        for src in t.source:
            g.add_edge(src, t.target)
    reachable = nx.descendants(g, "s0") | {"s0"}
    finals = {s.name for s in states if s.final}
    can_finish = set(finals)
    for f in finals:
        can_finish |= nx.ancestors(g, f)
    found = {
        f"state {s.name!r} is unreachable from the initial state 's0'"
        for s in states
        if s.name not in reachable
    }
    if finals:
        found |= {
            f"state {s.name!r} is a trap: no final state can be reached from it"
            for s in states
            if s.name not in can_finish
        }
    return found


@given(state_graphs())
def test_the_walk_finds_the_unreachable_and_trap_states_networkx_finds(
    graph: tuple[list[State], list[Transition]],
) -> None:
    states, transitions = graph
    expected = _networkx_problems(states, transitions)
    try:
        Definition("g", states=states, transitions=transitions)
    except InvalidDefinition as e:
        got = {p for p in e.problems if "unreachable" in p or "trap" in p}
    else:
        got = set()
    assert got == expected


def test_states_reached_only_through_an_unknown_state_are_unreachable() -> None:
    with pytest.raises(InvalidDefinition) as info:
        Definition(
            "g",
            states=[State("a", initial=True), State("b"), State("c", final=True)],
            transitions=[
                Transition("a", "go", "c"),
                Transition("ghost", "haunt", "b"),
                Transition("b", "go", "c"),
            ],
        )
    problems = info.value.problems
    assert "transitions[1] ('haunt'): unknown source state 'ghost'" in problems
    assert "state 'b' is unreachable from the initial state 'a'" in problems
    assert not any("trap" in p for p in problems)


def test_a_loop_that_never_reaches_a_final_state_is_two_traps() -> None:
    with pytest.raises(InvalidDefinition) as info:
        Definition(
            "g",
            states=[State("a", initial=True), State("b"), State("c"), State("z", final=True)],
            transitions=[
                Transition("a", "go", "b"),
                Transition("b", "on", "c"),
                Transition("c", "back", "b"),
                Transition("a", "end", "z"),
            ],
        )
    traps = [p for p in info.value.problems if "trap" in p]
    assert traps == [
        "state 'b' is a trap: no final state can be reached from it",
        "state 'c' is a trap: no final state can be reached from it",
    ]


def test_to_networkx_builds_a_new_graph_each_time_with_states_and_transitions() -> None:
    d = cycle_definition()
    g = d.to_networkx()
    assert list(g.nodes) == list(d.state_names)
    assert g.nodes["start"]["state"] is d.state("start")
    edges = {(u, v, data["event"]) for u, v, data in g.edges(data=True)}
    assert ("review", "analyse", "analyse") in edges
    assert ("do", "decommissioned", "decommission") in edges
    assert g.number_of_edges() == sum(len(t.source) for t in d.transitions)
    g.remove_node("start")
    assert "start" in d.to_networkx()  # the caller's copy is the caller's
    assert d.to_networkx() is not d.to_networkx()
