"""Statutory periods, exact to the day: standstills, minimum time limits and notice deadlines.

Every function takes keyword arguments and returns a value stating the period's
first and last day, the earliest permitted next action and the rule applied
(regime and section), or a value saying that no period applies and why.
Where the law is ambiguous the cautious reading is the default and a keyword
chooses the other.

Example:
    >>> import pendulum
    >>> from commissioning.periods import pa_standstill
    >>> pa_standstill(published_on=pendulum.Date(2026, 12, 21)).may_enter_contract_from
    Date(2027, 1, 6)
"""

from ._limits import (
    pa_participation_period,
    pa_tendering_period,
    pcr_open_procedure_time_limit,
    pcr_restricted_procedure_time_limit,
    qualifying_planned_procurement_notice,
)
from ._notices import (
    CONTRACT_COPY_THRESHOLD,
    PIPELINE_SPEND_THRESHOLD,
    pa_contract_copy_deadline,
    pa_contract_details_deadline,
    pa_payments_compliance_deadline,
    pa_performance_assessment_due,
    pa_performance_notice_deadline,
    pa_pipeline_notice_window,
    pa_termination_notice_deadline,
)
from ._other_notices import (
    pa_payments_notice_deadline,
    pcr_contract_award_notice_deadline,
    psr_award_notice_deadline,
)
from ._results import (
    NoStandstill,
    NoticeDeadline,
    NoTimeLimit,
    NotRequired,
    Stage,
    Standstill,
    StandstillBasis,
    TimeLimit,
    TimeLimitRow,
)
from ._standstill import (
    PA_STANDSTILL_WORKING_DAYS,
    StandstillExemption,
    pa_standstill,
    pcr_standstill,
    psr_standstill,
)

__all__ = [
    "CONTRACT_COPY_THRESHOLD",
    "PA_STANDSTILL_WORKING_DAYS",
    "PIPELINE_SPEND_THRESHOLD",
    "NoStandstill",
    "NoTimeLimit",
    "NotRequired",
    "NoticeDeadline",
    "Stage",
    "Standstill",
    "StandstillBasis",
    "StandstillExemption",
    "TimeLimit",
    "TimeLimitRow",
    "pa_contract_copy_deadline",
    "pa_contract_details_deadline",
    "pa_participation_period",
    "pa_payments_compliance_deadline",
    "pa_payments_notice_deadline",
    "pa_performance_assessment_due",
    "pa_performance_notice_deadline",
    "pa_pipeline_notice_window",
    "pa_standstill",
    "pa_tendering_period",
    "pa_termination_notice_deadline",
    "pcr_contract_award_notice_deadline",
    "pcr_open_procedure_time_limit",
    "pcr_restricted_procedure_time_limit",
    "pcr_standstill",
    "psr_award_notice_deadline",
    "psr_standstill",
    "qualifying_planned_procurement_notice",
]

from .._hypothesis_hook import announce as _announce

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
