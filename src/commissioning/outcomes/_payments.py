"""Outcomes-based contracts: payment by results and social impact bonds.

Facts: the docs' Sources page, "Outcomes-based contracts" (Government
Outcomes Lab): a simple outcomes-based fee; payment by results (all or part of
payment depends on achieving outcomes); social impact bonds (payment by results
with up-front repayable finance from a third-party investor). Outcome metrics
carry a price per outcome; caps apply per metric and overall (the maximum
potential outcome payment); payments are planned or actual, per period.

Money is exact: every amount goes through `commissioning._money.pounds`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from .._aggregate import check_expected_version
from .._errors import (
    InvalidInput,
    InvalidInputType,
    Problem,
)
from .._money import PENNY
from .._time import as_date, as_utc
from .._validation import Checker
from ..machine import (
    EventRecord,
)
from ._common import collect_id, require_tuple_of
from ._contract_data import (
    payment_to_data,
    terms_to_data,
)
from ._contract_history import ContractHistory
from ._observations import ObservationLog
from ._payment_values import (
    CapExceeded,
    ContractForm,
    OutcomeMetric,
    OutcomePayment,
    PayableCalculation,
    PayableLine,
    PaymentKind,
    PeriodResult,
    ScheduleRow,
)
from ._payment_values import member as _member
from ._payment_values import optional_pounds as _optional_pounds
from ._periods import ReportingPeriod
from ._repr import html_table

__all__ = [
    "CapExceeded",
    "ContractForm",
    "OutcomeMetric",
    "OutcomePayment",
    "OutcomesContract",
    "PayableCalculation",
    "PayableLine",
    "PaymentKind",
    "PeriodResult",
    "ScheduleRow",
]


_RULE = (
    "outcomes achieved in the period = sum of the metric's measure observed for periods lying "
    "within it; gross = outcomes x price, to the penny (half up); each metric is cut to what its "
    "cap leaves after actual payments for other periods; then, in metric order, lines are cut to "
    "what the overall cap (maximum outcome payment) leaves after actual payments for other periods"
)


@attrs.frozen
class OutcomesContract(ContractHistory):
    """An outcomes-based contract: metrics, prices, caps and planned and actual payments.

    Actual payments are checked against the caps on construction: no state of a
    contract can have paid more than a cap allows.

    Attributes:
        id: the contract's id.
        name: its name.
        form: outcomes-based fee, payment by results or social impact bond.
        metrics: the outcome metrics, in payment order.
        max_outcome_payment: the overall cap (INDIGO "maximum potential outcome payment"), if any.
        payments: planned and actual payments, in the order recorded.
        payer: the outcome payer.
        provider: the service provider.
        investor: the investor (social impact bonds).
        investment: the up-front repayable finance (social impact bonds).

    Examples:
        >>> import pendulum
        >>> c = OutcomesContract.create("SIB-1", "Into work", form="social impact bond",
        ...     metrics=[OutcomeMetric.create("M1", "Job start", price="1000", cap="5000"),
        ...              OutcomeMetric.create("M2", "Job sustained 26 weeks", price="2500")],
        ...     max_outcome_payment="12000", payer="council", provider="charity",
        ...     investor="fund", investment="8000")
        >>> q1 = ReportingPeriod.quarter(2026, 1)
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("M1", q1, 7, at=pendulum.datetime(2026, 4, 10), actor="analyst")
        >>> log, _ = log.record("M2", q1, 4, at=pendulum.datetime(2026, 4, 10), actor="analyst")
        >>> calc = c.payable(log, q1)
        >>> [(line.metric_id, line.gross, line.payable) for line in calc.lines]
        [('M1', Decimal('7000.00'), Decimal('5000.00')), ('M2', Decimal('10000.00'), Decimal('7000.00'))]
        >>> calc.total
        Decimal('12000.00')
    """

    id: str
    name: str
    form: ContractForm
    metrics: tuple[OutcomeMetric, ...]
    max_outcome_payment: Decimal | None = None
    payments: tuple[OutcomePayment, ...] = ()
    payer: str = ""
    provider: str = ""
    investor: str | None = None
    investment: Decimal | None = None
    history: tuple[EventRecord, ...] = attrs.field(default=(), eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        collect_id(check, self.id, field="id")
        check.type("name", self.name, str, "a str")
        check.type("form", self.form, ContractForm, "a ContractForm")
        _optional_pounds(check, self.max_outcome_payment, "max_outcome_payment")
        _optional_pounds(check, self.investment, "investment")
        check.type("payer", self.payer, str, "a str")
        check.type("provider", self.provider, str, "a str")
        if self.investor is not None:
            check.type("investor", self.investor, str, "a str or None")
        require_tuple_of(self.metrics, OutcomeMetric, "metrics", "a tuple of OutcomeMetrics")
        require_tuple_of(self.payments, OutcomePayment, "payments", "a tuple of OutcomePayments")
        ids = [m.id for m in self.metrics]
        check.that(len(set(ids)) == len(ids), "metrics", "metrics with distinct ids", ids)
        for i, p in enumerate(self.payments):
            if p.metric_id is not None:
                check.that(
                    p.metric_id in ids, f"payments[{i}].metric_id", f"one of {ids}", p.metric_id
                )
        if self.form is ContractForm.SOCIAL_IMPACT_BOND:
            check.that(
                bool(self.investor),
                "investor",
                "the investor of a social impact bond",
                self.investor,
            )
        check.done()
        self._check_caps()

    def _check_caps(self) -> None:
        for metric in self.metrics:
            if metric.cap is not None:
                total = self.paid(metric_id=metric.id)
                if total > metric.cap:
                    raise CapExceeded(f"metric {metric.id!r}", metric.cap, total)
        if self.max_outcome_payment is not None:
            total = self.paid()
            if total > self.max_outcome_payment:
                raise CapExceeded("overall", self.max_outcome_payment, total)

    @classmethod
    def create(
        cls,
        id: str,  # noqa: A002 - "id" is the domain's word and the attribute's name
        name: str,
        *,
        form: ContractForm | str,
        metrics: Iterable[OutcomeMetric],
        max_outcome_payment: Decimal | int | str | None = None,
        payments: Iterable[OutcomePayment] = (),
        payer: str = "",
        provider: str = "",
        investor: str | None = None,
        investment: Decimal | int | str | None = None,
    ) -> OutcomesContract:
        """Build a contract from plain values (money through ``pounds``; form by name).

        Examples:
            >>> OutcomesContract.create("C", "c", form="payment by results", metrics=[]).form
            <ContractForm.PAYMENT_BY_RESULTS: 'payment by results'>
        """
        check = Checker()
        form_ = _member(
            check, ContractForm, form, "form", f"one of {[f.value for f in ContractForm]}"
        )
        cap = _optional_pounds(check, max_outcome_payment, "max_outcome_payment")
        invest = _optional_pounds(check, investment, "investment")
        check.done()
        assert form_ is not None  # noqa: S101 - narrowing after check.done()
        return cls(
            id, name, form_, tuple(metrics), cap, tuple(payments), payer, provider, investor, invest
        )

    # -- queries ------------------------------------------------------------------------------

    def metric(self, metric_id: str) -> OutcomeMetric:
        """The metric with this id.

        Examples:
            >>> import pendulum
            >>> c = OutcomesContract.create("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)])
            >>> p = ReportingPeriod.quarter(2026, 2)
            >>> c.metric("M").price
            Decimal('100.00')
        """
        for m in self.metrics:
            if m.id == metric_id:
                return m
        raise InvalidInput.of("metric_id", f"one of {[m.id for m in self.metrics]}", metric_id)

    def paid(
        self,
        *,
        metric_id: str | None = None,
        kind: PaymentKind = PaymentKind.ACTUAL,
        excluding: ReportingPeriod | None = None,
        period: ReportingPeriod | None = None,
    ) -> Decimal:
        """Total payments of a kind (default actual), optionally for one metric, one period, or all but one period.

        Examples:
            >>> OutcomesContract.create("C", "c", form="payment by results", metrics=[]).paid()
            Decimal('0.00')
        """
        total = Decimal("0.00")
        for p in self.payments:
            if p.kind is not kind:
                continue
            if metric_id is not None and p.metric_id != metric_id:
                continue
            if excluding is not None and p.period == excluding:
                continue
            if period is not None and p.period != period:
                continue
            total += p.amount
        return total

    def outcomes_achieved(
        self,
        log: ObservationLog,
        metric_id: str,
        period: ReportingPeriod,
        *,
        as_of: dt.datetime | None = None,
    ) -> tuple[Decimal, tuple[str, ...]]:
        """Outcomes achieved for a metric in a period, and the observation periods counted.

        Rule: the sum of the metric's measure over every observed period that lies
        wholly within ``period`` (so monthly counts add up to a quarter).

        Examples:
            >>> import pendulum
            >>> c = OutcomesContract.create("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)])
            >>> p = ReportingPeriod.quarter(2026, 2)
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> log, _ = log.record("M", ReportingPeriod.month(2026, 4), 2,
            ...     at=pendulum.datetime(2026, 5, 2), actor="analyst")
            >>> log, _ = log.record("M", ReportingPeriod.month(2026, 6), 1,
            ...     at=pendulum.datetime(2026, 7, 2), actor="analyst")
            >>> c.outcomes_achieved(log, "M", p)
            (Decimal('3'), ('2026-04', '2026-06'))
        """
        metric = self.metric(metric_id)
        inside = [
            o
            for o in log.series(metric.measure_id, as_of=as_of)
            if o.period.start >= period.start and o.period.end <= period.end and o.value is not None
        ]
        total = sum((o.value for o in inside if o.value is not None), Decimal(0))
        if total < 0:
            raise InvalidInput.of(
                f"observations of {metric.measure_id}", "non-negative outcome counts", total
            )
        return total, tuple(o.period.label for o in inside)

    def results(
        self,
        log: ObservationLog,
        periods: Iterable[ReportingPeriod],
        *,
        as_of: dt.datetime | None = None,
    ) -> tuple[PeriodResult, ...]:
        """Outcomes achieved per metric and period (periods with nothing observed are left out).

        Examples:
            >>> import pendulum
            >>> c = OutcomesContract.create("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100)])
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> log, _ = log.record("M", ReportingPeriod.month(2026, 5), 4,
            ...     at=pendulum.datetime(2026, 6, 3), actor="analyst")
            >>> [(r.period.label, r.outcomes) for r in c.results(log,
            ...     ReportingPeriod.between(ReportingPeriod.quarter(2026, 1), ReportingPeriod.quarter(2026, 2)))]
            [('2026-Q2', Decimal('4'))]
        """
        if as_of is not None:
            log, as_of = log.as_of(as_of), None  # replay once
        found = []
        for period in periods:
            for metric in self.metrics:
                outcomes, seen = self.outcomes_achieved(
                    log, metric.id, period, as_of=as_of
                )
                if seen:
                    found.append(PeriodResult(metric.id, period, outcomes, seen))
        return tuple(found)

    def payable(
        self,
        log: ObservationLog,
        period: ReportingPeriod,
        *,
        as_of: dt.datetime | None = None,
    ) -> PayableCalculation:
        """Compute what is payable for a period from the observations, within both caps.

        Rule: see the calculation's ``rule``: gross per metric from outcomes x price;
        each metric cut to what its cap leaves after actual payments for *other*
        periods; then lines, in metric order, cut to what the overall cap leaves.
        Already-paid amounts for this same period are reported as
        ``paid_for_period`` and netted in ``outstanding``, so recomputing after a
        late or revised observation gives the top-up (or overpayment).

        Examples:
            >>> import pendulum
            >>> c = OutcomesContract.create("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)])
            >>> p = ReportingPeriod.quarter(2026, 2)
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> log, _ = log.record("M", p, 3, at=pendulum.datetime(2026, 7, 2), actor="analyst")
            >>> calc = c.payable(log, p)
            >>> calc.lines[0].gross, calc.total
            (Decimal('300.00'), Decimal('250.00'))
        """
        if not isinstance(period, ReportingPeriod):
            raise InvalidInputType([Problem("period", "a ReportingPeriod", period, "type")])
        if as_of is not None:
            log, as_of = log.as_of(as_of), None  # replay once, not per metric
        overall_left = None
        if self.max_outcome_payment is not None:
            overall_left = max(
                self.max_outcome_payment - self.paid(excluding=period), Decimal("0.00")
            )
        remaining = overall_left
        lines = []
        for metric in self.metrics:
            outcomes, seen = self.outcomes_achieved(log, metric.id, period, as_of=as_of)
            gross = (outcomes * metric.price).quantize(PENNY, rounding=ROUND_HALF_UP)
            cap_left = None
            amount = gross
            if metric.cap is not None:
                cap_left = max(
                    metric.cap - self.paid(metric_id=metric.id, excluding=period), Decimal("0.00")
                )
                amount = min(amount, cap_left)
            if remaining is not None:
                amount = min(amount, remaining)
                remaining -= amount
            lines.append(
                PayableLine(metric.id, outcomes, metric.price, gross, cap_left, amount, seen)
            )
        total = sum((line.payable for line in lines), Decimal("0.00"))
        paid_here = self.paid(period=period)
        return PayableCalculation(
            self.id, period, tuple(lines), total, overall_left, paid_here, total - paid_here, _RULE
        )

    # -- changes (new values) -----------------------------------------------------------------

    # -- the protocol: creating, commands, history ----------------------------------------------

    @property
    def version(self) -> int:
        """The number of records so far (0 for terms built with [`create`][commissioning.outcomes.OutcomesContract.create], 1 once started)."""
        return len(self.history)

    @classmethod
    def start(
        cls,
        id: str,  # noqa: A002 - "id" is the domain's word and the attribute's name
        name: str,
        *,
        form: ContractForm | str,
        metrics: Iterable[OutcomeMetric],
        at: dt.datetime,
        actor: str,
        max_outcome_payment: Decimal | int | str | None = None,
        payments: Iterable[OutcomePayment] = (),
        payer: str = "",
        provider: str = "",
        investor: str | None = None,
        investment: Decimal | int | str | None = None,
    ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]:
        """Start a contract's history: its terms (as [`create`][commissioning.outcomes.OutcomesContract.create] takes them), recorded as ``start``.

        The version-1 record's ``data`` holds the terms and any payments given,
        so the records alone rebuild the contract ([`replay`][commissioning.outcomes.OutcomesContract]).

        Examples:
            >>> import pendulum
            >>> c, (record,) = OutcomesContract.start("C", "Into work", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "Job start", price=100)],
            ...     at=pendulum.datetime(2026, 4, 1), actor="commissioner")
            >>> c.version, record.event, record.data["terms"]["metrics"][0]["price"]
            (1, 'start', '100.00')
        """
        terms = cls.create(
            id, name, form=form, metrics=metrics, max_outcome_payment=max_outcome_payment,
            payments=payments, payer=payer, provider=provider, investor=investor,
            investment=investment,
        )  # fmt: skip
        return terms.started(at=at, actor=actor)

    def started(
        self, *, at: dt.datetime, actor: str
    ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]:
        """Start the history of terms built with [`create`][commissioning.outcomes.OutcomesContract.create] (e.g. from INDIGO): ``start`` (version 1).

        Refused for a contract already started.

        Examples:
            >>> import pendulum
            >>> terms = OutcomesContract.create("C", "c", form="payment by results", metrics=[])
            >>> c, _ = terms.started(at=pendulum.datetime(2026, 4, 1), actor="commissioner")
            >>> c == terms, c.version, terms.version
            (True, 1, 0)
        """
        if self.history:
            raise InvalidInput.of("contract", "terms not yet started (version 0)", self.version)
        record = EventRecord(
            self.id, 1, "start", as_utc(at, field="at"), actor, {"terms": terms_to_data(self)}
        )
        return attrs.evolve(self, history=(record,)), (record,)

    def record_payment(
        self,
        payment: OutcomePayment,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
    ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]:
        """Record a planned or actual payment (refused if a cap would be exceeded); ``record_payment``.

        Raises:
            CapExceeded: the actual payments would exceed a metric cap or the overall cap.

        Examples:
            >>> import pendulum
            >>> at = pendulum.datetime(2026, 7, 1)
            >>> c, _ = OutcomesContract.start("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)], at=at, actor="al")
            >>> p = ReportingPeriod.quarter(2026, 2)
            >>> c, _ = c.record_payment(OutcomePayment.create(p, 200, kind="Actual", metric_id="M"),
            ...     at=at, actor="al")
            >>> c.paid(), c.version
            (Decimal('200.00'), 2)
            >>> try:
            ...     c.record_payment(OutcomePayment.create(p, 100, kind="Actual", metric_id="M"),
            ...         at=at, actor="al")
            ... except CapExceeded as refused:
            ...     print(refused)
            metric 'M' cap: expected actual payments of at most £250.00, received a total of £300.00
        """
        self._check_command(expected_version)
        if not isinstance(payment, OutcomePayment):
            raise InvalidInputType([Problem("payment", "an OutcomePayment", payment, "type")])
        contract = self._with_payments((payment,))
        return self._recorded(
            contract, "record_payment", {"payment": payment_to_data(payment)}, at, actor
        )

    def pay(
        self,
        calculation: PayableCalculation,
        *,
        at: dt.datetime,
        actor: str,
        expected_version: int | None = None,
        paid_on: dt.date | None = None,
    ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]:
        """Record the outstanding amounts of a calculation as actual payments, one per metric (``pay``).

        ``at`` is the moment the payment is recorded; ``paid_on`` is the calendar
        day the money was paid, when that differs (default: ``at``'s day in UTC).

        Rule: each metric is paid what its line allows less what it was already
        paid for the period, and the sum is limited to the period's net
        ``outstanding`` (so an over-payment on one metric is set against the others).
        Nothing is recorded when nothing is outstanding (no record is returned);
        overpayments are not recovered here: recover them by agreement.

        Raises:
            CapExceeded: the contract was paid elsewhere since the calculation was
                made, so the calculation no longer fits the caps (recompute it).

        Examples:
            >>> import pendulum
            >>> c, _ = OutcomesContract.start("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)],
            ...     at=pendulum.datetime(2026, 4, 1), actor="al")
            >>> p = ReportingPeriod.month(2026, 4)
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> log, _ = log.record("M", p, 3, at=pendulum.datetime(2026, 5, 1), actor="analyst")
            >>> c, (record,) = c.pay(c.payable(log, p), at=pendulum.datetime(2026, 5, 6, 17),
            ...     actor="finance", paid_on=pendulum.Date(2026, 5, 5))
            >>> c.paid(), c.payable(log, p).outstanding, c.payments[0].paid_on
            (Decimal('250.00'), Decimal('0.00'), Date(2026, 5, 5))
            >>> record.event, record.data["payments"][0]["amount"]
            ('pay', '250.00')
        """
        self._check_command(expected_version)
        if not isinstance(calculation, PayableCalculation):
            raise InvalidInputType(
                [Problem("calculation", "a PayableCalculation", calculation, "type")]
            )
        if calculation.contract_id != self.id:
            raise InvalidInput.of(
                "calculation", f"a calculation for contract {self.id!r}", calculation.contract_id
            )
        moment = as_utc(at, field="at")
        day = as_date(moment.date() if paid_on is None else paid_on, field="paid_on")
        contract = self
        made: list[OutcomePayment] = []
        room = calculation.outstanding  # the period's net: over-payments on one metric count
        for line in calculation.lines:
            due = line.payable - contract.paid(metric_id=line.metric_id, period=calculation.period)
            due = min(due, room)
            if due > 0:
                room -= due
                payment = OutcomePayment(
                    calculation.period, due, PaymentKind.ACTUAL, line.metric_id,
                    self.payer, self.investor or self.provider, day,
                )  # fmt: skip
                made.append(payment)
                contract = contract._with_payments((payment,))
        if not made:
            return self, ()
        data = {
            "period": calculation.period.label,
            "payments": [payment_to_data(p) for p in made],
        }
        return self._recorded(contract, "pay", data, moment, actor)

    def _check_command(self, expected_version: object) -> None:
        check_expected_version(self.id, expected_version, self.version)
        if not self.history:
            raise InvalidInput.of(
                "contract", "a started contract (OutcomesContract.start or .started)", "version 0"
            )

    def _with_payments(self, payments: tuple[OutcomePayment, ...]) -> OutcomesContract:
        return attrs.evolve(self, payments=(*self.payments, *payments))

    def _recorded(
        self,
        contract: OutcomesContract,
        event: str,
        data: dict[str, Any],
        at: Any,
        actor: str,
    ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]:
        record = EventRecord(self.id, self.version + 1, event, as_utc(at, field="at"), actor, data)
        if record.occurred_at < self.history[-1].occurred_at:
            raise InvalidInput.of(
                "at",
                f"a moment no earlier than the last record ({self.history[-1].occurred_at})",
                record.occurred_at,
            )
        object.__setattr__(contract, "history", (*self.history, record))
        return contract, (record,)

    def schedule(self) -> tuple[ScheduleRow, ...]:
        """Planned against actual payments by period, in period order, with running totals.

        Examples:
            >>> c = OutcomesContract.create("C", "c", form="payment by results", metrics=[],
            ...     payments=[OutcomePayment.create(ReportingPeriod.quarter(2026, 1), 100, kind="Planned"),
            ...               OutcomePayment.create(ReportingPeriod.quarter(2026, 1), 80, kind="Actual")])
            >>> c.schedule()[0].variance
            Decimal('-20.00')
        """
        periods = sorted({p.period for p in self.payments}, key=lambda p: (p.start, p.end))
        rows = []
        cum_plan = cum_act = Decimal("0.00")
        for period in periods:
            planned = self.paid(kind=PaymentKind.PLANNED, period=period)
            actual = self.paid(period=period)
            cum_plan += planned
            cum_act += actual
            rows.append(ScheduleRow(period, planned, actual, actual - planned, cum_plan, cum_act))
        return tuple(rows)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per payment.

        Examples:
            >>> p = ReportingPeriod.quarter(2026, 2)
            >>> c = OutcomesContract.create("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)],
            ...     payments=[OutcomePayment.create(p, 1, kind="Planned")])
            >>> c.to_records()[0]["kind"]
            'Planned'
        """
        return [
            {
                "period": p.period.label,
                "period_start": p.period.start,
                "period_end": p.period.end,
                "kind": p.kind.value,
                "metric_id": p.metric_id,
                "amount": p.amount,
                "payer": p.payer,
                "recipient": p.recipient,
            }
            for p in self.payments
        ]

    def _repr_html_(self) -> str:
        rows = [
            {
                "period": r.period.label,
                "planned": r.planned,
                "actual": r.actual,
                "variance": r.variance,
                "cumulative_actual": r.cumulative_actual,
            }
            for r in self.schedule()
        ]
        cap = (
            "no overall cap"
            if self.max_outcome_payment is None
            else f"cap £{self.max_outcome_payment}"
        )
        metrics = "; ".join(
            f"{m.id}: £{m.price} per outcome" + ("" if m.cap is None else f", cap £{m.cap}")
            for m in self.metrics
        )
        return html_table(
            f"{self.name} ({self.form.value}, {cap})",
            rows,
            ["period", "planned", "actual", "variance", "cumulative_actual"],
            notes=(metrics,),
        )
