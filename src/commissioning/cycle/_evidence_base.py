"""The evidence records' shared vocabulary: the closed sets (kinds, delivery routes), the ladders, the checks.

Internal: `._evidence` re-exports what is public.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import pendulum

from .._errors import InvalidInput
from .._money import pounds
from .._validation import Checker

__all__ = [
    "AUDIT_COMMISSION_QUESTIONS",
    "CO_PRODUCTION_RUNGS",
    "DeliveryRoute",
    "EvidenceKind",
]

#: The ladder of co-production (TLAP / National Co-production Advisory Group), lowest first
#: (the docs' Sources page, "Participation ladders").
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
#: (the docs' Sources page, "Decommissioning").
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

    From the docs' Sources page, "What commissioning is" (whoever delivers it: the
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
