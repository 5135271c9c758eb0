"""The one time rule (issue 11): every public value shows a moment as a UTC datetime and a day as a pendulum.Date.

The walk draws values of every public attrs class that has a registered
Hypothesis strategy (through ``st.from_type``, which the library's plugin
serves) and visits every attribute, tuple and mapping reachable from them:
a calendar day must be a ``pendulum.Date`` (never a bare ``datetime.date``), and
a moment a ``datetime.datetime`` in UTC (``tzinfo is datetime.UTC``).
"""

import datetime as dt
import importlib
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning._hypothesis_hook import REGISTERED_TYPES


def _registered_value_types() -> list[type]:
    """Every public attrs class the library's Hypothesis plugin serves through ``st.from_type``."""
    found: dict[str, type] = {}
    for module_name, names in REGISTERED_TYPES.items():
        module = importlib.import_module(module_name)
        for name in names:
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found[f"{module_name}.{name}"] = value
    return [found[k] for k in sorted(found)]


importlib.import_module("commissioning.strategies")
DRAWABLE = _registered_value_types()


def _time_values(value: object, path: str, depth: int = 0) -> Iterator[tuple[str, object]]:
    if depth > 6:
        return
    if isinstance(value, dt.date):
        yield path, value
        return
    if isinstance(value, str | bytes | int | float) or value is None:
        return
    cls: Any = type(value)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            yield from _time_values(getattr(value, field.name), f"{path}.{field.name}", depth + 1)
    elif isinstance(value, Mapping):
        for k, v in list(value.items())[:20]:
            yield from _time_values(v, f"{path}[{k!r}]", depth + 1)
    elif isinstance(value, tuple | list | frozenset):
        for i, v in enumerate(list(value)[:20]):
            yield from _time_values(v, f"{path}[{i}]", depth + 1)


def test_the_walk_covers_the_public_value_types() -> None:
    assert len(DRAWABLE) >= 40


@pytest.mark.parametrize("cls", DRAWABLE, ids=lambda c: c.__qualname__)
@settings(max_examples=15, suppress_health_check=list(HealthCheck), deadline=None)
@given(data=st.data())
def test_days_are_pendulum_dates_and_moments_are_utc_datetimes(cls: type, data: Any) -> None:
    value = data.draw(st.from_type(cls))
    for path, found in _time_values(value, cls.__qualname__):
        if isinstance(found, dt.datetime):
            assert found.tzinfo is dt.UTC, f"{path} is a moment not in UTC: {found!r}"
        else:
            assert isinstance(found, pendulum.Date), f"{path} is a day but not a pendulum.Date: {found!r}"
