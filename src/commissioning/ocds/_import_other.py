"""Import the PCR 2015 and PSR notices the exporter writes (documents without a UK notice code).

The exporter names each such document ``<code>-<n>`` (``contract_notice-1``,
``award_decision-2``...) with its title the code in words; the importer reads the
code back and fires the procedure's ``publish_<code>`` event, inferring the
steps the notice implies but does not publish (the invitation to tender of a
two-stage procedure, the close of tendering, the negotiated procedure's
justification, a direct award's decision, the contract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ._export import OTHER_NOTICES
from ._import import _close, _prepare_contract, _tender_progress
from ._import_base import _award_data, _Builder, _day, _get

__all__ = ["other_code", "other_notice"]


def other_code(doc: Mapping[str, Any]) -> str | None:
    """The PCR/PSR notice code of an exported document, or ``None``."""
    if doc.get("noticeType") is not None or doc.get("documentType") == "contractSigned":
        return None
    doc_id = doc.get("id")
    if isinstance(doc_id, str) and "-" in doc_id:
        code = doc_id.rsplit("-", 1)[0]
        if code in OTHER_NOTICES and code != "contract_copy":
            return code
    return None


def _award_notice_data(award: Mapping[str, Any]) -> dict[str, Any]:
    data = _award_data(award)
    last = _day(_get(award, "standstillPeriod", "endDate"))
    if last is not None:
        data["standstill_last_day"] = last.isoformat()
    return data


def other_notice(
    b: _Builder,
    code: str,
    release: Mapping[str, Any],
    award: Mapping[str, Any],
    contract: Mapping[str, Any],
    at: dt.datetime | None,
) -> bool:
    """Fire ``publish_<code>`` with the steps it implies; whether it could follow."""
    tender = release.get("tender") or {}
    data: dict[str, Any] = {}
    if code == "contract_notice":
        participation = _day(tender.get("expressionOfInterestDeadline"))
        deadline = _day(_get(tender, "tenderPeriod", "endDate"))
        if participation is not None:
            data["participation_deadline"] = participation.isoformat()
        elif deadline is not None:
            data["tender_deadline"] = deadline.isoformat()
    elif code in {"award_decision", "intention_notice"}:
        if b.state == "standstill" and b.can("repeat_step"):
            # a second intention notice: the decision was reconsidered after representations
            b.fire("repeat_step", at, {}, inferred=True)
        _tender_progress(b, tender, at)
        if b.state == "planning" and b.can("justify_negotiated"):
            # the ground is not published (reg 32): the cautious, commonest one is recorded
            b.fire("justify_negotiated", at, {"ground": "not published"}, inferred=True)
        _close(b, tender, at)
        data = _award_notice_data(award)
    elif code in {"contract_award_notice", "award_notice", "modified_contract"}:
        _prepare_contract(b, release, contract, at)
    return b.fire(f"publish_{code}", at, data, inferred=False)
