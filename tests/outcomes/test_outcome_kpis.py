"""Contract KPIs (PA s.52) and the yearly contract performance assessment (UK9, s.71)."""

import json
from decimal import Decimal
from typing import Any

import pendulum
import pytest

from commissioning import InvalidInput, InvalidInputType
from commissioning.outcomes import (
    AssessmentReason,
    ContractKpi,
    ContractKpis,
    KpiRating,
    KpisNotCompliant,
    Measure,
    ObservationLog,
    RatingBands,
    ReportingPeriod,
)

YEAR_END = pendulum.Date(2026, 12, 31)


def _kpi(i: int, target: int = 90, direction: str = "higher") -> ContractKpi:
    m = Measure.create(
        f"K{i}",
        f"KPI {i}",
        unit="%",
        direction=direction,
        frequency="quarterly",
        targets=[(target, YEAR_END)],
    )
    return ContractKpi(m, materiality=i)


def test_a_contract_over_five_million_needs_three_kpis() -> None:
    # s.52: "over £5m" -- exactly £5,000,000.00 is not over
    assert ContractKpis.create("C", value="5000000").requirement().required == 0
    over = ContractKpis.create("C", value="5000000.01", kpis=[_kpi(1), _kpi(2)])
    req = over.requirement()
    assert (req.required, req.count, req.compliant) == (3, 2, False)
    with pytest.raises(KpisNotCompliant) as err:
        over.require_compliant()
    assert (err.value.required, err.value.count) == (3, 2)
    assert (
        ContractKpis.create("C", value=6_000_000, kpis=[_kpi(1), _kpi(2), _kpi(3)])
        .require_compliant()
        .requirement()
        .compliant
    )


def test_exempt_contracts_need_no_kpis_and_say_why() -> None:
    for exemption in (
        "framework",
        "concession contract",
        "light touch contract",
        "private-utility contract",
        "KPIs would not be appropriate",
    ):
        kpis = ContractKpis.create(
            "C", value=9_000_000, exemption=exemption, rationale="call-offs carry their own KPIs"
        )
        assert kpis.requirement().compliant
        assert exemption in kpis.requirement().reason


def test_contract_values_are_exact_money_and_problems_are_collected() -> None:
    with pytest.raises(InvalidInput) as err:
        ContractKpis.create("C", value=6e6, exemption="none")  # type: ignore[arg-type] # float on purpose
    assert {p.field for p in err.value.problems} == {"value", "exemption"}
    with pytest.raises(InvalidInput):
        ContractKpis.create("C", value=6_000_000, kpis=[_kpi(1), _kpi(1)])


def _log(values: dict[int, int | None]) -> ObservationLog:
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
    for i, v in values.items():
        if v is not None:
            log = log.record(
                f"K{i}",
                ReportingPeriod.quarter(2026, 3),
                v - 3,
                at=pendulum.datetime(2026, 10, 5),
                actor="analyst",
            )[0]
            log = log.record(
                f"K{i}",
                ReportingPeriod.quarter(2026, 4),
                v,
                at=pendulum.datetime(2027, 1, 8),
                actor="analyst",
            )[0]
    return log


def test_the_assessment_reports_the_three_most_material_kpis_with_their_ratings() -> None:
    # target 90, default bands: Approaching up to 4.5 short, Requires improvement up to 13.5
    kpis = ContractKpis.create("C-1", value=7_500_000, kpis=[_kpi(4), _kpi(2), _kpi(1), _kpi(3)])
    log = _log({1: 91, 2: 86, 3: None, 4: 50})
    a = kpis.assess(log, period_start=pendulum.Date(2026, 1, 1), period_end=YEAR_END)
    assert [(x.kpi_id, x.rating) for x in a.assessments] == [
        ("K1", KpiRating.GOOD),
        ("K2", KpiRating.APPROACHING_TARGET),  # short 4
        ("K3", KpiRating.OTHER),  # nothing observed in the year
        ("K4", KpiRating.INADEQUATE),  # short 40
    ]
    assert [x.kpi_id for x in a.most_material] == ["K1", "K2", "K3"]
    assert a.most_material[0].period == ReportingPeriod.quarter(2026, 4)
    content = json.loads(json.dumps(a.to_dict()))
    assert [k["measure_classification"] for k in content["kpis"]] == [
        "met",
        "slightlyBelow",
        "other",
    ]
    assert content["reason"] == "at least every 12 months"
    assert len(content["all_kpis"]) == 4
    metrics = a.ocds_metrics()
    assert metrics[1]["observations"][0]["measureClassification"] == {
        "id": "slightlyBelow",
        "description": "Approaching target",
    }
    assert metrics[1]["observations"][0]["measure"] == "86"
    assert "period" not in metrics[2]["observations"][0]


def test_an_assessment_as_known_at_its_date_ignores_later_revisions() -> None:
    kpis = ContractKpis.create("C", value=100, kpis=[_kpi(1)])
    log = _log({1: 80}).revise(
        "K1",
        ReportingPeriod.quarter(2026, 4),
        95,
        at=pendulum.datetime(2027, 3, 1),
        actor="analyst",
    )[0]
    when = pendulum.datetime(2027, 1, 31)
    at_the_time = kpis.assess(
        log, period_start=pendulum.Date(2026, 1, 1), period_end=YEAR_END, as_of=when
    )
    now = kpis.assess(
        log,
        period_start=pendulum.Date(2026, 1, 1),
        period_end=YEAR_END,
        reason=AssessmentReason.TERMINATION,
    )
    assert at_the_time.assessments[0].rating is KpiRating.REQUIRES_IMPROVEMENT  # short 10
    assert now.assessments[0].rating is KpiRating.GOOD
    assert now.to_dict()["reason"] == "on termination"


def test_contract_bands_override_the_default() -> None:
    kpi = ContractKpi(_kpi(1).measure, 1, bands=RatingBands.from_values(1, 2, relative=False))
    kpis = ContractKpis.create("C", value=100, kpis=[kpi])
    a = kpis.assess(_log({1: 87}), period_start=pendulum.Date(2026, 1, 1), period_end=YEAR_END)
    assert a.assessments[0].rating is KpiRating.INADEQUATE  # short 3 > 2


def test_the_assessment_window_must_make_sense() -> None:
    kpis = ContractKpis.create("C", value=100)
    with pytest.raises(InvalidInput):
        kpis.assess(
            ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0],
            period_start=YEAR_END,
            period_end=pendulum.Date(2026, 1, 1),
        )
    with pytest.raises(InvalidInputType):
        kpis.assess(
            ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0],
            period_start=pendulum.Date(2026, 1, 1),
            period_end=YEAR_END,
            reason="yearly",  # type: ignore[arg-type] # a wrong type on purpose
        )


def test_the_next_assessment_is_due_within_twelve_months() -> None:
    assert ContractKpis.next_assessment_due(pendulum.Date(2026, 6, 30)) == pendulum.Date(
        2027, 6, 30
    )
    assert ContractKpis.next_assessment_due(pendulum.Date(2024, 2, 29)) == pendulum.Date(
        2025, 2, 28
    )
    assert ContractKpis.create("C", value="1").value == Decimal("1.00")


def test_the_agreed_kpis_are_json_content_for_the_notices() -> None:
    kpis = ContractKpis.create(
        "C-1", value="7500000", kpis=[_kpi(2), _kpi(1), _kpi(3, target=5, direction="lower")]
    )
    content = json.loads(json.dumps(kpis.to_dict()))
    assert [k["id"] for k in content["kpis"]] == ["K1", "K2", "K3"]
    assert content["kpis"][2]["direction"] == "lower"
    assert content["kpis"][2]["targets"] == [{"value": "5", "due": "2026-12-31", "label": ""}]
    assert (content["required"], content["compliant"], content["value"]) == (3, True, "7500000.00")


def test_a_year_can_be_summarised_by_its_mean_or_total_instead_of_its_last_quarter() -> None:
    # quarters 87 then 90 (see _log): latest 90 is Good; mean 88.5 is short 1.5 (Approaching)
    kpis = ContractKpis.create("C", value=100, kpis=[_kpi(1)])
    window: dict[str, Any] = {"period_start": pendulum.Date(2026, 1, 1), "period_end": YEAR_END}
    log = _log({1: 90})
    assert kpis.assess(log, **window).assessments[0].rating is KpiRating.GOOD
    mean = kpis.assess(log, **window, summarise="mean").assessments[0]
    assert (mean.judgement.value, mean.rating) == (Decimal("88.5"), KpiRating.APPROACHING_TARGET)
    assert mean.judgement.rule.startswith("mean of 2026-Q3, 2026-Q4")
    total = kpis.assess(log, **window, summarise="sum").assessments[0]
    assert total.judgement.value == 177
    with pytest.raises(InvalidInput):
        kpis.assess(log, **window, summarise="median")
