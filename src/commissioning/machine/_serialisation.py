"""Definitions and event logs to and from JSON-compatible data, at the edge.

Loading validates fully and refuses malformed or hostile input with typed
errors: wrong types, unknown states, guards that are not registered, and
payloads that are too large or too deeply nested. Nothing in the data is ever
executed: guards are looked up by name in a registry the caller supplies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .._aggregate import check_format
from .._errors import InvalidInput, InvalidInputType, Problem
from .._validation import Checker
from ._deadlines import Deadline, Period
from ._definition import MAX_CHILD_DEPTH, Definition, State, Transition
from ._guards import Guard, GuardRegistry
from ._instance import (
    MAX_DATA_DEPTH,
    MAX_DATA_ITEMS,
    EventRecord,
    Instance,
    _make_record,
    freeze_data,
)

__all__ = [
    "DEFINITION_FORMAT",
    "EVENTS_FORMAT",
    "EVENTS_FORMAT_VERSION",
    "FORMAT_VERSION",
    "RECORD_FORMAT",
    "RECORD_FORMAT_VERSION",
    "definition_from_data",
    "definition_to_data",
    "instance_from_data",
    "instance_to_data",
    "record_from_data",
    "record_to_data",
    "records_from_data",
    "records_to_data",
]

DEFINITION_FORMAT = "commissioning.definition"
EVENTS_FORMAT = "commissioning.events"
RECORD_FORMAT = "commissioning.record"
INSTANCE_FORMAT = "commissioning.instance"
#: The version of the definition format this release writes and reads.
FORMAT_VERSION = 1
#: The event log's version: 2 since its records are record documents (keys ``stream_id`` ...).
EVENTS_FORMAT_VERSION = 2
RECORD_FORMAT_VERSION = 1
INSTANCE_FORMAT_VERSION = 1

MAX_NAME_LENGTH = 1_000
MAX_TEXT_LENGTH = 100_000
MAX_ITEMS = 10_000
MAX_RECORDS = 1_000_000


def definition_to_data(definition: Definition) -> dict[str, Any]:
    """A JSON-compatible description of ``definition``; guards appear by name.

    Examples:
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> data = definition_to_data(d)
        >>> data["format"], data["format_version"], [s["name"] for s in data["states"]]
        ('commissioning.definition', 1, ['open', 'closed'])
    """
    out = _definition_body(definition)
    return {"format": DEFINITION_FORMAT, "format_version": FORMAT_VERSION, **out}


def _definition_body(d: Definition) -> dict[str, Any]:
    return {
        "name": d.name,
        "description": d.description,
        "states": [
            {
                "name": s.name,
                "initial": s.initial,
                "final": s.final,
                "description": s.description,
                "deadlines": [_deadline_to_data(x) for x in s.deadlines],
                "children": [_definition_body(c) for c in s.children],
            }
            for s in d.states
        ],
        "transitions": [
            {
                "source": list(t.source),
                "event": t.event,
                "target": t.target,
                "guards": [g.name for g in t.guards],
                "requires_child_final": t.requires_child_final,
                "deadline": None if t.deadline is None else _deadline_to_data(t.deadline),
                "description": t.description,
            }
            for t in d.transitions
        ],
    }


def _deadline_to_data(d: Deadline) -> dict[str, Any]:
    return {
        "name": d.name,
        "after": _period_to_data(d.after),
        "warn_before": _period_to_data(d.warn_before),
        "description": d.description,
    }


def _period_to_data(p: Period) -> dict[str, int]:
    return {"years": p.years, "months": p.months, "weeks": p.weeks, "days": p.days}


def definition_from_data(
    data: Any, *, guards: Mapping[str, Guard] | Iterable[Guard] = ()
) -> Definition:
    """Load and validate a definition from JSON-compatible ``data``.

    Guards are referred to by name and must be in ``guards`` (a
    [`GuardRegistry`][commissioning.machine.GuardRegistry], a mapping of names, or an
    iterable of [`Guard`][commissioning.machine.Guard]). Every field problem is
    reported at once as [`InvalidInput`][commissioning.InvalidInput]; a structurally
    wrong machine raises [`InvalidDefinition`][commissioning.InvalidDefinition].

    Examples:
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> definition_from_data(definition_to_data(d)) == d
        True
        >>> definition_from_data({"format": "commissioning.definition", "format_version": 1,
        ...                       "name": "x", "states": "all", "transitions": []})
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: states: expected a list, received 'all'
    """
    registry = _registry(guards)
    check = Checker()
    if not check.type("data", data, Mapping, "a mapping (a JSON object)"):
        check.done()
    check.that(
        data.get("format") == DEFINITION_FORMAT,
        "format",
        repr(DEFINITION_FORMAT),
        data.get("format"),
    )
    check.that(
        data.get("format_version") == FORMAT_VERSION,
        "format_version",
        f"{FORMAT_VERSION} (the only version this release reads)",
        data.get("format_version"),
    )
    check.done()
    return _definition_from(data, "", registry, 0)


def _registry(guards: Mapping[str, Guard] | Iterable[Guard]) -> Mapping[str, Guard]:
    if isinstance(guards, Mapping):
        check = Checker()
        for name, g in guards.items():
            if check.type(f"guards[{name!r}]", g, Guard, "a Guard"):
                check.that(g.name == name, f"guards[{name!r}]", f"a guard named {name!r}", g.name)
        check.done()
        return guards
    return GuardRegistry.of(*guards)


def _definition_from(data: Any, at: str, registry: Mapping[str, Guard], depth: int) -> Definition:
    check = Checker()
    prefix = f"{at}." if at else ""
    if depth > MAX_CHILD_DEPTH:
        check.add(
            Problem(at or "data", f"at most {MAX_CHILD_DEPTH} levels of child machines", "deeper")
        )
        check.done()
    if not check.type(at or "data", data, Mapping, "a mapping (a JSON object)"):
        check.done()
    name = _text(check, data, f"{prefix}name", "name", MAX_NAME_LENGTH)
    description = _text(check, data, f"{prefix}description", "description", MAX_TEXT_LENGTH, "")
    states_raw = _list(check, data, f"{prefix}states", "states")
    transitions_raw = _list(check, data, f"{prefix}transitions", "transitions")
    states: list[State] = []
    for i, s in enumerate(states_raw):
        state = _state_from(s, f"{prefix}states[{i}]", registry, depth, check)
        if state is not None:
            states.append(state)
    transitions: list[Transition] = []
    for i, t in enumerate(transitions_raw):
        tr = _transition_from(t, f"{prefix}transitions[{i}]", registry, check)
        if tr is not None:
            transitions.append(tr)
    check.done()
    return Definition(name, states=states, transitions=transitions, description=description)


def _state_from(
    data: Any, at: str, registry: Mapping[str, Guard], depth: int, check: Checker
) -> State | None:
    if not check.type(at, data, Mapping, "a mapping (a JSON object)"):
        return None
    name = _text(check, data, f"{at}.name", "name", MAX_NAME_LENGTH)
    initial = _flag(check, data, f"{at}.initial", "initial")
    final = _flag(check, data, f"{at}.final", "final")
    description = _text(check, data, f"{at}.description", "description", MAX_TEXT_LENGTH, "")
    deadlines = [
        _deadline_from(x, f"{at}.deadlines[{i}]", check)
        for i, x in enumerate(_list(check, data, f"{at}.deadlines", "deadlines", []))
    ]
    children: list[Definition] = []
    for i, c in enumerate(_list(check, data, f"{at}.children", "children", [])):
        try:
            children.append(_definition_from(c, f"{at}.children[{i}]", registry, depth + 1))
        except InvalidInput as exc:
            check.problems.extend(exc.problems)
    if len(check.problems):
        return None
    return State(
        name,
        initial=initial,
        final=final,
        description=description,
        deadlines=[d for d in deadlines if d is not None],
        children=children,
    )


def _transition_from(
    data: Any, at: str, registry: Mapping[str, Guard], check: Checker
) -> Transition | None:
    if not check.type(at, data, Mapping, "a mapping (a JSON object)"):
        return None
    before = len(check.problems)
    raw_source = data.get("source")
    # A single state may be written as a plain name, as the code accepts it.
    source = (
        [raw_source]
        if isinstance(raw_source, str)
        else _list(check, data, f"{at}.source", "source")
    )
    for i, s in enumerate(source):
        check.type(f"{at}.source[{i}]", s, str, "a state name (str)")
    event = _text(check, data, f"{at}.event", "event", MAX_NAME_LENGTH)
    target = _text(check, data, f"{at}.target", "target", MAX_NAME_LENGTH)
    guards: list[Guard] = []
    for i, g in enumerate(_list(check, data, f"{at}.guards", "guards", [])):
        if check.type(f"{at}.guards[{i}]", g, str, "a registered guard name (str)"):
            if g in registry:
                guards.append(registry[g])
            else:
                check.add(
                    Problem(
                        f"{at}.guards[{i}]",
                        f"a registered guard name ({', '.join(sorted(registry)) or 'none registered'})",
                        g,
                    )
                )
    requires = _flag(check, data, f"{at}.requires_child_final", "requires_child_final")
    deadline_raw = data.get("deadline")
    deadline = (
        None if deadline_raw is None else _deadline_from(deadline_raw, f"{at}.deadline", check)
    )
    description = _text(check, data, f"{at}.description", "description", MAX_TEXT_LENGTH, "")
    if len(check.problems) > before:
        return None
    return Transition(
        tuple(source),
        event,
        target,
        guards=guards,
        requires_child_final=requires,
        deadline=deadline,
        description=description,
    )


def _deadline_from(data: Any, at: str, check: Checker) -> Deadline | None:
    if not check.type(at, data, Mapping, "a mapping (a JSON object)"):
        return None
    before = len(check.problems)
    name = _text(check, data, f"{at}.name", "name", MAX_NAME_LENGTH)
    after = _period_from(data.get("after"), f"{at}.after", check)
    warn = _period_from(data.get("warn_before", {}), f"{at}.warn_before", check)
    description = _text(check, data, f"{at}.description", "description", MAX_TEXT_LENGTH, "")
    if len(check.problems) > before or after is None or warn is None:
        return None
    return Deadline(name, after=after, warn_before=warn, description=description)


def _period_from(data: Any, at: str, check: Checker) -> Period | None:
    if not check.type(at, data, Mapping, "a mapping of years, months, weeks, days"):
        return None
    values = {}
    ok = True
    for unit in ("years", "months", "weeks", "days"):
        v = data.get(unit, 0)
        if check.type(f"{at}.{unit}", v, int, "a whole number >= 0") and check.that(
            0 <= v <= 10_000, f"{at}.{unit}", "a whole number from 0 to 10000", v
        ):
            values[unit] = v
        else:
            ok = False
    unknown = set(data) - {"years", "months", "weeks", "days"}
    check.that(not unknown, at, "only years, months, weeks and days", sorted(map(str, unknown)))
    return Period(**values) if ok and not unknown else None


def _text(
    check: Checker,
    data: Mapping[str, Any],
    field: str,
    key: str,
    limit: int,
    default: str | None = None,
) -> str:
    value = data.get(key, default)
    if check.type(field, value, str, "a str"):
        check.that(
            len(value) <= limit, field, f"at most {limit} characters", f"{len(value)} characters"
        )
        return value  # type: ignore[no-any-return]  # checked to be a str
    return ""


def _flag(check: Checker, data: Mapping[str, Any], field: str, key: str) -> bool:
    value = data.get(key, False)
    return value if check.type(field, value, bool, "true or false") else False


def _list(
    check: Checker, data: Mapping[str, Any], field: str, key: str, default: list[Any] | None = None
) -> list[Any]:
    value = data.get(key, default)
    if not check.type(field, value, (list, tuple), "a list"):
        return []
    if not check.that(len(value) <= MAX_ITEMS, field, f"at most {MAX_ITEMS} items", len(value)):
        return []
    return list(value)


def record_to_data(record: EventRecord) -> dict[str, Any]:
    """One record as a JSON-compatible document, for stores that keep one row per event.

    Keys: ``format`` (``"commissioning.record"``), ``format_version`` (1), then the
    envelope's attribute names; ``occurred_at`` is ISO 8601 in UTC, ``path`` a list.

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        ...                 "ann", {}, (), "open", "closed")
        >>> record_to_data(r)  # doctest: +NORMALIZE_WHITESPACE
        {'format': 'commissioning.record', 'format_version': 1, 'stream_id': 'case-1',
         'version': 1, 'event': 'close', 'occurred_at': '2026-01-05T00:00:00+00:00',
         'actor': 'ann', 'data': {}, 'path': [], 'source': 'open', 'target': 'closed'}
        >>> record_from_data(record_to_data(r)) == r
        True
    """
    if not isinstance(record, EventRecord):
        raise InvalidInputType([Problem("record", "an EventRecord", record, "type")])
    return {
        "format": RECORD_FORMAT,
        "format_version": RECORD_FORMAT_VERSION,
        **_record_body(record),
    }


def _record_body(r: EventRecord) -> dict[str, Any]:
    return {
        "stream_id": r.stream_id,
        "version": r.version,
        "event": r.event,
        "occurred_at": r.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor": r.actor,
        "data": _thaw(r.data),
        "path": list(r.path),
        "source": r.source,
        "target": r.target,
    }


def record_from_data(data: Any) -> EventRecord:
    """Load one record written by [`record_to_data`][commissioning.machine.record_to_data], checking every field.

    Examples:
        >>> record_from_data({"format": "commissioning.record", "format_version": 1,
        ...     "stream_id": "case-1", "version": 1, "event": "close", "actor": "ann",
        ...     "occurred_at": "2026-01-05T09:00:00"})
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: occurred_at: expected an ISO 8601 date-time with an offset, received '2026-01-05T09:00:00'
    """
    check_format(data, format_name=RECORD_FORMAT, versions=(RECORD_FORMAT_VERSION,))
    check = Checker()
    record = _record_from(data, "", check)
    check.done()
    assert record is not None  # noqa: S101 - no problems means a record was built
    return record


def records_to_data(records: Iterable[EventRecord]) -> dict[str, Any]:
    """A JSON-compatible event log: each record a [`record_to_data`][commissioning.machine.record_to_data] document.

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        ...                 "ann", {}, (), "open", "closed")
        >>> log = records_to_data([r])
        >>> log["format"], log["format_version"], log["records"][0]["occurred_at"]
        ('commissioning.events', 2, '2026-01-05T00:00:00+00:00')
    """
    return {
        "format": EVENTS_FORMAT,
        "format_version": EVENTS_FORMAT_VERSION,
        "records": [record_to_data(r) for r in records],
    }


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


def records_from_data(
    data: Any,
    *,
    max_records: int = MAX_RECORDS,
    max_data_depth: int = MAX_DATA_DEPTH,
    max_data_items: int = MAX_DATA_ITEMS,
) -> tuple[EventRecord, ...]:
    """Load an event log written by [`records_to_data`][commissioning.machine.records_to_data], checking every field.

    At most ``max_records`` records (1,000,000 by default); each record's data
    may nest ``max_data_depth`` levels (32) and hold ``max_data_items`` values (100,000).

    This checks each record's own shape;
    [`Definition.replay`][commissioning.machine.Definition.replay] then checks
    that the sequence fits the machine.

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        ...                 "ann", {}, (), "open", "closed")
        >>> records_from_data(records_to_data([r])) == (r,)
        True
    """
    check_format(data, format_name=EVENTS_FORMAT, versions=(EVENTS_FORMAT_VERSION,))
    check = Checker()
    raw = data.get("records")
    if check.type("records", raw, (list, tuple), "a list of records"):
        check.that(len(raw) <= max_records, "records", f"at most {max_records} records", len(raw))
    check.done()
    out: list[EventRecord] = []
    for i, r in enumerate(raw):
        record = _record_from(r, f"records[{i}]", check, (max_data_depth, max_data_items))
        if record is not None:
            out.append(record)
        if len(check.problems) > 100:
            break
    check.done()
    return tuple(out)


def _record_from(
    data: Any, at: str, check: Checker, limits: tuple[int, int] = (0, 0)
) -> EventRecord | None:
    """A record from its document (``at`` is its path, ``""`` for a lone record)."""
    if not check.type(at or "record", data, Mapping, "a mapping (a JSON object)"):
        return None
    if at:
        if data.get("format") != RECORD_FORMAT:
            check.add(Problem(f"{at}.format", repr(RECORD_FORMAT), data.get("format")))
        if data.get("format_version") != RECORD_FORMAT_VERSION or (
            data.get("format_version").__class__ is not int
        ):
            check.add(
                Problem(
                    f"{at}.format_version",
                    f"{RECORD_FORMAT_VERSION} (the record version this release reads)",
                    data.get("format_version"),
                )
            )
    at = f"{at}." if at else ""
    before = len(check.problems)
    texts = {
        key: _text(check, data, f"{at}{key}", key, MAX_NAME_LENGTH)
        for key in ("stream_id", "event", "actor")
    }
    for key, value in texts.items():
        if value == "" and isinstance(data.get(key), str):
            check.add(Problem(f"{at}{key}", "a non-empty str", value))
    states: dict[str, str | None] = {}
    for key in ("source", "target"):
        value = data.get(key)
        states[key] = (
            None if value is None else _text(check, data, f"{at}{key}", key, MAX_NAME_LENGTH)
        )
    version = data.get("version")
    if check.type(f"{at}version", version, int, "a whole number >= 1"):
        check.that(version >= 1, f"{at}version", "a whole number >= 1", version)
    occurred = _moment(check, data.get("occurred_at"), f"{at}occurred_at")
    path = data.get("path", [])
    if check.type(f"{at}path", path, (list, tuple), "a list of state names"):
        for i, p in enumerate(path):
            check.type(f"{at}path[{i}]", p, str, "a state name (str)")
        check.that(
            len(path) <= MAX_CHILD_DEPTH,
            f"{at}path",
            f"at most {MAX_CHILD_DEPTH} names",
            len(path),
        )
    payload: Any = data.get("data", {})
    try:
        frozen = freeze_data(
            payload,
            field=f"{at}data",
            max_depth=limits[0] or MAX_DATA_DEPTH,
            max_items=limits[1] or MAX_DATA_ITEMS,
        )
    except InvalidInput as exc:
        check.problems.extend(exc.problems)
        frozen = {}
    if len(check.problems) > before or occurred is None:
        return None
    return _make_record(
        texts["stream_id"],
        version,
        texts["event"],
        occurred,
        texts["actor"],
        frozen,
        tuple(path),
        states["source"],
        states["target"],
    )


def instance_to_data(instance: Instance) -> dict[str, Any]:
    """An instance's stored form: its definition's name, id, start and records.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> data = instance_to_data(d.start("case-1", at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)))
        >>> data["format"], data["definition"], data["started_at"], data["records"]
        ('commissioning.instance', 'review', '2026-01-05T00:00:00+00:00', [])
    """
    return {
        "format": INSTANCE_FORMAT,
        "format_version": INSTANCE_FORMAT_VERSION,
        "definition": instance.definition.name,
        "stream_id": instance.id,
        "started_at": instance.started_at.astimezone(dt.UTC).isoformat(),
        "records": [record_to_data(r) for r in instance.history],
    }


def instance_from_data(data: Any, *, definition: Definition) -> Instance:
    """Rebuild an instance of ``definition`` from `instance_to_data`'s form."""
    check_format(data, format_name=INSTANCE_FORMAT, versions=(INSTANCE_FORMAT_VERSION,))
    check = Checker()
    name = _text(check, data, "definition", "definition", MAX_NAME_LENGTH)
    if not check.problems:
        check.that(
            name == definition.name,
            "definition",
            f"{definition.name!r} (the definition given)",
            name,
        )
    stream_id = _text(check, data, "stream_id", "stream_id", MAX_NAME_LENGTH)
    started = _moment(check, data.get("started_at"), "started_at")
    raw = data.get("records")
    if check.type("records", raw, (list, tuple), "a list of records"):
        check.that(len(raw) <= MAX_RECORDS, "records", f"at most {MAX_RECORDS} records", len(raw))
    check.done()
    records = []
    for i, r in enumerate(raw):
        record = _record_from(r, f"records[{i}]", check)
        if record is not None:
            records.append(record)
        if len(check.problems) > 100:
            break
    check.done()
    assert started is not None  # noqa: S101 - no problems means it was read
    return definition.replay(records, stream_id=stream_id, started_at=started)


def _moment(check: Checker, raw: Any, field: str) -> dt.datetime | None:
    if not check.type(field, raw, str, "an ISO 8601 date-time with an offset"):
        return None
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        check.add(Problem(field, "an ISO 8601 date-time with an offset", raw))
        return None
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        check.add(Problem(field, "a moment within the years 1 to 9999 in UTC", raw))
        return None
