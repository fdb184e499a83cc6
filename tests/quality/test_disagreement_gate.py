"""Gate: the comparison against labeled cross-outlet disagreements (docs/disagreement-codebook.md).

124 same-event stories (36 Giveme5W1H events, 8 ECB+ topic 1-25 clusters, 80 AllSides NEUS
stories), split by story into a tuning half and a held half before any labeling
(``tests/quality/gold/disagreements/``). Every fact the outlets give different values for was
labeled by reading (209 facts; the NEUS ones, 23, blind to the system, in session 8), and every
contradiction the system reports is judged (``judgments.jsonl``; an unjudged one counts as
wrong, so a change that reports new contradictions fails here until they are read and judged).
540 more stories (``judged_stories.csv``: 20 Giveme5W1H events, tune; 35 more ECB+ topic 1-25
clusters, 70 BASIL events and 415 AllSides NEUS stories, half tune and half held) have only their
reported contradictions judged: they add to precision only.
The texts are read in place; the stories are the gold's own grouping (the user's grouping), so
grouping errors do not enter these figures.

Rules were changed looking at the tuning half only (its errors read and judged there); the
held half's contradictions are judged by annotators who do not change rules. The issue's
targets on the held half (contradiction precision >= 0.90, fact recall >= 0.80, running figures
gathered >= 0.90) are NOT met. The figures and floors are in ``tests/quality/baseline.json``
(``disagreement.*``); the history of the held figures is in ``docs/quality.md``.
"""

import pandas as pd
import pytest
from helpers import CORPORA, shared_corpus
from quality.baseline import floor, record

from workbench.evaluate.disagreements import gold_corpus, load_gold, score

pytestmark = pytest.mark.shared

#: split -> (contradiction precision, fact recall, running figures gathered) floors
_METRICS = ("contradiction_precision", "fact_recall", "running_gathered_share")
FLOORS = {split: tuple(floor(f"disagreement.{split}_{m}") for m in _METRICS)  # baseline.json
          for split in ("tune", "held")}


@pytest.fixture(scope="module")
def gold():
    shared_corpus("giveme5w1h_news")
    shared_corpus("ecbplus_texts")
    shared_corpus("basil")
    shared_corpus("allsides_neus_stories")
    stories, facts, judgments = load_gold()
    corpus = gold_corpus(stories, CORPORA)
    return stories, facts, judgments, corpus.discrepancies, corpus.claims, corpus


def _figures(gold):
    return gold[:5]


def test_gold_is_labels_only(gold):
    stories, facts, _, _, _ = _figures(gold)
    assert len(stories) >= 30 and set(stories["split"]) == {"tune", "held"}
    assert len(facts) >= 100
    for f in facts:
        assert f.relation in {"contradiction", "update", "precision", "attribution"}
        for v in f.values:
            assert set(v) <= {"article", "start", "end", "value", "low", "high", "as_of", "unit"}
            assert len(v["value"]) <= 120  # a value, never a passage


@pytest.mark.parametrize("split", ["tune", "held"])
def test_disagreement_gate(gold, split):
    stories, facts, judgments, discrepancies, claims = _figures(gold)
    names = stories.loc[stories["split"] == split, "story"].tolist()
    r = score(discrepancies, claims, facts, judgments, names)
    print(f"{split}: contradiction precision {r['contradictions_real']}/"
          f"{r['contradictions_reported']} = {r['contradiction_precision']:.3f} "
          f"({r['verdicts']}); fact recall {r['facts_found']}/{r['labeled_facts']} = "
          f"{r['fact_recall']:.3f}; running figures gathered {r['running_gathered']}/"
          f"{r['running_figures']}")
    for u in r["unjudged"]:
        print("unjudged:", u["story"], u["fact"], [c["value"] for c in u["claims"]])
    record(f"disagreement.{split}_contradiction_precision", r["contradiction_precision"],
           f"{r['contradictions_real']} / {r['contradictions_reported']}")
    record(f"disagreement.{split}_fact_recall", r["fact_recall"],
           f"{r['facts_found']} / {r['labeled_facts']}")
    record(f"disagreement.{split}_running_gathered_share", r["running_gathered_share"],
           f"{r['running_gathered']} / {r['running_figures']}")
    precision, recall, gathered = FLOORS[split]
    assert r["contradiction_precision"] >= precision
    assert r["fact_recall"] >= recall
    assert r["running_gathered_share"] >= gathered


@pytest.mark.parametrize("split", ["tune", "held"])
def test_threads_find_what_stories_find(gold, split):
    """Each gold story split into two stories of one thread: the labeled facts found across the
    two (thread_discrepancies) and within each (discrepancies) are nearly those found unsplit
    (copies of one sentence in different stories are not aligned, so their slots are lost)."""
    stories, facts, judgments, discrepancies, claims = _figures(gold)
    corpus = gold[5]
    names = stories.loc[stories["split"] == split, "story"].tolist()
    whole = score(discrepancies, claims, facts, judgments, names)
    halves = corpus.stories.sort_values(["story_id", "article_id"]).copy()
    halves["story_id"] = halves["story_id"].str.rsplit("|", n=1).str[0]  # a second run
    rank = halves.groupby("story_id").cumcount()
    size = halves.groupby("story_id")["article_id"].transform("size")
    halves["thread_id"] = halves["story_id"]
    halves["story_id"] = halves["story_id"] + ["|a" if r < n / 2 else "|b"
                                               for r, n in zip(rank, size, strict=True)]
    corpus.set_stories(halves)
    within = corpus.discrepancies.assign(
        story_id=lambda d: d["story_id"].str.rsplit("|", n=1).str[0])
    across = corpus.thread_discrepancies.assign(story_id=lambda d: d["thread_id"])
    both = pd.concat([within, across[[c for c in within.columns if c in across.columns]]],
                     ignore_index=True)
    split_run = score(both, claims, facts, judgments, names)
    print(f"{split}: facts found unsplit {whole['facts_found']}, as a thread of two stories "
          f"{split_run['facts_found']} of {whole['labeled_facts']}")
    assert split_run["facts_found"] >= whole["facts_found"] - 2
