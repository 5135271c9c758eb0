"""Hostile input for the procurement loaders: typed error or a value that round-trips (issue 17)."""

from __future__ import annotations

import collections
import datetime as dt
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import CommissioningError, record_from_data, record_to_data
from commissioning.procurement import Procurement, ProcurementFacts
from commissioning.strategies import (
    hostile_edits,
    json_values,
    procurement_facts,
    procurements,
    stored_procurements,
)
from commissioning.thresholds import AuthorityType, ContractType

from ._promise import typed_error_or_round_trip

fuzz = settings(max_examples=60)


def load(data: Any) -> Procurement:
    return Procurement.from_data(data)


def dump(p: Procurement) -> Any:
    return p.to_data()


@fuzz
@given(json_values())
def test_garbage_is_refused_by_the_procurement_loaders_with_a_typed_error(garbage: Any) -> None:
    typed_error_or_round_trip(load, dump, garbage)
    typed_error_or_round_trip(ProcurementFacts.from_data, ProcurementFacts.to_data, garbage)


@fuzz
@given(hostile_edits(stored_procurements()))
def test_an_edited_stored_procurement_loads_or_is_refused_with_a_typed_error(doc: Any) -> None:
    p = typed_error_or_round_trip(load, dump, doc)
    if p is not None:
        assert p.version == len(p.history)
        assert all(r.occurred_at.tzinfo is dt.UTC for r in p.history)


@fuzz
@given(hostile_edits(procurement_facts().map(ProcurementFacts.to_data)))
def test_edited_procurement_facts_load_or_are_refused_with_a_typed_error(doc: Any) -> None:
    typed_error_or_round_trip(ProcurementFacts.from_data, ProcurementFacts.to_data, doc)


@fuzz
@given(procurements(max_steps=10), st.data())
def test_replaying_a_procurement_with_an_edited_record_fits_or_is_refused(
    p: Procurement, data: st.DataObject
) -> None:
    records = p.history
    i = data.draw(st.integers(0, len(records) - 1))
    try:
        edited = record_from_data(data.draw(hostile_edits(record_to_data(records[i]))))
    except CommissioningError:
        return
    try:
        replayed = Procurement.replay((*records[:i], edited, *records[i + 1 :]))
    except CommissioningError:
        return
    assert replayed.version == len(records)
    typed_error_or_round_trip(load, dump, replayed.to_data())


def test_generated_procurements_reach_late_states_as_often_as_early_ones() -> None:
    """Issue 17 item 4: at least 40% of generated procurements are past award."""
    states: collections.Counter[str] = collections.Counter()
    awarded = []

    @settings(max_examples=150, derandomize=True, database=None)
    @given(procurements())
    def walk(p: Procurement) -> None:
        states[p.state] += 1
        awarded.append(p.timeline.award is not None)

    walk()
    share = sum(awarded) / len(awarded)
    planning = states["planning"] / len(awarded)
    assert share >= 0.40, f"only {share:.0%} past award; states: {states.most_common()}"
    assert planning <= 0.30, f"{planning:.0%} still in planning; states: {states.most_common()}"


def _published_document(tender_deadline: object) -> dict[str, Any]:
    """A stored pa-open procurement whose UK4 record's data says ``tender_deadline``."""
    facts = ProcurementFacts(
        title="Meals on wheels",
        buyer="Anytown Council",
        authority=AuthorityType.SUB_CENTRAL,
        contract_type=ContractType.SERVICES,
        value_including_vat="600000",
        commenced_on=pendulum.Date(2026, 2, 2),
    )
    t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    p, _ = Procurement.start("meals-2026", facts=facts, procedure="pa-open", at=t, actor="ann")
    p, _ = p.act("assess_conflicts", at=t, actor="ann")
    p, _ = p.publish("UK4", at=t, actor="ann", content={"tender_deadline": "2026-04-02"})
    document = p.to_data()
    document["records"][-1]["data"]["tender_deadline"] = tender_deadline
    return document


@pytest.mark.parametrize("deadline", ["2029-1&1-02", 20290102, ["2029-01-02"]])
def test_a_stored_procurement_with_a_malformed_deadline_in_a_record_is_refused(
    deadline: object,
) -> None:
    with pytest.raises(CommissioningError):
        Procurement.from_data(_published_document(deadline))
