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

from .._errors import InvalidInput, Problem
from .._validation import Checker
from ._deadlines import Deadline, Period
from ._definition import MAX_CHILD_DEPTH, Definition, State, Transition
from ._guards import Guard, GuardRegistry
from ._instance import EventRecord, freeze_data

__all__ = [
    "DEFINITION_FORMAT",
    "EVENTS_FORMAT",
    "FORMAT_VERSION",
    "definition_from_data",
    "definition_to_data",
    "records_from_data",
    "records_to_data",
]

DEFINITION_FORMAT = "commissioning.definition"
EVENTS_FORMAT = "commissioning.events"
FORMAT_VERSION = 1

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
    :class:`~commissioning.machine.GuardRegistry`, a mapping of names, or an
    iterable of :class:`~commissioning.machine.Guard`). Every field problem is
    reported at once as :class:`~commissioning.InvalidInput`; a structurally
    wrong machine raises :class:`~commissioning.InvalidDefinition`.

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
        commissioning._errors.InvalidInputType: states: expected a list, received 'all'
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
    source = _list(check, data, f"{at}.source", "source")
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


def records_to_data(records: Iterable[EventRecord]) -> dict[str, Any]:
    """A JSON-compatible event log: times as ISO 8601 strings in UTC, data as plain objects.

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", "open", "closed",
        ...                 dt.datetime(2026, 1, 5, tzinfo=dt.UTC), "ann", {}, ())
        >>> records_to_data([r])["records"][0]["occurred_at"]
        '2026-01-05T00:00:00+00:00'
    """
    return {
        "format": EVENTS_FORMAT,
        "format_version": FORMAT_VERSION,
        "records": [
            {
                "instance_id": r.instance_id,
                "version": r.version,
                "event": r.event,
                "source": r.source,
                "target": r.target,
                "occurred_at": r.occurred_at.astimezone(dt.UTC).isoformat(),
                "actor": r.actor,
                "data": _thaw(r.data),
                "path": list(r.path),
            }
            for r in records
        ],
    }


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


def records_from_data(data: Any, *, max_records: int = MAX_RECORDS) -> tuple[EventRecord, ...]:
    """Load an event log written by :func:`records_to_data`, checking every field.

    This checks each record's own shape; :meth:`Definition.replay
    <commissioning.machine.Definition.replay>` then checks that the sequence fits
    the machine.

    Examples:
        >>> import datetime as dt
        >>> r = EventRecord("case-1", 1, "close", "open", "closed",
        ...                 dt.datetime(2026, 1, 5, tzinfo=dt.UTC), "ann", {}, ())
        >>> records_from_data(records_to_data([r])) == (r,)
        True
    """
    check = Checker()
    if not check.type("data", data, Mapping, "a mapping (a JSON object)"):
        check.done()
    check.that(
        data.get("format") == EVENTS_FORMAT, "format", repr(EVENTS_FORMAT), data.get("format")
    )
    check.that(
        data.get("format_version") == FORMAT_VERSION,
        "format_version",
        f"{FORMAT_VERSION} (the only version this release reads)",
        data.get("format_version"),
    )
    raw = data.get("records")
    if check.type("records", raw, (list, tuple), "a list of records"):
        check.that(len(raw) <= max_records, "records", f"at most {max_records} records", len(raw))
    check.done()
    out: list[EventRecord] = []
    for i, r in enumerate(raw):
        record = _record_from(r, f"records[{i}]", check)
        if record is not None:
            out.append(record)
        if len(check.problems) > 100:
            break
    check.done()
    return tuple(out)


def _record_from(data: Any, at: str, check: Checker) -> EventRecord | None:
    if not check.type(at, data, Mapping, "a mapping (a JSON object)"):
        return None
    before = len(check.problems)
    texts = {
        key: _text(check, data, f"{at}.{key}", key, MAX_NAME_LENGTH)
        for key in ("instance_id", "event", "source", "target", "actor")
    }
    version = data.get("version")
    if check.type(f"{at}.version", version, int, "a whole number >= 1"):
        check.that(version >= 1, f"{at}.version", "a whole number >= 1", version)
    occurred_raw = data.get("occurred_at")
    occurred: dt.datetime | None = None
    if check.type(f"{at}.occurred_at", occurred_raw, str, "an ISO 8601 date-time with an offset"):
        try:
            occurred = dt.datetime.fromisoformat(occurred_raw)
        except ValueError:
            occurred = None
        if occurred is None or occurred.utcoffset() is None:
            check.add(
                Problem(f"{at}.occurred_at", "an ISO 8601 date-time with an offset", occurred_raw)
            )
            occurred = None
        else:
            occurred = occurred.astimezone(dt.UTC)
    path = data.get("path", [])
    if check.type(f"{at}.path", path, (list, tuple), "a list of state names"):
        for i, p in enumerate(path):
            check.type(f"{at}.path[{i}]", p, str, "a state name (str)")
        check.that(
            len(path) <= MAX_CHILD_DEPTH,
            f"{at}.path",
            f"at most {MAX_CHILD_DEPTH} names",
            len(path),
        )
    payload: Any = data.get("data", {})
    try:
        frozen = freeze_data(payload, field=f"{at}.data")
    except InvalidInput as exc:
        check.problems.extend(exc.problems)
        frozen = {}
    if len(check.problems) > before or occurred is None:
        return None
    return EventRecord(
        texts["instance_id"],
        version,
        texts["event"],
        texts["source"],
        texts["target"],
        occurred,
        texts["actor"],
        frozen,
        tuple(path),
    )
