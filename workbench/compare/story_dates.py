"""Cross-article refinement of publication dates, and re-anchoring of relative expressions.

Articles of one story are published close together: a page whose own evidence only gives an
interval ("said on Thursday", copyright 2021, a future "from March 15") is narrowed by the dated
articles of its story, and, where both report the same weekday phrase ("said on Thursday"), to
the week that starts on the sibling's resolved weekday. The page's relative expressions are then
resolved again against the refined date (:func:`reanchor_timexes`).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from workbench import schema
from workbench.annotate import dates as _dates
from workbench.annotate.pubdate import infer_publication_date
from workbench.annotate.timex import parse_timex

__all__ = ["reanchor_timexes", "refine_publication_dates"]

#: Widest span (days) of a story's dated articles within which a weekday they share is one day.
_ONE_WEEK_DAYS = 6

#: Sources of a publication date that other articles may lean on.
_DATED_SOURCES = {"manifest", "record", "html-meta", "url", "warc", "text"}


def _d(value) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _is_dated(row) -> bool:
    return (
        _d(row.get("published_date")) is not None
        and row.get("published_date_source") in _DATED_SOURCES
        and (row.get("published_date_precision") in {None, "day"}
             or pd.isna(row.get("published_date_precision")))
    )


def _weekday_dates(timexes: pd.DataFrame | None, article_id: str) -> dict[int, date]:
    """Past weekday phrases of a dated article: weekday -> the date it resolved to.

    ``timexes`` may hold every article's rows or only this article's.
    """
    out: dict[int, date] = {}
    if timexes is None or timexes.empty:
        return out
    rows = timexes[(timexes["article_id"] == article_id)
                   & (timexes["granularity"] == "day")
                   & timexes["direction"].isin(["past", "none", "present"])]
    for row in rows.itertuples():
        form = parse_timex(row.timex_text)
        if form is None or form.kind != "weekday" or form.parts.get("force_direction"):
            continue
        d = _d(row.start_date)
        if d is not None:
            out.setdefault(form.parts["weekday"], d)
    return out


def _weekdays_of(timexes: pd.DataFrame | None, article_id: str) -> set[int]:
    if timexes is None or timexes.empty:
        return set()
    out = set()
    rows = timexes[(timexes["article_id"] == article_id)
                   & timexes["direction"].isin(["past", "none", "present"])]
    for text in rows["timex_text"]:
        form = parse_timex(text)
        if form is not None and form.kind == "weekday" and not form.parts.get("force_direction"):
            out.add(form.parts["weekday"])
    return out


def refine_publication_dates(
    publication_dates: pd.DataFrame,
    stories: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    timexes: pd.DataFrame | None = None,
    max_lead_days: int = 2,
    max_lag_days: int = 7,
) -> pd.DataFrame:
    """Narrow undated articles' publication dates with the dated articles of their story.

    Args:
        publication_dates: One row per article (``publication_dates`` table).
        stories: One row per (story_id, article_id).
        articles: The ``articles`` table; when given, the page's own evidence is re-scored
            inside the narrowed window (best estimate, interval, evidence).
        timexes: The ``timexes`` table; weekday phrases shared with a dated sibling narrow the
            window to the week starting on the sibling's resolved weekday.
        max_lead_days: How many days before its earliest dated sibling an article may appear.
        max_lag_days: How many days after its latest dated sibling an article may appear.

    Returns:
        A new ``publication_dates`` frame (one row per article); refined rows keep
        ``published_date_source`` ``inferred`` and name the sibling article in ``evidence``.
    """
    out = publication_dates.copy()
    if out.empty or stories is None or stories.empty:
        return schema.coerce(out.to_dict("records"), "publication_dates")
    by_id = {r["article_id"]: r for r in out.to_dict("records")}
    records = {}
    if articles is not None and not articles.empty:
        records = {r["article_id"]: r for r in articles.to_dict("records")}
    # timexes split by article once: per-article lookups stay linear in the corpus size
    by_article: dict[str, pd.DataFrame] = {}
    if timexes is not None and not timexes.empty:
        by_article = dict(tuple(timexes.groupby("article_id", sort=False)))
    empty = timexes.iloc[:0] if timexes is not None else None
    for _, members in stories.groupby("story_id"):
        ids = [a for a in members["article_id"] if a in by_id]
        dated = [a for a in ids if _is_dated(by_id[a])]
        if not dated:
            continue
        for aid in ids:
            if aid in dated:
                continue
            row = by_id[aid]
            if row.get("published_date_source") not in {None, "inferred"} and not pd.isna(
                row.get("published_date_source")
            ):
                continue
            local = None
            if timexes is not None:
                local = pd.concat([by_article.get(a, empty) for a in [aid, *dated]])
            by_id[aid] = _refine_one(row, [by_id[d] for d in dated], records.get(aid), local,
                                     max_lead_days, max_lag_days)
    return schema.coerce(list(by_id.values()), "publication_dates")


def _refine_one(row: dict, siblings: list[dict], record: dict | None,
                timexes: pd.DataFrame | None, lead: int, lag: int) -> dict:
    sib_dates = sorted((_d(s["published_date"]), s["article_id"]) for s in siblings)
    first, first_id = sib_dates[0]
    last, _ = sib_dates[-1]
    w_lo, w_hi = first - timedelta(days=lead), last + timedelta(days=lag)
    words = [f"same story as article {sid} dated {d.isoformat()}" for d, sid in sib_dates[:3]]
    own_weekdays = _weekdays_of(timexes, row["article_id"])
    # a weekday both report is one day only where the story's dated articles agree on it and
    # fall within one week: over a longer story "Tuesday" may be any of several Tuesdays
    told: dict[int, dict[date, str]] = {}
    for sib in siblings:
        for wd, d in _weekday_dates(timexes, sib["article_id"]).items():
            if wd in own_weekdays:
                told.setdefault(wd, {}).setdefault(d, sib["article_id"])
    if (last - first).days <= _ONE_WEEK_DAYS:
        for days in told.values():
            if len(days) != 1:
                continue
            (d, sid), = days.items()
            if w_lo <= d <= w_hi:
                w_lo, w_hi = max(w_lo, d), min(w_hi, d + timedelta(days=6))
                words.append(f"both report '{d:%A}'; in article {sid} it is {d.isoformat()}")
                break
    if record is not None:
        own = timexes[timexes["article_id"] == row["article_id"]].to_dict("records") \
            if timexes is not None and not timexes.empty else []
        rec = {**record, "published_date": None}
        new = infer_publication_date(rec, own, window=(w_lo, w_hi), extra_evidence=words,
                                     prefer=first)
        return {**row, **new}
    lo = _d(row.get("earliest_date"))
    hi = _d(row.get("latest_date"))
    lo = max(lo, w_lo) if lo else w_lo
    hi = min(hi, w_hi) if hi else w_hi
    if lo > hi:
        return {**row, "evidence": f"{row.get('evidence') or ''}; other articles of the story "
                                   "disagree: kept the page's own interval"}
    best = _d(row.get("published_date"))
    if best is None or not lo <= best <= hi:
        best = min(max(first, lo), hi)
    return {**row, "published_date": pd.Timestamp(best), "published_date_source": "inferred",
            "published_date_precision": "day", "earliest_date": pd.Timestamp(lo),
            "latest_date": pd.Timestamp(hi),
            "confidence": 0.6 if (hi - lo).days <= 7 else 0.4,
            "evidence": "; ".join([x for x in [row.get("evidence")] if isinstance(x, str)]
                                  + words)}


def reanchor_timexes(
    timexes: pd.DataFrame,
    publication_dates: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Resolve relative expressions again against (refined) inferred publication dates.

    Rows of articles with a stated ``published_date`` (in ``articles``) or anchored on their
    own dateline are left alone. Otherwise the anchor is, in order: the article's dateline date
    once the refined window tells its year, the refined publication date when it is a single
    day (earliest = latest), else every day of the refined window
    (:func:`workbench.annotate.dates.resolve_in_window`); a window wider than
    :data:`workbench.annotate.dates.MAX_WINDOW_DAYS` leaves the page's own rows.

    Args:
        timexes: One row per (article_id, timex_id).
        publication_dates: One row per article, e.g. from :func:`refine_publication_dates`.
        articles: The ``articles`` table, to skip articles whose date is stated.

    Returns:
        A new ``timexes`` frame with the same rows and ids.
    """
    if timexes.empty:
        return schema.coerce([], "timexes")
    stated = set()
    if articles is not None and "published_date" in articles:
        stated = set(articles.loc[articles["published_date"].notna(), "article_id"])
    pub = publication_dates[~publication_dates["article_id"].isin(stated)]
    plans = {}
    for row in pub.to_dict("records"):
        window = _dates.publication_window(row)
        day = _dates.single_day(row)
        if window is not None or day is not None:
            plans[row["article_id"]] = (day, window)
    mask = timexes["article_id"].isin(plans.keys())
    if not mask.any():
        return timexes
    out: list[dict] = []
    changed: set[str] = set()
    for aid, rows in timexes[mask].sort_values(["article_id", "timex_id"]).groupby(
            "article_id", sort=False):
        records = rows.to_dict("records")
        if any(r["anchor_source"] == "dateline" for r in records):
            continue  # anchored on its own dateline: nothing refined beats it
        day, window = plans[aid]
        line = _dates.dateline_row(records)
        filed = _dates.dateline_day(parse_timex(records[line]["timex_text"]), window) \
            if line is not None and window is not None else None
        if filed is not None:
            anchor, source = filed, "dateline"
        elif day is not None:
            anchor, source = day, "inferred_published_date"
        else:
            anchor, source = None, _dates.WINDOW_SOURCE
        if _already(records, anchor, source, window):
            continue
        out.extend(_dates.reanchor_timex_rows(records, anchor, source, window=window))
        changed.add(aid)
    if not changed:
        return timexes
    redone = schema.coerce(out, "timexes")
    keep = ~timexes["article_id"].isin(changed)
    merged = pd.concat([timexes[keep], redone], ignore_index=True)
    return merged.sort_values(["article_id", "timex_id"], kind="stable").reset_index(drop=True)


def _already(records: list[dict], anchor: date | None, source: str,
             window: tuple[date, date] | None) -> bool:
    """True when the rows were resolved against this anchor (or window) already."""
    used = {(r["anchor_source"], _d(r["anchor_date"])) for r in records
            if r["anchor_source"] not in {"none", "previous_timex"}}
    if anchor is not None:
        return used == {(source, anchor)}
    span = f"{window[0].isoformat()}..{window[1].isoformat()}"
    return bool(used) and all(s == _dates.WINDOW_SOURCE for s, _ in used) and all(
        isinstance(r["note"], str) and span in r["note"] for r in records if r["anchor_source"] == _dates.WINDOW_SOURCE)
