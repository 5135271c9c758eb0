"""What a cycle's records hold, and the helpers that read them (used by `._cycle`).

See [`commissioning.cycle._cycle`][commissioning.cycle] for the record kinds. Internal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._errors import InvalidHistory, InvalidInput, InvalidInputType, Problem
from .._reader import Reader
from .._validation import Checker
from ..machine import EventRecord
from ..procurement import Procurement
from ._evidence import Contract, MakeOrBuy, evidence_from_data
from ._frameworks import Framework
from ._lineage import LineageLink
from ._requirements import RequirementCheck

START = "start"
RECORD = "record"
APPROVE = "approve"
COMMANDS = frozenset({START, RECORD, APPROVE})


def describe(cycle_id: str, r: EventRecord) -> str:
    d = r.data
    if r.event == START and r.version == 1:
        fw = d.get("framework")
        name = fw.get("name") if isinstance(fw, Mapping) else fw
        link = d.get("lineage")
        text = f"started a {name!r} cycle for {d.get('service_area')!r}"
        if isinstance(link, Mapping):
            lessons = len(link.get("lessons", ()))
            seen = len(link.get("outcome_history", ()))
            text += (
                f" (iteration {link.get('iteration')}, after {link.get('previous')!r}, carrying "
                f"{lessons} lesson{'' if lessons == 1 else 's'} and "
                f"{seen} observation{'' if seen == 1 else 's'})"
            )
        return text
    if r.event == APPROVE and not r.path:
        a = d.get("approval", {})
        ref = f" ({a.get('reference')})" if a.get("reference") else ""
        return f"approval for {a.get('step')!r} by {a.get('by')} as {a.get('role')!r}{ref}"
    if r.event == RECORD and not r.path:
        evidence = evidence_from_data(d.get("evidence"))
        return f"recorded {evidence.kind.value} dated {evidence.on}: {_evidence_summary(evidence)}"
    where = f" in the procurement ({r.path[-1]!r})" if r.path else ""
    return f"{r.event!r}{where}: {r.source} -> {r.target}"


def _evidence_summary(p: Any) -> str:
    if isinstance(p, MakeOrBuy):
        value = "" if p.value is None else f", £{p.value:,.2f}"
        return f"{p.route.value}{value} ({p.rationale})"
    if isinstance(p, Contract):
        return f"{p.reference} with {p.supplier}, £{p.value:,.2f}, {p.starts_on} to {p.ends_on}"
    for field in ("question", "summary", "description", "rationale", "framework", "provider"):
        text = getattr(p, field, None)
        if isinstance(text, str) and text:
            return text
    return str(getattr(p, "method", ""))


def procurement_after(procurement: Procurement, r: EventRecord) -> Procurement:
    """The procurement after the cycle's procurement record ``r`` (replayed: guards judged it then)."""
    own = EventRecord(
        procurement.id,
        procurement.version + 1,
        r.event,
        r.occurred_at,
        r.actor,
        r.data,
        (),
        r.source,
        r.target,
    )
    return Procurement.replay((*procurement.history, own), procedures=[procurement.procedure])


def renumbered(r: EventRecord, stream_id: str, version: int) -> EventRecord:
    return EventRecord(
        stream_id, version, r.event, r.occurred_at, r.actor, r.data, r.path, r.source, r.target
    )


def text(check: Checker, field: str, value: Any) -> None:
    if check.type(field, value, str, "a non-empty str"):
        check.that(bool(value.strip()), field, "a non-empty str", value)


def no_context(context: object) -> None:
    if context is not None:
        raise InvalidInput.of(
            "context",
            "nothing: a cycle builds its guards' context itself (its evidence and approvals)",
            context,
        )


def frameworks_by_name(
    frameworks: Iterable[Framework] | Mapping[str, Framework],
) -> dict[str, Framework]:
    items = frameworks.values() if isinstance(frameworks, Mapping) else frameworks
    out = {}
    for i, fw in enumerate(items):
        if not isinstance(fw, Framework):
            raise InvalidInputType([Problem(f"frameworks[{i}]", "a Framework", fw, "type")])
        out[fw.name] = fw
    return out


def started(
    first: object,
    *,
    frameworks: Mapping[str, Framework],
    procedures: tuple[Any, ...],
    checks: Mapping[str, RequirementCheck] | None,
) -> tuple[str, Framework, LineageLink | None]:
    """The service area, framework and lineage a cycle's creation record holds."""
    if first.__class__ is not EventRecord or first.version != 1 or first.event != START:
        got = (
            f"version {first.version!r}, event {first.event!r}"
            if first.__class__ is EventRecord
            else type(first).__name__
        )
        raise InvalidHistory(
            0,
            first,
            f"expected the cycle's creation record (version 1, event 'start'), received {got}",
        )
    assert isinstance(first, EventRecord)  # noqa: S101 - checked above
    try:
        r = Reader(first.data, "data")
        r.only_keys(frozenset({"service_area", "framework", "lineage"}))
        service_area = r.key("service_area").text(non_empty=True)
        stored = r.key("framework")
        name = stored.key("name").text()
        given = frameworks.get(name)
        if given is None:
            framework = Framework.from_data(stored.value, procedures=procedures, checks=checks)
        else:
            framework = given
            again = Framework.from_data(
                stored.value, procedures=given.procedures, checks=given.check_functions
            )
            if again != given:
                raise InvalidHistory(
                    0,
                    first,
                    f"the framework given as {name!r} is not the one the cycle started under",
                )
        link = r.get("lineage")
        lineage = None if link is None else LineageLink.from_data(link.value, path="data.lineage")
    except InvalidInput as err:
        raise InvalidHistory(0, first, str(err)) from None
    return service_area, framework, lineage
