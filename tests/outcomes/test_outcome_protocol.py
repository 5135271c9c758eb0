"""The observation log and the outcomes contract speak the one aggregate protocol (issue 11)."""

import datetime as dt
import inspect
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import (
    EventRecord,
    InvalidInputType,
    Verdict,
    VersionConflict,
)
from commissioning._aggregate import Aggregate
from commissioning.machine import EventOption, record_from_data, record_to_data
from commissioning.outcomes import (
    ObservationLog,
    OutcomePayment,
    OutcomesContract,
    PaymentKind,
    ReportingPeriod,
)
from commissioning.strategies import observation_logs, outcomes_contracts

LATER = dt.timedelta(days=1)


def _log_command(log: ObservationLog) -> Callable[..., Any]:
    """A command the log accepts now: record a period nobody has recorded."""
    period = ReportingPeriod.month(2030, 1)

    def run(**protocol: Any) -> Any:
        return log.record("fresh", period, 1, **protocol)

    return run


def _contract_command(contract: OutcomesContract) -> Callable[..., Any]:
    """A command the contract accepts now: record a planned payment (never capped)."""
    payment = OutcomePayment(ReportingPeriod.quarter(2030, 1), contract.paid(), PaymentKind.PLANNED)

    def run(**protocol: Any) -> Any:
        return contract.record_payment(payment, **protocol)

    return run


AGGREGATES = [
    (observation_logs(), _log_command, ("record", "revise", "withdraw", "extend")),
    (outcomes_contracts(), _contract_command, ("record_payment", "pay")),
]


@pytest.mark.parametrize(("cls", "commands"), [
    (ObservationLog, ("record", "revise", "withdraw")),
    (OutcomesContract, ("record_payment", "pay")),
])  # fmt: skip
def test_every_command_takes_at_actor_and_expected_version_keyword_only(
    cls: type, commands: tuple[str, ...]
) -> None:
    for name in commands:
        parameters = inspect.signature(getattr(cls, name)).parameters
        for keyword in ("at", "actor", "expected_version"):
            assert parameters[keyword].kind is inspect.Parameter.KEYWORD_ONLY, (name, keyword)
        assert parameters["expected_version"].default is None


@pytest.mark.parametrize(("strategy", "command", "names"), AGGREGATES)
@given(data=st.data())
def test_the_aggregate_answers_the_protocol(
    strategy: st.SearchStrategy[Any], command: Any, names: tuple[str, ...], data: st.DataObject
) -> None:
    x = data.draw(strategy)
    assert isinstance(x, Aggregate)
    assert x.version == len(x.history) >= 1
    at = x.history[-1].occurred_at + LATER

    # history: one envelope, one stream, versions 1..n, UTC
    for i, record in enumerate(x.history):
        assert record.__class__ is EventRecord
        assert (record.stream_id, record.version) == (x.id, i + 1)
        assert record.occurred_at.tzinfo is dt.UTC

    # asking: the shared result types, nothing changes
    options = x.options(at=at)
    assert tuple(o.event for o in options) == names
    assert all(o.__class__ is EventOption for o in options)
    for name in names:
        assert isinstance(x.can(name, at=at), Verdict)
    assert not x.can("no-such-command", at=at).allowed

    # a stale or mistyped version is refused and changes nothing
    before = x.to_data()
    run = command(x)
    with pytest.raises(VersionConflict) as conflict:
        run(at=at, actor="tester", expected_version=x.version + 1)
    assert (conflict.value.stream_id, conflict.value.expected, conflict.value.actual) == (
        x.id,
        x.version + 1,
        x.version,
    )
    for wrong in (True, str(x.version), float(x.version)):
        with pytest.raises(InvalidInputType) as mistyped:
            run(at=at, actor="tester", expected_version=wrong)
        assert mistyped.value.field == "expected_version"
    assert x.to_data() == before

    # a command at the right version returns the new aggregate and what it recorded
    new, records = run(at=at, actor="tester", expected_version=x.version)
    assert new.history == (*x.history, *records)
    assert records[-1].actor == "tester"
    assert new.as_of(x.history[-1].occurred_at) == x
    assert x.to_data() == before

    # one stored form, and records one at a time
    stored = json.loads(json.dumps(new.to_data(), allow_nan=False))
    assert list(stored)[:2] == ["format", "format_version"]
    again = type(new).from_data(stored)
    assert again == new
    assert again.history == new.history
    one_by_one = tuple(
        record_from_data(json.loads(json.dumps(record_to_data(r)))) for r in new.history
    )
    assert one_by_one == new.history
    assert type(new).replay(one_by_one) == new
