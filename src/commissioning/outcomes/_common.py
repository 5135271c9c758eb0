"""Small shared helpers for the outcomes area: measured values and identifiers."""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation
from typing import Any

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._reader import DEFAULT_LIMITS
from .._validation import Checker

__all__ = [
    "as_value",
    "check_envelope",
    "check_id",
    "collect_id",
    "plain",
    "require_tuple_of",
]

_VALUE_EXPECTED = "a number as a Decimal, int, numeric str or float"


def as_value(value: Any, *, field: str) -> Decimal:
    """Return a measured value as a finite ``Decimal``.

    Decimals, ints and numeric strings are taken exactly. A ``float`` is
    converted through its shortest ``repr`` (so ``0.1`` becomes
    ``Decimal('0.1')``, not the binary fraction): measured values are not
    money, and data from spreadsheets and pandas often arrive as floats.
    Money never goes through here: it uses `commissioning._money.pounds`,
    which refuses floats. Numbers beyond the checked reader's digit limit (60
    digits, exponents within ±60) are refused, so no later sum or rounding
    can overflow or take long.

    Examples:
        >>> as_value(0.1, field="value")
        Decimal('0.1')
        >>> as_value("82.5", field="value")
        Decimal('82.5')
        >>> as_value("1e999999", field="value")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: value: expected a number of at most 60 digits and an exponent of at most 60, received '1e999999'
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str | float):
        raise InvalidInputType([Problem(field, _VALUE_EXPECTED, value, "type")])
    most = DEFAULT_LIMITS.max_digits
    too_long = f"a number of at most {most} digits"
    if isinstance(value, str) and len(value) > most * 2 + 10:
        raise InvalidInput.of(field, too_long, f"{len(value)} characters")
    if isinstance(value, int) and value.bit_length() > most * 3.33 + 4:
        raise InvalidInput.of(field, too_long, f"an int of {value.bit_length()} bits")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InvalidInput.of(field, _VALUE_EXPECTED, value) from None
    if not number.is_finite():
        raise InvalidInput.of(field, "a finite number", value)
    if len(number.as_tuple().digits) > most or abs(number.adjusted()) > most:
        raise InvalidInput.of(field, too_long + " and an exponent of at most " + str(most), value)
    return number


def check_id(value: Any, *, field: str) -> str:
    """Return ``value`` if it is a non-empty identifier string without surrounding spaces.

    Examples:
        >>> check_id("2C", field="id")
        '2C'
    """
    if not isinstance(value, str):
        raise InvalidInputType([Problem(field, "an identifier (str)", value, "type")])
    if not value or value.strip() != value:
        raise InvalidInput.of(field, "a non-empty identifier without surrounding spaces", value)
    return value


def collect_id(check: Checker, value: Any, *, field: str) -> None:
    """Add `check_id`'s problem to ``check`` instead of raising it.

    Examples:
        >>> check = Checker()
        >>> collect_id(check, "", field="id")
        >>> [p.field for p in check.problems]
        ['id']
    """
    try:
        check_id(value, field=field)
    except InvalidInput as err:
        check.extend(err)


def require_tuple_of(value: Any, kind: type, field: str, expected: str) -> None:
    """Raise [`InvalidInputType`][commissioning.InvalidInputType] unless ``value`` is a tuple of ``kind``.

    Examples:
        >>> require_tuple_of((1, 2), int, "ids", "a tuple of ints")
        >>> require_tuple_of([1], int, "ids", "a tuple of ints")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: ids: expected a tuple of ints, received [1]
    """
    if not (isinstance(value, tuple) and all(isinstance(x, kind) for x in value)):
        raise InvalidInputType([Problem(field, expected, value, "type")])


def plain(value: Any) -> Any:
    """Return ``value`` made plain for records: an enum becomes its ``.value``.

    Decimals and dates are kept as they are (exact, and typed).

    Examples:
        >>> plain(Decimal("1.5"))
        Decimal('1.5')
    """
    if isinstance(value, enum.Enum):
        return value.value
    return value


def check_envelope(index: int, record: object, stream_id: str | None) -> None:
    """Refuse a replayed stream's ``index``-th record unless it fits the envelope.

    It must be an ``EventRecord`` of ``stream_id`` (any, for ``None``) at version
    ``index + 1``; [`InvalidHistory`][commissioning.InvalidHistory] otherwise.

    Examples:
        >>> import datetime as dt
        >>> from commissioning import EventRecord
        >>> r = EventRecord("log", 2, "record", dt.datetime(2026, 1, 5, tzinfo=dt.UTC), "al")
        >>> check_envelope(1, r, "log")
        >>> check_envelope(0, r, "log")
        Traceback (most recent call last):
        ...
        commissioning.InvalidHistory: record 0 does not fit the history: expected version 1, found 2
    """
    from ..machine import EventRecord  # noqa: PLC0415 - the engine imports nothing from here

    if not isinstance(record, EventRecord):
        raise InvalidHistory(index, record, "expected an EventRecord")
    if record.version != index + 1:
        raise InvalidHistory(index, record, f"expected version {index + 1}, found {record.version}")
    if stream_id is not None and record.stream_id != stream_id:
        raise InvalidHistory(
            index, record, f"expected stream {stream_id!r}, found {record.stream_id!r}"
        )
