"""Bulk files: streaming JSON Lines and large packages, progress, and the Dask path."""

import io
import json
from pathlib import Path
from typing import Any

import dask
import pytest

from commissioning import InvalidInput
from commissioning.ocds import (
    audit_published,
    iter_published,
    iter_releases,
    published_rows,
    read_published,
    to_dask_frame,
    validate_package,
)

REAL = Path(__file__).parent / "real"


def real() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (REAL / "sell2wales-2025-02.releases.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "releases.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in real()), encoding="utf-8")
    return path


def test_json_lines_and_a_large_package_stream_the_same_releases(
    jsonl: Path, tmp_path: Path
) -> None:
    package = tmp_path / "package.json"
    package.write_text(json.dumps({"uri": "u", "releases": real()}, indent=1), encoding="utf-8")
    from_lines = [r for _, r in iter_releases(jsonl)]
    from_package = [r for _, r in iter_releases(package)]
    assert from_lines == from_package == real()
    array = io.BytesIO(json.dumps(real()).encode())
    assert [r for _, r in iter_releases(array)] == real()


def test_streamed_processes_equal_the_in_memory_read(jsonl: Path) -> None:
    streamed = list(iter_published(jsonl))
    assert streamed == list(read_published(real(), replay=False).procurements)


def test_a_bad_line_is_named_and_a_bad_process_can_be_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    releases = real()[:3]
    lines = [
        json.dumps(releases[0]),
        json.dumps({**releases[1], "tender": 5}),
        json.dumps(releases[2]),
    ]
    path.write_text("\n".join(lines) + "\n{not json\n", encoding="utf-8")
    errors: list[InvalidInput] = []
    with pytest.raises(InvalidInput) as err:
        list(iter_published(path, errors=errors))
    assert err.value.field == "line 4"
    assert [e.field for e in errors] == ["releases[1].tender"]
    with pytest.raises(InvalidInput) as err:
        list(iter_published(path))
    assert err.value.field == "releases[1].tender"


def test_a_progress_callable_wraps_the_stream(jsonl: Path) -> None:
    seen: list[int] = []

    def bar(items: Any) -> Any:
        for i, item in enumerate(items):
            seen.append(i)
            yield item

    assert len(list(iter_releases(jsonl, progress=bar))) == len(seen) == 90
    assert len(list(iter_releases(jsonl, progress=True))) == 90  # tqdm is installed in tests


def test_rows_for_a_partition_skip_bad_processes_with_their_error() -> None:
    lines = [json.dumps(r) for r in real()[:2]] + [json.dumps({"ocid": "ocds-x", "tender": []})]
    rows = published_rows(lines)
    assert [r["error"] for r in rows][:2] == ["", ""]
    assert "releases[2].tender" in rows[2]["error"]


def test_the_dask_path_gives_the_same_table_as_one_machine(jsonl: Path) -> None:
    with dask.config.set(scheduler="synchronous"):
        frame = to_dask_frame(str(jsonl), blocksize=100_000)
        assert frame.npartitions > 1
        table = frame.compute()
        audit = to_dask_frame(str(jsonl), kind="audit", blocksize=100_000).compute()
    assert sorted(table["ocid"]) == sorted(r["ocid"] for r in real())
    assert set(table["error"]) == {""}
    local = audit_published(read_published(real())).to_frame()
    assert sorted(audit["finding"]) == sorted(local["finding"])
    with dask.config.set(scheduler="threads"):
        assert len(to_dask_frame(str(jsonl), blocksize=100_000).compute()) == 90


def test_validation_checks_each_release_and_repeated_ids_without_comparing_pairs() -> None:
    releases = real()[:3]
    package = {
        "uri": "https://example.com",
        "version": "1.1",
        "publishedDate": "2025-02-21T00:00:00Z",
        "publisher": {"name": "Sell2Wales"},
        "releases": [*releases, releases[0], {"ocid": "ocds-x", "id": {"a": 1}, "tag": [{}]}],
    }
    problems = validate_package(package)
    assert any("id repeated within ocid" in p for p in problems)
    assert any(p.startswith("releases/4/id:") for p in problems)
    assert not any(p.startswith(("releases/0", "releases/1", "releases/2")) for p in problems)
