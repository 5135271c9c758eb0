"""Hand-worked examples: decommissioning, lineage and the portfolio view."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from commissioning import GuardRejected, InvalidInput
from commissioning.cycle import (
    AUDIT_COMMISSION_QUESTIONS,
    Approval,
    CommissioningCycle,
    Contract,
    DecommissioningCase,
    DeliveryRoute,
    ImpactAssessment,
    InconsistentLineage,
    Lineage,
    MakeOrBuy,
    Portfolio,
    ProviderNotice,
    Question,
    Replacement,
    StatutoryPeriod,
    cabinet_office,
    decommissioning_status,
    earliest_service_end,
    example_lineage,
    lineage_problems,
)
from commissioning.machine import Period

T0 = dt.datetime(2027, 11, 1, 9, tzinfo=dt.UTC)


def at(days: int) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


ANSWERS = dict.fromkeys(AUDIT_COMMISSION_QUESTIONS, "see the cabinet report")


def deciding() -> CommissioningCycle:
    """The example's first cycle at "Measuring the impact", deciding to stop the service."""
    first, _ = example_lineage()
    # Rebuild the first cycle up to the impact step (before 'conclude') and decide to stop there.
    cut = next(
        i
        for i, r in enumerate(first.history)
        if r.event == "record" and r.data["evidence"]["kind"] == "impact"
    )
    c = CommissioningCycle.replay(first.history[: cut + 1], frameworks=[first.framework])
    c, _ = c.record(
        MakeOrBuy(DeliveryRoute.DECOMMISSION, "lunch clubs now meet the need", at(0).date()),
        at=at(0),
        actor="amira",
    )
    c, _ = c.fire("decommission", at=at(0), actor="amira")
    return c


# ----------------------------------------------------------------------------- decommissioning


def test_three_months_notice_is_counted_in_calendar_months() -> None:
    # NAO toolkit: at least three months' notice. 30 Nov 2027 + 3 months = 29 Feb 2028 (leap year).
    assert earliest_service_end(dt.date(2027, 11, 30)) == dt.date(2028, 2, 29)
    assert earliest_service_end(dt.date(2027, 12, 1)) == dt.date(2028, 3, 1)
    assert earliest_service_end(dt.date(2027, 12, 1), notice=Period(months=6)) == dt.date(
        2028, 6, 1
    )


def test_decommissioning_needs_a_decision_to_decommission() -> None:
    first, _ = example_lineage()
    cut = next(
        i
        for i, r in enumerate(first.history)
        if r.event == "record" and r.data["evidence"]["kind"] == "impact"
    )
    c = CommissioningCycle.replay(first.history[: cut + 1], frameworks=[first.framework])
    with pytest.raises(GuardRejected, match="decommissioning needs a decision to decommission"):
        c.fire("decommission", at=at(0), actor="amira")


def test_deciding_needs_the_case_and_the_cabinet() -> None:
    c = deciding()
    assert c.state == "decommission-decide"
    assert tuple(r.text for r in c.blockers(at=at(1))) == (
        (
            "decommissioning stage 'decide' needs a decommissioning case answering the Audit "
            "Commission's questions; none is recorded"
        ),
        "decommissioning stage 'decide' needs approval by 'cabinet'; none is recorded",
    )


def test_an_unanswered_audit_commission_question_is_refused() -> None:
    answers = dict(ANSWERS)
    del answers["What is the alternative?"]
    with pytest.raises(InvalidInput, match="What is the alternative"):
        DecommissioningCase("r", dt.date(2027, 11, 2), answers=answers, providers=["A"])


def walk_to_plan() -> CommissioningCycle:
    c = deciding()
    c, _ = c.record(
        DecommissioningCase(
            "Lunch clubs meet the need at lower cost",
            at(1).date(),
            answers=ANSWERS,
            providers=("Good Food CIC", "Council transport team"),
        ),
        at=at(1),
        actor="amira",
    )
    c, _ = c.approve(
        Approval("decommission-decide", "cabinet", "Cllr Patel", at(2)), at=at(2), actor="approver"
    )
    c, _ = c.fire("plan-decommissioning", at=at(2), actor="amira")
    return c


def test_short_notice_to_a_provider_is_named_with_the_earliest_end() -> None:
    c = walk_to_plan()
    c, _ = c.record(
        ImpactAssessment(at(3).date(), on_users="120 lose a daily visit", on_partners="Age UK"),
        at=at(3),
        actor="amira",
    )
    c, _ = c.record(
        Replacement(at(3).date(), "Lunch clubs and a befriending service"), at=at(3), actor="a"
    )
    # Notice given 4 Nov 2027 for 31 Jan 2028: less than three months (earliest 4 Feb 2028).
    c, _ = c.record(
        ProviderNotice("Good Food CIC", at(3).date(), service_ends_on=dt.date(2028, 1, 31)),
        at=at(3),
        actor="amira",
    )
    assert tuple(r.text for r in c.blockers(at=at(3))) == (
        (
            "decommissioning stage 'plan' needs notice to every provider; 'Good Food CIC' was given "
            "notice on 2027-11-04 for 2028-01-31, less than 3 months (the earliest end is 2028-02-04)"
        ),
        (
            "decommissioning stage 'plan' needs notice to every provider; 'Council transport team' "
            "has been given none"
        ),
    )
    status = decommissioning_status(c, at=at(3))
    assert status.stage == "plan"
    assert status.not_notified == ("Council transport team",)
    assert status.short_notice == ("Good Food CIC",)


def test_a_whole_decommissioning_ends_in_a_final_state() -> None:
    c = walk_to_plan()
    c, _ = c.record(
        ImpactAssessment(at(3).date(), on_users="120 lose a daily visit", on_partners="Age UK"),
        at=at(3),
        actor="amira",
    )
    c, _ = c.record(Replacement(at(3).date(), "Lunch clubs"), at=at(3), actor="amira")
    for provider in ("Good Food CIC", "Council transport team"):
        c, _ = c.record(
            ProviderNotice(provider, at(3).date(), service_ends_on=dt.date(2028, 2, 29)),
            at=at(3),
            actor="amira",
        )
    c, _ = c.fire("carry-out-decommissioning", at=at(4), actor="amira")
    assert c.state == "decommission-carry-out"
    with pytest.raises(GuardRejected, match="the service runs until 2028-02-29"):
        c.fire("complete-decommissioning", at=dt.datetime(2028, 2, 28, tzinfo=dt.UTC), actor="a")
    c, _ = c.fire("complete-decommissioning", at=dt.datetime(2028, 2, 29, tzinfo=dt.UTC), actor="a")
    assert c.is_final
    assert c.state == "decommissioned"
    assert decommissioning_status(c, at=c.updated_at).stage == "done"
    with pytest.raises(InvalidInput, match="a concluded cycle"):
        c.next_cycle("meals-2", at=c.updated_at, actor="amira")
    assert CommissioningCycle.replay(c.history, frameworks=[c.framework]) == c


def test_decommissioning_can_be_reconsidered_before_it_is_carried_out() -> None:
    c = walk_to_plan()
    c, _ = c.fire("reconsider", at=at(5), actor="amira")
    assert c.state == "route"  # the decision step


# ----------------------------------------------------------------------------- lineage


def test_the_next_cycle_carries_lessons_and_outcome_history() -> None:
    first, second = example_lineage()
    assert second.lineage is not None
    assert second.lineage.previous == "meals-1"
    assert second.iteration == 2
    assert len(second.lineage.lessons) == 2
    assert [o.measure for o in second.lineage.outcome_history] == ["lonely", "must"]
    assert second.lineage.previous_ended_at == first.updated_at
    lineage = Lineage.of([first, second])
    assert lineage.current is second
    assert lineage.lessons == second.lineage.lessons  # the second cycle has measured nothing yet


def test_only_a_concluded_cycle_has_a_successor() -> None:
    c, _ = CommissioningCycle.start(
        "x", service_area="Meals", framework=cabinet_office(), at=T0, actor="amira"
    )
    with pytest.raises(InvalidInput, match="a concluded cycle"):
        c.next_cycle("y", at=T0, actor="amira")


def test_an_inconsistent_lineage_lists_every_problem() -> None:
    first, second = example_lineage()
    link = second.lineage
    assert link is not None
    forged = attrs.evolve(second, lineage=attrs.evolve(link, iteration=3, lessons=()))
    assert lineage_problems([first, forged]) == (
        "cycle 2 ('meals-2') is iteration 3, expected 2",
        "cycle 2 ('meals-2') does not carry the lessons of 'meals-1' forward",
    )
    with pytest.raises(InconsistentLineage):
        Lineage.of([first, forged])
    other = attrs.evolve(second, service_area="Day care")
    assert "is for 'Day care', not 'Community meals'" in lineage_problems([first, other])[0]
    assert lineage_problems([second, first])[0] == (
        "cycle 1 ('meals-2') is in 'question': only a concluded cycle has a successor"
    )


def test_the_next_cycle_cannot_start_before_the_last_one_ended() -> None:
    first, _ = example_lineage()
    with pytest.raises(InvalidInput, match="on or after the previous cycle ended"):
        first.next_cycle("meals-2", at=first.updated_at - dt.timedelta(hours=1), actor="amira")


# ----------------------------------------------------------------------------- portfolio


def test_recommissioning_starts_from_the_lead_times_back_from_the_last_day() -> None:
    first, second = example_lineage()
    (expiry,) = Portfolio([first, second]).expiring(
        start=dt.date(2030, 1, 1), end=dt.date(2030, 12, 31), on=dt.date(2028, 1, 1)
    )
    # Last day 30 Sep 2030 (extension included). Step 5 takes 6 months (longer than the
    # statutory 25 days + 8 working days): 30 Mar 2030; then model 2, outcomes 2, customers 3,
    # question 1 months: 30 Jan, 30 Nov 2029, 30 Aug 2029, 30 Jul 2029.
    assert expiry.last_day == dt.date(2030, 9, 30)
    assert expiry.recommission_by == dt.date(2029, 7, 30)
    assert (expiry.successor, expiry.status) == ("meals-2", "started")


def test_statutory_periods_set_a_floor_under_a_short_procurement_step() -> None:
    first, _ = example_lineage()
    fw = first.framework
    quick = attrs.evolve(
        fw,
        steps=tuple(
            attrs.evolve(s, lead_time=Period()) if s.name == "route" else s for s in fw.steps
        ),
    )
    # What if the framework's route step took no time: the same cycle under it (a what-if,
    # not a replay: replay refuses a framework other than the one the records name).
    c = attrs.evolve(first, framework=quick)
    (expiry,) = Portfolio([c]).expiring(
        start=dt.date(2030, 9, 1), end=dt.date(2030, 9, 30), on=dt.date(2029, 1, 1)
    )
    # From Mon 30 Sep 2030, 8 PA working days back: 27, 26, 25, 24, 23, 20, 19, 18 Sep -> 18 Sep;
    # then 25 days -> 24 Aug 2030; then 8 months of earlier steps -> 24 Dec 2029.
    assert expiry.recommission_by == dt.date(2029, 12, 24)
    assert expiry.status == "upcoming"
    assert (
        Portfolio([c])
        .expiring(start=dt.date(2030, 9, 1), end=dt.date(2030, 9, 30), on=dt.date(2029, 10, 1))[0]
        .status
        == "due"
    )
    assert (
        Portfolio([c])
        .expiring(start=dt.date(2030, 9, 1), end=dt.date(2030, 9, 30), on=dt.date(2029, 12, 25))[0]
        .status
        == "late"
    )
    longer = (
        StatutoryPeriod("tendering period", 35),
        StatutoryPeriod("standstill", 8, working_days=True),
    )
    (expiry,) = Portfolio([c]).expiring(
        start=dt.date(2030, 9, 1),
        end=dt.date(2030, 9, 30),
        on=dt.date(2029, 1, 1),
        statutory=longer,
    )
    assert expiry.recommission_by == dt.date(2029, 12, 14)


def test_contracts_outside_the_window_are_not_listed() -> None:
    first, second = example_lineage()
    assert (
        Portfolio([first, second]).expiring(
            start=dt.date(2029, 1, 1), end=dt.date(2029, 12, 31), on=dt.date(2028, 1, 1)
        )
        == ()
    )


def test_the_portfolio_says_which_cycles_are_blocked_and_why() -> None:
    first, second = example_lineage()
    day_care, _ = CommissioningCycle.start(
        "day-care-1", service_area="Day care", framework=cabinet_office(), at=T0, actor="jo"
    )
    day_care, _ = day_care.record(Question("Q", "S", T0.date()), at=T0, actor="jo")
    blocked = Portfolio([first, second, day_care]).blocked(at=at(10))
    # meals-1 has ended; meals-2 and day-care-1 have their question, so neither is blocked.
    assert blocked == ()
    day_care, _ = day_care.advance(at=at(1), actor="jo")
    (only,) = Portfolio([first, second, day_care]).blocked(at=at(10))
    assert (only.cycle_id, only.state, only.event) == ("day-care-1", "customers", "advance")
    assert len(only.reasons) == 2


def test_the_portfolio_lists_what_falls_due_soonest_first() -> None:
    first, second = example_lineage()
    day_care, _ = CommissioningCycle.start(
        "day-care-1", service_area="Day care", framework=cabinet_office(), at=T0, actor="jo"
    )
    due = Portfolio([first, second, day_care]).due(at=at(20), within=Period(months=1))
    # Both entered "What's the question?" (1 month) on 1 Nov 2027: due 1 Dec 2027, in the window.
    assert [(cid, d.status) for cid, d in due] == [("day-care-1", "due"), ("meals-2", "due")]


def test_a_portfolio_refuses_two_cycles_with_one_id() -> None:
    first, _ = example_lineage()
    with pytest.raises(InvalidInput, match="distinct cycle ids"):
        Portfolio([first, first])


def test_contract_terms_are_checked() -> None:
    with pytest.raises(InvalidInput, match="ends_on"):
        Contract(
            "C",
            "S",
            Decimal(1),
            dt.date(2026, 1, 1),
            starts_on=dt.date(2026, 2, 1),
            ends_on=dt.date(2026, 1, 15),
        )
