"""Hypothesis strategies for the calendar area (filled in with that area)."""

__all__: list[str] = []
