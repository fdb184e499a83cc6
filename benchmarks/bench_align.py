"""Benchmark: align the sentences of a 50-article story (target: under 2 s).

The story is built from real same-event clusters of the Giveme5W1H news corpus (read in place
from ``../shared/corpora``): the largest clusters' articles, 50 in all, declared one story, so the
aligner sees 50 outlets' texts with shared wire copy, rewrites and unrelated passages. Sentences
are split with a simple regex (the aligner's cost does not depend on the splitter).

Baseline in the same run: character similarity of every sentence pair (rapidfuzz
``process.cdist`` with ``fuzz.ratio``, all cores), the brute-force way to find edited copies.

Run: ``.venv/bin/python benchmarks/bench_align.py [--articles 50]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "giveme5w1h_news" / "news_cluster_articles.jsonl"
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def build_story(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (stories, sentences) for one story of ``n`` real articles."""
    rows = [json.loads(line) for line in open(CORPUS, encoding="utf-8") if line.strip()]
    sizes = Counter(r["event_id"] for r in rows)
    rows.sort(key=lambda r: (-sizes[r["event_id"]], r["event_id"], r["id"]))
    rows = rows[:n]
    stories = pd.DataFrame({"story_id": "bench", "article_id": [r["id"] for r in rows],
                            "story_label": "bench", "membership_confidence": 1.0})
    sents = []
    for r in rows:
        k = 0
        for para in (r.get("text") or "").split("\n"):
            for s in _SENT.split(para.strip()):
                if s:
                    sents.append({"article_id": r["id"], "sentence_id": k, "paragraph_id": 0,
                                  "start_char": 0, "end_char": len(s), "sentence_text": s})
                    k += 1
    return stories, pd.DataFrame(sents)


def main(argv=None) -> int:
    """Print alignment time for one story, ours vs all-pairs rapidfuzz."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--discrepancies", action="store_true",
                    help="also annotate the story with spaCy (untimed) and time find_discrepancies")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    sys.path.insert(0, str(ROOT))
    from rapidfuzz import fuzz, process

    from workbench import schema
    from workbench.compare import align_stories, relate_articles

    stories, sents = build_story(args.articles)
    sents = schema.coerce(sents.to_dict("records"), "sentences")
    print(f"story: {stories['article_id'].nunique()} articles, {len(sents)} sentences")
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        al = align_stories(stories, sents)
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    pairs = relate_articles(stories, sents, alignments=al)
    relate = time.perf_counter() - t
    texts = sents["sentence_text"].tolist()
    t = time.perf_counter()
    process.cdist(texts, texts, scorer=fuzz.ratio, workers=-1)
    base = time.perf_counter() - t
    print(f"align_stories: {best:.2f}s (best of {args.repeat}; {len(al)} alignment rows; "
          f"types {al['alignment_type'].value_counts().to_dict()})")
    print(f"relate_articles on those alignments: {relate:.2f}s "
          f"({pairs['relation'].value_counts().to_dict()})")
    print(f"baseline all-pairs rapidfuzz ratio: {base:.2f}s ({len(texts) ** 2} pairs)")
    print(f"target < 2 s: {'met' if best < 2 else 'NOT met'}")
    if args.discrepancies:
        _time_discrepancies(stories, sents)
    return 0


def _time_discrepancies(stories: pd.DataFrame, sents: pd.DataFrame) -> None:
    """Annotate the story's articles (untimed), then time the whole compare stage on it."""
    from workbench import annotate_articles
    from workbench.compare import align_stories, find_discrepancies
    from workbench.compare.tables import coverage_table

    rows = [json.loads(line) for line in open(CORPUS, encoding="utf-8") if line.strip()]
    keep = set(stories["article_id"])
    articles = pd.DataFrame([{"article_id": r["id"], "outlet": r["source_domain"],
                              "headline": r["title"], "text": r["text"], "language": "en",
                              "published_date": pd.Timestamp(r["date_publish"])}
                             for r in rows if r["id"] in keep])
    t = time.perf_counter()
    parts, failed = [], []
    for k in range(0, len(articles), 10):
        chunk = articles.iloc[k:k + 10]
        try:
            parts.append(annotate_articles(chunk, n_process=1).tables())
        except Exception:  # noqa: BLE001  (an annotator bug must not hide the compare figure)
            for j in range(len(chunk)):
                try:
                    parts.append(annotate_articles(chunk.iloc[j:j + 1], n_process=1).tables())
                except Exception as exc:  # noqa: BLE001
                    failed.append(f"{chunk['article_id'].iloc[j][:12]}: {exc}")
    ann = {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in parts[0]}
    print(f"(spaCy annotation of the story, untimed: {time.perf_counter() - t:.1f}s; "
          f"{len(failed)} articles failed to annotate: {failed})")
    members = stories[~stories["article_id"].isin([f.split(":")[0] for f in failed])]
    t = time.perf_counter()
    al = align_stories(members, ann["sentences"])
    d = find_discrepancies(articles=articles, stories=members, sentences=ann["sentences"],
                           alignments=al, entities=ann["entities"], sources=ann["sources"],
                           quotes=ann["quotes"], timexes=ann["timexes"])
    coverage_table(al, ann["sentences"], articles)
    took = time.perf_counter() - t
    print(f"align + find_discrepancies + coverage on annotated sentences: {took:.2f}s "
          f"({d['discrepancy_id'].nunique()} discrepancies: "
          f"{d.drop_duplicates('discrepancy_id')['kind'].value_counts().to_dict()})")


if __name__ == "__main__":
    raise SystemExit(main())
