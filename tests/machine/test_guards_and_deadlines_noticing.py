"""Tests that would notice the guard and deadline mutations issue 17 (item 6) found surviving.

Every bad field of a verdict, guard, registry, period and deadline is named with what
was expected and what was received, and the values are built inside each test (a value
built while the tests are collected was validated before a mutant was switched on).
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from commissioning import InvalidInput, Reason
from commissioning.machine import Deadline, Guard, GuardRegistry, Period, Verdict, guard

from .conftest import T0


def _allow(context: Any, data: Mapping[str, Any]) -> Verdict:
    return Verdict.allow()


def _deny(context: Any, data: Mapping[str, Any]) -> Verdict:
    return Verdict.deny("no")


def _bad_values() -> list[tuple[str, Callable[[], object], list[tuple[str, str, object, str]]]]:
    ok = Reason("r", "a reason")
    return [
        ("allowed", lambda: Verdict(allowed="yes"), [("allowed", "True or False", "yes", "type")]),  # type: ignore[arg-type]
        (
            "reasons",
            lambda: Verdict(allowed=True, reasons=5),  # type: ignore[arg-type]
            [("reasons", "a tuple of Reason values", 5, "type")],
        ),
        (
            "a reason",
            lambda: Verdict(allowed=True, reasons=(ok, "x")),  # type: ignore[arg-type]
            [("reasons[1]", "a Reason (rule, text)", "x", "type")],
        ),
        (
            "a refusal without reasons",
            lambda: Verdict(allowed=False),
            [("reasons", "at least one reason for a refusal", (), "value")],
        ),
        (
            "a blank reason",
            lambda: Verdict.deny("fine", " "),
            [("reasons[1]", "a non-empty str or a Reason", " ", "value")],
        ),
        (
            "a reason of the wrong type",
            lambda: Verdict.deny("fine", 5),  # type: ignore[arg-type]
            [("reasons[1]", "a non-empty str or a Reason", 5, "type")],
        ),
        ("guard name", lambda: Guard(5, _allow), [("name", "a non-empty str", 5, "type")]),  # type: ignore[arg-type]
        (
            "blank guard name",
            lambda: Guard(" ", _allow),
            [("name", "a non-empty str", " ", "value")],
        ),
        (
            "guard check",
            lambda: Guard("g", 5),  # type: ignore[arg-type]
            [("check", "a callable (context, data) -> Verdict", 5, "value")],
        ),
        (
            "guard description",
            lambda: Guard("g", _allow, 5),  # type: ignore[arg-type]
            [("description", "a str", 5, "type")],
        ),
        (
            "not a guard",
            lambda: GuardRegistry.of(Guard("g", _allow), "h"),
            [("guards[1]", "a Guard", "h", "type")],
        ),
        (
            "a name taken",
            lambda: GuardRegistry.of(Guard("g", _allow), Guard("g", _deny)),
            [("guards[1].name", "a name not yet registered", "g", "value")],
        ),
        ("period years", lambda: Period(years=-1), [("years", "a whole number >= 0", -1, "value")]),
        (
            "period weeks",
            lambda: Period(weeks="2"),  # type: ignore[arg-type]
            [("weeks", "a whole number >= 0", "2", "type")],
        ),
        (
            "deadline name",
            lambda: Deadline(5, after=Period(days=1)),  # type: ignore[arg-type]
            [("name", "a non-empty str", 5, "type")],
        ),
        (
            "blank deadline name",
            lambda: Deadline("  ", after=Period(days=1)),
            [("name", "a non-empty str", "  ", "value")],
        ),
        ("deadline after", lambda: Deadline("d", after=3), [("after", "a Period", 3, "type")]),  # type: ignore[arg-type]
        (
            "deadline warning",
            lambda: Deadline("d", after=Period(days=1), warn_before="1 day"),  # type: ignore[arg-type]
            [("warn_before", "a Period", "1 day", "type")],
        ),
        (
            "deadline description",
            lambda: Deadline("d", after=Period(days=1), description=5),  # type: ignore[arg-type]
            [("description", "a str", 5, "type")],
        ),
    ]


@pytest.mark.parametrize(
    ("what", "build", "problems"), _bad_values(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_bad_field_is_named_with_what_was_expected_and_received(
    what: str, build: Callable[[], object], problems: list[tuple[str, str, object, str]]
) -> None:
    with pytest.raises(InvalidInput) as err:
        build()
    assert [(p.field, p.expected, p.received, p.kind) for p in err.value.problems] == problems, what


def test_guard_makes_a_guard_directly_with_its_description() -> None:
    made = guard("has-budget", _allow, description="A budget must be left.")
    assert made == Guard("has-budget", _allow, "A budget must be left.")
    assert guard("plain", _allow) == Guard("plain", _allow, "")


def test_guard_as_a_decorator_takes_the_docstring_unless_told_otherwise() -> None:
    def documented(context: Any, data: Mapping[str, Any]) -> Verdict:
        """A needs analysis must exist."""
        return Verdict.allow()

    def bare(context: Any, data: Mapping[str, Any]) -> Verdict:
        return Verdict.allow()

    from_doc = guard("needs")(documented)
    assert (from_doc.name, from_doc.check, from_doc.description) == (
        "needs",
        documented,
        "A needs analysis must exist.",
    )
    told = guard("needs", description="Told.")(documented)
    assert told.description == "Told."
    assert guard("bare")(bare).description == ""


def test_a_registry_holds_each_guard_once_under_its_name_and_never_changes() -> None:
    a, b = Guard("a", _allow), Guard("b", _deny)
    reg = GuardRegistry.of(a, a)
    assert (len(reg), reg["a"]) == (1, a)
    bigger = reg.with_guards(b, Guard("a", _allow))
    assert (sorted(bigger), bigger["a"], bigger["b"]) == (["a", "b"], a, b)
    assert sorted(reg) == ["a"]


@pytest.mark.parametrize(
    ("period", "days"), [(Period(weeks=2), 14), (Period(years=1), 365), (Period(days=3), 3)]
)
def test_a_period_adds_and_takes_away_every_unit(period: Period, days: int) -> None:
    assert period.after(T0) == T0 + dt.timedelta(days=days)
    assert period.before(T0 + dt.timedelta(days=days)) == T0


def test_a_registry_reports_every_bad_guard_not_only_the_first() -> None:
    with pytest.raises(InvalidInput) as err:
        GuardRegistry.of("h", Guard("g", _allow), Guard("g", _deny))
    assert [(p.field, p.kind) for p in err.value.problems] == [
        ("guards[0]", "type"),
        ("guards[2].name", "value"),
    ]
