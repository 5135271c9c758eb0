"""Read published OCDS into the read model: shapes checked, nothing dropped silently.

[`read_published`][commissioning.ocds.read_published] takes a release, a list of releases, a release package,
a compiled record or a record package (what UK portals publish), groups the
releases by ``ocid`` and reads each process into a
[`PublishedProcurement`][commissioning.ocds.PublishedProcurement]. A wrong JSON shape (a
``tender`` that is a number, a dict where a code is expected, a missing
``ocid``) raises [`InvalidInput`][commissioning.InvalidInput] naming the path
(``releases[3].tender.value.amount``); a value of the right shape that cannot be
read (a date that is not ISO 8601, an amount of ``1e999``) is kept and listed in
``unmodelled`` with the reason, like every field the model does not hold.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from .._reader import check_json
from ..procurement import NOTICE_TYPES
from ._published import (
    PORTALS,
    OrganisationRef,
    Publication,
    PublishedAmendment,
    PublishedAward,
    PublishedContract,
    PublishedDocument,
    PublishedEvent,
    PublishedLot,
    PublishedNotice,
    PublishedParty,
    PublishedPeriod,
    PublishedProcurement,
    PublishedRegime,
    PublishedValue,
    RelatedProcess,
)
from ._regime import _prefix, published_regime
from ._shapes import (
    _RELEASE,
    LIMITS,
    _array,
    _brief,
    _dotted,
    _escape,
    _list,
    _obj,
    _Reader,
    _str,
    _strs,
    amount,
    moment,
)

__all__ = ["read_published", "releases_of"]


def _value(section: Mapping[str, Any]) -> PublishedValue | None:
    v, lo, hi = (
        _obj(section.get("value")),
        _obj(section.get("minValue")),
        _obj(section.get("maxValue")),
    )
    if not (v or lo or hi):
        return None
    currency = v.get("currency") or hi.get("currency") or lo.get("currency")
    return PublishedValue(
        amount(v.get("amount")),
        amount(v.get("amountGross")),
        currency if isinstance(currency, str) else None,
        amount(lo.get("amount")),
        amount(hi.get("amount")),
    )


def _period(value: Any) -> PublishedPeriod | None:
    p = _obj(value)
    if not p:
        return None
    days = p.get("durationInDays")
    whole: int | None = None
    if isinstance(days, int | float) and not isinstance(days, bool) and abs(days) <= 10**9:
        whole = int(days)
    return PublishedPeriod(
        moment(p.get("startDate")),
        moment(p.get("endDate")),
        whole,
        moment(p.get("maxExtentDate")),
    )


def _party(p: Mapping[str, Any]) -> PublishedParty:
    ident = _obj(p.get("identifier"))
    scheme, pid = _str(ident.get("scheme")), _str(ident.get("id"))
    classes = tuple(
        (str(_str(c.get("scheme")) or ""), str(_str(c.get("id")) or ""))
        for c in _list(_obj(p.get("details")).get("classifications"))
    )
    return PublishedParty(
        _str(p.get("id")),
        _str(p.get("name")),
        _strs(p.get("roles")),
        f"{scheme}-{pid}" if scheme and pid else (pid or ""),
        classes,
    )


def _documents(release: Mapping[str, Any]) -> list[PublishedDocument]:
    out: list[PublishedDocument] = []

    def add(docs: Any, where: str) -> None:
        for i, d in enumerate(docs if isinstance(docs, list | tuple) else ()):
            if not isinstance(d, Mapping):
                continue
            out.append(
                PublishedDocument(
                    f"{where}/documents/{i}",
                    _str(d.get("id")),
                    _str(d.get("documentType")),
                    _str(d.get("noticeType")),
                    _str(d.get("title")),
                    _str(d.get("description")),
                    _str(d.get("url")),
                    moment(d.get("datePublished")),
                    moment(d.get("dateModified")),
                    _str(d.get("format")),
                    _str(d.get("language")),
                )
            )

    add(_obj(release.get("planning")).get("documents"), "/planning")
    add(_obj(release.get("tender")).get("documents"), "/tender")
    for a, award in enumerate(_list(release.get("awards"))):
        add(award.get("documents"), f"/awards/{a}")
    for c, contract in enumerate(_list(release.get("contracts"))):
        add(contract.get("documents"), f"/contracts/{c}")
        add(_obj(contract.get("implementation")).get("documents"), f"/contracts/{c}/implementation")
    return out


#: The notice-like OCDS document types (a release publishing one is a notice).
NOTICE_DOCUMENT_TYPES = frozenset(
    {
        "plannedProcurementNotice",
        "tenderNotice",
        "awardNotice",
        "contractNotice",
        "completionCertificate",
        "cancellationDetails",
        "contractSigned",
        "marketEngagementNotice",
        "transparencyNotice",
        "contractDetailsNotice",
        "contractChangeNotice",
        "contractTerminationNotice",
        "contractPerformanceNotice",
        "paymentsComplianceNotice",
        "pipelineNotice",
        "procurementTerminationNotice",
    }
)


def _amendments(
    section: Mapping[str, Any], where: str, rid: str | None
) -> list[PublishedAmendment]:
    return [
        PublishedAmendment(
            where,
            _str(a.get("id")),
            moment(a.get("date")),
            _str(a.get("description")),
            _str(a.get("rationale")),
            rid,
        )
        for a in _list(section.get("amendments"))
    ]


# ------------------------------------------------------------------ inputs
def releases_of(data: Any, *, where: str = "data") -> list[tuple[str, Mapping[str, Any]]]:
    """The releases in ``data``, each with the path naming it in errors.

    ``data`` is a release, a list of releases, a release package (``releases``),
    a compiled record or a record package (``records``; embedded releases are used,
    else the ``compiledRelease``).
    """
    if isinstance(data, Mapping):
        if "releases" in data and "ocid" not in data:
            return _items(data["releases"], f"{where}.releases")
        if "records" in data:
            out: list[tuple[str, Mapping[str, Any]]] = []
            for path, record in _items(data["records"], f"{where}.records"):
                out.extend(_record_releases(record, path))
            return out
        if "compiledRelease" in data or ("releases" in data and "ocid" in data):
            return _record_releases(data, where)
        return [(where, data)]
    if isinstance(data, list | tuple):
        return _items(data, "releases")
    raise InvalidInputType(
        [
            Problem(
                where,
                "an OCDS release, a list of releases, a release package or a record package",
                _brief(data),
                "type",
            )
        ]
    )


def _items(value: Any, where: str) -> list[tuple[str, Mapping[str, Any]]]:
    if not isinstance(value, list | tuple):
        raise InvalidInputType([Problem(where, "an array", _brief(value), "type")])
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise InvalidInputType([Problem(f"{where}[{i}]", "an object", _brief(item), "type")])
        out.append((f"{where}[{i}]", item))
    return out


def _record_releases(record: Mapping[str, Any], where: str) -> list[tuple[str, Mapping[str, Any]]]:
    embedded = record.get("releases")
    if isinstance(embedded, list | tuple) and embedded:
        items = _items(embedded, f"{where}.releases")
        full = [(p, r) for p, r in items if "ocid" in r and ("tag" in r or "tender" in r)]
        if len(full) == len(items):
            return full
    compiled = record.get("compiledRelease")
    if compiled is None:
        raise InvalidInput.of(
            f"{where}.compiledRelease", "embedded releases or a compiled release", None
        )
    if not isinstance(compiled, Mapping):
        raise InvalidInputType(
            [Problem(f"{where}.compiledRelease", "an object", _brief(compiled), "type")]
        )
    return [(f"{where}.compiledRelease", compiled)]


# ------------------------------------------------------------------ reading
class _Release:
    __slots__ = (
        "date",
        "documents",
        "index",
        "notice",
        "release",
        "rid",
        "unmodelled",
        "values",
        "where",
    )

    def __init__(self, index: int, where: str, release: Mapping[str, Any]) -> None:
        reader = _Reader(index, where)
        ocid = release.get("ocid")
        if not isinstance(ocid, str) or not ocid.strip():
            raise InvalidInput.from_problems(
                [
                    Problem(
                        f"{where}.ocid",
                        "the open contracting id (a non-empty string)",
                        _brief(ocid),
                        "value" if isinstance(ocid, str) or ocid is None else "type",
                    )
                ]
            )
        reader.walk(release, _RELEASE, "")
        self.index = index
        self.where = where
        self.release = release
        self.rid = _str(release.get("id"))
        self.date = moment(release.get("date"))
        self.unmodelled = reader.unmodelled
        self.values = reader.values
        self.documents = _documents(release)
        self.notice = PublishedNotice(
            self.rid,
            index,
            self.date,
            _strs(release.get("tag")),
            tuple(d.notice_type for d in self.documents if d.notice_type in NOTICE_TYPES),
            tuple(
                d.document_type for d in self.documents if d.document_type in NOTICE_DOCUMENT_TYPES
            ),
        )


def _sort_key(r: _Release) -> tuple[int, dt.datetime, int]:
    return (r.date is None, r.date or dt.datetime.min.replace(tzinfo=dt.UTC), r.index)


def read_published(
    data: Any,
    *,
    replay: bool = True,
) -> Publication:
    """Read published OCDS data into the read model, one process per ``ocid``.

    Args:
        data: a release, a list of releases, a release package, a compiled record or a
            record package, as parsed JSON.
        replay: also replay each process on a Procurement Act procedure's machine
            when its UK notice codes identify one (see
            [`procurement`][commissioning.ocds.PublishedProcurement]).

    Raises:
        InvalidInput: a wrong JSON shape, naming the path (``releases[3].tender``).

    Examples:
        >>> pub = read_published({"uri": "https://example.com", "releases": [
        ...     {"ocid": "ocds-r6ebe6-0000581860", "date": "2019-04-29T00:00:00Z", "tag": ["tender"],
        ...      "tender": {"id": "ESP 4113", "title": "Electrical inspection",
        ...                 "minValue": {"amount": 100000, "currency": "GBP"},
        ...                 "maxValue": {"amount": 250000, "currency": "GBP"},
        ...                 "techniques": {"hasFrameworkAgreement": True},
        ...                 "submissionTerms": {"languages": ["en"]}}}]})
        >>> [p] = pub.procurements
        >>> p.regime.value, p.framework, p.value.is_range, [str(u) for u in p.unmodelled]
        ('Public Contracts (Scotland) Regulations 2015', True, True, ['releases[0]/tender/submissionTerms: not modelled'])
        >>> read_published([{"ocid": "ocds-x", "tender": 7}])
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: releases[0].tender: expected an object, received '7'
    """
    if not isinstance(replay, bool):
        raise InvalidInputType([Problem("replay", "True or False", _brief(replay), "type")])
    items = releases_of(data)
    by_ocid: dict[str, list[_Release]] = {}
    for index, (where, release) in enumerate(items):
        r = _Release(index, where, release)
        by_ocid.setdefault(str(release["ocid"]), []).append(r)
    kept = _package_fields(data)
    return Publication(
        tuple(_process(ocid, rs, replay=replay) for ocid, rs in by_ocid.items()),
        tuple(kept),
        _strict_json(kept, "data"),
    )


def _package_fields(data: Any) -> dict[str, Any]:
    """What a package and its records hold besides releases, by JSON pointer."""
    kept: dict[str, Any] = {}
    if not isinstance(data, Mapping) or "ocid" in data:
        return kept
    for key, value in data.items():
        if key not in {"releases", "records"}:
            kept[f"/{_escape(str(key))}"] = value
    records = data.get("records")
    for i, record in enumerate(records if isinstance(records, list | tuple) else ()):
        if not isinstance(record, Mapping):
            continue
        embedded = record.get("releases")
        full = (
            isinstance(embedded, list | tuple)
            and bool(embedded)
            and all(
                isinstance(r, Mapping) and "ocid" in r and ("tag" in r or "tender" in r)
                for r in embedded
            )
        )
        # the releases read: the embedded ones, else the compiled release (linked ones are kept)
        used = {"releases", "compiledRelease"} if full else {"compiledRelease"}
        for key, value in record.items():
            if key not in used and key != "ocid":
                kept[f"/records/{i}/{_escape(str(key))}"] = value
    return kept


def _strict_json(value: Any, field: str) -> str:
    try:
        return json.dumps(value, allow_nan=False, separators=(",", ":"), default=_default)
    except (ValueError, TypeError, RecursionError):
        check_json(value, field=field, limits=LIMITS)
        raise InvalidInput.of(field, "strict JSON", "a value JSON cannot hold") from None


def read_process(
    releases: Iterable[Mapping[str, Any]], *, replay: bool = True, first_index: int = 0
) -> PublishedProcurement:
    """Read the releases of one ``ocid`` (checked) into one process. Internal to the bulk reader."""
    rs = [
        _Release(first_index + i, f"releases[{first_index + i}]", r) for i, r in enumerate(releases)
    ]
    ocids = {r.release["ocid"] for r in rs}
    if len(ocids) != 1:
        raise InvalidInput.of("releases", "releases of one ocid", sorted(map(str, ocids))[:5])
    return _process(str(rs[0].release["ocid"]), rs, replay=replay)


def _process(  # noqa: PLR0915 - one field of the read model per statement
    ocid: str, rs: list[_Release], *, replay: bool
) -> PublishedProcurement:
    from ._export import compile_record  # noqa: PLC0415 - avoid a cycle at import time

    rs = sorted(rs, key=_sort_key)
    if len(rs) == 1:
        compiled = rs[0].release
    else:
        compiled = compile_record([{**r.release, "date": r.release.get("date") or ""} for r in rs])[
            "compiledRelease"
        ]
    tender = _obj(compiled.get("tender"))
    prefix = _prefix(ocid)
    notices = tuple(r.notice for r in rs)
    codes = [c for n in notices for c in n.notice_types]
    first = next((r.date for r in rs if r.date is not None), None)
    legal = _str(_obj(tender.get("legalBasis")).get("id"))
    regime, basis = published_regime(
        notice_types=codes, legal_basis=legal, prefix=prefix, first_published=first
    )
    parties = tuple(_party(p) for p in _list(compiled.get("parties")))
    buyers = _buyers(compiled, parties)
    documents: list[PublishedDocument] = []
    seen_docs: set[tuple[str, str | None]] = set()
    amendments: list[PublishedAmendment] = []
    seen_amendments: set[tuple[str, str | None, dt.datetime | None]] = set()
    timeline: list[PublishedEvent] = []
    for r in rs:
        if r.date is not None:
            tags = ", ".join(r.notice.tags) or "untagged"
            timeline.append(PublishedEvent(r.date, f"release published ({tags})", "/date", r.rid))
        for d in r.documents:
            key = (d.path.split("/documents/")[0], d.id)
            if key in seen_docs:
                continue
            seen_docs.add(key)
            documents.append(d)
            if d.published is not None and (
                d.notice_type or d.document_type in NOTICE_DOCUMENT_TYPES
            ):
                label = d.notice_type or d.document_type
                timeline.append(
                    PublishedEvent(
                        d.published, f"{label} published", f"{d.path}/datePublished", r.rid
                    )
                )
        for a in _release_amendments(r):
            akey = (a.where, a.id, a.date)
            if akey in seen_amendments:
                continue
            seen_amendments.add(akey)
            amendments.append(a)
            if a.date is not None:
                timeline.append(PublishedEvent(a.date, f"{a.where} amended", "/amendments", r.rid))
    lots = tuple(
        PublishedLot(
            str(_str(lot.get("id")) or ""),
            _str(lot.get("title")),
            _str(lot.get("description")),
            _str(lot.get("status")),
            _value(lot),
            _period(lot.get("contractPeriod")),
        )
        for lot in _list(tender.get("lots"))
    )
    awards = tuple(_award(a) for a in _list(compiled.get("awards")))
    contracts = tuple(_contract(c) for c in _list(compiled.get("contracts")))
    techniques = _obj(tender.get("techniques"))
    details = (_str(tender.get("procurementMethodDetails")) or "").lower()
    lot_techniques = [_obj(lot.get("techniques")) for lot in _list(tender.get("lots"))]
    framework = (
        techniques.get("hasFrameworkAgreement") is True
        or any(t.get("hasFrameworkAgreement") is True for t in lot_techniques)
        or "framework" in details
    )
    dps = (
        techniques.get("hasDynamicPurchasingSystem") is True
        or any(t.get("hasDynamicPurchasingSystem") is True for t in lot_techniques)
        or "dynamic purchasing" in details
        or "dynamic market" in details
        or any(c in {"UK13", "UK14", "UK15", "UK16"} for c in codes)
    )
    methods = _strs(tender.get("submissionMethod"))
    electronic = ("electronicSubmission" in methods) if methods else None
    above = tender.get("aboveThreshold")
    tender_period = _period(tender.get("tenderPeriod"))
    eoi = moment(tender.get("expressionOfInterestDeadline"))
    timeline.extend(_dated_facts(tender_period, awards, contracts, tender, eoi))
    timeline.sort(key=lambda e: (e.at, e.what))
    related = tuple(
        RelatedProcess(
            _str(p.get("id")),
            _strs(p.get("relationship")),
            _str(p.get("scheme")),
            _str(p.get("identifier")),
            _str(p.get("title")),
            _str(p.get("uri")),
        )
        for p in _list(compiled.get("relatedProcesses"))
    )
    unmodelled = tuple(u for r in rs for u in r.unmodelled)
    kept = _kept_json(rs)
    published = PublishedProcurement(
        ocid=ocid,
        prefix=prefix,
        portal=PORTALS.get(prefix.lower(), ""),
        regime=regime,
        regime_basis=basis,
        title=_str(tender.get("title")),
        description=_str(tender.get("description")),
        buyers=buyers,
        parties=parties,
        tender_id=_str(tender.get("id")),
        tender_status=_str(tender.get("status")),
        procurement_method=_str(tender.get("procurementMethod")),
        procurement_method_details=_str(tender.get("procurementMethodDetails")),
        procurement_method_rationale=_str(tender.get("procurementMethodRationale")),
        main_category=_str(tender.get("mainProcurementCategory")),
        value=_value(tender),
        tender_period=tender_period,
        enquiry_period=_period(tender.get("enquiryPeriod")),
        award_period=_period(tender.get("awardPeriod")),
        contract_period=_period(tender.get("contractPeriod")),
        participation_deadline=eoi,
        electronic_submission=electronic,
        above_threshold=above if isinstance(above, bool) else None,
        special_regimes=_strs(tender.get("specialRegime")),
        framework=framework,
        dynamic_purchasing=dps,
        lots=lots,
        awards=awards,
        contracts=contracts,
        amendments=tuple(amendments),
        documents=tuple(documents),
        related=related,
        notices=notices,
        timeline=tuple(timeline),
        unmodelled=unmodelled,
        unmodelled_json=kept,
    )
    if replay and regime is PublishedRegime.PA_2023 and codes:
        from ._replay import replay_published  # noqa: PLC0415 - the replay needs the importer

        return replay_published(published, [r.release for r in rs])
    return published


def _kept_json(rs: list[_Release]) -> str:
    """The unmodelled values as strict JSON; on failure the shared checked reader names the path."""
    values = [v for r in rs for v in r.values]
    try:
        return json.dumps(
            values, allow_nan=False, separators=(",", ":"), default=_default, check_circular=False
        )
    except (ValueError, TypeError, RecursionError):
        for r in rs:
            for _, pointer, value in r.values:
                check_json(value, field=f"{r.where}{_dotted(pointer)}", limits=LIMITS)
        raise InvalidInput.of(  # pragma: no cover - check_json names every failure json.dumps has
            f"releases[{rs[0].index}]", "strict JSON", "a value JSON cannot hold"
        ) from None


def _default(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple):
        return list(value)
    raise ValueError(f"not JSON: {type(value).__name__}")


def _release_amendments(r: _Release) -> list[PublishedAmendment]:
    release = r.release
    out = _amendments(_obj(release.get("tender")), "tender", r.rid)
    for a in _list(release.get("awards")):
        out.extend(_amendments(a, f"awards/{_str(a.get('id'))}", r.rid))
    for c in _list(release.get("contracts")):
        out.extend(_amendments(c, f"contracts/{_str(c.get('id'))}", r.rid))
    return out


def _buyers(
    compiled: Mapping[str, Any], parties: tuple[PublishedParty, ...]
) -> tuple[PublishedParty, ...]:
    named = _obj(compiled.get("buyer"))
    out = [p for p in parties if "buyer" in p.roles]
    bid, bname = _str(named.get("id")), _str(named.get("name"))
    if named:
        match = next(
            (p for p in out if (bid and p.id == bid) or (not bid and p.name == bname)), None
        )
        if match is None:
            party = next((p for p in parties if bid and p.id == bid), None)
            match = party or PublishedParty(bid, bname, ("buyer",))
            out.insert(0, match)
        else:
            out.remove(match)
            out.insert(0, match)
    return tuple(out)


def _award(a: Mapping[str, Any]) -> PublishedAward:
    return PublishedAward(
        str(_str(a.get("id")) or ""),
        _str(a.get("title")),
        _str(a.get("description")),
        _str(a.get("status")),
        moment(a.get("date")),
        _value(a),
        tuple(
            OrganisationRef(_str(s.get("id")), _str(s.get("name")))
            for s in _list(a.get("suppliers"))
        ),
        tuple(s for s in (_str(v) for v in _array(a.get("relatedLots"))) if s),
        _period(a.get("contractPeriod")),
        _period(a.get("standstillPeriod")),
        moment(a.get("assessmentSummariesDateSent")),
    )


def _contract(c: Mapping[str, Any]) -> PublishedContract:
    return PublishedContract(
        str(_str(c.get("id")) or ""),
        _str(c.get("awardID")),
        _str(c.get("title")),
        _str(c.get("description")),
        _str(c.get("status")),
        moment(c.get("dateSigned")),
        _value(c),
        _period(c.get("period")),
        len(_list(_obj(c.get("implementation")).get("transactions"))),
    )


def _dated_facts(
    tender_period: PublishedPeriod | None,
    awards: tuple[PublishedAward, ...],
    contracts: tuple[PublishedContract, ...],
    tender: Mapping[str, Any],
    eoi: dt.datetime | None,
) -> list[PublishedEvent]:
    out: list[PublishedEvent] = []

    def add(at: dt.datetime | None, what: str, path: str) -> None:
        if at is not None:
            out.append(PublishedEvent(at, what, path))

    if tender_period is not None:
        add(tender_period.start, "tender period starts", "/tender/tenderPeriod/startDate")
        add(tender_period.end, "tender period ends (deadline)", "/tender/tenderPeriod/endDate")
    enquiry = _period(tender.get("enquiryPeriod"))
    if enquiry is not None:
        add(enquiry.end, "enquiry period ends", "/tender/enquiryPeriod/endDate")
    add(eoi, "participation deadline", "/tender/expressionOfInterestDeadline")
    add(moment(tender.get("finalStatusDate")), "tender final status", "/tender/finalStatusDate")
    for i, a in enumerate(awards):
        add(a.date, f"award {a.id} decided", f"/awards/{i}/date")
        if a.standstill is not None:
            add(
                a.standstill.end,
                f"award {a.id} standstill ends",
                f"/awards/{i}/standstillPeriod/endDate",
            )
        add(
            a.assessment_summaries_sent,
            f"award {a.id} assessment summaries sent",
            f"/awards/{i}/assessmentSummariesDateSent",
        )
    for i, c in enumerate(contracts):
        add(c.date_signed, f"contract {c.id} signed", f"/contracts/{i}/dateSigned")
        if c.period is not None:
            add(c.period.start, f"contract {c.id} starts", f"/contracts/{i}/period/startDate")
            add(c.period.end, f"contract {c.id} ends", f"/contracts/{i}/period/endDate")
    return out
