"""Benchmark: save the curated notebooks' charts as files (target: under 2 s per format).

The charts are those of the notebooks' export steps (02-05), built for the largest story and the
whole corpus: the sample corpus by default, or an annotated and compared store
(``workbench ingest/annotate/compare``), e.g. of the Giveme5W1H clusters read in place from
``../shared/corpora``. Each chart is written by ``workbench.export.save_chart`` in each format;
the first save of a process also pays for starting vl-convert (and, for HTML, bundling Vega),
so a warm-up save comes first and is reported apart.

Baseline in the same run: the same charts uncapped (every fact, date and panel), as they were
drawn before the caps (the issue measured 9-10 s per format and a 2716x5642 PNG).

Run: ``.venv/bin/python benchmarks/bench_save_chart.py [--store DIR] [--formats png,svg]``
"""

from __future__ import annotations

import argparse
import struct
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import workbench
from workbench import charts, widgets
from workbench.export import save_chart


def notebook_charts(corpus, *, capped: bool = True) -> dict:
    """The charts of the notebooks' export steps (capped as drawn, or every fact)."""
    index = widgets.StoryIndex(corpus)
    story = index.pick(None)
    cap = {} if capped else {"max_facts": None}
    return {
        "02-discrepancies": charts.discrepancy_chart(index.table("discrepancies", story),
                                                     **({"max_facts": 12} if capped else cap)),
        "02-coverage": charts.coverage_chart(index.table("coverage", story), **cap),
        "03-sourcing": charts.sourcing_chart(index.table("sourcing", story)),
        "04-running-dates": charts.running_figure_chart(index.table("story_timeline", story),
                                                        value="value_date", **cap),
        "04-date-intervals": charts.date_intervals_chart(
            index.table("story_dates", story), **({} if capped else {"max_dates": None})),
        "05-anonymous-share": charts.anonymous_share_chart(corpus.outlet_summary),
        "05-sourcing": charts.sourcing_chart(corpus.sourcing),
    }


def _size(path: Path) -> str:
    if path.suffix == ".png":
        return "{}x{}".format(*struct.unpack(">II", path.read_bytes()[16:24]))
    return ""


def time_saves(built: dict, formats: list[str], out: Path, corpus) -> pd.DataFrame:
    """One row per (chart, format): seconds, MB and PNG pixels."""
    rows = []
    for name, chart in built.items():
        for fmt in formats:
            start = time.perf_counter()
            path = save_chart(chart, out / name, formats=(fmt,), corpus=corpus)[fmt]
            rows.append({"chart": name, "format": fmt,
                         "seconds": round(time.perf_counter() - start, 2),
                         "MB": round(path.stat().st_size / 1e6, 2), "png_px": _size(path)})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the seconds per chart and format, capped and uncapped; exit 1 over the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="an annotated, compared store (default: the samples)")
    ap.add_argument("--formats", default="png,svg,pdf,html")
    ap.add_argument("--target", type=float, default=2.0, help="seconds per format")
    ap.add_argument("--no-baseline", action="store_true", help="skip the uncapped charts")
    args = ap.parse_args(argv)
    formats = args.formats.split(",")
    corpus = (workbench.Corpus.open(args.store, progress=False) if args.store
              else workbench.load(progress=False))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        warm = charts.anonymous_share_chart(corpus.outlet_summary)
        start = time.perf_counter()
        save_chart(warm, out / "warm", formats=tuple(formats), corpus=corpus)
        print(f"warm-up (vl-convert start, Vega bundle for HTML): "
              f"{time.perf_counter() - start:.2f} s for {len(formats)} formats")
        table = time_saves(notebook_charts(corpus), formats, out / "capped", corpus)
        print("\nnotebook charts as drawn (capped):")
        print(table.to_string(index=False))
        if not args.no_baseline:
            base = time_saves(notebook_charts(corpus, capped=False), formats,
                              out / "all", corpus)
            print("\nbaseline, the same charts uncapped:")
            print(base.to_string(index=False))
    worst = table["seconds"].max()
    print(f"\nslowest capped save: {worst:.2f} s (target {args.target:.1f} s per format)")
    return 0 if worst < args.target else 1


if __name__ == "__main__":
    sys.exit(main())
