"""htmldate's page date never depends on the day the code runs (#20 item 4)."""

import json
from datetime import datetime

import pandas as pd

from workbench.clean.html import LATEST_PAGE_DATE, date_params, extract_html
from workbench.ingest import load_articles

_BODY = ("<p>LONDON (Reuters) - The council approved the budget on a vote of nine to two, "
         "officials said, after a debate that lasted most of the day and into the night.</p>"
         * 4)


def _page(published: str) -> str:
    return (f'<html><head><title>Council approves budget</title>'
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><article><h1>Council approves budget</h1>{_BODY}</article></body></html>")


def test_max_date_is_the_crawl_date_or_a_fixed_day():
    assert date_params(datetime(2021, 3, 5, 12))["max_date"] == "2021-03-06"
    assert date_params()["max_date"] == LATEST_PAGE_DATE.strftime("%Y-%m-%d") == "2099-12-31"


def test_page_date_bounded_by_its_crawl_date():
    crawled = datetime(2021, 3, 5, 12, 0)
    assert extract_html(_page("2021-03-04T10:00:00Z"), crawl_date=crawled).date == "2021-03-04"
    # a date after the crawl is no publication date, though it is long past today
    late = extract_html(_page("2021-03-09T10:00:00Z"), crawl_date=crawled).date
    assert late is None or late <= "2021-03-06"


def test_page_without_crawl_date_keeps_a_date_after_today():
    # htmldate's default ceiling is today: this date was dropped until 2090
    assert extract_html(_page("2090-05-06T10:00:00Z")).date == "2090-05-06"


def test_load_passes_the_record_crawl_date_to_htmldate(tmp_path):
    records = [
        {"html": _page("2021-03-04T10:00:00Z"), "date_download": "2021-03-05 12:00:00",
         "url": "https://a.example/council"},
        {"html": _page("2021-03-09T10:00:00Z"), "date_download": "2021-03-05 12:00:00",
         "url": "https://a.example/council-late"},
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    articles, _ = load_articles(path)
    got = articles.set_index("url")
    assert got.loc["https://a.example/council", "published_date"] == pd.Timestamp("2021-03-04")
    assert got.loc["https://a.example/council", "published_date_source"] == "html-meta"
    late = got.loc["https://a.example/council-late", "published_date"]
    assert pd.isna(late) or late < pd.Timestamp("2021-03-06")
