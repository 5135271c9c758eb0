"""The stakeholder map: an immutable value whose changes share what they do not touch.

Every change returns ``(new_map, event)``; the map keeps its events, and
:meth:`StakeholderMap.from_events` folds them back into an equal map, so a
map's history is auditable like any machine's.

The map is stored in persistent containers (:mod:`._persistent`): stakeholders
by id, and each stakeholder's relationships out and in, as small dicts that a
change replaces rather than edits. A change copies only what it touches (the
stakeholder, its relationships, one shard of each table) and appends to the
history in place, so it costs the same on a map of ten stakeholders or of ten
thousand. What the analyses read (the index of relationships, the sorted
relationships) is built lazily, once per map version that is analysed, and kept
on the map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._time import as_utc
from ._draft import (
    COMMANDS,
    NO_SIDE,
    Side,
    StakeholdersView,
    Work,
    same_ties,
    step,
    under,
    update_fields,
)
from ._engagement import Engagement, EngagementPlan
from ._events import EventKind, MapEvent
from ._model import Relationship, Stakeholder, Thresholds, UnknownStakeholder
from ._persistent import Log, PMap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["StakeholderMap"]

_T = TypeVar("_T")
_DEFAULT_THRESHOLDS = Thresholds()


@attrs.frozen(eq=False, repr=False)
class StakeholderMap:
    """Stakeholders, their relationships, engagements and plans: an immutable, event-recorded value.

    ``StakeholderMap()`` is the empty map. Build a large map in one step with
    :meth:`from_records`; change a map with :meth:`add`, :meth:`update`,
    :meth:`remove`, :meth:`relate`, :meth:`unrelate`, :meth:`record_engagement`
    and :meth:`record_plan`, each of which returns ``(new_map, event)`` and
    leaves this map as it was, or make many changes at once with :meth:`apply`.
    The new map shares everything the change did not touch with this one, so a
    change costs in proportion to what it touches (the stakeholder and its
    relationships), not to the size of the map or of its history.

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

    # Persistent tables (see the module's docstring): stakeholders by id with the
    # order they were added in; each stakeholder's ties out and in, by the other end.
    _people: PMap[str, tuple[int, Stakeholder]] = attrs.field(init=False, factory=PMap)
    _out: PMap[str, Side] = attrs.field(init=False, factory=PMap)
    _in: PMap[str, Side] = attrs.field(init=False, factory=PMap)
    _relationship_count: int = attrs.field(init=False, default=0)
    _next_seq: int = attrs.field(init=False, default=0)
    _engagements: Log[Engagement] = attrs.field(init=False, factory=Log)
    _plans: Log[EngagementPlan] = attrs.field(init=False, factory=Log)
    _events: Log[MapEvent] = attrs.field(init=False, factory=Log)
    _cache: dict[object, Any] = attrs.field(init=False, factory=dict)

    @classmethod
    def _made(cls, fields: Mapping[str, Any]) -> StakeholderMap:
        """A map with these fields (a frozen draft's)."""
        new = cls.__new__(cls)
        for name, value in fields.items():
            object.__setattr__(new, name, value)
        return new

    # ---- reading -------------------------------------------------------------------

    @property
    def stakeholders(self) -> Mapping[str, Stakeholder]:
        """Every stakeholder by id (read-only), in the order they were added."""
        return self._memo("stakeholders", lambda: StakeholdersView(self._people))

    @property
    def relationships(self) -> tuple[Relationship, ...]:
        """Every relationship, sorted by ``(source, target, type)``."""
        return self._memo(
            "relationships",
            lambda: tuple(
                sorted(
                    (r for side in self._out.values() for ties in side.values() for r in ties),
                    key=lambda r: r.key,
                )
            ),
        )

    @property
    def engagements(self) -> tuple[Engagement, ...]:
        """Every engagement, in the order recorded."""
        return self._engagements.as_tuple()

    @property
    def plans(self) -> tuple[EngagementPlan, ...]:
        """Every engagement plan, in the order recorded."""
        return self._plans.as_tuple()

    @property
    def events(self) -> tuple[MapEvent, ...]:
        """The map's history: every change, oldest first."""
        return self._events.as_tuple()

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
            return self._people[id][1]
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
            edges.extend(r for ties in self._out.get(id, NO_SIDE).values() for r in ties)  # type: ignore[union-attr]  # the default is a mapping
        if direction in ("in", "both"):
            edges.extend(r for ties in self._in.get(id, NO_SIDE).values() for r in ties)  # type: ignore[union-attr]  # as above
        return tuple(sorted(edges, key=lambda r: r.key))

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, id: object) -> bool:  # noqa: A002 - the domain's word
        return id in self._people

    def __iter__(self) -> Iterator[Stakeholder]:
        return iter(self.stakeholders.values())

    def __repr__(self) -> str:
        return (
            f"StakeholderMap(stakeholders={len(self._people)}, "
            f"relationships={self._relationship_count}, "
            f"engagements={len(self._engagements)}, plans={len(self._plans)}, "
            f"version={self.version})"
        )

    def _content(self) -> tuple[Any, ...]:
        return self._memo(
            "content",
            lambda: (
                frozenset(self.stakeholders.items()),
                frozenset(self.relationships),
                self.engagements,
                self.plans,
            ),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StakeholderMap):
            return NotImplemented
        if self is other:
            return True
        people, others = self._people, other._people
        return bool(
            len(people) == len(others)
            and self._relationship_count == other._relationship_count
            and len(self._engagements) == len(other._engagements)
            and len(self._plans) == len(other._plans)
            and all(
                sid in others and others[sid][1] == s
                for shard in people.shards()
                for sid, (_, s) in shard.items()
            )
            and self.engagements == other.engagements
            and self.plans == other.plans
            and same_ties(self._out, other._out)
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
        work = Work(cls())
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
        return cls._made(work.freeze())

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
        return StakeholderMap.from_events(e for e in self.events if e.at <= when)

    # ---- changing ------------------------------------------------------------------

    def _change(
        self, kind: EventKind, data: Mapping[str, Any], *, at: Any, actor: Any
    ) -> tuple[StakeholderMap, MapEvent]:
        new, events = self._run([(kind, lambda _work: data)], at=at, actor=actor)
        return new, events[0]

    def _one(
        self, command: str, at: Any, actor: Any, **arguments: Any
    ) -> tuple[StakeholderMap, MapEvent]:
        kind, make, _, _ = COMMANDS[command]
        new, events = self._run([(kind, lambda work: make(work, **arguments))], at=at, actor=actor)
        return new, events[0]

    def _run(
        self,
        steps: Sequence[tuple[EventKind, Callable[[Work], Mapping[str, Any]]]],
        *,
        at: Any,
        actor: Any,
        prefix: str | None = None,
    ) -> tuple[StakeholderMap, tuple[MapEvent, ...]]:
        """Apply ``steps`` (each makes its event's data from the draft) to a draft; freeze it.

        Nothing is kept unless every step succeeds: the draft shares this map's
        tables and copies what it changes, so this map is never touched.
        """
        last = self._events.last()
        version = len(self._events)
        work = Work(self)
        for index, (kind, make) in enumerate(steps):
            version += 1
            try:
                data = make(work)
            except (InvalidInput, UnknownStakeholder) as error:
                if prefix is None:
                    raise
                raise under(f"{prefix}[{index}]", error) from error
            event = MapEvent(version, kind, at, actor, data)
            if index == 0 and last is not None and event.at < last.at:
                when = last.at.isoformat()
                raise InvalidInput.of("at", f"a time no earlier than the last change ({when})", at)
            try:
                work.apply(event)
            except (InvalidInput, UnknownStakeholder) as error:
                if prefix is None:
                    raise
                raise under(f"{prefix}[{index}]", error) from error
        return StakeholderMap._made(work.freeze()), tuple(work.events)

    def apply(
        self, changes: Iterable[tuple[str, Mapping[str, Any]]], *, at: dt.datetime, actor: str
    ) -> tuple[StakeholderMap, tuple[MapEvent, ...]]:
        """Make many changes at once: one event each, all or none.

        Each change is ``(command, arguments)``: the name of one of the map's
        commands and a mapping of its arguments, by name (``at`` and ``actor``
        are the batch's): ``("add", {"stakeholder": s})``,
        ``("update", {"id": "a", "power": 7})``, ``("remove", {"id": "a"})``,
        ``("relate", {"relationship": r})``,
        ``("unrelate", {"source": "a", "target": "b", "type": "funds"})``,
        ``("record_engagement", {"engagement": e})``,
        ``("record_plan", {"on": day, "thresholds": t, "name": "v2"})``.
        Each change sees the ones before it. The batch costs in proportion to
        what it touches (a stakeholder's dict of ties is copied once per batch,
        not once per change). If any change is refused, the error names it
        (``changes[3]...``) and nothing is kept.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, events = StakeholderMap().apply([
            ...     ("add", {"stakeholder": Stakeholder("a", "A", "resident")}),
            ...     ("add", {"stakeholder": Stakeholder("b", "B", "carer")}),
            ...     ("relate", {"relationship": Relationship("a", "b", "represents")}),
            ...     ("update", {"id": "a", "power": 6}),
            ... ], at=at, actor="al")
            >>> [e.version for e in events], m.stakeholder("a").power, len(m.relationships)
            ([1, 2, 3, 4], 6, 1)
            >>> m.apply([("remove", {"id": "b"}), ("remove", {"id": "b"})], at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.stakeholders._model.UnknownStakeholder: changes[1].id: expected the id of a stakeholder on the map, received 'b'
        """
        if isinstance(changes, str | bytes | Mapping) or not isinstance(changes, Iterable):
            raise InvalidInputType(
                [Problem("changes", "an iterable of (command, arguments) pairs", changes, "type")]
            )
        steps = [step(index, change) for index, change in enumerate(changes)]
        return self._run(steps, at=at, actor=actor, prefix="changes")

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
        return self._one("add", at, actor, stakeholder=stakeholder)

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
        new, events = self._run(
            [(EventKind.STAKEHOLDER_UPDATED, lambda work: update_fields(work, id, changes))],
            at=at,
            actor=actor,
        )
        return new, events[0]

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
        return self._one("remove", at, actor, id=id)

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
        return self._one("relate", at, actor, relationship=relationship)

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
        return self._one("unrelate", at, actor, source=source, target=target, type=type)

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
        return self._one("record_engagement", at, actor, engagement=engagement)

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
        return self._one("record_plan", at, actor, on=on, thresholds=thresholds, name=name)

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
