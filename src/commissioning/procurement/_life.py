"""What a contract's life, its modifications, a framework's terms and a PSR selection record, folded.

[`ContractLife`][commissioning.procurement.ContractLife] is folded from a procurement's event records alongside
[`History`][commissioning.procurement.History] (it is ``History.life``): the
breaches and performance failures with the event that brings PA s.71(5) into
play, the value the contract was entered into at, each modification with its
PA s.74 ground, the framework terms a tender or transparency notice gave
(PA s.47, s.49), and the PSR steps (regs 10-12). The fold trusts the data the
guards accepted when the events happened, and reads older records (made before
these fields existed) as well as it can.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import pendulum

from ..machine import EventRecord

__all__ = [
    "LIFE_EVENTS",
    "Breach",
    "BreachOutcome",
    "ContractLife",
    "FrameworkTerms",
    "Modification",
    "ModificationGround",
    "PsrSteps",
]


class BreachOutcome(enum.StrEnum):
    """What brings the s.71(5) notice duty into play for a breach or a performance failure.

    A breach counts only when it results in termination (or partial termination),
    an award of damages, or a settlement agreement (PA s.71(3)); poor performance
    only once the supplier was given a proper opportunity to improve and failed to
    (s.71(4)). A breach that ends the whole contract is reported in the contract
    termination notice (UK11), not in a UK9 (PR24 regs 39(9) and 41(2)(h)).

    Examples:
        >>> BreachOutcome("damages").citation
        'Procurement Act 2023 s.71(3)(b)(ii)'
        >>> BreachOutcome.TERMINATION.notice
        'UK11'
    """

    TERMINATION = "termination"
    PARTIAL_TERMINATION = "partial termination"
    DAMAGES = "damages"
    SETTLEMENT = "settlement"
    FAILURE_TO_IMPROVE = "failure to improve"

    @property
    def citation(self) -> str:
        """The provision that makes this outcome count."""
        return _OUTCOME_CITATIONS[self]

    @property
    def notice(self) -> str:
        """The notice that reports it: UK11 for a full termination, UK9 otherwise."""
        return "UK11" if self is BreachOutcome.TERMINATION else "UK9"


_OUTCOME_CITATIONS = {
    BreachOutcome.TERMINATION: "Procurement Act 2023 s.71(3)(b)(i)",
    BreachOutcome.PARTIAL_TERMINATION: "Procurement Act 2023 s.71(3)(b)(i)",
    BreachOutcome.DAMAGES: "Procurement Act 2023 s.71(3)(b)(ii)",
    BreachOutcome.SETTLEMENT: "Procurement Act 2023 s.71(3)(b)(iii)",
    BreachOutcome.FAILURE_TO_IMPROVE: "Procurement Act 2023 s.71(4)",
}


class ModificationGround(enum.StrEnum):
    """The PA s.74 ground a modification of a public contract rests on.

    ``SCH8_*`` are the permitted modifications of Schedule 8 (s.74(1)(a)), by
    paragraph; ``NOT_SUBSTANTIAL`` is s.74(1)(b) (none of the s.74(3) tests met);
    ``BELOW_THRESHOLD`` is s.74(1)(c) and (4); ``LIGHT_TOUCH`` is s.74(2).

    Examples:
        >>> ModificationGround("sch8-para4").citation
        'Procurement Act 2023 Sch 8 para 4'
        >>> ModificationGround.NOT_SUBSTANTIAL.citation
        'Procurement Act 2023 s.74(1)(b), (3)'
    """

    SCH8_PROVIDED_FOR = "sch8-para1"
    SCH8_URGENCY = "sch8-para2"
    SCH8_UNFORESEEABLE = "sch8-para4"
    SCH8_KNOWN_RISK = "sch8-para5"
    SCH8_ADDITIONAL = "sch8-para8"
    SCH8_RESTRUCTURING = "sch8-para9"
    SCH8_DEFENCE_TECHNOLOGY = "sch8-para10"
    SCH8_DEFENCE_CONTINUITY = "sch8-para11"
    NOT_SUBSTANTIAL = "not-substantial"
    BELOW_THRESHOLD = "below-threshold"
    LIGHT_TOUCH = "light-touch"

    @property
    def citation(self) -> str:
        """Where the ground is in the Act."""
        return _GROUND_CITATIONS[self]

    @property
    def summary(self) -> str:
        """The ground in words."""
        return _GROUND_TITLES[self]

    @property
    def permitted_modification(self) -> bool:
        """Whether it is a Schedule 8 permitted modification (s.74(1)(a))."""
        return self.value.startswith("sch8-")


_PA = "Procurement Act 2023"
_GROUND_CITATIONS = {
    ModificationGround.SCH8_PROVIDED_FOR: f"{_PA} Sch 8 para 1",
    ModificationGround.SCH8_URGENCY: f"{_PA} Sch 8 paras 2-3",
    ModificationGround.SCH8_UNFORESEEABLE: f"{_PA} Sch 8 para 4",
    ModificationGround.SCH8_KNOWN_RISK: f"{_PA} Sch 8 paras 5-7",
    ModificationGround.SCH8_ADDITIONAL: f"{_PA} Sch 8 para 8",
    ModificationGround.SCH8_RESTRUCTURING: f"{_PA} Sch 8 para 9",
    ModificationGround.SCH8_DEFENCE_TECHNOLOGY: f"{_PA} Sch 8 para 10",
    ModificationGround.SCH8_DEFENCE_CONTINUITY: f"{_PA} Sch 8 para 11",
    ModificationGround.NOT_SUBSTANTIAL: f"{_PA} s.74(1)(b), (3)",
    ModificationGround.BELOW_THRESHOLD: f"{_PA} s.74(1)(c), (4)",
    ModificationGround.LIGHT_TOUCH: f"{_PA} s.74(2)",
}
_GROUND_TITLES = {
    ModificationGround.SCH8_PROVIDED_FOR: "provided for in the contract",
    ModificationGround.SCH8_URGENCY: "urgency and the protection of life, etc",
    ModificationGround.SCH8_UNFORESEEABLE: "unforeseeable circumstances",
    ModificationGround.SCH8_KNOWN_RISK: "materialisation of a known risk",
    ModificationGround.SCH8_ADDITIONAL: "additional goods, services or works",
    ModificationGround.SCH8_RESTRUCTURING: "transfer on corporate restructuring",
    ModificationGround.SCH8_DEFENCE_TECHNOLOGY: "defence authority contract: developments in "
    "technology",
    ModificationGround.SCH8_DEFENCE_CONTINUITY: "defence authority contract: continuous supply",
    ModificationGround.NOT_SUBSTANTIAL: "not a substantial modification",
    ModificationGround.BELOW_THRESHOLD: "below-threshold modification",
    ModificationGround.LIGHT_TOUCH: "light touch contract",
}


@attrs.frozen
class Breach:
    """A breach or performance failure recorded (``record_breach``) and the event that makes it count.

    Attributes:
        outcome: what resulted (s.71(3)-(4)); ``None`` for records made before the
            outcome was asked for.
        triggered_on: the day s.71(5) first applies: the day of the termination,
            partial termination, award of damages or settlement, or the day the
            authority considered the supplier had failed to improve (PR24 reg
            39(7)(h)-(i)). The 30 days begin with it.
        description: what the breach or failure was.
        breach_on: the day of the breach itself, if given.
        recorded_on: the day it was recorded.
    """

    outcome: BreachOutcome | None
    triggered_on: pendulum.Date
    description: str
    breach_on: pendulum.Date | None
    recorded_on: pendulum.Date

    @property
    def notice(self) -> str:
        """The notice that reports it (UK11 for a full termination, else UK9)."""
        return "UK9" if self.outcome is None else self.outcome.notice


@attrs.frozen
class Modification:
    """A modification made (``modify_contract``) with its ground and its effect.

    Attributes:
        number: 1 for the contract's first modification, and so on.
        made_on: the day it was made.
        ground: the s.74 ground (``None`` for records made before the ground was asked for).
        value_before: the contract's estimated value, VAT included, just before it.
        value_after: the value after it.
        term_change_percent: how much it changes the term, as a percentage of the
            maximum term provided for on award (s.74(3)(a), s.75(2)(b)).
        related_to: the numbers of earlier modifications it could reasonably have
            been made together with (s.74(7), s.75(4)), as the authority considers.
        new_supplier: the supplier the contract passes to (Sch 8 para 9), if any.
        change_notice_on: the day of the contract change notice (UK10) it followed, if any.
    """

    number: int
    made_on: pendulum.Date
    ground: ModificationGround | None
    value_before: Decimal | None
    value_after: Decimal | None
    term_change_percent: Decimal
    related_to: tuple[int, ...] = ()
    new_supplier: str | None = None
    change_notice_on: pendulum.Date | None = None


@attrs.frozen
class FrameworkTerms:
    """A framework's terms as its tender or transparency notice gave them (PA s.45(5), s.47, s.49).

    Attributes:
        term_months: the framework's term in months.
        open_framework: awarded under an open framework (s.49).
        longer_term_reasons: the reasons for a term over 4 (or 8) years (s.47(3)).
        first_award_on: for an open framework, the day the scheme's first framework
            was awarded (``None``: this is the first).
    """

    term_months: int | None = None
    open_framework: bool = False
    longer_term_reasons: str = ""
    first_award_on: pendulum.Date | None = None


@attrs.frozen
class PsrSteps:
    """The PSR steps taken so far (regs 10-12).

    Attributes:
        msp_notice_on: the Most Suitable Provider step 1 notice (reg 10(2)).
        providers_identified_on: step 2 completed: potential providers identified (reg 10(4)).
        providers_informed_on: the competitive process's step 5: providers told in
            writing (reg 11(8)).
        representations: the days written representations were received (reg 12(3)).
        decisions: (day communicated, decision) for each further decision (reg 12(4)(d),
            (6)-(8)); decision is ``"proceed"``, ``"repeat"`` or ``"abandon"``.
    """

    msp_notice_on: pendulum.Date | None = None
    providers_identified_on: pendulum.Date | None = None
    providers_informed_on: pendulum.Date | None = None
    representations: tuple[pendulum.Date, ...] = ()
    decisions: tuple[tuple[pendulum.Date, str], ...] = ()


#: The events [`ContractLife`][commissioning.procurement.ContractLife] folds (other events leave it unchanged).
LIFE_EVENTS = frozenset(
    {
        "publish_UK4",
        "publish_UK5",
        "publish_UK10",
        "enter_contract",
        "record_breach",
        "modify_contract",
        "publish_msp_notice",
        "identify_providers",
        "inform_providers",
        "receive_representations",
        "communicate_decision",
        "publish_intention_notice",
        "repeat_step",
    }
)


def parse_day(value: Any) -> pendulum.Date | None:
    """An ISO date string from event data as a day; ``None`` if missing or malformed."""
    if not isinstance(value, str):
        return None
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return pendulum.Date(d.year, d.month, d.day)


def parse_amount(value: Any) -> Decimal | None:
    """A money string from event data as a finite Decimal; ``None`` if missing or malformed."""
    if not isinstance(value, str):
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _percent(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Decimal(0)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)
    return amount if amount.is_finite() else Decimal(0)


def _outcome(value: Any) -> BreachOutcome | None:
    try:
        return BreachOutcome(value)
    except ValueError:
        return None


def _ground(value: Any) -> ModificationGround | None:
    try:
        return ModificationGround(value)
    except ValueError:
        return None


@attrs.frozen
class ContractLife:
    """The contract-life facts that the statute-b rules need, folded from the event records.

    Attributes:
        breaches: each breach or failure recorded, in order.
        entry_value: the estimated value, VAT included, the contract was entered into at.
        modifications: each modification made, in order.
        pending_ground: the ground the latest contract change notice (UK10) gave, if any.
        framework: the framework terms of the tender or transparency notice, if any.
        psr: the PSR steps taken.
    """

    breaches: tuple[Breach, ...] = ()
    entry_value: Decimal | None = None
    modifications: tuple[Modification, ...] = ()
    pending_ground: ModificationGround | None = None
    framework: FrameworkTerms | None = None
    psr: PsrSteps = attrs.field(factory=PsrSteps)

    def after(
        self,
        record: EventRecord,
        day: pendulum.Date,
        *,
        ended_on: pendulum.Date | None = None,
        contract_value: Decimal | None = None,
        change_notice_on: pendulum.Date | None = None,
    ) -> ContractLife:
        """The life once ``record`` (of UK day ``day``) has happened.

        ``ended_on``, ``contract_value`` and ``change_notice_on`` are what the
        history knew just before the record: the day the contract ended, its
        value, and the day of a contract change notice not yet acted on.
        """
        event = record.event
        data: Mapping[str, Any] = record.data
        evolve = attrs.evolve
        if event in {"publish_UK4", "publish_UK5"}:
            return self._framework_notice(data)
        if event == "publish_UK10":
            return evolve(self, pending_ground=_ground(data.get("ground")))
        if event == "enter_contract":
            return evolve(self, entry_value=parse_amount(data.get("value_including_vat")))
        if event == "record_breach":
            return evolve(self, breaches=(*self.breaches, _breach(data, day, ended_on)))
        if event == "modify_contract":
            return self._modified(data, day, contract_value, change_notice_on)
        return evolve(self, psr=_psr_after(self.psr, event, data, day))

    def _framework_notice(self, data: Mapping[str, Any]) -> ContractLife:
        keys = ("framework_term_months", "open_framework", "open_framework_first_award_on")
        if not any(k in data for k in keys):
            return self
        months = data.get("framework_term_months")
        reasons = data.get("longer_term_reasons")
        return attrs.evolve(
            self,
            framework=FrameworkTerms(
                term_months=months
                if isinstance(months, int) and not isinstance(months, bool)
                else None,
                open_framework=data.get("open_framework") is True,
                longer_term_reasons=reasons if isinstance(reasons, str) else "",
                first_award_on=parse_day(data.get("open_framework_first_award_on")),
            ),
        )

    def _modified(
        self,
        data: Mapping[str, Any],
        day: pendulum.Date,
        contract_value: Decimal | None,
        change_notice_on: pendulum.Date | None,
    ) -> ContractLife:
        ground = _ground(data.get("ground")) or self.pending_ground
        after = parse_amount(data.get("value_including_vat"))
        related = data.get("related_to", ())
        supplier = data.get("new_supplier")
        modification = Modification(
            number=len(self.modifications) + 1,
            made_on=day,
            ground=ground,
            value_before=contract_value,
            value_after=contract_value if after is None else after,
            term_change_percent=_percent(data.get("term_change_percent")),
            related_to=tuple(n for n in related if isinstance(n, int) and not isinstance(n, bool))
            if isinstance(related, tuple | list)
            else (),
            new_supplier=supplier if isinstance(supplier, str) and supplier.strip() else None,
            change_notice_on=change_notice_on,
        )
        return attrs.evolve(
            self, modifications=(*self.modifications, modification), pending_ground=None
        )


def _breach(data: Mapping[str, Any], day: pendulum.Date, ended_on: pendulum.Date | None) -> Breach:
    outcome = _outcome(data.get("outcome"))
    breach_on = parse_day(data.get("breach_on"))
    stated = parse_day(data.get("outcome_on"))
    if stated is not None:
        triggered = stated
    elif outcome is BreachOutcome.TERMINATION and ended_on is not None:
        triggered = ended_on
    elif outcome is None and breach_on is not None:
        triggered = breach_on  # an older record: the breach day started the count
    else:
        triggered = day
    description = data.get("description")
    return Breach(
        outcome=outcome,
        triggered_on=triggered,
        description=description if isinstance(description, str) else "",
        breach_on=breach_on,
        recorded_on=day,
    )


def _psr_after(
    steps: PsrSteps, event: str, data: Mapping[str, Any], day: pendulum.Date
) -> PsrSteps:
    evolve = attrs.evolve
    if event == "publish_msp_notice":
        return evolve(steps, msp_notice_on=day)
    if event == "identify_providers":
        return evolve(steps, providers_identified_on=day)
    if event == "inform_providers":
        return evolve(steps, providers_informed_on=day)
    if event == "receive_representations":
        received = parse_day(data.get("received_on")) or day
        return evolve(steps, representations=(*steps.representations, received))
    if event == "communicate_decision":
        return evolve(steps, decisions=(*steps.decisions, (day, str(data.get("decision", "")))))
    if event == "publish_intention_notice":
        # a new notice of intention starts a fresh standstill
        return evolve(steps, representations=(), decisions=())
    if event == "repeat_step":
        # going back a step (reg 12(4)(d)(ii)): the later steps are taken again
        return evolve(steps, representations=(), decisions=(), providers_informed_on=None)
    return steps
