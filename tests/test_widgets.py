"""Widgets driven in Python: set values, assert what is displayed."""

import pandas as pd
import pytest
from story_fixture import XSS_TEXT, build_corpus

from workbench import widgets


@pytest.fixture()
def corpus():
    return build_corpus(n_stories=2, n_articles=3, n_sentences=5, payload=XSS_TEXT)


def test_story_picker_updates_the_aligned_view(corpus):
    box = widgets.compare_dashboard(corpus)
    assert [v for _, v in box.picker.options] == ["story-0", "story-1"]
    assert "event 0" in box.view.value and "event 1" not in box.view.value
    box.picker.value = "story-1"
    assert "event 1" in box.view.value and "event 0" not in box.view.value
    assert "<script" not in box.view.value.lower()
    assert box.table.value.count("people hurt") == 3


def _with_omission(corpus):
    """Mark the planted counts a contradiction and add an omission: Outlet 0 alone names Seoul."""
    d = corpus.discrepancies.assign(relation="contradiction", salience=0.8,
                                    fact_id=corpus.discrepancies["story_id"] + ":c0")
    first = d.drop_duplicates("story_id")
    om = pd.concat([first.assign(article_id=first["article_id"].str[:-1] + str(a),
                                 outlet=f"Outlet {a}") for a in range(3)])
    om = om.assign(discrepancy_id=om["story_id"] + "-d1", fact_id=om["story_id"] + ":place",
                   kind="place", relation="omission", difference="omission", salience=0.1,
                   subject="seoul", value_text=["Seoul" if o == "Outlet 0" else None
                                                for o in om["outlet"]],
                   start_char=om["start_char"] - 15, end_char=om["start_char"] - 6)
    corpus.discrepancies = pd.concat([d, om], ignore_index=True)
    return corpus


def test_article_select_picks_the_compared_columns_chart_keeps_every_outlet(corpus):
    box = widgets.compare_dashboard(corpus)
    assert [label for label, _ in box.articles.options][0].startswith("Outlet 0 — Event 0")
    assert "<" not in "".join(label for label, _ in box.articles.options)
    box.articles.value = ("s0a000", "s0a002")
    assert box.view.value.count('<div class="wb-outlet">') == 2
    assert "Outlet 1" not in box.view.value
    data = next(iter(box.chart.spec["datasets"].values()))
    assert sorted(r["outlet"] for r in data) == ["Outlet 0", "Outlet 1", "Outlet 2"]
    box.articles.value = ()
    assert "Pick two to four" in box.view.value


def test_at_most_four_articles_are_compared():
    many = build_corpus(n_stories=1, n_articles=6, n_sentences=4)
    box = widgets.compare_dashboard(many)
    assert len(box.articles.options) == 6 and len(box.articles.value) == widgets.MAX_COMPARED
    assert box.view.value.count('<div class="wb-outlet">') == 4
    box.articles.value = ("s0a000", "s0a001")
    box.articles.value = ("s0a000", "s0a001", "s0a002", "s0a003", "s0a004", "s0a005")
    assert box.articles.value[:2] == ("s0a000", "s0a001") and len(box.articles.value) == 4
    assert box.view.value.count('<div class="wb-outlet">') == 4
    static = widgets.aligned_view(widgets.StoryIndex(many), "story-0").data
    assert static.count('<div class="wb-outlet">') == 4


def test_disagreements_only_hides_omissions(corpus):
    box = widgets.compare_dashboard(_with_omission(corpus))
    assert box.disagreements_only.value is True
    assert "seoul" not in box.table.value and box.table.value.count("people hurt") == 3
    assert "= Seoul" not in box.view.value and "people hurt = 2" in box.view.value
    assert "<th>relation</th><th>salience</th>" in box.table.value
    assert "contradiction" in box.table.value and "0.80" in box.table.value
    box.disagreements_only.value = False
    assert box.table.value.count("seoul") == 3 and box.table.value.count("(not reported)") == 2
    assert 'title="place: seoul = Seoul">Officials</mark>' in box.view.value  # marked in place
    # most salient first
    assert box.table.value.index("people hurt") < box.table.value.index("seoul")
    data = next(iter(box.chart.spec["datasets"].values()))
    assert {r["subject"] for r in data} == {"people hurt", "seoul"}


def test_dashboard_opens_with_the_disagreements_and_hides_omissions(corpus):
    box = widgets.compare_dashboard(_with_omission(corpus))
    assert box.children[1] is box.summary
    assert "people hurt" in box.summary.value and "contradiction" in box.summary.value
    assert "seoul" not in box.summary.value
    assert box.summary.value.count("<li>") == 3 and "Officials said 2 people" in box.summary.value
    assert box.omissions.selected_index is None  # closed until the reader opens it
    omitted = box.omissions.body.value
    assert omitted.count("seoul") == 2 and "Outlet 1" in omitted and "Outlet 2" in omitted
    assert "s0a001" not in omitted  # named by outlet and headline, not by id
    box.picker.value = "story-1"
    assert "event 1" in box.summary.value and "event 0" not in box.summary.value


def test_story_change_resets_the_compared_articles(corpus):
    box = widgets.compare_dashboard(corpus)
    box.articles.value = ("s0a000",)
    box.picker.value = "story-1"
    assert set(box.articles.value) == {"s1a000", "s1a001", "s1a002"}
    assert box.view.value.count('<div class="wb-outlet">') == 3


def test_static_views_for_the_notebook(corpus):
    index = widgets.StoryIndex(_with_omission(corpus))
    top = widgets.disagreements_view(index, "story-0").data
    assert "people hurt" in top and "seoul" not in top
    assert "do not disagree" in widgets.disagreements_view(index, "story-0", kinds=["date"]).data
    table = widgets.discrepancy_table(index, "story-0", disagreements_only=True).data
    assert "seoul" not in table and "Outlet 2" in table
    assert "seoul" in widgets.discrepancy_table(index, "story-0").data
    panel = widgets.omissions_panel(index, "story-0")
    assert panel.selected_index is None and "seoul" in panel.children[0].value


def test_ungrouped_corpus_is_one_labelled_pseudo_story(corpus):
    corpus.stories = corpus.stories.iloc[:0]
    corpus.alignments = corpus.alignments.iloc[:0]
    box = widgets.compare_dashboard(corpus)
    (label, sid), = box.picker.options
    assert sid == widgets.ALL_ARTICLES and "not grouped" in label and "(6 articles)" in label
    assert box.view.value.count('<div class="wb-outlet">') == widgets.MAX_COMPARED
    assert "No sentence alignment" in box.view.value


def test_source_inspector_shows_every_outlet(corpus):
    box = widgets.source_inspector(corpus)
    assert box.source.value == "story-0:officials"
    assert box.source.options[0][0] == "Officials [anonymous] (cited by 3 of the story's articles)"
    assert box.view.value.count('class="wb-source"') == 3
    box.picker.value = "story-1"
    assert "event 1" in box.view.value


def test_date_range_filter_narrows_intervals(corpus):
    box = widgets.date_explorer(corpus)
    days = [d for _, d in box.dates.options]
    assert days == list(pd.to_datetime(["2021-03-15", "2021-03-16", "2021-03-17"]))
    assert box.table.value.count("<tr>") == 1 + 3
    box.dates.value = (days[0], days[1])
    assert box.table.value.count("<tr>") == 1 + 2 and "March 17" not in box.table.value
    data = next(iter(box.chart.spec["datasets"].values()))
    assert sorted(r["timex_text"] for r in data) == ["March 15", "March 16"]


def test_pick_defaults_to_largest_story_and_rejects_unknown(corpus):
    corpus.stories = corpus.stories.iloc[1:]  # story-0 loses an article
    index = widgets.StoryIndex(corpus)
    assert index.pick() == "story-1"
    assert index.pick("story-0") == "story-0"
    with pytest.raises(KeyError, match="nope"):
        index.pick("nope")


def test_static_aligned_view_and_snapshot(corpus):
    index = widgets.StoryIndex(corpus)
    html = widgets.aligned_view(index, "story-1").data
    assert "event 1" in html and "<script" not in html.lower()
    assert '<mark class="wb-disc" title=' not in widgets.aligned_view(index, "story-1", kinds=[]).data
    box = widgets.compare_dashboard(corpus, index=index)
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith(box.view.value[:50]) and "people hurt" in bundle["text/html"]


def test_chart_widget_specs_are_strict_json(corpus):
    import json

    box = widgets.compare_dashboard(corpus)
    box.picker.value = "story-1"
    json.dumps(box.chart.spec, allow_nan=False)
    dates = widgets.date_explorer(corpus)
    json.dumps(dates.chart.spec, allow_nan=False)
