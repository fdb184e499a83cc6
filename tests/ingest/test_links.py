"""Reads what researchers have (#20 item 8): Media Cloud CSV, GDELT DOC/GKG exports, URL lists.

Pages are fetched only with ``fetch=True``, from a local HTTP server in a thread, never the
internet.
"""

from __future__ import annotations

import csv
import http.server
import json
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from workbench.ingest import load_articles, read_links
from workbench.ingest.fetch import FetchOptions

STORY = ("LONDON (Reuters) - The council approved the budget on a vote of nine to two, officials "
         "said, after a debate that lasted most of the day. The mayor said the plan would fund "
         "new schools and repair the harbour wall before the winter storms. ")
MC_HEADER = ["id", "indexed_date", "language", "media_name", "media_url", "publish_date", "title",
             "url"]


def _page(title: str, body: str) -> str:
    paras = "".join(f"<p>{body} Part {i}.</p>" for i in range(4))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paras}</article></body></html>")


class _Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str]] = {}
    requests: list[tuple[float, str]] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).requests.append((time.monotonic(), self.path))
        status, body = self.pages.get(self.path, (404, "<html><body>not here</body></html>"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt"
                         else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def site():
    """A local news site: two stories, a robots.txt that disallows /private/, a 404."""
    _Site.requests = []
    _Site.pages = {
        "/robots.txt": (200, "User-agent: *\nDisallow: /private/\n"),
        "/2021/03/04/budget.html": (200, _page("Council approves budget", STORY)),
        "/news/harbour.html": (200, _page("Harbour wall to be repaired",
                                          STORY.replace("council", "city"))),
        "/private/secret.html": (200, _page("Secret", STORY)),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LOCAL = FetchOptions(delay=0.3, timeout=5, allow_private=True)


def _by_url(articles: pd.DataFrame) -> pd.DataFrame:
    return articles.set_index("url")


# --- Media Cloud ---------------------------------------------------------------------------
def test_media_cloud_csv_keeps_date_and_outlet(tmp_path):
    path = tmp_path / "mc.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*MC_HEADER, "text"])
        w.writerow(["1", "2021-03-05 01:02:03", "en", "Evening Herald", "herald.example",
                    "2021-03-04 10:00:00", "Council approves budget",
                    "https://herald.example/story/123", STORY * 2])
    articles, report = load_articles(path)
    assert list(report["status"]) == ["loaded"]
    row = articles.iloc[0]
    assert row.outlet == "Evening Herald" and row.outlet_source == "record"
    assert row.published_date == pd.Timestamp("2021-03-04 10:00:00")
    assert row.published_date_source == "record"
    assert row.headline == "Council approves budget"


def test_media_cloud_csv_without_text_is_links_fetched_on_request(tmp_path, site):
    path = tmp_path / "mc.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(MC_HEADER)
        w.writerow(["1", "2021-03-05 01:02:03", "en", "Evening Herald", "herald.example",
                    "2021-03-04 10:00:00", "Council approves budget",
                    f"{site}/2021/03/04/budget.html"])
    links = read_links(path)
    assert links.loc[0, "outlet"] == "Evening Herald"
    assert links.loc[0, "published_date"] == pd.Timestamp("2021-03-04 10:00:00")
    articles, report = load_articles(path)
    assert articles.empty and list(report["status"]) == ["skipped"]
    assert "fetch=True" in report.loc[0, "reason"] and "Evening Herald" in report.loc[0, "reason"]
    assert _Site.requests == []  # nothing fetched unless asked
    articles, report = load_articles(path, fetch=True, fetch_options=LOCAL)
    assert list(report["status"]) == ["loaded"]
    row = articles.iloc[0]
    assert row.outlet == "Evening Herald" and row.published_date == pd.Timestamp("2021-03-04 10:00")
    assert "council approved the budget" in row.text
    assert row.metadata["fetched_url"] == f"{site}/2021/03/04/budget.html"


# --- GDELT ---------------------------------------------------------------------------------
def _gkg_row(record_id, date, collection, domain, url, title):
    fields = [""] * 27
    fields[0], fields[1], fields[2], fields[3], fields[4] = record_id, date, collection, domain, url
    fields[26] = f"<PAGE_LINKS></PAGE_LINKS><PAGE_TITLE>{title}</PAGE_TITLE>"
    return "\t".join(fields)


def test_gdelt_gkg_raw_file_is_read_as_links(tmp_path, site):
    path = tmp_path / "20210304120000.gkg.csv"
    path.write_text("\n".join([
        _gkg_row("20210304120000-0", "20210304120000", "1", "herald.example",
                 f"{site}/2021/03/04/budget.html", "Council approves budget"),
        _gkg_row("20210304120000-1", "20210304121500", "1", "gazette.example",
                 f"{site}/news/harbour.html", "Harbour wall to be repaired"),
        _gkg_row("20210304120000-2", "20210304121500", "2", "Some Journal",
                 "Printed citation, page 4", ""),
    ]) + "\n", encoding="utf-8")
    links = read_links(path)
    assert list(links["url"]) == [f"{site}/2021/03/04/budget.html", f"{site}/news/harbour.html"]
    assert list(links["published_date"]) == [pd.Timestamp("2021-03-04 12:00"),
                                              pd.Timestamp("2021-03-04 12:15")]
    assert list(links["source_domain"]) == ["herald.example", "gazette.example"]
    assert list(links["headline"]) == ["Council approves budget", "Harbour wall to be repaired"]
    _, report = load_articles(path)
    assert list(report["status"]) == ["skipped"] * 3
    assert "not a web document (GDELT source collection 2)" in report.loc[2, "reason"]
    articles, report = load_articles(path, fetch=True, fetch_options=LOCAL)
    assert list(report["status"]) == ["loaded", "loaded", "skipped"]
    got = _by_url(articles)
    assert got.loc[f"{site}/news/harbour.html", "published_date"] == pd.Timestamp(
        "2021-03-04 12:15")
    assert got.loc[f"{site}/news/harbour.html", "headline"] == "Harbour wall to be repaired"


def test_gdelt_doc_api_csv_and_json(tmp_path):
    csv_path = tmp_path / "artlist.csv"
    csv_path.write_bytes("\ufeffURL,MobileURL,Date,Title\n"
                         "https://herald.example/a,,2021-03-04 10:15:00,Council approves budget\n"
                         .encode("utf-8"))
    json_path = tmp_path / "artlist.json"
    json_path.write_text(json.dumps({"articles": [{
        "url": "https://gazette.example/b", "url_mobile": "", "title": "Harbour wall",
        "seendate": "20210304T101500Z", "socialimage": "", "domain": "gazette.example",
        "language": "English", "sourcecountry": "United Kingdom"}]}), encoding="utf-8")
    links = read_links([csv_path, json_path]).set_index("url")
    assert links.loc["https://herald.example/a", "published_date"] == pd.Timestamp(
        "2021-03-04 10:15")
    assert links.loc["https://herald.example/a", "headline"] == "Council approves budget"
    assert links.loc["https://gazette.example/b", "published_date"] == pd.Timestamp(
        "2021-03-04 10:15")
    assert links.loc["https://gazette.example/b", "source_domain"] == "gazette.example"


# --- a plain list of URLs, fetched politely ------------------------------------------------
def test_url_list_fetched_politely_with_every_failure_reported(tmp_path, site):
    dead = "http://127.0.0.1:9/nothing-listens-here.html"
    path = tmp_path / "urls.txt"
    path.write_text("\n".join([f"{site}/2021/03/04/budget.html", f"{site}/private/secret.html",
                               f"{site}/gone.html", f"{site}/news/harbour.html", dead]) + "\n",
                    encoding="utf-8")
    _, report = load_articles(path)
    assert list(report["status"]) == ["skipped"] * 5 and _Site.requests == []

    articles, report = load_articles(path, fetch=True, fetch_options=LOCAL)
    assert list(report["status"]) == ["loaded", "skipped", "failed", "loaded", "failed"]
    reasons = list(report["reason"])
    assert "disallowed by" in reasons[1] and "robots.txt" in reasons[1]
    assert "HTTP status 404" in reasons[2] and "gone.html" in reasons[2]
    assert "no response" in reasons[4] and dead in reasons[4]
    assert len(articles) == 2
    got = _by_url(articles)
    assert got.loc[f"{site}/2021/03/04/budget.html", "published_date"] == pd.Timestamp(
        "2021-03-04")  # from its URL
    paths = [p for _, p in _Site.requests]
    assert paths.count("/robots.txt") == 1 and "/private/secret.html" not in paths
    times = [t for t, _ in _Site.requests]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= LOCAL.delay * 0.95  # one request per delay to the host


def test_private_addresses_refused_unless_allowed(tmp_path, site):
    path = tmp_path / "urls.txt"
    path.write_text(f"{site}/2021/03/04/budget.html\n", encoding="utf-8")
    articles, report = load_articles(path, fetch=True,
                                     fetch_options=FetchOptions(delay=0, timeout=5))
    assert articles.empty and report.loc[0, "status"] == "failed"
    assert "no response" in report.loc[0, "reason"]


def test_text_file_that_is_an_article_is_not_a_link_list(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY + "\nhttps://herald.example/more\n", encoding="utf-8")
    articles, report = load_articles(path)
    assert list(report["status"]) == ["loaded"] and len(articles) == 1


@pytest.mark.parametrize("name", ["urls.txt"])
def test_link_records_count_in_equals_count_out(tmp_path, name):
    path = tmp_path / name
    path.write_text("https://a.example/1\n\nhttps://b.example/2\n", encoding="utf-8")
    _, report = load_articles(path)
    assert list(report["record"]) == ["line 1", "line 3"]
    assert Path(report.loc[0, "source_path"]) == path


def test_cli_ingest_fetches_only_with_fetch(tmp_path, site):
    from workbench.cli import main
    from workbench.store import CorpusStore

    path = tmp_path / "urls.txt"
    path.write_text(f"{site}/2021/03/04/budget.html\n", encoding="utf-8")
    store = tmp_path / "s"
    assert main(["ingest", str(path), "--store", str(store)]) == 0
    assert _Site.requests == [] and CorpusStore(store).article_ids() == set()
    # the CLI keeps trafilatura's protection of private addresses: the local site is refused
    assert main(["ingest", str(path), "--store", str(store), "--fetch",
                 "--fetch-delay", "0"]) == 1
    report = CorpusStore(store).load_report()
    assert sorted(report["status"]) == ["failed", "skipped"]
    assert "no response" in report.set_index("status").loc["failed", "reason"]
