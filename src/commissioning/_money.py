"""Money is exact: pounds and pence as ``Decimal``, never ``float``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ._errors import InvalidInput, InvalidInputType, Problem

__all__ = ["PENNY", "pounds"]

PENNY = Decimal("0.01")


def pounds(value: Decimal | int | str, *, field: str = "amount") -> Decimal:
    """Return ``value`` as exact pounds and pence.

    Accepts a ``Decimal``, an ``int`` or a numeric string; refuses ``float``
    (binary fractions cannot hold pence exactly) and ``bool``. Amounts with
    fractions of a penny are rejected rather than silently rounded.

    Examples:
        >>> pounds("214904")
        Decimal('214904.00')
        >>> pounds(1.5)
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: amount: expected pounds as a Decimal, int or numeric str (not float), received 1.5
    """
    expected = "pounds as a Decimal, int or numeric str (not float)"
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidInputType([Problem(field, expected, value, "type")])
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidInput.of(field, expected, value) from None
    if not amount.is_finite():
        raise InvalidInput.of(field, "a finite amount of pounds", value)
    quantised = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    if quantised != amount:
        raise InvalidInput.of(field, "a whole number of pence", value)
    return quantised
