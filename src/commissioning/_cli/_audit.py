"""``commissioning audit``: the compliance audit of published OCDS notices, from a file of any size.

The file is streamed (JSON Lines, or a release or record package, read with
``ijson`` when it is installed) one procurement at a time; ``--progress``
shows a ``tqdm`` bar. A procurement whose releases have a wrong shape is
skipped and counted, its error listed on stderr, so one bad record does not
stop the audit of a national file.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from .._errors import InvalidInput
from ._input import CliError

__all__ = ["add_parser", "audit"]

_SHOWN_ERRORS = 10


def audit(args: argparse.Namespace, out: TextIO) -> int:
    """Audit the published dates in an OCDS file against the statutory rules; print the findings."""
    from ..ocds import ComplianceFinding, ExtraUnavailable, audit_published, iter_published  # noqa: PLC0415 - the OCDS reader loads only for this command
    from ._commands import parse_day  # noqa: PLC0415 - shared with the other commands

    path = Path(args.file)
    if not path.is_file():
        raise CliError(
            f"{args.file}: no such file"
            if not path.exists()
            else f"{args.file}: is a folder, not a file"
        )
    on = None if args.on is None else parse_day(args.on, option="--on")
    errors: list[InvalidInput] = []
    try:
        processes = list(iter_published(path, errors=errors, progress=args.progress))
        result = audit_published(processes, on=on)
    except ExtraUnavailable as error:
        raise CliError(f"--progress: {error}") from None
    except InvalidInput as error:
        raise CliError(f"{args.file}: not OCDS data: {error}") from None
    if not processes and not errors:
        raise CliError(
            f"{args.file}: not OCDS data: no releases found (expected JSON Lines of releases,"
            " a release or record package, or an array of releases)"
        )
    wanted = (
        {ComplianceFinding(f.replace("-", " ")) for f in args.only}
        if args.only
        else set(ComplianceFinding)
    )
    checks = [c for c in result.checks if c.finding in wanted]
    if args.csv:
        _write_csv(out, [c.row() for c in checks])
    else:
        out.writelines(
            f"{c.ocid}  {c.finding.value}  {c.rule} ({c.citation}): {c.detail}\n" for c in checks
        )
    counts = Counter(c.finding for c in result.checks)
    summary = ", ".join(f"{counts.get(f, 0)} {f.value}" for f in ComplianceFinding)
    err: TextIO = sys.stderr if args.csv else out
    err.write(f"{len(processes)} procurement(s), {len(result.checks)} check(s): {summary}\n")
    if errors:
        sys.stderr.write(f"{len(errors)} procurement(s) skipped, their releases malformed:\n")
        for skipped in errors[:_SHOWN_ERRORS]:
            sys.stderr.write(f"  {skipped}\n")
        if len(errors) > _SHOWN_ERRORS:
            sys.stderr.write(f"  ... and {len(errors) - _SHOWN_ERRORS} more\n")
    return 0


def _write_csv(out: TextIO, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def add_parser(commands: Any) -> None:
    """Add ``audit`` to the command line's subcommands."""
    command = commands.add_parser(
        "audit",
        help="audit the published dates of OCDS notices against the statutory rules",
        description="Read an OCDS file of any size (JSON Lines, a release or record package, "
        "an array of releases) and check each procurement's published dates against the "
        "statutory rules they allow checking: met, not met or cannot tell, with the rule, "
        "the dates and what had to be assumed.",
    )
    command.add_argument("file", metavar="FILE")
    command.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help="the day the audit is as of: a notice due before it and not published is not met",
    )
    command.add_argument(
        "--only",
        nargs="+",
        choices=["met", "not-met", "cannot-tell"],
        help="show only these findings (the summary counts them all)",
    )
    command.add_argument(
        "--progress", action="store_true", help="a progress bar on stderr (needs tqdm)"
    )
    command.add_argument(
        "--csv", action="store_true", help="one row per check as CSV; the summary goes to stderr"
    )
    command.set_defaults(run=audit)
