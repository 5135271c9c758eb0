"""Judgements: pure functions from a measure and a value to a status, each stating its rule.

- [`rag_status`][commissioning.outcomes.rag_status]: red, amber or green against the target in force, within the
  measure's tolerance (the docs' Sources page, "RAG").
- [`kpi_rating`][commissioning.outcomes.kpi_rating]: the Procurement Act KPI rating (PR24 reg 39: Good,
  Approaching target, Requires improvement, Inadequate, Other; ``procurement.md``,
  "KPIs and performance") and its UK OCDS ``measureClassification`` code.
- [`trend`][commissioning.outcomes.trend]: "turning the curve" against the baseline forecast, and the
  direction of travel since the previous observation (Results-Based Accountability).

The law fixes the rating **scale** but not how an observed value maps onto it,
and RAG is a management convention: the bands here are configurable data with
documented defaults, and every result carries the rule and thresholds it used.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ._common import as_value
from ._measures import Direction, Measure
from ._observations import Observation, ObservationLog
from ._periods import ReportingPeriod
from ._repr import html_table

__all__ = [
    "Curve",
    "KpiJudgement",
    "KpiRating",
    "MeasureClassification",
    "MeasureStatus",
    "Rag",
    "RagJudgement",
    "RatingBands",
    "Travel",
    "TrendJudgement",
    "kpi_rating",
    "measure_status",
    "rag_status",
    "trend",
]


class Rag(enum.Enum):
    """Red, amber, green, with the meanings in the reference; ordered red < amber < green.

    Examples:
        >>> Rag.AMBER.meaning
        'a problem; objectives may be at risk'
        >>> Rag.RED.score < Rag.GREEN.score
        True
    """

    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def meaning(self) -> str:
        """What the colour means ("RAG" in the docs' Sources page)."""
        return {
            Rag.RED: "objectives at serious risk, remedial action needed",
            Rag.AMBER: "a problem; objectives may be at risk",
            Rag.GREEN: "on plan",
        }[self]

    @property
    def score(self) -> int:
        """0 for red, 1 for amber, 2 for green (used by weighted roll-ups)."""
        return {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}[self]


class MeasureClassification(enum.StrEnum):
    """The UK OCDS extension's ``measureClassification`` codes for a KPI rating.

    A ``StrEnum``: each member equals its code, and the code string is accepted
    wherever a member is meant.

    Examples:
        >>> MeasureClassification("slightlyBelow") is MeasureClassification.SLIGHTLY_BELOW
        True
        >>> MeasureClassification.MET == "met"
        True
    """

    MET = "met"
    SLIGHTLY_BELOW = "slightlyBelow"
    BELOW = "below"
    SIGNIFICANTLY_BELOW = "significantlyBelow"
    OTHER = "other"


class KpiRating(enum.Enum):
    """The Procurement Act KPI rating scale (PR24 reg 39), with the UK OCDS codes.

    ``OTHER`` is used where no rating on the scale can be given (no target, no
    observation). The four others are ordered: ``GOOD`` is best.

    Examples:
        >>> KpiRating.APPROACHING_TARGET.measure_classification
        <MeasureClassification.SLIGHTLY_BELOW: 'slightlyBelow'>
        >>> KpiRating.from_measure_classification("significantlyBelow")
        <KpiRating.INADEQUATE: 'Inadequate'>
    """

    GOOD = "Good"
    APPROACHING_TARGET = "Approaching target"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"
    OTHER = "Other"

    @property
    def measure_classification(self) -> MeasureClassification:
        """The UK extension's ``measureClassification`` code (met, slightlyBelow, below, significantlyBelow, other)."""
        return _CLASSIFICATION[self]

    @classmethod
    def from_measure_classification(cls, code: MeasureClassification | str) -> KpiRating:
        """The rating for a UK ``measureClassification`` code (a member or its string)."""
        for rating, known in _CLASSIFICATION.items():
            if isinstance(code, str) and known.value == code:
                return rating
        raise InvalidInput.of(
            "code", "one of met, slightlyBelow, below, significantlyBelow, other", code
        )

    @property
    def rank(self) -> int | None:
        """3 for Good down to 0 for Inadequate; ``None`` for Other (not on the ordered scale)."""
        return _RANK.get(self)


_CLASSIFICATION = {
    KpiRating.GOOD: MeasureClassification.MET,
    KpiRating.APPROACHING_TARGET: MeasureClassification.SLIGHTLY_BELOW,
    KpiRating.REQUIRES_IMPROVEMENT: MeasureClassification.BELOW,
    KpiRating.INADEQUATE: MeasureClassification.SIGNIFICANTLY_BELOW,
    KpiRating.OTHER: MeasureClassification.OTHER,
}
_RANK = {
    KpiRating.GOOD: 3,
    KpiRating.APPROACHING_TARGET: 2,
    KpiRating.REQUIRES_IMPROVEMENT: 1,
    KpiRating.INADEQUATE: 0,
}


@attrs.frozen
class RatingBands:
    """How far short of target each KPI rating reaches: configurable, because the law does not say.

    PR24 reg 39 fixes the scale (Good ... Inadequate, Other); the mapping from an
    observed value to a rating is for the contract to set. The default here is
    this library's documented choice, not a legal rule: **Good** meets or beats
    the target; **Approaching target** falls short by at most 5% of the target;
    **Requires improvement** by at most 15%; **Inadequate** by more.

    Attributes:
        approaching: the largest shortfall still rated Approaching target.
        requires_improvement: the largest shortfall still rated Requires improvement.
        relative: whether the two bands are fractions of the target (default) or
            amounts in the measure's own unit.

    Examples:
        >>> from decimal import Decimal
        >>> RatingBands().thresholds(Decimal("80"))
        (Decimal('4.00'), Decimal('12.00'))
    """

    approaching: Decimal = Decimal("0.05")
    requires_improvement: Decimal = Decimal("0.15")
    relative: bool = True

    def __attrs_post_init__(self) -> None:
        check = Checker()
        for name in ("approaching", "requires_improvement"):
            value = getattr(self, name)
            if check.type(name, value, Decimal, "a Decimal"):
                check.that(value.is_finite() and value >= 0, name, "a non-negative number", value)
        check.type("relative", self.relative, bool, "a bool")
        check.done()
        if self.requires_improvement < self.approaching:
            raise InvalidInput.of(
                "requires_improvement",
                f"a band at least as wide as approaching ({self.approaching})",
                self.requires_improvement,
            )

    @classmethod
    def from_values(
        cls, approaching: Any, requires_improvement: Any, *, relative: bool = True
    ) -> RatingBands:
        """Build bands from plain numbers (``0.05`` = 5% of target when relative).

        Examples:
            >>> RatingBands.from_values(2, 5, relative=False).approaching
            Decimal('2')
        """
        return cls(
            as_value(approaching, field="approaching"),
            as_value(requires_improvement, field="requires_improvement"),
            relative,
        )

    def thresholds(self, target: Decimal) -> tuple[Decimal, Decimal]:
        """The two shortfall limits, in the measure's unit, for a target."""
        scale = abs(target) if self.relative else Decimal(1)
        return (self.approaching * scale, self.requires_improvement * scale)

    def describe(self) -> str:
        """The bands in words."""
        unit = " of the target" if self.relative else " (in the measure's unit)"
        a = f"{self.approaching * 100}%" if self.relative else str(self.approaching)
        r = (
            f"{self.requires_improvement * 100}%"
            if self.relative
            else str(self.requires_improvement)
        )
        return (
            f"Good: meets or beats the target; Approaching target: short by at most {a}{unit}; "
            f"Requires improvement: short by at most {r}{unit}; Inadequate: short by more"
        )


DEFAULT_BANDS = RatingBands()


@attrs.frozen
class RagJudgement:
    """A RAG status with its reasons.

    Attributes:
        status: red, amber or green; ``None`` when no target or value allows a judgement.
        value: the value judged.
        target: the target in force, if any.
        shortfall: how far the value falls short of the target (0 when met).
        amber_limit: the largest shortfall still amber, in the measure's unit.
        rule: the rule applied, in words, with its thresholds.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K", "k", unit="%", direction="higher", frequency="yearly",
        ...     targets=[(80, pendulum.Date(2026, 12, 31))])
        >>> j = rag_status(m, 60, on=pendulum.Date(2026, 12, 31))
        >>> j.status, j.shortfall, j.amber_limit
        (<Rag.RED: 'red'>, Decimal('20'), Decimal('8.00'))
    """

    status: Rag | None
    value: Decimal | None
    target: Decimal | None
    shortfall: Decimal | None
    amber_limit: Decimal | None
    rule: str


@attrs.frozen
class KpiJudgement:
    """A Procurement Act KPI rating with its reasons.

    Attributes:
        rating: the rating on the PR24 reg 39 scale.
        value: the value judged.
        target: the target in force, if any.
        shortfall: how far the value falls short of the target (0 when met).
        bands: the bands used.
        rule: the rule applied, in words, with its thresholds.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K", "k", unit="%", direction="lower", frequency="yearly",
        ...     targets=[(10, pendulum.Date(2026, 12, 31))])
        >>> j = kpi_rating(m, "10.4", on=pendulum.Date(2026, 12, 31))
        >>> j.rating.value, j.shortfall, j.measure_classification
        ('Approaching target', Decimal('0.4'), <MeasureClassification.SLIGHTLY_BELOW: 'slightlyBelow'>)
    """

    rating: KpiRating
    value: Decimal | None
    target: Decimal | None
    shortfall: Decimal | None
    bands: RatingBands
    rule: str

    @property
    def measure_classification(self) -> MeasureClassification:
        """The UK OCDS ``measureClassification`` code of the rating."""
        return self.rating.measure_classification


class Curve(enum.Enum):
    """Where the latest value stands against the baseline forecast ("turning the curve").

    Examples:
        >>> Curve.TURNING.value
        'better than the baseline forecast'
    """

    TURNING = "better than the baseline forecast"
    ON_BASELINE = "on the baseline forecast"
    WORSE = "worse than the baseline forecast"
    NO_BASELINE = "no baseline forecast to compare with"
    NO_DATA = "no observation to judge"


class Travel(enum.Enum):
    """The direction of travel since the previous observation.

    Examples:
        >>> Travel("improving")
        <Travel.IMPROVING: 'improving'>
    """

    IMPROVING = "improving"
    STEADY = "steady"
    WORSENING = "worsening"
    UNKNOWN = "unknown"


@attrs.frozen
class TrendJudgement:
    """The "turning the curve" and direction-of-travel judgement, with reasons.

    Attributes:
        curve: the latest value against the baseline forecast.
        travel: the latest value against the previous one.
        value: the latest value.
        forecast: the baseline forecast for the end of the latest period.
        gain: how far better than the forecast (negative when worse).
        rule: the rule applied, in words.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K", "k", unit="n", direction="higher", frequency="yearly",
        ...     baseline=(10, pendulum.Date(2025, 12, 31)))
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("K", ReportingPeriod.year(2025), 10, at=pendulum.datetime(2026, 1, 5),
        ...     actor="analyst")
        >>> log, _ = log.record("K", ReportingPeriod.year(2026), 12, at=pendulum.datetime(2027, 1, 5),
        ...     actor="analyst")
        >>> t = trend(m, log, on=pendulum.Date(2027, 2, 1))
        >>> t.curve.name, t.travel.value, t.gain
        ('TURNING', 'improving', Decimal('2'))
    """

    curve: Curve
    travel: Travel
    value: Decimal | None
    forecast: Decimal | None
    gain: Decimal | None
    rule: str


def _direction_words(direction: Direction) -> str:
    return "higher is better" if direction is Direction.HIGHER_IS_BETTER else "lower is better"


def rag_status(measure: Measure, value: Any, *, on: dt.date) -> RagJudgement:
    """Judge a value red, amber or green against the target in force on ``on``.

    Rule: with the target ``T`` in force on ``on`` ([`Measure.target_at`][commissioning.outcomes.Measure.target_at]) and
    the amber allowance ``A`` of the measure's tolerance (default 10% of ``T``):
    **green** if the value meets or beats ``T`` in the measure's direction;
    **amber** if it falls short by at most ``A``; **red** otherwise. No target
    or no value: no status (``None``), said so in ``rule``.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("2B", "At home after reablement", unit="%", direction="higher",
        ...     frequency="financial-year", targets=[(85, pendulum.Date(2027, 3, 31))])
        >>> j = rag_status(m, "80", on=pendulum.Date(2027, 3, 31))
        >>> j.status, j.amber_limit
        (<Rag.AMBER: 'amber'>, Decimal('8.50'))
        >>> print(j.rule)
        green if 80 meets or beats the target 85 (higher is better); amber if short by at most 8.50 (10.00% of target); red otherwise: short by 5
    """
    day = as_date(on, field="on")
    target = measure.target_at(day)
    if value is None or target is None:
        missing = "no value" if value is None else f"no target for {measure.id}"
        return RagJudgement(
            None,
            None if value is None else as_value(value, field="value"),
            None if target is None else target.value,
            None,
            None,
            f"no RAG status: {missing}",
        )
    v = as_value(value, field="value")
    tol = measure.effective_tolerance
    allowance = tol.allowance(target.value)
    shortfall = measure.direction.shortfall(v, target.value)
    if shortfall == 0:
        status = Rag.GREEN
    elif shortfall <= allowance:
        status = Rag.AMBER
    else:
        status = Rag.RED
    band = f" ({tol.amber * 100}% of target)" if tol.relative else ""
    rule = (
        f"green if {v} meets or beats the target {target.value} "
        f"({_direction_words(measure.direction)}); amber if short by at most {allowance}{band}; "
        f"red otherwise: short by {shortfall}"
    )
    return RagJudgement(status, v, target.value, shortfall, allowance, rule)


def kpi_rating(
    measure: Measure, value: Any, *, on: dt.date, bands: RatingBands | None = None
) -> KpiJudgement:
    """Rate a value on the Procurement Act KPI scale against the target in force on ``on``.

    Rule: with target ``T`` and bands ``a <= r`` ([`RatingBands`][commissioning.outcomes.RatingBands], default 5% and
    15% of ``T``; not fixed by law): **Good** if the value meets or beats ``T``;
    **Approaching target** if short by at most ``a``; **Requires improvement** if
    short by at most ``r``; **Inadequate** if short by more. **Other** when there
    is no target or no value. For a fixed target and direction the rating never
    gets worse as the value gets better.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K1", "Visits on time", unit="%", direction="higher",
        ...     frequency="quarterly", targets=[(95, pendulum.Date(2027, 3, 31))])
        >>> j = kpi_rating(m, 88, on=pendulum.Date(2027, 3, 31))
        >>> j.rating, j.measure_classification
        (<KpiRating.REQUIRES_IMPROVEMENT: 'Requires improvement'>, <MeasureClassification.BELOW: 'below'>)
    """
    used = DEFAULT_BANDS if bands is None else bands
    if not isinstance(used, RatingBands):
        raise InvalidInputType([Problem("bands", "RatingBands or None", bands, "type")])
    day = as_date(on, field="on")
    target = measure.target_at(day)
    if value is None or target is None:
        missing = "no value" if value is None else f"no target for {measure.id}"
        return KpiJudgement(
            KpiRating.OTHER,
            None if value is None else as_value(value, field="value"),
            None if target is None else target.value,
            None,
            used,
            f"Other: {missing}",
        )
    v = as_value(value, field="value")
    shortfall = measure.direction.shortfall(v, target.value)
    approaching, improve = used.thresholds(target.value)
    if shortfall == 0:
        rating = KpiRating.GOOD
    elif shortfall <= approaching:
        rating = KpiRating.APPROACHING_TARGET
    elif shortfall <= improve:
        rating = KpiRating.REQUIRES_IMPROVEMENT
    else:
        rating = KpiRating.INADEQUATE
    rule = (
        f"{v} against target {target.value} ({_direction_words(measure.direction)}), "
        f"short by {shortfall}; {used.describe()} "
        f"(here: Approaching up to {approaching}, Requires improvement up to {improve})"
    )
    return KpiJudgement(rating, v, target.value, shortfall, used, rule)


def trend(
    measure: Measure,
    log: ObservationLog,
    *,
    on: dt.date,
    as_of: dt.datetime | None = None,
    margin: Any = 0,
) -> TrendJudgement:
    """Judge "turning the curve": the latest value against the baseline forecast, and the direction of travel.

    Rule: take the latest completed period's value ([`ObservationLog.latest`][commissioning.outcomes.ObservationLog.latest])
    and the baseline forecast for that period's end ([`Baseline.expected_at`][commissioning.outcomes.Baseline.expected_at]).
    **Turning** if the value is better than the forecast by more than ``margin``
    (in the measure's unit, default 0); **worse** if worse by more than
    ``margin``; otherwise **on the baseline**. Direction of travel compares the
    latest value with the previous period's: improving, steady or worsening.

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import Baseline, ReportingPeriod
        >>> m = Measure.create("2C", "Care home admissions 65+", unit="per 100,000",
        ...     direction="lower", frequency="financial-year",
        ...     baseline=Baseline.from_values(600, pendulum.Date(2025, 3, 31),
        ...         forecast=[(pendulum.Date(2026, 3, 31), 640)]))
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("2C", ReportingPeriod.financial_year(2025), 610,
        ...     at=pendulum.datetime(2026, 6, 1), actor="analyst")
        >>> t = trend(m, log, on=pendulum.Date(2026, 6, 1))
        >>> t.curve, t.gain
        (<Curve.TURNING: 'better than the baseline forecast'>, Decimal('30'))
    """
    day = as_date(on, field="on")
    band = as_value(margin, field="margin")
    if band < 0:
        raise InvalidInput.of("margin", "a non-negative number", margin)
    series = [
        o
        for o in log.series(measure.id, as_of=as_of)
        if o.period.end <= day and o.value is not None
    ]
    words = _direction_words(measure.direction)
    if not series:
        return TrendJudgement(
            Curve.NO_DATA,
            Travel.UNKNOWN,
            None,
            None,
            None,
            f"no completed period of {measure.id} observed by {day}",
        )
    latest = series[-1]
    assert latest.value is not None  # noqa: S101 - filtered above; narrowing for mypy
    travel = Travel.UNKNOWN
    if len(series) > 1 and series[-2].value is not None:
        step = measure.direction.gain(latest.value, series[-2].value)
        travel = Travel.IMPROVING if step > 0 else Travel.WORSENING if step < 0 else Travel.STEADY
    forecast = None if measure.baseline is None else measure.baseline.expected_at(latest.period.end)
    if forecast is None:
        return TrendJudgement(
            Curve.NO_BASELINE,
            travel,
            latest.value,
            None,
            None,
            f"no baseline forecast for {measure.id} at {latest.period.end}; "
            f"travel compares with the previous period ({words})",
        )
    gain = measure.direction.gain(latest.value, forecast)
    curve = Curve.TURNING if gain > band else Curve.WORSE if gain < -band else Curve.ON_BASELINE
    rule = (
        f"{latest.period.label}: {latest.value} against the baseline forecast {forecast} "
        f"({words}); turning if better by more than {band}, worse if worse by more than {band}; "
        "travel compares with the previous period"
    )
    return TrendJudgement(curve, travel, latest.value, forecast, gain, rule)


@attrs.frozen
class MeasureStatus:
    """Everything known about one measure on a date: its latest value and the three judgements.

    Attributes:
        measure_id: the measure.
        on: the date of the judgement.
        period: the latest completed period observed (``None`` if none).
        value: its value.
        rag: the RAG judgement.
        kpi: the Procurement Act KPI judgement.
        trend: the trend judgement.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K", "k", unit="%", direction="higher", frequency="yearly",
        ...     targets=[(80, pendulum.Date(2026, 12, 31))])
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("K", ReportingPeriod.year(2026), 79,
        ...     at=pendulum.datetime(2027, 1, 5), actor="analyst")
        >>> s = measure_status(m, log, on=pendulum.Date(2027, 1, 31))
        >>> s.period.label, s.rag.status.value, s.kpi.rating.value
        ('2026', 'amber', 'Approaching target')
    """

    measure_id: str
    on: dt.date
    period: ReportingPeriod | None
    value: Decimal | None
    rag: RagJudgement
    kpi: KpiJudgement
    trend: TrendJudgement

    def to_record(self) -> dict[str, Any]:
        """The status as one flat record."""
        return {
            "measure_id": self.measure_id,
            "on": self.on,
            "period": None if self.period is None else self.period.label,
            "value": self.value,
            "target": self.rag.target,
            "rag": None if self.rag.status is None else self.rag.status.value,
            "kpi_rating": self.kpi.rating.value,
            "measure_classification": self.kpi.measure_classification.value,
            "curve": self.trend.curve.value,
            "travel": self.trend.travel.value,
        }

    def _repr_html_(self) -> str:
        rows = [{"field": k, "value": v} for k, v in self.to_record().items()]
        return html_table(
            f"Status of {self.measure_id} on {self.on}",
            rows,
            ["field", "value"],
            notes=(self.rag.rule, self.kpi.rule, self.trend.rule),
        )


def measure_status(
    measure: Measure,
    log: ObservationLog,
    *,
    on: dt.date,
    as_of: dt.datetime | None = None,
    bands: RatingBands | None = None,
) -> MeasureStatus:
    """The status of a measure on a date: latest completed period, RAG, KPI rating and trend.

    Rule: the value judged is the latest completed period's (a period still
    running on ``on`` is ignored); targets are those in force at that period's
    end; see [`rag_status`][commissioning.outcomes.rag_status], [`kpi_rating`][commissioning.outcomes.kpi_rating] and [`trend`][commissioning.outcomes.trend].

    Examples:
        >>> import pendulum
        >>> from commissioning.outcomes import ReportingPeriod
        >>> m = Measure.create("K1", "On time", unit="%", direction="higher", frequency="quarterly",
        ...     targets=[(95, pendulum.Date(2026, 12, 31))])
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> log, _ = log.record("K1", ReportingPeriod.quarter(2026, 3), 96,
        ...     at=pendulum.datetime(2026, 10, 5), actor="analyst")
        >>> measure_status(m, log, on=pendulum.Date(2026, 11, 1)).rag.status
        <Rag.GREEN: 'green'>
    """
    day = as_date(on, field="on")
    if as_of is not None:
        log, as_of = log.as_of(as_of), None  # replay once, not per query
    latest: Observation | None = log.latest(measure.id, on=day)
    value = None if latest is None else latest.value
    when = day if latest is None else latest.period.end
    return MeasureStatus(
        measure.id,
        day,
        None if latest is None else latest.period,
        value,
        rag_status(measure, value, on=when),
        kpi_rating(measure, value, on=when, bands=bands),
        trend(measure, log, on=day, as_of=as_of),
    )
