"""Property tests of the loader: arbitrary bytes under every extension, nothing lost, no crash."""

import gzip
import json
import tempfile
from pathlib import Path

import pytest
from hardening_kit import (
    assert_accounted,
    assert_offset_map,
    cases,
    counted,
    squash,
)
from hypothesis import assume, given
from hypothesis import strategies as st

import workbench
from workbench import schema
from workbench.clean import build_article
from workbench.ingest import LoadError, RawRecord

EXTENSIONS = [".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".parquet", ".warc",
              ".warc.gz", ".html.gz", ".txt.gz", ".gz", ".xyz", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1",
             "shift_jis", "euc_jp", "euc_kr", "gb18030"]

WORDS = ["the", "said", "on", "Thursday", "three", "sources", "minister", "Reuters", "March 17",
         "(AP)", "-", "\u201c", "\u201d", '"', "'", "Share", "Sign up", "Log in", "Advertisement",
         "Read more", "©", "2021", "TOKYO", "|", "\u2014", "...", "\n", "\n\n", "\r\n", "\t",
         "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#0;", "\u200b",
         "\ufeff", "\u202e", "\U0001f600", "東京", "서울", "\x0c", "\x1b", "\x7f"]

page_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=80
).map(" ".join)

html_page = st.builds(
    lambda title, paras, junk: (
        f"<html><head><title>{title}</title>{junk}</head><body><article>"
        + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>"
    ),
    page_text,
    st.lists(page_text, max_size=5),
    st.sampled_from(["", "<script>alert(1)</script>", "<style>p{}</style>",
                     '<meta charset="shift_jis">', '<meta http-equiv="refresh" content="0">',
                     "<base href='http://evil.example/'>"]),
)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | page_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["title", "text", "maintext", "html", "url", "date_publish",
                         "source_domain", "authors", "x"]), inner, max_size=5),
    max_leaves=12,
)
json_record = st.fixed_dictionaries(
    {}, optional={"title": page_text, "maintext": page_text, "text": json_value,
                  "html": html_page, "url": st.text(max_size=30),
                  "date_publish": st.one_of(st.text(max_size=25), st.integers()),
                  "source_domain": st.text(max_size=20)},
)


def _csv(rows):
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["title", "text", "url"])
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def file_bytes(draw) -> bytes:
    kind = draw(st.sampled_from(["binary", "text", "html", "json", "jsonl", "csv", "gzip"]))
    if kind == "binary":
        return draw(st.binary(max_size=600))
    if kind == "text":
        return _encode(draw(page_text), draw(st.sampled_from(ENCODINGS)))
    if kind == "html":
        return _encode(draw(html_page), draw(st.sampled_from(ENCODINGS)))
    if kind == "json":
        value = draw(st.one_of(json_record, st.lists(json_record, max_size=3), json_value))
        return json.dumps(value, ensure_ascii=draw(st.booleans())).encode()
    if kind == "jsonl":
        lines = draw(st.lists(st.one_of(json_record.map(json.dumps), page_text), max_size=4))
        return "\n".join(lines).encode()
    if kind == "csv":
        rows = draw(st.lists(st.lists(page_text, min_size=0, max_size=5), max_size=4))
        return _encode(_csv(rows), draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])))
    inner = draw(st.one_of(page_text.map(str.encode), html_page.map(str.encode),
                           st.binary(max_size=200)))
    data = gzip.compress(inner, mtime=0)
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


input_files = st.lists(st.tuples(file_bytes(), st.sampled_from(EXTENSIONS)), min_size=1,
                       max_size=4)


def _write(tmp: Path, files) -> list[Path]:
    paths = []
    for i, (data, ext) in enumerate(files):
        path = tmp / f"f{i}{ext}"
        path.write_bytes(data)
        paths.append(path)
    return paths


@cases(200, "test_load_accounts_for_every_input")
@given(files=input_files)
@counted
def test_load_accounts_for_every_input(files):
    with tempfile.TemporaryDirectory() as d:
        paths = _write(Path(d), files)
        corpus = workbench.load(d)
        schema.validate(corpus.articles, "articles")
        schema.validate(corpus.load_report, "load_report")
        assert_accounted(corpus.articles, corpus.load_report, paths)
        for art in corpus.articles.to_dict("records"):
            assert isinstance(art["text"], str) and art["text"].strip()
            assert "\x00" not in art["text"]
            assert_offset_map(art)
            assert art["is_duplicate_of"] is None or art["is_duplicate_of"] in set(
                corpus.articles["article_id"])


@cases(60, "test_strict_load_raises_only_load_error")
@given(files=input_files)
@counted
def test_strict_load_raises_only_load_error(files):
    with tempfile.TemporaryDirectory() as d:
        paths = _write(Path(d), files)
        try:
            corpus = workbench.load(d, strict=True)
        except LoadError as exc:
            assert str(exc).strip()
            return
        # Nothing raised: nothing may have failed.
        assert (corpus.load_report["status"] != "failed").all()
        assert_accounted(corpus.articles, corpus.load_report, paths)


# --- the text cleaner -------------------------------------------------------------------------

FURNITURE = ["Home", "News", "Sign up for our newsletter", "Log in", "Share this article",
             "Most read", "Advertisement", "Related stories", "English | 日本語 | Français",
             "© 2021 All rights reserved", "Follow us on Twitter", "Comments (0)", "Menu"]

SUBJECTS = ["The minister", "Three officials", "The council", "A spokeswoman for the agency",
            "Residents of the northern district", "The company's chief executive"]
VERBS = ["said on Thursday that", "told reporters that", "confirmed in a statement that",
         "warned late on Monday that"]
CLAUSES = ["the talks would resume next week in the capital after a pause of two months",
           "about 1,200 people had been moved from their homes as the river kept rising",
           "the budget for the harbour project had grown by a third since the spring",
           "no decision had yet been taken on the future of the old railway bridge",
           "the agreement would be signed once both parliaments had approved it"]


@st.composite
def story_paragraph(draw) -> str:
    sentences = [
        f"{draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(VERBS))} "
        f"{draw(st.sampled_from(CLAUSES))}."
        for _ in range(draw(st.integers(2, 3)))
    ]
    return " ".join(sentences)


@st.composite
def scraped_page(draw) -> tuple[str, list[str]]:
    story = draw(st.lists(story_paragraph(), min_size=3, max_size=6, unique=True))
    top = draw(st.lists(st.sampled_from(FURNITURE), max_size=8))
    bottom = draw(st.lists(st.sampled_from(FURNITURE), max_size=8))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    headline = "Officials expect a decision on the river project within weeks"
    lines = [headline, *top, *story, *bottom]
    return sep.join(lines), story


@cases(100, "test_cleaner_never_raises_on_arbitrary_text")
@given(raw=st.one_of(page_text, st.text(max_size=400)), content_type=st.sampled_from(["text", "html"]))
@counted
def test_cleaner_never_raises_on_arbitrary_text(raw, content_type):
    rec = RawRecord("generated.txt", raw, content_type, "txt" if content_type == "text" else "html",
                    byte_count=len(raw.encode("utf-8", "surrogatepass")))
    article = build_article(rec, {})
    if article is None:
        return
    assert isinstance(article["text"], str)
    assert article["raw_text"] == raw
    if content_type == "text":
        assert_offset_map(article)


@cases(40, "test_cleaner_keeps_every_story_paragraph")
@given(page=scraped_page())
@counted
def test_cleaner_keeps_every_story_paragraph(page):
    raw, story = page
    rec = RawRecord("generated.txt", raw, "text", "txt", byte_count=len(raw))
    article = build_article(rec, {})
    assert article is not None and article["text"]
    clean = squash(article["text"])
    for para in story:
        assert squash(para) in clean, f"story paragraph lost: {para!r}"
    assert_offset_map(article)


@cases(40, "test_offset_map_covers_clean_text")
@given(page=scraped_page())
@counted
def test_offset_map_covers_clean_text(page):
    """Every non-space character of the clean text maps back to the raw page text."""
    raw, _ = page
    article = build_article(RawRecord("generated.txt", raw, "text", "txt"), {})
    assume(article is not None)
    covered = set()
    for clean_start, _raw_start, length in article["offset_map"] or []:
        covered.update(range(int(clean_start), int(clean_start) + int(length)))
    unmapped = [i for i, ch in enumerate(article["text"]) if not ch.isspace() and i not in covered]
    if not article["offset_map"]:
        pytest.fail("plain-text article without an offset_map")
    assert not unmapped, f"{len(unmapped)} clean characters not mapped to raw_text"
