"""Placing a form against an anchor date: year and weekday choices, and the resolvers by kind."""

from __future__ import annotations

from datetime import date, timedelta

from workbench.annotate.time.days import _add_months, _month_end, _safe_date, holiday_date
from workbench.annotate.time.forms import Resolved, TimexForm

_MOD_SLICES = {"START": (0.0, 1 / 3), "MID": (1 / 3, 2 / 3), "END": (2 / 3, 1.0)}


def _apply_mod(start: date, end: date, mod: str | None) -> tuple[date, date]:
    if not mod or mod not in _MOD_SLICES:
        return start, end
    if start.day == 1 and start.month == end.month and start.year == end.year and \
            end == _month_end(end.year, end.month):
        first, last = {"START": (1, 10), "MID": (11, 20), "END": (21, end.day)}[mod]
        return start.replace(day=first), start.replace(day=last)
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        first, last = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
        return date(start.year, first, 1), _month_end(start.year, last)
    days = (end - start).days + 1
    a, b = _MOD_SLICES[mod]
    s = start + timedelta(days=int(round(days * a)))
    e = start + timedelta(days=max(int(round(days * b)) - 1, 0))
    return s, e


def _choose_year(month: int, day: int | None, anchor: date, direction: str) -> tuple[int, bool]:
    """Pick the year of a month(-day) without year, by tense; return (year, ambiguous)."""
    y = anchor.year
    first = date(y, month, 1)
    cand = _safe_date(y, month, day) if day else first
    if cand is None:
        cand = first
    cand_end = cand if day else _month_end(y, month)
    if direction == "past":
        if cand > anchor + timedelta(days=90):
            return y - 1, False
        return y, cand > anchor + timedelta(days=7)
    if direction == "future":
        if cand_end < anchor - timedelta(days=90):
            return y + 1, False
        return y, cand_end < anchor - timedelta(days=7)
    delta = (cand - anchor).days
    if delta > 60:
        return y - 1, True
    if delta < -183:
        return y + 1, True
    return y, False


def _weekday(form: TimexForm, anchor: date, direction: str) -> tuple[date, bool, str | None]:
    wd = form.parts["weekday"]
    forced = form.parts.get("force_direction")
    if form.parts.get("this"):
        start_week = anchor - timedelta(days=anchor.weekday())
        d = start_week + timedelta(days=wd)
        return d, False, None
    if form.parts.get("next_week"):
        return _next_weekday(wd, anchor)
    direction = forced or direction
    if form.parts.get("possessive") and not forced and direction != "past":
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7), False, \
            "possessive weekday: read as the most recent one"
    if forced == "past":
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7), False, None
    return _weekday_by_tense(wd, anchor, direction)


def _next_weekday(wd: int, anchor: date) -> tuple[date, bool, str | None]:
    """"next Friday": the coming one, flagged when it falls in the anchor's own week."""
    d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    if (d - anchor).days < 7 and d.isocalendar()[1] == anchor.isocalendar()[1]:
        return d, True, "'next <weekday>' read as the coming one; could mean the week after"
    return d, False, None


def _weekday_by_tense(wd: int, anchor: date, direction: str) -> tuple[date, bool, str | None]:
    """A bare weekday: the one before or after the anchor, as the tense says."""
    back = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
    fwd = anchor + timedelta(days=(wd - anchor.weekday()) % 7)
    if direction == "past":
        return back, False, None
    if direction == "none":
        amb = back != anchor
        return back, amb, "no tense found: took the most recent one (news default)" if amb \
            else None
    if direction == "future":
        if fwd == anchor:
            return fwd, True, "future tense and the anchor is this weekday: today or a week on"
        return fwd, False, None
    if back == anchor:
        return anchor, False, None
    near = back if (anchor - back).days <= (fwd - anchor).days else fwd
    return near, True, f"no tense to tell past from future; took the nearest {near:%A}"


def _join(a: str | None, b: str | None) -> str | None:
    return "; ".join(x for x in (a, b) if x) or None


def _unknown(form: TimexForm, value: str, gran: str) -> Resolved:
    return Resolved(form.timex_type, value, None, None, gran, False,
                    "relative expression without an anchor date")


def _resolve_holiday(form: TimexForm, anchor: date | None, direction: str) -> Resolved:
    p = form.parts
    y, amb, note = p.get("year"), False, None
    if y is None:
        if anchor is None:
            return _unknown(form, "XXXX-XX-XX", "day")
        forced = p.get("force_direction")
        day = holiday_date(p["name"], anchor.year)
        if forced == "this":
            y = anchor.year
        elif forced == "past":
            y = anchor.year if day < anchor else anchor.year - 1
        elif forced == "future":
            y = anchor.year if day > anchor else anchor.year + 1
        else:
            y, amb = _choose_year(day.month, day.day, anchor, direction)
            if amb:
                note = "no year and no tense: took the nearest year"
    day = holiday_date(p["name"], y)
    if p.get("week"):
        iso = day.isocalendar()
        start = day - timedelta(days=day.weekday())
        return Resolved("DATE", f"{iso[0]}-W{iso[1]:02d}", start, start + timedelta(days=6),
                        "week", amb, note)
    return Resolved("DATE", day.isoformat(), day, day, "day", amb, note)


def _span_days(start: date, unit: str, n: int) -> int:
    if unit == "D":
        return n
    if unit in {"W", "WE"}:
        return 7 * n
    if unit == "M":
        return (_add_months(start, n) - start).days
    if unit == "Y":
        return (_add_months(start, 12 * n) - start).days
    return n


def _season_of(d: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
            9: "FA", 10: "FA", 11: "FA"}[d.month]


def _season_bounds(y: int, s: str) -> tuple[date, date]:
    if s == "SP":
        return date(y, 3, 1), date(y, 5, 31)
    if s == "SU":
        return date(y, 6, 1), date(y, 8, 31)
    if s == "FA":
        return date(y, 9, 1), date(y, 11, 30)
    return date(y, 12, 1), _month_end(y + 1, 2)


def _resolve_date(form: TimexForm, anchor: date | None, direction: str) -> Resolved:
    p = form.parts
    y, mo, d = p.get("year"), p.get("month"), p.get("day")
    amb, note = False, None
    if p.get("ambiguous_order"):
        amb, note = True, "numeric date: read as month/day"
    if y is None:
        if mo is None:
            return Resolved("DATE", None)
        if anchor is None:
            v = f"XXXX-{mo:02d}" + (f"-{d:02d}" if d else "")
            return _unknown(form, v, "day" if d else "month")
        y, amb2 = _year_of_month(p, mo, d, anchor, direction)
        if amb2:
            amb = True
            note = _join(note, "no year and no tense: took the nearest year")
    if mo is None:
        start, end = _apply_mod(date(y, 1, 1), date(y, 12, 31), form.mod)
        return Resolved("DATE", str(y), start, end, "year", amb, note)
    if d is None:
        start, end = _apply_mod(date(y, mo, 1), _month_end(y, mo), form.mod)
        return Resolved("DATE", f"{y}-{mo:02d}", start, end, "month", amb, note)
    day = _safe_date(y, mo, d)
    if day is None:
        return Resolved("DATE", None, None, None, "none", True, "not a calendar date")
    return Resolved("DATE", day.isoformat(), day, day, "day", amb, note)


def _year_of_month(p: dict, mo: int, d: int | None, anchor: date,
                   direction: str) -> tuple[int, bool]:
    """The year of a month(-day) written without one; return (year, ambiguous)."""
    if p.get("year_offset") is not None:
        return anchor.year + p["year_offset"], False
    forced = p.get("force_direction")
    if forced == "this":
        return anchor.year, False
    if forced:
        # "last May", "next June": the one before (after) the anchor's month
        y = anchor.year
        cand = date(y, mo, 1)
        if forced == "past" and cand >= date(anchor.year, anchor.month, 1):
            y -= 1
        if forced == "future" and cand <= date(anchor.year, anchor.month, 1):
            y += 1
        return y, False
    return _choose_year(mo, d, anchor, direction)


def _quarter_bounds(y: int, n: int, unit: str) -> tuple[date, date]:
    months = 3 if unit == "Q" else 6
    first = (n - 1) * months + 1
    return date(y, first, 1), _month_end(y, first + months - 1)


def _resolve_quarter(form: TimexForm, anchor: date | None, direction: str) -> Resolved:
    p = form.parts
    y = p.get("year")
    n, unit = p["n"], p["unit"]
    amb, note = False, None
    if n is None:
        # "the 1988 period": the quarter the report is about, taken in that year
        if anchor is None:
            return Resolved("DATE", f"{y}-QX", date(y, 1, 1), date(y, 12, 31), "year", True,
                            "quarter of the year not stated")
        n = (anchor.month - 1) // 3 or 4
        amb, note = True, "the most recent complete quarter, in the stated year"
        start, end = _quarter_bounds(y, n, unit)
        return Resolved("DATE", f"{y}-{unit}{n}", start, end, "quarter", amb, note)
    if p.get("fiscal"):
        note = "fiscal period read as the calendar one"
    if y is None:
        if anchor is None:
            return _unknown(form, f"XXXX-{unit}{n}", "quarter" if unit == "Q" else "half")
        y = anchor.year + (p.get("year_offset") or 0)
        if p.get("year_offset") is None:
            start, _ = _quarter_bounds(y, n, unit)
            # as for months: a past tense takes last year's only when this year's is well
            # ahead (a quarter starting within weeks is often the one a plan is about)
            if start > anchor + timedelta(days=90) and direction == "past":
                y -= 1
    start, end = _quarter_bounds(y, n, unit)
    return Resolved("DATE", f"{y}-{unit}{n}", start, end, "quarter" if unit == "Q" else "half",
                    amb, note)


def _period(anchor: date, unit: str, offset: int) -> tuple[str, date, date, str]:
    if unit == "D":
        d = anchor + timedelta(days=offset)
        return d.isoformat(), d, d, "day"
    if unit in {"W", "WE"}:
        d = anchor + timedelta(weeks=offset)
        s = d - timedelta(days=d.weekday())
        iso = s.isocalendar()
        if unit == "WE":
            sat = s + timedelta(days=5)
            return f"{iso[0]}-W{iso[1]:02d}-WE", sat, sat + timedelta(days=1), "weekend"
        return f"{iso[0]}-W{iso[1]:02d}", s, s + timedelta(days=6), "week"
    if unit == "M":
        d = _add_months(date(anchor.year, anchor.month, 1), offset)
        return f"{d.year}-{d.month:02d}", d, _month_end(d.year, d.month), "month"
    if unit == "Q":
        q0 = (anchor.month - 1) // 3 + offset
        y = anchor.year + q0 // 4
        q = q0 % 4 + 1
        s, e = _quarter_bounds(y, q, "Q")
        return f"{y}-Q{q}", s, e, "quarter"
    if unit == "H":
        h0 = (anchor.month - 1) // 6 + offset
        y = anchor.year + h0 // 2
        h = h0 % 2 + 1
        s, e = _quarter_bounds(y, h, "H")
        return f"{y}-H{h}", s, e, "half"
    if unit == "Y":
        y = anchor.year + offset
        return str(y), date(y, 1, 1), date(y, 12, 31), "year"
    if unit == "DE":
        dec = anchor.year // 10 + offset
        return str(dec), date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31), "decade"
    c = anchor.year // 100 + offset
    return f"{c:02d}", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), "century"


_PLACEHOLDERS = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                 "Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}


def _resolve_relative(
    form: TimexForm, anchor: date | None, direction: str, previous: date | None
) -> Resolved:
    p = form.parts
    unit = p["unit"]
    off = p["offset"]
    note = None
    amb = False
    base = anchor
    uses_prev = False
    if p.get("previous") and previous is not None:
        base, uses_prev = previous, True
        note = "relative to the previous date mentioned"
        if p.get("det") in {"that", "the same"} and not isinstance(off, int):
            off = 0  # "that week"; "the next day" keeps its step from the day mentioned
    if base is None:
        return _unknown(form, _PLACEHOLDERS[unit], "none")
    if off == "year_ago":
        return _year_ago(base, unit, direction)
    off, off_note = _offset_of(off, unit, direction, base)
    if off_note is not None:
        amb, note = True, off_note
    if p.get("previous") and previous is None and off != 0:
        amb = True
        note = "no earlier date mentioned: read against the anchor"
    value, s, e, gran = _period(base, unit, off)
    if unit == "D" and p.get("part"):
        value += f"T{p['part']}"
        gran = "day"
    s, e = _apply_mod(s, e, form.mod)
    if form.mod and unit in {"W", "M", "Y", "Q"} and off == 0 and form.mod == "START" and \
            direction == "past" and e > base:
        e = base
    return Resolved(form.timex_type, value, s, e, gran, amb, note, uses_prev)


def _year_ago(base: date, unit: str, direction: str) -> Resolved:
    """"the year-ago quarter", "the same month a year ago": that period a year before."""
    if unit == "M":
        d = _add_months(date(base.year, base.month, 1), -12)
        return Resolved("DATE", f"{d.year}-{d.month:02d}", d, _month_end(d.year, d.month),
                        "month", True, "the same month a year earlier")
    q0 = (base.month - 1) // 3
    y = base.year - 1
    if direction != "future":
        q0 -= 1
        if q0 < 0:
            q0, y = 3, y - 1
    s, e = _quarter_bounds(y, q0 + 1, "Q")
    return Resolved("DATE", f"{y}-Q{q0 + 1}", s, e, "quarter", True,
                    "year-ago period read as the year-ago quarter")


def _offset_of(off: int | str | None, unit: str, direction: str,
               base: date) -> tuple[int, str | None]:
    """The step of a determiner ("the latest", "the", "that") in units; and a note if a guess."""
    if off == "latest":
        off = -1 if unit == "Q" else 0
    if off in {"that", "the"}:
        if unit == "Q":
            return (-1 if direction != "future" else 0,
                    "'the quarter' read as the most recent reported quarter")
        off = (0 if direction != "past" else -1) if unit == "WE" else 0
    if unit == "WE" and off is None:
        off = -1 if direction == "past" and base.weekday() < 5 else 0
    return off, None


def _resolve_duration(form: TimexForm, anchor: date | None) -> Resolved:
    p = form.parts
    value = p["value"]
    extent = p.get("extent")
    if anchor is None or extent is None or p.get("n") is None or p.get("time"):
        return Resolved("DURATION", value, None, None, "none")
    n = float(p["n"])
    unit = p["unit"]
    days = {"D": 1, "W": 7, "WE": 7, "M": 30, "Y": 365, "DE": 3652, "CE": 36525, "Q": 91}.get(
        unit, 1
    )
    if unit == "M":
        span = (anchor - _add_months(anchor, -int(n))).days if n.is_integer() else int(n * 30)
    elif unit == "Y" and n.is_integer():
        span = (anchor - _add_months(anchor, -12 * int(n))).days
    else:
        span = int(round(n * days))
    if extent == "past":
        return Resolved("DURATION", value, anchor - timedelta(days=span - 1), anchor, "day")
    return Resolved("DURATION", value, anchor + timedelta(days=1), anchor + timedelta(days=span),
                    "day")
