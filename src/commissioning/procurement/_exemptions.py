"""Exemptions as one table of data: which duty the Act takes away in which circumstance, and where.

Every guard and the obligations view ask this table (never a special case of
their own) whether a duty applies: [`ExemptionTable.exemption`][commissioning.procurement.ExemptionTable.exemption] with the
duty's rule key (``"pa-s53-contract-details"``) and the procurement's
[`Circumstance`][commissioning.procurement.Circumstance] set ([`circumstances_of`][commissioning.procurement.circumstances_of]). Each row cites the
provision that removes the duty; they were read in the Act's text (the
legalize-dev/legalize-uk mirror of legislation.gov.uk, ``uk/ukpga-2023-54.md``).

Readings the library takes (documented in ``docs/explanation/procurement.md``):

- a below-threshold contract is not a "public contract" (s.3(2)-(4): "not less
  than the threshold amount"), so duties about public contracts (s.53, s.70,
  s.71, s.75, s.80) do not reach it; its own duties are in Part 6 (s.84-s.88);
- "a utilities contract awarded by a private utility" (s.52(6)(b), s.70(4)(a)) is
  read as any contract of a buyer flagged ``private_utility``;
- a "utilities contract" (s.84(1)(c)) is read as a contract of a utility buyer
  (``AuthorityType.UTILITIES`` or ``private_utility``): the Act asks what the
  contract is for (s.6), which the facts do not record;
- a user-choice contract (Sch 5 para 15) is a direct award decided without a
  transparency notice (``select_supplier``) or one whose transparency notice
  names the ``user_choice`` justification.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidInput, InvalidInputType, Problem
from ..thresholds import AuthorityType, ContractType
from ._commencement import Devolution

if TYPE_CHECKING:
    from ._context import History
    from ._facts import ProcurementFacts

__all__ = [
    "PA_EXEMPTIONS",
    "Circumstance",
    "Exemption",
    "ExemptionTable",
    "circumstances_of",
]

PA = "Procurement Act 2023"

#: The works amounts of PA 2023 s.85(3) (VAT included, as every PA value is): at or above them a
#: below-threshold works contract may restrict tenders by a suitability assessment. As in the
#: Act's text; UNCONFIRMED whether regulations under s.85(4) have changed them since.
S85_WORKS_CENTRAL = Decimal(138760)
S85_WORKS_OTHER = Decimal(213477)


class Circumstance(enum.StrEnum):
    """A fact about a procurement or contract that the Act attaches an exemption to.

    Examples:
        >>> Circumstance("private utility") is Circumstance.PRIVATE_UTILITY
        True
    """

    PRIVATE_UTILITY = "private utility"
    LIGHT_TOUCH = "light touch contract"
    USER_CHOICE = "user choice contract"
    BELOW_THRESHOLD = "below-threshold contract"
    CONCESSION = "concession contract"
    UTILITIES_CONTRACT = "utilities contract"
    FRAMEWORK = "framework"
    SCHOOL = "awarded by a school"
    WELSH = "devolved Welsh"
    NORTHERN_IRELAND = "transferred Northern Ireland"
    DEFENCE_AND_SECURITY = "defence and security contract"
    DEFENCE_AND_SECURITY_CALL_OFF = (
        "defence and security contract awarded under a defence and security framework"
    )
    URGENCY_DIRECT_AWARD = "direct award on the ground of extreme and unavoidable urgency"
    PROTECT_LIFE_DIRECT_AWARD = "direct award to protect life etc. under s.42"
    PRIVATE_UTILITY_DIRECT_AWARD = "direct award (s.41 or s.43) by a private utility"
    FRAMEWORK_CALL_OFF = "contract awarded in accordance with a framework"
    DYNAMIC_MARKET_AWARD = "contract awarded by reference to a dynamic market"
    WORKS_AT_S85_AMOUNT = "works contract at or above the s.85(3) amount"


def _circumstance(value: Any) -> Circumstance:
    try:
        return Circumstance(value)
    except (ValueError, TypeError):
        raise InvalidInput.of(
            "circumstance", f"a Circumstance (one of {[c.value for c in Circumstance]})", value
        ) from None


@attrs.frozen
class Exemption:
    """One row: the duty (a rule key), the circumstance that removes it, and the provision that says so.

    Attributes:
        duty: the rule key of the duty removed (``"pa-s53-contract-details"``).
        circumstance: when it is removed.
        citation: the provision removing it (``"Procurement Act 2023 s.53(6)(b)"``).
        reason: the exemption in words.
        confirmed: ``False`` where the row is the library's reading rather than the Act's words.

    Examples:
        >>> e = PA_EXEMPTIONS.exemption("pa-s80-termination", {Circumstance.USER_CHOICE})
        >>> str(e)
        'not owed: a contract awarded under s.41 by reference to Sch 5 para 15 (user choice contracts) (Procurement Act 2023 s.80(4)(b))'
    """

    duty: str
    circumstance: Circumstance = attrs.field(converter=_circumstance)
    citation: str
    reason: str
    confirmed: bool = True

    def __str__(self) -> str:
        flag = "" if self.confirmed else "; UNCONFIRMED: the library's reading"
        return f"not owed: {self.reason} ({self.citation}{flag})"


def _rows(value: Any) -> tuple[Exemption, ...]:
    return tuple(value)


@attrs.frozen
class ExemptionTable:
    """The exemptions, looked up by duty and circumstances.

    Attributes:
        rows: the [`Exemption`][commissioning.procurement.Exemption] rows, in the order given.

    Examples:
        >>> PA_EXEMPTIONS.exemption("pa-s75-change", {Circumstance.LIGHT_TOUCH}).citation
        'Procurement Act 2023 s.75(6)(b)'
        >>> PA_EXEMPTIONS.exemption("pa-s75-change", set()) is None
        True
    """

    rows: tuple[Exemption, ...] = attrs.field(converter=_rows)
    _by_duty: MappingProxyType[str, tuple[Exemption, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems = [
            Problem(f"rows[{i}]", "an Exemption", r, "type")
            for i, r in enumerate(self.rows)
            if not isinstance(r, Exemption)
        ]
        if problems:
            raise InvalidInputType(problems)
        by_duty: dict[str, list[Exemption]] = {}
        for r in self.rows:
            by_duty.setdefault(r.duty, []).append(r)
        object.__setattr__(
            self, "_by_duty", MappingProxyType({k: tuple(v) for k, v in by_duty.items()})
        )

    def exemption(self, duty: str, circumstances: Iterable[Circumstance]) -> Exemption | None:
        """The first row removing ``duty`` in one of ``circumstances``, or ``None`` when it is owed."""
        rows = self._by_duty.get(duty)
        if not rows:
            return None
        present = (
            circumstances if isinstance(circumstances, set | frozenset) else set(circumstances)
        )
        for r in rows:
            if r.circumstance in present:
                return r
        return None

    def for_duty(self, duty: str) -> tuple[Exemption, ...]:
        """Every row for ``duty`` (empty when the Act gives it no exemption here).

        Examples:
            >>> [e.circumstance.value for e in PA_EXEMPTIONS.for_duty("pa-s93-pipeline")]
            ['private utility', 'transferred Northern Ireland']
        """
        if not isinstance(duty, str):
            raise InvalidInputType([Problem("duty", "a rule key (str)", duty, "type")])
        return self._by_duty.get(duty, ())

    def with_rows(self, *rows: Exemption) -> ExemptionTable:
        """A table with ``rows`` added (a user's own reading, or a later amendment)."""
        return ExemptionTable((*self.rows, *rows))

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (``pandas`` extra).

        Examples:
            >>> PA_EXEMPTIONS.to_frame().columns.tolist()
            ['duty', 'circumstance', 'citation', 'reason', 'confirmed']
        """
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported when asked for

        return pd.DataFrame(
            [{**attrs.asdict(r), "circumstance": r.circumstance.value} for r in self.rows]
        )


_C = Circumstance
_BELOW = (
    "a below-threshold contract is not a public contract (s.3(2)-(4): estimated value not "
    "less than the threshold amount)"
)
_USER_CHOICE = "a contract awarded under s.41 by reference to Sch 5 para 15 (user choice contracts)"
_NI = (
    "a contract awarded by a transferred Northern Ireland authority (unless under a reserved or "
    "devolved Welsh procurement arrangement) or under a transferred Northern Ireland "
    "procurement arrangement"
)
_WELSH = (
    "a contract awarded by a devolved Welsh authority (unless under a reserved procurement "
    "arrangement) or under a devolved Welsh procurement arrangement"
)


def _row(
    duty: str, c: Circumstance, section: str, reason: str, *, confirmed: bool = True
) -> Exemption:
    return Exemption(duty, c, f"{PA} {section}", reason, confirmed)


PA_EXEMPTIONS = ExemptionTable(
    [
        # s.17 preliminary market engagement notice (UK2)
        _row("pa-s17-engagement", _C.PRIVATE_UTILITY, "s.17(3)", "a private utility"),
        # s.44 transparency notice (UK5)
        _row("pa-s44-transparency", _C.USER_CHOICE, "s.44(3)", _USER_CHOICE),
        # s.50 contract award notice (UK6)
        _row("pa-s50-award-notice", _C.USER_CHOICE, "s.50(6)(b)", _USER_CHOICE),
        _row(
            "pa-s50-award-notice",
            _C.DEFENCE_AND_SECURITY_CALL_OFF,
            "s.50(6)(a)",
            "a defence and security contract awarded under a defence and security framework",
        ),
        _row("pa-s50-award-notice", _C.BELOW_THRESHOLD, "s.3(2), s.50(1)", _BELOW),
        # s.51 mandatory standstill (the order is the order in which an exemption is reported)
        _row(
            "pa-s51-standstill",
            _C.FRAMEWORK_CALL_OFF,
            "s.51(3)(d)",
            "a contract awarded in accordance with a framework",
        ),
        _row(
            "pa-s51-standstill",
            _C.DYNAMIC_MARKET_AWARD,
            "s.51(3)(e)",
            "a contract awarded by reference to a dynamic market",
        ),
        _row("pa-s51-standstill", _C.LIGHT_TOUCH, "s.51(3)(f)", "a light touch contract"),
        _row(
            "pa-s51-standstill",
            _C.URGENCY_DIRECT_AWARD,
            "s.51(3)(a)",
            "a direct award by reference to Sch 5 para 13 (extreme and unavoidable urgency)",
        ),
        _row(
            "pa-s51-standstill",
            _C.PROTECT_LIFE_DIRECT_AWARD,
            "s.51(3)(b)",
            "a direct award by reference to regulations under s.42 (to protect life, etc.)",
        ),
        _row(
            "pa-s51-standstill",
            _C.PRIVATE_UTILITY_DIRECT_AWARD,
            "s.51(3)(c)",
            "a direct award under s.41 or s.43 by a private utility",
        ),
        # s.52 KPIs
        _row("pa-s52-kpis", _C.FRAMEWORK, "s.52(6)(a)", "a framework"),
        _row(
            "pa-s52-kpis",
            _C.PRIVATE_UTILITY,
            "s.52(6)(b)",
            "a utilities contract awarded by a private utility",
        ),
        _row("pa-s52-kpis", _C.CONCESSION, "s.52(6)(c)", "a concession contract"),
        _row("pa-s52-kpis", _C.LIGHT_TOUCH, "s.52(6)(d)", "a light touch contract"),
        # s.53 contract details notice (UK7) and the contract copy
        _row("pa-s53-contract-details", _C.PRIVATE_UTILITY, "s.53(6)(a)", "a private utility"),
        _row("pa-s53-contract-details", _C.USER_CHOICE, "s.53(6)(b)", _USER_CHOICE),
        _row(
            "pa-s53-contract-details",
            _C.BELOW_THRESHOLD,
            "s.3(2), s.53(1)",
            f"{_BELOW}; a notifiable one has the s.87(3) contract details notice instead",
        ),
        _row("pa-s53-contract-copy", _C.PRIVATE_UTILITY, "s.53(6)(a)", "a private utility"),
        _row("pa-s53-contract-copy", _C.USER_CHOICE, "s.53(6)(b)", _USER_CHOICE),
        _row("pa-s53-contract-copy", _C.WELSH, "s.53(4)", _WELSH),
        _row(
            "pa-s53-contract-copy",
            _C.NORTHERN_IRELAND,
            "s.53(4)",
            "a contract awarded by a transferred Northern Ireland authority (unless under a "
            "reserved procurement arrangement) or under a transferred Northern Ireland "
            "procurement arrangement",
        ),
        _row("pa-s53-contract-copy", _C.BELOW_THRESHOLD, "s.3(2), s.53(3)", _BELOW),
        # s.55 procurement termination notice (UK12)
        _row("pa-s55-procurement-termination", _C.PRIVATE_UTILITY, "s.55(3)", "a private utility"),
        _row(
            "pa-s55-procurement-termination",
            _C.BELOW_THRESHOLD,
            "s.3(2), s.55(1)",
            f"{_BELOW}; s.55 is about a tender or transparency notice for a public contract",
        ),
        # s.69 payments compliance notice (UK17): the authority's duty, and which contracts count
        _row(
            "pa-s69-payments-compliance",
            _C.NORTHERN_IRELAND,
            "s.69(6)(a)",
            "a transferred Northern Ireland authority",
        ),
        _row("pa-s69-payments-compliance", _C.PRIVATE_UTILITY, "s.69(6)(b)", "a private utility"),
        _row(
            "pa-s69-payments-compliance",
            _C.SCHOOL,
            "s.69(6)(c)",
            "a public contract awarded by a school",
        ),
        _row("pa-s69-payments-compliance", _C.CONCESSION, "s.69(6)(d)", "a concession contract"),
        # s.70 payments information (UK8)
        _row(
            "pa-s70-payments",
            _C.PRIVATE_UTILITY,
            "s.70(4)(a)",
            "a utilities contract awarded by a private utility",
        ),
        _row("pa-s70-payments", _C.CONCESSION, "s.70(4)(b)", "a concession contract"),
        _row("pa-s70-payments", _C.SCHOOL, "s.70(4)(c)", "a contract awarded by a school"),
        _row("pa-s70-payments", _C.NORTHERN_IRELAND, "s.70(4)(d)-(e)", _NI),
        _row("pa-s70-payments", _C.BELOW_THRESHOLD, "s.3(2), s.70(1)", _BELOW),
        # s.71 performance (UK9): yearly KPI notices and breach/failure notices
        _row("pa-s71-performance", _C.PRIVATE_UTILITY, "s.71(7)", "a private utility"),
        _row("pa-s71-performance", _C.BELOW_THRESHOLD, "s.3(2), s.71", _BELOW),
        _row("pa-s71-breach", _C.PRIVATE_UTILITY, "s.71(7)", "a private utility"),
        _row("pa-s71-breach", _C.LIGHT_TOUCH, "s.71(6)", "a light touch contract"),
        _row("pa-s71-breach", _C.BELOW_THRESHOLD, "s.3(2), s.71(3)-(4)", _BELOW),
        _row("pa-s71-breach-termination", _C.PRIVATE_UTILITY, "s.71(7)", "a private utility"),
        _row("pa-s71-breach-termination", _C.LIGHT_TOUCH, "s.71(6)", "a light touch contract"),
        _row("pa-s71-breach-termination", _C.BELOW_THRESHOLD, "s.3(2), s.71(3)-(4)", _BELOW),
        # s.75 contract change notice (UK10)
        _row(
            "pa-s75-change",
            _C.DEFENCE_AND_SECURITY,
            "s.75(6)(a)",
            "a defence and security contract",
        ),
        _row("pa-s75-change", _C.LIGHT_TOUCH, "s.75(6)(b)", "a light touch contract"),
        _row(
            "pa-s75-change",
            _C.PRIVATE_UTILITY,
            "s.75(6)(c)",
            "a contract awarded by a private utility",
        ),
        _row("pa-s75-change", _C.NORTHERN_IRELAND, "s.75(6)(d)-(e)", _NI),
        _row("pa-s75-change", _C.BELOW_THRESHOLD, "s.3(2), s.75(1)", _BELOW),
        # s.77 publication of modifications (pa-s77-modification-copy, in _life_duties)
        _row("pa-s77-modification-copy", _C.WELSH, "s.77(3)", _WELSH),
        # s.80 contract termination notice (UK11)
        _row("pa-s80-termination", _C.PRIVATE_UTILITY, "s.80(4)(a)", "a private utility"),
        _row("pa-s80-termination", _C.USER_CHOICE, "s.80(4)(b)", _USER_CHOICE),
        _row("pa-s80-termination", _C.BELOW_THRESHOLD, "s.3(2), s.80(1)", _BELOW),
        # s.84: Part 6 (below-threshold notices) does not reach these
        *(
            _row(duty, c, section, reason)
            for duty in ("pa-s87-below-threshold-notice", "pa-s87-below-threshold-details")
            for c, section, reason in (
                (
                    _C.CONCESSION,
                    "s.84(1)(b)",
                    "a concession contract is not a regulated below-threshold contract",
                ),
                (
                    _C.UTILITIES_CONTRACT,
                    "s.84(1)(c)",
                    "a utilities contract is not a regulated below-threshold contract",
                ),
                (_C.SCHOOL, "s.84(2)(a)", "Part 6 does not apply to procurement by a school"),
                (
                    _C.NORTHERN_IRELAND,
                    "s.84(2)(b)-(c)",
                    (
                        "Part 6 does not apply to procurement by a transferred Northern Ireland "
                        "authority (unless under a reserved or devolved Welsh arrangement) or "
                        "under a transferred Northern Ireland procurement arrangement"
                    ),
                ),
            )
        ),
        # s.85(1): no restricting below-threshold tenders by a suitability assessment
        _row(
            "pa-s85-suitability",
            _C.WORKS_AT_S85_AMOUNT,
            "s.85(3)",
            "a works contract with an estimated value of at least £138,760 (central government) "
            "or £213,477 (others)",
        ),
        _row("pa-s85-suitability", _C.WELSH, "s.85(5)(a)-(b)", _WELSH),
        _row(
            "pa-s85-suitability",
            _C.FRAMEWORK_CALL_OFF,
            "s.85(5)(c)",
            "a contract awarded in accordance with a framework",
        ),
        # s.93 pipeline notice (UK1): the authority's duty
        _row("pa-s93-pipeline", _C.PRIVATE_UTILITY, "s.93(6)(a)", "a private utility"),
        _row(
            "pa-s93-pipeline",
            _C.NORTHERN_IRELAND,
            "s.93(6)(b)",
            "a transferred Northern Ireland authority",
        ),
    ]
)
"""The Procurement Act 2023 exemptions the library applies, each with the provision that gives it."""


def circumstances_of(
    facts: ProcurementFacts, *, procedure: str = "", history: History | None = None
) -> frozenset[Circumstance]:
    """The circumstances of a procurement that exemptions turn on.

    ``procedure`` is the procedure key; ``history`` what has happened (a user-choice
    award is known from it).

    Examples:
        >>> import pendulum
        >>> from commissioning.procurement import ProcurementFacts
        >>> f = ProcurementFacts(title="Depot", buyer="Water Co", authority=AuthorityType.UTILITIES,
        ...     contract_type=ContractType.SERVICES, value_including_vat="900000",
        ...     commenced_on=pendulum.Date(2026, 2, 2), private_utility=True)
        >>> sorted(c.value for c in circumstances_of(f))
        ['private utility', 'utilities contract']
    """
    out: set[Circumstance] = set()
    if facts.private_utility:
        out.add(_C.PRIVATE_UTILITY)
        out.add(_C.UTILITIES_CONTRACT)
    if facts.authority is AuthorityType.UTILITIES:
        out.add(_C.UTILITIES_CONTRACT)
    if facts.contract_type is ContractType.LIGHT_TOUCH:
        out.add(_C.LIGHT_TOUCH)
    if facts.contract_type is ContractType.CONCESSION:
        out.add(_C.CONCESSION)
    if facts.framework:
        out.add(_C.FRAMEWORK)
    if facts.school:
        out.add(_C.SCHOOL)
    if facts.devolution is Devolution.WELSH:
        out.add(_C.WELSH)
    elif facts.devolution is Devolution.NORTHERN_IRELAND:
        out.add(_C.NORTHERN_IRELAND)
    if facts.defence_and_security:
        out.add(_C.DEFENCE_AND_SECURITY)
        if procedure == "pa-framework-call-off":
            out.add(_C.DEFENCE_AND_SECURITY_CALL_OFF)
    if procedure == "pa-below-threshold" or not facts.above_threshold:
        out.add(_C.BELOW_THRESHOLD)
    if procedure == "pa-framework-call-off":
        out.add(_C.FRAMEWORK_CALL_OFF)
    if procedure == "pa-dynamic-market-award":
        out.add(_C.DYNAMIC_MARKET_AWARD)
    if facts.contract_type is ContractType.WORKS and facts.value_including_vat >= (
        S85_WORKS_CENTRAL
        if facts.authority is AuthorityType.CENTRAL_GOVERNMENT
        else S85_WORKS_OTHER
    ):
        out.add(_C.WORKS_AT_S85_AMOUNT)
    if history is not None:
        if procedure == "pa-direct-award" and is_user_choice(history):
            out.add(_C.USER_CHOICE)
        uk5 = history.last("UK5")
        if uk5 is not None:
            justification = uk5.content.get("justification")
            if justification == "urgency":
                out.add(_C.URGENCY_DIRECT_AWARD)
            elif justification == "protect_life":
                out.add(_C.PROTECT_LIFE_DIRECT_AWARD)
            if facts.private_utility:
                out.add(_C.PRIVATE_UTILITY_DIRECT_AWARD)
    return frozenset(out)


def is_user_choice(history: History) -> bool:
    """Whether a direct award is a user-choice award (Sch 5 para 15).

    Decided without a transparency notice (``select_supplier``, which only a
    user-choice award may do), or with one naming the ``user_choice`` justification.
    """
    uk5 = history.last("UK5")
    if uk5 is not None:
        return uk5.content.get("justification") == "user_choice"
    return history.award is not None


def check_exemption_table(value: Any, field: str = "exemptions") -> ExemptionTable:
    """``value`` as an [`ExemptionTable`][commissioning.procurement.ExemptionTable] (``None``: the statutory one); a typed error otherwise."""
    if value is None:
        return PA_EXEMPTIONS
    if not isinstance(value, ExemptionTable):
        raise InvalidInputType([Problem(field, "an ExemptionTable or None", value, "type")])
    return value
