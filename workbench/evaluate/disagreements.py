"""Scoring the comparison against the labeled disagreement gold (``docs/disagreement-codebook.md``).

The gold lives in ``tests/quality/gold/disagreements/``: ``stories.csv`` (the stories, their
corpus cluster and split), ``judged_stories.csv`` (more stories, whose reported contradictions
are judged but whose disagreements are not labeled), ``recall_*.jsonl`` (every fact the outlets give different values for,
labeled by reading) and ``judgments.jsonl`` (each contradiction the system reported, judged
``real``, ``same``, ``unrelated`` or ``misread``). Only ids, offsets and values are stored; the
texts are read in place from ``../shared/corpora``.

Run ``python -m workbench.evaluate.disagreements --split tune`` to print the figures and write
the unjudged contradictions (with their sentences, for reading; never committed) to a file.
"""

from __future__ import annotations

import argparse
import ast
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbench import schema

__all__ = ["GoldFact", "gold_corpus", "load_gold", "neus_text", "score"]

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "quality" / "gold" / "disagreements"


@dataclass(frozen=True)
class GoldFact:
    """One labeled disagreement: a fact and the value each article gives."""

    story: str
    fact: str
    kind: str
    relation: str
    values: tuple[dict, ...]


def load_gold(gold_dir: Path = GOLD_DIR) -> tuple[pd.DataFrame, list[GoldFact], dict]:
    """(stories, labeled facts, judgments keyed by :func:`judgment_key`).

    ``stories`` has a ``labels`` column: ``facts`` for the stories of ``stories.csv`` (every
    disagreement labeled, and every reported contradiction judged), ``judgments`` for those of
    ``judged_stories.csv`` (only the reported contradictions judged: they add to precision, not
    to recall).
    """
    stories = pd.read_csv(gold_dir / "stories.csv", dtype=str).assign(labels="facts")
    judged = gold_dir / "judged_stories.csv"
    if judged.exists():
        stories = pd.concat([stories, pd.read_csv(judged, dtype=str).assign(labels="judgments")],
                            ignore_index=True)
    facts = []
    for path in sorted(gold_dir.glob("recall_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("none"):
                continue
            facts.append(GoldFact(r["story"], r["fact"], r["kind"], r["relation"],
                                  tuple(r["values"])))
    judgments = {}
    path = gold_dir / "judgments.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                judgments[judgment_key(r["story"], r["claims"])] = r["judgment"]
    return stories, facts, judgments


def judgment_key(story: str, claims: list[dict]) -> tuple:
    """A contradiction's identity: its story and its claims (article, offsets, value)."""
    return (story, tuple(sorted((c["article"], int(c["start"]), int(c["end"]), c["value"])
                                for c in claims)))


def gold_corpus(stories: pd.DataFrame, corpora: Path):
    """A :class:`workbench.Corpus` of the gold stories' articles, grouped as the gold groups them.

    Texts are the corpora's own ``text`` fields, so gold offsets are offsets into the articles.
    """
    from workbench import Corpus

    rows = []
    story_of = {}
    g5w = stories[stories["corpus"] == "giveme5w1h_news"]
    want = dict(zip(g5w["cluster"], g5w["story"], strict=True))
    with open(corpora / "giveme5w1h_news" / "news_cluster_articles.jsonl", encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            if str(r["event_id"]) in want and r["text"].strip():
                rows.append({"article_id": r["id"], "outlet": r["source_domain"],
                             "headline": r["title"], "text": r["text"],
                             "published_date": r["date_publish"]})
                story_of[r["id"]] = want[str(r["event_id"])]
    ecb = stories[stories["corpus"] == "ecbplus_texts"]
    want = dict(zip(ecb["cluster"], ecb["story"], strict=True))
    with open(corpora / "ecbplus_texts" / "ecbplus_docs.jsonl", encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            if r["event_cluster"] in want and r["text"].strip():
                rows.append({"article_id": r["doc_id"], "outlet": r["doc_id"],
                             "headline": r["title"], "text": r["text"],
                             "published_date": None})
                story_of[r["doc_id"]] = want[r["event_cluster"]]
    basil = stories[stories["corpus"] == "basil"]
    want = dict(zip(basil["cluster"], basil["story"], strict=True))
    if want:
        with open(corpora / "basil" / "basil_articles.jsonl", encoding="utf-8") as fh:
            for r in map(json.loads, fh):
                if r["event_id"] in want and r["text"].strip():
                    rows.append({"article_id": r["id"], "outlet": r["outlet"],
                                 "headline": r["title"], "text": r["text"],
                                 "published_date": r["date"]})
                    story_of[r["id"]] = want[r["event_id"]]
    rows += _neus_rows(stories, corpora, story_of)
    articles = pd.DataFrame(rows)
    articles["published_date"] = pd.to_datetime(articles["published_date"], errors="coerce",
                                                 format="ISO8601")  # g5w has times, BASIL not
    articles["language"] = "en"
    corpus = Corpus(articles, schema.empty_frame("load_report"), n_process=1)
    groups = [{"story_id": s, "article_id": a, "story_label": s, "membership_confidence": 1.0}
              for a, s in story_of.items()]
    stories_table = pd.DataFrame(groups)
    for c in schema.TABLES["stories"]:
        if c not in stories_table:
            stories_table[c] = stories_table["story_id"] if c.endswith("_id") else None
    corpus.set_stories(schema.coerce(stories_table.to_dict("records"), "stories"))
    return corpus


def neus_text(paragraphs) -> str:
    """An AllSides NEUS article's text: its opening paragraphs, one per line.

    The corpus keeps them as a Python list literal; the gold's offsets are into this text.
    """
    if isinstance(paragraphs, str):
        try:
            paragraphs = ast.literal_eval(paragraphs)
        except (ValueError, SyntaxError):
            paragraphs = [paragraphs]
    return "\n".join(str(p).strip() for p in paragraphs if p and str(p).strip())


def _neus_rows(stories: pd.DataFrame, corpora: Path, story_of: dict) -> list[dict]:
    """The articles of the gold's AllSides NEUS stories (``neus:<id>``), one per outlet."""
    neus = stories[stories["corpus"] == "allsides_neus_stories"]
    want = dict(zip(neus["cluster"], neus["story"], strict=True))
    rows: list[dict] = []
    if not want:
        return rows
    path = corpora / "allsides_neus_stories" / "allsides_stories_2021-10-19.jsonl"
    with open(path, encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            if str(r["id"]) not in want:
                continue
            news = ast.literal_eval(r["news"]) if isinstance(r["news"], str) else r["news"]
            for stance, a in sorted(news.items()):
                text = neus_text(a.get("newBody") or [])
                if text:
                    aid = f"{r['id']}:{stance}"
                    rows.append({"article_id": aid, "outlet": a.get("newsSource"),
                                 "headline": a.get("newsTitle"), "text": text,
                                 "published_date": str(r["date"])[:10]})
                    story_of[aid] = want[str(r["id"])]
    return rows


def _overlaps(row, value: dict) -> bool:
    return (row.article_id == value["article"] and pd.notna(row.start_char)
            and int(row.start_char) < int(value["end"]) and int(value["start"]) < int(row.end_char))


def score(discrepancies: pd.DataFrame, claims: pd.DataFrame, facts: list[GoldFact],
          judgments: dict, stories: list[str]) -> dict:
    """Precision of reported contradictions, recall of labeled facts, running figures gathered.

    Args:
        discrepancies: The system's ``discrepancies`` on the gold stories.
        claims: The system's ``claims`` on the gold stories.
        facts: The labeled facts.
        judgments: Judgments of reported contradictions (see :func:`judgment_key`).
        stories: The stories scored (one split).

    Returns:
        A dict of figures, and ``unjudged`` (contradictions without a judgment, which count as
        wrong) and ``missed`` (labeled facts not found).
    """
    keep = set(stories)
    d = discrepancies[discrepancies["story_id"].isin(keep) & discrepancies["value_text"].notna()]
    c = claims[claims["story_id"].isin(keep)]
    gold = [f for f in facts if f.story in keep]
    # precision: every reported contradiction, judged
    verdicts = defaultdict(int)
    unjudged = []
    contra = d[d["relation"] == "contradiction"]
    for (sid, did), grp in contra.groupby(["story_id", "discrepancy_id"], sort=False):
        cl = [{"article": r.article_id, "start": int(r.start_char), "end": int(r.end_char),
               "value": r.value_text} for r in grp.itertuples(index=False)
              if pd.notna(r.start_char)]
        v = judgments.get(judgment_key(sid, cl))
        verdicts[v or "unjudged"] += 1
        if v is None:
            unjudged.append({"story": sid, "discrepancy_id": did, "fact": grp["subject"].iloc[0],
                             "kind": grp["kind"].iloc[0], "claims": cl,
                             "sentences": grp["evidence_text"].tolist()})
    reported = sum(verdicts.values())
    # recall: a labeled fact is found when one reported difference holds two of its values
    found, missed = 0, []
    diffs = d[d["relation"] != "omission"]
    by_story = dict(iter(diffs.groupby("story_id")))
    for f in gold:
        hit = False
        grp = by_story.get(f.story)
        if grp is not None:
            # the fact each labeled value's claims were put in (an article that gives one value
            # twice is shown once, by the mention it states most precisely)
            value_facts = [(v["article"], set(c.loc[(c["article_id"] == v["article"])
                                                    & (c["start_char"] < int(v["end"]))
                                                    & (c["end_char"] > int(v["start"])),
                                                    "fact_id"])) for v in f.values]
            for _, one in grp.groupby("discrepancy_id", sort=False):
                arts = {v["article"] for v in f.values
                        for r in one.itertuples(index=False) if _overlaps(r, v)}
                fid = one["fact_id"].iloc[0]
                if isinstance(fid, str) and fid:
                    shown = set(one.loc[one["value_text"].notna(), "article_id"])
                    arts |= {a for a, fids in value_facts if fid in fids and a in shown}
                if len(arts) >= 2:
                    hit = True
                    break
        found += hit
        if not hit:
            missed.append(f)
    # running figures: labeled updates of 3+ values whose found claims share one fact
    runs = [f for f in gold if f.relation == "update" and len(f.values) >= 3]
    gathered = 0
    for f in runs:
        fids = set()
        n = 0
        for v in f.values:
            hits = c[(c["article_id"] == v["article"]) & (c["start_char"] < int(v["end"]))
                     & (c["end_char"] > int(v["start"]))]
            if len(hits):
                n += 1
                fids.add(hits["fact_id"].iloc[0])
        gathered += n >= 2 and len(fids) == 1
    return {
        "stories": len(keep), "contradictions_reported": reported,
        "contradictions_real": verdicts.get("real", 0),
        "contradiction_precision": verdicts.get("real", 0) / reported if reported else float("nan"),
        "verdicts": dict(verdicts), "labeled_facts": len(gold), "facts_found": found,
        "fact_recall": found / len(gold) if gold else float("nan"),
        "running_figures": len(runs), "running_gathered": gathered,
        "running_gathered_share": gathered / len(runs) if runs else float("nan"),
        "unjudged": unjudged, "missed": missed,
    }


def main(argv=None) -> int:
    """Print the figures of one split; write the unjudged contradictions for reading."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", choices=["tune", "held", "all"], default="tune")
    p.add_argument("--corpora", default=str(Path.cwd().parent / "shared" / "corpora"))
    p.add_argument("--unjudged", help="write unjudged contradictions (JSONL) here")
    p.add_argument("--missed", help="write missed labeled facts (JSONL) here")
    args = p.parse_args(argv)
    stories, facts, judgments = load_gold()
    corpus = gold_corpus(stories, Path(args.corpora))
    names = stories["story"] if args.split == "all" else stories.loc[
        stories["split"] == args.split, "story"]
    result = score(corpus.discrepancies, corpus.claims, facts, judgments, list(names))
    for k, v in result.items():
        if k not in ("unjudged", "missed"):
            print(f"{k}: {v}")
    if args.unjudged:
        with open(args.unjudged, "w", encoding="utf-8") as fh:
            for u in result["unjudged"]:
                fh.write(json.dumps(u, ensure_ascii=False) + "\n")
    if args.missed:
        with open(args.missed, "w", encoding="utf-8") as fh:
            for f in result["missed"]:
                fh.write(json.dumps(f.__dict__, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
