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

Only some keys name one fact: what happened to counted people, who is that old, a source
group, a quotation, a cause. A date's happening and place, a counted phrase and the word before
an amount join a fact loosely (``loose key``): one story has many launches and altitudes, and
the dates of two of its happenings share words. Between two versions of one wire story (copy
share at least :data:`~workbench.compare.align.VERSION_MIN`) any shared key names one fact.

A loose link never makes a contradiction: its values are compared for precision and updates.

A value whose sentence dates it as another, earlier event ("the 2011 quake killed 18,000") is
**background** and never joins a fact of this event's values.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from workbench import schema
from workbench.compare.align import VERSION_MIN, UnionFind, copy_shares
from workbench.compare.claim_reading import (
    AS_OF,
    CLAIM_KINDS,
    CLOCK,
    COUNT_STOP,
    DURATIONS,
    MEASURE_NAMES,
    NOT_CONTEXT,
    NUMERIC_KINDS,
    PLACE_NAME_FACT,
    REPORT_DATE_FACT,
    WORD,
    Claim,
    date_claims,
    entity_slots,
    inside_spans,
    lead_start,
    name_tokens,
    same_name,
    sentence_claims,
    source_claims,
    speaker_claims,
)
from workbench.compare.mentions import (
    CREDIT_LINE,
    MONTH_NAMES,
    NUMBER_WORDS,
    date_frames,
    sentence_lookup,
    singular,
    story_sources,
)
from workbench.compare.relations import compatible
from workbench.compare.values import CURRENCIES, dimension, in_base_unit

__all__ = ["Claim", "extract_claims", "statement_fact", "story_claims"]

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
            return pa == pb and ((ea is not None and ea == eb) or (ea is None) != (eb is None))
        return ea is not None and ea == eb and not (pa or pb)
    return _same_count_key(a.key, b.key) if a.kind == "count" else (
        a.key is not None and a.key == b.key)


def _slot_pairs(claims: list[Claim], xa: list[int], xb: list[int]) -> list[tuple[int, int]]:
    """The claims of two copies of one sentence that hold the same slot, in order.

    Names carry no order: a copy that names the same places or people in another order
    ('bound for Sioux Falls ... at Dallas' / 'from Dallas ... to Sioux Falls') pairs each
    with its own name, and only the names one copy changed are paired by their order.
    """
    if claims[xa[0]].kind not in ("place", "person"):
        return list(zip(xa, xb, strict=True))
    pairs = []
    rest_b = list(xb)
    rest_a = []
    for i in xa:
        same = next((j for j in rest_b if claims[j].value_norm == claims[i].value_norm), None)
        if same is None:
            rest_a.append(i)
        else:
            pairs.append((i, same))
            rest_b.remove(same)
    return pairs + list(zip(rest_a, rest_b, strict=True))


#: Nouns that name a person by someone else ('son', 'wife'): an age keyed by one says whose
#: only in the sentence ('their 14-year-old son', 'his 13-year-old son').
_KIN = frozenset(
    "son sons daughter daughters wife husband mother father brother sister child children "
    "grandson granddaughter nephew niece cousin boyfriend girlfriend partner".split())


def _names_the_fact(c: Claim) -> bool:
    """Whether a claim's key says what is measured well enough for two values to contradict.

    What happened to counted people ('people injured'), who is that old (not whose son), a
    source group, a quotation, a cause. A happening's word and place ('date of launch (Japan)'), a counted
    phrase ('offshore companies') or the word before an amount ('amount altitude') join a fact,
    loosely: one story has many launches, companies and altitudes (unless the two articles
    are versions of one wire story, which tell one set of happenings). Past events are many too:
    a key joins their values only loosely ('the Paris attacks killed 130' / 'the Nantes
    attack killed one').
    """
    if c.is_background:
        return False
    if c.kind == "count":
        return c.key is not None and len(c.key) == 3
    if c.kind == "quantity":
        # 'his 13-year-old son' is someone's son: the key does not say whose
        return c.key is not None and c.key[0] == "age" and c.key[1] not in _KIN
    # a place's happening joins loosely too: a story has many launches and landings
    return c.kind not in ("date", "place")


def _thin_key(c: Claim) -> float | None:
    """The context share that a key which says little must add; None for keys that say enough.

    A date's or a place's happening word, an age that names its person ('the 23-year-old
    said').
    """
    if c.kind in ("date", "place"):
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
    frames = [f for f in date_frames(timexes, entities, sents) if f["t"].article_id in members
              and (f["t"].article_id, int(f["t"].sentence_id)) not in skip]
    claims: list[Claim] = date_claims(frames, window_start)
    # a sentence that dates itself before the story tells a past event's figures
    background = {(c.article_id, c.sentence_id) for c in claims if c.is_background}
    as_of_in: dict[tuple[str, int], pd.Timestamp] = {}
    for f in frames:
        t = f["t"]
        text, start = sents.get((t.article_id, int(t.sentence_id)), ("", 0))
        if AS_OF.search(text[max(0, int(t.start_char) - start - 8):int(t.start_char) - start]):
            if pd.notna(t.start_date):
                as_of_in[(t.article_id, int(t.sentence_id))] = t.start_date
    ent_slots = entity_slots(entities)
    claims.extend(sentence_claims(sents, skip, background, ent_slots))
    src = story_sources(sources)
    if len(src):
        groups = source_claims(src)
        # 'three government sources' is the source count, not a count of its own
        spans = defaultdict(list)
        for g in groups:
            spans[g.article_id].append((g.start_char, g.end_char))
        claims = [c for c in claims if c.kind != "count" or not any(
            s <= c.start_char < e for s, e in spans.get(c.article_id, ()))]
        claims.extend(groups)
        claims.extend(speaker_claims(quotes, src))
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
    facts = _Facts(claims)
    close: list[tuple[int, int]] = []  # joins by copy, key or close context (not loose)
    extra_claims: list[Claim] = []
    paired = None
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
                            and claims[xa[0]].unit not in DURATIONS
                            and claims[xa[0]].head == claims[xb[0]].head != "people"):
                        # (a count of people is told apart by what happened to them: keys)
                        facts.union(xa[0], xb[0])
                        _linked(claims, "paraphrase", xa[0], xb[0])
                continue
            for kind in CLAIM_KINDS:
                xa = sorted((i for i in by_sent.get(ka, ()) if claims[i].kind == kind),
                            key=lambda i: claims[i].start_char)
                xb = sorted((i for i in by_sent.get(kb, ()) if claims[i].kind == kind),
                            key=lambda i: claims[i].start_char)
                if xa and len(xa) == len(xb):
                    for i, j in _slot_pairs(claims, xa, xb):
                        if claims[i].is_background == claims[j].is_background and (
                                claims[i].fact == REPORT_DATE_FACT) == (
                                claims[j].fact == REPORT_DATE_FACT):
                            facts.union(i, j)
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
                        inside_spans(c, cited) for c in (x, y)) else kind
                    base = len(claims) + len(extra_claims)
                    what = {"source": "source credited", "person": "person named",
                            "place": "place named"}[role]
                    extra_claims.extend([
                        replace(x, kind=role, fact=f"{what} in one copied sentence", pair=base + 1),
                        replace(y, kind=role, fact=f"{what} in one copied sentence", pair=base)])
    said = _credited_statements(paired, quotes, src, sents, len(claims) + len(extra_claims), {
        (c.article_id, c.sentence_id) for c in extra_claims if c.kind == "source"})
    _told_when(extra_claims + said, skey, as_of_in, published)
    _add_claims(claims, facts, close, "copy", extra_claims)
    _add_claims(claims, facts, close, "statement", said)
    ctx = _Contexts(claims, sents)
    # two versions of one wire story tell one set of happenings: a shared key names one fact
    versions = {pair for pair, share in copy_shares(alignments).items()
                if share >= VERSION_MIN} if len(alignments) else set()
    _key_join(claims, ctx, facts, close, versions)
    _kindred_join(claims, facts)
    _elapsed_join(claims, facts)
    _context_join(claims, ctx, facts, close)
    _near_value_join(claims, facts)
    _nested_date_join(claims, ctx, facts)
    _clock_join(claims, facts)
    _repeated_values(claims, facts)
    if len(src):
        credited = figure_sources(claims, facts, src, sents, {
            (c.article_id, c.sentence_id) for c in claims if c.kind == "source"
            and c.pair is not None})
        _add_claims(claims, facts, close, "statement",
                    _told_when(credited, skey, as_of_in, published))
    # the parts of each fact: its claims joined without loose context; two parts of one fact
    # are compared for precision and updates, never reported as contradicting each other
    _assign_parts(claims, close)
    roots: dict[int, str] = {}
    order = sorted(range(len(claims)), key=lambda i: (claims[i].article_id, claims[i].start_char))
    for i in order:
        r = facts.find(i)
        if r not in roots:
            roots[r] = f"{story_id}:c{len(roots):03d}"
        claims[i].fact_id = roots[r]
    _name_facts(claims)
    return [claims[i] for i in order]


def _credited_statements(paired: pd.DataFrame | None, quotes: pd.DataFrame, src: pd.DataFrame,
                         sents: dict, base: int, done: set) -> list[Claim]:
    """Source claims of statements and quotations credited differently (paired, from ``base``).

    Aligned sentences (:func:`statement_sources`) first, then quotations matched by their
    words (:func:`quote_sources`) in sentences not yet compared.
    """
    if not len(src):
        return []
    said = statement_sources(paired, src, sents, base, done) if paired is not None else []
    return said + quote_sources(quotes, src, sents, base + len(said), done | {
        (c.article_id, c.sentence_id) for c in said})


def _told_when(new: list[Claim], skey: dict, as_of_in: dict, published: dict) -> list[Claim]:
    """Set the source and time of report of claims made after the others (returned)."""
    for c in new:
        # a source named in a copied sentence is not credited to itself
        c.attributed_to = skey.get((c.article_id, c.sentence_id)) if c.kind != "source" else None
        c.as_of = as_of_in.get((c.article_id, c.sentence_id), published.get(c.article_id))
    return new


def _add_claims(claims: list[Claim], facts: _Facts, close: list, how: str,
                new: list[Claim]) -> None:
    """Append claims that come in pairs (``pair``), each pair joined into one fact by ``how``."""
    n0 = len(claims)
    claims.extend(new)
    facts.grow()
    for i in range(n0, len(claims)):
        facts.union(i, claims[i].pair)
        _linked(claims, how, i, claims[i].pair, pairs=close)


#: Sentences said in other words tell one statement when their words agree this much (cosine;
#: copies and edited copies always do). Chosen on the tune half: at 0.3 (every paraphrase the
#: alignment pairs) most pairs were two statements on one topic.
STATEMENT_MIN = 0.4
#: ... and each has at least this many words.
STATEMENT_WORDS = 6
#: Kinds of source that name who is cited ('other' is mostly a subject that is no source:
#: 'Videos showed', 'The airline'; 'document' a statement, not who made it).
_CITED_KINDS = frozenset({"named_person", "named_organization", "news_agency",
                          "unnamed_official", "anonymous"})
_NOT_A_NAME = re.compile(r"[()/\n|:]")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z]{2,6}\)$")
#: A credited name or description longer than this is a clause the source finder took whole.
CREDIT_WORDS_MAX = 12


def _credited_name(r) -> str | None:
    """Whom a source mention names, in its own words.

    None for a pronoun ('she': its claim would show no name), a description of one word, or a
    kind that is no source.
    """
    text = _ACRONYM_AFTER.sub("", str(r.source_text))  # '... Police (BTP)'
    if _NOT_A_NAME.search(text) or len(WORD.findall(text)) > CREDIT_WORDS_MAX:
        return None  # a photo credit or a page line ('(Richard Drew/AP)'), or a misparse
    if r.source_kind in _CITED_KINDS and (
            name_tokens(text) or (r.is_anonymous and len(WORD.findall(text)) >= 2)):
        return text
    if r.source_kind == "other" and _ACCORDING.match(str(r.cue)) and (
            name_tokens(text) or len(WORD.findall(text)) >= 2):
        # 'according to SpaceX's website', 'according to the boy's parents': what the
        # finder could not class is still cited as the source
        return text
    return None


_ACCORDING = re.compile(r"(?i)according\s+to$")


def _initials(name: str) -> str:
    """'the Rail Accident Investigation Branch' -> 'raib'."""
    return "".join(w[0] for w in re.findall(r"\b[A-Z][\w-]*", re.sub(r"['’]s\b", "", name))
                   if w.casefold() not in ("the", "a", "an")).casefold()


def _one_source(na: str, nb: str, ta: str, tb: str) -> bool:
    """Whether two sentences' credited names may be one source, or one cites the other.

    One name ('Ilene Wolff' / 'Wolfe', 'the RAIB' / 'the Rail Accident Investigation Branch'),
    or a source the other sentence names too ('Yonhap reported' / 'South Korean authorities
    said'; 'British Transport Police's Robin Smith said' / 'British Transport Police said'):
    who reported whom, not a disagreement about who said it.
    """
    a, b = _name_words(na), _name_words(nb)
    if a and b and same_name(na, nb):
        return True
    if any(_spelt_alike(x, y) for x in a for y in b):
        return True
    if any(len(x) >= 2 and x == _initials(nb) for x in a) or any(
            len(y) >= 2 and y == _initials(na) for y in b):
        return True
    # an unnamed source is known by its words: 'a witness' / '..., the Daily News quoted
    # witness Devonte Brown as saying'
    return _named_in(a or _described(na), tb) or _named_in(b or _described(nb), ta)


def _spelt_alike(x: str, y: str) -> bool:
    """Two words of names that may be one spelt two ways ('Wolfe' / 'Wolff').

    A word that is the other with letters added is another word ('SpaceX' / 'Space').
    """
    x, y = x.casefold(), y.casefold()
    return min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 80 and not (
        x != y and (x.startswith(y) or y.startswith(x)))


def _described(text: str) -> set[str]:
    """The content words of a description ('a government source' -> {'government', 'source'})."""
    return {w.casefold() for w in WORD.findall(text)} - _DESCRIPTION_STOP


_DESCRIPTION_STOP = frozenset("a an the his her its their our one of with who said".split())


def _name_words(name: str) -> set[str]:
    """A name's capitalised words without possessives, hyphenated words split ('Nice-Matin')."""
    return {w for t in name_tokens(re.sub(r"['’]s\b", "", name)) for w in t.split("-") if w}


def _named_in(name: set[str], text: str) -> bool:
    """Whether every word of a name is in the text, as itself or a form of it ('Korean')."""
    words = {w.casefold() for w in WORD.findall(re.sub(r"['’]s\b", "", text).replace("-", " "))}
    return bool(name) and all(
        x in words or (len(x) >= 5 and any(_form_of(x, w) for w in words)) for x in name)


def _form_of(x: str, w: str) -> bool:
    """Whether a text's word may be a form of a name's word ('Korean' / 'Korea', 'Koreans').

    A word the name's word extends by letters that make no demonym is another word ('SpaceX'
    is not a form of 'space').
    """
    if not w.startswith(x[:5]):
        return False
    return len(w) >= len(x) or not x.startswith(w) or x[len(w):] in ("n", "an", "ian", "ese")


def _credits(src: pd.DataFrame) -> dict[tuple[str, int], list]:
    """The source mentions of each sentence, by (article, sentence)."""
    credited: dict[tuple[str, int], list] = defaultdict(list)
    for r in src.itertuples(index=False):
        if pd.notna(r.sentence_id) and pd.notna(r.start_char):
            credited[(r.article_id, int(r.sentence_id))].append(r)
    return credited


def _one_credit(k: tuple[str, int], credited: dict, value: Claim | None = None,
                sents: dict | None = None):
    """The one source a sentence credits, by a name or a description; None otherwise.

    With a ``value``, a sentence that runs over a line break ('..., according to SpaceX. / The
    price is around $90 million, says John Holst') credits the value to the sources on its line.
    """
    xs = credited.get(k, ())
    if value is not None and sents is not None and len({r.skey for r in xs}) > 1:
        text, start = sents.get(k, ("", 0))
        xs = [r for r in xs if "\n" not in text[
            min(int(r.start_char), value.start_char) - start:
            max(int(r.end_char), value.end_char) - start]]
    if len({r.skey for r in xs}) != 1 or _credited_name(xs[0]) is None:
        return None  # uncredited, credited to two sources, or to a pronoun
    return xs[0]


def _apart(ra, rb, ta: str, tb: str) -> bool:
    """Whether two credited sources differ: not one source, and neither cites the other."""
    if ra.skey == rb.skey:
        return False
    if _two_people(ra, rb):
        # 'Genesee County Undersheriff James Gage' / 'Genesee County Sheriff Robert J. Pickell':
        # two people of one office are two sources, unless one sentence names the other too
        return not (_named_in(_name_words(ra.source_name), tb)
                    or _named_in(_name_words(rb.source_name), ta))
    return not _one_source(_credited_name(ra), _credited_name(rb), ta, tb)


def _two_people(ra, rb) -> bool:
    """Whether two source mentions name two people whose names share no word."""
    if not all(r.source_kind == "named_person" and isinstance(r.source_name, str)
               and not r.is_anonymous for r in (ra, rb)):
        return False
    a, b = _name_words(ra.source_name), _name_words(rb.source_name)
    return bool(a) and bool(b) and not same_name(ra.source_name, rb.source_name) and not any(
        _spelt_alike(x, y) for x in a for y in b)


def statement_fact(text: str) -> str:
    """The name of the fact 'who a statement is credited to': its opening words."""
    words = str(text or "").split()
    return f"source credited for “{' '.join(words[:8])}…”" if words else "source credited"


def _source_claim(r, what: str, pair: int) -> Claim:
    return Claim(r.article_id, int(r.sentence_id), int(r.start_char), int(r.end_char),
                 "source", what, str(r.source_text), value_norm=r.skey, pair=pair)


def statement_sources(paired: pd.DataFrame, src: pd.DataFrame, sents: dict, base: int,
                      done: set[tuple[str, int]]) -> list[Claim]:
    """Who two outlets credit one statement to, where they credit it to different sources.

    Two sentences of two articles that the alignment pairs (copied, edited or said in other
    words) tell one statement; when each credits it to one source and the two are not one
    source ('Sky News reported' / 'police said'), each gives a ``source`` claim of the fact
    'source credited for “…”', the two claims paired (``pair``: an index from ``base``).
    Sentences in ``done`` already have such claims.

    Args:
        paired: The story's aligned sentence pairs (rows of ``alignments``).
        src: The story's sources, with ``skey`` (:func:`story_sources`).
        sents: The story's sentences (:func:`sentence_lookup`), which name the fact.
        base: The index the first returned claim will have in the story's claims.
        done: Sentences whose credited source is already a claim.
    """
    credited = _credits(src)
    out: list[Claim] = []
    seen: set[frozenset] = set()
    close = paired[paired["alignment_type"].isin(["identical", "edited"])
                   | (paired["similarity"] >= STATEMENT_MIN)]
    for a, s, o, os_ in zip(close["article_id"], close["sentence_id"],
                            close["other_article_id"], close["other_sentence_id"], strict=True):
        ka, kb = (a, int(s)), (o, int(os_))
        pair = frozenset((ka, kb))
        if pair in seen or ka in done or kb in done:
            continue
        seen.add(pair)
        ta, tb = sents.get(ka, ("", 0))[0], sents.get(kb, ("", 0))[0]
        if min(len(WORD.findall(ta)), len(WORD.findall(tb))) < STATEMENT_WORDS:
            continue  # 'Justice Breyer asked.': too short to be one statement
        ra, rb = _one_credit(ka, credited), _one_credit(kb, credited)
        if ra is None or rb is None or not _apart(ra, rb, ta, tb):
            continue
        what = statement_fact(ta)
        n = base + len(out)
        out.extend([_source_claim(ra, what, n + 1), _source_claim(rb, what, n)])
    return out


#: One quotation in two articles: its words agree this much (as speakers' quotations join).
QUOTE_MATCH = 85
#: ... and it has at least this many words and characters.
QUOTE_WORDS = 6
QUOTE_CHARS = 25
#: A part of a quotation another outlet gives whole has this many words or more, and stands in
#: the whole this nearly as is (rapidfuzz partial ratio).
QUOTE_PART_WORDS = 8
QUOTE_PART_MATCH = 92


_QUOTE_MARKS = " ,.“”\"'‘’"


def _quoted(quotes: pd.DataFrame, src: pd.DataFrame, done: set) -> list[tuple]:
    """The story's direct quotations with the source each is credited to, words normalised.

    A quotation is credited to its speaker's last mention at or before it that names or
    describes the speaker ('He said: “...”' to 'Robin Smith, an assistant chief constable' of
    the sentence before). A quotation without a speaker that opens the sentence after another
    quotation goes on with it (a quotation run over paragraphs) and is that speaker's.
    """
    mentions: dict[tuple[str, str], list] = defaultdict(list)
    for r in src.sort_values(["article_id", "sentence_id"]).itertuples(index=False):
        if pd.notna(r.sentence_id) and isinstance(r.source_key, str) and _credited_name(r):
            mentions[(r.article_id, r.source_key)].append(r)
    out = []
    before = (None, -2, None)  # the last quotation: article, sentence, speaker
    for q in quotes.sort_values(["article_id", "sentence_id"]).itertuples(index=False):
        if q.quote_type != "direct" or not isinstance(q.content, str) or pd.isna(q.sentence_id):
            continue
        sid, key = int(q.sentence_id), q.speaker_key
        if not isinstance(key, str) and before[:2] == (q.article_id, sid - 1):
            key = before[2]  # a quotation run on from the sentence before
        before = (q.article_id, sid, key)
        r = next((m for m in reversed(mentions.get((q.article_id, key), ()))
                  if int(m.sentence_id) <= sid), None)
        words = re.sub(r"\W+", " ", q.content.casefold()).strip()
        if r is None or (q.article_id, sid) in done or len(words.split()) < QUOTE_WORDS or len(
                words) < QUOTE_CHARS:
            continue
        out.append((q.article_id, sid, words, r, q.content))
    return out


def _one_quotation(wa: str, wb: str) -> bool:
    """Whether two quotations (normalised words) are one, or the shorter is part of the other.

    A quotation one outlet gives whole and another in part ('Moving forward we're committed
    to being part of the conversation' at the end of a four-sentence quotation) is one when
    the part has :data:`QUOTE_PART_WORDS` words or more and stands in the whole nearly as is.
    """
    if fuzz.ratio(wa, wb) >= QUOTE_MATCH:
        return True
    short, whole = sorted((wa, wb), key=len)
    part = set(short.split())
    return len(short.split()) >= QUOTE_PART_WORDS and len(part & set(whole.split())) >= (
        0.8 * len(part)) and fuzz.partial_ratio(short, whole) >= QUOTE_PART_MATCH


def _credits_differ(ra, rb, ta: str, tb: str) -> bool:
    """Whether two mentions credit a quotation to two sources.

    Not when they are one source (``skey``), when one's person is named in the other's credit
    ('Garba Shehu, a spokesman for the president' / 'A spokesperson for Buhari, Garba Shehu'),
    or when one describes a source the other's sentence describes too ('A witness told the
    Daily News' / 'the Daily News quoted witness Devonte Brown'). Unlike :func:`_apart`, a body
    named in both ('Robin Smith, at the British Transport Police' / 'a spokesperson from the
    British Transport Police') leaves two speakers: the words are one's, told more or less
    precisely.
    """
    if ra.skey == rb.skey:
        return False
    for r, o, t in ((ra, rb, tb), (rb, ra, ta)):
        name = _name_words(r.source_name) if isinstance(r.source_name, str) else set()
        if (r.source_kind == "named_person" and _named_in(name, str(o.source_text))) or (
                not name and _named_in(_described(str(r.source_text)), t)):
            return False
    return True


def quote_sources(quotes: pd.DataFrame, src: pd.DataFrame, sents: dict, base: int,
                  done: set[tuple[str, int]]) -> list[Claim]:
    """Who two outlets credit one quotation to, where they credit it to different sources.

    A quotation is one when its words agree in two articles (:func:`_one_quotation`), in any
    sentences ('praised by the Sun-Times as “...”' / 'praised by The Tribune as “...”'). When the two credits are not one source (:func:`_credits_differ`), each gives a
    ``source`` claim of the fact 'source credited for “…”', the two paired as by
    :func:`statement_sources`. Two people named as speakers of one quotation are ``speaker``
    claims and left to them; sentences in ``done`` already have source claims.
    """
    told = _quoted(quotes, src, done)
    out: list[Claim] = []
    seen: set[frozenset] = set()
    for n, (a, _, wa, ra, content) in enumerate(told):
        for b, _, wb, rb, _ in told[n + 1:]:
            pair = frozenset(((a, int(ra.sentence_id)), (b, int(rb.sentence_id))))
            if a == b or pair in seen or _two_people(ra, rb) or not _one_quotation(wa, wb):
                continue
            if not _credits_differ(ra, rb, sents.get((a, int(ra.sentence_id)), ("", 0))[0],
                                   sents.get((b, int(rb.sentence_id)), ("", 0))[0]):
                continue
            seen.add(pair)
            what = statement_fact(content.strip(_QUOTE_MARKS))
            k = base + len(out)
            out.extend([_source_claim(ra, what, k + 1), _source_claim(rb, what, k)])
    return out


#: How a figure's values must have joined its fact for the sentences that give them to tell
#: one statement: copied, keyed (a key that says little counts too: the values agree), in
#: like context, or told almost alike.
_STATED_LINKS = frozenset({"copy", "key", "loose key", "context", "near value"})


def figure_sources(claims: list[Claim], facts: _Facts, src: pd.DataFrame, sents: dict,
                   done: set[tuple[str, int]]) -> list[Claim]:
    """Who outlets credit one figure to, where at least two credit it to different sources.

    'The price is around $90 million, says an analyst' / '... sells for around $90 million,
    according to the company's website': articles give one value of one fact (values that
    agree, joined by copy, key, context or near value), each in a sentence that credits one
    source. When two of the sources differ (:func:`_apart`), each article gives a ``source``
    claim of the fact 'source credited for “<value>”', all of them paired to the first (one
    fact). Sentences in ``done`` already have such claims.
    """
    credited = _credits(src)
    by_fact: dict[int, dict[str, tuple]] = defaultdict(dict)
    for i, c in enumerate(claims):
        k = (c.article_id, c.sentence_id)
        if c.kind not in ("count", "quantity") or c.link not in _STATED_LINKS or k in done \
                or pd.isna(c.value_low):
            continue
        r = None if _in_relative_clause(c, sents) else _one_credit(k, credited, c, sents)
        if r is not None:  # an article's first value of the fact speaks for it
            by_fact[facts.find(i)].setdefault(c.article_id, (c, r, _line_of(c, sents)))
    out: list[Claim] = []
    for told in by_fact.values():
        told = list(told.values())
        first = told[0][0]
        told = [t for t in told if compatible(first, t[0])]  # one value, told alike
        if not any(_apart(r, o, t, u) for n, (_, r, t) in enumerate(told)
                   for _, o, u in told[n + 1:]):
            continue
        base = len(claims) + len(out)
        what = f"source credited for “{first.value_text}”"
        out.extend(_source_claim(r, what, base + 1 if n == 0 else base)
                   for n, (_, r, _) in enumerate(told))
    return out


_RELATIVE = re.compile(r"\s*(?:who|which|whose)\b", re.IGNORECASE)


def _in_relative_clause(c: Claim, sents: dict) -> bool:
    """Whether a value stands in a clause set off to describe someone.

    'The shooter, who killed 59 people, did so for the group, according to a website': the
    figure is the writer's description, not what the source is cited for.
    """
    text, start = sents.get((c.article_id, c.sentence_id), ("", 0))
    before = text[:max(c.start_char - start, 0)]
    clause = before[before.rfind(",") + 1:] if "," in before else ""
    return bool(_RELATIVE.match(clause))


def _line_of(c: Claim, sents: dict) -> str:
    """The line of its sentence a claim stands on (a sentence may run over a line break)."""
    text, start = sents.get((c.article_id, c.sentence_id), ("", 0))
    at = c.start_char - start
    return text[text.rfind("\n", 0, max(at, 0)) + 1:].split("\n", 1)[0]


def _key_buckets(claims: list[Claim]) -> dict[tuple, list[int]]:
    """The claims that may share a key, bucketed so that only a bucket's pairs are compared."""
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
    return by_key


def _key_join(claims: list[Claim], ctx: _Contexts, facts: _Facts, close: list,
              versions: set[frozenset]) -> None:
    """Join the claims of two articles that carry the same key (loosely where it names no fact).

    Between two versions of one wire story a shared key names one fact, unless either article
    gives two values under it that cannot both hold, or the key of an amount is only the word
    before it ('fell about 2,000 feet' / 'fell around 200ft': two climbers' falls; 'an
    80m-deep well' / 'a depth of 80m' name what is measured).
    """
    for idx in _key_buckets(claims).values():
        two_values = _keys_of_two_values(claims, idx) if versions else set()
        for x, i in enumerate(idx):
            for j in idx[x + 1:]:
                if claims[i].article_id != claims[j].article_id and _same_key(
                        claims[i], claims[j]) and (_thin_key(claims[i]) is None or ctx.score(
                            i, j) >= _thin_key(claims[i])):
                    facts.union(i, j)
                    if _names_the_fact(claims[i]) or (frozenset(
                            (claims[i].article_id, claims[j].article_id)) in versions and not (
                            {i, j} & two_values) and _says_what_is_measured(claims[i])):
                        _linked(claims, "key", i, j, pairs=close)
                    else:
                        _linked(claims, "loose key", i, j)


def _says_what_is_measured(c: Claim) -> bool:
    """Whether a claim's key says what it measures: any key but an amount's word before it."""
    return c.kind != "quantity" or c.key is None or c.key[0] != "quantity" or (
        c.key[2] in MEASURE_NAMES)


def _keys_of_two_values(claims: list[Claim], idx: list[int]) -> set[int]:
    """The numeric claims of ``idx`` whose article gives another value of their key that clashes."""
    out: set[int] = set()
    for x, i in enumerate(idx):
        for j in idx[x + 1:]:
            a, b = claims[i], claims[j]
            if a.article_id == b.article_id and a.kind in NUMERIC_KINDS and _same_key(
                    a, b) and not compatible(a, b):
                out |= {i, j}
    return out


#: What happened to counted people that is often one figure told two ways: the people taken
#: to hospital are, in most reports, the injured ('84 people have been taken to hospital' /
#: 'wounding at least 90').
_KINDRED_OUTCOMES = (("hospitalized", "injured"),)


def _kindred_join(claims: list[Claim], facts: _Facts) -> None:
    """Join a count of people hospitalized to the story's count of people injured, loosely.

    Only where no article gives both (an article that gives '12 injured, 3 in hospital' tells
    two figures, and then so may the others): the largest fact of each outcome, of the same
    background flag. The link is loose (``loose key``): updates and precision, never a
    contradiction. The joined fact is named by the wider count ('people injured').
    """
    for told, kin in _KINDRED_OUTCOMES:
        for background in (False, True):
            found = {want: [i for i, c in enumerate(claims)
                            if c.kind == "count" and c.key == ("count", "people", want)
                            and c.is_background == background] for want in (told, kin)}
            if not (found[told] and found[kin]):
                continue
            a, b = (max(found[w], key=lambda i: len(facts.articles(i))) for w in (told, kin))
            _join_apart(claims, facts, [(a, b)], "loose key")
            if facts.find(a) == facts.find(b):
                for i in found[told]:
                    if facts.find(i) == facts.find(b):
                        claims[i].fact = claims[b].fact


#: How near a word must be to a value to describe it (words either side).
_CONTEXT_WINDOW = 8
#: The weighted share of context two values must share to be one fact (tuned on the tune half).
CONTEXT_MIN = 0.4
#: The context share above which two values are close enough to contradict each other (tuned
#: on the tune half: 0.7 -> 0.9 dropped 3 unrelated and 1 real contradiction, recall unchanged).
CONTEXT_CONTRA_MIN = 0.9
#: ... and the fewest content words each must have (one shared word is thin evidence).
CONTEXT_CONTRA_WORDS = 2
#: The least a date key's two values must share of their context (a happening's word alone
#: is often another happening: the launch's animation and the launch).
DATE_CONTEXT_MIN = 0.1
#: ... and two ages used as nouns ('the six-year-old fell into the well').
AGE_CONTEXT_MIN = 0.2
_CONTEXT_KINDS = ("count", "quantity", "date", "place")


@lru_cache(maxsize=65536)
def _word_weight(word: str) -> float:
    """How much a word tells: 8 minus its Zipf frequency in English, at least 0.5."""
    return max(0.5, 8.0 - zipf_frequency(word, "en"))


def _context(c: Claim, sents: dict, left: int = 0, right: int | None = None,
             in_list: bool = False) -> dict[str, float]:
    """The content words near a claim's value, nearer words weighing more.

    ``left`` and ``right`` (article offsets) end the window at the neighbouring values: the
    words beyond another value describe that one.
    """
    text, start = sents.get((c.article_id, c.sentence_id), ("", 0))
    lo = max(left - start, 0)
    # in a list of values, the words up to the last list word are the previous one's
    if not in_list:  # (a date of a list of dates is told by the words that lead the list)
        lo = max(lo, lead_start(text, lo, c.start_char - start))
    hi = len(text) if right is None else max(right - start, c.end_char - start)
    before = WORD.findall(text[lo:c.start_char - start])[-_CONTEXT_WINDOW:]
    after = WORD.findall(text[c.end_char - start:hi])[:_CONTEXT_WINDOW]
    out: dict[str, float] = {}
    for dist, w in [(len(before) - k, w) for k, w in enumerate(before)] + [
            (k + 1, w) for k, w in enumerate(after)]:
        lw = w.casefold()
        if lw in COUNT_STOP or lw in NUMBER_WORDS or NOT_CONTEXT.match(lw) or len(lw) < 3:
            continue
        key = singular(lw)
        out[key] = max(out.get(key, 0.0), 1.0 / (1 + 0.15 * dist))
    return out


def _joinable(a: Claim, b: Claim) -> bool:
    if a.kind != b.kind or a.is_background != b.is_background or a.article_id == b.article_id:
        return False
    if REPORT_DATE_FACT in (a.fact, b.fact) or PLACE_NAME_FACT in (a.fact, b.fact):
        return False  # a place's name that says where nothing happened joins only its copies
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


#: Names read from the word next to a value ('amount fell', 'share accounting', 'date: was
#: married'): a guess at what is measured, named only where no claim of the fact says it.
_GUESSED_NAME = re.compile(r"^(?:amount|share)\b|^date: ")


def _name_facts(claims: list[Claim]) -> None:
    """Each fact's name: the most specific name any of its claims gives.

    A name that says what is measured ('depth', 'date of launch') comes before a longer one
    guessed from the word next to a value ('amount fell').
    """
    def rank(name: str) -> tuple[bool, int]:
        return not _GUESSED_NAME.match(name), len(name)

    names: dict[str, str] = {}
    for c in claims:
        fid = c.fact_id
        if c.fact and (fid not in names or rank(c.fact) > rank(names[fid])):
            names[fid] = c.fact
    for c in claims:
        c.fact = names[c.fact_id]


class _Facts(UnionFind):
    """The facts a story's claims are joined into: disjoint sets that know their articles."""

    def __init__(self, claims: list[Claim]):
        super().__init__(len(claims))
        self._claims = claims
        self._articles = {i: {c.article_id} for i, c in enumerate(claims)}

    def grow(self) -> None:
        """Take in the claims appended to the list since (each a fact of its own)."""
        for i in range(len(self.parent), len(self._claims)):
            self.parent.append(i)
            self._articles[i] = {self._claims[i].article_id}

    def articles(self, i: int) -> set[str]:
        """The articles that give a value of claim ``i``'s fact."""
        return self._articles[self.find(i)]

    def share_article(self, a: int, b: int) -> bool:
        """Whether two different facts already hold a value of one article."""
        ra, rb = self.find(a), self.find(b)
        return ra != rb and bool(self._articles[ra] & self._articles[rb])

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            super().union(a, b)
            kept = self.find(a)
            self._articles[kept] = self._articles.pop(rb if kept == ra else ra) | \
                self._articles[kept]


def _assign_parts(claims: list[Claim], close: list[tuple[int, int]]) -> None:
    parts = UnionFind(len(claims))
    for i, j in close:
        parts.union(i, j)
    for i, c in enumerate(claims):
        c.part = parts.find(i)


_LINK_STRENGTH = {"alone": 0, "repeated": 1, "near value": 1, "elapsed time": 1,
                  "loose context": 1, "loose key": 1, "paraphrase": 1, "context": 2, "key": 3,
                  "statement": 4, "copy": 4}


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
            if c.kind in NUMERIC_KINDS + ("date",):
                self._spans[(c.article_id, c.sentence_id)].append((c.start_char, c.end_char))

    def words(self, i: int) -> dict[str, float]:
        if i not in self._ctx:
            c = self.claims[i]
            # a time between a place and its happening tells that happening too ('blasted off
            # at 9 a.m. from the Sohae ...'): such a place's words are not cut at other values
            spans = () if c.kind == "place" and c.key is not None else self._spans.get(
                (c.article_id, c.sentence_id), ())
            left = max((e for s, e in spans if e <= c.start_char), default=0)
            lead = self._list_lead(c, spans, left) if c.kind == "date" else None
            right = min((s for s, e in spans if s >= c.end_char), default=None)
            self._ctx[i] = _context(c, self.sents, left, right) if lead is None else _context(
                c, self.sents, lead, right, in_list=True)
        return self._ctx[i]

    def _list_lead(self, c: Claim, spans, left: int) -> int | None:
        """Where the words of a date in a list of dates begin: before the list's first date.

        'three other tests, in 2006, 2009 and 2013': each date of the list is told by the
        words that lead the list, not by the glue between its dates. None when the date is
        in no list.
        """
        text, start = self.sents.get((c.article_id, c.sentence_id), ("", 0))
        begins = {e: s for s, e in spans}
        at, nxt = left, c.start_char
        while at in begins and _DATE_LIST_GLUE.fullmatch(text[at - start:nxt - start]):
            nxt = begins[at]
            at = max((e for s, e in spans if e <= nxt), default=0)
        return at if nxt != c.start_char else None

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


def _context_join(claims: list[Claim], ctx: _Contexts, facts: _Facts, close: list) -> None:
    """Join values whose nearby words say the same thing ('40 feet wide' / '39.9 ft wide').

    Words are weighted by how rare they are in English (``wordfreq``), so 'said' or 'people'
    say little and 'magazines' or 'turnout' much; two values join only as each other's best
    match between their two articles. Only values of one kind and unit (or counted head) that
    share a word are scored, so the work grows with the shared words, not with the square of
    a story's values. A loose link joins two facts only when no article gives both.
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
        for (i, j), sc in _mutual_best(claims, _context_scores(claims, ctx, idx)):
            # two places named near the same words may be two places of one happening
            # ('from Berlin', 'in Kunduz'), and two dates the dates of two of its happenings
            # ('On Friday, authorities said' / 'On Sunday, authorities announced'): they are
            # compared for precision only
            strong = sc >= CONTEXT_CONTRA_MIN and min(
                len(ctx.words(i)), len(ctx.words(j))) >= CONTEXT_CONTRA_WORDS and (
                claims[i].kind not in ("place", "date")) and _alike_in_size(claims[i], claims[j])
            if not strong and facts.share_article(i, j):
                continue  # a loose link never puts two values of one article in one fact
            facts.union(i, j)
            _linked(claims, "context" if strong else "loose context", i, j, pairs=close)


#: Two counts or amounts that only their nearby words join, one more than this many times the
#: other, are more often two scopes ('six carries' in a game, '106 carries' in a season) than
#: two outlets' values of one (chosen on the tune half: of the five contradictions joined by
#: context, the two over it were unrelated, the one real one 2.6 times apart).
CONTEXT_RATIO_MAX = 4.0


def _alike_in_size(a: Claim, b: Claim) -> bool:
    """Whether two values are within :data:`CONTEXT_RATIO_MAX` of each other.

    Measures in two units of one dimension are compared in its base unit ('200ft' is a tenth
    of 'about 600m'); values that are no numbers, or numbers in two other units, always are.
    """
    lo = [x.value_low for x in (a, b)]
    if a.kind not in NUMERIC_KINDS or any(pd.isna(v) or v <= 0 or math.isinf(v) for v in lo):
        return True
    if a.unit != b.unit:
        if dimension(a.unit) is None or dimension(a.unit) != dimension(b.unit):
            return True
        lo = [in_base_unit(x.value_low, x.value_low, x.unit)[0] for x in (a, b)]
    return max(lo) <= CONTEXT_RATIO_MAX * min(lo)


#: A word near more values than this in one bucket pairs none of them (a page that repeats
#: one paragraph a thousand times; no story of the gold comes near it).
CONTEXT_WORD_MAX = 300


def _context_scores(claims: list[Claim], ctx: _Contexts, idx: list[int]
                    ) -> dict[tuple[int, int], float]:
    """The context score of each joinable pair of values that share a word."""
    having: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        for w in ctx.words(i):
            having[w].append(i)
    scored: dict[tuple[int, int], float] = {}
    for members in having.values():
        if len(members) > CONTEXT_WORD_MAX:
            continue  # a word near that many values tells none of them apart (and pairing
            # them all would grow with the square of a story's values)
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                key = (i, j) if i < j else (j, i)
                if key not in scored and _joinable(claims[i], claims[j]):
                    scored[key] = ctx.score(i, j)
    return scored


#: What stands between two dates of a list ('in 2006, 2009 and 2013').
_DATE_LIST_GLUE = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*")
#: The least context two nested dates of facts that share no article must share to join.
NESTED_DATE_CONTEXT_MIN = 0.2


def _nested_date_join(claims: list[Claim], ctx: _Contexts, facts: _Facts) -> None:
    """Join two facts' dates when one date lies inside the other and their words agree a little.

    'on Dec. 12' / 'in December 2012' / 'in late 2012': one date told more or less precisely
    by two articles. Only dates with both bounds, of the same background flag, in facts that
    share no article, each other's best match by context between their two articles, with a
    context share of at least :data:`NESTED_DATE_CONTEXT_MIN`; the link is loose, so the two
    are compared for precision, never reported as contradicting.
    """
    idx = [i for i, c in enumerate(claims) if c.kind == "date" and c.fact != REPORT_DATE_FACT
           and c.start_date is not None and c.end_date is not None
           and _WRITTEN_DATE.search(c.value_text)]
    # a date inside another starts within it: only those pairs are looked at
    line = sorted(idx, key=lambda i: claims[i].start_date)
    starts = [claims[i].start_date for i in line]
    pairs = set()
    for i in line:
        c = claims[i]
        for j in line[bisect_left(starts, c.start_date):bisect_right(starts, c.end_date)]:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    scored: dict[tuple[int, int], float] = {}
    for i, j in sorted(pairs):
        a, b = claims[i], claims[j]
        if a.article_id == b.article_id or a.is_background != b.is_background \
                or not _nested(a, b):
            continue
        sc = ctx.score(i, j)
        if sc >= NESTED_DATE_CONTEXT_MIN:
            scored[(i, j)] = sc
    _join_apart(claims, facts, [p for p, _sc in _mutual_best(claims, scored, NESTED_DATE_CONTEXT_MIN)],
                "loose context")


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


#: How far apart two times of one day may be to be read as one time told differently (minutes).
CLOCK_NEAR_MINUTES = 60


def _clock_join(claims: list[Claim], facts: _Facts) -> None:
    """Join two facts' times of one day when they lie within :data:`CLOCK_NEAR_MINUTES`.

    '5:52 p.m.' / 'approximately 6pm EST', 'around 6am' / 'just after 06:00 GMT': one moment
    told more or less precisely by two articles. Only times of one day written in the same
    kind of clock (both UTC or neither), of the same background flag, each other's nearest
    between their two articles, in facts that share no article; the link is loose (precision,
    never a contradiction).
    """
    at = _clocks(claims)

    def gap(i: int, j: int) -> float | None:
        return abs(at[i][3] - at[j][3]) if at[i][:3] == at[j][:3] else None

    _join_apart(claims, facts, _mutual_nearest(claims, sorted(at), gap, CLOCK_NEAR_MINUTES,
                                           {i: float(at[i][3]) for i in at}), "loose context")


#: A time of day of an undated page ('around 10 a.m.' -> 'XXXX-XX-XXT10:00'): its day is
#: unknown, so it is compared only with other such times (the day key 'XXXX-XX-XX').
_DAYLESS_CLOCK = re.compile(r"^(XXXX-XX-XX)T(\d\d)(?::(\d\d))?(Z)?$")


def _clocks(claims: list[Claim]) -> dict[int, tuple]:
    """Each time of day: (day, is UTC, is background, minutes after midnight)."""
    at: dict[int, tuple] = {}
    for i, c in enumerate(claims):
        m = (CLOCK.match(str(c.value_norm)) or _DAYLESS_CLOCK.match(str(c.value_norm))
             ) if c.kind == "date" else None
        if m and c.fact != REPORT_DATE_FACT:
            at[i] = (m.group(1), bool(m.group(4)), c.is_background,
                     int(m.group(2)) * 60 + int(m.group(3) or 0))
    return at


#: How far apart (hours) the starts that two durations imply may be to be one elapsed time.
ELAPSED_HOURS = 36
#: The durations read as time elapsed since a happening: from half a day to two months (hours).
_ELAPSED_RANGE = (12.0, 24.0 * 60)


def _elapsed_join(claims: list[Claim], facts: _Facts) -> None:
    """Join durations that count the time since one start.

    'two days' on Tuesday, 'more than 85 hours' on Thursday, 'over 100 hours' on Friday: the
    boy has been in the well since Sunday. A duration given on a report day implies when what
    it measures began (the report day's noon less the duration); two articles' durations whose
    implied starts lie within :data:`ELAPSED_HOURS` of each other, each other's nearest, in
    facts that share no article, are one running figure (a loose link: updates and precision,
    never a contradiction).
    """
    began: dict[int, float] = {}
    for i, c in enumerate(claims):
        if c.kind != "quantity" or dimension(c.unit) != "duration" or c.as_of is None \
                or pd.isna(c.as_of) or c.is_background or pd.isna(c.value_low):
            continue
        hours = in_base_unit(c.value_low, c.value_low, c.unit)[0]
        if _ELAPSED_RANGE[0] <= hours <= _ELAPSED_RANGE[1]:
            noon = pd.Timestamp(c.as_of).normalize() + pd.Timedelta(hours=12)
            began[i] = noon.timestamp() / 3600 - hours
    _join_apart(claims, facts, _mutual_nearest(
        claims, sorted(began), lambda i, j: abs(began[i] - began[j]), ELAPSED_HOURS, began),
        "elapsed time")


#: How near two measures must be (relative to the larger) to be read as one figure.
NEAR_VALUE = 0.02
_NEAR_LOG = -math.log(1 - NEAR_VALUE) + 1e-12


def _near_value_join(claims: list[Claim], facts: _Facts) -> None:
    """Join two facts of measures when their values nearly agree.

    '140,660 pounds' and 'nearly 64 metric tons', '40 feet' and '39.9 ft', '$7 million' and
    '$7m': a measure (length, mass, duration, money in one currency ...) given almost alike by
    two articles of one story is one figure told in other words or units. Only values each other's nearest between their two articles, within
    :data:`NEAR_VALUE`, in facts that share no article; the link is loose (``near value``),
    so the two are compared for precision, never reported as contradicting.
    """
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        # money is compared in its own currency ('$7 million' / '$7m'), never converted
        measure = dimension(c.unit) or (c.unit if c.unit in CURRENCIES else None)
        if (c.kind == "quantity" and measure is not None and pd.notna(c.value_low)
                and not math.isinf(c.value_high)):
            buckets[(measure, c.is_background)].append(i)
    # a value up to a ceiling ('up to $50 million') is told by its ceiling
    mid = {i: in_base_unit(claims[i].value_low, claims[i].value_high, claims[i].unit)[1] if
           claims[i].value_low == 0 else sum(in_base_unit(
               claims[i].value_low, claims[i].value_high, claims[i].unit)) / 2
           for idx in buckets.values() for i in idx}

    def gap(i: int, j: int) -> float | None:
        a, b = claims[i], claims[j]
        top = max(mid[i], mid[j])
        if (a.head and b.head and a.head != b.head) or top <= 0:
            return None  # '230 feet tall' / '40 feet wide'
        g = abs(mid[i] - mid[j]) / top
        return g if g <= NEAR_VALUE else None

    # on a log line two values within NEAR_VALUE of the larger lie within -log(1 - NEAR_VALUE)
    line = {i: math.log(m) if m > 0 else -math.inf for i, m in mid.items()}
    for idx in buckets.values():
        idx = [i for i in idx if mid[i] > 0]
        _join_apart(claims, facts, _mutual_nearest(claims, idx, gap, _NEAR_LOG, line), "near value")


def _repeated_values(claims: list[Claim], facts: _Facts) -> None:
    """Put a value an article repeats in the fact its first telling joined.

    'over 100 hours' in the lead and again further down: when one mention of an article's
    value is in a fact of several articles and another mention, with the same value, kind,
    unit and counted head, is in a fact of that article alone, the lone one joins (a loose
    link, ``repeated``). Values that differ never join this way.
    """
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.kind in ("count", "quantity") and c.value_norm:
            groups[(c.article_id, c.kind, c.unit, c.head, c.value_norm, c.is_background)].append(i)
    for idx in groups.values():
        shared = {facts.find(i) for i in idx if len(facts.articles(i)) > 1}
        if len(idx) < 2 or len(shared) != 1:
            continue
        home = next(iter(shared))
        for i in idx:
            if len(facts.articles(i)) == 1:
                facts.union(i, home)
                _linked(claims, "repeated", i)


def _mutual_nearest(claims: list[Claim], idx: list[int], gap, limit: float,
                    key: dict[int, float]) -> list[tuple[int, int]]:
    """Pairs of two articles' values within ``limit``, each the other's nearest.

    ``gap(i, j)`` says how far apart two values are (None: never to be joined); ``key`` places
    each value on a line where two values within ``limit`` of each other lie within ``limit``
    too (or closer), so only neighbours on that line are compared: the work grows with the
    values, not their square. Pairs come in the order of ``idx``.
    """
    pos = {i: n for n, i in enumerate(idx)}
    line = sorted((key[i], pos[i], i) for i in idx)
    gaps: dict[tuple[int, int], float] = {}
    best: dict[tuple[int, str], float] = {}
    for x, (ki, _, i) in enumerate(line):
        for kj, _, j in line[x + 1:]:
            if kj - ki > limit:
                break
            if claims[i].article_id == claims[j].article_id:
                continue
            g = gap(i, j)
            if g is None or g > limit:
                continue
            pair = (i, j) if pos[i] < pos[j] else (j, i)
            gaps[pair] = g
            for p, q in ((i, j), (j, i)):
                k = (p, claims[q].article_id)
                best[k] = min(best.get(k, math.inf), g)
    return [(i, j) for (i, j), g in sorted(gaps.items(), key=lambda t: (pos[t[0][0]],
                                                                          pos[t[0][1]]))
            if g == best[(i, claims[j].article_id)] == best[(j, claims[i].article_id)]]


def _join_apart(claims: list[Claim], facts: _Facts, pairs: list[tuple[int, int]],
                how: str) -> None:
    """Join each pair's two facts, loosely, when no article gives a value of both."""
    for i, j in pairs:
        if facts.find(i) != facts.find(j) and not facts.share_article(i, j):
            facts.union(i, j)
            _linked(claims, how, i, j)


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
ANNOTATION_TABLES = ("sentences", "entities", "sources", "quotes", "timexes")


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


def published_dates(t: dict) -> dict[str, pd.Timestamp]:
    """Each article's publication day, where it is known to the day."""
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


def claim_records(story_id: str, members: list[str], part: dict, outlets: dict,
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
    published = published_dates(t)
    shared = t["stories"]["article_id"].duplicated().any()  # an article in two stories
    rows: list[dict] = []
    for sid, members in members_of.items():
        if shared:
            part = {n: t[n][t[n]["article_id"].isin(members)] for n in ANNOTATION_TABLES}
            part["alignments"] = t["alignments"][t["alignments"]["story_id"] == sid]
        else:
            part = {n: by_story.get(sid) for n, by_story in parts.items()}
        rows.extend(claim_records(sid, members, part, outlets, published))
    return rows
