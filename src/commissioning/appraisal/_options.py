"""The long list through the options framework filter, and the short list rule.

Implements the reference's "Options appraisal" section (``green-book.md``):

- the long list is built with the options framework filter: choices of
  scope, solution, delivery, implementation and funding, each tested against
  the SMART objectives and critical success factors, affordability early;
  a choice that fails any of them is discounted, one choice per dimension is
  preferred and the rest are carried forward;
- the short list holds at least business as usual, the preferred way forward,
  a do-minimum and one more viable option ([`ShortListIncomplete`][commissioning.appraisal.ShortListIncomplete]
  names whatever is missing).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .._errors import InvalidInput, Problem
from .._validation import Checker
from ._discounting import DiscountSchedule, Stream, ValueForMoney
from ._optimism_bias import BiasMeasure, OptimismBias, ProjectType
from ._repr import html_table, money

__all__ = [
    "Choice",
    "ChoiceOutcome",
    "Dimension",
    "Option",
    "OptionRole",
    "OptionsFramework",
    "ShortList",
    "ShortListIncomplete",
]


class Dimension(enum.Enum):
    """The five dimensions of the options framework filter, in the order they are considered.

    Examples:
        >>> [d.value for d in Dimension]
        ['scope', 'solution', 'delivery', 'implementation', 'funding']
    """

    SCOPE = "scope"
    SOLUTION = "solution"
    DELIVERY = "delivery"
    IMPLEMENTATION = "implementation"
    FUNDING = "funding"

    def __repr__(self) -> str:
        return f"Dimension.{self.name}"


class ChoiceOutcome(enum.Enum):
    """What the filter made of a choice: preferred, carried forward or discounted.

    Examples:
        >>> ChoiceOutcome.CARRIED_FORWARD.value
        'carried forward'
    """

    PREFERRED = "preferred"
    CARRIED_FORWARD = "carried forward"
    DISCOUNTED = "discounted"

    def __repr__(self) -> str:
        return f"ChoiceOutcome.{self.name}"


def _frozen_str_map(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else value


@attrs.frozen
class Choice:
    """One choice in one dimension of the options framework, with how it fared against the criteria.

    Attributes:
        dimension: the framework dimension.
        name: the choice, for example "in-house" or "outsource" under delivery.
        failures: each objective or critical success factor the choice fails, with why.
        affordable: ``False`` if the choice is plainly unaffordable (tested early).
        preferred: ``True`` for the one choice per dimension the appraisers prefer.

    Examples:
        >>> Choice(Dimension.DELIVERY, "outsource", failures={"local control": "contract lock-in"}).passes
        False
    """

    dimension: Dimension
    name: str
    failures: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_str_map)
    affordable: bool = attrs.field(default=True, kw_only=True)
    preferred: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("dimension", self.dimension, Dimension, "a Dimension")
        check.type("name", self.name, str, "a choice name (str)")
        check.type("affordable", self.affordable, bool, "a bool")
        check.type("preferred", self.preferred, bool, "a bool")
        if check.type("failures", self.failures, Mapping, "a mapping of criterion to reason"):
            for key, reason in self.failures.items():
                check.type(f"failures[{key!r}]", reason, str, "why the choice fails (str)")
        check.done()
        check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        for key, reason in self.failures.items():
            check.that(bool(reason.strip()), f"failures[{key!r}]", "a non-empty reason", reason)
        check.done()

    @property
    def passes(self) -> bool:
        """Whether the choice meets every objective and success factor and is affordable.

        Examples:
            >>> Choice(Dimension.FUNDING, "existing budget").passes
            True
        """
        return self.affordable and not self.failures

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the choice is discounted (empty if it passes).

        Examples:
            >>> Choice(Dimension.FUNDING, "new levy", affordable=False).reasons
            ('not affordable',)
        """
        found = tuple(f"fails {key!r}: {why}" for key, why in self.failures.items())
        return found if self.affordable else ("not affordable", *found)


@attrs.frozen
class OptionsFramework:
    """The options framework filter: choices in five dimensions tested against objectives and CSFs.

    Attributes:
        objectives: the SMART objectives.
        success_factors: the critical success factors.
        choices: every choice considered, in any order.

    Examples:
        >>> framework = OptionsFramework(
        ...     objectives=("reduce readmissions by 10% by 2028",),
        ...     success_factors=("affordable", "achievable"),
        ...     choices=(
        ...         Choice(Dimension.SCOPE, "whole county", preferred=True),
        ...         Choice(Dimension.SOLUTION, "reablement at home", preferred=True),
        ...         Choice(Dimension.DELIVERY, "in-house", preferred=True),
        ...         Choice(Dimension.DELIVERY, "outsource"),
        ...         Choice(Dimension.DELIVERY, "spot purchase", failures={"achievable": "no market"}),
        ...         Choice(Dimension.IMPLEMENTATION, "phased", preferred=True),
        ...         Choice(Dimension.FUNDING, "existing budget", preferred=True),
        ...     ),
        ... )
        >>> framework.outcome(Dimension.DELIVERY, "spot purchase")
        ChoiceOutcome.DISCOUNTED
        >>> framework.preferred_way_forward[Dimension.DELIVERY]
        'in-house'
    """

    objectives: tuple[str, ...]
    success_factors: tuple[str, ...]
    choices: tuple[Choice, ...]

    def __attrs_post_init__(self) -> None:
        check = Checker()
        for field in ("objectives", "success_factors"):
            value = getattr(self, field)
            if check.type(field, value, tuple, "a tuple of str"):
                for i, item in enumerate(value):
                    if check.type(f"{field}[{i}]", item, str, "a str"):
                        check.that(bool(item.strip()), f"{field}[{i}]", "a non-empty str", item)
                check.that(bool(value), field, "at least one", value)
        if check.type("choices", self.choices, tuple, "a tuple of Choice"):
            for i, choice in enumerate(self.choices):
                check.type(f"choices[{i}]", choice, Choice, "a Choice")
        check.done()
        criteria = set(self.objectives) | set(self.success_factors)
        seen: set[tuple[Dimension, str]] = set()
        for i, choice in enumerate(self.choices):
            key = (choice.dimension, choice.name)
            check.that(
                key not in seen,
                f"choices[{i}].name",
                f"a name unique within {choice.dimension.value}",
                choice.name,
            )
            seen.add(key)
            for criterion in choice.failures:
                check.that(
                    criterion in criteria,
                    f"choices[{i}].failures",
                    f"only objectives or critical success factors ({', '.join(sorted(criteria))})",
                    criterion,
                )
            if choice.preferred:
                check.that(
                    choice.passes,
                    f"choices[{i}].preferred",
                    "a preferred choice that meets every objective and success factor and is affordable",
                    choice.reasons,
                )
        for dimension in Dimension:
            preferred = [c.name for c in self.choices if c.dimension is dimension and c.preferred]
            check.that(
                len(preferred) == 1,
                f"choices[{dimension.value}]",
                f"exactly one preferred choice for {dimension.value}",
                tuple(preferred),
            )
        check.done()

    def choice(self, dimension: Dimension, name: str) -> Choice:
        """The choice called ``name`` in ``dimension``.

        Examples:
            >>> OptionsFramework.example().choice(Dimension.FUNDING, "existing budget").passes
            True
        """
        for choice in self.choices:
            if choice.dimension is dimension and choice.name == name:
                return choice
        known = ", ".join(repr(c.name) for c in self.choices if c.dimension is dimension)
        raise InvalidInput.of(
            f"choices[{getattr(dimension, 'value', dimension)}]", f"one of {known}", name
        )

    def outcome(self, dimension: Dimension, name: str) -> ChoiceOutcome:
        """Whether the choice is preferred, carried forward or discounted.

        Examples:
            >>> OptionsFramework.example().outcome(Dimension.DELIVERY, "outsource")
            ChoiceOutcome.CARRIED_FORWARD
        """
        choice = self.choice(dimension, name)
        if not choice.passes:
            return ChoiceOutcome.DISCOUNTED
        return ChoiceOutcome.PREFERRED if choice.preferred else ChoiceOutcome.CARRIED_FORWARD

    @property
    def preferred_way_forward(self) -> Mapping[Dimension, str]:
        """The preferred choice in each dimension: together, the preferred way forward.

        Examples:
            >>> OptionsFramework.example().preferred_way_forward[Dimension.SCOPE]
            'whole county'
        """
        return MappingProxyType({c.dimension: c.name for c in self.choices if c.preferred})

    def carried_forward(self, dimension: Dimension) -> tuple[str, ...]:
        """The choices in ``dimension`` that pass the filter (the preferred one first).

        Examples:
            >>> OptionsFramework.example().carried_forward(Dimension.DELIVERY)
            ('in-house', 'outsource')
        """
        passing = [c for c in self.choices if c.dimension is dimension and c.passes]
        return tuple(c.name for c in sorted(passing, key=lambda c: not c.preferred))

    @property
    def discounted(self) -> tuple[tuple[Dimension, str, tuple[str, ...]], ...]:
        """Every discounted choice, as ``(dimension, name, reasons)``.

        Examples:
            >>> OptionsFramework.example().discounted
            ((Dimension.DELIVERY, 'spot purchase', ("fails 'achievable': no provider market",)),)
        """
        return tuple((c.dimension, c.name, c.reasons) for c in self.choices if not c.passes)

    def shortlist(self, *options: Option) -> ShortList:
        """Build the short list, checking each option's choices against the filter.

        Every choice an option names must exist and, except for business as
        usual (kept as the benchmark), must not have been discounted; the
        preferred way forward must use the preferred choice wherever it names one.

        Examples:
            >>> framework = OptionsFramework.example()
            >>> spot = Option("spot", OptionRole.OTHER, choices={Dimension.DELIVERY: "spot purchase"})
            >>> framework.shortlist(*ShortList.example().options[:3], spot)
            Traceback (most recent call last):
            ...
            commissioning.InvalidInput: options[3].choices[delivery]: expected a choice the filter did not discount, received 'spot purchase'
        """
        check = Checker()
        preferred = self.preferred_way_forward
        for i, option in enumerate(options):
            if not check.type(f"options[{i}]", option, Option, "an Option"):
                continue
            for dimension, name in option.choices.items():
                field = f"options[{i}].choices[{dimension.value}]"
                known = {c.name for c in self.choices if c.dimension is dimension}
                if not check.that(name in known, field, f"one of {sorted(known)}", name):
                    continue
                if option.role is not OptionRole.BUSINESS_AS_USUAL:
                    check.that(
                        self.outcome(dimension, name) is not ChoiceOutcome.DISCOUNTED,
                        field,
                        "a choice the filter did not discount",
                        name,
                    )
                if option.role is OptionRole.PREFERRED_WAY_FORWARD:
                    check.that(
                        name == preferred[dimension],
                        field,
                        f"the preferred choice {preferred[dimension]!r}",
                        name,
                    )
        check.done()
        return ShortList(tuple(options))

    @classmethod
    def example(cls) -> OptionsFramework:
        """A small worked framework (reablement at home), for examples and tests.

        Examples:
            >>> len(OptionsFramework.example().choices)
            8
        """
        return cls(
            objectives=("reduce hospital readmissions by 10% by 2028",),
            success_factors=("affordable", "achievable", "strategic fit"),
            choices=(
                Choice(Dimension.SCOPE, "whole county", preferred=True),
                Choice(Dimension.SCOPE, "pilot in one district"),
                Choice(Dimension.SOLUTION, "reablement at home", preferred=True),
                Choice(Dimension.DELIVERY, "in-house", preferred=True),
                Choice(Dimension.DELIVERY, "outsource"),
                Choice(
                    Dimension.DELIVERY,
                    "spot purchase",
                    failures={"achievable": "no provider market"},
                ),
                Choice(Dimension.IMPLEMENTATION, "phased", preferred=True),
                Choice(Dimension.FUNDING, "existing budget", preferred=True),
            ),
        )

    def _repr_html_(self) -> str:
        rows = [
            (
                c.dimension.value,
                c.name,
                self.outcome(c.dimension, c.name).value,
                "; ".join(c.reasons),
            )
            for dimension in Dimension
            for c in self.choices
            if c.dimension is dimension
        ]
        return html_table(
            "Options framework filter (long list)",
            ("dimension", "choice", "outcome", "reasons"),
            rows,
        )


class OptionRole(enum.Enum):
    """An option's place on the short list.

    Examples:
        >>> OptionRole.DO_MINIMUM.value
        'do-minimum'
    """

    BUSINESS_AS_USUAL = "business as usual"
    DO_MINIMUM = "do-minimum"
    PREFERRED_WAY_FORWARD = "preferred way forward"
    OTHER = "another viable option"

    def __repr__(self) -> str:
        return f"OptionRole.{self.name}"


def _frozen_choices(value: Mapping[Dimension, str]) -> Mapping[Dimension, str]:
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else value


_NO_STREAM = Stream()


@attrs.frozen
class Option:
    """A short-listed option: its role, cost and benefit streams, and optimism bias.

    Costs and benefits are in real base-year prices from year 0. Optimism bias
    adjusts costs only: ``capex_bias`` the capital costs, ``opex_bias`` the
    operating costs; benefits are never adjusted.

    Attributes:
        name: the option's name (unique on the short list).
        role: its role on the short list.
        description: what the option is, in words.
        capital_costs: capital costs by year.
        operating_costs: operating costs by year.
        benefits: monetised benefits (including social value) by year.
        capex_bias: optimism bias on capital costs (measure CAPEX), if any.
        opex_bias: optimism bias on operating costs (measure OPEX), if any.
        choices: the framework choice it makes in each dimension, if recorded.

    Examples:
        >>> option = Option("in-house", OptionRole.PREFERRED_WAY_FORWARD,
        ...                 capital_costs=Stream.of(1000),
        ...                 capex_bias=OptimismBias.for_project(ProjectType.STANDARD_BUILDINGS, BiasMeasure.CAPEX))
        >>> option.costs.amounts
        (Decimal('1240.00'),)
    """

    name: str
    role: OptionRole
    description: str = attrs.field(default="", kw_only=True)
    capital_costs: Stream = attrs.field(default=_NO_STREAM, kw_only=True)
    operating_costs: Stream = attrs.field(default=_NO_STREAM, kw_only=True)
    benefits: Stream = attrs.field(default=_NO_STREAM, kw_only=True)
    capex_bias: OptimismBias | None = attrs.field(default=None, kw_only=True)
    opex_bias: OptimismBias | None = attrs.field(default=None, kw_only=True)
    choices: Mapping[Dimension, str] = attrs.field(
        factory=dict, converter=_frozen_choices, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("name", self.name, str, "an option name (str)"):
            check.that(bool(self.name.strip()), "name", "a non-empty name", self.name)
        check.type("role", self.role, OptionRole, "an OptionRole")
        check.type("description", self.description, str, "a str")
        for field in ("capital_costs", "operating_costs", "benefits"):
            check.type(field, getattr(self, field), Stream, "a Stream")
        for field, measure in (("capex_bias", BiasMeasure.CAPEX), ("opex_bias", BiasMeasure.OPEX)):
            bias = getattr(self, field)
            if bias is not None and check.type(
                field, bias, OptimismBias, "an OptimismBias or None"
            ):
                check.that(
                    bias.measure is measure,
                    field,
                    f"optimism bias on {measure.value}",
                    bias.measure,
                )
        if check.type("choices", self.choices, Mapping, "a mapping of Dimension to choice name"):
            for dimension, name in self.choices.items():
                check.type("choices", dimension, Dimension, "Dimension keys")
                check.type(f"choices[{dimension}]", name, str, "a choice name (str)")
        check.done()

    @property
    def costs(self) -> Stream:
        """All costs by year, after optimism bias (capital plus operating).

        Examples:
            >>> Option("x", OptionRole.OTHER, capital_costs=Stream.of(5), operating_costs=Stream.of(1, 1)).costs.amounts
            (Decimal('6.00'), Decimal('1.00'))
        """
        capital = (
            self.capital_costs
            if self.capex_bias is None
            else self.capex_bias.apply(self.capital_costs)
        )
        operating = (
            self.operating_costs
            if self.opex_bias is None
            else self.opex_bias.apply(self.operating_costs)
        )
        return capital.plus(operating)

    def appraise(self, schedule: DiscountSchedule) -> ValueForMoney:
        """Present values, NPSV and BCR of this option under ``schedule``.

        Examples:
            >>> Option("x", OptionRole.OTHER, benefits=Stream.of(10)).appraise(DiscountSchedule.standard()).npsv
            Decimal('10.00')
        """
        if not isinstance(schedule, DiscountSchedule):
            raise InvalidInput.from_problems(
                [Problem("schedule", "a DiscountSchedule", schedule, "type")]
            )
        return schedule.appraise(costs=self.costs, benefits=self.benefits)


class ShortListIncomplete(InvalidInput):
    """The short list lacks a required option; [`missing`][commissioning.appraisal.ShortListIncomplete] names the roles missing.

    The Green Book's short list holds at least business as usual, the
    preferred way forward, a do-minimum and one more viable option.

    Examples:
        >>> try:
        ...     ShortList((Option("bau", OptionRole.BUSINESS_AS_USUAL),))
        ... except ShortListIncomplete as refused:
        ...     print([role.value for role in refused.missing])
        ['do-minimum', 'preferred way forward', 'another viable option']
    """

    missing: tuple[OptionRole, ...]

    def __init__(self, missing: Iterable[OptionRole], roles: tuple[str, ...]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            Problem("options", f"an option whose role is {role.value}", roles)
            for role in self.missing
        )


@attrs.frozen
class ShortList:
    """The short list: business as usual, a do-minimum, the preferred way forward and more.

    Exactly one option each for business as usual, do-minimum and the
    preferred way forward, and at least one other viable option; names unique.

    Attributes:
        options: the options, in the order they are presented.

    Examples:
        >>> [o.role.value for o in ShortList.example().options]
        ['business as usual', 'do-minimum', 'preferred way forward', 'another viable option']
    """

    options: tuple[Option, ...]

    def __attrs_post_init__(self) -> None:
        check = Checker()
        if check.type("options", self.options, tuple, "a tuple of Option"):
            for i, option in enumerate(self.options):
                check.type(f"options[{i}]", option, Option, "an Option")
        check.done()
        names = [o.name for o in self.options]
        for i, name in enumerate(names):
            check.that(
                name not in names[:i], f"options[{i}].name", "a name unique on the short list", name
            )
        for role in (
            OptionRole.BUSINESS_AS_USUAL,
            OptionRole.DO_MINIMUM,
            OptionRole.PREFERRED_WAY_FORWARD,
        ):
            count = sum(o.role is role for o in self.options)
            check.that(
                count <= 1, "options", f"one option whose role is {role.value}", f"{count} of them"
            )
        check.done()
        present = {o.role for o in self.options}
        missing = [role for role in OptionRole if role not in present]
        if missing:
            raise ShortListIncomplete(missing, tuple(o.role.value for o in self.options))

    @classmethod
    def of(cls, *options: Option) -> ShortList:
        """Build a short list from options given one by one.

        Examples:
            >>> len(ShortList.of(*ShortList.example().options))
            4
        """
        return cls(tuple(options))

    def __len__(self) -> int:
        return len(self.options)

    @property
    def names(self) -> tuple[str, ...]:
        """The options' names in order.

        Examples:
            >>> ShortList.example().names
            ('business as usual', 'do minimum', 'in-house reablement', 'outsourced reablement')
        """
        return tuple(o.name for o in self.options)

    def option(self, name: str) -> Option:
        """The option called ``name``.

        Examples:
            >>> ShortList.example().option("do minimum").role
            OptionRole.DO_MINIMUM
        """
        for option in self.options:
            if option.name == name:
                return option
        raise InvalidInput.of("name", f"one of {list(self.names)}", name)

    def with_role(self, role: OptionRole) -> tuple[Option, ...]:
        """The options with ``role``.

        Examples:
            >>> ShortList.example().with_role(OptionRole.BUSINESS_AS_USUAL)[0].name
            'business as usual'
        """
        return tuple(o for o in self.options if o.role is role)

    @classmethod
    def example(cls) -> ShortList:
        """A worked ten-year short list (reablement at home), for examples and tests.

        Examples:
            >>> ShortList.example().option("in-house reablement").costs.total
            Decimal('4800000.00')
        """
        years = 10
        return cls(
            (
                Option(
                    "business as usual",
                    OptionRole.BUSINESS_AS_USUAL,
                    description="keep today's hospital-based rehabilitation",
                    operating_costs=Stream.constant(400_000, years=years),
                    benefits=Stream.constant(380_000, years=years),
                    choices={Dimension.DELIVERY: "spot purchase"},
                ),
                Option(
                    "do minimum",
                    OptionRole.DO_MINIMUM,
                    description="add two therapists to the existing service",
                    operating_costs=Stream.constant(440_000, years=years),
                    benefits=Stream.constant(450_000, years=years),
                ),
                Option(
                    "in-house reablement",
                    OptionRole.PREFERRED_WAY_FORWARD,
                    description="a council reablement team, county-wide, phased in",
                    capital_costs=Stream.of(300_000),
                    operating_costs=Stream.constant(450_000, years=years),
                    benefits=Stream.constant(620_000, years=years - 1, start=1),
                    choices={Dimension.DELIVERY: "in-house", Dimension.SCOPE: "whole county"},
                ),
                Option(
                    "outsourced reablement",
                    OptionRole.OTHER,
                    description="a contracted reablement service, county-wide",
                    operating_costs=Stream.constant(420_000, years=years),
                    opex_bias=OptimismBias.for_project(ProjectType.OUTSOURCING, BiasMeasure.OPEX),
                    benefits=Stream.constant(600_000, years=years - 1, start=1),
                    choices={Dimension.DELIVERY: "outsource"},
                ),
            )
        )

    def _repr_html_(self) -> str:
        rows = [
            (o.name, o.role.value, o.description, money(o.costs.total), money(o.benefits.total))
            for o in self.options
        ]
        return html_table(
            "Short list",
            ("option", "role", "description", "costs (undiscounted)", "benefits (undiscounted)"),
            rows,
        )
