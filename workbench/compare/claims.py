"""Claims: the values each article reports, grouped into facts across the articles of a story.

One claim is one value an article gives for one fact: a count ("at least 50 people were
injured"), a quantity ("$1.2 billion"), a date ("on March 17"), the number of unnamed sources
("three government sources"), an age ("a six-year-old boy"), who a quotation is credited to,
what a happening is blamed on, a place, and, in copies of one sentence, a person. Every value
is an interval: "more than 100" is (100, inf), "March" is the whole month; measures of one
dimension are compared in its base unit ("40 feet" / "12 m").

A **fact** groups the claims of a story's articles that answer one question. Claims are put in
one fact when

* they hold the same slot of two copies of one sentence (identical or edited, from
  ``alignments``): the n-th count of one copy and the n-th count of the other;
* or they carry the same specific key: a count with what happened to the counted things
  ("people injured", "people killed"), or a counted phrase of two words or more ("government
  sources"); a date with its happening and place ("date of visit (Japan)"); the same unnamed
  source group; the same quotation (its words, fuzzy-matched); the same happening's cause;
  an age with who is that old ("boy");
* or the content words next to them agree (weighted by how rare they are in English), each
  other's best match between their two articles: closely (``context``) or in part (``loose
  context``; places always join so);
* or, loosely, two measures nearly agree ("140,660 pounds" / "nearly 64 metric tons": ``near
  value``) or one written date lies inside the other ("Dec. 12" / "December 2012").

A loose link never makes a contradiction: its values are compared for precision and updates.

A value whose sentence dates it as another, earlier event ("the 2011 quake killed 18,000") is
**background** and never joins a fact of this event's values.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from workbench import schema
from workbench.annotate.dates import DATELINE_NOTE
from workbench.compare.align import UnionFind
from workbench.compare.mentions import (
    CREDIT_LINE,
    MONTH_NAMES,
    NUMBER_WORDS,
    date_frames,
    event_word,
    parse_number,
    sentence_lookup,
    singular,
    story_sources,
)
from workbench.compare.values import Amount, amounts, dimension, in_base_unit

__all__ = ["Claim", "extract_claims", "story_claims"]

#: What happened to the counted things, by the words that say it.
_OUTCOMES = {
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
_PEOPLE = frozenset(
    "people persons person residents passengers workers children students civilians soldiers "
    "officers victims men women staff employees crew tourists individuals patients fans "
    "protesters demonstrators migrants villagers citizens members troops police others "
    "officials".split()
)
#: Verbs right before a count that say what happened to what it counts ('killed 30 civilians').
_DONE_TO = frozenset("killed injured wounded hurt arrested detained evacuated rescued".split())
_COUNT_STOP = frozenset(
    "a an the of to in on at for from with by and or but as than that this these those is are "
    "was were be been will would could should may might has have had said says told who which "
    "whom whose while when where after before since until about over under into per more less "
    "most other such their its his her our your my them they it he she we you also not no only "
    "just very so then there here some any each every all both up down out off again".split()
)
_TIME_NOUNS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries time times am pm percent".split()
)
_CAUSE = re.compile(
    r"\b(?:because of|due to|caused by|blamed (?:it )?on|attributed (?:it )?to|as a result of|"
    r"triggered by|the result of|after being hit by)\s+(?P<cause>[^,;.()\"“”]{3,80})",
    re.IGNORECASE,
)
_MEASURES = frozenset(
    "metric ton tons tonnes pounds pound feet foot inches meters metres miles kilometers "
    "kilometres kg kilograms lb lbs ft mph degrees acres hectares gallons liters litres".split()
)
_DURATIONS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
_AGO = re.compile(r"^\s*(?:ago|before|after|earlier|later|previously|since)\b", re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:as of|by|as at)\s+$", re.IGNORECASE)
_BACKGROUND_DAYS = 14
#: The fact name of the date a statement was made ('said on Thursday').
REPORT_DATE_FACT = "date of the statement"
_WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-(\d)$")
#: Kinds whose values are numbers.
_NUMERIC = ("count", "quantity", "source")
_CLAIM_KINDS = ("count", "quantity", "date", "place", "person", "source", "cause", "speaker")


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


_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NOT_NAMES = frozenset("the a an mr mrs ms dr he she it they we i u.s. us said".split())


def _name_tokens(text: str) -> set[str]:
    """The capitalised words of a name ('Anthony LaCalamita III' -> {'anthony', 'lacalamita', 'iii'})."""
    return {w.casefold() for w in re.findall(r"\b[A-Z][\w'’-]+", text)} - _NOT_NAMES


def _same_name(a: str, b: str) -> bool:
    """'LaCalamita' and 'Anthony LaCalamita III', 'Gordon Advisers' and 'Gordon Advisors'."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb or ta & tb:
        return True
    return fuzz.ratio(a.casefold(), b.casefold()) >= 85


def _counted(text: str, a: Amount) -> tuple[list[str], str | None]:
    """The counted noun phrase after an amount and what happened to it ('people', 'injured')."""
    # the counted noun follows in the same phrase: 'wounding at least 90, officials said'
    # counts no officials
    words = _WORD.findall(re.split(r"[,;:()\[\]–—]", text[a.end:a.end + 80])[0])
    noun: list[str] = []
    outcome = None
    for w in words[:4]:
        lw = w.casefold()
        if lw in _OUTCOMES and noun:
            outcome = _OUTCOMES[lw]
            break
        if lw in _COUNT_STOP:
            break
        noun.append(w)
        if lw in _OUTCOMES:
            outcome = _OUTCOMES[lw]
            break
        if lw.endswith("s") or lw in _PEOPLE:
            break
    if noun and outcome is None:
        outcome = _outcome_after(text[a.end:a.end + 80], noun[-1])
    if outcome is None:
        before = _WORD.findall(text[max(0, a.start - 40):a.start])[-3:]
        if before and before[-1].casefold() in _DONE_TO:  # 'which killed 30 civilians'
            return noun, _OUTCOMES[before[-1].casefold()]
        for w in reversed(before):
            if w.casefold() in ("killing", "injuring", "wounding", "left", "leaving"):
                lead = w.casefold()
                outcome = {"killing": "killed", "injuring": "injured",
                           "wounding": "injured"}.get(lead)
                if outcome is None:  # 'left 3 dead'
                    nxt = [x.casefold() for x in noun]
                    outcome = next((_OUTCOMES[x] for x in nxt if x in _OUTCOMES), None)
                break
    return noun, outcome


_TAIL_OUTCOME = re.compile(
    r"^\s+(?:(?P<aux>have been|has been|had been|are still|were still|remained|remain|still|"
    r"were|was|are|is|been|have|has|had)\s+)?(?:left\s+)?(?P<w>[a-z]+)\b")


def _outcome_after(after: str, noun: str) -> str | None:
    """What happened to the counted noun, told after it ('people were injured')."""
    tail = after[after.casefold().find(noun.casefold()) + len(noun):]
    m = _TAIL_OUTCOME.match(tail)
    if not m or m.group("w") not in _OUTCOMES:
        return None
    if m.group("aux") and re.search(r"remain|still", m.group("aux")):
        # 'two remain trapped' is the state at the time of report, not how many were
        # trapped: another figure
        return f"still {_OUTCOMES[m.group('w')]}"
    return _OUTCOMES[m.group("w")]


def _count_claims(aid: str, sid: int, text: str, start: int) -> list[Claim]:
    out = []
    for a in _own_amounts(text):
        if a.unit in _DURATIONS and _AGO.match(text[a.end:]):
            continue  # 'married two weeks ago' dates a happening; it measures nothing
        noun, outcome = _counted(text, a)
        if a.unit:
            lead = [w for w in _WORD.findall(text[max(0, a.start - 50):a.start])[-4:]
                    if w.casefold() not in _COUNT_STOP]
            what = f"of {' '.join(noun[:2])}".strip() if noun and not lead else (
                lead[-1].casefold() if lead else "")
            fact = f"amount {what}".strip() if a.unit != "%" else f"share {what}".strip()
            key = ("quantity", a.unit, what) if what else None
            kind = "quantity"
        else:
            if not noun and outcome:
                noun = ["people"]  # 'killing two people and wounding at least 90'
            if not noun or noun[0].casefold() in _TIME_NOUNS or _NOT_CONTEXT.match(
                    noun[0].casefold()):
                continue  # 'rose to at least six Friday': the counted noun is elsewhere
            if noun[0][:1].isupper() and a.low >= 1000 and a.low == a.high:
                continue
            if {w.casefold() for w in noun} & _MEASURES:
                continue  # '105 metric tons' is an amount of something the sentence names
            head = singular(noun[-1])
            head_class = "people" if noun[-1].casefold() in _PEOPLE else head
            if outcome and (head in _OUTCOMES or noun[-1].casefold() in _OUTCOMES):
                head_class = "people"  # 'two fatalities', '84 injured'

            words = [w.casefold() for w in noun]
            compound = text[a.end:a.end + 1] == "-"  # '17-yard run': an attribute of one thing
            if outcome and not compound:
                fact = f"{head_class} {outcome}"
                key = ("count", head_class, outcome)
            else:
                fact = " ".join(words)
                # a counted phrase names one thing when it has a modifier ('government
                # sources'); a bare noun ('boats', 'laps') has many referents in one story, and
                # people are told apart by what happened to them
                key = ("count", " ".join(singular(w) for w in words)) if (
                    len(words) >= 2 and not compound) else None
            kind = "count"
        out.append(Claim(
            aid, sid, start + a.start, start + a.end, kind, fact, a.text, key=key,
            value_low=a.low, value_high=a.high, unit=a.unit or None,
            value_norm=_fmt_interval(a.low, a.high, a.unit),
            head=head_class if kind == "count" else _aspect(text[a.end:]),
        ))
    return out


_AGE = re.compile(
    r"(?<![\w-])(?P<age>(?P<n>\d{1,3}|(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)[- ]years?[- ]old)\b"
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
        if n is None or not 0 < n < 130 or " " in m.group("age").strip():
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


def _sentence_claims(sents: dict, skip: set, background: set, event_of: dict,
                     ent_slots: dict) -> list[Claim]:
    """The counts, quantities, ages, causes and places each sentence gives."""
    out: list[Claim] = []
    for (aid, sid), (text, start) in sents.items():
        if (aid, sid) in skip or len(text.split()) < 4:
            continue
        past = (aid, sid) in background
        for c in _count_claims(aid, sid, text, start) + _age_claims(aid, sid, text, start):
            c.is_background = past
            out.append(c)
        event = event_of.get((aid, sid)) or event_word({"clause_words": _WORD.findall(text)})
        out.extend(_cause_claims(aid, sid, text, start, event))
        out.extend(replace(e, fact="place", is_background=past)
                   for e in ent_slots.get((aid, sid), ()) if e.kind == "place")
    return out


def _own_amounts(text: str) -> list[Amount]:
    """A sentence's amounts without those restated in brackets ('230 feet (70 meters)')."""
    out: list[Amount] = []
    for a in amounts(text):
        prev = out[-1] if out else None
        if a.unit and prev is not None and prev.unit and _RESTATED.match(text[prev.end:a.start]):
            continue
        out.append(a)
    return out


_RESTATED = re.compile(r"^\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_ASPECT = re.compile(r"^(?:\s*[(\[][^)\]]{0,40}[)\]])?[\s-]*(tall|high|wide|long|deep|thick|across|in diameter|in length|"
                     r"in height|in width|heavy)\b", re.IGNORECASE)
_ASPECT_OF = {"in diameter": "across", "in length": "long", "in height": "tall", "high": "tall",
              "in width": "wide"}


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


def _date_claims(frames: list[dict], window_start) -> list[Claim]:
    out = []
    for f in frames:
        t = f["t"]
        if t.timex_type not in ("DATE", "TIME"):
            continue
        if pd.isna(t.start_date) and pd.isna(t.end_date) and not _WEEKDAY_VALUE.match(
                str(t.value)):
            continue  # unresolved; a bare weekday still names its day ('on Thursday')
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
        is_background = bool(window_start is not None and pd.notna(end)
                             and end < window_start - pd.Timedelta(days=_BACKGROUND_DAYS))
        out.append(Claim(
            t.article_id, int(t.sentence_id), int(t.start_char), int(t.end_char), "date", fact,
            str(t.timex_text), key=("date", event, place) if (event or place) else None,
            start_date=t.start_date if pd.notna(t.start_date) else None,
            end_date=t.end_date if pd.notna(t.end_date) else None,
            value_norm=str(t.value), is_background=is_background, event=event, place=place,
        ))
    return out


_GROUP_END = re.compile(r"\b(?:with|who|that|close|briefed|familiar|told|said|says|according|"
                        r"speaking|on condition)\b.*", re.IGNORECASE | re.DOTALL)


def _group_name(text: str) -> str:
    """What an unnamed group is, without its count: 'three people familiar with ...' -> 'people'."""
    words = [w.casefold() for w in _WORD.findall(_GROUP_END.sub("", text))]
    words = [w for w in words if w not in _COUNT_STOP and w not in NUMBER_WORDS]
    return " ".join(singular(w) for w in words[-3:])


def _source_claims(src: pd.DataFrame) -> list[Claim]:
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


def _speaker_claims(quotes: pd.DataFrame, src: pd.DataFrame) -> list[Claim]:
    named = {(r.article_id, r.source_key): r for r in src.itertuples(index=False)
             if isinstance(r.source_name, str) and r.source_name and not r.is_anonymous}
    out = []
    for q in quotes.itertuples(index=False):
        r = named.get((q.article_id, q.speaker_key))
        if r is None or pd.isna(q.sentence_id) or not isinstance(q.content, str):
            continue
        if r.source_kind != "named_person" or not _name_tokens(str(q.speaker)):
            continue  # a pronoun or an organisation names no one to disagree about
        if len(q.content.split()) < 6 or pd.isna(q.speaker_start):
            continue
        out.append(Claim(
            q.article_id, int(q.sentence_id), int(q.speaker_start), int(q.speaker_end),
            "speaker", f"who said “{' '.join(q.content.split()[:8])}…”", str(q.speaker),
            value_norm=r.skey, content=re.sub(r"\W+", " ", q.content.casefold()).strip(),
        ))
    return out


def _cause_claims(aid: str, sid: int, text: str, start: int, event: str | None) -> list[Claim]:
    out = []
    if event is None:
        return out
    for m in _CAUSE.finditer(text):
        cause = re.split(r"\b(?:and|but|which|that|when|while|as|said|according)\b",
                         m.group("cause"))[0].strip()
        if len(cause) < 3:
            continue
        s = m.start("cause")
        out.append(Claim(
            aid, sid, start + s, start + s + len(cause), "cause", f"cause of {event}", cause,
            key=("cause", event), value_norm=cause.casefold(),
        ))
    return out


def _entity_slots(ents: pd.DataFrame) -> dict[tuple[str, int], list[Claim]]:
    """Places and people per sentence, in order: compared only slot by slot between copies."""
    slots: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    kinds = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person"}
    for r in ents.itertuples(index=False):
        kind = kinds.get(r.entity_label)
        if kind is None or pd.isna(r.sentence_id):
            continue
        norm = str(r.entity_norm or r.entity_text).casefold()
        slots[(r.article_id, int(r.sentence_id))].append(Claim(
            r.article_id, int(r.sentence_id), int(r.start_char), int(r.end_char), kind,
            kind, str(r.entity_text), value_norm=norm,
        ))
    return slots


def _inside(c: Claim, spans: dict[str, list[tuple[int, int]]]) -> bool:
    return any(s <= c.start_char and c.end_char <= e for s, e in spans.get(c.article_id, ()))


def _same_key(a: Claim, b: Claim) -> bool:
    if a.kind != b.kind or a.is_background != b.is_background:
        return False  # a past event's values are compared only with the past event's
    if a.kind == "speaker":
        ca, cb = a.content, b.content
        return min(len(ca), len(cb)) >= 25 and fuzz.ratio(ca, cb) >= 85
    if a.kind == "cause":
        return a.key == b.key
    if a.kind == "date":
        ea, eb = a.event, b.event
        pa, pb = a.place, b.place
        if a.is_background and not (pa and pa == pb and ea and ea == eb):
            return False  # past events are many: only the same happening at the same place
        if pa and pb:
            # the same place and happening, or a place-only date next to a named happening
            # there ('in Japan on March 17' / 'to visit Japan from March 15'); two place-only
            # dates say nothing about being the same happening
            # the same place and happening, or a place-only date next to a named happening
            # there ('in Japan on March 17' / 'to visit Japan from March 15'); two place-only
            # dates say nothing about being the same happening
            return pa == pb and ((ea is not None and ea == eb) or (ea is None) != (eb is None))
        return ea is not None and ea == eb and not (pa or pb)
    return _same_count_key(a.key, b.key) if a.kind == "count" else (
        a.key is not None and a.key == b.key)


def _thin_key(c: Claim) -> float | None:
    """The context share that a key which says little must add; None for keys that say enough.

    A date's happening word, an age that names its person ('the 23-year-old said').
    """
    if c.kind == "date":
        return DATE_CONTEXT_MIN
    if c.key == ("age", "one"):
        return AGE_CONTEXT_MIN
    return None


def _same_count_key(ka: tuple | None, kb: tuple | None) -> bool:
    """True when two count keys count one thing.

    The same key, or one counted phrase inside the other ('rescue units' / 'fire rescue units').
    """
    if ka is None or kb is None:
        return False
    if len(ka) == len(kb) == 2:
        wa, wb = ka[1].split(), kb[1].split()
        return wa[-1] == wb[-1] and (set(wa) <= set(wb) or set(wb) <= set(wa))
    return ka == kb


def story_claims(
    story_id: str,
    members: list[str],
    *,
    sentences: pd.DataFrame,
    entities: pd.DataFrame,
    sources: pd.DataFrame,
    quotes: pd.DataFrame,
    timexes: pd.DataFrame,
    alignments: pd.DataFrame,
    published: dict[str, pd.Timestamp],
) -> list[Claim]:
    """The claims of one story's articles, each with its ``fact_id`` and fact name."""
    sents = sentence_lookup(sentences)
    skip = {k for k, (t, _) in sents.items() if CREDIT_LINE.match(t)}
    dates = [d for d in (published.get(a) for a in members) if d is not None and pd.notna(d)]
    window_start = min(dates) if dates else None
    frames = [f for f in date_frames(timexes, entities, sents) if f["t"].article_id in members]
    claims: list[Claim] = _date_claims(frames, window_start)
    # a sentence that dates itself before the story tells a past event's figures
    background = {(c.article_id, c.sentence_id) for c in claims if c.is_background}
    as_of_in: dict[tuple[str, int], pd.Timestamp] = {}
    for f in frames:
        t = f["t"]
        text, start = sents.get((t.article_id, int(t.sentence_id)), ("", 0))
        if _AS_OF.search(text[max(0, int(t.start_char) - start - 8):int(t.start_char) - start]):
            if pd.notna(t.start_date):
                as_of_in[(t.article_id, int(t.sentence_id))] = t.start_date
    event_of = {(c.article_id, c.sentence_id): c.event for c in claims if c.event}
    ent_slots = _entity_slots(entities)
    claims.extend(_sentence_claims(sents, skip, background, event_of, ent_slots))
    src = story_sources(sources)
    if len(src):
        groups = _source_claims(src)
        # 'three government sources' is the source count, not a count of its own
        spans = defaultdict(list)
        for g in groups:
            spans[g.article_id].append((g.start_char, g.end_char))
        claims = [c for c in claims if c.kind != "count" or not any(
            s <= c.start_char < e for s, e in spans.get(c.article_id, ()))]
        claims.extend(groups)
        claims.extend(_speaker_claims(quotes, src))
        skey = {(r.article_id, int(r.sentence_id)): r.skey for r in src.itertuples(index=False)
                if pd.notna(r.sentence_id) and r.source_kind != "document"}
    else:
        skey = {}
    for c in claims:
        c.attributed_to = skey.get((c.article_id, c.sentence_id)) if c.kind != "source" else None
        c.as_of = as_of_in.get((c.article_id, c.sentence_id), published.get(c.article_id))

    # facts: slots of copied sentences, then shared keys
    cited: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in sources.itertuples(index=False):
        if isinstance(r.source_name, str) and not r.is_anonymous and pd.notna(r.start_char):
            cited[r.article_id].append((int(r.start_char), int(r.end_char)))
    by_sent: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_sent[(c.article_id, c.sentence_id)].append(i)
    u = UnionFind(len(claims))
    close: list[tuple[int, int]] = []  # joins by copy, key or close context (not loose)
    extra_claims: list[Claim] = []
    if len(alignments):
        paired = alignments[alignments["alignment_type"].isin(["identical", "edited",
                                                                "paraphrase"])
                            & alignments["other_sentence_id"].notna()]
        for a, s, o, os_, how in zip(paired["article_id"], paired["sentence_id"],
                                     paired["other_article_id"], paired["other_sentence_id"],
                                     paired["alignment_type"], strict=True):
            ka, kb = (a, int(s)), (o, int(os_))
            if ka >= kb:
                continue
            if how == "paraphrase":
                # a paraphrase says one thing in other words: its one count of one thing (or
                # amount in one unit) answers the same question as the other's one; dates are
                # left out (a paraphrase often dates a neighbouring happening)
                for kind in ("count", "quantity"):
                    xa = [i for i in by_sent.get(ka, ()) if claims[i].kind == kind]
                    xb = [i for i in by_sent.get(kb, ()) if claims[i].kind == kind]
                    if len(xa) == 1 and len(xb) == 1 and (
                            claims[xa[0]].unit == claims[xb[0]].unit
                            and claims[xa[0]].unit not in _DURATIONS
                            and claims[xa[0]].head == claims[xb[0]].head != "people"):
                        # (a count of people is told apart by what happened to them: keys)
                        u.union(xa[0], xb[0])
                        _linked(claims, "copy", xa[0], xb[0], pairs=close)
                continue
            for kind in _CLAIM_KINDS:
                xa = sorted((i for i in by_sent.get(ka, ()) if claims[i].kind == kind),
                            key=lambda i: claims[i].start_char)
                xb = sorted((i for i in by_sent.get(kb, ()) if claims[i].kind == kind),
                            key=lambda i: claims[i].start_char)
                if xa and len(xa) == len(xb):
                    for i, j in zip(xa, xb, strict=True):
                        if claims[i].is_background == claims[j].is_background and (
                                claims[i].fact == REPORT_DATE_FACT) == (
                                claims[j].fact == REPORT_DATE_FACT):
                            u.union(i, j)
                            _linked(claims, "copy", i, j, pairs=close)
            for kind in ("place", "person"):
                ea = [c for c in ent_slots.get(ka, ()) if c.kind == kind]
                eb = [c for c in ent_slots.get(kb, ()) if c.kind == kind]
                if not ea or len(ea) != len(eb):
                    continue
                diff = [(x, y) for x, y in zip(ea, eb, strict=True) if x.value_norm != y.value_norm]
                if len(diff) == 1:
                    x, y = diff[0]
                    # a person the sentence cites is a source credited differently
                    role = "source" if kind == "person" and all(
                        _inside(c, cited) for c in (x, y)) else kind
                    base = len(claims) + len(extra_claims)
                    what = {"source": "source credited", "person": "person named",
                            "place": "place named"}[role]
                    extra_claims.extend([
                        replace(x, kind=role, fact=f"{what} in one copied sentence", pair=base + 1),
                        replace(y, kind=role, fact=f"{what} in one copied sentence", pair=base)])
    if extra_claims:
        n0 = len(claims)
        claims.extend(extra_claims)
        u.parent.extend(range(n0, len(claims)))
        for i in range(n0, len(claims)):
            u.union(i, claims[i].pair)
            _linked(claims, "copy", i, claims[i].pair, pairs=close)
            c = claims[i]
            c.attributed_to = skey.get((c.article_id, c.sentence_id))
            c.as_of = as_of_in.get((c.article_id, c.sentence_id), published.get(c.article_id))
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.kind == "speaker":
            by_key[("speaker",)].append(i)
        elif c.kind == "date":
            by_key[("date", c.place or c.event)].append(i)
        elif c.kind == "count" and c.key is not None and len(c.key) == 2:
            by_key[("count phrase", c.key[1].split()[-1])].append(i)  # by its head noun
        elif c.key is not None:
            by_key[c.key].append(i)
    ctx = _Contexts(claims, sents)
    for idx in by_key.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1:]:
                if claims[i].article_id != claims[j].article_id and _same_key(
                        claims[i], claims[j]) and (_thin_key(claims[i]) is None or ctx.score(
                            i, j) >= _thin_key(claims[i])):
                    u.union(i, j)
                    _linked(claims, "key", i, j, pairs=close)
    _context_join(claims, ctx, u, close)
    _near_value_join(claims, u)
    _nested_date_join(claims, ctx, u)
    # the parts of each fact: its claims joined without loose context; two parts of one fact
    # are compared for precision and updates, never reported as contradicting each other
    _assign_parts(claims, close)
    roots: dict[int, str] = {}
    order = sorted(range(len(claims)), key=lambda i: (claims[i].article_id, claims[i].start_char))
    for i in order:
        r = u.find(i)
        if r not in roots:
            roots[r] = f"{story_id}:c{len(roots):03d}"
        claims[i].fact_id = roots[r]
    _name_facts(claims)
    return [claims[i] for i in order]


#: How near a word must be to a value to describe it (words either side).
_CONTEXT_WINDOW = 8
#: The weighted share of context two values must share to be one fact (tuned on the tune half).
CONTEXT_MIN = 0.4
#: The context share above which two values are close enough to contradict each other.
CONTEXT_CONTRA_MIN = 0.7
#: ... and the fewest content words each must have (one shared word is thin evidence).
CONTEXT_CONTRA_WORDS = 2
#: The least a date key's two values must share of their context (a happening's word alone
#: is often another happening: the launch's animation and the launch).
DATE_CONTEXT_MIN = 0.1
#: ... and two ages used as nouns ('the six-year-old fell into the well').
AGE_CONTEXT_MIN = 0.2
_CONTEXT_KINDS = ("count", "quantity", "date", "place")
_NOT_CONTEXT = re.compile(r"^(?:" + MONTH_NAMES + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$")


@lru_cache(maxsize=65536)
def _word_weight(word: str) -> float:
    """How much a word tells: 8 minus its Zipf frequency in English, at least 0.5."""
    return max(0.5, 8.0 - zipf_frequency(word, "en"))


def _context(c: Claim, sents: dict, left: int = 0, right: int | None = None) -> dict[str, float]:
    """The content words near a claim's value, nearer words weighing more.

    ``left`` and ``right`` (article offsets) end the window at the neighbouring values: the
    words beyond another value describe that one.
    """
    text, start = sents.get((c.article_id, c.sentence_id), ("", 0))
    lo = max(left - start, 0)
    hi = len(text) if right is None else max(right - start, c.end_char - start)
    before = _WORD.findall(text[lo:c.start_char - start])[-_CONTEXT_WINDOW:]
    after = _WORD.findall(text[c.end_char - start:hi])[:_CONTEXT_WINDOW]
    out: dict[str, float] = {}
    for dist, w in [(len(before) - k, w) for k, w in enumerate(before)] + [
            (k + 1, w) for k, w in enumerate(after)]:
        lw = w.casefold()
        if lw in _COUNT_STOP or lw in NUMBER_WORDS or _NOT_CONTEXT.match(lw) or len(lw) < 3:
            continue
        key = singular(lw)
        out[key] = max(out.get(key, 0.0), 1.0 / (1 + 0.15 * dist))
    return out


def _joinable(a: Claim, b: Claim) -> bool:
    if a.kind != b.kind or a.is_background != b.is_background or a.article_id == b.article_id:
        return False
    if (a.fact == REPORT_DATE_FACT) or (b.fact == REPORT_DATE_FACT):
        return False
    if a.kind == "count" and (a.key is not None or b.key is not None):
        # a count with a specific key joins only its own key's values: words around a value
        # are weaker evidence than what the count counts ('84 people taken to hospital' is not
        # 'people killed')
        return _same_count_key(a.key, b.key) and a.head == b.head
    if a.kind != "quantity" and a.key is not None and b.key is not None and a.key != b.key:
        return False  # two specific keys that differ name two facts (an amount's key is only
        # the word before it: 'stands 229 feet', 'stretching 230 feet')
    if a.kind == "quantity":
        if a.head and b.head and a.head != b.head:
            return False  # '230 feet tall' / '40 feet wide'
        return a.unit == b.unit or dimension(a.unit) is not None and dimension(
            a.unit) == dimension(b.unit)
    if a.kind == "count":
        return a.head == b.head
    return True


def _name_facts(claims: list[Claim]) -> None:
    """Each fact's name: the most specific name any of its claims gives."""
    names: dict[str, str] = {}
    for c in claims:
        fid = c.fact_id
        if c.fact and (fid not in names or len(c.fact) > len(names[fid])):
            names[fid] = c.fact
    for c in claims:
        c.fact = names[c.fact_id]


def _assign_parts(claims: list[Claim], close: list[tuple[int, int]]) -> None:
    parts = UnionFind(len(claims))
    for i, j in close:
        parts.union(i, j)
    for i, c in enumerate(claims):
        c.part = parts.find(i)


_LINK_STRENGTH = {"alone": 0, "near value": 1, "loose context": 1, "context": 2, "key": 3, "copy": 4}


def _linked(claims: list[Claim], how: str, *idx: int, pairs: list | None = None) -> None:
    """Record how claims were joined; ``pairs`` collects the joins that are not loose."""
    if pairs is not None and how != "loose context":
        pairs.append(idx)
    for i in idx:
        if _LINK_STRENGTH[how] > _LINK_STRENGTH[claims[i].link]:
            claims[i].link = how


class _Contexts:
    """What the words near each value say, and how much two values' words agree (0..1)."""

    def __init__(self, claims: list[Claim], sents: dict):
        self.claims = claims
        self.sents = sents
        self._ctx: dict[int, dict[str, float]] = {}
        self._spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        for c in claims:
            if c.kind in _NUMERIC + ("date",):
                self._spans[(c.article_id, c.sentence_id)].append((c.start_char, c.end_char))

    def words(self, i: int) -> dict[str, float]:
        if i not in self._ctx:
            c = self.claims[i]
            spans = self._spans.get((c.article_id, c.sentence_id), ())
            left = max((e for s, e in spans if e <= c.start_char), default=0)
            right = min((s for s, e in spans if s >= c.end_char), default=None)
            self._ctx[i] = _context(c, self.sents, left, right)
        return self._ctx[i]

    def score(self, i: int, j: int) -> float:
        """The weighted share of the sparser context that the other one shares."""
        ci, cj = self.words(i), self.words(j)
        shared = sum(min(ci[w], cj[w]) * _word_weight(w) for w in ci.keys() & cj.keys())
        if not shared:
            return 0.0
        wi = sum(v * _word_weight(w) for w, v in ci.items())
        wj = sum(v * _word_weight(w) for w, v in cj.items())
        return shared / max(min(wi, wj), 1e-9)


def _mutual_best(claims: list[Claim], scored: dict[tuple[int, int], float],
                 least: float | None = None):
    """The scored pairs at or over ``least`` that are each other's best in the other article.

    ``least`` is :data:`CONTEXT_MIN` unless given.
    """
    least = CONTEXT_MIN if least is None else least
    best: dict[tuple[int, str], float] = {}
    for (i, j), sc in scored.items():
        for x, y in ((i, j), (j, i)):
            k = (x, claims[y].article_id)
            best[k] = max(best.get(k, 0.0), sc)
    return [((i, j), sc) for (i, j), sc in scored.items()
            if sc >= least and sc == best[(i, claims[j].article_id)] == best[
                (j, claims[i].article_id)]]


def _context_join(claims: list[Claim], ctx: _Contexts, u: UnionFind, close: list) -> None:
    """Join values whose nearby words say the same thing ('40 feet wide' / '39.9 ft wide').

    Words are weighted by how rare they are in English (``wordfreq``), so 'said' or 'people'
    say little and 'magazines' or 'turnout' much; two values join only as each other's best
    match between their two articles. Only values of one kind and unit (or counted head) that
    share a word are scored, so the work grows with the shared words, not with the square of
    a story's values.
    """
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.kind in _CONTEXT_KINDS and c.fact != REPORT_DATE_FACT:
            what = (dimension(c.unit) or c.unit) if c.kind == "quantity" else (
                c.head if c.kind == "count" else None)
            buckets[(c.kind, what, c.is_background)].append(i)
    for idx in buckets.values():
        if len({claims[i].article_id for i in idx}) < 2:
            continue
        having: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            for w in ctx.words(i):
                having[w].append(i)
        scored: dict[tuple[int, int], float] = {}
        for members in having.values():
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    key = (i, j) if i < j else (j, i)
                    if key not in scored and _joinable(claims[i], claims[j]):
                        scored[key] = ctx.score(i, j)
        for (i, j), sc in _mutual_best(claims, scored):
            # two places named near the same words may be two places of one happening
            # ('from Berlin', 'in Kunduz'): they are compared for precision only
            strong = sc >= CONTEXT_CONTRA_MIN and min(
                len(ctx.words(i)), len(ctx.words(j))) >= CONTEXT_CONTRA_WORDS and (
                claims[i].kind != "place")
            u.union(i, j)
            _linked(claims, "context" if strong else "loose context", i, j, pairs=close)


#: The least context two nested dates of facts that share no article must share to join.
NESTED_DATE_CONTEXT_MIN = 0.2


def _nested_date_join(claims: list[Claim], ctx: _Contexts, u: UnionFind) -> None:
    """Join two facts' dates when one date lies inside the other and their words agree a little.

    'on Dec. 12' / 'in December 2012' / 'in late 2012': one date told more or less precisely
    by two articles. Only dates with both bounds, of the same background flag, in facts that
    share no article, each other's best match by context between their two articles, with a
    context share of at least :data:`NESTED_DATE_CONTEXT_MIN`; the link is loose, so the two
    are compared for precision, never reported as contradicting.
    """
    arts: dict[int, set[str]] = defaultdict(set)
    for i, c in enumerate(claims):
        arts[u.find(i)].add(c.article_id)
    idx = [i for i, c in enumerate(claims) if c.kind == "date" and c.fact != REPORT_DATE_FACT
           and c.start_date is not None and c.end_date is not None]
    scored: dict[tuple[int, int], float] = {}
    for x, i in enumerate(idx):
        for j in idx[x + 1:]:
            a, b = claims[i], claims[j]
            if a.article_id == b.article_id or a.is_background != b.is_background \
                    or not _nested(a, b):
                continue
            sc = ctx.score(i, j)
            if sc >= NESTED_DATE_CONTEXT_MIN:
                scored[(i, j)] = sc
    for (i, j), _sc in _mutual_best(claims, scored, NESTED_DATE_CONTEXT_MIN):
        ri, rj = u.find(i), u.find(j)
        if ri != rj and not arts[ri] & arts[rj]:
            joined = arts[ri] | arts[rj]
            u.union(i, j)
            arts[u.find(i)] = joined
            _linked(claims, "loose context", i, j)


_WRITTEN_DATE = re.compile(r"(?i)\b(?:" + MONTH_NAMES + r")\b|\b(?:1[6-9]|20)\d\d\b")


def _nested(a: Claim, b: Claim) -> bool:
    """Whether one written date lies inside the other, a grain apart at most.

    A day in a month or a month in a year; not a day in a year, nor 'this week' or 'yesterday'
    (whose anchors may be wrong).
    """
    if not (_WRITTEN_DATE.search(a.value_text) and _WRITTEN_DATE.search(b.value_text)):
        return False
    if b.end_date - b.start_date > a.end_date - a.start_date:
        a, b = b, a  # a is the wider
    inside = a.start_date <= b.start_date and b.end_date <= a.end_date
    return inside and ((a.end_date - a.start_date).days <= 31
                       or (b.end_date - b.start_date).days >= 27)


#: How near two measures must be (relative to the larger) to be read as one figure.
NEAR_VALUE = 0.02


def _near_value_join(claims: list[Claim], u: UnionFind) -> None:
    """Join two facts of measures when their values nearly agree.

    '140,660 pounds' and 'nearly 64 metric tons', '40 feet' and '39.9 ft': a measure (length,
    mass, duration ...) given almost alike by two articles of one story is one figure told in
    other words or units. Only values each other's nearest between their two articles, within
    :data:`NEAR_VALUE`, in facts that share no article; the link is loose (``near value``),
    so the two are compared for precision, never reported as contradicting.
    """
    arts: dict[int, set[str]] = defaultdict(set)
    for i, c in enumerate(claims):
        arts[u.find(i)].add(c.article_id)
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if (c.kind == "quantity" and dimension(c.unit) is not None and pd.notna(c.value_low)
                and not math.isinf(c.value_high)):
            buckets[(dimension(c.unit), c.is_background)].append(i)
    for idx in buckets.values():
        for i, j in _nearest_measures(claims, idx):
            ri, rj = u.find(i), u.find(j)
            if ri != rj and not arts[ri] & arts[rj]:
                joined = arts[ri] | arts[rj]
                u.union(i, j)
                arts[u.find(i)] = joined
                _linked(claims, "near value", i, j)


def _nearest_measures(claims: list[Claim], idx: list[int]) -> list[tuple[int, int]]:
    """Pairs of measures within :data:`NEAR_VALUE`, each other's nearest between two articles."""
    mid = {i: sum(in_base_unit(claims[i].value_low, claims[i].value_high, claims[i].unit)) / 2
           for i in idx}
    gap: dict[tuple[int, int], float] = {}
    best: dict[tuple[int, str], float] = {}
    for x, i in enumerate(idx):
        for j in idx[x + 1:]:
            a, b = claims[i], claims[j]
            top = max(mid[i], mid[j])
            if a.article_id == b.article_id or (a.head and b.head and a.head != b.head) \
                    or top <= 0 or abs(mid[i] - mid[j]) / top > NEAR_VALUE:
                continue
            gap[(i, j)] = abs(mid[i] - mid[j]) / top
            for p, q in ((i, j), (j, i)):
                k = (p, claims[q].article_id)
                best[k] = min(best.get(k, math.inf), gap[(i, j)])
    return [(i, j) for (i, j), g in gap.items()
            if g == best[(i, claims[j].article_id)] == best[(j, claims[i].article_id)]]


def extract_claims(corpus=None, **tables) -> pd.DataFrame:
    """The ``claims`` table: every value each article reports, grouped into facts.

    Args:
        corpus: A :class:`workbench.Corpus` (its ``stories``, ``articles``, ``sentences``,
            ``entities``, ``sources``, ``quotes``, ``timexes``, ``alignments`` and
            ``publication_dates`` are used).
        **tables: The same tables by name, to run without a corpus or to override one.

    Returns:
        The ``claims`` table: one row per (article, reported value), ``fact_id`` shared by the
        claims of a story's articles that answer one question.
    """
    return schema.coerce(_claim_rows(corpus, **tables), "claims")


_TABLE_NAMES = ("articles", "stories", "sentences", "alignments", "entities", "sources",
                "quotes", "timexes", "publication_dates")
_ANNOTATION_TABLES = ("sentences", "entities", "sources", "quotes", "timexes")


def tables_of(corpus, tables: dict) -> dict[str, pd.DataFrame]:
    t = {n: tables[n] if n in tables else getattr(corpus, n, None) for n in _TABLE_NAMES}
    for n in ("entities", "sources", "quotes", "timexes", "alignments", "publication_dates"):
        if t[n] is None or not len(t[n].columns):
            t[n] = schema.empty_frame(n)
    return t


def _plain_strings(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as Python objects, for the row-by-row reading below.

    Reading an Arrow-backed string column (Parquet, pandas 3) row by row cost most of this
    stage.
    """
    text = [c for c in df.columns if pd.api.types.is_string_dtype(df[c])
            and not pd.api.types.is_object_dtype(df[c])]
    return df.astype({c: object for c in text}) if text else df


def split_by_story(t: dict[str, pd.DataFrame]) -> tuple[pd.Series, dict[str, dict]]:
    """Each story's slice of every table: (members by story, {table: {story_id: frame}})."""
    stories = t["stories"]
    members_of = stories.groupby("story_id", sort=False)["article_id"].agg(list)
    members_of = members_of[members_of.map(len) >= 2]
    story_of = {a: sid for sid, members in members_of.items() for a in members}
    parts: dict[str, dict] = {}
    for n in ("articles", "sentences", "entities", "sources", "quotes", "timexes"):
        df = _plain_strings(t[n])
        parts[n] = dict(iter(df.groupby(df["article_id"].map(story_of), sort=False))) if len(
            df) else {}
    al = t["alignments"]
    parts["alignments"] = dict(iter(al.groupby("story_id", sort=False))) if len(al) else {}
    parts["stories"] = dict(iter(stories.groupby("story_id", sort=False)))
    return members_of, parts


def _published(t: dict) -> dict[str, pd.Timestamp]:
    pub = t["publication_dates"]
    out: dict[str, pd.Timestamp] = {}
    if len(pub):
        exact = pub[pub["earliest_date"] == pub["latest_date"]]
        out.update(zip(exact["article_id"], exact["published_date"], strict=True))
    arts = t["articles"]
    if "published_date" in arts:
        for a, d in zip(arts["article_id"], arts["published_date"], strict=True):
            if pd.notna(d):
                out[a] = pd.Timestamp(d).normalize()
    return out


def _claim_records(story_id: str, members: list[str], part: dict, outlets: dict,
                   published: dict, story_of: dict | None = None) -> list[dict]:
    """Row dicts of the ``claims`` table for one story, from its slice of each table.

    ``story_id`` names the group compared (a story, or a thread when ``story_of`` gives each
    article's own story for its rows).
    """

    def get(n):
        return part[n] if part.get(n) is not None else schema.empty_frame(n)

    claims = story_claims(
        story_id, members, sentences=get("sentences"), entities=get("entities"),
        sources=get("sources"), quotes=get("quotes"), timexes=get("timexes"),
        alignments=get("alignments"), published=published)
    part_no: dict[tuple[str, int], int] = {}
    parts_of: dict[str, int] = defaultdict(int)
    for c in claims:  # parts numbered 0, 1, ... within each fact, in claim order
        if (c.fact_id, c.part) not in part_no:
            part_no[(c.fact_id, c.part)] = parts_of[c.fact_id]
            parts_of[c.fact_id] += 1
    rows = []
    for n, c in enumerate(claims):
        rows.append({
            "claim_id": f"{story_id}:{n:04d}",
            "story_id": story_of[c.article_id] if story_of else story_id,
            "article_id": c.article_id,
            "outlet": outlets.get(c.article_id), "sentence_id": c.sentence_id,
            "start_char": c.start_char, "end_char": c.end_char, "fact_id": c.fact_id,
            "fact": c.fact, "kind": c.kind, "value_text": c.value_text,
            "value_norm": c.value_norm, "value_low": c.value_low, "value_high": c.value_high,
            "unit": c.unit, "start_date": c.start_date, "end_date": c.end_date,
            "as_of": c.as_of, "is_background": c.is_background,
            "attributed_to": c.attributed_to, "fact_link": c.link,
            "fact_part": part_no[(c.fact_id, c.part)],
        })
    return rows


def _claim_rows(corpus=None, **tables) -> list[dict]:
    t = tables_of(corpus, tables)
    members_of, parts = split_by_story(t)
    outlets = dict(zip(t["articles"]["article_id"], t["articles"]["outlet"], strict=True))
    published = _published(t)
    shared = t["stories"]["article_id"].duplicated().any()  # an article in two stories
    rows: list[dict] = []
    for sid, members in members_of.items():
        if shared:
            part = {n: t[n][t[n]["article_id"].isin(members)] for n in _ANNOTATION_TABLES}
            part["alignments"] = t["alignments"][t["alignments"]["story_id"] == sid]
        else:
            part = {n: by_story.get(sid) for n, by_story in parts.items()}
        rows.extend(_claim_records(sid, members, part, outlets, published))
    return rows
