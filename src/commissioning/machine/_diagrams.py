"""Diagrams as text: Mermaid ``stateDiagram-v2`` and Graphviz DOT, optionally showing an instance."""

from __future__ import annotations

from collections.abc import Iterable

from ._definition import Definition
from ._instance import EventRecord, Instance

__all__ = ["to_dot", "to_mermaid"]


def _ids(definition: Definition, prefix: str) -> dict[str, str]:
    return {name: f"{prefix}s{i}" for i, name in enumerate(definition.state_names)}


def _mermaid_text(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ").replace(":", "#58;")


def _taken(records: Iterable[EventRecord] | None) -> tuple[set[str], set[tuple[str, str, str]]]:
    visited: set[str] = set()
    edges: set[tuple[str, str, str]] = set()
    for r in records or ():
        if r.path or r.source is None or r.target is None:
            continue
        visited.update((r.source, r.target))
        edges.add((r.source, r.event, r.target))
    return visited, edges


def to_mermaid(
    definition: Definition,
    *,
    instance: Instance | None = None,
    records: Iterable[EventRecord] | None = None,
) -> str:
    """Mermaid ``stateDiagram-v2`` text for ``definition``.

    With ``instance``, its current state is highlighted (class ``current``); with
    ``records``, the states it passed through are marked ``visited``. Child
    machines are drawn as composite states.

    Examples:
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> print(to_mermaid(d))
        stateDiagram-v2
            state "open" as s0
            state "closed" as s1
            [*] --> s0
            s0 --> s1 : close
            s1 --> [*]
    """
    lines = ["stateDiagram-v2"]
    current = None if instance is None else instance.state
    visited, _ = _taken(records)
    _mermaid_body(definition, "", "    ", lines, instance)
    if visited or current is not None:
        ids = _ids(definition, "")
        lines.append("    classDef visited fill:#e8f0fe,stroke:#1a73e8")
        lines.append("    classDef current fill:#fde293,stroke:#e37400,stroke-width:3px")
        for name in definition.state_names:
            if name in visited and name != current:
                lines.append(f"    class {ids[name]} visited")
        if current is not None:
            lines.append(f"    class {ids[current]} current")
    return "\n".join(lines)


def _mermaid_body(
    d: Definition, prefix: str, indent: str, lines: list[str], instance: Instance | None
) -> None:
    ids = _ids(d, prefix)
    for s in d.states:
        lines.append(f'{indent}state "{_mermaid_text(s.name)}" as {ids[s.name]}')
        for c_index, child in enumerate(s.children):
            child_prefix = f"{ids[s.name]}c{c_index}"
            lines.append(f"{indent}state {ids[s.name]} {{")
            lines.append(f'{indent}    state "{_mermaid_text(child.name)}" as {child_prefix}')
            lines.append(f"{indent}    state {child_prefix} {{")
            _mermaid_body(child, child_prefix + "_", indent + "        ", lines, None)
            lines.append(f"{indent}    }}")
            lines.append(f"{indent}}}")
    lines.append(f"{indent}[*] --> {ids[d.initial]}")
    for t in d.transitions:
        label = _mermaid_text(t.event)
        if t.guards:
            label += " [" + ", ".join(_mermaid_text(g.name) for g in t.guards) + "]"
        for src in t.source:
            lines.append(f"{indent}{ids[src]} --> {ids[t.target]} : {label}")
    lines.extend(f"{indent}{ids[s.name]} --> [*]" for s in d.states if s.final)


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def to_dot(
    definition: Definition,
    *,
    instance: Instance | None = None,
    records: Iterable[EventRecord] | None = None,
) -> str:
    """Graphviz DOT text for ``definition``, optionally highlighting an instance and its path.

    Final states are double circles; the current state is filled; transitions
    taken (from ``records``) are drawn bold.

    Examples:
        >>> from commissioning.machine import Definition, State, Transition
        >>> d = Definition("review", states=[State("open", initial=True), State("closed", final=True)],
        ...                transitions=[Transition("open", "close", "closed")])
        >>> print(to_dot(d))
        digraph "review" {
            rankdir=LR;
            node [shape=box, style=rounded];
            "__start__" [shape=point, label=""];
            "open";
            "closed" [shape=doublecircle];
            "__start__" -> "open";
            "open" -> "closed" [label="close"];
        }
    """
    current = None if instance is None else instance.state
    visited, taken = _taken(records)
    lines = [
        f'digraph "{_dot_text(definition.name)}" {{',
        "    rankdir=LR;",
        "    node [shape=box, style=rounded];",
        '    "__start__" [shape=point, label=""];',
    ]
    for s in definition.states:
        attrs: list[str] = []
        if s.final:
            attrs.append("shape=doublecircle")
        if s.name == current:
            attrs.append('style="rounded,filled,bold", fillcolor="#fde293"')
        elif s.name in visited:
            attrs.append('style="rounded,filled", fillcolor="#e8f0fe"')
        if s.children:
            attrs.append('xlabel="hosts: ' + _dot_text(", ".join(c.name for c in s.children)) + '"')
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f'    "{_dot_text(s.name)}"{suffix};')
    lines.append(f'    "__start__" -> "{_dot_text(definition.initial)}";')
    for t in definition.transitions:
        label = t.event + ("" if not t.guards else " [" + ", ".join(g.name for g in t.guards) + "]")
        for src in t.source:
            bold = ', penwidth=2.5, color="#1a73e8"' if (src, t.event, t.target) in taken else ""
            lines.append(
                f'    "{_dot_text(src)}" -> "{_dot_text(t.target)}" [label="{_dot_text(label)}"{bold}];'
            )
    lines.append("}")
    return "\n".join(lines)
