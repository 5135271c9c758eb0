"""A map's changes as the library's one record envelope: their data to and from JSON (private).

A command works on domain values (a [`Stakeholder`][commissioning.stakeholders.Stakeholder], a
[`Relationship`][commissioning.stakeholders.Relationship]...); its record's ``data`` holds the same facts as
JSON-compatible, read-only values, and replaying the record reads them back.
Records made here come from values already checked, so they are frozen
directly (dicts become read-only mappings, lists tuples) without a second check;
records read back are checked by `decode`, and a bad one is named.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from ._engagement import Engagement, EngagementPlan
from ._events import EventKind
from ._model import Relationship, Stakeholder

__all__ = ["IMPORT_BUDGET", "ImportData", "decode", "encode", "thaw"]

#: The most JSON values one ``import`` record holds (the engine's event data
#: takes at most 100,000), so that every record loads on its own.
IMPORT_BUDGET = 90_000
_SCORES = ("power", "interest", "legitimacy", "urgency")


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Plain dicts and lists from read-only record data (for the readers of the exchange format)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value


def stakeholder_data(s: Stakeholder) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": str(s.kind),
        "power": s.power,
        "interest": s.interest,
        "legitimacy": s.legitimacy,
        "urgency": s.urgency,
        "tags": sorted(s.tags),
    }


def relationship_data(r: Relationship) -> dict[str, Any]:
    return {"source": r.source, "target": r.target, "type": str(r.type), "weight": r.weight}


def engagement_data(e: Engagement) -> dict[str, Any]:
    return {
        "on": e.on.isoformat(),
        "stakeholders": sorted(e.stakeholders),
        "method": str(e.method),
        "ladder": type(e.rung).ladder(),
        "rung": e.rung.value,
        "summary": e.summary,
    }


def plan_data(p: EngagementPlan) -> dict[str, Any]:
    return {
        "on": p.on.isoformat(),
        "name": p.name,
        "thresholds": {f: getattr(p.thresholds, f) for f in _SCORES},
        "quadrants": {sid: p.quadrants[sid].value for sid in sorted(p.quadrants)},
    }


def _row(s: Stakeholder) -> tuple[Any, ...]:
    tags = tuple(sorted(s.tags))
    return (s.id, s.name, str(s.kind), s.power, s.interest, s.legitimacy, s.urgency, tags)


def _tie(r: Relationship) -> tuple[Any, ...]:
    kind = r.type
    return (r.source, r.target, kind if kind.__class__ is str else str(kind), r.weight)


_PARTS = ("stakeholders", "relationships", "engagements", "plans")
_ENCODERS: dict[str, Callable[[Any], Any]] = {
    "stakeholders": _row,
    "relationships": _tie,
    "engagements": lambda e: _frozen(engagement_data(e)),
    "plans": lambda p: _frozen(plan_data(p)),
}


class ImportData(Mapping[str, Any]):
    """An ``import`` record's data, encoded when first read (a large import is built in one pass).

    Holds the (checked) values of its part of the import and encodes each part
    as rows the first time it is read, then keeps them: the record reads as
    read-only JSON-compatible data like any other, but building a map of
    100,000 relationships does not pay for rows nobody reads.
    """

    __slots__ = ("_encoded", "_values")

    def __init__(self, values: Mapping[str, tuple[Any, ...]]) -> None:
        self._values = values
        self._encoded: dict[str, tuple[Any, ...]] = {}

    def __getitem__(self, key: str) -> tuple[Any, ...]:
        found = self._encoded.get(key)
        if found is None:
            encoder = _ENCODERS[key]  # KeyError for any other key, as a mapping should
            found = self._encoded[key] = tuple(map(encoder, self._values[key]))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_PARTS)

    def __len__(self) -> int:
        return len(_PARTS)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def _costs(part: str, values: tuple[Any, ...]) -> Iterator[int]:
    if part == "stakeholders":
        return (10 + len(s.tags) for s in values)
    if part == "relationships":
        return itertools.repeat(5, len(values))
    if part == "engagements":
        return (9 + len(e.stakeholders) for e in values)
    return (12 + 2 * len(p.quadrants) for p in values)


def _import_chunks(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The import's records' data, in order, split so that none holds more than the budget."""
    chunk: dict[str, list[Any]] = {part: [] for part in _PARTS}
    used = 5
    for part in _PARTS:
        values = tuple(data[part])
        if part == "relationships" and used + 5 * len(values) <= IMPORT_BUDGET:
            chunk[part] = list(values)  # the common case: all of them fit, no counting
            used += 5 * len(values)
            continue
        start = 0
        for i, cost in enumerate(_costs(part, values)):
            if used + cost > IMPORT_BUDGET and used > 5:
                chunk[part].extend(values[start:i])
                yield ImportData({k: tuple(v) for k, v in chunk.items()})
                chunk = {p: [] for p in _PARTS}
                used, start = 5, i
            used += cost
        chunk[part].extend(values[start:])
    yield ImportData({k: tuple(v) for k, v in chunk.items()})


def encode(kind: EventKind, data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The data of the record(s) for a change (one record, or several for a large import)."""
    if kind is EventKind.IMPORT:
        yield from _import_chunks(data)
        return
    out: dict[str, Any]
    if kind is EventKind.ADD:
        out = {"stakeholder": stakeholder_data(data["stakeholder"])}
    elif kind is EventKind.UPDATE:
        out = {
            "stakeholder": stakeholder_data(data["stakeholder"]),
            "previous": stakeholder_data(data["previous"]),
        }
    elif kind is EventKind.REMOVE:
        out = {
            "stakeholder": stakeholder_data(data["stakeholder"]),
            "relationships": [relationship_data(r) for r in data["relationships"]],
        }
    elif kind is EventKind.RELATE:
        previous = data["previous"]
        out = {
            "relationship": relationship_data(data["relationship"]),
            "previous": None if previous is None else relationship_data(previous),
        }
    elif kind is EventKind.UNRELATE:
        out = {"relationship": relationship_data(data["relationship"])}
    elif kind is EventKind.RECORD_ENGAGEMENT:
        out = {"engagement": engagement_data(data["engagement"])}
    else:
        out = {"plan": plan_data(data["plan"])}
    yield _frozen(out)


def _rows(data: Mapping[str, Any], part: str) -> list[Any]:
    rows = data.get(part, [])
    if not isinstance(rows, list):
        raise InvalidInputType([Problem(f"data.{part}", "an array", rows, "type")])
    return rows


def _import(data: Mapping[str, Any]) -> dict[str, Any]:
    from ._export import Reader as _Reader  # noqa: PLC0415 - the exchange format's readers import the map

    reader = _Reader()
    people: list[Any] = []
    for i, row in enumerate(_rows(data, "stakeholders")):
        where = f"data.stakeholders[{i}]"
        if not isinstance(row, list) or len(row) != 8 or not isinstance(row[7], list):
            reader.check.add(Problem(where, "a row [id, name, kind, 4 scores, [tags]]", row))
            continue
        item = dict(zip(("id", "name", "kind", *_SCORES, "tags"), row, strict=True))
        people.append(reader.stakeholder(item, where))
    ties: list[Any] = []
    for i, row in enumerate(_rows(data, "relationships")):
        where = f"data.relationships[{i}]"
        if not isinstance(row, list) or len(row) != 4:
            reader.check.add(Problem(where, "a row [source, target, type, weight]", row))
            continue
        ties.append(
            reader.relationship(
                dict(zip(("source", "target", "type", "weight"), row, strict=True)), where
            )
        )
    engagements = [
        reader.engagement(f"data.engagements[{i}]", e)
        for i, e in enumerate(_rows(data, "engagements"))
    ]
    plans = [reader.plan(f"data.plans[{i}]", p) for i, p in enumerate(_rows(data, "plans"))]
    reader.check.done()
    return {
        "stakeholders": people,
        "relationships": ties,
        "engagements": engagements,
        "plans": plans,
    }


def decode(event: str, data: Mapping[str, Any]) -> tuple[EventKind, dict[str, Any]]:
    """The change a record describes, as domain values; [`InvalidInput`][commissioning.InvalidInput] naming what is wrong."""
    from ._export import Reader as _Reader  # noqa: PLC0415 - the exchange format's readers import the map

    try:
        kind = EventKind(event)
    except ValueError:
        names = ", ".join(k.value for k in EventKind)
        raise InvalidInput.of("event", f"one of {names}", event) from None
    plain = thaw(data)
    if kind is EventKind.IMPORT:
        return kind, _import(plain)
    reader = _Reader()
    expected = {
        EventKind.ADD: ("stakeholder",),
        EventKind.UPDATE: ("stakeholder", "previous"),
        EventKind.REMOVE: ("stakeholder", "relationships"),
        EventKind.RELATE: ("relationship", "previous"),
        EventKind.UNRELATE: ("relationship",),
        EventKind.RECORD_ENGAGEMENT: ("engagement",),
        EventKind.RECORD_PLAN: ("plan",),
    }[kind]
    fields = reader.fields("data", plain, expected)
    reader.check.done()
    assert fields is not None  # noqa: S101 - done() raised otherwise
    out: dict[str, Any] = {}
    for name in expected:
        value = fields[name]
        where = f"data.{name}"
        if name in ("stakeholder", "previous") and kind is not EventKind.RELATE:
            out[name] = reader.stakeholder(value, where)
        elif name == "relationships":
            out[name] = tuple(
                reader.relationship(r, f"{where}[{i}]")
                for i, r in enumerate(reader.array(where, value))
            )
        elif name in ("relationship", "previous"):
            out[name] = None if value is None else reader.relationship(value, where)
        elif name == "engagement":
            out[name] = reader.engagement(where, value)
        else:
            out[name] = reader.plan(where, value)
    reader.check.done()
    return kind, out
