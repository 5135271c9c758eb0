"""The commands: each takes the parsed arguments and a text stream, and returns an exit status.

Commands print their results on ``out``; a problem with the input raises
``CliError`` (exit status 2), which ``main`` prints on stderr. ``validate``
exits with 1 when it found problems in a document it could read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO

import pendulum

from .._errors import CommissioningError, InvalidDefinition, InvalidInput
from ._input import CliError, Kind, kind_of, read_document, what_is


class InvalidDocument(CliError):
    """A document the command could read, with every problem found in it."""

    def __init__(self, path: str, what: str, problems: Sequence[str]) -> None:
        super().__init__(f"{path}: not a valid {what}:\n  " + "\n  ".join(problems))
        self.problems = tuple(problems)


__all__ = [
    "FOUND_PROBLEMS",
    "STORED_FORMATS",
    "demo",
    "diagram",
    "obligations",
    "replay",
    "validate",
    "when_can_we_sign",
]

FOUND_PROBLEMS = 1
"""The exit status of ``validate`` when a document it could read has problems."""

STORED_FORMATS: Mapping[str, tuple[str, str]] = {
    "commissioning.procurement": ("commissioning.procurement", "Procurement"),
    "commissioning.cycle": ("commissioning.cycle", "CommissioningCycle"),
    "commissioning.framework": ("commissioning.cycle", "Framework"),
    "commissioning.stakeholder-map": ("commissioning.stakeholders", "StakeholderMap"),
    "commissioning.observation-log": ("commissioning.outcomes", "ObservationLog"),
    "commissioning.outcomes-contract": ("commissioning.outcomes", "OutcomesContract"),
    "commissioning.policy-model": ("commissioning.appraisal", "PolicyModel"),
}
"""Stored aggregates by their ``format``: the module and class whose ``from_data`` reads them."""


# ------------------------------------------------------------------ values from the command line
def parse_day(text: str, *, option: str) -> pendulum.Date:
    """A calendar day written ``YYYY-MM-DD``."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option}: {text!r} is not a day; write it as YYYY-MM-DD") from None
    return pendulum.Date(day.year, day.month, day.day)


def parse_moment(text: str, *, option: str) -> dt.datetime:
    """A moment with its offset (``2026-04-01T09:00Z``); a bare day means the end of it, UK time."""
    if len(text) == 10:
        day = parse_day(text, option=option).add(days=1)
        midnight = pendulum.datetime(day.year, day.month, day.day, tz="Europe/London")
        return dt.datetime.fromtimestamp(midnight.timestamp() - 1e-6, tz=dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"{option}: {text!r} is not a moment; write it as 2026-04-01T09:00+00:00 (or a day)"
        ) from None
    if moment.tzinfo is None:
        raise CliError(f"{option}: {text!r} has no UTC offset; add one, e.g. {text}+00:00")
    return moment.astimezone(dt.UTC)


def _problems(error: CommissioningError) -> list[str]:
    problems = getattr(error, "problems", None)
    if problems:
        return [str(p) for p in problems]
    reasons = getattr(error, "reasons", None)
    if reasons:
        return [str(r) for r in reasons]
    return [str(error)]


def _import(module: str, name: str) -> Any:
    return getattr(importlib.import_module(module), name)


# ------------------------------------------------------------------ machine definitions and guards
def _guard_names(data: Any) -> set[str]:
    """Every guard name a stored definition refers to (iteratively: any depth)."""
    names: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key == "guards" and isinstance(item, list):
                    names.update(g for g in item if isinstance(g, str))
                else:
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return names


def _loaded_guards(spec: str | None) -> Any:
    """The guards named by ``--guards module:attribute`` (a registry, mapping or iterable)."""
    if spec is None:
        return {}
    module, _, attribute = spec.partition(":")
    if not module or not attribute:
        raise CliError(
            f"--guards: {spec!r} should be module:attribute, e.g. mypackage.rules:GUARDS"
        )
    try:
        value = getattr(importlib.import_module(module), attribute)
    except ImportError as error:
        raise CliError(f"--guards: cannot import {module!r} ({error})") from None
    except AttributeError:
        raise CliError(f"--guards: {module!r} has no {attribute!r}") from None
    return value


def _stand_in(name: str) -> Any:
    from ..machine import Guard, Verdict  # noqa: PLC0415 - keeps start-up light for other commands

    text = f"guard {name!r} is not loaded on the command line (pass --guards module:attribute)"
    return Guard(name, lambda _context, _data: Verdict.deny(text))


def load_definition(path: str, guards: str | None = None) -> Any:
    """The machine definition in ``path``; guards it names but ``guards`` lacks are stand-ins.

    A stand-in refuses whenever it is asked, saying it is not loaded: diagrams,
    validation and replay need only the names.
    """
    from ..machine import Guard, definition_from_data  # noqa: PLC0415 - as above

    document = read_document(path)
    if kind_of(document) is not Kind.DEFINITION:
        raise CliError(f"{path}: not a machine definition: it is {what_is(document)}")
    supplied = _loaded_guards(guards)
    registry: dict[str, Any] = {}
    items = supplied.values() if isinstance(supplied, Mapping) else supplied
    for g in items:
        if isinstance(g, Guard):
            registry[g.name] = g
    for name in _guard_names(document) - set(registry):
        registry[name] = _stand_in(name)
    try:
        return definition_from_data(document, guards=registry)
    except (InvalidInput, InvalidDefinition) as error:
        raise InvalidDocument(path, "machine definition", _problems(error)) from None


def _records(path: str, document: Any) -> tuple[Any, ...]:
    from ..machine import records_from_data  # noqa: PLC0415 - as above

    try:
        return tuple(records_from_data(document))
    except InvalidInput as error:
        raise InvalidDocument(path, "event log", _problems(error)) from None


def _replay_instance(definition: Any, records: Sequence[Any]) -> Any:
    from ..machine import Instance  # noqa: PLC0415 - as above

    return Instance.replay(records, definition=definition)


def _stream_id(record: Any) -> str:
    return str(record.stream_id)


# ------------------------------------------------------------------ stored aggregates
def load_stored(path: str, document: Mapping[str, Any]) -> Any:
    """The aggregate a stored form holds, by its ``format``."""
    fmt = document.get("format")
    where = STORED_FORMATS.get(fmt) if isinstance(fmt, str) else None
    if where is None:
        known = ", ".join(
            sorted({*STORED_FORMATS, "commissioning.definition", "commissioning.events"})
        )
        raise CliError(f"{path}: unknown format {fmt!r}; this command reads {known}")
    try:
        cls = _import(*where)
    except (ImportError, AttributeError):
        raise CliError(f"{path}: format {fmt!r} cannot be read by this version") from None
    try:
        return cls.from_data(document)
    except CommissioningError as error:
        raise InvalidDocument(path, f"{fmt} document", _problems(error)) from None


def _describe(aggregate: Any) -> str:
    kind = type(aggregate).__name__
    ident = getattr(aggregate, "id", None) or getattr(aggregate, "instance_id", None)
    parts = [f"{kind} {ident!r}" if ident else kind]
    version = getattr(aggregate, "version", None)
    if isinstance(version, int):
        parts.append(f"at version {version}")
    state = getattr(aggregate, "state", None)
    if isinstance(state, str):
        parts.append(f"in state {state!r}")
    return " ".join(parts)


# ------------------------------------------------------------------ commands
def demo(args: argparse.Namespace, out: TextIO) -> int:
    """Run the worked example and print what happened."""
    from .._demo import run_demo  # noqa: PLC0415 - the demo imports most of the library

    out.write(run_demo(diagram=args.diagram))
    out.write("\n")
    return 0


def when_can_we_sign(args: argparse.Namespace, out: TextIO) -> int:
    """Print the standstill that follows the award on ``args.day``, counted day by day."""
    from ..periods import (  # noqa: PLC0415 - as above
        Standstill,
        StandstillExemption,
        pa_standstill,
        pcr_standstill,
        psr_standstill,
    )

    day = parse_day(args.day, option="day")
    try:
        if args.regime == "pa":
            exemption = None
            if args.exemption is not None:
                exemption = StandstillExemption[args.exemption.upper().replace("-", "_")]
            result = pa_standstill(
                published_on=day,
                exemption=exemption,
                voluntary_working_days=args.voluntary_days,
            )
        elif args.regime == "pcr":
            received = args.last_received
            result = pcr_standstill(
                sent_on=day,
                electronic=not args.not_electronic,
                last_received_on=None
                if received is None
                else parse_day(received, option="--last-received"),
            )
        else:
            result = psr_standstill(published_on=day, count_first_day=args.count_first_day)
    except InvalidInput as error:
        raise CliError("; ".join(_problems(error))) from None
    if isinstance(result, Standstill):
        out.write(result.explanation + "\n")
        out.write(f"You may sign from {result.may_enter_contract_from.isoformat()}.\n")
    else:
        out.write(f"{result.rule}: no mandatory standstill: {result.reason}.\n")
        out.writelines(note + "\n" for note in result.notes)
        out.write(f"You may sign from {result.may_enter_contract_from.isoformat()}.\n")
    return 0


def _validate_one(path: str, args: argparse.Namespace, out: TextIO) -> bool:
    """Validate one file, printing its verdict and every problem; whether it is valid."""
    document = read_document(path)
    kind = kind_of(document)
    problems: list[str] = []
    summary = ""
    if kind is Kind.DEFINITION:
        try:
            definition = load_definition(path, args.guards)
        except InvalidDocument as error:
            problems = list(error.problems)
        else:
            summary = f"machine definition {definition.name!r} ({len(definition.states)} states)"
    elif kind in (Kind.EVENTS, Kind.RECORD):
        if kind is Kind.RECORD:
            document = {
                "format": "commissioning.events",
                "format_version": 2,
                "records": [document],
            }
        try:
            records = _records(path, document)
        except InvalidDocument as error:
            problems = list(error.problems)
        else:
            problems = _check_streams(records)
            if not problems and args.definition is not None:
                definition = load_definition(args.definition, args.guards)
                try:
                    _replay_instance(definition, records)
                except CommissioningError as error:
                    problems = _problems(error)
            streams = len({_stream_id(r) for r in records})
            summary = f"event log of {len(records)} record(s) in {streams} stream(s)"
            if args.definition is not None:
                summary += f", replayed on {args.definition}"
    elif kind is Kind.INSTANCE:
        problems, summary = _validate_instance(path, document, args)
    elif kind is Kind.OCDS:
        problems, summary = _validate_ocds(path, read_document(path, decimals=True))
    elif kind is Kind.STORED:
        try:
            aggregate = load_stored(path, document)
        except InvalidDocument as error:
            problems = list(error.problems)
        else:
            summary = _describe(aggregate)
    else:
        raise CliError(
            f"{path}: not a machine definition, an event log, a stored aggregate or OCDS data:"
            f" it is {what_is(document)}"
        )
    if problems:
        out.write(f"{path}: {len(problems)} problem(s):\n")
        out.writelines(f"  {p}\n" for p in problems)
        return False
    out.write(f"{path}: valid {summary}\n")
    return True


def _validate_instance(
    path: str, document: Mapping[str, Any], args: argparse.Namespace
) -> tuple[list[str], str]:
    """A stored instance: its records (and, with ``--definition``, that they fit the machine)."""
    from ..machine import Instance  # noqa: PLC0415 - as above

    if args.definition is None:
        records = document.get("records")
        log = {"format": "commissioning.events", "format_version": 2, "records": records}
        try:
            checked = _records(path, log)
        except InvalidDocument as error:
            return list(error.problems), ""
        problems = _check_streams(checked)
        return (
            problems,
            f"stored instance of {len(checked)} record(s) (its records only: pass --definition to replay it)",
        )
    definition = load_definition(args.definition, args.guards)
    try:
        instance = Instance.from_data(document, definition=definition)
    except CommissioningError as error:
        return _problems(error), ""
    return [], f"{_describe(instance)}, replayed on {args.definition}"


def _check_streams(records: Sequence[Any]) -> list[str]:
    """Each stream's versions run 1, 2, 3... in the order written."""
    problems = []
    last: dict[str, int] = {}
    for i, r in enumerate(records):
        stream = _stream_id(r)
        expected = last.get(stream, 0) + 1
        if r.version != expected:
            problems.append(
                f"records[{i}].version: expected {expected} (the next version of stream"
                f" {stream!r}), received {r.version}"
            )
        last[stream] = r.version
    return problems


def _ocds_package(document: Any) -> Mapping[str, Any]:
    """A package as given, or bare releases (JSON Lines, one release) in a valid package wrapper."""
    if isinstance(document, Mapping) and "ocid" not in document:
        return document
    releases = document if isinstance(document, list) else [document]
    return {
        "uri": "https://example.invalid/releases-given-without-a-package",
        "publishedDate": "1970-01-01T00:00:00Z",
        "publisher": {"name": "(releases given without a package)"},
        "version": "1.1",
        "releases": releases,
    }


def _releases(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, Mapping) and "releases" in document:
        releases = document["releases"]
        return list(releases) if isinstance(releases, list) else []
    if isinstance(document, Mapping) and isinstance(document.get("records"), list):
        out = []
        for record in document["records"]:
            if isinstance(record, Mapping) and isinstance(record.get("releases"), list):
                out.extend(record["releases"])
        return out
    return [document]


def _validate_ocds(path: str, document: Any) -> tuple[list[str], str]:
    from ..ocds import SchemaUnavailable, validate_package  # noqa: PLC0415 - as above

    package = _ocds_package(document)
    try:
        problems = list(validate_package(package))
    except SchemaUnavailable as error:
        raise CliError(f"{path}: OCDS validation needs jsonschema ({error})") from None
    except CommissioningError as error:
        problems = _problems(error)
    releases = package.get("releases") if isinstance(package, Mapping) else None
    count = len(releases) if isinstance(releases, list) else 0
    return problems, f"OCDS data ({count} release(s))"


def validate(args: argparse.Namespace, out: TextIO) -> int:
    """Validate each file; exit status 1 when any has problems (all listed)."""
    valid = [_validate_one(path, args, out) for path in args.files]
    return 0 if all(valid) else FOUND_PROBLEMS


def _instance_from(args: argparse.Namespace) -> tuple[Any, Any, tuple[Any, ...]]:
    """(definition, instance, records) of the stored instance or event log named on the command line."""
    if args.definition is None:
        raise CliError(
            f"{args.file}: an instance or event log needs --definition FILE, its machine"
        )
    definition = load_definition(args.definition, args.guards)
    document = read_document(args.file)
    if kind_of(document) is Kind.INSTANCE:
        from ..machine import Instance  # noqa: PLC0415 - as above

        try:
            instance = Instance.from_data(document, definition=definition)
        except CommissioningError as error:
            raise InvalidDocument(args.file, "stored instance", _problems(error)) from None
        records = tuple(instance.history)
    else:
        records = _records(args.file, document)
        streams = {_stream_id(r) for r in records}
        if len(streams) > 1:
            wanted = getattr(args, "stream", None)
            if wanted is None:
                listed = ", ".join(sorted(streams))
                raise CliError(
                    f"{args.file}: holds {len(streams)} streams ({listed}); choose one with --stream"
                )
            records = tuple(r for r in records if _stream_id(r) == wanted)
            if not records:
                raise CliError(f"{args.file}: no stream {wanted!r}")
        try:
            instance = _replay_instance(definition, records)
        except CommissioningError as error:
            raise CliError(
                f"{args.file}: the records do not fit {args.definition}:\n  "
                + "\n  ".join(_problems(error))
            ) from None
    if getattr(args, "as_of", None):
        instance = instance.as_of(parse_moment(args.as_of, option="--as-of"))
        records = tuple(instance.history)
    return definition, instance, records


def diagram(args: argparse.Namespace, out: TextIO) -> int:
    """Print a Mermaid or DOT diagram of a definition, or of a stored instance on its machine."""
    from ..machine import to_dot, to_mermaid  # noqa: PLC0415 - as above

    draw: Callable[..., str] = to_dot if args.format == "dot" else to_mermaid
    document = read_document(args.file)
    kind = kind_of(document)
    if kind is Kind.DEFINITION:
        out.write(draw(load_definition(args.file, args.guards)) + "\n")
    elif kind in (Kind.EVENTS, Kind.INSTANCE):
        definition, instance, records = _instance_from(args)
        out.write(draw(definition, instance=instance, records=records) + "\n")
    elif kind is Kind.STORED:
        aggregate = load_stored(args.file, document)
        out.write(_aggregate_diagram(args.file, aggregate, args.format) + "\n")
    else:
        raise CliError(
            f"{args.file}: not a machine definition, an event log or a stored aggregate:"
            f" it is {what_is(document)}"
        )
    return 0


def _aggregate_diagram(path: str, aggregate: Any, fmt: str) -> str:
    """A stored aggregate that runs on a machine (a procurement, a cycle) drawn on its machine."""
    from ..machine import Definition, Instance, to_dot, to_mermaid  # noqa: PLC0415 - as above

    definition = getattr(aggregate, "definition", None)
    for owner in ("procedure", "framework"):  # a procurement's procedure, a cycle's framework
        if definition is None:
            definition = getattr(getattr(aggregate, owner, None), "definition", None)
    instance = getattr(aggregate, "instance", None)
    if not (isinstance(definition, Definition) and isinstance(instance, Instance)):
        raise CliError(f"{path}: a {type(aggregate).__name__} is not a state machine: no diagram")
    draw = to_dot if fmt == "dot" else to_mermaid
    return draw(definition, instance=instance, records=instance.history)


def replay(args: argparse.Namespace, out: TextIO) -> int:
    """Check a stored log (or stored aggregate) and print where it stands."""
    document = read_document(args.file)
    kind = kind_of(document)
    if kind is Kind.STORED:
        aggregate = load_stored(args.file, document)
        if args.as_of:
            aggregate = aggregate.as_of(parse_moment(args.as_of, option="--as-of"))
        out.write(f"{_describe(aggregate)}\n")
        _write_history(out, getattr(aggregate, "history", ()))
        return 0
    if kind not in (Kind.EVENTS, Kind.INSTANCE):
        raise CliError(
            f"{args.file}: not an event log, a stored instance or a stored aggregate:"
            f" it is {what_is(document)}"
        )
    _, instance, records = _instance_from(args)
    out.write(f"{_describe(instance)}\n")
    _write_history(out, records)
    return 0


def _write_history(out: TextIO, records: Iterable[Any]) -> None:
    records = tuple(records)
    if not records:
        out.write("no records\n")
        return
    for r in records:
        source = "" if r.source is None else f" {r.source}"
        move = f"{source} -> {r.target}" if r.target is not None else ""
        path = f" (in {'/'.join(r.path)})" if getattr(r, "path", ()) else ""
        out.write(
            f"  {r.version:>4}  {r.occurred_at.isoformat()}  {r.event}{move}{path}  by {r.actor}\n"
        )


def _procurements(path: str, document: Any, out: TextIO) -> list[Any]:
    kind = kind_of(document)
    if kind is Kind.OCDS:
        return _procurements_from_ocds(path, document, out)
    documents = document if isinstance(document, list) else [document]
    found = []
    for i, item in enumerate(documents):
        if not (isinstance(item, Mapping) and item.get("format") == "commissioning.procurement"):
            where = f"{path}[{i}]" if isinstance(document, list) else path
            raise CliError(f"{where}: not a stored procurement or OCDS data: it is {what_is(item)}")
        found.append(load_stored(path, item))
    return found


def _procurements_from_ocds(path: str, document: Any, out: TextIO) -> list[Any]:
    """The procurements OCDS data holds, replayed on their Procurement Act machines."""
    from ..ocds import read_published  # noqa: PLC0415 - as above

    publication = read_published(document, replay=True)
    found = [p.procurement for p in publication.procurements if p.procurement is not None]
    others = len(publication.procurements) - len(found)
    if others:
        out.write(
            f"{path}: {others} of {len(publication.procurements)} procurement(s) are not Procurement"
            " Act 2023 processes the library can replay (older regimes, or notices missing):"
            " no duties listed for them\n"
        )
    return found


def obligations(args: argparse.Namespace, out: TextIO) -> int:
    """Print each procurement's duties due or overdue on a day."""
    from ..procurement import ObligationStatus  # noqa: PLC0415 - as above
    from ..procurement import obligations as duties  # noqa: PLC0415 - as above

    on = parse_day(args.on, option="--on")
    procurements = []
    for path in args.files:
        procurements.extend(_procurements(path, read_document(path), out))
    shown = (
        {ObligationStatus.OVERDUE}
        if args.overdue
        else {ObligationStatus.DUE, ObligationStatus.OVERDUE}
    )
    listed = [o for o in duties(procurements, on=on) if o.status in shown]
    out.writelines(f"{o}\n" for o in listed)
    overdue = sum(1 for o in listed if o.status is ObligationStatus.OVERDUE)
    out.write(
        f"{len(procurements)} procurement(s) on {on.isoformat()}: "
        f"{len(listed) - overdue} due, {overdue} overdue\n"
    )
    return 0
