"""Measures: indicators and performance measures, with baseline, targets and tolerance.

Facts: the docs' Sources page, "Outcome measurement". Results-Based
Accountability (Friedman, 2005) separates population **indicators** from
programme **performance measures**, and sorts performance measures into "How
much did we do?", "How well did we do it?" and "Is anyone better off?" (as a
number and as a percentage). A baseline is history plus the forecast if nothing
changes; a measure is judged against its targets within tolerance bands.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date
from .._validation import Checker
from ._common import as_value, check_id
from ._periods import Frequency
from ._repr import html_table

__all__ = [
    "Baseline",
    "Direction",
    "Measure",
    "MeasureKind",
    "Point",
    "RbaCategory",
    "Target",
    "Tolerance",
]


class Direction(enum.Enum):
    """Which way is better for a measure.

    Examples:
        >>> from decimal import Decimal
        >>> Direction.LOWER_IS_BETTER.better(Decimal("3"), Decimal("5"))
        True
    """

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"

    def better(self, a: Decimal, b: Decimal) -> bool:
        """Whether ``a`` is strictly better than ``b`` in this direction."""
        return a > b if self is Direction.HIGHER_IS_BETTER else a < b

    def shortfall(self, value: Decimal, target: Decimal) -> Decimal:
        """How far ``value`` falls short of ``target`` (zero when it meets or beats it)."""
        gap = target - value if self is Direction.HIGHER_IS_BETTER else value - target
        return max(gap, Decimal(0))

    def gain(self, value: Decimal, reference: Decimal) -> Decimal:
        """How far ``value`` is better than ``reference`` (negative when worse)."""
        return value - reference if self is Direction.HIGHER_IS_BETTER else reference - value


class MeasureKind(enum.Enum):
    """Results-Based Accountability: population indicators versus programme performance measures.

    Examples:
        >>> MeasureKind("indicator")
        <MeasureKind.INDICATOR: 'indicator'>
    """

    INDICATOR = "indicator"
    PERFORMANCE_MEASURE = "performance measure"


class RbaCategory(enum.Enum):
    """The Results-Based Accountability quadrant a performance measure belongs to.

    "Is anyone better off?" (effect) is the most important, reported both as a
    number and as a percentage.

    Examples:
        >>> RbaCategory.BETTER_OFF_PERCENT.is_effect
        True
    """

    HOW_MUCH = "How much did we do?"
    HOW_WELL = "How well did we do it?"
    BETTER_OFF_NUMBER = "Is anyone better off? (number)"
    BETTER_OFF_PERCENT = "Is anyone better off? (percentage)"

    @property
    def is_effect(self) -> bool:
        """Whether the category measures effect (someone better off) rather than effort."""
        return self in (RbaCategory.BETTER_OFF_NUMBER, RbaCategory.BETTER_OFF_PERCENT)


@attrs.frozen
class Point:
    """A dated value: one point of a baseline history or forecast.

    Examples:
        >>> from decimal import Decimal
        >>> import pendulum
        >>> Point(pendulum.Date(2026, 3, 31), Decimal("610")).value
        Decimal('610')
    """

    on: pendulum.Date
    value: Decimal

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "on", as_date(self.on, field="on"))
        object.__setattr__(self, "value", as_value(self.value, field="value"))


def _points(items: Iterable[Any], field: str) -> tuple[Point, ...]:
    points = []
    for i, item in enumerate(items):
        if isinstance(item, Point):
            points.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            points.append(Point(item[0], item[1]))
        else:
            raise InvalidInputType(
                [Problem(f"{field}[{i}]", "a Point or an (on, value) pair", item, "type")]
            )
    return tuple(sorted(points, key=lambda p: p.on))


@attrs.frozen
class Baseline:
    """Where a measure starts, and where it would go if nothing changed (RBA's "baseline").

    Attributes:
        value: the value at the baseline date.
        on: the baseline date.
        history: earlier dated values (optional), oldest first.
        forecast: dated values the measure is expected to take if nothing changes,
            after ``on``. [`expected_at`][commissioning.outcomes.Baseline.expected_at] interpolates between them.
        source: where the baseline comes from (provenance).

    Examples:
        >>> from decimal import Decimal
        >>> import pendulum
        >>> b = Baseline.from_values(Decimal("600"), pendulum.Date(2026, 3, 31),
        ...     forecast=[(pendulum.Date(2027, 3, 31), "640")])
        >>> b.expected_at(pendulum.Date(2026, 9, 30))
        Decimal('620.05...')
    """

    value: Decimal
    on: pendulum.Date
    history: tuple[Point, ...] = ()
    forecast: tuple[Point, ...] = ()
    source: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("value", self.value, Decimal, "a Decimal (use Baseline.from_values)"):
            check.that(self.value.is_finite(), "value", "a finite number", self.value)
        check.type("on", self.on, pendulum.Date, "a pendulum.Date")
        check.type("history", self.history, tuple, "a tuple of Points")
        check.type("forecast", self.forecast, tuple, "a tuple of Points")
        check.type("source", self.source, str, "a str")
        check.done()
        for name in ("history", "forecast"):
            points = getattr(self, name)
            if not all(isinstance(p, Point) for p in points):
                raise InvalidInputType([Problem(name, "a tuple of Points", points, "type")])
            if list(points) != sorted(points, key=lambda p: p.on):
                raise InvalidInput.of(name, "points in date order", points)
        if any(p.on >= self.on for p in self.history):
            raise InvalidInput.of(
                "history", f"points before the baseline date {self.on}", self.history
            )
        if any(p.on <= self.on for p in self.forecast):
            raise InvalidInput.of(
                "forecast", f"points after the baseline date {self.on}", self.forecast
            )

    @classmethod
    def from_values(
        cls,
        value: Any,
        on: dt.date,
        *,
        history: Iterable[Any] = (),
        forecast: Iterable[Any] = (),
        source: str = "",
    ) -> Baseline:
        """Build a baseline from plain values: numbers are converted, ``(date, value)`` pairs become points.

        Examples:
            >>> Baseline.from_values(82, pendulum.Date(2026, 3, 31)).value
            Decimal('82')
        """
        return cls(
            as_value(value, field="value"),
            as_date(on, field="on"),
            _points(history, "history"),
            _points(forecast, "forecast"),
            source,
        )

    @property
    def has_forecast(self) -> bool:
        """Whether a forecast "if nothing changes" was given."""
        return bool(self.forecast)

    def expected_at(self, on: dt.date) -> Decimal | None:
        """The baseline forecast's value on a date.

        Rule: linear interpolation between the baseline point and the forecast
        points; flat after the last forecast point; ``None`` before the baseline
        date. With no forecast the baseline value is assumed to persist (the
        "nothing changes" reading); check [`has_forecast`][commissioning.outcomes.Baseline.has_forecast] to tell the two apart.

        Examples:
            >>> Baseline.from_values(5, pendulum.Date(2026, 1, 1)).expected_at(pendulum.Date(2030, 1, 1))
            Decimal('5')
        """
        day = as_date(on, field="on")
        if day < self.on:
            return None
        points = (Point(self.on, self.value), *self.forecast)
        for left, right in itertools.pairwise(points):
            if left.on <= day <= right.on:
                span = Decimal((right.on - left.on).in_days())
                done = Decimal((day - left.on).in_days())
                return left.value + (right.value - left.value) * done / span
        return points[-1].value


@attrs.frozen
class Target:
    """A target value to reach by a date.

    Attributes:
        value: the target value.
        due: the date by which it should be reached.
        label: an optional name (e.g. "year 1").

    Examples:
        >>> import pendulum
        >>> Target.from_values("85", pendulum.Date(2027, 3, 31)).value
        Decimal('85')
    """

    value: Decimal
    due: pendulum.Date
    label: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("value", self.value, Decimal, "a Decimal (use Target.from_values)"):
            check.that(self.value.is_finite(), "value", "a finite number", self.value)
        check.type("due", self.due, pendulum.Date, "a pendulum.Date")
        check.type("label", self.label, str, "a str")
        check.done()

    @classmethod
    def from_values(cls, value: Any, due: dt.date, *, label: str = "") -> Target:
        """Build a target from a plain number and a date.

        Examples:
            >>> Target.from_values(0.9, pendulum.Date(2027, 3, 31)).value
            Decimal('0.9')
        """
        return cls(as_value(value, field="value"), as_date(due, field="due"), label)


@attrs.frozen
class Tolerance:
    """How far short of target a value may fall and still be amber rather than red.

    Not fixed by any law: RAG is a management convention. The band is
    ``amber`` either as a fraction of the target (``relative=True``, the default:
    ``Decimal("0.10")`` means within 10% of the target) or in the measure's own
    unit (``relative=False``).

    Examples:
        >>> from decimal import Decimal
        >>> Tolerance(Decimal("0.10")).allowance(Decimal("80"))
        Decimal('8.00')
        >>> Tolerance(Decimal("3"), relative=False).allowance(Decimal("80"))
        Decimal('3')
    """

    amber: Decimal
    relative: bool = True

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("amber", self.amber, Decimal, "a Decimal"):
            check.that(
                self.amber.is_finite() and self.amber >= 0,
                "amber",
                "a non-negative number",
                self.amber,
            )
        check.type("relative", self.relative, bool, "a bool")
        check.done()

    def allowance(self, target: Decimal) -> Decimal:
        """The shortfall allowed, in the measure's unit, for a given target."""
        return abs(target) * self.amber if self.relative else self.amber


DEFAULT_TOLERANCE = Tolerance(Decimal("0.10"))


@attrs.frozen
class Measure:
    """An indicator or performance measure in an outcome framework.

    Build one with [`create`][commissioning.outcomes.Measure.create] (which converts plain values); the
    constructor expects the exact types.

    Attributes:
        id: a short identifier, unique within a framework (e.g. ASCOF ``"2C"``).
        name: what it measures, in words.
        unit: the unit of the value (``"%"``, ``"score out of 24"``, ``"per 100,000 aged 65+"``).
        direction: whether higher or lower is better.
        frequency: how often it is reported (the length of its periods).
        definition: the full definition (numerator, denominator, exclusions).
        data_source: where the data come from.
        kind: population indicator or programme performance measure.
        rba: the Results-Based Accountability category, for performance measures.
        baseline: where it starts and its forecast if nothing changes, if known.
        targets: targets over time, ordered by due date.
        tolerance: the amber band for RAG (``None``: the documented default, 10% of target).

    Examples:
        >>> import pendulum
        >>> m = Measure.create("2B", "Older people still at home 91 days after reablement",
        ...     unit="%", direction="higher", frequency="financial-year",
        ...     baseline=("82.0", pendulum.Date(2025, 3, 31)),
        ...     targets=[("84", pendulum.Date(2026, 3, 31)), ("86", pendulum.Date(2027, 3, 31))])
        >>> m.target_at(pendulum.Date(2026, 3, 31)).value
        Decimal('84')
    """

    id: str
    name: str
    unit: str
    direction: Direction
    frequency: Frequency
    definition: str = ""
    data_source: str = ""
    kind: MeasureKind = MeasureKind.PERFORMANCE_MEASURE
    rba: RbaCategory | None = None
    baseline: Baseline | None = None
    targets: tuple[Target, ...] = ()
    tolerance: Tolerance | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker()
        try:
            check_id(self.id, field="id")
        except InvalidInput as err:
            check.extend(err)
        for name in ("name", "unit", "definition", "data_source"):
            check.type(name, getattr(self, name), str, "a str")
        check.type("direction", self.direction, Direction, "a Direction")
        check.type("frequency", self.frequency, Frequency, "a Frequency")
        check.type("kind", self.kind, MeasureKind, "a MeasureKind")
        if self.rba is not None:
            check.type("rba", self.rba, RbaCategory, "an RbaCategory or None")
        if self.baseline is not None:
            check.type("baseline", self.baseline, Baseline, "a Baseline or None")
        if self.tolerance is not None:
            check.type("tolerance", self.tolerance, Tolerance, "a Tolerance or None")
        if check.type("targets", self.targets, tuple, "a tuple of Targets"):
            if not all(isinstance(t, Target) for t in self.targets):
                check.add(Problem("targets", "a tuple of Targets", self.targets, "type"))
            else:
                dues = [t.due for t in self.targets]
                check.that(
                    dues == sorted(dues) and len(set(dues)) == len(dues),
                    "targets",
                    "targets in order of due date, one per date",
                    self.targets,
                )
        check.done()

    @classmethod
    def create(
        cls,
        id: str,  # noqa: A002 - "id" is the domain's word and the attribute's name
        name: str,
        *,
        unit: str,
        direction: Direction | str,
        frequency: Frequency | str,
        definition: str = "",
        data_source: str = "",
        kind: MeasureKind | str = MeasureKind.PERFORMANCE_MEASURE,
        rba: RbaCategory | str | None = None,
        baseline: Baseline | tuple[Any, dt.date] | None = None,
        targets: Iterable[Target | tuple[Any, dt.date]] = (),
        tolerance: Tolerance | Any | None = None,
    ) -> Measure:
        """Build a measure from plain values, collecting every problem before raising.

        ``direction``, ``frequency``, ``kind`` and ``rba`` may be given as their
        enum values (``"higher"``, ``"quarterly"``...). ``baseline`` may be a
        ``(value, date)`` pair; each target a ``(value, due)`` pair, sorted for you.
        ``tolerance`` may be a number, read as a relative band (``0.1`` = 10%).

        Examples:
            >>> Measure.create("1A", "Quality of life", unit="score out of 24",
            ...     direction="higher", frequency="yearly").direction
            <Direction.HIGHER_IS_BETTER: 'higher'>
        """
        check = Checker()

        def enum_of(field: str, kind_: type[enum.Enum], value: Any) -> Any:
            if isinstance(value, kind_):
                return value
            try:
                return kind_(value)
            except ValueError:
                options = ", ".join(repr(m.value) for m in kind_)
                check.add(Problem(field, f"one of {options}", value))
                return None

        direction_ = enum_of("direction", Direction, direction)
        frequency_ = enum_of("frequency", Frequency, frequency)
        kind_ = enum_of("kind", MeasureKind, kind)
        rba_ = None if rba is None else enum_of("rba", RbaCategory, rba)
        baseline_: Baseline | None = None
        try:
            if isinstance(baseline, tuple):
                baseline_ = Baseline.from_values(baseline[0], baseline[1])
            elif baseline is not None:
                baseline_ = baseline
        except InvalidInput as err:
            check.extend(err, "baseline")
        targets_: list[Target] = []
        for i, t in enumerate(targets):
            try:
                targets_.append(t if isinstance(t, Target) else Target.from_values(t[0], t[1]))
            except (InvalidInput, TypeError, IndexError) as err:
                if isinstance(err, InvalidInput):
                    check.extend(err, f"targets[{i}]")
                else:
                    check.add(
                        Problem(f"targets[{i}]", "a Target or a (value, due) pair", t, "type")
                    )
        tolerance_: Tolerance | None = None
        try:
            if isinstance(tolerance, Tolerance) or tolerance is None:
                tolerance_ = tolerance
            else:
                tolerance_ = Tolerance(as_value(tolerance, field="tolerance"))
        except InvalidInput as err:
            check.extend(err, "tolerance")
        check.done()
        return cls(
            id,
            name,
            unit,
            direction_,
            frequency_,
            definition,
            data_source,
            kind_,
            rba_,
            baseline_,
            tuple(sorted(targets_, key=lambda t: t.due)),
            tolerance_,
        )

    def target_at(self, on: dt.date) -> Target | None:
        """The target in force on a date.

        Rule: the first target whose due date is on or after ``on`` (the next
        milestone); after the last due date, the last target still applies;
        ``None`` when the measure has no targets.

        Examples:
            >>> m = Measure.create("x", "x", unit="n", direction="higher", frequency="monthly",
            ...     targets=[(10, pendulum.Date(2026, 6, 30)), (12, pendulum.Date(2026, 12, 31))])
            >>> m.target_at(pendulum.Date(2026, 7, 1)).value, m.target_at(pendulum.Date(2030, 1, 1)).value
            (Decimal('12'), Decimal('12'))
        """
        day = as_date(on, field="on")
        for target in self.targets:
            if target.due >= day:
                return target
        return self.targets[-1] if self.targets else None

    @property
    def effective_tolerance(self) -> Tolerance:
        """The tolerance used for RAG: the measure's own, or the documented default (10% of target)."""
        return self.tolerance if self.tolerance is not None else DEFAULT_TOLERANCE

    def to_record(self) -> dict[str, Any]:
        """The measure as one flat record (for tables).

        Examples:
            >>> Measure.create("1A", "QoL", unit="score", direction="higher",
            ...     frequency="yearly").to_record()["direction"]
            'higher'
        """
        return {
            "id": self.id,
            "name": self.name,
            "unit": self.unit,
            "direction": self.direction.value,
            "frequency": self.frequency.value,
            "kind": self.kind.value,
            "rba": None if self.rba is None else self.rba.value,
            "baseline": None if self.baseline is None else self.baseline.value,
            "baseline_on": None if self.baseline is None else self.baseline.on,
            "targets": len(self.targets),
            "data_source": self.data_source,
        }

    def _repr_html_(self) -> str:
        rows = [{"field": k, "value": v} for k, v in self.to_record().items()]
        rows.extend(
            {"field": f"target {t.label or t.due}", "value": f"{t.value} by {t.due}"}
            for t in self.targets
        )
        return html_table(f"Measure {self.id}: {self.name}", rows, ["field", "value"])

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The stored form: ``format`` (``"commissioning.outcome-measure"``), ``format_version`` (1), then every attribute.

        Numbers are exact decimal strings, days ``YYYY-MM-DD``, enums their values;
        [`from_data`][commissioning.outcomes.Measure.from_data] reads it back into an equal value.

        Examples:
            >>> import json, pendulum
            >>> m = Measure.create("2B", "Still at home 91 days after discharge", unit="%",
            ...     direction="higher", frequency="financial year",
            ...     targets=[("84", pendulum.Date(2027, 3, 31))])
            >>> data = m.to_data()
            >>> data["format"], data["targets"]
            ('commissioning.outcome-measure', [{'value': '84', 'due': '2027-03-31', 'label': ''}])
            >>> Measure.from_data(json.loads(json.dumps(data))) == m
            True
        """
        from ._stored import _measure_stored  # noqa: PLC0415 - that module imports this one

        return _measure_stored(self)

    @classmethod
    def from_data(cls, data: Any, /) -> Measure:
        """Load what [`to_data`][commissioning.outcomes.Measure.to_data] wrote, through the checked reader.

        Anything that is not the format raises [`InvalidInput`][commissioning.InvalidInput]
        naming its path; an unknown ``format_version`` is refused.
        """
        from ._stored import _measure_loaded, load  # noqa: PLC0415 - as above

        loaded: Measure = load("Measure", data, _measure_loaded)
        return loaded
