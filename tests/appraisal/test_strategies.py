"""The public strategies: every appraisal value type can be drawn with st.from_type."""

import enum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import commissioning.strategies  # noqa: F401 - importing registers the strategies
from commissioning import appraisal

VALUE_TYPES = sorted(
    (
        value
        for name in appraisal.__all__
        if isinstance(value := getattr(appraisal, name), type)
        and not issubclass(value, Exception | enum.Enum)
    ),
    key=lambda t: t.__name__,
)


@pytest.mark.parametrize("kind", VALUE_TYPES, ids=lambda t: t.__name__)
def test_every_public_value_type_can_be_drawn(kind: type) -> None:
    @settings(max_examples=3, database=None)
    @given(st.from_type(kind))
    def draw(value: object) -> None:
        assert isinstance(value, kind)

    draw()
