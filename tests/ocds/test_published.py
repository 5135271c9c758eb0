"""The read model of what was published, on real releases and on the shapes OCDS allows."""

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pendulum
import pytest

from commissioning import InvalidInput, InvalidInputType
from commissioning.ocds import (
    PublishedRegime,
    compile_record,
    read_published,
    release_package,
    to_releases,
)

from .test_export import whole_life

REAL = Path(__file__).parent / "real"
WALES = "sell2wales-2025-02.releases.json"
SCOTLAND = "public-contracts-scotland-2019.releases.json"


def real(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((REAL / name).read_text(encoding="utf-8"))
    return data


def _leaves(obj: Any, pointer: str = "") -> set[str]:
    if isinstance(obj, dict):
        out: set[str] = set()
        for k, v in obj.items():
            out |= _leaves(v, f"{pointer}/{k}")
        return out
    if isinstance(obj, list):
        out = set()
        for i, v in enumerate(obj):
            out |= _leaves(v, f"{pointer}/{i}")
        return out or {pointer}
    return {pointer}


@pytest.mark.parametrize("name", [WALES, SCOTLAND])
def test_every_real_release_is_read_with_each_unmodelled_field_listed(name: str) -> None:
    releases = real(name)
    pub = read_published(releases)
    assert len(pub) == len({r["ocid"] for r in releases})
    for p in pub.procurements:
        assert p.notices
        assert p.timeline
        assert p.timeline == tuple(sorted(p.timeline, key=lambda e: (e.at, e.what)))
        kept = p.unmodelled_values()
        assert [(i, path) for i, path, _ in kept] == [
            (u.release_index, u.path) for u in p.unmodelled
        ]
    # every leaf of every release is either modelled or under a listed unmodelled path
    modelled_roots = ("/ocid", "/id", "/date", "/tag", "/initiationType", "/language", "/buyer")
    for index, release in enumerate(releases):
        p = next(x for x in pub.procurements if x.ocid == release["ocid"])
        listed = [u.path for u in p.unmodelled if u.release_index == index]
        for leaf in _leaves(release):
            if leaf.startswith(modelled_roots) or any(leaf.startswith(u) for u in listed):
                continue
            # the rest must be a field the model holds: check a few tell-tales
            assert not leaf.startswith(("/description", "/links", "/tender/items")), leaf


def test_welsh_releases_show_frameworks_lots_and_several_buyers() -> None:
    pub = read_published(real(WALES))
    by_ocid = {p.ocid: p for p in pub.procurements}
    framework = by_ocid["ocds-kuma6s-148410"]
    assert framework.portal == "Sell2Wales"
    assert framework.regime is PublishedRegime.PCR_2015
    assert framework.regime_basis == "legalBasis 32014L0024 (CELEX)"
    assert framework.framework
    assert not framework.dynamic_purchasing
    assert [lot.title for lot in framework.lots][:2] == [
        "Roofing",
        "Adaptations, Fencing and Landscaping",
    ]
    assert framework.lots[0].value is not None
    assert framework.lots[0].value.amount == Decimal("5000000.0")
    assert framework.lots[0].contract_period is not None
    assert framework.lots[0].contract_period.duration_days == 1440
    assert [b.name for b in framework.buyers] == [
        "Creating Enterprise C.I.C",
        "Cartrefi Conwy Cyfyngedig Ltd",
    ]
    assert framework.value is not None
    assert framework.value.amount == Decimal("20000000.0")
    assert "/tender/techniques/frameworkAgreement" in {u.path for u in framework.unmodelled}
    assert framework.electronic_submission is True
    assert framework.tender_period is not None
    assert framework.tender_period.end == pendulum.datetime(2025, 5, 12, 12)
    assert sum(p.framework for p in pub.procurements) == 32
    assert sum(p.value is None for p in pub.procurements) == 33
    assert sum(len(p.buyers) > 1 for p in pub.procurements) == 5


def test_scottish_releases_without_ids_are_read_under_the_scottish_regulations() -> None:
    releases = real(SCOTLAND)
    assert all("id" not in r for r in releases)
    pub = read_published(releases)
    assert {p.regime for p in pub.procurements} == {PublishedRegime.PCSR_2015}
    assert {p.portal for p in pub.procurements} == {"Public Contracts Scotland"}
    assert all(n.release_id is None for p in pub.procurements for n in p.notices)
    assert all(p.procurement is None for p in pub.procurements)  # no PA notice: no machine


def _release(**tender: Any) -> dict[str, Any]:
    return {
        "ocid": "ocds-b5fd17-abc",
        "id": "r1",
        "date": "2021-06-01T09:00:00Z",
        "tag": ["award"],
        "parties": [
            {"id": "b1", "name": "Borough", "roles": ["buyer"]},
            {"id": "b2", "name": "County", "roles": ["buyer", "payer"]},
            {"id": "s1", "name": "Acme", "roles": ["supplier"]},
            {"id": "s2", "name": "Bolt", "roles": ["supplier"]},
        ],
        "buyer": {"id": "b1", "name": "Borough"},
        "tender": {"id": "t", **tender},
        "awards": [
            {
                "id": "a1",
                "date": "2021-06-01",
                "suppliers": [{"id": "s1", "name": "Acme"}, {"id": "s2", "name": "Bolt"}],
                "relatedLots": [1, "2"],
                "minValue": {"amount": "10,000", "currency": "GBP"},
                "maxValue": {"amount": 50000, "currency": "GBP"},
            }
        ],
        "contracts": [
            {"id": "c1", "awardID": "a1", "dateSigned": "2021-06-20T00:00:00+01:00"},
            {"id": "c2", "awardID": "a1", "dateSigned": "2021-06-25T00:00:00+01:00"},
        ],
    }


def test_portal_shapes_several_suppliers_buyers_ranges_and_dps_are_all_kept() -> None:
    r = _release(techniques={"hasDynamicPurchasingSystem": True})
    [p] = read_published({"releases": [r], "uri": "x", "version": "1.1"}).procurements
    assert p.portal == "Contracts Finder"
    assert p.regime is PublishedRegime.PCR_2015  # by the date, and said so
    assert p.regime_basis.startswith("assumed from the date")
    assert [b.name for b in p.buyers] == ["Borough", "County"]
    [award] = p.awards
    assert [s.name for s in award.suppliers] == ["Acme", "Bolt"]
    assert award.related_lots == ("1", "2")
    assert award.value is not None
    assert award.value.is_range
    assert (award.value.minimum, award.value.maximum) == (Decimal(10000), Decimal(50000))
    assert award.date == pendulum.datetime(2021, 5, 31, 23)  # a date alone: the UK day's start
    assert [c.id for c in p.contracts] == ["c1", "c2"]
    assert p.dynamic_purchasing
    assert not p.framework
    assert p.value is None  # no tender value published: not invented
    assert p.suppliers == award.suppliers


def test_a_record_package_with_linked_releases_reads_its_compiled_release() -> None:
    compiled = {**_release(title="Road repairs"), "tag": ["compiled"]}
    package = {
        "records": [
            {
                "ocid": compiled["ocid"],
                "releases": [{"url": "x#1", "date": "2021", "tag": ["award"]}],
                "compiledRelease": compiled,
            }
        ]
    }
    [p] = read_published(package).procurements
    assert p.title == "Road repairs"
    assert p.notices[0].tags == ("compiled",)


def test_several_releases_of_one_ocid_make_one_timeline_with_amendments() -> None:
    first = _release(title="Meals", status="active")
    second = copy.deepcopy(first)
    second.update(id="r2", date="2021-07-01T09:00:00Z", tag=["tenderAmendment"])
    second["tender"]["amendments"] = [
        {"id": "1", "date": "2021-07-01T09:00:00Z", "description": "later"}
    ]
    pub = read_published([second, first])
    [p] = pub.procurements
    assert [n.release_id for n in p.notices] == ["r1", "r2"]
    assert [a.description for a in p.amendments] == ["later"]
    assert any(e.what == "tender amended" for e in p.timeline)


def test_an_exported_pa_procurement_is_replayed_on_its_machine() -> None:
    p = whole_life()
    releases = to_releases(p, prefix="ocds-h6vhtk")
    [published] = read_published(
        release_package(releases, uri="u", publisher="A", published_at=p.started_at)
    ).procurements
    assert published.portal == "Find a Tender"
    assert published.regime is PublishedRegime.PA_2023
    assert published.procedure_key == "pa-open"
    assert published.procurement is not None
    assert published.procurement.state == p.state
    assert published.replay_notes == ()
    assert "UK4" in published.notice_types


def test_a_pa_release_without_the_uk_facts_still_replays_with_its_assumptions_listed() -> None:
    releases = [dict(r) for r in to_releases(whole_life(), prefix="ocds-h6vhtk")]
    for r in releases:
        r["tender"] = {**r["tender"], "value": {"currency": "GBP", "amount": 5000000}}
        r["parties"] = [{**r["parties"][0], "details": {}}, *r["parties"][1:]]
    [p] = read_published(releases).procurements
    assert p.procurement is not None
    assert p.procedure_key == "pa-open"
    reasons = " ".join(n.reason for n in p.replay_notes)
    assert "assumed a sub-central authority" in reasons
    assert "no VAT-inclusive value" in reasons


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (None, "data"),
        ([{"ocid": "ocds-x", "tender": 7}], "releases[0].tender"),
        (
            [{"ocid": "ocds-x", "tender": {"status": {"code": "active"}}}],
            "releases[0].tender.status",
        ),
        ([{"ocid": "ocds-x"}, {"tender": {}}], "releases[1].ocid"),
        (
            [{"ocid": "ocds-x", "awards": [{"suppliers": "Acme"}]}],
            "releases[0].awards[0].suppliers",
        ),
        (
            [{"ocid": "ocds-x", "tender": {"value": {"amount": True}}}],
            "releases[0].tender.value.amount",
        ),
        ({"releases": [1]}, "data.releases[0]"),
        ([{"ocid": "ocds-x", "tag": [["tender"]]}], "releases[0].tag"),
    ],
)
def test_every_wrong_shape_is_a_typed_error_naming_the_path(data: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        read_published(data)
    assert err.value.field == field


def test_values_of_the_right_shape_that_cannot_be_read_are_kept_and_listed() -> None:
    r = {
        "ocid": "ocds-x-1",
        "date": "0001-01-01T00:00:00+01:00",
        "tender": {
            "value": {"amount": "1e999999", "currency": "GBP"},
            "tenderPeriod": {"endDate": "next Tuesday"},
        },
    }
    [p] = read_published([r]).procurements
    reasons = {u.path: u.reason for u in p.unmodelled}
    assert "date-time" in reasons["/date"]
    assert "amount" in reasons["/tender/value/amount"]
    assert "/tender/tenderPeriod/endDate" in reasons
    assert p.value is not None
    assert p.value.amount is None
    assert p.first_published is None


def test_a_huge_integer_is_named_briefly_not_formatted() -> None:
    with pytest.raises(InvalidInputType) as err:
        read_published([{"ocid": "ocds-x", "tender": {"status": 10**5000}}])
    assert "digits" in str(err.value)
    assert len(str(err.value)) < 300


def test_deep_nesting_is_refused_not_recursed_into() -> None:
    deep: Any = "x"
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(InvalidInput) as err:
        read_published([{"ocid": "ocds-x", "tender": {"items": deep}}])
    assert err.value.field.startswith("releases[0]")


def test_the_compiled_view_agrees_with_compile_record() -> None:
    releases = [dict(r) for r in to_releases(whole_life(), prefix="ocds-abc123")]
    [p] = read_published(releases, replay=False).procurements
    compiled = compile_record(releases)["compiledRelease"]
    assert p.title == compiled["tender"]["title"]
    assert [c.id for c in p.contracts] == [c["id"] for c in compiled["contracts"]]
    assert p.procurement is None


def test_the_package_and_record_fields_are_kept_and_listed() -> None:
    compiled = {**_release(title="Road repairs"), "tag": ["compiled"]}
    linked = [
        {"url": "https://example.com/r1.json", "date": "2021-06-01T09:00:00Z", "tag": ["award"]}
    ]
    package = {
        "uri": "https://example.com/records.json",
        "publisher": {"name": "Borough"},
        "records": [
            {
                "ocid": compiled["ocid"],
                "releases": linked,
                "compiledRelease": compiled,
                "versionedRelease": {"ocid": compiled["ocid"]},
            }
        ],
    }
    pub = read_published(package)
    assert pub.package_fields == (
        "/uri",
        "/publisher",
        "/records/0/releases",
        "/records/0/versionedRelease",
    )
    assert pub.package_values()["/records/0/releases"] == linked


@pytest.mark.parametrize(
    ("ocid", "prefix", "portal"),
    [
        ("ocds-b5fd17-2c8a0f2e-8f5c-4a50-9a3e-1c2d3e4f5a6b", "ocds-b5fd17", "Contracts Finder"),
        ("ocds-h6vhtk-04f2a1", "ocds-h6vhtk", "Find a Tender"),
        ("OCDS-R6EBE6-0000581860", "OCDS-R6EBE6", "Public Contracts Scotland"),
        ("local-process-7", "", ""),
    ],
)
def test_ocid_variants_name_their_portal(ocid: str, prefix: str, portal: str) -> None:
    [p] = read_published([{"ocid": ocid, "date": "2019-04-29T00:00:00Z"}]).procurements
    assert (p.ocid, p.prefix, p.portal) == (ocid, prefix, portal)
