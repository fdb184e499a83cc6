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

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

import lxml.html
import trafilatura
import trafilatura.metadata as _tmeta
from lxml import etree
from trafilatura.settings import DEFAULT_CONFIG

try:  # trafilatura's own parse repairs; without them, trafilatura.load_html parses the page
    from trafilatura.utils import is_dubious_html, repair_faulty_html
except ImportError:  # pragma: no cover - another trafilatura version
    is_dubious_html = repair_faulty_html = None

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

# trafilatura's own parser settings, with lxml's C-level element class lookup in place of
# lxml.html's Python one (which picks form-control classes by tag name and costs a Python call
# for every element proxy trafilatura and we create: about a tenth of the extraction time).
# Every element is an ``HtmlElement``, comments an ``HtmlComment``; trafilatura and htmldate use
# nothing of the form-control classes.
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


def _load_tree(html: str):
    """Parse a decoded page as ``trafilatura.load_html`` does, with :data:`_PARSER`.

    The same repairs and fallbacks: invalid characters and a broken doctype or ``<html/>``
    repaired, bytes tried when the string fails, and a page that does not look like HTML
    rejected when it parses to fewer than two elements.
    """
    if repair_faulty_html is None:  # pragma: no cover - another trafilatura version
        return trafilatura.load_html(html)
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree = None
    as_bytes = False
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        as_bytes = True
    except Exception:  # noqa: BLE001 - as trafilatura: a parser failure means no tree
        tree = None
    if as_bytes or tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except Exception:  # noqa: BLE001
            tree = None
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


_META_STEPS = ("set_date_params", "examine_meta", "extract_meta_json", "extract_title",
               "extract_author", "extract_url", "extract_domain", "find_date", "extract_sitename",
               "META_URL")
#: Whether this trafilatura has the metadata steps :func:`_metadata` calls (else its own).
LEAN_METADATA = all(hasattr(_tmeta, name) for name in _META_STEPS)


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
            "extensive_search": DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"),
            "max_date": latest.strftime("%Y-%m-%d")}


def _metadata(tree, url: str | None, crawl_date: datetime | None = None):
    """The metadata trafilatura finds in a page (``extract_metadata``), without what we do not use.

    The same steps in the same order (meta tags, JSON-LD, title, author, URL, htmldate's date,
    site name), leaving out categories, tags and license, which nothing here reads and which
    cost about a third of the metadata time.
    """
    m = _tmeta
    date_config = date_params(crawl_date)
    metadata = m.examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = m.extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001, S110 - as trafilatura: bugs in its JSON-LD reader
        pass
    if not metadata.title:
        metadata.title = m.extract_title(tree)
    if not metadata.author:
        metadata.author = _author(tree)
    if not metadata.url:
        metadata.url = m.extract_url(tree, url)
    if metadata.url:
        metadata.hostname = m.extract_domain(metadata.url, fast=True)
    date_config["url"] = metadata.url
    metadata.date = m.find_date(tree, **date_config)
    if not metadata.sitename:
        metadata.sitename = m.extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        hit = m.META_URL.match(metadata.url)
        if hit:
            metadata.sitename = hit[1]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata


# trafilatura's author search (``extract_author``) deep-copies the page, prunes comment
# sections, dates, figures and the like from the copy, then runs three XPath expressions over
# every element, each testing attributes with regular expressions (a call into Python per
# element): about half of the metadata time. The fast path finds the same author in one walk
# over the page itself, with the same tests written as string tests in Python:
#
# * an element matched on the pruned copy is one matched on the page that is neither pruned nor
#   inside a pruned element (the expressions test each element's own tag and attributes; the
#   one test of child elements, ``rel='me'``, is left to trafilatura on pages holding a <rel>);
# * its text is read with the pruned elements left out, their tails joined to the text before
#   them, as ``trafilatura.xml.delete_element`` joins them.
#
# It is the translation of the expressions whose fingerprint is below (trafilatura 2.3); with
# other expressions trafilatura's own function runs. Tests compare both on pages.
_AUTHOR_EXPRS = getattr(_tmeta, "AUTHOR_XPATHS", None)
_AUTHOR_DISCARD = getattr(_tmeta, "AUTHOR_DISCARD_XPATHS", None)
_AUTHOR_FINGERPRINT = "2af94d4a6e04e948"
FAST_AUTHOR = False  #: Whether :func:`_author` takes the fast path with this trafilatura.
if _AUTHOR_EXPRS and _AUTHOR_DISCARD and hasattr(_tmeta, "normalize_authors") and hasattr(
        _tmeta, "trim"):
    _paths = [" ".join(x.path.split()) for x in (*_AUTHOR_EXPRS, *_AUTHOR_DISCARD)]
    FAST_AUTHOR = hashlib.sha256("\n".join(_paths).encode()).hexdigest()[:16] == (
        _AUTHOR_FINGERPRINT)


def _any_of(*strings: str) -> re.Pattern:
    """A pattern found in a string exactly where one of ``strings`` is (a substring test)."""
    return re.compile("|".join(map(re.escape, strings)))


# AUTHOR_XPATHS[0]: specific names; [1]: bylines; [2]: any element naming an author.
_A0_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_A0_CLASS = _any_of("authorname", "author-name", "AuthorName", "authorName")  # author-?name|..
_A1_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_A1_CLASS_IS = frozenset({"byline", "username", "byl", "BBL"})
_A1_ID = _any_of("author", "zuozhe", "bianji", "xiaobian")
_A1_CLASS = _any_of("author", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by",
                    "posted-by", "journalist-name")
_A2_ID = _any_of("Author", "author")  # [Aa]uthor
_A2_CLASS = _any_of("Author", "author", "screenname", "writer", "Byline", "byline")
# AUTHOR_DISCARD_XPATHS: what is pruned before the search.
_D_TAGS = frozenset({"a", "div", "section", "span"})
_D_ID = _any_of("commentlist", "comment-list", "ProductReviews")  # and ^comments
_D_CLASS = _any_of("commentlist", "comments-list", "sidebar", "is-hidden", "quote",
                   "embedly-instagram", "article-share", "article-support", "print",
                   "category", "meta-date", "meta-reviewer")  # and ^[Cc]omments
_D_ALWAYS = frozenset({"time", "figure"})


def _pruned(el) -> bool:
    """Whether the author search's pruning deletes ``el`` (not counting its ancestors)."""
    tag = el.tag
    if tag in _D_ALWAYS:
        return True
    if tag not in _D_TAGS:
        return False
    get = el.get
    id_, cls = get("id") or "", get("class") or ""
    return bool(id_ == "comments" or cls in ("comments", "title", "date")
                or (id_ and (id_.startswith("comments") or _D_ID.search(id_)))
                or (cls and (cls.startswith(("Comments", "comments")) or _D_CLASS.search(cls)))
                or "Figure" in (get("data-component") or ""))


def _author_candidates(tree) -> tuple[list, list, list]:
    """The elements each of trafilatura's three author expressions matches, in page order."""
    c0: list = []
    c1: list = []
    c2: list = []
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag != "author" and not el.keys():
            continue  # no attribute: none of the tests can hold
        get = el.get
        cls, id_, prop = get("class") or "", get("id") or "", get("itemprop") or ""
        if tag == "author" or (tag in _A0_TAGS and (
                get("rel") == "author" or id_ == "author" or cls == "author"
                or prop == "author name" or get("data-testid") in ("AuthorCard", "AuthorURL")
                or (cls and _A0_CLASS.search(cls)))):
            c0.append(el)
        if tag in _A1_TAGS and (cls in _A1_CLASS_IS or "author" in prop
                                or (id_ and _A1_ID.search(id_))
                                or (cls and _A1_CLASS.search(cls))):
            c1.append(el)
        if ("author" in prop or (id_ and _A2_ID.search(id_)) or (cls and _A2_CLASS.search(cls))
                or "Byline" in (get("data-component") or "")):
            c2.append(el)
    return c0, c1, c2


class _Unsupported(Exception):
    """A page the fast author search does not handle (comments or processing instructions)."""


def _kept_text(el, out: list[str]) -> None:
    """Append the text pieces ``el.itertext()`` gives once the pruned elements are deleted.

    A deleted element's tail joins the piece before it (its previous kept sibling's tail, or
    the parent's text), as ``trafilatura.xml.delete_element`` puts it.
    """
    piece = el.text
    for child in el:
        if not isinstance(child.tag, str):  # pragma: no cover - our parser drops comments
            raise _Unsupported
        if _pruned(child):
            if child.tail:
                piece = (piece or "") + child.tail
            continue
        if piece is not None:
            out.append(piece)
        _kept_text(child, out)
        piece = child.tail
    if piece is not None:
        out.append(piece)


def _author(tree):
    """Return trafilatura's ``extract_author(tree)``, without copying and pruning the page."""
    if not FAST_AUTHOR or tree.getparent() is not None or tree.tag != "html" or (
            tree.find(".//rel") is not None):
        return _tmeta.extract_author(tree)
    trim = _tmeta.trim
    for found in _author_candidates(tree):
        for elem in found:
            if _pruned(elem) or any(_pruned(a) for a in elem.iterancestors()):
                continue
            pieces: list[str] = []
            try:
                _kept_text(elem, pieces)
            except _Unsupported:  # pragma: no cover
                return _tmeta.extract_author(tree)
            content = trim(" ".join(pieces))
            if content and 2 < len(content) < 120:
                return _tmeta.normalize_authors(None, content)
    return None


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
    tree = _load_tree(html)
    if tree is None:
        return HtmlExtraction(text="")
    _prepare_tree(tree)
    # Read the page's lines before trafilatura prunes the tree it is given (one parse, not two).
    lines = _page_lines(tree)
    page_lines = [ln.text for ln in lines]
    if LEAN_METADATA:
        # Metadata first, then the body, as bare_extraction(with_metadata=True) does.
        meta = _metadata(tree, url, crawl_date)
        doc = trafilatura.bare_extraction(
            tree, url=url or meta.url, include_comments=False, include_tables=True,
        )
        if doc is None:
            return HtmlExtraction(text="")
        d = meta.as_dict()
        d["text"] = doc.text
    else:  # pragma: no cover - another trafilatura version
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, with_metadata=True, include_tables=True,
            date_extraction_params=date_params(crawl_date),
        )
        if doc is None:
            return HtmlExtraction(text="")
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
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
