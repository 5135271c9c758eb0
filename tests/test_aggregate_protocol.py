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
import importlib
import json
import pkgutil
from collections.abc import Callable
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import commissioning
from commissioning import InvalidInputType, VersionConflict
from commissioning._aggregate import Aggregate
from commissioning._schemas import schema_names
from commissioning.cycle import CommissioningCycle, Question
from commissioning.machine import (
    EventOption,
    EventRecord,
    Instance,
    Verdict,
    json_schema,
    record_from_data,
    record_to_data,
)
from commissioning.outcomes import (
    ObservationLog,
    OutcomePayment,
    OutcomesContract,
    PaymentKind,
    ReportingPeriod,
)
from commissioning.procurement import Procurement
from commissioning.stakeholders import Stakeholder, StakeholderMap
from commissioning.strategies import (
    commissioning_cycles,
    instances,
    observation_logs,
    outcomes_contracts,
    procurements,
    simple_procedure_machine,
    stakeholder_maps,
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


def _map_command(m: StakeholderMap, at: dt.datetime, expected: Any) -> Any:
    fresh = Stakeholder(f"fresh-{m.version}", f"A new group {m.version}", "resident", power=1, interest=1)
    return m.add(fresh, at=at, actor="tester", expected_version=expected)


def _log_command(log: ObservationLog, at: dt.datetime, expected: Any) -> Any:
    period = ReportingPeriod.month(2030, 1)
    return log.record("fresh", period, 1, at=at, actor="tester", expected_version=expected)


def _contract_command(c: OutcomesContract, at: dt.datetime, expected: Any) -> Any:
    payment = OutcomePayment(ReportingPeriod.quarter(2030, 1), c.paid(), PaymentKind.PLANNED)
    return c.record_payment(payment, at=at, actor="tester", expected_version=expected)


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
    Kind(
        StakeholderMap,
        stakeholder_maps(),
        _map_command,
        lambda m: StakeholderMap.replay(m.history),
        lambda m, data: StakeholderMap.from_data(data),
    ),
    Kind(
        ObservationLog,
        observation_logs(),
        _log_command,
        lambda log: ObservationLog.replay(log.history),
        lambda log, data: ObservationLog.from_data(data),
    ),
    Kind(
        OutcomesContract,
        outcomes_contracts(),
        _contract_command,
        lambda c: OutcomesContract.replay(c.history),
        lambda c, data: OutcomesContract.from_data(data),
    ),
]
IDS = [k.type.__name__ for k in AGGREGATES]


def _stateful_public_types() -> set[type]:
    """Every public class that keeps a history of records and can be rebuilt from it."""
    names = ["commissioning"]
    names.extend(
        info.name
        for info in pkgutil.walk_packages(commissioning.__path__, "commissioning.")
        if not any(part.startswith("_") for part in info.name.split("."))
    )
    found: set[type] = set()
    for name in names:
        module = importlib.import_module(name)
        for attr in module.__all__:
            value = getattr(module, attr)
            if (
                isinstance(value, type)
                and value is not Aggregate
                and all(hasattr(value, m) for m in ("history", "replay", "version"))
            ):
                found.add(value)
    return found


def test_every_stateful_public_type_is_checked_against_the_protocol() -> None:
    assert _stateful_public_types() == {k.type for k in AGGREGATES}


RECORD_VALIDATOR = jsonschema.Draft202012Validator(json_schema("record"))


def _validate_stored_form(data: dict[str, Any]) -> None:
    """Every record document validates against the shipped record schema, and the whole form
    against its own schema where one ships (named after the format, ``commissioning.<name>``)."""
    for document in data.get("records", ()):
        RECORD_VALIDATOR.validate(document)
    name = str(data["format"]).removeprefix("commissioning.")
    if name in schema_names():
        jsonschema.Draft202012Validator(json_schema(name)).validate(data)


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
        _validate_stored_form(data)
        for record in x.history:
            assert record_from_data(json.loads(json.dumps(record_to_data(record)))) == record
        assert kind.replay(x) == x
        if x.history:
            assert x.as_of(x.history[-1].occurred_at) == x

    check()
