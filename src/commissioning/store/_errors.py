"""The store's own errors: a stored row that cannot be read back, a stream that is not there."""

from __future__ import annotations

from collections.abc import Iterable

from .._errors import CommissioningError, InvalidInput, Problem

__all__ = ["StoreSchemaError", "UnknownStream", "UnreadableRecord"]


class UnreadableRecord(InvalidInput):
    """A stored record cannot be read back: bad JSON, a newer format, or a history that does not fit.

    Raised when loading, rebuilding or reading the feed; nothing is guessed. The
    store names the row so that an operator can find it.

    Attributes:
        stream_id: the stream the row belongs to.
        version: the row's version in that stream.
        position: the row's global position in the store (``None`` when unknown).
        problems: what is wrong, as [`Problem`][commissioning.Problem] values.

    Examples:
        >>> from commissioning import Problem
        >>> err = UnreadableRecord("meals-2026", 3, 17,
        ...     [Problem("format_version", "1 (the versions this release reads)", 2)])
        >>> err.stream_id, err.version, err.field
        ('meals-2026', 3, 'format_version')
        >>> print(err)
        stream 'meals-2026' version 3 (position 17): format_version: expected 1 (the versions this release reads), received 2
    """

    stream_id: str
    version: int
    position: int | None

    def __init__(
        self, stream_id: str, version: int, position: int | None, problems: Iterable[Problem]
    ) -> None:
        super().__init__(problems)
        self.stream_id = stream_id
        self.version = version
        self.position = position
        where = f" (position {position})" if position is not None else ""
        self.args = (
            f"stream {stream_id!r} version {version}{where}: "
            + "; ".join(str(p) for p in self.problems),
        )


class UnknownStream(CommissioningError, LookupError):
    """There is no stream with this id in the store, so there is nothing to rebuild.

    Attributes:
        stream_id: the id asked for.

    Examples:
        >>> print(UnknownStream("meals-2026"))
        no stream 'meals-2026' in the store
    """

    def __init__(self, stream_id: str) -> None:
        self.stream_id = stream_id
        super().__init__(f"no stream {stream_id!r} in the store")

    def __str__(self) -> str:
        return str(self.args[0])


class StoreSchemaError(CommissioningError, RuntimeError):
    """The database holds a store schema this release cannot use (written by a newer release).

    Attributes:
        found: the schema version recorded in the database.
        supported: the newest schema version this release knows.

    Examples:
        >>> print(StoreSchemaError(found=3, supported=1))
        the store's schema is version 3 but this release knows versions up to 1; upgrade commissioning before opening it
    """

    def __init__(self, *, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"the store's schema is version {found} but this release knows versions up to "
            f"{supported}; upgrade commissioning before opening it"
        )
