"""Tables: any outcomes value as a list of records, or a pandas DataFrame when pandas is installed.

Records are plain dicts; numbers stay ``Decimal`` (exact) unless you ask for
floats, and enums become their values. pandas is optional
(``pip install commissioning[pandas]``) and imported only inside
:func:`to_dataframe`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from ._common import plain

__all__ = ["to_dataframe", "to_records"]


def to_records(value: Any) -> list[dict[str, Any]]:
    """Flatten an outcomes value into a list of records (dicts).

    Accepts anything with a ``to_records()`` method (a log, a framework, an
    assessment, a payment calculation, a roll-up, a contract), anything with a
    ``to_record()`` method (a measure, a status), or an iterable of those.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import ObservationLog, ReportingPeriod
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), "83.1",
        ...     at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> to_records(log)[0]["value"], to_records(log)[0]["period"]
        (Decimal('83.1'), 'FY2025/26')
    """
    if hasattr(value, "to_records"):
        rows = value.to_records()
    elif hasattr(value, "to_record"):
        rows = [value.to_record()]
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes | dict):
        rows = []
        for i, item in enumerate(value):
            if hasattr(item, "to_record"):
                rows.append(item.to_record())
            elif hasattr(item, "to_records"):
                rows.extend(item.to_records())
            else:
                raise InvalidInputType(
                    [Problem(f"value[{i}]", "an outcomes value with to_record()", item, "type")]
                )
    else:
        raise InvalidInputType(
            [Problem("value", "an outcomes value with to_records() or to_record()", value, "type")]
        )
    return [{k: plain(v) for k, v in row.items()} for row in rows]


def to_dataframe(value: Any, *, numbers: str = "decimal") -> Any:
    """The records of :func:`to_records` as a ``pandas.DataFrame`` (needs pandas).

    ``numbers="decimal"`` (the default) keeps exact ``Decimal`` objects (object
    dtype); ``numbers="float"`` converts every ``Decimal`` column to float for
    analysis or plotting: an explicit choice, since floats cannot hold pence
    exactly.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import ObservationLog, ReportingPeriod
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), "83.1",
        ...     at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> to_dataframe(log)["value"].tolist()
        [Decimal('83.1')]
        >>> to_dataframe(log, numbers="float")["value"].tolist()
        [83.1]
        >>> to_dataframe(log).shape  # one row, one column per record field
        (1, 10)
    """
    if numbers not in ("decimal", "float"):
        raise InvalidInput.of("numbers", "'decimal' or 'float'", numbers)
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported only when asked for
    except ImportError as err:  # pragma: no cover - exercised only without pandas
        raise ImportError("to_dataframe needs pandas: pip install 'commissioning[pandas]'") from err
    rows = to_records(value)
    frame = pd.DataFrame.from_records(rows)
    if numbers == "float":
        for column in frame.columns:
            if any(isinstance(v, Decimal) for v in frame[column]):
                frame[column] = [float(v) if isinstance(v, Decimal) else v for v in frame[column]]
    return frame
