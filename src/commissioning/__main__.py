"""``python -m commissioning``: the command line (see ``commissioning --help``)."""

from __future__ import annotations

from ._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
