"""Run the annotate stage's unit of work over chunks: in-process, on local processes, or on Dask.

The unit of work is :func:`workbench.annotate.pipeline.annotate_records` (records in, plain row
dicts out), so a chunk crosses a process or network boundary as small dicts and no spaCy ``Doc``
ever leaves a worker. :func:`run_chunks` streams: it keeps a bounded number of chunks in flight
and yields each finished batch, so the driver can write it to the store and forget it.

Dask (``dask[distributed]``, the ``scale`` extra) runs on a ``LocalCluster`` of worker processes
by default, or on an existing cluster given its scheduler address.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

import pandas as pd

__all__ = ["RECORD_COLUMNS", "annotate_distributed", "article_records", "dask_client", "run_chunks"]

#: Columns of ``articles`` that the annotators read.
RECORD_COLUMNS = [
    "article_id", "text", "language", "published_date", "published_date_source",
    "published_date_precision", "dateline", "url", "headline", "raw_text",
]


def article_records(articles: pd.DataFrame) -> list[dict]:
    """Return one record (dict of the annotators' input columns) per row of ``articles``."""
    return articles[[c for c in RECORD_COLUMNS if c in articles.columns]].to_dict("records")


def _split(records: list[dict], size: int) -> list[list[dict]]:
    return [records[i : i + size] for i in range(0, len(records), size)]


def _merge(parts: Iterable[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for part in parts:
        for name, rows in part.items():
            merged.setdefault(name, []).extend(rows)
    return merged


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, n_workers: int = 2, threads_per_worker: int = 1,
                memory_limit: str | None = "auto"):
    """Yield a ``dask.distributed.Client``: on a new ``LocalCluster`` or an existing scheduler.

    Args:
        scheduler: ``None`` or ``"local"`` for a ``LocalCluster`` of worker processes started
            here and closed on exit; otherwise a scheduler address such as
            ``"tcp://10.0.0.5:8786"`` (every worker needs the ``workbench`` package and the
            spaCy model installed).
        n_workers: Worker processes of the local cluster.
        threads_per_worker: Threads per local worker (spaCy parsing is CPU-bound: keep 1).
        memory_limit: Per-worker memory limit of the local cluster.
    """
    from dask.distributed import Client, LocalCluster

    if scheduler in (None, "", "local"):
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                               processes=True, memory_limit=memory_limit,
                               dashboard_address=None)
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
    else:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()


def run_chunks(
    batches: Iterable[list[dict]],
    *,
    chunk_size: int = 50,
    n_process: int = 1,
    scheduler: str | None = None,
    client=None,
    model: str | None = None,
    max_in_flight: int | None = None,
) -> Iterator[tuple[list[dict], dict[str, list[dict]]]]:
    """Annotate batches of article records; yield ``(batch records, {table: row dicts})``.

    Each batch is split into chunks of ``chunk_size`` records, each chunk one call of
    :func:`~workbench.annotate.pipeline.annotate_records`. Batches are yielded as they finish
    (not necessarily in input order); at most ``max_in_flight`` batches are pending at once, so
    memory stays bounded however many batches there are.

    Args:
        batches: Iterable of lists of article records.
        chunk_size: Records per unit of work.
        n_process: Local worker processes when no Dask ``scheduler``/``client`` is given.
        scheduler: Dask scheduler address, or ``"local"`` for a ``LocalCluster``.
        client: An existing Dask client (takes precedence over ``scheduler``).
        model: spaCy model name passed to every unit of work.
        max_in_flight: Batches submitted ahead (default 2).
    """
    from workbench.annotate.pipeline import annotate_records

    ahead = max_in_flight or 2
    if client is not None or scheduler:
        with contextlib.ExitStack() as stack:
            if client is None:
                client = stack.enter_context(dask_client(scheduler, n_workers=max(n_process, 2)))
            yield from _run_dask(batches, client, chunk_size, model, ahead)
        return
    from workbench.processes import usable_processes

    n_process = usable_processes(n_process)  # 1 when workers would re-run an unguarded script
    if n_process <= 1:
        for batch in batches:
            yield batch, _merge(annotate_records(c, model=model) for c in _split(batch, chunk_size))
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx) as pool:
        pending: dict = {}
        iterator = iter(batches)

        def submit_next() -> bool:
            batch = next(iterator, None)
            if batch is None:
                return False
            futures = [pool.submit(annotate_records, c, model=model) for c in _split(batch, chunk_size)]
            pending[id(batch)] = (batch, futures)
            return True

        while len(pending) < ahead and submit_next():
            pass
        while pending:
            # wait on unfinished futures only: a finished one makes wait() return at once, and
            # the driver then spins a whole core that the workers need
            waiting = [f for _, fs in pending.values() for f in fs if not f.done()]
            if waiting:
                wait(waiting, return_when=FIRST_COMPLETED)
            for bid, (batch, futures) in list(pending.items()):
                if all(f.done() for f in futures):
                    del pending[bid]
                    yield batch, _merge(f.result() for f in futures)
                    submit_next()


def _run_dask(batches, client, chunk_size, model, ahead):
    from dask.distributed import wait as dask_wait

    from workbench.annotate.pipeline import annotate_records

    pending: dict = {}
    iterator = iter(batches)

    def submit_next() -> bool:
        batch = next(iterator, None)
        if batch is None:
            return False
        futures = [client.submit(annotate_records, c, model=model, pure=False)
                   for c in _split(batch, chunk_size)]
        pending[id(batch)] = (batch, futures)
        return True

    while len(pending) < ahead * 2 and submit_next():
        pass
    while pending:
        waiting = [f for _, fs in pending.values() for f in fs if not f.done()]
        if waiting:  # only unfinished futures (see run_chunks)
            dask_wait(waiting, return_when="FIRST_COMPLETED")
        for bid, (batch, futures) in list(pending.items()):
            if all(f.done() for f in futures):
                del pending[bid]
                results = client.gather(futures)
                for f in futures:
                    f.release()
                yield batch, _merge(results)
                submit_next()


def annotate_distributed(
    articles: pd.DataFrame,
    *,
    scheduler: str | None = None,
    client=None,
    n_workers: int = 2,
    chunk_size: int = 50,
    model: str | None = None,
):
    """Annotate an ``articles`` table on Dask: the distributed twin of ``annotate_articles``.

    Args:
        articles: The ``articles`` table (one row per article; not changed).
        scheduler: Dask scheduler address; ``None``/``"local"`` starts a ``LocalCluster``.
        client: An existing Dask client (takes precedence).
        n_workers: Workers of the local cluster.
        chunk_size: Articles per task.
        model: spaCy model name.

    Returns:
        :class:`workbench.annotate.Annotations`, each table sorted like the single-process
        result (by ``article_id`` order of ``articles``, then row order within an article).
    """
    from workbench.annotate.pipeline import annotations_from_rows

    records = article_records(articles)
    order = {r["article_id"]: i for i, r in enumerate(records)}
    parts = []
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(dask_client(scheduler, n_workers=n_workers))
        for _, rows in _run_dask([records[i : i + chunk_size * 4]
                                  for i in range(0, len(records), chunk_size * 4)],
                                 client, chunk_size, model, 2):
            parts.append(rows)
    merged = _merge(parts)
    for name, rows in merged.items():
        merged[name] = sorted(rows, key=lambda r: order.get(r["article_id"], len(order)))
    return annotations_from_rows(merged)
