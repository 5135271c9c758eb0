"""Hypothesis strategies for the stored forms the library writes, valid and hostile.

Every loader promises: whatever arrives, build a value that round-trips
through strict JSON, or raise a typed [`CommissioningError`][commissioning.CommissioningError].
These strategies let anyone test that promise, the library's own loaders and
an embedder's loaders alike:

* ``stored_*`` strategies generate the documents the library's exporters write
  ([`record_to_data`][commissioning.machine.record_to_data], [`records_to_data`][commissioning.machine.records_to_data],
  [`definition_to_data`][commissioning.machine.definition_to_data], ``Instance.to_data``,
  ``Procurement.to_data``, ``StakeholderMap.to_data``), made from valid values;
* [`hostile_edits`][commissioning.strategies.hostile_edits] turns such documents into hostile ones by a few random
  edits at random places: a value of another type, a dropped or unknown key,
  deep nesting, huge or non-finite numbers, dates at the edges of the calendar
  with offsets, NUL bytes, long strings, a duplicated list item (a repeated
  record version);
* [`json_values`][commissioning.strategies.json_values] is garbage: any JSON-like value, nested, including what
  strict JSON refuses (NaN, infinities, huge numbers, ``Decimal`` values as
  ``json.loads(..., parse_float=Decimal)`` makes them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..machine import (
    Definition,
    Instance,
    definition_to_data,
    record_to_data,
    records_to_data,
)
from ..procurement import Procurement
from ..stakeholders import StakeholderMap
from ._cycle import cycle_documents
from ._machine import Walk, machine_definitions, walks
from ._procurement import procurements
from ._stakeholders import stakeholder_maps

__all__ = [
    "EDGE_MOMENTS",
    "HUGE_NUMBERS",
    "hostile_edits",
    "json_values",
    "stored_event_logs",
    "stored_forms",
    "stored_instances",
    "stored_machine_definitions",
    "stored_procurements",
    "stored_records",
    "stored_stakeholder_maps",
]

#: Dates and moments at the edges of what Python's types hold, with offsets that
#: carry them past the edge when converted to UTC, and a few malformed ones.
EDGE_MOMENTS: tuple[str, ...] = (
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00:00+01:00",
    "0001-01-01T00:00:00-01:00",
    "9999-12-31T23:30:00-01:00",
    "9999-12-31T23:59:59.999999+00:00",
    "1000-01-01T00:00:00+00:00",
    "2999-12-31T23:59:59+00:00",
    "2026-02-29",
    "2026-01-05T09:00:00",
    "2026-01-05T09:00:00+05:00",
    "2026-01-05T09:00:00Z",
    "2026-13-01",
    "+002026-01-05",
    "",
)

#: Numbers that overflow, lose precision, take long to format or are not JSON.
HUGE_NUMBERS: tuple[Any, ...] = (
    10**5000,
    -(10**5000),
    2**63,
    -(2**63) - 1,
    10**30,
    1e308,
    -1e308,
    5e-324,
    math.inf,
    -math.inf,
    math.nan,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("1E+999999"),
    Decimal("1E-999999"),
    Decimal("-0"),
)


def _pick(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """One of ``values``, drawn by index (a strategy whose repr never formats a huge int)."""
    return st.integers(0, len(values) - 1).map(values.__getitem__)


_LEAVES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(EDGE_MOMENTS),
    _pick(HUGE_NUMBERS),
)


def json_values(
    *, leaves: st.SearchStrategy[Any] | None = None, max_leaves: int = 30
) -> st.SearchStrategy[Any]:
    """Nested JSON-like garbage: objects, arrays and leaves, including what strict JSON refuses.

    ``leaves`` defaults to null, booleans, any int or float (NaN and infinities
    too), short text, [`EDGE_MOMENTS`][commissioning.strategies] and [`HUGE_NUMBERS`][commissioning.strategies].

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(json_values())
        ... def test(value):
        ...     assert value is None or isinstance(value, (bool, int, float, str, Decimal, list, dict))
        >>> test()
    """
    return st.recursive(
        leaves if leaves is not None else _LEAVES,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(max_size=12), children, max_size=4),
        ),
        max_leaves=max_leaves,
    )


def stored_records(*, walks: st.SearchStrategy[Walk] | None = None) -> st.SearchStrategy[Any]:
    """Event-log rows as [`record_to_data`][commissioning.machine.record_to_data] writes them, from valid walks.

    Examples:
        >>> from hypothesis import given, settings
        >>> from commissioning import record_from_data
        >>> @settings(max_examples=5)
        ... @given(stored_records())
        ... def test(row):
        ...     assert row["format"] == "commissioning.record"
        ...     assert record_to_data(record_from_data(row)) == row
        >>> test()
    """
    source = walks if walks is not None else _walks()
    return (
        source.filter(lambda w: bool(w.steps))
        .map(lambda w: w.run()[1])
        .flatmap(st.sampled_from)
        .map(record_to_data)
    )


def stored_event_logs(*, walks: st.SearchStrategy[Walk] | None = None) -> st.SearchStrategy[Any]:
    """Event logs as [`records_to_data`][commissioning.machine.records_to_data] writes them (possibly empty).

    Examples:
        >>> from hypothesis import given, settings
        >>> from commissioning import records_from_data
        >>> @settings(max_examples=5)
        ... @given(stored_event_logs())
        ... def test(log):
        ...     assert records_to_data(records_from_data(log)) == log
        >>> test()
    """
    source = walks if walks is not None else _walks()
    return source.map(lambda w: records_to_data(w.run()[1]))


def stored_machine_definitions(
    *, definitions: st.SearchStrategy[Definition] | None = None
) -> st.SearchStrategy[Any]:
    """Machine definitions as [`definition_to_data`][commissioning.machine.definition_to_data] writes them.

    ``definitions`` defaults to [`machine_definitions`][commissioning.strategies.machine_definitions] with small machines,
    some hosting a child machine. The generated guards are named
    ``"permissive"``: load with ``guards=[...]`` holding a guard of that name.
    """
    source = (
        definitions
        if definitions is not None
        else st.one_of(
            machine_definitions(max_states=6),
            machine_definitions(max_states=6, child_definitions=machine_definitions(max_states=3)),
        )
    )
    return source.map(definition_to_data)


def stored_instances(*, walks: st.SearchStrategy[Walk] | None = None) -> st.SearchStrategy[Any]:
    """``(definition, document)`` pairs: an instance's stored form and the definition it needs."""
    source = walks if walks is not None else _walks()
    return source.map(lambda w: (w.definition, _instance_data(w.run()[0])))


def _instance_data(instance: Instance) -> Any:
    return instance.to_data()


def stored_procurements(
    *, procurements: st.SearchStrategy[Procurement] | None = None
) -> st.SearchStrategy[Any]:
    """Procurements as ``Procurement.to_data()`` writes them, early and late in their procedures.

    About one in four is divided into lots (its records hold ``lot_states``).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=3)
        ... @given(stored_procurements())
        ... def test(doc):
        ...     assert Procurement.from_data(doc).to_data() == doc
        >>> test()
    """
    source = (
        procurements
        if procurements is not None
        else st.one_of(
            _procurements(max_steps=12),
            _procurements(max_steps=12),
            _procurements(max_steps=12),
            _procurements(
                procedures=st.sampled_from(["pa-open", "pa-competitive-flexible"]),
                max_steps=12,
                lots=True,
            ),
        )
    )
    return source.map(lambda p: p.to_data())


def stored_stakeholder_maps(
    *, maps: st.SearchStrategy[StakeholderMap] | None = None
) -> st.SearchStrategy[Any]:
    """Stakeholder maps as ``StakeholderMap.to_data()`` writes them."""
    source = maps if maps is not None else stakeholder_maps()
    return source.map(lambda m: m.to_data())


def stored_forms() -> st.SearchStrategy[Any]:
    """Any one of the library's stored forms, cycles ([`cycle_documents`][commissioning.strategies.cycle_documents]) included."""
    return st.one_of(
        stored_records(),
        stored_event_logs(),
        stored_machine_definitions(),
        stored_procurements(),
        stored_stakeholder_maps(),
        cycle_documents(),
    )


_walks = walks
_procurements = procurements


# ---- hostile edits ---------------------------------------------------------------------------

_Path = tuple[Any, ...]


_MAX_EDIT_DEPTH = 12


def _paths(document: Any) -> list[_Path]:
    """The places in ``document`` down to 12 levels (the root included), found without recursion."""
    out: list[_Path] = []
    stack: list[tuple[_Path, Any]] = [((), document)]
    while stack:
        path, value = stack.pop()
        out.append(path)
        if len(path) >= _MAX_EDIT_DEPTH:
            continue
        if isinstance(value, Mapping):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    out.sort(key=lambda p: (len(p), [str(k) for k in p]))
    return out


def _copy(document: Any) -> Any:
    """A copy of every ``dict`` and ``list`` in ``document`` (leaves shared), without recursion."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, document)]
    while stack:
        parent, key, value = stack.pop()
        if isinstance(value, dict):
            new: Any = dict(value)
            stack.extend((new, k, v) for k, v in value.items())
        elif isinstance(value, list):
            new = list(value)
            stack.extend((new, i, v) for i, v in enumerate(value))
        else:
            new = value
        parent[key] = new
    return root[0]


def _get(document: Any, path: _Path) -> Any:
    for key in path:
        document = document[key]
    return document


def _deepen(value: Any, depth: int) -> Any:
    for i in range(depth):
        value = [value] if i % 2 else {"x": value}
    return value


_OTHER_TYPES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "x",
    [],
    {},
    [None],
    {"": None},
    ["x", ["x"]],
)


@st.composite
def _replacement(draw: st.DrawFn, old: Any) -> Any:
    kind = draw(
        st.sampled_from(
            ["type", "huge", "moment", "text", "deep", "garbage", "near", "nul", "long", "keep"]
        )
    )
    if kind == "type":
        return draw(st.sampled_from(_OTHER_TYPES))
    if kind == "huge":
        return draw(_pick(HUGE_NUMBERS))
    if kind == "moment":
        return draw(st.sampled_from(EDGE_MOMENTS))
    if kind == "text":
        return draw(st.text(max_size=10))
    if kind == "deep":
        return _deepen(old, draw(st.sampled_from([40, 70, 1_000, 20_000])))
    if kind == "garbage":
        return draw(json_values(max_leaves=6))
    if kind == "near" and isinstance(old, int) and not isinstance(old, bool):
        return old + draw(st.sampled_from([-(10**6), -2, -1, 1, 2, 10**6]))
    if kind == "nul" and isinstance(old, str):
        return old[: len(old) // 2] + "\x00" + old[len(old) // 2 :]
    if kind == "long":
        return (old[:20] if isinstance(old, str) else "") + "x" * 200_000
    if kind == "keep":
        return [old] if draw(st.booleans()) else {"value": old}
    return draw(st.sampled_from(_OTHER_TYPES))


@st.composite
def _edit_once(draw: st.DrawFn, document: Any) -> Any:
    places = _paths(document)
    path = draw(st.sampled_from(places))
    target = _get(document, path)
    ops = ["replace"]
    if path:
        ops.append("drop")
    if isinstance(target, dict):
        ops.append("add")
    if isinstance(target, list) and target:
        ops.extend(["duplicate", "reverse"])
    op = draw(st.sampled_from(ops))
    if op == "replace":
        new = draw(_replacement(target))
        if not path:
            return new
        _get(document, path[:-1])[path[-1]] = new
    elif op == "drop":
        del _get(document, path[:-1])[path[-1]]
    elif op == "add":
        key = draw(st.sampled_from(["unknown", "format", "version", "", "\x00", "x" * 300]))
        target[key] = draw(_pick(_OTHER_TYPES + HUGE_NUMBERS[:3]))
    elif op == "duplicate":
        i = draw(st.integers(0, len(target) - 1))
        target.insert(i, _copy(target[i]))
    else:
        target.reverse()
    return document


@st.composite
def _edits(draw: st.DrawFn, documents: st.SearchStrategy[Any], max_edits: int) -> Any:
    document = _copy(draw(documents))
    for _ in range(draw(st.integers(1, max_edits))):
        document = draw(_edit_once(document))
    return document


def hostile_edits(
    documents: st.SearchStrategy[Any] | Any, *, max_edits: int = 3
) -> st.SearchStrategy[Any]:
    """Documents from ``documents`` (a strategy or one document) with 1 to ``max_edits`` hostile edits.

    An edit picks a place in the document (the root, an object, an array or a
    leaf) and does one of: replace it by a value of another type, a huge or
    non-finite number ([`HUGE_NUMBERS`][commissioning.strategies]), an edge date
    ([`EDGE_MOMENTS`][commissioning.strategies]), other text, a string with a NUL byte, a 200,000-character
    string, garbage ([`json_values`][commissioning.strategies.json_values]) or the same value nested 40 to
    20,000 levels deep; drop it; add an unknown (or a duplicated well-known)
    key; duplicate an array item (a record version seen twice); or reverse an
    array (records out of order). The drawn document's objects and arrays are
    copied first, so the original is never changed.

    Examples:
        >>> from hypothesis import given, settings
        >>> from commissioning import CommissioningError, records_from_data
        >>> @settings(max_examples=20)
        ... @given(hostile_edits(stored_event_logs()))
        ... def test(document):
        ...     try:
        ...         records_from_data(document)
        ...     except CommissioningError:
        ...         pass
        >>> test()
    """
    source: st.SearchStrategy[Any] = (
        documents if isinstance(documents, st.SearchStrategy) else st.just(documents)
    )
    return _edits(source, max_edits)
