"""W6: the s.71(5) notice starts from the event that brings it into play; full terminations go in UK11."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import GuardRejected
from commissioning.machine import EventRecord
from commissioning.procurement import (
    BreachOutcome,
    Obligation,
    ObligationStatus,
    Procurement,
    obligations,
)
from commissioning.procurement._life_duties import breach_duties, performance_duties
from commissioning.procurement._rules import RULES

from .conftest import at, make_facts, open_to_award


def _entered(value: str = "600000", kpis: tuple[str, ...] = ()) -> Procurement:
    p = open_to_award(make_facts(value))
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        data={"value_including_vat": value, "kpis": list(kpis)},
    )
    p, _ = p.act("start_delivery", at=at(4, 17), actor="ann")
    return p


def _duties(p: Procurement, on: pendulum.Date, *keys: str) -> list[Obligation]:
    return [o for o in obligations(p, on=on) if o.rule.key in keys]


def test_a_breach_notice_counts_from_the_damages_not_from_the_breach() -> None:
    p = _entered()
    p, _ = p.act(
        "record_breach",
        at=at(9, 1),
        actor="ann",
        data={
            "description": "meals not delivered",
            "breach_on": "2026-05-01",
            "outcome": "damages",
            "outcome_on": "2026-08-20",
        },
    )
    [duty] = _duties(p, pendulum.Date(2026, 9, 1), "pa-s71-breach")
    # s.71(5): 30 days beginning with Thu 20 Aug 2026 (the award of damages) end Fri 18 Sep.
    assert (duty.due_on, duty.status, duty.notice) == (
        pendulum.Date(2026, 9, 18),
        ObligationStatus.DUE,
        "UK9",
    )
    assert "damages of Thu 20 Aug 2026" in duty.duty
    assert duty.rule.citation == "Procurement Act 2023 s.71(3)-(5)"


def test_a_performance_failure_counts_from_the_day_the_supplier_failed_to_improve() -> None:
    p = _entered()
    p, _ = p.act(
        "record_breach",
        at=at(7, 1),
        actor="ann",
        data={"description": "late rounds", "outcome": "failure to improve"},
    )
    [duty] = _duties(p, pendulum.Date(2026, 7, 1), "pa-s71-breach")
    assert duty.due_on == pendulum.Date(2026, 7, 30)
    assert BreachOutcome.FAILURE_TO_IMPROVE.citation == "Procurement Act 2023 s.71(4)"


def test_a_breach_without_its_outcome_is_refused() -> None:
    p = _entered()
    with pytest.raises(GuardRejected) as err:
        p.act("record_breach", at=at(6, 1), actor="ann", data={"description": "late"})
    assert "s.71(3)-(4)" in str(err.value)
    assert "outcome must be one of termination, partial termination" in str(err.value)


def test_full_termination_is_reported_in_the_contract_termination_notice() -> None:
    # The review's reproducer: breach 1 May, recorded 1 Sep, the contract terminated for it.
    p = _entered()
    with pytest.raises(GuardRejected, match=r"regs 39\(9\), 41\(2\)\(h\)"):
        p.act(
            "record_breach",
            at=at(9, 1),
            actor="ann",
            data={"description": "x", "breach_on": "2026-05-01", "outcome": "termination"},
        )
    p, _ = p.act("end_contract", at=at(9, 1), actor="ann", data={"reason": "termination"})
    p, _ = p.act(
        "record_breach",
        at=at(9, 1, 10),
        actor="ann",
        data={
            "description": "meals not delivered",
            "breach_on": "2026-05-01",
            "outcome": "termination",
        },
    )
    on = pendulum.Date(2026, 9, 2)
    assert _duties(p, on, "pa-s71-breach") == []  # no UK9: PR24 reg 39(9)
    [breach] = _duties(p, on, "pa-s71-breach-termination")
    assert (breach.notice, breach.due_on, breach.status) == (
        "UK11",
        pendulum.Date(2026, 9, 30),  # 30 days beginning with Tue 1 Sep 2026
        ObligationStatus.DUE,
    )
    assert "Procurement Regulations" not in breach.rule.citation  # cited as PR24
    assert "PR24 regs 39(9), 41(2)(h)" in breach.rule.citation
    # a UK9 cannot be published for it: it is not a breach a UK9 reports
    with pytest.raises(GuardRejected, match="no performance assessment or unreported breach"):
        p.publish("UK9", at=at(9, 3), actor="ann")
    p, _ = p.publish("UK11", at=at(9, 10), actor="ann")
    [breach] = _duties(p, pendulum.Date(2026, 9, 11), "pa-s71-breach-termination")
    assert (breach.status, breach.done_on) == (ObligationStatus.DONE, pendulum.Date(2026, 9, 10))


def test_a_full_termination_is_recorded_on_the_day_the_contract_ended() -> None:
    p = _entered()
    p, _ = p.act("end_contract", at=at(9, 1), actor="ann", data={"reason": "termination"})
    with pytest.raises(GuardRejected, match="was terminated on Tue 1 Sep 2026, not on Mon 31 Aug"):
        p.act(
            "record_breach",
            at=at(9, 2),
            actor="ann",
            data={"description": "x", "outcome": "termination", "outcome_on": "2026-08-31"},
        )


def test_a_partial_termination_is_reported_in_a_performance_notice() -> None:
    p = _entered()
    p, _ = p.act(
        "record_breach",
        at=at(6, 5),
        actor="ann",
        data={
            "description": "one lot ended",
            "outcome": "partial termination",
            "outcome_on": "2026-06-01",
        },
    )
    [duty] = _duties(p, pendulum.Date(2026, 6, 5), "pa-s71-breach")
    assert (duty.notice, duty.due_on) == ("UK9", pendulum.Date(2026, 6, 30))


def test_the_breach_may_not_come_after_its_outcome() -> None:
    p = _entered()
    with pytest.raises(GuardRejected, match="the breach on Wed 3 Jun 2026 is after its settlement"):
        p.act(
            "record_breach",
            at=at(6, 5),
            actor="ann",
            data={
                "description": "x",
                "outcome": "settlement",
                "outcome_on": "2026-06-02",
                "breach_on": "2026-06-03",
            },
        )


def test_yearly_kpi_notices_are_owed_only_where_s52_kpis_were_required() -> None:
    # The review's reproducer: a £1m contract with three voluntary KPIs.
    small = _entered("1000000", kpis=("a", "b", "c"))
    [duty] = _duties(small, pendulum.Date(2026, 5, 1), "pa-s71-performance")
    assert duty.status is ObligationStatus.NOT_APPLICABLE
    assert "not under s.52(1)" in duty.note
    assert "£1,000,000" in duty.note
    big = _entered("6000000", kpis=("a", "b", "c"))
    [duty] = _duties(big, pendulum.Date(2026, 5, 1), "pa-s71-performance")
    assert (duty.status, duty.due_on) == (ObligationStatus.DUE, pendulum.Date(2027, 4, 15))


def test_the_yearly_duty_follows_the_value_the_contract_was_entered_into_at() -> None:
    # modified up over £5m later: the KPIs were still not set under s.52(1)
    p = _entered("4900000", kpis=("a", "b", "c"))
    p, _ = p.publish(
        "UK10",
        at=at(5, 1),
        actor="ann",
        content={
            "ground": "sch8-para4",
            "ground_explanation": "flood",
            "value_including_vat": "6000000",
        },
    )
    p, _ = p.act(
        "modify_contract", at=at(5, 2), actor="ann", data={"value_including_vat": "6000000"}
    )
    [duty] = _duties(p, pendulum.Date(2026, 5, 3), "pa-s71-performance")
    assert duty.status is ObligationStatus.NOT_APPLICABLE


def test_an_older_breach_record_without_an_outcome_still_owes_its_notice() -> None:
    p = _entered()
    old = EventRecord(
        stream_id=p.id,
        version=p.version + 1,
        event="record_breach",
        occurred_at=at(6, 12),
        actor="ann",
        data={"breach_on": "2026-06-10", "description": "late"},
        path=(),
        source="delivery",
        target="delivery",
    )
    replayed = Procurement.replay((*p.history, old))
    assert replayed.version == p.version + 1
    [duty] = _duties(replayed, pendulum.Date(2026, 6, 12), "pa-s71-breach")
    assert duty.due_on == pendulum.Date(2026, 7, 9)
    assert "outcome (s.71(3)-(4)) was not recorded" in duty.note


@given(
    st.integers(0, 300),
    st.sampled_from([o for o in BreachOutcome if o is not BreachOutcome.TERMINATION]),
)
def test_the_notice_is_due_on_the_29th_day_after_the_outcome(
    offset: int, outcome: BreachOutcome
) -> None:
    p = _entered()
    day = pendulum.Date(2026, 4, 17).add(days=offset)
    p, _ = p.act(
        "record_breach",
        at=at(day.month, day.day, year=day.year),
        actor="ann",
        data={"description": "x", "outcome": outcome.value, "outcome_on": day.isoformat()},
    )
    [duty] = _duties(p, day, "pa-s71-breach")
    assert duty.due_on == day.add(days=29)
    assert p.timeline.life.breaches[-1].outcome is outcome


def test_a_gate_lists_a_duty_not_yet_in_force_instead() -> None:
    # the seam the commencement and exemption tables use (s.71 from 1 Jul 2026, as an example)
    def gate(duty: str, key: str, day: pendulum.Date) -> Obligation | None:
        if day >= pendulum.Date(2026, 7, 1):
            return None
        return Obligation(
            "meals", duty, RULES[key], ObligationStatus.NOT_APPLICABLE, note="not in force"
        )

    p = _entered("6000000", kpis=("a", "b", "c"))
    for outcome_on in ("2026-06-10", "2026-07-10"):
        p, _ = p.act(
            "record_breach",
            at=at(7, 12),
            actor="ann",
            data={"description": "x", "outcome": "damages", "outcome_on": outcome_on},
        )
    on = pendulum.Date(2026, 7, 12)
    early, late = breach_duties(p, on, gate=gate)
    assert (early.status, early.note) == (ObligationStatus.NOT_APPLICABLE, "not in force")
    assert (late.status, late.due_on) == (ObligationStatus.DUE, pendulum.Date(2026, 8, 8))
    [yearly] = performance_duties(p, on, pendulum.Date(2026, 4, 16), gate=gate)
    assert yearly.status is ObligationStatus.DUE  # judged on 12 Jul 2026: in force
