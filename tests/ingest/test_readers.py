"""Every input format loads, one load-report row per input or record, count in == count out."""

import gzip
import io
import json

import pandas as pd
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from workbench.ingest import load_articles

STORY = (
    "OSLO (Reuters) - Norway's central bank kept its main interest rate unchanged on Thursday, "
    "saying inflation had slowed faster than expected over the winter months.\n\n"
    "The bank said it expected to lower the rate later in the year if price growth kept easing, "
    "a shift from its guidance in December.\n\n"
    "Economists polled before the decision had been divided over whether a cut would come in "
    "the spring or only after the summer holidays.\n\n"
    "(Reporting by Nora Lind in Oslo; Editing by Peter Hall)"
)

HTML = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title}</title><meta property="og:site_name" content="Fjord Times"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>
{paras}</article><footer>All rights reserved</footer></body></html>"""


def html_page(title="Central bank holds rates steady", body=STORY, charset="utf-8"):
    paras = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return HTML.format(title=title, paras=paras, charset=charset)


def _loaded(articles, report, n):
    assert len(articles) == n
    assert (report["status"] == "loaded").sum() == n
    assert set(articles["article_id"]) == set(report.loc[report.status == "loaded", "article_id"])


def test_txt_and_gzipped_txt(tmp_path):
    (tmp_path / "a.txt").write_text("Norway central bank holds rates\n" + STORY, encoding="utf-8")
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(("Norway central bank holds rates again\n" + STORY).encode()))
    articles, report = load_articles(tmp_path)
    _loaded(articles, report, 2)
    assert set(report["input_format"]) == {"txt"}
    assert all(t.startswith("OSLO (Reuters) -") for t in articles["text"])
    assert set(articles["headline"]) == {"Norway central bank holds rates", "Norway central bank holds rates again"}


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.html.gz"])
def test_html_and_gzipped_html(tmp_path, name):
    data = html_page().encode()
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    articles, report = load_articles(tmp_path)
    _loaded(articles, report, 1)
    row = articles.iloc[0]
    assert row.input_format == "html"
    assert row.headline == "Central bank holds rates steady"
    assert row.text.startswith("OSLO (Reuters) - Norway's central bank")
    assert "Home" not in row.text
    assert row.wire_agency == "Reuters" and row.dateline == "OSLO"
    assert row.credits[0] == {"name": "Nora Lind", "role": "reporting", "place": "Oslo"}
    assert row.outlet == "Fjord Times" and row.outlet_source == "page"
    assert row.raw_text.startswith("<!DOCTYPE html>")


def test_json_news_please_record(tmp_path):
    rec = {
        "maintext": STORY, "title": "Norway holds rates", "date_publish": "2024-02-15 09:10:00",
        "source_domain": "www.reuters.com", "authors": ["Nora Lind"],
        "url": "https://www.reuters.com/markets/norway-rates-2024-02-15/", "language": "en",
        "image_url": "https://example.org/x.jpg",
    }
    (tmp_path / "one.json").write_text(json.dumps(rec), encoding="utf-8")
    articles, report = load_articles(tmp_path)
    _loaded(articles, report, 1)
    row = articles.iloc[0]
    assert row.headline == "Norway holds rates"
    assert row.url == rec["url"] and row.byline == "Nora Lind"
    assert row.outlet == "Reuters" and row.outlet_source == "url"
    assert str(row.published_date) == "2024-02-15 09:10:00"
    assert row.published_date_source == "record" and row.published_date_precision == "day"
    assert row.metadata["image_url"] == rec["image_url"]
    assert report.iloc[0]["record"] == ""


def test_json_list_of_records_one_row_each(tmp_path):
    recs = [{"text": STORY.replace("Norway", f"Country {i}"), "headline": f"H{i}"} for i in range(3)]
    recs.append({"summary": "no body here"})
    (tmp_path / "many.json").write_text(json.dumps({"articles": recs}), encoding="utf-8")
    articles, report = load_articles(tmp_path)
    assert list(report["record"]) == ["item 0", "item 1", "item 2", "item 3"]
    assert list(report["status"]) == ["loaded"] * 3 + ["failed"]
    assert "no text or html field" in report.iloc[3]["reason"]
    assert len(articles) == 3


def test_jsonl_names_the_bad_line(tmp_path):
    lines = [json.dumps({"text": STORY, "title": "A"}), "", "{not json",
             json.dumps({"content": STORY.replace("Norway", "Sweden"), "title": "B"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, report = load_articles(tmp_path)
    assert list(report["record"]) == ["line 1", "line 3", "line 4"]
    assert list(report["status"]) == ["loaded", "failed", "loaded"]
    assert "line 3" in report.iloc[1]["reason"] and "invalid JSON" in report.iloc[1]["reason"]
    assert len(articles) == 2


def test_jsonl_html_field(tmp_path):
    (tmp_path / "pages.jsonl").write_text(
        json.dumps({"html": html_page(), "url": "https://fjordtimes.example/2024/02/15/rates"}),
        encoding="utf-8")
    articles, _ = load_articles(tmp_path)
    row = articles.iloc[0]
    assert row.input_format == "jsonl" and row.text.startswith("OSLO (Reuters)")
    assert row.url == "https://fjordtimes.example/2024/02/15/rates"


def test_csv_and_parquet(tmp_path):
    df = pd.DataFrame({
        "title": ["First", "Second"],
        "body": [STORY, STORY.replace("Norway", "Denmark")],
        "published": ["2024-02-15", "2024-02-16"],
        "section": ["markets", "economy"],
    })
    df.to_csv(tmp_path / "t.csv", index=False)
    df.to_parquet(tmp_path / "t.parquet")
    articles, report = load_articles(tmp_path)
    assert list(report["record"]) == ["row 1", "row 2", "row 1", "row 2"]
    assert set(report["input_format"]) == {"csv", "parquet"}
    _loaded(articles, report, 4)
    assert set(articles["headline"]) == {"First", "Second"}
    assert {m["section"] for m in articles["metadata"]} == {"markets", "economy"}


def _warc(records, gz):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, ctype, payload, date in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                        http_headers=headers,
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(rec)
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_each_html_response_is_an_article(tmp_path, gz):
    records = [
        ("https://fjordtimes.example/a", "text/html; charset=utf-8", html_page().encode(),
         "2024-02-15T10:00:00Z"),
        ("https://fjordtimes.example/logo.png", "image/png", b"\x89PNG\r\n", "2024-02-15T10:00:01Z"),
        ("https://fjordtimes.example/b", "text/html",
         html_page("Second", STORY.replace("Norway", "Finland")).encode(), "2024-02-15T10:00:02Z"),
    ]
    name = "crawl.warc.gz" if gz else "crawl.warc"
    (tmp_path / name).write_bytes(_warc(records, gz))
    articles, report = load_articles(tmp_path)
    assert list(report["status"]) == ["loaded", "skipped", "loaded"]
    assert all(r.startswith("offset ") for r in report["record"])
    assert "image/png" in report.iloc[1]["reason"]
    assert list(articles["url"]) == ["https://fjordtimes.example/a", "https://fjordtimes.example/b"]
    assert articles.iloc[0]["metadata"]["capture_date"] == "2024-02-15T10:00:00Z"
    assert articles.iloc[0]["published_date_source"] == "warc"


def test_manifest_overrides_and_attaches_columns(tmp_path):
    (tmp_path / "a.txt").write_text("Norway central bank holds rates\n" + STORY, encoding="utf-8")
    man = pd.DataFrame({"file": ["a.txt"], "outlet": ["Fjord Times"],
                        "url": ["https://fjordtimes.example/x"], "published": ["2024-02-14"],
                        "desk": ["economy"]})
    articles, _ = load_articles(tmp_path, manifest=man)
    row = articles.iloc[0]
    assert row.outlet == "Fjord Times" and row.outlet_source == "manifest"
    assert row.published_date_source == "manifest" and str(row.published_date.date()) == "2024-02-14"
    assert row.metadata == {"desk": "economy"}


def test_count_in_equals_count_out(tmp_path):
    (tmp_path / "a.txt").write_text("Norway central bank holds rates\n" + STORY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("{bad\n" + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "d.txt").write_bytes(b"")
    articles, report = load_articles(tmp_path)
    # 1 txt + 2 JSONL records + 1 unsupported + 1 empty = 5 inputs, 5 rows.
    assert len(report) == 5
    assert report["status"].value_counts().to_dict() == {"loaded": 2, "failed": 2, "skipped": 1}


def test_identical_and_near_identical_copies_are_marked(tmp_path):
    (tmp_path / "a.txt").write_text("Norway central bank holds rates\n" + STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Norway central bank holds rates\n" + STORY, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Rates held today\n" + STORY.replace("Thursday", "Friday"),
                                    encoding="utf-8")
    (tmp_path / "d.txt").write_text("Other\n" + STORY.replace("central bank", "krone")[:200]
                                    + "\n\nA different story paragraph follows here, all new.",
                                    encoding="utf-8")
    articles, _ = load_articles(tmp_path)
    first = articles.iloc[0]
    assert articles["article_id"].is_unique
    assert first.is_duplicate_of is None
    assert articles.iloc[1].is_duplicate_of == first.article_id
    assert articles.iloc[2].is_duplicate_of == first.article_id
    assert articles.iloc[3].is_duplicate_of is None
