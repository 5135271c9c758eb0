"""Round trip of the INDIGO impact-bond data standard's project fields."""

import copy
import json
from decimal import Decimal
from typing import Any

import pendulum
import pytest
from hypothesis import given

from commissioning import InvalidInput, InvalidInputType
from commissioning.outcomes import (
    ContractForm,
    Frequency,
    IndigoProject,
    ObservationLog,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    PublicationStatus,
    Published,
    ReportingPeriod,
)
from commissioning.strategies import indigo_projects, outcomes_contracts

# A project in INDIGO's shape (field names from schema/project.json), with keys this
# library does not model (source_ids, notes, investments, a top-level id) to be kept.
PROJECT: dict[str, Any] = {
    "id": "INDIGO-POJ-9999",
    "status": "PUBLIC",
    "name": {"value": "Into Work Social Impact Bond"},
    "stage_development": {"value": "Implementation", "source_ids": "SRC1", "status": "PUBLIC"},
    "dates": {
        "outcomes_contract_signed": {"value": "2024-03-15", "status": "PUBLIC"},
        "start_date_of_service_provision": {"value": "2024-04", "status": "PUBLIC"},
        "anticipated_completion_date": {"value": "2027", "status": "DISPUTED"},
        "notes": "dates from the council's press release",
    },
    "purpose_and_classifications": {"policy_sector": {"value": "Employment and training"}},
    "service_and_beneficiaries": {
        "targeted_number_service_users_or_beneficiaries_total": {"value": 400, "status": "PUBLIC"},
        "actual_number_service_users_or_beneficiaries_total": {"status": "PRIVATE"},
    },
    "overall_project_finance": {
        "maximum_potential_outcome_payment_v2": {
            "currency": {"value": "GBP", "status": "PUBLIC"},
            "amount": {"value": 1250000, "status": "PUBLIC"},
            "amount_usd": {"value": 1587500.5, "status": "PUBLIC"},
        },
        "total_outcome_payments_made": {"amount": {"value": 312500.75, "status": "PUBLIC"}},
    },
    "outcome_metrics": [
        {
            "id": "M1",
            "definition": {"value": "Sustained employment for 26 weeks"},
            "outcome_metric_target": {"value": "60% of participants"},
            "outcome_validation_method": {"value": "Simple ex-post verification"},
            "targeted_number_of_service_users_or_beneficiaries_total": {"value": 240},
            "status": "PUBLIC",
            "notes": "kept as is",
        }
    ],
    "outcome_pricings": [
        {
            "outcome_metric_id": {"value": "M1"},
            "currency": {"value": "GBP"},
            "price_per_unit": {"amount": {"value": 2500}, "amount_usd": {"value": 3175}},
            "maximum_price_if_all_targets_achieved": {"amount": {"value": "600000"}},
        }
    ],
    "outcome_payment_commitments": [
        {
            "organisation_id": {"value": "INDIGO-ORG-0001"},
            "maximum_potential_outcome_payment": {"amount": {"value": 1250000}},
            "period": {"start_date": {"value": "2024-04-01"}, "end_date": {"value": "2027-03-31"}},
            "total_outcome_payments": {"amount": {"value": 312500.75}},
        }
    ],
    "outcome_payments": [
        {
            "outcome_metric_id": {"value": "M1"},
            "period": {"start_date": {"value": "2025-04-01"}, "end_date": {"value": "2025-06-30"}},
            "payer_organisation_id": {"value": "INDIGO-ORG-0001"},
            "type": {"value": "Actual"},
            "money": {"currency": {"value": "GBP"}, "amount": {"value": 12500}},
            "status": "PUBLIC",
        }
    ],
    "results": [
        {
            "outcome_metric_id": {"value": "M1"},
            "result_type": {"value": "Interim"},
            "period": {"start_date": {"value": "2025-04"}, "end_date": {"value": "2025-06"}},
            "outcomes_achieved": {"value": "5 sustained jobs"},
            "number_engaged_in_impact_bond": {"value": 120, "status": "PUBLIC"},
            "number_with_positive_social_outcomes": {"value": 5, "status": "DISPUTED"},
        }
    ],
    "investments": [{"id": "INV1", "organisation_id": {"value": "INDIGO-ORG-0002"}}],
}


def test_an_indigo_project_reads_with_every_status_and_writes_back_unchanged() -> None:
    original = copy.deepcopy(PROJECT)
    p = IndigoProject.from_indigo(PROJECT)
    assert original == PROJECT  # the input is not modified
    assert p.stage == Published("Implementation", PublicationStatus.PUBLIC)
    assert p.anticipated_completion_date == Published("2027", PublicationStatus.DISPUTED)
    assert p.actual_service_users == Published(None, PublicationStatus.PRIVATE)  # withheld
    assert p.total_outcome_payments_made is not None
    assert p.total_outcome_payments_made.value == Decimal("312500.75")
    assert p.outcome_metrics is not None
    assert p.outcome_metrics[0].id == "M1"
    assert p.results is not None
    assert p.results[0].number_with_positive_outcomes == Published(
        Decimal(5), PublicationStatus.DISPUTED
    )
    assert p.extra["investments"][0]["id"] == "INV1"  # not modelled, kept
    assert p.to_indigo() == PROJECT
    assert json.loads(json.dumps(p.to_indigo())) == PROJECT


def test_an_indigo_project_becomes_an_outcomes_contract() -> None:
    contract = IndigoProject.from_indigo(PROJECT).to_outcomes_contract(
        id="into-work", form="social impact bond", provider="charity", investor="INDIGO-ORG-0002"
    )
    assert contract.max_outcome_payment == Decimal("1250000.00")
    assert contract.metrics[0].price == Decimal("2500.00")
    assert contract.metrics[0].cap == Decimal("600000.00")
    assert contract.payer == "INDIGO-ORG-0001"
    assert contract.payments[0].period == ReportingPeriod.financial_quarter(2025, 1)
    assert contract.paid() == Decimal("12500.00")
    log, _ = ObservationLog.create("returns", at=pendulum.datetime(2025, 7, 1), actor="analyst")
    log, _ = log.record(
        "M1", ReportingPeriod.financial_quarter(2025, 2), 3, at=pendulum.datetime(2025, 10, 5),
        actor="analyst",
    )  # fmt: skip
    assert contract.payable(log, ReportingPeriod.financial_quarter(2025, 2)).total == Decimal(7500)


def test_withheld_values_cannot_be_used_to_build_a_contract() -> None:
    data = copy.deepcopy(PROJECT)
    data["outcome_pricings"][0]["price_per_unit"]["amount"] = {"status": "PRIVATE"}
    with pytest.raises(InvalidInput) as err:
        IndigoProject.from_indigo(data).to_outcomes_contract(
            id="x", form="social impact bond", investor="i"
        )
    assert err.value.received == "withheld (PRIVATE)"


def test_values_outside_indigo_codelists_are_refused_with_their_path() -> None:
    data = copy.deepcopy(PROJECT)
    data["stage_development"]["value"] = "Finished"
    data["outcome_payments"][0]["type"]["value"] = "Promised"
    data["dates"]["outcomes_contract_signed"]["value"] = "15/03/2024"
    data["name"]["status"] = "SECRET"
    with pytest.raises(InvalidInput) as err:
        IndigoProject.from_indigo(data)
    assert {p.field for p in err.value.problems} == {
        "stage_development.value",
        "outcome_payments[0].type.value",
        "dates.outcomes_contract_signed.value",
        "name.status",
    }
    with pytest.raises(InvalidInputType):
        IndigoProject.from_indigo(
            {
                "service_and_beneficiaries": {
                    "targeted_number_service_users_or_beneficiaries_total": {"value": "400"}
                }
            }
        )


def test_numbers_json_cannot_carry_exactly_are_refused_not_rounded() -> None:
    with pytest.raises(InvalidInput):
        IndigoProject(max_outcome_payment=Published(Decimal("1234567890.123456789")))
    with pytest.raises(InvalidInput):
        IndigoProject(name=Published("x", PublicationStatus.SANDBOX))


@given(indigo_projects())
def test_indigo_projects_round_trip_through_json(project: IndigoProject) -> None:
    data = project.to_indigo()
    assert IndigoProject.from_indigo(json.loads(json.dumps(data))) == project
    assert IndigoProject.from_indigo(data).to_indigo() == data


@given(outcomes_contracts())
def test_outcomes_contracts_round_trip_through_indigo(contract: OutcomesContract) -> None:
    project = IndigoProject.from_outcomes_contract(contract, status=PublicationStatus.PUBLIC)
    again = IndigoProject.from_indigo(json.loads(json.dumps(project.to_indigo())))
    rebuilt = again.to_outcomes_contract(
        id=contract.id,
        form=contract.form,
        provider=contract.provider,
        investor=contract.investor,
        investment=contract.investment,
        frequencies=[Frequency.QUARTERLY],  # the strategy's periods; April-June is ambiguous
    )
    assert rebuilt == contract


def test_from_contract_marks_every_value_with_the_status_given() -> None:
    contract = OutcomesContract.create(
        "C",
        "c",
        form=ContractForm.PAYMENT_BY_RESULTS,
        metrics=[OutcomeMetric.create("M", "m", price=10)],
        payments=[OutcomePayment.create(ReportingPeriod.month(2026, 1), 10, kind="Planned")],
    )
    data = IndigoProject.from_outcomes_contract(
        contract, status=PublicationStatus.PRIVATE
    ).to_indigo()
    statuses: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "value" in node:
                statuses.append(node.get("status", "missing"))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    assert statuses
    assert set(statuses) == {"PRIVATE"}


def test_extra_may_not_hold_a_second_copy_of_a_modelled_value() -> None:
    with pytest.raises(InvalidInput) as err:
        IndigoProject(name=Published("A"), extra={"name": {"value": "B"}})
    assert err.value.field == "extra.name"
    project = IndigoProject.from_indigo(PROJECT)
    html = project._repr_html_()
    assert "stage_development" in html
    assert "PRIVATE" in html
