import json
import subprocess
import sys

import pytest

from commissioning.__main__ import main


def test_the_demo_walks_a_whole_cycle_with_its_procurement(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "a whole commissioning cycle, with its procurement" in out
    assert "gives back the same cycle: True" in out
    assert "higher NPSV" in out  # the make-or-buy decision came from the appraisal
    assert "'publish_UK6' in the procurement" in out
    assert "started a 'cabinet-office' cycle for 'Community meals' (iteration 2" in out
    assert "stateDiagram-v2" in out


def test_the_demo_prints_a_valid_ocds_package_with_computed_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["demo"])
    out = capsys.readouterr().out
    assert "Procurement Act 2023 s.51(2): 8 working days" in out
    assert "the contract may be entered into from Sat 16 May 2026" in out
    assert "valid against the official OCDS 1.1.5 release package schema" in out
    package = json.loads(out[out.index("{", out.index("== Its OCDS 1.1.5")) :])
    assert [r["tag"] for r in package["releases"]] == [
        ["planning"],
        ["tender"],
        ["award"],
        ["contract"],
    ]


def test_the_demo_can_print_graphviz(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--diagram", "dot"]) == 0
    assert "digraph" in capsys.readouterr().out


def test_the_demo_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo"])
    first = capsys.readouterr().out
    main(["demo"])
    assert capsys.readouterr().out == first


def test_the_module_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "commissioning", "demo"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Community meals" in done.stdout


def test_an_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nonsense"]) == 2  # main returns the exit status; it never raises SystemExit
    assert "invalid choice: 'nonsense'" in capsys.readouterr().err
