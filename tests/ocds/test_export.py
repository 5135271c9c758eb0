import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.ocds import (
    SchemaUnavailable,
    compile_record,
    demo_competitive_procurement,
    record_package,
    release_package,
    release_schema,
    to_releases,
    validate_package,
)
from commissioning.procurement import PROCEDURES, Procurement
from commissioning.strategies import procurements

from ..procurement.conftest import at, make_facts, open_to_award

HERE = Path(__file__).parent
PUBLISHED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _package(releases: Any) -> dict[str, Any]:
    return release_package(
        releases,
        uri="https://example.com/p.json",
        publisher="Anytown Council",
        published_at=PUBLISHED,
    )


def whole_life() -> Procurement:
    p = open_to_award(make_facts("6000000"))
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        data={"value_including_vat": "6000000", "kpis": ["a", "b", "c"]},
    )
    p, _ = p.publish("UK7", at=at(4, 20), actor="ann")
    p, _ = p.publish("contract_copy", at=at(4, 21), actor="ann")
    p, _ = p.act("start_delivery", at=at(5, 1), actor="ann")
    p, _ = p.act("record_payment", at=at(5, 2), actor="ann", data={"amount": "1000.50"})
    p, _ = p.act(
        "assess_performance",
        at=at(6, 2),
        actor="ann",
        data={"ratings": [{"kpi": "a", "rating": "good"}]},
    )
    p, _ = p.publish("UK9", at=at(6, 3), actor="ann")
    p, _ = p.publish(
        "UK10",
        at=at(6, 4),
        actor="ann",
        content={
            "value_including_vat": "7000000",
            "ground": "sch8-para4",
            "ground_explanation": "demand rose unforeseeably",
        },
    )
    p, _ = p.act(
        "modify_contract", at=at(6, 20), actor="ann", data={"value_including_vat": "7000000"}
    )
    p, _ = p.act("end_contract", at=at(7, 20), actor="ann", data={"reason": "termination"})
    p, _ = p.publish("UK11", at=at(7, 21), actor="ann")
    return p


def test_an_open_procedure_exports_one_release_per_notice_with_the_right_tags() -> None:
    releases = to_releases(whole_life(), prefix="ocds-abc123")
    assert [r["tag"] for r in releases] == [
        ["tender"],
        ["award"],
        ["contract"],
        ["contractUpdate"],
        ["implementation"],
        ["contractAmendment"],
        ["contractTermination"],
    ]
    assert validate_package(_package(releases)) == ()


def test_notice_codes_statuses_and_gross_values_follow_the_uk_profile() -> None:
    releases = to_releases(whole_life(), prefix="ocds-abc123")
    tender, award, contract = releases[0], releases[1], releases[2]
    assert tender["tender"]["documents"][0]["noticeType"] == "UK4"
    assert tender["tender"]["status"] == "active"
    assert tender["tender"]["value"] == {"currency": "GBP", "amountGross": 6000000}
    assert award["awards"][0]["status"] == "pending"
    assert award["awards"][0]["documents"][0]["noticeType"] == "UK6"
    # UK6 Thu 2 Apr 2026; the standstill's last day is Wed 15 Apr (PA s.51(2)).
    assert award["awards"][0]["standstillPeriod"]["endDate"] == "2026-04-15T23:59:59+01:00"
    assert contract["awards"][0]["status"] == "active"
    assert contract["contracts"][0]["status"] == "active"
    assert contract["tender"]["status"] == "complete"
    last = releases[-1]
    assert last["contracts"][0]["status"] == "terminated"
    assert last["contracts"][0]["value"]["amountGross"] == 7000000
    observation = last["contracts"][0]["implementation"]["metrics"][0]["observations"][0]
    assert observation["measureClassification"]["id"] == "met"


def test_a_compiled_record_validates_as_a_record_package() -> None:
    record = compile_record(to_releases(whole_life(), prefix="ocds-abc123"))
    assert record["compiledRelease"]["tag"] == ["compiled"]
    package = record_package(
        [record], uri="https://example.com/r.json", publisher="A", published_at=PUBLISHED
    )
    assert validate_package(package) == ()


def test_an_abandoned_procurement_exports_a_tender_cancellation() -> None:
    p = open_to_award(make_facts())
    p, _ = p.act("abandon", at=at(4, 5), actor="ann")
    p, _ = p.publish("UK12", at=at(4, 6), actor="ann", content={"reason": "budget withdrawn"})
    last = to_releases(p, prefix="ocds-abc123")[-1]
    assert last["tag"] == ["tenderCancellation"]
    assert last["tender"]["status"] == "cancelled"
    assert last["awards"][0]["status"] == "cancelled"
    assert validate_package(_package([last])) == ()


def test_compiling_the_fictional_example_gives_the_standards_own_compiled_release() -> None:
    package = json.loads((HERE / "fictional-example" / "ocds-213czf-000-00001.json").read_text())
    expected = json.loads(
        (HERE / "fictional-example" / "record-ocds-213czf-000-00001.json").read_text()
    )
    record = compile_record(package["releases"])
    assert record["compiledRelease"] == expected["records"][0]["compiledRelease"]
    assert validate_package(package) == ()


def test_the_validator_reports_schema_errors() -> None:
    bad = _package(
        [
            {
                "ocid": "x",
                "id": "a#1",
                "date": "yesterday",
                "tag": ["nonsense"],
                "initiationType": "tender",
            }
        ]
    )
    errors = validate_package(bad)
    assert any("nonsense" in e for e in errors)
    assert any("'#'" in e for e in errors)


def test_the_vendored_schema_carries_the_uk_extension() -> None:
    schema = release_schema()
    assert "standstillPeriod" in schema["definitions"]["Award"]["properties"]


@settings(max_examples=40)
@given(procurements(procedures=st.sampled_from(sorted(PROCEDURES))))
def test_every_export_validates_against_the_official_schema(p: Procurement) -> None:
    releases = to_releases(p, prefix="ocds-abc123")
    assert len(releases) == sum(r.event.startswith("publish_") for r in p.history)
    if releases:
        assert validate_package(_package(releases)) == ()
        assert (
            validate_package(
                record_package(
                    [compile_record(releases)],
                    uri="https://example.com/r.json",
                    publisher="A",
                    published_at=PUBLISHED,
                )
            )
            == ()
        )


def test_validation_without_jsonschema_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    with pytest.raises(SchemaUnavailable, match=r"commissioning\[jsonschema\]") as err:
        validate_package(_package([]))
    assert err.value.package == "jsonschema"


def test_the_demo_is_deterministic_and_valid() -> None:
    first = demo_competitive_procurement()
    assert first == demo_competitive_procurement()
    assert validate_package(first) == ()
    assert json.loads(json.dumps(first)) == first
