"""Tables for notebooks: rows as plain mappings, and pandas DataFrames on request (``pandas`` extra).

Every appraisal ``to_frame()`` goes through ``frame``: numbers (``Decimal``
pounds included) become floats and days ``datetime64``, so tables plot and
average at once; ``exact=True`` keeps the ``Decimal`` pounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._frames import frame_of_rows

__all__ = ["frame"]


def frame(
    rows: Iterable[Mapping[str, Any]], *, index: str | None = None, exact: bool = False
) -> Any:
    """A pandas DataFrame of ``rows`` (pandas imported only now; install the ``pandas`` extra).

    Examples:
        >>> from decimal import Decimal
        >>> table = frame([{"option": "a", "npsv": Decimal("1.50")}], index="option")
        >>> table.index.name, list(table.columns), float(table.loc["a", "npsv"])
        ('option', ['npsv'], 1.5)
        >>> frame([{"option": "a", "npsv": Decimal("1.50")}], exact=True)["npsv"].tolist()
        [Decimal('1.50')]
        >>> frame([]).shape  # no rows: an empty frame, not indexed
        (0, 0)
    """
    return frame_of_rows(rows, index=index, exact=exact)
