"""The importer's parts: its result types, readers of OCDS values, the facts and the record builder.

Internal to [`from_releases`][commissioning.ocds.from_releases] (``_import``); split out so
each module stays small.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pendulum

from .._errors import CommissioningError
from ..machine import EventRecord, freeze_data
from ..procurement import (
    KPI_RATINGS,
    PROCEDURES,
    Lot,
    Procurement,
    ProcurementFacts,
    uk_day,
)
from ..thresholds import AuthorityType, ContractType, Regime
from ._export import AUTHORITY_CODES

__all__ = ["ImportResult", "Unmapped"]

_LONDON = ZoneInfo("Europe/London")
_AUTHORITIES = {code: kind for kind, code in AUTHORITY_CODES.items()}
_AUTHORITIES["publicUndertaking"] = AuthorityType.UTILITIES
_RATINGS = {code: name for name, code in KPI_RATINGS.items()}
_SECTIONS = ("planning", "tender", "awards", "contracts", "implementation")


@attrs.frozen
class Unmapped:
    """Something in the releases that could not be mapped, and why.

    Attributes:
        release_id: the release it is in (``""`` for the whole set).
        path: where in the release (``"tender/documents/0"``).
        reason: why it was not mapped.

    Examples:
        >>> Unmapped("r1", "tender/value/amountGross", "missing").path
        'tender/value/amountGross'
    """

    release_id: str
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.release_id}: " if self.release_id else ""
        return f"{where}{self.path}: {self.reason}"


@attrs.frozen
class ImportResult:
    """What [`from_releases`][commissioning.ocds.from_releases] rebuilt: the procurement (if it could), and what it could not map.

    Attributes:
        procurement: the rebuilt procurement, or ``None`` when the facts or the
            procedure could not be determined (see [`unmapped`][commissioning.ocds.ImportResult]).
        unmapped: everything not mapped, with the reason.
        inferred: events and facts the releases imply but do not state.

    Examples:
        >>> ImportResult(None, (Unmapped("", "tender", "no tender"),), ()).complete
        False
    """

    procurement: Procurement | None
    unmapped: tuple[Unmapped, ...]
    inferred: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Whether everything was mapped (a procurement was rebuilt and nothing is unmapped)."""
        return self.procurement is not None and not self.unmapped


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or not 1000 <= moment.year <= 2999:  # the checked reader's range
        return None
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        return None


def _day(value: Any) -> pendulum.Date | None:
    moment = _moment(value)
    return None if moment is None else uk_day(moment)


def _day_start_utc(day: pendulum.Date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=_LONDON).astimezone(dt.UTC)


def _money(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    except InvalidOperation:
        return None


def _get(obj: Any, *path: Any) -> Any:
    for key in path:
        if isinstance(obj, Mapping):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and 0 <= key < len(obj):
            obj = obj[key]
        else:
            return None
    return obj


def _documents(release: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    out: list[tuple[str, Mapping[str, Any]]] = []
    for section in ("planning", "tender"):
        for i, doc in enumerate(_get(release, section, "documents") or ()):
            out.append((f"{section}/documents/{i}", doc))
    for a, award in enumerate(release.get("awards") or ()):
        for i, doc in enumerate(_get(award, "documents") or ()):
            out.append((f"awards/{a}/documents/{i}", doc))
    for c, contract in enumerate(release.get("contracts") or ()):
        for i, doc in enumerate(_get(contract, "documents") or ()):
            out.append((f"contracts/{c}/documents/{i}", doc))
        for i, doc in enumerate(_get(contract, "implementation", "documents") or ()):
            out.append((f"contracts/{c}/implementation/documents/{i}", doc))
    return [(p, d) for p, d in out if isinstance(d, Mapping)]


def _detect_procedure(compiled: Mapping[str, Any], regime: Regime) -> str | None:
    """The procedure named by ``procurementMethodDetails``, else the one the UK notices imply.

    The regime in force decides a name two regimes share, such as "open procedure".
    """
    details = _get(compiled, "tender", "procurementMethodDetails")
    named = [key for key, proc in PROCEDURES.items() if proc.name == details]
    if len(named) > 1:
        named = [key for key in named if PROCEDURES[key].regime is regime]
    if len(named) == 1:
        return named[0]
    codes = {d.get("noticeType") for _, d in _documents(compiled)}
    regimes = _get(compiled, "tender", "specialRegime") or ()
    if _get(compiled, "tender", "aboveThreshold") is False:
        return "pa-below-threshold"
    if "UK13" in codes:
        return "pa-dynamic-market"
    if "UK4" in codes:
        if _get(compiled, "tender", "expressionOfInterestDeadline"):
            return "pa-light-touch" if "lightTouch" in regimes else "pa-competitive-flexible"
        return "pa-open"
    if "UK5" in codes:
        return "pa-direct-award"
    return None


def _facts(
    compiled: Mapping[str, Any], first: dt.datetime, unmapped: list[Unmapped], inferred: list[str]
) -> ProcurementFacts | None:
    tender = compiled.get("tender") or {}
    buyer = compiled.get("buyer") or {}
    buyers = [
        p
        for p in compiled.get("parties") or ()
        if isinstance(p, Mapping) and "buyer" in (p.get("roles") or ())
    ]
    lead = [p for p in buyers if buyer.get("id") is not None and p.get("id") == buyer.get("id")]
    buyer_party = (lead or buyers or [{}])[0]
    classes = _get(buyer_party, "details", "classifications") or ()
    codes = [
        c.get("id") for c in classes if isinstance(c, Mapping) and c.get("scheme") == "UK_CA_TYPE"
    ]
    authority = _AUTHORITIES.get(str(codes[0])) if codes else None
    if authority is None:
        unmapped.append(
            Unmapped(
                "",
                "parties/(buyer)/details/classifications",
                "no UK_CA_TYPE authority type; pass facts=",
            )
        )
    regimes = tender.get("specialRegime") or ()
    category = tender.get("mainProcurementCategory")
    contract_type: ContractType | None
    if "lightTouch" in regimes:
        contract_type = ContractType.LIGHT_TOUCH
    elif "concession" in regimes:
        contract_type = ContractType.CONCESSION
    else:
        contract_type = {
            "goods": ContractType.GOODS,
            "services": ContractType.SERVICES,
            "works": ContractType.WORKS,
        }.get(str(category))
    if contract_type is None:
        unmapped.append(
            Unmapped("", "tender/mainProcurementCategory", f"not mapped: {category!r}; pass facts=")
        )
    gross = _money(_get(tender, "value", "amountGross"))
    if gross is None:
        unmapped.append(
            Unmapped(
                "",
                "tender/value/amountGross",
                "no VAT-inclusive estimated value; pass facts= (not guessed from amount)",
            )
        )
    title = tender.get("title")
    name = buyer.get("name") or buyer_party.get("name")
    if not title:
        unmapped.append(Unmapped("", "tender/title", "missing; pass facts="))
    if not name:
        unmapped.append(Unmapped("", "buyer/name", "missing; pass facts="))
    lots = _lots(tender, unmapped, inferred)
    if (
        authority is None
        or contract_type is None
        or gross is None
        or not title
        or not name
        or lots is None
    ):
        return None
    commenced = uk_day(first)
    inferred.append(
        f"commenced_on {commenced.isoformat()}: the day of the earliest published date "
        "(OCDS has no such field)"
    )
    try:
        return ProcurementFacts(
            title=str(title),
            buyer=str(name),
            authority=authority,
            contract_type=contract_type,
            value_including_vat=gross,
            commenced_on=commenced,
            value_excluding_vat=_money(_get(tender, "value", "amount")),
            buyer_id=str(buyer.get("id") or ""),
            description=str(tender.get("description") or ""),
            lots=lots,
            max_lots_per_supplier=_lots_limit(tender) if lots else None,
            joint_buyers=_joint_buyers(buyers, buyer_party, str(name)),
        )
    except CommissioningError as err:
        unmapped.append(Unmapped("", "tender", f"the facts do not validate: {err}"))
        return None


def _lots(
    tender: Mapping[str, Any], unmapped: list[Unmapped], inferred: list[str]
) -> tuple[Lot, ...] | None:
    """The lots of ``tender.lots`` (OCDS lots extension); ``None`` when one cannot be read."""
    out: list[Lot] = []
    raw = tender.get("lots")
    for i, lot in enumerate(raw if isinstance(raw, list) else ()):
        if not isinstance(lot, Mapping):
            unmapped.append(Unmapped("", f"tender/lots/{i}", "not a lot (an object)"))
            return None
        lot_id = lot.get("id")
        gross = _money(_get(lot, "value", "amountGross"))
        if gross is None:
            unmapped.append(
                Unmapped(
                    "",
                    f"tender/lots/{i}/value/amountGross",
                    "no VAT-inclusive estimated value of the lot; pass facts=",
                )
            )
            return None
        title = lot.get("title")
        if not isinstance(title, str) or not title.strip():
            title = f"lot {lot_id}"
            inferred.append(f"lots[{i}].title {title!r}: the lot has no title")
        try:
            out.append(
                Lot(
                    str(lot_id) if isinstance(lot_id, str | int) else "",
                    title,
                    gross,
                    value_excluding_vat=_money(_get(lot, "value", "amount")),
                    description=str(lot.get("description") or ""),
                )
            )
        except CommissioningError as err:
            unmapped.append(Unmapped("", f"tender/lots/{i}", f"the lot does not validate: {err}"))
            return None
    return tuple(out)


def _lots_limit(tender: Mapping[str, Any]) -> int | None:
    """The award criteria's limit of lots per supplier (``lotDetails.maximumLotsAwardedPerSupplier``)."""
    limit = _get(tender, "lotDetails", "maximumLotsAwardedPerSupplier")
    return limit if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 1 else None


def _joint_buyers(
    buyers: list[Mapping[str, Any]], lead: Mapping[str, Any], name: str
) -> tuple[str, ...]:
    """The other buyers (parties with role ``buyer``) procuring jointly with the lead buyer."""
    out: list[str] = []
    for party in buyers:
        other = party.get("name")
        if party is lead or not isinstance(other, str) or not other.strip():
            continue
        if other != name and other not in out:
            out.append(other)
    return tuple(out)


class _Builder:
    """Builds event records in order, choosing each transition's target. Internal."""

    def __init__(self, procurement: Procurement, actor: str) -> None:
        self.p = procurement
        self.actor = actor
        self.last = procurement.started_at
        self.inferred: list[str] = []
        self.end_reason: str | None = None

    @property
    def state(self) -> str:
        return self.p.state

    def can(self, event: str) -> bool:
        return event in self.p.procedure.definition.events_from(self.p.state)

    def fire(
        self,
        event: str,
        at: dt.datetime | None,
        data: Mapping[str, Any],
        *,
        inferred: bool,
        target: str | None = None,
    ) -> bool:
        """Record ``event`` (to ``target``, by default the procedure's choice); whether it could happen."""
        if not self.can(event):
            return False
        moment = max(at or self.last, self.last)
        targets = [
            t.target for t in self.p.procedure.definition.transitions_for(self.p.state, event)
        ]
        if target is not None and target in targets:
            pass
        elif event == "abandon" and len(targets) > 1:
            started = self.p.timeline.has("UK4") or self.p.timeline.has("UK5")
            target = "abandoning" if started else "cancelled"
        else:
            target = targets[0]
        record = EventRecord(
            self.p.id,
            self.p.version + 1,
            event,
            moment,
            self.actor,
            freeze_data(dict(data)),
            (),
            self.p.state,
            target,
        )
        # The machine has no creation record: its versions are one behind the procurement's.
        instance = self.p.instance.apply(record._replace(version=self.p.instance.version + 1))
        self.p = attrs.evolve(
            self.p,
            instance=instance,
            history=(*self.p.history, record),
            timeline=self.p.timeline.after(record),
        )
        self.last = moment
        if inferred:
            self.inferred.append(f"{event} at {moment.isoformat()} (implied, not published)")
        return True


def _award_data(award: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    names: list[str] = []
    for supplier in award.get("suppliers") or ():
        name = supplier.get("name") if isinstance(supplier, Mapping) else None
        if name and str(name) not in names:
            names.append(str(name))
    if names:
        data["supplier"] = names[0]
    if len(names) > 1:
        data["suppliers"] = names
    gross = _money(_get(award, "value", "amountGross"))
    if gross is not None:
        data["value_including_vat"] = gross
    net = _money(_get(award, "value", "amount"))
    if net is not None:
        data["value_excluding_vat"] = net
    return data


def _first(items: Any) -> Mapping[str, Any]:
    if isinstance(items, list) and items and isinstance(items[0], Mapping):
        return items[0]
    return {}


def _earliest(ordered: list[Mapping[str, Any]]) -> dt.datetime:
    """The earliest moment the releases show: a release date, or an earlier fact they report.

    An award under a framework or a dynamic market and a below-threshold award publish
    nothing before their award or contract, so the invitation, the signature and the
    first assessments are older than the first release.
    """
    moments: list[dt.datetime | None] = [_moment(r.get("date")) for r in ordered]
    for r in ordered:
        tender = r.get("tender")
        if isinstance(tender, Mapping):
            moments.append(_day_moment(_get(tender, "tenderPeriod", "startDate")))
            for lot in tender.get("lots") or ():
                moments.append(_day_moment(_get(lot, "tenderPeriod", "startDate")))
        for c in r.get("contracts") or ():
            if not isinstance(c, Mapping):
                continue
            moments.append(_day_moment(c.get("dateSigned")))
            for t in _get(c, "implementation", "transactions") or ():
                moments.append(_moment(_get(t, "date")))
            for metric in _get(c, "implementation", "metrics") or ():
                for obs in _get(metric, "observations") or ():
                    moments.append(_moment(_get(obs, "period", "endDate")))
    return min(m for m in moments if m is not None)


def _day_moment(value: Any) -> dt.datetime | None:
    day = _day(value)
    return None if day is None else _day_start_utc(day)


def undivided_leftovers(compiled: Mapping[str, Any], unmapped: list[Unmapped]) -> None:
    """What an undivided procurement has no place for: lots, a second award or contract."""
    lots = _get(compiled, "tender", "lots")
    if isinstance(lots, list) and lots:
        unmapped.append(
            Unmapped(
                "",
                "tender/lots",
                "the procurement built is not divided into lots (the facts given have none); "
                "pass facts= with lots, or none",
            )
        )
    for section, what in (("awards", "award"), ("contracts", "contract")):
        items = compiled.get(section)
        for i in range(1, len(items) if isinstance(items, list) else 0):
            unmapped.append(
                Unmapped(
                    "",
                    f"{section}/{i}",
                    f"an undivided procurement has one {what}; only the first is mapped",
                )
            )
