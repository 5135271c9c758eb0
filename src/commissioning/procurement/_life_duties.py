"""Contract-life duties for [`obligations`][commissioning.procurement.obligations]: s.71 notices and s.77.

- The yearly KPI assessment and notice (UK9), and the one on termination, only where
  KPIs were set under s.52(1): a contract worth more than £5 million with no s.52
  exemption (s.71(1)-(2)). KPIs a smaller contract sets voluntarily bring no duty.
- A breach or failure (s.71(3)-(5)): 30 days beginning with the day s.71(5) first
  applies, the day of the termination, partial termination, damages, settlement or
  failure to improve. A breach that ended the whole contract is reported in the
  contract termination notice (UK11), not in a UK9 (PR24 regs 39(9), 41(2)(h)).
- A qualifying modification (s.77): a copy of the modified contract, or of the
  modification, within 90 days beginning with the day it was made.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

import pendulum

from ..periods import pa_performance_assessment_due, pa_performance_notice_deadline
from ._facts import KPI_THRESHOLD
from ._life import BreachOutcome
from ._modifications import qualifying_modification
from ._rules import RULES

if TYPE_CHECKING:
    from ._context import History
    from ._obligations import Obligation
    from ._procurement import Procurement

__all__ = ["Gate", "breach_duties", "modification_duties", "performance_duties"]

#: A check that a duty is owed at all: called with the duty in words, its rule key and the
#: day it arises, it returns the obligation to list instead (not in force, exempt...) or
#: ``None`` when the duty is owed. The seam for the commencement and exemption tables.
Gate = Callable[[str, str, pendulum.Date], "Obligation | None"]

# memoised like the other deadlines of obligations(): a contract book repeats the same days
_assessment_due = functools.lru_cache(maxsize=8192)(
    lambda since: pa_performance_assessment_due(since=since).due_by
)
_notice_deadline = functools.lru_cache(maxsize=8192)(
    lambda day: pa_performance_notice_deadline(event_on=day)
)

_DUTY = "assess performance against the KPIs and publish a contract performance notice (UK9)"


def _d(day: pendulum.Date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _first_on_or_after(h: History, code: str, day: pendulum.Date) -> pendulum.Date | None:
    for n in h.notices:
        if n.code == code and n.published_on >= day:
            return n.published_on
    return None


def _not_under_s52(p: Procurement) -> str | None:
    """Why the KPIs were not set under s.52(1), or ``None`` when they were."""
    h = p.timeline
    value = h.life.entry_value if h.life.entry_value is not None else h.contract_value
    if p.facts.kpi_exemption is not None:
        return f"s.52 does not apply ({p.facts.kpi_exemption})"
    if value is None or value <= KPI_THRESHOLD:
        shown = "not known" if value is None else f"£{value:,}"
        return (
            f"the contract's value ({shown}) is not more than £5,000,000, so s.52(1) did not apply"
        )
    return None


_IN_FORCE_READING = (
    "UNCONFIRMED: for a contract entered into before s.71 came into force, the first 12 months "
    "are read as beginning with the day it came into force"
)


def performance_duties(
    p: Procurement,
    on: pendulum.Date,
    entered: pendulum.Date,
    *,
    gate: Gate | None = None,
    in_force_from: pendulum.Date | None = None,
) -> list[Obligation]:
    """The yearly and on-termination KPI duty (s.71(1)-(2)), or why it does not apply.

    ``gate`` (see `Gate`) may list it as not owed instead, judged on ``on`` (or on
    the day the contract ended). ``in_force_from``: the day s.71 came into force; the
    first 12 months of a contract entered into before it are counted from that day.
    """
    from ._obligations import (  # noqa: PLC0415 - _obligations imports this module
        Obligation,
        ObligationStatus,
        _deadline_duty,
    )

    h = p.timeline
    rule = RULES["pa-s71-performance"]
    na = ObligationStatus.NOT_APPLICABLE
    if h.kpis == 0:
        return [Obligation(p.id, _DUTY, rule, na, notice="UK9", note="no KPIs were set")]
    why = _not_under_s52(p)
    if why is not None:
        return [
            Obligation(
                p.id,
                _DUTY,
                rule,
                na,
                notice="UK9",
                note=f"KPIs were set, but not under s.52(1): {why}; s.71(2) applies only where "
                "KPIs were set under s.52(1) (s.71(1))",
            )
        ]
    if gate is not None:
        blocked = gate(_DUTY, rule.key, on if h.ended_on is None else h.ended_on)
        if blocked is not None:
            return [blocked]
    if h.ended_on is None:
        last = _last_assessment_notice(h)
        since = entered if last is None else last
        note = ""
        if in_force_from is not None and since < in_force_from:
            since, note = in_force_from, _IN_FORCE_READING
        due = _assessment_due(since)
        return [
            _deadline_duty(
                p.id, _DUTY + " at least every 12 months", rule.key, due, None, on, "UK9", note
            )
        ]
    due = _notice_deadline(h.ended_on).due_by
    return [
        _deadline_duty(
            p.id,
            _DUTY + " on termination",
            rule.key,
            due,
            _first_on_or_after(h, "UK9", h.ended_on),
            on,
            "UK9",
            "UNCONFIRMED: s.71(2) sets no time limit for the assessment on termination; the "
            "30 days of s.71(5) are applied, and an expiry is treated as a termination",
        )
    ]


def _last_assessment_notice(h: History) -> pendulum.Date | None:
    """The day of the latest UK9 that reported a KPI assessment (not only a breach).

    A UK9 reports an assessment when one was made since the previous UK9 (the rule of
    the guard ``pa-s71-assessment-before-notice``); a UK9 published only for a breach
    does not restart the 12-month cadence.
    """
    last = None
    previous = None
    for n in h.notices:
        if n.code != "UK9":
            continue
        day = n.published_on
        if any(a <= day and (previous is None or a >= previous) for a in h.assessments):
            last = day
        previous = day
    return last


def breach_duties(
    p: Procurement, on: pendulum.Date, *, gate: Gate | None = None
) -> list[Obligation]:
    """One s.71(5) duty per breach or failure recorded: UK9, or UK11 for a full termination.

    ``gate`` (see `Gate`) may list a duty as not owed instead, judged on the day
    s.71(5) first applied.
    """
    from ._obligations import _deadline_duty  # noqa: PLC0415 - _obligations imports this module

    h = p.timeline
    out = []
    for b in h.life.breaches:
        deadline = _notice_deadline(b.triggered_on)
        notes = list(deadline.notes)
        if p.procedure.key == "pa-below-threshold":
            notes.append(
                "UNCONFIRMED: the reference does not say whether s.71 reaches below-threshold "
                "contracts; the duty is reported cautiously"
            )
        what = f"({b.description})" if b.description else ""
        if b.outcome is BreachOutcome.TERMINATION:
            duty = (
                "publish the contract termination notice (UK11) with the breach that ended "
                f"the contract on {_d(b.triggered_on)} {what}".rstrip()
            )
            key, notice = "pa-s71-breach-termination", "UK11"
        else:
            if b.outcome is None:
                event = "breach or failure"
                notes.append(
                    "the outcome (s.71(3)-(4)) was not recorded: counted from the day recorded"
                )
            else:
                event = b.outcome.value
            duty = (
                f"publish a contract performance notice (UK9) on the {event} of "
                f"{_d(b.triggered_on)} {what}".rstrip()
            )
            key, notice = "pa-s71-breach", "UK9"
        blocked = None if gate is None else gate(duty, key, b.triggered_on)
        if blocked is not None:
            out.append(blocked)
            continue
        out.append(
            _deadline_duty(
                p.id,
                duty,
                key,
                deadline.due_by,
                _first_on_or_after(h, notice, b.triggered_on),
                on,
                notice,
                "; ".join(notes),
            )
        )
    return out


def modification_duties(
    p: Procurement, on: pendulum.Date, *, gate: Gate | None = None
) -> list[Obligation]:
    """A copy of the modified contract (or the modification) for each qualifying modification (s.77).

    ``gate`` (see `Gate`) may list a duty as not owed instead, judged on the day
    of the modification.
    """
    from ._obligations import _deadline_duty  # noqa: PLC0415 - _obligations imports this module

    h = p.timeline
    mods = h.life.modifications
    out = []
    for i, m in enumerate(mods):
        qualifying, why = qualifying_modification(p.facts, m, mods[:i], procedure=p.procedure.key)
        if not qualifying:
            continue
        duty = (
            "publish a copy of the contract as modified (or of the modification) of "
            f"{_d(m.made_on)}"
        )
        blocked = None if gate is None else gate(duty, "pa-s77-modification-copy", m.made_on)
        if blocked is not None:
            out.append(blocked)
            continue
        done = None
        for name, day in h.other_notices:
            if name == "modified_contract" and day >= m.made_on:
                done = day
                break
        out.append(
            _deadline_duty(
                p.id,
                duty,
                "pa-s77-modification-copy",
                m.made_on.add(days=89),  # 90 days beginning with the day it was made
                done,
                on,
                None,
                f"a qualifying modification: {why}",
            )
        )
    return out
