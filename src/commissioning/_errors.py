"""The exception hierarchy: one root, each subclass also a matching built-in.

Every error keeps its context as attributes and builds a message that names
what was expected and what was received, so that a caller can both read it
and act on it programmatically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._abbrev import safe_repr

__all__ = [
    "CommissioningError",
    "Described",
    "GuardRejected",
    "InvalidDefinition",
    "InvalidHistory",
    "InvalidInput",
    "InvalidInputType",
    "Problem",
    "Reason",
    "TransitionNotAllowed",
    "VersionConflict",
]


def _short(value: object, limit: int = 80) -> str:
    """A bounded, safe repr of a received value for messages (see `._abbrev.safe_repr`)."""
    return safe_repr(value, limit)


class Described:
    """A received value shown in words in messages (``'UK99', which is not a notice code``).

    [`Problem.received`][commissioning.Problem] keeps it; it compares equal to the value it
    describes (``value``), or to its text when it describes no value.

    Examples:
        >>> str(Problem("code", "a notice code", Described("'UK99', which is not one", "UK99")))
        "code: expected a notice code, received 'UK99', which is not one"
        >>> Described("a bool: True", True) == True
        True
    """

    __slots__ = ("text", "value")

    def __init__(self, text: str, value: object = None) -> None:
        self.text = text
        self.value = value

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Described):
            return (self.text, self.value) == (other.text, other.value)
        return other == (self.text if self.value is None else self.value)

    def __hash__(self) -> int:
        return hash(self.text)

    @classmethod
    def typed(cls, value: object) -> Described:
        """``value`` shown with its type's name: ``a str: '3'``, ``a bool: True``.

        Examples:
            >>> Described.typed("3")
            a str: '3'
        """
        kind = type(value).__name__
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        return cls(f"{article} {kind}: {_short(value, 60)}", value)


class CommissioningError(Exception):
    """The root of every error this library raises on purpose.

    Catch this to handle any refusal by the library; each subclass also
    inherits the built-in exception that matches it (``ValueError`` or
    ``TypeError``), so existing handlers keep working.
    """


@attrs.frozen
class Reason:
    """Why something is refused: the rule it rests on and the sentence that explains it.

    ``rule`` is a guard's name or the statutory citation (``"PA 2023 s.54(1)"``),
    or ``""`` when there is none; ``text`` is the sentence a user can act on. The
    engine fills an empty ``rule`` with the name of the guard that gave the reason.

    Examples:
        >>> str(Reason("has-budget", "no budget left"))
        '[has-budget] no budget left'
        >>> str(Reason("", "no budget left"))
        'no budget left'
    """

    rule: str
    text: str

    def __attrs_post_init__(self) -> None:
        problems = []
        if self.rule.__class__ is not str:
            problems.append(
                Problem("rule", "a str (a guard name or a citation)", self.rule, "type")
            )
        if self.text.__class__ is not str:
            problems.append(Problem("text", "a non-empty str", self.text, "type"))
        elif not self.text.strip():
            problems.append(Problem("text", "a non-empty str", self.text))
        if problems:
            raise InvalidInput.from_problems(problems)

    def __str__(self) -> str:
        return f"[{self.rule}] {self.text}" if self.rule else self.text


@attrs.frozen
class Problem:
    """One thing wrong with an input: which field, what was expected, what was received.

    Attributes:
        field: the dotted path of the offending field (``"states[2].name"``).
        expected: what the field should have been, in words.
        received: the value actually received (kept as given).
        kind: ``"value"`` for a wrong value, ``"type"`` for a wrong type.

    Examples:
        >>> Problem("at", "an aware datetime", "2026-01-01")
        Problem(field='at', expected='an aware datetime', received='2026-01-01', kind='value')
    """

    field: str
    expected: str
    received: Any
    kind: str = "value"

    def __str__(self) -> str:
        return f"{self.field}: expected {self.expected}, received {_short(self.received)}"


class InvalidInput(CommissioningError, ValueError):
    """Bad input: one or more fields failed validation; nothing was changed.

    All problems found are reported at once in [`problems`][commissioning.InvalidInput]; the first one
    is also available as [`field`][commissioning.InvalidInput.field], [`expected`][commissioning.InvalidInput.expected] and [`received`][commissioning.InvalidInput.received].

    Examples:
        >>> err = InvalidInput([Problem("amount", "pounds as a Decimal", 1.5)])
        >>> print(err)
        amount: expected pounds as a Decimal, received 1.5
        >>> err.field
        'amount'
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("InvalidInput needs at least one problem")
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def field(self) -> str:
        """The field of the first problem."""
        return self.problems[0].field

    @property
    def expected(self) -> str:
        """What the first problem's field should have been."""
        return self.problems[0].expected

    @property
    def received(self) -> Any:
        """The value the first problem's field received."""
        return self.problems[0].received

    @classmethod
    def of(cls, field: str, expected: str, received: Any) -> InvalidInput:
        """Build the right error for a single value problem.

        Examples:
            >>> InvalidInput.of("version", "a positive int", -1).expected
            'a positive int'
        """
        return cls([Problem(field, expected, received)])

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> InvalidInput:
        """Build [`InvalidInputType`][commissioning.InvalidInputType] when every problem is a type problem, else this class.

        Examples:
            >>> err = InvalidInput.from_problems([Problem("n", "an int", "3", "type")])
            >>> isinstance(err, TypeError)
            True
        """
        if problems and all(p.kind == "type" for p in problems):
            return InvalidInputType(problems)
        return InvalidInput(problems)


class InvalidInputType(InvalidInput, TypeError):
    """Bad input whose every problem is a wrong type; also a ``TypeError``.

    Examples:
        >>> raise InvalidInputType([Problem("at", "a datetime", "today", "type")])
        Traceback (most recent call last):
        ...
        commissioning.InvalidInputType: at: expected a datetime, received 'today'
    """


class InvalidDefinition(CommissioningError, ValueError):
    """A machine definition is malformed; [`problems`][commissioning.InvalidDefinition] lists every problem found.

    Examples:
        >>> err = InvalidDefinition("meals", ["no initial state", "state 'x' is unreachable"])
        >>> err.problems
        ('no initial state', "state 'x' is unreachable")
    """

    def __init__(self, definition: str, problems: Iterable[str]) -> None:
        self.definition = definition
        self.problems = tuple(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"definition {definition!r} is invalid ({len(self.problems)} problem"
            f"{'' if len(self.problems) == 1 else 's'}):\n{listing}"
        )


class TransitionNotAllowed(CommissioningError, ValueError):
    """The event cannot fire from the instance's current state; nothing changed.

    Attributes:
        event: the event that was refused.
        state: the state the instance is in.
        allowed: the events that the definition allows from that state.
    """

    def __init__(
        self, event: object, state: str, allowed: Iterable[str], *, detail: str = ""
    ) -> None:
        self.event = event
        self.state = state
        self.allowed = tuple(sorted(allowed))
        expected = ", ".join(repr(e) for e in self.allowed) or "none"
        super().__init__(
            f"event {_short(event)} is not allowed from state {state!r}{detail}; "
            f"expected one of: {expected}"
        )


class GuardRejected(CommissioningError, ValueError):
    """Every transition for the event was refused by a guard; nothing changed.

    Attributes:
        event: the event that was refused.
        state: the state the instance is in.
        reasons: every failing guard's reasons, as [`Reason`][commissioning.machine.Reason] values (``rule`` is
            the guard's name or the citation).

    Examples:
        >>> err = GuardRejected("approve", "plan", [Reason("has-budget", "no budget left")])
        >>> print(err)
        event 'approve' from state 'plan' was refused:
          - [has-budget] no budget left
    """

    def __init__(self, event: str, state: str, reasons: Iterable[Reason]) -> None:
        self.event = event
        self.state = state
        self.reasons: tuple[Reason, ...] = tuple(reasons)
        listing = "\n".join(f"  - {r}" for r in self.reasons)
        super().__init__(f"event {event!r} from state {state!r} was refused:\n{listing}")


class VersionConflict(CommissioningError, ValueError):
    """Optimistic concurrency: the stream is not at the version the caller expected.

    Attributes:
        stream_id: the aggregate (stream) concerned.
        expected: the version the caller expected.
        actual: the version it is at.

    Examples:
        >>> err = VersionConflict("case-1", 1, 2)
        >>> err.stream_id, err.expected, err.actual
        ('case-1', 1, 2)
    """

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"stream {_short(stream_id)}: expected version {_short(expected)}, but it is at version "
            f"{actual}; reload it and decide again"
        )


class InvalidHistory(CommissioningError, ValueError):
    """A sequence of event records does not fit the definition; nothing was built.

    Attributes:
        index: the position of the first offending record in the sequence.
        record: that record.
        reason: why it does not fit.
    """

    def __init__(self, index: int, record: object, reason: str) -> None:
        self.index = index
        self.record = record
        self.reason = reason
        super().__init__(f"record {index} does not fit the history: {reason}")
