"""Mentions the compare stage reads from annotated sentences: numbers, dated clauses, sources.

Shared by :mod:`workbench.compare.claims`, :mod:`workbench.compare.discrepancies` and
:mod:`workbench.compare.tables`.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

__all__ = [
    "CREDIT_LINE", "EVENT_NOUNS", "MONTH_NAMES", "NUMBER_WORDS", "PLACE_ALIASES",
    "REPORTING_WORDS", "STOP_WORDS", "content_words", "date_frames", "date_subject",
    "event_word", "is_menu_line", "parse_number", "place_norm", "sentence_lookup", "singular", "source_key_of",
    "source_subject", "story_sources",
]

NUMBER_WORDS = {
    "a dozen": 12, "dozens": None, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "both": 2,
}

MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

STOP_WORDS = frozenset(
    "a an the of to in on at for from with by and or but as than that this these those is are was "
    "were be been will would could should may might has have had said says told who which whom "
    "whose while when where after before since until about over under into onto per plus more "
    "less most least other others such their its his her our your my them they it he she we you "
    "also not no only just very so then there here some any each every all both either neither "
    "up down out off again".split()
)

REPORTING_WORDS = frozenset(
    "said says say told tells according confirmed confirm reported report reports added noted "
    "stated announced declined declining".split()
)
#: A credit, copyright or gallery line ('Reporting by ...', 'Copyright 2018 The Associated
#: Press', 'Hide Caption 25 of 59'): page furniture whose names and numbers say nothing about
#: the story.
CREDIT_LINE = re.compile(
    r"^\W*(?:(?:reporting|writing|editing|additional reporting)\s+by\b|copyright\b|©|"
    r"hide caption\b)", re.I)

_LONG_WORD = re.compile(r"[A-Za-z]{3,}")


def is_menu_line(text: str) -> bool:
    """Whether a sentence is a page's menu or map legend: twelve words or more, half in capitals.

    ('NEWS SPORTS 2018 ELECTIONS VIDEO ...'): page furniture, whose numbers are labels.
    """
    words = _LONG_WORD.findall(text)
    return len(words) >= 12 and 2 * sum(w.isupper() for w in words) >= len(words)


PLACE_ALIASES = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "uk": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom",
}

def parse_number(text: str) -> float | None:
    """Parse a number written in digits or words ('3', '1,200', 'three', 'twenty-five')."""
    # '10 , 000': tokenised text spaces the comma of a thousands group
    t = re.sub(r"(?<=\d) ?, (?=\d{3})", ",", text.strip()).casefold().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    parts = re.split(r"[- ]", t)
    total = 0.0
    for p in parts:
        v = NUMBER_WORDS.get(p)
        if v is None:
            return None
        total += v
    return total



def singular(word: str) -> str:
    """The singular of an English plural noun, casefolded ('injuries' -> 'injury')."""
    w = word.casefold()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w



def place_norm(norm: str) -> str:
    """One name per place ('us', 'usa', 'america' -> 'united states')."""
    return PLACE_ALIASES.get(norm, norm)


def content_words(words: Iterable[str]) -> set[str]:
    """Singular content words: no stop words, reporting verbs or words under three letters."""
    return {singular(w) for w in words if w.casefold() not in STOP_WORDS
            and w.casefold() not in REPORTING_WORDS and len(w) > 2}



def sentence_lookup(sentences: pd.DataFrame) -> dict[tuple[str, int], tuple[str, int]]:
    """(article_id, sentence_id) -> (sentence text, start offset in the article)."""
    return {
        (a, int(s)): (t, int(st))
        for a, s, t, st in zip(sentences["article_id"], sentences["sentence_id"],
                               sentences["sentence_text"], sentences["start_char"], strict=True)
    }


#: Dates per article compared at most (a page listing thousands of dates is not a report).
_MAX_DATES_PER_ARTICLE = 300


#: A day word capitalised after a capitalised word is part of a name ('USA Today', 'Florida
#: Today'); a quarter in a sentence about a game is a period of play ('a first-quarter
#: touchdown'), not of a year.
_NAME_DAY = re.compile(r"^(?:Today|TODAY|Tonight|TONIGHT|Tomorrow|Yesterday)$")
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w.&']* +$")
_GAME_WORDS = re.compile(r"(?i)\b(?:touchdowns?|field goals?|halftime|interceptions?|"
                         r"quarterbacks?|rebounds|innings|the game|yards?|play-?offs?)\b")


#: A title in quotation marks, all of it capitalised words ('on "Fox News Sunday,"', 'ABC's
#: "This Week"', 'the "Today" show').
_TITLE_BEFORE = re.compile(r"[\"“](?:[A-Z][\w.'’&-]*\s)*$")
_TITLE_AFTER = re.compile(r"^(?:\s[A-Z][\w.'’&-]*)*[.,!?]?[\"”]")


def _no_date(timex_text: str, text: str, before: str, after: str = "") -> bool:
    """Whether a tagged date is a name's word, a title or a period of a game (see above)."""
    if timex_text[:1].isupper() and _TITLE_BEFORE.search(before) and _TITLE_AFTER.match(after):
        return True
    if _NAME_DAY.match(timex_text):
        return bool(_CAPITAL_BEFORE.search(before))
    if is_menu_line(text):
        return True
    return "quarter" in timex_text.casefold() and not re.search(r"\d{4}", timex_text) and bool(
        _GAME_WORDS.search(text))


def date_frames(timexes: pd.DataFrame, entities: pd.DataFrame, sents: dict) -> list[dict]:
    """Each dated timex with the words and places of the clause just before it."""
    places_by_sent: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for row in entities.itertuples(index=False):
        if row.entity_label in ("GPE", "LOC", "FAC") and pd.notna(row.sentence_id):
            places_by_sent[(row.article_id, int(row.sentence_id))].append(
                (int(row.start_char), place_norm(row.entity_norm)))
    for places in places_by_sent.values():
        places.sort()
    starts_by_sent = {k: [p[0] for p in v] for k, v in places_by_sent.items()}
    frames = []
    seen: set = set()
    per_article: dict[str, int] = defaultdict(int)
    for t in timexes.itertuples(index=False):
        if pd.isna(t.sentence_id) or t.timex_type not in ("DATE", "TIME"):
            continue
        if not isinstance(t.value, str) or t.value.endswith("_REF"):
            continue
        key = (t.article_id, int(t.sentence_id))
        if key not in sents or per_article[t.article_id] >= _MAX_DATES_PER_ARTICLE:
            continue
        text, sstart = sents[key]
        before = text[max(0, int(t.start_char) - sstart - 400): int(t.start_char) - sstart]
        clause = re.split(r"[;:,]\s|\bwhile\b|\bbut\b", before)[-1]
        words = re.findall(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]", clause)
        is_report = bool(words) and words[-1].casefold() in REPORTING_WORDS | {"on"} and any(
            w.casefold() in REPORTING_WORDS for w in words[-2:])
        starts = starts_by_sent.get(key, [])
        lo = bisect.bisect_left(starts, int(t.start_char) - len(clause) - 1)
        hi = bisect.bisect_left(starts, int(t.start_char))
        places = [p for _, p in places_by_sent.get(key, [])[lo:hi]]
        # the same words with the same value in one sentence say one thing once
        ident = (key, str(t.timex_text).casefold(), t.value, tuple(places), tuple(words[-6:]))
        after = text[int(t.end_char) - sstart:]
        if ident in seen or _no_date(str(t.timex_text), text, before, after):
            continue
        seen.add(ident)
        per_article[t.article_id] += 1
        frames.append({
            "t": t, "text": text, "words": content_words(words[-8:]), "places": set(places),
            "place_order": places,
            "is_report": is_report, "clause_words": words[-6:], "after": after[:40],
            "opens_clause": not content_words(words) and not (
                words and words[-1].casefold() in _ARTICLES),
            "after_words": _clause_after(after),
        })
    return frames


_ARTICLES = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their"})
#: Where the clause after a date ends: a break, or a word that opens another clause.
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”—–]|\s-\s|\b(?:after|before|since|until|when|while|"
                         r"because|following|but|and|as|than|which|who)\b", re.I)


def _clause_after(after: str) -> list[str]:
    """The words of the clause a date opens, up to its end (at most eight).

    A date set off by a comma at the head of its sentence opens the clause after the comma
    ('In November, Sean Parker said').
    """
    rest = re.sub(r"^\s*,\s*", " ", after[:120])
    m = _CLAUSE_END.search(rest)
    return re.findall(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]", rest[:m.start()] if m else rest)[:8]


EVENT_NOUNS = {
    "visit": "visit", "visits": "visit", "visiting": "visit", "visited": "visit",
    "arrive": "arrival", "arrives": "arrival", "arriving": "arrival", "arrived": "arrival",
    "arrival": "arrival", "travel": "travel", "trip": "trip", "tour": "tour",
    "meet": "meeting", "meets": "meeting", "meeting": "meeting", "met": "meeting",
    "talks": "talks", "summit": "summit", "conference": "conference",
    "leave": "departure", "leaves": "departure", "depart": "departure", "departure": "departure",
    "return": "return", "returns": "return", "returned": "return",
    "open": "opening", "opens": "opening", "opened": "opening", "opening": "opening",
    "reopen": "reopening", "reopens": "reopening", "reopened": "reopening",
    "reopening": "reopening", "close": "closure", "closed": "closure", "closure": "closure",
    "start": "start", "starts": "start", "started": "start", "begin": "start",
    "begins": "start", "began": "start", "end": "end", "ends": "end", "ended": "end",
    "launch": "launch", "launched": "launch", "launches": "launch", "fired": "launch",
    "vote": "vote", "voted": "vote", "election": "election", "elected": "election",
    "sign": "signing", "signed": "signing", "release": "release", "released": "release",
    "announce": "announcement", "announced": "announcement", "announcement": "announcement",
    "hearing": "hearing",
    "trial": "trial", "sentenced": "sentencing", "arrested": "arrest", "arrest": "arrest",
    "died": "death", "killed": "death", "attack": "attack", "attacked": "attack",
    "crash": "crash", "crashed": "crash", "struck": "event", "hit": "event",
    "deadline": "deadline", "took office": "taking office",
    # common happenings of news stories, each with the forms that name it
    "earthquake": "earthquake", "quake": "earthquake", "tremor": "earthquake",
    "shooting": "shooting", "gunfire": "shooting", "stabbing": "stabbing", "stabbed": "stabbing",
    "explosion": "explosion", "exploded": "explosion", "blast": "explosion",
    "bombing": "bombing", "murder": "death", "murdered": "death", "slaying": "death",
    "derailment": "derailment", "derailed": "derailment", "collision": "collision",
    "collided": "collision", "verdict": "verdict", "convicted": "verdict",
    "found guilty": "verdict", "ruling": "ruling", "ruled": "ruling", "speech": "speech",
    "protest": "protest", "protests": "protest", "rally": "protest", "raid": "raid",
    "raided": "raid", "airstrike": "air strike", "airstrikes": "air strike",
    "air strike": "air strike", "air strikes": "air strike", "wedding": "wedding",
    "married": "wedding", "resigned": "resignation", "resignation": "resignation",
    "tweet": "tweet", "tweeted": "tweet", "liftoff": "launch", "blastoff": "launch",
    "lift off": "launch", "lifts off": "launch", "blast off": "launch", "blasts off": "launch",
    "landing": "landing", "landed": "landing", "touchdown": "landing", "rescue": "rescue",
    "rescued": "rescue",
}
#: The forms of :data:`EVENT_NOUNS` that are nouns: a date whose possessive comes before one
#: dates it ("Tuesday's launch", "Saturday's quake"). A date written before the noun without
#: it ('the May launch', 'a June 20 shooting') mostly names one of several happenings of that
#: kind, often an earlier one, so it is not read as the story's (on tune it joined a May launch
#: with this week's).
_EVENT_NOUN_FORMS = frozenset(
    "visit trip tour meeting talks summit conference departure return opening reopening closure "
    "launch vote election release announcement hearing trial arrest attack crash deadline "
    "earthquake quake tremor shooting stabbing explosion blast bombing murder slaying derailment "
    "collision verdict ruling speech protest rally raid airstrike airstrikes wedding resignation "
    "tweet liftoff blastoff landing touchdown rescue".split())
#: What may stand between a date's possessive and the happening it dates: a time of day, a
#: word like 'planned'.
_DATE_THEN_NOUN = re.compile(
    r"^['’]s\s+(?:(?:planned|scheduled|expected|deadly|fatal|first|second|latest|"
    r"morning|afternoon|evening|night)(?:['’]s)?\s+)?(?P<noun>[a-z]+)\b")


def event_word(frame: dict) -> str | None:
    """The happening a dated clause names ('visit', 'arrival'), from its last event word.

    A happening named right after the date's possessive ("Tuesday's planned launch") is the
    one it dates. Two-word names ('took office') are read as one; a single word never
    stands for them.
    """
    m = _DATE_THEN_NOUN.match(frame.get("after", ""))
    if m and m.group("noun") in _EVENT_NOUN_FORMS:
        return EVENT_NOUNS[m.group("noun")]
    words = [w.casefold() for w in frame["clause_words"]]
    for k in range(len(words) - 1, -1, -1):
        if k and f"{words[k - 1]} {words[k]}" in EVENT_NOUNS:
            return EVENT_NOUNS[f"{words[k - 1]} {words[k]}"]
        if words[k] in EVENT_NOUNS:
            return EVENT_NOUNS[words[k]]
    if frame.get("opens_clause"):
        # a date that opens its clause dates what the clause tells ('In February comic
        # Sarah Silverman tweeted', 'In April 2007 the suspect was found guilty')
        # (a happening named right after the date is one it modifies, 'the May launch')
        after = [w.casefold() for w in frame.get("after_words", ())]
        for k, w in enumerate(after[1:], start=1):
            if k + 1 < len(after) and f"{w} {after[k + 1]}" in EVENT_NOUNS:
                return EVENT_NOUNS[f"{w} {after[k + 1]}"]
            if w in EVENT_NOUNS:
                return EVENT_NOUNS[w]
    return None


def date_subject(frame: dict, other: dict | None = None) -> str:
    """Name what a date is the date of: 'date of visit (Japan)', else the words before it."""
    if frame["is_report"]:
        return "date of the report"
    event = event_word(frame) or (event_word(other) if other is not None else None)
    places = frame["places"] & other["places"] if other is not None else frame["places"]
    nearest = [p for p in frame["place_order"] if p in places]
    place = nearest[-1].title() if nearest else None
    if event:
        return f"date of {event}" + (f" ({place})" if place else "")
    if other is not None:
        shared = [w for w in frame["clause_words"] if content_words([w]) & other["words"]]
        if shared:
            return "date: " + " ".join(dict.fromkeys(shared[-3:]))
    words = [w for w in frame["clause_words"] if w.casefold() not in STOP_WORDS
             and w.casefold() not in REPORTING_WORDS]
    return "date: " + " ".join(words[-3:]) if words else "date"



def source_key_of(r) -> str:
    """A source's identity across articles: its name, or '<kind>|<affiliation>' unnamed."""
    if isinstance(r.source_name, str) and r.source_name and not r.is_anonymous:
        return r.source_name.casefold().replace(".", "")
    aff = r.affiliation.casefold() if isinstance(r.affiliation, str) else ""
    return f"{r.source_kind}|{aff}"


def source_subject(r) -> str:
    """A source's readable name ('Ned Price', 'unnamed government source')."""
    if isinstance(r.source_name, str) and r.source_name and not r.is_anonymous:
        return r.source_name
    aff = f"{r.affiliation} " if isinstance(r.affiliation, str) and r.affiliation else ""
    noun = {"unnamed_official": "official", "document": "document"}.get(r.source_kind, "source")
    return f"unnamed {aff}{noun}" if r.source_kind != "document" else f"{aff}{noun}"


def story_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """Sources with ``skey``, one identity across articles.

    The identity comes from the first mention of each source_key that names it (or its first
    mention), so 'the sources' counts as the group it refers back to.
    """
    if not len(sources):
        return sources.assign(skey=[])
    src = sources.sort_values(["article_id", "source_id"], kind="stable")
    def rank(r) -> tuple:
        text = r.source_text if isinstance(r.source_text, str) else ""
        named = isinstance(r.source_name, str) and r.source_name.casefold() in text.casefold()
        informative = isinstance(r.source_name, str) or isinstance(r.affiliation, str)
        return (informative, named, len(text) > 3, -r.source_id)

    rep: dict[tuple[str, str], object] = {}
    for r in src.itertuples(index=False):
        k = (r.article_id, r.source_key if isinstance(r.source_key, str) else f"#{r.source_id}")
        if k not in rep or rank(r) > rank(rep[k]):
            rep[k] = r
    keys = [(r.article_id, r.source_key if isinstance(r.source_key, str) else f"#{r.source_id}")
            for r in src.itertuples(index=False)]
    skeys = [source_key_of(rep[k]) for k in keys]
    full = defaultdict(set)
    for k in skeys:
        if "|" not in k and " " in k:
            full[k.split()[-1]].add(k)
    skeys = [next(iter(full[k])) if "|" not in k and " " not in k and len(full.get(k, ())) == 1
             else k for k in skeys]
    return src.assign(skey=skeys, rep=[rep[k] for k in keys])


