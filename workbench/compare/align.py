"""Sentence alignment across the articles of a story, and the wire relation of article pairs.

For each story, every sentence is compared with every sentence of the other articles by TF-IDF
cosine over content words (fitted on the story's own sentences, so names every article repeats
weigh less than the words that carry a fact). For each (sentence, other article) the best match is
typed:

* ``identical``: same text after normalising case, white space and quote marks;
* ``edited``: the same sentence with small edits: character similarity (rapidfuzz
  ``fuzz.ratio``) at least ``edited_min``; a word-level diff says what changed;
* ``paraphrase``: different wording of the same content: cosine at least ``paraphrase_min``;
* ``unique``: nothing in the other article says it.

Mutual best matches (identical, edited or paraphrase) are joined into facts (``fact_id``): a
fact is what several outlets report in their own or in shared words.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from workbench import schema

__all__ = ["VERSION_MIN", "align_stories", "copy_shares", "relate_articles", "word_diff"]

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\S+")
#: Sentences longer than this (run-on pages without punctuation) are not diffed by characters.
_MAX_FUZZ_CHARS = 5000


_LEAD = re.compile(r"^[\W_]+")


@lru_cache(maxsize=1)
def _stops() -> frozenset:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # slow import: on first use

    return frozenset(ENGLISH_STOP_WORDS)


def _norm(text: str) -> str:
    # strip punctuation at both ends; the end via the reversed string (anchored: no backtracking)
    t = _LEAD.sub("", _SPACE.sub(" ", text.translate(_QUOTES)).casefold())
    return _LEAD.sub("", t[::-1])[::-1]


def _content_words(text: str) -> list[str]:
    """Lower-cased content words with a crude plural strip ('sources' -> 'source')."""
    out = []
    stops = _stops()
    for w in re.findall(r"\w+", text.casefold()):
        if w in stops:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def word_diff(a: str, b: str) -> str:
    """Word-level diff of two sentences in ``[-removed-] {+added+}`` notation.

    Args:
        a: The sentence of the article.
        b: Its counterpart in the other article.

    Returns:
        ``b``'s words with what ``a`` has and ``b`` lacks as ``[-...-]`` and what ``b`` adds as
        ``{+...+}``; unchanged words plain.
    """
    wa, wb = _TOKEN.findall(a), _TOKEN.findall(b)
    out: list[str] = []
    sm = difflib.SequenceMatcher(a=[w.translate(_QUOTES) for w in wa],
                                 b=[w.translate(_QUOTES) for w in wb], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(wb[j1:j2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(out)


def _story_sentences(stories: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    members = stories[["story_id", "article_id"]]
    sents = sentences[["article_id", "sentence_id", "sentence_text"]]
    return members.merge(sents, on="article_id", how="inner")


class UnionFind:
    """Disjoint sets over 0..n-1 (path halving; the smaller root wins, so roots are stable)."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _align_one(story_id: str, grp: pd.DataFrame, edited_min: float,
               paraphrase_min: float) -> pd.DataFrame | None:
    grp = grp.reset_index(drop=True)
    texts = grp["sentence_text"].fillna("").astype(str).tolist()
    arts = grp["article_id"].to_numpy()
    order = list(dict.fromkeys(arts.tolist()))
    if len(order) < 2:
        return None
    n = len(texts)
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=_content_words, sublinear_tf=True, dtype=np.float32)
    try:
        x = vec.fit_transform(texts)
        sim = (x @ x.T).toarray()
    except ValueError:
        sim = np.zeros((n, n), dtype=np.float32)
    norms = [_norm(t) for t in texts]
    # best counterpart of every sentence in every article: one argmax per article block
    best = np.empty((n, len(order)), dtype=np.int64)
    for k, b in enumerate(order):
        cols = np.flatnonzero(arts == b)
        best[:, k] = cols[sim[:, cols].argmax(axis=1)]
    art_index = {a: k for k, a in enumerate(order)}
    own = np.array([art_index[a] for a in arts])
    r_idx, k_idx = np.nonzero(own[:, None] != np.arange(len(order))[None, :])
    c_idx = best[r_idx, k_idx]
    cos = sim[r_idx, c_idx]
    kinds = np.full(len(r_idx), "unique", dtype=object)
    scores = cos.astype(float).copy()
    diffs = np.full(len(r_idx), None, dtype=object)
    # character similarity only where words overlap enough for an edit to be possible
    for m in np.flatnonzero(cos >= min(paraphrase_min, 0.2)):
        r, c = r_idx[m], c_idx[m]
        if norms[r] == norms[c]:
            kinds[m], scores[m] = "identical", 1.0
            continue
        if max(len(norms[r]), len(norms[c])) > _MAX_FUZZ_CHARS:
            ratio = 0.0
        else:
            ratio = fuzz.ratio(norms[r], norms[c], score_cutoff=edited_min * 100) / 100.0
        if ratio >= edited_min:
            kinds[m], scores[m], diffs[m] = "edited", ratio, word_diff(texts[r], texts[c])
        elif cos[m] >= paraphrase_min:
            kinds[m] = "paraphrase"
    union = UnionFind(n)
    aligned = np.flatnonzero(kinds != "unique")
    for m in aligned:
        r, c = r_idx[m], c_idx[m]
        if best[c, own[r]] == r:
            union.union(int(r), int(c))
    roots = [union.find(r) for r in range(n)]
    numbering: dict[int, int] = {}
    fact = [f"{story_id}:f{numbering.setdefault(root, len(numbering)):03d}" for root in roots]
    sid = grp["sentence_id"].to_numpy()
    other_sid = pd.array(sid[c_idx], dtype="Int64")
    other_sid[kinds == "unique"] = pd.NA
    return pd.DataFrame({
        "story_id": story_id,
        "article_id": arts[r_idx],
        "sentence_id": pd.array(sid[r_idx], dtype="Int64"),
        "other_article_id": np.array(order, dtype=object)[k_idx],
        "other_sentence_id": other_sid,
        "alignment_type": kinds,
        "similarity": scores,
        "diff": diffs,
        "fact_id": np.array(fact, dtype=object)[r_idx],
    })


def align_stories(
    stories: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    edited_min: float = 0.75,
    paraphrase_min: float = 0.3,
) -> pd.DataFrame:
    """Align each sentence of each article to its counterparts in the other articles of its story.

    Args:
        stories: The ``stories`` table.
        sentences: The ``sentences`` table.
        edited_min: Least character similarity (0..1) for an ``edited`` pair.
        paraphrase_min: Least content-word cosine for a ``paraphrase`` pair.

    Returns:
        The ``alignments`` table: one row per (article_id, sentence_id, other_article_id) for
        stories of two or more articles; ``other_sentence_id`` is missing when the sentence is
        ``unique`` with respect to that article. ``fact_id`` groups mutually aligned sentences.
    """
    if not len(stories) or not len(sentences):
        return schema.empty_frame("alignments")
    joined = _story_sentences(stories, sentences)
    parts = []
    for sid, grp in joined.groupby("story_id", sort=False):
        part = _align_one(sid, grp.sort_values(["article_id", "sentence_id"], kind="stable"),
                          edited_min, paraphrase_min)
        if part is not None:
            parts.append(part)
    if not parts:
        return schema.empty_frame("alignments")
    return schema.validate(pd.concat(parts, ignore_index=True), "alignments")


#: Least copy share of two articles for one to be a version of the other's wire story.
VERSION_MIN = 0.3


def relate_articles(
    stories: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    alignments: pd.DataFrame | None = None,
    same_text_min: float = 0.8,
    version_min: float = VERSION_MIN,
) -> pd.DataFrame:
    """Say how each pair of articles of a story relates: same wire text, a version, or independent.

    The copy share of a pair is the share of both articles' sentences that have an identical or
    edited counterpart in the other. At least ``same_text_min``, with most of those identical,
    is ``same_wire_text``; at least ``version_min`` is ``wire_version`` (a write-through, a trim
    or an edit of the same copy); less is ``independent`` reporting.

    Args:
        stories: The ``stories`` table.
        sentences: The ``sentences`` table.
        alignments: The ``alignments`` table (computed when omitted).
        same_text_min: Least copy share for ``same_wire_text``.
        version_min: Least copy share for ``wire_version``.

    Returns:
        The ``story_pairs`` table: one row per unordered pair of articles of a story, with the copy
        share as ``similarity`` and the sentences b adds (``added_text``) and cuts
        (``cut_text``) relative to a, each sentence on its own line.
    """
    if alignments is None:
        alignments = align_stories(stories, sentences)
    if not len(alignments):
        return schema.empty_frame("story_pairs")
    text_of = {
        (a, s): t
        for a, s, t in zip(sentences["article_id"], sentences["sentence_id"],
                           sentences["sentence_text"], strict=True)
    }
    counts = _aligned_sentences(alignments)
    order = {a: k for k, a in enumerate(stories["article_id"])}
    rows = []
    for sid, grp in alignments.groupby("story_id", sort=False):
        arts = sorted(set(grp["article_id"]), key=lambda a: order.get(a, 0))
        for x, a in enumerate(arts):
            for b in arts[x + 1:]:
                ab, ba = counts[(a, b)], counts[(b, a)]
                share, ident, copied = _copy_share(ab, ba)
                if share >= same_text_min and ident >= 0.5 * copied:
                    relation = "same_wire_text"
                elif share >= version_min:
                    relation = "wire_version"
                else:
                    relation = "independent"
                rows.append({
                    "story_id": sid,
                    "article_id_a": a,
                    "article_id_b": b,
                    "relation": relation,
                    "similarity": share,
                    "added_text": "\n".join(text_of.get((b, s), "") for s in sorted(ba["unique"])),
                    "cut_text": "\n".join(text_of.get((a, s), "") for s in sorted(ab["unique"])),
                })
    return schema.coerce(rows, "story_pairs")


def _aligned_sentences(alignments: pd.DataFrame) -> dict[tuple[str, str], dict[str, list]]:
    """(article, other article) -> alignment type -> the article's sentence ids."""
    counts: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in alignments[["article_id", "sentence_id", "other_article_id",
                           "alignment_type"]].itertuples(index=False):
        counts[(row.article_id, row.other_article_id)][row.alignment_type].append(
            int(row.sentence_id))
    return counts


def _copy_share(ab: dict, ba: dict) -> tuple[float, int, int]:
    """(copy share, identical sentences, copied sentences) of a pair of articles."""
    n = sum(len(v) for v in ab.values()) + sum(len(v) for v in ba.values())
    copied = sum(len(d.get("identical", [])) + len(d.get("edited", [])) for d in (ab, ba))
    ident = sum(len(d.get("identical", [])) for d in (ab, ba))
    return (copied / n if n else 0.0), ident, copied


def copy_shares(alignments: pd.DataFrame) -> dict[frozenset, float]:
    """The copy share of each pair of aligned articles (see :func:`relate_articles`).

    Args:
        alignments: The ``alignments`` table of one or more stories.

    Returns:
        ``{frozenset({article_a, article_b}): share}``, the share of both articles' sentences
        that have an identical or edited counterpart in the other.
    """
    counts = _aligned_sentences(alignments)
    pairs = {tuple(sorted(k)) for k in counts if k[0] != k[1]}
    return {frozenset((a, b)): _copy_share(counts.get((a, b), {}), counts.get((b, a), {}))[0]
            for a, b in pairs}
