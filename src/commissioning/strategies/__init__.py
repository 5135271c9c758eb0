"""Public Hypothesis strategies for every domain type, for users' property-based tests.

Needs the ``hypothesis`` extra (``pip install commissioning[hypothesis]``).
Importing this module registers a strategy for each public domain type, so
``st.from_type(T)`` works; the ``hypothesis`` entry point does the same when
Hypothesis starts, so users need not import it first.

Names follow Hypothesis's API style guide: plural, keyword-only arguments,
strategies accepted where values could vary.

The ``stored_*`` strategies generate the documents the library's exporters
write, and [`hostile_edits`][commissioning.strategies.hostile_edits] and [`json_values`][commissioning.strategies.json_values] turn them into hostile
input, so that embedders can fuzz their own loaders with the library's help.
"""

from . import (
    _appraisal,
    _calendar,
    _cycle,
    _machine,
    _outcomes,
    _procurement,
    _stakeholders,
    _stored,
)
from ._appraisal import *  # noqa: F403 - the public names are each area's __all__
from ._calendar import *  # noqa: F403
from ._cycle import *  # noqa: F403
from ._machine import *  # noqa: F403
from ._outcomes import *  # noqa: F403
from ._procurement import *  # noqa: F403
from ._stakeholders import *  # noqa: F403
from ._stored import *  # noqa: F403

__all__ = sorted(  # noqa: PLE0605 - a sorted list, built from the areas
    {
        *_appraisal.__all__,
        *_calendar.__all__,
        *_cycle.__all__,
        *_machine.__all__,
        *_outcomes.__all__,
        *_procurement.__all__,
        *_stakeholders.__all__,
        *_stored.__all__,
    }
)
