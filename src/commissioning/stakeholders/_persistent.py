"""Persistent (structurally shared) containers behind the stakeholder map (private).

A map is an immutable value, yet recording one change must not copy the whole
map: these containers share everything a change does not touch.

* `PMap` is a hash map split into about sqrt(n) shards (plain dicts): a
  change copies the tuple of shards and the one shard it touches, so it costs
  O(sqrt(n)) pointer copies done in C (microseconds at 100,000 entries), and a
  lookup is one hash and two indexings. Measured against a full dict copy per
  change (quadratic growth when a map is built one change at a time) and a pure
  Python hash trie (slower lookups, several Python-level node copies per change),
  this was the fastest at the sizes maps reach; see ``docs/explanation/performance.md``.
* `Log` is an append-only sequence: versions share one list, and
  appending to the newest version appends in place (O(1)); appending to an
  older version copies its prefix first, so no version ever sees another's items.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

__all__ = ["Log", "PMap", "PMapBuilder"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

_MIN_SHARDS = 8


def _shards_for(size: int) -> int:
    """The number of shards for ``size`` entries: a power of two at least sqrt(size)."""
    count = _MIN_SHARDS
    while count * count < size:
        count *= 2
    return count


class PMap(Mapping[K, V], Generic[K, V]):
    """An immutable hash map whose changes share every untouched shard with the original."""

    __slots__ = ("_len", "_mask", "_shards")

    _shards: tuple[dict[K, V], ...]
    _mask: int
    _len: int

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        source: Mapping[K, V] = {} if items is None else items
        count = _shards_for(len(source))
        shards: list[dict[K, V]] = [{} for _ in range(count)]
        mask = count - 1
        for key, value in source.items():
            shards[hash(key) & mask][key] = value
        self._shards = tuple(shards)
        self._mask = mask
        self._len = len(source)

    @classmethod
    def _of(cls, shards: tuple[dict[K, V], ...], size: int) -> PMap[K, V]:
        new: PMap[K, V] = cls.__new__(cls)
        new._shards = shards
        new._mask = len(shards) - 1
        new._len = size
        return new

    def __getitem__(self, key: K) -> V:
        return self._shards[hash(key) & self._mask][key]

    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]  # Mapping.get's overloads
        return self._shards[hash(key) & self._mask].get(key, default)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._shards[hash(key) & self._mask]
        except TypeError:  # unhashable: not a key
            return False

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[K]:
        for shard in self._shards:
            yield from shard

    def set(self, key: K, value: V) -> PMap[K, V]:
        """A map with ``key`` set to ``value``; this one is unchanged."""
        builder = PMapBuilder(self)
        builder[key] = value
        return builder.finish()

    def delete(self, key: K) -> PMap[K, V]:
        """A map without ``key`` (which must be present); this one is unchanged."""
        builder = PMapBuilder(self)
        del builder[key]
        return builder.finish()

    def shards(self) -> tuple[dict[K, V], ...]:
        """The shards (read them, never change them): maps made from one another share most."""
        return self._shards

    def __repr__(self) -> str:
        return f"PMap({dict(self.items())!r})"


class PMapBuilder(Generic[K, V]):
    """A mutable draft of a `PMap`: copies each shard once, on its first change."""

    __slots__ = ("_len", "_owned", "_shards", "_source")

    def __init__(self, source: PMap[K, V]) -> None:
        self._source = source
        self._shards: list[dict[K, V]] | None = None  # made on the first change
        self._owned: set[int] = set()
        self._len = len(source)

    def _writable(self, key: K) -> dict[K, V]:
        shards = self._shards
        if shards is None:
            shards = self._shards = list(self._source.shards())
        index = hash(key) & (len(shards) - 1)
        shard = shards[index]
        if index not in self._owned:
            shard = shards[index] = dict(shard)
            self._owned.add(index)
        return shard

    def _shard(self, key: K) -> dict[K, V]:
        shards = self._source.shards() if self._shards is None else self._shards
        return shards[hash(key) & (len(shards) - 1)]

    def __getitem__(self, key: K) -> V:
        return self._shard(key)[key]

    def get(self, key: K, default: V | None = None) -> V | None:
        return self._shard(key).get(key, default)

    def __contains__(self, key: K) -> bool:
        return key in self._shard(key)

    def __setitem__(self, key: K, value: V) -> None:
        shard = self._writable(key)
        if key not in shard:
            self._len += 1
        shard[key] = value

    def __delitem__(self, key: K) -> None:
        del self._writable(key)[key]
        self._len -= 1

    def __len__(self) -> int:
        return self._len

    def values(self) -> Iterator[V]:
        shards = self._source.shards() if self._shards is None else self._shards
        for shard in shards:
            yield from shard.values()

    def finish(self) -> PMap[K, V]:
        """The map drafted (the source itself when nothing changed); do not use the builder again."""
        shards = self._shards
        if shards is None:
            return self._source
        if self._len > 2 * len(shards) ** 2:  # grown past its shards: reshard, O(n) rarely
            merged: dict[K, V] = {}
            for shard in shards:
                merged.update(shard)
            return PMap(merged)
        return PMap._of(tuple(shards), self._len)  # noqa: SLF001 - the builder's own class


class _Shared(Generic[T]):
    __slots__ = ("items", "lock")

    def __init__(self, items: list[T]) -> None:
        self.items = items
        self.lock = threading.Lock()


class Log(Generic[T]):
    """An immutable, append-only sequence whose versions share one list."""

    __slots__ = ("_len", "_shared", "_tuple")

    def __init__(self, items: Iterable[T] = ()) -> None:
        listed = list(items)
        self._shared = _Shared(listed)
        self._len = len(listed)
        self._tuple: tuple[T, ...] | None = None

    @classmethod
    def _of(cls, shared: _Shared[T], size: int) -> Log[T]:
        new: Log[T] = cls.__new__(cls)
        new._shared = shared
        new._len = size
        new._tuple = None
        return new

    def extend(self, items: Iterable[T]) -> Log[T]:
        """A log with ``items`` after this one's; this one is unchanged (O(len(items)) when newest)."""
        added = list(items)
        if not added:
            return self
        shared = self._shared
        with shared.lock:
            if len(shared.items) == self._len:  # the newest version: append in place
                shared.items.extend(added)
                return Log._of(shared, self._len + len(added))
        return Log(shared.items[: self._len] + added)

    def __len__(self) -> int:
        return self._len

    def last(self) -> T | None:
        """The last item, or ``None`` when empty."""
        return self._shared.items[self._len - 1] if self._len else None

    def as_tuple(self) -> tuple[T, ...]:
        """The items as a tuple (made once per version)."""
        if self._tuple is None:
            self._tuple = tuple(self._shared.items[: self._len])
        return self._tuple
