"""The options appraisal: every short-listed option appraised, a preferred option and why.

Implements the reference's "Options appraisal" section (``green-book.md``):
each option's costs and benefits discounted with one formulation across all
options, NPSV and BCR reported, the edition recorded; NPSV at the reduced
rates as well where a comparison schedule is given (for very large or
irreversible transfers between generations, "report NPSV at both rates").

The result, [`OptionsAppraisal`][commissioning.appraisal.OptionsAppraisal], is a plain value: the options
considered, the preferred option and the rationale, which the commissioning
cycle takes as its options (and make-or-buy) evidence. The preferred option
is the one with the highest NPSV (or the highest weighted score, if asked);
the benefit-cost ratio is reported but never used as a pass/fail test, as
the February 2026 edition warns.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput
from .._validation import Checker
from ._discounting import DiscountSchedule, Edition, ValueForMoney
from ._make_or_buy import MakeOrBuyDecision
from ._numbers import CONTEXT
from ._options import Option, OptionRole, OptionsFramework, ShortList
from ._repr import html_table, money
from ._scoring import ScoreCard
from ._tables import frame

__all__ = ["Basis", "OptionResult", "OptionsAppraisal", "SwitchingValue", "appraise_options"]


class Basis(enum.Enum):
    """What the preferred option is chosen on: net present social value or weighted score.

    Examples:
        >>> Basis.NPSV.value
        'net present social value'
    """

    NPSV = "net present social value"
    WEIGHTED_SCORE = "weighted score"

    def __repr__(self) -> str:
        return f"Basis.{self.name}"


@attrs.frozen
class OptionResult:
    """One option's appraisal: its value for money, weighted score and rank.

    Attributes:
        option: the option.
        value: its value for money under the appraisal's schedule.
        comparison: its value for money under the comparison schedule, if any.
        score: its weighted score out of 100, if the options were scored.
        rank: 1 for the preferred option, then in order on the basis.
        npsv_against_business_as_usual: its NPSV less business as usual's.

    Examples:
        >>> appraisal = appraise_options(ShortList.example())
        >>> appraisal.result("do minimum").rank
        2
    """

    option: Option
    value: ValueForMoney
    comparison: ValueForMoney | None
    score: Decimal | None
    rank: int
    npsv_against_business_as_usual: Decimal

    @property
    def name(self) -> str:
        """The option's name.

        Examples:
            >>> appraise_options(ShortList.example()).results[0].name
            'business as usual'
        """
        return self.option.name


@attrs.frozen
class SwitchingValue:
    """How far one option's costs or benefits must move for the preferred option to change.

    Attributes:
        option: the option whose costs or benefits move.
        quantity: ``"costs"`` or ``"benefits"``.
        direction: ``"rise"`` or ``"fall"``.
        change: the change as a fraction of the present value (``Decimal("0.1")``
            is 10%), or ``None`` when the present value is not positive.
        present_value: the present value before the change.
        switches_to: the option preferred once the change is reached.
        edition: the Green Book edition of the appraisal.

    Examples:
        >>> sv = appraise_options(ShortList.example()).switching_values()[0]
        >>> sv.option, sv.quantity, sv.direction, f"{sv.change:.4f}", sv.switches_to
        ('in-house reablement', 'costs', 'rise', '0.1096', 'do minimum')
    """

    option: str
    quantity: str
    direction: str
    change: Decimal | None
    present_value: Decimal
    switches_to: str
    edition: Edition

    def __str__(self) -> str:
        if self.change is None:
            return f"{self.option} {self.quantity}: no switching value (present value {money(self.present_value)})"
        return (
            f"{self.option} {self.quantity} would have to {self.direction} by {self.change * 100:.2f}% "
            f"(from {money(self.present_value)}) for {self.switches_to!r} to be preferred"
        )


@attrs.frozen
class OptionsAppraisal:
    """The appraisal of a short list: results per option, the preferred option and the rationale.

    Attributes:
        short_list: the short list appraised.
        results: one result per option, in short-list order.
        basis: what the preferred option was chosen on.
        preferred: the preferred option's name.
        rationale: why, in words (cite it as the options evidence).
        schedule: the discount schedule's name.
        edition: the Green Book edition followed.
        uses_unconfirmed_rate: whether any rate used is UNCONFIRMED.
        comparison_schedule: the comparison schedule's name, if any.
        scorecard: the weighted scores, if the options were scored.
        make_or_buy: the make-or-buy decision, if one was made.
        framework: the options framework (long list) the short list came from, if given.

    Examples:
        >>> appraisal = appraise_options(ShortList.example())
        >>> appraisal.preferred
        'in-house reablement'
        >>> appraisal.options_considered
        ('business as usual', 'do minimum', 'in-house reablement', 'outsourced reablement')
    """

    short_list: ShortList
    results: tuple[OptionResult, ...]
    basis: Basis
    preferred: str
    rationale: str
    schedule: str
    edition: Edition
    uses_unconfirmed_rate: bool
    comparison_schedule: str | None = None
    scorecard: ScoreCard | None = None
    make_or_buy: MakeOrBuyDecision | None = None
    framework: OptionsFramework | None = None

    @property
    def options_considered(self) -> tuple[str, ...]:
        """The names of the options appraised, in short-list order.

        Examples:
            >>> len(appraise_options(ShortList.example()).options_considered)
            4
        """
        return self.short_list.names

    @property
    def preferred_option(self) -> Option:
        """The preferred option itself.

        Examples:
            >>> appraise_options(ShortList.example()).preferred_option.role
            OptionRole.PREFERRED_WAY_FORWARD
        """
        return self.short_list.option(self.preferred)

    @property
    def ranking(self) -> tuple[str, ...]:
        """Option names from rank 1 down.

        Examples:
            >>> appraise_options(ShortList.example()).ranking[-1]
            'outsourced reablement'
        """
        return tuple(r.name for r in sorted(self.results, key=lambda r: r.rank))

    def result(self, name: str) -> OptionResult:
        """The result for the option called ``name``.

        Examples:
            >>> appraise_options(ShortList.example()).result("business as usual").npsv_against_business_as_usual
            Decimal('0.00')
        """
        for result in self.results:
            if result.name == name:
                return result
        raise InvalidInput.of("name", f"one of {list(self.options_considered)}", name)

    def considered(self) -> tuple[Mapping[str, str], ...]:
        """Each option considered, in short-list order, as ``name``, ``summary`` and ``rejected_because``.

        ``rejected_because`` is empty for the preferred option and says why
        each other option was set aside; the shape of the commissioning
        cycle's record of an option considered.

        Examples:
            >>> for row in appraise_options(ShortList.example()).considered()[:2]:
            ...     print(row["name"], "|", row["summary"], "|", row["rejected_because"])
            business as usual | business as usual: NPSV -£172,153.73, BCR 0.95, rank 3 of 4 | NPSV £715,460.44 below 'in-house reablement'
            do minimum | do-minimum: NPSV £86,076.87, BCR 1.02, rank 2 of 4 | NPSV £457,229.84 below 'in-house reablement'
        """
        best = self.result(self.preferred)
        rows = []
        for r in self.results:
            bcr = "n/a" if r.value.bcr_rounded is None else str(r.value.bcr_rounded)
            summary = (
                f"{r.option.role.value}: NPSV {money(r.value.npsv)}, BCR {bcr}, "
                f"rank {r.rank} of {len(self.results)}"
            )
            if r.score is not None:
                summary += f", weighted score {r.score:.1f}/100"
            rejected = "" if r.name == self.preferred else self._set_aside(best, r)
            rows.append(
                MappingProxyType({"name": r.name, "summary": summary, "rejected_because": rejected})
            )
        return tuple(rows)

    def _set_aside(self, best: OptionResult, other: OptionResult) -> str:
        if self.basis is Basis.NPSV:
            gap = best.value.npsv - other.value.npsv
            measure = f"NPSV {money(gap)}"
        else:
            gap = (best.score or Decimal(0)) - (other.score or Decimal(0))
            measure = f"weighted score {gap:.1f}"
        if gap > 0:
            return f"{measure} below {self.preferred!r}"
        return f"tied with {self.preferred!r} on {self.basis.value}; {self.preferred!r} won the tie-break"

    def evidence(self) -> Mapping[str, Any]:
        """A plain, read-only summary for the commissioning cycle's options and make-or-buy evidence.

        Keys: ``options_considered`` (names), ``options`` ([`considered`][commissioning.appraisal.OptionsAppraisal.considered]),
        ``preferred``, ``rationale``, ``basis``, ``edition``, ``schedule``,
        ``uses_unconfirmed_rate``, ``delivery_model`` (``"make"``, ``"buy"``
        or ``None``), ``delivery_route`` (``"in-house"``, ``"external
        procurement"`` or ``None``), ``whole_life_cost`` (the chosen side's
        undiscounted costs, or ``None``) and ``make_or_buy_rationale``.

        Examples:
            >>> appraise_options(ShortList.example()).evidence()["preferred"]
            'in-house reablement'
        """
        decision = self.make_or_buy
        return MappingProxyType(
            {
                "options_considered": self.options_considered,
                "options": self.considered(),
                "preferred": self.preferred,
                "rationale": self.rationale,
                "basis": self.basis.value,
                "edition": self.edition.value,
                "schedule": self.schedule,
                "uses_unconfirmed_rate": self.uses_unconfirmed_rate,
                "delivery_model": None if decision is None else decision.decision.value,
                "delivery_route": None if decision is None else decision.route,
                "whole_life_cost": None if decision is None else decision.whole_life_cost,
                "make_or_buy_rationale": None if decision is None else decision.rationale,
            }
        )

    def switching_values(self) -> tuple[SwitchingValue, ...]:
        """For each option's costs and benefits, the change that would alter the preferred option.

        The preferred option's costs rising (or benefits falling) until it
        ties with the best alternative; each other option's costs falling (or
        benefits rising) until it ties with the preferred option. Exact, on NPSV;
        appraisals chosen on weighted score have none (an error says so).

        Examples:
            >>> for sv in appraise_options(ShortList.example()).switching_values()[:2]:
            ...     print(sv)
            in-house reablement costs would have to rise by 10.96% (from £4,173,458.93) for 'do minimum' to be preferred
            in-house reablement benefits would have to fall by 9.69% (from £4,716,765.64) for 'do minimum' to be preferred
        """
        if self.basis is not Basis.NPSV:
            raise InvalidInput.of(
                "basis", "an appraisal chosen on NPSV (switching values are on NPSV)", self.basis
            )
        best = self.result(self.preferred)
        others = [r for r in self.results if r.name != self.preferred]
        runner_up = max(others, key=lambda r: r.value.npsv)
        gap = best.value.npsv - runner_up.value.npsv
        found = [
            _switch(
                best.name, "costs", "rise", gap, best.value.pv_costs, runner_up.name, self.edition
            ),
            _switch(
                best.name,
                "benefits",
                "fall",
                gap,
                best.value.pv_benefits,
                runner_up.name,
                self.edition,
            ),
        ]
        for other in sorted(others, key=lambda r: r.rank):
            behind = best.value.npsv - other.value.npsv
            found.append(
                _switch(
                    other.name,
                    "costs",
                    "fall",
                    behind,
                    other.value.pv_costs,
                    other.name,
                    self.edition,
                )
            )
            found.append(
                _switch(
                    other.name,
                    "benefits",
                    "rise",
                    behind,
                    other.value.pv_benefits,
                    other.name,
                    self.edition,
                )
            )
        return tuple(found)

    def to_rows(self) -> tuple[Mapping[str, Any], ...]:
        """One row per option, in rank order: role, present values, NPSV, BCR, score.

        Examples:
            >>> appraise_options(ShortList.example()).to_rows()[0]["option"]
            'in-house reablement'
        """
        rows = []
        for r in sorted(self.results, key=lambda r: r.rank):
            row: dict[str, Any] = {
                "option": r.name,
                "role": r.option.role.value,
                "rank": r.rank,
                "pv_costs": r.value.pv_costs,
                "pv_benefits": r.value.pv_benefits,
                "npsv": r.value.npsv,
                "bcr": r.value.bcr_rounded,
                "npsv_against_bau": r.npsv_against_business_as_usual,
            }
            if r.comparison is not None:
                row[f"npsv_{self.comparison_schedule}"] = r.comparison.npsv
            if r.score is not None:
                row["score"] = r.score
            rows.append(MappingProxyType(row))
        return tuple(rows)

    def to_frame(self, *, exact: bool = False) -> Any:
        """The rows as a pandas DataFrame indexed by option (needs the ``pandas`` extra).

        Pounds are floats, ready to plot; ``exact=True`` keeps them ``Decimal``.

        Examples:
            >>> table = appraise_options(ShortList.example()).to_frame()
            >>> table.shape, list(table.index)[0]
            ((4, 7), 'in-house reablement')
            >>> table.loc["in-house reablement", "role"]
            'preferred way forward'
            >>> str(table["npsv"].dtype), type(appraise_options(ShortList.example()).to_frame(exact=True).iloc[0]["npsv"]).__name__
            ('float64', 'Decimal')
        """
        return frame(self.to_rows(), index="option", exact=exact)

    def _repr_html_(self) -> str:
        headers = [
            "rank",
            "option",
            "role",
            "PV costs",
            "PV benefits",
            "NPSV",
            "BCR",
            "NPSV vs BAU",
        ]
        if self.comparison_schedule is not None:
            headers.append(f"NPSV ({self.comparison_schedule})")
        if self.scorecard is not None:
            headers.append("score /100")
        rows = []
        for r in sorted(self.results, key=lambda r: r.rank):
            row = [
                r.rank,
                r.name,
                r.option.role.value,
                money(r.value.pv_costs),
                money(r.value.pv_benefits),
                money(r.value.npsv),
                "n/a" if r.value.bcr_rounded is None else r.value.bcr_rounded,
                money(r.npsv_against_business_as_usual),
            ]
            if r.comparison is not None:
                row.append(money(r.comparison.npsv))
            if r.score is not None:
                row.append(f"{r.score:.1f}")
            rows.append(row)
        return html_table(f"Options appraisal: {self.rationale}", headers, rows)


def _switch(
    option: str, quantity: str, direction: str, gap: Decimal, pv: Decimal, to: str, edition: Edition
) -> SwitchingValue:
    change = CONTEXT.divide(gap, pv) if pv > 0 else None
    return SwitchingValue(option, quantity, direction, change, pv, to, edition)


def appraise_options(
    short_list: ShortList,
    *,
    schedule: DiscountSchedule | None = None,
    comparison_schedule: DiscountSchedule | None = None,
    scorecard: ScoreCard | None = None,
    basis: Basis = Basis.NPSV,
    make_or_buy: MakeOrBuyDecision | None = None,
    framework: OptionsFramework | None = None,
) -> OptionsAppraisal:
    """Appraise every option on the short list and choose the preferred one, with the rationale.

    Args:
        short_list: the short list (its rule already enforced).
        schedule: the discount schedule (the standard one by default).
        comparison_schedule: a second schedule to report NPSV at as well
            (the reduced one, for transfers between generations).
        scorecard: weighted scores of every short-listed option, if scored.
        basis: choose on NPSV (default) or on weighted score (needs a scorecard).
        make_or_buy: the make-or-buy decision to carry as evidence, if made.
        framework: the options framework the short list came from; if given,
            the short list is checked against it.

    A tie on the basis is broken by the other measure (NPSV or score), then
    by short-list order. A make-or-buy decision must follow the same edition.

    Examples:
        >>> appraisal = appraise_options(ShortList.example())
        >>> print(appraisal.rationale)
        'in-house reablement' is preferred on net present social value: £543,306.71 (BCR 1.13), £457,229.84 above the next best, 'do minimum' (£86,076.87); £715,460.44 above business as usual. It is the preferred way forward from the long list. Discounted with the standard schedule (Green Book (February 2026)).
    """
    check = Checker()
    check.type("short_list", short_list, ShortList, "a ShortList")
    check.type("basis", basis, Basis, "a Basis")
    for field, value, kind in (
        ("schedule", schedule, DiscountSchedule),
        ("comparison_schedule", comparison_schedule, DiscountSchedule),
        ("scorecard", scorecard, ScoreCard),
        ("make_or_buy", make_or_buy, MakeOrBuyDecision),
        ("framework", framework, OptionsFramework),
    ):
        if value is not None:
            check.type(field, value, kind, f"a {kind.__name__} or None")
    check.done()
    if basis is Basis.WEIGHTED_SCORE:
        check.that(
            scorecard is not None, "scorecard", "a ScoreCard (the basis is weighted score)", None
        )
    if scorecard is not None:
        scored = set(scorecard.scores)
        names = set(short_list.names)
        check.that(
            scored == names,
            "scorecard",
            f"scores for exactly the short-listed options {sorted(names)}",
            sorted(scored),
        )
    check.done()
    if framework is not None:
        framework.shortlist(*short_list.options)
    schedule = DiscountSchedule.standard() if schedule is None else schedule
    if make_or_buy is not None and make_or_buy.edition is not schedule.edition:
        raise InvalidInput.of(
            "make_or_buy",
            f"a decision made under the same edition ({schedule.edition.value})",
            make_or_buy.edition.value,
        )

    values = {o.name: o.appraise(schedule) for o in short_list.options}
    comparisons = (
        {o.name: o.appraise(comparison_schedule) for o in short_list.options}
        if comparison_schedule
        else {}
    )
    totals = scorecard.totals if scorecard is not None else {}
    order = {name: i for i, name in enumerate(short_list.names)}

    def key(name: str) -> tuple[Decimal, Decimal, int]:
        npsv = values[name].npsv
        score = totals.get(name, Decimal(0))
        first, second = (npsv, score) if basis is Basis.NPSV else (score, npsv)
        return (-first, -second, order[name])

    ranked = sorted(short_list.names, key=key)
    preferred = ranked[0]
    bau = short_list.with_role(OptionRole.BUSINESS_AS_USUAL)[0].name
    results = tuple(
        OptionResult(
            option=o,
            value=values[o.name],
            comparison=comparisons.get(o.name),
            score=totals.get(o.name),
            rank=ranked.index(o.name) + 1,
            npsv_against_business_as_usual=values[o.name].npsv - values[bau].npsv,
        )
        for o in short_list.options
    )
    unconfirmed = any(v.uses_unconfirmed_rate for v in (*values.values(), *comparisons.values()))
    rationale = _rationale(
        short_list,
        ranked=ranked,
        values=values,
        comparisons=comparisons,
        totals=totals,
        basis=basis,
        schedule=schedule,
        comparison_schedule=comparison_schedule,
        unconfirmed=unconfirmed,
        make_or_buy=make_or_buy,
    )
    return OptionsAppraisal(
        short_list=short_list,
        results=results,
        basis=basis,
        preferred=preferred,
        rationale=rationale,
        schedule=schedule.name,
        edition=schedule.edition,
        uses_unconfirmed_rate=unconfirmed
        or (make_or_buy is not None and make_or_buy.uses_unconfirmed_rate),
        comparison_schedule=None if comparison_schedule is None else comparison_schedule.name,
        scorecard=scorecard,
        make_or_buy=make_or_buy,
        framework=framework,
    )


def _rationale(
    short_list: ShortList,
    *,
    ranked: list[str],
    values: Mapping[str, ValueForMoney],
    comparisons: Mapping[str, ValueForMoney],
    totals: Mapping[str, Decimal],
    basis: Basis,
    schedule: DiscountSchedule,
    comparison_schedule: DiscountSchedule | None,
    unconfirmed: bool,
    make_or_buy: MakeOrBuyDecision | None,
) -> str:
    best, second = ranked[0], ranked[1]
    v, w = values[best], values[second]
    bcr = "" if v.bcr_rounded is None else f" (BCR {v.bcr_rounded})"
    bau = short_list.with_role(OptionRole.BUSINESS_AS_USUAL)[0].name
    parts = []
    if basis is Basis.NPSV:
        parts.append(
            f"{best!r} is preferred on net present social value: {money(v.npsv)}{bcr}, "
            f"{money(v.npsv - w.npsv)} above the next best, {second!r} ({money(w.npsv)})"
            + (
                ""
                if best == bau
                else f"; {money(v.npsv - values[bau].npsv)} above business as usual"
            )
            + "."
        )
        if totals:
            top = max(totals, key=lambda o: totals[o])
            parts.append(
                f"Its weighted score is {totals[best]:.1f}/100"
                + (
                    " (the highest)."
                    if top == best or totals[top] == totals[best]
                    else f"; {top!r} scores higher ({totals[top]:.1f})."
                )
            )
    else:
        parts.append(
            f"{best!r} is preferred on weighted score: {totals[best]:.1f}/100 against {totals[second]:.1f} "
            f"for {second!r}. Its NPSV is {money(v.npsv)}{bcr}."
        )
    preferred_way_forward = short_list.with_role(OptionRole.PREFERRED_WAY_FORWARD)[0].name
    if best == preferred_way_forward:
        parts.append("It is the preferred way forward from the long list.")
    else:
        parts.append(
            f"It differs from the preferred way forward from the long list ({preferred_way_forward!r})."
        )
    if comparison_schedule is not None:
        cbest = max(comparisons, key=lambda o: comparisons[o].npsv)
        parts.append(
            f"At the {comparison_schedule.name} rates its NPSV is {money(comparisons[best].npsv)}"
            + (
                "; it is still the highest."
                if comparisons[cbest].npsv == comparisons[best].npsv
                else f"; {cbest!r} is then higher."
            )
        )
    if make_or_buy is not None:
        parts.append(f"Make or buy: {make_or_buy.rationale}")
    parts.append(
        f"Discounted with the {schedule.name} schedule ({schedule.edition.value})"
        + ("; an UNCONFIRMED discount rate was used." if unconfirmed else ".")
    )
    return " ".join(parts)
