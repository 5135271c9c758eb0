"""Maps share what a change does not touch; batches of changes equal the same changes one by one."""

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning import InvalidInput, InvalidInputType
from commissioning.stakeholders import (
    CoProductionRung,
    Engagement,
    Relationship,
    Stakeholder,
    StakeholderMap,
    UnknownStakeholder,
)
from commissioning.stakeholders._persistent import Log, PMap, PMapBuilder
from commissioning.strategies import stakeholder_maps

T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 2, 5, 9, tzinfo=dt.UTC)


# ---- the persistent containers ------------------------------------------------------------

_OPS = st.lists(st.tuples(st.booleans(), st.integers(0, 400), st.integers()), max_size=300)


@given(_OPS)
def test_a_persistent_map_behaves_as_a_dict_and_never_changes_an_older_version(
    ops: list[tuple[bool, int, int]],
) -> None:
    model: dict[int, int] = {}
    current: PMap[int, int] = PMap()
    versions: list[tuple[PMap[int, int], dict[int, int]]] = []
    for put, key, value in ops:
        if put:
            current = current.set(key, value)
            model[key] = value
        elif key in model:
            current = current.delete(key)
            del model[key]
        versions.append((current, dict(model)))
    for version, expected in versions:  # every version as it was, after all the later ones
        assert dict(version.items()) == expected
        assert len(version) == len(expected)
        assert all(version[k] == v and k in version for k, v in expected.items())
        assert -1 not in version
        unhashable: object = []
        assert unhashable not in version  # not a key, and no error


def test_a_builder_copies_each_shard_once_and_reshards_as_the_map_grows() -> None:
    empty: PMap[int, int] = PMap()
    builder = PMapBuilder(empty)
    for i in range(5_000):
        builder[i] = i
    grown = builder.finish()
    assert len(grown) == 5_000
    assert len(grown.shards()) ** 2 >= 5_000 // 2  # about sqrt(n) shards, not 8
    assert dict(empty.items()) == {}
    one = grown.set(7, -7)
    changed = [a is not b for a, b in zip(grown.shards(), one.shards(), strict=True)]
    assert changed.count(True) == 1  # one shard copied, the rest shared
    assert grown[7] == 7
    assert one[7] == -7
    assert PMapBuilder(grown).finish() is grown  # nothing changed: the same map


def test_a_log_appends_in_place_to_its_newest_version_and_copies_for_an_older_one() -> None:
    base = Log([1, 2])
    newer = base.extend([3])
    branch = base.extend([9])
    assert newer.as_tuple() == (1, 2, 3)
    assert branch.as_tuple() == (1, 2, 9)
    assert base.as_tuple() == (1, 2)
    assert newer.last() == 3
    assert Log[int]().last() is None
    assert base.extend([]) is base


# ---- maps share what a change does not touch ----------------------------------------------


def _map() -> StakeholderMap:
    people = [Stakeholder(f"s{i:03d}", f"S {i}", "resident", power=i % 11) for i in range(300)]
    ties = [
        Relationship(f"s{i:03d}", f"s{(i * 7 + 1) % 300:03d}", "influences", weight=0.5)
        for i in range(300)
    ]
    return StakeholderMap.create(people, ties, at=T0, actor="al")[0]


def test_an_update_shares_the_relationships_and_all_but_one_shard_of_stakeholders() -> None:
    m = _map()
    updated, _ = m.update("s001", power=10, at=T1, actor="al")
    assert updated._out is m._out
    assert updated._in is m._in
    old, new = m._people.shards(), updated._people.shards()
    assert sum(a is not b for a, b in zip(old, new, strict=True)) == 1
    assert m.stakeholder("s001").power == 1
    assert updated.stakeholder("s001").power == 10


def test_two_changes_from_one_map_do_not_see_each_other() -> None:
    m = _map()
    left, _ = m.add(Stakeholder("left", "Left", "carer"), at=T1, actor="al")
    right, _ = m.remove("s002", at=T1, actor="al")
    assert "left" in left
    assert "left" not in right
    assert "left" not in m
    assert "s002" in left
    assert "s002" not in right
    assert "s002" in m
    assert len(left.history) == len(right.history) == len(m.history) + 1
    assert (left.history[-1].event, right.history[-1].event) == ("add", "remove")
    assert StakeholderMap.replay(left.history) == left
    assert StakeholderMap.replay(right.history) == right
    assert all("s002" not in (r.source, r.target) for r in right.relationships)
    assert right.relationships_of("s001", direction="both") == m.relationships_of(
        "s001", direction="both"
    )


def test_stakeholders_keep_the_order_they_were_added_in() -> None:
    m, _ = StakeholderMap().add(Stakeholder("b", "B", "carer"), at=T0, actor="al")
    m, _ = m.add(Stakeholder("a", "A", "carer"), at=T0, actor="al")
    m, _ = m.update("b", power=3, at=T0, actor="al")
    m, _ = m.add(Stakeholder("c", "C", "carer"), at=T0, actor="al")
    assert list(m.stakeholders) == ["b", "a", "c"]
    assert [s.id for s in m] == ["b", "a", "c"]
    m, _ = m.remove("b", at=T0, actor="al")
    m, _ = m.add(Stakeholder("b", "B again", "carer"), at=T0, actor="al")
    assert list(m.stakeholders) == ["a", "c", "b"]


# ---- batches -------------------------------------------------------------------------------


def _changes(m: StakeholderMap, data: st.DataObject) -> list[tuple[str, dict[str, Any]]]:
    """Valid changes for ``m`` (each valid after the ones before it), and the ids they use."""
    ids = sorted(m.stakeholders)
    changes: list[tuple[str, dict[str, Any]]] = []
    ties = {r.key: r for r in m.relationships}
    for n in range(data.draw(st.integers(0, 8))):
        kind = data.draw(st.sampled_from(["add", "update", "relate", "unrelate", "remove", "plan"]))
        if kind == "add" or not ids:
            s = Stakeholder(f"new{n}", f"New {n}", "carer", power=n % 11)
            ids.append(s.id)
            changes.append(("add", {"stakeholder": s}))
        elif kind == "update":
            sid = data.draw(st.sampled_from(ids))
            changes.append(("update", {"id": sid, "interest": n % 11}))
        elif kind == "relate" and len(ids) > 1:
            u, v = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            r = Relationship(u, v, "funds", weight=0.5)
            ties[r.key] = r
            changes.append(("relate", {"relationship": r}))
        elif kind == "unrelate" and ties:
            key = data.draw(st.sampled_from(sorted(ties)))
            del ties[key]
            changes.append(("unrelate", dict(zip(("source", "target", "type"), key, strict=True))))
        elif kind == "remove":
            sid = data.draw(st.sampled_from(ids))
            ids.remove(sid)
            ties = {k: r for k, r in ties.items() if sid not in k[:2]}
            changes.append(("remove", {"id": sid}))
        else:
            changes.append(("record_plan", {"on": dt.date(2026, 3, 1), "name": f"plan {n}"}))
    return changes


@given(stakeholder_maps(), st.data())
def test_a_batch_equals_the_same_changes_made_one_at_a_time(
    m: StakeholderMap, data: st.DataObject
) -> None:
    at = m.history[-1].occurred_at
    changes = _changes(m, data)
    batched, events = m.apply(changes, at=at, actor="ed")
    stepwise = m
    commands: dict[str, Any] = {
        "add": lambda mm, a: mm.add(a["stakeholder"], at=at, actor="ed"),
        "update": lambda mm, a: mm.update(
            a["id"], **{k: v for k, v in a.items() if k != "id"}, at=at, actor="ed"
        ),
        "relate": lambda mm, a: mm.relate(a["relationship"], at=at, actor="ed"),
        "unrelate": lambda mm, a: mm.unrelate(**a, at=at, actor="ed"),
        "remove": lambda mm, a: mm.remove(a["id"], at=at, actor="ed"),
        "record_plan": lambda mm, a: mm.record_plan(**a, at=at, actor="ed"),
    }
    for command, arguments in changes:
        stepwise, _ = commands[command](stepwise, arguments)
    assert batched == stepwise
    assert batched.history == stepwise.history
    assert events == batched.history[len(m.history) :]
    assert StakeholderMap.replay(batched.history) == batched


def test_a_refused_change_in_a_batch_is_named_and_nothing_is_kept() -> None:
    m = _map()
    before = (m.version, m.relationships, dict(m.stakeholders))
    engagement = Engagement(
        dt.date(2026, 2, 1), {"s001", "ghost"}, "workshop", CoProductionRung.CO_DESIGN
    )
    with pytest.raises(UnknownStakeholder) as caught:
        m.apply(
            [
                ("add", {"stakeholder": Stakeholder("ok", "OK", "carer")}),
                ("record_engagement", {"engagement": engagement}),
            ],
            at=T1,
            actor="al",
        )
    assert caught.value.field == "changes[1].engagement.stakeholders"
    assert caught.value.id == "ghost"
    with pytest.raises(InvalidInput) as bad_field:
        m.apply([("update", {"id": "s001", "colour": "red"})], at=T1, actor="al")
    assert bad_field.value.field == "changes[0].colour"
    with pytest.raises(InvalidInput) as bad_command:
        m.apply([("paint", {})], at=T1, actor="al")
    assert bad_command.value.field == "changes[0][0]"
    assert "relate" in bad_command.value.expected
    with pytest.raises(InvalidInputType) as not_pair:
        m.apply(["add"], at=T1, actor="al")  # type: ignore[list-item]  # refused on purpose
    assert not_pair.value.field == "changes[0]"
    with pytest.raises(InvalidInputType):
        m.apply({"add": {}}, at=T1, actor="al")  # type: ignore[dict-item]  # refused on purpose
    with pytest.raises(InvalidInput) as missing:
        m.apply([("relate", {})], at=T1, actor="al")
    assert missing.value.field == "changes[0].relationship"
    assert (m.version, m.relationships, dict(m.stakeholders)) == before


def test_an_empty_batch_changes_nothing_and_records_nothing() -> None:
    m = _map()
    same, events = m.apply([], at=T1, actor="al")
    assert events == ()
    assert same == m
    assert same.version == m.version
