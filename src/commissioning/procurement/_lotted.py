"""How a procurement divided into lots keeps each lot's own procedure (internal).

A procurement with lots (``ProcurementFacts.lots``) is one aggregate and one
stream of records; inside it, each lot is a procurement of its own, a *lot view*
(``Procurement.lots``): its facts are [`ProcurementFacts.for_lot`][commissioning.procurement.ProcurementFacts.for_lot], its id
``"<procurement id>/lots/<lot id>"``, and it goes through the procedure's machine
on its own, so each lot is awarded, held in standstill, contracted and managed by
the same guards and obligations as an undivided procurement.

A command names the lots it is for (``lots=``; by default every lot still in
progress). Each named lot's view judges it; if every one allows it, the
procurement records **one** record whose data holds the event's data and
``lot_states``, the state each named lot entered (and ``lot_data``, a lot's own
data, only where it differs from the shared data, as an abandonment leading one
lot to ``abandoning`` and another to ``cancelled`` does). Replaying the records
rebuilds every lot view exactly. The procurement as a whole is where its least
advanced lot is (by the order of the procedure's states), and final only when
every lot is: it is not over until every contract is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._errors import (
    GuardRejected,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    TransitionNotAllowed,
    _short,
)
from ..machine import EventOption, EventRecord, Instance, Reason, Verdict, freeze_data
from ._context import award_suppliers

if TYPE_CHECKING:
    from ._procurement import Procurement

#: The record data key holding the state each lot entered.
LOT_STATES = "lot_states"
#: The record data key holding a lot's own data where it differs from the shared data.
LOT_DATA = "lot_data"
_RESERVED = (LOT_STATES, LOT_DATA)

#: The rule of the lots-per-supplier limit.
LOTS_PER_SUPPLIER = "pa-s23-lots-per-supplier"


def lot_view_id(procurement_id: str, lot_id: str) -> str:
    """The id of one lot's view: ``"<procurement id>/lots/<lot id>"``."""
    return f"{procurement_id}/lots/{lot_id}"


def lagging(views: tuple[Procurement, ...]) -> Instance:
    """The machine instance of the least advanced lot still in progress (of any lot when all are over)."""
    order = {name: i for i, name in enumerate(views[0].procedure.definition.state_names)}
    pool = [v for v in views if not v.is_final] or list(views)
    return min(pool, key=lambda v: order[v.state]).instance


def targets(p: Procurement, lots: object, event: object) -> tuple[int, ...]:
    """The positions of the lots a command is for, in the order of the facts' lots."""
    ids = [lot.id for lot in p.facts.lots]
    known = ", ".join(repr(i) for i in ids)
    if lots is None:
        chosen = [i for i, view in enumerate(p.lot_views) if not view.is_final]
        if not chosen:
            raise TransitionNotAllowed(event, p.state, (), detail=" (every lot is over)")
        return tuple(chosen)
    named: list[object]
    if isinstance(lots, str):
        named = [lots]
    elif isinstance(lots, list | tuple | set | frozenset):
        named = list(lots)
    else:
        raise InvalidInput.of("lots", f"a lot id or a list of lot ids ({known})", lots)
    if not named:
        raise InvalidInput.of("lots", f"at least one lot id ({known})", lots)
    positions = set()
    for name in named:
        if not isinstance(name, str) or name not in ids:
            raise InvalidInput.of("lots", f"ids of this procurement's lots ({known})", lots)
        positions.add(ids.index(name))
    return tuple(sorted(positions))


def check_data(data: Mapping[str, Any] | None) -> None:
    """Event data may not use the keys the procurement records lots under."""
    if isinstance(data, Mapping):
        for key in _RESERVED:
            if key in data:
                raise InvalidInput.of(
                    f"data.{key}",
                    "no such key: the procurement records the lots' states itself (use lots=)",
                    data[key],
                )


def in_lot(lot_id: str, reasons: Iterable[Reason]) -> list[Reason]:
    """``reasons`` with the lot they are about named first in each text."""
    return [Reason(r.rule, f"lot {lot_id}: {r.text}") for r in reasons]


def judged(
    p: Procurement,
    event: str,
    positions: tuple[int, ...],
    command: Callable[[Procurement], tuple[Procurement, tuple[EventRecord, ...]]],
) -> dict[str, tuple[Procurement, EventRecord]]:
    """Each named lot's procurement after the command and its record, judged by the lot itself.

    The first refusal is raised naming the lot; so is an award over the lots-per-supplier limit.
    """
    out: dict[str, tuple[Procurement, EventRecord]] = {}
    for i in positions:
        view = p.lot_views[i]
        lot_id = p.facts.lots[i].id
        try:
            after, (record, *_) = command(view)
        except GuardRejected as err:
            raise GuardRejected(err.event, err.state, in_lot(lot_id, err.reasons)) from None
        except TransitionNotAllowed as err:
            raise TransitionNotAllowed(
                err.event, err.state, err.allowed, detail=f" in lot {lot_id!r}"
            ) from None
        out[lot_id] = (after, record)
    limit = lots_per_supplier(p, {lot: r.data for lot, (_, r) in out.items()})
    if limit is not None:
        raise GuardRejected(event, p.state, [limit])
    return out


def lots_per_supplier(p: Procurement, data: Mapping[str, Mapping[str, Any]]) -> Reason | None:
    """Why an award would give one supplier more lots than the award criteria allow (PA s.23(4)(a)).

    ``data`` is the event's data for each lot it is for, by lot id.
    """
    limit = p.facts.max_lots_per_supplier
    if limit is None:
        return None
    held: dict[str, list[str]] = {}
    for lot, view in zip(p.facts.lots, p.lot_views, strict=True):
        given = data.get(lot.id)
        award = award_suppliers(given) if given is not None else ()
        if not award and view.timeline.award is not None:
            award = tuple(view.timeline.award.get("suppliers", ()))
        for supplier in award:
            held.setdefault(supplier, []).append(lot.id)
    named = {s for d in data.values() for s in award_suppliers(d)}
    for supplier, lots in held.items():
        if supplier in named and len(lots) > limit:
            return Reason(
                LOTS_PER_SUPPLIER,
                f"Procurement Act 2023 s.23(4)(a): the award criteria allow one supplier at most "
                f"{limit} lot(s); {supplier!r} would hold {len(lots)} (lots {', '.join(lots)})",
            )
    return None


def record_of(
    p: Procurement,
    event: str,
    judged: Mapping[str, tuple[Procurement, EventRecord]],
    at: Any,
    actor: str,
) -> tuple[EventRecord, tuple[Procurement, ...]]:
    """The procurement's one record of a command its lots allowed, and the lot views after it.

    The lot views are those the lots' own commands returned; replaying the record
    (``views_after``) gives the same ones, which the replay tests check.
    """
    records = {lot: r for lot, (_, r) in judged.items()}
    shared = next(iter(records.values())).data
    payload: dict[str, Any] = dict(shared)
    payload[LOT_STATES] = {lot: r.target for lot, r in records.items()}
    own = {lot: dict(r.data) for lot, r in records.items() if r.data != shared}
    if own:
        payload[LOT_DATA] = own
    views = tuple(
        judged[lot.id][0] if lot.id in judged else view
        for lot, view in zip(p.facts.lots, p.lot_views, strict=True)
    )
    record = EventRecord(
        p.id,
        p.version + 1,
        event,
        at,
        actor,
        freeze_data(payload),
        (),
        p.state,
        lagging(views).state,
    )
    return record, views


def views_after(
    views: tuple[Procurement, ...], facts: Any, record: EventRecord, index: int
) -> tuple[Procurement, ...]:
    """The lot views once ``record`` (a record of the whole procurement) has happened.

    Raises [`InvalidHistory`][commissioning.InvalidHistory] (record ``index``) when the record does not say,
    in ``lot_states``, which known lots it moved and where.
    """
    states = record.data.get(LOT_STATES)
    ids = [lot.id for lot in facts.lots]
    if (
        not isinstance(states, Mapping)
        or not states
        or not all(
            isinstance(k, str) and k in ids and isinstance(v, str) for k, v in states.items()
        )
    ):
        raise InvalidHistory(
            index,
            record,
            f"expected data.{LOT_STATES}: the state each lot entered, by lot id "
            f"({', '.join(map(repr, ids))}), received {_short(states)}",
        )
    own = record.data.get(LOT_DATA, {})
    if not isinstance(own, Mapping):
        raise InvalidHistory(
            index, record, f"expected data.{LOT_DATA} to be a mapping, received {_short(own)}"
        )
    shared = freeze_data({k: v for k, v in record.data.items() if k not in _RESERVED})
    out = list(views)
    for i, lot_id in enumerate(ids):
        if lot_id not in states:
            continue
        view = views[i]
        data = own.get(lot_id, shared)
        if not isinstance(data, Mapping):
            raise InvalidHistory(
                index, record, f"expected data.{LOT_DATA}[{lot_id!r}] to be a mapping"
            )
        lot_record = EventRecord(
            view.id,
            view.version + 1,
            record.event,
            record.occurred_at,
            record.actor,
            freeze_data(data),
            (),
            view.state,
            states[lot_id],
        )
        try:
            out[i] = view.followed_by(lot_record)
        except InvalidHistory as err:
            raise InvalidHistory(index, record, f"lot {lot_id!r}: {err.reason}") from None
    return tuple(out)


def verdict(
    p: Procurement,
    event: str,
    positions: tuple[int, ...],
    ask: Callable[[Procurement], Verdict],
) -> Verdict:
    """Would every named lot allow ``event``? The reasons name the lots that would not."""
    reasons: list[Reason] = []
    for i in positions:
        answer = ask(p.lot_views[i])
        lot_id = p.facts.lots[i].id
        reasons.extend(in_lot(lot_id, answer.reasons))
    if reasons:
        return Verdict(allowed=False, reasons=tuple(reasons))
    return Verdict.ALLOW


def merged_options(
    p: Procurement,
    positions: tuple[int, ...],
    ask: Callable[[Procurement], Iterable[EventOption]],
) -> tuple[EventOption, ...]:
    """The events every named lot's state allows, allowed only where every named lot would allow them."""
    per_lot = [(p.facts.lots[i].id, {o.event: o for o in ask(p.lot_views[i])}) for i in positions]
    first = per_lot[0][1]
    out = []
    for event in first:
        if not all(event in options for _, options in per_lot):
            continue
        found = [(lot_id, options[event]) for lot_id, options in per_lot]
        allowed = all(o.allowed for _, o in found)
        reasons = tuple(r for lot_id, o in found for r in in_lot(lot_id, o.reasons))
        target = first[event].target if allowed else None
        out.append(EventOption(event, allowed, target, reasons))
    return tuple(out)


def merged(
    p: Procurement, records: Mapping[str, EventRecord]
) -> tuple[EventRecord, tuple[Procurement, ...]]:
    """The one record of the whole that lots' own next ``records`` make, and the lot views after it.

    See ``Procurement.followed_by_lots``: the records are of one event, moment and actor,
    each fitting its lot; no guards run.
    """
    if not p.lot_views or not isinstance(records, Mapping) or not records:
        raise InvalidInput.of(
            "records", "each lot's next record, by lot id (a procurement with lots)", records
        )
    views = p.lots
    first = next(iter(records.values()))
    if not isinstance(first, EventRecord):
        raise InvalidInputType([Problem("records", "EventRecord values", first, "type")])
    judged: dict[str, tuple[Procurement, EventRecord]] = {}
    for lot in p.facts.lots:
        record = records.get(lot.id)
        if record is None:
            continue
        if not isinstance(record, EventRecord) or (
            record.event,
            record.occurred_at,
            record.actor,
        ) != (first.event, first.occurred_at, first.actor):
            raise InvalidInput.of(
                f"records[{lot.id!r}]",
                "a record of the same event, moment and actor as the others",
                record,
            )
        judged[lot.id] = (views[lot.id].followed_by(record), record)
    unknown = set(records) - set(judged)
    if unknown:
        raise InvalidInput.of(
            "records", f"lot ids of this procurement ({', '.join(views)})", sorted(unknown)
        )
    return record_of(p, first.event, judged, first.occurred_at, first.actor)
