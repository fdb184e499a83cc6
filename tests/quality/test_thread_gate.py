"""Quality gate: threads (stories of one developing event linked) on ECB+ and Giveme5W1H.

Scored pairwise over stories: after ``group_stories`` (defaults, text alone, as the grouping
gate runs it), each story stands for the gold event most of its articles belong to; a pair of
stories is a gold thread pair when both stand for the same event, and a predicted one when
``link_threads`` put them in one thread. Precision is over predicted pairs, recall over gold
pairs. Measured (2026-12-03):

==========================  ======  =========  ===========  ======  ======
dataset                     stories  gold pairs  predicted   P       R
==========================  ======  =========  ===========  ======  ======
ECB+ (topics 1-25)          50       8          17           0.412   0.875
Giveme5W1H                  86       26         10           0.600   0.231
==========================  ======  =========  ===========  ======  ======

The hard negatives are ECB+'s: each topic holds two different events, which share vocabulary
and often names; 9 of the 10 false pairs on ECB+ are such same-topic pairs (two Saints running
backs put on injured reserve, two Sixers coach changes, two Klitschko title defences, two Paris
jewellery heists, two Turkmen elections); the tenth links Greek riots to a Greek government
story of another topic. Giveme5W1H's recall is low by design: its "events" run for up to 600 days (the
Panama Papers), and a thread is bounded to 30 days between stories; with no window it would be
P 0.385 / R 0.385.

Honestly: the rule and its three parameters (centroid cosine >= 0.2, key-name share >= 0.25,
window 30 days; connected components) were chosen by a grid on these same two data sets, all
of them (the shared ECB+ file holds topics 1-25 only, and the positives are few: 8 and 26 pairs,
so no held-out half was kept). The figures are therefore fitted, not blind; the floors only
guard against a silent regression.
"""

import collections
import itertools

import pytest
from helpers import shared_corpus
from quality.baseline import floor, record

from workbench.compare import group_stories
from workbench.evaluate import clustering

pytestmark = pytest.mark.shared

FLOORS = {
    # dataset: (reader, path, precision floor, recall floor)
    "ecbplus": (clustering.read_ecbplus, "ecbplus_texts/ecbplus_docs.jsonl",
                floor("threads.ecbplus_precision"), floor("threads.ecbplus_recall")),
    "giveme5w1h": (clustering.read_giveme5w1h, "giveme5w1h_news/news_cluster_articles.jsonl",
                   floor("threads.giveme5w1h_precision"), floor("threads.giveme5w1h_recall")),
}


def thread_scores(stories, gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision and recall of threads over stories, each story its majority event."""
    event = {sid: collections.Counter(gold[a] for a in grp).most_common(1)[0][0]
             for sid, grp in stories.groupby("story_id")["article_id"]}
    thread = dict(zip(stories["story_id"], stories["thread_id"]))
    tp = predicted = relevant = 0
    for a, b in itertools.combinations(sorted(event), 2):
        same, linked = event[a] == event[b], thread[a] == thread[b]
        tp += same and linked
        predicted += linked
        relevant += same
    return {"precision": tp / predicted if predicted else 1.0,
            "recall": tp / relevant if relevant else 1.0,
            "stories": len(event), "gold_pairs": relevant, "predicted_pairs": predicted}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_thread_floor(name):
    reader, rel, p_floor, r_floor = FLOORS[name]
    folder, _, fname = rel.partition("/")
    articles = reader(shared_corpus(folder) / fname)
    if name == "ecbplus":
        articles = articles[articles["article_id"].str.split("_").str[0].astype(int) <= 25]
    stories = group_stories(articles.drop(columns="event_id"))
    scores = thread_scores(stories, dict(zip(articles["article_id"], articles["event_id"])))
    print(f"{name}: threads {scores}")
    record(f"threads.{name}_precision", scores["precision"])
    record(f"threads.{name}_recall", scores["recall"])
    assert scores["precision"] >= p_floor
    assert scores["recall"] >= r_floor


def test_thread_scores_on_known_cases():
    import pandas as pd

    stories = pd.DataFrame({"story_id": ["s1", "s2", "s3", "s4"], "article_id": ["a", "b", "c", "d"],
                            "thread_id": ["t1", "t1", "t2", "t2"]})
    gold = {"a": "e1", "b": "e1", "c": "e2", "d": "e3"}
    got = thread_scores(stories, gold)
    assert got["precision"] == 0.5 and got["recall"] == 1.0
