"""The public strategies for statutory time build valid values, and st.from_type finds them."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import commissioning.strategies  # noqa: F401 - registers the strategies
from commissioning.calendar import WorkingDayCalendar
from commissioning.periods import (
    NoStandstill,
    NoticeDeadline,
    NoTimeLimit,
    NotRequired,
    Standstill,
    TimeLimit,
    TimeLimitRow,
)
from commissioning.thresholds import (
    Threshold,
    ThresholdAssessment,
    ThresholdSchedule,
    ThresholdTable,
)

TYPES = [
    WorkingDayCalendar,
    Standstill,
    NoStandstill,
    TimeLimit,
    NoTimeLimit,
    TimeLimitRow,
    NoticeDeadline,
    NotRequired,
    ThresholdTable,
    ThresholdSchedule,
    Threshold,
    ThresholdAssessment,
]


@pytest.mark.parametrize("kind", TYPES, ids=lambda t: t.__name__)
def test_every_statutory_time_type_has_a_registered_strategy(kind: type) -> None:
    @settings(max_examples=5)
    @given(st.from_type(kind))
    def check(value: object) -> None:
        assert isinstance(value, kind)

    check()
