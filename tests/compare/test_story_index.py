"""The story index (compare stage): one story's rows, without widgets."""

import subprocess
import sys

import pytest
from story_fixture import XSS_TEXT, build_corpus

from workbench.compare import StoryIndex
from workbench.compare.story_index import ALL_ARTICLES


@pytest.fixture()
def corpus():
    return build_corpus(n_stories=2, n_articles=3, n_sentences=5, payload=XSS_TEXT)


def test_one_story_rows_and_labels(corpus):
    index = StoryIndex(corpus)
    assert index.pick() == "story-0"  # largest first, ties by id
    assert index.article_ids("story-1") == ["s1a000", "s1a001", "s1a002"]
    assert index.outlets("story-1") == ["Outlet 0", "Outlet 1", "Outlet 2"]
    sents = index.table("sentences", "story-1", outlets=["Outlet 2"])
    assert set(sents["article_id"]) == {"s1a002"} and list(sents.columns) == list(
        corpus.sentences.columns)
    # labels are text: the payload's angle brackets never reach them
    labels = [label for label, _ in index.options() + index.article_options("story-0")]
    assert labels and not any("<" in label or ">" in label for label in labels)


def test_ungrouped_corpus_is_one_pseudo_story(corpus):
    corpus.stories = corpus.stories.iloc[:0]
    index = StoryIndex(corpus)
    assert index.pick() == ALL_ARTICLES
    assert len(index.article_ids(ALL_ARTICLES)) == len(corpus.articles)


def test_widgets_story_index_is_the_same_index_plus_view_state(corpus):
    from workbench import widgets

    index = widgets.StoryIndex(corpus)
    assert isinstance(index, StoryIndex) and widgets.ALL_ARTICLES == ALL_ARTICLES
    assert index.default_articles("story-1", limit=2) == index.article_ids("story-1")[:2]


def test_story_index_needs_no_widget_library():
    code = ("import sys; import workbench.compare.story_index; "
            "print(sorted(m for m in ('ipywidgets', 'IPython', 'altair') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
