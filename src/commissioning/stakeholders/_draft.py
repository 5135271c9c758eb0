"""A draft of the next stakeholder map: the commands and events applied to persistent tables (private).

`Work` reads and writes a map's tables through builders that copy only
what they change (see `._persistent`), so the map it started from is never
touched; the command functions here are shared by the map's single commands and
its batch [`apply`][commissioning.stakeholders.StakeholderMap.apply].
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .._errors import CommissioningError, InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ..machine import EventRecord
from ._engagement import Engagement, EngagementPlan
from ._events import EventKind
from ._model import Relationship, Stakeholder, Thresholds, UnknownStakeholder
from ._persistent import PMap, PMapBuilder
from ._quadrants import quadrant

if TYPE_CHECKING:
    from ._map import StakeholderMap

__all__ = [
    "COMMANDS",
    "NO_SIDE",
    "Side",
    "StakeholdersView",
    "Ties",
    "Work",
    "same_ties",
    "step",
    "under",
    "update_fields",
]

_T = TypeVar("_T")
_UPDATABLE = ("name", "kind", "power", "interest", "legitimacy", "urgency", "tags")
_DEFAULT_THRESHOLDS = Thresholds()

#: The relationships between one ordered pair of stakeholders, one per type, in the order added.
Ties = tuple[Relationship, ...]
#: A stakeholder's ties by the id at the other end (never changed once stored: replaced).
Side = Mapping[str, Ties]


def _typed(data: Mapping[str, Any], field: str, kind: type[_T], expected: str) -> _T:
    """``data[field]``, refused with [`InvalidInputType`][commissioning.InvalidInputType] unless it is a ``kind``."""
    value = data[field]
    if not isinstance(value, kind):
        raise InvalidInputType([Problem(field, expected, value, "type")])
    return value


class StakeholdersView(Mapping[str, Stakeholder]):
    """A read-only view of a map's stakeholders by id, in the order they were added."""

    __slots__ = ("_order", "_people")

    def __init__(self, people: PMap[str, tuple[int, Stakeholder]]) -> None:
        self._people = people
        self._order: tuple[str, ...] | None = None

    def __getitem__(self, key: str) -> Stakeholder:
        return self._people[key][1]

    def __contains__(self, key: object) -> bool:
        return key in self._people

    def __len__(self) -> int:
        return len(self._people)

    def __iter__(self) -> Iterator[str]:
        if self._order is None:
            self._order = tuple(
                sid for _, sid in sorted((seq, sid) for sid, (seq, _) in self._people.items())
            )
        return iter(self._order)

    def __repr__(self) -> str:
        return f"mappingproxy({dict(self.items())!r})"


class _Side:
    """One side of the relationship tables (out or in), drafted with copy on write per stakeholder."""

    __slots__ = ("owned", "table")

    def __init__(self, table: PMap[str, Side]) -> None:
        self.table: PMapBuilder[str, Side] = PMapBuilder(table)
        self.owned: set[str] = set()  # ids whose dict this draft made (so may change in place)

    def get(self, sid: str) -> Side:
        found = self.table.get(sid)
        return {} if found is None else found

    def writable(self, sid: str) -> dict[str, Ties]:
        found = self.table.get(sid)
        if sid in self.owned:
            return found  # type: ignore[return-value]  # made by this draft: a dict
        made: dict[str, Ties] = {} if found is None else dict(found)
        self.table[sid] = made
        self.owned.add(sid)
        return made

    def put(self, sid: str, other: str, ties: Ties) -> None:
        """Set the ties from ``sid`` to ``other`` (none: remove the entry)."""
        side = self.writable(sid)
        if ties:
            side[other] = ties
            return
        side.pop(other, None)
        if not side:
            del self.table[sid]
            self.owned.discard(sid)

    def drop(self, sid: str) -> None:
        if sid in self.table:
            del self.table[sid]
        self.owned.discard(sid)


class Work:
    """A draft of the next map, used only while one change (or batch) is applied; never shared.

    It reads and writes the persistent tables through builders, so the map it
    started from is never changed, and collects new engagements, plans and
    events to append when it is frozen.
    """

    __slots__ = (
        "count",
        "engagements",
        "into",
        "out",
        "people",
        "plans",
        "records",
        "seq",
        "source",
    )

    def __init__(self, source: StakeholderMap) -> None:
        self.source = source
        self.people: PMapBuilder[str, tuple[int, Stakeholder]] = PMapBuilder(source._people)  # noqa: SLF001 - the map's own builder
        self.out = _Side(source._out)  # noqa: SLF001 - as above
        self.into = _Side(source._in)  # noqa: SLF001 - as above
        self.count: int = source._relationship_count  # noqa: SLF001 - as above
        self.seq: int = source._next_seq  # noqa: SLF001 - as above
        self.engagements: list[Engagement] = []
        self.plans: list[EngagementPlan] = []
        self.records: list[EventRecord] = []

    # ---- reading the draft -----------------------------------------------------------

    def stakeholder(self, sid: str, *, field: str = "id") -> Stakeholder:
        found = self.people.get(sid) if isinstance(sid, str) else None
        if found is None:
            raise UnknownStakeholder(sid, field=field)
        return found[1]

    def ties(self, source: str, target: str) -> Ties:
        return self.out.get(source).get(target, ())

    def relation(self, source: str, target: str, kind: str) -> Relationship | None:
        for found in self.ties(source, target):
            if found.type == kind:
                return found
        return None

    def relationships_of(self, sid: str) -> tuple[Relationship, ...]:
        """Every relationship from or to ``sid``, sorted by key."""
        found = [r for ties in self.out.get(sid).values() for r in ties]
        found.extend(r for ties in self.into.get(sid).values() for r in ties)
        return tuple(sorted(found, key=lambda r: r.key))

    # ---- applying events ---------------------------------------------------------------

    def apply(self, kind: EventKind, data: Mapping[str, Any]) -> None:
        """Apply one change (its data as domain values) to the draft."""
        _HANDLERS[kind](self, data)

    def _put(self, source: str, target: str, ties: Ties) -> None:
        self.count += len(ties) - len(self.ties(source, target))
        self.out.put(source, target, ties)
        self.into.put(target, source, ties)

    def _imported(self, data: Mapping[str, Any]) -> None:
        stakeholders = tuple(data.get("stakeholders", ()))
        relationships = tuple(data.get("relationships", ()))
        engagements = tuple(data.get("engagements", ()))
        plans = tuple(data.get("plans", ()))
        check = Checker()
        ids = self._new_ids(check, stakeholders)
        edges, added = self._new_ties(check, ids, relationships)
        # Imported engagements and plans may name stakeholders since removed from
        # the map (they are history), so their ids are not checked against it.
        for i, e in enumerate(engagements):
            check.type(f"engagements[{i}]", e, Engagement, "an Engagement")
        for i, p in enumerate(plans):
            check.type(f"plans[{i}]", p, EngagementPlan, "an EngagementPlan")
        check.done()
        if not len(self.people) and not len(self.out.table) and not len(self.into.table):
            # A new map (the common case): tables made in one step each, not entry by entry.
            start = self.seq
            self.people = PMapBuilder(
                PMap({s.id: (seq, s) for seq, s in enumerate(stakeholders, start=start)})
            )
            self._new_tables(edges)
        else:
            people = self.people
            for seq, s in enumerate(stakeholders, start=self.seq):
                people[s.id] = (seq, s)
            self._store_ties(edges)
        self.seq += len(stakeholders)
        self.count += added
        self.engagements.extend(engagements)
        self.plans.extend(plans)

    def _new_ids(self, check: Checker, stakeholders: tuple[Any, ...]) -> set[str]:
        """The ids of imported stakeholders, each checked to be new."""
        people = self.people
        ids: set[str] = set()
        for i, s in enumerate(stakeholders):
            if not isinstance(s, Stakeholder):
                check.add(Problem(f"stakeholders[{i}]", "a Stakeholder", s, "type"))
            elif s.id in ids or s.id in people:
                check.add(Problem(f"stakeholders[{i}].id", "an id not already used", s.id))
            else:
                ids.add(s.id)
        return ids

    def _new_ties(
        self, check: Checker, ids: set[str], relationships: tuple[Any, ...]
    ) -> tuple[dict[str, dict[str, Ties]], int]:
        """The imported ties by source then target (with any already on the map), and how many are new.

        Written for speed (a map of 100,000 relationships is built here in one
        pass): plain loops, each record looked at once, and a Problem made only
        when something is wrong.
        """
        people = self.people
        edges: dict[str, dict[str, Ties]] = {}
        existing = len(people) > 0
        known = "the id of a stakeholder on the map or in the records"
        added = 0
        if not existing:  # a new map: the same checks, with no map to look in (faster)
            for i, r in enumerate(relationships):
                if r.__class__ is not Relationship and not isinstance(r, Relationship):
                    check.add(Problem(f"relationships[{i}]", "a Relationship", r, "type"))
                    continue
                u, v = r.source, r.target
                if u not in ids:
                    check.add(Problem(f"relationships[{i}].source", known, u))
                if v not in ids:
                    check.add(Problem(f"relationships[{i}].target", known, v))
                out = edges.get(u)
                if out is None:
                    edges[u] = {v: (r,)}
                    added += 1
                    continue
                ties = out.get(v)
                if ties is None:
                    out[v] = (r,)
                    added += 1
                elif self._joined(check, i, r, ties, out):
                    added += 1
            return edges, added
        for i, r in enumerate(relationships):
            if not isinstance(r, Relationship):
                check.add(Problem(f"relationships[{i}]", "a Relationship", r, "type"))
                continue
            u, v = r.source, r.target
            if u not in ids and not (existing and u in people):
                check.add(Problem(f"relationships[{i}].source", known, u))
            if v not in ids and not (existing and v in people):
                check.add(Problem(f"relationships[{i}].target", known, v))
            out = edges.get(u)
            if out is None:
                out = edges[u] = {}
            ties = out.get(v)
            if ties is None:
                ties = self.ties(u, v) if existing else ()
                if not ties:
                    out[v] = (r,)
                    added += 1
                    continue
            if self._joined(check, i, r, ties, out):
                added += 1
        return edges, added

    @staticmethod
    def _joined(check: Checker, i: int, r: Relationship, ties: Ties, out: dict[str, Ties]) -> bool:
        """Add ``r`` to the ties between its ends unless one of its type is there (then a problem)."""
        kind = r.type
        if any(other.type == kind for other in ties):
            check.add(
                Problem(
                    f"relationships[{i}]",
                    "at most one relationship of each type from a source to a target",
                    r.key,
                )
            )
            return False
        out[r.target] = (*ties, r)
        return True

    def _new_tables(self, edges: dict[str, dict[str, Ties]]) -> None:
        """Make both sides' tables from the ties of a new map (its draft owns every dict)."""
        into: dict[str, dict[str, Ties]] = {}
        for u, targets in edges.items():
            for v, ties in targets.items():
                sources = into.get(v)
                if sources is None:
                    into[v] = {u: ties}
                else:
                    sources[u] = ties
        self.out = _Side(PMap(edges))
        self.out.owned.update(edges)
        self.into = _Side(PMap(into))
        self.into.owned.update(into)

    def _store_ties(self, edges: dict[str, dict[str, Ties]]) -> None:
        """Store checked ties (source to target to ties), on both sides."""
        into: dict[str, dict[str, Ties]] = {}
        out_side, in_side = self.out, self.into
        for u, targets in edges.items():
            if u in out_side.table:
                out_side.writable(u).update(targets)
            else:
                out_side.table[u] = targets
                out_side.owned.add(u)
            for v, ties in targets.items():
                sources = into.get(v)
                if sources is None:
                    into[v] = {u: ties}
                else:
                    sources[u] = ties
        for v, sources in into.items():
            if v in in_side.table:
                in_side.writable(v).update(sources)
            else:
                in_side.table[v] = sources
                in_side.owned.add(v)

    def _stakeholder_added(self, data: Mapping[str, Any]) -> None:
        s = _typed(data, "stakeholder", Stakeholder, "a Stakeholder")
        if s.id in self.people:
            raise InvalidInput.of("stakeholder.id", "an id not already on the map", s.id)
        self.people[s.id] = (self.seq, s)
        self.seq += 1

    def _stakeholder_updated(self, data: Mapping[str, Any]) -> None:
        s = _typed(data, "stakeholder", Stakeholder, "a Stakeholder")
        current = self.stakeholder(s.id)
        if data.get("previous", current) != current:
            raise InvalidInput.of("previous", f"the stakeholder as on the map ({current!r})", data)
        seq, _ = self.people[s.id]
        self.people[s.id] = (seq, s)

    def _stakeholder_removed(self, data: Mapping[str, Any]) -> None:
        s = data["stakeholder"]
        sid = s.id if isinstance(s, Stakeholder) else s
        self.stakeholder(sid)
        for target, ties in self.out.get(sid).items():
            self.count -= len(ties)
            self.into.put(target, sid, ())
        for source, ties in self.into.get(sid).items():
            self.count -= len(ties)
            self.out.put(source, sid, ())
        self.out.drop(sid)
        self.into.drop(sid)
        del self.people[sid]

    def _related(self, data: Mapping[str, Any]) -> None:
        r = _typed(data, "relationship", Relationship, "a Relationship")
        self.stakeholder(r.source, field="source")
        self.stakeholder(r.target, field="target")
        ties = self.ties(r.source, r.target)
        kind = r.type
        if any(t.type == kind for t in ties):
            self._put(r.source, r.target, tuple(r if t.type == kind else t for t in ties))
        else:
            self._put(r.source, r.target, (*ties, r))

    def _unrelated(self, data: Mapping[str, Any]) -> None:
        r = _typed(data, "relationship", Relationship, "a Relationship")
        ties = self.ties(r.source, r.target) if isinstance(r.source, str) else ()
        kind = r.type
        if not any(t.type == kind for t in ties):
            raise InvalidInput.of("relationship", "a relationship on the map", r.key)
        self._put(r.source, r.target, tuple(t for t in ties if t.type != kind))

    def _engagement_recorded(self, data: Mapping[str, Any]) -> None:
        e = _typed(data, "engagement", Engagement, "an Engagement")
        for sid in sorted(e.stakeholders):
            self.stakeholder(sid, field="engagement.stakeholders")
        self.engagements.append(e)

    def _plan_recorded(self, data: Mapping[str, Any]) -> None:
        p = _typed(data, "plan", EngagementPlan, "an EngagementPlan")
        for sid in sorted(p.quadrants):
            self.stakeholder(sid, field="plan.quadrants")
        self.plans.append(p)

    def quadrants(self, thresholds: Thresholds) -> dict[str, Any]:
        """Every stakeholder's quadrant now, in the order added."""
        entries = sorted(self.people.values(), key=lambda entry: entry[0])
        return {s.id: quadrant(s, thresholds=thresholds) for _, s in entries}

    def freeze(self) -> dict[str, Any]:
        """The next map's fields, by attribute name."""
        source = self.source
        return {
            "id": source.id,
            "_people": self.people.finish(),
            "_out": self.out.table.finish(),
            "_in": self.into.table.finish(),
            "_relationship_count": self.count,
            "_next_seq": self.seq,
            "_engagements": source._engagements.extend(self.engagements),  # noqa: SLF001 - the map's own builder
            "_plans": source._plans.extend(self.plans),  # noqa: SLF001 - as above
            "_events": source._events.extend(self.records),  # noqa: SLF001 - as above
            "_cache": {},
        }


# ---- the commands, as functions of a draft (shared by the single commands and apply) ----

NO_SIDE: Side = MappingProxyType({})


def _add(work: Work, *, stakeholder: Any) -> Mapping[str, Any]:
    return {"stakeholder": stakeholder}


def _update(work: Work, **arguments: Any) -> Mapping[str, Any]:
    changes = dict(arguments)
    return update_fields(work, changes.pop("id"), changes)


def update_fields(work: Work, sid: Any, changes: Mapping[str, Any]) -> Mapping[str, Any]:
    current = work.stakeholder(sid)
    check = Checker()
    for name, value in changes.items():
        check.that(name in _UPDATABLE, name, "one of " + ", ".join(_UPDATABLE), value)
    check.that(bool(changes), "changes", "at least one change", changes)
    check.done()
    return {"stakeholder": attrs.evolve(current, **changes), "previous": current}


def _remove(work: Work, *, id: Any) -> Mapping[str, Any]:  # noqa: A002 - the domain's word
    current = work.stakeholder(id)
    return {"stakeholder": current, "relationships": work.relationships_of(id)}


def _relate(work: Work, *, relationship: Any) -> Mapping[str, Any]:
    previous = None
    if isinstance(relationship, Relationship):
        previous = work.relation(relationship.source, relationship.target, relationship.type)
    return {"relationship": relationship, "previous": previous}


def _unrelate(work: Work, *, source: Any, target: Any, type: Any) -> Mapping[str, Any]:  # noqa: A002 - matches Relationship.type
    work.stakeholder(source, field="source")
    work.stakeholder(target, field="target")
    found = work.relation(source, target, type)
    if found is None:
        raise InvalidInput.of("relationship", "a relationship on the map", (source, target, type))
    return {"relationship": found}


def _engage(work: Work, *, engagement: Any) -> Mapping[str, Any]:
    return {"engagement": engagement}


def _plan(
    work: Work, *, on: Any, thresholds: Any = _DEFAULT_THRESHOLDS, name: Any = ""
) -> Mapping[str, Any]:
    check = Checker()
    try:
        as_date(on)
    except InvalidInput as error:
        check.extend(error)
    check.type("thresholds", thresholds, Thresholds, "a Thresholds")
    check.done()
    return {"plan": EngagementPlan(on, work.quadrants(thresholds), thresholds, name)}


#: command name: (event kind, draft function, required arguments, optional arguments)
COMMANDS: dict[
    str, tuple[EventKind, Callable[..., Mapping[str, Any]], tuple[str, ...], tuple[str, ...]]
] = {
    "add": (EventKind.ADD, _add, ("stakeholder",), ()),
    "update": (EventKind.UPDATE, _update, ("id",), _UPDATABLE),
    "remove": (EventKind.REMOVE, _remove, ("id",), ()),
    "relate": (EventKind.RELATE, _relate, ("relationship",), ()),
    "unrelate": (EventKind.UNRELATE, _unrelate, ("source", "target", "type"), ()),
    "record_engagement": (EventKind.RECORD_ENGAGEMENT, _engage, ("engagement",), ()),
    "record_plan": (EventKind.RECORD_PLAN, _plan, ("on",), ("thresholds", "name")),
}


def step(index: int, change: Any) -> tuple[EventKind, Callable[[Work], Mapping[str, Any]]]:
    """One ``(command, arguments)`` change of [`StakeholderMap.apply`][commissioning.stakeholders.StakeholderMap.apply], checked."""
    where = f"changes[{index}]"
    if not isinstance(change, tuple | list) or len(change) != 2:
        raise InvalidInputType([Problem(where, "a (command, arguments) pair", change, "type")])
    command, arguments = change
    if not isinstance(command, str) or command not in COMMANDS:
        raise InvalidInput.of(f"{where}[0]", "one of " + ", ".join(COMMANDS), command)
    if not isinstance(arguments, Mapping):
        raise InvalidInputType(
            [Problem(f"{where}[1]", "a mapping of the command's arguments", arguments, "type")]
        )
    kind, make, required, optional = COMMANDS[command]
    check = Checker()
    for name in required:
        check.that(name in arguments, f"{where}.{name}", "an argument of " + command, None)
    for name in arguments:
        allowed = name in required or name in optional
        check.that(allowed, f"{where}.{name}", "one of " + ", ".join(required + optional), name)
    check.done()
    given = dict(arguments)
    return kind, lambda work: make(work, **given)


def under(prefix: str, error: InvalidInput | UnknownStakeholder) -> CommissioningError:
    """``error`` with every field put under ``prefix`` (``changes[3]``)."""
    if isinstance(error, UnknownStakeholder):
        return UnknownStakeholder(error.id, field=f"{prefix}.{error.field}")
    problems = [attrs.evolve(p, field=f"{prefix}.{p.field}") for p in error.problems]
    return type(error)(problems)


def same_ties(a: PMap[str, Side], b: PMap[str, Side]) -> bool:
    """Whether two tables hold the same ties (each pair's types in any order)."""
    if a is b:
        return True
    if len(a) != len(b):
        return False
    for u, side in a.items():
        other = b.get(u)
        if other is None or len(other) != len(side):
            return False
        if other is side:
            continue
        for v, ties in side.items():
            found = other.get(v)
            if found is None or (found is not ties and set(found) != set(ties)):
                return False
    return True


_HANDLERS: dict[EventKind, Callable[[Work, Mapping[str, Any]], None]] = {
    EventKind.IMPORT: Work._imported,  # noqa: SLF001 - the draft's own handlers
    EventKind.ADD: Work._stakeholder_added,  # noqa: SLF001 - as above
    EventKind.UPDATE: Work._stakeholder_updated,  # noqa: SLF001 - as above
    EventKind.REMOVE: Work._stakeholder_removed,  # noqa: SLF001 - as above
    EventKind.RELATE: Work._related,  # noqa: SLF001 - as above
    EventKind.UNRELATE: Work._unrelated,  # noqa: SLF001 - as above
    EventKind.RECORD_ENGAGEMENT: Work._engagement_recorded,  # noqa: SLF001 - as above
    EventKind.RECORD_PLAN: Work._plan_recorded,  # noqa: SLF001 - as above
}
