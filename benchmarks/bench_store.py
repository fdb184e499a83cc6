"""Store benchmark: cold reopen of an annotated store vs re-annotating it, and DuckDB queries.

Give it a store built by ``bench_scale.py N --keep DIR`` (its ``results/scale_N.json`` holds the
time the annotation took). Each reopen runs in a fresh Python process, so it includes importing
the package and reading the model version for the cache key (not loading the model weights
twice). Figures printed:

* ``open``: ``workbench.Corpus.open(store)`` (articles and load report in memory);
* ``open + all annotation tables``: plus every annotation table as pandas frames;
* the same annotation work redone (from the scale results), and the ratio;
* DuckDB queries over the Parquet files in place (no table loaded into pandas).

Usage::

    nice .venv/bin/python benchmarks/bench_store.py STORE [--results benchmarks/results/scale_N.json]
    nice .venv/bin/python benchmarks/bench_store.py STORE --replicate 5 --into BIGSTORE

``--replicate K`` first builds a K-times larger store from STORE's tables, each copy under new
article ids (SHA-256 of id + copy number): the annotation rows are real, only repeated, which
is what a reopen measures (bytes and rows read, not content). Label such figures as replicated.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import json, sys, time
t0 = time.perf_counter()
import workbench
from workbench.annotate.pipeline import cache_key
key = cache_key()
t_import = time.perf_counter() - t0
corpus = workbench.Corpus.open(sys.argv[1])
t_open = time.perf_counter() - t0
rows = sum(len(getattr(corpus, t)) for t in ("sentences", "entities", "quotes", "sources",
                                             "timexes", "publication_dates", "source_summary"))
t_all = time.perf_counter() - t0
print(json.dumps({"articles": len(corpus.articles), "rows": rows, "import_and_key": t_import,
                  "open": t_open, "open_all_tables": t_all}))
"""

QUERIES = {
    "sources by kind": "SELECT source_kind, count(*) AS n FROM sources GROUP BY 1 ORDER BY 2 DESC",
    "entities per outlet (join)": (
        "SELECT a.outlet, count(*) AS n FROM entities e JOIN articles a USING (article_id) "
        "GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
    ),
    "sentences per article": (
        "SELECT avg(n) AS mean FROM (SELECT article_id, count(*) AS n FROM sentences GROUP BY 1)"
    ),
}


def replicate_store(src: str, dest: str, copies: int) -> None:
    import hashlib

    from workbench.parquet_io import atomic_write_bytes, write_parquet
    from workbench.store import ANNOTATION_TABLES, CorpusStore

    source = CorpusStore(src)
    key = source.annotation_keys()[-1]
    tables = {name: source.read_table(name, key=key) for name in ANNOTATION_TABLES}
    done = source.annotated_ids(key)
    articles = source.articles()
    # Articles whose annotation failed stay out: the replica's batch markers carry no failed ids,
    # so Corpus.open would re-annotate them and the reopen figure would include annotation.
    dropped = set(articles["article_id"]) - done
    articles = articles[articles["article_id"].isin(done)]
    report = source.load_report()
    report = report[~report["article_id"].isin(dropped)]  # skipped/failed inputs (no id) stay
    out = CorpusStore(dest, create=True)
    base = out.path / "annotations" / key
    for k in range(copies):
        def remap(aid, k=k):
            return hashlib.sha256(f"{aid}/{k}".encode()).hexdigest()[:16]

        arts = articles.assign(article_id=articles["article_id"].map(remap))
        out.add_articles(arts, report.assign(article_id=report["article_id"].map(
            lambda a: remap(a) if isinstance(a, str) else a)))
        batch = f"batch-replica-{k:03d}"
        for name, df in tables.items():
            write_parquet(df.assign(article_id=df["article_id"].map(remap)),
                          base / name / f"{batch}.parquet", name)
        marker = {"batch": batch, "cache_key": key,
                  "article_ids": sorted(arts["article_id"].tolist())}
        atomic_write_bytes(base / "_batches" / f"{batch}.json", json.dumps(marker).encode())
    out.compact(key=key)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--results", help="scale result JSON with the annotate time of this store")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--replicate", type=int, help="build a K-times larger store first")
    ap.add_argument("--into", help="folder of the replicated store")
    args = ap.parse_args(argv)
    if args.replicate:
        t0 = time.perf_counter()
        replicate_store(args.store, args.into, args.replicate)
        print(f"replicated {args.store} x{args.replicate} into {args.into} "
              f"({time.perf_counter() - t0:.0f} s); figures below are for the replicated store")
        args.store = args.into

    runs = []
    for _ in range(args.repeat):
        proc = subprocess.run([sys.executable, "-c", CHILD, args.store], capture_output=True,
                              text=True, check=True)
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in ("import_and_key", "open",
                                                              "open_all_tables")}
    n = runs[0]["articles"]
    print(f"store {args.store}: {n} articles, {runs[0]['rows']:,} annotation rows")
    opened = med["open_all_tables"] - med["import_and_key"]
    print(f"  cold process, median of {args.repeat}: import workbench + cache key "
          f"{med['import_and_key']:.2f} s; then Corpus.open {med['open'] - med['import_and_key']:.2f} s; "
          f"open + every annotation table in pandas {opened:.2f} s "
          f"(total from a cold start {med['open_all_tables']:.2f} s)")
    if args.results:
        res = json.loads(Path(args.results).read_text())
        redo = res["stage_seconds"]["annotate"]
        label = f"re-annotating the same {res['articles']} articles took"
        if args.replicate:
            redo *= args.replicate
            label = (f"re-annotating {n} articles would take (measured {res['articles']}-article "
                     f"annotate time x{args.replicate})")
        print(f"  {label} {redo:.0f} s: reopening with all tables (cold start included) is "
              f"{redo / med['open_all_tables']:.0f}x faster")

    from workbench.store import CorpusStore

    store = CorpusStore(args.store)
    for label, sql in QUERIES.items():
        t0 = time.perf_counter()
        out = store.query(sql)
        print(f"  duckdb '{label}': {time.perf_counter() - t0:.2f} s ({len(out)} rows)")


if __name__ == "__main__":
    main()
