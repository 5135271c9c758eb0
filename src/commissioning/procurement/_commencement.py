"""Commencement as dated data: which Procurement Act 2023 duties are in force from which day.

Nothing is owed under a provision before it comes into force. The Act came into
force on 24 February 2025 (SI 2024/716 reg 2(2) and its Schedule), except:
the Schedule lists s.68 and then s.72, leaving out ss.69-71, which the
Commencement No. 4 Regulations 2025 (SI 2025/1316 reg 2) brought into force
"to the extent that they apply to public contracts awarded in accordance with"
the Act:

- s.69 (payments compliance notices): 1 January 2026, or 1 April 2026 for a
  procurement regulated by the Welsh Ministers (reg 2(1)(a), (2)(a));
- s.70 (information about payments): 1 April 2026, except for a procurement
  regulated by the Welsh Ministers, for which it is not yet in force
  (reg 2(2)(b));
- s.71 (assessment of contract performance): 1 January 2026 (reg 2(1)(b)).

A procurement is "regulated by the Welsh Ministers" (SI 2025/1316 reg 2(3)) when
the authority is a devolved Welsh authority, unless the procurement is under a
reserved or transferred Northern Ireland procurement arrangement, or when it is
under a devolved Welsh procurement arrangement (PA s.114(2)): the fact
``ProcurementFacts.devolution`` is [`Devolution.WELSH`][commissioning.procurement.Devolution].

Both instruments were read in the legislation.gov.uk text (the
legalize-dev/legalize-uk mirror, ``uk/uksi-2024-716.md`` and
``uk/uksi-2025-1316.md``). A user with a later commencement order supplies
their own table ([`CommencementTable.with_row`][commissioning.procurement.CommencementTable.with_row]).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from .._errors import InvalidInput, InvalidInputType, Problem
from .._time import as_date

__all__ = [
    "PA_COMMENCEMENTS",
    "Commencement",
    "CommencementTable",
    "Devolution",
    "provision_of_rule",
]


class Devolution(enum.StrEnum):
    """Whose procurement law the procurement falls under, where the Act treats devolved ones apart.

    - ``NOT_DEVOLVED``: neither of the others (a reserved procurement arrangement included).
    - ``WELSH``: regulated by the Welsh Ministers: a devolved Welsh authority not under a
      reserved (or transferred Northern Ireland) arrangement, or a procurement under a
      devolved Welsh procurement arrangement (PA s.111, s.114(2); SI 2025/1316 reg 2(3)).
    - ``NORTHERN_IRELAND``: a transferred Northern Ireland authority not under a reserved or
      devolved Welsh arrangement, or a procurement under a transferred Northern Ireland
      procurement arrangement (PA s.112, s.114(3)).

    Examples:
        >>> Devolution("devolved Welsh") is Devolution.WELSH
        True
    """

    NOT_DEVOLVED = "not devolved"
    WELSH = "devolved Welsh"
    NORTHERN_IRELAND = "transferred Northern Ireland"


_SI_716 = "SI 2024/716 reg 2(2) and Schedule"
_SI_1316 = "SI 2025/1316"
PA_IN_FORCE = pendulum.Date(2025, 2, 24)


@attrs.frozen
class Commencement:
    """When one provision of the Act came (or comes) into force, for Welsh-regulated procurements too.

    Attributes:
        provision: the section (``"s.69"``).
        title: what the section is about.
        in_force_from: the first day it is in force; ``None`` if not yet commenced.
        citation: the commencing instrument and regulation.
        welsh_in_force_from: the same for a procurement regulated by the Welsh Ministers.
        welsh_citation: the commencing provision for those.
        confirmed: ``False`` where the day was not read in the instrument itself (UNCONFIRMED).

    Examples:
        >>> import pendulum
        >>> row = PA_COMMENCEMENTS.row("s.69")
        >>> row.in_force_from, row.welsh_in_force_from
        (Date(2026, 1, 1), Date(2026, 4, 1))
        >>> row.in_force_on(pendulum.Date(2025, 12, 31)), row.in_force_on(pendulum.Date(2026, 1, 1))
        (False, True)
    """

    provision: str
    title: str
    in_force_from: pendulum.Date | None
    citation: str
    welsh_in_force_from: pendulum.Date | None
    welsh_citation: str
    confirmed: bool = True

    def __attrs_post_init__(self) -> None:
        problems = []
        if not (isinstance(self.provision, str) and re.fullmatch(r"s\.\d+", self.provision)):
            problems.append(Problem("provision", "a section such as 's.69'", self.provision))
        for name in ("in_force_from", "welsh_in_force_from"):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, as_date(value, field=name))
                except InvalidInput as err:
                    problems.extend(err.problems)
        for name in ("title", "citation", "welsh_citation"):
            if not isinstance(getattr(self, name), str):
                problems.append(Problem(name, "a str", getattr(self, name), "type"))
        confirmed: Any = self.confirmed
        if not isinstance(confirmed, bool):
            problems.append(Problem("confirmed", "a bool", confirmed, "type"))
        if problems:
            raise InvalidInput.from_problems(problems)

    def starts(self, *, welsh: bool = False) -> pendulum.Date | None:
        """The first day in force (for a Welsh-regulated procurement when ``welsh``); ``None``: not yet.

        Examples:
            >>> PA_COMMENCEMENTS.row("s.70").starts(welsh=True) is None
            True
        """
        return self.welsh_in_force_from if welsh else self.in_force_from

    def in_force_on(self, day: dt.date, *, welsh: bool = False) -> bool:
        """Whether the provision is in force on ``day``."""
        start = self.starts(welsh=welsh)
        return start is not None and as_date(day, field="day") >= start

    def describe(self, *, welsh: bool = False) -> str:
        """In words, with the citation (and UNCONFIRMED when not read in the instrument).

        Examples:
            >>> PA_COMMENCEMENTS.row("s.70").describe(welsh=True)
            'Procurement Act 2023 s.70 (information about payments) is not yet in force for a procurement regulated by the Welsh Ministers (SI 2025/1316 reg 2(2)(b) commences it for others only)'
        """
        start = self.starts(welsh=welsh)
        who = " for a procurement regulated by the Welsh Ministers" if welsh else ""
        cite = self.welsh_citation if welsh else self.citation
        flag = "" if self.confirmed else " UNCONFIRMED"
        if start is None:
            return f"Procurement Act 2023 {self.provision} ({self.title}) is not yet in force{who} ({cite}){flag}"
        return (
            f"Procurement Act 2023 {self.provision} ({self.title}) is in force from "
            f"{start:%a} {start.day} {start:%b %Y}{who} ({cite}){flag}"
        )


def _rows(value: Any) -> tuple[Commencement, ...]:
    return tuple(value)


@attrs.frozen
class CommencementTable:
    """Commencement rows by provision: the data ``obligations`` and ``authority_obligations`` consult.

    A provision not listed is taken to be in force from 24 February 2025 (SI 2024/716
    reg 2(2)): the Schedule commences almost all of the Act on that day.

    Attributes:
        rows: one [`Commencement`][commissioning.procurement.Commencement] per provision.

    Examples:
        >>> import pendulum
        >>> PA_COMMENCEMENTS.in_force("s.71", on=pendulum.Date(2025, 11, 1))
        False
        >>> later = PA_COMMENCEMENTS.with_row(Commencement("s.70", "information about payments",
        ...     pendulum.Date(2026, 4, 1), "SI 2025/1316 reg 2(2)(b)", pendulum.Date(2027, 4, 1),
        ...     "a future order (example)", confirmed=False))
        >>> later.in_force("s.70", on=pendulum.Date(2027, 4, 1), welsh=True)
        True
    """

    rows: tuple[Commencement, ...] = attrs.field(converter=_rows)
    _by_provision: MappingProxyType[str, Commencement] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems = []
        seen: dict[str, Commencement] = {}
        rows: tuple[Any, ...] = self.rows
        for i, row in enumerate(rows):
            if not isinstance(row, Commencement):
                problems.append(Problem(f"rows[{i}]", "a Commencement", row, "type"))
            elif row.provision in seen:
                problems.append(
                    Problem(f"rows[{i}].provision", "one row per provision", row.provision)
                )
            else:
                seen[row.provision] = row
        if problems:
            raise InvalidInput.from_problems(problems)
        object.__setattr__(self, "_by_provision", MappingProxyType(seen))

    def row(self, provision: str) -> Commencement:
        """The row for ``provision``; an unlisted section is in force from 24 Feb 2025.

        Examples:
            >>> PA_COMMENCEMENTS.row("s.53").in_force_from
            Date(2025, 2, 24)
        """
        found = self._by_provision.get(provision)
        if found is not None:
            return found
        if not (isinstance(provision, str) and re.fullmatch(r"s\.\d+", provision)):
            raise InvalidInput.of("provision", "a section such as 's.69'", provision)
        return Commencement(provision, "", PA_IN_FORCE, _SI_716, PA_IN_FORCE, _SI_716)

    def in_force(self, provision: str, *, on: dt.date, welsh: bool = False) -> bool:
        """Whether ``provision`` is in force on ``on`` (for a Welsh-regulated procurement if ``welsh``)."""
        return self.row(provision).in_force_on(on, welsh=welsh)

    def with_row(self, row: Commencement) -> CommencementTable:
        """A table with ``row`` replacing the row for its provision (or added)."""
        if not isinstance(row, Commencement):
            raise InvalidInputType([Problem("row", "a Commencement", row, "type")])
        return CommencementTable((*(r for r in self.rows if r.provision != row.provision), row))

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame indexed by provision (``pandas`` extra).

        Examples:
            >>> PA_COMMENCEMENTS.to_frame().loc["s.69", "welsh_in_force_from"]
            Date(2026, 4, 1)
        """
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported when asked for

        return pd.DataFrame([attrs.asdict(r) for r in self.rows]).set_index("provision")


def _all_from_24_feb_2025(provisions: Iterable[tuple[str, str]]) -> list[Commencement]:
    return [
        Commencement(p, title, PA_IN_FORCE, _SI_716, PA_IN_FORCE, _SI_716)
        for p, title in provisions
    ]


PA_COMMENCEMENTS = CommencementTable(
    [
        *_all_from_24_feb_2025(
            (
                ("s.17", "preliminary market engagement notices"),
                ("s.39", "dynamic market notices"),
                ("s.44", "transparency notices"),
                ("s.50", "contract award notices and assessment summaries"),
                ("s.51", "standstill periods on the award of contracts"),
                ("s.52", "key performance indicators"),
                ("s.53", "contract details notices and publication of contracts"),
                ("s.55", "procurement termination notices"),
                ("s.68", "implied payment terms in public contracts"),
                ("s.75", "contract change notices"),
                ("s.77", "publication of modifications"),
                ("s.80", "contract termination notices"),
                ("s.83", "conflicts assessments"),
                ("s.87", "regulated below-threshold contracts: notices (subsections (1)-(6))"),
                ("s.93", "pipeline notices"),
            )
        ),
        Commencement(
            "s.69",
            "payments compliance notices",
            pendulum.Date(2026, 1, 1),
            f"{_SI_1316} reg 2(1)(a)",
            pendulum.Date(2026, 4, 1),
            f"{_SI_1316} reg 2(2)(a)",
        ),
        Commencement(
            "s.70",
            "information about payments",
            pendulum.Date(2026, 4, 1),
            f"{_SI_1316} reg 2(2)(b)",
            None,
            f"{_SI_1316} reg 2(2)(b) commences it for others only",
        ),
        Commencement(
            "s.71",
            "assessment of contract performance",
            pendulum.Date(2026, 1, 1),
            f"{_SI_1316} reg 2(1)(b)",
            pendulum.Date(2026, 1, 1),
            f"{_SI_1316} reg 2(1)(b)",
        ),
    ]
)
"""The statutory commencement table (SI 2024/716; SI 2025/1316), read in the instruments' text."""


_RULE_SECTION = re.compile(r"^pa-s(\d+)-")


def provision_of_rule(rule_key: str) -> str | None:
    """The PA section a rule key rests on (``"pa-s69-payments-compliance"`` -> ``"s.69"``).

    ``None`` for a rule of another regime (PCR, PSR) or one not named after a section.

    Examples:
        >>> provision_of_rule("pa-s71-breach"), provision_of_rule("pcr-reg87-standstill")
        ('s.71', None)
    """
    match = _RULE_SECTION.match(rule_key)
    return None if match is None else f"s.{match.group(1)}"
