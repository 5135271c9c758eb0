"""Round-trip the INDIGO impact-bond data standard's project fields.

Facts: the docs' Sources page, "Outcomes-based contracts": the
INDIGO data standard (International Network for Data on Impact and Government
Outcomes; schema ``project.json``) describes outcomes-based projects with
stage, dates, policy sector, target and actual service users, maximum
potential outcome payment, total outcome payments made, outcome metrics,
outcome pricing, outcome payment commitments and payments, and results; every
value carries a publication status (PUBLIC, PRIVATE, DISPUTED).

Field names and paths follow INDIGO's ``schema/project.json`` (values are
objects ``{"value": ..., "status": ...}``; list items carry their own
``status``, whose codelist also has SANDBOX). Keys this module does not model
are kept, untouched, in ``extra`` and written back, so
``IndigoProject.from_indigo(d).to_indigo() == d`` for any project dictionary.

Numbers: INDIGO types amounts as JSON numbers. They are read exactly
(a ``float`` through its shortest ``repr``) into ``Decimal`` and written back as
``int`` when whole, else as the ``float`` whose ``repr`` is exactly that
decimal (``1000.00`` is written ``1000``, equal as a number); a number that
cannot be written so (more than 15 significant digits) is refused rather than
rounded.
"""

from __future__ import annotations

import copy
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, ClassVar, Generic, TypeVar

import attrs
import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._money import pounds
from .._reader import check_json
from .._validation import Checker
from ._indigo_lenient import MAX_ADJUSTED_EXPONENT, IndigoConversion, IndigoReading, lenient_number
from ._payments import (
    ContractForm,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    PaymentKind,
    PeriodResult,
)
from ._periods import Frequency, ReportingPeriod
from ._repr import html_table

__all__ = [
    "IndigoOutcomeMetric",
    "IndigoOutcomePayment",
    "IndigoOutcomePricing",
    "IndigoPaymentCommitment",
    "IndigoProject",
    "IndigoResult",
    "PublicationStatus",
    "Published",
]

T = TypeVar("T")


class PublicationStatus(enum.Enum):
    """INDIGO's publication status of a value (PUBLIC, PRIVATE, DISPUTED) or an item (also SANDBOX).

    Examples:
        >>> PublicationStatus("DISPUTED")
        <PublicationStatus.DISPUTED: 'DISPUTED'>
    """

    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"
    DISPUTED = "DISPUTED"
    SANDBOX = "SANDBOX"


@attrs.frozen
class Published(Generic[T]):
    """A value with its INDIGO publication status.

    ``value`` may be ``None`` (e.g. a PRIVATE value withheld); ``status`` may be
    ``None`` when the source gave none.

    Examples:
        >>> Published(Decimal("250000"), PublicationStatus.PUBLIC).status.value
        'PUBLIC'
    """

    value: T | None
    status: PublicationStatus | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is not None and not isinstance(self.status, PublicationStatus):
            raise InvalidInputType(
                [Problem("status", "a PublicationStatus or None", self.status, "type")]
            )


# -- value kinds --------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}$|^\d{4}-\d{2}$|^\d{4}-\d{2}-\d{2}$")
_VALUE_STATUSES = ("PUBLIC", "PRIVATE", "DISPUTED")


@attrs.frozen
class _Field:
    attr: str
    path: tuple[str, ...]
    kind: str  # "text", "number", "date" or "choice"
    choices: tuple[str, ...] = ()


def _read_number(raw: Any, field: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise InvalidInputType([Problem(field, "a JSON number", raw, "type")])
    if isinstance(raw, int) and raw.bit_length() > 100:
        raise InvalidInput.of(field, "a number below 10**30", "a larger integer")
    try:
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        raise InvalidInput.of(field, "a JSON number", raw) from None
    if not number.is_finite():
        raise InvalidInput.of(field, "a finite number", raw)
    if number != 0 and number.adjusted() > MAX_ADJUSTED_EXPONENT:
        raise InvalidInput.of(field, "a number below 10**30", "a larger number")
    return number


def _write_number(value: Decimal, field: str) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) != value:
        raise InvalidInput.of(
            field, "a number JSON can carry exactly (at most 15 significant digits)", value
        )
    return as_float


def _check_value(check: Checker, f: _Field, value: Any, where: str) -> None:
    if value is None:
        return
    if f.kind == "number":
        if check.type(where, value, Decimal, "a Decimal"):
            if not value.is_finite():
                check.add(Problem(where, "a finite number", value))
            elif value != 0 and value.adjusted() > MAX_ADJUSTED_EXPONENT:
                # refused before any int() of it: 1E+999999 would take minutes to expand
                check.add(Problem(where, "a number below 10**30", "a larger number"))
            else:
                try:
                    _write_number(value, where)
                except InvalidInput as err:
                    check.extend(err)
        return
    if not check.type(where, value, str, "a str"):
        return
    if f.kind == "date":
        check.that(bool(_DATE.match(value)), where, "a date as YYYY, YYYY-MM or YYYY-MM-DD", value)
    elif f.kind == "choice":
        check.that(value in f.choices, where, f"one of {list(f.choices)}", value)


def _validate(obj: Any, spec: tuple[_Field, ...], check: Checker) -> None:
    for f in spec:
        published = getattr(obj, f.attr)
        if published is None:
            continue
        if not isinstance(published, Published):
            check.add(Problem(f.attr, "a Published value or None", published, "type"))
            continue
        _check_value(check, f, published.value, f"{f.attr}.value")
        if published.status is PublicationStatus.SANDBOX:
            check.add(Problem(f"{f.attr}.status", "PUBLIC, PRIVATE or DISPUTED", published.status))
    status = getattr(obj, "status", None)
    if status is not None:
        check.type("status", status, PublicationStatus, "a PublicationStatus or None")
    extra = getattr(obj, "extra", None)
    if not isinstance(extra, Mapping):
        check.add(Problem("extra", "a mapping of unmodelled keys", extra, "type"))
        return
    for f in spec:
        if getattr(obj, f.attr) is None:
            continue
        node: Any = extra
        for key in f.path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if isinstance(node, Mapping) and ("value" in node or "status" in node):
            check.add(
                Problem(f"extra.{'.'.join(f.path)}", f"no copy of the modelled {f.attr}", node)
            )


def _strict(value: Any, path: str) -> Any:
    """``value`` as strict JSON: a finite Decimal becomes the int or float that carries it."""
    if isinstance(value, Decimal):
        return _write_number(_read_number(value, path), path)
    if isinstance(value, Mapping):
        return {k: _strict(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _parse_fields(
    data: Any, spec: tuple[_Field, ...], where: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the spec's fields from ``data``; return (attrs, leftover dict)."""
    if not isinstance(data, Mapping):
        raise InvalidInputType([Problem(where or "project", "a JSON object (dict)", data, "type")])
    rest: dict[str, Any] = copy.deepcopy(dict(data))
    found: dict[str, Any] = {}
    check = Checker()
    for f in spec:
        parents: list[dict[str, Any]] = [rest]
        node: Any = rest
        for key in f.path:
            if not isinstance(node, dict) or key not in node:
                node = None
                break
            node = node[key]
            parents.append(node)
        field = ".".join((where, *f.path)) if where else ".".join(f.path)
        if node is None:
            continue
        if not isinstance(node, dict):
            check.add(Problem(field, "an object with value and status", node, "type"))
            continue
        raw_value = node.get("value")
        raw_status = node.get("status")
        value: Any = None
        status = None
        try:
            if raw_value is not None:
                value = (
                    _read_number(raw_value, f"{field}.value") if f.kind == "number" else raw_value
                )
                _check_value(check, f, value, f"{field}.value")
            if raw_status is not None:
                if raw_status not in _VALUE_STATUSES:
                    check.add(Problem(f"{field}.status", "PUBLIC, PRIVATE or DISPUTED", raw_status))
                else:
                    status = PublicationStatus(raw_status)
        except InvalidInput as err:
            check.extend(err)
            continue
        if raw_value is not None:
            del node["value"]
        if raw_status is not None:
            del node["status"]
        found[f.attr] = Published(value, status)
        # drop the leaf if now empty, then any container it leaves empty (they held it, so were not)
        for depth in range(len(f.path), 0, -1):
            holder, key = parents[depth - 1], f.path[depth - 1]
            if isinstance(holder.get(key), dict) and not holder[key]:
                del holder[key]
            else:
                break
    check.done()
    return found, rest


def _write_fields(obj: Any, spec: tuple[_Field, ...], where: str) -> dict[str, Any]:
    out: dict[str, Any] = _thaw(obj.extra)
    for f in spec:
        published = getattr(obj, f.attr)
        if published is None:
            continue
        node = out
        for key in f.path:
            node = node.setdefault(key, {})
        if published.value is not None:
            field = ".".join((where, *f.path)) if where else ".".join(f.path)
            node["value"] = (
                _write_number(published.value, f"{field}.value")
                if f.kind == "number"
                else published.value
            )
        if published.status is not None:
            node["status"] = published.status.value
    return out


def _item_status(
    data: Mapping[str, Any], rest: dict[str, Any], where: str
) -> PublicationStatus | None:
    raw = data.get("status")
    if raw is None:
        return None
    try:
        status = PublicationStatus(raw)
    except ValueError:
        raise InvalidInput.of(
            f"{where}.status", "PUBLIC, PRIVATE, DISPUTED or SANDBOX", raw
        ) from None
    rest.pop("status", None)
    return status


class _Item:
    """Shared reading and writing of one list item."""

    _SPEC: ClassVar[tuple[_Field, ...]] = ()
    _ID_KEY: ClassVar[str | None] = None

    @classmethod
    def _from(cls, data: Any, where: str) -> Any:
        found, rest = _parse_fields(data, cls._SPEC, where)
        status = _item_status(data, rest, where)
        if cls._ID_KEY is not None and cls._ID_KEY in rest and isinstance(rest[cls._ID_KEY], str):
            found[cls._ID_KEY] = rest.pop(cls._ID_KEY)
        build: Any = cls  # each subclass is an attrs class taking these keywords
        return build(**found, status=status, extra=_freeze(rest))

    def _to(self, where: str) -> dict[str, Any]:
        out = _write_fields(self, self._SPEC, where)
        if self._ID_KEY is not None and getattr(self, self._ID_KEY) is not None:
            out[self._ID_KEY] = getattr(self, self._ID_KEY)
        status = getattr(self, "status")  # noqa: B009 - the attribute is declared by each subclass
        if status is not None:
            out["status"] = status.value
        return out

    def _post_init(self) -> None:
        check = Checker()
        _validate(self, self._SPEC, check)
        if self._ID_KEY is not None:
            value = getattr(self, self._ID_KEY)
            if value is not None:
                check.type(self._ID_KEY, value, str, "a str or None")
        check.done()
        extra = getattr(self, "extra")  # noqa: B009 - declared by each subclass
        if isinstance(extra, Mapping):
            # unmodelled keys are kept only if strict JSON can carry them (no NaN, sets, objects)
            check_json(_thaw(extra), field="extra")
            object.__setattr__(self, "extra", _freeze(_strict(_thaw(extra), "extra")))


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


_TEXT = "text"
_NUMBER = "number"
_DATE_KIND = "date"
_CHOICE = "choice"


@attrs.frozen
class IndigoOutcomeMetric(_Item):
    """An INDIGO ``outcome_metrics[]`` item: definition, target and validation method.

    Examples:
        >>> m = IndigoOutcomeMetric.from_indigo({"id": "M1", "definition": {"value": "Job start"},
        ...     "status": "PUBLIC"})
        >>> m.definition.value, m.to_indigo()["status"]
        ('Job start', 'PUBLIC')
    """

    _SPEC: ClassVar[tuple[_Field, ...]] = (
        _Field("definition", ("definition",), _TEXT),
        _Field("target_population", ("target_population",), _TEXT),
        _Field(
            "targeted_number", ("targeted_number_of_service_users_or_beneficiaries_total",), _NUMBER
        ),
        _Field("target", ("outcome_metric_target",), _TEXT),
        _Field("validation_method", ("outcome_validation_method",), _TEXT),
        _Field("data_source", ("data_source_for_outcome_validation",), _TEXT),
    )
    _ID_KEY: ClassVar[str | None] = "id"

    id: str | None = None
    definition: Published[str] | None = None
    target_population: Published[str] | None = None
    targeted_number: Published[Decimal] | None = None
    target: Published[str] | None = None
    validation_method: Published[str] | None = None
    data_source: Published[str] | None = None
    status: PublicationStatus | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty)

    def __attrs_post_init__(self) -> None:
        self._post_init()

    @classmethod
    def from_indigo(cls, data: Mapping[str, Any]) -> IndigoOutcomeMetric:
        """Read one item (unmodelled keys kept in ``extra``)."""
        return cls._from(data, "outcome_metrics[]")  # type: ignore[no-any-return] # _from builds cls

    def to_indigo(self) -> dict[str, Any]:
        """Write the item back as a JSON-compatible dict."""
        return self._to("outcome_metrics[]")


@attrs.frozen
class IndigoOutcomePricing(_Item):
    """An INDIGO ``outcome_pricings[]`` item: price per unit and maximum price for a metric.

    INDIGO types the maximum price as text; it is kept as text here and parsed
    (as pounds) only when converting to an [`OutcomesContract`][commissioning.outcomes.OutcomesContract].

    Examples:
        >>> p = IndigoOutcomePricing.from_indigo({"outcome_metric_id": {"value": "M1"},
        ...     "price_per_unit": {"amount": {"value": 1200}}})
        >>> p.price_per_unit.value
        Decimal('1200')
    """

    _SPEC: ClassVar[tuple[_Field, ...]] = (
        _Field("outcome_metric_id", ("outcome_metric_id",), _TEXT),
        _Field("currency", ("currency",), _TEXT),
        _Field("price_per_unit", ("price_per_unit", "amount"), _NUMBER),
        _Field("maximum_price", ("maximum_price_if_all_targets_achieved", "amount"), _TEXT),
    )

    outcome_metric_id: Published[str] | None = None
    currency: Published[str] | None = None
    price_per_unit: Published[Decimal] | None = None
    maximum_price: Published[str] | None = None
    status: PublicationStatus | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty)

    def __attrs_post_init__(self) -> None:
        self._post_init()

    @classmethod
    def from_indigo(cls, data: Mapping[str, Any]) -> IndigoOutcomePricing:
        """Read one item (unmodelled keys kept in ``extra``)."""
        return cls._from(data, "outcome_pricings[]")  # type: ignore[no-any-return] # _from builds cls

    def to_indigo(self) -> dict[str, Any]:
        """Write the item back as a JSON-compatible dict."""
        return self._to("outcome_pricings[]")


@attrs.frozen
class IndigoPaymentCommitment(_Item):
    """An INDIGO ``outcome_payment_commitments[]`` item: a payer's commitment and what it has paid.

    Examples:
        >>> c = IndigoPaymentCommitment.from_indigo({"organisation_id": {"value": "INDIGO-ORG-1"},
        ...     "maximum_potential_outcome_payment": {"amount": {"value": 500000}}})
        >>> c.maximum_potential_outcome_payment.value
        Decimal('500000')
    """

    _SPEC: ClassVar[tuple[_Field, ...]] = (
        _Field("organisation_id", ("organisation_id",), _TEXT),
        _Field("currency", ("maximum_potential_outcome_payment", "currency"), _TEXT),
        _Field(
            "maximum_potential_outcome_payment",
            ("maximum_potential_outcome_payment", "amount"),
            _NUMBER,
        ),
        _Field("result_type", ("result_type",), _CHOICE, ("Interim", "Overall")),
        _Field("period_start", ("period", "start_date"), _DATE_KIND),
        _Field("period_end", ("period", "end_date"), _DATE_KIND),
        _Field("total_outcome_payments", ("total_outcome_payments", "amount"), _NUMBER),
    )

    organisation_id: Published[str] | None = None
    currency: Published[str] | None = None
    maximum_potential_outcome_payment: Published[Decimal] | None = None
    result_type: Published[str] | None = None
    period_start: Published[str] | None = None
    period_end: Published[str] | None = None
    total_outcome_payments: Published[Decimal] | None = None
    status: PublicationStatus | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty)

    def __attrs_post_init__(self) -> None:
        self._post_init()

    @classmethod
    def from_indigo(cls, data: Mapping[str, Any]) -> IndigoPaymentCommitment:
        """Read one item (unmodelled keys kept in ``extra``)."""
        return cls._from(data, "outcome_payment_commitments[]")  # type: ignore[no-any-return] # _from builds cls

    def to_indigo(self) -> dict[str, Any]:
        """Write the item back as a JSON-compatible dict."""
        return self._to("outcome_payment_commitments[]")


@attrs.frozen
class IndigoOutcomePayment(_Item):
    """An INDIGO ``outcome_payments[]`` item: a planned or actual payment for a period.

    Examples:
        >>> p = IndigoOutcomePayment.from_indigo({"type": {"value": "Actual"},
        ...     "money": {"amount": {"value": 2400.5}, "currency": {"value": "GBP"}}})
        >>> p.amount.value, p.to_indigo()["money"]["amount"]
        (Decimal('2400.5'), {'value': 2400.5})
    """

    _SPEC: ClassVar[tuple[_Field, ...]] = (
        _Field("outcome_metric_id", ("outcome_metric_id",), _TEXT),
        _Field("period_start", ("period", "start_date"), _DATE_KIND),
        _Field("period_end", ("period", "end_date"), _DATE_KIND),
        _Field("payer_organisation_id", ("payer_organisation_id",), _TEXT),
        _Field("recipient_organisation_id", ("recipient_organisation_id",), _TEXT),
        _Field("type", ("type",), _CHOICE, ("Planned", "Actual")),
        _Field("currency", ("money", "currency"), _TEXT),
        _Field("amount", ("money", "amount"), _NUMBER),
    )

    outcome_metric_id: Published[str] | None = None
    period_start: Published[str] | None = None
    period_end: Published[str] | None = None
    payer_organisation_id: Published[str] | None = None
    recipient_organisation_id: Published[str] | None = None
    type: Published[str] | None = None
    currency: Published[str] | None = None
    amount: Published[Decimal] | None = None
    status: PublicationStatus | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty)

    def __attrs_post_init__(self) -> None:
        self._post_init()

    @classmethod
    def from_indigo(cls, data: Mapping[str, Any]) -> IndigoOutcomePayment:
        """Read one item (unmodelled keys kept in ``extra``)."""
        return cls._from(data, "outcome_payments[]")  # type: ignore[no-any-return] # _from builds cls

    def to_indigo(self) -> dict[str, Any]:
        """Write the item back as a JSON-compatible dict."""
        return self._to("outcome_payments[]")


@attrs.frozen
class IndigoResult(_Item):
    """An INDIGO ``results[]`` item: outcomes achieved, number engaged and with positive outcomes.

    Examples:
        >>> r = IndigoResult.from_indigo({"number_engaged_in_impact_bond": {"value": 120,
        ...     "status": "PUBLIC"}})
        >>> r.number_engaged.value, r.number_engaged.status.value
        (Decimal('120'), 'PUBLIC')
    """

    _SPEC: ClassVar[tuple[_Field, ...]] = (
        _Field("outcome_metric_id", ("outcome_metric_id",), _TEXT),
        _Field("result_type", ("result_type",), _CHOICE, ("Interim", "Final")),
        _Field("period_start", ("period", "start_date"), _DATE_KIND),
        _Field("period_end", ("period", "end_date"), _DATE_KIND),
        _Field("outcomes_achieved", ("outcomes_achieved",), _TEXT),
        _Field("number_engaged", ("number_engaged_in_impact_bond",), _NUMBER),
        _Field("number_with_positive_outcomes", ("number_with_positive_social_outcomes",), _NUMBER),
    )

    outcome_metric_id: Published[str] | None = None
    result_type: Published[str] | None = None
    period_start: Published[str] | None = None
    period_end: Published[str] | None = None
    outcomes_achieved: Published[str] | None = None
    number_engaged: Published[Decimal] | None = None
    number_with_positive_outcomes: Published[Decimal] | None = None
    status: PublicationStatus | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty)

    def __attrs_post_init__(self) -> None:
        self._post_init()

    @classmethod
    def from_indigo(cls, data: Mapping[str, Any]) -> IndigoResult:
        """Read one item (unmodelled keys kept in ``extra``)."""
        return cls._from(data, "results[]")  # type: ignore[no-any-return] # _from builds cls

    def to_indigo(self) -> dict[str, Any]:
        """Write the item back as a JSON-compatible dict."""
        return self._to("results[]")


STAGES = (
    "Early-stage design",
    "Late-stage design",
    "Contracted",
    "Implementation",
    "Service delivery complete",
    "Complete",
)
POLICY_SECTORS = (
    "Employment and training",
    "Child and family welfare",
    "Health",
    "Homelessness",
    "Education",
    "Criminal justice",
    "Agriculture and environment",
    "Poverty reduction",
)
_LISTS: tuple[tuple[str, type[Any]], ...] = (
    ("outcome_metrics", IndigoOutcomeMetric),
    ("outcome_pricings", IndigoOutcomePricing),
    ("outcome_payment_commitments", IndigoPaymentCommitment),
    ("outcome_payments", IndigoOutcomePayment),
    ("results", IndigoResult),
)


@attrs.frozen
class IndigoProject(_Item):
    """The INDIGO ``project.json`` fields the reference names, each a [`Published`][commissioning.outcomes.Published] value.

    Read with [`from_indigo`][commissioning.outcomes.IndigoProject.from_indigo], write with [`to_indigo`][commissioning.outcomes.IndigoProject.to_indigo]; everything not
    modelled rides along in ``extra``. [`from_outcomes_contract`][commissioning.outcomes.IndigoProject.from_outcomes_contract] and
    [`to_outcomes_contract`][commissioning.outcomes.IndigoProject.to_outcomes_contract] convert to and from this library's contract model.

    Examples:
        >>> data = {"name": {"value": "Into work SIB"},
        ...         "stage_development": {"value": "Implementation", "source_ids": "S1"},
        ...         "overall_project_finance": {"maximum_potential_outcome_payment_v2": {
        ...             "amount": {"value": 1250000, "status": "PUBLIC"},
        ...             "currency": {"value": "GBP", "status": "PUBLIC"}}},
        ...         "service_and_beneficiaries": {"targeted_number_service_users_or_beneficiaries_total":
        ...             {"value": 400, "status": "PRIVATE"}},
        ...         "id": "INDIGO-POJ-9999"}
        >>> p = IndigoProject.from_indigo(data)
        >>> p.stage.value, p.max_outcome_payment.value, p.targeted_service_users.status.value
        ('Implementation', Decimal('1250000'), 'PRIVATE')
        >>> p.to_indigo() == data
        True
    """

    _SPEC: ClassVar[tuple[_Field, ...]] = (
        _Field("name", ("name",), _TEXT),
        _Field("stage", ("stage_development",), _CHOICE, STAGES),
        _Field("outcomes_contract_signed", ("dates", "outcomes_contract_signed"), _DATE_KIND),
        _Field(
            "contracts_between_all_parties_signed",
            ("dates", "contracts_between_all_parties_signed"),
            _DATE_KIND,
        ),
        _Field("anticipated_completion_date", ("dates", "anticipated_completion_date"), _DATE_KIND),
        _Field("actual_completion_date", ("dates", "actual_completion_date"), _DATE_KIND),
        _Field(
            "start_date_of_service_provision",
            ("dates", "start_date_of_service_provision"),
            _DATE_KIND,
        ),
        _Field(
            "anticipated_end_date_of_service_provision",
            ("dates", "anticipated_end_date_of_service_provision"),
            _DATE_KIND,
        ),
        _Field(
            "actual_end_date_of_service_provision",
            ("dates", "actual_end_date_of_service_provision"),
            _DATE_KIND,
        ),
        _Field(
            "policy_sector",
            ("purpose_and_classifications", "policy_sector"),
            _CHOICE,
            POLICY_SECTORS,
        ),
        _Field(
            "targeted_service_users",
            ("service_and_beneficiaries", "targeted_number_service_users_or_beneficiaries_total"),
            _NUMBER,
        ),
        _Field(
            "actual_service_users",
            ("service_and_beneficiaries", "actual_number_service_users_or_beneficiaries_total"),
            _NUMBER,
        ),
        _Field(
            "max_outcome_payment_currency",
            ("overall_project_finance", "maximum_potential_outcome_payment_v2", "currency"),
            _TEXT,
        ),
        _Field(
            "max_outcome_payment",
            ("overall_project_finance", "maximum_potential_outcome_payment_v2", "amount"),
            _NUMBER,
        ),
        _Field(
            "total_outcome_payments_currency",
            ("overall_project_finance", "total_outcome_payments_made", "currency"),
            _TEXT,
        ),
        _Field(
            "total_outcome_payments_made",
            ("overall_project_finance", "total_outcome_payments_made", "amount"),
            _NUMBER,
        ),
    )

    name: Published[str] | None = None
    stage: Published[str] | None = None
    outcomes_contract_signed: Published[str] | None = None
    contracts_between_all_parties_signed: Published[str] | None = None
    anticipated_completion_date: Published[str] | None = None
    actual_completion_date: Published[str] | None = None
    start_date_of_service_provision: Published[str] | None = None
    anticipated_end_date_of_service_provision: Published[str] | None = None
    actual_end_date_of_service_provision: Published[str] | None = None
    policy_sector: Published[str] | None = None
    targeted_service_users: Published[Decimal] | None = None
    actual_service_users: Published[Decimal] | None = None
    max_outcome_payment_currency: Published[str] | None = None
    max_outcome_payment: Published[Decimal] | None = None
    total_outcome_payments_currency: Published[str] | None = None
    total_outcome_payments_made: Published[Decimal] | None = None
    outcome_metrics: tuple[IndigoOutcomeMetric, ...] | None = None
    outcome_pricings: tuple[IndigoOutcomePricing, ...] | None = None
    outcome_payment_commitments: tuple[IndigoPaymentCommitment, ...] | None = None
    outcome_payments: tuple[IndigoOutcomePayment, ...] | None = None
    results: tuple[IndigoResult, ...] | None = None
    status: PublicationStatus | None = None
    extra: Mapping[str, Any] = attrs.field(factory=_empty)

    def __attrs_post_init__(self) -> None:
        self._post_init()
        check = Checker()
        for name, kind in _LISTS:
            items = getattr(self, name)
            if items is not None and not (
                isinstance(items, tuple) and all(isinstance(i, kind) for i in items)
            ):
                check.add(Problem(name, f"a tuple of {kind.__name__} or None", items, "type"))
        check.done()

    @classmethod
    def from_indigo(cls, data: Mapping[str, Any]) -> IndigoProject:
        """Read a project dictionary (as ``json.load`` gives it); unmodelled keys are kept in ``extra``.

        A list whose items are not all objects is left untouched in ``extra``.

        Examples:
            >>> data = {"name": {"value": "Into work", "status": "PUBLIC"}, "notes": {"value": "kept"}}
            >>> p = IndigoProject.from_indigo(data)
            >>> p.name.value, dict(p.extra)
            ('Into work', {'notes': mappingproxy({'value': 'kept'})})
        """
        if not isinstance(data, Mapping):
            raise InvalidInputType([Problem("project", "a JSON object (dict)", data, "type")])
        check_json(data, field="project")
        check = Checker()
        try:
            found, rest = _parse_fields(data, cls._SPEC, "")
        except InvalidInputType:
            raise
        except InvalidInput as err:
            check.extend(err)
            found, rest = {}, copy.deepcopy(dict(data))
        try:
            status = _item_status(data, rest, "project")
        except InvalidInput as err:
            check.extend(err)
            status = None
        for name, kind in _LISTS:
            raw = rest.get(name)
            if isinstance(raw, list):
                try:
                    found[name] = tuple(
                        kind._from(item, f"{name}[{i}]")  # noqa: SLF001 - this module's shared item reader
                        for i, item in enumerate(raw)
                    )
                    del rest[name]
                except InvalidInput as err:
                    check.extend(err)
        check.done()
        return cls(**found, status=status, extra=_freeze(rest))

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> IndigoReading:
        """Read a real project leniently: numbers as text converted, bad items left out alone.

        Unlike [`from_indigo`][commissioning.outcomes.IndigoProject.from_indigo] (exact: refuses the whole project on any bad value),
        a number field holding text (``'£1.2m'``, ``'$10,000,000'``,
        ``'710 (two-year mark)'``, ``'=1000*12'``) is read with
        [`lenient_number`][commissioning.outcomes.lenient_number] and listed in
        [`conversions`][commissioning.outcomes.IndigoReading]; a value that
        still cannot be read is left out with its problem (its item kept), and a
        list item that is not an object or has a bad status is left out alone, so
        one messy cell never rejects the project. Input that is
        not JSON at all (NaN, sets, 100,000 levels of nesting) is still refused.

        Examples:
            >>> r = IndigoProject.read({"name": {"value": "Into work"},
            ...     "overall_project_finance": {"maximum_potential_outcome_payment_v2":
            ...         {"amount": {"value": "£1.2m"}}},
            ...     "outcome_payments": [{"money": {"amount": {"value": "n/a"}}},
            ...                          {"money": {"amount": {"value": "C$1.3M"}}}]})
            >>> r.project.max_outcome_payment.value, len(r.project.outcome_payments)
            (Decimal('1200000.0'), 2)
            >>> [str(c) for c in r.conversions][0]
            "overall_project_finance.maximum_potential_outcome_payment_v2.amount.value: '£1.2m' read as 1200000.0 (currency GBP; scale 'm')"
            >>> [p.field for p in r.problems]
            ['outcome_payments[0].money.amount.value']
        """
        if not isinstance(data, Mapping):
            raise InvalidInputType([Problem("project", "a JSON object (dict)", data, "type")])
        check_json(data, field="project")
        conversions: list[IndigoConversion] = []
        problems: list[Problem] = []
        rest: dict[str, Any] = copy.deepcopy(dict(data))
        for f in cls._SPEC:
            _lenient_field(rest, f, "", conversions, problems)
        found, rest = _parse_fields(rest, cls._SPEC, "")
        try:
            status = _item_status(rest, rest, "project")
        except InvalidInput as err:
            problems.extend(err.problems)
            rest.pop("status", None)
            status = None
        for name, kind in _LISTS:
            raw = rest.get(name)
            if not isinstance(raw, list):
                continue
            items = []
            for i, item in enumerate(raw):
                where = f"{name}[{i}]"
                if not isinstance(item, dict):
                    problems.append(Problem(where, "an object (an INDIGO list item)", item, "type"))
                    continue
                local: list[IndigoConversion] = []
                item_problems: list[Problem] = []
                for f in kind._SPEC:  # noqa: SLF001 - this module's shared item spec
                    _lenient_field(item, f, where, local, item_problems)
                try:
                    items.append(kind._from(item, where))  # noqa: SLF001 - shared item reader
                except InvalidInput as err:
                    problems.extend(err.problems)  # the item alone is left out
                    continue
                conversions.extend(local)
                problems.extend(item_problems)
            found[name] = tuple(items)
            del rest[name]
        project = cls(**found, status=status, extra=_freeze(rest))
        return IndigoReading(project, tuple(conversions), tuple(problems))

    def to_records(self) -> list[dict[str, Any]]:
        """One record per modelled project-level value: field, value and publication status.

        Examples:
            >>> data = {"name": {"value": "Into work", "status": "PUBLIC"}, "notes": {"value": "kept"}}
            >>> IndigoProject.from_indigo(data).to_records()[0]["status"]
            'PUBLIC'
        """
        rows = []
        for f in self._SPEC:
            published = getattr(self, f.attr)
            if published is not None:
                rows.append(
                    {
                        "field": f.attr,
                        "path": ".".join(f.path),
                        "value": published.value,
                        "status": None if published.status is None else published.status.value,
                    }
                )
        for name, _ in _LISTS:
            items = getattr(self, name)
            if items is not None:
                rows.append(
                    {"field": name, "path": name, "value": f"{len(items)} items", "status": None}
                )
        return rows

    def _repr_html_(self) -> str:
        return html_table("INDIGO project", self.to_records(), ["field", "value", "status", "path"])

    def to_indigo(self) -> dict[str, Any]:
        """Write the project as a JSON-compatible dict (``json.dumps`` works on it as is).

        Examples:
            >>> data = {"name": {"value": "Into work", "status": "PUBLIC"}, "notes": {"value": "kept"}}
            >>> IndigoProject.from_indigo(data).to_indigo() == data
            True
        """
        out = self._to("")
        for name, _ in _LISTS:
            items = getattr(self, name)
            if items is not None:
                out[name] = [
                    item._to(f"{name}[{i}]")  # noqa: SLF001 - this module's shared item writer
                    for i, item in enumerate(items)
                ]
        return out

    # -- conversion to and from the contract model ---------------------------------------------

    @classmethod
    def from_outcomes_contract(
        cls,
        contract: OutcomesContract,
        *,
        status: PublicationStatus = PublicationStatus.PUBLIC,
        currency: str = "GBP",
        stage: str | None = None,
        results: Iterable[PeriodResult] = (),
    ) -> IndigoProject:
        """Describe an [`OutcomesContract`][commissioning.outcomes.OutcomesContract] in INDIGO terms, every value with ``status``.

        ``results`` (from [`OutcomesContract.results`][commissioning.outcomes.OutcomesContract.results]) become INDIGO interim
        results, the outcomes achieved written as the number with positive
        outcomes (a reading: INDIGO counts people, a metric may count outcomes).

        Examples:
            >>> c = OutcomesContract.create("C", "Into work", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M1", "Job start", price=1000, cap=5000)],
            ...     max_outcome_payment=5000, payer="council")
            >>> d = IndigoProject.from_outcomes_contract(c).to_indigo()
            >>> d["outcome_pricings"][0]["price_per_unit"]["amount"]
            {'value': 1000, 'status': 'PUBLIC'}
        """

        def pub(value: Any) -> Any:
            return None if value is None else Published(value, status)

        def day(d: pendulum.Date) -> str:
            return d.isoformat()

        metrics = tuple(
            IndigoOutcomeMetric(
                m.id,
                pub(m.definition),
                pub(m.target_population or None),
                pub(None if m.targeted_number is None else Decimal(m.targeted_number)),
                pub(m.target or None),
                pub(m.validation_method or None),
                pub(m.data_source or None),
            )
            for m in contract.metrics
        )
        pricings = tuple(
            IndigoOutcomePricing(
                pub(m.id), pub(currency), pub(m.price), pub(None if m.cap is None else str(m.cap))
            )
            for m in contract.metrics
        )
        payments = tuple(
            IndigoOutcomePayment(
                pub(p.metric_id),
                pub(day(p.period.start)),
                pub(day(p.period.end)),
                pub(p.payer or None),
                pub(p.recipient or None),
                pub(p.kind.value),
                pub(currency),
                pub(p.amount),
            )
            for p in contract.payments
        )
        commitments = (
            IndigoPaymentCommitment(
                pub(contract.payer or None),
                pub(currency),
                pub(contract.max_outcome_payment),
                total_outcome_payments=pub(contract.paid()),
            ),
        )
        result_items = tuple(
            IndigoResult(
                pub(r.metric_id),
                pub("Interim"),
                pub(day(r.period.start)),
                pub(day(r.period.end)),
                number_with_positive_outcomes=pub(r.outcomes),
            )
            for r in results
        )
        return cls(
            name=pub(contract.name),
            stage=pub(stage),
            max_outcome_payment_currency=pub(currency),
            max_outcome_payment=pub(contract.max_outcome_payment),
            total_outcome_payments_currency=pub(currency),
            total_outcome_payments_made=pub(contract.paid()),
            outcome_metrics=metrics,
            outcome_pricings=pricings,
            outcome_payment_commitments=commitments,
            outcome_payments=payments,
            results=result_items or None,
        )

    def to_outcomes_contract(
        self,
        *,
        id: str,  # noqa: A002 - "id" is the domain's word and the attribute's name
        form: ContractForm | str,
        provider: str = "",
        investor: str | None = None,
        investment: Decimal | int | str | None = None,
        frequencies: Iterable[Frequency] | None = None,
        any_period: bool = False,
    ) -> OutcomesContract:
        """Build an [`OutcomesContract`][commissioning.outcomes.OutcomesContract] from the project's metrics, pricings and payments.

        Needs the values to be present (a withheld PRIVATE value cannot be
        used); payment periods must be whole months, quarters, financial
        quarters or years. The payer is the first payment commitment's organisation;
        the contract's id, form, provider and investor are not in these fields, so
        they are arguments. A payment period is matched to the first of
        ``frequencies`` whose period has the same first and last day (default:
        monthly, financial quarter, calendar quarter, financial year, calendar
        year; April-June is both a calendar and a financial quarter). With
        ``any_period=True`` a payment period of any other length (real INDIGO data
        has 2-month, 6-week and irregular ones) is recorded in the period of the
        first of ``frequencies`` that contains its last day (a reading: the payment
        falls due when its period ends; UNCONFIRMED for INDIGO's own semantics).

        Examples:
            >>> c = OutcomesContract.create("C", "Into work", form="payment by results",
            ...     metrics=[OutcomeMetric.create("M1", "Job start", price=1000)])
            >>> IndigoProject.from_outcomes_contract(c).to_outcomes_contract(
            ...     id="C", form="payment by results") == c
            True
        """
        check = Checker()

        def need(p: Published[Any] | None, field: str) -> Any:
            if p is None or p.value is None:
                status = (
                    "absent"
                    if p is None
                    else f"withheld ({p.status.value if p.status else 'no status'})"
                )
                check.add(Problem(field, "a value", status))
                return None
            return p.value

        order = _DEFAULT_ORDER if frequencies is None else tuple(frequencies)
        pricing = {
            (pr.outcome_metric_id.value if pr.outcome_metric_id else None): pr
            for pr in (self.outcome_pricings or ())
        }
        metrics = []
        for i, m in enumerate(self.outcome_metrics or ()):
            pr = pricing.get(m.id)
            if pr is None:
                check.add(Problem(f"outcome_metrics[{i}]", "a pricing for the metric", m.id))
                continue
            price = need(pr.price_per_unit, f"outcome_pricings[{m.id}].price_per_unit")
            cap = (
                None
                if pr.maximum_price is None or pr.maximum_price.value is None
                else pr.maximum_price.value
            )
            try:
                metrics.append(
                    OutcomeMetric(
                        m.id or f"metric-{i + 1}",
                        (m.definition.value if m.definition else None) or "",
                        pounds(
                            price if price is not None else 0,
                            field=f"outcome_pricings[{m.id}].price_per_unit",
                        ),
                        None
                        if cap is None
                        else pounds(cap, field=f"outcome_pricings[{m.id}].maximum_price"),
                        target=(m.target.value if m.target else None) or "",
                        validation_method=(
                            m.validation_method.value if m.validation_method else None
                        )
                        or "",
                        data_source=(m.data_source.value if m.data_source else None) or "",
                        target_population=(
                            m.target_population.value if m.target_population else None
                        )
                        or "",
                        targeted_number=None
                        if m.targeted_number is None or m.targeted_number.value is None
                        else int(m.targeted_number.value),
                    )
                )
            except InvalidInput as err:
                check.extend(err)
        payments = []
        for i, p in enumerate(self.outcome_payments or ()):
            where = f"outcome_payments[{i}]"
            start, end = (
                need(p.period_start, f"{where}.period.start_date"),
                need(p.period_end, f"{where}.period.end_date"),
            )
            amount, kind = need(p.amount, f"{where}.money.amount"), need(p.type, f"{where}.type")
            if None in (start, end, amount, kind):
                continue
            period = _period_of(start, end, order)
            if period is None and any_period:
                period = _period_ending(end, order)
            if period is None:
                check.add(
                    Problem(
                        f"{where}.period",
                        "a whole month, quarter, financial quarter or year",
                        (start, end),
                    )
                )
                continue
            try:
                payments.append(
                    OutcomePayment(
                        period,
                        pounds(amount, field=f"{where}.money.amount"),
                        PaymentKind(kind),
                        p.outcome_metric_id.value if p.outcome_metric_id else None,
                        (p.payer_organisation_id.value if p.payer_organisation_id else None) or "",
                        (p.recipient_organisation_id.value if p.recipient_organisation_id else None)
                        or "",
                    )
                )
            except InvalidInput as err:
                check.extend(err)
        overall_cap = None
        if self.max_outcome_payment is not None and self.max_outcome_payment.value is not None:
            try:
                overall_cap = pounds(self.max_outcome_payment.value, field="max_outcome_payment")
            except InvalidInput as err:
                check.extend(err)
        check.done()
        commitments = self.outcome_payment_commitments or ()
        payer = ""
        if commitments and commitments[0].organisation_id and commitments[0].organisation_id.value:
            payer = commitments[0].organisation_id.value
        name = (self.name.value if self.name else None) or id
        return OutcomesContract.create(
            id,
            name,
            form=form,
            metrics=metrics,
            max_outcome_payment=overall_cap,
            payments=payments,
            payer=payer,
            provider=provider,
            investor=investor,
            investment=investment,
        )


_DEFAULT_ORDER = (
    Frequency.MONTHLY,
    Frequency.FINANCIAL_QUARTERLY,
    Frequency.QUARTERLY,
    Frequency.FINANCIAL_YEARLY,
    Frequency.YEARLY,
)


def _lenient_field(
    obj: dict[str, Any],
    f: _Field,
    where: str,
    conversions: list[IndigoConversion],
    problems: list[Problem],
) -> None:
    """Read one field leniently in place: text numbers converted, an unreadable value removed."""
    node: Any = obj
    for key in f.path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        return
    field = ".".join((where, *f.path)) if where else ".".join(f.path)
    raw = node.get("value")
    if raw is None:
        return
    if f.kind != _NUMBER:
        check = Checker()
        _check_value(check, f, raw, f"{field}.value")
        if check.problems:
            problems.extend(check.problems)
            del node["value"]
        return
    read = lenient_number(raw)
    if read is None:
        problems.append(Problem(f"{field}.value", "a number (text such as '£1.2m' is read)", raw))
        del node["value"]
        return
    number, currency, note = read
    if Decimal(repr(float(number))) != number and number != number.to_integral_value():
        number = number.quantize(Decimal("0.01"))
        note += "; rounded to 2 decimal places"
    if isinstance(raw, str):
        conversions.append(IndigoConversion(f"{field}.value", raw, number, currency, note))
    node["value"] = number


def _period_ending(end: str, order: tuple[Frequency, ...]) -> ReportingPeriod | None:
    try:
        last = pendulum.Date.fromisoformat(end)
    except ValueError:
        return None
    return ReportingPeriod.containing(order[0], last) if order else None


def _period_of(start: str, end: str, order: tuple[Frequency, ...]) -> ReportingPeriod | None:
    try:
        first = pendulum.Date.fromisoformat(start)
        last = pendulum.Date.fromisoformat(end)
    except ValueError:
        return None
    for frequency in order:
        candidate = ReportingPeriod.containing(frequency, first)
        if candidate.start == first and candidate.end == last:
            return candidate
    return None
