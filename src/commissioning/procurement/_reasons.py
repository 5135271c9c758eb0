"""One way to refuse with a statutory rule, for the contract-life, modification, framework and PSR checks.

Every refusal these modules make goes through :func:`refuse`, so that the text
of a reason is ``"<rule>: <sentence>"`` where ``rule`` is the citation the
refusal rests on (``"Procurement Act 2023 s.74(3)(a)"``). It is the one place
to change when the shared reason type carries the rule separately.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..machine import Verdict

__all__ = ["refuse", "verdict_of"]


def refuse(rule: str, text: str) -> Verdict:
    """A refusal resting on ``rule`` (a citation), saying ``text``.

    Examples:
        >>> refuse("Procurement Act 2023 s.47(1)", "the term is too long").reasons
        ('Procurement Act 2023 s.47(1): the term is too long',)
    """
    return Verdict.deny(f"{rule}: {text}")


def verdict_of(found: Iterable[tuple[str, str]]) -> Verdict:
    """Allow when ``found`` (pairs of rule and text) is empty; else refuse with every one.

    Examples:
        >>> verdict_of([]).allowed
        True
        >>> verdict_of([("s.1", "a"), ("s.2", "b")]).reasons
        ('s.1: a', 's.2: b')
    """
    reasons = tuple(f"{rule}: {text}" for rule, text in found)
    return Verdict.deny(*reasons) if reasons else Verdict.ALLOW
