"""Optimism bias: the Green Book's upper and lower bounds by project type, and evidenced mitigation.

Implements the reference's "Optimism bias (upper and lower bounds, per cent)"
section (``green-book.md``): start from the upper bound and reduce it only by
mitigation that is evidenced; the adjustment applies to costs (and durations),
never to benefits.

How far each mitigation moves the figure is not given by the reference
(UNCONFIRMED): here each evidenced mitigation removes a stated share of the gap
between the upper and the lower bound, and the shares together can at most
bring the figure down to the lower bound, never below it.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TypeVar

import attrs

from .._errors import InvalidInput, Problem
from .._validation import Checker
from ._discounting import Stream
from ._numbers import CONTEXT, as_decimal

__all__ = ["BiasMeasure", "Mitigation", "OptimismBias", "ProjectType"]

_ONE = Decimal(1)
_HUNDRED = Decimal(100)


class ProjectType(enum.Enum):
    """The Green Book's project types for optimism bias.

    Examples:
        >>> ProjectType.OUTSOURCING.value
        'outsourcing'
    """

    STANDARD_BUILDINGS = "standard buildings"
    NON_STANDARD_BUILDINGS = "non-standard buildings"
    STANDARD_CIVIL_ENGINEERING = "standard civil engineering"
    NON_STANDARD_CIVIL_ENGINEERING = "non-standard civil engineering"
    EQUIPMENT_DEVELOPMENT = "equipment / development"
    OUTSOURCING = "outsourcing"

    def __repr__(self) -> str:
        return f"ProjectType.{self.name}"


class BiasMeasure(enum.Enum):
    """What an optimism bias figure adjusts: works duration, capital or operating expenditure.

    Not to be confused with an outcome measure
    ([`commissioning.outcomes.Measure`][commissioning.outcomes.Measure]).

    Examples:
        >>> BiasMeasure.CAPEX.value
        'capital expenditure'
    """

    WORKS_DURATION = "works duration"
    CAPEX = "capital expenditure"
    OPEX = "operating expenditure"

    def __repr__(self) -> str:
        return f"BiasMeasure.{self.name}"


_E = TypeVar("_E", bound=enum.Enum)


def _member(check: Checker, kind: type[_E], value: object) -> _E:
    """``value`` as a member of ``kind``: a member, or its value string; a problem otherwise."""
    if isinstance(value, kind):
        return value
    for member in kind:
        if value == member.value:
            return member
    shown = ", ".join(repr(m.value) for m in kind)
    field = "project_type" if kind is ProjectType else "measure"
    check.add(Problem(field, f"a {kind.__name__} or one of {shown}", value))
    return next(iter(kind))


_D, _C, _O = BiasMeasure.WORKS_DURATION, BiasMeasure.CAPEX, BiasMeasure.OPEX
# (upper, lower) per cent, from green-book.md's table.
_BOUNDS: dict[tuple[ProjectType, BiasMeasure], tuple[int, int]] = {
    (ProjectType.STANDARD_BUILDINGS, _D): (4, 1),
    (ProjectType.STANDARD_BUILDINGS, _C): (24, 2),
    (ProjectType.NON_STANDARD_BUILDINGS, _D): (39, 2),
    (ProjectType.NON_STANDARD_BUILDINGS, _C): (51, 4),
    (ProjectType.STANDARD_CIVIL_ENGINEERING, _D): (20, 1),
    (ProjectType.STANDARD_CIVIL_ENGINEERING, _C): (44, 3),
    (ProjectType.NON_STANDARD_CIVIL_ENGINEERING, _D): (25, 3),
    (ProjectType.NON_STANDARD_CIVIL_ENGINEERING, _C): (66, 6),
    (ProjectType.EQUIPMENT_DEVELOPMENT, _D): (54, 10),
    (ProjectType.EQUIPMENT_DEVELOPMENT, _C): (200, 10),
    (ProjectType.OUTSOURCING, _O): (41, 0),
}


@attrs.frozen
class Mitigation:
    """One evidenced step that reduces optimism bias from the upper bound toward the lower.

    Attributes:
        factor: the contributory factor now managed (for example "design complete").
        share: the share (0 to 1) of the gap between the bounds it removes.
        evidence: where the evidence is (a document, a decision); required.

    Examples:
        >>> from decimal import Decimal
        >>> Mitigation("site survey done", Decimal("0.25"), evidence="survey report 2026-03")
        Mitigation(factor='site survey done', share=Decimal('0.25'), evidence='survey report 2026-03')
        >>> Mitigation("we feel confident", Decimal("0.5"), evidence="")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: evidence: expected the evidence for the mitigation (the Green Book reduces optimism bias only for evidenced mitigation), received ''
    """

    factor: str
    share: Decimal
    evidence: str

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("factor", self.factor, str, "the contributory factor managed (str)")
        check.type("share", self.share, Decimal, "a Decimal share between 0 and 1")
        check.type("evidence", self.evidence, str, "the evidence (str)")
        check.done()
        check.that(bool(self.factor.strip()), "factor", "a non-empty factor", self.factor)
        check.that(
            self.share.is_finite() and 0 < self.share <= 1,
            "share",
            "a share of the gap between the bounds, above 0 and at most 1",
            self.share,
        )
        check.that(
            bool(self.evidence.strip()),
            "evidence",
            "the evidence for the mitigation (the Green Book reduces optimism bias only for "
            "evidenced mitigation)",
            self.evidence,
        )
        check.done()

    @classmethod
    def of(cls, factor: str, share: Decimal | int | str, *, evidence: str) -> Mitigation:
        """Build a mitigation from a share given as Decimal, int or str.

        Examples:
            >>> Mitigation.of("design frozen", "0.5", evidence="board minute 12").share
            Decimal('0.5')
        """
        return cls(factor, as_decimal(share, field="share"), evidence)


@attrs.frozen
class OptimismBias:
    """An optimism bias adjustment: the bounds for a project type and measure, and its mitigations.

    Attributes:
        project_type: the project type.
        measure: what it adjusts (duration, capital or operating expenditure).
        upper: the upper bound, per cent (the starting point).
        lower: the lower bound, per cent (the most mitigation can reach).
        mitigations: the evidenced mitigations applied.

    Examples:
        >>> bias = OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX)
        >>> bias.applied
        Decimal('24')
        >>> bias.mitigated(Mitigation.of("design complete", "0.5", evidence="RIBA stage 4 sign-off")).applied
        Decimal('13.0')
    """

    project_type: ProjectType
    measure: BiasMeasure
    upper: Decimal
    lower: Decimal
    mitigations: tuple[Mitigation, ...] = ()

    def __attrs_post_init__(self) -> None:
        check = Checker()
        object.__setattr__(self, "project_type", _member(check, ProjectType, self.project_type))
        object.__setattr__(self, "measure", _member(check, BiasMeasure, self.measure))
        check.type("upper", self.upper, Decimal, "a Decimal percentage")
        check.type("lower", self.lower, Decimal, "a Decimal percentage")
        if check.type("mitigations", self.mitigations, tuple, "a tuple of Mitigation"):
            for i, m in enumerate(self.mitigations):
                check.type(f"mitigations[{i}]", m, Mitigation, "a Mitigation")
        check.done()
        check.that(self.lower >= 0, "lower", "a percentage of 0 or more", self.lower)
        check.that(
            self.upper >= self.lower,
            "upper",
            f"at least the lower bound ({self.lower})",
            self.upper,
        )
        check.done()

    @classmethod
    def for_project(
        cls, project_type: ProjectType | str, measure: BiasMeasure | str
    ) -> OptimismBias:
        """The Green Book's bounds for ``project_type`` and ``measure``, unmitigated (at the upper bound).

        Outsourcing has figures for operating expenditure only; the other
        project types for works duration and capital expenditure. Both are
        accepted as members or as their value strings.

        Examples:
            >>> OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX).upper
            Decimal('41')
            >>> OptimismBias.for_project("outsourcing", "operating expenditure").measure
            BiasMeasure.OPEX
            >>> OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.CAPEX)
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: measure: expected a measure the Green Book gives for outsourcing: operating expenditure, received BiasMeasure.CAPEX
        """
        check = Checker()
        project_type = _member(check, ProjectType, project_type)
        measure = _member(check, BiasMeasure, measure)
        check.done()
        bounds = _BOUNDS.get((project_type, measure))
        if bounds is None:
            given = ", ".join(m.value for (p, m) in _BOUNDS if p is project_type)
            raise InvalidInput.of(
                "measure",
                f"a measure the Green Book gives for {project_type.value}: {given}",
                measure,
            )
        upper, lower = bounds
        return cls(project_type, measure, Decimal(upper), Decimal(lower))

    def mitigated(self, *mitigations: Mitigation) -> OptimismBias:
        """A copy with more evidenced mitigations; the figure moves from the upper bound toward the lower.

        Examples:
            >>> bias = OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX)
            >>> bias.mitigated(Mitigation.of("output specification agreed", 1, evidence="spec v3")).applied
            Decimal('0')
        """
        check = Checker()
        for i, m in enumerate(mitigations):
            check.type(f"mitigations[{i}]", m, Mitigation, "a Mitigation")
        check.done()
        return attrs.evolve(self, mitigations=self.mitigations + tuple(mitigations))

    @property
    def mitigated_share(self) -> Decimal:
        """The share of the gap between the bounds removed, capped at 1.

        Examples:
            >>> OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX).mitigated_share
            Decimal('0')
        """
        return min(_ONE, sum((m.share for m in self.mitigations), Decimal(0)))

    @property
    def applied(self) -> Decimal:
        """The percentage to apply: ``upper - (upper - lower) * mitigated_share``.

        Examples:
            >>> OptimismBias.for_project(ProjectType.EQUIPMENT_DEVELOPMENT, BiasMeasure.CAPEX).applied
            Decimal('200')
        """
        gap = self.upper - self.lower
        return CONTEXT.subtract(self.upper, CONTEXT.multiply(gap, self.mitigated_share))

    @property
    def multiplier(self) -> Decimal:
        """``1 + applied / 100``: what costs (or durations) are multiplied by.

        Examples:
            >>> OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX).multiplier
            Decimal('1.24')
        """
        return CONTEXT.add(_ONE, CONTEXT.divide(self.applied, _HUNDRED))

    def apply(self, costs: Stream) -> Stream:
        """Uplift a cost stream (never a benefit stream) by [`applied`][commissioning.appraisal.OptimismBias.applied] per cent, penny by penny.

        Only capital- or operating-expenditure figures adjust money; a works
        duration figure adjusts durations ([`apply_to_duration`][commissioning.appraisal.OptimismBias.apply_to_duration]).

        Examples:
            >>> bias = OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX)
            >>> bias.apply(Stream.of(1000, 500)).amounts
            (Decimal('1240.00'), Decimal('620.00'))
        """
        if self.measure is BiasMeasure.WORKS_DURATION:
            raise InvalidInput.of(
                "measure",
                "capital or operating expenditure (a works-duration figure adjusts durations)",
                self.measure,
            )
        return costs.scaled(self.multiplier)

    def apply_to_duration(self, duration: Decimal | int | str) -> Decimal:
        """Lengthen a works duration (in any unit) by [`applied`][commissioning.appraisal.OptimismBias.applied] per cent.

        Examples:
            >>> OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.WORKS_DURATION).apply_to_duration(12)
            Decimal('12.48')
        """
        if self.measure is not BiasMeasure.WORKS_DURATION:
            raise InvalidInput.of("measure", "works duration (for durations)", self.measure)
        value = as_decimal(duration, field="duration")
        if value < 0:
            raise InvalidInput.of("duration", "a duration of 0 or more", duration)
        return CONTEXT.multiply(value, self.multiplier)

    def __str__(self) -> str:
        return (
            f"{self.applied.normalize():f}% on {self.measure.value} "
            f"({self.project_type.value}: upper {self.upper}%, lower {self.lower}%, "
            f"{len(self.mitigations)} evidenced mitigation{'s' if len(self.mitigations) != 1 else ''})"
        )
