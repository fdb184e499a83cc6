"""Infer an undated page's publication date from its own evidence.

Evidence, strongest first:

* a date in the URL (``/2021/03/04/``, ``2021-03-04``, ``reu20210304``-style ids);
* copyright years (``© 2021``, ``© Thomson Reuters 2021``), read from the clean text and the
  raw page text (cleaners drop footers);
* incumbents: "President Joe Biden", "the Biden administration" place the page within that
  president's term(s) (a small table of US presidential terms: world knowledge);
* the article's temporal expressions with their tense: a past "since April 2019" or a dated
  past event bounds the date from below, a future "from March 15" from above; candidates are
  scored by weekday phrases ("said on Thursday": published on that weekday or soon after),
  the nearness of announced future dates, "this month" holding the dates mentioned, and
  "took office in January" agreeing with a term start.

The result is a best estimate, an inclusive interval of plausible dates, a confidence and the
evidence in words. A stated ``published_date`` is always kept as given.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from workbench.annotate.timex import parse_timex, resolve_timex

__all__ = ["PRESIDENTIAL_TERMS", "infer_publication_date", "url_date"]

#: US presidential terms (inclusive first day, exclusive last day).
PRESIDENTIAL_TERMS: dict[str, list[tuple[date, date]]] = {
    "clinton": [(date(1993, 1, 20), date(2001, 1, 20))],
    "bush": [(date(2001, 1, 20), date(2009, 1, 20))],
    "obama": [(date(2009, 1, 20), date(2017, 1, 20))],
    "trump": [(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), date(2029, 1, 20))],
    "biden": [(date(2021, 1, 20), date(2025, 1, 20))],
}
_PRESIDENT = re.compile(
    r"(?<![Ff]ormer )(?<![Ff]ormer U\.S\. )\b(?:President|president) (?:[A-Z][a-z]+ (?:[A-Z]\. )?)?"
    r"(Clinton|Bush|Obama|Trump|Biden)\b|\b(Clinton|Bush|Obama|Trump|Biden) administration\b"
)
_TOOK_OFFICE = re.compile(r"\b(?:took office|took power|was inaugurated|were inaugurated|"
                          r"sworn in|came to power|took over)\b", re.IGNORECASE)
_URL_PATTERNS = (
    (re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/([0-2]?[1-9]|[1-3]0|31)(?=/|$|[^\d])"),
     "day"),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?!\d)"),
     "day"),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"), "day"),
    (re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])(?=/)"), "month"),
)
_COPYRIGHT = re.compile(
    r"(?:\u00a9|\(c\)|copyright)\s{0,3}(?:[^\n\d\u00a9]{0,40}?)\s?((?:19|20)\d{2})"
    r"(?:\s?[-\u2013]\s?((?:19|20)\d{2}))?",
    re.IGNORECASE,
)
#: At most this many distinct expressions are used as evidence.
_MAX_EXPRESSIONS = 60
#: At most this many days are scored (a window of about three years).
_MAX_WINDOW_DAYS = 1200
#: Announced future dates and reported past dates are usually this near the publication.
_NEAR_DAYS = 45


def url_date(url: str | None) -> tuple[date, str, str] | None:
    """Return (date, precision, matched text) for a date in a URL, or ``None``."""
    if not isinstance(url, str) or not url:
        return None
    url = url[:2000]
    for pattern, precision in _URL_PATTERNS:
        for m in pattern.finditer(url):
            y, mo = int(m.group(1)), int(m.group(2))
            d = int(m.group(3)) if precision == "day" else 1
            try:
                found = date(y, mo, d)
            except ValueError:
                continue
            return found, precision, m.group(0).strip("/")
    return None


def _copyright_years(*texts: str | None) -> tuple[list[int], list[str]]:
    years: list[int] = []
    shown: list[str] = []
    for text in texts:
        if not isinstance(text, str) or not text:
            continue
        for m in _COPYRIGHT.finditer(text[-20000:] if len(text) > 40000 else text):
            y = int(m.group(2) or m.group(1))
            years.append(y)
            snippet = m.group(0).strip()
            if snippet not in shown:
                shown.append(snippet)
    return years, shown


def _presidents(text: str) -> tuple[list[str], list[str]]:
    names: list[str] = []
    shown: list[str] = []
    for m in _PRESIDENT.finditer(text):
        name = (m.group(1) or m.group(2)).lower()
        if name not in names:
            names.append(name)
            shown.append(m.group(0))
    return names, shown


@dataclass
class _Expr:
    text: str
    form: object
    direction: str
    sentence_text: str


def _as_date(value) -> date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def _row(published=None, source=None, precision=None, earliest=None, latest=None,
         confidence=None, evidence=None) -> dict:
    ts = (lambda d: pd.Timestamp(d) if d is not None else None)  # noqa: E731
    return {
        "published_date": ts(published) if not isinstance(published, pd.Timestamp) else published,
        "published_date_source": source,
        "published_date_precision": precision,
        "earliest_date": ts(earliest),
        "latest_date": ts(latest),
        "confidence": confidence,
        "evidence": evidence,
    }


def infer_publication_date(
    article: dict,
    timexes: list[dict],
    *,
    doc=None,
    window: tuple[date | None, date | None] | None = None,
    extra_evidence: list[str] | None = None,
    prefer: date | None = None,
) -> dict:
    """Return the ``publication_dates`` row (without ``article_id``) for one article.

    Args:
        article: The article record (``published_date``, ``url``, ``text``, ``raw_text``...).
        timexes: The article's timex rows (``timex_text``, ``direction``, ``sentence_id``).
        doc: The parsed ``Doc`` (optional; used for sentence text).
        window: Extra bounds (earliest, latest) from outside the article, e.g. dated articles of
            the same story (cross-article refinement).
        extra_evidence: Words describing ``window``, appended to the evidence.
        prefer: A date the estimate should be near when the evidence ties (a sibling's date).

    Returns:
        Row dict: published_date (best estimate), its source and precision, the interval,
        confidence and evidence.
    """
    stated = _as_date(article.get("published_date"))
    if stated is not None and window is None:
        precision = article.get("published_date_precision") or "day"
        source = article.get("published_date_source") or "record"
        return _row(article.get("published_date"), source, precision, stated, stated, 1.0,
                    f"stated publication date ({source})")
    text = article.get("text") or ""
    raw = article.get("raw_text") or ""
    evidence: list[str] = []
    lo: date | None = None
    hi: date | None = None
    strong: date | None = None

    found = url_date(article.get("url"))
    if found is not None:
        d, precision, shown = found
        if precision == "day":
            lo = hi = strong = d
            evidence.append(f"URL carries the date {d.isoformat()} ('{shown}')")
        else:
            lo, hi = d, (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            evidence.append(f"URL carries the month {d:%Y-%m} ('{shown}')")

    years, shown = _copyright_years(text, raw)
    if years:
        # a site footer's year is the year the page was served: an upper bound only; the
        # article's own year is preferred among otherwise equal candidates
        hi = _min(hi, date(max(years), 12, 31))
        evidence.append("copyright " + ", ".join(f"'{s}'" for s in shown[:3]))

    names, shown_p = _presidents(text)
    terms: list[tuple[date, date]] = []
    if names:
        # every named incumbent must hold office: intersect the unions of their terms
        spans = [PRESIDENTIAL_TERMS[n] for n in names]
        terms = spans[0]
        for other in spans[1:]:
            terms = [(max(a, c), min(b, d)) for a, b in terms for c, d in other
                     if max(a, c) < min(b, d)]
        if terms:
            t_lo = min(a for a, _ in terms)
            t_hi = max(b for _, b in terms) - timedelta(days=1)
            if lo is None or lo <= t_hi:
                lo = _max(lo, t_lo)
                hi = _min(hi, t_hi)
                evidence.append("incumbent " + ", ".join(f"'{s}'" for s in shown_p[:2]))

    exprs = _expressions(timexes, text, doc)
    for e in exprs:
        bound = _hard_bound(e)
        if bound is None or bound[1] is None:
            continue
        kind, d = bound
        if kind == "lo" and (hi is None or d <= hi):
            if lo is None or d > lo:
                lo = d
            evidence.append(f"past '{e.text}' (on or after {d.isoformat()})")
        elif kind == "hi" and (lo is None or d >= lo):
            if hi is None or d < hi:
                hi = d
            evidence.append(f"future '{e.text}' (on or before {d.isoformat()})")

    if lo is None and years and hi is not None:
        lo = date(min(years) - 1, 1, 1)
        evidence.append(f"assumed not before {lo.year} (the year before the copyright year)")

    if window is not None:
        w_lo, w_hi = window
        new_lo, new_hi = _max(lo, w_lo), _min(hi, w_hi)
        if new_lo is not None and new_hi is not None and new_lo > new_hi:
            evidence.append("other articles of the story disagree with the page's own "
                            "evidence; kept the page's own interval")
        else:
            lo, hi = new_lo, new_hi
            evidence.extend(extra_evidence or [])

    if lo is None or hi is None or lo > hi:
        return _row(None, None, None, lo, hi if lo is None or hi is None or lo <= hi else None,
                    None, "; ".join(evidence) if evidence else "no date evidence found")
    if strong is not None and lo <= strong <= hi and window is None:
        consistent = _score(strong, exprs, terms)[1]
        note = "" if consistent else " (the text's own date clues disagree)"
        return _row(strong, "url", "day", strong, strong, 0.9 if consistent else 0.7,
                    "; ".join(evidence) + note)
    if (hi - lo).days > _MAX_WINDOW_DAYS:
        precision = "year" if lo.year == hi.year else None
        return _row(None, "inferred", precision, lo, hi, 0.2, "; ".join(evidence))
    best, best_score, why, best_raw = lo, None, [], 0.0
    d = lo
    alive: list[date] = []
    while d <= hi:
        score, ok, reasons = _score(d, exprs, terms)
        if years and d.year in years:
            score += 0.5
        raw = score
        if prefer is not None:
            score -= 0.05 * abs((d - prefer).days)
        if ok:
            alive.append(d)
            if best_score is None or score > best_score:
                best, best_score, why, best_raw = d, score, reasons, raw
        d += timedelta(days=1)
    if not alive:
        return _row(None, "inferred", None, lo, hi, 0.1,
                    "; ".join(evidence) + "; the text's date clues conflict")
    runs = [[alive[0], alive[0]]]
    for d in alive[1:]:
        if (d - runs[-1][1]).days == 1:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    if prefer is None and best_raw <= 0.5:
        # bounds only, nothing singles out a day: no best estimate
        return _row(None, "inferred", None, alive[0], alive[-1], 0.2,
                    "; ".join(_unique(evidence)))
    lo, hi = next((a, b) for a, b in runs if a <= best <= b)
    if len(runs) > 1:
        others = [f"{a.isoformat()}..{b.isoformat()}" for a, b in runs if not a <= best <= b]
        evidence.append("also consistent: " + ", ".join(others[:3]))
    width = (hi - lo).days + 1
    confidence = 0.85 if width == 1 else 0.6 if width <= 7 else 0.4 if width <= 62 else 0.25
    evidence.extend(why)
    return _row(best, "inferred", "day", lo, hi, confidence, "; ".join(_unique(evidence)))


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _expressions(timexes: list[dict], text: str, doc) -> list[_Expr]:
    bounds: list[tuple[int, int]] = []
    if doc is not None and doc.has_annotation("SENT_START"):
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [b[0] for b in bounds]
    out = []
    seen: set[tuple[str, str]] = set()
    for row in timexes:
        key = ((row.get("timex_text") or "").lower(), row.get("direction") or "none")
        # repeated mentions add no evidence; this also keeps scoring linear in the text
        if key in seen or len(out) >= _MAX_EXPRESSIONS:
            continue
        seen.add(key)
        form = parse_timex(row.get("timex_text") or "")
        if form is None:
            continue
        start = row.get("start_char") or 0
        sentence = text[max(0, start - 200): start + 120] if text else ""
        if bounds:
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0:
                a, b = bounds[i]
                sentence = text[a:b] if b - a <= 2000 else text[max(a, start - 300):start + 300]
        out.append(_Expr(row.get("timex_text") or "", form, row.get("direction") or "none",
                         sentence))
    return out


def _hard_bound(e: _Expr) -> tuple[str, date] | None:
    """Bounds from expressions that carry their own year: past -> lower, future -> upper."""
    f = e.form
    if f.kind not in {"date", "quarter", "season"} or f.parts.get("year") is None:
        return None
    res = resolve_timex(f, None)
    if res.start_date is None:
        return None
    if f.signal == "since" or (e.direction == "past" and f.signal not in {"until", "by",
                                                                          "before"}):
        return "lo", res.start_date
    if e.direction == "future" or f.signal in {"from", "starting", "beginning"} and \
            f.parts.get("month") is not None:
        # ("from March 15" announces a schedule; "a photo from 1948" is background)
        if e.direction != "past":
            return "hi", res.end_date if f.signal not in {"from", "starting"} else res.start_date
    return None


def _score(p: date, exprs: list[_Expr], terms: list[tuple[date, date]]
           ) -> tuple[float, bool, list[str]]:
    """Score publication date ``p`` against the expressions: (score, consistent, reasons)."""
    score = 0.0
    ok = True
    reasons: list[str] = []
    months_mentioned: set[int] = set()
    this_month = False
    for e in exprs:
        f = e.form
        if f.kind == "weekday" and not f.parts.get("force_direction") and not \
                f.parts.get("this") and not f.parts.get("next_week") and e.direction in {
                    "past", "none", "present"}:
            lag = (p.weekday() - f.parts["weekday"]) % 7
            if lag == 0:
                score += 2
                reasons.append(f"'{e.text}' ({e.direction}): published on a {p:%A}")
            elif lag == 1:
                score += 1
        elif f.kind == "date" and f.parts.get("year") is None and f.parts.get("month"):
            res = resolve_timex(f, p, direction=e.direction)
            if res.start_date is None:
                continue
            months_mentioned.add(res.start_date.month)
            future = e.direction == "future" or f.signal in {"from", "starting", "beginning"}
            if future and (res.start_date < p or (res.start_date - p).days > 120):
                ok = False
            elif future:
                gap = (res.start_date - p).days
                score += max(0.0, 1 - gap / _NEAR_DAYS)
                if gap <= _NEAR_DAYS:
                    reasons.append(f"future '{e.text}' {gap} days ahead")
            elif e.direction == "past" and res.end_date is not None:
                if res.end_date > p:
                    ok = False
                else:
                    if _TOOK_OFFICE.search(e.sentence_text) and terms:
                        starts = [a for a, _ in terms]
                        if any(res.start_date <= s0 <= res.end_date for s0 in starts):
                            score += 3
                            reasons.append(f"'{e.text}' matches a term start")
                        else:
                            ok = False
                    gap = (p - res.end_date).days
                    score += max(0.0, 0.5 * (1 - gap / (_NEAR_DAYS * 4)))
        elif f.kind == "relative" and f.parts.get("unit") == "M" and f.parts.get("offset") == 0:
            this_month = True
    if this_month and months_mentioned:
        if p.month in months_mentioned:
            score += 1
            reasons.append("'this month' holds the dates mentioned")
    return score, ok, _unique(reasons)
