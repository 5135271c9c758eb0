"""Stakeholders, relationships, thresholds, ladders and engagements: the values and their checks."""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType, record_from_data, record_to_data
from commissioning.stakeholders import (
    ArnsteinRung,
    CoProductionRung,
    Engagement,
    EngagementPlan,
    Quadrant,
    Relationship,
    RelationType,
    Stakeholder,
    StakeholderKind,
    StakeholderMap,
    Thresholds,
)
from commissioning.strategies import participation_rungs, stakeholder_records

DAY = dt.date(2026, 3, 4)


def test_a_stakeholder_reports_every_bad_score_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        Stakeholder("x", "X", "resident", power=11, interest=-1, legitimacy=True, urgency=2.5)  # type: ignore[arg-type] # bad on purpose
    # 4 problems: power above 10, interest below 0, a bool and a float are not whole numbers
    assert [p.field for p in caught.value.problems] == [
        "power",
        "interest",
        "legitimacy",
        "urgency",
    ]


def test_a_stakeholder_needs_tidy_non_empty_text() -> None:
    with pytest.raises(InvalidInput) as caught:
        Stakeholder(" x", "", "resident", tags={"ok", " padded"})
    assert [p.field for p in caught.value.problems] == ["id", "name", "tags"]


def test_a_stakeholder_with_a_non_string_id_is_a_type_error() -> None:
    with pytest.raises(InvalidInputType):
        Stakeholder(3, "X", "resident")  # type: ignore[arg-type] # bad on purpose


def test_kinds_are_the_references_list_and_extensible() -> None:
    # 17 kinds: the reference's typical stakeholders, with members/cabinet and
    # incumbent/prospective providers split
    assert len(StakeholderKind) == 17
    assert Stakeholder("x", "X", StakeholderKind.TRADE_UNION).kind == "trade union"
    assert Stakeholder("x", "X", "police and crime commissioner").kind == (
        "police and crime commissioner"
    )


def test_tags_are_kept_as_a_frozenset() -> None:
    s = Stakeholder("x", "X", "resident", tags=["b", "a", "b"])
    assert s.tags == frozenset({"a", "b"})
    assert hash(s) == hash(Stakeholder("x", "X", "resident", tags=("a", "b")))


def test_relationships_are_directed_weighted_and_never_to_oneself() -> None:
    assert len(RelationType) == 7  # the reference's seven relationships
    r = Relationship("icb", "provider", RelationType.FUNDS, weight=0.8)
    assert r.key == ("icb", "provider", "funds")
    with pytest.raises(InvalidInput) as caught:
        Relationship("a", "a", "funds", weight=0)
    assert [p.field for p in caught.value.problems] == ["weight", "target"]
    for bad in (1.5, float("nan"), float("inf"), -0.1):
        with pytest.raises(InvalidInput):
            Relationship("a", "b", "funds", weight=bad)


def test_thresholds_must_leave_room_for_high_and_low() -> None:
    with pytest.raises(InvalidInput) as caught:
        Thresholds(power=0, interest=11)
    assert [p.field for p in caught.value.problems] == ["power", "interest"]
    assert Thresholds(power=10).is_high("power", 10)
    assert not Thresholds(power=10).is_high("power", 9)


def test_the_co_production_ladder_runs_coercion_to_co_production() -> None:
    rungs = list(CoProductionRung)
    assert [r.value for r in rungs] == [
        "coercion",
        "educating",
        "informing",
        "consultation",
        "engagement",
        "co-design",
        "co-production",
    ]
    shuffled = [rungs[i] for i in (3, 6, 0, 5, 1, 4, 2)]
    assert sorted(shuffled) == rungs
    # doing to (2), doing for (3), doing with (2)
    assert [r.group for r in rungs].count("doing for") == 3
    assert CoProductionRung.CO_DESIGN.group == "doing with"


def test_arnsteins_ladder_has_eight_rungs_in_three_groups() -> None:
    assert [r.rank for r in ArnsteinRung] == list(range(1, 9))
    assert {r.group for r in ArnsteinRung} == {"non-participation", "tokenism", "citizen power"}
    assert ArnsteinRung.CITIZEN_CONTROL > ArnsteinRung.DELEGATED_POWER > ArnsteinRung.PARTNERSHIP


def test_rungs_of_different_ladders_cannot_be_compared() -> None:
    with pytest.raises(TypeError):
        assert ArnsteinRung.INFORMING < CoProductionRung.CONSULTATION
    assert ArnsteinRung.INFORMING.value == CoProductionRung.INFORMING.value
    assert len({ArnsteinRung.INFORMING, CoProductionRung.INFORMING}) == 2  # still different rungs


@given(participation_rungs(), participation_rungs())
def test_rung_order_is_the_ladder_order(a: CoProductionRung, b: CoProductionRung) -> None:
    if type(a) is type(b):
        assert (a < b) == (a.rank < b.rank)
        assert (a >= b) == (a.rank >= b.rank)
    else:
        with pytest.raises(TypeError):
            assert a <= b


def test_an_engagement_keeps_who_when_how_and_the_rung() -> None:
    e = Engagement(DAY, ["carers", "users", "carers"], "workshop", CoProductionRung.CO_DESIGN)
    assert e.stakeholders == frozenset({"carers", "users"})
    assert e.reaches(CoProductionRung.CONSULTATION)
    assert not e.reaches(ArnsteinRung.MANIPULATION)  # another ladder never matches
    assert e.reaches((ArnsteinRung.CITIZEN_CONTROL, CoProductionRung.CO_PRODUCTION)) is False


def test_an_engagement_reports_every_problem() -> None:
    with pytest.raises(InvalidInput) as caught:
        Engagement(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), [], "", "informing")
    assert [p.field for p in caught.value.problems] == ["on", "stakeholders", "method", "rung"]
    assert "ArnsteinRung.INFORMING" in caught.value.problems[3].expected


def test_closed_sets_are_accepted_from_their_value_strings() -> None:
    e = Engagement(DAY, {"a"}, "workshop", "co-design")
    assert e.rung is CoProductionRung.CO_DESIGN
    assert Engagement(DAY, {"a"}, "workshop", "partnership").rung is ArnsteinRung.PARTNERSHIP
    assert EngagementPlan(DAY, {"a": "monitor"}).quadrants["a"] is Quadrant.MONITOR
    with pytest.raises(InvalidInput) as caught:
        EngagementPlan(DAY, {"a": "nowhere"})
    assert caught.value.field == "quadrants['a']"
    with pytest.raises(InvalidInput):
        Engagement(DAY, {"a"}, "workshop", "the top rung")


def test_a_plan_is_read_only_and_hashable() -> None:
    quadrants = {"a": Quadrant.MONITOR}
    plan = EngagementPlan(DAY, quadrants)
    quadrants["a"] = Quadrant.KEY_PLAYERS
    assert plan.quadrants["a"] is Quadrant.MONITOR
    with pytest.raises(TypeError):
        plan.quadrants["a"] = Quadrant.KEY_PLAYERS  # type: ignore[index] # read-only on purpose
    assert hash(plan) == hash(EngagementPlan(DAY, {"a": Quadrant.MONITOR}))
    with pytest.raises(InvalidInput):
        EngagementPlan(DAY, {"a": 3})  # bad on purpose: not a Quadrant


def test_a_record_is_in_utc_read_only_and_json_compatible() -> None:
    bst = dt.timezone(dt.timedelta(hours=1))
    m, (record,) = StakeholderMap.create(
        [Stakeholder("a", "A", "resident", tags={"east"})],
        id="meals",
        at=dt.datetime(2026, 6, 1, 10, tzinfo=bst),
        actor="al",
    )
    assert record.occurred_at == dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
    assert record.occurred_at.tzinfo is dt.UTC
    assert (record.stream_id, record.version, record.event) == ("meals", 1, "import")
    assert (record.path, record.source, record.target) == ((), None, None)
    with pytest.raises(TypeError):
        record.data["x"] = 2  # type: ignore[index] # read-only on purpose
    assert json.loads(json.dumps(record_to_data(record)))["data"]["stakeholders"] == [
        ["a", "A", "resident", 0, 0, 0, 0, ["east"]]
    ]
    assert record_from_data(record_to_data(record)) == record
    with pytest.raises(InvalidInput) as naive:
        m.add(Stakeholder("b", "B", "carer"), at=dt.datetime(2026, 6, 1), actor="al")  # noqa: DTZ001 - a naive time, bad on purpose
    assert naive.value.field == "at"
    with pytest.raises(InvalidInput) as nobody:
        m.add(Stakeholder("b", "B", "carer"), at=dt.datetime(2026, 6, 2, tzinfo=dt.UTC), actor=" ")
    assert nobody.value.field == "actor"


@given(stakeholder_records(), st.integers(0, 10))
def test_values_are_immutable_and_change_by_evolve(s: Stakeholder, power: int) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.power = power  # type: ignore[misc] # frozen on purpose
    changed = attrs.evolve(s, power=power)
    assert changed.power == power
    assert changed.id == s.id


@given(
    st.from_type(Stakeholder),
    st.from_type(Thresholds),
    st.from_type(Engagement),
    st.from_type(Relationship),
    st.from_type(EngagementPlan),
    st.from_type(StakeholderMap),
)
def test_the_types_are_registered_with_hypothesis(
    s: Stakeholder,
    t: Thresholds,
    e: Engagement,
    r: Relationship,
    p: EngagementPlan,
    m: StakeholderMap,
) -> None:
    assert isinstance(s, Stakeholder)
    assert isinstance(t, Thresholds)
    assert isinstance(e, Engagement)
    assert isinstance(r, Relationship)
    assert isinstance(p, EngagementPlan)
    assert isinstance(m, StakeholderMap)
    assert all(r.occurred_at.tzinfo is dt.UTC for r in m.history)
