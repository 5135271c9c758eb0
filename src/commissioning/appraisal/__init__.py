"""Options appraisal and policy modelling, as HM Treasury's Green Book does it.

Example:
    >>> from commissioning.appraisal import DiscountSchedule
    >>> DiscountSchedule.standard().rate(31)
    Decimal('0.03')
"""

from ._appraise import Basis, OptionResult, OptionsAppraisal, SwitchingValue, appraise_options
from ._discounting import DiscountBand, DiscountSchedule, Edition, Stream, ValueForMoney
from ._make_or_buy import DeliveryCosts, DeliveryModel, MakeOrBuyDecision, make_or_buy
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
from ._scoring import CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM, Criterion, ScoreCard, ScoringScheme

__all__ = [
    "CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM",
    "Basis",
    "Choice",
    "ChoiceOutcome",
    "Criterion",
    "DeliveryCosts",
    "DeliveryModel",
    "Dimension",
    "DiscountBand",
    "DiscountSchedule",
    "Edition",
    "MakeOrBuyDecision",
    "Measure",
    "Mitigation",
    "OptimismBias",
    "Option",
    "OptionResult",
    "OptionRole",
    "OptionsAppraisal",
    "OptionsFramework",
    "ProjectType",
    "ScoreCard",
    "ScoringScheme",
    "ShortList",
    "ShortListIncomplete",
    "Stream",
    "SwitchingValue",
    "ValueForMoney",
    "appraise_options",
    "make_or_buy",
]
