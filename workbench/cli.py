"""The ``workbench`` command line: batch work on a corpus store.

::

    workbench ingest PATH... --store DIR [--manifest M] [--fetch [--fetch-delay S]]
    workbench annotate --store DIR [--workers N] [--scheduler ADDR]
    workbench compare --store DIR [--one-story]
    workbench export --store DIR --out DIR [--format csv|xlsx|parquet] [--excel] [--tables T,...]
    workbench info --store DIR

Every command ends with a summary (what was done, what failed, time, throughput). Exit status:
0 on success, 1 when some inputs failed to load (they are in the load report), 2 on a usage error
or an error that stopped the command.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import time
from pathlib import Path

__all__ = ["build_parser", "main"]


def _print(*parts) -> None:
    print(*parts, flush=True)


def _cmd_ingest(args) -> int:
    from workbench.store import CorpusStore

    store = CorpusStore(args.store, create=True)
    options = {"max_bytes": args.max_bytes} if args.max_bytes else {}
    options["progress"] = False if args.quiet else None
    if args.fetch:
        from workbench.ingest.fetch import FetchOptions

        options.update(fetch=True, fetch_options=FetchOptions(delay=args.fetch_delay))
    _print(f"loading {', '.join(args.paths)} ...")
    s = store.ingest(args.paths, args.manifest, **options)
    rate = s.loaded / s.seconds if s.seconds else 0.0
    _print(
        f"ingest: {s.inputs} inputs; loaded {s.loaded} ({s.new} new, {s.already_stored} already "
        f"stored), skipped {s.skipped}, failed {s.failed}; {s.seconds:.1f} s, {rate:.1f} articles/s"
    )
    if s.failed:
        report = store.load_report()
        failed = report[report["status"] == "failed"].tail(s.failed)
        for row in failed.head(10).itertuples():
            _print(f"  failed: {row.source_path} {row.record or ''}: {row.reason}")
        if s.failed > 10:
            _print(f"  ... and {s.failed - 10} more (see `workbench export --tables load_report`)")
    return 1 if s.failed else 0


def _cmd_annotate(args) -> int:
    from workbench.progress import progress_bar
    from workbench.store import CorpusStore

    store = CorpusStore(args.store)
    from workbench.annotate.pipeline import cache_key

    key = cache_key()
    done = store.annotated_ids(key) | (set() if args.retry_failed else set(store.failed_ids(key)))
    todo = len(store.article_ids() - done)
    where = f"Dask scheduler {args.scheduler}" if args.scheduler else (
        f"{args.workers} process(es)" if args.workers else "local processes")
    _print(f"annotating {todo} article(s) under {key} on {where}")
    with progress_bar(total=todo, desc="annotate", unit="article",
                      progress=False if args.quiet else None) as bar:
        s = store.annotate(n_process=args.workers, scheduler=args.scheduler,
                           batch_size=args.batch_size, progress=bar.update,
                           retry_failed=args.retry_failed)
    rate = s.annotated / s.seconds if s.seconds else 0.0
    wps = s.words / s.seconds if s.seconds else 0.0
    _print(
        f"annotate: {s.total} articles; {s.annotated} annotated, {s.already_done} already done, "
        f"{len(s.failed or {})} failed; {s.batches} batch(es); {s.seconds:.1f} s, "
        f"{rate:.1f} articles/s, {wps:,.0f} words/s"
    )
    for aid, reason in list((s.failed or {}).items())[:10]:
        _print(f"  failed: article {aid}: {reason}")
    return 1 if s.failed else 0


def _cmd_compare(args) -> int:
    from workbench.corpus import Corpus

    start = time.perf_counter()
    corpus = Corpus.open(args.store, n_process=args.workers, one_story=args.one_story,
                         progress=False if args.quiet else None)
    store = corpus.store
    steps = ("stories", "alignments", "story_pairs", "claims", "discrepancies")
    corpus.discrepancies  # noqa: B018 - one 'compare' bar: stories, alignments, claims, discrepancies
    tables = {name: getattr(corpus, name) for name in steps}
    store.write_compare(tables)
    dt = time.perf_counter() - start
    stories = tables["stories"]["story_id"].nunique() if len(tables["stories"]) else 0
    _print(
        f"compare: {len(corpus.articles)} articles; {stories} stories, "
        f"{len(tables['story_pairs'])} article pairs, {len(tables['alignments'])} alignments, "
        f"{len(tables['discrepancies'])} discrepancies; {dt:.1f} s, "
        f"{len(corpus.articles) / dt if dt else 0:.1f} articles/s"
    )
    return 0


def _summary_tables() -> tuple[str, ...]:
    """Tables a corpus derives from the stored ones (``discrepancy_summary``, ...), in schema order."""
    from workbench import schema
    from workbench.corpus import Corpus
    from workbench.store import ANNOTATION_TABLES, COMPARE_TABLES

    stored = {"articles", "load_report", "edits", *ANNOTATION_TABLES, *COMPARE_TABLES}
    return tuple(t for t in schema.TABLES
                 if t not in stored and isinstance(getattr(Corpus, t, None), functools.cached_property))


def _cmd_export(args) -> int:
    from workbench.corpus import Corpus
    from workbench.export import XLSX_NAME, export_tables
    from workbench.store import ANNOTATION_TABLES, COMPARE_TABLES, CorpusStore

    store = CorpusStore(args.store)
    derived = _summary_tables()
    if args.tables:
        names = [n.strip() for n in args.tables.split(",") if n.strip()]
        unknown = [n for n in names if n not in
                   {"articles", "load_report", "edits", *ANNOTATION_TABLES, *COMPARE_TABLES,
                    *derived}]
        if unknown:
            raise KeyError(f"unknown tables {unknown}; choose from articles, load_report, "
                           f"{', '.join((*ANNOTATION_TABLES, *COMPARE_TABLES, *derived))}, edits")
    else:
        names = ["articles", "load_report", *ANNOTATION_TABLES, *COMPARE_TABLES, *derived,
                 "edits"]
    wanted = [n for n in names if n in derived]
    if wanted and not store.compare_is_current():
        if args.tables:
            raise ValueError(f"{', '.join(wanted)}: the store {store.path} holds no current "
                             "comparison; run `workbench compare --store "
                             f"{args.store}` first")
        _print(f"  summary tables left out ({', '.join(wanted)}): no current comparison in "
               f"the store; run `workbench compare --store {args.store}` first")
        names = [n for n in names if n not in derived]
    out = Path(args.out)
    start = time.perf_counter()
    corpus = Corpus.open(store.path, progress=False) if any(n in derived for n in names) else None
    tables = {name: getattr(corpus, name) if name in derived else store.read_table(name)
              for name in names}
    articles = store.articles(columns=["article_id", "outlet", "headline"])
    try:
        written = export_tables(tables, out, format=args.format, bom=args.excel,
                                articles=articles, corpus=store,
                                provenance={"store": str(store.path.resolve())})
    except ImportError as exc:  # xlsx without openpyxl: the message says what to install
        print(f"workbench export: error: {exc}", file=sys.stderr)
        return 2
    rows = sum(len(df) for df in tables.values())
    for name, df in tables.items():
        where = f"{written[name]} sheet {name}" if args.format == "xlsx" else written[name]
        _print(f"  {where}: {len(df)} rows")
    _print(f"  {written['datapackage']}: column descriptions (Frictionless Data Package)")
    _print(f"  {written['provenance']}: versions, corpus fingerprint, time and command")
    target = out / XLSX_NAME if args.format == "xlsx" else out
    _print(f"export: {len(names)} tables, {rows} rows to {target}; "
           f"{time.perf_counter() - start:.1f} s")
    return 0


def _cmd_info(args) -> int:
    from workbench.store import ANNOTATION_TABLES, CorpusStore

    store = CorpusStore(args.store)
    ids = store.article_ids()
    _print(f"store {store.path}: {len(ids)} articles")
    info = store.info()
    corpus, versions = info.get("corpus") or {}, info.get("versions") or {}
    model = versions.get("spacy_model") or {}
    _print(f"  corpus sha256 {corpus.get('sha256')} ({corpus.get('input_files', 0)} input files)")
    _print(f"  created {info.get('created')}, updated {info.get('updated')} by: "
           f"{info.get('command')}")
    if versions:
        _print("  versions: " + ", ".join(f"{k} {versions.get(k)}" for k in (
            "workbench", "spacy", "trafilatura", "htmldate", "pandas"))
            + f"; model {model.get('name')} {model.get('version')} sha256 "
            f"{str(model.get('sha256'))[:16]}")
    for key in store.annotation_keys():
        _print(f"  annotations {key}")
    counts = store.query(
        " UNION ALL ".join(f"SELECT '{t}' AS tbl, count(*) AS n FROM {t}" for t in ANNOTATION_TABLES))
    for row in counts.itertuples():
        _print(f"  {row.tbl}: {row.n} rows")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``workbench`` command."""
    p = argparse.ArgumentParser(prog="workbench", description="News comparison workbench: batch "
                                "work on a corpus store (a folder of Parquet files).")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp, *, quiet=True):
        sp.add_argument("--store", required=True, help="store folder")
        sp.add_argument("--lock-timeout", type=float, metavar="SECONDS",
                        help="how long to wait for another writer of the store (default 600, "
                        "or $WORKBENCH_STORE_LOCK_TIMEOUT)")
        if quiet:
            sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    sp = sub.add_parser("ingest", help="load files into a store (new articles only)")
    sp.add_argument("paths", nargs="+", help="files, folders or globs")
    common(sp)
    sp.add_argument("--manifest", help="manifest CSV/JSON with a 'file' column")
    sp.add_argument("--max-bytes", type=int, help="largest input file accepted")
    sp.add_argument("--fetch", action="store_true", help="download the pages of link records "
                    "(URL lists, GDELT, Media Cloud without text): robots.txt obeyed")
    sp.add_argument("--fetch-delay", type=float, default=5.0, metavar="SECONDS",
                    help="seconds between two requests to one host (default 5)")
    sp.set_defaults(func=_cmd_ingest)

    sp = sub.add_parser("annotate", help="annotate the stored articles not annotated yet")
    common(sp)
    sp.add_argument("--workers", type=int, help="local worker processes (default: all cores)")
    sp.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786), or 'local' "
                    "for a Dask LocalCluster of --workers workers")
    sp.add_argument("--batch-size", type=int, default=200, help="articles per committed batch")
    sp.add_argument("--retry-failed", action="store_true",
                    help="retry articles whose annotation failed before")
    sp.set_defaults(func=_cmd_annotate)

    sp = sub.add_parser("compare", help="group stories and compare their articles")
    common(sp)
    sp.add_argument("--workers", type=int, help="worker processes for any annotation still due")
    sp.add_argument("--one-story", action="store_true",
                    help="all stored articles are one story (not grouped by text); later runs "
                    "reuse the stored stories until the articles change")
    sp.set_defaults(func=_cmd_compare)

    sp = sub.add_parser("export", help="write the stored tables as CSV, XLSX or Parquet, "
                        "with a datapackage.json describing every column")
    common(sp, quiet=False)
    sp.add_argument("--out", required=True, help="output folder")
    sp.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv",
                    help="csv: one file per table, list/dict cells as JSON; xlsx: one workbook, "
                    "one sheet per table (needs openpyxl: pip install -e '.[excel]'); parquet")
    sp.add_argument("--excel", action="store_true",
                    help="CSV as UTF-8 with a byte-order mark, so Excel reads accents right")
    sp.add_argument("--tables", help="comma-separated table names (default: all)")
    sp.set_defaults(func=_cmd_export)

    sp = sub.add_parser("info", help="what a store holds")
    common(sp, quiet=False)
    sp.set_defaults(func=_cmd_info)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the ``workbench`` command; return its exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if getattr(args, "lock_timeout", None) is not None:
        os.environ["WORKBENCH_STORE_LOCK_TIMEOUT"] = str(args.lock_timeout)
    from workbench.store import StoreLockedError

    try:
        return args.func(args)
    except (FileNotFoundError, ValueError, KeyError, StoreLockedError) as exc:
        print(f"workbench {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
