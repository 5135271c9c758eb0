from commissioning.machine import (
    Definition,
    EventRecord,
    Instance,
    State,
    Transition,
    to_dot,
    to_mermaid,
)

from .conftest import READY, T0, at, cycle_definition


def _walked() -> tuple[Definition, Instance, list[EventRecord]]:
    d = cycle_definition()
    case = d.start("c", at=T0)
    records = []
    for i, event in enumerate(["begin", "plan", "do"]):
        case, (r,) = case.fire(event, at=at(i), actor="ann", context=READY)
        records.append(r)
    return d, case, records


def test_mermaid_shows_states_transitions_guards_and_ends() -> None:
    text = to_mermaid(cycle_definition())
    assert text.startswith("stateDiagram-v2\n")
    assert '    state "analyse" as s1' in text
    assert "    [*] --> s0" in text
    assert "    s2 --> s3 : do [budget-approved]" in text
    assert "    s5 --> [*]" in text
    for source in ("s1", "s2", "s3", "s4"):
        assert f"    {source} --> s5 : decommission" in text


def test_mermaid_highlights_the_current_state_and_the_path_taken() -> None:
    d, case, records = _walked()
    text = to_mermaid(d, instance=case, records=records)
    assert "    class s3 current" in text
    assert "    class s1 visited" in text
    assert "class s4" not in text


def test_dot_shows_finals_current_state_and_taken_edges() -> None:
    d, case, records = _walked()
    text = to_dot(d, instance=case, records=records)
    assert '"decommissioned" [shape=doublecircle]' in text
    assert '"do" [style="rounded,filled,bold", fillcolor="#fde293"]' in text
    assert '"analyse" -> "plan" [label="plan [needs-analysed]", penwidth=2.5' in text
    assert '"review" -> "analyse" [label="analyse"];' in text


def test_names_with_quotes_and_colons_are_escaped() -> None:
    d = Definition(
        "odd",
        states=[State('What\'s the "question"?', initial=True), State("done: yes", final=True)],
        transitions=[Transition('What\'s the "question"?', "answer: now", "done: yes")],
    )
    assert "state \"What's the 'question'?\" as s0" in to_mermaid(d)
    assert "answer#58; now" in to_mermaid(d)
    assert '"What\'s the \\"question\\"?"' in to_dot(d)


def test_child_machines_appear_as_composite_states() -> None:
    child = Definition(
        "child",
        states=[State("a", initial=True), State("b", final=True)],
        transitions=[Transition("a", "go", "b")],
    )
    d = Definition(
        "parent",
        states=[State("p", initial=True, children=[child]), State("q", final=True)],
        transitions=[Transition("p", "next", "q", requires_child_final=True)],
    )
    text = to_mermaid(d)
    assert "state s0 {" in text
    assert 'state "child" as s0c0' in text
    assert "s0c0_s0 --> s0c0_s1 : go" in text
    assert 'xlabel="hosts: child"' in to_dot(d)
