"""Tests that would notice the engine mutations issue 17 (item 6) found surviving.

Each test names the mutant it kills: a guard bypass after an allowing guard,
``fire_child``'s version and time checks, ``due`` counting from the last event
rather than from entering the state, and the event-data limits.
"""

import datetime as dt

import pytest

from commissioning import GuardRejected, InvalidInput, VersionConflict
from commissioning.machine import (
    Deadline,
    Definition,
    Guard,
    Period,
    State,
    Transition,
    Verdict,
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
