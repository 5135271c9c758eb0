"""Export and import: round trips, interoperability with networkx, and malformed input refused."""

import copy
import datetime as dt
import json
from typing import Any

import networkx as nx
import pytest
from hypothesis import given

from commissioning import InvalidInput, InvalidInputType
from commissioning.stakeholders import (
    FORMAT,
    FORMAT_VERSION,
    CoProductionRung,
    Engagement,
    Relationship,
    Stakeholder,
    StakeholderMap,
)
from commissioning.strategies import stakeholder_maps

AT = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)


def the_map() -> StakeholderMap:
    m, _ = StakeholderMap.create(
        [
            Stakeholder("cabinet", 'Cabinet "A" & <B>', "cabinet", power=9, interest=8, tags={"x"}),
            Stakeholder("users", "Users' panel", "service user", power=2, interest=9),
        ],
        [Relationship("cabinet", "users", "influences", weight=0.25)],
        engagements=[
            Engagement(dt.date(2026, 2, 1), {"users"}, "workshop", CoProductionRung.CO_DESIGN)
        ],
        at=AT,
        actor="alice",
    )
    m, _ = m.record_plan(on=dt.date(2026, 2, 2), at=AT, actor="alice", name="spring")
    return m


# ---- dicts --------------------------------------------------------------------------


def test_the_dict_has_a_format_and_version_and_survives_json() -> None:
    data = the_map().to_dict()
    assert (data["format"], data["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert data["engagements"][0] == {
        "on": "2026-02-01",
        "stakeholders": ["users"],
        "method": "workshop",
        "ladder": "co-production",
        "rung": "co-design",
        "summary": "",
    }
    assert data["plans"][0]["quadrants"] == {"cabinet": "key players", "users": "keep informed"}
    back, _ = StakeholderMap.from_dict(json.loads(json.dumps(data)), at=AT, actor="bob")
    assert back == the_map()
    assert back.history[0].actor == "bob"


@given(stakeholder_maps())
def test_every_map_round_trips_through_json(m: StakeholderMap) -> None:
    text = json.dumps(m.to_dict())
    assert StakeholderMap.from_dict(json.loads(text), at=AT, actor="x")[0] == m


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(the_map().to_dict())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        (lambda d: d["stakeholders"][0].update(power=12), ["stakeholders[0].power"]),
        (lambda d: d["stakeholders"][0].update(power=5.0), ["stakeholders[0].power"]),
        (lambda d: d["stakeholders"][0].pop("name"), ["stakeholders[0].name"]),
        (lambda d: d["stakeholders"][0].update(colour="red"), ["stakeholders[0].colour"]),
        (lambda d: d["stakeholders"][0].update(tags="x"), ["stakeholders[0].tags"]),
        (lambda d: d["relationships"][0].update(weight="heavy"), ["relationships[0].weight"]),
        (lambda d: d["relationships"][0].update(target="ghost"), ["relationships[0].target"]),
        (lambda d: d["relationships"][0].update(colour="red"), ["relationships[0].colour"]),
        (
            lambda d: (d["relationships"][0].pop("type"), d["relationships"][0].update(x=1)),
            ["relationships[0].type", "relationships[0].x"],
        ),
        (lambda d: d["relationships"].append(d["relationships"][0]), ["relationships[1]"]),
        (lambda d: d["relationships"].__setitem__(0, "a tie"), ["relationships[0]"]),
        (lambda d: d["engagements"][0].update(on="1/2/2026"), ["engagements[0].on"]),
        (lambda d: d["engagements"][0].update(on="2026-02-30"), ["engagements[0].on"]),
        (lambda d: d["engagements"][0].update(ladder="hart"), ["engagements[0].rung"]),
        (lambda d: d["engagements"][0].update(rung="partnership"), ["engagements[0].rung"]),
        (
            lambda d: d["plans"][0]["quadrants"].update(users="ignore"),
            ["plans[0].quadrants['users']"],
        ),
        (lambda d: d["plans"][0]["thresholds"].update(power=0), ["plans[0].thresholds.power"]),
        (lambda d: d.update(format="something else"), ["format"]),
        (lambda d: d.update(stakeholders={}), ["stakeholders"]),
        (lambda d: d.update(extra=1), ["extra"]),
        (
            lambda d: (d["stakeholders"][0].update(power=-1), d["relationships"][0].pop("type")),
            ["stakeholders[0].power", "relationships[0].type"],
        ),
    ],
)
def test_malformed_dicts_are_refused_with_every_field_named(change: Any, fields: list[str]) -> None:
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_dict(broken(change), at=AT, actor="x")[0]
    assert [p.field for p in caught.value.problems] == fields


def test_unknown_versions_and_non_dicts_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_dict(broken(lambda d: d.update(format_version=2)), at=AT, actor="x")
    assert (caught.value.field, caught.value.received) == ("format_version", 2)
    with pytest.raises(InvalidInputType) as mistyped:
        StakeholderMap.from_dict(broken(lambda d: d.update(format_version="1")), at=AT, actor="x")
    assert mistyped.value.field == "format_version"
    with pytest.raises(InvalidInput) as missing:
        StakeholderMap.from_dict(broken(lambda d: d.pop("format_version")), at=AT, actor="x")
    assert missing.value.field == "format_version"
    with pytest.raises(InvalidInputType):
        StakeholderMap.from_dict([1, 2], at=AT, actor="x")


# ---- networkx -----------------------------------------------------------------------


def test_networkx_export_is_a_multigraph_keyed_by_type() -> None:
    g = the_map().to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes["cabinet"]["tags"] == ["x"]
    edge = g.edges["cabinet", "users", "influences"]
    assert edge == {"type": "influences", "weight": 0.25}


@given(stakeholder_maps())
def test_the_networkx_export_is_the_graph_networkx_itself_would_build(m: StakeholderMap) -> None:
    # built by networkx's own calls, edge by edge, for comparison with the export
    expected: nx.MultiDiGraph[str] = nx.MultiDiGraph(format=FORMAT, format_version=FORMAT_VERSION)
    for s in sorted(m, key=lambda s: s.id):
        expected.add_node(
            s.id,
            name=s.name,
            kind=str(s.kind),
            power=s.power,
            interest=s.interest,
            legitimacy=s.legitimacy,
            urgency=s.urgency,
            tags=sorted(s.tags),
        )
    for r in m.relationships:
        expected.add_edge(r.source, r.target, key=str(r.type), type=str(r.type), weight=r.weight)
    g = m.to_networkx()
    assert nx.utils.graphs_equal(g, expected)
    assert list(g.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(g.in_edges(keys=True)) == list(expected.in_edges(keys=True))
    # and it is yours to change like any other graph
    g.add_edge("new", "newer", key="funds")
    g.remove_edges_from(list(expected.edges(keys=True)))
    assert list(g.edges(keys=True)) == [("new", "newer", "funds")]
    assert list(g.in_edges(keys=True)) == [("new", "newer", "funds")]


@given(stakeholder_maps())
def test_every_graph_round_trips_through_networkx(m: StakeholderMap) -> None:
    back, _ = StakeholderMap.from_networkx(m.to_networkx(), at=AT, actor="x")
    assert dict(back.stakeholders) == dict(m.stakeholders)
    assert back.relationships == m.relationships


def test_a_networkx_graph_with_bad_attributes_is_refused() -> None:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_node("a", name="A", kind="resident", power="lots")
    g.add_node("b", kind="resident")
    g.add_edge("a", "b", key="funds", weight=2)
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_networkx(g, at=AT, actor="x")[0]
    assert [p.field for p in caught.value.problems] == [
        "nodes['a'].power",
        "nodes['b'].name",
        "edges['a', 'b', 'funds'].weight",
    ]
    with pytest.raises(InvalidInputType):
        StakeholderMap.from_networkx(nx.Graph(), at=AT, actor="x")[0]


# ---- GraphML ------------------------------------------------------------------------


@given(stakeholder_maps())
def test_every_graph_round_trips_through_graphml(m: StakeholderMap) -> None:
    back, _ = StakeholderMap.from_graphml(m.to_graphml(), at=AT, actor="x")
    assert dict(back.stakeholders) == dict(m.stakeholders)
    assert back.relationships == m.relationships


def test_networkx_reads_our_graphml_and_we_read_networkxs() -> None:
    m = the_map()
    g = nx.parse_graphml(m.to_graphml(), force_multigraph=True)
    assert g.nodes["cabinet"]["name"] == 'Cabinet "A" & <B>'
    assert g.nodes["cabinet"]["power"] == 9
    assert g.edges["cabinet", "users", "influences"]["weight"] == 0.25  # type: ignore[index] # parse_graphml is typed as returning a Graph; this one is a multigraph
    exported = m.to_networkx()
    for _, data in exported.nodes(data=True):
        data["tags"] = json.dumps(data["tags"])  # GraphML has no lists
    text = "\n".join(nx.generate_graphml(exported))
    back, _ = StakeholderMap.from_graphml(text, at=AT, actor="x")
    assert dict(back.stakeholders) == dict(m.stakeholders)
    assert back.relationships == m.relationships


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph>", "well-formed XML"),
        ("", "well-formed XML"),
        ("<graphml/>", "a <graphml> root"),
        ("<other xmlns='http://graphml.graphdrawing.org/xmlns'/>", "a <graphml> root"),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>',
            "without DOCTYPE",
        ),
        ("<graphml xmlns='http://graphml.graphdrawing.org/xmlns'/>", "exactly one <graph>"),
    ],
)
def test_malformed_graphml_is_refused(text: str, expected: str) -> None:
    with pytest.raises(InvalidInput, match=expected):
        StakeholderMap.from_graphml(text, at=AT, actor="x")[0]


def test_graphml_with_bad_values_names_each_problem() -> None:
    text = the_map().to_graphml().replace('<data key="n2">9</data>', '<data key="n2">nine</data>')
    text = text.replace('<data key="e1">0.25</data>', '<data key="e1">7</data>')
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_graphml(text, at=AT, actor="x")[0]
    assert [p.field for p in caught.value.problems] == ["nodes[0].power", "edges[0].weight"]
    with pytest.raises(InvalidInputType):
        StakeholderMap.from_graphml(b"<graphml/>", at=AT, actor="x")[0]


def test_every_bad_edge_in_graphml_is_named_at_once() -> None:
    # 4 edges: the first fine, the second with no type, the third with a weight
    # out of range, the fourth like the first
    text = the_map().to_graphml()
    edge = text[text.index("    <edge") : text.index("</edge>") + len("</edge>\n")]
    untyped = edge.replace(' id="influences"', "").replace('<data key="e0">influences</data>', "")
    heavy = edge.replace(">0.25<", ">1.5<")
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_graphml(text.replace(edge, edge + untyped + heavy), at=AT, actor="x")[0]
    assert [p.field for p in caught.value.problems] == ["edges[1].type", "edges[2].weight"]
    # a repeat (at most one relationship of each type joins a source to a target)
    # is found once every edge reads well, and named by its place among them
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_graphml(text.replace(edge, edge + edge), at=AT, actor="x")[0]
    assert [p.field for p in caught.value.problems] == ["relationships[1]"]


def test_graphml_reads_keys_declared_after_the_graph_and_data_text_before_any_child() -> None:
    # GraphML puts keys first; a key declared after the graph still names its data
    m = the_map()
    text = m.to_graphml()
    power = '  <key id="n2" for="node" attr.name="power" attr.type="int"/>\n'
    late = text.replace(power, "").replace("</graph>", "</graph>" + power.strip())
    assert StakeholderMap.from_graphml(late, at=AT, actor="x")[0].stakeholder("cabinet").power == 9
    # a <data>'s value is its text before any child element (comments are skipped)
    nested = text.replace(
        '<data key="n0">Users\' panel</data>',
        '<data key="n0"><!-- c -->Users\' panel<b>x</b>tail</data>',
    )
    assert nested != text
    back, _ = StakeholderMap.from_graphml(nested, at=AT, actor="x")
    assert back.stakeholder("users").name == m.stakeholder("users").name


def test_text_xml_cannot_hold_is_refused_on_export() -> None:
    m, _ = StakeholderMap.create([Stakeholder("a", "bell\x07", "resident")], at=AT, actor="x")
    with pytest.raises(InvalidInput):
        m.to_graphml()


# ---- drawings -----------------------------------------------------------------------


def test_mermaid_escapes_what_it_could_misread() -> None:
    text = the_map().to_mermaid(direction="TB")
    assert text.splitlines() == [
        "flowchart TB",
        '    n0["Cabinet #34;A#34; #38; #60;B#62;"]',
        '    n1["Users\' panel"]',
        '    n0 -->|"influences 0.25"| n1',
    ]
    with pytest.raises(InvalidInput):
        the_map().to_mermaid(direction="up")


def test_dot_escapes_quotes_and_backslashes() -> None:
    m, _ = StakeholderMap.create(
        [Stakeholder('a"1', "back\\slash", "resident"), Stakeholder("b", "B", "resident")],
        [Relationship('a"1', "b", "funds", weight=1)],
        at=AT,
        actor="x",
    )
    assert m.to_dot().splitlines() == [
        "digraph stakeholders {",
        '  "a\\"1" [label="back\\\\slash"];',
        '  "b" [label="B"];',
        '  "a\\"1" -> "b" [label="funds 1", penwidth=3.00];',
        "}",
    ]


@given(stakeholder_maps())
def test_drawings_show_every_stakeholder_and_relationship(m: StakeholderMap) -> None:
    mermaid = m.to_mermaid().splitlines()
    dot = m.to_dot().splitlines()
    assert len(mermaid) == 1 + len(m) + len(m.relationships)
    assert len(dot) == 2 + len(m) + len(m.relationships)
    assert all('"' not in line.split("[", 1)[1][1:-2] for line in mermaid[1 : 1 + len(m)])
