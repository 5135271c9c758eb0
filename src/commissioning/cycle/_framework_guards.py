"""The names a framework's machine uses, and the guards that read a cycle's facts.

The events and reserved states every framework's machine has (``advance``,
``procure``, ``procuring``, the decommissioning stages...), and the guard
functions: each missing piece of evidence or approval is a
[`Reason`][commissioning.machine.Reason] whose ``rule`` names the step and the
requirement. Internal: `._frameworks` builds the machine from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InvalidInput
from ..machine import Reason, Verdict
from ._evidence import (
    Contract,
    DecommissioningCase,
    DeliveryPlan,
    DeliveryRoute,
    EngagementRecord,
    ImpactAssessment,
    ImpactMeasurement,
    MakeOrBuy,
    NeedsAnalysis,
    OutcomePriorities,
    ProviderNotice,
    Question,
    Replacement,
    ServiceModel,
)
from ._governance import ApprovalRule, missing_approvals
from ._requirements import (
    Facts,
    Requirement,
    RequirementCheck,
    missing,
)

__all__ = [
    "ADVANCE",
    "CARRY_OUT",
    "CARRY_OUT_DECOMMISSIONING",
    "COMPLETE_DECOMMISSIONING",
    "CONCLUDE",
    "CONCLUDED",
    "DECIDE",
    "DECOMMISSION",
    "DECOMMISSIONED",
    "DEFAULT_CONTRACT_STATES",
    "PLAN",
    "PLAN_DECOMMISSIONING",
    "PROCURE",
    "PROCURING",
    "RECONSIDER",
    "RESERVED_STATES",
    "STAGE_LABELS",
    "STAGE_TITLES",
]

ADVANCE = "advance"
CONCLUDE = "conclude"
PROCURE = "procure"
DECOMMISSION = "decommission"
RECONSIDER = "reconsider"
PLAN_DECOMMISSIONING = "plan-decommissioning"
CARRY_OUT_DECOMMISSIONING = "carry-out-decommissioning"
COMPLETE_DECOMMISSIONING = "complete-decommissioning"

PROCURING = "procuring"
CONCLUDED = "concluded"
DECIDE = "decommission-decide"
PLAN = "decommission-plan"
CARRY_OUT = "decommission-carry-out"
DECOMMISSIONED = "decommissioned"
RESERVED_STATES = frozenset({PROCURING, CONCLUDED, DECIDE, PLAN, CARRY_OUT, DECOMMISSIONED})
STAGE_TITLES = MappingProxyType(
    {
        DECIDE: "Decommissioning: decide",
        PLAN: "Decommissioning: plan",
        CARRY_OUT: "Decommissioning: carry out",
    }
)

STAGE_LABELS = MappingProxyType(
    {
        DECIDE: "decommissioning stage 'decide'",
        PLAN: "decommissioning stage 'plan'",
        CARRY_OUT: "decommissioning stage 'carry out'",
    }
)

#: States of procurement procedure machines that mean "the contract is entered into" and
#: still runs: ``commissioning.procurement``'s ``mobilisation`` and ``delivery``, and
#: ``contract-entered-into`` for users' own procedure machines. Configurable per framework.
DEFAULT_CONTRACT_STATES = frozenset({"mobilisation", "delivery", "contract-entered-into"})

_EVIDENCE_OF_KIND: Mapping[str, tuple[type, ...]] = MappingProxyType(
    {
        "question": (Question,),
        "needs-analysis": (NeedsAnalysis,),
        "engagement": (EngagementRecord,),
        "outcomes": (OutcomePriorities,),
        "outcome-priorities": (OutcomePriorities,),
        "outcome-baselines": (OutcomePriorities,),
        "service-model": (ServiceModel,),
        "options": (ServiceModel,),
        "make-or-buy": (MakeOrBuy,),
        "delivery-plan": (DeliveryPlan,),
        "contract": (Contract,),
        "impact": (ImpactMeasurement,),
        "lessons": (ImpactMeasurement,),
        "decommissioning-case": (DecommissioningCase,),
        "impact-assessment": (ImpactAssessment,),
        "provider-notices": (ProviderNotice, DecommissioningCase),
        "replacement": (Replacement,),
    }
)


# ----------------------------------------------------------------------------- guards


def _facts(context: Any) -> Facts:
    if not isinstance(context, Facts):
        raise InvalidInput.of(
            "context",
            "the cycle's Facts (fire cycle events through CommissioningCycle)",
            context,
        )
    return context


@attrs.frozen
class _EvidenceCheck:
    """Each missing piece of evidence as a [`Reason`][commissioning.machine.Reason] whose rule is ``step/kind``."""

    stage: str
    label: str
    requires: tuple[Requirement, ...]
    checks: tuple[tuple[str, RequirementCheck], ...]

    def __call__(self, context: Any, data: Mapping[str, Any]) -> Verdict:
        facts = _facts(context)
        functions = dict(self.checks)
        return Verdict.from_reasons(
            Reason(f"{self.stage}/{req.kind}", f"{self.label} {m}")
            for req in self.requires
            for m in missing((req,), facts, checks=functions)
        )


@attrs.frozen
class _ApprovalCheck:
    label: str
    step: str
    rules: tuple[ApprovalRule, ...]
    kinds: tuple[type, ...]

    def __call__(self, context: Any, data: Mapping[str, Any]) -> Verdict:
        found = missing_approvals(self.step, self.rules, _facts(context), evidence_kinds=self.kinds)
        return Verdict.from_reasons(
            Reason(f"{self.step}/approval", f"{self.label} {m}") for m in found
        )


@attrs.frozen
class _RouteCheck:
    """How the make-or-buy decision lets the cycle leave the decision step."""

    mode: str  # "deliver", "procure", "decommission"
    label: str
    contract_needs_procedure: bool

    def __call__(self, context: Any, data: Mapping[str, Any]) -> Verdict:
        facts = _facts(context)
        decision: MakeOrBuy | None = facts.latest(MakeOrBuy)
        if decision is None:
            return Verdict.deny(
                f"{self.label} cannot choose a route without a make-or-buy decision"
            )
        route = decision.route
        if self.mode == "decommission":
            if route is DeliveryRoute.DECOMMISSION:
                return Verdict.allow()
            return Verdict.deny(
                f"the make-or-buy decision is {route.value!r}: decommissioning needs a "
                "decision to decommission, with its rationale"
            )
        if route is DeliveryRoute.DECOMMISSION:
            return Verdict.deny(
                f"the make-or-buy decision is to decommission: fire {DECOMMISSION!r} instead"
            )
        if self.mode == "procure":
            if route.needs_contract:
                return Verdict.allow()
            return Verdict.deny(
                f"the make-or-buy decision is {route.value!r}: there is nothing to procure"
            )
        if not route.needs_contract:
            return Verdict.allow()
        if self.contract_needs_procedure:
            return Verdict.deny(
                "the make-or-buy decision is external procurement: the cycle cannot reach "
                f"delivery until the contract is entered into; fire {PROCURE!r} to run the procedure"
            )
        if facts.latest(Contract) is None:
            return Verdict.deny(
                "the make-or-buy decision is external procurement: the cycle cannot reach "
                "delivery until the contract is entered into (no contract is recorded)"
            )
        return Verdict.allow()


@attrs.frozen
class _ContractCheck:
    contract_states: frozenset[str]

    def __call__(self, context: Any, data: Mapping[str, Any]) -> Verdict:
        facts = _facts(context)
        reasons = []
        child = facts.child
        if child is None:
            reasons.append("no procurement procedure is running")
        elif child.state not in self.contract_states:
            reasons.append(
                f"the procurement ({child.definition.name!r}) is in state {child.state!r}, "
                f"not a contract state ({', '.join(sorted(self.contract_states))}): the cycle "
                "cannot reach delivery until the contract is entered into"
            )
        if facts.latest(Contract) is None:
            reasons.append(
                "the cycle cannot reach delivery until the contract entered into is recorded "
                "(record a Contract)"
            )
        return Verdict.from_reasons(reasons)


@attrs.frozen
class _ServiceEndedCheck:
    def __call__(self, context: Any, data: Mapping[str, Any]) -> Verdict:
        facts = _facts(context)
        notices: tuple[ProviderNotice, ...] = facts.all(ProviderNotice)
        if not notices:
            return Verdict.deny("no provider notice is recorded")
        last = max(n.service_ends_on for n in notices)
        today = facts.at.date()
        if today < last:
            return Verdict.deny(
                f"the service runs until {last} under the notice given; it can be recorded as "
                f"decommissioned from that day (today is {today})"
            )
        return Verdict.allow()


def _kinds_for(requires: Iterable[Requirement]) -> tuple[type, ...]:
    out: list[type] = [MakeOrBuy, Question]
    for r in requires:
        out.extend(_EVIDENCE_OF_KIND.get(r.kind, ()))
    return tuple(dict.fromkeys(out))
