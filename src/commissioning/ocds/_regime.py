"""Which regime a published process ran under, and whether it was above the threshold.

The one place these choices are made, so that the dated rules (thresholds back to
2015, the regime transition) plug in here: [`published_regime`][commissioning.ocds.published_regime] reads the
regime from the releases, `below_threshold` compares the published value
with the threshold in force (``commissioning.thresholds``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pendulum

from ..procurement import NOTICE_TYPES, uk_day
from ..thresholds import AuthorityType, ContractType, ThresholdNotFound, assess_threshold
from ._published import PublishedProcurement, PublishedRegime
from ._shapes import _LONDON

__all__ = ["below_threshold", "published_regime"]


_CELEX = {
    "32014L0024": (PublishedRegime.PCR_2015, PublishedRegime.PCSR_2015),
    "32014L0025": (PublishedRegime.UCR_2016, PublishedRegime.UCSR_2016),
    "32014L0023": (PublishedRegime.CCR_2016, PublishedRegime.CCSR_2016),
    "32009L0081": (PublishedRegime.DSPCR_2011, PublishedRegime.DSPCR_2011),
}
_SCOTTISH = frozenset({"ocds-r6ebe6"})
_PA_COMMENCEMENT = dt.datetime(2025, 2, 24, tzinfo=_LONDON).astimezone(dt.UTC)


def published_regime(
    *,
    notice_types: Sequence[str],
    legal_basis: str | None,
    prefix: str,
    first_published: dt.datetime | None,
) -> tuple[PublishedRegime, str]:
    """The regime a process ran under, and how that was decided. The one place the choice is made.

    In order: a UK notice code (UK1-UK17) means the Procurement Act 2023; a CELEX
    ``legalBasis`` names the directive and so the 2015/2016 regulations (the
    Scottish ones on Public Contracts Scotland); otherwise the first release's
    day against the Act's commencement (24 February 2025), which is an assumption
    (a procurement begun before then continues under the old rules, and the
    Concession, Utilities and Defence regulations cannot be told from a date).

    Examples:
        >>> published_regime(notice_types=(), legal_basis="32014L0025", prefix="ocds-kuma6s",
        ...                  first_published=None)[0].value
        'Utilities Contracts Regulations 2016'
    """
    if any(code in NOTICE_TYPES for code in notice_types):
        return PublishedRegime.PA_2023, "a Procurement Act notice code (UK1-UK17) was published"
    scottish = prefix.lower() in _SCOTTISH
    if legal_basis in _CELEX:
        regime = _CELEX[legal_basis][1 if scottish else 0]
        return regime, f"legalBasis {legal_basis} (CELEX)"
    if first_published is None:
        return PublishedRegime.UNCLASSIFIED, "no notice code, legal basis or date to tell from"
    if first_published >= _PA_COMMENCEMENT:
        return (
            PublishedRegime.PA_2023,
            "assumed from the date: first published on or after 24 February 2025 (PA 2023 commencement)",
        )
    regime = PublishedRegime.PCSR_2015 if scottish else PublishedRegime.PCR_2015
    return regime, "assumed from the date: first published before 24 February 2025"


def _prefix(ocid: str) -> str:
    head = ocid[:11]
    return head if re.fullmatch(r"ocds-[a-z0-9]{6}", head, flags=re.IGNORECASE) else ""


@functools.lru_cache(maxsize=4096)
def _threshold(contract_type: ContractType, day: pendulum.Date) -> Any:
    """The threshold in force (central government: the lowest), cached for bulk audits."""
    return assess_threshold(
        value_including_vat=0,
        contract_type=contract_type,
        authority=AuthorityType.CENTRAL_GOVERNMENT,
        commenced_on=day,
    ).threshold


_CONTRACT_TYPES = {
    "goods": ContractType.GOODS,
    "services": ContractType.SERVICES,
    "works": ContractType.WORKS,
}


def below_threshold(p: PublishedProcurement) -> tuple[bool | None, str]:
    """Whether the process is below the threshold in force when first published, and why.

    ``None`` when it cannot be told (no value, no category, or no threshold table
    for that day). Compared cautiously: a value without VAT is grossed up by 20%,
    and goods and services are compared with the lower (central government)
    threshold, so "below" holds for every kind of authority.
    """
    v, first = p.value, p.first_published
    contract_type = _CONTRACT_TYPES.get(p.main_category or "")
    if v is None or first is None or contract_type is None:
        return None, "the value or the category is not published"
    if v.amount_gross is not None:
        gross, how = v.amount_gross, "amountGross"
    else:
        figure = v.amount if v.amount is not None else v.maximum
        if figure is None:
            return None, "no value or maximum published"
        gross, how = figure * 6 / 5, "the published amount grossed up by 20% VAT"
    if gross <= 1:
        return None, f"a nominal value ({gross}) is read as not disclosed"
    gross = gross.quantize(Decimal("0.01"))
    try:
        a = assess_threshold(
            value_including_vat=gross if gross > 0 else Decimal(0),
            contract_type=contract_type,
            authority=AuthorityType.CENTRAL_GOVERNMENT,
            commenced_on=uk_day(first),
        )
    except ThresholdNotFound:
        return None, f"no threshold table in force on {uk_day(first).isoformat()} in this library"
    return (
        not a.above_threshold
    ), f"{how} against {a.threshold.amount} ({a.threshold.category.value})"
