"""Modifying a public contract: the s.74 ground and its limits, the s.75 change notice, s.77 publication.

[`assess_modification`][commissioning.procurement.assess_modification] is a pure check of one proposed modification
against the ground it rests on (PA s.74 and Schedule 8). `change_notice_required`
says whether a contract change notice (UK10) must come first (s.75), treating
related small modifications as one (s.75(4)-(5)). The guards of ``modify_contract``
and ``publish_UK10`` (`._modification_guards`) apply them; the s.77 duty to
publish the modified contract is listed by [`commissioning.procurement.obligations`][commissioning.procurement.obligations].

Readings (see the explanation page):

- s.75(2) joins its value limb (a) and term limb (b) with "or"; read literally, a
  modification within either limb needs no notice, so a 50% value increase with
  no change of term would need none. The library takes the cautious reading: a
  notice is needed unless the modification is within *both* limbs.
- Percentages of value are of the estimated value just before the modification
  (PR24 reg 40(2)(h)(i)); related modifications (s.74(7), s.75(4)) are measured
  from the value before the earliest of them, their term changes added.
- s.74(7)-(8): the combined modification is judged on the ground this one gives
  (the authority could rely on another ground; it must then say so).
- s.74(6): the "aggregated value of below-threshold modifications" is read as the
  sum of their value changes, increases and decreases alike (UNCONFIRMED: whether
  decreases offset increases is not said).
- Whether a condition that the Act leaves to the authority's judgement holds
  (an unambiguous clause, unforeseeability, a known risk, a material change of
  scope or of economic balance) is the authority's to state; the library checks
  that it was stated and the limits the Act puts in numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .._errors import InvalidInput, InvalidInputType, Problem
from ..machine import Verdict
from ..thresholds import ContractType
from ._exemptions import PA_EXEMPTIONS, Circumstance, circumstances_of
from ._life import Modification, ModificationGround
from ._reasons import verdict_of

if TYPE_CHECKING:
    from ._facts import ProcurementFacts

__all__ = [
    "MODIFIED_CONTRACT_THRESHOLD",
    "assess_modification",
    "change_notice_required",
    "qualifying_modification",
]

PA = "Procurement Act 2023"
#: A qualifying modification of a contract worth more than this is published in full (s.77(2)(b)).
MODIFIED_CONTRACT_THRESHOLD = Decimal(5000000)
_FIFTY = Decimal(50)
_TEN = Decimal(10)
_FIFTEEN = Decimal(15)
_CAPPED = {
    ModificationGround.SCH8_UNFORESEEABLE: f"{PA} Sch 8 para 4(1)(c)",
    ModificationGround.SCH8_KNOWN_RISK: f"{PA} Sch 8 para 5(1)(b)",
    ModificationGround.SCH8_ADDITIONAL: f"{PA} Sch 8 para 8(1)(d)",
}
_UTILITIES_EXCEPTION = {
    ModificationGround.SCH8_UNFORESEEABLE: "para 4(2)",
    ModificationGround.SCH8_KNOWN_RISK: "para 5(2)",
    ModificationGround.SCH8_ADDITIONAL: "para 8(2)",
}


def _pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}%"


def _decimal(value: Any, field: str, problems: list[Problem]) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        problems.append(Problem(field, "a number (Decimal, int or str)", value, "type"))
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        problems.append(Problem(field, "a number", value, "value"))
        return None
    if not amount.is_finite():
        problems.append(Problem(field, "a finite number", value, "value"))
        return None
    return amount


def _change_percent(before: Decimal, after: Decimal) -> Decimal | None:
    if before == 0:
        return None if after != 0 else Decimal(0)
    return (after - before) * 100 / before


def assess_modification(
    *,
    ground: ModificationGround | str,
    contract_type: ContractType | str,
    value_before: Decimal | int | str,
    value_after: Decimal | int | str | None = None,
    term_change_percent: Decimal | int | float | str = 0,
    changes_scope: bool | None = None,
    shifts_economic_balance: bool | None = None,
    new_supplier: bool = False,
    utilities_contract: bool = False,
    defence_authority_contract: bool = False,
    light_touch: bool = False,
    threshold_amount: Decimal | int | str | None = None,
    earlier_below_threshold_changes: Decimal | int | str = 0,
) -> Verdict:
    """Whether a modification is lawful on the PA s.74 ground it rests on, and if not, why.

    Args:
        ground: the s.74 ground (a [`ModificationGround`][commissioning.procurement.ModificationGround] or its value).
        contract_type: goods, services, works... (works allow 15% in s.74(4)(a)).
        value_before: the estimated value, VAT included, just before the modification.
        value_after: the value after it (the same if not given).
        term_change_percent: the change of term as a percentage of the maximum term
            provided for on award (s.74(3)(a)).
        changes_scope: whether it materially changes the scope (s.74(3)(b), (4)(c), (5));
            needed for the not-substantial and below-threshold grounds.
        shifts_economic_balance: whether it materially changes the economic balance in
            the supplier's favour (s.74(3)(c)); needed for the not-substantial ground.
        new_supplier: whether it changes the supplier (only Sch 8 para 9 may: s.74(9)).
        utilities_contract: a utilities contract (no 50% cap: Sch 8 paras 4(2), 5(2), 8(2)).
        defence_authority_contract: a defence authority contract (s.7(4); Sch 8 paras 10-11).
        light_touch: a light touch contract (s.74(2)).
        threshold_amount: the threshold amount for the type of contract (s.74(4)(b)).
        earlier_below_threshold_changes: the value changes of earlier below-threshold
            modifications of the contract, added up (s.74(6)).

    Returns:
        A [`Verdict`][commissioning.machine.Verdict]: allowed, or refused with one reason
        per unmet condition, each naming its provision.

    Raises:
        InvalidInputType: a value of the wrong type.
        InvalidInput: an unknown ground or contract type.

    Examples:
        >>> v = assess_modification(ground="not-substantial", contract_type="services",
        ...     value_before="6000000", value_after="11000000", term_change_percent=90,
        ...     changes_scope=False, shifts_economic_balance=False)
        >>> v.allowed
        False
        >>> print(v.reasons[0])
        [Procurement Act 2023 s.74(3)(a)] the term changes by 90.00% of the maximum term provided for on award, more than 10%: a substantial modification
        >>> assess_modification(ground="sch8-para4", contract_type="services",
        ...     value_before="6000000", value_after="8500000").allowed
        True
    """
    problems: list[Problem] = []
    try:
        kind = ModificationGround(ground)
    except ValueError:
        raise InvalidInput.of(
            "ground", f"one of {', '.join(g.value for g in ModificationGround)}", ground
        ) from None
    try:
        ctype = ContractType(contract_type)
    except ValueError:
        raise InvalidInput.of(
            "contract_type", f"one of {', '.join(c.value for c in ContractType)}", contract_type
        ) from None
    before = _decimal(value_before, "value_before", problems)
    after = before if value_after is None else _decimal(value_after, "value_after", problems)
    term = _decimal(term_change_percent, "term_change_percent", problems)
    earlier = _decimal(earlier_below_threshold_changes, "earlier_below_threshold_changes", problems)
    threshold = (
        None
        if threshold_amount is None
        else _decimal(threshold_amount, "threshold_amount", problems)
    )
    flags: tuple[tuple[str, object], ...] = (
        ("new_supplier", new_supplier),
        ("utilities_contract", utilities_contract),
        ("defence_authority_contract", defence_authority_contract),
        ("light_touch", light_touch),
    )
    for name, flag in flags:
        if not isinstance(flag, bool):
            problems.append(Problem(name, "a bool", flag, "type"))
    answers: tuple[tuple[str, object], ...] = (
        ("changes_scope", changes_scope),
        ("shifts_economic_balance", shifts_economic_balance),
    )
    for name, answer in answers:
        if answer is not None and not isinstance(answer, bool):
            problems.append(Problem(name, "True, False or None (not stated)", answer, "type"))
    if problems:
        raise InvalidInputType(problems)
    assert before is not None  # noqa: S101 - checked above
    assert after is not None  # noqa: S101 - checked above
    assert term is not None  # noqa: S101 - checked above
    assert earlier is not None  # noqa: S101 - checked above
    return verdict_of(
        _findings(
            kind,
            ctype,
            before,
            after,
            term,
            changes_scope=changes_scope,
            shifts_economic_balance=shifts_economic_balance,
            new_supplier=new_supplier,
            utilities_contract=utilities_contract,
            defence_authority_contract=defence_authority_contract,
            light_touch=light_touch,
            threshold=threshold,
            earlier=earlier,
        )
    )


def _findings(
    kind: ModificationGround,
    ctype: ContractType,
    before: Decimal,
    after: Decimal,
    term: Decimal,
    *,
    changes_scope: bool | None,
    shifts_economic_balance: bool | None,
    new_supplier: bool,
    utilities_contract: bool,
    defence_authority_contract: bool,
    light_touch: bool,
    threshold: Decimal | None,
    earlier: Decimal,
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    change = _change_percent(before, after)
    if new_supplier and kind is not ModificationGround.SCH8_RESTRUCTURING:
        found.append(
            (
                f"{PA} s.74(9)",
                (
                    "a modification may change the supplier only as a transfer on corporate "
                    "restructuring (Sch 8 para 9, ground 'sch8-para9'); this one rests on "
                    f"{kind.citation}"
                ),
            )
        )
    if kind is ModificationGround.SCH8_RESTRUCTURING and not new_supplier:
        found.append(
            (
                kind.citation,
                (
                    "a transfer on corporate restructuring is a novation or assignment: name the "
                    "supplier the contract passes to (new_supplier)"
                ),
            )
        )
    if kind is ModificationGround.LIGHT_TOUCH and not light_touch:
        found.append((kind.citation, "the contract is not a light touch contract"))
    if kind in _CAPPED and not utilities_contract and after > before:
        increase = change if change is not None else None
        if increase is None or increase > _FIFTY:
            shown = "from nothing" if increase is None else f"by {_pct(increase)}"
            found.append(
                (
                    _CAPPED[kind],
                    (
                        f"the estimated value rises {shown} ({_pounds(before)} to {_pounds(after)}), "
                        "more than 50% (the cap does not apply to a utilities contract, Sch 8 "
                        f"{_UTILITIES_EXCEPTION[kind]})"
                    ),
                )
            )
    if (
        kind
        in {ModificationGround.SCH8_DEFENCE_TECHNOLOGY, ModificationGround.SCH8_DEFENCE_CONTINUITY}
        and not defence_authority_contract
    ):
        found.append(
            (
                kind.citation,
                (
                    "only a defence authority contract (a defence and security contract awarded by "
                    "a defence authority, s.7(4)-(5)) may be modified on this ground"
                ),
            )
        )
    if kind is ModificationGround.NOT_SUBSTANTIAL:
        found.extend(
            _substantial(
                term, changes_scope=changes_scope, shifts_economic_balance=shifts_economic_balance
            )
        )
    if kind is ModificationGround.BELOW_THRESHOLD:
        found.extend(
            _below_threshold(
                ctype,
                before,
                after,
                change,
                changes_scope=changes_scope,
                threshold=threshold,
                earlier=earlier,
            )
        )
    return found


def _substantial(
    term: Decimal, *, changes_scope: bool | None, shifts_economic_balance: bool | None
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if abs(term) > _TEN:
        found.append(
            (
                f"{PA} s.74(3)(a)",
                (
                    f"the term changes by {_pct(abs(term))} of the maximum term provided for on "
                    "award, more than 10%: a substantial modification"
                ),
            )
        )
    if changes_scope is None:
        found.append(
            (
                f"{PA} s.74(3)(b)",
                (
                    "say whether the modification materially changes the scope of the contract "
                    "(changes_scope: true or false)"
                ),
            )
        )
    elif changes_scope:
        found.append(
            (
                f"{PA} s.74(3)(b)",
                (
                    "the modification materially changes the scope of the contract: a substantial "
                    "modification"
                ),
            )
        )
    if shifts_economic_balance is None:
        found.append(
            (
                f"{PA} s.74(3)(c)",
                (
                    "say whether the modification materially changes the economic balance of the "
                    "contract in favour of the supplier (shifts_economic_balance: true or false)"
                ),
            )
        )
    elif shifts_economic_balance:
        found.append(
            (
                f"{PA} s.74(3)(c)",
                (
                    "the modification materially changes the economic balance of the contract in "
                    "favour of the supplier: a substantial modification"
                ),
            )
        )
    return found


def _below_threshold(
    ctype: ContractType,
    before: Decimal,
    after: Decimal,
    change: Decimal | None,
    *,
    changes_scope: bool | None,
    threshold: Decimal | None,
    earlier: Decimal,
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    limit = _FIFTEEN if ctype is ContractType.WORKS else _TEN
    which = "works" if ctype is ContractType.WORKS else "goods or services"
    if change is None or abs(change) > limit:
        shown = "from nothing" if change is None else f"by {_pct(abs(change))}"
        found.append(
            (
                f"{PA} s.74(4)(a)",
                (
                    f"the estimated value changes {shown} ({_pounds(before)} to {_pounds(after)}), "
                    f"more than {limit}% for a contract for {which}"
                ),
            )
        )
    if threshold is None:
        found.append(
            (
                f"{PA} s.74(4)(b)",
                (
                    "the threshold amount for the type of contract is needed to add up the "
                    "below-threshold modifications"
                ),
            )
        )
    else:
        total = earlier + abs(after - before)
        if total >= threshold:
            found.append(
                (
                    f"{PA} s.74(4)(b), (6)",
                    (
                        f"the below-threshold modifications add up to {_pounds(total)}, not less "
                        f"than the threshold amount {_pounds(threshold)}"
                    ),
                )
            )
    if changes_scope is None:
        found.append(
            (
                f"{PA} s.74(4)(c)",
                (
                    "say whether the modification materially changes the scope of the contract "
                    "(changes_scope: true or false)"
                ),
            )
        )
    elif changes_scope:
        found.append(
            (
                f"{PA} s.74(4)(c), (5)",
                (
                    "the modification materially changes the scope of the contract (goods, services "
                    "or works of a kind not already provided for)"
                ),
            )
        )
    return found


# ------------------------------------------------------------------ s.75 change notices
def _small(
    ctype: ContractType, before: Decimal | None, after: Decimal | None, term: Decimal
) -> tuple[bool, str]:
    """Within both s.75(2) limbs (the cautious reading), and the words why."""
    limit = _FIFTEEN if ctype is ContractType.WORKS else _TEN
    if abs(term) > _TEN:
        return False, f"the term changes by {_pct(abs(term))}, more than 10%"
    if before is None or after is None:
        return after == before, "the value change cannot be measured"
    change = _change_percent(before, after)
    if change is None:
        return False, f"the value rises from nothing to {_pounds(after)}"
    if abs(change) <= limit:
        return True, f"the value changes by {_pct(abs(change))} (at most {limit}%)"
    return False, f"the value changes by {_pct(abs(change))}, more than {limit}%"


def change_notice_exemption(facts: ProcurementFacts, *, procedure: str = "") -> str | None:
    """The s.75(6) exemption that takes the contract out of s.75, in words, or ``None``.

    Read from the exemption table ([`PA_EXEMPTIONS`][commissioning.procurement.PA_EXEMPTIONS]):
    defence and security, light touch, private-utility and transferred Northern
    Ireland contracts. Its below-threshold row is left to the caller: a below-threshold
    contract that a modification takes to the threshold is a convertible contract, to
    which s.75 applies (s.74(1), s.75(1)).
    """
    present = circumstances_of(facts, procedure=procedure) - {Circumstance.BELOW_THRESHOLD}
    row = PA_EXEMPTIONS.exemption("pa-s75-change", present)
    return None if row is None else str(row)


def change_notice_required(
    *,
    contract_type: ContractType,
    ground: ModificationGround | None,
    value_before: Decimal | None,
    value_after: Decimal | None,
    term_change_percent: Decimal,
    related: Sequence[Modification] = (),
) -> tuple[bool, str]:
    """Whether a contract change notice (UK10) must precede the modification (PA s.75), and why.

    ``related`` are the earlier modifications the authority considers this one could
    reasonably have been made together with (s.75(4)): if the single combined
    modification would have needed a notice, this one does (s.75(5)). A transfer on
    corporate restructuring (Sch 8 para 9) always needs one (s.75(2)). The s.75(6)
    exemptions are for the caller (`change_notice_exemption`).

    Examples:
        >>> change_notice_required(contract_type=ContractType.SERVICES, ground=None,
        ...     value_before=Decimal(100), value_after=Decimal(109), term_change_percent=Decimal(0))
        (False, 'the value changes by 9.00% (at most 10%)')
    """
    if ground is ModificationGround.SCH8_RESTRUCTURING:
        return True, "a transfer on corporate restructuring (Sch 8 para 9) always needs one"
    small, why = _small(contract_type, value_before, value_after, term_change_percent)
    if not small or not related:
        return not small, why
    first = min(related, key=lambda m: m.number)
    term = term_change_percent + sum((m.term_change_percent for m in related), Decimal(0))
    together, how = _small(contract_type, first.value_before, value_after, term)
    if together:
        return False, f"{why}; with the related modifications {how}"
    numbers = ", ".join(str(m.number) for m in sorted(related, key=lambda m: m.number))
    return True, (
        f"{why}, but it could reasonably have been made together with modification(s) {numbers}, "
        f"and together {how} (s.75(4)-(5))"
    )


def qualifying_modification(
    facts: ProcurementFacts,
    modification: Modification,
    earlier: Sequence[Modification],
    *,
    procedure: str = "",
) -> tuple[bool, str]:
    """Whether a modification made is a qualifying modification (s.77(2)), and why (not).

    It is one when made under s.74(1) (not the light touch s.74(2)), a contract change
    notice was required for it under s.75, and it modifies, or results in, a
    contract worth more than £5 million.
    """
    m = modification
    if m.ground is ModificationGround.LIGHT_TOUCH:
        return False, "made under s.74(2) (light touch), not s.74(1)"
    exempt = change_notice_exemption(facts, procedure=procedure)
    if exempt is not None:
        return False, f"no contract change notice is required ({exempt})"
    related = [e for e in earlier if e.number in m.related_to]
    needed, why = change_notice_required(
        contract_type=facts.contract_type,
        ground=m.ground,
        value_before=m.value_before,
        value_after=m.value_after,
        term_change_percent=m.term_change_percent,
        related=related,
    )
    if not needed:
        return False, f"no contract change notice was required: {why}"
    values = [v for v in (m.value_before, m.value_after) if v is not None]
    if not values or max(values) <= MODIFIED_CONTRACT_THRESHOLD:
        return False, "the contract is not worth more than £5,000,000"
    worth = _pounds(max(values))
    return True, f"a contract change notice was required ({why}) and the contract is worth {worth}"
