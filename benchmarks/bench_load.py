"""Benchmark: loading and cleaning speed, with trafilatura alone as the baseline in the same run.

* HTML: the 91 real pages of the Zyte article-extraction benchmark (``.html.gz``, read in place
  from ``../shared/corpora``) through ``workbench.load`` (decode, trafilatura, dateline/credit
  restoration, metadata, duplicate marking, validation) vs trafilatura alone on the same decoded
  pages (``trafilatura.extract`` and ``bare_extraction(with_metadata=True)``). Target: at least
  half of trafilatura's rate. Measured in ``--repeat`` rounds; in each, trafilatura runs on half
  the pages before ``workbench.load`` and on the other half after it, so that load from other
  processes affects both sides alike. Each side is reported as wall pages/s (best round) and
  CPU milliseconds per page (``time.process_time``, median round), with the same-run ratios
  workbench / ``trafilatura.extract`` of both; the CPU ratio is the one to judge the target by
  on a shared machine.
* Plain text: PolNeAR article texts (``.txt``, read in place) through ``workbench.load``
  (decode, our line cleaner, metadata).
* Records: Giveme5W1H's news-please JSONL through ``workbench.load``.

Run: ``.venv/bin/python benchmarks/bench_load.py [--repeat 2] [--text-limit 400] [--html-only]``
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _rounds(load, baselines: dict, pages: list, repeat: int
            ) -> dict[str, tuple[list[float], list[float]]]:
    """Time ``load()`` and each baseline on ``pages``, round by round; (wall, CPU) s per round.

    In every round the baselines run on one half of the pages before ``load`` and on the other
    half after it (``b1(A) b2(A) load b2(B) b1(B)``, the halves swapped in the next round), so
    that their timings bracket the load's and load from other processes on the machine affects
    both sides alike. CPU seconds are this process's (``time.process_time``), which other
    processes inflate far less than wall time.
    """
    got: dict[str, tuple[list[float], list[float]]] = {
        name: ([], []) for name in ("workbench.load", *baselines)}
    half = len(pages) // 2
    for r in range(repeat):
        first, second = (pages[:half], pages[half:]) if r % 2 == 0 else (
            pages[half:], pages[:half])
        spent = {name: [0.0, 0.0] for name in baselines}
        order = [(name, first) for name in baselines] + [("workbench.load", None)] + [
            (name, second) for name in reversed(baselines)]
        for name, part in order:
            w0, c0 = time.perf_counter(), time.process_time()
            if part is None:
                load()
            else:
                baselines[name](part)
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            if part is None:
                got[name][0].append(wall)
                got[name][1].append(cpu)
            else:
                spent[name][0] += wall
                spent[name][1] += cpu
        for name, (wall, cpu) in spent.items():
            got[name][0].append(wall)
            got[name][1].append(cpu)
    return got


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--text-limit", type=int, default=400,
                    help="number of PolNeAR text files to load")
    ap.add_argument("--html-only", action="store_true",
                    help="measure the HTML pages only (no plain text or JSONL)")
    args = ap.parse_args()
    if not CORPORA.exists():
        print(f"{CORPORA} is absent: nothing to measure")
        return 0

    import trafilatura

    import workbench
    from workbench.ingest.decode import decode_bytes

    html_dir = CORPORA / "article_extraction_benchmark" / "html"
    files = sorted(html_dir.glob("*.html.gz"))
    pages = [decode_bytes(gzip.decompress(f.read_bytes())) for f in files]
    n = len(files)

    def load_html():
        corpus = workbench.load(html_dir)
        assert len(corpus.articles) == n, corpus.load_report.status.value_counts()

    baselines = {
        "trafilatura.extract": lambda part: [trafilatura.extract(p, include_comments=False)
                                             for p in part],
        "bare_extraction+metadata": lambda part: [trafilatura.bare_extraction(
            p, include_comments=False, with_metadata=True) for p in part],
    }
    # Warm-up on a few pages (lazy imports, caches), not counted.
    workbench.load(files[:3])
    for p in pages[:3]:
        trafilatura.extract(p, include_comments=False)
        trafilatura.bare_extraction(p, include_comments=False, with_metadata=True)
    got = _rounds(load_html, baselines, pages, max(1, args.repeat))
    wb_wall, wb_cpu = got["workbench.load"]
    tr_wall, tr_cpu = got["trafilatura.extract"]
    print(f"HTML, {n} pages (Zyte benchmark), {len(wb_wall)} interleaved rounds:")
    print("                                          wall pages/s (best)   CPU ms/page (median)")
    labels = {"workbench.load": "workbench.load (from .html.gz on disk)",
              "trafilatura.extract": "trafilatura.extract (decoded pages)",
              "bare_extraction+metadata": "trafilatura.bare_extraction+metadata"}
    for name, (wall, cpu) in got.items():
        print(f"  {labels[name]:39s}: {n / min(wall):7.1f}              "
              f"{1000 * median(cpu) / n:7.2f}")
    print(f"  ratio workbench / trafilatura.extract, wall (best rounds): "
          f"{min(tr_wall) / min(wb_wall):5.2f} (target >= 0.50)")
    print(f"  ratio workbench / trafilatura.extract, CPU (median rounds): "
          f"{median(tr_cpu) / median(wb_cpu):5.2f} (target >= 0.50)")
    print("  CPU ratio per round: " + " ".join(
        f"{t / w:.2f}" for t, w in zip(tr_cpu, wb_cpu)))
    if args.html_only:
        return 0

    texts = sorted((CORPORA / "polnear" / "train" / "text").glob("*.txt"))[: args.text_limit]
    with tempfile.TemporaryDirectory() as tmp:
        # A folder of symlinks so that exactly the chosen files are loaded (nothing is copied).
        for f in texts:
            (Path(tmp) / f.name).symlink_to(f)
        t_txt = _best(lambda: workbench.load(tmp).articles, args.repeat)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Plain text, {len(texts)} PolNeAR articles: {len(texts) / t_txt:7.1f} articles/s")

    jsonl = CORPORA / "giveme5w1h_news" / "news_cluster_articles.jsonl"
    holder = {}

    def load_jsonl():
        holder["c"] = workbench.load(jsonl)

    t_js = _best(load_jsonl, args.repeat)
    m = len(holder["c"].articles)
    print(f"JSONL records (news-please fields), {m} Giveme5W1H articles: {m / t_js:7.1f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
