"""Lots, several suppliers and joint buyers in OCDS: exported with the lots extension, imported back losslessly."""

import datetime as dt
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.ocds import (
    compile_record,
    from_releases,
    read_published,
    release_package,
    release_schema,
    to_releases,
    validate_package,
)
from commissioning.procurement import Procurement
from commissioning.strategies import procurements

from ..procurement.conftest import at, make_facts, open_to_award
from ..procurement.test_lots import award, lotted_facts, tendered
from .test_import import ROUND_TRIP_PROCEDURES

PREFIX = "ocds-abc123"
SCHEMA = release_schema()
CONTRACT = {"value_including_vat": "3500000", "kpis": ["on time", "hot", "satisfied"]}


def _valid(releases: Any) -> None:
    package = release_package(
        releases,
        uri="https://example.invalid/p.json",
        publisher="Anytown Council",
        published_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    )
    assert validate_package(package) == ()
    # The vendored schema does not carry the lots extension; each lot uses the
    # tender's field names (the extension's Lot, which takes its status from the
    # same closed tenderStatus codelist), so each is checked as a tender would be.
    tender_schema = {"$ref": "#/definitions/Tender", "definitions": SCHEMA["definitions"]}
    checker = jsonschema.Draft4Validator(
        tender_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    for release in releases:
        for lot in release["tender"].get("lots", ()):
            assert [e.message for e in checker.iter_errors(lot)] == []


def _two_lots_awarded_on_different_days() -> Procurement:
    """Lot 1 to Acme on Thu 2 Apr 2026, lot 2 to Beta on Tue 7 Apr; lot 1 contracted and published."""
    p = award(award(tendered(), "1", "Acme Ltd", 1), "2", "Beta Services", 6)
    p, _ = p.act("enter_contract", at=at(4, 16), actor="ann", lots="1", data=CONTRACT)
    p, _ = p.publish("UK7", at=at(4, 20), actor="ann", lots="1")
    return p


def _imported(p: Procurement, **kw: Any) -> Procurement:
    releases = to_releases(p, prefix=PREFIX)
    result = from_releases(releases, **kw)
    assert result.unmapped == ()
    q = result.procurement
    assert q is not None
    assert to_releases(q, prefix=PREFIX) == releases
    return q


# ------------------------------------------------------------------------------ export
def test_two_lots_awarded_to_different_suppliers_on_different_days_are_two_awards() -> None:
    releases = to_releases(_two_lots_awarded_on_different_days(), prefix=PREFIX)
    assert [r["tag"] for r in releases] == [["tender"], ["award"], ["awardUpdate"], ["contract"]]
    last = releases[-1]
    lots = last["tender"]["lots"]
    assert [(lot["id"], lot["title"], lot["status"]) for lot in lots] == [
        ("1", "Hot meals", "complete"),
        ("2", "Frozen meals", "active"),
    ]
    assert lots[0]["value"] == {"currency": "GBP", "amountGross": 3500000}
    assert last["tender"]["status"] == "active"
    awards = {a["id"]: a for a in last["awards"]}
    assert set(awards) == {"award-lot-1", "award-lot-2"}
    assert awards["award-lot-1"]["relatedLots"] == ["1"]
    assert awards["award-lot-1"]["suppliers"] == [{"id": "supplier-acme-ltd", "name": "Acme Ltd"}]
    assert awards["award-lot-1"]["date"].startswith("2026-04-02")
    assert awards["award-lot-2"]["date"].startswith("2026-04-07")
    assert awards["award-lot-2"]["standstillPeriod"]["endDate"].startswith("2026-04-16")
    assert awards["award-lot-2"]["assessmentSummariesDateSent"].startswith("2026-04-06")
    assert awards["award-lot-1"]["status"] == "active"
    assert awards["award-lot-2"]["status"] == "pending"
    (contract,) = last["contracts"]
    assert (contract["id"], contract["awardID"]) == ("contract-lot-1", "award-lot-1")
    assert contract["documents"][0]["relatedLots"] == ["1"]
    # the tender notice was one notice for both lots
    (uk4,) = last["tender"]["documents"]
    assert (uk4["noticeType"], uk4["relatedLots"]) == ("UK4", ["1", "2"])
    suppliers = [p["name"] for p in last["parties"] if p["roles"] == ["supplier"]]
    assert suppliers == ["Acme Ltd", "Beta Services"]
    _valid(releases)


def test_a_tender_period_every_lot_shares_is_also_the_tenders_and_one_of_its_own_the_lots_alone() -> (
    None
):
    p, _ = Procurement.start(
        "meals", facts=lotted_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-04-02"})
    shared = to_releases(p, prefix=PREFIX)[-1]["tender"]
    assert shared["tenderPeriod"]["endDate"].startswith("2026-04-02")
    assert all(lot["tenderPeriod"] == shared["tenderPeriod"] for lot in shared["lots"])
    p, _ = Procurement.start(
        "meals", facts=lotted_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", lots="1", content={"tender_deadline": "2026-04-02"}
    )
    own = to_releases(p, prefix=PREFIX)[-1]["tender"]
    assert "tenderPeriod" not in own
    assert own["lots"][0]["tenderPeriod"]["endDate"].startswith("2026-04-02")
    assert "tenderPeriod" not in own["lots"][1]
    assert [lot["status"] for lot in own["lots"]] == ["active", "planning"]
    q = _imported(p, facts=p.facts)
    assert q.lots["1"].timeline.tender_deadline == p.lots["1"].timeline.tender_deadline
    assert q.lots["2"].state == "planning"


def test_one_lot_abandoned_owes_and_publishes_its_uk12_and_the_other_goes_on() -> None:
    p = award(tendered(), "1", "Acme Ltd", 1)
    p, _ = p.abandon(at=at(4, 6), actor="ann", lots="2", data={"reason": "no good tenders"})
    p, _ = p.publish("UK12", at=at(4, 7), actor="ann", lots="2")
    releases = to_releases(p, prefix=PREFIX)
    last = releases[-1]
    assert last["tag"] == ["tenderCancellation"]
    uk12 = last["tender"]["documents"][-1]
    assert (uk12["noticeType"], uk12["relatedLots"]) == ("UK12", ["2"])
    assert [lot["status"] for lot in last["tender"]["lots"]] == ["active", "cancelled"]
    assert last["tender"]["lots"][1]["finalStatusDate"].startswith("2026-04-06")
    assert last["tender"]["status"] == "active"
    q = _imported(p)
    assert q.lots["2"].is_final
    assert [n.code for n in q.lots["2"].notices] == ["UK4", "UK12"]
    assert q.lots["1"].state == "standstill"
    _valid(releases)


def test_an_award_to_two_suppliers_lists_both_and_imports_both() -> None:
    p = award(tendered(), "1", ["Acme Ltd", "Beta Services"], 1)
    award_1 = to_releases(p, prefix=PREFIX)[-1]["awards"][0]
    assert [s["name"] for s in award_1["suppliers"]] == ["Acme Ltd", "Beta Services"]
    q = _imported(p)
    assert q.lots["1"].timeline.award is not None
    assert tuple(q.lots["1"].timeline.award["suppliers"]) == ("Acme Ltd", "Beta Services")


def test_an_undivided_award_to_two_suppliers_is_no_longer_cut_to_the_first() -> None:
    p, _ = Procurement.start(
        "meals", facts=make_facts("6000000"), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish("UK4", at=at(3, 2), actor="ann", content={"tender_deadline": "2026-03-27"})
    p, _ = p.act("close_tendering", at=at(3, 28), actor="ann")
    p, _ = p.act("send_assessment_summaries", at=at(4, 1), actor="ann")
    p, _ = p.publish(
        "UK6",
        at=at(4, 2),
        actor="ann",
        content={"suppliers": ["Acme Ltd", "Beta Services"], "value_including_vat": "6000000"},
    )
    (release,) = [r for r in to_releases(p, prefix=PREFIX) if r["tag"] == ["award"]]
    assert release["awards"][0]["id"] == "award-1"
    assert [s["id"] for s in release["awards"][0]["suppliers"]] == [
        "supplier-acme-ltd",
        "supplier-beta-services",
    ]
    assert [p["name"] for p in release["parties"] if "supplier" in p["roles"]] == [
        "Acme Ltd",
        "Beta Services",
    ]
    q = _imported(p)
    assert q.timeline.award is not None
    assert tuple(q.timeline.award["suppliers"]) == ("Acme Ltd", "Beta Services")


def test_joint_buyers_are_buyer_parties_and_come_back_as_joint_buyers() -> None:
    facts = make_facts("6000000", joint_buyers=("Nextown Council", "Thirdtown Council"))
    p = open_to_award(facts)
    releases = to_releases(p, prefix=PREFIX)
    parties = releases[0]["parties"]
    assert [(x["name"], x["roles"]) for x in parties] == [
        ("Anytown Council", ["buyer", "procuringEntity"]),
        ("Nextown Council", ["buyer"]),
        ("Thirdtown Council", ["buyer"]),
    ]
    assert releases[0]["buyer"]["name"] == "Anytown Council"
    q = _imported(p)
    assert q.facts.joint_buyers == ("Nextown Council", "Thirdtown Council")
    assert q.facts.buyer == "Anytown Council"
    _valid(releases)


def test_lots_come_back_as_facts_with_their_values_and_the_limit_per_supplier() -> None:
    p = award(tendered(lotted_facts(max_lots_per_supplier=1)), "1", "Acme Ltd", 1)
    releases = to_releases(p, prefix=PREFIX)
    assert releases[-1]["tender"]["lotDetails"] == {"maximumLotsAwardedPerSupplier": 1}
    q = _imported(p)
    assert q.facts.lots == p.facts.lots
    assert q.facts.max_lots_per_supplier == 1
    assert [n.code for n in q.notices] == ["UK4", "UK6"]
    # lot 2's tendering closed unpublished: its last notice (the UK4) left it tendering
    assert {k: v.state for k, v in q.lots.items()} == {"1": "standstill", "2": "tendering"}


def test_a_lot_without_a_vat_inclusive_value_is_reported_not_guessed() -> None:
    releases = [dict(r) for r in to_releases(tendered(), prefix=PREFIX)]
    tender = dict(releases[0]["tender"])
    tender["lots"] = [dict(tender["lots"][0], value={"currency": "GBP"}), tender["lots"][1]]
    releases[0]["tender"] = tender
    result = from_releases(releases)
    assert result.procurement is None
    assert [u.path for u in result.unmapped] == ["tender/lots/0/value/amountGross"]
    assert from_releases(releases, facts=lotted_facts()).procurement is not None


def test_a_notice_naming_no_lots_is_applied_to_every_lot_in_progress() -> None:
    releases = to_releases(tendered(), prefix=PREFIX)
    for doc in releases[0]["tender"]["documents"]:
        del doc["relatedLots"]
    q = from_releases(releases, facts=lotted_facts()).procurement
    assert q is not None
    (uk4,) = [r for r in q.history if r.event == "publish_UK4"]
    assert dict(uk4.data["lot_states"]) == {"1": "tendering", "2": "tendering"}


# -------------------------------------------------------------------------- round trips
def _publishable_lot_states(p: Procurement) -> dict[str, set[str]]:
    """The states each lot may be in once the releases are read back.

    From the lot's last notice (or the creation, if none) to the last notice of the
    whole: the releases show each lot as it stands at every notice of the whole, so
    an act of a lot that publishes nothing (a below-threshold award decided, tendering
    closed) is known only if a later notice's release shows what it changed.
    """
    notice = [r.event.startswith("publish_") or r.event == "amend_tender_notice" for r in p.history]
    last = max(i for i, is_notice in enumerate(notice) if is_notice)
    out: dict[str, set[str]] = {lot_id: {"planning"} for lot_id in p.lots}
    whole = Procurement.replay(p.history[:1])
    for i, record in enumerate(p.history[1 : last + 1], start=1):
        whole = whole.followed_by(record)
        moved = record.data["lot_states"]
        for lot_id, view in whole.lots.items():
            if notice[i] and lot_id in moved:
                out[lot_id] = set()  # its own notice: nothing before it can be its state
            out[lot_id].add(view.state)
    return out


@pytest.mark.parametrize("key", ROUND_TRIP_PROCEDURES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_lotted_procurement_exports_then_imports_to_the_same_procurement(
    key: str, data: st.DataObject
) -> None:
    p = data.draw(procurements(procedures=st.just(key), lots=True))
    releases = to_releases(p, prefix=PREFIX)
    if not releases:
        return
    result = from_releases(releases, facts=p.facts)
    assert result.unmapped == ()
    q = result.procurement
    assert q is not None
    assert q.procedure == p.procedure
    states = _publishable_lot_states(p)
    assert all(v.state in states[k] for k, v in q.lots.items()), (
        {k: v.state for k, v in q.lots.items()},
        states,
    )
    for lot_id, lot in p.lots.items():
        assert [(n.code, n.published_at) for n in q.lots[lot_id].notices] == [
            (n.code, n.published_at) for n in lot.notices
        ]
    assert [(n.code, n.published_at) for n in q.notices] == [
        (n.code, n.published_at) for n in p.notices
    ]
    assert to_releases(q, prefix=PREFIX) == releases


def test_a_payment_on_one_lots_contract_shows_on_that_contract_only() -> None:
    p = award(award(tendered(), "1", "Acme Ltd", 1), "2", "Beta Services", 6)
    p, _ = p.act("enter_contract", at=at(4, 16), actor="ann", lots="1", data=CONTRACT)
    frozen = {"value_including_vat": "2500000", "kpis": ["on time", "frozen", "satisfied"]}
    p, _ = p.act("enter_contract", at=at(4, 17), actor="ann", lots="2", data=frozen)
    p, _ = p.publish("UK7", at=at(4, 20), actor="ann")  # one notice for both contracts
    p, _ = p.act("start_delivery", at=at(5, 1), actor="ann", lots="2")
    p, _ = p.act("record_payment", at=at(5, 2), actor="ann", lots="2", data={"amount": "1000.50"})
    p, _ = p.act(
        "assess_performance",
        at=at(6, 2),
        actor="ann",
        lots="2",
        data={"ratings": [{"kpi": "frozen", "rating": "good"}]},
    )
    p, _ = p.publish("UK9", at=at(6, 3), actor="ann", lots="2")
    last = to_releases(p, prefix=PREFIX)[-1]
    contracts = {c["id"]: c for c in last["contracts"]}
    assert contracts["contract-lot-1"]["documents"][0]["relatedLots"] == ["1", "2"]
    assert "implementation" not in contracts["contract-lot-1"]
    (metric,) = contracts["contract-lot-2"]["implementation"]["metrics"]
    assert metric["title"] == "frozen"
    (payment,) = contracts["contract-lot-2"]["implementation"]["transactions"]
    assert payment["value"] == {"currency": "GBP", "amountGross": 1000.5}
    assert contracts["contract-lot-2"]["milestones"][0]["dateMet"].startswith("2026-05-01")
    assert contracts["contract-lot-2"]["dateSigned"].startswith("2026-04-17")
    q = _imported(p)
    assert {k: v.state for k, v in q.lots.items()} == {"1": "mobilisation", "2": "delivery"}
    (uk7,) = [r for r in q.history if r.event == "publish_UK7"]
    assert dict(uk7.data["lot_states"]) == {"1": "mobilisation", "2": "mobilisation"}
    _valid(to_releases(p, prefix=PREFIX))


def test_the_read_model_sees_each_lot_every_supplier_and_the_joint_buyer() -> None:
    p = award(
        award(tendered(lotted_facts(joint_buyers=("Nextown Council",))), "1", "Acme Ltd", 1),
        "2",
        ["Beta Services", "Gamma Ltd"],
        6,
    )
    (published,) = read_published(to_releases(p, prefix=PREFIX)).procurements
    assert [(lot.id, lot.title) for lot in published.lots] == [
        ("1", "Hot meals"),
        ("2", "Frozen meals"),
    ]
    assert [(a.related_lots, [s.name for s in a.suppliers]) for a in published.awards] == [
        (("1",), ["Acme Ltd"]),
        (("2",), ["Beta Services", "Gamma Ltd"]),
    ]
    assert [b.name for b in published.buyers] == ["Anytown Council", "Nextown Council"]


def test_lots_read_with_undivided_facts_are_reported_not_dropped() -> None:
    p = award(award(tendered(), "1", "Acme Ltd", 1), "2", "Beta Services", 6)
    result = from_releases(to_releases(p, prefix=PREFIX), facts=make_facts("6000000"))
    assert result.procurement is not None
    assert result.procurement.lot_views == ()
    reasons = {u.path: u.reason for u in result.unmapped}
    assert "not divided into lots" in reasons["tender/lots"]
    assert "only the first is mapped" in reasons["awards/1"]


def test_a_compiled_record_has_each_lots_latest_tender_period() -> None:
    p, _ = Procurement.start(
        "meals", facts=lotted_facts(), procedure="pa-open", at=at(2, 2), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=at(2, 5), actor="ann")
    p, _ = p.publish(
        "UK4", at=at(3, 2), actor="ann", lots="1", content={"tender_deadline": "2026-04-10"}
    )
    p, _ = p.publish(
        "UK4", at=at(3, 3), actor="ann", lots="2", content={"tender_deadline": "2026-04-10"}
    )
    p, _ = p.act(
        "amend_tender_notice",
        at=at(3, 20),
        actor="ann",
        lots="1",
        data={"tender_deadline": "2026-04-17", "description": "hot meals specification clarified"},
    )
    releases = to_releases(p, prefix=PREFIX)
    assert releases[-1]["tender"]["amendments"][0]["relatedLots"] == ["1"]
    compiled = compile_record(releases)["compiledRelease"]["tender"]
    ends = [lot["tenderPeriod"]["endDate"][:10] for lot in compiled["lots"]]
    assert ends == ["2026-04-17", "2026-04-10"]
    q = _imported(p, facts=p.facts)
    assert q.lots["1"].timeline.tender_deadline == p.lots["1"].timeline.tender_deadline
    assert q.lots["2"].timeline.tender_deadline == p.lots["2"].timeline.tender_deadline


@settings(max_examples=20, deadline=None)
@given(procurements(procedures=st.sampled_from(ROUND_TRIP_PROCEDURES), lots=True))
def test_every_lotted_export_is_a_valid_package(p: Procurement) -> None:
    releases = to_releases(p, prefix=PREFIX)
    if releases:
        _valid(releases)


def test_what_a_lot_cannot_map_is_named_once_by_its_path_in_the_release_and_its_lots() -> None:
    p = award(award(tendered(), "1", "Acme Ltd", 1), "2", "Beta Services", 6)
    releases = [dict(r) for r in to_releases(p, prefix=PREFIX)]
    last = releases[-1]
    extra = {"id": "spec-1", "documentType": "technicalSpecifications", "title": "specification"}
    award_1, award_2 = last["awards"]
    award_2 = {**award_2, "documents": [*award_2["documents"], {**extra, "relatedLots": ["2"]}]}
    last["awards"] = [award_1, award_2]
    last["tender"] = {**last["tender"], "documents": [*last["tender"]["documents"], extra]}
    result = from_releases(releases)
    assert result.procurement is not None
    found = {(u.path, u.reason.split(":")[0]) for u in result.unmapped}
    # lot 2's award is the release's second (its projection's first)
    assert found == {("tender/documents/1", "lots 1, 2"), ("awards/1/documents/1", "lot 2")}


def test_what_the_lots_imply_is_said_once_naming_the_lots() -> None:
    result = from_releases(to_releases(tendered(), prefix=PREFIX))
    implied = [i for i in result.inferred if "assess_conflicts" in i]
    assert implied == [
        "lots 1, 2: assess_conflicts at 2026-03-02T09:00:00+00:00 (implied, not published)"
    ]


def _unclassified(releases: Any) -> list[dict[str, Any]]:
    """The releases with the lead buyer's UK_CA_TYPE left out, so from_releases cannot build them."""
    out = []
    for release in releases:
        lead, *others = release["parties"]
        lead = {k: v for k, v in lead.items() if k != "details"}
        out.append({**release, "parties": [lead, *others]})
    return out


def test_the_read_model_replays_published_lots_and_joint_buyers_when_facts_are_missing() -> None:
    p = award(tendered(lotted_facts(joint_buyers=("Nextown Council",))), "1", "Acme Ltd", 1)
    releases = _unclassified(to_releases(p, prefix=PREFIX))
    assert from_releases(releases).procurement is None
    (published,) = read_published(releases).procurements
    q = published.procurement
    assert q is not None
    assert [lot.id for lot in q.facts.lots] == ["1", "2"]
    assert q.facts.joint_buyers == ("Nextown Council",)
    assert q.lots["1"].state == "standstill"
    assert any("sub-central" in u.reason for u in published.replay_notes)


def test_published_lots_without_values_are_replayed_whole_and_said_so() -> None:
    releases = _unclassified(to_releases(tendered(), prefix=PREFIX))
    for release in releases:
        tender = release["tender"]
        release["tender"] = {
            **tender,
            "lots": [{k: v for k, v in lot.items() if k != "value"} for lot in tender["lots"]],
        }
    (published,) = read_published(releases).procurements
    assert published.procurement is not None
    assert published.procurement.lot_views == ()
    paths = [u.path for u in published.replay_notes]
    assert "tender/lots/0/value/amountGross" in paths
    assert "tender/lots" in paths  # the lots the whole cannot hold, listed by the importer
