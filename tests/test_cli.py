"""The command line, in-process through ``main(argv)``, and once as a real installed script.

Every command is run on files the library itself wrote (so the tests follow
the stored forms), and on bad input: the exit status and the message on
stderr, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from commissioning import Definition, State, Transition, Verdict, guard
from commissioning._cli import _commands, main
from commissioning.appraisal import PolicyModel
from commissioning.cycle import example_lineage
from commissioning.machine import definition_to_data, records_to_data
from commissioning.ocds import demo_competitive_procurement, demo_procurement
from commissioning.outcomes import ObservationLog, ReportingPeriod
from commissioning.stakeholders import Stakeholder, StakeholderMap

T = dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)


@guard("needs-analysed")
def _needs_analysed(context: Any, data: Any) -> Verdict:
    return (
        Verdict.allow() if context.get("needs_assessment") else Verdict.deny("no needs assessment")
    )


GUARDS = [_needs_analysed]

MEALS = Definition(
    "community-meals",
    states=[State("analyse", initial=True), State("plan"), State("decommissioned", final=True)],
    transitions=[
        Transition("analyse", "plan", "plan", guards=[_needs_analysed]),
        Transition(("analyse", "plan"), "decommission", "decommissioned"),
    ],
)


def _instance(stream: str = "meals-2026") -> Any:
    case = MEALS.start(stream, at=T)
    case, _ = case.fire("plan", at=T, actor="commissioner", context={"needs_assessment": True})
    case, _ = case.fire("decommission", at=T + dt.timedelta(days=30), actor="cabinet")
    return case


def _records(stream: str = "meals-2026") -> tuple[Any, ...]:
    return tuple(_instance(stream).history)


def _write(tmp_path: Path, name: str, value: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(value, indent=1), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    log = records_to_data(_records())
    return {
        "definition": _write(tmp_path, "meals.json", definition_to_data(MEALS)),
        "log": _write(tmp_path, "log.json", log),
        "instance": _write(tmp_path, "instance.json", _instance().to_data()),
        "two_streams": _write(
            tmp_path, "two.json", records_to_data(_records("meals-a") + _records("meals-b"))
        ),
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ------------------------------------------------------------------ the parser
def test_no_command_is_bad_input_with_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys)
    assert status == 2
    assert "usage: commissioning" in err


def test_an_unknown_command_names_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "frobnicate")
    assert status == 2
    assert "invalid choice: 'frobnicate'" in err
    assert "when-can-we-sign" in err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in (
        "demo",
        "validate",
        "diagram",
        "replay",
        "obligations",
        "when-can-we-sign",
        "audit",
    ):
        assert command in out


# ------------------------------------------------------------------ demo
def test_demo_prints_the_worked_example_with_a_dot_diagram(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "demo", "--diagram", "dot")
    assert status == 0
    assert "digraph" in out
    assert "stateDiagram-v2" not in out


# ------------------------------------------------------------------ when-can-we-sign
def test_when_can_we_sign_counts_the_pa_standstill_over_easter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "when-can-we-sign", "2025-04-17")
    assert status == 0
    assert "Procurement Act 2023 s.51(2)" in out
    assert "Good Friday" in out
    assert out.rstrip().endswith("You may sign from 2025-05-01.")


def test_when_can_we_sign_under_pcr_and_psr(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "when-can-we-sign", "2021-12-15", "--regime", "pcr")
    assert status == 0
    assert "You may sign from 2021-12-30." in out
    status, out, _ = run(capsys, "when-can-we-sign", "2026-03-02", "--regime", "psr")
    assert status == 0
    assert "ends at the end of Fri 13 Mar 2026" in out
    assert "You may sign from 2026-03-14." in out


def test_an_exempt_award_has_no_mandatory_standstill(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "when-can-we-sign", "2026-03-02", "--exemption", "urgency")
    assert status == 0
    assert "no mandatory standstill" in out
    assert "urgency" in out
    assert "You may sign from 2026-03-02." in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["2025-13-01"], "'2025-13-01' is not a day; write it as YYYY-MM-DD"),
        (["tomorrow"], "is not a day"),
        (
            ["2026-03-02", "--exemption", "urgency", "--voluntary-days", "3"],
            "at least 8 working days",
        ),
        (["2026-03-02", "--voluntary-days", "10"], "voluntary_working_days"),
        (["2026-03-02", "--regime", "eu"], "invalid choice: 'eu'"),
    ],
)
def test_when_can_we_sign_refuses_bad_input_with_a_message(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, "when-can-we-sign", *argv)
    assert status == 2
    assert message in err
    assert out == ""
    assert "Traceback" not in err


# ------------------------------------------------------------------ validate
def test_validate_accepts_a_definition_and_an_event_log(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(capsys, "validate", files["definition"], files["log"])
    assert status == 0
    assert "valid machine definition 'community-meals' (3 states)" in out
    assert "valid event log of 2 record(s) in 1 stream(s)" in out


def test_validate_replays_an_event_log_on_its_definition(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(capsys, "validate", files["log"], "--definition", files["definition"])
    assert status == 0
    assert "replayed on" in out


def test_validate_lists_every_problem_of_a_broken_definition(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = definition_to_data(MEALS)
    data["states"][0]["name"] = 3
    data["transitions"][1]["target"] = ["x"]
    path = _write(tmp_path, "broken.json", data)
    status, out, err = run(capsys, "validate", path)
    assert status == 1
    assert "2 problem(s)" in out
    assert "states[0].name" in out
    assert "transitions[1].target" in out
    assert err == ""


def test_validate_names_the_broken_record_and_a_missing_version(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = records_to_data(_records())
    data["records"][0]["occurred_at"] = "yesterday"
    broken = _write(tmp_path, "broken.json", data)
    data = records_to_data(_records())
    data["records"][1]["version"] = 5
    gap = _write(tmp_path, "gap.json", data)
    status, out, _ = run(capsys, "validate", broken, gap)
    assert status == 1
    assert "records[0].occurred_at" in out
    assert "'yesterday'" in out
    assert "records[1].version: expected 2" in out


def test_validate_says_when_a_log_does_not_fit_its_machine(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, str]
) -> None:
    data = records_to_data(_records())
    data["records"][1]["event"] = "reopen"
    path = _write(tmp_path, "odd.json", data)
    status, out, _ = run(capsys, "validate", path, "--definition", files["definition"])
    assert status == 1
    assert "reopen" in out


def test_validate_checks_ocds_against_the_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("jsonschema")
    package = demo_competitive_procurement()
    good = _write(tmp_path, "good.json", package)
    package["releases"][0]["tag"] = ["not-a-tag"]
    del package["releases"][1]["ocid"]
    bad = _write(tmp_path, "bad.json", package)
    lines = tmp_path / "releases.jsonl"
    lines.write_text(
        "\n".join(json.dumps(r) for r in demo_competitive_procurement()["releases"]),
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", good, str(lines))
    assert status == 0
    assert out.count("valid OCDS data") == 2
    status, out, _ = run(capsys, "validate", bad)
    assert status == 1
    assert "not-a-tag" in out
    assert "ocid" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"a": [1, 2,, ]}', "not JSON (Expecting value at line 1, column 13)"),
        ("[" * 100_000, "nested too deeply"),
        ('{"name": "x"}', "not a machine definition, an event log, a stored aggregate or OCDS data"),
        ('{"format": "commissioning.spreadsheet", "format_version": 1}', "unknown format 'commissioning.spreadsheet'"),
        ("42", "it is a JSON int (42)"),
    ],
)  # fmt: skip
def test_validate_refuses_what_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "input.json"
    path.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "validate", str(path))
    assert status in (1, 2)
    assert message in (err + out)
    assert "Traceback" not in err


def test_validate_a_missing_file_or_a_folder_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "validate", str(tmp_path / "nowhere.json"))
    assert status == 2
    assert "nowhere.json: no such file" in err
    status, _, err = run(capsys, "validate", str(tmp_path))
    assert status == 2
    assert "is a folder, not a file" in err


def test_validate_a_file_that_is_not_utf8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Café"}'.encode("latin-1"))
    status, _, err = run(capsys, "validate", str(path))
    assert status == 2
    assert "not UTF-8 text" in err


# ------------------------------------------------------------------ diagram
def test_diagram_draws_a_definition_in_mermaid(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(capsys, "diagram", files["definition"])
    assert status == 0
    assert out.startswith("stateDiagram-v2")
    assert "plan [needs-analysed]" in out


def test_diagram_draws_a_stored_instance_on_its_machine_in_dot(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(
        capsys, "diagram", files["log"], "--definition", files["definition"], "--format", "dot"
    )
    assert status == 0
    assert out.startswith('digraph "community-meals"')
    assert '"decommissioned" [shape=doublecircle, style="rounded,filled,bold"' in out  # current


def test_diagram_of_a_log_needs_its_definition_and_one_stream(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, _, err = run(capsys, "diagram", files["log"])
    assert status == 2
    assert "needs --definition FILE" in err
    status, _, err = run(
        capsys, "diagram", files["two_streams"], "--definition", files["definition"]
    )
    assert status == 2
    assert "holds 2 streams (meals-a, meals-b); choose one with --stream" in err
    status, out, _ = run(
        capsys,
        "diagram",
        files["two_streams"],
        "--definition",
        files["definition"],
        "--stream",
        "meals-b",
    )
    assert status == 0
    assert "stateDiagram-v2" in out


# ------------------------------------------------------------------ replay
def test_replay_prints_the_state_and_the_history(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(capsys, "replay", files["log"], "--definition", files["definition"])
    assert status == 0
    first, *history = out.splitlines()
    assert "'meals-2026' at version 2 in state 'decommissioned'" in first
    assert "plan analyse -> plan  by commissioner" in history[0]
    assert "decommission plan -> decommissioned  by cabinet" in history[1]


def test_a_stored_instance_is_validated_replayed_and_drawn_on_its_definition(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(capsys, "validate", files["instance"])
    assert status == 0
    assert "stored instance of 2 record(s)" in out
    status, out, _ = run(capsys, "validate", files["instance"], "--definition", files["definition"])
    assert status == 0
    assert "'meals-2026' at version 2 in state 'decommissioned', replayed on" in out
    status, out, _ = run(capsys, "replay", files["instance"], "--definition", files["definition"])
    assert status == 0
    assert "at version 2 in state 'decommissioned'" in out
    status, out, _ = run(capsys, "diagram", files["instance"], "--definition", files["definition"])
    assert status == 0
    assert "class s2 current" in out or "current" in out
    status, _, err = run(capsys, "replay", files["instance"])
    assert status == 2
    assert "needs --definition FILE" in err


def test_replay_as_of_a_day_stops_at_the_end_of_it(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, _ = run(
        capsys, "replay", files["log"], "--definition", files["definition"], "--as-of", "2026-04-02"
    )
    assert status == 0
    assert "at version 1 in state 'plan'" in out


@pytest.mark.parametrize(
    ("as_of", "message"),
    [("2026-04-02T10:00", "has no UTC offset"), ("soon", "is not a moment")],
)
def test_replay_refuses_a_moment_without_an_offset(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], as_of: str, message: str
) -> None:
    status, _, err = run(
        capsys, "replay", files["log"], "--definition", files["definition"], "--as-of", as_of
    )
    assert status == 2
    assert message in err


def test_replay_says_which_record_does_not_fit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, str]
) -> None:
    data = records_to_data(_records())
    data["records"][1]["event"] = "reopen"
    path = _write(tmp_path, "odd.json", data)
    status, out, err = run(capsys, "replay", path, "--definition", files["definition"])
    assert status == 2
    assert "do not fit" in err
    assert "reopen" in err
    assert out == ""


def test_replay_of_a_definition_is_bad_input(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, _, err = run(capsys, "replay", files["definition"])
    assert status == 2
    assert "not an event log, a stored instance or a stored aggregate" in err


def test_guards_can_be_imported_for_a_definition(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, _, _ = run(capsys, "validate", files["definition"], "--guards", "tests.test_cli:GUARDS")
    assert status == 0
    status, _, err = run(capsys, "validate", files["definition"], "--guards", "no_such_module:X")
    assert status == 2
    assert "cannot import 'no_such_module'" in err
    status, _, err = run(capsys, "validate", files["definition"], "--guards", "json")
    assert status == 2
    assert "should be module:attribute" in err


# ------------------------------------------------------------------ obligations
def _stored_procurement(tmp_path: Path) -> str:
    return _write(tmp_path, "procurement.json", demo_procurement().to_data())


def test_obligations_lists_what_is_due_and_overdue_for_stored_procurements(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _stored_procurement(tmp_path)
    status, out, _ = run(capsys, "obligations", path, "--on", "2027-06-01")
    assert status == 0
    assert out.splitlines()[-1].startswith("1 procurement(s) on 2027-06-01:")
    listed = out.splitlines()[:-1]
    assert listed
    assert all(
        line.endswith(")") and (": due (" in line or ": overdue (" in line) for line in listed
    )
    status, only, _ = run(capsys, "obligations", path, "--on", "2027-06-01", "--overdue")
    assert status == 0
    assert all(": overdue (" in line for line in only.splitlines()[:-1])


def test_a_stored_procurement_is_validated_replayed_and_drawn_on_its_procedure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _stored_procurement(tmp_path)
    status, out, _ = run(capsys, "validate", path)
    assert status == 0
    assert "valid Procurement 'community-meals' at version 13 in state 'mobilisation'" in out
    status, out, _ = run(capsys, "replay", path, "--as-of", "2026-03-05")
    assert status == 0
    first, *history = out.splitlines()
    assert first == "Procurement 'community-meals' at version 3 in state 'planning'"
    assert "start -> planning  by procurement team" in history[0]
    assert "publish_UK2 planning -> planning" in history[2]
    status, out, _ = run(capsys, "diagram", path)
    assert status == 0
    assert out.startswith("stateDiagram-v2")
    assert "current" in out


def test_a_stored_procurement_with_a_broken_record_is_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = demo_procurement().to_data()
    data["records"][2]["occurred_at"] = "last Tuesday"
    path = _write(tmp_path, "broken.json", data)
    status, out, _ = run(capsys, "validate", path)
    assert status == 1
    assert "records[2].occurred_at" in out
    status, _, err = run(capsys, "replay", path)
    assert status == 2
    assert "records[2].occurred_at" in err


def test_a_stored_cycle_and_stakeholder_map_are_read_by_their_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, _ = example_lineage()
    cycle = _write(tmp_path, "cycle.json", first.to_data())
    stakeholders, _ = StakeholderMap.create(
        [Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8)], at=T, actor="amira"
    )
    mapped = _write(tmp_path, "map.json", stakeholders.to_data())
    status, out, _ = run(capsys, "validate", cycle, mapped)
    assert status == 0
    assert "valid CommissioningCycle 'meals-1'" in out
    assert "in state 'concluded'" in out
    assert "valid StakeholderMap" in out
    status, out, _ = run(capsys, "replay", cycle, "--as-of", "2025-10-01")
    assert status == 0
    assert "in state 'customers'" in out.splitlines()[0]
    status, out, _ = run(capsys, "diagram", cycle, "--format", "dot")
    assert status == 0
    assert out.startswith("digraph")
    status, _, err = run(capsys, "diagram", mapped)
    assert status == 2
    assert "a StakeholderMap is not a state machine: no diagram" in err


def test_outcome_and_appraisal_stored_forms_are_read_by_their_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log, _ = ObservationLog.create("returns", at=T, actor="analyst")
    log, _ = log.record(
        "2B", ReportingPeriod.month(2026, 3), "83.5", at=T, actor="analyst", source="SALT"
    )
    stored_log = _write(tmp_path, "log.json", log.to_data())
    model = _write(tmp_path, "model.json", PolicyModel.example().to_data())
    status, out, _ = run(capsys, "validate", stored_log, model)
    assert status == 0
    assert "valid ObservationLog 'returns' at version 2" in out
    assert "valid PolicyModel" in out
    status, out, _ = run(capsys, "replay", stored_log)
    assert status == 0
    assert "record  by analyst" in out


def test_obligations_needs_a_day_and_procurements(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, str]
) -> None:
    path = _stored_procurement(tmp_path)
    status, _, err = run(capsys, "obligations", path)
    assert status == 2
    assert "--on" in err
    status, _, err = run(capsys, "obligations", path, "--on", "1 June")
    assert status == 2
    assert "'1 June' is not a day" in err
    status, _, err = run(capsys, "obligations", files["definition"], "--on", "2026-06-01")
    assert status == 2
    assert "not a stored procurement or OCDS data" in err


# ------------------------------------------------------------------ the last line of defence
def test_an_unexpected_error_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(args: Any, out: Any) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(_commands, "when_can_we_sign", broken)
    status, _, err = run(capsys, "when-can-we-sign", "2026-03-02")
    assert status == 3
    assert "unexpected error: ZeroDivisionError: division by zero" in err
    assert "Traceback" not in err
    status, _, err = run(capsys, "--debug", "when-can-we-sign", "2026-03-02")
    assert "Traceback" in err


# ------------------------------------------------------------------ real processes
def test_python_dash_m_commissioning_runs_in_a_real_process(files: dict[str, str]) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "commissioning", "validate", files["definition"], "/nowhere.json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "valid machine definition" in done.stdout
    assert "commissioning validate: /nowhere.json: no such file" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_installed_console_script_runs() -> None:
    script = shutil.which("commissioning", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the console script is made by installing the package (pip install -e .)")
    done = subprocess.run(  # noqa: S603 - the installed script
        [script, "when-can-we-sign", "2025-04-17"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "You may sign from 2025-05-01." in done.stdout


# ------------------------------------------------------------------ audit
REAL = Path(__file__).resolve().parent / "ocds" / "real" / "sell2wales-2025-02.releases.json"


def _real_releases(tmp_path: Path, count: int = 12, *, broken: bool = False) -> str:
    releases = json.loads(REAL.read_text(encoding="utf-8"))[:count]
    if broken:
        releases[3] = {**releases[3], "tender": 5}  # a wrong shape: this procurement is skipped
    path = tmp_path / "notices.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in releases), encoding="utf-8")
    return str(path)


def test_audit_checks_real_notices_and_counts_the_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "audit", _real_releases(tmp_path))
    assert status == 0
    *lines, summary = out.splitlines()
    assert summary.startswith("12 procurement(s), 12 check(s): ")
    assert all(line.startswith("ocds-kuma6s-") for line in lines)
    assert any(
        "minimum time for tenders (Public Contracts Regulations 2015 reg 27" in line
        for line in lines
    )


def test_audit_shows_only_the_findings_asked_for_and_writes_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _real_releases(tmp_path, 40)
    status, out, _ = run(capsys, "audit", path, "--only", "cannot-tell")
    assert status == 0
    *lines, _summary = out.splitlines()
    assert lines
    assert all("  cannot tell  " in line for line in lines)
    status, out, err = run(capsys, "audit", path, "--csv")
    assert status == 0
    header, *rows = out.splitlines()
    assert header == "ocid,rule,citation,finding,dates,assumptions,detail"
    assert len(rows) == 40
    assert "40 procurement(s)" in err


def test_audit_skips_a_malformed_procurement_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "audit", _real_releases(tmp_path, broken=True))
    assert status == 0
    assert out.splitlines()[-1].startswith("11 procurement(s)")
    assert "1 procurement(s) skipped" in err
    assert "tender" in err


def test_audit_shows_a_progress_bar_when_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("tqdm")
    status, _, err = run(capsys, "audit", _real_releases(tmp_path), "--progress")
    assert status == 0
    assert "releases" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nowhere.jsonl"], "no such file"),
        (["{tmp}", "--on", "June"], "'June' is not a day"),
        (["{definition}"], "not OCDS data"),
        (["{tmp}", "--only", "maybe"], "invalid choice: 'maybe'"),
    ],
)
def test_audit_refuses_bad_input(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    files: dict[str, str],
    argv: list[str],
    message: str,
) -> None:
    args = [a.format(tmp=_real_releases(tmp_path), definition=files["definition"]) for a in argv]
    status, _, err = run(capsys, "audit", *args)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_obligations_of_procurements_published_as_ocds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    package = _write(tmp_path, "package.json", demo_competitive_procurement())
    status, out, _ = run(capsys, "obligations", package, "--on", "2026-06-01")
    assert status == 0
    assert out.splitlines()[-1].startswith("1 procurement(s) on 2026-06-01:")
    status, out, _ = run(capsys, "obligations", _real_releases(tmp_path), "--on", "2025-06-01")
    assert status == 0
    assert "12 of 12 procurement(s) are not Procurement Act 2023 processes" in out
    assert out.splitlines()[-1] == "0 procurement(s) on 2025-06-01: 0 due, 0 overdue"
