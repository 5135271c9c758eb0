"""Hypothesis strategies for the outcomes area (filled in with that area)."""

__all__: list[str] = []
