"""What the garbage collector costs an instance that keeps a long history, and what ``gc.freeze()`` saves.

An instance keeps its records (``Instance.history``), and records are objects
the collector tracks, so firing on an instance with a long history pays for the
collector's passes over everything still alive. This fires ``N`` events on a
three-state loop four ways and prints microseconds per fire: collector on from
a fresh start; collector on while an instance with ``N`` records is kept alive;
the same after ``gc.freeze()``; and with the collector off.

Run from the repository root (``benchmarks/README.md``)::

    .venv/bin/python benchmarks/bench_long_log.py          # 200,000 fires per run
    .venv/bin/python benchmarks/bench_long_log.py --quick  # 20,000
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from collections.abc import Sequence

from commissioning.machine import Definition, Instance, State, Transition

LOOP = Definition(
    "loop",
    states=[State("a", initial=True), State("b"), State("end", final=True)],
    transitions=[
        Transition("a", "go", "b"),
        Transition("b", "back", "a"),
        Transition(("a", "b"), "stop", "end"),
    ],
)
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
EVENTS = ("go", "back")


def fire_run(n: int, times: Sequence[dt.datetime]) -> tuple[float, Instance]:
    """Microseconds per fire for ``n`` fires on a new instance, and the instance."""
    instance = LOOP.start("loop", at=T0)
    start = time.perf_counter()
    for i in range(n):
        instance, _ = instance.fire(EVENTS[i % 2], at=times[i], actor="bench")
    return (time.perf_counter() - start) / n * 1e6, instance


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a tenth of the fires")
    n = 20_000 if parser.parse_args(argv).quick else 200_000
    times = [T0 + dt.timedelta(seconds=i) for i in range(n)]
    gc.enable()
    gc.collect()
    fresh, kept = fire_run(n, times)
    with_log, _ = fire_run(n, times)
    gc.collect()
    gc.freeze()
    frozen, _ = fire_run(n, times)
    gc.unfreeze()
    gc.disable()
    off, _ = fire_run(n, times)
    gc.enable()
    print(f"{n:,} fires, {kept.version:,} records kept alive")
    print(
        f"collector_on_fresh={fresh:.3f}us collector_on_log_kept={with_log:.3f}us"
        f" after_gc_freeze={frozen:.3f}us collector_off={off:.3f}us"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
