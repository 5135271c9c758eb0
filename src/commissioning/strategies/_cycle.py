"""Hypothesis strategies for the cycle area (filled in with that area)."""

__all__: list[str] = []
