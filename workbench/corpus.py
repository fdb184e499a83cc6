"""The :class:`Corpus`: the loaded articles and every later table, computed lazily and cached."""

from __future__ import annotations

import contextlib
import functools
from functools import cached_property
from importlib import resources
from pathlib import Path

import pandas as pd

from workbench.settings import LoadSettings, resolve_settings

__all__ = ["SAMPLE_DIR", "Corpus", "load"]

#: The comparison steps each comparison table needs first (the 'compare' progress bar).
_COMPARE_NEEDS = {
    "stories": (),
    "alignments": ("stories",),
    "story_pairs": ("stories", "alignments"),
    "claims": ("stories", "alignments"),
    "discrepancies": ("stories", "alignments", "claims"),
}


def _compare_step(func):
    """Compute a comparison table under the 'compare' progress bar (with the steps it needs)."""

    @functools.wraps(func)
    def wrapper(self):
        with self._compare_progress(func.__name__):
            return func(self)

    return wrapper


def _sample_dir() -> Path:
    """The sample corpus: inside the installed package, else the checkout's ``data/samples``.

    A wheel carries the samples as ``workbench/_data/samples``; an editable install (or a
    checkout on ``sys.path``) has them only at the top-level ``data/samples``.
    """
    packaged = resources.files("workbench") / "_data" / "samples"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / "samples"


#: The embedded sample corpus (the two seed pages and their manifest).
SAMPLE_DIR = _sample_dir()


class Corpus:
    """A loaded corpus and its tables (pandas DataFrames).

    ``articles`` and ``load_report`` exist from the start; the annotation tables (``sentences``,
    ``entities``, ``quotes``, ``sources``, ``source_summary``, ``timexes``,
    ``publication_dates``) and the comparison tables (``stories``, ``story_pairs``,
    ``alignments``, ``discrepancies``) are computed on first access and cached.
    ``publication_dates`` and ``timexes`` use the stories (undated pages narrowed by their
    dated siblings); ``page_publication_dates`` and ``page_timexes`` are the page-only ones.
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        load_report: pd.DataFrame,
        *,
        n_process: int | None = None,
        store=None,
        one_story: bool = False,
        progress: bool | None = None,
    ):
        self.articles = articles
        self.load_report = load_report
        self.n_process = n_process
        #: Progress bars for annotate and compare (:mod:`workbench.progress`): True, False, or
        #: None to follow ``WORKBENCH_PROGRESS``.
        self.progress = progress
        self._compare_bar = None  # the open 'compare' bar, which inner steps advance
        from workbench.corrections import EditLog, apply_edits

        #: The coders' edits: the store's ``edits.jsonl``, or in memory without a store.
        self.edit_log = store.edit_log if store is not None else EditLog()
        self.articles = apply_edits(articles, "articles", self.edit_log.records())
        #: All articles are one story (the user's own grouping) instead of grouped by text.
        self.one_story = one_story
        #: A :class:`workbench.store.CorpusStore` that caches annotations, or None.
        self.store = store
        #: Comparison tables that may be read from the store instead of computed (set by open).
        self._stored_compare: set[str] = set()
        self._stored_checked = False

    def __repr__(self) -> str:
        counts = self.load_report["status"].value_counts().to_dict() if len(self.load_report) else {}
        return f"<Corpus: {len(self.articles)} articles; load report {counts}>"

    # --- annotate --------------------------------------------------------------------------
    @classmethod
    def open(cls, store_dir, *, n_process: int | None = None,
             reuse_compare: bool = True, one_story: bool = False,
             progress: bool | None = None) -> Corpus:
        """Open a corpus saved in a store folder (see :mod:`workbench.store`): instant.

        Articles and the load report are read from the store; annotation tables are read on
        first access (articles not annotated under the current model and annotator version are
        annotated then, and stored).

        Args:
            store_dir: The store folder.
            n_process: Processes for annotating articles the store lacks.
            reuse_compare: Reuse comparison tables (stories, alignments, discrepancies) stored
                for exactly these articles and annotations; False computes them afresh.
            one_story: All articles are one story (stored comparison tables are not reused).
            progress: Progress bars (:mod:`workbench.progress`).
        """
        from workbench.store import COMPARE_TABLES, CorpusStore

        store = CorpusStore(store_dir)
        corpus = cls(store.articles(), store.load_report(), n_process=n_process, store=store,
                     one_story=one_story, progress=progress)
        # comparison tables are read on first access (reading 250k discrepancy rows is most of
        # a reopen), and only when they were stored for exactly these articles and annotations
        if reuse_compare and not one_story:
            corpus._stored_compare = set(COMPARE_TABLES)
        return corpus

    def _stored(self, name: str) -> pd.DataFrame | None:
        """A comparison table stored for exactly this corpus, or None (then it is computed)."""
        if name not in self._stored_compare or self.store is None:
            return None
        if not self._stored_checked:
            self._stored_checked = True
            if not self.store.compare_is_current():
                self._stored_compare = set()
                return None
        return self.store.read_compare(name)

    @cached_property
    def _uncorrected_annotations(self):
        if self.store is not None:
            from workbench.progress import progress_bar
            from workbench.store import _current_key

            ids = self.articles["article_id"].tolist()
            self.store.add_articles(self.articles)
            pending = self.store._count_pending(_current_key(), ids)
            with progress_bar(total=pending, desc="annotate", unit="article",
                              progress=self.progress if pending else False) as bar:
                self.store.annotate(article_ids=ids, n_process=self.n_process,
                                    progress=bar.update)
            return self.store.read_annotations(article_ids=ids, corrected=False)
        from workbench.annotate import annotate_articles

        return annotate_articles(self.articles, n_process=self.n_process, progress=self.progress)

    @contextlib.contextmanager
    def _compare_progress(self, name: str):
        """A 'compare' bar over ``name`` and the steps it needs that are not computed yet.

        Steps computed inside (stories, alignments, claims, ...) advance the same bar; a table
        read from the store needs none of them, and the bar then completes at once.
        """
        bar = self._compare_bar
        if bar is not None:  # a step computed under another step's bar
            bar.set_postfix_str(name)
            yield
            bar.update()
            return
        from workbench.progress import progress_bar

        needed = [s for s in _COMPARE_NEEDS[name] if s not in self.__dict__]
        with progress_bar(total=len(needed) + 1, desc="compare", unit="step",
                          progress=self.progress) as bar:
            self._compare_bar = bar
            try:
                bar.set_postfix_str(name)
                yield
                bar.update(max(1, bar.total - bar.n))
            finally:
                self._compare_bar = None

    @cached_property
    def annotations(self):
        """All annotation tables (:class:`workbench.annotate.Annotations`), edits applied.

        With a store, only articles missing from it (new or changed content, or annotated by
        another model or annotator version) are annotated; the rest are read back.
        """
        from workbench.corrections import correct_annotations

        return correct_annotations(self._uncorrected_annotations, self.edit_log.records())

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
    def page_timexes(self) -> pd.DataFrame:
        """``timexes`` as each page's own annotation resolved them (before story refinement)."""
        return self.annotations.timexes

    @property
    def page_publication_dates(self) -> pd.DataFrame:
        """``publication_dates`` from each page's own evidence only (before story refinement)."""
        return self.annotations.publication_dates

    @cached_property
    def publication_dates(self) -> pd.DataFrame:
        """One row per article: stated or inferred publication date with evidence.

        An undated page's estimate from its own evidence is narrowed by the dated articles of
        its story (see :func:`workbench.compare.story_dates.refine_publication_dates`); the
        evidence names them. ``page_publication_dates`` keeps the page-only estimate.
        """
        from workbench.compare.story_dates import refine_publication_dates
        from workbench.corrections import apply_edits

        refined = refine_publication_dates(self.page_publication_dates, self.stories,
                                           articles=self.articles, timexes=self.page_timexes)
        return apply_edits(refined, "publication_dates", self.edit_log.records())

    @cached_property
    def timexes(self) -> pd.DataFrame:
        """One row per (article_id, temporal expression), resolved to an interval.

        Relative expressions of undated pages are resolved against the story-refined
        ``publication_dates`` (``anchor_source`` ``inferred_published_date``).
        """
        from workbench.compare.story_dates import reanchor_timexes
        from workbench.corrections import apply_edits

        timexes = reanchor_timexes(self.page_timexes, self.publication_dates, articles=self.articles)
        return apply_edits(timexes, "timexes", self.edit_log.records())

    # --- compare ---------------------------------------------------------------------------
    @cached_property
    @_compare_step
    def stories(self) -> pd.DataFrame:
        """One row per (story_id, article_id), with the story's label and thread.

        Grouped by text (:func:`workbench.compare.group_stories`), or all articles one story
        when the corpus was loaded with ``one_story=True``; then the coders' merges and splits
        (the edit log) are applied.
        """
        from workbench.compare import group_stories, single_story
        from workbench.corrections import apply_story_edits

        stored = None if self.one_story else self._stored("stories")
        if self.one_story:
            stories = single_story(self.articles)
        elif stored is not None:
            stories = stored
            if len(stored) and stored["thread_id"].isna().any():
                # stored before threads existed: each story a thread of its own
                from workbench.compare.stories import _rethread

                stories = _rethread(stored.copy())
        else:
            stories = group_stories(self.articles, entities=self.entities)
        return apply_story_edits(stories, self.edit_log.records(), articles=self.articles)

    @cached_property
    @_compare_step
    def story_pairs(self) -> pd.DataFrame:
        """One row per pair of articles of one story: wire relation, what was added or cut."""
        stored = self._stored("story_pairs")
        if stored is not None:
            return stored
        from workbench.compare import relate_articles

        return relate_articles(self.stories, self.sentences, alignments=self.alignments)

    @cached_property
    @_compare_step
    def alignments(self) -> pd.DataFrame:
        """One row per (article_id, sentence_id, other article): aligned counterpart or unique."""
        stored = self._stored("alignments")
        if stored is not None:
            return stored
        from workbench.compare import align_stories

        return align_stories(self.stories, self.sentences)

    @cached_property
    @_compare_step
    def claims(self) -> pd.DataFrame:
        """One row per (article, reported value): the values grouped into facts by story."""
        stored = self._stored("claims")
        if stored is not None:
            return stored
        from workbench.compare import extract_claims

        return extract_claims(self)

    @cached_property
    @_compare_step
    def discrepancies(self) -> pd.DataFrame:
        """One row per (discrepancy, article): disagreements derived from claims, by salience."""
        stored = self._stored("discrepancies")
        if stored is not None:
            return stored
        from workbench.compare import find_discrepancies

        return find_discrepancies(self)

    @cached_property
    def thread_discrepancies(self) -> pd.DataFrame:
        """One row per (disagreement, article) across the stories of one thread, by salience."""
        from workbench.compare.threads import thread_discrepancies

        return thread_discrepancies(self)

    @cached_property
    def outlet_omissions(self) -> pd.DataFrame:
        """One row per (story_id, article_id): facts the rest of the story reports that it lacks."""
        from workbench.compare.tables import outlet_omissions

        return outlet_omissions(self.coverage, self.stories)

    @cached_property
    def coverage(self) -> pd.DataFrame:
        """One row per (story_id, fact_id, article_id): does the article report the fact."""
        from workbench.compare.tables import coverage_table

        return coverage_table(self.alignments, self.sentences, self.articles)

    @cached_property
    def story_sources(self) -> pd.DataFrame:
        """One row per (story_id, article_id, source): who each outlet cites, keyed across them."""
        from workbench.compare.tables import story_sources_table

        return story_sources_table(self.stories, self.sources, self.articles)

    @cached_property
    def sourcing(self) -> pd.DataFrame:
        """One row per (story_id, article_id, source_kind): sources by kind, anonymous share."""
        from workbench.compare.tables import sourcing_table

        return sourcing_table(self.story_sources)

    @cached_property
    def story_dates(self) -> pd.DataFrame:
        """One row per (story_id, article_id, date given), plus each publication date."""
        from workbench.compare.tables import story_dates_table

        return story_dates_table(self.stories, self.timexes, self.sentences, self.entities,
                                 self.articles, self.publication_dates)

    @cached_property
    def story_timeline(self) -> pd.DataFrame:
        """One row per (story_id, subject, article_id): value given vs publication time."""
        from workbench.compare.tables import story_timeline

        return story_timeline(self.claims, self.discrepancies, self.articles,
                              self.publication_dates)

    @cached_property
    def outlet_summary(self) -> pd.DataFrame:
        """One row per outlet: articles, stories, anonymous share, wire-copy share."""
        from workbench.compare.tables import outlet_summary

        return outlet_summary(self.articles, self.stories, self.alignments, self.story_sources,
                              self.discrepancies)

    @cached_property
    def discrepancy_summary(self) -> pd.DataFrame:
        """The top disagreements of each story, ranked by salience, values by outlet."""
        from workbench.compare.tables import discrepancy_summary

        return discrepancy_summary(self.discrepancies, self.stories)

    _STORY_DEPENDENTS = ("publication_dates", "timexes", "story_pairs", "alignments",
                         "claims", "discrepancies", "thread_discrepancies", "outlet_omissions", "coverage", "story_sources", "sourcing", "story_dates", "story_timeline",
                         "outlet_summary", "discrepancy_summary")

    def set_stories(self, stories: pd.DataFrame) -> None:
        """Replace the stories (after a manual merge or split) and drop tables built on them."""
        from workbench import schema

        self.__dict__["stories"] = schema.validate(stories, "stories")
        self._stored_compare = set()  # stored comparison tables belong to the old stories
        for name in self._STORY_DEPENDENTS:
            self.__dict__.pop(name, None)

    def find_articles(self, outlet=None, headline=None) -> list[str]:
        """Return the ids of the articles whose outlet and headline match (in articles order).

        Args:
            outlet: Text found in the outlet's name (case-insensitive), or a list of such texts
                (any of them matches); None matches every outlet.
            headline: Text found in the headline, likewise.

        Returns:
            The matching ``article_id`` values (every article when both are None).
        """
        arts = self.articles
        keep = pd.Series(True, index=arts.index)
        for column, wanted in (("outlet", outlet), ("headline", headline)):
            if wanted is None:
                continue
            texts = [wanted] if isinstance(wanted, str) else list(wanted)
            values = arts[column].fillna("").astype(str).str.casefold()
            hit = pd.Series(False, index=arts.index)
            for text in texts:
                hit |= values.str.contains(str(text).casefold(), regex=False)
            keep &= hit
        return arts.loc[keep, "article_id"].tolist()

    def _select(self, article_ids, outlet, headline) -> list[str]:
        """Article ids given directly or by outlet/headline; KeyError when nothing matches."""
        if article_ids is not None and (outlet is not None or headline is not None):
            raise ValueError("give article_ids or outlet/headline, not both")
        if article_ids is not None:
            return list(article_ids)
        if outlet is None and headline is None:
            raise ValueError("give article_ids, outlet or headline")
        ids = self.find_articles(outlet=outlet, headline=headline)
        if not ids:
            outlets = sorted(self.articles["outlet"].dropna().unique().tolist())[:20]
            raise KeyError(f"no article matches outlet={outlet!r}, headline={headline!r}; "
                           f"outlets: {outlets}")
        return ids

    def merge_stories(self, story_ids: list[str] | None = None, *, outlet=None,
                      headline=None, coder: str | None = None, note: str = "") -> None:
        """Merge stories by hand: given by id, or the stories holding the matching articles.

        ``corpus.merge_stories(headline="suez")`` merges every story that holds an article
        whose headline contains "suez" (see :meth:`find_articles`; with ``outlet`` too, both
        must match). See :func:`workbench.compare.merge_stories`. The merge is recorded in the
        edit log (by its articles, with ``coder`` and ``note``), so it survives a recompute.
        """
        from workbench.compare import merge_stories

        if story_ids is None:
            ids = set(self._select(None, outlet, headline))
            stories = self.stories
            story_ids = list(dict.fromkeys(stories.loc[stories["article_id"].isin(ids),
                                                       "story_id"]))
        if len(story_ids) < 2:
            return
        stories = self.stories
        members = [a for sid in story_ids for a in stories.loc[stories["story_id"] == sid,
                                                                "article_id"]]
        self.set_stories(merge_stories(stories, story_ids, articles=self.articles))
        self._record_story_edit("merge_stories", members, coder, note)

    def _record_story_edit(self, action: str, article_ids, coder, note, before=None) -> None:
        """Log a story edit, unless it left every article in the story it was in (a re-run)."""
        from workbench.corrections import record_story_edit

        pairs = ["story_id", "article_id"]
        if before is not None and set(before[pairs].itertuples(index=False)) == set(
                self.stories[pairs].itertuples(index=False)):
            return
        record_story_edit(self, action, list(article_ids), coder=coder, note=note)

    def split_story(self, story_id: str | None = None, article_ids: list[str] | None = None, *,
                    outlet=None, headline=None, coder: str | None = None, note: str = "") -> None:
        """Split a story by hand: the given (or matching) articles become a story of their own.

        ``corpus.split_story(outlet="japan today")`` moves the Japan Today articles out of the
        story that holds them (they must all be in one story unless ``story_id`` says which).
        See :func:`workbench.compare.split_story`.
        """
        from workbench.compare import split_story

        stories = self.stories
        ids = self._select(article_ids, outlet, headline)
        if story_id is None:
            held = stories.loc[stories["article_id"].isin(ids), "story_id"].unique().tolist()
            if len(held) != 1:
                raise ValueError(f"the articles are in {len(held)} stories {held}; give story_id, "
                                 "or use make_story to gather them")
            story_id = held[0]
        elif article_ids is None:
            members = set(stories.loc[stories["story_id"] == story_id, "article_id"])
            ids = [a for a in ids if a in members]
        self.set_stories(split_story(stories, story_id, ids, articles=self.articles))
        self._record_story_edit("split_story", ids, coder, note, before=stories)

    def make_story(self, article_ids: list[str] | None = None, *, outlet=None,
                   headline=None, coder: str | None = None, note: str = "") -> None:
        """Make the given (or matching) articles one story of their own, wherever they were.

        ``corpus.make_story(headline=["suez", "ever given"])`` gathers every article whose
        headline contains either text. See :func:`workbench.compare.make_story`.
        """
        from workbench.compare import make_story

        ids = self._select(article_ids, outlet, headline)
        before = self.stories
        self.set_stories(make_story(before, ids, articles=self.articles))
        self._record_story_edit("make_story", ids, coder, note, before=before)

    # --- corrections (workbench.corrections: recorded, re-applied after every recompute) ----
    def correct(self, table: str, row_key: dict, *, coder: str | None = None, note: str = "",
                **values) -> dict | None:
        """Correct rows named by a stable key (see :mod:`workbench.corrections`).

        ``corpus.correct("quotes", {"article_id": a, "content_start": 29, "content_end": 187},
        speaker="Ned Price", note="...")``. Returns the recorded edit (None when the rows
        already held the values).
        """
        from workbench.corrections import edit_corpus

        return edit_corpus(self, "correct", table, row_key, values, coder=coder, note=note)

    def add_row(self, table: str, row_key: dict, *, coder: str | None = None, note: str = "",
                **values) -> dict | None:
        """Add a row the annotator missed (a source, quote, time expression) at a span."""
        from workbench.corrections import edit_corpus

        return edit_corpus(self, "add", table, row_key, values, coder=coder, note=note)

    def remove_row(self, table: str, row_key: dict, *, coder: str | None = None,
                   note: str = "") -> dict | None:
        """Remove rows the annotator should not have found, named by a stable key."""
        from workbench.corrections import edit_corpus

        return edit_corpus(self, "remove", table, row_key, coder=coder, note=note)


def load(path_or_paths=None, manifest=None, *, settings: LoadSettings | None = None,
         **options) -> Corpus:
    """Load a corpus: the public entry point.

    Args:
        path_or_paths: A file, folder (recursive), glob, or a list of them; the embedded sample
            corpus (:data:`SAMPLE_DIR`) when omitted.
        manifest: Optional manifest (CSV/JSON path or DataFrame) with a ``file`` column.
        settings: A :class:`~workbench.settings.LoadSettings`; None: its defaults (lenient,
            20 MB per input, no fetching, no store, stories grouped by text).
        **options: Any field of :class:`~workbench.settings.LoadSettings`, overriding
            ``settings``: ``strict`` (raise on the first bad input instead of reporting it),
            ``max_bytes``, ``fetch`` and ``fetch_options`` (passed to
            :func:`workbench.ingest.load_articles`), ``n_process``, ``store`` (a folder where
            the articles are saved and annotations cached, see :mod:`workbench.store`),
            ``one_story`` (all the loaded articles are one story, not grouped by text),
            ``progress`` (bars for load, annotate and compare, True, False or None to follow
            ``WORKBENCH_PROGRESS``, see :mod:`workbench.progress`).

    Returns:
        A :class:`Corpus` with ``articles`` and ``load_report``.
    """
    from workbench.ingest import load_articles

    opts = resolve_settings(LoadSettings, settings, options, where="load")
    articles, report = load_articles(
        SAMPLE_DIR if path_or_paths is None else path_or_paths, manifest, strict=opts.strict,
        max_bytes=opts.max_bytes, fetch=opts.fetch, fetch_options=opts.fetch_options,
        progress=opts.progress,  # load_articles's bar, then annotate's and compare's
    )
    store = None
    if opts.store is not None:
        from workbench.store import CorpusStore

        store = CorpusStore(opts.store, create=True)
        store.add_articles(articles, report)
    return Corpus(articles, report, n_process=opts.n_process, store=store,
                  one_story=bool(opts.one_story), progress=opts.progress)
