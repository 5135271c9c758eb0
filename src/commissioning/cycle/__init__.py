"""The commissioning cycle: frameworks as data, evidence-driven steps, decisions, iteration, portfolio.

A :class:`Framework` (the Cabinet Office six steps by default; the IPC, NHS
joint and RCGP cycles; or your own, written as data) compiles to a validated
machine. A :class:`CommissioningCycle` runs a service area through it: typed,
dated evidence records (:class:`Question`, :class:`NeedsAnalysis`,
:class:`EngagementRecord`, :class:`OutcomePriorities`, :class:`ServiceModel`,
:class:`MakeOrBuy`, :class:`DeliveryPlan`, :class:`Contract`,
:class:`ImpactMeasurement`, and the decommissioning records), approvals by
named roles (:class:`Approval`, :class:`ApprovalRule`), the procurement as a
child machine, and guards that say precisely what is missing. Every command
returns ``(new cycle, record)``; :meth:`CommissioningCycle.replay` rebuilds the
cycle from its records. Concluded cycles start the next one
(:meth:`CommissioningCycle.next_cycle`, :class:`Lineage`); :class:`Portfolio`
looks across many.

Facts: ``commissioning.md`` (frameworks, decommissioning, make-or-buy).

Examples:
    >>> import datetime as dt
    >>> from commissioning.cycle import CommissioningCycle, Question, cabinet_office
    >>> t = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)
    >>> c, _ = CommissioningCycle.start("meals-1", service_area="Community meals",
    ...                                 framework=cabinet_office(), at=t, actor="amira")
    >>> c, _ = c.record(Question("Who needs a hot meal?", "Residents 65+", t.date()), at=t, actor="amira")
    >>> c, _ = c.advance(at=t, actor="amira")
    >>> print(c.blockers(at=t)[1])
    step 2 'Get to know and work with your customers' needs engagement with service users and providers; none with 'service users' and 'providers'
"""

from ._cycle import CommissioningCycle, CycleRecord, CycleRecordKind, CycleStarted
from ._decommissioning import DecommissioningStatus, decommissioning_status, earliest_service_end
from ._evidence import (
    AUDIT_COMMISSION_QUESTIONS,
    CO_PRODUCTION_RUNGS,
    Contract,
    DecommissioningCase,
    DeliveryPlan,
    DeliveryRoute,
    EngagementRecord,
    Evidence,
    EvidenceKind,
    ImpactAssessment,
    ImpactMeasurement,
    ImpactObservation,
    MakeOrBuy,
    MeasureLine,
    Milestone,
    NeedsAnalysis,
    OptionConsidered,
    OutcomeLine,
    OutcomePriorities,
    ProviderNotice,
    Question,
    Replacement,
    ServiceModel,
)
from ._example import example_framework, example_history, example_lineage, example_report
from ._frameworks import (
    DecommissioningPath,
    Framework,
    Loop,
    Step,
    cabinet_office,
    ipc,
    nhs_joint,
    rcgp,
)
from ._governance import Approval, ApprovalRule, key_decision_rules
from ._lineage import InconsistentLineage, Lineage, LineageLink, lineage_problems
from ._portfolio import (
    Blocked,
    Expiry,
    Portfolio,
    StatutoryPeriod,
    default_statutory_periods,
)
from ._requirements import (
    DEFAULT_REQUIREMENTS,
    REQUIREMENT_KINDS,
    EvidenceEntry,
    Facts,
    Requirement,
)
from ._serialisation import (
    CYCLE_RECORDS_FORMAT,
    cycle_records_from_data,
    cycle_records_to_data,
)

__all__ = [
    "AUDIT_COMMISSION_QUESTIONS",
    "CO_PRODUCTION_RUNGS",
    "CYCLE_RECORDS_FORMAT",
    "DEFAULT_REQUIREMENTS",
    "REQUIREMENT_KINDS",
    "Approval",
    "ApprovalRule",
    "Blocked",
    "CommissioningCycle",
    "Contract",
    "CycleRecord",
    "CycleRecordKind",
    "CycleStarted",
    "DecommissioningCase",
    "DecommissioningPath",
    "DecommissioningStatus",
    "DeliveryPlan",
    "DeliveryRoute",
    "EngagementRecord",
    "Evidence",
    "EvidenceEntry",
    "EvidenceKind",
    "Expiry",
    "Facts",
    "Framework",
    "ImpactAssessment",
    "ImpactMeasurement",
    "ImpactObservation",
    "InconsistentLineage",
    "Lineage",
    "LineageLink",
    "Loop",
    "MakeOrBuy",
    "MeasureLine",
    "Milestone",
    "NeedsAnalysis",
    "OptionConsidered",
    "OutcomeLine",
    "OutcomePriorities",
    "Portfolio",
    "ProviderNotice",
    "Question",
    "Replacement",
    "Requirement",
    "ServiceModel",
    "StatutoryPeriod",
    "Step",
    "cabinet_office",
    "cycle_records_from_data",
    "cycle_records_to_data",
    "decommissioning_status",
    "default_statutory_periods",
    "earliest_service_end",
    "example_framework",
    "example_history",
    "example_lineage",
    "example_report",
    "ipc",
    "key_decision_rules",
    "lineage_problems",
    "nhs_joint",
    "rcgp",
]

from .._hypothesis_hook import announce as _announce

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
