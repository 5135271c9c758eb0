"""Real aggregates through the store: rebuilt with their replay, driven by the repository."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from commissioning import VersionConflict
from commissioning.machine import Definition, Instance, State, Transition
from commissioning.store import Repository, UnknownStream, UnreadableRecord

from .conftest import T0, Backend

REVIEW = Definition(
    "annual-review",
    states=[
        State("scheduled", initial=True),
        State("in-review"),
        State("escalated"),
        State("closed", final=True),
    ],
    transitions=[
        Transition("scheduled", "open", "in-review"),
        Transition("in-review", "escalate", "escalated"),
        Transition(("in-review", "escalated"), "close", "closed"),
    ],
)


def _at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def _reviewed(backend: Backend) -> tuple[Repository[Instance], Instance]:
    repo = Repository(backend.open(), Instance, definition=REVIEW)
    case = repo.add(
        REVIEW.start("review-1", at=T0).fire(
            "open", at=_at(1), actor="ann", data={"kpis": ["on time"]}
        )
    )
    case, _ = repo.execute("review-1", lambda c: c.fire("escalate", at=_at(2), actor="bo"))
    return repo, case


def test_an_instance_is_rebuilt_equal_from_its_stream(backend: Backend) -> None:
    repo, case = _reviewed(backend)
    assert case.state == "escalated"
    assert case.version == 2
    rebuilt = repo.get("review-1")
    assert rebuilt == case
    assert rebuilt.history == case.history
    assert backend.open().aggregate_type("review-1") == "commissioning.machine.Instance"
    assert backend.open().streams(aggregate_type=Instance) == ("review-1",)


def test_an_instance_is_rebuilt_as_it_was_at_a_moment(backend: Backend) -> None:
    repo, case = _reviewed(backend)
    earlier = repo.get("review-1", as_of=_at(1))
    assert (earlier.state, earlier.version) == ("in-review", 1)
    assert earlier == case.as_of(_at(1))


def test_a_repository_command_that_lost_the_race_writes_nothing(backend: Backend) -> None:
    repo, _ = _reviewed(backend)
    rival = Repository(backend.open(), Instance, definition=REVIEW)

    def close_after_a_rival(case: Instance) -> tuple[Instance, tuple]:  # type: ignore[type-arg]
        # While we decide, a rival closes the review first.
        rival.execute("review-1", lambda c: c.fire("close", at=_at(3), actor="rival"))
        return case.fire("close", at=_at(4), actor="ann")

    with pytest.raises(VersionConflict) as caught:
        repo.execute("review-1", close_after_a_rival)
    assert (caught.value.stream_id, caught.value.expected, caught.value.actual) == (
        "review-1",
        2,
        3,
    )
    final = repo.get("review-1")
    assert final.version == 3
    assert final.history[-1].actor == "rival"


def test_a_command_that_records_nothing_appends_nothing(backend: Backend) -> None:
    repo, case = _reviewed(backend)
    same, records = repo.execute("review-1", lambda c: (c, ()))
    assert (same, records) == (case, ())
    assert repo.store.version("review-1") == 2


def test_a_repository_refuses_to_add_over_an_existing_stream(backend: Backend) -> None:
    repo, _ = _reviewed(backend)
    again = REVIEW.start("review-1", at=T0).fire("open", at=_at(1), actor="eve")
    with pytest.raises(VersionConflict):
        repo.add(again)
    assert repo.get("review-1").history[0].actor == "ann"


def test_an_unknown_stream_cannot_be_rebuilt(backend: Backend) -> None:
    repo = Repository(backend.open(), Instance, definition=REVIEW)
    with pytest.raises(UnknownStream):
        repo.get("no-such-review")


def test_a_stored_record_that_does_not_fit_the_machine_names_stream_and_version(
    backend: Backend,
) -> None:
    repo, _ = _reviewed(backend)
    text = backend.raw("SELECT record FROM {p}events WHERE version = 2")[0][0]
    data = json.loads(text)
    data["event"] = "close"  # valid JSON, a valid record, but not what the machine did from there
    data["source"], data["target"] = "scheduled", "closed"
    backend.raw("UPDATE {p}events SET record = ? WHERE version = 2", (json.dumps(data),))
    with pytest.raises(UnreadableRecord) as caught:
        repo.get("review-1")
    assert (caught.value.stream_id, caught.value.version) == ("review-1", 2)
    assert "review-1" in str(caught.value)
    assert "commissioning.machine.Instance" in caught.value.expected
