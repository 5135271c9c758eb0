"""Procedures are built on first use, once, and the registries agree with each other."""

import threading

import pytest

from commissioning import InvalidInput
from commissioning.procurement import PA_PROCEDURE_KEYS, PROCEDURES, Procedure, procedure
from commissioning.procurement._pa_procedures import PA_PROCEDURES
from commissioning.procurement._pcr import PCR_PROCEDURES
from commissioning.procurement._psr import PSR_PROCEDURES
from commissioning.procurement._registry import ProcedureRegistry


def test_every_key_builds_the_procedure_of_that_key() -> None:
    for key in PROCEDURES:
        proc = PROCEDURES[key]
        assert isinstance(proc, Procedure)
        assert proc.key == key
        assert proc.definition.name == key


def test_procedures_are_the_union_of_the_regimes_in_order_sharing_their_objects() -> None:
    assert list(PROCEDURES) == [*PA_PROCEDURES, *PCR_PROCEDURES, *PSR_PROCEDURES]
    assert tuple(PA_PROCEDURES) == PA_PROCEDURE_KEYS
    for part in (PA_PROCEDURES, PCR_PROCEDURES, PSR_PROCEDURES):
        for key in part:
            assert PROCEDURES[key] is part[key]
            assert procedure(key) is part[key]


def test_an_unknown_key_is_refused_by_name() -> None:
    with pytest.raises(KeyError):
        PROCEDURES["pa-closed"]
    assert "pa-closed" not in PROCEDURES
    assert ["x"] not in PROCEDURES  # type: ignore[comparison-overlap] # unhashable: not a key
    with pytest.raises(InvalidInput, match="pa-closed"):
        procedure("pa-closed")
    with pytest.raises(InvalidInput):
        procedure(["pa-open"])  # type: ignore[arg-type]


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        PROCEDURES["pa-open"] = PROCEDURES["pa-open"]  # type: ignore[index]


def test_a_registry_builds_each_procedure_once_on_first_use_even_from_several_threads() -> None:
    calls: list[str] = []
    barrier = threading.Barrier(4)

    def build() -> Procedure:
        calls.append("pa-open")
        return PA_PROCEDURES["pa-open"]

    registry = ProcedureRegistry({"pa-open": build})
    assert "built=0" in repr(registry)
    assert len(registry) == 1
    assert "pa-open" in registry
    assert calls == []  # asking what is there builds nothing
    got: list[Procedure] = []

    def ask() -> None:
        barrier.wait()
        got.append(registry["pa-open"])

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["pa-open"]
    assert len(got) == 4
    assert all(p is got[0] for p in got)
    assert "built=1" in repr(registry)
