"""Controlled edits on real article text: the perturbation benchmark of the fact comparison.

Each edited copy of an article differs from it by exactly one fact value, so a comparison of the
article with its copy must report that one difference and nothing else. Five kinds of edit,
each a small pure rule over the text and the annotate stage's tables of the *unedited* article
(``entities``, ``sources``, ``timexes``, offsets into the same text):

* ``count``: a number that counts something ("12 people" -> "36 people"); never a year, a clock
  time, a date part, an ordinal, a hedged value ("more than 12"), a range, a source count, or a
  number inside a name;
* ``date``: a day of a resolved date ("March 17" -> "March 24"; "Tuesday" -> "Friday");
* ``place``: a country, US state, city or continent named as where something is ("in Duisburg"
  -> "in Lyon"), replaced by another real place of the same kind;
* ``source_count``: the number of an unnamed group of sources ("two officials said" -> "four
  officials said");
* ``named_source``: the full name of a person a statement is attributed to, with every mention
  of the name and the surname in the copy, so the statement is credited to someone else.

Targets are chosen at random among the valid ones with ``random.Random`` seeded per article
and kind; an article with no valid target for a kind gets no copy of that kind.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = [
    "EDIT_KINDS",
    "Edit",
    "Perturbation",
    "Target",
    "apply_replacements",
    "count_targets",
    "date_targets",
    "named_source_targets",
    "perturb_article",
    "place_targets",
    "source_count_targets",
]

#: The kinds of edit, in the order :func:`perturb_article` makes them.
EDIT_KINDS = ("count", "date", "place", "source_count", "named_source")


@dataclass(frozen=True)
class Edit:
    """One controlled edit of an article.

    Attributes:
        kind: One of :data:`EDIT_KINDS`.
        start_char: Start of the edited value in the original text.
        end_char: End (exclusive) of the edited value in the original text.
        copy_start: Start of the new value in the edited copy.
        copy_end: End (exclusive) of the new value in the edited copy.
        original: The value as the original gives it (``text[start_char:end_char]``).
        new: The value written in its place (``copy[copy_start:copy_end]``).
        spans: Every span of the copy the edit rewrote, ``(start, end)`` pairs in text order;
            one for every kind but ``named_source``, which rewrites each mention of the name.
        original_spans: The same spans in the original text, in the same order.
    """

    kind: str
    start_char: int
    end_char: int
    copy_start: int
    copy_end: int
    original: str
    new: str
    spans: tuple[tuple[int, int], ...]
    original_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Perturbation:
    """An edited copy of an article and the one edit that made it."""

    text: str
    edit: Edit


@dataclass(frozen=True)
class Target:
    """A value that may be edited: its span in the original text and what it may become.

    Attributes:
        kind: One of :data:`EDIT_KINDS`.
        start_char: Start of the value in the text.
        end_char: End (exclusive) of the value in the text.
        original: ``text[start_char:end_char]``.
        replacements: Every ``(start, end, new text)`` to write for the edit; the first is the
            value itself (``named_source`` adds the other mentions of the name).
    """

    kind: str
    start_char: int
    end_char: int
    original: str
    replacements: tuple[tuple[int, int, str], ...]


# --- numbers -------------------------------------------------------------------------------

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
#: Number words and their values: two .. ninety-nine.
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
for _i, _t in enumerate(_TENS):
    NUMBER_WORDS[_t] = 20 + 10 * _i
    for _j, _u in enumerate(_UNITS[1:10], start=1):
        NUMBER_WORDS[f"{_t}-{_u}"] = 20 + 10 * _i + _j
_WORD_OF = {v: k for k, v in NUMBER_WORDS.items()}

_WORD_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
#: A whole number as written: digits (with thousands commas) or a number word.
_NUMBER = re.compile(
    rf"(?<![\w$£€#./:,-])(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD_RE}))(?![\w%/:-]|[.,]\d)",
    re.IGNORECASE,
)
_HEDGES = re.compile(
    r"(?<![\w.])(?:more than|less than|fewer than|greater than|at least|at most|up to|as many as|"
    r"as few as|about|around|nearly|almost|roughly|approximately|some|over|under|estimated|"
    r"between|no\.|nos\.|number|#|page|chapter|section|version)\s*$",
    re.IGNORECASE,
)
#: A number then "to", "and", "or" or a dash right before: the value ends a range ("5 to 12").
#: A number then "to", "and", "or", a dash, "in" or "out of" right before: a range or a ratio
#: ("5 to 12", "six in 10 voters").
_RANGE_BEFORE = re.compile(rf"(?:\d|\b(?:{_WORD_RE}))\s*(?:to|and|or|-|–|in|out of|of)\s*$",
                           re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"[^.,;:\n\"“”]{0,40}?\b(?:said|say|says|told|tell|according|added|"
                           r"stated|wrote|confirmed|reported|testified)\b")
_ACCORDING_BEFORE = re.compile(r"\baccording to\s+$", re.IGNORECASE)
_SCALE_WORDS = {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
                "billions", "trillion", "dozen", "dozens", "percent", "per", "cent", "to", "or",
                "and", "of", "times", "out"}
#: Heads that make a measure (a quantity or a duration), not a count of things or people.
_MEASURE_HEADS = {
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries",
    "nights", "mornings", "evenings", "afternoons", "weekends", "times", "percent", "points",
    "miles", "kilometers", "kilometres", "km", "meters", "metres", "feet", "inches", "yards",
    "pounds", "tons", "tonnes", "kilograms", "kilos", "grams", "ounces", "gallons", "liters",
    "litres", "barrels", "dollars", "euros", "cents", "degrees", "acres", "hectares", "mph", "percentage", "lbs", "ft", "ms", "s", "others", "ones", "is", "was", "has", "as",
}
_COLLECTIVE_HEADS = {"people", "police", "children", "men", "women", "staff", "crew", "personnel",
                     "cattle", "sheep", "aircraft", "deer", "fish", "persons", "youth", "troops"}
_FUNCTION_WORDS = {"of", "and", "or", "to", "the", "a", "an", "in", "on", "at", "for", "with",
                   "from", "by", "who", "that", "than", "more", "less", "as", "per", "were", "are",
                   "was", "is", "had", "have", "has", "be", "been", "it", "they", "this", "these",
                   "those", "which", "into", "over", "after", "before", "about", "not", "out",
                   "up", "all", "also", "each", "other", "such", "so", "if", "but"}
_WORD = re.compile(r"[a-z][a-z-]*[a-z]|[a-z]")
#: Entity labels whose span a count edit never touches (names, dates, ordinals, money, ...).
_NO_COUNT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW",
                    "PRODUCT", "LANGUAGE", "DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"}


def _number_value(written: str) -> int | None:
    low = written.lower()
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    digits = written.replace(",", "")
    return int(digits) if digits.isdigit() else None


def _counted_head(text: str, end: int) -> bool:
    """True when the words after a number are a counted noun ("people", "senior officials")."""
    words = text[end : end + 60].split(None, 3)
    for i, raw in enumerate(words[:3]):
        word = raw.rstrip(".,;:!?)\"'’”")
        if not _WORD.fullmatch(word) or word in _SCALE_WORDS or word in _FUNCTION_WORDS:
            return False
        if word in _MEASURE_HEADS:
            return False
        if word in _COLLECTIVE_HEADS or (len(word) > 3 and word.endswith("s")
                                         and not word.endswith(("ss", "us", "is", "ous"))):
            return True
        if word != raw or i == 2:  # punctuation closes the phrase before a head was found
            return False
    return False


#: Words that open a sentence before a count ("Then 12 people ..."), not parts of a name.
_OPENERS = {"then", "but", "and", "when", "after", "only", "all", "another", "the", "about",
            "while", "now", "so", "yet", "since", "by", "in", "on", "at", "of", "with", "some"}


def _follows_name(text: str, start: int) -> bool:
    """True when a capitalised word (no punctuation between) sits right before ``start``."""
    before = text[max(0, start - 40) : start]
    m = re.search(r"([A-Za-z][\w.'’-]*)[ \t]+$", before)
    if not m or not m.group(1)[0].isupper() or m.group(1).endswith("."):
        return False
    opens_sentence = re.search(r"(?:^|[.!?][\"'’”]?\s+|\n)$", before[: m.start()])
    return not (opens_sentence and m.group(1).lower() in _OPENERS)


def _write_number(value: int, like: str) -> str:
    """Write ``value`` the way ``like`` is written (word, capitalised word, digits, commas)."""
    if _number_value(like) is not None and like.lower() in NUMBER_WORDS:
        word = _WORD_OF[value]
        return word.capitalize() if like[0].isupper() else word
    return f"{value:,}" if "," in like else str(value)


def _other_counts(value: int, like: str) -> list[int]:
    """Counts clearly different from ``value`` (a factor 1.5 or more apart), written like it."""
    if like.lower() in NUMBER_WORDS:
        pool = [v for v in _WORD_OF if 2 <= v <= 20 or v in (30, 40, 50)]
    else:
        pool = sorted({round(value * f) for f in (0.25, 0.4, 2, 2.5, 3, 4)} | {value + 5, value * 5})
    return [v for v in pool
            if v >= 2 and max(v, value) >= 1.5 * min(v, value) and abs(v - value) >= 2]


def _spans(frame: pd.DataFrame | None, labels: set[str] | None = None) -> list[tuple[int, int]]:
    if frame is None or not len(frame):
        return []
    if labels is not None:
        frame = frame[frame["entity_label"].isin(labels)]
    return [(int(s), int(e)) for s, e in zip(frame["start_char"], frame["end_char"])]


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _number_targets(text: str, spans: list[tuple[int, int]], *, kind: str,
                    blocked: list[tuple[int, int]]) -> list[Target]:
    """Unhedged counts of two or more inside ``spans`` (the whole text when ``[(0, len)]``)."""
    out = []
    for lo, hi in spans:
        for m in _NUMBER.finditer(text, lo, hi):
            value = _number_value(m.group())
            if value is None or value < 2 or _overlaps(m.start(), m.end(), blocked):
                continue
            if m.group().isdigit() and len(m.group()) == 4 and 1000 <= value <= 2100:
                continue  # year-like
            before = text[max(0, m.start() - 25) : m.start()]
            if _HEDGES.search(before) or _RANGE_BEFORE.search(before):
                continue
            if not _counted_head(text, m.end()) or _follows_name(text, m.start()):
                continue
            if kind == "count" and (_SPEECH_AFTER.match(text, m.end(), m.end() + 60)
                                    or _ACCORDING_BEFORE.search(before)):
                continue  # a group that speaks is a source, whatever the source table says
            choices = _other_counts(value, m.group())
            if not choices:
                continue
            out.append(Target(kind, m.start(), m.end(), m.group(),
                              ((m.start(), m.end(), ""),)))
    return out


def count_targets(text: str, *, entities: pd.DataFrame | None = None,
                  sources: pd.DataFrame | None = None,
                  timexes: pd.DataFrame | None = None) -> list[Target]:
    """Numbers that count something, each a :class:`Target` of kind ``count``.

    A target is a whole number of two or more (digits or a word) followed by a counted noun
    within three words ("27 people", "two senior officials"), not hedged or in a range, not a
    year, clock time, ordinal, money or percent, not inside a name, a date or time expression,
    or a source mention (those are ``source_count``).

    Args:
        text: The article's clean text.
        entities: The article's ``entities`` rows (offsets into ``text``), or None.
        sources: The article's ``sources`` rows, or None.
        timexes: The article's ``timexes`` rows, or None.

    Returns:
        One target per valid number, in text order; ``replacements`` hold an empty new value
        (filled by :func:`perturb_article`).
    """
    blocked = _spans(entities, _NO_COUNT_LABELS) + _spans(timexes) + _spans(sources)
    return _number_targets(text, [(0, len(text))], kind="count", blocked=blocked)


def source_count_targets(text: str, *, sources: pd.DataFrame | None) -> list[Target]:
    """The numbers of unnamed groups of sources ("two officials", "three sources").

    A target is a number of two or more inside an anonymous source mention (no
    ``source_name``, ``is_anonymous``: "two officials", not "two polls"), before the counted noun of the group, unhedged, not a share ("six in 10
    voters", "61 percent").

    Args:
        text: The article's clean text.
        sources: The article's ``sources`` rows; None gives no target.

    Returns:
        One target (kind ``source_count``) per such number.
    """
    if sources is None or not len(sources):
        return []
    rows = sources[sources["source_name"].isna()
                   & sources["is_anonymous"].astype("boolean").fillna(False).astype(bool)
                   & (pd.to_numeric(sources["source_count"], errors="coerce") >= 2)]
    spans = [(int(s), int(e)) for s, e in zip(rows["start_char"], rows["end_char"])]
    return _number_targets(text, spans, kind="source_count", blocked=[])


# --- dates ---------------------------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
          r"Dec(?:ember|\.)?)")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?!\d|:)(?:st|nd|rd|th)?\b"
                        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


def date_targets(text: str, *, timexes: pd.DataFrame | None = None) -> list[Target]:
    """Days of resolved dates: a month-day ("March 17", "17 March") or a weekday name.

    With ``timexes``, only DATE expressions resolved to one day are used (so a weekday inside a
    name or a plural "Tuesdays" is not), and an expression giving both a weekday and a month-day
    ("Tuesday, March 17") is left alone: editing one would contradict the other in the copy.
    Without ``timexes`` every month-day and weekday in the text is a target.

    Args:
        text: The article's clean text.
        timexes: The article's ``timexes`` rows, or None.

    Returns:
        Targets of kind ``date``; the value is the month-day or the weekday name.
    """
    if timexes is None:
        spans = [(0, len(text))]
    else:
        day = timexes[(timexes["timex_type"] == "DATE") & (timexes["granularity"] == "day")
                      & timexes["start_date"].notna()]
        spans = [(int(s), int(e)) for s, e in zip(day["start_char"], day["end_char"])]
    out = []
    for lo, hi in spans:
        found = [m for rx in (_MONTH_DAY, _WEEKDAY) for m in rx.finditer(text, lo, hi)]
        near = text[max(0, lo - 15) : hi + 15]
        if len(found) != 1 or (_MONTH_DAY.search(near) and _WEEKDAY.search(near)):
            continue
        m = found[0]
        if m.re is _WEEKDAY and re.search(r"\b(?:one|a|an|every|each|any|some)\s+$",
                                          text[max(0, m.start() - 8) : m.start()], re.IGNORECASE):
            continue
        if m.re is _MONTH_DAY:
            day_no = int(m.group(1) or m.group(2))
            if not 1 <= day_no <= 31:
                continue
        out.append(Target("date", m.start(), m.end(), m.group(), ((m.start(), m.end(), ""),)))
    return out


def _other_date(written: str, near: str, rng: random.Random) -> str:
    """Another day than ``written``; a weekday not named in ``near`` (the text around it)."""
    if written in WEEKDAYS:
        i = WEEKDAYS.index(written)
        choices = [WEEKDAYS[(i + k) % 7] for k in (2, 3, 4, 5)]
        return rng.choice([d for d in choices if d not in near] or choices)
    m = _MONTH_DAY.fullmatch(written)
    group = 1 if m.group(1) else 2
    day_no = int(m.group(group))
    choices = [d for d in range(1, 29) if abs(d - day_no) >= 3]
    new_day = str(rng.choice(choices))
    return written[: m.start(group)] + new_day + written[m.end(group) :]


# --- places --------------------------------------------------------------------------------

#: Real places by kind; a place is replaced by another of the same kind.
PLACES: dict[str, tuple[str, ...]] = {
    "country": (
        "Afghanistan", "Argentina", "Australia", "Austria", "Belgium", "Brazil", "Canada", "Chile",
        "China", "Colombia", "Denmark", "Egypt", "Ethiopia", "Finland", "France", "Germany",
        "Greece", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Japan",
        "Jordan", "Kenya", "Lebanon", "Libya", "Mexico", "Morocco", "Nigeria", "Norway",
        "Pakistan", "Peru", "Poland", "Portugal", "Russia", "Saudi Arabia", "South Africa",
        "South Korea", "Spain", "Sweden", "Switzerland", "Syria", "Turkey", "Ukraine",
        "Venezuela", "Vietnam", "Yemen",
    ),
    "us_state": (
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
        "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
        "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
        "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
        "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
        "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
        "Texas", "Utah", "Vermont", "Virginia", "Wisconsin", "Wyoming",
    ),
    "city": (
        "Amsterdam", "Athens", "Atlanta", "Baghdad", "Bangkok", "Barcelona", "Beijing", "Beirut",
        "Berlin", "Boston", "Brussels", "Cairo", "Chicago", "Cleveland", "Dallas", "Damascus",
        "Denver", "Detroit", "Dublin", "Duisburg", "Frankfurt", "Hamburg", "Houston", "Istanbul",
        "Jakarta", "Jerusalem", "Kabul", "Kiev", "Lagos", "Lisbon", "London", "Los Angeles",
        "Lyon", "Madrid", "Manchester", "Miami", "Milan", "Moscow", "Mumbai", "Munich",
        "Nairobi", "New Delhi", "New Orleans", "New York", "Oslo", "Paris", "Philadelphia", "Phoenix",
        "Pittsburgh", "Prague", "Rome", "San Diego", "San Francisco", "Seattle", "Seoul",
        "Shanghai", "Stockholm", "Sydney", "Tehran", "Tokyo", "Toronto", "Vienna", "Warsaw",
        "Yokohama", "Zurich",
    ),
    "continent": ("Africa", "Asia", "Europe", "North America", "South America", "Antarctica"),
}
_PLACE_KIND = {name: kind for kind, names in PLACES.items() for name in names}
_LOCATIVE = re.compile(r"\b(?:in|near|outside|at|off|across|throughout|inside)\s+$")


def place_targets(text: str, *, entities: pd.DataFrame | None) -> list[Target]:
    """Places named as where something is or happens ("in Duisburg", "near Kabul").

    A target is a GPE or LOC entity that is a known place (:data:`PLACES`), right after a
    locative preposition, not part of a longer place ("Duisburg, Germany") or a compound
    ("Berlin-based").

    Args:
        text: The article's clean text.
        entities: The article's ``entities`` rows; None gives no target.

    Returns:
        Targets of kind ``place``.
    """
    if entities is None or not len(entities):
        return []
    out = []
    rows = entities[entities["entity_label"].isin(["GPE", "LOC"])]
    for s, e in zip(rows["start_char"], rows["end_char"]):
        s, e = int(s), int(e)
        name = text[s:e]
        if name not in _PLACE_KIND or not _LOCATIVE.search(text[max(0, s - 12) : s]):
            continue
        after = text[e : e + 3]
        if re.match(r"[\w-]|,\s?[A-Z]", after):
            continue
        out.append(Target("place", s, e, name, ((s, e, ""),)))
    return out


def _other_place(name: str, text: str, rng: random.Random) -> str | None:
    lowered = text.lower()
    pool = [p for p in PLACES[_PLACE_KIND[name]]
            if p != name and p.lower() not in lowered and p.split()[0] != name.split()[0]]
    return rng.choice(pool) if pool else None


# --- named sources -------------------------------------------------------------------------

FIRST_NAMES = {
    "male": ("Daniel", "Michael", "Robert", "Thomas", "Andrew", "Martin", "Peter", "Samuel",
             "Gregory", "Victor", "Henry", "Oliver"),
    "female": ("Laura", "Susan", "Karen", "Helen", "Rachel", "Maria", "Julia", "Claire",
               "Diana", "Naomi", "Alice", "Irene"),
}
SURNAMES = ("Hensley", "Whitcombe", "Marlowe", "Okafor", "Lindqvist", "Castellano", "Brannigan",
            "Ferreira", "Kowalczyk", "Ashdown", "Delacroix", "Thornbury", "Mbeki", "Halvorsen",
            "Prentiss", "Vasquez", "Rutledge", "Sorensen", "Nakamura", "Pemberton")
_NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.")
_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}
_TITLES = {"President", "Senator", "Sen", "Gov", "Governor", "Rep", "Representative", "Secretary",
           "Minister", "Prime", "Judge", "Justice", "General", "Gen", "Chancellor", "Mayor",
           "Speaker", "Leader", "Dr", "Mr", "Mrs", "Ms", "Miss", "Sir", "Lord", "King", "Queen",
           "Prince", "Princess", "Pope", "Rev", "Father", "Sheriff", "Chief", "Officer", "Captain",
           "Capt", "Lt", "Col", "Sgt", "Attorney", "Vice", "Former", "First", "Lady", "Professor",
           "Prof", "Ambassador", "Commissioner", "Director", "Candidate", "Democrat", "Republican", "Rabbi",
           "Cardinal", "Bishop", "Imam", "Dame", "Madam", "Congressman", "Congresswoman"}


def _gender(text: str, spans: Sequence[tuple[int, int]]) -> str | None:
    """"male", "female" or None, from honorifics before the name and nearby pronouns."""
    he = she = 0
    for s, e in spans:
        before = text[max(0, s - 6) : s]
        if re.search(r"\bMr\.?\s$", before):
            return "male"
        if re.search(r"\b(?:Mrs|Ms|Miss)\.?\s$", before):
            return "female"
        window = text[e : e + 200].lower()
        he += len(re.findall(r"\b(?:he|his|him)\b", window))
        she += len(re.findall(r"\b(?:she|her|hers)\b", window))
    if he > 2 * she:
        return "male"
    if she > 2 * he:
        return "female"
    return None


def _shares_surname(name: str, person_texts: Iterable[str]) -> bool:
    """True when another person of the article (another first name) has the surname of ``name``."""
    first, surname = name.split()[0], name.split()[-1]
    for p in person_texts:
        tokens = [t.rstrip(".") for t in p.replace("’s", "").replace("'s", "").split()]
        if len(tokens) < 2 or tokens[-1] != surname or name in p:
            continue
        given = [t for t in tokens[:-1] if t not in _TITLES]
        if given and given[0] != first:
            return True
    return False


def named_source_targets(text: str, *, sources: pd.DataFrame | None,
                         entities: pd.DataFrame | None) -> list[Target]:
    """Full names of people statements are attributed to, with every mention to rewrite.

    A target is a ``named_person`` source whose canonical name has a first name and a surname
    and is written as a PERSON entity; it is left alone when another person of the article
    shares the surname (rewriting the surname would move their statements too) or the name
    ends in a suffix ("Jr."), or when its first word is part of an entity of another kind
    ("Duisburg Inner Harbor" read as a person). The replacements are every occurrence of the full name and of the
    surname alone; the value is the mention in the attributed source span.

    Args:
        text: The article's clean text.
        sources: The article's ``sources`` rows; None gives no target.
        entities: The article's ``entities`` rows; None gives no target.

    Returns:
        Targets of kind ``named_source``, one per person; replacements hold empty new values.
    """
    if sources is None or entities is None or not len(sources) or not len(entities):
        return []
    persons = entities[entities["entity_label"] == "PERSON"]
    person_texts = [text[int(s) : int(e)] for s, e in zip(persons["start_char"], persons["end_char"])]
    other = entities[entities["entity_label"] != "PERSON"]
    other_words = {w for s, e in zip(other["start_char"], other["end_char"])
                   for w in text[int(s) : int(e)].split()}
    rows = sources[(sources["source_kind"] == "named_person") & sources["source_name"].notna()]
    out, seen = [], set()
    for full_name, s, e in zip(rows["source_name"], rows["start_char"], rows["end_char"]):
        tokens = full_name.split()
        while tokens and tokens[0].rstrip(".") in _TITLES:
            tokens = tokens[1:]
        name = " ".join(tokens)
        if (name in seen or len(tokens) < 2 or tokens[-1] in _SUFFIXES
                or not all(_NAME_TOKEN.fullmatch(t) for t in tokens)
                or not any(name in p for p in person_texts)):
            continue
        surname = tokens[-1]
        if _shares_surname(name, person_texts) or tokens[0] in other_words:
            continue
        mention_re = re.compile(rf"\b{re.escape(name)}\b|\b{re.escape(surname)}\b")
        mention = mention_re.search(text, int(s), int(e))
        if mention is None:
            continue
        seen.add(name)
        spans = [(m.start(), m.end(), "") for m in mention_re.finditer(text)]
        value_start = mention.start()
        first_span = next(sp for sp in spans if sp[0] <= value_start < sp[1])
        rest = tuple(sp for sp in spans if sp != first_span)
        out.append(Target("named_source", first_span[0], first_span[1],
                          text[first_span[0] : first_span[1]], (first_span, *rest)))
    return out


def _new_person(target: Target, text: str, rng: random.Random) -> tuple[str, str] | None:
    """A new (full name, surname) absent from the text, of the gender the text suggests."""
    gender = _gender(text, [(s, e) for s, e, _ in target.replacements])
    firsts = FIRST_NAMES[gender] if gender else FIRST_NAMES["male"] + FIRST_NAMES["female"]
    firsts = [f for f in firsts if not re.search(rf"\b{f}\b", text)]
    lasts = [s for s in SURNAMES if s not in text]
    if not firsts or not lasts:
        return None
    first, last = rng.choice(firsts), rng.choice(lasts)
    return f"{first} {last}", last


# --- edits ---------------------------------------------------------------------------------

def apply_replacements(text: str, replacements: Iterable[tuple[int, int, str]]
                       ) -> tuple[str, list[tuple[int, int]]]:
    """Write ``(start, end, new)`` replacements (non-overlapping) into ``text``.

    Args:
        text: The original text.
        replacements: Spans of ``text`` and what to write there, in any order.

    Returns:
        The new text, and the span of each replacement in it (in the order given).
    """
    reps = list(replacements)
    order = sorted(range(len(reps)), key=lambda i: reps[i][0])
    parts, where, pos, shift = [], [None] * len(reps), 0, 0
    for i in order:
        start, end, new = reps[i]
        if start < pos:
            raise ValueError(f"overlapping replacements at {start}")
        parts += [text[pos:start], new]
        where[i] = (start + shift, start + shift + len(new))
        shift += len(new) - (end - start)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), where


def _fill(target: Target, text: str, rng: random.Random) -> Target | None:
    """Choose the new value of a target; None when there is none to choose."""
    if target.kind in ("count", "source_count"):
        value = _number_value(target.original)
        new = _write_number(rng.choice(_other_counts(value, target.original)), target.original)
        reps = ((target.start_char, target.end_char, new),)
    elif target.kind == "date":
        near = text[max(0, target.start_char - 80) : target.end_char + 80]
        reps = ((target.start_char, target.end_char, _other_date(target.original, near, rng)),)
    elif target.kind == "place":
        new = _other_place(target.original, text, rng)
        if new is None:
            return None
        reps = ((target.start_char, target.end_char, new),)
    else:
        person = _new_person(target, text, rng)
        if person is None:
            return None
        full, surname = person
        name_re = re.compile(r"\S+(?:\s+\S+)+")
        reps = tuple((s, e, full if name_re.fullmatch(text[s:e]) else surname)
                     for s, e, _ in target.replacements)
    return Target(target.kind, target.start_char, target.end_char, target.original, reps)


def _edit(text: str, target: Target) -> Perturbation:
    copy, where = apply_replacements(text, target.replacements)
    copy_start, copy_end = where[0]
    edit = Edit(kind=target.kind, start_char=target.start_char, end_char=target.end_char,
                copy_start=copy_start, copy_end=copy_end, original=target.original,
                new=copy[copy_start:copy_end], spans=tuple(sorted(where)),
                original_spans=tuple(sorted((s, e) for s, e, _ in target.replacements)))
    return Perturbation(copy, edit)


def _finders(entities, sources, timexes) -> dict[str, Callable[[str], list[Target]]]:
    return {
        "count": lambda t: count_targets(t, entities=entities, sources=sources, timexes=timexes),
        "date": lambda t: date_targets(t, timexes=timexes),
        "place": lambda t: place_targets(t, entities=entities),
        "source_count": lambda t: source_count_targets(t, sources=sources),
        "named_source": lambda t: named_source_targets(t, sources=sources, entities=entities),
    }


def perturb_article(
    text: str,
    *,
    entities: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    timexes: pd.DataFrame | None = None,
    seed: int | str = 0,
    kinds: Sequence[str] = EDIT_KINDS,
) -> list[Perturbation]:
    """Edited copies of one article, one edit each, at most one copy per kind.

    The tables are the unedited article's own annotation rows (offsets into ``text``), e.g. from
    :func:`workbench.annotate.annotate_articles`; a kind whose table is missing gets no copy
    (``count`` and ``date`` fall back to the text alone).

    Args:
        text: The article's clean text.
        entities: The article's ``entities`` rows.
        sources: The article's ``sources`` rows.
        timexes: The article's ``timexes`` rows.
        seed: Seed of the choices; the same seed gives the same copies.
        kinds: Which kinds of edit to make (of :data:`EDIT_KINDS`).

    Returns:
        One :class:`Perturbation` per kind with a valid target, in the order of ``kinds``.
    """
    unknown = set(kinds) - set(EDIT_KINDS)
    if unknown:
        raise ValueError(f"unknown edit kinds: {sorted(unknown)}")
    finders = _finders(entities, sources, timexes)
    out = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        targets = finders[kind](text)
        rng.shuffle(targets)
        for target in targets:
            filled = _fill(target, text, rng)
            if filled is not None:
                out.append(_edit(text, filled))
                break
    return out
