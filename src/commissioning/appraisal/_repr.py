"""HTML for notebooks: small, escaped tables (``_repr_html_`` of the appraisal's values)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from decimal import Decimal

__all__ = ["html_table", "money", "number"]


def money(amount: Decimal | float) -> str:
    """Format pounds with a thousands separator, sign first.

    Examples:
        >>> money(Decimal("-1234.5"))
        '-£1,234.50'
    """
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def number(value: float, digits: int = 3) -> str:
    """Format a float to ``digits`` significant digits for display.

    Examples:
        >>> number(0.123456)
        '0.123'
    """
    return f"{value:.{digits}g}"


def html_table(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with a caption; every cell is escaped.

    Examples:
        >>> print(html_table("T", ["a"], [["<b>"]]))
        <table><caption>T</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>
    """
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
