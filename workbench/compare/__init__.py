"""Compare stage: stories, wire relations, sentence alignment, typed discrepancies."""

from __future__ import annotations

import pandas as pd

from workbench import schema

__all__ = ["align_stories", "find_discrepancies", "group_stories", "relate_articles"]


def group_stories(articles: pd.DataFrame, *, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group articles into stories (placeholder: not implemented yet)."""
    return schema.empty_frame("stories")


def relate_articles(stories, sentences, *, alignments=None) -> pd.DataFrame:
    """Relation of each pair of articles of a story (placeholder)."""
    return schema.empty_frame("story_pairs")


def align_stories(stories, sentences) -> pd.DataFrame:
    """Align sentences across the articles of each story (placeholder)."""
    return schema.empty_frame("alignments")


def find_discrepancies(corpus) -> pd.DataFrame:
    """Typed differences within each story (placeholder)."""
    return schema.empty_frame("discrepancies")
