"""Find temporal expressions in a parsed ``Doc`` and read the tense that governs each.

Candidates come from spaCy's DATE/TIME entities plus our own patterns for what the small model
misses (weekday phrases, "now"/"recently", "every week", "daily", "two-year"), merged, trimmed to
TIMEX3 extent, and widened to the preposition that changes their interval ("from March 15").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from workbench.annotate.time.patterns import _BARE_DOTTED, _ZONES
from workbench.annotate.timex import (
    _MONTH_RE,
    _NUM_RE,
    _SIGNAL_RE,
    _UNIT_RE,
    _WD_FULL,
    MAX_SPAN_CHARS,
    TimexForm,
    parse_timex,
)

__all__ = ["Candidate", "find_timexes", "governing_direction"]

_EXTRA = re.compile(
    r"\b(?:"
    rf"(?:(?:last|next|this|this past|this coming|coming|early|late) )?(?:{_WD_FULL})"
    r"(?: (?:morning|afternoon|evening|night))?"
    r"|right now|now|currently|recently|lately|nowadays|these days|at present"
    r"|the past|the future|the near future|in recent years|recent years"
    r"|(?:hourly|daily|nightly|weekly|biweekly|monthly|quarterly|yearly|annually)"
    rf"|(?:every|each|once a|twice a|per) (?:other )?(?:{_UNIT_RE}|{_WD_FULL})"
    r"|(?:every|each) (?:january|february|march|april|june|july|august|september|october|"
    r"november|december)"
    rf"|\d{{1,3}}[ -]1/2[ -](?:{_UNIT_RE})|(?:{_UNIT_RE})-long"
    rf"|(?:{_NUM_RE}) and a half (?:{_UNIT_RE})"
    rf"|(?:{_NUM_RE})[ -](?:more |additional )?(?:{_UNIT_RE})(?: ago| earlier| later)?"
    r"|(?:that|the) same day"
    rf"|(?:{_NUM_RE}) (?:{_UNIT_RE}) (?:ago|earlier|later)|(?:a|one) fortnight (?:ago|earlier|later)"
    rf"|(?:mid|early|late)-(?:{_MONTH_RE}|\d{{4}})|(?:pre|post)-(?:1[89]|20)\d\d"
    rf"|(?:the )?(?:first|second|third|fourth)[ -]quarter"
    r"|today|yesterday|tomorrow|tonight|(?:(?<=around )|(?<=about ))(?:midnight|noon|midday)"
    rf"|(?<!\ban )(?<!\ba )(?:early|mid|late)[- ](?:morning|afternoon|evening)(?: (?:yesterday|"
    rf"today|tomorrow|"
    rf"{_WD_FULL}))?"
    r"|(?:last |next |this )?(?:thanksgiving|christmas|new year's|easter|election day|labor day|"
    r"memorial day|independence day|halloween|valentine's day|good friday)"
    r"(?: day| eve| sunday| week)?"
    r"|current(?! accounts?\b)|recent|(?<!as )soon(?! as\b| after\b|-)"
    r"|the latest (?:period|quarter)"
    r"|the (?:near|short|long) term|\d{1,2}:\d{2} ?(?:utc|gmt)|(?:[01]\d|2[0-3])[0-5]\d (?:utc|gmt)"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|the (?:early |mid-|late )?'?[1-9]0s|'[1-9]0s"
    r")\b",
    re.IGNORECASE,
)
#: A capitalized month name or abbreviation (case-sensitive, so the verb "may" is not a month).
_CAPITAL_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
#: Calendar dates written out ("Aug. 7", "March 15, 1998", "October 10, 2008").
_CALENDAR_DATE = re.compile(
    rf"\b{_CAPITAL_MONTH} (?:[12]\d|3[01]|0?[1-9])"
    r"(?:st|nd|rd|th)?(?:, (?:1[89]|20)\d\d)?\b(?![-/:.]?\d)"
)
# "now" etc. inside these are not time references
_NOT_TIME_PREV = re.compile(r"(?:\bjust|\bby|\bup|\bfrom)\s*$", re.IGNORECASE)
_TRIM_WORDS = (
    "about", "around", "some", "nearly", "almost", "roughly", "approximately", "only", "just",
    "at least", "more than", "less than", "over", "under", "up to", "at most", "the past",
    "the last", "the next", "past", "next", "last", "the", "sometime", "some time", "both", "all",
    "as early as", "as late as", "as recently as", "a", "an", "earlier", "later",
    "the early hours of", "the late hours of", "the day", "its", "their", "his", "her",
    "as long as", "as much as", "as many as", "no more than", "no less than", "each of",
    "during the day", "the night of", "the morning of", "the evening of", "the afternoon of",
)
#: Qualifiers before an expression, longest first so "the early hours of" wins over "the".
_LEADING_TRIM = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(_TRIM_WORDS, key=len, reverse=True))
    + r")\s+",
    re.IGNORECASE,
)
_SIGNAL_BEFORE = re.compile(
    r"(?:\b(?:starting from|starting on|starting in|beginning on|beginning in|as of|from|since|"
    r"until|till|through|by|before|after|on|in|during|no later than|prior to|as early as|"
    r"starting|beginning))\s+$",
    re.IGNORECASE,
)
_COMPOSITE_GAP = re.compile(
    r"\s+(?:from|after|before|starting|starting on|starting from|beginning|beginning on|"
    r"prior to|following)\s+$",
    re.IGNORECASE,
)
_TEMPORAL_WORD = re.compile(
    rf"\b(?:{_MONTH_RE}|{_WD_FULL}|{_UNIT_RE}|today|yesterday|tomorrow|\d{{4}}|spring|summer|"
    r"autumn|fall|winter|morning|evening|night|noon|midnight)\b",
    re.IGNORECASE,
)


_TRAILING_CONJ = re.compile(r"(?:\s+(?:and|or|to|of)|\s*[-,])$", re.IGNORECASE)
_AGE = re.compile(r"\d+|[a-z]+", re.IGNORECASE)
_AGE_RE = re.compile(r"(?:[- ](?:year|month|week|day)s?[- ]old)$", re.IGNORECASE)
_ADJACENT_GAP = re.compile(r"\s*(?:,|on|at)?\s*", re.IGNORECASE)
_RANGE_SPLIT = re.compile(r"\s*(?:-|\u2013|\bto\b|\band\b|\bthrough\b|\buntil\b)\s*",
                          re.IGNORECASE)


@dataclass
class Candidate:
    """One temporal expression found in a text, with its parsed form (if any)."""

    start: int
    end: int
    core_start: int
    core_end: int
    form: TimexForm | None
    origin: str
    parts: tuple[tuple[int, int], ...] = ()
    #: Lemma of the verb the expression hangs on ("shot ... at 10 p.m." -> "shoot"), if any.
    verb: str | None = None


def _spacy_spans(doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, "spacy") for e in doc.ents if e.label_ in {"DATE", "TIME"}]


def _pattern_spans(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _EXTRA.finditer(text):
        s, e = m.start(), m.end()
        word = m.group(0).lower()
        if word in {"now", "right now"} and _NOT_TIME_PREV.search(text[max(0, s - 8):s]):
            continue
        if word in {"the past", "the future"} and text[e:e + 1] == " " and text[e + 1:e + 4] in {
            "two", "thr", "few", "sev", "fou", "fiv", "six", "ten", "yea", "wee", "mon", "day"
        }:
            continue
        out.append((s, e, "pattern"))
    return out


#: Clock times the recognizer often leaves unlabeled or calls a number: "6.10am", "10.30 pm",
#: "11:30PM", "6 a.m.", "11:30 local time", "0630 BST", and in text tokenised with spaces
#: "10 : 30 a. m.". A dotted time needs its am/pm (or a
#: zone): a bare "6.10" is a price or a decimal unless the sentence says otherwise
#: (:func:`_part_clock`).
_CLOCK = re.compile(
    r"(?<![\w£$€¥.,:])(?:"
    r"(?:[01]?\d|2[0-3])(?:[.:][0-5]\d| : [0-5]\d)? ?(?:[ap]m\b|[ap]\.m\.(?!\w)|[ap]\.m\b"
    r"|[ap]\. m\.(?!\w)|[ap]\. m\b)"
    rf"(?: (?:{_ZONES})\b)?"
    rf"|(?:[01]?\d|2[0-3])[.:][0-5]\d (?:{_ZONES})\b"
    rf"|(?:[01]\d|2[0-3])[0-5]\d (?:{_ZONES})\b"
    r")(?![.:,]?\d)",
    re.IGNORECASE,
)
#: "at 6.10", "around 18.45": a dotted number where a clock time may stand, read as one only
#: when its sentence names a part of the day (:func:`_part_clock`).
_DOTTED_AFTER_AT = re.compile(
    r"\b(?:at|around|about|by|until|till|from|before|after) "
    r"((?:[01]?\d|2[0-3])\.[0-5]\d)(?![.,]?\d)(?! ?(?:%|[ap]\.?m\b))",
    re.IGNORECASE,
)


def _clock_spans(text: str) -> list[tuple[int, int, str]]:
    out = [(m.start(), m.end(), "pattern") for m in _CLOCK.finditer(text)]
    return out + [(m.start(1), m.end(1), "pattern") for m in _DOTTED_AFTER_AT.finditer(text)]


def _calendar_spans(doc) -> list[tuple[int, int, str]]:
    """Written-out dates the entity recognizer left unlabeled (a dateline it did not tag).

    Where it gave the words another label ("the September 11 attacks" as an EVENT) that
    reading stands.
    """
    out = []
    for m in _CALENDAR_DATE.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and all(t.ent_iob_ in {"O", ""} for t in span):
            out.append((m.start(), m.end(), "pattern"))
    return out


def _merge(spans: list[tuple[int, int, str]]) -> list[list]:
    spans = sorted(spans, key=lambda x: (x[0], -x[1]))
    merged: list[list] = []
    for s, e, origin in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if origin == "spacy":
                merged[-1][2] = "spacy"
            continue
        merged.append([s, e, origin])
    return merged


#: The word that joins the two ends of a range, at the end of the first end's span or between
#: the spans ("[between 2002 and] [2009]", "[2001] to [2005]"). A 'through' is left to the
#: range tail of :func:`find_timexes` ("from Friday through Sunday" keeps its two ends).
_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\bto|\buntil|(?P<and>\band))\s*$",
                        re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\b", re.IGNORECASE)


def _join_open_ranges(text: str, spans: list[list]) -> list[list]:
    """Join the two ends of a range the recognizer split in two, when the whole reads as one.

    An 'and' joins only after 'between' ('in 2002 and 2009' names two years).
    """
    out: list[list] = []
    for span in spans:
        prev = out[-1] if out else None
        m = _RANGE_GAP.search(text, prev[0], span[0]) if prev is not None else None
        if m and m.start() <= prev[1] and (
                not m.group("and") or _BETWEEN.search(text, max(0, prev[0] - 12), m.start())):
            form = parse_timex(text[prev[0]:span[1]])
            if form is not None and form.kind == "range":
                prev[1] = span[1]
                continue
        out.append(span)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum() and text[s] not in "'":
        s += 1
    while e > s and text[e - 1] in " ,;:.-\n\t)(\"":
        if text[e - 1] == "." and e - s >= 2 and text[e - 2].isalpha() and \
                text[max(s, e - 5):e].lower().rstrip(".").endswith(("a.m", "p.m")):
            break
        e -= 1
    if text[s:e].lower().endswith("'s"):
        e -= 2
    m = _TRAILING_CONJ.search(text[s:e])
    if m:
        e = s + m.start()
    return s, e


_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
_CONJ = re.compile(r"\s*(?:,|;|\band\b|\bor\b)\s*", re.IGNORECASE)
_ENDED = re.compile(r"\s+(?:that |which )?(?:ended|ending|ends|through)\s+", re.IGNORECASE)
_LEFT_WORD = re.compile(
    r"(?:\b(?:this|last|next|that|the|early|late|mid|earlier|later|each|every|past|coming))\s+$",
    re.IGNORECASE,
)


def _extend_left(text: str, s: int, e: int) -> int:
    """Take in a determiner spaCy left out ("This" of "This year") when the whole still reads."""
    m = _LEFT_WORD.search(text[max(0, s - 12):s])
    if not m:
        return s
    new_s = s - (len(text[max(0, s - 12):s]) - m.start())
    if parse_timex(text[s:e]) is None and parse_timex(text[new_s:e]) is not None:
        return new_s
    return s


#: The far end of a range after a date: "[from 2009] to 2011", "[March 3] through March 5".
_RANGE_TAIL = re.compile(
    rf" ?(-|\u2013|to|through|until|and) ?(?:(?:1[89]|20)\d\d|{_CAPITAL_MONTH} \d{{1,2}}"
    r"(?:, \d{4})?)\b(?![-/:.,]?\d)"
)
_SAME_PERIOD_BEFORE = re.compile(
    r"\b(?:the )?(?:same|comparable|corresponding) (?:period|quarter|month),? (?:of )?$",
    re.IGNORECASE)
_OR_SO = re.compile(r" or so(?: (?:ago|earlier|later|before|after)\b)?", re.IGNORECASE)
_RIGHT_WORD = re.compile(rf"[ -](?:period|quarter|{_ZONES})\b", re.IGNORECASE)


def _extend_right(text: str, s: int, e: int) -> tuple[int, int]:
    """Take in the noun or zone spaCy left out ("the 1988 [period]", "14:58 [UTC]")."""
    m = _RIGHT_WORD.match(text, e)
    if not m:
        return s, e
    new_e = m.end()
    left = _LEFT_WORD.search(text[max(0, s - 12):s])
    starts = [s] + ([s - (len(text[max(0, s - 12):s]) - left.start())] if left else [])
    for new_s in reversed(starts):
        form = parse_timex(text[new_s:new_e])
        if form is not None and form.kind not in {"duration"}:
            return new_s, new_e
    return s, e


def _parse_span(text: str, s: int, e: int) -> tuple[TimexForm | None, int, int]:
    """Parse text[s:e]; on failure, try it without leading qualifiers."""
    chunk = text[s:e]
    form = parse_timex(chunk)
    if form is not None:
        return form, s, e
    rest = chunk
    for _ in range(3):
        m = _LEADING_TRIM.match(rest)
        if not m:
            break
        rest = rest[m.end():]
        form = parse_timex(rest)
        if form is not None:
            return form, s, e
    # spaCy sometimes starts a DATE a word or two early ("seven a year ago", "coup d'etat last
    # year"): drop leading words that are not temporal, and keep the rest as the expression
    pos = 0
    for _ in range(2):
        m = _FIRST_WORD.match(chunk, pos)
        if not m or _TEMPORAL_WORD.match(m.group(1)) or m.group(1)[:1].isupper() or \
                m.end() >= len(chunk):
            break
        pos = m.end()
        rest = chunk[pos:]
        if len(rest.split()) < 2 or re.fullmatch(r"the \S+", rest, re.IGNORECASE):
            continue
        form = parse_timex(rest)
        if form is not None and form.kind not in {"set", "ref"} and form.signal is None:
            return form, s + pos, e
    return None, s, e


_FIRST_WORD = re.compile(r"([^\s]+)\s+")
def _is_attributive(doc, s: int, e: int) -> bool:
    span = doc.char_span(s, e)
    return span is not None and len(span) == 1 and span[0].dep_ == "amod"


_FRACTION = re.compile(r"(?:(?:about|nearly|almost|more than|less than) )?(?:a|one|two|three)"
                       r"[ -]quarters?", re.IGNORECASE)
_OF_WORD = re.compile(r" of (?:the |its |their |his |her |our |all )?([A-Za-z0-9-]+)")


def _not_a_period(doc, text: str, s: int, e: int) -> bool:
    """"three-quarters of its food", "a second group": a fraction or an ordinal, no time."""
    chunk = text[s:e]
    if _FRACTION.fullmatch(chunk):
        m = _OF_WORD.match(text, e)
        return "-" in chunk or (m is not None and not _TEMPORAL_WORD.fullmatch(m.group(1)))
    if chunk.lower() == "a second":
        nxt = doc.char_span(s, e, alignment_mode="expand")
        if nxt is not None and nxt.end < len(doc):
            return doc[nxt.end].pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
    return False


_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
_HHMM = re.compile(r"([01]\d|2[0-3])([0-5]\d)(?: (hours|hrs|local time|gmt|utc))?", re.IGNORECASE)


def _clock_at(text: str, s: int, e: int, form: TimexForm | None) -> TimexForm | None:
    """"struck at 1353", "at 0600 hours": a four-digit clock time, not a year.

    Years take "in"; after "at" a number that cannot be a modern year (before 1800, or with a
    leading zero) or that carries a zone or "hours" is read as HHMM. "at 2000" stays a year.
    """
    m = _HHMM.fullmatch(text[s:e])
    if not m or not _AT_BEFORE.search(text[max(0, s - 4):s]):
        return form
    zone = (m.group(3) or "").lower()
    if not zone and text[s] != "0" and int(text[s:s + 4]) >= 1800:
        return form
    clock = parse_timex(f"{m.group(1)}:{m.group(2)}" + (f" {zone}" if zone in {"gmt", "utc"}
                                                          else ""))
    return clock or form


_LEADING_DOTTED = re.compile(r"\d{1,2}\.[0-5]\d(?![\d.]| ?[ap]\.?m\b)", re.IGNORECASE)
_PART_WORD = re.compile(r"\b(morning|afternoon|evening|night|tonight)\b", re.IGNORECASE)
#: Words after a number that make it a price, a share or a measure ("6.10 per cent").
_NOT_CLOCK_AFTER = frozenset({"per", "percent", "pc", "p", "pence", "cents", "cent", "points",
                              "pts", "times", "x"})
#: Verbs whose "at" gives a value, not a time ("shares closed at 6.10 on Monday morning").
_VALUE_VERBS = frozenset({"close", "trade", "stand", "end", "finish", "settle", "peak", "price",
                          "value", "sell", "buy", "fix", "quote", "peg", "rate", "hit", "reach",
                          "rise", "fall", "climb", "drop", "level", "cap", "bid", "offer"})


def _part_clock(doc, text: str, s: int, e: int, form: TimexForm | None) -> TimexForm | None:
    """"at 6.10 on Wednesday morning": a dotted number read as a time by its sentence.

    A time that opens with a bare "H.MM" (no am/pm) stands only where the number is followed
    by no unit, share or noun and is not the value of a price verb: "6.10 per cent", "£6.10"
    and "6.10 metres" stay numbers. A bare "H.MM" that nothing else read is a time when its
    sentence names a part of the day (the nearest one sets am or pm).
    """
    lead = _LEADING_DOTTED.match(text, s, e)
    if lead is None or (form is not None and form.kind != "time"):
        return form
    span = doc.char_span(s, lead.end(), alignment_mode="expand")
    if span is None or not _reads_as_clock(span):
        return None
    m = _BARE_DOTTED.fullmatch(text[s:e])
    if form is not None or m is None or not doc.has_annotation("SENT_START"):
        return form
    sent = span.sent
    parts = list(_PART_WORD.finditer(sent.text))
    if not parts:
        return None
    where = s - sent.start_char
    part = min(parts, key=lambda p: abs(p.start() - where)).group(1).lower()
    said = "at night" if part in {"night", "tonight"} else f"in the {part}"
    hour = int(m.group(1))
    clock = f"{hour}:{m.group(2)}"
    return parse_timex(f"{clock} {said}" if 1 <= hour <= 12 else clock)


def _reads_as_clock(span) -> bool:
    """The number of "at 6.10" as a time: no unit or noun after it, not a price verb's value."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in _NOT_CLOCK_AFTER or nxt.pos_ in {"NOUN", "PROPN",
                                                                           "SYM", "NUM"}):
        return False
    if any(t.ent_type_ in {"MONEY", "PERCENT", "QUANTITY"} for t in span):
        return False
    head = span.root.head
    verb = head.head if head.dep_ == "prep" else head
    return verb.lemma_.lower() not in _VALUE_VERBS


_HEDGE_BEFORE = re.compile(
    r"\b(?:(?:shortly|just|soon|right|immediately|moments|minutes|a few minutes|not long) "
    r"(?:before|after)|approximately|roughly|around|about)\s+$",
    re.IGNORECASE,
)


def _with_hedge(text: str, s: int, e: int, form: TimexForm | None
                ) -> tuple[int, TimexForm | None]:
    """Take in the hedge before a clock time ("shortly before [midnight]", "about [6.10am]")."""
    if form is not None and form.kind == "ago":
        return _with_bound(text, s, e, form)
    if form is None or form.kind != "time":
        return s, form
    return _take_in(text, s, e, form, _HEDGE_BEFORE, 24)


_BOUND_BEFORE = re.compile(r"\b(?:more than|less than)\s+$", re.IGNORECASE)


def _with_bound(text: str, s: int, e: int, form: TimexForm) -> tuple[int, TimexForm]:
    """Take in the bound before a distance ("less than [a fortnight ago]")."""
    return _take_in(text, s, e, form, _BOUND_BEFORE, 12)


def _take_in(text: str, s: int, e: int, form: TimexForm, before: re.Pattern, width: int
             ) -> tuple[int, TimexForm]:
    """Take in the words ``before`` matches just before a timex of no mod ('about', 'less than').

    Only when the longer span parses as the same kind with a mod; else the span and form stay.
    """
    m = before.search(text[max(0, s - width):s])
    if m is None or form.mod is not None:
        return s, form
    start = s - (len(text[max(0, s - width):s]) - m.start())
    taken = parse_timex(text[start:e])
    if taken is None or taken.kind != form.kind or taken.mod is None:
        return s, form
    return start, taken


_PART_OF = re.compile(r"the (?:morning|afternoon|evening|night)", re.IGNORECASE)
_OF_DATE = re.compile(r" of (?:[A-Z]|\d)")


def find_timexes(doc, *, composites: bool = True) -> list[Candidate]:
    """Return the temporal expressions of ``doc`` in text order.

    Args:
        doc: A parsed spaCy ``Doc``.
        composites: Join "two days" + "from" + "March 17" into one expression (the product
            view); ``False`` keeps TIMEX3's atomic spans (for scoring against TimeML gold).

    Returns:
        One :class:`Candidate` per expression; ``start``/``end`` include a leading preposition
        that changes the interval ("from", "since", "on"), ``core_*`` exclude it.
    """
    text = doc.text
    raw = _join_open_ranges(text, _merge(_spacy_spans(doc) + _pattern_spans(text)
                                         + _calendar_spans(doc) + _clock_spans(text)))
    pieces = []
    for s, e, origin in raw:
        if "\n" in text[s:e]:
            pos = s
            for line in text[s:e].split("\n"):
                pieces.append((pos, pos + len(line), origin))
                pos += len(line) + 1
        else:
            pieces.append((s, e, origin))
    cands: list[Candidate] = []
    for s, e, origin in pieces:
        s, e = _trim(text, s, e)
        if e <= s or e - s > MAX_SPAN_CHARS:
            continue
        if text[s:e].lower() == "quarterly" and _is_attributive(doc, s, e):
            continue  # "its quarterly dividend": a kind of payment, not a recurrence
        if _not_a_period(doc, text, s, e):
            continue
        if _AGE_RE.search(text[s:e]):
            continue
        ended = _ENDED.search(text[s:e])
        if ended:
            left_e, right_s = s + ended.start(), s + ended.end()
            for a, b in ((s, left_e), (right_s, e)):
                f, a, b = _parse_span(text, a, b)
                if f is not None:
                    cands.append(Candidate(a, b, a, b, f, origin))
            continue
        if _PART_OF.fullmatch(text[s:e]) and _OF_DATE.match(text, e):
            continue  # "the night of Oct. 23": the date that follows is the expression
        s, e = _extend_right(text, s, e)
        s = _extend_left(text, s, e)
        m = _SAME_PERIOD_BEFORE.search(text, max(0, s - 40), s)
        if m and parse_timex(text[m.start():e]) is not None:
            s = m.start()  # "the corresponding period [last year]": one expression
        m = _OR_SO.match(text, e)
        if m and parse_timex(text[s:m.end()]) is not None:
            e = m.end()  # "the next year or so", "a week or so ago": TimeML takes it in
        form, s, e = _parse_span(text, s, e)
        form = _clock_at(text, s, e, form)
        form = _part_clock(doc, text, s, e, form)
        s, form = _with_hedge(text, s, e, form)
        if form is not None and form.kind == "date":
            # "from 2009 to 2011" where the recognizer took "2009" alone: its other end
            m = _RANGE_TAIL.match(text, e)
            if m and (m.group(1).lower() != "and" or text[s:e].lower().startswith("between")):
                ext = parse_timex(text[s:m.end()])
                if ext is not None and ext.kind == "range":
                    form, e = ext, m.end()
        if form is not None and form.kind == "date" and form.parts.get("day") and \
                text[s:s + 4].lower() == "the " and text[s + 4:s + 5].isupper():
            s += 4  # "the Aug. 7, 1998 bombings": TimeML leaves the article out of a date
        if form is not None and form.kind == "weekday" and text[e:e + 2] in {"'s", "\u2019s"}:
            # "Thursday's closing price": the possessive names a day whose event is reported
            form = replace(form, parts={**form.parts, "possessive": True})
        if form is None and _OF.search(text[s:e]):
            # "the first nine months of 1997": a duration and its year, two expressions
            m = _OF.search(text[s:e])
            left, right = parse_timex(text[s:s + m.start()]), parse_timex(text[s + m.end():e])
            if left is not None and right is not None and left.kind == "duration":
                cands.append(Candidate(s, s + m.start(), s, s + m.start(), left, origin))
                cands.append(Candidate(s + m.end(), e, s + m.end(), e, right, origin))
                continue
        if form is None and _CONJ.search(text[s:e]):
            # "March 15 and last two weeks": read the conjuncts one by one
            pos = s
            for m in [*_CONJ.finditer(text[s:e]), None]:
                a, b = pos, (s + m.start()) if m else e
                if m:
                    pos = s + m.end()
                f, a, b = _parse_span(text, a, b)
                if f is not None:
                    pieces_out = _with_signal(text, a, b, f)
                    cands.append(Candidate(pieces_out[0], b, a, b, pieces_out[1], origin))
            continue
        if form is None:
            if origin != "spacy" or not _TEMPORAL_WORD.search(text[s:e]):
                continue
            if re.fullmatch(r"[A-Za-z]+", text[s:e]) and text[s:e].lower() in {"may", "march"}:
                continue
        if form is not None and form.signal:
            # the span already carries its preposition ("since April 2019")
            lead = _SIGNAL_RE.match(text[s:e].lower())
            if lead is None:
                lead = re.match(r"\S+(?:\s+(?:from|on|in|of))?\s+", text[s:e])
            core_s = s + (lead.end() if lead else 0)
            cands.append(Candidate(s, e, core_s, e, form, origin))
            continue
        start, form = _with_signal(text, s, e, form)
        cands.append(Candidate(start, e, s, e, form, origin))
    cands = [_year_ended(text, c) for c in cands]
    cands = _join_adjacent(text, cands)
    if composites:
        cands = _join_composites(text, cands)
    else:
        cands = _split_ranges(text, cands)
    for c in cands:
        tok = _governing_verb(doc, c.core_start, c.core_end)
        c.verb = tok.lemma_.lower() if tok is not None else None
    return cands


_ENDED_AFTER = re.compile(r"\s+(?:that |which )?(?:ended|ending|ends|to end)\b", re.IGNORECASE)
_FULL_YEAR = TimexForm("DURATION", "duration", {"value": "P1Y", "n": 1, "unit": "Y",
                                                 "time": False, "extent": None})


def _year_ended(text: str, c: Candidate) -> Candidate:
    """"The year ended March 31" is a twelve-month period (TimeML: P1Y), not the calendar year."""
    f = c.form
    if f is None or f.kind != "relative" or f.parts.get("unit") != "Y" or f.mod or \
            f.parts.get("det") != "the" or not _ENDED_AFTER.match(text, c.end):
        return c
    return Candidate(c.start, c.end, c.core_start, c.core_end,
                     replace(_FULL_YEAR, signal=f.signal), c.origin, c.parts)


def _with_signal(text: str, s: int, e: int, form: TimexForm | None
                 ) -> tuple[int, TimexForm | None]:
    """Widen to the preposition before the expression when it changes the reading."""
    m = _SIGNAL_BEFORE.search(text[max(0, s - 24):s])
    if m and form is not None and form.kind not in {"ref", "set"}:
        start = s - (len(text[max(0, s - 24):s]) - m.start())
        with_signal = parse_timex(text[start:e])
        if with_signal is not None and with_signal.signal:
            return start, with_signal
    return s, form


def _join_adjacent(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join a clock time and its day ("9 a.m. Tuesday", "Tuesday at 9 a.m.") into one."""
    out: list[Candidate] = []
    for c in cands:
        if out and out[-1].form is not None and c.form is not None:
            prev = out[-1]
            kinds = {prev.form.kind, c.form.kind}
            if "time" in kinds and kinds & {"weekday", "date", "relative"} and \
                    _ADJACENT_GAP.fullmatch(text[prev.end:c.start]):
                joined = parse_timex(text[prev.core_start:c.end])
                if joined is None and c.form.kind == "time":
                    joined = parse_timex(text[c.core_start:c.end] + " " +
                                         text[prev.core_start:prev.core_end])
                if joined is None and prev.form.kind == "time" and _HHMM.fullmatch(
                        text[prev.core_start:prev.core_end]) and c.form.kind != "time":
                    # "at 1353 on Friday": the clock time on that day
                    joined = TimexForm("TIME", "time", {**prev.form.parts, "day_form": c.form})
                if joined is not None and joined.kind == "time":
                    joined = _keep_mod(joined, prev.form)
                    out[-1] = Candidate(prev.start, c.end, prev.core_start, c.end, joined,
                                        prev.origin)
                    continue
            if prev.form.kind == "weekday" and c.form.kind == "date" and \
                    c.form.parts.get("day") and re.fullmatch(r",? ?", text[prev.end:c.start]):
                # "Friday Oct. 13", "Tuesday, March 2": the weekday names the date's day
                joined = parse_timex(text[prev.core_start:c.end])
                if joined is not None and joined.kind == "date":
                    out[-1] = Candidate(prev.start, c.end, prev.core_start, c.end, joined,
                                        prev.origin)
                    continue
        out.append(c)
    return out


def _keep_mod(joined: TimexForm, prev: TimexForm) -> TimexForm:
    """"around [midnight] on Saturday": the hedge read with the clock time stays with the day."""
    return replace(joined, mod=joined.mod or prev.mod)


def _split_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """TimeML marks the ends of "between 1994 and 1997" as two expressions."""
    out: list[Candidate] = []
    for c in cands:
        if c.form is None or c.form.kind != "range":
            out.append(c)
            continue
        chunk = text[c.core_start:c.core_end]
        splits = list(_RANGE_SPLIT.finditer(chunk))
        m = splits[-1] if splits else None
        if m is None:
            out.append(c)
            continue
        lead = re.match(r"(?:between|from)\s+", chunk, re.IGNORECASE)
        a_s = c.core_start + (lead.end() if lead else 0)
        a_e, b_s = c.core_start + m.start(), c.core_start + m.end()
        items = c.form.parts["items"]
        out.append(Candidate(a_s, a_e, a_s, a_e, items[0], c.origin))
        out.append(Candidate(b_s, c.core_end, b_s, c.core_end, items[1], c.origin))
    return out


def _join_composites(text: str, cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        if out:
            prev = out[-1]
            gap = text[prev.end:c.start] + text[c.start:c.core_start]
            if prev.form is not None and prev.form.kind == "duration" and c.form is not None and \
                    c.form.kind in {"date", "weekday", "relative"} and \
                    _COMPOSITE_GAP.search(" " + gap) and len(gap) < 20:
                joined = parse_timex(text[prev.core_start:c.end])
                if joined is not None and joined.kind == "anchored":
                    out[-1] = Candidate(prev.start, c.end, prev.core_start, c.end, joined,
                                        "composite", ((prev.core_start, prev.core_end),
                                                      (c.core_start, c.core_end)))
                    continue
        out.append(c)
    return out


_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PAST_TAGS = {"VBD"}
_INTENT_VERBS = {
    "plan", "expect", "schedule", "set", "prepare", "arrange", "aim", "intend", "hope", "want",
    "seek", "propose", "agree", "promise", "vow", "threaten", "due", "likely", "poised", "slate",
}


def governing_direction(doc, start: int, end: int) -> str:
    """Return the tense that governs the expression at ``[start, end)``: past/future/present/none.

    Walks from the span's syntactic root to the nearest verb; ``will``/``would``/``going to``
    and infinitives under intention verbs ("plan to visit") read as future, ``VBD`` and
    perfect/passive past auxiliaries as past, other finite verbs as present.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before == "effective":
        # "a new office, effective Feb. 1": the date a change takes effect lies ahead
        return "future"
    tok = _governing_verb(doc, start, end, span)
    if tok is None:
        return "none"
    if before in {"until", "till", "through"} and tok.lemma_.lower() in _DEADLINE_VERBS:
        # "postponed until Tuesday", "gave them until Friday": the deadline is still ahead
        return "future"
    if tok.lemma_.lower() in _PLAN_VERBS and tok.tag_ in {"VBD", "VBN", "VBZ", "VBP"} and any(
            c.dep_ == "dobj" for c in tok.children):
        # "has scheduled a news conference Thursday", "planned a rally on Saturday": the day
        # is the planned event's, still ahead when the plan is reported
        return "future"
    return _verb_tense(tok)


def _governing_verb(doc, start: int, end: int, span=None):
    """The verb an expression hangs on: up from its root to the nearest verb (6 steps)."""
    if span is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"amod"}:
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    else:
        return None
    return tok if tok.pos_ in {"VERB", "AUX"} else None


_PLAN_VERBS = {"schedule", "plan", "slate", "reschedule"}


_DEADLINE_VERBS = {"postpone", "extend", "delay", "defer", "give", "grant", "adjourn", "suspend",
                   "put", "push", "move", "reschedule"}


def _auxes(verb) -> list:
    """Auxiliaries of a verb: they sit just before it (a bounded look, not all children)."""
    doc = verb.doc
    return [t for t in doc[max(0, verb.i - 6):verb.i]
            if t.head.i == verb.i and t.dep_ in {"aux", "auxpass"}]


def _verb_tense(verb, depth: int = 0) -> str:
    auxes = _auxes(verb)
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX or "would" in lowers:
        return "future"
    if any(a.lower_ in {"going", "gonna"} for a in auxes):
        return "future"
    for a in auxes:
        if a.tag_ in {"VBD"} or a.lower_ in {"had", "was", "were"}:
            return "past"
        if a.lower_ in {"has", "have", "'ve"} and verb.tag_ == "VBN":
            return "past"
    if verb.tag_ in _PAST_TAGS:
        return "past"
    if verb.tag_ == "VB" and any(c.lower_ == "to" for c in auxes):
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in _INTENT_VERBS | {"be", "go"} and \
                verb.dep_ not in {"csubj", "acl", "relcl"}:
            around = _auxes(head) + (_auxes(head.head) if head.dep_ == "acomp" else [])
            if any(a.lower_ == "had" for a in around):
                # "had been due to expire Friday": the plan was for a day now past
                return "past"
            return "future"
        if head.i != verb.i and head.pos_ in {"VERB", "AUX"} and depth < 3:
            # "staged celebrations to mark ... on Friday": the purpose shares the past
            inherited = _verb_tense(head, depth + 1)
            return "future" if inherited in {"present", "none"} else inherited
        if head.i != verb.i and head.pos_ in {"ADJ", "NOUN"}:
            clause = head.head
            if verb.dep_ in {"relcl", "acl"} and any(
                    c.lower_ in {"first", "last", "only"} or c.tag_ == "JJS"
                    for c in head.children) and clause.i != head.i and \
                    clause.pos_ in {"VERB", "AUX"} and depth < 3 and \
                    _verb_tense(clause, depth + 1) == "past":
                # "the first countries to join on Friday were ...": the clause's past
                return "past"
            return "future"
    if verb.tag_ == "VBG" and any(a.lower_ in {"is", "are", "'s", "'re", "am"} for a in auxes):
        return "future"
    if verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    if verb.tag_ in {"VB", "VBN"} and auxes:
        # "should be completed in October": a modal looks ahead
        md = [a for a in auxes if a.tag_ == "MD"]
        ahead = {"can", "may", "might", "should", "must"}
        if verb.tag_ == "VB":
            ahead = ahead | {"could"}  # "could be located Wednesday" (passive) is past-like
        if md:
            return "future" if md[0].lower_ in ahead else "none"
    if verb.tag_ == "VBG" and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head  # "would leave ..., with the third departing from August 6"
        return _verb_tense(head, depth + 1) if head.pos_ in {"VERB", "AUX"} else "none"
    return "none"
