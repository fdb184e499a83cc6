"""Per-story comparison tables, tidy and ready for charts.

Coverage, sourcing, dates, the running-figure timeline, the top disagreements and what each
article leaves out.
"""

from __future__ import annotations

import re

import pandas as pd

from workbench import schema
from workbench.compare.mentions import date_frames, date_subject, sentence_lookup
from workbench.compare.mentions import story_sources as _with_story_keys

__all__ = [
    "coverage_table",
    "discrepancy_summary",
    "outlet_omissions",
    "outlet_summary",
    "sourcing_table",
    "story_dates_table",
    "story_sources_table",
    "story_timeline",
]


def _outlets(articles: pd.DataFrame) -> dict[str, str]:
    return dict(zip(articles["article_id"], articles["outlet"], strict=True))


def coverage_table(
    alignments: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """Which article reports which aligned fact.

    Args:
        alignments: The ``alignments`` table.
        sentences: The ``sentences`` table.
        articles: The ``articles`` table (for outlets).

    Returns:
        The ``coverage`` table: one row per (story_id, fact_id, article_id) for every article of
        the story; ``sentence_id`` is the article's first sentence of that fact, missing when the
        article does not report it.
    """
    if not len(alignments):
        return schema.empty_frame("coverage")
    text = {(a, int(s)): t for a, s, t in zip(sentences["article_id"], sentences["sentence_id"],
                                              sentences["sentence_text"], strict=True)}
    outlets = _outlets(articles)
    first = (alignments[["story_id", "fact_id", "article_id", "sentence_id"]]
             .drop_duplicates().sort_values(["story_id", "fact_id", "sentence_id"])
             .drop_duplicates(["story_id", "fact_id", "article_id"]))
    members = alignments.groupby("story_id")["article_id"].unique()
    rows = []
    for (sid, fid), grp in first.groupby(["story_id", "fact_id"], sort=False):
        have = dict(zip(grp["article_id"], grp["sentence_id"], strict=True))
        a0 = next(iter(have))
        fact_text = text.get((a0, int(have[a0])), "")
        for aid in members[sid]:
            s = have.get(aid)
            rows.append({"story_id": sid, "fact_id": fid, "fact_text": fact_text,
                         "article_id": aid, "outlet": outlets.get(aid),
                         "is_covered": s is not None,
                         "sentence_id": int(s) if s is not None else None})
    return schema.coerce(rows, "coverage")


def story_sources_table(
    stories: pd.DataFrame, sources: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """Who each article of a story cites, with one key per source across the story's articles.

    Args:
        stories: The ``stories`` table.
        sources: The ``sources`` table.
        articles: The ``articles`` table (for outlets).

    Returns:
        The ``story_sources`` table: one row per (story_id, article_id, source_key), with the
        source's first mention, ``story_source_key`` (name for named sources, kind|affiliation
        for unnamed ones), mentions in the article and how many of the story's outlets cite it.
    """
    if not len(stories) or not len(sources):
        return schema.empty_frame("story_sources")
    src = sources.merge(stories[["story_id", "article_id"]], on="article_id")
    if not len(src):
        return schema.empty_frame("story_sources")
    src = src.assign(source_key=src["source_key"].fillna("#" + src["source_id"].astype(str)))
    keyed = _with_story_keys(src.drop(columns="story_id"))
    keyed = keyed.assign(story_id=keyed["article_id"].map(
        dict(zip(stories["article_id"], stories["story_id"], strict=True))))
    outlets = _outlets(articles)
    cited = keyed.groupby(["story_id", "skey"])["article_id"].nunique()
    rows = []
    for (sid, aid, skey), grp in keyed.groupby(["story_id", "article_id", "source_key"],
                                               sort=False):
        rep = grp["rep"].iloc[0]
        rows.append({
            "story_id": sid, "article_id": aid, "outlet": outlets.get(aid),
            "source_key": skey, "story_source_key": _rep_key(grp),
            "source_text": rep.source_text, "source_kind": rep.source_kind,
            "source_name": rep.source_name, "affiliation": rep.affiliation,
            "is_anonymous": rep.is_anonymous, "source_count": rep.source_count,
            "mention_count": len(grp), "cited_by_count": int(cited[(sid, _rep_key(grp))]),
        })
    return schema.coerce(rows, "story_sources")


def _rep_key(grp: pd.DataFrame) -> str:
    """The story-wide key of a group of mentions of one source (internal helper)."""
    return grp["skey"].iloc[0]


def sourcing_table(story_sources: pd.DataFrame) -> pd.DataFrame:
    """Sources by kind per outlet of each story.

    Args:
        story_sources: The ``story_sources`` table.

    Returns:
        The ``sourcing`` table: one row per (story_id, article_id, source_kind): distinct sources
        and mentions of that kind, and the article's anonymous share (distinct anonymous or
        unnamed sources over distinct sources, documents excluded from neither).
    """
    if not len(story_sources):
        return schema.empty_frame("sourcing")
    ss = story_sources.assign(anon=story_sources["is_anonymous"].fillna(False).astype(bool))
    share = ss.groupby("article_id")["anon"].mean()
    rows = []
    for (sid, aid, kind), grp in ss.groupby(["story_id", "article_id", "source_kind"],
                                           sort=False):
        rows.append({"story_id": sid, "article_id": aid, "outlet": grp["outlet"].iloc[0],
                     "source_kind": kind, "distinct_source_count": len(grp),
                     "mention_count": int(grp["mention_count"].sum()),
                     "anonymous_share": float(share[aid])})
    return schema.coerce(rows, "sourcing")


def story_dates_table(
    stories: pd.DataFrame,
    timexes: pd.DataFrame,
    sentences: pd.DataFrame,
    entities: pd.DataFrame,
    articles: pd.DataFrame,
    publication_dates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The dates each outlet gives, as intervals, and each article's publication date.

    Args:
        stories: The ``stories`` table.
        timexes: The ``timexes`` table.
        sentences: The ``sentences`` table.
        entities: The ``entities`` table (places name a date's subject).
        articles: The ``articles`` table.
        publication_dates: The ``publication_dates`` table (else ``articles.published_date``).

    Returns:
        The ``story_dates`` table: one row per (story_id, article_id, temporal expression) of
        type DATE or TIME, plus one row per article with subject 'publication date'.
    """
    if not len(stories):
        return schema.empty_frame("story_dates")
    story_of = dict(zip(stories["article_id"], stories["story_id"], strict=True))
    outlets = _outlets(articles)
    rows = []
    tx = timexes[timexes["article_id"].isin(story_of)]
    sents = sentence_lookup(sentences[sentences["article_id"].isin(story_of)])
    for f in date_frames(tx, entities, sents):
        t = f["t"]
        rows.append({
            "story_id": story_of[t.article_id], "article_id": t.article_id,
            "outlet": outlets.get(t.article_id), "subject": date_subject(f),
            "timex_text": t.timex_text, "value": t.value, "start_date": t.start_date,
            "end_date": t.end_date, "granularity": t.granularity,
            "sentence_id": int(t.sentence_id), "start_char": int(t.start_char),
            "end_char": int(t.end_char),
        })
    for aid, pub, lo, hi, prec in _publication_rows(articles, publication_dates):
        if aid in story_of:
            rows.append({"story_id": story_of[aid], "article_id": aid,
                         "outlet": outlets.get(aid), "subject": "publication date",
                         "timex_text": None,
                         "value": pub.date().isoformat() if pd.notna(pub) else None,
                         "start_date": lo if pd.notna(lo) else pub,
                         "end_date": hi if pd.notna(hi) else pub, "granularity": prec})
    return schema.coerce(rows, "story_dates")


def _publication_rows(articles, publication_dates):
    if publication_dates is not None and len(publication_dates):
        pd_ = publication_dates
        return zip(pd_["article_id"], pd_["published_date"], pd_["earliest_date"],
                   pd_["latest_date"], pd_["published_date_precision"], strict=True)
    n = len(articles)
    return zip(articles["article_id"], articles["published_date"], [pd.NaT] * n,
               [pd.NaT] * n, articles.get("published_date_precision", pd.Series([None] * n)),
               strict=True)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def story_timeline(
    claims: pd.DataFrame,
    discrepancies: pd.DataFrame,
    articles: pd.DataFrame,
    publication_dates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How the values of each disputed fact moved as the story developed.

    Args:
        claims: The ``claims`` table.
        discrepancies: The ``discrepancies`` table: the facts shown are its counts,
            quantities and dates that are contradictions, updates or precision differences.
        articles: The ``articles`` table.
        publication_dates: The ``publication_dates`` table; stated or inferred dates there win
            over ``articles.published_date``.

    Returns:
        The ``story_timeline`` table: one row per claim of those facts (story_id, fact, article),
        with the article's publication time (x) and the value as a number (``value_numeric``:
        the exact value, the middle of a closed interval, the lower bound of an open one) or a
        date (``value_date``: the start of the interval) (y). ``subject`` is the fact's name.
    """
    shown = discrepancies[discrepancies["kind"].isin(["count", "quantity", "source", "date"])
                          & discrepancies["relation"].isin(["contradiction", "update",
                                                            "precision"])]
    c = claims[claims["fact_id"].isin(set(shown["fact_id"]))]
    if not len(c):
        return schema.empty_frame("story_timeline")
    pub = dict(zip(articles["article_id"], articles["published_date"], strict=True))
    if publication_dates is not None and len(publication_dates):
        for a, p in zip(publication_dates["article_id"], publication_dates["published_date"],
                        strict=True):
            if pd.notna(p):
                pub[a] = p
    rows = []
    for r in c.itertuples(index=False):
        num = None
        if r.kind != "date" and pd.notna(r.value_low):
            num = r.value_low if r.value_high in (r.value_low, float("inf")) else (
                (r.value_low + r.value_high) / 2)
        rows.append({"story_id": r.story_id, "article_id": r.article_id, "outlet": r.outlet,
                     "published_date": pub.get(r.article_id), "kind": r.kind,
                     "subject": r.fact, "value_text": r.value_text,
                     "value_norm": r.value_norm, "value_numeric": num,
                     "value_date": r.start_date if r.kind == "date" else None})
    return schema.coerce(rows, "story_timeline")


def outlet_summary(
    articles: pd.DataFrame,
    stories: pd.DataFrame,
    alignments: pd.DataFrame,
    story_sources: pd.DataFrame,
    discrepancies: pd.DataFrame,
) -> pd.DataFrame:
    """Corpus-level view per outlet: sourcing, wire copy and discrepancies across its stories.

    Args:
        articles: The ``articles`` table.
        stories: The ``stories`` table.
        alignments: The ``alignments`` table.
        story_sources: The ``story_sources`` table.
        discrepancies: The ``discrepancies`` table.

    Returns:
        The ``outlet_summary`` table: one row per outlet. ``anonymous_share`` is over the
        distinct sources the outlet cites (NaN when it cites none); ``wire_copy_share`` over
        its sentences in stories of two or more articles (NaN when it has none);
        ``discrepancy_count`` counts discrepancies where the outlet gives a value.
    """
    if not len(articles):
        return schema.empty_frame("outlet_summary")
    outlet = articles.set_index("article_id")["outlet"].fillna("(unknown)")
    rows = []
    copied = pd.Series(dtype=float)
    if len(alignments):
        al = alignments.assign(copy=alignments["alignment_type"].isin(["identical", "edited"]))
        per_sentence = al.groupby(["article_id", "sentence_id"])["copy"].any().reset_index()
        per_sentence["outlet"] = per_sentence["article_id"].map(outlet)
        copied = per_sentence.groupby("outlet")["copy"].mean()
    anon = pd.Series(dtype=float)
    if len(story_sources):
        ss = story_sources.assign(anon=story_sources["is_anonymous"].fillna(False).astype(bool),
                                  outlet=story_sources["article_id"].map(outlet))
        anon = ss.groupby("outlet")["anon"].mean()
    given = discrepancies[discrepancies["value_norm"].notna()]
    counts = given.assign(outlet=given["article_id"].map(outlet)).groupby("outlet")[
        "discrepancy_id"].nunique()
    story_of = dict(zip(stories["article_id"], stories["story_id"], strict=True))
    for name, ids in outlet.groupby(outlet).groups.items():
        rows.append({
            "outlet": name, "article_count": len(ids),
            "story_count": len({story_of.get(a, a) for a in ids}),
            "anonymous_share": anon.get(name, float("nan")),
            "wire_copy_share": copied.get(name, float("nan")),
            "discrepancy_count": int(counts.get(name, 0)),
        })
    return schema.coerce(rows, "outlet_summary")


def discrepancy_summary(discrepancies: pd.DataFrame, stories: pd.DataFrame, *,
                        top: int = 10) -> pd.DataFrame:
    """The top disagreements of each story: what the outlets disagree about, first.

    Args:
        discrepancies: The ``discrepancies`` table.
        stories: The ``stories`` table (for the story labels).
        top: How many disagreements per story (omissions come last, by salience like the rest).

    Returns:
        The ``discrepancy_summary`` table: one row per (story_id, discrepancy_id), at most
        ``top`` per story, ranked by ``salience``, with each outlet's value in one readable cell.
    """
    given = discrepancies[discrepancies["value_text"].notna()]
    if not len(given):
        return schema.empty_frame("discrepancy_summary")
    labels = dict(zip(stories["story_id"], stories["story_label"], strict=True))
    rows = []
    for (sid, did), grp in given.groupby(["story_id", "discrepancy_id"], sort=False):
        r0 = grp.iloc[0]
        parts = []
        for r in grp.itertuples(index=False):
            when = f" ({pd.Timestamp(r.as_of).date()})" if pd.notna(r.as_of) else ""
            parts.append(f"{r.outlet or r.article_id}: {r.value_text}{when}")
        rows.append({"story_id": sid, "story_label": labels.get(sid), "discrepancy_id": did,
                     "fact_id": r0["fact_id"], "kind": r0["kind"], "relation": r0["relation"],
                     "subject": r0["subject"], "salience": float(r0["salience"]),
                     "article_count": len(grp), "values_by_outlet": "; ".join(parts)})
    out = pd.DataFrame(rows).sort_values(["story_id", "salience"], ascending=[True, False],
                                         kind="stable")
    out["rank"] = out.groupby("story_id").cumcount() + 1
    out = out[out["rank"] <= top].sort_values(["salience", "story_id", "rank"],
                                               ascending=[False, True, True], kind="stable")
    return schema.coerce(out.to_dict("records"), "discrepancy_summary")


def outlet_omissions(coverage: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """What each article leaves out of its story, summarised: one row per article.

    Args:
        coverage: The ``coverage`` table (aligned facts and who reports them).
        stories: The ``stories`` table.

    Returns:
        The ``outlet_omissions`` table: per (story_id, article_id), the facts that at least two
        other articles of the story report (``fact_count`` counts the story's facts reported
        by two or more articles), how many of them the article lacks, and up to three of them.
    """
    if not len(coverage):
        return schema.empty_frame("outlet_omissions")
    reported = coverage.groupby(["story_id", "fact_id"])["is_covered"].transform("sum")
    shared = coverage[reported >= 2]
    rows = []
    for (sid, aid), grp in shared.groupby(["story_id", "article_id"], sort=False):
        others = grp["is_covered"].astype(bool)
        missing = grp[~others]
        # a fact the article lacks counts only when two others report it
        missing = missing[reported.loc[missing.index] >= 2]
        examples = ["“" + " ".join(str(x).split()[:10]) + "…”"
                    for x in missing["fact_text"].head(3)]
        rows.append({"story_id": sid, "article_id": aid, "outlet": grp["outlet"].iloc[0],
                     "fact_count": int(grp["fact_id"].nunique()),
                     "omitted_count": int(len(missing)),
                     "omitted_share": len(missing) / max(grp["fact_id"].nunique(), 1),
                     "omitted_examples": "; ".join(examples) or None})
    out = schema.coerce(rows, "outlet_omissions")
    return out.sort_values(["story_id", "omitted_count"], ascending=[True, False],
                           ignore_index=True, kind="stable")
