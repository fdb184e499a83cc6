"""HTML pages: main text and metadata with trafilatura, dateline and credit lines kept.

trafilatura finds the body and the metadata (its date comes from htmldate). Around it:

* before extraction, embedded posts (tweets and the like) quoted in the story are freed from
  wrappers whose class names the extractor discards as share widgets, and pop-up cards written
  inside paragraphs (a picture and links shown on hover) are removed;
* after it, furniture the extractor kept is removed, using each paragraph's link share and
  block element in the page: link lists and promotions, a standfirst repeating the page
  description, machine timestamps, and prompts, share bars, footers and headings after the
  story;
* extractors tend to drop the dateline ("SEOUL (Reuters) -") and the credit lines at the foot
  of wire copy, so we look for them in the page text right before the first and right after
  the last extracted paragraph and put them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from workbench.clean.meta import find_dateline
from workbench.clean.text import (
    _CONTRIB,
    _CREDIT,
    Line,
    _features,
    furniture_reason,
    is_dateline_line,
    normalize_line,
)

__all__ = ["HtmlExtraction", "extract_html", "html_page_text"]

_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td",
               "section", "article", "header", "footer", "aside", "figcaption", "blockquote",
               "address", "dd", "dt", "ul", "ol", "nav", "main", "figure", "table"}


@dataclass
class HtmlExtraction:
    """What was taken from one HTML page."""

    text: str
    headline: str | None = None
    byline: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    dateline: str | None = None
    page_lines: list[str] = field(default_factory=list)
    restored: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)


_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}

# The parser html_page_text uses for a page given as a string: trafilatura's parser settings,
# with lxml's C-level element class lookup in place of lxml.html's Python one (which picks
# form-control classes by tag name and costs a Python call for every element proxy). Pages
# going through extract_html are parsed by trafilatura.load_html instead.
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


_CONFIG = use_config()  # trafilatura's default settings (settings.cfg)

#: The latest page date htmldate may return for a page without a crawl date: a fixed day, never
#: the day the code runs (htmldate's default), so a page gives the same date on any day.
LATEST_PAGE_DATE = datetime(2099, 12, 31)


def date_params(crawl_date: datetime | None = None) -> dict:
    """The options htmldate gets for a page (trafilatura's ``date_extraction_params``).

    The latest acceptable date is the day after the page's crawl date (a time zone ahead)
    when it is known, else :data:`LATEST_PAGE_DATE`; never today.
    """
    latest = crawl_date + timedelta(days=1) if crawl_date is not None else LATEST_PAGE_DATE
    return {"original_date": True,
            "extensive_search": _CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"),
            "max_date": latest.strftime("%Y-%m-%d")}


def html_page_text(html) -> list[str]:
    """Return the visible text of a page as lines (scripts, styles and templates dropped).

    Args:
        html: The page as a string, or an already parsed lxml tree (left unchanged).
    """
    return [ln.text for ln in _page_lines(html)]


class _PageLine(NamedTuple):
    text: str
    link: float  # share of its (non-space) characters inside links
    tag: str  # the innermost block element the line starts in


def _line(buf: list[str], in_link: int, total: int, tag: str) -> _PageLine:
    """The line gathered in ``buf``, its white space runs made one space and stripped."""
    return _PageLine(" ".join("".join(buf).split()), in_link / total if total else 0.0, tag)


def _page_lines(html) -> list[_PageLine]:
    if isinstance(html, str):
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except (etree.ParserError, ValueError):
            return []
    else:
        tree = html
    # One walk over the tree: text runs are gathered into the current line, which a block
    # element's start or end, or a newline inside a text run, closes. It is written out in one
    # loop with plain locals (it runs for every element and text run of every page).
    lines: list[_PageLine] = []
    buf: list[str] = []
    in_link = total = 0  # characters other than spaces in the line, and in links
    tag = ""
    shown = False  # the current line holds more than white space
    links = 0
    blocks = ["body"]
    block_tags, skip_tags = _BLOCK_TAGS, _SKIP_TAGS

    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walker:
        tag_ = el.tag
        if not isinstance(tag_, str) or tag_ in skip_tags:
            # Scripts, styles, comments: neither their text nor their children's, but the tail.
            if event == "start":
                walker.skip_subtree()
                continue
            text = el.tail
        else:
            start = event == "start"
            if tag_ in block_tags:
                if buf:
                    if shown:
                        lines.append(_line(buf, in_link, total, tag))
                    buf, in_link, total, tag, shown = [], 0, 0, "", False
                if start:
                    blocks.append(tag_)
                elif len(blocks) > 1:
                    blocks.pop()
            elif tag_ == "a":
                links = links + 1 if start else max(0, links - 1)
            text = el.text if start else el.tail
        if not text:
            continue
        if "\n" not in text:  # the common run: added to the current line
            if not shown and not text.isspace():
                shown = True
            n = len(text) - text.count(" ")
            if n:
                if not tag:
                    tag = blocks[-1]
                total += n
                if links:
                    in_link += n
            buf.append(text)
            continue
        if text.isspace():  # white space over lines (indentation): it closes the current line
            if shown:
                first = text[:text.index("\n")]
                n = len(first) - first.count(" ")
                if n:
                    if not tag:
                        tag = blocks[-1]
                    total += n
                    if links:
                        in_link += n
                lines.append(_line(buf, in_link, total, tag))
            last = text[text.rindex("\n") + 1:]
            n = len(last) - last.count(" ")
            buf, in_link, total, shown = [last], n if links else 0, n, False
            tag = blocks[-1] if n else ""
            continue
        for j, piece in enumerate(text.split("\n")):
            if j and buf:
                if shown:
                    lines.append(_line(buf, in_link, total, tag))
                buf, in_link, total, tag, shown = [], 0, 0, "", False
            if not shown and piece and not piece.isspace():
                shown = True
            n = len(piece) - piece.count(" ")
            if n:
                if not tag:
                    tag = blocks[-1]
                total += n
                if links:
                    in_link += n
            buf.append(piece)
    if buf and shown:
        lines.append(_line(buf, in_link, total, tag))
    return lines


_EMBED_CLASSES = ("twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed")
_EMBEDS = etree.XPath("//blockquote[" + " or ".join(  # one pass over the page
    f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in _EMBED_CLASSES)
    + "]")


_CARDS = etree.XPath("//p//span[.//img][count(.//a) >= 2]")
_INNER_CARD = etree.XPath(".//span[.//img][count(.//a) >= 2]")


def _drop_keep_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _prepare_tree(tree) -> None:
    """Adjust the parsed page in place before extraction.

    Embedded posts (the standard embed markup of tweets and similar posts) quoted in a story
    are part of it, but their wrappers carry class names ("social-media-embed") that the
    extractor discards as share widgets: the wrappers that hold nothing but the post lose their
    class and id. Pop-up cards written inside a paragraph (an inline element holding a picture
    and several links, shown on hover) are not part of the sentence they sit in: removed.
    """
    for card in [c for c in _CARDS(tree) if not _INNER_CARD(c)]:  # the innermost ones
        _drop_keep_tail(card)
    for quote in _EMBEDS(tree):
        size = len(quote.text_content().strip())
        for depth, anc in enumerate(quote.iterancestors()):
            if depth >= 3 or anc.tag in ("article", "main", "body", "html") or (
                    len(anc.text_content().strip()) > size + 40):
                break
            for attr in ("class", "id"):
                anc.attrib.pop(attr, None)


def extract_html(html: str, *, url: str | None = None,
                 line_reasons: dict[str, str] | None = None,
                 crawl_date: datetime | None = None) -> HtmlExtraction:
    """Extract the article body and metadata of an HTML page.

    Args:
        html: The decoded page.
        url: Its URL when known (helps trafilatura and htmldate).
        line_reasons: A dict shared by the pages of one batch, where the furniture reason of
            each removed line is kept once found (menus and footers recur on a site's pages).
        crawl_date: When the page was fetched, if known: htmldate takes no date after it
            (:func:`date_params`).

    Returns:
        An :class:`HtmlExtraction`; ``text`` holds paragraphs separated by blank lines, the
        headline removed when trafilatura repeats it as the first line, a dateline and credit
        lines restored from the page when the extractor dropped them.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        return HtmlExtraction(text="")
    _prepare_tree(tree)
    # Read the page's lines before trafilatura prunes the tree it is given (one parse, not two).
    lines = _page_lines(tree)
    page_lines = [ln.text for ln in lines]
    # trafilatura's public API only: its metadata (htmldate's date bounded by date_params) and
    # its body, in one call.
    doc = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, with_metadata=True, include_tables=True,
        date_extraction_params=date_params(crawl_date),
    )
    if doc is None:
        return HtmlExtraction(text="")
    d = doc.as_dict()
    # " ".join(p.split()) is _WS.sub(" ", p).strip(): \s and str.split() take the same
    # white space.
    paras = [" ".join(p.split()) for p in (d.get("text") or "").split("\n")]
    paras = [p for p in paras if p]
    if sum(len(p.split()) for p in paras) < 3:
        paras = []
    removed: list[dict] = []
    title = (d.get("title") or "").strip() or None
    if paras and title and normalize_line(paras[0]) == normalize_line(title):
        removed.append({"text": paras.pop(0), "reason": "headline"})
    if len(paras) > 1 and len(paras[0].split()) <= 8 and paras[0][-1:] in "-\u2013\u2014:":
        hit = find_dateline(f"{paras[0]} {paras[1]}")
        if hit and abs(len(hit[1]) - len(paras[0])) <= 1:
            paras[0:2] = [f"{paras[0]} {paras[1]}"]
    if paras:
        _drop_furniture(paras, lines, (d.get("description") or "").strip(), removed)
    restored: list[dict] = []
    dateline = None
    if paras and page_lines:
        dateline = _restore_dateline(paras, page_lines, restored)
        _restore_credits(paras, page_lines, restored)
    text = "\n\n".join(paras)
    removed.extend(_outside_lines(page_lines, text, title, line_reasons))
    return HtmlExtraction(
        text=text,
        headline=title,
        byline=(d.get("author") or None),
        date=(d.get("date") or None),
        sitename=(d.get("sitename") or None),
        url=(d.get("url") or None),
        language=(d.get("language") or None),
        dateline=dateline,
        page_lines=page_lines,
        restored=restored,
        removed=removed,
    )


_LINK_LABEL = re.compile(
    r"^(?:related(?: articles?| stories| content| links)?|see (?:more|also)|also|(?:read|watch|"
    r"listen) (?:more|also|next)|more on this|recommended|further reading)\s*:", re.I)
_LABELLED = re.compile(r"\bby\s*:", re.I)
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_ISO_TIME = re.compile(r"^(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d\d:?\d\d)?$")
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# An author's or outlet's promotion closing a story: "Follow him on Twitter @name."
_FOLLOW = re.compile(
    r"\bfollow (?:him|her|them|us|me|@\w+)\b.{0,60}?\bon (?:twitter|facebook|instagram|x|youtube|"
    r"tiktok|linkedin|threads|bluesky)\b", re.I)
# Furniture that ends a story: what follows the last story paragraph on many sites.
_TAIL_FURNITURE = frozenset({
    "sign-up or login prompt", "comment widget", "copyright or footer", "share bar",
    "related or section label", "contact details", "photo credit or caption", "disclaimer",
    "cookie or script notice",
})


def _matcher(lines: list[_PageLine]):
    """A function mapping a paragraph to (link share, block tag of its first line) or None.

    A paragraph is one page line, or several consecutive ones the extractor joined (a list
    item holding a heading and a teaser).
    """
    exact: dict[str, tuple[float, str]] = {}
    starts: dict[str, list[int]] = {}
    for j, ln in enumerate(lines):
        got = exact.get(ln.text)
        if got is None or ln.link > got[0]:
            exact[ln.text] = (ln.link, ln.tag)
        starts.setdefault(ln.text[:16], []).append(j)

    def match(p: str) -> tuple[float, str] | None:
        got = exact.get(p)
        if got is not None or len(p) < 16:
            return got
        for j in starts.get(p[:16], ())[:20]:  # bounded: pages may repeat a line opening
            joined, k = lines[j].text, j
            sizes = [(len(joined), lines[j].link)]
            while len(joined) < len(p) and k + 1 < len(lines) and k - j < 6 and p.startswith(
                    joined):
                k += 1
                joined = f"{joined} {lines[k].text}"
                sizes.append((len(lines[k].text), lines[k].link))
            if joined == p:
                total = sum(n for n, _ in sizes)
                return sum(n * share for n, share in sizes) / total, lines[j].tag
        return None

    return match


def _drop_furniture(paras: list[str], lines: list[_PageLine], description: str,
                    removed: list[dict]) -> None:
    """Remove page furniture the extractor kept, in place; record each removal.

    Paragraphs are matched to the page's lines to know their link share and block element.
    Removed anywhere: machine timestamps and bare URLs that are not links; runs of three or
    more paragraphs mostly made of links (link lists); a "related" label and the links after
    it; a link behind a label ("Related: ..."); link-only promotions in capitals. At the start:
    a standfirst (a sub-heading repeating the page description), date lines, bare URLs and
    link-only section labels (kickers). From the end: furniture (sign-up prompts, share bars,
    comment widgets, footers, captions, author promotions), link-only paragraphs and headings
    after the last story paragraph. Credit lines stay.
    """
    match = _matcher(lines)
    n = len(paras)
    cache: dict[int, object] = {}

    def feat(i: int):
        # Line features cost regex passes over long paragraphs: computed where a rule needs them.
        if i not in cache:
            cache[i] = _features(Line(0, 0, len(paras[i]), paras[i]))
        return cache[i]

    link, mostly, tags = [], [], []
    for i, p in enumerate(paras):
        got = match(p) or (match(p[2:]) if p.startswith("- ") else None)
        share = got[0] if got is not None and not (got[0] >= 0.75 and feat(i).credit) else 0.0
        link.append(share >= 0.9)
        mostly.append(share >= 0.75)
        tags.append(got[1] if got else "")
    drop: dict[int, str] = {}
    # A standfirst: the first paragraph is a sub-heading that repeats the page description.
    if (n > 1 and tags[0] in _HEADINGS and description and normalize_line(description)[:80]
            and normalize_line(paras[0]).startswith(normalize_line(description)[:80])):
        drop[0] = "standfirst"
    for i, p in enumerate(paras):
        if _ISO_TIME.match(p) or (_BARE_URL.match(p) and not link[i]):
            drop.setdefault(i, "page metadata")
        elif mostly[i] and _LINK_LABEL.match(p):
            drop.setdefault(i, "related link")
        elif len(p) <= 80 and feat(i).furniture == "related or section label":
            drop.setdefault(i, "related or section label")
            j = i + 1
            while j < n and link[j]:
                drop.setdefault(j, "link list or menu")
                j += 1
        elif i and link[i] and len(p.split()) >= 3 and not any(c.islower() for c in p):
            drop.setdefault(i, "promotion link")
    i = 0
    while i < n:
        j = i
        while j < n and mostly[j]:
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                drop.setdefault(k, "link list or menu")
        i = max(j, i + 1)
    # Before the story: date lines, bare URLs, link-only labels.
    for i in range(n):
        if i in drop:
            continue
        f = feat(i)
        if f.furniture == "date line" or _BARE_URL.match(paras[i]) or (
                link[i] and not f.sentence and f.words <= 3):
            drop[i] = f.furniture or "before the story"
            continue
        break
    # After the story: furniture and link-only paragraphs, from the end.
    for i in range(n - 1, -1, -1):
        if i in drop:
            continue
        f = feat(i)
        if f.credit:
            break
        if f.furniture in _TAIL_FURNITURE or link[i] or (
                _FOLLOW.search(paras[i]) and f.words <= 60):
            drop[i] = f.furniture or ("link" if link[i] else "author promotion")
            continue
        if tags[i] in _HEADINGS or tags[i] == "h1":
            drop[i] = "heading after the story"  # a story does not end on a heading
            continue
        break
    if len(drop) >= n:
        return
    for i in sorted(drop, reverse=True):
        removed.append({"text": paras.pop(i), "reason": drop[i]})


_MEMO_LINE = 200  # longest line whose reason is kept for the batch's other pages
_MEMO_SIZE = 100_000  # most lines kept per batch


def _outside_lines(page_lines: list[str], text: str, title: str | None,
                   shared: dict[str, str] | None = None) -> list[dict]:
    """The page's visible lines that are not in the extracted text, with a reason.

    The reason is the furniture lexicon the line matches (:func:`furniture_reason`), else
    "outside the main text". Each distinct line is classified once per page, and once per batch
    for lines up to :data:`_MEMO_LINE` characters when ``shared`` is given.
    """
    if not text:
        return []
    flat = _WS.sub(" ", text)
    out = []
    reasons: dict[str, str] = {}  # menus and share bars repeat their lines
    for line in page_lines:
        if line in flat or (title and line == title):
            continue
        reason = reasons.get(line)
        if reason is None and shared is not None:
            reason = shared.get(line)
        if reason is None:
            reason = reasons[line] = furniture_reason(line) or "outside the main text"
            if shared is not None and len(line) <= _MEMO_LINE and len(shared) < _MEMO_SIZE:
                shared[line] = reason
        out.append({"text": line, "reason": reason})
    return out


def _find_line(page_lines: list[str], para: str, *, last: bool = False) -> int | None:
    key = para[:60] if not last else para[-60:]
    rng = range(len(page_lines) - 1, -1, -1) if last else range(len(page_lines))
    for i in rng:
        if key in page_lines[i]:
            return i
    return None


def _restore_dateline(paras: list[str], page_lines: list[str], restored: list[dict]) -> str | None:
    """Put back a dateline printed before the first paragraph; return a stand-alone place."""
    if find_dateline(paras[0]):
        return None
    i = _find_line(page_lines, paras[0])
    if i is None:
        return None
    line = page_lines[i]
    before = line[: line.find(paras[0][:60])].strip()
    prev = page_lines[i - 1] if i > 0 else ""
    for cand in (before, *reversed(page_lines[max(0, i - 3): i])):
        if not cand or len(cand) > 80:
            continue
        hit = find_dateline(f"{cand} {paras[0]}")
        # The dateline is the whole candidate line, not a label opening a longer one.
        if hit and abs(len(hit[1]) - len(cand)) <= 1:
            paras[0] = f"{cand} {paras[0]}"
            restored.append({"text": cand, "reason": "dateline restored"})
            return None
    if prev and is_dateline_line(prev):
        return prev.strip(" ,")
    return None


def _restore_credits(paras: list[str], page_lines: list[str], restored: list[dict]) -> None:
    if any(_CREDIT.match(p) for p in paras[-3:]):
        return
    i = _find_line(page_lines, paras[-1], last=True)
    if i is None:
        return
    have: set[str] | None = None  # the paragraphs' keys, built when a candidate turns up
    for line in page_lines[i + 1: i + 6]:
        if len(line) > 400:
            break
        if _LABELLED.search(line):
            continue  # "Edited by: ..." is a page's metadata field, not the story's credit line
        if not (_CREDIT.match(line) or (_CONTRIB.search(line) and len(line.split()) < 40)):
            continue
        if have is None:
            have = {normalize_line(p) for p in paras}
        if normalize_line(line) not in have:
            paras.append(line)
            restored.append({"text": line, "reason": "credit line restored"})
