"""Sentences and entities from a parsed spaCy ``Doc`` (offsets into the clean text)."""

from __future__ import annotations

import bisect
import re

__all__ = ["entity_norm", "entity_rows", "paragraph_starts", "sentence_rows"]

_PARA_BREAK = re.compile(r"\n\s*\n")
_POSSESSIVE = re.compile(r"['’]s$")


def paragraph_starts(text: str) -> list[int]:
    """Return the start offsets of the paragraphs of ``text`` (blank-line separated)."""
    return [0] + [m.end() for m in _PARA_BREAK.finditer(text)]


def sentence_rows(doc) -> list[dict]:
    """Return one row per sentence of ``doc``: ids, paragraph, offsets and text.

    Sentences never cross a paragraph break; surrounding white space is trimmed.
    """
    text = doc.text
    starts = paragraph_starts(text)
    rows: list[dict] = []
    for sent in doc.sents:
        for piece_start, piece_end in _split_on_breaks(text, sent.start_char, sent.end_char):
            rows.append(
                {
                    "sentence_id": len(rows),
                    "paragraph_id": bisect.bisect_right(starts, piece_start) - 1,
                    "start_char": piece_start,
                    "end_char": piece_end,
                    "sentence_text": text[piece_start:piece_end],
                }
            )
    return rows


def _split_on_breaks(text: str, start: int, end: int):
    chunk = text[start:end]
    pos = 0
    for m in _PARA_BREAK.finditer(chunk):
        yield from _trimmed(text, start + pos, start + m.start())
        pos = m.end()
    yield from _trimmed(text, start + pos, end)


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def entity_norm(text: str) -> str:
    """Normalize an entity mention for matching: case-folded, no leading 'the', no possessive."""
    t = " ".join(text.split()).strip()
    t = _POSSESSIVE.sub("", t)
    if t.lower().startswith("the "):
        t = t[4:]
    return t.casefold().replace("u.s.", "us").replace(".", "")


def entity_rows(doc, sentences: list[dict]) -> list[dict]:
    """Return one row per named-entity mention of ``doc``, keyed to its sentence."""
    starts = [s["start_char"] for s in sentences]
    rows = []
    for ent in doc.ents:
        idx = bisect.bisect_right(starts, ent.start_char) - 1
        rows.append(
            {
                "entity_id": len(rows),
                "sentence_id": sentences[idx]["sentence_id"] if idx >= 0 and sentences else None,
                "start_char": ent.start_char,
                "end_char": ent.end_char,
                "entity_text": ent.text,
                "entity_label": ent.label_,
                "entity_norm": entity_norm(ent.text),
            }
        )
    return rows
