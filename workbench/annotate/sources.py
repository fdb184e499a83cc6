"""Quotes and structured sources (placeholder until the attribution layer lands)."""

from __future__ import annotations

import pandas as pd

from workbench import schema

__all__ = ["extract_attributions", "summarize_sources"]


def extract_attributions(doc, sentences: list[dict]) -> tuple[list[dict], list[dict]]:
    """Return (quote rows, source rows) for one parsed article. Not implemented yet."""
    return [], []


def summarize_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """Roll sources up per article (placeholder)."""
    return schema.empty_frame("source_summary")
