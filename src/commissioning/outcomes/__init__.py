"""Outcome measures: frameworks, indicators, observations, judgements and outcomes-based payments.

Facts come from the docs' Sources page ("Outcome measurement",
"Outcomes-based contracts") and ``procurement.md`` ("KPIs and performance").
Measures sit in an [`OutcomeFramework`][commissioning.outcomes.OutcomeFramework]; their values are events in an
[`ObservationLog`][commissioning.outcomes.ObservationLog] over real [`ReportingPeriod`][commissioning.outcomes.ReportingPeriod] s; pure functions
judge them ([`rag_status`][commissioning.outcomes.rag_status], [`kpi_rating`][commissioning.outcomes.kpi_rating], [`trend`][commissioning.outcomes.trend],
[`rollup`][commissioning.outcomes.rollup]); [`ContractKpis`][commissioning.outcomes.ContractKpis] gives the yearly performance assessment;
[`OutcomesContract`][commissioning.outcomes.OutcomesContract] computes what is payable for a period; and
[`IndigoProject`][commissioning.outcomes.IndigoProject] round-trips the INDIGO impact-bond data standard.

Examples:
    >>> import pendulum
    >>> from commissioning.outcomes import Measure, kpi_rating
    >>> m = Measure.create("K1", "Visits on time", unit="%", direction="higher",
    ...     frequency="quarterly", targets=[(95, pendulum.Date(2027, 3, 31))])
    >>> kpi_rating(m, 94, on=pendulum.Date(2027, 3, 31)).rating.value
    'Approaching target'
"""

from .._hypothesis_hook import announce as _announce
from .._public import public_module as _public_module
from ._framework import FrameworkGap, Outcome, OutcomeFramework, OutcomeLevel
from ._indigo import (
    IndigoOutcomeMetric,
    IndigoOutcomePayment,
    IndigoOutcomePricing,
    IndigoPaymentCommitment,
    IndigoProject,
    IndigoResult,
    PublicationStatus,
    Published,
)
from ._indigo_lenient import IndigoConversion, IndigoReading, lenient_number
from ._judgements import (
    Curve,
    KpiJudgement,
    KpiRating,
    MeasureClassification,
    MeasureStatus,
    Rag,
    RagJudgement,
    RatingBands,
    Travel,
    TrendJudgement,
    kpi_rating,
    measure_status,
    rag_status,
    trend,
)
from ._kpis import (
    AssessmentReason,
    ContractKpi,
    ContractKpis,
    KpiAssessment,
    KpiExemption,
    KpiRequirement,
    KpisNotCompliant,
    PerformanceAssessment,
)
from ._logic_model import Assumption, LogicElement, LogicModel, LogicStage
from ._measures import (
    Baseline,
    Direction,
    Measure,
    MeasureKind,
    Point,
    RbaCategory,
    Target,
    Tolerance,
)
from ._observations import (
    Observation,
    ObservationConflict,
    ObservationKind,
    ObservationLog,
    fold_observations,
)
from ._payments import (
    CapExceeded,
    ContractForm,
    OutcomeMetric,
    OutcomePayment,
    OutcomesContract,
    PayableCalculation,
    PayableLine,
    PaymentKind,
    PeriodResult,
    ScheduleRow,
)
from ._periods import Frequency, ReportingPeriod
from ._plots import plot_measure
from ._rollup import FrameworkRollup, OutcomeRollup, RollupMethod, RollupRule, rollup
from ._tables import to_records

__all__ = [
    "AssessmentReason",
    "Assumption",
    "Baseline",
    "CapExceeded",
    "ContractForm",
    "ContractKpi",
    "ContractKpis",
    "Curve",
    "Direction",
    "FrameworkGap",
    "FrameworkRollup",
    "Frequency",
    "IndigoConversion",
    "IndigoOutcomeMetric",
    "IndigoOutcomePayment",
    "IndigoOutcomePricing",
    "IndigoPaymentCommitment",
    "IndigoProject",
    "IndigoReading",
    "IndigoResult",
    "KpiAssessment",
    "KpiExemption",
    "KpiJudgement",
    "KpiRating",
    "KpiRequirement",
    "KpisNotCompliant",
    "LogicElement",
    "LogicModel",
    "LogicStage",
    "Measure",
    "MeasureClassification",
    "MeasureKind",
    "MeasureStatus",
    "Observation",
    "ObservationConflict",
    "ObservationKind",
    "ObservationLog",
    "Outcome",
    "OutcomeFramework",
    "OutcomeLevel",
    "OutcomeMetric",
    "OutcomePayment",
    "OutcomeRollup",
    "OutcomesContract",
    "PayableCalculation",
    "PayableLine",
    "PaymentKind",
    "PerformanceAssessment",
    "PeriodResult",
    "Point",
    "PublicationStatus",
    "Published",
    "Rag",
    "RagJudgement",
    "RatingBands",
    "RbaCategory",
    "ReportingPeriod",
    "RollupMethod",
    "RollupRule",
    "ScheduleRow",
    "Target",
    "Tolerance",
    "Travel",
    "TrendJudgement",
    "fold_observations",
    "kpi_rating",
    "lenient_number",
    "measure_status",
    "plot_measure",
    "rag_status",
    "rollup",
    "to_records",
    "trend",
]

# Public classes show the module users import them from. (The INDIGO classes,
# maintained with the OCDS adapter, are left to that module for now: their
# docstrings would also have to run here.)
_public_module(
    "commissioning.outcomes",
    *(
        v
        for k, v in list(globals().items())
        if k in __all__
        and isinstance(v, type)
        and not v.__module__.startswith("commissioning.outcomes._indigo")
    ),
)

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
