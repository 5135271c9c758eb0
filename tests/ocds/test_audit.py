"""The compliance audit of published timelines."""

import copy
import json
from pathlib import Path
from typing import Any

import pendulum
import pytest

from commissioning import InvalidInputType
from commissioning.ocds import (
    ComplianceFinding,
    PublishedRegime,
    audit_published,
    published_regime,
    read_published,
    to_releases,
)

from .test_export import whole_life

REAL = Path(__file__).parent / "real"


def _tender(**fields: Any) -> dict[str, Any]:
    tender = {
        "id": "t1",
        "procurementMethod": "open",
        "procurementMethodDetails": "Open procedure",
        "mainProcurementCategory": "services",
        "value": {"amount": 900000, "currency": "GBP"},
        "legalBasis": {"id": "32014L0024", "scheme": "CELEX"},
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {"endDate": "2024-04-02T12:00:00Z"},
    }
    tender.update(fields)
    return {
        "ocid": "ocds-b5fd17-1",
        "id": "1",
        "date": "2024-03-01T10:00:00Z",
        "tag": ["tender"],
        "tender": tender,
    }


def _one(release: dict[str, Any]) -> Any:
    return audit_published(read_published([release])).checks


def test_an_open_procedure_deadline_on_the_thirtieth_day_rolled_forward_is_met() -> None:
    # sent Fri 1 Mar 2024, electronic: day 30 is Easter Sunday, so the period ends Tue 2 Apr
    [check] = _one(_tender())
    assert check.finding is ComplianceFinding.MET
    assert check.citation == "Public Contracts Regulations 2015 reg 27 with reg 2"
    assert dict(check.dates)["earliest deadline"] == pendulum.Date(2024, 4, 2)
    assert any("day the notice was sent" in a for a in check.assumptions)


def test_a_short_deadline_is_cannot_tell_when_urgency_could_explain_it() -> None:
    [check] = _one(_tender(tenderPeriod={"endDate": "2024-03-20T12:00:00Z"}))
    assert check.finding is ComplianceFinding.CANNOT_TELL
    assert "urgency" in check.detail


def test_a_deadline_shorter_than_any_permitted_period_is_not_met() -> None:
    [check] = _one(_tender(tenderPeriod={"endDate": "2024-03-05T12:00:00Z"}))
    assert check.finding is ComplianceFinding.NOT_MET
    assert dict(check.dates)["deadline"] == pendulum.Date(2024, 3, 5)


def test_electronic_submission_is_assumed_and_said_when_not_published() -> None:
    release = _tender()
    del release["tender"]["submissionMethod"]
    [check] = _one(release)
    assert "assumed electronic submission (submissionMethod not published)" in check.assumptions


def test_below_threshold_processes_have_no_minimum_period_to_check() -> None:
    assert _one(_tender(value={"amount": 20000, "currency": "GBP"})) == ()


def test_utilities_rules_are_cannot_tell_not_guessed() -> None:
    [check] = _one(_tender(legalBasis={"id": "32014L0025"}))
    assert check.finding is ComplianceFinding.CANNOT_TELL
    assert "not modelled" in check.detail


def _awarded(signed: str) -> dict[str, Any]:
    release = _tender()
    release["awards"] = [{"id": "a1", "date": "2024-05-01T09:00:00Z"}]
    release["contracts"] = [{"id": "c1", "awardID": "a1", "dateSigned": signed}]
    release["tag"] = ["award", "contract"]
    release["date"] = "2024-05-20T10:00:00Z"
    return release


def test_a_contract_signed_inside_the_pcr_standstill_is_not_met() -> None:
    checks = {c.rule: c for c in _one(_awarded("2024-05-03T09:00:00Z"))}
    standstill = checks["standstill before contract c1 is signed"]
    assert standstill.finding is ComplianceFinding.NOT_MET
    assert standstill.citation.startswith("Public Contracts Regulations 2015 reg 87")
    # sent Wed 1 May: the 10th day after is Sat 11 May, rolled to Mon 13 May (reg 2)
    ok = {c.rule: c for c in _one(_awarded("2024-05-14T09:00:00Z"))}
    assert ok["standstill before contract c1 is signed"].finding is ComplianceFinding.MET


def test_the_contract_award_notice_is_checked_against_thirty_days() -> None:
    checks = {c.rule: c for c in _one(_awarded("2024-05-14T09:00:00Z"))}
    notice = checks["contract award notice for contract c1"]
    assert notice.finding is ComplianceFinding.MET
    late = _awarded("2024-04-10T09:00:00Z")
    late["awards"][0]["date"] = "2024-04-01T09:00:00Z"
    checks = {c.rule: c for c in _one(late)}
    assert checks["contract award notice for contract c1"].finding is ComplianceFinding.NOT_MET


def test_an_exported_pa_life_meets_its_rules() -> None:
    releases = to_releases(whole_life(), prefix="ocds-h6vhtk")
    audit = audit_published(read_published(releases))
    rules = {c.rule: c for c in audit.checks}
    assert rules["minimum tendering period"].finding is ComplianceFinding.MET
    assert rules["minimum tendering period"].citation.startswith("Procurement Act 2023 s.54")
    assert rules["standstill before contract contract-1 is signed"].finding is ComplianceFinding.MET
    assert rules["contract details notice (UK7) for contract contract-1"].finding is (
        ComplianceFinding.MET
    )


def test_a_missing_contract_details_notice_is_not_met_only_once_due() -> None:
    releases = [copy.deepcopy(r) for r in to_releases(whole_life(), prefix="ocds-h6vhtk")]
    for r in releases:
        for section in [
            r.get("planning", {}),
            r["tender"],
            *r.get("awards", []),
            *r.get("contracts", []),
        ]:
            section["documents"] = [
                d for d in section.get("documents", []) if d.get("noticeType") != "UK7"
            ]
    pub = read_published(releases, replay=False)
    rule = "contract details notice (UK7) for contract contract-1"
    undated = {c.rule: c for c in audit_published(pub).checks}[rule]
    assert undated.finding is ComplianceFinding.CANNOT_TELL
    later = {c.rule: c for c in audit_published(pub, on=pendulum.Date(2030, 1, 1)).checks}[rule]
    assert later.finding is ComplianceFinding.NOT_MET


def test_the_real_data_audit_table_has_a_row_per_check() -> None:
    data = json.loads((REAL / "sell2wales-2025-02.releases.json").read_text(encoding="utf-8"))
    audit = audit_published(read_published(data))
    frame = audit.to_frame()
    assert list(frame.columns) == [
        "ocid",
        "rule",
        "citation",
        "finding",
        "dates",
        "assumptions",
        "detail",
    ]
    assert len(frame) == len(audit.checks) > 80
    assert audit.count("met") + audit.count("cannot tell") + audit.count("not met") == len(frame)


def test_the_audit_refuses_what_is_not_read_model() -> None:
    with pytest.raises(InvalidInputType) as err:
        audit_published([{"ocid": "x"}])  # type: ignore[list-item]
    assert err.value.field == "published[0]"


@pytest.mark.parametrize(
    ("celex", "prefix", "regime"),
    [
        ("32014L0024", "ocds-b5fd17", "Public Contracts Regulations 2015"),
        ("32014L0024", "ocds-r6ebe6", "Public Contracts (Scotland) Regulations 2015"),
        ("32014L0025", "ocds-r6ebe6", "Utilities Contracts (Scotland) Regulations 2016"),
        ("32014L0023", "ocds-kuma6s", "Concession Contracts Regulations 2016"),
        ("32009L0081", "ocds-h6vhtk", "Defence and Security Public Contracts Regulations 2011"),
    ],
)
def test_the_legal_basis_names_the_regulations(celex: str, prefix: str, regime: str) -> None:
    found, basis = published_regime(
        notice_types=(), legal_basis=celex, prefix=prefix, first_published=None
    )
    assert found.value == regime
    assert celex in basis


def test_a_uk_notice_code_means_the_act_and_nothing_means_unclassified() -> None:
    assert (
        published_regime(
            notice_types=("UK4",), legal_basis="32014L0024", prefix="", first_published=None
        )[0]
        is PublishedRegime.PA_2023
    )
    assert (
        published_regime(notice_types=(), legal_basis=None, prefix="", first_published=None)[0]
        is PublishedRegime.UNCLASSIFIED
    )


def test_a_pa_contract_over_five_million_owes_a_yearly_kpi_notice() -> None:
    releases = [copy.deepcopy(r) for r in to_releases(whole_life(), prefix="ocds-h6vhtk")]
    for r in releases:
        for c in r.get("contracts", []):
            c["value"] = {"currency": "GBP", "amountGross": 6_000_000}
    [kpi] = [c for c in audit_published(read_published(releases)).checks if "UK9" in c.rule]
    assert kpi.citation == "Procurement Act 2023 s.71"
    assert kpi.finding is ComplianceFinding.MET
    assert dict(kpi.dates) == {
        "contract signed": pendulum.Date(2026, 4, 16),
        "due by": pendulum.Date(2027, 4, 15),
        "published": pendulum.Date(2026, 6, 3),
    }
    for r in releases:  # without the UK9 notice: not met once a year has passed
        for c in r.get("contracts", []):
            docs = c.get("implementation", {}).get("documents", [])
            c.get("implementation", {})["documents"] = [
                d for d in docs if d.get("noticeType") != "UK9"
            ]
    pub = read_published(releases, replay=False)
    [missing] = [c for c in audit_published(pub).checks if "UK9" in c.rule]
    assert missing.finding is ComplianceFinding.CANNOT_TELL
    [late] = [
        c for c in audit_published(pub, on=pendulum.Date(2027, 4, 16)).checks if "UK9" in c.rule
    ]
    assert late.finding is ComplianceFinding.NOT_MET
    assert "not in the releases" in late.detail
