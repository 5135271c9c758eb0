"""Dated threshold tables, regime selection and the below-threshold notice duty.

Amounts are VAT-inclusive pounds as exact ``Decimal`` (PA Sch 1; s.123(2) and
Sch 3 para 1: the estimated value is the maximum the authority could expect to
pay, VAT included). Tables are data: the statutory ones ship in
:data:`STATUTORY_THRESHOLDS`, and a user adds a new one with
:meth:`ThresholdSchedule.with_table` when the amounts change.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from .._errors import CommissioningError, InvalidInput, Problem
from .._money import pounds
from .._time import as_date
from .._validation import Checker

__all__ = [
    "BELOW_THRESHOLD_NOTICE_CENTRAL",
    "BELOW_THRESHOLD_NOTICE_OTHER",
    "PA_COMMENCEMENT",
    "STATUTORY_THRESHOLDS",
    "AuthorityType",
    "ContractType",
    "Regime",
    "Threshold",
    "ThresholdAssessment",
    "ThresholdCategory",
    "ThresholdNotFound",
    "ThresholdSchedule",
    "ThresholdTable",
    "assess_threshold",
    "below_threshold_notice_required",
    "regime_for",
    "threshold_category",
]

PA_COMMENCEMENT = pendulum.Date(2025, 2, 24)
"""The Procurement Act 2023 applies to procurements commenced on or after this day (SI 2024/716 as amended by SI 2024/959)."""

BELOW_THRESHOLD_NOTICE_CENTRAL = Decimal("12000.00")
"""Below-threshold notice duty from this estimated value for central government authorities (PA s.87(4))."""

BELOW_THRESHOLD_NOTICE_OTHER = Decimal("30000.00")
"""Below-threshold notice duty from this estimated value for other contracting authorities (PA s.87(4))."""


class Regime(enum.Enum):
    """A UK procurement regime; the value is its title, used in every rule citation.

    Example:
        >>> Regime.PA_2023.value
        'Procurement Act 2023'
    """

    PA_2023 = "Procurement Act 2023"
    PCR_2015 = "Public Contracts Regulations 2015"
    PSR_2023 = "Health Care Services (Provider Selection Regime) Regulations 2023"

    def cite(self, section: str) -> str:
        """The rule citation: regime title and section.

        Example:
            >>> Regime.PA_2023.cite("s.51(2)")
            'Procurement Act 2023 s.51(2)'
        """
        return f"{self.value} {section}"


class ContractType(enum.Enum):
    """What is being bought, for threshold purposes.

    Example:
        >>> ContractType.LIGHT_TOUCH.value
        'light touch'
    """

    GOODS = "goods"
    SERVICES = "services"
    WORKS = "works"
    CONCESSION = "concession"
    LIGHT_TOUCH = "light touch"


class AuthorityType(enum.Enum):
    """Who is buying, for threshold purposes.

    Example:
        >>> AuthorityType.SUB_CENTRAL.value
        'sub-central'
    """

    CENTRAL_GOVERNMENT = "central government"
    SUB_CENTRAL = "sub-central"
    UTILITIES = "utilities"
    DEFENCE = "defence"


class ThresholdCategory(enum.Enum):
    """A row of a threshold table (PA Sch 1; PCR 2015 reg 5).

    Example:
        >>> ThresholdCategory.WORKS.value
        'works, concessions and defence works'
    """

    CENTRAL_GOODS_AND_SERVICES = "central government goods and services"
    SUB_CENTRAL_GOODS_AND_SERVICES = "sub-central goods and services"
    WORKS = "works, concessions and defence works"
    UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES = "utilities and defence goods and services"
    LIGHT_TOUCH = "light touch"
    UTILITIES_LIGHT_TOUCH = "utilities light touch"


class ThresholdNotFound(CommissioningError, LookupError):
    """No table in the schedule covers the regime, day and category asked about.

    Attributes:
        regime: the regime looked up.
        on: the commencement day looked up.
        category: the category looked up (``None`` when no table covers the day at all).

    Example:
        >>> STATUTORY_THRESHOLDS.lookup(contract_type=ContractType.GOODS,
        ...     authority=AuthorityType.SUB_CENTRAL, commenced_on=pendulum.Date(2023, 6, 1))
        Traceback (most recent call last):
        ...
        commissioning.thresholds._thresholds.ThresholdNotFound: no Public Contracts Regulations 2015 threshold table covers 2023-06-01; expected a day covered by one of: 2024-01-01 to 2025-02-23 (add the table in force with ThresholdSchedule.with_table)
    """

    def __init__(
        self,
        regime: Regime,
        on: dt.date,
        category: ThresholdCategory | None,
        covered: Iterable[str],
    ) -> None:
        self.regime = regime
        self.on = on
        self.category = category
        listing = ", ".join(covered) or "none"
        what = "table covers" if category is None else f"table has {category.value!r} on"
        super().__init__(
            f"no {regime.value} threshold {what} {on}; expected a day covered by one of: "
            f"{listing} (add the table in force with ThresholdSchedule.with_table)"
        )


def _amounts(value: Any) -> types.MappingProxyType[ThresholdCategory, Decimal]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class ThresholdTable:
    """The threshold amounts of one regime for a span of commencement days.

    Attributes:
        regime: the regime the amounts belong to.
        effective_from: the first commencement day the table applies to.
        effective_to: the last commencement day it applies to (``None``: open-ended).
        amounts: category -> VAT-inclusive amount in pounds.
        source: where the amounts come from.

    Example:
        >>> table = ThresholdTable.from_amounts(
        ...     regime=Regime.PA_2023, effective_from=pendulum.Date(2028, 1, 1),
        ...     amounts={ThresholdCategory.WORKS: "5500000"}, source="a future SI")
        >>> table.amounts[ThresholdCategory.WORKS]
        Decimal('5500000.00')
    """

    regime: Regime
    effective_from: pendulum.Date
    effective_to: pendulum.Date | None
    amounts: types.MappingProxyType[ThresholdCategory, Decimal] = attrs.field(
        converter=_amounts, hash=False
    )
    source: str

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("regime", self.regime, Regime, "a Regime")
        check.type("effective_from", self.effective_from, pendulum.Date, "a pendulum.Date")
        if self.effective_to is not None and check.type(
            "effective_to", self.effective_to, pendulum.Date, "a pendulum.Date or None"
        ):
            check.that(
                self.effective_to >= self.effective_from,
                "effective_to",
                f"a day not before effective_from ({self.effective_from})",
                self.effective_to,
            )
        check.type("source", self.source, str, "a str")
        check.that(bool(self.amounts), "amounts", "at least one category", dict(self.amounts))
        for key, amount in self.amounts.items():
            check.type(f"amounts[{key!r}]", key, ThresholdCategory, "a ThresholdCategory key")
            if check.type(f"amounts[{key!r}]", amount, Decimal, "a Decimal amount"):
                check.that(amount > 0, f"amounts[{key!r}]", "a positive amount", amount)
        check.done()

    @classmethod
    def from_amounts(
        cls,
        *,
        regime: Regime,
        effective_from: dt.date,
        amounts: Mapping[ThresholdCategory | str, Decimal | int | str],
        source: str,
        effective_to: dt.date | None = None,
    ) -> ThresholdTable:
        """Build a table from plain data: days as dates, amounts as pounds (no floats).

        Category keys may be members or their values (``"light touch"``).

        Example:
            >>> ThresholdTable.from_amounts(regime=Regime.PA_2023,
            ...     effective_from=pendulum.Date(2028, 1, 1),
            ...     amounts={"light touch": 700000}, source="example").effective_to is None
            True
        """
        check = Checker()
        start: pendulum.Date | None = None
        end: pendulum.Date | None = None
        try:
            start = as_date(effective_from, field="effective_from")
        except InvalidInput as err:
            check.extend(err)
        if effective_to is not None:
            try:
                end = as_date(effective_to, field="effective_to")
            except InvalidInput as err:
                check.extend(err)
        table: dict[ThresholdCategory, Decimal] = {}
        given: Any = amounts
        if not isinstance(given, Mapping):
            check.add(Problem("amounts", "a mapping of category to pounds", given, "type"))
            given = {}
        for key, raw in given.items():
            try:
                category = ThresholdCategory(key)
            except ValueError:
                check.add(
                    Problem(
                        "amounts",
                        "ThresholdCategory keys (or their values: "
                        + ", ".join(repr(c.value) for c in ThresholdCategory)
                        + ")",
                        key,
                    )
                )
                continue
            try:
                table[category] = pounds(raw, field=f"amounts[{category.value!r}]")
            except InvalidInput as err:
                check.extend(err)
        check.done()
        assert start is not None  # noqa: S101 - check.done() raised if it were missing
        return cls(
            regime=regime, effective_from=start, effective_to=end, amounts=table, source=source
        )

    def covers(self, day: dt.date) -> bool:
        """Whether the table applies to a procurement commenced on ``day``.

        Example:
            >>> STATUTORY_THRESHOLDS.tables[0].covers(pendulum.Date(2025, 2, 23))
            True
        """
        d = as_date(day, field="day")
        return self.effective_from <= d and (self.effective_to is None or d <= self.effective_to)

    @property
    def span(self) -> str:
        """The commencement days covered, in words.

        Example:
            >>> STATUTORY_THRESHOLDS.tables[0].span
            '2024-01-01 to 2025-02-23'
        """
        end = "onwards" if self.effective_to is None else f"to {self.effective_to}"
        return f"{self.effective_from} {end}"


def _money(value: Decimal) -> str:
    return f"£{value:,.2f}"


@attrs.frozen
class Threshold:
    """The threshold amount that applies to one procurement.

    Attributes:
        regime: the regime whose table applied.
        category: the table row applied.
        amount: the VAT-inclusive amount in pounds.
        table: the table it came from.
        rule: the citation.

    Example:
        >>> t = STATUTORY_THRESHOLDS.lookup(contract_type=ContractType.SERVICES,
        ...     authority=AuthorityType.SUB_CENTRAL, commenced_on=pendulum.Date(2026, 4, 1))
        >>> t.amount, t.rule
        (Decimal('207720.00'), 'Procurement Act 2023 Sch 1')
    """

    regime: Regime
    category: ThresholdCategory
    amount: Decimal
    table: ThresholdTable = attrs.field(repr=False)
    rule: str


@attrs.frozen
class ThresholdAssessment:
    """Whether an estimated value is above threshold, under which regime, and what follows.

    Attributes:
        value_including_vat: the estimated value assessed (VAT included).
        commenced_on: the procurement's commencement day.
        regime: the regime that applies from that day.
        threshold: the threshold that applies.
        above_threshold: the value is not less than the threshold amount.
        below_threshold_notice_required: a below-threshold notice duty applies (PA only; s.87(4)).
        notes: caveats that apply.

    Example:
        >>> a = assess_threshold(value_including_vat="250000", contract_type=ContractType.SERVICES,
        ...     authority=AuthorityType.SUB_CENTRAL, commenced_on=pendulum.Date(2026, 4, 1))
        >>> a.above_threshold, a.regime
        (True, <Regime.PA_2023: 'Procurement Act 2023'>)
    """

    value_including_vat: Decimal
    commenced_on: pendulum.Date
    regime: Regime
    threshold: Threshold
    above_threshold: bool
    below_threshold_notice_required: bool
    notes: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        """The assessment in words.

        Example:
            >>> a = assess_threshold(value_including_vat="20000", contract_type=ContractType.GOODS,
            ...     authority=AuthorityType.CENTRAL_GOVERNMENT, commenced_on=pendulum.Date(2026, 1, 1))
            >>> print(a.explanation)
            Procurement commenced 2026-01-01: Procurement Act 2023 applies (commenced on or after 2025-02-24). Estimated value £20,000.00 including VAT is below the central government goods and services threshold of £135,018.00 (table 2026-01-01 onwards, Procurement Act 2023 Sch 1). Below-threshold notice duty: yes (at least £12,000.00 for a central government authority, Procurement Act 2023 s.87(4)).
        """
        t = self.threshold
        side = "is not less than" if self.above_threshold else "is below"
        when = (
            "on or after" if self.regime is Regime.PA_2023 else "before"
        ) + f" {PA_COMMENCEMENT}"
        text = (
            f"Procurement commenced {self.commenced_on}: {self.regime.value} applies "
            f"(commenced {when}). Estimated value {_money(self.value_including_vat)} including "
            f"VAT {side} the {t.category.value} threshold of {_money(t.amount)} "
            f"(table {t.table.span}, {t.rule})."
        )
        if self.regime is Regime.PA_2023 and not self.above_threshold:
            central = self.threshold.category is ThresholdCategory.CENTRAL_GOODS_AND_SERVICES
            floor = BELOW_THRESHOLD_NOTICE_CENTRAL if central else BELOW_THRESHOLD_NOTICE_OTHER
            who = "a central government authority" if central else "other authorities"
            answer = "yes" if self.below_threshold_notice_required else "no"
            text += (
                f" Below-threshold notice duty: {answer} (at least {_money(floor)} for {who}, "
                f"{Regime.PA_2023.cite('s.87(4)')})."
            )
        for note in self.notes:
            text += f" {note}"
        return text


def threshold_category(
    *, contract_type: ContractType, authority: AuthorityType
) -> ThresholdCategory:
    """The threshold table row for a contract type and authority type.

    Works and concessions use the works row whoever buys; light touch uses the
    utilities light touch row for utilities; goods and services use the
    central, sub-central, or utilities-and-defence row.

    Example:
        >>> threshold_category(contract_type=ContractType.GOODS, authority=AuthorityType.DEFENCE)
        <ThresholdCategory.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES: 'utilities and defence goods and services'>
    """
    check = Checker()
    check.type("contract_type", contract_type, ContractType, "a ContractType")
    check.type("authority", authority, AuthorityType, "an AuthorityType")
    check.done()
    if contract_type in (ContractType.WORKS, ContractType.CONCESSION):
        return ThresholdCategory.WORKS
    if contract_type is ContractType.LIGHT_TOUCH:
        if authority is AuthorityType.UTILITIES:
            return ThresholdCategory.UTILITIES_LIGHT_TOUCH
        return ThresholdCategory.LIGHT_TOUCH
    return {
        AuthorityType.CENTRAL_GOVERNMENT: ThresholdCategory.CENTRAL_GOODS_AND_SERVICES,
        AuthorityType.SUB_CENTRAL: ThresholdCategory.SUB_CENTRAL_GOODS_AND_SERVICES,
        AuthorityType.UTILITIES: ThresholdCategory.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES,
        AuthorityType.DEFENCE: ThresholdCategory.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES,
    }[authority]


def regime_for(*, commenced_on: dt.date) -> Regime:
    """The regime for a procurement commenced on a day: PA from 24 Feb 2025, PCR before.

    NHS health care services in England may fall under the PSR instead; that
    depends on what is bought, not on the day, so it is the caller's choice.

    Example:
        >>> regime_for(commenced_on=pendulum.Date(2025, 2, 23)), regime_for(commenced_on=pendulum.Date(2025, 2, 24))
        (<Regime.PCR_2015: 'Public Contracts Regulations 2015'>, <Regime.PA_2023: 'Procurement Act 2023'>)
    """
    day = as_date(commenced_on, field="commenced_on")
    return Regime.PA_2023 if day >= PA_COMMENCEMENT else Regime.PCR_2015


def _tables_tuple(value: Any) -> tuple[ThresholdTable, ...]:
    return tuple(value)


@attrs.frozen
class ThresholdSchedule:
    """Every threshold table known, by regime and span of commencement days.

    Tables of the same regime must not overlap. :meth:`with_table` returns a
    new schedule with one more table (ending any open-ended table of the
    same regime the day before the new one starts).

    Attributes:
        tables: the tables, ordered by start day.

    Example:
        >>> len(STATUTORY_THRESHOLDS.tables)
        3
    """

    tables: tuple[ThresholdTable, ...] = attrs.field(converter=_tables_tuple)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        for i, table in enumerate(self.tables):
            check.type(f"tables[{i}]", table, ThresholdTable, "a ThresholdTable")
        check.done()
        ordered = sorted(self.tables, key=lambda t: (t.effective_from, t.regime.value))
        latest: dict[Regime, ThresholdTable] = {}
        for b in ordered:
            a = latest.get(b.regime)
            latest[b.regime] = b
            if a is None:
                continue
            if a.effective_to is None or a.effective_to >= b.effective_from:
                check.add(
                    Problem(
                        "tables",
                        f"{a.regime.value} tables that do not overlap",
                        f"{a.span} and {b.span}",
                    )
                )
        check.done()
        object.__setattr__(self, "tables", tuple(ordered))

    def with_table(self, table: ThresholdTable) -> ThresholdSchedule:
        """Return a schedule with ``table`` added; an open-ended table of its regime is closed.

        Example:
            >>> new = STATUTORY_THRESHOLDS.with_table(ThresholdTable.from_amounts(
            ...     regime=Regime.PA_2023, effective_from=pendulum.Date(2028, 1, 1),
            ...     amounts={ThresholdCategory.WORKS: "5500000"}, source="a future SI"))
            >>> print("; ".join(t.span for t in new.tables if t.regime is Regime.PA_2023))
            2025-02-24 to 2025-12-31; 2026-01-01 to 2027-12-31; 2028-01-01 onwards
        """
        if not isinstance(table, ThresholdTable):
            raise InvalidInput.from_problems([Problem("table", "a ThresholdTable", table, "type")])
        tables = []
        for existing in self.tables:
            if (
                existing.regime is table.regime
                and existing.effective_to is None
                and existing.effective_from < table.effective_from
            ):
                existing = attrs.evolve(  # noqa: PLW2901 - replacing the open-ended table on purpose
                    existing, effective_to=table.effective_from.subtract(days=1)
                )
            tables.append(existing)
        tables.append(table)
        return ThresholdSchedule(tables)

    def table_for(self, *, regime: Regime, on: dt.date) -> ThresholdTable:
        """The table of ``regime`` in force for a procurement commenced ``on``.

        Example:
            >>> STATUTORY_THRESHOLDS.table_for(regime=Regime.PA_2023, on=pendulum.Date(2025, 12, 31)).span
            '2025-02-24 to 2025-12-31'
        """
        day = as_date(on, field="on")
        if not isinstance(regime, Regime):
            raise InvalidInput.from_problems([Problem("regime", "a Regime", regime, "type")])
        candidates = [t for t in self.tables if t.regime is regime]
        for table in candidates:
            if table.covers(day):
                return table
        raise ThresholdNotFound(regime, day, None, [t.span for t in candidates])

    def lookup(
        self,
        *,
        contract_type: ContractType,
        authority: AuthorityType,
        commenced_on: dt.date,
        regime: Regime | None = None,
    ) -> Threshold:
        """The threshold for a procurement, from the table in force on its commencement day.

        ``regime`` defaults to :func:`regime_for` the commencement day.

        Example:
            >>> STATUTORY_THRESHOLDS.lookup(contract_type=ContractType.WORKS,
            ...     authority=AuthorityType.SUB_CENTRAL, commenced_on=pendulum.Date(2025, 3, 1)).amount
            Decimal('5372609.00')
        """
        day = as_date(commenced_on, field="commenced_on")
        category = threshold_category(contract_type=contract_type, authority=authority)
        regime = regime_for(commenced_on=day) if regime is None else regime
        table = self.table_for(regime=regime, on=day)
        amount = table.amounts.get(category)
        if amount is None:
            raise ThresholdNotFound(regime, day, category, [table.span])
        section = "Sch 1" if regime is Regime.PA_2023 else "reg 5"
        return Threshold(
            regime=regime,
            category=category,
            amount=amount,
            table=table,
            rule=regime.cite(section),
        )


def below_threshold_notice_required(
    *, value_including_vat: Decimal | int | str, authority: AuthorityType
) -> bool:
    """Whether a below-threshold contract's value brings the PA notice duty (s.87(4)).

    At least £12,000 for a central government authority, £30,000 for others
    (VAT included, read cautiously: "from" means "not less than"). Call it
    only for a contract that is below threshold under the Procurement Act 2023;
    :func:`assess_threshold` does that for you.

    Example:
        >>> below_threshold_notice_required(value_including_vat="29999.99", authority=AuthorityType.SUB_CENTRAL)
        False
        >>> below_threshold_notice_required(value_including_vat=12000, authority=AuthorityType.CENTRAL_GOVERNMENT)
        True
    """
    value = pounds(value_including_vat, field="value_including_vat")
    if not isinstance(authority, AuthorityType):
        raise InvalidInput.from_problems(
            [Problem("authority", "an AuthorityType", authority, "type")]
        )
    floor = (
        BELOW_THRESHOLD_NOTICE_CENTRAL
        if authority is AuthorityType.CENTRAL_GOVERNMENT
        else BELOW_THRESHOLD_NOTICE_OTHER
    )
    return value >= floor


def assess_threshold(
    *,
    value_including_vat: Decimal | int | str,
    contract_type: ContractType,
    authority: AuthorityType,
    commenced_on: dt.date,
    schedule: ThresholdSchedule | None = None,
) -> ThresholdAssessment:
    """Is the estimated value (VAT included) above threshold, and which regime applies?

    The regime follows the commencement day (:func:`regime_for`); the table is
    the one in force on that day; a value equal to the threshold is treated as
    above it (the cautious reading: the rules then apply). Below threshold under
    the PA, the notice duty of s.87(4) is reported.

    Example:
        >>> a = assess_threshold(value_including_vat="139688", contract_type=ContractType.GOODS,
        ...     authority=AuthorityType.CENTRAL_GOVERNMENT, commenced_on=pendulum.Date(2025, 2, 24))
        >>> a.above_threshold, str(a.threshold.amount)
        (True, '139688.00')
    """
    check = Checker()
    value: Decimal | None = None
    day: pendulum.Date | None = None
    try:
        value = pounds(value_including_vat, field="value_including_vat")
    except InvalidInput as err:
        check.extend(err)
    else:
        check.that(value >= 0, "value_including_vat", "a non-negative amount", value)
    try:
        day = as_date(commenced_on, field="commenced_on")
    except InvalidInput as err:
        check.extend(err)
    check.type("contract_type", contract_type, ContractType, "a ContractType")
    check.type("authority", authority, AuthorityType, "an AuthorityType")
    if schedule is not None:
        check.type("schedule", schedule, ThresholdSchedule, "a ThresholdSchedule or None")
    check.done()
    assert value is not None  # noqa: S101 - check.done() raised otherwise
    assert day is not None  # noqa: S101 - check.done() raised otherwise
    threshold = (schedule or STATUTORY_THRESHOLDS).lookup(
        contract_type=contract_type, authority=authority, commenced_on=day
    )
    above = value >= threshold.amount
    notes: list[str] = []
    notice = False
    if threshold.regime is Regime.PA_2023 and not above:
        notice = below_threshold_notice_required(value_including_vat=value, authority=authority)
        if authority is AuthorityType.UTILITIES or contract_type is ContractType.CONCESSION:
            notes.append(
                "UNCONFIRMED: the below-threshold duties may not reach utilities contracts or "
                "concessions; the duty is reported cautiously."
            )
    return ThresholdAssessment(
        value_including_vat=value,
        commenced_on=day,
        regime=threshold.regime,
        threshold=threshold,
        above_threshold=above,
        below_threshold_notice_required=notice,
        notes=tuple(notes),
    )


_C = ThresholdCategory

STATUTORY_THRESHOLDS = ThresholdSchedule(
    [
        ThresholdTable.from_amounts(
            regime=Regime.PCR_2015,
            effective_from=pendulum.Date(2024, 1, 1),
            effective_to=PA_COMMENCEMENT.subtract(days=1),
            amounts={
                _C.CENTRAL_GOODS_AND_SERVICES: "139688",
                _C.SUB_CENTRAL_GOODS_AND_SERVICES: "214904",
                _C.WORKS: "5372609",
                _C.LIGHT_TOUCH: "663540",
            },
            source="PCR 2015 reg 5 as amended from 1 Jan 2024 (VAT-inclusive)",
        ),
        ThresholdTable.from_amounts(
            regime=Regime.PA_2023,
            effective_from=PA_COMMENCEMENT,
            effective_to=pendulum.Date(2025, 12, 31),
            amounts={
                _C.CENTRAL_GOODS_AND_SERVICES: "139688",
                _C.SUB_CENTRAL_GOODS_AND_SERVICES: "214904",
                _C.WORKS: "5372609",
                _C.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES: "429809",
                _C.LIGHT_TOUCH: "663540",
                _C.UTILITIES_LIGHT_TOUCH: "884720",
            },
            source="Procurement Act 2023 Sch 1 as commenced, 24 Feb 2025 (VAT-inclusive)",
        ),
        ThresholdTable.from_amounts(
            regime=Regime.PA_2023,
            effective_from=pendulum.Date(2026, 1, 1),
            amounts={
                _C.CENTRAL_GOODS_AND_SERVICES: "135018",
                _C.SUB_CENTRAL_GOODS_AND_SERVICES: "207720",
                _C.WORKS: "5193000",
                _C.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES: "415440",
                _C.LIGHT_TOUCH: "663540",
                _C.UTILITIES_LIGHT_TOUCH: "884720",
            },
            source="Procurement Act 2023 Sch 1 as amended from 1 Jan 2026 (VAT-inclusive)",
        ),
    ]
)
"""The statutory threshold tables: PCR 2015 from 1 Jan 2024, PA 2023 from 24 Feb 2025 and from 1 Jan 2026."""
