"""Benchmark: loading and cleaning speed, with trafilatura alone as the baseline in the same run.

* HTML: the 91 real pages of the Zyte article-extraction benchmark (``.html.gz``, read in place
  from ``../shared/corpora``) through ``workbench.load`` (decode, trafilatura, dateline/credit
  restoration, metadata, duplicate marking, validation) vs trafilatura alone on the same decoded
  pages (``trafilatura.extract`` and ``bare_extraction(with_metadata=True)``). Target: at least
  half of trafilatura's rate.
* Plain text: PolNeAR article texts (``.txt``, read in place) through ``workbench.load``
  (decode, our line cleaner, metadata).
* Records: Giveme5W1H's news-please JSONL through ``workbench.load``.

Run: ``.venv/bin/python benchmarks/bench_load.py [--repeat 2] [--text-limit 400]``
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--text-limit", type=int, default=400,
                    help="number of PolNeAR text files to load")
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

    t_wb = _best(load_html, args.repeat)
    t_tr = _best(lambda: [trafilatura.extract(p, include_comments=False) for p in pages],
                 args.repeat)
    t_trm = _best(lambda: [trafilatura.bare_extraction(p, include_comments=False,
                                                        with_metadata=True) for p in pages],
                  args.repeat)
    print(f"HTML, {n} pages (Zyte benchmark):")
    print(f"  workbench.load (from .html.gz on disk): {n / t_wb:7.1f} pages/s")
    print(f"  trafilatura.extract (decoded pages)  : {n / t_tr:7.1f} pages/s")
    print(f"  trafilatura.bare_extraction+metadata : {n / t_trm:7.1f} pages/s")
    print(f"  ratio workbench / trafilatura.extract: {t_tr / t_wb:5.2f} (target >= 0.50)")

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
