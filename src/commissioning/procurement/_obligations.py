"""Obligations at a date: every duty of one or many procurements, its due date, status and rule.

What a contract manager looks at every morning. Each duty comes from a rule
([`Rule`][commissioning.procurement.Rule]); due dates come from
``commissioning.periods``; the status is ``done``, ``due``, ``overdue`` or
``not applicable``. Duties appear once the event that creates them has happened
(a contract details notice is listed once the contract is entered into).

Two tables of data decide whether a duty is owed at all, never special cases
here: commencement ([`PA_COMMENCEMENTS`][commissioning.procurement.PA_COMMENCEMENTS]:
nothing is owed under a section before it is in force) and exemptions
([`PA_EXEMPTIONS`][commissioning.procurement.PA_EXEMPTIONS]: a duty the Act takes away
in the procurement's circumstances is reported ``not applicable`` with the
provision that removes it). Users may pass their own tables.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pendulum

from .._errors import InvalidInputType, Problem
from .._time import as_date
from ..periods import (
    NoticeDeadline,
    pa_contract_copy_deadline,
    pa_contract_details_deadline,
    pa_payments_notice_deadline,
    pa_termination_notice_deadline,
    pcr_contract_award_notice_deadline,
    psr_award_notice_deadline,
)
from ..thresholds import AuthorityType, Regime
from ._commencement import PA_COMMENCEMENTS, CommencementTable, Devolution
from ._context import History
from ._exemptions import (
    ExemptionTable,
    check_exemption_table,
    circumstances_of,
)
from ._life_duties import Gate, breach_duties, modification_duties, performance_duties
from ._procurement import Procurement
from ._psr import standstill_end as psr_standstill_end
from ._rules import RULES, Rule

__all__ = ["Obligation", "ObligationStatus", "obligations", "overdue"]

_PAYMENT_NOTICE_FLOOR = Decimal("30000.00")
_LONDON = ZoneInfo("Europe/London")

# The periods functions are pure; a contract book repeats the same days many times, so their
# answers are memoised (bounded caches of immutable values, invisible to callers).
_details_due = functools.lru_cache(maxsize=8192)(
    lambda entered, light: (
        pa_contract_details_deadline(entered_on=entered, light_touch=light).due_by
    )
)
_copy_deadline = functools.lru_cache(maxsize=8192)(
    lambda entered, value, light: pa_contract_copy_deadline(
        entered_on=entered, value_including_vat=value, light_touch=light
    )
)
_termination_due = functools.lru_cache(maxsize=8192)(
    lambda day: pa_termination_notice_deadline(terminated_on=day).due_by
)
_DIRECT_OR_COMPETITIVE = frozenset(
    {"pa-open", "pa-competitive-flexible", "pa-light-touch", "pa-direct-award"}
)


class ObligationStatus(enum.Enum):
    """Where a duty stands on the day asked about.

    Examples:
        >>> ObligationStatus.OVERDUE.value
        'overdue'
    """

    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_APPLICABLE = "not applicable"


@attrs.frozen
class Obligation:
    """One duty of one procurement on a day: what, by when, its status, and the rule.

    Attributes:
        procurement_id: the procurement it belongs to.
        duty: what must be done, in words.
        rule: the rule that creates it.
        status: done, due, overdue or not applicable.
        due_on: the last day to do it; ``None`` where the rule sets no date
            ("before the tender notice", "as soon as reasonably practicable").
        done_on: the day it was done, if it was.
        notice: the notice code it concerns (``"UK7"``), if any.
        note: why it is not applicable, or a caveat.
        lot: for a procurement divided into lots, the lot whose contract owes it
            (each lot's contract has its own duties); ``None`` otherwise.

    Examples:
        >>> import pendulum
        >>> from commissioning.procurement import rule
        >>> o = Obligation("meals", "publish the contract details notice (UK7)",
        ...     rule("pa-s53-contract-details"), ObligationStatus.OVERDUE, pendulum.Date(2026, 5, 15))
        >>> o.is_overdue, str(o)
        (True, 'meals: publish the contract details notice (UK7) by Fri 15 May 2026: overdue (Procurement Act 2023 s.53(1))')
    """

    procurement_id: str
    duty: str
    rule: Rule
    status: ObligationStatus
    due_on: pendulum.Date | None = None
    done_on: pendulum.Date | None = None
    notice: str | None = None
    note: str = ""
    lot: str | None = None

    @property
    def is_overdue(self) -> bool:
        """Whether it is overdue."""
        return self.status is ObligationStatus.OVERDUE

    def __str__(self) -> str:
        word = "until" if "standstill" in self.duty else "by"
        when = (
            ""
            if self.due_on is None
            else f" {word} {self.due_on:%a} {self.due_on.day} {self.due_on:%b %Y}"
        )
        who = self.procurement_id if self.lot is None else f"{self.procurement_id} lot {self.lot}"
        return f"{who}: {self.duty}{when}: {self.status.value} ({self.rule.citation})"


_DONE = ObligationStatus.DONE
_DUE = ObligationStatus.DUE
_OVERDUE = ObligationStatus.OVERDUE
_NA = ObligationStatus.NOT_APPLICABLE


def _deadline_duty(
    pid: str,
    duty: str,
    rule_key: str,
    due_on: pendulum.Date,
    done_on: pendulum.Date | None,
    on: pendulum.Date,
    notice: str | None,
    note: str = "",
) -> Obligation:
    if done_on is not None:
        status = _DONE
    elif on > due_on:
        status = _OVERDUE
    else:
        status = _DUE
    return Obligation(pid, duty, RULES[rule_key], status, due_on, done_on, notice, note)


def _first_on_or_after(h: History, code: str, day: pendulum.Date) -> pendulum.Date | None:
    for n in h.notices:
        if n.code == code and n.published_on >= day:
            return n.published_on
    return None


def _quarter_end(day: pendulum.Date) -> pendulum.Date:
    month = ((day.month - 1) // 3) * 3 + 3
    return pendulum.Date(day.year, month, 1).end_of("month")


@attrs.frozen
class _Tables:
    """The data the view consults: commencement and exemptions."""

    commencement: CommencementTable
    exemptions: ExemptionTable


_STATUTORY = _Tables(PA_COMMENCEMENTS, check_exemption_table(None))


def _not_in_force(
    pid: str,
    duty: str,
    rule_key: str,
    provision: str,
    tables: _Tables,
    *,
    welsh: bool,
    notice: str | None,
) -> Obligation:
    return Obligation(
        pid,
        duty,
        RULES[rule_key],
        _NA,
        notice=notice,
        note=tables.commencement.row(provision).describe(welsh=welsh),
    )


def _exempt(
    out: list[Obligation], circumstances: frozenset[Any], tables: _Tables
) -> list[Obligation]:
    """Every duty the exemption table removes in ``circumstances`` becomes not applicable, with why."""
    if not circumstances:
        return out
    result = []
    for o in out:
        exemption = tables.exemptions.exemption(o.rule.key, circumstances)
        if exemption is None or o.status is _NA:
            result.append(o)
        else:
            result.append(
                Obligation(
                    o.procurement_id,
                    o.duty,
                    o.rule,
                    _NA,
                    None,
                    o.done_on,
                    o.notice,
                    str(exemption),
                )
            )
    return result


def _pa(
    p: Procurement, on: pendulum.Date, tables: _Tables, *, whole: Procurement
) -> list[Obligation]:
    h = p.timeline
    pid = p.id
    key = p.procedure.key
    out: list[Obligation] = []
    if key in _DIRECT_OR_COMPETITIVE and not (
        h.abandoned_on and not (h.has("UK4") or h.has("UK5"))
    ):
        notice = "UK5" if key == "pa-direct-award" else "UK4"
        out.append(
            Obligation(
                pid,
                f"prepare a conflicts assessment before the {'transparency' if notice == 'UK5' else 'tender'} notice",
                RULES["pa-s83-conflicts"],
                _DONE if h.conflicts_assessed_on is not None else _DUE,
                None,
                h.conflicts_assessed_on,
                notice,
            )
        )
    if h.engaged_on is not None:
        uk2 = h.last("UK2")
        uk4 = h.last("UK4")
        reasons = uk4 is not None and bool(uk4.content.get("no_engagement_notice_reasons"))
        out.append(
            Obligation(
                pid,
                "publish a preliminary market engagement notice (UK2) before the tender notice, "
                "or give reasons in it",
                RULES["pa-s17-engagement"],
                _DONE if uk2 is not None or reasons else _DUE,
                None,
                uk2.published_on
                if uk2 is not None
                else (uk4.published_on if reasons and uk4 else None),
                "UK2",
                "reasons given in the tender notice" if reasons and uk2 is None else "",
            )
        )
    if key != "pa-below-threshold" and "publish_UK4" in p.procedure.definition.events_from(
        "planning"
    ):
        out.append(_lots_considered(p, divided_into=len(whole.facts.lots)))
    if key == "pa-below-threshold":
        out.append(_below_threshold_notice(p))
    if key == "pa-dynamic-market":
        out.extend(_market(p))
    circumstances = circumstances_of(p.facts, procedure=key, history=h)
    out.extend(
        _standstill(
            p,
            on,
            exempt=tables.exemptions.exemption("pa-s51-standstill", circumstances) is not None,
        )
    )
    entered = h.contract_entered_on
    if entered is not None:
        out.extend(_after_entry(p, on, entered, tables))
    # s.40(7): a tender notice given to dynamic market members counts as published
    given = key == "pa-dynamic-market-award" and h.invited_on is not None
    if h.abandoned_on is not None and (h.has("UK4") or h.has("UK5") or given):
        uk12 = h.last("UK12")
        out.append(
            Obligation(
                pid,
                "publish a procurement termination notice (UK12) as soon as reasonably practicable",
                RULES["pa-s55-procurement-termination"],
                _DONE if uk12 is not None else _DUE,
                None,
                None if uk12 is None else uk12.published_on,
                "UK12",
            )
        )
    return _exempt(out, circumstances, tables)


def _lots_considered(p: Procurement, *, divided_into: int) -> Obligation:
    """Considering lots before the tender notice (PA s.18).

    Done when the procurement is divided into lots, or when the tender notice
    (UK4) records the consideration: ``lots_considered`` (``True``: one contract was
    judged right, so s.18(2) is not engaged) or ``no_lots_reasons`` (the reasons
    for not using lots, s.18(2)(b)). Otherwise due; the Act sets no date beyond
    "before publishing a tender notice", so, as for s.17, it stays due rather than
    overdue once the notice is out without a record. UNCONFIRMED: the content keys
    are the library's; the Act does not say where the consideration is recorded
    (s.98 record-keeping covers it).
    """
    uk4 = p.timeline.last("UK4")
    done_on = None if uk4 is None else uk4.published_on
    if divided_into:
        status, note = _DONE, f"divided into {divided_into} lots"
    elif (
        uk4 is not None
        and isinstance(uk4.content.get("no_lots_reasons"), str)
        and str(uk4.content["no_lots_reasons"]).strip()
    ):
        status, note = _DONE, "reasons for not using lots given in the tender notice"
    elif uk4 is not None and uk4.content.get("lots_considered") is True:
        status, note = _DONE, "considered: one contract (s.18(2) not engaged)"
    else:
        status, note, done_on = (
            _DUE,
            "record it in the tender notice: lots_considered or no_lots_reasons",
            None,
        )
    return Obligation(
        p.id,
        "consider lots before the tender notice, and award by lots or give reasons",
        RULES["pa-s18-lots"],
        status,
        None,
        done_on,
        "UK4",
        note,
    )


_BELOW_THRESHOLD_READING = (
    "UNCONFIRMED: the notice code; the library reads the below-threshold tender notice "
    "(s.87(1)) as a UK4 published before advertising the opportunity, not owed when only "
    "particular or pre-selected suppliers are invited (s.87(2)) or the contract is awarded "
    "without advertising it"
)


def _below_threshold_notice(p: Procurement) -> Obligation:
    """The below-threshold tender notice (PA s.87(1), (4)): from £12,000 (central government) or £30,000.

    The value is the estimate, VAT included (``commissioning.thresholds``). Done
    when the tender notice (UK4) is published; not applicable below the trigger,
    or once the contract is awarded (or the procurement dropped) without one.
    Concessions, utilities contracts, schools and transferred Northern Ireland
    procurements are outside Part 6 (s.84): the exemption table says so.
    """
    h = p.timeline
    facts = p.facts
    threshold = facts.threshold
    duty = "publish a below-threshold tender notice (UK4) before advertising the opportunity"
    rule_ = RULES["pa-s87-below-threshold-notice"]
    caveats = "; ".join((_BELOW_THRESHOLD_READING, *threshold.notes))
    if not _notifiable(facts):
        floor = "£12,000" if facts.authority is AuthorityType.CENTRAL_GOVERNMENT else "£30,000"
        return Obligation(
            p.id,
            duty,
            rule_,
            _NA,
            notice="UK4",
            note=f"the estimated value £{facts.value_including_vat:,} (VAT included) is below "
            f"{floor}: no below-threshold notice duty (not a notifiable below-threshold "
            "contract, s.87(4))",
        )
    uk4 = h.last("UK4")
    if uk4 is not None:
        return Obligation(p.id, duty, rule_, _DONE, None, uk4.published_on, "UK4", caveats)
    if h.award is not None or h.contract_entered_on is not None or h.abandoned_on is not None:
        return Obligation(
            p.id,
            duty,
            rule_,
            _NA,
            notice="UK4",
            note="the opportunity was not advertised (awarded or dropped without a tender "
            f"notice); {caveats}",
        )
    return Obligation(p.id, duty, rule_, _DUE, notice="UK4", note=caveats)


def _notifiable(facts: Any) -> bool:
    """At or above the s.87(4) trigger, whatever s.84 says (the exemption table applies s.84)."""
    from ..thresholds import below_threshold_notice_required  # noqa: PLC0415 - small, local

    return below_threshold_notice_required(
        value_including_vat=facts.value_including_vat, authority=facts.authority
    )


_MARKET_NOTICES = {
    "establish": ("UK14", "publish the dynamic market establishment notice (UK14)"),
    "modify_market": ("UK15", "publish the dynamic market modification notice (UK15)"),
    "cease": ("UK16", "publish the dynamic market cessation notice (UK16)"),
}


def _market(p: Procurement) -> list[Obligation]:
    """Dynamic market notices: each as soon as reasonably practicable after the act (s.39)."""
    h = p.timeline
    out = []
    for event, day in h.market_events:
        code, duty = _MARKET_NOTICES[event]
        done = _first_on_or_after(h, code, day)
        out.append(
            Obligation(
                p.id,
                f"{duty} as soon as reasonably practicable",
                RULES["pa-s39-dynamic-market-notices"],
                _DONE if done is not None else _DUE,
                None,
                done,
                code,
            )
        )
    return out


def _standstill(p: Procurement, on: pendulum.Date, *, exempt: bool = False) -> list[Obligation]:
    """The standstill before entry; ``exempt``: a PA award exempt under s.51(3) (voluntary only)."""
    h = p.timeline
    if h.award_notice_on is None:
        return []
    rule_key = {"pcr": "pcr-reg87-standstill", "psr": "psr-reg12-standstill"}.get(
        p.procedure.standstill,
        "pa-s51-voluntary-standstill" if exempt else "pa-s51-standstill",
    )
    if h.standstill_last_day is None:
        return [
            Obligation(
                p.id,
                "observe the standstill before entering into the contract",
                RULES[rule_key],
                _NA,
                note="no standstill applies to this award (exempt, s.51(3), and none volunteered)",
            )
        ]
    last = h.standstill_last_day
    note = f"the contract may be entered into from {dt.date.fromordinal(last.toordinal() + 1)}"
    if p.procedure.standstill == "psr" and h.life.psr.representations:
        held, _ = psr_standstill_end(h)  # reg 12(10): held open by representations
        if held is None:
            return [
                Obligation(
                    p.id,
                    "observe the standstill before entering into the contract",
                    RULES["psr-reg12-representations"],
                    _DUE if h.contract_entered_on is None else _DONE,
                    note="written representations were received: the standstill is held open "
                    "until the authority decides again, tells the providers, and 5 working days "
                    "pass (reg 12(10))",
                )
            ]
        last = held
        rule_key = "psr-reg12-representations"
        note = (
            "held open by representations until 5 working days after the last further "
            f"decision; the contract may be entered into from {last.add(days=1)}"
        )
    ended = on > last
    return [
        Obligation(
            p.id,
            "observe the standstill before entering into the contract",
            RULES[rule_key],
            _DONE if ended or h.contract_entered_on is not None else _DUE,
            last,
            last if ended else None,
            note=note,
        )
    ]


def _after_entry(
    p: Procurement, on: pendulum.Date, entered: pendulum.Date, tables: _Tables
) -> list[Obligation]:
    h = p.timeline
    facts = p.facts
    pid = p.id
    out: list[Obligation] = []
    uk7 = h.last("UK7")
    if p.procedure.key == "pa-below-threshold":
        duty = "publish a contract details notice (UK7) as soon as reasonably practicable"
        if not _notifiable(facts):
            out.append(
                Obligation(
                    pid,
                    duty,
                    RULES["pa-s87-below-threshold-details"],
                    _NA,
                    notice="UK7",
                    note="below £12,000 (central government) or £30,000 (others): not a "
                    "notifiable below-threshold contract (s.87(4))",
                )
            )
        else:
            out.append(
                Obligation(
                    pid,
                    duty,
                    RULES["pa-s87-below-threshold-details"],
                    _DONE if uk7 is not None else _DUE,
                    None,
                    None if uk7 is None else uk7.published_on,
                    "UK7",
                    "s.87(3) sets no day: as soon as reasonably practicable after entering into it",
                )
            )
    else:
        due_by = _details_due(entered, facts.light_touch)
        out.append(
            _deadline_duty(
                pid,
                "publish the contract details notice (UK7)",
                "pa-s53-contract-details",
                due_by,
                None if uk7 is None else uk7.published_on,
                on,
                "UK7",
            )
        )
    value = h.contract_value if h.contract_value is not None else facts.value_including_vat
    copy = _copy_deadline(entered, value, facts.light_touch)
    if isinstance(copy, NoticeDeadline):
        out.append(
            _deadline_duty(
                pid,
                "publish a copy of the contract",
                "pa-s53-contract-copy",
                copy.due_by,
                h.contract_copy_on,
                on,
                None,
            )
        )
    else:
        out.append(
            Obligation(
                pid,
                "publish a copy of the contract",
                RULES["pa-s53-contract-copy"],
                _NA,
                note=copy.reason,
            )
        )
    welsh = facts.devolution is Devolution.WELSH
    out.extend(_performance(p, on, entered, tables, welsh=welsh))
    out.extend(_breaches(p, on, tables, welsh=welsh))
    out.extend(modification_duties(p, on))
    out.extend(_payments(p, on, tables, welsh=welsh))
    if h.ended_on is not None:
        termination_due = _termination_due(h.ended_on)
        uk11 = h.last("UK11")
        out.append(
            _deadline_duty(
                pid,
                "publish the contract termination notice (UK11)",
                "pa-s80-termination",
                termination_due,
                None if uk11 is None else uk11.published_on,
                on,
                "UK11",
            )
        )
    return out


_NOTICE_OF_RULE = {
    "pa-s71-performance": "UK9",
    "pa-s71-breach": "UK9",
    "pa-s71-breach-termination": "UK11",
}


def _in_force_gate(p: Procurement, tables: _Tables, provision: str, *, welsh: bool) -> Gate:
    """A gate listing a duty arising before ``provision`` came into force as not owed."""
    start = tables.commencement.row(provision).starts(welsh=welsh)

    def gate(duty: str, rule_key: str, day: pendulum.Date) -> Obligation | None:
        if start is not None and day >= start:
            return None
        return _not_in_force(
            p.id,
            duty,
            rule_key,
            provision,
            tables,
            welsh=welsh,
            notice=_NOTICE_OF_RULE.get(rule_key),
        )

    return gate


def _performance(
    p: Procurement, on: pendulum.Date, entered: pendulum.Date, tables: _Tables, *, welsh: bool
) -> list[Obligation]:
    """The s.71(1)-(2) KPI duty (`._life_duties`), from the day s.71 came into force.

    Where the exemption table removes s.71 (a private utility, s.71(7)), that is the
    reason given, before whether the KPIs were set under s.52(1).
    """
    h = p.timeline
    if h.kpis:
        circumstances = circumstances_of(p.facts, procedure=p.procedure.key, history=h)
        row = tables.exemptions.exemption("pa-s71-performance", circumstances)
        if row is not None:
            return [
                Obligation(
                    p.id,
                    "assess performance against the KPIs and publish a contract performance "
                    "notice (UK9)",
                    RULES["pa-s71-performance"],
                    _NA,
                    notice="UK9",
                    note=str(row),
                )
            ]
    return performance_duties(
        p,
        on,
        entered,
        gate=_in_force_gate(p, tables, "s.71", welsh=welsh),
        in_force_from=tables.commencement.row("s.71").starts(welsh=welsh),
    )


def _breaches(
    p: Procurement, on: pendulum.Date, tables: _Tables, *, welsh: bool
) -> list[Obligation]:
    """A s.71(5) notice (UK9, or UK11 for a full termination) for each breach or failure recorded.

    Not owed where s.71(5) first applied before s.71 came into force (1 January 2026); the
    exemption table removes it for light touch contracts (s.71(6)), private utilities
    (s.71(7)) and below-threshold contracts (s.3(2)).
    """
    return breach_duties(p, on, gate=_in_force_gate(p, tables, "s.71", welsh=welsh))


def _d(day: pendulum.Date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _payments(
    p: Procurement, on: pendulum.Date, tables: _Tables, *, welsh: bool
) -> list[Obligation]:
    """Payments information (s.70) for each quarter in which a payment of more than £30,000 was made.

    Only payments made while s.70 is in force count (1 April 2026; not yet for a
    procurement regulated by the Welsh Ministers). One duty per quarter, listed
    from the quarter's last day (day 1 of its 30 days); done by the first UK8
    published on or after that day.
    """
    h = p.timeline
    big = [day for day, amount in h.payments if amount > _PAYMENT_NOTICE_FLOOR]
    if not big:
        return []
    start = tables.commencement.row("s.70").starts(welsh=welsh)
    out = []
    early = [day for day in big if start is None or day < start]
    if early:
        out.append(
            _not_in_force(
                p.id,
                f"publish payments information (UK8) for {len(early)} payment(s) of more than "
                f"£30,000 made before s.70 was in force",
                "pa-s70-payments",
                "s.70",
                tables,
                welsh=welsh,
                notice="UK8",
            )
        )
    quarters = sorted({_quarter_end(day) for day in big if start is not None and day >= start})
    for quarter in quarters:
        if on < quarter:
            continue
        count = sum(
            1 for day in big if _quarter_end(day) == quarter and start is not None and day >= start
        )
        deadline = pa_payments_notice_deadline(quarter_end=quarter)
        out.append(
            _deadline_duty(
                p.id,
                f"publish payments information (UK8) for the quarter ending {quarter.isoformat()} "
                f"({count} payment(s) of more than £30,000)",
                "pa-s70-payments",
                deadline.due_by,
                _first_on_or_after(h, "UK8", quarter),
                on,
                "UK8",
                "; ".join(deadline.notes),
            )
        )
    return out


def _other_regime(p: Procurement, on: pendulum.Date) -> list[Obligation]:
    h = p.timeline
    out = _standstill(p, on)
    if h.contract_entered_on is not None:
        name = "contract_award_notice" if p.procedure.regime is Regime.PCR_2015 else "award_notice"
        key = "pcr-reg50-award-notice" if p.procedure.regime is Regime.PCR_2015 else "psr-notices"
        done = h.other(name)
        entered = h.contract_entered_on
        deadline = (
            pcr_contract_award_notice_deadline(concluded_on=entered)
            if p.procedure.regime is Regime.PCR_2015
            else psr_award_notice_deadline(awarded_on=entered)
        )
        out.append(
            _deadline_duty(
                p.id,
                f"publish the {name.replace('_', ' ')} within 30 days",
                key,
                deadline.due_by,
                done,
                on,
                None,
                "; ".join(deadline.notes),
            )
        )
    return out


def _one(
    p: Procurement, on: pendulum.Date, cutoff: dt.datetime, tables: _Tables
) -> list[Obligation]:
    if p.started_at >= cutoff:
        return []  # the procurement had not started by the end of that day: nothing yet
    if p.history and p.history[-1].occurred_at >= cutoff:
        p = p.as_of(at=cutoff - dt.timedelta(microseconds=1))
    if p.lot_views:
        # each lot's contract owes its own duties (PA s.18: several contracts)
        return [
            attrs.evolve(o, procurement_id=p.id, lot=lot_id)
            for lot_id, view in p.lots.items()
            for o in _judged(view, on, tables, whole=p)
        ]
    return _judged(p, on, tables, whole=p)


def _judged(
    p: Procurement, on: pendulum.Date, tables: _Tables, *, whole: Procurement
) -> list[Obligation]:
    """The duties of ``p``: a procurement, or one lot's own of ``whole`` (whose facts say it has lots)."""
    if p.procedure.regime is Regime.PA_2023:
        return _pa(p, on, tables, whole=whole)
    return _other_regime(p, on)


def _tables(commencement: Any, exemptions: Any) -> _Tables:
    if commencement is None and exemptions is None:
        return _STATUTORY
    if commencement is not None and not isinstance(commencement, CommencementTable):
        raise InvalidInputType(
            [Problem("commencement", "a CommencementTable or None", commencement, "type")]
        )
    return _Tables(
        PA_COMMENCEMENTS if commencement is None else commencement,
        check_exemption_table(exemptions),
    )


def obligations(
    procurements: Procurement | Iterable[Procurement],
    *,
    on: dt.date,
    commencement: CommencementTable | None = None,
    exemptions: ExemptionTable | None = None,
) -> tuple[Obligation, ...]:
    """Every duty of ``procurements`` (one or many) on day ``on``, with due date, status and rule.

    A procurement with events dated after ``on`` is judged as it stood at the end
    of that day. Order: procurements in the order given, duties in the order of
    the procedure; a procurement divided into lots owes each lot's contract's duties
    on their own, lot by lot, each [`Obligation`][commissioning.procurement.Obligation] naming its ``lot``. Nothing is owed under a section before it is in force
    (``commencement``, default [`PA_COMMENCEMENTS`][commissioning.procurement.PA_COMMENCEMENTS]), and a duty the Act
    removes in the procurement's circumstances is ``not applicable`` with the
    provision that says so (``exemptions``, default [`PA_EXEMPTIONS`][commissioning.procurement.PA_EXEMPTIONS]).

    Examples:
        >>> import datetime as dt, pendulum
        >>> from commissioning.procurement import Procurement, ProcurementFacts
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> t = dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC)
        >>> p, _ = Procurement.start("meals", facts=facts, procedure="pa-direct-award", at=t, actor="ann")
        >>> for o in obligations(p, on=pendulum.Date(2026, 2, 3)):
        ...     print(o)
        meals: prepare a conflicts assessment before the transparency notice: due (Procurement Act 2023 s.83)
    """
    day = as_date(on, field="on")
    tables = _tables(commencement, exemptions)
    next_day = day.add(days=1)
    cutoff = dt.datetime(next_day.year, next_day.month, next_day.day, tzinfo=_LONDON).astimezone(
        dt.UTC
    )
    if isinstance(procurements, Procurement):
        return tuple(_one(procurements, day, cutoff, tables))
    out: list[Obligation] = []
    for i, p in enumerate(procurements):
        if not isinstance(p, Procurement):
            raise InvalidInputType([Problem(f"procurements[{i}]", "a Procurement", p, "type")])
        out.extend(_one(p, day, cutoff, tables))
    return tuple(out)


def overdue(
    procurements: Procurement | Iterable[Procurement],
    *,
    on: dt.date,
    commencement: CommencementTable | None = None,
    exemptions: ExemptionTable | None = None,
) -> tuple[Obligation, ...]:
    """Only the overdue duties of ``procurements`` on day ``on`` (see [`obligations`][commissioning.procurement.obligations]).

    Examples:
        >>> overdue([], on=dt.date(2026, 5, 1))
        ()
    """
    return tuple(
        o
        for o in obligations(procurements, on=on, commencement=commencement, exemptions=exemptions)
        if o.status is _OVERDUE
    )
