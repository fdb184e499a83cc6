"""Clean stage: page furniture removed, metadata extracted, one ``articles`` row per record."""

from __future__ import annotations

from urllib.parse import urlparse

from workbench.ingest import RawRecord, article_id_for

__all__ = ["build_article"]


def build_article(rec: RawRecord, meta: dict) -> dict | None:
    """Turn one raw record into an ``articles`` row (clean text + metadata)."""
    raw = rec.content
    lines = [ln.strip() for ln in raw.splitlines()]
    text = "\n\n".join(ln for ln in lines if ln)
    url = meta.get("url")
    outlet = meta.get("outlet")
    extra = {k: v for k, v in meta.items() if k not in {"url", "outlet", "published"}}
    return {
        "article_id": article_id_for(raw, rec.record),
        "source_path": rec.source_path,
        "record": rec.record,
        "input_format": rec.input_format,
        "url": url,
        "outlet": outlet or (urlparse(url).hostname if url else None),
        "outlet_source": "manifest" if outlet else ("url" if url else "unknown"),
        "headline": lines[0] if lines else None,
        "dateline": None,
        "wire_agency": None,
        "wire_agency_evidence": None,
        "credits": [],
        "byline": None,
        "published_date": meta.get("published"),
        "published_date_source": "manifest" if meta.get("published") else None,
        "published_date_precision": "day" if meta.get("published") else None,
        "language": "en",
        "text": text,
        "raw_text": raw,
        "offset_map": [],
        "removed_text": [],
        "is_duplicate_of": None,
        "word_count": len(text.split()),
        "metadata": extra,
    }
