"""mkdocs hooks: the docs build fails on a raw Sphinx role in any page or rendered docstring.

Registered in ``mkdocs.yml`` (``hooks: [docs/hooks.py]``). Each page's
Markdown is checked before rendering (outside fenced code blocks), and its
HTML after rendering, which is where mkdocstrings has put the docstrings (a
role there shows as ":class:" and a code span). Every finding is collected,
and the build stops at the end with all of them listed, so one run shows
everything to fix. ``docs/convert_roles.py`` rewrites roles as
mkdocstrings cross-references.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["on_config", "on_page_content", "on_page_markdown", "on_post_build"]


def _load_checker() -> ModuleType:
    path = Path(__file__).with_name("check_roles.py")
    spec = importlib.util.spec_from_file_location("_commissioning_docs_check_roles", path)
    if spec is None or spec.loader is None:  # pragma: no cover - the file ships beside this one
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_check = _load_checker()
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
_findings: list[str] = []


def on_config(config: Any) -> Any:
    """Start each build with no findings (``mkdocs serve`` rebuilds in one process)."""
    _findings.clear()
    return config


def on_page_markdown(markdown: str, *, page: Any, **_: Any) -> str:
    """Collect raw roles written in the page's own Markdown."""
    text = _FENCE.sub(lambda m: "\n" * m[0].count("\n"), markdown)
    where = page.file.src_uri
    _findings.extend(f.describe(where) for f in _check.raw_roles(text))
    return markdown


def on_page_content(html: str, *, page: Any, **_: Any) -> str:
    """Collect raw roles in the rendered page, docstrings included (code blocks aside)."""
    text = _PRE.sub("", html)
    where = f"{page.file.src_uri} (rendered)"
    for finding in _check.raw_roles(text):
        _findings.append(f"{where}: raw Sphinx role {finding.text!r}")
    return html


def on_post_build(**_: Any) -> None:
    """Fail the build, listing every raw role found."""
    if _findings:
        from mkdocs.exceptions import PluginError  # noqa: PLC0415 - mkdocs is there when it calls us

        listed = "\n  ".join(dict.fromkeys(_findings))
        raise PluginError(
            f"{len(set(_findings))} raw Sphinx role(s): mkdocstrings shows them as text, not links."
            " Write [`Name`][commissioning.path.Name] instead (docs/convert_roles.py does it):"
            f"\n  {listed}"
        )
