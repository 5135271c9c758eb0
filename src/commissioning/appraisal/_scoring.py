"""Multi-criteria weighted scoring, with a social value weighting where the rule applies.

Implements the social value rules in the reference (``procurement.md``,
"Social value"; ``green-book.md``, "Social value measurement"): central
government gives social value at least 10% of the award weighting (PPN 06/20
from 1 January 2021; PPN 002 under the Procurement Act, whose date the
reference marks UNCONFIRMED). PA s.23 requires the criteria to show their
relative importance, so weights are explicit and sum to 100.

Other bodies (a council applying the Public Services (Social Value) Act 2012
s.1(3), which requires consideration, not a weighting) may set their own
minimum, or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput
from .._validation import Checker
from ._numbers import CONTEXT, as_decimal
from ._repr import html_table
from ._tables import frame

__all__ = ["CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM", "Criterion", "ScoreCard", "ScoringScheme"]

#: The minimum social value weighting for central government, per cent (PPN 06/20).
CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM = Decimal(10)

_HUNDRED = Decimal(100)


@attrs.frozen
class Criterion:
    """One award or appraisal criterion, its weight (per cent) and whether it measures social value.

    Attributes:
        name: the criterion.
        weight: its weight, per cent of the total (weights sum to 100).
        social_value: whether it counts toward the social value weighting.

    Examples:
        >>> Criterion.of("local jobs", 10, social_value=True).weight
        Decimal('10')
    """

    name: str
    weight: Decimal
    social_value: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "a criterion name (str)"):
            check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        if check.type("weight", self.weight, Decimal, "a Decimal weight, per cent"):
            check.that(
                self.weight.is_finite() and self.weight > 0,
                "weight",
                "a weight above 0 per cent",
                self.weight,
            )
        check.type("social_value", self.social_value, bool, "a bool")
        check.done()

    @classmethod
    def of(cls, name: str, weight: Decimal | int | str, *, social_value: bool = False) -> Criterion:
        """Build a criterion from a weight given as Decimal, int or str.

        Examples:
            >>> Criterion.of("quality", "60").weight
            Decimal('60')
        """
        return cls(name, as_decimal(weight, field="weight"), social_value=social_value)


@attrs.frozen
class ScoringScheme:
    """Weighted criteria for scoring options, and the minimum social value weighting that applies.

    Attributes:
        criteria: the criteria; names unique, weights summing to 100.
        social_value_minimum: the least total weight (per cent) the social
            value criteria must carry, or ``None`` where no such rule applies.
        top_score: the highest score on each criterion (scores run from 0).

    Examples:
        >>> scheme = ScoringScheme.central_government(
        ...     [Criterion.of("cost", 50), Criterion.of("quality", 45), Criterion.of("social value", 5, social_value=True)]
        ... )
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: criteria: expected social value criteria weighted at least 10% in total (central government, PPN 06/20), received '5%'
    """

    criteria: tuple[Criterion, ...]
    social_value_minimum: Decimal | None = None
    top_score: int = 10

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("criteria", self.criteria, tuple, "a tuple of Criterion"):
            for i, c in enumerate(self.criteria):
                check.type(f"criteria[{i}]", c, Criterion, "a Criterion")
        if self.social_value_minimum is not None and check.type(
            "social_value_minimum",
            self.social_value_minimum,
            Decimal,
            "a Decimal percentage or None",
        ):
            check.that(
                0 <= self.social_value_minimum <= _HUNDRED,
                "social_value_minimum",
                "a percentage from 0 to 100",
                self.social_value_minimum,
            )
        if check.type("top_score", self.top_score, int, "the highest score (int)"):
            check.that(self.top_score > 0, "top_score", "a highest score above 0", self.top_score)
        check.done()
        check.that(bool(self.criteria), "criteria", "at least one criterion", self.criteria)
        names = [c.name for c in self.criteria]
        for i, name in enumerate(names):
            check.that(
                name not in names[:i], f"criteria[{i}].name", "a unique criterion name", name
            )
        total = sum((c.weight for c in self.criteria), Decimal(0))
        check.that(total == _HUNDRED, "criteria", "weights that sum to 100 (per cent)", f"{total}%")
        check.done()
        if self.social_value_minimum is not None:
            social = self.social_value_weight
            check.that(
                social >= self.social_value_minimum,
                "criteria",
                f"social value criteria weighted at least {self.social_value_minimum}% in total"
                + (
                    " (central government, PPN 06/20)"
                    if self.social_value_minimum == CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM
                    else ""
                ),
                f"{social}%",
            )
        check.done()

    @classmethod
    def central_government(
        cls, criteria: Iterable[Criterion], *, top_score: int = 10
    ) -> ScoringScheme:
        """A scheme under the central government rule: social value at least 10% of the weighting.

        Examples:
            >>> ScoringScheme.central_government(
            ...     [Criterion.of("value", 90), Criterion.of("jobs", 10, social_value=True)]
            ... ).social_value_weight
            Decimal('10')
        """
        return cls(tuple(criteria), CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM, top_score)

    @classmethod
    def of(
        cls,
        criteria: Iterable[Criterion],
        *,
        social_value_minimum: Decimal | int | str | None = None,
        top_score: int = 10,
    ) -> ScoringScheme:
        """A scheme with your own minimum social value weighting (or none).

        Examples:
            >>> ScoringScheme.of([Criterion.of("outcomes", 100)]).social_value_weight
            Decimal('0')
        """
        minimum = (
            None
            if social_value_minimum is None
            else as_decimal(social_value_minimum, field="social_value_minimum")
        )
        return cls(tuple(criteria), minimum, top_score)

    @property
    def social_value_weight(self) -> Decimal:
        """The total weight of the social value criteria, per cent.

        Examples:
            >>> ScoringScheme.of([Criterion.of("a", 80), Criterion.of("b", 20, social_value=True)]).social_value_weight
            Decimal('20')
        """
        return sum((c.weight for c in self.criteria if c.social_value), Decimal(0))

    def score(self, scores: Mapping[str, Mapping[str, Decimal | int | str]]) -> ScoreCard:
        """Weight each option's scores: ``sum(weight * score / top_score)``, out of 100.

        Args:
            scores: for each option, a score from 0 to ``top_score`` on every criterion.

        Examples:
            >>> scheme = ScoringScheme.of([Criterion.of("quality", 70), Criterion.of("jobs", 30, social_value=True)])
            >>> card = scheme.score({"a": {"quality": 8, "jobs": 5}, "b": {"quality": 6, "jobs": 10}})
            >>> card.totals["a"], card.ranking
            (Decimal('71'), ('b', 'a'))
        """
        check = Checker()
        if not check.type(
            "scores", scores, Mapping, "a mapping of option name to criterion scores"
        ):
            check.done()
        names = [c.name for c in self.criteria]
        parsed: dict[str, dict[str, Decimal]] = {}
        for option, row in scores.items():
            if not check.type("scores", option, str, "option names (str)") or not check.type(
                f"scores[{option!r}]", row, Mapping, "a mapping of criterion to score"
            ):
                continue
            extra = sorted(set(row) - set(names), key=str)
            check.that(not extra, f"scores[{option!r}]", f"only the criteria {names}", extra)
            parsed[option] = {}
            for name in names:
                field = f"scores[{option!r}][{name!r}]"
                if not check.that(name in row, field, f"a score from 0 to {self.top_score}", None):
                    continue
                try:
                    value = as_decimal(row[name], field=field)
                except InvalidInput as error:
                    check.extend(error)
                    continue
                if check.that(
                    0 <= value <= self.top_score,
                    field,
                    f"a score from 0 to {self.top_score}",
                    row[name],
                ):
                    parsed[option][name] = value
        check.that(bool(scores), "scores", "at least one option", scores)
        check.done()
        return ScoreCard(
            self,
            MappingProxyType({o: MappingProxyType(dict(s)) for o, s in parsed.items()}),
        )


@attrs.frozen
class ScoreCard:
    """Options' scores on a scheme, with weighted totals out of 100 and a ranking.

    Attributes:
        scheme: the scoring scheme.
        scores: each option's score on each criterion.

    Examples:
        >>> scheme = ScoringScheme.of([Criterion.of("q", 100)])
        >>> scheme.score({"x": {"q": 7}}).totals["x"]
        Decimal('70')
    """

    scheme: ScoringScheme
    scores: Mapping[str, Mapping[str, Decimal]]

    @property
    def totals(self) -> Mapping[str, Decimal]:
        """Each option's weighted total, out of 100.

        Examples:
            >>> ScoringScheme.of([Criterion.of("q", 100)]).score({"x": {"q": 5}}).totals["x"]
            Decimal('50')
        """
        top = Decimal(self.scheme.top_score)
        totals = {}
        for option, row in self.scores.items():
            total = Decimal(0)
            for c in self.scheme.criteria:
                total = CONTEXT.add(
                    total, CONTEXT.divide(CONTEXT.multiply(c.weight, row[c.name]), top)
                )
            totals[option] = total
        return MappingProxyType(totals)

    @property
    def ranking(self) -> tuple[str, ...]:
        """Options from the highest weighted total to the lowest (ties keep the order given).

        Examples:
            >>> ScoringScheme.of([Criterion.of("q", 100)]).score({"x": {"q": 5}, "y": {"q": 6}}).ranking
            ('y', 'x')
        """
        totals = self.totals
        return tuple(sorted(totals, key=lambda o: -totals[o]))

    def social_value_total(self, option: str) -> Decimal:
        """The part of ``option``'s total earned on social value criteria, out of 100.

        Examples:
            >>> scheme = ScoringScheme.of([Criterion.of("q", 90), Criterion.of("sv", 10, social_value=True)])
            >>> scheme.score({"x": {"q": 5, "sv": 10}}).social_value_total("x")
            Decimal('10')
        """
        row = self.scores[option]
        top = Decimal(self.scheme.top_score)
        return sum(
            (
                CONTEXT.divide(CONTEXT.multiply(c.weight, row[c.name]), top)
                for c in self.scheme.criteria
                if c.social_value
            ),
            Decimal(0),
        )

    def to_rows(self) -> tuple[Mapping[str, Any], ...]:
        """One row per option: each criterion's score, then the weighted total.

        Examples:
            >>> ScoringScheme.of([Criterion.of("q", 100)]).score({"x": {"q": 5}}).to_rows()[0]["total"]
            Decimal('50')
        """
        totals = self.totals
        return tuple(
            MappingProxyType({"option": o, **dict(self.scores[o]), "total": totals[o]})
            for o in self.ranking
        )

    def to_frame(self, *, exact: bool = False) -> Any:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra).

        Scores are floats, ready to plot; ``exact=True`` keeps them ``Decimal``.

        Examples:
            >>> card = ScoringScheme.of([Criterion.of("q", 100)]).score({"x": {"q": 5}})
            >>> list(card.to_frame().columns), float(card.to_frame().loc["x", "total"])
            (['q', 'total'], 50.0)
            >>> card.to_frame(exact=True).loc["x", "total"]
            Decimal('50')
        """
        return frame(self.to_rows(), index="option", exact=exact)

    def _repr_html_(self) -> str:
        headers = (
            "option",
            *(
                f"{c.name} ({c.weight}%{', SV' if c.social_value else ''})"
                for c in self.scheme.criteria
            ),
            "total /100",
        )
        rows = [
            (r["option"], *(r[c.name] for c in self.scheme.criteria), f"{r['total']:.1f}")
            for r in self.to_rows()
        ]
        return html_table("Weighted scores (SV = social value)", headers, rows)
