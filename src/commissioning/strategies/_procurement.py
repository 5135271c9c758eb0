"""Hypothesis strategies for procurements: facts, plausible event data, and valid walks.

[`procurements`][commissioning.strategies.procurements] drives a new procurement through its procedure by random
allowed steps with plausible data and computed dates, so every procurement it
returns was built by the guards (refused steps are skipped).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pendulum
from hypothesis import strategies as st

from commissioning import CommissioningError
from commissioning.procurement import (
    KPI_RATINGS,
    PROCEDURES,
    SCHEDULE_5_JUSTIFICATIONS,
    Lot,
    Procedure,
    Procurement,
    ProcurementFacts,
)
from commissioning.thresholds import PA_COMMENCEMENT, AuthorityType, ContractType, Regime

__all__ = ["procurement_event_data", "procurement_facts", "procurement_lots", "procurements"]

_PCR_FIRST = pendulum.Date(2024, 1, 1)
_PA_LAST = pendulum.Date(2029, 12, 31)


def _fits(facts: ProcurementFacts, procedure: Procedure) -> bool:
    if procedure.regime is not Regime.PSR_2023 and facts.regime is not procedure.regime:
        return False
    if procedure.key == "pa-below-threshold" and facts.above_threshold:
        return False
    return not (procedure.key == "pa-light-touch" and not facts.light_touch)


@st.composite
def procurement_lots(
    draw: st.DrawFn, *, total: Decimal | str, max_lots: int = 6
) -> tuple[Lot, ...]:
    """One to ``max_lots`` lots with distinct ids whose values add up to at most ``total``.

    Some lots give good reasons to be valued on their own (Sch 3 para 4(2)).

    Examples:
        >>> from hypothesis import given
        >>> @given(procurement_lots(total="600000"))
        ... def test(lots): assert sum(lot.value_including_vat for lot in lots) <= 600000
        >>> test()
    """
    whole = Decimal(total)
    count = draw(st.integers(1, max(1, max_lots)))
    shares = draw(st.lists(st.integers(1, 100), min_size=count, max_size=count))
    spent = Decimal(draw(st.sampled_from([100, 100, 90, 50])))
    scale = whole * spent / 100 / sum(shares)
    titles = ["Hot meals", "Frozen meals", "Snacks", "Deliveries", "Support", "Training"]
    return tuple(
        Lot(
            str(i + 1) if draw(st.booleans()) else f"LOT-{i + 1:04d}",
            titles[i % len(titles)],
            (scale * share).quantize(Decimal("0.01"), rounding="ROUND_FLOOR"),
            valued_alone=draw(st.sampled_from([None, None, None, "a separate market"])),
        )
        for i, share in enumerate(shares)
    )


@st.composite
def procurement_facts(
    draw: st.DrawFn,
    *,
    regimes: st.SearchStrategy[Regime] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    divided: st.SearchStrategy[bool] | None = None,
) -> ProcurementFacts:
    """Facts of a procurement commenced under one of ``regimes`` (default: PA or PCR).

    ``divided`` draws whether the procurement is divided into lots
    ([`procurement_lots`][commissioning.strategies.procurement_lots]); by default it is not.

    Examples:
        >>> from hypothesis import given
        >>> @given(procurement_facts())
        ... def test(facts): assert facts.value_including_vat >= 0
        >>> test()
    """
    regime = draw(
        regimes if regimes is not None else st.sampled_from([Regime.PA_2023, Regime.PCR_2015])
    )
    if regime is Regime.PCR_2015:
        commenced = draw(st.dates(_PCR_FIRST, PA_COMMENCEMENT.subtract(days=1)))
    else:
        commenced = draw(st.dates(PA_COMMENCEMENT, _PA_LAST))
    value = draw(
        values
        if values is not None
        else st.integers(1_000, 12_000_000).map(lambda n: Decimal(n).quantize(Decimal("0.01")))
    )
    light_touch = draw(st.booleans()) if regime is not Regime.PCR_2015 else False
    return ProcurementFacts(
        title=draw(
            st.sampled_from(["Meals on wheels", "Road resurfacing", "Laptops", "Home care"])
        ),
        buyer=draw(st.sampled_from(["Anytown Council", "Department for Examples"])),
        authority=draw(
            st.sampled_from([AuthorityType.CENTRAL_GOVERNMENT, AuthorityType.SUB_CENTRAL])
        ),
        contract_type=ContractType.LIGHT_TOUCH
        if light_touch
        else draw(st.sampled_from([ContractType.GOODS, ContractType.SERVICES, ContractType.WORKS])),
        value_including_vat=value,
        commenced_on=pendulum.Date(commenced.year, commenced.month, commenced.day),
        electronic_submission=draw(st.booleans()),
        all_documents_available=draw(st.booleans()),
        urgency=draw(st.booleans()),
        kpis_not_appropriate=draw(st.sampled_from([None, None, "a one-off delivery"])),
        lots=draw(procurement_lots(total=value)) if divided is not None and draw(divided) else (),
    )


def _day(on: pendulum.Date, days: int) -> str:
    return on.add(days=days).isoformat()


@st.composite
def procurement_event_data(
    draw: st.DrawFn, *, procurement: Procurement, event: str, at: dt.datetime
) -> dict[str, Any]:
    """Plausible data for ``event`` on ``procurement`` at ``at`` (the guards may still refuse it).

    Deadlines fall 5 to 45 days ahead, values near the estimate, KPIs 0 to 4,
    and so on: enough variety to meet each guard on both sides.
    """
    p = procurement
    on = pendulum.Date(at.year, at.month, at.day)
    value = p.timeline.contract_value or p.facts.value_including_vat
    ahead = st.integers(5, 45)
    two_stage = "participation" in p.procedure.definition.state_names and p.state == "planning"
    if event in {"publish_UK4", "publish_contract_notice"}:
        key = "participation_deadline" if two_stage else "tender_deadline"
        out: dict[str, Any] = {key: _day(on, draw(ahead))}
        if draw(st.booleans()):
            out["no_engagement_notice_reasons"] = "engagement was informal"
        if p.procedure.key == "pa-dynamic-market-award":
            out["dynamic_market"] = "DM-1"
        return out
    if event in {"shortlist", "invite_tenders", "invite_call_off", "invite_members", "start_round"}:
        out = {"tender_deadline": _day(on, draw(ahead))}
        if event == "invite_members":
            out["dynamic_market"] = "DM-1"
            if draw(st.booleans()):
                out["qualifying_utilities_dynamic_market"] = True
        return out
    award: dict[str, Any] = {
        "supplier": draw(st.sampled_from(["Acme Ltd", "Beta Services"])),
        "value_including_vat": str(value),
    }
    if event in {"publish_UK5", "select_supplier"}:
        return {**award, "justification": draw(st.sampled_from(sorted(SCHEDULE_5_JUSTIFICATIONS)))}
    if event in {
        "publish_UK6",
        "publish_award_decision",
        "publish_intention_notice",
        "decide_award",
    }:
        if draw(st.integers(0, 3)) == 0:
            award["voluntary_standstill_days"] = draw(st.integers(8, 12))
        return award
    if event == "enter_contract":
        return {
            "value_including_vat": str(value),
            "kpis": [f"KPI {i}" for i in range(draw(st.integers(0, 4)))],
        }
    if event == "switch_to_direct_award":
        return {"reason": "no suitable tenders were received"}
    if event == "justify_negotiated":
        return {"ground": draw(st.sampled_from(["no_suitable_tenders", "extreme_urgency", "none"]))}
    if event == "assess_performance":
        return {"ratings": [{"kpi": "KPI 0", "rating": draw(st.sampled_from(sorted(KPI_RATINGS)))}]}
    if event == "amend_tender_notice":
        h = p.timeline
        field, current = (
            ("participation_deadline", h.participation_deadline)
            if h.tender_deadline is None
            else ("tender_deadline", h.tender_deadline)
        )
        amendment: dict[str, Any] = {
            "description": draw(st.sampled_from(["specification clarified", "deadline moved", ""]))
        }
        if draw(st.integers(0, 3)) > 0:
            base = current if current is not None else on
            amendment[field] = _day(base, draw(st.integers(-12, 15)))
        return amendment
    if event == "record_breach":
        return draw(_breach_data(on))
    if event == "record_payment":
        return {"amount": str(draw(st.integers(1, 100_000))) + ".00"}
    if event in {"publish_UK10", "modify_contract"}:
        return draw(_change_data(p, event, value))
    if event == "receive_representations":
        return {"provider": draw(st.sampled_from(["Beta Care", " "]))}
    if event == "communicate_decision":
        return {"decision": draw(st.sampled_from(["proceed", "proceed", "repeat", "abandon", "?"]))}
    if event == "end_contract":
        return {"reason": draw(st.sampled_from(["expiry", "termination"]))}
    if event == "abandon":
        return {"reason": "the need went away"}
    return {}


@st.composite
def _breach_data(draw: st.DrawFn, on: pendulum.Date) -> dict[str, Any]:
    """A breach or failure with what brought s.71(5) into play (some outcomes invalid)."""
    outcomes = [
        "damages",
        "settlement",
        "partial termination",
        "failure to improve",
        "termination",
        "none",
    ]
    breach: dict[str, Any] = {
        "description": draw(
            st.sampled_from(["late delivery not remedied", "damages agreed", "   "])
        ),
        "outcome": draw(st.sampled_from(outcomes)),
    }
    if draw(st.booleans()):
        breach["outcome_on"] = _day(on, -draw(st.integers(-2, 20)))
    return breach


@st.composite
def _change_data(draw: st.DrawFn, p: Procurement, event: str, value: Decimal) -> dict[str, Any]:
    """A contract change notice or a modification, with a s.74 ground (some invalid)."""
    pending = p.timeline.pending_change
    if event == "modify_contract" and pending is not None and draw(st.booleans()):
        return {
            "value_including_vat": pending.get("value_including_vat", str(value)),
            "changes_scope": False,
            "shifts_economic_balance": False,
        }
    grounds = ["not-substantial", "below-threshold", "sch8-para4", "sch8-para8", "none"]
    factor = Decimal(draw(st.integers(80, 130))) / 100
    change: dict[str, Any] = {
        "value_including_vat": str((value * factor).quantize(Decimal("0.01"))),
        "ground": draw(st.sampled_from(grounds)),
    }
    if event == "publish_UK10":
        change["ground_explanation"] = "circumstances changed"
        if draw(st.booleans()):
            change["voluntary_standstill_days"] = 8
    else:
        change.update(changes_scope=False, shifts_economic_balance=False, related_to=[])
    return change


@st.composite
def procurements(
    draw: st.DrawFn,
    *,
    procedures: st.SearchStrategy[str] | None = None,
    max_steps: int = 40,
    breaches: bool = False,
    amendments: bool = False,
    modified_contracts: bool = False,
    lots: bool = False,
) -> Procurement:
    """A procurement driven through its procedure by up to ``max_steps`` allowed random steps.

    The number of allowed steps is drawn uniformly from 0 to ``max_steps``, so
    procurements past award (in standstill, mobilisation, delivery or closed)
    are about as common as those still in planning or tendering. Each step picks an event the current state allows (two times in three one
    that leaves the state, when there is one), plausible data
    ([`procurement_event_data`][commissioning.strategies.procurement_event_data]) and a moment 0 to 40 days later; steps the guards refuse
    are skipped, so the result was built by the rules. Breaches and failures
    (``record_breach``, PA s.71) are recorded only with ``breaches=True``: the OCDS
    export does not carry them yet, so by default export then import gives back
    the same procurement. Tender notice amendments (``amend_tender_notice``) are
    likewise made only with ``amendments=True``, and copies of modified contracts
    (``publish_modified_contract``, PA s.77), which OCDS does not carry yet, only with
    ``modified_contracts=True``. With ``lots=True`` the procurement is divided into lots
    and each step is taken for one lot (or, sometimes, every lot in progress), so lots
    reach different states.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(procurements(procedures=st.just("pa-open")))
        ... def test(p): assert p.version == len(p.history)
        >>> test()
    """
    key = draw(procedures if procedures is not None else st.sampled_from(sorted(PROCEDURES)))
    proc = PROCEDURES[key]
    facts = draw(
        procurement_facts(divided=st.just(lots) if lots else None).filter(lambda f: _fits(f, proc))
    )
    start = dt.datetime(
        facts.commenced_on.year, facts.commenced_on.month, facts.commenced_on.day, 9, tzinfo=dt.UTC
    )
    p, _ = Procurement.start(f"{key}-walk", facts=facts, procedure=proc, at=start, actor="strategy")
    at = start
    # Count allowed steps, not attempts, and draw how many uniformly (not biased to
    # small numbers): so late states (award, contract, delivery) are reached as often
    # as early ones. Refused attempts are capped so that a walk always ends.
    wanted = draw(st.sampled_from(range(max_steps + 1)))
    taken = attempts = 0
    while taken < wanted and attempts < 3 * max_steps and not p.is_final:
        attempts += 1
        lot: str | None = None
        view = p
        if p.lot_views:
            open_lots = [lot_id for lot_id, v in p.lots.items() if not v.is_final]
            lot = draw(st.sampled_from([*open_lots, None]))
            view = p if lot is None else p.lots[lot]
        events = [
            e
            for e in p.procedure.definition.events_from(view.state)
            if e != "abandon"
            and (breaches or e != "record_breach")
            and (amendments or e != "amend_tender_notice")
            and (modified_contracts or e != "publish_modified_contract")
        ]
        if not events or draw(st.integers(0, 49)) == 0:
            events.append("abandon")
        # Steps that stay put (engagement, planning notices, payments) are as likely as any
        # other when drawn uniformly, so walks idle in planning; two times in three a step
        # that leaves the state is drawn, when there is one.
        definition = p.procedure.definition
        leaving = [
            e
            for e in events
            if e != "abandon"
            and any(t.target != view.state for t in definition.transitions_for(view.state, e))
        ]
        prefer_leaving = bool(leaving) and draw(st.integers(0, 2)) > 0
        event = draw(st.sampled_from(leaving if prefer_leaving else events))
        at = at + dt.timedelta(days=draw(st.integers(0, 40)), hours=draw(st.integers(0, 8)))
        data = draw(
            procurement_event_data(
                procurement=p.lots[lot] if lot is not None else view, event=event, at=at
            )
        )
        try:
            p, _ = p.act(event, at=at, actor="walker", data=data, lots=lot)
        except CommissioningError:
            continue
        taken += 1
    return p


st.register_type_strategy(ProcurementFacts, procurement_facts())
st.register_type_strategy(Procurement, procurements())
st.register_type_strategy(Lot, procurement_lots(total="1000000").map(lambda lots: lots[0]))
