"""Transition between regimes: which law governs a procurement begun before 24 February 2025.

The Procurement Act 2023 revoked the old regulations from 24 February 2025 but
saved them for procurements in which certain steps had been taken before that
day (SI 2024/716 regs 3, 5, 7 and 8, read in ``uk/uksi-2024-716.md`` of the
legalize-dev/legalize-uk mirror; reg 2(2) as amended by SI 2024/959 gives the
day). Where the old regulations continue to apply, "the Act does not apply"
(regs 3(3), 5(4)(a), 7(2), 8(4)(a)). The steps are data
([`SAVING_PROVISIONS`][commissioning.procurement.SAVING_PROVISIONS]); [`governing_regime`][commissioning.procurement.governing_regime] applies them.

Also here, as the same regulations provide:

- a dynamic purchasing system under PCR 2015 reg 34 or UCR 2016 reg 52, and a
  qualification system under UCR 2016 reg 68, kept by the saving: its period of
  validity may not be changed after 23 February 2026 and it expires (if it has
  not already) at the end of 23 February 2029 (regs 5(4)(b), 8(4)(b)-(c)):
  [`saved_system_validity`][commissioning.procurement.saved_system_validity];
- the PCR 2015 reg 113(7) payment statistics, published in every period "in
  relation to the preceding period", where the first period runs from 24 February
  2025 to 30 September 2025 and each later one is the next six months (reg
  5(4)(c)): [`pcr_payment_statistics_period`][commissioning.procurement.pcr_payment_statistics_period].
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date
from ..thresholds import Regime

__all__ = [
    "SAVING_PROVISIONS",
    "LegacySystem",
    "PaymentStatisticsPeriod",
    "RegimeDetermination",
    "SavedSystemValidity",
    "SavingProvision",
    "TransitionStep",
    "governing_regime",
    "pcr_payment_statistics_period",
    "saved_system_validity",
]

REVOCATION_DAY = pendulum.Date(2025, 2, 24)
"""The day the old regulations were revoked and the Act applied (SI 2024/716 reg 2(2), as amended)."""

EARLY_NOTICE_CUTOFF = pendulum.Date(2023, 5, 26)
"""Calls for competition by PIN (PCR) or periodic indicative notice (UCR) count only before this day."""

LAST_VALIDITY_CHANGE_DAY = pendulum.Date(2026, 2, 23)
"""The last day a saved DPS's or qualification system's validity may be changed (regs 5(4)(b), 8(4))."""

SAVED_SYSTEMS_EXPIRE = pendulum.Date(2029, 2, 23)
"""Saved DPSs and qualification systems expire at the end of this day (regs 5(4)(b)(ii), 8(4))."""

_SI = "SI 2024/716"


class TransitionStep(enum.StrEnum):
    """A step taken under the old regulations that, done before the cut-off, keeps them in force.

    Examples:
        >>> TransitionStep("contract notice submitted") is TransitionStep.CONTRACT_NOTICE_SUBMITTED
        True
    """

    CONTRACT_AWARDED = "contract awarded"
    FRAMEWORK_CONCLUDED = "framework agreement concluded"
    DPS_ESTABLISHED = "dynamic purchasing system established"
    NEGOTIATION_BEGUN = (
        "economic operator contacted to begin a negotiated procedure without prior publication"
    )
    CONTRACT_NOTICE_SUBMITTED = "contract notice submitted"
    CONTEST_NOTICE_SUBMITTED = "contest notice submitted"
    VOLUNTARY_TRANSPARENCY_NOTICE_PUBLISHED = "voluntary transparency notice published"
    CONTRACTS_FINDER_OPPORTUNITY_PUBLISHED = "opportunity published on Contracts Finder"
    PIN_CALL_FOR_COMPETITION_SUBMITTED = (
        "prior information notice as a call for competition submitted"
    )
    PERIODIC_INDICATIVE_NOTICE_SUBMITTED = (
        "periodic indicative notice as a call for competition submitted"
    )
    SPECIAL_ARRANGEMENTS_CONTACT = (
        "economic operator contacted about a contract under special arrangements"
    )
    QUALIFICATION_SYSTEM_NOTICE_SUBMITTED = (
        "notice on the existence of a qualification system submitted"
    )
    CONCESSION_NOTICE_SUBMITTED = "concession notice submitted"
    PRIOR_INFORMATION_NOTICE_SUBMITTED = "prior information notice submitted"
    OFFERS_SOUGHT_PART_B = "offers sought for a Part B services contract"


@attrs.frozen
class SavingProvision:
    """One circumstance in which the old regulations keep governing a procurement.

    Attributes:
        regulations: the old regulations saved.
        step: what must have been done under them.
        before: it must have been done before this day.
        citation: the saving provision.
        text: the circumstance in words (with any condition the caller must judge).

    Examples:
        >>> SAVING_PROVISIONS[0].citation
        'SI 2024/716 reg 5(3)(a)'
    """

    regulations: Regime
    step: TransitionStep
    before: pendulum.Date
    citation: str
    text: str


def _s(
    regulations: Regime,
    step: TransitionStep,
    cite: str,
    text: str,
    before: pendulum.Date = REVOCATION_DAY,
) -> SavingProvision:
    return SavingProvision(regulations, step, before, f"{_SI} {cite}", text)


_T = TransitionStep
_PCR, _UCR, _CCR, _DS = Regime.PCR_2015, Regime.UCR_2016, Regime.CCR_2016, Regime.DSPCR_2011

SAVING_PROVISIONS: tuple[SavingProvision, ...] = (
    # PCR 2015: reg 5(2)-(3)
    _s(_PCR, _T.CONTRACT_AWARDED, "reg 5(3)(a)", "the contracting authority awarded the contract"),
    _s(
        _PCR,
        _T.FRAMEWORK_CONCLUDED,
        "reg 5(3)(a)",
        "the contracting authority concluded the framework agreement",
    ),
    _s(
        _PCR,
        _T.DPS_ESTABLISHED,
        "reg 5(3)(a)",
        "the contracting authority established the dynamic purchasing system",
    ),
    _s(
        _PCR,
        _T.NEGOTIATION_BEGUN,
        "reg 5(3)(b)",
        "the contracting authority contacted an economic operator to commence the negotiated "
        "procedure without prior publication in a case set out in PCR 2015 reg 32",
    ),
    _s(
        _PCR,
        _T.CONTRACT_NOTICE_SUBMITTED,
        "reg 5(3)(c)(i)",
        "a contract notice required by PCR 2015 reg 26(8) or 75(1)(a) was submitted for "
        "publication in accordance with reg 51",
    ),
    _s(
        _PCR,
        _T.CONTEST_NOTICE_SUBMITTED,
        "reg 5(3)(c)(ii)",
        "a contest notice required by PCR 2015 reg 79 was submitted for publication",
    ),
    _s(
        _PCR,
        _T.VOLUNTARY_TRANSPARENCY_NOTICE_PUBLISHED,
        "reg 5(3)(d)",
        "a voluntary transparency notice (PCR 2015 reg 99(3)(b)) was published on the UK "
        "e-notification service",
    ),
    _s(
        _PCR,
        _T.CONTRACTS_FINDER_OPPORTUNITY_PUBLISHED,
        "reg 5(3)(e)",
        "information about a contract award opportunity was published on Contracts Finder in "
        "accordance with PCR 2015 reg 110(2)",
    ),
    _s(
        _PCR,
        _T.PIN_CALL_FOR_COMPETITION_SUBMITTED,
        "reg 5(2)",
        "a sub-central contracting authority submitted a prior information notice as a call for "
        "competition (PCR 2015 reg 26(9)) for publication under reg 51 (the caller judges that "
        "the authority is sub-central)",
        EARLY_NOTICE_CUTOFF,
    ),
    # UCR 2016: reg 8(2)-(3)
    _s(_UCR, _T.CONTRACT_AWARDED, "reg 8(3)(a)", "the utility awarded the contract"),
    _s(
        _UCR, _T.FRAMEWORK_CONCLUDED, "reg 8(3)(a)", "the utility concluded the framework agreement"
    ),
    _s(
        _UCR,
        _T.DPS_ESTABLISHED,
        "reg 8(3)(a)",
        "the utility established the dynamic purchasing system",
    ),
    _s(
        _UCR,
        _T.SPECIAL_ARRANGEMENTS_CONTACT,
        "reg 8(3)(b)",
        "the utility contacted an economic operator about a contract under special arrangements "
        "(UCR 2016 reg 33)",
    ),
    _s(
        _UCR,
        _T.NEGOTIATION_BEGUN,
        "reg 8(3)(c)",
        "the utility contacted an economic operator to commence the negotiated procedure without "
        "prior call for competition (UCR 2016 reg 50)",
    ),
    _s(
        _UCR,
        _T.QUALIFICATION_SYSTEM_NOTICE_SUBMITTED,
        "reg 8(3)(d)(i)",
        "a notice on the existence of a qualification system (UCR 2016 reg 68) was submitted",
    ),
    _s(
        _UCR,
        _T.CONTRACT_NOTICE_SUBMITTED,
        "reg 8(3)(d)(ii)",
        "a contract notice (UCR 2016 reg 69) was submitted",
    ),
    _s(
        _UCR,
        _T.CONTEST_NOTICE_SUBMITTED,
        "reg 8(3)(d)(iii)",
        "a contest notice (UCR 2016 reg 95) was submitted",
    ),
    _s(
        _UCR,
        _T.PERIODIC_INDICATIVE_NOTICE_SUBMITTED,
        "reg 8(2)",
        "a periodic indicative notice as a call for competition (UCR 2016 reg 44(4)(a)) was "
        "submitted for publication under reg 71",
        EARLY_NOTICE_CUTOFF,
    ),
    # CCR 2016: reg 7(1)
    _s(_CCR, _T.CONTRACT_AWARDED, "reg 7(1)(a)", "the contracting authority awarded the contract"),
    _s(
        _CCR,
        _T.CONCESSION_NOTICE_SUBMITTED,
        "reg 7(1)(b)(i)",
        "a concession notice (CCR 2016 reg 31(1)) was submitted for publication",
    ),
    _s(
        _CCR,
        _T.PRIOR_INFORMATION_NOTICE_SUBMITTED,
        "reg 7(1)(b)(ii)",
        "a prior information notice (CCR 2016 reg 31(3)) was submitted for publication",
    ),
    # DSPCR 2011: reg 3(2)
    _s(_DS, _T.CONTRACT_AWARDED, "reg 3(2)(a)", "the contracting authority awarded the contract"),
    _s(
        _DS,
        _T.FRAMEWORK_CONCLUDED,
        "reg 3(2)(a)",
        "the contracting authority concluded the framework agreement",
    ),
    _s(
        _DS,
        _T.OFFERS_SOUGHT_PART_B,
        "reg 3(2)(b)",
        "the contracting authority sought offers for a proposed Part B services contract (or a "
        "framework for only such contracts)",
    ),
    _s(
        _DS,
        _T.NEGOTIATION_BEGUN,
        "reg 3(2)(c)",
        "the contracting authority contacted an economic operator to commence the negotiated "
        "procedure without prior publication of a contract notice",
    ),
    _s(
        _DS,
        _T.CONTRACT_NOTICE_SUBMITTED,
        "reg 3(2)(d)-(f)",
        "a contract notice inviting requests to be selected (restricted or negotiated "
        "procedure) or to participate (competitive dialogue) was submitted",
    ),
)
"""Every circumstance of SI 2024/716 regs 3, 5, 7 and 8 in which the old regulations are saved."""

_OLD = (_PCR, _UCR, _CCR, _DS)
_GENERAL = {_PCR: "reg 5(1)", _UCR: "reg 8(1)", _CCR: "reg 7(1)", _DS: "reg 3(1)"}


@attrs.frozen
class RegimeDetermination:
    """Which regime governs a procurement, and the provision and step that decide it.

    Attributes:
        regime: the regime that governs.
        saved_by: the saving provision that keeps the old regulations, or ``None`` (the Act applies).
        step_on: the day of the step that kept them (``None`` when the Act applies).
        reason: the answer in words, with citations.

    Examples:
        >>> import pendulum
        >>> d = governing_regime(regulations="Public Contracts Regulations 2015",
        ...     steps=[("opportunity published on Contracts Finder", pendulum.Date(2025, 2, 10))])
        >>> d.regime.name, d.saved_by.citation
        ('PCR_2015', 'SI 2024/716 reg 5(3)(e)')
    """

    regime: Regime
    saved_by: SavingProvision | None
    step_on: pendulum.Date | None
    reason: str

    @property
    def rule(self) -> str:
        """The citation the answer rests on."""
        return self.saved_by.citation if self.saved_by is not None else f"{_SI} reg 2(2)"


def _regulations(value: Any, field: str) -> Regime:
    if not isinstance(value, Regime | str):
        raise InvalidInputType([Problem(field, "a Regime or its value (str)", value, "type")])
    try:
        regime = value if isinstance(value, Regime) else Regime(value)
    except ValueError:
        regime = None
    if regime not in _OLD:
        raise InvalidInput.of(
            field, f"old regulations saved by SI 2024/716 (one of {[r.value for r in _OLD]})", value
        )
    assert regime is not None  # noqa: S101 - refused above otherwise
    return regime


def _steps(value: Any) -> list[tuple[TransitionStep, pendulum.Date]]:
    pairs = list(value.items()) if isinstance(value, Mapping) else value
    out = []
    problems = []
    try:
        items = list(pairs)
    except TypeError:
        raise InvalidInputType(
            [Problem("steps", "pairs of (step, day) or a mapping of step to day", value, "type")]
        ) from None
    for i, item in enumerate(items):
        if not (isinstance(item, tuple | list) and len(item) == 2):
            problems.append(Problem(f"steps[{i}]", "a (step, day) pair", item))
            continue
        step, day = item
        try:
            parsed = TransitionStep(step)
        except ValueError:
            problems.append(
                Problem(
                    f"steps[{i}][0]",
                    f"a TransitionStep (one of {[s.value for s in TransitionStep]})",
                    step,
                )
            )
            continue
        try:
            out.append((parsed, as_date(day, field=f"steps[{i}][1]")))
        except InvalidInput as err:
            problems.extend(err.problems)
    if problems:
        raise InvalidInput.from_problems(problems)
    return out


def governing_regime(
    *,
    regulations: Regime | str,
    steps: Iterable[tuple[TransitionStep | str, dt.date]] | Mapping[Any, dt.date],
) -> RegimeDetermination:
    """Which regime governs a procurement begun under ``regulations``, from the steps taken and their days.

    Args:
        regulations: the old regulations the procurement was begun under
            (``Regime.PCR_2015``, ``UCR_2016``, ``CCR_2016`` or ``DSPCR_2011``, or their values).
        steps: what was done and on which day, as ``(TransitionStep, day)`` pairs or a mapping;
            values of [`TransitionStep`][commissioning.procurement.TransitionStep] are accepted.

    Returns:
        The old regulations, with the saving provision and step, if any step of
        [`SAVING_PROVISIONS`][commissioning.procurement.SAVING_PROVISIONS] for those regulations was taken before its cut-off
        (24 Feb 2025; 26 May 2023 for calls for competition by PIN or periodic
        indicative notice); otherwise [`Regime.PA_2023`][commissioning.thresholds.Regime]. Where several steps
        qualify, the earliest decides.

    Examples:
        >>> import pendulum
        >>> late = governing_regime(regulations=Regime.PCR_2015,
        ...     steps={TransitionStep.CONTRACT_NOTICE_SUBMITTED: pendulum.Date(2025, 2, 24)})
        >>> late.regime.name
        'PA_2023'
        >>> print(late.reason)
        Procurement Act 2023 applies: no step that SI 2024/716 reg 5 lists was taken under the Public Contracts Regulations 2015 before its cut-off (contract notice submitted on 2025-02-24 is not before 2025-02-24).
    """
    regime = _regulations(regulations, "regulations")
    taken = _steps(steps)
    candidates = [p for p in SAVING_PROVISIONS if p.regulations is regime]
    best: tuple[pendulum.Date, SavingProvision] | None = None
    for step, day in taken:
        for provision in candidates:
            if (
                provision.step is step
                and day < provision.before
                and (best is None or day < best[0])
            ):
                best = (day, provision)
    if best is not None:
        day, provision = best
        return RegimeDetermination(
            regime,
            provision,
            day,
            f"{regime.value} continues to apply ({provision.citation}; {_SI} {_GENERAL[regime]}): "
            f"before {provision.before}, {provision.text} (on {day}); the Act does not apply.",
        )
    late = "; ".join(f"{s.value} on {d} is not before {_cutoff(candidates, s)}" for s, d in taken)
    reg = _GENERAL[regime].split("(")[0]
    return RegimeDetermination(
        Regime.PA_2023,
        None,
        None,
        f"{Regime.PA_2023.value} applies: no step that {_SI} {reg} lists was taken under the "
        f"{regime.value} before its cut-off" + (f" ({late})." if late else "."),
    )


def _cutoff(candidates: list[SavingProvision], step: TransitionStep) -> str:
    days = [p.before for p in candidates if p.step is step]
    return str(days[0]) if days else f"any cut-off (not a step {_SI} lists for these regulations)"


class LegacySystem(enum.StrEnum):
    """A standing arrangement the old regulations allowed and the savings keep for a while.

    Examples:
        >>> LegacySystem("qualification system").name
        'QUALIFICATION_SYSTEM'
    """

    DYNAMIC_PURCHASING_SYSTEM = "dynamic purchasing system"
    QUALIFICATION_SYSTEM = "qualification system"


_SYSTEM_RULES = {
    (_PCR, LegacySystem.DYNAMIC_PURCHASING_SYSTEM): ("reg 5(4)(b)", "PCR 2015 reg 34"),
    (_UCR, LegacySystem.DYNAMIC_PURCHASING_SYSTEM): ("reg 8(4)(b)", "UCR 2016 reg 52"),
    (_UCR, LegacySystem.QUALIFICATION_SYSTEM): ("reg 8(4)(c)", "UCR 2016 reg 68"),
}


@attrs.frozen
class SavedSystemValidity:
    """A saved DPS's or qualification system's validity under SI 2024/716.

    Attributes:
        regulations: PCR 2015 or UCR 2016.
        system: the kind of system.
        last_day: the last day it is valid: the earlier of its own expiry and 23 Feb 2029.
        last_change_day: the last day its period of validity may be changed (23 Feb 2026).
        citation: the transitional provision.

    Examples:
        >>> import pendulum
        >>> v = saved_system_validity(regulations="Public Contracts Regulations 2015",
        ...     system="dynamic purchasing system", expires_on=pendulum.Date(2031, 1, 1))
        >>> v.last_day, v.may_change_on(pendulum.Date(2026, 2, 24))
        (Date(2029, 2, 23), False)
    """

    regulations: Regime
    system: LegacySystem
    last_day: pendulum.Date
    last_change_day: pendulum.Date
    citation: str

    def may_change_on(self, day: dt.date) -> bool:
        """Whether its period of validity may still be changed on ``day`` (not after 23 Feb 2026)."""
        return as_date(day, field="day") <= self.last_change_day

    def valid_on(self, day: dt.date) -> bool:
        """Whether it is still valid on ``day`` (it expires at the end of [`last_day`][commissioning.procurement.SavedSystemValidity])."""
        return as_date(day, field="day") <= self.last_day


def saved_system_validity(
    *,
    regulations: Regime | str,
    system: LegacySystem | str,
    expires_on: dt.date | None = None,
) -> SavedSystemValidity:
    """The validity of a DPS (PCR 2015 reg 34, UCR 2016 reg 52) or qualification system (UCR 2016 reg 68).

    Its validity may not be changed after 23 February 2026 and it expires, if it
    has not already, at the end of 23 February 2029 (SI 2024/716 reg 5(4)(b),
    reg 8(4)(b)-(c)). ``expires_on`` is its own last day, if earlier.

    Examples:
        >>> saved_system_validity(regulations=Regime.UCR_2016, system=LegacySystem.QUALIFICATION_SYSTEM,
        ...     expires_on=pendulum.Date(2027, 6, 30)).last_day
        Date(2027, 6, 30)
    """
    regime = _regulations(regulations, "regulations")
    try:
        kind = LegacySystem(system)
    except ValueError:
        raise InvalidInput.of(
            "system", f"a LegacySystem (one of {[s.value for s in LegacySystem]})", system
        ) from None
    found = _SYSTEM_RULES.get((regime, kind))
    if found is None:
        raise InvalidInput.of(
            "system",
            "a dynamic purchasing system under PCR 2015 or UCR 2016, or a qualification system "
            "under UCR 2016 (the systems SI 2024/716 regs 5(4) and 8(4) provide for)",
            f"{kind.value} under the {regime.value}",
        )
    cite, source = found
    own = None if expires_on is None else as_date(expires_on, field="expires_on")
    last = SAVED_SYSTEMS_EXPIRE if own is None else min(own, SAVED_SYSTEMS_EXPIRE)
    return SavedSystemValidity(
        regime,
        kind,
        last,
        LAST_VALIDITY_CHANGE_DAY,
        f"{_SI} {cite} ({source})",
    )


@attrs.frozen
class PaymentStatisticsPeriod:
    """A PCR 2015 reg 113(7) payment statistics period as modified by SI 2024/716 reg 5(4)(c).

    Attributes:
        first_day: the period's first day.
        last_day: its last day.
        publish_from: the first day of the next period, in which its statistics are published.
        publish_by: the last day of that next period.
        citation: the provision.

    Examples:
        >>> import pendulum
        >>> p = pcr_payment_statistics_period(on=pendulum.Date(2025, 3, 1))
        >>> p.first_day, p.last_day, p.publish_by
        (Date(2025, 2, 24), Date(2025, 9, 30), Date(2026, 3, 31))
    """

    first_day: pendulum.Date
    last_day: pendulum.Date
    publish_from: pendulum.Date
    publish_by: pendulum.Date
    citation: str = f"Public Contracts Regulations 2015 reg 113(7) as modified by {_SI} reg 5(4)(c)"


def _six_months_after(end: pendulum.Date) -> pendulum.Date:
    return pendulum.Date(end.year + 1, 3, 31) if end.month == 9 else pendulum.Date(end.year, 9, 30)


def pcr_payment_statistics_period(*, on: dt.date) -> PaymentStatisticsPeriod:
    """The reg 113(7) payment statistics period containing ``on`` (from 24 February 2025).

    The first period begins with 24 February 2025 and ends with 30 September 2025;
    each later one is the next six months (1 October - 31 March, 1 April - 30
    September). Statistics for a period are published in the next one ("in every
    period ... in relation to the preceding period"). Before 24 February 2025
    reg 113(7) spoke of financial years: those days are refused.

    Examples:
        >>> pcr_payment_statistics_period(on=pendulum.Date(2026, 1, 15)).first_day
        Date(2025, 10, 1)
    """
    day = as_date(on, field="on")
    if day < REVOCATION_DAY:
        raise InvalidInput.of(
            "on",
            "a day on or after 2025-02-24 (before then reg 113(7) counted financial years)",
            day,
        )
    first, last = REVOCATION_DAY, pendulum.Date(2025, 9, 30)
    while day > last:
        first, last = last.add(days=1), _six_months_after(last)
    following = _six_months_after(last)
    return PaymentStatisticsPeriod(first, last, last.add(days=1), following)
