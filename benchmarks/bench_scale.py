"""End-to-end scale benchmark: load, clean, annotate, group and compare N real articles.

Each size runs in a fresh process (so peak memory is that size's own). The articles come from
``../shared/corpora`` via :mod:`corpus_sample` (distinct real articles, never one duplicated),
are written as ``.txt`` files + ``manifest.csv`` into a temporary folder and loaded through the
real loader into a corpus store; annotation streams batches into the store on both cores; the
compare stage runs on :meth:`workbench.Corpus.open` of that store.

Peak memory: the largest sum of RSS of this process and its worker processes, sampled every
0.2 s with psutil (plus ``ru_maxrss`` of self and of the largest child, for reference).

Usage::

    nice .venv/bin/python benchmarks/bench_scale.py 1000 2000 5000 [--split] [--workers 2]
    nice .venv/bin/python benchmarks/bench_scale.py --dask 2000      # Dask 2 workers vs 1 process
    nice .venv/bin/python benchmarks/bench_scale.py 10000 --split --keep /tmp/s  # then bench_store.py
    nice .venv/bin/python benchmarks/bench_scale.py --compare-only /tmp/s-10000  # group + compare
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class PeakRSS:
    """Sample the RSS of this process and all its descendants; keep the peak of the sum."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished (reaped) children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class Stages:
    """Wall and CPU seconds per stage (CPU is robust to a machine shared with other work)."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def run(self, name, fn):
        w0, c0 = time.perf_counter(), cpu_seconds()
        out = fn()
        self.wall[name] = time.perf_counter() - w0
        self.cpu[name] = cpu_seconds() - c0
        # progress on stderr as each stage ends, so a run cut short still leaves its figures
        print(f"stage {name}: {self.wall[name]:.1f} s wall, {self.cpu[name]:.1f} s CPU",
              file=sys.stderr, flush=True)
        return out


def _gb(nbytes: float) -> str:
    return f"{nbytes / 1e9:.2f} GB"


def _reopen_group_compare(st: Stages, store_dir, workers: int, store, *, recompute=False):
    """Reopen the store, group and compare, timing each stage; store the comparison tables."""
    import workbench

    def reopen():
        corpus = workbench.Corpus.open(store_dir, n_process=workers, reuse_compare=not recompute)
        _ = corpus.sentences, corpus.entities
        return corpus

    corpus = st.run("reopen+read", reopen)
    stories = st.run("group", lambda: corpus.stories)

    def compare():
        tables = {"stories": stories, "alignments": corpus.alignments,
                  "story_pairs": corpus.story_pairs, "discrepancies": corpus.discrepancies}
        store.write_compare(tables)
        return tables

    return stories, st.run("compare", compare)


def run_size(n: int, *, split: bool, workers: int, keep: str | None) -> dict:
    from corpus_sample import sample_articles, write_corpus

    import workbench
    from workbench.store import CorpusStore

    arts = sample_articles(n, split=split)
    words = sum(len(a["text"].split()) for a in arts)
    tmp = Path(tempfile.mkdtemp(prefix=f"bench{n}-"))
    write_corpus(arts, tmp / "input")
    store_dir = Path(keep) if keep else tmp / "store"
    st = Stages()
    with PeakRSS() as mem:
        def load():
            corpus = workbench.load(tmp / "input")
            store = CorpusStore(store_dir, create=True)
            store.add_articles(corpus.articles, corpus.load_report)
            return store, len(corpus.articles)

        store, loaded = st.run("load+clean", load)
        summary = st.run("annotate", lambda: store.annotate(n_process=workers))

        stories, tables = _reopen_group_compare(st, store_dir, workers, store)
    times = st.wall
    total = sum(times.values())
    return {
        "articles": n, "loaded": loaded, "words": words, "split": split, "workers": workers,
        "annotated": summary.annotated, "annotate_failed": len(summary.failed or {}),
        "stage_seconds": times, "total_seconds": total,
        "stage_cpu_seconds": st.cpu, "total_cpu_seconds": sum(st.cpu.values()),
        "articles_per_second": n / total, "words_per_second": words / total,
        "peak_rss_bytes": mem.peak,
        "ru_maxrss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "ru_maxrss_child_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "stories": int(stories["story_id"].nunique()) if len(stories) else 0,
        "discrepancies": len(tables["discrepancies"]),
        "store": str(store_dir),
    }


def run_compare(store_dir: str, workers: int) -> dict:
    """Reopen an annotated store and run group + compare only (peak memory of that phase)."""
    from workbench.store import CorpusStore

    st = Stages()
    with PeakRSS() as mem:
        stories, tables = _reopen_group_compare(st, store_dir, workers, CorpusStore(store_dir),
                                                recompute=True)
    return {
        "store": store_dir, "articles": int(stories["article_id"].nunique()), "stage_seconds": st.wall,
        "stage_cpu_seconds": st.cpu, "peak_rss_bytes": mem.peak,
        "ru_maxrss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "stories": int(stories["story_id"].nunique()) if len(stories) else 0,
        "discrepancies": len(tables["discrepancies"]),
    }


def run_dask(n: int) -> dict:
    from corpus_sample import sample_articles, write_corpus

    import workbench
    from workbench.distributed import article_records, run_chunks

    arts = sample_articles(n)
    tmp = Path(tempfile.mkdtemp(prefix=f"dask{n}-"))
    write_corpus(arts, tmp / "input")
    records = article_records(workbench.load(tmp / "input").articles)
    batches = [records[i : i + 200] for i in range(0, len(records), 200)]
    out = {"articles": len(records), "words": sum(len(r["text"].split()) for r in records)}
    for label, kwargs in (("single process", {"n_process": 1}),
                          ("dask LocalCluster 2 workers", {"scheduler": "local", "n_process": 2}),
                          ("process pool 2", {"n_process": 2})):
        with PeakRSS() as mem:
            t0, c0 = time.perf_counter(), cpu_seconds()
            rows = 0
            for _, part in run_chunks(batches, **kwargs):
                rows += sum(len(v) for v in part.values())
            dt = time.perf_counter() - t0
        out[label] = {"seconds": dt, "cpu_seconds": cpu_seconds() - c0,
                      "articles_per_second": len(records) / dt, "rows": rows,
                      "peak_rss_bytes": mem.peak}
        print(label, json.dumps(out[label]), flush=True)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int)
    ap.add_argument("--split", action="store_true", help="split long articles past the pool size")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dask", type=int, help="compare Dask 2 workers vs one process on N articles")
    ap.add_argument("--keep", help="store folder to keep (one size only)")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", default=str(HERE / "results"), help="folder for JSON results")
    ap.add_argument("--compare-only", metavar="STORE",
                    help="reopen an annotated store and time group + compare only")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    if args.compare_only:
        res = run_compare(args.compare_only, args.workers)
        (out / f"compare_{res['articles']}.json").write_text(json.dumps(res, indent=1))
        print(json.dumps(res, indent=1))
        return
    if args.dask:
        res = run_dask(args.dask)
        (out / f"dask_{args.dask}.json").write_text(json.dumps(res, indent=1))
        print(json.dumps(res, indent=1))
        return
    if args.one:
        res = run_size(args.sizes[0], split=args.split, workers=args.workers, keep=args.keep)
        (out / f"scale_{args.sizes[0]}.json").write_text(json.dumps(res, indent=1))
        print(json.dumps(res))
        return
    results = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, str(n), "--one", "--workers", str(args.workers),
               "--out", str(out)]
        if args.split:
            cmd.append("--split")
        if args.keep:
            cmd += ["--keep", f"{args.keep}-{n}"]
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ})
        if proc.returncode:
            print(proc.stderr[-3000:])
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(res)
        st = res["stage_seconds"]
        print(f"{n:>6} articles ({res['words']:,} words): total {res['total_seconds']:.0f} s, "
              f"{res['articles_per_second']:.1f} art/s, {res['words_per_second']:.0f} words/s, "
              f"peak {_gb(res['peak_rss_bytes'])}; stages: "
              + ", ".join(f"{k} {v:.1f} s" for k, v in st.items()), flush=True)
        cpu = res["stage_cpu_seconds"]
        print(f"       CPU {res['total_cpu_seconds']:.0f} s ({res['words'] / res['total_cpu_seconds']:.0f} "
              "words per CPU-s): " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()), flush=True)
    if len(results) > 1:
        base = results[0]
        for res in results[1:]:
            ratio = res["articles"] / base["articles"]
            growth = {k: res["stage_cpu_seconds"][k] / max(base["stage_cpu_seconds"][k], 1e-9)
                      for k in base["stage_cpu_seconds"]}
            print(f"CPU growth {base['articles']} -> {res['articles']} (x{ratio:.1f} articles): "
                  + ", ".join(f"{k} x{v:.1f}" for k, v in growth.items()))


if __name__ == "__main__":
    main()
