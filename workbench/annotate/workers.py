"""Annotation worker processes kept up for the session, with this process as one of the workers.

Spawning a worker costs an import of spaCy and a model load (3 to 4 s here), as much as
annotating 20 articles. :func:`map_chunks` therefore keeps its ``n_process - 1`` spawned workers
up between calls (:func:`shutdown_workers`, also run at exit, stops them), and the calling
process annotates chunks too, so the first chunks are under way while the workers start, and
a second call pays no start-up at all. Chunks are taken from one queue in order by whichever
process is free; results come back in input order, so the output equals a one-process run.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

__all__ = ["balanced_chunks", "map_chunks", "shutdown_workers", "worker_count", "worker_pids"]

_LOCK = threading.Lock()
_POOL: dict = {}  # {"key": (workers, model), "pool": ProcessPoolExecutor}
#: Characters an article costs beyond its text (record, tables): keeps many short ones apart.
_ARTICLE_CHARS = 400


def _warm(model: str | None) -> None:
    from workbench.annotate.nlp import get_nlp

    nlp = get_nlp(model)
    nlp("Warm-up: the first call builds the model's caches.")


def _pool(workers: int, model: str | None) -> ProcessPoolExecutor:
    with _LOCK:
        key = (workers, model)
        pool = _POOL.get("pool")
        if pool is not None and (_POOL["key"] != key or getattr(pool, "_broken", False)):
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        if pool is None:
            ctx = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm,
                                       initargs=(model,))
            _POOL.update(key=key, pool=pool)
        return pool


def worker_count() -> int:
    """Return how many spawned worker processes are kept up (0 when none)."""
    pool = _POOL.get("pool")
    return _POOL["key"][0] if pool is not None else 0


def worker_pids() -> list[int]:
    """Return the process ids of the kept workers (empty when none are up)."""
    pool = _POOL.get("pool")
    return sorted(getattr(pool, "_processes", None) or {}) if pool is not None else []


def shutdown_workers() -> None:
    """Stop the kept worker processes (the next parallel call starts new ones)."""
    with _LOCK:
        pool = _POOL.pop("pool", None)
        _POOL.pop("key", None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_workers)


def balanced_chunks(records: Sequence[dict], n_chunks: int, *, max_size: int) -> list[list[dict]]:
    """Cut ``records`` into about ``n_chunks`` runs of similar text length, in order.

    Args:
        records: Article records (``text`` is what costs).
        n_chunks: Chunks wanted.
        max_size: No chunk holds more records than this.

    Returns:
        Contiguous chunks whose concatenation is ``records``.
    """
    if not records:
        return []
    weights = [len(r.get("text") or "") + _ARTICLE_CHARS for r in records]
    target = sum(weights) / max(1, n_chunks)
    chunks: list[list[dict]] = [[]]
    filled = 0.0
    for rec, w in zip(records, weights, strict=True):
        current = chunks[-1]
        if current and (filled + w / 2 > target or len(current) >= max_size):
            chunks.append([])
            filled = 0.0
        chunks[-1].append(rec)
        filled += w
    return chunks


def map_chunks(fn: Callable, chunks: Sequence, *, n_process: int, model: str | None = None,
               on_done: Callable[[int], object] | None = None) -> list:
    """Return ``[fn(chunk, model=model) for chunk in chunks]``, run on ``n_process`` processes.

    This process is one of them; the other ``n_process - 1`` are spawned once and kept (see the
    module docstring). ``fn`` must be importable by name (it is pickled for the workers).
    ``on_done`` is called with a chunk's length when it finishes (one call at a time).

    Raises:
        The first exception any chunk raised (after every chunk has finished or failed).
    """
    done_lock = threading.Lock()

    def done(i: int) -> None:
        if on_done is not None:
            with done_lock:
                on_done(len(chunks[i]))

    if n_process <= 1 or len(chunks) <= 1:
        results = []
        for i, c in enumerate(chunks):
            results.append(fn(c, model=model))
            done(i)
        return results
    pool = _pool(n_process - 1, model)
    results: list = [None] * len(chunks)
    errors: list[tuple[int, BaseException]] = []
    order = iter(range(len(chunks)))
    take_lock = threading.Lock()

    def take() -> int | None:
        with take_lock:
            return next(order, None)

    def feed() -> None:  # one thread per spawned worker: keeps it busy while chunks remain
        while (i := take()) is not None:
            try:
                results[i] = pool.submit(fn, chunks[i], model=model).result()
            except BaseException as exc:  # noqa: BLE001 - re-raised below, in the caller
                errors.append((i, exc))
            else:
                done(i)

    feeders = [threading.Thread(target=feed, daemon=True) for _ in range(n_process - 1)]
    for t in feeders:
        t.start()
    try:
        while (i := take()) is not None:
            results[i] = fn(chunks[i], model=model)
            done(i)
    finally:
        for t in feeders:
            t.join()
    if errors:
        if getattr(pool, "_broken", False):  # a worker died: the next call starts new ones
            shutdown_workers()
        raise min(errors, key=lambda e: e[0])[1]
    return results
