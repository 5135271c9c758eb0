"""The commissioning cycle: frameworks as data, evidence-driven steps, decisions, iteration, portfolio.

A [`Framework`][commissioning.cycle.Framework] (the Cabinet Office six steps by default; the IPC, NHS
joint and RCGP cycles; or your own, written as data) compiles to a validated
machine. UNCONFIRMED: the attribution of the six questions to the Cabinet
Office Commissioning Academy rests on a 2019 secondary review, and the
attribution of the RCGP cycle to the Royal College of GPs could not be
confirmed from a primary source (statute review O5).

A [`CommissioningCycle`][commissioning.cycle.CommissioningCycle] runs a service area through it: typed, dated
evidence records ([`Question`][commissioning.cycle.Question], [`NeedsAnalysis`][commissioning.cycle.NeedsAnalysis],
[`EngagementRecord`][commissioning.cycle.EngagementRecord], [`OutcomePriorities`][commissioning.cycle.OutcomePriorities], [`ServiceModel`][commissioning.cycle.ServiceModel],
[`MakeOrBuy`][commissioning.cycle.MakeOrBuy], [`DeliveryPlan`][commissioning.cycle.DeliveryPlan], [`Contract`][commissioning.cycle.Contract],
[`ImpactMeasurement`][commissioning.cycle.ImpactMeasurement], and the decommissioning records), approvals by
named roles ([`Approval`][commissioning.cycle.Approval], [`ApprovalRule`][commissioning.cycle.ApprovalRule]), the procurement as a
child machine, and guards that say precisely what is missing (as
[`Reason`][commissioning.machine.Reason] values whose rule is ``step/requirement``).

The cycle follows the library's one aggregate protocol: [`CommissioningCycle.start`][commissioning.cycle.CommissioningCycle.start]
and every command take ``at``, ``actor`` and ``expected_version`` and return
``(new cycle, records)``; its ``history`` is a tuple of
[`EventRecord`][commissioning.machine.EventRecord]; [`CommissioningCycle.replay`][commissioning.cycle.CommissioningCycle.replay] rebuilds
it from those records alone, [`as_of`][commissioning.cycle.CommissioningCycle.as_of] shows it as it
was, and ``to_data``/``from_data`` store it (format ``commissioning.cycle``).
Concluded cycles start the next one ([`CommissioningCycle.next_cycle`][commissioning.cycle.CommissioningCycle.next_cycle],
[`Lineage`][commissioning.cycle.Lineage]); [`Portfolio`][commissioning.cycle.Portfolio] looks across many.

Facts: the docs' Sources page (frameworks, decommissioning, make-or-buy).

Examples:
    >>> import datetime as dt
    >>> from commissioning.cycle import CommissioningCycle, Question, cabinet_office
    >>> t = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)
    >>> c, _ = CommissioningCycle.start("meals-1", service_area="Community meals",
    ...                                 framework=cabinet_office(), at=t, actor="amira")
    >>> c, _ = c.record(Question("Who needs a hot meal?", "Residents 65+", t.date()), at=t, actor="amira")
    >>> c, (record,) = c.advance(at=t, actor="amira", expected_version=2)
    >>> print(c.blockers(at=t)[1])
    [customers/engagement] step 2 'Get to know and work with your customers' needs engagement with service users and providers; none with 'service users' and 'providers'
    >>> CommissioningCycle.from_data(c.to_data()) == c
    True
"""

from .._public import public_module as _public_module
from ._builtin_frameworks import cabinet_office, ipc, nhs_joint, rcgp
from ._cycle import CYCLE_FORMAT, CYCLE_FORMAT_VERSION, CommissioningCycle
from ._decommissioning import (
    DecommissioningStage,
    DecommissioningStatus,
    decommissioning_status,
    earliest_service_end,
)
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
    evidence_from_data,
)
from ._example import example_framework, example_history, example_lineage, example_report
from ._frameworks import DecommissioningPath, Framework, Loop, Step
from ._governance import Approval, ApprovalRule, key_decision_rules
from ._lineage import InconsistentLineage, Lineage, LineageLink, lineage_problems
from ._portfolio import (
    Blocked,
    Expiry,
    ExpiryStatus,
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

__all__ = [
    "AUDIT_COMMISSION_QUESTIONS",
    "CO_PRODUCTION_RUNGS",
    "CYCLE_FORMAT",
    "CYCLE_FORMAT_VERSION",
    "DEFAULT_REQUIREMENTS",
    "REQUIREMENT_KINDS",
    "Approval",
    "ApprovalRule",
    "Blocked",
    "CommissioningCycle",
    "Contract",
    "DecommissioningCase",
    "DecommissioningPath",
    "DecommissioningStage",
    "DecommissioningStatus",
    "DeliveryPlan",
    "DeliveryRoute",
    "EngagementRecord",
    "Evidence",
    "EvidenceEntry",
    "EvidenceKind",
    "Expiry",
    "ExpiryStatus",
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
    "decommissioning_status",
    "default_statutory_periods",
    "earliest_service_end",
    "evidence_from_data",
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

_public_module(
    __name__,
    *(v for k, v in list(globals().items()) if k in __all__ and isinstance(v, type)),
)

from .._hypothesis_hook import announce as _announce  # noqa: E402 - after the public names are set

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
