"""Policy modelling: uncertain inputs as distributions, scenarios and seeded Monte Carlo simulation.

A [`PolicyModel`][commissioning.appraisal.PolicyModel] describes, for each option over a horizon of years,
costs (set-up, fixed, per person served, and payments per outcome), the
number served (volume, with growth), the outcome effect (outcomes per person
served) and the social value of an outcome. Any input may be uncertain: a
distribution ([`Fixed`][commissioning.appraisal.Fixed], [`Uniform`][commissioning.appraisal.Uniform], [`Triangular`][commissioning.appraisal.Triangular],
[`Pert`][commissioning.appraisal.Pert], [`Normal`][commissioning.appraisal.Normal]), or the name of a shared input that several
options use (so they see the same draw: common random numbers).

Each run draws every input once and holds it across the years (it is the
uncertainty about the input, not year-to-year noise; growth gives years
their shape). Results are distributions of NPSV, present values, outcomes,
cost per outcome and outcome payments, discounted with a Green Book schedule
(``green-book.md``) and recorded with its edition.

Numbers here are floats (binary64), not exact pence: the policy model is
statistical. Use the ``Stream``-based appraisal for exact money.

What the seed guarantees: the same model, seed, number of draws and backend
give identical results, on the same Python (``python`` backend) or numpy
(``numpy`` backend) version. Each input's draws come from its own generator,
seeded from the seed and the input's key alone, so adding or removing an
option or input does not change the draws of the others. The ``numpy`` and
``python`` backends draw different (statistically equivalent) numbers for
the same seed; numpy does not promise identical streams across its versions.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import random
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._validation import Checker
from ._discounting import DiscountSchedule, Edition
from ._numbers import as_float
from ._optimism_bias import OptimismBias
from ._repr import html_table, money, number
from ._tables import frame

__all__ = [
    "METRICS",
    "PARAMETERS",
    "Distribution",
    "Evaluation",
    "Fixed",
    "Normal",
    "OptionModel",
    "OptionOutcome",
    "Pert",
    "PolicyModel",
    "Scenario",
    "SimulationResult",
    "Triangular",
    "Uniform",
    "simulate",
]

#: The inputs of an option, in the order they are listed and drawn.
PARAMETERS = (
    "setup_cost",
    "fixed_cost",
    "unit_cost",
    "payment_per_outcome",
    "volume",
    "volume_growth",
    "effect",
    "value_per_outcome",
)

#: What a run produces for each option.
METRICS = ("npsv", "pv_costs", "pv_benefits", "outcomes", "cost_per_outcome", "outcome_payments")

_P10 = 1.2815515655446004  # standard normal quantile for 90%


class Distribution:
    """An uncertain input: the base of [`Fixed`][commissioning.appraisal.Fixed], [`Uniform`][commissioning.appraisal.Uniform], [`Triangular`][commissioning.appraisal.Triangular], [`Pert`][commissioning.appraisal.Pert], [`Normal`][commissioning.appraisal.Normal].

    Every distribution has a [`mean`][commissioning.appraisal.Distribution.mean] (the central case) and a
    [`swing`][commissioning.appraisal.Distribution.swing], the low and high values used for sensitivity analysis.

    Examples:
        >>> isinstance(Uniform(1, 3), Distribution)
        True
    """

    __slots__ = ()

    @property
    def mean(self) -> float:
        """The central value (the mean)."""
        raise NotImplementedError  # pragma: no cover - every subclass defines it

    @property
    def swing(self) -> tuple[float, float]:
        """The low and high values for sensitivity analysis."""
        raise NotImplementedError  # pragma: no cover

    def draw_python(self, rng: random.Random, n: int) -> list[float]:
        """``n`` draws with Python's ``random`` (the pure-Python backend)."""
        raise NotImplementedError  # pragma: no cover

    def draw_numpy(self, rng: Any, n: int) -> Any:
        """``n`` draws with a numpy ``Generator`` (the numpy backend)."""
        raise NotImplementedError  # pragma: no cover


def _low(value: Any) -> float:
    return as_float(value, field="low")


def _mode(value: Any) -> float:
    return as_float(value, field="mode")


def _high(value: Any) -> float:
    return as_float(value, field="high")


def _mean(value: Any) -> float:
    return as_float(value, field="mean")


def _sd(value: Any) -> float:
    return as_float(value, field="sd")


def _value(value: Any) -> float:
    return as_float(value, field="value")


@attrs.frozen
class Fixed(Distribution):
    """A known value: no uncertainty.

    Examples:
        >>> Fixed(3).mean, Fixed(3).swing
        (3.0, (3.0, 3.0))
    """

    value: float = attrs.field(converter=_value)

    @property
    def mean(self) -> float:
        """The value itself.

        Examples:
            >>> Fixed("2.5").mean
            2.5
        """
        return self.value

    @property
    def swing(self) -> tuple[float, float]:
        """No swing: the value twice.

        Examples:
            >>> Fixed(1).swing
            (1.0, 1.0)
        """
        return (self.value, self.value)

    def draw_python(self, rng: random.Random, n: int) -> list[float]:
        """The value ``n`` times.

        Examples:
            >>> Fixed(1).draw_python(random.Random(0), 2)
            [1.0, 1.0]
        """
        return [self.value] * n

    def draw_numpy(self, rng: Any, n: int) -> Any:
        """The value ``n`` times, as an array.

        Examples:
            >>> Fixed(1).draw_numpy(None, 2).tolist()
            [1.0, 1.0]
        """
        import numpy as np  # noqa: PLC0415 - optional extra, imported only on the numpy backend

        return np.full(n, self.value)


@attrs.frozen
class Uniform(Distribution):
    """Every value between ``low`` and ``high`` equally likely.

    Examples:
        >>> Uniform(2, 4).mean
        3.0
    """

    low: float = attrs.field(converter=_low)
    high: float = attrs.field(converter=_high)

    def __attrs_post_init__(self) -> None:
        if not self.low < self.high:
            raise InvalidInput.of("high", f"a value above low ({self.low})", self.high)

    @property
    def mean(self) -> float:
        """``(low + high) / 2``.

        Examples:
            >>> Uniform(0, 1).mean
            0.5
        """
        return (self.low + self.high) / 2

    @property
    def swing(self) -> tuple[float, float]:
        """``(low, high)``.

        Examples:
            >>> Uniform(0, 1).swing
            (0.0, 1.0)
        """
        return (self.low, self.high)

    def draw_python(self, rng: random.Random, n: int) -> list[float]:
        """``n`` draws with ``random.Random.uniform``.

        Examples:
            >>> all(0 <= x <= 1 for x in Uniform(0, 1).draw_python(random.Random(1), 5))
            True
        """
        return [rng.uniform(self.low, self.high) for _ in range(n)]

    def draw_numpy(self, rng: Any, n: int) -> Any:
        """``n`` draws with ``Generator.uniform``.

        Examples:
            >>> import numpy as np
            >>> draws = Uniform(0, 1).draw_numpy(np.random.default_rng(1), 3)
            >>> draws.shape, bool(((draws >= 0) & (draws <= 1)).all())
            ((3,), True)
        """
        return rng.uniform(self.low, self.high, n)


@attrs.frozen
class _ThreePoint(Distribution):
    """The inputs [`Triangular`][commissioning.appraisal.Triangular] and [`Pert`][commissioning.appraisal.Pert] share: ``low``, most likely ``mode``, ``high``."""

    low: float = attrs.field(converter=_low)
    mode: float = attrs.field(converter=_mode)
    high: float = attrs.field(converter=_high)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.that(self.low < self.high, "high", f"a value above low ({self.low})", self.high)
        check.that(
            self.low <= self.mode <= self.high,
            "mode",
            f"a value from low ({self.low}) to high ({self.high})",
            self.mode,
        )
        check.done()

    @property
    def swing(self) -> tuple[float, float]:
        """``(low, high)``.

        Examples:
            >>> Triangular(0, 1, 3).swing, Pert(0, 1, 2).swing
            ((0.0, 3.0), (0.0, 2.0))
        """
        return (self.low, self.high)


@attrs.frozen
class Triangular(_ThreePoint):
    """A triangular distribution: ``low``, most likely ``mode``, ``high``.

    Examples:
        >>> Triangular(1, 2, 6).mean
        3.0
    """

    @property
    def mean(self) -> float:
        """``(low + mode + high) / 3``.

        Examples:
            >>> Triangular(0, 0, 3).mean
            1.0
        """
        return (self.low + self.mode + self.high) / 3

    def draw_python(self, rng: random.Random, n: int) -> list[float]:
        """``n`` draws with ``random.Random.triangular``.

        Examples:
            >>> all(0 <= x <= 3 for x in Triangular(0, 1, 3).draw_python(random.Random(1), 5))
            True
        """
        return [rng.triangular(self.low, self.high, self.mode) for _ in range(n)]

    def draw_numpy(self, rng: Any, n: int) -> Any:
        """``n`` draws with ``Generator.triangular``.

        Examples:
            >>> import numpy as np
            >>> draws = Triangular(0, 1, 3).draw_numpy(np.random.default_rng(1), 3)
            >>> draws.shape, bool(((draws >= 0) & (draws <= 3)).all())
            ((3,), True)
        """
        return rng.triangular(self.low, self.mode, self.high, n)


@attrs.frozen
class Pert(_ThreePoint):
    """A (beta-)PERT distribution: ``low``, most likely ``mode``, ``high``; smoother than triangular.

    Examples:
        >>> Pert(0, 3, 12).mean
        4.0
    """

    @property
    def _shape(self) -> tuple[float, float]:
        span = self.high - self.low
        return (1 + 4 * (self.mode - self.low) / span, 1 + 4 * (self.high - self.mode) / span)

    @property
    def mean(self) -> float:
        """``(low + 4 * mode + high) / 6``.

        Examples:
            >>> Pert(0, 1, 2).mean
            1.0
        """
        return (self.low + 4 * self.mode + self.high) / 6

    def draw_python(self, rng: random.Random, n: int) -> list[float]:
        """``n`` draws with ``random.Random.betavariate``, scaled to the range.

        Examples:
            >>> all(0 <= x <= 2 for x in Pert(0, 1, 2).draw_python(random.Random(1), 5))
            True
        """
        a, b = self._shape
        span = self.high - self.low
        return [self.low + span * rng.betavariate(a, b) for _ in range(n)]

    def draw_numpy(self, rng: Any, n: int) -> Any:
        """``n`` draws with ``Generator.beta``, scaled to the range.

        Examples:
            >>> import numpy as np
            >>> draws = Pert(0, 1, 2).draw_numpy(np.random.default_rng(1), 3)
            >>> draws.shape, bool(((draws >= 0) & (draws <= 2)).all())
            ((3,), True)
        """
        a, b = self._shape
        return self.low + (self.high - self.low) * rng.beta(a, b, n)


@attrs.frozen
class Normal(Distribution):
    """A normal distribution; its swing for sensitivity is the 10th to 90th percentile.

    Examples:
        >>> [round(x, 2) for x in Normal(100, 10).swing]
        [87.18, 112.82]
    """

    mean_value: float = attrs.field(converter=_mean, alias="mean")
    sd: float = attrs.field(converter=_sd)

    def __attrs_post_init__(self) -> None:
        if not self.sd > 0:
            raise InvalidInput.of("sd", "a standard deviation above 0", self.sd)

    @property
    def mean(self) -> float:
        """The mean.

        Examples:
            >>> Normal(5, 1).mean
            5.0
        """
        return self.mean_value

    @property
    def swing(self) -> tuple[float, float]:
        """``mean -/+ 1.2816 sd`` (10th and 90th percentiles).

        Examples:
            >>> round(Normal(0, 1).swing[1], 4)
            1.2816
        """
        return (self.mean_value - _P10 * self.sd, self.mean_value + _P10 * self.sd)

    def draw_python(self, rng: random.Random, n: int) -> list[float]:
        """``n`` draws with ``random.Random.normalvariate``.

        Examples:
            >>> len(Normal(0, 1).draw_python(random.Random(1), 4))
            4
        """
        return [rng.normalvariate(self.mean_value, self.sd) for _ in range(n)]

    def draw_numpy(self, rng: Any, n: int) -> Any:
        """``n`` draws with ``Generator.normal``.

        Examples:
            >>> import numpy as np
            >>> Normal(0, 1).draw_numpy(np.random.default_rng(1), 3).shape
            (3,)
        """
        return rng.normal(self.mean_value, self.sd, n)


def _inputs_map(value: Any) -> Any:
    """Freeze a mapping of inputs, plain numbers made [`Fixed`][commissioning.appraisal.Fixed] (anything else is left for validation)."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _input(v) for k, v in value.items()})
    return value


def _input(value: Any) -> Any:
    """Plain numbers become [`Fixed`][commissioning.appraisal.Fixed]; distributions and shared-input names pass through."""
    if isinstance(value, Distribution | str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Fixed(value)
    return value


_ZERO = Fixed(0)


@attrs.frozen
class OptionModel:
    """One option in a policy model: its uncertain costs, volumes and outcome effects.

    Each input is a [`Distribution`][commissioning.appraisal.Distribution], a plain number (made [`Fixed`][commissioning.appraisal.Fixed])
    or the name of a shared input of the [`PolicyModel`][commissioning.appraisal.PolicyModel]. Per year ``t``
    (``0`` to ``years - 1``)::

        served(t)   = volume * (1 + volume_growth) ** t
        outcomes(t) = served(t) * effect
        costs(t)    = (fixed_cost + unit_cost * served(t) + payment_per_outcome * outcomes(t)
                       + setup_cost if t == 0) * optimism bias multiplier
        benefits(t) = outcomes(t) * value_per_outcome

    Attributes:
        name: the option's name.
        setup_cost: one-off cost in year 0.
        fixed_cost: cost each year regardless of volume.
        unit_cost: cost per person served.
        payment_per_outcome: outcome payment to a provider per outcome (a cost).
        volume: people served in year 0.
        volume_growth: growth in people served per year (0.02 for 2%).
        effect: outcomes per person served (a proportion, or a rate).
        value_per_outcome: social value of one outcome, in pounds (a benefit).
        optimism_bias: optimism bias applied to every cost, if any.

    Examples:
        >>> model = OptionModel("in-house", unit_cost=Triangular(900, 1000, 1300), volume=500,
        ...                     effect=Uniform(0.3, 0.5), value_per_outcome=4000)
        >>> model.unit_cost.mean
        1066.6666666666667
    """

    name: str
    setup_cost: Distribution | str = attrs.field(default=_ZERO, converter=_input, kw_only=True)
    fixed_cost: Distribution | str = attrs.field(default=_ZERO, converter=_input, kw_only=True)
    unit_cost: Distribution | str = attrs.field(default=_ZERO, converter=_input, kw_only=True)
    payment_per_outcome: Distribution | str = attrs.field(
        default=_ZERO, converter=_input, kw_only=True
    )
    volume: Distribution | str = attrs.field(default=_ZERO, converter=_input, kw_only=True)
    volume_growth: Distribution | str = attrs.field(default=_ZERO, converter=_input, kw_only=True)
    effect: Distribution | str = attrs.field(default=_ZERO, converter=_input, kw_only=True)
    value_per_outcome: Distribution | str = attrs.field(
        default=_ZERO, converter=_input, kw_only=True
    )
    optimism_bias: OptimismBias | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "an option name (str)"):
            check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        for field in PARAMETERS:
            check.type(
                field,
                getattr(self, field),
                (Distribution, str),
                "a Distribution, a number, or the name of a shared input",
            )
        if self.optimism_bias is not None:
            check.type("optimism_bias", self.optimism_bias, OptimismBias, "an OptimismBias or None")
        check.done()

    @property
    def cost_multiplier(self) -> float:
        """``1 + optimism bias / 100`` as a float (1.0 without optimism bias).

        Examples:
            >>> OptionModel("x").cost_multiplier
            1.0
        """
        return 1.0 if self.optimism_bias is None else float(self.optimism_bias.multiplier)


@attrs.frozen
class Scenario:
    """A named set of changes to a model's inputs (for example "high demand").

    Keys are input keys ([`PolicyModel.inputs`][commissioning.appraisal.PolicyModel.inputs]): a shared input's name,
    or ``"option name.input"``. Values are distributions or plain numbers.

    Examples:
        >>> Scenario("high demand", {"demand": 900}).changes["demand"]
        Fixed(value=900.0)
    """

    name: str
    changes: Mapping[str, Distribution] = attrs.field(converter=_inputs_map)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "a scenario name (str)"):
            check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        if check.type("changes", self.changes, Mapping, "a mapping of input key to distribution"):
            for key, value in self.changes.items():
                check.type(f"changes[{key!r}]", value, Distribution, "a Distribution or a number")
        check.done()


@attrs.frozen
class OptionOutcome:
    """One option's results in one evaluation: present values, NPSV, outcomes, cost per outcome.

    Attributes:
        npsv: PV(benefits) - PV(costs), pounds.
        pv_costs: present value of costs.
        pv_benefits: present value of benefits.
        outcomes: outcomes over the horizon (not discounted).
        cost_per_outcome: ``pv_costs / outcomes`` (NaN when there are no outcomes).
        outcome_payments: outcome payments over the horizon, real terms, not discounted.

    Examples:
        >>> PolicyModel.example().central().outcome("in-house").outcomes
        3466.666666666667
    """

    npsv: float
    pv_costs: float
    pv_benefits: float
    outcomes: float
    cost_per_outcome: float
    outcome_payments: float


@attrs.frozen
class Evaluation:
    """A deterministic evaluation of a policy model (central case, a scenario, or given values).

    Attributes:
        label: what was evaluated ("central case" or the scenario's name).
        options: each option's name and results, in model order.
        preferred: the option with the highest NPSV (the first, on a tie).
        edition: the Green Book edition followed.

    Examples:
        >>> PolicyModel.example().central().preferred
        'outsourced'
    """

    label: str
    options: tuple[tuple[str, OptionOutcome], ...]
    preferred: str
    edition: Edition

    def outcome(self, name: str) -> OptionOutcome:
        """The results for the option called ``name``.

        Examples:
            >>> round(PolicyModel.example().central().outcome("in-house").npsv)
            1686588
        """
        for option, outcome in self.options:
            if option == name:
                return outcome
        raise InvalidInput.of("name", f"one of {[o for o, _ in self.options]}", name)

    def to_rows(self) -> tuple[Mapping[str, Any], ...]:
        """One row per option with every metric.

        Examples:
            >>> PolicyModel.example().central().to_rows()[0]["option"]
            'in-house'
        """
        return tuple(
            MappingProxyType({"scenario": self.label, "option": name, **attrs.asdict(outcome)})
            for name, outcome in self.options
        )

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra).

        Examples:
            >>> table = PolicyModel.example().central().to_frame()
            >>> list(table.index), table.shape
            (['in-house', 'outsourced'], (2, 7))
            >>> float(table.loc["outsourced", "outcome_payments"])
            1600000.0
        """
        return frame(self.to_rows(), index="option")

    def _repr_html_(self) -> str:
        rows = [
            (
                name,
                money(o.npsv),
                money(o.pv_costs),
                money(o.pv_benefits),
                number(o.outcomes, 6),
                "n/a" if math.isnan(o.cost_per_outcome) else money(o.cost_per_outcome),
                money(o.outcome_payments),
            )
            for name, o in self.options
        ]
        return html_table(
            f"{self.label}: {self.preferred!r} preferred ({self.edition.value})",
            (
                "option",
                "NPSV",
                "PV costs",
                "PV benefits",
                "outcomes",
                "cost per outcome",
                "outcome payments",
            ),
            rows,
        )


@attrs.frozen
class PolicyModel:
    """Options with uncertain inputs over a horizon, discounted with a Green Book schedule.

    Attributes:
        options: the options (names unique; at least two to compare).
        years: the horizon in years (year 0 to ``years - 1``).
        schedule: the discount schedule (the standard one by default).
        shared: named inputs that options refer to by name (drawn once per
            run and shared by every option using them).

    Examples:
        >>> model = PolicyModel.example()
        >>> sorted(model.inputs())[:3]
        ['demand', 'in-house.effect', 'in-house.fixed_cost']
    """

    options: tuple[OptionModel, ...]
    years: int
    schedule: DiscountSchedule = attrs.field(factory=DiscountSchedule.standard)
    shared: Mapping[str, Distribution] = attrs.field(
        factory=dict,
        converter=_inputs_map,
    )

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("options", self.options, tuple, "a tuple of OptionModel"):
            for i, option in enumerate(self.options):
                check.type(f"options[{i}]", option, OptionModel, "an OptionModel")
        if check.type("years", self.years, int, "a number of years (int)"):
            check.that(self.years >= 1, "years", "at least 1 year", self.years)
        check.type("schedule", self.schedule, DiscountSchedule, "a DiscountSchedule")
        if check.type("shared", self.shared, Mapping, "a mapping of name to distribution"):
            for key, value in self.shared.items():
                if check.type("shared", key, str, "input names (str)"):
                    check.that(
                        "." not in key and bool(key.strip()),
                        "shared",
                        "a non-empty name without '.'",
                        key,
                    )
                check.type(f"shared[{key!r}]", value, Distribution, "a Distribution or a number")
        check.done()
        check.that(
            len(self.options) >= 2, "options", "at least two options to compare", len(self.options)
        )
        names = [o.name for o in self.options]
        for i, name in enumerate(names):
            check.that(name not in names[:i], f"options[{i}].name", "a unique option name", name)
        for i, option in enumerate(self.options):
            for field in PARAMETERS:
                ref = getattr(option, field)
                if isinstance(ref, str):
                    check.that(
                        ref in self.shared,
                        f"options[{i}].{field}",
                        f"the name of a shared input ({sorted(self.shared)})",
                        ref,
                    )
        last = self.schedule.last_year
        check.that(
            last is None or self.years - 1 <= last,
            "years",
            f"a horizon the {self.schedule.name!r} schedule covers (to year {last})",
            self.years,
        )
        check.done()

    @property
    def names(self) -> tuple[str, ...]:
        """The options' names, in order.

        Examples:
            >>> PolicyModel.example().names
            ('in-house', 'outsourced')
        """
        return tuple(o.name for o in self.options)

    def inputs(self) -> Mapping[str, Distribution]:
        """Every independent input by key: shared inputs by name, the rest as ``"option.input"``.

        Examples:
            >>> PolicyModel.example().inputs()["outsourced.payment_per_outcome"]
            Fixed(value=500.0)
        """
        found: dict[str, Distribution] = dict(self.shared)
        for option in self.options:
            for field in PARAMETERS:
                value = getattr(option, field)
                if isinstance(value, Distribution):
                    found[f"{option.name}.{field}"] = value
        return MappingProxyType(found)

    def input_key(self, option: OptionModel, field: str) -> str:
        """The key of the input that ``option`` uses for ``field`` (a shared input's name, or ``"option.field"``).

        Examples:
            >>> model = PolicyModel.example()
            >>> model.input_key(model.options[0], "volume"), model.input_key(model.options[0], "effect")
            ('demand', 'in-house.effect')
        """
        value = getattr(option, field)
        return value if isinstance(value, str) else f"{option.name}.{field}"

    def under(self, scenario: Scenario) -> PolicyModel:
        """The model with a scenario's changes applied.

        Examples:
            >>> PolicyModel.example().under(Scenario("busy", {"demand": 800})).inputs()["demand"]
            Fixed(value=800.0)
        """
        if not isinstance(scenario, Scenario):
            raise InvalidInputType([Problem("scenario", "a Scenario", scenario, "type")])
        return self.with_inputs(scenario.changes)

    def with_inputs(self, changes: Mapping[str, Distribution | float]) -> PolicyModel:
        """The model with some inputs replaced, by key (see [`inputs`][commissioning.appraisal.PolicyModel.inputs]).

        Examples:
            >>> PolicyModel.example().with_inputs({"in-house.unit_cost": 1}).inputs()["in-house.unit_cost"]
            Fixed(value=1.0)
        """
        known = self.inputs()
        check = Checker()
        for key in changes:
            check.that(key in known, "changes", f"input keys of this model ({sorted(known)})", key)
        check.done()
        shared = dict(self.shared)
        options = []
        for option in self.options:
            updates = {}
            for field in PARAMETERS:
                key = f"{option.name}.{field}"
                if key in changes and not isinstance(getattr(option, field), str):
                    updates[field] = _input(changes[key])
            options.append(attrs.evolve(option, **updates) if updates else option)
        for key in self.shared:
            if key in changes:
                shared[key] = _input(changes[key])
        return attrs.evolve(self, options=tuple(options), shared=shared)

    def discount_factors(self) -> tuple[float, ...]:
        """The schedule's factors for years 0 to ``years - 1``, as floats.

        Examples:
            >>> [round(f, 4) for f in PolicyModel.example().discount_factors()[:2]]
            [1.0, 0.9662]
        """
        return tuple(float(f) for f in self.schedule.factors(self.years - 1))

    def evaluate(
        self, values: Mapping[str, float] | None = None, *, label: str = "central case"
    ) -> Evaluation:
        """Evaluate at fixed values: each input's mean, except those given by key.

        Examples:
            >>> round(PolicyModel.example().evaluate({"demand": 0}).outcome("in-house").npsv)
            -2368588
        """
        inputs = self.inputs()
        given = {} if values is None else dict(values)
        check = Checker()
        for key, value in given.items():
            if check.that(
                key in inputs, "values", f"input keys of this model ({sorted(inputs)})", key
            ):
                check.type(f"values[{key!r}]", value, (int, float), "a number")
        check.done()
        point = {key: float(given.get(key, dist.mean)) for key, dist in inputs.items()}
        dfs = self.discount_factors()
        outcomes = []
        for option in self.options:
            params = {field: point[self.input_key(option, field)] for field in PARAMETERS}
            metrics = _metrics(params, dfs, option.cost_multiplier, _divide_float)
            outcomes.append((option.name, OptionOutcome(*metrics)))
        preferred = max(outcomes, key=lambda pair: pair[1].npsv)[0]
        return Evaluation(label, tuple(outcomes), preferred, self.schedule.edition)

    def central(self) -> Evaluation:
        """The central case: every input at its mean.

        Examples:
            >>> PolicyModel.example().central().label
            'central case'
        """
        return self.evaluate()

    def compare(self, *scenarios: Scenario) -> tuple[Evaluation, ...]:
        """The central case and each scenario's, evaluated at the means.

        Examples:
            >>> [e.preferred for e in PolicyModel.example().compare(Scenario("low effect", {"outsourced.effect": 0.2}))]
            ['outsourced', 'in-house']
        """
        found = [self.central()]
        for scenario in scenarios:
            found.append(self.under(scenario).evaluate(label=scenario.name))
        return tuple(found)

    def simulate(self, *, draws: int, seed: int, backend: str = "auto") -> SimulationResult:
        """Monte Carlo simulation with an explicit seed (see [`simulate`][commissioning.appraisal.simulate]).

        Examples:
            >>> PolicyModel.example().simulate(draws=100, seed=1, backend="python").draws
            100
        """
        return simulate(self, draws=draws, seed=seed, backend=backend)

    @classmethod
    def example(cls) -> PolicyModel:
        """A small worked model: reablement in-house or outsourced with outcome payments, ten years.

        Examples:
            >>> PolicyModel.example().years
            10
        """
        return cls(
            options=(
                OptionModel(
                    "in-house",
                    setup_cost=Triangular(150_000, 200_000, 300_000),
                    fixed_cost=250_000,
                    unit_cost=Triangular(900, 1_000, 1_300),
                    volume="demand",
                    effect=Uniform(0.55, 0.75),
                    value_per_outcome="value of an outcome",
                ),
                OptionModel(
                    "outsourced",
                    fixed_cost=100_000,
                    unit_cost=Pert(800, 900, 1_200),
                    payment_per_outcome=500,
                    volume="demand",
                    effect=Uniform(0.5, 0.7),
                    value_per_outcome="value of an outcome",
                ),
            ),
            years=10,
            shared={"demand": Triangular(400, 500, 700), "value of an outcome": Normal(3_000, 600)},
        )

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The stored form: ``format`` (``"commissioning.policy-model"``), ``format_version`` (1), then the model.

        Distributions are ``{"kind": ..., parameters}``; a shared input is named by
        its string; optimism bias percentages and discount rates are exact
        decimal strings. [`from_data`][commissioning.appraisal.PolicyModel.from_data] reads it back into an equal model.

        Examples:
            >>> import json
            >>> model = PolicyModel.example()
            >>> data = model.to_data()
            >>> data["format"], data["years"], data["shared"]["demand"]["kind"]
            ('commissioning.policy-model', 10, 'triangular')
            >>> PolicyModel.from_data(json.loads(json.dumps(data))) == model
            True
        """
        from ._stored import policy_model_to_data  # noqa: PLC0415 - that module imports this one

        return policy_model_to_data(self)

    @classmethod
    def from_data(cls, data: Any, /) -> PolicyModel:
        """Load what [`to_data`][commissioning.appraisal.PolicyModel.to_data] wrote, through the checked reader.

        Anything that is not the format raises [`InvalidInput`][commissioning.InvalidInput]
        naming its path; an unknown ``format_version`` is refused.

        Examples:
            >>> PolicyModel.from_data({"format": "commissioning.policy-model", "format_version": 1,
            ...     "options": [], "years": 0, "schedule": {}, "shared": {}})
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: years: expected an int of at least 1, received 0
        """
        from ._stored import policy_model_from  # noqa: PLC0415 - as above

        return policy_model_from(data)


def _divide_float(a: float, b: float) -> float:
    return a / b if b != 0 else math.nan


def _metrics(
    p: Mapping[str, Any], dfs: Sequence[float], multiplier: float, divide: Callable[[Any, Any], Any]
) -> tuple[Any, ...]:
    """The model's formula, written once for floats and numpy arrays alike (one draw or many)."""
    growth = 1 + p["volume_growth"]
    factor = growth * 0 + 1  # growth ** 0, shaped like growth
    served_pv = 0 * growth  # sum of DF(t) * growth ** t
    served_total = 0 * growth  # sum of growth ** t
    annuity = math.fsum(dfs)
    for df in dfs:
        served_pv = served_pv + df * factor
        served_total = served_total + factor
        factor = factor * growth
    volume, effect = p["volume"], p["effect"]
    pv_costs = multiplier * (
        p["setup_cost"]
        + p["fixed_cost"] * annuity
        + (p["unit_cost"] + p["payment_per_outcome"] * effect) * volume * served_pv
    )
    pv_benefits = p["value_per_outcome"] * effect * volume * served_pv
    outcomes = effect * volume * served_total
    payments = p["payment_per_outcome"] * outcomes
    return (
        pv_benefits - pv_costs,
        pv_costs,
        pv_benefits,
        outcomes,
        divide(pv_costs, outcomes),
        payments,
    )


def _seed_for(seed: int, key: str) -> int:
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return int.from_bytes(digest[:16], "big")


@attrs.frozen
class SimulationResult:
    """The distributions from a seeded Monte Carlo run: each metric for each option, draw by draw.

    Attributes:
        model: the model simulated.
        draws: the number of runs.
        seed: the seed.
        backend: ``"numpy"`` or ``"python"``.
        edition: the Green Book edition of the discount schedule.
        uses_unconfirmed_rate: whether any discount rate used is UNCONFIRMED.

    Examples:
        >>> result = PolicyModel.example().simulate(draws=2_000, seed=7, backend="python")
        >>> 0.5 < result.probability_preferred("outsourced") < 1
        True
    """

    model: PolicyModel
    draws: int
    seed: int
    backend: str
    edition: Edition
    uses_unconfirmed_rate: bool
    _samples: Mapping[tuple[str, str], Sequence[float]] = attrs.field(eq=False, repr=False)

    def values(self, option: str, metric: str = "npsv") -> tuple[float, ...]:
        """Every draw of ``metric`` for ``option``, in draw order.

        Examples:
            >>> len(PolicyModel.example().simulate(draws=10, seed=1, backend="python").values("in-house"))
            10
        """
        return tuple(float(x) for x in self._series(option, metric))

    def array(self, option: str, metric: str = "npsv") -> Any:
        """The draws as a read-only numpy array (needs numpy).

        Examples:
            >>> draws = PolicyModel.example().simulate(draws=10, seed=1).array("in-house")
            >>> draws.shape, draws.flags.writeable
            ((10,), False)
        """
        import numpy as np  # noqa: PLC0415 - optional extra, imported only when an array is asked for

        data = np.asarray(self._series(option, metric), dtype=float)
        data.flags.writeable = False
        return data

    def _series(self, option: str, metric: str) -> Sequence[float]:
        check = Checker()
        check.that(option in self.model.names, "option", f"one of {list(self.model.names)}", option)
        check.that(metric in METRICS, "metric", f"one of {list(METRICS)}", metric)
        check.done()
        return self._samples[(option, metric)]

    def mean(self, option: str, metric: str = "npsv") -> float:
        """The mean of ``metric`` for ``option`` (NaN draws ignored).

        Examples:
            >>> r = PolicyModel.example().simulate(draws=500, seed=3, backend="python")
            >>> abs(r.mean("in-house") - PolicyModel.example().central().outcome("in-house").npsv) < 300_000
            True
        """
        series = self._series(option, metric)
        if hasattr(series, "dtype"):
            import numpy as np  # noqa: PLC0415 - the numpy backend's arrays: numpy is installed

            finite = np.asarray(series)[~np.isnan(series)]
            return float(finite.mean()) if finite.size else math.nan
        data = [x for x in series if not math.isnan(x)]
        return math.fsum(data) / len(data) if data else math.nan

    def percentile(self, option: str, metric: str = "npsv", q: float = 50) -> float:
        """The ``q``-th percentile (0 to 100; linear interpolation, as numpy's default).

        Examples:
            >>> r = PolicyModel.example().simulate(draws=500, seed=3, backend="python")
            >>> r.percentile("in-house", q=5) < r.percentile("in-house", q=95)
            True
        """
        return self._percentiles(option, metric, (q,))[0]

    def _percentiles(self, option: str, metric: str, qs: Sequence[float]) -> tuple[float, ...]:
        for q in qs:
            if isinstance(q, bool) or not (isinstance(q, int | float) and 0 <= q <= 100):
                raise InvalidInput.of("q", "a percentile from 0 to 100", q)
        series = self._series(option, metric)
        if hasattr(series, "dtype"):
            import numpy as np  # noqa: PLC0415 - the numpy backend's arrays: numpy is installed

            finite = np.asarray(series)[~np.isnan(series)]
            if not finite.size:
                return tuple(math.nan for _ in qs)
            return tuple(float(x) for x in np.percentile(finite, list(qs)))
        data = sorted(x for x in series if not math.isnan(x))
        if not data:
            return tuple(math.nan for _ in qs)
        found = []
        for q in qs:
            position = (len(data) - 1) * q / 100
            below = math.floor(position)
            above = min(below + 1, len(data) - 1)
            found.append(data[below] + (data[above] - data[below]) * (position - below))
        return tuple(found)

    def probability_preferred(self, option: str) -> float:
        """The share of runs in which ``option`` has the highest NPSV (ties to the first option).

        Examples:
            >>> r = PolicyModel.example().simulate(draws=200, seed=3, backend="python")
            >>> round(r.probability_preferred("in-house") + r.probability_preferred("outsourced"), 9)
            1.0
        """
        self._series(option, "npsv")
        return self._wins()[self.model.names.index(option)] / self.draws

    def _wins(self) -> tuple[int, ...]:
        columns = [self._series(name, "npsv") for name in self.model.names]
        if hasattr(columns[0], "dtype"):
            import numpy as np  # noqa: PLC0415 - the numpy backend's arrays: numpy is installed

            best = np.argmax(np.vstack(columns), axis=0)
            counts = np.bincount(best, minlength=len(columns))
            return tuple(int(c) for c in counts)
        wins = [0] * len(columns)
        for run in zip(*columns, strict=True):
            wins[max(range(len(run)), key=run.__getitem__)] += 1
        return tuple(wins)

    def summary(self) -> tuple[Mapping[str, Any], ...]:
        """One row per option: NPSV mean and 5th/50th/95th percentiles, chance of being preferred, and more.

        Examples:
            >>> PolicyModel.example().simulate(draws=100, seed=1, backend="python").summary()[0]["option"]
            'in-house'
        """
        rows = []
        wins = self._wins()
        for name, won in zip(self.model.names, wins, strict=True):
            p5, p50, p95 = self._percentiles(name, "npsv", (5, 50, 95))
            rows.append(
                MappingProxyType(
                    {
                        "option": name,
                        "npsv_mean": self.mean(name),
                        "npsv_p5": p5,
                        "npsv_p50": p50,
                        "npsv_p95": p95,
                        "probability_preferred": won / self.draws,
                        "cost_per_outcome_mean": self.mean(name, "cost_per_outcome"),
                        "outcome_payments_mean": self.mean(name, "outcome_payments"),
                    }
                )
            )
        return tuple(rows)

    def to_frame(self, *, summary: bool = True) -> Any:
        """The summary (or, with ``summary=False``, every draw in long form) as a DataFrame (``pandas`` extra).

        Examples:
            >>> result = PolicyModel.example().simulate(draws=10, seed=1)
            >>> summary = result.to_frame()
            >>> list(summary.index), list(summary.columns)[:2]
            (['in-house', 'outsourced'], ['npsv_mean', 'npsv_p5'])
            >>> result.to_frame(summary=False).shape  # 2 options x 10 draws, 8 columns
            (20, 8)
        """
        if summary:
            return frame(self.summary(), index="option")
        rows = (
            {"option": name, "draw": i, **{m: float(self._samples[(name, m)][i]) for m in METRICS}}
            for name in self.model.names
            for i in range(self.draws)
        )
        return frame(rows)

    def plot(self, *, metric: str = "npsv", ax: Any = None, bins: int = 50) -> Any:
        """Histograms of ``metric`` for every option on one axes (``plot`` extra: matplotlib).

        Examples:
            >>> ax = PolicyModel.example().simulate(draws=100, seed=1).plot()
            >>> ax.get_xlabel()
            'NPSV (£, present value)'
            >>> [text.get_text() for text in ax.get_legend().get_texts()]
            ['in-house', 'outsourced']
        """
        from ._plots import plot_distribution  # noqa: PLC0415 - keeps matplotlib's module out until a plot is asked for

        return plot_distribution(self, metric=metric, ax=ax, bins=bins)

    def _repr_html_(self) -> str:
        rows = [
            (
                r["option"],
                money(r["npsv_mean"]),
                money(r["npsv_p5"]),
                money(r["npsv_p95"]),
                f"{r['probability_preferred']:.1%}",
                "n/a"
                if math.isnan(r["cost_per_outcome_mean"])
                else money(r["cost_per_outcome_mean"]),
                money(r["outcome_payments_mean"]),
            )
            for r in self.summary()
        ]
        return html_table(
            f"Monte Carlo: {self.draws:,} draws, seed {self.seed}, {self.backend} backend "
            f"({self.model.schedule.name} schedule, {self.edition.value}"
            f"{'; UNCONFIRMED rate used' if self.uses_unconfirmed_rate else ''})",
            (
                "option",
                "NPSV mean",
                "NPSV P5",
                "NPSV P95",
                "P(preferred)",
                "cost per outcome",
                "outcome payments",
            ),
            rows,
        )


def _backend(name: str) -> str:
    if name not in ("auto", "numpy", "python"):
        raise InvalidInput.of("backend", "'auto', 'numpy' or 'python'", name)
    installed = importlib.util.find_spec("numpy") is not None
    if name == "numpy" and not installed:  # pragma: no cover - depends on the environment
        raise InvalidInput.of("backend", "'python' (numpy is not installed)", name)
    if name != "auto":
        return name
    return "numpy" if installed else "python"


def simulate(
    model: PolicyModel, *, draws: int, seed: int, backend: str = "auto"
) -> SimulationResult:
    """Run a seeded Monte Carlo simulation of ``model``.

    Args:
        model: the policy model.
        draws: the number of runs (at least 1).
        seed: the seed (an int); required, so that results can be reproduced.
        backend: ``"numpy"`` (vectorised; the ``numpy`` extra), ``"python"``
            (pure Python, slower) or ``"auto"`` (numpy when installed).

    Same model, seed, draws and backend give identical results (see the
    module notes for what the seed does and does not guarantee).

    Examples:
        >>> a = simulate(PolicyModel.example(), draws=50, seed=11, backend="python")
        >>> b = simulate(PolicyModel.example(), draws=50, seed=11, backend="python")
        >>> a.values("outsourced") == b.values("outsourced")
        True
    """
    check = Checker()
    check.type("model", model, PolicyModel, "a PolicyModel")
    if check.type("draws", draws, int, "a number of draws (int)"):
        check.that(draws >= 1, "draws", "at least 1 draw", draws)
    check.type("seed", seed, int, "an int seed")
    check.type("backend", backend, str, "'auto', 'numpy' or 'python'")
    check.done()
    chosen = _backend(backend)
    dfs = model.discount_factors()
    inputs = model.inputs()
    samples: dict[tuple[str, str], Any] = {}
    if chosen == "numpy":
        import numpy as np  # noqa: PLC0415 - optional extra, imported only on the numpy backend

        drawn = {
            key: dist.draw_numpy(np.random.default_rng(_seed_for(seed, key)), draws)
            for key, dist in inputs.items()
        }

        def divide(a: Any, b: Any) -> Any:
            return np.divide(a, b, out=np.full_like(a, np.nan, dtype=float), where=b != 0)

        for option in model.options:
            params = {field: drawn[model.input_key(option, field)] for field in PARAMETERS}
            metrics = _metrics(params, dfs, option.cost_multiplier, divide)
            for metric, values in zip(METRICS, metrics, strict=True):
                array = np.broadcast_to(np.asarray(values, dtype=float), (draws,)).copy()
                array.flags.writeable = False
                samples[(option.name, metric)] = array
    else:
        drawn_py = {}
        for key, dist in inputs.items():
            generator = random.Random(_seed_for(seed, key))  # noqa: S311 - simulation, not cryptography
            drawn_py[key] = dist.draw_python(generator, draws)
        for option in model.options:
            columns: list[list[float]] = [[] for _ in METRICS]
            keys = [model.input_key(option, field) for field in PARAMETERS]
            multiplier = option.cost_multiplier
            for i in range(draws):
                params = {
                    field: drawn_py[key][i] for field, key in zip(PARAMETERS, keys, strict=True)
                }
                for column, value in zip(
                    columns, _metrics(params, dfs, multiplier, _divide_float), strict=True
                ):
                    column.append(float(value))
            for metric, column in zip(METRICS, columns, strict=True):
                samples[(option.name, metric)] = tuple(column)
    return SimulationResult(
        model=model,
        draws=draws,
        seed=seed,
        backend=chosen,
        edition=model.schedule.edition,
        uses_unconfirmed_rate=model.schedule.uses_unconfirmed_rate(model.years - 1),
        samples=MappingProxyType(samples),
    )
