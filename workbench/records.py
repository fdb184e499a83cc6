"""Typed records shared by the load stages: :class:`RawRecord` and :func:`article_id_for`.

A leaf module (it imports nothing from :mod:`workbench`): :mod:`workbench.ingest` makes the
records and :mod:`workbench.clean` turns them into ``articles`` rows, and both name articles
by the same content hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = ["RawRecord", "article_id_for"]


@dataclass(frozen=True)
class RawRecord:
    """One article as read from disk, before cleaning (the ingest edge's typed record)."""

    source_path: str
    content: str
    content_type: str  # "text" or "html"
    input_format: str
    record: str = ""
    byte_count: int = 0
    meta: dict = field(default_factory=dict)


def article_id_for(content: str, record: str = "") -> str:
    """Return the stable content-hash id of an article."""
    h = hashlib.sha256(content.encode("utf-8", "surrogatepass"))
    if record:
        h.update(f"\x00{record}".encode())
    return h.hexdigest()[:16]
