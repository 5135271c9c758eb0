"""INTERIM until the core's record_to_data/record_from_data land (deleted after merge)."""
# ruff: noqa: ANN, D, E501  - interim, deleted when the core lands
from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

from .._errors import InvalidInput, Problem
from ..machine import EventRecord


def _thaw(v: Any) -> Any:
    if isinstance(v, (dict, MappingProxyType)):
        return {k: _thaw(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_thaw(x) for x in v]
    return v


def _freeze(v: Any) -> Any:
    if isinstance(v, dict):
        return MappingProxyType({k: _freeze(x) for k, x in v.items()})
    if isinstance(v, list):
        return tuple(_freeze(x) for x in v)
    return v


def make(stream_id, version, event, occurred_at, actor, data, path, source, target):  # type: ignore[no-untyped-def]
    return EventRecord(stream_id, version, event, source or "", target or "", occurred_at, actor, _freeze(dict(data)), tuple(path))


def record_to_data(r: Any) -> dict[str, Any]:
    return {
        "format": "commissioning.record",
        "format_version": 1,
        "stream_id": r.instance_id,
        "version": r.version,
        "event": r.event,
        "occurred_at": r.occurred_at.isoformat(),
        "actor": r.actor,
        "data": _thaw(r.data),
        "path": list(r.path),
        "source": r.source or None,
        "target": r.target or None,
    }


def record_from_data(d: Any) -> Any:
    if not isinstance(d, dict):
        raise InvalidInput([Problem("record", "a JSON object", d, "type")])
    if d.get("format_version") != 1:
        raise InvalidInput([Problem("format_version", "1 (the versions this release reads)", d.get("format_version"))])
    try:
        at = dt.datetime.fromisoformat(d["occurred_at"]).astimezone(dt.UTC)
        return make(d["stream_id"], d["version"], d["event"], at, d["actor"], d["data"], d["path"], d["source"], d["target"])
    except (KeyError, TypeError, ValueError) as e:
        raise InvalidInput([Problem("record", "a record", str(e))]) from None
