"""Typed, dated evidence records: what a commissioning cycle knows, step by step.

Facts: the docs' Sources page, "Framework 1" (what each step should evidence:
"a stated question or need and its scope; needs analysis and engagement with
service users and providers; an outcome framework with priorities; a service
model and options; a delivery plan and route to market, including the
make-or-buy decision and any procurement; measures observed against the outcome
framework"), "What commissioning is" (the make-or-buy decision) and
"Decommissioning" (NAO toolkit: impact on users and partners, at least three
months' notice to providers, the alternative).

Every record is an immutable value with the day it refers to (``on``). The
records of the other areas (``commissioning.stakeholders``,
``commissioning.outcomes``) are read through small explicit adapters
(``from_engagement``, ``from_outcome_framework``) that only read public
attributes, so those areas and this one stay independent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._errors import InvalidInput
from .._validation import Checker
from ._data import Stored
from ._evidence_base import (
    AUDIT_COMMISSION_QUESTIONS,
    CO_PRODUCTION_RUNGS,
    DeliveryRoute,
    EvidenceKind,
    _as_day,
    _day,
    _frozen,
    _items,
    _money,
    _text,
    _texts,
    _tuple,
)
from ._evidence_later import (
    Contract,
    DecommissioningCase,
    DeliveryPlan,
    ImpactAssessment,
    ImpactMeasurement,
    ImpactObservation,
    MakeOrBuy,
    Milestone,
    ProviderNotice,
    Replacement,
)

__all__ = [
    "AUDIT_COMMISSION_QUESTIONS",
    "CO_PRODUCTION_RUNGS",
    "Contract",
    "DecommissioningCase",
    "DeliveryPlan",
    "DeliveryRoute",
    "EngagementRecord",
    "Evidence",
    "EvidenceKind",
    "ImpactAssessment",
    "ImpactMeasurement",
    "ImpactObservation",
    "MakeOrBuy",
    "MeasureLine",
    "Milestone",
    "NeedsAnalysis",
    "OptionConsidered",
    "OutcomeLine",
    "OutcomePriorities",
    "ProviderNotice",
    "Question",
    "Replacement",
    "ServiceModel",
    "evidence_from_data",
]


# ----------------------------------------------------------------------------- step 1


@attrs.frozen
class Question(Stored):
    """Step 1: the question or need, its scope, and optionally an estimated value.

    Attributes:
        question: the question in words.
        scope: who and what is in scope (and what is not).
        on: the day it was stated.
        estimated_value: an early estimate of the whole-life value in pounds, if any
            (used to tell which approvals apply until a make-or-buy decision gives one).

    Examples:
        >>> import datetime as dt
        >>> Question("How do older people get a hot meal?", "Residents 65+ in the borough",
        ...          dt.date(2026, 1, 12)).kind
        <EvidenceKind.QUESTION: 'question'>
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.QUESTION
    question: str
    scope: str
    on: dt.date = attrs.field(converter=_as_day)
    estimated_value: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "question", self.question)
        _text(check, "scope", self.scope)
        _day(check, "on", self.on)
        _money(check, "estimated_value", self.estimated_value)
        check.done()


# ----------------------------------------------------------------------------- step 2


@attrs.frozen
class NeedsAnalysis(Stored):
    """Step 2: a needs analysis (population needs, services and providers mapped, sources).

    Examples:
        >>> import datetime as dt
        >>> NeedsAnalysis("1,900 residents 65+ cannot cook for themselves", dt.date(2026, 2, 2),
        ...               sources=["JSNA 2025"]).sources
        ('JSNA 2025',)
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.NEEDS_ANALYSIS
    summary: str
    on: dt.date = attrs.field(converter=_as_day)
    needs: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "summary", self.summary)
        _day(check, "on", self.on)
        _texts(check, "needs", self.needs)
        _texts(check, "sources", self.sources)
        check.done()


@attrs.frozen
class EngagementRecord(Stored):
    """Step 2 (and later): engagement with groups of stakeholders, at a co-production rung.

    ``groups`` names who was engaged in the words the requirements use
    (by default ``"service users"``, ``"carers"``, ``"providers"``); ``rung`` is a
    rung of the ladder of co-production ([`CO_PRODUCTION_RUNGS`][commissioning.cycle.EngagementRecord]).
    Use [`from_engagement`][commissioning.cycle.EngagementRecord.from_engagement] to record an engagement kept in a stakeholder map.

    Examples:
        >>> import datetime as dt
        >>> e = EngagementRecord(dt.date(2026, 2, 10), {"service users", "carers"}, "workshop",
        ...                      "co-design")
        >>> sorted(e.groups), e.rung
        (['carers', 'service users'], 'co-design')
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.ENGAGEMENT
    on: dt.date = attrs.field(converter=_as_day)
    groups: frozenset[str] = attrs.field(converter=_frozen)
    method: str
    rung: str
    summary: str = ""
    stakeholder_ids: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _day(check, "on", self.on)
        if check.type("groups", self.groups, frozenset, "a non-empty set of group names"):
            check.that(bool(self.groups), "groups", "at least one group engaged", self.groups)
            for g in sorted(self.groups, key=repr):
                _text(check, "groups", g)
        _text(check, "method", self.method)
        if check.type("rung", self.rung, str, "a co-production rung (str)"):
            check.that(
                self.rung in CO_PRODUCTION_RUNGS,
                "rung",
                f"one of {', '.join(CO_PRODUCTION_RUNGS)}",
                self.rung,
            )
        check.type("summary", self.summary, str, "a str")
        if check.type("stakeholder_ids", self.stakeholder_ids, frozenset, "a set of ids"):
            for s in sorted(self.stakeholder_ids, key=repr):
                _text(check, "stakeholder_ids", s)
        check.done()

    @property
    def rank(self) -> int:
        """The rung's place on the ladder, 1 (coercion) to 7 (co-production)."""
        return CO_PRODUCTION_RUNGS.index(self.rung) + 1

    @classmethod
    def from_engagement(cls, engagement: Any, *, groups: Iterable[str]) -> EngagementRecord:
        """Adapter: an engagement from ``commissioning.stakeholders`` as cycle evidence.

        Reads only its public attributes ``on``, ``stakeholders`` (ids), ``method``,
        ``rung`` (a co-production rung; an Arnstein rung is refused, since the
        cycle's requirements are stated on the co-production ladder) and ``summary``.
        ``groups`` says which groups the engaged stakeholders belong to.

        Examples:
            >>> import datetime as dt, types
            >>> e = types.SimpleNamespace(on=dt.date(2026, 2, 3), stakeholders=frozenset({"panel"}),
            ...     method="workshop", rung=types.SimpleNamespace(value="co-design"), summary="")
            >>> EngagementRecord.from_engagement(e, groups=["service users"]).stakeholder_ids
            frozenset({'panel'})
        """
        rung = getattr(engagement, "rung", None)
        rung_value = getattr(rung, "value", rung)
        return cls(
            on=getattr(engagement, "on", None),  # validated by the constructor
            groups=frozenset(groups),
            method=str(getattr(engagement, "method", "")),
            rung=rung_value,  # type: ignore[arg-type]  # validated by the constructor
            summary=getattr(engagement, "summary", ""),
            stakeholder_ids=frozenset(getattr(engagement, "stakeholders", ())),
        )


# ----------------------------------------------------------------------------- step 3


@attrs.frozen
class MeasureLine(Stored):
    """One measure of an outcome, with its baseline (if known) and target (if set).

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> MeasureLine("lonely", "Users who feel lonely often (%)", Decimal("41"),
        ...             dt.date(2026, 3, 31)).has_baseline
        True
    """

    id: str
    name: str
    baseline: Decimal | None = None
    baseline_on: dt.date | None = attrs.field(default=None, converter=_as_day)
    target: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "id", self.id)
        _text(check, "name", self.name)
        for field in ("baseline", "target"):
            value = getattr(self, field)
            if value is not None:
                check.type(field, value, Decimal, "a Decimal or None")
        if self.baseline_on is not None:
            _day(check, "baseline_on", self.baseline_on)
        check.that(
            (self.baseline is None) == (self.baseline_on is None),
            "baseline_on",
            "a date exactly when a baseline is given",
            self.baseline_on,
        )
        check.done()

    @property
    def has_baseline(self) -> bool:
        """Whether a baseline value (with its date) is known."""
        return self.baseline is not None


@attrs.frozen
class OutcomeLine(Stored):
    """One outcome with its priority (1 = highest) and its measures.

    Examples:
        >>> OutcomeLine("Reduce social isolation", priority=1).has_baseline
        False
    """

    name: str
    priority: int | None = None
    measures: tuple[MeasureLine, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "name", self.name)
        if self.priority is not None and check.type(
            "priority", self.priority, int, "an int >= 1 or None"
        ):
            check.that(self.priority >= 1, "priority", "an int >= 1 or None", self.priority)
        _items(check, "measures", self.measures, MeasureLine)
        check.done()

    @property
    def has_baseline(self) -> bool:
        """Whether at least one of its measures has a baseline."""
        return any(m.has_baseline for m in self.measures)


@attrs.frozen
class OutcomePriorities(Stored):
    """Step 3: the outcome framework (outcomes, their measures and baselines) and priorities.

    Use [`from_outcome_framework`][commissioning.cycle.OutcomePriorities.from_outcome_framework] to record an ``OutcomeFramework`` of
    ``commissioning.outcomes``.

    Examples:
        >>> import datetime as dt
        >>> o = OutcomePriorities("Meals outcomes", (OutcomeLine("Reduce social isolation", 1),),
        ...                       dt.date(2026, 3, 2))
        >>> [x.name for x in o.without_baseline()]
        ['Reduce social isolation']
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.OUTCOMES
    framework: str
    outcomes: tuple[OutcomeLine, ...] = attrs.field(converter=_tuple)
    on: dt.date = attrs.field(converter=_as_day)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "framework", self.framework)
        _items(check, "outcomes", self.outcomes, OutcomeLine)
        if isinstance(self.outcomes, tuple):
            names = [o.name for o in self.outcomes if isinstance(o, OutcomeLine)]
            check.that(len(names) == len(set(names)), "outcomes", "distinct outcome names", names)
        _day(check, "on", self.on)
        check.done()

    def without_baseline(self) -> tuple[OutcomeLine, ...]:
        """The outcomes none of whose measures has a baseline, in order."""
        return tuple(o for o in self.outcomes if not o.has_baseline)

    def without_priority(self) -> tuple[OutcomeLine, ...]:
        """The outcomes given no priority, in order."""
        return tuple(o for o in self.outcomes if o.priority is None)

    @classmethod
    def from_outcome_framework(cls, framework: Any, *, on: dt.date) -> OutcomePriorities:
        """Adapter: an ``OutcomeFramework`` of ``commissioning.outcomes`` as cycle evidence.

        Reads only public attributes: the framework's ``name``, ``outcomes``
        (``name``, ``priority``, ``measure_ids``) and ``measures`` (``id``,
        ``name``, ``baseline`` with ``value`` and ``on``, first ``targets`` value).

        Examples:
            >>> import datetime as dt, types
            >>> from decimal import Decimal
            >>> m = types.SimpleNamespace(id="2B", name="At home after reablement", targets=(),
            ...     baseline=types.SimpleNamespace(value=Decimal(82), on=dt.date(2025, 3, 31)))
            >>> fw = types.SimpleNamespace(name="ASC", measures=(m,), outcomes=(
            ...     types.SimpleNamespace(name="Independence", priority=1, measure_ids=("2B",)),))
            >>> OutcomePriorities.from_outcome_framework(fw, on=dt.date(2026, 3, 2)).without_baseline()
            ()
        """
        measures = {m.id: m for m in getattr(framework, "measures", ())}
        lines = []
        for o in getattr(framework, "outcomes", ()):
            mlines = []
            for mid in getattr(o, "measure_ids", ()):
                m = measures[mid]
                base = getattr(m, "baseline", None)
                targets = getattr(m, "targets", ())
                mlines.append(
                    MeasureLine(
                        m.id,
                        m.name,
                        None if base is None else Decimal(base.value),
                        None if base is None else _base_day(base),
                        Decimal(targets[0].value) if targets else None,
                    )
                )
            lines.append(OutcomeLine(o.name, getattr(o, "priority", None), tuple(mlines)))
        return cls(str(getattr(framework, "name", "")), tuple(lines), on)


def _base_day(base: Any) -> dt.date:
    for name in ("on", "as_of", "date"):
        value = getattr(base, name, None)
        if isinstance(value, dt.date):
            return value
    raise InvalidInput.of("baseline", "a baseline with its date (on, as_of or date)", base)


# ----------------------------------------------------------------------------- step 4


@attrs.frozen
class OptionConsidered(Stored):
    """One option considered for the service model, and why it was set aside if it was.

    Examples:
        >>> OptionConsidered("Frozen meals delivered weekly", "cheaper", rejected_because="fewer visits")
        OptionConsidered(name='Frozen meals delivered weekly', summary='cheaper', rejected_because='fewer visits')
    """

    name: str
    summary: str = ""
    rejected_because: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "name", self.name)
        check.type("summary", self.summary, str, "a str")
        check.type("rejected_because", self.rejected_because, str, "a str")
        check.done()


@attrs.frozen
class ServiceModel(Stored):
    """Step 4: the service model chosen and the options considered (a short list).

    ``preferred`` must name one of ``options``, which must not be rejected.

    Examples:
        >>> import datetime as dt
        >>> m = ServiceModel("Hot meals with a daily welfare check",
        ...     (OptionConsidered("Hot meals daily"), OptionConsidered("Lunch clubs",
        ...      rejected_because="transport")), preferred="Hot meals daily", on=dt.date(2026, 4, 1))
        >>> len(m.options)
        2
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.SERVICE_MODEL
    description: str
    options: tuple[OptionConsidered, ...] = attrs.field(converter=_tuple)
    preferred: str = attrs.field(kw_only=True)
    on: dt.date = attrs.field(kw_only=True, converter=_as_day)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "description", self.description)
        if _items(check, "options", self.options, OptionConsidered, plural=""):
            names = [o.name for o in self.options]
            check.that(len(names) == len(set(names)), "options", "distinct names", names)
            chosen = [o for o in self.options if o.name == self.preferred]
            check.that(
                bool(chosen) and not chosen[0].rejected_because,
                "preferred",
                f"the name of an option not rejected ({', '.join(names) or 'no options'})",
                self.preferred,
            )
        _day(check, "on", self.on)
        check.done()

    @classmethod
    def from_short_list(
        cls, short_list: Any, *, description: str, on: dt.date, preferred: str | None = None
    ) -> ServiceModel:
        """Adapter: a ``commissioning.appraisal.ShortList`` as the options considered.

        Reads each option's ``name``, ``description`` and ``role``; the preferred
        option is ``preferred`` or else the one whose role is the preferred way forward.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.appraisal import ShortList
            >>> m = ServiceModel.from_short_list(ShortList.example(), description="Reablement at home",
            ...                                  on=dt.date(2026, 4, 1))
            >>> len(m.options) >= 4, m.preferred in [o.name for o in m.options]
            (True, True)
        """
        options = tuple(getattr(short_list, "options", ()))
        chosen = preferred
        if chosen is None:
            for o in options:
                role = getattr(getattr(o, "role", None), "value", None)
                if role == "preferred way forward":
                    chosen = o.name
                    break
        return cls(
            description,
            tuple(OptionConsidered(o.name, str(getattr(o, "description", ""))) for o in options),
            preferred=chosen,  # type: ignore[arg-type]  # validated by the constructor
            on=on,
        )


Evidence = (
    Question
    | NeedsAnalysis
    | EngagementRecord
    | OutcomePriorities
    | ServiceModel
    | MakeOrBuy
    | DeliveryPlan
    | Contract
    | ImpactMeasurement
    | DecommissioningCase
    | ImpactAssessment
    | ProviderNotice
    | Replacement
)
"""Any evidence record a cycle accepts."""

EVIDENCE_TYPES: tuple[type, ...] = (
    Question,
    NeedsAnalysis,
    EngagementRecord,
    OutcomePriorities,
    ServiceModel,
    MakeOrBuy,
    DeliveryPlan,
    Contract,
    ImpactMeasurement,
    DecommissioningCase,
    ImpactAssessment,
    ProviderNotice,
    Replacement,
)


_BY_KIND: dict[str, type] = {t.kind.value: t for t in EVIDENCE_TYPES}  # type: ignore[attr-defined]  # every evidence class has a kind


def evidence_from_data(data: Any, *, path: str = "evidence") -> Evidence:
    """Read any evidence record written by its ``to_data()``, choosing the class by its ``kind``.

    Any other input raises [`InvalidInput`][commissioning.InvalidInput] naming the path.

    Examples:
        >>> import datetime as dt
        >>> q = Question("Who needs a hot meal?", "Residents 65+", dt.date(2026, 1, 5))
        >>> evidence_from_data(q.to_data()) == q
        True
        >>> evidence_from_data({"kind": "impact", "summary": "x", "on": "2026-01-05",
        ...                     "observations": [{"outcome": "fed"}]})
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: evidence.observations[0].measure: expected a required key 'measure', received 'a mapping without it'
    """
    from .._reader import Reader, check_json  # noqa: PLC0415 - kept beside its one use

    check_json(data, field=path)
    kind = Reader(data, path).key("kind").enum(EvidenceKind)
    cls: Any = _BY_KIND[kind.value]
    out: Evidence = cls.from_data(data, path=path)
    return out
