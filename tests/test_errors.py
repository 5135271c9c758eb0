from decimal import Decimal

import pytest

from commissioning import (
    CommissioningError,
    GuardRejected,
    InvalidDefinition,
    InvalidHistory,
    InvalidInput,
    InvalidInputType,
    Problem,
    Reason,
    TransitionNotAllowed,
    VersionConflict,
)
from commissioning._money import pounds
from commissioning._validation import Checker


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (InvalidDefinition, ValueError),
        (TransitionNotAllowed, ValueError),
        (GuardRejected, ValueError),
        (VersionConflict, ValueError),
        (InvalidHistory, ValueError),
        (InvalidInput, ValueError),
        (InvalidInputType, TypeError),
        (InvalidInputType, ValueError),
    ],
)
def test_every_error_is_a_commissioning_error_and_its_builtin(
    error: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(error, CommissioningError)
    assert issubclass(error, builtin)


def test_invalid_input_reports_every_problem_at_once() -> None:
    check = Checker()
    check.type("name", 1, str, "a str")
    check.that(False, "size", "a positive int", -3)
    with pytest.raises(InvalidInput) as info:
        check.done()
    assert [p.field for p in info.value.problems] == ["name", "size"]
    assert info.value.field == "name"
    assert info.value.expected == "a str"
    assert info.value.received == 1
    assert not isinstance(info.value, TypeError)


def test_only_type_problems_make_a_type_error() -> None:
    err = InvalidInput.from_problems([Problem("n", "an int", "x", "type")])
    assert isinstance(err, TypeError)


def test_a_checker_with_no_problems_does_not_raise() -> None:
    check = Checker()
    assert check.type("n", 3, int, "an int")
    check.done()


def test_bools_are_not_accepted_where_ints_are_expected() -> None:
    check = Checker()
    assert not check.type("n", True, int, "an int")


def test_money_is_exact_pence() -> None:
    assert pounds(Decimal(12000)) == Decimal("12000.00")
    assert pounds("0.10") == Decimal("0.10")
    with pytest.raises(InvalidInput, match="whole number of pence"):
        pounds("0.001")
    with pytest.raises(InvalidInputType):
        pounds(0.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputType):
        pounds(True)
    with pytest.raises(InvalidInput):
        pounds("lots")
    with pytest.raises(InvalidInput, match="finite"):
        pounds("Infinity")


def test_messages_abbreviate_hostile_values_safely() -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    err = InvalidInput([Problem("data", "JSON", deep), Problem("n", "a small int", 10**6000)])
    assert "[[[" in str(err)
    assert "about 6001 digits" in str(err)
    assert len(str(err)) < 300


def test_a_value_whose_repr_fails_is_still_reported() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert "<Broken object>" in str(InvalidInput([Problem("x", "y", Broken())]))


def test_errors_show_the_module_users_import_them_from() -> None:
    for error in (CommissioningError, InvalidInput, GuardRejected, VersionConflict, InvalidHistory):
        assert error.__module__ == "commissioning"


def test_a_version_conflict_names_the_stream() -> None:
    err = VersionConflict("case-1", 2, 3)
    assert (err.stream_id, err.expected, err.actual) == ("case-1", 2, 3)
    assert str(err).startswith("stream 'case-1': expected version 2, but it is at version 3")


def test_a_guard_rejection_lists_each_reason_with_its_rule() -> None:
    err = GuardRejected("go", "a", [Reason("r1", "first"), Reason("", "second")])
    assert str(err) == "event 'go' from state 'a' was refused:\n  - [r1] first\n  - second"
