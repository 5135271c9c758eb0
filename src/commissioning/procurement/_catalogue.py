"""The procedure catalogue: every procedure by key, and how a key is looked up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._errors import InvalidInput, InvalidInputType, Problem
from ._context import Procedure
from ._pa_procedures import PA_PROCEDURES
from ._pcr import PCR_PROCEDURES
from ._psr import PSR_PROCEDURES
from ._registry import ProcedureRegistry

__all__ = ["PA_PROCEDURE_KEYS", "PROCEDURES", "procedure"]


#: Every procedure, by key: Procurement Act 2023 (``pa-*``), PCR 2015 (``pcr-*``) and PSR (``psr-*``).
#: A read-only mapping; each procedure (and its machine) is built when first asked for, then kept.
PROCEDURES: Mapping[str, Procedure] = ProcedureRegistry.joining(
    PA_PROCEDURES, PCR_PROCEDURES, PSR_PROCEDURES
)

#: The keys of the Procurement Act 2023 procedures, in a stable order.
PA_PROCEDURE_KEYS: tuple[str, ...] = tuple(PA_PROCEDURES)


def procedure(key: str) -> Procedure:
    """The procedure called ``key`` (see [`PROCEDURES`][commissioning.procurement]).

    Examples:
        >>> procedure("pa-direct-award").citation
        'Procurement Act 2023 s.41 and Sch 5'
        >>> procedure("pa-closed")
        Traceback (most recent call last):
        ...
        commissioning.InvalidInput: key: expected a procedure key (pa-open, pa-competitive-flexible, ...), received 'pa-closed'
    """
    try:
        return PROCEDURES[key]
    except (KeyError, TypeError):
        raise InvalidInput.of(
            "key", "a procedure key (pa-open, pa-competitive-flexible, ...)", key
        ) from None


def _registry(
    procedures: Mapping[str, Procedure] | Iterable[Procedure],
) -> Mapping[str, Procedure]:
    if isinstance(procedures, Mapping):
        given = dict(procedures)
    else:
        given = {}
        for i, proc in enumerate(procedures):
            if not isinstance(proc, Procedure):
                raise InvalidInputType([Problem(f"procedures[{i}]", "a Procedure", proc, "type")])
            given[proc.key] = proc
    return {**PROCEDURES, **given}


def _as_procedure(value: str | Procedure) -> Procedure:
    if isinstance(value, Procedure):
        return value
    return procedure(value)
