import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.ocds import from_releases, release_package, to_releases, validate_package
from commissioning.procurement import PROCEDURES, Procurement
from commissioning.strategies import procurements
from commissioning.thresholds import AuthorityType, ContractType

from ..procurement.conftest import make_facts
from .test_export import whole_life

HERE = Path(__file__).parent
ROUND_TRIP_PROCEDURES = sorted(PROCEDURES)


def test_an_exported_life_imports_back_to_the_same_releases() -> None:
    p = whole_life()
    releases = to_releases(p, prefix="ocds-abc123")
    result = from_releases(releases)
    assert result.unmapped == ()
    assert result.procurement is not None
    q = result.procurement
    assert q.state == p.state == "closed"
    assert [(n.code, n.published_at) for n in q.notices] == [
        (n.code, n.published_at) for n in p.notices
    ]
    assert to_releases(q, prefix="ocds-abc123") == releases
    assert any(i.startswith("assess_conflicts") for i in result.inferred)
    facts = q.facts
    assert (facts.authority, facts.contract_type, facts.value_including_vat) == (
        AuthorityType.SUB_CENTRAL,
        ContractType.SERVICES,
        p.facts.value_including_vat,
    )
    # OCDS has no commencement day: the first release's day is used, and said so.
    assert facts.commenced_on == pendulum.Date(2026, 3, 2)
    assert any(i.startswith("commenced_on") for i in result.inferred)


def test_a_missing_vat_inclusive_value_is_reported_not_guessed() -> None:
    releases = [dict(r) for r in to_releases(whole_life(), prefix="ocds-abc123")]
    for r in releases:
        r["tender"] = {**r["tender"], "value": {"currency": "GBP", "amount": 5000000}}
    result = from_releases(releases)
    assert result.procurement is None
    assert [u.path for u in result.unmapped] == ["tender/value/amountGross"]
    with_facts = from_releases(releases, facts=make_facts("6000000"))
    assert with_facts.procurement is not None


def test_the_fictional_example_is_reported_rather_than_guessed() -> None:
    package = json.loads((HERE / "fictional-example" / "ocds-213czf-000-00001.json").read_text())
    result = from_releases(package["releases"])
    assert result.procurement is None
    paths = {u.path for u in result.unmapped}
    assert "tender" in paths  # no UK notice identifies the procedure
    assert "tender/value/amountGross" in paths
    forced = from_releases(package["releases"], facts=make_facts(), procedure="pa-open")
    assert forced.procurement is not None
    assert forced.procurement.version == 1  # only its creation record
    reasons = [u.reason for u in forced.unmapped]
    assert sum("no UK noticeType" in r for r in reasons) == 8
    assert any("cannot be published in state 'planning'" in r for r in reasons)


def _last_published_state(p: Procurement) -> str:
    """The state after the last record the releases publish (a notice or a notice amendment)."""
    published = [
        r for r in p.history if r.event.startswith("publish_") or r.event == "amend_tender_notice"
    ]
    return str(published[-1].target)


@pytest.mark.parametrize("key", ROUND_TRIP_PROCEDURES)
@settings(max_examples=25)
@given(data=st.data())
def test_export_then_import_gives_back_the_same_procurement(key: str, data: st.DataObject) -> None:
    p = data.draw(procurements(procedures=st.just(key)))
    releases = to_releases(p, prefix="ocds-abc123")
    if not releases:
        return
    result = from_releases(releases, facts=p.facts)
    assert result.unmapped == ()
    q = result.procurement
    assert q is not None
    assert q.procedure == p.procedure
    # what was published comes back: the notices, their days, the state they left it in
    assert q.state == _last_published_state(p)
    assert q.timeline.other_notices == p.timeline.other_notices  # PCR, PSR notices, contract copies
    assert [(n.code, n.published_at) for n in q.notices] == [
        (n.code, n.published_at) for n in p.notices
    ]
    assert to_releases(q, prefix="ocds-abc123") == releases


def _amended_open_procedure() -> Procurement:
    t = pendulum.datetime
    p, _ = Procurement.start(
        "meals", facts=make_facts(), procedure="pa-open", at=t(2026, 2, 2, 9), actor="ann"
    )
    p, _ = p.act("assess_conflicts", at=t(2026, 2, 5, 9), actor="ann")
    p, _ = p.publish(
        "UK4", at=t(2026, 3, 2, 9), actor="ann", content={"tender_deadline": "2026-04-10"}
    )
    p, _ = p.act(
        "amend_tender_notice",
        at=t(2026, 4, 1, 9),
        actor="ann",
        data={"tender_deadline": "2026-04-17", "description": "specification clarified"},
    )
    return p


def test_a_tender_notice_amendment_is_a_tender_amendment_release() -> None:
    p = _amended_open_procedure()
    releases = to_releases(p, prefix="ocds-abc123")
    assert [r["tag"] for r in releases] == [["tender"], ["tenderAmendment"]]
    tender = releases[1]["tender"]
    assert tender["amendments"] == [
        {
            "id": "tender-amendment-1",
            "date": "2026-04-01T09:00:00Z",
            "description": "specification clarified",
            "rationale": "specification clarified",
        }
    ]
    assert tender["tenderPeriod"]["endDate"].startswith("2026-04-17")
    assert len({r["id"] for r in releases}) == 2
    package = release_package(
        releases,
        uri="https://example.invalid/p.json",
        publisher="Anytown Council",
        published_at=pendulum.datetime(2026, 4, 1, 10),
    )
    assert validate_package(package) == ()


def test_a_tender_amendment_imports_back_with_its_new_deadline() -> None:
    p = _amended_open_procedure()
    releases = to_releases(p, prefix="ocds-abc123")
    result = from_releases(releases, facts=p.facts)
    assert result.unmapped == ()
    q = result.procurement
    assert q is not None
    assert q.timeline.tender_deadline == pendulum.Date(2026, 4, 17)
    assert q.timeline.tender_amendments == p.timeline.tender_amendments
    assert to_releases(q, prefix="ocds-abc123") == releases


@settings(max_examples=30)
@given(
    procurements(
        procedures=st.sampled_from(["pa-open", "pa-competitive-flexible", "pa-light-touch"]),
        amendments=True,
    )
)
def test_export_then_import_keeps_tender_amendments(p: Procurement) -> None:
    releases = to_releases(p, prefix="ocds-abc123")
    if not releases:
        return
    result = from_releases(releases, facts=p.facts)
    assert result.unmapped == ()
    q = result.procurement
    assert q is not None
    assert q.timeline.tender_amendments == p.timeline.tender_amendments
    assert to_releases(q, prefix="ocds-abc123") == releases
