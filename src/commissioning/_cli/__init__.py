"""The command line: ``commissioning`` (installed) and ``python -m commissioning``.

Commands: ``demo``, ``validate``, ``diagram``, ``replay``, ``obligations``,
``when-can-we-sign`` and ``audit``. Results go to standard output; errors go
to standard error as one clear message, never a traceback, with exit status
2 for input the command cannot use (a missing file, a file that is not JSON,
a bad date, a document of the wrong kind) and 1 when ``validate`` found
problems in a document it could read. ``--debug`` shows the traceback of an
unexpected error.

Examples:
    >>> main(["when-can-we-sign", "2025-04-17"])  # doctest: +ELLIPSIS
    Procurement Act 2023 s.51(2): 8 working days beginning with ...
    You may sign from 2025-05-01.
    0
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TextIO

from .._errors import CommissioningError
from . import _audit, _commands
from ._input import BAD_INPUT, CliError

__all__ = ["main", "parser"]

INTERNAL_ERROR = 3
"""The exit status when the library failed unexpectedly (a bug: please report it)."""

_PROG = "commissioning"


def _add_guards(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--guards",
        metavar="MODULE:NAME",
        help="import the definition's guards from MODULE:NAME (a GuardRegistry, a mapping or a "
        "list of Guards); guards not given are stand-ins that refuse, enough to check and draw",
    )


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per task."""
    main_parser = argparse.ArgumentParser(
        prog=_PROG,
        description="UK public-sector commissioning as validated, event-recorded machines.",
        epilog="Exit status: 0 done, 1 problems found by validate, 2 unusable input.",
    )
    main_parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="run the worked example and print what happened")
    demo.add_argument(
        "--diagram",
        choices=["mermaid", "dot"],
        default="mermaid",
        help="the diagram format to print (default: mermaid)",
    )
    demo.set_defaults(run=_commands.demo)

    validate = commands.add_parser(
        "validate",
        help="check machine definitions, event logs, stored aggregates or OCDS files",
        description="Check each file and list every problem found. Exit status 1 if any has "
        "problems. The kind of file is read from its 'format' (or its OCDS shape).",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="JSON or JSON Lines (- for stdin)"
    )
    validate.add_argument(
        "--definition", metavar="FILE", help="also replay event logs on this machine definition"
    )
    _add_guards(validate)
    validate.set_defaults(run=_commands.validate)

    diagram = commands.add_parser(
        "diagram",
        help="draw a definition, or a stored instance on its machine, as Mermaid or DOT",
    )
    diagram.add_argument(
        "file", metavar="FILE", help="a definition, an event log or a stored aggregate"
    )
    diagram.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    diagram.add_argument("--definition", metavar="FILE", help="the machine an event log ran on")
    diagram.add_argument("--stream", help="the stream to draw when the log holds several")
    _add_guards(diagram)
    diagram.set_defaults(run=_commands.diagram, as_of=None)

    replay = commands.add_parser(
        "replay", help="check a stored log or aggregate and print its state and history"
    )
    replay.add_argument("file", metavar="FILE", help="an event log or a stored aggregate")
    replay.add_argument("--definition", metavar="FILE", help="the machine an event log ran on")
    replay.add_argument("--stream", help="the stream to replay when the log holds several")
    replay.add_argument(
        "--as-of", metavar="MOMENT", help="as it stood then (2026-04-01T09:00+00:00, or a day)"
    )
    _add_guards(replay)
    replay.set_defaults(run=_commands.replay)

    obligations = commands.add_parser(
        "obligations",
        help="what is due and overdue on a day, for stored procurements or an OCDS file",
    )
    obligations.add_argument("files", nargs="+", metavar="FILE")
    obligations.add_argument(
        "--on", required=True, metavar="YYYY-MM-DD", help="the day asked about"
    )
    obligations.add_argument("--overdue", action="store_true", help="only what is overdue")
    obligations.set_defaults(run=_commands.obligations)

    sign = commands.add_parser(
        "when-can-we-sign",
        help="the standstill after an award: when the contract may be entered into",
    )
    sign.add_argument(
        "day",
        metavar="YYYY-MM-DD",
        help="PA and PSR: the day the award notice was published; PCR: the day the award "
        "decision notices were sent",
    )
    sign.add_argument("--regime", choices=["pa", "pcr", "psr"], default="pa", help="default: pa")
    sign.add_argument(
        "--exemption",
        choices=["urgency", "protect-life", "private-utility-direct-award", "framework-call-off",
                 "dynamic-market", "light-touch"],
        help="PA: the s.51(3) ground on which the award is exempt from the standstill",
    )  # fmt: skip
    sign.add_argument(
        "--voluntary-days", type=int, metavar="N", help="PA, exempt awards: a voluntary standstill"
    )
    sign.add_argument(
        "--not-electronic", action="store_true", help="PCR: notices sent by other means"
    )
    sign.add_argument(
        "--last-received", metavar="YYYY-MM-DD", help="PCR, other means: last supplier's receipt"
    )
    sign.add_argument(
        "--count-first-day", action="store_true", help="PSR: the other reading of reg 12"
    )
    sign.set_defaults(run=_commands.when_can_we_sign)
    _audit.add_parser(commands)
    return main_parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (it never raises, bar ``KeyboardInterrupt``)."""
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    the_parser = parser()
    try:
        args = the_parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed usage and the error on stderr
        return exit_.code if isinstance(exit_.code, int) else BAD_INPUT
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return run(args, out)
    except CliError as error:
        err.write(f"{_PROG} {args.command}: {error.message}\n")
        return error.status
    except CommissioningError as error:  # the library refused the input: say why, field by field
        problems = getattr(error, "problems", None) or (error,)
        err.write(f"{_PROG} {args.command}: " + "\n  ".join(str(p) for p in problems) + "\n")
        return BAD_INPUT
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        return 0
    except RecursionError:
        err.write(f"{_PROG} {args.command}: the input is nested too deeply to process\n")
        return BAD_INPUT
    except Exception as error:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if args.debug:
            traceback.print_exc(file=err)
        err.write(
            f"{_PROG} {args.command}: unexpected error: {type(error).__name__}: {error}\n"
            "This is a bug in commissioning; run again with --debug for details and report it.\n"
        )
        return INTERNAL_ERROR
