"""An outcomes contract's history: replaying its records, asking, and its stored form.

Split from `._payments` along the aggregate protocol's seam: the contract
([`OutcomesContract`][commissioning.outcomes.OutcomesContract]) holds its terms, rules and
commands there; this mixin gives it ``replay``, ``as_of``, ``options``,
``can``, ``to_data`` and ``from_data``, which read and write the records its
commands make.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import attrs

from .._aggregate import check_format, records_until
from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem, Reason
from .._reader import Reader, check_json
from .._time import as_utc
from ..machine import (
    EVENTS_FORMAT,
    EVENTS_FORMAT_VERSION,
    EventOption,
    EventRecord,
    Verdict,
    record_to_data,
    records_from_data,
)
from ._common import check_envelope
from ._contract_data import (
    CONTRACT_FORMAT,
    CONTRACT_FORMAT_VERSION,
    payment_from,
    period_from,
    terms_from,
    terms_to_data,
)
from ._payment_values import CapExceeded, OutcomePayment, PayableCalculation

if TYPE_CHECKING:
    from ._payments import OutcomesContract

__all__ = ["CONTRACT_COMMANDS", "ContractHistory"]


class ContractHistory:
    """What an outcomes contract does with its history (mixed into ``OutcomesContract``)."""

    __slots__ = ()

    if TYPE_CHECKING:
        id: str
        history: tuple[EventRecord, ...]
        payments: tuple[OutcomePayment, ...]

        def pay(
            self, calculation: PayableCalculation, *, at: dt.datetime, actor: str
        ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]: ...

        def record_payment(
            self, payment: OutcomePayment, *, at: dt.datetime, actor: str
        ) -> tuple[OutcomesContract, tuple[EventRecord, ...]]: ...

    @classmethod
    def replay(cls, records: Iterable[EventRecord]) -> OutcomesContract:
        """Rebuild the contract its records describe (from `history`, or a store).

        Raises [`InvalidHistory`][commissioning.InvalidHistory] naming the first record that
        does not fit: one stream, versions 1, 2, 3... starting with ``start``,
        times never going back, payments within the caps.

        Examples:
            >>> from commissioning.outcomes import (OutcomeMetric, OutcomePayment,
            ...     OutcomesContract, ReportingPeriod)
            >>> import pendulum
            >>> c, _ = OutcomesContract.start("C", "c", form="payment by results", metrics=[],
            ...     at=pendulum.datetime(2026, 4, 1), actor="al")
            >>> OutcomesContract.replay(c.history).history == c.history
            True
        """
        if isinstance(records, str | bytes | dict) or not isinstance(records, Iterable):
            raise InvalidInputType([Problem("records", "an iterable of EventRecords", records)])
        contract: OutcomesContract | None = None
        kept: list[EventRecord] = []
        for index, record in enumerate(records):
            check_envelope(index, record, kept[0].stream_id if kept else None)
            if kept and record.occurred_at < kept[-1].occurred_at:
                raise InvalidHistory(index, record, "recorded before the record before it")
            try:
                contract = _apply(contract, record)
            except (InvalidInput, CapExceeded) as error:
                raise InvalidHistory(index, record, str(error)) from error
            kept.append(record)
        if contract is None:
            raise InvalidHistory(0, None, "a contract's history starts with its start record")
        object.__setattr__(contract, "history", tuple(kept))
        return contract

    def as_of(self, at: dt.datetime) -> OutcomesContract:
        """The contract as it stood at ``at``: its records up to and including then, replayed.

        Before its first record (or for terms never started), the terms as they
        were started, with no history.

        Examples:
            >>> from commissioning.outcomes import (OutcomeMetric, OutcomePayment,
            ...     OutcomesContract, ReportingPeriod)
            >>> import pendulum
            >>> c, _ = OutcomesContract.start("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100)],
            ...     at=pendulum.datetime(2026, 4, 1), actor="al")
            >>> p = ReportingPeriod.quarter(2026, 2)
            >>> c, _ = c.record_payment(OutcomePayment.create(p, 100, kind="Actual"),
            ...     at=pendulum.datetime(2026, 7, 9), actor="al")
            >>> c.as_of(pendulum.datetime(2026, 7, 1)).paid(), c.paid()
            (Decimal('0.00'), Decimal('100.00'))
        """
        moment = as_utc(at, field="at")
        if not self.history or self.history[-1].occurred_at <= moment:
            return cast("OutcomesContract", self)  # the mixin is only ever an OutcomesContract
        records = records_until(self.history, moment)
        if records:
            return type(self).replay(records)
        return attrs.evolve(type(self).replay(self.history[:1]), history=())

    def options(
        self, *, at: dt.datetime, context: Any = None, data: Any = None
    ) -> tuple[EventOption, ...]:
        """The commands the contract accepts now, each allowed unless a rule refuses it.

        Every command needs a started contract (rule ``needs-start``). ``context``
        and ``data`` are accepted for the shared protocol and not used.

        Examples:
            >>> from commissioning.outcomes import (OutcomeMetric, OutcomePayment,
            ...     OutcomesContract, ReportingPeriod)
            >>> import pendulum
            >>> terms = OutcomesContract.create("C", "c", form="payment by results", metrics=[])
            >>> [(o.event, o.allowed) for o in terms.options(at=pendulum.datetime(2026, 4, 1))]
            [('record_payment', False), ('pay', False)]
        """
        as_utc(at, field="at")
        why = self._refusals()
        return tuple(EventOption(name, not why, None, why) for name in CONTRACT_COMMANDS)

    def _refusals(self) -> tuple[Reason, ...]:
        if self.history:
            return ()
        return (Reason("needs-start", "the contract's history has not been started"),)

    def can(self, event: str, *, at: dt.datetime, context: Any = None, data: Any = None) -> Verdict:
        """Whether the command ``event`` with arguments ``data`` would be accepted now; nothing changes.

        ``data`` holds the command's arguments by name: ``{"payment": ...}`` (an
        [`OutcomePayment`][commissioning.outcomes.OutcomePayment] or its stored form) for ``record_payment``,
        ``{"calculation": ...}`` (a [`PayableCalculation`][commissioning.outcomes.PayableCalculation]) for ``pay``.

        Examples:
            >>> from commissioning.outcomes import (OutcomeMetric, OutcomePayment,
            ...     OutcomesContract, ReportingPeriod)
            >>> import pendulum
            >>> at = pendulum.datetime(2026, 7, 1)
            >>> c, _ = OutcomesContract.start("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100, cap=250)], at=at, actor="al")
            >>> payment = {"period": "2026-Q2", "amount": "300", "kind": "Actual", "metric_id": "M",
            ...            "payer": "", "recipient": "", "paid_on": None}
            >>> c.can("record_payment", at=at, data={"payment": payment}).reasons
            (Reason(rule='cap', text="metric 'M' cap: expected actual payments of at most £250.00, received a total of £300.00"),)
        """
        if event not in CONTRACT_COMMANDS:
            shown = ", ".join(CONTRACT_COMMANDS)
            return Verdict.deny(Reason("event", f"expected one of {shown}, received {event!r}"))
        if self._refusals() or data is None:
            as_utc(at, field="at")
            return Verdict.deny(*self._refusals()) if self._refusals() else Verdict.allow()
        try:
            arguments = Reader(data, "data").mapping()
            if event == "pay":
                calculation = cast("PayableCalculation", arguments.get("calculation"))
                self.pay(calculation, at=at, actor="can")  # pay checks its type
            else:
                payment = arguments.get("payment")
                if not isinstance(payment, OutcomePayment):
                    payment = payment_from(Reader.checked(payment, "data.payment"))
                self.record_payment(payment, at=at, actor="can")
        except InvalidInput as error:
            return Verdict.deny(
                *(Reason(p.field, str(p).split(": ", 1)[-1]) for p in error.problems)
            )
        except CapExceeded as error:
            return Verdict.deny(Reason("cap", str(error)))
        return Verdict.allow()

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The contract's stored form: its terms and payments, and every record, JSON-compatible.

        ``format`` is ``"commissioning.outcomes-contract"``, ``format_version`` 1;
        ``terms`` holds the current terms and payments (money as decimal strings),
        ``records`` the history (``record_to_data`` each; empty for terms never started).

        Examples:
            >>> from commissioning.outcomes import (OutcomeMetric, OutcomePayment,
            ...     OutcomesContract, ReportingPeriod)
            >>> import json, pendulum
            >>> c, _ = OutcomesContract.start("C", "c", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M", "m", price=100)],
            ...     at=pendulum.datetime(2026, 4, 1), actor="al")
            >>> data = c.to_data()
            >>> data["format"], data["terms"]["form"], [r["event"] for r in data["records"]]
            ('commissioning.outcomes-contract', 'payment by results', ['start'])
            >>> again = OutcomesContract.from_data(json.loads(json.dumps(data)))
            >>> again == c, again.history == c.history
            (True, True)
        """
        return {
            "format": CONTRACT_FORMAT,
            "format_version": CONTRACT_FORMAT_VERSION,
            "id": self.id,
            "terms": terms_to_data(cast("OutcomesContract", self)),
            "records": [record_to_data(r) for r in self.history],
        }

    @classmethod
    def from_data(cls, data: Any, /) -> OutcomesContract:
        """Load a contract stored by `to_data` through the checked reader.

        With records, they are replayed and must agree with ``terms`` (else
        [`InvalidInput`][commissioning.InvalidInput] naming ``terms``); anything not the
        format raises [`InvalidInput`][commissioning.InvalidInput] naming its path.

        Examples:
            >>> from commissioning.outcomes import (OutcomeMetric, OutcomePayment,
            ...     OutcomesContract, ReportingPeriod)
            >>> OutcomesContract.from_data({"format": "commissioning.outcomes-contract",
            ...     "format_version": 1, "id": "C", "terms": {"id": "C"}, "records": []})
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: terms.name: expected a required key 'name', received 'a mapping without it'
        """
        check_json(data)
        check_format(data, format_name=CONTRACT_FORMAT, versions=(CONTRACT_FORMAT_VERSION,))
        reader = Reader(data)
        reader.only_keys({"format", "format_version", "id", "terms", "records"})
        contract_id = reader.key("id").text(non_empty=True)
        terms = terms_from(reader.key("terms"))
        if terms.id != contract_id:
            raise reader.key("terms").key("id").fail(f"the contract's id {contract_id!r}")
        records = records_from_data(
            {
                "format": EVENTS_FORMAT,
                "format_version": EVENTS_FORMAT_VERSION,
                "records": reader.key("records").sequence(),
            }
        )
        if not records:
            return terms
        for index, record in enumerate(records):
            if record.stream_id != contract_id:
                raise InvalidHistory(index, record, f"expected stream {contract_id!r}")
        contract = cls.replay(records)
        if contract != terms:
            raise reader.key("terms").fail("the terms and payments the records describe")
        return contract


#: The commands an outcomes contract accepts, in the order [`OutcomesContract.options`][commissioning.outcomes.OutcomesContract] lists them.
CONTRACT_COMMANDS = ("record_payment", "pay")


def _apply(contract: OutcomesContract | None, record: EventRecord) -> OutcomesContract:
    """The contract after one record (``None`` before the ``start`` record)."""
    reader = Reader(record.data, "data")
    if contract is None:
        if record.event != "start":
            raise InvalidInput.of("event", "'start' (a contract's first record)", record.event)
        reader.only_keys({"terms"})
        terms = terms_from(reader.key("terms"))
        if terms.id != record.stream_id:
            raise InvalidInput.of("data.terms.id", repr(record.stream_id), terms.id)
        return terms
    if record.event == "record_payment":
        reader.only_keys({"payment"})
        return attrs.evolve(
            contract, payments=(*contract.payments, payment_from(reader.key("payment")))
        )
    if record.event == "pay":
        reader.only_keys({"period", "payments"})
        period = period_from(reader.key("period"))
        payments = tuple(payment_from(r) for r in reader.key("payments").each())
        for i, payment in enumerate(payments):
            if payment.period != period:
                raise InvalidInput.of(
                    f"data.payments[{i}].period", period.label, payment.period.label
                )
        return attrs.evolve(contract, payments=(*contract.payments, *payments))
    raise InvalidInput.of("event", "one of start, record_payment, pay", record.event)
