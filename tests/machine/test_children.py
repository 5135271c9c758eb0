import pytest

from commissioning import GuardRejected, InvalidInput, TransitionNotAllowed
from commissioning.machine import Definition, State, Transition

from .conftest import T0, at

PROCUREMENT = Definition(
    "procurement",
    states=[State("tender", initial=True), State("awarded"), State("contracted", final=True)],
    transitions=[
        Transition("tender", "award", "awarded"),
        Transition("awarded", "sign", "contracted"),
    ],
)
GRANT = Definition(
    "grant",
    states=[State("offer", initial=True), State("agreed", final=True)],
    transitions=[Transition("offer", "agree", "agreed")],
)
CYCLE = Definition(
    "cycle",
    states=[
        State("plan", initial=True),
        State("how", children=[PROCUREMENT, GRANT]),
        State("deliver", final=True),
    ],
    transitions=[
        Transition("plan", "choose", "how"),
        Transition("how", "deliver", "deliver", requires_child_final=True),
    ],
)


def test_the_parent_cannot_move_on_until_the_child_reaches_a_final_state() -> None:
    case, _ = CYCLE.start("c1", at=T0).fire(
        "choose", at=at(1), actor="ann", data={"child": "procurement"}
    )
    assert case.child is not None
    assert case.child.id == "c1/how"
    assert case.child.definition is PROCUREMENT
    with pytest.raises(GuardRejected) as info:
        case.fire("deliver", at=at(2), actor="ann")
    assert info.value.reasons[0].rule == "child-final"
    assert "in state 'tender'" in info.value.reasons[0].text
    case, (r1,) = case.fire_child("award", at=at(3), actor="ann")
    case, (r2,) = case.fire_child("sign", at=at(4), actor="ann")
    assert (r1.path, r1.version, r2.version) == (("how",), 2, 3)
    case, (r3,) = case.fire("deliver", at=at(5), actor="ann")
    assert case.is_final
    assert case.child is None
    assert r3.version == 4


def test_the_child_to_start_must_be_named_when_a_state_hosts_several() -> None:
    with pytest.raises(InvalidInput) as info:
        CYCLE.start("c1", at=T0).fire("choose", at=at(1), actor="ann")
    assert info.value.field == "data.child"


def test_replay_rebuilds_parent_and_child_from_one_log() -> None:
    case = CYCLE.start("c1", at=T0)
    records = []
    case, (r,) = case.fire("choose", at=at(1), actor="ann", data={"child": "grant"})
    records.append(r)
    case, (r,) = case.fire_child("agree", at=at(2), actor="ann")
    records.append(r)
    assert CYCLE.replay(records, started_at=T0) == case
    assert CYCLE.as_of(records, at=at(1), started_at=T0).child.state == "offer"  # type: ignore[union-attr]


def test_firing_on_a_child_where_there_is_none_is_refused() -> None:
    with pytest.raises(TransitionNotAllowed, match="hosts no child machine"):
        CYCLE.start("c1", at=T0).fire_child("award", at=at(1), actor="ann")


def test_a_grandchild_is_reached_through_its_path() -> None:
    outer = Definition(
        "outer",
        states=[State("run", initial=True, children=[CYCLE]), State("end", final=True)],
        transitions=[Transition("run", "finish", "end", requires_child_final=True)],
    )
    case = outer.start("o", at=T0)
    case, _ = case.fire_child("choose", at=at(1), actor="a", data={"child": "grant"})
    case, (record,) = case.fire_child("agree", at=at(2), actor="a", path=("how",))
    assert record.path == ("run", "how")
    assert outer.replay([], stream_id="o", started_at=T0).child is not None
    assert case.child is not None
    assert case.child.child is not None
    assert case.child.child.state == "agreed"
