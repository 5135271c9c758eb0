"""Safe, short text for any received value, for error messages.

An error message names what was received. Building that text must never fail
or take long, whatever the value: a structure nested 100,000 deep, a
self-referencing list, an int of 5,000 digits (``repr`` refuses past 4,300),
a ``Decimal`` with a huge exponent, or an object whose ``repr`` raises.
`safe_repr` gives a bounded abbreviation in bounded time.
"""

from __future__ import annotations

import reprlib
from decimal import Decimal
from typing import Any

__all__ = ["safe_repr"]

#: Ints with more bits than this are described by their size, not written out.
_MAX_INT_BITS = 3_000


class _Abbreviator(reprlib.Repr):
    """``reprlib`` limits depth and width; this one also guards ints and broken reprs."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxdict = 4
        self.maxlist = 4
        self.maxtuple = 4
        self.maxset = 4
        self.maxfrozenset = 4
        self.maxstring = 60
        self.maxlong = 40
        self.maxother = 60

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _MAX_INT_BITS:
            digits = int(x.bit_length() * 0.30103) + 1
            return f"<int of about {digits} digits>"
        return super().repr_int(x, level)

    def repr1(self, x: Any, level: int) -> str:
        try:
            return super().repr1(x, level)
        except Exception:  # noqa: BLE001 - any failing __repr__ must not hide the real error
            return f"<{type(x).__name__} object>"

    def repr_instance(self, x: Any, level: int) -> str:
        if isinstance(x, Decimal):
            text = str(x) if x.is_finite() and abs(x.adjusted()) < 40 else f"{x:.6E}"
            return f"Decimal('{text}')"
        try:
            text = repr(x)
        except Exception:  # noqa: BLE001 - any failing __repr__ must not hide the real error
            return f"<{type(x).__name__} object>"
        if len(text) > self.maxother:
            return text[: self.maxother - 3] + "..."
        return text


_ABBREVIATOR = _Abbreviator()


def safe_repr(value: object, limit: int = 80) -> str:
    """A short ``repr`` of ``value``, at most ``limit`` characters, that never raises.

    Examples:
        >>> safe_repr("2026-01-01")
        "'2026-01-01'"
        >>> safe_repr(10**5000)
        '<int of about 5001 digits>'
        >>> nested = []
        >>> for _ in range(100_000):
        ...     nested = [nested]
        >>> safe_repr(nested)
        '[[[[...]]]]'
        >>> safe_repr(Decimal("1E+999999"))
        "Decimal('1.000000E+999999')"
    """
    try:
        text = _ABBREVIATOR.repr(value)
    except Exception:  # noqa: BLE001 - an error message must always be buildable
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
