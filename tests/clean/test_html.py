"""HTML path: trafilatura body + metadata; datelines and credit lines kept or restored."""

import pytest
from helpers import FIXTURES

from workbench.clean.html import extract_html, html_page_text
from workbench.ingest import load_articles

PAGE = FIXTURES / "ingest" / "html" / "lakeside_courier.html"
STORY_START = "Ferry crossings between Lake City and the north shore will resume on Friday"


@pytest.fixture(scope="module")
def html():
    return PAGE.read_text(encoding="utf-8")


def test_html_article_row():
    articles, report = load_articles(PAGE)
    assert list(report.status) == ["loaded"]
    row = articles.iloc[0]
    assert row.headline == "Ferry service to resume after bridge inspection"
    assert row.outlet == "Lakeside Courier" and row.outlet_source == "page"
    assert row.byline == "Hannah Cole"
    assert str(row.published_date.date()) == "2023-06-14"
    assert row.published_date_source == "html-meta"
    assert row.dateline == "LAKE CITY"
    assert row.wire_agency == "Reuters"
    assert row.credits == [{"name": "Jonas Berg", "role": "reporting", "place": "Lake City"},
                           {"name": "Maria Santos", "role": "editing", "place": None}]
    paras = row.text.split("\n\n")
    # The stand-alone dateline paragraph is joined to the first story paragraph.
    assert paras[0].startswith("LAKE CITY, Minn. (Reuters) - " + STORY_START)
    assert paras[-1] == "(Reporting by Jonas Berg in Lake City; Editing by Maria Santos)"
    assert len(paras) == 6
    for furniture in ("Most read", "Council approves new harbour plan", "Share on Facebook",
                      "Privacy policy", "Log in", "All rights reserved"):
        assert furniture not in row.text
    assert row.language == "en" and row.offset_map == []
    removed = {r["text"]: r["reason"] for r in row.removed_text}
    assert removed["Log in"] == "sign-up or login prompt"
    assert removed["Council approves new harbour plan"] == "outside the main text"
    assert removed["© 2023 Lakeside Courier. All rights reserved."] == "copyright or footer"
    assert not any(p in removed for p in paras)


def test_dropped_dateline_and_credits_are_restored(html):
    moved = html.replace(
        '<p><span class="dateline">LAKE CITY, Minn. (Reuters) -</span></p>', "").replace(
        "<h1>Ferry", '<div class="dateline">LAKE CITY, Minn. (Reuters) -</div><h1>Ferry').replace(
        '<p class="credits">', '<div class="meta-credit"><span>').replace(
        "Maria Santos)</p>", "Maria Santos)</span></div>")
    ext = extract_html(moved)
    assert ext.text.startswith("LAKE CITY, Minn. (Reuters) - " + STORY_START)
    assert ext.text.endswith("(Reporting by Jonas Berg in Lake City; Editing by Maria Santos)")
    assert {r["reason"] for r in ext.restored} == {"dateline restored", "credit line restored"}


def test_page_text_drops_scripts():
    lines = html_page_text("<html><body><script>var x = 1;</script><p>Hello <b>world</b></p>"
                           "<style>p{}</style><div>Next</div></body></html>")
    assert lines == ["Hello world", "Next"]
    # Skipped elements keep their tails; their own text and children's go, nested or not.
    lines = html_page_text("<html><body><p>One<script>x<style>y</style>z</script> two</p>"
                           "<!-- note --><div>Three<svg><text>no</text></svg> four\nfive</div>"
                           "<ul><li><a href='/'>Home</a></li></ul></body></html>")
    assert lines == ["One two", "Three four", "five", "Home"]


def test_no_text_html():
    assert extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>").text == ""


def test_uses_trafilatura_public_api_only():
    """clean/html.py calls only what trafilatura exports (no copied internals to drift)."""
    import ast
    from pathlib import Path

    import trafilatura

    from workbench.clean import html as mod

    used = set()
    for node in ast.walk(ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("trafilatura"):
            used |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            used |= {a.name for a in node.names if a.name.startswith("trafilatura")}
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id == "trafilatura"):
            used.add(f"trafilatura.{node.attr}")
    public = {f"trafilatura.{name}" for name in trafilatura.__all__}
    assert used - public == {"trafilatura", "trafilatura.settings.use_config"}
    assert {"trafilatura.load_html", "trafilatura.bare_extraction"} <= used


def test_metadata_is_trafilaturas(html):
    """Title, author, date, site name and URL are trafilatura's own, from its public API."""
    import trafilatura

    url = "https://example.com/news/ferry"
    full = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                       with_metadata=True, include_tables=True).as_dict()
    ours = extract_html(html, url=url)
    assert (ours.headline, ours.byline, ours.date, ours.sitename, ours.url) == (
        full["title"], full["author"], full["date"], full["sitename"], full["url"])
    assert ours.byline == "Hannah Cole" and ours.date == "2023-06-14"


@pytest.mark.parametrize(("body", "byline"), [
    # a byline whose dates and figures inside are left out of the name
    ('<p class="author-name">By <time>May 1</time>Jane Doe<figure>img</figure></p>',
     "Jane Doe"),
    # a candidate inside the comments is skipped for the story's own byline
    ('<div id="comments"><span class="byline">Troll Person</span></div>'
     '<span class="byline">Sam Lee</span>', "Sam Lee"),
    ('<author>Alex Chen</author>', "Alex Chen"),
    ("<p>No byline here at all.</p>", None),
])
def test_byline_from_page(body, byline):
    story = "<p>" + "The council approved the new ferry timetable on Tuesday evening. " * 4 + "</p>"
    page = f"<html><head><title>T</title></head><body>{body}{story}</body></html>"
    assert extract_html(page).byline == byline


def test_page_lines_link_share_and_block():
    """Lines, their link share (of non-space characters) and the block they start in."""
    from workbench.clean.html import _page_lines

    page = ("<html><body><div>\n  <p><a href='/a'>Top story</a>\t\n\t<a href='/b'>Next</a>\n</p>"
            "<span>One\tline</span>\n<span>two <a href='/c'>link</a></span>  \n \t\n\t"
            "<h2>Head\n  ing</h2><li>\t<a href='/d'>x\n</a>y</li></div></body></html>")
    got = [(ln.text, round(ln.link, 4), ln.tag) for ln in _page_lines(page)]
    assert got == [("Top story", 0.8889, "p"), ("Next", 0.8, "p"), ("One line", 0.0, "div"),
                   ("two link", 0.5714, "div"), ("Head", 0.0, "h2"), ("ing", 0.0, "h2"),
                   ("x", 0.5, "li"), ("y", 0.0, "li")]
