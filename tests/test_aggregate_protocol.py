"""Every stateful public type follows the one aggregate protocol (issue 11, "Done when").

``AGGREGATES`` lists each type with a strategy for it and how to call one of its
commands; areas add their aggregates here as they convert them. Each is checked,
property-based, for: the shared protocol members; records of the one envelope
type, numbered 1..version under the aggregate's id; a stale or mistyped
``expected_version`` refused with ``VersionConflict``/``InvalidInputType`` and
nothing changed; ``can``/``options`` answering with the shared types;
``from_data(to_data(x)) == x`` through strict JSON; records round-tripping one
at a time; ``replay(history) == x``; and ``as_of`` at the last record giving it back.
"""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import InvalidInputType, VersionConflict
from commissioning._aggregate import Aggregate
from commissioning.cycle import CommissioningCycle, Question
from commissioning.machine import (
    EventOption,
    EventRecord,
    Instance,
    Verdict,
    record_from_data,
    record_to_data,
)
from commissioning.procurement import Procurement
from commissioning.strategies import (
    commissioning_cycles,
    instances,
    procurements,
    simple_procedure_machine,
)


@attrs.frozen
class Kind:
    """How to exercise one aggregate type."""

    type: type
    strategy: st.SearchStrategy[Any]
    #: one command: (aggregate, at, expected_version) -> (new aggregate, records); may be refused
    command: Callable[[Any, dt.datetime, Any], tuple[Any, tuple[EventRecord, ...]]]
    replay: Callable[[Any], Any]
    from_data: Callable[[Any, Any], Any]


def _later(x: Any) -> dt.datetime:
    last: dt.datetime = x.history[-1].occurred_at if x.history else x.started_at
    return last + dt.timedelta(days=1)


def _instance_command(i: Instance, at: dt.datetime, expected: Any) -> Any:
    event = i.definition.events_from(i.state)[0] if not i.is_final else "no-such-event"
    return i.fire(event, at=at, actor="tester", expected_version=expected)


def _procurement_command(p: Procurement, at: dt.datetime, expected: Any) -> Any:
    return p.act("assess_conflicts", at=at, actor="tester", expected_version=expected)


def _cycle_command(c: CommissioningCycle, at: dt.datetime, expected: Any) -> Any:
    evidence = Question("Who needs it?", "Everyone", at.date())
    return c.record(evidence, at=at, actor="tester", expected_version=expected)


AGGREGATES = [
    Kind(
        Instance,
        instances(),
        _instance_command,
        lambda i: (
            Instance.replay(i.history, definition=i.definition)
            if i.history
            else i.definition.start(i.id, at=i.started_at)
        ),
        lambda i, data: Instance.from_data(data, definition=i.definition),
    ),
    Kind(
        Procurement,
        procurements(),
        _procurement_command,
        lambda p: Procurement.replay(p.history, procedures=[p.procedure]),
        lambda p, data: Procurement.from_data(data, procedures=[p.procedure]),
    ),
    Kind(
        CommissioningCycle,
        commissioning_cycles(),
        _cycle_command,
        lambda c: CommissioningCycle.replay(c.history, procedures=[simple_procedure_machine()]),
        lambda c, data: CommissioningCycle.from_data(data, procedures=[simple_procedure_machine()]),
    ),
]
IDS = [k.type.__name__ for k in AGGREGATES]


@pytest.mark.parametrize("kind", AGGREGATES, ids=IDS)
def test_the_type_has_the_protocol_members(kind: Kind) -> None:
    for name in (
        "id",
        "version",
        "history",
        "can",
        "options",
        "as_of",
        "to_data",
        "from_data",
        "replay",
    ):
        assert hasattr(kind.type, name), name


@pytest.mark.parametrize("kind", AGGREGATES, ids=IDS)
def test_every_aggregate_follows_the_protocol(kind: Kind) -> None:
    @settings(max_examples=15)
    @given(kind.strategy)
    def check(x: Any) -> None:
        assert isinstance(x, Aggregate)
        # the one envelope, numbered under the aggregate's id
        assert all(type(r) is EventRecord for r in x.history)
        assert [r.version for r in x.history] == list(range(1, x.version + 1))
        assert {r.stream_id for r in x.history} <= {x.id}
        assert all(r.occurred_at.tzinfo is dt.UTC for r in x.history)
        # asking: the shared types
        at = _later(x)
        options = x.options(at=at)
        assert all(type(o) is EventOption for o in options)
        for option in options[:2]:
            assert type(x.can(option.event, at=at)) is Verdict
        # versions: stale and mistyped refused, nothing changed
        before = x.to_data()
        for stale in ("1", True, float(x.version)):
            with pytest.raises(InvalidInputType) as info:
                kind.command(x, at, stale)
            assert info.value.field == "expected_version"
        with pytest.raises(VersionConflict) as conflict:
            kind.command(x, at, x.version + 1)
        assert (conflict.value.stream_id, conflict.value.actual) == (x.id, x.version)
        assert x.to_data() == before
        # stored forms and replay
        data = json.loads(json.dumps(x.to_data(), allow_nan=False))
        assert list(data)[:2] == ["format", "format_version"]
        assert kind.from_data(x, data) == x
        for record in x.history:
            assert record_from_data(json.loads(json.dumps(record_to_data(record)))) == record
        assert kind.replay(x) == x
        if x.history:
            assert x.as_of(x.history[-1].occurred_at) == x

    check()
