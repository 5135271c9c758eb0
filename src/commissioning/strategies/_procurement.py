"""Hypothesis strategies for the procurement area (filled in with that area)."""

__all__: list[str] = []
