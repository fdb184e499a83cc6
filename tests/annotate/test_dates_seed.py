"""Seed acceptance for dates: every expression of both pages resolved, both publication dates inferred.

The seeds are two republications of one Reuters story (published Thursday 4 March 2021). One
page's URL carries the date; the other has only internal evidence plus its sibling.
"""

from datetime import date

import pandas as pd
import pytest
from helpers import SAMPLES

import workbench
from workbench.compare.story_dates import reanchor_timexes, refine_publication_dates

D = pd.Timestamp


def _article_id(corpus, url_part):
    rows = corpus.articles[corpus.articles["url"].fillna("").str.contains(url_part, regex=False)]
    assert len(rows) == 1
    return rows["article_id"].iloc[0]


@pytest.fixture(scope="module")
def ids(sample_corpus):
    return {"dated": _article_id(sample_corpus, "reu20210304"),
            "undated": _article_id(sample_corpus, "japantoday.com")}


def _rows(timexes, aid):
    return {r["timex_text"]: r for r in timexes[timexes["article_id"] == aid].to_dict("records")}


# (value, start, end, granularity); NaT end = open interval
DATED_EXPECTED = {
    "this month": ("2021-03", D("2021-03-01"), D("2021-03-31"), "month"),
    "on Thursday": ("2021-03-04", D("2021-03-04"), D("2021-03-04"), "day"),
    "in January": ("2021-01", D("2021-01-01"), D("2021-01-31"), "month"),
    "on March 17": ("2021-03-17", D("2021-03-17"), D("2021-03-17"), "day"),
    "two days from March 17": ("P2D", D("2021-03-17"), D("2021-03-18"), "day"),
    "this week": ("2021-W09", D("2021-03-01"), D("2021-03-07"), "week"),
}
# The undated page's story window is 2021-03-04..2021-03-10 (on or after the sibling's
# Thursday, within the week): not one day, so its relative expressions are resolved over every
# day of it. "on Thursday" is the same day for all of them; "this week" and "since" are not.
UNDATED_EXPECTED = {
    "from March 15": ("2021-03-15", D("2021-03-15"), pd.NaT, "day"),
    "on Thursday": ("2021-03-04", D("2021-03-04"), D("2021-03-04"), "day"),
}
UNDATED_INTERVALS = {
    "since April 2019": ("2019-04", D("2019-04-01"), D("2021-03-10"), "month"),
    "this week": ("XXXX-WXX", D("2021-03-01"), D("2021-03-14"), "week"),
}


def _check(rows, expected, *, ambiguous=False):
    for text, (value, start, end, gran) in expected.items():
        assert text in rows, f"{text!r} not found; got {sorted(rows)}"
        row = rows[text]
        assert row["value"] == value, text
        assert row["start_date"] == start, text
        assert (pd.isna(row["end_date"]) and pd.isna(end)) or row["end_date"] == end, text
        assert row["granularity"] == gran, text
        assert bool(row["is_ambiguous"]) is ambiguous, text


def test_dated_page_every_expression(sample_corpus, ids):
    pub = sample_corpus.publication_dates.set_index("article_id").loc[ids["dated"]]
    assert pub["published_date"] == D("2021-03-04")
    assert pub["published_date_source"] == "url"
    rows = _rows(sample_corpus.timexes, ids["dated"])
    _check(rows, DATED_EXPECTED)
    assert rows["on Thursday"]["direction"] == "past"
    assert rows["on March 17"]["direction"] == "future"
    assert rows["this month"]["anchor_source"] == "published_date"


def test_undated_page_own_evidence(sample_corpus, ids):
    pub = sample_corpus.page_publication_dates.set_index("article_id").loc[ids["undated"]]
    assert pub["published_date_source"] == "inferred"
    # copyright 2021, Biden in office, "from March 15" still ahead, "said on Thursday"
    assert pub["earliest_date"] >= D("2021-01-20")
    assert pub["latest_date"] <= D("2021-03-15")
    assert pub["earliest_date"] <= D("2021-03-04") <= pub["latest_date"]
    assert pub["published_date"].dayofweek == 3  # a Thursday
    for clue in ("copyright", "Biden", "from March 15", "Thursday"):
        assert clue in pub["evidence"]


def test_undated_page_refined_by_sibling(sample_corpus, ids):
    refined = refine_publication_dates(
        sample_corpus.page_publication_dates, sample_corpus.stories,
        articles=sample_corpus.articles, timexes=sample_corpus.page_timexes,
    )
    pub = refined.set_index("article_id").loc[ids["undated"]]
    assert pub["published_date"] == D("2021-03-04")
    assert pub["earliest_date"] == D("2021-03-04")
    assert pub["latest_date"] <= D("2021-03-10")
    assert ids["dated"] in pub["evidence"]
    # the dated page is untouched
    dated = refined.set_index("article_id").loc[ids["dated"]]
    assert dated["published_date"] == D("2021-03-04") and dated["published_date_source"] == "url"

    timexes = reanchor_timexes(sample_corpus.page_timexes, refined,
                               articles=sample_corpus.articles)
    _check(_rows(timexes, ids["undated"]), UNDATED_EXPECTED)
    _check(_rows(timexes, ids["undated"]), UNDATED_INTERVALS, ambiguous=True)
    thursday = _rows(timexes, ids["undated"])["on Thursday"]
    assert thursday["anchor_source"] == "publication_window" and pd.isna(thursday["anchor_date"])
    _check(_rows(timexes, ids["dated"]), DATED_EXPECTED)


def test_refinement_without_texts_narrows_interval(sample_corpus, ids):
    refined = refine_publication_dates(sample_corpus.page_publication_dates,
                                       sample_corpus.stories)
    pub = refined.set_index("article_id").loc[ids["undated"]]
    assert D("2021-03-02") <= pub["earliest_date"] <= pub["latest_date"] <= D("2021-03-11")
    assert pub["published_date"].date() <= date(2021, 3, 11)


def test_corpus_tables_use_the_story(sample_corpus, ids):
    """``corpus.publication_dates`` and ``corpus.timexes`` are the story-refined tables."""
    own = sample_corpus.page_publication_dates.set_index("article_id").loc[ids["undated"]]
    pub = sample_corpus.publication_dates.set_index("article_id").loc[ids["undated"]]
    assert own["published_date"] != D("2021-03-04")  # the page alone cannot tell which Thursday
    assert pub["published_date"] == D("2021-03-04") and ids["dated"] in pub["evidence"]
    rows = _rows(sample_corpus.timexes, ids["undated"])
    _check(rows, UNDATED_EXPECTED)
    assert rows["on Thursday"]["anchor_source"] == "publication_window"
    dates = sample_corpus.story_dates
    thursday = dates[(dates["article_id"] == ids["undated"])
                     & (dates["timex_text"] == "on Thursday")]
    assert thursday["start_date"].tolist() == [D("2021-03-04")]
    # a manual split drops the refinement with the story
    split = workbench.load(SAMPLES)
    assert split.publication_dates.set_index("article_id").loc[ids["undated"], "published_date"] \
        == D("2021-03-04")
    split.split_story(split.stories["story_id"].iloc[0], [ids["undated"]])
    alone = split.publication_dates.set_index("article_id").loc[ids["undated"]]
    assert alone["published_date"] == own["published_date"]
