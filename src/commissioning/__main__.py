"""``python -m commissioning demo``: the worked example, printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._demo import run_demo


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m commissioning",
        description="UK public-sector commissioning as validated, event-recorded machines.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run the worked example and print what happened")
    demo.add_argument(
        "--diagram",
        choices=["mermaid", "dot"],
        default="mermaid",
        help="the diagram format to print (default: mermaid)",
    )
    args = parser.parse_args(argv)
    if args.command == "demo":
        sys.stdout.write(run_demo(diagram=args.diagram))
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
