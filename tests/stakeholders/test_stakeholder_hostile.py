"""Every stakeholder loader refuses hostile input with a typed error naming the path (issue 17)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import CommissioningError, InvalidInput, InvalidInputType
from commissioning.stakeholders import (
    CoProductionRung,
    Engagement,
    Relationship,
    Stakeholder,
    StakeholderMap,
)
from commissioning.strategies import hostile_edits, stakeholder_maps

AT = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
BASE, _ = StakeholderMap.create(
    [Stakeholder("a", "A", "resident", power=3, tags={"x"}), Stakeholder("b", "B", "carer")],
    [Relationship("a", "b", "funds", weight=0.5)],
    at=AT,
    actor="al",
)


def deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


def edited(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(BASE.to_dict()))
    change(data)
    return data


def person(**fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["stakeholders"][0].update(fields)


def tie(**fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["relationships"][0].update(fields)


@pytest.mark.parametrize(
    ("change", "error", "field", "words"),
    [
        (person(tags=[["x"]]), InvalidInputType, "stakeholders[0].tags[0]", "non-empty str"),
        (person(tags=["b", 1]), InvalidInputType, "stakeholders[0].tags", "non-empty str"),
        (person(tags=[{"k": 1}]), InvalidInputType, "stakeholders[0].tags[0]", "non-empty str"),
        (person(tags=deep(10_000)), InvalidInput, "stakeholders[0].tags[0]", "levels of nesting"),
        (person(name=deep(100_000)), InvalidInput, "stakeholders[0].name[0]", "levels of nesting"),
        (person(power=10**5000), InvalidInput, "stakeholders[0].power", "digits"),
        (person(power=float("nan")), InvalidInput, "stakeholders[0].power", "finite"),
        (tie(weight=10**5000), InvalidInput, "relationships[0].weight", "digits"),
        (tie(weight=float("inf")), InvalidInput, "relationships[0].weight", "finite"),
        (tie(source=["a"]), InvalidInputType, "relationships[0].source", "non-empty str"),
        (
            lambda d: d["stakeholders"][0].__setitem__(1, 2),
            InvalidInputType,
            "stakeholders[0] key",
            "str key",
        ),
        (
            lambda d: d.__setitem__(
                "engagements",
                [
                    {
                        "on": "2026-01-01",
                        "stakeholders": [["a"]],
                        "method": "workshop",
                        "ladder": "co-production",
                        "rung": "co-design",
                    }
                ],
            ),
            InvalidInputType,
            "engagements[0].stakeholders[0]",
            "non-empty str",
        ),
        (
            lambda d: d.__setitem__(
                "engagements",
                [
                    {
                        "on": "0001-01-01",
                        "stakeholders": ["a"],
                        "method": "workshop",
                        "ladder": "co-production",
                        "rung": "co-design",
                    }
                ],
            ),
            InvalidInput,
            "engagements[0].on",
            "1000-01-01 to 2999-12-31",
        ),
    ],
)
def test_hostile_dicts_are_refused_with_the_path(
    change: Callable[[dict[str, Any]], None], error: type[Exception], field: str, words: str
) -> None:
    with pytest.raises(error) as caught:
        StakeholderMap.from_dict(edited(change), at=AT, actor="al")[0]
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.field.startswith(field)
    assert words in caught.value.expected


def test_a_huge_format_version_is_named_without_writing_out_its_digits() -> None:
    with pytest.raises(CommissioningError) as caught:
        StakeholderMap.from_dict(
            edited(lambda d: d.__setitem__("version", 10**5000)), at=AT, actor="al"
        )[0]
    assert "digits" in str(caught.value)
    assert len(str(caught.value)) < 200


def test_a_document_nested_a_hundred_thousand_deep_is_refused() -> None:
    with pytest.raises(InvalidInputType):
        StakeholderMap.from_dict(deep(100_000), at=AT, actor="al")[0]


def _graph(change: Callable[[nx.MultiDiGraph[str]], None]) -> nx.MultiDiGraph[str]:
    graph = BASE.to_networkx()
    change(graph)
    return graph


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda g: g.nodes["a"].__setitem__("tags", [["x"]]),
            "nodes['a'].tags[0]",
            "non-empty str",
        ),
        (lambda g: g.nodes["a"].__setitem__("tags", {"b", 1}), "nodes['a'].tags", "non-empty str"),
        (lambda g: g.nodes["a"].__setitem__("tags", ("b", 1)), "nodes['a'].tags", "non-empty str"),
        (lambda g: g.nodes["a"].__setitem__("tags", deep(5_000)), "nodes['a'].tags", "nesting"),
        (lambda g: g.nodes["a"].__setitem__("power", 10**5000), "nodes['a'].power", "digits"),
        (lambda g: g.nodes["a"].__setitem__("name", object()), "nodes['a'].name", "JSON value"),
        (
            lambda g: g.edges["a", "b", "funds"].__setitem__("weight", 10**5000),
            "edges['a', 'b', 'funds'].weight",
            "digits",
        ),
        (lambda g: g.add_node(10**5000, name="N", kind="k"), "nodes[<int", "digits"),
    ],
)
def test_hostile_networkx_graphs_are_refused_with_the_path(
    change: Callable[[nx.MultiDiGraph[str]], None], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_networkx(_graph(change), at=AT, actor="al")[0]
    assert caught.value.field.startswith(field)
    assert words in caught.value.expected


def _graphml(tags: str = '["x"]', power: str = "3", weight: str = "0.5") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n0" for="node" attr.name="name" attr.type="string"/>
  <key id="n1" for="node" attr.name="kind" attr.type="string"/>
  <key id="n2" for="node" attr.name="power" attr.type="int"/>
  <key id="n6" for="node" attr.name="tags" attr.type="string"/>
  <key id="e0" for="edge" attr.name="type" attr.type="string"/>
  <key id="e1" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="directed">
    <node id="a"><data key="n0">A</data><data key="n1">resident</data>
      <data key="n2">{power}</data><data key="n6">{tags}</data></node>
    <node id="b"><data key="n0">B</data><data key="n1">carer</data></node>
    <edge source="a" target="b"><data key="e0">funds</data><data key="e1">{weight}</data></edge>
  </graph>
</graphml>
"""


def test_the_graphml_fixture_reads_as_the_base_map() -> None:
    assert StakeholderMap.from_graphml(_graphml(), at=AT, actor="al")[0] == BASE


@pytest.mark.parametrize(
    ("document", "field", "words"),
    [
        (_graphml(tags='[["x"]]'), "nodes[0].tags[0]", "non-empty str"),
        (_graphml(tags='["b", 1]'), "nodes[0].tags", "non-empty str"),
        (_graphml(tags="[" * 100_000 + "]" * 100_000), "nodes[0].tags", "JSON array"),
        (_graphml(tags="[" + "9" * 5_000 + "]"), "nodes[0].tags", "JSON array"),
        (_graphml(power="9" * 5_000), "nodes[0].power", "GraphML int"),
        (_graphml(weight="9" * 5_000), "edges[0].weight", "finite number"),
        (_graphml(weight="nan"), "edges[0].weight", "finite number"),
    ],
)
def test_hostile_graphml_is_refused_with_the_path(document: str, field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_graphml(document, at=AT, actor="al")[0]
    assert caught.value.field.startswith(field)
    assert words in caught.value.expected


def test_model_values_name_unhashable_and_mixed_items() -> None:
    with pytest.raises(InvalidInputType) as tags:
        Stakeholder("a", "A", "resident", tags=[["x"]])
    assert tags.value.field == "tags[0]"
    with pytest.raises(InvalidInputType) as ids:
        Engagement(dt.date(2026, 1, 1), [{"a"}], "workshop", CoProductionRung.CO_DESIGN)
    assert ids.value.field == "stakeholders[0]"
    with pytest.raises(InvalidInput) as weight:
        Relationship("a", "b", "funds", weight=10**400)
    assert weight.value.field == "weight"


# ---- fuzzing: random edits of documents the library wrote ----------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)




@given(
    hostile_edits(
        stakeholder_maps(max_size=4, max_changes=2).map(
            lambda m: json.loads(json.dumps(m.to_dict()))
        )
    )
)
def test_a_randomly_edited_document_is_refused_typed_or_round_trips(document: Any) -> None:
    try:
        loaded, _ = StakeholderMap.from_dict(document, at=AT, actor="fuzz")
    except CommissioningError:
        return
    again, _ = StakeholderMap.from_dict(
        json.loads(json.dumps(loaded.to_dict(), allow_nan=False)), at=AT, actor="fuzz"
    )
    assert again == loaded
