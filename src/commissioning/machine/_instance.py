"""Instances and event records: pure, immutable firing with the time passed in.

``Instance`` and ``EventRecord`` are typed named tuples rather than attrs
classes: the fire loop builds one of each per transition, and measured here a
9-field tuple costs about a twentieth of a frozen attrs instance (168 ns against
3,469 ns; see the performance page).
They are immutable all the same.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from .._aggregate import check_expected_version, records_until
from .._errors import (
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

MAX_DATA_DEPTH = 32
MAX_DATA_ITEMS = 100_000


class EventRecord(NamedTuple):
    """What happened: one recorded event, to store, replay and audit (the one envelope).

    Every aggregate of the library records its history as these (issue 11):
    domain detail goes in :attr:`data`, never in new fields. A record is a value,
    equal only to another ``EventRecord`` with equal fields.

    Attributes:
        stream_id: the aggregate (the root instance) the event happened to.
        version: its sequence number, 1 for the first record, one more each time.
        event: the event's (or command's) name.
        occurred_at: when, in UTC.
        actor: who acted.
        data: the event's data (read-only, JSON-compatible), empty when none.
        path: for an event fired on a child machine, the parent states leading to it; ``()`` otherwise.
        source: the machine state it left (``None`` for records that change no machine state).
        target: the machine state it entered (``None`` likewise).

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        ...                 "ann", {}, (), "open", "closed")
        >>> r.version, r.target
        (1, 'closed')
        >>> r == tuple(r)
        False
    """

    stream_id: str
    version: int
    event: str
    occurred_at: dt.datetime
    actor: str
    data: Mapping[str, Any]
    path: tuple[str, ...]
    source: str | None
    target: str | None

    def __eq__(self, other: object) -> bool:
        return other.__class__ is EventRecord and _tuple_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return _tuple_hash(self)


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


_tuple_new = tuple.__new__
_tuple_eq = tuple.__eq__
_tuple_hash = tuple.__hash__


class Instance(NamedTuple):
    """One subject's place in a machine: immutable; every change is a new instance and a record.

    Create one with :meth:`Definition.start <commissioning.machine.Definition.start>`
    or :meth:`replay`; change it with :meth:`fire` (or :meth:`fire_child`), which
    returns the new instance and the records to store (a tuple of one
    :class:`EventRecord`). Context (the facts guards judge) is passed in when
    asking or firing; it is never stored on the instance.

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
        trail: its records as a persistent linked list, newest first (``(record, rest)``
            pairs ending in ``None``), so that firing stays O(1); read :attr:`history`.
    """

    definition: Definition
    id: str
    state: str
    version: int
    entered_at: dt.datetime
    updated_at: dt.datetime
    child: Instance | None
    started_at: dt.datetime
    trail: tuple[EventRecord, Any] | None

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
        return _tuple_eq(self[:7], other[:7]) and _trails_equal(self[8], other[8])

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self[:7])

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
        cell = self[8]
        while cell is not None:
            out.append(cell[0])
            cell = cell[1]
        out.reverse()
        return tuple(out)

    @classmethod
    def replay(cls, records: Iterable[EventRecord], *, definition: Definition) -> Instance:
        """Rebuild an instance of ``definition`` from its records (see :meth:`Definition.replay`).

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
        if moment < self[7]:
            raise InvalidInput.of(
                "at", f"a moment on or after the instance started ({self[7].isoformat()})", at
            )
        prefix = records_until(self.history, moment)
        return self[0].replay(prefix, stream_id=self[1], started_at=self[7])

    def to_data(self) -> dict[str, Any]:
        """The stored form: format, definition name, stream id, start and records (see :meth:`from_data`)."""
        from ._serialisation import instance_to_data  # noqa: PLC0415 - serialisation imports this module

        return instance_to_data(self)

    @classmethod
    def from_data(cls, data: Any, *, definition: Definition) -> Instance:
        """Rebuild an instance of ``definition`` from :meth:`to_data`'s form, checking everything.

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
    def fire(
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

        The records are a tuple of one :class:`EventRecord` (the shape every
        aggregate's commands return).

        Guards see ``(context, data)``. Nothing changes when anything is refused:
        :class:`~commissioning.TransitionNotAllowed` (no such event from this state),
        :class:`~commissioning.GuardRejected` (with every failing guard's reasons),
        :class:`~commissioning.VersionConflict` (``expected_version`` given and not
        matched), :class:`~commissioning.InvalidInput` (``at`` naive or earlier than
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
        # One unpacking instead of six indexings: CPython 3.11 specialises indexing of
        # exact tuples only, and an Instance is a tuple subclass (performance page).
        definition, instance_id, state, version, _, last_at, _, started, trail = self
        if expected_version is not None and (
            expected_version.__class__ is not int or expected_version != version
        ):
            check_expected_version(instance_id, expected_version, version)
        try:
            route: Route = definition._table[state][event]  # noqa: SLF001 - the engine's own table
        except (KeyError, TypeError):
            raise self._not_allowed(event) from None
        if at.__class__ is not _DATETIME or at.tzinfo is not _UTC:
            at = as_utc(at)
        if at < last_at:
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
        record = _tuple_new(
            EventRecord, (instance_id, version, event, at, actor, data, (), state, target)
        )
        return (
            _tuple_new(
                Instance,
                (definition, instance_id, target, version, at, at, child, started, (record, trail)),
            ),
            (record,),
        )

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
        child = self[6]
        if child is None:
            raise TransitionNotAllowed(
                event, self[2], (), detail=f" (state {self[2]!r} hosts no child machine)"
            )
        at = as_utc(at)
        if at < self[5]:
            raise _backwards(self, at)
        check_expected_version(self[1], expected_version, self[3])
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
        version = self[3] + 1
        record = _tuple_new(
            EventRecord,
            (
                self[1],
                version,
                sub.event,
                at,
                sub.actor,
                sub.data,
                (self[2], *sub.path),
                sub.source,
                sub.target,
            ),
        )
        instance = _tuple_new(
            Instance,
            (
                self[0],
                self[1],
                self[2],
                version,
                self[4],
                at,
                new_child,
                self[7],
                (record, self[8]),
            ),
        )
        return instance, (record,)

    def apply(self, record: EventRecord) -> Instance:
        """Fold one stored record into the instance, checking that it fits (no guards are run).

        Raises :class:`~commissioning.InvalidHistory` naming the record's version
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
        index = self[3]
        if not isinstance(record, EventRecord):
            raise InvalidHistory(
                index, record, f"expected an EventRecord, received {_short(record)}"
            )
        if record.stream_id != self[1]:
            raise InvalidHistory(
                index, record, f"belongs to stream {_short(record.stream_id)}, not {self[1]!r}"
            )
        if record.version != self[3] + 1:
            raise InvalidHistory(
                index, record, f"expected version {self[3] + 1}, received {_short(record.version)}"
            )
        at = record.occurred_at
        if not isinstance(at, dt.datetime) or at.utcoffset() is None:
            raise InvalidHistory(
                index, record, f"occurred_at must be an aware datetime, not {_short(at)}"
            )
        if at < self[5]:
            raise InvalidHistory(
                index,
                record,
                f"occurred at {at.isoformat()}, before the previous event at {self[5].isoformat()}",
            )
        data = record.data
        try:
            data = freeze_data(data, field="data")
            return self._apply_path(record, record, record.path, at, data)
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
            own = _tuple_new(
                EventRecord,
                (
                    self[1],
                    self[3] + 1,
                    record.event,
                    at,
                    record.actor,
                    data,
                    path,
                    record.source,
                    record.target,
                ),
            )
        if not isinstance(path, tuple):
            raise InvalidInput.of("path", "a tuple of state names", path)
        if path:
            child = self[6]
            if path[0] != self[2] or child is None:
                raise TransitionNotAllowed(
                    record.event,
                    self[2],
                    (),
                    detail=f" (the record's path expects a child machine hosted by {path[0]!r})",
                )
            new_child = child._apply_path(record, None, path[1:], at, data)  # noqa: SLF001 - same class
            return _tuple_new(
                Instance,
                (
                    self[0],
                    self[1],
                    self[2],
                    self[3] + 1,
                    self[4],
                    at,
                    new_child,
                    self[7],
                    (own, self[8]),
                ),
            )
        definition = self[0]
        if record.source != self[2]:
            raise TransitionNotAllowed(
                record.event,
                self[2],
                (),
                detail=f" (the record says it left {record.source!r}, but the instance is in {self[2]!r})",
            )
        route = definition._table[self[2]].get(record.event)  # noqa: SLF001 - the engine's own table
        if route is None or record.target not in route.targets:
            raise TransitionNotAllowed(
                record.event,
                self[2],
                definition._table[self[2]],  # noqa: SLF001
                detail=f" to {record.target!r}",
            )
        if record.actor.__class__ is not str or not record.actor:
            raise InvalidInput.of("actor", "a non-empty str", record.actor)
        target = record.target
        child = (
            definition._start_child(target, self[1], at, data)  # noqa: SLF001 - same engine
            if definition._by_name[target].children  # noqa: SLF001
            else None
        )
        return _tuple_new(
            Instance,
            (definition, self[1], target, self[3] + 1, at, at, child, self[7], (own, self[8])),
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

        A refusal's reasons are :class:`~commissioning.Reason` values: a guard's
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
        route = self[0]._table[self[2]].get(event) if isinstance(event, str) else None  # noqa: SLF001
        if route is None:
            return Verdict.deny(Reason("no-transition", str(self._not_allowed(event))))
        frozen = _EMPTY if data is None else freeze_data(data)
        if moment < self[5]:
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
        if moment < self[5]:
            early = (_too_early(self, moment),)
            return tuple(
                EventOption(event, allowed=False, target=None, reasons=early)
                for event in self[0]._table[self[2]]  # noqa: SLF001 - the engine's own table
            )
        out = []
        for event, route in self[0]._table[self[2]].items():  # noqa: SLF001 - the engine's own table
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
        definition = self[0]
        entered = self[4]
        items: list[Due] = []
        state = definition._by_name[self[2]]  # noqa: SLF001 - the engine's own index
        for deadline in state.deadlines:
            items.append(_due(deadline, self[2], None, entered, moment))
        for t in definition.transitions:
            if t.deadline is not None and self[2] in t.source:
                items.append(_due(t.deadline, self[2], t.event, entered, moment))
        if self[6] is not None:
            items.extend(self[6].due(at=moment))
        return tuple(items)

    # ------------------------------------------------------------------ errors
    def _not_allowed(self, event: object) -> Exception:
        if not isinstance(event, str):
            return InvalidInputType([Problem("event", "an event name (str)", event, "type")])
        return TransitionNotAllowed(event, self[2], self[0]._table[self[2]])  # noqa: SLF001


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
            child = instance[6]
            if child is None or not child.is_final:
                failed = True
                where = "none" if child is None else f"in state {child.state!r}"
                reasons.append(
                    Reason(
                        "child-final",
                        f"the child machine of {instance[2]!r} must be in a final state ({where})",
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
    shared one); otherwise raises :class:`GuardRejected` with every reason. Each
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
        raise GuardRejected(event, instance[2], reasons)


def _named(name: str, reasons: tuple[Reason, ...]) -> list[Reason]:
    """A guard's reasons, each empty ``rule`` filled with the guard's name."""
    return [r if r.rule else Reason(name, r.text) for r in reasons]


def _too_early(instance: Instance, moment: dt.datetime) -> Reason:
    return Reason(
        "after-last-event",
        f"at {moment.isoformat()} is before the last event ({instance[5].isoformat()})",
    )


def _choose(
    instance: Instance, route: Route, event: str, context: Any, data: Mapping[str, Any]
) -> CompiledTransition:
    chosen, reasons = _evaluate(instance, route, context, data)
    if chosen is None:
        raise GuardRejected(event, instance[2], reasons)
    return chosen


def _backwards(instance: Instance, at: dt.datetime) -> InvalidInput:
    return InvalidInput.of(
        "at",
        f"a moment on or after the last event ({instance[5].isoformat()})",
        at.isoformat(),
    )


def _bad_actor(actor: object) -> InvalidInput:
    if isinstance(actor, str):
        return InvalidInput.of("actor", "a non-empty str naming who acts", actor)
    return InvalidInputType([Problem("actor", "a non-empty str naming who acts", actor, "type")])


def freeze_data(data: Any, *, field: str = "data") -> Mapping[str, Any]:
    """Check that event data is JSON-compatible and return a read-only deep copy.

    Objects become read-only mappings (string keys only), arrays tuples; allowed
    leaves are ``None``, ``bool``, ``int``, finite ``float`` and ``str``. Depth is
    limited to 32 levels and size to 100,000 items, against hostile payloads.

    Examples:
        >>> dict(freeze_data({"ids": [1, 2]}))
        {'ids': (1, 2)}
    """
    if data.__class__ is MappingProxyType and not data:
        return _EMPTY
    if not isinstance(data, Mapping):
        raise InvalidInputType([Problem(field, "a mapping of str to JSON values", data, "type")])
    budget = [MAX_DATA_ITEMS]
    frozen = _freeze(data, field, 0, budget)
    assert isinstance(frozen, Mapping)  # noqa: S101 - a mapping freezes to a mapping
    return frozen


def _freeze(value: Any, field: str, depth: int, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise InvalidInput.of(field, f"at most {MAX_DATA_ITEMS} items in all", "a larger payload")
    if value is None or value.__class__ in (bool, int, str):
        return value
    if value.__class__ is float:
        if not math.isfinite(value):
            raise InvalidInput.of(field, "a finite number", value)
        return value
    if depth >= MAX_DATA_DEPTH:
        raise InvalidInput.of(field, f"at most {MAX_DATA_DEPTH} levels of nesting", "deeper")
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if k.__class__ is not str:
                raise InvalidInputType([Problem(f"{field} key", "a str", k, "type")])
            out[k] = _freeze(v, f"{field}.{k}", depth + 1, budget)
        return MappingProxyType(out)
    if isinstance(value, list | tuple):
        return tuple(_freeze(v, f"{field}[{i}]", depth + 1, budget) for i, v in enumerate(value))
    raise InvalidInputType(
        [Problem(field, "a JSON value (None, bool, int, float, str, list, mapping)", value, "type")]
    )


def _new_instance(fields: tuple[Any, ...]) -> Instance:
    return _tuple_new(Instance, fields)


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
