"""Disagreements between the articles of one story, each with its evidence, most salient first.

Derived from two sources:

* the story's **claims** (:mod:`workbench.compare.claims`): for each fact that two or more
  articles give values for, :func:`workbench.compare.relations.fact_relations` decides whether the
  values are a ``contradiction`` (they cannot both hold at a comparable time of report), an
  ``update`` (a count or amount that changed between report days), a ``precision`` difference (hedged or
  rounded vs exact) or an ``attribution`` difference (the same value from different sources);
  compatible values, paraphrases and background values report nothing;
* **omissions** of the story's named things: people, organisations and places one article names
  and another does not (surnames joined to full names, 'U.S.' = 'United States'), and sources
  one article cites and another does not (named sources by name, unnamed ones by kind and
  affiliation); and one sentence of shared copy credited to different sources (``attribution``).
  What each article leaves out sentence by sentence is summarised per article in
  ``outlet_omissions`` instead.

Every discrepancy has one row per article of its story: the value the article gives
(``value_text``/``value_norm``, ``as_of``) with its evidence, or missing values when the article
does not give it. ``difference`` keeps the older two-way reading: ``omission`` or ``conflict``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from workbench import schema
from workbench.compare.claims import (
    extract_claims,
    split_by_story,
    statement_fact,
    tables_of,
)
from workbench.compare.counted_parse import counts_apart
from workbench.compare.mentions import (
    CREDIT_LINE,
    place_norm,
    sentence_lookup,
    source_subject,
    story_sources,
)
from workbench.compare.relations import (
    compatible,
    copy_salience,
    fact_relations,
    omission_salience,
)

__all__ = ["find_discrepancies", "find_story_discrepancies"]

_KIND_OF_LABEL = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
}


@dataclass(frozen=True)
class _Value:
    article_id: str
    value_text: str
    value_norm: str
    sentence_id: int | None
    start_char: int | None
    end_char: int | None
    evidence_text: str | None
    as_of: object = None


class _Builder:
    """Collects discrepancies of one story as long rows."""

    def __init__(self, story_id: str, article_ids: list[str], outlets: dict[str, str]):
        self.story_id = story_id
        self.article_ids = article_ids
        self.outlets = outlets
        self.rows: list[dict] = []
        self.seen: set = set()
        self.n = 0

    def add(self, kind: str, relation: str, subject: str, values: dict[str, _Value], *,
            key=None, fact_id: str | None = None, salience: float | None = None) -> None:
        key = key or (kind, subject, tuple(sorted((a, v.value_norm) for a, v in values.items())))
        if key in self.seen:
            return
        self.seen.add(key)
        did = f"{self.story_id}:d{self.n:03d}"
        self.n += 1
        if salience is None:
            salience = omission_salience(len(values), len(self.article_ids))
        fact_id = fact_id or f"{self.story_id}:{kind}:{subject}"
        for aid in self.article_ids:
            v = values.get(aid)
            self.rows.append({
                "story_id": self.story_id, "discrepancy_id": did, "fact_id": fact_id,
                "kind": kind, "relation": relation, "salience": salience,
                "difference": "omission" if relation == "omission" else "conflict",
                "subject": subject, "article_id": aid, "outlet": self.outlets.get(aid),
                "value_text": v.value_text if v else None,
                "value_norm": v.value_norm if v else None,
                "sentence_id": v.sentence_id if v else None,
                "start_char": v.start_char if v else None,
                "end_char": v.end_char if v else None,
                "evidence_text": v.evidence_text if v else None,
                "as_of": v.as_of if v else None,
            })


def _copied(pair_type: dict, a: str, sa: int, b: str, sb: int) -> bool:
    """True when two sentences are the same copy (identical or edited), either way round."""
    return (pair_type.get((a, sa, b, sb)) in ("identical", "edited")
            or pair_type.get((b, sb, a, sa)) in ("identical", "edited"))


def _canonical_entities(entities: pd.DataFrame, skip: set[tuple[str, int]]) -> pd.DataFrame:
    """Entities of interest with a story-wide key: surnames joined to full names, place aliases."""
    ents = entities[entities["entity_label"].isin(list(_KIND_OF_LABEL))].copy()
    if not len(ents):
        return ents.assign(key=[], kind=[])
    keep = [(a, int(s)) not in skip if pd.notna(s) else True
            for a, s in zip(ents["article_id"], ents["sentence_id"], strict=True)]
    ents = ents[keep]
    if not len(ents):
        return ents.assign(key=pd.Series(dtype=object), kind=pd.Series(dtype=object))
    norms = ents["entity_norm"].fillna("").astype(str).map(place_norm)
    full = {n for n in norms if len(n.split()) >= 2}
    last = defaultdict(set)
    for n in full:
        last[n.split()[-1]].add(n)
    ents["key"] = [next(iter(last[n])) if " " not in n and len(last.get(n, ())) == 1 else n
                   for n in norms]
    votes: dict[str, Counter] = defaultdict(Counter)
    for key, label in zip(ents["key"], ents["entity_label"], strict=True):
        votes[key][label] += 1
    ents["kind"] = [_KIND_OF_LABEL[votes[k].most_common(1)[0][0]] for k in ents["key"]]
    return ents[[len(k) > 1 for k in ents["key"]]]


def _entities(b: _Builder, entities: pd.DataFrame, sents: dict, skip: set,
              source_names: set[str], datelines: dict[str, str],
              sources: pd.DataFrame | None = None) -> None:
    ents = entities[entities["article_id"].isin(b.article_ids)]
    if sources is not None and len(sources) and len(ents):
        # names inside a source description ("U.S. State Department spokesman Ned Price") are
        # reported with the source, not again as entities
        spans = defaultdict(list)
        for r in sources.itertuples(index=False):
            if pd.notna(r.start_char) and pd.notna(r.end_char):
                spans[r.article_id].append((int(r.start_char), int(r.end_char)))
        inside = [any(s <= st and en <= e for s, e in spans.get(a, ()))
                  for a, st, en in zip(ents["article_id"], ents["start_char"], ents["end_char"],
                                       strict=True)]
        ents = ents[[not x for x in inside]]
    ents = _canonical_entities(ents, skip)
    # the dateline counts as text the article gives (a place there is not omitted)
    texts: dict[str, str] = defaultdict(str, {a: str(d).casefold() for a, d in datelines.items()
                                              if isinstance(d, str)})
    for (aid, _), (t, _) in sents.items():
        texts[aid] += " " + t.casefold().replace("’", "'")
    first: dict[str, dict[str, object]] = defaultdict(dict)
    surfaces: dict[str, set[str]] = defaultdict(set)
    kind_of: dict[str, str] = {}
    for r in ents.itertuples(index=False):
        first[r.key].setdefault(r.article_id, r)
        surfaces[r.key].add(str(r.entity_text).casefold())
        kind_of.setdefault(r.key, r.kind)
    for key, per in first.items():
        if len(per) == len(b.article_ids):
            continue
        if key in source_names or any(key in s or s in key for s in source_names if len(s) > 3):
            continue
        forms = surfaces[key] | {key}
        if all(any(x in texts.get(a, "") for x in forms) for a in b.article_ids):
            continue
        vals = {}
        for aid, r in per.items():
            sid = int(r.sentence_id) if pd.notna(r.sentence_id) else None
            text = sents.get((aid, sid), (None, 0))[0] if sid is not None else None
            vals[aid] = _Value(aid, r.entity_text, key, sid, int(r.start_char), int(r.end_char),
                               text)
        b.add(kind_of[key], "omission", key, vals)


def _sources(b: _Builder, sources: pd.DataFrame, sents: dict, facts: dict,
             pair_type: dict | None = None) -> None:
    src = story_sources(sources[sources["article_id"].isin(b.article_ids)])
    if not len(src):
        return

    def val(r, norm):
        sid = int(r.sentence_id) if pd.notna(r.sentence_id) else None
        text = sents.get((r.article_id, sid), (None, 0))[0] if sid is not None else None
        return _Value(r.article_id, r.source_text, norm, sid, _int(r.start_char),
                      _int(r.end_char), text)

    firsts: dict[str, dict[str, object]] = defaultdict(dict)
    for skey, aid, rep in zip(src["skey"], src["article_id"], src["rep"], strict=True):
        firsts[skey].setdefault(aid, rep)
    for skey, first in firsts.items():
        if len(first) < len(b.article_ids):
            r0 = next(iter(first.values()))
            b.add("source", "omission", source_subject(r0),
                  {a: val(r, skey) for a, r in first.items()})
    by_fact: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows_of: dict[tuple[str, str], object] = {}
    for r in src.itertuples(index=False):
        if pd.isna(r.sentence_id) or r.source_kind == "document":
            continue
        fid = facts.get((r.article_id, int(r.sentence_id)))
        if fid:
            by_fact[fid][r.article_id].add(r.skey)
            rows_of.setdefault((fid, r.article_id), r)
    for fid, per in by_fact.items():
        stems = {a: _key_stems(keys) for a, keys in per.items()}
        # only where the sentences are one copy (identical or edited): a paraphrase written
        # independently often reports a neighbouring claim from someone else
        sid_of = {a: int(rows_of[(fid, a)].sentence_id) for a in per}
        if len(per) >= 2 and any(
                not (stems[aid] & stems[o]) and not (per[aid] & per[o])
                and _copied(pair_type or {}, aid, sid_of[aid], o, sid_of[o])
                for aid in per for o in per if o != aid):
            vals = {a: val(rows_of[(fid, a)], "; ".join(sorted(keys))) for a, keys in per.items()}
            said = next(iter(vals.values())).evidence_text
            b.add("source", "attribution", statement_fact(said), vals,
                  salience=0.5 * len(vals) / max(len(b.article_ids), 1))


_KEY_NOISE = frozenset({"anonymous", "unnamed_official", "named_person", "named_organization",
                        "news_agency", "document", "other", "the", "of", "and"})


def _key_stems(keys: set[str]) -> set[str]:
    """Word stems of source keys, so 'south korean military' meets "south korea's military"."""
    words = {w for k in keys for w in re.findall(r"[a-z0-9]+", k.casefold())}
    return {w[:5] for w in words - _KEY_NOISE if len(w) > 1 and w != "s"}


def _int(x):
    return int(x) if pd.notna(x) else None


def copy_contradictions(claims: pd.DataFrame, pair_type: dict, related: list[dict],
                        n_articles: int, sents: dict | None = None) -> list[dict]:
    """Values that differ between two copies of one sentence, where the fact shows no clash.

    An article that gives a fact two values that cannot both hold takes no part in the fact's
    comparison (:func:`fact_relations`); the slot of a copied sentence still says what its copy
    changed ('killed two people' / 'killed four people'). Each such pair is a contradiction of
    its own, unless the fact already reports one between the two articles, or the parse of
    the two sentences (``sents``, as in :func:`fact_relations`) says the two count different
    things.
    """
    shown = {(d["fact_id"], a, b) for d in related if d["relation"] in ("contradiction", "update")
             for a in d["values"] for b in d["values"]}
    by_sent: dict[tuple[str, int], list] = {}
    for r in claims.itertuples(index=False):
        if r.kind in ("count", "quantity", "date") and not r.is_background and (
                r.fact_link == "copy"):
            by_sent.setdefault((r.article_id, int(r.sentence_id)), []).append(r)
    out: list[dict] = []
    for (a, sa, o, so), how in pair_type.items():
        if how not in ("identical", "edited") or (a, sa) >= (o, so):
            continue
        xa = sorted(by_sent.get((a, sa), ()), key=lambda r: r.start_char)
        xb = sorted(by_sent.get((o, so), ()), key=lambda r: r.start_char)
        if not xa or len(xa) != len(xb):
            continue
        for ra, rb in zip(xa, xb, strict=True):
            if ra.fact_id != rb.fact_id or (ra.fact_id, a, o) in shown or compatible(ra, rb) or (
                    sents is not None and counts_apart(ra, rb, sents)):
                continue
            shown.update({(ra.fact_id, a, o), (ra.fact_id, o, a)})
            out.append({"fact_id": ra.fact_id, "kind": ra.kind, "relation": "contradiction",
                        "subject": ra.fact, "values": {a: ra, o: rb},
                        "salience": copy_salience(n_articles)})
    return out


def _claim_value(r, sents: dict) -> _Value:
    sid = int(r.sentence_id)
    text = sents.get((r.article_id, sid), (None, 0))[0]
    return _Value(r.article_id, r.value_text, r.value_norm, sid, int(r.start_char),
                  int(r.end_char), text, r.as_of if pd.notna(r.as_of) else None)


def find_story_discrepancies(
    story_id: str,
    *,
    articles: pd.DataFrame,
    stories: pd.DataFrame,
    sentences: pd.DataFrame,
    alignments: pd.DataFrame,
    entities: pd.DataFrame,
    sources: pd.DataFrame,
    claims: pd.DataFrame,
    **_unused,
) -> list[dict]:
    """Discrepancy rows of one story (see :func:`find_discrepancies`)."""
    members = stories.loc[stories["story_id"] == story_id, "article_id"].tolist()
    if len(members) < 2:
        return []
    arts = articles[articles["article_id"].isin(members)]
    outlets = dict(zip(arts["article_id"], arts["outlet"], strict=True))
    b = _Builder(story_id, members, outlets)
    sents = sentence_lookup(sentences[sentences["article_id"].isin(members)])
    skip = {k for k, (t, _) in sents.items() if CREDIT_LINE.match(t)}
    al = alignments[alignments["story_id"] == story_id]
    facts = {(a, int(s)): f for a, s, f in zip(al["article_id"], al["sentence_id"],
                                               al["fact_id"], strict=True)}
    pair_type = {
        (a, int(s), o, int(os_)): t
        for a, s, o, os_, t in zip(al["article_id"], al["sentence_id"], al["other_article_id"],
                                   al["other_sentence_id"], al["alignment_type"], strict=True)
        if pd.notna(os_)
    }
    own = claims[claims["story_id"] == story_id]
    related = fact_relations(own, members, sents)
    for d in related:
        b.add(d["kind"], d["relation"], d["subject"],
              {a: _claim_value(r, sents) for a, r in d["values"].items()},
              key=("fact", d["fact_id"]), fact_id=d["fact_id"], salience=d["salience"])
    for d in copy_contradictions(own, pair_type, related, len(members), sents):
        b.add(d["kind"], d["relation"], d["subject"],
              {a: _claim_value(r, sents) for a, r in d["values"].items()},
              key=("copy", d["fact_id"], *sorted(d["values"])), fact_id=d["fact_id"],
              salience=d["salience"])
    src = sources[sources["article_id"].isin(members)]
    source_names = {str(n).casefold().replace(".", "") for n in src["source_name"].dropna()}
    _sources(b, src, sents, facts, pair_type)
    datelines = (dict(zip(arts["article_id"], arts["dateline"], strict=True))
                 if "dateline" in arts else {})
    _entities(b, entities, sents, skip, source_names, datelines, src)
    return b.rows


#: Discrepancy rows collected as dicts before they are turned into a table part.
_FLUSH_ROWS = 50_000


def find_discrepancies(corpus=None, **tables) -> pd.DataFrame:
    """Disagreements within each story, derived from its claims, most salient first.

    Args:
        corpus: A :class:`workbench.Corpus` (its ``articles``, ``stories``, ``sentences``,
            ``alignments``, ``entities``, ``sources``, ``quotes``, ``timexes``,
            ``publication_dates`` and ``claims`` are used).
        **tables: The same tables by name, to run without a corpus or to override one
            (``claims`` is extracted when not given).

    Returns:
        The ``discrepancies`` table: one row per (discrepancy, article of its story), sorted by
        ``salience`` (then story and discrepancy). For an omission the articles that do not
        report it have missing values.
    """
    t = tables_of(corpus, tables)
    if "claims" in tables:
        claims = tables["claims"]
    elif corpus is not None and hasattr(corpus, "claims"):
        claims = corpus.claims
    else:
        claims = extract_claims(**t)
    rows: list[dict] = []
    frames: list[pd.DataFrame] = []
    # each story sees only its own articles' rows: slicing every whole table once per story
    # made this stage quadratic in the corpus (5k stories x 1M entity rows at 10k articles)
    members_of, parts = split_by_story(t)
    parts["claims"] = dict(iter(claims.groupby("story_id", sort=False))) if len(claims) else {}
    shared = t["stories"]["article_id"].duplicated().any()  # an article in two stories
    for sid in members_of.index:
        if shared:
            part = t | {"claims": claims}
        else:
            part = {n: by_story[sid] if sid in by_story else (
                t[n].iloc[:0] if n in t else claims.iloc[:0]) for n, by_story in parts.items()}
        rows.extend(find_story_discrepancies(sid, **part))
        if len(rows) >= _FLUSH_ROWS:  # row dicts cost ~10x their table: keep few at a time
            frames.append(schema.coerce(rows, "discrepancies"))
            rows = []
    if rows or not frames:
        frames.append(schema.coerce(rows, "discrepancies"))
    out = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    out = out.sort_values(["salience", "story_id", "discrepancy_id"],
                          ascending=[False, True, True], kind="stable", ignore_index=True)
    return schema.validate(out, "discrepancies")
