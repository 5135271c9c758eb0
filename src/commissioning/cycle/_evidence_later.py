"""Evidence of the later steps: the make-or-buy decision, the delivery plan, the contract, the impact, and decommissioning.

Facts: the docs' Sources page, "Framework 1" (steps 5 and 6), "What commissioning
is" (the make-or-buy decision) and "Decommissioning" (NAO toolkit: impact on
users and partners, at least three months' notice to providers, the
alternative). Internal: `._evidence` re-exports what is public.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from .._errors import InvalidInput
from .._validation import Checker
from ._data import Stored
from ._evidence_base import (
    AUDIT_COMMISSION_QUESTIONS,
    DeliveryRoute,
    EvidenceKind,
    _as_day,
    _day,
    _items,
    _money,
    _pairs,
    _route,
    _text,
    _texts,
    _tuple,
)

__all__ = [
    "Contract",
    "DecommissioningCase",
    "DeliveryPlan",
    "ImpactAssessment",
    "ImpactMeasurement",
    "ImpactObservation",
    "MakeOrBuy",
    "Milestone",
    "ProviderNotice",
    "Replacement",
]


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
    service (see [`CommissioningCycle.next_cycle`][commissioning.cycle.CommissioningCycle.next_cycle]).

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

    ``answers`` maps each of [`AUDIT_COMMISSION_QUESTIONS`][commissioning.cycle.DecommissioningCase] to an answer (every
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
