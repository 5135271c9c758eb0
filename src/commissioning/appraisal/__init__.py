"""Options appraisal and policy modelling, as HM Treasury's Green Book does it.

- **Discounting**: :class:`DiscountSchedule` (standard, reduced, health,
  health reduced; inclusive bands; factors compounding through the bands),
  :class:`Stream` of exact pounds by year, :class:`ValueForMoney` (present
  values, NPSV, BCR, the edition, whether an UNCONFIRMED rate was used).
- **Optimism bias**: :class:`OptimismBias` by :class:`ProjectType` and
  :class:`BiasMeasure`, reduced only by evidenced :class:`Mitigation`.
- **Options**: the long list through :class:`OptionsFramework`, a
  :class:`ShortList` of :class:`Option` values (business as usual,
  do-minimum, preferred way forward and more), weighted scoring with a
  social value minimum (:class:`ScoringScheme`), :func:`make_or_buy`, and
  :func:`appraise_options`, whose :class:`OptionsAppraisal` names the
  preferred option and why: the commissioning cycle's options evidence.
- **Social value**: :class:`SocialOutcome` and :func:`social_return` (SROI).
- **Policy modelling**: :class:`PolicyModel` of :class:`OptionModel` values
  with uncertain inputs (:class:`Fixed`, :class:`Uniform`,
  :class:`Triangular`, :class:`Pert`, :class:`Normal`), :class:`Scenario`,
  seeded Monte Carlo :func:`simulate`, :func:`sensitivity` and
  :func:`switching_values`, with tables (pandas extra) and plots
  (:func:`plot_distribution`, :func:`plot_tornado`; matplotlib extra).

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
