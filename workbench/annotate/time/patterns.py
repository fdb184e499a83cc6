"""Normalising a span's text, and the regexes the parser (:mod:`.parse_core`) reads."""

from __future__ import annotations

import re

from workbench.annotate.time.forms import (
    _MONTH_RE,
    _SIGNAL_RE,
    _UNIT_RE,
    _WD_FULL,
    NUMBER_WORDS,
    REFS,
    SET_ADVERBS,
)

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
_SPACED_COLON = re.compile(r"(?<=\b\d) : (?=[0-5]\d\b)|(?<=\b\d\d) : (?=[0-5]\d\b)")
#: "a fortnight ago" is "two weeks ago" ("a fortnight from Monday" has its own pattern).
_FORTNIGHT_AGO = re.compile(r"\b(?:a|one) fortnight (?=(?:ago|earlier|later)\b)")


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
    if " : " in t:
        t = _SPACED_COLON.sub(":", t)  # text tokenised with spaces: "10 : 30 a. m."
    if "fortnight" in t:
        t = _FORTNIGHT_AGO.sub("two weeks ", t)
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
#: Zones written after a clock time ("0630 BST", "11:30 local time"); only UTC/GMT are Zulu.
_ZONES = r"utc|gmt|bst|cet|cest|est|edt|et|pst|pdt|cst|cdt|mst|mdt|jst|kst|ist|aest|local time"
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
    "clock24": re.compile(rf"(\d{{1,2}}):(\d{{2}})(?: ({_ZONES}))?"),
    "clock_hhmm": re.compile(rf"([01]\d|2[0-3])([0-5]\d) ({_ZONES})"),
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
    r"twelve)(?:[:.](\d{2}))?(?: o'clock)? (?:in the (morning|afternoon|evening)|at night)"
)
#: A clock time with a hedge: "shortly before midnight", "just after noon", "about 6.10am".
_HEDGED_CLOCK = re.compile(
    r"(?:(shortly|just|soon|right|immediately|moments|minutes|a few minutes|not long) "
    r"(before|after)|(approximately|roughly|around|about)) (.+)"
)
_DAY_BEFORE = re.compile(r"(?:the )?day (before|after) (.+)")
_NTH_WEEK_OF = re.compile(r"(?:the )?(first|second|third|fourth|last|final) week (?:of|in) (.+)")
_TIME_CONNECT = re.compile(
    rf"(.+?),? (?:on |at )?((?:{_WD_FULL}|today|yesterday|tomorrow|tonight)(?: (?:morning|"
    rf"afternoon|evening|night))?|last night|this (?:morning|afternoon|evening)"
    rf"|(?:{_MONTH_RE}) {_DAY}(?:,? {_YEAR})?)"
)
#: A dotted clock time with no am/pm ("6.10"): a time only where its day's part says which.
_BARE_DOTTED = re.compile(r"(\d{1,2})\.([0-5]\d)")
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


_PART_WITH_MOD = re.compile(
    rf"(early|mid|late)[- ]?(morning|afternoon|evening)(?: (?:on |of )?(yesterday|today|tomorrow|"
    rf"{_WD_FULL}))?"
)


def _words(words) -> re.Pattern:
    """A pattern that fullmatches exactly one of ``words``."""
    return re.compile("|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)))


_REF_WORDS = _words(REFS)
_SET_ADVERB_WORDS = _words(SET_ADVERBS)
_MONTH_MONTH = re.compile(rf"({_MONTH_RE}) month")
_PRE_POST_YEAR = re.compile(rf"(pre|post)-({_YEAR})")
_YEAR_BEFORE = _words({"the year before", "the year previous", "the year earlier"})
_YEAR_AGO_WORDS = _words({"year-ago", "year-earlier", "a year-ago", "a year-earlier",
                          "the year-ago", "the year-earlier"})
_FULL_YEAR = _words({"the full year", "the entire year", "the whole year", "the calendar year",
                     "the full fiscal year", "full-year"})
_YEAR_NTH_QUARTER = re.compile(
    rf"(?:the )?({_YEAR}) (first|second|third|fourth|final) (quarter|half)"
)
_SAME_PERIOD_YEAR_AGO = re.compile(
    r"(?:the )?(?:same|comparable|corresponding) (period|quarter|month)"
    r"(?:,? (?:a year (?:ago|earlier)|(?:of )?(?:the )?last year|"
    r"(?:of )?the previous year|(?:of )?the prior year))"
)
_YEAR_END = _words({"year-end", "year end", "the end of the year", "the year-end", "year's end",
                    "the end of this year"})
_PART_OF_DAY = re.compile(r"(?:the |that )?(morning|afternoon|evening|night)")
_RATE = re.compile(rf"\d[\d,.]* (?:a|an|per) ({_UNIT_RE})")
_PAST_DECADE = re.compile(r"(?:the )?(past|last|next|coming) (decade|century)")
_WEEK_OF = re.compile(r"the week of (.*)", re.DOTALL)
_SOMEDAY = re.compile("someday")
_UNIT_LONG = re.compile(rf"({_UNIT_RE})-long")
