"""Import time: ``commissioning`` and ``commissioning.procurement`` against ``attrs`` + ``pendulum``,
and ``import hypothesis`` with this library's Hypothesis plugin against no plugins at all.

Run: ``.venv/bin/python benchmarks/bench_import.py [--runs N]``. Each statement runs in a
fresh interpreter (``python -c``), ``--runs`` times (default 21), the statements interleaved
so that the machine's load falls on all of them alike; the script prints each statement's
median and the ratios. Targets (issue 15): ``import commissioning`` and ``import
commissioning.procurement`` each within 1.5x of ``import attrs, pendulum``; ``import
hypothesis`` with the plugin within 50 ms of ``HYPOTHESIS_NO_PLUGINS=1``.

Bytecode is compiled once into a private cache (``PYTHONPYCACHEPREFIX``) before timing, as
an installed package's is, even where ``PYTHONDONTWRITEBYTECODE`` is set; the project's
``src`` comes first on ``sys.path``, so the checkout is what is measured, and a temporary
``dist-info`` declaring ``pyproject.toml``'s entry point makes Hypothesis load this
checkout's plugin as an installed package's. The figures are
wall-clock and CPU times of the whole import, measured inside the child
(``time.perf_counter`` and ``time.process_time`` around the ``import`` statement), so
interpreter start-up is not counted; on a busy machine the CPU figures are the steadier.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# (label, statement, extra environment)
CASES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("import attrs, pendulum (floor)", "import attrs, pendulum", {}),
    ("import commissioning", "import commissioning", {}),
    ("import commissioning.procurement", "import commissioning.procurement", {}),
    (
        "import hypothesis (HYPOTHESIS_NO_PLUGINS=1)",
        "import hypothesis",
        {"HYPOTHESIS_NO_PLUGINS": "1"},
    ),
    ("import hypothesis (with this library's plugin)", "import hypothesis", {}),
)

_TIMER = (
    "import time; _t, _c = time.perf_counter(), time.process_time(); {stmt}; "
    "print(time.perf_counter() - _t, time.process_time() - _c)"
)


def _plugin_dir(tmp: Path) -> Path:
    """A ``dist-info`` declaring the entry point of ``pyproject.toml``, as installing would.

    Put first on ``PYTHONPATH``, it makes Hypothesis run this checkout's plugin whether
    or not (or whichever copy of) the package is installed.
    """
    pyproject = tomllib.loads((SRC.parent / "pyproject.toml").read_text())
    hook = pyproject["project"]["entry-points"]["hypothesis"]
    info = tmp / "commissioning-0.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: commissioning\nVersion: 0.0.0\n")
    lines = "".join(f"{name} = {value}\n" for name, value in hook.items())
    (info / "entry_points.txt").write_text(f"[hypothesis]\n{lines}")
    return tmp


def _environment(cache: str, plugin: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    env["PYTHONPATH"] = os.pathsep.join(
        [str(plugin), str(SRC), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env


def _time(stmt: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``stmt`` in a fresh interpreter."""
    out = subprocess.run(  # noqa: S603 - this interpreter, running code written here
        [sys.executable, "-c", _TIMER.format(stmt=stmt)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def _plugin_runs(env: dict[str, str]) -> bool:
    """Whether ``import hypothesis`` runs this library's plugin in ``env``."""
    probe = "import sys, hypothesis; print('commissioning._hypothesis_hook' in sys.modules)"
    out = subprocess.run(  # noqa: S603 - this interpreter, running code written here
        [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip() == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="fresh interpreters per statement")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-import-pyc-") as cache,
        tempfile.TemporaryDirectory(prefix="bench-import-plugin-") as plugin,
    ):
        base = _environment(cache, _plugin_dir(Path(plugin)))
        envs = [{**base, **extra} for _, _, extra in CASES]
        for (_, stmt, _), env in zip(CASES, envs, strict=True):
            _time(stmt, env)  # warm: compile bytecode into the private cache
        times: list[list[tuple[float, float]]] = [[] for _ in CASES]
        for _ in range(args.runs):
            for i, ((_, stmt, _), env) in enumerate(zip(CASES, envs, strict=True)):
                times[i].append(_time(stmt, env))
        if not _plugin_runs(envs[-1]):
            raise SystemExit("this library's Hypothesis plugin did not run: nothing to compare")
    print(
        f"Import time, median of {args.runs} fresh interpreters each (Python {sys.version.split()[0]}):"
    )
    for kind, index in (("wall-clock", 0), ("CPU", 1)):
        samples = [[t[index] for t in ts] for ts in times]
        medians = [statistics.median(t) for t in samples]
        floor, package, procurement, no_plugins, with_plugin = medians
        print(f" {kind}:")
        for (label, _, _), median, t in zip(CASES, medians, samples, strict=True):
            print(
                f"  {label:<48} {median * 1e3:7.1f} ms  (min {min(t) * 1e3:.1f}, max {max(t) * 1e3:.1f})"
            )
        print(
            f"  import commissioning              / floor: {package / floor:.2f}x  (target <= 1.5x)\n"
            f"  import commissioning.procurement  / floor: {procurement / floor:.2f}x  (target <= 1.5x)\n"
            f"  import hypothesis, plugin - no plugins: {(with_plugin - no_plugins) * 1e3:+.1f} ms "
            f"(target <= 50 ms; ratio {with_plugin / no_plugins:.2f}x)"
        )


if __name__ == "__main__":
    main()
