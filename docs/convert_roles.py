"""Rewrite raw Sphinx roles as mkdocstrings cross-references, in place.

``:class:`~commissioning.procurement.Procurement``` becomes
``[`Procurement`][commissioning.procurement.Procurement]``; a short name is
resolved to its public path through the ``__all__`` of the package the file
is in, then the top-level package's, then any other subpackage's (when only
one has it); ``:meth:`to_data``` inside a public class's docstring becomes a
link to that class's method. The target must be a page anchor the reference
renders: with ``--inventory`` (the ``objects.inv`` of a docs build) a target
that is not rendered links to its nearest rendered parent (a method without a
docstring links to its class); a name with nothing public to link to (a
private helper) becomes plain code, ``` `name` ```, and is listed.

Run it from the repository root, after a docs build so the inventory exists
(the build writes ``objects.inv`` before the role check stops it)::

    python -m mkdocs build -d /tmp/site ; python docs/convert_roles.py --inventory /tmp/site/objects.inv src docs
    python -m mkdocs build --strict -d /tmp/site   # now passes the role check

``--dry-run`` prints what would change without writing.

Examples:
    >>> index = Index(
    ...     public={"commissioning": {"Definition": "commissioning.machine.Definition"},
    ...             "commissioning.machine": {"Definition": "commissioning.machine.Definition"}},
    ...     inventory=None)
    >>> convert_text(":class:`Definition` and :class:`~commissioning.machine.Definition`",
    ...     module="commissioning.machine._instance", index=index)[0]
    '[`Definition`][commissioning.machine.Definition] and [`Definition`][commissioning.machine.Definition]'
    >>> convert_text("see :func:`_helper`", module="commissioning.machine._x", index=index)[0]
    'see `_helper`'
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = ["Index", "convert_file", "convert_text", "load_index", "main", "read_inventory"]

_ROLE = re.compile(
    r"(?<![\w:]):(?:py:)?(?P<role>class|meth|func|attr|mod|data|exc|obj|const|any):"
    r"`(?P<body>[^`]+)`"
)
_TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$")


class Index(NamedTuple):
    """Public names per package (``{package: {name: public path}}``) and the rendered anchors."""

    public: Mapping[str, Mapping[str, str]]
    inventory: frozenset[str] | None


def read_inventory(path: Path) -> frozenset[str]:
    """The object names in a Sphinx ``objects.inv`` (version 2), as mkdocstrings writes it."""
    raw = path.read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = raw.index(b"\n", header_end) + 1
    body = zlib.decompress(raw[header_end:]).decode("utf-8")
    return frozenset(line.split(" ", 1)[0] for line in body.splitlines() if line.strip())


def load_index(package: str = "commissioning", *, inventory: Path | None = None) -> Index:
    """Import ``package`` and its subpackages and index their ``__all__`` by public path."""
    root = importlib.import_module(package)
    public: dict[str, dict[str, str]] = {}
    modules = [root]
    for path in sorted(Path(root.__file__ or "").parent.iterdir()):
        if path.is_dir() and not path.name.startswith("_") and (path / "__init__.py").exists():
            modules.append(importlib.import_module(f"{package}.{path.name}"))
    homes: dict[int, str] = {}
    for module in modules[1:]:  # a subpackage is the home of what it exports
        for name in getattr(module, "__all__", []):
            homes.setdefault(id(getattr(module, name, None)), f"{module.__name__}.{name}")
    for module in modules:
        table = public.setdefault(module.__name__, {})
        for name in getattr(module, "__all__", []):
            value = getattr(module, name, None)
            table[name] = homes.get(id(value), f"{module.__name__}.{name}")
    return Index(public, read_inventory(inventory) if inventory else None)


def _classes(source: str) -> list[tuple[int, int, str]]:
    """(first line, last line, name) of every top-level class, to give ``:meth:`x``` its class."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        (node.lineno, node.end_lineno or node.lineno, node.name)
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    ]


def _package_of(module: str) -> str:
    parts = module.split(".")
    while parts and parts[-1].startswith("_"):
        parts.pop()
    return ".".join(parts)


def _resolve(target: str, *, module: str, cls: str | None, role: str, index: Index) -> str | None:
    target = target.lstrip(".")
    head, _, rest = target.partition(".")
    tail = f".{rest}" if rest else ""
    package = _package_of(module)
    root = module.split(".", maxsplit=1)[0]
    candidates: list[str] = []
    if target.startswith(f"{root}."):
        parts = target.split(".")
        for cut in range(len(parts), 1, -1):  # a full path: the public home of its longest prefix
            prefix, suffix = ".".join(parts[:cut]), "".join(f".{p}" for p in parts[cut:])
            owner, _, name = prefix.rpartition(".")
            home = index.public.get(owner, {}).get(name)
            if home:
                candidates.append(home + suffix)
        candidates.append(target)
    else:
        if cls is not None and role in {"meth", "attr", "obj", "data"} and not rest:
            owner = index.public.get(package, {}).get(cls) or index.public.get(root, {}).get(cls)
            if owner:
                candidates.append(f"{owner}.{target}")
        for where in (package, root):
            home = index.public.get(where, {}).get(head)
            if home:
                candidates.append(home + tail)
        elsewhere = {t[head] for t in index.public.values() if head in t}
        if len(elsewhere) == 1:
            candidates.append(elsewhere.pop() + tail)
    for candidate in candidates:
        if index.inventory is None:
            return candidate
        path = candidate
        while "." in path:
            if path in index.inventory:
                return path
            path = path.rpartition(".")[0]
    return None


def convert_text(
    text: str, *, module: str, index: Index, classes: Sequence[tuple[int, int, str]] = ()
) -> tuple[str, list[str]]:
    """``text`` with every role rewritten, and the roles that became plain code (no target)."""
    unresolved: list[str] = []

    def replace(match: re.Match[str]) -> str:
        body = " ".join(match["body"].split())  # a role may wrap onto the next docstring line
        titled = _TITLED.match(body)
        title, target = (titled["title"], titled["target"]) if titled else (None, body)
        short = target.startswith("~")
        target = target.lstrip("~")
        shown = title or (target.rsplit(".", 1)[-1] if short else target)
        line = text.count("\n", 0, match.start()) + 1
        cls = next((name for first, last, name in classes if first <= line <= last), None)
        resolved = _resolve(target, module=module, cls=cls, role=match["role"], index=index)
        if resolved is None:
            unresolved.append(f"{module}:{line}: {match[0]}")
            return f"`{shown}`"
        return f"[`{shown}`][{resolved}]"

    return _ROLE.sub(replace, text), unresolved


def _module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    if "src" in parts:
        parts = parts[parts.index("src") + 1 :]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "commissioning"


def convert_file(path: Path, *, index: Index, write: bool = True) -> tuple[int, list[str]]:
    """Rewrite the roles in one ``.py`` or ``.md`` file; returns (roles rewritten, unresolved)."""
    source = path.read_text(encoding="utf-8")
    module = _module_name(path) if path.suffix == ".py" else "commissioning"
    classes = _classes(source) if path.suffix == ".py" else []
    converted, unresolved = convert_text(source, module=module, index=index, classes=classes)
    count = len(_ROLE.findall(source))
    if write and converted != source:
        path.write_text(converted, encoding="utf-8")
    return count, unresolved


def main(argv: Sequence[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    """Convert the files under the given paths (default ``src docs``); exit status 0."""
    args = list(sys.argv[1:] if argv is None else argv)
    write = "--dry-run" not in args
    inventory = None
    if "--inventory" in args:
        at = args.index("--inventory")
        inventory = Path(args[at + 1])
        del args[at : at + 2]
    paths = [Path(a) for a in args if a != "--dry-run"] or [Path("src"), Path("docs")]
    index = load_index(inventory=inventory)
    own = {Path(__file__).resolve(), Path(__file__).with_name("check_roles.py").resolve()}
    total, plain = 0, []
    for base in paths:
        files = sorted(base.rglob("*.py")) + sorted(base.rglob("*.md")) if base.is_dir() else [base]
        for path in files:
            if path.resolve() in own:
                continue
            count, unresolved = convert_file(path, index=index, write=write)
            total += count
            plain += unresolved
    for line in plain:
        out(f"no public target, left as code: {line}")
    out(f"{total} role(s) {'rewritten' if write else 'found'}; {len(plain)} left as plain code")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
