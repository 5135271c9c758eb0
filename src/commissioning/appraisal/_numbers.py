"""Exact numbers for the appraisal: one Decimal context, used explicitly, never the global one.

Money (cost and benefit streams, present values) is exact pence in ``Decimal``.
Discount factors and ratios are ``Decimal`` computed in `CONTEXT`
(28 significant digits, half-even rounding); present values are rounded once,
to the penny (half-up), when a stream is summed. The global decimal context is
never read or changed, so results do not depend on what a caller set.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from .._money import PENNY

__all__ = ["CONTEXT", "as_decimal", "as_float", "to_pence"]

#: The one context every appraisal calculation uses (28 significant digits).
CONTEXT = Context(prec=28)

_EXPECTED = "a Decimal, int or numeric str (not float)"


def as_decimal(value: Any, *, field: str, expected: str = _EXPECTED) -> Decimal:
    """Return ``value`` as a finite ``Decimal``; refuse floats and bools (binary fractions are inexact).

    Examples:
        >>> as_decimal("0.035", field="rate")
        Decimal('0.035')
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidInputType([Problem(field, expected, value, "type")])
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise InvalidInput.of(field, expected, value) from None
    if not number.is_finite():
        raise InvalidInput.of(field, "a finite number", value)
    return number


def as_float(value: Any, *, field: str) -> float:
    """Return a finite real number (int, float, Decimal or numeric str) as a float, for the policy model.

    Examples:
        >>> as_float("2.5", field="mean")
        2.5
    """
    expected = "a finite real number (int, float, Decimal or numeric str)"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise InvalidInputType([Problem(field, expected, value, "type")])
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput.of(field, expected, value) from None
    if not math.isfinite(number):
        raise InvalidInput.of(field, expected, value)
    return number


def to_pence(value: Decimal) -> Decimal:
    """Round a computed amount to the penny, half up (the one rounding step for money).

    Examples:
        >>> to_pence(Decimal("1.005"))
        Decimal('1.01')
    """
    return value.quantize(PENNY, rounding=ROUND_HALF_UP, context=CONTEXT)
