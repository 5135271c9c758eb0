"""HTML representations for notebooks: every value shows itself as a small table.

Classes in this package define ``_repr_html_`` (the IPython display protocol)
using `html_table`, so a framework, a log, a status or a payment
calculation reads as a table in Jupyter, with its rule underneath.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._common import plain

__all__ = ["html_table"]


def html_table(
    caption: str,
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    notes: Sequence[str] = (),
) -> str:
    """Render rows as a small, escaped HTML table for notebooks.

    Examples:
        >>> print(html_table("t", [{"a": "<x>"}], ["a"]))
        <table><caption>t</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;x&gt;</td></tr></tbody></table>
    """
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape('' if row.get(c) is None else str(plain(row.get(c))))}</td>"
            for c in columns
        )
        + "</tr>"
        for row in rows
    )
    foot = "".join(f"<p>{html.escape(n)}</p>" for n in notes)
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{foot}"
    )
