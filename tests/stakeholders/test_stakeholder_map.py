"""The map: immutable, changed only through events, and rebuilt by folding them."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from commissioning import InvalidHistory, InvalidInput
from commissioning.stakeholders import (
    CoProductionRung,
    Engagement,
    EventKind,
    MapEvent,
    Quadrant,
    Relationship,
    Stakeholder,
    StakeholderMap,
    UnknownStakeholder,
)
from commissioning.strategies import stakeholder_maps

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 2, 5, 9, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)

CABINET = Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=7, legitimacy=9)
ICB = Stakeholder("icb", "Integrated care board", "health partner", power=8, interest=4)
USERS = Stakeholder("users", "Users' panel", "service user", power=2, interest=9, urgency=8)


def small_map() -> StakeholderMap:
    return StakeholderMap.from_records(
        [CABINET, ICB, USERS],
        [
            Relationship("cabinet", "icb", "influences", weight=0.6),
            Relationship("icb", "users", "funds", weight=0.9),
        ],
        at=T0,
        actor="alice",
    )


def test_the_empty_map_has_no_history() -> None:
    m = StakeholderMap()
    assert len(m) == 0
    assert m.version == 0
    assert m.events == ()
    assert StakeholderMap.from_events([]) == m


def test_each_change_returns_a_new_map_and_an_event_and_leaves_the_old_one() -> None:
    m0 = small_map()
    m1, added = m0.add(Stakeholder("union", "UNISON", "trade union"), at=T1, actor="bob")
    m2, related = m1.relate(Relationship("union", "users", "represents"), at=T1, actor="bob")
    m3, engaged = m2.record_engagement(
        Engagement(dt.date(2026, 2, 4), {"users", "union"}, "workshop", CoProductionRung.CO_DESIGN),
        at=T2,
        actor="carol",
    )
    assert (len(m0), len(m1), len(m2)) == (3, 4, 4)
    assert (len(m0.relationships), len(m2.relationships)) == (2, 3)
    assert (len(m2.engagements), len(m3.engagements)) == (0, 1)
    assert [e.kind for e in m3.events] == [
        EventKind.IMPORTED,
        EventKind.STAKEHOLDER_ADDED,
        EventKind.RELATED,
        EventKind.ENGAGEMENT_RECORDED,
    ]
    assert [e.version for e in m3.events] == [1, 2, 3, 4]
    assert (added.actor, related.at, engaged.actor) == ("bob", T1, "carol")


def test_update_records_before_and_after() -> None:
    m, event = small_map().update("icb", interest=8, at=T1, actor="bob")
    assert event.data["previous"] == ICB
    assert event.data["stakeholder"].interest == 8
    assert m.stakeholder("icb").interest == 8


def test_update_refuses_unknown_fields_the_id_and_empty_changes() -> None:
    m = small_map()
    with pytest.raises(InvalidInput) as caught:
        m.update("icb", id="icb2", colour="red", at=T1, actor="bob")
    assert [p.field for p in caught.value.problems] == ["id", "colour"]
    with pytest.raises(InvalidInput):
        m.update("icb", at=T1, actor="bob")
    with pytest.raises(InvalidInput):
        m.update("icb", power=12, at=T1, actor="bob")
    assert m == small_map()


def test_removing_a_stakeholder_removes_its_relationships_but_keeps_engagements() -> None:
    m, _ = small_map().record_engagement(
        Engagement(dt.date(2026, 1, 6), {"icb"}, "meeting", CoProductionRung.CONSULTATION),
        at=T1,
        actor="bob",
    )
    m2, event = m.remove("icb", at=T2, actor="bob")
    assert "icb" not in m2
    assert m2.relationships == ()  # both relationships touched the ICB
    assert len(event.data["relationships"]) == 2
    assert len(m2.engagements) == 1


def test_relate_replaces_the_same_type_and_keeps_other_types() -> None:
    m, event = small_map().relate(
        Relationship("cabinet", "icb", "influences", weight=0.2), at=T1, actor="bob"
    )
    assert event.data["previous"].weight == 0.6
    m, event = m.relate(Relationship("cabinet", "icb", "funds", weight=0.5), at=T1, actor="bob")
    assert event.data["previous"] is None
    assert [(r.type, r.weight) for r in m.relationships_of("cabinet")] == [
        ("funds", 0.5),
        ("influences", 0.2),
    ]
    m, _ = m.unrelate("cabinet", "icb", "funds", at=T1, actor="bob")
    assert [r.type for r in m.relationships_of("icb", direction="in")] == ["influences"]
    assert len(m.relationships_of("icb", direction="both")) == 2


def test_changes_naming_unknown_stakeholders_are_refused_and_change_nothing() -> None:
    m = small_map()
    with pytest.raises(UnknownStakeholder) as caught:
        m.relate(Relationship("cabinet", "nobody", "influences"), at=T1, actor="bob")
    assert caught.value.field == "target"
    assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownStakeholder):
        m.record_engagement(
            Engagement(dt.date(2026, 1, 6), {"icb", "ghost"}, "survey", CoProductionRung.INFORMING),
            at=T1,
            actor="bob",
        )
    with pytest.raises(UnknownStakeholder):
        m.remove("ghost", at=T1, actor="bob")
    with pytest.raises(InvalidInput):
        m.relationships_of("icb", direction="sideways")
    assert m == small_map()
    assert m.version == 1


def test_time_never_runs_backwards_on_a_map() -> None:
    m, _ = small_map().update("icb", power=3, at=T2, actor="bob")
    with pytest.raises(InvalidInput) as caught:
        m.update("icb", power=4, at=T1, actor="bob")
    assert caught.value.field == "at"
    with pytest.raises(InvalidInput):
        m.update("icb", power=4, at=dt.datetime(2026, 4, 1), actor="bob")  # noqa: DTZ001 - naive on purpose
    with pytest.raises(InvalidInput):
        m.update("icb", power=4, at=T2, actor="")


def test_bulk_import_reports_every_problem_and_builds_nothing() -> None:
    with pytest.raises(InvalidInput) as caught:
        StakeholderMap.from_records(
            [CABINET, ICB, CABINET, "not a stakeholder"],  # type: ignore[list-item] # bad on purpose
            [
                Relationship("cabinet", "icb", "influences"),
                Relationship("cabinet", "icb", "influences", weight=0.5),
                Relationship("ghost", "icb", "funds"),
            ],
            engagements=[
                Engagement(dt.date(2026, 1, 1), {"ghost"}, "survey", CoProductionRung.INFORMING)
            ],
            at=T0,
            actor="alice",
        )
    # 4 problems: a repeated id, a non-stakeholder, a repeated relationship, an
    # unknown source (engagements may name former stakeholders: they are history)
    assert [p.field for p in caught.value.problems] == [
        "stakeholders[2].id",
        "stakeholders[3]",
        "relationships[1]",
        "relationships[2].source",
    ]


def test_an_imported_history_keeps_engagements_with_former_stakeholders() -> None:
    m, _ = small_map().record_engagement(
        Engagement(dt.date(2026, 1, 6), {"icb"}, "meeting", CoProductionRung.CONSULTATION),
        at=T1,
        actor="bob",
    )
    m, _ = m.remove("icb", at=T2, actor="bob")
    again = StakeholderMap.from_records(
        m.stakeholders.values(), m.relationships, engagements=m.engagements, at=T2, actor="bob"
    )
    assert again.engagements == m.engagements


def test_a_plan_snapshots_every_quadrant() -> None:
    m, event = small_map().record_plan(on=dt.date(2026, 1, 6), at=T1, actor="bob", name="Q4")
    plan = event.data["plan"]
    assert dict(plan.quadrants) == {
        "cabinet": Quadrant.KEY_PLAYERS,
        "icb": Quadrant.KEEP_SATISFIED,
        "users": Quadrant.KEEP_INFORMED,
    }
    assert m.plans == (plan,)
    with pytest.raises(InvalidInput):
        m.record_plan(on=T1, at=T1, actor="bob")  # a datetime, not a date


def test_as_of_gives_the_map_at_a_past_time() -> None:
    m1, _ = small_map().update("icb", interest=9, at=T1, actor="bob")
    m2, _ = m1.remove("users", at=T2, actor="bob")
    assert m2.as_of(T0) == small_map()
    assert m2.as_of(T1) == m1
    assert m2.as_of(T2) == m2
    assert len(m2.as_of(T0 - dt.timedelta(days=1))) == 0


def test_a_history_that_does_not_fit_is_refused_with_its_position() -> None:
    m, _ = small_map().update("icb", interest=9, at=T1, actor="bob")
    m, _ = m.remove("icb", at=T2, actor="bob")
    with pytest.raises(InvalidHistory) as caught:
        StakeholderMap.from_events([m.events[0], m.events[2]])
    assert caught.value.index == 1
    out_of_order = MapEvent(3, EventKind.STAKEHOLDER_REMOVED, T0, "bob", {"stakeholder": ICB})
    with pytest.raises(InvalidHistory, match="before the event"):
        StakeholderMap.from_events([*m.events[:2], out_of_order])
    stale = MapEvent(
        2, EventKind.STAKEHOLDER_UPDATED, T1, "bob", {"stakeholder": ICB, "previous": CABINET}
    )
    with pytest.raises(InvalidHistory):
        StakeholderMap.from_events([m.events[0], stale])
    with pytest.raises(InvalidHistory):
        StakeholderMap.from_events(["not an event"])  # type: ignore[list-item] # bad on purpose
    missing = MapEvent(1, EventKind.RELATED, T0, "bob", {})
    with pytest.raises(InvalidHistory):
        StakeholderMap.from_events([missing])


def test_the_graph_is_private_and_exports_are_copies() -> None:
    m = small_map()
    g = m.to_networkx()
    g.remove_node("icb")
    g.nodes["cabinet"]["power"] = 0
    assert "icb" in m
    assert m.stakeholder("cabinet").power == 9
    with pytest.raises(TypeError):
        m.stakeholders["x"] = CABINET  # type: ignore[index] # read-only on purpose


def test_maps_compare_by_content_not_history() -> None:
    a = small_map()
    b, _ = StakeholderMap().add(CABINET, at=T0, actor="x")
    b, _ = b.add(ICB, at=T0, actor="x")
    b, _ = b.add(USERS, at=T0, actor="x")
    b, _ = b.relate(Relationship("icb", "users", "funds", weight=0.9), at=T0, actor="x")
    assert a != b
    b, _ = b.relate(Relationship("cabinet", "icb", "influences", weight=0.6), at=T0, actor="x")
    assert a == b
    assert hash(a) == hash(b)
    assert a.events != b.events
    assert a != "a map"


@given(stakeholder_maps())
def test_folding_a_maps_events_rebuilds_it(m: StakeholderMap) -> None:
    rebuilt = StakeholderMap.from_events(m.events)
    assert rebuilt == m
    assert rebuilt.events == m.events
    assert m.as_of(m.events[-1].at) == m


@given(stakeholder_maps(), st.data())
def test_every_prefix_of_the_history_folds_to_a_valid_map(
    m: StakeholderMap, data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(m.events)))
    earlier = StakeholderMap.from_events(m.events[:cut])
    assert earlier.version == cut
    for r in earlier.relationships:
        assert r.source in earlier
        assert r.target in earlier


@given(stakeholder_maps(min_size=1), st.integers(0, 10))
def test_a_refused_or_accepted_change_never_alters_the_original(
    m: StakeholderMap, power: int
) -> None:
    assume(len(m) > 0)  # changes after the import may have removed everyone
    before = (dict(m.stakeholders), m.relationships, m.engagements, m.plans, m.events)
    at = m.events[-1].at
    sid = min(m.stakeholders)
    changed, event = m.update(sid, power=power, at=at, actor="x")
    with pytest.raises(UnknownStakeholder):
        m.relate(Relationship(sid, "\u2603 nobody", "influences"), at=at, actor="x")
    assert (dict(m.stakeholders), m.relationships, m.engagements, m.plans, m.events) == before
    assert changed.stakeholder(sid).power == power
    assert changed.events == (*m.events, event)


@given(stakeholder_maps())
def test_a_map_built_in_bulk_matches_one_built_a_change_at_a_time(m: StakeholderMap) -> None:
    # the bulk import loads the graph in one pass; adding and relating one by one
    # goes through networkx's own calls: both must see the same ties either way
    stepwise = StakeholderMap()
    for s in m:
        stepwise, _ = stepwise.add(s, at=T0, actor="alice")
    for r in m.relationships:
        stepwise, _ = stepwise.relate(r, at=T0, actor="alice")
    bulk = StakeholderMap.from_records(list(m), m.relationships, at=T0, actor="alice")
    assert bulk == stepwise
    for sid in bulk.stakeholders:
        for direction in ("out", "in", "both"):
            assert bulk.relationships_of(sid, direction=direction) == stepwise.relationships_of(
                sid, direction=direction
            )
    # a second import onto a map that already has ties adds to them
    half = len(m.relationships) // 2
    first = StakeholderMap.from_records(list(m), m.relationships[:half], at=T0, actor="alice")
    both = StakeholderMap.from_events(
        [
            *first.events,
            MapEvent(2, EventKind.IMPORTED, T0, "alice", {"relationships": m.relationships[half:]}),
        ]
    )
    assert both == bulk
