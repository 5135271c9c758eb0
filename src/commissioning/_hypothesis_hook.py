"""Hypothesis entry point: register this library's strategies when Hypothesis starts.

Kept apart from ``commissioning.strategies`` so that the hook can be loaded
while either module is still importing the other.
"""


def _hypothesis_setup_hook() -> None:
    """Import the public strategies, which registers a strategy for every public domain type."""
    import commissioning.strategies  # noqa: F401, PLC0415 - imported for its registrations, only when Hypothesis asks
