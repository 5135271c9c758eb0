"""What starting, acting on and loading a procurement checks and converts (internal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem, _short
from .._money import pounds
from .._time import as_utc
from .._validation import Checker
from ..machine import EventRecord
from ..thresholds import Regime
from ._context import Procedure
from ._facts import ProcurementFacts

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
