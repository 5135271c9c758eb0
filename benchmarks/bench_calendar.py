"""Time 100,000 Procurement Act standstill computations over random dates, 1990-2060,
against a floor: a 15-line holiday-list + bisect function measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_calendar.py``. The target is under one
second on a developer machine. The seed is fixed so runs compare like with like;
the calendar is built (and memoised) before timing starts, and the dates are
drawn before timing too: only ``pa_standstill`` (or the floor) is timed.

The floor (:func:`floor_standstill`) is the least a standstill can cost: a sorted list
of working-day ordinals, one ``bisect`` and two precomputed date objects, returned as a
tuple. ``pa_standstill`` also checks its arguments, picks the calendar and returns a
:class:`~commissioning.periods.Standstill` (issue 15 item 5). Three workloads, each timed
for both: the random dates; 20,000 distinct consecutive days (every call computes and
builds its result); and 500 days asked 40 times each (a guard re-checking the same
procurements, where the per-day memo answers).
"""

import bisect
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

import pendulum

from commissioning.calendar import pa_calendar
from commissioning.periods import Standstill, pa_standstill

N = 100_000
SEED = 20250224


def make_floor() -> Callable[[pendulum.Date], tuple[pendulum.Date, pendulum.Date]]:
    """The 15-line floor: a holiday list, the working days as ordinals, one bisect."""
    cal = pa_calendar()
    lo = pendulum.Date(cal.first_year, 1, 1).toordinal()
    hi = pendulum.Date(cal.last_year, 12, 31).toordinal()
    holidays = {d.toordinal() for d in cal.holidays}
    working = [o for o in range(lo, hi + 1) if o % 7 not in (6, 0) and o not in holidays]
    days = [pendulum.Date.fromordinal(o) for o in range(lo, hi + 2)]

    def floor_standstill(day: pendulum.Date) -> tuple[pendulum.Date, pendulum.Date]:
        last = working[bisect.bisect_left(working, day.toordinal()) + 7]
        return days[last - lo], days[last + 1 - lo]

    return floor_standstill


def _best(run: Callable[[], Any], repeat: int = 3) -> tuple[float, float]:
    best = best_cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu


def _pair(
    days: Sequence[pendulum.Date], floor: Callable[[pendulum.Date], object]
) -> tuple[float, float]:
    def library() -> None:
        for day in days:
            pa_standstill(published_on=day)

    def bare() -> None:
        for day in days:
            floor(day)

    (_, lib), (_, base) = _best(library, 5), _best(bare, 5)  # CPU time: steadier on a busy machine
    return lib / len(days) * 1e6, base / len(days) * 1e6


def main() -> None:
    rng = random.Random(SEED)
    lo = pendulum.Date(1990, 1, 1).toordinal()
    hi = pendulum.Date(2060, 12, 31).toordinal()
    days = [pendulum.Date.fromordinal(rng.randint(lo, hi)) for _ in range(N)]
    pa_calendar()  # build and memoise the UK-wide calendar outside the timing
    floor = make_floor()
    for day in days[:2000]:  # the floor and the library agree
        s = pa_standstill(published_on=day)
        if not isinstance(s, Standstill) or (s.last_day, s.may_enter_contract_from) != floor(day):
            raise SystemExit(f"the floor disagrees on {day}")
    last = None

    def timed() -> None:
        nonlocal last
        for day in days:
            last = pa_standstill(published_on=day)

    best, best_cpu = _best(timed)
    if last is None:
        raise SystemExit("no result")
    print(
        f"{N:,} PA s.51 standstill computations over random dates 1990-2060 (seed {SEED}): "
        f"{best:.3f} s wall, {best_cpu:.3f} s CPU (best of 3; {best / N * 1e6:.2f} us each; "
        "target < 1 s)"
    )
    distinct = [pendulum.Date.fromordinal(o) for o in range(lo, lo + 20_000)]
    repeated = [days[i % 500] for i in range(20_000)]
    print("pa_standstill against the holiday-list + bisect floor (best of 5, CPU us per call):")
    for label, sample in (
        ("random dates 1990-2060", days),
        ("20,000 distinct days (no memo hits)", distinct),
        ("500 days asked 40 times each", repeated),
    ):
        lib, base = _pair(sample, floor)
        print(f"  {label:<38} library {lib:5.2f}  floor {base:5.2f}  ratio {lib / base:.2f}x")


if __name__ == "__main__":
    main()
