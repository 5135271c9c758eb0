"""Export a procurement's history as OCDS 1.1.5 releases, a release package and a record.

One release per notice-like event (every ``publish_*`` event, and the PCR/PSR
ones), each a snapshot of what was known at that moment, tagged from the
closed ``releaseTag`` codelist; the notice code goes in ``documents[].noticeType``
(UK extension); values carry ``amountGross`` (VAT included, UK extension) and
``amount`` only where the value without VAT is known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from ..machine import EventRecord
from ..procurement import KPI_RATINGS, NOTICE_TYPES, History, Procurement, uk_day
from ..thresholds import AuthorityType, ContractType
from ._packages import (
    UK_EXTENSION_URL,
    _copy,
    compile_record,
    record_package,
    release_package,
    when,
)

__all__ = [
    "UK_EXTENSION_URL",
    "compile_record",
    "ocid_for",
    "record_package",
    "release_package",
    "to_releases",
]


_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")

#: UK extension ``UK_CA_TYPE`` codes for each authority type (organisation classification).
AUTHORITY_CODES = {
    AuthorityType.CENTRAL_GOVERNMENT: "publicAuthorityCentralGovernment",
    AuthorityType.SUB_CENTRAL: "publicAuthoritySubCentralGovernment",
    AuthorityType.UTILITIES: "privateUtility",
    AuthorityType.DEFENCE: "other",
}

#: How a contract ended, as a ``terminationRationaleClassifications`` entry (UK extension).
END_REASON_SCHEME = "commissioning-contract-end"
END_REASONS = {
    "expiry": "the contract expired (ran its term)",
    "termination": "the contract was terminated before its term",
}

#: The id of the contract milestone that records the start of delivery.
DELIVERY_MILESTONE = "delivery-started"

#: PCR and PSR notices: OCDS section, document type and release tag.
OTHER_NOTICES = {
    "prior_information_notice": ("planning", "plannedProcurementNotice", "planning"),
    "contract_notice": ("tender", "tenderNotice", "tender"),
    "award_decision": ("award", "awardNotice", "award"),
    "intention_notice": ("award", "awardNotice", "award"),
    "contract_award_notice": ("contract", "contractNotice", "contract"),
    "award_notice": ("contract", "contractNotice", "contract"),
    "contract_copy": ("contract", "contractSigned", "contractUpdate"),
    "modified_contract": ("contract", "contractNotice", "contractUpdate"),
    "msp_notice": ("tender", "tenderNotice", "tender"),
}


def ocid_for(procurement: Procurement, *, prefix: str) -> str:
    """The OCDS ``ocid``: the publisher's registered ``prefix`` and the procurement's id.

    Examples:
        >>> import datetime as dt, pendulum
        >>> from commissioning.procurement import Procurement, ProcurementFacts
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> p, _ = Procurement.start("meals-2026", facts=facts, procedure="pa-open",
        ...                       at=dt.datetime(2026, 2, 2, tzinfo=dt.UTC), actor="ann")
        >>> ocid_for(p, prefix="ocds-abc123")
        'ocds-abc123-meals-2026'
    """
    if not isinstance(prefix, str) or not _PREFIX.match(prefix):
        raise InvalidInput.of(
            "prefix", "an OCDS prefix: 'ocds-' and 6 lowercase letters or digits", prefix
        )
    return f"{prefix}-{procurement.id}"


_when = when


_LONDON = pendulum.timezone("Europe/London")


def _day_start(day: Any) -> str:
    """The start of a UK day, with its UK offset (a day-level date in OCDS)."""
    return pendulum.datetime(day.year, day.month, day.day, tz=_LONDON).isoformat()


def _day_end(day: Any) -> str:
    """The last second of a UK day, with its UK offset (a deadline or a period's end)."""
    return pendulum.datetime(day.year, day.month, day.day, 23, 59, 59, tz=_LONDON).isoformat()


def _period(start: Any, end: Any) -> dict[str, str]:
    """An OCDS period from the start of UK day ``start`` to the end of UK day ``end``."""
    return {"startDate": _day_start(start), "endDate": _day_end(end)}


def number(amount: Decimal) -> int | float:
    """Exact pence as a JSON number: an int for whole pounds, else a float of the decimal string."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(str(amount))


def _value(gross: Any, net: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"currency": "GBP"}
    if gross is not None:
        out["amountGross"] = number(Decimal(str(gross)))
    if net is not None:
        out["amount"] = number(Decimal(str(net)))
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "supplier"


def _document(
    code: str,
    version: int,
    at: dt.datetime,
    description: str | None = None,
    related: Sequence[str] = (),
) -> dict[str, Any]:
    if code in NOTICE_TYPES:
        t = NOTICE_TYPES[code]
        doc: dict[str, Any] = {
            "id": f"{code}-{version}",
            "documentType": t.ocds_document_type,
            "noticeType": code,
            "title": t.name,
            "datePublished": _when(at),
        }
    else:
        _, doc_type, _ = OTHER_NOTICES.get(code, ("tender", "tenderNotice", "tender"))
        doc = {
            "id": f"{code}-{version}",
            "documentType": doc_type,
            "title": code.replace("_", " "),
            "datePublished": _when(at),
        }
    if description:
        doc["description"] = description
    if related:
        doc["relatedLots"] = list(related)
    return doc


def _section(code: str) -> str:
    if code in NOTICE_TYPES:
        return NOTICE_TYPES[code].ocds_section
    return OTHER_NOTICES.get(code, ("tender", "", ""))[0]


def _tag(code: str, seen: set[str]) -> str:
    if code in NOTICE_TYPES:
        base = {
            "UK1": "planning",
            "UK2": "planning",
            "UK3": "planning",
            "UK4": "tender",
            "UK5": "tender",
            "UK6": "award",
            "UK7": "contract",
            "UK8": "implementation",
            "UK9": "implementation",
            "UK10": "contractAmendment",
            "UK11": "contractTermination",
            "UK12": "tenderCancellation",
        }.get(code, "tender")
    else:
        base = OTHER_NOTICES.get(code, ("", "", "tenderUpdate"))[2]
    updates = {
        "planning": "planningUpdate",
        "tender": "tenderUpdate",
        "award": "awardUpdate",
        "contract": "contractUpdate",
        "implementation": "implementationUpdate",
    }
    tag = updates[base] if base in updates and base in seen else base
    seen.add(base)
    return tag


class _Snapshot:
    """Accumulates what is known as the records are walked. Internal."""

    def __init__(self, procurement: Procurement) -> None:
        self.p = procurement
        self.docs: dict[str, list[dict[str, Any]]] = {
            "planning": [],
            "tender": [],
            "award": [],
            "contract": [],
            "implementation": [],
        }
        self.amendments: list[dict[str, Any]] = []
        self.tender_amendments: list[dict[str, Any]] = []
        self.transactions: list[dict[str, Any]] = []
        self.metrics: dict[str, dict[str, Any]] = {}
        self.assessments = 0
        self.history = History()
        self.abandoned = False
        self.notices = 0

    def add(
        self, record: EventRecord, *, number: int | None = None, related: Sequence[str] = ()
    ) -> None:
        """Take ``record`` in.

        ``number`` numbers its notice (by default this snapshot's count); ``related``
        are the lots its documents relate to (a lot's snapshot: every lot the record moved).
        """
        self.history = self.history.after(record)
        event = record.event
        data = record.data
        notice = event.startswith("publish_") or event == "amend_tender_notice"
        if notice:
            self.notices = self.notices + 1 if number is None else number
        if event == "abandon":
            self.abandoned = True
        elif event == "amend_tender_notice":
            description = str(data.get("description", "")) or "tender notice amended"
            self.tender_amendments.append(
                {
                    "id": f"tender-amendment-{len(self.tender_amendments) + 1}",
                    "date": _when(record.occurred_at),
                    "description": description,
                    "rationale": description,
                }
            )
        elif event == "record_payment":
            self.transactions.append(
                {
                    "id": f"payment-{len(self.transactions) + 1}",
                    "date": _when(record.occurred_at),
                    "value": _value(data.get("amount")),
                }
            )
        elif event == "assess_performance":
            self.assessments += 1
            for rating in data.get("ratings", ()):
                kpi = str(rating.get("kpi"))
                metric = self.metrics.setdefault(
                    kpi, {"id": f"kpi-{_slug(kpi)}", "title": kpi, "observations": []}
                )
                metric["observations"].append(
                    {
                        "id": f"assessment-{self.assessments}",
                        "period": {"endDate": _when(record.occurred_at)},
                        "measureClassification": {
                            "scheme": "UK_KPI_RATING",
                            "id": KPI_RATINGS[str(rating.get("rating"))],
                            "description": str(rating.get("rating")),
                        },
                    }
                )
        elif event.startswith("publish_"):
            code = event[len("publish_") :]
            description = None
            if code == "UK11" and self.history.end_reason:
                description = f"reason: {self.history.end_reason}"
            if code in {"UK12", "UK2"}:
                reason = data.get("reason")
                description = reason if isinstance(reason, str) else None
            self.docs[_section(code)].append(
                _document(code, self.notices, record.occurred_at, description, related)
            )
            if code == "UK10":
                self.amendments.append(
                    {
                        "id": f"change-{len(self.amendments) + 1}",
                        "date": _when(record.occurred_at),
                        "description": str(data.get("description", "contract change")),
                        "value": _value(data.get("value_including_vat")),
                        "standstill": data.get("standstill_last_day") is not None
                        or data.get("standstill") is True,
                    }
                )

    # --------------------------------------------------------------- sections
    def release(self, record: EventRecord, ocid: str, tag: str) -> dict[str, Any]:
        p = self.p
        h = self.history
        facts = p.facts
        buyer_id, parties = buyer_parties(facts)
        out: dict[str, Any] = {
            "ocid": ocid,
            "id": f"{ocid}-{self.notices:04d}",
            "date": _when(record.occurred_at),
            "tag": [tag],
            "initiationType": "tender",
            "language": "en",
            "parties": parties,
            "buyer": {"id": buyer_id, "name": facts.buyer},
        }
        planning: dict[str, Any] = {}
        self._documents(planning, "planning")
        uk4 = h.last("UK4")
        if uk4 is not None:
            rationale = uk4.content.get("no_engagement_notice_reasons")
            if isinstance(rationale, str):
                planning["noEngagementNoticeRationale"] = rationale
        if planning:
            out["planning"] = planning
        out["tender"] = self.tender(h)
        if self.shows_award():
            # a contract entered with no award recorded still shows, its award naming no supplier
            suppliers = supplier_refs(h.award)
            add_suppliers(parties, suppliers)
            out["awards"] = [self._award(h, suppliers)]
            if self.shows_contract():
                out["contracts"] = [self._contract(h)]
        return out

    def shows_award(self) -> bool:
        """Whether the releases show an award yet."""
        h = self.history
        return h.award is not None or h.contract_entered_on is not None or bool(self.docs["award"])

    def shows_contract(self) -> bool:
        """Whether the releases show a contract yet (entered, and a contract notice published)."""
        return self.history.contract_entered_on is not None and self._contract_published()

    def _documents(self, section: dict[str, Any], name: str) -> None:
        """Give ``section`` the documents of the notices published in section ``name``, if any."""
        if self.docs[name]:
            section["documents"] = list(self.docs[name])

    def _contract_published(self) -> bool:
        return bool(self.docs["contract"] or self.docs["implementation"] or self.amendments)

    def tender(self, h: History) -> dict[str, Any]:
        """The tender section as ``h`` shows it."""
        p = self.p
        facts = p.facts
        tender: dict[str, Any] = {
            "id": p.id,
            "title": facts.title,
            "status": self._tender_status(h),
            "procurementMethod": p.procedure.ocds_method,
            "procurementMethodDetails": p.procedure.name,
            "mainProcurementCategory": facts.ocds_category,
            "value": _value(facts.value_including_vat, facts.value_excluding_vat),
            "aboveThreshold": facts.above_threshold,
        }
        if facts.description:
            tender["description"] = facts.description
        regimes = []
        if facts.contract_type is ContractType.LIGHT_TOUCH:
            regimes.append("lightTouch")
        if facts.contract_type is ContractType.CONCESSION:
            regimes.append("concession")
        if regimes:
            tender["specialRegime"] = regimes
        uk5 = h.last("UK5")
        if uk5 is not None:
            tender["procurementMethodRationale"] = str(uk5.content.get("justification", ""))
        if h.invited_on is not None and h.tender_deadline is not None:
            tender["tenderPeriod"] = _period(h.invited_on, h.tender_deadline)
        if h.participation_deadline is not None:
            tender["expressionOfInterestDeadline"] = _day_end(h.participation_deadline)
        if self.tender_amendments:
            tender["amendments"] = list(self.tender_amendments)
        self._documents(tender, "tender")
        if h.abandoned_on is not None:
            tender["finalStatusDate"] = _day_start(h.abandoned_on)
        return tender

    def _tender_status(self, h: History) -> str:
        if self.abandoned or h.abandoned_on is not None:
            return "cancelled"
        if h.contract_entered_on is not None:
            return "complete"
        started = h.has("UK4") or h.has("UK5") or h.invited_on is not None
        return "active" if started or h.award is not None else "planning"

    def _award(self, h: History, suppliers: list[dict[str, str]]) -> dict[str, Any]:
        details = h.award or {}
        if self.abandoned:
            status = "cancelled"
        elif h.contract_entered_on is not None:
            status = "active"
        else:
            status = "pending"
        award: dict[str, Any] = {"id": "award-1", "status": status}
        if suppliers:
            award["suppliers"] = [dict(s) for s in suppliers]
        award["value"] = _value(
            details.get("value_including_vat"), details.get("value_excluding_vat")
        )
        if h.award_notice_on is not None:
            award["date"] = _day_start(h.award_notice_on)
            if h.standstill_last_day is not None:
                award["standstillPeriod"] = _period(h.award_notice_on, h.standstill_last_day)
        if h.summaries_sent_on is not None:
            award["assessmentSummariesDateSent"] = _day_start(h.summaries_sent_on)
        self._documents(award, "award")
        return award

    def _contract(self, h: History) -> dict[str, Any]:
        entered = h.contract_entered_on
        assert entered is not None  # noqa: S101 - the caller checked
        contract: dict[str, Any] = {
            "id": "contract-1",
            "awardID": "award-1",
            "status": "terminated" if h.ended_on is not None else "active",
            "dateSigned": _day_start(entered),
            "value": _value(h.contract_value),
            "period": {"startDate": _day_start(entered)},
        }
        if h.ended_on is not None:
            contract["period"]["endDate"] = _day_end(h.ended_on)
            if h.end_reason in END_REASONS:
                contract["terminationRationaleClassifications"] = [
                    {
                        "scheme": END_REASON_SCHEME,
                        "id": h.end_reason,
                        "description": END_REASONS[h.end_reason],
                    }
                ]
        self._documents(contract, "contract")
        if h.delivery_started_on is not None:
            # OCDS has no delivery start: a met delivery milestone carries it
            contract["milestones"] = [
                {
                    "id": DELIVERY_MILESTONE,
                    "title": "delivery started",
                    "type": "delivery",
                    "status": "met",
                    "dateMet": _day_start(h.delivery_started_on),
                }
            ]
        if self.amendments:
            contract["amendments"] = list(self.amendments)
        implementation: dict[str, Any] = {}
        self._documents(implementation, "implementation")
        if self.transactions:
            implementation["transactions"] = list(self.transactions)
        if self.metrics:
            implementation["metrics"] = [_copy(m) for m in self.metrics.values()]
        if implementation:
            contract["implementation"] = implementation
        return contract


def buyer_parties(facts: Any) -> tuple[str, list[dict[str, Any]]]:
    """The lead buyer's party id, and the parties: the lead buyer, then each joint buyer (role ``buyer``).

    The lead authority is also the procuring entity and carries its UK_CA_TYPE
    classification; each joint buyer (``facts.joint_buyers``) is a party with role
    ``buyer`` only. ``release.buyer`` stays the lead authority.
    """
    buyer_id = facts.buyer_id or f"buyer-{_slug(facts.buyer)}"
    parties: list[dict[str, Any]] = [
        {
            "id": buyer_id,
            "name": facts.buyer,
            "roles": ["buyer", "procuringEntity"],
            "details": {
                "classifications": [
                    {"scheme": "UK_CA_TYPE", "id": AUTHORITY_CODES[facts.authority]}
                ]
            },
        }
    ]
    taken = {buyer_id}
    for i, name in enumerate(facts.joint_buyers):
        party_id = f"buyer-{_slug(name)}"
        if party_id in taken:
            party_id = f"buyer-{i + 2}-{_slug(name)}"
        taken.add(party_id)
        parties.append({"id": party_id, "name": name, "roles": ["buyer"]})
    return buyer_id, parties


def supplier_refs(award: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """An award's suppliers (all of them, in order) as OCDS organisation references."""
    if award is None:
        return []
    names = award.get("suppliers") or (award.get("supplier"),)
    return [{"id": f"supplier-{_slug(str(n))}", "name": str(n)} for n in names]


def add_suppliers(parties: list[dict[str, Any]], suppliers: Iterable[Mapping[str, str]]) -> None:
    """Give each supplier a party with role ``supplier`` (once per party id)."""
    taken = {p["id"] for p in parties}
    for s in suppliers:
        if s["id"] not in taken:
            taken.add(s["id"])
            parties.append({"id": s["id"], "name": s["name"], "roles": ["supplier"]})


def _is_notice(event: str) -> bool:
    return event.startswith("publish_")


def to_releases(procurement: Procurement, *, prefix: str) -> tuple[dict[str, Any], ...]:
    """The procurement's history as OCDS 1.1.5 releases, one per published notice, oldest first.

    Each release is a snapshot of what was known when the notice was published.
    Tags follow the closed ``releaseTag`` codelist (``planning``, ``tender``,
    ``award``, ``contract``, ``implementation``, their updates,
    ``contractAmendment``, ``contractTermination``, ``tenderCancellation``, and
    ``tenderAmendment`` for each amendment of the tender notice, listed in
    ``tender.amendments``); the notice code is in ``documents[].noticeType``; statuses come from the
    ``tenderStatus``, ``awardStatus`` and ``contractStatus`` codelists.

    A procurement divided into lots (``facts.lots``) has the lots in ``tender.lots``,
    an award and a contract per lot (``relatedLots``, ``awardID``), and every notice
    document naming the lots its record moved (``relatedLots``); each lot shows as its
    own last notice left it. An award's suppliers are all listed, and joint buyers
    (``facts.joint_buyers``) are parties with role ``buyer``.

    Args:
        procurement: the procurement to export.
        prefix: the publisher's registered OCDS prefix (``"ocds-h6vhtk"`` is Find a Tender's).

    Examples:
        >>> import datetime as dt, pendulum
        >>> from commissioning.procurement import Procurement, ProcurementFacts
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-open", at=t, actor="ann")
        >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
        >>> p, _ = p.publish("UK4", at=t, actor="ann", content={"tender_deadline": "2026-04-02"})
        >>> [release] = to_releases(p, prefix="ocds-abc123")
        >>> release["tag"], release["tender"]["status"], release["tender"]["documents"][0]["noticeType"]
        (['tender'], 'active', 'UK4')
        >>> release["tender"]["value"]
        {'currency': 'GBP', 'amountGross': 600000}
    """
    if not isinstance(procurement, Procurement):
        raise InvalidInputType([Problem("procurement", "a Procurement", procurement, "type")])
    from ._export_lots import LottedSnapshot  # noqa: PLC0415 - it builds on this module

    ocid = ocid_for(procurement, prefix=prefix)
    snapshot: _Snapshot | LottedSnapshot = (
        LottedSnapshot(procurement) if procurement.lot_views else _Snapshot(procurement)
    )
    seen: set[str] = set()
    releases = []
    for record in procurement.history[1:]:  # after the creation record
        snapshot.add(record)
        if _is_notice(record.event):
            code = record.event[len("publish_") :]
            releases.append(snapshot.release(record, ocid, _tag(code, seen)))
        elif record.event == "amend_tender_notice":
            releases.append(snapshot.release(record, ocid, "tenderAmendment"))
    return tuple(releases)


def day_of(value: str) -> Any:
    """The UK day of an OCDS date-time string (used by the importer). Internal."""
    return uk_day(dt.datetime.fromisoformat(value))
