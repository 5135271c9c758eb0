"""Make public classes show the module users import them from.

A class defined in a private module (``commissioning._errors``) but exported by a
public one (``commissioning``) would otherwise show its private home in reprs,
tracebacks and doctest outputs. `public_module` rewrites ``__module__``;
the class stays importable from there (and picklable), because that module
exports it.
"""

from __future__ import annotations

__all__ = ["public_module"]


def public_module(module: str, *classes: type) -> None:
    """Set ``__module__`` of each of ``classes`` to ``module``, the public one that exports it.

    Examples:
        >>> class Example:
        ...     pass
        >>> public_module("commissioning", Example)
        >>> Example.__module__
        'commissioning'
    """
    for cls in classes:
        cls.__module__ = module
