"""Procurement thresholds as dated data, regime selection and the below-threshold notice duty.

The amounts (VAT-inclusive, exact ``Decimal`` pounds) are looked up by contract
type, authority type and the procurement's commencement day; the regime follows
the commencement day (Procurement Act 2023 from 24 February 2025, PCR 2015
from 26 February 2015; the tables go back to then). Add a table when the amounts change: [`ThresholdSchedule.with_table`][commissioning.thresholds.ThresholdSchedule.with_table].

Example:
    >>> import pendulum
    >>> from commissioning.thresholds import AuthorityType, ContractType, assess_threshold
    >>> assess_threshold(value_including_vat="180000", contract_type=ContractType.SERVICES,
    ...     authority=AuthorityType.CENTRAL_GOVERNMENT, commenced_on=pendulum.Date(2026, 2, 1)).above_threshold
    True
"""

from ._thresholds import (
    BELOW_THRESHOLD_NOTICE_CENTRAL,
    BELOW_THRESHOLD_NOTICE_OTHER,
    PA_COMMENCEMENT,
    PCR_2015_COMMENCEMENT,
    STATUTORY_THRESHOLDS,
    AuthorityType,
    ContractType,
    Regime,
    Threshold,
    ThresholdAssessment,
    ThresholdCategory,
    ThresholdNotFound,
    ThresholdSchedule,
    ThresholdTable,
    assess_threshold,
    below_threshold_notice_required,
    regime_for,
    threshold_category,
)

__all__ = [
    "BELOW_THRESHOLD_NOTICE_CENTRAL",
    "BELOW_THRESHOLD_NOTICE_OTHER",
    "PA_COMMENCEMENT",
    "PCR_2015_COMMENCEMENT",
    "STATUTORY_THRESHOLDS",
    "AuthorityType",
    "ContractType",
    "Regime",
    "Threshold",
    "ThresholdAssessment",
    "ThresholdCategory",
    "ThresholdNotFound",
    "ThresholdSchedule",
    "ThresholdTable",
    "assess_threshold",
    "below_threshold_notice_required",
    "regime_for",
    "threshold_category",
]

from .._hypothesis_hook import announce as _announce

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
