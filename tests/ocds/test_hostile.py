"""Hostile input for the OCDS loaders: a typed error naming the path, or a value that round-trips."""

import contextlib
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning import CommissioningError, InvalidInput
from commissioning.ocds import (
    compile_record,
    from_releases,
    iter_published,
    read_published,
    to_releases,
    validate_package,
)
from commissioning.strategies import procurements

from .test_export import whole_life

RELEASE: dict[str, Any] = {"ocid": "ocds-abc123-1", "id": "1", "date": "2026-01-05T09:00:00Z"}


def _deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("releases", "field"),
    [
        (None, "releases"),
        ({"ocid": "x"}, "releases"),
        ([7], "releases[0]"),
        ([{**RELEASE, "tender": 7}], "releases[0].tender"),
        ([{**RELEASE, "tender": {"status": {"code": "active"}}}], "releases[0].tender.status"),
        ([{"id": "1", "date": "2026-01-05T09:00:00Z"}], "releases[0].ocid"),
        ([{**RELEASE, "ocid": ["a"]}], "releases[0].ocid"),
        (
            [{**RELEASE, "tender": {"value": {"amountGross": True}}}],
            "releases[0].tender.value.amountGross",
        ),
        ([{**RELEASE, "date": "0001-01-01T00:00:00+01:00"}], "releases[0].date"),
        ([{**RELEASE, "date": "9999-12-31T23:30:00-01:00"}], "releases[0].date"),
        (
            [{**RELEASE, "awards": [{"suppliers": [{"name": {"x": 1}}]}]}],
            "releases[0].awards[0].suppliers[0].name",
        ),
        (
            [{**RELEASE, "contracts": [{"implementation": {"transactions": 5}}]}],
            "releases[0].contracts[0].implementation.transactions",
        ),
        (
            [{**RELEASE, "tender": {"tenderPeriod": {"endDate": 10**5000}}}],
            "releases[0].tender.tenderPeriod.endDate",
        ),
    ],
)
def test_the_importer_names_the_path_of_every_wrong_shape(releases: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        from_releases(releases)
    assert err.value.field.startswith(field)
    assert len(str(err.value)) < 500  # abbreviated safely, never a 5,000-digit number


def test_deep_nesting_is_a_typed_error_everywhere() -> None:
    release = {**RELEASE, "tender": {"items": _deep(100_000)}}
    for load in (from_releases, compile_record, read_published):
        with pytest.raises(InvalidInput):
            load([release])
    with pytest.raises(InvalidInput):
        validate_package({"releases": [release]})


def test_a_huge_number_in_an_unread_field_is_kept_or_refused_not_formatted() -> None:
    release = {**RELEASE, "tender": {"numberOfTenderers": 10**5000}}
    with pytest.raises(InvalidInput) as err:
        read_published([release])
    assert "digits" in str(err.value)


def test_text_that_is_not_json_is_a_typed_error_naming_the_line() -> None:
    stream = io.BytesIO(b'{"ocid": "ocds-a-1"}\n[1, 2\n')
    with pytest.raises(InvalidInput) as err:
        list(iter_published(stream))
    assert err.value.field == "line 2"


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "ocid",
                    "id",
                    "date",
                    "tag",
                    "tender",
                    "awards",
                    "contracts",
                    "parties",
                    "value",
                    "amount",
                    "status",
                    "documents",
                    "noticeType",
                    "releases",
                    "records",
                    "compiledRelease",
                    "x",
                ]
            )
            | st.text(max_size=6),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_garbage_is_a_typed_error_or_a_value(data: Any) -> None:
    for load in (from_releases, read_published, compile_record, validate_package):
        with contextlib.suppress(CommissioningError):
            load(data)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*path, i)))
    return out


def _edited(value: Any, path: tuple[Any, ...], new: Any, delete: bool) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        out = dict(value)
        if delete and not rest:
            out.pop(head, None)
        else:
            out[head] = _edited(value[head], rest, new, delete)
        return out
    out_list = list(value)
    out_list[head] = _edited(value[head], rest, new, delete)
    return out_list


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.booleans().flatmap(lambda lots: procurements(lots=lots)), st.data())
def test_random_edits_of_exports_are_a_typed_error_or_round_trip(
    p: Any, data: st.DataObject
) -> None:
    releases = [dict(r) for r in to_releases(p, prefix="ocds-abc123")]
    if not releases:
        return
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(releases)[1:]
        path = data.draw(st.sampled_from(paths))
        new = data.draw(JSON)
        releases = _edited(releases, path, new, data.draw(st.booleans()))
    try:
        result = from_releases(releases)
    except CommissioningError:
        return
    if result.procurement is not None:
        again = to_releases(result.procurement, prefix="ocds-abc123")
        if again:
            second = from_releases(again, facts=result.procurement.facts)
            assert second.procurement is not None
            assert to_releases(second.procurement, prefix="ocds-abc123") == again
    try:
        published = read_published(releases)
    except CommissioningError:
        return
    for process in published.procurements:
        json.dumps(process.unmodelled_values(), allow_nan=False)  # strict JSON, as kept


def test_a_valid_export_is_not_refused() -> None:
    releases = to_releases(whole_life(), prefix="ocds-abc123")
    assert from_releases(releases).procurement is not None
    assert len(read_published(releases)) == 1
