"""Anchoring rules of relative dates, on sentences written here (issue #19, item 3).

A relative date is anchored on the article's stated date, else its own dateline's date, else an
inferred date only when that is a single day; otherwise it is the interval the publication
window allows, and a year the text mentions as background is never an anchor.
"""

from datetime import date

import pandas as pd

from workbench.annotate.dates import extract_dates, reanchor_timex_rows
from workbench.annotate.pubdate import infer_publication_date

D = pd.Timestamp


def _rows(nlp, text, **article):
    rows, pub = extract_dates(nlp(text), {"article_id": "a", "text": text, **article}, [])
    return {r["timex_text"]: r for r in rows}, pub


def test_dateline_date_is_the_anchor(nlp):
    text = ("TOKYO, March 3, 2021 (Reuters) - Japan's foreign minister met his US counterpart "
            "on Monday.")
    rows, _ = _rows(nlp, text)
    monday = rows["on Monday"]
    assert monday["anchor_source"] == "dateline"
    assert monday["anchor_date"] == D("2021-03-03")
    assert monday["start_date"] == D("2021-03-01")  # the Monday before Wednesday 3 March
    assert "dateline" in rows["March 3, 2021"]["note"]


def test_dateline_date_is_not_a_date_mentioned(nlp):
    """A clock time after the dateline is read against the anchor, not as 'the date before'."""
    text = "TOKYO, March 3, 2021 (Reuters) - The ministers met at 10 a.m., officials said."
    rows, _ = _rows(nlp, text)
    clock = rows["10 a.m."]
    assert clock["anchor_source"] == "dateline"
    assert "last date mentioned" not in clock["note"]


def test_dateline_without_year_takes_it_from_the_window(nlp):
    text = ("TOKYO, March 3 (Reuters) - The minister met his US counterpart on Monday. "
            "Copyright 2021 Example News. The Biden administration welcomed it.")
    rows, _ = _rows(nlp, text)
    assert rows["on Monday"]["anchor_source"] == "dateline"
    assert rows["on Monday"]["start_date"] == D("2021-03-01")


def test_stated_date_beats_the_dateline(nlp):
    text = "TOKYO, March 3, 2021 (Reuters) - The minister met his US counterpart on Monday."
    rows, _ = _rows(nlp, text, published_date=D("2021-03-09"))
    assert rows["on Monday"]["anchor_source"] == "published_date"
    assert rows["on Monday"]["start_date"] == D("2021-03-08")


def _story_rows(nlp, text):
    """The page's rows re-resolved over a story window of 2021-03-02..2021-03-12 (not a day)."""
    rows, _ = extract_dates(nlp(text), {"article_id": "a", "text": text}, [])
    return {r["timex_text"]: r for r in reanchor_timex_rows(
        rows, None, "publication_window", window=(date(2021, 3, 2), date(2021, 3, 12)))}


def test_unknown_anchor_gives_the_weekdays_interval(nlp):
    rows = _story_rows(nlp, "The minister met his US counterpart on Monday.")
    monday = rows["on Monday"]
    # publication on 2 to 7 March: Monday 1 March; on 8 to 12 March: Monday 8 March
    assert (monday["start_date"], monday["end_date"]) == (D("2021-03-01"), D("2021-03-08"))
    assert monday["is_ambiguous"] and "no day-precise anchor" in monday["note"]
    assert monday["anchor_source"] == "publication_window" and pd.isna(monday["anchor_date"])


def test_unknown_anchor_keeps_a_day_every_publication_day_agrees_on(nlp):
    rows = _story_rows(nlp, "The talks will resume on March 17.")
    day = rows["on March 17"]
    assert (day["start_date"], day["end_date"]) == (D("2021-03-17"), D("2021-03-17"))
    assert not day["is_ambiguous"]


def test_inferred_day_in_a_wide_window_is_no_anchor(nlp):
    text = ("The mayor said on Tuesday that the new bridge will open on October 12. "
            "Copyright 2022 Example News. The project started under President Joe Biden.")
    rows, pub = _rows(nlp, text)
    assert pub["published_date"] is not None and pub["earliest_date"] < pub["latest_date"]
    assert rows["on Tuesday"]["start_date"] is None  # not one guessed Tuesday


def test_background_year_is_never_an_anchor(nlp):
    text = ("Residents marked the anniversary of the 2011 disaster on Sunday. A photo from "
            "2011 shows the flooded port. Rebuilding has gone on since 2011.")
    rows, pub = _rows(nlp, text)
    sunday = rows["on Sunday"]
    assert sunday["start_date"] is None and sunday["anchor_source"] == "none"
    assert pub["published_date"] is None or pub["earliest_date"] < pub["latest_date"]


def test_background_year_from_is_no_upper_bound():
    """'from 1948' (a photo, a record) does not say the page was published by 1948."""
    rows = [{"timex_text": "from 1948", "direction": "present", "start_char": 0},
            {"timex_text": "since 1948", "direction": "present", "start_char": 20}]
    pub = infer_publication_date({"text": "x"}, rows)
    assert pub["latest_date"] is None or pub["latest_date"] > D("1948-01-01")
