"""Shared input checking: collect every field problem, then raise once.

Used by every module's constructors so that errors look the same across the
library: typed ([`InvalidInput`][commissioning.InvalidInput], also ``ValueError``, or
[`InvalidInputType`][commissioning.InvalidInputType], also ``TypeError``), naming the field,
what was expected and what was received.
"""

from __future__ import annotations

from typing import Any

from ._errors import InvalidInput, Problem

__all__ = ["Checker"]


class Checker:
    """Collects problems with an input and raises them all together.

    Examples:
        >>> check = Checker()
        >>> check.type("name", 3, str, "a str")
        False
        >>> check.that(False, "size", "a positive int", -1)
        False
        >>> check.done()
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: name: expected a str, received 3; size: expected a positive int, received -1
    """

    __slots__ = ("problems",)

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def type(self, field: str, value: Any, types: type | tuple[type, ...], expected: str) -> bool:
        """Record a type problem unless ``value`` is an instance of ``types``; bools are not ints."""
        ok = isinstance(value, types) and not (
            isinstance(value, bool)
            and bool not in (types if isinstance(types, tuple) else (types,))
        )
        if not ok:
            self.problems.append(Problem(field, expected, value, "type"))
        return ok

    def that(self, condition: bool, field: str, expected: str, received: Any) -> bool:  # noqa: FBT001 - reads as a sentence: check.that(cond, ...)
        """Record a value problem unless ``condition`` holds."""
        if not condition:
            self.problems.append(Problem(field, expected, received))
        return condition

    def add(self, problem: Problem) -> None:
        """Record a problem found elsewhere."""
        self.problems.append(problem)

    def extend(self, error: InvalidInput, prefix: str = "") -> None:
        """Record the problems of a nested validation, their fields prefixed by ``prefix``."""
        for p in error.problems:
            field = f"{prefix}.{p.field}" if prefix and p.field else (prefix or p.field)
            self.problems.append(Problem(field, p.expected, p.received, p.kind))

    def done(self) -> None:
        """Raise every recorded problem at once, or return if there were none."""
        if self.problems:
            raise InvalidInput.from_problems(self.problems)
