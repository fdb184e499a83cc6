"""Publication date inference on pages written here, and cross-article refinement on a toy story."""

from datetime import date

import pandas as pd
import pytest

from workbench.annotate.dates import extract_dates
from workbench.annotate.pubdate import infer_publication_date, url_date
from workbench.compare.story_dates import refine_publication_dates


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2019/07/04/story-title", (date(2019, 7, 4), "day")),
        ("https://example.com/news/2020-02-29-leap", (date(2020, 2, 29), "day")),
        ("https://wire.example/en/news/abc20210304XYZ", (date(2021, 3, 4), "day")),
        ("https://example.com/2018/11/some-story", (date(2018, 11, 1), "month")),
        ("https://example.com/news/20210231-no-such-day", None),
        ("https://example.com/item/1234567890", None),
        (None, None),
    ],
)
def test_url_date(url, expected):
    found = url_date(url)
    assert (found[:2] if found else None) == expected


def _article(text, **kw):
    return {"article_id": "a", "text": text, "language": "en", "published_date": None,
            "published_date_source": None, "published_date_precision": None, "dateline": None,
            "url": None, "headline": None, "raw_text": None, **kw}


def test_stated_date_is_kept():
    row = infer_publication_date(_article("x", published_date=pd.Timestamp("2020-05-01"),
                                          published_date_source="html-meta",
                                          published_date_precision="day"), [])
    assert row["published_date"] == pd.Timestamp("2020-05-01")
    assert row["published_date_source"] == "html-meta"
    assert row["confidence"] == 1.0


def test_weekday_and_future_date_pin_the_week(nlp):
    text = ("The mayor said on Tuesday that the new bridge will open on October 12. "
            "Copyright 2022 Example News. The project started under President Joe Biden.")
    rows, pub = extract_dates(nlp(text), _article(text), [])
    assert pub["published_date_source"] == "inferred"
    assert pub["published_date"].dayofweek == 1  # a Tuesday
    assert pub["published_date"].year == 2022
    assert pub["published_date"] <= pd.Timestamp("2022-10-12")
    assert "Tuesday" in pub["evidence"] and "October 12" in pub["evidence"]
    # the best estimate is one Tuesday of a four-month window, not a day-precise anchor: the
    # weekday is left unresolved rather than dated to a guess; "October 12" is the same day for
    # every day of the window
    tuesday = next(r for r in rows if r["timex_text"] == "on Tuesday")
    assert tuesday["anchor_source"] == "none" and tuesday["start_date"] is None
    october = next(r for r in rows if r["timex_text"] == "on October 12")
    assert october["start_date"] == pd.Timestamp("2022-10-12")
    assert october["anchor_source"] == "publication_window"


def test_copyright_in_raw_text_only(nlp):
    text = "Officials said on Friday the talks would resume from June 3."
    rows, pub = extract_dates(nlp(text), _article(text, raw_text=text + "\n\u00a9 2019 Wire"), [])
    assert pub["latest_date"] <= pd.Timestamp("2019-06-03")
    assert pub["published_date"].dayofweek == 4
    assert "\u00a9 2019" in pub["evidence"]


def test_no_evidence_no_guess(nlp):
    text = "The council met on Monday to discuss the budget."
    rows, pub = extract_dates(nlp(text), _article(text), [])
    assert pub["published_date"] is None
    assert rows[0]["value"] == "XXXX-WXX-1"
    assert rows[0]["anchor_source"] == "none"


def test_former_president_is_not_incumbent():
    row = infer_publication_date(_article("Former President Barack Obama spoke. \u00a9 2023"), [])
    assert "incumbent" not in (row["evidence"] or "")


def test_refine_uses_dated_sibling(nlp):
    dated_text = "Rescuers said on Wednesday that two people were missing."
    undated_text = "Rescuers said on Wednesday two people were still missing. \u00a9 2020 Outlet"
    arts = pd.DataFrame([
        _article(dated_text, article_id="d", published_date=pd.Timestamp("2020-08-12"),
                 published_date_source="html-meta", published_date_precision="day"),
        _article(undated_text, article_id="u"),
    ])
    pubs, txs = [], []
    for rec in arts.to_dict("records"):
        rows, pub = extract_dates(nlp(rec["text"]), rec, [])
        pubs.append({"article_id": rec["article_id"], **pub})
        txs.extend({"article_id": rec["article_id"], **r} for r in rows)
    from workbench import schema

    pubs = schema.coerce(pubs, "publication_dates")
    txs = schema.coerce(txs, "timexes")
    assert pd.isna(pubs.set_index("article_id").loc["u", "published_date"]) or \
        pubs.set_index("article_id").loc["u", "published_date_source"] == "inferred"
    stories = pd.DataFrame({"story_id": ["s", "s"], "article_id": ["d", "u"],
                            "story_label": ["x", "x"], "membership_confidence": [1.0, 1.0]})
    refined = refine_publication_dates(pubs, stories, articles=arts, timexes=txs)
    row = refined.set_index("article_id").loc["u"]
    assert row["published_date"] == pd.Timestamp("2020-08-12")
    assert row["earliest_date"] >= pd.Timestamp("2020-08-12")
    assert row["latest_date"] <= pd.Timestamp("2020-08-18")
    assert "article d" in row["evidence"]
    assert refined.set_index("article_id").loc["d", "published_date_source"] == "html-meta"
