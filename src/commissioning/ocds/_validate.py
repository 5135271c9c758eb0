"""Validate OCDS packages against the vendored official 1.1.5 schema with the UK extension.

``jsonschema`` is an optional dependency (``pip install commissioning[jsonschema]``),
imported only when :func:`validate_package` runs.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from .._errors import CommissioningError, InvalidInputType, Problem

__all__ = ["SchemaUnavailable", "release_schema", "validate_package"]

_BASE = "https://standard.open-contracting.org/schema/1__1__5/"


class SchemaUnavailable(CommissioningError, ImportError):
    """Validation needs the optional ``jsonschema`` package, which is not installed.

    Attributes:
        package: the missing package's name.
    """

    def __init__(self, package: str) -> None:
        self.package = package
        super().__init__(
            f"validate_package needs {package!r}; expected it installed "
            f"(pip install 'commissioning[jsonschema]'), received an ImportError"
        )


def _load(*parts: str) -> Any:
    path = resources.files("commissioning.ocds").joinpath("data", *parts)
    return json.loads(path.read_text(encoding="utf-8"))


def _patch(target: dict[str, Any], patch: Mapping[str, Any]) -> None:
    """JSON Merge Patch (RFC 7386), the way OCDS extensions apply."""
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _patch(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


@functools.cache
def _schemas() -> tuple[Any, Any, Any]:
    release = _load("ocds-1.1.5", "release-schema.json")
    extension = _load("ocds-uk-extension", "release-schema.json")
    core_definitions = release["definitions"]
    for name, definition in extension["definitions"].items():
        if name in core_definitions:
            _patch(core_definitions[name], definition)
    return (
        release,
        _load("ocds-1.1.5", "release-package-schema.json"),
        _load("ocds-1.1.5", "record-package-schema.json"),
    )


def release_schema() -> dict[str, Any]:
    """The OCDS 1.1.5 release schema with the UK extension applied (a fresh copy).

    Examples:
        >>> s = release_schema()
        >>> "amountGross" in s["definitions"]["Value"]["properties"]
        True
        >>> s["definitions"]["Document"]["properties"]["noticeType"]["type"]
        ['string', 'null']
    """
    return copy.deepcopy(_schemas()[0])


def validate_package(package: Mapping[str, Any]) -> tuple[str, ...]:
    """Every schema error in an OCDS release or record package; ``()`` when it is valid.

    Validates against the vendored official OCDS 1.1.5 schema with the UK
    extension applied (``commissioning/ocds/data``); a package with ``records``
    is checked as a record package, otherwise as a release package. Also checks
    that release ids are unique within each ocid and contain no ``#``. Needs
    ``jsonschema`` (imported here, lazily); raises :class:`SchemaUnavailable`
    without it.

    Examples:
        >>> validate_package({"uri": "https://example.com/p.json", "version": "1.1",
        ...     "publishedDate": "2026-05-01T00:00:00Z", "publisher": {"name": "Anytown Council"},
        ...     "releases": [{"ocid": "ocds-abc123-1", "id": "1", "date": "2026-05-01T00:00:00Z",
        ...                   "tag": ["tender"], "initiationType": "tender"}]})
        ()
        >>> validate_package({"uri": "https://example.com/p.json"})[0]
        "(root): 'publisher' is a required property"
    """
    if not isinstance(package, Mapping):
        raise InvalidInputType([Problem("package", "a mapping (an OCDS package)", package, "type")])
    try:
        import jsonschema  # noqa: PLC0415 - optional dependency, imported lazily
        from referencing import Registry  # noqa: PLC0415 - comes with jsonschema
        from referencing.jsonschema import DRAFT4  # noqa: PLC0415 - comes with jsonschema
    except ImportError:
        raise SchemaUnavailable("jsonschema") from None
    release, release_pkg, record_pkg = _schemas()
    registry: Any = Registry().with_resources(
        [
            (_BASE + "release-schema.json", DRAFT4.create_resource(release)),
            (_BASE + "release-package-schema.json", DRAFT4.create_resource(release_pkg)),
            (_BASE + "record-package-schema.json", DRAFT4.create_resource(record_pkg)),
        ]
    )
    schema = record_pkg if "records" in package else release_pkg
    validator = jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in sorted(
            validator.iter_errors(dict(package)), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    errors.extend(_id_problems(package))
    return tuple(errors)


def _id_problems(package: Mapping[str, Any]) -> list[str]:
    releases: list[Any] = []
    if isinstance(package.get("releases"), list):
        releases = list(package["releases"])
    for record in package.get("records", ()) if isinstance(package.get("records"), list) else ():
        if isinstance(record, Mapping) and isinstance(record.get("releases"), list):
            releases.extend(r for r in record["releases"] if isinstance(r, Mapping) and "ocid" in r)
    seen: set[tuple[Any, Any]] = set()
    out = []
    for r in releases:
        if not isinstance(r, Mapping):
            continue
        key = (r.get("ocid"), r.get("id"))
        if isinstance(r.get("id"), str) and "#" in r["id"]:
            out.append(f"release {r['id']!r}: an id must not contain '#'")
        if key in seen and "records" not in package:
            out.append(f"release {r.get('id')!r}: id repeated within ocid {r.get('ocid')!r}")
        seen.add(key)
    return out
