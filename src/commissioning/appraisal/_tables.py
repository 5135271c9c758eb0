"""Tables for notebooks: rows as plain mappings, and pandas DataFrames on request (``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["frame"]


def frame(rows: Iterable[Mapping[str, Any]], *, index: str | None = None) -> Any:
    """A pandas DataFrame of ``rows`` (pandas imported only now; install the ``pandas`` extra).

    Examples:
        >>> table = frame([{"option": "a", "npsv": 1}], index="option")
        >>> table.index.name, list(table.columns), int(table.loc["a", "npsv"])
        ('option', ['npsv'], 1)
        >>> frame([]).shape  # no rows: an empty frame, not indexed
        (0, 0)
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported only when a table is asked for
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("tables need pandas: pip install 'commissioning[pandas]'") from error
    table = pd.DataFrame([dict(row) for row in rows])
    return table.set_index(index) if index is not None and not table.empty else table
