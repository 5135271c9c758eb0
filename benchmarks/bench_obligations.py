"""Obligations at a date for 10,000 procurements: how long the morning report takes.

Builds a few dozen varied procurements through their procedures (every date
computed by the guards), clones them to 10,000 by replaying their records under
new ids, then times ``obligations(..., on=...)`` over all of them.

Run: ``.venv/bin/python benchmarks/bench_obligations.py``
"""

import datetime as dt
import random
import time

import pendulum

from commissioning.procurement import Procurement, ProcurementFacts, obligations, overdue
from commissioning.thresholds import AuthorityType, ContractType

N = 10_000


def at(day: pendulum.Date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def template(i: int, rng: random.Random) -> Procurement:
    start = pendulum.Date(2025, 6, 2).add(days=rng.randint(0, 300))
    value = rng.choice(["250000", "900000", "6000000"])
    facts = ProcurementFacts(
        title=f"Contract {i}",
        buyer="Anytown Council",
        authority=AuthorityType.SUB_CENTRAL,
        contract_type=ContractType.SERVICES,
        value_including_vat=value,
        commenced_on=start,
    )
    p, _ = Procurement.start(f"t{i}", facts=facts, procedure="pa-open", at=at(start), actor="ann")
    p, _ = p.act("assess_conflicts", at=at(start.add(days=1)), actor="bench")
    notice = start.add(days=7)
    deadline = notice.add(days=30)
    p, _ = p.publish(
        "UK4", at=at(notice), actor="bench", content={"tender_deadline": deadline.isoformat()}
    )
    p, _ = p.act("close_tendering", at=at(deadline.add(days=1)), actor="bench")
    p, _ = p.act("send_assessment_summaries", at=at(deadline.add(days=10)), actor="bench")
    award = {"supplier": "Acme Ltd", "value_including_vat": value}
    p, _ = p.publish("UK6", at=at(deadline.add(days=11)), actor="bench", content=award)
    entry = p.timeline.standstill_last_day.add(days=1)  # type: ignore[union-attr]
    p, _ = p.act(
        "enter_contract",
        at=at(entry),
        actor="bench",
        data={"value_including_vat": value, "kpis": ["a", "b", "c"]},
    )
    if rng.random() < 0.6:
        p, _ = p.publish("UK7", at=at(entry.add(days=rng.randint(1, 45))), actor="bench")
    p, _ = p.act("start_delivery", at=at(entry.add(days=50)), actor="bench")
    if rng.random() < 0.3:
        p, _ = p.act(
            "end_contract", at=at(entry.add(days=200)), actor="bench", data={"reason": "expiry"}
        )
    return p


def clone(p: Procurement, new_id: str) -> Procurement:
    return Procurement.replay([r._replace(stream_id=new_id) for r in p.history])


def main() -> None:
    rng = random.Random(2026)
    templates = [template(i, rng) for i in range(40)]
    book = [clone(templates[i % len(templates)], f"p{i:05d}") for i in range(N)]
    on = pendulum.Date(2026, 11, 30)
    start = time.perf_counter()
    items = obligations(book, on=on)
    elapsed = time.perf_counter() - start
    late = overdue(book, on=on)
    print(
        f"obligations for {N:,} procurements on {on}: {len(items):,} duties, "
        f"{len(late):,} overdue, in {elapsed:.3f} s ({elapsed / N * 1e6:.1f} us per procurement)"
    )


if __name__ == "__main__":
    main()
