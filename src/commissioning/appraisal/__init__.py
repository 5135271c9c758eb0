"""Options appraisal and policy modelling, as HM Treasury's Green Book does it.

- **Discounting**: [`DiscountSchedule`][commissioning.appraisal.DiscountSchedule] (standard, reduced, health,
  health reduced; inclusive bands; factors compounding through the bands),
  [`Stream`][commissioning.appraisal.Stream] of exact pounds by year, [`ValueForMoney`][commissioning.appraisal.ValueForMoney] (present
  values, NPSV, BCR, the edition, whether an UNCONFIRMED rate was used).
- **Optimism bias**: [`OptimismBias`][commissioning.appraisal.OptimismBias] by [`ProjectType`][commissioning.appraisal.ProjectType] and
  [`BiasMeasure`][commissioning.appraisal.BiasMeasure], reduced only by evidenced [`Mitigation`][commissioning.appraisal.Mitigation].
- **Options**: the long list through [`OptionsFramework`][commissioning.appraisal.OptionsFramework], a
  [`ShortList`][commissioning.appraisal.ShortList] of [`Option`][commissioning.appraisal.Option] values (business as usual,
  do-minimum, preferred way forward and more), weighted scoring with a
  social value minimum ([`ScoringScheme`][commissioning.appraisal.ScoringScheme]), [`make_or_buy`][commissioning.appraisal.make_or_buy], and
  [`appraise_options`][commissioning.appraisal.appraise_options], whose [`OptionsAppraisal`][commissioning.appraisal.OptionsAppraisal] names the
  preferred option and why: the commissioning cycle's options evidence.
- **Social value**: [`SocialOutcome`][commissioning.appraisal.SocialOutcome] and [`social_return`][commissioning.appraisal.social_return] (SROI).
- **Policy modelling**: [`PolicyModel`][commissioning.appraisal.PolicyModel] of [`OptionModel`][commissioning.appraisal.OptionModel] values
  with uncertain inputs ([`Fixed`][commissioning.appraisal.Fixed], [`Uniform`][commissioning.appraisal.Uniform],
  [`Triangular`][commissioning.appraisal.Triangular], [`Pert`][commissioning.appraisal.Pert], [`Normal`][commissioning.appraisal.Normal]), [`Scenario`][commissioning.appraisal.Scenario],
  seeded Monte Carlo [`simulate`][commissioning.appraisal.simulate], [`sensitivity`][commissioning.appraisal.sensitivity] and
  [`switching_values`][commissioning.appraisal.switching_values], with tables (pandas extra) and plots
  ([`plot_distribution`][commissioning.appraisal.plot_distribution], [`plot_tornado`][commissioning.appraisal.plot_tornado]; matplotlib extra).

Examples:
    >>> from commissioning.appraisal import DiscountSchedule, ShortList, appraise_options
    >>> DiscountSchedule.standard().rate(31)
    Decimal('0.03')
    >>> appraise_options(ShortList.example()).preferred
    'in-house reablement'
"""

from .._hypothesis_hook import announce as _announce
from .._public import public_module as _public_module
from ._appraise import Basis, OptionResult, OptionsAppraisal, SwitchingValue, appraise_options
from ._discounting import DiscountBand, DiscountSchedule, Edition, Stream, ValueForMoney
from ._make_or_buy import DeliveryCosts, DeliveryModel, MakeOrBuyDecision, make_or_buy
from ._optimism_bias import BiasMeasure, Mitigation, OptimismBias, ProjectType
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
    "BiasMeasure",
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

# Public classes show the module users import them from.
_public_module(
    "commissioning.appraisal",
    *(v for k, v in list(globals().items()) if k in __all__ and isinstance(v, type)),
)

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
