"""Clustering scores (pairwise and B-cubed P/R/F1) and readers for same-story gold corpora.

The readers turn the shared research corpora (BASIL, Giveme5W1H news clusters, ECB+) into frames
shaped like the ``articles`` table (``article_id``, ``headline``, ``text``, ``published_date``,
``outlet``) plus a gold ``event_id`` column, so :func:`workbench.compare.group_stories` runs on
them unchanged. Files are read in place; nothing is copied.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

__all__ = [
    "bcubed_scores",
    "cluster_sizes",
    "pairwise_scores",
    "read_basil",
    "read_ecbplus",
    "read_giveme5w1h",
    "score_clustering",
]


def _prf(tp: float, pred: float, gold: float) -> dict[str, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def pairwise_scores(gold: Sequence, pred: Sequence) -> dict[str, float]:
    """Pairwise P/R/F1: over all unordered pairs of items, are they in one cluster?

    Counted from the contingency table, so it costs O(n) rather than O(n^2).

    Args:
        gold: Gold cluster label per item.
        pred: Predicted cluster label per item (same order).

    Returns:
        ``{'precision', 'recall', 'f1'}``.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    both = Counter(zip(gold, pred, strict=True))
    tp = sum(c * (c - 1) / 2 for c in both.values())
    pred_pairs = sum(c * (c - 1) / 2 for c in Counter(pred).values())
    gold_pairs = sum(c * (c - 1) / 2 for c in Counter(gold).values())
    return _prf(tp, pred_pairs, gold_pairs)


def bcubed_scores(gold: Sequence, pred: Sequence) -> dict[str, float]:
    """B-cubed P/R/F1 (Bagga and Baldwin 1998), averaged over items.

    Args:
        gold: Gold cluster label per item.
        pred: Predicted cluster label per item (same order).

    Returns:
        ``{'precision', 'recall', 'f1'}``.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    n = len(gold)
    if n == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    both = Counter(zip(gold, pred, strict=True))
    gold_size = Counter(gold)
    pred_size = Counter(pred)
    p = sum(c * c / pred_size[pl] for (_, pl), c in both.items()) / n
    r = sum(c * c / gold_size[gl] for (gl, _), c in both.items()) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score_clustering(gold: Sequence, pred: Sequence) -> pd.DataFrame:
    """Return pairwise and B-cubed scores as a frame: one row per metric family."""
    rows = []
    for name, fn in (("pairwise", pairwise_scores), ("bcubed", bcubed_scores)):
        rows.append({"metric": name, **fn(list(gold), list(pred))})
    return pd.DataFrame(rows)


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "headline", "text", "published_date",
                                     "event_id"])
    df["published_date"] = pd.to_datetime(df["published_date"], errors="coerce", utc=True)
    df["published_date"] = df["published_date"].dt.tz_localize(None)
    return df


def read_basil(path: str | Path) -> pd.DataFrame:
    """Read BASIL ``basil_articles.jsonl``: one row per article, gold ``event_id`` = story."""
    rows = [
        {
            "article_id": r["id"],
            "outlet": r.get("outlet"),
            "headline": r.get("title"),
            "text": r.get("text") or "",
            "published_date": r.get("date"),
            "event_id": r["event_id"],
        }
        for r in _jsonl(Path(path))
    ]
    return _frame(rows)


def read_giveme5w1h(path: str | Path) -> pd.DataFrame:
    """Read Giveme5W1H ``news_cluster_articles.jsonl``: one row per article, gold ``event_id``."""
    rows = [
        {
            "article_id": r["id"],
            "outlet": r.get("source_domain"),
            "headline": r.get("title"),
            "text": r.get("text") or "",
            "published_date": r.get("date_publish"),
            "event_id": str(r["event_id"]),
        }
        for r in _jsonl(Path(path))
    ]
    return _frame(rows)


def read_ecbplus(path: str | Path) -> pd.DataFrame:
    """Read ECB+ ``ecbplus_docs.jsonl``: one row per document, gold ``event_id`` = event cluster.

    ECB+ holds two different events per topic (the ``ecb`` and ``ecbplus`` subtopics); the
    ``event_cluster`` (topic + subtopic) is the same-event gold, so same-topic documents of
    different events count as different stories. The title is the document's first sentence.
    """
    rows = [
        {
            "article_id": r["doc_id"],
            "outlet": None,
            "headline": r.get("title"),
            "text": r.get("text") or "",
            "published_date": None,
            "event_id": r["event_cluster"],
        }
        for r in _jsonl(Path(path))
    ]
    return _frame(rows)


def cluster_sizes(labels: Sequence) -> dict[int, int]:
    """Return {cluster size: number of clusters of that size}, for reports."""
    sizes = Counter(Counter(labels).values())
    return dict(sorted(sizes.items()))
