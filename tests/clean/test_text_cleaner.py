"""The plain-text cleaner on pages of invented sites with different furniture styles."""

import pytest
from helpers import FIXTURES

from workbench.clean import cleaning_summary, removed_lines, site_recurring_lines
from workbench.clean.text import clean_page_text
from workbench.ingest import load_articles

PAGES = FIXTURES / "ingest" / "pages"


def _lines(name):
    return [ln.strip() for ln in (PAGES / name).read_text(encoding="utf-8").splitlines()
            if ln.strip()]


def _story_lines(lines, first, last):
    """The lines from the one starting with ``first`` to the one starting with ``last``."""
    i = next(k for k, ln in enumerate(lines) if ln.startswith(first))
    j = next(k for k, ln in enumerate(lines) if ln.startswith(last))
    return lines[i:j + 1]


CASES = {
    # page: (first story line, last story line, lines inside the story that are furniture)
    "harbor_herald.txt": ("PORTLAND, Maine (AP)", "Associated Press writer",
                          {"ADVERTISEMENT", "Read more: How to prepare your home for a winter "
                           "power outage"}),
    "valley_daily.txt": ("Berlin (AFP)", "Rail operators welcomed", set()),
    "eastern_bulletin.txt": ("TOKYO, March 5 (Kyodo)", "A senior official", set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_keeps_every_story_paragraph_and_nothing_else(name):
    first, last, inner_furniture = CASES[name]
    lines = _lines(name)
    story = [ln for ln in _story_lines(lines, first, last) if ln not in inner_furniture]
    res = clean_page_text((PAGES / name).read_text(encoding="utf-8"))
    assert res.text.split("\n\n") == story
    removed = {r["text"] for r in res.removed}
    assert removed == set(lines) - set(story)
    assert inner_furniture <= removed


def test_reasons_name_the_furniture():
    res = clean_page_text((PAGES / "valley_daily.txt").read_text(encoding="utf-8"))
    reason = {r["text"]: r["reason"] for r in res.removed}
    assert reason["Germany to extend rail subsidies for commuters through 2023"] == "headline"
    assert reason["Published: 12 April 2022"] == "date line"
    assert reason["Share on Twitter"] == "share bar"
    assert reason["12 comments"] == "comment widget"
    assert reason["commuter_anna says:"] == "comment widget"
    # A reader comment reads like prose but comes after the comment section opened.
    assert reason["This is the best thing that has happened to my daily commute in years, and "
                  "I hope they keep it going for good."].startswith("after story")
    assert reason["Rail strike halts trains across the country"] == "link list or menu"
    assert res.date_line == "Published: 12 April 2022"


def test_byline_and_standalone_dateline():
    res = clean_page_text((PAGES / "harbor_herald.txt").read_text(encoding="utf-8"))
    assert res.byline == "Maria Lopez"
    assert res.headline == "Storm knocks out power to 40,000 homes along the Maine coast"
    raw = "Site\nHome\nNews\nMarket rally lifts shares in Asia\nSINGAPORE\n" + (
        "Asian shares rose on Tuesday as investors bet that central banks would cut interest "
        "rates later this year, lifting technology stocks across the region.\n"
        "Japan's Nikkei gained 1.2% and Hong Kong's Hang Seng index added 0.8% by midday.\n")
    res = clean_page_text(raw)
    assert res.dateline == "SINGAPORE"
    assert res.text.startswith("Asian shares rose")


def test_lines_recurring_on_a_site_are_removed_only_with_its_other_pages(tmp_path):
    tagline = "Independent journalism for the Northbridge valley since 1911"
    one, _ = load_articles(PAGES / "northbridge_1.txt")
    assert tagline in one.iloc[0].text  # one page alone cannot tell a tagline from a subhead
    man = tmp_path / "manifest.csv"
    man.write_text("file,url\nnorthbridge_1.txt,https://northbridge.example/news/bridge\n"
                   "northbridge_2.txt,https://www.northbridge.example/news/library\n")
    both, _ = load_articles([PAGES / "northbridge_1.txt", PAGES / "northbridge_2.txt"],
                            manifest=man)
    for row in both.itertuples():
        assert tagline not in row.text
        assert {"text": tagline, "reason": "repeated on the site's other pages"} in [
            {k: r[k] for k in ("text", "reason")} for r in row.removed_text]
    # Story paragraphs survive even when other pages of the site are loaded.
    assert both.iloc[0].text.startswith("The town council voted 7-2")
    assert both.iloc[1].text.endswith("extend its Saturday closing time to 6 p.m., she said.")


def test_site_recurring_lines_need_two_pages():
    page = "Menu\nA line that recurs\nBody text of the page goes here and is long enough."
    assert site_recurring_lines([page]) == frozenset()
    assert "a line that recurs" in site_recurring_lines([page, page.replace("Body", "Other")])


def test_offset_map_and_summary():
    articles, _ = load_articles(PAGES)
    for row in articles.itertuples():
        for c, r, n in row.offset_map:
            assert row.text[c:c + n] == row.raw_text[r:r + n]
    summary = cleaning_summary(articles)
    assert len(summary) == len(articles)
    hh = summary[articles.source_path.str.endswith("harbor_herald.txt").to_numpy()].iloc[0]
    assert hh.lines_kept == 6
    assert hh.removed_by_reason["headline"] == 1
    assert hh.lines_removed == sum(hh.removed_by_reason.values())
    lines = removed_lines(articles)
    assert set(lines.columns) == {"article_id", "outlet", "reason", "text"}
    assert (lines.reason == "language menu").sum() == 5


def test_page_without_story_gives_no_text():
    res = clean_page_text("Home\nNews\nSport\nLogin\nSubscribe\n© 2024 Some Site")
    assert res.text == ""
    assert len(res.removed) == 6


def test_huge_line_stays_within_its_cpu_bound():
    """A 1 MB line and a 100 KB run of dashes: linear work, under 5 CPU seconds (measured ~1 s).

    CPU time, not wall time, so a busy machine does not make it fail.
    """
    from support.safety import time_limit

    raw = "Headline here\n" + ("word " * 200_000) + "\n" + ("A-" * 50_000) + "\n"
    with time_limit(5, what="clean_page_text on a 1 MB line", cpu=True):
        clean_page_text(raw)


def test_hard_wrapped_page_is_unwrapped():
    import textwrap

    first, last, inner = CASES["harbor_herald.txt"]
    lines = _lines("harbor_herald.txt")
    story = [ln for ln in _story_lines(lines, first, last) if ln not in inner]
    raw = "\n\n".join(textwrap.fill(ln, 72) for ln in lines)
    res = clean_page_text(raw)
    assert res.text.split("\n\n") == story
    for c, r, n in res.offset_map:
        assert res.text[c:c + n] == raw[r:r + n]
    # Every character is mapped except the one space that joins two wrapped lines.
    joins = len(res.offset_map) - len(story)
    assert joins >= 8
    assert sum(n for _c, _r, n in res.offset_map) + joins == len(res.text.replace("\n\n", ""))


def test_pages_saved_one_paragraph_per_line_are_not_joined():
    from workbench.clean.text import split_lines, unwrap_lines

    raw = (PAGES / "valley_daily.txt").read_text(encoding="utf-8")
    assert unwrap_lines(split_lines(raw)) == split_lines(raw)


def test_outlet_from_the_page_copyright_line():
    articles, _ = load_articles(PAGES / "harbor_herald.txt")
    row = articles.iloc[0]
    assert (row.outlet, row.outlet_source) == ("Harbor Herald", "page")
    # An agency notice names the copy's source, not the site.
    articles, _ = load_articles(PAGES / "valley_daily.txt")
    assert articles.iloc[0].outlet_source == "unknown"


def test_story_paragraphs_shared_by_two_versions_on_one_site_are_kept(tmp_path):
    first = _lines("northbridge_1.txt")
    second = [ln.replace("7-2", "7-2 after a three-hour meeting") for ln in first]
    second.insert(4, "The mayor said she would sign the spending order on Tuesday morning.")
    (tmp_path / "v1.txt").write_text("\n".join(first), encoding="utf-8")
    (tmp_path / "v2.txt").write_text("\n".join(second), encoding="utf-8")
    man = tmp_path / "manifest.csv"
    man.write_text("file,url\nv1.txt,https://northbridge.example/a\nv2.txt,https://northbridge.example/b\n")
    articles, _ = load_articles(tmp_path)
    shared = "Work is expected to begin in June and finish before the autumn harvest traffic, " \
             "the town engineer said."
    assert all(shared in t for t in articles.text)
    assert all("Log in" not in t for t in articles.text)


def test_live_blog_sections_headed_by_times_are_one_story():
    """A live blog (sections headed '7 p.m.', '6:05 p.m.', ...) is one story: nothing is cut.

    Contrast: a list of short dated items after a story (teasers, comments) ends the story.
    """
    places = ["the east bank", "the old quarter", "the railway station", "the freight yard",
              "the sports ground"]
    stamps = ["7 p.m.", "6:05 p.m.", "5:40 p.m.", "4:15 p.m.", "3:30 p.m."]
    sections = []
    for k, (stamp, place) in enumerate(zip(stamps, places)):
        sections.append((stamp, [
            f"Emergency crews working near {place} said on Sunday that the water had risen by "
            f"{k + 2} centimeters an hour since noon, and that the barriers were still holding.",
            f"The regional governor told reporters that about {1200 + 100 * k} residents had "
            f"left their homes near {place}, and that buses would take them to the schools.",
            f"Volunteers filled {20 + k} thousand sandbags near {place}, the mayor's office "
            "said in a statement, adding that more rain was expected in the hills overnight.",
        ]))
    parts = ["The Latest: River crests in Riverton as barriers hold",
             "RIVERTON (AP) \u2014 The Latest on the flooding in the river valley (all times local):"]
    for stamp, paras in sections:
        parts += [stamp, *paras, "___"]
    result = clean_page_text("\n\n".join(parts) + "\n")
    for _, paras in sections:
        for para in paras:
            assert para in result.text, para
    assert "(AP)" in result.text

    story = "\n\n".join(parts[:2] + [p for p in sections[0][1]])
    teasers = "\n\n".join(f"{stamp}\n\nRead more: flood news from {place}."
                           for stamp, place in zip(stamps[1:], places[1:]))
    cut = clean_page_text(story + "\n\n" + teasers + "\n")
    assert sections[0][1][-1] in cut.text and "Read more" not in cut.text
