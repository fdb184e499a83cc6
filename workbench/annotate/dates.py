"""Temporal expressions and publication dates (placeholder until the dates layer lands)."""

from __future__ import annotations

__all__ = ["extract_dates", "publication_date_row"]


def publication_date_row(article: dict, doc, timexes: list[dict]) -> dict:
    """Return the publication_dates row for one article (stated date only, for now)."""
    return {
        "published_date": article.get("published_date"),
        "published_date_source": article.get("published_date_source"),
        "published_date_precision": article.get("published_date_precision"),
    }


def extract_dates(doc, article: dict, sentences: list[dict]) -> tuple[list[dict], dict]:
    """Return (timex rows, publication_dates row) for one parsed article. Not implemented yet."""
    return [], publication_date_row(article, doc, [])
