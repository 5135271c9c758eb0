"""A cycle's records as JSON-compatible data, to store and load its event log.

Dates and moments are ISO 8601 strings (moments in UTC), money is a string of
pounds, sets are sorted lists. Each evidence record carries its ``kind``.
Loading checks every field with the records' own constructors, then
:meth:`CommissioningCycle.replay` checks that the sequence fits the framework.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from .._errors import InvalidInput, Problem
from .._time import as_utc
from ..machine import EVENTS_FORMAT, EventRecord
from ..machine import EVENTS_FORMAT_VERSION as MACHINE_FORMAT_VERSION
from ..machine import records_from_data as machine_records_from_data
from ..machine import records_to_data as machine_records_to_data
from ..procurement import Procurement
from ._cycle import CycleRecord, CycleStarted
from ._evidence import EVIDENCE_TYPES, EvidenceKind
from ._governance import Approval

__all__ = ["CYCLE_RECORDS_FORMAT", "cycle_records_from_data", "cycle_records_to_data"]

CYCLE_RECORDS_FORMAT = "commissioning.cycle-records"
FORMAT_VERSION = 1
MAX_RECORDS = 100_000
_BY_KIND: Mapping[str, type] = {t.kind.value: t for t in EVIDENCE_TYPES}  # type: ignore[attr-defined]  # every evidence class has a kind


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: Any, field: str) -> Any:
    """Rebuild a value of type ``kind`` from plain data (constructors validate the rest)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, field)
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(value, list | tuple):
            raise InvalidInput([Problem(field, "a list", value, "type")])
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], v, f"{field}[{i}]") for i, v in enumerate(value))
        return tuple(
            _read(a, v, f"{field}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=False))
        )
    if origin is frozenset:
        if not isinstance(value, list | tuple):
            raise InvalidInput([Problem(field, "a list", value, "type")])
        return frozenset(value)
    if kind is Decimal:
        if not isinstance(value, str):
            raise InvalidInput([Problem(field, "a number as a string", value, "type")])
        try:
            return Decimal(value)
        except InvalidOperation:
            raise InvalidInput.of(field, "a number as a string", value) from None
    if kind is dt.datetime:
        try:
            return as_utc(dt.datetime.fromisoformat(value), field=field)
        except (TypeError, ValueError):
            raise InvalidInput.of(field, "an ISO 8601 moment with its offset", value) from None
    if kind is dt.date:
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise InvalidInput.of(field, "an ISO 8601 date", value) from None
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(value)
        except ValueError:
            raise InvalidInput.of(field, f"one of {[m.value for m in kind]}", value) from None
    if isinstance(kind, type) and attrs.has(kind):
        return _build(kind, value, field)
    return value


def _build(cls: type, data: Any, field: str) -> Any:
    if not isinstance(data, Mapping):
        raise InvalidInput([Problem(field, f"an object for {cls.__name__}", data, "type")])
    hints = _hints(cls)
    names = [f.name for f in attrs.fields(cls) if f.init]
    unknown = sorted(set(data) - set(names) - {"kind"})
    if unknown:
        raise InvalidInput.of(field, f"only the fields of {cls.__name__}", unknown)
    kwargs = {
        name: _read(hints[name], data[name], f"{field}.{name}") for name in names if name in data
    }
    return cls(**kwargs)


def cycle_records_to_data(records: Iterable[CycleRecord]) -> dict[str, Any]:
    """A cycle's records as a JSON-compatible object.

    Examples:
        >>> import json
        >>> from commissioning.cycle import example_lineage
        >>> data = cycle_records_to_data(example_lineage()[0].records)
        >>> data["records"][1]["payload"]["kind"], len(json.dumps(data)) > 1000
        ('question', True)
    """
    out = []
    for r in records:
        p = r.payload
        item: dict[str, Any] = {
            "cycle_id": r.cycle_id,
            "sequence": r.sequence,
            "occurred_at": as_utc(r.occurred_at).isoformat(),
            "actor": r.actor,
            "type": r.kind.value,
        }
        if isinstance(p, EventRecord):
            item["payload"] = machine_records_to_data([p])["records"][0]
        elif isinstance(p, CycleStarted | Approval):
            item["payload"] = _plain(p)
        else:
            item["payload"] = {"kind": p.kind.value, **_plain(p)}
        if r.procurement is not None:
            item["procurement"] = r.procurement.to_data()
        out.append(item)
    return {"format": CYCLE_RECORDS_FORMAT, "format_version": FORMAT_VERSION, "records": out}


def cycle_records_from_data(data: Any) -> tuple[CycleRecord, ...]:
    """Load records written by :func:`cycle_records_to_data`, checking every field.

    Examples:
        >>> from commissioning.cycle import CommissioningCycle, example_lineage
        >>> first, _ = example_lineage()
        >>> records = cycle_records_from_data(cycle_records_to_data(first.records))
        >>> CommissioningCycle.replay(records, framework=first.framework) == first
        True
    """
    if not isinstance(data, Mapping):
        raise InvalidInput([Problem("data", "a mapping (a JSON object)", data, "type")])
    problems = []
    if data.get("format") != CYCLE_RECORDS_FORMAT:
        problems.append(Problem("format", repr(CYCLE_RECORDS_FORMAT), data.get("format")))
    if data.get("format_version") != FORMAT_VERSION:
        problems.append(Problem("format_version", f"{FORMAT_VERSION}", data.get("format_version")))
    raw = data.get("records")
    if not isinstance(raw, list) or len(raw) > MAX_RECORDS:
        problems.append(Problem("records", f"a list of at most {MAX_RECORDS} records", type(raw)))
    if problems or not isinstance(raw, list):
        raise InvalidInput(problems)
    out = []
    for i, item in enumerate(raw):
        field = f"records[{i}]"
        if not isinstance(item, Mapping):
            raise InvalidInput([Problem(field, "an object", item, "type")])
        kind = item.get("type")
        payload = item.get("payload")
        where = f"{field}.payload"
        if kind == "started":
            value: Any = _build(CycleStarted, payload, where)
        elif kind == "approval":
            value = _build(Approval, payload, where)
        elif kind == "transition":
            (value,) = machine_records_from_data(
                {
                    "format": EVENTS_FORMAT,
                    "format_version": MACHINE_FORMAT_VERSION,
                    "records": [payload],
                }
            )
        elif kind == "evidence":
            cls = _BY_KIND.get(str(payload.get("kind"))) if isinstance(payload, Mapping) else None
            if cls is None:
                raise InvalidInput.of(
                    f"{where}.kind", f"one of {[k.value for k in EvidenceKind]}", payload
                )
            value = _build(cls, payload, where)
        else:
            raise InvalidInput.of(
                f"{field}.type", "started, evidence, approval or transition", kind
            )
        procurement = item.get("procurement")
        out.append(
            CycleRecord(
                item.get("cycle_id"),  # type: ignore[arg-type]  # replay checks it
                item.get("sequence"),  # type: ignore[arg-type]  # replay checks it
                _read(dt.datetime, item.get("occurred_at"), f"{field}.occurred_at"),
                item.get("actor"),  # type: ignore[arg-type]  # replay checks it
                value,
                procurement=None if procurement is None else Procurement.from_data(procurement),
            )
        )
    return tuple(out)
