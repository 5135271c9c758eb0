"""Procurement Act 2023 notices UK1-UK17 as first-class values (PA notices table, PR24 reg 5).

Codes UK1-UK5 and UK9 are confirmed from official pages; the others agree
across several independent sources but are UNCONFIRMED (``confirmed=False``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pendulum

from .._errors import InvalidInput

__all__ = ["NOTICE_TYPES", "Notice", "NoticeType", "notice_type", "uk_day"]

_LONDON = ZoneInfo("Europe/London")


def uk_day(at: dt.datetime) -> pendulum.Date:
    """The calendar day of moment ``at`` in the United Kingdom (Europe/London).

    Statutory periods count days; an event's day is its date in UK time, so a
    notice published at 23:30 UTC in summer is published on the next UK day.

    Examples:
        >>> import datetime as dt
        >>> uk_day(dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC))
        Date(2026, 6, 2)
    """
    local = at.astimezone(_LONDON)
    return pendulum.Date(local.year, local.month, local.day)


@attrs.frozen
class NoticeType:
    """A kind of Procurement Act notice: its code, name, section and when it is due.

    Attributes:
        code: ``"UK1"`` ... ``"UK17"``.
        name: the notice's name.
        section: the section of the Procurement Act 2023 that requires it.
        when: when it is published, and its precondition.
        ocds_section: the OCDS release section whose ``documents`` carry it.
        ocds_document_type: the OCDS ``documentType`` code used for it.
        confirmed: ``False`` where the code is UNCONFIRMED in the reference.

    Examples:
        >>> notice_type("UK6").name, notice_type("UK6").section
        ('contract award notice', 's.50')
    """

    code: str
    name: str
    section: str
    when: str
    ocds_section: str
    ocds_document_type: str
    confirmed: bool

    @property
    def event(self) -> str:
        """The machine event that publishes it (``"publish_UK6"``)."""
        return f"publish_{self.code}"


_TYPES = (
    NoticeType(
        "UK1",
        "pipeline notice",
        "s.93",
        "if expected spend is over £100m in the coming financial year; within 56 days of 1 April",
        "planning",
        "procurementPlan",
        confirmed=True,
    ),
    NoticeType(
        "UK2",
        "preliminary market engagement notice",
        "s.17",
        "if engagement happened, before the tender notice, or reasons given in it",
        "planning",
        "marketEngagementNotice",
        confirmed=True,
    ),
    NoticeType(
        "UK3",
        "planned procurement notice",
        "s.15",
        "optional; qualifying when at least 40 days and at most 12 months before the tender notice",
        "planning",
        "plannedProcurementNotice",
        confirmed=True,
    ),
    NoticeType(
        "UK4",
        "tender notice",
        "s.21",
        "starts an open or competitive flexible procedure; a conflicts assessment must exist first",
        "tender",
        "tenderNotice",
        confirmed=True,
    ),
    NoticeType(
        "UK5",
        "transparency notice",
        "s.44",
        "before a direct award under s.41 or s.43 (not user-choice contracts)",
        "tender",
        "tenderNotice",
        confirmed=True,
    ),
    NoticeType(
        "UK6",
        "contract award notice",
        "s.50",
        "before entering into the contract, after assessment summaries; starts the standstill",
        "award",
        "awardNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK7",
        "contract details notice",
        "s.53",
        "within 30 days of entering into the contract (120 for light touch)",
        "contract",
        "contractNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK8",
        "payments notice",
        "s.70",
        "for contracts over £30,000, within 30 days after each quarter",
        "implementation",
        "implementationNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK9",
        "contract performance notice",
        "s.71",
        "at least every 12 months where KPIs were set, on termination, and after a breach",
        "implementation",
        "implementationNotice",
        confirmed=True,
    ),
    NoticeType(
        "UK10",
        "contract change notice",
        "s.75",
        "before modifying a contract, unless the change is small",
        "contract",
        "contractNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK11",
        "contract termination notice",
        "s.80",
        "within 30 days of the contract ending",
        "implementation",
        "contractTerminationNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK12",
        "procurement termination notice",
        "s.55",
        "as soon as reasonably practicable after deciding not to award",
        "tender",
        "tenderCancellationNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK13",
        "dynamic market notice: intention to establish",
        "s.39",
        "before establishing a dynamic market",
        "tender",
        "tenderNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK14",
        "dynamic market notice: establishment",
        "s.39",
        "as soon as reasonably practicable after establishing a dynamic market",
        "tender",
        "tenderNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK15",
        "dynamic market notice: modification",
        "s.39",
        "as soon as reasonably practicable after modifying a dynamic market",
        "tender",
        "tenderNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK16",
        "dynamic market notice: cessation",
        "s.39",
        "as soon as reasonably practicable after a dynamic market ceases",
        "tender",
        "tenderNotice",
        confirmed=False,
    ),
    NoticeType(
        "UK17",
        "payments compliance notice",
        "s.69",
        "within 30 days after each six-month period ending 31 March or 30 September",
        "planning",
        "paymentsComplianceNotice",
        confirmed=False,
    ),
)

#: Every Procurement Act notice type, by code (``"UK1"`` ... ``"UK17"``).
NOTICE_TYPES: MappingProxyType[str, NoticeType] = MappingProxyType({t.code: t for t in _TYPES})


def notice_type(code: str) -> NoticeType:
    """The notice type with ``code`` (``"UK4"``); an unknown code raises [`InvalidInput`][commissioning.InvalidInput].

    Examples:
        >>> notice_type("UK5").name
        'transparency notice'
        >>> notice_type("UK99")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: code: expected a notice code UK1 ... UK17, received 'UK99'
    """
    try:
        return NOTICE_TYPES[code]
    except (KeyError, TypeError):
        raise InvalidInput.of("code", "a notice code UK1 ... UK17", code) from None


@attrs.frozen
class Notice:
    """A published notice: its type, when it was published, and its content.

    Attributes:
        code: the notice code (``"UK4"``).
        published_at: when it was published (UTC).
        content: what it said (read-only, JSON-compatible), as given when publishing.
        version: the procurement event (record version) that published it.

    Examples:
        >>> import datetime as dt
        >>> n = Notice("UK4", dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), {}, 3)
        >>> n.notice_type.name, n.published_on
        ('tender notice', Date(2026, 3, 2))
    """

    code: str
    published_at: dt.datetime
    content: Mapping[str, Any]
    version: int
    #: The UK day it was published (see [`uk_day`][commissioning.procurement.uk_day]).
    published_on: pendulum.Date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "published_on", uk_day(self.published_at))

    @property
    def notice_type(self) -> NoticeType:
        """The notice's type."""
        return NOTICE_TYPES[self.code]
