"""Reading claims out of a story's tables: the values each sentence gives, one :class:`Claim` each.

A count with what it counts and what happened to it ("at least 50 people were injured"), an
amount in a unit, an age ("a six-year-old boy"), a date with its happening and place, the
number of unnamed sources, who a quotation is credited to, what a happening is blamed on, and
the places a sentence names. :mod:`workbench.compare.claims` groups them into facts.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace

import pandas as pd
from rapidfuzz import fuzz

from workbench.annotate.dates import DATELINE_NOTE
from workbench.compare.mentions import (
    EVENT_NOUNS,
    MONTH_NAMES,
    NUMBER_WORDS,
    event_word,
    is_menu_line,
    parse_number,
    singular,
)
from workbench.compare.values import DIMENSIONS, Amount, amounts, dimension, one_unit_amounts

__all__ = ["AS_OF", "CLAIM_KINDS", "CLOCK", "CLOCK_HEDGE", "CLOCK_SLACK_DAYS", "COUNT_STOP",
           "DURATIONS", "MEASURE_NAMES", "NOT_CONTEXT", "NUMERIC_KINDS", "OUTCOMES",
           "PEOPLE_NOUNS", "PLACE_NAME_FACT", "REPORT_DATE_FACT", "TIME_NOUNS", "WEEKDAY_VALUE",
           "WORD", "Claim", "date_claims", "entity_slots", "inside_spans", "lead_start",
           "same_name", "sentence_claims", "source_claims", "speaker_claims", "unanchored_value"]

#: A date value with a time of day ('2017-12-26T17:52', '...T06:00Z'): hour, minute, zone.
CLOCK = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d)(?::(\d\d))?(Z)?$")
#: Words that make a time of day approximate, and how far either side it then reaches (days).
CLOCK_HEDGE = re.compile(r"(?i)\b(?:about|around|approximately|roughly|some|shortly|just|"
                         r"nearly|almost|soon)\b")
CLOCK_SLACK_DAYS = 0.5 / 24

#: Words that never describe a value: month and weekday names.
NOT_CONTEXT = re.compile(r"^(?:" + MONTH_NAMES + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$")

#: What happened to the counted things, by the words that say it.
OUTCOMES = {
    "killed": "killed", "dead": "killed", "died": "killed", "death": "killed",
    "deaths": "killed", "fatalities": "killed", "lives": "killed", "bodies": "killed",
    "injured": "injured", "injuries": "injured", "hurt": "injured", "wounded": "injured",
    "injuring": "injured", "wounding": "injured", "killing": "killed",
    "missing": "missing", "arrested": "arrested", "arrests": "arrested", "detained": "arrested",
    "evacuated": "evacuated", "evacuations": "evacuated", "rescued": "rescued",
    "hospitalized": "hospitalized", "hospitalised": "hospitalized", "displaced": "displaced",
    "affected": "affected", "stranded": "stranded", "waiting": "waiting", "stuck": "stranded",
    "charged": "charged", "infected": "infected", "infections": "infected", "cases": "infected",
    "sentenced": "sentenced", "fired": "fired", "launched": "launched", "sold": "sold",
    "damaged": "damaged", "destroyed": "destroyed", "delayed": "delayed", "cancelled": "cancelled",
    "canceled": "cancelled", "queued": "waiting", "trapped": "trapped", "homeless": "displaced",
}
#: Nouns that count people: one head, so 'residents injured' meets 'people injured'.
PEOPLE_NOUNS = frozenset(
    "people persons person residents passengers workers children students civilians soldiers "
    "officers victims men women staff employees crew tourists individuals patients fans "
    "protesters demonstrators migrants villagers citizens members troops police others "
    "officials".split()
)
#: Verbs right before a count that say what happened to what it counts ('killed 30 civilians').
_DONE_TO = frozenset("killed injured wounded hurt arrested detained evacuated rescued".split())
COUNT_STOP = frozenset(
    "a an the of to in on at for from with by and or but as than that this these those is are "
    "was were be been will would could should may might has have had said says told who which "
    "whom whose while when where after before since until about over under into per more less "
    "most other such their its his her our your my them they it he she we you also not no only "
    "just very so then there here some any each every all both up down out off again".split()
)
#: Nouns of time and measure that a number before them never counts as things.
TIME_NOUNS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries time times am pm percent".split()
)
_CAUSE = re.compile(
    r"\b(?:because of|due to|caused by|blamed (?:it )?on|attributed (?:it )?to|as a result of|"
    r"triggered by|the result of|after being hit by)\s+"
    r"(?P<cause>(?:[^,;.()\"“”]|(?<=\b[A-Z])\.){3,80})",  # 'U.S. tax law' keeps its dots
    re.IGNORECASE,
)
_MEASURES = frozenset(
    "metric ton tons tonnes pounds pound feet foot inches meters metres miles kilometers "
    "kilometres kg kilograms lb lbs ft mph degrees acres hectares gallons liters litres".split()
)
DURATIONS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
_AGO = re.compile(r"^\s*(?:ago|before|after|earlier|later|previously|since)\b", re.IGNORECASE)
AS_OF = re.compile(r"\b(?:as of|by|as at)\s+$", re.IGNORECASE)
_BACKGROUND_DAYS = 14
#: The fact name of the date a statement was made ('said on Thursday').
REPORT_DATE_FACT = "date of the statement"
WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-(\d)$")
#: Kinds whose values are numbers.
NUMERIC_KINDS = ("count", "quantity", "source")
CLAIM_KINDS = ("count", "quantity", "date", "place", "person", "source", "cause", "speaker")


@dataclass
class Claim:
    """One value one article gives (see the module docstring)."""

    article_id: str
    sentence_id: int
    start_char: int
    end_char: int
    kind: str
    fact: str
    value_text: str
    key: tuple | None = None
    value_low: float = math.nan
    value_high: float = math.nan
    unit: str | None = None
    start_date: pd.Timestamp | None = None
    end_date: pd.Timestamp | None = None
    value_norm: str = ""
    is_background: bool = False
    attributed_to: str | None = None
    as_of: pd.Timestamp | None = None
    #: A date's happening and place ('visit', 'japan'), which decide its fact.
    event: str | None = None
    place: str | None = None
    #: A quotation's words (casefolded), which decide a speaker claim's fact.
    content: str = ""
    #: The other claim of a copied-sentence slot (an index into the story's claims).
    pair: int | None = None
    fact_id: str = ""
    #: What a count counts (its singular head noun), so paraphrases pair like with like.
    head: str | None = None
    #: How the claim joined its fact: 'copy', 'key', 'context' or 'alone' (the strongest).
    link: str = "alone"
    #: The claims of a fact joined without loose context share a part.
    part: int = 0


WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NOT_NAMES = frozenset("the a an mr mrs ms dr he she it they we i u.s. us said".split())


def name_tokens(text: str) -> set[str]:
    """The capitalised words of a name ('Anthony LaCalamita III' -> {'anthony', 'lacalamita', 'iii'})."""
    return {w.casefold() for w in re.findall(r"\b[A-Z][\w'’-]+", text)} - _NOT_NAMES


def same_name(a: str, b: str) -> bool:
    """'LaCalamita' and 'Anthony LaCalamita III', 'Gordon Advisers' and 'Gordon Advisors'."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb or ta & tb:
        return True
    return fuzz.ratio(a.casefold(), b.casefold()) >= 85


def _counted(text: str, a: Amount) -> tuple[list[str], str | None]:
    """The counted noun phrase after an amount and what happened to it ('people', 'injured')."""
    # the counted noun follows in the same phrase: 'wounding at least 90, officials said'
    # counts no officials
    if _TO_HOSPITAL.match(text[a.end:a.end + 120]):
        return ["people"], "hospitalized"  # '51 were taken to the hospital'
    noun, outcome = _noun_after(text[a.end:a.end + 80])
    if noun and outcome is None:
        outcome = _outcome_after(text[a.end:a.end + 80], noun[-1])
    if outcome is None:
        toll = _toll_outcome(text[max(0, a.start - _TOLL_REACH):a.start], noun)
        if toll is not None:
            return ["people"], toll
        return _outcome_before(text[max(0, a.start - 40):a.start], noun)
    return noun, outcome


#: How far before an amount a toll it gives may be named ('The death toll from Thursday's
#: attack on the consulate in Mazar-i-Sharif rose to at least six').
_TOLL_REACH = 160
_TOLL = re.compile(
    r"\b(?:(?P<what>death|injury|fatality)\s+tolls?|(?P<bare>tolls?)"
    r"|number\s+of\s+(?:the\s+)?(?:people\s+)?(?P<of>dead|deaths|killed|fatalities|injured|"
    r"injuries|wounded|hurt|missing))\b"
    r"(?P<between>[^.;:!?\"“”]*?)"
    r"\b(?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|jumps|increased|increases|"
    r"reached|reaches|hit|hits|stood|stands|stand|is|was|were|are|now|remained|remains|to)"
    r"(?:\s+(?:to|at))?\s*$", re.IGNORECASE)
#: Words in a toll's phrase that make it a toll of the injured ('the toll of injured').
_INJURY_WORDS = re.compile(r"\b(?:injur\w*|wounded|hurt)\b", re.IGNORECASE)


def _toll_outcome(before: str, noun: list[str]) -> str | None:
    """What a toll counts when the amount gives it ('the death toll rose to 12'), else None.

    Only an amount with no counted noun of its own (or a day after it: 'rose to six Friday');
    a bare 'toll' is a death toll unless its phrase names the injured ('the toll of injured').
    """
    if noun and not (noun[0].casefold() in TIME_NOUNS or NOT_CONTEXT.match(noun[0].casefold())
                     or noun[-1].casefold() in PEOPLE_NOUNS):
        return None
    m = _TOLL.search(before)
    if m is None:
        return None
    if m.group("of"):
        return OUTCOMES.get(m.group("of").casefold())
    if m.group("what"):
        return {"death": "killed", "fatality": "killed"}.get(m.group("what").casefold(),
                                                              "injured")
    return "injured" if _INJURY_WORDS.search(m.group("between")) else "killed"


_FIELD_NAME = re.compile(r"^\s+[A-Z][\w-]*:")


def _noun_after(after: str) -> tuple[list[str], str | None]:
    """The counted words right after an amount, and what happened to them if they say it."""
    if _FIELD_NAME.match(after):
        return [], None  # 'Boosters: 2 Cores: 3': the name after the number is the next field's
    words = WORD.findall(re.split(r"[,;:()\[\]–—]", after)[0])
    noun: list[str] = []
    outcome = None
    for i, w in enumerate(words[:4]):
        lw = w.casefold()
        if lw in OUTCOMES and noun:
            outcome = OUTCOMES[lw]
            break
        if lw in OUTCOMES and _names_what_follows(words[i + 1:i + 2]):
            outcome = OUTCOMES[lw]  # '63,000 canceled orders', 'two wounded men'
            continue
        if lw in COUNT_STOP:
            break
        if lw in _FILLER:
            continue  # 'two separate attacks' counts attacks; 'four straight' counts nothing
        noun.append(w)
        if lw in OUTCOMES:
            outcome = OUTCOMES[lw]
            break
        if _is_head(lw) and not _is_head(words[i + 1].casefold() if i + 1 < len(words) else ""):
            break
    return noun, outcome


#: Words between a number and what it counts that say nothing of what it is ('two separate
#: attacks', 'three different areas', '19 consecutive games').
_FILLER = frozenset("separate different distinct additional consecutive straight successive "
                    "individual total further extra".split())


def _names_what_follows(nxt: list[str]) -> bool:
    """Whether the word after a participle is what is counted ('canceled orders', 'wounded men')."""
    return bool(nxt) and nxt[0][:1].islower() and _is_head(nxt[0])


def _is_head(word: str) -> bool:
    """Whether a word can end a counted phrase: a plural or a word for people.

    One followed by another such word modifies it ('two police officers', 'two crew members',
    'ten US citizens', 'two plainclothes officers'): the last one is what is counted.
    """
    return word not in COUNT_STOP and word not in OUTCOMES and (
        word.endswith("s") or word in PEOPLE_NOUNS)


def _outcome_before(before_text: str, noun: list[str]) -> tuple[list[str], str | None]:
    """What happened to the counted things, told before the amount ('which killed 30').

    Not across a comma: 'Of the 23 pirates arrested, 12 are Somali' counts a part of them.
    """
    if before_text.rstrip().endswith(","):
        return noun, None
    before = WORD.findall(before_text)[-3:]
    if before and before[-1].casefold() in _DONE_TO:  # 'which killed 30 civilians'
        return noun, OUTCOMES[before[-1].casefold()]
    outcome = None
    for w in reversed(before):
        if w.casefold() in ("killing", "injuring", "wounding", "left", "leaving"):
            lead = w.casefold()
            outcome = {"killing": "killed", "injuring": "injured",
                       "wounding": "injured"}.get(lead)
            if outcome is None:  # 'left 3 dead'
                nxt = [x.casefold() for x in noun]
                outcome = next((OUTCOMES[x] for x in nxt if x in OUTCOMES), None)
            break
    return noun, outcome


_TAIL_OUTCOME = re.compile(
    r"^\s+(?:(?P<aux>have been|has been|had been|are still|were still|remained|remain|still|"
    r"were|was|are|is|been|have|has|had)\s+)?(?:left\s+)?(?P<w>[a-z]+)\b")


_TO_HOSPITAL = re.compile(
    r"^\s+(?:(?:people|persons|others|passengers|victims|of them)\s+)?"
    r"(?:(?:have|has|had|were|was|are|is)\s+)?(?:also\s+|later\s+|then\s+)?"
    r"(?:been\s+|being\s+)?(?:taken|rushed|admitted|"
    r"airlifted|sent|brought|transported|treated|ferried)\s+(?:to|in|at|into)\s+"
    r"(?:the\s+|a\s+|local\s+|nearby\s+|several\s+)*hospitals?\b", re.IGNORECASE)


#: A part of the counted group named between commas ('84 people, including 10 children, have
#: died'): what happened is told of the whole group after it.
_APPOSITION = re.compile(r"^\s*,\s*(?:including|among them|most of them|many of them|all of them)"
                         r"\b[^,;:.()]{1,60},", re.IGNORECASE)


def _outcome_after(after: str, noun: str) -> str | None:
    """What happened to the counted noun, told after it ('people were injured')."""
    tail = after[after.casefold().find(noun.casefold()) + len(noun):]
    tail = _APPOSITION.sub("", tail, count=1)
    if _TO_HOSPITAL.match(tail):
        return "hospitalized"  # '84 people have been taken to hospital'
    m = _TAIL_OUTCOME.match(tail)
    if not m or m.group("w") not in OUTCOMES:
        return None
    if m.group("aux") and re.search(r"remain|still", m.group("aux")):
        # 'two remain trapped' is the state at the time of report, not how many were
        # trapped: another figure
        return f"still {OUTCOMES[m.group('w')]}"
    return OUTCOMES[m.group("w")]


#: A parent of so many ('a mother of two died', 'father to three boys'): the count is of the
#: children, and what happened is told of the parent.
_PARENT_OF = re.compile(r"\b(?:mother|father|parent|mom|mum|dad|grandmother|grandfather|"
                        r"grandparent)s?\s+(?:of|to)\s+$", re.IGNORECASE)


#: A part named before a counted group ('two of the three victims died', 'none of the 12
#: passengers were hurt'): what happened is told of the part.
_PART_OF = re.compile(r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|some|many|"
                      r"most|none|several|few|half)\s+of\s+(?:the\s+|those\s+|these\s+)?$")


def _children_of(text: str, a: Amount) -> tuple[list[str], None] | None:
    """(['children'], None) for the count of a parent's children, else None."""
    if a.unit or not _PARENT_OF.search(text[max(0, a.start - 24):a.start]):
        return None
    return ["children"], None


def _count_claims(aid: str, sid: int, text: str, start: int) -> list[Claim]:
    out = []
    since = 0  # where the words of the previous amount's phrase end
    for a in _own_amounts(text):
        lead_from, since = lead_start(text, since, a.start), a.end
        if a.unit in DURATIONS and _AGO.match(text[a.end:]):
            continue  # 'married two weeks ago' dates a happening; it measures nothing
        noun, outcome = _children_of(text, a) or _counted(text, a)
        if outcome and _PART_OF.search(text[max(0, a.start - 30):a.start]):
            outcome = None  # 'two of the three victims died': the two died, not the three
        if a.unit:
            kind, (fact, key, head) = "quantity", _measure(text, a, noun, lead_from)
        else:
            if outcome and _is_rate(text, a):
                outcome = f"{outcome} (rate)"  # 'an average of 330 deaths a day': no toll
            counted = _what_is_counted(text, a, noun, outcome)
            if counted is None:
                continue
            kind, (fact, key, head) = "count", counted
        out.append(Claim(
            aid, sid, start + a.start, start + a.end, kind, fact, a.text, key=key,
            value_low=a.low, value_high=a.high, unit=a.unit or None,
            value_norm=_fmt_interval(a.low, a.high, a.unit), head=head,
        ))
    return out


def _head_class(noun: list[str], head: str) -> str:
    """What a counted phrase counts: 'people' for a word for people, else its singular head.

    People of a named group ('13 U.S. troops', 'two Afghan soldiers', '10 Costa Rican
    pilots') are a part of the people a toll counts, not the toll: the group is the class.
    """
    if noun[-1].casefold() not in PEOPLE_NOUNS:
        return head
    if any(w[:1].isupper() for w in noun[:-1]):
        return " ".join(singular(w) for w in noun)
    return "people"


_AVERAGE_BEFORE = re.compile(r"(?i)\b(?:average|averaging|averaged|averages)\s+(?:of\s+)?$")
_PER_PERIOD_AFTER = re.compile(
    r"(?i)^[^,.;:()]{0,40}?\b(?:a|per|each|every)\s+(?:day|week|month|year)\b"
    r"(?!\s+(?:after|before|earlier|later|ago|since|into|of)\b)")


def _is_rate(text: str, a: Amount) -> bool:
    """Whether a count is a rate or an average ('an average of 330 deaths', '2,000 a day')."""
    return bool(_AVERAGE_BEFORE.search(text[max(0, a.start - 30):a.start])
                or _PER_PERIOD_AFTER.match(text[a.end:a.end + 60]))


def _what_is_counted(text: str, a: Amount, noun: list[str], outcome: str | None
                     ) -> tuple[str, tuple | None, str] | None:
    """(fact, key, head class) of a count of things, or None when it counts nothing."""
    if a.text.strip().casefold() == "one" and not outcome:
        return None  # 'one way or another', 'at one point', 'one witness said': a determiner
    if not noun and outcome:
        noun = ["people"]  # 'killing two people and wounding at least 90'
    if not noun or noun[0].casefold() in TIME_NOUNS or NOT_CONTEXT.match(noun[0].casefold()):
        return None  # 'rose to at least six Friday': the counted noun is elsewhere
    if noun[0][:1].isupper() and a.low >= 1000 and a.low == a.high:
        return None
    if {w.casefold() for w in noun} & _MEASURES:
        return None  # '105 metric tons' is an amount of something the sentence names
    head = singular(noun[-1])
    head_class = _head_class(noun, head)
    if outcome and (head in OUTCOMES or noun[-1].casefold() in OUTCOMES):
        head_class = "people"  # 'two fatalities', '84 injured'
    words = [w.casefold() for w in noun]
    # '17-yard run' (tokenised '17 - yard run'): an attribute of one thing
    compound = re.match(r"\s?-\s?[A-Za-z]", text[a.end:a.end + 4]) is not None
    if outcome and not compound:
        return f"{head_class} {outcome}", ("count", head_class, outcome), head_class
    # a counted phrase names one thing when it has a modifier ('government sources'); a bare
    # noun ('boats', 'laps') has many referents in one story, and people are told apart by
    # what happened to them
    key = ("count", " ".join(singular(w) for w in words)) if (
        len(words) >= 2 and not compound) else None
    return " ".join(words), key, head_class


_SHARE_OF = re.compile(r"^\s+of\s+(?:(?:the|its|their|his|her|our|all|those|these)\s+)?"
                       r"(?:[\d,.]+\s+)?(?P<rest>.*)", re.IGNORECASE | re.DOTALL)


#: What a measure of each aspect is called ('deep': the depth).
_ASPECT_NAMES = {"tall": "height", "wide": "width", "long": "length", "deep": "depth",
                 "thick": "thickness", "across": "diameter", "heavy": "weight"}
#: The names of measures by what they measure (a quantity key that says what is measured).
MEASURE_NAMES = frozenset(_ASPECT_NAMES.values())


def _measure(text: str, a: Amount, noun: list[str], lead_from: int = 0
             ) -> tuple[str, tuple | None, str | None]:
    """(fact, key, aspect) of an amount in a unit.

    A measure is named by what it measures where the words around it say ('the 80m-deep well',
    'a depth of 40m', 'weighing 130 pounds': depth, depth, weight), else by the word before
    it ('turnout was 90 %'). Its key holds the dimension, not the unit: '40-metre-deep' and
    '130-foot-deep' measure one thing in two units.
    """
    aspect = _aspect(text[a.end:]) or _aspect_before(text[max(0, a.start - 40):a.start])
    what = _ASPECT_NAMES[aspect] if aspect else _quantity_subject(text, a, noun, lead_from)
    if aspect:
        fact = what
    else:
        fact = f"amount {what}".strip() if a.unit != "%" else f"share {what}".strip()
    key = ("quantity", dimension(a.unit) or a.unit, what) if what else None
    return fact, key, aspect


#: An aspect named before a measure ('a depth of 40m', 'weighing 130 pounds', 'Total width:
#: 12.2m').
_ASPECT_BEFORE = re.compile(
    r"(?i)\b(?P<w>depth|height|length|width|thickness|diameter|weight|weighing|weighs|weighed|"
    r"weigh)(?:\s+of|:)?\s+(?:(?:about|around|some|nearly|almost|over|more than|less than|"
    r"up to|roughly|approximately|just)\s+)?$")
_ASPECT_BEFORE_OF = {"depth": "deep", "height": "tall", "length": "long", "width": "wide",
                     "thickness": "thick", "diameter": "across"}


def _aspect_before(before: str) -> str | None:
    """What a measure measures when the words before it say ('a depth of 40m': deep)."""
    m = _ASPECT_BEFORE.search(before)
    if not m:
        return None
    return _ASPECT_BEFORE_OF.get(m.group("w").casefold(), "heavy")


#: What ends the phrase of one amount in a list of them ('37,000 pounds to Mars and 7,700
#: pounds to Pluto').
_LIST_JOIN = re.compile(r"(?i)[,;]|\b(?:and|or|while|but)\b")


def lead_start(text: str, since: int, start: int) -> int:
    """Where the words before an amount that may name it begin.

    After the previous amount's phrase, which runs to the last list word between the two
    ('to Mars and'), if any; else anywhere (0).
    """
    joins = list(_LIST_JOIN.finditer(text, since, start)) if since else []
    return joins[-1].end() if joins else 0


def _quantity_subject(text: str, a: Amount, noun: list[str], lead_from: int = 0) -> str:
    """What an amount in a unit is of: the word before it, else the words after it.

    'turnout was 90 %' -> 'turnout', '40 feet of water' -> 'of water'; a share that opens its
    sentence is a share of what follows ('Ninety percent of the 288 candidates' -> 'of
    candidates'). The words before start at ``lead_from``: in a list of amounts ('37,000
    pounds to Mars and 7,700 pounds to Pluto') those of the one before are its own.
    """
    lead = [w for w in WORD.findall(text[max(0, a.start - 50, lead_from):a.start])[-4:]
            if w.casefold() not in COUNT_STOP]
    if lead:
        return lead[-1].casefold()
    if noun:
        return f"of {' '.join(noun[:2])}"
    share_of = _SHARE_OF.match(text[a.end:a.end + 80]) if a.unit == "%" else None
    if share_of:
        of_noun, _ = _noun_after(share_of.group("rest"))
        if of_noun:
            return f"of {' '.join(of_noun[:2])}".casefold()
    return ""


_AGE = re.compile(
    r"(?<![\w-])(?P<age>(?P<n>\d{1,3}|(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)(?:\s?-\s?| )years?(?:\s?-\s?| )old)\b"
    r"(?:\s+(?P<noun>[a-z]+))?", re.IGNORECASE)
#: Words after '-year-old' that show it is used as a noun ('the six-year-old fell').
_AGE_NOMINAL = frozenset(
    "and or but who whom whose which that was is has had have will would could can may might "
    "in of from at on with by to for as remains remain fell died said told says went got "
    "became after before since until while when where because".split())


def _age_claims(aid: str, sid: int, text: str, start: int) -> list[Claim]:
    """The ages a sentence gives ('a six-year-old boy'), keyed by who is that old ('boy')."""
    out = []
    for m in _AGE.finditer(text):
        n = parse_number(m.group("n"))
        noun = (m.group("noun") or "").casefold()
        if n is None or not 0 < n < 130 or "-" not in m.group("age") and " " in m.group("age"):
            continue  # ('he was 45 years old when': the one that old is the sentence's subject)
        # 'the six-year-old fell', 'the six-year-old, whose ...': the age names its person
        who = "one" if not noun or noun in _AGE_NOMINAL or noun.endswith("ed") or text[
            m.end("age"):m.end("age") + 1] in ",;.)" else singular(noun)
        out.append(Claim(
            aid, sid, start + m.start("age"), start + m.end("age"), "quantity",
            f"age of the {who}" if who != "one" else "age",
            m.group("age"), key=("age", who), value_low=float(n), value_high=float(n), unit="years of age",
            value_norm=f"{_fmt_num(n)} years of age"))
    return out


def sentence_claims(sents: dict, skip: set, background: set, ent_slots: dict) -> list[Claim]:
    """The counts, quantities, ages, causes and places each sentence gives."""
    out: list[Claim] = []
    for (aid, sid), (text, start) in sents.items():
        if (aid, sid) in skip or len(text.split()) < 4 or is_menu_line(text):
            continue
        past = (aid, sid) in background
        for c in _count_claims(aid, sid, text, start) + _age_claims(aid, sid, text, start):
            c.is_background = past
            out.append(c)
        out.extend(_cause_claims(aid, sid, text, start))
        out.extend(_place_claim(e, text, start, past)
                   for e in ent_slots.get((aid, sid), ()) if e.kind == "place")
    return out


#: Words that make the name after them where something happened ('launched from X', 'landed
#: in X', 'was shot outside X'); 'of', 'to' and 'for' name whose or where to, not where.
_AT_PLACE = frozenset("in at from near outside inside off into onto aboard across on".split())
#: The words a place's preposition may stand before its name ('in the 12000 block of', 'from
#: the', 'near the northern city of').
_PLACE_LEAD = 5
#: How many words before its preposition the happening's word may stand.
_HAPPENING_WINDOW = 6
#: Happenings that have a place, beyond those a date is the date of (mentions.EVENT_NOUNS).
PLACE_EVENTS = EVENT_NOUNS | {
    "blasted off": "launch", "lifted off": "launch", "lift-off": "launch",
    "land": "landing", "lands": "landing", "shot": "shooting", "gunned": "shooting",
    "born": "birth", "unveil": "unveiling", "unveiled": "unveiling", "unveils": "unveiling",
    "unveiling": "unveiling", "apprehended": "arrest", "apprehending": "arrest",
    "detained": "arrest", "collapsed": "collapse", "collapse": "collapse", "fell": "fall",
}
#: Where a clause ends ('June 24, 2005' and '9:00' go on, a parenthesis is set aside).
_CLAUSE_END = re.compile(r"[;\"“”]|[:,](?!\s*\d)|\b(?:which|where|who|that|while|but|and|when)\b")
_ASIDE = re.compile(r"\([^()]*\)")


def _place_lead(before: str) -> tuple[list[str], int | None]:
    """The words of a name's clause before it, and where among them its preposition of place is.

    A preposition of place ('from', 'in', 'near' ...) at most :data:`_PLACE_LEAD` words before
    the name; None for a name that is a subject, an owner or a title ('North Korea launched',
    'Genesee County Sheriff', 'the governor of Qeshm').
    """
    clause = _CLAUSE_END.split(_ASIDE.sub(" ", before[-300:]))[-1]
    words = [w.casefold() for w in WORD.findall(clause)]
    return words, next((k for k in range(len(words) - 1, max(len(words) - 1 - _PLACE_LEAD, -1),
                                         -1) if words[k] in _AT_PLACE), None)


def place_happening(before: str) -> str | None:
    """The happening a place is where of, from the words before its name in its clause.

    The name must follow a preposition of place (:func:`_place_lead`), and the happening's
    verb or noun stand just before that ('blasted off at 9 a.m. from the Sohae ...' ->
    'launch').
    """
    words, lead = _place_lead(before)
    if lead is None:
        return None
    k, left = lead - 1, _HAPPENING_WINDOW
    while k >= 0 and left > 0:
        two = f"{words[k - 1]} {words[k]}" if k else ""
        if two in PLACE_EVENTS or words[k] in PLACE_EVENTS:
            return PLACE_EVENTS.get(two) or PLACE_EVENTS[words[k]]
        # a place phrase before it leads on to the same happening ('unveil them at the
        # show in Las Vegas')
        left = _HAPPENING_WINDOW if words[k] in _AT_PLACE else left - 1
        k -= 1
    return None


#: The fact of a place's name that says where nothing happened: a subject, an owner or a title
#: ('China denied', 'the governor of Qeshm'); joined to other places only by copies.
PLACE_NAME_FACT = "place name"


def _place_claim(e: Claim, text: str, start: int, past: bool) -> Claim:
    """A place a sentence names: of its clause's happening where it says one."""
    before = text[:e.start_char - start]
    happening = place_happening(before)
    if happening is None:
        where = _place_lead(before)[1] is not None
        return replace(e, fact="place" if where else PLACE_NAME_FACT, is_background=past)
    return replace(e, fact=f"place of {happening}", key=("place", happening),
                   event=happening, is_background=past)


_FRACTION_PART = (r"(?:(?:a|one|two|three|four)[- ])?(?:half|thirds?|quarters?|fifths?)")
#: A share written as a fraction ('more than half of', 'two-thirds', 'one-half to two-thirds').
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<hedge>more than|less than|fewer than|over|under|nearly|almost|about|"
    r"around|roughly|some|at least|just over|just under|close to)\s+)?"
    rf"(?P<a>{_FRACTION_PART})(?:\s+to\s+(?P<b>{_FRACTION_PART}))?(?![\w-])", re.IGNORECASE)
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
#: Words before a fraction that make it a part of a period, an ordinal or part of a number
#: ('the second half', 'an hour and a half').
_NOT_SHARE_BEFORE = re.compile(r"(?i)\b(?:the|first|second|third|fourth|final|last|this|"
                               r"next|each|every|per|and|in)\s+$")
_SHARE_HEDGES = {"more than": "floor", "over": "floor", "just over": "floor",
                 "at least": "floor", "less than": "ceiling", "fewer than": "ceiling",
                 "under": "ceiling", "just under": "ceiling", "nearly": "near",
                 "almost": "near", "close to": "near"}


def _fraction_value(part: str) -> float | None:
    """A written fraction in per cent ('two-thirds' -> 66.67); a bare 'third' is an ordinal."""
    words = re.split(r"[- ]", part.casefold())
    den = _DENOMINATORS.get(singular(words[-1]))
    num = _NUMERATORS.get(words[0]) if len(words) == 2 else (1 if words[0] == "half" else None)
    return None if den is None or num is None else 100.0 * num / den


def _fraction_share(m: re.Match, text: str) -> tuple[float, float] | None:
    """The interval a fraction gives as a share, or None where it is no share."""
    low = _fraction_value(m.group("a"))
    high = _fraction_value(m.group("b")) if m.group("b") else low
    if low is None or high is None or high < low:
        return None
    after = text[m.end():m.end() + 20]
    is_of = re.match(r"\s+of\b", after) is not None
    if not (is_of or m.group("hedge") or m.group("b") or re.search(r"[- ]", m.group("a"))):
        return None  # 'half' alone: 'half an hour', 'cut in half'
    nxt = WORD.match(after.lstrip())
    if (not m.group("hedge") and _NOT_SHARE_BEFORE.search(text[max(0, m.start() - 12):m.start()])) or (
            nxt and not is_of and nxt.group(0).casefold() in TIME_NOUNS | _MEASURES
            | {"century", "mile", "hour", "an", "a"}):
        return None  # 'the second half', 'a quarter century', 'half an hour'
    return _share_bounds(m.group("hedge"), low, high)


def _share_bounds(hedge: str | None, low: float, high: float) -> tuple[float, float]:
    """The interval of a share its hedge allows ('more than half': 50..inf)."""
    how = _SHARE_HEDGES.get((hedge or "").casefold())
    if how == "floor":
        return low, math.inf
    if how == "ceiling":
        return 0.0, high
    if how == "near":
        return low * 0.9, high
    if hedge:  # about, around, roughly, some
        return low * 0.9, high * 1.1
    return low, high


#: A money amount of several millions or billions ('a multimillion-dollar budget', 'a
#: multi-million pound campaign'): from two of them up to a thousand.
_MULTI = re.compile(r"(?<![\w-])multi-?(?P<scale>million|billion)[- ](?P<cur>dollar|pound|euro)s?\b",
                    re.IGNORECASE)
_MULTI_CURRENCY = {"dollar": "USD", "pound": "GBP", "euro": "EUR"}


def _multi_amounts(text: str) -> list[Amount]:
    """The money amounts a sentence gives as 'multimillion-dollar' (2 to 999.99 million USD)."""
    out = []
    for m in _MULTI.finditer(text):
        scale = 1e6 if m.group("scale").casefold() == "million" else 1e9
        out.append(Amount(m.start(), m.end(), m.group(0), 2 * scale, 999.99 * scale,
                          _MULTI_CURRENCY[m.group("cur").casefold()], True))
    return out


_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
#: A share written as a count in a count ('one in four hospitals', 'some 1 in 5 renters',
#: 'three out of ten voters').
_ONE_IN = re.compile(
    r"(?<![\w-])(?:(?P<hedge>more than|less than|fewer than|over|under|nearly|almost|about|"
    r"around|roughly|some|at least|just over|just under|close to)\s+)?"
    rf"(?P<a>{_SMALL}|\d)\s+(?:in|out of)\s+(?:every\s+)?(?P<b>{_SMALL}|\d{{1,3}})"
    r"(?![\w.,-])",
    re.IGNORECASE)


def _one_in_amounts(text: str) -> list[Amount]:
    """The shares a sentence writes as a count in a count, in per cent ('one in four': 25)."""
    out = []
    for m in _ONE_IN.finditer(text):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if not a or not b or a >= b:
            continue
        low, high = _share_bounds(m.group("hedge"), 100.0 * a / b, 100.0 * a / b)
        out.append(Amount(m.start(), m.end(), m.group(0), low, high, "%", bool(m.group("hedge"))))
    return out


def _fraction_amounts(text: str) -> list[Amount]:
    """The shares a sentence writes as fractions, in per cent ('more than half of them')."""
    out = []
    for m in _FRACTION.finditer(text):
        share = _fraction_share(m, text)
        if share is not None:
            out.append(Amount(m.start(), m.end(), m.group(0), share[0], share[1], "%",
                              bool(m.group("hedge"))))
    return out


#: 'a billion' reads as '1 billion' (the same length, so every offset holds).
_ONE_SCALE = re.compile(r"\b[Aa](?= (?:million|billion|trillion)\b)")
#: 'a hundred' reads as '100' and 'a thousand' as '1000', padded with spaces in front so that
#: every offset holds: 'more than a hundred' is more than 100, 'a hundred billion dollars'
#: 1e11 USD.
_A_HUNDRED = re.compile(r"\b[Aa] (hundred|thousand)\b")


def _with_digits(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with 'a billion', 'a hundred' ... written in digits, and the spans rewritten."""
    spans: list[tuple[int, int]] = []

    def digits(m: re.Match) -> str:
        spans.append((m.start(), m.end()))
        n = "100" if m.group(1).casefold() == "hundred" else "1000"
        return " " * (len(m.group(0)) - len(n)) + n

    return _A_HUNDRED.sub(digits, _ONE_SCALE.sub("1", text)), spans
#: A scale after a vague amount: 'several hundred million', 'hundreds of millions of'.
_SCALE_AFTER = re.compile(r"^\s+(?P<scale>thousand|million|billion|trillion)s?\b(?:\s+of\b)?",
                          re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _scaled_amounts(text: str) -> list[Amount]:
    """The sentence's amounts, with 'a billion years' and 'several hundred million years' read.

    A vague amount followed by a scale is scaled, and takes the unit after the scale ('hundreds
    of millions of dollars' -> 2e8..9.99e8 USD); the scale's own reading is then dropped.
    """
    out: list[Amount] = []
    read, rewritten = _with_digits(text)
    for a in amounts(read):
        start = next((s for s, e in rewritten if s <= a.start < e), a.start)  # 'a hundred'
        a = replace(a, start=start, text=text[start:a.end])
        if out and a.start < out[-1].end:
            continue  # 'millions of' inside 'hundreds of millions of'
        m = _SCALE_AFTER.match(text[a.end:]) if a.is_hedged and not a.unit and a.low < 1000 else None
        if m:
            scale = _SCALES[m.group("scale").casefold()]
            end = a.end + m.end()
            tail = amounts("1" + text[end:end + 40])
            unit = tail[0].unit if tail and tail[0].start == 0 and tail[0].unit else ""
            end += tail[0].end - 1 if unit else 0
            a = Amount(a.start, end, text[a.start:end], a.low * scale, a.high * scale, unit, True)
        out.append(a)
    return out


def _own_amounts(text: str) -> list[Amount]:
    """A sentence's amounts; one restated in brackets is a part of the first ('230 feet (70 meters)').

    Shares written as fractions ('two-thirds') are amounts in per cent.
    """
    out: list[Amount] = []
    shares = _one_in_amounts(text)  # 'one in five': neither a count of one nor of five
    found = [a for a in _scaled_amounts(text)
             if not any(a.start < f.end and f.start < a.end for f in shares)] + shares
    for more in (_fraction_amounts(text), one_unit_amounts(text), _multi_amounts(text)):
        found += [f for f in more if not any(a.start < f.end and f.start < a.end for a in found)]
    for a in _compound_measures(text, sorted(found, key=lambda x: x.start)):
        prev = out[-1] if out else None
        if a.unit and prev is not None and prev.unit and _RESTATED.match(text[prev.end:a.start]):
            # one value in two units: its span takes in the restatement ('16,800kg (37,040
            # lb)'), so a reader who marks either finds it
            close = _RESTATED_END.match(text[a.end:])
            end = a.end + (close.end() if close else 0)
            out[-1] = replace(prev, end=end, text=text[prev.start:end])
            continue
        out.append(a)
    return out


#: What joins the parts of one measure in two units ('8 hours and 20 minutes', '2 hours, 5
#: minutes').
_COMPOUND_GAP = re.compile(r"^\s*[,-]?\s*(?:and\s+)?$")


def _compound_measures(text: str, found: list[Amount]) -> list[Amount]:
    """Join a measure in a unit and the rest of it in a smaller unit of one dimension.

    '8 hours and 20 minutes' is 8.33 hours, '6 feet 2 inches' 6.17 feet: one amount.
    """
    out: list[Amount] = []
    for a in found:
        prev = out[-1] if out else None
        if (prev is not None and not a.is_hedged and a.low == a.high
                and dimension(a.unit) is not None and dimension(a.unit) == dimension(prev.unit)
                and DIMENSIONS[a.unit][1] < DIMENSIONS[prev.unit][1]
                and _COMPOUND_GAP.match(text[prev.end:a.start])):
            rest = a.low * DIMENSIONS[a.unit][1] / DIMENSIONS[prev.unit][1]
            out[-1] = Amount(prev.start, a.end, text[prev.start:a.end], prev.low + rest,
                             prev.high + rest, prev.unit, prev.is_hedged)
            continue
        out.append(a)
    return out


_RESTATED = re.compile(r"^\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_RESTATED_END = re.compile(r"^[^()\[\]]{0,3}[)\]]")
_ASPECT = re.compile(r"^(?:\s*[(\[][^)\]]{0,40}[)\]])?[\s-]*(tall|high|wide|long|deep|thick|across|in diameter|in length|"
                     r"in height|in width|heavy|diameter)\b", re.IGNORECASE)
_ASPECT_OF = {"in diameter": "across", "diameter": "across", "in length": "long", "in height": "tall",
              "high": "tall", "in width": "wide"}


def _aspect(after: str) -> str | None:
    """What a measure measures when the words after it say ('40 feet wide', '70 m tall')."""
    m = _ASPECT.match(after)
    if not m:
        return None
    w = m.group(1).casefold()
    return _ASPECT_OF.get(w, w)


def _fmt_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _fmt_interval(lo: float, hi: float, unit: str) -> str:
    u = f" {unit}" if unit else ""
    if lo == hi:
        return f"{_fmt_num(lo)}{u}"
    if math.isinf(hi):
        return f">={_fmt_num(lo)}{u}"
    return f"{_fmt_num(lo)}..{_fmt_num(hi)}{u}"


#: An unanchored value that names a month, day, clock time or weekday ('XXXX-06-20',
#: 'XXXX-XX-XXT15:00', 'XXXX-WXX-4') or a season ('XXXX-SU').
_WRITTEN_PART = re.compile(r"^XXXX-(?:\d\d|XX-XXT\d|WXX-\d|SU|SP|FA|WI)")
_OFFSET_UNITS = {"minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
                 "fortnight": "W", "month": "M", "year": "Y", "decade": "Y"}
_OFFSET_SCALE = {"fortnight": 2, "decade": 10}
#: A distance from the time of report ('two weeks ago', 'a few days ago', 'last week'); one
#: from another mention ('three hours later') is no date without that mention.
_OFFSET = re.compile(
    r"(?i)\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a few|several|some)\s+(?P<unit>minute|hour|day|night|week|fortnight|month|year|decade)s?"
    r"\s+(?P<dir>ago|from now)\b")
_NAMED_OFFSET = re.compile(r"(?i)\b(?P<dir>last|past|this|next|coming)\s+"
                           r"(?P<unit>week|month|year)\b")
_BACKWARD = frozenset("ago last past".split())


def unanchored_value(value: str, text: str) -> str | None:
    """What a date the tagger could not anchor still says, or None when it says nothing.

    A written month, day, clock time, weekday or season keeps the tagger's value
    ('XXXX-06-20'); a distance from the time of report becomes a signed duration ('two weeks
    ago' -> '-P2W', 'in three hours from now' -> '+PT3H', 'last week' -> '-P1W'), so two
    unanchored distances compare by what they say. 'today', 'the previous day' or 'three
    hours later' alone say nothing to compare.
    """
    if _WRITTEN_PART.match(value):
        return value
    m = _OFFSET.search(text)
    if m:
        unit = m.group("unit").casefold()
        n = parse_number(m.group("n")) if m.group("n").casefold() not in ("a", "an") else 1.0
        amount = "X" if n is None else _fmt_num(n * _OFFSET_SCALE.get(unit, 1))
    else:
        m = _NAMED_OFFSET.search(text)
        if m is None:
            return None
        unit, amount = m.group("unit").casefold(), "1"
        if m.group("dir").casefold() == "this":
            amount = "0"
    sign = "-" if m.group("dir").casefold() in _BACKWARD else "+"
    code = _OFFSET_UNITS[unit]
    return f"{sign}P{code[0] if len(code) > 1 else ''}{amount}{code[-1]}"


#: A period's start ('since 1959', 'since the 1950s', 'since March 2020'): the year, decade,
#: month or day it names.
_SINCE = re.compile(r"(?i)^since\b")
_GRAIN_OF = ((re.compile(r"^\d{4}$"), pd.offsets.YearEnd(0)),
             (re.compile(r"^\d{3}X$"), None),
             (re.compile(r"^\d{4}-\d\d$"), pd.offsets.MonthEnd(0)),
             (re.compile(r"^\d{4}-\d\d-\d\d"), pd.offsets.Day(0)))


def _since_end(text: str, value: str, start) -> pd.Timestamp | None:
    """The end of the date a period starts at ('since 1959' -> the last day of 1959), or None.

    The tagger reads 'since 1959' as running up to the day of report, so it would lie
    around every later date ('since 2004' around 'Nov. 9, 2016'); what it tells is when
    the period began, a date as wide as the one it names.
    """
    if not _SINCE.match(text) or pd.isna(start):
        return None
    start = pd.Timestamp(start).normalize()
    for grain, to_end in _GRAIN_OF:
        if grain.match(value):
            # ('since mid-March' ends with March, 'since the 1950s' with 1959)
            return start + to_end if to_end is not None else pd.Timestamp(
                year=start.year // 10 * 10 + 9, month=12, day=31)
    return None


def date_claims(frames: list[dict], window_start) -> list[Claim]:
    """The dates of a story's sentences (``mentions.date_frames``), with happening and place.

    A date that ends well before the story's first report (``window_start``) is background.
    """
    out = []
    for f in frames:
        t = f["t"]
        if t.timex_type not in ("DATE", "TIME"):
            continue
        value = str(t.value)
        if pd.isna(t.start_date) and pd.isna(t.end_date):
            # unanchored (an undated story): what the words still say, else nothing
            value = unanchored_value(value, str(t.timex_text))
            if value is None:
                continue
        if f["is_report"] or DATELINE_NOTE in str(t.note or ""):
            # 'said on Thursday', the dateline's filing day: the date of the report, never of
            # the happening; compared only between copies of one sentence (no key)
            event = place = None
            fact = REPORT_DATE_FACT
        else:
            event = event_word(f)
            place = f["place_order"][-1] if f["place_order"] else None
            fact = "date" + (f" of {event}" if event else "") + (
                f" ({place.title()})" if place else "")
        end = t.end_date if pd.notna(t.end_date) else t.start_date
        since = _since_end(str(t.timex_text), value, t.start_date)
        if since is not None:
            end = since
        is_background = bool(window_start is not None and pd.notna(end)
                             and end < window_start - pd.Timedelta(days=_BACKGROUND_DAYS))
        out.append(Claim(
            t.article_id, int(t.sentence_id), int(t.start_char), int(t.end_char), "date", fact,
            str(t.timex_text), key=("date", event, place) if (event or place) else None,
            start_date=t.start_date if pd.notna(t.start_date) else None,
            end_date=end if since is not None else (
                t.end_date if pd.notna(t.end_date) else None),
            value_norm=value, is_background=is_background, event=event, place=place,
        ))
    return out


_GROUP_END = re.compile(r"\b(?:with|who|that|close|briefed|familiar|told|said|says|according|"
                        r"speaking|on condition)\b.*", re.IGNORECASE | re.DOTALL)


def _group_name(text: str) -> str:
    """What an unnamed group is, without its count: 'three people familiar with ...' -> 'people'."""
    words = [w.casefold() for w in WORD.findall(_GROUP_END.sub("", text))]
    words = [w for w in words if w not in COUNT_STOP and w not in NUMBER_WORDS]
    return " ".join(singular(w) for w in words[-3:])


def source_claims(src: pd.DataFrame) -> list[Claim]:
    """The size of each unnamed group of sources an article cites, once per group."""
    out = []
    seen = set()
    for r in src.itertuples(index=False):
        if pd.isna(r.source_count) or not r.is_anonymous or pd.isna(r.sentence_id):
            continue
        aff = r.affiliation.casefold() if isinstance(r.affiliation, str) and r.affiliation else ""
        # a group is known by its affiliation ('government sources'), else by what it is
        # ('people familiar with the matter'); a lone unaffiliated 'source' is no group
        group = aff or (_group_name(str(r.source_text)) if r.source_count >= 2 else "")
        if not group or (r.article_id, group) in seen or (r.article_id, r.source_key) in seen:
            continue  # one claim per group ('the officials' refers back to it)
        seen.update({(r.article_id, group), (r.article_id, r.source_key)})
        n = float(r.source_count)
        out.append(Claim(
            r.article_id, int(r.sentence_id), int(r.start_char), int(r.end_char), "source",
            f"number of {aff} sources" if aff else f"number of unnamed sources ({group})",
            str(r.source_text), key=("source", r.skey if aff else group), value_low=n,
            value_high=n, value_norm=_fmt_num(n),
        ))
    return out


def speaker_claims(quotes: pd.DataFrame, src: pd.DataFrame) -> list[Claim]:
    """Who each quotation of six words or more is credited to, when a named person said it."""
    named = {(r.article_id, r.source_key): r for r in src.itertuples(index=False)
             if isinstance(r.source_name, str) and r.source_name and not r.is_anonymous}
    out = []
    for q in quotes.itertuples(index=False):
        r = named.get((q.article_id, q.speaker_key))
        if r is None or pd.isna(q.sentence_id) or not isinstance(q.content, str):
            continue
        if r.source_kind != "named_person" or not name_tokens(str(q.speaker)):
            continue  # a pronoun or an organisation names no one to disagree about
        if len(q.content.split()) < 6 or pd.isna(q.speaker_start):
            continue
        out.append(Claim(
            q.article_id, int(q.sentence_id), int(q.speaker_start), int(q.speaker_end),
            "speaker", f"who said “{' '.join(q.content.split()[:8])}…”", str(q.speaker),
            value_norm=r.skey, content=re.sub(r"\W+", " ", q.content.casefold()).strip(),
        ))
    return out


#: A cause denied ('were not caused by gunfire', "wasn't due to") is no cause.
_DENIED = re.compile(r"(?i)\b(?:not|n['’]t|never|no longer|rather than|instead of)\s+(?:\w+\s+)?$")
#: Where the clause that a cause explains begins.
_CLAUSE_START = re.compile(r"[;:,(]\s|\b(?:who|which|that|while|but|and then)\b")


def _cause_claims(aid: str, sid: int, text: str, start: int) -> list[Claim]:
    """What the sentence blames a happening on, keyed by the happening its own clause names.

    A cause in a clause that names no happening explains something else ('the June 20
    shooting of a man whom he tried to kill because of his race'), so it gives no claim.
    """
    out = []
    for m in _CAUSE.finditer(text):
        cause = re.split(r"\b(?:and|but|which|that|when|while|as|said|according)\b",
                         m.group("cause"))[0].strip()
        before = text[:m.start()]
        if len(cause) < 3 or _DENIED.search(before):
            continue
        clause = _CLAUSE_START.split(before)[-1]
        happening = event_word({"clause_words": WORD.findall(clause)})
        if happening is None:
            continue
        s = m.start("cause")
        out.append(Claim(
            aid, sid, start + s, start + s + len(cause), "cause", f"cause of {happening}", cause,
            key=("cause", happening), value_norm=cause.casefold(),
        ))
    return out


_COMPASS = frozenset({"north", "south", "east", "west", "the north", "the south", "the east",
                      "the west"})


def entity_slots(ents: pd.DataFrame) -> dict[tuple[str, int], list[Claim]]:
    """Places and people per sentence, in order: compared only slot by slot between copies."""
    slots: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    kinds = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person"}
    for r in ents.itertuples(index=False):
        kind = kinds.get(r.entity_label)
        if kind is None or pd.isna(r.sentence_id):
            continue
        norm = str(r.entity_norm or r.entity_text).casefold()
        if norm in _COMPASS:
            continue  # 'the North would face fire and fury': a reference, not a place's name
        slots[(r.article_id, int(r.sentence_id))].append(Claim(
            r.article_id, int(r.sentence_id), int(r.start_char), int(r.end_char), kind,
            kind, str(r.entity_text), value_norm=norm,
        ))
    return slots


def inside_spans(c: Claim, spans: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether a claim lies inside one of its article's spans."""
    return any(s <= c.start_char and c.end_char <= e for s, e in spans.get(c.article_id, ()))
