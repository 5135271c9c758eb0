"""The shapes OCDS allows, checked fast: the read model's field tree, its walker and scalar readers.

A tree names every field the read model holds (a leaf is the kind of value, a
dict an object, a one-item list an array). `_Reader` walks a release
against it once: a wrong shape raises [`InvalidInput`][commissioning.InvalidInput]
naming the path; a field not in the tree is kept and listed. The importer
checks the same way, with the extra fields it reads (`check_release_shape`).
Internal.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from .._errors import InvalidInput, InvalidInputType, Problem
from .._reader import DEFAULT_LIMITS
from ._published import UnmodelledField

_LONDON = ZoneInfo("Europe/London")

#: Largest number of digits accepted in an amount (a bigger one is kept unread, not parsed).
MAX_AMOUNT_DIGITS = 30

#: What a release may hold at most (the shared checked reader's limits: depth, digits, dates).
LIMITS = DEFAULT_LIMITS

# ------------------------------------------------------------------ the modelled fields
# A tree of what the read model holds. A leaf names the kind of value; a dict is an
# object; a one-item list is an array of that item. Everything else is "not modelled".
ID = "id"  # str or int
STR = "str"
DATE = "date"
NUM = "num"
BOOL = "bool"
INT = "int"
STRS = "strs"  # a list of strings (or one string, as some portals publish)

_VALUE = {"amount": NUM, "amountGross": NUM, "currency": STR}
_PERIOD = {"startDate": DATE, "endDate": DATE, "durationInDays": INT, "maxExtentDate": DATE}
_DOC = {
    "id": ID,
    "documentType": STR,
    "noticeType": STR,
    "title": STR,
    "description": STR,
    "url": STR,
    "datePublished": DATE,
    "dateModified": DATE,
    "format": STR,
    "language": STR,
}
_DOCS = [_DOC]
_REF = {"id": ID, "name": STR}
_AMENDMENT = {
    "id": ID,
    "date": DATE,
    "description": STR,
    "rationale": STR,
}
_TECHNIQUES = {"hasFrameworkAgreement": BOOL, "hasDynamicPurchasingSystem": BOOL}
_LOT = {
    "id": ID,
    "title": STR,
    "description": STR,
    "status": STR,
    "value": _VALUE,
    "minValue": _VALUE,
    "maxValue": _VALUE,
    "contractPeriod": _PERIOD,
}
_TENDER = {
    "id": ID,
    "title": STR,
    "description": STR,
    "status": STR,
    "value": _VALUE,
    "minValue": _VALUE,
    "maxValue": _VALUE,
    "procurementMethod": STR,
    "procurementMethodDetails": STR,
    "procurementMethodRationale": STR,
    "mainProcurementCategory": STR,
    "submissionMethod": STRS,
    "tenderPeriod": _PERIOD,
    "enquiryPeriod": _PERIOD,
    "awardPeriod": _PERIOD,
    "contractPeriod": _PERIOD,
    "expressionOfInterestDeadline": DATE,
    "aboveThreshold": BOOL,
    "specialRegime": STRS,
    "techniques": _TECHNIQUES,
    "documents": _DOCS,
    "lots": [_LOT],
    "amendments": [_AMENDMENT],
    "finalStatusDate": DATE,
}
_AWARD = {
    "id": ID,
    "title": STR,
    "description": STR,
    "status": STR,
    "date": DATE,
    "value": _VALUE,
    "minValue": _VALUE,
    "maxValue": _VALUE,
    "suppliers": [_REF],
    "relatedLots": [ID],
    "contractPeriod": _PERIOD,
    "documents": _DOCS,
    "amendments": [_AMENDMENT],
    "standstillPeriod": _PERIOD,
    "assessmentSummariesDateSent": DATE,
}
_CONTRACT = {
    "id": ID,
    "awardID": ID,
    "title": STR,
    "description": STR,
    "status": STR,
    "dateSigned": DATE,
    "value": _VALUE,
    "period": _PERIOD,
    "documents": _DOCS,
    "amendments": [_AMENDMENT],
    "implementation": {"documents": _DOCS},
}
_PARTY = {
    "id": ID,
    "name": STR,
    "roles": STRS,
    "identifier": {"scheme": STR, "id": ID},
    "details": {"classifications": [{"scheme": STR, "id": ID}]},
}
_RELEASE: dict[str, Any] = {
    "ocid": STR,
    "id": ID,
    "date": DATE,
    "tag": STRS,
    "buyer": _REF,
    "parties": [_PARTY],
    "planning": {"documents": _DOCS},
    "tender": _TENDER,
    "awards": [_AWARD],
    "contracts": [_CONTRACT],
    "relatedProcesses": [
        {
            "id": ID,
            "relationship": STRS,
            "scheme": STR,
            "identifier": ID,
            "title": STR,
            "uri": STR,
        }
    ],
}

_EXPECTED = {
    ID: "a string or an integer id",
    STR: "a string",
    DATE: "an ISO 8601 date-time string",
    NUM: "a number",
    BOOL: "true or false",
    INT: "an integer",
    STRS: "a list of strings",
}


def _brief(value: Any) -> str:
    """A short, safe description of a received value (no recursion, no huge int formatting)."""
    if isinstance(value, Mapping):
        return f"an object with {len(value)} keys"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} items"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


class _Reader:
    """Walks one release: checks shapes, keeps what is unmodelled. Internal."""

    __slots__ = ("index", "unmodelled", "values", "where")

    def __init__(self, index: int, where: str) -> None:
        self.index = index
        self.where = where
        self.unmodelled: list[UnmodelledField] = []
        self.values: list[list[Any]] = []

    def refuse(self, pointer: str, expected: str, received: Any, kind: str = "type") -> None:
        raise InvalidInput.from_problems(
            [Problem(self.where + _dotted(pointer), expected, _brief(received), kind)]
        )

    def keep(self, pointer: str, value: Any, reason: str = "not modelled") -> None:
        self.unmodelled.append(UnmodelledField(self.index, pointer, reason))
        self.values.append([self.index, pointer, value])

    def walk(self, obj: Any, schema: dict[str, Any], pointer: str) -> None:
        """Check an object against its part of the modelled tree (hot: kept tight)."""
        if not isinstance(obj, dict) and not isinstance(obj, Mapping):
            self.refuse(pointer, "an object", obj)
        get = schema.get
        for key, value in obj.items():
            if value is None:
                continue
            sub = get(key)
            if sub is None:
                if type(key) is not str:
                    self.refuse(pointer, "an object with string keys", obj)
                self.keep(f"{pointer}/{_escape(key) if '/' in key or '~' in key else key}", value)
                continue
            kind = type(sub)
            if kind is str:
                if sub is not STR or type(value) is not str:
                    self.leaf(value, sub, f"{pointer}/{key}")
            elif kind is dict:
                self.walk(value, sub, f"{pointer}/{key}")
            else:
                self.array(value, sub[0], f"{pointer}/{key}")

    def array(self, obj: Any, item: Any, pointer: str) -> None:
        if not isinstance(obj, list | tuple):
            self.refuse(pointer, "an array", obj)
        if type(item) is dict:
            for i, value in enumerate(obj):
                if value is not None:
                    self.walk(value, item, f"{pointer}/{i}")
        else:
            for i, value in enumerate(obj):
                if value is not None:
                    self.leaf(value, item, f"{pointer}/{i}")

    def leaf(self, obj: Any, kind: str, pointer: str) -> None:
        if kind == STR:
            ok = isinstance(obj, str)
        elif kind == ID:
            ok = isinstance(obj, str) or (isinstance(obj, int) and not isinstance(obj, bool))
            if ok and isinstance(obj, int) and obj.bit_length() > 128:
                self.keep(pointer, obj, "an id too long to read")
        elif kind == DATE:
            ok = isinstance(obj, str)
            if ok and moment(obj) is None:
                self.keep(pointer, obj, "not an ISO 8601 date-time in range; kept as published")
        elif kind == NUM:
            ok = not isinstance(obj, bool) and isinstance(obj, int | float | str)
            if ok and amount(obj) is None:
                self.keep(
                    pointer, obj, "not a finite amount of at most 30 digits; kept as published"
                )
        elif kind == BOOL:
            ok = isinstance(obj, bool)
        elif kind == INT:
            ok = (isinstance(obj, int) and not isinstance(obj, bool)) or (
                isinstance(obj, float) and obj.is_integer()
            )
            if ok and abs(obj) > 10**9:
                self.keep(pointer, obj, "an integer out of range; kept as published")
        else:  # STRS
            ok = isinstance(obj, str) or (
                isinstance(obj, list | tuple) and all(isinstance(v, str) for v in obj)
            )
        if not ok:
            self.refuse(pointer, _EXPECTED[kind], obj)


class _ShapeReader(_Reader):
    """Checks shapes only (what the importer reads); keeps nothing. Internal."""

    __slots__ = ()

    def keep(self, pointer: str, value: Any, reason: str = "not modelled") -> None:
        return None


def _merged(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merged(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return [_merged(base[0], extra[0])]
    return extra


_CLASSIFICATION = {"scheme": STR, "id": ID, "description": STR}
#: What [`from_releases`][commissioning.ocds.from_releases] reads besides the read model's fields.
_IMPORTED: dict[str, Any] = _merged(
    _RELEASE,
    {
        "planning": {"noEngagementNoticeRationale": STR},
        "awards": [{"suppliers": [_REF]}],
        "contracts": [
            {
                "terminationRationaleClassifications": [_CLASSIFICATION],
                "milestones": [
                    {"id": ID, "title": STR, "type": STR, "status": STR, "dateMet": DATE}
                ],
                "amendments": [{"value": _VALUE, "standstill": BOOL}],
                "implementation": {
                    "transactions": [{"id": ID, "date": DATE, "value": _VALUE}],
                    "metrics": [
                        {
                            "id": ID,
                            "title": STR,
                            "observations": [
                                {
                                    "id": ID,
                                    "period": _PERIOD,
                                    "measureClassification": _CLASSIFICATION,
                                }
                            ],
                        }
                    ],
                },
            }
        ],
    },
)


def check_release_shape(release: Any, where: str) -> None:
    """Raise [`InvalidInput`][commissioning.InvalidInput] naming the path of a wrong shape.

    Covers what the importer reads: a ``tender`` that is a number, a dict where a
    code is expected, a missing or empty ``ocid``.
    """
    if not isinstance(release, Mapping):
        raise InvalidInputType(
            [Problem(where, "an OCDS release (an object)", _brief(release), "type")]
        )
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        kind = "value" if ocid is None or isinstance(ocid, str) else "type"
        raise InvalidInput.from_problems(
            [
                Problem(
                    f"{where}.ocid",
                    "the open contracting id (a non-empty string)",
                    _brief(ocid),
                    kind,
                )
            ]
        )
    _ShapeReader(0, where).walk(release, _IMPORTED, "")


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# ------------------------------------------------------------------ scalar readers
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def moment(value: Any) -> dt.datetime | None:
    """A published date-time as an aware UTC moment; ``None`` when it cannot be read.

    Lenient where portals are: a date alone is the start of that UK day; a
    date-time without an offset is read as UK time. Outside the years the
    shared checked reader accepts (`LIMITS`), ``None``.
    """
    if type(value) is not str or len(value) > 40:
        return None
    return _moment(value)


@functools.lru_cache(maxsize=1 << 16)
def _moment(value: str) -> dt.datetime | None:
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if not LIMITS.earliest.year <= parsed.year <= LIMITS.latest.year:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_LONDON)
    try:
        return parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None


def amount(value: Any) -> Decimal | None:
    """A published amount as a Decimal; ``None`` for NaN, infinities and absurd sizes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if value.bit_length() <= 100 else None
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e30:
            return None
        return Decimal(repr(value))
    if isinstance(value, str) and len(value) <= 40:
        try:
            d = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return None
        if not d.is_finite() or d.adjusted() >= MAX_AMOUNT_DIGITS:
            return None
        return d
    return None


def _str(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if value.bit_length() <= 128 else None
    return None


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()


_NOTHING: Mapping[str, Any] = {}


def _obj(value: Any) -> Mapping[str, Any]:
    if type(value) is dict or isinstance(value, Mapping):
        return value
    return _NOTHING


def _array(value: Any) -> list[Any] | tuple[Any, ...]:
    return value if isinstance(value, list | tuple) else ()


def _list(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, Mapping)]
    return []


def _dotted(pointer: str) -> str:
    out = []
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        out.append(f"[{part}]" if part.isdigit() else f".{part}")
    return "".join(out)
