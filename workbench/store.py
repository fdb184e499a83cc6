"""The corpus store: an annotated corpus persisted as a folder of Parquet files.

Layout of a store folder (every file written to a temporary name, then renamed into place, so a
crash never leaves a half-written file where a reader looks)::

    store.json                                  format, provenance (versions, corpus SHA-256,
                                                times, command, history of writes)
    inputs.json                                 SHA-256 -> path of every input file read
    write.lock, write.lock.json                 the writers' lock and who holds it
    edits.jsonl                                 the coders' edits, append-only (workbench.corrections)
    articles/part-*.parquet                     one row per article (content-hash ``article_id``)
    load_report/part-*.parquet                  one row per input of every ingest run
    annotations/<cache key>/<table>/batch-*.parquet
    annotations/<cache key>/_batches/batch-*.json   commit marker: the batch's article ids
    compare/<cache key>/<table>.parquet + compare.json

Annotations are keyed by article content hash and annotator cache key
(:func:`workbench.annotate.pipeline.cache_key`: model version + a SHA-256 of the annotate code). A batch of
annotation tables counts only once its commit marker exists (written last), so an interrupted run
keeps every finished batch and the next run annotates only the article ids that no committed
batch holds. Tables are read lazily; :meth:`CorpusStore.query` runs DuckDB SQL over the Parquet
files in place, for corpora larger than memory.

One writer at a time: every method that writes (:meth:`CorpusStore.add_articles`,
:meth:`~CorpusStore.annotate`, :meth:`~CorpusStore.write_compare`, ...) holds the store's lock
(an OS file lock on ``write.lock``, which the OS releases when its process dies, so a killed
writer never blocks the store). A second writer waits up to ``lock_timeout`` seconds, then
raises :class:`StoreLockedError` naming the store and the writer recorded in
``write.lock.json`` (pid, host, command). Readers take no lock: files appear by rename and
batches count only once committed, so a reader sees the store before or after a write.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shlex
import socket
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filelock
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from workbench import corrections, schema
from workbench.distributed import RECORD_COLUMNS
from workbench.parquet_io import (
    atomic_write_bytes,
    read_parquet_parts,
    restore_table,
    to_arrow,
    write_parquet,
)
from workbench.settings import AnnotateSettings, resolve_settings

__all__ = [
    "ANNOTATION_TABLES",
    "COMPARE_TABLES",
    "AnnotateSummary",
    "CorpusStore",
    "IngestSummary",
    "StoreLockedError",
    "open_store",
    "write_parquet",
]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1

#: Seconds a writer waits for another writer to finish before :class:`StoreLockedError`
#: (``WORKBENCH_STORE_LOCK_TIMEOUT`` in the environment overrides it).
DEFAULT_LOCK_TIMEOUT = 600.0
LOCK_FILE = "write.lock"
LOCK_OWNER_FILE = "write.lock.json"
#: Every input file ever ingested: its SHA-256 -> its path (the corpus SHA-256 is over these).
INPUTS_FILE = "inputs.json"

#: Annotation tables written per batch (``source_summary`` is derived per batch too).
ANNOTATION_TABLES = (
    "sentences",
    "entities",
    "quotes",
    "sources",
    "timexes",
    "publication_dates",
    "source_summary",
)
#: Comparison tables, written whole (stories span the corpus).
COMPARE_TABLES = ("stories", "story_pairs", "alignments", "claims", "discrepancies")

_SAFE = re.compile(r"[^A-Za-z0-9._+-]")


class StoreLockedError(TimeoutError):
    """Another writer held the store's lock for longer than the writer was willing to wait."""


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did."""

    inputs: int
    loaded: int
    new: int
    already_stored: int
    skipped: int
    failed: int
    seconds: float


@dataclass(frozen=True)
class AnnotateSummary:
    """What one annotation run did."""

    cache_key: str
    total: int
    already_done: int
    annotated: int
    batches: int
    words: int
    seconds: float
    failed: dict[str, str] | None = None

    @property
    def articles_per_second(self) -> float:
        """Articles annotated per second of wall time."""
        return self.annotated / self.seconds if self.seconds else 0.0


def _new_part_name(prefix: str = "part") -> str:
    return f"{prefix}-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"


# --- the store -----------------------------------------------------------------------------------
def _writes(method):
    """Run a :class:`CorpusStore` method while holding the store's write lock."""

    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self.lock(method.__name__):
            return method(self, *args, **kwargs)

    return locked


class CorpusStore:
    """A folder of Parquet files holding one corpus: articles, load report, annotations, comparisons.

    Opening is instant: nothing is read until a table is asked for. Use :func:`open_store` or
    ``CorpusStore(path, create=True)``. Writing methods hold the store's lock (one writer at a
    time, see the module docstring); ``lock_timeout`` is how long they wait for another writer.
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = False,
                 lock_timeout: float | None = None):
        self.path = Path(path)
        if lock_timeout is None:
            lock_timeout = float(os.environ.get("WORKBENCH_STORE_LOCK_TIMEOUT",
                                                DEFAULT_LOCK_TIMEOUT))
        self.lock_timeout = lock_timeout
        #: The coders' edits (``edits.jsonl``), applied to every table read (corrected=False: not).
        self.edit_log = corrections.EditLog(self)
        meta = self.path / "store.json"
        if not meta.is_file():
            if not create:
                raise FileNotFoundError(f"{self.path}: not a workbench store (no store.json)")
            self.path.mkdir(parents=True, exist_ok=True)
            with self.lock("create"):
                if not meta.is_file():
                    atomic_write_bytes(meta, json.dumps({"format": FORMAT_VERSION}).encode())
                    self._record_write("create")
        else:
            fmt = json.loads(meta.read_text()).get("format")
            if fmt != FORMAT_VERSION:
                raise ValueError(f"{self.path}: store format {fmt}, this workbench reads {FORMAT_VERSION}")

    def __repr__(self) -> str:
        return f"<CorpusStore {self.path}>"

    # --- the writers' lock ---------------------------------------------------------------------
    def _file_lock(self) -> filelock.FileLock:
        # one lock object per folder in this process (re-entrant per thread), so nested writes
        # and two CorpusStore objects of one folder never wait for themselves
        return filelock.FileLock(str((self.path / LOCK_FILE).resolve()), is_singleton=True)

    def lock_owner(self) -> dict | None:
        """Return the writer recorded next to the lock (pid, host, command, operation, since).

        The record is written when a writer takes the lock and removed when it lets go; after
        a crash the stale record stays until the next writer replaces it.
        """
        try:
            return json.loads((self.path / LOCK_OWNER_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    @contextmanager
    def lock(self, operation: str = "write", *, timeout: float | None = None):
        """Hold the store's write lock for the ``with`` block (re-entrant within a thread).

        Args:
            operation: What the writer does, recorded for the writers that wait.
            timeout: Seconds to wait for another writer (default: ``self.lock_timeout``;
                negative waits for ever).

        Raises:
            StoreLockedError: another writer held the lock for longer than ``timeout``.
        """
        lock = self._file_lock()
        if lock.is_locked:  # this thread holds it already: a write inside a write
            with lock:
                yield
            return
        timeout = self.lock_timeout if timeout is None else timeout
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            log.warning("%s: store is being written by %s; waiting up to %s", self.path,
                        _describe_owner(self.lock_owner()),
                        "ever" if timeout < 0 else f"{timeout:g} s")
            try:
                lock.acquire(timeout=timeout)
            except filelock.Timeout:
                raise StoreLockedError(
                    f"could not {operation}: store {self.path} is being written by another "
                    f"writer ({_describe_owner(self.lock_owner())}), which did not finish "
                    f"within {timeout:g} s; run again when it has ended (its lock is released "
                    f"when its process ends, even by a crash)"
                ) from None
        try:
            owner = {"pid": os.getpid(), "host": socket.gethostname(),
                     "command": shlex.join(sys.argv), "operation": operation,
                     "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
            atomic_write_bytes(self.path / LOCK_OWNER_FILE, json.dumps(owner).encode())
            try:
                yield
                if operation != "create":
                    self._record_write(operation, self.__dict__.pop("_new_inputs", None))
            finally:
                (self.path / LOCK_OWNER_FILE).unlink(missing_ok=True)
        finally:
            lock.release()

    # --- provenance (store.json) ----------------------------------------------------------------
    def info(self) -> dict:
        """Return ``store.json``, the store's provenance.

        Format, created/updated times, the last command and operation, package versions
        (:func:`workbench.provenance.package_versions`), the corpus SHA-256 over the input
        files and the last 100 writes.
        """
        return json.loads((self.path / "store.json").read_text(encoding="utf-8"))

    def corpus_sha256(self) -> str | None:
        """Return the corpus SHA-256 of ``store.json``: over every input file ever ingested.

        What :func:`workbench.provenance.corpus_fingerprint` records for this store; None
        before the first ingest.
        """
        return (self.info().get("corpus") or {}).get("sha256")

    def _record_write(self, operation: str, inputs: dict[str, str] | None = None) -> None:
        """Update ``store.json`` after a write (under the lock).

        Times, command, versions, and the corpus SHA-256 over every input file's digest
        (``inputs.json``: digest -> path).
        """
        from workbench import provenance

        meta, now = self.info(), provenance.timestamp()
        if inputs:
            known = self._inputs()
            known.update({digest: path for path, digest in inputs.items()})
            atomic_write_bytes(self.path / INPUTS_FILE, json.dumps(known, indent=0).encode())
            meta["corpus"] = {"sha256": provenance.corpus_sha256(known),
                              "input_files": len(known)}
        command = provenance.run_command()
        meta.setdefault("created", now if operation == "create" else None)  # None: before 2026-12
        meta.update(updated=now, operation=operation, command=command,
                    versions=provenance.package_versions(model_name=_model_name()))
        meta["history"] = [*meta.get("history", []),
                           {"operation": operation, "at": now, "command": command}][-100:]
        atomic_write_bytes(self.path / "store.json", json.dumps(meta, indent=1).encode())

    def _inputs(self) -> dict[str, str]:
        try:
            return json.loads((self.path / INPUTS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    # --- articles and load report --------------------------------------------------------------
    def _parts(self, folder: str) -> list[Path]:
        return sorted((self.path / folder).glob("part-*.parquet"))

    def article_ids(self) -> set[str]:
        """Return the ids of every stored article (reads one column only)."""
        return set(self._read_column(self._parts("articles"), "article_id"))

    @staticmethod
    def _read_column(files: list[Path], column: str) -> list:
        values: list = []
        for f in files:
            values.extend(pq.read_table(f, columns=[column]).column(column).to_pylist())
        return values

    def articles(self, *, columns: list[str] | None = None, corrected: bool = True) -> pd.DataFrame:
        """Return the ``articles`` table (one row per article), optionally only some columns."""
        frame = read_parquet_parts(self._parts("articles"), "articles", columns=columns)
        return corrections.apply_edits(frame, "articles", self.edit_log.records()) if (
            corrected) else frame

    def load_report(self) -> pd.DataFrame:
        """Return the ``load_report`` table: one row per input, over every ingest run."""
        return read_parquet_parts(self._parts("load_report"), "load_report")

    def add_articles(
        self, articles: pd.DataFrame, load_report: pd.DataFrame | None = None, *, part_rows: int = 1000
    ) -> int:
        """Store the articles whose ids are not stored yet; append the load report.

        Args:
            articles: An ``articles`` table (not changed).
            load_report: The run's ``load_report`` table, appended as is.
            part_rows: Articles per Parquet part file.

        Returns:
            How many articles were new.
        """
        articles = schema.validate(articles, "articles")
        has_report = load_report is not None and len(load_report)
        if not has_report and articles["article_id"].isin(self.article_ids()).all():
            return 0  # nothing to write: no lock, so a read-only store still opens
        with self.lock("add_articles"):
            return self._add_articles(articles, load_report, part_rows)

    def _add_articles(self, articles, load_report, part_rows) -> int:
        known = self.article_ids()  # read under the lock: another writer may just have added
        fresh = articles[~articles["article_id"].isin(known)]
        for start in range(0, len(fresh), part_rows):
            chunk = fresh.iloc[start : start + part_rows]
            write_parquet(chunk, self.path / "articles" / f"{_new_part_name()}.parquet", "articles")
        if load_report is not None and len(load_report):
            report = schema.validate(load_report, "load_report")
            write_parquet(report, self.path / "load_report" / f"{_new_part_name()}.parquet",
                           "load_report")
            from workbench.provenance import input_digests

            self._new_inputs = input_digests(report["source_path"])  # for store.json
        return len(fresh)

    def ingest(self, paths, manifest=None, **options) -> IngestSummary:
        """Load inputs with :func:`workbench.ingest.load_articles` and store the new articles.

        Args:
            paths: Files, folders, globs (as for :func:`workbench.load`).
            manifest: Optional manifest.
            **options: Passed to :func:`workbench.ingest.load_articles`.

        Returns:
            An :class:`IngestSummary`.
        """
        from workbench.ingest import load_articles

        start = time.perf_counter()
        articles, report = load_articles(paths, manifest, **options)
        new = self.add_articles(articles, report)
        status = report["status"].value_counts()
        return IngestSummary(
            inputs=len(report),
            loaded=int(status.get("loaded", 0)),
            new=new,
            already_stored=len(articles) - new,
            skipped=int(status.get("skipped", 0)),
            failed=int(status.get("failed", 0)),
            seconds=time.perf_counter() - start,
        )

    # --- annotations -------------------------------------------------------------------------
    def _ann_dir(self, key: str) -> Path:
        return self.path / "annotations" / _SAFE.sub("_", key)

    def _committed(self, key: str) -> list[dict]:
        """Committed batch markers for ``key``, without those superseded by a compaction."""
        folder = self._ann_dir(key) / "_batches"
        markers = []
        for f in sorted(folder.glob("batch-*.json")):
            try:
                markers.append(json.loads(f.read_text()))
            except (OSError, ValueError):
                log.warning("%s: unreadable commit marker ignored", f)
        superseded = {b for m in markers for b in m.get("supersedes", [])}
        return [m for m in markers if m["batch"] not in superseded]

    def annotated_ids(self, key: str | None = None) -> set[str]:
        """Return the ids of the articles annotated under ``key`` (default: the current key)."""
        key = key or _current_key()
        return {aid for m in self._committed(key) for aid in m["article_ids"]}

    def failed_ids(self, key: str | None = None) -> dict[str, str]:
        """Return ``{article_id: reason}`` of articles whose annotation failed under ``key``.

        They are not retried by :meth:`annotate` (the same code fails the same way) unless it is
        called with ``retry_failed=True``; a new cache key retries them all.
        """
        key = key or _current_key()
        done = self.annotated_ids(key)
        failed: dict[str, str] = {}
        for m in self._committed(key):
            failed.update(m.get("failed", {}))
        return {aid: why for aid, why in failed.items() if aid not in done}

    def annotation_keys(self) -> list[str]:
        """Return the cache keys that have annotations in this store."""
        folder = self.path / "annotations"
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    @_writes
    def write_annotation_batch(self, rows: dict[str, list[dict]], article_ids: Iterable[str], *,
                               key: str, failed: dict[str, str] | None = None) -> str:
        """Write one batch of annotation rows (from ``annotate_records``) and commit it.

        Each table's part is written atomically; the commit marker, written last, lists the
        batch's article ids, so a batch interrupted before it counts as never written.

        Returns:
            The batch name.
        """
        from workbench.annotate.pipeline import annotations_from_rows

        tables = annotations_from_rows(rows).tables()
        batch = _new_part_name("batch")
        base = self._ann_dir(key)
        for name in ANNOTATION_TABLES:
            write_parquet(tables[name], base / name / f"{batch}.parquet", name)
        marker = {"batch": batch, "cache_key": key, "article_ids": sorted(set(article_ids)),
                  "failed": failed or {}}
        atomic_write_bytes(base / "_batches" / f"{batch}.json", json.dumps(marker).encode())
        return batch

    def _table_files(self, table: str, key: str) -> list[Path]:
        base = self._ann_dir(key) / table
        return [base / f"{m['batch']}.parquet" for m in self._committed(key)]

    def read_table(self, table: str, *, key: str | None = None,
                   article_ids: Iterable[str] | None = None, corrected: bool = True) -> pd.DataFrame:
        """Return one stored table, validated against the schema.

        Args:
            table: ``articles``, ``load_report``, an annotation table, a comparison table or
                ``edits`` (the coders' edit log, :mod:`workbench.corrections`).
            key: Annotation cache key (default: the current one).
            article_ids: Keep only these articles' rows.
            corrected: Apply the edit log to articles and annotation tables.
        """
        if table == "edits":
            return self.edit_log.table()
        if table in ("articles", "load_report"):
            df = self.articles(corrected=False) if table == "articles" else self.load_report()
        elif table in ANNOTATION_TABLES:
            key = key or _current_key()
            files = [f for f in self._table_files(table, key) if f.exists()]
            df = read_parquet_parts(files, table)
        elif table in COMPARE_TABLES:
            df = self.read_compare(table, key=key)
        else:
            raise KeyError(f"unknown table {table!r}")
        if article_ids is not None and "article_id" in df.columns:
            df = df[df["article_id"].isin(set(article_ids))].reset_index(drop=True)
        if corrected and table == "source_summary" and any(
                e["table_name"] == "sources" for e in self.edit_log.records()):
            from workbench.annotate.sources import summarize_sources

            return summarize_sources(self.read_table("sources", key=key, article_ids=article_ids))
        return corrections.apply_edits(df, table, self.edit_log.records()) if corrected else df

    def read_annotations(self, *, key: str | None = None, article_ids: Iterable[str] | None = None,
                         corrected: bool = True):
        """Return stored :class:`workbench.annotate.Annotations` for ``key`` (edits applied)."""
        from workbench.annotate.pipeline import Annotations

        ids = None if article_ids is None else set(article_ids)
        tables = {name: self.read_table(name, key=key, article_ids=ids, corrected=False)
                  for name in ANNOTATION_TABLES}
        found = Annotations(**tables)
        return corrections.correct_annotations(found, self.edit_log.records()) if (
            corrected) else found

    def iter_pending_records(self, *, key: str, batch_size: int = 200,
                             article_ids: Iterable[str] | None = None,
                             retry_failed: bool = False) -> Iterator[list[dict]]:
        """Yield batches of article records (dicts) not annotated under ``key`` yet.

        Reads the article parts one at a time, so the corpus text is never all in memory.
        """
        done = self.annotated_ids(key)
        if not retry_failed:
            done |= set(self.failed_ids(key))
        wanted = None if article_ids is None else set(article_ids)
        batch: list[dict] = []
        for f in self._parts("articles"):
            pf = pq.ParquetFile(f)
            cols = [c for c in RECORD_COLUMNS if c in pf.schema_arrow.names]
            for rb in pf.iter_batches(batch_size=batch_size, columns=cols):
                frame = restore_table(rb.to_pandas(), "articles", cols)
                frame = frame.drop_duplicates("article_id")
                mask = ~frame["article_id"].isin(done)
                if wanted is not None:
                    mask &= frame["article_id"].isin(wanted)
                for rec in frame[mask].to_dict("records"):
                    done.add(rec["article_id"])
                    batch.append(rec)
                    if len(batch) >= batch_size:
                        yield batch
                        batch = []
        if batch:
            yield batch

    def annotate(
        self,
        *,
        settings: AnnotateSettings | None = None,
        client=None,
        article_ids: Iterable[str] | None = None,
        progress: Callable[[int], None] | None = None,
        **options,
    ) -> AnnotateSummary:
        """Annotate the stored articles not annotated under the current cache key yet.

        Streams batches of ``batch_size`` articles: each is annotated (in ``chunk_size`` units of
        :func:`workbench.annotate.pipeline.annotate_records`), written as Parquet parts and
        committed before the next results are kept, so memory stays flat and an interrupted run
        loses at most the batches in flight.

        Args:
            settings: An :class:`~workbench.settings.AnnotateSettings` (``n_process``,
                ``scheduler``, ``batch_size``, ``chunk_size``, ``model``, ``compact``,
                ``retry_failed``); None: its defaults.
            client: An existing ``dask.distributed.Client`` to run on.
            article_ids: Annotate only these stored articles (default: all).
            progress: Called with the number of articles finished after each batch.
            **options: Any field of :class:`~workbench.settings.AnnotateSettings`, overriding
                ``settings`` (``n_process=1``, ``batch_size=2``, ...).

        Returns:
            An :class:`AnnotateSummary`.
        """
        run = resolve_settings(AnnotateSettings, settings, options, where="annotate")
        options = dict(n_process=run.n_process, scheduler=run.scheduler, client=client,
                       batch_size=run.batch_size, chunk_size=run.chunk_size, model=run.model,
                       article_ids=article_ids, progress=progress, compact=run.compact,
                       retry_failed=run.retry_failed)
        if not self._count_pending(_current_key(), article_ids, run.retry_failed):
            return self._annotate(**options)  # nothing to write: no lock
        # the whole run holds the lock: what is pending is decided under it, so two runs never
        # annotate (and store) the same articles twice
        with self.lock("annotate"):
            return self._annotate(**options)

    def _annotate(self, *, n_process, scheduler, client, batch_size, chunk_size, model,
                  article_ids, progress, compact, retry_failed) -> AnnotateSummary:
        from workbench.annotate.pipeline import cache_key

        start = time.perf_counter()
        key = _current_key()
        already = len(self.annotated_ids(key) if article_ids is None
                      else self.annotated_ids(key) & set(article_ids))
        total_pending = self._count_pending(key, article_ids, retry_failed)
        if total_pending:
            key = cache_key()  # loads the model, which the annotation needs anyway
        pending = self.iter_pending_records(key=key, batch_size=batch_size, article_ids=article_ids,
                                            retry_failed=retry_failed)
        if scheduler is None and client is None:  # parse once: workers keep parses in parses/
            from workbench.annotate.parses import with_parse_dir

            pending = with_parse_dir(pending, self.path / "parses")
        if n_process is None:
            n_process = (os.cpu_count() or 1) if total_pending > 150 else 1
        annotated = words = batches = 0
        from workbench.distributed import run_chunks

        failed: dict[str, str] = {}
        for records, rows in run_chunks(
            pending, chunk_size=chunk_size, n_process=n_process, scheduler=scheduler,
            client=client, model=model,
        ):
            ids = [r["article_id"] for r in records]
            try:
                self.write_annotation_batch(rows, ids, key=key)
            except (schema.SchemaError, ValueError, TypeError, OverflowError) as exc:
                log.warning("batch failed validation (%s); retrying article by article", exc)
                rows, bad = _drop_invalid_articles(rows, ids)
                failed.update(bad)
                records = [r for r in records if r["article_id"] not in bad]
                self.write_annotation_batch(rows, [r["article_id"] for r in records], key=key,
                                            failed=bad)
            annotated += len(records)
            words += sum(len((r.get("text") or "").split()) for r in records)
            batches += 1
            if progress is not None:
                progress(len(records))
        if compact and batches > 1:
            self.compact(key=key)
        return AnnotateSummary(
            cache_key=key, total=already + total_pending, already_done=already,
            annotated=annotated, batches=batches, words=words,
            seconds=time.perf_counter() - start, failed=failed,
        )

    def _count_pending(self, key: str, article_ids: Iterable[str] | None,
                       retry_failed: bool = False) -> int:
        ids = self.article_ids()
        if article_ids is not None:
            ids &= set(article_ids)
        done = self.annotated_ids(key) | (set() if retry_failed else set(self.failed_ids(key)))
        return len(ids - done)

    @_writes
    def compact(self, *, key: str | None = None) -> None:
        """Merge the committed batches of ``key`` into one file per table (crash-safe).

        The merged batch's marker names the batches it supersedes; readers ignore those, so a
        crash at any point leaves either the old batches or the merged one in force, never both.
        """
        key = key or _current_key()
        base = self._ann_dir(key)
        self._remove_superseded(base)
        markers = self._committed(key)
        if len(markers) < 2:
            return
        batch = _new_part_name("batch")
        for name in ANNOTATION_TABLES:
            files = [base / name / f"{m['batch']}.parquet" for m in markers]
            arrow = [pq.read_table(f) for f in files if f.exists()]
            merged = pa.concat_tables(arrow, promote_options="default") if arrow else to_arrow(
                schema.empty_frame(name), name)
            sink = pa.BufferOutputStream()
            pq.write_table(merged, sink, compression="zstd")
            atomic_write_bytes(base / name / f"{batch}.parquet", sink.getvalue().to_pybytes())
        marker = {
            "batch": batch,
            "cache_key": key,
            "article_ids": sorted({a for m in markers for a in m["article_ids"]}),
            "failed": {a: why for m in markers for a, why in m.get("failed", {}).items()},
            "supersedes": [m["batch"] for m in markers],
        }
        atomic_write_bytes(base / "_batches" / f"{batch}.json", json.dumps(marker).encode())
        self._remove_superseded(base)

    @staticmethod
    def _remove_superseded(base: Path) -> None:
        """Delete batches that a compacted batch supersedes (never read, so safe to drop)."""
        markers = []
        for f in sorted((base / "_batches").glob("batch-*.json")):
            try:
                markers.append(json.loads(f.read_text()))
            except (OSError, ValueError):
                continue
        for old in {b for m in markers for b in m.get("supersedes", [])}:
            for name in ANNOTATION_TABLES:
                (base / name / f"{old}.parquet").unlink(missing_ok=True)
            (base / "_batches" / f"{old}.json").unlink(missing_ok=True)

    # --- comparison tables ---------------------------------------------------------------------
    def _compare_dir(self, key: str) -> Path:
        return self.path / "compare" / _SAFE.sub("_", key)

    def corpus_fingerprint(self, key: str | None = None) -> str:
        """Return a fingerprint of the stored article ids and the annotation key."""
        import hashlib

        key = key or _current_key()
        h = hashlib.sha256(key.encode())
        for aid in sorted(self.article_ids()):
            h.update(aid.encode())
        return h.hexdigest()[:16]

    @_writes
    def write_compare(self, tables: dict[str, pd.DataFrame], *, key: str | None = None) -> None:
        """Store comparison tables computed over the whole stored corpus."""
        key = key or _current_key()
        folder = self._compare_dir(key)
        for name, df in tables.items():
            write_parquet(schema.validate(df, name), folder / f"{name}.parquet", name)
        meta = {"fingerprint": self.corpus_fingerprint(key), "tables": sorted(tables),
                "edits": self.edit_log.digest()}
        atomic_write_bytes(folder / "compare.json", json.dumps(meta).encode())

    def compare_is_current(self, *, key: str | None = None) -> bool:
        """Whether stored comparison tables match the stored articles, annotation key and edits."""
        key = key or _current_key()
        meta = self._compare_dir(key) / "compare.json"
        if not meta.is_file():
            return False
        meta = json.loads(meta.read_text())
        # a store written before a table existed is recomputed rather than read in part
        return (meta.get("fingerprint") == self.corpus_fingerprint(key)
                and set(COMPARE_TABLES) <= set(meta.get("tables", ()))
                and meta.get("edits", "") == self.edit_log.digest())  # computed under these edits

    def read_compare(self, table: str, *, key: str | None = None) -> pd.DataFrame:
        """Return a stored comparison table (empty when never computed)."""
        key = key or _current_key()
        path = self._compare_dir(key) / f"{table}.parquet"
        return read_parquet_parts([path] if path.exists() else [], table)

    # --- DuckDB ------------------------------------------------------------------------------
    def connect(self, *, key: str | None = None):
        """Return a DuckDB connection with one view per stored table over its Parquet files.

        Nothing is loaded into memory: DuckDB scans the files as queries need them. List and dict
        columns of ``articles`` are JSON text (use DuckDB's ``json_extract``).
        """
        import duckdb

        key = key or _current_key()
        con = duckdb.connect()
        files: dict[str, list[Path]] = {
            "articles": self._parts("articles"),
            "load_report": self._parts("load_report"),
        }
        for name in ANNOTATION_TABLES:
            files[name] = [f for f in self._table_files(name, key) if f.exists()]
        for name in COMPARE_TABLES:
            path = self._compare_dir(key) / f"{name}.parquet"
            files[name] = [path] if path.exists() else []
        for name, paths in files.items():
            if paths:
                listing = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
                con.execute(
                    f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listing}], union_by_name=true)"
                )
            else:
                empty = to_arrow(schema.empty_frame(name), name)
                con.register(f"_empty_{name}", empty)
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM _empty_{name}")
        return con

    def query(self, sql: str, *, key: str | None = None) -> pd.DataFrame:
        """Run DuckDB SQL over the stored tables (by their table names) and return a DataFrame.

        Example: ``store.query("SELECT source_kind, count(*) AS n FROM sources GROUP BY 1")``.
        """
        con = self.connect(key=key)
        try:
            return con.execute(sql).df()
        finally:
            con.close()


def _drop_invalid_articles(rows: dict[str, list[dict]], ids: list[str]):
    """Split a batch's rows by article; keep the articles whose tables validate.

    Returns ``(rows of the valid articles, {article_id: reason} for the others)``; the others
    stay unannotated (a later run retries them) and are reported, never silently dropped.
    """
    from workbench.annotate.pipeline import annotations_from_rows

    per_article: dict[str, dict[str, list[dict]]] = {aid: {} for aid in ids}
    for name, table_rows in rows.items():
        for row in table_rows:
            per_article.setdefault(row["article_id"], {}).setdefault(name, []).append(row)
    bad: dict[str, str] = {}
    for aid, article_rows in per_article.items():
        try:
            annotations_from_rows(article_rows)
        except (schema.SchemaError, ValueError, TypeError, OverflowError) as exc:
            bad[aid] = f"{type(exc).__name__}: {exc}"
            log.warning("article %s not annotated: %s", aid, bad[aid])
    kept = {name: [r for r in table_rows if r["article_id"] not in bad]
            for name, table_rows in rows.items()}
    return kept, bad


def _describe_owner(owner: dict | None) -> str:
    if not owner:
        return "writer unknown: no record next to the lock"
    return (f"pid {owner.get('pid')} on {owner.get('host')}, {owner.get('operation')} since "
            f"{owner.get('since')}: {owner.get('command')}")


def open_store(path: str | os.PathLike, *, create: bool = True) -> CorpusStore:
    """Open (by default creating) the corpus store in folder ``path``."""
    return CorpusStore(path, create=create)


def _current_key() -> str:
    """The annotation cache key, without loading the spaCy model when it is not loaded yet.

    Same value as :func:`workbench.annotate.pipeline.cache_key` (a test checks it), read from
    the model package's ``meta.json``, so reopening a store stays instant.
    """
    from workbench.annotate import nlp, pipeline

    if nlp.get_nlp.cache_info().currsize:
        return pipeline.cache_key()
    try:
        meta = json.loads(_model_meta_path(nlp.model_name()).read_text(encoding="utf-8"))
    except (OSError, ValueError, RuntimeError, AttributeError, TypeError):
        return pipeline.cache_key()
    from workbench.provenance import annotator_code_sha256

    version = f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    return f"{version}+code{annotator_code_sha256()[:16]}"


def _model_name() -> str | None:
    """The spaCy model the annotate stage loads, for ``store.json`` (None: none installed)."""
    from workbench.annotate import nlp

    try:
        return nlp.model_name()
    except RuntimeError:
        return None


def _model_meta_path(name: str) -> Path:
    path = Path(name)
    if path.is_dir():
        return path / "meta.json"
    import importlib.util

    spec = importlib.util.find_spec(name)
    return Path(list(spec.submodule_search_locations)[0]) / "meta.json"
