"""Typed differences between the articles of one story, each with its evidence.

What is compared, and with what, so that a paraphrase of the same fact never counts:

* ``headline``: the articles' headlines, when their wording differs.
* ``count`` / ``number``: a number ("three", "3", "12.5%") with what it counts: the words after
  it up to the plural head noun ("three government sources" -> subject "number of government
  sources"; "12 people were injured" -> "number of people injured"). Values are compared only
  between sentences aligned to one fact (``alignments.fact_id``), or, for counts outside aligned
  sentences, when the counted thing has a modifier ("government sources") and each article gives
  exactly one value for it. "three" and "3" are the same value. Amounts (money, percentages)
  are compared within aligned facts only.
* ``date``: temporal expressions (``timexes``) as intervals. Two expressions are about the same
  subject when they sit in copies of one sentence (identical or edited), or in a paraphrase with
  the same place or event word before them ("visit", "reopen"), or, outside aligned sentences,
  when they are each article's one day-level date for the same place ("would be in Japan on
  March 17" / "to visit Japan from March 15"). Day-level starts that differ, or intervals that
  do not overlap, are conflicts; a month that contains a day is not ("this month" / "from March
  15"), nor the same relative words resolved against different publication days ("tonight").
  A day, week or month date that no other article gives for its subject is an omission.
* ``person`` / ``organization`` / ``place``: entities one article names and another does not
  (surnames joined to full names, 'U.S.' = 'United States'). Named sources are reported as
  ``source`` instead, once.
* ``source``: sources (``sources`` table) one article cites and another does not, matched by name
  for named sources and by kind + affiliation for unnamed ones; ``count`` for unnamed groups whose
  size differs ("three" vs "two government sources").
* ``attribution``: one sentence of shared copy (identical or edited) attributed to different
  sources; a quote one article carries from a speaker another article also cites but does not
  quote there.
* ``fact``: aligned facts (sentences) that only some articles report.

Every discrepancy has one row per article of its story: the value the article gives
(``value_text``/``value_norm``) with its evidence, or missing values when the article does not
report it (``difference = 'omission'``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from workbench import schema

__all__ = ["count_mentions", "find_discrepancies", "find_story_discrepancies", "parse_number"]

_NUMBER_WORDS = {
    "a dozen": 12, "dozens": None, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "both": 2,
}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    r"(?:" + "|".join(sorted((w for w in _NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_COUNT = re.compile(
    r"(?<![\w$£€.,-])(?P<cur>[$£€])?" + _NUM
    + r"(?:[ \t]+(?P<scale>hundred|thousand|million|billion|trillion))?"
    + r"(?P<unit>[ \t]*(?:%|percent\b|per[ \t]cent\b))?"
    + r"(?P<rest>(?:[ \t,-]+[A-Za-z][\w'’-]{0,25}){0,4})",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(r"\b(?:" + _MONTH_NAMES + r")\.?\s*$", re.IGNORECASE)
_STOP = frozenset(
    "a an the of to in on at for from with by and or but as than that this these those is are was "
    "were be been will would could should may might has have had said says told who which whom "
    "whose while when where after before since until about over under into onto per plus more "
    "less most least other others such their its his her our your my them they it he she we you "
    "also not no only just very so then there here some any each every all both either neither "
    "up down out off again".split()
)
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade "
    "decades century centuries time times am pm a.m. p.m.".split()
)
_REPORTING = frozenset(
    "said says say told tells according confirmed confirm reported report reports added noted "
    "stated announced declined declining".split()
)
_CREDIT = re.compile(r"^\W*(?:reporting|writing|editing|additional reporting)\s+by\b", re.I)
_PLACE_ALIASES = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "uk": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom",
}
_KIND_OF_LABEL = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
}


@dataclass(frozen=True)
class _Value:
    article_id: str
    value_text: str
    value_norm: str
    sentence_id: int | None
    start_char: int | None
    end_char: int | None
    evidence_text: str | None


def parse_number(text: str) -> float | None:
    """Parse a number written in digits or words ('3', '1,200', 'three', 'twenty-five')."""
    t = text.strip().casefold().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    parts = re.split(r"[- ]", t)
    total = 0.0
    for p in parts:
        v = _NUMBER_WORDS.get(p)
        if v is None:
            return None
        total += v
    return total


def _singular(word: str) -> str:
    w = word.casefold()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_IRREGULAR_PLURALS = frozenset(
    "people children men women police staff personnel crew cattle troops media".split())


def _is_plural(word: str) -> bool:
    w = word.casefold()
    return w in _IRREGULAR_PLURALS or (len(w) > 2 and w.endswith("s") and not w.endswith("ss"))


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def count_mentions(text: str) -> list[dict]:
    """Numbers in a sentence with what they count.

    Args:
        text: A sentence.

    Returns:
        One dict per number: ``kind`` ('count' for a number of things, 'number' for amounts,
        percentages and money), ``value_text``, ``value_norm``, ``noun`` (the counted phrase,
        e.g. 'government sources'), ``head`` (its singular head noun), ``start``/``end``
        (offsets in ``text``). Numbers that are parts of dates, times or durations are skipped.
    """
    out = []
    for m in _COUNT.finditer(text):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        if _MONTH_BEFORE.search(text[max(0, m.start() - 16):m.start()]):
            continue
        words = re.findall(r"[A-Za-z][\w'’-]*", m.group("rest") or "")
        noun_words: list[str] = []
        for w in words:
            lw = w.casefold()
            if lw in _STOP or lw in _REPORTING or lw in _SCALE:
                break
            noun_words.append(w)
        if noun_words and re.fullmatch(_MONTH_NAMES, noun_words[0], re.I):
            continue
        scale = _SCALE.get((m.group("scale") or "").casefold(), 1)
        value = num * scale
        is_amount = bool(m.group("cur") or m.group("unit"))
        amount_end = max(m.end(g) for g in ("num", "scale", "unit") if m.group(g))
        if not noun_words and not is_amount:
            continue
        if noun_words and noun_words[0].casefold() in _TIME_UNITS:
            continue
        if noun_words and not is_amount and noun_words[0][:1].isupper() and num >= 1000:
            continue
        unit = "%" if m.group("unit") else (m.group("cur") or "")
        if is_amount:
            before = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, m.start() - 60):m.start()])
            lead = [w for w in before[-5:] if w.casefold() not in _STOP
                    and w.casefold() not in _REPORTING and not w.endswith("ed")]
            noun_words = []
            noun = lead[-1].casefold() if lead else ""
        else:
            cut = next((k for k, w in enumerate(noun_words[:3]) if _is_plural(w)), 0)
            noun_words = noun_words[: cut + 1]
            noun = " ".join(noun_words).casefold()
        end = m.start("rest") + (len(m.group("rest")) - len(m.group("rest").lstrip(" \t,-")))
        end += len(" ".join(noun_words))
        out.append({
            "kind": "number" if is_amount else "count",
            "value_text": text[m.start():end if noun_words else amount_end].strip(),
            "value_norm": f"{unit}{_fmt(value)}",
            "noun": noun,
            "label": noun + _qualifier(text[end:]) if noun_words else noun,
            "head": _singular(noun_words[-1]) if noun_words else unit,
            "start": m.start(),
            "end": end if noun_words else amount_end,
        })
    return out


_QUALIFIER = re.compile(
    r"^[ \t]+(?:(?:were|was|are|is|have[ \t]+been|has[ \t]+been|had[ \t]+been|been)[ \t]+)?"
    r"(?P<w>[a-z]{3,20}ed|hurt|dead|missing|killed|injured)\b")


def _qualifier(after: str) -> str:
    """' injured' for '... people were injured': what happened to the counted things."""
    m = _QUALIFIER.match(after)
    return f" {m.group('w')}" if m else ""


def _place_norm(norm: str) -> str:
    return _PLACE_ALIASES.get(norm, norm)


def _content(words: Iterable[str]) -> set[str]:
    return {_singular(w) for w in words if w.casefold() not in _STOP
            and w.casefold() not in _REPORTING and len(w) > 2}


class _Builder:
    """Collects discrepancies of one story as long rows."""

    def __init__(self, story_id: str, article_ids: list[str], outlets: dict[str, str]):
        self.story_id = story_id
        self.article_ids = article_ids
        self.outlets = outlets
        self.rows: list[dict] = []
        self.seen: set = set()
        self.n = 0

    def add(self, kind: str, difference: str, subject: str, values: dict[str, _Value],
            key=None) -> None:
        key = key or (kind, subject, tuple(sorted((a, v.value_norm) for a, v in values.items())))
        if key in self.seen:
            return
        self.seen.add(key)
        did = f"{self.story_id}:d{self.n:03d}"
        self.n += 1
        for aid in self.article_ids:
            v = values.get(aid)
            self.rows.append({
                "story_id": self.story_id, "discrepancy_id": did, "kind": kind,
                "difference": difference, "subject": subject, "article_id": aid,
                "outlet": self.outlets.get(aid),
                "value_text": v.value_text if v else None,
                "value_norm": v.value_norm if v else None,
                "sentence_id": v.sentence_id if v else None,
                "start_char": v.start_char if v else None,
                "end_char": v.end_char if v else None,
                "evidence_text": v.evidence_text if v else None,
            })


def _sentence_lookup(sentences: pd.DataFrame) -> dict[tuple[str, int], tuple[str, int]]:
    return {
        (a, int(s)): (t, int(st))
        for a, s, t, st in zip(sentences["article_id"], sentences["sentence_id"],
                               sentences["sentence_text"], sentences["start_char"], strict=True)
    }


def _headlines(b: _Builder, articles: pd.DataFrame) -> None:
    heads = {a: h for a, h in zip(articles["article_id"], articles["headline"], strict=True)
             if a in b.outlets and isinstance(h, str) and h.strip()}
    norms = {re.sub(r"\W+", " ", h.casefold()).strip() for h in heads.values()}
    if len(heads) >= 2 and len(norms) > 1:
        vals = {a: _Value(a, h, h.casefold(), None, None, None, h) for a, h in heads.items()}
        b.add("headline", "conflict", "headline", vals)


def _counts(b: _Builder, sents: dict, facts: dict[tuple[str, int], str]) -> None:
    by_fact: dict[str, dict[str, list[tuple[dict, int]]]] = defaultdict(lambda: defaultdict(list))
    by_noun: dict[tuple[str, str], dict[str, list[tuple[dict, int]]]] = defaultdict(
        lambda: defaultdict(list))
    for (aid, sid), (text, _) in sents.items():
        if aid not in b.outlets or _CREDIT.match(text):
            continue
        for m in count_mentions(text):
            fid = facts.get((aid, sid))
            if fid:
                by_fact[fid][aid].append((m, sid))
            if len(m["noun"].split()) >= 2 and m["kind"] == "count":
                by_noun[(m["kind"], m["noun"])][aid].append((m, sid))

    def emit(kind, subject, per_article):
        vals = {}
        for aid, ms in per_article.items():
            m, sid = ms[0]
            text, start = sents[(aid, sid)]
            vals[aid] = _Value(aid, m["value_text"], m["value_norm"], sid, start + m["start"],
                               start + m["end"], text)
        if len({v.value_norm for v in vals.values()}) > 1:
            b.add(kind, "conflict", subject, vals, key=(kind, subject))

    for per_article in by_fact.values():
        heads: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for aid, ms in per_article.items():
            for m, sid in ms:
                heads[(m["kind"], m["head"])][aid].append((m, sid))
        for (kind, _head), pa in heads.items():
            if len(pa) < 2 or any(len(ms) > 1 for ms in pa.values()):
                continue
            label = max((ms[0][0]["label"] for ms in pa.values()), key=len)
            emit(kind, _subject(kind, label), pa)
    for (kind, _noun), pa in by_noun.items():
        if len(pa) >= 2 and all(len({m["value_norm"] for m, _ in ms}) == 1 for ms in pa.values()):
            label = max((ms[0][0]["label"] for ms in pa.values()), key=len)
            emit(kind, _subject(kind, label), {a: ms[:1] for a, ms in pa.items()})


def _subject(kind: str, noun: str) -> str:
    if kind == "count":
        return f"number of {noun}"
    return f"amount: {noun}" if noun else "amount"


#: Dates per article compared at most (a page listing thousands of dates is not a report).
_MAX_DATES_PER_ARTICLE = 300


def _date_frames(timexes: pd.DataFrame, entities: pd.DataFrame, sents: dict) -> list[dict]:
    """Each dated timex with the words and places of the clause just before it."""
    places_by_sent: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for row in entities.itertuples(index=False):
        if row.entity_label in ("GPE", "LOC", "FAC") and pd.notna(row.sentence_id):
            places_by_sent[(row.article_id, int(row.sentence_id))].append(
                (int(row.start_char), _place_norm(row.entity_norm)))
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
        is_report = bool(words) and words[-1].casefold() in _REPORTING | {"on"} and any(
            w.casefold() in _REPORTING for w in words[-2:])
        starts = starts_by_sent.get(key, [])
        lo = bisect.bisect_left(starts, int(t.start_char) - len(clause) - 1)
        hi = bisect.bisect_left(starts, int(t.start_char))
        places = [p for _, p in places_by_sent.get(key, [])[lo:hi]]
        # the same words with the same value in one sentence say one thing once
        ident = (key, str(t.timex_text).casefold(), t.value, tuple(places), tuple(words[-6:]))
        if ident in seen:
            continue
        seen.add(ident)
        per_article[t.article_id] += 1
        frames.append({
            "t": t, "text": text, "words": _content(words[-8:]), "places": set(places),
            "place_order": places,
            "is_report": is_report, "clause_words": words[-6:],
        })
    return frames


_EVENT_NOUNS = {
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
    "announce": "announcement", "announced": "announcement", "hearing": "hearing",
    "trial": "trial", "sentenced": "sentencing", "arrested": "arrest", "arrest": "arrest",
    "died": "death", "killed": "death", "attack": "attack", "attacked": "attack",
    "crash": "crash", "crashed": "crash", "struck": "event", "hit": "event",
    "deadline": "deadline", "took office": "taking office", "office": "taking office",
}


def _event_word(frame: dict) -> str | None:
    for w in reversed(frame["clause_words"]):
        noun = _EVENT_NOUNS.get(w.casefold())
        if noun:
            return noun
    return None


def _date_subject(frame: dict, other: dict | None = None) -> str:
    """Name what a date is the date of: 'date of visit (Japan)', else the words before it."""
    if frame["is_report"]:
        return "date of the report"
    event = _event_word(frame) or (_event_word(other) if other is not None else None)
    places = frame["places"] & other["places"] if other is not None else frame["places"]
    nearest = [p for p in frame["place_order"] if p in places]
    place = nearest[-1].title() if nearest else None
    if event:
        return f"date of {event}" + (f" ({place})" if place else "")
    if other is not None:
        shared = [w for w in frame["clause_words"] if _content([w]) & other["words"]]
        if shared:
            return "date: " + " ".join(dict.fromkeys(shared[-3:]))
    words = [w for w in frame["clause_words"] if w.casefold() not in _STOP
             and w.casefold() not in _REPORTING]
    return "date: " + " ".join(words[-3:]) if words else "date"


def _dates_overlap(a, b) -> bool:
    lo = max(x for x in (a.start_date, b.start_date) if pd.notna(x)) if any(
        pd.notna(x) for x in (a.start_date, b.start_date)) else None
    his = [x for x in (a.end_date, b.end_date) if pd.notna(x)]
    hi = min(his) if his else None
    return lo is None or hi is None or lo <= hi


_VALUE_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})")


def _value_day(value) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a day-level TIMEX3 value, also when the year is unknown."""
    m = _VALUE_DAY.match(value) if isinstance(value, str) else None
    if not m:
        return None
    year = None if m.group(1) == "XXXX" else int(m.group(1))
    return year, int(m.group(2)), int(m.group(3))


def _day_of(t) -> tuple[int | None, int, int] | None:
    if t.granularity == "day" and pd.notna(t.start_date):
        d = t.start_date
        return d.year, d.month, d.day
    return _value_day(t.value)


def _dates_conflict(a, b) -> bool:
    resolved = all(pd.notna(x.start_date) or pd.notna(x.end_date) for x in (a, b))
    if resolved and not _dates_overlap(a, b):
        return True
    da, db = _day_of(a), _day_of(b)
    if da and db:
        if da[1:] != db[1:]:
            return True
        return da[0] is not None and db[0] is not None and da[0] != db[0]
    return False


def _same_relative_words(a: str, b: str) -> bool:
    """Same relative words ('tonight', 'on Thursday'): any difference comes from the anchors."""
    na, nb = (re.sub(r"\W+", " ", str(x).casefold()).strip() for x in (a, b))
    return na == nb and not re.search(r"\d|" + _MONTH_NAMES, na)


def _date_norm(t) -> str:
    if isinstance(t.value, str) and t.value:
        return t.value
    s = t.start_date.date().isoformat() if pd.notna(t.start_date) else ".."
    e = t.end_date.date().isoformat() if pd.notna(t.end_date) else ".."
    return f"{s}/{e}"


def _copied(pair_type: dict, a: str, sa: int, b: str, sb: int) -> bool:
    """True when two sentences are the same copy (identical or edited), either way round."""
    return (pair_type.get((a, sa, b, sb)) in ("identical", "edited")
            or pair_type.get((b, sb, a, sa)) in ("identical", "edited"))


def _dates(b: _Builder, timexes: pd.DataFrame, entities: pd.DataFrame, sents: dict,
           facts: dict, pair_type: dict | None = None) -> None:
    frames = [f for f in _date_frames(timexes, entities, sents) if f["t"].article_id in b.outlets]
    matched: set[int] = set()

    def val(f):
        t = f["t"]
        return _Value(t.article_id, t.timex_text, _date_norm(t), int(t.sentence_id),
                      int(t.start_char), int(t.end_char), f["text"])

    # outside aligned sentences, a place-framed day counts only when it is the article's one
    # day-level date for that place (as counts need one value per article)
    day_frames: dict[tuple[str, str], int] = defaultdict(int)
    for f in frames:
        if not f["is_report"] and _day_of(f["t"]) is not None:
            for p in f["places"]:
                day_frames[(f["t"].article_id, p)] += 1

    def sole_day(fa, fb, shared) -> bool:
        if _day_of(fa["t"]) is None or _day_of(fb["t"]) is None:
            return False
        return any(day_frames[(fa["t"].article_id, p)] == 1
                   and day_frames[(fb["t"].article_id, p)] == 1 for p in shared)

    # candidate pairs: dates in one aligned fact, or each article's one day for a place
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for x, f in enumerate(frames):
        t = f["t"]
        fid = facts.get((t.article_id, int(t.sentence_id)))
        if fid is not None:
            buckets[("fact", fid)].append(x)
        if not f["is_report"] and _day_of(t) is not None:
            for p in f["places"]:
                if day_frames[(t.article_id, p)] == 1:
                    buckets[("place", p)].append(x)
    candidates = sorted({(x, y) for members in buckets.values() for k, x in enumerate(members)
                         for y in members[k + 1:]
                         if frames[x]["t"].article_id != frames[y]["t"].article_id})
    for x, y in candidates:
        fa, fb = frames[x], frames[y]
        ta, tb = fa["t"], fb["t"]
        if fa["is_report"] != fb["is_report"]:
            continue
        same_fact = facts.get((ta.article_id, int(ta.sentence_id))) == facts.get(
            (tb.article_id, int(tb.sentence_id))) is not None
        shared = fa["places"] & fb["places"]
        place_clash = bool(fa["places"]) and bool(fb["places"]) and not shared
        if place_clash:
            continue
        if same_fact:
            # in a copy the same slot holds the same date; in a paraphrase only the same
            # place or the same event word says the two dates answer the same question
            copied = _copied(pair_type or {}, ta.article_id, int(ta.sentence_id),
                             tb.article_id, int(tb.sentence_id))
            event = _event_word(fa)
            same_subject = bool(shared) or (copied and (
                not (fa["places"] or fb["places"]) or bool(fa["words"] & fb["words"]))) or (
                event is not None and event == _event_word(fb))
        else:
            same_subject = bool(shared) and not fa["is_report"] and sole_day(fa, fb, shared)
        if not same_subject:
            if same_fact and (_same_relative_words(ta.timex_text, tb.timex_text)
                              or not _dates_conflict(ta, tb)):
                matched.update((x, y))  # one fact, compatible dates: nothing is omitted
            continue
        matched.update((x, y))
        if _same_relative_words(ta.timex_text, tb.timex_text):
            continue
        if _dates_conflict(ta, tb):
            subject = _date_subject(fa, fb)
            b.add("date", "conflict", subject,
                  {ta.article_id: val(fa), tb.article_id: val(fb)})
    for x, f in enumerate(frames):
        t = f["t"]
        if (x in matched or f["is_report"] or t.timex_type != "DATE"
                or t.granularity not in ("day", "week", "month")
                or (pd.isna(t.start_date) and pd.isna(t.end_date))):
            continue
        b.add("date", "omission", _date_subject(f), {t.article_id: val(f)})


def _canonical_entities(entities: pd.DataFrame, skip: set[tuple[str, int]]) -> pd.DataFrame:
    """Entities of interest with a story-wide key: surnames joined to full names, place aliases."""
    ents = entities[entities["entity_label"].isin(list(_KIND_OF_LABEL))].copy()
    if not len(ents):
        return ents.assign(key=[], kind=[])
    keep = [(a, int(s)) not in skip if pd.notna(s) else True
            for a, s in zip(ents["article_id"], ents["sentence_id"], strict=True)]
    ents = ents[keep]
    if not len(ents):
        return ents.assign(key=pd.Series(dtype=object), kind=pd.Series(dtype=object))
    norms = ents["entity_norm"].fillna("").astype(str).map(_place_norm)
    full = {n for n in norms if len(n.split()) >= 2}
    last = defaultdict(set)
    for n in full:
        last[n.split()[-1]].add(n)
    ents["key"] = [next(iter(last[n])) if " " not in n and len(last.get(n, ())) == 1 else n
                   for n in norms]
    votes: dict[str, Counter] = defaultdict(Counter)
    for key, label in zip(ents["key"], ents["entity_label"], strict=True):
        votes[key][label] += 1
    ents["kind"] = [_KIND_OF_LABEL[votes[k].most_common(1)[0][0]] for k in ents["key"]]
    return ents[[len(k) > 1 for k in ents["key"]]]


def _entities(b: _Builder, entities: pd.DataFrame, sents: dict, skip: set,
              source_names: set[str], datelines: dict[str, str],
              sources: pd.DataFrame | None = None) -> None:
    ents = entities[entities["article_id"].isin(b.article_ids)]
    if sources is not None and len(sources) and len(ents):
        # names inside a source description ("U.S. State Department spokesman Ned Price") are
        # reported with the source, not again as entities
        spans = defaultdict(list)
        for r in sources.itertuples(index=False):
            if pd.notna(r.start_char) and pd.notna(r.end_char):
                spans[r.article_id].append((int(r.start_char), int(r.end_char)))
        inside = [any(s <= st and en <= e for s, e in spans.get(a, ()))
                  for a, st, en in zip(ents["article_id"], ents["start_char"], ents["end_char"],
                                       strict=True)]
        ents = ents[[not x for x in inside]]
    ents = _canonical_entities(ents, skip)
    # the dateline counts as text the article gives (a place there is not omitted)
    texts: dict[str, str] = defaultdict(str, {a: str(d).casefold() for a, d in datelines.items()
                                              if isinstance(d, str)})
    for (aid, _), (t, _) in sents.items():
        texts[aid] += " " + t.casefold().replace("’", "'")
    first: dict[str, dict[str, object]] = defaultdict(dict)
    surfaces: dict[str, set[str]] = defaultdict(set)
    kind_of: dict[str, str] = {}
    for r in ents.itertuples(index=False):
        first[r.key].setdefault(r.article_id, r)
        surfaces[r.key].add(str(r.entity_text).casefold())
        kind_of.setdefault(r.key, r.kind)
    for key, per in first.items():
        if len(per) == len(b.article_ids):
            continue
        if key in source_names or any(key in s or s in key for s in source_names if len(s) > 3):
            continue
        forms = surfaces[key] | {key}
        if all(any(x in texts.get(a, "") for x in forms) for a in b.article_ids):
            continue
        vals = {}
        for aid, r in per.items():
            sid = int(r.sentence_id) if pd.notna(r.sentence_id) else None
            text = sents.get((aid, sid), (None, 0))[0] if sid is not None else None
            vals[aid] = _Value(aid, r.entity_text, key, sid, int(r.start_char), int(r.end_char),
                               text)
        b.add(kind_of[key], "omission", key, vals)


def _source_key(r) -> str:
    if isinstance(r.source_name, str) and r.source_name and not r.is_anonymous:
        return r.source_name.casefold().replace(".", "")
    aff = r.affiliation.casefold() if isinstance(r.affiliation, str) else ""
    return f"{r.source_kind}|{aff}"


def _source_subject(r) -> str:
    if isinstance(r.source_name, str) and r.source_name and not r.is_anonymous:
        return r.source_name
    aff = f"{r.affiliation} " if isinstance(r.affiliation, str) and r.affiliation else ""
    noun = {"unnamed_official": "official", "document": "document"}.get(r.source_kind, "source")
    return f"unnamed {aff}{noun}" if r.source_kind != "document" else f"{aff}{noun}"


def _story_sources(sources: pd.DataFrame) -> pd.DataFrame:
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
    skeys = [_source_key(rep[k]) for k in keys]
    full = defaultdict(set)
    for k in skeys:
        if "|" not in k and " " in k:
            full[k.split()[-1]].add(k)
    skeys = [next(iter(full[k])) if "|" not in k and " " not in k and len(full.get(k, ())) == 1
             else k for k in skeys]
    return src.assign(skey=skeys, rep=[rep[k] for k in keys])


def _sources(b: _Builder, sources: pd.DataFrame, sents: dict, facts: dict,
             pair_type: dict | None = None) -> None:
    src = _story_sources(sources[sources["article_id"].isin(b.article_ids)])
    if not len(src):
        return

    def val(r, norm):
        sid = int(r.sentence_id) if pd.notna(r.sentence_id) else None
        text = sents.get((r.article_id, sid), (None, 0))[0] if sid is not None else None
        return _Value(r.article_id, r.source_text, norm, sid, _int(r.start_char),
                      _int(r.end_char), text)

    firsts: dict[str, dict[str, object]] = defaultdict(dict)
    for skey, aid, rep in zip(src["skey"], src["article_id"], src["rep"], strict=True):
        firsts[skey].setdefault(aid, rep)
    for skey, first in firsts.items():
        if len(first) < len(b.article_ids):
            r0 = next(iter(first.values()))
            b.add("source", "omission", _source_subject(r0),
                  {a: val(r, skey) for a, r in first.items()})
        elif "|" in skey:
            counts = {a: r for a, r in first.items() if pd.notna(r.source_count)}
            if len(counts) >= 2 and len({int(r.source_count) for r in counts.values()}) > 1:
                aff = next((r.affiliation for r in counts.values()
                            if isinstance(r.affiliation, str) and r.affiliation), "")
                subject = _subject("count", f"{aff} sources".strip().casefold())
                vals = {a: replace(val(r, ""), value_norm=str(int(r.source_count)))
                        for a, r in counts.items()}
                b.add("count", "conflict", subject, vals, key=("count", subject))
    by_fact: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows_of: dict[tuple[str, str], object] = {}
    for r in src.itertuples(index=False):
        if pd.isna(r.sentence_id) or r.source_kind == "document":
            continue
        fid = facts.get((r.article_id, int(r.sentence_id)))
        if fid:
            by_fact[fid][r.article_id].add(r.skey)
            rows_of.setdefault((fid, r.article_id), r)
    for fid, per in by_fact.items():
        stems = {a: _key_stems(keys) for a, keys in per.items()}
        # only where the sentences are one copy (identical or edited): a paraphrase written
        # independently often reports a neighbouring claim from someone else
        sid_of = {a: int(rows_of[(fid, a)].sentence_id) for a in per}
        if len(per) >= 2 and any(
                not (stems[aid] & stems[o]) and not (per[aid] & per[o])
                and _copied(pair_type or {}, aid, sid_of[aid], o, sid_of[o])
                for aid in per for o in per if o != aid):
            vals = {a: val(rows_of[(fid, a)], "; ".join(sorted(keys))) for a, keys in per.items()}
            b.add("attribution", "conflict", f"source of fact {fid.rsplit(':', 1)[-1]}", vals)


_KEY_NOISE = frozenset({"anonymous", "unnamed_official", "named_person", "named_organization",
                        "news_agency", "document", "other", "the", "of", "and"})


def _key_stems(keys: set[str]) -> set[str]:
    """Word stems of source keys, so 'south korean military' meets "south korea's military"."""
    words = {w for k in keys for w in re.findall(r"[a-z0-9]+", k.casefold())}
    return {w[:5] for w in words - _KEY_NOISE if len(w) > 1 and w != "s"}


def _quotes(b: _Builder, quotes: pd.DataFrame, sources: pd.DataFrame, sents: dict,
            facts: dict) -> None:
    q = quotes[quotes["article_id"].isin(b.article_ids)]
    src = _story_sources(sources[sources["article_id"].isin(b.article_ids)])
    if not len(q) or not len(src):
        return
    skey_of = {(r.article_id, r.source_key): r.skey for r in src.itertuples(index=False)}
    cited: dict[str, set[str]] = defaultdict(set)
    for r in src.itertuples(index=False):
        cited[r.skey].add(r.article_id)
    covered_by: dict[str, set[str]] = defaultdict(set)
    for (a, _), f in facts.items():
        covered_by[f].add(a)
    pending: dict[tuple, tuple[str, dict[str, _Value]]] = {}
    for r in q.itertuples(index=False):
        skey = skey_of.get((r.article_id, r.speaker_key))
        if not skey or pd.isna(r.sentence_id) or skey.startswith("document|"):
            continue
        sid = int(r.sentence_id)
        fid = facts.get((r.article_id, sid))
        covered = covered_by[fid] if fid else {r.article_id}
        if not [a for a in cited[skey] if a not in covered]:
            continue
        text = sents.get((r.article_id, sid), (None, 0))[0]
        subject, vals = pending.setdefault((skey, fid or (r.article_id, sid)),
                                           (f"what {r.speaker} said", {}))
        vals.setdefault(r.article_id, _Value(r.article_id, r.content, skey, sid,
                                             _int(r.content_start), _int(r.content_end), text))
    for (skey, where), (subject, vals) in pending.items():
        b.add("attribution", "omission", subject, vals, key=("quote", skey, where))


def _int(x):
    return int(x) if pd.notna(x) else None


def _facts(b: _Builder, alignments: pd.DataFrame, sents: dict, skip: set) -> None:
    al = alignments[alignments["story_id"] == b.story_id]
    if not len(al):
        return
    per_fact: dict[str, dict[str, int]] = defaultdict(dict)
    for r in al[["fact_id", "article_id", "sentence_id"]].drop_duplicates().itertuples(
            index=False):
        per_fact[r.fact_id].setdefault(r.article_id, int(r.sentence_id))
    for fid, per in per_fact.items():
        if len(per) == len(b.article_ids):
            continue
        vals = {}
        for aid, sid in per.items():
            if (aid, sid) in skip:
                continue
            text, start = sents.get((aid, sid), ("", 0))
            if len(text.split()) < 5:
                continue
            vals[aid] = _Value(aid, text, fid, sid, start, start + len(text), text)
        if vals:
            first = next(iter(vals.values())).value_text
            subject = " ".join(first.split()[:12]) + ("..." if len(first.split()) > 12 else "")
            b.add("fact", "omission", subject, vals)


def find_story_discrepancies(
    story_id: str,
    *,
    articles: pd.DataFrame,
    stories: pd.DataFrame,
    sentences: pd.DataFrame,
    alignments: pd.DataFrame,
    entities: pd.DataFrame,
    sources: pd.DataFrame,
    quotes: pd.DataFrame,
    timexes: pd.DataFrame,
) -> list[dict]:
    """Discrepancy rows of one story (see :func:`find_discrepancies`)."""
    members = stories.loc[stories["story_id"] == story_id, "article_id"].tolist()
    if len(members) < 2:
        return []
    arts = articles[articles["article_id"].isin(members)]
    outlets = dict(zip(arts["article_id"], arts["outlet"], strict=True))
    b = _Builder(story_id, members, outlets)
    sents = _sentence_lookup(sentences[sentences["article_id"].isin(members)])
    skip = {k for k, (t, _) in sents.items() if _CREDIT.match(t)}
    al = alignments[alignments["story_id"] == story_id]
    facts = {(a, int(s)): f for a, s, f in zip(al["article_id"], al["sentence_id"],
                                               al["fact_id"], strict=True)}
    # how closely two sentences are aligned: (article, sentence, other article, other sentence)
    pair_type = {
        (a, int(s), o, int(os_)): t
        for a, s, o, os_, t in zip(al["article_id"], al["sentence_id"], al["other_article_id"],
                                   al["other_sentence_id"], al["alignment_type"], strict=True)
        if pd.notna(os_)
    }
    src = sources[sources["article_id"].isin(members)]
    source_names = {str(n).casefold().replace(".", "") for n in src["source_name"].dropna()}
    _headlines(b, arts)
    _sources(b, src, sents, facts, pair_type)
    _counts(b, sents, facts)
    _dates(b, timexes[timexes["article_id"].isin(members)], entities, sents, facts, pair_type)
    datelines = (dict(zip(arts["article_id"], arts["dateline"], strict=True))
                 if "dateline" in arts else {})
    _entities(b, entities, sents, skip, source_names, datelines, src)
    _quotes(b, quotes, src, sents, facts)
    _facts(b, alignments, sents, skip)
    return b.rows


#: Discrepancy rows collected as dicts before they are turned into a table part.
_FLUSH_ROWS = 50_000


def find_discrepancies(corpus=None, **tables) -> pd.DataFrame:
    """Typed differences within each story, with the value and evidence per article.

    Args:
        corpus: A :class:`workbench.Corpus` (its ``articles``, ``stories``, ``sentences``,
            ``alignments``, ``entities``, ``sources``, ``quotes`` and ``timexes`` are used).
        **tables: The same tables by name, to run without a corpus or to override one.

    Returns:
        The ``discrepancies`` table: one row per (discrepancy, article of its story). For an
        omission the articles that do not report it have missing values.
    """
    names = ("articles", "stories", "sentences", "alignments", "entities", "sources", "quotes",
             "timexes")
    t = {n: tables[n] if n in tables else getattr(corpus, n) for n in names}
    for n in ("entities", "sources", "quotes", "timexes"):
        if t[n] is None or not len(t[n].columns):
            t[n] = schema.empty_frame(n)
    rows: list[dict] = []
    frames: list[pd.DataFrame] = []
    # each story sees only its own articles' rows: slicing every whole table once per story
    # made this stage quadratic in the corpus (5k stories x 1M entity rows at 10k articles)
    stories = t["stories"]
    members_of = stories.groupby("story_id", sort=False)["article_id"].agg(list)
    # one split of each table by story (a groupby sorts once and slices): a take per story
    # on Arrow-backed columns read from Parquet costs the whole column each time
    members_of = members_of[members_of.map(len) >= 2]
    story_of = {a: sid for sid, members in members_of.items() for a in members}
    parts: dict[str, dict] = {}
    for n in ("articles", "sentences", "entities", "sources", "quotes", "timexes"):
        df = t[n]
        keys = df["article_id"].map(story_of)
        parts[n] = dict(iter(df.groupby(keys, sort=False))) if len(df) else {}
    parts["stories"] = dict(iter(stories.groupby("story_id", sort=False)))
    al = t["alignments"]
    parts["alignments"] = dict(iter(al.groupby("story_id", sort=False))) if len(al) else {}
    shared = stories["article_id"].duplicated().any()  # an article in two stories
    for sid in members_of.index:
        if shared:
            part = t
        else:
            part = {n: by_story[sid] if sid in by_story else t[n].iloc[:0]
                    for n, by_story in parts.items()}
        rows.extend(find_story_discrepancies(sid, **part))
        if len(rows) >= _FLUSH_ROWS:  # row dicts cost ~10x their table: keep few at a time
            frames.append(schema.coerce(rows, "discrepancies"))
            rows = []
    if rows or not frames:
        frames.append(schema.coerce(rows, "discrepancies"))
    if len(frames) == 1:
        return frames[0]
    return schema.validate(pd.concat(frames, ignore_index=True), "discrepancies")
