"""Settings objects (#21 item 5): one frozen value per stage, keywords still override a field."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from helpers import FIXTURES, SAMPLES

import workbench
from workbench.compare import group_stories
from workbench.ingest import LoadError
from workbench.settings import AnnotateSettings, GroupingSettings, LoadSettings
from workbench.store import CorpusStore

DAM = FIXTURES / "compare" / "dam_story"


@pytest.fixture(scope="module")
def articles():
    """The three dam-story articles and the two seed pages (another event): text only."""
    dam = workbench.load(DAM, progress=False).articles
    seeds = workbench.load(SAMPLES, progress=False).articles
    return pd.concat([dam, seeds], ignore_index=True)


def _groups(stories: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g["article_id"]) for _, g in stories.groupby("story_id")}


def test_settings_are_frozen_and_hold_the_defaults():
    with pytest.raises(dataclasses.FrozenInstanceError):
        GroupingSettings().threshold = 0.5
    assert (GroupingSettings().threshold, GroupingSettings().strong_link) == (0.1, 0.24)
    assert (AnnotateSettings().batch_size, AnnotateSettings().chunk_size) == (200, 50)
    assert LoadSettings().max_bytes == workbench.ingest.DEFAULT_MAX_BYTES == 20_000_000


def test_grouping_settings_and_keywords_agree(articles):
    default = group_stories(articles)
    dam_ids = set(workbench.load(DAM, progress=False).articles["article_id"])
    assert frozenset(dam_ids) in _groups(default)  # the three dam articles are one story
    pd.testing.assert_frame_equal(group_stories(articles, settings=GroupingSettings()), default)
    # a threshold no two articles reach: every article alone, by keyword or by settings
    apart = group_stories(articles, threshold=0.99, strong_link=None)
    assert len(_groups(apart)) == len(articles)
    strict = GroupingSettings(threshold=0.99, strong_link=None)
    pd.testing.assert_frame_equal(group_stories(articles, settings=strict), apart)
    # a keyword overrides its field of the settings, the other fields stay
    pd.testing.assert_frame_equal(
        group_stories(articles, settings=strict, threshold=0.1, strong_link=0.24), default)


def test_bad_settings_are_named(articles):
    with pytest.raises(TypeError, match=r"group_stories\(\) got unexpected keyword.*'treshold'"):
        group_stories(articles, treshold=0.2)
    with pytest.raises(TypeError, match="settings must be a GroupingSettings, got LoadSettings"):
        group_stories(articles, settings=LoadSettings())
    with pytest.raises(TypeError, match=r"load\(\) got unexpected keyword.*'one_stroy'"):
        workbench.load(SAMPLES, one_stroy=True)


def test_load_settings(tmp_path):
    one = workbench.load(DAM, settings=LoadSettings(one_story=True, progress=False))
    assert one.one_story and one.stories["story_id"].nunique() == 1
    # the keyword wins over the settings field
    assert not workbench.load(DAM, settings=LoadSettings(one_story=True), one_story=False).one_story
    small = workbench.load(DAM, settings=LoadSettings(max_bytes=10, progress=False))
    assert small.articles.empty and set(small.load_report["status"]) == {"failed"}
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(LoadError, match="empty.txt"):
        workbench.load(tmp_path, settings=LoadSettings(strict=True))


def test_annotate_settings(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(DAM)
    run = AnnotateSettings(n_process=1, batch_size=1, compact=False)
    first = store.annotate(settings=run, batch_size=2)  # the keyword overrides batch_size=1
    assert (first.annotated, first.batches) == (3, 2)
    with pytest.raises(TypeError, match=r"annotate\(\) got unexpected keyword.*'workers'"):
        store.annotate(workers=2)
