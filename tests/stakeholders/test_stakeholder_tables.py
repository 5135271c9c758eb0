"""Engagement you can act on, tables that plot, and what a notebook shows (issue 16)."""

import datetime as dt

import pendulum
import pytest

from commissioning import InvalidInput
from commissioning.stakeholders import (
    ArnsteinRung,
    CoProductionRung,
    Engagement,
    Quadrant,
    Relationship,
    Stakeholder,
    StakeholderMap,
    engagement_gaps,
    engagement_summary,
    influence_rank,
)

pd = pytest.importorskip("pandas")

AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
PEOPLE = [
    Stakeholder("cabinet", "Cabinet & <friends>", "cabinet", power=9, interest=8),
    Stakeholder("inhouse", "In-house meals team", "other department", power=3, interest=9),
    Stakeholder("users", "Users' panel", "service user", power=2, interest=9),
    Stakeholder("icb", "ICB", "health partner", power=8, interest=7),
]
ENGAGEMENTS = [
    Engagement(dt.date(2026, 1, 9), {"cabinet", "users"}, "meeting", CoProductionRung.CONSULTATION),
    Engagement(dt.date(2026, 2, 3), {"users"}, "workshop", CoProductionRung.CO_DESIGN),
    Engagement(dt.date(2026, 2, 9), {"users"}, "panel", ArnsteinRung.PARTNERSHIP),
    Engagement(dt.date(2026, 2, 20), {"gone"}, "meeting", CoProductionRung.INFORMING),
]


def meals() -> StakeholderMap:
    m, _ = StakeholderMap.create(
        PEOPLE,
        [Relationship("cabinet", "icb", "partners with", weight=0.8)],
        engagements=ENGAGEMENTS,
        id="meals",
        at=AT,
        actor="al",
    )
    return m


def test_the_summary_names_who_was_never_engaged_and_each_ones_last_contact_and_rungs() -> None:
    summary = engagement_summary(meals())
    assert summary.never_engaged == ("icb", "inhouse")
    assert [c.id for c in summary] == ["cabinet", "icb", "inhouse", "users"]  # the map's, by id
    users = summary["users"]
    assert users.engagements == 3
    assert users.last_contact == pendulum.Date(2026, 2, 9)
    assert isinstance(users.last_contact, pendulum.Date)
    assert users.highest_co_production is CoProductionRung.CO_DESIGN
    assert users.highest_arnstein is ArnsteinRung.PARTNERSHIP
    cabinet = summary["cabinet"]
    assert (cabinet.engagements, cabinet.highest_arnstein) == (1, None)
    assert summary["icb"].last_contact is None
    with pytest.raises(KeyError):
        summary["gone"]
    earlier = engagement_summary(meals(), on=dt.date(2026, 1, 31))
    assert earlier["users"].highest_co_production is CoProductionRung.CONSULTATION
    assert earlier["users"].engagements == 1
    with pytest.raises(InvalidInput):
        engagement_summary(meals(), on=AT)  # a datetime, not a day


def test_gaps_list_every_stakeholder_never_engaged_and_tabulate_every_gap() -> None:
    gaps = engagement_gaps(meals(), on=dt.date(2026, 3, 1))
    assert gaps.never_engaged == ("icb", "inhouse")
    assert not gaps.is_empty
    table = gaps.to_frame()
    assert list(table.columns) == ["id", "gap", "before", "after"]
    never = table[table["gap"] == "never engaged"]["id"].tolist()
    assert never == ["icb", "inhouse"]
    assert ("icb", "key player not engaged recently") in set(
        zip(table["id"], table["gap"], strict=True)
    )
    assert engagement_gaps(meals(), on=dt.date(2026, 1, 1)).never_engaged == (
        "cabinet",
        "icb",
        "inhouse",
        "users",
    )


def test_the_map_tables_have_numbers_and_datetimes_that_plot() -> None:
    m = meals()
    people = m.to_frame()
    assert people["id"].tolist() == ["cabinet", "icb", "inhouse", "users"]
    assert str(people["power"].dtype) == "int64"
    assert people["power"].mean() == pytest.approx(5.5)
    assert people.loc[people["id"] == "cabinet", "quadrant"].item() == "key players"
    assert people.loc[people["id"] == "cabinet", "salience"].item() == "dormant"
    ties = m.to_frame("relationships")
    assert str(ties["weight"].dtype) == "float64"
    engagements = m.to_frame("engagements")
    assert str(engagements["on"].dtype) == "datetime64[ns]"
    assert engagements["rung"].tolist()[:2] == ["consultation", "co-design"]
    assert engagements["stakeholders"].tolist()[0] == "cabinet, users"
    exact = m.to_frame("engagements", exact=True)
    assert exact["rung"].tolist()[0] is CoProductionRung.CONSULTATION
    assert exact["on"].tolist()[0] == dt.date(2026, 1, 9)
    plans = m.record_plan(on=dt.date(2026, 3, 1), at=AT, actor="al")[0].to_frame("plans")
    assert plans["id"].tolist() == ["cabinet", "icb", "inhouse", "users"]
    assert plans["quadrant"].tolist() == [
        Quadrant.KEY_PLAYERS.value,
        "key players",
        "keep informed",
        "keep informed",
    ]
    with pytest.raises(InvalidInput) as caught:
        m.to_frame("people")
    assert caught.value.field == "table"


def test_a_ranking_is_a_sequence_with_a_table() -> None:
    ranks = influence_rank(meals())
    top = ranks[:2]
    assert isinstance(top, tuple)
    assert [p.rank for p in ranks] == [1, 2, 3, 4]
    assert ranks.ids[0] == top[0].id
    table = ranks.to_frame()
    assert table.index.name == "rank"
    assert table.loc[1, "id"] == ranks[0].id
    assert str(table["score"].dtype) == "float64"


def test_notebooks_show_the_map_gaps_summary_and_ranking_as_escaped_html() -> None:
    m = meals()
    shown = m._repr_html_()
    assert "Stakeholder map meals" in shown
    assert "Cabinet &amp; &lt;friends&gt;" in shown
    assert "<table>" in shown
    assert "<caption>Engagement gaps on 2026-03-01</caption>" in (
        engagement_gaps(m, on=dt.date(2026, 3, 1))._repr_html_()
    )
    assert "2 never engaged" in engagement_summary(m)._repr_html_()
    assert "Influence rank" in influence_rank(m)._repr_html_()
    many, _ = StakeholderMap.create(
        [Stakeholder(f"s{i:02d}", f"S {i}", "resident") for i in range(30)], at=AT, actor="al"
    )
    assert "... 10 more" in many._repr_html_()
