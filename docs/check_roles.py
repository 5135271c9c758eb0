"""Find raw Sphinx roles and citations of files users do not have, in docstrings and pages.

mkdocstrings renders Markdown, not reStructuredText: a Sphinx role such as
``:class:`Definition``` reaches the reader as the text ":class:" followed by
a code span, not a link. Write a cross-reference in mkdocstrings' syntax
instead: ``[`Definition`][commissioning.machine.Definition]``
(``docs/convert_roles.py`` rewrites roles that way).

The docs build runs these checks through ``docs/hooks.py`` and fails on a raw
role. From the command line, every problem in the given files or folders is
listed and the exit status is 1 when there is any::

    python docs/check_roles.py src docs README.md
    python docs/check_roles.py --citations src    # also files users do not have

Examples:
    >>> [(r.role, r.target) for r in raw_roles("See :class:`~commissioning.Definition`.")]
    [('class', '~commissioning.Definition')]
    >>> [(r.role, r.target) for r in raw_roles("See :meth:<code>Instance.fire</code>.")]
    [('meth', 'Instance.fire')]
    >>> raw_roles("a ratio 1:3 and `code` and [`Definition`][commissioning.Definition]")
    []
    >>> [c.target for c in file_citations("Source: ``stakeholders-and-outcomes.md``")]
    ['stakeholders-and-outcomes.md']
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = ["FILES_USERS_DO_NOT_HAVE", "Finding", "file_citations", "main", "raw_roles", "scan"]

ROLES = (
    "class", "meth", "func", "attr", "mod", "data", "exc", "obj", "const",
    "ref", "term", "doc", "any", "type", "envvar", "option",
)  # fmt: skip

# A role with its target in backticks (source) or in a <code> element (rendered HTML).
_ROLE = re.compile(
    r"(?<![\w:]):(?:py:)?(?P<role>" + "|".join(ROLES) + r"):"
    r"(?:`(?P<tick>[^`]+)`|<code>(?P<code>[^<]+)</code>)"
)

FILES_USERS_DO_NOT_HAVE = ("commissioning.md", "stakeholders-and-outcomes.md")
"""Research notes the library was written from, which are not shipped or published."""

_CITATION = re.compile(
    r"(?<![\w/.-])(?P<name>" + "|".join(re.escape(n) for n in FILES_USERS_DO_NOT_HAVE) + r")\b"
)


class Finding(NamedTuple):
    """One problem: where it is, what kind (a role's name, or ``citation``) and its target."""

    line: int
    role: str
    target: str
    text: str

    def describe(self, where: str) -> str:
        """The finding as one line of a report."""
        if self.role == "citation":
            return f"{where}:{self.line}: cites {self.target}, which users do not have"
        return f"{where}:{self.line}: raw Sphinx role {self.text!r}: write [`name`][full.path]"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def raw_roles(text: str) -> list[Finding]:
    """Every raw Sphinx role in ``text`` (source or rendered HTML), in order."""
    found = []
    for match in _ROLE.finditer(text):
        target = match.group("tick") or match.group("code") or ""
        found.append(Finding(_line_of(text, match.start()), match["role"], target, match[0]))
    return found


def file_citations(text: str) -> list[Finding]:
    """Every citation in ``text`` of a file in ``FILES_USERS_DO_NOT_HAVE``."""
    return [
        Finding(_line_of(text, m.start()), "citation", m["name"], m[0])
        for m in _CITATION.finditer(text)
    ]


def _files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for suffix in ("*.py", "*.md"):
                yield from sorted(path.rglob(suffix))
        else:
            yield path


def scan(paths: Sequence[Path], *, citations: bool = False) -> list[str]:
    """Report lines for every raw role (and, if asked, citation) in the files under ``paths``."""
    own = {Path(__file__).resolve(), Path(__file__).with_name("convert_roles.py").resolve()}
    report = []
    for path in _files(paths):
        if path.resolve() in own:  # these two describe the roles they look for
            continue
        text = path.read_text(encoding="utf-8")
        findings = raw_roles(text) + (file_citations(text) if citations else [])
        report.extend(f.describe(str(path)) for f in sorted(findings))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """List the problems in the given files or folders; exit status 1 when there is any."""
    args = list(sys.argv[1:] if argv is None else argv)
    citations = "--citations" in args
    paths = [Path(a) for a in args if a != "--citations"] or [Path("src"), Path("docs")]
    report = scan(paths, citations=citations)
    for line in report:
        print(line)
    if report:
        print(f"{len(report)} problem(s)", file=sys.stderr)
    return 1 if report else 0


if __name__ == "__main__":
    raise SystemExit(main())
