"""Benchmark: group up to 10,000 real articles into stories, and how the cost grows from 1k to 10k.

The set is built from the shared corpora, read in place (nothing is copied): full texts from
AllSides (sample), BASIL, Giveme5W1H, ECB+, PolNeAR, TimeBank/AQUAINT, MEANTIME and the AllSides
story roundups (each outlet's opening paragraphs), topped up with distinct AllSides headlines
(title-only articles) to reach 10,000. No article is a copy of another.

Baseline in the same run: TF-IDF cosine with average-linkage agglomerative clustering over the
full distance matrix (scikit-learn), the method the quality baseline figures come from; it is
quadratic in memory and time, so it runs only up to ``--baseline-max`` articles.

Run: ``.venv/bin/python benchmarks/bench_group.py [--sizes 1000 2000 5000 10000]``
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def _jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def build_articles(limit: int = 10_000) -> pd.DataFrame:
    """Return up to ``limit`` distinct real articles (article_id, headline, text, published_date)."""
    rows: list[dict] = []

    def add(aid, head, text, date=None):
        rows.append({"article_id": aid, "headline": head or "", "text": text or "",
                     "published_date": date})

    for r in _jsonl(CORPORA / "allsides_article_bias" / "articles_sample.jsonl"):
        add("as-" + r["ID"], r.get("title"), r.get("content_original") or r.get("content") or "", r.get("date"))
    for r in _jsonl(CORPORA / "basil" / "basil_articles.jsonl"):
        add("basil-" + r["id"], r.get("title"), r.get("text"), r.get("date"))
    for name in ("news_cluster_articles.jsonl", "google_news_articles.jsonl"):
        for k, r in enumerate(_jsonl(CORPORA / "giveme5w1h_news" / name)):
            add(f"g5-{name[:4]}-{k}", r.get("title"), r.get("text"), r.get("date_publish"))
    for r in _jsonl(CORPORA / "ecbplus_texts" / "ecbplus_docs.jsonl"):
        add("ecb-" + r["doc_id"], r.get("title"), r.get("text"))
    for split in ("train", "dev"):
        for p in sorted((CORPORA / "polnear" / split / "text").glob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            add(f"polnear-{split}-{p.stem}", text.split("\n", 1)[0][:200], text)
    for name in ("TimeBank.jsonl", "AQUAINT.jsonl"):
        for r in _jsonl(CORPORA / "timebank_aquaint" / name):
            add("tb-" + r["doc_id"], r.get("title"), r.get("text"),
                (r.get("dct") or {}).get("value"))
    for r in _jsonl(CORPORA / "meantime_en" / "meantime_en.jsonl"):
        add("mt-" + str(r["doc_id"]), r.get("title"), r.get("text"))
    for r in _jsonl(CORPORA / "allsides_neus_stories" / "allsides_stories_2021-10-19.jsonl"):
        for side, n in (r.get("news") or {}).items():
            body = n.get("newBody") or []
            add(f"neus-{r['id']}-{side}", n.get("newsTitle"),
                "\n\n".join(body) if isinstance(body, list) else str(body), r.get("date"))
    seen = {r["headline"] for r in rows}
    with open(CORPORA / "allsides_article_bias" / "all_articles_metadata.tsv",
              encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if len(rows) >= limit:
                break
            if r["title"] and r["title"] not in seen:
                seen.add(r["title"])
                add("asm-" + r["ID"], r["title"], "", r["date"])
    df = pd.DataFrame(rows).drop_duplicates("article_id")
    df = df[(df["headline"].str.len() + df["text"].str.len()) > 0]
    df["published_date"] = pd.to_datetime(df["published_date"], errors="coerce", utc=True)
    df["published_date"] = df["published_date"].dt.tz_localize(None)
    return df.sample(frac=1.0, random_state=0).head(limit).reset_index(drop=True)


def baseline(articles: pd.DataFrame, threshold: float = 0.8) -> float:
    """TF-IDF cosine + average-linkage over the full distance matrix; returns seconds."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    t = time.perf_counter()
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        (articles["headline"] + "\n" + articles["text"]).tolist())
    dist = cosine_distances(x)
    AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                            distance_threshold=threshold).fit(dist)
    return time.perf_counter() - t


def main(argv=None) -> int:
    """Print grouping time per corpus size, ours vs the quadratic baseline."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    ap.add_argument("--baseline-max", type=int, default=5000)
    args = ap.parse_args(argv)
    if not CORPORA.exists():
        print(f"skipped: {CORPORA} is absent")
        return 0
    sys.path.insert(0, str(ROOT))
    from workbench.compare import group_stories

    t = time.perf_counter()
    pool = build_articles(max(args.sizes))
    print(f"built {len(pool)} distinct articles in {time.perf_counter() - t:.1f}s "
          f"({int((pool['text'].str.len() > 0).sum())} with body text)")
    print(f"{'articles':>9} {'ours_s':>8} {'stories':>8} {'baseline_s':>11}")
    for n in args.sizes:
        sub = pool.head(n)
        t = time.perf_counter()
        stories = group_stories(sub)
        ours = time.perf_counter() - t
        base = f"{baseline(sub):11.1f}" if n <= args.baseline_max else f"{'(skipped)':>11}"
        print(f"{n:9d} {ours:8.1f} {stories['story_id'].nunique():8d} {base}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
