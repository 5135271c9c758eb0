"""The Hypothesis plugin: cheap when Hypothesis starts, and ``st.from_type`` works for every domain type."""

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis.strategies._internal.types import _global_type_lookup

import commissioning.strategies
from commissioning import _hypothesis_hook
from commissioning._hypothesis_hook import REGISTERED_TYPES

ROOT = Path(__file__).resolve().parent.parent
SRC = str(ROOT / "src")


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    """An environment where Hypothesis finds this checkout's plugin, installed or not.

    The entry point is the one ``pyproject.toml`` declares, written into a
    ``dist-info`` on ``PYTHONPATH`` (ahead of any installed copy), so the test runs
    the plugin exactly as an installed package would.
    """
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    hook = declared["hypothesis"]
    assert list(hook.values()) == ["commissioning._hypothesis_hook:_hypothesis_setup_hook"]
    info = tmp_path / "commissioning-0.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: commissioning\nVersion: 0.0.0\n")
    lines = "".join(f"{name} = {value}\n" for name, value in hook.items())
    (info / "entry_points.txt").write_text(f"[hypothesis]\n{lines}")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), SRC])
    return env


def _run(code: str, env: dict[str, str]) -> list[str]:
    return subprocess.run(  # noqa: S603 - this interpreter, running code written here
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    ).stdout.splitlines()


def _table_types() -> set[type]:
    found = set()
    for module_name, names in REGISTERED_TYPES.items():
        module = importlib.import_module(module_name)
        found |= {getattr(module, name) for name in names}
    return found


def test_the_plugin_table_names_every_type_the_strategies_register() -> None:
    registered = {
        t
        for t in _global_type_lookup
        if isinstance(t, type)
        and t.__module__.startswith("commissioning")
        and not t.__module__.startswith("commissioning.strategies")
    }
    table = _table_types()
    assert table == registered
    assert len(table) >= 90
    assert commissioning.strategies.__name__ in sys.modules


def test_after_the_strategies_load_no_type_keeps_the_lazy_registration() -> None:
    lazy = [
        t.__qualname__
        for t in _table_types()
        if _global_type_lookup.get(t) is _hypothesis_hook._resolve
    ]
    assert lazy == []


_FRESH = """
import sys, warnings
import hypothesis
from hypothesis import strategies as st
print(sorted(m for m in ("commissioning.strategies", "commissioning.procurement", "networkx") if m in sys.modules))
import importlib
import os
from commissioning._hypothesis_hook import REGISTERED_TYPES
warnings.simplefilter("ignore")
drawn = 0
for module_name, names in REGISTERED_TYPES.items():
    module = importlib.import_module(module_name)
    print(module_name, "commissioning.strategies" in sys.modules) if drawn == 0 else None
    for name in names:
        cls = getattr(module, name)
        value = st.from_type(cls).example()
        assert isinstance(value, cls), (name, type(value))
        drawn += 1
print(drawn)
"""


def test_in_a_fresh_interpreter_hypothesis_loads_nothing_heavy_and_from_type_draws_every_type(
    plugin_env: dict[str, str],
) -> None:
    out = _run(_FRESH, plugin_env)
    assert out[0] == "[]"  # neither the strategies, nor procurement, nor networkx on import
    assert out[1].endswith(" False")  # an area imported: still no strategies until a draw
    assert int(out[-1]) == sum(len(v) for v in REGISTERED_TYPES.values())


def test_types_imported_before_hypothesis_are_registered_when_it_starts(
    plugin_env: dict[str, str],
) -> None:
    code = (
        "import sys, warnings; warnings.simplefilter('ignore')\n"
        "from commissioning.procurement import Procurement\n"
        "from commissioning.periods import Standstill\n"
        "from hypothesis import strategies as st\n"
        "print('commissioning.strategies' in sys.modules)\n"
        "p, s = st.from_type(Procurement).example(), st.from_type(Standstill).example()\n"
        "print(type(p).__name__, type(s).__name__, 'commissioning.strategies' in sys.modules)\n"
    )
    assert _run(code, plugin_env) == ["False", "Procurement Standstill True"]


def test_with_plugins_disabled_nothing_is_registered_until_the_strategies_are_imported(
    plugin_env: dict[str, str],
) -> None:
    code = (
        "from commissioning.machine import Definition\n"
        "from hypothesis.strategies._internal.types import _global_type_lookup\n"
        "print(Definition in _global_type_lookup)\n"
        "import commissioning.strategies\n"
        "print(Definition in _global_type_lookup)\n"
    )
    assert _run(code, {**plugin_env, "HYPOTHESIS_NO_PLUGINS": "1"}) == ["False", "True"]
