"""Every bad-input class becomes a failed or skipped row naming file and reason; strict raises."""

import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from workbench.ingest import LoadError, load_articles

GOOD = ("Harbour officials said on Monday that the new ferry terminal would open in May, two "
        "months later than planned, because of delays in delivering the steel gangways.\n\n"
        "The terminal will handle up to 2,000 passengers an hour when it is finished, the "
        "port authority said in a statement.")


def _warc_bytes(n=2):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(n):
        page = f"<html><body><article><h1>Ferry {i}</h1><p>{GOOD}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://port.example/{i}", "response", payload=io.BytesIO(page.encode()),
            http_headers=headers))
    return buf.getvalue()


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


BAD = {
    "empty.txt": (b"", "failed", "empty file"),
    "blank.txt": (b"  \n\n ", "failed", "only whitespace"),
    "binary.txt": (bytes(range(256)) * 20, "failed", "binary"),
    "truncated.html.gz": (gzip.compress(("<p>" + GOOD + "</p>").encode() * 50)[:-60], "failed",
                          "truncated gzip"),
    "notgzip.txt.gz": (b"this is not gzip data at all", "failed", "gzip"),
    "notes.docx": (b"PK\x03\x04 fake", "skipped", "unsupported file type '.docx'"),
    "noext": (b"plain", "skipped", "unsupported file type '(no extension)'"),
    "data.zip.gz": (gzip.compress(b"x"), "skipped", "unsupported file type '.zip.gz'"),
    "undecodable.txt": (b"\x81\xfe\xff\x80" * 300, "failed", "undecodable"),
    "empty_page.html": (b"<html><head><script>var a=1;</script></head><body><div></div></body></html>",
                        "failed", "no article text found in the HTML"),
    "broken.json": (b'{"text": "unterminated', "failed", "invalid JSON at line 1"),
    "scalar.json": (b"42", "failed", "not an object"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_reported_and_the_batch_loads(tmp_path, name):
    data, status, reason = BAD[name]
    _write(tmp_path, name, data)
    _write(tmp_path, "good.txt", "Ferry terminal opening delayed to May\n" + GOOD)
    articles, report = load_articles(tmp_path)
    assert len(articles) == 1 and articles.iloc[0]["source_path"].endswith("good.txt")
    row = report[report.source_path.str.endswith(name)].iloc[0]
    assert row.status == status
    assert reason in row.reason, row.reason
    assert len(report) == 2
    with pytest.raises(LoadError, match=name) if status == "failed" else _no_raise():
        load_articles(tmp_path, strict=True)


class _no_raise:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_over_size_limit(tmp_path):
    _write(tmp_path, "big.txt", "Long headline for a long story\n" + GOOD * 20)
    _, report = load_articles(tmp_path, max_bytes=1000)
    assert report.iloc[0].status == "failed"
    assert "over the size limit of 1,000" in report.iloc[0].reason
    with pytest.raises(LoadError, match="size limit"):
        load_articles(tmp_path, max_bytes=1000, strict=True)


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    _write(tmp_path, "bomb.txt.gz", gzip.compress(b"a" * 2_000_000))
    _, report = load_articles(tmp_path, max_bytes=100_000)
    assert "decompresses to over the size limit" in report.iloc[0].reason


def test_truncated_warc_keeps_earlier_records(tmp_path):
    data = _warc_bytes(3)
    _write(tmp_path, "crawl.warc.gz", data[: int(len(data) * 0.8)])
    articles, report = load_articles(tmp_path)
    assert len(articles) >= 1
    assert report.status.iloc[-1] == "failed"
    assert "truncated or corrupt WARC" in report.reason.iloc[-1]
    assert report.status.iloc[:-1].eq("loaded").all()
    with pytest.raises(LoadError, match="crawl.warc.gz"):
        load_articles(tmp_path, strict=True)


def test_invalid_jsonl_line_strict_names_the_line(tmp_path):
    _write(tmp_path, "feed.jsonl", json.dumps({"text": GOOD}) + "\n\n{oops}\n")
    with pytest.raises(LoadError, match="line 3"):
        load_articles(tmp_path, strict=True)


def test_missing_path_raises(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_articles(tmp_path / "nowhere")


def test_malformed_csv_row_fails_alone(tmp_path):
    _write(tmp_path, "t.csv", 'title,text\nFerry delay,"' + GOOD + '"\nbad,row,with,extra\n'
           'Second,"' + GOOD.replace("Monday", "Tuesday") + '"\n')
    articles, report = load_articles(tmp_path)
    assert list(report.status) == ["loaded", "failed", "loaded"]
    assert list(report.record) == ["row 1", "row 2", "row 3"]
    assert "malformed CSV row with 4 fields" in report.reason.iloc[1]
    assert len(articles) == 2


def test_truncated_uncompressed_warc(tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        page = f"<html><body><article><h1>Ferry {i}</h1><p>{GOOD}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://port.example/{i}", "response", payload=io.BytesIO(page.encode()),
            http_headers=headers))
    data = buf.getvalue()
    _write(tmp_path, "c.warc", data[: len(data) - 200])
    articles, report = load_articles(tmp_path)
    assert list(report.status) == ["loaded", "failed"]
    assert "truncated" in report.reason.iloc[1]
    assert list(articles.url) == ["https://port.example/0"]
