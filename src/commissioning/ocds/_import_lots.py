"""Import a procurement divided into lots: each lot rebuilt as an undivided one, then put together.

Releases with ``tender.lots`` (the OCDS lots extension) rebuild a procurement
with lots ([`ProcurementFacts.lots`][commissioning.procurement.ProcurementFacts]).
Each release is read once for each lot, as an undivided procurement's release
would be (its *projection* for the lot):

- the tender, with the lot's own fields over the tender's (a lot's ``tenderPeriod``
  and the other fields the exporter gives a lot override the tender's);
- the documents and tender amendments that relate to the lot (``relatedLots``),
  and those that name no lots if the lot is still in progress;
- the awards that relate to the lot (``awards[].relatedLots``; an award naming
  no lots, for every lot in progress), and the contracts of those awards
  (``contracts[].awardID``; a contract naming no known award, for every lot in progress).

The undivided importer infers each lot's records from its projection; the
records the lots took at one step are then merged into the whole's records:
the lots' records of the same event at the same moment become one record with
the state each lot entered (``lot_states``, and ``lot_data`` where a lot's data
differs), the way a command for several lots records them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..machine import EventRecord
from ..procurement import Procurement
from ._export_lots import LOT_PLANNING_FIELDS, LOT_TENDER_FIELDS
from ._import_base import Unmapped, _Builder, _day, _day_start_utc

__all__ = ["import_lots", "project"]


class _Projection:
    """Reads a release for one lot, remembering where each kept item was in the release."""

    def __init__(self, lot_id: str, *, in_progress: bool) -> None:
        self.lot_id = lot_id
        self.in_progress = in_progress
        self.positions: dict[str, list[int]] = {}

    def relates(self, obj: Any) -> bool:
        """Whether ``obj`` (a document, an amendment, an award) is about the lot."""
        related = obj.get("relatedLots") if isinstance(obj, Mapping) else None
        if isinstance(related, list) and related:
            return self.lot_id in related
        return self.in_progress

    def keep(self, items: list[Any], where: str, test: Any = None) -> list[Any]:
        """The items about the lot; ``where`` is their list's path in the projection."""
        kept: list[Any] = []
        positions: list[int] = []
        for i, item in enumerate(items):
            if (test or self.relates)(item):
                kept.append(item)
                positions.append(i)
        self.positions[where] = positions
        return kept

    def with_documents(self, section: Mapping[str, Any], where: str) -> dict[str, Any]:
        out = dict(section)
        docs = section.get("documents")
        if isinstance(docs, list):
            out["documents"] = self.keep(docs, f"{where}/documents")
        return out

    def original(self, path: str) -> str:
        """The path in the release of a path in the projection (``awards/0`` may be ``awards/1``)."""
        out: list[str] = []
        seen: list[str] = []
        for part in path.split("/"):
            positions = self.positions.get("/".join(seen))
            if part.isdigit() and positions is not None and int(part) < len(positions):
                out.append(str(positions[int(part)]))
            else:
                out.append(part)
            seen.append(part)
        return "/".join(out)


def project(release: Mapping[str, Any], lot_id: str, *, in_progress: bool) -> dict[str, Any]:
    """The release as the lot's own, undivided, procurement would have it."""
    return _projected(release, _Projection(lot_id, in_progress=in_progress))


def _projected(release: Mapping[str, Any], view: _Projection) -> dict[str, Any]:
    out = dict(release)
    tender = release.get("tender")
    lot: Mapping[str, Any] = {}
    if isinstance(tender, Mapping):
        lots = tender.get("lots")
        lot = next(
            (
                entry
                for entry in (lots if isinstance(lots, list) else ())
                if isinstance(entry, Mapping) and entry.get("id") == view.lot_id
            ),
            {},
        )
        own = view.with_documents(
            {k: v for k, v in tender.items() if k not in {"lots", "lotDetails"}}, "tender"
        )
        for key in (*LOT_TENDER_FIELDS, "status"):
            if key in lot:
                own[key] = lot[key]
        amendments = tender.get("amendments")
        if isinstance(amendments, list):
            own["amendments"] = view.keep(amendments, "tender/amendments")
        out["tender"] = own
    planning = release.get("planning")
    if isinstance(planning, Mapping) or any(key in lot for key in LOT_PLANNING_FIELDS):
        own_planning = view.with_documents(
            planning if isinstance(planning, Mapping) else {}, "planning"
        )
        for key in LOT_PLANNING_FIELDS:
            if key in lot:
                own_planning[key] = lot[key]
        out["planning"] = own_planning
    awards = release.get("awards")
    award_ids: set[Any] = set()
    known: set[Any] = set()
    if isinstance(awards, list):
        kept = view.keep(awards, "awards")
        out["awards"] = [view.with_documents(a, f"awards/{i}") for i, a in enumerate(kept)]
        award_ids = {a.get("id") for a in kept if isinstance(a, Mapping)}
        known = {a.get("id") for a in awards if isinstance(a, Mapping)}

    def ours(contract: Any) -> bool:
        # a contract is its award's lots'; one naming no known award, every lot in progress's
        if not isinstance(contract, Mapping):
            return False
        if contract.get("awardID") in known:
            return contract.get("awardID") in award_ids
        return view.in_progress

    contracts = release.get("contracts")
    if isinstance(contracts, list):
        mine = view.keep(contracts, "contracts", ours)
        out["contracts"] = []
        for i, contract in enumerate(mine):
            own_contract = view.with_documents(contract, f"contracts/{i}")
            implementation = contract.get("implementation")
            if isinstance(implementation, Mapping):
                own_contract["implementation"] = view.with_documents(
                    implementation, f"contracts/{i}/implementation"
                )
            out["contracts"].append(own_contract)
    return out


def import_lots(
    start: Procurement,
    ordered: list[Mapping[str, Any]],
    compiled: Mapping[str, Any],
    actor: str,
    unmapped: list[Unmapped],
) -> tuple[Procurement, list[str]]:
    """The lotted procurement the releases show, and what was inferred on the way."""
    from ._import import _end_reason, _import_release  # noqa: PLC0415 - that module dispatches here

    ids = [lot.id for lot in start.facts.lots]
    builders = {}
    for lot_id, lot_view in zip(ids, start.lot_views, strict=True):
        b = _Builder(lot_view, actor)
        b.end_reason = _end_reason(project(compiled, lot_id, in_progress=True))
        builders[lot_id] = b
    seen: dict[str, set[tuple[str, str]]] = {lot_id: set() for lot_id in ids}
    counts = {lot_id: {"payments": 0, "observations": 0} for lot_id in ids}
    steps: dict[str, list[tuple[int, EventRecord]]] = {lot_id: [] for lot_id in ids}
    problems: dict[tuple[str, str, str], list[str]] = {}
    for k, release in enumerate(ordered):
        for lot_id, b in builders.items():
            before = b.p.version
            found: list[Unmapped] = []
            reading = _Projection(lot_id, in_progress=not b.p.is_final)
            own = _projected(release, reading)
            _import_release(b, own, seen[lot_id], counts[lot_id], found)
            _abandoned(b, own.get("tender"))
            for u in found:
                where = reading.original(u.path)
                problems.setdefault((u.release_id, where, u.reason), []).append(lot_id)
            steps[lot_id].extend((k, r) for r in b.p.history[before:])
    for (release_id, path, reason), lots in problems.items():
        unmapped.append(Unmapped(release_id, path, f"{_named(lots)}: {reason}"))
    implied: dict[str, list[str]] = {}
    for lot_id, b in builders.items():
        for text in b.inferred:
            implied.setdefault(text, []).append(lot_id)
    inferred = [f"{_named(lots)}: {text}" for text, lots in implied.items()]
    return _merged(start, steps, actor), inferred


def _named(lots: list[str]) -> str:
    return f"lot {lots[0]}" if len(lots) == 1 else f"lots {', '.join(lots)}"


def _abandoned(b: _Builder, tender: Any) -> None:
    """A lot the release shows cancelled was abandoned, though its UK12 may come later (or never).

    Another lot's notice shows it: the abandonment is recorded on the day of the
    lot's ``finalStatusDate``, as a procurement termination notice would have it.
    """
    if not isinstance(tender, Mapping) or tender.get("status") != "cancelled":
        return
    if b.p.timeline.abandoned_on is not None or b.p.is_final or not b.can("abandon"):
        return
    final = _day(tender.get("finalStatusDate"))
    moment = max(_day_start_utc(final), b.last) if final else b.last
    data = {"decided_on": final.isoformat()} if final else {}
    # where it led is the machine's choice then (PA s.55: a UK12 is owed once a notice was
    # published, unless an exemption applies), as Procurement.abandon records it
    chosen = [o.target for o in b.p.options(at=moment, data=data) if o.event == "abandon"]
    b.fire("abandon", moment, data, inferred=True, target=chosen[0] if chosen else None)


def _merged(
    p: Procurement, steps: dict[str, list[tuple[int, EventRecord]]], actor: str
) -> Procurement:
    """``p`` once every lot's records have happened, merged into records of the whole.

    Each lot keeps its records' order and moments. The earliest record at the
    head of a lot's records goes first, with every lot whose head is the same event
    at the same moment read from the same release (one command for several lots);
    at one moment, a lot's act that publishes nothing goes before a notice, and
    notices go in the order of their releases.
    """
    heads = dict.fromkeys(steps, 0)

    def key(item: tuple[int, EventRecord]) -> tuple[Any, bool, int]:
        k, record = item
        return record.occurred_at, _publishes(record), k

    while True:
        waiting = [(steps[lot][i], lot) for lot, i in heads.items() if i < len(steps[lot])]
        if not waiting:
            return p
        (k, first), _ = min(waiting, key=lambda item: key(item[0]))
        together = {
            lot: record
            for (j, record), lot in waiting
            if record.event == first.event
            and record.occurred_at == first.occurred_at
            and (j == k or not _publishes(record))
        }
        for lot in together:
            heads[lot] += 1
        p = _whole(p, first.event, first.occurred_at, actor, together)


def _publishes(record: EventRecord) -> bool:
    return record.event.startswith("publish_") or record.event == "amend_tender_notice"


def _whole(
    p: Procurement, event: str, at: Any, actor: str, records: Mapping[str, EventRecord]
) -> Procurement:
    """``p`` followed by its record of ``event``, which moved each lot as ``records`` say."""
    views = p.lots
    return p.followed_by_lots(
        {
            lot: EventRecord(
                views[lot].id,
                views[lot].version + 1,
                event,
                at,
                actor,
                records[lot].data,
                (),
                views[lot].state,
                records[lot].target,
            )
            for lot in views
            if lot in records
        }
    )
