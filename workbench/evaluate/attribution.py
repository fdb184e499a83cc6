"""Attribution span scoring against brat standoff gold (PolNeAR): source, cue and content P/R/F1.

PolNeAR (Newell et al., LREC 2018) marks every attribution in political news, direct and
indirect, as brat standoff: ``T`` lines for ``Source``, ``Cue`` and ``Content`` spans (character
offsets into the ``.txt``, discontinuous spans joined by ``;``) and ``E`` lines that tie them into
one attribution. This module reads that gold, runs our extractor on the texts and scores spans
per role in two modes:

* ``exact``: the predicted span covers the same characters as a gold span, after trimming white
  space, quote marks and sentence punctuation at both ends of both spans;
* ``overlap``: the spans share at least one character (non-space).

Spans are deduplicated per article and role (several attributions can share one source span),
then matched one-to-one, greedily by the size of the overlap; precision is matched predictions
over predictions and recall matched gold over gold, summed over articles (micro average).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = [
    "ROLES",
    "GoldDocument",
    "evaluate_polnear",
    "predict_spans",
    "read_brat_attributions",
    "read_polnear",
    "score_spans",
]

#: Attribution roles scored, in report order.
ROLES = ("source", "cue", "content")

_TRIM = set(" \t\r\n\"'“”‘’«»„‹›.,;:!?—–-()[]")
_ROLE_OF = {"Source": "source", "Cue": "cue", "Content": "content"}

Span = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldDocument:
    """One gold article: its id, text and gold spans per role (deduplicated)."""

    doc_id: str
    text: str
    spans: dict[str, set[Span]]


def read_brat_attributions(ann_text: str) -> dict[str, set[Span]]:
    """Parse a brat ``.ann`` file into gold spans per role.

    Args:
        ann_text: Content of the ``.ann`` file.

    Returns:
        ``{"source": {span, ...}, "cue": ..., "content": ...}``; a span is a tuple of
        ``(start, end)`` pieces (one piece unless the annotation is discontinuous).
    """
    spans: dict[str, set[Span]] = {role: set() for role in ROLES}
    for line in ann_text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = _ROLE_OF.get(label)
        if role is None:
            continue
        pieces = []
        for piece in offsets.split(";"):
            a, _, b = piece.strip().partition(" ")
            if a.isdigit() and b.isdigit():
                pieces.append((int(a), int(b)))
        if pieces:
            spans[role].add(tuple(sorted(pieces)))
    return spans


def read_polnear(root: str | Path, split: str = "dev", *, limit: int | None = None) -> list[GoldDocument]:
    """Read one PolNeAR split in place.

    Args:
        root: The ``polnear`` directory (with ``<split>/text`` and ``<split>/attributions``).
        split: ``train``, ``dev`` or ``annotator-training``. Where an article was annotated by
            several annotators (``<name>_<annotator>.ann``), the first annotator's file is used.
        limit: Read only the first ``limit`` articles (sorted by file name).

    Returns:
        One :class:`GoldDocument` per article that has both a text and an annotation file.
    """
    root = Path(root)
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann = ann_dir / (txt.stem + ".ann")
        if not ann.exists():
            # Files annotated by several annotators carry the annotator's id: take the first.
            candidates = sorted(ann_dir.glob(txt.stem + "_*.ann"))
            if not candidates:
                continue
            ann = candidates[0]
        docs.append(
            GoldDocument(
                txt.stem,
                txt.read_text(encoding="utf-8"),
                read_brat_attributions(ann.read_text(encoding="utf-8")),
            )
        )
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _chars(text: str, span: Span, *, trim: bool) -> frozenset[int]:
    out: set[int] = set()
    for start, end in span:
        if trim:
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
        out.update(i for i in range(start, end) if not text[i].isspace())
    return frozenset(out)


def _match(text: str, gold: Iterable[Span], pred: Iterable[Span], mode: str) -> tuple[int, int, int]:
    """Return (matched pairs, n gold, n pred) for one article and role."""
    trim = mode == "exact"
    g = list({_chars(text, s, trim=trim) for s in gold} - {frozenset()})
    p = list({_chars(text, s, trim=trim) for s in pred} - {frozenset()})
    if mode == "exact":
        return len(set(g) & set(p)), len(g), len(p)
    pairs = []
    for i, gs in enumerate(g):
        lo, hi = min(gs), max(gs)
        for j, ps in enumerate(p):
            if max(ps) < lo or min(ps) > hi:
                continue
            inter = len(gs & ps)
            if inter:
                pairs.append((inter, i, j))
    pairs.sort(reverse=True)
    used_g, used_p = set(), set()
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g), len(g), len(p)


def score_spans(docs: list[GoldDocument], predictions: dict[str, dict[str, set[Span]]]) -> pd.DataFrame:
    """Score predicted spans against gold.

    Args:
        docs: Gold articles.
        predictions: ``{doc_id: {role: {span, ...}}}`` (missing articles count as empty).

    Returns:
        One row per (role, mode) with ``gold``, ``predicted``, ``matched``, ``precision``,
        ``recall`` and ``f1``.
    """
    rows = []
    for role in ROLES:
        for mode in ("exact", "overlap"):
            matched = n_gold = n_pred = 0
            for doc in docs:
                pred = predictions.get(doc.doc_id, {}).get(role, set())
                m, g, p = _match(doc.text, doc.spans[role], pred, mode)
                matched, n_gold, n_pred = matched + m, n_gold + g, n_pred + p
            precision = matched / n_pred if n_pred else 0.0
            recall = matched / n_gold if n_gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            rows.append(
                {"role": role, "mode": mode, "gold": n_gold, "predicted": n_pred, "matched": matched,
                 "precision": precision, "recall": recall, "f1": f1}
            )
    return pd.DataFrame(rows)


def predict_spans(texts: dict[str, str], *, n_process: int = 1, model: str | None = None) -> dict[str, dict[str, set[Span]]]:
    """Run the workbench attribution extractor on raw texts and return its spans per role.

    Args:
        texts: ``{doc_id: text}``.
        n_process: Processes for ``nlp.pipe``.
        model: spaCy model name (default: the workbench model).

    Returns:
        ``{doc_id: {role: {span, ...}}}`` from the quote rows (speaker, cue, content spans).
    """
    from workbench.annotate import parse
    from workbench.annotate.nlp import get_nlp
    from workbench.annotate.sources import extract_attributions

    nlp = get_nlp(model)
    out: dict[str, dict[str, set[Span]]] = {}
    items = list(texts.items())
    for doc, doc_id in nlp.pipe(((t, i) for i, t in items), as_tuples=True, n_process=n_process, batch_size=16):
        quotes, _ = extract_attributions(doc, parse.sentence_rows(doc))
        spans: dict[str, set[Span]] = {role: set() for role in ROLES}
        for q in quotes:
            for role, prefix in (("source", "speaker"), ("cue", "cue"), ("content", "content")):
                start, end = q.get(f"{prefix}_start"), q.get(f"{prefix}_end")
                if start is not None and end is not None and end > start:
                    spans[role].add(((int(start), int(end)),))
        out[doc_id] = spans
    return out


def evaluate_polnear(
    root: str | Path, split: str = "dev", *, limit: int | None = None, n_process: int = 1
) -> pd.DataFrame:
    """Score the workbench extractor on a PolNeAR split.

    Args:
        root: The ``polnear`` directory.
        split: Split to score (``dev`` for reported figures; ``train`` for development).
        limit: Score only the first ``limit`` articles.
        n_process: Processes for parsing.

    Returns:
        The :func:`score_spans` table (one row per role and mode).
    """
    docs = read_polnear(root, split, limit=limit)
    preds = predict_spans({d.doc_id: d.text for d in docs}, n_process=n_process)
    return score_spans(docs, preds)
