"""Folding one record into a commissioning cycle: the checks every command and every replay share.

[`CommissioningCycle._apply`][commissioning.cycle.CommissioningCycle] routes
each record here by kind; commands build their record and fold it the same way,
so a cycle built by commands and one replayed from its records are equal. Internal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidHistory, InvalidInput
from .._reader import Reader
from .._validation import Checker
from ..machine import EventRecord, record_from_data
from ..procurement import Procedure, Procurement
from ._cycle_log import procurement_after, renumbered, text
from ._evidence import evidence_from_data
from ._frameworks import DECIDE, PLAN, PROCURE, PROCURING
from ._governance import Approval
from ._requirements import EvidenceEntry

if TYPE_CHECKING:
    from ._cycle import CommissioningCycle

__all__ = ["check_open", "with_approval", "with_contract_event", "with_evidence", "with_transition"]


def check_open(cycle: CommissioningCycle, moment: dt.datetime, actor: Any) -> None:
    check = Checker()
    text(check, "actor", actor)
    check.that(
        not cycle.is_final,
        "cycle",
        "a cycle that has not ended",
        f"{cycle.id!r} in final state {cycle.state!r}",
    )
    check.that(
        moment >= cycle.updated_at,
        "at",
        f"a moment on or after the last record ({cycle.updated_at.isoformat()})",
        moment.isoformat(),
    )
    check.done()


def with_evidence(
    cycle: CommissioningCycle, record: EventRecord, history: tuple[EventRecord, ...]
) -> CommissioningCycle:
    r = Reader(record.data, "data")
    r.only_keys(frozenset({"evidence"}))
    evidence = evidence_from_data(r.key("evidence").value, path="data.evidence")
    check_open(cycle, record.occurred_at, record.actor)
    if evidence.on > record.occurred_at.date():
        raise InvalidInput.of(
            "evidence.on",
            f"a day on or before the moment it is recorded ({record.occurred_at.date()})",
            evidence.on,
        )
    entry = EvidenceEntry(evidence, record.occurred_at, record.actor)
    return attrs.evolve(cycle, entries=(*cycle.entries, entry), history=history)


def with_approval(
    cycle: CommissioningCycle, record: EventRecord, history: tuple[EventRecord, ...]
) -> CommissioningCycle:
    r = Reader(record.data, "data")
    r.only_keys(frozenset({"approval"}))
    approval = Approval.from_data(r.key("approval").value, path="data.approval")
    check_open(cycle, record.occurred_at, record.actor)
    if approval.at > record.occurred_at:
        raise InvalidInput.of(
            "approval.at",
            f"a moment on or before it is recorded ({record.occurred_at.isoformat()})",
            approval.at.isoformat(),
        )
    stages = [s.name for s in cycle.framework.steps] + [DECIDE, PLAN]
    if approval.step not in stages:
        raise InvalidInput.of("approval.step", f"one of {', '.join(stages)}", approval.step)
    return attrs.evolve(cycle, approvals=(*cycle.approvals, approval), history=history)


def with_contract_event(
    cycle: CommissioningCycle, index: int, record: EventRecord, history: tuple[EventRecord, ...]
) -> CommissioningCycle:
    """A procurement event after the cycle left ``procuring``: the contract's later life."""
    if cycle.procurement is None or record.path != (PROCURING,):
        raise InvalidHistory(
            index,
            record,
            f"a procurement event (path {record.path!r}) needs the procurement the cycle started; "
            + ("it has none" if cycle.procurement is None else f"the path is ({PROCURING!r},)"),
        )
    try:
        procurement = procurement_after(cycle.procurement, record)
    except InvalidHistory as err:
        raise InvalidHistory(index, record, err.reason) from None
    return attrs.evolve(cycle, history=history, procurement=procurement)


def with_transition(
    cycle: CommissioningCycle,
    index: int,
    record: EventRecord,
    history: tuple[EventRecord, ...],
    *,
    verify: bool,
    procedures: Iterable[Procedure],
) -> CommissioningCycle:
    machine = renumbered(record, cycle.instance.id, cycle.instance.version + 1)
    if verify and not record.path:
        verdict = cycle.instance.can(
            record.event,
            at=record.occurred_at,
            context=cycle.facts(at=record.occurred_at),
            data=record.data,
        )
        if not verdict.allowed:
            raise InvalidHistory(
                index,
                record,
                f"{record.event!r} was not allowed: " + "; ".join(map(str, verdict.reasons)),
            )
    try:
        instance = cycle.instance.apply(machine)
    except InvalidHistory as err:
        raise InvalidHistory(index, record, err.reason) from None
    procurement = cycle.procurement
    if not record.path and record.event == PROCURE and "procurement" in record.data:
        try:
            created = record_from_data(record.data["procurement"])
            procurement = Procurement.replay((created,), procedures=procedures)
        except InvalidHistory as err:
            raise InvalidHistory(index, record, f"its procurement: {err.reason}") from None
    elif record.path == (PROCURING,) and procurement is not None:
        try:
            procurement = procurement_after(procurement, record)
        except InvalidHistory as err:
            raise InvalidHistory(index, record, err.reason) from None
    return attrs.evolve(cycle, instance=instance, history=history, procurement=procurement)
