"""Dated threshold tables, regime selection and the below-threshold notice duty.

Amounts are VAT-inclusive pounds as exact ``Decimal`` (PA Sch 1; s.123(2) and
Sch 3 para 1: the estimated value is the maximum the authority could expect to
pay, VAT included). Tables are data: the statutory ones ship in
[`STATUTORY_THRESHOLDS`][commissioning.thresholds.STATUTORY_THRESHOLDS], and a user adds a new one with
[`ThresholdSchedule.with_table`][commissioning.thresholds.ThresholdSchedule.with_table] when the amounts change.
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
    "PCR_2015_COMMENCEMENT",
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

PCR_2015_COMMENCEMENT = pendulum.Date(2015, 2, 26)
"""PCR 2015 applies to procurements commenced on or after this day (PCR 2015 reg 1(2), reg 118); PCR 2006 before."""

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
    PCR_2006 = "Public Contracts Regulations 2006"
    UCR_2016 = "Utilities Contracts Regulations 2016"
    CCR_2016 = "Concession Contracts Regulations 2016"
    DSPCR_2011 = "Defence and Security Public Contracts Regulations 2011"

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
        ...     authority=AuthorityType.SUB_CENTRAL, commenced_on=pendulum.Date(2014, 6, 1))
        Traceback (most recent call last):
        ...
        commissioning.thresholds._thresholds.ThresholdNotFound: no Public Contracts Regulations 2006 threshold table covers 2014-06-01; expected a day covered by one of: none (add the table in force with ThresholdSchedule.with_table)
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
        amounts: category -> amount in pounds.
        source: where the amounts come from (with UNCONFIRMED where the figures were not
            read in the instrument or the project's reference).
        includes_vat: the amounts include VAT (PA Sch 1; PCR 2015 from 1 Jan 2022). Before
            1 Jan 2022 PCR 2015 thresholds were net of VAT (reg 5(1), reg 6(1) as made).
        confirmed: ``False`` where the figures are UNCONFIRMED.

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
    includes_vat: bool = attrs.field(default=True, kw_only=True)
    confirmed: bool = attrs.field(default=True, kw_only=True)

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
        check.type("includes_vat", self.includes_vat, bool, "a bool")
        check.type("confirmed", self.confirmed, bool, "a bool")
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
        includes_vat: bool = True,
        confirmed: bool = True,
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
            regime=regime,
            effective_from=start,
            effective_to=end,
            amounts=table,
            source=source,
            includes_vat=includes_vat,
            confirmed=confirmed,
        )

    def covers(self, day: dt.date) -> bool:
        """Whether the table applies to a procurement commenced on ``day``.

        Example:
            >>> STATUTORY_THRESHOLDS.tables[-1].covers(pendulum.Date(2025, 12, 31))
            False
        """
        d = as_date(day, field="day")
        return self.effective_from <= d and (self.effective_to is None or d <= self.effective_to)

    @property
    def span(self) -> str:
        """The commencement days covered, in words.

        Example:
            >>> STATUTORY_THRESHOLDS.tables[0].span
            '2015-02-26 to 2015-12-31'
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
        amount: the amount in pounds (VAT included unless ``table.includes_vat`` is ``False``).
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
    *,
    contract_type: ContractType,
    authority: AuthorityType,
    defence_and_security: bool = False,
) -> ThresholdCategory:
    """The threshold table row for a contract type, authority type and kind of contract.

    Works and concessions use the works row whoever buys; light touch uses the
    utilities light touch row for utilities; goods and services use the
    utilities-and-defence row for a *defence and security contract* (PA s.7,
    Sch 1; not one that is so only by virtue of s.7(1)(g), s.7(3)) or a utility,
    and otherwise the central or sub-central row. Being a defence authority does
    not by itself bring the higher row: a Ministry of Defence stationery contract
    is judged on the central government row (the reading that every defence
    authority is a central government authority under Sch 1 para 5 is
    UNCONFIRMED; the note in [`assess_threshold`][commissioning.thresholds.assess_threshold] says so).

    Example:
        >>> threshold_category(contract_type=ContractType.GOODS, authority=AuthorityType.DEFENCE)
        <ThresholdCategory.CENTRAL_GOODS_AND_SERVICES: 'central government goods and services'>
        >>> threshold_category(contract_type=ContractType.GOODS, authority=AuthorityType.DEFENCE,
        ...                    defence_and_security=True).name
        'UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES'
    """
    check = Checker()
    check.type("contract_type", contract_type, ContractType, "a ContractType")
    check.type("authority", authority, AuthorityType, "an AuthorityType")
    check.type("defence_and_security", defence_and_security, bool, "a bool")
    check.done()
    if contract_type in (ContractType.WORKS, ContractType.CONCESSION):
        return ThresholdCategory.WORKS
    if contract_type is ContractType.LIGHT_TOUCH:
        if authority is AuthorityType.UTILITIES:
            return ThresholdCategory.UTILITIES_LIGHT_TOUCH
        return ThresholdCategory.LIGHT_TOUCH
    if defence_and_security or authority is AuthorityType.UTILITIES:
        return ThresholdCategory.UTILITIES_AND_DEFENCE_GOODS_AND_SERVICES
    if authority is AuthorityType.SUB_CENTRAL:
        return ThresholdCategory.SUB_CENTRAL_GOODS_AND_SERVICES
    return ThresholdCategory.CENTRAL_GOODS_AND_SERVICES


def regime_for(*, commenced_on: dt.date) -> Regime:
    """The regime for a procurement commenced on a day: PA from 24 Feb 2025, PCR 2015 from 26 Feb 2015.

    Before 26 Feb 2015 the Public Contracts Regulations 2006 applied (PCR 2015
    reg 118). NHS health care services in England may fall under the PSR
    instead; that depends on what is bought, not on the day, so it is the
    caller's choice. Which regime governs a procurement begun under the old
    regulations and still running on 24 Feb 2025 follows from what was done
    before that day (SI 2024/716 regs 3-9):
    [`commissioning.procurement.governing_regime`][commissioning.procurement.governing_regime].

    Example:
        >>> regime_for(commenced_on=pendulum.Date(2025, 2, 23)), regime_for(commenced_on=pendulum.Date(2025, 2, 24))
        (<Regime.PCR_2015: 'Public Contracts Regulations 2015'>, <Regime.PA_2023: 'Procurement Act 2023'>)
        >>> regime_for(commenced_on=pendulum.Date(2015, 2, 25)).name
        'PCR_2006'
    """
    day = as_date(commenced_on, field="commenced_on")
    if day >= PA_COMMENCEMENT:
        return Regime.PA_2023
    return Regime.PCR_2015 if day >= PCR_2015_COMMENCEMENT else Regime.PCR_2006


def _tables_tuple(value: Any) -> tuple[ThresholdTable, ...]:
    return tuple(value)


@attrs.frozen
class ThresholdSchedule:
    """Every threshold table known, by regime and span of commencement days.

    Tables of the same regime must not overlap. [`with_table`][commissioning.thresholds.ThresholdSchedule.with_table] returns a
    new schedule with one more table (ending any open-ended table of the
    same regime the day before the new one starts).

    Attributes:
        tables: the tables, ordered by start day.

    Example:
        >>> len(STATUTORY_THRESHOLDS.tables)
        8
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
        defence_and_security: bool = False,
    ) -> Threshold:
        """The threshold for a procurement, from the table in force on its commencement day.

        ``regime`` defaults to [`regime_for`][commissioning.thresholds.regime_for] the commencement day;
        ``defence_and_security``: see [`threshold_category`][commissioning.thresholds.threshold_category].

        Example:
            >>> STATUTORY_THRESHOLDS.lookup(contract_type=ContractType.WORKS,
            ...     authority=AuthorityType.SUB_CENTRAL, commenced_on=pendulum.Date(2025, 3, 1)).amount
            Decimal('5372609.00')
        """
        day = as_date(commenced_on, field="commenced_on")
        category = threshold_category(
            contract_type=contract_type,
            authority=authority,
            defence_and_security=defence_and_security,
        )
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
    [`assess_threshold`][commissioning.thresholds.assess_threshold] does that for you.

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


def _basis_and_notes(
    threshold: Threshold,
    value: Decimal,
    net: Decimal | None,
    *,
    authority: AuthorityType,
    defence_and_security: bool,
) -> tuple[Decimal, list[str]]:
    """The value to compare with the threshold (net of VAT for old tables) and the notes to give."""
    notes: list[str] = []
    compared = value
    if not threshold.table.includes_vat:
        if net is not None:
            compared = net
            notes.append(
                "The table in force is net of VAT (PCR 2015 reg 5(1), reg 6(1) as made): the "
                "value excluding VAT is compared."
            )
        else:
            notes.append(
                "The table in force is net of VAT (PCR 2015 reg 5(1), reg 6(1) as made) but no "
                "value excluding VAT was given: the value including VAT is compared (cautious)."
            )
    if not threshold.table.confirmed:
        notes.append(f"UNCONFIRMED threshold figures: {threshold.table.source}.")
    central = threshold.category is ThresholdCategory.CENTRAL_GOODS_AND_SERVICES
    if authority is AuthorityType.DEFENCE and not defence_and_security and central:
        notes.append(
            "A defence authority's contract that is not a defence and security contract (s.7) is "
            "judged on the central government row; UNCONFIRMED that the authority is a central "
            "government authority (Sch 1 para 5)."
        )
    return compared, notes


def assess_threshold(
    *,
    value_including_vat: Decimal | int | str,
    contract_type: ContractType,
    authority: AuthorityType,
    commenced_on: dt.date,
    schedule: ThresholdSchedule | None = None,
    defence_and_security: bool = False,
    value_excluding_vat: Decimal | int | str | None = None,
) -> ThresholdAssessment:
    """Is the estimated value above threshold, and which regime applies?

    The regime follows the commencement day ([`regime_for`][commissioning.thresholds.regime_for]); the table is
    the one in force on that day; a value equal to the threshold is treated as
    above it ("not less than": the rules then apply). Below threshold under
    the PA, the notice duty of s.87(4) is reported. ``defence_and_security``
    says the contract is a defence and security contract (PA s.7; see
    [`threshold_category`][commissioning.thresholds.threshold_category]).

    Tables before 1 Jan 2022 are net of VAT (PCR 2015 reg 5(1), reg 6(1) as made):
    ``value_excluding_vat`` is compared when given; otherwise the value including
    VAT is, which can only make the answer "above" more often (cautious), and a
    note says so.

    Example:
        >>> a = assess_threshold(value_including_vat="139688", contract_type=ContractType.GOODS,
        ...     authority=AuthorityType.CENTRAL_GOVERNMENT, commenced_on=pendulum.Date(2025, 2, 24))
        >>> a.above_threshold, str(a.threshold.amount)
        (True, '139688.00')
        >>> old = assess_threshold(value_including_vat="130000", value_excluding_vat="108334",
        ...     contract_type=ContractType.SERVICES, authority=AuthorityType.CENTRAL_GOVERNMENT,
        ...     commenced_on=pendulum.Date(2016, 6, 1))
        >>> old.above_threshold, str(old.threshold.amount), old.threshold.table.includes_vat
        (True, '106047.00', False)
    """
    check = Checker()
    value: Decimal | None = None
    net: Decimal | None = None
    day: pendulum.Date | None = None
    try:
        value = pounds(value_including_vat, field="value_including_vat")
    except InvalidInput as err:
        check.extend(err)
    else:
        check.that(value >= 0, "value_including_vat", "a non-negative amount", value)
    if value_excluding_vat is not None:
        try:
            net = pounds(value_excluding_vat, field="value_excluding_vat")
        except InvalidInput as err:
            check.extend(err)
        else:
            check.that(net >= 0, "value_excluding_vat", "a non-negative amount", net)
    try:
        day = as_date(commenced_on, field="commenced_on")
    except InvalidInput as err:
        check.extend(err)
    check.type("contract_type", contract_type, ContractType, "a ContractType")
    check.type("authority", authority, AuthorityType, "an AuthorityType")
    check.type("defence_and_security", defence_and_security, bool, "a bool")
    if schedule is not None:
        check.type("schedule", schedule, ThresholdSchedule, "a ThresholdSchedule or None")
    check.done()
    assert value is not None  # noqa: S101 - check.done() raised otherwise
    assert day is not None  # noqa: S101 - check.done() raised otherwise
    threshold = (schedule or STATUTORY_THRESHOLDS).lookup(
        contract_type=contract_type,
        authority=authority,
        commenced_on=day,
        defence_and_security=defence_and_security,
    )
    compared, notes = _basis_and_notes(
        threshold, value, net, authority=authority, defence_and_security=defence_and_security
    )
    above = compared >= threshold.amount
    notice = False
    if threshold.regime is Regime.PA_2023 and not above:
        if contract_type is ContractType.CONCESSION or authority is AuthorityType.UTILITIES:
            notes.append(
                "Not a regulated below-threshold contract: concessions and utilities contracts "
                "are outside Part 6 (Procurement Act 2023 s.84(1)(b)-(c)); a utility buyer's "
                "contract is read as a utilities contract."
            )
        else:
            notice = below_threshold_notice_required(value_including_vat=value, authority=authority)
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

_PCR = Regime.PCR_2015
_PCR_EXCL_VAT = (
    "net of VAT (PCR 2015 reg 5(1), reg 6(1) as made); PCR 2015 reg 5(4): the sterling value "
    "of the Public Contracts Directive art 4 euro amounts published by the Commission"
)
_PCR_UNCONFIRMED = (
    "UNCONFIRMED: the sterling figures are not in the project's reference nor in the "
    "regulation's text (reg 5(4) refers to the Commission's published values); they are the "
    "figures as commonly published (Cabinet Office procurement policy notes)"
)


def _pcr_table(
    start: pendulum.Date,
    end: pendulum.Date,
    central: str,
    sub_central: str,
    works: str,
    light_touch: str,
    source: str,
    *,
    includes_vat: bool,
    confirmed: bool,
) -> ThresholdTable:
    return ThresholdTable.from_amounts(
        regime=_PCR,
        effective_from=start,
        effective_to=end,
        amounts={
            _C.CENTRAL_GOODS_AND_SERVICES: central,
            _C.SUB_CENTRAL_GOODS_AND_SERVICES: sub_central,
            _C.WORKS: works,
            _C.LIGHT_TOUCH: light_touch,
        },
        source=source,
        includes_vat=includes_vat,
        confirmed=confirmed,
    )


STATUTORY_THRESHOLDS = ThresholdSchedule(
    [
        _pcr_table(
            PCR_2015_COMMENCEMENT,
            pendulum.Date(2015, 12, 31),
            "111676",
            "172514",
            "4322012",
            "625050",
            f"PCR 2015 reg 5 as made, 26 Feb 2015 (euro amounts of Regulation (EU) 1336/2013), "
            f"{_PCR_EXCL_VAT}; {_PCR_UNCONFIRMED}",
            includes_vat=False,
            confirmed=False,
        ),
        _pcr_table(
            pendulum.Date(2016, 1, 1),
            pendulum.Date(2017, 12, 31),
            "106047",
            "164176",
            "4104394",
            "589148",
            f"PCR 2015 reg 5 from 1 Jan 2016 (Regulation (EU) 2015/2170; PPN 10/15), "
            f"{_PCR_EXCL_VAT}; {_PCR_UNCONFIRMED}",
            includes_vat=False,
            confirmed=False,
        ),
        _pcr_table(
            pendulum.Date(2018, 1, 1),
            pendulum.Date(2019, 12, 31),
            "118133",
            "181302",
            "4551413",
            "615278",
            f"PCR 2015 reg 5 from 1 Jan 2018 (Regulation (EU) 2017/2365; PPN 04/17), "
            f"{_PCR_EXCL_VAT}; {_PCR_UNCONFIRMED}",
            includes_vat=False,
            confirmed=False,
        ),
        _pcr_table(
            pendulum.Date(2020, 1, 1),
            pendulum.Date(2021, 12, 31),
            "122976",
            "189330",
            "4733252",
            "663540",
            f"PCR 2015 reg 5 from 1 Jan 2020 (Regulation (EU) 2019/1828; PPN 06/19), "
            f"{_PCR_EXCL_VAT}; {_PCR_UNCONFIRMED}",
            includes_vat=False,
            confirmed=False,
        ),
        _pcr_table(
            pendulum.Date(2022, 1, 1),
            pendulum.Date(2023, 12, 31),
            "138760",
            "213477",
            "5336937",
            "663540",
            "PCR 2015 reg 5 as amended by SI 2021/1221 from 1 Jan 2022 (VAT-inclusive from then; "
            "PPN 10/21); the central and sub-central figures agree with PA 2023 s.85(3), read in "
            "the Act; UNCONFIRMED: the works and light touch figures are not in the project's "
            "reference",
            includes_vat=True,
            confirmed=False,
        ),
        _pcr_table(
            pendulum.Date(2024, 1, 1),
            PA_COMMENCEMENT.subtract(days=1),
            "139688",
            "214904",
            "5372609",
            "663540",
            "PCR 2015 reg 5 as amended from 1 Jan 2024 (VAT-inclusive)",
            includes_vat=True,
            confirmed=True,
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
"""The statutory threshold tables: PCR 2015 from its start (26 Feb 2015) through each biennial
revision (1 Jan 2016, 2018, 2020, 2022, 2024; figures before 2024 UNCONFIRMED, net of VAT before
2022), then PA 2023 from 24 Feb 2025 and from 1 Jan 2026. No PCR 2006 table: the project's
reference gives no figures for it."""
