"""Hypothesis strategies for the stakeholders area (filled in with that area)."""

__all__: list[str] = []
