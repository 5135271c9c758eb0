"""The worked example behind ``python -m commissioning demo``.

Everything here is deterministic: the dates are fixed or computed from fixed
dates, and nothing reads the clock. The demo prints, in order:

1. a whole commissioning cycle for a council's community meals service, from
   "What's the question?" to the start of its second cycle, with the
   make-or-buy decision taken by a Green Book appraisal and the Procurement Act
   open procedure running as the cycle's child machine
   ([`commissioning.cycle.example_report`][commissioning.cycle.example_report]);
2. a Procurement Act competitive flexible procedure run end to end, every date
   computed from the statute (participation and tendering periods, s.54;
   working days, s.123; standstill, s.51; contract details notice, s.53), and
   its OCDS 1.1.5 release package, checked against the official schema when
   ``jsonschema`` is installed;
3. both cycles and the procurement kept in a SQLite event store (the embedded
   default of `commissioning.store`, here in memory), reloaded from it and
   replayed, each compared with the original.
"""

from __future__ import annotations

import json
from typing import Any

from .cycle import example_lineage, example_report
from .ocds import SchemaUnavailable, demo_procurement, release_package, to_releases
from .ocds import validate_package as _validate
from .periods import pa_contract_details_deadline, pa_standstill

__all__ = ["run_demo"]


def _procurement_section() -> tuple[str, dict[str, Any]]:
    p = demo_procurement()
    h = p.timeline
    out = [
        "== A Procurement Act competitive flexible procedure, every date computed ==",
        "",
        f"{p.facts.title} for {p.facts.buyer}: {p.procedure.name} ({p.procedure.citation}), now in {p.state!r}",
        "",
        "Notices published:",
    ]
    out.extend(
        f"  {n.code}  {n.published_at:%a %d %b %Y %H:%M} UTC"
        + (f"  {dict(n.content)}" if n.content else "")
        for n in p.notices
    )
    out += [
        "",
        (
            f"Participation deadline {h.participation_deadline}, shortlisted suppliers invited "
            f"{h.invited_on}, tender deadline {h.tender_deadline} (s.54 minimums checked by the guards)."
        ),
        "",
    ]
    if h.award_notice_on is not None:
        out.append(pa_standstill(published_on=h.award_notice_on).explanation)
    if h.contract_entered_on is not None:
        due = pa_contract_details_deadline(entered_on=h.contract_entered_on)
        out += [
            "",
            (
                f"Contract entered into on {h.contract_entered_on}; contract details notice (UK7) "
                f"due by {due.last_day} ({due.rule})."
            ),
        ]
    package = release_package(
        to_releases(p, prefix="ocds-abc123"),
        uri=f"https://example.invalid/ocds/ocds-abc123-{p.id}.json",
        publisher=p.facts.buyer,
        published_at=p.history[-1].occurred_at,
    )
    return "\n".join(out), package


def run_demo(*, diagram: str = "mermaid") -> str:
    """Run the worked example and return the printed report.

    Examples:
        >>> report = run_demo()
        >>> report.splitlines()[0]
        '== Community meals: a whole commissioning cycle, with its procurement =='
        >>> "OCDS 1.1.5 release package" in report
        True
        >>> [line.endswith("replayed equal to the original: True")
        ...  for line in report.splitlines() if "records appended" in line]
        [True, True, True]
    """
    # The store is an adapter at the edge: imported here, never by the domain core.
    from .store._demo import store_section  # noqa: PLC0415 - keeps the store off the core's import path

    parts = [example_report(diagram=diagram), ""]
    text, package = _procurement_section()
    parts.append(text)
    first, second = example_lineage()
    parts += ["", store_section([(first, {}), (second, {}), (demo_procurement(), {})])]
    try:
        problems = _validate(package)
        verdict = (
            "valid against the official OCDS 1.1.5 release package schema"
            if not problems
            else "NOT valid: " + "; ".join(str(p) for p in problems)
        )
    except SchemaUnavailable as exc:
        verdict = f"not checked against the schema ({exc})"
    parts += [
        "",
        f"== Its OCDS 1.1.5 release package ({len(package['releases'])} releases; {verdict}) ==",
        json.dumps(package, indent=2, ensure_ascii=False),
    ]
    return "\n".join(parts)
