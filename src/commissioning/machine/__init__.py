"""The state-machine engine: validated definitions, pure firing, event records, replay, diagrams.

Build a [`Definition`][commissioning.machine.Definition] from [`State`][commissioning.machine.State] and [`Transition`][commissioning.machine.Transition] values
(it is validated once, at construction), start an [`Instance`][commissioning.machine.Instance], and fire
events on it with the time, the actor, and optionally data and context passed
in. Each fire returns the new instance and its records (a tuple of one
[`EventRecord`][commissioning.machine.EventRecord]); the state is a fold over those records
([`Instance.replay`][commissioning.machine.Instance.replay], [`Definition.replay`][commissioning.machine.Definition.replay]), and ``instance.history``
holds them all.

Examples:
    >>> import datetime as dt
    >>> from commissioning.machine import Definition, State, Transition, Verdict, guard
    >>> @guard("has-budget")
    ... def has_budget(context, data):
    ...     return Verdict.allow() if context["budget"] > 0 else Verdict.deny("no budget left")
    >>> meals = Definition(
    ...     "meals",
    ...     states=[State("analyse", initial=True), State("plan"), State("stopped", final=True)],
    ...     transitions=[
    ...         Transition("analyse", "plan", "plan", guards=[has_budget]),
    ...         Transition(("analyse", "plan"), "stop", "stopped"),
    ...     ],
    ... )
    >>> t = dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)
    >>> case = meals.start("meals-2026", at=t)
    >>> [str(r) for r in case.can("plan", at=t, context={"budget": 0}).reasons]
    ['[has-budget] no budget left']
    >>> case, (record,) = case.fire("plan", at=t, actor="commissioner", context={"budget": 1})
    >>> case.state, record.version, case.history == (record,)
    ('plan', 1, True)
"""

from .._aggregate import Aggregate
from .._errors import Reason
from .._public import public_module as _public_module
from .._schemas import json_schema
from ._deadlines import Deadline, Due, Period
from ._definition import Definition, State, Transition
from ._diagrams import to_dot, to_mermaid
from ._guards import Guard, GuardRegistry, Verdict, guard
from ._instance import (
    MAX_DATA_DEPTH,
    MAX_DATA_ITEMS,
    EventOption,
    EventRecord,
    Instance,
    freeze_data,
)
from ._serialisation import (
    DEFINITION_FORMAT,
    EVENTS_FORMAT,
    EVENTS_FORMAT_VERSION,
    FORMAT_VERSION,
    RECORD_FORMAT,
    RECORD_FORMAT_VERSION,
    definition_from_data,
    definition_to_data,
    record_from_data,
    record_to_data,
    records_from_data,
    records_to_data,
)

_public_module(
    __name__,
    Aggregate,
    Deadline,
    Definition,
    Due,
    EventOption,
    EventRecord,
    Guard,
    GuardRegistry,
    Instance,
    Period,
    State,
    Transition,
    Verdict,
)

__all__ = [
    "DEFINITION_FORMAT",
    "EVENTS_FORMAT",
    "EVENTS_FORMAT_VERSION",
    "FORMAT_VERSION",
    "MAX_DATA_DEPTH",
    "MAX_DATA_ITEMS",
    "RECORD_FORMAT",
    "RECORD_FORMAT_VERSION",
    "Aggregate",
    "Deadline",
    "Definition",
    "Due",
    "EventOption",
    "EventRecord",
    "Guard",
    "GuardRegistry",
    "Instance",
    "Period",
    "Reason",
    "State",
    "Transition",
    "Verdict",
    "definition_from_data",
    "definition_to_data",
    "freeze_data",
    "guard",
    "json_schema",
    "record_from_data",
    "record_to_data",
    "records_from_data",
    "records_to_data",
    "to_dot",
    "to_mermaid",
]

from .._hypothesis_hook import announce as _announce  # noqa: E402 - last: the types exist by now

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
