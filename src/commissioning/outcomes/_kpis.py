"""Contract KPIs and the yearly contract performance assessment (UK9 content).

Facts: ``procurement.md``, "KPIs and performance (s.52, s.71, PR24 reg 39)":

- a public contract over £5m must set at least three KPIs, unless it is a
  framework, a private-utility contract, a concession, a light touch contract,
  or KPIs would not be appropriate (s.52);
- performance against them is assessed and published (UK9, s.71) at least once
  every 12 months and on termination, on the scale Good, Approaching target,
  Requires improvement, Inadequate, Other; the notice reports the three most
  material KPIs; the UK OCDS extension codes the ratings as
  ``measureClassification`` met / slightlyBelow / below / significantlyBelow / other.

How "most material" is decided is not set out in the reference: here each KPI
carries a materiality rank given by the user (1 = most material). Whether the
£5m is compared with or without VAT follows the contract value you pass
(the thresholds in the reference are VAT-inclusive); the amount is a parameter.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from .._errors import CommissioningError, InvalidInput, InvalidInputType, Problem
from .._money import pounds
from .._time import as_date
from .._validation import Checker
from ._common import check_id
from ._judgements import KpiJudgement, KpiRating, RatingBands, kpi_rating
from ._measures import Measure
from ._observations import ObservationLog
from ._periods import ReportingPeriod
from ._repr import html_table

__all__ = [
    "AssessmentReason",
    "ContractKpi",
    "ContractKpis",
    "KpiAssessment",
    "KpiExemption",
    "KpiRequirement",
    "KpisNotCompliant",
    "PerformanceAssessment",
]

KPI_THRESHOLD = Decimal("5000000.00")
MINIMUM_KPIS = 3
MOST_MATERIAL = 3


class KpisNotCompliant(CommissioningError, ValueError):
    """A contract's KPIs do not meet s.52 (fewer than three over £5m, with no exemption).

    Attributes:
        contract_id: the contract.
        required: how many KPIs are required.
        count: how many were set.

    Examples:
        >>> try:
        ...     ContractKpis.create("C", value=6_000_000).require_compliant()
        ... except KpisNotCompliant as refused:
        ...     print(refused.required, refused.count, "|", refused)
        3 0 | contract 'C': expected at least 3 KPIs (PA s.52, value over £5m, no exemption), received 0
    """

    def __init__(self, contract_id: str, required: int, count: int) -> None:
        self.contract_id = contract_id
        self.required = required
        self.count = count
        super().__init__(
            f"contract {contract_id!r}: expected at least {required} KPIs (PA s.52, value over £5m, "
            f"no exemption), received {count}"
        )


class KpiExemption(enum.Enum):
    """Why a contract over £5m need not set three KPIs (PA s.52, as listed in the reference).

    Examples:
        >>> KpiExemption("light touch contract")
        <KpiExemption.LIGHT_TOUCH: 'light touch contract'>
    """

    FRAMEWORK = "framework"
    PRIVATE_UTILITY = "private-utility contract"
    CONCESSION = "concession contract"
    LIGHT_TOUCH = "light touch contract"
    NOT_APPROPRIATE = "KPIs would not be appropriate"


class AssessmentReason(enum.Enum):
    """Why a performance assessment is made (PA s.71).

    Examples:
        >>> AssessmentReason.YEARLY.value
        'at least every 12 months'
    """

    YEARLY = "at least every 12 months"
    TERMINATION = "on termination"


@attrs.frozen
class ContractKpi:
    """A KPI of a contract: a measure, how material it is, and how it is rated.

    Attributes:
        measure: the measure (its targets and direction drive the rating).
        materiality: the rank among the contract's KPIs, 1 = most material.
        bands: the rating bands agreed in the contract (``None``: the documented default).
        description: what the KPI is, as published.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K1", "Visits on time", unit="%", direction="higher",
        ...     frequency="quarterly", targets=[(95, pendulum.Date(2027, 3, 31))])
        >>> ContractKpi(m, materiality=1).id
        'K1'
    """

    measure: Measure
    materiality: int
    bands: RatingBands | None = None
    description: str = ""

    def __attrs_post_init__(self) -> None:
        check = Checker()
        check.type("measure", self.measure, Measure, "a Measure")
        if check.type("materiality", self.materiality, int, "an int"):
            check.that(
                self.materiality >= 1, "materiality", "a rank of 1 or more", self.materiality
            )
        if self.bands is not None:
            check.type("bands", self.bands, RatingBands, "RatingBands or None")
        check.type("description", self.description, str, "a str")
        check.done()

    @property
    def id(self) -> str:
        """The KPI's id: its measure's id."""
        return self.measure.id


@attrs.frozen
class KpiRequirement:
    """Whether a contract meets s.52's KPI rule, and why.

    Attributes:
        required: how many KPIs s.52 requires (3, or 0 when it does not apply).
        count: how many the contract sets.
        compliant: whether ``count >= required``.
        reason: the reasoning in words.

    Examples:
        >>> req = ContractKpis.create("C", value="5000000").requirement()
        >>> req.required, req.compliant
        (0, True)
    """

    required: int
    count: int
    compliant: bool
    reason: str


@attrs.frozen
class KpiAssessment:
    """The assessment of one KPI for a period.

    Attributes:
        kpi_id: the KPI (its measure's id).
        name: its name.
        materiality: its materiality rank.
        period: the latest completed period assessed (``None`` if nothing observed).
        judgement: the rating with its reasons.

    Examples:
        >>> import pendulum
        >>> m = Measure.create("K1", "On time", unit="%", direction="higher", frequency="yearly",
        ...     targets=[(90, pendulum.Date(2026, 12, 31))])
        >>> a = ContractKpis.create("C", value=10, kpis=[ContractKpi(m, 1)]).assess(
        ...     ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0],
        ...     period_start=pendulum.Date(2026, 1, 1), period_end=pendulum.Date(2026, 12, 31))
        >>> a.assessments[0].rating, a.assessments[0].to_dict()["rule"]
        (<KpiRating.OTHER: 'Other'>, 'Other: no observation of K1 within 2026-01-01 to 2026-12-31')
    """

    kpi_id: str
    name: str
    materiality: int
    period: ReportingPeriod | None
    judgement: KpiJudgement

    @property
    def rating(self) -> KpiRating:
        """The rating."""
        return self.judgement.rating

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible content (Decimals as strings, dates as ISO text)."""
        j = self.judgement
        return {
            "kpi_id": self.kpi_id,
            "name": self.name,
            "materiality": self.materiality,
            "period": None if self.period is None else self.period.label,
            "period_start": None if self.period is None else self.period.start.isoformat(),
            "period_end": None if self.period is None else self.period.end.isoformat(),
            "value": None if j.value is None else str(j.value),
            "target": None if j.target is None else str(j.target),
            "rating": j.rating.value,
            "measure_classification": j.measure_classification.value,
            "rule": j.rule,
        }


@attrs.frozen
class PerformanceAssessment:
    """The content of a contract performance assessment (UK9, PA s.71), for one period.

    Attributes:
        contract_id: the contract.
        period_start: first day assessed.
        period_end: last day assessed.
        reason: yearly or on termination.
        assessments: every KPI's assessment, most material first.
        as_of: the moment the data were taken as known, if fixed.

    Examples:
        >>> import pendulum
        >>> kpis = ContractKpis.create("C-1", value="6000000", kpis=[
        ...     ContractKpi(Measure.create(f"K{i}", f"KPI {i}", unit="%", direction="higher",
        ...         frequency="quarterly", targets=[(90, pendulum.Date(2027, 3, 31))]), materiality=i)
        ...     for i in (1, 2, 3, 4)])
        >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
        >>> for i, v in zip((1, 2, 3, 4), (93, 88, 70, 99)):
        ...     log, _ = log.record(f"K{i}", ReportingPeriod.quarter(2026, 4), v,
        ...                         at=pendulum.datetime(2027, 1, 10), actor="analyst")
        >>> a = kpis.assess(log, period_start=pendulum.Date(2026, 1, 1), period_end=pendulum.Date(2026, 12, 31))
        >>> [(x.kpi_id, x.rating.value, x.judgement.measure_classification.value)
        ...  for x in a.most_material]
        [('K1', 'Good', 'met'), ('K2', 'Approaching target', 'slightlyBelow'), ('K3', 'Inadequate', 'significantlyBelow')]
    """

    contract_id: str
    period_start: pendulum.Date
    period_end: pendulum.Date
    reason: AssessmentReason
    assessments: tuple[KpiAssessment, ...]
    as_of: dt.datetime | None = None

    @property
    def most_material(self) -> tuple[KpiAssessment, ...]:
        """The three most material KPIs' assessments: what the UK9 notice reports."""
        return self.assessments[:MOST_MATERIAL]

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible content for the UK9 notice and its OCDS export.

        Examples:
            >>> import pendulum
            >>> ContractKpis.create("C", value=1000).assess(
            ...     ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0],
            ...     period_start=pendulum.Date(2026, 1, 1), period_end=pendulum.Date(2026, 12, 31)).to_dict()["kpis"]
            []
        """
        return {
            "contract_id": self.contract_id,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "reason": self.reason.value,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "kpis": [a.to_dict() for a in self.most_material],
            "all_kpis": [a.to_dict() for a in self.assessments],
        }

    def ocds_metrics(self) -> list[dict[str, Any]]:
        """The three most material KPIs as OCDS ``contracts[].implementation.metrics`` entries.

        Each has one actual observation carrying the UK extension's
        ``measureClassification`` (scheme left to the publisher's profile; only ``id``
        and ``description`` are set). Values are strings to keep them exact.

        Examples:
            >>> import pendulum
            >>> m = Measure.create("K1", "On time", unit="%", direction="higher", frequency="yearly",
            ...     targets=[(90, pendulum.Date(2026, 12, 31))])
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> log, _ = log.record("K1", ReportingPeriod.year(2026), 91,
            ...     at=pendulum.datetime(2027, 1, 5), actor="analyst")
            >>> a = ContractKpis.create("C", value=10, kpis=[ContractKpi(m, 1)]).assess(
            ...     log, period_start=pendulum.Date(2026, 1, 1), period_end=pendulum.Date(2026, 12, 31))
            >>> a.ocds_metrics()[0]["observations"][0]["measureClassification"]
            {'id': 'met', 'description': 'Good'}
        """
        metrics = []
        for a in self.most_material:
            j = a.judgement
            observation: dict[str, Any] = {
                "id": f"{a.kpi_id}-{self.period_end.isoformat()}",
                "measureClassification": {
                    "id": j.measure_classification.value,
                    "description": j.rating.value,
                },
            }
            if a.period is not None:
                observation["period"] = {
                    "startDate": a.period.start.isoformat(),
                    "endDate": a.period.end.isoformat(),
                }
            if j.value is not None:
                observation["measure"] = str(j.value)
            metrics.append({"id": a.kpi_id, "title": a.name, "observations": [observation]})
        return metrics

    def to_records(self) -> list[dict[str, Any]]:
        """One record per KPI (all of them, most material first)."""
        return [a.to_dict() for a in self.assessments]

    def _repr_html_(self) -> str:
        columns = [
            "materiality",
            "kpi_id",
            "name",
            "period",
            "value",
            "target",
            "rating",
            "measure_classification",
        ]
        return html_table(
            f"Contract performance assessment {self.contract_id}: {self.period_start} to "
            f"{self.period_end} ({self.reason.value}); the first three are reported",
            self.to_records(),
            columns,
        )


@attrs.frozen
class ContractKpis:
    """A contract's KPIs, its value, and any s.52 exemption.

    Attributes:
        contract_id: the contract (the procurement area's id for it).
        value: the contract value in pounds (Decimal), as compared with the £5m in s.52.
        kpis: the KPIs, most material first after construction.
        exemption: the s.52 exemption relied on, if any.
        rationale: why no (or fewer) KPIs were agreed: OCDS ``noAgreedMetricsRationale``.
        threshold: the amount above which s.52 applies (default £5,000,000).

    Examples:
        >>> ContractKpis.create("C-1", value="7500000").requirement().reason
        'value £7500000.00 is over £5000000.00 and no exemption applies: at least 3 KPIs (PA s.52); 0 set'
    """

    contract_id: str
    value: Decimal
    kpis: tuple[ContractKpi, ...] = ()
    exemption: KpiExemption | None = None
    rationale: str = ""
    threshold: Decimal = KPI_THRESHOLD

    def __attrs_post_init__(self) -> None:
        check = Checker()
        try:
            check_id(self.contract_id, field="contract_id")
        except InvalidInput as err:
            check.extend(err)
        for name in ("value", "threshold"):
            try:
                pounds(getattr(self, name), field=name)
            except InvalidInput as err:
                check.extend(err)
        if self.exemption is not None:
            check.type("exemption", self.exemption, KpiExemption, "a KpiExemption or None")
        check.type("rationale", self.rationale, str, "a str")
        if check.type("kpis", self.kpis, tuple, "a tuple of ContractKpis") and all(
            isinstance(k, ContractKpi) for k in self.kpis
        ):
            ids = [k.id for k in self.kpis]
            check.that(len(set(ids)) == len(ids), "kpis", "KPIs with distinct measure ids", ids)
            ranks = [k.materiality for k in self.kpis]
            check.that(len(set(ranks)) == len(ranks), "kpis", "distinct materiality ranks", ranks)
        else:
            check.add(Problem("kpis", "a tuple of ContractKpis", self.kpis, "type"))
        check.done()
        object.__setattr__(self, "kpis", tuple(sorted(self.kpis, key=lambda k: k.materiality)))

    @classmethod
    def create(
        cls,
        contract_id: str,
        *,
        value: Decimal | int | str,
        kpis: Any = (),
        exemption: KpiExemption | str | None = None,
        rationale: str = "",
        threshold: Decimal | int | str = KPI_THRESHOLD,
    ) -> ContractKpis:
        """Build from plain values: money through ``pounds`` (no floats), exemption by its text.

        Examples:
            >>> ContractKpis.create("C", value=6_000_000, exemption="light touch contract").requirement().required
            0
        """
        check = Checker()
        amount = threshold_ = None
        try:
            amount = pounds(value, field="value")
        except InvalidInput as err:
            check.extend(err)
        try:
            threshold_ = pounds(threshold, field="threshold")
        except InvalidInput as err:
            check.extend(err)
        exemption_ = None
        if exemption is not None:
            try:
                exemption_ = KpiExemption(exemption)
            except ValueError:
                check.add(
                    Problem("exemption", f"one of {[e.value for e in KpiExemption]}", exemption)
                )
        check.done()
        assert amount is not None  # noqa: S101 - narrowing after check.done()
        assert threshold_ is not None  # noqa: S101 - narrowing after check.done()
        return cls(contract_id, amount, tuple(kpis), exemption_, rationale, threshold_)

    def requirement(self) -> KpiRequirement:
        """Whether s.52 requires three KPIs and whether the contract has them.

        Rule: over the threshold (strictly more than £5m) with no exemption, at
        least three KPIs; otherwise none are required (any may still be set).

        Examples:
            >>> import pendulum
            >>> m = Measure.create("K1", "On time", unit="%", direction="higher", frequency="quarterly",
            ...     targets=[(95, pendulum.Date(2027, 3, 31))])
            >>> kpis = ContractKpis.create("C", value=6_000_000, kpis=[ContractKpi(m, 1)])
            >>> kpis.requirement().compliant
            False
        """
        count = len(self.kpis)
        if self.value <= self.threshold:
            return KpiRequirement(
                required=0,
                count=count,
                compliant=True,
                reason=f"value £{self.value} is not over £{self.threshold}: "
                f"s.52 does not require KPIs; {count} set",
            )
        if self.exemption is not None:
            return KpiRequirement(
                required=0,
                count=count,
                compliant=True,
                reason=f"value £{self.value} is over £{self.threshold} but "
                f"exempt ({self.exemption.value}); {count} set",
            )
        return KpiRequirement(
            MINIMUM_KPIS,
            count,
            count >= MINIMUM_KPIS,
            f"value £{self.value} is over £{self.threshold} and no exemption applies: at least "
            f"{MINIMUM_KPIS} KPIs (PA s.52); {count} set",
        )

    def require_compliant(self) -> ContractKpis:
        """Return self, or raise [`KpisNotCompliant`][commissioning.outcomes.KpisNotCompliant] when s.52 is not met.

        Examples:
            >>> import pendulum
            >>> m = Measure.create("K1", "On time", unit="%", direction="higher", frequency="quarterly",
            ...     targets=[(95, pendulum.Date(2027, 3, 31))])
            >>> kpis = ContractKpis.create("C", value=6_000_000, kpis=[ContractKpi(m, 1)])
            >>> ContractKpis.create("C", value=100, kpis=[ContractKpi(m, 1)]).require_compliant().contract_id
            'C'
        """
        req = self.requirement()
        if not req.compliant:
            raise KpisNotCompliant(self.contract_id, req.required, req.count)
        return self

    def assess(
        self,
        log: ObservationLog,
        *,
        period_start: dt.date,
        period_end: dt.date,
        reason: AssessmentReason = AssessmentReason.YEARLY,
        as_of: dt.datetime | None = None,
        summarise: str = "latest",
    ) -> PerformanceAssessment:
        """Assess every KPI for a period, most material first.

        Rule: for each KPI, the observed periods lying within
        ``period_start``..``period_end`` are summarised into one value (by
        ``summarise``: ``"latest"``, the default, takes the latest period;
        ``"mean"`` the mean of all of them; ``"sum"`` their total, for counts), which is
        rated ([`kpi_rating`][commissioning.outcomes.kpi_rating]) against the target in force at the latest
        period's end, with the KPI's bands; a KPI with no observation in the window
        is rated Other. Which summary fits is for the contract to say: the Act
        and the reference do not.

        Examples:
            >>> import pendulum
            >>> m = Measure.create("K1", "On time", unit="%", direction="higher",
            ...     frequency="quarterly", targets=[(90, pendulum.Date(2026, 12, 31))])
            >>> log = ObservationLog.create("returns", at=pendulum.datetime(2026, 1, 1), actor="analyst")[0]
            >>> for q, v in ((1, 80), (2, 85), (3, 95), (4, 96)):
            ...     log, _ = log.record("K1", ReportingPeriod.quarter(2026, q), v,
            ...                         at=pendulum.datetime(2027, 1, 5), actor="analyst")
            >>> kpis = ContractKpis.create("C", value=10, kpis=[ContractKpi(m, 1)])
            >>> year = dict(period_start=pendulum.Date(2026, 1, 1), period_end=pendulum.Date(2026, 12, 31))
            >>> kpis.assess(log, **year).assessments[0].rating.value
            'Good'
            >>> kpis.assess(log, **year, summarise="mean").assessments[0].judgement.value
            Decimal('89')
        """
        if summarise not in ("latest", "mean", "sum"):
            raise InvalidInput.of("summarise", "'latest', 'mean' or 'sum'", summarise)
        start = as_date(period_start, field="period_start")
        end = as_date(period_end, field="period_end")
        if end < start:
            raise InvalidInput.of("period_end", f"a date on or after {start}", end)
        if not isinstance(reason, AssessmentReason):
            raise InvalidInputType([Problem("reason", "an AssessmentReason", reason, "type")])
        known = log if as_of is None else log.as_of(as_of)
        rows = []
        for kpi in self.kpis:
            inside = [
                o for o in known.series(kpi.id) if o.period.start >= start and o.period.end <= end
            ]
            latest = inside[-1] if inside else None
            values = [o.value for o in inside if o.value is not None]
            value: Decimal | None = None
            if values:
                total = sum(values, Decimal(0))
                value = {
                    "latest": values[-1],
                    "mean": total / len(values),
                    "sum": total,
                }[summarise]
            judgement = kpi_rating(
                kpi.measure,
                value,
                on=end if latest is None else latest.period.end,
                bands=kpi.bands,
            )
            if latest is None:
                judgement = attrs.evolve(
                    judgement, rule=f"Other: no observation of {kpi.id} within {start} to {end}"
                )
            elif summarise != "latest":
                periods = ", ".join(o.period.label for o in inside)
                judgement = attrs.evolve(
                    judgement, rule=f"{summarise} of {periods}: {judgement.rule}"
                )
            rows.append(
                KpiAssessment(
                    kpi.id,
                    kpi.measure.name,
                    kpi.materiality,
                    None if latest is None else latest.period,
                    judgement,
                )
            )
        return PerformanceAssessment(self.contract_id, start, end, reason, tuple(rows), as_of)

    @staticmethod
    def next_assessment_due(last: dt.date) -> pendulum.Date:
        """The latest date for the next assessment: 12 months after the last one (s.71).

        "At least once every 12 months" is read as no later than the same calendar
        date a year on (29 February moves to 28 February).

        Examples:
            >>> ContractKpis.next_assessment_due(pendulum.Date(2024, 2, 29))
            Date(2025, 2, 28)
        """
        return as_date(last, field="last").add(months=12)

    def to_dict(self) -> dict[str, Any]:
        """The contract's KPIs as JSON-compatible content (exact numbers as strings).

        For the procurement area's notices and OCDS export: each KPI with its
        unit, direction, materiality, targets and the rating bands in words, plus
        the s.52 requirement and any exemption and rationale.

        Examples:
            >>> import json, pendulum
            >>> m = Measure.create("K1", "On time", unit="%", direction="higher",
            ...     frequency="quarterly", targets=[(95, pendulum.Date(2027, 3, 31))])
            >>> d = ContractKpis.create("C", value=10, kpis=[ContractKpi(m, 1)]).to_dict()
            >>> json.dumps(d["kpis"][0]["targets"])
            '[{"value": "95", "due": "2027-03-31", "label": ""}]'
        """
        req = self.requirement()
        return {
            "contract_id": self.contract_id,
            "value": str(self.value),
            "threshold": str(self.threshold),
            "required": req.required,
            "compliant": req.compliant,
            "reason": req.reason,
            "exemption": None if self.exemption is None else self.exemption.value,
            "rationale": self.rationale,
            "kpis": [
                {
                    "id": k.id,
                    "name": k.measure.name,
                    "description": k.description or k.measure.definition,
                    "unit": k.measure.unit,
                    "direction": k.measure.direction.value,
                    "materiality": k.materiality,
                    "targets": [
                        {"value": str(t.value), "due": t.due.isoformat(), "label": t.label}
                        for t in k.measure.targets
                    ],
                    "bands": (k.bands or RatingBands()).describe(),
                }
                for k in self.kpis
            ],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One record per KPI."""
        return [
            {
                "materiality": k.materiality,
                "kpi_id": k.id,
                "name": k.measure.name,
                "unit": k.measure.unit,
                "direction": k.measure.direction.value,
                "targets": len(k.measure.targets),
                "bands": (k.bands or RatingBands()).describe(),
            }
            for k in self.kpis
        ]

    def _repr_html_(self) -> str:
        req = self.requirement()
        return html_table(
            f"KPIs of contract {self.contract_id} (£{self.value})",
            self.to_records(),
            ["materiality", "kpi_id", "name", "unit", "direction", "targets"],
            notes=(req.reason,),
        )

    # -- storing -------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The stored form: ``format`` (``"commissioning.contract-kpis"``), ``format_version`` (1), then every attribute.

        Numbers are exact decimal strings, days ``YYYY-MM-DD``, enums their values;
        [`from_data`][commissioning.outcomes.ContractKpis.from_data] reads it back into an equal value.

        Examples:
            >>> import json
            >>> kpis = ContractKpis.create("C", value=10)
            >>> data = kpis.to_data()
            >>> data["format"], data["value"], ContractKpis.from_data(json.loads(json.dumps(data))) == kpis
            ('commissioning.contract-kpis', '10.00', True)
        """
        from ._stored import contract_kpis_to_data  # noqa: PLC0415 - that module imports this one

        return contract_kpis_to_data(self)

    @classmethod
    def from_data(cls, data: Any, /) -> ContractKpis:
        """Load what [`to_data`][commissioning.outcomes.ContractKpis.to_data] wrote, through the checked reader.

        Anything that is not the format raises [`InvalidInput`][commissioning.InvalidInput]
        naming its path; an unknown ``format_version`` is refused.
        """
        from ._stored import contract_kpis_from, load  # noqa: PLC0415 - as above

        loaded: ContractKpis = load("ContractKpis", data, contract_kpis_from)
        return loaded
