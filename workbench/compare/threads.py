"""Disagreements across the stories of one thread: a developing event that grouping split.

Grouping keeps an announcement, the talks and the follow-up as separate stories and links them
as one thread (``stories.thread_id``). Within each story, ``discrepancies`` compares its
articles; here the claims of all the thread's articles are grouped into facts together, and a
fact whose values come from two or more of its stories is compared across them, so that a
running figure (an injury toll given on the night, then two days later) or a date is followed
through the whole development. The thread's sentences are aligned across its stories, so a
sentence copied from one story's article into another's lines up slot by slot.
"""

from __future__ import annotations

import pandas as pd

from workbench import schema
from workbench.compare.align import align_stories
from workbench.compare.claims import (
    ANNOTATION_TABLES,
    claim_records,
    published_dates,
    tables_of,
)
from workbench.compare.mentions import sentence_lookup
from workbench.compare.relations import fact_relations

__all__ = ["thread_discrepancies"]


def thread_discrepancies(corpus=None, **tables) -> pd.DataFrame:
    """Disagreements between articles of different stories of one thread.

    Args:
        corpus: A :class:`workbench.Corpus` (its ``stories`` with ``thread_id``, ``articles``,
            ``sentences``, ``entities``, ``sources``, ``quotes``, ``timexes``, ``alignments``
            and ``publication_dates`` are used).
        **tables: The same tables by name, to run without a corpus or to override one.

    Returns:
        The ``thread_discrepancies`` table: one row per (disagreement, article that gives a
        value), for facts whose values come from two or more stories of the thread (within one
        story they are in ``discrepancies``); ``story_id`` is the article's own story. Sorted
        by salience.
    """
    t = tables_of(corpus, tables)
    stories = t["stories"]
    if "thread_id" not in stories or not len(stories):
        return schema.empty_frame("thread_discrepancies")
    per_thread = stories.groupby("thread_id")["story_id"].nunique()
    threads = per_thread[per_thread >= 2].index
    if not len(threads):
        return schema.empty_frame("thread_discrepancies")
    outlets = dict(zip(t["articles"]["article_id"], t["articles"]["outlet"], strict=True))
    published = published_dates(t)
    story_of = dict(zip(stories["article_id"], stories["story_id"], strict=True))
    rows: list[dict] = []
    for tid in threads:
        in_thread = stories[stories["thread_id"] == tid]
        members = in_thread["article_id"].unique().tolist()
        part = {n: t[n][t[n]["article_id"].isin(members)] for n in ANNOTATION_TABLES}
        # copies of one sentence in two stories of the thread line up too
        whole = in_thread.drop_duplicates("article_id").assign(story_id=tid)
        part["alignments"] = align_stories(whole, part["sentences"])
        claims = schema.coerce(claim_records(tid, members, part, outlets, published,
                                              story_of=story_of), "claims")
        sents = sentence_lookup(part["sentences"])
        n = 0
        for d in fact_relations(claims, members):
            if len({story_of[a] for a in d["values"]}) < 2:
                continue  # within one story: already in discrepancies
            did = f"{tid}:t{n:03d}"
            n += 1
            for aid, r in d["values"].items():
                sid = int(r.sentence_id)
                rows.append({
                    "thread_id": tid, "discrepancy_id": did, "fact_id": d["fact_id"],
                    "kind": d["kind"], "relation": d["relation"], "salience": d["salience"],
                    "subject": d["subject"], "story_id": story_of[aid], "article_id": aid,
                    "outlet": outlets.get(aid), "value_text": r.value_text,
                    "value_norm": r.value_norm, "sentence_id": sid,
                    "start_char": int(r.start_char), "end_char": int(r.end_char),
                    "evidence_text": sents.get((aid, sid), (None, 0))[0],
                    "as_of": r.as_of if pd.notna(r.as_of) else None,
                })
    out = schema.coerce(rows, "thread_discrepancies")
    return out.sort_values(["salience", "thread_id", "discrepancy_id"],
                           ascending=[False, True, True], kind="stable", ignore_index=True)
