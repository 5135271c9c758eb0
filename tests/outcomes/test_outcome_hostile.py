"""Hostile input to the outcomes loaders: a typed error naming the path, or a value that round-trips."""

import json
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import CommissioningError, InvalidHistory, InvalidInput, InvalidInputType
from commissioning.outcomes import (
    ContractKpis,
    LogicModel,
    Measure,
    ObservationLog,
    OutcomeFramework,
    OutcomesContract,
    ReportingPeriod,
)
from commissioning.strategies import (
    contract_kpis,
    hostile_edits,
    logic_models,
    observation_logs,
    outcome_frameworks,
    outcome_measures,
    outcomes_contracts,
)

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)

LOADERS = [
    (ObservationLog, observation_logs()),
    (OutcomesContract, outcomes_contracts()),
    (Measure, outcome_measures()),
    (OutcomeFramework, outcome_frameworks()),
    (LogicModel, logic_models()),
    (ContractKpis, contract_kpis()),
]




def _typed_or_round_trips(cls: Any, document: Any) -> None:
    try:
        loaded = cls.from_data(document)
    except CommissioningError:
        return
    stored = json.loads(json.dumps(loaded.to_data(), allow_nan=False))
    again = cls.from_data(stored)
    assert again == loaded
    assert getattr(again, "history", ()) == getattr(loaded, "history", ())


@pytest.mark.parametrize(("cls", "strategy"), LOADERS)
@given(garbage=_JSON)
def test_garbage_is_refused_with_a_typed_error(cls: Any, strategy: Any, garbage: Any) -> None:
    _typed_or_round_trips(cls, garbage)


@pytest.mark.parametrize(("cls", "strategy"), LOADERS)
@given(data=st.data())
def test_a_randomly_edited_document_is_refused_typed_or_round_trips(
    cls: Any, strategy: Any, data: st.DataObject
) -> None:
    stored = strategy.map(lambda value: json.loads(json.dumps(value.to_data())))
    _typed_or_round_trips(cls, data.draw(hostile_edits(stored)))


def _log_document() -> dict[str, Any]:
    log, _ = ObservationLog.create("r", at=pendulum.datetime(2026, 5, 1), actor="al")
    log, _ = log.record(
        "m", ReportingPeriod.month(2026, 4), 5, at=log.history[0].occurred_at, actor="al"
    )
    document: dict[str, Any] = json.loads(json.dumps(log.to_data()))
    return document


def test_hostile_observation_values_name_their_path() -> None:
    for value in ("1e999999", "9" * 5000, "NaN", "Infinity", "", "1,000"):
        document = _log_document()
        document["records"][1]["data"]["value"] = value
        with pytest.raises(InvalidHistory) as refused:
            ObservationLog.from_data(document)
        assert refused.value.index == 1
        assert "data.value: expected" in refused.value.reason
    document = _log_document()
    document["records"][1]["occurred_at"] = "9999-12-31T23:30:00-01:00"
    with pytest.raises(InvalidInput) as late:
        ObservationLog.from_data(document)
    assert "occurred_at" in str(late.value)
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    document = _log_document()
    document["records"][1]["data"]["note"] = deep
    with pytest.raises(InvalidInput) as nested:
        ObservationLog.from_data(document)
    assert "records[1].data" in str(nested.value)


def test_an_unknown_format_version_is_refused_never_guessed() -> None:
    document = _log_document()
    document["format_version"] = 2
    with pytest.raises(InvalidInput) as refused:
        ObservationLog.from_data(document)
    assert refused.value.field == "format_version"
    with pytest.raises(InvalidInputType):
        OutcomesContract.from_data(None)
