"""What importing the library costs: no heavy modules, no machines built, until they are used."""

import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")

HEAVY = ("networkx", "numpy", "pandas", "holidays", "jsonschema", "hypothesis", "matplotlib")


def _run(code: str) -> str:
    out = subprocess.run(  # noqa: S603 - this interpreter, running code written here
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {SRC!r}); {code}"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def test_importing_commissioning_and_procurement_loads_no_heavy_module() -> None:
    loaded = _run(
        "import commissioning, commissioning.procurement; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert loaded == "[]"


def test_importing_procurement_builds_no_procedure_until_one_is_asked_for() -> None:
    out = _run(
        "from commissioning.procurement import PROCEDURES, procedure; "
        "print(repr(PROCEDURES).endswith('built=0)'), len(PROCEDURES) > 0); "
        "procedure('pa-open'); "
        "print(repr(PROCEDURES).endswith('built=1)'))"
    )
    assert out.splitlines() == ["True True", "True"]


def test_a_definition_imports_networkx_only_when_its_graph_is_asked_for() -> None:
    out = _run(
        "from commissioning.machine import Definition, State, Transition; "
        "d = Definition('r', states=[State('a', initial=True), State('b', final=True)], "
        "transitions=[Transition('a', 'go', 'b')]); "
        "print('networkx' in sys.modules); d.to_networkx(); print('networkx' in sys.modules)"
    )
    assert out.splitlines() == ["False", "True"]
