"""Provider Selection Regime 2023 processes (NHS health care services in England), by stage.

Direct award processes A and B (regs 7-8): the award is decided and the
contract entered into, with no standstill (reg 12(1) names only process C, the
most suitable provider process and the competitive process). Direct award
process C (reg 9), the most suitable provider process (reg 10) and the
competitive process (reg 11, with a contract notice and tenders) publish a
notice of intention to award (``publish_intention_notice``), which starts the
reg 12 standstill (``commissioning.periods.psr_standstill``). The award is
confirmed by ``publish_award_notice`` within 30 days (regs 7-11; UNCONFIRMED
detail).

The most suitable provider process begins with its step 1 notice
(``publish_msp_notice``, reg 10(2)); potential providers are identified
(``identify_providers``, step 2) from the day 14 days after it (reg 10(5)). In
the competitive process, providers are told in writing (``inform_providers``,
reg 11(8)) before the notice of intention. Written representations
(``receive_representations``, reg 12(3)) made by the end of the 8th working day
after the standstill began hold it open: the authority decides again and tells
the providers (``communicate_decision``: ``proceed``, ``repeat`` or
``abandon``, reg 12(4)-(8)), and the standstill ends only once at least 5
working days have passed since it told them of its last decision (reg 12(10)).
Reading (UNCONFIRMED): the 5 working days are counted after the day the
providers were told, the contract may be entered from the day after the 5th,
and never before the day after the standstill's ordinary last day.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import pendulum

from ..calendar import WorkingDayCalendar, psr_calendar
from ..machine import Definition, State, Transition, Verdict, guard
from ..thresholds import Regime
from ._context import History, Procedure, ProcurementContext
from ._contract_life import life_states, life_transitions
from ._guards import (
    award_details,
    later_deadline,
    standstill_computed,
    tendering_closed,
)
from ._life import parse_day
from ._reasons import refuse
from ._registry import ProcedureRegistry

_PSR_REGS = "Health Care Services (Provider Selection Regime) Regulations 2023"
#: Step 2 of the most suitable provider process may be completed from this many days after step 1.
MSP_WAIT_DAYS = 14
#: Working days that must pass after the authority tells providers of its last further decision.
DECISION_WORKING_DAYS = 5
_DECISIONS = ("proceed", "repeat", "abandon")


@functools.cache
def _calendar() -> WorkingDayCalendar:
    return psr_calendar()


def _d(day: pendulum.Date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@guard("psr-reg10-msp-wait")
def msp_wait(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Step 2 of the most suitable provider process waits 14 days after the step 1 notice (reg 10(5))."""
    notice = ctx.history.life.psr.msp_notice_on
    if notice is None:
        return refuse(
            f"{_PSR_REGS} reg 10(2)",
            "publish the notice of intention to follow the most suitable provider process "
            "(publish_msp_notice) first",
        )
    earliest = notice.add(days=MSP_WAIT_DAYS)
    if ctx.on < earliest:
        return refuse(
            f"{_PSR_REGS} reg 10(5)",
            f"the step 1 notice was submitted on {_d(notice)}; potential providers may be "
            f"identified (step 2 completed) from {_d(earliest)}, not on {_d(ctx.on)}",
        )
    return Verdict.ALLOW


@guard("psr-reg10-providers-identified")
def providers_identified(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The most suitable provider is chosen from the potential providers identified (reg 10(4), (6))."""
    if ctx.history.life.psr.providers_identified_on is None:
        return refuse(
            f"{_PSR_REGS} reg 10(4)-(7)",
            "identify the potential providers (identify_providers, step 2) before the notice of "
            "intention to award (step 4)",
        )
    return Verdict.ALLOW


@guard("psr-reg11-8-providers-informed")
def providers_informed(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Providers are told in writing before the notice of intention to award (reg 11(8)-(9))."""
    if ctx.history.life.psr.providers_informed_on is None:
        return refuse(
            f"{_PSR_REGS} reg 11(8)",
            "tell the successful and unsuccessful providers in writing (inform_providers, step 5) "
            f"before the notice of intention to award (step 6) on {_d(ctx.on)}",
        )
    return Verdict.ALLOW


@guard("psr-reg12-3-representations-in-time")
def representations_in_time(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Representations are made by midnight at the end of the 8th working day after the standstill began (reg 12(3))."""
    last = ctx.history.standstill_last_day
    provider = data.get("provider")
    if not (isinstance(provider, str) and provider.strip()):
        return refuse(
            f"{_PSR_REGS} reg 12(3)",
            f"name the provider that made the representations (provider), received {provider!r}",
        )
    received = ctx.on
    if "received_on" in data:
        stated = parse_day(data.get("received_on"))
        if stated is None or stated > ctx.on:
            return refuse(
                f"{_PSR_REGS} reg 12(3)",
                f"received_on must be an ISO date not after today, received {data.get('received_on')!r}",
            )
        received = stated
    notice = ctx.history.award_notice_on
    if notice is not None and received <= notice:
        return refuse(
            f"{_PSR_REGS} reg 12(2)-(3)",
            f"the standstill began the day after the notice of intention of {_d(notice)}; "
            f"representations received on {_d(received)} were not made in it",
        )
    if last is not None and received > last:
        return refuse(
            f"{_PSR_REGS} reg 12(3)",
            f"representations may be made until midnight at the end of {_d(last)}, the 8th "
            f"working day after the standstill began; {_d(received)} is too late",
        )
    return Verdict.ALLOW


@guard("psr-reg12-4-further-decision")
def further_decision(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """After representations, the authority decides again and tells providers (reg 12(4)(d), (6)-(8))."""
    if not ctx.history.life.psr.representations:
        return refuse(
            f"{_PSR_REGS} reg 12(4)",
            "a further decision follows written representations; none were received",
        )
    decision = data.get("decision")
    if decision not in _DECISIONS:
        return refuse(
            f"{_PSR_REGS} reg 12(4)(d)",
            f"decision must be one of {', '.join(_DECISIONS)}; received {decision!r}",
        )
    return Verdict.ALLOW


def standstill_end(h: History) -> tuple[pendulum.Date | None, str | None]:
    """The last day of the PSR standstill as things stand, and the decision it ends on.

    ``(None, None)`` while representations await a further decision; without
    representations, the reg 12(9) last day and ``None``.
    """
    steps = h.life.psr
    if not steps.representations:
        return h.standstill_last_day, None
    if not steps.decisions:
        return None, None
    day, decision = steps.decisions[-1]
    end = _calendar().add_working_days(day, DECISION_WORKING_DAYS)
    if h.standstill_last_day is not None and h.standstill_last_day > end:
        end = h.standstill_last_day
    return end, decision


def _standstill_over(ctx: ProcurementContext, wanted: str, step: str) -> Verdict:
    end, decision = standstill_end(ctx.history)
    steps = ctx.history.life.psr
    if steps.representations and end is None:
        return refuse(
            f"{_PSR_REGS} reg 12(4), (10)",
            f"written representations were received on {_d(steps.representations[-1])}: review "
            "the decision and tell the providers of the further decision (communicate_decision) "
            f"before {step}",
        )
    if decision is not None and decision != wanted:
        return refuse(
            f"{_PSR_REGS} reg 12(10)",
            f"the last further decision was to {decision}, not to {wanted}",
        )
    if end is not None and ctx.on <= end:
        if decision is None:
            why = f"the standstill's last day is {_d(end)}"
            rule = f"{_PSR_REGS} reg 12(9)"
        else:
            told = steps.decisions[-1][0]
            why = (
                f"the providers were told of the last further decision on {_d(told)}, and 5 "
                f"working days since then run to {_d(end)}"
            )
            rule = f"{_PSR_REGS} reg 12(10)"
        return refuse(
            rule, f"{why}; {step} is possible from {_d(end.add(days=1))}, not {_d(ctx.on)}"
        )
    return Verdict.ALLOW


@guard("psr-reg12-standstill-ended")
def psr_standstill_ended(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """The contract is entered into only after the standstill, held open by representations (reg 12(9)-(10))."""
    return _standstill_over(ctx, "proceed", "entering into the contract")


@guard("psr-reg12-repeat-after-standstill")
def repeat_after_standstill(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Going back to an earlier step follows a further decision to do so, after the standstill (reg 12(10)(b), 15(3))."""
    if not ctx.history.life.psr.decisions:
        return refuse(
            f"{_PSR_REGS} reg 15(2)",
            "in a standstill, going back to an earlier step is possible only by a further "
            "decision after written representations (reg 12)",
        )
    return _standstill_over(ctx, "repeat", "going back to an earlier step")


@guard("psr-reg15-abandon-in-standstill")
def abandon_in_standstill(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """Abandoning in a standstill follows a further decision to do so, once it has ended (reg 15(2)-(3))."""
    steps = ctx.history.life.psr
    last = ctx.history.standstill_last_day
    if not steps.representations:
        if last is not None and ctx.on <= last:
            return refuse(
                f"{_PSR_REGS} reg 15(2)",
                f"in the standstill (until {_d(last)}) the procurement may be abandoned only by "
                "a further decision after written representations (reg 12)",
            )
        return Verdict.ALLOW
    return _standstill_over(ctx, "abandon", "abandoning the procurement")


__all__ = ["DECISION_WORKING_DAYS", "MSP_WAIT_DAYS", "PSR_PROCEDURES", "standstill_end"]


def _definition(
    name: str, *, standstill: bool, competitive: bool, description: str, msp: bool = False
) -> Definition:
    states = [State("planning", initial=True)]
    if competitive:
        states += [State("tendering"), State("evaluation")]
    if msp:
        states.append(State("selecting", description="step 1 notice published; providers sought"))
    states += [State("standstill") if standstill else State("awarded")]
    states += [*life_states(), State("cancelled", final=True)]
    decide_from = "evaluation" if competitive else ("selecting" if msp else "planning")
    transitions: list[Transition] = []
    if competitive:
        transitions += [
            Transition(
                "planning", "publish_contract_notice", "tendering", guards=(later_deadline,)
            ),
            Transition("tendering", "close_tendering", "evaluation", guards=(tendering_closed,)),
            Transition("evaluation", "inform_providers", "evaluation"),
        ]
    if msp:
        transitions += [
            Transition("planning", "publish_msp_notice", "selecting"),
            Transition("selecting", "identify_providers", "selecting", guards=(msp_wait,)),
        ]
    if standstill:
        first = (providers_informed,) if competitive else ((providers_identified,) if msp else ())
        transitions += [
            Transition(
                decide_from,
                "publish_intention_notice",
                "standstill",
                guards=(*first, award_details, standstill_computed),
            ),
            Transition(
                "standstill",
                "receive_representations",
                "standstill",
                guards=(representations_in_time,),
            ),
            Transition(
                "standstill", "communicate_decision", "standstill", guards=(further_decision,)
            ),
            Transition("standstill", "repeat_step", decide_from, guards=(repeat_after_standstill,)),
            Transition(
                "standstill", "enter_contract", "mobilisation", guards=(psr_standstill_ended,)
            ),
            Transition("standstill", "abandon", "cancelled", guards=(abandon_in_standstill,)),
        ]
    else:
        transitions += [
            Transition(decide_from, "decide_award", "awarded", guards=(award_details,)),
            Transition("awarded", "enter_contract", "mobilisation"),
        ]
    pre = [
        s.name
        for s in states
        if s.name in {"planning", "tendering", "evaluation", "selecting", "awarded"}
    ]
    transitions.append(Transition(tuple(pre), "abandon", "cancelled"))
    transitions += [
        Transition(s, "publish_award_notice", s) for s in ("mobilisation", "delivery", "ended")
    ]
    transitions += life_transitions(pa=False)
    return Definition(name, states=states, transitions=transitions, description=description)


_PSR = Regime.PSR_2023


def _p(
    key: str,
    name: str,
    reg: str,
    *,
    standstill: bool,
    competitive: bool,
    method: str,
    msp: bool = False,
) -> tuple[str, Callable[[], Procedure]]:
    """The key, and how to build the procedure when it is first asked for."""
    return key, lambda: Procedure(
        key,
        name,
        _PSR,
        f"Health Care Services (Provider Selection Regime) Regulations 2023 {reg}",
        _definition(
            key,
            standstill=standstill,
            competitive=competitive,
            description=f"PSR {reg}: {name}",
            msp=msp,
        ),
        competitive=False,
        standstill="psr" if standstill else "none",
        ocds_method=method,
        description=f"PSR 2023 {reg}",
    )


#: The PSR procedures, by key, each built (machine and all) on first use.
PSR_PROCEDURES = ProcedureRegistry(
    dict(
        (
            _p(
                "psr-direct-award-a",
                "direct award process A",
                "reg 7",
                standstill=False,
                competitive=False,
                method="direct",
            ),
            _p(
                "psr-direct-award-b",
                "direct award process B",
                "reg 8",
                standstill=False,
                competitive=False,
                method="direct",
            ),
            _p(
                "psr-direct-award-c",
                "direct award process C",
                "reg 9",
                standstill=True,
                competitive=False,
                method="direct",
            ),
            _p(
                "psr-most-suitable-provider",
                "most suitable provider process",
                "reg 10",
                standstill=True,
                competitive=False,
                method="limited",
                msp=True,
            ),
            _p(
                "psr-competitive",
                "competitive process",
                "reg 11",
                standstill=True,
                competitive=True,
                method="open",
            ),
        )
    )
)
