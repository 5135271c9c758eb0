"""Rows into pandas DataFrames that plot: the one converter behind every ``to_frame()``.

By default a table is for analysis: a column of numbers (``Decimal``, ``int``,
``float``, with ``None`` as missing) becomes ``float64`` (a column of whole
numbers without gaps stays ``int64``); a column of calendar
days (``datetime.date``, ``pendulum.Date``) becomes ``datetime64``; a column of
moments (aware ``datetime``) becomes ``datetime64`` in UTC; enums become their
values. So ``df.pivot(...).plot()`` and ``df.mean()`` work at once.

``exact=True`` keeps the values as the library holds them: ``Decimal`` (to the
penny, object dtype) and ``pendulum`` days and moments. Floats cannot hold
pence exactly: ask for exact values when totals must reconcile.

pandas is optional (``pip install commissioning[pandas]``) and imported only
when a table is made.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ._errors import InvalidInputType, Problem

__all__ = ["frame_of_rows", "pandas"]


def pandas(what: str = "tables") -> Any:
    """The pandas module, or an ImportError saying which extra to install."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported only when a table is made
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(f"{what} need pandas: pip install 'commissioning[pandas]'") from error
    return pd


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _is_number(value: Any) -> bool:
    return isinstance(value, Decimal | int | float) and not isinstance(value, bool)


def _is_day(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _column(pd: Any, values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if not present:
        return values
    if all(_is_number(v) for v in present):
        if len(present) == len(values) and all(isinstance(v, int) for v in present):
            return pd.array(values, dtype="int64")  # whole numbers without gaps stay whole
        return pd.array([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if all(_is_day(v) for v in present):
        days = [None if v is None else dt.datetime(v.year, v.month, v.day) for v in values]  # noqa: DTZ001 - a calendar day has no time zone
        return pd.to_datetime(pd.Series(days, dtype="object"))
    if all(isinstance(v, dt.datetime) and v.tzinfo is not None for v in present):
        return pd.to_datetime(pd.Series(values, dtype="object"), utc=True)
    return values


def _has_gaps(values: Any) -> bool:
    """Whether an exact column mixes numbers and gaps (pandas would turn its ints into floats)."""
    return (
        isinstance(values, list)
        and any(v is None for v in values)
        and any(_is_number(v) for v in values)
    )


def frame_of_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    exact: bool = False,
    index: str | None = None,
    columns: Sequence[str] | None = None,
) -> Any:
    """A ``pandas.DataFrame`` of ``rows`` (mappings of column name to value).

    Args:
        rows: the rows, each a mapping (missing keys are missing values).
        exact: keep ``Decimal`` and pendulum values (object columns) instead of
            floats and ``datetime64``.
        index: a column to make the index (when there are rows).
        columns: the columns, in order (by default those of the rows, in the
            order first seen); an empty table still has them.

    Examples:
        >>> import pendulum
        >>> rows = [{"period": pendulum.Date(2026, 4, 30), "value": Decimal("83.1")},
        ...         {"period": pendulum.Date(2026, 5, 31), "value": None}]
        >>> table = frame_of_rows(rows)
        >>> [t.kind for t in table.dtypes]  # datetime64 and float64
        ['M', 'f']
        >>> float(table["value"].mean())
        83.1
        >>> frame_of_rows(rows, exact=True)["value"].tolist()
        [Decimal('83.1'), None]
        >>> frame_of_rows([], columns=["period", "value"]).columns.tolist()
        ['period', 'value']
    """
    if isinstance(rows, Mapping | str | bytes):
        raise InvalidInputType([Problem("rows", "an iterable of mappings", rows, "type")])
    pd = pandas()
    table_rows = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InvalidInputType([Problem(f"rows[{i}]", "a mapping", row, "type")])
        table_rows.append({str(k): _plain(v) for k, v in row.items()})
    names = (
        list(columns)
        if columns is not None
        else list(dict.fromkeys(k for row in table_rows for k in row))
    )
    data = {name: [row.get(name) for row in table_rows] for name in names}
    if not exact:
        data = {name: _column(pd, values) for name, values in data.items()}
    table = pd.DataFrame(
        {
            name: pd.Series(values, dtype="object" if exact and _has_gaps(values) else None)
            for name, values in data.items()
        },
        columns=names,
    )
    if index is not None and table_rows:
        table = table.set_index(index)
    return table
