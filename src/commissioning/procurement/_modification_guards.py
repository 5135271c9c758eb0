"""Guards of ``modify_contract`` and ``publish_UK10``: the s.74 ground, the s.75 notice, PR24 reg 40.

They apply the pure checks of `._modifications` to a procurement's history:
the value before (the contract's current value), the earlier modifications (for
s.74(6)-(8) and s.75(4)-(5)) and the ground a contract change notice gave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ..machine import Verdict, guard
from ..thresholds import AuthorityType
from ._life import Modification, ModificationGround
from ._modifications import (
    PA,
    assess_modification,
    change_notice_exemption,
    change_notice_required,
)
from ._reasons import verdict_of

if TYPE_CHECKING:
    from ._context import ProcurementContext
    from ._facts import ProcurementFacts

__all__ = ["change_notice_before_modifying", "change_notice_ground", "modification_permitted"]


def _stated_flag(data: Mapping[str, Any], key: str) -> bool | None:
    value = data.get(key)
    return value if isinstance(value, bool) else None


def _threshold_amount(facts: ProcurementFacts) -> Decimal:
    return facts.threshold.threshold.amount


def _earlier_below_threshold(mods: Sequence[Modification]) -> Decimal:
    total = Decimal(0)
    for m in mods:
        if (
            m.ground is ModificationGround.BELOW_THRESHOLD
            and m.value_before is not None
            and m.value_after is not None
        ):
            total += abs(m.value_after - m.value_before)
    return total


def _data_problems(data: Mapping[str, Any], mods: Sequence[Modification]) -> list[str]:
    problems = []
    value = data.get("value_including_vat")
    if value is not None:
        try:
            ok = isinstance(value, str) and Decimal(value).is_finite() and Decimal(value) >= 0
        except InvalidOperation:
            ok = False
        if not ok:
            problems.append(f"value_including_vat must be pounds as a string, received {value!r}")
    term = data.get("term_change_percent")
    if term is not None and (isinstance(term, bool) or not isinstance(term, int | float)):
        problems.append(f"term_change_percent must be a number, received {term!r}")
    related = data.get("related_to")
    numbers = {m.number for m in mods}
    if related is not None and not (
        isinstance(related, tuple | list)
        and all(isinstance(n, int) and not isinstance(n, bool) and n in numbers for n in related)
    ):
        problems.append(
            f"related_to must list earlier modifications by number ({sorted(numbers) or 'none yet'}), "
            f"received {related!r}"
        )
    for key in ("changes_scope", "shifts_economic_balance"):
        if key in data and not isinstance(data[key], bool):
            problems.append(f"{key} must be true or false, received {data[key]!r}")
    supplier = data.get("new_supplier")
    if supplier is not None and not (isinstance(supplier, str) and supplier.strip()):
        problems.append(f"new_supplier must name the supplier, received {supplier!r}")
    return problems


def _proposed(
    ctx: ProcurementContext, data: Mapping[str, Any]
) -> tuple[Decimal | None, Decimal | None, Decimal]:
    before = ctx.history.contract_value
    raw = data.get("value_including_vat")
    after = before if raw is None else Decimal(raw)
    term = data.get("term_change_percent")
    return before, after, Decimal(str(term)) if isinstance(term, int | float) else Decimal(0)


def _outside_s74(ctx: ProcurementContext, data: Mapping[str, Any]) -> bool:
    """A below-threshold contract that stays below: neither a public contract nor convertible (s.74(1)).

    A contract below the threshold is not a public contract (s.3(2)); ss.74-75 reach it
    only when the modification makes it one (a "convertible contract", s.74(1)).
    """
    facts = ctx.facts
    if facts.above_threshold:
        return False
    raw = data.get("value_including_vat")
    try:
        after = ctx.history.contract_value if raw is None else Decimal(str(raw))
    except InvalidOperation:
        return False
    return after is not None and after < _threshold_amount(facts)


@guard("pa-s74-modification-ground")
def modification_permitted(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A modification rests on a PA s.74 ground and keeps within its limits (s.74, Sch 8).

    Not for a below-threshold contract that the modification leaves below the
    threshold: it is not a public contract nor a convertible one (s.3(2), s.74(1)).
    """
    if _outside_s74(ctx, data):
        return Verdict.ALLOW
    life = ctx.history.life
    raw_ground = data.get("ground", life.pending_ground)
    try:
        ground = ModificationGround(raw_ground)
    except ValueError:
        return verdict_of(
            [
                (
                    f"{PA} s.74(1)",
                    (
                        "give the ground the modification rests on (ground: one of "
                        f"{', '.join(g.value for g in ModificationGround)}); received {raw_ground!r}"
                    ),
                )
            ]
        )
    problems = _data_problems(data, life.modifications)
    if problems:
        return verdict_of([(f"{PA} s.74", p) for p in problems])
    if life.pending_ground is not None and ground is not life.pending_ground:
        return verdict_of(
            [
                (
                    "Procurement Regulations 2024 reg 40(2)(f)",
                    (
                        f"the contract change notice gave the ground {life.pending_ground.value!r}; "
                        f"the modification cannot rest on {ground.value!r}"
                    ),
                )
            ]
        )
    before, after, term = _proposed(ctx, data)
    facts = ctx.facts
    if before is None:
        return verdict_of([(f"{PA} s.74", "the contract's value is not known")])
    checks: dict[str, Any] = {
        "ground": ground,
        "contract_type": facts.contract_type,
        "value_before": before,
        "value_after": after,
        "term_change_percent": term,
        "changes_scope": _stated_flag(data, "changes_scope"),
        "shifts_economic_balance": _stated_flag(data, "shifts_economic_balance"),
        "new_supplier": "new_supplier" in data,
        "utilities_contract": facts.authority is AuthorityType.UTILITIES or facts.private_utility,
        "defence_authority_contract": facts.authority is AuthorityType.DEFENCE,
        "light_touch": facts.light_touch,
        "threshold_amount": _threshold_amount(facts),
        "earlier_below_threshold_changes": _earlier_below_threshold(life.modifications),
    }
    verdict = assess_modification(**checks)
    related = [m for m in life.modifications if m.number in data.get("related_to", ())]
    if not verdict.allowed or not related or ground is ModificationGround.LIGHT_TOUCH:
        return verdict
    # s.74(7)-(8): judged together with the related modifications, on the same ground
    first = min(related, key=lambda m: m.number)
    combined = {
        **checks,
        "value_before": first.value_before if first.value_before is not None else before,
        "term_change_percent": term + sum((m.term_change_percent for m in related), Decimal(0)),
        "earlier_below_threshold_changes": _earlier_below_threshold(
            [m for m in life.modifications if m not in related]
        ),
    }
    together = assess_modification(**combined)
    if together.allowed:
        return verdict
    numbers = ", ".join(str(m.number) for m in related)
    return verdict_of(
        [
            (
                f"{PA} s.74(7)-(8)",
                f"made together with modification(s) {numbers}, it would not be permitted: "
                + "; ".join(str(r) for r in together.reasons),
            )
        ]
    )


@guard("pa-s75-change-notice-before-modifying")
def change_notice_before_modifying(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A modification that needs a contract change notice (UK10) follows one, after its standstill (s.75, s.76)."""
    h = ctx.history
    exempt = change_notice_exemption(ctx.facts, procedure=ctx.procedure.key)
    if exempt is not None or _outside_s74(ctx, data):
        return Verdict.ALLOW
    if h.pending_change is None:
        if _data_problems(data, h.life.modifications):
            return Verdict.ALLOW  # the ground guard reports the bad data
        before, after, term = _proposed(ctx, data)
        raw_ground = data.get("ground")
        ground = raw_ground if raw_ground in set(ModificationGround) else None
        related_numbers = data.get("related_to", ())
        needed, why = change_notice_required(
            contract_type=ctx.facts.contract_type,
            ground=None if ground is None else ModificationGround(ground),
            value_before=before,
            value_after=after,
            term_change_percent=term,
            related=[m for m in h.life.modifications if m.number in related_numbers],
        )
        if not needed and h.life.modifications and "related_to" not in data:
            return verdict_of(
                [
                    (
                        f"{PA} s.75(4)",
                        (
                            f"{why}, but the contract was modified before: say whether this "
                            "modification could reasonably have been made together with earlier "
                            "ones (related_to: [] or their numbers)"
                        ),
                    )
                ]
            )
        if not needed:
            return Verdict.ALLOW
        return verdict_of(
            [
                (
                    f"{PA} s.75(1)",
                    (
                        f"{why}: publish a contract change notice (UK10) before modifying the "
                        f"contract on {ctx.on:%a} {ctx.on.day} {ctx.on:%b %Y}"
                    ),
                )
            ]
        )
    last = h.change_standstill_last_day
    if last is not None and ctx.on <= last:
        return verdict_of(
            [
                (
                    f"{PA} s.76",
                    (
                        f"the contract change notice set a voluntary standstill ending "
                        f"{last:%a} {last.day} {last:%b %Y}; the modification may be made from "
                        f"{last.add(days=1):%a} {last.add(days=1).day} {last.add(days=1):%b %Y}"
                    ),
                )
            ]
        )
    return Verdict.ALLOW


_NAMED_GROUNDS = frozenset(
    {
        ModificationGround.SCH8_URGENCY,
        ModificationGround.SCH8_UNFORESEEABLE,
        ModificationGround.SCH8_KNOWN_RISK,
        ModificationGround.SCH8_ADDITIONAL,
        ModificationGround.SCH8_RESTRUCTURING,
    }
)


@guard("pr24-reg40-change-notice-ground")
def change_notice_ground(ctx: ProcurementContext, data: Mapping[str, Any]) -> Verdict:
    """A contract change notice states the s.74 ground and, for Sch 8 paras 2-9, why it applies (PR24 reg 40(2)(f)-(g))."""
    raw = data.get("ground")
    try:
        ground = ModificationGround(str(raw))
    except ValueError:
        return verdict_of(
            [
                (
                    "Procurement Regulations 2024 reg 40(2)(f)",
                    (
                        "the contract change notice gives the ground of the modification (ground: "
                        f"one of {', '.join(g.value for g in ModificationGround)}); received {raw!r}"
                    ),
                )
            ]
        )
    explanation = data.get("ground_explanation")
    if ground in _NAMED_GROUNDS and not (isinstance(explanation, str) and explanation.strip()):
        return verdict_of(
            [
                (
                    "Procurement Regulations 2024 reg 40(2)(g)",
                    (
                        f"explain why the modification falls within {ground.citation} "
                        "(ground_explanation)"
                    ),
                )
            ]
        )
    return Verdict.ALLOW
