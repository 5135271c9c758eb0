"""The public API is exactly what each public module's ``__all__`` says."""

import importlib
import pkgutil
import types

import pytest

import commissioning


def _public_modules() -> list[str]:
    names = ["commissioning"]
    names.extend(
        info.name
        for info in pkgutil.walk_packages(commissioning.__path__, "commissioning.")
        if not any(part.startswith("_") for part in info.name.split("."))
    )
    return sorted(names)


PUBLIC_MODULES = _public_modules()


def test_the_public_modules_are_the_documented_areas() -> None:
    assert "commissioning.machine" in PUBLIC_MODULES
    assert "commissioning.strategies" in PUBLIC_MODULES


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_of_each_public_module_equals_its_public_names(name: str) -> None:
    module = importlib.import_module(name)
    declared = set(module.__all__)
    public = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == declared - {"__version__"}
    assert len(module.__all__) == len(declared), "duplicates in __all__"
    for attr in declared:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__
    for attr in module.__all__:
        value = getattr(module, attr)
        if callable(value) or isinstance(value, type):
            assert getattr(value, "__doc__", None), f"{name}.{attr} has no docstring"


def test_private_modules_are_not_reexported_as_modules() -> None:
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            assert not isinstance(getattr(module, attr), types.ModuleType)


def test_errors_are_pinned_at_the_top_level() -> None:
    assert set(commissioning.__all__) >= {
        "CommissioningError",
        "GuardRejected",
        "InvalidDefinition",
        "InvalidHistory",
        "InvalidInput",
        "InvalidInputType",
        "Problem",
        "Reason",
        "TransitionNotAllowed",
        "VersionConflict",
        "__version__",
    }


def test_the_shared_vocabulary_is_at_the_top_level() -> None:
    assert set(commissioning.__all__) >= {
        "EventOption",
        "EventRecord",
        "Instance",
        "Reason",
        "Verdict",
        "record_from_data",
        "record_to_data",
        "records_from_data",
        "records_to_data",
    }


@pytest.mark.parametrize("name", ["commissioning", "commissioning.machine", "commissioning.store"])
def test_public_classes_show_the_module_users_import_them_from(name: str) -> None:
    module = importlib.import_module(name)
    for attr in module.__all__:
        value = getattr(module, attr)
        if isinstance(value, type):
            assert not value.__module__.split(".")[-1].startswith("_"), (attr, value.__module__)
            home = importlib.import_module(value.__module__)
            assert getattr(home, attr) is value


PINNED = {
    "commissioning.machine": {
        "DEFINITION_FORMAT",
        "EVENTS_FORMAT",
        "EVENTS_FORMAT_VERSION",
        "FORMAT_VERSION",
        "MAX_DATA_DEPTH",
        "MAX_DATA_ITEMS",
        "RECORD_FORMAT",
        "RECORD_FORMAT_VERSION",
        "Aggregate",
        "Deadline",
        "Definition",
        "Due",
        "EventOption",
        "EventRecord",
        "Guard",
        "GuardRegistry",
        "Instance",
        "Period",
        "Reason",
        "State",
        "Transition",
        "Verdict",
        "definition_from_data",
        "definition_to_data",
        "freeze_data",
        "guard",
        "json_schema",
        "record_from_data",
        "record_to_data",
        "records_from_data",
        "records_to_data",
        "to_dot",
        "to_mermaid",
    },
    "commissioning.store": {
        "STORE_READABLE_FORMAT_VERSIONS",
        "STORE_SCHEMA_VERSION",
        "EventStore",
        "FeedEntry",
        "ObligationsProjection",
        "PostgresEventStore",
        "Repository",
        "SQLiteEventStore",
        "StoreSchemaError",
        "UnknownStream",
        "UnreadableRecord",
    },
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_engine_api_is_pinned(name: str) -> None:
    """Changing these names is a breaking change: update the CHANGELOG and this pin together."""
    assert set(importlib.import_module(name).__all__) == PINNED[name]


def test_no_two_public_names_alike_across_subpackages() -> None:
    owners: dict[str, set[int]] = {}
    where: dict[str, list[str]] = {}
    for name in PUBLIC_MODULES:
        if name == "commissioning":
            continue
        module = importlib.import_module(name)
        for attr in module.__all__:
            owners.setdefault(attr, set()).add(id(getattr(module, attr)))
            where.setdefault(attr, []).append(name)
    clashes = {attr: where[attr] for attr, ids in owners.items() if len(ids) > 1}
    assert clashes == {}
