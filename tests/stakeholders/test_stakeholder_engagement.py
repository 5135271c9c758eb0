"""Engagement queries, engagement gaps at a date, and comparing maps."""

import datetime as dt

import pytest
from hypothesis import given

from commissioning import InvalidInput
from commissioning.stakeholders import (
    ArnsteinRung,
    CoProductionRung,
    Engagement,
    Quadrant,
    QuadrantChange,
    Relationship,
    Stakeholder,
    StakeholderKind,
    StakeholderMap,
    compare,
    engagement_gaps,
    find_engagements,
)
from commissioning.strategies import stakeholder_maps

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 4, 5, 9, tzinfo=dt.UTC)
ON = dt.date(2026, 6, 30)

PEOPLE = [
    Stakeholder("cabinet", "Cabinet", StakeholderKind.CABINET, power=9, interest=8),
    Stakeholder("icb", "ICB", StakeholderKind.HEALTH_PARTNER, power=8, interest=7),
    Stakeholder("provider", "Provider", StakeholderKind.INCUMBENT_PROVIDER, power=6, interest=9),
    Stakeholder("users", "Users' panel", StakeholderKind.SERVICE_USER, power=2, interest=9),
    Stakeholder("carers", "Carers' forum", StakeholderKind.CARER, power=3, interest=9),
    Stakeholder("residents", "Residents", StakeholderKind.RESIDENT, power=1, interest=3),
]


def engaged(on: dt.date, ids: set[str], rung: object, method: str = "meeting") -> Engagement:
    return Engagement(on, ids, method, rung)


def the_map() -> StakeholderMap:
    return StakeholderMap.create(
        PEOPLE,
        engagements=[
            engaged(
                dt.date(2026, 1, 20), {"users", "carers"}, CoProductionRung.CONSULTATION, "survey"
            ),
            engaged(dt.date(2026, 4, 2), {"cabinet"}, CoProductionRung.INFORMING, "briefing"),
            engaged(
                dt.date(2026, 5, 14), {"users", "provider"}, CoProductionRung.CO_DESIGN, "workshop"
            ),
            engaged(
                dt.date(2026, 7, 3), {"icb", "carers"}, CoProductionRung.CO_PRODUCTION, "workshop"
            ),
        ],
        at=T0,
        actor="alice",
    )[0]


def test_engagements_can_be_found_by_kind_date_rung_and_method() -> None:
    m = the_map()
    users = find_engagements(m, kinds={StakeholderKind.SERVICE_USER})
    assert [e.on.month for e in users] == [1, 5]
    assert len(find_engagements(m, kinds={"carer", "cabinet"})) == 3
    assert len(find_engagements(m, at_least=CoProductionRung.CO_DESIGN)) == 2
    assert len(find_engagements(m, at_least=ArnsteinRung.INFORMING)) == 0
    assert len(find_engagements(m, start=dt.date(2026, 4, 2), end=dt.date(2026, 5, 14))) == 2
    assert [e.method for e in find_engagements(m, methods={"workshop"}, stakeholders={"icb"})] == [
        "workshop"
    ]
    assert len(find_engagements(m)) == 4
    # a lone string is one kind, not a set of letters
    assert find_engagements(m, kinds="service user") == users
    assert find_engagements(m, at_least="co-design") == find_engagements(  # type: ignore[arg-type] # a rung's name
        m, at_least=CoProductionRung.CO_DESIGN
    )
    with pytest.raises(InvalidInput):
        find_engagements(m, at_least="informing")  # type: ignore[arg-type] # on both ladders
    with pytest.raises(InvalidInput):
        find_engagements(m, at_least=())
    with pytest.raises(InvalidInput):
        find_engagements(m, start=T0)  # a datetime, not a date


def test_engagements_come_back_in_date_order() -> None:
    m, _ = StakeholderMap.create(
        PEOPLE[:1],
        engagements=[
            engaged(dt.date(2026, 3, 1), {"cabinet"}, CoProductionRung.INFORMING),
            engaged(dt.date(2026, 1, 1), {"cabinet"}, CoProductionRung.INFORMING),
        ],
        at=T0,
        actor="alice",
    )
    assert [e.on.month for e in find_engagements(m)] == [1, 3]


def test_gaps_on_a_date() -> None:
    gaps = engagement_gaps(the_map(), on=ON)
    # key players (power and interest at least 5): cabinet, icb, provider.
    # In the 90 days to 30 June (from 2 April): cabinet 2 April, provider 14 May;
    # the ICB's workshop is on 3 July, after the date, so it does not count.
    assert gaps.key_players_not_engaged == ("icb",)
    # service users and carers: users reached co-design on 14 May; carers only
    # consultation by 30 June (their co-production is on 3 July)
    assert gaps.never_engaged_at_level == ("carers",)
    assert gaps.plan is None
    assert gaps.quadrant_changes == ()
    assert not gaps.is_empty


def test_the_window_includes_its_first_day_and_not_the_day_before() -> None:
    m = the_map()
    # the cabinet was briefed on 2 April; a 90-day window ending 30 June starts on 2 April
    assert "cabinet" not in engagement_gaps(m, on=ON, window_days=90).key_players_not_engaged
    assert "cabinet" in engagement_gaps(m, on=ON, window_days=89).key_players_not_engaged


def test_arnstein_records_count_only_when_asked() -> None:
    m, _ = the_map().record_engagement(
        engaged(dt.date(2026, 6, 1), {"carers"}, ArnsteinRung.PARTNERSHIP), at=T1, actor="bob"
    )
    assert engagement_gaps(m, on=ON).never_engaged_at_level == ("carers",)
    either = (CoProductionRung.CO_DESIGN, ArnsteinRung.PARTNERSHIP)
    assert engagement_gaps(m, on=ON, at_least=either).never_engaged_at_level == ()
    only_users = engagement_gaps(m, on=ON, service_user_kinds="service user")
    assert only_users.never_engaged_at_level == ()


def test_quadrant_changes_since_the_last_plan() -> None:
    m, _ = the_map().record_plan(on=dt.date(2026, 1, 10), at=T0, actor="alice")
    m, _ = m.update("residents", power=7, interest=7, at=T1, actor="bob")
    m, _ = m.add(Stakeholder("union", "UNISON", "trade union", power=6), at=T1, actor="bob")
    m, _ = m.remove("carers", at=T1, actor="bob")
    gaps = engagement_gaps(m, on=ON)
    assert gaps.plan is not None
    assert gaps.quadrant_changes == (
        QuadrantChange("carers", Quadrant.KEEP_INFORMED, None),
        QuadrantChange("residents", Quadrant.MONITOR, Quadrant.KEY_PLAYERS),
        QuadrantChange("union", None, Quadrant.KEEP_SATISFIED),
    )
    # a plan dated after the check date is not "the last plan" yet
    m2, _ = m.record_plan(on=dt.date(2026, 7, 1), at=T1, actor="bob")
    assert engagement_gaps(m2, on=ON).plan == gaps.plan
    assert engagement_gaps(m2, on=dt.date(2026, 7, 1)).quadrant_changes == ()


def test_gaps_refuse_bad_settings() -> None:
    with pytest.raises(InvalidInput) as caught:
        engagement_gaps(the_map(), on=T0, window_days=0)  # a datetime, not a date
    assert [p.field for p in caught.value.problems] == ["on", "window_days"]


@given(stakeholder_maps())
def test_nobody_has_gaps_when_everyone_co_produced_today(m: StakeholderMap) -> None:
    if len(m) == 0:
        return
    today = dt.date(2028, 1, 1)
    m, _ = m.record_plan(on=today, at=m.history[-1].occurred_at, actor="x")
    m, _ = m.record_engagement(
        engaged(today, set(m.stakeholders), CoProductionRung.CO_PRODUCTION),
        at=m.history[-1].occurred_at,
        actor="x",
    )
    assert engagement_gaps(m, on=today, window_days=1).is_empty


# ---- compare ------------------------------------------------------------------------


def test_compare_two_dates() -> None:
    m = the_map()
    m, _ = m.update("icb", interest=2, at=T1, actor="bob")
    m, _ = m.relate(Relationship("icb", "provider", "funds", weight=0.5), at=T1, actor="bob")
    m, _ = m.remove("residents", at=T1, actor="bob")
    m, _ = m.record_engagement(
        engaged(dt.date(2026, 4, 4), {"icb"}, CoProductionRung.ENGAGEMENT), at=T1, actor="bob"
    )
    diff = compare(m.as_of(T0), m.as_of(T1))
    assert diff.added == ()
    assert diff.removed == ("residents",)
    assert [(c.id, dict(c.changes)) for c in diff.changed] == [("icb", {"interest": (7, 2)})]
    assert diff.quadrant_changes == (
        QuadrantChange("icb", Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED),
        QuadrantChange("residents", Quadrant.MONITOR, None),
    )
    assert [r.key for r in diff.relationships_added] == [("icb", "provider", "funds")]
    assert len(diff.engagements_added) == 1
    assert diff.engagements_removed == ()


def test_compare_sees_reweighting() -> None:
    m, _ = StakeholderMap.create(
        PEOPLE[:2], [Relationship("cabinet", "icb", "influences", weight=0.2)], at=T0, actor="a"
    )
    m2, _ = m.relate(Relationship("cabinet", "icb", "influences", weight=0.8), at=T1, actor="a")
    diff = compare(m, m2)
    assert [(a.weight, b.weight) for a, b in diff.reweighted] == [(0.2, 0.8)]
    assert diff.relationships_added == diff.relationships_removed == ()


@given(stakeholder_maps(), stakeholder_maps())
def test_comparing_both_ways_mirrors(a: StakeholderMap, b: StakeholderMap) -> None:
    there, back = compare(a, b), compare(b, a)
    assert there.added == back.removed
    assert there.relationships_added == back.relationships_removed
    assert there.engagements_added == back.engagements_removed
    assert [c.id for c in there.changed] == [c.id for c in back.changed]
    assert compare(a, a).is_empty
    assert there.is_empty == _same_but_plans(a, b)  # plans are not compared


def _same_but_plans(a: StakeholderMap, b: StakeholderMap) -> bool:
    return (
        dict(a.stakeholders) == dict(b.stakeholders)
        and set(a.relationships) == set(b.relationships)
        and sorted(map(repr, a.engagements)) == sorted(map(repr, b.engagements))
    )
