"""What evidence each step requires, as data, and the checks that say precisely what is missing.

Facts: the docs' Sources page, "Framework 1": what each step requires "is not
published in a form we could confirm: model each step's required evidence as
data that users can configure, with sensible defaults". The defaults
([`DEFAULT_REQUIREMENTS`][commissioning.cycle]) follow the reference's list; they are stated in
the reference page and the explanation, and every framework can replace them.

A [`Requirement`][commissioning.cycle.Requirement] names a *kind* of check and its parameters, so a
framework's requirements can be written as data. The built-in kinds are listed
in [`REQUIREMENT_KINDS`][commissioning.cycle]; a framework may add its own kinds with a check
function (see ``Framework(checks=...)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import attrs

from .._validation import Checker
from ..machine import Instance, Period
from ._evidence import (
    CO_PRODUCTION_RUNGS,
    Contract,
    DecommissioningCase,
    DeliveryPlan,
    EngagementRecord,
    Evidence,
    ImpactAssessment,
    ImpactMeasurement,
    MakeOrBuy,
    NeedsAnalysis,
    OutcomePriorities,
    ProviderNotice,
    Question,
    Replacement,
    ServiceModel,
)

__all__ = [
    "DEFAULT_REQUIREMENTS",
    "REQUIREMENT_KINDS",
    "EvidenceEntry",
    "Facts",
    "Requirement",
    "RequirementCheck",
    "missing",
]


class EvidenceEntry(NamedTuple):
    """One piece of evidence as the cycle holds it: the record, when it was recorded, by whom.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.cycle import Question
        >>> q = Question("Who needs a hot meal?", "Residents 65+", dt.date(2026, 1, 12))
        >>> EvidenceEntry(q, dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC), "amira").evidence.kind
        <EvidenceKind.QUESTION: 'question'>
    """

    evidence: Evidence
    recorded_at: dt.datetime
    actor: str


class Facts(NamedTuple):
    """What the cycle's guards judge: evidence, approvals, the moment, the child machine.

    Built by the cycle for every question and command; users writing a custom
    requirement check receive it.


    Examples:
        >>> from commissioning.cycle import Question, example_lineage
        >>> first, _ = example_lineage()
        >>> facts = first.facts(at=first.updated_at)
        >>> facts.latest(Question).scope
        'Residents 65+ assessed as unable to prepare a meal; not care home residents'
    """

    entries: tuple[EvidenceEntry, ...]
    approvals: tuple[Any, ...]
    at: dt.datetime
    child: Instance | None
    notice: Period

    def all(self, kind: type[Any]) -> tuple[Any, ...]:
        """Every recorded piece of evidence of type ``kind``, oldest first."""
        return tuple(e.evidence for e in self.entries if isinstance(e.evidence, kind))

    def latest(self, kind: type[Any]) -> Any:
        """The latest recorded piece of evidence of type ``kind``, or ``None``."""
        for e in reversed(self.entries):
            if isinstance(e.evidence, kind):
                return e.evidence
        return None


#: A check: given the facts and the requirement, the sentences saying what is missing
#: (each beginning with "needs ..."); empty when the requirement is met.
RequirementCheck = Callable[[Facts, "Requirement"], Iterable[str]]


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _check_kind(check: Checker, value: Any) -> None:
    if check.type("kind", value, str, "a non-empty str"):
        check.that(bool(value.strip()), "kind", "a non-empty str", value)


@attrs.frozen
class Requirement:
    """One piece of evidence a step requires before the cycle may move on.

    Attributes:
        kind: which check: a built-in kind ([`REQUIREMENT_KINDS`][commissioning.cycle.Requirement]) or one the
            framework registers.
        at_least: how many are needed, where counting makes sense (engagements,
            outcomes, options, observations, lessons).
        groups: for ``engagement``: the groups that must have been engaged.
        rung: for ``engagement``: the lowest co-production rung that counts.
        description: what is required, in words (defaults to the kind's own).

    Examples:
        >>> Requirement("engagement", groups=("service users", "providers")).describe()
        'engagement with service users and providers'
        >>> Requirement("options", at_least=2).describe()
        'a service model with at least 2 options considered'
    """

    kind: str
    at_least: int = attrs.field(default=1, kw_only=True)
    groups: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_tuple)
    rung: str | None = attrs.field(default=None, kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _check_kind(check, self.kind)
        if check.type("at_least", self.at_least, int, "a whole number >= 1"):
            check.that(self.at_least >= 1, "at_least", "a whole number >= 1", self.at_least)
        if check.type("groups", self.groups, tuple, "a tuple of group names"):
            for i, g in enumerate(self.groups):
                if check.type(f"groups[{i}]", g, str, "a non-empty str"):
                    check.that(bool(g.strip()), f"groups[{i}]", "a non-empty str", g)
        if self.rung is not None:
            check.that(
                self.rung in CO_PRODUCTION_RUNGS,
                "rung",
                f"None or one of {', '.join(CO_PRODUCTION_RUNGS)}",
                self.rung,
            )
        check.type("description", self.description, str, "a str")
        check.done()

    def describe(self) -> str:
        """What this requirement asks for, in words."""
        if self.description:
            return self.description
        builtin = _KINDS.get(self.kind)
        return self.kind if builtin is None else builtin[0](self)

    def to_data(self) -> dict[str, Any]:
        """This requirement as JSON-compatible data (only what differs from the defaults).

        Examples:
            >>> Requirement("engagement", groups=("service users",)).to_data()
            {'kind': 'engagement', 'groups': ['service users']}
        """
        data: dict[str, Any] = {"kind": self.kind}
        if self.at_least != 1:
            data["at_least"] = self.at_least
        if self.groups:
            data["groups"] = list(self.groups)
        if self.rung is not None:
            data["rung"] = self.rung
        if self.description:
            data["description"] = self.description
        return data

    @classmethod
    def from_data(cls, data: Any) -> Requirement:
        """Read a requirement written by [`to_data`][commissioning.cycle.Requirement.to_data], through the checked reader.

        Examples:
            >>> Requirement.from_data({"kind": "options", "at_least": 2}).at_least
            2
            >>> Requirement.from_data({"kind": "options", "at_least": "2"})
            Traceback (most recent call last):
            ...
            commissioning.InvalidInputType: requirement.at_least: expected an int, received '2'
        """
        from ._framework_data import requirement_from_data  # noqa: PLC0415 - the reader lives with the framework's stored form

        return requirement_from_data(data)


# ----------------------------------------------------------------------------- built-in checks


def _quote(names: Iterable[str]) -> str:
    items = [f"{n!r}" for n in names]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _words(names: Iterable[str]) -> str:
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _one(kind: type[Any], what: str) -> Callable[[Facts, Requirement], tuple[str, ...]]:
    def check(facts: Facts, req: Requirement) -> tuple[str, ...]:
        if facts.latest(kind) is None:
            return (f"needs {req.describe()}; none is recorded",)
        return ()

    check.__doc__ = f"A {what} is recorded."
    return check


def _engagement(facts: Facts, req: Requirement) -> tuple[str, ...]:
    records: tuple[EngagementRecord, ...] = facts.all(EngagementRecord)
    floor = 0 if req.rung is None else CO_PRODUCTION_RUNGS.index(req.rung) + 1
    counted = [r for r in records if r.rank >= floor]
    out = []
    if len(counted) < req.at_least and (req.at_least > 1 or not req.groups):
        at = "" if req.rung is None else f" at {req.rung!r} or above"
        out.append(
            f"needs {req.describe()}; {len(counted)} engagement"
            f"{'' if len(counted) == 1 else 's'}{at} recorded, {req.at_least} needed"
        )
    missing_groups = [g for g in req.groups if not any(g in r.groups for r in counted)]
    if missing_groups:
        out.append(f"needs {req.describe()}; none with {_quote(missing_groups)}")
    return tuple(out)


def _outcomes(facts: Facts, req: Requirement) -> tuple[str, ...]:
    o: OutcomePriorities | None = facts.latest(OutcomePriorities)
    n = 0 if o is None else len(o.outcomes)
    if n < req.at_least:
        return (f"needs {req.describe()}; {n} recorded",)
    return ()


def _outcome_priorities(facts: Facts, req: Requirement) -> tuple[str, ...]:
    o: OutcomePriorities | None = facts.latest(OutcomePriorities)
    if o is None or not o.outcomes:
        return (f"needs {req.describe()}; no outcome framework is recorded",)
    lacking = [x.name for x in o.without_priority()]
    if lacking:
        verb = "has" if len(lacking) == 1 else "have"
        return (f"needs {req.describe()}; {_quote(lacking)} {verb} none",)
    return ()


def _outcome_baselines(facts: Facts, req: Requirement) -> tuple[str, ...]:
    o: OutcomePriorities | None = facts.latest(OutcomePriorities)
    if o is None or not o.outcomes:
        return (f"needs {req.describe()}; no outcome framework is recorded",)
    lacking = [x.name for x in o.without_baseline()]
    if lacking:
        verb = "has" if len(lacking) == 1 else "have"
        return (f"needs {req.describe()}; {_quote(lacking)} {verb} none",)
    return ()


def _options(facts: Facts, req: Requirement) -> tuple[str, ...]:
    m: ServiceModel | None = facts.latest(ServiceModel)
    if m is None:
        return (f"needs {req.describe()}; no service model is recorded",)
    if len(m.options) < req.at_least:
        return (f"needs {req.describe()}; {len(m.options)} considered",)
    return ()


def _impact(facts: Facts, req: Requirement) -> tuple[str, ...]:
    m: ImpactMeasurement | None = facts.latest(ImpactMeasurement)
    if m is None:
        return (f"needs {req.describe()}; none is recorded",)
    outcomes: OutcomePriorities | None = facts.latest(OutcomePriorities)
    out = []
    if len(m.observations) < req.at_least:
        out.append(f"needs {req.describe()}; {len(m.observations)} observed")
    if outcomes is not None:
        observed = {x.outcome for x in m.observations}
        unmeasured = [o.name for o in outcomes.outcomes if o.name not in observed]
        if unmeasured:
            verb = "has" if len(unmeasured) == 1 else "have"
            out.append(f"needs {req.describe()}; {_quote(unmeasured)} {verb} no observation")
    return tuple(out)


def _lessons(facts: Facts, req: Requirement) -> tuple[str, ...]:
    m: ImpactMeasurement | None = facts.latest(ImpactMeasurement)
    n = 0 if m is None else len(m.lessons)
    if n < req.at_least:
        return (f"needs {req.describe()}; {n} recorded",)
    return ()


def _contract(facts: Facts, req: Requirement) -> tuple[str, ...]:
    decision: MakeOrBuy | None = facts.latest(MakeOrBuy)
    if decision is not None and not decision.route.needs_contract:
        return ()
    if facts.latest(Contract) is None:
        return (f"needs {req.describe()}; none is recorded",)
    return ()


def _provider_notices(facts: Facts, req: Requirement) -> tuple[str, ...]:
    case: DecommissioningCase | None = facts.latest(DecommissioningCase)
    if case is None:
        return (f"needs {req.describe()}; no decommissioning case names the providers",)
    notices: tuple[ProviderNotice, ...] = facts.all(ProviderNotice)
    out = []
    for provider in case.providers:
        given = [n for n in notices if n.provider == provider]
        if not given:
            out.append(f"needs {req.describe()}; {provider!r} has been given none")
            continue
        best = max(given, key=lambda n: (n.service_ends_on - n.on, n.on))
        earliest_end = facts.notice.after(
            dt.datetime(best.on.year, best.on.month, best.on.day, tzinfo=dt.UTC)
        ).date()
        if best.service_ends_on < earliest_end:
            out.append(
                f"needs {req.describe()}; {provider!r} was given notice on {best.on} for "
                f"{best.service_ends_on}, less than {facts.notice} (the earliest end is "
                f"{earliest_end})"
            )
    return tuple(out)


def _fixed(text: str) -> Callable[[Requirement], str]:
    return lambda _req: text


def _engagement_words(req: Requirement) -> str:
    who = f" with {_words(req.groups)}" if req.groups else ""
    rung = "" if req.rung is None else f" at {req.rung!r} or above"
    count = "" if req.at_least == 1 else f"at least {req.at_least} records of "
    return f"{count}engagement{who}{rung}"


def _count_words(singular: str, plural: str) -> Callable[[Requirement], str]:
    def words(req: Requirement) -> str:
        return singular if req.at_least == 1 else plural.format(n=req.at_least)

    return words


_KINDS: dict[str, tuple[Callable[[Requirement], str], Callable[[Facts, Requirement], Any]]] = {
    "question": (_fixed("a stated question and its scope"), _one(Question, "question")),
    "needs-analysis": (_fixed("a needs analysis"), _one(NeedsAnalysis, "needs analysis")),
    "engagement": (_engagement_words, _engagement),
    "outcomes": (
        _count_words("at least one outcome", "at least {n} outcomes"),
        _outcomes,
    ),
    "outcome-priorities": (_fixed("a priority for every outcome"), _outcome_priorities),
    "outcome-baselines": (
        _fixed("at least one outcome with a baseline"),
        _outcome_baselines,
    ),
    "service-model": (_fixed("a service model"), _one(ServiceModel, "service model")),
    "options": (
        _count_words(
            "a service model with at least one option considered",
            "a service model with at least {n} options considered",
        ),
        _options,
    ),
    "make-or-buy": (
        _fixed("a make-or-buy decision with its rationale"),
        _one(MakeOrBuy, "make-or-buy decision"),
    ),
    "delivery-plan": (_fixed("a delivery plan"), _one(DeliveryPlan, "delivery plan")),
    "contract": (_fixed("a contract entered into (for external procurement)"), _contract),
    "impact": (
        _count_words(
            "measures observed against the outcome framework",
            "at least {n} measures observed against the outcome framework",
        ),
        _impact,
    ),
    "lessons": (
        _count_words("at least one lesson learned", "at least {n} lessons learned"),
        _lessons,
    ),
    "decommissioning-case": (
        _fixed("a decommissioning case answering the Audit Commission's questions"),
        _one(DecommissioningCase, "decommissioning case"),
    ),
    "impact-assessment": (
        _fixed("an impact assessment on users and partners"),
        _one(ImpactAssessment, "impact assessment"),
    ),
    "provider-notices": (_fixed("notice to every provider"), _provider_notices),
    "replacement": (
        _fixed("a decision on what replaces the service"),
        _one(Replacement, "replacement"),
    ),
}

#: The built-in requirement kinds and what each asks for.
REQUIREMENT_KINDS: Mapping[str, str] = {
    kind: words(Requirement(kind)) for kind, (words, _check) in _KINDS.items()
}

#: The default evidence for the Cabinet Office six steps, by step name
#: (the docs' Sources page, Framework 1: the reference's suggested defaults).
DEFAULT_REQUIREMENTS: Mapping[str, tuple[Requirement, ...]] = {
    "question": (Requirement("question"),),
    "customers": (
        Requirement("needs-analysis"),
        Requirement("engagement", groups=("service users", "providers")),
    ),
    "outcomes": (
        Requirement("outcomes"),
        Requirement("outcome-priorities"),
        Requirement("outcome-baselines"),
    ),
    "model": (Requirement("service-model"), Requirement("options", at_least=2)),
    "route": (
        Requirement("make-or-buy"),
        Requirement("delivery-plan"),
    ),
    "impact": (Requirement("impact"), Requirement("lessons")),
}


def missing(
    requirements: Iterable[Requirement],
    facts: Facts,
    *,
    checks: Mapping[str, RequirementCheck] | None = None,
) -> tuple[str, ...]:
    """Every sentence saying what ``requirements`` still need, given ``facts``.

    ``checks`` adds custom kinds (a framework's own). An unknown kind is itself reported.
    """
    out: list[str] = []
    extra = checks or {}
    for req in requirements:
        custom = extra.get(req.kind)
        if custom is not None:
            out.extend(custom(facts, req))
            continue
        builtin = _KINDS.get(req.kind)
        if builtin is None:
            out.append(f"needs {req.describe()}; no check is registered for kind {req.kind!r}")
            continue
        out.extend(builtin[1](facts, req))
    return tuple(out)


def known_kinds() -> frozenset[str]:
    """The built-in kinds' names. Internal."""
    return frozenset(_KINDS)
