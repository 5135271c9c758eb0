"""The values of outcomes-based payment: metrics, payments, caps and what is payable, line by line.

Split from `._payments` (the contract and its rules). Money is exact:
every amount goes through `commissioning._money.pounds`.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pendulum

from .._errors import CommissioningError, InvalidInput, Problem
from .._money import pounds
from .._time import as_date
from .._validation import Checker
from ._common import collect_id
from ._periods import ReportingPeriod
from ._repr import html_table

__all__ = [
    "CapExceeded",
    "ContractForm",
    "OutcomeMetric",
    "OutcomePayment",
    "PayableCalculation",
    "PayableLine",
    "PaymentKind",
    "PeriodResult",
    "ScheduleRow",
    "member",
    "optional_pounds",
]


class CapExceeded(CommissioningError, ValueError):
    """Actual payments would exceed a cap; nothing changed.

    Attributes:
        cap_name: which cap (``"metric 'M1'"`` or ``"overall"``).
        cap: the cap.
        total: the total that would have been paid.

    Examples:
        >>> from decimal import Decimal
        >>> err = CapExceeded("overall", Decimal("100.00"), Decimal("120.00"))
        >>> print(err)
        overall cap: expected actual payments of at most £100.00, received a total of £120.00
    """

    def __init__(self, cap_name: str, cap: Decimal, total: Decimal) -> None:
        self.cap_name = cap_name
        self.cap = cap
        self.total = total
        super().__init__(
            f"{cap_name} cap: expected actual payments of at most £{cap}, received a total of £{total}"
        )


class ContractForm(enum.Enum):
    """The three forms of outcomes-based contract (Government Outcomes Lab).

    Examples:
        >>> ContractForm("social impact bond").needs_investor
        True
    """

    OUTCOMES_BASED_FEE = "simple outcomes-based fee"
    PAYMENT_BY_RESULTS = "payment by results"
    SOCIAL_IMPACT_BOND = "social impact bond"

    @property
    def needs_investor(self) -> bool:
        """Whether the form has up-front repayable finance from a third-party investor."""
        return self is ContractForm.SOCIAL_IMPACT_BOND


class PaymentKind(enum.Enum):
    """Planned or actual, as INDIGO's outcome payments record them.

    Examples:
        >>> PaymentKind("Actual")
        <PaymentKind.ACTUAL: 'Actual'>
    """

    PLANNED = "Planned"
    ACTUAL = "Actual"


def optional_pounds(check: Checker, value: Any, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = pounds(value, field=field)
    except InvalidInput as err:
        check.extend(err)
        return None
    check.that(amount >= 0, field, "a non-negative amount", value)
    return amount


_E = TypeVar("_E", bound=enum.Enum)


def member(check: Checker, kind: type[_E], value: Any, field: str, expected: str) -> _E | None:
    """``value`` as a member of ``kind`` (given as one, or by its value); else a problem, ``None``."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        check.add(Problem(field, expected, value))
        return None


@attrs.frozen
class OutcomeMetric:
    """An outcome a contract pays for: its definition, price per outcome and cap.

    Attributes:
        id: unique within the contract.
        definition: when an outcome counts as achieved.
        price: the price per outcome, in pounds.
        cap: the most that may be paid for this metric over the contract (``None``: no metric cap).
        measure_id: the measure whose observations count outcomes achieved (default: ``id``).
        target: the target in words (INDIGO's ``outcome_metric_target`` is text).
        validation_method: how achievement is validated (e.g. "Simple ex-post verification").
        data_source: the data used to validate.
        target_population: who the metric is about.
        targeted_number: the number of people targeted, if known.

    Examples:
        >>> OutcomeMetric.create("M1", "Sustained job for 13 weeks", price="1200", cap="60000").price
        Decimal('1200.00')
    """

    id: str
    definition: str
    price: Decimal
    cap: Decimal | None = None
    measure_id: str = ""
    target: str = ""
    validation_method: str = ""
    data_source: str = ""
    target_population: str = ""
    targeted_number: int | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker()
        collect_id(check, self.id, field="id")
        optional_pounds(check, self.price, "price")
        optional_pounds(check, self.cap, "cap")
        for name in (
            "definition",
            "measure_id",
            "target",
            "validation_method",
            "data_source",
            "target_population",
        ):
            check.type(name, getattr(self, name), str, "a str")
        if self.targeted_number is not None and check.type(
            "targeted_number", self.targeted_number, int, "an int or None"
        ):
            check.that(
                self.targeted_number >= 0,
                "targeted_number",
                "a non-negative count",
                self.targeted_number,
            )
        check.done()
        if not self.measure_id:
            object.__setattr__(self, "measure_id", self.id)

    @classmethod
    def create(
        cls,
        id: str,  # noqa: A002 - "id" is the domain's word and the attribute's name
        definition: str,
        *,
        price: Decimal | int | str,
        cap: Decimal | int | str | None = None,
        **details: Any,
    ) -> OutcomeMetric:
        """Build a metric with money given as Decimal, int or str (floats refused).

        Examples:
            >>> OutcomeMetric.create("M1", "x", price=100).cap is None
            True
        """
        check = Checker()
        price_ = optional_pounds(check, price, "price")
        cap_ = optional_pounds(check, cap, "cap")
        check.done()
        return cls(id, definition, price_, cap_, **details)  # type: ignore[arg-type] # price_ is set: check.done() raised otherwise


@attrs.frozen
class OutcomePayment:
    """A planned or actual outcome payment for a period.

    Attributes:
        period: the period the payment is for (the claim period).
        amount: pounds (exact).
        kind: planned or actual.
        metric_id: the metric paid for (``None``: not split by metric).
        payer: who pays (the outcome payer).
        recipient: who receives it (provider or, for a bond, the investment vehicle).
        paid_on: the calendar day an actual payment was made, if known (a ``pendulum.Date``).

    Examples:
        >>> OutcomePayment.create(ReportingPeriod.quarter(2026, 1), "2400", kind="Actual",
        ...     metric_id="M1", payer="council").amount
        Decimal('2400.00')
    """

    period: ReportingPeriod
    amount: Decimal
    kind: PaymentKind
    metric_id: str | None = None
    payer: str = ""
    recipient: str = ""
    paid_on: pendulum.Date | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("period", self.period, ReportingPeriod, "a ReportingPeriod")
        optional_pounds(check, self.amount, "amount")
        check.type("kind", self.kind, PaymentKind, "a PaymentKind")
        if self.metric_id is not None:
            collect_id(check, self.metric_id, field="metric_id")
        check.type("payer", self.payer, str, "a str")
        check.type("recipient", self.recipient, str, "a str")
        if self.paid_on is not None:
            try:
                object.__setattr__(self, "paid_on", as_date(self.paid_on, field="paid_on"))
            except InvalidInput as err:
                check.extend(err)
        check.done()

    @classmethod
    def create(
        cls,
        period: ReportingPeriod,
        amount: Decimal | int | str,
        *,
        kind: PaymentKind | str,
        metric_id: str | None = None,
        payer: str = "",
        recipient: str = "",
        paid_on: dt.date | None = None,
    ) -> OutcomePayment:
        """Build a payment from plain values (money through ``pounds``; kind by name).

        Examples:
            >>> OutcomePayment.create(ReportingPeriod.month(2026, 5), 10, kind="Planned").kind
            <PaymentKind.PLANNED: 'Planned'>
        """
        check = Checker()
        amount_ = optional_pounds(check, amount, "amount")
        kind_ = member(check, PaymentKind, kind, "kind", "'Planned' or 'Actual'")
        check.done()
        assert amount_ is not None  # noqa: S101 - narrowing after check.done()
        assert kind_ is not None  # noqa: S101 - narrowing after check.done()
        day = None if paid_on is None else as_date(paid_on, field="paid_on")
        return cls(period, amount_, kind_, metric_id, payer, recipient, day)


@attrs.frozen
class PayableLine:
    """What one metric earns for a period, and how the caps cut it.

    Attributes:
        metric_id: the metric.
        outcomes: outcomes achieved in the period (sum of the observations inside it).
        price: the price per outcome.
        gross: ``outcomes * price``, to the nearest penny (half up).
        metric_cap_left: what the metric cap leaves after other periods' actual payments (``None``: no cap).
        payable: what may be paid after both caps.
        observed_periods: the observation periods counted.

    Examples:
        >>> import pendulum
        >>> c = OutcomesContract.create("C", "c", form="payment by results",
        ...     metrics=[OutcomeMetric.create("M", "m", price=50, cap=120)])
        >>> p = ReportingPeriod.month(2026, 4)
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("M", p, 3, at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> line = c.payable(log, p).lines[0]
        >>> line.gross, line.payable
        (Decimal('150.00'), Decimal('120.00'))
    """

    metric_id: str
    outcomes: Decimal
    price: Decimal
    gross: Decimal
    metric_cap_left: Decimal | None
    payable: Decimal
    observed_periods: tuple[str, ...]


@attrs.frozen
class PayableCalculation:
    """What is payable for one period, line by line, with the rule.

    Attributes:
        contract_id: the contract.
        period: the payment period.
        lines: one per metric, in the contract's order.
        total: the total payable for the period after caps.
        overall_cap_left: what the overall cap left before this period (``None``: no cap).
        paid_for_period: actual payments already recorded for this period.
        outstanding: ``total - paid_for_period`` (negative: overpaid, e.g. after a revision).
        rule: the rule, in words.

    Examples:
        >>> import pendulum
        >>> c = OutcomesContract.create("C", "c", form="payment by results",
        ...     metrics=[OutcomeMetric.create("M", "m", price=50)], max_outcome_payment=100)
        >>> p = ReportingPeriod.month(2026, 4)
        >>> calc = c.payable(
        ...     ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0].record("M", p, 3, at=pendulum.datetime(2026, 5, 1),
        ...     actor="analyst")[0], p)
        >>> calc.total, calc.overall_cap_left, calc.outstanding
        (Decimal('100.00'), Decimal('100.00'), Decimal('100.00'))
    """

    contract_id: str
    period: ReportingPeriod
    lines: tuple[PayableLine, ...]
    total: Decimal
    overall_cap_left: Decimal | None
    paid_for_period: Decimal
    outstanding: Decimal
    rule: str

    def to_records(self) -> list[dict[str, Any]]:
        """One record per metric line."""
        return [
            {
                "period": self.period.label,
                "metric_id": line.metric_id,
                "outcomes": line.outcomes,
                "price": line.price,
                "gross": line.gross,
                "metric_cap_left": line.metric_cap_left,
                "payable": line.payable,
            }
            for line in self.lines
        ]

    def _repr_html_(self) -> str:
        return html_table(
            f"Payable for {self.period.label} under {self.contract_id}: £{self.total} "
            f"(outstanding £{self.outstanding})",
            self.to_records(),
            ["metric_id", "outcomes", "price", "gross", "metric_cap_left", "payable"],
            notes=(self.rule,),
        )


@attrs.frozen
class ScheduleRow:
    """Planned against actual payments for one period.

    Attributes:
        period: the period.
        planned: planned payments for it.
        actual: actual payments for it.
        variance: ``actual - planned``.
        cumulative_planned: planned payments up to and including it.
        cumulative_actual: actual payments up to and including it.

    Examples:
        >>> c = OutcomesContract.create("C", "c", form="payment by results", metrics=[],
        ...     payments=[OutcomePayment.create(ReportingPeriod.month(2026, 4), 10, kind="Planned")])
        >>> row = c.schedule()[0]
        >>> row.planned, row.actual, row.variance
        (Decimal('10.00'), Decimal('0.00'), Decimal('-10.00'))
    """

    period: ReportingPeriod
    planned: Decimal
    actual: Decimal
    variance: Decimal
    cumulative_planned: Decimal
    cumulative_actual: Decimal


@attrs.frozen
class PeriodResult:
    """Outcomes achieved for one metric in one period (INDIGO's "results").

    Attributes:
        metric_id: the metric.
        period: the period.
        outcomes: outcomes achieved (sum of the observations inside the period).
        observed_periods: the observation periods counted.

    Examples:
        >>> from decimal import Decimal
        >>> PeriodResult("M", ReportingPeriod.month(2026, 4), Decimal(3), ("2026-04",)).outcomes
        Decimal('3')
    """

    metric_id: str
    period: ReportingPeriod
    outcomes: Decimal
    observed_periods: tuple[str, ...]
