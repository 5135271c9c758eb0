"""The make-or-buy decision: in-house delivery against buying from an external provider.

The reference (the docs' Sources page, "What commissioning is") places the
make-or-buy decision inside procurement, after options appraisal. Each side
is costed in full, in real base-year prices: running costs, one-off
transition costs (for example TUPE transfers, procurement, mobilisation or
bringing a service back in-house), the expected cost of the risks the
authority keeps, and optimism bias on operating expenditure (the Green Book
gives 41% upper, 0% lower for outsourcing, ``green-book.md``). Benefits such
as social value may differ between the two. The side with the higher NPSV
is chosen; the margin and a switching value say how firm the choice is.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from .._errors import InvalidInputType, Problem
from .._validation import Checker
from ._discounting import DiscountSchedule, Edition, Stream, ValueForMoney
from ._numbers import CONTEXT
from ._optimism_bias import BiasMeasure, OptimismBias, ProjectType  # noqa: F401 - ProjectType is used by the doctests
from ._repr import html_table, money

__all__ = ["DeliveryCosts", "DeliveryModel", "MakeOrBuyDecision", "make_or_buy"]

_NO_STREAM = Stream()


class DeliveryModel(enum.Enum):
    """Make (deliver in-house) or buy (from an external provider).

    Examples:
        >>> DeliveryModel.BUY.value
        'buy'
    """

    MAKE = "make"
    BUY = "buy"

    def __repr__(self) -> str:
        return f"DeliveryModel.{self.name}"


@attrs.frozen
class DeliveryCosts:
    """The full costs (and any benefits) of one way of delivering a service.

    Attributes:
        name: a label, for example "in-house team" or "external contract".
        running_costs: running costs by year (for buy: the contract price plus
            the authority's contract management).
        transition_costs: one-off costs of moving to this model, by year.
        risk_costs: the expected cost of the risks the authority keeps, by year.
        optimism_bias: optimism bias on operating expenditure, applied to running costs.
        benefits: monetised benefits, such as social value, by year.

    Examples:
        >>> buy = DeliveryCosts("contract", running_costs=Stream.of(100, 100),
        ...                     optimism_bias=OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX))
        >>> buy.total_costs.amounts
        (Decimal('141.00'), Decimal('141.00'))
    """

    name: str
    running_costs: Stream
    transition_costs: Stream = attrs.field(default=_NO_STREAM, kw_only=True)
    risk_costs: Stream = attrs.field(default=_NO_STREAM, kw_only=True)
    optimism_bias: OptimismBias | None = attrs.field(default=None, kw_only=True)
    benefits: Stream = attrs.field(default=_NO_STREAM, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "a name (str)"):
            check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        for field in ("running_costs", "transition_costs", "risk_costs", "benefits"):
            check.type(field, getattr(self, field), Stream, "a Stream")
        if self.optimism_bias is not None and check.type(
            "optimism_bias", self.optimism_bias, OptimismBias, "an OptimismBias or None"
        ):
            check.that(
                self.optimism_bias.measure is BiasMeasure.OPEX,
                "optimism_bias",
                "optimism bias on operating expenditure",
                self.optimism_bias.measure,
            )
        check.done()

    @property
    def total_costs(self) -> Stream:
        """Running costs after optimism bias, plus transition and risk costs, by year.

        Examples:
            >>> DeliveryCosts("x", Stream.of(10), transition_costs=Stream.of(5), risk_costs=Stream.of(1)).total_costs.amounts
            (Decimal('16.00'),)
        """
        running = (
            self.running_costs
            if self.optimism_bias is None
            else self.optimism_bias.apply(self.running_costs)
        )
        return running.plus(self.transition_costs).plus(self.risk_costs)


@attrs.frozen
class MakeOrBuyDecision:
    """The make-or-buy comparison: both sides' value for money, the choice and why.

    Attributes:
        make: the in-house side's costs.
        buy: the external side's costs.
        make_value: value for money of making.
        buy_value: value for money of buying.
        decision: the side with the higher NPSV (ties go to the lower present
            value of costs, then to make).
        margin: how far the chosen side's NPSV exceeds the other's.
        switching_value: the fractional rise in the chosen side's present value of
            costs that would make the two equal (``margin / PV costs``), or
            ``None`` when its present value of costs is not positive.
        rationale: the reasons, in words.
        edition: the Green Book edition followed.
        uses_unconfirmed_rate: whether any discount rate used is UNCONFIRMED.

    Examples:
        >>> decision = make_or_buy(make=DeliveryCosts("team", Stream.of(100)),
        ...                        buy=DeliveryCosts("contract", Stream.of(90), transition_costs=Stream.of(20)))
        >>> decision.decision, decision.margin
        (DeliveryModel.MAKE, Decimal('10.00'))
    """

    make: DeliveryCosts
    buy: DeliveryCosts
    make_value: ValueForMoney
    buy_value: ValueForMoney
    decision: DeliveryModel
    margin: Decimal
    switching_value: Decimal | None
    rationale: str
    edition: Edition
    uses_unconfirmed_rate: bool

    @property
    def chosen(self) -> DeliveryCosts:
        """The chosen side's costs.

        Examples:
            >>> make_or_buy(make=DeliveryCosts("team", Stream.of(1)), buy=DeliveryCosts("c", Stream.of(2))).chosen.name
            'team'
        """
        return self.make if self.decision is DeliveryModel.MAKE else self.buy

    @property
    def route(self) -> str:
        """The delivery route in the commissioning cycle's words: ``"in-house"`` or ``"external procurement"``.

        Examples:
            >>> make_or_buy(make=DeliveryCosts("team", Stream.of(2)), buy=DeliveryCosts("c", Stream.of(1))).route
            'external procurement'
        """
        return "in-house" if self.decision is DeliveryModel.MAKE else "external procurement"

    @property
    def whole_life_cost(self) -> Decimal:
        """The chosen side's costs over the whole period, undiscounted (real base-year pounds).

        What approval and procurement thresholds are judged on, rather than a present value.

        Examples:
            >>> make_or_buy(make=DeliveryCosts("team", Stream.of(2, 2)), buy=DeliveryCosts("c", Stream.of(9))).whole_life_cost
            Decimal('4.00')
        """
        return self.chosen.total_costs.total

    def _repr_html_(self) -> str:
        rows = [
            (label, side.name, money(value.pv_costs), money(value.pv_benefits), money(value.npsv))
            for label, side, value in (
                ("make", self.make, self.make_value),
                ("buy", self.buy, self.buy_value),
            )
        ]
        return html_table(
            f"Make or buy: {self.decision.value} ({self.edition.value}). {self.rationale}",
            ("side", "name", "PV costs", "PV benefits", "NPSV"),
            rows,
        )


def make_or_buy(
    *, make: DeliveryCosts, buy: DeliveryCosts, schedule: DiscountSchedule | None = None
) -> MakeOrBuyDecision:
    """Compare making with buying under a discount schedule (the standard one by default).

    Examples:
        >>> decision = make_or_buy(
        ...     make=DeliveryCosts("in-house team", Stream.constant(100_000, years=5)),
        ...     buy=DeliveryCosts("external contract", Stream.constant(80_000, years=5),
        ...                       transition_costs=Stream.of(30_000), risk_costs=Stream.constant(2_000, years=5)),
        ... )
        >>> decision.decision, decision.margin
        (DeliveryModel.BUY, Decimal('54115.42'))
        >>> print(decision.rationale)
        buy ('external contract') has the higher NPSV: -£413,192.50 against -£467,307.92 for make ('in-house team'), a margin of £54,115.42; its present value of costs would have to rise by 13.10% to switch (standard schedule, Green Book (February 2026)).
    """
    check = Checker()
    check.type("make", make, DeliveryCosts, "the in-house side's DeliveryCosts")
    check.type("buy", buy, DeliveryCosts, "the external side's DeliveryCosts")
    check.done()
    if schedule is None:
        schedule = DiscountSchedule.standard()
    elif not isinstance(schedule, DiscountSchedule):
        raise InvalidInputType(
            [Problem("schedule", "a DiscountSchedule or None", schedule, "type")]
        )
    make_value = schedule.appraise(costs=make.total_costs, benefits=make.benefits)
    buy_value = schedule.appraise(costs=buy.total_costs, benefits=buy.benefits)
    key_make = (make_value.npsv, -make_value.pv_costs, 1)
    key_buy = (buy_value.npsv, -buy_value.pv_costs, 0)
    decision = DeliveryModel.MAKE if key_make >= key_buy else DeliveryModel.BUY
    chosen, other = (
        (make_value, buy_value) if decision is DeliveryModel.MAKE else (buy_value, make_value)
    )
    chosen_side, other_side = (make, buy) if decision is DeliveryModel.MAKE else (buy, make)
    other_model = DeliveryModel.BUY if decision is DeliveryModel.MAKE else DeliveryModel.MAKE
    margin = chosen.npsv - other.npsv
    switching = CONTEXT.divide(margin, chosen.pv_costs) if chosen.pv_costs > 0 else None

    switch_text = (
        f"; its present value of costs would have to rise by {switching * 100:.2f}% to switch"
        if switching is not None
        else ""
    )
    rationale = (
        f"{decision.value} ({chosen_side.name!r}) has the higher NPSV: {money(chosen.npsv)} against "
        f"{money(other.npsv)} for {other_model.value} ({other_side.name!r}), a margin of {money(margin)}"
        f"{switch_text} ({schedule.name} schedule, {schedule.edition.value})."
    )
    if margin == 0:
        rationale = (
            f"make and buy tie on NPSV ({money(chosen.npsv)}); {decision.value} is chosen for its "
            f"lower or equal present value of costs ({schedule.name} schedule, {schedule.edition.value})."
        )
    return MakeOrBuyDecision(
        make=make,
        buy=buy,
        make_value=make_value,
        buy_value=buy_value,
        decision=decision,
        margin=margin,
        switching_value=switching,
        rationale=rationale,
        edition=schedule.edition,
        uses_unconfirmed_rate=make_value.uses_unconfirmed_rate or buy_value.uses_unconfirmed_rate,
    )
