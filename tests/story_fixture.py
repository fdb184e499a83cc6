"""Hand-built comparison tables for view/widget tests and the widget benchmark.

A synthetic corpus (text written here, not taken from any dataset) with one or more stories:
shared wire sentences, edited copies, unique passages, a planted count discrepancy, sources and
dates, in exactly the documented schema.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from workbench import schema

XSS_TEXT = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


def build_corpus(
    n_stories: int = 2, n_articles: int = 3, n_sentences: int = 6, *, payload: str = ""
) -> SimpleNamespace:
    """Return an object with the Corpus table attributes, every table schema-valid."""
    arts, sents, stories, aligns, discs, srcs, tx = [], [], [], [], [], [], []
    for s in range(n_stories):
        sid = f"story-{s}"
        ids = [f"s{s}a{a:03d}" for a in range(n_articles)]
        for a, aid in enumerate(ids):
            texts = []
            for k in range(n_sentences):
                if k == 1:
                    txt = f"Officials said {a % 3 + 2} people were hurt in event {s}."
                elif k == n_sentences - 1 and a % 2:
                    txt = f"Outlet {a} alone adds this local detail about event {s}. {payload}"
                else:
                    txt = f"Shared wire sentence {k} about event {s} with several words."
                texts.append(txt)
            text = "\n\n".join(texts)
            arts.append({"article_id": aid, "outlet": f"Outlet {a}", "headline": f"Event {s} {payload}",
                         "byline": f"Reporter {a} {payload}", "text": text, "word_count": len(text.split()),
                         "published_date": pd.Timestamp("2021-03-04") + pd.Timedelta(hours=6 * a)})
            stories.append({"story_id": sid, "article_id": aid, "story_label": f"Event {s}",
                            "membership_confidence": 0.9})
            pos = 0
            for k, txt in enumerate(texts):
                sents.append({"article_id": aid, "sentence_id": k, "paragraph_id": k,
                              "start_char": pos, "end_char": pos + len(txt), "sentence_text": txt})
                if k == 1:
                    num = txt.index("people") - 2
                    discs.append({"story_id": sid, "discrepancy_id": f"{sid}-d0", "kind": "count",
                                  "difference": "conflict", "subject": "people hurt",
                                  "article_id": aid, "outlet": f"Outlet {a}",
                                  "value_text": txt[num], "value_norm": txt[num], "sentence_id": k,
                                  "start_char": pos + num, "end_char": pos + num + 1,
                                  "evidence_text": txt})
                    srcs.append({"article_id": aid, "source_id": 0, "sentence_id": k,
                                 "start_char": pos, "end_char": pos + 9, "source_text": "Officials",
                                 "source_kind": "anonymous", "is_anonymous": True,
                                 "source_count": None, "is_plural": True, "cue": "said",
                                 "is_on_record": False, "source_key": "officials"})
                    tx.append({"article_id": aid, "timex_id": 0, "sentence_id": k,
                               "start_char": pos, "end_char": pos + 5, "timex_text": f"March {15 + a % 3}",
                               "timex_type": "DATE", "value": f"2021-03-{15 + a % 3}",
                               "start_date": pd.Timestamp(f"2021-03-{15 + a % 3}"),
                               "end_date": pd.Timestamp(f"2021-03-{15 + a % 3}"), "granularity": "day"})
                pos += len(txt) + 2
            for b, other in enumerate(ids):
                if other == aid:
                    continue
                for k in range(n_sentences):
                    unique = k == n_sentences - 1 and a % 2
                    kind = "unique" if unique else ("edited" if k == 1 else "identical")
                    aligns.append({"story_id": sid, "article_id": aid, "sentence_id": k,
                                   "other_article_id": other,
                                   "other_sentence_id": None if unique else k,
                                   "alignment_type": kind, "similarity": 1.0 if kind == "identical" else 0.8,
                                   "diff": f"[-{b % 3 + 2}-] {{+{a % 3 + 2}+}}" if kind == "edited" else None,
                                   "fact_id": None if unique else f"{sid}-f{k}"})
    sources = schema.coerce(srcs, "sources")
    timexes = schema.coerce(tx, "timexes")
    story_of = {r["article_id"]: r["story_id"] for r in stories}
    outlet_of = {r["article_id"]: r["outlet"] for r in arts}
    story_sources = sources.assign(
        story_id=sources["article_id"].map(story_of), outlet=sources["article_id"].map(outlet_of),
        story_source_key=lambda d: d["story_id"] + ":officials",
        mention_count=1, cited_by_count=n_articles,
    ).loc[:, schema.TABLES["story_sources"]]
    story_dates = timexes.assign(
        story_id=timexes["article_id"].map(story_of), outlet=timexes["article_id"].map(outlet_of),
        subject="date: event",
    ).loc[:, schema.TABLES["story_dates"]]
    return SimpleNamespace(
        story_sources=story_sources,
        story_dates=story_dates,
        articles=pd.DataFrame(arts),
        sentences=schema.coerce(sents, "sentences"),
        stories=schema.coerce(stories, "stories"),
        alignments=schema.coerce(aligns, "alignments"),
        discrepancies=schema.coerce(discs, "discrepancies"),
        sources=sources,
        timexes=timexes,
    )
