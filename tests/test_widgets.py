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


def test_outlet_select_narrows_columns_and_chart(corpus):
    box = widgets.compare_dashboard(corpus)
    box.outlets.value = ("Outlet 0", "Outlet 2")
    assert box.view.value.count('<div class="wb-outlet">') == 2
    assert "Outlet 1" not in box.view.value
    data = next(iter(box.chart.spec["datasets"].values()))
    assert sorted(r["outlet"] for r in data) == ["Outlet 0", "Outlet 2"]


def test_kind_filter_hides_discrepancies(corpus):
    box = widgets.compare_dashboard(corpus)
    assert box.kinds.options == ("count",)
    assert "<mark class=\"wb-disc\" title=" in box.view.value
    box.kinds.value = ()
    assert "<mark class=\"wb-disc\" title=" not in box.view.value
    assert "No discrepancies" in box.table.value


def test_story_change_resets_outlets(corpus):
    box = widgets.compare_dashboard(corpus)
    box.outlets.value = ("Outlet 0",)
    box.picker.value = "story-1"
    assert box.outlets.value == ("Outlet 0", "Outlet 1", "Outlet 2")
    assert box.view.value.count('<div class="wb-outlet">') == 3


def test_ungrouped_corpus_is_one_labelled_pseudo_story(corpus):
    corpus.stories = corpus.stories.iloc[:0]
    corpus.alignments = corpus.alignments.iloc[:0]
    box = widgets.compare_dashboard(corpus)
    (label, sid), = box.picker.options
    assert sid == widgets.ALL_ARTICLES and "not grouped" in label and "(6 articles)" in label
    assert box.view.value.count('<div class="wb-outlet">') == 6
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
