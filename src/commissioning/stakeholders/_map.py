"""The stakeholder map: an immutable value backed by a private networkx graph.

Every change returns ``(new_map, event)``; the map keeps its events, and
:meth:`StakeholderMap.from_events` folds them back into an equal map, so a
map's history is auditable like any machine's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import networkx as nx

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._time import as_date, as_utc
from .._validation import Checker
from ._engagement import Engagement, EngagementPlan
from ._events import EventKind, MapEvent
from ._model import FAST_ADJACENCY as _FAST_ADJACENCY
from ._model import Relationship, Stakeholder, Thresholds, UnknownStakeholder
from ._quadrants import quadrant

__all__ = ["Adjacency", "StakeholderMap", "adjacency", "relationship_changes"]

_T = TypeVar("_T")
_UPDATABLE = ("name", "kind", "power", "interest", "legitimacy", "urgency", "tags")
_DEFAULT_THRESHOLDS = Thresholds()


def _edge_data(relations: dict[str, Relationship]) -> dict[str, Any]:
    """An edge's attributes: its relationships (a tuple, one per type) and the strongest weight."""
    if len(relations) == 1:
        (only,) = relations.values()
        return {"r": (only,), "weight": only.weight}
    return {"r": tuple(relations.values()), "weight": max(r.weight for r in relations.values())}


def _relations_in(edges: Iterable[tuple[Any, Any, Any]]) -> Iterator[Relationship]:
    for _, _, relations in edges:
        yield from relations


def _add_edges(graph: nx.DiGraph[str], edges: Mapping[str, Mapping[str, dict[str, Any]]]) -> None:
    """Add or replace ``edges`` (source to target to attributes); every end must be a node.

    On a graph with no edges yet (as when a map is built from records)
    they go straight into networkx's adjacency, its documented dict-of-dicts in
    which ``_succ[u][v]`` and ``_pred[v][u]`` are the one attribute dict of the
    edge from u to v, so each edge's attributes are made once rather than made
    and then copied by ``add_edges_from`` (on a map of 100,000 relationships that
    copy was most of the build, with the garbage collector's walks over them).
    """
    if graph.number_of_edges() or not _FAST_ADJACENCY:
        graph.add_edges_from((u, v, edge) for u, out in edges.items() for v, edge in out.items())
        return
    adjacency: Any = graph  # the stubs do not declare the adjacency dicts
    succ, pred = adjacency._succ, adjacency._pred  # noqa: SLF001 - see above
    for u, out in edges.items():
        succ[u].update(out)
        for v, edge in out.items():
            pred[v][u] = edge
    nx._clear_cache(graph)  # noqa: SLF001 - as add_edges_from does after adding


def _typed(data: Mapping[str, Any], field: str, kind: type[_T], expected: str) -> _T:
    """``data[field]``, refused with :class:`InvalidInputType` unless it is a ``kind``."""
    value = data[field]
    if not isinstance(value, kind):
        raise InvalidInputType([Problem(field, expected, value, "type")])
    return value


class _Work:
    """Mutable working state, used only while one map is being built; never shared."""

    __slots__ = ("engagements", "events", "graph", "owned", "plans")

    def __init__(
        self,
        graph: nx.DiGraph[str],
        engagements: list[Engagement],
        plans: list[EngagementPlan],
        events: list[MapEvent],
        *,
        owned: bool,
    ) -> None:
        self.graph = graph
        self.engagements = engagements
        self.plans = plans
        self.events = events
        self.owned = owned

    @classmethod
    def of(cls, source: StakeholderMap) -> _Work:
        return cls(
            source._graph,  # noqa: SLF001 - the map's own builder
            list(source.engagements),
            list(source.plans),
            list(source.events),
            owned=False,
        )

    def writable(self) -> nx.DiGraph[str]:
        """The graph, copied first if it still belongs to a frozen map (copy on write)."""
        if not self.owned:
            self.graph = self.graph.copy()
            self.owned = True
        return self.graph

    def stakeholder(self, sid: str, *, field: str = "id") -> Stakeholder:
        node = self.graph.nodes.get(sid) if isinstance(sid, str) else None
        if node is None:
            raise UnknownStakeholder(sid, field=field)
        found: Stakeholder = node["s"]
        return found

    def relations(self, source: str, target: str) -> Mapping[str, Relationship]:
        data = self.graph.get_edge_data(source, target)
        return {} if data is None else {r.type: r for r in data["r"]}

    def apply(self, event: MapEvent) -> None:
        data = event.data
        handler = getattr(self, "_" + event.kind.name.lower())
        handler(data)
        self.events.append(event)

    def _imported(self, data: Mapping[str, Any]) -> None:
        # Written for speed (a map of 100,000 relationships is built here in one
        # pass): plain loops, each record looked at once, each edge's attributes
        # made once (and handed to networkx in one bulk call), and a Problem made
        # only when something is wrong.
        check = Checker()
        stakeholders = tuple(data.get("stakeholders", ()))
        relationships = tuple(data.get("relationships", ()))
        engagements = tuple(data.get("engagements", ()))
        plans = tuple(data.get("plans", ()))
        graph = self.graph
        ids = set(graph)
        for i, s in enumerate(stakeholders):
            if not isinstance(s, Stakeholder):
                check.add(Problem(f"stakeholders[{i}]", "a Stakeholder", s, "type"))
            elif s.id in ids:
                check.add(Problem(f"stakeholders[{i}].id", "an id not already used", s.id))
            else:
                ids.add(s.id)
        # The new or changed edges, by source then target: each edge's attributes
        # as _edge_data makes them, its relationships in the order met.
        edges: dict[str, dict[str, dict[str, Any]]] = {}
        existing = graph.number_of_edges() > 0
        known = "the id of a stakeholder on the map or in the records"
        for i, r in enumerate(relationships):
            if not isinstance(r, Relationship):
                check.add(Problem(f"relationships[{i}]", "a Relationship", r, "type"))
                continue
            u, v = r.source, r.target
            if u not in ids:
                check.add(Problem(f"relationships[{i}].source", known, u))
            if v not in ids:
                check.add(Problem(f"relationships[{i}].target", known, v))
            out = edges.get(u)
            if out is None:
                out = edges[u] = {}
            edge = out.get(v)
            if edge is None and existing:
                found = graph.get_edge_data(u, v)
                if found is not None:
                    edge = out[v] = {"r": found["r"], "weight": found["weight"]}
            if edge is None:
                out[v] = {"r": (r,), "weight": r.weight}
                continue
            kind = r.type
            if any(other.type == kind for other in edge["r"]):
                check.add(
                    Problem(
                        f"relationships[{i}]",
                        "at most one relationship of each type from a source to a target",
                        r.key,
                    )
                )
                continue
            edge["r"] += (r,)
            edge["weight"] = max(edge["weight"], r.weight)
        # Imported engagements and plans may name stakeholders since removed from
        # the map (they are history), so their ids are not checked against it.
        for i, e in enumerate(engagements):
            check.type(f"engagements[{i}]", e, Engagement, "an Engagement")
        for i, p in enumerate(plans):
            check.type(f"plans[{i}]", p, EngagementPlan, "an EngagementPlan")
        check.done()
        graph = self.writable()
        graph.add_nodes_from((s.id, {"s": s}) for s in stakeholders)
        _add_edges(graph, edges)
        self.engagements.extend(engagements)
        self.plans.extend(plans)

    def _stakeholder_added(self, data: Mapping[str, Any]) -> None:
        s = _typed(data, "stakeholder", Stakeholder, "a Stakeholder")
        if s.id in self.graph:
            raise InvalidInput.of("stakeholder.id", "an id not already on the map", s.id)
        self.writable().add_node(s.id, s=s)

    def _stakeholder_updated(self, data: Mapping[str, Any]) -> None:
        s = _typed(data, "stakeholder", Stakeholder, "a Stakeholder")
        current = self.stakeholder(s.id)
        if data.get("previous", current) != current:
            raise InvalidInput.of("previous", f"the stakeholder as on the map ({current!r})", data)
        self.writable().nodes[s.id]["s"] = s

    def _stakeholder_removed(self, data: Mapping[str, Any]) -> None:
        s = data["stakeholder"]
        sid = s.id if isinstance(s, Stakeholder) else s
        self.stakeholder(sid)
        self.writable().remove_node(sid)

    def _related(self, data: Mapping[str, Any]) -> None:
        r = _typed(data, "relationship", Relationship, "a Relationship")
        self.stakeholder(r.source, field="source")
        self.stakeholder(r.target, field="target")
        relations = dict(self.relations(r.source, r.target))
        relations[r.type] = r
        self._store(r.source, r.target, relations)

    def _unrelated(self, data: Mapping[str, Any]) -> None:
        r = _typed(data, "relationship", Relationship, "a Relationship")
        relations = dict(self.relations(r.source, r.target))
        if relations.get(r.type) is None:
            raise InvalidInput.of("relationship", "a relationship on the map", r.key)
        del relations[r.type]
        self._store(r.source, r.target, relations)

    def _store(self, source: str, target: str, relations: dict[str, Relationship]) -> None:
        """Set the edge from ``source`` to ``target`` to hold ``relations`` (none: no edge)."""
        graph = self.writable()
        if not relations:
            graph.remove_edge(source, target)
        elif graph.has_edge(source, target):
            graph.edges[source, target].update(_edge_data(relations))
        else:
            graph.add_edge(source, target, **_edge_data(relations))

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

    def freeze(self) -> StakeholderMap:
        new = StakeholderMap()
        stakeholders = MappingProxyType({n: d["s"] for n, d in self.graph.nodes(data=True)})
        for name, value in (
            ("_graph", self.graph),
            ("_stakeholders", stakeholders),
            ("_engagements", tuple(self.engagements)),
            ("_plans", tuple(self.plans)),
            ("_events", tuple(self.events)),
        ):
            object.__setattr__(new, name, value)
        self.owned = False  # the graph now belongs to the frozen map
        return new


@attrs.frozen(eq=False, repr=False)
class StakeholderMap:
    """Stakeholders, their relationships, engagements and plans: an immutable, event-recorded value.

    ``StakeholderMap()`` is the empty map. Build a large map in one step with
    :meth:`from_records`; change a map with :meth:`add`, :meth:`update`,
    :meth:`remove`, :meth:`relate`, :meth:`unrelate`, :meth:`record_engagement`
    and :meth:`record_plan`, each of which returns ``(new_map, event)`` and
    leaves this map as it was. A change to stakeholders or relationships
    copies the graph (time proportional to the map's size; recording an
    engagement or a plan does not), so build large maps in bulk.

    Two maps are equal when they hold the same stakeholders, relationships,
    engagements (in the same order) and plans; their histories may differ.

    Examples:
        >>> import datetime as dt
        >>> at = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
        >>> m0 = StakeholderMap()
        >>> m1, _ = m0.add(Stakeholder("icb", "Integrated care board", "health partner",
        ...                            power=8, interest=6), at=at, actor="alice")
        >>> m2, _ = m1.add(Stakeholder("provider", "Home care provider", "incumbent provider",
        ...                            power=4, interest=9), at=at, actor="alice")
        >>> m3, event = m2.relate(Relationship("icb", "provider", "funds", weight=0.9),
        ...                       at=at, actor="alice")
        >>> m3
        StakeholderMap(stakeholders=2, relationships=1, engagements=0, plans=0, version=3)
        >>> len(m2.relationships), event.kind.value
        (0, 'related')
        >>> StakeholderMap.from_events(m3.events) == m3
        True
    """

    _graph: nx.DiGraph[str] = attrs.field(init=False, factory=nx.DiGraph)
    _stakeholders: Mapping[str, Stakeholder] = attrs.field(
        init=False, factory=lambda: MappingProxyType({})
    )
    _engagements: tuple[Engagement, ...] = attrs.field(init=False, default=())
    _plans: tuple[EngagementPlan, ...] = attrs.field(init=False, default=())
    _events: tuple[MapEvent, ...] = attrs.field(init=False, default=())
    _cache: dict[object, Any] = attrs.field(init=False, factory=dict)

    # ---- reading -------------------------------------------------------------------

    @property
    def stakeholders(self) -> Mapping[str, Stakeholder]:
        """Every stakeholder by id (read-only)."""
        return self._stakeholders

    @property
    def relationships(self) -> tuple[Relationship, ...]:
        """Every relationship, sorted by ``(source, target, type)``."""
        return self._memo(
            "relationships",
            lambda: tuple(
                sorted(
                    _relations_in(self._graph.edges(data="r")),
                    key=lambda r: r.key,
                )
            ),
        )

    @property
    def engagements(self) -> tuple[Engagement, ...]:
        """Every engagement, in the order recorded."""
        return self._engagements

    @property
    def plans(self) -> tuple[EngagementPlan, ...]:
        """Every engagement plan, in the order recorded."""
        return self._plans

    @property
    def events(self) -> tuple[MapEvent, ...]:
        """The map's history: every change, oldest first."""
        return self._events

    @property
    def version(self) -> int:
        """How many changes made this map (0 for the empty map)."""
        return len(self._events)

    def stakeholder(self, id: str) -> Stakeholder:  # noqa: A002 - the domain's word
        """The stakeholder with this id; :class:`UnknownStakeholder` if none.

        Examples:
            >>> StakeholderMap().stakeholder("nobody")
            Traceback (most recent call last):
            ...
            commissioning.stakeholders._model.UnknownStakeholder: id: expected the id of a stakeholder on the map, received 'nobody'
        """
        try:
            return self._stakeholders[id]
        except (KeyError, TypeError):
            raise UnknownStakeholder(id) from None

    def relationships_of(self, id: str, *, direction: str = "out") -> tuple[Relationship, ...]:  # noqa: A002 - the domain's word
        """The relationships from (``"out"``), to (``"in"``) or either way (``"both"``) a stakeholder.

        Examples:
            >>> import datetime as dt
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences")],
            ...     at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), actor="alice")
            >>> [r.source for r in m.relationships_of("b", direction="in")]
            ['a']
        """
        self.stakeholder(id)
        if direction not in ("out", "in", "both"):
            raise InvalidInput.of("direction", "'out', 'in' or 'both'", direction)
        edges: list[Relationship] = []
        if direction in ("out", "both"):
            edges.extend(_relations_in(self._graph.out_edges(id, data="r")))
        if direction in ("in", "both"):
            edges.extend(_relations_in(self._graph.in_edges(id, data="r")))
        return tuple(sorted(edges, key=lambda r: r.key))

    def __len__(self) -> int:
        return len(self._stakeholders)

    def __contains__(self, id: object) -> bool:  # noqa: A002 - the domain's word
        return id in self._stakeholders

    def __iter__(self) -> Iterator[Stakeholder]:
        return iter(self._stakeholders.values())

    def __repr__(self) -> str:
        return (
            f"StakeholderMap(stakeholders={len(self._stakeholders)}, "
            f"relationships={sum(1 for _ in _relations_in(self._graph.edges(data='r')))}, "
            f"engagements={len(self._engagements)}, plans={len(self._plans)}, "
            f"version={self.version})"
        )

    def _content(self) -> tuple[Any, ...]:
        return self._memo(
            "content",
            lambda: (
                frozenset(self._stakeholders.items()),
                frozenset(self.relationships),
                self._engagements,
                self._plans,
            ),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StakeholderMap):
            return NotImplemented
        if self is other:
            return True
        return bool(
            len(self) == len(other)
            and self._stakeholders == other._stakeholders
            and self._engagements == other._engagements
            and self._plans == other._plans
            and set(self.relationships) == set(other.relationships)
        )

    def __hash__(self) -> int:
        return hash(self._content())

    def _memo(self, key: object, make: Callable[[], _T]) -> _T:
        """A value computed once per map (the map never changes, so it never goes stale)."""
        try:
            found: _T = self._cache[key]
        except KeyError:
            found = self._cache[key] = make()
        return found

    # ---- building ------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        stakeholders: Iterable[Stakeholder],
        relationships: Iterable[Relationship] = (),
        *,
        engagements: Iterable[Engagement] = (),
        plans: Iterable[EngagementPlan] = (),
        at: dt.datetime,
        actor: str,
    ) -> StakeholderMap:
        """Build a map in one step, recorded as a single ``IMPORTED`` event.

        Every problem in the records is reported at once (repeated ids,
        relationships naming unknown stakeholders, repeated relationships);
        nothing is built if there is any. Engagements and plans may name
        stakeholders who are not on the map: they are history, and a
        stakeholder removed from the map keeps its engagements on record
        (:meth:`record_engagement`, by contrast, needs everyone on the map).

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "carer")],
            ...     [Relationship("a", "b", "represents", weight=0.5)], at=at, actor="alice")
            >>> len(m), m.events[0].kind.value
            (2, 'imported')
            >>> StakeholderMap.from_records([Stakeholder("a", "A", "resident")],
            ...     [Relationship("a", "zed", "funds")], at=at, actor="alice")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: relationships[0].target: expected the id of a stakeholder on the map or in the records, received 'zed'
        """
        data = {
            "stakeholders": tuple(stakeholders),
            "relationships": tuple(relationships),
            "engagements": tuple(engagements),
            "plans": tuple(plans),
        }
        new, _ = StakeholderMap()._change(EventKind.IMPORTED, data, at=at, actor=actor)  # noqa: SLF001 - the class's own method
        return new

    @classmethod
    def from_events(cls, events: Iterable[MapEvent]) -> StakeholderMap:
        """Fold a history back into the map it describes.

        Raises :class:`~commissioning.InvalidHistory` naming the first event that
        does not fit (versions must run 1, 2, 3... and times must not go back).

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap().add(Stakeholder("a", "A", "resident"), at=at, actor="al")
            >>> m, _ = m.update("a", power=7, at=at, actor="al")
            >>> StakeholderMap.from_events(m.events).stakeholder("a").power
            7
            >>> StakeholderMap.from_events(m.events[1:])
            Traceback (most recent call last):
            ...
            commissioning.InvalidHistory: record 0 does not fit the history: expected version 1, found 2
        """
        work = _Work(nx.DiGraph(), [], [], [], owned=True)
        previous: MapEvent | None = None
        for index, event in enumerate(events):
            if not isinstance(event, MapEvent):
                raise InvalidHistory(index, event, "expected a MapEvent")
            if event.version != index + 1:
                raise InvalidHistory(
                    index, event, f"expected version {index + 1}, found {event.version}"
                )
            if previous is not None and event.at < previous.at:
                raise InvalidHistory(
                    index, event, f"recorded at {event.at} before the event before it"
                )
            try:
                work.apply(event)
            except (InvalidInput, KeyError) as error:  # KeyError: an unknown id, or data missing
                raise InvalidHistory(index, event, str(error)) from error
            previous = event
        return work.freeze()

    def as_of(self, at: dt.datetime) -> StakeholderMap:
        """The map as it stood at ``at``: its events up to and including then, folded.

        Examples:
            >>> import datetime as dt
            >>> t1 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> t2 = dt.datetime(2026, 2, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap().add(Stakeholder("a", "A", "resident"), at=t1, actor="al")
            >>> m, _ = m.update("a", power=7, at=t2, actor="al")
            >>> m.as_of(t1).stakeholder("a").power, m.as_of(t2).stakeholder("a").power
            (0, 7)
        """
        when = as_utc(at)
        return StakeholderMap.from_events(e for e in self._events if e.at <= when)

    # ---- changing ------------------------------------------------------------------

    def _change(
        self, kind: EventKind, data: Mapping[str, Any], *, at: Any, actor: Any
    ) -> tuple[StakeholderMap, MapEvent]:
        event = MapEvent(self.version + 1, kind, at, actor, data)
        if self._events and event.at < self._events[-1].at:
            last = self._events[-1].at.isoformat()
            raise InvalidInput.of("at", f"a time no earlier than the last change ({last})", at)
        work = _Work.of(self)
        work.apply(event)
        return work.freeze(), event

    def add(
        self, stakeholder: Stakeholder, *, at: dt.datetime, actor: str
    ) -> tuple[StakeholderMap, MapEvent]:
        """Add a stakeholder whose id is not on the map yet.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap().add(Stakeholder("a", "A", "resident"), at=at, actor="al")
            >>> m.add(Stakeholder("a", "Again", "resident"), at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: stakeholder.id: expected an id not already on the map, received 'a'
        """
        return self._change(
            EventKind.STAKEHOLDER_ADDED, {"stakeholder": stakeholder}, at=at, actor=actor
        )

    def update(
        self,
        id: str,  # noqa: A002 - the domain's word
        /,
        *,
        at: dt.datetime,
        actor: str,
        **changes: Any,
    ) -> tuple[StakeholderMap, MapEvent]:
        """Change a stakeholder's name, kind, scores or tags (not its id).

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap().add(Stakeholder("a", "A", "resident"), at=at, actor="al")
            >>> m2, event = m.update("a", interest=8, at=at, actor="al")
            >>> event.data["previous"].interest, event.data["stakeholder"].interest
            (0, 8)
            >>> m.update("a", colour="red", at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: colour: expected one of name, kind, power, interest, legitimacy, urgency, tags, received 'red'
        """
        current = self.stakeholder(id)
        check = Checker()
        for name, value in changes.items():
            check.that(name in _UPDATABLE, name, "one of " + ", ".join(_UPDATABLE), value)
        check.that(bool(changes), "changes", "at least one change", changes)
        check.done()
        new = attrs.evolve(current, **changes)
        return self._change(
            EventKind.STAKEHOLDER_UPDATED,
            {"stakeholder": new, "previous": current},
            at=at,
            actor=actor,
        )

    def remove(
        self,
        id: str,  # noqa: A002 - the domain's word
        *,
        at: dt.datetime,
        actor: str,
    ) -> tuple[StakeholderMap, MapEvent]:
        """Remove a stakeholder and its relationships; engagements with it stay on record.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences")], at=at, actor="al")
            >>> m2, event = m.remove("b", at=at, actor="al")
            >>> len(m2), len(m2.relationships), len(event.data["relationships"])
            (1, 0, 1)
        """
        current = self.stakeholder(id)
        return self._change(
            EventKind.STAKEHOLDER_REMOVED,
            {"stakeholder": current, "relationships": self.relationships_of(id, direction="both")},
            at=at,
            actor=actor,
        )

    def relate(
        self, relationship: Relationship, *, at: dt.datetime, actor: str
    ) -> tuple[StakeholderMap, MapEvent]:
        """Add a relationship, or replace the one of the same type between the same two.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences", weight=0.2)], at=at, actor="al")
            >>> m2, event = m.relate(Relationship("a", "b", "influences", weight=0.7),
            ...                      at=at, actor="al")
            >>> event.data["previous"].weight, m2.relationships[0].weight
            (0.2, 0.7)
            >>> m.relate(Relationship("a", "c", "funds"), at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.stakeholders._model.UnknownStakeholder: target: expected the id of a stakeholder on the map, received 'c'
        """
        previous = None
        if isinstance(relationship, Relationship):
            previous = self._relation(relationship.source, relationship.target, relationship.type)
        return self._change(
            EventKind.RELATED,
            {"relationship": relationship, "previous": previous},
            at=at,
            actor=actor,
        )

    def _relation(self, source: str, target: str, type: str) -> Relationship | None:  # noqa: A002 - matches Relationship.type
        data: Any = self._graph.get_edge_data(source, target)
        if data is None:
            return None
        relations: tuple[Relationship, ...] = data["r"]
        for found in relations:
            if found.type == type:
                return found
        return None

    def unrelate(
        self,
        source: str,
        target: str,
        type: str,  # noqa: A002 - matches Relationship.type
        *,
        at: dt.datetime,
        actor: str,
    ) -> tuple[StakeholderMap, MapEvent]:
        """Remove the relationship of this type from ``source`` to ``target``.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences")], at=at, actor="al")
            >>> m2, _ = m.unrelate("a", "b", "influences", at=at, actor="al")
            >>> m2.relationships
            ()
            >>> m2.unrelate("a", "b", "influences", at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: relationship: expected a relationship on the map, received ('a', 'b', 'influences')
        """
        self.stakeholder(source)
        self.stakeholder(target)
        found = self._relation(source, target, type)
        if found is None:
            raise InvalidInput.of(
                "relationship", "a relationship on the map", (source, target, type)
            )
        return self._change(EventKind.UNRELATED, {"relationship": found}, at=at, actor=actor)

    def record_engagement(
        self, engagement: Engagement, *, at: dt.datetime, actor: str
    ) -> tuple[StakeholderMap, MapEvent]:
        """Record an engagement with stakeholders on the map.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.stakeholders import CoProductionRung
            >>> at = dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap().add(Stakeholder("u", "Users", "service user"),
            ...                             at=at, actor="al")
            >>> m, event = m.record_engagement(
            ...     Engagement(dt.date(2026, 3, 4), {"u"}, "workshop", CoProductionRung.CO_DESIGN),
            ...     at=at, actor="al")
            >>> len(m.engagements)
            1
        """
        return self._change(
            EventKind.ENGAGEMENT_RECORDED, {"engagement": engagement}, at=at, actor=actor
        )

    def record_plan(
        self,
        *,
        on: dt.date,
        at: dt.datetime,
        actor: str,
        thresholds: Thresholds = _DEFAULT_THRESHOLDS,
        name: str = "",
    ) -> tuple[StakeholderMap, MapEvent]:
        """Record an engagement plan dated ``on``: each stakeholder's quadrant now.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap().add(
            ...     Stakeholder("c", "Cabinet", "cabinet", power=9, interest=9), at=at, actor="al")
            >>> m, event = m.record_plan(on=dt.date(2026, 1, 5), at=at, actor="al")
            >>> m.plans[-1].quadrants["c"].value
            'key players'
        """
        check = Checker()
        try:
            as_date(on)
        except InvalidInput as error:
            check.extend(error)
        check.type("thresholds", thresholds, Thresholds, "a Thresholds")
        check.done()
        plan = EngagementPlan(
            on,
            {sid: quadrant(s, thresholds=thresholds) for sid, s in self._stakeholders.items()},
            thresholds,
            name,
        )
        return self._change(EventKind.PLAN_RECORDED, {"plan": plan}, at=at, actor=actor)

    # ---- export and import ---------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Everything on the map as JSON-compatible data, with a format name and version.

        Stakeholders are sorted by id and relationships by ``(source, target,
        type)``; engagements and plans keep their order. The history is not
        included.

        Examples:
            >>> import datetime as dt, json
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident", power=3)], at=at, actor="al")
            >>> data = m.to_dict()
            >>> data["format"], data["version"], data["stakeholders"][0]["power"]
            ('commissioning.stakeholders', 1, 3)
            >>> StakeholderMap.from_dict(json.loads(json.dumps(data)), at=at, actor="al") == m
            True
        """
        from ._export import to_dict  # noqa: PLC0415 - that module imports this one

        return to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, *, at: dt.datetime, actor: str) -> StakeholderMap:
        """Build a map from :meth:`to_dict`'s output (for example after ``json.loads``).

        Every problem is reported at once, with the path to the field; an
        unknown format version raises :class:`UnsupportedFormatVersion`.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> StakeholderMap.from_dict({"format": "commissioning.stakeholders", "version": 1,
            ...     "stakeholders": [{"id": "a", "name": "A", "kind": "resident", "power": "high"}],
            ...     "relationships": []}, at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInputType: stakeholders[0].power: expected a whole number from 0 to 10, received 'high'
            >>> StakeholderMap.from_dict({"version": 2}, at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.stakeholders._export.UnsupportedFormatVersion: version: expected one of (1,), received 2
        """
        from ._export import from_dict  # noqa: PLC0415 - that module imports this one

        return from_dict(data, at=at, actor=actor)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """A new networkx ``MultiDiGraph`` of the stakeholders and relationships, yours to change.

        Nodes are keyed by id with attributes ``name``, ``kind``, ``power``,
        ``interest``, ``legitimacy``, ``urgency`` and ``tags`` (a sorted list);
        edges are keyed by relationship type, with attributes ``type`` and
        ``weight``. Engagements and plans are not included (use :meth:`to_dict`).

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences", weight=0.5)], at=at, actor="al")
            >>> g = m.to_networkx()
            >>> g.edges["a", "b", "influences"]["weight"]
            0.5
            >>> StakeholderMap.from_networkx(g, at=at, actor="al") == m
            True
        """
        from ._export import to_networkx  # noqa: PLC0415 - that module imports this one

        return to_networkx(self)

    @classmethod
    def from_networkx(cls, graph: Any, *, at: dt.datetime, actor: str) -> StakeholderMap:
        """Build a map from a directed networkx graph shaped as :meth:`to_networkx` makes them.

        On a multigraph, an edge without a ``type`` attribute takes its key as
        the type.

        Examples:
            >>> import datetime as dt, networkx as nx
            >>> g = nx.DiGraph()
            >>> g.add_node("a", name="A", kind="resident", power=4)
            >>> g.add_node("b", name="B", kind="carer")
            >>> g.add_edge("a", "b", type="represents")
            >>> m = StakeholderMap.from_networkx(
            ...     g, at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
            >>> m.relationships[0].weight, m.stakeholder("a").power
            (1.0, 4)
        """
        from ._export import from_networkx  # noqa: PLC0415 - that module imports this one

        return from_networkx(graph, at=at, actor=actor)

    def to_graphml(self) -> str:
        """The stakeholders and relationships as GraphML text (nothing is written to disk).

        Tags are a JSON array in a string attribute (GraphML has no lists).
        Engagements and plans are not included (use :meth:`to_dict`).

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records([Stakeholder("a", "A & B", "resident")],
            ...                                 at=at, actor="al")
            >>> text = m.to_graphml()
            >>> "A &amp; B" in text
            True
            >>> StakeholderMap.from_graphml(text, at=at, actor="al") == m
            True
        """
        from ._export import to_graphml  # noqa: PLC0415 - that module imports this one

        return to_graphml(self)

    @classmethod
    def from_graphml(cls, text: Any, *, at: dt.datetime, actor: str) -> StakeholderMap:
        """Build a map from GraphML text, such as :meth:`to_graphml` or networkx writes.

        Attributes are matched by name. Malformed XML, DOCTYPE or ENTITY
        declarations, and bad values are refused with
        :class:`~commissioning.InvalidInput`.

        Examples:
            >>> import datetime as dt
            >>> StakeholderMap.from_graphml("<graphml", at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            ...                             actor="al")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: graphml: expected well-formed XML (...), received '<graphml'
        """
        from ._export import from_graphml  # noqa: PLC0415 - that module imports this one

        return from_graphml(text, at=at, actor=actor)

    def to_mermaid(self, *, direction: str = "LR") -> str:
        """A Mermaid flowchart: nodes ``n0``, ``n1``... in id order, labelled with names.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("icb", "ICB", "health partner"),
            ...      Stakeholder("prov", "Provider", "incumbent provider")],
            ...     [Relationship("icb", "prov", "funds", weight=0.9)], at=at, actor="al")
            >>> print(m.to_mermaid())
            flowchart LR
                n0["ICB"]
                n1["Provider"]
                n0 -->|"funds 0.9"| n1
        """
        from ._export import to_mermaid  # noqa: PLC0415 - that module imports this one

        return to_mermaid(self, direction=direction)

    def to_dot(self) -> str:
        """A Graphviz DOT digraph: nodes are ids labelled with names; edges show type and weight.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m = StakeholderMap.from_records(
            ...     [Stakeholder("icb", "ICB", "health partner"),
            ...      Stakeholder("prov", "Provider", "incumbent provider")],
            ...     [Relationship("icb", "prov", "funds", weight=0.9)], at=at, actor="al")
            >>> print(m.to_dot())
            digraph stakeholders {
              "icb" [label="ICB"];
              "prov" [label="Provider"];
              "icb" -> "prov" [label="funds 0.9", penwidth=2.80];
            }
        """
        from ._export import to_dot  # noqa: PLC0415 - that module imports this one

        return to_dot(self)


@attrs.frozen
class Adjacency:
    """A compact, index-based view of a map's relationships, for the analyses (private)."""

    ids: tuple[str, ...]
    position: Mapping[str, int]
    targets: tuple[tuple[int, ...], ...]
    weights: tuple[tuple[float, ...], ...]


def adjacency(stakeholder_map: StakeholderMap, types: frozenset[str] | None) -> Adjacency:
    """The map's out-edges as index lists; an edge's weight is its strongest relationship of ``types``."""

    def make() -> Adjacency:
        graph = stakeholder_map._graph  # noqa: SLF001 - the analyses' private access to the graph
        ids = tuple(sorted(graph))
        position = {sid: i for i, sid in enumerate(ids)}
        targets: list[list[int]] = [[] for _ in ids]
        weights: list[list[float]] = [[] for _ in ids]
        for u, v, data in graph.edges(data=True):
            if types is None:
                w = data["weight"]
            else:
                chosen = [r.weight for r in data["r"] if r.type in types]
                if not chosen:
                    continue
                w = max(chosen)
            i = position[u]
            targets[i].append(position[v])
            weights[i].append(w)
        return Adjacency(
            ids,
            MappingProxyType(position),
            tuple(map(tuple, targets)),
            tuple(map(tuple, weights)),
        )

    return stakeholder_map._memo(("adjacency", types), make)  # noqa: SLF001 - the map's own memo


def relationship_changes(
    before: StakeholderMap, after: StakeholderMap
) -> tuple[list[Relationship], list[Relationship], list[tuple[Relationship, Relationship]]]:
    """Relationships added, removed and changed from ``before`` to ``after`` (unsorted).

    Maps made from one another share the relationship tuples of the edges a
    change did not touch, so those are skipped by identity: comparing a map
    with itself after one change costs a walk over the edges, not a sort.
    """
    old_graph = before._graph  # noqa: SLF001 - the analyses' private access to the graph
    new_graph = after._graph  # noqa: SLF001 - as above
    added: list[Relationship] = []
    removed: list[Relationship] = []
    changed: list[tuple[Relationship, Relationship]] = []
    if old_graph is new_graph:
        return added, removed, changed
    old_adjacency = dict(old_graph.adjacency())
    for u, targets in new_graph.adjacency():
        old_targets = old_adjacency.pop(u, {})
        for v, data in targets.items():
            old = old_targets.get(v)
            if old is not None and old["r"] is data["r"]:
                continue
            was = {} if old is None else {r.type: r for r in old["r"]}
            for r in data["r"]:
                previous = was.pop(r.type, None)
                if previous is None:
                    added.append(r)
                elif previous != r:
                    changed.append((previous, r))
            removed.extend(was.values())
        for v in old_targets.keys() - targets.keys():
            removed.extend(old_targets[v]["r"])
    for old_targets in old_adjacency.values():  # stakeholders no longer on the map
        for data in old_targets.values():
            removed.extend(data["r"])
    return added, removed, changed
