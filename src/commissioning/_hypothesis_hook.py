"""Hypothesis entry point: make ``st.from_type(T)`` work for this library's types, cheaply.

Hypothesis runs `_hypothesis_setup_hook` whenever anything imports
``hypothesis`` (the ``hypothesis`` entry point in ``pyproject.toml``), in every
project of an environment where this library is installed, so the hook must cost
next to nothing. It imports no strategies and no area of the library: for each
domain type whose module is already imported it registers a function that
Hypothesis calls only when it resolves ``st.from_type(T)``, and that function
imports [`commissioning.strategies`][commissioning.strategies] (which registers the real strategy for
every type, replacing these) and returns the real one. Each public package calls
`announce` as its last statement, so types imported after Hypothesis are
registered the same way.

Kept apart from ``commissioning.strategies`` so that the hook can be loaded
while either module is still importing the other.
"""

from __future__ import annotations

import sys
from typing import Any

#: Every domain type ``commissioning.strategies`` registers, by its ``__module__`` (the public
#: package where a class says it lives, else the module that defines it). A test checks this
#: table against the strategies' own registrations, so a moved or new type is noticed.
REGISTERED_TYPES: dict[str, tuple[str, ...]] = {
    "commissioning.appraisal._appraise": ("OptionResult", "OptionsAppraisal", "SwitchingValue"),
    "commissioning.appraisal._discounting": (
        "DiscountBand",
        "DiscountSchedule",
        "Stream",
        "ValueForMoney",
    ),
    "commissioning.appraisal._make_or_buy": ("DeliveryCosts", "MakeOrBuyDecision"),
    "commissioning.appraisal._optimism_bias": ("Mitigation", "OptimismBias"),
    "commissioning.appraisal._options": ("Choice", "Option", "OptionsFramework", "ShortList"),
    "commissioning.appraisal._scoring": ("Criterion", "ScoreCard", "ScoringScheme"),
    "commissioning.appraisal._sensitivity": ("Sensitivity", "SensitivityRow", "SwitchingPoint"),
    "commissioning.appraisal._simulation": (
        "Distribution",
        "Evaluation",
        "Fixed",
        "Normal",
        "OptionModel",
        "OptionOutcome",
        "Pert",
        "PolicyModel",
        "Scenario",
        "SimulationResult",
        "Triangular",
        "Uniform",
    ),
    "commissioning.appraisal._social_value": ("SocialOutcome", "SocialReturn"),
    "commissioning.calendar._calendar": ("WorkingDayCalendar",),
    "commissioning.cycle": (
        "ApprovalRule",
        "CommissioningCycle",
        "Contract",
        "DeliveryPlan",
        "EngagementRecord",
        "Framework",
        "ImpactMeasurement",
        "MakeOrBuy",
        "NeedsAnalysis",
        "OutcomePriorities",
        "Question",
        "Requirement",
    ),
    "commissioning.machine": (
        "Deadline",
        "Definition",
        "EventOption",
        "EventRecord",
        "Guard",
        "Instance",
        "Period",
        "State",
        "Transition",
        "Verdict",
    ),
    "commissioning.outcomes._framework": ("Outcome", "OutcomeFramework"),
    "commissioning.outcomes._indigo": ("IndigoProject",),
    "commissioning.outcomes._judgements": ("RatingBands",),
    "commissioning.outcomes._kpis": ("ContractKpis",),
    "commissioning.outcomes._logic_model": ("LogicModel",),
    "commissioning.outcomes._measures": ("Baseline", "Measure", "Target", "Tolerance"),
    "commissioning.outcomes._observations": ("Observation", "ObservationLog"),
    "commissioning.outcomes._payments": ("OutcomeMetric", "OutcomePayment", "OutcomesContract"),
    "commissioning.outcomes._periods": ("ReportingPeriod",),
    "commissioning.periods._results": (
        "NoStandstill",
        "NoTimeLimit",
        "NotRequired",
        "NoticeDeadline",
        "Standstill",
        "TimeLimit",
        "TimeLimitRow",
    ),
    "commissioning.procurement._facts": ("ProcurementFacts",),
    "commissioning.procurement._lots": ("Lot",),
    "commissioning.procurement._procurement": ("Procurement",),
    "commissioning.stakeholders": (
        "Engagement",
        "EngagementPlan",
        "Relationship",
        "Stakeholder",
        "StakeholderMap",
        "Thresholds",
    ),
    "commissioning.thresholds._thresholds": (
        "Threshold",
        "ThresholdAssessment",
        "ThresholdSchedule",
        "ThresholdTable",
    ),
}

_state = {"active": False}
_registered: set[str] = set()
_lazy: set[type] = set()


def _hypothesis_setup_hook() -> None:
    """Register every domain type already imported, lazily; each area registers its own on import."""
    _state["active"] = True
    announce("commissioning")


def announce(package: str) -> None:
    """Register the imported types of ``package`` lazily with Hypothesis. Internal.

    Does nothing unless Hypothesis has run this library's plugin (so a program that
    never imports Hypothesis never imports it because of this library).
    """
    if not _state["active"]:
        return
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is running: already imported

    prefix = package + "."
    for module_name, names in REGISTERED_TYPES.items():
        if module_name in _registered or not (
            module_name == package or module_name.startswith(prefix)
        ):
            continue
        module = sys.modules.get(module_name)
        if module is None:
            continue
        for name in names:
            cls = getattr(module, name, None)
            if isinstance(cls, type) and cls not in _registry():
                # A function, not a strategy: Hypothesis calls it only when from_type(cls)
                # is resolved, and a strategy would be resolved (to check it is not empty)
                # as soon as it is registered.
                st.register_type_strategy(cls, _resolve)
                _lazy.add(cls)
        _registered.add(module_name)


def _resolve(cls: type) -> Any:
    """The real strategy for ``cls``: imports [`commissioning.strategies`][commissioning.strategies], which registers it."""
    from hypothesis import strategies as st  # noqa: PLC0415 - only when a value is drawn

    import commissioning.strategies  # noqa: F401, PLC0415 - registers the real strategies

    if cls in _lazy and _still_lazy(cls):  # a type the strategies do not register: say so
        msg = f"commissioning.strategies registers no strategy for {cls.__qualname__}"
        raise TypeError(msg)
    return st.from_type(cls)


def _still_lazy(cls: type) -> bool:
    return _registry().get(cls) is _resolve


def _registry() -> dict[Any, Any]:
    """Hypothesis's table of registered types (private to it: read, never written, here)."""
    try:
        from hypothesis.strategies._internal.types import (  # noqa: PLC0415 - a check only
            _global_type_lookup,
        )
    except ImportError:  # pragma: no cover - a Hypothesis that moved it: skip the checks
        return {}
    return _global_type_lookup
