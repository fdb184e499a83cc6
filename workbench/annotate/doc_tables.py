"""Sentences and entities from a parsed spaCy ``Doc`` (offsets into the clean text)."""

from __future__ import annotations

import bisect
import re

__all__ = ["LONG_RUN_CHARS", "entity_norm", "entity_rows", "make_doc", "paragraph_starts",
           "sentence_rows"]

_PARA_BREAK = re.compile(r"\n\s*\n")
#: A run of non-space characters longer than this is no word: it is cut into pieces of this
#: size before tokenizing (spaCy's tokenizer strips prefixes and suffixes one at a time, so its
#: cost grows with the square of a run's length: 20,000 quote marks in a row took 42 s).
LONG_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN_CHARS + 1},}}")


def make_doc(nlp, text: str):
    """Tokenize ``text`` into a spaCy ``Doc`` (not yet parsed) whose text is exactly ``text``.

    Ordinary text goes through the model's tokenizer unchanged. Runs of more than
    :data:`LONG_RUN_CHARS` non-space characters (quote-mark or emoji runs, pasted binary) are
    cut into tokens of that size, which keeps tokenizing linear in the text's length.
    """
    if not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    pos = 0

    def ordinary(segment: str) -> None:
        if segment:
            for tok in nlp.make_doc(segment):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

    for m in _LONG_RUN.finditer(text):
        ordinary(text[pos : m.start()])
        run = m.group()
        for i in range(0, len(run), LONG_RUN_CHARS):
            words.append(run[i : i + LONG_RUN_CHARS])
            spaces.append(False)
        pos = m.end()
    tail = text[pos:]
    if tail.startswith(" ") and words and not spaces[-1]:
        spaces[-1] = True  # one space after the run belongs to its last piece
        tail = tail[1:]
    ordinary(tail)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if doc.text != text:  # never expected; fall back to the plain tokenizer rather than drift
        return nlp.make_doc(text)
    return doc
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
