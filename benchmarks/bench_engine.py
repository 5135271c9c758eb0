"""Side-by-side speed and memory benchmark of the state-machine engine (issue 2, "Speed and memory").

One run measures the same machine in six implementations:

* ``commissioning`` -- our engine, :mod:`commissioning.machine`;
* ``transitions`` -- the ``transitions`` library;
* ``python-statemachine`` -- import name ``statemachine``;
* ``automat`` -- Automat's typed API (``TypeMachineBuilder``);
* ``bare (audited)`` -- the floor: a hand-written machine that is nothing but a dict of
  ``(state, event) -> target``, one guard call, and ``log.append((event, source, target, at))``;
* ``bare (full record)`` -- the same floor appending what our record holds (instance id,
  version, event, source, target, at, actor, data, path) as a plain tuple: not a target,
  it shows how much of the distance to the floor is the richer record.

The machine is the commissioning cycle of the Institute of Public Care (reference
``commissioning.md``, "Framework 2: ... (Analyse, Plan, Do, Review)") with a way out
("Decommissioning")::

    start --begin--> analyse --agree_needs--> plan --approve [has-budget]--> do
    do --deliver--> review --reanalyse--> analyse      review --decommission--> decommissioned

Six states, six events, one guard (``has-budget``, on ``plan --approve--> do``, reads
``context["budget"]``). The run fires ``begin`` once, then cycles ``agree_needs, approve,
deliver, reanalyse`` for ever (``decommission`` exists, so the machine is valid for our
engine, which rejects trap states, but is never fired).

What is measured:

(a) transitions per second on one instance: a fresh instance per repeat, then ``n``
    transitions (300,000 for the fast ones), each with its own pre-built, increasing,
    aware UTC datetime ``at`` and the same context; every transition records its event.
    Best of several repeats (``time.perf_counter``) after a warm-up, taken batch by batch
    (batches of about a millisecond; see :func:`fire_rates`) so that load from other
    processes spoils some batches of some repeats, not whole repeats. The garbage
    collector is off inside timed regions, as :mod:`timeit` does by default.
(b) creating 100,000 instances, each with its own id: time (best of repeats, gc off) and
    memory (``tracemalloc``; bytes per instance = traced bytes still allocated after creation
    divided by the count; ids and the list that holds the instances are allocated before
    tracing starts, so neither is counted).

Fairness choices (all in the peers' favour where there was a choice):

* The audit. Our engine returns an immutable ``EventRecord`` per transition (stream id,
  version, event, source, target, ``occurred_at``, actor, data, path); the loop appends it to
  a list (the audit). Peers have no audit, so each records ``(event, source, target, at)``
  -- the same tuple as the floor, and less than our record holds -- into a per-instance list
  from the cheapest hook each library offers: ``transitions``: one machine-wide
  ``after_state_change`` callback with ``send_event=True`` (the only way a single callback
  sees event, source and destination); ``python-statemachine``: an ``after_transition``
  method, whose arguments are injected by name; ``automat``: the transition's own
  implementation (automat has no callbacks: the implementation is the output).
* The guard. Ours and ``python-statemachine`` return a verdict/bool from a named guard;
  ``transitions`` uses ``conditions=``; the floor calls a plain function returning a bool.
  Automat has no guards at all: the guard is called inside the ``plan -> do`` transition's
  implementation, so it costs the same call, but it could not refuse (automat has already
  changed state when an implementation runs). The guard always allows in this run.
* Dispatch. Our engine is fired by event name (``inst.fire("approve", ...)``), its only API.
  Peers are given their fastest documented path: the trigger methods (``model.approve``,
  ``sm.approve``, ``proto.approve``) are looked up once, before timing, into a list, so
  their per-transition name lookup is not timed at all.
* Creation. Ours: ``definition.start(id, at=t0)``. The floor: a three-slot object (id,
  state, log list). ``transitions``: a model object (id, log) with its own ``Machine``
  (its basic documented pattern; one shared ``Machine`` with ``add_model`` is lighter per
  model but quadratic in time: ``add_model`` checks ``model not in self.models``, a list,
  which made 10,000 models cost 255 µs each against 110 µs for a ``Machine`` each).
  ``python-statemachine``: one ``StateMachine`` per model
  (its only pattern). ``automat``: a core object (id, log) wrapped by the built
  ``TypeMachine``. Peers each own an (empty) log list, like the floor; ours needs none
  (the caller keeps the records), which is a real difference, not a handicap we removed.
* Slow peers fire fewer transitions and create fewer instances per repeat (rates are per
  transition and per instance, so the counts do not change them; see ``PLAN``), to keep
  the full run under two minutes.

Run from the repository root (``benchmarks/README.md``)::

    .venv/bin/python benchmarks/bench_engine.py           # full run, about a minute
    .venv/bin/python benchmarks/bench_engine.py --quick   # smoke run, a few seconds

The last line printed is exactly of the form
``engine_vs_transitions=7.4x engine_vs_automat=1.2x slowdown_vs_bare_audit=2.8x bytes_per_instance=210``.
"""

from __future__ import annotations

import argparse
import gc
import operator
import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Protocol, TypeVar

STATES = ("start", "analyse", "plan", "do", "review", "decommissioned")
INITIAL = "start"
TRANSITIONS = (  # source, event, target, whether has-budget guards it
    ("start", "begin", "analyse", False),
    ("analyse", "agree_needs", "plan", False),
    ("plan", "approve", "do", True),
    ("do", "deliver", "review", False),
    ("review", "reanalyse", "analyse", False),
    ("review", "decommission", "decommissioned", False),
)
CYCLE = ("agree_needs", "approve", "deliver", "reanalyse")
CONTEXT = {"budget": 1_000}
ACTOR = "bench"
T0 = datetime(2026, 1, 1, tzinfo=UTC)
BATCH_SECONDS = 0.001  # each repeat is timed in batches of about this long (see fire_rates)
T = TypeVar("T")


@dataclass(frozen=True)
class Plan:
    """How much work each implementation does per repeat."""

    fires: int  # transitions per repeat on one instance
    creates: int  # instances created per repeat
    fire_repeats: int
    create_repeats: int


def events_for(n: int) -> list[str]:
    """Return the ``n`` events of a run: ``begin`` then the cycle, for ever."""
    return ["begin", *(CYCLE[i % len(CYCLE)] for i in range(n - 1))]


def state_after(n: int) -> str:
    """Return the state after the first ``n`` events of :func:`events_for` (``n >= 1``)."""
    return ("analyse", "plan", "do", "review")[(n - 1) % len(CYCLE)]


class Subject(Protocol):
    """What every implementation offers to the harness."""

    name: str

    def fire_run(
        self, events: Sequence[str], times: Sequence[datetime], chunk: int
    ) -> list[float]: ...

    def create(self, ids: Sequence[str]) -> list[Any]: ...


# --------------------------------------------------------------------------- floor


def _bare_has_budget(context: dict[str, int]) -> bool:
    return context["budget"] > 0


_TABLE: dict[tuple[str, str], str] = {(s, e): t for s, e, t, _ in TRANSITIONS}
_GUARDS: dict[tuple[str, str], Callable[[dict[str, int]], bool]] = {
    (s, e): _bare_has_budget for s, e, _, guarded in TRANSITIONS if guarded
}


class BareMachine:
    """The floor: a dict lookup, a guard call, an append, an assignment."""

    __slots__ = ("id", "log", "state")

    def __init__(self, id_: str) -> None:
        self.id = id_
        self.state = INITIAL
        self.log: list[tuple[str, str, str, datetime]] = []

    def fire(self, event: str, at: datetime, context: dict[str, int]) -> str:
        source = self.state
        try:
            target = _TABLE[source, event]
        except KeyError:
            raise ValueError(f"{event!r} is not allowed from {source!r}") from None
        check = _GUARDS.get((source, event))
        if check is not None and not check(context):
            raise ValueError(f"{event!r} refused by its guard")
        self.log.append((event, source, target, at))
        self.state = target
        return target


class Bare:
    name = "bare (audited)"

    def fire_run(self, events: Sequence[str], times: Sequence[datetime], chunk: int) -> list[float]:
        machine = BareMachine("case-0")
        fire = machine.fire
        ctx = CONTEXT
        elapsed = []
        for batch_events, batch_times in batches(events, times, chunk):
            start = time.perf_counter()
            for event, at in zip(batch_events, batch_times, strict=False):
                fire(event, at, ctx)
            elapsed.append(time.perf_counter() - start)
        check_log(self.name, [(e, s, t) for e, s, t, _ in machine.log], events)
        return elapsed

    def create(self, ids: Sequence[str]) -> list[Any]:
        return [BareMachine(i) for i in ids]


class BareFullMachine:
    """The floor again, recording what our engine's record holds (a plain 9-tuple) and a version.

    Not a target: it shows how much of the engine's distance from the floor is the richer
    record (instance id, version, actor, data, path) rather than the engine itself.
    """

    __slots__ = ("id", "log", "state", "version")

    def __init__(self, id_: str) -> None:
        self.id = id_
        self.state = INITIAL
        self.version = 0
        self.log: list[tuple[Any, ...]] = []

    def fire(self, event: str, at: datetime, actor: str, context: dict[str, int]) -> str:
        source = self.state
        try:
            target = _TABLE[source, event]
        except KeyError:
            raise ValueError(f"{event!r} is not allowed from {source!r}") from None
        check = _GUARDS.get((source, event))
        if check is not None and not check(context):
            raise ValueError(f"{event!r} refused by its guard")
        version = self.version + 1
        self.log.append((self.id, version, event, source, target, at, actor, _NO_DATA, ()))
        self.state = target
        self.version = version
        return target


_NO_DATA: dict[str, Any] = {}


class BareFull:
    name = "bare (full record)"

    def fire_run(self, events: Sequence[str], times: Sequence[datetime], chunk: int) -> list[float]:
        machine = BareFullMachine("case-0")
        fire = machine.fire
        ctx = CONTEXT
        elapsed = []
        for batch_events, batch_times in batches(events, times, chunk):
            start = time.perf_counter()
            for event, at in zip(batch_events, batch_times, strict=False):
                fire(event, at, ACTOR, ctx)
            elapsed.append(time.perf_counter() - start)
        check_log(self.name, [r[2:5] for r in machine.log], events)
        return elapsed

    def create(self, ids: Sequence[str]) -> list[Any]:
        return [BareFullMachine(i) for i in ids]


# --------------------------------------------------------------------------- transitions


class TransitionsModel:
    """A ``transitions`` model: its id and its log; the library adds ``state`` and triggers."""

    def __init__(self, id_: str) -> None:
        self.id = id_
        self.log: list[tuple[str, str, str, datetime]] = []


def _transitions_record(event_data: Any) -> None:
    transition = event_data.transition
    event_data.model.log.append(
        (event_data.event.name, transition.source, transition.dest, event_data.kwargs["at"])
    )


def _transitions_has_budget(event_data: Any) -> bool:
    return bool(event_data.kwargs["context"]["budget"] > 0)


class Transitions:
    name = "transitions"

    def __init__(self) -> None:
        import transitions  # noqa: PLC0415 - benchmark-only dependency, imported when used

        self.version = transitions.__version__

    @staticmethod
    def _machine(model: Any) -> Any:
        from transitions import Machine  # noqa: PLC0415 - benchmark-only dependency

        return Machine(
            model=model,
            states=list(STATES),
            transitions=[
                {
                    "trigger": e,
                    "source": s,
                    "dest": t,
                    **({"conditions": _transitions_has_budget} if g else {}),
                }
                for s, e, t, g in TRANSITIONS
            ],
            initial=INITIAL,
            auto_transitions=False,
            send_event=True,
            after_state_change=_transitions_record,
        )

    def fire_run(self, events: Sequence[str], times: Sequence[datetime], chunk: int) -> list[float]:
        model = TransitionsModel("case-0")
        self._machine(model=model)
        triggers = [getattr(model, e) for e in events]
        ctx = CONTEXT
        elapsed = []
        for batch_triggers, batch_times in batches(triggers, times, chunk):
            start = time.perf_counter()
            for trigger, at in zip(batch_triggers, batch_times, strict=False):
                trigger(at=at, context=ctx)
            elapsed.append(time.perf_counter() - start)
        check_log(self.name, [(e, s, t) for e, s, t, _ in model.log], events)
        return elapsed

    def create(self, ids: Sequence[str]) -> list[Any]:
        make = self._machine
        out = []
        for i in ids:
            model = TransitionsModel(i)
            make(model=model)
            out.append(model)
        return out


# --------------------------------------------------------------------------- python-statemachine


def _statemachine_class() -> type:
    from statemachine import State, StateMachine  # noqa: PLC0415 - benchmark-only dependency

    class CycleMachine(StateMachine):
        start = State(initial=True)
        analyse = State()
        plan = State()
        do = State()
        review = State()
        decommissioned = State(final=True)

        begin = start.to(analyse)
        agree_needs = analyse.to(plan)
        approve = plan.to(do, cond="has_budget")
        deliver = do.to(review)
        reanalyse = review.to(analyse)
        decommission = review.to(decommissioned)

        def __init__(self, id_: str) -> None:
            self.id = id_
            self.log: list[tuple[str, str, str, datetime]] = []
            super().__init__()

        def has_budget(self, context: dict[str, int]) -> bool:
            return context["budget"] > 0

        def after_transition(self, event: str, source: Any, target: Any, at: datetime) -> None:
            self.log.append((event, source.id, target.id, at))

    return CycleMachine


class PythonStateMachine:
    name = "python-statemachine"

    def __init__(self) -> None:
        import statemachine  # noqa: PLC0415 - benchmark-only dependency

        self.version = statemachine.__version__
        self.cls = _statemachine_class()

    def fire_run(self, events: Sequence[str], times: Sequence[datetime], chunk: int) -> list[float]:
        sm = self.cls("case-0")
        triggers = [getattr(sm, e) for e in events]
        ctx = CONTEXT
        elapsed = []
        for batch_triggers, batch_times in batches(triggers, times, chunk):
            start = time.perf_counter()
            for trigger, at in zip(batch_triggers, batch_times, strict=False):
                trigger(at=at, context=ctx)
            elapsed.append(time.perf_counter() - start)
        check_log(self.name, [(str(e), s, t) for e, s, t, _ in sm.log], events)
        return elapsed

    def create(self, ids: Sequence[str]) -> list[Any]:
        cls = self.cls
        return [cls(i) for i in ids]


# --------------------------------------------------------------------------- automat


class AutomatCore:
    """Automat's core object: the id and the log; automat keeps the state itself."""

    __slots__ = ("id", "log")

    def __init__(self, id_: str) -> None:
        self.id = id_
        self.log: list[tuple[str, str, str, datetime]] = []


class AutomatInputs(Protocol):
    def begin(self, at: datetime, context: dict[str, int]) -> None: ...
    def agree_needs(self, at: datetime, context: dict[str, int]) -> None: ...
    def approve(self, at: datetime, context: dict[str, int]) -> None: ...
    def deliver(self, at: datetime, context: dict[str, int]) -> None: ...
    def reanalyse(self, at: datetime, context: dict[str, int]) -> None: ...
    def decommission(self, at: datetime, context: dict[str, int]) -> None: ...


def _automat_machine() -> Any:
    from automat import TypeMachineBuilder  # noqa: PLC0415 - benchmark-only dependency

    builder = TypeMachineBuilder(AutomatInputs, AutomatCore)
    states = {name: builder.state(name) for name in STATES}  # first is initial
    for source, event, target, guarded in TRANSITIONS:
        record = (event, source, target)

        def implementation(
            inputs: AutomatInputs,
            core: AutomatCore,
            at: datetime,
            context: dict[str, int],
            record: tuple[str, str, str] = record,
            guarded: bool = guarded,  # noqa: FBT001 - bound default, not an API
        ) -> None:
            if guarded and not _bare_has_budget(context):
                # automat has already moved: it cannot refuse (see the module docstring)
                raise ValueError("approve refused by its guard")
            core.log.append((*record, at))

        states[source].upon(getattr(AutomatInputs, event)).to(states[target])(implementation)
    return builder.build()


class Automat:
    name = "automat"

    def __init__(self) -> None:
        from importlib.metadata import version  # noqa: PLC0415 - only to print the version

        self.version = version("automat")
        self.machine = _automat_machine()

    def fire_run(self, events: Sequence[str], times: Sequence[datetime], chunk: int) -> list[float]:
        core = AutomatCore("case-0")
        proto = self.machine(core)
        triggers = [getattr(proto, e) for e in events]
        ctx = CONTEXT
        elapsed = []
        for batch_triggers, batch_times in batches(triggers, times, chunk):
            start = time.perf_counter()
            for trigger, at in zip(batch_triggers, batch_times, strict=False):
                trigger(at, ctx)
            elapsed.append(time.perf_counter() - start)
        check_log(self.name, [(e, s, t) for e, s, t, _ in core.log], events)
        return elapsed

    def create(self, ids: Sequence[str]) -> list[Any]:
        machine = self.machine
        return [machine(AutomatCore(i)) for i in ids]


# --------------------------------------------------------------------------- our engine


class Engine:
    name = "commissioning"

    def __init__(self) -> None:
        import commissioning  # noqa: PLC0415 - imported once the run starts, like the peers
        from commissioning.machine import (  # noqa: PLC0415 - same reason
            Definition,
            State,
            Transition,
            Verdict,
            guard,
        )

        self.version = commissioning.__version__

        @guard("has-budget")
        def has_budget(context: Any, data: Any) -> Any:
            if context["budget"] > 0:
                return Verdict.allow()
            return Verdict.deny("no budget left")

        self.definition = Definition(
            "commissioning-cycle",
            states=[
                State(name, initial=name == INITIAL, final=name == "decommissioned")
                for name in STATES
            ],
            transitions=[
                Transition(s, e, t, guards=(has_budget,) if g else ()) for s, e, t, g in TRANSITIONS
            ],
        )

    def fire_run(self, events: Sequence[str], times: Sequence[datetime], chunk: int) -> list[float]:
        inst = self.definition.start("case-0", at=T0)
        audit: list[Any] = []
        append = audit.append
        ctx = CONTEXT
        elapsed = []
        for batch_events, batch_times in batches(events, times, chunk):
            start = time.perf_counter()
            for event, at in zip(batch_events, batch_times, strict=False):
                inst, (record,) = inst.fire(event, at=at, actor=ACTOR, context=ctx)
                append(record)
            elapsed.append(time.perf_counter() - start)
        check_log(self.name, [(r.event, r.source, r.target) for r in audit], events)
        if inst.version != audit[-1].version or inst.state != state_after(len(events)):
            raise AssertionError(f"{self.name}: instance does not match its audit")
        return elapsed

    def create(self, ids: Sequence[str]) -> list[Any]:
        start = self.definition.start
        t0 = T0
        return [start(i, at=t0) for i in ids]


# --------------------------------------------------------------------------- harness


def batches(
    first: Sequence[Any], second: Sequence[datetime], chunk: int
) -> list[tuple[Sequence[Any], Sequence[datetime]]]:
    """Cut two parallel sequences into consecutive slices of ``chunk`` items (made before timing)."""
    return [(first[i : i + chunk], second[i : i + chunk]) for i in range(0, len(first), chunk)]


def check_log(name: str, log: Sequence[tuple[str, str, str]], events: Sequence[str]) -> None:
    """Fail loudly unless ``log`` records exactly ``events``, each from the right state."""
    if len(log) != len(events):
        raise AssertionError(f"{name}: {len(log)} records for {len(events)} events")
    state = INITIAL
    table = _TABLE
    for (event, source, target), expected in zip(log, events, strict=True):
        if event != expected or source != state or target != table[state, event]:
            raise AssertionError(f"{name}: recorded {(event, source, target)}, expected {expected}")
        state = target


def timed(func: Callable[[], T]) -> T:
    """Call ``func`` (which times itself) with the collector off, as :mod:`timeit` does."""
    gc.collect()
    gc.disable()
    try:
        return func()
    finally:
        gc.enable()


def fire_rates(
    subjects: Sequence[Subject], work: dict[str, Plan], times: Sequence[datetime]
) -> dict[str, float]:
    """Transitions per second of each subject: best of repeats, batch by batch, after a warm-up.

    Each repeat fires ``plan.fires`` transitions on a fresh instance, timed in
    consecutive batches of about ``BATCH_SECONDS`` (the batch size in transitions is
    set per subject from its warm-up). For each batch position the best time over the
    repeats is kept, and the rate is ``plan.fires`` over the sum of those bests: the
    minimum that :mod:`timeit` recommends, applied to short stretches. On a busy
    machine the scheduler gives each process slices of a few milliseconds, so a long
    timed stretch is always interrupted and a slow subject looks slower still; a
    batch of a millisecond usually runs whole in at least one repeat. Every batch still
    runs with the audit as long as it really is by then. Repeats are interleaved
    (round 1 of every subject, then round 2, ...) so that a change in the machine's
    load during the run hits every subject alike.
    """
    runs = {}
    chunks = {}
    for subject in subjects:
        plan = work[subject.name]
        warm = min(plan.fires, 2_000)
        subject.fire_run(events_for(warm), times[:warm], warm)
        per_transition = min(timed(partial(subject.fire_run, events_for(warm), times[:warm], warm)))
        chunks[subject.name] = max(1, min(plan.fires, round(BATCH_SECONDS * warm / per_transition)))
        runs[subject.name] = (events_for(plan.fires), times[: plan.fires])
    best: dict[str, list[float]] = {}
    rounds = max(p.fire_repeats for p in work.values())
    for r in range(rounds):
        print(f"  transitions: round {r + 1} of {rounds}", file=sys.stderr, flush=True)
        for subject in subjects:
            plan = work[subject.name]
            if r < plan.fire_repeats:
                events, at = runs[subject.name]
                elapsed = timed(partial(subject.fire_run, events, at, chunks[subject.name]))
                kept = best.setdefault(subject.name, elapsed)
                best[subject.name] = [min(a, b) for a, b in zip(kept, elapsed, strict=True)]
    return {name: work[name].fires / sum(seconds) for name, seconds in best.items()}


def creation_times(subjects: Sequence[Subject], work: dict[str, Plan]) -> dict[str, float]:
    """Best seconds per created instance of each subject (interleaved repeats, gc off)."""
    ids = {s.name: [f"case-{i:06d}" for i in range(work[s.name].creates)] for s in subjects}
    for subject in subjects:
        subject.create(ids[subject.name][:100])  # warm-up
    best = dict.fromkeys(ids, float("inf"))
    rounds = max(p.create_repeats for p in work.values())
    for r in range(rounds):
        print(f"  creation: round {r + 1} of {rounds}", file=sys.stderr, flush=True)
        for subject in subjects:
            if r < work[subject.name].create_repeats:
                holder: list[Any] = []

                def once(
                    s: Any = subject, i: list[str] = ids[subject.name], h: list[Any] = holder
                ) -> float:
                    start = time.perf_counter()
                    h.extend(s.create(i))
                    return time.perf_counter() - start

                best[subject.name] = min(best[subject.name], timed(once))
                holder.clear()
    return {name: seconds / len(ids[name]) for name, seconds in best.items()}


def bytes_per_instance(subject: Subject, count: int) -> float:
    """Bytes still allocated per instance after creating ``count`` instances (tracemalloc).

    The ids are made before tracing starts and the list that holds the instances is
    taken out, so what is left is what the instances themselves cost.
    """
    ids = [f"case-{i:06d}" for i in range(count)]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = subject.create(ids)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    if len(kept) != count:
        raise AssertionError(f"{subject.name}: created {len(kept)} of {count}")
    return (after - before - sys.getsizeof(kept)) / count


def load_note() -> str:
    """Say how busy the machine was: timings from a loaded machine are noisy, ratios less so."""
    cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available on this platform
        return f"{cpus} CPUs"
    note = f"{cpus} CPUs, load average {load:.1f} over the last minute"
    if load > cpus * 0.75:
        note += " (busy: figures are noisy; compare ratios, or rerun when the machine is idle)"
    return note


def bulk_times(n: int, repeats: int) -> dict[str, float]:
    """Seconds per event: firing one by one, ``fire_many``, and replaying the records (issue 15).

    The same ``n`` events as the transitions test, fired on one instance; the
    records are then replayed with ``Definition.replay``. Best of ``repeats``,
    the collector off.
    """
    engine = Engine()
    definition = engine.definition
    events = events_for(n)
    times = [T0 + timedelta(seconds=i + 1) for i in range(n)]
    steps = list(zip(events, times, strict=True))
    ctx = CONTEXT
    best = {"fire": float("inf"), "fire_many": float("inf"), "replay": float("inf")}
    records: tuple[Any, ...] = ()
    for _ in range(repeats):

        def fire_all() -> tuple[float, Any]:
            inst = definition.start("bulk", at=T0)
            start = time.perf_counter()
            for event, at in steps:
                inst, _ = inst.fire(event, at=at, actor=ACTOR, context=ctx)
            return time.perf_counter() - start, inst

        elapsed, inst = timed(fire_all)
        best["fire"] = min(best["fire"], elapsed / n)
        records = inst.history

        def fire_many() -> tuple[float, Any]:
            first = definition.start("bulk", at=T0)
            start = time.perf_counter()
            done, _ = first.fire_many(steps, actor=ACTOR, context=ctx)
            return time.perf_counter() - start, done

        elapsed, done = timed(fire_many)
        best["fire_many"] = min(best["fire_many"], elapsed / n)

        def replay(log: tuple[Any, ...] = records) -> tuple[float, Any]:
            start = time.perf_counter()
            again = definition.replay(log, started_at=T0)
            return time.perf_counter() - start, again

        elapsed, again = timed(replay)
        best["replay"] = min(best["replay"], elapsed / n)
        if again != inst or done != inst:
            raise AssertionError("replay or fire_many does not give the fired instance")
    return best


def plans(*, quick: bool) -> dict[str, Plan]:
    """Work per implementation. Slow peers do fewer transitions per repeat (see module doc)."""
    scale = 10 if quick else 1

    def plan(fires: int, creates: int, fire_repeats: int, create_repeats: int) -> Plan:
        if quick:
            fire_repeats, create_repeats = min(fire_repeats, 5), 1
        return Plan(fires // scale, creates // scale, fire_repeats, create_repeats)

    return {
        "commissioning": plan(300_000, 100_000, 9, 3),
        "bare (audited)": plan(300_000, 100_000, 9, 3),
        "bare (full record)": plan(300_000, 100_000, 9, 3),
        "automat": plan(300_000, 100_000, 9, 3),
        "transitions": plan(40_000, 3_000, 9, 2),
        "python-statemachine": plan(6_000, 1_000, 5, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (about 10x less)")
    args = parser.parse_args(argv)

    work = plans(quick=args.quick)
    most = max(p.fires for p in work.values())
    times = [T0 + timedelta(seconds=i + 1) for i in range(most)]
    subjects: list[Subject] = [
        Engine(),
        Bare(),
        BareFull(),
        Automat(),
        Transitions(),
        PythonStateMachine(),
    ]

    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}"
    )
    print("versions: " + ", ".join(f"{s.name} {getattr(s, 'version', '-')}" for s in subjects))
    print(load_note())
    print()
    header = f"{'implementation':<22}{'transitions/s':>15}{'n per repeat':>14}{'create µs':>11}{'bytes/inst':>12}{'n created':>11}"
    rates = fire_rates(subjects, work, times)
    creates = creation_times(subjects, work)
    sizes = {s.name: bytes_per_instance(s, work[s.name].creates) for s in subjects}
    bulk = bulk_times(work["commissioning"].fires, 3 if args.quick else 7)

    print(header)
    print("-" * len(header))
    for subject in subjects:
        name = subject.name
        plan = work[name]
        print(
            f"{name:<22}{rates[name]:>15,.0f}{plan.fires:>14,}"
            f"{creates[name] * 1e6:>11.2f}{sizes[name]:>12,.0f}{plan.creates:>11,}"
        )

    ours = rates["commissioning"]
    checks: list[tuple[str, float, str, str, float]] = [
        ("transitions/s, engine / transitions", ours / rates["transitions"], "x", ">=", 7),
        ("transitions/s, engine / automat", ours / rates["automat"], "x", ">", 1),
        (
            "transitions/s, engine / python-statemachine",
            ours / rates["python-statemachine"],
            "x",
            ">",
            1,
        ),
        ("transitions/s, bare audited / engine", rates["bare (audited)"] / ours, "x", "<=", 3),
        ("bytes per engine instance", sizes["commissioning"], "", "<=", 250),
        ("engine creation, µs per instance", creates["commissioning"] * 1e6, "", "<", 2),
    ]
    compare: dict[str, Callable[[float, float], bool]] = {
        ">=": operator.ge,
        ">": operator.gt,
        "<=": operator.le,
        "<": operator.lt,
    }
    print()
    print(
        "bulk, µs per event: "
        + ", ".join(f"{k} {v * 1e6:.3f}" for k, v in bulk.items())
        + f" (replay / fire {bulk['replay'] / bulk['fire']:.2f}x,"
        f" fire_many / fire {bulk['fire_many'] / bulk['fire']:.2f}x)"
    )
    checks.append(
        (
            "replay / firing, time per event (issue 15)",
            bulk["replay"] / bulk["fire"],
            "x",
            "<=",
            0.5,
        )
    )
    print()
    print(f"{'target (issue 2)':<46}{'measured':>10}{'target':>9}{'met':>5}")
    for label, value, unit, sign, limit in checks:
        wanted = f"{sign} {limit}{unit}"
        met = "yes" if compare[sign](value, limit) else "NO"
        print(f"{label:<46}{value:>9.2f}{unit or ' '}{wanted:>9}{met:>5}")
    print()
    print(
        f"engine_vs_transitions={ours / rates['transitions']:.1f}x"
        f" engine_vs_automat={ours / rates['automat']:.1f}x"
        f" slowdown_vs_bare_audit={rates['bare (audited)'] / ours:.1f}x"
        f" bytes_per_instance={sizes['commissioning']:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
