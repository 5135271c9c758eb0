"""Hypothesis strategies for the stakeholders area (``commissioning.stakeholders``).

Each public value type is registered with ``st.register_type_strategy`` when
this module is imported, so ``st.from_type(T)`` works.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from commissioning.stakeholders import (
    ArnsteinRung,
    CoProductionRung,
    Engagement,
    EngagementMethod,
    EngagementPlan,
    Quadrant,
    Relationship,
    RelationType,
    Rung,
    Stakeholder,
    StakeholderKind,
    StakeholderMap,
    Thresholds,
)

__all__ = [
    "participation_rungs",
    "stakeholder_engagements",
    "stakeholder_maps",
    "stakeholder_records",
    "stakeholder_texts",
    "stakeholder_thresholds",
]

_START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def stakeholder_texts(
    *, max_size: int = 12, alphabet: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    """Non-empty text with no spaces at either end and no control characters (names, ids, kinds).

    Any Unicode letter, mark, number, punctuation, symbol or separator by
    default; pass ``alphabet`` (a strategy for single characters) to narrow it.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(stakeholder_texts())
        ... def test_tidy(text):
        ...     assert text and text == text.strip()
        >>> test_tidy()
    """
    characters = (
        st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co")) if alphabet is None else alphabet
    )
    return st.text(characters, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def participation_rungs(
    *, ladders: tuple[type[Rung], ...] = (CoProductionRung, ArnsteinRung)
) -> st.SearchStrategy[Rung]:
    """Rungs of the given ladders (both by default).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(participation_rungs(ladders=(CoProductionRung,)))
        ... def test_rung(rung):
        ...     assert rung <= CoProductionRung.CO_PRODUCTION
        >>> test_rung()
    """
    return st.one_of(*(st.sampled_from(list(ladder)) for ladder in ladders))


def stakeholder_thresholds(
    *, values: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[Thresholds]:
    """Thresholds for power, interest, legitimacy and urgency (each 1 to 10 by default).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(stakeholder_thresholds())
        ... def test_range(t):
        ...     assert 1 <= t.power <= 10
        >>> test_range()
    """
    v = st.integers(1, 10) if values is None else values
    return st.builds(Thresholds, power=v, interest=v, legitimacy=v, urgency=v)


def stakeholder_records(
    *,
    ids: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[str] | None = None,
    scores: st.SearchStrategy[int] | None = None,
    texts: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Stakeholder]:
    """Valid [`Stakeholder`][commissioning.stakeholders.Stakeholder] values (the records of stakeholders a map holds); scores 0 to 10.

    Kinds are the standard ones or your own text.

    ``texts`` draws names, custom kinds and tags ([`stakeholder_texts`][commissioning.strategies.stakeholder_texts] by default).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(stakeholder_records(ids=st.just("only")))
        ... def test_id(s):
        ...     assert s.id == "only" and 0 <= s.power <= 10
        >>> test_id()
    """
    score = st.integers(0, 10) if scores is None else scores
    text = stakeholder_texts() if texts is None else texts
    return st.builds(
        Stakeholder,
        text if ids is None else ids,
        text,
        (st.sampled_from(list(StakeholderKind)) | text) if kinds is None else kinds,
        power=score,
        interest=score,
        legitimacy=score,
        urgency=score,
        tags=st.frozensets(text, max_size=3),
    )


def stakeholder_engagements(
    *,
    ids: st.SearchStrategy[str] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
    rungs: st.SearchStrategy[Rung] | None = None,
    max_stakeholders: int = 3,
) -> st.SearchStrategy[Engagement]:
    """Valid engagements with one to ``max_stakeholders`` stakeholders drawn from ``ids``.

    Examples:
        >>> import datetime as dt
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(stakeholder_engagements(ids=st.sampled_from(["a", "b"])))
        ... def test_ids(e):
        ...     assert e.stakeholders <= {"a", "b"}
        >>> test_ids()
    """
    return st.builds(
        Engagement,
        st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)) if dates is None else dates,
        st.frozensets(
            stakeholder_texts() if ids is None else ids, min_size=1, max_size=max_stakeholders
        ),
        st.sampled_from(list(EngagementMethod)) | stakeholder_texts(),
        participation_rungs() if rungs is None else rungs,
        st.text(max_size=20),
    )


_INDEX = st.integers(0, 2**16)
_DATES = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))
_RELATION_TYPES = st.sampled_from(list(RelationType))
_ENGAGEMENT_PARTS = st.tuples(
    _DATES,
    st.lists(_INDEX, min_size=1, max_size=3),
    st.sampled_from(list(EngagementMethod)),
    participation_rungs(),
)
_SCORE = st.integers(0, 10)
_STEP = st.tuples(st.integers(0, 20), st.integers(0, 23))


def _weights() -> st.SearchStrategy[float]:
    return st.sampled_from([0.1, 0.25, 0.5, 0.75, 0.9, 1.0]) | st.floats(
        min_value=0.0, max_value=1.0, exclude_min=True
    )


_WEIGHTS = _weights()
# Maps draw from short fixed lists (fast to generate), mixing plain names with
# characters that exports must escape; stakeholder_records() draws free text.
_NAMES = (
    "Cabinet",
    "Carers' forum",
    'A & B <"quoted">',
    "Ward #3 | east; west",
    "back\\slash",
    "Caf\u00e9 \u0141\u00f3d\u017a \u2019",
)
_BODIES = st.builds(
    Stakeholder,
    st.just("_"),
    st.sampled_from(_NAMES),
    st.sampled_from([*StakeholderKind, "police & crime <commissioner>"]),
    power=_SCORE,
    interest=_SCORE,
    legitimacy=_SCORE,
    urgency=_SCORE,
    tags=st.frozensets(st.sampled_from(("east", "north", 'co-op & "friends"')), max_size=2),
)
_MAP_IDS = st.sampled_from(("stakeholder-map", "meals-2026", "Caf\u00e9 & co <map>"))
_CHANGES = st.sampled_from(("add", "plan", "update", "remove", "engage", "relate", "unrelate"))


def _engagement(draw: st.DrawFn, ids: list[str]) -> Engagement:
    on, picks, method, rung = draw(_ENGAGEMENT_PARTS)
    return Engagement(on, {ids[i % len(ids)] for i in picks}, method, rung)


def _relationship(draw: st.DrawFn, ids: list[str]) -> Relationship:
    u = draw(_INDEX) % len(ids)
    v = (u + 1 + draw(_INDEX) % (len(ids) - 1)) % len(ids)
    return Relationship(ids[u], ids[v], draw(_RELATION_TYPES), weight=draw(_WEIGHTS))


@st.composite
def _maps(
    draw: st.DrawFn, min_size: int, max_size: int, max_relationships: int, max_changes: int
) -> StakeholderMap:
    # Draws only from strategies built once, above: building strategies inside a
    # draw makes Hypothesis validate them every time, which is slow.
    count = draw(st.integers(min_size, max_size))
    people = [attrs.evolve(draw(_BODIES), id=f"s{i}") for i in range(count)]
    ids = [s.id for s in people]
    relationships: dict[tuple[str, str, str], Relationship] = {}
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, max_relationships))):
            r = _relationship(draw, ids)
            relationships.setdefault(r.key, r)
    engagements = [_engagement(draw, ids) for _ in range(draw(st.integers(0, 3)))] if ids else []
    at = _START + dt.timedelta(days=draw(st.integers(0, 30)))
    m, _ = StakeholderMap.create(
        people,
        relationships.values(),
        engagements=engagements,
        id=draw(_MAP_IDS),
        at=at,
        actor="importer",
    )
    for _ in range(draw(st.integers(0, max_changes))):
        days, hours = draw(_STEP)
        at += dt.timedelta(days=days, hours=hours)
        m = _change(draw, m, at)
    return m


def _change(draw: st.DrawFn, m: StakeholderMap, at: dt.datetime) -> StakeholderMap:
    ids = sorted(m.stakeholders)
    change = draw(_CHANGES)
    if change == "add" or not ids:
        new = attrs.evolve(draw(_BODIES), id=f"n{m.version}")
        return m.add(new, at=at, actor="editor")[0]
    if change == "plan":
        return m.record_plan(on=draw(_DATES), at=at, actor="planner")[0]
    sid = ids[draw(_INDEX) % len(ids)]
    if change == "update":
        power, interest = draw(_SCORE), draw(_SCORE)
        return m.update(sid, power=power, interest=interest, at=at, actor="editor")[0]
    if change == "remove":
        return m.remove(sid, at=at, actor="editor")[0]
    if change == "engage" or len(ids) < 2:
        return m.record_engagement(_engagement(draw, ids), at=at, actor="officer")[0]
    if change == "unrelate" and m.relationships:
        r = m.relationships[draw(_INDEX) % len(m.relationships)]
        return m.unrelate(r.source, r.target, r.type, at=at, actor="editor")[0]
    return m.relate(_relationship(draw, ids), at=at, actor="editor")[0]


def stakeholder_maps(
    *, min_size: int = 0, max_size: int = 8, max_relationships: int = 16, max_changes: int = 4
) -> st.SearchStrategy[StakeholderMap]:
    """Valid maps: created with a bulk import, then up to ``max_changes`` single changes (varied histories).

    Stakeholders number ``min_size`` to ``max_size`` at import (changes may
    add or remove some); relationships join them with standard types and
    weights in (0, 1]; a few engagements and plans are recorded.

    Examples:
        >>> from hypothesis import given, settings
        >>> from commissioning.stakeholders import StakeholderMap
        >>> @settings(max_examples=10)
        ... @given(stakeholder_maps(max_size=4))
        ... def test_fold(m):
        ...     assert StakeholderMap.replay(m.history) == m
        >>> test_fold()
    """
    return _maps(min_size, max_size, max_relationships, max_changes)


def _register() -> None:
    st.register_type_strategy(Stakeholder, stakeholder_records())
    st.register_type_strategy(Thresholds, stakeholder_thresholds())
    st.register_type_strategy(Engagement, stakeholder_engagements())
    st.register_type_strategy(StakeholderMap, stakeholder_maps())
    st.register_type_strategy(
        EngagementPlan,
        st.builds(
            EngagementPlan,
            _DATES,
            st.dictionaries(st.sampled_from(["a", "b", "c"]), st.sampled_from(list(Quadrant))),
            stakeholder_thresholds(),
            st.sampled_from(["", "Engagement plan v1"]),
        ),
    )
    st.register_type_strategy(
        Relationship,
        st.builds(
            Relationship,
            st.just("a"),
            st.just("b"),
            st.sampled_from(list(RelationType)) | stakeholder_texts(),
            weight=_weights(),
        ),
    )


_register()
