"""Replay a published Procurement Act process on its procedure's machine.

Where the UK notice codes identify a Procurement Act procedure, the releases are
imported with [`from_releases`][commissioning.ocds.from_releases]. When the releases lack a
fact the procurement model needs (the VAT-inclusive value, the buyer's
classification), the fact is taken from what was published and the assumption
is listed in [`replay_notes`][commissioning.ocds.PublishedProcurement].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from .._errors import CommissioningError
from ..procurement import Lot, ProcurementFacts, uk_day
from ..thresholds import AuthorityType, ContractType
from ._export import AUTHORITY_CODES
from ._import import Unmapped, from_releases
from ._published import PublishedProcurement

__all__ = ["replay_published"]

_AUTHORITIES = {code: kind for kind, code in AUTHORITY_CODES.items()}
_AUTHORITIES["publicUndertaking"] = AuthorityType.UTILITIES
_CATEGORIES = {
    "goods": ContractType.GOODS,
    "services": ContractType.SERVICES,
    "works": ContractType.WORKS,
}


def _facts(p: PublishedProcurement, notes: list[Unmapped]) -> ProcurementFacts | None:
    first = p.first_published
    if first is None:
        notes.append(Unmapped("", "date", "no release date: the commencement day is unknown"))
        return None
    buyer = p.buyers[0] if p.buyers else None
    codes = [c for scheme, c in (buyer.classifications if buyer else ()) if scheme == "UK_CA_TYPE"]
    authority = _AUTHORITIES.get(codes[0]) if codes else None
    if authority is None:
        authority = AuthorityType.SUB_CENTRAL
        notes.append(
            Unmapped(
                "",
                "parties/(buyer)/details/classifications",
                "no UK_CA_TYPE classification: assumed a sub-central authority (UNCONFIRMED)",
            )
        )
    if "lightTouch" in p.special_regimes:
        contract_type = ContractType.LIGHT_TOUCH
    elif "concession" in p.special_regimes:
        contract_type = ContractType.CONCESSION
    else:
        found = _CATEGORIES.get(p.main_category or "")
        if found is None:
            notes.append(
                Unmapped("", "tender/mainProcurementCategory", "not published: assumed services")
            )
        contract_type = found or ContractType.SERVICES
    v = p.value
    gross: Decimal | None = None if v is None else v.amount_gross
    if gross is None:
        fallback = None if v is None else (v.amount or v.maximum or v.minimum)
        gross = fallback if fallback is not None else Decimal(0)
        notes.append(
            Unmapped(
                "",
                "tender/value/amountGross",
                f"no VAT-inclusive value: assumed {gross} (the published figure, or 0 if none)",
            )
        )
    name = buyer.name if buyer and buyer.name else "unnamed buyer"
    joint = tuple(
        dict.fromkeys(b.name for b in p.buyers[1:] if b.name and b.name.strip() and b.name != name)
    )
    lots = _lots(p, notes)
    while True:
        try:
            return ProcurementFacts(
                title=p.title or p.ocid,
                buyer=name,
                authority=authority,
                contract_type=contract_type,
                value_including_vat=gross,
                commenced_on=uk_day(first),
                value_excluding_vat=None if v is None else v.amount,
                framework=p.framework,
                electronic_submission=p.electronic_submission is not False,
                buyer_id=(buyer.id or "") if buyer else "",
                lots=lots,
                joint_buyers=joint,
            )
        except CommissioningError as err:
            if not lots:
                notes.append(Unmapped("", "tender", f"the published facts do not validate: {err}"))
                return None
            notes.append(
                Unmapped(
                    "", "tender/lots", f"the lots do not fit the facts ({err}): replayed whole"
                )
            )
            lots = ()


def _lots(p: PublishedProcurement, notes: list[Unmapped]) -> tuple[Lot, ...]:
    """The published lots as facts' lots; none (the procurement replayed whole) if one has no value."""
    out: list[Lot] = []
    for i, lot in enumerate(p.lots):
        value = lot.value
        gross = None if value is None else value.amount_gross
        if gross is None:
            notes.append(
                Unmapped(
                    "",
                    f"tender/lots/{i}/value/amountGross",
                    "a lot has no VAT-inclusive value: the procurement is replayed whole",
                )
            )
            return ()
        try:
            out.append(Lot(lot.id, lot.title or f"lot {lot.id}", gross))
        except CommissioningError as err:
            notes.append(Unmapped("", f"tender/lots/{i}", f"replayed whole: {err}"))
            return ()
    return tuple(out)


def replay_published(
    published: PublishedProcurement, releases: Sequence[Mapping[str, Any]]
) -> PublishedProcurement:
    """The read model with its procurement replayed on the inferred procedure's machine."""
    notes: list[Unmapped] = []
    try:
        result = from_releases(releases)
        if result.procurement is None:
            facts = _facts(published, notes)
            if facts is not None:
                result = from_releases(releases, facts=facts)
    except CommissioningError as err:
        notes.append(Unmapped("", "releases", f"cannot replay: {err}"))
        return attrs.evolve(published, replay_notes=tuple(notes))
    p = result.procurement
    return attrs.evolve(
        published,
        procedure_key=None if p is None else p.procedure.key,
        procurement=p,
        replay_notes=(*notes, *result.unmapped),
    )
