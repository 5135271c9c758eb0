"""The map: immutable, changed only through events, and rebuilt by folding them."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from commissioning import EventRecord, InvalidHistory, InvalidInput
from commissioning.stakeholders import (
    CoProductionRung,
    Engagement,
    EventKind,
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


ICB_DATA = {
    "id": "icb",
    "name": "Integrated care board",
    "kind": "health partner",
    "power": 8,
    "interest": 4,
    "legitimacy": 0,
    "urgency": 0,
    "tags": [],
}


def small_map() -> StakeholderMap:
    return StakeholderMap.create(
        [CABINET, ICB, USERS],
        [
            Relationship("cabinet", "icb", "influences", weight=0.6),
            Relationship("icb", "users", "funds", weight=0.9),
        ],
        id="meals",
        at=T0,
        actor="alice",
    )[0]


def test_the_empty_map_has_no_history() -> None:
    m = StakeholderMap()
    assert len(m) == 0
    assert m.version == 0
    assert m.history == ()
    assert StakeholderMap.replay([]) == m


def test_each_change_returns_a_new_map_and_an_event_and_leaves_the_old_one() -> None:
    m0 = small_map()
    m1, (added,) = m0.add(Stakeholder("union", "UNISON", "trade union"), at=T1, actor="bob")
    m2, (related,) = m1.relate(Relationship("union", "users", "represents"), at=T1, actor="bob")
    m3, (engaged,) = m2.record_engagement(
        Engagement(dt.date(2026, 2, 4), {"users", "union"}, "workshop", CoProductionRung.CO_DESIGN),
        at=T2,
        actor="carol",
    )
    assert (len(m0), len(m1), len(m2)) == (3, 4, 4)
    assert (len(m0.relationships), len(m2.relationships)) == (2, 3)
    assert (len(m2.engagements), len(m3.engagements)) == (0, 1)
    assert [EventKind(e.event) for e in m3.history] == [
        EventKind.IMPORT,
        EventKind.ADD,
        EventKind.RELATE,
        EventKind.RECORD_ENGAGEMENT,
    ]
    assert [e.version for e in m3.history] == [1, 2, 3, 4]
    assert {e.stream_id for e in m3.history} == {"meals"}
    assert (added.actor, related.occurred_at, engaged.actor) == ("bob", T1, "carol")
    assert related.occurred_at.tzinfo is dt.UTC
    assert isinstance(added, EventRecord)


def test_update_records_before_and_after() -> None:
    m, (event,) = small_map().update("icb", interest=8, at=T1, actor="bob")
    assert event.data["previous"]["interest"] == ICB.interest
    assert event.data["stakeholder"]["interest"] == 8
    assert event.event == "update"
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
    m2, (event,) = m.remove("icb", at=T2, actor="bob")
    assert "icb" not in m2
    assert m2.relationships == ()  # both relationships touched the ICB
    assert len(event.data["relationships"]) == 2
    assert len(m2.engagements) == 1


def test_relate_replaces_the_same_type_and_keeps_other_types() -> None:
    m, (event,) = small_map().relate(
        Relationship("cabinet", "icb", "influences", weight=0.2), at=T1, actor="bob"
    )
    assert event.data["previous"]["weight"] == 0.6
    m, (event,) = m.relate(Relationship("cabinet", "icb", "funds", weight=0.5), at=T1, actor="bob")
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
        StakeholderMap.create(
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
        )[0]
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
    again, _ = StakeholderMap.create(
        m.stakeholders.values(), m.relationships, engagements=m.engagements, at=T2, actor="bob"
    )
    assert again.engagements == m.engagements


def test_a_plan_snapshots_every_quadrant() -> None:
    m, (event,) = small_map().record_plan(on=dt.date(2026, 1, 6), at=T1, actor="bob", name="Q4")
    plan = m.plans[-1]
    assert event.data["plan"]["quadrants"]["cabinet"] == plan.quadrants["cabinet"].value
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
        StakeholderMap.replay([m.history[0], m.history[2]])
    assert caught.value.index == 1
    out_of_order = m.history[2]._replace(occurred_at=T0)
    with pytest.raises(InvalidHistory, match="before the record"):
        StakeholderMap.replay([*m.history[:2], out_of_order])
    stale = m.history[1]._replace(
        data={"stakeholder": m.history[1].data["stakeholder"], "previous": {**ICB_DATA, "power": 1}}
    )
    with pytest.raises(InvalidHistory) as stale_error:
        StakeholderMap.replay([m.history[0], stale])
    assert stale_error.value.index == 1
    with pytest.raises(InvalidHistory):
        StakeholderMap.replay(["not an event"])  # type: ignore[list-item] # bad on purpose
    missing = m.history[1]._replace(event="relate", data={})
    with pytest.raises(InvalidHistory, match="relationship"):
        StakeholderMap.replay([m.history[0], missing])
    unknown = m.history[1]._replace(event="paint")
    with pytest.raises(InvalidHistory, match="paint"):
        StakeholderMap.replay([m.history[0], unknown])
    other_stream = m.history[1]._replace(stream_id="elsewhere")
    with pytest.raises(InvalidHistory, match="elsewhere"):
        StakeholderMap.replay([m.history[0], other_stream])


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
    assert a.history != b.history
    assert a != "a map"


@given(stakeholder_maps())
def test_folding_a_maps_events_rebuilds_it(m: StakeholderMap) -> None:
    rebuilt = StakeholderMap.replay(m.history)
    assert rebuilt == m
    assert rebuilt.history == m.history
    assert m.as_of(m.history[-1].occurred_at) == m


@given(stakeholder_maps(), st.data())
def test_every_prefix_of_the_history_folds_to_a_valid_map(
    m: StakeholderMap, data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(m.history)))
    earlier = StakeholderMap.replay(m.history[:cut])
    assert earlier.version == cut
    for r in earlier.relationships:
        assert r.source in earlier
        assert r.target in earlier


@given(stakeholder_maps(min_size=1), st.integers(0, 10))
def test_a_refused_or_accepted_change_never_alters_the_original(
    m: StakeholderMap, power: int
) -> None:
    assume(len(m) > 0)  # changes after the import may have removed everyone
    before = (dict(m.stakeholders), m.relationships, m.engagements, m.plans, m.history)
    at = m.history[-1].occurred_at
    sid = min(m.stakeholders)
    changed, (event,) = m.update(sid, power=power, at=at, actor="x")
    with pytest.raises(UnknownStakeholder):
        m.relate(Relationship(sid, "\u2603 nobody", "influences"), at=at, actor="x")
    assert (dict(m.stakeholders), m.relationships, m.engagements, m.plans, m.history) == before
    assert changed.stakeholder(sid).power == power
    assert changed.history == (*m.history, event)


@given(stakeholder_maps())
def test_a_map_built_in_bulk_matches_one_built_a_change_at_a_time(m: StakeholderMap) -> None:
    # the bulk import loads the tables in one pass; adding and relating one by one
    # goes through the single commands: both must see the same ties either way
    stepwise = StakeholderMap()
    for s in m:
        stepwise, _ = stepwise.add(s, at=T0, actor="alice")
    for r in m.relationships:
        stepwise, _ = stepwise.relate(r, at=T0, actor="alice")
    bulk, _ = StakeholderMap.create(list(m), m.relationships, at=T0, actor="alice")
    assert bulk == stepwise
    for sid in bulk.stakeholders:
        for direction in ("out", "in", "both"):
            assert bulk.relationships_of(sid, direction=direction) == stepwise.relationships_of(
                sid, direction=direction
            )
    # a second import onto a map that already has ties adds to them
    half = len(m.relationships) // 2
    first, _ = StakeholderMap.create(list(m), m.relationships[:half], at=T0, actor="alice")
    both = StakeholderMap.replay(
        [
            *first.history,
            bulk.history[0]._replace(
                version=2,
                data={
                    "relationships": [
                        [r.source, r.target, str(r.type), r.weight] for r in m.relationships[half:]
                    ]
                },
            ),
        ]
    )
    assert both == bulk
