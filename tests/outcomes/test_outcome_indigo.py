"""Round trip of the INDIGO impact-bond data standard's project fields."""

import copy
import json
from decimal import Decimal
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import CommissioningError, InvalidInput, InvalidInputType
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
    lenient_number,
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


# -- INDIGO as it really is -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "currency"),
    [
        ("£1.2m", Decimal(1200000), "GBP"),
        ("C$1.3M", Decimal(1300000), "CAD"),
        ("$10,000,000", Decimal(10000000), "USD"),
        ("710 (two-year mark)", Decimal(710), None),
        ("=1000*12", Decimal(12000), None),
        ("GBP 2.5bn", Decimal(2500000000), "GBP"),
        ("35k", Decimal(35000), None),
    ],
)
def test_real_cells_are_read_as_numbers_with_their_currency(
    raw: str, value: Decimal, currency: str | None
) -> None:
    read = lenient_number(raw)
    assert read is not None
    assert read[0] == value
    assert read[1] == currency


def test_absurd_or_non_numbers_are_not_read() -> None:
    for raw in (
        "1E+999999",
        "n/a",
        "=__import__('os')",
        float("nan"),
        10**200,
        Decimal("Infinity"),
    ):
        assert lenient_number(raw) is None


def test_one_messy_cell_does_not_reject_the_project() -> None:
    data = copy.deepcopy(PROJECT)
    data["overall_project_finance"]["maximum_potential_outcome_payment_v2"]["amount"]["value"] = (
        "£1.25m"
    )
    data["outcome_payments"] = [
        {"money": {"amount": {"value": "$10,000,000"}, "currency": {"value": "USD"}}},
        {"money": {"amount": {"value": "a lot"}}},
        "not an item",
        {"status": "SECRET"},
    ]
    with pytest.raises(InvalidInput):
        IndigoProject.from_indigo(data)  # the exact reader still refuses
    reading = IndigoProject.read(data)
    project = reading.project
    assert project.max_outcome_payment is not None
    assert project.max_outcome_payment.value == Decimal(1250000)
    assert project.outcome_payments is not None
    assert [p.amount.value if p.amount else None for p in project.outcome_payments] == [
        Decimal(10000000),
        None,
    ]
    assert [c.received for c in reading.conversions] == ["£1.25m", "$10,000,000"]
    assert {p.field for p in reading.problems} == {
        "outcome_payments[1].money.amount.value",
        "outcome_payments[2]",
        "outcome_payments[3].status",
    }
    assert project.name == IndigoProject.from_indigo(PROJECT).name  # the rest as exactly read


def test_payment_periods_of_any_length_fall_in_the_period_they_end_in() -> None:
    c = OutcomesContract.create(
        "C",
        "Into work",
        form="payment by results",
        metrics=[OutcomeMetric.create("M1", "Job start", price=1000)],
    )
    data = IndigoProject.from_outcomes_contract(c).to_indigo()
    data["outcome_payments"] = [
        {
            "outcome_metric_id": {"value": "M1"},
            "period": {"start_date": {"value": "2026-01-15"}, "end_date": {"value": "2026-03-10"}},
            "type": {"value": "Actual"},
            "money": {"amount": {"value": 3000}, "currency": {"value": "GBP"}},
        }
    ]
    project = IndigoProject.from_indigo(data)
    with pytest.raises(InvalidInput) as err:
        project.to_outcomes_contract(id="C", form="payment by results")
    assert err.value.field == "outcome_payments[0].period"
    contract = project.to_outcomes_contract(id="C", form="payment by results", any_period=True)
    [payment] = contract.payments
    assert payment.period == ReportingPeriod.month(2026, 3)
    assert payment.amount == Decimal(3000)


def test_a_huge_decimal_is_refused_at_once_not_expanded() -> None:
    data = json.loads(
        '{"overall_project_finance": {"total_outcome_payments_made": '
        '{"amount": {"value": 1E+999999}}}}',
        parse_float=Decimal,
    )
    with pytest.raises(InvalidInput) as err:
        IndigoProject.from_indigo(data)
    assert err.value.field.endswith("total_outcome_payments_made.amount.value")
    with pytest.raises(InvalidInput):
        IndigoProject(total_outcome_payments_made=Published(Decimal("1E+999999")))


def test_unknown_fields_are_kept_only_if_strict_json_carries_them() -> None:
    for bad in (float("nan"), {1, 2}, range(3), Decimal("Infinity")):
        with pytest.raises(InvalidInput):
            IndigoProject.from_indigo({**PROJECT, "notes": bad})
    with pytest.raises(InvalidInput):
        IndigoProject.from_indigo({**PROJECT, 5: "integer key"})  # type: ignore[dict-item]
    kept = IndigoProject.from_indigo({**PROJECT, "notes": {"rate": Decimal("1.5")}})
    assert json.loads(json.dumps(kept.to_indigo()))["notes"] == {"rate": 1.5}


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "value",
                    "status",
                    "outcome_payments",
                    "money",
                    "amount",
                    "period",
                    "start_date",
                    "end_date",
                    "type",
                    "overall_project_finance",
                    "notes",
                    "id",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@given(_JSON)
def test_hostile_projects_are_a_typed_error_or_round_trip(data: Any) -> None:
    for read in (IndigoProject.from_indigo, lambda d: IndigoProject.read(d).project):
        try:
            project = read(data)
        except CommissioningError:
            continue
        written = project.to_indigo()
        json.dumps(written, allow_nan=False)  # strict JSON
        assert IndigoProject.from_indigo(written) == project
