"""Compare stage: stories, wire relations, sentence alignment, typed discrepancies."""

from __future__ import annotations

from workbench.compare.align import align_stories, relate_articles, word_diff
from workbench.compare.discrepancies import find_discrepancies
from workbench.compare.stories import group_stories, merge_stories, split_story

__all__ = [
    "align_stories",
    "find_discrepancies",
    "group_stories",
    "merge_stories",
    "relate_articles",
    "split_story",
    "word_diff",
]
