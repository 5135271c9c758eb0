"""Sensitivity analysis and switching values for a policy model.

Green Book practice (``green-book.md`` is silent on the method, so this is
the conventional one): vary one input at a time, the others held at their
central (mean) values. [`sensitivity`][commissioning.appraisal.sensitivity] swings each input across its
range and records an option's NPSV at both ends (the data of a tornado
chart); [`switching_values`][commissioning.appraisal.switching_values] finds how far each input must move, alone,
for the preferred option to change.

Switching values are found numerically: steps out from the central value,
doubling each time, until the preference changes, then bisection to a
relative precision of about 1e-12. A preference that changes and changes
back between two steps can be missed; every input of the model's formula is
linear (or, for growth, a polynomial) in the others' terms, so this is rare.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from .._validation import Checker
from ._discounting import Edition
from ._repr import html_table, money, number
from ._simulation import Fixed, PolicyModel
from ._tables import frame

__all__ = ["Sensitivity", "SensitivityRow", "SwitchingPoint", "sensitivity", "switching_values"]


@attrs.frozen
class SensitivityRow:
    """One input swung across its range, the others at their means.

    Attributes:
        input: the input's key.
        low: the input's low value.
        high: the input's high value.
        npsv_at_low: the option's NPSV with the input at ``low``.
        npsv_at_high: the option's NPSV with the input at ``high``.

    Examples:
        >>> row = sensitivity(PolicyModel.example()).rows[0]
        >>> row.input
        'value of an outcome'
    """

    input: str
    low: float
    high: float
    npsv_at_low: float
    npsv_at_high: float

    @property
    def width(self) -> float:
        """How far the NPSV moves across the range (the bar's length on a tornado chart).

        Examples:
            >>> sensitivity(PolicyModel.example()).rows[0].width > 0
            True
        """
        return abs(self.npsv_at_high - self.npsv_at_low)


@attrs.frozen
class Sensitivity:
    """One option's NPSV as each input swings across its range, widest first (a tornado chart's data).

    Attributes:
        option: the option whose NPSV is shown.
        base: its NPSV with every input at its mean.
        rows: one row per input that has a range and moves the option's NPSV,
            widest swing first.
        edition: the Green Book edition of the discount schedule.

    Examples:
        >>> s = sensitivity(PolicyModel.example(), option="in-house")
        >>> s.option, [r.input for r in s.rows][:2]
        ('in-house', ['value of an outcome', 'in-house.effect'])
    """

    option: str
    base: float
    rows: tuple[SensitivityRow, ...]
    edition: Edition

    def to_rows(self) -> tuple[Mapping[str, Any], ...]:
        """The rows as plain mappings.

        Examples:
            >>> sensitivity(PolicyModel.example()).to_rows()[0]["input"]
            'value of an outcome'
        """
        return tuple(
            MappingProxyType({"option": self.option, **attrs.asdict(r)}) for r in self.rows
        )

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (``pandas`` extra).

        Examples:
            >>> table = sensitivity(PolicyModel.example()).to_frame()
            >>> table.index.name, list(table.columns)
            ('input', ['option', 'low', 'high', 'npsv_at_low', 'npsv_at_high'])
            >>> list(table.index)[0]
            'value of an outcome'
        """
        return frame(self.to_rows(), index="input")

    def plot(self, *, ax: Any = None) -> Any:
        """A tornado chart (``plot`` extra: matplotlib).

        Examples:
            >>> ax = sensitivity(PolicyModel.example()).plot()
            >>> len(ax.patches)  # a low and a high bar for each of the four inputs
            8
            >>> ax.get_yticklabels()[-1].get_text()  # the widest swing, at the top
            'value of an outcome'
        """
        from ._plots import plot_tornado  # noqa: PLC0415 - keeps matplotlib's module out until a plot is asked for

        return plot_tornado(self, ax=ax)

    def _repr_html_(self) -> str:
        rows = [
            (
                r.input,
                number(r.low, 6),
                number(r.high, 6),
                money(r.npsv_at_low),
                money(r.npsv_at_high),
                money(r.width),
            )
            for r in self.rows
        ]
        return html_table(
            f"Sensitivity of {self.option!r} NPSV (base {money(self.base)}; {self.edition.value})",
            ("input", "low", "high", "NPSV at low", "NPSV at high", "swing"),
            rows,
        )


def _check_model(model: Any) -> PolicyModel:
    if not isinstance(model, PolicyModel):
        raise InvalidInputType([Problem("model", "a PolicyModel", model, "type")])
    return model


def sensitivity(model: PolicyModel, *, option: str | None = None) -> Sensitivity:
    """Swing each uncertain input across its range (one at a time) and record an option's NPSV.

    Args:
        model: the policy model.
        option: the option to show (the central case's preferred option by default).

    Examples:
        >>> s = sensitivity(PolicyModel.example())
        >>> s.option
        'outsourced'
        >>> all(a.width >= b.width for a, b in zip(s.rows, s.rows[1:]))
        True
    """
    _check_model(model)
    central = model.central()
    name = central.preferred if option is None else option
    if name not in model.names:
        raise InvalidInput.of("option", f"one of {list(model.names)}", name)
    rows = []
    for key, dist in model.inputs().items():
        low, high = dist.swing
        if low == high:
            continue
        at_low = model.evaluate({key: low}).outcome(name).npsv
        at_high = model.evaluate({key: high}).outcome(name).npsv
        if at_low != at_high:
            rows.append(SensitivityRow(key, low, high, at_low, at_high))
    rows.sort(key=lambda r: -r.width)
    return Sensitivity(name, central.outcome(name).npsv, tuple(rows), model.schedule.edition)


@attrs.frozen
class SwitchingPoint:
    """The value at which one input, moved alone, changes the preferred option.

    Attributes:
        input: the input's key.
        base: its central (mean) value.
        value: the value at which the preference changes, or ``None`` if no
            change was found within about 2**60 steps of 1% either way.
        switches_to: the option preferred beyond that value (``None`` if none).
        within_range: whether ``value`` lies inside the input's range (its swing).
        edition: the Green Book edition of the discount schedule.

    Examples:
        >>> point = switching_values(PolicyModel.example())[0]
        >>> point.input, point.switches_to, point.within_range
        ('in-house.effect', 'in-house', True)
    """

    input: str
    base: float
    value: float | None
    switches_to: str | None
    within_range: bool
    edition: Edition

    @property
    def change(self) -> float | None:
        """The move as a fraction of the base value (``None`` if the base is 0 or there is no switch).

        Examples:
            >>> round(switching_values(PolicyModel.example())[0].change, 4)
            0.006
        """
        if self.value is None or self.base == 0:
            return None
        return (self.value - self.base) / abs(self.base)

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.input}: no value found that changes the preferred option"
        change = "" if self.change is None else f" ({self.change:+.1%})"
        return (
            f"{self.input}: from {number(self.base, 6)} to {number(self.value, 6)}{change}, "
            f"{self.switches_to!r} becomes preferred"
            + ("" if self.within_range else " (outside the input's range)")
        )


def _preferred(model: PolicyModel, key: str, value: float) -> str:
    return model.evaluate({key: value}).preferred


def _search(model: PolicyModel, key: str, base: float, preferred: str, sign: int) -> float | None:
    step = max(abs(base) * 0.01, 1e-9)
    inside = base
    for k in range(64):
        candidate = base + sign * step * 2.0**k
        if not math.isfinite(candidate):
            return None
        if _preferred(model, key, candidate) != preferred:
            outside = candidate
            for _ in range(200):
                middle = (inside + outside) / 2
                if middle in (inside, outside):
                    break
                if _preferred(model, key, middle) == preferred:
                    inside = middle
                else:
                    outside = middle
            return outside
        inside = candidate
    return None


def switching_values(
    model: PolicyModel, *, inputs: Iterable[str] | None = None
) -> tuple[SwitchingPoint, ...]:
    """For each input, the value that would change the central case's preferred option (nearest first).

    Each input is moved alone, the others at their means, in both directions;
    the nearer change (relative to the base) is reported. The value returned
    is just past the switch: at it, another option is preferred.

    Args:
        model: the policy model.
        inputs: the input keys to test; by default every input except those
            left at ``Fixed(0)`` (inputs an option does not use).

    Examples:
        >>> for point in switching_values(PolicyModel.example())[:2]:
        ...     print(point)
        in-house.effect: from 0.65 to 0.653927 (+0.6%), 'in-house' becomes preferred
        outsourced.effect: from 0.6 to 0.595288 (-0.8%), 'in-house' becomes preferred
    """
    _check_model(model)
    preferred = model.central().preferred
    known = model.inputs()
    if inputs is None:
        keys = [key for key, dist in known.items() if dist != Fixed(0)]
    else:
        keys = list(inputs)
        check = Checker()
        for key in keys:
            check.that(key in known, "inputs", f"input keys of this model ({sorted(known)})", key)
        check.done()
    points = []
    edition = model.schedule.edition
    for key in keys:
        dist = known[key]
        base = dist.mean
        found = [
            v for v in (_search(model, key, base, preferred, s) for s in (1, -1)) if v is not None
        ]
        if not found:
            points.append(
                SwitchingPoint(key, base, None, None, within_range=False, edition=edition)
            )
            continue
        value = min(found, key=lambda v: abs(v - base))
        low, high = dist.swing
        points.append(
            SwitchingPoint(
                key,
                base,
                value,
                _preferred(model, key, value),
                within_range=low <= value <= high,
                edition=edition,
            )
        )

    def distance(point: SwitchingPoint) -> tuple[int, float]:
        if point.value is None:
            return (2, 0.0)
        change = point.change
        return (0, abs(change)) if change is not None else (1, abs(point.value - point.base))

    return tuple(sorted(points, key=distance))
