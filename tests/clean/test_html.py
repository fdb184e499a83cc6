"""HTML path: trafilatura body + metadata; datelines and credit lines kept or restored."""

import lxml.html as lxml_html
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


def test_lean_parse_and_metadata_match_trafilatura(html):
    """Our parse (C-level element lookup) and metadata steps give trafilatura's own result."""
    import trafilatura

    from workbench.clean import html as mod

    assert mod.LEAN_METADATA
    ours = mod._load_tree(html)
    theirs = trafilatura.load_html(html)
    assert lxml_html.tostring(ours) == lxml_html.tostring(theirs)
    url = "https://example.com/news/ferry"
    full = trafilatura.bare_extraction(theirs, url=url, include_comments=False,
                                       with_metadata=True, include_tables=True).as_dict()
    meta = mod._metadata(ours, url)
    body = trafilatura.bare_extraction(ours, url=url or meta.url, include_comments=False,
                                       include_tables=True)
    for key in ("title", "author", "date", "sitename", "url", "hostname", "description"):
        assert getattr(meta, key) == full[key], key
    assert body.text == full["text"]


@pytest.mark.parametrize("body", [
    # AUTHOR_XPATHS[0], with pruned parts inside (a date, a figure, a sidebar span) whose
    # tails join the text before them
    '<p class="author-name">By <time>May 1</time>Jane <span class="sidebar">x</span>Doe'
    '<figure>img</figure>, staff</p>',
    # a pruned candidate (inside comments) skipped for the next one
    '<div id="comments"><span class="byline">Troll Person</span></div>'
    '<span class="byline">Sam <b>Lee</b> and <i>Ann Ray</i></span>',
    # [2]: any element; too long or too short candidates skipped
    '<div class="writer">ab</div><section data-component="Byline">'
    + "word " * 40 + '</section><em id="Author-x">Kim Park</em>',
    # a <rel> element: trafilatura's own search runs
    '<div><rel>me</rel><span>Rel Person</span></div><p class="author">Pat Roe</p>',
    # <author>, an author link
    '<author>Alex Chen</author><a rel="author" href="/a">Other Name</a>',
    "<p>No byline here at all.</p>",
])
def test_fast_author_matches_trafilatura(body):
    import trafilatura.metadata as tmeta

    from workbench.clean import html as mod

    assert mod.FAST_AUTHOR
    page = f"<html><head><title>T</title></head><body>{body}<p>Story text.</p></body></html>"
    tree = mod._load_tree(page)
    assert mod._author(tree) == tmeta.extract_author(mod._load_tree(page))


def test_fast_author_matches_trafilatura_on_fixture(html):
    import trafilatura.metadata as tmeta

    from workbench.clean import html as mod

    tree = mod._load_tree(html)
    assert mod._author(tree) == tmeta.extract_author(tree) == "Hannah Cole"


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
