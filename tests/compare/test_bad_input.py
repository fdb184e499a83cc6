"""Bad input through the compare stage: huge run-on text, punctuation storms, empty articles."""

import time

import pandas as pd

from workbench import schema
from workbench.compare import align_stories, group_stories, word_diff
from workbench.compare.values import amounts

HUGE = ("On March 15 officials said 1,200 people were hurt and " * 4000)[:200_000]
STORM = "!" * 100_000 + "a" + "." * 100_000 + "3" + "-" * 50_000


def _sentences(texts):
    return schema.coerce([{"article_id": f"a{k}", "sentence_id": 0, "paragraph_id": 0,
                           "start_char": 0, "end_char": len(t), "sentence_text": t}
                          for k, t in enumerate(texts)], "sentences")


def test_huge_and_pathological_text_is_fast():
    t = time.perf_counter()
    found = amounts(HUGE)
    assert found and found[0].low == 1200
    amounts(STORM)
    word_diff(HUGE[:20_000], HUGE[:20_000] + " more")
    arts = pd.DataFrame({"article_id": ["a0", "a1", "a2", "a3"],
                         "headline": ["", "x", None, "Storm"],
                         "text": [HUGE, STORM, "", None]})
    stories = group_stories(arts)
    assert set(stories["article_id"]) == {"a0", "a1", "a2", "a3"}
    one = pd.DataFrame({"story_id": "s", "article_id": ["a0", "a1"], "story_label": "",
                        "membership_confidence": 1.0})
    al = align_stories(one, _sentences([HUGE, STORM]))
    assert len(al) == 2
    # generous bound: a backtracking regex would take minutes here
    assert time.perf_counter() - t < 20


def test_sentences_without_content_words():
    one = pd.DataFrame({"story_id": "s", "article_id": ["a0", "a1"], "story_label": "",
                        "membership_confidence": 1.0})
    al = align_stories(one, _sentences(["...", "!!!"]))
    assert set(al["alignment_type"]) <= {"identical", "unique"}
