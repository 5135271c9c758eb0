"""Hypothesis strategies for the machine area (filled in with that area)."""

__all__: list[str] = []
