"""Compare stage: stories, wire relations, alignment, claims, facts and disagreements.

Stories and their threads; sentences aligned across articles; the values each article reports
(claims) grouped into facts; the disagreements derived from them, ranked by salience.

Also the per-story comparison tables the charts draw (coverage, sourcing, dates, timeline,
top disagreements, omissions per outlet).
"""

from __future__ import annotations

from workbench.compare.align import align_stories, relate_articles, word_diff
from workbench.compare.claims import extract_claims
from workbench.compare.discrepancies import find_discrepancies
from workbench.compare.stories import (
    group_stories,
    link_threads,
    make_story,
    merge_stories,
    single_story,
    split_story,
)
from workbench.compare.story_index import StoryIndex
from workbench.compare.tables import (
    coverage_table,
    discrepancy_summary,
    outlet_omissions,
    outlet_summary,
    sourcing_table,
    story_dates_table,
    story_sources_table,
    story_timeline,
)
from workbench.compare.threads import thread_discrepancies

__all__ = [
    "StoryIndex",
    "align_stories",
    "coverage_table",
    "discrepancy_summary",
    "extract_claims",
    "find_discrepancies",
    "group_stories",
    "link_threads",
    "make_story",
    "merge_stories",
    "outlet_omissions",
    "outlet_summary",
    "relate_articles",
    "single_story",
    "sourcing_table",
    "split_story",
    "story_dates_table",
    "story_sources_table",
    "story_timeline",
    "thread_discrepancies",
    "word_diff",
]
