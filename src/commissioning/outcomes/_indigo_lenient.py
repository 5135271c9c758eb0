"""Read INDIGO as it really is: numbers written as text, money with a currency and a scale.

Real INDIGO spreadsheets carry amounts such as ``'£1.2m'``, ``'C$1.3M'``,
``'$10,000,000'``, ``'710 (two-year mark)'`` or a spreadsheet formula
(``'=1000*12'``). [`lenient_number`][commissioning.outcomes.lenient_number] reads them into a ``Decimal`` and says
what it did ([`IndigoConversion`][commissioning.outcomes.IndigoConversion]); [`IndigoProject.read`][commissioning.outcomes.IndigoProject.read] applies it to every number field
and rejects a bad list item alone, with its problems, instead of the project.
"""

from __future__ import annotations

import ast
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from .._errors import Problem

__all__ = ["IndigoConversion", "IndigoReading", "lenient_number"]

#: The largest magnitude read (10**30): larger figures are refused, never expanded.
MAX_ADJUSTED_EXPONENT = 30

_SYMBOLS = (
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("US$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("$", "USD"),
    ("¥", "JPY"),
)
_CODE = re.compile(r"\b([A-Z]{3})\b")
_SCALES = {
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mm": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
}
_NUMBER = re.compile(
    r"^\s*([-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+)\s*(thousand|million|billion|mn|mm|bn|k|m|b)?\b\s*(.*)$",
    re.IGNORECASE,
)


@attrs.frozen
class IndigoConversion:
    """A value read leniently: where, what was received, what it became, and how.

    Attributes:
        field: the path (``outcome_payments[2].money.amount.value``).
        received: the value as published.
        value: the number it was read as.
        currency: the currency its symbol or code named, or ``None``.
        note: what was done, in words (``"scale 'm' applied"``).

    Examples:
        >>> str(IndigoConversion("amount", "£1.2m", Decimal("1200000"), "GBP", "currency GBP; scale 'm'"))
        "amount: '£1.2m' read as 1200000 (currency GBP; scale 'm')"
    """

    field: str
    received: str
    value: Decimal
    currency: str | None
    note: str

    def __str__(self) -> str:
        return f"{self.field}: {self.received!r} read as {self.value} ({self.note})"


@attrs.frozen
class IndigoReading:
    """What [`IndigoProject.read`][commissioning.outcomes.IndigoProject.read] made of a project.

    Attributes:
        project: the project, without the items and fields that could not be read.
        conversions: every value read leniently.
        problems: every item or field left out, with why.
    """

    project: Any
    conversions: tuple[IndigoConversion, ...]
    problems: tuple[Problem, ...]


def _finite(value: Decimal) -> bool:
    return value.is_finite() and (value == 0 or value.adjusted() <= MAX_ADJUSTED_EXPONENT)


def _formula(text: str) -> Decimal | None:
    """A spreadsheet formula of numbers and + - * / ( ), evaluated exactly; else ``None``."""
    if len(text) > 200 or not re.fullmatch(r"[\d\s.+\-*/()]+", text):
        return None
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return None

    def value(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return Decimal(str(node.value))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = value(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            left, right = value(node.left), value(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Div) and right != 0:
                return left / right
        raise ValueError("not a formula of numbers")

    try:
        result = value(tree)
    except (ValueError, InvalidOperation, RecursionError):
        return None
    return result if _finite(result) else None


def lenient_number(raw: Any) -> tuple[Decimal, str | None, str] | None:
    """Read a number as real INDIGO data writes it: ``(value, currency, note)``, or ``None``.

    Accepts JSON numbers, and text with a currency symbol or ISO code, thousands
    separators, a scale (k, m, mn, bn, thousand, million, billion), trailing words
    (dropped, and said so) or a spreadsheet formula. Magnitudes beyond 10**30,
    NaN and infinities are refused (``None``), never expanded.

    Examples:
        >>> lenient_number("£1.2m")
        (Decimal('1200000.0'), 'GBP', "currency GBP; scale 'm'")
        >>> lenient_number("C$1.3M")[:2]
        (Decimal('1300000.0'), 'CAD')
        >>> lenient_number("$10,000,000")[:2]
        (Decimal('10000000'), 'USD')
        >>> lenient_number("710 (two-year mark)")
        (Decimal('710'), None, "text after the number dropped: '(two-year mark)'")
        >>> lenient_number("=1000*12")
        (Decimal('12000'), None, 'spreadsheet formula evaluated')
        >>> lenient_number("1E+999999") is None, lenient_number("n/a") is None
        (True, True)
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        if raw.bit_length() > 100:
            return None
        return Decimal(raw), None, "a JSON number"
    if isinstance(raw, float):
        number = Decimal(repr(raw)) if math.isfinite(raw) else Decimal("NaN")
        return (number, None, "a JSON number") if _finite(number) else None
    if isinstance(raw, Decimal):
        return (raw, None, "a JSON number") if _finite(raw) else None
    if not isinstance(raw, str) or len(raw) > 200:
        return None
    text = raw.strip()
    if text.startswith("="):
        result = _formula(text[1:])
        return None if result is None else (result, None, "spreadsheet formula evaluated")
    notes = []
    currency = None
    for symbol, code in _SYMBOLS:
        if symbol in text:
            currency = code
            text = text.replace(symbol, "", 1).strip()
            break
    if currency is None:
        match = _CODE.search(text)
        if match and match.group(1) not in {"MM", "BN"}:
            currency = match.group(1)
            text = (text[: match.start()] + text[match.end() :]).strip()
    if currency is not None:
        notes.append(f"currency {currency}")
    found = _NUMBER.match(text)
    if found is None:
        return None
    digits, scale, rest = found.group(1), found.group(2), found.group(3).strip()
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        number *= _SCALES[scale.lower()]
        notes.append(f"scale {scale!r}")
    if rest:
        notes.append(f"text after the number dropped: {rest!r}")
    if not _finite(number):
        return None
    return number, currency, "; ".join(notes) or "text read as a number"
