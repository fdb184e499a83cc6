"""Page furniture that extractors keep, and story parts that look like furniture.

Invented pages: the HTML path removes what trafilatura keeps around a story (link lists,
standfirsts, promotions, prompts, author promotions, machine timestamps) and keeps what it would
drop (embedded posts); the plain-text cleaner keeps tables and lists a story announces, and
stops at a list of dated teasers.
"""

from workbench.clean.html import extract_html
from workbench.clean.text import clean_page_text

STORY = [
    "The harbour board voted on Tuesday to extend the ferry timetable through the winter "
    "months, a decision that local traders had sought for years.",
    "Board chair Anna Lind said the extra crossings would be paid for by a small rise in the "
    "parking charge at the terminal, which has not changed since 2015.",
    "Traders on the north shore said the change would keep shops open in January and February, "
    "when many of them have closed for the season in the past.",
    "The first winter crossing is planned for the second week of December, the board said, "
    "weather permitting, with tickets on sale from next Monday.",
]
URL = "https://harbour.example/news/ferry-timetable-extended"


def _page(top: str = "", inner: str = "", tail: str = "") -> str:
    first = "".join(f"<p>{p}</p>" for p in STORY[:2])
    rest = "".join(f"<p>{p}</p>" for p in STORY[2:])
    return (
        "<html><head><title>Ferry timetable extended through winter</title>"
        '<meta name="description" content="The board backs more crossings for the north shore.">'
        '</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>Ferry timetable extended through winter</h1>{top}"
        f'<div class="body">{first}{inner}{rest}{tail}</div></article>'
        "<footer>&copy; 2024 Harbour Gazette</footer></body></html>"
    )


def _reasons(ext) -> dict[str, str]:
    return {r["text"]: r["reason"] for r in ext.removed if r["reason"] != "outside the main text"}


def test_furniture_around_the_story_is_removed():
    top = ("<h2>The board backs more crossings for the north shore.</h2>"
           "<p>2024-01-09T10:00:00+01:00</p>")
    inner = ('<p><a href="/promo">GET OUR APP FOR THE LATEST FERRY TIMES</a></p>'
             '<p>Related: <a href="/d">How the ferry service was saved in 2019</a></p>')
    tail = ('<p>You may also like</p><p><a href="/a">Council approves new harbour plan</a></p>'
            '<p><a href="/b">Bridge inspection finds no faults</a></p>'
            '<p><a href="/c">Fishing season opens early this year</a></p>'
            "<p>Subscribe to our newsletter</p>"
            "<p>Anna Berg covers the harbour. Follow her on Twitter @annaberg.</p>")
    ext = extract_html(_page(top, inner, tail), url=URL)
    assert ext.text.split("\n\n") == STORY
    reasons = _reasons(ext)
    assert reasons["The board backs more crossings for the north shore."] == "standfirst"
    assert reasons["2024-01-09T10:00:00+01:00"] in {"page metadata", "date line"}
    assert reasons["GET OUR APP FOR THE LATEST FERRY TIMES"] == "promotion link"
    assert reasons["Related: How the ferry service was saved in 2019"] == "related link"
    assert reasons["Bridge inspection finds no faults"] == "link list or menu"
    assert reasons["Subscribe to our newsletter"] == "sign-up or login prompt"
    assert "Follow her on Twitter" not in ext.text


def test_story_links_and_credit_lines_stay():
    inner = ('<p>The board published <a href="/report">its full report on the ferry service'
             "</a> on its website.</p>")
    tail = "<p>(Reporting by Jonas Berg; Editing by Maria Santos)</p>"
    ext = extract_html(_page(inner=inner, tail=tail), url=URL)
    paras = ext.text.split("\n\n")
    assert "The board published its full report on the ferry service on its website." in paras
    assert paras[-1] == "(Reporting by Jonas Berg; Editing by Maria Santos)"


def test_embedded_post_is_kept_and_hover_card_dropped():
    inner = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
        "Winter ferries are back on the north shore timetable, finally.</p>&mdash; Lake Traders "
        '(@laketraders) <a href="https://twitter.example/s/1">January 9, 2024</a></blockquote>'
        "</div>"
        '<p>The decision was welcomed by Rep. <span class="person"><a href="/p/roe">Jane Roe</a>'
        '<span class="card"><span><img src="/roe.jpg" alt=""><a href="/p/roe">Jane Roe</a>'
        '<a href="/s/2">Roe backs bridge repairs</a></span></span></span> (D-Lake), who called '
        "it overdue.</p>"
    )
    ext = extract_html(_page(inner=inner), url=URL)
    assert "Winter ferries are back on the north shore timetable, finally." in ext.text
    assert "The decision was welcomed by Rep. Jane Roe (D-Lake), who called it overdue." in (
        ext.text)
    assert "Roe backs bridge repairs" not in ext.text


def test_labelled_fields_are_not_restored_as_credits_nor_datelines():
    html = _page().replace(
        "</div></article>",
        "</div><div class='meta'><span>Edited by: Louis Berg</span></div></article>").replace(
        "<div class=\"body\">",
        "<div class='stamp'>UPDATED: 10:48, Tue, Nov 19, 2019</div><div class=\"body\">")
    ext = extract_html(html, url=URL)
    assert ext.text.split("\n\n") == STORY
    assert ext.restored == []


_INTRO = STORY[0] + "\n\n" + STORY[1] + "\n\n"


def test_text_cleaner_keeps_a_table_and_an_announced_list():
    table = ("Final standings after 36 races:\n"
             "Pos.  Driver          Points  Wins\n"
             "1     Kyle Marsh       5040     5\n"
             "2     Martin Gray      5035     7\n"
             "3     Kevin Hart       5033     4\n")
    items = ("Once you understand the plan, you will be able to:\n"
             "* Book a winter crossing without a reservation fee\n"
             "* Park at the terminal for the same charge all day\n"
             "* Take a bicycle on board on every crossing\n")
    raw = ("Home\nNews\nSport\nWeather\n\n" + _INTRO + table + "\n" + items + "\n"
           + STORY[2] + "\n\n" + STORY[3] + "\n\nPrivacy policy\nContact us\n")
    res = clean_page_text(raw, url=URL)
    for line in (*table.splitlines(), *items.splitlines(), *STORY):
        assert line.strip() in res.text
    assert "Privacy policy" not in res.text and "Weather" not in res.text


def test_text_cleaner_keeps_a_schedule_and_stops_at_dated_teasers():
    dates = "".join(f"June {d} -- Lake Arena, Lake City\n" for d in (9, 10, 14, 17, 19))
    teasers = "".join(
        f"+ Other story number {n} about the harbour\nStaff writer\nTuesday November 19, 2019\n"
        f"This is the summary of another story, long enough to read like a paragraph of text "
        f"on its own, number {n}.\n" for n in range(1, 5))
    raw = _INTRO + STORY[2] + "\n\nThe tour dates\n" + dates + "\n" + teasers
    res = clean_page_text(raw, url=URL)
    for line in (*STORY[:3], *dates.splitlines()):
        assert line in res.text
    assert "summary of another story" not in res.text


def test_text_cleaner_drops_captions_disclaimers_and_a_byline_in_the_story():
    caption = ("Board chair Anna Lind speaks to traders at the terminal in Lake City on Tuesday, "
               "Jan. 9, 2024. (AP Photo/Jonas Berg)")
    disclaimer = ("The information provided on this website is for general guidance and does "
                  "not replace the advice of a ferry operator.")
    raw = (STORY[0] + "\n\nBy Laura Moss\n\n" + STORY[1] + "\n\n" + caption + "\n\n"
           + STORY[2] + "\n\n" + STORY[3] + "\n\n" + disclaimer + "\n")
    res = clean_page_text(raw, url=URL)
    assert res.text.split("\n\n") == STORY
    assert res.byline == "Laura Moss"
    reasons = {r["text"]: r["reason"] for r in res.removed}
    assert reasons[caption] == "photo credit or caption"
