"""Clean stage: page furniture removed, metadata extracted, one ``articles`` row per record.

HTML goes through trafilatura (:mod:`workbench.clean.html`); plain page text through our own
line cleaner (:mod:`workbench.clean.text`); metadata through :mod:`workbench.clean.meta`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from workbench.clean.dedupe import mark_duplicates
from workbench.clean.html import extract_html
from workbench.clean.meta import (
    crawl_date,
    date_from_text,
    date_from_url,
    detect_language,
    detect_wire_agency,
    find_dateline,
    is_relative_date,
    looks_like_outlet,
    outlet_evidence,
    outlet_for_url,
    outlet_from_filename,
    parse_credits,
    parse_date,
)
from workbench.clean.text import (
    _CONTRIB,
    _CREDIT,
    clean_page_text,
    normalize_line,
    split_lines,
)
from workbench.records import article_id_for

__all__ = [
    "build_article",
    "build_articles",
    "clean_page_text",
    "cleaning_summary",
    "mark_duplicates",
    "removed_lines",
    "site_key",
    "site_recurring_lines",
]

_MANIFEST_DATE_KEYS = ("published", "published_date", "date_publish", "date", "publication_date")
_MANIFEST_HEADLINE_KEYS = ("headline", "title")
_MANIFEST_BYLINE_KEYS = ("byline", "author", "authors")


def site_key(url: str | None) -> str | None:
    """The site a URL belongs to (host without ``www.``), used to group pages of one site."""
    if not url:
        return None
    host = (urlparse(url).hostname or "").casefold()
    return host[4:] if host.startswith("www.") else (host or None)


def site_recurring_lines(pages: Iterable[str], *, min_pages: int = 2,
                         min_share: float = 0.5) -> frozenset[str]:
    """Normalized lines that recur on several pages of one site (site furniture candidates).

    Args:
        pages: The raw texts of the pages of one site.
        min_pages: A line must occur on at least this many pages...
        min_share: ...and on at least this share of the site's pages.

    Returns:
        The set of :func:`~workbench.clean.text.normalize_line` keys.
    """
    pages = list(pages)
    if len(pages) < min_pages:
        return frozenset()
    counts: Counter[str] = Counter()
    for raw in pages:
        counts.update({normalize_line(ln.text) for ln in split_lines(raw)} - {""})
    need = max(min_pages, int(min_share * len(pages) + 0.999))
    return frozenset(k for k, n in counts.items() if n >= need)


def _first(meta: dict, keys) -> str | None:
    for k in keys:
        v = meta.get(k)
        if v is not None and v == v and str(v).strip():
            return str(v).strip()
    return None


def build_article(rec, meta: dict, *, site_lines: frozenset[str] = frozenset(),
                  line_reasons: dict[str, str] | None = None) -> dict | None:
    """Turn one raw record into an ``articles`` row (clean text + metadata).

    Args:
        rec: A :class:`workbench.records.RawRecord`.
        meta: The record's own fields (``record_*`` keys from readers, ``warc_date``, ``extra``)
            merged with the manifest row (``url``, ``outlet``, ``published``, ...).
        site_lines: Lines recurring across the site's pages (:func:`site_recurring_lines`).
        line_reasons: Removed HTML lines' reasons shared across a batch's pages.

    Returns:
        One ``articles`` row dict (``is_duplicate_of`` is set later over the whole batch).
    """
    meta = dict(meta)
    url = _first(meta, ("url",)) or meta.get("record_url")
    given_headline = _first(meta, _MANIFEST_HEADLINE_KEYS) or meta.get("record_headline")
    page_text = ""
    removed: list[dict]
    sitename = None
    html_date = None
    byline = _first(meta, _MANIFEST_BYLINE_KEYS) or meta.get("record_byline")
    standalone_dateline = None
    date_line = None
    if rec.content_type == "html":
        crawled = crawl_date(meta)
        ext = extract_html(rec.content, url=url, line_reasons=line_reasons,
                           crawl_date=crawled[0] if crawled else None)
        text = ext.text
        offset_map: list[list[int]] = []
        removed = list(ext.removed) + list(ext.restored)
        headline = given_headline or ext.headline
        byline = byline or ext.byline
        sitename = _site_name(ext.sitename)
        found = None if sitename else outlet_evidence(
            ext.page_lines, text, headline=headline)
        html_date = ext.date
        url = url or ext.url
        standalone_dateline = ext.dateline
        page_text = "\n".join(ln for ln in ext.page_lines[-60:] if len(ln) < 300)
        credit_lines = [p for p in text.split("\n\n")[-4:]
                        if _CREDIT.match(p) or (_CONTRIB.search(p) and len(p.split()) < 40)]
    else:
        res = clean_page_text(rec.content, url=url, headline=given_headline,
                              site_lines=site_lines)
        text = res.text
        offset_map = res.offset_map
        removed = res.removed
        headline = given_headline or res.headline
        byline = byline or res.byline
        standalone_dateline = res.dateline
        date_line = res.date_line
        credit_lines = res.credit_lines
        page_text = "\n".join(r["text"] for r in removed if r["reason"] != "headline")
        found = outlet_evidence(
            [ln.text for ln in split_lines(rec.content)], text, headline=headline,
            footer_lines=[r["text"] for r in removed if r["reason"] == "copyright or footer"])
        sitename = found[0] if found else None
    dl = find_dateline(text)
    dateline = dl[0] if dl else standalone_dateline
    wire, evidence = detect_wire_agency(text, url=url, byline=byline, page_text=page_text)
    date_notes: list[str] = []
    published, pub_source, precision = _published(meta, html_date, url, date_line, text,
                                                   date_notes)
    if rec.content_type == "html" and not sitename and found:
        sitename = found[0]
    outlet, outlet_source = _outlet(meta, url, sitename, rec.source_path)
    language = (meta.get("record_language") or "").strip()[:2].lower() or detect_language(text)
    extra = {k: v for k, v in meta.items()
             if not k.startswith("record_") and k not in {"url", "outlet", "extra", "warc_date"}
             and k not in _MANIFEST_DATE_KEYS + _MANIFEST_HEADLINE_KEYS + _MANIFEST_BYLINE_KEYS}
    extra.update(meta.get("extra") or {})
    if meta.get("warc_date"):
        extra["capture_date"] = meta["warc_date"]
    if sitename:
        extra["site_name"] = sitename
    if outlet_source == "page" and found:
        extra["outlet_evidence"] = found[1]
    elif outlet_source == "page":
        extra["outlet_evidence"] = "HTML site name"
    elif outlet_source == "filename":
        extra["outlet_evidence"] = f"file name {Path(rec.source_path).name}"
    if meta.get("record_source_domain"):
        extra["source_domain"] = meta["record_source_domain"]
    if date_notes:
        extra["date_note"] = "; ".join(date_notes)
    return {
        "article_id": article_id_for(rec.content, rec.record),
        "source_path": rec.source_path,
        "record": rec.record,
        "input_format": rec.input_format,
        "url": url,
        "outlet": outlet,
        "outlet_source": outlet_source,
        "headline": headline,
        "dateline": dateline,
        "wire_agency": wire,
        "wire_agency_evidence": evidence,
        "credits": parse_credits(credit_lines),
        "byline": byline,
        "published_date": published,
        "published_date_source": pub_source,
        "published_date_precision": precision,
        "language": language or "und",
        "text": text,
        "raw_text": rec.content,
        "offset_map": offset_map,
        "removed_text": removed,
        "is_duplicate_of": None,
        "word_count": len(re.findall(r"\w+", text)),
        "metadata": extra,
    }


def _published(meta, html_date, url, date_line, text, notes=None):
    """(date, source, precision) by priority: manifest, record, html-meta, url, text, warc.

    A relative value ('yesterday', '3 hours ago') counts from the record's crawl date
    (:func:`~workbench.clean.meta.crawl_date`), never from the day the code runs; without a
    crawl date it gives no date, and a note saying so is appended to ``notes``.
    """
    crawled = crawl_date(meta)
    base = crawled[0] if crawled else None
    candidates = [
        ("manifest", _first(meta, _MANIFEST_DATE_KEYS)),
        ("record", meta.get("record_published")),
        ("html-meta", html_date),
    ]
    for source, value in candidates:
        got = parse_date(value, base=base) if value else None
        if value and notes is not None and is_relative_date(value):
            said = f"relative {source} date {str(value).strip()[:60]!r}"
            notes.append(
                f"{said} left empty: no crawl date to count it from" if base is None else
                f"{said} counted from the crawl date {base:%Y-%m-%d %H:%M} ({crawled[1]})"
                if got else f"{said} left empty: unreadable from the crawl date")
        if got:
            return got[0], source, got[1]
    got = date_from_url(url, base=base)
    if got:
        return got[0], "url", got[1]
    got = date_from_text(date_line, base=base)
    if got:
        return got[0], "text", got[1]
    dl = re.match(r"^[^(]{0,80}?,\s*((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                  r"\s+\d{1,2},?\s+(?:19|20)\d\d)", text[:200])
    if dl:
        got = date_from_text(dl.group(1), base=base)
        if got:
            return got[0], "text", got[1]
    if meta.get("warc_date"):
        got = parse_date(meta["warc_date"])
        if got:
            return got[0], "warc", got[1]
    return None, None, None


def _outlet(meta, url, sitename, source_path=None):
    """(outlet, source): manifest, record, URL (known-outlet table), page, URL host, file name."""
    if _first(meta, ("outlet",)):
        return _first(meta, ("outlet",)), "manifest"
    if meta.get("record_outlet") and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", meta["record_outlet"]):
        return meta["record_outlet"], "record"
    for candidate in (url, meta.get("record_source_domain"), meta.get("record_outlet")):
        name = outlet_for_url(candidate)
        if name:
            return name, "url"
    if sitename:
        return sitename, "page"
    host = site_key(url) or meta.get("record_source_domain")
    if host:
        return host, "url"
    from_name = outlet_from_filename(source_path)
    if from_name:
        return from_name[0], "filename"
    return None, "unknown"


def _site_name(name: str | None) -> str | None:
    """An HTML site name as shown: tagline dropped, a domain named through the outlet table."""
    if not name:
        return None
    parts = [p.strip() for p in re.split(r"\s+(?:\||-|\u2013|\u2014|::)\s+", name) if p.strip()]
    name = next((p for p in parts if looks_like_outlet(p)), parts[0] if parts else name)
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", name):
        return outlet_for_url(name) or name.casefold().removeprefix("www.")
    return name


def build_articles(records: list, metas: list[dict], *,
                   progress: Callable[[int], object] | None = None) -> list:
    """Clean a batch of raw records: site furniture is learned from each site's pages first.

    Args:
        records: Raw records, in load order.
        metas: The merged metadata dict of each record.
        progress: Called with 1 after each record (a progress bar's ``update``).

    Returns:
        One item per record: an ``articles`` row dict, or the exception that cleaning raised.
    """
    by_site: dict[str, list[str]] = defaultdict(list)
    sites = []
    for rec, meta in zip(records, metas):
        key = None
        if rec.content_type == "text":
            key = site_key(_first(meta, ("url",)) or meta.get("record_url"))
            if key:
                by_site[key].append(rec.content)
        sites.append(key)
    recurring = {k: site_recurring_lines(v) for k, v in by_site.items()}
    out = []
    line_reasons: dict[str, str] = {}  # removed HTML lines' reasons, for this batch
    for rec, meta, key in zip(records, metas, sites):
        try:
            out.append(build_article(rec, meta, site_lines=recurring.get(key, frozenset()),
                                     line_reasons=line_reasons))
        except Exception as exc:  # noqa: BLE001 - one bad page never sinks a batch
            out.append(exc)
        if progress is not None:
            progress(1)
    return out


def removed_lines(articles: pd.DataFrame) -> pd.DataFrame:
    """What the cleaner removed: one row per (article_id, removed line or block).

    Args:
        articles: The ``articles`` table.

    Returns:
        Columns ``article_id``, ``outlet``, ``reason``, ``text``.
    """
    rows = [
        {"article_id": a.article_id, "outlet": a.outlet, "reason": r.get("reason"),
         "text": r.get("text")}
        for a in articles.itertuples(index=False)
        for r in (a.removed_text or [])
    ]
    return pd.DataFrame(rows, columns=["article_id", "outlet", "reason", "text"])


def cleaning_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Summarize the cleaning of each article: one row per article.

    Args:
        articles: The ``articles`` table.

    Returns:
        Columns ``article_id``, ``outlet``, ``input_format``, ``lines_kept``,
        ``lines_removed``, ``words_kept``, ``removed_by_reason`` (dict reason -> count) and
        ``removed_examples`` (first removed text per reason, shortened).
    """
    rows = []
    for a in articles.itertuples(index=False):
        removed = [r for r in (a.removed_text or []) if "restored" not in str(r.get("reason"))]
        by_reason: dict[str, int] = {}
        examples: dict[str, str] = {}
        for r in removed:
            reason = str(r.get("reason"))
            by_reason[reason] = by_reason.get(reason, 0) + 1
            examples.setdefault(reason, str(r.get("text"))[:60])
        rows.append({
            "article_id": a.article_id,
            "outlet": a.outlet,
            "input_format": a.input_format,
            "lines_kept": len([p for p in a.text.split("\n\n") if p.strip()]) if a.text else 0,
            "lines_removed": len(removed),
            "words_kept": a.word_count,
            "removed_by_reason": by_reason,
            "removed_examples": examples,
        })
    return pd.DataFrame(rows, columns=["article_id", "outlet", "input_format", "lines_kept",
                                       "lines_removed", "words_kept", "removed_by_reason",
                                       "removed_examples"])
