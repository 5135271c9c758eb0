"""Tables: any outcomes value as a list of records, or a pandas DataFrame when pandas is installed.

Records are plain dicts; numbers stay ``Decimal`` (exact) and enums become
their values. DataFrames are for analysis: numbers as floats and days and
moments as ``datetime64`` by default, so they plot and average at once; exact
``Decimal`` and pendulum values with ``exact=True``. pandas is optional
(``pip install commissioning[pandas]``) and imported only when a frame is
made.

The ``to_frame()`` methods of the outcomes values call the ``frame_of...``
functions here: one per kind of row, each with the same keyword ``exact``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from .._frames import frame_of_rows
from ._common import plain

__all__ = ["frame_of", "frame_of_observations", "to_dataframe", "to_records"]

_OBSERVATION_COLUMNS = (
    "measure_id", "period", "period_start", "period_end", "value", "kind",
    "recorded_at", "source", "recorded_by", "note",
)  # fmt: skip


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


def frame_of(value: Any, *, exact: bool = False, index: str | None = None) -> Any:
    """The records of ``to_records(value)`` as a ``pandas.DataFrame`` (needs pandas).

    Numbers become floats and days and moments ``datetime64`` unless
    ``exact=True`` (``Decimal`` and pendulum values, object columns).

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import ObservationLog, ReportingPeriod
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), "83.1",
        ...     at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> frame_of(log)["value"].tolist(), frame_of(log, exact=True)["value"].tolist()
        ([83.1], [Decimal('83.1')])
    """
    return frame_of_rows(to_records(value), exact=exact, index=index)


def frame_of_observations(log: Any, *, exact: bool = False) -> Any:
    """An observation log's events, one row each in log order (``ObservationLog.to_frame``).

    Columns: the measure, the period (its label, first and last day), the
    value, the kind of event, when and by whom it was recorded, its source and
    note. An empty log gives an empty table with those columns.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import ObservationLog, ReportingPeriod
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> for month, value in ((4, 80), (5, 82), (6, 85)):
        ...     log, _ = log.record("2B", ReportingPeriod.month(2026, month), value,
        ...         at=pendulum.datetime(2026, month + 1, 5), actor="analyst")
        >>> table = frame_of_observations(log)
        >>> float(table["value"].mean())
        82.33333333333333
        >>> table.pivot(index="period_end", columns="measure_id", values="value").shape
        (3, 1)
        >>> empty = ObservationLog.create("none", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> frame_of_observations(empty).shape
        (0, 10)
    """
    rows = to_records(log)
    columns = list(dict.fromkeys([*_OBSERVATION_COLUMNS, *(k for r in rows for k in r)]))
    return frame_of_rows(rows, exact=exact, columns=columns)


def to_dataframe(value: Any, *, numbers: str = "float") -> Any:
    """The records of ``to_records`` as a ``pandas.DataFrame`` (behind ``ObservationLog.to_frame``).

    ``numbers="float"`` (the default) gives floats and ``datetime64``, ready
    to plot; ``numbers="decimal"`` keeps exact ``Decimal`` and pendulum values.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import ObservationLog, ReportingPeriod
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("2B", ReportingPeriod.financial_year(2025), "83.1",
        ...     at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> to_dataframe(log)["value"].tolist(), to_dataframe(log, numbers="decimal")["value"].tolist()
        ([83.1], [Decimal('83.1')])
    """
    if numbers not in ("decimal", "float"):
        raise InvalidInput.of("numbers", "'decimal' or 'float'", numbers)
    return frame_of(value, exact=numbers == "decimal")
