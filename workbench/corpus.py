"""The :class:`Corpus`: the loaded articles and every later table, computed lazily and cached."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

__all__ = ["SAMPLE_DIR", "Corpus", "load"]

#: The embedded sample corpus (the two seed pages and their manifest).
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "samples"


class Corpus:
    """A loaded corpus and its tables (pandas DataFrames).

    ``articles`` and ``load_report`` exist from the start; the annotation tables (``sentences``,
    ``entities``, ``quotes``, ``sources``, ``source_summary``, ``timexes``,
    ``publication_dates``) and the comparison tables (``stories``, ``story_pairs``,
    ``alignments``, ``discrepancies``) are computed on first access and cached.
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        load_report: pd.DataFrame,
        *,
        n_process: int | None = None,
    ):
        self.articles = articles
        self.load_report = load_report
        self.n_process = n_process

    def __repr__(self) -> str:
        counts = self.load_report["status"].value_counts().to_dict() if len(self.load_report) else {}
        return f"<Corpus: {len(self.articles)} articles; load report {counts}>"

    # --- annotate --------------------------------------------------------------------------
    @cached_property
    def annotations(self):
        """All annotation tables (:class:`workbench.annotate.Annotations`)."""
        from workbench.annotate import annotate_articles

        return annotate_articles(self.articles, n_process=self.n_process)

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per (article_id, sentence_id)."""
        return self.annotations.sentences

    @property
    def entities(self) -> pd.DataFrame:
        """One row per (article_id, entity mention)."""
        return self.annotations.entities

    @property
    def quotes(self) -> pd.DataFrame:
        """One row per (article_id, quotation), direct or indirect."""
        return self.annotations.quotes

    @property
    def sources(self) -> pd.DataFrame:
        """One row per (article_id, source mention)."""
        return self.annotations.sources

    @property
    def source_summary(self) -> pd.DataFrame:
        """One row per article: distinct sources by kind, anonymous share."""
        return self.annotations.source_summary

    @property
    def timexes(self) -> pd.DataFrame:
        """One row per (article_id, temporal expression), resolved to an interval."""
        return self.annotations.timexes

    @property
    def publication_dates(self) -> pd.DataFrame:
        """One row per article: stated or inferred publication date with evidence."""
        return self.annotations.publication_dates

    # --- compare ---------------------------------------------------------------------------
    @cached_property
    def stories(self) -> pd.DataFrame:
        """One row per (story_id, article_id)."""
        from workbench.compare import group_stories

        return group_stories(self.articles, entities=self.entities)

    @cached_property
    def story_pairs(self) -> pd.DataFrame:
        """One row per pair of articles of one story: wire relation, what was added or cut."""
        from workbench.compare import relate_articles

        return relate_articles(self.stories, self.sentences, alignments=self.alignments)

    @cached_property
    def alignments(self) -> pd.DataFrame:
        """One row per (article_id, sentence_id, other article): aligned counterpart or unique."""
        from workbench.compare import align_stories

        return align_stories(self.stories, self.sentences)

    @cached_property
    def discrepancies(self) -> pd.DataFrame:
        """One row per (discrepancy, article): typed differences within each story."""
        from workbench.compare import find_discrepancies

        return find_discrepancies(self)


def load(path_or_paths=None, manifest=None, *, strict: bool = False, **options) -> Corpus:
    """Load a corpus: the public entry point.

    Args:
        path_or_paths: A file, folder (recursive), glob, or a list of them; the embedded sample
            corpus (:data:`SAMPLE_DIR`) when omitted.
        manifest: Optional manifest (CSV/JSON path or DataFrame) with a ``file`` column.
        strict: Raise on the first bad input instead of reporting it.
        **options: Passed to :func:`workbench.ingest.load_articles` (e.g. ``max_bytes``) or to
            :class:`Corpus` (``n_process``).

    Returns:
        A :class:`Corpus` with ``articles`` and ``load_report``.
    """
    from workbench.ingest import load_articles

    n_process = options.pop("n_process", None)
    articles, report = load_articles(
        SAMPLE_DIR if path_or_paths is None else path_or_paths, manifest, strict=strict, **options
    )
    return Corpus(articles, report, n_process=n_process)
