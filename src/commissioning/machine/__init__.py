"""The state-machine engine: validated definitions, pure firing, event records, replay, diagrams.

Build a :class:`Definition` from :class:`State` and :class:`Transition` values
(it is validated once, at construction), start an :class:`Instance`, and fire
events on it with the time, the actor, and optionally data and context passed
in. Each fire returns the new instance and an :class:`EventRecord`; the state
is a fold over those records (:meth:`Definition.replay`).

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
    >>> case.can_fire("plan", context={"budget": 0}).reasons
    ('[has-budget] no budget left',)
    >>> case, record = case.fire("plan", at=t, actor="commissioner", context={"budget": 1})
    >>> case.state, record.version
    ('plan', 1)
"""

from ._deadlines import Deadline, Due, Period
from ._definition import Definition, State, Transition
from ._diagrams import to_dot, to_mermaid
from ._guards import Guard, GuardRegistry, Verdict, guard
from ._instance import EventOption, EventRecord, Instance, freeze_data
from ._serialisation import (
    DEFINITION_FORMAT,
    EVENTS_FORMAT,
    FORMAT_VERSION,
    definition_from_data,
    definition_to_data,
    records_from_data,
    records_to_data,
)

__all__ = [
    "DEFINITION_FORMAT",
    "EVENTS_FORMAT",
    "FORMAT_VERSION",
    "Deadline",
    "Definition",
    "Due",
    "EventOption",
    "EventRecord",
    "Guard",
    "GuardRegistry",
    "Instance",
    "Period",
    "State",
    "Transition",
    "Verdict",
    "definition_from_data",
    "definition_to_data",
    "freeze_data",
    "guard",
    "records_from_data",
    "records_to_data",
    "to_dot",
    "to_mermaid",
]

from .._hypothesis_hook import announce as _announce

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
