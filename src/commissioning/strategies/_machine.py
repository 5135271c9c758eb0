"""Hypothesis strategies for the engine: valid definitions and valid walks through them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from ..machine import (
    Deadline,
    Definition,
    EventOption,
    EventRecord,
    Guard,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
)

__all__ = [
    "Walk",
    "WalkStep",
    "deadline_periods",
    "deadlines",
    "event_records",
    "instances",
    "machine_definitions",
    "verdicts",
    "walks",
]


@attrs.frozen
class WalkStep:
    """One step of a walk: fire ``event`` at ``at`` by ``actor`` (on the child at ``path`` if any)."""

    event: str
    at: dt.datetime
    actor: str
    path: tuple[str, ...] = ()


@attrs.frozen
class Walk:
    """A valid walk through a definition: an instance id, a start time and the steps taken.

    [`run`][commissioning.strategies.Walk.run] replays it on the definition and returns the final instance and
    the records. Walks follow the transitions and ignore guards, so run them with
    a context the guards allow (the generated definitions' guards allow when
    ``context`` is ``None``).
    """

    definition: Definition
    stream_id: str
    started_at: dt.datetime
    steps: tuple[WalkStep, ...]

    def run(self, *, context: Any = None) -> tuple[Instance, tuple[EventRecord, ...]]:
        """Fire every step in order; return the final instance and every record."""
        instance = self.definition.start(self.stream_id, at=self.started_at)
        records = []
        for step in self.steps:
            if step.path:
                instance, (record,) = instance.fire_child(
                    step.event, at=step.at, actor=step.actor, context=context, path=step.path[1:]
                )
            else:
                instance, (record,) = instance.fire(
                    step.event, at=step.at, actor=step.actor, context=context
                )
            records.append(record)
        return instance, tuple(records)


def _names(prefix: str) -> st.SearchStrategy[str]:
    return st.integers(min_value=0, max_value=10_000).map(lambda i: f"{prefix}{i}")


def verdicts() -> st.SearchStrategy[Verdict]:
    """Allowing verdicts and refusals with one to three reasons.

    Examples:
        >>> from hypothesis import given
        >>> @given(verdicts())
        ... def test(v):
        ...     assert v.allowed or v.reasons
        >>> test()
    """
    reasons = st.text(min_size=1, max_size=20).filter(str.strip)
    return st.one_of(
        st.just(Verdict.allow()),
        st.lists(reasons, min_size=1, max_size=3).map(lambda rs: Verdict.deny(*rs)),
    )


def deadline_periods(*, max_years: int = 3) -> st.SearchStrategy[Period]:
    """Calendar periods of up to ``max_years`` years (and months, weeks, days)."""
    return st.builds(
        Period,
        years=st.integers(0, max_years),
        months=st.integers(0, 11),
        weeks=st.integers(0, 4),
        days=st.integers(0, 30),
    )


def deadlines(*, afters: st.SearchStrategy[Period] | None = None) -> st.SearchStrategy[Deadline]:
    """Deadlines with generated names and periods (``afters`` defaults to [`deadline_periods`][commissioning.strategies.deadline_periods])."""
    return st.builds(
        Deadline,
        name=_names("deadline-"),
        after=afters if afters is not None else deadline_periods(),
        warn_before=st.just(Period()) | deadline_periods(max_years=0),
    )


def _allow(context: Any, data: Any) -> Verdict:
    """Allow unless the context is a mapping that says ``{"deny": True}``."""
    if isinstance(context, dict) and context.get("deny"):
        return Verdict.deny("the context says deny")
    return Verdict.allow()


_PERMISSIVE = Guard("permissive", _allow, "Allows unless the context says deny.")


@st.composite
def _definition(
    draw: st.DrawFn,
    *,
    min_states: int,
    max_states: int,
    guards: st.SearchStrategy[Sequence[Guard]],
    max_extra_transitions: int,
    child_definitions: st.SearchStrategy[Definition] | None,
) -> Definition:
    n = draw(st.integers(min_value=max(min_states, 2), max_value=max(max_states, 2)))
    names = [f"s{i}" for i in range(n)]
    # s0 is initial and never final; at least one other state is final.
    final_flags = [False, *draw(st.lists(st.booleans(), min_size=n - 1, max_size=n - 1))]
    if not any(final_flags):
        final_flags[draw(st.integers(1, n - 1))] = True
    finals = [names[i] for i in range(n) if final_flags[i]]
    non_finals = [names[i] for i in range(n) if not final_flags[i]]
    edges: list[tuple[str, str]] = []
    # Reachability: each state after s0 is entered from an earlier non-final state.
    for i in range(1, n):
        earlier = [names[j] for j in range(i) if not final_flags[j]]
        edges.append((draw(st.sampled_from(earlier)), names[i]))
    # No traps: every non-final state has an exit straight to a final state.
    edges.extend((src, draw(st.sampled_from(finals))) for src in non_finals)
    extra = draw(
        st.lists(
            st.tuples(st.sampled_from(non_finals), st.sampled_from(names)),
            max_size=max_extra_transitions,
        )
    )
    edges.extend(extra)
    guard_pool = list(draw(guards))
    transitions = []
    used: set[tuple[str, str]] = set()
    for k, (src, dst) in enumerate(edges):
        event = f"e{k % max(1, n)}" if (src, f"e{k % max(1, n)}") not in used else f"e{k}"
        if (src, event) in used:
            continue
        used.add((src, event))
        chosen = (
            tuple(
                draw(st.lists(st.sampled_from(guard_pool), max_size=2, unique_by=lambda g: g.name))
            )
            if guard_pool
            else ()
        )
        transitions.append(Transition(src, event, dst, guards=chosen))
    children: dict[str, tuple[Definition, ...]] = {}
    if child_definitions is not None and len(non_finals) > 1:
        host = draw(st.sampled_from(non_finals[1:]))
        children[host] = (draw(child_definitions),)
    states = [
        State(
            name,
            initial=(i == 0),
            final=final_flags[i],
            children=children.get(name, ()),
        )
        for i, name in enumerate(names)
    ]
    return Definition(draw(_names("machine-")), states=states, transitions=transitions)


def machine_definitions(
    *,
    min_states: int = 2,
    max_states: int = 8,
    guards: st.SearchStrategy[Sequence[Guard]] | None = None,
    max_extra_transitions: int = 8,
    child_definitions: st.SearchStrategy[Definition] | None = None,
) -> st.SearchStrategy[Definition]:
    """Valid machine definitions of bounded size.

    Every generated definition passes validation: one initial state, at least one
    final state, every state reachable, no traps, no ambiguous transitions.
    ``guards`` draws the pool of guards attached to transitions (by default a
    single guard that allows unless the context is ``{"deny": True}``);
    ``child_definitions``, when given, makes one state host a child machine.

    Examples:
        >>> from hypothesis import given
        >>> @given(machine_definitions(max_states=5))
        ... def test(d):
        ...     assert len(d.states) <= 5 and d.final_states
        >>> test()
    """
    return _definition(
        min_states=min_states,
        max_states=max_states,
        guards=guards if guards is not None else st.just([_PERMISSIVE]),
        max_extra_transitions=max_extra_transitions,
        child_definitions=child_definitions,
    )


@st.composite
def _walk(
    draw: st.DrawFn,
    definitions: st.SearchStrategy[Definition],
    max_steps: int,
    start: st.SearchStrategy[dt.datetime],
    actors: st.SearchStrategy[str],
) -> Walk:
    definition = draw(definitions)
    started = draw(start)
    instance = definition.start("walk", at=started)
    steps: list[WalkStep] = []
    at = started
    for _ in range(draw(st.integers(0, max_steps))):
        choices: list[tuple[str, tuple[str, ...]]] = [
            (e, ()) for e in definition.events_from(instance.state)
        ]
        if instance.child is not None:
            choices.extend(
                (e, (instance.state,))
                for e in instance.child.definition.events_from(instance.child.state)
            )
        if not choices:
            break
        event, path = draw(st.sampled_from(choices))
        at = at + dt.timedelta(seconds=draw(st.integers(0, 86_400 * 60)))
        step = WalkStep(event, at, draw(actors), path)
        if path:
            instance, _ = instance.fire_child(event, at=at, actor=step.actor)
        else:
            instance, _ = instance.fire(event, at=at, actor=step.actor)
        steps.append(step)
    return Walk(definition, "walk", started, tuple(steps))


def walks(
    definition: Definition | st.SearchStrategy[Definition] | None = None,
    *,
    max_steps: int = 20,
    start: st.SearchStrategy[dt.datetime] | None = None,
    actors: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Walk]:
    """Valid walks (event sequences with non-decreasing times) through a definition.

    ``definition`` is a definition or a strategy of them (default
    [`machine_definitions`][commissioning.strategies.machine_definitions]). Steps may fire events on a hosted child machine.
    Guards are ignored when choosing steps: run a walk with a context its guards
    allow (the default generated guards allow when the context is ``None``).

    Examples:
        >>> from hypothesis import given
        >>> @given(walks(max_steps=5))
        ... def test(walk):
        ...     instance, records = walk.run()
        ...     assert instance.version == len(records) == len(walk.steps)
        >>> test()
    """
    if definition is None:
        source: st.SearchStrategy[Definition] = machine_definitions()
    elif isinstance(definition, Definition):
        source = st.just(definition)
    else:
        source = definition
    return _walk(
        source,
        max_steps,
        start
        if start is not None
        else st.datetimes(
            min_value=dt.datetime(2000, 1, 1),  # noqa: DTZ001 - Hypothesis bounds are naive; timezones= makes them aware
            max_value=dt.datetime(2090, 1, 1),  # noqa: DTZ001 - as above
            timezones=st.just(dt.UTC),
        ),
        actors if actors is not None else st.sampled_from(["ann", "bo", "cy"]),
    )


_walks = walks


def instances(*, walks: st.SearchStrategy[Walk] | None = None) -> st.SearchStrategy[Instance]:
    """Instances reached by running a valid walk (``walks`` defaults to [`walks`][commissioning.strategies.walks]).

    Examples:
        >>> from hypothesis import given
        >>> @given(instances())
        ... def test(instance):
        ...     assert instance.state in instance.definition.state_names
        >>> test()
    """
    return (walks if walks is not None else _walks()).map(lambda w: w.run()[0])


def event_records(
    *, walks: st.SearchStrategy[Walk] | None = None
) -> st.SearchStrategy[EventRecord]:
    """Single event records taken from running valid walks with at least one step.

    Examples:
        >>> from hypothesis import given
        >>> @given(event_records())
        ... def test(record):
        ...     assert record.version >= 1
        >>> test()
    """
    source = walks if walks is not None else _walks()
    return source.filter(lambda w: bool(w.steps)).map(lambda w: w.run()[1]).flatmap(st.sampled_from)


def _states() -> st.SearchStrategy[State]:
    return st.builds(State, _names("state-"), final=st.booleans())


def _transitions() -> st.SearchStrategy[Transition]:
    return st.builds(
        Transition,
        st.lists(_names("state-"), min_size=1, max_size=3).map(tuple),
        _names("event-"),
        _names("state-"),
    )


def _guards() -> st.SearchStrategy[Guard]:
    return st.just(_PERMISSIVE)


def _options() -> st.SearchStrategy[EventOption]:
    return instances().flatmap(
        lambda i: (
            st.sampled_from(options) if (options := i.options(at=i.updated_at)) else st.nothing()
        )
    )


st.register_type_strategy(Definition, machine_definitions())
st.register_type_strategy(Instance, instances())
st.register_type_strategy(EventRecord, event_records())
st.register_type_strategy(Verdict, verdicts())
st.register_type_strategy(Period, deadline_periods())
st.register_type_strategy(Deadline, deadlines())
st.register_type_strategy(State, _states())
st.register_type_strategy(Transition, _transitions())
st.register_type_strategy(Guard, _guards())
st.register_type_strategy(EventOption, _options())
st.register_type_strategy(Walk, walks())
st.register_type_strategy(WalkStep, walks().filter(lambda w: bool(w.steps)).map(lambda w: w.steps[0]))
