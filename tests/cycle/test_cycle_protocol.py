"""CommissioningCycle follows the one aggregate protocol (issue 11), property-based with the public strategies."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from commissioning import InvalidInput, InvalidInputType, Reason, VersionConflict
from commissioning._aggregate import Aggregate
from commissioning._schemas import json_schema
from commissioning.cycle import (
    Approval,
    CommissioningCycle,
    DecommissioningStage,
    DeliveryRoute,
    ExpiryStatus,
    Framework,
    MakeOrBuy,
    Portfolio,
    Question,
    cabinet_office,
    decommissioning_status,
    example_lineage,
)
from commissioning.machine import (
    EventOption,
    EventRecord,
    Verdict,
    record_from_data,
    record_to_data,
)
from commissioning.procurement import procedure
from commissioning.strategies import commissioning_cycles, simple_procedure_machine

STORED = Draft202012Validator(json_schema("cycle"))
OWN = [simple_procedure_machine()]


def _later(cycle: CommissioningCycle) -> dt.datetime:
    return cycle.updated_at + dt.timedelta(days=1)


def _commands(cycle: CommissioningCycle, at: dt.datetime, expected: Any) -> list[object]:
    """Call every command of the cycle with ``expected_version``; return what each raised or returned."""
    calls: list[Callable[[], object]] = [
        lambda: cycle.record(
            Question("Q", "S", at.date()), at=at, actor="tester", expected_version=expected
        ),
        lambda: cycle.approve(
            Approval(cycle.framework.steps[0].name, "director", "A Person", at),
            at=at,
            actor="tester",
            expected_version=expected,
        ),
        lambda: cycle.fire("advance", at=at, actor="tester", expected_version=expected),
        lambda: cycle.advance(at=at, actor="tester", expected_version=expected),
        lambda: cycle.procure("simple-procedure", at=at, actor="tester", expected_version=expected),
        lambda: cycle.fire_procurement(
            "enter-contract", at=at, actor="tester", expected_version=expected
        ),
        lambda: cycle.next_cycle("next", at=at, actor="tester", expected_version=expected),
    ]
    out: list[object] = []
    for call in calls:
        try:
            out.append(call())
        except Exception as error:  # noqa: BLE001 - the test inspects what each command raised
            out.append(error)
    return out


@settings(max_examples=25, deadline=None)
@given(commissioning_cycles())
def test_a_cycle_follows_the_aggregate_protocol(cycle: CommissioningCycle) -> None:
    assert isinstance(cycle, Aggregate)
    # the one envelope, numbered under the cycle's id, in UTC
    assert all(type(r) is EventRecord for r in cycle.history)
    assert [r.version for r in cycle.history] == list(range(1, cycle.version + 1))
    assert {r.stream_id for r in cycle.history} == {cycle.id}
    assert all(r.occurred_at.tzinfo is dt.UTC for r in cycle.history)
    assert cycle.history[0].event == "start"
    # asking: the shared types
    at = _later(cycle)
    options = cycle.options(at=at)
    assert all(type(o) is EventOption for o in options)
    assert all(type(r) is Reason for o in options for r in o.reasons)
    for option in options:
        verdict = cycle.can(option.event, at=at)
        assert type(verdict) is Verdict
        assert verdict.allowed == option.allowed
    assert all(type(r) is Reason for r in cycle.blockers(at=at))
    # versions: mistyped and stale refused by every command, nothing changed
    before = cycle.to_data()
    for mistyped in ("1", True, float(cycle.version)):
        for outcome in _commands(cycle, at, mistyped):
            assert isinstance(outcome, InvalidInputType), outcome
            assert outcome.field == "expected_version"
    for outcome in _commands(cycle, at, cycle.version - 1):
        assert isinstance(outcome, VersionConflict), outcome
        assert (outcome.stream_id, outcome.expected, outcome.actual) == (
            cycle.id,
            cycle.version - 1,
            cycle.version,
        )
    assert cycle.to_data() == before
    # the right version is accepted by whichever commands the cycle allows now
    accepted: list[Any] = [o for o in _commands(cycle, at, cycle.version) if isinstance(o, tuple)]
    for new, records in accepted:
        (record,) = records
        assert record in new.history
        assert new.version in (cycle.version + 1, 1)
    # stored forms and replay
    data = json.loads(json.dumps(cycle.to_data(), allow_nan=False))
    assert list(data)[:2] == ["format", "format_version"]
    STORED.validate(data)
    assert CommissioningCycle.from_data(data, procedures=OWN) == cycle
    for record in cycle.history:
        assert record_from_data(json.loads(json.dumps(record_to_data(record)))) == record
    one_by_one = [record_from_data(record_to_data(r)) for r in cycle.history]
    assert CommissioningCycle.replay(one_by_one, procedures=OWN) == cycle
    assert cycle.as_of(cycle.updated_at) == cycle
    assert cycle.as_of(cycle.started_at).version >= 1


def test_a_stale_version_names_the_cycle_and_both_versions() -> None:
    first, _ = example_lineage()
    t = first.updated_at
    with pytest.raises(
        VersionConflict, match="stream 'meals-1': expected version 3, but it is at version 25"
    ):
        first.record(Question("Q", "S", t.date()), at=t, actor="amira", expected_version=3)
    with pytest.raises(InvalidInputType, match="expected_version: expected an int"):
        first.advance(at=t, actor="amira", expected_version="25")  # type: ignore[arg-type]


def test_the_cycle_builds_its_own_context() -> None:
    first, _ = example_lineage()
    with pytest.raises(InvalidInput, match="context: expected nothing"):
        first.can("advance", at=first.updated_at, context={"x": 1})  # type: ignore[arg-type]


def test_as_of_shows_the_cycle_as_it_was() -> None:
    first, _ = example_lineage()
    halfway = first.history[12].occurred_at
    earlier = first.as_of(halfway)
    assert earlier.history == tuple(r for r in first.history if r.occurred_at <= halfway)
    assert earlier.state == "route"
    with pytest.raises(InvalidInput, match="on or after the cycle started"):
        first.as_of(first.started_at - dt.timedelta(days=1))


def test_the_contract_life_after_procuring_is_in_the_cycles_log() -> None:
    first, _ = example_lineage()
    t = first.updated_at + dt.timedelta(days=1)
    later, _ = first.fire_procurement("start_delivery", at=t, actor="amira.khan")
    later, (paid,) = later.fire_procurement(
        "assess_performance",
        at=t,
        actor="amira.khan",
        data={"ratings": [{"kpi": "meals delivered", "rating": "good"}]},
    )
    assert paid.path == ("procuring",)
    assert later.procurement is not None
    assert later.procurement.state == "delivery"
    assert later.procurement.version == first.procurement.version + 2  # type: ignore[union-attr]
    assert later.state == "concluded"  # the cycle itself does not move
    rebuilt = CommissioningCycle.from_data(json.loads(json.dumps(later.to_data())))
    assert rebuilt == later
    assert rebuilt.procurement == later.procurement


def test_a_framework_stores_its_procedure_keys_and_finds_them_again() -> None:
    fw = cabinet_office(procedures=[procedure("pa-open")])
    data = json.loads(json.dumps(fw.to_data()))
    assert data["procedures"] == ["pa-open"]
    assert Framework.from_data(data) == fw
    assert Framework.from_data(data, procedures=[procedure("pa-open")]) == fw
    assert Framework.from_data(data, procedures=[procedure("pa-open").definition]) == fw


def test_a_framework_with_unregistered_machines_says_which_are_missing() -> None:
    fw = cabinet_office(procedures=[simple_procedure_machine()])
    data = fw.to_data()
    with pytest.raises(InvalidInput, match=r"procedures: .*received \['simple-procedure'\]"):
        Framework.from_data(data)
    assert Framework.from_data(data, procedures=OWN) == fw


def test_a_framework_with_custom_kinds_needs_their_functions() -> None:
    def signed(facts: object, requirement: object) -> tuple[str, ...]:
        return ()

    fw = cabinet_office()
    custom = Framework.from_data(
        {**fw.to_data(), "checks": ["signed-off"]}, checks={"signed-off": signed}
    )
    assert custom.to_data()["checks"] == ["signed-off"]
    with pytest.raises(InvalidInput, match=r"checks: .*received \['signed-off'\]"):
        Framework.from_data(custom.to_data())


def test_evidence_and_approvals_store_and_load() -> None:
    first, _ = example_lineage()
    for entry in first.entries:
        data = json.loads(json.dumps(entry.evidence.to_data()))
        assert type(entry.evidence).from_data(data) == entry.evidence
    approval = first.approvals[0]
    assert Approval.from_data(json.loads(json.dumps(approval.to_data()))) == approval
    with pytest.raises(InvalidInput, match=r"Question\.kind: expected one of 'question'"):
        Question.from_data(
            {**Question("Q", "S", dt.date(2026, 1, 1)).to_data(), "kind": "contract"}
        )
    with pytest.raises(InvalidInput, match=r"Question\.estimated_value: expected a decimal number"):
        Question.from_data(
            {"question": "Q", "scope": "S", "on": "2026-01-01", "estimated_value": "lots"}
        )
    assert Question.from_data(
        {"question": "Q", "scope": "S", "on": "2026-01-01", "estimated_value": "12.50"}
    ).estimated_value == Decimal("12.50")


def test_outputs_follow_the_time_rule() -> None:
    first, second = example_lineage()
    for cycle in (first, second):
        assert all(r.occurred_at.tzinfo is dt.UTC for r in cycle.history)
        for entry in cycle.entries:
            for name in ("on", "starts_on", "ends_on", "extendable_to", "service_ends_on"):
                day = getattr(entry.evidence, name, None)
                assert day is None or type(day) is pendulum.Date, (entry.evidence, name)
            assert entry.recorded_at.tzinfo is dt.UTC
        assert all(a.at.tzinfo is dt.UTC for a in cycle.approvals)
    (expiry,) = Portfolio([first, second]).expiring(
        start=dt.date(2030, 1, 1), end=dt.date(2030, 12, 31), on=dt.date(2029, 8, 1)
    )
    assert type(expiry.last_day) is pendulum.Date
    assert type(expiry.recommission_by) is pendulum.Date
    status = decommissioning_status(first, at=first.updated_at)
    assert status.service_ends_on is None
    assert first.ended_at is not None
    assert first.ended_at.tzinfo is dt.UTC


def test_closed_sets_are_accepted_from_their_value_strings() -> None:
    decision = MakeOrBuy("external procurement", "the market", dt.date(2026, 3, 1))
    assert decision.route is DeliveryRoute.EXTERNAL_PROCUREMENT
    assert DecommissioningStage("carry out") is DecommissioningStage.CARRY_OUT
    assert ExpiryStatus("due") is ExpiryStatus.DUE
    with pytest.raises(InvalidInputType, match="route: expected a DeliveryRoute"):
        MakeOrBuy("outsourcing", "the market", dt.date(2026, 3, 1))
    assert DeliveryRoute.__module__ == "commissioning.cycle"


def test_a_refused_command_names_the_field_and_changes_nothing() -> None:
    first, second = example_lineage()
    t = second.updated_at + dt.timedelta(days=1)
    before = second.to_data()
    with pytest.raises(InvalidInput, match=r"approval\.step: expected one of question, customers"):
        second.approve(Approval("lunch", "cabinet", "Cllr Patel", t), at=t, actor="amira")
    with pytest.raises(InvalidInput, match=r"approval\.at: expected a moment on or before"):
        second.approve(
            Approval("question", "cabinet", "Cllr Patel", t + dt.timedelta(hours=1)),
            at=t,
            actor="amira",
        )
    with pytest.raises(InvalidInput, match=r"evidence\.on: expected a day on or before"):
        second.record(Question("Q", "S", (t + dt.timedelta(days=1)).date()), at=t, actor="amira")
    with pytest.raises(InvalidInput, match="cycle: expected a cycle that has not ended"):
        first.record(Question("Q", "S", t.date()), at=t, actor="amira")
    with pytest.raises(InvalidInput, match="actor: expected a non-empty str"):
        second.record(Question("Q", "S", t.date()), at=t, actor="")
    assert second.to_data() == before
