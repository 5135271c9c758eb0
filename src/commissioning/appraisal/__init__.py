"""Options appraisal and policy modelling, as HM Treasury's Green Book does it.

Example:
    >>> from commissioning.appraisal import DiscountSchedule
    >>> DiscountSchedule.standard().rate(31)
    Decimal('0.03')
"""

from ._discounting import DiscountBand, DiscountSchedule, Edition, Stream, ValueForMoney
from ._optimism_bias import Measure, Mitigation, OptimismBias, ProjectType
from ._options import (
    Choice,
    ChoiceOutcome,
    Dimension,
    Option,
    OptionRole,
    OptionsFramework,
    ShortList,
    ShortListIncomplete,
)

__all__ = [
    "Choice",
    "ChoiceOutcome",
    "Dimension",
    "DiscountBand",
    "DiscountSchedule",
    "Edition",
    "Measure",
    "Mitigation",
    "OptimismBias",
    "Option",
    "OptionRole",
    "OptionsFramework",
    "ProjectType",
    "ShortList",
    "ShortListIncomplete",
    "Stream",
    "ValueForMoney",
]
