"""The compare stage on real same-story clusters (Giveme5W1H), read in place.

Articles of the events that the corpus's reuse table lists (outlets republishing one AP/Reuters
story, with edits) go through the whole pipeline: spaCy annotation, grouping, alignment, wire
relations and discrepancies. Checked: the reused pairs are found as wire copy, and the
discrepancy table keeps its promises on real text (conflicts differ, evidence points into the
article's text).
"""

import json

import pandas as pd
import pytest
from helpers import shared_corpus

from workbench import Corpus, schema

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def reuse_corpus():
    folder = shared_corpus("giveme5w1h_news")
    pairs = pd.read_csv(folder / "news_cluster_reuse_pairs.tsv", sep="\t")
    events = set(pairs["event"])
    with open(folder / "news_cluster_articles.jsonl", encoding="utf-8") as fh:
        rows = [r for r in map(json.loads, fh) if r["event"] in events]
    articles = pd.DataFrame({
        "article_id": [r["id"] for r in rows],
        "outlet": [r["source_domain"] for r in rows],
        "headline": [r["title"] for r in rows],
        "text": [r["text"] for r in rows],
        "language": "en",
        "published_date": pd.to_datetime([r["date_publish"] for r in rows], errors="coerce"),
        "event": [r["event"] for r in rows],
    })
    return Corpus(articles, schema.empty_frame("load_report"), n_process=1), pairs


def test_reused_pairs_are_wire_copies(reuse_corpus):
    corpus, pairs = reuse_corpus
    relation = {}
    for r in corpus.story_pairs.itertuples():
        relation[frozenset((r.article_id_a, r.article_id_b))] = r.relation
    found = [relation.get(frozenset((a, b)), "not in one story")
             for a, b in zip(pairs["id_a"], pairs["id_b"])]
    copies = sum(f in ("same_wire_text", "wire_version") for f in found)
    print(f"reuse pairs found as wire copy: {copies}/{len(found)}; {pd.Series(found).value_counts().to_dict()}")
    assert copies >= 0.8 * len(found)


def test_discrepancies_on_real_clusters(reuse_corpus):
    corpus, _ = reuse_corpus
    d = schema.validate(corpus.discrepancies, "discrepancies")
    assert set(d["relation"]) <= {"contradiction", "update", "precision", "attribution",
                                  "omission"}
    assert d["salience"].is_monotonic_decreasing
    for _, grp in d[d["relation"].isin(["contradiction", "update"])].groupby("discrepancy_id"):
        assert grp["value_norm"].dropna().nunique() >= 2
    claims = schema.validate(corpus.claims, "claims")
    derived = d["relation"].isin(["contradiction", "update", "precision"])
    assert set(d.loc[derived, "fact_id"]) <= set(claims["fact_id"])
    text = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    ev = d[d["start_char"].notna() & d["kind"].isin(["count", "quantity", "date", "person",
                                                      "place", "organization"])]
    assert len(ev)
    for r in ev.itertuples():
        assert text[r.article_id][int(r.start_char):int(r.end_char)] in r.evidence_text
    for name in ("coverage", "story_sources", "sourcing", "story_dates", "story_timeline",
                 "outlet_omissions", "discrepancy_summary"):
        schema.validate(getattr(corpus, name), name)
