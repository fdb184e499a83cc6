"""Self-checking benchmark of how relative dates are anchored on undated pages.

Real dated articles are their own gold: each article's relative expressions ("on Monday",
"yesterday", "last week", "this month") are resolved once with the true publication date (the
reference), then again with the date withheld (no ``published_date``, no URL): the page alone,
and the page with the dated articles of its event as story siblings (refined publication date,
then re-anchoring, as ``Corpus.timexes`` does). An undated resolution is *right* when its
interval holds the reference interval (the reference day itself, or an honest interval around
it), and *wrong* when it names a single day (or one period no wider than the reference's) that
is not the reference: the error a reader cannot see.

Gold files are read in place (``../shared/corpora``); nothing from them is copied.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["AnchoringScores", "anchoring_rows", "load_giveme5w1h", "score_anchoring"]


def load_giveme5w1h(path: str | Path) -> list[dict]:
    """Article records of Giveme5W1H's news clusters with their publication date.

    Returns:
        One dict per English article with a ``date_publish``: ``article_id``, ``event_id``,
        ``text``, ``url``, ``published_date`` (a day ``Timestamp``).
    """
    out = []
    with open(path, encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            day = pd.to_datetime(r.get("date_publish"), errors="coerce")
            if pd.isna(day) or not r.get("text") or r.get("language", "en") != "en":
                continue
            out.append({"article_id": r["id"], "event_id": int(r["event_id"]), "text": r["text"],
                        "url": r.get("url"), "language": "en",
                        "published_date": day.normalize()})
    return out


def _relative(text: str) -> bool:
    from workbench.annotate.timex import parse_timex

    form = parse_timex(text)
    return form is not None and form.is_relative


def anchoring_rows(records: list[dict], nlp) -> pd.DataFrame:
    """Resolve every article's relative expressions dated, undated, and undated with siblings.

    Args:
        records: From :func:`load_giveme5w1h` (``event_id`` groups the story siblings).
        nlp: The spaCy pipeline.

    Returns:
        One row per (article_id, timex_id) of a relative expression the reference anchors on
        the publication date with a closed interval: ``event_id``, ``timex_text``,
        ``granularity``, the reference ``start_date``/``end_date``, and per variant
        (``alone``, ``story``) its ``<variant>_start``, ``<variant>_end``,
        ``<variant>_anchor_source`` and ``<variant>_is_ambiguous``. ``story_*`` is missing for
        an article without siblings.
    """
    from workbench import schema
    from workbench.annotate import doc_tables as _parse
    from workbench.annotate.dates import extract_dates
    from workbench.compare.story_dates import reanchor_timexes, refine_publication_dates

    parsed: dict[str, dict] = {}
    docs = ((_parse.make_doc(nlp, r["text"]), r) for r in records)
    for doc, rec in nlp.pipe(docs, as_tuples=True, batch_size=16):
        sentences = _parse.sentence_rows(doc)
        dated = {**rec, "published_date_source": "record", "published_date_precision": "day"}
        ref, ref_pub = extract_dates(doc, dated, sentences)
        undated = {**rec, "published_date": None, "url": None}
        alone, alone_pub = extract_dates(doc, undated, sentences)
        aid = rec["article_id"]
        parsed[aid] = {"rec": rec, "undated": undated,
                       "ref": [{"article_id": aid, **r} for r in ref],
                       "ref_pub": {"article_id": aid, **ref_pub},
                       "alone": [{"article_id": aid, **r} for r in alone],
                       "alone_pub": {"article_id": aid, **alone_pub}}
    by_event: dict[int, list[str]] = {}
    for aid, p in parsed.items():
        by_event.setdefault(p["rec"]["event_id"], []).append(aid)
    out = []
    for aid, p in parsed.items():
        siblings = [s for s in by_event[p["rec"]["event_id"]] if s != aid]
        story = None
        if siblings and p["alone"]:
            members = [aid, *siblings]
            pubs = schema.coerce([p["alone_pub"]] + [parsed[s]["ref_pub"] for s in siblings],
                                 "publication_dates")
            stories = pd.DataFrame({"story_id": "s", "article_id": members})
            articles = pd.DataFrame([p["undated"]] + [parsed[s]["rec"] for s in siblings])
            timexes = schema.coerce(p["alone"] + [r for s in siblings for r in parsed[s]["ref"]],
                                    "timexes")
            refined = refine_publication_dates(pubs, stories, articles=articles,
                                               timexes=timexes)
            own = schema.coerce(p["alone"], "timexes")
            story = reanchor_timexes(own, refined, articles=articles).to_dict("records")
        for i, ref in enumerate(p["ref"]):
            if ref["anchor_source"] != "published_date" or pd.isna(ref["start_date"]) or \
                    pd.isna(ref["end_date"]) or not _relative(ref["timex_text"]):
                continue
            row = {"article_id": aid, "event_id": p["rec"]["event_id"], "timex_id": i,
                   "timex_text": ref["timex_text"], "granularity": ref["granularity"],
                   "start_date": ref["start_date"], "end_date": ref["end_date"]}
            for name, rows in (("alone", p["alone"]), ("story", story)):
                got = rows[i] if rows is not None else {}
                row[f"{name}_start"] = got.get("start_date")
                row[f"{name}_end"] = got.get("end_date")
                row[f"{name}_anchor_source"] = got.get("anchor_source")
                row[f"{name}_is_ambiguous"] = got.get("is_ambiguous")
            out.append(row)
    frame = pd.DataFrame(out)
    for col in ("start_date", "end_date", "alone_start", "alone_end", "story_start", "story_end"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col])
    return frame


@dataclass
class AnchoringScores:
    """Shares over the relative expressions of one variant (``alone`` or ``story``)."""

    variant: str
    expressions: int = 0
    articles: int = 0
    right: int = 0
    exact: int = 0
    wrong_single: int = 0
    wrong_interval: int = 0
    unresolved: int = 0
    interval_days: list = field(default_factory=list)

    @property
    def right_share(self) -> float:
        """Share whose undated interval holds the reference interval."""
        return self.right / self.expressions if self.expressions else 0.0

    @property
    def wrong_single_share(self) -> float:
        """Share resolved to a single day (or one period) that is not the reference."""
        return self.wrong_single / self.expressions if self.expressions else 0.0

    def as_dict(self) -> dict:
        """Counts and shares, rounded for printing."""
        widths = pd.Series(self.interval_days, dtype=float)
        return {"variant": self.variant, "expressions": self.expressions,
                "articles": self.articles, "right": self.right, "exact": self.exact,
                "wrong_single": self.wrong_single, "wrong_interval": self.wrong_interval,
                "unresolved": self.unresolved, "right_share": round(self.right_share, 3),
                "exact_share": round(self.exact / self.expressions, 3) if self.expressions
                else 0.0,
                "wrong_single_share": round(self.wrong_single_share, 3),
                "median_right_days": float(widths.median()) if len(widths) else None}


def score_anchoring(rows: pd.DataFrame, variant: str,
                    events: Iterable[int] | None = None) -> AnchoringScores:
    """Score one variant of :func:`anchoring_rows`, optionally on some events only.

    Rows of the ``story`` variant without siblings are left out of its count.
    """
    if events is not None:
        rows = rows[rows["event_id"].isin(set(events))]
    if variant == "story":
        rows = rows[rows["story_anchor_source"].notna()]
    s = AnchoringScores(variant, len(rows), rows["article_id"].nunique() if len(rows) else 0)
    for r in rows.itertuples():
        lo, hi = getattr(r, f"{variant}_start"), getattr(r, f"{variant}_end")
        if pd.isna(lo) or pd.isna(hi):
            s.unresolved += 1
        elif lo <= r.start_date and r.end_date <= hi:
            s.right += 1
            s.exact += bool(lo == r.start_date and hi == r.end_date)
            s.interval_days.append((hi - lo).days + 1)
        elif (hi - lo) <= (r.end_date - r.start_date):
            s.wrong_single += 1
        else:
            s.wrong_interval += 1
    return s
