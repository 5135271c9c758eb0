"""The obligations projection follows the feed: every procurement record once, others skipped."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from commissioning import InvalidInput, InvalidInputType
from commissioning.machine import EventRecord
from commissioning.procurement import Lot, ObligationStatus, Procurement, ProcurementFacts
from commissioning.store import ObligationsProjection
from commissioning.store._base import SQLEventStore
from commissioning.thresholds import AuthorityType, ContractType

from .conftest import Backend, rec

FACTS = ProcurementFacts(
    title="Meals",
    buyer="Anytown Council",
    authority=AuthorityType.SUB_CENTRAL,
    contract_type=ContractType.SERVICES,
    value_including_vat="600000",
    commenced_on=pendulum.Date(2026, 2, 2),
)


def _at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, tzinfo=dt.UTC)


def _replay(records: tuple[EventRecord, ...]) -> Procurement:
    return Procurement.replay(records)


def _awarded(store: SQLEventStore, pid: str) -> None:
    p, created = Procurement.start(
        pid, facts=FACTS, procedure="pa-open", at=_at(3, 2), actor="officer"
    )
    store.append(created, aggregate_type=Procurement)
    steps = [
        ("assess_conflicts", _at(3, 2), None),
        ("publish_UK4", _at(3, 2), {"tender_deadline": "2026-04-02"}),
        ("close_tendering", _at(4, 3), None),
        ("send_assessment_summaries", _at(4, 10), None),
        ("publish_UK6", _at(4, 10), {"supplier": "Acme Ltd", "value_including_vat": "600000"}),
    ]
    for event, moment, data in steps:
        p, records = p.act(event, at=moment, actor="officer", data=data)
        store.append(records)


def test_the_projection_sees_every_procurement_once_and_skips_other_streams(
    backend: Backend,
) -> None:
    store = backend.open()
    _awarded(store, "meals")
    store.append([rec("log-1", 1)], aggregate_type="council.Log")
    _awarded(store, "gritting")
    board = ObligationsProjection(replay=_replay)
    assert board.catch_up(store, limit=3) == 12
    assert board.position == store.last_position() == 13
    assert [p.id for p in board.procurements()] == ["gritting", "meals"]
    assert board.catch_up(store) == 0
    due = board.due(on=pendulum.Date(2026, 4, 15))
    assert [(o.procurement_id, o.due_on) for o in due] == [
        ("gritting", pendulum.Date(2026, 4, 21)),
        ("meals", pendulum.Date(2026, 4, 21)),
    ]
    assert all(o.status is ObligationStatus.DUE for o in due)


def test_duties_due_after_the_window_are_left_out(backend: Backend) -> None:
    store = backend.open()
    _awarded(store, "meals")
    board = ObligationsProjection(replay=_replay)
    board.catch_up(store)
    assert board.due(on=pendulum.Date(2026, 4, 11), days=3) == ()
    assert len(board.due(on=pendulum.Date(2026, 4, 11), days=11)) == 1


def test_overdue_duties_are_added_only_when_asked(backend: Backend) -> None:
    store = backend.open()
    _awarded(store, "meals")
    p = _replay(store.load("meals"))
    _, records = p.act(
        "enter_contract",
        at=_at(4, 22),
        actor="officer",
        data={"value_including_vat": "600000", "kpis": ["on time", "hot", "complaints"]},
    )
    store.append(records)
    board = ObligationsProjection()
    assert board.catch_up(store) == 7
    day = pendulum.Date(2026, 6, 1)  # the contract details notice (UK7) was due by 21 May
    assert board.due(on=day) == ()
    (late,) = board.due(on=day, include_overdue=True)
    assert (late.status, late.notice, late.due_on) == (
        ObligationStatus.OVERDUE,
        "UK7",
        pendulum.Date(2026, 5, 21),
    )


@pytest.mark.parametrize(
    ("kwargs", "error"), [({"days": 0}, InvalidInputType), ({"on": "monday"}, InvalidInput)]
)
def test_the_projection_refuses_a_bad_window(
    kwargs: dict[str, object], error: type[Exception]
) -> None:
    board = ObligationsProjection(replay=_replay)
    with pytest.raises(error):
        board.due(**{"on": pendulum.Date(2026, 4, 15), **kwargs})  # type: ignore[arg-type]


def test_the_projection_needs_a_way_to_replay() -> None:
    with pytest.raises(InvalidInputType) as caught:
        ObligationsProjection(replay="Procurement.replay")  # type: ignore[arg-type]
    assert caught.value.field == "replay"


def test_a_procurement_with_lots_is_stored_rebuilt_and_owes_each_lots_duties(
    backend: Backend,
) -> None:
    store = backend.open()
    facts = ProcurementFacts(
        title="Meals",
        buyer="Anytown Council",
        authority=AuthorityType.SUB_CENTRAL,
        contract_type=ContractType.SERVICES,
        value_including_vat="600000",
        commenced_on=pendulum.Date(2026, 2, 2),
        lots=(Lot("1", "Hot meals", "350000"), Lot("2", "Frozen meals", "250000")),
    )
    p, created = Procurement.start(
        "meals", facts=facts, procedure="pa-open", at=_at(3, 2), actor="officer"
    )
    store.append(created, aggregate_type=Procurement)
    steps: list[tuple[str, dt.datetime, dict[str, object] | None, str | None]] = [
        ("assess_conflicts", _at(3, 2), None, None),
        ("publish_UK4", _at(3, 2), {"tender_deadline": "2026-04-02"}, None),
        ("close_tendering", _at(4, 3), None, None),
        ("send_assessment_summaries", _at(4, 10), None, "1"),
        ("publish_UK6", _at(4, 10), {"supplier": "Acme Ltd", "value_including_vat": "350000"}, "1"),
        ("enter_contract", _at(4, 23), {"value_including_vat": "350000"}, "1"),
    ]
    for event, moment, data, lot in steps:
        p, records = p.act(event, at=moment, actor="officer", data=data, lots=lot)
        store.append(records, expected_version=p.version - 1)
    rebuilt = Procurement.replay(store.load("meals"))
    assert rebuilt == p
    assert rebuilt.lots["1"].state == "mobilisation"
    assert rebuilt.lots["2"].state == "evaluation"
    projection = ObligationsProjection()
    projection.catch_up(store)
    uk7 = [o for o in projection.due(on=pendulum.Date(2026, 5, 1), days=30) if o.notice == "UK7"]
    assert [(o.procurement_id, o.lot, o.due_on) for o in uk7] == [
        ("meals", "1", pendulum.Date(2026, 5, 22))
    ]
