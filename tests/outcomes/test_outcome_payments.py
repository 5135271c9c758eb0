"""Outcomes-based contracts: what is payable for a period, within caps, from the observations."""

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.outcomes import (
    CapExceeded,
    ContractForm,
    Frequency,
    IndigoProject,
    ObservationLog,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    PaymentKind,
    ReportingPeriod,
)
from commissioning.strategies import outcomes_contracts

Q1, Q2 = ReportingPeriod.quarter(2026, 1), ReportingPeriod.quarter(2026, 2)
AT = pendulum.datetime(2026, 4, 10)
STARTED = pendulum.datetime(2026, 1, 1)
PAID = pendulum.datetime(2026, 8, 1)


def _sib() -> OutcomesContract:
    return OutcomesContract.create(
        "SIB-1",
        "Into work",
        form="social impact bond",
        metrics=[
            OutcomeMetric.create("M1", "Job start", price="1000", cap="5000"),
            OutcomeMetric.create("M2", "Job sustained 26 weeks", price="2500"),
        ],
        max_outcome_payment="12000",
        payer="council",
        provider="charity",
        investor="fund",
        investment="8000",
    ).started(at=STARTED, actor="commissioner")[0]


def test_payable_for_a_quarter_applies_the_metric_cap_then_the_overall_cap() -> None:
    # M1: 7 x £1,000 = £7,000, cut to its £5,000 cap; M2: 4 x £2,500 = £10,000,
    # cut to what the £12,000 overall cap leaves after M1: £7,000. Total £12,000.
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record("M1", Q1, 7, at=AT, actor="analyst")[0]
        .record("M2", Q1, 4, at=AT, actor="analyst")[0]
    )
    calc = _sib().payable(log, Q1)
    assert [(x.gross, x.metric_cap_left, x.payable) for x in calc.lines] == [
        (Decimal("7000.00"), Decimal("5000.00"), Decimal("5000.00")),
        (Decimal("10000.00"), None, Decimal("7000.00")),
    ]
    assert (calc.total, calc.overall_cap_left, calc.outstanding) == (
        Decimal("12000.00"),
        Decimal("12000.00"),
        Decimal("12000.00"),
    )
    assert "overall cap" in calc.rule


def test_paying_records_actual_payments_and_later_periods_see_less_room() -> None:
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record("M1", Q1, 3, at=AT, actor="analyst")[0]
        .record("M2", Q1, 1, at=AT, actor="analyst")[0]
    )
    contract = _sib()
    contract, (record,) = contract.pay(
        contract.payable(log, Q1), at=PAID, actor="finance", paid_on=pendulum.Date(2026, 4, 30)
    )
    assert contract.paid() == Decimal("5500.00")  # 3 x 1000 + 1 x 2500
    assert {p.paid_on for p in contract.payments} == {pendulum.Date(2026, 4, 30)}
    assert (record.event, record.version, record.actor) == ("pay", 2, "finance")
    assert [p["amount"] for p in record.data["payments"]] == ["3000.00", "2500.00"]
    assert OutcomesContract.replay(contract.history) == contract
    assert contract.payable(log, Q1).outstanding == 0  # paying is idempotent
    log = log.record("M1", Q2, 4, at=pendulum.datetime(2026, 7, 10), actor="analyst")[0]
    q2 = contract.payable(log, Q2)
    assert q2.lines[0].metric_cap_left == Decimal("2000.00")  # 5000 - 3000 already paid
    assert q2.lines[0].payable == Decimal("2000.00")


def test_a_revised_observation_gives_a_top_up_or_shows_an_overpayment() -> None:
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("M2", Q1, 1, at=AT, actor="analyst")[0]
    contract = _sib()
    contract, _ = contract.pay(contract.payable(log, Q1), at=PAID, actor="finance")
    assert contract.payments[0].paid_on == pendulum.Date(2026, 8, 1)  # the day of at, by default
    up = log.revise(
        "M2", Q1, 2, at=pendulum.datetime(2026, 5, 1), note="late evidence", actor="analyst"
    )[0]
    assert contract.payable(up, Q1).outstanding == Decimal("2500.00")
    down = log.revise("M2", Q1, 0, at=pendulum.datetime(2026, 5, 1), actor="analyst")[0]
    assert contract.payable(down, Q1).outstanding == Decimal("-2500.00")
    # overpayments are not "paid": nothing is recorded
    assert contract.pay(contract.payable(down, Q1), at=PAID, actor="finance") == (contract, ())
    # what was payable as known when it was paid
    assert contract.payable(up, Q1, as_of=AT).outstanding == 0


def test_monthly_outcome_counts_add_up_to_the_quarter() -> None:
    contract = OutcomesContract.create(
        "PbR",
        "Rough sleepers",
        form="payment by results",
        metrics=[OutcomeMetric.create("housed", "Housed 6 months", price="750.50")],
    )
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
    for month, count in ((1, 2), (2, 0), (3, 3), (4, 9)):
        log = log.record(
            "housed", ReportingPeriod.month(2026, month), count, at=AT, actor="analyst"
        )[0]
    calc = contract.payable(log, Q1)
    assert calc.lines[0].outcomes == 5
    assert calc.lines[0].observed_periods == ("2026-01", "2026-02", "2026-03")
    assert calc.total == Decimal("3752.50")


def test_fractional_outcomes_are_priced_to_the_penny_half_up() -> None:
    contract = OutcomesContract.create(
        "F",
        "fee",
        form="simple outcomes-based fee",
        metrics=[OutcomeMetric.create("m", "m", price="0.03")],
    )
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[
        0
    ].record("m", Q1, "0.5", at=AT, actor="analyst")[0]  # 0.015 -> 0.02
    assert contract.payable(log, Q1).total == Decimal("0.02")


def test_actual_payments_beyond_a_cap_are_refused_and_nothing_changes() -> None:
    contract = _sib()
    with pytest.raises(CapExceeded) as err:
        contract.record_payment(
            OutcomePayment.create(Q1, "5000.01", kind="Actual", metric_id="M1"),
            at=PAID,
            actor="finance",
        )
    assert (err.value.cap_name, err.value.cap) == ("metric 'M1'", Decimal("5000.00"))
    with pytest.raises(CapExceeded):
        contract.record_payment(
            OutcomePayment.create(Q1, "12000.01", kind="Actual"), at=PAID, actor="finance"
        )
    planned, _ = contract.record_payment(
        OutcomePayment.create(Q1, "99999", kind="Planned"), at=PAID, actor="finance"
    )
    assert planned.paid() == 0  # planned payments are not capped
    assert contract.payments == ()
    assert contract.version == 1


def test_money_is_exact_and_bonds_need_an_investor() -> None:
    with pytest.raises(InvalidInputType):
        OutcomeMetric.create("M", "m", price=10.5)  # type: ignore[arg-type] # float on purpose
    with pytest.raises(InvalidInput) as err:
        OutcomesContract.create("S", "s", form="social impact bond", metrics=[])
    assert err.value.field == "investor"
    with pytest.raises(InvalidInput):
        OutcomesContract.create("S", "s", form="grant", metrics=[])
    with pytest.raises(InvalidInput):
        OutcomesContract.create(
            "S",
            "s",
            form=ContractForm.PAYMENT_BY_RESULTS,
            metrics=[],
            payments=[OutcomePayment.create(Q1, 1, kind="Actual", metric_id="ghost")],
        )


def test_the_schedule_sets_planned_against_actual() -> None:
    contract = _sib()
    for period, planned, actual in ((Q1, 3000, 2500), (Q2, 3000, 3500)):
        contract, _ = contract.record_payment(
            OutcomePayment.create(period, planned, kind="Planned"), at=PAID, actor="finance"
        )
        contract, _ = contract.record_payment(
            OutcomePayment.create(period, actual, kind=PaymentKind.ACTUAL), at=PAID, actor="finance"
        )
    rows = contract.schedule()
    assert [(r.period.label, r.variance, r.cumulative_actual) for r in rows] == [
        ("2026-Q1", Decimal("-500.00"), Decimal("2500.00")),
        ("2026-Q2", Decimal("500.00"), Decimal("6000.00")),
    ]


@given(
    outcomes_contracts(),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 30)), max_size=10),
)
def test_payments_never_exceed_the_caps(
    contract: OutcomesContract, counts: list[tuple[int, int]]
) -> None:
    periods = [
        ReportingPeriod.containing(Frequency.QUARTERLY, pendulum.Date(2024, 1, 1)) + i
        for i in range(8)
    ]
    log = ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
    for i, count in counts:
        for metric in contract.metrics:
            if log.value(metric.measure_id, periods[i]) is None:
                log = log.record(metric.measure_id, periods[i], count, at=AT, actor="analyst")[0]
    for period in periods:
        calc = contract.payable(log, period)
        for line in calc.lines:
            assert 0 <= line.payable <= line.gross
            if line.metric_cap_left is not None:
                assert line.payable <= line.metric_cap_left
        if calc.overall_cap_left is not None:
            assert calc.total <= calc.overall_cap_left
        # would raise CapExceeded if a cap were broken
        contract, _ = contract.pay(calc, at=contract.history[-1].occurred_at, actor="finance")
    for metric in contract.metrics:
        if metric.cap is not None:
            assert contract.paid(metric_id=metric.id) <= metric.cap
    if contract.max_outcome_payment is not None:
        assert contract.paid() <= contract.max_outcome_payment


def test_an_over_payment_on_one_metric_is_set_against_the_others() -> None:
    # found by Hypothesis: £0.01 was paid on M2 (which earned nothing) and M1 earned £0.01;
    # the period's net outstanding is nil, so paying must record nothing
    contract = OutcomesContract.create(
        "C",
        "c",
        form="payment by results",
        metrics=[
            OutcomeMetric.create("M1", "a", price="0.01"),
            OutcomeMetric.create("M2", "b", price="0"),
        ],
        max_outcome_payment="0.01",
        payments=[OutcomePayment.create(Q1, "0.01", kind="Actual", metric_id="M2")],
    ).started(at=STARTED, actor="commissioner")[0]
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record("M1", Q1, 1, at=AT, actor="analyst")[0]
        .record("M2", Q1, 1, at=AT, actor="analyst")[0]
    )
    calc = contract.payable(log, Q1)
    assert (calc.total, calc.paid_for_period, calc.outstanding) == (
        Decimal("0.01"),
        Decimal("0.01"),
        Decimal("0.00"),
    )
    assert contract.pay(calc, at=PAID, actor="finance") == (contract, ())


def test_results_per_period_feed_indigo_results() -> None:
    contract = _sib()
    log = (
        ObservationLog.create("returns", at=pendulum.datetime(2020, 1, 1), actor="analyst")[0]
        .record("M1", Q1, 7, at=AT, actor="analyst")[0]
        .record("M1", Q2, 2, at=AT, actor="analyst")[0]
    )
    results = contract.results(log, ReportingPeriod.between(Q1, Q2 + 1))
    assert [(r.metric_id, r.period.label, r.outcomes) for r in results] == [
        ("M1", "2026-Q1", Decimal(7)),
        ("M1", "2026-Q2", Decimal(2)),
    ]
    data = IndigoProject.from_outcomes_contract(contract, results=results).to_indigo()
    assert data["results"][0]["number_with_positive_social_outcomes"] == {
        "value": 7,
        "status": "PUBLIC",
    }
    assert data["results"][1]["period"]["end_date"] == {"value": "2026-06-30", "status": "PUBLIC"}
