"""The two seed pages clean to their story paragraphs only, with their metadata filled."""

import pytest
from helpers import SAMPLES

from workbench.ingest import load_articles


@pytest.fixture(scope="module")
def seeds():
    articles, report = load_articles(SAMPLES)
    assert list(report["status"]) == ["loaded", "loaded"]
    return {row.source_path.rsplit("/", 1)[-1]: row for row in articles.itertuples(index=False)}


def _raw_lines(name):
    return (SAMPLES / name).read_text(encoding="utf-8").splitlines()


def _kept_raw_lines(row):
    """Line numbers (1-based) of the raw lines the offset map says were kept."""
    starts = {raw_start for _clean, raw_start, _n in row.offset_map}
    lines, pos, kept = row.raw_text.splitlines(keepends=True), 0, []
    for i, line in enumerate(lines, start=1):
        lead = len(line) - len(line.lstrip())
        if line.strip() and pos + lead in starts:
            kept.append(i)
        pos += len(line)
    return kept


def test_nippon_page_keeps_story_lines_only(seeds):
    row = seeds["000_bbcf4d4883578e55.txt"]
    # Lines 11-21 are the story (dateline paragraph through the credit line); 1-10 are the
    # headline, site name, section and language menu.
    assert _kept_raw_lines(row) == list(range(11, 22))
    raw = _raw_lines("000_bbcf4d4883578e55.txt")
    for n in range(11, 22):
        assert raw[n - 1].strip() in row.text
    reasons = {r["text"]: r["reason"] for r in row.removed_text}
    assert reasons[raw[0]] == "headline"
    assert sum(r == "language menu" for r in reasons.values()) == 7


def test_nippon_metadata(seeds):
    row = seeds["000_bbcf4d4883578e55.txt"]
    assert row.headline == _raw_lines("000_bbcf4d4883578e55.txt")[0]
    assert row.outlet == "Nippon.com" and row.outlet_source == "manifest"
    assert row.dateline == "TOKYO/WASHINGTON"
    assert row.wire_agency == "Reuters" and "(Reuters)" in row.wire_agency_evidence
    roles = {(c["name"], c["role"], c["place"]) for c in row.credits}
    assert ("Yoshifumi Takemoto", "reporting", "Tokyo") in roles
    assert ("David Brunnstrom", "reporting", "Washington") in roles
    assert ("Chang-Ran Kim", "writing", None) in roles
    assert ("Jane Wardell", "editing", None) in roles
    assert len(row.credits) == 6
    # The URL carries yyyymmdd; the page text states no date.
    assert str(row.published_date.date()) == "2021-03-04"
    assert row.published_date_source == "url"
    assert row.language == "en"


def test_japantoday_page_keeps_story_lines_only(seeds):
    row = seeds["001_087b0a4fd1c87a05.txt"]
    assert _kept_raw_lines(row) == [9, 11, 13, 15, 17]
    removed = [r["text"] for r in row.removed_text]
    raw = _raw_lines("001_087b0a4fd1c87a05.txt")
    # Nothing of the comment widget, login box or the trending-links list survives.
    for n in range(19, len(raw) + 1):
        if raw[n - 1].strip():
            assert raw[n - 1].strip() not in row.text
            assert raw[n - 1].strip() in removed
    assert "Login" not in row.text and "GaijinPot" not in row.text


def test_japantoday_metadata(seeds):
    row = seeds["001_087b0a4fd1c87a05.txt"]
    assert row.headline == "Blinken, Austin to visit Japan from March 15"
    assert row.outlet == "Japan Today"
    assert row.dateline == "TOKYO"
    assert row.wire_agency == "Reuters" and "Thomson Reuters" in row.wire_agency_evidence
    assert row.credits == []
    assert row.published_date_source is None  # no date in URL or text: left to inference


def test_offset_map_points_back_to_raw(seeds):
    for row in seeds.values():
        for clean_start, raw_start, n in row.offset_map:
            assert row.text[clean_start:clean_start + n] == row.raw_text[raw_start:raw_start + n]
        covered = sum(n for _c, _r, n in row.offset_map)
        assert covered == len(row.text.replace("\n\n", ""))
