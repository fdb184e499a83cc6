"""Quality gate: story grouping against same-event gold (BASIL, Giveme5W1H, ECB+), from text.

Scores are pairwise and B-cubed P/R/F1 (``workbench.evaluate.clustering``). Floors sit a little
below what was measured (see the README); a change may not lower them silently. Measured with
the defaults of ``group_stories`` on text alone (no spaCy):

==========  =====================  =====================
dataset     pairwise P / R / F1    B-cubed P / R / F1
==========  =====================  =====================
BASIL       1.000 / 1.000 / 1.000  1.000 / 1.000 / 1.000
Giveme5W1H  0.975 / 0.784 / 0.869  0.981 / 0.875 / 0.925
ECB+        0.895 / 0.900 / 0.897  0.930 / 0.917 / 0.923
==========  =====================  =====================

With the strong-link bar (``strong_link`` 0.24, cohesion 0.6): clusters whose mean similarity
reaches 0.24 merge whatever their cohesion. Before it (cohesion 0.55 alone): Giveme5W1H
0.989 / 0.746 / 0.850 and 0.987 / 0.857 / 0.917; ECB+ 0.892 / 0.861 / 0.876 and
0.930 / 0.880 / 0.904. Chosen on ECB+'s odd topics (pairwise F1 0.889 -> 0.898), Giveme5W1H,
BASIL and AllSides NEUS (0.663 -> 0.673, B-cubed 0.856 both); ECB+'s even topics went
0.875 -> 0.911 (the grid printed them, but the choice was made on the others). What it mends:
ECB+ same-event halves (two near-duplicate groups of wire copy each, cross similarity
0.2-0.3) that the cohesion rule kept apart; bars 0.20-0.28 all keep both ECB+ halves >= 0.88.

Before the event-specific (residual) similarity, the gentler date rule and cohesion 0.55 they
were: Giveme5W1H 0.978 / 0.628 / 0.765 and 0.981 / 0.765 / 0.860; ECB+ 0.858 / 0.869 / 0.863
and 0.906 / 0.887 / 0.896 (BASIL unchanged).

How the parameters were chosen: a grid over the residual weights, cohesion, threshold and the
date rule, judged on all of BASIL and Giveme5W1H, on ECB+'s odd topics (ECB+ alone: pairwise F1
0.889 there) and on AllSides NEUS (editor-curated same-story triples, not gated, split by story
id). ECB+'s even topics (0.875) were meant as the check; their figures were printed alongside
during the grid, so they are not a strictly blind test. NEUS, whose stories are day-level
developments of one subject, prefers a stricter cohesion; the chosen one kept it where it was
(pairwise F1 0.666 before, 0.663 after, all 1,479 articles with dates) and was why ECB+ stayed
just under its 0.88 pairwise target until the strong-link bar (cohesion 0.5 alone gives ECB+
0.893 but NEUS 0.60). Errors left on ECB+: same-topic events with near-identical vocabulary,
merged (an endangered-species rule and its reversal, two offers to one baseball player, two
quakes on one island: cross similarity 0.7-0.9 of their inner similarity) and within-event
halves still apart (Mount Cook climbers, an actress's rehab: cross 0.19-0.2). A tried penalty
for conflicting numbers of one unit ("5.6 magnitude" against "6.1 magnitude") lowered
Giveme5W1H (0.85 -> 0.82), whose same-event pairs often carry updated counts, and was dropped.
Giveme5W1H "events" span up to a year of coverage, which the publication-date rule still
splits.
"""

import pytest
from helpers import shared_corpus
from quality.baseline import floor, record

from workbench.compare import group_stories
from workbench.evaluate import clustering

pytestmark = pytest.mark.shared

FLOORS = {
    # dataset: (reader, path, pairwise F1 floor, B-cubed F1 floor); floors in baseline.json
    "basil": (clustering.read_basil, "basil/basil_articles.jsonl",
              floor("grouping.basil_pairwise_f1"), floor("grouping.basil_bcubed_f1")),
    "giveme5w1h": (clustering.read_giveme5w1h, "giveme5w1h_news/news_cluster_articles.jsonl",
                   floor("grouping.giveme5w1h_pairwise_f1"), floor("grouping.giveme5w1h_bcubed_f1")),
    "ecbplus": (clustering.read_ecbplus, "ecbplus_texts/ecbplus_docs.jsonl",
                floor("grouping.ecbplus_pairwise_f1"), floor("grouping.ecbplus_bcubed_f1")),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_grouping_floor(name):
    reader, rel, pw_floor, b3_floor = FLOORS[name]
    folder, _, fname = rel.partition("/")
    articles = reader(shared_corpus(folder) / fname)
    stories = group_stories(articles.drop(columns="event_id"))
    story_of = dict(zip(stories["article_id"], stories["story_id"]))
    pred = [story_of[a] for a in articles["article_id"]]
    gold = articles["event_id"].tolist()
    pw = clustering.pairwise_scores(gold, pred)
    b3 = clustering.bcubed_scores(gold, pred)
    print(f"{name}: pairwise {pw} b-cubed {b3}")
    record(f"grouping.{name}_pairwise_f1", pw["f1"])
    record(f"grouping.{name}_bcubed_f1", b3["f1"])
    assert pw["f1"] >= pw_floor
    assert b3["f1"] >= b3_floor


def test_scores_on_known_cases():
    gold = ["a", "a", "b", "b"]
    assert clustering.pairwise_scores(gold, ["x", "x", "y", "y"])["f1"] == 1.0
    one = clustering.pairwise_scores(gold, ["x", "x", "x", "x"])
    assert one["recall"] == 1.0 and one["precision"] == pytest.approx(2 / 6)
    b3 = clustering.bcubed_scores(gold, ["x", "y", "z", "w"])
    assert b3["precision"] == 1.0 and b3["recall"] == pytest.approx(0.5)
