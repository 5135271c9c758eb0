"""Hypothesis strategies for the appraisal area (filled in with that area)."""

__all__: list[str] = []
