"""Worker processes kept for the session: chunks, order, reuse, errors."""

import pytest

from workbench.annotate import workers
from workbench.annotate.pipeline import _article_records, annotate_records


def test_balanced_chunks_keep_order_and_even_out_text():
    recs = [{"text": "x" * n} for n in (5000, 10, 10, 10, 5000, 10, 4000, 1000)]
    chunks = workers.balanced_chunks(recs, 3, max_size=10)
    assert [r for c in chunks for r in c] == recs
    assert 2 <= len(chunks) <= 4
    sizes = [sum(len(r["text"]) for r in c) for c in chunks]
    assert max(sizes) <= 6000
    assert all(len(c) <= 2 for c in workers.balanced_chunks(recs, 1, max_size=2))
    assert workers.balanced_chunks([], 4, max_size=10) == []


def test_workers_are_kept_between_calls_and_results_come_in_order(sample_corpus):
    recs = [r for r in _article_records(sample_corpus.articles) if r.get("text")][:6]
    chunks = [[r] for r in recs]
    workers.shutdown_workers()
    try:
        first = workers.map_chunks(annotate_records, chunks, n_process=2)
        pool = workers._POOL["pool"]
        pids = set(pool._processes)
        second = workers.map_chunks(annotate_records, chunks, n_process=2)
        assert workers.worker_count() == 1
        assert workers._POOL["pool"] is pool and set(pool._processes) == pids
        one = [annotate_records(c) for c in chunks]
        assert first == one and second == one
        assert [p["publication_dates"][0]["article_id"] for p in first] == [r["article_id"] for r in recs]
    finally:
        workers.shutdown_workers()
    assert workers.worker_count() == 0


def test_a_failing_chunk_raises_in_the_caller(sample_corpus):
    recs = [r for r in _article_records(sample_corpus.articles) if r.get("text")][:2]
    bad = {k: v for k, v in recs[0].items() if k != "article_id"}
    chunks = [[recs[1]], [bad], [recs[0]], [bad]]
    try:
        with pytest.raises(KeyError, match="article_id"):
            workers.map_chunks(annotate_records, chunks, n_process=2)
    finally:
        workers.shutdown_workers()
