"""A procurement follows the one aggregate protocol (issue 11)."""

import json

import attrs
import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from commissioning import (
    EventRecord,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Reason,
    TransitionNotAllowed,
    Verdict,
    VersionConflict,
)
from commissioning._aggregate import Aggregate
from commissioning.machine import EventOption, json_schema, record_to_data
from commissioning.procurement import PROCEDURES, Procurement, ProcurementFacts
from commissioning.strategies import procurements

from .conftest import at, open_to_award

RECORD = Draft202012Validator(json_schema("record"))
STORED = Draft202012Validator(json_schema("procurement"))


def test_start_records_the_facts_and_the_procedure(facts: ProcurementFacts) -> None:
    p, (created,) = Procurement.start(
        "meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann"
    )
    assert (created.stream_id, created.version, created.event, created.actor) == (
        "meals",
        1,
        "start",
        "ann",
    )
    assert (created.source, created.target) == (None, "planning")
    assert ProcurementFacts.from_data(created.data["facts"]) == facts
    assert created.data["procedure"] == "pa-open"
    assert p.version == len(p.history) == 1
    assert p.history == (created,)
    assert isinstance(p, Aggregate)


def test_commands_return_the_records_and_count_versions(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    assert [r.version for r in p.history] == list(range(1, p.version + 1))
    assert {r.stream_id for r in p.history} == {"meals"}
    assert all(type(r) is EventRecord for r in p.history)
    assert p.instance.version == p.version - 1  # the machine has no creation record


@pytest.mark.parametrize("stale", ["2", True, 2.0])
def test_a_mistyped_version_is_refused_and_nothing_changes(
    facts: ProcurementFacts, stale: object
) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    before = p.to_data()
    with pytest.raises(InvalidInputType) as info:
        p.act("assess_conflicts", at=at(2, 5), actor="ann", expected_version=stale)  # type: ignore[arg-type]
    assert info.value.field == "expected_version"
    assert p.to_data() == before


def test_a_stale_version_is_a_conflict_naming_the_stream(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    with pytest.raises(VersionConflict) as info:
        p.publish("UK2", at=at(2, 3), actor="ann", expected_version=2)
    assert (info.value.stream_id, info.value.expected, info.value.actual) == ("meals", 2, 1)
    q, (record,) = p.act("assess_conflicts", at=at(2, 5), actor="ann", expected_version=1)
    assert record.version == q.version == 2


def test_asking_uses_the_shared_types(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    verdict = p.can("publish_UK4", at=at(3, 2), data={"tender_deadline": "2026-04-30"})
    assert isinstance(verdict, Verdict)
    assert verdict.reasons[0].rule == "pa-s83-conflicts-assessed"
    assert isinstance(verdict.reasons[0], Reason)
    options = p.options(at=at(3, 2))
    assert all(isinstance(o, EventOption) for o in options)
    assert "publish_UK4" in {o.event for o in options}
    with pytest.raises(InvalidInput) as info:
        p.can("publish_UK4", at=at(3, 2), context={"anything": 1})  # type: ignore[arg-type]
    assert info.value.field == "context"


def test_the_records_alone_rebuild_it_and_as_of_looks_back(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    assert Procurement.replay(p.history) == p
    assert p.as_of(at(3, 10)).state == "tendering"
    assert p.as_of(at(3, 10)).history == p.history[:3]
    assert p.as_of(at(2, 2)).version == 1
    with pytest.raises(InvalidInput):
        p.as_of(at(1, 1))


def test_replay_needs_the_creation_record_first(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    with pytest.raises(InvalidHistory) as info:
        Procurement.replay(p.history[1:])
    assert info.value.index == 0
    assert "creation record" in info.value.reason
    with pytest.raises(InvalidHistory) as info:
        Procurement.replay((p.history[0], p.history[2]))
    assert info.value.index == 1


def test_a_procedure_of_your_own_is_resolved_by_key(facts: ProcurementFacts) -> None:
    own = attrs.evolve(PROCEDURES["pa-open"], key="council-open")
    p, _ = Procurement.start("meals", facts=facts, procedure=own, at=at(2, 2), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    with pytest.raises(InvalidHistory, match="'council-open' is not registered"):
        Procurement.replay(p.history)
    assert Procurement.replay(p.history, procedures=[own]) == p
    assert Procurement.from_data(p.to_data(), procedures={"council-open": own}) == p


def test_the_stored_form_holds_record_documents(facts: ProcurementFacts) -> None:
    p = open_to_award(facts)
    data = json.loads(json.dumps(p.to_data(), allow_nan=False))
    assert list(data)[:2] == ["format", "format_version"]
    assert (data["format"], data["format_version"]) == ("commissioning.procurement", 2)
    for doc in data["records"]:
        assert RECORD.is_valid(doc), doc
    assert STORED.is_valid(data)
    assert not STORED.is_valid({**data, "records": data["records"][1:]})  # no creation record
    assert Procurement.from_data(data) == p
    with pytest.raises(InvalidInput) as info:
        Procurement.from_data({**data, "format_version": 1})
    assert info.value.field == "format_version"
    data["records"][3]["occurred_at"] = "not a time"
    with pytest.raises(InvalidInput) as info:
        Procurement.from_data(data)
    assert info.value.field == "records[3].occurred_at"


def test_publishing_an_unknown_notice_code_names_the_codes(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    with pytest.raises(InvalidInput) as info:
        p.publish("UK99", at=at(2, 3), actor="ann")
    message = str(info.value)
    assert info.value.field == "code"
    assert "'UK99', which is not a notice code" in message
    assert "UK1, UK2" in message
    assert "UK17" in message
    with pytest.raises(TransitionNotAllowed):
        p.publish("UK12", at=at(2, 3), actor="ann")  # a real code, not allowed yet


def test_abandoning_says_where_it_leads_and_whether_a_uk12_is_owed(facts: ProcurementFacts) -> None:
    p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=at(2, 2), actor="ann")
    early, (record,) = p.abandon(at=at(2, 3), actor="ann")
    assert (record.target, record.data["leads_to"], record.data["uk12_owed"]) == (
        "cancelled",
        "cancelled",
        False,
    )
    assert early.state == "cancelled"
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    late, (record,) = p.abandon(at=at(3, 5), actor="ann")
    assert (record.target, record.data["uk12_owed"]) == ("abandoning", True)
    assert late.state == "abandoning"
    assert Procurement.replay(late.history) == late


@settings(max_examples=25)
@given(procurements())
def test_every_generated_procurement_round_trips_and_replays(p: Procurement) -> None:
    assert Procurement.replay(p.history) == p
    data = json.loads(json.dumps(p.to_data()))
    assert STORED.is_valid(data)
    assert Procurement.from_data(data) == p
    for record in p.history:
        assert RECORD.is_valid(record_to_data(record))
