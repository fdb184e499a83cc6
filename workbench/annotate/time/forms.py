"""Timex vocabulary (months, units, signals, ...) and the records of a parse and a resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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
