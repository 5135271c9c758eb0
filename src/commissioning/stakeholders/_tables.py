"""Tables of stakeholder values: pandas DataFrames (imported lazily) and notebook HTML (private).

Frames are made to plot: numbers are ints and floats, days become
``datetime64`` columns; ``exact=True`` keeps the library's own values
(``pendulum.Date`` days, enum members) instead. pandas is optional
(``pip install commissioning[pandas]``) and imported only when a frame is asked for.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["frame", "html_table"]


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(map(str, value)))
    return value


def frame(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    days: Sequence[str] = (),
    exact: bool = False,
    index: str | None = None,
) -> Any:
    """A DataFrame of ``rows`` with ``columns`` in order; ``days`` columns as ``datetime64`` unless ``exact``."""
    import pandas as pd  # noqa: PLC0415 - optional (the pandas extra), imported only when asked for

    listed = [{c: row[c] for c in columns} for row in rows]
    if not exact:
        listed = [{c: _plain(v) for c, v in row.items()} for row in listed]
    table = pd.DataFrame(listed, columns=list(columns))
    if not exact:
        for column in days:
            table[column] = pd.to_datetime(
                [None if v is None else dt.date(v.year, v.month, v.day) for v in table[column]]
            ).astype("datetime64[ns]")  # one unit, whatever pandas infers
    return table.set_index(index) if index is not None else table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return html.escape(str(_plain(value)))


def html_table(
    caption: str, rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, limit: int = 20
) -> str:
    """A small HTML table for notebooks: a caption, a header and at most ``limit`` rows."""
    listed = list(rows)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row[c])}</td>" for c in columns) + "</tr>"
        for row in listed[:limit]
    )
    more = (
        f"<tr><td colspan={len(columns)}>... {len(listed) - limit} more</td></tr>"
        if len(listed) > limit
        else ""
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}{more}</tbody></table>"
    )
