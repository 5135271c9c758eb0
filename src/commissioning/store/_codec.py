"""Records to rows and back, and every check an append or a read makes before the database.

Both stores share this module, so they accept and refuse exactly the same input
and read rows back the same way: one row per record, holding the core's record
stored form (``record_to_data``) as JSON text with its ``format_version``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._time import as_utc
from ..machine import RECORD_FORMAT_VERSION, EventRecord, record_from_data, record_to_data
from ..machine._definition import MAX_CHILD_DEPTH
from ..machine._serialisation import MAX_NAME_LENGTH
from ._errors import UnknownStream, UnreadableRecord

__all__ = [
    "MAX_STREAM_ID",
    "STORE_READABLE_FORMAT_VERSIONS",
    "STORE_SCHEMA_VERSION",
    "FeedEntry",
    "PendingAppend",
    "check_limit",
    "check_position",
    "check_prefix",
    "check_same_type",
    "check_stream_id",
    "decode_row",
    "prepare_append",
    "rebuild_from",
    "stream_bounds",
    "type_name",
]

#: The record ``format_version`` values this release reads (``record_to_data`` writes the last).
STORE_READABLE_FORMAT_VERSIONS: Final = (RECORD_FORMAT_VERSION,)
#: The version of the tables' layout; recorded in the store's ``meta`` table.
STORE_SCHEMA_VERSION: Final = 1

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ENCODER: Final = json.JSONEncoder(separators=(",", ":"), allow_nan=False)
_MICROSECOND: Final = dt.timedelta(microseconds=1)
_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,39}\Z")
#: PostgreSQL cannot index a key longer than about 2,700 bytes; 512 characters fit in any encoding.
MAX_STREAM_ID = 512
_MAX_FEED_PAGE = 100_000


@attrs.frozen
class FeedEntry:
    """One record in the store's global feed: where it sits, what kind of stream, what happened.

    Attributes:
        position: its global position; positions only grow, in commit order.
        aggregate_type: the type stored with its stream (``"commissioning.procurement.Procurement"``).
        record: the record itself.
    """

    position: int
    aggregate_type: str
    record: EventRecord


FeedEntry.__module__ = "commissioning.store"


@attrs.frozen
class PendingAppend:
    """An append checked and encoded, ready for one transaction."""

    stream_id: str
    expected: int
    aggregate_type: str | None
    #: ``(stream_id, version, occurred_us, format_version, record_json)`` per record.
    rows: tuple[tuple[str, int, int, int, str], ...]

    @property
    def new_version(self) -> int:
        """The stream's version once the append commits."""
        return self.expected + len(self.rows)


def _type_problem(field: str, expected: str, received: object) -> InvalidInputType:
    return InvalidInputType([Problem(field, expected, received, "type")])


def check_stream_id(value: object, field: str = "stream_id") -> str:
    r"""Return ``value`` if it can be a stream id: 1 to 512 characters, no NUL, no lone surrogates.

    PostgreSQL's ``text`` cannot hold NUL, so neither store accepts it (same
    behaviour everywhere); any other character, quotes included, is a value
    passed as a query parameter, never part of the SQL.

    Examples:
        >>> check_stream_id("o'brien; DROP TABLE x")
        "o'brien; DROP TABLE x"
        >>> check_stream_id("a\x00b")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: stream_id: expected 1 to 512 characters without NUL or lone surrogates, received 'a\x00b'
    """
    if not isinstance(value, str):
        raise _type_problem(field, "a str", value)
    bad = not value or len(value) > MAX_STREAM_ID or "\x00" in value
    if not bad:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            bad = True
    if bad:
        raise InvalidInput.of(
            field, f"1 to {MAX_STREAM_ID} characters without NUL or lone surrogates", value
        )
    return value


def check_prefix(value: object) -> str:
    """Return a table-name prefix: lower-case letters, digits and ``_``, at most 40 characters.

    The prefix is the one piece of text that becomes part of SQL (table names
    cannot be parameters), so it is checked against this pattern first.

    Examples:
        >>> check_prefix("council_a_")
        'council_a_'
        >>> check_prefix("x; DROP TABLE y")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: table_prefix: expected lower-case letters, digits and _ (at most 40, not starting with a digit), received 'x; DROP TABLE y'
    """
    if not isinstance(value, str):
        raise _type_problem("table_prefix", "a str", value)
    if not _PREFIX.match(value):
        raise InvalidInput.of(
            "table_prefix",
            "lower-case letters, digits and _ (at most 40, not starting with a digit)",
            value,
        )
    return value


def type_name(aggregate_type: object, field: str = "aggregate_type") -> str | None:
    """The name stored for an aggregate type: a class's public ``module.qualname``, or the text given.

    A class defined in a private module is named after the public package that
    exports it (``commissioning.procurement._procurement.Procurement`` is stored
    as ``commissioning.procurement.Procurement``), so the stored name survives
    moving code between private modules.

    Examples:
        >>> type_name(FeedEntry)
        'commissioning.store.FeedEntry'
        >>> from commissioning.procurement import Procurement
        >>> type_name(Procurement)
        'commissioning.procurement.Procurement'
        >>> type_name("council.Contract")
        'council.Contract'
        >>> type_name(None) is None
        True
    """
    if aggregate_type is None:
        return None
    if isinstance(aggregate_type, type):
        parts = aggregate_type.__module__.split(".")
        public = next((i for i, part in enumerate(parts) if part.startswith("_")), len(parts))
        return ".".join([*parts[: max(public, 1)], aggregate_type.__qualname__])
    if not isinstance(aggregate_type, str):
        raise _type_problem(field, "a class or a str naming the aggregate type", aggregate_type)
    return check_stream_id(aggregate_type, field)


def _exact_int(value: object, field: str, expected: str, *, minimum: int = 0) -> int:
    if value.__class__ is not int:
        raise _type_problem(field, expected, value)
    if value < minimum:
        raise InvalidInput.of(field, expected, value)
    return value


def micros(at: dt.datetime) -> int:
    """Microseconds since 1970-01-01 UTC: the exact, sortable form of a moment in a row.

    Examples:
        >>> micros(dt.datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=dt.UTC))
        1000005
    """
    return (at - _EPOCH) // _MICROSECOND


def prepare_append(
    records: object, expected_version: object, aggregate_type: object
) -> PendingAppend:
    """Check an append's arguments and encode its rows; raise a typed error before any I/O.

    The records must be [`EventRecord`][commissioning.machine.EventRecord] values of one stream,
    with consecutive versions; ``expected_version`` (when given) must be the
    version just before the first record.
    """
    if isinstance(records, EventRecord):
        records = (records,)  # a command of the older shape returned one record, not a tuple
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise _type_problem("records", "a sequence of EventRecord values", records)
    batch = tuple(records)
    if not batch:
        raise InvalidInput.of("records", "at least one EventRecord", batch)
    for i, record in enumerate(batch):
        if not isinstance(record, EventRecord):
            raise _type_problem(f"records[{i}]", "an EventRecord", record)
    first = batch[0]
    stream_id = check_stream_id(first.stream_id, "records[0].stream_id")
    start = _exact_int(first.version, "records[0].version", "a positive int", minimum=1)
    if expected_version is None:
        expected = start - 1
    else:
        expected = _exact_int(
            expected_version, "expected_version", "an int (the version you last saw) or None"
        )
        if start != expected + 1:
            raise InvalidInput.of(
                "records[0].version",
                f"{expected + 1} (one more than expected_version {expected})",
                start,
            )
    kind = type_name(aggregate_type)
    if kind is None and expected == 0:
        raise InvalidInput.of(
            "aggregate_type",
            f"the aggregate's class or type name, to create stream {stream_id!r}",
            None,
        )
    rows = []
    for i, record in enumerate(batch):
        if record.stream_id != stream_id:
            raise InvalidInput.of(
                f"records[{i}].stream_id",
                f"{stream_id!r} (one stream per append)",
                record.stream_id,
            )
        if record.version != start + i:
            raise InvalidInput.of(
                f"records[{i}].version", f"{start + i} (consecutive versions)", record.version
            )
        _check_readable(record, i)
        data = record_to_data(record)
        try:
            text = _ENCODER.encode(data)
        except (TypeError, ValueError) as error:
            raise InvalidInput.of(
                f"records[{i}].data", "JSON-compatible values", str(error)
            ) from None
        rows.append(
            (stream_id, start + i, micros(record.occurred_at), data["format_version"], text)
        )
    return PendingAppend(stream_id, expected, kind, tuple(rows))


def _check_readable(record: EventRecord, i: int) -> None:
    """Refuse what ``record_from_data`` would refuse on the way back: never store an unreadable row.

    A record's constructor accepts names of any length; the core's reader caps
    them (``MAX_NAME_LENGTH``) and the child path's depth (``MAX_CHILD_DEPTH``).
    """
    for key in ("event", "actor", "source", "target"):
        value = getattr(record, key)
        if value is not None and len(value) > MAX_NAME_LENGTH:
            raise InvalidInput.of(
                f"records[{i}].{key}",
                f"at most {MAX_NAME_LENGTH:,} characters (what the record reader reads back)",
                f"{len(value):,} characters",
            )
    if len(record.path) > MAX_CHILD_DEPTH:
        raise InvalidInput.of(
            f"records[{i}].path",
            f"at most {MAX_CHILD_DEPTH} names (what the record reader reads back)",
            len(record.path),
        )


def stream_bounds(
    stream_id: object, up_to_version: object, as_of: object
) -> tuple[str, int | None, int | None]:
    """Check a load's arguments: the stream id, the last version wanted, the last moment wanted."""
    sid = check_stream_id(stream_id)
    last = (
        None
        if up_to_version is None
        else _exact_int(up_to_version, "up_to_version", "an int (a version, 0 or more) or None")
    )
    moment = None if as_of is None else micros(as_utc(as_of, field="as_of"))
    return sid, last, moment


def check_position(position: object) -> int:
    """Check a feed position: an exact int, 0 (the start) or more."""
    return _exact_int(position, "position", "an int (a feed position, 0 or more)")


def check_limit(limit: object) -> int:
    """Check a feed page size: an exact int from 1 to 100,000."""
    value = _exact_int(limit, "limit", f"an int from 1 to {_MAX_FEED_PAGE:,}", minimum=1)
    if value > _MAX_FEED_PAGE:
        raise InvalidInput.of("limit", f"an int from 1 to {_MAX_FEED_PAGE:,}", value)
    return value


def decode_row(
    text: object, *, stream_id: str, version: int, position: int | None, format_version: object
) -> EventRecord:
    """Read one stored row back into a record, or raise [`UnreadableRecord`][commissioning.store.UnreadableRecord] naming it."""

    def fail(field: str, expected: str, received: object) -> UnreadableRecord:
        return UnreadableRecord(stream_id, version, position, [Problem(field, expected, received)])

    if format_version not in STORE_READABLE_FORMAT_VERSIONS or format_version.__class__ is not int:
        readable = " or ".join(map(str, STORE_READABLE_FORMAT_VERSIONS))
        raise fail(
            "format_version", f"{readable} (the versions this release reads)", format_version
        )
    if not isinstance(text, str):
        raise fail("record", "JSON text (the record's stored form)", text)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise fail("record", "JSON text (the record's stored form)", text) from None
    if not isinstance(data, dict) or data.get("format_version") != format_version:
        received = data.get("format_version") if isinstance(data, dict) else data
        raise fail(
            "record.format_version", f"{format_version} (the row's format_version)", received
        )
    try:
        record = record_from_data(data)
    except InvalidInput as error:
        raise UnreadableRecord(stream_id, version, position, error.problems) from error
    if record.stream_id != stream_id:
        raise fail("record.stream_id", f"{stream_id!r} (the row's stream)", record.stream_id)
    if record.version != version:
        raise fail("record.version", f"{version} (the row's version)", record.version)
    return record


def rebuild_from(
    aggregate_class: Any,
    stream_id: str,
    records: Sequence[EventRecord],
    resolvers: Mapping[str, Any],
) -> Any:
    """Replay ``records`` with ``aggregate_class.replay``; a misfit names the stream and version."""
    if not records:
        raise UnknownStream(stream_id)
    replay = getattr(aggregate_class, "replay", None)
    if not callable(replay):
        raise _type_problem(
            "aggregate_class", "a class with a replay(records, ...) classmethod", aggregate_class
        )
    try:
        return replay(records, **resolvers)
    except InvalidHistory as error:
        index = error.index if 0 <= error.index < len(records) else len(records) - 1
        raise UnreadableRecord(
            stream_id,
            records[index].version,
            None,
            [
                Problem(
                    f"records[{error.index}]",
                    f"a record that fits a {type_name(aggregate_class)}",
                    error.reason,
                )
            ],
        ) from error


def check_same_type(pending: PendingAppend, stored: str) -> None:
    """Refuse an append whose ``aggregate_type`` differs from the one stored with its stream."""
    if pending.aggregate_type is not None and pending.aggregate_type != stored:
        raise InvalidInput.of(
            "aggregate_type",
            f"{stored!r} (the type stored with stream {pending.stream_id!r})",
            pending.aggregate_type,
        )
