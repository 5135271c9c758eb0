"""The notebooks in docs/notebooks: stored without outputs, and each runs start to finish with its plots.

They are executed with nbclient on an IPython kernel of the interpreter
running the tests (a kernelspec written for it in a temporary folder, so a
fresh machine needs only the ``test`` extra, and not a kernel installed by
hand). The docs build runs them again (mkdocs-jupyter) to show their
outputs.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import commissioning

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "docs" / "notebooks"
KERNEL = "commissioning-tests"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec for this interpreter, found first on JUPYTER_PATH, importing this package."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "commissioning tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    package = Path(commissioning.__file__).resolve().parent.parent  # the copy under test
    paths = [str(package), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(root))
        patch.setenv("PYTHONPATH", os.pathsep.join(paths))
        patch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend shows figures
        yield KERNEL


# What each notebook's prose states, as its outputs must show it: a change in the
# library that changes a number fails here, so the story is revised with it.
STATED = {
    "decommissioning-community-meals": [
        "key players not engaged in the last 90 days: scrutiny",
        "6 of 10 stakeholders have never been engaged",
        "In-house welfare-check team (keep informed)",
        "earliest lawful end: 2028-02-12",
        "carry out | service ends on 2028-02-29",
    ],
    "monthly-outcome-measurement": [
        "August R1 as reported to the September board: 62.5%; as known now: 59.5%",
        "-1800.00",
        "79200.00",
    ],
    "procurement-pipeline": [
        "2026-10-17",
        "by Thu 29 Oct 2026: due",
        "by Tue 26 May 2026: overdue",
        " met, 0 not met, ",  # what the real notices show
    ],
}


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_three_stories_are_there() -> None:
    assert [p.stem for p in _notebooks()] == [
        "decommissioning-community-meals",
        "monthly-outcome-measurement",
        "procurement-pipeline",
    ]


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.stem)
def test_a_notebook_is_stored_without_outputs_and_opens_with_prose(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], f"{path.name}: outputs stored in a cell"
        assert cell.execution_count is None
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("# ")
    prose = sum(len(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    assert prose > 250, f"{path.name}: tells its story in {prose} words"


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.stem)
def test_a_notebook_runs_start_to_finish_and_draws_its_plots(path: Path, kernel: str) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    outputs: list[Any] = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert errors == []
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 1, f"{path.name} draws no plot"
    tables = [o for o in outputs if "text/html" in o.get("data", {})]
    assert tables, f"{path.name} shows no table"
    text = "\n".join(
        o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
        for o in outputs
    )
    for fact in STATED[path.stem]:
        assert fact in text, f"{path.name}: the prose says {fact!r}; the outputs no longer do"
