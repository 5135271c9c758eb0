"""Instances and event records: pure, immutable firing with the time passed in.

``Instance`` and ``EventRecord`` are slotted classes rather than attrs classes:
the fire loop builds one of each per transition. Each has a private base that
holds the slots (``_InstanceFields``, ``_RecordFields``); the engine fills a
base object and then makes it the public, frozen class (``obj.__class__ =
Instance``), which costs about what building a named tuple did and far less
than a frozen attrs instance (see the performance page). The public
constructors check everything: ``EventRecord(...)`` validates and normalises
its fields, and an ``Instance`` cannot be built directly at all (only by
``Definition.start``, ``fire``, ``replay`` and ``from_data``), so no instance
can be in a state its definition lacks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn, Self

import attrs

from .._aggregate import check_expected_version, records_until
from .._errors import (
    CommissioningError,
    Described,
    GuardRejected,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    Reason,
    TransitionNotAllowed,
    _short,
)
from .._time import as_utc
from ._deadlines import Due
from ._guards import ALLOW, Verdict

if TYPE_CHECKING:
    from ._definition import CompiledTransition, Definition, Route

__all__ = ["EventOption", "EventRecord", "Instance"]

_UTC = dt.UTC
_DATETIME = dt.datetime
_EMPTY: Mapping[str, Any] = MappingProxyType({})

#: Event data may nest at most this many levels (objects and arrays) by default.
MAX_DATA_DEPTH = 32
#: Event data may hold at most this many values in all (objects, arrays and leaves) by default.
MAX_DATA_ITEMS = 100_000

_new = object.__new__
_FROZEN = attrs.exceptions.FrozenInstanceError


class _FrozenValue:
    """What the engine's two hand-written value classes share: no writes after building, and ``!=``."""

    __slots__ = ()

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise _FROZEN

    def __delattr__(self, name: str) -> NoReturn:
        raise _FROZEN


class _RecordFields:
    """The slots of an [`EventRecord`][commissioning.machine.EventRecord], writable while the engine builds one."""

    __slots__ = (  # noqa: RUF023 - the envelope's order (issue 11)
        "stream_id",
        "version",
        "event",
        "occurred_at",
        "actor",
        "data",
        "path",
        "source",
        "target",
    )
    stream_id: str
    version: int
    event: str
    occurred_at: dt.datetime
    actor: str
    data: Mapping[str, Any]
    path: tuple[str, ...]
    source: str | None
    target: str | None


class EventRecord(_FrozenValue, _RecordFields):
    """What happened: one recorded event, to store, replay and audit (the one envelope).

    Every aggregate of the library records its history as these (issue 11):
    domain detail goes in [`data`][commissioning.machine.EventRecord], never in new fields. A record is an
    immutable value, equal only to another ``EventRecord`` with equal fields (never
    to a tuple). Building one checks every field: ``occurred_at`` must be aware and
    is converted to UTC, ``data`` must be JSON-compatible and is frozen.

    Attributes:
        stream_id: the aggregate (the root instance) the event happened to.
        version: its sequence number, 1 for the first record, one more each time.
        event: the event's (or command's) name.
        occurred_at: when, in UTC.
        actor: who acted.
        data: the event's data (read-only, JSON-compatible), empty when none.
        path: for an event fired on a child machine, the parent states leading to it; ``()`` otherwise.
        source: the machine state it left (``None`` for records that change no machine state).
        target: the machine state entered (``None`` likewise).

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        ...                 "ann", {}, (), "open", "closed")
        >>> r.version, r.target
        (1, 'closed')
        >>> r == ("case-1", 1, "close", r.occurred_at, "ann", {}, (), "open", "closed")
        False
        >>> EventRecord("case-1", 0, "close", dt.datetime(2026, 1, 5), "", {})
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: version: expected a whole number >= 1, received 0; occurred_at: expected an aware datetime (with a time zone), received datetime.datetime(2026, 1, 5, 0, 0); actor: expected a non-empty str naming who acted, received ''
    """

    __slots__ = ()
    #: The field names, in order (the envelope).
    _fields = _RecordFields.__slots__

    def __init__(
        self,
        stream_id: str,
        version: int,
        event: str,
        occurred_at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        path: Sequence[str] = (),
        source: str | None = None,
        target: str | None = None,
    ) -> None:
        values = _checked_record(
            stream_id, version, event, occurred_at, actor, data, path, source, target
        )
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"EventRecord({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not EventRecord:
            return False
        return self is other or _record_key(self) == _record_key(other)  # type: ignore[arg-type,unused-ignore]

    def __hash__(self) -> int:
        return hash(_record_key(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and copied) with plain data; rebuilt, and checked, like a new record.
        fields = _record_key(self)
        return (_rebuild_record, (*fields[:5], _thaw(self.data), *fields[6:]))

    def _replace(self, **changes: Any) -> EventRecord:
        """A new record with ``changes``, checked like any new record.

        Examples:
            >>> import datetime as dt
            >>> r = EventRecord("case-1", 1, "close", dt.datetime(2026, 1, 5, tzinfo=dt.UTC), "ann")
            >>> r._replace(actor="bo").actor
            'bo'
        """
        fields = dict(zip(self._fields, _record_key(self), strict=True))
        unknown = set(changes) - set(fields)
        if unknown:
            raise InvalidInput.of(
                "changes", f"fields of a record ({', '.join(self._fields)})", sorted(unknown)
            )
        fields.update(changes)
        return EventRecord(**fields)


def _record_key(r: _RecordFields) -> tuple[Any, ...]:
    return (
        r.stream_id,
        r.version,
        r.event,
        r.occurred_at,
        r.actor,
        r.data,
        r.path,
        r.source,
        r.target,
    )


def _make_record(
    stream_id: str,
    version: int,
    event: str,
    occurred_at: dt.datetime,
    actor: str,
    data: Mapping[str, Any],
    path: tuple[str, ...],
    source: str | None,
    target: str | None,
) -> EventRecord:
    """An [`EventRecord`][commissioning.machine.EventRecord] from fields the engine has already checked (no validation)."""
    r = _new(_RecordFields)
    r.stream_id = stream_id
    r.version = version
    r.event = event
    r.occurred_at = occurred_at
    r.actor = actor
    r.data = data
    r.path = path
    r.source = source
    r.target = target
    r.__class__ = EventRecord
    return r  # type: ignore[return-value]  # its class is EventRecord now


def _thaw(value: Any) -> Any:
    """Frozen data as plain dicts and lists (nesting is bounded by the data limits)."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _rebuild_instance(
    definition: Definition, stream_id: str, started_at: dt.datetime, history: Any
) -> Instance:
    """Unpickle an instance: replay its records, checking them."""
    return definition.replay(history, stream_id=stream_id, started_at=started_at)


def _rebuild_record(*fields: Any) -> EventRecord:
    """Unpickle a record, checking it like a new one."""
    return EventRecord(*fields)


def _checked_record(*values: Any) -> tuple[Any, ...]:
    """The fields of a new record, checked and normalised; every problem reported at once."""
    stream_id, version, event, occurred_at, actor, data, path, source, target = values
    problems: list[Problem] = []
    for name, value in (("stream_id", stream_id), ("event", event)):
        if value.__class__ is not str:
            problems.append(Problem(name, "a non-empty str", value, "type"))
        elif not value:
            problems.append(Problem(name, "a non-empty str", value))
    if version.__class__ is not int:
        problems.append(Problem("version", "a whole number >= 1", version, "type"))
    elif version < 1:
        problems.append(Problem("version", "a whole number >= 1", version))
    try:
        occurred_at = as_utc(occurred_at, field="occurred_at")
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if actor.__class__ is not str:
        problems.append(Problem("actor", "a non-empty str naming who acted", actor, "type"))
    elif not actor:
        problems.append(Problem("actor", "a non-empty str naming who acted", actor))
    try:
        data = _EMPTY if data is None else freeze_data(data)
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if isinstance(path, list | tuple) and all(p.__class__ is str for p in path):
        path = tuple(path)
    else:
        problems.append(Problem("path", "a tuple of state names (str)", path, "type"))
    for name, value in (("source", source), ("target", target)):
        if value is not None and value.__class__ is not str:
            problems.append(Problem(name, "a state name (str) or None", value, "type"))
    if problems:
        raise InvalidInput.from_problems(problems)
    return stream_id, version, event, occurred_at, actor, data, path, source, target


@attrs.frozen
class EventOption:
    """Whether an event can fire now, where it would lead, and if not, why not.

    Examples:
        >>> from commissioning import Reason
        >>> EventOption("close", False, None, (Reason("has-budget", "no budget left"),))
        EventOption(event='close', allowed=False, target=None, reasons=(Reason(rule='has-budget', text='no budget left'),))
    """

    event: str
    allowed: bool
    target: str | None
    reasons: tuple[Reason, ...] = ()


class _InstanceFields:
    """The slots of an [`Instance`][commissioning.machine.Instance], writable while the engine builds one."""

    __slots__ = (  # noqa: RUF023 - in the order the attributes are documented
        "definition",
        "id",
        "state",
        "version",
        "entered_at",
        "updated_at",
        "child",
        "started_at",
        "_trail",
    )
    definition: Definition
    id: str
    state: str
    version: int
    entered_at: dt.datetime
    updated_at: dt.datetime
    child: Instance | None
    started_at: dt.datetime
    _trail: tuple[EventRecord, Any] | None


class Instance(_FrozenValue, _InstanceFields):
    """One subject's place in a machine: immutable; every change is a new instance and a record.

    Get one from [`Definition.start`][commissioning.machine.Definition.start],
    [`replay`][commissioning.machine.Instance.replay] or [`from_data`][commissioning.machine.Instance.from_data]; change it with [`fire`][commissioning.machine.Instance.fire] (or
    [`fire_child`][commissioning.machine.Instance.fire_child]), which returns the new instance and the records to store
    (a tuple of one [`EventRecord`][commissioning.machine.EventRecord]). ``Instance(...)`` cannot be called
    directly: an instance exists only as the fold of its records over its
    definition, so it is never in a state the definition lacks. Context (the facts
    guards judge) is passed in when asking or firing; it is never stored.

    Attributes:
        definition: the machine it runs on.
        id: its identity (the stream id), carried by every record.
        state: the current state's name.
        version: how many events it has had (0 when new).
        entered_at: when it entered the current state (UTC).
        updated_at: when its last event occurred, or when it started (UTC).
        child: the child machine's instance hosted by the current state, if any.
        started_at: when it started (UTC). It is not compared: records do not hold it, so
            an instance replayed from its records alone equals the one that fired them.

    Examples:
        >>> Instance("case-1")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: Instance: expected an instance from Definition.start, Instance.replay or Instance.from_data, received a direct construction
    """

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        raise InvalidInputType(
            [
                Problem(
                    "Instance",
                    "an instance from Definition.start, Instance.replay or Instance.from_data",
                    Described("a direct construction"),
                    "type",
                )
            ]
        )

    def __repr__(self) -> str:
        child = "" if self.child is None else f", child={self.child!r}"
        return (
            f"Instance(id={self.id!r}, definition={self.definition.name!r}, "
            f"state={self.state!r}, version={self.version}{child})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Instance:
            return False
        if self is other:
            return True
        assert isinstance(other, Instance)  # noqa: S101 - checked by the exact class test
        return _instance_key(self) == _instance_key(other) and _trails_equal(
            self._trail,
            other._trail,
        )

    def __hash__(self) -> int:
        return hash(_instance_key(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its definition, id, start and records; rebuilt by replaying them.
        return (_rebuild_instance, (self.definition, self.id, self.started_at, self.history))

    @property
    def is_final(self) -> bool:
        """Whether the instance is in a final state (nothing more can happen)."""
        return self.state in self.definition._finals  # noqa: SLF001 - the definition's own precomputed set

    @property
    def history(self) -> tuple[EventRecord, ...]:
        """Every record of this instance, oldest first (``len(history) == version``).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> case, records = d.start("case-1", at=t).fire("close", at=t, actor="ann")
            >>> case.history == records
            True
        """
        out = []
        cell = self._trail
        while cell is not None:
            out.append(cell[0])
            cell = cell[1]
        out.reverse()
        return tuple(out)

    @classmethod
    def replay(cls, records: Iterable[EventRecord], *, definition: Definition) -> Instance:
        """Rebuild an instance of ``definition`` from its records (see [`Definition.replay`][commissioning.machine.Definition.replay]).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> case, records = d.start("case-1", at=t).fire("close", at=t, actor="ann")
            >>> Instance.replay(records, definition=d) == case
            True
        """
        if not isinstance(definition, _definition_class()):
            raise InvalidInputType([Problem("definition", "a Definition", definition, "type")])
        return definition.replay(records)

    def as_of(self, at: dt.datetime) -> Instance:
        """The instance as it was at moment ``at``: its records up to then, replayed.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t0, t1 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
            >>> case, _ = d.start("case-1", at=t0).fire("close", at=t1, actor="ann")
            >>> case.as_of(dt.datetime(2026, 1, 20, tzinfo=dt.UTC)).state
            'open'
        """
        moment = as_utc(at)
        if moment < self.started_at:
            raise InvalidInput.of(
                "at",
                f"a moment on or after the instance started ({self.started_at.isoformat()})",
                at,
            )
        prefix = records_until(self.history, moment)
        return self.definition.replay(prefix, stream_id=self.id, started_at=self.started_at)

    def to_data(self) -> dict[str, Any]:
        """The stored form: format, definition name, stream id, start and records (see [`from_data`][commissioning.machine.Instance.from_data])."""
        from ._serialisation import instance_to_data  # noqa: PLC0415 - serialisation imports this module

        return instance_to_data(self)

    @classmethod
    def from_data(cls, data: Any, *, definition: Definition) -> Instance:
        """Rebuild an instance of ``definition`` from [`to_data`][commissioning.machine.Instance.to_data]'s form, checking everything.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> case, _ = d.start("case-1", at=t).fire("close", at=t, actor="ann")
            >>> Instance.from_data(case.to_data(), definition=d) == case
            True
        """
        from ._serialisation import instance_from_data  # noqa: PLC0415 - serialisation imports this module

        return instance_from_data(data, definition=definition)

    # ------------------------------------------------------------------- firing
    def fire(  # noqa: PLR0915 - the hot path builds its two values inline, one statement a field
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        context: Any = None,
        expected_version: int | None = None,
    ) -> tuple[Instance, tuple[EventRecord]]:
        """Fire ``event`` at moment ``at`` by ``actor``; return the new instance and its records.

        The records are a tuple of one [`EventRecord`][commissioning.machine.EventRecord] (the shape every
        aggregate's commands return).

        Guards see ``(context, data)``. Nothing changes when anything is refused:
        [`TransitionNotAllowed`][commissioning.TransitionNotAllowed] (no such event from this state),
        [`GuardRejected`][commissioning.GuardRejected] (with every failing guard's reasons),
        [`VersionConflict`][commissioning.VersionConflict] (``expected_version`` given and not
        matched), [`InvalidInput`][commissioning.InvalidInput] (``at`` naive or earlier than
        the last event, ``actor`` empty, ``data`` not JSON-compatible).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
            >>> case, (record,) = d.start("case-1", at=t).fire("close", at=t, actor="ann", data={"why": "done"})
            >>> case.state, record.version, record.source, record.target, dict(record.data)
            ('closed', 1, 'open', 'closed', {'why': 'done'})
        """
        version = self.version
        instance_id = self.id
        if expected_version is not None and (
            expected_version.__class__ is not int or expected_version != version
        ):
            check_expected_version(instance_id, expected_version, version)
        definition = self.definition
        state = self.state
        try:
            route: Route = definition._table[state][event]  # noqa: SLF001 - the engine's own table
        except (KeyError, TypeError):
            raise self._not_allowed(event) from None
        if at.__class__ is not _DATETIME or at.tzinfo is not _UTC:
            at = as_utc(at)
        if at < self.updated_at:
            raise _backwards(self, at)
        if actor.__class__ is not str or not actor:
            raise _bad_actor(actor)
        data = _EMPTY if data is None else freeze_data(data)
        chosen = route.only
        if chosen is None:
            single = route.single
            if single is None:
                chosen = _choose(self, route, event, context, data)
            else:
                # One guarded candidate, the common guarded case: run its checks inline
                # and only fall back to the full evaluation when one does not simply allow.
                for check in single.checks:
                    verdict = check(context, data)
                    if verdict is not ALLOW:
                        _single_refused(self, single, event, context, data, check, verdict)
                        break
                chosen = single
        target = chosen.target
        version += 1
        child = (
            None
            if not chosen.child_defs
            else definition._start_child(target, instance_id, at, data)  # noqa: SLF001 - same engine
        )
        # Built inline (no call): fill the private bases' slots, then make them the public,
        # frozen classes. Every field was checked above.
        record = _new(_RecordFields)
        record.stream_id = instance_id
        record.version = version
        record.event = event
        record.occurred_at = at
        record.actor = actor
        record.data = data
        record.path = ()
        record.source = state
        record.target = target
        record.__class__ = EventRecord
        new = _new(_InstanceFields)
        new.definition = definition
        new.id = instance_id
        new.state = target
        new.version = version
        new.entered_at = at
        new.updated_at = at
        new.child = child
        new.started_at = self.started_at
        new._trail = (record, self._trail)  # type: ignore[assignment]  # noqa: SLF001 - the slot being built; record is an EventRecord by now
        new.__class__ = Instance
        return new, (record,)  # type: ignore[return-value]  # their classes are the public ones now

    def fire_many(
        self,
        steps: Iterable[Any],
        *,
        actor: str,
        context: Any = None,
        expected_version: int | None = None,
    ) -> tuple[Instance, tuple[EventRecord, ...]]:
        """Fire several events in one call, all or nothing; return the last instance and every record.

        Each step is ``(event, at)`` or ``(event, at, data)``; the actor and the
        context are the same for every step, and guards see each step's data.
        When a step is refused, its error is raised with a note naming the step,
        and nothing is returned (the instance you hold is unchanged, as always).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("checked"),
            ...                State("closed", final=True)], transitions=[
            ...                Transition("open", "check", "checked"), Transition("checked", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> case, records = d.start("case-1", at=t).fire_many(
            ...     [("check", t), ("close", t, {"why": "done"})], actor="ann")
            >>> case.state, [r.version for r in records]
            ('closed', [1, 2])
        """
        check_expected_version(self.id, expected_version, self.version)
        instance = self
        records: list[EventRecord] = []
        append = records.append
        fire = Instance.fire
        for index, step in enumerate(steps):
            if step.__class__ is tuple and len(step) == 2:
                event, at = step
                data = None
            else:
                event, at, data = _step(index, step)
            try:
                instance, (record,) = fire(
                    instance, event, at=at, actor=actor, data=data, context=context
                )
            except CommissioningError as err:
                err.add_note(f"(step {index} of fire_many; nothing was fired)")
                raise
            append(record)
        return instance, tuple(records)

    def fire_child(
        self,
        event: str,
        *,
        at: dt.datetime,
        actor: str,
        data: Mapping[str, Any] | None = None,
        context: Any = None,
        expected_version: int | None = None,
        path: tuple[str, ...] = (),
    ) -> tuple[Instance, tuple[EventRecord]]:
        """Fire ``event`` on the child machine hosted by the current state.

        The parent's version goes up by one and the record carries the parent's
        id and version, with ``path`` naming the hosting state, so one log holds
        the whole aggregate. ``path`` reaches deeper children: ``("tendering",)``
        fires on the grandchild hosted by the child's state ``"tendering"``.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> proc = Definition("procurement", states=[State("tender", initial=True),
            ...                   State("awarded", final=True)], transitions=[Transition("tender", "award", "awarded")])
            >>> cycle = Definition("cycle", states=[State("plan", initial=True), State("buy", children=[proc]),
            ...                    State("deliver", final=True)], transitions=[Transition("plan", "go", "buy"),
            ...                    Transition("buy", "deliver", "deliver", requires_child_final=True)])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> c, _ = cycle.start("c1", at=t).fire("go", at=t, actor="ann")
            >>> c, (rec,) = c.fire_child("award", at=t, actor="ann")
            >>> rec.path, rec.version, c.child.state
            (('buy',), 2, 'awarded')
        """
        child = self.child
        if child is None:
            raise TransitionNotAllowed(
                event, self.state, (), detail=f" (state {self.state!r} hosts no child machine)"
            )
        at = as_utc(at)
        if at < self.updated_at:
            raise _backwards(self, at)
        check_expected_version(self.id, expected_version, self.version)
        if path:
            if child.state != path[0]:
                raise TransitionNotAllowed(
                    event, child.state, (), detail=f" (path expects the child in {path[0]!r})"
                )
            new_child, (sub,) = child.fire_child(
                event, at=at, actor=actor, data=data, context=context, path=path[1:]
            )
        else:
            new_child, (sub,) = child.fire(event, at=at, actor=actor, data=data, context=context)
        version = self.version + 1
        record = _make_record(
            self.id,
            version,
            sub.event,
            at,
            sub.actor,
            sub.data,
            (self.state, *sub.path),
            sub.source,
            sub.target,
        )
        instance = _make_instance(
            self.definition,
            self.id,
            self.state,
            version,
            self.entered_at,
            at,
            new_child,
            self.started_at,
            (record, self._trail),
        )
        return instance, (record,)

    def apply(self, record: EventRecord) -> Instance:
        """Fold one stored record into the instance, checking that it fits (no guards are run).

        Raises [`InvalidHistory`][commissioning.InvalidHistory] naming the record's version
        and why it does not fit: another instance, a gap or repeat in versions, a
        moment before the previous one, or a transition the definition does not allow.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> start = d.start("case-1", at=t)
            >>> after, (record,) = start.fire("close", at=t, actor="ann")
            >>> start.apply(record) == after
            True
        """
        index = self.version
        if record.__class__ is not EventRecord:
            raise InvalidHistory(
                index, record, f"expected an EventRecord, received {_short(record)}"
            )
        at = record.occurred_at
        if (
            record.stream_id.__class__ is not str
            or record.version.__class__ is not int
            or record.event.__class__ is not str
            or record.actor.__class__ is not str
            or not record.actor
            or at.__class__ is not _DATETIME
            or at.tzinfo is not _UTC
            or record.path.__class__ is not tuple
            or record.source.__class__ is not str
            or record.target.__class__ is not str
        ):
            raise InvalidHistory(index, record, _wrong_fields(record))
        if record.stream_id != self.id:
            raise InvalidHistory(
                index, record, f"belongs to stream {_short(record.stream_id)}, not {self.id!r}"
            )
        if record.version != self.version + 1:
            raise InvalidHistory(
                index,
                record,
                f"expected version {self.version + 1}, received {_short(record.version)}",
            )
        if at < self.updated_at:
            raise InvalidHistory(
                index,
                record,
                f"occurred at {at.isoformat()}, before the previous event at {self.updated_at.isoformat()}",
            )
        # A record's data was checked and frozen when the record was built.
        try:
            return self._apply_path(record, record, record.path, at, record.data)
        except (InvalidInput, TransitionNotAllowed) as exc:
            raise InvalidHistory(index, record, str(exc)) from None

    def _apply_path(
        self,
        record: EventRecord,
        own: EventRecord | None,
        path: tuple[str, ...],
        at: dt.datetime,
        data: Mapping[str, Any],
    ) -> Instance:
        # ``own`` is this level's record: the stored one at the root; below it, the
        # record the child's own fire would have made (its id and version, the rest
        # of the path), so a replayed instance equals the fired one, children included.
        if own is None:
            own = _make_record(
                self.id,
                self.version + 1,
                record.event,
                at,
                record.actor,
                data,
                path,
                record.source,
                record.target,
            )
        if path:
            child = self.child
            if path[0] != self.state or child is None:
                raise TransitionNotAllowed(
                    record.event,
                    self.state,
                    (),
                    detail=f" (the record's path expects a child machine hosted by {path[0]!r})",
                )
            new_child = child._apply_path(record, None, path[1:], at, data)  # noqa: SLF001 - same class
            return _make_instance(
                self.definition,
                self.id,
                self.state,
                self.version + 1,
                self.entered_at,
                at,
                new_child,
                self.started_at,
                (own, self._trail),
            )
        definition = self.definition
        if record.source != self.state:
            raise TransitionNotAllowed(
                record.event,
                self.state,
                (),
                detail=f" (the record says it left {record.source!r}, but the instance is in {self.state!r})",
            )
        route = definition._table[self.state].get(record.event)  # noqa: SLF001 - the engine's own table
        if route is None or record.target not in route.targets:
            raise TransitionNotAllowed(
                record.event,
                self.state,
                definition._table[self.state],  # noqa: SLF001
                detail=f" to {record.target!r}",
            )
        if record.actor.__class__ is not str or not record.actor:
            raise InvalidInput.of("actor", "a non-empty str", record.actor)
        target = record.target
        child = (
            definition._start_child(target, self.id, at, data)  # noqa: SLF001 - same engine
            if definition._by_name[target].children  # noqa: SLF001
            else None
        )
        return _make_instance(
            definition,
            self.id,
            target,
            self.version + 1,
            at,
            at,
            child,
            self.started_at,
            (own, self._trail),
        )

    # ---------------------------------------------------------- asking first
    def can(
        self,
        event: str,
        *,
        at: dt.datetime,
        context: Any = None,
        data: Mapping[str, Any] | None = None,
    ) -> Verdict:
        """Ask before acting: would ``event`` fire at moment ``at``, and if not, why not? Nothing changes.

        A refusal's reasons are [`Reason`][commissioning.machine.Reason] values: a guard's
        (its ``rule`` the guard's name), ``no-transition`` when the state has no such
        event, ``after-last-event`` when ``at`` is before the last event.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> case = d.start("case-1", at=t)
            >>> case.can("close", at=t).allowed
            True
            >>> [str(r) for r in case.can("reopen", at=t).reasons]
            ["[no-transition] event 'reopen' is not allowed from state 'open'; expected one of: 'close'"]
        """
        moment = at if at.__class__ is _DATETIME and at.tzinfo is _UTC else as_utc(at)
        route = self.definition._table[self.state].get(event) if isinstance(event, str) else None  # noqa: SLF001
        if route is None:
            return Verdict.deny(Reason("no-transition", str(self._not_allowed(event))))
        frozen = _EMPTY if data is None else freeze_data(data)
        if moment < self.updated_at:
            return Verdict.deny(_too_early(self, moment))
        chosen, reasons = _evaluate(self, route, context, frozen)
        if chosen is not None:
            return ALLOW
        return Verdict(allowed=False, reasons=tuple(reasons))

    def options(
        self, *, at: dt.datetime, context: Any = None, data: Mapping[str, Any] | None = None
    ) -> tuple[EventOption, ...]:
        """Every event the current state allows, whether it can fire at ``at``, and the reasons if not.

        This is what a user interface shows: the buttons, and why some are greyed out.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Definition, State, Transition, Verdict, guard
            >>> budget = guard("has-budget", lambda ctx, data: Verdict.allow() if ctx["budget"]
            ...                else Verdict.deny("no budget left"))
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed", guards=[budget])])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> d.start("c", at=t).options(at=t, context={"budget": 0})
            (EventOption(event='close', allowed=False, target=None, reasons=(Reason(rule='has-budget', text='no budget left'),)),)
        """
        moment = at if at.__class__ is _DATETIME and at.tzinfo is _UTC else as_utc(at)
        frozen = _EMPTY if data is None else freeze_data(data)
        if moment < self.updated_at:
            early = (_too_early(self, moment),)
            return tuple(
                EventOption(event, allowed=False, target=None, reasons=early)
                for event in self.definition._table[self.state]  # noqa: SLF001 - the engine's own table
            )
        out = []
        for event, route in self.definition._table[self.state].items():  # noqa: SLF001 - the engine's own table
            chosen, reasons = _evaluate(self, route, context, frozen)
            out.append(
                EventOption(
                    event,
                    chosen is not None,
                    None if chosen is None else chosen.target,
                    () if chosen is not None else tuple(reasons),
                )
            )
        return tuple(out)

    # ---------------------------------------------------------------- deadlines
    def due(self, *, at: dt.datetime) -> tuple[Due, ...]:
        """What is due at moment ``at``: the current state's deadlines and its transitions'.

        Each is ``upcoming``, ``due`` (within its warning window) or ``overdue``;
        the child machine's deadlines follow the parent's. Nothing runs by itself:
        the host asks, then fires.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import Deadline, Definition, Period, State, Transition
            >>> d = Definition("contract", states=[State("live", initial=True, deadlines=[
            ...     Deadline("annual review", after=Period(months=12), warn_before=Period(months=1))]),
            ...     State("ended", final=True)], transitions=[Transition("live", "end", "ended")])
            >>> c = d.start("c1", at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
            >>> [x.status for x in c.due(at=dt.datetime(2026, 12, 20, tzinfo=dt.UTC))]
            ['due']
        """
        moment = as_utc(at)
        definition = self.definition
        entered = self.entered_at
        items: list[Due] = []
        state = definition._by_name[self.state]  # noqa: SLF001 - the engine's own index
        for deadline in state.deadlines:
            items.append(_due(deadline, self.state, None, entered, moment))
        for t in definition.transitions:
            if t.deadline is not None and self.state in t.source:
                items.append(_due(t.deadline, self.state, t.event, entered, moment))
        if self.child is not None:
            items.extend(self.child.due(at=moment))
        return tuple(items)

    # ------------------------------------------------------------------ errors
    def _not_allowed(self, event: object) -> Exception:
        if not isinstance(event, str):
            return InvalidInputType([Problem("event", "an event name (str)", event, "type")])
        return TransitionNotAllowed(event, self.state, self.definition._table[self.state])  # noqa: SLF001


def _due(
    deadline: Any, state: str, event: str | None, entered: dt.datetime, moment: dt.datetime
) -> Due:
    due_at = deadline.after.after(entered)
    if moment > due_at:
        status = "overdue"
    elif moment >= deadline.warn_before.before(due_at):
        status = "due"
    else:
        status = "upcoming"
    return Due(deadline.name, state, event, due_at, status)


def _evaluate(
    instance: Instance, route: Route, context: Any, data: Mapping[str, Any]
) -> tuple[CompiledTransition | None, list[Reason]]:
    """The first candidate every guard allows, else None and every reason given."""
    reasons: list[Reason] = []
    for cand in route.candidates:
        failed = False
        if cand.requires_child_final:
            child = instance.child
            if child is None or not child.is_final:
                failed = True
                where = "none" if child is None else f"in state {child.state!r}"
                reasons.append(
                    Reason(
                        "child-final",
                        f"the child machine of {instance.state!r} must be in a final state ({where})",
                    )
                )
        for g in cand.guards:
            verdict = g.check(context, data)
            if verdict is ALLOW:
                continue
            if verdict.__class__ is not Verdict:
                raise InvalidInputType(
                    [Problem(f"guard {g.name!r} result", "a Verdict", verdict, "type")]
                )
            if not verdict.allowed:
                failed = True
                reasons.extend(_named(g.name, verdict.reasons))
        if not failed:
            return cand, reasons
    return None, reasons


def _single_refused(
    instance: Instance,
    single: CompiledTransition,
    event: str,
    context: Any,
    data: Mapping[str, Any],
    failed: Any,
    verdict: Any,
) -> None:
    """Judge the rest of a lone guarded transition after ``failed`` gave ``verdict``.

    Returns when every verdict allows after all (an allowing verdict other than the
    shared one); otherwise raises [`GuardRejected`][commissioning.GuardRejected] with every reason. Each
    guard runs once.
    """
    reasons: list[Reason] = []
    checks = single.checks
    start = checks.index(failed)  # the guards before it allowed
    for k in range(start, len(checks)):
        guard = single.guards[k]
        result = verdict if k == start else checks[k](context, data)
        if result is ALLOW:
            continue
        if result.__class__ is not Verdict:
            raise InvalidInputType(
                [Problem(f"guard {guard.name!r} result", "a Verdict", result, "type")]
            )
        if not result.allowed:
            reasons.extend(_named(guard.name, result.reasons))
    if reasons:
        raise GuardRejected(event, instance.state, reasons)


def _named(name: str, reasons: tuple[Reason, ...]) -> list[Reason]:
    """A guard's reasons, each empty ``rule`` filled with the guard's name."""
    return [r if r.rule else Reason(name, r.text) for r in reasons]


def _too_early(instance: Instance, moment: dt.datetime) -> Reason:
    return Reason(
        "after-last-event",
        f"at {moment.isoformat()} is before the last event ({instance.updated_at.isoformat()})",
    )


def _choose(
    instance: Instance, route: Route, event: str, context: Any, data: Mapping[str, Any]
) -> CompiledTransition:
    chosen, reasons = _evaluate(instance, route, context, data)
    if chosen is None:
        raise GuardRejected(event, instance.state, reasons)
    return chosen


def _backwards(instance: Instance, at: dt.datetime) -> InvalidInput:
    return InvalidInput.of(
        "at",
        f"a moment on or after the last event ({instance.updated_at.isoformat()})",
        at.isoformat(),
    )


def _bad_actor(actor: object) -> InvalidInput:
    if isinstance(actor, str):
        return InvalidInput.of("actor", "a non-empty str naming who acts", actor)
    return InvalidInputType([Problem("actor", "a non-empty str naming who acts", actor, "type")])


def freeze_data(
    data: Any,
    *,
    field: str = "data",
    max_depth: int = MAX_DATA_DEPTH,
    max_items: int = MAX_DATA_ITEMS,
) -> Mapping[str, Any]:
    """Check that event data is JSON-compatible and return a read-only deep copy.

    Objects become read-only mappings (string keys only), arrays tuples; allowed
    leaves are ``None``, ``bool``, ``int`` (at most 60 digits, so that it
    round-trips through any JSON reader), finite ``float`` and ``str``. Against
    hostile payloads, nesting is limited to ``max_depth`` levels (32 by default,
    [`MAX_DATA_DEPTH`][commissioning.machine]) and size to ``max_items`` values in all (100,000,
    [`MAX_DATA_ITEMS`][commissioning.machine]); pass your own limits to load larger data.

    Examples:
        >>> dict(freeze_data({"ids": [1, 2]}))
        {'ids': (1, 2)}
        >>> freeze_data({"a": {"b": 1}}, max_depth=1)
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: data.a: expected at most 1 levels of nesting, received 'deeper'
    """
    if data.__class__ is MappingProxyType and not data:
        return _EMPTY
    if not isinstance(data, Mapping):
        raise InvalidInputType([Problem(field, "a mapping of str to JSON values", data, "type")])
    limits = [max_items, max_depth, max_items]
    frozen = _freeze(data, field, 0, limits)
    assert isinstance(frozen, Mapping)  # noqa: S101 - a mapping freezes to a mapping
    return frozen


_MAX_INT = 10**60


def _freeze(value: Any, field: str, depth: int, limits: list[int]) -> Any:
    # limits: [items left, max depth, max items]
    limits[0] -= 1
    if limits[0] < 0:
        raise InvalidInput.of(field, f"at most {limits[2]} items in all", "a larger payload")
    cls = value.__class__
    if value is None or cls is bool or cls is str:
        return value
    if cls is int:
        if -_MAX_INT < value < _MAX_INT:
            return value
        raise InvalidInput.of(field, "an int of at most 60 digits", value)
    if cls is float:
        if not math.isfinite(value):
            raise InvalidInput.of(field, "a finite number", value)
        return value
    if depth >= limits[1]:
        raise InvalidInput.of(field, f"at most {limits[1]} levels of nesting", "deeper")
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if k.__class__ is not str:
                raise InvalidInputType([Problem(f"{field} key", "a str", k, "type")])
            out[k] = _freeze(v, f"{field}.{k}", depth + 1, limits)
        return MappingProxyType(out)
    if isinstance(value, list | tuple):
        return tuple(_freeze(v, f"{field}[{i}]", depth + 1, limits) for i, v in enumerate(value))
    raise InvalidInputType(
        [Problem(field, "a JSON value (None, bool, int, float, str, list, mapping)", value, "type")]
    )


def _step(index: int, step: object) -> tuple[Any, Any, Any]:
    """A ``fire_many`` step as ``(event, at, data)``; anything else is refused."""
    if not isinstance(step, list | tuple):
        raise InvalidInputType(
            [Problem(f"steps[{index}]", "(event, at) or (event, at, data)", step, "type")]
        )
    if len(step) == 2:
        return step[0], step[1], None
    if len(step) == 3:
        return step[0], step[1], step[2]
    raise InvalidInput.of(f"steps[{index}]", "(event, at) or (event, at, data)", step)


def fold(instance: Instance, records: Iterable[Any]) -> Instance:
    """``instance`` with ``records`` applied in order: [`Instance.apply`][commissioning.machine.Instance.apply], fast.

    Ordinary records (the next version of this stream, in UTC, not going back in
    time, leaving the current state by a transition the definition has, entering
    a state that hosts no child machine) are folded in local variables, without
    building an instance per record; anything else (a child's record, a state
    that hosts a child, any record that does not fit) goes through
    [`Instance.apply`][commissioning.machine.Instance.apply], which handles it or raises the same
    [`InvalidHistory`][commissioning.InvalidHistory] as before. Replay is this fold.
    """
    definition = instance.definition
    table = definition._table  # noqa: SLF001 - the engine's own table
    hosts = definition._hosts  # noqa: SLF001 - the engine's own index
    stream_id = instance.id
    state = instance.state
    version = instance.version
    entered = instance.entered_at
    last = instance.updated_at
    child = instance.child
    started = instance.started_at
    trail = instance._trail  # noqa: SLF001 - same module
    record_class = EventRecord
    for record in records:
        if record.__class__ is record_class:
            at = record.occurred_at
            target = record.target
            event = record.event
            if (
                at.__class__ is _DATETIME
                and at.tzinfo is _UTC
                and at >= last
                and record.version.__class__ is int
                and record.version == version + 1
                and record.stream_id == stream_id
                and record.source == state
                and not record.path
                and target.__class__ is str
                and target not in hosts
                and event.__class__ is str
                and record.actor.__class__ is str
                and record.actor
            ):
                route = table[state].get(event)
                if route is not None and target in route.targets:
                    version += 1
                    state = target
                    entered = last = at
                    child = None
                    trail = (record, trail)
                    continue
        current = _make_instance(
            definition, stream_id, state, version, entered, last, child, started, trail
        )
        current = current.apply(record)
        state = current.state
        version = current.version
        entered = current.entered_at
        last = current.updated_at
        child = current.child
        trail = current._trail  # noqa: SLF001 - same class
    return _make_instance(
        definition, stream_id, state, version, entered, last, child, started, trail
    )


def _make_instance(
    definition: Definition,
    stream_id: str,
    state: str,
    version: int,
    entered_at: dt.datetime,
    updated_at: dt.datetime,
    child: Instance | None,
    started_at: dt.datetime,
    trail: tuple[EventRecord, Any] | None,
) -> Instance:
    """An [`Instance`][commissioning.machine.Instance] from fields the engine has already checked (no validation)."""
    new = _new(_InstanceFields)
    new.definition = definition
    new.id = stream_id
    new.state = state
    new.version = version
    new.entered_at = entered_at
    new.updated_at = updated_at
    new.child = child
    new.started_at = started_at
    new._trail = trail  # noqa: SLF001 - the slot being built
    new.__class__ = Instance
    return new  # type: ignore[return-value]  # its class is Instance now


def _instance_key(i: _InstanceFields) -> tuple[Any, ...]:
    return (i.definition, i.id, i.state, i.version, i.entered_at, i.updated_at, i.child)


def _wrong_fields(record: EventRecord) -> str:
    """Why a record's fields are not what a machine record holds, field by field."""
    expected = {
        "stream_id": "a str",
        "version": "an int",
        "event": "a str",
        "occurred_at": "a datetime in UTC (tzinfo datetime.UTC)",
        "actor": "a non-empty str",
        "path": "a tuple of state names",
        "source": "the state it left (a str)",
        "target": "the state it entered (a str)",
    }
    wrong = []
    for name, what in expected.items():
        value = getattr(record, name)
        ok = {
            "occurred_at": value.__class__ is _DATETIME and getattr(value, "tzinfo", None) is _UTC,
            "actor": value.__class__ is str and bool(value),
            "version": value.__class__ is int,
            "path": value.__class__ is tuple,
        }.get(name, value.__class__ is str)
        if not ok:
            wrong.append(f"{name} must be {what}, not {_short(value, 40)}")
    return "; ".join(wrong)


def _trails_equal(a: Any, b: Any) -> bool:
    """Whether two trails hold equal records, walked without recursion (shared tails stop early)."""
    while a is not b:
        if a is None or b is None or a[0] != b[0]:
            return False
        a, b = a[1], b[1]
    return True


def _definition_class() -> type:
    from ._definition import Definition  # noqa: PLC0415 - the definition module imports this one

    return Definition
