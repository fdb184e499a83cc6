"""Annotation on Dask (LocalCluster, 2 worker processes) gives the single-process results."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import SAMPLES
from scale_articles import write_articles

import workbench
from workbench.annotate import pipeline
from workbench.store import ANNOTATION_TABLES, CorpusStore

pytest.importorskip("dask.distributed")

KEYS = {
    "sentences": ["article_id", "sentence_id"],
    "entities": ["article_id", "entity_id"],
    "quotes": ["article_id", "quote_id"],
    "sources": ["article_id", "source_id"],
    "timexes": ["article_id", "timex_id"],
    "publication_dates": ["article_id"],
    "source_summary": ["article_id"],
}


@pytest.fixture(scope="module")
def client():
    from workbench.distributed import dask_client

    with dask_client(n_workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = write_articles(tmp_path_factory.mktemp("dist"), range(6))
    seeds = workbench.load(SAMPLES).articles
    return pd.concat([seeds, workbench.load(folder).articles], ignore_index=True)


def test_dask_annotation_equals_single_process(client, articles):
    from workbench.distributed import annotate_distributed

    single = pipeline.annotate_articles(articles, n_process=1)
    assert len(client.scheduler_info()["workers"]) == 2
    dist = annotate_distributed(articles, client=client, chunk_size=2)
    for name in ANNOTATION_TABLES:
        pd.testing.assert_frame_equal(getattr(dist, name), getattr(single, name))
    assert set(single.sentences["article_id"]) == set(articles["article_id"])
    # the chunks really ran on both workers: each loaded spaCy
    from workbench.annotate.nlp import get_nlp

    loaded = [info.currsize for info in client.run(get_nlp.cache_info).values()]
    assert len(loaded) == 2 and all(n > 0 for n in loaded)


def test_store_annotation_on_dask_equals_local(client, articles, tmp_path):
    local = CorpusStore(tmp_path / "local", create=True)
    local.add_articles(articles)
    local.annotate(n_process=1, batch_size=3)
    dist = CorpusStore(tmp_path / "dask", create=True)
    dist.add_articles(articles)
    summary = dist.annotate(client=client, batch_size=3, chunk_size=1)
    assert (summary.annotated, summary.batches) == (len(articles), 3)
    for name in ANNOTATION_TABLES:
        a = local.read_table(name).sort_values(KEYS[name]).reset_index(drop=True)
        b = dist.read_table(name).sort_values(KEYS[name]).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b)


def test_process_pool_driver_waits_instead_of_spinning(articles, monkeypatch):
    """The driver blocks until a unit of work finishes: it never re-waits on finished futures.

    Waiting on a list that holds a finished future returns at once, so a driver that passes
    every future of its pending batches spins a whole core the workers need (on 2 cores it made
    the 2-process run slower than one process). Each wait must see a new future finish, so the
    waits number at most the units of work.
    """
    from workbench import distributed

    calls = {"n": 0}
    real_wait = distributed.wait

    def counting_wait(futures, **kwargs):
        # (no check that every future is unfinished here: one may finish between the driver's
        # listing and this call, which is fine; each wait still sees a listed future finish)
        calls["n"] += 1
        return real_wait(futures, **kwargs)

    monkeypatch.setattr(distributed, "wait", counting_wait)
    records = distributed.article_records(articles)
    batches = [records[i : i + 2] for i in range(0, len(records), 2)]
    out = list(distributed.run_chunks(batches, chunk_size=1, n_process=2))
    assert sorted(r["article_id"] for b, _ in out for r in b) == sorted(articles["article_id"])
    assert calls["n"] <= len(records)
