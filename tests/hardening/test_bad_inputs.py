"""The bad-input corpus: each input loads correctly or becomes a clear failed row, nothing is lost.

Small inputs are committed under ``tests/data/bad/`` (see ``bad_corpus.py``); the large ones are
generated into a temporary folder and loaded in a child process with a hard time limit, so a
parser crash or hang fails one test instead of killing the run.
"""

import gzip
import os
import re
import unicodedata
from pathlib import Path

import pytest
from bad_corpus import (
    BAD_DIR,
    BIG_TEXT_BYTES,
    CSV_GOOD,
    EN_PARAS,
    JSONL_BAD,
    JSONL_GOOD,
    MIXED_NEWLINE_PARTS,
    small_inputs,
    write_large,
)
from hardening_kit import assert_accounted, load_summary, norm_newlines, squash
from helpers import SAMPLES
from support.safety import call_with_timeout

import workbench
from workbench.ingest import LoadError

SMALL = small_inputs()
BY_NAME = {item.name: item for item in SMALL}

#: Hard bound for loading one large generated input (seconds, child process start included).
LARGE_INPUT_SECONDS = 90


@pytest.fixture(scope="module")
def bad_load():
    corpus = workbench.load(str(BAD_DIR))
    return corpus.articles, corpus.load_report


def _rows(report, name):
    return report[report["source_path"].map(lambda p: Path(p).name) == name]


def _article(articles, name):
    hits = articles[articles["source_path"].map(lambda p: Path(p).name) == name]
    assert len(hits) == 1, f"{name}: {len(hits)} articles"
    return hits.iloc[0].to_dict()


def _story_paragraphs(text: str) -> list[str]:
    paras = [p for p in re.split(r"\n\s*\n", norm_newlines(text)) if p.strip()]
    return [p for p in paras[1:] if sum(ch.isalpha() for ch in p) >= 10]


def test_committed_files_are_what_the_generator_writes():
    on_disk = sorted(p.name for p in BAD_DIR.iterdir() if p.is_file())
    assert on_disk == sorted(BY_NAME), "tests/data/bad/ and bad_corpus.small_inputs() differ"
    for item in SMALL:
        assert (BAD_DIR / item.name).read_bytes() == item.data, (
            f"{item.name} changed: regenerate with tests/hardening/bad_corpus.py"
        )


def test_whole_bad_batch_is_accounted_for(bad_load):
    articles, report = bad_load
    files = [p for p in BAD_DIR.iterdir() if p.is_file()]
    assert_accounted(articles, report, files)


def test_rest_of_batch_loads_next_to_bad_inputs():
    alone = workbench.load(str(SAMPLES), manifest=SAMPLES / "manifest.csv")
    mixed = workbench.load([str(BAD_DIR), str(SAMPLES)], manifest=SAMPLES / "manifest.csv")
    assert set(alone.articles["article_id"]) <= set(mixed.articles["article_id"])
    got = mixed.articles.set_index("article_id").loc[alone.articles["article_id"]]
    assert list(got["text"]) == list(alone.articles["text"])
    assert list(got["outlet"]) == list(alone.articles["outlet"])


@pytest.mark.parametrize(
    "item", [pytest.param(i, id=i.name) for i in SMALL]
)
def test_each_bad_input_loads_correctly_or_fails_clearly(bad_load, item):
    articles, report = bad_load
    rows = _rows(report, item.name)
    if item.expect == "multi":
        assert len(rows) >= 1
        return  # checked record by record below
    assert len(rows) == 1, f"{item.name}: {len(rows)} load-report rows"
    row = rows.iloc[0]
    allowed = set(item.expect.split("_or_"))
    assert row["status"] in allowed, f"{item.name}: {row['status']} ({row['reason']})"
    if row["status"] != "loaded":
        assert row["reason"] and re.search(item.reason, row["reason"]), (
            f"{item.name}: reason {row['reason']!r} does not say why ({item.reason})"
        )
        return
    art = _article(articles, item.name)
    assert art["text"].strip()
    assert "\x00" not in art["text"]
    if item.text is not None:
        expected = unicodedata.normalize("NFC", item.text)
        assert norm_newlines(art["raw_text"]).strip() == norm_newlines(expected).strip(), (
            f"{item.name}: decoded text differs from what was written"
        )
        clean = squash(art["text"])
        for para in _story_paragraphs(expected):
            assert squash(para) in clean, f"{item.name}: paragraph lost: {para[:60]!r}"


def test_html_scripts_and_styles_never_reach_the_text(bad_load):
    articles, _ = bad_load
    art = _article(articles, "script_around_article.html")
    for leak in ("alert(", "document.write", "tracker", "color: red", "<script", "<p>"):
        assert leak not in art["text"], f"{leak!r} leaked into the article text"
    clean = squash(art["text"])
    for para in EN_PARAS:
        assert squash(para) in clean


def test_jsonl_bad_lines_fail_by_line_and_good_lines_load(bad_load):
    articles, report = bad_load
    rows = _rows(report, "invalid_lines.jsonl")
    assert len(rows) == len(JSONL_GOOD) + len(JSONL_BAD), rows[["record", "status", "reason"]]

    def line_of(row):
        found = re.search(r"\d+", f"{row['record']} {row['reason']}")
        return int(found.group()) if found else None

    loaded = {line_of(r) for r in rows.to_dict("records") if r["status"] == "loaded"}
    failed = {line_of(r) for r in rows.to_dict("records") if r["status"] != "loaded"}
    assert loaded == JSONL_GOOD
    assert failed == JSONL_BAD
    for r in rows.to_dict("records"):
        if r["status"] != "loaded":
            assert re.search(r"(?i)line", f"{r['record']} {r['reason']}"), r


def test_csv_bad_rows_fail_alone_and_good_rows_load(bad_load):
    articles, report = bad_load
    rows = _rows(report, "bad_rows.csv")
    loaded = rows[rows["status"] == "loaded"]
    assert len(loaded) == len(CSV_GOOD), (
        f"good CSV rows lost with the bad ones: {rows[['record', 'status', 'reason']].to_dict('records')}"
    )
    texts = " ".join(articles[articles["source_path"].map(lambda p: Path(p).name)
                              == "bad_rows.csv"]["text"])
    assert squash(EN_PARAS[0]) in squash(texts)
    assert squash(MIXED_NEWLINE_PARTS[1]) in squash(texts)
    assert (rows["status"] != "loaded").sum() >= 1, "the malformed row is not reported"


@pytest.mark.parametrize("name", ["truncated.warc.gz", "truncated.warc"])
def test_truncated_warc_keeps_intact_records_and_names_the_damage(bad_load, name):
    articles, report = bad_load
    rows = _rows(report, name)
    loaded = articles[articles["source_path"].map(lambda p: Path(p).name) == name]
    assert "https://example.org/news/flood-barriers" in set(loaded["url"]), (
        f"{name}: the intact first record was lost: {rows[['status', 'reason']].to_dict('records')}"
    )
    assert squash(EN_PARAS[1]) in squash(" ".join(loaded["text"]))
    damaged = rows[rows["status"] == "failed"]
    assert len(damaged) >= 1, f"{name}: the truncated record is not reported"
    assert damaged["reason"].str.contains(BY_NAME[name].reason).any(), damaged["reason"].tolist()


def test_strict_mode_raises_load_error_on_the_bad_corpus():
    with pytest.raises(LoadError):
        workbench.load(str(BAD_DIR), strict=True)


# --- large inputs, generated at test time ------------------------------------------------------

@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return write_large(tmp_path_factory.mktemp("large"))


def test_50mb_text_over_the_size_limit_fails_with_the_reason(large):
    corpus = workbench.load(str(large["big_text"]))
    (row,) = corpus.load_report.to_dict("records")
    assert row["status"] == "failed"
    assert re.search(r"(?i)size limit|too large|over", row["reason"])
    assert row["byte_count"] >= BIG_TEXT_BYTES


def test_gzip_bomb_over_the_size_limit_fails(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 30_000_000, mtime=0))
    corpus = workbench.load(str(bomb))
    (row,) = corpus.load_report.to_dict("records")
    assert row["status"] == "failed" and re.search(r"(?i)size limit|too large|over", row["reason"])


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("WORKBENCH_HARDENING_HUGE"),
                    reason="about 3 minutes: set WORKBENCH_HARDENING_HUGE=1 to run")
def test_50mb_text_loads_when_the_limit_allows_it(large):
    out = call_with_timeout(load_summary, str(large["big_text"]), max_bytes=64_000_000,
                            seconds=LARGE_INPUT_SECONDS * 2)
    assert [r["status"] for r in out["report"]] == ["loaded"], out["report"]
    assert out["text_lengths"][0] > 0.9 * BIG_TEXT_BYTES


def test_5mb_single_line_loads_within_the_bound(large):
    out = call_with_timeout(load_summary, str(large["long_line"]), seconds=LARGE_INPUT_SECONDS)
    assert [r["status"] for r in out["report"]] == ["loaded"], out["report"]
    assert out["text_lengths"][0] > 5_000_000


@pytest.mark.parametrize("kind", ["nested_html", "unclosed_html"])
def test_100k_deep_html_loads_or_fails_clearly_within_the_bound(large, kind):
    out = call_with_timeout(load_summary, str(large[kind]), seconds=LARGE_INPUT_SECONDS)
    (row,) = out["report"]
    if row["status"] == "loaded":
        assert not any(out["has_markup"]), "markup left in the text of deep HTML"
        para = EN_PARAS[0] if kind == "nested_html" else EN_PARAS[1]
        assert squash(para)[:80] in squash(out["text_heads"][0])
    else:
        assert row["status"] == "failed" and row["reason"].strip(), row
