"""Export a procurement divided into lots (PA 2023 s.18): one release per notice, every lot in it.

Each lot of a procurement ([`Procurement.lots`][commissioning.procurement.Procurement.lots])
is exported as an undivided procurement would be (the same snapshot of its own
records), and the lots' snapshots are put together in one release per notice
record of the whole, each lot as its own last notice showed it (what a lot
did without publishing shows with its next notice, as it would undivided), with
the OCDS lots extension's fields:

- ``tender.lots``: each lot's id, title, description, value (``amountGross``, and
  ``amount`` when the value without VAT is known) and ``status`` (from the closed
  ``tenderStatus`` codelist, the lot's own state as the undivided export gives a
  tender's); the tender's own status is the lots' together;
- ``tender.lotDetails.maximumLotsAwardedPerSupplier``: the award criteria's limit (PA s.23(4)(a));
- ``awards``: one per lot with an award (``relatedLots: [lot id]``, every supplier);
- ``contracts``: one per lot's contract (``awardID`` its lot's award), with that
  lot's milestones, amendments, transactions and metrics only;
- every notice document carries ``relatedLots``: the lots the record moved.

A tender-level field a lot's procedure sets (the tender period, the participation
deadline, the direct award justification, the abandonment day, and the reasons
for no preliminary market engagement notice) is given on each lot that has one
(the lots extension lets a lot override the tender's details), and also at tender
(or planning) level when every lot has the same value. A lot always carries its own
value, so a record compiled by the OCDS merge routine (which never drops a field
a later release leaves out) has each lot's latest value. UNCONFIRMED: the lots
extension's ``Lot`` has ``tenderPeriod`` but no ``expressionOfInterestDeadline``,
``procurementMethodRationale``, ``finalStatusDate`` or
``noEngagementNoticeRationale``; neither the extension nor the UK extension says
where a lot's own value of those goes, so they are put on the lot under the
tender's (or planning's) field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..machine import EventRecord
from ..procurement import History, Procurement
from ._export import (
    _section,
    _Snapshot,
    _value,
    add_suppliers,
    buyer_parties,
)
from ._packages import when

__all__ = ["LOT_TENDER_FIELDS", "LottedSnapshot", "lot_award_id", "lot_contract_id"]

#: Tender fields a lot's own procedure sets: at tender level when every lot agrees, else on each lot.
LOT_TENDER_FIELDS = (
    "tenderPeriod",
    "expressionOfInterestDeadline",
    "procurementMethodRationale",
    "finalStatusDate",
)
#: Planning fields a lot's own procedure sets, likewise.
LOT_PLANNING_FIELDS = ("noEngagementNoticeRationale",)

_LOT_STATES = "lot_states"


def lot_award_id(lot_id: str) -> str:
    """The OCDS award id of a lot's award."""
    return f"award-lot-{lot_id}"


def lot_contract_id(lot_id: str) -> str:
    """The OCDS contract id of a lot's contract."""
    return f"contract-lot-{lot_id}"


def _status(statuses: list[str]) -> str:
    """The tender's status from its lots' (``tenderStatus`` codelist).

    Cancelled when every lot is; complete when every lot is over and one was
    completed; active while any lot has gone beyond planning; else planning.
    """
    if all(s == "cancelled" for s in statuses):
        return "cancelled"
    if all(s in {"complete", "cancelled", "unsuccessful"} for s in statuses):
        return "complete"
    if any(s != "planning" for s in statuses):
        return "active"
    return "planning"


def _agreed(sections: list[Mapping[str, Any]], key: str) -> Any:
    """The value of ``key`` when every section has it and all are equal, else ``None``."""
    values = [s.get(key) for s in sections]
    if values and values[0] is not None and all(v == values[0] for v in values):
        return values[0]
    return None


class LottedSnapshot:
    """Accumulates the lots' snapshots as the whole's records are walked. Internal."""

    def __init__(self, procurement: Procurement) -> None:
        self.p = procurement
        self.lots = [
            (lot, view, _Snapshot(view))
            for lot, view in zip(procurement.facts.lots, procurement.lot_views, strict=True)
        ]
        self.read = {lot.id: 1 for lot in procurement.facts.lots}  # after each view's creation
        self.notices = 0
        self.docs: dict[str, list[dict[str, Any]]] = {"planning": [], "tender": []}
        self.tender_amendments: list[dict[str, Any]] = []
        self.base = _Snapshot(procurement).tender(History())
        self.related: list[str] = []
        self.shown: dict[str, dict[str, Any]] = {}

    def add(self, record: EventRecord) -> None:
        """Take in one record of the whole: its lots' records go to their snapshots."""
        states = record.data.get(_LOT_STATES)
        moved = states if isinstance(states, Mapping) else {}
        related = [lot.id for lot, _, _ in self.lots if lot.id in moved]
        self.related = related
        event = record.event
        if event.startswith("publish_") or event == "amend_tender_notice":
            self.notices += 1
        for lot, view, snapshot in self.lots:
            if lot.id in moved:
                snapshot.add(view.history[self.read[lot.id]], number=self.notices, related=related)
                self.read[lot.id] += 1
        if not related:
            return
        first = next(s for lot, _, s in self.lots if lot.id == related[0])
        if event == "amend_tender_notice":
            amendment = dict(first.tender_amendments[-1])
            amendment["id"] = f"tender-amendment-{len(self.tender_amendments) + 1}"
            amendment["relatedLots"] = list(related)
            self.tender_amendments.append(amendment)
        elif event.startswith("publish_"):
            section = _section(event[len("publish_") :])
            if section in self.docs:
                self.docs[section].append(first.docs[section][-1])

    def release(self, record: EventRecord, ocid: str, tag: str) -> dict[str, Any]:
        """The release of notice ``record``: the whole, with every lot as its last notice showed it.

        A lot's acts that publish nothing (tendering closed, an award decided below
        threshold, a contract entered before its contract details notice) show with
        the lot's next notice, not with another lot's: that notice publishes its own lots.
        """
        facts = self.p.facts
        buyer_id, parties = buyer_parties(facts)
        for lot, view, snapshot in self.lots:
            if lot.id in self.related:
                self.shown[lot.id] = snapshot.release(record, ocid, tag)
            elif lot.id not in self.shown:  # no notice of its own yet: as it started
                self.shown[lot.id] = _Snapshot(view).release(record, ocid, tag)
        views = [(lot, self.shown[lot.id], snapshot) for lot, _, snapshot in self.lots]
        out: dict[str, Any] = {
            "ocid": ocid,
            "id": f"{ocid}-{self.notices:04d}",
            "date": when(record.occurred_at),
            "tag": [tag],
            "initiationType": "tender",
            "language": "en",
            "parties": parties,
            "buyer": {"id": buyer_id, "name": facts.buyer},
        }
        plannings = [v.get("planning", {}) for _, v, _ in views]
        tenders = [v["tender"] for _, v, _ in views]
        planning: dict[str, Any] = {}
        if self.docs["planning"]:
            planning["documents"] = list(self.docs["planning"])
        for key in LOT_PLANNING_FIELDS:
            agreed = _agreed(plannings, key)
            if agreed is not None:
                planning[key] = agreed
        if planning:
            out["planning"] = planning
        tender = dict(self.base)
        tender["status"] = _status([t["status"] for t in tenders])
        for key in LOT_TENDER_FIELDS:
            agreed = _agreed(tenders, key)
            if agreed is not None:
                tender[key] = agreed
        if self.tender_amendments:
            tender["amendments"] = list(self.tender_amendments)
        if self.docs["tender"]:
            tender["documents"] = list(self.docs["tender"])
        tender["lots"] = [
            self._lot(lot, t, p)
            for (lot, _, _), t, p in zip(views, tenders, plannings, strict=True)
        ]
        if facts.max_lots_per_supplier is not None:
            tender["lotDetails"] = {"maximumLotsAwardedPerSupplier": facts.max_lots_per_supplier}
        out["tender"] = tender
        awards: list[dict[str, Any]] = []
        contracts: list[dict[str, Any]] = []
        for lot, shown, _ in views:
            for award in shown.get("awards", ()):
                add_suppliers(parties, award.get("suppliers", ()))
                awards.append({**award, "id": lot_award_id(lot.id), "relatedLots": [lot.id]})
            for contract in shown.get("contracts", ()):
                contracts.append(
                    {**contract, "id": lot_contract_id(lot.id), "awardID": lot_award_id(lot.id)}
                )
        if awards:
            out["awards"] = awards
        if contracts:
            out["contracts"] = contracts
        return out

    @staticmethod
    def _lot(
        lot: Any,
        own: Mapping[str, Any],
        own_planning: Mapping[str, Any],
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": lot.id, "title": lot.title}
        if lot.description:
            entry["description"] = lot.description
        entry["status"] = own["status"]
        entry["value"] = _value(lot.value_including_vat, lot.value_excluding_vat)
        for key in LOT_TENDER_FIELDS:
            if key in own:
                entry[key] = own[key]
        for key in LOT_PLANNING_FIELDS:
            if key in own_planning:
                entry[key] = own_planning[key]
        return entry
