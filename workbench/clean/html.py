"""HTML pages: main text and metadata with trafilatura, dateline and credit lines kept.

trafilatura finds the body and the metadata (its date comes from htmldate); extractors tend to
drop the dateline ("SEOUL (Reuters) -") and the credit lines at the foot of wire copy, so we look
for them in the page text right before the first and right after the last extracted paragraph
and put them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from workbench.clean.meta import find_dateline
from workbench.clean.text import (
    _CONTRIB,
    _CREDIT,
    Line,
    _features,
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


def html_page_text(html) -> list[str]:
    """Return the visible text of a page as lines (scripts, styles and templates dropped).

    Args:
        html: The page as a string, or an already parsed lxml tree (left unchanged).
    """
    if isinstance(html, str):
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
        except (etree.ParserError, ValueError):
            return []
    else:
        tree = html
    parts: list[str] = []
    skip = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else "#comment"
        if event == "start":
            if tag in _SKIP_TAGS or tag == "#comment":
                skip += 1
                continue
            if skip:
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _SKIP_TAGS or tag == "#comment":
                skip -= 1
            elif not skip and tag in _BLOCK_TAGS:
                parts.append("\n")
            if not skip and el.tail:
                parts.append(el.tail)
    lines = []
    for ln in "".join(parts).split("\n"):
        ln = _WS.sub(" ", ln).strip()
        if ln:
            lines.append(ln)
    return lines


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and metadata of an HTML page.

    Args:
        html: The decoded page.
        url: Its URL when known (helps trafilatura and htmldate).

    Returns:
        An :class:`HtmlExtraction`; ``text`` holds paragraphs separated by blank lines, the
        headline removed when trafilatura repeats it as the first line, a dateline and credit
        lines restored from the page when the extractor dropped them.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        return HtmlExtraction(text="")
    # Read the page's lines before trafilatura prunes the tree it is given (one parse, not two).
    page_lines = html_page_text(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, with_metadata=True, include_tables=True,
    )
    if doc is None:
        return HtmlExtraction(text="")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    paras = [_WS.sub(" ", p).strip() for p in (d.get("text") or "").split("\n")]
    paras = [p for p in paras if p]
    if sum(len(p.split()) for p in paras) < 3:
        paras = []
    removed: list[dict] = []
    title = (d.get("title") or "").strip() or None
    if paras and title and normalize_line(paras[0]) == normalize_line(title):
        removed.append({"text": paras.pop(0), "reason": "headline"})
    if len(paras) > 1 and len(paras[0].split()) <= 8 and paras[0][-1:] in "-\u2013\u2014:":
        hit = find_dateline(f"{paras[0]} {paras[1]}")
        if hit and len(hit[1]) <= len(paras[0]) + 1:
            paras[0:2] = [f"{paras[0]} {paras[1]}"]
    restored: list[dict] = []
    dateline = None
    if paras and page_lines:
        dateline = _restore_dateline(paras, page_lines, restored)
        _restore_credits(paras, page_lines, restored)
    text = "\n\n".join(paras)
    removed.extend(_outside_lines(page_lines, text, title))
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


def _outside_lines(page_lines: list[str], text: str, title: str | None) -> list[dict]:
    """The page's visible lines that are not in the extracted text, with a reason."""
    if not text:
        return []
    flat = _WS.sub(" ", text)
    out = []
    for line in page_lines:
        if line in flat or (title and line == title):
            continue
        feat = _features(Line(0, 0, len(line), line))
        out.append({"text": line, "reason": feat.furniture or "outside the main text"})
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
        if hit and len(hit[1]) <= len(cand) + 1:
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
    have = {normalize_line(p) for p in paras}
    for line in page_lines[i + 1: i + 6]:
        if len(line) > 400:
            break
        if (_CREDIT.match(line) or (_CONTRIB.search(line) and len(line.split()) < 40)) and (
                normalize_line(line) not in have):
            paras.append(line)
            restored.append({"text": line, "reason": "credit line restored"})
