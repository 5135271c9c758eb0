"""The facts of a procurement: who buys what, for how much, from when, under which rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from .._errors import Described, InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ..thresholds import (
    AuthorityType,
    ContractType,
    Regime,
    ThresholdAssessment,
    assess_threshold,
)
from ._commencement import Devolution
from ._lots import MAX_LOTS, Lot, exact_values, net_within_gross

__all__ = ["KPI_THRESHOLD", "ProcurementFacts"]

#: Above this value (VAT included) a contract must set at least three KPIs and publish a copy (PA s.52, s.53).
KPI_THRESHOLD = Decimal("5000000.00")


def _money(value: Any) -> Any:
    return value


def _member_of(enum_type: Any, value: Any) -> Any:
    """A member of ``enum_type`` from a member or its value string; anything else is left for the check."""
    if isinstance(value, str):
        try:
            return enum_type(value)
        except ValueError:
            return value
    return value


def _tuple(value: Any) -> Any:
    """A list or tuple as a tuple; anything else is left for the check."""
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _devolution(value: Any) -> Any:
    """A [`Devolution`][commissioning.procurement.Devolution] from a member or its value; anything else is left for the check."""
    return _member_of(Devolution, value)


def _authority(value: Any) -> Any:
    """An [`AuthorityType`][commissioning.thresholds.AuthorityType] from a member or its value; anything else is left for the check."""
    return _member_of(AuthorityType, value)


def _contract_type(value: Any) -> Any:
    """A [`ContractType`][commissioning.thresholds.ContractType] from a member or its value; anything else is left for the check."""
    return _member_of(ContractType, value)


@attrs.frozen
class ProcurementFacts:
    """What is being procured, by whom, and the facts the rules turn on.

    Attributes:
        title: the procurement's title.
        buyer: the contracting authority's name.
        authority: the kind of authority (thresholds and minimum periods turn on it).
        contract_type: goods, services, works, a concession or a light touch contract.
        value_including_vat: the estimated value, VAT included (the maximum the authority could
            expect to pay; PA s.123(2), Sch 3 para 1). Exact pounds.
        commenced_on: the day the procurement commenced: the regime and threshold in force follow it.
        value_excluding_vat: the estimated value without VAT, when known (OCDS ``value.amount``).
        private_utility: the buyer is a private utility (no KPI duty, some standstill exemptions).
        framework: the contract is a framework agreement (no KPI duty).
        kpis_not_appropriate: why KPIs would not be appropriate (PA s.52(3)); ``None`` if they are.
        electronic_submission: tenders are submitted electronically (PA s.54 time limits).
        all_documents_available: every tender document is available when the period starts.
        urgency: the authority relies on urgency for shorter time limits (PA s.54).
        buyer_id: the buyer's organisation identifier (``"GB-GOR-XX1234"``), optional.
        description: a description of the requirement.
        devolution: whether the procurement is regulated by the Welsh Ministers or is a
            transferred Northern Ireland one ([`Devolution`][commissioning.procurement.Devolution]; a value string is accepted):
            commencement and some exemptions turn on it (SI 2025/1316 reg 2; PA s.53(4), s.70(4),
            s.75(6), s.77(3), s.84(2)).
        school: the contracting authority is a school (PA s.69(6)(c), s.70(4)(c), s.84(2)(a)).
        defence_and_security: the contract is a defence and security contract (PA s.7), other
            than one that is so only by virtue of s.7(1)(g) (s.7(3)): the defence threshold
            (Sch 1) and s.75(6)(a) follow from it, not from the buyer being a defence authority.
        lots: the lots, when the contracts are awarded by reference to lots (PA s.18); ``()``
            (the default) for one undivided contract. Each lot is awarded and contracted on its
            own ([`Procurement.lots`][commissioning.procurement.Procurement.lots]); the lots' own values add up to at most
            ``value_including_vat``, the estimated value of the whole (Sch 3 para 4).
        max_lots_per_supplier: the most lots one supplier may be awarded, when the award
            criteria limit it (PA s.23(4)(a)); only with lots.
        joint_buyers: the other contracting authorities procuring jointly with ``buyer``
            (PA s.1(3)(a): an authority acting jointly with another), in order; ``buyer`` leads.

    Examples:
        >>> import pendulum
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> f = ProcurementFacts(title="Meals on wheels", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> f.value_including_vat, f.above_threshold, f.regime.name
        (Decimal('600000.00'), True, 'PA_2023')
    """

    title: str
    buyer: str
    authority: AuthorityType = attrs.field(converter=_authority)
    contract_type: ContractType = attrs.field(converter=_contract_type)
    value_including_vat: Decimal = attrs.field(converter=_money)
    commenced_on: pendulum.Date = attrs.field(converter=_money)
    value_excluding_vat: Decimal | None = attrs.field(default=None, kw_only=True, converter=_money)
    private_utility: bool = attrs.field(default=False, kw_only=True)
    framework: bool = attrs.field(default=False, kw_only=True)
    kpis_not_appropriate: str | None = attrs.field(default=None, kw_only=True)
    electronic_submission: bool = attrs.field(default=True, kw_only=True)
    all_documents_available: bool = attrs.field(default=True, kw_only=True)
    urgency: bool = attrs.field(default=False, kw_only=True)
    buyer_id: str = attrs.field(default="", kw_only=True)
    description: str = attrs.field(default="", kw_only=True)
    devolution: Devolution = attrs.field(
        default=Devolution.NOT_DEVOLVED, kw_only=True, converter=_devolution
    )
    school: bool = attrs.field(default=False, kw_only=True)
    defence_and_security: bool = attrs.field(default=False, kw_only=True)
    lots: tuple[Lot, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    max_lots_per_supplier: int | None = attrs.field(default=None, kw_only=True)
    joint_buyers: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    _assessment: ThresholdAssessment = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        for name in ("title", "buyer"):
            value = getattr(self, name)
            if check.type(name, value, str, "a non-empty str"):
                check.that(bool(value.strip()), name, "a non-empty str", value)
        check.type(
            "authority",
            self.authority,
            AuthorityType,
            f"an AuthorityType or its value (one of {[a.value for a in AuthorityType]})",
        )
        check.type(
            "contract_type",
            self.contract_type,
            ContractType,
            f"a ContractType or its value (one of {[c.value for c in ContractType]})",
        )
        setter = object.__setattr__
        exact_values(self, check)
        try:
            setter(self, "commenced_on", as_date(self.commenced_on, field="commenced_on"))
        except InvalidInput as err:
            check.extend(err)
        for name in (
            "private_utility",
            "framework",
            "electronic_submission",
            "all_documents_available",
            "urgency",
            "school",
            "defence_and_security",
        ):
            check.type(name, getattr(self, name), bool, "a bool")
        devolution: Any = self.devolution
        if not isinstance(devolution, Devolution):
            check.add(
                Problem(
                    "devolution",
                    f"a Devolution (one of {[d.value for d in Devolution]})",
                    devolution,
                )
            )
        if self.kpis_not_appropriate is not None and check.type(
            "kpis_not_appropriate", self.kpis_not_appropriate, str, "a reason (str) or None"
        ):
            check.that(
                bool(self.kpis_not_appropriate.strip()),
                "kpis_not_appropriate",
                "a non-empty reason or None",
                self.kpis_not_appropriate,
            )
        check.type("buyer_id", self.buyer_id, str, "a str")
        check.type("description", self.description, str, "a str")
        self._check_lots(check)
        self._check_joint_buyers(check)
        check.done()
        net_within_gross(self)
        setter(
            self,
            "_assessment",
            assess_threshold(
                value_including_vat=self.value_including_vat,
                contract_type=self.contract_type,
                authority=self.authority,
                commenced_on=self.commenced_on,
                defence_and_security=self.defence_and_security,
                value_excluding_vat=self.value_excluding_vat,
            ),
        )

    def _check_lots(self, check: Checker) -> None:
        lots: Any = self.lots
        if not check.type("lots", lots, tuple, "a tuple of Lot values"):
            return
        check.that(len(lots) <= MAX_LOTS, "lots", f"at most {MAX_LOTS} lots", len(lots))
        seen: set[str] = set()
        for i, lot in enumerate(lots[:MAX_LOTS]):
            if check.type(f"lots[{i}]", lot, Lot, "a Lot"):
                check.that(lot.id not in seen, f"lots[{i}].id", "an id no other lot has", lot.id)
                seen.add(lot.id)
        limit: Any = self.max_lots_per_supplier
        if limit is not None and check.type(
            "max_lots_per_supplier", limit, int, "a whole number of lots (int) or None"
        ):
            check.that(
                not isinstance(limit, bool) and limit >= 1,
                "max_lots_per_supplier",
                "at least 1 (PA s.23(4)(a))",
                limit,
            )
            check.that(
                bool(lots), "max_lots_per_supplier", "None for a procurement without lots", limit
            )
        if check.problems or not lots:
            return
        total = sum((lot.value_including_vat for lot in lots), Decimal(0))
        value: Any = self.value_including_vat
        if isinstance(value, Decimal):
            check.that(
                total <= value,
                "lots",
                f"lots whose values add up to at most the whole's estimated value, {value} "
                "(Sch 3 para 4: each contract is valued as including all of them)",
                Described(f"lots adding up to {total}", total),
            )

    def _check_joint_buyers(self, check: Checker) -> None:
        joint: Any = self.joint_buyers
        if not check.type("joint_buyers", joint, tuple, "a tuple of authority names"):
            return
        seen = {self.buyer}
        for i, name in enumerate(joint):
            if check.type(f"joint_buyers[{i}]", name, str, "a non-empty str"):
                check.that(
                    bool(name.strip()) and name not in seen,
                    f"joint_buyers[{i}]",
                    "a non-empty name, not the buyer's and not repeated",
                    name,
                )
                seen.add(name)

    # ------------------------------------------------------------------ derived
    @property
    def buyers(self) -> tuple[str, ...]:
        """Every contracting authority procuring: ``buyer`` first, then the joint buyers."""
        return (self.buyer, *self.joint_buyers)

    def lot(self, lot_id: str) -> Lot:
        """The lot called ``lot_id``; an unknown id is refused naming the ids there are.

        Examples:
            >>> import pendulum
            >>> f = ProcurementFacts(title="Meals", buyer="Anytown Council", authority="sub-central",
            ...     contract_type="services", value_including_vat="600000",
            ...     commenced_on=pendulum.Date(2026, 2, 2),
            ...     lots=[Lot("1", "Hot meals", "350000"), Lot("2", "Frozen meals", "250000")])
            >>> f.lot("2").title
            'Frozen meals'
            >>> f.lot("3")
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: lot: expected a lot of this procurement ('1', '2'), received '3'
        """
        for lot in self.lots:
            if lot.id == lot_id:
                return lot
        ids = ", ".join(repr(lot.id) for lot in self.lots) or "it has none"
        raise InvalidInput.of("lot", f"a lot of this procurement ({ids})", lot_id)

    def for_lot(self, lot_id: str) -> ProcurementFacts:
        """The facts of one lot's contract, as the Act judges it.

        The title names the lot; the value is the whole's estimated value (Sch 3
        para 4(2): each contract is valued as including all of them), or the lot's
        own when [`Lot.valued_alone`][commissioning.procurement.Lot] gives good reasons not to aggregate. The lot
        has no lots of its own; buyers and everything else are the procurement's.
        """
        lot = self.lot(lot_id)
        alone = lot.valued_alone is not None
        return attrs.evolve(
            self,
            title=f"{self.title}: lot {lot.id}, {lot.title}",
            value_including_vat=lot.value_including_vat if alone else self.value_including_vat,
            value_excluding_vat=lot.value_excluding_vat if alone else self.value_excluding_vat,
            description=lot.description or self.description,
            lots=(),
            max_lots_per_supplier=None,
        )

    @property
    def threshold(self) -> ThresholdAssessment:
        """The threshold assessment on the commencement day (``commissioning.thresholds``)."""
        return self._assessment

    @property
    def regime(self) -> Regime:
        """The regime in force on the commencement day (PA from 24 Feb 2025, PCR before)."""
        return self._assessment.regime

    @property
    def above_threshold(self) -> bool:
        """Whether the estimated value is at or above the threshold in force."""
        return self._assessment.above_threshold

    @property
    def light_touch(self) -> bool:
        """Whether this is a light touch contract (lighter time limits, no standstill)."""
        return self.contract_type is ContractType.LIGHT_TOUCH

    @property
    def kpi_exemption(self) -> str | None:
        """Why the s.52 KPI duty does not apply, or ``None`` when it does (for contracts over £5m).

        The exemption table decides (``PA_EXEMPTIONS``, s.52(6)); otherwise
        [`kpis_not_appropriate`][commissioning.procurement.ProcurementFacts] (s.52(2)).

        Examples:
            >>> import pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> ProcurementFacts(title="Depot", buyer="Anytown Council", authority=AuthorityType.SUB_CENTRAL,
            ...     contract_type=ContractType.CONCESSION, value_including_vat="9000000",
            ...     commenced_on=pendulum.Date(2026, 2, 2)).kpi_exemption
            'a concession contract (Procurement Act 2023 s.52(6)(c))'
        """
        from ._exemptions import PA_EXEMPTIONS, circumstances_of  # noqa: PLC0415 - _exemptions reads facts

        row = PA_EXEMPTIONS.exemption("pa-s52-kpis", circumstances_of(self))
        if row is not None:
            return f"{row.reason} ({row.citation})"
        if self.kpis_not_appropriate is not None:
            return f"KPIs would not be appropriate: {self.kpis_not_appropriate}"
        return None

    @property
    def ocds_category(self) -> str:
        """The OCDS ``mainProcurementCategory``: goods, services or works.

        Light touch contracts and concessions are reported as services (a documented choice).
        """
        if self.contract_type is ContractType.GOODS:
            return "goods"
        if self.contract_type is ContractType.WORKS:
            return "works"
        return "services"

    # ------------------------------------------------------------- (de)serialise
    def to_data(self) -> dict[str, Any]:
        """The facts as JSON-compatible data (money as strings, dates as ISO strings).

        Examples:
            >>> import pendulum
            >>> from commissioning.thresholds import AuthorityType, ContractType
            >>> f = ProcurementFacts(title="Meals", buyer="Anytown Council", authority=AuthorityType.SUB_CENTRAL,
            ...     contract_type=ContractType.SERVICES, value_including_vat="600000",
            ...     commenced_on=pendulum.Date(2026, 2, 2))
            >>> ProcurementFacts.from_data(f.to_data()) == f
            True
        """
        return {
            "title": self.title,
            "buyer": self.buyer,
            "authority": self.authority.name,
            "contract_type": self.contract_type.name,
            "value_including_vat": str(self.value_including_vat),
            "commenced_on": self.commenced_on.isoformat(),
            "value_excluding_vat": None
            if self.value_excluding_vat is None
            else str(self.value_excluding_vat),
            "private_utility": self.private_utility,
            "framework": self.framework,
            "kpis_not_appropriate": self.kpis_not_appropriate,
            "electronic_submission": self.electronic_submission,
            "all_documents_available": self.all_documents_available,
            "urgency": self.urgency,
            "buyer_id": self.buyer_id,
            "description": self.description,
            "devolution": self.devolution.value,
            "school": self.school,
            "defence_and_security": self.defence_and_security,
            **self._lots_data(),
        }

    def _lots_data(self) -> dict[str, Any]:
        """The lot and joint-buyer facts, only when given (older stored forms stay as they were)."""
        out: dict[str, Any] = {}
        if self.lots:
            out["lots"] = [lot.to_data() for lot in self.lots]
        if self.max_lots_per_supplier is not None:
            out["max_lots_per_supplier"] = self.max_lots_per_supplier
        if self.joint_buyers:
            out["joint_buyers"] = list(self.joint_buyers)
        return out

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ProcurementFacts:
        """Rebuild facts from [`to_data`][commissioning.procurement.ProcurementFacts.to_data] output; every problem is reported at once."""
        if not isinstance(data, Mapping):
            raise InvalidInputType([Problem("data", "a mapping", data, "type")])
        check = Checker()
        kwargs: dict[str, Any] = dict(data)
        for key, enum_cls in (("authority", AuthorityType), ("contract_type", ContractType)):
            name = data.get(key)
            try:
                kwargs[key] = enum_cls[str(name)]
            except KeyError:
                check.add(Problem(key, f"one of {[m.name for m in enum_cls]}", name))
        day = data.get("commenced_on")
        if isinstance(day, str):
            try:
                kwargs["commenced_on"] = dt.date.fromisoformat(day)
            except ValueError:
                check.add(Problem("commenced_on", "an ISO date (YYYY-MM-DD)", day))
        known = set(attrs.fields_dict(cls)) - {"_assessment"}
        for key in data:
            check.that(key in known, key, f"a known field ({', '.join(sorted(known))})", key)
        raw_lots = data.get("lots", ())
        if isinstance(raw_lots, list | tuple):
            lots = []
            for i, raw in enumerate(raw_lots[: MAX_LOTS + 1]):
                try:
                    lots.append(Lot.from_data(raw, field=f"lots[{i}]"))
                except InvalidInput as err:
                    check.extend(err)
            kwargs["lots"] = tuple(lots) if len(raw_lots) <= MAX_LOTS else raw_lots
        check.done()
        try:
            return cls(**kwargs)
        except TypeError as err:
            if isinstance(err, InvalidInput):
                raise
            raise InvalidInput.of("data", "every required fact", str(err)) from None
