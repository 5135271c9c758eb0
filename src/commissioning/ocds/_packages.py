"""OCDS release and record packages, and compiling releases of one ocid into a record.

Split from ``_export`` (the releases themselves); these need only the releases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._errors import InvalidInput, InvalidInputType, Problem
from .._reader import check_json
from .._time import as_utc

__all__ = ["UK_EXTENSION_URL", "compile_record", "record_package", "release_package"]

#: The UK extension's ``extension.json``, declared in every package.
UK_EXTENSION_URL = (
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json"
)


def when(at: dt.datetime) -> str:
    """An OCDS date-time: the moment in UTC, to the second, ``Z``-suffixed. Internal."""
    return as_utc(at).strftime("%Y-%m-%dT%H:%M:%SZ")


def release_package(
    releases: Iterable[Mapping[str, Any]],
    *,
    uri: str,
    publisher: str,
    published_at: dt.datetime,
    license_url: str
    | None = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
) -> dict[str, Any]:
    """An OCDS 1.1 release package of ``releases``, declaring the UK extension.

    Examples:
        >>> import datetime as dt
        >>> pkg = release_package([], uri="https://example.com/p.json", publisher="Anytown Council",
        ...                       published_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
        >>> pkg["version"], pkg["publisher"], pkg["releases"]
        ('1.1', {'name': 'Anytown Council'}, [])
    """
    out = _package(uri, publisher, published_at)
    out["releases"] = [dict(r) for r in releases]
    if license_url:
        out["license"] = license_url
    return out


def _package(uri: Any, publisher: Any, published_at: dt.datetime) -> dict[str, Any]:
    """The head every OCDS 1.1 package shares (release or record), its arguments checked."""
    problems = []
    if not isinstance(uri, str) or not uri:
        problems.append(Problem("uri", "a non-empty URI string", uri))
    if not isinstance(publisher, str) or not publisher.strip():
        problems.append(Problem("publisher", "the publisher's name", publisher))
    if problems:
        raise InvalidInput.from_problems(problems)
    return {
        "uri": str(uri),
        "version": "1.1",
        "extensions": [UK_EXTENSION_URL],
        "publishedDate": when(published_at),
        "publisher": {"name": publisher},
    }


# ------------------------------------------------------------------------ merging
def _merge_into(target: dict[str, Any], source: Mapping[str, Any]) -> None:
    for key, value in source.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, Mapping):
            existing = target.get(key)
            if not isinstance(existing, dict):
                existing = {}
                target[key] = existing
            _merge_into(existing, value)
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, Mapping) and "id" in v for v in value)
        ):
            existing_list = target.get(key)
            merged: list[dict[str, Any]] = (
                list(existing_list) if isinstance(existing_list, list) else []
            )
            index = {item.get("id"): item for item in merged if isinstance(item, dict)}
            for item in value:
                current = index.get(item["id"])
                if current is None:
                    current = {}
                    merged.append(current)
                    index[item["id"]] = current
                _merge_into(current, item)
            target[key] = merged
        else:
            target[key] = _copy(value)


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def compile_record(releases: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge releases of one ``ocid`` into an OCDS record with a compiled release.

    Follows the standard's merge routine: releases are taken in date order;
    objects merge field by field; arrays of objects with ``id`` merge by ``id``;
    other arrays replace; ``null`` removes a field. The compiled release has tag
    ``compiled``, the latest date, and id ``<ocid>-<latest date>``. Releases are
    embedded in the record.

    Examples:
        >>> r1 = {"ocid": "ocds-abc123-1", "id": "1", "date": "2026-01-01T00:00:00Z", "tag": ["tender"],
        ...       "initiationType": "tender", "tender": {"id": "t", "status": "active"}}
        >>> r2 = {**r1, "id": "2", "date": "2026-02-01T00:00:00Z", "tag": ["tenderCancellation"],
        ...       "tender": {"id": "t", "status": "cancelled"}}
        >>> rec = compile_record([r2, r1])
        >>> rec["compiledRelease"]["tender"]["status"], rec["compiledRelease"]["tag"]
        ('cancelled', ['compiled'])
    """
    if isinstance(releases, str | bytes | Mapping) or not isinstance(releases, Iterable):
        raise InvalidInputType(
            [Problem("releases", "a list of OCDS releases", type(releases).__name__, "type")]
        )
    items = list(releases)
    if not items:
        raise InvalidInput.of("releases", "at least one release", items)
    for i, r in enumerate(items):
        if not isinstance(r, Mapping):
            raise InvalidInputType(
                [Problem(f"releases[{i}]", "an OCDS release (an object)", type(r).__name__, "type")]
            )
        if not isinstance(r.get("ocid"), str):
            raise InvalidInput.of(
                f"releases[{i}].ocid", "the ocid (a string)", type(r.get("ocid")).__name__
            )
        check_json(r, field=f"releases[{i}]")
    ocids = {r.get("ocid") for r in items}
    if len(ocids) != 1:
        raise InvalidInput.of("releases", "releases of a single ocid", sorted(map(str, ocids)))
    ordered = sorted(items, key=lambda r: str(r.get("date", "")))
    compiled: dict[str, Any] = {}
    for release in ordered:
        _merge_into(compiled, {k: v for k, v in release.items() if k not in {"id", "date", "tag"}})
    last = str(ordered[-1].get("date"))
    ocid = str(ordered[0]["ocid"])
    compiled = {"tag": ["compiled"], "id": f"{ocid}-{last}", "date": last, **compiled}
    return {
        "ocid": ocid,
        "releases": [_copy(dict(r)) for r in ordered],
        "compiledRelease": compiled,
    }


def record_package(
    records: Iterable[Mapping[str, Any]],
    *,
    uri: str,
    publisher: str,
    published_at: dt.datetime,
) -> dict[str, Any]:
    """An OCDS 1.1 record package of ``records`` (from [`compile_record`][commissioning.ocds.compile_record]).

    Examples:
        >>> import datetime as dt
        >>> pkg = record_package([], uri="https://example.com/r.json", publisher="Anytown Council",
        ...                      published_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
        >>> pkg["version"], pkg["records"]
        ('1.1', [])
    """
    out = _package(uri, publisher, published_at)
    out["records"] = [dict(r) for r in records]
    return out
