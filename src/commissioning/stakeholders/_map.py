"""The stakeholder map: an immutable value whose changes share what they do not touch.

Every change returns ``(new_map, records)``; the map keeps its records (the
library's one [`EventRecord`][commissioning.machine.EventRecord] envelope), and
[`StakeholderMap.replay`][commissioning.stakeholders.StakeholderMap.replay] rebuilds an equal map from them, so a map's
history is auditable, storable and replayable like any machine's.

The map is stored in persistent containers (`._persistent`): stakeholders
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
from typing import Any, TypeVar

import attrs

from .._aggregate import check_expected_version, records_until
from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem, Reason
from .._time import as_utc
from .._validation import Checker
from ..machine import (
    EventOption,
    EventRecord,
    Verdict,
)
from ..machine._instance import _make_record  # the engine's own constructor for checked fields
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
from ._events import DEFAULT_ID, EventKind
from ._exchange import MapExchange
from ._model import Relationship, Stakeholder, Thresholds, UnknownStakeholder, check_text
from ._persistent import Log, PMap
from ._records import decode, encode

__all__ = ["StakeholderMap"]

_T = TypeVar("_T")
MAP_FORMAT = "commissioning.stakeholder-map"
MAP_FORMAT_VERSION = 1

_DEFAULT_THRESHOLDS = Thresholds()


def _unprefixed(field: str) -> str:
    """A field of a one-change batch without its ``changes[0].`` prefix (for [`StakeholderMap.can`][commissioning.stakeholders.StakeholderMap.can])."""
    return field.removeprefix("changes[0].").removeprefix("changes[0]")


@attrs.frozen(eq=False, repr=False)
class StakeholderMap(MapExchange):
    """Stakeholders, their relationships, engagements and plans: an immutable, event-recorded value.

    Create a map with [`create`][commissioning.stakeholders.StakeholderMap.create] (empty, or with a first import of
    records); change it with [`add`][commissioning.stakeholders.StakeholderMap.add], [`update`][commissioning.stakeholders.StakeholderMap.update], [`remove`][commissioning.stakeholders.StakeholderMap.remove],
    [`relate`][commissioning.stakeholders.StakeholderMap.relate], [`unrelate`][commissioning.stakeholders.StakeholderMap.unrelate], [`record_engagement`][commissioning.stakeholders.StakeholderMap.record_engagement] and
    [`record_plan`][commissioning.stakeholders.StakeholderMap.record_plan], or many changes at once with [`apply`][commissioning.stakeholders.StakeholderMap.apply]. Every
    command takes ``at=`` (an aware moment), ``actor=`` and
    ``expected_version=``, returns ``(new_map, records)`` (a tuple of
    [`EventRecord`][commissioning.machine.EventRecord]) and leaves this map as it was.
    The new map shares everything the change did not touch with this one, so a
    change costs in proportion to what it touches (the stakeholder and its
    relationships), not to the size of the map or of its history.

    ``history`` holds every record; [`replay`][commissioning.stakeholders.StakeholderMap.replay] rebuilds the map from them,
    [`as_of`][commissioning.stakeholders.StakeholderMap.as_of] shows it as it was, [`to_data`][commissioning.stakeholders.StakeholderMap.to_data] stores it with its history.
    Two maps are equal when they hold the same stakeholders, relationships,
    engagements (in the same order) and plans; their histories may differ.

    Examples:
        >>> import datetime as dt
        >>> at = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
        >>> m0, _ = StakeholderMap.create(id="meals", at=at, actor="alice")
        >>> m1, _ = m0.add(Stakeholder("icb", "Integrated care board", "health partner",
        ...                            power=8, interest=6), at=at, actor="alice")
        >>> m2, _ = m1.add(Stakeholder("provider", "Home care provider", "incumbent provider",
        ...                            power=4, interest=9), at=at, actor="alice")
        >>> m3, (record,) = m2.relate(Relationship("icb", "provider", "funds", weight=0.9),
        ...                           at=at, actor="alice", expected_version=3)
        >>> m3
        StakeholderMap(id='meals', stakeholders=2, relationships=1, engagements=0, plans=0, version=4)
        >>> len(m2.relationships), record.event, record.version, record.stream_id
        (0, 'relate', 4, 'meals')
        >>> StakeholderMap.replay(m3.history) == m3
        True
    """

    id: str = attrs.field(default=DEFAULT_ID)
    # Persistent tables (see the module's docstring): stakeholders by id with the
    # order they were added in; each stakeholder's ties out and in, by the other end.
    _people: PMap[str, tuple[int, Stakeholder]] = attrs.field(init=False, factory=PMap)
    _out: PMap[str, Side] = attrs.field(init=False, factory=PMap)
    _in: PMap[str, Side] = attrs.field(init=False, factory=PMap)
    _relationship_count: int = attrs.field(init=False, default=0)
    _next_seq: int = attrs.field(init=False, default=0)
    _engagements: Log[Engagement] = attrs.field(init=False, factory=Log)
    _plans: Log[EngagementPlan] = attrs.field(init=False, factory=Log)
    _events: Log[EventRecord] = attrs.field(init=False, factory=Log)
    _cache: dict[object, Any] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check_text(check, "id", self.id)
        check.done()

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
    def history(self) -> tuple[EventRecord, ...]:
        """The map's records: every change, oldest first (made once per version, then kept)."""
        return self._events.as_tuple()

    @property
    def version(self) -> int:
        """How many records made this map (``len(history)``; 0 for a map not yet created)."""
        return len(self._events)

    def stakeholder(self, id: str) -> Stakeholder:  # noqa: A002 - the domain's word
        """The stakeholder with this id; [`UnknownStakeholder`][commissioning.stakeholders.UnknownStakeholder] if none.

        Examples:
            >>> StakeholderMap().stakeholder("nobody")
            Traceback (most recent call last):
            ...
            commissioning.stakeholders.UnknownStakeholder: id: expected the id of a stakeholder on the map, received 'nobody'
        """
        try:
            return self._people[id][1]
        except (KeyError, TypeError):
            raise UnknownStakeholder(id) from None

    def relationships_of(self, id: str, *, direction: str = "out") -> tuple[Relationship, ...]:  # noqa: A002 - the domain's word
        """The relationships from (``"out"``), to (``"in"``) or either way (``"both"``) a stakeholder.

        Examples:
            >>> import datetime as dt
            >>> m, _ = StakeholderMap.create(
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
            f"StakeholderMap(id={self.id!r}, stakeholders={len(self._people)}, "
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
    def create(
        cls,
        stakeholders: Iterable[Stakeholder] = (),
        relationships: Iterable[Relationship] = (),
        *,
        id: str = DEFAULT_ID,  # noqa: A002 - the vocabulary's word
        engagements: Iterable[Engagement] = (),
        plans: Iterable[EngagementPlan] = (),
        at: dt.datetime,
        actor: str,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Create a map, with what it starts with, recorded as ``import`` (version 1 on).

        Every problem in the records is reported at once (repeated ids,
        relationships naming unknown stakeholders, repeated relationships);
        nothing is built if there is any. Engagements and plans may name
        stakeholders who are not on the map: they are history, and a
        stakeholder removed from the map keeps its engagements on record
        ([`record_engagement`][commissioning.stakeholders.StakeholderMap.record_engagement], by contrast, needs everyone on the map).
        A large import is recorded as several ``import`` records (each holds at
        most 90,000 JSON values, so each loads on its own); an empty map is one
        ``import`` record with nothing in it.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, records = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "carer")],
            ...     [Relationship("a", "b", "represents", weight=0.5)],
            ...     id="meals", at=at, actor="alice")
            >>> len(m), [(r.version, r.event) for r in records], records[0].data["relationships"]
            (2, [(1, 'import')], (('a', 'b', 'represents', 0.5),))
            >>> StakeholderMap.create([Stakeholder("a", "A", "resident")],
            ...     [Relationship("a", "zed", "funds")], id="m", at=at, actor="alice")[0]
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
        empty = cls(id)
        return empty._run([(EventKind.IMPORT, lambda _work: data)], at=at, actor=actor)

    @classmethod
    def replay(cls, records: Iterable[EventRecord]) -> StakeholderMap:
        """Rebuild the map its records describe (from [`history`][commissioning.stakeholders.StakeholderMap.history], or a store).

        Raises [`InvalidHistory`][commissioning.InvalidHistory] naming the first record
        that does not fit: records must be [`EventRecord`][commissioning.machine.EventRecord]
        of one stream, versions running 1, 2, 3..., times never going back, and
        each change valid on the map as it stood.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create([Stakeholder("a", "A", "resident")], id="m",
            ...                              at=at, actor="al")
            >>> m, _ = m.update("a", power=7, at=at, actor="al")
            >>> StakeholderMap.replay(m.history).stakeholder("a").power
            7
            >>> StakeholderMap.replay(m.history[1:])
            Traceback (most recent call last):
            ...
            commissioning.InvalidHistory: record 0 does not fit the history: expected version 1, found 2
        """
        work: Work | None = None
        kept: list[EventRecord] = []
        previous: EventRecord | None = None
        for index, record in enumerate(records):
            if not isinstance(record, EventRecord):
                raise InvalidHistory(index, record, "expected an EventRecord")
            if record.version != index + 1:
                raise InvalidHistory(
                    index, record, f"expected version {index + 1}, found {record.version}"
                )
            if previous is not None and record.stream_id != previous.stream_id:
                raise InvalidHistory(
                    index,
                    record,
                    f"expected stream {previous.stream_id!r}, found {record.stream_id!r}",
                )
            if previous is not None and record.occurred_at < previous.occurred_at:
                raise InvalidHistory(index, record, "recorded before the record before it")
            try:
                if work is None:
                    work = Work(cls(record.stream_id))
                as_utc(record.occurred_at, field="occurred_at")
                kind, data = decode(record.event, record.data)
                work.apply(kind, data)
            except (InvalidInput, KeyError, TypeError) as error:  # KeyError: an unknown id
                raise InvalidHistory(index, record, str(error)) from error
            kept.append(record)
            previous = record
        if work is None:
            return cls()
        work.records = kept
        return cls._made(work.freeze())

    def as_of(self, at: dt.datetime) -> StakeholderMap:
        """The map as it stood at ``at``: its records up to and including then, replayed.

        Before its first record, the empty map of the same id.

        Examples:
            >>> import datetime as dt
            >>> t1 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> t2 = dt.datetime(2026, 2, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create([Stakeholder("a", "A", "resident")], id="m",
            ...                              at=t1, actor="al")
            >>> m, _ = m.update("a", power=7, at=t2, actor="al")
            >>> m.as_of(t1).stakeholder("a").power, m.as_of(t2).stakeholder("a").power
            (0, 7)
        """
        records = records_until(self.history, at)
        return StakeholderMap.replay(records) if records else StakeholderMap(self.id)

    # ---- asking --------------------------------------------------------------------

    def options(
        self, *, at: dt.datetime, context: Any = None, data: Any = None
    ) -> tuple[EventOption, ...]:
        """The commands this map accepts now, each allowed unless a rule refuses it.

        ``update``, ``remove`` and ``record_engagement`` need a stakeholder on
        the map (rule ``needs-a-stakeholder``), ``relate`` two (``needs-two-stakeholders``),
        ``unrelate`` a relationship (``needs-a-relationship``). ``context`` and
        ``data`` are accepted for the shared protocol and not used.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(id="m", at=at, actor="al")
            >>> [(o.event, o.allowed) for o in m.options(at=at)][:3]
            [('add', True), ('update', False), ('remove', False)]
            >>> str(m.options(at=at)[1].reasons[0])
            '[needs-a-stakeholder] the map has no stakeholders yet'
        """
        as_utc(at)
        return tuple(
            EventOption(name, not reasons, None, reasons)
            for name, reasons in ((name, self._refusals(name)) for name in COMMANDS)
        )

    def _refusals(self, command: str) -> tuple[Reason, ...]:
        if command in ("update", "remove", "record_engagement") and not self._people:
            return (Reason("needs-a-stakeholder", "the map has no stakeholders yet"),)
        if command == "relate" and len(self._people) < 2:
            return (Reason("needs-two-stakeholders", "a relationship joins two stakeholders"),)
        if command == "unrelate" and not self._relationship_count:
            return (Reason("needs-a-relationship", "the map has no relationships"),)
        return ()

    def can(self, event: str, *, at: dt.datetime, context: Any = None, data: Any = None) -> Verdict:
        """Whether the command ``event`` with arguments ``data`` would be accepted now; nothing changes.

        ``data`` is the command's arguments by name, as in [`apply`][commissioning.stakeholders.StakeholderMap.apply]; without
        it, only the rules of [`options`][commissioning.stakeholders.StakeholderMap.options] are asked. A refusal's reason
        names the field (``rule``) and says why.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create([Stakeholder("a", "A", "resident")], id="m",
            ...                              at=at, actor="al")
            >>> bool(m.can("update", at=at, data={"id": "a", "power": 3}))
            True
            >>> m.can("update", at=at, data={"id": "a", "power": 11}).reasons
            (Reason(rule='power', text='expected a whole number from 0 to 10, received 11'),)
        """
        if event not in COMMANDS:
            names = ", ".join(COMMANDS)
            return Verdict.deny(Reason("event", f"expected one of {names}, received {event!r}"))
        refused = self._refusals(event)
        if refused or data is None:
            as_utc(at)
            return Verdict.deny(*refused) if refused else Verdict.allow()
        try:
            self._run([step(0, (event, data))], at=at, actor="can")
        except InvalidInput as error:
            return Verdict.deny(
                *(Reason(_unprefixed(p.field), str(p).split(": ", 1)[-1]) for p in error.problems)
            )
        except UnknownStakeholder as error:
            return Verdict.deny(Reason(_unprefixed(error.field), str(error).split(": ", 1)[-1]))
        return Verdict.allow()

    # ---- changing ------------------------------------------------------------------

    def _one(
        self, command: str, at: Any, actor: Any, expected_version: Any, **arguments: Any
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        kind, make, _, _ = COMMANDS[command]
        return self._run(
            [(kind, lambda work: make(work, **arguments))],
            at=at,
            actor=actor,
            expected_version=expected_version,
        )

    def _run(
        self,
        steps: Sequence[tuple[EventKind, Callable[[Work], Mapping[str, Any]]]],
        *,
        at: Any,
        actor: Any,
        expected_version: Any = None,
        prefix: str | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Apply ``steps`` (each makes its change's data from the draft) to a draft; freeze it.

        Nothing is kept unless every step succeeds: the draft shares this map's
        tables and copies what it changes, so this map is never touched.
        """
        check_expected_version(self.id, expected_version, self.version)
        moment = as_utc(at)
        if not isinstance(actor, str) or not actor.strip():
            raise InvalidInput.from_problems(
                [
                    Problem(
                        "actor",
                        "a non-empty str",
                        actor,
                        "value" if isinstance(actor, str) else "type",
                    )
                ]
            )
        last = self._events.last()
        if last is not None and moment < last.occurred_at:
            when = last.occurred_at.isoformat()
            raise InvalidInput.of("at", f"a time no earlier than the last change ({when})", at)
        version = len(self._events)
        work = Work(self)
        for index, (kind, make) in enumerate(steps):
            try:
                data = make(work)
                work.apply(kind, data)
            except (InvalidInput, UnknownStakeholder) as error:
                if prefix is None:
                    raise
                raise under(f"{prefix}[{index}]", error) from error
            for payload in encode(kind, data):
                version += 1
                # Made from fields checked above and data encode froze (no second walk).
                work.records.append(
                    _make_record(
                        self.id, version, kind.value, moment, actor, payload, (), None, None
                    )
                )
        return StakeholderMap._made(work.freeze()), tuple(work.records)

    def apply(
        self,
        changes: Iterable[tuple[str, Mapping[str, Any]]],
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
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
            commissioning.stakeholders.UnknownStakeholder: changes[1].id: expected the id of a stakeholder on the map, received 'b'
        """
        if isinstance(changes, str | bytes | Mapping) or not isinstance(changes, Iterable):
            raise InvalidInputType(
                [Problem("changes", "an iterable of (command, arguments) pairs", changes, "type")]
            )
        steps = [step(index, change) for index, change in enumerate(changes)]
        return self._run(
            steps, at=at, actor=actor, expected_version=expected_version, prefix="changes"
        )

    def add(
        self,
        stakeholder: Stakeholder,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
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
        return self._one("add", at, actor, expected_version, stakeholder=stakeholder)

    def update(
        self,
        id: str,  # noqa: A002 - the domain's word
        /,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
        **changes: Any,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
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
        return self._run(
            [(EventKind.UPDATE, lambda work: update_fields(work, id, changes))],
            at=at,
            actor=actor,
            expected_version=expected_version,
        )

    def remove(
        self,
        id: str,  # noqa: A002 - the domain's word
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Remove a stakeholder and its relationships; engagements with it stay on record.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences")], at=at, actor="al")
            >>> m2, event = m.remove("b", at=at, actor="al")
            >>> len(m2), len(m2.relationships), len(event.data["relationships"])
            (1, 0, 1)
        """
        return self._one("remove", at, actor, expected_version, id=id)

    def relate(
        self,
        relationship: Relationship,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Add a relationship, or replace the one of the same type between the same two.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
            ...     [Stakeholder("a", "A", "resident"), Stakeholder("b", "B", "resident")],
            ...     [Relationship("a", "b", "influences", weight=0.2)], at=at, actor="al")
            >>> m2, event = m.relate(Relationship("a", "b", "influences", weight=0.7),
            ...                      at=at, actor="al")
            >>> event.data["previous"].weight, m2.relationships[0].weight
            (0.2, 0.7)
            >>> m.relate(Relationship("a", "c", "funds"), at=at, actor="al")
            Traceback (most recent call last):
            ...
            commissioning.stakeholders.UnknownStakeholder: target: expected the id of a stakeholder on the map, received 'c'
        """
        return self._one("relate", at, actor, expected_version, relationship=relationship)

    def unrelate(
        self,
        source: str,
        target: str,
        type: str,  # noqa: A002 - matches Relationship.type
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
        """Remove the relationship of this type from ``source`` to ``target``.

        Examples:
            >>> import datetime as dt
            >>> at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> m, _ = StakeholderMap.create(
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
        return self._one(
            "unrelate", at, actor, expected_version, source=source, target=target, type=type
        )

    def record_engagement(
        self,
        engagement: Engagement,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
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
        return self._one("record_engagement", at, actor, expected_version, engagement=engagement)

    def record_plan(
        self,
        *,
        on: dt.date,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
        thresholds: Thresholds = _DEFAULT_THRESHOLDS,
        name: str = "",
    ) -> tuple[StakeholderMap, tuple[EventRecord, ...]]:
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
        return self._one(
            "record_plan", at, actor, expected_version, on=on, thresholds=thresholds, name=name
        )
