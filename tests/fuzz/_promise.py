"""The loaders' promise, as one assertion: a typed error, or a value that round-trips."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from commissioning import CommissioningError

T = TypeVar("T")


def typed_error_or_round_trip(
    load: Callable[[Any], T], dump: Callable[[T], Any], document: Any
) -> T | None:
    """Load ``document``: a :class:`CommissioningError` is fine (``None``); any other exception
    escapes and fails the test; an accepted value must dump to strict JSON (no NaN,
    no infinities) and load back equal."""
    try:
        value = load(document)
    except CommissioningError:
        return None
    text = json.dumps(dump(value), allow_nan=False)
    assert load(json.loads(text)) == value
    return value
