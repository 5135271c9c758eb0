"""Measuring social value: outcomes with proxy values, and the social return on investment.

Implements the reference's "Social value measurement" section
(``green-book.md``): a social return on investment (SROI, Cabinet Office
guide, 2009/2012) is the ratio of monetised social value to investment,
after deadweight, attribution, drop-off, duration and discounting. Proxy
values in pounds come from the user (for example the National TOMs'
measures); the library ships none.

The reference's list omits displacement, which the SROI guide also deducts;
it is accepted here (default 0) so that analyses that use it can.

The impact of an outcome in year ``t`` of its duration (``t = 0`` first) is::

    quantity x proxy value x (1 - deadweight) x (1 - displacement)
             x (1 - attribution) x (1 - drop_off) ** t

rounded to the penny, half up, year by year, then discounted like any other
benefit stream.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput
from .._money import pounds
from .._validation import Checker
from ._discounting import DiscountSchedule, Edition, Stream
from ._numbers import CONTEXT, as_decimal, to_pence
from ._repr import html_table, money

__all__ = ["SocialOutcome", "SocialReturn", "SocialValueTheme", "TomsTheme", "social_return"]

_ONE = Decimal(1)


class TomsTheme(enum.Enum):
    """The five themes of the National TOMs (Themes, Outcomes, Measures).

    Examples:
        >>> [t.value for t in TomsTheme]
        ['jobs', 'growth', 'communities', 'environment', 'innovation']
    """

    JOBS = "jobs"
    GROWTH = "growth"
    COMMUNITIES = "communities"
    ENVIRONMENT = "environment"
    INNOVATION = "innovation"

    def __repr__(self) -> str:
        return f"TomsTheme.{self.name}"


class SocialValueTheme(enum.Enum):
    """The themes of PPN 06/20's social value model.

    Examples:
        >>> SocialValueTheme.FIGHTING_CLIMATE_CHANGE.value
        'fighting climate change'
    """

    COVID_19_RECOVERY = "COVID-19 recovery"
    TACKLING_ECONOMIC_INEQUALITY = "tackling economic inequality"
    FIGHTING_CLIMATE_CHANGE = "fighting climate change"
    EQUAL_OPPORTUNITY = "equal opportunity"
    WELLBEING = "wellbeing"

    def __repr__(self) -> str:
        return f"SocialValueTheme.{self.name}"


def _fraction(check: Checker, field: str, value: Any, *, below_one: bool = False) -> None:
    if check.type(field, value, Decimal, "a Decimal fraction from 0 to 1"):
        ok = value.is_finite() and 0 <= value <= 1 and not (below_one and value == 1)
        check.that(ok, field, "a fraction from 0 to 1" + (" (below 1)" if below_one else ""), value)


@attrs.frozen
class SocialOutcome:
    """One social outcome: how much, its proxy value, and the deductions an SROI makes.

    Attributes:
        name: the outcome (for example "long-term unemployed people into work").
        quantity: units a year (for example people).
        proxy_value: pounds per unit (from the National TOMs or another source).
        deadweight: the share that would have happened anyway (0 to 1).
        attribution: the share due to others (0 to 1).
        drop_off: the share lost each year after the first (0 to 1).
        duration: the years the outcome lasts (1 or more).
        start_year: the year it starts (0 is the base year).
        displacement: the share that merely moves elsewhere (0 to 1; default 0).
        theme: the National TOMs theme, if any.

    Examples:
        >>> jobs = SocialOutcome.of("local people into work", quantity=10, proxy_value="14000",
        ...                         deadweight="0.2", attribution="0.25", drop_off="0.5", duration=3)
        >>> jobs.stream().amounts
        (Decimal('84000.00'), Decimal('42000.00'), Decimal('21000.00'))
    """

    name: str
    quantity: Decimal
    proxy_value: Decimal
    deadweight: Decimal
    attribution: Decimal
    drop_off: Decimal
    duration: int
    start_year: int = attrs.field(default=0, kw_only=True)
    displacement: Decimal = attrs.field(default=Decimal(0), kw_only=True)
    theme: TomsTheme | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "an outcome name (str)"):
            check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        if check.type("quantity", self.quantity, Decimal, "a Decimal quantity a year"):
            check.that(
                self.quantity.is_finite() and self.quantity >= 0,
                "quantity",
                "0 or more",
                self.quantity,
            )
        if check.type("proxy_value", self.proxy_value, Decimal, "pounds per unit as a Decimal"):
            check.that(
                self.proxy_value.is_finite() and self.proxy_value == to_pence(self.proxy_value),
                "proxy_value",
                "a whole number of pence",
                self.proxy_value,
            )
        for field in ("deadweight", "attribution", "displacement"):
            _fraction(check, field, getattr(self, field))
        _fraction(check, "drop_off", self.drop_off)
        if check.type("duration", self.duration, int, "a number of years (int)"):
            check.that(self.duration >= 1, "duration", "at least 1 year", self.duration)
        if check.type("start_year", self.start_year, int, "a year number (int)"):
            check.that(self.start_year >= 0, "start_year", "a year of 0 or later", self.start_year)
        if self.theme is not None:
            check.type("theme", self.theme, TomsTheme, "a TomsTheme or None")
        check.done()

    @classmethod
    def of(
        cls,
        name: str,
        *,
        quantity: Decimal | int | str,
        proxy_value: Decimal | int | str,
        deadweight: Decimal | int | str = 0,
        attribution: Decimal | int | str = 0,
        drop_off: Decimal | int | str = 0,
        duration: int = 1,
        start_year: int = 0,
        displacement: Decimal | int | str = 0,
        theme: TomsTheme | None = None,
    ) -> SocialOutcome:
        """Build an outcome from numbers given as Decimal, int or str (floats are refused).

        Examples:
            >>> SocialOutcome.of("trees planted", quantity=100, proxy_value=50).stream().total
            Decimal('5000.00')
        """
        check = Checker()
        values: dict[str, Decimal] = {}
        for field, value in (
            ("quantity", quantity),
            ("deadweight", deadweight),
            ("attribution", attribution),
            ("drop_off", drop_off),
            ("displacement", displacement),
        ):
            try:
                values[field] = as_decimal(value, field=field)
            except InvalidInput as error:
                check.extend(error)
        try:
            values["proxy_value"] = pounds(proxy_value, field="proxy_value")
        except InvalidInput as error:
            check.extend(error)
        check.done()
        return cls(
            name,
            values["quantity"],
            values["proxy_value"],
            values["deadweight"],
            values["attribution"],
            values["drop_off"],
            duration,
            start_year=start_year,
            displacement=values["displacement"],
            theme=theme,
        )

    @property
    def first_year_impact(self) -> Decimal:
        """The impact in the outcome's first year, after deadweight, displacement and attribution.

        Examples:
            >>> SocialOutcome.of("x", quantity=1, proxy_value=100, deadweight="0.5").first_year_impact
            Decimal('50.00')
        """
        value = CONTEXT.multiply(self.quantity, self.proxy_value)
        for share in (self.deadweight, self.displacement, self.attribution):
            value = CONTEXT.multiply(value, CONTEXT.subtract(_ONE, share))
        return to_pence(value)

    def stream(self) -> Stream:
        """The impact by year (from year 0), with drop-off after the first year.

        Examples:
            >>> SocialOutcome.of("x", quantity=1, proxy_value=100, drop_off="0.1", duration=2, start_year=1).stream().amounts
            (Decimal('0.00'), Decimal('100.00'), Decimal('90.00'))
        """
        value = CONTEXT.multiply(self.quantity, self.proxy_value)
        for share in (self.deadweight, self.displacement, self.attribution):
            value = CONTEXT.multiply(value, CONTEXT.subtract(_ONE, share))
        keep = CONTEXT.subtract(_ONE, self.drop_off)
        amounts = [to_pence(Decimal(0))] * self.start_year
        for _ in range(self.duration):
            amounts.append(to_pence(value))
            value = CONTEXT.multiply(value, keep)
        return Stream(tuple(amounts))


@attrs.frozen
class SocialReturn:
    """A social return on investment: the present value of impact against the investment.

    Attributes:
        outcomes: the outcomes counted.
        pv_impact: present value of the impact (the monetised social value).
        pv_investment: present value of the investment.
        ratio: ``pv_impact / pv_investment`` (the SROI ratio), or ``None``
            when the investment's present value is not positive.
        by_outcome: each outcome's present value of impact.
        schedule: the discount schedule's name.
        edition: the Green Book edition followed.
        uses_unconfirmed_rate: whether any discount rate used is UNCONFIRMED.

    Examples:
        >>> sroi = social_return([SocialOutcome.of("x", quantity=1, proxy_value=300)], investment=Stream.of(100))
        >>> sroi.ratio, sroi.net_value
        (Decimal('3'), Decimal('200.00'))
    """

    outcomes: tuple[SocialOutcome, ...]
    pv_impact: Decimal
    pv_investment: Decimal
    ratio: Decimal | None
    by_outcome: Mapping[str, Decimal]
    schedule: str
    edition: Edition
    uses_unconfirmed_rate: bool

    @property
    def net_value(self) -> Decimal:
        """``pv_impact - pv_investment``.

        Examples:
            >>> social_return([], investment=Stream.of(5)).net_value
            Decimal('-5.00')
        """
        return self.pv_impact - self.pv_investment

    @property
    def impact(self) -> Stream:
        """All outcomes' impact by year: use it as (part of) an option's benefits.

        Examples:
            >>> social_return([SocialOutcome.of("x", quantity=2, proxy_value=5)], investment=Stream.of(1)).impact.amounts
            (Decimal('10.00'),)
        """
        total = Stream()
        for outcome in self.outcomes:
            total = total.plus(outcome.stream())
        return total

    def _repr_html_(self) -> str:
        rows = [(name, money(value)) for name, value in self.by_outcome.items()]
        rows.append(("total impact", money(self.pv_impact)))
        rows.append(("investment", money(self.pv_investment)))
        ratio = "n/a" if self.ratio is None else f"{self.ratio:.2f} : 1"
        return html_table(
            f"Social return on investment {ratio} ({self.schedule} schedule, {self.edition.value})",
            ("outcome", "present value"),
            rows,
        )


def social_return(
    outcomes: Iterable[SocialOutcome],
    *,
    investment: Stream,
    schedule: DiscountSchedule | None = None,
) -> SocialReturn:
    """The SROI of ``outcomes`` against ``investment``, discounted with a Green Book schedule.

    Examples:
        >>> jobs = SocialOutcome.of("people into work", quantity=10, proxy_value=14000,
        ...                         deadweight="0.2", attribution="0.25", drop_off="0.5", duration=3)
        >>> sroi = social_return([jobs], investment=Stream.of(60_000))
        >>> sroi.pv_impact, f"{sroi.ratio:.2f}"
        (Decimal('144183.43'), '2.40')
    """
    found = tuple(outcomes)
    check = Checker()
    for i, outcome in enumerate(found):
        check.type(f"outcomes[{i}]", outcome, SocialOutcome, "a SocialOutcome")
    check.type("investment", investment, Stream, "a Stream")
    if schedule is not None:
        check.type("schedule", schedule, DiscountSchedule, "a DiscountSchedule or None")
    check.done()
    names = [o.name for o in found]
    for i, name in enumerate(names):
        check.that(name not in names[:i], f"outcomes[{i}].name", "a unique outcome name", name)
    check.done()
    if schedule is None:
        schedule = DiscountSchedule.standard()
    by_outcome = {o.name: schedule.present_value(o.stream()) for o in found}
    pv_impact = sum(by_outcome.values(), to_pence(Decimal(0)))
    pv_investment = schedule.present_value(investment)
    last = max([investment.last_year, 0, *(o.stream().last_year for o in found)])
    return SocialReturn(
        outcomes=found,
        pv_impact=pv_impact,
        pv_investment=pv_investment,
        ratio=CONTEXT.divide(pv_impact, pv_investment) if pv_investment > 0 else None,
        by_outcome=MappingProxyType(by_outcome),
        schedule=schedule.name,
        edition=schedule.edition,
        uses_unconfirmed_rate=schedule.uses_unconfirmed_rate(last),
    )
