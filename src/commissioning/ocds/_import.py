"""Import: rebuild a procurement from OCDS releases, reporting what could not be mapped.

Procurement Act notices are recognised by ``documents[].noticeType`` (UK1-UK17).
What OCDS does not carry is either taken from the caller (``facts=``,
``procedure=``), or inferred and listed in [`ImportResult.inferred`][commissioning.ocds.ImportResult]
(for example the conflicts assessment that must have preceded a tender notice),
or reported in [`ImportResult.unmapped`][commissioning.ocds.ImportResult]; nothing is guessed silently.
The rebuilt procurement is replayed through the procedure's machine, so its
history fits the procedure; guards are not re-run on imported history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from .._errors import CommissioningError, InvalidInput, InvalidInputType, Problem
from ..procurement import (
    NOTICE_TYPES,
    History,
    Procedure,
    Procurement,
    ProcurementFacts,
    uk_day,
)
from ..procurement import (
    procedure as procedure_for,
)
from ..thresholds import regime_for
from ._export import (
    DELIVERY_MILESTONE,
    END_REASON_SCHEME,
    END_REASONS,
    compile_record,
)
from ._import_base import (
    _RATINGS,
    ImportResult,
    Unmapped,
    _award_data,
    _Builder,
    _day,
    _day_start_utc,
    _detect_procedure,
    _documents,
    _earliest,
    _facts,
    _first,
    _get,
    _moment,
    _money,
    undivided_leftovers,
)
from ._shapes import check_release_shape

__all__ = ["ImportResult", "Unmapped", "from_releases"]


def from_releases(
    releases: Iterable[Mapping[str, Any]],
    *,
    facts: ProcurementFacts | None = None,
    procedure: str | Procedure | None = None,
    actor: str = "ocds-import",
) -> ImportResult:
    """Rebuild a procurement from OCDS releases of one ocid (e.g. from Find a Tender).

    Args:
        releases: the releases (any order; they are sorted by date).
        facts: the procurement's facts, when you know them better than the releases
            (OCDS has no commencement day, submission or urgency facts).
        procedure: the procedure key, when it cannot be read from the releases.
        actor: the actor recorded on the rebuilt events.

    Releases with ``tender.lots`` rebuild a procurement divided into lots: each
    release is read for each lot (the documents, awards and contracts related to it,
    ``relatedLots`` and ``awardID``; those naming no lot, for every lot in progress)
    and the lots' records are merged into the whole's. Every supplier of an award is
    kept; the other ``buyer`` parties become the joint buyers.

    Returns:
        An [`ImportResult`][commissioning.ocds.ImportResult]: the procurement (or ``None``), what was not mapped, and
        what was inferred.

    Examples:
        >>> result = from_releases([{"ocid": "ocds-abc123-1", "id": "1", "date": "2026-01-05T09:00:00Z",
        ...     "tag": ["tender"], "initiationType": "tender", "tender": {"id": "1"}}])
        >>> result.procurement is None, [u.path for u in result.unmapped][:2]
        (True, ['tender', 'parties/(buyer)/details/classifications'])
    """
    if isinstance(releases, str | bytes | Mapping) or not isinstance(releases, Iterable):
        raise InvalidInputType(
            [Problem("releases", "an iterable of OCDS releases", type(releases).__name__, "type")]
        )
    if facts is not None and not isinstance(facts, ProcurementFacts):
        raise InvalidInputType(
            [Problem("facts", "ProcurementFacts or None", type(facts).__name__, "type")]
        )
    if not isinstance(actor, str) or not actor.strip():
        raise InvalidInput.of("actor", "a non-empty actor name", type(actor).__name__)
    items = list(releases)
    for i, r in enumerate(items):
        check_release_shape(r, f"releases[{i}]")
    if len({r["ocid"] for r in items}) > 1:
        raise InvalidInput.of(
            "releases",
            "releases of a single ocid",
            sorted({str(r["ocid"])[:40] for r in items})[:5],
        )
    try:
        return _from_releases(items, facts, procedure, actor)
    except CommissioningError:
        raise
    except (ArithmeticError, AttributeError, KeyError, IndexError, TypeError, ValueError) as err:
        # a shape the checks above do not cover: still a typed error, never a raw one
        raise InvalidInput.of(
            "releases",
            "OCDS releases the importer can read",
            f"{type(err).__name__}: {str(err)[:80]}",
        ) from None


def _from_releases(
    items: list[Mapping[str, Any]],
    facts: ProcurementFacts | None,
    procedure: str | Procedure | None,
    actor: str,
) -> ImportResult:
    if not items:
        raise InvalidInput.of("releases", "at least one release", items)
    problems = []
    for i, r in enumerate(items):
        if _moment(r.get("date")) is None:
            problems.append(
                Problem(
                    f"releases[{i}].date", "an ISO 8601 date-time with an offset", r.get("date")
                )
            )
    if problems:
        raise InvalidInput.from_problems(problems)
    record = compile_record(items)
    ordered: list[Mapping[str, Any]] = record["releases"]
    compiled = record["compiledRelease"]
    unmapped: list[Unmapped] = []
    inferred: list[str] = []
    first = _earliest(ordered)
    key = procedure.key if isinstance(procedure, Procedure) else procedure
    if key is None:
        regime = facts.regime if facts is not None else regime_for(commenced_on=uk_day(first))
        key = _detect_procedure(compiled, regime)
        if key is None:
            unmapped.append(
                Unmapped(
                    "",
                    "tender",
                    "no Procurement Act notice identifies the procedure; pass procedure=",
                )
            )
    if facts is None:
        facts = _facts(compiled, first, unmapped, inferred)
    if key is None or facts is None:
        return ImportResult(None, tuple(unmapped), tuple(inferred))
    proc = procedure_for(key)
    ocid = str(compiled["ocid"])
    pid = ocid.split("-", 2)[2] if ocid.count("-") >= 2 else ocid
    try:
        start, _ = Procurement.start(pid, facts=facts, procedure=proc, at=first, actor=actor)
    except InvalidInput as err:
        unmapped.append(Unmapped("", "tender", f"the procedure does not fit the facts: {err}"))
        return ImportResult(None, tuple(unmapped), tuple(inferred))
    if start.lot_views:
        from ._import_lots import import_lots  # noqa: PLC0415 - it builds on this module

        lotted, more = import_lots(start, ordered, compiled, actor, unmapped)
        return ImportResult(lotted, tuple(unmapped), tuple(inferred + more))
    builder = _Builder(start, actor)
    builder.end_reason = _end_reason(compiled)
    seen_docs: set[tuple[str, str]] = set()
    counts = {"payments": 0, "observations": 0}
    for release in ordered:
        _import_release(builder, release, seen_docs, counts, unmapped)
    undivided_leftovers(compiled, unmapped)
    return ImportResult(builder.p, tuple(unmapped), tuple(inferred + builder.inferred))


def _import_release(
    b: _Builder,
    release: Mapping[str, Any],
    seen: set[tuple[str, str]],
    counts: dict[str, int],
    unmapped: list[Unmapped],
) -> None:
    from ._import_other import other_code, other_notice  # noqa: PLC0415 - it builds on this module

    rid = str(release.get("id", ""))
    at = _moment(release.get("date"))
    contract = _first(release.get("contracts"))
    award = _first(release.get("awards"))
    _tender_amendments(b, release.get("tender") or {}, seen, rid, unmapped)
    _tender_progress(b, release.get("tender") or {}, at)
    # the contract (if this snapshot first shows it), then the in-life events it shows first
    if contract.get("dateSigned"):
        _prepare_contract(b, release, contract, at)
    _in_life(b, release, contract, counts, unmapped)
    if award and not contract and _decides(b):
        # an award decided without a notice (below threshold, PSR direct award A or B)
        _close(b, release.get("tender") or {}, at)
        if b.can("decide_award"):
            b.fire("decide_award", at, _award_data(award), inferred=True)
    for path, doc in _documents(release):
        doc_key = (path.split("/documents/")[0], str(doc.get("id")))
        if doc_key in seen:
            continue
        seen.add(doc_key)
        code = doc.get("noticeType")
        published = _moment(doc.get("datePublished")) or at
        if code == "UK_COPY" or doc.get("documentType") == "contractSigned":
            _prepare_contract(b, release, contract, published)
            if not b.fire("publish_contract_copy", published, {}, inferred=False):
                unmapped.append(
                    Unmapped(rid, path, f"a contract copy cannot be published in state {b.state!r}")
                )
            continue
        other = other_code(doc)
        if other is not None:
            if not other_notice(b, other, release, award, contract, published):
                unmapped.append(
                    Unmapped(
                        rid,
                        path,
                        f"{other} cannot follow in state {b.state!r} of {b.p.procedure.key}",
                    )
                )
            continue
        if code not in NOTICE_TYPES:
            unmapped.append(
                Unmapped(
                    rid,
                    path,
                    f"document type {doc.get('documentType')!r} has no UK noticeType; not mapped",
                )
            )
            continue
        if not _notice(b, str(code), release, award, contract, published, doc):
            unmapped.append(
                Unmapped(
                    rid, path, f"{code} cannot follow in state {b.state!r} of {b.p.procedure.key}"
                )
            )


def _decides(b: _Builder) -> bool:
    """Whether the procedure decides its award by an event that publishes nothing."""
    definition = b.p.procedure.definition
    return b.state in {"planning", "tendering", "evaluation"} and any(
        t.event == "decide_award" for t in definition.transitions
    )


def _end_reason(compiled: Mapping[str, Any]) -> str | None:
    for c in _first(compiled.get("contracts")).get("terminationRationaleClassifications") or ():
        if (
            isinstance(c, Mapping)
            and c.get("scheme") == END_REASON_SCHEME
            and c.get("id") in END_REASONS
        ):
            return str(c["id"])
    for _, doc in _documents(compiled):
        if doc.get("noticeType") == "UK11":
            text = str(doc.get("description") or "")
            if "expiry" in text:
                return "expiry"
            if "termination" in text:
                return "termination"
    return None


def _in_life(
    b: _Builder,
    release: Mapping[str, Any],
    contract: Mapping[str, Any],
    counts: dict[str, int],
    unmapped: list[Unmapped],
) -> None:
    """Infer the in-life events a snapshot shows for the first time, in time order."""
    if b.p.timeline.contract_entered_on is None:
        return
    pending: list[tuple[dt.datetime, int, str, dict[str, Any]]] = []
    transactions = _get(contract, "implementation", "transactions") or []
    for t in transactions[counts["payments"] :]:
        amount = _money(_get(t, "value", "amountGross")) if isinstance(t, Mapping) else None
        when = _moment(t.get("date")) if isinstance(t, Mapping) else None
        if amount is not None:
            pending.append((when or b.last, 1, "record_payment", {"amount": amount}))
    by_assessment: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for metric in _get(contract, "implementation", "metrics") or []:
        if isinstance(metric, Mapping):
            for obs in metric.get("observations") or []:
                by_assessment.setdefault(str(obs.get("id")), []).append(
                    (str(metric.get("title")), obs)
                )
    for _, group in list(by_assessment.items())[counts["observations"] :]:
        ratings = [
            {
                "kpi": title,
                "rating": _RATINGS.get(str(_get(obs, "measureClassification", "id")), "other"),
            }
            for title, obs in group
        ]
        when = _moment(_get(group[0][1], "period", "endDate"))
        pending.append((when or b.last, 2, "assess_performance", {"ratings": ratings}))
    delivery_at = b.last
    if b.state == "mobilisation":
        for milestone in contract.get("milestones") or ():
            if isinstance(milestone, Mapping) and milestone.get("id") == DELIVERY_MILESTONE:
                met = _day(milestone.get("dateMet"))
                delivery_at = max(_day_start_utc(met), b.last) if met else b.last
                pending.append((delivery_at, -1, "start_delivery", {}))
    h = b.p.timeline
    gross = _money(_get(contract, "value", "amountGross"))
    if gross is not None and h.contract_value is not None and Decimal(gross) != h.contract_value:
        # the value changed: a modification (after a change notice, or a small change, s.75)
        pending.append((delivery_at, 0, "modify_contract", {"value_including_vat": gross}))
    ended = _day(_get(contract, "period", "endDate"))
    if h.ended_on is None and (ended is not None or contract.get("status") == "terminated"):
        reason = b.end_reason
        if reason is None:
            reason = "termination"
            unmapped.append(
                Unmapped(
                    str(release.get("id", "")),
                    "contracts/0/status",
                    "the contract ended, but whether by expiry or termination is not published; "
                    "recorded as termination",
                )
            )
        when = _day_start_utc(ended) if ended is not None else b.last
        end_data: dict[str, Any] = {"reason": reason}
        if ended is not None:
            end_data["ended_on"] = ended.isoformat()
        pending.append((when, 3, "end_contract", end_data))

    # exact moments first; the end is known only to the day, so it sorts at that day's end
    def key(item: tuple[dt.datetime, int, str, dict[str, Any]]) -> tuple[dt.datetime, int]:
        when, rank, event, _ = item
        if event == "end_contract":
            when = when + dt.timedelta(days=1, microseconds=-1)
        return max(when, b.last), rank

    order = sorted(pending, key=key)
    for when, _, event, data in order:
        if b.state == "mobilisation" and not b.can(event) and b.can("start_delivery"):
            # only delivery allows it: delivery must have started (older exports carry no milestone)
            b.fire("start_delivery", None, {}, inferred=True)
        if b.fire(event, when, data, inferred=True):
            if event == "record_payment":
                counts["payments"] += 1
            elif event == "assess_performance":
                counts["observations"] += 1


def _prepare_contract(
    b: _Builder, release: Mapping[str, Any], contract: Mapping[str, Any], at: dt.datetime | None
) -> None:
    if b.p.timeline.contract_entered_on is not None or not contract:
        return
    signed = _day(contract.get("dateSigned"))
    when = _day_start_utc(signed) if signed is not None else at
    award = _first(release.get("awards"))
    if _decides(b):
        # a below-threshold award is decided without a notice (PA s.86-88): implied by the contract
        _close(b, release.get("tender") or {}, when)
        if b.can("decide_award"):
            b.fire("decide_award", when, _award_data(award), inferred=True)
    elif b.state == "planning" and b.can("select_supplier"):
        # a user-choice contract is awarded without a transparency or award notice (PA s.44(3),
        # s.50(6)(b)) and owes no contract details notice (s.53(6)(b)): implied by the contract
        b.fire(
            "select_supplier",
            when,
            {**_award_data(award), "justification": "user_choice"},
            inferred=True,
        )
    data: dict[str, Any] = {}
    gross = _money(_get(contract, "value", "amountGross"))
    if gross is not None:
        data["value_including_vat"] = gross
    if signed is not None:
        data["entered_on"] = signed.isoformat()
    b.fire("enter_contract", when, data, inferred=True)


def _notice(  # noqa: PLR0915 - one branch per notice code, in the order of the notices table
    b: _Builder,
    code: str,
    release: Mapping[str, Any],
    award: Mapping[str, Any],
    contract: Mapping[str, Any],
    at: dt.datetime | None,
    doc: Mapping[str, Any],
) -> bool:
    tender = release.get("tender") or {}
    h: History = b.p.timeline
    data: dict[str, Any] = {}
    if code in {"UK4", "UK5"} and h.conflicts_assessed_on is None and b.can("assess_conflicts"):
        b.fire("assess_conflicts", at, {}, inferred=True)
    if code == "UK4":
        deadline = _day(_get(tender, "tenderPeriod", "endDate"))
        participation = _day(tender.get("expressionOfInterestDeadline"))
        if participation is not None:
            data["participation_deadline"] = participation.isoformat()
        elif deadline is not None:
            data["tender_deadline"] = deadline.isoformat()
        rationale = _get(release, "planning", "noEngagementNoticeRationale")
        if isinstance(rationale, str):
            data["no_engagement_notice_reasons"] = rationale
    elif code == "UK5":
        if b.state in {"tendering", "evaluation", "participation"}:
            _close(b, tender, at)
            _summaries(b, award)
            b.fire(
                "switch_to_direct_award",
                at,
                {"reason": "no suitable tenders (implied by UK5)"},
                inferred=True,
            )
        data = {
            **_award_data(award),
            "justification": str(tender.get("procurementMethodRationale", "")),
        }
    elif code == "UK6":
        _invite(b, tender)
        _close(b, tender, at)
        if b.state == "planning" and b.can("select_supplier"):
            # Only a user-choice contract may be directly awarded without a transparency notice
            # (PA s.44), so the justification is implied by the rules.
            b.fire(
                "select_supplier",
                at,
                {**_award_data(award), "justification": "user_choice"},
                inferred=True,
            )
        _summaries(b, award)
        data = _award_data(award)
        last = _day(_get(award, "standstillPeriod", "endDate"))
        if last is not None:
            data["standstill_last_day"] = last.isoformat()
    elif code == "UK7":
        _prepare_contract(b, release, contract, at)
    elif code in {"UK8", "UK9", "UK10"}:
        _prepare_contract(b, release, contract, at)
        if b.state == "mobilisation" and not b.can(f"publish_{code}"):
            b.fire("start_delivery", at, {}, inferred=True)
        if code == "UK10":
            amendment = (contract.get("amendments") or [{}])[-1]
            gross = _money(_get(amendment, "value", "amountGross"))
            if gross is not None:
                data["value_including_vat"] = gross
            if amendment.get("description"):
                data["description"] = str(amendment["description"])
            if amendment.get("standstill") is True:
                data["standstill"] = True
    elif code == "UK11" and b.p.timeline.ended_on is None:
        ended = _day(_get(contract, "period", "endDate"))
        reason = b.end_reason or "termination"
        b.fire(
            "end_contract",
            _day_start_utc(ended) if ended else at,
            {"reason": reason, **({"ended_on": ended.isoformat()} if ended else {})},
            inferred=True,
        )
    elif code == "UK12":
        if b.p.timeline.abandoned_on is None:
            final = _day(tender.get("finalStatusDate"))
            b.fire(
                "abandon",
                _day_start_utc(final) if final else at,
                {"decided_on": final.isoformat()} if final else {},
                inferred=True,
            )
        if isinstance(doc.get("description"), str):
            data["reason"] = doc["description"]
    elif code in _MARKET_ACTS and b.can(_MARKET_ACTS[code]):
        b.fire(_MARKET_ACTS[code], at, {}, inferred=True)
    elif code == "UK2" and isinstance(doc.get("description"), str):
        data["reason"] = doc["description"]
    return b.fire(f"publish_{code}", at, data, inferred=False)


def _summaries(b: _Builder, award: Mapping[str, Any]) -> None:
    sent = _day(award.get("assessmentSummariesDateSent"))
    if (
        sent is not None
        and b.p.timeline.summaries_sent_on is None
        and b.can("send_assessment_summaries")
    ):
        b.fire(
            "send_assessment_summaries",
            _day_start_utc(sent),
            {"sent_on": sent.isoformat()},
            inferred=True,
        )


def _tender_amendments(
    b: _Builder,
    tender: Mapping[str, Any],
    seen: set[tuple[str, str]],
    rid: str,
    unmapped: list[Unmapped],
) -> None:
    """Each new ``tender.amendments`` entry is an amendment of the tender notice, with the deadline shown."""
    amendments = tender.get("amendments")
    if not isinstance(amendments, list | tuple):
        return
    for i, amendment in enumerate(amendments):
        if not isinstance(amendment, Mapping):
            continue
        key = ("tender/amendments", str(amendment.get("id")))
        if key in seen:
            continue
        seen.add(key)
        data: dict[str, Any] = {
            "description": str(amendment.get("description") or amendment.get("rationale") or "")
        }
        if b.state == "participation":
            deadline = _day(tender.get("expressionOfInterestDeadline"))
            if deadline is not None and deadline != b.p.timeline.participation_deadline:
                data["participation_deadline"] = deadline.isoformat()
        else:
            deadline = _day(_get(tender, "tenderPeriod", "endDate"))
            if deadline is not None and deadline != b.p.timeline.tender_deadline:
                data["tender_deadline"] = deadline.isoformat()
        if not b.fire("amend_tender_notice", _moment(amendment.get("date")), data, inferred=False):
            unmapped.append(
                Unmapped(
                    rid,
                    f"tender/amendments/{i}",
                    f"an amendment of the tender notice cannot follow in state {b.state!r}",
                )
            )


def _tender_progress(b: _Builder, tender: Mapping[str, Any], at: dt.datetime | None) -> None:
    """Shortlisting and new rounds show only as a changed tender period: infer them."""
    start = _day(_get(tender, "tenderPeriod", "startDate"))
    deadline = _day(_get(tender, "tenderPeriod", "endDate"))
    if deadline is None:
        return
    if b.state == "participation":
        when = _day_start_utc(start) if start is not None else at
        for event in ("shortlist", "invite_tenders"):
            if b.fire(event, when, {"tender_deadline": deadline.isoformat()}, inferred=True):
                break
    elif deadline != b.p.timeline.tender_deadline and b.can("start_round"):
        b.fire("start_round", None, {"tender_deadline": deadline.isoformat()}, inferred=True)


#: The invitations that are not notices: a competed call-off (s.46) and an award under a dynamic
#: market (s.40); the invitation shows only as the tender period of the later award release.
_INVITATIONS = ("invite_call_off", "invite_members")


def _invite(b: _Builder, tender: Mapping[str, Any]) -> None:
    start = _day(_get(tender, "tenderPeriod", "startDate"))
    deadline = _day(_get(tender, "tenderPeriod", "endDate"))
    if b.state != "planning" or start is None or deadline is None:
        return
    for event in _INVITATIONS:
        if b.can(event):
            b.fire(
                event,
                _day_start_utc(start),
                {"tender_deadline": deadline.isoformat()},
                inferred=True,
            )
            return


#: The act each later dynamic market notice reports (s.39).
_MARKET_ACTS = {"UK14": "establish", "UK15": "modify_market", "UK16": "cease"}


def _close(b: _Builder, tender: Mapping[str, Any], at: dt.datetime | None) -> None:
    start = _day(_get(tender, "tenderPeriod", "startDate"))
    deadline = _day(_get(tender, "tenderPeriod", "endDate"))
    if b.state == "participation" and deadline is not None:
        when = _day_start_utc(start) if start is not None else at
        for event in ("shortlist", "invite_tenders"):
            if b.fire(event, when, {"tender_deadline": deadline.isoformat()}, inferred=True):
                break
    if b.state == "tendering":
        when = _day_start_utc(deadline.add(days=1)) if deadline is not None else at
        if at is not None and when is not None and when > at:
            when = at
        b.fire("close_tendering", when, {}, inferred=True)
