"""Values a user keeps (measures, frameworks, logic models, contract KPIs) store and load back equal."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput
from commissioning.outcomes import ContractKpis, LogicModel, Measure, OutcomeFramework
from commissioning.strategies import (
    contract_kpis,
    logic_models,
    outcome_frameworks,
    outcome_measures,
)

VALUES = [
    (Measure, outcome_measures(), "commissioning.outcome-measure"),
    (OutcomeFramework, outcome_frameworks(), "commissioning.outcome-framework"),
    (LogicModel, logic_models(), "commissioning.logic-model"),
    (ContractKpis, contract_kpis(), "commissioning.contract-kpis"),
]


@pytest.mark.parametrize(("cls", "strategy", "name"), VALUES)
@given(data=st.data())
def test_a_stored_value_loads_back_equal(
    cls: Any, strategy: Any, name: str, data: st.DataObject
) -> None:
    value = data.draw(strategy)
    stored = value.to_data()
    assert list(stored)[:2] == ["format", "format_version"]
    assert (stored["format"], stored["format_version"]) == (name, 1)
    again = cls.from_data(json.loads(json.dumps(stored, allow_nan=False)))
    assert again == value
    assert again.to_data() == stored


@pytest.mark.parametrize(("cls", "strategy", "name"), VALUES)
@given(data=st.data())
def test_a_newer_format_version_is_refused(
    cls: Any, strategy: Any, name: str, data: st.DataObject
) -> None:
    stored = data.draw(strategy).to_data()
    stored["format_version"] = 2
    with pytest.raises(InvalidInput) as refused:
        cls.from_data(stored)
    assert refused.value.field == "format_version"


def test_a_bad_target_day_names_its_path() -> None:
    stored = {
        "format": "commissioning.outcome-framework",
        "format_version": 1,
        "name": "f",
        "outcomes": [],
        "measures": [
            {
                "id": "m", "name": "m", "unit": "%", "direction": "higher",
                "frequency": "monthly", "definition": "", "data_source": "",
                "kind": "performance measure", "rba": None, "baseline": None,
                "targets": [{"value": "1", "due": "2026-02-30", "label": ""}],
                "tolerance": None,
            }
        ],
    }  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        OutcomeFramework.from_data(stored)
    assert refused.value.field == "measures[0].targets[0].due"
