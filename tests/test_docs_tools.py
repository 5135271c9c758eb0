"""The docs build's role check (docs/hooks.py, docs/check_roles.py) and the role converter."""

from __future__ import annotations

import importlib.util
import shutil
import types
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"_docs_{name}", DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _load("check_roles")
convert = _load("convert_roles")
hooks = _load("hooks")


def _page(uri: str) -> Any:
    return types.SimpleNamespace(file=types.SimpleNamespace(src_uri=uri))


def test_a_raw_role_in_a_docstring_is_found_with_its_line_and_target() -> None:
    text = 'def f():\n    """Return a :class:`~commissioning.machine.Definition`."""\n'
    (finding,) = check.raw_roles(text)
    assert (finding.line, finding.role, finding.target) == (
        2,
        "class",
        "~commissioning.machine.Definition",
    )


def test_mkdocstrings_links_ratios_and_code_are_not_roles() -> None:
    text = "[`Definition`][commissioning.Definition], 1:3, `code`, a::b, https://x.invalid:80/"
    assert check.raw_roles(text) == []


def test_citations_of_unshipped_research_notes_are_found() -> None:
    text = (
        "Source: ``stakeholders-and-outcomes.md``; see commissioning.md, not docs/commissioning.md"
    )
    assert [c.target for c in check.file_citations(text)] == [
        "stakeholders-and-outcomes.md",
        "commissioning.md",
    ]


def test_the_check_script_lists_every_problem_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.py").write_text('"""See :func:`run` and :meth:`Instance.fire`."""\n')
    (tmp_path / "b.md").write_text("All links: [`run`][commissioning.run].\n")
    assert check.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.count("raw Sphinx role") == 2
    assert ":func:`run`" in out
    assert check.main([str(tmp_path / "b.md")]) == 0


def test_the_hook_collects_roles_from_pages_and_rendered_docstrings_and_fails_the_build() -> None:
    plugin_error = pytest.importorskip("mkdocs.exceptions").PluginError

    hooks.on_config({})
    page = _page("reference/machine.md")
    markdown = "Text :class:`Definition`.\n\n```python\nx = ':class:`ok in code`'\n```\n"
    assert hooks.on_page_markdown(markdown, page=page) == markdown
    html = "<p>Use :meth:<code>Instance.fire</code>.</p><pre><code>:func:`in code`</code></pre>"
    assert hooks.on_page_content(html, page=page) == html
    with pytest.raises(plugin_error, match=r"2 raw Sphinx role") as raised:
        hooks.on_post_build(config={})
    assert "reference/machine.md:1" in str(raised.value)
    assert "Instance.fire" in str(raised.value)
    assert "in code" not in str(raised.value)
    hooks.on_config({})
    hooks.on_post_build(config={})  # nothing found: the build goes on


def _index() -> Any:
    return convert.Index(
        public={
            "commissioning": {
                "InvalidInput": "commissioning.InvalidInput",
                "Definition": "commissioning.machine.Definition",
            },
            "commissioning.machine": {
                "Definition": "commissioning.machine.Definition",
                "Instance": "commissioning.machine.Instance",
            },
            "commissioning.outcomes": {"Measure": "commissioning.outcomes.Measure"},
            "commissioning.appraisal": {
                "AppraisalMeasure": "commissioning.appraisal.AppraisalMeasure"
            },
        },
        inventory=frozenset(
            {
                "commissioning.InvalidInput",
                "commissioning.machine.Definition",
                "commissioning.machine.Definition.start",
                "commissioning.machine.Instance",
                "commissioning.outcomes.Measure",
            }
        ),
    )


@pytest.mark.parametrize(
    ("role", "module", "link"),
    [
        (":class:`~commissioning.InvalidInput`", "commissioning._errors", "[`InvalidInput`][commissioning.InvalidInput]"),
        (":class:`commissioning.machine.Definition`", "commissioning.cycle._cycle", "[`commissioning.machine.Definition`][commissioning.machine.Definition]"),
        (":class:`Definition`", "commissioning.machine._instance", "[`Definition`][commissioning.machine.Definition]"),
        (":meth:`Definition.start`", "commissioning.cycle._cycle", "[`Definition.start`][commissioning.machine.Definition.start]"),
        (":class:`Measure`", "commissioning.appraisal._options", "[`Measure`][commissioning.outcomes.Measure]"),
        (":meth:`Instance.fire`", "commissioning.machine._x", "[`Instance.fire`][commissioning.machine.Instance]"),
        (":class:`the definition <Definition>`", "commissioning.machine._x", "[`the definition`][commissioning.machine.Definition]"),
        (":func:`_helper`", "commissioning.machine._x", "`_helper`"),
    ],
)  # fmt: skip
def test_roles_become_links_to_the_nearest_rendered_public_path(
    role: str, module: str, link: str
) -> None:
    converted, unresolved = convert.convert_text(f"See {role}.", module=module, index=_index())
    assert converted == f"See {link}."
    assert bool(unresolved) == (not link.startswith("["))


def test_a_bare_method_role_links_to_the_method_of_the_class_it_is_written_in() -> None:
    source = 'class Definition:\n    def f(self):\n        """Like :meth:`start`."""\n'
    converted, _ = convert.convert_text(
        source,
        module="commissioning.machine._definition",
        index=_index(),
        classes=convert._classes(source),
    )
    assert "[`start`][commissioning.machine.Definition.start]" in converted


def test_converting_a_copy_of_the_sources_leaves_no_raw_role(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parent.parent / "src" / "commissioning"
    copy = tmp_path / "src" / "commissioning"
    shutil.copytree(src, copy)
    index = convert.load_index()
    for path in sorted(copy.rglob("*.py")):
        convert.convert_file(path, index=index)
        text = path.read_text(encoding="utf-8")
        assert check.raw_roles(text) == [], path
        compile(text, str(path), "exec")  # still Python


def test_no_docstring_or_page_cites_a_file_users_do_not_have() -> None:
    root = DOCS.parent
    assert check.scan([root / "src", root / "docs"], citations=True) == []


def test_a_role_wrapped_onto_the_next_docstring_line_is_found() -> None:
    text = "see :meth:`Definition.replay\n    <commissioning.machine.Definition.replay>` then"
    assert len(check.raw_roles(text)) == 1
