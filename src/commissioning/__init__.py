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
    Reason,
    TransitionNotAllowed,
    VersionConflict,
)
from ._public import public_module as _public_module
from ._version import __version__
from .machine import (
    Deadline,
    Definition,
    EventOption,
    EventRecord,
    Guard,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
    guard,
    record_from_data,
    record_to_data,
    records_from_data,
    records_to_data,
)

_public_module(
    __name__,
    CommissioningError,
    GuardRejected,
    InvalidDefinition,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    Reason,
    TransitionNotAllowed,
    VersionConflict,
)

__all__ = [
    "CommissioningError",
    "Deadline",
    "Definition",
    "EventOption",
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
    "Reason",
    "State",
    "Transition",
    "TransitionNotAllowed",
    "Verdict",
    "VersionConflict",
    "__version__",
    "guard",
    "record_from_data",
    "record_to_data",
    "records_from_data",
    "records_to_data",
]
