"""Typed, dated evidence records: what a commissioning cycle knows, step by step.

Facts: ``commissioning.md``, "Framework 1" (what each step should evidence:
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
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import pendulum

from .._errors import InvalidInput
from .._money import pounds
from .._validation import Checker
from ._data import Stored

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

#: The ladder of co-production (TLAP / National Co-production Advisory Group), lowest first
#: (``stakeholders-and-outcomes.md``, "Participation ladders").
CO_PRODUCTION_RUNGS: tuple[str, ...] = (
    "coercion",
    "educating",
    "informing",
    "consultation",
    "engagement",
    "co-design",
    "co-production",
)

#: The Audit Commission's (2008) questions before stopping a service
#: (``commissioning.md``, "Decommissioning").
AUDIT_COMMISSION_QUESTIONS: tuple[str, ...] = (
    "Do we need it?",
    "Does it support our objectives?",
    "Should it be done this way?",
    "At this cost?",
    "What is the impact on partners?",
    "What is the alternative?",
)


class EvidenceKind(enum.StrEnum):
    """The kinds of evidence a cycle records (each is one record class).

    Examples:
        >>> EvidenceKind("make-or-buy")
        <EvidenceKind.MAKE_OR_BUY: 'make-or-buy'>
    """

    QUESTION = "question"
    NEEDS_ANALYSIS = "needs-analysis"
    ENGAGEMENT = "engagement"
    OUTCOMES = "outcomes"
    SERVICE_MODEL = "service-model"
    MAKE_OR_BUY = "make-or-buy"
    DELIVERY_PLAN = "delivery-plan"
    CONTRACT = "contract"
    IMPACT = "impact"
    DECOMMISSIONING_CASE = "decommissioning-case"
    IMPACT_ASSESSMENT = "impact-assessment"
    PROVIDER_NOTICE = "provider-notice"
    REPLACEMENT = "replacement"


class DeliveryRoute(enum.StrEnum):
    """The make-or-buy decision's outcome: how the service will be delivered, or not at all.

    From ``commissioning.md``, "What commissioning is" (whoever delivers it: the
    authority itself, a private firm, the voluntary sector or a social
    enterprise) and the issue's list.

    Examples:
        >>> DeliveryRoute("grant").needs_contract
        False
        >>> DeliveryRoute.EXTERNAL_PROCUREMENT.needs_contract
        True
    """

    IN_HOUSE = "in-house"
    EXTERNAL_PROCUREMENT = "external procurement"
    GRANT = "grant"
    PARTNERSHIP = "partnership or joint commissioning"
    DECOMMISSION = "decommission"

    @property
    def needs_contract(self) -> bool:
        """Whether delivery must wait for a contract to be entered into (external procurement)."""
        return self is DeliveryRoute.EXTERNAL_PROCUREMENT


# ----------------------------------------------------------------------------- helpers


def _text(check: Checker, field: str, value: Any, *, required: bool = True) -> None:
    if check.type(field, value, str, "a non-empty str" if required else "a str") and required:
        check.that(bool(value.strip()), field, "a non-empty str", value)


def _day(check: Checker, field: str, value: Any) -> bool:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        check.type(field, value, type(None), "a date (not a datetime)")
        return False
    return True


def _texts(check: Checker, field: str, value: Any, *, nonempty: bool = False) -> None:
    if check.type(field, value, tuple, "a tuple of non-empty str"):
        for i, item in enumerate(value):
            _text(check, f"{field}[{i}]", item)
        if nonempty:
            check.that(bool(value), field, "at least one entry", value)


def _items(check: Checker, field: str, value: Any, kind: type, *, plural: str = "s") -> bool:
    """Check ``value`` is a tuple of ``kind``; whether it is, every item included.

    Problems read "a tuple of MeasureLines" and, per item, "a MeasureLine" (or
    "an OutcomeLine": the class name gives the words).
    """
    name = kind.__name__
    if not check.type(field, value, tuple, f"a tuple of {name}{plural}"):
        return False
    article = "an" if name[0] in "AEIOU" else "a"
    ok = True
    for i, item in enumerate(value):
        ok = check.type(f"{field}[{i}]", item, kind, f"{article} {name}") and ok
    return ok


def _as_day(value: Any) -> Any:
    """A ``datetime.date`` as a ``pendulum.Date`` (the library's calendar day); anything else as given.

    The constructors' checks then refuse what is not a day (a datetime, a string...).
    """
    if (
        isinstance(value, dt.date)
        and not isinstance(value, dt.datetime)
        and not isinstance(value, pendulum.Date)
    ):
        return pendulum.Date(value.year, value.month, value.day)
    return value


def _member(cls: type[enum.Enum], value: Any) -> Any:
    """The member of ``cls`` whose value is the string ``value``; anything else as given (checked later)."""
    if isinstance(value, str) and not isinstance(value, cls):
        for member in cls:
            if member.value == value:
                return member
    return value


def _route(value: Any) -> Any:
    return _member(DeliveryRoute, value)


def _tuple(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _pairs(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(value.items())
    return _tuple(value)


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(value)
    return value


def _money(check: Checker, field: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal):
        check.type(field, value, Decimal, "pounds as a Decimal (use Decimal('1200.00'))")
        return
    try:
        pounds(value, field=field)
    except InvalidInput as err:
        check.extend(err)
    else:
        check.that(value >= 0, field, "a non-negative amount of pounds", value)


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
    rung of the ladder of co-production (:data:`CO_PRODUCTION_RUNGS`).
    Use :meth:`from_engagement` to record an engagement kept in a stakeholder map.

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

    Use :meth:`from_outcome_framework` to record an ``OutcomeFramework`` of
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


# ----------------------------------------------------------------------------- step 5


@attrs.frozen
class MakeOrBuy(Stored):
    """Step 5: the make-or-buy decision, its rationale, and the value it commits.

    Attributes:
        route: in-house, external procurement, grant, partnership or joint
            commissioning, or decommission.
        rationale: why (required).
        on: the day it was decided.
        value: the whole-life value in pounds (what approval thresholds are judged on).
        procedure: for external procurement, the procurement procedure's name (the
            child machine run in the cycle, e.g. ``"open"``), if known.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> d = MakeOrBuy(DeliveryRoute.EXTERNAL_PROCUREMENT, "the market is mature",
        ...               dt.date(2026, 5, 1), value=Decimal("1200000"))
        >>> d.route.needs_contract
        True
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.MAKE_OR_BUY
    route: DeliveryRoute = attrs.field(converter=_route)
    rationale: str
    on: dt.date = attrs.field(converter=_as_day)
    value: Decimal | None = attrs.field(default=None, kw_only=True)
    procedure: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("route", self.route, DeliveryRoute, "a DeliveryRoute")
        _text(check, "rationale", self.rationale)
        _day(check, "on", self.on)
        _money(check, "value", self.value)
        if self.procedure is not None:
            _text(check, "procedure", self.procedure)
        check.done()

    @classmethod
    def from_decision(
        cls,
        decision: Any,
        *,
        on: dt.date,
        value: Decimal | None = None,
        procedure: str | None = None,
    ) -> MakeOrBuy:
        """Adapter: a ``commissioning.appraisal.MakeOrBuyDecision`` as the cycle's decision.

        "make" becomes in-house, "buy" external procurement; the appraisal's
        rationale is kept. Grants, partnerships and decommissioning are not
        make-or-buy comparisons: record those directly.

        Examples:
            >>> import datetime as dt
            >>> from commissioning.appraisal import DeliveryCosts, Stream, make_or_buy
            >>> d = make_or_buy(make=DeliveryCosts("team", Stream.of(100)),
            ...                 buy=DeliveryCosts("contract", Stream.of(90), transition_costs=Stream.of(20)))
            >>> MakeOrBuy.from_decision(d, on=dt.date(2026, 5, 1)).route
            <DeliveryRoute.IN_HOUSE: 'in-house'>
        """
        side = getattr(getattr(decision, "decision", None), "value", None)
        routes = {"make": DeliveryRoute.IN_HOUSE, "buy": DeliveryRoute.EXTERNAL_PROCUREMENT}
        if side not in routes:
            raise InvalidInput.of("decision", "a make-or-buy decision to make or to buy", decision)
        return cls(
            routes[side],
            str(getattr(decision, "rationale", "")),
            on,
            value=value,
            procedure=procedure,
        )


@attrs.frozen
class Milestone(Stored):
    """A dated milestone of a delivery or decommissioning plan.

    Examples:
        >>> import datetime as dt
        >>> Milestone("New provider starts", dt.date(2026, 10, 1)).due
        Date(2026, 10, 1)
    """

    name: str
    due: dt.date = attrs.field(converter=_as_day)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "name", self.name)
        _day(check, "due", self.due)
        check.done()


@attrs.frozen
class DeliveryPlan(Stored):
    """Step 5: how the service will be put in place: milestones and the day delivery starts.

    Examples:
        >>> import datetime as dt
        >>> DeliveryPlan("Mobilise the new provider", dt.date(2026, 5, 20),
        ...              starts_on=dt.date(2026, 10, 1)).starts_on
        Date(2026, 10, 1)
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.DELIVERY_PLAN
    summary: str
    on: dt.date = attrs.field(converter=_as_day)
    starts_on: dt.date = attrs.field(kw_only=True, converter=_as_day)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "summary", self.summary)
        _day(check, "on", self.on)
        _day(check, "starts_on", self.starts_on)
        _items(check, "milestones", self.milestones, Milestone)
        check.done()


@attrs.frozen
class Contract(Stored):
    """A contract entered into (or an agreement, for partnership), with its term.

    ``on`` is the day it was entered into; ``ends_on`` the last day of its term
    and ``extendable_to`` the last day if every extension option is used. The
    portfolio view uses these to say when recommissioning must start.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> c = Contract("MEALS-2026", "Good Food CIC", Decimal("1150000"), dt.date(2026, 9, 1),
        ...              starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2029, 9, 30))
        >>> c.last_day
        Date(2029, 9, 30)
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.CONTRACT
    reference: str
    supplier: str
    value: Decimal
    on: dt.date = attrs.field(converter=_as_day)
    starts_on: dt.date = attrs.field(kw_only=True, converter=_as_day)
    ends_on: dt.date = attrs.field(kw_only=True, converter=_as_day)
    extendable_to: dt.date | None = attrs.field(default=None, kw_only=True, converter=_as_day)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "reference", self.reference)
        _text(check, "supplier", self.supplier)
        if check.type("value", self.value, Decimal, "pounds as a Decimal"):
            _money(check, "value", self.value)
        ok = _day(check, "on", self.on)
        ok = _day(check, "starts_on", self.starts_on) and ok
        ok = _day(check, "ends_on", self.ends_on) and ok
        if ok:
            check.that(
                self.on <= self.starts_on <= self.ends_on,
                "ends_on",
                f"entered into ({self.on}) <= starts_on ({self.starts_on}) <= ends_on",
                self.ends_on,
            )
        if self.extendable_to is not None and _day(check, "extendable_to", self.extendable_to):
            check.that(
                not ok or self.extendable_to >= self.ends_on,
                "extendable_to",
                f"a day on or after ends_on ({self.ends_on})",
                self.extendable_to,
            )
        check.done()

    @property
    def last_day(self) -> dt.date:
        """The last day the contract can run: ``extendable_to`` if set, else ``ends_on``."""
        return self.ends_on if self.extendable_to is None else self.extendable_to


# ----------------------------------------------------------------------------- step 6


@attrs.frozen
class ImpactObservation(Stored):
    """One measure observed against the outcome framework, for a period ending on ``period_end``.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> ImpactObservation("Reduce social isolation", "lonely", Decimal("33"),
        ...                   dt.date(2027, 3, 31)).value
        Decimal('33')
    """

    outcome: str
    measure: str
    value: Decimal
    period_end: dt.date = attrs.field(converter=_as_day)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "outcome", self.outcome)
        _text(check, "measure", self.measure)
        check.type("value", self.value, Decimal, "a Decimal")
        _day(check, "period_end", self.period_end)
        check.done()


@attrs.frozen
class ImpactMeasurement(Stored):
    """Step 6: measures observed against the outcome framework, and the lessons learned.

    The lessons and observations are carried into the next cycle of the same
    service (see :meth:`CommissioningCycle.next_cycle`).

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> m = ImpactMeasurement("Loneliness down 8 points", dt.date(2027, 4, 20),
        ...     observations=[ImpactObservation("Reduce social isolation", "lonely", Decimal(33),
        ...                                     dt.date(2027, 3, 31))],
        ...     lessons=["Drivers' welfare checks matter more than menu choice"])
        >>> m.lessons
        ("Drivers' welfare checks matter more than menu choice",)
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.IMPACT
    summary: str
    on: dt.date = attrs.field(converter=_as_day)
    observations: tuple[ImpactObservation, ...] = attrs.field(
        default=(), converter=_tuple, kw_only=True
    )
    lessons: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "summary", self.summary)
        _day(check, "on", self.on)
        _items(check, "observations", self.observations, ImpactObservation)
        _texts(check, "lessons", self.lessons)
        check.done()


# ----------------------------------------------------------------------------- decommissioning


@attrs.frozen
class DecommissioningCase(Stored):
    """Decide: the case for stopping a service, answering the Audit Commission's questions.

    ``answers`` maps each of :data:`AUDIT_COMMISSION_QUESTIONS` to an answer (every
    question must be answered); ``providers`` lists who must be given notice
    (in-house teams included: the NAO toolkit applies to in-house services too).

    Examples:
        >>> import datetime as dt
        >>> answers = {q: "answered in the report" for q in AUDIT_COMMISSION_QUESTIONS}
        >>> case = DecommissioningCase("Subsidy no longer meets the outcome", dt.date(2027, 5, 1),
        ...                            answers=answers, providers=["Good Food CIC"])
        >>> case.providers
        ('Good Food CIC',)
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.DECOMMISSIONING_CASE
    rationale: str
    on: dt.date = attrs.field(converter=_as_day)
    answers: tuple[tuple[str, str], ...] = attrs.field(kw_only=True, converter=_pairs)
    providers: tuple[str, ...] = attrs.field(kw_only=True, converter=_tuple)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "rationale", self.rationale)
        _day(check, "on", self.on)
        if check.type("answers", self.answers, tuple, "a mapping of question to answer"):
            given = {}
            for i, pair in enumerate(self.answers):
                if check.that(
                    isinstance(pair, tuple) and len(pair) == 2,
                    f"answers[{i}]",
                    "a (question, answer) pair",
                    pair,
                ):
                    _text(check, f"answers[{i}].question", pair[0])
                    _text(check, f"answers[{i}].answer", pair[1])
                    given[pair[0]] = pair[1]
            missing = [q for q in AUDIT_COMMISSION_QUESTIONS if q not in given]
            check.that(
                not missing, "answers", "an answer to every Audit Commission question", missing
            )
        _texts(check, "providers", self.providers, nonempty=True)
        check.done()


@attrs.frozen
class ImpactAssessment(Stored):
    """Plan: the impact of stopping the service on users and on partners, and mitigations.

    Examples:
        >>> import datetime as dt
        >>> ImpactAssessment(dt.date(2027, 6, 1), on_users="120 users lose a daily visit",
        ...                  on_partners="Age UK absorbs welfare checks").on_partners
        'Age UK absorbs welfare checks'
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.IMPACT_ASSESSMENT
    on: dt.date = attrs.field(converter=_as_day)
    on_users: str = attrs.field(kw_only=True)
    on_partners: str = attrs.field(kw_only=True)
    mitigations: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _day(check, "on", self.on)
        _text(check, "on_users", self.on_users)
        _text(check, "on_partners", self.on_partners)
        _texts(check, "mitigations", self.mitigations)
        check.done()


@attrs.frozen
class ProviderNotice(Stored):
    """Plan: notice given to a provider, on ``on``, that the service ends on ``service_ends_on``.

    The NAO toolkit asks for at least three months' notice; the requirement
    checks it (the period is configurable on the framework's decommissioning path).

    Examples:
        >>> import datetime as dt
        >>> ProviderNotice("Good Food CIC", dt.date(2027, 6, 1), service_ends_on=dt.date(2027, 9, 30)).provider
        'Good Food CIC'
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.PROVIDER_NOTICE
    provider: str
    on: dt.date = attrs.field(converter=_as_day)
    service_ends_on: dt.date = attrs.field(kw_only=True, converter=_as_day)

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _text(check, "provider", self.provider)
        if _day(check, "on", self.on) and _day(check, "service_ends_on", self.service_ends_on):
            check.that(
                self.service_ends_on > self.on,
                "service_ends_on",
                f"a day after the notice ({self.on})",
                self.service_ends_on,
            )
        check.done()


@attrs.frozen
class Replacement(Stored):
    """Plan: what replaces the service (or why nothing does).

    Examples:
        >>> import datetime as dt
        >>> Replacement(dt.date(2027, 6, 1), "Lunch clubs run by the voluntary sector").description
        'Lunch clubs run by the voluntary sector'
    """

    kind: ClassVar[EvidenceKind] = EvidenceKind.REPLACEMENT
    on: dt.date = attrs.field(converter=_as_day)
    description: str

    def __attrs_post_init__(self) -> None:
        check = Checker()
        _day(check, "on", self.on)
        _text(check, "description", self.description)
        check.done()


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

    Any other input raises :class:`~commissioning.InvalidInput` naming the path.

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
