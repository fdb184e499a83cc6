"""Duplicate detection across loaded articles."""

from __future__ import annotations

__all__ = ["mark_duplicates"]


def mark_duplicates(articles: list[dict]) -> list[dict]:
    """Set ``is_duplicate_of`` on articles whose clean text equals an earlier article's."""
    first: dict[str, str] = {}
    out = []
    for art in articles:
        key = " ".join(art["text"].split()).casefold()
        dup = first.setdefault(key, art["article_id"])
        out.append({**art, "is_duplicate_of": dup if dup != art["article_id"] else None})
    return out
