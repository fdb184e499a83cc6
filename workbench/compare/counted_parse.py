"""A second reading of what a count counts, from the dependency parse, to confirm a contradiction.

:mod:`workbench.compare.claim_reading` reads what a number counts from the words around it, and
:mod:`workbench.compare.claims` joins counts into facts by key and context. Both can go wrong
the same way: a number read with the wrong noun, or two counts of different things joined into
one fact. Before two counts are reported as contradicting each other, the spaCy parse of their
sentences (only those, once per sentence) is read independently: the noun the number modifies
('at least 50 people': ``nummod``, with ``quantmod``/``compound`` chains for 'at least' and
'2.5 million'), or the noun of a partitive ('30 of the civilians'). A number with no noun of its
own counts the people an outcome told right after it or a verb of an outcome was done to
('527 injured', 'killing 30', '12 were arrested'); otherwise ('the toll rose to 6') it says
nothing here.

:func:`counts_apart` tells whether the parse clearly says that two counts of one fact count
different things: either names a noun that the fact's name does not count ('80 people' in a
fact of 'armed soldiers', 'two men' in one of 'female co workers'), or an outcome other than
the fact's ('three deaths' in a fact of people injured). Words for people that also tell what
happened to them ('deaths', 'lives', 'dead', 'wounded', 'bodies', 'arrests') count people; a
date or a time ('Friday', 'hours') is a slip of the parse and says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from workbench.compare.claim_reading import (
    COUNT_STOP,
    NOT_CONTEXT,
    OUTCOMES,
    PEOPLE_NOUNS,
    TIME_NOUNS,
    WORD,
)
from workbench.compare.mentions import singular

__all__ = ["Reading", "counts_apart", "reading_of"]

#: Nouns that count people and say what happened to them ('three deaths', '40 arrests').
_OUTCOME_NOUNS = {"death": "killed", "life": "killed", "dead": "killed", "fatality": "killed",
                  "body": "killed", "casualty": None, "wounded": "injured", "injured": "injured",
                  "injury": "injured", "arrest": "arrested", "victim": None}
#: Dependency labels that join a word of a number to the number ('at least', '2.5 million').
_NUMBER_PARTS = frozenset({"quantmod", "compound", "advmod", "nummod"})
#: Entity labels of a noun that is a slip of the parse ('32 Friday', '30 hours').
_NOT_COUNTED = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})
#: Sentences parsed per process (a run parses only those of candidate contradictions).
_CACHE = 4096


@dataclass(frozen=True)
class Reading:
    """What the parse says a number counts: the noun, whether it counts people, the outcome."""

    noun: str
    people: bool
    outcome: str | None = None


@lru_cache(maxsize=_CACHE)
def _parse(text: str):
    from workbench.annotate.nlp import get_nlp  # deferred: the model loads only when needed

    return get_nlp()(text)


def _number_token(doc, start: int, end: int):
    """The last number of the amount at [start, end), else its last word that can count.

    'at least 50' -> '50'; 'dozens of' -> 'dozens'; 'several' -> 'several'; None when the
    span holds no word.
    """
    toks = [t for t in doc if start <= t.idx < end]
    nums = [t for t in toks if t.like_num or t.pos_ == "NUM"]
    words = [t for t in toks if t.pos_ not in ("ADP", "DET", "PUNCT", "CCONJ")]
    return (nums or words or toks or [None])[-1]


def _counted_noun(tok):
    """The noun a number modifies ('50' in 'at least 50 people' -> 'people'), or None."""
    while tok.dep_ in _NUMBER_PARTS and tok.dep_ != "nummod" and (
            tok.head.like_num or tok.head.pos_ == "NUM") and tok.head is not tok:
        tok = tok.head  # 'at least 50', '2.5 million'
    head = tok.head
    if tok.dep_ in ("nummod", "amod", "det") and (head.pos_ in ("NOUN", "PROPN") or (
            head.pos_ == "ADJ" and head.lower_ in OUTCOMES)):  # 'about 50 hurt'
        return head
    partitive = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    objs = [g for p in partitive for g in p.children if g.dep_ == "pobj"]
    return objs[0] if objs and objs[0].pos_ in ("NOUN", "PROPN") else None


#: Verbs whose object (or passive subject) is the people a toll counts ('killing 30').
_OUTCOME_VERBS = {"kill": "killed", "wound": "injured", "injure": "injured", "hurt": "injured",
                  "arrest": "arrested", "detain": "arrested", "evacuate": "evacuated",
                  "rescue": "rescued"}


def _done_to(tok) -> Reading | None:
    """The reading of a number that is what an outcome verb was done to ('killing 30')."""
    while tok.dep_ in _NUMBER_PARTS and tok.head is not tok and (
            tok.head.like_num or tok.head.pos_ == "NUM"):
        tok = tok.head
    told = [c for c in tok.children if c.dep_ in ("acl", "amod") and c.lower_ in OUTCOMES]
    if told:  # '527 injured': what happened is told right after the number
        return Reading(told[0].lower_, True, OUTCOMES[told[0].lower_])
    verb = tok.head
    outcome = _OUTCOME_VERBS.get(verb.lemma_.casefold())
    # an object after its verb, a passive subject before it ('30 were killed'); a number
    # after the verb it is parsed the subject of is a slip ('59 were killed, and 527 were
    # injured')
    if outcome and verb.pos_ == "VERB" and (
            (tok.dep_ == "dobj" and tok.i > verb.i) or (tok.dep_ == "nsubjpass" and tok.i < verb.i)):
        return Reading(verb.lemma_.casefold(), True, outcome)
    return None


def reading_of(text: str, start: int, end: int) -> Reading | None:
    """What the number at [start, end) of a sentence counts, by the parse; None when unclear.

    Args:
        text: The sentence.
        start: Where the amount starts in it.
        end: Where the amount ends in it.
    """
    tok = _number_token(_parse(text), start, end)
    noun = _counted_noun(tok) if tok is not None else None
    if noun is None and tok is not None:
        return _done_to(tok)
    if noun is None or noun.ent_type_ in _NOT_COUNTED or noun.lower_ in COUNT_STOP:
        return None  # 'injured at least 6,000 more' names no noun
    word = singular(noun.text.rsplit("-", 1)[-1])  # 'co-workers' counts workers
    lemma = noun.lemma_.casefold()
    if word in TIME_NOUNS or lemma in TIME_NOUNS or NOT_CONTEXT.match(noun.lower_):
        return None  # 'rose to six Friday': the parse took a day for the counted noun
    for w in (word, lemma, noun.lower_):
        if w in _OUTCOME_NOUNS or w in OUTCOMES:  # 'three deaths', 'about 50 hurt'
            return Reading(w, True, _OUTCOME_NOUNS.get(w) or OUTCOMES.get(w))
    people = (noun.lower_ in PEOPLE_NOUNS or lemma in PEOPLE_NOUNS or f"{word}s" in PEOPLE_NOUNS
              or noun.ent_type_ in ("NORP", "PERSON"))
    if noun.pos_ == "PROPN" and not people:
        return None  # a name the parse took for the counted noun
    return Reading(word, people)


def _fact_words(fact: str) -> tuple[set[str], set[str], str | None]:
    """The singular words of a fact's name, its words for people, and its outcome."""
    words = [w.casefold() for w in WORD.findall(str(fact).replace("-", " "))]
    sing = {singular(w) for w in words} | set(words)
    people = {w for w in words if w in PEOPLE_NOUNS}
    outcome = next((OUTCOMES[w] for w in words if w in OUTCOMES), None)
    return sing, people, outcome


def _against_fact(r: Reading, fact: str) -> bool:
    """Whether a reading clearly counts something other than the fact names."""
    sing, people, outcome = _fact_words(fact)
    if r.outcome and outcome and r.outcome != outcome:
        return True  # 'three deaths' in a fact of people injured
    if r.noun in sing or f"{r.noun}s" in sing:
        return False
    if r.people:
        if r.noun in _OUTCOME_NOUNS or r.noun in OUTCOMES or r.noun in _OUTCOME_VERBS:
            return not (people or outcome)  # 'three deaths' counts the people of any toll
        # people with something done to them, or people at large; a fact of named people
        # ('armed soldiers') counts neither '80 people' nor 'two men'
        return not (outcome or "people" in people)
    return True


def _claim_reading(c, sents: dict) -> Reading | None:
    got = sents.get((c.article_id, int(c.sentence_id)))
    if got is None or pd.isna(c.start_char):
        return None
    text, offset = got
    return reading_of(text, int(c.start_char) - offset, int(c.end_char) - offset)


def counts_apart(a, b, sents: dict) -> bool:
    """Whether the parse clearly says two counts of one fact count different things.

    Args:
        a: A claim row of a count (``article_id``, ``sentence_id``, ``start_char``,
            ``end_char``, ``fact``).
        b: Another claim row of the same fact.
        sents: ``(article_id, sentence_id) -> (sentence text, start offset)``.

    Only counts of things are read (not amounts with a unit); where either parse is unclear
    the two are taken to count one thing.
    """
    if a.kind != "count" or b.kind != "count" or isinstance(a.unit, str) or isinstance(
            b.unit, str):
        return False
    return any(r is not None and _against_fact(r, str(a.fact))
               for r in (_claim_reading(a, sents), _claim_reading(b, sents)))
