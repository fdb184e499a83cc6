"""Group articles into stories: articles that report the same event, not merely the same topic.

Each article becomes one sparse vector that joins three views of its text, each TF-IDF weighted
over the corpus being grouped:

* content words of the headline and the lead (the first ``lead_chars`` characters: where news
  writing states the event; the rest of a long article drifts into background shared by every
  story on the topic),
* names: spaCy entities when an ``entities`` table is given, else capitalised word sequences,
* numbers and dates (digits, "March 15", years): two earthquakes in one country differ here,
* the headline's words, names and numbers (the densest statement of the event).

Candidate pairs come from blocking: every article posts its ``block_terms`` heaviest features to
an inverted index, skipping features shared by more than ``max_block_df`` articles, and only
articles that share a posting are compared (cost grows with n x block_terms x posting length, not
n^2). Each article keeps its ``neighbors`` most similar candidates. A pair's similarity is their
cosine plus ``residual`` times an event-specific cosine: each article's neighbours stand for its
topic (often several events of one subject), so part of its projection on their centroid is
removed and the cosine of what is left counts the names, numbers and words the two share beyond
the topic. Average-linkage clustering over that sparse graph (unseen pairs count as similarity 0)
merges clusters while the mean similarity between them is at least ``threshold``, unless both are
groups whose cross similarity is well below their own cohesion (``cohesion``: two tight groups
that only loosely resemble each other are two events of one topic, as ECB+'s paired events are)
and not high in itself (``strong_link``: groups that resemble each other this much are one event
however tight each is; without it, two near-duplicate halves of one story stay apart because
their inner similarity is far above any cross similarity).
Publication dates, when both are known and more than ``date_scale_days`` apart, scale a pair's
similarity down (to no less than ``date_min_factor``).
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workbench import schema
from workbench.settings import GroupingSettings, resolve_settings

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = [
    "article_vectors",
    "group_stories",
    "link_threads",
    "make_story",
    "merge_stories",
    "single_story",
    "split_story",
    "story_label",
    "story_neighbors",
]

_WORD = re.compile(r"[^\W\d_]{2,}")
_NAME = re.compile(r"\b[A-Z][\w'’.-]{0,30}(?:[ \t]+(?:[A-Z][\w'’.-]{0,30}|of|de|van|von|al|bin))*")
_NUMBER = re.compile(r"\b\d[\d,.]{0,15}\b")
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\.?[ \t]+(\d{1,2})\b"
)
_EXTRA_STOP = frozenset({
    "said", "says", "mr", "mrs", "ms", "told", "according", "would", "could", "also", "year",
    "new", "just", "like", "people", "time", "percent",
})
_EXTRA_NAME_STOP = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We", "I", "This",
    "That", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "President",
} | {m.capitalize() for m in _MONTHS})


@lru_cache(maxsize=1)
def _stops() -> tuple[frozenset, frozenset]:
    """(stop words, capitalised stop words), loaded on first use: scikit-learn is slow to import."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP
    return stop, frozenset(w.capitalize() for w in stop) | _EXTRA_NAME_STOP


_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART",
                "LAW"}


def _words(text: str) -> list[str]:
    stop = _stops()[0]
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in stop]


def _regex_names(text: str) -> list[str]:
    name_stop = _stops()[1]
    out = []
    for m in _NAME.finditer(text):
        toks = [t.strip(".'’") for t in m.group(0).split()]
        while toks and toks[0] in name_stop:
            toks = toks[1:]
        while toks and toks[-1] in name_stop:
            toks = toks[:-1]
        if toks and not (len(toks) == 1 and len(toks[0]) < 3):
            out.append(" ".join(toks).lower())
    return out


def _numbers(text: str) -> list[str]:
    out = [m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)]
    out += [f"{m.group(1)[:3].lower()}-{int(m.group(2))}" for m in _MONTH_DAY.finditer(text)]
    return out


def _tfidf(docs: list[list[str]]) -> sp.csr_matrix:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(docs):
        return sp.csr_matrix((len(docs), 0), dtype=np.float32)
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, dtype=np.float32)
    return vec.fit_transform(docs).tocsr()


def _entity_names(entities: pd.DataFrame | None, ids: list[str]) -> dict[str, list[str]] | None:
    if entities is None or not len(entities):
        return None
    ents = entities[entities["entity_label"].isin(_NAME_LABELS)]
    names: dict[str, list[str]] = defaultdict(list)
    for aid, norm in zip(ents["article_id"], ents["entity_norm"], strict=True):
        if isinstance(norm, str) and norm:
            names[aid].append(norm)
    return names


def article_vectors(
    articles: pd.DataFrame,
    *,
    entities: pd.DataFrame | None = None,
    lead_chars: int = 2500,
    weights: tuple[float, ...] = (1.0, 0.5, 0.2, 0.5),
) -> sp.csr_matrix:
    """Return one L2-normalised sparse feature vector per article (rows in ``articles`` order).

    Args:
        articles: The ``articles`` table (``headline`` and ``text`` are used).
        entities: Optional ``entities`` table; its names replace the capitalised-word heuristic.
        lead_chars: How much of each text to read.
        weights: Weights of the views: lead words, names, numbers and dates, headline terms.

    Returns:
        A CSR matrix, one row per article.
    """
    heads = articles["headline"].fillna("").astype(str).tolist() if "headline" in articles else [
        ""] * len(articles)
    texts = articles["text"].fillna("").astype(str).tolist()
    leads = [f"{h}\n{t[:lead_chars]}" for h, t in zip(heads, texts, strict=True)]
    ids = articles["article_id"].astype(str).tolist()
    ent_names = _entity_names(entities, ids)
    if ent_names is not None:
        names = [ent_names.get(a, []) + _regex_names(h) for a, h in zip(ids, heads, strict=True)]
    else:
        names = [_regex_names(t) for t in leads]
    views = [
        _tfidf([_words(t) for t in leads]),
        _tfidf(names),
        _tfidf([_numbers(t) for t in leads]),
        _tfidf([_words(h) + _regex_names(h) + _numbers(h) for h in heads]),
    ]
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    stacked = sp.hstack([w * v for w, v in zip(weights, views, strict=True)], format="csr")
    if stacked.shape[1] == 0:
        # nothing usable in any text (only stop words or punctuation): no similarity at all
        return sp.csr_matrix((len(ids), 1), dtype=np.float32)
    return normalize(stacked, norm="l2", copy=False).astype(np.float32)


def _top_terms(x: sp.csr_matrix, k: int, max_df: int) -> sp.csr_matrix:
    """Binary matrix keeping each row's k heaviest columns among those with df <= max_df."""
    import scipy.sparse as sp

    df = np.bincount(x.indices, minlength=x.shape[1])
    rows, cols = [], []
    for i in range(x.shape[0]):
        lo, hi = x.indptr[i], x.indptr[i + 1]
        idx, val = x.indices[lo:hi], x.data[lo:hi]
        keep = df[idx] <= max_df
        idx, val = idx[keep], val[keep]
        if len(idx) > k:
            sel = np.argpartition(-val, k)[:k]
            idx = idx[sel]
        rows.append(np.full(len(idx), i))
        cols.append(idx)
    r = np.concatenate(rows) if rows else np.array([], dtype=int)
    c = np.concatenate(cols) if cols else np.array([], dtype=int)
    return sp.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=x.shape)


def story_neighbors(
    x: sp.csr_matrix,
    *,
    neighbors: int = 30,
    block_terms: int = 40,
    max_block_df: int = 300,
    chunk: int = 1000,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs by blocking, scored by cosine: each row's ``neighbors`` best.

    Args:
        x: L2-normalised article vectors (rows).
        neighbors: Candidates kept per article.
        block_terms: Features per article posted to the blocking index.
        max_block_df: Features held by more articles than this are not used to block.
        chunk: Rows scored at a time (bounds memory).

    Returns:
        ``(i, j, similarity)`` arrays with ``i < j``, each pair once.
    """
    n = x.shape[0]
    if n < 2:
        return np.array([], int), np.array([], int), np.array([], np.float32)
    block = _top_terms(x, block_terms, max(max_block_df, 2))
    block_t = block.T.tocsr()
    out_i, out_j, out_s = [], [], []
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        cand = (block[start:stop] @ block_t).tocoo()
        r, c, shared = cand.row, cand.col, cand.data
        keep = c != r + start
        r, c, shared = r[keep], c[keep], shared[keep]
        # most shared blocking features first; score at most 4 x neighbors per article
        order = np.lexsort((-shared, r))
        r, c = r[order], c[order]
        first = np.searchsorted(r, r, side="left")
        keep = (np.arange(len(r)) - first) < 4 * neighbors
        r, c = r[keep], c[keep]
        if not len(r):
            continue
        sims = np.asarray(x[r + start].multiply(x[c]).sum(axis=1)).ravel().astype(np.float32)
        order = np.lexsort((-sims, r))
        r, c, sims = r[order], c[order], sims[order]
        first = np.searchsorted(r, r, side="left")
        keep = (np.arange(len(r)) - first) < neighbors
        out_i.append(r[keep] + start)
        out_j.append(c[keep])
        out_s.append(sims[keep])
    if not out_i:
        return np.array([], int), np.array([], int), np.array([], np.float32)
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    s = np.concatenate(out_s)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    pairs = pd.DataFrame({"i": lo, "j": hi, "s": s}).drop_duplicates(["i", "j"])
    return pairs["i"].to_numpy(), pairs["j"].to_numpy(), pairs["s"].to_numpy(np.float32)


def _truncate_rows(m: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep each row's ``k`` largest entries (bounds the memory of dense-ish centroid rows)."""
    import scipy.sparse as sp

    counts = np.diff(m.indptr)
    if not len(counts) or counts.max() <= k:
        return m
    rows, cols, vals = [], [], []
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        idx, val = m.indices[lo:hi], m.data[lo:hi]
        if hi - lo > k:
            sel = np.argpartition(-val, k)[:k]
            idx, val = idx[sel], val[sel]
        rows.append(np.full(len(idx), r))
        cols.append(idx)
        vals.append(val)
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=m.shape)


def _rowdot(a: sp.csr_matrix, b: sp.csr_matrix, i: np.ndarray, j: np.ndarray,
            chunk: int = 50_000) -> np.ndarray:
    """Dot products ``a[i[k]] . b[j[k]]`` for every pair, in chunks."""
    out = np.empty(len(i), dtype=np.float64)
    for lo in range(0, len(i), chunk):
        hi = min(len(i), lo + chunk)
        out[lo:hi] = np.asarray(a[i[lo:hi]].multiply(b[j[lo:hi]]).sum(axis=1)).ravel()
    return out


def _residual_sims(x: sp.csr_matrix, i: np.ndarray, j: np.ndarray, s: np.ndarray, k: int,
                   alpha: float, max_terms: int = 400) -> np.ndarray:
    """Cosine of the pair after removing part of each article's neighbourhood centroid.

    An article's ``k`` most similar candidates stand for its topic: articles about the same
    subject, often several events of it. Subtracting ``alpha`` times the article's projection on
    their centroid leaves what is specific to it (its event's names, numbers and words); the
    cosine of those residuals is positive for two reports of one event and falls to zero or below
    for two events of one topic. Computed on the candidate pairs only.
    """
    import scipy.sparse as sp

    n = x.shape[0]
    r = np.concatenate([i, j])
    c = np.concatenate([j, i])
    w = np.concatenate([s, s])
    order = np.lexsort((-w, r))
    r, c = r[order], c[order]
    first = np.searchsorted(r, r, side="left")
    keep = (np.arange(len(r)) - first) < k
    r, c = r[keep], c[keep]
    deg = np.bincount(r, minlength=n).astype(np.float32)
    adj = sp.csr_matrix((1.0 / deg[r], (r, c)), shape=(n, n), dtype=np.float32)
    cent = sp.vstack([_truncate_rows((adj[lo:lo + 2000] @ x).tocsr(), max_terms)
                      for lo in range(0, n, 2000)], format="csr")
    cc = np.asarray(cent.multiply(cent).sum(axis=1)).ravel()
    xc = np.asarray(x.multiply(cent).sum(axis=1)).ravel()
    a = np.where(cc > 0, alpha * xc / np.maximum(cc, 1e-12), 0.0)
    xx = np.asarray(x.multiply(x).sum(axis=1)).ravel()
    norm = np.sqrt(np.maximum(xx - 2 * a * xc + a * a * cc, 1e-12))
    dot = (s.astype(np.float64) - a[j] * _rowdot(x, cent, i, j) - a[i] * _rowdot(cent, x, i, j)
           + a[i] * a[j] * _rowdot(cent, cent, i, j))
    return dot / (norm[i] * norm[j])


def _date_factor(dates: pd.Series, i: np.ndarray, j: np.ndarray, scale_days: float,
                 min_factor: float = 0.5) -> np.ndarray:
    d = pd.to_datetime(dates, errors="coerce").to_numpy("datetime64[D]")
    a, b = d[i], d[j]
    gap = np.abs((a - b).astype("timedelta64[D]").astype(float))
    known = ~(np.isnat(a) | np.isnat(b))
    factor = np.ones(len(i))
    far = known & (gap > scale_days)
    factor[far] = np.maximum(min_factor, scale_days / gap[far])
    return factor


def _average_linkage(n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, threshold: float,
                     cohesion: float = 0.0, strong_link: float | None = None):
    """Average-linkage agglomeration over a sparse similarity graph; returns labels.

    With ``cohesion`` > 0, two clusters of several members each merge only when their mean
    similarity is at least ``cohesion`` times the mean similarity inside the looser of the two,
    or at least ``strong_link``: two tight groups that resemble each other only loosely are two
    events of one topic, two groups that resemble each other strongly are one event.
    """
    bar = math.inf if strong_link is None else strong_link
    parent = list(range(n))
    size = [1] * n
    inner = [0.0] * n
    links: list[dict[int, float]] = [dict() for _ in range(n)]
    for a, b, w in zip(i.tolist(), j.tolist(), s.tolist(), strict=True):
        if w > 0:
            links[a][b] = links[a].get(b, 0.0) + w
            links[b][a] = links[b].get(a, 0.0) + w
    heap = [(-w, a, b) for a in range(n) for b, w in links[a].items() if a < b]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in links[a]:
            continue
        avg = links[a][b] / (size[a] * size[b])
        if abs(avg + neg) > 1e-9:
            continue
        if avg < threshold:
            break
        if cohesion and size[a] > 1 and size[b] > 1:
            loose = min(inner[a] / (size[a] * (size[a] - 1) / 2),
                        inner[b] / (size[b] * (size[b] - 1) / 2))
            if avg < min(cohesion * loose, bar):
                continue
        if len(links[a]) < len(links[b]):
            a, b = b, a
        alive[b] = False
        parent[b] = a
        inner[a] += inner[b] + links[a][b]
        del links[a][b]
        del links[b][a]
        for c, w in links[b].items():
            links[a][c] = links[a].get(c, 0.0) + w
            links[c][a] = links[a][c]
            del links[c][b]
        links[b] = {}
        size[a] += size[b]
        for c, w in links[a].items():
            heapq.heappush(heap, (-(w / (size[a] * size[c])), min(a, c), max(a, c)))
    labels = []
    for k in range(n):
        r = k
        while parent[r] != r:
            r = parent[r]
        labels.append(r)
    return np.array(labels)


def _story_id(members: list[str]) -> str:
    return "story-" + hashlib.sha1("|".join(sorted(members)).encode()).hexdigest()[:10]


def _thread_id(story_ids: list[str]) -> str:
    return "thread-" + hashlib.sha1("|".join(sorted(set(story_ids))).encode()).hexdigest()[:10]


_LABEL_WEIGHT = {"PERSON": 3.0, "ORG": 2.0, "EVENT": 2.0, "FAC": 1.5, "PRODUCT": 1.5,
                 "WORK_OF_ART": 1.5, "LAW": 1.5, "GPE": 1.0, "LOC": 1.0, "NORP": 0.5}


def _key_names(mentions: list[tuple[str, str, str, str]], top: int = 3) -> list[str]:
    """The story's key names from (article_id, norm, text, label) mentions.

    Ranked by how many member articles name them, people and organisations first; a surname
    counts for the full name it shortens.
    """
    full = {n for _, n, _, _ in mentions if " " in n}
    last: dict[str, set[str]] = defaultdict(set)
    for n in full:
        last[n.split()[-1]].add(n)
    arts: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, Counter] = defaultdict(Counter)
    weight: dict[str, float] = defaultdict(float)
    for aid, norm, text, label in mentions:
        key = next(iter(last[norm])) if norm in last and len(last[norm]) == 1 else norm
        arts[key].add(aid)
        if norm == key:
            shown[key][text] += 1
        weight[key] = max(weight[key], _LABEL_WEIGHT.get(label, 1.0))
    ranked = sorted(arts, key=lambda k: (-len(arts[k]) * weight[k], k))
    return [shown[k].most_common(1)[0][0] if shown[k] else k.title() for k in ranked[:top]]


def _label(names: list[str], dates: np.ndarray) -> str:
    label = ", ".join(names) or "(no names)"
    d = dates[~np.isnat(dates)]
    if len(d):
        lo, hi = str(d.min()), str(d.max())
        label += f" ({lo})" if lo == hi else f" ({lo} to {hi})"
    return label


_LABEL_CHARS = 100


def _shorten(text: str, limit: int = _LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when over ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def _central_headline(heads: list[str], dates: np.ndarray) -> str | None:
    """The member headline most like the others' (ties: earliest publication), or None.

    Each headline is its set of content words, names and numbers; its score is the sum of its
    cosines with the other headlines (computed against their sum, so linear in the members).
    """
    terms = []
    for h in heads:
        h = h.strip() if isinstance(h, str) else ""
        terms.append(set(_words(h)) | set(_regex_names(h)) | set(_numbers(h)) if h else None)
    have = [k for k, t in enumerate(terms) if t is not None]
    if not have:
        return None
    total: Counter = Counter()
    for k in have:
        if terms[k]:
            w = 1.0 / math.sqrt(len(terms[k]))
            for t in terms[k]:
                total[t] += w
    never = np.datetime64("9999-12-31")

    def key(k):
        t = terms[k]
        w = 1.0 / math.sqrt(len(t)) if t else 0.0
        score = sum((total[x] - w) * w for x in t)
        d = dates[k] if not np.isnat(dates[k]) else never
        return (-round(score, 9), d, len(heads[k]), k)

    return heads[min(have, key=key)]


def story_label(headlines: list[str], dates=None, names: list[str] | None = None) -> str:
    """Label a story: its most central headline, else its key names and date span.

    Args:
        headlines: The members' headlines (missing or empty ones are skipped).
        dates: The members' publication dates, same order (earliest wins ties).
        names: The story's key names, used when no member has a headline.

    Returns:
        The member headline most similar to the other members' headlines, on one line and cut at
        a word boundary past about 100 characters; without headlines, the key names and the date
        span ("Jen Psaki, Suez Canal (2021-03-24)").
    """
    dates = (np.full(len(headlines), np.datetime64("NaT"), "M8[D]") if dates is None
             else pd.to_datetime(pd.Series(list(dates)), errors="coerce").to_numpy("datetime64[D]"))
    head = _central_headline(list(headlines), dates)
    if head is not None:
        return _shorten(head)
    return _shorten(_label(names or [], dates), 2 * _LABEL_CHARS)


def _confidence(mean_sim: float, threshold: float) -> float:
    return float(1.0 / (1.0 + math.exp(-(mean_sim - threshold) / 0.05)))


def group_stories(
    articles: pd.DataFrame,
    *,
    entities: pd.DataFrame | None = None,
    settings: GroupingSettings | None = None,
    **options,
) -> pd.DataFrame:
    """Group articles that report the same event into stories.

    Args:
        articles: The ``articles`` table (``article_id``, ``headline``, ``text``; ``published_date``
            when present).
        entities: Optional ``entities`` table (spaCy names); text alone works too.
        settings: A :class:`~workbench.settings.GroupingSettings` (threshold, neighbours,
            blocking, lead, dates, view weights, cohesion, strong link, residual); None: its
            defaults.
        **options: Any field of :class:`~workbench.settings.GroupingSettings` (``threshold=``,
            ``neighbors=``, ...), overriding ``settings``.

    Returns:
        The ``stories`` table: one row per (story_id, article_id), with the story's label (its
        most frequent names and publication date span) and the article's membership confidence
        (a logistic of its mean similarity to the other members, centred on ``threshold``;
        1.0 for single-article stories).
    """
    opts = resolve_settings(GroupingSettings, settings, options, where="group_stories")
    threshold = opts.threshold
    if not len(articles):
        return schema.empty_frame("stories")
    arts = articles.reset_index(drop=True)
    x = article_vectors(arts, entities=entities, lead_chars=opts.lead_chars, weights=opts.weights)
    i, j, cos = story_neighbors(x, neighbors=opts.neighbors, block_terms=opts.block_terms,
                                max_block_df=opts.max_block_df)
    s = cos
    if opts.residual and len(i):
        s = (cos + opts.residual * _residual_sims(x, i, j, cos, opts.neighbors,
                                                  opts.residual_alpha)).astype(np.float32)
    if "published_date" in arts and len(i):
        # reused text (a republication weeks later) is the same story whatever the dates say
        s = np.where(cos >= 0.5, s, s * _date_factor(arts["published_date"], i, j,
                                                     opts.date_scale_days, opts.date_min_factor))
    labels = _average_linkage(len(arts), i, j, s, threshold, opts.cohesion, opts.strong_link)
    stories = _stories_table(arts, labels, i, j, s, threshold, entities)
    return link_threads(stories, arts, entities=entities, vectors=x)


def _thread_names(articles: pd.DataFrame, entities: pd.DataFrame | None,
                  lead_chars: int) -> dict[str, set[str]]:
    """Each article's names in its headline and lead: spaCy entities if given, else regex."""
    ids = articles["article_id"].astype(str).tolist()
    heads = (articles["headline"].fillna("").astype(str).tolist() if "headline" in articles
             else [""] * len(ids))
    texts = articles["text"].fillna("").astype(str).tolist()
    if entities is not None and len(entities):
        ents = entities[entities["entity_label"].isin(_NAME_LABELS)
                        & (entities["start_char"] < lead_chars)]
        names: dict[str, set[str]] = defaultdict(set)
        for aid, norm in zip(ents["article_id"], ents["entity_norm"], strict=True):
            if isinstance(norm, str) and norm:
                names[aid].add(norm)
        return {a: names.get(a, set()) | set(_regex_names(h)) for a, h in
                zip(ids, heads, strict=True)}
    return {a: set(_regex_names(f"{h}\n{t[:lead_chars]}"))
            for a, h, t in zip(ids, heads, texts, strict=True)}


def link_threads(
    stories: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    entities: pd.DataFrame | None = None,
    vectors: sp.csr_matrix | None = None,
    min_similarity: float = 0.2,
    min_key_share: float = 0.25,
    window_days: float = 30.0,
    key_names: int = 3,
    lead_chars: int = 1000,
) -> pd.DataFrame:
    """Link the stories of one developing story (announcement, talks, follow-up) into threads.

    Two stories are linked when (1) the centroids of their articles' vectors (see
    :func:`article_vectors`) have cosine at least ``min_similarity``, (2) the other story's
    members name one story's ``key_names`` key names (the names most of its members give in
    headline and lead, rarest in the corpus first) on average at least ``min_key_share`` of the
    time (the higher of the two directions), and (3) their publication date spans are at most
    ``window_days`` apart (unknown dates do not block a link). Threads are the connected
    components of these links; a story linked to none is a thread of one.

    Args:
        stories: The ``stories`` table.
        articles: The ``articles`` table (``headline``, ``text``; ``published_date`` if present).
        entities: Optional ``entities`` table: its names replace the capitalised-word heuristic.
        vectors: Article vectors in ``articles`` row order (computed when omitted).
        min_similarity: Least cosine of the two stories' centroids.
        min_key_share: Least mean share of one story's key names among the other's members.
        window_days: Most days between the two stories' publication date spans.
        key_names: Key names per story.
        lead_chars: Characters of each text read for names.

    Returns:
        The ``stories`` table (one row per (story_id, article_id)) with ``thread_id`` set: an id
        derived from the thread's story ids.
    """
    out = stories.copy()
    if not len(out):
        return schema.validate(out, "stories")
    arts = articles.reset_index(drop=True)
    if vectors is None:
        vectors = article_vectors(arts, entities=entities)
    row_of = {a: k for k, a in enumerate(arts["article_id"].astype(str))}
    members = {sid: [a for a in g if a in row_of]
               for sid, g in out.groupby("story_id", sort=False)["article_id"]}
    sids = list(members)
    names = _thread_names(arts, entities, lead_chars)
    n_arts = max(len(arts), 1)
    df = Counter(n for ns in names.values() for n in ns)
    share: list[dict[str, float]] = []
    keys: list[list[str]] = []
    for sid in sids:
        count = Counter(n for a in members[sid] for n in names.get(a, ()))
        m = max(len(members[sid]), 1)
        share.append({n: c / m for n, c in count.items()})
        weight = {n: (c / m) * math.log(n_arts / df[n]) for n, c in count.items()
                  if c / m >= 0.5 or c >= 2}
        keys.append(sorted(weight, key=lambda n: (-weight[n], n))[:key_names])
    holders: dict[str, list[int]] = defaultdict(list)
    for k, sh in enumerate(share):
        for n in sh:
            holders[n].append(k)
    pairs = {(min(k, h), max(k, h)) for k, ks in enumerate(keys) for n in ks
             for h in holders[n] if h != k}
    parent = list(range(len(sids)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    if pairs:
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        a_idx, b_idx = (np.array(v) for v in zip(*sorted(pairs), strict=True))
        r = [k for k, sid in enumerate(sids) for _ in members[sid]]
        c = [row_of[a] for sid in sids for a in members[sid]]
        member = sp.csr_matrix((np.ones(len(r), np.float32), (r, c)),
                               shape=(len(sids), vectors.shape[0]))
        cent = normalize((member @ vectors).tocsr(), norm="l2")
        cos = _rowdot(cent, cent, a_idx, b_idx)
        dates = (pd.to_datetime(arts["published_date"], errors="coerce").to_numpy("datetime64[D]")
                 if "published_date" in arts else np.full(len(arts), np.datetime64("NaT"), "M8[D]"))
        spans = []
        for sid in sids:
            d = dates[[row_of[a] for a in members[sid]]]
            d = d[~np.isnat(d)]
            spans.append((d.min(), d.max()) if len(d) else None)
        for a, b, sim in zip(a_idx.tolist(), b_idx.tolist(), cos.tolist(), strict=True):
            if sim < min_similarity:
                continue
            overlap = max(np.mean([share[b].get(n, 0.0) for n in keys[a]]) if keys[a] else 0.0,
                          np.mean([share[a].get(n, 0.0) for n in keys[b]]) if keys[b] else 0.0)
            if overlap < min_key_share:
                continue
            if spans[a] is not None and spans[b] is not None:
                gap = (max(spans[a][0], spans[b][0]) - min(spans[a][1], spans[b][1])).astype(int)
                if gap > window_days:
                    continue
            parent[find(a)] = find(b)
    threads: dict[int, list[str]] = defaultdict(list)
    for k, sid in enumerate(sids):
        threads[find(k)].append(sid)
    thread_of = {sid: _thread_id(group) for group in threads.values() for sid in group}
    out["thread_id"] = out["story_id"].map(thread_of).astype(object)
    return schema.validate(out, "stories")


def _stories_table(arts, labels, i, j, s, threshold, entities) -> pd.DataFrame:
    ids = arts["article_id"].astype(str).tolist()
    sim_sum = np.zeros(len(arts))
    same = labels[i] == labels[j]
    np.add.at(sim_sum, i[same], s[same])
    np.add.at(sim_sum, j[same], s[same])
    ent_mentions = None
    if entities is not None and len(entities):
        ents = entities[entities["entity_label"].isin(_NAME_LABELS)
                        & entities["article_id"].isin(set(ids))]
        ent_mentions = defaultdict(list)
        for aid, norm, text, label in zip(ents["article_id"], ents["entity_norm"],
                                          ents["entity_text"], ents["entity_label"], strict=True):
            if isinstance(norm, str) and norm:
                ent_mentions[aid].append((aid, norm, " ".join(str(text).split()), label))
    heads = arts["headline"].fillna("").astype(str).tolist() if "headline" in arts else [
        ""] * len(arts)
    texts = arts["text"].fillna("").astype(str).tolist()
    dates = (pd.to_datetime(arts["published_date"], errors="coerce").to_numpy("datetime64[D]")
             if "published_date" in arts else np.full(len(arts), np.datetime64("NaT"), "M8[D]"))
    groups: dict[int, list[int]] = defaultdict(list)
    for k, lab in enumerate(labels.tolist()):
        groups[lab].append(k)
    rows = []
    for members in groups.values():
        mentions: list[tuple[str, str, str, str]] = []
        for k in members:
            if ent_mentions is not None:
                mentions += ent_mentions.get(ids[k], [])
            else:
                mentions += [(ids[k], n, n.title(), "") for n in
                             _regex_names(heads[k] + "\n" + texts[k][:1000])]
        sid = _story_id([ids[k] for k in members])
        label = story_label([heads[k] for k in members], dates[members],
                            _key_names(mentions) if not any(heads[k] for k in members) else None)
        for k in members:
            conf = 1.0 if len(members) == 1 else _confidence(
                sim_sum[k] / (len(members) - 1), threshold)
            rows.append({"story_id": sid, "article_id": ids[k], "story_label": label,
                         "membership_confidence": conf, "thread_id": _thread_id([sid])})
    return schema.coerce(rows, "stories")


def _relabel(out: pd.DataFrame, mask: pd.Series, articles: pd.DataFrame | None) -> None:
    """Set the label of the rows in ``mask`` (one story) from its members' headlines, in place."""
    if articles is None or "headline" not in articles:
        return
    arts = articles.drop_duplicates("article_id").set_index("article_id")
    ids = [a for a in out.loc[mask, "article_id"] if a in arts.index]
    if not ids:
        return
    heads = arts.loc[ids, "headline"].tolist()
    dates = arts.loc[ids, "published_date"] if "published_date" in arts else None
    if any(isinstance(h, str) and h.strip() for h in heads):
        out.loc[mask, "story_label"] = story_label(heads, dates)


def _rethread(out: pd.DataFrame, joined: set[str] | None = None) -> pd.DataFrame:
    """Re-derive every thread_id from its stories; threads in ``joined`` become one thread."""
    joined = joined or set()
    old = out["thread_id"].where(out["thread_id"].notna(), "thread-of-" + out["story_id"])
    old = old.where(~old.isin(joined), "joined")
    out["thread_id"] = old
    thread_of = {}
    for _, grp in out.groupby("thread_id", sort=False)["story_id"]:
        tid = _thread_id(grp.tolist())
        thread_of.update({sid: tid for sid in grp})
    out["thread_id"] = out["story_id"].map(thread_of).astype(object)
    return schema.validate(out, "stories")


def merge_stories(stories: pd.DataFrame, story_ids: list[str], *,
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Merge several stories into one (a manual edit).

    Args:
        stories: The ``stories`` table.
        story_ids: The stories to merge (at least two).
        articles: Optional ``articles`` table: the merged story is then labelled by its most
            central headline (else it keeps the first story's label).

    Returns:
        A new ``stories`` table (one row per (story_id, article_id)); the merged story gets a new
        id and membership confidence 1.0 (set by hand); the threads of the merged stories
        become one thread.
    """
    missing = set(story_ids) - set(stories["story_id"])
    if missing:
        raise KeyError(f"unknown story ids: {sorted(missing)}")
    out = stories.copy()
    mask = out["story_id"].isin(story_ids)
    joined = set(out.loc[mask, "thread_id"].dropna())
    members = out.loc[mask, "article_id"].tolist()
    new_id = _story_id(members)
    first = out.loc[out["story_id"] == story_ids[0], "story_label"].iloc[0]
    out.loc[mask, "story_id"] = new_id
    out.loc[mask, "story_label"] = first
    out.loc[mask, "membership_confidence"] = 1.0
    _relabel(out, mask, articles)
    return _rethread(out, joined)


def make_story(stories: pd.DataFrame, article_ids: list[str], *,
               articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Make the given articles one story of their own, taking them from their stories.

    Args:
        stories: The ``stories`` table.
        article_ids: The articles of the new story (each must be in ``stories``).
        articles: Optional ``articles`` table, for the labels of the new and the changed stories.

    Returns:
        A new ``stories`` table: the articles form one story (id from its members, membership
        confidence 1.0), the stories they came from keep their other members (ids re-derived
        from them; a story left empty disappears), and the threads the articles came from
        become one thread.
    """
    wanted = list(dict.fromkeys(article_ids))
    if not wanted:
        raise ValueError("make_story needs at least one article")
    unknown = set(wanted) - set(stories["article_id"])
    if unknown:
        raise KeyError(f"articles not in any story: {sorted(unknown)}")
    out = stories.copy()
    moved = out["article_id"].isin(wanted)
    touched = set(out.loc[moved, "story_id"])
    joined = set(out.loc[moved, "thread_id"].dropna())
    old_label = out.loc[moved, "story_label"].iloc[0]
    for sid in touched:
        kept = (out["story_id"] == sid) & ~moved
        if kept.any():
            out.loc[kept, "story_id"] = _story_id(out.loc[kept, "article_id"].tolist())
            _relabel(out, kept, articles)
    out.loc[moved, "story_id"] = _story_id(wanted)
    out.loc[moved, "story_label"] = old_label
    out.loc[moved, "membership_confidence"] = 1.0
    _relabel(out, moved, articles)
    return _rethread(out, joined)


def split_story(stories: pd.DataFrame, story_id: str, article_ids: list[str], *,
                articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Move some articles of a story into a new story of their own (a manual edit).

    Args:
        stories: The ``stories`` table.
        story_id: The story to split.
        article_ids: Members of ``story_id`` that form the new story.
        articles: Optional ``articles`` table: both parts are then labelled by their most
            central headline (else the moved part gets the old label marked '(split)').

    Returns:
        A new ``stories`` table; both parts get ids from their members, the moved articles
        membership confidence 1.0; both parts stay in the old story's thread.
    """
    rows = stories["story_id"] == story_id
    if not rows.any():
        raise KeyError(f"unknown story id: {story_id}")
    members = set(stories.loc[rows, "article_id"])
    bad = set(article_ids) - members
    if bad:
        raise KeyError(f"articles not in story {story_id}: {sorted(bad)}")
    if set(article_ids) == members or not article_ids:
        return schema.validate(stories.copy(), "stories")
    out = stories.copy()
    moved = rows & out["article_id"].isin(article_ids)
    kept = rows & ~moved
    out.loc[moved, "story_id"] = _story_id(out.loc[moved, "article_id"].tolist())
    out.loc[moved, "story_label"] = out.loc[moved, "story_label"] + " (split)"
    out.loc[moved, "membership_confidence"] = 1.0
    out.loc[kept, "story_id"] = _story_id(out.loc[kept, "article_id"].tolist())
    _relabel(out, moved, articles)
    _relabel(out, kept, articles)
    return _rethread(out)


def single_story(articles: pd.DataFrame) -> pd.DataFrame:
    """Make every article one story (the user says the corpus is one event).

    Args:
        articles: The ``articles`` table.

    Returns:
        The ``stories`` table: one row per article, all of one story (id from the members,
        label its most central headline, membership confidence 1.0) and one thread.
    """
    if not len(articles):
        return schema.empty_frame("stories")
    ids = articles["article_id"].astype(str).tolist()
    sid = _story_id(ids)
    heads = articles["headline"].tolist() if "headline" in articles else [None] * len(ids)
    dates = articles["published_date"] if "published_date" in articles else None
    label = story_label(heads, dates)
    return schema.coerce([{"story_id": sid, "article_id": a, "story_label": label,
                           "membership_confidence": 1.0, "thread_id": _thread_id([sid])}
                          for a in ids], "stories")
