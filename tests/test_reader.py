"""The checked reader: every hostile document gives a typed error naming its path."""

import datetime as dt
import enum
import json
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import CommissioningError, InvalidInput, InvalidInputType
from commissioning._abbrev import safe_repr
from commissioning._reader import Limits, Reader, check_json


class Colour(enum.StrEnum):
    RED = "red"
    AMBER = "amber"


def test_a_missing_required_key_names_its_path() -> None:
    with pytest.raises(InvalidInput) as err:
        Reader({"tender": {}}, "releases[3]").key("tender").key("value")
    assert err.value.field == "releases[3].tender.value"
    assert "required key 'value'" in err.value.expected


def test_a_tender_that_is_an_int_is_a_type_error_not_an_attribute_error() -> None:
    with pytest.raises(InvalidInputType) as err:
        Reader({"tender": 3}, "release").key("tender").key("id")
    assert err.value.field == "release.tender"
    assert isinstance(err.value, TypeError)
    assert err.value.received == 3


def test_bools_are_not_ints_and_floats_are_not_money() -> None:
    with pytest.raises(InvalidInputType, match="expected an int"):
        Reader(True, "version").integer()
    with pytest.raises(InvalidInputType, match="decimal string"):
        Reader(1.5, "amount").decimal()


def test_huge_numbers_are_refused_without_converting_them_to_text() -> None:
    with pytest.raises(InvalidInput, match="at most 60 digits"):
        Reader(10**5000, "n").integer()
    with pytest.raises(InvalidInput, match="at most 60 digits"):
        Reader("1e999999", "amount").decimal()
    with pytest.raises(InvalidInput, match="finite"):
        Reader(Decimal("sNaN"), "format_version").decimal()
    with pytest.raises(InvalidInput, match="at most 60 digits"):
        check_json({"n": 10**5000})


def test_dates_at_the_edges_of_the_calendar_are_refused_up_front() -> None:
    for text in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"):
        with pytest.raises(InvalidInput) as err:
            Reader(text, "at").moment()
        assert "a date from 1000-01-01 to 2999-12-31" in err.value.expected
    with pytest.raises(InvalidInput):
        Reader("9999-12-31", "deadline").day()


def test_moments_are_utc_and_days_are_pendulum_dates() -> None:
    moment = Reader("2026-03-02T10:00:00+01:00", "at").moment()
    assert moment == dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    assert moment.tzinfo is dt.UTC
    assert Reader("2026-03-02T09:00:00Z", "at").moment().tzinfo is dt.UTC
    day = Reader("2026-03-02", "on").day()
    assert isinstance(day, pendulum.Date)
    assert day == pendulum.Date(2026, 3, 2)
    with pytest.raises(InvalidInput, match="aware"):
        Reader("2026-03-02T09:00:00", "at").moment()


def test_enums_are_read_from_their_value_strings() -> None:
    assert Reader("amber", "rating").enum(Colour) is Colour.AMBER
    with pytest.raises(InvalidInput, match="one of 'red', 'amber'"):
        Reader("green", "rating").enum(Colour)
    with pytest.raises(InvalidInputType):
        Reader({"x": 1}, "rating").enum(Colour)


def test_depth_size_and_string_limits_are_configurable() -> None:
    limits = Limits(max_depth=2, max_items=5, max_string=3)
    with pytest.raises(InvalidInput, match="levels of nesting"):
        check_json([[[1]]], limits=limits)
    with pytest.raises(InvalidInput, match="at most 5 values"):
        check_json([1, 2, 3, 4, 5], limits=limits)
    with pytest.raises(InvalidInput, match="at most 3 characters"):
        check_json("abcd", limits=limits)
    check_json([[1]], limits=limits)


def test_deep_nesting_is_a_depth_problem_not_a_recursion_error() -> None:
    deep: object = 1
    for _ in range(100_000):
        deep = {"a": deep}
    with pytest.raises(InvalidInput, match="levels of nesting"):
        check_json(deep)
    assert len(safe_repr(deep)) <= 80


def test_unhashable_and_non_json_values_are_type_errors() -> None:
    with pytest.raises(InvalidInputType):
        check_json({"tags": {1, 2}})
    with pytest.raises(InvalidInputType, match="str key"):
        check_json({1: "x"})


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=3), children, max_size=4),
    max_leaves=20,
)


@given(_json)
def test_any_json_like_value_is_accepted_or_refused_with_a_typed_error(value: object) -> None:
    try:
        check_json(value)
    except CommissioningError:
        return
    assert json.loads(json.dumps(value, allow_nan=False)) == value


@given(_json)
def test_every_accessor_gives_a_value_or_a_typed_error(value: object) -> None:
    reader = Reader(value, "doc")
    for read in (
        reader.text,
        reader.integer,
        reader.decimal,
        reader.boolean,
        reader.day,
        reader.moment,
        reader.mapping,
        reader.sequence,
        lambda: reader.enum(Colour),
        lambda: reader.key("x"),
    ):
        try:
            read()
        except CommissioningError as err:
            message = str(err)
            assert message.startswith("doc"), message
