"""HTML views: aligned side-by-side grid, escaping of untrusted text, highlights, sources."""

import re

import pandas as pd
import pytest
from story_fixture import XSS_TEXT, build_corpus

from workbench import views


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(n_stories=1, n_articles=3, n_sentences=5, payload=XSS_TEXT)


def _story(corpus):
    return corpus.articles, corpus.sentences, corpus.alignments, corpus.discrepancies


def test_untrusted_text_is_escaped_everywhere(corpus):
    arts, sents, aligns, discs = _story(corpus)
    html = views.aligned_view_html(arts, sents, aligns, discrepancies=discs)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert "onerror=&quot;window.__xss = 2&quot;" in html
    assert html.count("&lt;img") >= 3  # headline + byline of each article carry the payload
    for frag in (views.discrepancy_table_html(discs), views.table_html(arts)):
        assert "<script" not in frag.lower() and "<img" not in frag.lower()


def test_aligned_rows_put_shared_facts_side_by_side(corpus):
    arts, sents, aligns, discs = _story(corpus)
    html = views.aligned_view_html(arts, sents, aligns)
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1])
    # facts f0..f3 shared by all three, plus one unique row for the one outlet adding a passage,
    # plus the shared last sentence of the others
    first = rows[0]
    assert first.count("Shared wire sentence 0") == 3
    unique_rows = [r for r in rows if "alone adds" in r]
    assert len(unique_rows) == 1 and unique_rows[0].count('class="wb-empty"') == 2
    assert 'data-type="unique"' in unique_rows[0]
    assert html.count('data-type="identical"') == 3 * 4 - 1
    assert html.count('data-type="edited"') == 3
    assert "[-" in html and "{+" in html  # the word diff of edited pairs is shown


def test_discrepancy_values_are_marked_in_place(corpus):
    arts, sents, aligns, discs = _story(corpus)
    html = views.aligned_view_html(arts, sents, aligns, discrepancies=discs)
    marks = re.findall(r'<mark class="wb-disc" title="([^"]*)">([^<]*)</mark>', html)
    assert sorted(m[1] for m in marks) == ["2", "3", "4"]
    assert all(t.startswith("count: people hurt = ") for t, _ in marks)


def test_without_alignments_sentences_are_listed_unaligned(corpus):
    arts, sents, aligns, _ = _story(corpus)
    html = views.aligned_view_html(arts, sents, aligns.iloc[:0])
    assert "No sentence alignment" in html
    assert html.count('data-type="unaligned"') == len(sents)


def test_sentence_status_keeps_strongest_alignment():
    al = pd.DataFrame({
        "article_id": ["a", "a", "a"], "sentence_id": [0, 0, 1], "alignment_type":
        ["paraphrase", "identical", "unique"], "fact_id": ["f0", "f0", None], "diff": [None] * 3,
    })
    st = views.sentence_status(al).set_index("sentence_id")
    assert st.loc[0, "alignment_type"] == "identical" and st.loc[1, "alignment_type"] == "unique"


def test_marked_clips_overlapping_and_out_of_range_spans():
    out = views._marked("a<b>cd", [(1, 4, "t"), (2, 5, "u"), (50, 60, "v")])
    assert out == 'a<mark class="wb-disc" title="t">&lt;b&gt;</mark><mark class="wb-disc" title="u">c</mark>d'


def test_source_inspector_html_lists_each_outlet(corpus):
    arts, sents = corpus.articles, corpus.sentences
    html = views.source_sentences_html(arts, sents, corpus.sources)
    assert html.count('class="wb-source"') == 3
    assert html.count("<mark") == 3 and "people were hurt" in html
    two = views.source_sentences_html(arts, sents, corpus.sources.iloc[:2])
    assert two.count("<mark") == 2 and two.count("does not cite it") == 1
    assert "Pick a source" in views.source_sentences_html(arts, sents, corpus.sources.iloc[:0])


def test_empty_inputs_give_messages():
    assert "No articles" in views.aligned_view_html(pd.DataFrame(columns=["article_id"]),
                                                     pd.DataFrame(), pd.DataFrame())
    assert "No discrepancies" in views.discrepancy_table_html(pd.DataFrame())


def test_fact_omissions_are_not_marked(corpus):
    arts, sents, aligns, discs = _story(corpus)
    facts = discs.assign(kind="fact")
    html = views.aligned_view_html(arts, sents, aligns, discrepancies=facts)
    assert '<mark class="wb-disc" title=' not in html


DISC = pd.DataFrame({
    "story_id": ["s"] * 6,
    "discrepancy_id": ["d1", "d1", "d0", "d0", "d2", "d2"],
    "fact_id": ["f1", "f1", "f0", "f0", "f2", "f2"],
    "kind": ["date", "date", "count", "count", "person", "person"],
    "relation": ["contradiction", "contradiction", "update", "update", "omission", "omission"],
    "salience": [0.75, 0.75, 0.9, 0.9, 0.1, 0.1],
    "subject": ["date of visit", "date of visit", "people hurt", "people hurt", "kishi", "kishi"],
    "article_id": ["a", "b", "a", "b", "a", "b"],
    "outlet": ["A", None, "A", "B", "A", "B"],
    "value_text": ["on March 17", "from March 15", "2 <b>", "4", None, "Nobuo Kishi"],
    "evidence_text": ["Visit on March 17.", "Visit from March 15.", XSS_TEXT, "4 hurt.", None,
                      "Kishi said."],
    "as_of": pd.to_datetime(["2021-03-04", "2021-03-05", "2021-03-04", "2021-03-06", None, None]),
})
ARTS = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"],
                     "headline": ["Visit set", "Visit from March 15"]})


def test_disagreements_leave_out_omissions_most_salient_first():
    d = views.disagreements(DISC)
    assert list(d["subject"].unique()) == ["people hurt", "date of visit"]
    assert list(views.disagreements(DISC, kinds=["date"])["article_id"]) == ["a", "b"]


def test_disagreements_html_shows_values_times_and_sentences_escaped():
    html = views.disagreements_html(DISC, articles=ARTS)
    assert html.index("people hurt") < html.index("date of visit") and "kishi" not in html
    assert "<b>B</b>: <span class=\"wb-value\">from March 15</span>" in html  # outlet filled in
    assert "as of 2021-03-06" in html and "Visit from March 15." in html
    assert "<script" not in html and "2 &lt;b&gt;" in html
    assert "update" in html and "salience 0.90" in html
    one = views.disagreements_html(DISC, n=1)
    assert "date of visit" not in one and "1 more disagreements" in one


def test_name_articles_puts_outlets_next_to_ids():
    pairs = pd.DataFrame({"article_id_a": ["a"], "article_id_b": ["zz"], "similarity": [0.5]})
    named = views.name_articles(pairs, ARTS)
    assert list(named.columns) == ["outlet_a", "article_id_a", "outlet_b", "article_id_b",
                                   "similarity"]
    assert named.iloc[0]["outlet_a"] == "A" and named.iloc[0]["outlet_b"] == "(unknown outlet)"
    dates = views.name_articles(pd.DataFrame({"article_id": ["b", "a"]}), ARTS)
    assert list(dates.columns) == ["outlet", "headline", "article_id"]
    assert list(dates["outlet"]) == ["B", "A"]
    kept = views.name_articles(DISC, ARTS)
    assert list(kept["outlet"]) == ["A", "B", "A", "B", "A", "B"]


def test_top_facts_keeps_every_outlet_row_of_the_most_salient():
    top = views.top_facts(DISC, n=2)
    assert set(top["fact_id"]) == {"f0", "f1"} and len(top) == 4
    assert len(views.top_facts(DISC, n=3)) == 6


def test_discrepancy_table_has_relation_salience_and_outlets_sorted():
    html = views.discrepancy_table_html(DISC, articles=ARTS)
    head = re.findall(r"<th>([^<]*)</th>", html)
    assert head[:5] == ["relation", "salience", "kind", "subject", "outlet"]
    assert html.index("people hurt") < html.index("date of visit") < html.index("kishi")
    assert "<td>B</td>" in html and "(not reported)" in html and "0.90" in html
    assert "<script" not in html


def test_omission_summary_one_row_per_article_by_outlet():
    om = pd.DataFrame({"article_id": ["a", "b"], "fact_count": [4, 4], "omitted_count": [1, 0],
                       "omitted_share": [0.25, 0.0], "omitted_examples": ["x", None]})
    out = views.omission_summary(DISC, om, ARTS)
    assert list(out["outlet"]) == ["A", "B"]
    assert list(out["omitted_value_count"]) == [1, 0]
    assert out.iloc[0]["omitted_values"] == "kishi" and out.iloc[0]["headline"] == "Visit set"
    assert list(out["omitted_count"]) == [1, 0]
