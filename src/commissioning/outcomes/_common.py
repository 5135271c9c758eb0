"""Small shared helpers for the outcomes area: measured values and identifiers."""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from .._validation import Checker

__all__ = ["as_value", "check_id", "collect_id", "plain", "require_tuple_of"]

_VALUE_EXPECTED = "a number as a Decimal, int, numeric str or float"


def as_value(value: Any, *, field: str) -> Decimal:
    """Return a measured value as a finite ``Decimal``.

    Decimals, ints and numeric strings are taken exactly. A ``float`` is
    converted through its shortest ``repr`` (so ``0.1`` becomes
    ``Decimal('0.1')``, not the binary fraction): measured values are not
    money, and data from spreadsheets and pandas often arrive as floats.
    Money never goes through here: it uses :func:`commissioning._money.pounds`,
    which refuses floats.

    Examples:
        >>> as_value(0.1, field="value")
        Decimal('0.1')
        >>> as_value("82.5", field="value")
        Decimal('82.5')
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str | float):
        raise InvalidInputType([Problem(field, _VALUE_EXPECTED, value, "type")])
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InvalidInput.of(field, _VALUE_EXPECTED, value) from None
    if not number.is_finite():
        raise InvalidInput.of(field, "a finite number", value)
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
    """Add :func:`check_id`'s problem to ``check`` instead of raising it.

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
    """Raise :class:`~commissioning.InvalidInputType` unless ``value`` is a tuple of ``kind``.

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
