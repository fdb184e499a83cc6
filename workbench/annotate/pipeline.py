"""The annotate stage: one spaCy pass per article, every annotation layer on the parsed ``Doc``.

``annotate_articles(articles)`` parses each article's clean ``text`` once and turns the ``Doc``
into long tables (sentences, entities, quotes, sources, timexes, publication dates) before it
leaves the worker, so no ``Doc`` is ever held for the whole corpus. On more than
``parallel_threshold`` articles it spreads chunks over processes (both cores here).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from workbench import schema
from workbench.annotate import dates as _dates
from workbench.annotate import doc_tables as _parse
from workbench.annotate import parses as _parses
from workbench.annotate import sources as _sources
from workbench.annotate import workers as _workers
from workbench.annotate.nesting import mark_nesting
from workbench.annotate.nlp import get_nlp, model_version

__all__ = ["ANNOTATION_TABLES", "Annotations", "annotate_articles", "annotate_records", "cache_key"]

log = logging.getLogger(__name__)

#: Per-article tables made by this stage (source_summary is derived from sources).
ANNOTATION_TABLES = ("sentences", "entities", "quotes", "sources", "timexes", "publication_dates")

_ANNOTATED_LANGUAGES = {"en", "und", None, ""}


@dataclass
class Annotations:
    """The tables of the annotate stage, each keyed by ``article_id``."""

    sentences: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame
    timexes: pd.DataFrame
    publication_dates: pd.DataFrame
    source_summary: pd.DataFrame = field(default=None)

    def __post_init__(self):
        if self.source_summary is None:
            self.source_summary = _sources.summarize_sources(self.sources)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return every table by name."""
        return {name: getattr(self, name) for name in (*ANNOTATION_TABLES, "source_summary")}


def _article_records(articles: pd.DataFrame) -> list[dict]:
    cols = ["article_id", "text", "language", "published_date", "published_date_source",
            "published_date_precision", "dateline", "url", "headline", "raw_text"]
    present = [c for c in cols if c in articles.columns]
    return articles[present].to_dict("records")


def annotate_records(records: list[dict], *, model: str | None = None, spacy_processes: int = 1,
                     batch_size: int = 16) -> dict[str, list[dict]]:
    """Annotate article records (dicts with at least ``article_id`` and ``text``).

    This is the unit of work a worker process (or a Dask task) runs: it parses with spaCy and
    returns plain row dicts per table, so nothing heavy crosses process boundaries.

    Args:
        records: One dict per article.
        model: spaCy model name (default: :func:`workbench.annotate.nlp.model_name`).
        spacy_processes: ``n_process`` of spaCy's own ``nlp.pipe`` (the layers then run in
            this process on the docs it sends back).
        batch_size: ``batch_size`` of ``nlp.pipe``.

    Returns:
        ``{table name: list of row dicts}`` for every table of :data:`ANNOTATION_TABLES`.
    """
    nlp = get_nlp(model)
    out: dict[str, list[dict]] = {name: [] for name in ANNOTATION_TABLES}
    english = []
    for rec in records:
        if rec.get("language") in _ANNOTATED_LANGUAGES and rec.get("text"):
            english.append(rec)
        else:
            # Not parsed (not English, or no text): no garbage layers, but the article keeps
            # its publication_dates row so every article is accounted for.
            row = _dates.publication_date_row(rec, None, [])
            out["publication_dates"].append({"article_id": rec["article_id"], **row})
    # a record carrying a parse directory (the store's) reads its stored parse, if any
    for doc, rec in _parses.parse_records(nlp, english, model=model, batch_size=batch_size,
                                          n_process=spacy_processes):
        aid = rec["article_id"]
        sentences = _parse.sentence_rows(doc)
        entities = _parse.entity_rows(doc, sentences)
        quotes, sources = _sources.extract_attributions(doc, sentences)
        mark_nesting(quotes)
        timexes, pubdate = _dates.extract_dates(doc, rec, sentences)
        for name, rows in (("sentences", sentences), ("entities", entities), ("quotes", quotes),
                           ("sources", sources), ("timexes", timexes)):
            out[name].extend({"article_id": aid, **row} for row in rows)
        out["publication_dates"].append({"article_id": aid, **pubdate})
    return out


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _merge(parts: Iterable[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {name: [] for name in ANNOTATION_TABLES}
    for part in parts:
        for name, rows in part.items():
            merged[name].extend(rows)
    return merged


def annotate_articles(
    articles: pd.DataFrame,
    *,
    n_process: int | None = None,
    chunk_size: int = 64,
    parallel_threshold: int = 150,
    model: str | None = None,
    progress: bool | None = None,
) -> Annotations:
    """Annotate every article: the long tables of the annotate stage.

    Args:
        articles: The ``articles`` table (one row per article).
        n_process: Processes, this one included (:func:`workbench.annotate.workers.map_chunks`:
            the others are spawned once and kept for the session); default: all cores when
            there are more than ``parallel_threshold`` articles, else 1.
        chunk_size: Articles per unit of work (at most).
        parallel_threshold: Corpus size from which processes are used by default.
        model: spaCy model name.
        progress: An 'annotate' progress bar (:mod:`workbench.progress`: True, False, or None
            to follow ``WORKBENCH_PROGRESS``).

    Returns:
        :class:`Annotations`; each table one row per (article_id, sentence / mention / timex),
        publication_dates one row per article.
    """
    records = _article_records(articles)
    if n_process is None:
        n_process = (os.cpu_count() or 1) if len(records) > parallel_threshold else 1
    from workbench.processes import usable_processes  # one process for an unguarded script

    n_process = usable_processes(n_process)
    from workbench.progress import progress_bar

    with progress_bar(total=len(records), desc="annotate", unit="article",
                      progress=progress) as bar:
        if n_process > 1:
            # about four chunks per process, of similar text length, taken in order by whichever
            # process is free; this process is one of them and the others stay up for the session
            chunks = _workers.balanced_chunks(records, 4 * n_process, max_size=chunk_size)
            merged = _merge(_workers.map_chunks(annotate_records, chunks, n_process=n_process,
                                                model=model, on_done=bar.update))
        else:
            parts = []
            for chunk in _chunks(records, chunk_size):
                parts.append(annotate_records(chunk, model=model))
                bar.update(len(chunk))
            merged = _merge(parts)
    return annotations_from_rows(merged)


def annotations_from_rows(rows: dict[str, list[dict]]) -> Annotations:
    """Build validated :class:`Annotations` from ``{table: row dicts}``."""
    return Annotations(**{name: schema.coerce(rows.get(name, []), name) for name in ANNOTATION_TABLES})


def cache_key() -> str:
    """Return the key that annotation caches must match: model version + annotate code hash.

    The code part is the SHA-256 of every file of ``workbench/annotate`` (sources and the cue
    model's weights, :func:`workbench.provenance.annotator_code_sha256`): any change to what
    annotates gives a new key, so stored rows made by other code are never served.
    """
    from workbench.provenance import annotator_code_sha256

    return f"{model_version()}+code{annotator_code_sha256()[:16]}"
