"""Compare two maps: what changed between them (for example between two dates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._engagement import Engagement
from ._gaps import QuadrantChange
from ._index import relationship_changes
from ._map import StakeholderMap
from ._model import Relationship, Thresholds, read_only
from ._quadrants import quadrant

__all__ = ["MapComparison", "StakeholderChange", "compare"]

_DEFAULT = Thresholds()
_FIELDS = ("name", "kind", "power", "interest", "legitimacy", "urgency", "tags")


@attrs.frozen
class StakeholderChange:
    """How one stakeholder differs between two maps.

    Attributes:
        id: the stakeholder.
        changes: field name to ``(before, after)``, for each field that differs (read-only).

    Examples:
        >>> StakeholderChange("icb", {"power": (5, 8)}).changes["power"]
        (5, 8)
    """

    id: str
    changes: Mapping[str, tuple[Any, Any]] = attrs.field(converter=read_only)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StakeholderChange):
            return NotImplemented
        return (self.id, dict(self.changes)) == (other.id, dict(other.changes))

    def __hash__(self) -> int:
        return hash((self.id, frozenset(self.changes)))


@attrs.frozen
class MapComparison:
    """What changed from one map (``before``) to another (``after``); every list sorted.

    Attributes:
        added: ids of stakeholders only in ``after``.
        removed: ids of stakeholders only in ``before``.
        changed: stakeholders in both whose fields differ.
        quadrant_changes: stakeholders whose quadrant differs (added or removed
            ones have ``None`` on the side they are missing from).
        relationships_added: relationships only in ``after`` (by source, target and type).
        relationships_removed: relationships only in ``before``.
        reweighted: ``(before, after)`` pairs of relationships whose weight changed.
        engagements_added: engagements in ``after`` but not in ``before``.
        engagements_removed: engagements in ``before`` but not in ``after``.

    Examples:
        >>> MapComparison((), (), (), (), (), (), (), (), ()).is_empty
        True
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[StakeholderChange, ...]
    quadrant_changes: tuple[QuadrantChange, ...]
    relationships_added: tuple[Relationship, ...]
    relationships_removed: tuple[Relationship, ...]
    reweighted: tuple[tuple[Relationship, Relationship], ...]
    engagements_added: tuple[Engagement, ...]
    engagements_removed: tuple[Engagement, ...]

    @property
    def is_empty(self) -> bool:
        """Whether the two maps hold the same stakeholders, relationships and engagements."""
        return not any(attrs.astuple(self, recurse=False))


def compare(
    before: StakeholderMap, after: StakeholderMap, *, thresholds: Thresholds = _DEFAULT
) -> MapComparison:
    """What changed from ``before`` to ``after``; quadrants are read with ``thresholds``.

    To see what changed between two dates, compare the map as it stood on each
    ([`StakeholderMap.as_of`][commissioning.stakeholders.StakeholderMap.as_of]).

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Stakeholder, StakeholderMap
        >>> t1 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        >>> t2 = dt.datetime(2026, 4, 5, tzinfo=dt.UTC)
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder("icb", "ICB", "health partner", power=8, interest=3)],
        ...     at=t1, actor="al")
        >>> m, _ = m.update("icb", interest=7, at=t2, actor="al")
        >>> m, _ = m.add(Stakeholder("pcn", "PCN", "health partner"), at=t2, actor="al")
        >>> diff = compare(m.as_of(t1), m.as_of(t2))
        >>> diff.added, dict(diff.changed[0].changes)
        (('pcn',), {'interest': (3, 7)})
        >>> diff.quadrant_changes[0].after.strategy
        'manage closely'
    """
    old, new = before.stakeholders, after.stakeholders
    added = tuple(sorted(set(new) - set(old)))
    removed = tuple(sorted(set(old) - set(new)))
    changed = []
    moves = [QuadrantChange(sid, None, quadrant(new[sid], thresholds=thresholds)) for sid in added]
    moves += [
        QuadrantChange(sid, quadrant(old[sid], thresholds=thresholds), None) for sid in removed
    ]
    for sid in sorted(set(old) & set(new)):
        a, b = old[sid], new[sid]
        if a is b or a == b:
            continue
        changed.append(
            StakeholderChange(
                sid,
                {
                    f: (getattr(a, f), getattr(b, f))
                    for f in _FIELDS
                    if getattr(a, f) != getattr(b, f)
                },
            )
        )
        qa, qb = quadrant(a, thresholds=thresholds), quadrant(b, thresholds=thresholds)
        if qa is not qb:
            moves.append(QuadrantChange(sid, qa, qb))
    moves.sort(key=lambda c: c.id)

    added_ties, removed_ties, changed_ties = relationship_changes(before, after)
    relationships_added = tuple(sorted(added_ties, key=lambda r: r.key))
    relationships_removed = tuple(sorted(removed_ties, key=lambda r: r.key))
    reweighted = tuple(sorted(changed_ties, key=lambda pair: pair[0].key))
    engagements_added = _multiset_minus(after.engagements, before.engagements)
    engagements_removed = _multiset_minus(before.engagements, after.engagements)
    return MapComparison(
        added,
        removed,
        tuple(changed),
        tuple(moves),
        relationships_added,
        relationships_removed,
        reweighted,
        engagements_added,
        engagements_removed,
    )


def _multiset_minus(
    left: tuple[Engagement, ...], right: tuple[Engagement, ...]
) -> tuple[Engagement, ...]:
    remaining: dict[Engagement, int] = {}
    for e in right:
        remaining[e] = remaining.get(e, 0) + 1
    kept = []
    for e in left:
        if remaining.get(e, 0):
            remaining[e] -= 1
        else:
            kept.append(e)
    return tuple(kept)
