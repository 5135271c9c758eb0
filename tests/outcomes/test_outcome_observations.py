"""Observations are events: late and revised values append, and "as known at" is a query."""

import datetime as dt
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import EventRecord, InvalidHistory, InvalidInput, InvalidInputType
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


def _new() -> ObservationLog:
    log, _ = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")
    return log


def test_a_revision_appends_and_the_old_value_is_still_known_at_the_old_date() -> None:
    log, _ = _new().record(
        "2C", Q1, "151.2", at=pendulum.datetime(2026, 7, 20), actor="analyst", source="SALT"
    )
    revised, (record,) = log.revise(
        "2C", Q1, "149.8", at=pendulum.datetime(2026, 9, 1), actor="checker",
        source="SALT v2", note="late data",
    )  # fmt: skip
    assert len(log) == 1  # the old log is untouched
    assert [e.kind for e in revised.observations_of("2C", Q1)] == [
        ObservationKind.RECORDED,
        ObservationKind.REVISED,
    ]
    assert (record.event, record.version, record.actor) == ("revise", 3, "checker")
    assert dict(record.data) == {
        "measure_id": "2C", "period": "FY2026/27 Q1", "value": "149.8",
        "source": "SALT v2", "note": "late data",
    }  # fmt: skip
    assert revised.observations[-1].recorded_by == "checker"
    assert revised.value("2C", Q1) == Decimal("149.8")
    assert revised.value("2C", Q1, as_of=pendulum.datetime(2026, 8, 31)) == Decimal("151.2")
    assert revised.value("2C", Q1, as_of=pendulum.datetime(2026, 7, 1)) is None


def test_a_late_observation_is_recorded_when_it_arrives() -> None:
    late, _ = _new().record("2B", Q1, 80, at=pendulum.datetime(2027, 2, 1), actor="analyst")
    assert late.value("2B", Q1, as_of=pendulum.datetime(2026, 12, 31)) is None
    assert late.latest("2B", on=pendulum.Date(2026, 12, 31)) is not None
    assert (
        late.latest(
            "2B", on=pendulum.Date(2026, 12, 31), as_of=pendulum.datetime(2026, 12, 31)
        )
        is None
    )


def test_a_withdrawal_removes_the_current_value_but_keeps_the_history() -> None:
    log, _ = _new().record("m", Q1, 3, at=pendulum.datetime(2026, 7, 1), actor="analyst")
    log, (record,) = log.withdraw(
        "m", Q1, at=pendulum.datetime(2026, 7, 2), actor="analyst", note="duplicate return"
    )
    assert record.data["value"] is None
    assert log.value("m", Q1) is None
    assert len(log.observations_of("m", Q1)) == 2
    again, _ = log.record("m", Q1, 4, at=pendulum.datetime(2026, 7, 3), actor="analyst")
    assert again.value("m", Q1) == 4


def test_recording_twice_revising_nothing_or_going_back_in_time_is_refused() -> None:
    log, _ = _new().record("m", Q1, 3, at=pendulum.datetime(2026, 7, 1), actor="analyst")
    with pytest.raises(ObservationConflict) as err:
        log.record("m", Q1, 4, at=pendulum.datetime(2026, 7, 2), actor="analyst")
    assert (err.value.measure_id, err.value.kind) == ("m", "record")
    with pytest.raises(ObservationConflict):
        log.revise("other", Q1, 4, at=pendulum.datetime(2026, 7, 2), actor="analyst")
    with pytest.raises(ObservationConflict):
        _new().withdraw("m", Q1, at=pendulum.datetime(2026, 7, 2), actor="analyst")
    with pytest.raises(ObservationConflict, match="before the previous event"):
        log.revise("m", Q1, 4, at=pendulum.datetime(2026, 6, 30), actor="analyst")
    assert len(log) == 1
    assert log.version == 2


def test_observations_need_aware_times_numbers_and_an_actor() -> None:
    with pytest.raises(InvalidInput):
        _new().record("m", Q1, 3, at=dt.datetime(2026, 7, 1), actor="analyst")  # noqa: DTZ001 - naive on purpose
    with pytest.raises(InvalidInput):
        _new().record("m", Q1, "three", at=pendulum.datetime(2026, 7, 1), actor="analyst")
    with pytest.raises(InvalidInputType):
        _new().record("m", Q1, [3], at=pendulum.datetime(2026, 7, 1), actor="analyst")
    with pytest.raises(InvalidInput, match="actor"):
        _new().record("m", Q1, 3, at=pendulum.datetime(2026, 7, 1), actor="")
    with pytest.raises(InvalidHistory, match="expected an EventRecord"):
        ObservationLog("returns", (1,))  # type: ignore[arg-type] # a wrong type on purpose


def test_a_log_that_was_never_created_accepts_no_command() -> None:
    empty = ObservationLog("returns")
    assert empty.version == 0
    with pytest.raises(InvalidInput, match="created log"):
        empty.record("m", Q1, 3, at=pendulum.datetime(2026, 7, 1), actor="analyst")
    assert {o.event for o in empty.options(at=pendulum.datetime(2026, 7, 1)) if o.allowed} == set()


def test_times_are_stored_in_utc() -> None:
    log, (record,) = _new().record(
        "m", Q1, 3, at=pendulum.datetime(2026, 7, 1, 9, tz="Europe/London"), actor="analyst"
    )
    assert log.observations[0].recorded_at == dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC)
    assert record.occurred_at.tzinfo is dt.UTC


def test_a_replayed_history_is_checked() -> None:
    log, _ = _new().record("m", Q1, 1, at=pendulum.datetime(2026, 7, 1), actor="analyst")
    create, first = log.history
    revision = EventRecord(
        "returns", 2, "revise", pendulum.datetime(2026, 7, 2), "analyst",
        {"measure_id": "m", "period": Q1.label, "value": "2", "source": "", "note": ""},
    )  # fmt: skip
    with pytest.raises(InvalidHistory) as err:
        ObservationLog.replay([create, revision])
    assert err.value.index == 1
    assert "no current value" in err.value.reason
    with pytest.raises(InvalidHistory, match="starts with 'create'"):
        ObservationLog.replay([first._replace(version=1)])
    with pytest.raises(InvalidHistory, match="expected stream 'returns'"):
        ObservationLog.replay([create, first._replace(stream_id="other")])
    with pytest.raises(InvalidHistory, match=r"data\.period: expected a period label"):
        ObservationLog.replay([create, first._replace(data={**first.data, "period": "Q5"})])
    assert ObservationLog.replay(log.history) == log


@given(observation_logs(), measured_values(min_value=0, max_value=100))
def test_revising_keeps_every_earlier_event(log: ObservationLog, value: Decimal) -> None:
    current = log.current()
    if not current:
        return
    (measure_id, period), before = next(iter(current.items()))
    later = log.history[-1].occurred_at + dt.timedelta(days=1)
    revised, records = log.revise(measure_id, period, value, at=later, actor="analyst")
    assert revised.history == (*log.history, *records)
    assert revised.observations[: len(log)] == log.observations
    assert revised.observations_of(measure_id, period)[:-1] == log.observations_of(
        measure_id, period
    )
    assert revised.value(measure_id, period) == value
    assert revised.value(measure_id, period, as_of=before.recorded_at) == before.value


@given(observation_logs(), st.integers(0, 400))
def test_as_of_is_the_fold_of_the_events_recorded_by_then(log: ObservationLog, days: int) -> None:
    moment = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=days)
    known = log.as_of(moment)
    assert known.history == log.history[: known.version]
    assert all(r.occurred_at <= moment for r in known.history)
    expected = fold_observations(e for e in log.observations if e.recorded_at <= moment)
    assert dict(known.current()) == dict(expected)
    for (measure_id, period), event in known.current().items():
        assert event.kind is not ObservationKind.WITHDRAWN
        assert known.value(measure_id, period) == event.value


def test_bulk_loading_checks_every_event_and_is_all_or_nothing() -> None:
    at = pendulum.datetime(2026, 9, 1)
    events = [
        Observation("m", ReportingPeriod.month(2020, 1) + i, Decimal(i), at) for i in range(3000)
    ]
    log, records = _new().extend(events, actor="loader")
    assert len(log) == 3000 == len(records)
    assert records[-1].version == log.version == 3001
    assert log.value("m", ReportingPeriod.month(2020, 1) + 2999) == 2999
    with pytest.raises(InvalidHistory, match="a value is already current"):
        log.extend([events[0]], actor="loader")  # recorded twice
    assert len(log) == 3000
