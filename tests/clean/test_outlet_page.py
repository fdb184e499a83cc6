"""Outlet without a manifest: what the page, its HTML metadata and its file name say."""

import pytest

from workbench.clean.meta import (
    looks_like_outlet,
    outlet_evidence,
    outlet_from_filename,
    outlet_from_page,
)
from workbench.ingest import load_articles

STORY = ("OAKVILLE - The county board voted on Tuesday to reopen the river crossing after a "
         "three-week closure, officials said.\n\nThe crossing carries about 9,000 cars a day.")


@pytest.mark.parametrize("line,name", [
    ("Copyright © 2019 The Washington Times, LLC. Click here for reprint permission.",
     "The Washington Times"),
    ("Copyright © 2018 NPR. All rights reserved.", "NPR"),
    ("Copyright © 2018 Pinewood Gazette Internet Ventures. Pinewood! - News Network",
     "Pinewood Gazette"),
    ("Image copyright Getty Images Image caption The minister arrives", None),
    ("COPYRIGHT 2017 CREATORS.COM", None),
    ("© 2017 King Features Syndicate", None),
    ("From THE LONG ROAD by Jane Doe. Copyright © 2015 by Jane Doe.", None),
    ("The square after the parade, July 15, 2016. © Marie Dupont", None),
])
def test_copyright_holder(line, name):
    assert outlet_from_page([line]) == name


@pytest.mark.parametrize("raw,headline,name", [
    (["The Japan Times", "Politics", STORY], None, "The Japan Times"),
    (["NIPPON.COM", "Japan's new minister visits Seoul", STORY], None, "Nippon.com"),
    ([STORY, "Subscribe to The Washington Post"], None, "The Washington Post"),
    ([STORY, "Follow The Harbor Herald on Twitter"], None, "The Harbor Herald"),
    ([STORY], "Bridge reopens after inspection | Reuters", "Reuters"),
    ([STORY], "Bridge reopens after inspection - The Lakeside Courier", "The Lakeside Courier"),
])
def test_masthead_and_title(raw, headline, name):
    found = outlet_evidence(raw, STORY, headline=headline)
    assert found and found[0] == name


@pytest.mark.parametrize("text,name", [
    ("WASHINGTON (CNN) - The Senate voted on Tuesday.", "CNN"),
    ("The Senate voted on Tuesday.\n\nFox News' Jane Doe contributed to this report.",
     "Fox News"),
    ("The Senate voted on Tuesday.\n\nContributing: Jane Doe, USA TODAY", "USA Today"),
    # Wire agencies name the copy's source, never the outlet.
    ("WASHINGTON (Reuters) - The Senate voted on Tuesday.", None),
    ("The Senate voted on Tuesday.\n\nThe Associated Press' Jane Doe contributed.", None),
    ("The Senate voted on Tuesday.\n\nCopyright 2017 The Associated Press. All rights reserved.",
     None),
])
def test_own_tag_and_staff_credit(text, name):
    found = outlet_evidence(text.split("\n"), text)
    assert (found[0] if found else None) == name


@pytest.mark.parametrize("lines", [
    ["Jane Doe, Daily Herald"],          # a quoted columnist's credit, not a masthead
    ["ORIGINAL POST"],                   # a heading in capitals
    ["Photo: John Roe/Associated Press"],
    ["Washington Post."],                # a sentence fragment
    ["Follow Jane Doe on Twitter @janedoe"],
    ["ASSOCIATED PRESS"],
])
def test_not_a_masthead(lines):
    assert outlet_evidence(lines, STORY) is None


def test_looks_like_outlet():
    assert looks_like_outlet("Harbor Herald") and looks_like_outlet("smalltown-news.org")
    assert not looks_like_outlet("Jane Doe") and not looks_like_outlet("Reuters")


@pytest.mark.parametrize("path,name", [
    ("pages/www.japantimes.co.jp.txt", "The Japan Times"),
    ("nytimes.com_2021-03-01.html", "The New York Times"),
    ("smalltown-news.org_story-12.txt", "smalltown-news.org"),
    ("page-3.txt", None),
    ("story.html.gz", None),
    ("2021.03.04.txt", None),
])
def test_outlet_from_filename(path, name):
    got = outlet_from_filename(path)
    assert (got[0] if got else None) == name


def test_precedence_page_over_file_name_and_the_evidence_kept(tmp_path):
    page = tmp_path / "www.japantoday.com.txt"
    page.write_text("The Harbor Herald\n\n" + STORY + "\n\n© 2021 Harbor Herald Media Group\n",
                    encoding="utf-8")
    row = load_articles(page)[0].iloc[0]
    assert (row.outlet, row.outlet_source) == ("Harbor Herald", "page")
    assert row.metadata["outlet_evidence"] == "© 2021 Harbor Herald Media Group"
    bare = tmp_path / "www.japantoday.com_2021-03-04.txt"
    bare.write_text(STORY + "\n", encoding="utf-8")
    row = load_articles(bare)[0].iloc[0]
    assert (row.outlet, row.outlet_source) == ("Japan Today", "filename")
    # A manifest still wins over everything the page says.
    (tmp_path / "manifest.csv").write_text(
        "file,url,outlet\nwww.japantoday.com.txt,,Manifest Outlet\n", encoding="utf-8")
    articles, _ = load_articles(page, manifest=tmp_path / "manifest.csv")
    assert (articles.iloc[0].outlet, articles.iloc[0].outlet_source) == (
        "Manifest Outlet", "manifest")


def test_html_site_name_tagline_dropped(tmp_path):
    html = ("<html><head><title>Bridge reopens</title>"
            "<meta property='og:site_name' content='Harbor Herald | Your coast, your news'>"
            "</head><body><article><h1>Bridge reopens</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) * 3
            + "</article></body></html>")
    path = tmp_path / "story.html"
    path.write_text(html, encoding="utf-8")
    row = load_articles(path)[0].iloc[0]
    assert (row.outlet, row.outlet_source) == ("Harbor Herald", "page")
