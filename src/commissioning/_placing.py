"""Place the problems a constructor finds itself below the path a loader is reading.

A loader reads a document through `commissioning._reader.Reader`, then
builds values whose constructors check themselves and name their own fields
(``"upper"``, ``"metrics"``). `placed` puts those fields below the
reader's path (``options[1].optimism_bias.upper``), so every error a loader
raises names where in the document the problem is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ._errors import InvalidInput, Problem
from ._reader import Reader, join_path

__all__ = ["placed"]

_T = TypeVar("_T")


def placed(reader: Reader, build: Callable[[], _T]) -> _T:
    """``build()``, with the problems it raises placed below ``reader``'s path.

    Problems already at or below the path (raised by the reader itself) are kept as they are.

    Examples:
        >>> from commissioning._reader import Reader
        >>> def build() -> int:
        ...     raise InvalidInput.of("upper", "at least the lower bound (4)", 2)
        >>> placed(Reader({}, "options[1].bias"), build)
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: options[1].bias.upper: expected at least the lower bound (4), received 2
    """
    try:
        return build()
    except InvalidInput as error:
        if not reader.path or all(p.field.startswith(reader.path) for p in error.problems):
            raise
        moved = [
            p if p.field.startswith(reader.path)
            else Problem(join_path(reader.path, p.field), p.expected, p.received, p.kind)
            for p in error.problems
        ]  # fmt: skip
        raise type(error)(moved) from None
