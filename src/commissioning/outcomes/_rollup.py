"""Roll-ups: from measure statuses to an outcome's status and a framework's, by a stated rule.

No law or standard fixes how measure statuses combine; the rule is data
([`RollupRule`][commissioning.outcomes.RollupRule]) and every result says which rule it used.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ._common import as_value
from ._framework import OutcomeFramework
from ._judgements import MeasureStatus, Rag, RatingBands, measure_status
from ._observations import ObservationLog
from ._repr import html_table

__all__ = ["FrameworkRollup", "OutcomeRollup", "RollupMethod", "RollupRule", "rollup"]


class RollupMethod(enum.Enum):
    """How statuses combine.

    Examples:
        >>> RollupMethod("worst-of")
        <RollupMethod.WORST_OF: 'worst-of'>
    """

    WORST_OF = "worst-of"
    WEIGHTED = "weighted"


@attrs.frozen
class RollupRule:
    """A roll-up rule: worst-of (the default) or a weighted mean of RAG scores.

    Weighted: each contributor scores red 0, amber 1, green 2; the weighted mean
    (weights by measure or child-outcome id, default 1) is green at or above
    ``green_from`` (default 1.5), amber at or above ``amber_from`` (default 0.5),
    red below. Contributors without a status are left out and listed as missing.

    Attributes:
        method: worst-of or weighted.
        weights: weights by contributor id (measure or child outcome); default 1.
        green_from: the lowest weighted score that is green.
        amber_from: the lowest weighted score that is amber.

    Examples:
        >>> RollupRule.weighted({"2B": 2}).describe()
        'weighted mean of RAG scores (red 0, amber 1, green 2; weights 2B=2, others 1): green from 1.5, amber from 0.5, red below'
    """

    method: RollupMethod = RollupMethod.WORST_OF
    weights: Mapping[str, Decimal] = attrs.field(factory=lambda: MappingProxyType({}))
    green_from: Decimal = Decimal("1.5")
    amber_from: Decimal = Decimal("0.5")

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("method", self.method, RollupMethod, "a RollupMethod")
        if check.type("weights", self.weights, Mapping, "a mapping of id to weight"):
            for k, v in self.weights.items():
                if check.type(f"weights[{k!r}]", v, Decimal, "a Decimal"):
                    check.that(
                        v.is_finite() and v >= 0, f"weights[{k!r}]", "a non-negative weight", v
                    )
        for name in ("green_from", "amber_from"):
            check.type(name, getattr(self, name), Decimal, "a Decimal")
        check.done()
        if not isinstance(self.weights, MappingProxyType):
            object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        if not Decimal(0) <= self.amber_from <= self.green_from <= Decimal(2):
            raise InvalidInput.of(
                "green_from", "0 <= amber_from <= green_from <= 2", self.green_from
            )

    @classmethod
    def worst_of(cls) -> RollupRule:
        """The worst status among contributors (the default, and the cautious reading).

        Examples:
            >>> RollupRule.worst_of().describe()
            'worst-of: the worst RAG status among the contributors'
        """
        return cls()

    @classmethod
    def weighted(
        cls,
        weights: Mapping[str, Any] | None = None,
        *,
        green_from: Any = "1.5",
        amber_from: Any = "0.5",
    ) -> RollupRule:
        """A weighted mean of RAG scores; weights may be plain numbers.

        Examples:
            >>> RollupRule.weighted({"a": 3}).weights["a"]
            Decimal('3')
        """
        return cls(
            RollupMethod.WEIGHTED,
            MappingProxyType(
                {k: as_value(v, field=f"weights[{k!r}]") for k, v in (weights or {}).items()}
            ),
            as_value(green_from, field="green_from"),
            as_value(amber_from, field="amber_from"),
        )

    def weight(self, contributor: str) -> Decimal:
        """The weight of a contributor (default 1)."""
        return self.weights.get(contributor, Decimal(1))

    def describe(self) -> str:
        """The rule in words."""
        if self.method is RollupMethod.WORST_OF:
            return "worst-of: the worst RAG status among the contributors"
        listed = ", ".join(f"{k}={v}" for k, v in sorted(self.weights.items()))
        weights = f"weights {listed}, others 1" if listed else "equal weights"
        return (
            f"weighted mean of RAG scores (red 0, amber 1, green 2; {weights}): "
            f"green from {self.green_from}, amber from {self.amber_from}, red below"
        )

    def combine(self, statuses: Mapping[str, Rag]) -> tuple[Rag | None, Decimal | None]:
        """Combine contributors' statuses; returns the status and, for weighted, the score.

        Examples:
            >>> RollupRule.worst_of().combine({"a": Rag.GREEN, "b": Rag.AMBER})
            (<Rag.AMBER: 'amber'>, None)
        """
        if not statuses:
            return (None, None)
        if self.method is RollupMethod.WORST_OF:
            return (min(statuses.values(), key=lambda r: r.score), None)
        total = sum((self.weight(k) for k in statuses), Decimal(0))
        if total == 0:
            return (None, None)
        score = sum((self.weight(k) * r.score for k, r in statuses.items()), Decimal(0)) / total
        status = (
            Rag.GREEN
            if score >= self.green_from
            else Rag.AMBER
            if score >= self.amber_from
            else Rag.RED
        )
        return (status, score)


@attrs.frozen
class OutcomeRollup:
    """An outcome's rolled-up status.

    Attributes:
        outcome_id: the outcome.
        status: the combined RAG status (``None`` when no contributor has one).
        score: the weighted score, for weighted rules.
        contributors: each contributor's status (measures by id, child outcomes by id).
        missing: contributors without a status.
        rule: the rule, in words.

    Examples:
        >>> OutcomeRollup("o", Rag.AMBER, None, {"a": Rag.AMBER}, ("b",), "worst-of").missing
        ('b',)
    """

    outcome_id: str
    status: Rag | None
    score: Decimal | None
    contributors: Mapping[str, Rag]
    missing: tuple[str, ...]
    rule: str


@attrs.frozen
class FrameworkRollup:
    """Every outcome's roll-up and every measure's status on a date, plus the framework's overall status.

    Attributes:
        on: the date.
        status: the framework's overall status (its top outcomes combined by the rule).
        outcomes: each outcome's roll-up, by id.
        measures: each measure's status, by id.
        rule: the rule, in words.

    Examples:
        >>> import pendulum
        >>> r = rollup(OutcomeFramework("empty"),
        ...     ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0], on=pendulum.Date(2026, 1, 1))
        >>> r.status is None, r.rule
        (True, 'worst-of: the worst RAG status among the contributors')
    """

    on: dt.date
    status: Rag | None
    outcomes: Mapping[str, OutcomeRollup]
    measures: Mapping[str, MeasureStatus]
    rule: str

    def to_records(self) -> list[dict[str, Any]]:
        """One record per outcome."""
        return [
            {
                "outcome_id": r.outcome_id,
                "status": None if r.status is None else r.status.value,
                "score": r.score,
                "contributors": ", ".join(f"{k}: {v.value}" for k, v in r.contributors.items()),
                "missing": ", ".join(r.missing),
            }
            for r in self.outcomes.values()
        ]

    def _repr_html_(self) -> str:
        overall = "no status" if self.status is None else self.status.value
        return html_table(
            f"Roll-up on {self.on}: {overall}",
            self.to_records(),
            ["outcome_id", "status", "score", "contributors", "missing"],
            notes=(self.rule,),
        )


def rollup(
    framework: OutcomeFramework,
    log: ObservationLog,
    *,
    on: dt.date,
    rule: RollupRule | None = None,
    as_of: dt.datetime | None = None,
    bands: RatingBands | None = None,
) -> FrameworkRollup:
    """Roll measure statuses up to each outcome and to the framework.

    Rule: an outcome's contributors are its own measures (their RAG status from
    [`measure_status`][commissioning.outcomes.measure_status]) and its child outcomes (their rolled-up status);
    they combine by ``rule`` (default worst-of). The framework's status combines
    its top outcomes by the same rule. Contributors without a status are listed
    as missing and left out.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import Measure, Outcome, ReportingPeriod
        >>> fy = ReportingPeriod.financial_year(2025)
        >>> a = Measure.create("a", "A", unit="%", direction="higher", frequency="financial-year",
        ...     targets=[(80, fy.end)])
        >>> b = Measure.create("b", "B", unit="%", direction="higher", frequency="financial-year",
        ...     targets=[(80, fy.end)])
        >>> fw = OutcomeFramework("f", outcomes=(Outcome("o", "O", measure_ids=("a", "b")),),
        ...     measures=(a, b))
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("a", fy, 85, at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> log, _ = log.record("b", fy, 75, at=pendulum.datetime(2026, 5, 1), actor="analyst")
        >>> rollup(fw, log, on=pendulum.Date(2026, 6, 1)).outcomes["o"].status
        <Rag.AMBER: 'amber'>
        >>> rollup(fw, log, on=pendulum.Date(2026, 6, 1),
        ...     rule=RollupRule.weighted({"a": 3})).outcomes["o"].status
        <Rag.GREEN: 'green'>
    """
    used = RollupRule() if rule is None else rule
    if not isinstance(used, RollupRule):
        raise InvalidInputType([Problem("rule", "a RollupRule or None", rule, "type")])
    day = as_date(on, field="on")
    if as_of is not None:
        log, as_of = log.as_of(as_of), None  # replay once, not per measure
    statuses = {
        m.id: measure_status(m, log, on=day, as_of=as_of, bands=bands)
        for m in framework.measures
    }
    done: dict[str, OutcomeRollup] = {}

    def visit(outcome_id: str) -> OutcomeRollup:
        if outcome_id in done:
            return done[outcome_id]
        outcome = framework.outcome(outcome_id)
        contributors: dict[str, Rag] = {}
        missing: list[str] = []
        for m_id in outcome.measure_ids:
            status = statuses[m_id].rag.status
            if status is None:
                missing.append(m_id)
            else:
                contributors[m_id] = status
        for child in framework.children(outcome_id):
            child_rollup = visit(child.id)
            if child_rollup.status is None:
                missing.append(child.id)
            else:
                contributors[child.id] = child_rollup.status
        combined, score = used.combine(contributors)
        result = OutcomeRollup(
            outcome_id,
            combined,
            score,
            MappingProxyType(contributors),
            tuple(missing),
            used.describe(),
        )
        done[outcome_id] = result
        return result

    for outcome in framework.outcomes:
        visit(outcome.id)
    tops = {o.id: done[o.id].status for o in framework.roots}
    overall, _ = used.combine({k: v for k, v in tops.items() if v is not None})
    return FrameworkRollup(
        day,
        overall,
        MappingProxyType({o.id: done[o.id] for o in framework.outcomes}),
        MappingProxyType(statuses),
        used.describe(),
    )
