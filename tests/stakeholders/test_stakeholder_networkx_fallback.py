"""The fast adjacency paths and networkx's public API give the same graphs."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap, _export

AT = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
PEOPLE = [
    Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8),
    Stakeholder("users", "Users' panel", "service user", power=2, interest=9),
    Stakeholder("vcs", "Voluntary sector forum", "voluntary sector", power=4, interest=7),
]
TIES = [
    Relationship("users", "cabinet", "influences", weight=0.4),
    Relationship("vcs", "users", "represents", weight=0.8),
    Relationship("vcs", "cabinet", "influences", weight=0.2),
]


def _build() -> tuple[StakeholderMap, nx.MultiDiGraph[str]]:
    m, _ = StakeholderMap.create(PEOPLE, TIES, at=AT, actor="me")
    return m, m.to_networkx()


def test_the_public_api_fallback_builds_the_same_map_and_graph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast_map, fast_graph = _build()
    monkeypatch.setattr(_export, "_FAST_ADJACENCY", False)
    slow_map, slow_graph = _build()
    assert slow_map.relationships == fast_map.relationships
    assert nx.utils.graphs_equal(slow_graph, fast_graph)
    assert sorted(slow_graph.edges(keys=True, data=True)) == sorted(
        fast_graph.edges(keys=True, data=True)
    )
