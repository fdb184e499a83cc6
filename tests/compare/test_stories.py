"""Story grouping: same event together, same topic apart, manual merge and split."""

import pandas as pd
import pytest

from workbench import schema
from workbench.compare import group_stories, merge_stories, split_story

QUAKE_A = [
    ("A magnitude 6.8 earthquake struck Niigata prefecture on Monday, killing 4 people",
     "The quake hit Niigata at 10:12 local time; officials in Kashiwazaki said 4 people died and "
     "120 were hurt when houses collapsed. Bullet train services to Niigata were halted."),
    ("Niigata quake kills four, injures 120",
     "Four people died and about 120 were injured after a 6.8 quake shook Niigata on Monday. "
     "Kashiwazaki city hall said dozens of wooden houses collapsed; trains were halted."),
    ("Strong earthquake in Niigata leaves 4 dead",
     "A 6.8-magnitude tremor rocked Niigata prefecture, with Kashiwazaki the worst hit: four "
     "people were killed and 120 hurt, and bullet trains stopped."),
]
QUAKE_B = [
    ("Earthquake of magnitude 5.1 shakes Hokkaido, no damage reported",
     "A 5.1 earthquake shook eastern Hokkaido near Kushiro on Friday. The Japan Meteorological "
     "Agency issued no tsunami warning and Kushiro police reported no damage."),
    ("Hokkaido jolted by 5.1 quake near Kushiro",
     "Residents of Kushiro in Hokkaido felt a magnitude 5.1 tremor on Friday; no tsunami "
     "warning was issued and no damage was reported by Kushiro police."),
]
BUDGET = [
    ("City council passes Harwick budget after late-night vote",
     "Harwick's council approved a 310 million budget by 7 votes to 2, funding the Elm Street "
     "library and cutting parking fees."),
]


def _articles(groups):
    rows = []
    for g, items in enumerate(groups):
        for k, (head, text) in enumerate(items):
            rows.append({"article_id": f"g{g}a{k}", "headline": head, "text": text,
                         "published_date": pd.Timestamp("2024-03-04") + pd.Timedelta(days=g * 40),
                         "gold": g})
    return pd.DataFrame(rows)


def test_same_event_grouped_same_topic_separated():
    arts = _articles([QUAKE_A, QUAKE_B, BUDGET])
    stories = group_stories(arts)
    schema.validate(stories, "stories")
    got = dict(zip(stories["article_id"], stories["story_id"]))
    labels = arts["article_id"].map(got)
    for _, grp in arts.groupby("gold"):
        assert labels[grp.index].nunique() == 1
    assert labels.nunique() == 3
    assert stories["membership_confidence"].between(0, 1).all()
    quake = stories[stories["article_id"] == "g0a0"]["story_label"].iloc[0]
    assert "Niigata" in quake and "2024-03-04" in quake


def test_does_not_mutate_and_handles_empty():
    arts = _articles([QUAKE_A])
    before = arts.copy()
    group_stories(arts)
    pd.testing.assert_frame_equal(arts, before)
    assert group_stories(arts.iloc[:0]).empty
    one = group_stories(arts.iloc[:1])
    assert len(one) == 1 and one["membership_confidence"].iloc[0] == 1.0


def test_seed_pages_group_together(sample_corpus):
    stories = group_stories(sample_corpus.articles)
    assert stories["story_id"].nunique() == 1 and len(stories) == 2


def test_merge_and_split():
    arts = _articles([QUAKE_A, QUAKE_B])
    stories = group_stories(arts)
    ids = stories["story_id"].unique().tolist()
    merged = merge_stories(stories, ids)
    assert merged["story_id"].nunique() == 1
    sid = merged["story_id"].iloc[0]
    split = split_story(merged, sid, ["g1a0", "g1a1"])
    assert split["story_id"].nunique() == 2
    assert set(split.groupby("story_id")["article_id"].apply(frozenset)) == {
        frozenset({"g0a0", "g0a1", "g0a2"}), frozenset({"g1a0", "g1a1"})}
    with pytest.raises(KeyError):
        merge_stories(stories, ["nope"])
    with pytest.raises(KeyError):
        split_story(merged, sid, ["not-a-member"])
