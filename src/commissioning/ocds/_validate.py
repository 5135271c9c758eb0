"""Validate OCDS packages against the vendored official 1.1.5 schema with the UK extension.

``jsonschema`` is an optional dependency (``pip install commissioning[jsonschema]``),
imported only when [`validate_package`][commissioning.ocds.validate_package] runs.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from .._errors import CommissioningError, InvalidInputType, Problem
from .._reader import check_json

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
    that release ids are unique within each ocid and contain no ``#``. Linear in
    the number of releases: each release is validated on its own against the
    release schema, and id uniqueness is checked with a set instead of the
    package schema's ``uniqueItems`` (which compares every pair). Input that is
    not JSON-compatible raises [`InvalidInput`][commissioning.InvalidInput] naming the path. Needs
    ``jsonschema`` (imported here, lazily); raises [`SchemaUnavailable`][commissioning.ocds.SchemaUnavailable]
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
    check_json(package, field="package")
    validators = _validators(jsonschema, Registry, DRAFT4)
    records = "records" in package
    head, item = (
        validators["record-head" if records else "release-head"],
        validators["record" if records else "release"],
    )
    errors = [_message(e, ()) for e in _sorted(head.iter_errors(dict(package)))]
    key = "records" if records else "releases"
    items = package.get(key)
    if isinstance(items, list | tuple):
        # one item at a time: linear in the number of items (the package schema's
        # uniqueItems would compare every pair); uniqueness is checked by id below
        for i, one in enumerate(items):
            errors.extend(_message(e, (key, i)) for e in _sorted(item.iter_errors(one)))
    errors.extend(_id_problems(package))
    return tuple(errors)


def _sorted(errors: Any) -> list[Any]:
    return sorted(errors, key=lambda e: list(map(str, e.absolute_path)))


def _message(error: Any, prefix: tuple[Any, ...]) -> str:
    path = "/".join(str(p) for p in (*prefix, *error.absolute_path))
    return f"{path or '(root)'}: {error.message}"


@functools.cache
def _validators(jsonschema: Any, registry_cls: Any, draft4: Any) -> dict[str, Any]:
    release, release_pkg, record_pkg = _schemas()
    registry: Any = registry_cls().with_resources(
        [
            (_BASE + "release-schema.json", draft4.create_resource(release)),
            (_BASE + "release-package-schema.json", draft4.create_resource(release_pkg)),
            (_BASE + "record-package-schema.json", draft4.create_resource(record_pkg)),
        ]
    )
    heads = {}
    for name, schema, key in (
        ("release-head", release_pkg, "releases"),
        ("record-head", record_pkg, "records"),
    ):
        head = copy.deepcopy(schema)
        head["properties"][key] = {"type": "array", "minItems": 1}
        heads[name] = head
    record = {"$ref": _BASE + "record-package-schema.json#/definitions/record"}
    release_ref = {"$ref": _BASE + "release-schema.json"}
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    return {
        name: jsonschema.Draft4Validator(schema, registry=registry, format_checker=checker)
        for name, schema in (
            ("release-head", heads["release-head"]),
            ("record-head", heads["record-head"]),
            ("release", release_ref),
            ("record", record),
        )
    }


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
        rid = r.get("id")
        if not isinstance(rid, str | int) or isinstance(rid, bool):
            continue  # a missing or mistyped id is a schema error, reported above
        key = (str(r.get("ocid")), rid)
        if isinstance(rid, str) and "#" in rid:
            out.append(f"release {r['id']!r}: an id must not contain '#'")
        if key in seen and "records" not in package:
            out.append(f"release {r.get('id')!r}: id repeated within ocid {r.get('ocid')!r}")
        seen.add(key)
    return out
