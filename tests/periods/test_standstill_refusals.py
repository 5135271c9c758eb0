"""Standstill refusals name the field, what was expected and the kind of problem users rely on.

Written against the survivors of a mutation run of ``periods/_standstill.py``:
every refusal below was once free to change its field name or kind unnoticed.
"""

import datetime as dt

import pendulum
import pytest

from commissioning import InvalidInput, InvalidInputType
from commissioning.periods import pa_standstill, pcr_standstill, psr_standstill

D = pendulum.Date


@pytest.mark.parametrize(
    "call",
    [
        lambda: pa_standstill(published_on=D(2026, 3, 2), calendar="england"),  # type: ignore[arg-type]
        lambda: pcr_standstill(sent_on=D(2026, 3, 2), calendar=5),  # type: ignore[arg-type]
        lambda: psr_standstill(published_on=D(2026, 3, 2), calendar=[]),  # type: ignore[arg-type]
    ],
)
def test_a_calendar_that_is_not_a_working_day_calendar_is_a_type_error_naming_calendar(
    call: object,
) -> None:
    with pytest.raises(InvalidInputType) as err:
        call()  # type: ignore[operator]
    assert err.value.field == "calendar"
    assert err.value.problems[0].kind == "type"
    assert "WorkingDayCalendar" in err.value.expected


@pytest.mark.parametrize(
    "field", ["sent_on", "last_received_on", "electronic_sent_on", "other_means_sent_on"]
)
def test_a_pcr_sending_day_that_is_not_a_date_names_its_own_field(field: str) -> None:
    days: dict[str, object] = {"sent_on": None}
    if field in ("sent_on", "last_received_on"):
        days = {"sent_on": D(2026, 3, 2), "electronic": False}
    days[field] = "2026-03-02"
    with pytest.raises(InvalidInput) as err:
        pcr_standstill(**days)  # type: ignore[arg-type]
    assert field in {p.field for p in err.value.problems}
    assert any("date" in p.expected for p in err.value.problems if p.field == field)


def test_a_datetime_is_not_a_sending_day() -> None:
    with pytest.raises(InvalidInputType) as err:
        pcr_standstill(sent_on=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    assert err.value.field == "sent_on"


def test_a_receipt_day_after_electronic_sending_is_refused_naming_last_received_on() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_standstill(sent_on=D(2026, 3, 2), last_received_on=D(2026, 3, 4))
    assert err.value.field == "last_received_on"
    assert "other means" in err.value.expected
    assert err.value.received == D(2026, 3, 4)


def test_a_receipt_day_before_sending_by_other_means_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        pcr_standstill(sent_on=D(2026, 3, 2), electronic=False, last_received_on=D(2026, 3, 1))
    assert err.value.field == "last_received_on"
    assert "2026-03-02" in err.value.expected
