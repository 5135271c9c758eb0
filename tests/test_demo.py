import subprocess
import sys

import pytest

from commissioning.__main__ import main


def test_the_demo_prints_the_history_and_the_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "History (every change is an event record):" in out
    assert "gives back the same instance: True" in out
    assert "stateDiagram-v2" in out


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
    assert "Community meals" in done.stdout or "community" in done.stdout.lower()


def test_an_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code == 2
