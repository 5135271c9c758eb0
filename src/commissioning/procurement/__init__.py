"""Procurement procedures as validated machines: Procurement Act 2023, PCR 2015 and PSR.

A [`Procurement`][commissioning.procurement.Procurement] holds its [`ProcurementFacts`][commissioning.procurement.ProcurementFacts], the
[`Procedure`][commissioning.procurement.Procedure] it follows (a machine on [`commissioning.machine`][commissioning.machine]), and
its event records. Notices UK1-UK17 are [`NoticeType`][commissioning.procurement.NoticeType] values; publishing
one is an event with its date and content, and guards enforce each rule,
naming it ([`Rule`][commissioning.procurement.Rule]) and the dates when they refuse. Every date comes
from [`commissioning.periods`][commissioning.periods].

Examples:
    >>> import datetime as dt, pendulum
    >>> from commissioning.procurement import Procurement, ProcurementFacts
    >>> from commissioning.thresholds import AuthorityType, ContractType
    >>> facts = ProcurementFacts(title="Meals on wheels", buyer="Anytown Council",
    ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
    ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
    >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> p, _ = Procurement.start("meals-2026", facts=facts, procedure="pa-open", at=t, actor="ann")
    >>> p, _ = p.act("assess_conflicts", at=t, actor="ann")
    >>> tuple(map(str, p.can("publish_UK4", at=t, data={"tender_deadline": "2026-03-20"}).reasons))
    ('[pa-s54-tendering-period] Procurement Act 2023 s.54(4): tender_deadline Fri 20 Mar 2026 is too early: invited on Mon 2 Mar 2026, the minimum is 25 days (electronic submission, all documents at once), so the earliest deadline is Fri 27 Mar 2026',)
"""

from .._public import public_module as _public_module
from ._authority import authority_obligations, first_reporting_period, reporting_period_ending
from ._commencement import (
    PA_COMMENCEMENTS,
    Commencement,
    CommencementTable,
    Devolution,
    provision_of_rule,
)
from ._context import History, Procedure, ProcurementContext
from ._exemptions import PA_EXEMPTIONS, Circumstance, Exemption, ExemptionTable, circumstances_of
from ._facts import KPI_THRESHOLD, ProcurementFacts
from ._frameworks import (
    OpenFrameworkSchedule,
    assess_framework_term,
    framework_term_limit,
    open_framework_schedule,
)
from ._guards import KPI_RATINGS, SCHEDULE_5_JUSTIFICATIONS
from ._life import Breach, BreachOutcome, ContractLife, Modification, ModificationGround
from ._lots import Lot
from ._modifications import assess_modification
from ._notices import NOTICE_TYPES, Notice, NoticeType, notice_type, uk_day
from ._obligations import (
    Obligation,
    ObligationStatus,
    obligations,
    overdue,
)
from ._procurement import PA_PROCEDURE_KEYS, PROCEDURES, Procurement, procedure
from ._rules import RULES, Rule, rule
from ._transition import (
    SAVING_PROVISIONS,
    LegacySystem,
    PaymentStatisticsPeriod,
    RegimeDetermination,
    SavedSystemValidity,
    SavingProvision,
    TransitionStep,
    governing_regime,
    pcr_payment_statistics_period,
    saved_system_validity,
)

__all__ = [
    "KPI_RATINGS",
    "KPI_THRESHOLD",
    "NOTICE_TYPES",
    "PA_COMMENCEMENTS",
    "PA_EXEMPTIONS",
    "PA_PROCEDURE_KEYS",
    "PROCEDURES",
    "RULES",
    "SAVING_PROVISIONS",
    "SCHEDULE_5_JUSTIFICATIONS",
    "Breach",
    "BreachOutcome",
    "Circumstance",
    "Commencement",
    "CommencementTable",
    "ContractLife",
    "Devolution",
    "Exemption",
    "ExemptionTable",
    "History",
    "LegacySystem",
    "Lot",
    "Modification",
    "ModificationGround",
    "Notice",
    "NoticeType",
    "Obligation",
    "ObligationStatus",
    "OpenFrameworkSchedule",
    "PaymentStatisticsPeriod",
    "Procedure",
    "Procurement",
    "ProcurementContext",
    "ProcurementFacts",
    "RegimeDetermination",
    "Rule",
    "SavedSystemValidity",
    "SavingProvision",
    "TransitionStep",
    "assess_framework_term",
    "assess_modification",
    "authority_obligations",
    "circumstances_of",
    "first_reporting_period",
    "framework_term_limit",
    "governing_regime",
    "notice_type",
    "obligations",
    "open_framework_schedule",
    "overdue",
    "pcr_payment_statistics_period",
    "procedure",
    "provision_of_rule",
    "reporting_period_ending",
    "rule",
    "saved_system_validity",
    "uk_day",
]

_public_module(
    __name__,
    Breach,
    BreachOutcome,
    ContractLife,
    Modification,
    ModificationGround,
    OpenFrameworkSchedule,
    Circumstance,
    Commencement,
    CommencementTable,
    Devolution,
    Exemption,
    ExemptionTable,
    LegacySystem,
    PaymentStatisticsPeriod,
    RegimeDetermination,
    SavedSystemValidity,
    SavingProvision,
    TransitionStep,
)

from .._hypothesis_hook import announce as _announce  # noqa: E402 - last: the types exist by now

_announce(__name__)  # register this package's types with Hypothesis, if its plugin has run
