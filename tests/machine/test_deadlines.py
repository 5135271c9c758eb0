import datetime as dt

import pytest

from commissioning import InvalidInput
from commissioning.machine import Deadline, Definition, Period, State, Transition

from .conftest import T0

CONTRACT = Definition(
    "contract",
    states=[
        State(
            "live",
            initial=True,
            deadlines=[
                Deadline("annual review", after=Period(months=12), warn_before=Period(months=1))
            ],
        ),
        State("ended", final=True),
    ],
    transitions=[
        Transition(
            "live",
            "end",
            "ended",
            deadline=Deadline("contract expiry", after=Period(years=3)),
        )
    ],
)


def test_a_deadline_is_upcoming_then_due_then_overdue() -> None:
    c = CONTRACT.start("c1", at=T0)
    statuses = {
        when: [d.status for d in c.due(at=when)]
        for when in (
            T0 + dt.timedelta(days=200),
            T0 + dt.timedelta(days=350),
            T0 + dt.timedelta(days=400),
        )
    }
    assert list(statuses.values()) == [
        ["upcoming", "upcoming"],
        ["due", "upcoming"],
        ["overdue", "upcoming"],
    ]


def test_deadlines_count_calendar_months_from_entering_the_state() -> None:
    c = CONTRACT.start("c1", at=dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC))
    review, expiry = c.due(at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
    assert review.due_at == dt.datetime(2025, 2, 28, 12, tzinfo=dt.UTC)
    assert expiry.due_at == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
    assert expiry.event == "end"


def test_nothing_is_due_in_a_state_without_deadlines() -> None:
    c, _ = CONTRACT.start("c1", at=T0).fire("end", at=T0, actor="a")
    assert c.due(at=T0) == ()


def test_periods_are_whole_non_negative_numbers() -> None:
    with pytest.raises(InvalidInput):
        Period(months=-1)
    assert str(Period(years=1, days=2)) == "1 year 2 days"
    assert str(Period()) == "no time"
