"""What the guards judge: the procurement's facts, what has happened so far, and the moment.

[`History`][commissioning.procurement.History] is a fold over the procurement's event records (each event's
data carries the dates computed when it happened, so folding needs no
calendar). [`ProcurementContext`][commissioning.procurement.ProcurementContext] is what the aggregate passes to the
engine's ``fire``: guards are pure functions of ``(context, data)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from .._reader import Reader
from ..machine import Definition, EventRecord
from ..thresholds import Regime
from ._facts import ProcurementFacts
from ._life import LIFE_EVENTS, ContractLife
from ._notices import NOTICE_TYPES, Notice, uk_day

__all__ = ["History", "Procedure", "ProcurementContext"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@attrs.frozen
class Procedure:
    """A procurement procedure: its machine and the rules that set it apart.

    Attributes:
        key: a stable identifier (``"pa-open"``).
        name: its name in words.
        regime: the regime it belongs to.
        citation: where the law provides for it.
        definition: the state machine (on [`commissioning.machine`][commissioning.machine]).
        competitive: a competitive award (assessment summaries before the award notice).
        standstill: ``"mandatory"`` (PA s.51(2)), ``"exempt"`` (s.51(3), voluntary possible),
            ``"pcr"`` (reg 87), ``"psr"`` (reg 12) or ``"none"``.
        ocds_method: the OCDS ``procurementMethod`` (open, selective, limited, direct).
        description: a short description.

    Examples:
        >>> from commissioning.procurement import procedure
        >>> p = procedure("pa-open")
        >>> p.name, p.ocds_method, p.standstill
        ('open procedure', 'open', 'mandatory')
    """

    key: str
    name: str
    regime: Regime
    citation: str
    definition: Definition = attrs.field(repr=False)
    competitive: bool
    standstill: str
    ocds_method: str
    description: str = ""


@attrs.frozen
class History:
    """What has happened in a procurement so far, folded from its event records.

    Every date is a UK day (see [`uk_day`][commissioning.procurement.uk_day]).

    Attributes:
        notices: the notices published, in order.
        engaged_on: preliminary market engagement recorded.
        conflicts_assessed_on: the conflicts assessment recorded (PA s.83).
        invited_on: the invitation to tender (the tender notice, or the invitation after shortlisting).
        tender_deadline: the current tender submission deadline.
        participation_deadline: the request-to-participate deadline (two-stage procedures).
        summaries_sent_on: assessment summaries sent to suppliers (PA s.50(3)).
        tender_amendments: (day, description) of each amendment of the tender notice
            (``amend_tender_notice``), in order; ``tender_deadline`` and
            ``participation_deadline`` hold the amended deadlines.
        switched_to_direct: the procedure switched to direct award (PA s.43).
        award: the award decided, as given in the award notice: ``supplier`` (the first
            named), ``suppliers`` (every one, in order) and the values (strings).
        award_notice_on: the day the award was notified (UK6, the PCR award decision, the PSR intention).
        standstill_last_day: the standstill's last day, or ``None`` when none applies.
        contract_entered_on: the day the contract was entered into.
        contract_value: the contract's value including VAT (after modifications).
        kpis: how many KPIs the contract sets.
        contract_copy_on: the day a copy of the contract was published.
        delivery_started_on: the day delivery started (mobilisation over).
        assessments: the days of performance assessments.
        breaches: (day, description) of each breach of contract or performance failure recorded
            (PA s.71), in the order recorded; the day is the one s.71(5) first applies (the
            termination, damages, settlement or failure to improve; ``life.breaches`` has the
            outcome), which may be before the day it was recorded.
        payments: (day, amount) of payments recorded.
        pending_change: the change announced by a contract change notice and not yet made.
        change_standstill_last_day: the voluntary standstill on that change, if any.
        modifications: how many modifications were made.
        ended_on: the day the contract ended; ``end_reason`` says how.
        end_reason: ``"expiry"`` or ``"termination"``.
        abandoned_on: the day the authority decided not to award.
        other_notices: (name, day) of notices other than UK1-UK17 (the contract copy, PCR and
            PSR notices), in order.
        market_events: (event, day) of a dynamic market's establishment, modifications and
            cessation (``establish``, ``modify_market``, ``cease``), in order.
        life: breaches with their s.71 outcome, modifications with their s.74 ground,
            framework terms and PSR steps (`._life`).
    """

    notices: tuple[Notice, ...] = ()
    engaged_on: pendulum.Date | None = None
    conflicts_assessed_on: pendulum.Date | None = None
    invited_on: pendulum.Date | None = None
    tender_deadline: pendulum.Date | None = None
    participation_deadline: pendulum.Date | None = None
    summaries_sent_on: pendulum.Date | None = None
    tender_amendments: tuple[tuple[pendulum.Date, str], ...] = ()
    switched_to_direct: bool = False
    award: Mapping[str, Any] | None = None
    award_notice_on: pendulum.Date | None = None
    standstill_last_day: pendulum.Date | None = None
    contract_entered_on: pendulum.Date | None = None
    contract_value: Decimal | None = None
    kpis: int = 0
    contract_copy_on: pendulum.Date | None = None
    delivery_started_on: pendulum.Date | None = None
    assessments: tuple[pendulum.Date, ...] = ()
    breaches: tuple[tuple[pendulum.Date, str], ...] = ()
    payments: tuple[tuple[pendulum.Date, Decimal], ...] = ()
    pending_change: Mapping[str, Any] | None = None
    change_standstill_last_day: pendulum.Date | None = None
    modifications: int = 0
    ended_on: pendulum.Date | None = None
    end_reason: str | None = None
    abandoned_on: pendulum.Date | None = None
    other_notices: tuple[tuple[str, pendulum.Date], ...] = ()
    market_events: tuple[tuple[str, pendulum.Date], ...] = ()
    life: ContractLife = attrs.field(factory=ContractLife)

    # ------------------------------------------------------------------ queries
    def published(self, code: str) -> tuple[Notice, ...]:
        """The notices with ``code`` published so far, in order.

        Examples:
            >>> History().published("UK4")
            ()
        """
        return tuple(n for n in self.notices if n.code == code)

    def last(self, code: str) -> Notice | None:
        """The latest notice with ``code``, or ``None``."""
        for n in reversed(self.notices):
            if n.code == code:
                return n
        return None

    def has(self, code: str) -> bool:
        """Whether a notice with ``code`` was published."""
        return any(n.code == code for n in self.notices)

    def other(self, name: str) -> pendulum.Date | None:
        """The day the latest other notice called ``name`` was published (``"contract_copy"``)."""
        for n, day in reversed(self.other_notices):
            if n == name:
                return day
        return None

    # --------------------------------------------------------------------- fold
    def after(self, record: EventRecord) -> History:
        """The history once ``record`` has happened (a pure fold step).

        Examples:
            >>> import datetime as dt
            >>> from commissioning.machine import EventRecord
            >>> r = EventRecord("p-1", 1, "assess_conflicts", dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
            ...                 "ann", {}, (), "planning", "planning")
            >>> History().after(r).conflicts_assessed_on
            Date(2026, 3, 2)
        """
        event = record.event
        data = record.data
        day = uk_day(record.occurred_at)
        evolve = attrs.evolve
        if event in LIFE_EVENTS:
            uk10 = self.last("UK10") if self.pending_change is not None else None
            self = evolve(  # noqa: PLW0642 - folding the contract life first, then the rest
                self,
                life=self.life.after(
                    record,
                    day,
                    ended_on=self.ended_on,
                    contract_value=self.contract_value,
                    change_notice_on=None if uk10 is None else uk10.published_on,
                ),
            )
        if event.startswith("publish_"):
            code = event[len("publish_") :]
            if code in NOTICE_TYPES:
                return _after_notice(
                    evolve(
                        self,
                        notices=(
                            *self.notices,
                            Notice(code, record.occurred_at, data, record.version),
                        ),
                    ),
                    code,
                    data,
                    day,
                )
            return _after_other_notice(self, code, data, day)
        handler = _HANDLERS.get(event)
        if handler is None:
            return self
        return handler(self, data, day)


def _date(value: Any, key: str = "date") -> pendulum.Date | None:
    """A day stated in a record's data (``YYYY-MM-DD``), or ``None``; anything else is refused.

    Record data is read through the checked reader, so a malformed day in a stored
    record gives a typed error naming ``data.<key>``, never a raw ``ValueError``.
    """
    if value is None:
        return None
    return Reader(value, f"data.{key}").day()


def _after_notice(h: History, code: str, data: Mapping[str, Any], day: pendulum.Date) -> History:
    evolve = attrs.evolve
    if code == "UK4":
        deadline = _date(data.get("tender_deadline"), "tender_deadline")
        return evolve(
            h,
            invited_on=day if deadline is not None else h.invited_on,
            tender_deadline=deadline,
            participation_deadline=_date(
                data.get("participation_deadline"), "participation_deadline"
            ),
        )
    if code == "UK5":
        return evolve(h, award=_award(data) or h.award)
    if code == "UK6":
        return evolve(
            h,
            award=_award(data) or h.award,
            award_notice_on=day,
            standstill_last_day=_date(data.get("standstill_last_day"), "standstill_last_day"),
        )
    if code == "UK10":
        return evolve(
            h,
            pending_change=data,
            change_standstill_last_day=_date(
                data.get("standstill_last_day"), "standstill_last_day"
            ),
        )
    return h


def _after_other_notice(
    h: History, code: str, data: Mapping[str, Any], day: pendulum.Date
) -> History:
    """Other notices: the contract copy, PCR and PSR notices (some invite tenders or start a standstill)."""
    evolve = attrs.evolve
    h = evolve(h, other_notices=(*h.other_notices, (code, day)))
    if code == "contract_copy":
        return evolve(h, contract_copy_on=day)
    if code == "contract_notice":
        deadline = _date(data.get("tender_deadline"), "tender_deadline")
        return evolve(
            h,
            invited_on=day if deadline is not None else h.invited_on,
            tender_deadline=deadline,
            participation_deadline=_date(
                data.get("participation_deadline"), "participation_deadline"
            ),
        )
    if code in {"award_decision", "intention_notice"}:
        return evolve(
            h,
            award=_award(data) or h.award,
            award_notice_on=day,
            standstill_last_day=_date(data.get("standstill_last_day"), "standstill_last_day"),
        )
    return h


def _award(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The award an event's data states: ``supplier`` (the first named) and ``suppliers`` (all), values.

    An award may name one ``supplier`` or several ``suppliers`` (a consortium, or a
    framework with several suppliers); both keys are kept so that one reader of
    ``award["supplier"]`` and another of ``award["suppliers"]`` see the same award.
    """
    suppliers = award_suppliers(data)
    if not suppliers:
        return None
    out: dict[str, Any] = {"supplier": suppliers[0], "suppliers": suppliers}
    for k in ("value_including_vat", "value_excluding_vat"):
        if k in data:
            out[k] = data[k]
    return MappingProxyType(out)


def award_suppliers(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The suppliers an award's data names, in order: ``suppliers`` if given, else ``supplier``.

    Examples:
        >>> award_suppliers({"suppliers": ["Acme Ltd", "Beta Services"]})
        ('Acme Ltd', 'Beta Services')
        >>> award_suppliers({"supplier": "Acme Ltd"}), award_suppliers({})
        (('Acme Ltd',), ())
    """
    many = data.get("suppliers")
    if isinstance(many, list | tuple):
        return tuple(str(s) for s in many if isinstance(s, str))
    one = data.get("supplier")
    return (one,) if isinstance(one, str) else ()


def _invite(h: History, data: Mapping[str, Any], day: pendulum.Date) -> History:
    return attrs.evolve(
        h, invited_on=day, tender_deadline=_date(data.get("tender_deadline"), "tender_deadline")
    )


def _amend_tender_notice(h: History, data: Mapping[str, Any], day: pendulum.Date) -> History:
    return attrs.evolve(
        h,
        tender_deadline=_date(data["tender_deadline"], "tender_deadline")
        if "tender_deadline" in data
        else h.tender_deadline,
        participation_deadline=_date(data["participation_deadline"], "participation_deadline")
        if "participation_deadline" in data
        else h.participation_deadline,
        tender_amendments=(*h.tender_amendments, (day, str(data.get("description", "")))),
    )


def _new_round(h: History, data: Mapping[str, Any], day: pendulum.Date) -> History:
    return attrs.evolve(h, tender_deadline=_date(data.get("tender_deadline"), "tender_deadline"))


def _stated(data: Mapping[str, Any], key: str, day: pendulum.Date) -> pendulum.Date:
    """The day an event's data states (``"entered_on"``...), else the event's own day.

    Imported history records some acts later than they happened (OCDS gives only the day);
    the data then says when.
    """
    stated = data.get(key)
    if isinstance(stated, str):
        try:
            return _date(stated) or day
        except ValueError:
            return day
    return day


def _enter(h: History, data: Mapping[str, Any], day: pendulum.Date) -> History:
    day = _stated(data, "entered_on", day)
    value = data.get("value_including_vat")
    kpis = data.get("kpis", ())
    return attrs.evolve(
        h,
        contract_entered_on=day,
        contract_value=None if value is None else Decimal(value),
        kpis=len(kpis) if isinstance(kpis, tuple | list) else 0,
    )


def _modify(h: History, data: Mapping[str, Any], day: pendulum.Date) -> History:
    value = data.get("value_including_vat")
    return attrs.evolve(
        h,
        contract_value=h.contract_value if value is None else Decimal(value),
        pending_change=None,
        change_standstill_last_day=None,
        modifications=h.modifications + 1,
    )


def _award_direct(h: History, data: Mapping[str, Any], day: pendulum.Date) -> History:
    return attrs.evolve(h, award=_award(data) or h.award)


_Handler = Callable[[History, Mapping[str, Any], pendulum.Date], History]

_HANDLERS: dict[str, _Handler] = {
    "engage_market": lambda h, d, day: attrs.evolve(h, engaged_on=h.engaged_on or day),
    "assess_conflicts": lambda h, d, day: attrs.evolve(h, conflicts_assessed_on=day),
    "shortlist": _invite,
    "invite_tenders": _invite,
    "invite_call_off": _invite,
    "invite_members": _invite,
    "start_round": _new_round,
    "amend_tender_notice": _amend_tender_notice,
    "send_assessment_summaries": lambda h, d, day: attrs.evolve(
        h, summaries_sent_on=_stated(d, "sent_on", day)
    ),
    "switch_to_direct_award": lambda h, d, day: attrs.evolve(h, switched_to_direct=True),
    "decide_award": _award_direct,
    "select_supplier": _award_direct,
    "enter_contract": _enter,
    "start_delivery": lambda h, d, day: attrs.evolve(h, delivery_started_on=day),
    "assess_performance": lambda h, d, day: attrs.evolve(h, assessments=(*h.assessments, day)),
    "record_breach": lambda h, d, day: attrs.evolve(
        h,
        breaches=(*h.breaches, (h.life.breaches[-1].triggered_on, h.life.breaches[-1].description)),
    ),
    "record_payment": lambda h, d, day: attrs.evolve(
        h, payments=(*h.payments, (day, Decimal(d["amount"])))
    ),
    "modify_contract": _modify,
    "end_contract": lambda h, d, day: attrs.evolve(
        h, ended_on=_stated(d, "ended_on", day), end_reason=d.get("reason")
    ),
    "abandon": lambda h, d, day: attrs.evolve(h, abandoned_on=_stated(d, "decided_on", day)),
    "establish": lambda h, d, day: attrs.evolve(
        h, market_events=(*h.market_events, ("establish", day))
    ),
    "modify_market": lambda h, d, day: attrs.evolve(
        h, market_events=(*h.market_events, ("modify_market", day))
    ),
    "cease": lambda h, d, day: attrs.evolve(h, market_events=(*h.market_events, ("cease", day))),
}


@attrs.frozen
class ProcurementContext:
    """The context guards judge: facts, procedure, history, and the moment of the event.

    Attributes:
        facts: the procurement's facts.
        procedure: the procedure it follows.
        history: what has happened so far.
        at: the moment of the event being judged (UTC).
        on: its UK day.

    Examples:
        >>> import datetime as dt, pendulum
        >>> from commissioning.procurement import ProcurementFacts, procedure
        >>> from commissioning.thresholds import AuthorityType, ContractType
        >>> facts = ProcurementFacts(title="Meals", buyer="Anytown Council",
        ...     authority=AuthorityType.SUB_CENTRAL, contract_type=ContractType.SERVICES,
        ...     value_including_vat="600000", commenced_on=pendulum.Date(2026, 2, 2))
        >>> ctx = ProcurementContext(facts, procedure("pa-open"), History(),
        ...                          dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
        >>> ctx.on
        Date(2026, 3, 2)
    """

    facts: ProcurementFacts
    procedure: Procedure
    history: History
    at: dt.datetime
    on: pendulum.Date = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "on", uk_day(self.at))
