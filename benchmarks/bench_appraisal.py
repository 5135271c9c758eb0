"""Benchmark: 100,000 Monte Carlo draws of a 10-year, 5-option appraisal (target: under 1 second).

Run: .venv/bin/python benchmarks/bench_appraisal.py [--python-draws N]

Times the numpy backend on 100,000 draws (the target), and the pure-Python
backend on fewer draws for comparison. Each time is the best of three runs.
"""

from __future__ import annotations

import argparse
import time

from commissioning.appraisal import (
    Normal,
    OptionModel,
    Pert,
    PolicyModel,
    Triangular,
    Uniform,
    simulate,
)

DRAWS = 100_000
YEARS = 10
OPTIONS = 5


def model() -> PolicyModel:
    options = tuple(
        OptionModel(
            f"option {i + 1}",
            setup_cost=Triangular(100_000 * i, 150_000 * i + 1, 250_000 * i + 2),
            fixed_cost=Normal(200_000, 20_000),
            unit_cost=Pert(800 + 20 * i, 900 + 20 * i, 1_300 + 20 * i),
            payment_per_outcome=Uniform(0, 300 * i + 1),
            volume="demand",
            volume_growth=Uniform(0.0, 0.04),
            effect=Uniform(0.5 + 0.02 * i, 0.7 + 0.02 * i),
            value_per_outcome="value of an outcome",
        )
        for i in range(OPTIONS)
    )
    return PolicyModel(
        options,
        years=YEARS,
        shared={"demand": Triangular(400, 500, 700), "value of an outcome": Normal(3_000, 600)},
    )


def best_of(runs: int, draws: int, backend: str) -> float:
    subject = model()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = simulate(subject, draws=draws, seed=2026, backend=backend)
        result.summary()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--python-draws", type=int, default=10_000)
    args = parser.parse_args()
    numpy_time = best_of(3, DRAWS, "numpy")
    print(
        f"numpy backend: {DRAWS:,} draws x {YEARS} years x {OPTIONS} options, "
        f"simulate + summary: {numpy_time:.3f} s (target < 1 s: {'met' if numpy_time < 1 else 'NOT met'})"
    )
    python_time = best_of(1, args.python_draws, "python")
    print(
        f"python backend: {args.python_draws:,} draws x {YEARS} years x {OPTIONS} options: "
        f"{python_time:.3f} s ({python_time / args.python_draws * DRAWS:.1f} s per {DRAWS:,} draws)"
    )


if __name__ == "__main__":
    main()
