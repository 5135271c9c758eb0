"""A compliance audit of published timelines: which statutory rules the dates can be checked against.

For each process read by [`read_published`][commissioning.ocds.read_published], every rule
its published dates allow checking gives a [`ComplianceCheck`][commissioning.ocds.ComplianceCheck]: the rule
and its citation, the finding ([`ComplianceFinding`][commissioning.ocds.ComplianceFinding]: met, not met, cannot
tell), the dates used and the assumptions made. The rules and their day
counting come from [`commissioning.periods`][commissioning.periods]; the regime from
[`published_regime`][commissioning.ocds.published_regime] (the one place it is chosen).

Rules checked:

* the minimum time for tenders or requests to participate (PCR 2015 reg 27
  and 28, their Scottish equivalents; PA 2023 s.54);
* the standstill before the contract is signed (PCR 2015 reg 87; PA 2023 s.51);
* the contract award notice within 30 days of the contract (PCR 2015 reg 50);
  the contract details notice (UK7) within 30 days (PA 2023 s.53);
* a yearly KPI assessment notice (UK9) for a contract over £5 million (PA 2023 s.52, s.71).

What OCDS does not carry is assumed and said (the day a PCR notice was *sent*
is taken as the release day; electronic submission when ``submissionMethod`` is
silent); a shortfall that a circumstance the release does not report could
explain (urgency, a prior information notice) is "cannot tell", not "not met".
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from .._errors import InvalidInputType, Problem
from .._time import as_date
from ..periods import (
    Stage,
    pa_contract_details_deadline,
    pa_participation_period,
    pa_performance_assessment_due,
    pa_standstill,
    pa_tendering_period,
    pcr_contract_award_notice_deadline,
    pcr_open_procedure_time_limit,
    pcr_restricted_procedure_time_limit,
    pcr_standstill,
)
from ..procurement import KPI_THRESHOLD, uk_day
from ._published import Publication, PublishedProcurement, PublishedRegime
from ._regime import below_threshold

__all__ = ["ComplianceAudit", "ComplianceCheck", "ComplianceFinding", "audit_published"]

#: How long after sending a PCR notice the portal may publish it (Directive 2014/24/EU art 51(2)).
PCR_PUBLICATION_LAG_DAYS = 5

_PCR_LIKE = {PublishedRegime.PCR_2015, PublishedRegime.PCSR_2015}
_NOT_MODELLED = {
    PublishedRegime.UCR_2016,
    PublishedRegime.UCSR_2016,
    PublishedRegime.CCR_2016,
    PublishedRegime.CCSR_2016,
    PublishedRegime.DSPCR_2011,
}
_SCOTTISH_NOTE = (
    "Public Contracts (Scotland) Regulations 2015: the same minimum periods as PCR 2015 "
    "(regs 27-28 and 87, 50), counted on the UK-wide working-day calendar (UNCONFIRMED: "
    "Scottish bank holidays are not used)"
)


class ComplianceFinding(enum.StrEnum):
    """What the published dates show for one rule.

    Examples:
        >>> ComplianceFinding("not met") is ComplianceFinding.NOT_MET
        True
    """

    MET = "met"
    NOT_MET = "not met"
    CANNOT_TELL = "cannot tell"


def _pairs(value: Any) -> tuple[tuple[str, pendulum.Date], ...]:
    return tuple(value.items()) if isinstance(value, dict) else tuple(value)


@attrs.frozen
class ComplianceCheck:
    """One rule checked against one process's published dates.

    Attributes:
        ocid: the process.
        rule: the rule, in words (``"minimum time for tenders"``).
        citation: where it is in law (``"Public Contracts Regulations 2015 reg 27 with reg 2"``).
        finding: met, not met or cannot tell.
        dates: the days used, by name (``("notice published", Date(2025, 2, 21))``...).
        assumptions: what had to be assumed, in words.
        detail: the reasoning in one sentence.
    """

    ocid: str
    rule: str
    citation: str
    finding: ComplianceFinding
    dates: tuple[tuple[str, pendulum.Date], ...] = attrs.field(converter=_pairs)
    assumptions: tuple[str, ...] = ()
    detail: str = ""

    def row(self) -> dict[str, Any]:
        """One row of [`ComplianceAudit.to_frame`][commissioning.ocds.ComplianceAudit.to_frame]."""
        return {
            "ocid": self.ocid,
            "rule": self.rule,
            "citation": self.citation,
            "finding": self.finding.value,
            "dates": "; ".join(f"{k} {v.isoformat()}" for k, v in self.dates),
            "assumptions": "; ".join(self.assumptions),
            "detail": self.detail,
        }


@attrs.frozen
class ComplianceAudit:
    """Every check of an audit, in the order of the processes.

    Attributes:
        checks: the checks.
        on: the day the audit was made as of (deadlines not yet passed then are "cannot tell").
    """

    checks: tuple[ComplianceCheck, ...]
    on: pendulum.Date | None = None

    def count(self, finding: ComplianceFinding | str) -> int:
        """How many checks have ``finding``."""
        wanted = ComplianceFinding(finding)
        return sum(c.finding is wanted for c in self.checks)

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per check (needs ``pandas``)."""
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported lazily

        columns = ["ocid", "rule", "citation", "finding", "dates", "assumptions", "detail"]
        return pd.DataFrame([c.row() for c in self.checks], columns=columns)


def _day(at: dt.datetime | None) -> pendulum.Date | None:
    return None if at is None else uk_day(at)


def _notice_day(
    p: PublishedProcurement, *, tags: set[str], types: set[str]
) -> pendulum.Date | None:
    for n in p.notices:
        if n.date is not None and (tags & set(n.tags) or types & set(n.document_types)):
            return uk_day(n.date)
    return None


def _code_day(p: PublishedProcurement, code: str) -> pendulum.Date | None:
    for d in p.documents:
        if d.notice_type == code and d.published is not None:
            return uk_day(d.published)
    for n in p.notices:
        if code in n.notice_types and n.date is not None:
            return uk_day(n.date)
    return None


@functools.lru_cache(maxsize=4096)
def _pcr_limit(stage: Stage, day: pendulum.Date, *, electronic: bool, urgency: bool) -> Any:
    """The PCR minimum period (a pure function of its arguments, cached for bulk audits)."""
    if stage is Stage.TENDERING:
        return pcr_open_procedure_time_limit(
            sent_on=day, electronic_tenders=electronic, urgency=urgency
        )
    return pcr_restricted_procedure_time_limit(stage=stage, sent_on=day, urgency=urgency)


class _Audit:
    def __init__(self, p: PublishedProcurement, on: pendulum.Date | None) -> None:
        self.p = p
        self.on = on
        self.out: list[ComplianceCheck] = []
        self.below, why = below_threshold(p)
        self.threshold_note = (
            [] if self.below is False else [f"not known to be above the threshold: {why}"]
        )

    def add(
        self,
        rule: str,
        citation: str,
        finding: ComplianceFinding,
        dates: dict[str, pendulum.Date],
        assumptions: list[str],
        detail: str,
    ) -> None:
        self.out.append(
            ComplianceCheck(
                self.p.ocid,
                rule,
                citation,
                finding,
                dates,
                (*assumptions, *self.threshold_note),
                detail,
            )
        )

    # ------------------------------------------------------------ minimum periods
    def minimum_period(self) -> None:
        p = self.p
        if p.regime in _NOT_MODELLED:
            self.add(
                "minimum time for tenders",
                p.regime.value,
                ComplianceFinding.CANNOT_TELL,
                {},
                [],
                f"the {p.regime.value} time limits are not modelled by this library",
            )
            return
        if self.below:
            return  # no statutory minimum period below the threshold
        if p.regime is PublishedRegime.PA_2023:
            self.pa_period()
        elif p.regime in _PCR_LIKE:
            self.pcr_period()

    def _electronic(self, assumptions: list[str]) -> bool:
        if self.p.electronic_submission is None:
            assumptions.append("assumed electronic submission (submissionMethod not published)")
            return True
        return self.p.electronic_submission

    def pcr_period(self) -> None:
        p = self.p
        details = (p.procurement_method_details or "").lower()
        method = p.procurement_method or ""
        assumptions: list[str] = []
        if p.regime is PublishedRegime.PCSR_2015:
            assumptions.append(_SCOTTISH_NOTE)
        if "without" in details or method in {"limited", "direct"}:
            return  # no call for competition: no minimum period to check
        if "open" in details or (method == "open" and not details):
            stage, rule = Stage.TENDERING, "minimum time for tenders"
        elif method == "selective" or any(
            w in details for w in ("restricted", "negotiat", "dialogue", "innovation")
        ):
            stage, rule = Stage.PARTICIPATION, "minimum time for requests to participate"
            assumptions.append(
                "tenderPeriod.endDate read as the deadline for requests to participate"
            )
            if "restricted" not in details:
                assumptions.append(
                    "the reg 28 minimum (30 days) taken to apply (regs 29-31 refer to it; UNCONFIRMED)"
                )
        else:
            return
        deadline = _day(p.tender_period.end if p.tender_period else None)
        sent = _notice_day(p, tags={"tender"}, types={"contractNotice", "tenderNotice"})
        sent = sent or _day(p.first_published)
        dates: dict[str, pendulum.Date] = {}
        if sent is not None:
            dates["notice published"] = sent
        if deadline is not None:
            dates["deadline"] = deadline
        if sent is None or deadline is None:
            what = "no tender deadline" if deadline is None else "no notice date"
            self.add(
                rule,
                "Public Contracts Regulations 2015 reg 27-28",
                ComplianceFinding.CANNOT_TELL,
                dates,
                assumptions,
                f"{what} published",
            )
            return
        assumptions.append(
            f"the release day taken as the day the notice was sent (OCDS has no dispatch date; "
            f"a notice may be published up to {PCR_PUBLICATION_LAG_DAYS} days after sending)"
        )
        electronic = self._electronic(assumptions)

        def limit(day: pendulum.Date, *, urgency: bool) -> Any:
            return _pcr_limit(stage, day, electronic=electronic, urgency=urgency)

        standard = limit(sent, urgency=False)
        floor = limit(sent.subtract(days=PCR_PUBLICATION_LAG_DAYS), urgency=True)
        dates["earliest deadline"] = standard.earliest_deadline
        citation = standard.rule
        if deadline >= standard.earliest_deadline:
            finding, detail = (
                ComplianceFinding.MET,
                (
                    f"{standard.minimum_days} days ({standard.circumstance}): the deadline "
                    f"{deadline.isoformat()} is on or after {standard.earliest_deadline.isoformat()}"
                ),
            )
        elif deadline >= floor.earliest_deadline:
            finding, detail = (
                ComplianceFinding.CANNOT_TELL,
                (
                    f"the deadline {deadline.isoformat()} is before the standard "
                    f"{standard.earliest_deadline.isoformat()}; it is lawful only with urgency, a prior "
                    f"information notice or an earlier dispatch, which the release does not say"
                ),
            )
        else:
            finding, detail = (
                ComplianceFinding.NOT_MET,
                (
                    f"the deadline {deadline.isoformat()} is before even the shortest permitted "
                    f"period's end ({floor.earliest_deadline.isoformat()}, urgency, sent "
                    f"{PCR_PUBLICATION_LAG_DAYS} days before publication)"
                ),
            )
        self.add(rule, citation, finding, dates, assumptions, detail)

    def pa_period(self) -> None:
        p = self.p
        invited = _code_day(p, "UK4")
        assumptions: list[str] = []
        if invited is None:
            if p.procurement_method not in {"open", "selective"}:
                return
            invited = _notice_day(p, tags={"tender"}, types={"tenderNotice"}) or _day(
                p.first_published
            )
            assumptions.append(
                "no UK4 notice code: the first tender release taken as the tender notice"
            )
        if invited is None:
            return
        light = "lightTouch" in p.special_regimes
        dates: dict[str, pendulum.Date] = {"tender notice": invited}
        if p.participation_deadline is not None:
            deadline = uk_day(p.participation_deadline)
            standard: Any = pa_participation_period(invited_on=invited, light_touch=light)
            floor: Any = pa_participation_period(
                invited_on=invited, light_touch=light, urgency=True
            )
            rule = "minimum participation period"
        else:
            end = _day(p.tender_period.end if p.tender_period else None)
            if end is None:
                self.add(
                    "minimum tendering period",
                    "Procurement Act 2023 s.54",
                    ComplianceFinding.CANNOT_TELL,
                    dates,
                    assumptions,
                    "no tender deadline published",
                )
                return
            deadline = end
            electronic = self._electronic(assumptions)
            assumptions.append("assumed all tender documents available when the period started")
            standard = pa_tendering_period(
                invited_on=invited,
                electronic_submission=electronic,
                all_documents_available=True,
                light_touch=light,
            )
            floor = pa_tendering_period(
                invited_on=invited,
                electronic_submission=electronic,
                all_documents_available=True,
                light_touch=light,
                urgency=True,
            )
            rule = "minimum tendering period"
        dates["deadline"] = deadline
        if not standard.applies:
            self.add(
                rule, standard.rule, ComplianceFinding.MET, dates, assumptions, standard.reason
            )
            return
        dates["earliest deadline"] = standard.earliest_deadline
        if deadline >= standard.earliest_deadline:
            finding, detail = (
                ComplianceFinding.MET,
                (f"{standard.minimum_days} days ({standard.circumstance})"),
            )
        elif not floor.applies or deadline >= floor.earliest_deadline:
            finding, detail = (
                ComplianceFinding.CANNOT_TELL,
                (
                    "shorter than the standard minimum; lawful only with urgency, a qualifying planned "
                    "procurement notice or another s.54 circumstance the release does not report"
                ),
            )
        else:
            finding, detail = (
                ComplianceFinding.NOT_MET,
                (
                    f"the deadline is before even the shortest s.54 period's end "
                    f"({floor.earliest_deadline.isoformat()})"
                ),
            )
        self.add(rule, standard.rule, finding, dates, assumptions, detail)

    # ------------------------------------------------------------ standstill
    def standstill(self) -> None:
        p = self.p
        if p.regime in _NOT_MODELLED or p.regime is PublishedRegime.UNCLASSIFIED:
            return
        call_off = any("framework" in r.relationship for r in p.related)
        if call_off or p.above_threshold is False or self.below:
            return  # framework call-offs and below-threshold contracts have no mandatory standstill
        awards = {a.id: a for a in p.awards}
        for c in p.contracts:
            award = awards.get(c.award_id or "")
            signed = _day(c.date_signed)
            if award is None or signed is None:
                continue
            assumptions: list[str] = []
            if p.regime is PublishedRegime.PA_2023:
                decided = _code_day(p, "UK6") or _day(award.date)
                if decided is None:
                    continue
                s: Any = pa_standstill(published_on=decided)
                label = "contract award notice (UK6)"
            else:
                decided = _day(award.date)
                if decided is None:
                    continue
                if p.regime is PublishedRegime.PCSR_2015:
                    assumptions.append(_SCOTTISH_NOTE)
                assumptions.append(
                    "award.date taken as the day the award decision notices were sent"
                )
                assumptions.append("assumed sent electronically (the 10-day standstill)")
                s = pcr_standstill(sent_on=decided)
                label = "award decision"
            dates = {
                label: decided,
                "contract signed": signed,
                "may sign from": s.may_enter_contract_from,
            }
            met = signed >= s.may_enter_contract_from
            self.add(
                f"standstill before contract {c.id} is signed",
                s.rule,
                ComplianceFinding.MET if met else ComplianceFinding.NOT_MET,
                dates,
                assumptions,
                f"signed {signed.isoformat()}, "
                f"{'on or after' if met else 'before'} {s.may_enter_contract_from.isoformat()}",
            )

    # ------------------------------------------------------------ notices after the contract
    def contract_notices(self) -> None:
        p = self.p
        if p.regime in _NOT_MODELLED or p.regime is PublishedRegime.UNCLASSIFIED or self.below:
            return
        for c in p.contracts:
            signed = _day(c.date_signed)
            if signed is None:
                continue
            assumptions: list[str] = []
            if p.regime is PublishedRegime.PA_2023:
                light = "lightTouch" in p.special_regimes
                d: Any = pa_contract_details_deadline(entered_on=signed, light_touch=light)
                published = _code_day(p, "UK7")
                rule = f"contract details notice (UK7) for contract {c.id}"
            else:
                if p.regime is PublishedRegime.PCSR_2015:
                    assumptions.append(_SCOTTISH_NOTE)
                d = pcr_contract_award_notice_deadline(concluded_on=signed)
                published = _notice_day(
                    p, tags={"award", "contract"}, types={"awardNotice", "contractNotice"}
                )
                if published is not None and published < signed:
                    later = [
                        uk_day(n.date)
                        for n in p.notices
                        if n.date is not None
                        and uk_day(n.date) >= signed
                        and {"award", "contract", "awardUpdate", "contractUpdate"} & set(n.tags)
                    ]
                    published = later[0] if later else published
                rule = f"contract award notice for contract {c.id}"
            self._deadline(rule, d, {"contract signed": signed}, published, assumptions)
            if p.regime is PublishedRegime.PA_2023:
                self.kpis(c.id, signed, c.value.best if c.value else None)

    def _deadline(
        self,
        rule: str,
        d: Any,
        dates: dict[str, pendulum.Date],
        published: pendulum.Date | None,
        assumptions: list[str],
    ) -> None:
        dates = {**dates, "due by": d.due_by}
        if published is not None:
            dates["published"] = published
            met = published <= d.due_by
            finding = ComplianceFinding.MET if met else ComplianceFinding.NOT_MET
            detail = f"published {published.isoformat()}, due by {d.due_by.isoformat()}"
        elif self.on is not None and self.on > d.due_by:
            finding = ComplianceFinding.NOT_MET
            detail = f"not in the releases, and due by {d.due_by.isoformat()}"
            assumptions = [*assumptions, "the releases are taken to be everything published"]
        else:
            finding = ComplianceFinding.CANNOT_TELL
            detail = f"not in the releases yet; due by {d.due_by.isoformat()}"
        self.add(rule, d.rule, finding, dates, assumptions, detail)

    def kpis(self, contract_id: str, signed: pendulum.Date, value: Any) -> None:
        if value is None or value <= KPI_THRESHOLD or self.p.framework:
            return
        d = pa_performance_assessment_due(since=signed)
        published = _code_day(self.p, "UK9")
        if published is not None and published < signed:
            published = None
        self._deadline(
            f"KPI assessment notice (UK9) for contract {contract_id}",
            d,
            {"contract signed": signed},
            published,
            ["the published value taken as including VAT (s.52 threshold £5 million)"],
        )


def audit_published(
    published: Publication | PublishedProcurement | Iterable[PublishedProcurement],
    *,
    on: dt.date | None = None,
) -> ComplianceAudit:
    """Check every process's published dates against the statutory rules they allow checking.

    Args:
        published: what [`read_published`][commissioning.ocds.read_published] returned (or processes).
        on: the day the audit is as of: a notice due before it and not published is "not
            met"; without it, missing notices are "cannot tell".

    Examples:
        >>> from commissioning.ocds import read_published
        >>> pub = read_published([{"ocid": "ocds-kuma6s-1", "date": "2025-02-21T00:00:00Z",
        ...     "tag": ["tender"], "tender": {"id": "1", "procurementMethod": "open",
        ...     "procurementMethodDetails": "Open procedure", "legalBasis": {"id": "32014L0024"},
        ...     "tenderPeriod": {"endDate": "2025-03-24T12:00:00Z"}}}])
        >>> [check] = audit_published(pub).checks
        >>> check.finding.value, check.citation
        ('met', 'Public Contracts Regulations 2015 reg 27 with reg 2')
        >>> check.assumptions[-2:]
        ('assumed electronic submission (submissionMethod not published)', 'not known to be above the threshold: the value or the category is not published')
    """
    if isinstance(published, Publication):
        items: Iterable[Any] = published.procurements
    elif isinstance(published, PublishedProcurement):
        items = (published,)
    elif isinstance(published, list | tuple) or (
        isinstance(published, Iterable) and not isinstance(published, str | bytes | Mapping)
    ):
        items = published
    else:
        raise InvalidInputType(
            [
                Problem(
                    "published",
                    "a Publication or PublishedProcurement values",
                    type(published).__name__,
                    "type",
                )
            ]
        )
    day = None if on is None else as_date(on, field="on")
    checks: list[ComplianceCheck] = []
    for i, p in enumerate(items):
        if not isinstance(p, PublishedProcurement):
            raise InvalidInputType(
                [Problem(f"published[{i}]", "a PublishedProcurement", type(p).__name__, "type")]
            )
        a = _Audit(p, day)
        a.minimum_period()
        a.standstill()
        a.contract_notices()
        checks.extend(a.out)
    return ComplianceAudit(tuple(checks), day)
