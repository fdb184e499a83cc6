"""Temporal expressions: parse a span's text into an anchor-free form, then resolve it.

Two steps, so an article can be re-anchored cheaply when its publication date is refined:

* :func:`parse_timex` turns the text of one expression ("from March 15", "said on Thursday" ->
  "on Thursday", "the past two weeks") into a :class:`TimexForm`: its TIMEX3 type, what it is
  relative to and the modifier of the governing preposition ("from" = open end). No anchor needed.
* :func:`resolve_timex` turns a form plus an anchor date and a tense direction into a
  :class:`Resolved`: TIMEX3-style ``value`` and an inclusive day interval with its granularity,
  flagged ``is_ambiguous`` with a ``note`` where more than one reading was plausible.

Every regex here is matched against one short span (at most :data:`MAX_SPAN_CHARS` characters)
with ``fullmatch`` and has no nested quantifiers, so nothing backtracks badly.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

__all__ = [
    "MAX_SPAN_CHARS",
    "Resolved",
    "TimexForm",
    "parse_timex",
    "resolve_timex",
    "strip_signal",
]

#: Longer spans are not normalized (no temporal expression is this long).
MAX_SPAN_CHARS = 80

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
_WD_FULL = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTH_RE = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a couple of": 2, "couple of": 2,
    "a couple": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "numerous", "a number of", "the"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "21st": 21, "twenty-second": 22, "22nd": 22,
}
UNITS = {
    "second": "S", "seconds": "S", "minute": "M", "minutes": "M", "hour": "H", "hours": "H",
    "day": "D", "days": "D", "night": "D", "nights": "D", "week": "W", "weeks": "W",
    "weekend": "WE", "weekends": "WE", "month": "M", "months": "M", "year": "Y", "years": "Y",
    "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE", "quarter": "Q",
    "quarters": "Q",
}
_UNIT_RE = (
    "seconds|second|minutes|minute|hours|hour|days|day|nights|night|weeks|week|weekends|weekend|"
    "months|month|years|year|decades|decade|centuries|century|quarters|quarter"
)
_TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y",
}
REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "the moment": "PRESENT_REF", "the present": "PRESENT_REF", "today's": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "the past": "PAST_REF", "formerly": "PAST_REF", "earlier": "PAST_REF",
    "recent years": "PAST_REF", "in recent years": "PAST_REF", "once": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "shortly": "FUTURE_REF", "later": "FUTURE_REF",
    "eventually": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}
#: Prepositions and phrases that introduce an expression and change its interval.
SIGNALS = (
    "starting from", "starting on", "starting in", "beginning on", "beginning in", "as early as",
    "as late as", "as of", "from", "since", "until", "till", "through", "thru", "by", "before",
    "after", "on", "in", "at", "during", "for", "over", "within", "starting", "beginning",
    "around", "about", "as early as", "no later than", "prior to", "later than", "earlier than",
    "between", "of", "to", "into", "throughout", "ahead of", "early as",
)
_SIGNAL_RE = re.compile(
    r"(?:" + "|".join(sorted((re.escape(s) for s in set(SIGNALS)), key=len, reverse=True))
    + r")\s+"
)
_OPEN_END = {"from", "starting from", "starting on", "starting in", "beginning on",
             "beginning in", "starting", "beginning", "as of", "after", "later than"}
_OPEN_START = {"until", "till", "by", "before", "prior to", "no later than", "earlier than"}


@dataclass(frozen=True)
class TimexForm:
    """What one expression says, before anchoring.

    ``kind`` names the rule that read it ("date", "weekday", "relative", "ago", "duration",
    "set", "ref", "time", "quarter", "season", "decade", "century", "range", "anchored", "dayrel",
    "holiday").
    ``parts`` carries the rule's fields (year, month, day, offset, unit, ...).
    """

    timex_type: str
    kind: str
    parts: dict = field(default_factory=dict)
    signal: str | None = None
    mod: str | None = None

    @property
    def is_relative(self) -> bool:
        """True when the value depends on the anchor date."""
        if self.kind in {"duration", "set", "ref"}:
            return False
        if self.kind in {"date", "quarter", "season", "decade", "century", "time", "holiday"}:
            return self.parts.get("year") is None
        if self.kind == "range":
            return any(p.is_relative for p in self.parts["items"])
        if self.kind in {"anchored", "dayrel"}:
            return self.parts["base"].is_relative
        return True


@dataclass
class Resolved:
    """An expression resolved against an anchor: TIMEX3 value and inclusive interval."""

    timex_type: str
    value: str | None
    start_date: date | None = None
    end_date: date | None = None
    granularity: str = "none"
    is_ambiguous: bool = False
    note: str | None = None
    uses_previous: bool = False


# ------------------------------------------------------------------------------------------
# parsing
# ------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9}
_SPELLED_YEAR = re.compile(
    r"\b(eighteen|nineteen|twenty) (ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b"
)
_SPELLED_2000 = re.compile(r"\btwo thousand(?: and)?(?: (one|two|three|four|five|six|seven|"
                           r"eight|nine|ten))?\b")


_HALF = re.compile(r"\b(\d{1,3})(?: |-)1/2\b")


def _spelled_year(m: re.Match) -> str:
    hi = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m.group(1)]
    return str(hi * 100 + _TENS[m.group(2)] + _UNIT_WORDS.get(m.group(3) or "", 0))


_OR_SO = re.compile(r" or so\b")


def _norm(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = _WS.sub(" ", t).strip(" ,;:")
    t = re.sub(r"(?<=[a-z])\.(?=\s|$|,)", "", t)
    if "teen " in t or "twenty " in t:
        t = _SPELLED_YEAR.sub(_spelled_year, t)
    if "two thousand" in t:
        t = _SPELLED_2000.sub(
            lambda m: str(2000 + (_UNIT_WORDS.get(m.group(1) or "", 0) or
                                  (10 if m.group(1) == "ten" else 0))), t)
    if "1/2" in t:
        t = _HALF.sub(lambda m: f"{m.group(1)}.5", t)
    if " or so" in t:
        # "the next year or so", "a week or so ago": an approximator, the value is the same
        t = _OR_SO.sub("", t)
    return t.replace("a.m", "am").replace("p.m", "pm")


def strip_signal(text: str) -> tuple[str | None, str]:
    """Split a leading preposition ("on", "from", "since") off a lower-cased expression."""
    m = _SIGNAL_RE.match(text)
    if m and m.end() < len(text):
        return m.group(0).strip(), text[m.end():]
    return None, text


def _number(tok: str) -> float | None:
    tok = tok.strip()
    if tok in NUMBER_WORDS:
        return NUMBER_WORDS[tok]
    if re.fullmatch(r"\d{1,6}(?:\.\d{1,3})?", tok):
        return float(tok) if "." in tok else int(tok)
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]([a-z]+)", tok)
    if m and m.group(2) in NUMBER_WORDS and NUMBER_WORDS[m.group(2)] < 10:
        return NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)]
    m = re.fullmatch(r"([a-z]+) hundred", tok)
    if m and m.group(1) in NUMBER_WORDS:
        return NUMBER_WORDS[m.group(1)] * 100
    return None


_NUM_RE = (
    r"(?:\d{1,6}(?:\.\d{1,3})?|a couple of|couple of|a couple|a dozen|dozen|half a|a few|several|"
    r"few|many|some|numerous|a number of|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|[a-z]+ hundred|an|a|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|hundred)"
)
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_DAY = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"

_P = {
    "iso": re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::\d{2})?)?"),
    "ym_iso": re.compile(r"(\d{4})-(\d{2})"),
    "numeric": re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})"),
    "md": re.compile(
        rf"(?:(?:{_WD_FULL}|mon|tue|tues|wed|thu|thurs|fri|sat|sun),? )?({_MONTH_RE}) ({_DAY})"
        rf"(?:(?:,| of)? ({_YEAR}|'\d\d))?"
    ),
    "dm": re.compile(
        rf"(?:(?:{_WD_FULL}),? )?(?:the )?({_DAY}) (?:of )?({_MONTH_RE})(?:,? ({_YEAR}))?"
    ),
    "my": re.compile(rf"(?:(early|mid|late|end of|the end of|the beginning of|the middle of|"
                     rf"the start of|beginning of|start of) ?-?)?({_MONTH_RE})(?:,? (?:of )?"
                     rf"({_YEAR}|this year|last year|next year))?"),
    "month_rel": re.compile(rf"(last|this|next|this past|this coming|past|coming) ({_MONTH_RE})"),
    "year": re.compile(
        rf"(?:(early|mid|late|the end of|end of|the beginning of|the start of|the middle of|"
        rf"the first half of|the second half of|the first half|the second half)[ -]?)?"
        rf"(?:the )?(?:(?:fiscal|calendar|fiscal year|financial year|model year|the year|"
        rf"year|fy) ?)?({_YEAR})"
    ),
    "decade": re.compile(r"(?:(early|mid|late)[ -]?)?(?:the )?(?:(early|mid|late)[ -]?)?"
                         r"(\d{3}0|'?[1-9]0)'?s"),
    "century": re.compile(r"(?:the )?(?:(early|mid|late) )?(\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)"
                          r"[ -]century"),
    "weekday": re.compile(
        rf"(?:(last|next|this|this past|this coming|coming|past|early|late|earlier|later|on|"
        rf"the previous|the following|the next|that) )?({_WD_FULL}|"
        r"mon|tues|wed|thurs|fri|sat)(?:'s)?(?: (morning|afternoon|evening|night))?"
    ),
    "weekday_rel": re.compile(
        rf"(?:a |one )?(week|fortnight) (?:from|after|before|ago|on) ({_WD_FULL})"
    ),
    "deictic": re.compile(
        r"(?:(early|late|earlier|later) )?(the day before yesterday|the day after tomorrow|"
        r"today|yesterday|tomorrow|tonight|last night|this morning|this afternoon|this evening|"
        r"yesterday morning|yesterday afternoon|yesterday evening|tomorrow morning|"
        r"tomorrow afternoon|tomorrow evening|tomorrow night|this weekend|last weekend|"
        r"next weekend|the weekend|overnight)"
    ),
    "relunit": re.compile(
        r"(?:(early|late|earlier|later|the end of|end of|the beginning of|the start of|"
        r"the middle of|mid|the rest of|the remainder of) ?-?)?"
        r"(?:(this|last|next|the past|past|the coming|coming|the current|current|the previous|"
        r"previous|the following|following|the same|the latest|the last|the next|that|the|"
        r"the prior|prior|this past|this coming|the recent|the year-ago|the year-earlier) )?"
        r"(week|month|year|quarter|decade|century|fiscal year|calendar year|half|period|"
        r"year-ago period|year-earlier period|year-ago quarter|year-earlier quarter|"
        r"same period|same quarter)"
        r"(?: (?:(?:of|in) )?(this|last|next) (year|month))?"
    ),
    "ago": re.compile(rf"(?:about |nearly |almost |some |more than |less than |over |just )?"
                      rf"({_NUM_RE})(?: and a half)?[ -]({_UNIT_RE})(?: and a half)? (ago|earlier|later|before|after|"
                      rf"from now|hence|back|previously|since)"),
    "quarter": re.compile(
        r"(?:the )?(?:(this|last|next|current|latest|previous|same|year-ago|year-earlier|"
        r"fiscal|calendar|this year's|last year's|next year's)\s)?(?:(fiscal|calendar) )?(first|second|third|"
        r"fourth|final|1st|2nd|3rd|4th)[ -](?:fiscal[ -])?(quarter|half|quarters)"
        rf"(?:,? (?:of )?(?:(?:fiscal|the fiscal year|fiscal year|calendar) )?({_YEAR}|this year|"
        r"last year|next year|the year))?"
    ),
    "qshort": re.compile(rf"(q[1-4]|h[12])(?: ({_YEAR}))?|({_YEAR}) (q[1-4]|h[12])"),
    "season": re.compile(
        r"(?:(early|mid|late)[ -]?)?(?:(this|last|next|the|this past|this coming|past|coming) )?"
        rf"(spring|summer|fall|autumn|winter)(?:,? (?:of )?({_YEAR}|this year|last year|"
        r"next year))?"
    ),
    "year_season": re.compile(rf"({_YEAR}) (spring|summer|fall|autumn|winter)"),
    "duration": re.compile(
        r"(?:the )?(?:(past|last|next|coming|previous|first|final|following|latter|initial|"
        r"recent|remaining|better part of the|entire|whole|full|past several|past few|last few|"
        r"next few|another|an additional|additional|more than|less than|nearly|almost|about|"
        r"around|roughly|some|over|under|at least|up to|at most|just|only|barely|more|"
        r"well over|fewer than|latest|year-earlier|year-ago|comparable|same|no more than|"
        r"no less than|as long as|as many as|as much as|as little as) )?"
        rf"(?:(past|last|next|first|final|coming|previous|few|several) )?({_NUM_RE})"
        rf"(?: and a half)?[ -](?:(?:trading|straight|consecutive|full|more|additional|"
        rf"business|calendar|working|successive|long) )?({_UNIT_RE})(?:[ -]long|[ -]old)?(?: and a half)?"
    ),
    "bare_units": re.compile(
        r"(?:the )?(?:(past|last|next|coming|recent|previous|following|future|first|early|"
        r"initial|final) )?"
        r"(?:(few|several) )?(years|months|weeks|days|hours|minutes|decades|centuries|seconds|"
        r"quarters)(?: (ahead|to come))?"
    ),
    "set": re.compile(
        rf"(every|each|per|a|an|once a|twice a|(?:{_NUM_RE}) times a|once every|(?:{_NUM_RE}) "
        rf"times per|once per|twice per) (?:other )?(?:({_NUM_RE}) )?({_UNIT_RE}|{_WD_FULL}|"
        r"morning|evening|afternoon|summer|winter|spring|fall|autumn|january|february|march|"
        r"april|may|june|july|august|september|october|november|december)"
    ),
    "set_plural_wd": re.compile(rf"({_WD_FULL})s(?: (morning|afternoon|evening|night)s?)?"),
    "time": re.compile(
        r"(?:(?:at|around|about) )?(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a m|p m|o'clock|gmt|utc|"
        r"est|edt|et|pst|pdt|bst|cet|jst|kst|hrs|h)\b(?: (?:est|edt|et|pst|pdt|gmt|utc|bst|"
        r"cet|jst|kst|local time))?"
    ),
    "clock24": re.compile(r"(\d{1,2}):(\d{2})(?: (utc|gmt))?"),
    "clock_hhmm": re.compile(r"([01]\d|2[0-3])([0-5]\d) (utc|gmt)"),
    "noon": re.compile(r"(noon|midnight|midday)"),
}
_SAME_DAY = re.compile(
    r"(?:(earlier|later|late|early|the start of|the end of|the beginning of|the rest of) "
    r"(?:in |on )?)?(?:that |the |the same |this same )?"
    r"(same day|day before|previous day|next day|following day|day after|next morning|"
    r"following morning|night before|previous night|next night|day)"
)
_MOD_WORDS = {"early": "START", "mid": "MID", "late": "END", "end of": "END",
              "the end of": "END", "the beginning of": "START", "the start of": "START",
              "beginning of": "START", "start of": "START", "the middle of": "MID",
              "earlier": "START", "later": "END", "the first half of": "START",
              "the second half of": "END", "the first half": "START",
              "the second half": "END", "the rest of": "END", "the remainder of": "END"}

_IN_THE_MORNING = re.compile(
    r"(?:at |around |about )?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)(?::(\d{2}))?(?: o'clock)? (?:in the (morning|afternoon|evening)|at night)"
)
_DAY_BEFORE = re.compile(r"(?:the )?day (before|after) (.+)")
_NTH_WEEK_OF = re.compile(r"(?:the )?(first|second|third|fourth|last|final) week (?:of|in) (.+)")
_TIME_CONNECT = re.compile(
    rf"(.+?),? (?:on |at )?((?:{_WD_FULL}|today|yesterday|tomorrow|tonight)(?: (?:morning|"
    rf"afternoon|evening|night))?|(?:{_MONTH_RE}) {_DAY}(?:,? {_YEAR})?)"
)
#: Holidays by the rule that dates them: a fixed (month, day), or a function of the year.
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "the fourth of july": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
    "boxing day": (12, 26), "st patrick's day": (3, 17), "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving", "election day": "election", "labor day": "labor",
    "memorial day": "memorial", "easter": "easter", "easter sunday": "easter",
    "good friday": "good_friday",
}
_HOLIDAY = re.compile(
    r"(?:(last|this|next|this past|this coming) )?("
    + "|".join(sorted((re.escape(h) for h in HOLIDAYS), key=len, reverse=True))
    + rf")(?: (week|weekend))?(?:,? ({_YEAR}))?"
)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` (0 = Monday) of a month; n = -1 for the last one."""
    if n < 0:
        last = _month_end(y, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(y, month, day + 1)


def holiday_date(name: str, y: int) -> date:
    """The date of a holiday rule from :data:`HOLIDAYS` in year ``y`` (US dates)."""
    rule = HOLIDAYS.get(name, name)
    if isinstance(rule, tuple):
        return date(y, *rule)
    if rule == "thanksgiving":
        return _nth_weekday(y, 11, 3, 4)
    if rule == "election":  # the Tuesday after the first Monday of November
        return _nth_weekday(y, 11, 0, 1) + timedelta(days=1)
    if rule == "labor":
        return _nth_weekday(y, 9, 0, 1)
    if rule == "memorial":
        return _nth_weekday(y, 5, 0, -1)
    if rule == "good_friday":
        return _easter(y) - timedelta(days=2)
    return _easter(y)


_NTH_DAY = re.compile(r"(?:the |a |its |their )?([a-z0-9-]+) (?:straight |consecutive |"
                      r"successive )?(day|week)(?: in a row| running)?")
_HALF_OF_YEAR = re.compile(
    rf"(?:the )?(first|last|final|second|latter) (half|two quarters) (?:of )?({_YEAR})"
)
_LAST_QUARTER_OF = re.compile(rf"(?:the )?last quarter of ({_YEAR})")
_QUARTER_YEAR_AGO = re.compile(
    r"(?:the )?(?:quarter|period) (?:a year (?:ago|earlier)|of last year|last year)"
    r"|last year's (?:quarter|period|comparable quarter|comparable period)"
)
_YEAR_PERIOD = re.compile(rf"(?:the )?({_YEAR}) (?:period|quarter)")
_RANGE = re.compile(r"(?:between |from )?(.+?) ?(?:-|to|and|until|through|thru|till) (.+)")
_ANCHORED = re.compile(
    rf"({_NUM_RE}[ -](?:{_UNIT_RE})) (from|after|starting|starting on|starting from|"
    r"beginning|beginning on|before|until|prior to|following|since) (.+)"
)


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
    if form.kind == "weekday" and t.endswith("'s"):
        # "Thursday's closing price": a possessive names a day whose event is reported
        form = replace(form, parts={**form.parts, "possessive": True})
    return replace(form, signal=signal) if signal else form


def _parse_core(t: str) -> TimexForm | None:  # noqa: C901 - one ordered list of readers
    if t.startswith("the ") and t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'s"):
        t = t[:-2]
    if t in REFS:
        return TimexForm("DATE", "ref", {"value": REFS[t]})
    if t in SET_ADVERBS:
        return TimexForm("SET", "set", {"value": SET_ADVERBS[t]})
    m = _P["iso"].fullmatch(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4):
            return TimexForm("TIME", "time", {"year": y, "month": mo, "day": d,
                                              "hour": int(m.group(4)), "minute": int(m.group(5))})
        return TimexForm("DATE", "date", {"year": y, "month": mo, "day": d})
    m = _P["numeric"].fullmatch(t)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        amb = a <= 12 and b <= 12 and a != b
        mo, d = (a, b) if a <= 12 else (b, a)
        return TimexForm("DATE", "date", {"year": y, "month": mo, "day": d,
                                          "ambiguous_order": amb})
    m = _P["md"].fullmatch(t)
    if m:
        return TimexForm("DATE", "date", {"year": _year(m.group(3)), "month": MONTHS[m.group(1)],
                                          "day": int(re.sub(r"\D", "", m.group(2)))})
    m = _P["dm"].fullmatch(t)
    if m:
        return TimexForm("DATE", "date", {"year": _year(m.group(3)), "month": MONTHS[m.group(2)],
                                          "day": int(re.sub(r"\D", "", m.group(1)))})
    m = _P["my"].fullmatch(t)
    if m and not (m.group(2) == "may" and not m.group(1) and not m.group(3)) or (
        m and t == "may"
    ):
        year = m.group(3)
        rel = None
        if year in {"this year", "last year", "next year"}:
            rel = {"this year": 0, "last year": -1, "next year": 1}[year]
            year = None
        return TimexForm("DATE", "date", {"year": _year(year), "month": MONTHS[m.group(2)],
                                          "year_offset": rel}, mod=_MOD_WORDS.get(m.group(1)))
    m = re.fullmatch(rf"({_MONTH_RE}) month", t)
    if m and m.group(1) != "may":
        # "in April month" (Indian English): the month
        return TimexForm("DATE", "date", {"year": None, "month": MONTHS[m.group(1)],
                                          "year_offset": None})
    m = _P["month_rel"].fullmatch(t)
    if m:
        direction = {"last": "past", "this past": "past", "past": "past", "next": "future",
                     "this coming": "future", "coming": "future", "this": "this"}[m.group(1)]
        return TimexForm("DATE", "date", {"year": None, "month": MONTHS[m.group(2)],
                                          "force_direction": direction})
    m = _P["year_season"].fullmatch(t)
    if m:
        return TimexForm("DATE", "season", {"year": int(m.group(1)),
                                            "season": SEASONS[m.group(2)]})
    m = _P["year"].fullmatch(t)
    if m:
        return TimexForm("DATE", "date", {"year": int(m.group(2))}, mod=_MOD_WORDS.get(m.group(1)))
    m = re.fullmatch(rf"(pre|post)-({_YEAR})", t)
    if m:
        # "the post-1959 politics": the year, as a bound ("after 1959")
        return TimexForm("DATE", "date", {"year": int(m.group(2))},
                         signal="after" if m.group(1) == "post" else "before")
    m = _P["decade"].fullmatch(t)
    if m:
        d = m.group(3).lstrip("'")
        if len(d) == 2 and not m.group(3).startswith("'") and "the " not in t:
            return None  # "in his 30s" is an age
        # "the 1970s" names its century; "the '70s", "the 70s" take the latest one
        decade = int(d[:3]) if len(d) == 4 else None
        two = int(d[0]) if len(d) == 2 else None
        return TimexForm("DATE", "decade", {"decade": decade, "short": two},
                         mod=_MOD_WORDS.get(m.group(1) or m.group(2)))
    m = _P["century"].fullmatch(t)
    if m:
        raw = m.group(2)
        n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else ORDINALS.get(raw)
        if n:
            return TimexForm("DATE", "century", {"century": n}, mod=_MOD_WORDS.get(m.group(1)))
    m = _P["weekday"].fullmatch(t)
    if m:
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
    m = _HOLIDAY.fullmatch(t)
    if m:
        det, name, week, year = m.groups()
        direction = {"last": "past", "this past": "past", "next": "future",
                     "this coming": "future", "this": "this"}.get(det or "")
        return TimexForm("DATE", "holiday", {"name": HOLIDAYS[name], "year": _year(year),
                                             "force_direction": direction,
                                             "week": bool(week)})
    m = _SAME_DAY.fullmatch(t)
    if m:
        off = -1 if m.group(2) in {"day before", "previous day", "night before",
                                   "previous night"} else 1 if m.group(2) in {
            "next day", "following day", "day after", "next morning", "following morning",
            "next night"} else 0
        prev = m.group(2) != "day" or bool(re.search(r"\b(?:that|the|the same|this same) day$", t))
        return TimexForm("DATE", "relative", {"unit": "D", "offset": off, "previous": prev,
                                              "det": "that"}, mod=_MOD_WORDS.get(m.group(1)))
    if t in {"the year before", "the year previous", "the year earlier"}:
        # "$450 million the year before": the year before the one just mentioned
        return TimexForm("DATE", "relative", {"unit": "Y", "offset": -1, "det": "year before"})
    m = _NTH_DAY.fullmatch(t)
    if m and m.group(1) in ORDINALS:
        # "the eighth day of the operation", "for a second straight day": the reported day
        return TimexForm("DATE", "relative", {"unit": "D" if m.group(2) == "day" else "W",
                                              "offset": 0})
    if t in {"year-ago", "year-earlier", "a year-ago", "a year-earlier", "the year-ago",
             "the year-earlier"}:
        return TimexForm("DATE", "relative", {"unit": "Y", "offset": -1})
    if t in {"the full year", "the entire year", "the whole year", "the calendar year",
             "the full fiscal year", "full-year"}:
        return TimexForm("DATE", "relative", {"unit": "Y", "offset": 0, "det": "the"})
    m = _P["deictic"].fullmatch(t)
    if m:
        return _deictic(m.group(2), _MOD_WORDS.get(m.group(1)) if m.group(1) else None)
    m = _P["quarter"].fullmatch(t)
    if m:
        return _quarter(m)
    m = re.fullmatch(rf"(?:the )?({_YEAR}) (first|second|third|fourth|final) (quarter|half)", t)
    if m:
        return TimexForm("DATE", "quarter", {"n": ORDINALS.get(m.group(2), 4 if m.group(3) ==
                                                                "quarter" else 2),
                                             "unit": "Q" if m.group(3) == "quarter" else "H",
                                             "year": int(m.group(1))})
    m = _HALF_OF_YEAR.fullmatch(t)
    if m:
        # "the last half of 1989", "the first two quarters of 1990": a half of that year
        n = 2 if m.group(1) in {"last", "final", "second", "latter"} else 1
        return TimexForm("DATE", "quarter", {"n": n, "unit": "H", "year": _year(m.group(3))})
    m = _LAST_QUARTER_OF.fullmatch(t)
    if m:
        return TimexForm("DATE", "quarter", {"n": 4, "unit": "Q", "year": _year(m.group(1))})
    if _QUARTER_YEAR_AGO.fullmatch(t):
        return TimexForm("DATE", "relative", {"unit": "Q", "offset": "year_ago"})
    m = _YEAR_PERIOD.fullmatch(t)
    if m:
        # "the 1988 period" in an earnings report: the quarter under discussion, in that year
        return TimexForm("DATE", "quarter", {"n": None, "unit": "Q", "year": int(m.group(1))})
    m = re.fullmatch(r"(?:the )?(?:same|comparable|corresponding) (period|quarter|month)"
                     r"(?:,? (?:a year (?:ago|earlier)|(?:of )?(?:the )?last year|"
                     r"(?:of )?the previous year|(?:of )?the prior year))", t)
    if m:
        return TimexForm("DATE", "relative", {"unit": "M" if m.group(1) == "month" else "Q",
                                              "offset": "year_ago",
                                              "period": m.group(1) == "period"})
    if t in {"year-end", "year end", "the end of the year", "the year-end", "year's end",
             "the end of this year"}:
        return TimexForm("DATE", "relative", {"unit": "Y", "offset": 0, "det": "the"}, mod="END")
    m = _PART_WITH_MOD.fullmatch(t)
    if m:
        # "mid-afternoon yesterday", "by mid afternoon", "early morning Friday": the part of
        # that day (or of the day the story is on), with its early/mid/late modifier
        word, part, day = m.groups()
        base = _parse_core(f"{day} {part}" if day else f"the {part}")
        if base is not None and base.parts.get("part"):
            return replace(base, mod={"early": "START", "mid": "MID", "late": "END"}[word])
    # "the morning", "that night"; a bare "morning" ("in morning trading") is the same: the
    # part of the day the story is on
    m = re.fullmatch(r"(?:the |that )?(morning|afternoon|evening|night)", t)
    if m and t != "night":
        return TimexForm("TIME", "relative", {"unit": "D", "offset": 0, "previous": True,
                                              "det": "that", "part": PARTS_OF_DAY[m.group(1)]})
    m = re.fullmatch(rf"\d[\d,.]* (?:a|an|per) ({_UNIT_RE})", t)
    if m and UNITS[m.group(1)] in {"D", "W", "M", "Y", "H"}:
        pre = "T" if m.group(1) in _TIME_UNITS else ""
        return TimexForm("SET", "set", {"value": f"P{pre}1{UNITS[m.group(1)]}"})
    m = _P["qshort"].fullmatch(t)
    if m:
        q = m.group(1) or m.group(4)
        y = m.group(2) or m.group(3)
        unit = "Q" if q[0] == "q" else "H"
        return TimexForm("DATE", "quarter", {"n": int(q[1]), "unit": unit, "year": _year(y)})
    m = _P["season"].fullmatch(t)
    if m and (m.group(2) or m.group(4) or m.group(1)
              or t in {"spring", "summer", "autumn", "winter"}):
        year = m.group(4)
        off = {"this year": 0, "last year": -1, "next year": 1}.get(year)
        if off is not None:
            year = None
        rel = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1,
               "this coming": 1}.get(m.group(2))
        return TimexForm("DATE", "season", {"season": SEASONS[m.group(3)], "year": _year(year),
                                            "year_offset": off, "offset": rel},
                         mod=_MOD_WORDS.get(m.group(1)))
    m = _P["ago"].fullmatch(t)
    if m:
        n = _number(m.group(1))
        if n is not None and "and a half" in t:
            n += 0.5  # "a minute and a half later"
        unit = m.group(2)
        word = m.group(3)
        sign = -1 if word in {"ago", "earlier", "before", "back", "previously"} else 1
        prev = word in {"earlier", "later", "before", "after", "since"}
        return TimexForm("DATE", "ago", {"n": n, "unit": UNITS[unit], "time": unit in _TIME_UNITS,
                                         "sign": sign, "previous": prev})
    m = _P["weekday_rel"].fullmatch(t)
    if m:
        return TimexForm("DATE", "weekday", {"weekday": WEEKDAYS[m.group(2)], "part": None,
                                             "force_direction": None, "this": False,
                                             "next_week": False})
    m = re.fullmatch(r"(?:the )?(past|last|next|coming) (decade|century)", t)
    if m:
        years = 10 if m.group(2) == "decade" else 100
        return TimexForm("DURATION", "duration", {
            "value": f"P{years}Y", "n": years, "unit": "Y", "time": False,
            "extent": "past" if m.group(1) in {"past", "last"} else "future"})
    m = _P["relunit"].fullmatch(t)
    if m:
        return _relunit(m)
    m = _DAY_BEFORE.fullmatch(t)
    if m:
        # "the day before last Tuesday", "the day after Christmas": one day off that date
        base = _parse_core(m.group(2))
        if base is not None and base.kind in {"date", "weekday", "holiday", "relative"}:
            return TimexForm("DATE", "dayrel", {"base": base,
                                                "offset": -1 if m.group(1) == "before" else 1})
    m = _NTH_WEEK_OF.fullmatch(t)
    if m:
        base = _parse_core(m.group(2))
        if base is not None and base.kind == "date" and base.parts.get("month") and \
                not base.parts.get("day"):
            return TimexForm("DATE", "weekof", {"base": base, "nth": m.group(1)})
    if t.startswith("the week of "):
        base = _parse_core(t[12:])
        if base is not None and base.kind in {"date", "weekday"} and base.parts.get("day", 1):
            return TimexForm("DATE", "weekof", {"base": base})
    m = _ANCHORED.fullmatch(t)
    if m:
        base = _parse_core(m.group(3))
        dur = _parse_core(m.group(1))
        if base is not None and dur is not None and dur.kind == "duration":
            return TimexForm("DURATION", "anchored", {"duration": dur, "base": base,
                                                      "word": m.group(2)})
    m = _P["duration"].fullmatch(t)
    if m:
        form = _duration(m)
        if form is not None and t in {"one day", "some day"}:
            form = replace(form, parts={**form.parts, "someday": True})
        return form
    if t == "someday":
        return TimexForm("DATE", "ref", {"value": "FUTURE_REF"})
    m = re.fullmatch(rf"({_UNIT_RE})-long", t)
    if m:
        # "a day-long meeting", "a decades-long dispute": how long it lasted
        plural = m.group(1).endswith(("s", "ies"))
        return _parse_core(m.group(1) if plural else f"a {m.group(1)}")
    m = _P["bare_units"].fullmatch(t)
    if m:
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
        if ref in {"past", "last", "recent", "previous"}:
            return TimexForm("DURATION", "duration", {"value": f"P{pre}X{unit}", "n": None,
                                                      "unit": unit, "time": bool(pre),
                                                      "extent": "past"})
        return TimexForm("DURATION", "duration", {"value": f"P{pre}X{unit}", "n": None,
                                                  "unit": unit, "time": bool(pre),
                                                  "extent": "future" if ref else None})
    m = _P["set"].fullmatch(t)
    if m:
        return _set(m)
    m = _P["set_plural_wd"].fullmatch(t)
    if m:
        part = PARTS_OF_DAY.get(m.group(2) or "")
        return TimexForm("SET", "set", {"value": f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}"
                                                 + (f"T{part}" if part else "")})
    m = _P["time"].fullmatch(t) or _P["clock24"].fullmatch(t) or _P["clock_hhmm"].fullmatch(t)
    if m:
        return _time(m)
    m = _IN_THE_MORNING.fullmatch(t)
    if m:
        hour = _number(m.group(1))
        if hour is not None and float(hour).is_integer() and 1 <= hour <= 12:
            hour = int(hour) % 12 + (12 if m.group(3) in {"afternoon", "evening"} or (
                m.group(3) is None and hour >= 6) else 0)
            return TimexForm("TIME", "time", {"hour": hour, "minute": int(m.group(2) or 0),
                                              "year": None, "zulu": False})
    m = _P["noon"].fullmatch(t)
    if m:
        return TimexForm("TIME", "time", {"hour": 0 if m.group(1) == "midnight" else 12,
                                          "minute": 0, "year": None})
    m = _TIME_CONNECT.fullmatch(t)
    if m:
        tm = _parse_core(m.group(1))
        day = _parse_core(m.group(2))
        if tm is not None and day is not None and tm.kind == "time" and day.kind in {
            "weekday", "date", "relative"
        }:
            return TimexForm("TIME", "time", {**tm.parts, "day_form": day})
        if tm is not None and day is not None and tm.kind in {"date"} and day.kind == "date":
            return day
    m = _RANGE.fullmatch(t)
    if m:
        a, b = m.group(1), m.group(2)
        fa, fb = _parse_core(a), _parse_core(b)
        if fb is not None and fa is None and re.fullmatch(r"\d{1,2}", a):
            # "March 15-17" arrives as ("march 15", "17"); "15 to 17 March" as ("15", ...)
            fa = _parse_core(f"{a} {b.split(' ', 1)[1]}") if " " in b else None
        if fa is None and fb is not None and fb.kind == "duration" and fb.parts.get("n") and \
                " " in b and _number(a.rsplit(" ", 1)[-1]) is not None:
            # "two to six days", "between 60 and 90 days": the first end takes the unit
            fa = _parse_core(f"{a} {b.rsplit(' ', 1)[1]}")
            if fa is not None and fa.kind == "duration":
                return TimexForm("DURATION", "range", {"items": (fa, fb)})
            return None
        if fa is None and fb is not None:
            return None
        if fa is not None and fb is None and re.fullmatch(r"\d{1,2}", b) and fa.kind == "date":
            fb = replace(fa, parts={**fa.parts, "day": int(b)})
        if fa is not None and fb is not None and fa.kind not in {"duration", "set", "ref"} \
                and fb.kind not in {"duration", "set", "ref"}:
            return TimexForm("DATE", "range", {"items": (fa, fb)})
    return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    if text.startswith("'"):
        y = int(text[1:])
        return y + (2000 if y < 50 else 1900)
    return int(text)


_PART_WITH_MOD = re.compile(
    rf"(early|mid|late)[- ]?(morning|afternoon|evening)(?: (?:on |of )?(yesterday|today|tomorrow|"
    rf"{_WD_FULL}))?"
)


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
    if u == "WE":
        u = "WE"
    timey = unit in _TIME_UNITS
    if n is not None and 1800 <= n <= 2100 and u in {"Q", "Y", "M", "H"}:
        return None
    if n is None and num not in VAGUE_NUMBERS and num not in {"a few", "few", "several"}:
        return None
    if num in {"a", "an"} and pre is None and pre2 is None and unit in {"year", "month", "week",
                                                                        "day"}:
        pass
    value_n = "X" if n is None else (
        str(int(n)) if float(n).is_integer() else str(n).rstrip("0")
    )
    if u == "DE":
        value = f"P{int(n) * 10}Y" if n is not None else "PXY"  # decades count in years
    elif u == "CE":
        value = f"P{int(n) * 100}Y" if n is not None else "PXC"  # TimeBank's century unit
    elif u == "Q":
        # TIMEX3 has a quarter unit: "the past two quarters" = P2Q
        value = f"P{int(n)}Q" if n is not None and float(n).is_integer() else (
            f"P{int(n * 3)}M" if n is not None else "PXQ")
    elif u == "WE":
        value = f"P{value_n}WE"
    else:
        value = f"P{'T' if timey else ''}{value_n}{u}"
    if n is not None and "and a half" in m.group(0):
        n = n + 0.5
    if n == 0.5:
        value = {"Y": "P6M", "D": "PT12H", "H": "PT30M", "M": "P2W" if not timey else "PT30S",
                 "W": "P3D"}.get(u, value)
    elif n is not None and n > 1 and not float(n).is_integer() and float(n * 2).is_integer():
        # "2 1/2 years", "five and a half hours": the half in the next smaller unit
        half = {("Y", False): "6M", ("M", False): "15D", ("D", False): "T12H",
                ("H", True): "30M", ("M", True): "30S"}.get((u, timey))
        if half is not None:
            value = f"P{'T' if timey else ''}{int(n)}{u}{half}"
    extent = None
    word = pre2 or pre
    if word in {"past", "last", "previous", "recent", "past several", "past few", "last few"}:
        extent = "past"
    elif word in {"next", "coming", "following", "next few", "another", "remaining"}:
        extent = "future"
    return TimexForm("DURATION", "duration", {"value": value, "n": n, "unit": u, "time": timey,
                                              "extent": extent})


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


# ------------------------------------------------------------------------------------------
# resolution
# ------------------------------------------------------------------------------------------


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


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
        d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
        note = None
        if (d - anchor).days < 7 and d.isocalendar()[1] == anchor.isocalendar()[1]:
            note = "'next <weekday>' read as the coming one; could mean the week after"
            return d, True, note
        return d, False, None
    direction = forced or direction
    if form.parts.get("possessive") and not forced and direction != "past":
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7), False, \
            "possessive weekday: read as the most recent one"
    if forced == "past":
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7), False, None
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


def resolve_timex(  # noqa: C901 - one dispatch on the form kinds
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
    return _apply_signal(res, form.signal, anchor)


def _apply_signal(res: Resolved, signal: str | None, anchor: date | None) -> Resolved:
    if signal is None or res.start_date is None:
        return res
    if signal in _OPEN_END:
        start = res.end_date + timedelta(days=1) if signal in {"after", "later than"} \
            else res.start_date
        return replace(res, start_date=start, end_date=None,
                       note=_join(res.note, f"'{signal}': open-ended interval"))
    if signal == "since":
        return replace(res, end_date=anchor if anchor and anchor >= res.start_date else None,
                       note=_join(res.note, "'since': up to the anchor date"))
    if signal in _OPEN_START:
        end = res.start_date - timedelta(days=1) if signal in {"before", "prior to",
                                                                "earlier than"} else res.end_date
        return replace(res, start_date=None, end_date=end,
                       note=_join(res.note, f"'{signal}': open start"))
    return res


def _join(a: str | None, b: str | None) -> str | None:
    return "; ".join(x for x in (a, b) if x) or None


def _unknown(form: TimexForm, value: str, gran: str) -> Resolved:
    return Resolved(form.timex_type, value, None, None, gran, False,
                    "relative expression without an anchor date")


def _resolve_core(  # noqa: C901
    form: TimexForm, anchor: date | None, direction: str, previous: date | None
) -> Resolved:
    p = form.parts
    k = form.kind
    mod = form.mod
    if k == "ref":
        return Resolved("DATE", p["value"], None, None, "none")
    if k == "set":
        return Resolved("SET", p["value"], None, None, "none")
    if k == "date":
        return _resolve_date(form, anchor, direction)
    if k == "holiday":
        return _resolve_holiday(form, anchor, direction)
    if k == "weekday":
        if anchor is None:
            return _unknown(form, f"XXXX-WXX-{p['weekday'] + 1}", "day")
        uses_prev = bool(p.get("from_previous") and previous is not None)
        # "the previous Friday", "the following Monday": counted from the last date mentioned
        d, amb, note = _weekday(form, previous if uses_prev else anchor, direction)
        if uses_prev:
            note = _join(note, "relative to the previous date mentioned")
        value = d.isoformat() + (f"T{p['part']}" if p.get("part") else "")
        return Resolved("DATE", value, d, d, "day", amb, note, uses_prev)
    if k == "relative":
        return _resolve_relative(form, anchor, direction, previous)
    if k == "ago":
        base = previous if p["previous"] and previous else anchor
        if base is None:
            return _unknown(form, "XXXX", "none")
        n = p["n"]
        if n is None or p["time"]:
            val = "PAST_REF" if p["sign"] < 0 else "FUTURE_REF"
            return Resolved("DATE", val, None, None, "none", n is None, None)
        n = float(n)
        unit = p["unit"]
        sign = p["sign"]
        note = "relative to the previous date mentioned" if p["previous"] and previous else None
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
        return Resolved("DATE", None, None, None, "none")
    if k == "duration":
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
    if k == "dayrel":
        r = _resolve_core(p["base"], anchor, direction, previous)
        if r.start_date is None or r.granularity not in {"day", "time"}:
            return Resolved("DATE", None, None, None, "none", True, "the date it counts from "
                                                                   "is not a day")
        d = r.start_date + timedelta(days=p["offset"])
        return Resolved("DATE", d.isoformat(), d, d, "day", r.is_ambiguous, r.note,
                        r.uses_previous)
    if k == "weekof":
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
    if k == "anchored":
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
    if k == "time":
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
        hhmm = f"T{p['hour']:02d}:{p['minute']:02d}" + ("Z" if p.get("zulu") else "")
        if day is None:
            return Resolved("TIME", "XXXX-XX-XX" + hhmm, None, None, "time", amb, note)
        return Resolved("TIME", day.isoformat() + hhmm, day, day, "time", amb, note)
    if k == "quarter":
        return _resolve_quarter(form, anchor, direction)
    if k == "season":
        y = p.get("year")
        amb = False
        if y is None:
            if anchor is None:
                return _unknown(form, f"XXXX-{p['season']}", "season")
            y = anchor.year + (p.get("year_offset") or 0)
            off = p.get("offset")
            cur = _season_of(anchor)
            order = ["WI", "SP", "SU", "FA"]
            if off == -1:
                y = anchor.year if order.index(p["season"]) < order.index(cur) else anchor.year - 1
            elif off == 1:
                y = anchor.year if order.index(p["season"]) > order.index(cur) else anchor.year + 1
            elif p.get("year_offset") is None and direction == "past" and \
                    order.index(p["season"]) > order.index(cur):
                y = anchor.year - 1
        start, end = _season_bounds(y, p["season"])
        start, end = _apply_mod(start, end, mod)
        value = f"{y}-{p['season']}"
        return Resolved("DATE", value, start, end, "season", amb,
                        "meteorological season, northern hemisphere")
    if k == "decade":
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
        start, end = _apply_mod(date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31), mod)
        return Resolved("DATE", f"{dec}X", start, end, "decade", amb, note)
    if k == "century":
        c = p["century"] - 1
        start, end = _apply_mod(date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), mod)
        return Resolved("DATE", f"{c:02d}", start, end, "century")
    if k == "range":
        a = _resolve_core(p["items"][0], anchor, direction, previous)
        b = _resolve_core(p["items"][1], anchor, direction, previous)
        if a.start_date and b.end_date and b.end_date < a.start_date and p["items"][1].parts.get(
            "year"
        ) is None and b.granularity in {"day", "month"}:
            b = _resolve_core(p["items"][1], a.start_date, "future", previous)
        return Resolved(form.timex_type, a.value, a.start_date, b.end_date,
                        a.granularity if a.granularity == b.granularity else "day",
                        a.is_ambiguous or b.is_ambiguous,
                        _join(_join(a.note, b.note), f"range {a.value} .. {b.value}"))
    return Resolved(form.timex_type, None)


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
        if p.get("year_offset") is not None:
            y = anchor.year + p["year_offset"]
        else:
            forced = p.get("force_direction")
            if forced == "this":
                y = anchor.year
            elif forced:
                y = anchor.year
                cand = date(y, mo, 1)
                if forced == "past" and cand >= date(anchor.year, anchor.month, 1):
                    y -= 1
                if forced == "future" and cand <= date(anchor.year, anchor.month, 1):
                    y += 1
            else:
                y, amb2 = _choose_year(mo, d, anchor, direction)
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
        placeholder = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                       "Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX",
                       "CE": "XX"}[unit]
        return _unknown(form, placeholder, "none")
    if off == "year_ago" and unit == "M":
        d = _add_months(date(base.year, base.month, 1), -12)
        return Resolved("DATE", f"{d.year}-{d.month:02d}", d, _month_end(d.year, d.month),
                        "month", True, "the same month a year earlier")
    if off == "year_ago":
        q0 = (base.month - 1) // 3
        y = base.year - 1
        if direction != "future":
            q0 -= 1
            if q0 < 0:
                q0, y = 3, y - 1
        s, e = _quarter_bounds(y, q0 + 1, "Q")
        return Resolved("DATE", f"{y}-Q{q0 + 1}", s, e, "quarter", True,
                        "year-ago period read as the year-ago quarter")
    if off == "latest":
        off = -1 if unit == "Q" else 0
    if off in {"that", "the"}:
        if unit == "Q":
            off = -1 if direction != "future" else 0
            amb, note = True, "'the quarter' read as the most recent reported quarter"
        elif unit == "WE":
            off = 0 if direction != "past" else -1
            if direction == "past":
                pass
        else:
            off = 0
    if unit == "WE" and off is None:
        off = -1 if direction == "past" and base.weekday() < 5 else 0
    if p.get("previous") and previous is None and off != 0:
        amb = True
        note = "no earlier date mentioned: read against the anchor"
    value, s, e, gran = _period(base, unit, off)
    if unit == "D" and p.get("part"):
        value += f"T{p['part']}"
        gran = "time" if False else "day"
    s, e = _apply_mod(s, e, form.mod)
    if form.mod and unit in {"W", "M", "Y", "Q"} and off == 0 and form.mod == "START" and \
            direction == "past" and e > base:
        e = base
    return Resolved(form.timex_type, value, s, e, gran, amb, note, uses_prev)


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
