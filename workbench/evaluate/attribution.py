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
    "annotator_agreement",
    "evaluate_polnear",
    "predict_spans",
    "read_brat_attributions",
    "read_annotators",
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


def predict_spans(
    texts: dict[str, str], *, n_process: int = 1, model: str | None = None, nested: bool = False
) -> dict[str, dict[str, set[Span]]]:
    """Run the workbench attribution extractor on raw texts and return its spans per role.

    Args:
        texts: ``{doc_id: text}``.
        n_process: Processes for ``nlp.pipe``.
        model: spaCy model name (default: the workbench model).
        nested: Also return attributions nested in another's content
            (:mod:`workbench.annotate.nesting`). PolNeAR gives each word at most one
            attribution, so its gold holds only the outer ones; by default so do we.

    Returns:
        ``{doc_id: {role: {span, ...}}}`` from the quote rows (speaker, cue, content spans).
    """
    from workbench.annotate import doc_tables as parse
    from workbench.annotate.nesting import mark_nesting
    from workbench.annotate.nlp import get_nlp
    from workbench.annotate.sources import extract_attributions

    nlp = get_nlp(model)
    out: dict[str, dict[str, set[Span]]] = {}
    items = list(texts.items())
    for doc, doc_id in nlp.pipe(((t, i) for i, t in items), as_tuples=True, n_process=n_process, batch_size=16):
        quotes, _ = extract_attributions(doc, parse.sentence_rows(doc))
        spans: dict[str, set[Span]] = {role: set() for role in ROLES}
        for q in mark_nesting(quotes):
            if q["nested_in"] is not None and not nested:
                continue
            for role, prefix in (("source", "speaker"), ("cue", "cue"), ("content", "content")):
                start, end = q.get(f"{prefix}_start"), q.get(f"{prefix}_end")
                if start is not None and end is not None and end > start:
                    spans[role].add(((int(start), int(end)),))
        out[doc_id] = spans
    return out


def evaluate_polnear(
    root: str | Path,
    split: str = "dev",
    *,
    limit: int | None = None,
    n_process: int = 1,
    nested: bool = False,
) -> pd.DataFrame:
    """Score the workbench extractor on a PolNeAR split.

    Args:
        root: The ``polnear`` directory.
        split: Split to score (``dev`` for reported figures; ``train`` for development).
        limit: Score only the first ``limit`` articles.
        n_process: Processes for parsing.
        nested: Score nested attributions too (see :func:`predict_spans`).

    Returns:
        The :func:`score_spans` table (one row per role and mode).
    """
    docs = read_polnear(root, split, limit=limit)
    preds = predict_spans({d.doc_id: d.text for d in docs}, n_process=n_process, nested=nested)
    return score_spans(docs, preds)


def read_annotators(root: str | Path, split: str = "annotator-training") -> dict[str, list[GoldDocument]]:
    """Read a split that several annotators marked independently, one gold list per annotator.

    PolNeAR's ``annotator-training`` split holds a few articles each annotated by every
    annotator (``<name>_<annotator>.ann``); :func:`read_polnear` reads only the first.

    Args:
        root: The ``polnear`` directory.
        split: A split whose annotation files carry the annotator's id after the last ``_``.

    Returns:
        ``{annotator: [GoldDocument, ...]}``, articles sorted by name; an annotator's list holds
        only the articles that annotator marked.

    Raises:
        FileNotFoundError: If the split has no text or no annotation directory.
    """
    root = Path(root)
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{root / split}: expected text/ and attributions/ directories")
    texts = {p.stem: p for p in sorted(text_dir.glob("*.txt"))}
    out: dict[str, list[GoldDocument]] = {}
    for ann in sorted(ann_dir.glob("*_*.ann")):
        stem, annotator = ann.stem.rsplit("_", 1)
        if stem not in texts:
            continue
        out.setdefault(annotator, []).append(
            GoldDocument(stem, texts[stem].read_text(encoding="utf-8"),
                         read_brat_attributions(ann.read_text(encoding="utf-8")))
        )
    return out


def _f1_rows(scores: list[pd.DataFrame], kind: str) -> list[dict]:
    rows = []
    for role in ROLES:
        for mode in ("exact", "overlap"):
            picked = [s.loc[(role, mode)] for s in scores]
            f1s = [float(r["f1"]) for r in picked]
            matched = sum(int(r["matched"]) for r in picked)
            n_gold = sum(int(r["gold"]) for r in picked)
            n_pred = sum(int(r["predicted"]) for r in picked)
            pooled = 2 * matched / (n_gold + n_pred) if n_gold + n_pred else 0.0
            rows.append({"kind": kind, "role": role, "mode": mode, "comparisons": len(f1s),
                         "mean_f1": sum(f1s) / len(f1s), "min_f1": min(f1s), "max_f1": max(f1s),
                         "pooled_f1": pooled})
    return rows


def annotator_agreement(
    root: str | Path,
    split: str = "annotator-training",
    *,
    predictions: dict[str, dict[str, set[Span]]] | None = None,
) -> pd.DataFrame:
    """Agreement between human annotators, and of the system with each of them, on one split.

    Every pair of annotators who marked the same articles is scored with :func:`score_spans`
    (one as gold, the other as prediction: one-to-one matching makes F1 symmetric), and so is
    the system against each annotator. This is the ceiling a figure on single-annotated gold
    should be read against: where people agree on 81 % of cues, a system cannot be expected to
    agree with one of them on 85 %.

    Args:
        root: The ``polnear`` directory.
        split: A multiply annotated split (see :func:`read_annotators`).
        predictions: System spans per article (``{doc_id: {role: spans}}``); by default the
            workbench extractor is run on the split's texts (:func:`predict_spans`).

    Returns:
        One row per ``kind`` (``annotators``: every annotator pair; ``system``: the system vs
        each annotator), role and mode, with ``comparisons``, ``mean_f1``, ``min_f1``, ``max_f1``
        and ``pooled_f1`` (matched spans summed over all comparisons).

    Raises:
        ValueError: If fewer than two annotators marked the same articles.
    """
    from itertools import combinations

    by_annotator = read_annotators(root, split)
    names = sorted(by_annotator)
    pairs = [(a, b) for a, b in combinations(names, 2)
             if [d.doc_id for d in by_annotator[a]] == [d.doc_id for d in by_annotator[b]]]
    if not pairs:
        raise ValueError(f"{Path(root) / split}: no two annotators marked the same articles")
    human = [
        score_spans(by_annotator[a], {d.doc_id: d.spans for d in by_annotator[b]}).set_index(["role", "mode"])
        for a, b in pairs
    ]
    if predictions is None:
        texts = {d.doc_id: d.text for docs in by_annotator.values() for d in docs}
        predictions = predict_spans(texts)
    system = [score_spans(by_annotator[a], predictions).set_index(["role", "mode"]) for a in names]
    return pd.DataFrame(_f1_rows(human, "annotators") + _f1_rows(system, "system"))
