"""Build a map of 10,000 stakeholders and 100,000 relationships and run every analysis.

Run: ``.venv/bin/python benchmarks/bench_stakeholders.py`` (add ``--no-memory``
to skip the memory pass). Each step is timed on its own (wall and CPU time),
then run again under ``tracemalloc`` for its peak memory (tracemalloc slows
code down, so the two passes are separate). The seed is fixed so runs compare
like with like. Making the records is not timed; building the map from them is.

The graph has structure, as real maps do: 100 groups of 100 stakeholders, four
in five relationships inside a group. The first analysis (reach) also builds
the map's index of relationships, which every later analysis reuses.
"""

import datetime as dt
import functools
import gc
import itertools
import math
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from commissioning.stakeholders import (
    CoProductionRung,
    Engagement,
    EngagementMethod,
    Relationship,
    RelationType,
    Stakeholder,
    StakeholderKind,
    StakeholderMap,
    brokers,
    coalitions,
    compare,
    engagement_gaps,
    find_engagements,
    influence_paths,
    influence_rank,
    quadrant,
    reach,
    salience,
)

SEED = 20260105
STAKEHOLDERS = 10_000
RELATIONSHIPS = 100_000
ENGAGEMENTS = 5_000
GROUP = 100
AT = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def records() -> tuple[list[Stakeholder], list[Relationship], list[Engagement]]:
    rng = random.Random(SEED)
    kinds = list(StakeholderKind)
    people = [
        Stakeholder(
            f"s{i:05d}",
            f"Stakeholder {i}",
            rng.choice(kinds),
            power=rng.randint(0, 10),
            interest=rng.randint(0, 10),
            legitimacy=rng.randint(0, 10),
            urgency=rng.randint(0, 10),
        )
        for i in range(STAKEHOLDERS)
    ]
    types = list(RelationType)
    keys: set[tuple[int, int, str]] = set()
    while len(keys) < RELATIONSHIPS:
        u = rng.randrange(STAKEHOLDERS)
        if rng.random() < 0.8:
            v = (u // GROUP) * GROUP + rng.randrange(GROUP)
        else:
            v = rng.randrange(STAKEHOLDERS)
        if u != v:
            keys.add((u, v, rng.choice(types)))
    ties = [
        Relationship(f"s{u:05d}", f"s{v:05d}", kind, weight=rng.choice((0.2, 0.4, 0.6, 0.8, 1.0)))
        for u, v, kind in sorted(keys)
    ]
    rungs = list(CoProductionRung)
    methods = list(EngagementMethod)
    start = dt.date(2025, 4, 1).toordinal()
    engagements = [
        Engagement(
            dt.date.fromordinal(start + rng.randrange(365)),
            {f"s{rng.randrange(STAKEHOLDERS):05d}" for _ in range(rng.randint(1, 6))},
            rng.choice(methods),
            rng.choice(rungs),
        )
        for _ in range(ENGAGEMENTS)
    ]
    return people, ties, engagements


def measure(
    step: Callable[[], Any], *, memory: bool, again: Callable[[], Any] | None = None
) -> tuple[float, float, int | None, Any]:
    """Time ``step``, then run ``again`` (or ``step``) under tracemalloc for its peak memory."""
    start, start_cpu = time.perf_counter(), time.process_time()
    result = step()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = None
    if memory:
        tracemalloc.start()
        (again or step)()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return wall, cpu, peak, result


class Bench:
    """Runs steps, prints each one's time and peak memory, and keeps them for the totals."""

    def __init__(self, *, memory: bool) -> None:
        self.memory = memory
        self.rows: list[tuple[str, str, float, float, int | None]] = []

    def run(
        self,
        section: str,
        name: str,
        step: Callable[[], Any],
        again: Callable[[], Any] | None = None,
    ) -> Any:
        wall, cpu, peak, result = measure(step, memory=self.memory, again=again)
        self.rows.append((section, name, wall, cpu, peak))
        shown = "" if peak is None else f"  peak {peak / 2**20:7.1f} MiB"
        print(f"  {name:<46} {wall:6.3f} s wall {cpu:6.3f} s CPU{shown}")
        return result

    def totals(self) -> None:
        for part in ("build", "analyses", "exports and imports"):
            chosen = [r for r in self.rows if r[0] == part]
            wall = sum(r[2] for r in chosen)
            cpu = sum(r[3] for r in chosen)
            print(f"  total, {part:<39} {wall:6.3f} s wall {cpu:6.3f} s CPU")
        wall, cpu = sum(r[2] for r in self.rows), sum(r[3] for r in self.rows)
        peaks = [r[4] for r in self.rows if r[4] is not None]
        peak = f"; largest peak {max(peaks) / 2**20:.1f} MiB" if peaks else ""
        print(f"  {'total':<46} {wall:6.3f} s wall {cpu:6.3f} s CPU{peak}")


def analyses(bench: Bench, m: StakeholderMap, twin: StakeholderMap) -> None:
    """Every analysis; ``twin`` is an equal map whose shared index is not built yet."""
    run = functools.partial(bench.run, "analyses")
    sources = sorted(m.stakeholders)[:: STAKEHOLDERS // 10]
    # The first analysis builds the map's shared index; its memory is measured
    # on the twin, whose index is not built yet.
    run(
        "reach, 10 sources, 2 steps (+ shared index)",
        lambda: [reach(m, s) for s in sources],
        lambda: [reach(twin, s) for s in sources],
    )
    run(
        "influence paths, 10 pairs, up to 3 steps",
        lambda: [
            influence_paths(m, s, t)
            for s, t in zip(sources, sources[1:] + sources[:1], strict=True)
        ],
    )
    run("influence rank (weighted PageRank)", lambda: influence_rank(m))
    run("brokers (betweenness, 32 samples)", lambda: brokers(m, samples=32, seed=1))
    run("coalitions (label propagation)", lambda: coalitions(m, seed=1))
    run("quadrant of everyone", lambda: [quadrant(s) for s in m])
    run("salience of everyone", lambda: [salience(s) for s in m])
    run(
        "find engagements (service users, co-design+)",
        lambda: find_engagements(
            m, kinds={"service user", "carer"}, at_least=CoProductionRung.CO_DESIGN
        ),
    )
    planned, _ = m.record_plan(on=dt.date(2025, 9, 1), at=AT, actor="bench")
    later, _ = planned.update(
        "s00001", power=10, interest=10, at=AT + dt.timedelta(days=30), actor="bench"
    )
    run("engagement gaps at a date", lambda: engagement_gaps(later, on=dt.date(2026, 3, 31)))
    run("compare two maps", lambda: compare(m, later))


def per_call(step: Callable[[], Any], *, repeat: int = 7, number: int = 50) -> float:
    """The best of ``repeat`` runs of ``number`` calls of ``step``, in seconds per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            step()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def incremental(m: StakeholderMap) -> None:
    """One change on the large map (target <= 1 ms each), and N adds (target: linear in N)."""
    later = AT + dt.timedelta(days=40)
    print(
        f"one change on the {STAKEHOLDERS:,}/{RELATIONSHIPS:,} map (best of 7 x 50; target <= 1 ms)"
    )
    busiest = max(m.stakeholders, key=lambda sid: len(m.relationships_of(sid, direction="both")))
    tie = m.relationships[0]
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("update a stakeholder", lambda: m.update("s00002", power=0, at=later, actor="b")),
        (
            "add a stakeholder",
            lambda: m.add(Stakeholder("new", "New", "resident"), at=later, actor="b"),
        ),
        (
            "relate two",
            lambda: m.relate(Relationship("s00003", "s09999", "funds"), at=later, actor="b"),
        ),
        ("unrelate two", lambda: m.unrelate(tie.source, tie.target, tie.type, at=later, actor="b")),
        (
            "record an engagement",
            lambda: m.record_engagement(
                Engagement(dt.date(2026, 2, 1), {"s00004"}, "workshop", CoProductionRung.CO_DESIGN),
                at=later,
                actor="b",
            ),
        ),
        (
            f"remove the busiest ({len(m.relationships_of(busiest, direction='both'))} ties)",
            lambda: m.remove(busiest, at=later, actor="b"),
        ),
    ]
    for name, step in steps:
        seconds = per_call(step)
        print(f"  {name:<46} {seconds * 1e3:8.3f} ms  ({seconds * 1e3:.3f} / 1 ms target)")
    long_history = m
    for i in range(5_000):
        long_history, _ = long_history.update("s00005", power=i % 11, at=later, actor="b")
    seconds = per_call(lambda: long_history.update("s00006", power=1, at=later, actor="b"))
    print(f"  {'update after 5,000 more events':<46} {seconds * 1e3:8.3f} ms")
    print("N adds, one change at a time, CPU time (target: growth exponent <= 1.15)")
    for paused in (False, True):
        label = "collector paused in the loop" if paused else "garbage collector on"
        times: list[tuple[int, float]] = []
        for n in (1_000, 10_000, 100_000):
            people = [Stakeholder(f"p{i}", f"P {i}", "resident", power=i % 11) for i in range(n)]
            gc.collect()
            if paused:
                gc.disable()
            start = time.process_time()
            built = StakeholderMap()
            for person in people:
                built, _ = built.add(person, at=AT, actor="b")
            seconds = time.process_time() - start
            gc.enable()
            del built
            times.append((n, seconds))
            print(f"  {label}: {n:>7,} adds {seconds:7.3f} s ({seconds / n * 1e6:5.1f} us per add)")
        for (n0, t0), (n1, t1) in itertools.pairwise(times):
            exponent = math.log(t1 / t0) / math.log(n1 / n0)
            print(f"  {label}: growth exponent {n0:,} -> {n1:,}: {exponent:.2f}")
    batch = [
        ("add", {"stakeholder": Stakeholder(f"q{i}", f"Q {i}", "carer")}) for i in range(10_000)
    ]
    start = time.perf_counter()
    m.apply(batch, at=later, actor="b")
    print(
        f"  apply: 10,000 adds in one batch on the large map {time.perf_counter() - start:8.3f} s"
    )


def exchanges(bench: Bench, m: StakeholderMap) -> None:
    """Every export and import, and the plot if matplotlib is installed."""
    run = functools.partial(bench.run, "exports and imports")
    data = run("export: JSON-compatible dict", m.to_dict)
    run("import: dict (validated)", lambda: StakeholderMap.from_dict(data, at=AT, actor="bench")[0])
    text = run("export: GraphML text", m.to_graphml)
    run(
        "import: GraphML (validated)",
        lambda: StakeholderMap.from_graphml(text, at=AT, actor="b")[0],
    )
    graph = run("export: networkx MultiDiGraph", m.to_networkx)
    run(
        "import: networkx (validated)",
        lambda: StakeholderMap.from_networkx(graph, at=AT, actor="b")[0],
    )
    stored = run("store: to_data (the history's records)", m.to_data)
    run("load: from_data (records checked, replayed)", lambda: StakeholderMap.from_data(stored))
    run("export: Mermaid", m.to_mermaid)
    run("export: DOT", m.to_dot)
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional; the plot step is skipped without it

        mpl.use("Agg")
        from commissioning.stakeholders import plot_power_interest  # noqa: PLC0415

        run(
            "plot the power/interest grid (no labels)", lambda: plot_power_interest(m, labels=False)
        )
    except ImportError:
        print("  (matplotlib not installed: plot skipped)")


def main() -> None:
    bench = Bench(memory="--no-memory" not in sys.argv)
    people, ties, engagements = records()
    print(
        f"{STAKEHOLDERS:,} stakeholders, {RELATIONSHIPS:,} relationships, "
        f"{ENGAGEMENTS:,} engagements (seed {SEED})"
    )

    def build() -> StakeholderMap:
        return StakeholderMap.create(people, ties, engagements=engagements, at=AT, actor="bench")[0]

    m = bench.run("build", "build (create)", build)
    analyses(bench, m, build() if bench.memory else m)
    exchanges(bench, m)
    bench.totals()
    incremental(m)


if __name__ == "__main__":
    main()
