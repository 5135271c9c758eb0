"""Influence: who reaches whom and through whom, who is central, who brokers, which coalitions.

The reference (the docs' Sources page) names the relationships but
no measures, so the measures here are this library's choices, explained in
``docs/explanation/stakeholders.md``:

* **reach**: the strength of a path is the product of its weights (each in
  (0, 1]); a stakeholder's reach to another is its strongest path of at most
  ``max_steps`` relationships.
* **influence rank**: weighted PageRank on the *reversed* graph, so a
  stakeholder ranks high when it acts on stakeholders who themselves act on
  many (power iteration; exact to the tolerance given).
* **brokers**: betweenness centrality (shortest paths by number of steps),
  estimated from a seeded sample of source stakeholders (Brandes and Pich,
  2007); exact when ``samples`` is at least the number of stakeholders.
* **coalitions**: seeded label propagation on the undirected, weighted graph.

Every analysis follows relationships from source to target as recorded; pass
``types`` to count only some relationship types (an edge then weighs as its
strongest relationship of those types).
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable, Mapping
from operator import mul, sub
from types import MappingProxyType

import attrs

from .._validation import Checker
from ._index import Adjacency, adjacency
from ._map import StakeholderMap
from ._model import read_only
from ._ranking import Ranking

__all__ = [
    "InfluencePath",
    "Reach",
    "brokers",
    "coalitions",
    "influence_paths",
    "influence_rank",
    "reach",
]


_MEASURE = "influence rank"


def _types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    if isinstance(types, str):
        return frozenset({types})
    return frozenset(types)


def _positive_int(check: Checker, field: str, value: object, minimum: int = 1) -> None:
    expected = f"an int of at least {minimum}"
    if check.type(field, value, int, expected):
        check.that(value >= minimum, field, expected, value)  # type: ignore[operator] # checked an int just above


@attrs.frozen
class InfluencePath:
    """A chain of relationships from one stakeholder to another, and its strength.

    Attributes:
        stakeholders: the ids along the path, source first, target last.
        strength: the product of the weights along it (0 to 1).

    Examples:
        >>> p = InfluencePath(("cabinet", "director", "provider"), 0.72)
        >>> p.via, p.steps
        (('director',), 2)
    """

    stakeholders: tuple[str, ...]
    strength: float

    @property
    def via(self) -> tuple[str, ...]:
        """The stakeholders in between: through whom the influence passes."""
        return self.stakeholders[1:-1]

    @property
    def steps(self) -> int:
        """How many relationships the path follows."""
        return len(self.stakeholders) - 1


@attrs.frozen
class Reach:
    """Whom a stakeholder reaches within some steps, how strongly, and through whom.

    Attributes:
        source: the stakeholder reaching out.
        max_steps: the most relationships a path may follow.
        paths: for each stakeholder reached, the strongest path to it (read-only).

    Examples:
        >>> r = Reach("a", 2, {"b": InfluencePath(("a", "b"), 0.5)})
        >>> r.strengths["b"], r.total
        (0.5, 0.5)
    """

    source: str
    max_steps: int
    paths: Mapping[str, InfluencePath] = attrs.field(converter=read_only)

    @property
    def strengths(self) -> Mapping[str, float]:
        """The strength of the strongest path to each stakeholder reached."""
        return MappingProxyType({sid: p.strength for sid, p in self.paths.items()})

    @property
    def total(self) -> float:
        """Weighted reach: the sum of the strengths to every stakeholder reached."""
        return sum(p.strength for p in self.paths.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reach):
            return NotImplemented
        return (self.source, self.max_steps, dict(self.paths)) == (
            other.source,
            other.max_steps,
            dict(other.paths),
        )

    def __hash__(self) -> int:
        return hash((self.source, self.max_steps, frozenset(self.paths.items())))


def reach(
    stakeholder_map: StakeholderMap,
    source: str,
    *,
    max_steps: int = 2,
    types: Iterable[str] | None = None,
) -> Reach:
    """Whom ``source`` reaches in at most ``max_steps`` relationships, with the strongest path to each.

    Time grows with the number of relationships within ``max_steps`` of the
    source, not with the size of the map.

    A path's strength is the product of its weights. Weights are greater than
    0, so every path is stronger than 0 in exact arithmetic; in floating point a
    product of very small weights can underflow to ``0.0``. Such a stakeholder
    is still reached (a path of real relationships joins them), so it is listed
    here with strength ``0.0``, as [`influence_paths`][commissioning.stakeholders.influence_paths] lists its path.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder(i, i.title(), "resident") for i in ("leader", "chair", "ward", "press")],
        ...     [Relationship("leader", "chair", "influences", weight=0.9),
        ...      Relationship("chair", "ward", "influences", weight=0.5),
        ...      Relationship("leader", "ward", "influences", weight=0.3),
        ...      Relationship("ward", "press", "influences", weight=0.8)],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> r = reach(m, "leader", max_steps=2)
        >>> sorted(r.strengths.items())
        [('chair', 0.9), ('press', 0.24), ('ward', 0.45)]
        >>> r.paths["ward"].via
        ('chair',)
        >>> round(r.total, 2)
        1.59
    """
    check = Checker()
    _positive_int(check, "max_steps", max_steps)
    check.done()
    stakeholder_map.stakeholder(source)
    adj = adjacency(stakeholder_map, _types(types))
    start = adj.position[source]
    best: dict[int, float] = {start: 1.0}
    path_of: dict[int, tuple[int, ...]] = {start: (start,)}
    frontier = {start: 1.0}
    for _ in range(max_steps):
        following: dict[int, float] = {}
        for u, strength_u in frontier.items():
            route = path_of[u]
            for v, w in zip(adj.targets[u], adj.weights[u], strict=True):
                strength = strength_u * w
                # A path of real ties reaches v even when the product of its weights
                # underflows to 0.0 (5e-324 * 0.1): reached first, then kept if stronger.
                if (v not in best or strength > best[v]) and v not in route:
                    best[v] = strength
                    path_of[v] = (*route, v)
                    following[v] = strength
        if not following:
            break
        frontier = following
    del best[start]
    ids = adj.ids
    return Reach(
        source,
        max_steps,
        {
            ids[v]: InfluencePath(tuple(ids[i] for i in path_of[v]), strength)
            for v, strength in sorted(best.items())
        },
    )


def influence_paths(
    stakeholder_map: StakeholderMap,
    source: str,
    target: str,
    *,
    max_steps: int = 3,
    types: Iterable[str] | None = None,
    limit: int = 10,
) -> tuple[InfluencePath, ...]:
    """Every simple path from ``source`` to ``target`` of at most ``max_steps``, strongest first.

    Returns at most ``limit`` paths (ties broken by fewer steps, then by ids).
    The search skips stakeholders that cannot reach the target in the steps
    left, but the number of paths can still grow quickly with ``max_steps``
    on dense maps.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder(i, i.title(), "resident") for i in ("leader", "chair", "ward")],
        ...     [Relationship("leader", "chair", "influences", weight=0.9),
        ...      Relationship("chair", "ward", "influences", weight=0.5),
        ...      Relationship("leader", "ward", "influences", weight=0.3)],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> [(p.stakeholders, p.strength) for p in influence_paths(m, "leader", "ward")]
        [(('leader', 'chair', 'ward'), 0.45), (('leader', 'ward'), 0.3)]
    """
    check = Checker()
    _positive_int(check, "max_steps", max_steps)
    _positive_int(check, "limit", limit)
    check.done()
    stakeholder_map.stakeholder(source)
    stakeholder_map.stakeholder(target)
    adj = adjacency(stakeholder_map, _types(types))
    s, t = adj.position[source], adj.position[target]
    # Steps from each stakeholder to the target, within max_steps (BFS on the reverse).
    reverse: dict[int, list[int]] = {}
    for u, vs in enumerate(adj.targets):
        for v in vs:
            reverse.setdefault(v, []).append(u)
    to_target = {t: 0}
    queue = deque([t])
    while queue:
        v = queue.popleft()
        if to_target[v] == max_steps:
            continue
        for u in reverse.get(v, ()):
            if u not in to_target:
                to_target[u] = to_target[v] + 1
                queue.append(u)
    found: list[tuple[float, tuple[int, ...]]] = []

    def walk(u: int, route: tuple[int, ...], strength: float) -> None:
        if u == t:
            found.append((strength, route))
            return
        left = max_steps - (len(route) - 1)
        for v, w in zip(adj.targets[u], adj.weights[u], strict=True):
            if v not in route and to_target.get(v, max_steps + 1) <= left - 1:
                walk(v, (*route, v), strength * w)

    if s in to_target and s != t:
        walk(s, (s,), 1.0)
    ids = adj.ids
    named = [(strength, tuple(ids[i] for i in route)) for strength, route in found]
    named.sort(key=lambda item: (-item[0], len(item[1]), item[1]))
    return tuple(InfluencePath(route, strength) for strength, route in named[:limit])


def influence_rank(
    stakeholder_map: StakeholderMap,
    *,
    damping: float = 0.85,
    tolerance: float = 1e-9,
    max_iterations: int = 200,
    types: Iterable[str] | None = None,
) -> Ranking:
    """Weighted PageRank on the reversed graph: high for those who act on the influential.

    Returns a [`Ranking`][commissioning.stakeholders.Ranking], highest first (``influence_rank(m)[:3]`` is the
    top three; ``.scores`` looks one up by id). Scores sum to 1. Iteration stops when the total change in scores falls
    below ``tolerance`` (so every score is within about ``tolerance`` of the
    exact fixed point) or after ``max_iterations``. A stakeholder with no one
    acting on it spreads its score evenly, as in standard PageRank.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder(i, i.title(), "resident") for i in ("leader", "chair", "ward")],
        ...     [Relationship("leader", "chair", "influences"),
        ...      Relationship("leader", "ward", "influences"),
        ...      Relationship("chair", "ward", "influences")],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> ranks = influence_rank(m)
        >>> ranks[0].id, ranks[0].rank
        ('leader', 1)
        >>> [p.id for p in ranks[:2]]
        ['leader', 'chair']
        >>> round(sum(ranks.scores.values()), 6)
        1.0
    """
    check = Checker()
    expected = "a number between 0 and 1 (exclusive)"
    if check.type("damping", damping, (int, float), expected):
        check.that(0 < damping < 1, "damping", expected, damping)
    if check.type("tolerance", tolerance, (int, float), "a positive number"):
        check.that(tolerance > 0, "tolerance", "a positive number", tolerance)
    _positive_int(check, "max_iterations", max_iterations)
    check.done()
    adj = adjacency(stakeholder_map, _types(types))
    n = len(adj.ids)
    if n == 0:
        return Ranking((), _MEASURE)
    scores = _pagerank_reversed(adj, damping, tolerance, max_iterations)
    return Ranking.of(dict(zip(adj.ids, scores, strict=True)), measure=_MEASURE)


def _pagerank_reversed(
    adj: Adjacency,
    damping: float,
    tolerance: float,
    max_iterations: int,
    *,
    use_numpy: bool | None = None,
) -> list[float]:
    """Power iteration; with numpy (optional) when it is installed, else plain Python.

    Both give the same fixed point to within the tolerance; they differ only in
    the order floating-point sums are taken.
    """
    n = len(adj.ids)
    incoming = [0.0] * n  # weight arriving at each node in the original graph
    for vs, ws in zip(adj.targets, adj.weights, strict=True):
        for v, w in zip(vs, ws, strict=True):
            incoming[v] += w
    # Reversed, rank flows from v back to each u acting on it, in proportion to w(u, v).
    shares = [
        [w / incoming[v] for v, w in zip(vs, ws, strict=True)]
        for vs, ws in zip(adj.targets, adj.weights, strict=True)
    ]
    dangling = [v for v in range(n) if incoming[v] == 0.0]
    if use_numpy is None:
        try:
            import numpy  # noqa: F401, ICN001, PLC0415 - optional, only to see whether it is there
        except ImportError:  # pragma: no cover - depends on the environment
            use_numpy = False
        else:
            use_numpy = True
    if use_numpy:
        return _pagerank_numpy(adj, shares, dangling, damping, tolerance, max_iterations)
    pairs = list(zip(adj.targets, shares, strict=True))
    x = [1.0 / n] * n
    for _ in range(max_iterations):
        spread = damping * sum(x[v] for v in dangling) / n + (1.0 - damping) / n
        rank_of = x.__getitem__
        new = [spread + damping * sum(map(mul, map(rank_of, vs), cs)) for vs, cs in pairs]
        change = sum(map(abs, map(sub, new, x)))
        x = new
        if change < tolerance:
            break
    total = sum(x)
    return [value / total for value in x]


def _pagerank_numpy(
    adj: Adjacency,
    shares: list[list[float]],
    dangling: list[int],
    damping: float,
    tolerance: float,
    max_iterations: int,
) -> list[float]:
    import numpy as np  # noqa: PLC0415 - optional extra, imported when used

    n = len(adj.ids)
    counts = [len(vs) for vs in adj.targets]
    actor = np.repeat(np.arange(n), counts)
    acted_on = np.fromiter(
        (v for vs in adj.targets for v in vs), dtype=np.intp, count=int(sum(counts))
    )
    share = np.fromiter((c for cs in shares for c in cs), dtype=float, count=int(sum(counts)))
    hanging = np.array(dangling, dtype=np.intp)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        spread = damping * float(x[hanging].sum()) / n + (1.0 - damping) / n
        new = spread + damping * np.bincount(actor, weights=x[acted_on] * share, minlength=n)
        change = float(np.abs(new - x).sum())
        x = new
        if change < tolerance:
            break
    result: list[float] = (x / x.sum()).tolist()
    return result


def brokers(
    stakeholder_map: StakeholderMap,
    *,
    samples: int = 32,
    seed: int = 0,
    types: Iterable[str] | None = None,
) -> Mapping[str, float]:
    """Betweenness centrality: how often a stakeholder lies on shortest paths between others.

    Shortest by number of steps (weights are strengths, not distances, so they
    are not used). Normalised as networkx does for directed graphs, so scores
    run from 0 to 1. The score is estimated from ``samples`` source
    stakeholders drawn with ``seed`` (Brandes and Pich, 2007): the estimate is
    unbiased and its error shrinks as one over the square root of ``samples``;
    see the explanation page for measured accuracy. With ``samples`` at least
    the number of stakeholders it is exact.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder(i, i.title(), "resident") for i in ("a", "b", "c")],
        ...     [Relationship("a", "b", "influences"), Relationship("b", "c", "influences")],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> dict(brokers(m))
        {'a': 0.0, 'b': 0.5, 'c': 0.0}
    """
    check = Checker()
    _positive_int(check, "samples", samples)
    check.type("seed", seed, int, "an int")
    check.done()
    adj = adjacency(stakeholder_map, _types(types))
    n = len(adj.ids)
    if n == 0:
        return MappingProxyType({})
    if samples >= n:
        sources: list[int] = list(range(n))
    else:
        sources = random.Random(seed).sample(range(n), samples)  # noqa: S311 - sampling, not security
    # Brandes (2001) from each sampled source, on index lists: a breadth-first
    # pass counts shortest paths (sigma), then dependencies flow back along
    # in-edges that lie one step nearer the source (no predecessor lists).
    targets = adj.targets
    sources_of: list[list[int]] = [[] for _ in range(n)]
    for u, vs in enumerate(targets):
        for v in vs:
            sources_of[v].append(u)
    score = [0.0] * n
    for s in sources:
        dist = [-1] * n
        sigma = [0] * n
        dist[s] = 0
        sigma[s] = 1
        order = [s]
        i = 0
        while i < len(order):
            v = order[i]
            i += 1
            dv = dist[v] + 1
            sv = sigma[v]
            for w in targets[v]:
                dw = dist[w]
                if dw < 0:
                    dist[w] = dv
                    sigma[w] = sv
                    order.append(w)
                elif dw == dv:
                    sigma[w] += sv
        delta = [0.0] * n
        for w in reversed(order[1:]):  # every reached stakeholder but the source
            nearer = dist[w] - 1
            share = (1.0 + delta[w]) / sigma[w]
            for v in sources_of[w]:
                if dist[v] == nearer:
                    delta[v] += sigma[v] * share
            score[w] += delta[w]
    scale = (n / len(sources)) / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return MappingProxyType({sid: score[i] * scale for i, sid in enumerate(adj.ids)})


def coalitions(
    stakeholder_map: StakeholderMap,
    *,
    seed: int = 0,
    max_sweeps: int = 20,
    types: Iterable[str] | None = None,
) -> tuple[frozenset[str], ...]:
    """Groups of stakeholders more tied to each other than to the rest (seeded label propagation).

    Directions are ignored and the weights of ties both ways are added. Each
    sweep visits stakeholders in an order shuffled with ``seed``; each takes
    the label carrying the most weight among its neighbours (keeping its own
    on a tie, else the smallest). After the first sweep, only neighbours of
    stakeholders that changed are visited (no one else can change). Stops
    when a sweep changes nothing, or after ``max_sweeps``. Deterministic for a
    given map and seed. Largest first.

    Examples:
        >>> import datetime as dt
        >>> from commissioning.stakeholders import Relationship, Stakeholder, StakeholderMap
        >>> ids = ("a1", "a2", "a3", "b1", "b2", "b3")
        >>> m, _ = StakeholderMap.create(
        ...     [Stakeholder(i, i, "resident") for i in ids],
        ...     [Relationship(u, v, "partners with") for u, v in
        ...      [("a1", "a2"), ("a2", "a3"), ("a3", "a1"), ("b1", "b2"), ("b2", "b3"),
        ...       ("b3", "b1")]] + [Relationship("a1", "b1", "influences", weight=0.1)],
        ...     at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), actor="al")
        >>> [sorted(group) for group in coalitions(m)]
        [['a1', 'a2', 'a3'], ['b1', 'b2', 'b3']]
    """
    check = Checker()
    _positive_int(check, "max_sweeps", max_sweeps)
    check.type("seed", seed, int, "an int")
    check.done()
    adj = adjacency(stakeholder_map, _types(types))
    n = len(adj.ids)
    neighbours: list[dict[int, float]] = [{} for _ in range(n)]
    for u, (vs, ws) in enumerate(zip(adj.targets, adj.weights, strict=True)):
        for v, w in zip(vs, ws, strict=True):
            neighbours[u][v] = neighbours[u].get(v, 0.0) + w
            neighbours[v][u] = neighbours[v].get(u, 0.0) + w
    label = list(range(n))
    active = list(range(n))
    rng = random.Random(seed)  # noqa: S311 - a seeded shuffle, not security
    for _ in range(max_sweeps):
        # Only stakeholders next to a change can change, so a sweep visits just those.
        rng.shuffle(active)
        touched: set[int] = set()
        for u in active:
            around = neighbours[u]
            if not around:
                continue
            tally: dict[int, float] = {}
            for v, w in around.items():
                lab = label[v]
                tally[lab] = tally.get(lab, 0.0) + w
            top = max(tally.values())
            if tally.get(label[u], -1.0) == top:
                continue
            label[u] = min(lab for lab, weight in tally.items() if weight == top)
            touched.update(around)
        if not touched:
            break
        active = sorted(touched)
    groups: dict[int, set[str]] = {}
    for i, lab in enumerate(label):
        groups.setdefault(lab, set()).add(adj.ids[i])
    return tuple(frozenset(g) for g in sorted(groups.values(), key=lambda g: (-len(g), min(g))))
