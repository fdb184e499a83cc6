"""Relations between the values of one fact: contradiction, update, precision, attribution.

:func:`workbench.compare.claims.story_claims` groups a story's claims into facts; here each
fact's values are compared. Two values are :func:`compatible` when their intervals meet (with
slack for round numbers), when two dates can be one day, or when two names are one person or
one place (a place inside another is more precise, not different). :func:`fact_relations`
takes each article's value of a fact and decides the fact's relation and its salience.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd
from rapidfuzz import fuzz

from workbench.compare.claim_reading import (
    CLOCK,
    CLOCK_HEDGE,
    CLOCK_SLACK_DAYS,
    COUNT_STOP,
    NUMERIC_KINDS,
    REPORT_DATE_FACT,
    WEEKDAY_VALUE,
    WORD,
    name_tokens,
    same_name,
)
from workbench.compare.counted_parse import counts_apart
from workbench.compare.mentions import MONTH_NAMES, NUMBER_WORDS, singular
from workbench.compare.places import is_known, named_more_fully, place_within, same_or_within
from workbench.compare.values import dimension, in_base_unit, intervals_overlap

__all__ = ["compatible", "copy_salience", "fact_relations", "omission_salience"]


#: What makes a date explicit: a month name, a year, a numeric date (clock times are not).
_EXPLICIT = re.compile(r"\b(?:" + MONTH_NAMES + r")\b|\b(?:1[6-9]|20)\d\d\b|\b\d{1,2}/\d{1,2}\b")
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
#: How much each relation weighs in salience.
_RELATION_WEIGHT = {"contradiction": 1.0, "update": 0.8, "attribution": 0.5, "precision": 0.3,
                    "omission": 0.2}


def _day(c) -> pd.Timestamp | None:
    if pd.notna(c.start_date) and pd.notna(c.end_date) and c.start_date == c.end_date:
        return pd.Timestamp(c.start_date).normalize()
    return None


def _cause_words(text: str) -> set[str]:
    return {singular(w) for w in WORD.findall(str(text)) if w.casefold() not in COUNT_STOP}


def compatible(a, b) -> bool:
    """True when two claims of one fact can both hold: their intervals meet, same name, ...

    Args:
        a: A row of the ``claims`` table (any object with its fields).
        b: Another row, of the same fact.
    """
    if a.kind in NUMERIC_KINDS and not (pd.isna(a.value_low) or pd.isna(b.value_low)):
        if (a.unit or "") != (b.unit or "") and (
                dimension(a.unit) is None or dimension(a.unit) != dimension(b.unit)):
            return True  # amounts in different units are not compared
        la, ha = in_base_unit(*_slack(a), a.unit)
        lb, hb = in_base_unit(*_slack(b), b.unit)
        return intervals_overlap(la, ha, lb, hb)
    if a.kind == "date":
        wa, wb = (re.sub(r"\W+", " ", str(x.value_text).casefold()).strip() for x in (a, b))
        if wa == wb:
            return True  # the same words: any difference comes from the anchors
        if not _EXPLICIT.search(wa) and not _EXPLICIT.search(wb):
            # two relative dates ('on Sunday', 'later Sunday', 'tomorrow', '06:00 GMT'): only
            # two weekday names can be told apart without trusting both anchors
            da_, db_ = _WEEKDAY.findall(wa), _WEEKDAY.findall(wb)
            return not (da_ and db_) or bool(set(da_) & set(db_))
        wda, wdb = WEEKDAY_VALUE.match(str(a.value_norm)), WEEKDAY_VALUE.match(
            str(b.value_norm))
        if wda or wdb:
            return True  # an unanchored weekday against a date: nothing to compare
        da, db = _day(a), _day(b)
        if da is not None and db is not None:
            return da == db
        la = a.start_date if pd.notna(a.start_date) else pd.Timestamp.min
        lb = b.start_date if pd.notna(b.start_date) else pd.Timestamp.min
        ha = a.end_date if pd.notna(a.end_date) else pd.Timestamp.max
        hb = b.end_date if pd.notna(b.end_date) else pd.Timestamp.max
        if pd.notna(a.start_date) and pd.notna(b.start_date) and (
                pd.isna(a.end_date) or pd.isna(b.end_date)) and (da or db):
            # 'from March 15' against 'on March 17': the start day is the fact
            return pd.Timestamp(a.start_date).normalize() == pd.Timestamp(b.start_date).normalize()
        return max(la, lb) <= min(ha, hb)
    if a.kind == "place":
        na, nb = str(a.value_text), str(b.value_text)
        if str(a.value_norm) == str(b.value_norm) or same_name(na, nb):
            return True
        # 'Tokyo' / 'Japan' is one place told more precisely; a name the gazetteer does not
        # know ('Shettleston Road') may lie in the other: neither contradicts
        return same_or_within(na, nb) or not (is_known(na) and is_known(nb))
    if a.kind in ("speaker", "person", "source"):
        return _names_compatible(a, b)
    if a.kind == "cause":
        wa, wb = _cause_words(a.value_text), _cause_words(b.value_text)
        return bool(wa & wb) or not wa or not wb
    return str(a.value_norm) == str(b.value_norm)


#: Nouns that describe an unnamed source as one ('a government source', 'police officials').
_SOURCE_NOUNS = frozenset("source official officer spokesman spokeswoman spokesperson person "
                          "people aide diplomat".split())
_QUALIFIER_STOP = frozenset("a an the one some several two three four who with of from at in "
                            "for and senior top former other".split())


def _qualifiers(text: str) -> set[str] | None:
    """What a description of unnamed sources says they are, without the noun.

    'two law enforcement sources' -> {'law', 'enforcement'}; None when it describes no unnamed
    source ('a witness').
    """
    text = _RELATIVE_CLAUSE.split(text.replace(".", ""))[0]  # 'U.S.' is 'US'
    words = [singular(w) for w in WORD.findall(text)]
    if not any(w in _SOURCE_NOUNS for w in words):
        return None
    return {w for w in words if w not in _SOURCE_NOUNS and w not in _QUALIFIER_STOP
            and w not in NUMBER_WORDS}


_RELATIVE_CLAUSE = re.compile(r"(?i),|\b(?:who|that|which|whose)\b")


def _names_compatible(a, b) -> bool:
    """Whether two who-values (a speaker, a person, a source) may name one."""
    if a.kind == "source" and pd.isna(a.value_low) and pd.isna(b.value_low):
        # who one statement is credited to: two people, or two groups of unnamed sources
        differ = _credits_differ(a, b)
        if differ is not None:
            return not differ
    return str(a.value_norm) == str(b.value_norm) or same_name(str(a.value_text),
                                                                str(b.value_text))


#: Identities of unnamed people ('unnamed_official|<body>'), as against documents or others.
_UNNAMED_PEOPLE = ("unnamed_official|", "anonymous|")


def _credits_differ(a, b) -> bool | None:
    """Whether two credits of one statement name or describe two different sources.

    Two names whose identities share no word differ (:func:`_named_apart`), as do two groups
    of unnamed sources said to be of different bodies (:func:`_unnamed_groups_differ`). None
    when that tells nothing: a name against a description ('a witness' / 'Ms Ferreira'), a
    description of an office, or no description of sources.
    """
    ta, tb = name_tokens(str(a.value_text)), name_tokens(str(b.value_text))
    if not ta and not tb:
        return _unnamed_groups_differ(a, b)
    if ta and tb and "|" not in str(a.value_norm) + str(b.value_norm):
        return _named_apart(a, b)
    return None


def _unnamed_groups_differ(a, b) -> bool | None:
    """Whether two credits of one statement describe two different unnamed sources.

    'two law enforcement sources' / 'a government source': each says whose sources they are,
    and the two share nothing; 'a government source' / 'a U.S. government official' may be
    one. None when either is no description of unnamed sources ('a witness', 'the police':
    the police may cite the witness) or does not say whose it is ('officials').
    """
    qa, qb = _qualifiers(str(a.value_text)), _qualifiers(str(b.value_text))
    if not qa or not qb:
        return None
    return not qa & qb


def _named_apart(a, b) -> bool:
    """Whether two credits of one statement name two different sources by their names.

    Their identities (``value_norm``: 'james gage' / 'robert j pickell') share no word, not
    even one spelt differently ('wolfe' / 'irena wolff'), though their descriptions may
    ('Genesee County Undersheriff James Gage' / 'Genesee County Sheriff Robert J. Pickell').
    """
    na, nb = str(a.value_norm), str(b.value_norm)
    wa, wb = set(na.split()), set(nb.split())
    return bool(wa) and bool(wb) and not any(
        x == y or (min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 80) for x in wa for y in wb)


def _slack(c) -> tuple[float, float]:
    """How far a value may be from what it says: a written value read as rounded.

    A round value ('2.5 million', '1,000') is 2 % either side, a measure ('40 feet', '39.9 ft')
    1 %. A value of two or more digits in millions or billions may also be cut at its last
    written digit: '$43 million' is what an outlet writes for $43,885,310.
    """
    lo, hi = c.value_low, c.value_high
    if lo != hi or not lo:
        return lo, hi
    if lo % 100 == 0 or _ROUND_WORDS.search(str(c.value_text)):
        written = _IN_MILLIONS.search(str(c.value_text))
        digits = written.group("n").replace(",", "") if written else ""
        if len(digits.replace(".", "").lstrip("0")) >= 2:  # '43 million', not '7 million'
            step = 10.0 ** -len(digits.partition(".")[2]) * lo / float(digits)
            return lo * 0.98, max(hi * 1.02, lo + step)
        return lo * 0.98, hi * 1.02
    if dimension(c.unit) is not None:
        return lo * 0.99, hi * 1.01
    return lo, hi


_ROUND_WORDS = re.compile(r"(?i)\b(?:million|billion|m|bn)\b")
_IN_MILLIONS = re.compile(r"(?i)(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:million|billion|m|bn)\b")


_GRAIN_DAYS = {"day": 0.0, "week": 6.0, "month": 30.0, "season": 91.0, "year": 365.0,
               "decade": 3652.0, "century": 36524.0}


def _grain(value: str) -> str | None:
    """The granularity of a TIMEX3 value ('1959' -> 'year', '195X' -> 'decade')."""
    if re.match(r"^\d{4}-\d\d-\d\d", value):
        return "day"
    if re.match(r"^\d{4}-W\d\d$", value):
        return "week"
    if re.match(r"^\d{4}-\d\d$", value):
        return "month"
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI)$", value):
        return "season"
    if re.match(r"^\d{4}$", value):
        return "year"
    if re.match(r"^\d{3}X$", value):
        return "decade"
    if re.match(r"^\d\dXX$", value):
        return "century"
    return None


def _article_value(rows: list):
    """An article's value for a fact: the most precise of its claims, if they can all hold.

    An article that gives two values that cannot both hold is compared only by the values of
    its sentences that another outlet's copy lines up with; None when those clash too.
    """
    def agree(xs):
        return all(compatible(x, y) for k, x in enumerate(xs) for y in xs[k + 1:])

    rows = sorted(rows, key=lambda r: r.start_char)
    if not agree(rows):
        rows = [r for r in rows if r.fact_link == "copy"]
        if not rows or not agree(rows):
            return None
    return min(rows, key=_width)


#: Links that join two parts of a fact, never reported as contradicting each other.
LOOSE_LINKS = ("loose context", "loose key", "paraphrase", "near value", "elapsed time",
               "repeated")
#: The fact of people counted with nothing said to have happened to them: many groups of one
#: story, never one figure.
UNNAMED_PEOPLE = "people"
#: An age does not grow while a story is told: two ages of one person contradict on any day.
AGE_UNIT = "years of age"


def _without_loose_clashes(reps: dict, clash: list) -> tuple[dict, list] | None:
    """Drop the clashes between two parts of a fact (joined only by loose context).

    Such values may answer two questions: a loosely linked value that clashes is left out,
    and a clash between parts is never a contradiction. Where parts still clash, only the part
    that most articles tell is compared; None when no part is larger than the others, or
    nothing is left to compare.
    """
    loose = [(a, b) for a, b in clash if _part(reps[a]) != _part(reps[b])]
    out_of = {x for pair in loose for x in pair if reps[x].fact_link in LOOSE_LINKS}
    reps = {a: r for a, r in reps.items() if a not in out_of}
    if len(reps) < 2:
        return None
    kept = [(a, b) for a, b in clash if (a, b) not in loose and a in reps and b in reps]
    if not kept and any(a in reps and b in reps for a, b in loose):
        # values of two parts that cannot both hold: the part most articles tell is compared
        # within itself ('84 taken to hospital' joined loosely to 'more than 100 wounded')
        sizes = Counter(_part(r) for r in reps.values())
        top = max(sizes.values())
        if top < 2 or list(sizes.values()).count(top) > 1:
            return None  # no part larger than the others: no relation to report
        big = max(sizes, key=sizes.get)
        reps = {a: r for a, r in reps.items() if _part(r) == big}
    return reps, kept


def _grows_by_day(reps: dict, clash: list) -> bool:
    """Whether every clash is between two report days and the figure only grows with the day.

    A running count ('dozens of rescuers' on Tuesday, 'more than 500' on Friday) is one figure
    told as it grew, even when its mentions were joined only loosely: an update, never a
    contradiction.
    """
    if any(pd.isna(r.as_of) or pd.isna(r.value_low) for r in reps.values()):
        return False
    day = {a: pd.Timestamp(r.as_of).normalize() for a, r in reps.items()}
    if any(day[a] == day[b] for a, b in clash):
        return False
    told = [(day[a], in_base_unit(r.value_low, r.value_high, r.unit)) for a, r in reps.items()]
    return all(x[0] <= y[0] and x[1] <= y[1] for dx, x in told for dy, y in told if dx < dy)


def _level(c) -> float:
    """Where a count stands: the middle of a bounded interval, the floor of an open one.

    'some 3.8 billion' stands at 3.8 billion, not at its lower bound; 'at least 40' at 40.
    """
    if math.isinf(c.value_high):
        return float(c.value_low)
    return (float(c.value_low) + float(c.value_high)) / 2


def _part(c) -> int:
    return int(c.fact_part) if pd.notna(c.fact_part) else 0


def _width(c) -> float:
    """How wide a claim's interval is (a day is narrower than 'this month')."""
    if c.kind == "date":
        if pd.notna(c.start_date) and pd.notna(c.end_date):
            # 'approximately 6pm' is an hour wide, '5:52 p.m.' a moment
            slack = CLOCK_SLACK_DAYS if _hedged_clock(c) else 0.0
            return float((c.end_date - c.start_date).days) + 2 * slack
        # an open interval ('since 1959', 'since the 1950s') is as wide as its written value
        return _GRAIN_DAYS.get(_grain(str(c.value_norm)), math.inf)
    if c.kind in NUMERIC_KINDS and pd.notna(c.value_low):
        return float(c.value_high - c.value_low)
    return 0.0


def _hedged_clock(c) -> bool:
    """A clock time told with a hedge ('about 6.10am', 'shortly before midnight')."""
    return bool(CLOCK.match(str(c.value_norm)) and CLOCK_HEDGE.search(str(c.value_text)))


def _span(c) -> tuple[pd.Timestamp, pd.Timestamp, bool] | None:
    """A date's interval (an hour wider either side for a hedged clock time), and the hedge."""
    if pd.isna(c.start_date) or pd.isna(c.end_date):
        return None
    hedged = _hedged_clock(c)
    slack = pd.Timedelta(days=CLOCK_SLACK_DAYS) if hedged else pd.Timedelta(0)
    return pd.Timestamp(c.start_date) - slack, pd.Timestamp(c.end_date) + slack, hedged


def _nest(a: tuple, b: tuple) -> bool:
    """Whether one span lies inside the other; two hedged clock times need only meet."""
    return ((a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
            or (a[2] and b[2] and max(a[0], b[0]) <= min(a[1], b[1])))


#: A date told roughly ('about two weeks ago', 'around 10 a.m.').
_DATE_HEDGE = re.compile(r"(?i)\b(?:about|around|approximately|roughly|nearly|almost|some|"
                         r"shortly|less than|more than|up to)\b")


def _hedged_apart(reps: dict) -> bool:
    """Whether one date is told with a hedge and another the same without.

    'two weeks ago' / 'about two weeks ago': one value, exact in one article, rough in another.
    """
    if len({str(r.value_norm) for r in reps.values()}) > 1:
        return False
    return len({bool(_DATE_HEDGE.search(str(r.value_text))) for r in reps.values()}) > 1


def _nested_dates(reps: dict) -> dict:
    """The articles' dates that lie one inside another ('Monday' in 'this week'), finest first.

    Dates with no interval (an unanchored weekday) are kept. 'On Monday' and 'next year' may
    be joined loosely, but neither tells the other more precisely: the wider one is left out.
    """
    kept: dict = {}
    spans: list[tuple] = []
    for a, r in sorted(reps.items(), key=lambda x: _width(x[1])):
        sp = _span(r)
        if sp is None or all(_nest(sp, o) for o in spans):
            kept[a] = r
            if sp is not None:
                spans.append(sp)
    return kept


def _gap(kind: str, reps: list, relation: str = "contradiction") -> float:
    """How far apart the values are, 0..1 (a place inside another, 'Nice' / 'France', is none)."""
    if relation == "precision" and kind not in NUMERIC_KINDS + ("date",):
        return 0.0
    if kind in NUMERIC_KINDS and not any(pd.isna(r.value_low) for r in reps):
        lows = [r.value_low for r in reps]
        highs = [r.value_high for r in reps]
        top, bottom = max(lows), min(highs)
        if math.isinf(top) or top <= 0:
            return 0.5
        return float(min(1.0, max(0.0, (top - bottom) / top)))
    if kind == "date":
        days = [d for d in (_day(r) for r in reps) if d is not None]
        if len(days) >= 2:
            return float(min(1.0, (max(days) - min(days)).days / 7))
        return 0.5
    return 1.0


def _clash_relation(first, reps: dict, clash: list) -> str | None:
    """The relation of values that cannot all hold: a contradiction, an update or an attribution.

    None when the clash says nothing: statements reported on different days, or figures of
    undated pages that are not copies of one sentence.
    """
    kind = first.kind
    same_time = [(a, b) for a, b in clash if _comparable(kind, first.unit, reps[a], reps[b])]
    if first.unit == AGE_UNIT and all(_a_year_on(reps[a], reps[b]) for a, b in clash):
        return None  # '38-year-old' at the shooting, '39-year-old' at the trial
    if first.fact == REPORT_DATE_FACT and not same_time:
        return None  # statements reported on different days are different statements
    if kind in ("count", "quantity") and not same_time and first.unit != AGE_UNIT:
        if any(pd.isna(reps[x].as_of) for pair in clash for x in pair):
            return None  # a figure of an undated page: a contradiction or an update, unknown
        # values told on different report days are not told at a comparable time: a figure
        # that grew, or one revised down ('47 arrests' on one night, 'six' the next), is an
        # update, never a contradiction
        return "update"
    if kind == "source" and pd.isna(first.value_low):
        return "attribution"  # one statement credited to two different sources
    return "contradiction"


def _clash_values(first, reps: dict, clash: list, sents: dict | None
                  ) -> tuple[str | None, dict]:
    """The relation of a fact's clashing values and the values it holds (in article order).

    Given the story's sentences, a contradiction between two counts holds only where the
    parse of their sentences does not say they count different things
    (:func:`~workbench.compare.counted_parse.counts_apart`); a pair it parts is dropped, and
    becomes no other relation. (None, {}) when nothing is left to report.
    """
    relation = _clash_relation(first, reps, clash)
    if relation == "contradiction" and sents is not None:
        clash = [(a, b) for a, b in clash if not counts_apart(reps[a], reps[b], sents)]
    if relation is None or not clash:
        return None, {}
    involved = {x for pair in clash for x in pair}
    return relation, {a: r for a, r in reps.items() if a in involved}


def _a_year_on(a, b) -> bool:
    """Whether two ages may be one person's told a year apart.

    One year between them, and the time of either report unknown (two dated reports days
    apart tell one age).
    """
    return (pd.isna(a.as_of) or pd.isna(b.as_of)) and abs(
        float(a.value_low) - float(b.value_low)) <= 1


def _comparable(kind: str, unit: str | None, a, b) -> bool:
    """Whether two values are told for a comparable time: the same report day.

    Where either page's time is unknown, a date or a name is taken as comparable (they do not
    run), as is a person's age; a count or an amount only when both values sit in copies of
    one sentence (one report): the figures of two undated pages may be a toll and its update.
    """
    if pd.isna(a.as_of) or pd.isna(b.as_of):
        return kind not in ("count", "quantity") or unit == AGE_UNIT or (
            a.fact_link == b.fact_link == "copy")
    return pd.Timestamp(a.as_of).normalize() == pd.Timestamp(b.as_of).normalize()


def _told_differently(kind: str, reps: dict) -> tuple[str | None, dict]:
    """The relation of values that can all hold but are told differently, and the values shown.

    'about 50' / '52' and 'several' / 'three' differ in precision, and a floor that rose from
    one report day to a later one is an update; 'March' / 'March 17' and 'Tokyo' / 'Japan' are
    one value told more or less precisely; 'a witness' / 'Ms Watts' one source, named by one
    outlet only. None when nothing differs.
    """
    if kind in ("count", "quantity") and len({str(r.value_norm) for r in reps.values()}) > 1:
        dated = sorted((r for r in reps.values() if pd.notna(r.as_of)), key=lambda r: r.as_of)
        days = {pd.Timestamp(r.as_of).normalize() for r in dated}
        rising = len(dated) == len(reps) and len(days) > 1 and all(
            _level(x) <= _level(y) for x, y in zip(dated, dated[1:], strict=False)) and (
            _level(dated[0]) < _level(dated[-1]))
        return ("update" if kind == "count" and rising else "precision"), reps
    if kind == "date":
        # 'around 11pm' / 'around 11:30pm': two values that each one's hedge allows
        nested = _nested_dates(reps)
        widths = {a: _width(r) for a, r in nested.items() if pd.notna(r.start_date)}
        if len({str(r.value_text).casefold() for r in nested.values()}) > 1 and (
                len(set(widths.values())) > 1
                or len({str(r.value_norm) for r in nested.values()}) > 1
                or _hedged_apart(nested)):
            return "precision", {a: r for a, r in reps.items() if a in nested}
        return None, reps
    if kind == "place" and len({str(r.value_norm) for r in reps.values()}) > 1:
        names = list(reps.items())
        # 'Tokyo' in 'Japan'; 'Sohae' told more fully as 'the Sohae Space Center'
        if any(place_within(str(r.value_text), str(o.value_text))
               or named_more_fully(str(r.value_text), str(o.value_text))
               for a, r in names for b, o in names if b != a):
            return "precision", reps
        return None, reps
    if kind == "source" and all(pd.isna(r.value_low) for r in reps.values()):
        # 'a spokesperson from the British Transport Police' describes whom 'Robin Smith, at
        # the British Transport Police' names: a source of unnamed people is not named
        named = [bool(name_tokens(str(r.value_text))) and not str(r.value_norm).startswith(
            _UNNAMED_PEOPLE) for r in reps.values()]
        if any(named) and not all(named):
            return "precision", reps
    return None, reps


def fact_relations(claims: pd.DataFrame, article_ids: list[str],
                   sents: dict | None = None) -> list[dict]:
    """The disagreements of one story's facts, derived from its claims.

    Args:
        claims: The story's rows of the ``claims`` table.
        article_ids: The story's articles.
        sents: ``(article_id, sentence_id) -> (sentence text, start offset)``; given, a
            contradiction of counts is confirmed by the parse of its sentences first.

    Returns:
        One dict per disagreement: ``fact_id``, ``kind``, ``relation`` (contradiction, update,
        precision or attribution), ``subject`` (the fact's name), ``salience`` and ``values``
        (``{article_id: claim row}``, the value each article gives).

    Each article's value for a fact is its first claim of it; an article whose own claims of
    the fact cannot all hold together (it counts two different things, or tells the figure's
    growth itself) takes no part. Two articles **contradict** when their values cannot both
    hold at a comparable time of report (the same ``as_of`` day, or either unknown); counts
    and amounts that differ only between report days form an **update** (grown, or revised
    down); compatible values where
    one is exact and another hedged are a **precision** difference; the same count or amount
    credited to different sources is an **attribution** difference (a date credited to two
    sources is not: 'last week' said by two people is no difference between outlets).
    """
    out: list[dict] = []
    n_articles = max(len(article_ids), 1)
    # 'several people said', 'twelve people and 70 wounded': many groups, never one figure
    claims = claims[(claims["kind"] != "count") | (claims["fact"] != UNNAMED_PEOPLE)]
    # plain rows grouped once (a pandas groupby and itertuples per fact cost most of the stage)
    by_fact: dict[str, dict[str, list]] = {}
    for r in claims.itertuples(index=False):
        by_fact.setdefault(r.fact_id, {}).setdefault(r.article_id, []).append(r)
    for fid, per_article in by_fact.items():
        if len(per_article) < 2:
            continue
        reps = {aid: r for aid, r in ((aid, _article_value(rows))
                                      for aid, rows in per_article.items()) if r is not None}
        if len(reps) < 2:
            continue
        first = next(iter(per_article.values()))[0]
        kind = first.kind
        items = list(reps.items())
        clash = [(a, b) for k, (a, ra) in enumerate(items) for b, rb in items[k + 1:]
                 if not compatible(ra, rb)]
        if any(_part(reps[a]) != _part(reps[b]) for a, b in clash) and not (
                (kind == "count" or dimension(first.unit) == "duration")
                and _grows_by_day(reps, clash)):
            kept = _without_loose_clashes(reps, clash)
            if kept is None:
                continue
            reps, clash = kept
            items = list(reps.items())
        relation = None
        values = reps
        if clash:
            relation, values = _clash_values(first, reps, clash, sents)
            if relation is None:
                continue
        else:
            relation, values = _told_differently(kind, reps)
        if relation is None and kind in NUMERIC_KINDS:
            attributed = {a: r for a, r in reps.items() if isinstance(r.attributed_to, str)}
            keys = {r.attributed_to for r in attributed.values()}
            if len(attributed) >= 2 and len(keys) >= 2 and not any(
                    "|" in k for k in keys):
                relation = "attribution"
                values = attributed
        if relation is None:
            continue
        outlets = len(values)
        centrality = len(per_article) / n_articles
        lead = any(r.sentence_id <= 2 for rows in per_article.values() for r in rows)
        spread = math.log2(1 + outlets) / math.log2(1 + n_articles) if n_articles > 1 else 1.0
        salience = (_RELATION_WEIGHT[relation] * (0.4 * centrality + 0.4 * min(spread, 1.0)
                                                  + 0.2 * lead)
                    * (0.5 + 0.5 * _gap(kind, list(values.values()), relation)))
        out.append({"fact_id": fid, "kind": kind, "relation": relation,
                    "subject": first.fact, "salience": round(salience, 4),
                    "values": values})
    return out


def omission_salience(article_count: int, n_articles: int) -> float:
    """Salience of a value some articles give and others leave out (0..1)."""
    return round(_RELATION_WEIGHT["omission"] * article_count / max(n_articles, 1), 4)


def copy_salience(n_articles: int) -> float:
    """Salience of two copies of one sentence that give different values (0..1)."""
    n = max(n_articles, 2)
    spread = min(1.0, math.log2(3) / math.log2(1 + n))
    return round(_RELATION_WEIGHT["contradiction"] * (0.4 * 2 / n + 0.4 * spread) * 0.75, 4)
