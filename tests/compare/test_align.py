"""Sentence alignment (identical, edited, paraphrase, unique) and wire relations of pairs."""

import pandas as pd

from workbench import schema
from workbench.compare import align_stories, relate_articles, word_diff

A = [
    "The ferry Ostara ran aground off Kell Island on Sunday with 212 passengers aboard.",
    "Coast guard boats took all passengers ashore by nightfall, the harbour master said.",
    "The ferry operator has suspended its evening crossings until further notice.",
    "Divers will inspect the hull on Monday.",
]
B = [
    "The ferry Ostara ran aground off Kell Island on Sunday with 212 passengers aboard.",
    "Coast guard boats took all passengers ashore by late evening, the harbour master said.",
    "The ferry operator has suspended its evening crossings until further notice.",
    "Divers will inspect the hull on Monday.",
]
C = [
    "More than two hundred travellers were stranded when the Ostara struck rocks near Kell "
    "Island on Sunday.",
    "All the passengers were brought ashore by coast guard crews before dark.",
    "Local fishermen say the channel has not been dredged for a decade.",
]


def _tables(*articles):
    stories = pd.DataFrame({"story_id": "s1", "article_id": [f"a{k}" for k in range(len(articles))],
                            "story_label": "x", "membership_confidence": 1.0,
                            "thread_id": "t1"})
    rows = [{"article_id": f"a{k}", "sentence_id": i, "paragraph_id": i, "start_char": 0,
             "end_char": len(t), "sentence_text": t}
            for k, sents in enumerate(articles) for i, t in enumerate(sents)]
    return schema.validate(stories, "stories"), schema.coerce(rows, "sentences")


def test_word_diff():
    assert word_diff("three sources said", "two sources said") == "[-three-] {+two+} sources said"
    assert word_diff("a b", "a b") == "a b"


def test_alignment_types():
    stories, sents = _tables(A, B, C)
    al = align_stories(stories, sents)
    schema.validate(al, "alignments")
    assert len(al) == (4 + 4 + 3) * 2

    def kind(a, s, other):
        r = al[(al.article_id == a) & (al.sentence_id == s) & (al.other_article_id == other)]
        return r.iloc[0]

    assert kind("a0", 0, "a1").alignment_type == "identical"
    edited = kind("a0", 1, "a1")
    assert edited.alignment_type == "edited"
    assert "[-nightfall,-] {+late evening,+}" in edited["diff"]
    assert kind("a0", 0, "a2").alignment_type == "paraphrase"
    assert kind("a0", 1, "a2").alignment_type == "paraphrase"
    unique = kind("a2", 2, "a0")
    assert unique.alignment_type == "unique" and pd.isna(unique.other_sentence_id)
    assert kind("a0", 3, "a2").alignment_type == "unique"
    # one fact: the grounding as told by all three
    facts = al[(al.sentence_id == 0)].groupby("article_id")["fact_id"].first()
    assert facts.nunique() == 1


def test_relations():
    stories, sents = _tables(A, B, C)
    pairs = relate_articles(stories, sents)
    schema.validate(pairs, "story_pairs")
    rel = {(r.article_id_a, r.article_id_b): r for r in pairs.itertuples()}
    assert rel[("a0", "a1")].relation == "same_wire_text"
    assert rel[("a0", "a2")].relation == "independent"
    assert "dredged" in rel[("a0", "a2")].added_text
    assert "Divers" in rel[("a0", "a2")].cut_text
    trimmed = [A[0], A[1] + " Two people were treated for hypothermia.", "New text entirely "
               "about the weather in the strait today.", "And another locally written line."]
    stories, sents = _tables(A, trimmed)
    pairs = relate_articles(stories, sents)
    assert pairs["relation"].iloc[0] == "wire_version"


def test_empty_inputs():
    stories, sents = _tables(A)
    assert align_stories(stories, sents).empty
    assert relate_articles(stories, sents).empty
