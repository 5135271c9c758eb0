"""Options appraisal and policy modelling, as HM Treasury's Green Book does it.

Examples:
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
from ._plots import plot_distribution, plot_tornado
from ._scoring import CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM, Criterion, ScoreCard, ScoringScheme
from ._sensitivity import Sensitivity, SensitivityRow, SwitchingPoint, sensitivity, switching_values
from ._simulation import (
    METRICS,
    PARAMETERS,
    Distribution,
    Evaluation,
    Fixed,
    Normal,
    OptionModel,
    OptionOutcome,
    Pert,
    PolicyModel,
    Scenario,
    SimulationResult,
    Triangular,
    Uniform,
    simulate,
)
from ._social_value import SocialOutcome, SocialReturn, SocialValueTheme, TomsTheme, social_return

__all__ = [
    "CENTRAL_GOVERNMENT_SOCIAL_VALUE_MINIMUM",
    "METRICS",
    "PARAMETERS",
    "Basis",
    "Choice",
    "ChoiceOutcome",
    "Criterion",
    "DeliveryCosts",
    "DeliveryModel",
    "Dimension",
    "DiscountBand",
    "DiscountSchedule",
    "Distribution",
    "Edition",
    "Evaluation",
    "Fixed",
    "MakeOrBuyDecision",
    "Measure",
    "Mitigation",
    "Normal",
    "OptimismBias",
    "Option",
    "OptionModel",
    "OptionOutcome",
    "OptionResult",
    "OptionRole",
    "OptionsAppraisal",
    "OptionsFramework",
    "Pert",
    "PolicyModel",
    "ProjectType",
    "Scenario",
    "ScoreCard",
    "ScoringScheme",
    "Sensitivity",
    "SensitivityRow",
    "ShortList",
    "ShortListIncomplete",
    "SimulationResult",
    "SocialOutcome",
    "SocialReturn",
    "SocialValueTheme",
    "Stream",
    "SwitchingPoint",
    "SwitchingValue",
    "TomsTheme",
    "Triangular",
    "Uniform",
    "ValueForMoney",
    "appraise_options",
    "make_or_buy",
    "plot_distribution",
    "plot_tornado",
    "sensitivity",
    "simulate",
    "social_return",
    "switching_values",
]
