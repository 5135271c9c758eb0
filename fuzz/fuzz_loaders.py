"""Coverage-guided fuzzing of every loader with atheris: run before a release (issue 17 item 4).

Each input is bytes, read as JSON (``parse_float=Decimal`` on odd lengths, as
some embedders read money) and handed to one loader chosen by the first byte:
the engine's definitions, records and event logs, ``Instance.from_data``,
``Procurement.from_data`` and ``StakeholderMap.from_data``. The promise is
checked on every input: a typed ``CommissioningError``, or a value whose stored
form goes through strict JSON (``allow_nan=False``) and loads back equal. Any
other exception is a finding: atheris stops and writes the input to
``crash-*``; add it as an ``@example`` to ``tests/fuzz``.

The seed corpus is written from the library's own exporters (the ``stored_*``
strategies), so mutations start from valid documents::

    PYTHONPATH=src python fuzz/fuzz_loaders.py --seed-corpus fuzz/corpus
    PYTHONPATH=src python fuzz/fuzz_loaders.py fuzz/corpus -max_total_time=1800 -rss_limit_mb=4096

(``-max_total_time`` is in seconds; the corpus directory grows as atheris
finds new paths and is not committed.)
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

import atheris  # type: ignore[import-untyped]  # ships no type information

with atheris.instrument_imports(include=["commissioning"]):
    from commissioning import (
        CommissioningError,
        record_from_data,
        record_to_data,
        records_from_data,
        records_to_data,
    )
    from commissioning.machine import (
        Definition,
        Guard,
        Instance,
        State,
        Transition,
        Verdict,
        definition_from_data,
        definition_to_data,
    )
    from commissioning.procurement import Procurement
    from commissioning.stakeholders import StakeholderMap

PERMISSIVE = Guard("permissive", lambda context, data: Verdict.allow(), "Allows everything.")
REVIEW = Definition(
    "review",
    states=[State("open", initial=True), State("held"), State("closed", final=True)],
    transitions=[
        Transition("open", "hold", "held", guards=[PERMISSIVE]),
        Transition(("open", "held"), "close", "closed"),
    ],
)


def _definition(data: Any) -> Definition:
    return definition_from_data(data, guards=[PERMISSIVE])


def _instance(data: Any) -> Instance:
    return Instance.from_data(data, definition=REVIEW)


LOADERS: tuple[tuple[Any, Any], ...] = (
    (_definition, definition_to_data),
    (record_from_data, record_to_data),
    (records_from_data, records_to_data),
    (_instance, Instance.to_data),
    (Procurement.from_data, Procurement.to_data),
    (StakeholderMap.from_data, StakeholderMap.to_data),
)


def check(loader: int, document: Any) -> None:
    """The promise for one loader and one document (raises on a broken promise)."""
    load, dump = LOADERS[loader % len(LOADERS)]
    try:
        value = load(document)
    except CommissioningError:
        return
    again = load(json.loads(json.dumps(dump(value), allow_nan=False)))
    if again != value:
        raise AssertionError(f"loaded value does not round-trip: {value!r}")


def test_one_input(data: bytes) -> None:
    """One atheris input: the first byte picks the loader, the rest is JSON."""
    if len(data) < 2:
        return
    try:
        text = data[1:].decode("utf-8")
        document = json.loads(text, parse_float=Decimal) if len(data) % 2 else json.loads(text)
    except (UnicodeDecodeError, RecursionError, ValueError, InvalidOperation):
        # not JSON (or a number the reader itself refuses): not the library's input
        return
    check(data[0], document)


def write_seed_corpus(directory: pathlib.Path) -> None:
    """Write valid stored forms from the library's own exporters, one file per document."""
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415 - only for seeding

    from commissioning.strategies import (  # noqa: PLC0415 - only for seeding
        stored_event_logs,
        stored_machine_definitions,
        stored_procurements,
        stored_records,
        stored_stakeholder_maps,
    )

    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for index, strategy in (
        (0, stored_machine_definitions()),
        (1, stored_records()),
        (2, stored_event_logs()),
        (4, stored_procurements()),
        (5, stored_stakeholder_maps()),
    ):
        documents: list[Any] = []

        @settings(max_examples=20, database=None, suppress_health_check=list(HealthCheck))
        @given(strategy)
        def collect(document: Any) -> None:
            documents.append(document)  # noqa: B023 - run at once, inside this iteration

        collect()
        for document in documents:
            count += 1
            body = json.dumps(document).encode()
            (directory / f"seed-{count:04d}").write_bytes(bytes([index]) + body)
    t = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    case, _ = REVIEW.start("case-1", at=t).fire("hold", at=t, actor="ann")
    (directory / "seed-instance").write_bytes(bytes([3]) + json.dumps(case.to_data()).encode())
    print(f"wrote {count + 1} seed documents to {directory}")  # noqa: T201 - a command-line tool


def main(argv: list[str]) -> None:
    """Write the seed corpus (``--seed-corpus DIR``) or fuzz (atheris/libFuzzer arguments)."""
    if len(argv) > 2 and argv[1] == "--seed-corpus":
        write_seed_corpus(pathlib.Path(argv[2]))
        return
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
