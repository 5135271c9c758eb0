"""Observations are events: late and revised values append, and "as known at" is a query."""

import datetime as dt
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.outcomes import (
    Observation,
    ObservationConflict,
    ObservationKind,
    ObservationLog,
    ReportingPeriod,
    fold_observations,
)
from commissioning.strategies import measured_values, observation_logs

Q1 = ReportingPeriod.financial_quarter(2026, 1)


def test_a_revision_appends_and_the_old_value_is_still_known_at_the_old_date() -> None:
    log = ObservationLog().record(
        "2C", Q1, "151.2", at=pendulum.datetime(2026, 7, 20), source="SALT"
    )
    revised = log.revise(
        "2C", Q1, "149.8", at=pendulum.datetime(2026, 9, 1), source="SALT v2", note="late data"
    )
    assert len(log) == 1  # the old log is untouched
    assert [e.kind for e in revised.history("2C", Q1)] == [
        ObservationKind.RECORDED,
        ObservationKind.REVISED,
    ]
    assert revised.value("2C", Q1) == Decimal("149.8")
    assert revised.value("2C", Q1, as_known_at=pendulum.datetime(2026, 8, 31)) == Decimal("151.2")
    assert revised.value("2C", Q1, as_known_at=pendulum.datetime(2026, 7, 1)) is None


def test_a_late_observation_is_recorded_when_it_arrives() -> None:
    late = ObservationLog().record("2B", Q1, 80, at=pendulum.datetime(2027, 2, 1))
    assert late.value("2B", Q1, as_known_at=pendulum.datetime(2026, 12, 31)) is None
    assert late.latest("2B", on=pendulum.Date(2026, 12, 31)) is not None
    assert (
        late.latest(
            "2B", on=pendulum.Date(2026, 12, 31), as_known_at=pendulum.datetime(2026, 12, 31)
        )
        is None
    )


def test_a_withdrawal_removes_the_current_value_but_keeps_the_history() -> None:
    log = (
        ObservationLog()
        .record("m", Q1, 3, at=pendulum.datetime(2026, 7, 1))
        .withdraw("m", Q1, at=pendulum.datetime(2026, 7, 2), note="duplicate return")
    )
    assert log.value("m", Q1) is None
    assert len(log.history("m", Q1)) == 2
    again = log.record("m", Q1, 4, at=pendulum.datetime(2026, 7, 3))
    assert again.value("m", Q1) == 4


def test_recording_twice_revising_nothing_or_going_back_in_time_is_refused() -> None:
    log = ObservationLog().record("m", Q1, 3, at=pendulum.datetime(2026, 7, 1))
    with pytest.raises(ObservationConflict) as err:
        log.record("m", Q1, 4, at=pendulum.datetime(2026, 7, 2))
    assert (err.value.measure_id, err.value.kind) == ("m", "record")
    with pytest.raises(ObservationConflict):
        log.revise("other", Q1, 4, at=pendulum.datetime(2026, 7, 2))
    with pytest.raises(ObservationConflict):
        ObservationLog().withdraw("m", Q1, at=pendulum.datetime(2026, 7, 2))
    with pytest.raises(ObservationConflict):
        log.revise("m", Q1, 4, at=pendulum.datetime(2026, 6, 30))
    assert len(log) == 1


def test_observations_need_aware_times_and_numbers() -> None:
    with pytest.raises(InvalidInput):
        ObservationLog().record("m", Q1, 3, at=dt.datetime(2026, 7, 1))  # noqa: DTZ001 - naive on purpose
    with pytest.raises(InvalidInput):
        ObservationLog().record("m", Q1, "three", at=pendulum.datetime(2026, 7, 1))
    with pytest.raises(InvalidInputType):
        ObservationLog().record("m", Q1, [3], at=pendulum.datetime(2026, 7, 1))
    with pytest.raises(InvalidInputType):
        ObservationLog((1,))  # type: ignore[arg-type] # a wrong type on purpose


def test_times_are_stored_in_utc() -> None:
    log = ObservationLog().record(
        "m", Q1, 3, at=pendulum.datetime(2026, 7, 1, 9, tz="Europe/London")
    )
    assert log.events[0].recorded_at == dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC)


def test_a_log_rebuilt_from_events_is_checked() -> None:
    at = pendulum.datetime(2026, 7, 1)
    revision = Observation("m", Q1, Decimal(2), at, ObservationKind.REVISED)
    with pytest.raises(ObservationConflict):
        ObservationLog.from_events([revision])
    first = Observation("m", Q1, Decimal(1), at)
    assert ObservationLog.from_events([first, revision]).value("m", Q1) == 2


@given(observation_logs(), measured_values(min_value=0, max_value=100))
def test_revising_keeps_every_earlier_event(log: ObservationLog, value: Decimal) -> None:
    current = log.current()
    if not current:
        return
    (measure_id, period), before = next(iter(current.items()))
    later = max(e.recorded_at for e in log.events) + dt.timedelta(days=1)
    revised = log.revise(measure_id, period, value, at=later)
    assert revised.events[: len(log.events)] == log.events
    assert revised.history(measure_id, period)[:-1] == log.history(measure_id, period)
    assert revised.value(measure_id, period) == value
    assert revised.value(measure_id, period, as_known_at=before.recorded_at) == before.value


@given(observation_logs(), st.integers(0, 400))
def test_as_known_at_is_the_fold_of_the_events_recorded_by_then(
    log: ObservationLog, days: int
) -> None:
    moment = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=days)
    known = log.as_known_at(moment)
    assert set(known.events) <= set(log.events)
    expected = fold_observations(e for e in log.events if e.recorded_at <= moment)
    assert dict(known.current()) == dict(expected)
    for (measure_id, period), event in known.current().items():
        assert event.kind is not ObservationKind.WITHDRAWN
        assert known.value(measure_id, period) == event.value


def test_bulk_loading_checks_every_event_and_is_all_or_nothing() -> None:
    at = pendulum.datetime(2026, 9, 1)
    events = [
        Observation("m", ReportingPeriod.month(2020, 1) + i, Decimal(i), at) for i in range(3000)
    ]
    log = ObservationLog().extend(events)
    assert len(log) == 3000
    assert log.value("m", ReportingPeriod.month(2020, 1) + 2999) == 2999
    with pytest.raises(ObservationConflict):
        log.extend([events[0]])  # recorded twice
    assert len(log) == 3000
