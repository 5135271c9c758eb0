"""A read-only mapping of procedures that builds each one when it is first asked for.

Building a procedure builds and validates its machine; doing that for every
procedure when [`commissioning.procurement`][commissioning.procurement] is imported made the import pay
for machines a program may never use. The registry knows every key up front
(iterating, ``len`` and ``in`` build nothing) and builds a procedure, once, on
first access by key or by iterating values or items.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._context import Procedure

__all__ = ["ProcedureRegistry"]

ProcedureBuilder = Callable[[], "Procedure"]


class ProcedureRegistry(Mapping[str, "Procedure"]):
    """Procedures by key, each built by its builder on first use and then kept. Internal.

    Examples:
        >>> from commissioning.procurement import PROCEDURES
        >>> "pa-open" in PROCEDURES, len(PROCEDURES) >= 19
        (True, True)
        >>> PROCEDURES["pa-open"] is PROCEDURES["pa-open"]
        True
    """

    __slots__ = ("_builders", "_built", "_lock")

    def __init__(self, builders: Mapping[str, ProcedureBuilder]) -> None:
        self._builders = dict(builders)
        self._built: dict[str, Procedure] = {}
        self._lock = threading.RLock()

    @classmethod
    def joining(cls, *registries: ProcedureRegistry) -> ProcedureRegistry:
        """One registry over several, sharing their built procedures (the same objects)."""
        builders: dict[str, ProcedureBuilder] = {}
        for registry in registries:
            for key in registry:
                builders[key] = functools.partial(registry.__getitem__, key)
        return cls(builders)

    def __getitem__(self, key: str) -> Procedure:
        try:
            return self._built[key]
        except KeyError:
            builder = self._builders[key]  # an unknown key raises KeyError here
        with self._lock:  # two threads asking at once still get the same object
            built = self._built.get(key)
            if built is None:
                built = self._built[key] = builder()
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._builders
        except TypeError:  # an unhashable key is simply not a procedure key
            return False

    def __repr__(self) -> str:
        return f"ProcedureRegistry({list(self._builders)!r}, built={len(self._built)})"
