"""Bulk OCDS: stream releases from big files, read them process by process, and the Dask path.

* [`iter_releases`][commissioning.ocds.iter_releases] streams the releases of a JSON Lines file (one release,
  package or record per line) or of a large release/record package or array
  (with ``ijson`` when installed: ``pip install 'commissioning[bulk]'``; without
  it the file is loaded whole), with an optional ``tqdm`` progress bar.
* [`iter_published`][commissioning.ocds.iter_published] reads them into the read model, one process per run
  of adjacent releases with the same ``ocid`` (bulk files from the portals
  keep a process's releases together; sort first if yours do not), and can
  skip a bad process with its typed error instead of stopping.
* [`published_rows`][commissioning.ocds.published_rows] and [`audit_rows`][commissioning.ocds.audit_rows] turn JSON lines into table rows:
  the functions a Dask bag maps over its partitions; [`to_dask_frame`][commissioning.ocds.to_dask_frame] wires
  ``dask.bag.read_text`` to a Dask dataframe (``dask`` installed:
  ``pip install 'commissioning[dask]'``).

``ijson``, ``tqdm`` and ``dask`` are imported only when used.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from .._errors import CommissioningError, InvalidInput, InvalidInputType, Problem
from ._audit import audit_published
from ._published import PublishedProcurement
from ._read import read_process, releases_of

__all__ = [
    "ExtraUnavailable",
    "audit_rows",
    "iter_published",
    "iter_releases",
    "published_rows",
    "to_dask_frame",
]


class ExtraUnavailable(CommissioningError, ImportError):
    """A bulk feature needs an optional package that is not installed.

    Attributes:
        package: the missing package's name.
        extra: the ``commissioning`` extra that installs it.
    """

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"this needs {package!r}; expected it installed "
            f"(pip install 'commissioning[{extra}]'), received an ImportError"
        )


Source = str | os.PathLike[str] | IO[bytes] | IO[str]


def _open(source: Any) -> tuple[IO[bytes], bool]:
    if isinstance(source, str | os.PathLike):
        return Path(source).open("rb"), True
    if isinstance(source, io.TextIOBase):
        return io.BytesIO(source.read().encode("utf-8")), True
    if hasattr(source, "read"):
        return source, False
    raise InvalidInputType(
        [Problem("source", "a path or an open file", type(source).__name__, "type")]
    )


def _progress(
    items: Iterator[Any],
    progress: bool | Callable[..., Any],  # noqa: FBT001 - internal
) -> Iterator[Any]:
    if progress is False:
        return items
    if callable(progress):
        return iter(progress(items))
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional dependency, imported lazily
    except ImportError:
        raise ExtraUnavailable("tqdm", "bulk") from None
    return iter(tqdm(items, unit=" releases"))


def _loads(text: bytes | str, where: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        raise InvalidInput.of(where, "a JSON document", str(err)[:80]) from None


def iter_releases(
    source: Source, *, progress: bool | Callable[..., Any] = False
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Stream ``(where, release)`` pairs from a bulk file, ``where`` naming it in errors.

    Args:
        source: a path or a binary file: JSON Lines (each line a release, a
            release package or a record package), or one JSON document (a
            package or an array of releases), streamed with ``ijson`` if installed.
        progress: ``True`` for a ``tqdm`` bar (needs ``tqdm``), or a callable
            wrapping the iterator (``functools.partial(tqdm, total=n)``).

    Raises:
        InvalidInput: a line or document that is not JSON, naming where (``line 12``).
    """
    return _progress(_releases(source), progress)


def _releases(source: Source) -> Iterator[tuple[str, Mapping[str, Any]]]:
    handle, close = _open(source)
    try:
        first = handle.readline()
        stripped = first.strip()
        document: Any = None
        if stripped:
            try:
                document = json.loads(stripped)
            except ValueError:
                document = None
            except RecursionError:
                raise InvalidInput.of("line 1", "a JSON document", "nesting too deep") from None
        if document is not None and isinstance(document, Mapping | list):
            yield from releases_of(document, where="line 1")
            for number, line in enumerate(handle, start=2):
                if line.strip():
                    yield from releases_of(_loads(line, f"line {number}"), where=f"line {number}")
            return
        yield from _document(first, handle)
    finally:
        if close:
            handle.close()


def _document(first: bytes, handle: IO[bytes]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    try:
        import ijson  # noqa: PLC0415 - optional dependency, imported lazily
    except ImportError:
        data = _loads(first + handle.read(), "data")
        yield from releases_of(data)
        return
    rest = _Chain(first, handle)
    head = first.lstrip()[:1]
    prefixes = ("item",) if head == b"[" else ("releases.item", "records.item")
    try:
        for event_prefix, item in _items(ijson, rest, prefixes):
            if event_prefix == "records.item":
                yield from releases_of({"records": [item]}, where="data")
            else:
                where = "releases" if event_prefix == "item" else "data.releases"
                if not isinstance(item, Mapping):
                    raise InvalidInputType(
                        [Problem(where, "an object", type(item).__name__, "type")]
                    )
                yield where, item
    except ijson.JSONError as err:
        raise InvalidInput.of("data", "a JSON document", str(err)[:80]) from None


def _items(ijson: Any, stream: Any, prefixes: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """Each complete item under one of ``prefixes``, built from ``ijson`` events."""
    builder: Any = None
    current = ""
    for prefix, event, value in ijson.parse(stream, use_float=True):
        if builder is None:
            if prefix in prefixes and event in {"start_map", "start_array"}:
                builder, current = ijson.ObjectBuilder(), prefix
                builder.event(event, value)
            elif prefix in prefixes:  # a scalar item
                yield prefix, value
            continue
        builder.event(event, value)
        if prefix == current and event in {"end_map", "end_array"}:
            yield current, builder.value
            builder = None


class _Chain(io.RawIOBase):
    """The first line already read, then the rest of the file: a readable stream for ijson."""

    def __init__(self, first: bytes, rest: IO[bytes]) -> None:
        self.first = first
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.first:
            n = min(len(buffer), len(self.first))
            buffer[:n] = self.first[:n]
            self.first = self.first[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def iter_published(
    source: Source | Iterable[tuple[str, Mapping[str, Any]]],
    *,
    replay: bool = False,
    errors: list[InvalidInput] | None = None,
    progress: bool | Callable[..., Any] = False,
) -> Iterator[PublishedProcurement]:
    """Read a bulk source into the read model, one process per run of adjacent releases of one ocid.

    Args:
        source: a path or file (see [`iter_releases`][commissioning.ocds.iter_releases]) or ``(where, release)`` pairs.
        replay: replay Procurement Act processes on their machines (slower).
        errors: when given, a process with a wrong shape is skipped and its
            [`InvalidInput`][commissioning.InvalidInput] appended here; otherwise it is raised.
        progress: a progress bar (see [`iter_releases`][commissioning.ocds.iter_releases]).
    """
    if isinstance(source, str | os.PathLike) or hasattr(source, "read"):
        pairs: Iterable[tuple[str, Mapping[str, Any]]] = iter_releases(
            source,  # type: ignore[arg-type]
            progress=progress,
        )
    else:
        pairs = source
    group: list[Mapping[str, Any]] = []
    ocid: Any = None
    first = 0
    for index, (_, release) in enumerate(pairs):
        key = release.get("ocid") if isinstance(release, Mapping) else None
        if group and key != ocid:
            yield from _read_group(group, first, replay, errors)
            group, first = [], index
        group.append(release)
        ocid = key
    if group:
        yield from _read_group(group, first, replay, errors)


def _read_group(
    group: list[Mapping[str, Any]],
    first: int,
    replay: bool,  # noqa: FBT001 - internal
    errors: list[InvalidInput] | None,
) -> Iterator[PublishedProcurement]:
    try:
        yield read_process(group, replay=replay, first_index=first)
    except InvalidInput as err:
        if errors is None:
            raise
        errors.append(err)


# ---------------------------------------------------------------------- table rows
def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)  # UTC, naive for dataframes
    return value


def _lines_to_releases(lines: Iterable[str]) -> list[tuple[str, Mapping[str, Any]]]:
    pairs: list[tuple[str, Mapping[str, Any]]] = []
    for i, line in enumerate(lines):
        if line.strip():
            pairs.extend(releases_of(_loads(line, f"line {i + 1}"), where=f"line {i + 1}"))
    return pairs


def published_rows(lines: Iterable[str]) -> list[dict[str, Any]]:
    """One row per process for JSON lines (a Dask bag partition); bad processes are skipped.

    Rows have the columns of [`row`][commissioning.ocds.PublishedProcurement.row]
    (amounts as floats, moments as naive UTC) plus ``error`` (``""``, or the
    typed error's message for a skipped process, whose other columns are empty).
    """
    errors: list[InvalidInput] = []
    rows = [
        {k: _plain(v) for k, v in p.row().items()} | {"error": ""}
        for p in iter_published(_lines_to_releases(lines), errors=errors)
    ]
    rows.extend({**_EMPTY_ROW, "error": str(e)[:200]} for e in errors)
    return rows


def audit_rows(lines: Iterable[str]) -> list[dict[str, Any]]:
    """One row per compliance check for JSON lines (a Dask bag partition)."""
    processes = list(iter_published(_lines_to_releases(lines), errors=[]))
    return [c.row() for c in audit_published(processes).checks]


_PUBLISHED_COLUMNS = [
    "ocid",
    "portal",
    "regime",
    "title",
    "buyers",
    "buyer",
    "method",
    "status",
    "value",
    "minimum",
    "maximum",
    "currency",
    "framework",
    "dps",
    "lots",
    "awards",
    "suppliers",
    "contracts",
    "releases",
    "first_published",
    "tender_deadline",
    "unmodelled",
    "procedure",
    "state",
]
_COUNTS = ("buyers", "lots", "awards", "suppliers", "contracts", "releases", "unmodelled")
_EMPTY_ROW: dict[str, Any] = {
    **dict.fromkeys(_PUBLISHED_COLUMNS),
    **dict.fromkeys(_COUNTS, 0),
    "framework": False,
    "dps": False,
}
_AUDIT_COLUMNS = ["ocid", "rule", "citation", "finding", "dates", "assumptions", "detail"]


def _meta(kind: str) -> Any:
    import pandas as pd  # noqa: PLC0415 - optional dependency, imported lazily

    if kind == "audit":
        return pd.DataFrame({c: pd.Series(dtype="object") for c in _AUDIT_COLUMNS})
    dtypes = dict.fromkeys([*_PUBLISHED_COLUMNS, "error"], "object")
    dtypes.update(
        dict.fromkeys(("value", "minimum", "maximum"), "float64")
        | dict.fromkeys(_COUNTS, "int64")
        | dict.fromkeys(("framework", "dps"), "bool")
        | dict.fromkeys(("first_published", "tender_deadline"), "datetime64[ns]")
    )
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})


def _partition_frame(lines: Iterable[str], kind: str) -> Any:
    import pandas as pd  # noqa: PLC0415 - optional dependency, imported lazily

    rows = audit_rows(lines) if kind == "audit" else published_rows(lines)
    meta = _meta(kind)
    frame = pd.DataFrame(rows, columns=list(meta.columns))
    return frame.astype(meta.dtypes.to_dict())


def to_dask_frame(
    urlpath: str | list[str], *, kind: str = "published", blocksize: str | int | None = "64MiB"
) -> Any:
    """A Dask dataframe of the processes (``kind="published"``) or audit checks (``"audit"``).

    ``dask.bag.read_text`` splits the JSON Lines file(s) into partitions, the
    library's functions ([`published_rows`][commissioning.ocds.published_rows] / [`audit_rows`][commissioning.ocds.audit_rows]) are mapped
    over each partition, and the rows become a Dask dataframe. Run it with any
    Dask scheduler: the local threads or synchronous ones, or a
    ``dask.distributed`` cluster (``Client("scheduler:8786")``) reading from shared
    storage (``s3://bucket/releases-*.jsonl``). Releases of one ocid must be in the
    same partition and adjacent (one release per process, or files split by ocid).
    """
    if kind not in {"published", "audit"}:
        raise InvalidInput.of("kind", "'published' or 'audit'", kind)
    try:
        import dask.bag  # noqa: PLC0415 - optional dependency, imported lazily
    except ImportError:
        raise ExtraUnavailable("dask", "dask") from None
    db: Any = dask.bag
    bag = db.read_text(urlpath, blocksize=blocksize)
    return _frame_from_bag(bag, kind)


def _frame_from_bag(bag: Any, kind: str) -> Any:
    import dask  # noqa: PLC0415 - optional dependency, imported lazily
    import dask.dataframe as dd  # noqa: PLC0415 - optional dependency, imported lazily

    make: Any = getattr(dask, "delayed")  # noqa: B009 - dask does not export it to type checkers
    delayed = bag.map_partitions(_as_list_of_lines).to_delayed()
    parts = [make(_partition_frame)(part, kind) for part in delayed]
    return dd.from_delayed(parts, meta=_meta(kind), verify_meta=False)


def _as_list_of_lines(lines: Iterable[str]) -> list[str]:
    return list(lines)
