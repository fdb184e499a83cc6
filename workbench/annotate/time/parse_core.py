"""Parsing: the text of one expression to an anchor-free :class:`~.forms.TimexForm`.

:data:`READERS` is an ordered table of ``(pattern, reader)`` pairs. :func:`_parse_core` tries
them in order on the whole text (``fullmatch``): the first pattern that matches hands its match
and the text to its reader, a small pure function that answers with

* a :class:`TimexForm`: the parse (first hit wins);
* ``None``: not this reader's after all ("may" alone is not the month), try the next pair;
* :data:`NOT_A_TIMEX`: the text is this reader's and is not a temporal expression ("in his
  30s" is an age), so the parse is ``None`` and no later pair is tried.

Readers of composite expressions ("the day before Christmas", "5 p.m. Friday", "March 15-17")
parse their parts with :func:`_parse_core` again.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import replace

from workbench.annotate.time.forms import (
    _TIME_UNITS,
    MAX_SPAN_CHARS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    TimexForm,
)
from workbench.annotate.time.patterns import (
    _ANCHORED,
    _BARE_DOTTED,
    _DAY_BEFORE,
    _FULL_YEAR,
    _HALF_OF_YEAR,
    _HEDGED_CLOCK,
    _HOLIDAY,
    _IN_THE_MORNING,
    _LAST_QUARTER_OF,
    _MOD_WORDS,
    _MONTH_MONTH,
    _NTH_DAY,
    _NTH_WEEK_OF,
    _P,
    _PART_OF_DAY,
    _PART_WITH_MOD,
    _PAST_DECADE,
    _PRE_POST_YEAR,
    _QUARTER_YEAR_AGO,
    _RANGE,
    _RATE,
    _REF_WORDS,
    _SAME_DAY,
    _SAME_PERIOD_YEAR_AGO,
    _SET_ADVERB_WORDS,
    _SOMEDAY,
    _TIME_CONNECT,
    _UNIT_LONG,
    _WEEK_OF,
    _YEAR_AGO_WORDS,
    _YEAR_BEFORE,
    _YEAR_END,
    _YEAR_NTH_QUARTER,
    _YEAR_PERIOD,
    HOLIDAYS,
    _norm,
    _number,
    strip_signal,
)


class _Verdict(enum.Enum):
    NOT_A_TIMEX = "not a temporal expression"


#: A reader's answer "this text is mine and it is not a temporal expression": the parse stops.
NOT_A_TIMEX = _Verdict.NOT_A_TIMEX

#: What a reader answers: a form, ``None`` (try the next pair) or :data:`NOT_A_TIMEX`.
ReaderResult = TimexForm | None | _Verdict
Reader = Callable[[re.Match, str], ReaderResult]


def parse_timex(text: str) -> TimexForm | None:
    """Parse the text of one temporal expression into an anchor-free :class:`TimexForm`.

    Args:
        text: The expression as written, optionally with its preposition ("from March 15").

    Returns:
        The form, or ``None`` when the text is not a temporal expression this reader knows.
    """
    if not text or len(text) > MAX_SPAN_CHARS:
        return None
    t = _norm(text)
    if not t:
        return None
    signal, core = strip_signal(t)
    if signal == "between":
        core = "between " + core
        signal = None
    form = _parse_core(core)
    if form is None and signal is not None:
        form = _parse_core(t)
        signal = None
    if form is None and core.startswith("between ") and core[8:] in REFS:
        # "between now and Feb. 10" arrives cut after "and": its first end
        form = _parse_core(core[8:])
    if form is None:
        return None
    form = _hedged_by_signal(form, signal)
    if form.kind == "weekday" and t.endswith("'s"):
        # "Thursday's closing price": a possessive names a day whose event is reported
        form = replace(form, parts={**form.parts, "possessive": True})
    return replace(form, signal=signal) if signal else form


def _hedged_by_signal(form: TimexForm, signal: str | None) -> TimexForm:
    """A clock time after "around"/"about" is approximate; "before midnight" ends its day."""
    if form.kind != "time":
        return form
    if signal in {"around", "about"}:
        return replace(form, mod="APPROX")
    if signal == "before" and form.parts.get("midnight"):
        return replace(form, parts={**form.parts, "hour": 24})
    return form


def _parse_core(t: str) -> TimexForm | None:
    """The first answer of :data:`READERS` on ``t`` (normalised, without its signal)."""
    if t.endswith("'s"):
        t = t[:-2]  # "the year's", "Thursday's": the time the possessive names
    for pattern, reader in READERS:
        m = pattern.fullmatch(t)
        if m is not None:
            form = reader(m, t)
            if form is NOT_A_TIMEX:
                return None
            if form is not None:
                return form
    return None


def _final(form: TimexForm | None) -> TimexForm | _Verdict:
    """A reader whose pattern claims the text: its helper's ``None`` ends the parse."""
    return NOT_A_TIMEX if form is None else form


# ------------------------------------------------------------------------------------------
# readers, in the order of READERS
# ------------------------------------------------------------------------------------------


def _read_ref(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "ref", {"value": REFS[t]})


def _read_set_adverb(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("SET", "set", {"value": SET_ADVERBS[t]})


def _read_iso(m: re.Match, t: str) -> ReaderResult:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m.group(4):
        return TimexForm("TIME", "time", {"year": y, "month": mo, "day": d,
                                          "hour": int(m.group(4)), "minute": int(m.group(5))})
    return TimexForm("DATE", "date", {"year": y, "month": mo, "day": d})


def _read_numeric(m: re.Match, t: str) -> ReaderResult:
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    y = y + (2000 if y < 50 else 1900) if y < 100 else y
    amb = a <= 12 and b <= 12 and a != b
    mo, d = (a, b) if a <= 12 else (b, a)
    return TimexForm("DATE", "date", {"year": y, "month": mo, "day": d, "ambiguous_order": amb})


def _read_month_day(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "date", {"year": _year(m.group(3)), "month": MONTHS[m.group(1)],
                                      "day": int(re.sub(r"\D", "", m.group(2)))})


def _read_day_month(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "date", {"year": _year(m.group(3)), "month": MONTHS[m.group(2)],
                                      "day": int(re.sub(r"\D", "", m.group(1)))})


def _read_month_year(m: re.Match, t: str) -> ReaderResult:
    year = m.group(3)
    rel = None
    if year in {"this year", "last year", "next year"}:
        rel = {"this year": 0, "last year": -1, "next year": 1}[year]
        year = None
    return TimexForm("DATE", "date", {"year": _year(year), "month": MONTHS[m.group(2)],
                                      "year_offset": rel}, mod=_MOD_WORDS.get(m.group(1)))


def _read_month_month(m: re.Match, t: str) -> ReaderResult:
    if m.group(1) == "may":
        return None
    # "in April month" (Indian English): the month
    return TimexForm("DATE", "date", {"year": None, "month": MONTHS[m.group(1)],
                                      "year_offset": None})


def _read_month_rel(m: re.Match, t: str) -> ReaderResult:
    direction = {"last": "past", "this past": "past", "past": "past", "next": "future",
                 "this coming": "future", "coming": "future", "this": "this"}[m.group(1)]
    return TimexForm("DATE", "date", {"year": None, "month": MONTHS[m.group(2)],
                                      "force_direction": direction})


def _read_year_season(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "season", {"year": int(m.group(1)), "season": SEASONS[m.group(2)]})


def _read_year(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "date", {"year": int(m.group(2))}, mod=_MOD_WORDS.get(m.group(1)))


def _read_pre_post_year(m: re.Match, t: str) -> ReaderResult:
    # "the post-1959 politics": the year, as a bound ("after 1959")
    return TimexForm("DATE", "date", {"year": int(m.group(2))},
                     signal="after" if m.group(1) == "post" else "before")


def _read_decade(m: re.Match, t: str) -> ReaderResult:
    d = m.group(3).lstrip("'")
    if len(d) == 2 and not m.group(3).startswith("'") and "the " not in t:
        return NOT_A_TIMEX  # "in his 30s" is an age
    # "the 1970s" names its century; "the '70s", "the 70s" take the latest one
    decade = int(d[:3]) if len(d) == 4 else None
    two = int(d[0]) if len(d) == 2 else None
    return TimexForm("DATE", "decade", {"decade": decade, "short": two},
                     mod=_MOD_WORDS.get(m.group(1) or m.group(2)))


def _read_century(m: re.Match, t: str) -> ReaderResult:
    raw = m.group(2)
    n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else ORDINALS.get(raw)
    if not n:
        return None
    return TimexForm("DATE", "century", {"century": n}, mod=_MOD_WORDS.get(m.group(1)))


def _read_weekday(m: re.Match, t: str) -> ReaderResult:
    pre, wd, part = m.group(1), m.group(2), m.group(3)
    mod = {"early": "START", "late": "END"}.get(pre)
    direction = {"last": "past", "this past": "past", "past": "past", "next": "future",
                 "this coming": "future", "coming": "future", "the previous": "past",
                 "the following": "future", "the next": "future"}.get(pre)
    return TimexForm("TIME" if part else "DATE", "weekday",
                     {"weekday": WEEKDAYS[wd], "part": PARTS_OF_DAY.get(part),
                      "force_direction": direction, "this": pre == "this",
                      "next_week": pre == "next",
                      "from_previous": pre in {"the previous", "the following"}}, mod=mod)


def _read_holiday(m: re.Match, t: str) -> ReaderResult:
    det, name, week, year = m.groups()
    direction = {"last": "past", "this past": "past", "next": "future",
                 "this coming": "future", "this": "this"}.get(det or "")
    return TimexForm("DATE", "holiday", {"name": HOLIDAYS[name], "year": _year(year),
                                         "force_direction": direction, "week": bool(week)})


_DAY_BEFORE_WORDS = {"day before", "previous day", "night before", "previous night"}
_DAY_AFTER_WORDS = {"next day", "following day", "day after", "next morning",
                    "following morning", "next night"}


def _read_same_day(m: re.Match, t: str) -> ReaderResult:
    word = m.group(2)
    off = -1 if word in _DAY_BEFORE_WORDS else 1 if word in _DAY_AFTER_WORDS else 0
    prev = word != "day" or bool(re.search(r"\b(?:that|the|the same|this same) day$", t))
    return TimexForm("DATE", "relative", {"unit": "D", "offset": off, "previous": prev,
                                          "det": "that"}, mod=_MOD_WORDS.get(m.group(1)))


def _read_year_before(m: re.Match, t: str) -> ReaderResult:
    # "$450 million the year before": the year before the one just mentioned
    return TimexForm("DATE", "relative", {"unit": "Y", "offset": -1, "det": "year before"})


def _read_nth_day(m: re.Match, t: str) -> ReaderResult:
    if m.group(1) not in ORDINALS:
        return None
    # "the eighth day of the operation", "for a second straight day": the reported day
    return TimexForm("DATE", "relative", {"unit": "D" if m.group(2) == "day" else "W",
                                          "offset": 0})


def _read_year_ago(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "relative", {"unit": "Y", "offset": -1})


def _read_full_year(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "relative", {"unit": "Y", "offset": 0, "det": "the"})


def _read_deictic(m: re.Match, t: str) -> ReaderResult:
    return _deictic(m.group(2), _MOD_WORDS.get(m.group(1)) if m.group(1) else None)


def _read_quarter(m: re.Match, t: str) -> ReaderResult:
    return _quarter(m)


def _read_year_nth_quarter(m: re.Match, t: str) -> ReaderResult:
    is_quarter = m.group(3) == "quarter"
    return TimexForm("DATE", "quarter", {"n": ORDINALS.get(m.group(2), 4 if is_quarter else 2),
                                         "unit": "Q" if is_quarter else "H",
                                         "year": int(m.group(1))})


def _read_half_of_year(m: re.Match, t: str) -> ReaderResult:
    # "the last half of 1989", "the first two quarters of 1990": a half of that year
    n = 2 if m.group(1) in {"last", "final", "second", "latter"} else 1
    return TimexForm("DATE", "quarter", {"n": n, "unit": "H", "year": _year(m.group(3))})


def _read_last_quarter_of(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "quarter", {"n": 4, "unit": "Q", "year": _year(m.group(1))})


def _read_quarter_year_ago(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "relative", {"unit": "Q", "offset": "year_ago"})


def _read_year_period(m: re.Match, t: str) -> ReaderResult:
    # "the 1988 period" in an earnings report: the quarter under discussion, in that year
    return TimexForm("DATE", "quarter", {"n": None, "unit": "Q", "year": int(m.group(1))})


def _read_same_period_year_ago(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "relative", {"unit": "M" if m.group(1) == "month" else "Q",
                                          "offset": "year_ago",
                                          "period": m.group(1) == "period"})


def _read_year_end(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "relative", {"unit": "Y", "offset": 0, "det": "the"}, mod="END")


def _read_part_with_mod(m: re.Match, t: str) -> ReaderResult:
    # "mid-afternoon yesterday", "by mid afternoon", "early morning Friday": the part of
    # that day (or of the day the story is on), with its early/mid/late modifier
    word, part, day = m.groups()
    base = _parse_core(f"{day} {part}" if day else f"the {part}")
    if base is None or not base.parts.get("part"):
        return None
    return replace(base, mod={"early": "START", "mid": "MID", "late": "END"}[word])


def _read_part_of_day(m: re.Match, t: str) -> ReaderResult:
    # "the morning", "that night"; a bare "morning" ("in morning trading") is the same: the
    # part of the day the story is on
    if t == "night":
        return None
    return TimexForm("TIME", "relative", {"unit": "D", "offset": 0, "previous": True,
                                          "det": "that", "part": PARTS_OF_DAY[m.group(1)]})


def _read_rate(m: re.Match, t: str) -> ReaderResult:
    # "3 a day", "100 per hour": a rate, valued as how often (P1D, PT1H)
    if UNITS[m.group(1)] not in {"D", "W", "M", "Y", "H"}:
        return None
    pre = "T" if m.group(1) in _TIME_UNITS else ""
    return TimexForm("SET", "set", {"value": f"P{pre}1{UNITS[m.group(1)]}"})


def _read_qshort(m: re.Match, t: str) -> ReaderResult:
    q = m.group(1) or m.group(4)
    y = m.group(2) or m.group(3)
    unit = "Q" if q[0] == "q" else "H"
    return TimexForm("DATE", "quarter", {"n": int(q[1]), "unit": unit, "year": _year(y)})


def _read_season(m: re.Match, t: str) -> ReaderResult:
    if not (m.group(2) or m.group(4) or m.group(1)
            or t in {"spring", "summer", "autumn", "winter"}):
        return None  # a bare "fall" is the verb
    year = m.group(4)
    off = {"this year": 0, "last year": -1, "next year": 1}.get(year)
    if off is not None:
        year = None
    rel = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1,
           "this coming": 1}.get(m.group(2))
    return TimexForm("DATE", "season", {"season": SEASONS[m.group(3)], "year": _year(year),
                                        "year_offset": off, "offset": rel},
                     mod=_MOD_WORDS.get(m.group(1)))


def _read_ago(m: re.Match, t: str) -> ReaderResult:
    n = _number(m.group(1))
    if n is not None and "and a half" in t:
        n += 0.5  # "a minute and a half later"
    unit = m.group(2)
    word = m.group(3)
    sign = -1 if word in {"ago", "earlier", "before", "back", "previously"} else 1
    prev = word in {"earlier", "later", "before", "after", "since"}
    bound = re.match(r"(more than|less than) ", t)  # 'more than two weeks ago'
    return TimexForm("DATE", "ago", {"n": n, "unit": UNITS[unit], "time": unit in _TIME_UNITS,
                                     "sign": sign, "previous": prev},
                     mod=(_AGO_BOUNDS[bound.group(1)] if bound else None))


#: The TimeML mod of a bounded distance ('more than two weeks ago': MORE_THAN).
_AGO_BOUNDS = {"more than": "MORE_THAN", "less than": "LESS_THAN"}


def _read_weekday_rel(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "weekday", {"weekday": WEEKDAYS[m.group(2)], "part": None,
                                         "force_direction": None, "this": False,
                                         "next_week": False})


def _read_past_decade(m: re.Match, t: str) -> ReaderResult:
    years = 10 if m.group(2) == "decade" else 100
    return TimexForm("DURATION", "duration", {
        "value": f"P{years}Y", "n": years, "unit": "Y", "time": False,
        "extent": "past" if m.group(1) in {"past", "last"} else "future"})


def _read_relunit(m: re.Match, t: str) -> ReaderResult:
    return _final(_relunit(m))


def _read_day_before(m: re.Match, t: str) -> ReaderResult:
    # "the day before last Tuesday", "the day after Christmas": one day off that date
    base = _parse_core(m.group(2))
    if base is None or base.kind not in {"date", "weekday", "holiday", "relative"}:
        return None
    return TimexForm("DATE", "dayrel", {"base": base,
                                        "offset": -1 if m.group(1) == "before" else 1})


def _read_nth_week_of(m: re.Match, t: str) -> ReaderResult:
    base = _parse_core(m.group(2))
    if base is None or base.kind != "date" or not base.parts.get("month") or \
            base.parts.get("day"):
        return None
    return TimexForm("DATE", "weekof", {"base": base, "nth": m.group(1)})


def _read_week_of(m: re.Match, t: str) -> ReaderResult:
    base = _parse_core(m.group(1))
    if base is None or base.kind not in {"date", "weekday"} or not base.parts.get("day", 1):
        return None
    return TimexForm("DATE", "weekof", {"base": base})


def _read_anchored(m: re.Match, t: str) -> ReaderResult:
    base = _parse_core(m.group(3))
    dur = _parse_core(m.group(1))
    if base is None or dur is None or dur.kind != "duration":
        return None
    return TimexForm("DURATION", "anchored", {"duration": dur, "base": base, "word": m.group(2)})


def _read_duration(m: re.Match, t: str) -> ReaderResult:
    form = _duration(m)
    if form is not None and t in {"one day", "some day"}:
        form = replace(form, parts={**form.parts, "someday": True})
    return _final(form)


def _read_someday(m: re.Match, t: str) -> ReaderResult:
    return TimexForm("DATE", "ref", {"value": "FUTURE_REF"})


def _read_unit_long(m: re.Match, t: str) -> ReaderResult:
    # "a day-long meeting", "a decades-long dispute": how long it lasted
    plural = m.group(1).endswith(("s", "ies"))
    return _final(_parse_core(m.group(1) if plural else f"a {m.group(1)}"))


def _read_bare_units(m: re.Match, t: str) -> ReaderResult:
    unit = UNITS[m.group(3)]
    pre = "T" if m.group(3) in _TIME_UNITS else ""
    if unit == "DE":
        unit = "Y"  # "for decades": PXY, as "two decades" is P20Y
    elif unit == "CE":
        unit = "C"  # "for centuries": PXC, TimeBank's century unit
    ref = m.group(1)
    if ref == "recent" and m.group(3) in {"days", "weeks", "years"}:
        return TimexForm("DATE", "ref", {"value": "PAST_REF"})
    if ref in {"coming", "future"} and not m.group(2) and not m.group(4):
        return TimexForm("DATE", "ref", {"value": "FUTURE_REF"})
    if m.group(4):
        ref = "next"
    extent = "past" if ref in {"past", "last", "recent", "previous"} else \
        "future" if ref else None
    return TimexForm("DURATION", "duration", {"value": f"P{pre}X{unit}", "n": None,
                                              "unit": unit, "time": bool(pre),
                                              "extent": extent})


def _read_set(m: re.Match, t: str) -> ReaderResult:
    return _final(_set(m))


def _read_plural_weekday(m: re.Match, t: str) -> ReaderResult:
    part = PARTS_OF_DAY.get(m.group(2) or "")
    return TimexForm("SET", "set", {"value": f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}"
                                             + (f"T{part}" if part else "")})


def _read_clock(m: re.Match, t: str) -> ReaderResult:
    return _final(_time(m))


def _read_in_the_morning(m: re.Match, t: str) -> ReaderResult:
    hour = _number(m.group(1))
    if hour is None or not float(hour).is_integer() or not 1 <= hour <= 12:
        return None
    # "at night": 6 to 11 are evening hours, 12 is midnight, 1 to 5 the small hours
    hour = int(hour) % 12 + (12 if m.group(3) in {"afternoon", "evening"} or (
        m.group(3) is None and 6 <= hour < 12) else 0)
    return TimexForm("TIME", "time", {"hour": hour, "minute": int(m.group(2) or 0),
                                      "year": None, "zulu": False})


def _read_noon(m: re.Match, t: str) -> ReaderResult:
    midnight = m.group(1) == "midnight"
    return TimexForm("TIME", "time", {"hour": 0 if midnight else 12, "minute": 0, "year": None,
                                      "midnight": midnight})


#: TimeML ``mod`` of a hedged clock time, by its words.
_HEDGE_MODS = {"before": "BEFORE", "after": "AFTER", None: "APPROX"}


def _read_hedged_clock(m: re.Match, t: str) -> ReaderResult:
    # "shortly before midnight", "just after noon on Sunday", "about 6.10am": the clock time,
    # its hedge as TimeML's mod; the midnight a "before" reaches is the one that ends its day
    side, rest = m.group(2), m.group(4)
    base = _parse_core(rest)
    if base is None or base.kind != "time" or base.mod is not None:
        return None
    if side == "before" and base.parts.get("midnight"):
        base = replace(base, parts={**base.parts, "hour": 24})
    return replace(base, mod=_HEDGE_MODS[side])


def _read_time_on_day(m: re.Match, t: str) -> ReaderResult:
    # "5 p.m. Friday", "noon on Tuesday": the clock time on that day
    tm = _parse_core(m.group(1))
    day = _parse_core(m.group(2))
    if tm is None and day is not None:
        tm = _clock_by_part(m.group(1), day.parts.get("part"))
    if tm is None or day is None:
        return None
    if tm.kind == "time" and day.kind in {"weekday", "date", "relative"}:
        return TimexForm("TIME", "time", {**tm.parts, "day_form": day}, mod=tm.mod)
    if tm.kind == "date" and day.kind == "date":
        return day
    return None


_PART_PHRASES = {"MO": "in the morning", "AF": "in the afternoon", "EV": "in the evening",
                 "NI": "at night"}


def _clock_by_part(clock: str, part: str | None) -> TimexForm | None:
    """"6.10 on Wednesday morning", "11.45 last night": a dotted time, am or pm by the part."""
    m = _BARE_DOTTED.fullmatch(clock)
    if m is None or part not in _PART_PHRASES:
        return None
    hour = int(m.group(1))
    if not 1 <= hour <= 12:
        return _parse_core(f"{hour}:{m.group(2)}")  # "18.30 on Monday evening"
    return _parse_core(f"{hour}:{m.group(2)} {_PART_PHRASES[part]}")


def _read_range(m: re.Match, t: str) -> ReaderResult:
    a, b = m.group(1), m.group(2)
    fa, fb = _parse_core(a), _parse_core(b)
    if fb is not None and fa is None and re.fullmatch(r"\d{1,2}", a):
        # "March 15-17" arrives as ("march 15", "17"); "15 to 17 March" as ("15", ...)
        fa = _parse_core(f"{a} {b.split(' ', 1)[1]}") if " " in b else None
    if fa is None and fb is not None:
        return _duration_range(a, b, fb)
    if fa is not None and fb is None and re.fullmatch(r"\d{1,2}", b) and fa.kind == "date":
        fb = replace(fa, parts={**fa.parts, "day": int(b)})
    if fa is not None and fb is not None and fa.kind not in {"duration", "set", "ref"} \
            and fb.kind not in {"duration", "set", "ref"}:
        return TimexForm("DATE", "range", {"items": (fa, fb)})
    return None


def _duration_range(a: str, b: str, fb: TimexForm) -> ReaderResult:
    """A range whose first end did not parse alone: "two to six days", "between 60 and 90 days"."""
    if fb.kind == "duration" and fb.parts.get("n") and " " in b and \
            _number(a.rsplit(" ", 1)[-1]) is not None:
        # the first end takes the unit of the second
        fa = _parse_core(f"{a} {b.rsplit(' ', 1)[1]}")
        if fa is not None and fa.kind == "duration":
            return TimexForm("DURATION", "range", {"items": (fa, fb)})
    return NOT_A_TIMEX


#: The readers, in the order they are tried (first hit wins): exact words and written-out
#: calendar dates first, then named periods, counts and sets, clock times, and the composites.
READERS: tuple[tuple[re.Pattern, Reader], ...] = (
    (_REF_WORDS, _read_ref),
    (_SET_ADVERB_WORDS, _read_set_adverb),
    (_P["iso"], _read_iso),
    (_P["numeric"], _read_numeric),
    (_P["md"], _read_month_day),
    (_P["dm"], _read_day_month),
    (_P["my"], _read_month_year),
    (_MONTH_MONTH, _read_month_month),
    (_P["month_rel"], _read_month_rel),
    (_P["year_season"], _read_year_season),
    (_P["year"], _read_year),
    (_PRE_POST_YEAR, _read_pre_post_year),
    (_P["decade"], _read_decade),
    (_P["century"], _read_century),
    (_P["weekday"], _read_weekday),
    (_HOLIDAY, _read_holiday),
    (_SAME_DAY, _read_same_day),
    (_YEAR_BEFORE, _read_year_before),
    (_NTH_DAY, _read_nth_day),
    (_YEAR_AGO_WORDS, _read_year_ago),
    (_FULL_YEAR, _read_full_year),
    (_P["deictic"], _read_deictic),
    (_P["quarter"], _read_quarter),
    (_YEAR_NTH_QUARTER, _read_year_nth_quarter),
    (_HALF_OF_YEAR, _read_half_of_year),
    (_LAST_QUARTER_OF, _read_last_quarter_of),
    (_QUARTER_YEAR_AGO, _read_quarter_year_ago),
    (_YEAR_PERIOD, _read_year_period),
    (_SAME_PERIOD_YEAR_AGO, _read_same_period_year_ago),
    (_YEAR_END, _read_year_end),
    (_PART_WITH_MOD, _read_part_with_mod),
    (_PART_OF_DAY, _read_part_of_day),
    (_RATE, _read_rate),
    (_P["qshort"], _read_qshort),
    (_P["season"], _read_season),
    (_P["ago"], _read_ago),
    (_P["weekday_rel"], _read_weekday_rel),
    (_PAST_DECADE, _read_past_decade),
    (_P["relunit"], _read_relunit),
    (_DAY_BEFORE, _read_day_before),
    (_NTH_WEEK_OF, _read_nth_week_of),
    (_WEEK_OF, _read_week_of),
    (_ANCHORED, _read_anchored),
    (_P["duration"], _read_duration),
    (_SOMEDAY, _read_someday),
    (_UNIT_LONG, _read_unit_long),
    (_P["bare_units"], _read_bare_units),
    (_P["set"], _read_set),
    (_P["set_plural_wd"], _read_plural_weekday),
    (_HEDGED_CLOCK, _read_hedged_clock),
    (_P["time"], _read_clock),
    (_P["clock24"], _read_clock),
    (_P["clock_hhmm"], _read_clock),
    (_IN_THE_MORNING, _read_in_the_morning),
    (_P["noon"], _read_noon),
    (_TIME_CONNECT, _read_time_on_day),
    (_RANGE, _read_range),
)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    if text.startswith("'"):
        y = int(text[1:])
        return y + (2000 if y < 50 else 1900)
    return int(text)


def _deictic(word: str, mod: str | None) -> TimexForm:
    days = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1,
            "the day before yesterday": -2, "the day after tomorrow": 2, "overnight": 0}
    if word in days:
        part = "NI" if word in {"tonight", "last night"} else None
        return TimexForm("TIME" if part else "DATE", "relative",
                         {"unit": "D", "offset": days[word], "part": part}, mod=mod)
    if "weekend" in word:
        off = {"this": 0, "last": -1, "next": 1, "the": None}[word.split()[0]]
        return TimexForm("DATE", "relative", {"unit": "WE", "offset": off}, mod=mod)
    head, part = word.split()
    off = {"this": 0, "yesterday": -1, "tomorrow": 1}[head]
    return TimexForm("TIME", "relative", {"unit": "D", "offset": off,
                                          "part": PARTS_OF_DAY[part]}, mod=mod)


def _relunit(m: re.Match) -> TimexForm | None:
    mod_word, det, unit, det2, unit2 = m.groups()
    mod = _MOD_WORDS.get(mod_word) if mod_word else None
    if unit in {"year-ago period", "year-earlier period", "year-ago quarter",
                "year-earlier quarter"}:
        return TimexForm("DATE", "relative", {"unit": "Q", "offset": "year_ago"}, mod=mod)
    if unit in {"same period", "same quarter"}:
        return TimexForm("DATE", "relative", {"unit": "Q", "offset": "year_ago",
                                              "period": unit == "same period"}, mod=mod)
    if det in {"the year-ago", "the year-earlier"}:
        return TimexForm("DATE", "relative", {"unit": "Q", "offset": "year_ago"}, mod=mod)
    offsets = {"this": 0, "the current": 0, "current": 0, "last": -1, "the past": -1, "past": -1,
               "the previous": -1, "previous": -1, "the prior": -1, "prior": -1, "this past": -1,
               "the last": -1, "the latest": "latest", "the recent": -1, "next": 1,
               "the coming": 1, "coming": 1, "the following": 1, "following": 1,
               "the next": 1, "this coming": 1, "the same": 0, "that": "that", "the": "the"}
    u = {"week": "W", "month": "M", "year": "Y", "fiscal year": "Y", "calendar year": "Y",
         "quarter": "Q", "decade": "DE", "century": "CE", "half": "H", "period": "Q"}[unit]
    if det is None and mod is None:
        if unit in {"week", "month", "year", "quarter", "period", "half"}:
            return None
        return None
    off = offsets.get(det, 0) if det else 0
    prev_follow = det in {"the following", "following", "the previous", "previous", "the prior",
                          "prior", "that", "the same"}
    if det2:
        # "the first week of next month" is out of scope; "this month of last year" rare
        return None
    if unit == "period" and det not in {"the latest", "the same", "the"}:
        return None
    if unit == "half" and det is None:
        return None
    return TimexForm("DATE", "relative", {"unit": u, "offset": off, "previous": prev_follow,
                                          "det": det}, mod=mod)


def _quarter(m: re.Match) -> TimexForm:
    det, cal, nth, unit, year = m.groups()
    u = "H" if unit == "half" else "Q"
    n = ORDINALS.get(nth) or (4 if u == "Q" else 2)
    off = {"this year": 0, "last year": -1, "next year": 1, "the year": 0}.get(year or "")
    if det in {"last year's", "year-ago", "year-earlier"}:
        off = -1
    if det in {"this year's"}:
        off = 0
    if det == "next year's":
        off = 1
    y = _year(year) if year and year[0].isdigit() else None
    fiscal = det == "fiscal" or cal == "fiscal"
    return TimexForm("DATE", "quarter", {"n": n, "unit": u, "year": y, "year_offset": off,
                                         "fiscal": fiscal})


def _duration(m: re.Match) -> TimexForm | None:
    pre, pre2, num, unit = m.groups()
    n = _number(num)
    u = UNITS[unit]
    timey = unit in _TIME_UNITS
    if n is not None and 1800 <= n <= 2100 and u in {"Q", "Y", "M", "H"}:
        return None  # a year number, not a count
    if n is None and num not in VAGUE_NUMBERS and num not in {"a few", "few", "several"}:
        return None
    value = _duration_value(n, u, timey)
    if n is not None and "and a half" in m.group(0):
        n = n + 0.5
    value = _with_half(value, n, u, timey)
    word = pre2 or pre
    extent = "past" if word in _PAST_EXTENT else "future" if word in _FUTURE_EXTENT else None
    return TimexForm("DURATION", "duration", {"value": value, "n": n, "unit": u, "time": timey,
                                              "extent": extent})


_PAST_EXTENT = {"past", "last", "previous", "recent", "past several", "past few", "last few"}
_FUTURE_EXTENT = {"next", "coming", "following", "next few", "another", "remaining"}


def _duration_value(n: float | None, u: str, timey: bool) -> str:
    """The TIMEX3 value of ``n`` units (``X`` for a vague count)."""
    value_n = "X" if n is None else (
        str(int(n)) if float(n).is_integer() else str(n).rstrip("0")
    )
    if u == "DE":
        return f"P{int(n) * 10}Y" if n is not None else "PXY"  # decades count in years
    if u == "CE":
        return f"P{int(n) * 100}Y" if n is not None else "PXC"  # TimeBank's century unit
    if u == "Q":
        # TIMEX3 has a quarter unit: "the past two quarters" = P2Q
        return f"P{int(n)}Q" if n is not None and float(n).is_integer() else (
            f"P{int(n * 3)}M" if n is not None else "PXQ")
    if u == "WE":
        return f"P{value_n}WE"
    return f"P{'T' if timey else ''}{value_n}{u}"


def _with_half(value: str, n: float | None, u: str, timey: bool) -> str:
    """A count with a half ("half a day", "2 1/2 years"): the half in the next smaller unit."""
    if n == 0.5:
        return {"Y": "P6M", "D": "PT12H", "H": "PT30M", "M": "P2W" if not timey else "PT30S",
                "W": "P3D"}.get(u, value)
    if n is not None and n > 1 and not float(n).is_integer() and float(n * 2).is_integer():
        # "2 1/2 years", "five and a half hours"
        half = {("Y", False): "6M", ("M", False): "15D", ("D", False): "T12H",
                ("H", True): "30M", ("M", True): "30S"}.get((u, timey))
        if half is not None:
            return f"P{'T' if timey else ''}{int(n)}{u}{half}"
    return value


def _set(m: re.Match) -> TimexForm | None:
    q, num, unit = m.groups()
    if q in {"a", "an"} and num is None and unit not in UNITS:
        return None
    if unit in WEEKDAYS:
        return TimexForm("SET", "set", {"value": f"XXXX-WXX-{WEEKDAYS[unit] + 1}"})
    if unit in SEASONS:
        return TimexForm("SET", "set", {"value": f"XXXX-{SEASONS[unit]}"})
    if unit in MONTHS:
        if q not in {"every", "each"}:
            return None
        return TimexForm("SET", "set", {"value": f"XXXX-{MONTHS[unit]:02d}"})  # "each July"
    if unit in PARTS_OF_DAY:
        return TimexForm("SET", "set", {"value": f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}"})
    n = _number(num) if num else 1
    n = int(n) if n and float(n).is_integer() else 1
    u = UNITS[unit]
    if u == "WE":
        return TimexForm("SET", "set", {"value": "XXXX-WXX-WE"})
    pre = "T" if unit in _TIME_UNITS else ""
    if u == "Q":
        return TimexForm("SET", "set", {"value": f"P{n}Q"})
    if u in {"DE", "CE"}:
        return TimexForm("SET", "set", {"value": f"P{n * (10 if u == 'DE' else 100)}Y"})
    return TimexForm("SET", "set", {"value": f"P{pre}{n}{u}"})


def _time(m: re.Match) -> TimexForm | None:
    hour = int(m.group(1))
    minute = int(m.group(2)) if m.lastindex and m.lastindex >= 2 and m.group(2) else 0
    suffix = m.group(3) if m.lastindex and m.lastindex >= 3 else None
    if suffix in {"pm", "p m"} and hour < 12:
        hour += 12
    if suffix in {"am", "a m"} and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    zulu = bool(re.search(r"\b(?:utc|gmt)\b", m.group(0)))
    return TimexForm("TIME", "time", {"hour": hour, "minute": minute, "year": None,
                                      "zulu": zulu})
