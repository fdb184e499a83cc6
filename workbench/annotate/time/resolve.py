"""Resolving: a form plus an anchor date and a tense direction to a :class:`~.forms.Resolved`.

:data:`RESOLVERS` maps each form kind (the reader that parsed it) to its resolver, a function
``(form, anchor, direction, previous) -> Resolved``; a kind without one resolves to no value.
Composite forms (a range, "the day before <date>", "<duration> from <date>") resolve their parts
with :func:`_resolve_core` again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from workbench.annotate.time.anchoring import (
    _apply_mod,
    _join,
    _period,
    _resolve_date,
    _resolve_duration,
    _resolve_holiday,
    _resolve_quarter,
    _resolve_relative,
    _season_bounds,
    _season_of,
    _span_days,
    _unknown,
    _weekday,
)
from workbench.annotate.time.days import _add_months, _month_end, _safe_date
from workbench.annotate.time.forms import _OPEN_END, _OPEN_START, ORDINALS, Resolved, TimexForm


def resolve_timex(
    form: TimexForm,
    anchor: date | None,
    *,
    direction: str = "none",
    previous: date | None = None,
) -> Resolved:
    """Resolve a parsed form against an anchor date.

    Args:
        form: From :func:`parse_timex`.
        anchor: The article's anchor date (publication date, dateline...); ``None`` leaves
            relative expressions with ``X`` placeholders and no interval.
        direction: Tense of the governing verb: ``past``, ``future``, ``present`` or ``none``.
        previous: The last resolved day-level date before this expression, for "two days
            later", "the following week".

    Returns:
        A :class:`Resolved` (type, value, inclusive interval, granularity, ambiguity).
    """
    if form.signal in {"until", "till"} and direction in {"none", "present"}:
        # "closed until Friday", "talks until 9 a.m. Tuesday": a deadline lies ahead
        direction = "future"
    res = _resolve_core(form, anchor, direction, previous)
    if form.kind == "range" and form.signal == "from":
        return res  # "from 2001 to 2005": the 'from' opens the range, whose end is written
    return _apply_signal(res, form.signal, anchor)


def _apply_signal(res: Resolved, signal: str | None, anchor: date | None) -> Resolved:
    if signal is None or res.start_date is None:
        return res
    # "after 5 p.m. Friday" still starts on Friday: a clock time's day is not all past it
    whole_day = res.granularity != "time"
    if signal in _OPEN_END:
        start = res.end_date + timedelta(days=1) if signal in {"after", "later than"} \
            and whole_day else res.start_date
        return replace(res, start_date=start, end_date=None,
                       note=_join(res.note, f"'{signal}': open-ended interval"))
    if signal == "since":
        return replace(res, end_date=anchor if anchor and anchor >= res.start_date else None,
                       note=_join(res.note, "'since': up to the anchor date"))
    if signal in _OPEN_START:
        end = res.start_date - timedelta(days=1) if signal in {"before", "prior to",
                                                                "earlier than"} \
            and whole_day else res.end_date
        return replace(res, start_date=None, end_date=end,
                       note=_join(res.note, f"'{signal}': open start"))
    return res


Resolver = Callable[[TimexForm, date | None, str, date | None], Resolved]


def _resolve_core(
    form: TimexForm, anchor: date | None, direction: str, previous: date | None
) -> Resolved:
    resolver = RESOLVERS.get(form.kind)
    if resolver is None:
        return Resolved(form.timex_type, None)
    return resolver(form, anchor, direction, previous)


def _resolve_ref(form: TimexForm, anchor: date | None, direction: str,
                 previous: date | None) -> Resolved:
    return Resolved("DATE", form.parts["value"], None, None, "none")


def _resolve_set(form: TimexForm, anchor: date | None, direction: str,
                 previous: date | None) -> Resolved:
    return Resolved("SET", form.parts["value"], None, None, "none")


def _resolve_weekday(form: TimexForm, anchor: date | None, direction: str,
                     previous: date | None) -> Resolved:
    p = form.parts
    if anchor is None:
        return _unknown(form, f"XXXX-WXX-{p['weekday'] + 1}", "day")
    uses_prev = bool(p.get("from_previous") and previous is not None)
    # "the previous Friday", "the following Monday": counted from the last date mentioned
    d, amb, note = _weekday(form, previous if uses_prev else anchor, direction)
    if uses_prev:
        note = _join(note, "relative to the previous date mentioned")
    value = d.isoformat() + (f"T{p['part']}" if p.get("part") else "")
    return Resolved("DATE", value, d, d, "day", amb, note, uses_prev)


def _resolve_ago(form: TimexForm, anchor: date | None, direction: str,
                 previous: date | None) -> Resolved:
    p = form.parts
    base = previous if p["previous"] and previous else anchor
    if base is None:
        return _unknown(form, "XXXX", "none")
    n = p["n"]
    if n is None or p["time"]:
        val = "PAST_REF" if p["sign"] < 0 else "FUTURE_REF"
        return Resolved("DATE", val, None, None, "none", n is None, None)
    note = "relative to the previous date mentioned" if p["previous"] and previous else None
    return _bounded(_counted_from(base, p["unit"], p["sign"], float(n), note), form.mod,
                    p["sign"], base)


def _bounded(res: Resolved, mod: str | None, sign: int, base: date) -> Resolved:
    """A distance that is a bound, as the days it allows.

    'more than two weeks ago' is any day up to two weeks back; 'less than a fortnight ago' any
    day from then to the base date.
    """
    if mod not in ("MORE_THAN", "LESS_THAN") or res.start_date is None:
        return res
    if mod == "MORE_THAN":  # the open side lies away from the base
        start, end = (None, res.end_date) if sign < 0 else (res.start_date, None)
    else:
        start, end = (res.start_date, base) if sign < 0 else (base, res.end_date)
    return replace(res, start_date=start, end_date=end,
                   note=_join(res.note, f"{mod.lower().replace('_', ' ')} that distance"))


def _counted_from(base: date, unit: str, sign: int, n: float, note: str | None) -> Resolved:
    """The period ``sign * n`` units from ``base`` ("two days ago", "six weeks later")."""
    if unit == "D":
        d = base + timedelta(days=sign * n)
        return Resolved("DATE", d.isoformat(), d, d, "day", False, note, bool(note))
    if unit == "W" and n <= 2 and n == int(n):
        # "a week ago", "two weeks ago": counted back to a day (the same weekday), as
        # "ten days ago" is; longer counts ("six weeks ago") name the week
        d = base + timedelta(weeks=sign * n)
        return Resolved("DATE", d.isoformat(), d, d, "day", False, note, bool(note))
    if unit in {"W", "WE"}:
        d = base + timedelta(weeks=sign * n)
        iso = d.isocalendar()
        s = d - timedelta(days=d.weekday())
        return Resolved("DATE", f"{iso[0]}-W{iso[1]:02d}", s, s + timedelta(days=6), "week",
                        False, note, bool(note))
    if unit == "M":
        d = _add_months(base, int(sign * n))
        return Resolved("DATE", f"{d.year}-{d.month:02d}", date(d.year, d.month, 1),
                        _month_end(d.year, d.month), "month", False, note, bool(note))
    if unit in {"Y", "DE", "CE", "Q"}:
        return _counted_years(base, unit, sign, n, note)
    return Resolved("DATE", None, None, None, "none")


def _counted_years(base: date, unit: str, sign: int, n: float, note: str | None) -> Resolved:
    years = {"Y": 1, "DE": 10, "CE": 100, "Q": 0.25}[unit] * n
    if unit == "Q":
        d = _add_months(base, int(sign * n * 3))
        q = (d.month - 1) // 3 + 1
        return Resolved("DATE", f"{d.year}-Q{q}", date(d.year, 3 * q - 2, 1),
                        _month_end(d.year, 3 * q), "quarter", False, note, bool(note))
    y = base.year + int(sign * years)
    if unit == "Y":
        return Resolved("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", False,
                        note, bool(note))
    dec = y // 10
    return Resolved("DATE", f"{dec}", date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31),
                    "decade", False, note, bool(note))


def _resolve_length(form: TimexForm, anchor: date | None, direction: str,
                    previous: date | None) -> Resolved:
    p = form.parts
    if p.get("someday") and direction == "future" and form.signal is None:
        # "Islam will one day be ...": an unspecified future day, not a length
        return Resolved("DATE", "FUTURE_REF", None, None, "none")
    if form.signal == "in" and direction == "future" and p.get("n") is not None and \
            not p.get("time") and p.get("unit") in {"D", "W", "M", "Y"} and \
            p.get("extent") is None and anchor is not None and form.mod is None:
        # "will be redeemed in five years": the point that far ahead, not a length
        # ("in the next five years", "in the past four years" stay stretches of time)
        ahead = TimexForm("DATE", "ago", {"n": p["n"], "unit": p["unit"], "time": False,
                                          "sign": 1, "previous": False})
        return _resolve_core(ahead, anchor, direction, None)
    return _resolve_duration(form, anchor)


def _resolve_dayrel(form: TimexForm, anchor: date | None, direction: str,
                    previous: date | None) -> Resolved:
    p = form.parts
    r = _resolve_core(p["base"], anchor, direction, previous)
    if r.start_date is None or r.granularity not in {"day", "time"}:
        return Resolved("DATE", None, None, None, "none", True, "the date it counts from "
                                                               "is not a day")
    d = r.start_date + timedelta(days=p["offset"])
    return Resolved("DATE", d.isoformat(), d, d, "day", r.is_ambiguous, r.note,
                    r.uses_previous)


def _resolve_weekof(form: TimexForm, anchor: date | None, direction: str,
                    previous: date | None) -> Resolved:
    p = form.parts
    r = _resolve_core(p["base"], anchor, direction, previous)
    if r.start_date is None:
        return Resolved("DATE", "XXXX-WXX", None, None, "week")
    day = r.start_date
    nth = p.get("nth")
    if nth is not None and r.end_date is not None:
        # "the last week of March": the week holding the month's last Thursday (the ISO
        # rule for a week across two months); "the first week" the first Thursday's
        if nth in {"last", "final"}:
            day = r.end_date - timedelta(days=(r.end_date.weekday() - 3) % 7)
        else:
            first = r.start_date + timedelta(days=(3 - r.start_date.weekday()) % 7)
            day = first + timedelta(weeks=ORDINALS[nth] - 1)
    v, s0, e0, g = _period(day, "W", 0)
    return Resolved("DATE", v, s0, e0, g, r.is_ambiguous, r.note)


def _resolve_anchored(form: TimexForm, anchor: date | None, direction: str,
                      previous: date | None) -> Resolved:
    p = form.parts
    base = _resolve_core(p["base"], anchor, direction, previous)
    dur = p["duration"].parts
    if base.start_date is None or dur.get("n") is None or dur.get("time"):
        return Resolved("DURATION", p["duration"].parts["value"], None, None, "none")
    n = int(dur["n"])
    word = p["word"]
    span = _span_days(base.start_date, dur["unit"], n)
    if word in {"before", "until", "prior to"}:
        end = base.start_date - timedelta(days=1)
        start = end - timedelta(days=span - 1)
    elif word in {"after", "following"}:
        start = base.end_date + timedelta(days=1)
        end = start + timedelta(days=span - 1)
    else:
        start = base.start_date
        end = start + timedelta(days=span - 1)
    return Resolved("DURATION", p["duration"].parts["value"], start, end, "day",
                    base.is_ambiguous, _join(base.note, f"{dur['value']} counted from "
                                                        f"{base.start_date.isoformat()}"))


#: What the TimeML mod of a hedged clock time says ("about 6.10am", "shortly before midnight").
_MOD_NOTES = {"APPROX": "approximate time (TimeML mod APPROX)",
              "BEFORE": "shortly before this time (TimeML mod BEFORE)",
              "AFTER": "shortly after this time (TimeML mod AFTER)"}


def _resolve_time(form: TimexForm, anchor: date | None, direction: str,
                  previous: date | None) -> Resolved:
    p = form.parts
    day_form = p.get("day_form")
    day = None
    amb, note = False, None
    if p.get("year"):
        day = _safe_date(p["year"], p["month"], p["day"])
    elif day_form is not None:
        r = _resolve_core(day_form, anchor, direction, previous)
        day, amb, note = r.start_date, r.is_ambiguous, r.note
    elif previous is not None:
        day, amb = previous, True
        note = "clock time without a day: took the last date mentioned"
    elif anchor is not None:
        day, amb = anchor, True
        note = "clock time without a day: took the anchor date"
    note = _join(note, _MOD_NOTES.get(form.mod))
    hhmm = f"T{p['hour']:02d}:{p['minute']:02d}" + ("Z" if p.get("zulu") else "")
    if day is None:
        return Resolved("TIME", "XXXX-XX-XX" + hhmm, None, None, "time", amb, note)
    return Resolved("TIME", day.isoformat() + hhmm, day, day, "time", amb, note)


_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def _resolve_season(form: TimexForm, anchor: date | None, direction: str,
                    previous: date | None) -> Resolved:
    p = form.parts
    y = p.get("year")
    if y is None:
        if anchor is None:
            return _unknown(form, f"XXXX-{p['season']}", "season")
        y = _season_year(p, anchor, direction)
    start, end = _season_bounds(y, p["season"])
    start, end = _apply_mod(start, end, form.mod)
    value = f"{y}-{p['season']}"
    return Resolved("DATE", value, start, end, "season", False,
                    "meteorological season, northern hemisphere")


def _season_year(p: dict, anchor: date, direction: str) -> int:
    """The year of a season named without one ("last summer", "in the spring")."""
    y = anchor.year + (p.get("year_offset") or 0)
    off = p.get("offset")
    season, cur = _SEASON_ORDER.index(p["season"]), _SEASON_ORDER.index(_season_of(anchor))
    if off == -1:
        y = anchor.year if season < cur else anchor.year - 1
    elif off == 1:
        y = anchor.year if season > cur else anchor.year + 1
    elif p.get("year_offset") is None and direction == "past" and season > cur:
        y = anchor.year - 1
    return y


def _resolve_decade(form: TimexForm, anchor: date | None, direction: str,
                    previous: date | None) -> Resolved:
    p = form.parts
    dec = p.get("decade")
    amb = False
    note = None
    if dec is None:
        if anchor is None:
            return _unknown(form, "XXX", "decade")
        century = anchor.year // 100
        dec = century * 10 + p["short"]
        if dec * 10 > anchor.year:
            dec -= 10
        amb, note = True, "two-digit decade: took the most recent one"
    start, end = _apply_mod(date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31), form.mod)
    return Resolved("DATE", f"{dec}X", start, end, "decade", amb, note)


def _resolve_century(form: TimexForm, anchor: date | None, direction: str,
                     previous: date | None) -> Resolved:
    c = form.parts["century"] - 1
    start, end = _apply_mod(date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), form.mod)
    return Resolved("DATE", f"{c:02d}", start, end, "century")


def _resolve_range(form: TimexForm, anchor: date | None, direction: str,
                   previous: date | None) -> Resolved:
    p = form.parts
    a = _resolve_core(p["items"][0], anchor, direction, previous)
    b = _resolve_core(p["items"][1], anchor, direction, previous)
    if a.start_date and b.end_date and b.end_date < a.start_date and p["items"][1].parts.get(
        "year"
    ) is None and b.granularity in {"day", "month"}:
        # "December 28 to January 3": the second end comes after the first
        b = _resolve_core(p["items"][1], a.start_date, "future", previous)
    return Resolved(form.timex_type, a.value, a.start_date, b.end_date,
                    a.granularity if a.granularity == b.granularity else "day",
                    a.is_ambiguous or b.is_ambiguous,
                    _join(_join(a.note, b.note), f"range {a.value} .. {b.value}"))


#: The resolver of each form kind (:attr:`TimexForm.kind`, named by the reader that parsed it).
RESOLVERS: dict[str, Resolver] = {
    "ref": _resolve_ref,
    "set": _resolve_set,
    "date": lambda form, anchor, direction, previous: _resolve_date(form, anchor, direction),
    "holiday": lambda form, anchor, direction, previous: _resolve_holiday(form, anchor,
                                                                          direction),
    "weekday": _resolve_weekday,
    "relative": _resolve_relative,
    "ago": _resolve_ago,
    "duration": _resolve_length,
    "dayrel": _resolve_dayrel,
    "weekof": _resolve_weekof,
    "anchored": _resolve_anchored,
    "time": _resolve_time,
    "quarter": lambda form, anchor, direction, previous: _resolve_quarter(form, anchor,
                                                                          direction),
    "season": _resolve_season,
    "decade": _resolve_decade,
    "century": _resolve_century,
    "range": _resolve_range,
}
