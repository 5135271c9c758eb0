"""The public strategies: every registered outcomes type can be drawn with st.from_type."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import commissioning.strategies  # noqa: F401 - importing registers the strategies
from commissioning.outcomes import (
    Baseline,
    ContractKpis,
    IndigoProject,
    LogicModel,
    Measure,
    Observation,
    ObservationLog,
    Outcome,
    OutcomeFramework,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    RatingBands,
    ReportingPeriod,
    Target,
    Tolerance,
)

TYPES = [
    Baseline,
    ContractKpis,
    IndigoProject,
    LogicModel,
    Measure,
    Observation,
    ObservationLog,
    Outcome,
    OutcomeFramework,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    RatingBands,
    ReportingPeriod,
    Target,
    Tolerance,
]


@pytest.mark.parametrize("kind", TYPES, ids=lambda t: t.__name__)
def test_every_outcomes_type_can_be_drawn_from_its_type(kind: type) -> None:
    @settings(max_examples=5)
    @given(st.from_type(kind))
    def draw(value: object) -> None:
        assert isinstance(value, kind)

    draw()
