"""Import and audit 100,000 OCDS releases: throughput against ``json.loads`` of the same lines.

The releases are generated from the real shapes vendored in ``tests/ocds/real``
(Sell2Wales 2025 and Public Contracts Scotland 2019 tender releases): each real
release is copied under a new ``ocid`` and, for one in three, given an award
with two suppliers and a signed contract (so the standstill and award-notice
rules are audited too). The lines are JSON Lines text, built before timing.

Timed, best of ``--repeat`` runs each, in the same process, with the cyclic
garbage collector paused during each run (as ``timeit`` does) for both:

* the floor: ``json.loads`` of every line;
* the library: ``json.loads`` of every line, :func:`~commissioning.ocds.iter_published`
  (the read model, one process per ocid) and :func:`~commissioning.ocds.audit_published`.

Prints the ratio library/floor (target: within 10x) at two sizes, and the
ratio of time per release between the sizes (about 1.0 when linear).

Run: ``.venv/bin/python benchmarks/bench_ocds.py`` (``--n 20000`` for a quicker run).
"""

import argparse
import copy
import gc
import json
import time
from pathlib import Path
from typing import Any

from commissioning.ocds import audit_published, iter_published

REAL = Path(__file__).resolve().parent.parent / "tests" / "ocds" / "real"


def shapes() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in (
        "sell2wales-2025-02.releases.json",
        "public-contracts-scotland-2019.releases.json",
    ):
        out.extend(json.loads((REAL / name).read_text(encoding="utf-8")))
    return out


def generate(n: int) -> list[str]:
    base = shapes()
    lines = []
    for i in range(n):
        r = copy.deepcopy(base[i % len(base)])
        r["ocid"] = f"{r['ocid']}-{i}"
        if i % 3 == 0:
            date = r["date"]
            r["tag"] = ["award", "contract"]
            r["awards"] = [
                {
                    "id": "a1",
                    "date": date,
                    "status": "active",
                    "value": {"amount": 120000 + i, "currency": "GBP"},
                    "suppliers": [{"id": "s1", "name": "Acme"}, {"id": "s2", "name": "Bolt"}],
                }
            ]
            r["contracts"] = [{"id": "c1", "awardID": "a1", "dateSigned": date, "status": "active"}]
        lines.append(json.dumps(r))
    return lines


def best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # as timeit does, for both the floor and the library
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def floor(lines: list[str]) -> None:
    for line in lines:
        json.loads(line)


def library(lines: list[str]) -> None:
    pairs = ((f"line {i}", json.loads(line)) for i, line in enumerate(lines))
    audit_published(iter_published(pairs))  # streamed: no process is kept after its audit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = (args.n // 5, args.n)
    results = {}
    for n in sizes:
        lines = generate(n)
        megabytes = sum(len(line) for line in lines) / 1e6
        f = best(lambda lines=lines: floor(lines), args.repeat)
        lib = best(lambda lines=lines: library(lines), args.repeat)
        results[n] = lib / n
        print(
            f"{n:>7} releases ({megabytes:.0f} MB): json.loads {f:.2f} s "
            f"({n / f:,.0f}/s); read + audit {lib:.2f} s ({n / lib:,.0f}/s); "
            f"ratio {lib / f:.1f}x (target <= 10x)"
        )
    small, large = sizes
    print(
        f"time per release, {large} vs {small}: {results[large] / results[small]:.2f} (1.0 = linear)"
    )


if __name__ == "__main__":
    main()
