"""Story grouping: same event together, same topic apart, labels, threads, merge and split."""

import pandas as pd
import pytest

from workbench import schema
from workbench.compare import (
    group_stories,
    link_threads,
    make_story,
    merge_stories,
    single_story,
    split_story,
)
from workbench.compare.stories import story_label

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
    label = dict(zip(stories["article_id"], stories["story_label"]))
    # the headline sharing most with the other two ("Niigata", "quake", "4"/"four" ...)
    assert label["g0a0"] in {h for h, _ in QUAKE_A}
    assert label["g1a0"] in {h for h, _ in QUAKE_B}
    assert label["g2a0"] == BUDGET[0][0]
    # three stories far apart in time, nothing shared: three threads of one
    assert stories.groupby("story_id")["thread_id"].nunique().eq(1).all()
    assert stories["thread_id"].nunique() == 3


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
    merged = merge_stories(stories, ids, articles=arts)
    assert merged["story_id"].nunique() == 1 and merged["thread_id"].nunique() == 1
    assert merged["story_label"].iloc[0] in set(arts["headline"])
    sid = merged["story_id"].iloc[0]
    split = split_story(merged, sid, ["g1a0", "g1a1"], articles=arts)
    assert split["story_id"].nunique() == 2
    # both parts stay in one thread; each is labelled by one of its own headlines
    assert split["thread_id"].nunique() == 1
    for _, grp in split.groupby("story_id"):
        assert grp["story_label"].iloc[0] in set(arts.loc[arts["article_id"].isin(
            grp["article_id"]), "headline"])
    assert set(split.groupby("story_id")["article_id"].apply(frozenset)) == {
        frozenset({"g0a0", "g0a1", "g0a2"}), frozenset({"g1a0", "g1a1"})}
    with pytest.raises(KeyError):
        merge_stories(stories, ["nope"])
    with pytest.raises(KeyError):
        split_story(merged, sid, ["not-a-member"])


def test_story_label_is_the_central_headline():
    heads = ["Suez Canal blocked by giant container ship Ever Given",
             "Ever Given container ship still stuck in Suez Canal",
             "Markets: oil prices rise",
             None]
    assert story_label(heads) == heads[1] or story_label(heads) == heads[0]
    # a tie goes to the earliest published
    tie = ["Ship stuck in canal", "Canal ship stuck"]
    assert story_label(tie, ["2021-03-25", "2021-03-24"]) == "Canal ship stuck"
    long = "Word " * 40
    short = story_label([long])
    assert len(short) <= 101 and short.endswith("…") and " Wor…" not in short
    assert story_label([None, ""], names=["Jen Psaki", "Suez Canal"]) == "Jen Psaki, Suez Canal"


def test_seed_pages_label_is_a_headline(sample_corpus):
    stories = group_stories(sample_corpus.articles)
    assert stories["story_label"].iloc[0] in set(sample_corpus.articles["headline"])


TALKS = [
    ("Acme and Borlan announce merger plan",
     "Acme Corp and Borlan Industries said on Monday they plan to merge. Acme chief executive "
     "Dana Whitfield will lead the combined company, based in Harwick."),
    ("Acme, Borlan unveil merger",
     "Acme Corp agreed to buy Borlan Industries, Dana Whitfield told reporters in Harwick."),
]
TALKS_LATER = [
    ("Regulators question Acme-Borlan deal",
     "Competition regulators opened a review of the Acme Corp takeover of Borlan Industries; "
     "Dana Whitfield said in Harwick she expected approval by summer."),
    ("Acme Borlan deal faces review",
     "The Acme Corp bid for Borlan Industries drew a regulatory review, Dana Whitfield said."),
]


def _dated(groups, days):
    rows = []
    for g, (items, day) in enumerate(zip(groups, days, strict=True)):
        for k, (head, text) in enumerate(items):
            rows.append({"article_id": f"g{g}a{k}", "headline": head, "text": text,
                         "published_date": pd.Timestamp("2024-03-04") + pd.Timedelta(days=day)})
    return pd.DataFrame(rows)


def test_threads_link_a_developing_story_within_the_window():
    arts = _dated([TALKS, TALKS_LATER, BUDGET], [0, 9, 9])
    # as two stories (the announcement and the review), however grouping would cut them
    stories = single_story(arts.iloc[:2])
    stories = pd.concat([stories, single_story(arts.iloc[2:4]), single_story(arts.iloc[4:])])
    linked = link_threads(stories, arts)
    schema.validate(linked, "stories")
    thread = dict(zip(linked["article_id"], linked["thread_id"]))
    assert thread["g0a0"] == thread["g1a0"] != thread["g2a0"]
    assert linked["story_id"].nunique() == 3
    # the same two stories months apart are two threads
    far = _dated([TALKS, TALKS_LATER, BUDGET], [0, 200, 9])
    apart = dict(zip(*link_threads(stories, far)[["article_id", "thread_id"]].T.values))
    assert apart["g0a0"] != apart["g1a0"]
    # ids are stable: the same stories give the same thread id
    assert link_threads(stories, arts)["thread_id"].tolist() == linked["thread_id"].tolist()


def test_single_and_made_stories():
    arts = _articles([QUAKE_A, QUAKE_B, BUDGET])
    one = single_story(arts)
    assert one["story_id"].nunique() == 1 and one["thread_id"].nunique() == 1
    assert len(one) == len(arts) and (one["membership_confidence"] == 1.0).all()
    assert one["story_label"].iloc[0] in set(arts["headline"])
    assert single_story(arts.iloc[:0]).empty
    stories = group_stories(arts)
    made = make_story(stories, ["g0a0", "g1a0"], articles=arts)
    schema.validate(made, "stories")
    groups = set(made.groupby("story_id")["article_id"].apply(frozenset))
    assert frozenset({"g0a0", "g1a0"}) in groups
    assert frozenset({"g0a1", "g0a2"}) in groups and frozenset({"g1a1"}) in groups
    # the new story joins the threads it drew from; the budget story stays on its own
    thread = dict(zip(made["article_id"], made["thread_id"]))
    assert thread["g0a0"] == thread["g0a1"] == thread["g1a1"] != thread["g2a0"]
    with pytest.raises(KeyError):
        make_story(stories, ["nope"])
