"""Discounting as the Green Book does it: declining schedules, inclusive bands, compounding factors.

Implements the reference's "Discount rates (social time preference rate,
declining schedule)" and "Options appraisal" sections (``green-book.md``):

- four schedules (standard, reduced, health, health reduced) whose year bands
  are inclusive (year 30 is discounted at 3.5%, year 31 at 3.0%);
- factors that compound through the bands, ``DF(0) = 1`` and
  ``DF(t) = DF(t-1) / (1 + r(t))``, never ``1 / (1 + r_band) ** t``;
- present values of streams in real base-year prices (year 0 is the first
  year of the proposal), NPSV = PV(benefits) - PV(costs) and
  BCR = PV(benefits) / PV(costs).

Rates the reference marks UNCONFIRMED are flagged on their band; every result
says whether one was used, and records the Green Book edition.

Precision: factors are ``Decimal`` to 28 significant digits (see
``_numbers.CONTEXT``); money is exact pence, rounded once per present value.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._money import pounds
from .._validation import Checker
from ._numbers import CONTEXT, as_decimal, to_pence
from ._repr import html_table, money

__all__ = ["DiscountBand", "DiscountSchedule", "Edition", "Stream", "ValueForMoney"]

_ONE = Decimal(1)


class Edition(enum.Enum):
    """Which edition of HM Treasury's Green Book a calculation follows (recorded on every result).

    Both editions use the same discount schedule; the 2026 edition warns
    against using the benefit-cost ratio as a pass/fail test.

    Examples:
        >>> Edition.GREEN_BOOK_2026.value
        'Green Book (February 2026)'
    """

    GREEN_BOOK_2022 = "Green Book 2022 (updated 2023 and 2024)"
    GREEN_BOOK_2026 = "Green Book (February 2026)"

    def __repr__(self) -> str:
        return f"Edition.{self.name}"


def _rate(value: Any) -> Decimal:
    rate = as_decimal(value, field="rate")
    if not -_ONE < rate < _ONE:
        raise InvalidInput.of(
            "rate", "a rate as a fraction between -1 and 1 (0.035 for 3.5%)", value
        )
    return rate


@attrs.frozen
class DiscountBand:
    """One band of a declining schedule: the years it covers (inclusive) and its rate.

    Attributes:
        first_year: the first year discounted at this rate (inclusive).
        last_year: the last year (inclusive), or ``None`` for "and every year after".
        rate: the annual rate as a fraction (``Decimal("0.035")`` for 3.5%).
        confirmed: ``False`` where the reference marks the rate UNCONFIRMED.

    Examples:
        >>> from decimal import Decimal
        >>> DiscountBand(0, 30, Decimal("0.035")).covers(30)
        True
    """

    first_year: int
    last_year: int | None
    rate: Decimal
    confirmed: bool = True

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("first_year", self.first_year, int, "a year number (int)")
        if self.last_year is not None:
            check.type("last_year", self.last_year, int, "a year number (int) or None")
        check.type("rate", self.rate, Decimal, "a Decimal rate (0.035 for 3.5%)")
        check.type("confirmed", self.confirmed, bool, "a bool")
        check.done()
        check.that(self.first_year >= 0, "first_year", "a year of 0 or later", self.first_year)
        if self.last_year is not None:
            check.that(
                self.last_year >= self.first_year,
                "last_year",
                f"a year no earlier than first_year ({self.first_year})",
                self.last_year,
            )
        check.that(
            self.rate.is_finite() and -_ONE < self.rate < _ONE,
            "rate",
            "a rate as a fraction between -1 and 1 (0.035 for 3.5%)",
            self.rate,
        )
        check.done()

    def covers(self, year: int) -> bool:
        """Whether ``year`` falls in this band (both ends inclusive).

        Examples:
            >>> DiscountBand(31, 75, Decimal("0.03")).covers(31)
            True
        """
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def __str__(self) -> str:
        end = "+" if self.last_year is None else f"-{self.last_year}"
        flag = "" if self.confirmed else " (UNCONFIRMED)"
        return f"years {self.first_year}{end}: {(self.rate * 100).normalize():f}%{flag}"


# (first year, last year, rate, confirmed) per schedule, from green-book.md's table.
_TABLE: dict[str, tuple[tuple[int, int | None, str, bool], ...]] = {
    "standard": (
        (0, 30, "0.035", True),
        (31, 75, "0.03", True),
        (76, 125, "0.025", True),
        (126, 200, "0.02", True),
        (201, 300, "0.015", True),
        (301, None, "0.01", True),
    ),
    "reduced": (
        (0, 30, "0.03", True),
        (31, 75, "0.0257", True),
        (76, 125, "0.0214", True),
        (126, 200, "0.0171", False),
        (201, 300, "0.0129", False),
        (301, None, "0.0086", False),
    ),
    "health": (
        (0, 30, "0.015", True),
        (31, 75, "0.0129", True),
        (76, 125, "0.0107", True),
        (126, 200, "0.0086", False),
        (201, 300, "0.0064", False),
        (301, None, "0.0043", False),
    ),
    # The reference gives no rate at all beyond year 125 (UNCONFIRMED): the
    # schedule stops there rather than invent one; extend it with your own.
    "health reduced": (
        (0, 30, "0.01", True),
        (31, 75, "0.0086", True),
        (76, 125, "0.0071", True),
    ),
}


def _bands(name: str) -> tuple[DiscountBand, ...]:
    return tuple(
        DiscountBand(first, last, Decimal(rate), confirmed)
        for first, last, rate, confirmed in _TABLE[name]
    )


@attrs.frozen
class DiscountSchedule:
    """A declining discount schedule: contiguous inclusive bands from year 0, and its edition.

    Use the four Green Book schedules ([`standard`][commissioning.appraisal.DiscountSchedule.standard], [`reduced`][commissioning.appraisal.DiscountSchedule.reduced],
    [`health`][commissioning.appraisal.DiscountSchedule.health], [`health_reduced`][commissioning.appraisal.DiscountSchedule.health_reduced]) or supply your own bands with
    [`from_rates`][commissioning.appraisal.DiscountSchedule.from_rates] (for instance where a rate is UNCONFIRMED).

    Attributes:
        name: the schedule's name, recorded on results.
        bands: the bands in year order; the first starts at year 0.
        edition: the Green Book edition the schedule follows.

    Examples:
        >>> from decimal import Decimal
        >>> schedule = DiscountSchedule.standard()
        >>> schedule.rate(30), schedule.rate(31)
        (Decimal('0.035'), Decimal('0.03'))
        >>> schedule.factor(31) == schedule.factor(30) / Decimal("1.03")
        True
    """

    name: str
    bands: tuple[DiscountBand, ...]
    edition: Edition = Edition.GREEN_BOOK_2026

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("name", self.name, str, "a schedule name (str)")
        check.type("edition", self.edition, Edition, "an Edition")
        if check.type("bands", self.bands, tuple, "a tuple of DiscountBand"):
            for i, band in enumerate(self.bands):
                check.type(f"bands[{i}]", band, DiscountBand, "a DiscountBand")
        check.done()
        check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        check.that(bool(self.bands), "bands", "at least one band", self.bands)
        check.done()
        check.that(
            self.bands[0].first_year == 0,
            "bands[0].first_year",
            "0 (year 0, the base year)",
            self.bands[0].first_year,
        )
        for i, (before, after) in enumerate(zip(self.bands, self.bands[1:], strict=False), start=1):
            if before.last_year is None:
                check.add(
                    Problem(
                        f"bands[{i - 1}].last_year",
                        "a last year (only the final band may be open-ended)",
                        None,
                    )
                )
            else:
                check.that(
                    after.first_year == before.last_year + 1,
                    f"bands[{i}].first_year",
                    f"{before.last_year + 1} (the bands must be contiguous)",
                    after.first_year,
                )
        check.done()

    @classmethod
    def from_rates(
        cls,
        name: str,
        rates: Iterable[tuple[int, int | None, Decimal | int | str]],
        *,
        edition: Edition = Edition.GREEN_BOOK_2026,
        unconfirmed: Iterable[int] = (),
    ) -> DiscountSchedule:
        """Build your own schedule from ``(first year, last year or None, rate)`` triples.

        Args:
            name: the schedule's name.
            rates: the bands in order; rates as fractions (Decimal, int or str, not float).
            edition: the Green Book edition it follows.
            unconfirmed: the first years of bands whose rate is not confirmed.

        Examples:
            >>> flat = DiscountSchedule.from_rates("flat 3.5%", [(0, None, "0.035")])
            >>> f"{flat.factor(2):.10f}"
            '0.9335107004'
        """
        flagged = frozenset(unconfirmed)
        bands = []
        for first, last, rate in rates:
            bands.append(DiscountBand(first, last, _rate(rate), first not in flagged))
        return cls(name, tuple(bands), edition)

    @classmethod
    def standard(cls, *, edition: Edition = Edition.GREEN_BOOK_2026) -> DiscountSchedule:
        """The standard social time preference rate: 3.5% for years 0-30, then declining.

        Examples:
            >>> print(DiscountSchedule.standard().bands[1])
            years 31-75: 3%
        """
        return cls("standard", _bands("standard"), edition)

    @classmethod
    def reduced(cls, *, edition: Edition = Edition.GREEN_BOOK_2026) -> DiscountSchedule:
        """The reduced schedule (pure time preference 0): 3.0% for years 0-30, then declining.

        For very large or irreversible transfers between generations; report
        NPSV at both the standard and reduced rates then. Rates from year 126
        are UNCONFIRMED in the reference and flagged so.

        Examples:
            >>> DiscountSchedule.reduced().uses_unconfirmed_rate(126)
            True
        """
        return cls("reduced", _bands("reduced"), edition)

    @classmethod
    def health(cls, *, edition: Edition = Edition.GREEN_BOOK_2026) -> DiscountSchedule:
        """The health schedule (for health effects): 1.5% for years 0-30, then declining.

        Rates from year 126 are UNCONFIRMED in the reference and flagged so.

        Examples:
            >>> DiscountSchedule.health().rate(31)
            Decimal('0.0129')
        """
        return cls("health", _bands("health"), edition)

    @classmethod
    def health_reduced(cls, *, edition: Edition = Edition.GREEN_BOOK_2026) -> DiscountSchedule:
        """The reduced health schedule: 1.0% for years 0-30, 0.86% to 75, 0.71% to 125.

        The reference gives no rate beyond year 125 (UNCONFIRMED), so this
        schedule ends there; build a longer one with [`from_rates`][commissioning.appraisal.DiscountSchedule.from_rates].

        Examples:
            >>> DiscountSchedule.health_reduced().factor(126)
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: year: expected a year the 'health reduced' schedule covers (0-125; the reference gives no rate beyond, UNCONFIRMED: supply your own with DiscountSchedule.from_rates), received 126
        """
        return cls("health reduced", _bands("health reduced"), edition)

    @property
    def last_year(self) -> int | None:
        """The last year the schedule covers, or ``None`` if it runs on for ever.

        Examples:
            >>> DiscountSchedule.health_reduced().last_year
            125
        """
        return self.bands[-1].last_year

    def band(self, year: int) -> DiscountBand:
        """The band that discounts ``year`` (bands are inclusive at both ends).

        Examples:
            >>> DiscountSchedule.standard().band(75).rate
            Decimal('0.03')
        """
        self._check_year(year)
        for band in self.bands:
            if band.covers(year):
                return band
        raise AssertionError(
            "unreachable: contiguous bands from year 0 cover every checked year"
        )  # pragma: no cover

    def rate(self, year: int) -> Decimal:
        """The rate that discounts ``year`` (as a fraction).

        Examples:
            >>> DiscountSchedule.standard().rate(76)
            Decimal('0.025')
        """
        return self.band(year).rate

    def factors(self, last_year: int) -> tuple[Decimal, ...]:
        """Discount factors for years 0 to ``last_year``, compounding through the bands.

        ``DF(0) = 1`` and ``DF(t) = DF(t-1) / (1 + r(t))``.

        Examples:
            >>> [f"{f:.6f}" for f in DiscountSchedule.standard().factors(2)]
            ['1.000000', '0.966184', '0.933511']
        """
        self._check_year(last_year)
        factors = [_ONE]
        factor = _ONE
        band_iter = iter(self.bands)
        band = next(band_iter)
        for year in range(1, last_year + 1):
            while not band.covers(year):
                band = next(band_iter)
            factor = CONTEXT.divide(factor, CONTEXT.add(_ONE, band.rate))
            factors.append(factor)
        return tuple(factors)

    def factor(self, year: int) -> Decimal:
        """The discount factor for ``year``: ``DF(year)``.

        Examples:
            >>> DiscountSchedule.standard().factor(0)
            Decimal('1')
        """
        return self.factors(year)[-1]

    def uses_unconfirmed_rate(self, last_year: int) -> bool:
        """Whether discounting years 1 to ``last_year`` uses a rate marked UNCONFIRMED.

        Examples:
            >>> DiscountSchedule.reduced().uses_unconfirmed_rate(125)
            False
        """
        self._check_year(last_year)
        return any(
            not band.confirmed
            and max(band.first_year, 1) <= last_year
            and (band.last_year is None or band.last_year >= 1)
            for band in self.bands
        )

    def present_value(self, stream: Stream) -> Decimal:
        """The present value of ``stream`` in base-year pounds, rounded to the penny once.

        Examples:
            >>> DiscountSchedule.standard().present_value(Stream.of(100, 100))
            Decimal('196.62')
        """
        if not isinstance(stream, Stream):
            raise InvalidInputType([Problem("stream", "a Stream", stream, "type")])
        if not stream.amounts:
            return to_pence(Decimal(0))
        factors = self.factors(stream.last_year)
        total = Decimal(0)
        for amount, factor in zip(stream.amounts, factors, strict=True):
            total = CONTEXT.add(total, CONTEXT.multiply(amount, factor))
        return to_pence(total)

    def appraise(self, *, costs: Stream, benefits: Stream) -> ValueForMoney:
        """Present values, NPSV and BCR of a cost and a benefit stream, with the edition recorded.

        Examples:
            >>> vfm = DiscountSchedule.standard().appraise(costs=Stream.of(1000), benefits=Stream.of(0, 600, 600))
            >>> vfm.npsv, vfm.bcr_rounded
            (Decimal('139.82'), Decimal('1.14'))
        """
        pv_costs = self.present_value(costs)
        pv_benefits = self.present_value(benefits)
        last = max(costs.last_year, benefits.last_year, 0)
        bcr = CONTEXT.divide(pv_benefits, pv_costs) if pv_costs > 0 else None
        return ValueForMoney(
            pv_costs=pv_costs,
            pv_benefits=pv_benefits,
            npsv=pv_benefits - pv_costs,
            bcr=bcr,
            schedule=self.name,
            edition=self.edition,
            uses_unconfirmed_rate=self.uses_unconfirmed_rate(last),
            last_year=last,
        )

    def _check_year(self, year: Any) -> None:
        check = Checker()
        if not check.type("year", year, int, "a year number (int)"):
            check.done()
        check.that(year >= 0, "year", "a year of 0 (the base year) or later", year)
        check.done()
        if self.last_year is not None and year > self.last_year:
            raise InvalidInput.of(
                "year",
                f"a year the {self.name!r} schedule covers (0-{self.last_year}; the reference gives "
                "no rate beyond, UNCONFIRMED: supply your own with DiscountSchedule.from_rates)",
                year,
            )

    def _repr_html_(self) -> str:
        rows = [
            (
                str(b.first_year),
                "" if b.last_year is None else str(b.last_year),
                f"{(b.rate * 100).normalize():f}%",
                "yes" if b.confirmed else "UNCONFIRMED",
            )
            for b in self.bands
        ]
        return html_table(
            f"Discount schedule {self.name!r} ({self.edition.value})",
            ("from year", "to year", "rate", "confirmed"),
            rows,
        )


@attrs.frozen
class Stream:
    """Amounts of money by year, in real base-year prices; year 0 is the first year of the proposal.

    Amounts are exact pence (``Decimal``); floats are refused. Build one with
    [`of`][commissioning.appraisal.Stream.of], [`constant`][commissioning.appraisal.Stream.constant] or [`from_mapping`][commissioning.appraisal.Stream.from_mapping].

    Attributes:
        amounts: the amount for each year, from year 0.

    Examples:
        >>> Stream.of(100, "50.25").amounts
        (Decimal('100.00'), Decimal('50.25'))
        >>> Stream.constant(10, years=3, start=1).amounts
        (Decimal('0.00'), Decimal('10.00'), Decimal('10.00'), Decimal('10.00'))
    """

    amounts: tuple[Decimal, ...] = ()

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("amounts", self.amounts, tuple, "a tuple of Decimal pounds"):
            for year, amount in enumerate(self.amounts):
                if check.type(f"amounts[{year}]", amount, Decimal, "pounds as a Decimal"):
                    check.that(
                        amount.is_finite() and amount == to_pence(amount),
                        f"amounts[{year}]",
                        "a finite whole number of pence",
                        amount,
                    )
        check.done()

    @classmethod
    def of(cls, *amounts: Decimal | int | str) -> Stream:
        """A stream from amounts for years 0, 1, 2, ... (Decimal, int or str pounds).

        Examples:
            >>> Stream.of(1, 2).total
            Decimal('3.00')
        """
        check = Checker()
        values = []
        for year, amount in enumerate(amounts):
            try:
                values.append(pounds(amount, field=f"amounts[{year}]"))
            except InvalidInput as error:
                check.extend(error)
        check.done()
        return cls(tuple(values))

    @classmethod
    def constant(cls, amount: Decimal | int | str, *, years: int, start: int = 0) -> Stream:
        """The same ``amount`` each year for ``years`` years from year ``start``.

        Examples:
            >>> Stream.constant(5, years=2).amounts
            (Decimal('5.00'), Decimal('5.00'))
        """
        check = Checker()
        check.type("years", years, int, "a number of years (int)")
        check.type("start", start, int, "a year number (int)")
        check.done()
        check.that(years >= 0, "years", "0 or more years", years)
        check.that(start >= 0, "start", "a year of 0 or later", start)
        check.done()
        value = pounds(amount, field="amount")
        zero = pounds(0)
        return cls((zero,) * start + (value,) * years)

    @classmethod
    def from_mapping(cls, amounts: Mapping[int, Decimal | int | str]) -> Stream:
        """A stream from ``{year: amount}``; missing years are zero.

        Examples:
            >>> Stream.from_mapping({2: 7}).amounts
            (Decimal('0.00'), Decimal('0.00'), Decimal('7.00'))
        """
        check = Checker()
        if not check.type("amounts", amounts, Mapping, "a mapping of year to pounds"):
            check.done()
        for year in amounts:
            if check.type("year", year, int, "a year number (int)"):
                check.that(year >= 0, "year", "a year of 0 or later", year)
        check.done()
        last = max(amounts, default=-1)
        values = []
        for year in range(last + 1):
            try:
                values.append(pounds(amounts.get(year, 0), field=f"amounts[{year}]"))
            except InvalidInput as error:
                check.extend(error)
        check.done()
        return cls(tuple(values))

    @property
    def last_year(self) -> int:
        """The last year in the stream (``-1`` when it is empty).

        Examples:
            >>> Stream.of(1, 2, 3).last_year
            2
        """
        return len(self.amounts) - 1

    @property
    def total(self) -> Decimal:
        """The undiscounted total, in pounds.

        Examples:
            >>> Stream.constant(10, years=3).total
            Decimal('30.00')
        """
        return to_pence(sum(self.amounts, Decimal(0)))

    def amount(self, year: int) -> Decimal:
        """The amount in ``year`` (zero beyond the stream's end).

        Examples:
            >>> Stream.of(4).amount(5)
            Decimal('0.00')
        """
        return self.amounts[year] if 0 <= year < len(self.amounts) else to_pence(Decimal(0))

    def plus(self, other: Stream) -> Stream:
        """The year-by-year sum of two streams.

        Examples:
            >>> Stream.of(1).plus(Stream.of(1, 1)).amounts
            (Decimal('2.00'), Decimal('1.00'))
        """
        if not isinstance(other, Stream):
            raise InvalidInputType([Problem("other", "a Stream", other, "type")])
        years = max(len(self.amounts), len(other.amounts))
        return Stream(tuple(self.amount(y) + other.amount(y) for y in range(years)))

    def scaled(self, factor: Decimal | int | str) -> Stream:
        """Each year's amount multiplied by ``factor``, rounded to the penny (half up) year by year.

        Examples:
            >>> Stream.of(100, 10).scaled("1.24").amounts
            (Decimal('124.00'), Decimal('12.40'))
        """
        by = as_decimal(factor, field="factor")
        return Stream(tuple(to_pence(CONTEXT.multiply(a, by)) for a in self.amounts))

    def __iter__(self) -> Iterator[Decimal]:
        return iter(self.amounts)

    def __len__(self) -> int:
        return len(self.amounts)


@attrs.frozen
class ValueForMoney:
    """Present values, net present social value and benefit-cost ratio of one option.

    Attributes:
        pv_costs: present value of costs, base-year pounds (pence).
        pv_benefits: present value of benefits, base-year pounds (pence).
        npsv: ``pv_benefits - pv_costs``.
        bcr: ``pv_benefits / pv_costs`` (28 significant digits), or ``None``
            when the present value of costs is not positive. The 2026 edition
            warns against reading it as a pass/fail test.
        schedule: the discount schedule's name.
        edition: the Green Book edition followed.
        uses_unconfirmed_rate: whether any rate used is marked UNCONFIRMED.
        last_year: the last year discounted.

    Examples:
        >>> vfm = DiscountSchedule.standard().appraise(costs=Stream.of(100), benefits=Stream.of(150))
        >>> vfm.npsv, vfm.bcr, vfm.edition
        (Decimal('50.00'), Decimal('1.5'), Edition.GREEN_BOOK_2026)
    """

    pv_costs: Decimal
    pv_benefits: Decimal
    npsv: Decimal
    bcr: Decimal | None
    schedule: str
    edition: Edition
    uses_unconfirmed_rate: bool
    last_year: int

    @property
    def bcr_rounded(self) -> Decimal | None:
        """The BCR to two decimal places (half up), for display.

        Examples:
            >>> DiscountSchedule.standard().appraise(costs=Stream.of(3), benefits=Stream.of(4)).bcr_rounded
            Decimal('1.33')
        """
        return None if self.bcr is None else to_pence(self.bcr)

    def _repr_html_(self) -> str:
        rows = [
            ("PV costs", money(self.pv_costs)),
            ("PV benefits", money(self.pv_benefits)),
            ("NPSV", money(self.npsv)),
            ("BCR", "n/a" if self.bcr_rounded is None else str(self.bcr_rounded)),
        ]
        return html_table(
            f"Value for money ({self.schedule} schedule, {self.edition.value}"
            f"{'; UNCONFIRMED rate used' if self.uses_unconfirmed_rate else ''})",
            ("measure", "value"),
            rows,
        )
