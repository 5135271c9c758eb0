"""The aggregate protocol every stateful object follows, and the helpers that implement it once.

Every stateful thing in the library (the engine's
[`Instance`][commissioning.machine.Instance], a procurement, a commissioning cycle,
a stakeholder map, an observation log...) is an *aggregate*: an immutable value
with an ``id``, a ``version`` and a ``history`` of
[`EventRecord`][commissioning.machine.EventRecord] values. Commands take ``at=``, ``actor=``
and ``expected_version=`` and return ``(new_aggregate, records)``; asking
(``can``/``options``) never changes anything; ``replay`` rebuilds it from its
records and ``as_of`` shows it as it was. See ``docs/explanation/engine.md``.

This module holds what every aggregate needs so that none writes it again:
`check_expected_version`, `check_format` (a stored form's
``format``/``format_version``), `records_until` (the records behind
``as_of``) and the [`Aggregate`][commissioning.machine.Aggregate] protocol itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, Self, runtime_checkable

from ._errors import Described, InvalidInput, InvalidInputType, Problem, VersionConflict
from ._time import as_utc

__all__ = [
    "Aggregate",
    "VersionConflict",
    "check_expected_version",
    "check_format",
    "records_until",
]


def check_expected_version(stream_id: str, expected: object, actual: int) -> None:
    """Refuse a stale or mistyped ``expected_version``; ``None`` means "do not check".

    Only an exact ``int`` is a version: ``True``, ``"1"`` and ``1.0`` are refused with
    [`InvalidInputType`][commissioning.InvalidInputType] naming the field ``expected_version``;
    an int other than ``actual`` raises [`VersionConflict`][commissioning.VersionConflict].

    Examples:
        >>> check_expected_version("case-1", None, 3)
        >>> check_expected_version("case-1", 3, 3)
        >>> check_expected_version("case-1", 2, 3)
        Traceback (most recent call last):
        ...
        commissioning.VersionConflict: stream 'case-1': expected version 2, but it is at version 3; reload it and decide again
        >>> check_expected_version("case-1", "3", 3)
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: expected_version: expected an int (the version you last saw) or None, received a str: '3'
    """
    if expected is None:
        return
    if expected.__class__ is not int:
        raise InvalidInputType(
            [
                Problem(
                    "expected_version",
                    "an int (the version you last saw) or None",
                    Described.typed(expected),
                    "type",
                )
            ]
        )
    if expected != actual:
        raise VersionConflict(stream_id, expected, actual)


def check_format(data: object, *, format_name: str, versions: Iterable[int]) -> int:
    """Check a stored form's ``format`` and ``format_version``; return the version found.

    ``data`` must be a mapping whose ``format`` is ``format_name`` and whose
    ``format_version`` is one of ``versions`` (exact ints): an unknown or newer
    version is refused, never guessed at.

    Examples:
        >>> check_format({"format": "commissioning.events", "format_version": 2},
        ...              format_name="commissioning.events", versions=(2,))
        2
        >>> check_format({"format": "commissioning.events", "format_version": 9},
        ...              format_name="commissioning.events", versions=(2,))
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: format_version: expected 2 (the versions this release reads), received 9
    """
    readable = tuple(versions)
    if not isinstance(data, Mapping):
        raise InvalidInputType([Problem("data", "a mapping (a JSON object)", data, "type")])
    problems = []
    if data.get("format") != format_name:
        problems.append(Problem("format", repr(format_name), data.get("format")))
    version = data.get("format_version")
    if version.__class__ is not int or version not in readable:
        problems.append(
            Problem(
                "format_version",
                f"{' or '.join(map(str, readable))} (the versions this release reads)",
                version,
                "value" if version.__class__ is int else "type",
            )
        )
    if problems:
        raise InvalidInput.from_problems(problems)
    assert isinstance(version, int)  # noqa: S101 - checked above
    return version


def records_until(records: Iterable[Any], at: object) -> tuple[Any, ...]:
    """The records that had occurred by moment ``at`` (``occurred_at <= at``), in order.

    Histories are in time order, so this stops at the first later record. Use it
    to build ``as_of(at)``: replay what it returns.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.machine import EventRecord
        >>> t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        >>> r1 = EventRecord("c", 1, "go", t, "ann", {}, (), None, None)
        >>> r2 = EventRecord("c", 2, "go", t + dt.timedelta(days=1), "ann", {}, (), None, None)
        >>> [r.version for r in records_until([r1, r2], t)]
        [1]
    """
    moment = as_utc(at)
    out = []
    for record in records:
        if record.occurred_at > moment:
            break
        out.append(record)
    return tuple(out)


@runtime_checkable
class Aggregate(Protocol):
    """What every stateful object of the library offers (issue 11's one protocol).

    Commands are domain verbs (``fire``, ``publish``, ``record``...) taking
    keyword-only ``at``, ``actor`` and ``expected_version`` and returning
    ``(new_aggregate, records)``; they are not part of this protocol because
    their names differ. Everything else is the same everywhere:

    - ``id``: the stream id every record carries;
    - ``version``: the number of records so far;
    - ``history``: the records, a tuple of [`EventRecord`][commissioning.machine.EventRecord];
    - ``can(event, *, at, context=None, data=None)`` -> [`Verdict`][commissioning.machine.Verdict];
    - ``options(*, at, context=None, data=None)`` -> tuple of
      [`EventOption`][commissioning.machine.EventOption];
    - ``as_of(at)``: the aggregate as it was at that moment;
    - ``to_data()`` / ``from_data(data)``: the stored form (``format``, ``format_version``);
    - ``replay(records, ...)``: rebuild from records.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> isinstance(d.start("case-1", at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)), Aggregate)
        True
    """

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...

    @property
    def history(self) -> tuple[Any, ...]: ...

    def can(self, event: str, *, at: dt.datetime, context: Any = None, data: Any = None) -> Any: ...

    def options(self, *, at: dt.datetime, context: Any = None, data: Any = None) -> Any: ...

    def as_of(self, at: dt.datetime) -> Self: ...

    def to_data(self) -> dict[str, Any]: ...

    @classmethod
    def from_data(cls, data: Any, /) -> Self: ...

    @classmethod
    def replay(cls, records: Iterable[Any], /) -> Self: ...
