"""A worked example: a Procurement Act competitive flexible procedure, end to end, as OCDS."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from .._time import as_date
from ..calendar import pa_calendar
from ..periods import TimeLimit, pa_participation_period, pa_tendering_period
from ..procurement import Procurement, ProcurementFacts
from ..thresholds import AuthorityType, ContractType
from ._export import release_package, to_releases

__all__ = ["demo_competitive_procurement", "demo_procurement"]

_LONDON = ZoneInfo("Europe/London")


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    """``hour`` o'clock UK time on ``day``, in UTC."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=_LONDON).astimezone(dt.UTC)


def demo_procurement(*, commenced_on: dt.date = dt.date(2026, 3, 2)) -> Procurement:
    """Run a competitive flexible procedure (PA s.20) from engagement to the contract details notice.

    Every date is computed: the participation period (s.54(3)), the tendering
    period after shortlisting (s.54(4)), the next working days (s.123) and the
    standstill (s.51(2)). Deterministic: the same ``commenced_on`` gives the
    same procurement.

    Examples:
        >>> p = demo_procurement()
        >>> p.state, [n.code for n in p.notices]
        ('mobilisation', ['UK2', 'UK4', 'UK6', 'UK7'])
        >>> p.timeline.standstill_last_day, p.timeline.contract_entered_on
        (Date(2026, 5, 15), Date(2026, 5, 18))
    """
    day = as_date(commenced_on, field="commenced_on")
    cal = pa_calendar()
    facts = ProcurementFacts(
        title="Community meals service",
        buyer="Anytown Borough Council",
        authority=AuthorityType.SUB_CENTRAL,
        contract_type=ContractType.SERVICES,
        value_including_vat="6000000",
        value_excluding_vat="5000000",
        commenced_on=day,
        buyer_id="GB-LAE-ANYT",
        description="Hot meals delivered to residents at home, seven days a week.",
    )
    actor = "procurement team"
    p, _ = Procurement.start(
        "community-meals",
        facts=facts,
        procedure="pa-competitive-flexible",
        at=_at(day, 9),
        actor=actor,
    )
    p, _ = p.act("engage_market", at=_at(day), actor=actor)
    uk2_day = cal.add_working_days(day, 2)
    p, _ = p.publish("UK2", at=_at(uk2_day), actor=actor)
    conflicts_day = cal.add_working_days(uk2_day, 3)
    p, _ = p.act("assess_conflicts", at=_at(conflicts_day), actor=actor)
    tender_notice_day = cal.add_working_days(conflicts_day, 2)
    # The minimum participation period (s.54(3)); the Act does not move a deadline off a
    # weekend or holiday, but an authority may set a later one: here the next working day.
    minimum = pa_participation_period(invited_on=tender_notice_day)
    assert isinstance(minimum, TimeLimit)  # noqa: S101 - not light touch, not urgent: 25 days
    participation = cal.roll_forward(minimum.earliest_deadline)
    p, _ = p.publish(
        "UK4",
        at=_at(tender_notice_day),
        actor=actor,
        content={"participation_deadline": participation.isoformat()},
    )
    shortlist_day = cal.add_working_days(participation, 1)
    limit = pa_tendering_period(
        invited_on=shortlist_day,
        electronic_submission=True,
        all_documents_available=True,
        utilities_or_non_central=True,
        preselected_suppliers=True,
    )
    earliest = (
        limit.earliest_deadline if isinstance(limit, TimeLimit) else shortlist_day.add(days=10)
    )
    deadline = cal.roll_forward(earliest)
    p, _ = p.act(
        "shortlist",
        at=_at(shortlist_day),
        actor=actor,
        data={"tender_deadline": deadline.isoformat()},
    )
    p, _ = p.act("close_tendering", at=_at(deadline.add(days=1)), actor=actor)
    round_two = cal.add_working_days(deadline, 2)
    final_deadline = cal.add_working_days(round_two, 5)
    p, _ = p.act(
        "start_round",
        at=_at(round_two),
        actor=actor,
        data={"tender_deadline": final_deadline.isoformat()},
    )
    p, _ = p.act("close_tendering", at=_at(final_deadline.add(days=1)), actor=actor)
    summaries_day = cal.add_working_days(final_deadline, 3)
    p, _ = p.act("send_assessment_summaries", at=_at(summaries_day), actor=actor)
    award = {
        "supplier": "Good Food Co-operative Ltd",
        "value_including_vat": "5880000",
        "value_excluding_vat": "4900000",
    }
    p, _ = p.publish(
        "UK6", at=_at(cal.add_working_days(summaries_day, 1)), actor=actor, content=award
    )
    assert p.timeline.standstill_last_day is not None  # noqa: S101 - a mandatory standstill applies
    # The earliest entry is the day after the standstill's last day, even a weekend; here the
    # authority signs on the first working day from then.
    entry = cal.roll_forward(p.timeline.standstill_last_day.add(days=1))
    p, _ = p.act(
        "enter_contract",
        at=_at(entry),
        actor=actor,
        data={
            "value_including_vat": "5880000",
            "kpis": [
                "meals delivered on time",
                "nutritional standard met",
                "resident satisfaction",
            ],
        },
    )
    p, _ = p.publish("UK7", at=_at(cal.add_working_days(entry, 2)), actor=actor)
    return p


def demo_competitive_procurement(
    *, commenced_on: dt.date = dt.date(2026, 3, 2), prefix: str = "ocds-abc123"
) -> dict[str, Any]:
    """The OCDS release package of [`demo_procurement`][commissioning.ocds.demo_procurement]: deterministic, valid OCDS 1.1.5.

    Examples:
        >>> package = demo_competitive_procurement()
        >>> [r["tag"][0] for r in package["releases"]]
        ['planning', 'tender', 'award', 'contract']
        >>> package["releases"][-1]["contracts"][0]["value"]
        {'currency': 'GBP', 'amountGross': 5880000}
        >>> from commissioning.ocds import validate_package
        >>> validate_package(package)
        ()
    """
    p = demo_procurement(commenced_on=commenced_on)
    return release_package(
        to_releases(p, prefix=prefix),
        uri=f"https://example.invalid/ocds/{prefix}-{p.id}.json",
        publisher=p.facts.buyer,
        published_at=p.history[-1].occurred_at,
    )
