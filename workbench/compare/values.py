"""Reported values as intervals: counts and quantities with their hedges, read from a sentence.

"more than 100" is (100, inf), "at least 12" is [12, inf), "about 50" is 45..55, "dozens" is
24..99, "12 to 15" is [12, 15]. Two values conflict only when their intervals cannot both hold.
Numbers that are not amounts of anything are skipped: clock times ("11:07 p.m."), labels ("No.
5 reactor", "#3"), years ("the 2011 quake"), ages ("a 33-year-old"), ordinals and date parts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from workbench.compare.mentions import parse_number

__all__ = ["CURRENCIES", "DIMENSIONS", "Amount", "amounts", "dimension", "in_base_unit", "intervals_overlap",
           "is_exact", "one_unit_amounts"]

_WORD_NUMBERS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred"
)
#: Digits, with thousands grouped by commas; tokenised text spaces the comma ('10 , 000'; a
#: comma followed by a space, '2, 000', is closed up first by :func:`_joined_thousands`).
_DIGITS = r"\d{1,3}(?:(?:,| , )\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|(?:{_WORD_NUMBERS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
                "m": 1e6, "bn": 1e9, "k": 1e3}
#: Vague amounts, as intervals.
_VAGUE = {
    "a few": (2, 5), "several": (3, 9), "a dozen": (10, 14), "dozens of": (24, 99),
    "dozens": (24, 99), "several dozen": (24, 108), "scores of": (40, 199),
    "hundreds of": (200, 999), "hundreds": (200, 999), "several hundred": (200, 999),
    "thousands of": (2000, 9999), "thousands": (2000, 9999), "several thousand": (2000, 9999),
    "tens of thousands of": (20000, 99999), "tens of thousands": (20000, 99999),
    "tens of millions of": (2e7, 9.99e7), "tens of millions": (2e7, 9.99e7),
    "tens of billions of": (2e10, 9.99e10), "tens of billions": (2e10, 9.99e10),
    "hundreds of thousands of": (200000, 999999),
    "millions of": (2e6, 9.99e6), "half a dozen": (6, 6), "a couple of": (2, 3),
    "half a million": (5e5, 5e5), "half a billion": (5e8, 5e8),
    "a handful of": (2, 9),
}
#: What a vague amount stands for when a hedge bounds it ('more than a dozen': more than 12).
_NOMINAL = {"a dozen": 12.0, "half a dozen": 6.0, "half a million": 5e5, "half a billion": 5e8}
_HEDGES = (
    r"(?:a little|a bit|slightly|just|well) (?:more|less) than|(?:a little|slightly|well) "
    r"(?:over|under)|more than|over|upwards of|in excess of|above|exceeding|at least|"
    r"no fewer than|no less than|a minimum of|about|around|approximately|roughly|some|"
    r"an estimated|estimated|close to|nearly|almost|just under|just over|up to|as many as|"
    r"fewer than|less than|under|at most|no more than"
)
_HEDGE = re.compile(r"(?P<hedge>" + _HEDGES + r")\s+$", re.IGNORECASE)
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "us$": "USD"}
#: The units of money (an amount of money has no dimension: currencies are never converted).
CURRENCIES = frozenset(_CURRENCY.values())
_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "percentage points": "percentage points",
    "percentage point": "percentage points",
    "km": "km", "kilometers": "km", "kilometres": "km", "miles": "miles", "mile": "miles",
    "meters": "m", "metres": "m", "feet": "feet", "foot": "feet", "inches": "inches",
    "tons": "tons", "tonnes": "tonnes", "kg": "kg", "kilograms": "kg", "pounds": "pounds",
    "barrels": "barrels", "acres": "acres", "hectares": "hectares", "degrees": "degrees",
    "mph": "mph", "km/h": "km/h", "magnitude": "magnitude", "dollars": "USD", "euros": "EUR",
    "yen": "JPY", "pounds sterling": "GBP", "years": "years", "months": "months",
    "days": "days", "hours": "hours", "minutes": "minutes", "weeks": "weeks",
    "year": "years", "month": "months", "day": "days", "hour": "hours", "minute": "minutes",
    "week": "weeks", "ft": "feet", "lb": "pounds", "lbs": "pounds", "metric tons": "tonnes",
    "metric tonnes": "tonnes", "decades": "decades", "decade": "decades", "meter": "m",
    "metre": "m", "kilometer": "km", "kilometre": "km", "kilogram": "kg", "ton": "tons",
    "tonne": "tonnes", "pound": "pounds", "inch": "inches", "m": "m", "usd": "USD", "eur": "EUR",
    "gbp": "GBP", "jpy": "JPY", "kph": "km/h",
    "miles per hour": "mph", "miles an hour": "mph", "cm": "cm", "centimetres": "cm",
    "centimeters": "cm", "mm": "mm", "millimetres": "mm", "millimeters": "mm",
}
#: Units of one dimension, with their size in its base unit (metre, kilogram, hour): values in
#: two units of one dimension are compared in the base unit.
DIMENSIONS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0), "miles": ("length", 1609.344), "m": ("length", 1.0),
    "feet": ("length", 0.3048), "inches": ("length", 0.0254), "cm": ("length", 0.01),
    "mm": ("length", 0.001),
    "kg": ("mass", 1.0), "pounds": ("mass", 0.45359237), "tonnes": ("mass", 1000.0),
    "tons": ("mass", 907.18474),
    "minutes": ("duration", 1 / 60), "hours": ("duration", 1.0), "days": ("duration", 24.0),
    "weeks": ("duration", 168.0), "months": ("duration", 730.5), "years": ("duration", 8766.0),
    "decades": ("duration", 87660.0),
    "mph": ("speed", 1.609344), "km/h": ("speed", 1.0),
    "acres": ("area", 0.40468564), "hectares": ("area", 1.0),
}


def dimension(unit: str | None) -> str | None:
    """The dimension of a unit ('feet' -> 'length'), or None for currencies, '%' and counts."""
    return DIMENSIONS[unit][0] if unit in DIMENSIONS else None


def in_base_unit(low: float, high: float, unit: str | None) -> tuple[float, float]:
    """An interval in its dimension's base unit ('40 feet' -> 12.19 m); unchanged otherwise."""
    if unit not in DIMENSIONS:
        return low, high
    f = DIMENSIONS[unit][1]
    return low * f, high * f


#: What follows an 'm' without a currency that makes it metres, not millions: a hyphen or a
#: word that is no plural and no function word ('an 80m-deep well', 'a 40m dry well', '10m
#: tall'; but '5m people', '3m barrels', '5m in aid').
_METRES = (r"(?:-|\s(?!(?:people|of|in|and|or|to|for|from|a|an|the|more|on|at|by|with|was|"
           r"is|were|are|had|has|have|worth|which|who|that)\b)[a-z]*[a-rt-z]\b"
           r"|\s[(\[]\s?[\d,.]+\s?(?:ft|feet|foot|inches|yards|miles)\b|\sby\s[\d.]+m\b)")
#: A unit written onto its number ('58km', '2000ft', '16,800kg', '12mph', '20km/h', '9cm').
_ATTACHED = r"(?:km|ft|kg|lbs?|mph|kph|cm|mm)\b"
_AMOUNT = re.compile(
    r"(?<![\w$£€¥.,:/#-])"
    r"(?P<vague>(?:tens of (?:thousands|millions|billions)|hundreds of thousands|several dozen|"
    r"several hundred|several thousand|half a (?:dozen|million|billion)|a dozen|a few|a couple of|a handful of|"
    r"several|dozens|"
    r"hundreds|thousands|millions|scores)"
    r"(?:\s+of)?)"
    r"|(?<![\w$£€¥.,:/#-])(?P<cur>US\$|[$£€¥])?\s?(?P<num>" + _NUMBER + r")"
    r"(?:\s*(?:-to-|-|to|–)\s*(?P<num2>" + _DIGITS + r"))?"
    r"(?:(?:\s|-(?=(?:hundred|thousand|million|billion|trillion)\b))?"
    r"(?P<scale>hundred|thousand|million|billion|trillion|bn|"
    r"(?(cur)m|(?:(?-i:M)|m(?!" + _METRES + r")))|k)\b)?"
    r"(?!(?!(?-i:m)" + _METRES + r"|" + _ATTACHED + r")[\w:/]|\.\d|,\d)",
    re.IGNORECASE,
)
_FRACTION_AFTER = re.compile(r"^-(?:half|halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?|"
                             r"[a-z]+-\d)\b", re.IGNORECASE)
_AND_A_HALF = re.compile(r"^[- ]and[- ]a[- ]half\b", re.IGNORECASE)
_DOZEN_AFTER = re.compile(r"^[- ]dozen\b(?!s)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"between\s+$", re.IGNORECASE)
_RANGE_AND = re.compile(r"^\s+and\s+(?P<num2>" + _DIGITS + r")\b")
_LABEL_BEFORE = re.compile(
    r"(?:\bNo\.?|\bno\.|#|\bnumber|\bNos?\.|\bunit|\breactor|\bflight|\broute|\bgate|\bpage|"
    r"\broom|\bplatform|\bterminal|\bline|\bchapter|\bsection|\barticle|\bversion|\bgrade|"
    r"\blevel|\bphase|\bstage|\bcategory|\bstep|\bminute|\bround|\bgame|\bweek|\bday|\bpart"
    r"|\bparagraph|\bclause|\bsize|\bage|\baged|\bpage|\bupdate|\bpatch|\bfirmware"
    r"|\bages?\s+(?:of|from|between)|\bin\s+age\s+(?:from|between|of)?)\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"^\s*(?:a\.?\s?m\b|p\.?\s?m\b|\s?[:.]\s?\d\d\b|o'clock|GMT|UTC|ET\b|EST\b|local time|hrs\b|"
                         r"\s?-\s?years?\s?-\s?old|-year|year-old|years old|th\b|st\b|nd\b|rd\b)",
                         re.IGNORECASE)
#: A version named by its number ('the 5.50 update', 'firmware 2.1').
_LABEL_AFTER = re.compile(r"^\s?(?:update|patch|firmware|release)\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"[\w,]\s[A-Z][A-Za-z]+\s?$|\b[A-Z]{1,5}\s?[-–]\s?$")
_ADDRESS_AFTER = re.compile(r"^\s*(?:block|street|st\.|avenue|ave\.|road|rd\.)\b", re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\d\s?:\s?$")  # the minutes of '10 : 30'
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH_NEAR = re.compile(r"\b(?:" + _MONTHS + r")\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"^\s*(?:" + _MONTHS + r")\b", re.IGNORECASE)


def _words_of_the_number(m: re.Match, after: str, low: float, high: float, unit: str
                         ) -> tuple[float, float, int]:
    """(low, high, characters taken) after the words that belong to a number.

    '11-and-a-half hour': the half belongs to the number; 'two dozen protesters' counts 24.
    """
    half = _AND_A_HALF.match(after)
    if half and not m.group("num2"):
        return low + 0.5, high + 0.5, half.end()
    dozen = _DOZEN_AFTER.match(after)
    if dozen and not m.group("scale") and not unit:
        return low * 12, high * 12, dozen.end()
    return low, high, 0


#: One unit written with an article: 'less than a day', 'about an hour', 'half an hour', 'a
#: day and a half'. Alone ('twice a day', 'a year ago') it measures nothing, so it is read only
#: hedged or halved.
_ONE_UNIT = re.compile(
    r"(?<![\w-])(?:(?P<hedge>" + _HEDGES + r")\s+)?(?:(?P<half>half)\s+)?\b(?:an?)\s+"
    r"(?P<unit>minute|hour|day|week|month|year|decade|mile|kilometre|kilometer|metre|meter|"
    r"foot|inch|ton|tonne)\b(?P<and_half>\s+and\s+a\s+half\b)?(?![-\w])",
    re.IGNORECASE,
)


def one_unit_amounts(text: str) -> list[Amount]:
    """The amounts of one unit written with an article ('less than a day': 0..1 days)."""
    out = []
    for m in _ONE_UNIT.finditer(text):
        if not (m.group("hedge") or m.group("half") or m.group("and_half")):
            continue
        n = 0.5 if m.group("half") else 1.5 if m.group("and_half") else 1.0
        low = high = n
        if m.group("hedge"):
            low, high = _hedged(n, n, m.group("hedge"), integer=False)
        out.append(Amount(m.start(), m.end(), m.group(0), low, high,
                          _UNITS[m.group("unit").casefold()], bool(m.group("hedge"))))
    return out


@dataclass(frozen=True)
class Amount:
    """One amount read from a sentence: its span, its interval and what kind of amount it is."""

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str
    is_hedged: bool


def is_exact(a: Amount) -> bool:
    """True for a plain number ('124'), False for a hedged or vague one ('more than 100')."""
    return not a.is_hedged and a.low == a.high


def intervals_overlap(lo_a: float, hi_a: float, lo_b: float, hi_b: float) -> bool:
    """True when [lo_a, hi_a] and [lo_b, hi_b] share a value (inf for an open side)."""
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


def _scaled(num: str, scale: str | None) -> float | None:
    v = parse_number(num)
    if v is None:
        return None
    return v * _SCALE_WORDS.get((scale or "").casefold(), 1)


def _approx_slack(value: float, written: str | None, scale: float) -> float:
    """How far 'about N' reaches either side: as far as the way N is written says.

    A decimal ('some 88.41 percent') is precise to its last digit; a whole number to half its
    last nonzero digit's place and at least 5 % ('about 850': 42.5), never more than 10 % ('about
    50': 5); a number in words, 10 %.
    """
    digits = (written or "").replace(",", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return abs(value) * 0.1
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1]) * scale
    place = 10.0 ** (len(digits) - len(digits.rstrip("0"))) * scale
    return min(max(place / 2, abs(value) * 0.05), abs(value) * 0.1)


def _hedged(low: float, high: float, hedge: str, *, integer: bool,
            written: str | None = None, scale: float = 1.0) -> tuple[float, float]:
    h = hedge.casefold()
    step = 1 if integer else max(abs(high) * 1e-6, 1e-9)
    # 'a little more than' is 'more than' ('just under' stays close below)
    h = re.sub(r"^(?:a little |a bit |slightly |well |just (?!under$))", "", h)
    if h in ("more than", "over", "upwards of", "in excess of", "above", "exceeding"):
        return high + step, math.inf
    if h in ("at least", "no fewer than", "no less than", "a minimum of"):
        return low, math.inf
    if h in ("nearly", "almost", "just under", "close to"):
        return low * 0.9, high
    if h in ("up to", "as many as", "at most", "no more than"):
        return 0.0, high
    if h in ("fewer than", "less than", "under"):
        return 0.0, high - step
    # about, around, approximately, roughly, some, an estimated
    return low - _approx_slack(low, written, scale), high + _approx_slack(high, written, scale)


def _vague_amount(m: re.Match, text: str) -> list[Amount]:
    """A vague amount ('dozens of') as an interval, bounded by the hedge before it, if any.

    'more than a dozen' is more than 12; 'at least dozens' is 24 or more, 'up to hundreds' 999
    or fewer; 'about dozens' stays 24..99.
    """
    words = re.sub(r"\s+", " ", m.group("vague").casefold())
    lo, hi = _VAGUE.get(words, _VAGUE.get(re.sub(r"\s+of$", "", words), (None, None)))
    if lo is None:
        return []
    lo, hi = float(lo), float(hi)
    start = m.start()
    h = _HEDGE.search(text[max(0, start - 30):start])
    if h:
        start = max(0, start - 30) + h.start()
        nominal = _NOMINAL.get(re.sub(r"\s+of$", "", words))
        if nominal is not None:
            lo, hi = _hedged(nominal, nominal, h.group("hedge"), integer=True)
        else:
            # the hedge of one: a floor opens the top, a ceiling ('up to') the bottom
            bounded = _hedged(1.0, 1.0, h.group("hedge"), integer=True)
            lo = 0.0 if bounded[0] == 0 else lo
            hi = math.inf if math.isinf(bounded[1]) else hi
    return [Amount(start, m.end(), text[start:m.end()], lo, hi, "", True)]


#: The second number of a page counter ('Photo 7 of 41 Next', '3/10'): no noun follows it.
_COUNTER_BEFORE = re.compile(r"\b\d+\s?(?:of|/)\s?$")
_COUNTER_AFTER = re.compile(r"^(?!\s+[a-z])")
#: A score or a win-loss record ('won 26-24', 'a 7-8-1 record', 'Pittsburgh (12-3)', 'a vote
#: of 191 to 228'): two numbers of one contest, not a range of one amount.
_SCORE_BEFORE = re.compile(
    r"(?i)(?:\b(?:won|lost|beat|defeated|trailed|led|leading|finish(?:ed|ing)?|went|tied|"
    r"edged|routed|improved? to|fell to|dropped to|record(?: to| of)?|score(?: of)?|"
    r"vote(?: of)?|tally(?: of)?|margin of))\s*$")
_SCORE_AFTER = re.compile(
    r"(?i)^(?:\s?-\s?\d|\s+(?:record|win|victory|loss|defeat|lead|season|start|tie|"
    r"draw|vote|decision|mark|finish|halftime|ahead|edge)\b)")


def _is_score_or_counter(m: re.Match, before: str, after: str) -> bool:
    """Whether two numbers are a score or record, or a number ends a page counter."""
    if m.group("num2"):
        return bool(_SCORE_BEFORE.search(before) or _SCORE_AFTER.match(after)
                    or (before.endswith("(") and after.startswith(")")))
    return bool(_COUNTER_BEFORE.search(before) and _COUNTER_AFTER.match(after))


#: A bare number cut off by an ellipsis ('another $10...', 'the $1.7...'): a teaser that ends
#: before the scale or the counted noun, so what the number is is not told.
_CUT_OFF = re.compile(r"^(?:\.\.\.|…)")


#: The first number of a counter or a ratio written with a spaced slash ('Slide 1 / 12 The
#: mayor'): a position, not a count ('24/7' and '9/11' are never read).
_RATIO_AFTER = re.compile(r"^\s/\s?\d")


def _not_an_amount(m: re.Match, before: str, after: str) -> bool:
    """Whether the words around a number make it a label, a time, a date part, a name ..."""
    return bool(
        _is_score_or_counter(m, before, after) or _LABEL_BEFORE.search(before)
        or (not m.group("scale") and _CUT_OFF.match(after)) or _RATIO_AFTER.match(after)
        or _LABEL_AFTER.match(after)
        or _TIME_AFTER.match(after) or _TIME_BEFORE.search(before)
        or _MONTH_NEAR.search(before) or _MONTH_AFTER.match(after)
        # 'two-thirds', 'one-half': a share, not a count; '6-foot-2': a height
        or _FRACTION_AFTER.match(after)
        # 'Pixel 2', 'Apollo 11', 'AK-47'; 'the 12000 block of'
        or _NAME_BEFORE.search(before) or _ADDRESS_AFTER.match(after))


#: A number grouped by a comma and a space ('1, 300 biologists', '$380, 600'), as tokenised
#: text writes thousands. '5, 300' after a month is a day and a count (see also
#: _GROUP_NOT_AFTER); three digits before the comma are one number only after a currency sign
#: or before round thousands ('300, 400 meters' may list two; '300, 000 people' hardly).
_SPACED_GROUPS = re.compile(r"(?<![\d.,])(?P<cur>(?:US\$|[$£€¥])\s?)?(?P<lead>\d{1,3})"
                            r"(?P<groups>(?:, \d{3})+)(?![\d])")


#: What makes a number before ', 300' a number of its own: a hyphen ('5-foot-8, 135 pounds')
#: or a list ('8, 10, 135').
_GROUP_NOT_AFTER = re.compile(r"(?:-|\d,)\s?$")


def _joined_thousands(text: str) -> str:
    """The text with each spaced thousands group closed up ('1, 300' -> ' 1,300'), same length."""

    def close(m: re.Match) -> str:
        before = text[max(0, m.start() - 12):m.start()]
        round_thousands = set(m.group("groups").split(", ")) <= {"", "000"}
        if _MONTH_NEAR.search(before) or _GROUP_NOT_AFTER.search(before) or (
                len(m.group("lead")) == 3 and not m.group("cur") and not round_thousands):
            return m.group(0)
        groups = m.group("groups").replace(", ", ",")
        pad = " " * (len(m.group("groups")) - len(groups))
        return f"{m.group('cur') or ''}{pad}{m.group('lead')}{groups}"

    return _SPACED_GROUPS.sub(close, text)


#: The unit after a number ('km / h' and 'miles per hour' are speeds, not lengths).
_UNIT_AFTER = re.compile(r"^(?:\s?-\s?|\s?)(%|percentage points?|per cent|percent|km\s?/\s?h\b|"
                         r"miles (?:per|an) hour|metric tonn?es|metric tons|[a-z]+)", re.IGNORECASE)
#: A name of a length before a number, which makes an 'm' after it metres ('a depth of 40m.',
#: 'Total width: 12.2m').
_LENGTH_BEFORE = re.compile(r"(?i)\b(?:depth|height|length|width|altitude|distance|deep|tall|high|"
                            r"long|wide)(?:\s+of|:)?\s+(?:(?:about|around|some|nearly|almost|over|"
                            r"more than|less than|up to)\s+)?$")


_YEAR = re.compile(r"(?:1[6-9]|20)\d\d")


def _unit_name(written: str) -> str:
    """A unit as :data:`_UNITS` names it ('KM / h' -> 'km/h')."""
    return re.sub(r"\s*/\s*", "/", written.casefold())


def _unit_after(m: re.Match, after: str, unit: str, metres: bool) -> tuple[str, int]:
    """(unit, characters it takes after the number) of an amount whose currency is ``unit``."""
    if metres:
        return "m", 0  # the 'm' is in the match already
    unit_m = _UNIT_AFTER.match(after)
    if not unit and unit_m and _unit_name(unit_m.group(1)) in _UNITS:
        return _UNITS[_unit_name(unit_m.group(1))], unit_m.end()
    return unit or (m.group("cur") or ""), 0


def _metres_not_millions(m: re.Match, before: str) -> bool:
    """Whether a bare 'm' read as millions is metres: a length is named before it."""
    return bool(m.group("scale") == "m" and not m.group("cur") and _LENGTH_BEFORE.search(before))


def amounts(text: str) -> list[Amount]:
    """The amounts a sentence gives, as intervals with their units.

    Args:
        text: A sentence.

    Returns:
        One :class:`Amount` per number or vague amount ('dozens of'), in order. ``unit`` is a
        currency code, a unit ('%', 'km', 'years') or '' for a count of things (the counted
        noun follows the span). Clock times, labels ('No. 5'), years, ages, ordinals and date
        parts are left out.
    """
    out: list[Amount] = []
    taken = 0
    written, text = text, _joined_thousands(text)
    for m in _AMOUNT.finditer(text):
        if m.start() < taken:
            continue
        before = text[max(0, m.start() - 24):m.start()]
        after = text[m.end():m.end() + 24]
        if m.group("vague"):
            out.extend(_vague_amount(m, text))
            continue
        num = m.group("num")
        if _not_an_amount(m, before, after):
            continue

        metres = _metres_not_millions(m, before)
        low = _scaled(num, None if metres else m.group("scale"))
        if low is None:
            continue
        high = low
        if m.group("num2"):
            high2 = _scaled(m.group("num2"), m.group("scale"))
            if high2 is None or high2 <= low or re.fullmatch(r"(?:1[6-9]|20)\d\d", m.group("num2")):
                continue
            high = high2
        elif _RANGE_BEFORE.search(before) and _RANGE_AND.match(after):
            tail = _RANGE_AND.match(after)
            high2 = _scaled(tail.group("num2"), m.group("scale"))
            if high2 is not None and high2 > low:
                high = high2
                taken = m.end() + tail.end()
        unit = _CURRENCY.get((m.group("cur") or "").casefold(), "")
        low, high, taken_after = _words_of_the_number(m, after, low, high, unit)
        after = text[m.end() + taken_after:m.end() + taken_after + 24]
        unit, unit_chars = _unit_after(m, after, unit, metres)
        span_end = m.end() + taken_after + unit_chars
        if _YEAR.fullmatch(num) and not (m.group("cur") or m.group("scale") or unit):
            continue  # a year ('the 2011 quake'; but '2000ft' is a height)
        start = m.start()
        hedged = False
        h = _HEDGE.search(text[max(0, start - 30):start])
        if h:
            integer = float(low).is_integer() and not unit
            low, high = _hedged(low, high, h.group("hedge"), integer=integer,
                                written=num if not m.group("num2") else None,
                                scale=_SCALE_WORDS.get((m.group("scale") or "").casefold(), 1.0))
            start = max(0, start - 30) + h.start()
            hedged = True
        out.append(Amount(start, span_end, written[start:span_end], float(low), float(high), unit,
                          hedged))
    return out
