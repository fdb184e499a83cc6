"""Widget update latency for a 50-article story (target: under 100 ms per update).

Builds a synthetic corpus (text written by tests/story_fixture.py, schema-valid tables) with
several 50-article stories, drives the widgets in Python as a user would (pick a story, change
outlets, discrepancy kinds, a source, a date range) and prints the median and worst time per
update. Baseline in the same run: the same update done by filtering the full tables with a
boolean mask on every change (no per-story index).

    .venv/bin/python benchmarks/bench_widgets.py [--stories 6] [--articles 50] [--sentences 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from story_fixture import build_corpus  # noqa: E402

from workbench import views, widgets  # noqa: E402


def _time(fn, repeat):
    """Median and worst wall-clock ms, and median CPU ms of this process (the box is shared)."""
    wall, cpu = [], []
    for i in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn(i)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), max(wall), statistics.median(cpu)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=6)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--sentences", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    t = time.perf_counter()
    corpus = build_corpus(args.stories, args.articles, args.sentences)
    print(f"corpus: {args.stories} stories x {args.articles} articles x {args.sentences} sentences;"
          f" {len(corpus.sentences):,} sentences, {len(corpus.alignments):,} alignment rows"
          f" (built in {time.perf_counter() - t:.1f} s)")
    t = time.perf_counter()
    box = widgets.compare_dashboard(corpus)
    print(f"compare_dashboard build (index + first render): {(time.perf_counter() - t) * 1000:.0f} ms")
    stories = [v for _, v in box.picker.options]
    picked = [o[1] if isinstance(o, tuple) else o for o in box.articles.options]
    rows = []

    def pick(i):
        box.picker.value = stories[(i + 1) % len(stories)]

    rows.append(("story picker, first visit of each story",
                 *_time(pick, min(args.repeat, len(stories) - 1))))
    rows.append(("story picker, story seen before", *_time(pick, args.repeat)))

    def outlet(i):
        start = i % max(len(picked) - 3, 1)
        box.articles.value = tuple(picked[start:start + 2 + i % 3])  # 2 to 4 articles compared

    rows.append(("articles compared (2 to 4)", *_time(outlet, args.repeat)))

    def kinds(i):
        box.kinds.value = () if i % 2 == 0 else tuple(box.kinds.options)

    rows.append(("discrepancy-kind filter", *_time(kinds, args.repeat)))

    insp = widgets.source_inspector(corpus)
    srcs = [v for _, v in insp.source.options] or [None]

    def source(i):
        insp.picker.value = stories[i % len(stories)]

    rows.append(("source inspector (story)", *_time(source, args.repeat)))

    dates = widgets.date_explorer(corpus)
    days = [d for _, d in dates.dates.options]

    def date_range(i):
        dates.dates.value = (days[0], days[(i % (len(days) - 1)) + 1]) if len(days) > 1 else (
            days[0], days[0])

    rows.append(("date-range filter", *_time(date_range, args.repeat)))

    arts_all = corpus.articles

    def baseline(i):
        sid = stories[i % len(stories)]
        ids = set(corpus.stories.loc[corpus.stories["story_id"] == sid, "article_id"])
        arts = arts_all.loc[arts_all["article_id"].isin(ids)]
        views.aligned_view_html(
            arts, corpus.sentences.loc[corpus.sentences["article_id"].isin(ids)],
            corpus.alignments.loc[corpus.alignments["story_id"] == sid],
            discrepancies=corpus.discrepancies.loc[corpus.discrepancies["story_id"] == sid],
        )

    rows.append(("baseline: unindexed mask filter + view", *_time(baseline, args.repeat)))
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores (wall times inflate under load)")
    print(f"{'update':42s} {'median ms':>10s} {'worst ms':>10s} {'CPU ms':>8s}")
    for name, med, worst, cpu in rows:
        flag = "" if name.startswith("baseline") or med < 100 else "  (median over 100 ms)"
        print(f"{name:42s} {med:10.1f} {worst:10.1f} {cpu:8.1f}{flag}")
    del srcs


if __name__ == "__main__":
    main()
