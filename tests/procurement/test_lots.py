"""A procurement divided into lots: each lot awarded, held in standstill, contracted and owed duties on its own."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import (
    GuardRejected,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    TransitionNotAllowed,
    VersionConflict,
)
from commissioning.machine import EventRecord, freeze_data
from commissioning.procurement import Lot, Procurement, ProcurementFacts, obligations
from commissioning.strategies import procurement_lots, procurements

from .conftest import at, make_facts

HOT = Lot("1", "Hot meals", "3500000")
FROZEN = Lot("2", "Frozen meals", "2500000")


def lotted_facts(**kw: object) -> ProcurementFacts:
    base: dict[str, object] = {"value": "6000000", "lots": (HOT, FROZEN)}
    base.update(kw)
    return make_facts(**base)  # type: ignore[arg-type]  # keyword facts assembled for the test


def tendered(facts: ProcurementFacts | None = None) -> Procurement:
    """Two lots under one open procedure: one tender notice (Mon 2 Mar 2026), tendering closed 28 Mar."""
    p, _ = Procurement.start(
        "meals", facts=facts or lotted_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("close_tendering", at=at(3, 28), actor="ann")
    return p


def award(p: Procurement, lot: str, supplier: str | list[str], day: int) -> Procurement:
    """Summaries then the contract award notice for one lot, on ``day`` April and the next."""
    value = p.facts.lot(lot).value_including_vat
    names = {"suppliers": supplier} if isinstance(supplier, list) else {"supplier": supplier}
    p, _ = p.act("send_assessment_summaries", at=at(4, day), actor="ann", lots=lot)
    p, _ = p.publish(
        "UK6",
        at=at(4, day + 1),
        actor="ann",
        lots=lot,
        content={**names, "value_including_vat": str(value)},
    )
    return p


# --------------------------------------------------------------------------- the facts
def test_a_lot_is_checked_listing_every_problem() -> None:
    with pytest.raises(InvalidInput) as caught:
        Lot(" ", "", "-5", valued_alone="  ")
    fields = [p.field for p in caught.value.problems]
    assert fields == ["id", "title", "value_including_vat", "valued_alone"]
    with pytest.raises(InvalidInput, match="at most the value including VAT"):
        Lot("1", "Hot meals", "100", value_excluding_vat="120")


def test_lots_whose_values_exceed_the_whole_are_refused_citing_schedule_3() -> None:
    with pytest.raises(InvalidInput) as caught:
        lotted_facts(value="5000000")
    assert caught.value.field == "lots"
    assert "Sch 3 para 4" in caught.value.expected
    assert "6000000" in str(caught.value)


def test_repeated_lot_ids_a_limit_without_lots_and_a_repeated_buyer_are_each_named() -> None:
    with pytest.raises(InvalidInput) as caught:
        make_facts(
            value="6000000",
            lots=(HOT, attrs.evolve(HOT, title="Hot meals again", value_including_vat="1")),
            max_lots_per_supplier=0,
            joint_buyers=("Anytown Council",),
        )
    assert [p.field for p in caught.value.problems] == [
        "lots[1].id",
        "max_lots_per_supplier",
        "joint_buyers[0]",
    ]
    with pytest.raises(InvalidInput) as caught:
        make_facts(max_lots_per_supplier=1)
    assert caught.value.expected == "None for a procurement without lots"
    with pytest.raises(InvalidInputType) as typed:
        make_facts(lots=("1",))
    assert typed.value.field == "lots[0]"


def test_facts_with_lots_and_joint_buyers_round_trip_and_older_facts_keep_their_stored_form() -> (
    None
):
    facts = lotted_facts(max_lots_per_supplier=1, joint_buyers=("Nextown Council",))
    data = facts.to_data()
    assert data["lots"][1] == {
        "id": "2",
        "title": "Frozen meals",
        "value_including_vat": "2500000.00",
    }
    assert ProcurementFacts.from_data(data) == facts
    assert facts.buyers == ("Anytown Council", "Nextown Council")
    plain = make_facts().to_data()
    assert not {"lots", "max_lots_per_supplier", "joint_buyers"} & set(plain)


def test_a_bad_lot_in_stored_facts_is_named_by_its_path() -> None:
    data = lotted_facts().to_data()
    data["lots"][1]["value_including_vat"] = "lots"
    data["lots"][0]["colour"] = "red"
    with pytest.raises(InvalidInput) as caught:
        ProcurementFacts.from_data(data)
    assert {p.field for p in caught.value.problems} == {
        "lots[0].colour",
        "lots[1].value_including_vat",
    }


def test_a_lots_contract_is_valued_as_the_whole_unless_there_are_good_reasons() -> None:
    # Sch 3 para 4(2): each contract's estimated value includes all of them, unless
    # the authority has good reasons not to aggregate.
    facts = make_facts(
        value="6000000",
        lots=(HOT, Lot("2", "Snacks", "90000", valued_alone="a separate market of caterers")),
    )
    hot = facts.for_lot("1")
    assert hot.value_including_vat == facts.value_including_vat
    assert hot.title == "Meals on wheels: lot 1, Hot meals"
    assert hot.lots == ()
    assert hot.above_threshold
    snacks = facts.for_lot("2")
    assert str(snacks.value_including_vat) == "90000.00"
    assert not snacks.above_threshold
    with pytest.raises(InvalidInput) as caught:
        facts.for_lot("3")
    assert caught.value.field == "lot"
    assert "'1', '2'" in caught.value.expected


# --------------------------------------------------------------------- the procedure
def test_one_tender_notice_moves_every_lot_and_is_recorded_once() -> None:
    p = tendered()
    uk4 = p.history[2]
    assert uk4.event == "publish_UK4"
    assert dict(uk4.data["lot_states"]) == {"1": "tendering", "2": "tendering"}
    assert [n.code for n in p.notices] == ["UK4"]
    assert {lot_id: lot.state for lot_id, lot in p.lots.items()} == {
        "1": "evaluation",
        "2": "evaluation",
    }
    assert p.lots["1"].id == "meals/lots/1"
    assert p.lots["1"].facts.title == "Meals on wheels: lot 1, Hot meals"
    assert p.lots["2"].timeline.tender_deadline == pendulum.Date(2026, 3, 27)


def test_each_lot_is_awarded_and_held_in_standstill_on_its_own() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)  # UK6 for lot 1 on Thu 2 Apr 2026
    assert p.lots["1"].state == "standstill"
    assert p.lots["2"].state == "evaluation"
    assert p.state == "evaluation"  # the whole is where its least advanced lot is
    assert p.lots["1"].timeline.standstill_last_day == pendulum.Date(2026, 4, 15)
    assert p.lots["2"].timeline.award is None
    p = award(p, "2", "Beta Services", 6)  # UK6 for lot 2 on Tue 7 Apr 2026
    assert p.lots["2"].timeline.standstill_last_day == pendulum.Date(2026, 4, 16)
    assert p.state == "standstill"
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        lots="1",
        data={"value_including_vat": "3500000", "kpis": ["on time", "hot", "satisfied"]},
    )
    assert p.lots["1"].state == "mobilisation"
    assert p.lots["1"].timeline.contract_entered_on == pendulum.Date(2026, 4, 16)
    assert p.lots["2"].timeline.contract_entered_on is None
    assert p.state == "standstill"


def test_a_refusal_names_the_lot_and_changes_nothing() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)
    with pytest.raises(GuardRejected) as caught:
        p.publish(
            "UK6",
            at=at(4, 3),
            actor="ann",
            lots="2",
            content={"supplier": "Beta Services", "value_including_vat": "2500000"},
        )
    (reason,) = caught.value.reasons
    assert reason.rule == "pa-s50-assessment-summaries-first"
    assert reason.text.startswith("lot 2: ")
    contract = {"value_including_vat": "3500000", "kpis": ["on time", "hot", "satisfied"]}
    with pytest.raises(GuardRejected) as early:
        p.act("enter_contract", at=at(4, 8), actor="ann", lots="1", data=contract)
    assert early.value.reasons[0].text.startswith("lot 1: ")
    assert "Wed 15 Apr 2026" in early.value.reasons[0].text
    with pytest.raises(TransitionNotAllowed) as wrong:
        p.act("enter_contract", at=at(4, 20), actor="ann", lots=["1", "2"], data=contract)
    assert "in lot '2'" in str(wrong.value)
    assert wrong.value.state == "evaluation"
    assert p == Procurement.replay(p.history)
    assert p.version == 6


@pytest.mark.parametrize(
    ("lots", "expected"),
    [
        ("3", "ids of this procurement's lots ('1', '2')"),
        ([], "at least one lot id ('1', '2')"),
        (["1", 2], "ids of this procurement's lots ('1', '2')"),
        (7, "a lot id or a list of lot ids ('1', '2')"),
    ],
)
def test_naming_lots_that_are_not_there_is_refused(lots: object, expected: str) -> None:
    p = tendered()
    with pytest.raises(InvalidInput) as caught:
        p.act("send_assessment_summaries", at=at(4, 1), actor="ann", lots=lots)  # type: ignore[arg-type]  # the wrong types are the point
    assert caught.value.field == "lots"
    assert caught.value.expected == expected


def test_an_undivided_procurement_refuses_lots_and_reserved_keys_are_refused() -> None:
    p, _ = Procurement.start(
        "meals", facts=make_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    with pytest.raises(InvalidInput) as caught:
        p.act("assess_conflicts", at=at(2, 5), actor="ann", lots="1")
    assert caught.value.expected == "None: this procurement is not divided into lots"
    with pytest.raises(InvalidInput) as reserved:
        tendered().act(
            "send_assessment_summaries", at=at(4, 1), actor="ann", data={"lot_states": {}}
        )
    assert reserved.value.field == "data.lot_states"


def test_expected_version_guards_a_lotted_procurement_too() -> None:
    p = tendered()
    with pytest.raises(VersionConflict) as caught:
        p.act("send_assessment_summaries", at=at(4, 1), actor="ann", lots="1", expected_version=3)
    assert (caught.value.expected, caught.value.actual) == (3, 4)
    with pytest.raises(VersionConflict):
        p.abandon(at=at(4, 1), actor="ann", lots="1", expected_version=1)


def test_the_award_criteria_can_limit_the_lots_one_supplier_is_awarded() -> None:
    # PA s.23(4)(a)
    p = award(tendered(lotted_facts(max_lots_per_supplier=1)), "1", "Acme Ltd", 1)
    p, _ = p.act("send_assessment_summaries", at=at(4, 6), actor="ann", lots="2")
    content = {"supplier": "Acme Ltd", "value_including_vat": "2500000"}
    verdict = p.can("publish_UK6", at=at(4, 7), lots="2", data=content)
    assert not verdict.allowed
    (reason,) = verdict.reasons
    assert reason.rule == "pa-s23-lots-per-supplier"
    assert "at most 1 lot(s)" in reason.text
    assert "'Acme Ltd' would hold 2 (lots 1, 2)" in reason.text
    with pytest.raises(GuardRejected) as caught:
        p.publish("UK6", at=at(4, 7), actor="ann", lots="2", content=content)
    assert caught.value.reasons == verdict.reasons
    other = {"supplier": "Beta Services", "value_including_vat": "2500000"}
    assert p.can("publish_UK6", at=at(4, 7), lots="2", data=other).allowed


def test_an_award_may_name_several_suppliers() -> None:
    p = award(tendered(), "1", ["Acme Ltd", "Beta Services"], 1)
    assert p.lots["1"].timeline.award is not None
    assert tuple(p.lots["1"].timeline.award["suppliers"]) == ("Acme Ltd", "Beta Services")
    assert p.lots["1"].timeline.award["supplier"] == "Acme Ltd"
    p2 = tendered()
    p2, _ = p2.act("send_assessment_summaries", at=at(4, 1), actor="ann", lots="2")
    for bad in ([], ["Acme Ltd", "Acme Ltd"], ["Acme Ltd", ""], "Acme Ltd"):
        with pytest.raises(GuardRejected) as caught:
            p2.publish(
                "UK6",
                at=at(4, 2),
                actor="ann",
                lots="2",
                content={"suppliers": bad, "value_including_vat": "2500000"},
            )
        assert "suppliers must be a non-empty list of distinct supplier names" in str(caught.value)
    with pytest.raises(GuardRejected, match="supplier must be the first of suppliers"):
        p2.publish(
            "UK6",
            at=at(4, 2),
            actor="ann",
            lots="2",
            content={
                "supplier": "Beta Services",
                "suppliers": ["Acme Ltd", "Beta Services"],
                "value_including_vat": "2500000",
            },
        )


def test_options_are_those_every_named_lot_allows() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)
    assert [o.event for o in p.options(at=at(4, 20), lots="1")] == [
        "enter_contract",
        "abandon",
    ]
    both = {o.event: o for o in p.options(at=at(4, 20))}
    assert "enter_contract" not in both  # lot 2 is still in evaluation
    assert both["abandon"].allowed


def test_abandoning_one_lot_owes_its_termination_notice_and_the_whole_goes_on() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)
    p, (record,) = p.abandon(at=at(4, 6), actor="ann", lots="2")
    assert dict(record.data["lot_states"]) == {"2": "abandoning"}
    assert record.data["uk12_owed"] is True
    p, _ = p.publish("UK12", at=at(4, 7), actor="ann", lots="2")
    assert p.lots["2"].is_final
    assert not p.is_final
    assert p.state == "standstill"  # lot 1's
    with pytest.raises(TransitionNotAllowed):
        p.act("send_assessment_summaries", at=at(4, 8), actor="ann", lots="2")


def test_the_whole_is_final_only_when_every_lot_is() -> None:
    p = tendered()
    p, (record,) = p.abandon(at=at(4, 1), actor="ann")
    assert dict(record.data["lot_states"]) == {"1": "abandoning", "2": "abandoning"}
    p, _ = p.publish("UK12", at=at(4, 2), actor="ann", lots="1")
    assert not p.is_final
    p, _ = p.publish("UK12", at=at(4, 2), actor="ann")  # every lot in progress: lot 2
    assert p.is_final
    assert p.state == "cancelled"
    with pytest.raises(TransitionNotAllowed, match="every lot is over"):
        p.publish("UK12", at=at(4, 3), actor="ann")
    assert p.options(at=at(4, 3)) == ()
    assert p.options(at=at(4, 3), lots="1") == ()


def test_each_lots_contract_owes_its_own_duties() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        lots="1",
        data={"value_including_vat": "3500000", "kpis": ["on time", "hot", "satisfied"]},
    )
    owed = obligations(p, on=pendulum.Date(2026, 6, 1))
    assert {o.lot for o in owed} == {"1", "2"}
    assert all(o.procurement_id == "meals" for o in owed)
    uk7 = [o for o in owed if o.notice == "UK7"]
    assert [(o.lot, o.status.value, o.due_on) for o in uk7] == [
        ("1", "overdue", pendulum.Date(2026, 5, 15))
    ]
    assert str(uk7[0]).startswith("meals lot 1: publish the contract details notice (UK7)")


# ---------------------------------------------------------------- stored and replayed
def test_a_lotted_procurement_replays_loads_and_looks_back_exactly() -> None:
    p = award(award(tendered(), "1", "Acme Ltd", 1), "2", ["Beta Services", "Gamma Ltd"], 6)
    assert Procurement.replay(p.history) == p
    assert Procurement.from_data(p.to_data()) == p
    before = p.as_of(at(4, 3))
    assert before.lots["1"].state == "standstill"
    assert before.lots["2"].state == "evaluation"
    assert before.version == 6


def _tampered(p: Procurement, index: int, **changes: object) -> tuple[EventRecord, ...]:
    records = list(p.history)
    old = records[index]
    records[index] = EventRecord(*(changes.get(f, getattr(old, f)) for f in EventRecord._fields))  # type: ignore[arg-type]  # a lying record is the point
    return tuple(records)


def test_a_record_that_lies_about_its_lots_is_refused_naming_it() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)
    uk6 = p.history[-1]
    wrong_lot = freeze_data({**uk6.data, "lot_states": {"3": "standstill"}})
    with pytest.raises(InvalidHistory) as caught:
        Procurement.replay(_tampered(p, 5, data=wrong_lot))
    assert caught.value.index == 5
    assert "data.lot_states" in caught.value.reason
    no_lots = freeze_data({k: v for k, v in uk6.data.items() if k != "lot_states"})
    with pytest.raises(InvalidHistory):
        Procurement.replay(_tampered(p, 5, data=no_lots))
    wrong_state = freeze_data({**uk6.data, "lot_states": {"1": "mobilisation"}})
    with pytest.raises(InvalidHistory) as moved:
        Procurement.replay(_tampered(p, 5, data=wrong_state))
    assert "lot '1'" in moved.value.reason
    with pytest.raises(InvalidHistory) as target:
        Procurement.replay(_tampered(p, 5, target="standstill"))
    assert "its lots leave it in 'evaluation'" in target.value.reason
    with pytest.raises(InvalidHistory, match="belongs to stream"):
        Procurement.replay(_tampered(p, 5, stream_id="other"))
    with pytest.raises(InvalidHistory, match="before the previous event"):
        Procurement.replay(_tampered(p, 5, occurred_at=at(1, 1)))


# ------------------------------------------------------------------------ properties
@settings(max_examples=25, deadline=None)
@given(procurements(procedures=st.sampled_from(["pa-open", "pa-competitive-flexible"]), lots=True))
def test_a_walked_lotted_procurement_is_its_records(p: Procurement) -> None:
    assert len(p.lot_views) == len(p.facts.lots) >= 1
    assert Procurement.replay(p.history) == p
    order = p.procedure.definition.state_names
    in_progress = [v.state for v in p.lot_views if not v.is_final]
    if in_progress:
        assert p.state == min(in_progress, key=order.index)
    assert p.is_final == all(v.is_final for v in p.lot_views)
    for record in p.history[1:]:
        assert set(record.data["lot_states"]) <= set(p.lots)


@given(procurement_lots(total="1000000"))
def test_drawn_lots_fit_the_whole(lots: tuple[Lot, ...]) -> None:
    facts = make_facts(value="1000000", lots=lots)
    assert sum(lot.value_including_vat for lot in facts.lots) <= facts.value_including_vat
    assert len({lot.id for lot in lots}) == len(lots)


@given(st.from_type(Lot))
def test_a_lot_can_be_drawn_by_its_type_and_round_trips(lot: Lot) -> None:
    assert Lot.from_data(lot.to_data()) == lot


def test_lots_own_records_judged_elsewhere_merge_into_the_command_they_make() -> None:
    p = tendered()
    by_command, _ = p.act("send_assessment_summaries", at=at(4, 1), actor="ann", lots=["1", "2"])
    own = {
        lot_id: EventRecord(
            lot.id,
            lot.version + 1,
            "send_assessment_summaries",
            at(4, 1),
            "ann",
            freeze_data({}),
            (),
            lot.state,
            "evaluation",
        )
        for lot_id, lot in p.lots.items()
    }
    assert p.followed_by_lots(own) == by_command
    with pytest.raises(InvalidInput) as unknown:
        p.followed_by_lots({**own, "3": own["1"]})
    assert unknown.value.field == "records"
    two = p.lots["2"]
    later = EventRecord(
        two.id,
        two.version + 1,
        "send_assessment_summaries",
        at(4, 2),
        "ann",
        {},
        (),
        two.state,
        "evaluation",
    )
    with pytest.raises(InvalidInput) as mixed:
        p.followed_by_lots({"1": own["1"], "2": later})
    assert mixed.value.field == "records['2']"
    with pytest.raises(InvalidInputType):
        p.followed_by_lots({"1": "a record"})  # type: ignore[dict-item]  # the wrong type is the point
