"""The analyses' shared index of a map's relationships, and the ties two maps differ by (private)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from ._draft import NO_SIDE, Side
from ._map import StakeholderMap
from ._model import Relationship

__all__ = ["Adjacency", "adjacency", "relationship_changes"]


@attrs.frozen
class Adjacency:
    """A compact, index-based view of a map's relationships, for the analyses (private)."""

    ids: tuple[str, ...]
    position: Mapping[str, int]
    targets: tuple[tuple[int, ...], ...]
    weights: tuple[tuple[float, ...], ...]


def adjacency(stakeholder_map: StakeholderMap, types: frozenset[str] | None) -> Adjacency:
    """The map's out-edges as index lists; an edge's weight is its strongest relationship of ``types``.

    Built once per map version and kept on it (the analyses share it); ids are
    sorted and each stakeholder's targets are in id order, so maps with the same
    ties give the same index whatever their histories.
    """

    def make() -> Adjacency:
        out = stakeholder_map._out  # noqa: SLF001 - the analyses' private access to the tables
        ids = tuple(sorted(stakeholder_map._people))  # noqa: SLF001 - as above
        position = {sid: i for i, sid in enumerate(ids)}
        targets: list[tuple[int, ...]] = []
        weights: list[tuple[float, ...]] = []
        for u in ids:
            side = out.get(u)
            if not side:
                targets.append(())
                weights.append(())
                continue
            row: list[tuple[int, float]] = []
            for v, ties in side.items():
                if types is None:
                    w = ties[0].weight if len(ties) == 1 else max(r.weight for r in ties)
                else:
                    chosen = [r.weight for r in ties if r.type in types]
                    if not chosen:
                        continue
                    w = max(chosen)
                row.append((position[v], w))
            row.sort()
            targets.append(tuple(t for t, _ in row))
            weights.append(tuple(w for _, w in row))
        return Adjacency(ids, MappingProxyType(position), tuple(targets), tuple(weights))

    return stakeholder_map._memo(("adjacency", types), make)  # noqa: SLF001 - the map's own memo


def relationship_changes(
    before: StakeholderMap, after: StakeholderMap
) -> tuple[list[Relationship], list[Relationship], list[tuple[Relationship, Relationship]]]:
    """Relationships added, removed and changed from ``before`` to ``after`` (unsorted).

    Maps made from one another share the shards, the stakeholders' dicts of ties
    and the tie tuples that a change did not touch, so those are skipped by
    identity: comparing a map with itself after one change costs about the
    square root of the map's size, not a walk over every relationship.
    """
    old_table = before._out  # noqa: SLF001 - the analyses' private access to the tables
    new_table = after._out  # noqa: SLF001 - as above
    added: list[Relationship] = []
    removed: list[Relationship] = []
    changed: list[tuple[Relationship, Relationship]] = []
    if old_table is new_table:
        return added, removed, changed
    old_shards, new_shards = old_table.shards(), new_table.shards()
    pairs: Iterable[tuple[Mapping[str, Side], Mapping[str, Side]]] = (
        zip(old_shards, new_shards, strict=True)
        if len(old_shards) == len(new_shards)
        else [(dict(old_table.items()), dict(new_table.items()))]
    )
    for old_shard, new_shard in pairs:
        if old_shard is new_shard:
            continue
        for u, targets in new_shard.items():
            old_targets = old_shard.get(u, NO_SIDE)
            if old_targets is targets:
                continue
            for v, ties in targets.items():
                old = old_targets.get(v)
                if old is ties:
                    continue
                was = {} if old is None else {r.type: r for r in old}
                for r in ties:
                    previous = was.pop(r.type, None)
                    if previous is None:
                        added.append(r)
                    elif previous != r:
                        changed.append((previous, r))
                removed.extend(was.values())
            for v in old_targets.keys() - targets.keys():
                removed.extend(old_targets[v])
        for u in old_shard.keys() - new_shard.keys():  # no ties out any more
            for ties in old_shard[u].values():
                removed.extend(ties)
    return added, removed, changed
