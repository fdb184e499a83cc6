"""Compare stage, current code vs an older commit, on the same tables, each run a fresh process.

The current code (this checkout) opens each annotated store once and writes its tables
(``articles``, ``stories``, ``sentences``, ``alignments``, ``entities``, ``sources``, ``quotes``,
``timexes``, ``publication_dates`` and the page-only ``page_timexes`` /
``page_publication_dates``) to Parquet. Both sides then read those same files in fresh
processes, started from a folder outside the repository with ``PYTHONPATH`` set to the code
being timed, and run:

* new (this checkout): ``extract_claims(**tables)``, then ``find_discrepancies(claims=...)``;
* base (``--base``, e.g. a ``git worktree`` of the old commit): ``find_discrepancies(**tables)``
  with the eight tables the old signature takes.

``--full`` also times, on both sides and on the same inputs, the rest of the compare stage:
``group_stories`` (articles + entities), ``align_stories``, ``relate_articles`` (story pairs)
and the story refinement of publication dates and timexes. Every step reads the dumped tables,
never another step's output, so a change in one step does not move the next one's input.

Sides alternate (base, new, base, new, ...) per store. CPU seconds are ``time.process_time``
of the worker; wall is ``perf_counter``; peak RSS is sampled every 0.1 s with psutil during
each step (the worker's ``ru_maxrss`` high-water mark is in the ``--json`` file). The 1-minute load
average is read when each worker starts and ends.

Usage::

    git worktree add /tmp/wb-base ab8196d          # the old code, outside the repository
    nice -n 19 .venv/bin/python benchmarks/bench_compare.py /tmp/bs-1000 /tmp/bs-4000 \\
        --base /tmp/wb-base [--new /tmp/wb-new] [--rounds 2] [--full] [--tables /tmp/bc-tables] \\
        [--json out.json]

``--new`` (default: this checkout) pins the new code too, e.g. a worktree of ``HEAD``, when
others edit the tree during the run; each worker prints a digest of the compare modules it
imported (``code ...``), so a run whose code moved shows it. The stores are annotated stores,
e.g. from ``bench_scale.py 1000 4000 10000 --split --keep /tmp/bs``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

#: Tables dumped from the store (read with the current code).
DUMPED = ("articles", "stories", "sentences", "alignments", "entities", "sources", "quotes",
          "timexes", "publication_dates", "page_timexes", "page_publication_dates")
#: The tables the old ``find_discrepancies(corpus=None, **tables)`` takes.
BASE_TABLES = ("articles", "stories", "sentences", "alignments", "entities", "sources",
               "quotes", "timexes")


def _load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


# --- dump (current code) -------------------------------------------------------------------

def dump(store: str, folder: Path) -> dict:
    """Write the store's tables, as the current code reads them, to Parquet files."""
    import workbench

    folder.mkdir(parents=True, exist_ok=True)
    corpus = workbench.Corpus.open(store)
    info = {"store": store}
    for name in DUMPED:
        df = getattr(corpus, name)
        df.to_parquet(folder / f"{name}.parquet", index=False)
        info[name] = len(df)
    info["story_count"] = int(corpus.stories["story_id"].nunique())
    (folder / "tables.json").write_text(json.dumps(info, indent=1))
    return info


# --- worker (either side) ------------------------------------------------------------------

class PeakRSS:
    """Peak RSS of this process, sampled in a thread while a step runs."""

    def __init__(self, interval: float = 0.1):
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            self._stop.wait(self.interval)

    def __enter__(self):
        self.start_rss = self.proc.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.proc.memory_info().rss)


def worker(side: str, folder: Path, full: bool) -> dict:
    import pandas as pd

    import workbench
    from workbench.compare import find_discrepancies

    load_start = _load()
    t = {n: pd.read_parquet(folder / f"{n}.parquet") for n in DUMPED}
    gc.collect()
    steps: dict[str, dict] = {}

    def step(name, fn):
        gc.collect()
        with PeakRSS() as mem:
            c0, w0 = time.process_time(), time.perf_counter()
            out = fn()
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        steps[name] = {"cpu": cpu, "wall": wall, "rows": len(out), "peak_rss": mem.peak,
                       "start_rss": mem.start_rss, "added_rss": mem.peak - mem.start_rss}
        print(f"  {side} {name}: {cpu:.1f} CPU-s, {wall:.1f} s, {len(out):,} rows",
              file=sys.stderr, flush=True)
        return out

    if full:
        from workbench.compare import align_stories, group_stories, relate_articles
        from workbench.compare.story_dates import reanchor_timexes, refine_publication_dates

        step("group", lambda: group_stories(t["articles"], entities=t["entities"]))
        step("align", lambda: align_stories(t["stories"], t["sentences"]))
        step("pairs", lambda: relate_articles(t["stories"], t["sentences"],
                                              alignments=t["alignments"]))

        def dates():
            pub = refine_publication_dates(t["page_publication_dates"], t["stories"],
                                           articles=t["articles"], timexes=t["page_timexes"])
            return reanchor_timexes(t["page_timexes"], pub, articles=t["articles"])

        step("dates", dates)
    if side == "new":
        from workbench.compare import extract_claims

        tables = {n: t[n] for n in BASE_TABLES + ("publication_dates",)}
        claims = step("claims", lambda: extract_claims(**tables))
        step("discrepancies", lambda: find_discrepancies(claims=claims, **tables))
    else:
        step("discrepancies", lambda: find_discrepancies(**{n: t[n] for n in BASE_TABLES}))
    import hashlib

    pkg = Path(workbench.__file__).parent  # the compare modules and the schema they coerce to
    files = sorted((pkg / "compare").glob("*.py")) + [pkg / "schema.py"]
    digest = hashlib.sha1(b"".join(f.read_bytes() for f in files)).hexdigest()[:10]
    return {"side": side, "workbench": workbench.__file__, "steps": steps, "source": digest,
            "ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "load_start": load_start, "load_end": _load()}


# --- driver --------------------------------------------------------------------------------

def _run_worker(side: str, code: Path, folder: Path, full: bool) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", side, str(folder)]
    if full:
        cmd.append("--full")
    env = {**os.environ, "PYTHONPATH": str(code)}
    proc = subprocess.run(cmd, cwd="/tmp", env=env, capture_output=True, text=True)
    sys.stderr.write(proc.stderr[-4000:] if proc.returncode else proc.stderr)
    if proc.returncode:
        raise SystemExit(f"{side} worker failed on {folder}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    if not res["workbench"].startswith(str(code)):
        raise SystemExit(f"{side} imported {res['workbench']}, not code under {code}")
    return res


def _compare_cpu(res: dict) -> float:
    return sum(res["steps"][s]["cpu"] for s in ("claims", "discrepancies") if s in res["steps"])


def _compare_wall(res: dict) -> float:
    return sum(res["steps"][s]["wall"] for s in ("claims", "discrepancies") if s in res["steps"])


def _compare_added(res: dict) -> float:
    """RSS the compare steps add over the tables read (claims stay held during discrepancies)."""
    st = res["steps"]
    base = st["claims"]["start_rss"] if "claims" in st else st["discrepancies"]["start_rss"]
    return max(st[s]["peak_rss"] for s in ("claims", "discrepancies") if s in st) - base


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="*", help="annotated store folders")
    ap.add_argument("--base", help="checkout of the old code (e.g. a git worktree)")
    ap.add_argument("--new", default=str(REPO),
                    help="checkout of the new code (default: this one; a worktree pins it while "
                         "others edit the tree)")
    ap.add_argument("--rounds", type=int, default=2, help="base/new pairs per store")
    ap.add_argument("--full", action="store_true",
                    help="also time grouping, alignment, story pairs and date refinement")
    ap.add_argument("--tables", default="/tmp/bench-compare-tables",
                    help="folder for the dumped Parquet tables (reused when present)")
    ap.add_argument("--json", help="write every worker's figures to this file")
    ap.add_argument("--worker", nargs=2, metavar=("SIDE", "TABLES"), help=argparse.SUPPRESS)
    ap.add_argument("--dump", nargs=2, metavar=("STORE", "TABLES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), args.full)))
        return
    if args.dump:
        print(json.dumps(dump(args.dump[0], Path(args.dump[1]))))
        return
    if not args.stores or not args.base:
        ap.error("give store folders and --base")
    base = Path(args.base).resolve()
    results = []
    for store in args.stores:
        folder = Path(args.tables) / Path(store).resolve().name
        if not (folder / "tables.json").exists():
            proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--dump", store,
                                   str(folder)], cwd="/tmp", capture_output=True, text=True,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
            if proc.returncode:
                raise SystemExit(proc.stderr[-4000:])
        info = json.loads((folder / "tables.json").read_text())
        n = info["articles"]
        print(f"{store}: {n:,} articles, {info['story_count']:,} stories, "
              f"{info['sentences']:,} sentences, {info['entities']:,} entities", flush=True)
        for r in range(args.rounds):
            for side, code in (("base", base), ("new", Path(args.new).resolve())):
                res = _run_worker(side, code, folder, args.full)
                res.update(store=store, articles=n, round=r + 1)
                results.append(res)
                st = res["steps"]
                print(f"  round {r + 1} {side:4}: compare {_compare_cpu(res):7.1f} CPU-s "
                      f"{_compare_wall(res):7.1f} s wall; "
                      + ", ".join(f"{k} {v['cpu']:.1f}/{v['wall']:.1f}" for k, v in st.items())
                      + f"; {st['discrepancies']['rows']:,} discrepancy rows"
                      + (f", {st['claims']['rows']:,} claims" if "claims" in st else "")
                      + f"; peak {max(v['peak_rss'] for v in st.values()) / 1e9:.2f} GB, "
                      f"claims + discrepancies add {_compare_added(res) / 1e9:.2f} GB"
                      f"; load {res['load_start']:.1f} -> {res['load_end']:.1f}; code {res['source']}",
                      flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))

    # summary: median over rounds per (store, side)
    print("\n| articles | side | compare CPU-s (rounds) | median CPU-s | median wall s | "
          "new / base CPU | peak RSS (compare steps add) | load |")
    print("|---|---|---|---|---|---|---|---|")
    med: dict[tuple[int, str], float] = {}
    full_med: dict[tuple[int, str], float] = {}
    for store in args.stores:
        rows = [r for r in results if r["store"] == store]
        n = rows[0]["articles"]
        for side in ("base", "new"):
            rs = [r for r in rows if r["side"] == side]
            cpus = [_compare_cpu(r) for r in rs]
            med[n, side] = statistics.median(cpus)
            full_med[n, side] = statistics.median(
                sum(v["cpu"] for v in r["steps"].values()) for r in rs)
            ratio = f"{med[n, 'new'] / med[n, 'base']:.2f}" if side == "new" else ""
            peak = max(max(v["peak_rss"] for v in r["steps"].values()) for r in rs)
            added = max(_compare_added(r) for r in rs)
            loads = [x for r in rs for x in (r["load_start"], r["load_end"])]
            print(f"| {n:,} | {side} | {' / '.join(f'{c:.1f}' for c in cpus)} | "
                  f"{med[n, side]:.1f} | {statistics.median(_compare_wall(r) for r in rs):.1f} | "
                  f"{ratio} | {peak / 1e9:.2f} GB (+{added / 1e9:.2f}) | "
                  f"{min(loads):.1f}-{max(loads):.1f} |")
    if args.full:  # every step, median CPU-s over rounds
        names = ("group", "align", "pairs", "dates", "claims", "discrepancies")
        print("\n| articles | side | " + " | ".join(names)
              + " | align + pairs + claims + discrepancies | all |")
        print("|---|---|" + "---|" * (len(names) + 2))
        for store in args.stores:
            for side in ("base", "new"):
                rs = [r for r in results if r["store"] == store and r["side"] == side]
                m = {k: statistics.median(r["steps"][k]["cpu"] for r in rs)
                     for k in names if k in rs[0]["steps"]}
                stage = sum(m.get(k, 0) for k in ("align", "pairs", "claims", "discrepancies"))
                print(f"| {rs[0]['articles']:,} | {side} | "
                      + " | ".join(f"{m[k]:.1f}" if k in m else "" for k in names)
                      + f" | {stage:.1f} | {sum(m.values()):.1f} |")
    sizes = sorted({n for n, _ in med})
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        for side in ("base", "new"):
            print(f"{side}: claims + discrepancies x{med[hi, side] / med[lo, side]:.1f} CPU for "
                  f"x{hi / lo:.1f} articles ({lo:,} -> {hi:,})"
                  + (f"; all timed steps x{full_med[hi, side] / full_med[lo, side]:.1f}"
                     if args.full else ""))


if __name__ == "__main__":
    main()
