"""The stored form of the cycle's values (evidence, approvals, lineage links), read through the checked reader.

Every value a cycle keeps in its records is written by `to_plain` as
JSON-compatible data (days as ``YYYY-MM-DD``, moments as ISO 8601 in UTC,
money as a decimal string, enums as their values, sets as sorted lists) and
read back by `read_attrs`, which walks the value's attrs fields with
`commissioning._reader.Reader`: a missing key, an unknown key, a value
of the wrong type, an out-of-range day or a number with too many digits raises
[`InvalidInput`][commissioning.InvalidInput] naming the path, never a raw built-in
exception. The values' own constructors then check what the types cannot.

`Stored` gives every such value ``to_data()`` and ``from_data(data)``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import sys
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self

import attrs

from .._errors import InvalidInput
from .._reader import Reader, check_json
from .._time import as_utc
from .._validation import Checker

__all__ = ["Stored", "read_attrs", "read_value", "to_plain"]


def to_plain(value: Any) -> Any:
    """``value`` as JSON-compatible data (attrs values as objects of their fields).

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> to_plain({"on": dt.date(2026, 1, 5), "value": Decimal("12.50"), "tags": frozenset("ba")})
        {'on': '2026-01-05', 'value': '12.50', 'tags': ['a', 'b']}
    """
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if attrs.has(type(value)):
        return {f.name: to_plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # Resolve the annotations in the module that defined the class: its public
    # ``__module__`` (``commissioning.cycle``) does not hold the names they use.
    home = getattr(cls, "_defined_in", cls.__module__)
    return typing.get_type_hints(cls, globalns=vars(sys.modules[home]))


def read_value(kind: Any, reader: Reader) -> Any:
    """Read a value of type ``kind`` (a type hint) at ``reader``, raising the typed error with its path.

    Examples:
        >>> from commissioning._reader import Reader
        >>> read_value(tuple[int, ...], Reader([1, 2], "ids"))
        (1, 2)
        >>> read_value(int | None, Reader("3", "n"))
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: n: expected an int, received '3'
    """
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if reader.is_null():
            return None
        return read_value(options[0], reader)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(read_value(args[0], r) for r in reader.each())
        items = list(reader.each())
        if len(items) != len(args):
            raise reader.fail(f"an array of {len(args)} items", f"{len(items)} items")
        return tuple(read_value(a, r) for a, r in zip(args, items, strict=True))
    if origin is frozenset:
        (arg,) = typing.get_args(kind)
        return frozenset(read_value(arg, r) for r in reader.each())
    if kind is str:
        return reader.text()
    if kind is bool:
        return reader.boolean()
    if kind is int:
        return reader.integer()
    if kind is Decimal:
        return reader.decimal()
    if kind is dt.datetime:
        return reader.moment()
    if kind is dt.date:
        return reader.day()
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return reader.enum(kind)
    if isinstance(kind, type) and attrs.has(kind):
        return read_attrs(kind, reader)
    raise reader.fail(
        f"a value of a known type ({kind!r} is not one)"
    )  # pragma: no cover - every field's type is handled above


def read_attrs(cls: type, reader: Reader, *, extra: frozenset[str] = frozenset()) -> Any:
    """Build an attrs value of class ``cls`` from the object at ``reader`` (keys = field names).

    Required fields must be present; keys other than the fields (and ``extra``)
    are refused; the constructor's own checks are reported under the reader's path.
    """
    names = [f for f in attrs.fields(cls) if f.init]
    reader.only_keys(frozenset(f.name for f in names) | extra)
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in names:
        if f.default is not attrs.NOTHING and not reader.has(f.name):
            continue
        kwargs[f.name] = read_value(hints[f.name], reader.key(f.name))
    try:
        return cls(**kwargs)
    except InvalidInput as err:
        check = Checker()
        check.extend(err, reader.path)
        check.done()
        raise  # pragma: no cover - done() raised
    except (TypeError, ValueError, ArithmeticError):
        raise reader.fail(f"a valid {cls.__name__}") from None


class Stored:
    """Gives a value ``to_data()`` and ``from_data(data)`` (its fields as a JSON object).

    Evidence records also write their ``kind``.
    """

    __slots__ = ()
    _defined_in: str = __name__

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_defined_in" not in cls.__dict__:
            cls._defined_in = cls.__module__

    def to_data(self) -> dict[str, Any]:
        """The value as JSON-compatible data; `from_data` reads it back."""
        out: dict[str, Any] = {}
        kind = getattr(type(self), "kind", None)
        if isinstance(kind, enum.Enum):
            out["kind"] = kind.value
        out.update(to_plain(self))
        return out

    @classmethod
    def from_data(cls, data: Any, *, path: str = "") -> Self:
        """Read a value written by `to_data`; any other input raises the typed error naming the path."""
        field = path or cls.__name__
        check_json(data, field=field)
        reader = Reader(data, field)
        kind = getattr(cls, "kind", None)
        extra: frozenset[str] = frozenset()
        if isinstance(kind, enum.Enum):
            extra = frozenset({"kind"})
            if reader.has("kind"):
                reader.key("kind").text(choices=frozenset({kind.value}))
        out: Self = read_attrs(cls, reader, extra=extra)
        return out
