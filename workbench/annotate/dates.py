"""Temporal expressions and publication dates of one parsed article.

``extract_dates(doc, article, sentences)`` finds every temporal expression
(:mod:`workbench.annotate.timex_spans`), reads the tense that governs it, infers the publication
date when the page states none (:mod:`workbench.annotate.pubdate`), and resolves each expression
against the article's anchor (:mod:`workbench.annotate.timex`) to a TIMEX3 value and an interval.

The anchor of relative expressions ("on Monday", "yesterday", "this month") is the article's own
stated publication date, else the date of its own dateline ("TOKYO, March 3 (Reuters) -"), else
an inferred publication date only when the inference is a single day. Without such an anchor
they are resolved over every day of the publication window (earliest to latest plausible date,
at most :data:`MAX_AGREEMENT_DAYS` days): one day where every possible publication day agrees,
else the interval they span (in a window of at most :data:`MAX_WINDOW_DAYS` days), flagged
ambiguous. A guessed day (a background year, a best estimate in a week-wide window) is never an
anchor, and the dateline date is the filing day, never the date of a happening reported after
it.

The rows keep ``timex_text`` and ``direction``, which is all :func:`reanchor_timex_rows` needs to
resolve them again once a better publication date is known (cross-article refinement).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pandas as pd

from workbench.annotate import pubdate as _pubdate
from workbench.annotate.timex import Resolved, TimexForm, parse_timex, resolve_timex
from workbench.annotate.timex_spans import Candidate, find_timexes, governing_direction
from workbench.clean.meta import find_dateline

__all__ = [
    "DATELINE_NOTE",
    "MAX_AGREEMENT_DAYS",
    "MAX_WINDOW_DAYS",
    "WINDOW_SOURCE",
    "choose_anchor",
    "dateline_day",
    "dateline_index",
    "extract_dates",
    "publication_date_row",
    "dateline_row",
    "publication_window",
    "reanchor_timex_rows",
    "resolve_candidates",
    "resolve_in_window",
    "single_day",
]


def _as_date(value) -> date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def _ts(d: date | None):
    return pd.Timestamp(d) if d is not None else None


#: ``anchor_source`` of rows resolved against every day of a publication window.
WINDOW_SOURCE = "publication_window"
#: Widest publication window (days) over which an expression the days disagree on becomes the
#: interval they span; in a wider one it stays unresolved.
MAX_WINDOW_DAYS = 31
#: Widest publication window (days) whose days relative expressions are resolved against at
#: all (only where every day agrees, beyond MAX_WINDOW_DAYS); a wider one (a copyright year, a
#: background year) leaves them unresolved.
MAX_AGREEMENT_DAYS = 366
#: The note that marks an article's own dateline date ("TOKYO, March 3 (Reuters) -").
DATELINE_NOTE = "dateline: the day the report was filed, the anchor of its relative dates"


def single_day(pubdate_row: dict | None) -> date | None:
    """The inferred publication date when the inference is one day (earliest = latest)."""
    if pubdate_row is None:
        return None
    day = _as_date(pubdate_row.get("published_date"))
    lo, hi = _as_date(pubdate_row.get("earliest_date")), _as_date(pubdate_row.get("latest_date"))
    return day if day is not None and lo == hi == day else None


def publication_window(pubdate_row: dict | None) -> tuple[date, date] | None:
    """The (earliest, latest) publication dates of a row, or ``None`` when open or too wide."""
    if pubdate_row is None:
        return None
    lo, hi = _as_date(pubdate_row.get("earliest_date")), _as_date(pubdate_row.get("latest_date"))
    if lo is None or hi is None or hi < lo or (hi - lo).days >= MAX_AGREEMENT_DAYS:
        return None
    return lo, hi


def choose_anchor(article: dict, pubdate_row: dict | None = None,
                  dateline_day: date | None = None) -> tuple[date | None, str]:
    """Return (anchor date, anchor source) for an article: a day-precise anchor or none.

    The stated ``published_date`` first, then the date of the article's own dateline
    (``dateline_day``), then the inferred publication date (from ``pubdate_row``) only when the
    inference is a single day; ``(None, "none")`` otherwise: relative expressions are then
    resolved over the publication window (:func:`resolve_in_window`), never against a guess.
    """
    stated = _as_date(article.get("published_date"))
    if stated is not None:
        return stated, "published_date"
    if dateline_day is not None:
        return dateline_day, "dateline"
    inferred = single_day(pubdate_row)
    if inferred is not None:
        return inferred, "inferred_published_date"
    return None, "none"


def dateline_index(text: str, candidates: list[Candidate]) -> int | None:
    """The candidate that is the date of the article's opening dateline, if it has one."""
    hit = find_dateline(text)
    if hit is None:
        return None
    end = text.find(hit[1]) + len(hit[1])
    for i, cand in enumerate(candidates):
        if cand.core_start >= end:
            break
        form = cand.form
        if form is not None and form.kind == "date" and form.parts.get("day") and \
                form.parts.get("month") and form.signal is None:
            return i
    return None


def dateline_day(form: TimexForm, window: tuple[date, date] | None) -> date | None:
    """The day a dateline date names: its own year, or the one such day in the window."""
    p = form.parts
    if p.get("year"):
        res = _safe_resolve(form, None, "none", None)
        return res.start_date if res.granularity == "day" else None
    if window is None:
        return None
    lo, hi = window
    days = [d for y in range(lo.year, hi.year + 1)
            if (d := _valid_date(y, p["month"], p["day"])) is not None and lo <= d <= hi]
    return days[0] if len(days) == 1 else None


def _valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_in_window(
    text: str,
    candidates: list[Candidate],
    directions: list[str],
    window: tuple[date, date],
    sentences: list[dict] | None = None,
    *,
    dateline: int | None = None,
) -> list[dict]:
    """Resolve expressions with no day-precise anchor: over every day of the publication window.

    Each expression is resolved against every possible publication day. Where all agree ("on
    Thursday" when the window starts on a Thursday and ends before the next), the row is that
    day; where they differ it is the interval they span ("Monday": from the first to the last
    Monday the window allows), flagged ambiguous with a note, instead of one guessed day. In a
    window wider than :data:`MAX_WINDOW_DAYS` such an interval says nothing: the row then stays
    unresolved, as without an anchor.

    Returns:
        Row dicts as :func:`resolve_candidates` gives them.
    """
    lo, hi = window
    span = f"{lo.isoformat()}..{hi.isoformat()}"
    base = resolve_candidates(text, candidates, directions, None, "none", sentences,
                              dateline=dateline)
    per_day = [resolve_candidates(text, candidates, directions, lo + timedelta(days=n),
                                  WINDOW_SOURCE, sentences, dateline=dateline)
               for n in range((hi - lo).days + 1)]
    out = []
    for i, row in enumerate(base):
        options = [rows[i] for rows in per_day]
        first = options[0]
        if all(o["start_date"] == first["start_date"] and o["end_date"] == first["end_date"]
               and o["value"] == first["value"] for o in options):
            new = dict(first)
            if new["anchor_source"] == WINDOW_SOURCE:
                new["anchor_date"] = None
                new["note"] = _join_note(new["note"], "the same for every publication day "
                                                      f"of the window {span}")
            out.append(new)
            continue
        if (hi - lo).days >= MAX_WINDOW_DAYS:
            out.append({**row, "note": _join_note(row["note"], "no day-precise anchor; the "
                                                  f"publication window {span} is too wide")})
            continue
        starts = [o["start_date"] for o in options]
        ends = [o["end_date"] for o in options]
        new = dict(first)
        new.update(
            value=row["value"],
            start_date=None if any(s is None for s in starts) else min(starts),
            end_date=None if any(e is None for e in ends) else max(ends),
            anchor_date=None, anchor_source=WINDOW_SOURCE, is_ambiguous=True,
            note=f"no day-precise anchor: the span of what it names for every publication "
                 f"day of the window {span}")
        out.append(new)
    return out


def resolve_candidates(
    text: str,
    candidates: list[Candidate],
    directions: list[str],
    anchor: date | None,
    anchor_source: str,
    sentences: list[dict] | None = None,
    *,
    dateline: int | None = None,
) -> list[dict]:
    """Resolve found expressions against an anchor: one timex row per expression.

    Args:
        text: The article's clean text.
        candidates: From :func:`workbench.annotate.timex_spans.find_timexes`.
        directions: Tense per candidate (``past``/``future``/``present``/``none``).
        anchor: Anchor date, or ``None``.
        anchor_source: What the anchor is (``published_date``, ``inferred_published_date``...).
        sentences: Sentence rows of the article, to key each expression to its sentence.
        dateline: Index of the candidate that is the article's dateline date
            (:func:`dateline_index`): the day the report was filed, so it is not the day a
            later "that day" or "at 10 a.m." refers to.

    Returns:
        Row dicts with the ``timexes`` columns except ``article_id``.
    """
    starts = [s["start_char"] for s in sentences] if sentences else []
    rows: list[dict] = []
    previous: date | None = None
    last_quarter: Resolved | None = None
    any_quarter: Resolved | None = None
    previous_year: int | None = None
    previous_year_end = 0
    # the day each verb's event was dated at ("was shot to death last Oct. 23": shoot)
    verb_day: dict[str, date] = {}
    # the last month (or day, or week) mentioned, and whether it came after the last quarter
    previous_month: date | None = None
    month_is_latest = False
    # the last expression, when it named a month or a year ("last October"): "that same day"
    # is then a day of it, not the last day mentioned before it
    coarse: Resolved | None = None
    for i, (cand, direction) in enumerate(zip(candidates, directions)):
        form = cand.form
        if form is None:
            res = Resolved("DATE", None, note="not normalized")
            relative = False
        else:
            res = _safe_resolve(form, anchor, direction, previous)
            ahead = _event_offset_day(text, candidates[i + 1], verb_day) \
                if _is_bare_clock(form) and i + 1 < len(candidates) and \
                text[cand.core_end:candidates[i + 1].core_start].isspace() else None
            if ahead is not None:
                # "at 6 a.m. ten days before the shooting" (the shooting dated before): that day
                res = _safe_resolve(form, anchor, direction, ahead)
                res = replace(res, note="clock time of the day counted from an event dated "
                                        "before")
            elif _is_bare_clock(form) and cand.verb in verb_day and \
                    verb_day[cand.verb] != previous:
                # "shot to death last Oct. 23 ... [later] was shot to death at 10 p.m.": the
                # clock time of an event dated before, not of the date mentioned last
                res = _safe_resolve(form, anchor, direction, verb_day[cand.verb])
                res = replace(res, note="clock time of an event dated before (same verb)")
            relative = form.is_relative or form.signal == "since"
            if _is_the_day(form) and coarse is not None and _THAT_DAY.search(
                    text[cand.core_start:cand.core_end]):
                # "killed last October ... crossed out that same day": a day of that month
                res = Resolved("DATE", f"{coarse.value}-XX" if coarse.granularity == "month"
                               else f"{coarse.value}-XX-XX", coarse.start_date, coarse.end_date,
                               coarse.granularity, True, "a day of the period mentioned before",
                               True)
            elif _is_the_day(form):
                res = _the_day(text, i, candidates, directions, anchor, previous, res)
            month_rel = _month_relative(form, month_is_latest)
            if month_rel is not None and previous_month is not None:
                # "the following month", "the same month a year ago", "compared to the same
                # period last year" after "in February": counted from the month mentioned
                res = _from_month(month_rel, previous_month, direction)
            elif last_quarter is not None and _is_year_ago(form):
                res = _year_ago_quarter(last_quarter, res)
            elif _is_that(form, "Q") and any_quarter is not None:
                res = replace(any_quarter, note="the quarter mentioned before", is_ambiguous=True)
            elif _is_the_quarter(form) and last_quarter is not None and \
                    not _ENDED_AFTER.match(text, cand.core_end):
                # "net fell in the third quarter ... expected 35 cents a share for the
                # quarter": the definite article points back at the quarter being reported
                res = replace(last_quarter, note="the quarter reported before", is_ambiguous=True)
            elif previous_year is not None and (_is_that(form, "Y") or _is_the_year(form) and
                                                not _SENTENCE_END.search(
                                                    text, previous_year_end, cand.core_start)):
                # "that year", "later that year": the year mentioned before, not the anchor's
                res = _safe_resolve(form, date(previous_year, 7, 1), direction, None)
                res = replace(res, note=_join_note(res.note, "the year mentioned before"))
            elif form.kind == "relative" and form.parts.get("det") == "year before" and \
                    previous_year is not None:
                res = _safe_resolve(form, date(previous_year, 7, 1), direction, None)
                res = replace(res, note=_join_note(res.note, "the year before the one mentioned"))
            elif _is_year_period(form) and last_quarter is not None:
                q = (last_quarter.start_date.month - 1) // 3 + 1
                res = _safe_resolve(replace(form, parts={**form.parts, "n": q}), anchor,
                                    direction, previous)
            if i == dateline:
                res = replace(res, note=_join_note(res.note, DATELINE_NOTE))
            elif res.granularity == "quarter" and res.start_date is not None:
                any_quarter = res
                if not _is_year_ago(form) and form.parts.get("offset") != "year_ago" and \
                        not _is_year_period(form):
                    # a year-ago quarter is not the one the report is about
                    last_quarter = res
            if res.start_date is not None and i != dateline and (
                    (form.parts.get("year") and form.kind in {"date", "quarter", "season"})
                    or (form.kind in {"relative", "ago"} and form.parts.get("unit") == "Y"
                        and not _is_that(form, "Y"))):
                previous_year, previous_year_end = res.start_date.year, cand.core_end
        day = _day_of(res) if i != dateline else None
        if day is not None:
            previous = day
            if cand.verb is not None and form is not None and form.kind != "time":
                verb_day[cand.verb] = day
        if form is not None and form.kind not in {"duration", "set", "ref"} and \
                res.start_date is not None and i != dateline:
            if res.granularity in {"day", "time", "week", "month"} and not (
                    i > 0 and _ENDED_BETWEEN.fullmatch(
                        text, candidates[i - 1].core_end, cand.core_start)
                    and last_quarter is not None):
                # (the end date of "the third quarter ended Sept. 30" leaves the quarter as
                # the period a later "the same period last year" refers to)
                previous_month, month_is_latest = res.start_date, True
            elif res.granularity == "quarter":
                month_is_latest = False
            coarse = res if res.granularity in {"month", "year"} and \
                re.fullmatch(r"\d{4}(?:-\d{2})?", res.value or "") and \
                form.kind in {"date", "relative"} else None
        if res.uses_previous:
            a_date, a_src = previous, "previous_timex"
        elif relative and anchor is not None:
            a_date, a_src = anchor, anchor_source
        else:
            a_date, a_src = None, "none"
        idx = bisect.bisect_right(starts, cand.core_start) - 1
        rows.append(
            {
                "timex_id": len(rows),
                "sentence_id": sentences[idx]["sentence_id"] if idx >= 0 and sentences else None,
                "start_char": cand.start,
                "end_char": cand.end,
                "timex_text": text[cand.start:cand.end],
                "timex_type": res.timex_type,
                "value": res.value,
                "start_date": _ts(res.start_date),
                "end_date": _ts(res.end_date),
                "granularity": res.granularity,
                "anchor_date": _ts(a_date),
                "anchor_source": a_src,
                "direction": direction,
                "is_ambiguous": bool(res.is_ambiguous),
                "note": res.note,
            }
        )
    _one_day_per_weekday(rows, candidates, anchor)
    return rows


def _is_bare_weekday(form) -> bool:
    """A weekday named on its own ("Tuesday", "Tuesday morning", "Wednesday's ruling")."""
    p = form.parts if form is not None and form.kind == "weekday" else None
    return bool(p) and not (p.get("force_direction") or p.get("this") or p.get("next_week")
                            or p.get("from_previous"))


def _one_day_per_weekday(rows: list[dict], candidates: list[Candidate],
                         anchor: date | None) -> None:
    """One weekday name, one day: repeated bare mentions of it in an article are the same day.

    News style names a day by its weekday only within the week around the story's date, so an
    article that says "headed Tuesday" and "her first stop Tuesday morning" means one Tuesday.
    Tense can send the mentions to different weeks (the past-tense one back, the future one
    ahead); all of them then take the day most of them point to (on a tie, the one nearest the
    anchor), flagged as ambiguous.
    """
    if anchor is None:
        return
    by_day: dict[int, list[tuple[TimexForm, dict, date]]] = {}
    for cand, row in zip(candidates, rows):
        if _is_bare_weekday(cand.form) and row["start_date"] is not None and \
                row["anchor_source"] != "previous_timex":
            by_day.setdefault(cand.form.parts["weekday"], []).append(
                (cand.form, row, row["start_date"].date()))
    for mentions in by_day.values():
        days = [d for _, _, d in mentions]
        if len(set(days)) < 2:
            continue
        day = min(set(days), key=lambda d: (-days.count(d), abs((d - anchor).days), d))
        for form, row, own in mentions:
            if own == day:
                continue
            # read back from the day itself: the resolver writes the value (part of day too)
            res = _safe_resolve(form, day, "past", None)
            row.update(value=res.value, start_date=_ts(res.start_date),
                       end_date=_ts(res.end_date), is_ambiguous=True,
                       note=_join_note(row["note"], f"one {day:%A} per article: its mentions "
                                                    "read as one day"))


#: Years a pandas timestamp can hold (nanosecond datetime64).
_MIN_YEAR, _MAX_YEAR = 1678, 2261


def _safe_resolve(form, anchor, direction, previous) -> Resolved:
    """Resolve, keeping out-of-range results ("5000 years ago") as flagged rows without dates."""
    try:
        res = resolve_timex(form, anchor, direction=direction, previous=previous)
    except (ValueError, OverflowError):
        return Resolved(form.timex_type, None, is_ambiguous=True, note="outside the calendar")
    for d in (res.start_date, res.end_date):
        if d is not None and not _MIN_YEAR <= d.year <= _MAX_YEAR:
            return Resolved(res.timex_type, res.value, None, None, res.granularity, True,
                            "interval outside the representable date range")
    return res


def _is_year_ago(form) -> bool:
    p = form.parts
    if form.kind == "ago" and p.get("unit") == "Y" and p.get("n") == 1 and p.get("sign") == -1:
        return True
    return form.kind == "relative" and p.get("unit") == "Y" and p.get("offset") == -1 and \
        form.signal is None and form.mod is None and p.get("det") is None


_ENDED_BETWEEN = re.compile(r"\s+(?:that |which )?(?:ended|ending|ends)\s+", re.IGNORECASE)
#: "the quarter ended Sept. 30": the date that follows says which quarter it is.
_ENDED_AFTER = re.compile(r"\s+(?:that |which )?(?:ended|ending|ends|to end)\b", re.IGNORECASE)


def _is_the_quarter(form) -> bool:
    """True for "the quarter", "the period": a definite quarter with no step of its own."""
    p = form.parts
    return form.kind == "relative" and p.get("unit") == "Q" and p.get("det") == "the" and \
        form.mod is None and form.signal in _NEUTRAL_SIGNALS


_SENTENCE_END = re.compile(r"[.!?][\"')]*\s")


_BEFORE_AFTER_EVENT = re.compile(
    r"\s+(before|after)\s+(?:the|his|her|its|their)\s+([a-z]+)\b", re.IGNORECASE)
_UNIT_DAYS = {"D": 1, "W": 7}


def _event_offset_day(text: str, cand: Candidate, verb_day: dict[str, date]) -> date | None:
    """The day "ten days before the shooting" names, when the shooting was dated before.

    The noun is matched to a verb by its form ("shooting" to "shoot", "murder" to "murder").
    """
    form = cand.form
    if form is None or form.kind != "duration" or form.parts.get("n") is None or \
            form.parts.get("unit") not in _UNIT_DAYS or not float(form.parts["n"]).is_integer():
        return None
    m = _BEFORE_AFTER_EVENT.match(text, cand.core_end)
    if m is None:
        return None
    noun = m.group(2).lower()
    stems = {noun}
    if noun.endswith("ing") and len(noun) > 5:
        stem = noun[:-3]
        stems |= {stem, stem + "e"} | ({stem[:-1]} if stem[-1] == stem[-2] else set())
    day = next((verb_day[v] for v in stems if v in verb_day), None)
    if day is None:
        return None
    step = timedelta(days=int(form.parts["n"]) * _UNIT_DAYS[form.parts["unit"]])
    return day - step if m.group(1).lower() == "before" else day + step


def _is_bare_clock(form) -> bool:
    """A clock time with no day of its own ("at 10 p.m.")."""
    p = form.parts
    return form.kind == "time" and not p.get("year") and p.get("day_form") is None


def _is_the_year(form) -> bool:
    """True for "the year", "the entire year", "the full year"."""
    p = form.parts
    return form.kind == "relative" and p.get("unit") == "Y" and p.get("det") == "the" and \
        p.get("offset") in {0, "the"} and form.mod is None and form.signal in _NEUTRAL_SIGNALS


def _is_that(form, unit: str) -> bool:
    """True for "that quarter", "that same year": the period mentioned before."""
    p = form.parts
    return form.kind == "relative" and p.get("unit") == unit and p.get("det") in {
        "that", "the same"} and form.signal in _NEUTRAL_SIGNALS


#: Prepositions that leave an expression's interval as it is ("in that quarter").
_NEUTRAL_SIGNALS = {None, "in", "during", "for", "of", "at", "over", "throughout"}


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _day_of(res: Resolved) -> date | None:
    """The day a resolved expression names, if it names one ("after Oct. 12" names Oct. 12)."""
    if res.granularity not in {"day", "time"} or res.start_date is None:
        return None  # "by Friday" (open start) does not move the story's day
    m = _ISO_DAY.match(res.value or "")
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _is_the_day(form) -> bool:
    p = form.parts
    return form.kind == "relative" and p.get("unit") == "D" and p.get("previous") and \
        p.get("offset") == 0 and form.mod is None and not p.get("part") and \
        form.signal in _NEUTRAL_SIGNALS


_THAT_DAY = re.compile(r"\b(?:that|same)\b", re.IGNORECASE)
_APPOSITION = re.compile(r",\s*")
_BEFORE_AFTER = re.compile(r"\s+(before|after)\s+(?![a-z]+ing\b)(?=[a-z])")


def _the_day(text: str, i: int, candidates: list[Candidate], directions: list[str],
             anchor: date | None, previous: date | None, res: Resolved) -> Resolved:
    """Read "the day before/after ..." against the date it names or the one mentioned last.

    "the day before last Tuesday's hearing" is the Monday; "the day after his death" is the
    day after the date mentioned last; "Oct. 12, the day before the plunge" (in apposition to
    a date) is that date itself.
    """
    cand = candidates[i]
    m = _BEFORE_AFTER.match(text, cand.core_end)
    if m is None:
        return res
    step = timedelta(days=1 if m.group(1) == "after" else -1)
    nxt = candidates[i + 1] if i + 1 < len(candidates) else None
    if nxt is not None and nxt.core_start == m.end() and nxt.form is not None:
        day = _day_of(_safe_resolve(replace(nxt.form, signal=None), anchor, directions[i + 1],
                                    previous))
        if day is not None:
            day += step
            return Resolved("DATE", day.isoformat(), day, day, "day", False,
                            f"the day {m.group(1)} the date that follows", False)
    if previous is None:
        return res
    if i > 0 and _APPOSITION.fullmatch(text[candidates[i - 1].core_end:cand.start]):
        day, note = previous, "in apposition to the date before"
    else:
        day, note = previous + step, f"the day {m.group(1)} the date mentioned before"
    return Resolved("DATE", day.isoformat(), day, day, "day", True, note, True)


def _month_relative(form, month_is_latest: bool):
    """The form read against the month mentioned last, or ``None`` when it is not such a form.

    "the following month", "that month" (relative months counted from the previous date);
    "the same month a year ago"; and "the same period last year" when the last period named
    was a month, not a quarter.
    """
    p = form.parts
    if form.kind != "relative":
        return None
    if p.get("unit") == "M" and (p.get("previous") or p.get("offset") == "year_ago"):
        return form
    if p.get("unit") == "Q" and p.get("offset") == "year_ago" and p.get("period") and \
            month_is_latest:
        return replace(form, parts={**p, "unit": "M"})
    return None


def _from_month(form, month: date, direction: str) -> Resolved:
    res = _safe_resolve(replace(form, parts={**form.parts, "previous": False}), month,
                        direction, None)
    return replace(res, uses_previous=True,
                   note=_join_note(res.note, "relative to the month mentioned before"))


def _is_year_period(form) -> bool:
    return form.kind == "quarter" and form.parts.get("n") is None


def _join_note(a: str | None, b: str) -> str:
    return f"{a}; {b}" if a else b


def _year_ago_quarter(quarter: Resolved, res: Resolved) -> Resolved:
    """In an earnings report, "a year ago" after a quarter means that quarter a year before."""
    s, e = quarter.start_date, quarter.end_date
    y = s.year - 1
    q = (s.month - 1) // 3 + 1
    return Resolved(res.timex_type, f"{y}-Q{q}", s.replace(year=y), e.replace(year=y), "quarter",
                    True, "after a quarter: read as the same quarter a year earlier")


def reanchor_timex_rows(rows: list[dict], anchor: date | None, anchor_source: str, *,
                        window: tuple[date, date] | None = None) -> list[dict]:
    """Resolve an article's timex rows again against a new anchor (same text, same tense).

    The rows do not keep the words between expressions or the parse, so the few readings that
    need them (the verb a clock time shares with an event dated before, "the quarter ended
    ...") fall back to the plain ones here; sentence breaks are kept. The row marked as the
    article's dateline date (:data:`DATELINE_NOTE`) stays the filing day, not a date mentioned.

    Args:
        rows: The article's timex rows in text order (dicts with ``timex_text``, ``direction``
            and the offsets; extra keys such as ``article_id`` are kept).
        anchor: The new anchor date, or ``None`` to resolve over ``window``.
        anchor_source: What it is (``inferred_published_date`` after refinement).
        window: (earliest, latest) publication dates, used when ``anchor`` is ``None``
            (:func:`resolve_in_window`).

    Returns:
        New row dicts; the input is not modified.
    """
    cands = []
    for row in rows:
        form = parse_timex(row["timex_text"])
        cands.append(Candidate(row["start_char"], row["end_char"], row["start_char"],
                               row["end_char"], form, "row"))
    text_len = max((r["end_char"] for r in rows), default=0)
    text = [" "] * text_len
    for r in rows:
        text[r["start_char"]:r["end_char"]] = list(r["timex_text"])
    for a, b in zip(rows, rows[1:]):
        if a.get("sentence_id") is not None and a.get("sentence_id") != b.get("sentence_id") \
                and b["start_char"] - a["end_char"] >= 2:
            # keep the sentence break the same-sentence rules ("for the entire year") look for
            text[a["end_char"]:a["end_char"] + 2] = [".", " "]
    directions = [r.get("direction") or "none" for r in rows]
    dateline = dateline_row(rows)
    if anchor is None and window is not None:
        resolved = resolve_in_window("".join(text), cands, directions, window,
                                     dateline=dateline)
    else:
        resolved = resolve_candidates("".join(text), cands, directions, anchor, anchor_source,
                                      dateline=dateline)
    out = []
    for old, new in zip(rows, resolved):
        merged = dict(old)
        for key in ("timex_type", "value", "start_date", "end_date", "granularity",
                    "anchor_date", "anchor_source", "is_ambiguous", "note"):
            merged[key] = new[key]
        out.append(merged)
    return out


def dateline_row(rows: list[dict]) -> int | None:
    """Position of the row marked as the article's dateline date, if any."""
    return next((i for i, r in enumerate(rows)
                 if isinstance(r.get("note"), str) and DATELINE_NOTE in r["note"]), None)


def publication_date_row(article: dict, doc, timexes: list[dict]) -> dict:
    """Return the publication_dates row (without ``article_id``) for one article.

    A stated ``published_date`` is kept as given; otherwise the date is inferred from the URL,
    copyright lines, the article's own temporal expressions (``timexes``, resolved without an
    anchor, carrying text and tense) and world knowledge of US presidential terms.
    """
    return _pubdate.infer_publication_date(article, timexes, doc=doc)


def extract_dates(doc, article: dict, sentences: list[dict]) -> tuple[list[dict], dict]:
    """Return (timex rows, publication_dates row) for one parsed article.

    Args:
        doc: The spaCy ``Doc`` of the article's clean text.
        article: The article record (``text``, ``published_date``, ``url``, ``raw_text``...).
        sentences: The article's sentence rows (from ``parse.sentence_rows``).

    Returns:
        One row per temporal expression (``timexes`` columns without ``article_id``), and the
        ``publication_dates`` row (without ``article_id``).
    """
    cands = find_timexes(doc)
    directions = [governing_direction(doc, c.core_start, c.core_end) for c in cands]
    dateline = dateline_index(doc.text, cands)
    unanchored = resolve_candidates(doc.text, cands, directions, None, "none", sentences,
                                    dateline=dateline)
    pub = publication_date_row(article, doc, unanchored)
    window = publication_window(pub)
    filed = dateline_day(cands[dateline].form, window) if dateline is not None else None
    anchor, source = choose_anchor(article, pub, filed)
    if anchor is not None:
        return resolve_candidates(doc.text, cands, directions, anchor, source, sentences,
                                  dateline=dateline), pub
    if window is not None:
        return resolve_in_window(doc.text, cands, directions, window, sentences,
                                 dateline=dateline), pub
    return unanchored, pub
