"""A read model of what was published: typed, immutable values for one contracting process.

What a UK portal published about one ``ocid`` (Contracts Finder, Find a Tender,
Sell2Wales, Public Contracts Scotland or any other OCDS 1.1 publisher, under any
regime) as values: the buyers, lots, awards with all their suppliers, contracts,
values and value ranges, framework and DPS flags, amendments, documents and a
dated timeline. Everything the model does not hold is kept (as strict JSON) and
listed by path in [`PublishedProcurement.unmodelled`][commissioning.ocds.PublishedProcurement]. Built by
[`read_published`][commissioning.ocds.read_published]; audited by
[`audit_published`][commissioning.ocds.audit_published].
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..procurement import Procurement
    from ._import import Unmapped

__all__ = [
    "PORTALS",
    "OrganisationRef",
    "Publication",
    "PublishedAmendment",
    "PublishedAward",
    "PublishedContract",
    "PublishedDocument",
    "PublishedEvent",
    "PublishedLot",
    "PublishedNotice",
    "PublishedParty",
    "PublishedPeriod",
    "PublishedProcurement",
    "PublishedRegime",
    "PublishedValue",
    "RelatedProcess",
    "UnmodelledField",
]

#: The UK portals by registered OCDS prefix (the ``ocid``'s first 11 characters).
PORTALS = {
    "ocds-b5fd17": "Contracts Finder",
    "ocds-h6vhtk": "Find a Tender",
    "ocds-kuma6s": "Sell2Wales",
    "ocds-r6ebe6": "Public Contracts Scotland",
}


class PublishedRegime(enum.StrEnum):
    """The regime a published procurement was run under, as far as the releases tell.

    Examples:
        >>> PublishedRegime("Concession Contracts Regulations 2016").name
        'CCR_2016'
    """

    PA_2023 = "Procurement Act 2023"
    PCR_2015 = "Public Contracts Regulations 2015"
    PCSR_2015 = "Public Contracts (Scotland) Regulations 2015"
    UCR_2016 = "Utilities Contracts Regulations 2016"
    UCSR_2016 = "Utilities Contracts (Scotland) Regulations 2016"
    CCR_2016 = "Concession Contracts Regulations 2016"
    CCSR_2016 = "Concession Contracts (Scotland) Regulations 2016"
    DSPCR_2011 = "Defence and Security Public Contracts Regulations 2011"
    UNCLASSIFIED = "unclassified"


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class PublishedValue:
    """A published value: an amount, its VAT-inclusive amount, and a range where one was given.

    Attributes:
        amount: ``amount`` as published (OCDS does not say whether VAT is in it; the UK
            profile means it without VAT), or ``None``.
        amount_gross: ``amountGross`` (UK extension: VAT included), or ``None``.
        currency: the ISO 4217 code, or ``None``.
        minimum: the low end of a range (``minValue.amount``), or ``None``.
        maximum: the high end of a range (``maxValue.amount``), or ``None``.

    Examples:
        >>> v = PublishedValue(None, None, "GBP", Decimal("100000"), Decimal("250000"))
        >>> v.is_range, v.best
        (True, Decimal('250000'))
    """

    amount: Decimal | None
    amount_gross: Decimal | None
    currency: str | None
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def is_range(self) -> bool:
        """Whether a range (a minimum or a maximum) was published."""
        return self.minimum is not None or self.maximum is not None

    @property
    def best(self) -> Decimal | None:
        """The largest figure published: the gross amount, else the amount, else the maximum."""
        for figure in (self.amount_gross, self.amount, self.maximum, self.minimum):
            if figure is not None:
                return figure
        return None


@attrs.frozen
class PublishedPeriod:
    """A published period: start and end moments (UTC) and a duration in days, each if given.

    Examples:
        >>> PublishedPeriod(None, None, 1440).duration_days
        1440
    """

    start: dt.datetime | None
    end: dt.datetime | None
    duration_days: int | None = None
    max_extent: dt.datetime | None = None


@attrs.frozen
class OrganisationRef:
    """A reference to an organisation (``id`` and ``name``), as awards name their suppliers."""

    id: str | None
    name: str | None


@attrs.frozen
class PublishedParty:
    """A party of the process with its roles and classifications.

    Attributes:
        id: the party id within the process (``None`` when not published).
        name: the name as published.
        roles: the OCDS roles (``buyer``, ``procuringEntity``, ``supplier``...).
        identifier: ``scheme-id`` of the main identifier (``"GB-COH-01234567"``), or ``""``.
        classifications: ``(scheme, id)`` pairs (``("UK_CA_TYPE", "publicAuthorityCentralGovernment")``).
    """

    id: str | None
    name: str | None
    roles: tuple[str, ...] = attrs.field(converter=_tuple)
    identifier: str = ""
    classifications: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class PublishedDocument:
    """A published document, with the UK notice code where it is a Procurement Act notice.

    Attributes:
        path: where it is (``/tender/documents/0``).
        notice_type: the UK notice code (``"UK4"``) or ``None``.
    """

    path: str
    id: str | None
    document_type: str | None
    notice_type: str | None
    title: str | None
    description: str | None
    url: str | None
    published: dt.datetime | None
    modified: dt.datetime | None
    format: str | None = None
    language: str | None = None


@attrs.frozen
class PublishedLot:
    """A lot of the tender: its id, title, status, value (or range) and contract period."""

    id: str
    title: str | None
    description: str | None
    status: str | None
    value: PublishedValue | None
    contract_period: PublishedPeriod | None


@attrs.frozen
class PublishedAward:
    """An award with every supplier named on it (not only the first).

    Attributes:
        related_lots: the lot ids the award is for (``()`` when not said).
        standstill: the UK extension's ``standstillPeriod``, or ``None``.
        assessment_summaries_sent: the UK extension's ``assessmentSummariesDateSent``, or ``None``.
    """

    id: str
    title: str | None
    description: str | None
    status: str | None
    date: dt.datetime | None
    value: PublishedValue | None
    suppliers: tuple[OrganisationRef, ...] = attrs.field(converter=_tuple)
    related_lots: tuple[str, ...] = attrs.field(converter=_tuple)
    contract_period: PublishedPeriod | None = None
    standstill: PublishedPeriod | None = None
    assessment_summaries_sent: dt.datetime | None = None


@attrs.frozen
class PublishedAmendment:
    """An amendment of the tender, an award or a contract, in the release that published it.

    Attributes:
        where: the object amended (``"tender"``, ``"awards/a1"``, ``"contracts/c1"``).
        release_id: the release it appeared in (``None`` when the release has no ``id``).
    """

    where: str
    id: str | None
    date: dt.datetime | None
    description: str | None
    rationale: str | None
    release_id: str | None


@attrs.frozen
class PublishedContract:
    """A contract: its award, status, signature day, value, period and amendments.

    Attributes:
        transactions: the number of payments published in ``implementation.transactions``.
    """

    id: str
    award_id: str | None
    title: str | None
    description: str | None
    status: str | None
    date_signed: dt.datetime | None
    value: PublishedValue | None
    period: PublishedPeriod | None
    transactions: int = 0


@attrs.frozen
class RelatedProcess:
    """A link to another process (a call-off's ``framework``, a ``parent``, a ``prior`` one)."""

    id: str | None
    relationship: tuple[str, ...] = attrs.field(converter=_tuple)
    scheme: str | None = None
    identifier: str | None = None
    title: str | None = None
    uri: str | None = None


@attrs.frozen
class PublishedNotice:
    """One published release: when, with which tags, and which UK notice code(s) it carries.

    Attributes:
        release_id: the release ``id`` (``None``: some portals publish releases without one).
        index: its position in the input (stable, for releases without an id).
        date: the release date (UTC), or ``None`` if it could not be read.
        tags: the release tags.
        notice_types: the UK notice codes in its documents (``("UK4",)``), often ``()``.
        document_types: the notice-like OCDS document types (``contractNotice``...).
    """

    release_id: str | None
    index: int
    date: dt.datetime | None
    tags: tuple[str, ...] = attrs.field(converter=_tuple)
    notice_types: tuple[str, ...] = attrs.field(converter=_tuple)
    document_types: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class PublishedEvent:
    """A dated fact of the timeline (``"tender period ends"`` on a day, from a path).

    Attributes:
        at: the moment (UTC).
        what: what happened, in words.
        path: where it was read (``/tender/tenderPeriod/endDate``).
        release_id: the release it was read from (``None`` for the compiled view).
    """

    at: dt.datetime
    what: str
    path: str
    release_id: str | None = None


@attrs.frozen
class UnmodelledField:
    """A field the read model does not hold, kept as published (see ``unmodelled_values``).

    Attributes:
        release_index: the release's position in the input.
        path: a JSON pointer into that release (``/tender/lots/0/options``).
        reason: ``"not modelled"``, or why a modelled field could not be read.
    """

    release_index: int
    path: str
    reason: str = "not modelled"

    def __str__(self) -> str:
        return f"releases[{self.release_index}]{self.path}: {self.reason}"


@attrs.frozen
class PublishedProcurement:
    """Everything published about one contracting process (one ``ocid``), read into values.

    Attributes:
        ocid: the open contracting id, as published.
        prefix: the publisher prefix (``"ocds-kuma6s"``), or ``""`` if the ocid has none.
        portal: the portal's name ([`PORTALS`][commissioning.ocds.PublishedProcurement]), or ``""`` for an unknown prefix.
        regime: the regime, read from UK notice codes, ``legalBasis`` or the date.
        regime_basis: how the regime was decided, in words.
        title: the tender's title.
        buyers: every party with the ``buyer`` role (and ``buyer`` itself), first the named buyer.
        tender_status: ``tender.status``.
        procurement_method: ``tender.procurementMethod`` (open, selective, limited, direct).
        procurement_method_details: the portal's words for the procedure.
        main_category: ``tender.mainProcurementCategory``.
        value: the tender's value or range (``None`` when not published).
        tender_period, enquiry_period, award_period, contract_period: the tender's periods.
        participation_deadline: the UK extension's ``expressionOfInterestDeadline``.
        electronic_submission: ``True``/``False`` from ``submissionMethod``; ``None`` if not said.
        above_threshold: the UK extension's ``aboveThreshold``, or ``None``.
        special_regimes: the UK extension's ``specialRegime`` codes.
        framework: a framework agreement is being set up (``techniques.hasFrameworkAgreement``).
        dynamic_purchasing: a dynamic purchasing system / dynamic market.
        lots, awards, contracts, amendments, documents, related: the published objects.
        notices: one entry per release, in date order.
        timeline: every dated fact, in time order.
        unmodelled: every field not held by the model, by release and path.
        procedure_key: the Procurement Act procedure inferred from UK notice codes, or ``None``.
        procurement: the procurement replayed on that procedure's machine, or ``None``.
        replay_notes: what the replay could not map (``()`` when none or no replay).
    """

    ocid: str
    prefix: str
    portal: str
    regime: PublishedRegime
    regime_basis: str
    title: str | None
    description: str | None
    buyers: tuple[PublishedParty, ...]
    parties: tuple[PublishedParty, ...]
    tender_id: str | None
    tender_status: str | None
    procurement_method: str | None
    procurement_method_details: str | None
    procurement_method_rationale: str | None
    main_category: str | None
    value: PublishedValue | None
    tender_period: PublishedPeriod | None
    enquiry_period: PublishedPeriod | None
    award_period: PublishedPeriod | None
    contract_period: PublishedPeriod | None
    participation_deadline: dt.datetime | None
    electronic_submission: bool | None
    above_threshold: bool | None
    special_regimes: tuple[str, ...]
    framework: bool
    dynamic_purchasing: bool
    lots: tuple[PublishedLot, ...]
    awards: tuple[PublishedAward, ...]
    contracts: tuple[PublishedContract, ...]
    amendments: tuple[PublishedAmendment, ...]
    documents: tuple[PublishedDocument, ...]
    related: tuple[RelatedProcess, ...]
    notices: tuple[PublishedNotice, ...]
    timeline: tuple[PublishedEvent, ...]
    unmodelled: tuple[UnmodelledField, ...]
    unmodelled_json: str = attrs.field(repr=False, default="[]")
    procedure_key: str | None = None
    procurement: Procurement | None = attrs.field(default=None, eq=False, repr=False)
    replay_notes: tuple[Unmapped, ...] = ()

    @property
    def suppliers(self) -> tuple[OrganisationRef, ...]:
        """Every supplier named on any award, once each, in order of appearance."""
        seen: dict[tuple[str | None, str | None], OrganisationRef] = {}
        for award in self.awards:
            for s in award.suppliers:
                seen.setdefault((s.id, s.name), s)
        return tuple(seen.values())

    @property
    def first_published(self) -> dt.datetime | None:
        """The earliest release date."""
        dates = [n.date for n in self.notices if n.date is not None]
        return min(dates) if dates else None

    @property
    def notice_types(self) -> tuple[str, ...]:
        """Every UK notice code published, in date order."""
        return tuple(code for n in self.notices for code in n.notice_types)

    def unmodelled_values(self) -> list[tuple[int, str, Any]]:
        """The unmodelled fields with their values as published: ``(release index, path, value)``.

        A fresh copy each call (the read model itself stays immutable).
        """
        return [(int(i), str(path), v) for i, path, v in json.loads(self.unmodelled_json)]

    def row(self) -> dict[str, Any]:
        """One row for a table (see [`Publication.to_frame`][commissioning.ocds.Publication.to_frame])."""
        v = self.value
        return {
            "ocid": self.ocid,
            "portal": self.portal,
            "regime": self.regime.value,
            "title": self.title,
            "buyers": len(self.buyers),
            "buyer": self.buyers[0].name if self.buyers else None,
            "method": self.procurement_method,
            "status": self.tender_status,
            "value": None if v is None else v.best,
            "minimum": None if v is None else v.minimum,
            "maximum": None if v is None else v.maximum,
            "currency": None if v is None else v.currency,
            "framework": self.framework,
            "dps": self.dynamic_purchasing,
            "lots": len(self.lots),
            "awards": len(self.awards),
            "suppliers": len(self.suppliers),
            "contracts": len(self.contracts),
            "releases": len(self.notices),
            "first_published": self.first_published,
            "tender_deadline": None if self.tender_period is None else self.tender_period.end,
            "unmodelled": len(self.unmodelled),
            "procedure": self.procedure_key,
            "state": None if self.procurement is None else self.procurement.state,
        }


@attrs.frozen
class Publication:
    """Every process read from a set of releases, a package or a record package.

    Attributes:
        procurements: one [`PublishedProcurement`][commissioning.ocds.PublishedProcurement] per ``ocid``, in order of first appearance.
        package_fields: the JSON pointers of what the package and its records held besides
            their releases (``/uri``, ``/publisher``, ``/records/0/versionedRelease``), kept
            as published (see [`package_values`][commissioning.ocds.Publication.package_values]).

    Examples:
        >>> from commissioning.ocds import read_published
        >>> pub = read_published([{"ocid": "ocds-kuma6s-1", "date": "2025-02-21T00:00:00Z",
        ...     "tag": ["tender"], "tender": {"id": "t1", "title": "Roofing"}}])
        >>> [p.title for p in pub.procurements], pub.procurements[0].portal
        (['Roofing'], 'Sell2Wales')
    """

    procurements: tuple[PublishedProcurement, ...] = attrs.field(converter=_tuple)
    package_fields: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    package_json: str = attrs.field(default="{}", repr=False)

    def package_values(self) -> dict[str, Any]:
        """The package's and records' own fields by JSON pointer, as published (a fresh copy)."""
        values: dict[str, Any] = json.loads(self.package_json)
        return values

    def __len__(self) -> int:
        return len(self.procurements)

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per process (needs ``pandas``)."""
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported lazily

        return pd.DataFrame([p.row() for p in self.procurements])
