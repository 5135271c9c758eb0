"""commissioning: how UK public bodies commission services, as validated, event-recorded machines.

The top level re-exports the errors and the state-machine engine; each area
has its own public module (``commissioning.machine``, ``commissioning.calendar``,
``commissioning.periods``, ``commissioning.thresholds``, ``commissioning.stakeholders``,
``commissioning.outcomes``, ``commissioning.appraisal``, ``commissioning.strategies``).

Examples:
    >>> import commissioning
    >>> issubclass(commissioning.InvalidDefinition, ValueError)
    True
"""

from ._errors import (
    CommissioningError,
    GuardRejected,
    InvalidDefinition,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    TransitionNotAllowed,
    VersionConflict,
)
from ._version import __version__
from .machine import (
    Deadline,
    Definition,
    EventRecord,
    Guard,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
    guard,
)

__all__ = [
    "CommissioningError",
    "Deadline",
    "Definition",
    "EventRecord",
    "Guard",
    "GuardRejected",
    "Instance",
    "InvalidDefinition",
    "InvalidHistory",
    "InvalidInput",
    "InvalidInputType",
    "Period",
    "Problem",
    "State",
    "Transition",
    "TransitionNotAllowed",
    "Verdict",
    "VersionConflict",
    "__version__",
    "guard",
]
