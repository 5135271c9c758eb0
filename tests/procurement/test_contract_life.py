import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning import GuardRejected, TransitionNotAllowed
from commissioning.ocds import release_package, to_releases, validate_package
from commissioning.procurement import (
    Obligation,
    ObligationStatus,
    Procurement,
    obligations,
    uk_day,
)
from commissioning.strategies import procurements

from .conftest import at, make_facts, open_to_award


def delivering() -> Procurement:
    p = open_to_award(make_facts())
    p, _ = p.act(
        "enter_contract", at=at(4, 16), actor="ann", data={"value_including_vat": "600000"}
    )
    p, _ = p.publish("UK7", at=at(4, 20), actor="ann")
    p, _ = p.act("start_delivery", at=at(5, 1), actor="ann")
    return p


NOT_SUBSTANTIAL = {
    "ground": "not-substantial",
    "changes_scope": False,
    "shifts_economic_balance": False,
}


def test_a_modification_over_ten_percent_needs_a_contract_change_notice_first() -> None:
    p = delivering()
    # £600,000 to £700,000 is a 16.67% change: more than 10% for services (s.75).
    with pytest.raises(GuardRejected) as err:
        p.act(
            "modify_contract",
            at=at(6, 1),
            actor="ann",
            data={**NOT_SUBSTANTIAL, "value_including_vat": "700000"},
        )
    assert "Procurement Act 2023 s.75(1)" in str(err.value)
    assert "16.67%" in str(err.value)
    small, _ = p.act(
        "modify_contract",
        at=at(6, 1),
        actor="ann",
        data={**NOT_SUBSTANTIAL, "value_including_vat": "650000"},
    )
    assert small.timeline.contract_value == 650000


def test_a_change_notice_with_a_voluntary_standstill_holds_the_modification() -> None:
    p = delivering()
    change = {
        "ground": "not-substantial",
        "value_including_vat": "700000",
        "voluntary_standstill_days": 8,
    }
    p, (record,) = p.publish("UK10", at=at(6, 1), actor="ann", content=change)
    # UK10 Mon 1 Jun 2026: 1-5 and 8-10 June are working days 1-8 (s.76 counted like s.51).
    assert record.data["standstill_last_day"] == "2026-06-10"
    with pytest.raises(GuardRejected, match="from Thu 11 Jun 2026"):
        p.act(
            "modify_contract",
            at=at(6, 10),
            actor="ann",
            data={**NOT_SUBSTANTIAL, "value_including_vat": "700000"},
        )
    p, _ = p.act(
        "modify_contract",
        at=at(6, 11),
        actor="ann",
        data={**NOT_SUBSTANTIAL, "value_including_vat": "700000"},
    )
    assert p.timeline.pending_change is None
    assert p.timeline.modifications == 1


def test_a_performance_notice_reports_an_assessment_on_the_rating_scale() -> None:
    p = delivering()
    with pytest.raises(GuardRejected, match="no performance assessment"):
        p.publish("UK9", at=at(6, 1), actor="ann")
    with pytest.raises(GuardRejected, match="ratings must be"):
        p.act(
            "assess_performance",
            at=at(6, 1),
            actor="ann",
            data={"ratings": [{"kpi": "a", "rating": "great"}]},
        )
    p, _ = p.act(
        "assess_performance",
        at=at(6, 1),
        actor="ann",
        data={"ratings": [{"kpi": "a", "rating": "requires improvement"}]},
    )
    p, _ = p.publish("UK9", at=at(6, 2), actor="ann")
    with pytest.raises(GuardRejected):
        p.publish("UK9", at=at(6, 3), actor="ann")


def test_payments_are_recorded_in_delivery_only() -> None:
    p = delivering()
    p, _ = p.act("record_payment", at=at(6, 1), actor="ann", data={"amount": "45000.00"})
    assert p.timeline.payments[-1][1] == 45000
    with pytest.raises(GuardRejected):
        p.act("record_payment", at=at(6, 2), actor="ann", data={"amount": "lots"})


def test_a_contract_ends_and_closes_with_its_termination_notice() -> None:
    p = delivering()
    with pytest.raises(GuardRejected, match="expiry"):
        p.act("end_contract", at=at(9, 1), actor="ann", data={"reason": "bored"})
    p, _ = p.act("end_contract", at=at(9, 1), actor="ann", data={"reason": "termination"})
    assert p.state == "ended"
    with pytest.raises(TransitionNotAllowed):
        p.act("record_payment", at=at(9, 2), actor="ann", data={"amount": "1.00"})
    p, _ = p.publish("UK11", at=at(9, 10), actor="ann")
    assert (p.state, p.is_final) == ("closed", True)


def test_payments_information_falls_due_thirty_days_after_the_quarter() -> None:
    # PA s.70(2) (UK8, UNCONFIRMED code): a £45,000 payment on Mon 1 Jun 2026 falls in the
    # quarter ending Tue 30 Jun, which is day 1 of 30; day 30 is Wed 29 Jul 2026.
    p = delivering()
    p, _ = p.act("record_payment", at=at(6, 1), actor="ann", data={"amount": "45000.00"})
    (uk8,) = [o for o in obligations(p, on=pendulum.Date(2026, 7, 31)) if o.notice == "UK8"]
    assert uk8.due_on == pendulum.Date(2026, 7, 29)
    assert uk8.status is ObligationStatus.OVERDUE
    assert "UNCONFIRMED" in uk8.note


# ------------------------------------------------------------------ breaches and failures (s.71)
BREACH = {
    "outcome": "damages",
    "outcome_on": "2026-06-10",
    "description": "meals not delivered for three days",
}


def _breach_duties(p: Procurement, on: pendulum.Date) -> list[Obligation]:
    return [o for o in obligations(p, on=on) if o.rule.key == "pa-s71-breach"]


def test_a_breach_needs_a_performance_notice_within_30_days() -> None:
    p = delivering()  # entered Thu 16 Apr 2026, no KPIs set
    p, _ = p.act("record_breach", at=at(6, 12), actor="ann", data=BREACH)
    assert p.timeline.breaches == ((pendulum.Date(2026, 6, 10), BREACH["description"]),)
    # PA s.71: 30 days beginning with the breach day, Wed 10 Jun 2026: 10-30 June are days
    # 1-21, 1-9 July days 22-30, so the UK9 is due by Thu 9 Jul 2026.
    [duty] = _breach_duties(p, pendulum.Date(2026, 7, 9))
    assert (duty.status, duty.due_on, duty.notice) == (
        ObligationStatus.DUE,
        pendulum.Date(2026, 7, 9),
        "UK9",
    )
    assert "damages of Wed 10 Jun 2026 (meals not delivered for three days)" in duty.duty
    assert str(duty).endswith("by Thu 9 Jul 2026: due (Procurement Act 2023 s.71(3)-(5))")
    [late] = _breach_duties(p, pendulum.Date(2026, 7, 10))
    assert late.status is ObligationStatus.OVERDUE
    # no KPIs were set, yet the breach notice is owed (the yearly one is not)
    [kpi_duty] = [
        o
        for o in obligations(p, on=pendulum.Date(2026, 7, 10))
        if o.rule.key == "pa-s71-performance"
    ]
    assert (kpi_duty.status, kpi_duty.note) == (ObligationStatus.NOT_APPLICABLE, "no KPIs were set")


def test_a_breach_notice_needs_no_kpi_assessment_and_discharges_the_duty() -> None:
    p = delivering()
    p, _ = p.act("record_breach", at=at(6, 12), actor="ann", data=BREACH)
    p, _ = p.publish("UK9", at=at(7, 1), actor="ann")  # no assessment: the breach is reported
    [duty] = _breach_duties(p, pendulum.Date(2026, 7, 20))
    assert (duty.status, duty.done_on) == (ObligationStatus.DONE, pendulum.Date(2026, 7, 1))
    # reported once: a second UK9 needs an assessment or a new breach
    with pytest.raises(GuardRejected, match="no performance assessment or unreported breach"):
        p.publish("UK9", at=at(7, 2), actor="ann")


def test_a_performance_notice_before_the_breach_day_does_not_report_it() -> None:
    p = delivering()
    p, _ = p.act(
        "assess_performance",
        at=at(6, 1),
        actor="ann",
        data={"ratings": [{"kpi": "a", "rating": "good"}]},
    )
    p, _ = p.publish("UK9", at=at(6, 2), actor="ann")  # Tue 2 Jun, before Wed 10 Jun
    p, _ = p.act("record_breach", at=at(6, 12), actor="ann", data=BREACH)
    [duty] = _breach_duties(p, pendulum.Date(2026, 6, 12))
    assert (duty.status, duty.done_on) == (ObligationStatus.DUE, None)


def test_a_notice_published_between_the_breach_and_its_recording_reports_it() -> None:
    p = delivering()
    p, _ = p.act(
        "assess_performance",
        at=at(6, 10),
        actor="ann",
        data={"ratings": [{"kpi": "a", "rating": "inadequate"}]},
    )
    p, _ = p.publish("UK9", at=at(6, 11), actor="ann")  # Thu 11 Jun, on or after Wed 10 Jun
    p, _ = p.act("record_breach", at=at(6, 12), actor="ann", data=BREACH)
    [duty] = _breach_duties(p, pendulum.Date(2026, 6, 12))
    assert (duty.status, duty.done_on) == (ObligationStatus.DONE, pendulum.Date(2026, 6, 11))


def test_a_breach_records_its_day_and_what_it_was() -> None:
    p = delivering()
    with pytest.raises(GuardRejected) as err:
        p.act(
            "record_breach",
            at=at(6, 12),
            actor="ann",
            data={"outcome": "settlement", "outcome_on": "2026-06-13", "description": " "},
        )
    reasons = str(err.value)
    assert "description must say what the breach or failure was" in reasons
    assert "the settlement on Sat 13 Jun 2026 is after today (Fri 12 Jun 2026)" in reasons
    with pytest.raises(GuardRejected, match=r"before the contract was entered into \(Thu 16 Apr"):
        p.act(
            "record_breach",
            at=at(6, 12),
            actor="ann",
            data={"outcome": "damages", "outcome_on": "2026-04-15", "description": "x"},
        )
    with pytest.raises(GuardRejected, match="outcome_on must be an ISO date"):
        p.act(
            "record_breach",
            at=at(6, 12),
            actor="ann",
            data={"outcome": "damages", "outcome_on": "soon", "description": "x"},
        )
    # without outcome_on, the outcome is on the day it is recorded
    p, _ = p.act(
        "record_breach",
        at=at(6, 12),
        actor="ann",
        data={"outcome": "damages", "description": "late"},
    )
    assert p.timeline.breaches == ((pendulum.Date(2026, 6, 12), "late"),)


def test_a_breach_may_be_recorded_in_mobilisation_and_after_the_end() -> None:
    p = open_to_award(make_facts())
    p, _ = p.act(
        "enter_contract", at=at(4, 16), actor="ann", data={"value_including_vat": "600000"}
    )
    p, _ = p.act(
        "record_breach",
        at=at(4, 20),
        actor="ann",
        data={"outcome": "failure to improve", "description": "no staff"},
    )
    assert p.state == "mobilisation"
    p, _ = p.act("end_contract", at=at(5, 1), actor="ann", data={"reason": "termination"})
    p, _ = p.act(
        "record_breach",
        at=at(5, 2),
        actor="ann",
        data={
            "outcome": "settlement",
            "outcome_on": "2026-04-30",
            "description": "failed to remedy",
        },
    )
    assert p.state == "ended"
    # 30 days beginning with Mon 20 Apr end Tue 19 May; beginning with Thu 30 Apr, Fri 29 May.
    dues = [o.due_on for o in _breach_duties(p, pendulum.Date(2026, 5, 2))]
    assert dues == [pendulum.Date(2026, 5, 19), pendulum.Date(2026, 5, 29)]


def test_a_breach_notice_does_not_restart_the_yearly_assessment() -> None:
    p = open_to_award(make_facts("6000000"))
    p, _ = p.act(
        "enter_contract",
        at=at(4, 16),
        actor="ann",
        data={"value_including_vat": "6000000", "kpis": ["a", "b", "c"]},
    )
    p, _ = p.act("record_breach", at=at(6, 12), actor="ann", data=BREACH)
    p, _ = p.publish("UK9", at=at(7, 1), actor="ann")
    yearly = [o for o in obligations(p, on=pendulum.Date(2026, 7, 2)) if "12 months" in o.duty]
    # 12 months beginning with Thu 16 Apr 2026 end Thu 15 Apr 2027 (s.71 cadence); the
    # breach-only UK9 of Wed 1 Jul 2026 reported no assessment, so it does not count.
    assert [o.due_on for o in yearly] == [pendulum.Date(2027, 4, 15)]
    p, _ = p.act(
        "assess_performance",
        at=at(7, 1),
        actor="ann",
        data={"ratings": [{"kpi": "a", "rating": "good"}]},
    )
    p, _ = p.publish("UK9", at=at(7, 1, 10), actor="ann")
    yearly = [o for o in obligations(p, on=pendulum.Date(2026, 7, 2)) if "12 months" in o.duty]
    # 12 months beginning with Wed 1 Jul 2026 end Wed 30 Jun 2027.
    assert [o.due_on for o in yearly] == [pendulum.Date(2027, 6, 30)]


def test_a_breach_replays_and_is_known_only_once_recorded() -> None:
    p = delivering()
    p, _ = p.act("record_breach", at=at(6, 12), actor="ann", data=BREACH)
    assert Procurement.from_data(p.to_data()) == p
    assert _breach_duties(p, pendulum.Date(2026, 6, 11)) == []  # recorded Fri 12 Jun


def test_pcr_and_psr_contracts_record_no_s71_breach() -> None:
    facts = make_facts(commenced_on=pendulum.Date(2024, 6, 3))
    p, _ = Procurement.start(
        "pcr", facts=facts, procedure="pcr-open", at=at(6, 3, year=2024), actor="ann"
    )
    assert "record_breach" not in p.procedure.definition.events


@given(st.integers(0, 400))
def test_a_breach_notice_is_due_on_the_29th_day_after_the_breach(offset: int) -> None:
    p = delivering()
    breach_on = pendulum.Date(2026, 5, 1).add(days=offset)  # delivery started Fri 1 May
    recorded = at(breach_on.month, breach_on.day, year=breach_on.year)
    p, _ = p.act(
        "record_breach",
        at=recorded,
        actor="ann",
        data={"outcome": "damages", "outcome_on": breach_on.isoformat(), "description": "x"},
    )
    [duty] = _breach_duties(p, breach_on)
    # "within 30 days" beginning with the breach day: day 30 is 29 days after it
    assert duty.due_on == breach_on.add(days=29)
    assert duty.status is ObligationStatus.DUE


@settings(max_examples=40)
@given(
    procurements(
        procedures=st.sampled_from(["pa-open", "pa-direct-award", "pa-below-threshold"]),
        breaches=True,
    )
)
def test_every_recorded_breach_owes_one_notice_done_by_a_later_uk9(p: Procurement) -> None:
    h = p.timeline
    last = p.history[-1].occurred_at if p.history else p.started_at
    on = uk_day(last)
    duties = [
        o
        for o in obligations(p, on=on)
        if o.rule.key in {"pa-s71-breach", "pa-s71-breach-termination"}
    ]
    assert len(duties) == len(h.life.breaches)
    for breach, duty in zip(h.life.breaches, duties, strict=True):
        day = breach.triggered_on
        assert duty.notice == breach.notice  # UK11 for a full termination (PR24 reg 39(9))
        if duty.status is ObligationStatus.NOT_APPLICABLE:
            # Before s.71 came into force (1 Jan 2026), or exempt (light touch s.71(6), private
            # utility s.71(7), below threshold s.3(2)): the note names the provision.
            assert "s.71" in duty.note or "s.3(2)" in duty.note
            assert day < pendulum.Date(2026, 1, 1) or "not owed" in duty.note
            continue
        assert duty.due_on == day.add(days=29)  # 30 days beginning with the s.71(5) day
        reporting = [n.published_on for n in h.published(breach.notice) if n.published_on >= day]
        assert duty.done_on == (reporting[0] if reporting else None)
    # the OCDS export skips the breach itself but still validates
    releases = to_releases(p, prefix="ocds-abc123")
    if releases:
        package = release_package(
            releases,
            uri="https://example.com/p.json",
            publisher="Anytown Council",
            published_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        assert validate_package(package) == ()
