"""Import: rebuild a procurement from OCDS releases, reporting what could not be mapped.

Procurement Act notices are recognised by ``documents[].noticeType`` (UK1-UK17).
What OCDS does not carry is either taken from the caller (``facts=``,
``procedure=``), or inferred and listed in :attr:`ImportResult.inferred`
(for example the conflicts assessment that must have preceded a tender notice),
or reported in :attr:`ImportResult.unmapped`; nothing is guessed silently.
The rebuilt procurement is replayed through the procedure's machine, so its
history fits the procedure; guards are not re-run on imported history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pendulum

from .._errors import CommissioningError, InvalidInput, InvalidInputType, Problem
from ..machine import EventRecord, freeze_data
from ..procurement import (
    KPI_RATINGS,
    NOTICE_TYPES,
    PROCEDURES,
    History,
    Procedure,
    Procurement,
    ProcurementFacts,
    uk_day,
)
from ..procurement import (
    procedure as procedure_for,
)
from ..thresholds import AuthorityType, ContractType, Regime
from ._export import AUTHORITY_CODES, END_REASON_SCHEME, END_REASONS, compile_record

__all__ = ["ImportResult", "Unmapped", "from_releases"]

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
    """What :func:`from_releases` rebuilt: the procurement (if it could), and what it could not map.

    Attributes:
        procurement: the rebuilt procurement, or ``None`` when the facts or the
            procedure could not be determined (see :attr:`unmapped`).
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
    if moment.tzinfo is None:
        return None
    return moment.astimezone(dt.UTC)


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


def _detect_procedure(compiled: Mapping[str, Any]) -> str | None:
    details = _get(compiled, "tender", "procurementMethodDetails")
    for key, proc in PROCEDURES.items():
        if proc.name == details and proc.regime is Regime.PA_2023:
            return key
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
    buyer_party = next(
        (
            p
            for p in compiled.get("parties") or ()
            if isinstance(p, Mapping) and "buyer" in (p.get("roles") or ())
        ),
        {},
    )
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
    if authority is None or contract_type is None or gross is None or not title or not name:
        return None
    commenced = uk_day(first)
    inferred.append(
        f"commenced_on {commenced.isoformat()}: the day of the first release (OCDS has no such field)"
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
        )
    except CommissioningError as err:
        unmapped.append(Unmapped("", "tender", f"the facts do not validate: {err}"))
        return None


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
        self, event: str, at: dt.datetime | None, data: Mapping[str, Any], *, inferred: bool
    ) -> bool:
        if not self.can(event):
            return False
        moment = max(at or self.last, self.last)
        targets = [
            t.target for t in self.p.procedure.definition.transitions_for(self.p.state, event)
        ]
        target = targets[0]
        if event == "abandon" and len(targets) > 1:
            started = self.p.timeline.has("UK4") or self.p.timeline.has("UK5")
            target = "abandoning" if started else "cancelled"
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
    suppliers = award.get("suppliers") or ()
    if suppliers and isinstance(suppliers[0], Mapping) and suppliers[0].get("name"):
        data["supplier"] = str(suppliers[0]["name"])
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

    Returns:
        An :class:`ImportResult`: the procurement (or ``None``), what was not mapped, and
        what was inferred.

    Examples:
        >>> result = from_releases([{"ocid": "ocds-abc123-1", "id": "1", "date": "2026-01-05T09:00:00Z",
        ...     "tag": ["tender"], "initiationType": "tender", "tender": {"id": "1"}}])
        >>> result.procurement is None, [u.path for u in result.unmapped][:2]
        (True, ['tender', 'parties/(buyer)/details/classifications'])
    """
    items = list(releases)
    for i, r in enumerate(items):
        if not isinstance(r, Mapping):
            raise InvalidInputType(
                [Problem(f"releases[{i}]", "an OCDS release (a mapping)", r, "type")]
            )
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
    first = _moment(ordered[0]["date"])
    assert first is not None  # noqa: S101 - checked above
    key = procedure.key if isinstance(procedure, Procedure) else procedure
    if key is None:
        key = _detect_procedure(compiled)
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
    builder = _Builder(start, actor)
    builder.end_reason = _end_reason(compiled)
    seen_docs: set[tuple[str, str]] = set()
    counts = {"payments": 0, "observations": 0}
    for release in ordered:
        _import_release(builder, release, seen_docs, counts, unmapped)
    return ImportResult(builder.p, tuple(unmapped), tuple(inferred + builder.inferred))


def _import_release(
    b: _Builder,
    release: Mapping[str, Any],
    seen: set[tuple[str, str]],
    counts: dict[str, int],
    unmapped: list[Unmapped],
) -> None:
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
    h = b.p.timeline
    gross = _money(_get(contract, "value", "amountGross"))
    if gross is not None and h.contract_value is not None and Decimal(gross) != h.contract_value:
        # the value changed: a modification (after a change notice, or a small change, s.75)
        pending.append((b.last, 0, "modify_contract", {"value_including_vat": gross}))
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
        if event in {"record_payment", "modify_contract"} and b.state == "mobilisation":
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
    data: dict[str, Any] = {}
    gross = _money(_get(contract, "value", "amountGross"))
    if gross is not None:
        data["value_including_vat"] = gross
    when = _day_start_utc(signed) if signed is not None else at
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
        if b.state == "mobilisation" and code in {"UK8", "UK10"}:
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
        b.fire("shortlist", when, {"tender_deadline": deadline.isoformat()}, inferred=True)
    elif deadline != b.p.timeline.tender_deadline and b.can("start_round"):
        b.fire("start_round", None, {"tender_deadline": deadline.isoformat()}, inferred=True)


#: The act each later dynamic market notice reports (s.39).
_MARKET_ACTS = {"UK14": "establish", "UK15": "modify_market", "UK16": "cease"}


def _close(b: _Builder, tender: Mapping[str, Any], at: dt.datetime | None) -> None:
    start = _day(_get(tender, "tenderPeriod", "startDate"))
    deadline = _day(_get(tender, "tenderPeriod", "endDate"))
    if b.state == "participation" and deadline is not None:
        when = _day_start_utc(start) if start is not None else at
        b.fire("shortlist", when, {"tender_deadline": deadline.isoformat()}, inferred=True)
    if b.state == "tendering":
        when = _day_start_utc(deadline.add(days=1)) if deadline is not None else at
        if at is not None and when is not None and when > at:
            when = at
        b.fire("close_tendering", when, {}, inferred=True)
