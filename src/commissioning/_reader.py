"""The one checked reader for JSON-compatible input: every loader reads through it.

Stored forms, imports and event data arrive as JSON-compatible values
(``dict``/``list``/``str``/``int``/``float``/``bool``/``None``, possibly from
``json.loads(..., parse_float=Decimal)``). Whatever arrives, a loader must
either build a value or raise [`InvalidInput`][commissioning.InvalidInput] (or
[`InvalidInputType`][commissioning.InvalidInputType]) naming the path of the offending field
(``releases[3].tender.value.amount``), what was expected and what was received,
and never let a raw built-in exception escape.

Two tools, both iterative (no recursion, whatever the depth):

* `check_json` walks a whole document once against `Limits`
  (depth, number of items, string length, digits of a number, finite numbers,
  string keys) before anything else reads it;
* `Reader` is a cursor at a path with typed accessors (``key``, ``get``,
  ``each``, ``text``, ``integer``, ``decimal``, ``moment``, ``day``, ``enum``...)
  that raise the typed error with the path.

Dates and moments are refused outside `Limits.earliest` ..
`Limits.latest` (by default the years 1000-2999), so that deadlines
computed from them stay within what Python's date types can hold.

Examples:
    >>> r = Reader({"tender": {"value": {"amount": "12.50"}}}, "release")
    >>> r.key("tender").key("value").key("amount").decimal()
    Decimal('12.50')
    >>> r.key("tender").key("id").text()
    Traceback (most recent call last):
    ...
    commissioning.InvalidInput: release.tender.id: expected a required key 'id', received 'a mapping without it'
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import pendulum

from ._errors import InvalidInput, InvalidInputType, Problem

__all__ = ["DEFAULT_LIMITS", "Limits", "Reader", "check_json", "join_path"]

E = TypeVar("E", bound=enum.Enum)

_MISSING = object()


@attrs.frozen
class Limits:
    """What a loader accepts at most; documented, and configurable per call.

    Attributes:
        max_depth: levels of nesting of objects and arrays.
        max_items: values in the whole document (every object, array and leaf).
        max_string: characters in one string (keys included).
        max_digits: digits of one number (int or decimal), and the largest
            decimal exponent magnitude accepted.
        earliest: the earliest calendar day accepted in a date or moment.
        latest: the latest calendar day accepted in a date or moment.

    Examples:
        >>> Limits().max_depth, Limits().earliest.year, Limits().latest.year
        (64, 1000, 2999)
    """

    max_depth: int = 64
    max_items: int = 2_000_000
    max_string: int = 1_000_000
    max_digits: int = 60
    earliest: dt.date = dt.date(1000, 1, 1)
    latest: dt.date = dt.date(2999, 12, 31)


#: The limits every loader uses unless given others.
DEFAULT_LIMITS = Limits()


def join_path(path: str, key: object) -> str:
    """The path of ``key`` below ``path``: ``a.b`` for a name, ``a[3]`` for an index.

    Examples:
        >>> join_path("releases", 3), join_path("releases[3]", "tender"), join_path("", "ocid")
        ('releases[3]', 'releases[3].tender', 'ocid')
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _type_error(path: str, expected: str, received: object) -> InvalidInputType:
    return InvalidInputType([Problem(path, expected, received, "type")])


def _int_too_long(value: int, limits: Limits) -> bool:
    # 3.33 bits a digit: compare bit lengths, never convert a huge int to text.
    return value.bit_length() > limits.max_digits * 3.33 + 4


def _check_decimal(value: Decimal, path: str, limits: Limits) -> None:
    if not value.is_finite():
        raise InvalidInput.of(path, "a finite number", value)
    digits = len(value.as_tuple().digits)
    if digits > limits.max_digits or abs(value.adjusted()) > limits.max_digits:
        raise InvalidInput.of(
            path, f"a number of at most {limits.max_digits} digits", f"{digits} digits"
        )


def check_json(value: object, *, field: str = "data", limits: Limits = DEFAULT_LIMITS) -> None:
    """Check that ``value`` is JSON-compatible and within ``limits``; raise the typed error if not.

    Accepted: ``None``, ``bool``, ``int``, finite ``float``, finite ``Decimal``,
    ``str``, mappings with ``str`` keys, lists and tuples. The walk is
    iterative, so any depth is reported as a depth problem, never a
    ``RecursionError``.

    Examples:
        >>> check_json({"ids": [1, 2.5, None, "x"]})
        >>> check_json({"n": float("nan")})
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: data.n: expected a finite number, received nan
        >>> deep = []
        >>> for _ in range(10_000):
        ...     deep = [deep]
        >>> check_json(deep, field="doc")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: doc[0][0]...: expected at most 64 levels of nesting, received 'deeper nesting'
    """
    budget = limits.max_items
    stack: list[tuple[object, str, int]] = [(value, field, 0)]
    while stack:
        item, path, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise InvalidInput.of(
                field, f"at most {limits.max_items} values in all", "a larger document"
            )
        cls = item.__class__
        if item is None or cls is bool:
            continue
        if cls is str or isinstance(item, str):
            if len(item) > limits.max_string:  # type: ignore[arg-type] # a str, checked above
                raise InvalidInput.of(
                    path, f"a string of at most {limits.max_string} characters",
                    f"{len(item)} characters",  # type: ignore[arg-type] # a str, checked above
                )
            continue
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            if _int_too_long(item, limits):
                raise InvalidInput.of(
                    path, f"a number of at most {limits.max_digits} digits", item
                )
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                raise InvalidInput.of(path, "a finite number", item)
            continue
        if isinstance(item, Decimal):
            _check_decimal(item, path, limits)
            continue
        if depth >= limits.max_depth:
            shown = path if len(path) <= 60 else path[:57] + "..."
            raise InvalidInput.of(shown, f"at most {limits.max_depth} levels of nesting", "deeper nesting")
        if isinstance(item, Mapping):
            for k, v in item.items():
                if not isinstance(k, str):
                    raise _type_error(f"{path} key", "a str key", k)
                if len(k) > limits.max_string:
                    raise InvalidInput.of(
                        f"{path} key", f"a key of at most {limits.max_string} characters",
                        f"{len(k)} characters",
                    )
                stack.append((v, join_path(path, k), depth + 1))
            continue
        if isinstance(item, list | tuple):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(item))
            continue
        raise _type_error(
            path, "a JSON value (null, true/false, number, string, array or object)", item
        )


class Reader:
    """A cursor at one place in a JSON-compatible document: typed accessors that name the path.

    Every accessor either returns a checked Python value or raises
    [`InvalidInput`][commissioning.InvalidInput]/[`InvalidInputType`][commissioning.InvalidInputType]
    with `path`, what was expected and what was received. Nothing here
    recurses, so hostile depth cannot escape as ``RecursionError``; call
    `check_json` (or `checked`) first to bound the whole document.

    Examples:
        >>> doc = Reader.checked({"records": [{"version": 1}, {"version": True}]}, "log")
        >>> [r.key("version").integer() for r in doc.key("records").each()]
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: log.records[1].version: expected an int, received True
    """

    __slots__ = ("limits", "path", "value")

    def __init__(self, value: object, path: str = "", limits: Limits = DEFAULT_LIMITS) -> None:
        self.value = value
        self.path = path
        self.limits = limits

    def __repr__(self) -> str:
        return f"Reader(path={self.path!r})"

    @classmethod
    def checked(
        cls, value: object, path: str = "", limits: Limits = DEFAULT_LIMITS
    ) -> Reader:
        """Check the whole document with `check_json`, then read it from the top."""
        check_json(value, field=path or "data", limits=limits)
        return cls(value, path, limits)

    # ----------------------------------------------------------------- errors
    def fail(self, expected: str, received: object = _MISSING) -> InvalidInput:
        """The value error for this place (to raise): ``expected``, and what was received."""
        return InvalidInput.of(self.path, expected, self.value if received is _MISSING else received)

    def wrong_type(self, expected: str) -> InvalidInputType:
        """The type error for this place (to raise)."""
        return _type_error(self.path, expected, self.value)

    # -------------------------------------------------------------- structure
    def mapping(self, expected: str = "an object (a mapping of names to values)") -> Mapping[str, Any]:
        """The value as a mapping."""
        if not isinstance(self.value, Mapping):
            raise self.wrong_type(expected)
        return self.value

    def has(self, name: str) -> bool:
        """Whether the mapping here has ``name`` (with any value, ``None`` included)."""
        return name in self.mapping()

    def key(self, name: str) -> Reader:
        """The required member ``name`` of the mapping here."""
        mapping = self.mapping()
        if name not in mapping:
            raise InvalidInput.of(
                join_path(self.path, name),
                f"a required key {name!r}",
                "a mapping without it",
            )
        return Reader(mapping[name], join_path(self.path, name), self.limits)

    def get(self, name: str) -> Reader | None:
        """The optional member ``name``; ``None`` when absent or ``null``."""
        mapping = self.mapping()
        value = mapping.get(name)
        if value is None:
            return None
        return Reader(value, join_path(self.path, name), self.limits)

    def is_null(self) -> bool:
        """Whether the value here is ``None`` (JSON ``null``)."""
        return self.value is None

    def sequence(self, expected: str = "an array") -> list[Any] | tuple[Any, ...]:
        """The value as a list or tuple (a string is not an array)."""
        if not isinstance(self.value, list | tuple):
            raise self.wrong_type(expected)
        return self.value

    def each(self, expected: str = "an array") -> Iterator[Reader]:
        """A reader for each element of the array here, with ``[i]`` paths."""
        for i, v in enumerate(self.sequence(expected)):
            yield Reader(v, f"{self.path}[{i}]", self.limits)

    def members(self) -> Iterator[tuple[str, Reader]]:
        """``(name, reader)`` for each member of the mapping here."""
        for k, v in self.mapping().items():
            if not isinstance(k, str):
                raise _type_error(f"{self.path} key", "a str key", k)
            yield k, Reader(v, join_path(self.path, k), self.limits)

    def only_keys(self, allowed: set[str] | frozenset[str]) -> None:
        """Refuse any member not in ``allowed`` (for strict stored forms)."""
        for k in self.mapping():
            if k not in allowed:
                raise InvalidInput.of(
                    join_path(self.path, str(k)),
                    "one of the keys " + ", ".join(sorted(allowed)),
                    k,
                )

    # ------------------------------------------------------------------ leaves
    def text(self, *, non_empty: bool = False, choices: frozenset[str] | None = None) -> str:
        """The value as a string (within the length limit), optionally non-empty or one of ``choices``."""
        v = self.value
        if not isinstance(v, str):
            raise self.wrong_type("a non-empty string" if non_empty else "a string")
        if len(v) > self.limits.max_string:
            raise self.fail(f"a string of at most {self.limits.max_string} characters", f"{len(v)} characters")
        if non_empty and not v.strip():
            raise self.fail("a non-empty string")
        if choices is not None and v not in choices:
            raise self.fail("one of " + ", ".join(repr(c) for c in sorted(choices)))
        return v

    def boolean(self) -> bool:
        """The value as ``True`` or ``False`` (not 0/1, not a string)."""
        if self.value is not True and self.value is not False:
            raise self.wrong_type("true or false")
        return self.value

    def integer(self, *, minimum: int | None = None, maximum: int | None = None) -> int:
        """The value as an ``int`` (not a bool, not a float), within its digit limit and bounds."""
        v = self.value
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.wrong_type("an int")
        if _int_too_long(v, self.limits):
            raise self.fail(f"an int of at most {self.limits.max_digits} digits")
        if minimum is not None and v < minimum:
            raise self.fail(f"an int of at least {minimum}")
        if maximum is not None and v > maximum:
            raise self.fail(f"an int of at most {maximum}")
        return v

    def decimal(self, *, minimum: Decimal | None = None) -> Decimal:
        """The value as an exact, finite ``Decimal``, from an int, a decimal string or a ``Decimal``.

        Floats are refused: money and measures are exact (write ``"12.50"``).
        """
        v = self.value
        if isinstance(v, bool) or not isinstance(v, int | str | Decimal):
            raise self.wrong_type("a number as an int, a decimal string or a Decimal")
        if isinstance(v, int):
            if _int_too_long(v, self.limits):
                raise self.fail(f"a number of at most {self.limits.max_digits} digits")
            out = Decimal(v)
        elif isinstance(v, str):
            if len(v) > self.limits.max_digits * 2 + 10:
                raise self.fail(f"a number of at most {self.limits.max_digits} digits", f"{len(v)} characters")
            try:
                out = Decimal(v.strip())
            except InvalidOperation:
                raise self.fail("a decimal number such as '1250.00'") from None
        else:
            out = v
        if not out.is_finite():
            raise self.fail("a finite number")
        digits = len(out.as_tuple().digits)
        if digits > self.limits.max_digits or abs(out.adjusted()) > self.limits.max_digits:
            raise self.fail(f"a number of at most {self.limits.max_digits} digits")
        if minimum is not None and out < minimum:
            raise self.fail(f"a number of at least {minimum}")
        return out

    def enum(self, cls: type[E]) -> E:
        """The member of ``cls`` whose value (or name) is the string here."""
        v = self.value
        if isinstance(v, cls):
            return v
        if not isinstance(v, str):
            raise self.wrong_type(f"a {cls.__name__} value (a string)")
        for member in cls:
            if v in (member.value, member.name):
                return member
        shown = ", ".join(repr(m.value) for m in cls)
        raise self.fail(f"one of {shown}")

    def _in_range(self, day: dt.date) -> None:
        if not self.limits.earliest <= day <= self.limits.latest:
            raise self.fail(
                f"a date from {self.limits.earliest.isoformat()} to {self.limits.latest.isoformat()}"
            )

    def day(self) -> pendulum.Date:
        """The value as a calendar day (``pendulum.Date``), from ``YYYY-MM-DD`` or a date; in range."""
        v = self.value
        if isinstance(v, dt.datetime):
            raise self.wrong_type("a date (not a datetime)")
        if isinstance(v, dt.date):
            day = v
        elif isinstance(v, str):
            if len(v) != 10:
                raise self.fail("a date as YYYY-MM-DD")
            try:
                day = dt.date.fromisoformat(v)
            except ValueError:
                raise self.fail("a date as YYYY-MM-DD") from None
        else:
            raise self.wrong_type("a date as a YYYY-MM-DD string")
        self._in_range(day)
        return pendulum.Date(day.year, day.month, day.day)

    def moment(self) -> dt.datetime:
        """The value as an aware moment in UTC, from ISO 8601 text with an offset or an aware datetime; in range."""
        v = self.value
        if isinstance(v, dt.datetime):
            moment = v
        elif isinstance(v, str):
            if len(v) > 64:
                raise self.fail("an ISO 8601 date and time with an offset", f"{len(v)} characters")
            text = v[:-1] + "+00:00" if v.endswith(("Z", "z")) else v
            try:
                moment = dt.datetime.fromisoformat(text)
            except ValueError:
                raise self.fail("an ISO 8601 date and time with an offset") from None
        else:
            raise self.wrong_type("an ISO 8601 date and time with an offset (a string)")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise self.fail("an aware date and time (with an offset such as +00:00)")
        self._in_range(moment.date())
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError:  # pragma: no cover - the range check keeps well inside
            raise self.fail("a moment Python can hold in UTC") from None
