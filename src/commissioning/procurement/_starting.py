"""What starting, acting on and loading a procurement checks and converts (internal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem, _short
from .._money import pounds
from .._time import as_utc
from .._validation import Checker
from ..machine import EventRecord, Instance
from ..thresholds import Regime
from . import _lotted
from ._context import Procedure
from ._facts import ProcurementFacts
from ._guards import expected_standstill_last_day, voluntary_change_standstill

if TYPE_CHECKING:
    from ._procurement import Procurement

START = "start"
ABANDON = "abandon"


def _jsonable(value: Any, field: str) -> Any:
    """Event data as JSON values: Decimal money as exact strings, dates as ISO strings."""
    if isinstance(value, Decimal):
        return str(pounds(value, field=field))
    if isinstance(value, dt.datetime):
        return as_utc(value, field=field).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v, f"{field}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v, f"{field}[{i}]") for i, v in enumerate(value)]
    return value


def _check_procedure_fits(facts: ProcurementFacts, proc: Procedure) -> None:
    check = Checker()
    if proc.regime in (Regime.PA_2023, Regime.PCR_2015):
        check.that(
            facts.regime is proc.regime,
            "procedure",
            f"a {facts.regime.value} procedure (the procurement commenced on "
            f"{facts.commenced_on.isoformat()})",
            proc.key,
        )
    if proc.key == "pa-below-threshold":
        check.that(
            not facts.above_threshold,
            "procedure",
            "a procedure for above-threshold contracts (the value is above the threshold)",
            proc.key,
        )
    if proc.key == "pa-light-touch":
        check.that(
            facts.light_touch,
            "facts.contract_type",
            "ContractType.LIGHT_TOUCH for the light touch procedure",
            facts.contract_type,
        )
    check.done()


def _no_context(context: object) -> None:
    if context is not None:
        raise InvalidInput.of(
            "context",
            "None (a procurement builds its guards' context from its facts and timeline)",
            context,
        )


def _renumbered(record: EventRecord, version: int) -> EventRecord:
    return EventRecord(
        record.stream_id,
        version,
        record.event,
        record.occurred_at,
        record.actor,
        record.data,
        record.path,
        record.source,
        record.target,
    )


def _created(
    first: object, procedures: Mapping[str, Procedure]
) -> tuple[ProcurementFacts, Procedure]:
    """The facts and procedure held by a procurement's creation record."""
    if not isinstance(first, EventRecord) or first.version != 1 or first.event != START:
        got = (
            f"version {_short(first.version)}, event {_short(first.event)}"
            if isinstance(first, EventRecord)
            else _short(first)
        )
        raise InvalidHistory(
            0,
            first,
            f"expected the procurement's creation record (version 1, event 'start'), received {got}",
        )
    key = first.data.get("procedure")
    if not isinstance(key, str) or key not in procedures:
        raise InvalidHistory(
            0,
            first,
            f"the procedure {_short(key)} is not registered: pass it as procedures=[...]",
        )
    raw_facts = first.data.get("facts")
    try:
        if not isinstance(raw_facts, Mapping):
            raise InvalidInputType([Problem("facts", "a mapping", raw_facts, "type")])
        facts = ProcurementFacts.from_data(raw_facts)
    except InvalidInput as err:
        raise InvalidHistory(0, first, f"its facts are not valid: {err}") from None
    return facts, procedures[key]


_STANDSTILL_EVENTS = frozenset(
    {"publish_UK6", "publish_award_decision", "publish_intention_notice"}
)


def _step(
    instance: Instance,
    views: tuple[Procurement, ...],
    facts: ProcurementFacts,
    record: EventRecord,
    index: int,
    previous: EventRecord,
) -> tuple[Instance, tuple[Procurement, ...]]:
    """The machine instance and lot views once ``record``, the record at ``index``, has happened."""
    if record.__class__ is not EventRecord:
        raise InvalidHistory(index, record, f"expected an EventRecord, received {_short(record)}")
    if record.version.__class__ is not int or record.version != index + 1:
        raise InvalidHistory(
            index, record, f"expected version {index + 1}, received {_short(record.version)}"
        )
    if not views:
        try:
            return instance.apply(_renumbered(record, record.version - 1)), ()
        except InvalidHistory as err:
            raise InvalidHistory(index, record, err.reason) from None
    if record.stream_id != previous.stream_id:
        raise InvalidHistory(
            index,
            record,
            f"belongs to stream {_short(record.stream_id)}, not {previous.stream_id!r}",
        )
    if isinstance(record.occurred_at, dt.datetime) and record.occurred_at < previous.occurred_at:
        raise InvalidHistory(
            index,
            record,
            f"occurred at {record.occurred_at.isoformat()}, before the previous event at "
            f"{previous.occurred_at.isoformat()}",
        )
    if record.source != instance.state:
        raise InvalidHistory(
            index,
            record,
            f"the record says it left {_short(record.source)}, but the procurement is in {instance.state!r}",
        )
    after = _lotted.views_after(views, facts, record, index)
    lagging = _lotted.lagging(after)
    if record.target != lagging.state:
        raise InvalidHistory(
            index,
            record,
            f"the record says it entered {_short(record.target)}, but its lots leave it in {lagging.state!r}",
        )
    return lagging, after


def prepared(
    self: Procurement, event: str, at: dt.datetime, data: Mapping[str, Any] | None
) -> Mapping[str, Any] | None:
    """An event's data as stored: JSON values, with the standstill's last day computed for award notices."""
    if data is None and event not in _STANDSTILL_EVENTS:
        return None
    if data is not None and not isinstance(data, Mapping):
        raise InvalidInputType([Problem("data", "a mapping of event data", data, "type")])
    prepared: dict[str, Any] = _jsonable(dict(data or {}), "data")
    if event in _STANDSTILL_EVENTS or (
        event == "publish_UK10" and "voluntary_standstill_days" in prepared
    ):
        prepared.pop("standstill_last_day", None)
        context = self.context(at=at)
        if event == "publish_UK10":
            days = prepared["voluntary_standstill_days"]
            if isinstance(days, int) and not isinstance(days, bool) and days >= 8:
                change_last = voluntary_change_standstill(context.on, days)
                if change_last is not None:
                    prepared["standstill_last_day"] = change_last.isoformat()
        else:
            try:
                last = expected_standstill_last_day(context, prepared)
            except InvalidInput:
                last = None  # the guard reports the bad voluntary period
            if last is not None:
                prepared["standstill_last_day"] = last.isoformat()
    return prepared
