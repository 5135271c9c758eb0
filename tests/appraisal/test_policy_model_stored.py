"""A policy model stores and loads back equal; hostile documents get a typed error naming the path."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import CommissioningError, InvalidInput
from commissioning.appraisal import PolicyModel
from commissioning.strategies import hostile_edits, policy_models

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(policy_models())
def test_a_stored_policy_model_loads_back_equal(model: PolicyModel) -> None:
    stored = model.to_data()
    assert list(stored)[:2] == ["format", "format_version"]
    again = PolicyModel.from_data(json.loads(json.dumps(stored, allow_nan=False)))
    assert again == model
    assert again.to_data() == stored


def test_the_example_model_keeps_its_shared_inputs_and_optimism_bias() -> None:
    model = PolicyModel.example()
    again = PolicyModel.from_data(json.loads(json.dumps(model.to_data())))
    assert again == model
    assert dict(again.shared) == dict(model.shared)
    assert [o.optimism_bias for o in again.options] == [o.optimism_bias for o in model.options]


def test_a_bad_distribution_names_its_path() -> None:
    stored = PolicyModel.example().to_data()
    stored["shared"]["demand"] = {"kind": "triangular", "low": 5, "mode": 1, "high": 9}
    with pytest.raises(InvalidInput) as refused:
        PolicyModel.from_data(stored)
    assert refused.value.field.startswith("shared.demand")
    stored["shared"]["demand"] = {"kind": "lognormal", "mean": 1, "sd": 1}
    with pytest.raises(InvalidInput) as unknown:
        PolicyModel.from_data(stored)
    assert unknown.value.field == "shared.demand.kind"



@given(hostile_edits(policy_models().map(lambda m: json.loads(json.dumps(m.to_data())))))
def test_a_randomly_edited_document_is_refused_typed_or_round_trips(document: Any) -> None:
    try:
        loaded = PolicyModel.from_data(document)
    except CommissioningError:
        return
    assert PolicyModel.from_data(json.loads(json.dumps(loaded.to_data()))) == loaded
