"""An outcomes contract's stored form and records: its terms, metrics and payments as JSON data.

Kept apart from `._payments` (the rules) so that the contract's history
([`EventRecord`][commissioning.machine.EventRecord] values whose ``data`` holds these
documents) and its ``to_data``/``from_data`` share one reader and one writer.
Everything is read through `commissioning._reader.Reader`: anything
that is not the format raises [`InvalidInput`][commissioning.InvalidInput] naming its path.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._placing import placed
from .._reader import Reader
from ._periods import period_from

if TYPE_CHECKING:
    from ._payments import OutcomeMetric, OutcomePayment, OutcomesContract

__all__ = [
    "CONTRACT_FORMAT",
    "CONTRACT_FORMAT_VERSION",
    "metric_from",
    "metric_to_data",
    "payment_from",
    "payment_to_data",
    "period_from",
    "terms_from",
    "terms_to_data",
]


#: The stored form's name and version ([`OutcomesContract.to_data`][commissioning.outcomes.OutcomesContract]).
CONTRACT_FORMAT = "commissioning.outcomes-contract"
CONTRACT_FORMAT_VERSION = 1

_METRIC_KEYS = frozenset(
    {
        "id", "definition", "price", "cap", "measure_id", "target", "validation_method",
        "data_source", "target_population", "targeted_number",
    }
)  # fmt: skip
_PAYMENT_KEYS = frozenset(
    {"period", "amount", "kind", "metric_id", "payer", "recipient", "paid_on"}
)
_TERMS_KEYS = frozenset(
    {
        "id", "name", "form", "metrics", "max_outcome_payment", "payments", "payer",
        "provider", "investor", "investment",
    }
)  # fmt: skip


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _optional_money(reader: Reader, name: str) -> Decimal | None:
    found = reader.get(name)
    return None if found is None else found.decimal()


def _optional_text(reader: Reader, name: str) -> str | None:
    found = reader.get(name)
    return None if found is None else found.text()


def metric_to_data(metric: OutcomeMetric) -> dict[str, Any]:
    """A metric as JSON-compatible data (money as decimal strings)."""
    return {
        "id": metric.id,
        "definition": metric.definition,
        "price": str(metric.price),
        "cap": _money(metric.cap),
        "measure_id": metric.measure_id,
        "target": metric.target,
        "validation_method": metric.validation_method,
        "data_source": metric.data_source,
        "target_population": metric.target_population,
        "targeted_number": metric.targeted_number,
    }


def metric_from(reader: Reader) -> OutcomeMetric:
    """The metric `metric_to_data` wrote, read at ``reader``'s path."""
    from ._payments import OutcomeMetric  # noqa: PLC0415 - that module imports this one

    reader.only_keys(_METRIC_KEYS)
    number = reader.get("targeted_number")
    return placed(
        reader,
        lambda: OutcomeMetric(
            reader.key("id").text(non_empty=True),
            reader.key("definition").text(),
            reader.key("price").decimal(),
            _optional_money(reader, "cap"),
            reader.key("measure_id").text(),
            reader.key("target").text(),
            reader.key("validation_method").text(),
            reader.key("data_source").text(),
            reader.key("target_population").text(),
            None if number is None else number.integer(minimum=0),
        ),
    )


def payment_to_data(payment: OutcomePayment) -> dict[str, Any]:
    """A payment as JSON-compatible data (the period by its label, the day paid ISO 8601)."""
    return {
        "period": payment.period.label,
        "amount": str(payment.amount),
        "kind": payment.kind.value,
        "metric_id": payment.metric_id,
        "payer": payment.payer,
        "recipient": payment.recipient,
        "paid_on": None if payment.paid_on is None else payment.paid_on.isoformat(),
    }


def payment_from(reader: Reader) -> OutcomePayment:
    """The payment `payment_to_data` wrote, read at ``reader``'s path."""
    from ._payments import OutcomePayment, PaymentKind  # noqa: PLC0415 - as above

    reader.only_keys(_PAYMENT_KEYS)
    paid_on = reader.get("paid_on")
    return placed(
        reader,
        lambda: OutcomePayment(
            period_from(reader.key("period")),
            reader.key("amount").decimal(),
            reader.key("kind").enum(PaymentKind),
            _optional_text(reader, "metric_id"),
            reader.key("payer").text(),
            reader.key("recipient").text(),
            None if paid_on is None else paid_on.day(),
        ),
    )


def terms_to_data(contract: OutcomesContract) -> dict[str, Any]:
    """A contract's terms and payments (no history) as JSON-compatible data."""
    return {
        "id": contract.id,
        "name": contract.name,
        "form": contract.form.value,
        "metrics": [metric_to_data(m) for m in contract.metrics],
        "max_outcome_payment": _money(contract.max_outcome_payment),
        "payments": [payment_to_data(p) for p in contract.payments],
        "payer": contract.payer,
        "provider": contract.provider,
        "investor": contract.investor,
        "investment": _money(contract.investment),
    }


def terms_from(reader: Reader) -> OutcomesContract:
    """The contract (without history) `terms_to_data` wrote, read at ``reader``'s path."""
    from ._payments import ContractForm, OutcomesContract  # noqa: PLC0415 - as above

    reader.only_keys(_TERMS_KEYS)
    return placed(
        reader,
        lambda: OutcomesContract(
            reader.key("id").text(non_empty=True),
            reader.key("name").text(),
            reader.key("form").enum(ContractForm),
            tuple(metric_from(r) for r in reader.key("metrics").each()),
            _optional_money(reader, "max_outcome_payment"),
            tuple(payment_from(r) for r in reader.key("payments").each()),
            reader.key("payer").text(),
            reader.key("provider").text(),
            _optional_text(reader, "investor"),
            _optional_money(reader, "investment"),
        ),
    )
