"""Machine definitions: states, transitions and guards, validated once at construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidDefinition, InvalidHistory, InvalidInput, _short
from .._time import as_utc
from .._validation import Checker
from ._deadlines import Deadline
from ._guards import Guard

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CompiledTransition", "Definition", "Route", "State", "Transition"]


def _as_tuple(value: Any) -> Any:
    """Convert lists and tuples to tuples; leave anything else for validation to report."""
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _as_sources(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    return _as_tuple(value)


def _name_ok(check: Checker, field: str, value: Any) -> None:
    if check.type(field, value, str, "a non-empty str"):
        check.that(bool(value.strip()), field, "a non-empty str", value)


@attrs.frozen
class State:
    """A state of a machine.

    Exactly one state of a definition is ``initial``; any number are ``final``
    (no transition may leave a final state). A state may host child machines
    (``children``): when the instance enters it, a child instance is started
    (with several, the entering event's data names which, as ``data["child"]``).
    ``deadlines`` fall due while the instance stays in the state.

    Examples:
        >>> from commissioning.machine import Deadline, Period
        >>> State("delivery", deadlines=[Deadline("annual review", after=Period(months=12))])
        State(name='delivery', initial=False, final=False, children=(), deadlines=(Deadline(name='annual review', ...),), description='')
    """

    name: str
    initial: bool = attrs.field(default=False, kw_only=True)
    final: bool = attrs.field(default=False, kw_only=True)
    children: tuple[Definition, ...] = attrs.field(default=(), kw_only=True, converter=_as_tuple)
    deadlines: tuple[Deadline, ...] = attrs.field(default=(), kw_only=True, converter=_as_tuple)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _name_ok(check, "name", self.name)
        check.type("initial", self.initial, bool, "a bool")
        check.type("final", self.final, bool, "a bool")
        if check.type("children", self.children, tuple, "a tuple of Definitions"):
            for i, child in enumerate(self.children):
                check.type(f"children[{i}]", child, Definition, "a Definition")
            names = [c.name for c in self.children if isinstance(c, Definition)]
            check.that(
                len(names) == len(set(names)),
                "children",
                "child definitions with distinct names",
                names,
            )
        if check.type("deadlines", self.deadlines, tuple, "a tuple of Deadlines"):
            for i, d in enumerate(self.deadlines):
                check.type(f"deadlines[{i}]", d, Deadline, "a Deadline")
        check.type("description", self.description, str, "a str")
        check.done()


@attrs.frozen
class Transition:
    """``source --event--> target``, allowed only when every guard allows.

    ``source`` may be one state name or several. ``requires_child_final``
    refuses the transition until the child machine hosted by the current state
    has reached a final state. ``deadline`` says by when the event should fire
    after the instance entered the source state.

    Examples:
        >>> Transition(("plan", "do"), "review", "review")
        Transition(source=('plan', 'do'), event='review', target='review', guards=(), requires_child_final=False, deadline=None, description='')
    """

    source: tuple[str, ...] = attrs.field(converter=_as_sources)
    event: str
    target: str
    guards: tuple[Guard, ...] = attrs.field(default=(), kw_only=True, converter=_as_tuple)
    requires_child_final: bool = attrs.field(default=False, kw_only=True)
    deadline: Deadline | None = attrs.field(default=None, kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("source", self.source, tuple, "a state name or a tuple of them"):
            check.that(bool(self.source), "source", "at least one state name", self.source)
            for i, s in enumerate(self.source):
                _name_ok(check, f"source[{i}]", s)
        _name_ok(check, "event", self.event)
        _name_ok(check, "target", self.target)
        if check.type("guards", self.guards, tuple, "a tuple of Guards"):
            for i, g in enumerate(self.guards):
                check.type(f"guards[{i}]", g, Guard, "a Guard")
        check.type("requires_child_final", self.requires_child_final, bool, "a bool")
        if self.deadline is not None:
            check.type("deadline", self.deadline, Deadline, "a Deadline or None")
        check.type("description", self.description, str, "a str")
        check.done()

    @property
    def guarded(self) -> bool:
        """Whether anything (a guard or a child requirement) can refuse this transition."""
        return bool(self.guards) or self.requires_child_final


class CompiledTransition:
    """One (source, transition) pair, precomputed for the fire loop. Internal."""

    __slots__ = ("checks", "child_defs", "guards", "requires_child_final", "target", "transition")

    def __init__(self, transition: Transition, child_defs: tuple[Definition, ...]) -> None:
        self.transition = transition
        self.target = transition.target
        self.guards = transition.guards
        self.checks = tuple(g.check for g in transition.guards)
        self.requires_child_final = transition.requires_child_final
        self.child_defs = child_defs


class Route:
    """Every transition for one (state, event), guarded ones first. Internal.

    ``only`` is set when a single transition can never be refused, the fast path.
    """

    __slots__ = ("candidates", "only", "single", "targets")

    def __init__(self, candidates: tuple[CompiledTransition, ...]) -> None:
        self.candidates = candidates
        first = candidates[0]
        alone = len(candidates) == 1 and not first.requires_child_final
        self.only = first if alone and not first.guards else None
        self.single = first if alone and first.guards else None
        self.targets = frozenset(c.target for c in candidates)


MAX_CHILD_DEPTH = 16
_DATETIME = dt.datetime
_UTC = dt.UTC


@attrs.frozen(cache_hash=True)
class Definition:
    """An immutable, validated state machine definition.

    Validation happens once, here, by a walk of the state graph (networkx is
    imported only when [`to_networkx`][commissioning.machine.Definition.to_networkx] is asked for); [`InvalidDefinition`][commissioning.InvalidDefinition]
    lists every problem found: not exactly one initial state, duplicate or unknown
    state names, transitions out of final states, states unreachable from the
    initial one, trap states (non-final states that cannot reach a final state),
    ambiguous transitions (two that can never be refused for the same source and
    event) and duplicate guard names.

    Examples:
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> d.initial, d.final_states
        ('open', frozenset({'closed'}))
        >>> Definition("bad", states=[State("a"), State("b", final=True)], transitions=[])
        Traceback (most recent call last):
        ...
        commissioning.InvalidDefinition: definition 'bad' is invalid (2 problems):
          - expected exactly one initial state, received none
          - state 'a' is a trap: no final state can be reached from it
    """

    name: str
    states: tuple[State, ...] = attrs.field(kw_only=True, converter=_as_tuple)
    transitions: tuple[Transition, ...] = attrs.field(kw_only=True, converter=_as_tuple)
    description: str = attrs.field(default="", kw_only=True)
    _initial: str = attrs.field(init=False, repr=False, eq=False, hash=False)
    _finals: frozenset[str] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _by_name: dict[str, State] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _table: dict[str, dict[str, Route]] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _initial_hosts: bool = attrs.field(init=False, repr=False, eq=False, hash=False)
    _hosts: frozenset[str] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _name_ok(check, "name", self.name)
        if check.type("states", self.states, tuple, "a sequence of States"):
            for i, s in enumerate(self.states):
                check.type(f"states[{i}]", s, State, "a State")
        if check.type("transitions", self.transitions, tuple, "a sequence of Transitions"):
            for i, t in enumerate(self.transitions):
                check.type(f"transitions[{i}]", t, Transition, "a Transition")
        check.type("description", self.description, str, "a str")
        check.done()
        problems = _structural_problems(self)
        if problems:
            raise InvalidDefinition(self.name, problems)
        by_name = {s.name: s for s in self.states}
        set_ = object.__setattr__
        set_(self, "_by_name", by_name)
        set_(self, "_initial", next(s.name for s in self.states if s.initial))
        set_(self, "_finals", frozenset(s.name for s in self.states if s.final))
        set_(self, "_table", _compile(self, by_name))
        set_(self, "_initial_hosts", bool(by_name[self._initial].children))
        set_(self, "_hosts", frozenset(s.name for s in self.states if s.children))

    # ----------------------------------------------------------------- queries
    @property
    def initial(self) -> str:
        """The name of the initial state."""
        return self._initial

    @property
    def final_states(self) -> frozenset[str]:
        """The names of the final states."""
        return self._finals

    @property
    def state_names(self) -> tuple[str, ...]:
        """Every state name, in definition order."""
        return tuple(s.name for s in self.states)

    @property
    def events(self) -> frozenset[str]:
        """Every event name the definition knows."""
        return frozenset(t.event for t in self.transitions)

    def state(self, name: str) -> State:
        """The state called ``name``; an unknown name raises [`InvalidInput`][commissioning.InvalidInput]."""
        try:
            return self._by_name[name]
        except (KeyError, TypeError):
            raise InvalidInput.of(
                "name", f"a state of {self.name!r} ({', '.join(self._by_name)})", name
            ) from None

    def events_from(self, state: str) -> tuple[str, ...]:
        """The events the definition allows from ``state``, in definition order."""
        return tuple(self._table[self.state(state).name])

    def transitions_for(self, state: str, event: str) -> tuple[Transition, ...]:
        """The transitions ``event`` may take from ``state`` (guarded ones first)."""
        route = self._table[self.state(state).name].get(event)
        return () if route is None else tuple(c.transition for c in route.candidates)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """A new networkx graph of the states: nodes carry ``state``, edges ``event`` and ``transition``.

        Built on each call (the caller owns it), so networkx is imported only here.

        Examples:
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> g = d.to_networkx()
            >>> list(g.edges(data="event"))
            [('open', 'closed', 'close')]
        """
        return _graph(self)

    # ------------------------------------------------------------- instances
    def start(self, stream_id: str, *, at: dt.datetime) -> Instance:
        """A new instance in the initial state, created ``at`` (an aware datetime), with no record.

        Its version is 0 and its history empty: the host knows the definition, so
        starting needs no record (issue 11, section 2).

        Examples:
            >>> import datetime as dt
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> d.start("case-1", at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
            Instance(id='case-1', definition='review', state='open', version=0)
        """
        if stream_id.__class__ is not str or not stream_id:
            check = Checker()
            _name_ok(check, "stream_id", stream_id)
            check.done()
        if at.__class__ is not _DATETIME or at.tzinfo is not _UTC:
            at = as_utc(at)
        initial = self._initial
        if self._initial_hosts:
            child = self._start_child(initial, stream_id, at, None)
            return _make_instance(self, stream_id, initial, 0, at, at, child, at, None)
        return _make_instance(self, stream_id, initial, 0, at, at, None, at, None)

    def _start_child(
        self, state: str, parent_id: str, at: dt.datetime, data: Mapping[str, Any] | None
    ) -> Instance | None:
        children = self._by_name[state].children
        if not children:
            return None
        return _choose_child(children, state, data).start(f"{parent_id}/{state}", at=at)

    def replay(
        self,
        records: Iterable[EventRecord],
        *,
        stream_id: str | None = None,
        started_at: dt.datetime | None = None,
    ) -> Instance:
        """Rebuild an instance by folding its event records, checking that they fit.

        ``stream_id`` and ``started_at`` default to the first record's. The
        sequence must be that instance's, numbered 1, 2, 3 ..., never going back
        in time, and each transition must be one the definition allows; otherwise
        [`InvalidHistory`][commissioning.InvalidHistory] says which record and why.
        Guards are not run again: they judged the context at the time.

        Examples:
            >>> import datetime as dt
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            >>> case, records = d.start("case-1", at=t).fire("close", at=t, actor="ann")
            >>> d.replay(records) == case
            True
        """
        seq = list(records)
        if stream_id is None or started_at is None:
            if not seq:
                raise InvalidInput.of(
                    "records", "at least one record, or stream_id and started_at", seq
                )
            first = seq[0]
            if not isinstance(first, EventRecord):
                raise InvalidHistory(0, first, f"expected an EventRecord, received {_short(first)}")
            stream_id = first.stream_id if stream_id is None else stream_id
            started_at = first.occurred_at if started_at is None else started_at
        return fold(self.start(stream_id, at=started_at), seq)

    def as_of(
        self,
        records: Iterable[EventRecord],
        *,
        at: dt.datetime,
        stream_id: str | None = None,
        started_at: dt.datetime | None = None,
    ) -> Instance:
        """The instance as it was at moment ``at``: the fold of the records that occurred by then.

        Examples:
            >>> import datetime as dt
            >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
            ...                transitions=[Transition("open", "close", "closed")])
            >>> t0, t1 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
            >>> case, records = d.start("case-1", at=t0).fire("close", at=t1, actor="ann")
            >>> d.as_of(records, at=dt.datetime(2026, 1, 20, tzinfo=dt.UTC), started_at=t0).state
            'open'
        """
        moment = as_utc(at)
        seq = list(records)
        if stream_id is None and seq and isinstance(seq[0], EventRecord):
            stream_id = seq[0].stream_id
        if started_at is None:
            if not seq or not isinstance(seq[0], EventRecord):
                raise InvalidInput.of(
                    "started_at", "an aware datetime (no records to take it from)", None
                )
            started_at = seq[0].occurred_at
        if stream_id is None:
            raise InvalidInput.of(
                "stream_id", "the instance's id (no records to take it from)", None
            )
        if moment < as_utc(started_at, field="started_at"):
            raise InvalidInput.of(
                "at", f"a moment on or after the instance started ({started_at.isoformat()})", at
            )
        prefix = []
        for record in seq:
            if isinstance(record, EventRecord) and record.occurred_at > moment:
                break
            prefix.append(record)
        return self.replay(prefix, stream_id=stream_id, started_at=started_at)

    def __repr__(self) -> str:
        return (
            f"Definition({self.name!r}, states={len(self.states)}, "
            f"transitions={len(self.transitions)}, initial={self._initial!r})"
        )


def _choose_child(
    children: tuple[Definition, ...], state: str, data: Mapping[str, Any] | None
) -> Definition:
    if len(children) == 1:
        return children[0]
    names = [c.name for c in children]
    wanted = None if data is None else data.get("child")
    for child in children:
        if child.name == wanted:
            return child
    raise InvalidInput.of(
        "data.child", f"the name of the child machine to start in {state!r}: one of {names}", wanted
    )


def _structural_problems(d: Definition) -> list[str]:
    problems: list[str] = []
    names = [s.name for s in d.states]
    seen: set[str] = set()
    for n in names:
        if n in seen:
            problems.append(f"state name {n!r} is used more than once")
        seen.add(n)
    initials = [s.name for s in d.states if s.initial]
    if len(initials) != 1:
        problems.append(
            "expected exactly one initial state, received "
            + (", ".join(repr(n) for n in initials) if initials else "none")
        )
    finals = {s.name for s in d.states if s.final}
    for s in d.states:
        if s.final and s.children:
            problems.append(
                f"final state {s.name!r} hosts a child machine, which could never move on"
            )
        if s.initial and len(s.children) > 1:
            problems.append(
                f"initial state {s.name!r} hosts several child machines, but no event enters it "
                "to say which to start"
            )
        if s.initial and s.final and len(d.states) > 1:
            problems.append(
                f"state {s.name!r} is both initial and final, so the others are unreachable"
            )
    depth = definition_depth(d)
    if depth > MAX_CHILD_DEPTH:
        # the loader refuses deeper nesting (hostile data), so a deeper machine could be
        # written by definition_to_data but never read back, nor its records' paths
        problems.append(
            f"child machines nest {depth} levels deep; at most {MAX_CHILD_DEPTH} can be "
            "stored and loaded"
        )
    known = set(names)
    guard_names: dict[str, Guard] = {}
    for i, t in enumerate(d.transitions):
        for src in t.source:
            if src not in known:
                problems.append(f"transitions[{i}] ({t.event!r}): unknown source state {src!r}")
            elif src in finals:
                problems.append(
                    f"transitions[{i}] ({t.event!r}): leaves final state {src!r}; final states have no exits"
                )
        if t.target not in known:
            problems.append(f"transitions[{i}] ({t.event!r}): unknown target state {t.target!r}")
        for g in t.guards:
            other = guard_names.setdefault(g.name, g)
            if other is not g and other != g:
                problems.append(f"guard name {g.name!r} names two different guards")
    unguarded: dict[tuple[str, str], int] = {}
    for i, t in enumerate(d.transitions):
        if t.guarded:
            continue
        for src in t.source:
            key = (src, t.event)
            if key in unguarded:
                problems.append(
                    f"ambiguous: transitions[{unguarded[key]}] and transitions[{i}] both take "
                    f"{t.event!r} from {src!r} with no guard"
                )
            else:
                unguarded[key] = i
    forward, backward = _adjacency(d, known)
    if len(initials) == 1:
        initial = initials[0]
        reachable = _reach(forward, (initial,))
        problems.extend(
            f"state {n!r} is unreachable from the initial state {initial!r}"
            for n in dict.fromkeys(names)
            if n not in reachable
        )
    if not finals:
        problems.append("expected at least one final state, received none")
    else:
        can_finish = _reach(backward, finals)
        problems.extend(
            f"state {n!r} is a trap: no final state can be reached from it"
            for n in dict.fromkeys(names)
            if n not in can_finish
        )
    return problems


def _adjacency(d: Definition, known: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Successors and predecessors of each known state, over transitions between known states."""
    forward: dict[str, set[str]] = {n: set() for n in known}
    backward: dict[str, set[str]] = {n: set() for n in known}
    for t in d.transitions:
        target = t.target
        if target not in known:
            continue
        for src in t.source:
            if src in known:
                forward[src].add(target)
                backward[target].add(src)
    return forward, backward


def _reach(edges: Mapping[str, set[str]], starts: Iterable[str]) -> set[str]:
    """Every state reachable from ``starts`` along ``edges`` (the starts included)."""
    seen = set(starts)
    stack = list(seen)
    while stack:
        for nxt in edges[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _graph(d: Definition) -> nx.MultiDiGraph[str]:
    import networkx as nx  # noqa: PLC0415 - kept off the import path; only graph users pay for it

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=d.name)
    graph.add_nodes_from((s.name, {"state": s}) for s in d.states)
    known = {s.name for s in d.states}
    for t in d.transitions:
        for src in t.source:
            if src in known and t.target in known:
                graph.add_edge(src, t.target, event=t.event, transition=t)
    return graph


def _compile(d: Definition, by_name: Mapping[str, State]) -> dict[str, dict[str, Route]]:
    grouped: dict[str, dict[str, list[CompiledTransition]]] = {s.name: {} for s in d.states}
    for t in d.transitions:
        compiled = CompiledTransition(t, by_name[t.target].children)
        for src in t.source:
            grouped[src].setdefault(t.event, []).append(compiled)
    table: dict[str, dict[str, Route]] = {}
    for state, events in grouped.items():
        table[state] = {
            event: Route(
                tuple(c for c in cands if c.transition.guarded)
                + tuple(c for c in cands if not c.transition.guarded)
            )
            for event, cands in events.items()
        }
    return table


def definition_depth(d: Definition) -> int:
    """How deeply child machines nest below ``d`` (0 when it hosts none). Internal.

    At most ``MAX_CHILD_DEPTH`` (16), the most ``definition_from_data`` reads back.
    """
    depth = 0
    for s in d.states:
        for c in s.children:
            depth = max(depth, 1 + definition_depth(c))
    return depth


from ._instance import (  # noqa: E402 - breaks the import cycle
    EventRecord,
    Instance,
    _make_instance,
    fold,
)
