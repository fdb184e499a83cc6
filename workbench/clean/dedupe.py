"""Duplicate detection across loaded articles: identical or near-identical clean text.

Identical texts (after whitespace and case folding) are found by hashing. Near-identical ones by a
bottom-k sketch of word 5-gram shingles: articles sharing a sketch value become candidates (an
inverted index, so the work grows with the number of candidate pairs, not n squared), and a
candidate counts as a duplicate when its shingle containment is at least ``threshold`` both ways.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

__all__ = ["mark_duplicates", "shingles"]

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 5) -> set[int]:
    """Hashed word ``k``-gram shingles of ``text`` (case-folded)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    return {
        int.from_bytes(hashlib.blake2b(" ".join(words[i:i + k]).encode(), digest_size=8).digest(),
                       "big")
        for i in range(len(words) - k + 1)
    }


def mark_duplicates(articles: list[dict], *, threshold: float = 0.9, sketch: int = 16) -> list[dict]:
    """Set ``is_duplicate_of`` on articles whose text repeats an earlier article's.

    Args:
        articles: ``articles`` row dicts, in load order.
        threshold: Least share of either article's shingles found in the other.
        sketch: Number of smallest shingle hashes indexed per article.

    Returns:
        New dicts; the first of each group keeps ``is_duplicate_of`` None, later ones point to it.
    """
    out: list[dict] = []
    exact: dict[str, str] = {}
    index: dict[int, list[int]] = defaultdict(list)
    sets: list[set[int]] = []
    for pos, art in enumerate(articles):
        text = art.get("text") or ""
        key = " ".join(text.split()).casefold()
        dup = None
        if key and key in exact and exact[key] != art["article_id"]:
            dup = exact[key]
        else:
            exact.setdefault(key, art["article_id"])
        sh = shingles(text)
        sets.append(sh)
        small = sorted(sh)[:sketch]
        if dup is None and sh:
            seen: set[int] = set()
            for h in small:
                for other in index.get(h, ()):
                    if other in seen:
                        continue
                    seen.add(other)
                    osh = sets[other]
                    inter = len(sh & osh)
                    if inter / len(sh) >= threshold and inter / len(osh) >= threshold:
                        cand = out[other]
                        dup = cand["is_duplicate_of"] or cand["article_id"]
                        break
                if dup is not None:
                    break
        for h in small:
            index[h].append(pos)
        out.append({**art, "is_duplicate_of": dup})
    return out
