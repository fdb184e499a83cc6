"""Compare stage at scale on real annotated stories: the disagreement gold, copied N times.

``bench_compare.py`` times the compare stage on stores from ``bench_scale.py`` (10k articles
take about 15 minutes to annotate first). This one needs no store: it annotates the 44 stories
of the disagreement gold (279 articles, read in place from ``../shared/corpora``) once, then
copies their tables N times under new ids (``--copies 36`` is about 10k articles in 1.6k
stories) and times ``extract_claims`` + ``find_discrepancies`` on the copies, for this checkout
and for ``--base`` (an older commit's worktree), each in a fresh process, sides alternating.

Usage::

    git worktree add /tmp/wb-base 00eec29
    nice -n 19 .venv/bin/python benchmarks/bench_compare_gold.py --base /tmp/wb-base \\
        --copies 4 36 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("articles", "stories", "sentences", "alignments", "entities", "sources", "quotes",
          "timexes", "publication_dates")

_WORKER = r"""
import pickle, sys, time
import pandas as pd
from workbench.compare.claims import extract_claims
from workbench.compare.discrepancies import find_discrepancies
tables = pickle.load(open(sys.argv[1], "rb"))
copies = int(sys.argv[2])

def copy(df, i):
    df = df.copy()
    for c in ("article_id", "other_article_id", "story_id"):
        if c in df.columns:
            df[c] = df[c].astype(object).where(df[c].isna(), df[c].astype(str) + f"#{i}")
    return df

big = {n: pd.concat([copy(df, i) for i in range(copies)], ignore_index=True)
       for n, df in tables.items()}
t0 = time.process_time()
claims = extract_claims(**big)
t1 = time.process_time()
d = find_discrepancies(**big, claims=claims)
t2 = time.process_time()
print(big["articles"]["article_id"].nunique(), big["stories"]["story_id"].nunique(),
      len(claims), len(d), round(t1 - t0, 2), round(t2 - t1, 2))
"""


def gold_tables(corpora: Path, out: Path) -> None:
    """Annotate the gold stories with this checkout and dump their tables."""
    sys.path.insert(0, str(ROOT))
    from workbench.evaluate.disagreements import gold_corpus, load_gold

    stories, _facts, _judgments = load_gold()
    if "labels" in stories:  # the 44 labeled stories, not the judged-only ones
        stories = stories[stories["labels"] == "facts"]
    corpus = gold_corpus(stories, corpora)
    out.write_bytes(pickle.dumps({n: getattr(corpus, n) for n in TABLES}))


def run(code: Path, tables: Path, copies: int) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(code), WORKBENCH_PROGRESS="0")
    res = subprocess.run([sys.executable, "-c", _WORKER, str(tables), str(copies)],
                         cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True,
                         check=True)
    return res.stdout.split()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True, help="a worktree of the older commit")
    p.add_argument("--copies", type=int, nargs="+", default=[4, 36])
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = p.parse_args(argv)
    corpora = Path(args.corpora)
    if not corpora.is_dir():
        print(f"skipped: {corpora} is absent (the gold texts are read in place)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tables = Path(tmp) / "gold_tables.pkl"
        gold_tables(corpora, tables)
        print("copies  side  articles  stories  claims  disc_rows  claims_cpu_s  disc_cpu_s  total")
        for copies in args.copies:
            for _ in range(args.rounds):
                for side, code in (("base", Path(args.base)), ("new", ROOT)):
                    a, s, c, d, tc, td = run(code, tables, copies)
                    total = float(tc) + float(td)
                    print(f"{copies:6d}  {side:4s}  {a:>8s}  {s:>7s}  {c:>6s}  {d:>9s}  "
                          f"{tc:>12s}  {td:>10s}  {total:5.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
