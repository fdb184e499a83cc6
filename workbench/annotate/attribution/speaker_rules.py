"""The rules that drop cues and correct speakers after the quotes are linked: :data:`SPEAKER_RULES`.

Each rule is a pure function ``(doc, attributions) -> attributions``: it returns a new list, with
new :class:`~workbench.annotate.attribution.syntax.Attribution` values where it changes one
(``dataclasses.replace``), and never changes its input.
:func:`~workbench.annotate.attribution.linking.find_attributions` runs the table in order;
:func:`score_cues` (the learned cue scorer) is skipped when it is called with ``use_model=False``.
The helpers the linking pass uses (:func:`_merge_quote`, :func:`_follows_cue_sentence`,
:func:`_is_modifier_quote`) live here too.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from workbench.annotate.attribution.learned import apply_cue_model
from workbench.annotate.attribution.quote_marks import doc_quotes
from workbench.annotate.attribution.syntax import (
    _EMBEDDED_DEPS,
    _NOMINAL,
    _OBJECT_NOT_CONTENT,
    Attribution,
    _is_cue_verb,
    _is_passive,
    _lemma,
    _span_of,
    _trim,
    doc_text,
    sent_bounds,
)
from workbench.annotate.lexicons import RECIPIENT_VERBS, SPEECH_VERBS

#: Cue verbs of impression ('Clinton seems to ...', 'Republicans appear to ...'): the impression
#: is the writer's, and the subject is what it is about, not a source.
_IMPRESSION_CUES = frozenset({"seem", "appear"})

#: Subjects that cannot pass on a source to a cue verb they are not the subject of ('it is hard
#: to know ...', 'this forced him to ...', 'It was there that X ..., pointing to ...').
_NON_SOURCE_CONTROLLERS = frozenset({"it", "this", "that"})


def take_inverted_speakers(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Give a speaker to '"...," added another Democrat' parsed with the speaker as object.

    A verb of saying right after its content and a punctuation mark, without a subject, with a
    noun phrase as object: the subject inverted after the verb (the parse reads an object).
    """
    return [_inverted_speaker(doc, a) for a in attrs]


def _inverted_speaker(doc, a: Attribution) -> Attribution:
    if a.verb is None or a.speaker_start is not None or a.cue_start is None \
            or a.content_end > a.cue_start or a.kind != "clause":
        return a
    verb = doc[a.verb]
    lemma = _lemma(verb)
    if verb.pos_ != "VERB" or lemma not in SPEECH_VERBS or lemma in RECIPIENT_VERBS \
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "conj") for c in verb.children):
        return a
    if verb.i == 0 or not doc[verb.i - 1].is_punct or verb.dep_ not in ("ROOT", "parataxis") \
            or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return a  # inversion follows the quote or its comma: '...," added X'
    obj = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr")), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or obj.i > verb.i + 6 \
            or obj.ent_type_ in {"DATE", "TIME"}:
        return a
    start, end = _trim(doc_text(doc), *_span_of(obj))
    if end <= start:
        return a
    return replace(a, speaker_start=start, speaker_end=end, speaker_head=obj.i)


#: Verbs whose object does the act of their to-infinitive ('prompted X to ask', 'led X to say');
#: purpose infinitives ('used the speech to call for') keep the subject.
_OBJECT_CONTROL_VERBS = frozenset(
    "prompt lead force push encourage allow require cause compel pressure pressure spur drive "
    "inspire persuade convince invite enable permit oblige obligate move provoke".split())


def credit_object_controllers(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Give a cue in an object-control infinitive the object as source, not the subject.

    'That prompted Rubio to call Trump ...', 'the remark led some to speculate ...': the object
    of the governing verb is who does the cue's act (the subject the parse passes on is the
    cause). Not when the governing verb is a cue itself ('urged them to reject'): PolNeAR marks
    that one, and the nested cue keeps sharing its source. Run after the cue scorer, whose
    features see the parse's subject.
    """
    cue_verbs = {a.verb for a in attrs if a.verb is not None and a.cue_start is not None}
    return [_object_controller(doc, a, cue_verbs) for a in attrs]


def _object_controller(doc, a: Attribution, cue_verbs: set[int]) -> Attribution:
    if a.verb is None or a.speaker_head is None or a.quote_index is not None:
        return a
    verb = doc[a.verb]
    if verb.dep_ != "xcomp" or verb.head.i in cue_verbs or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return a
    gov = verb.head
    if _lemma(gov) not in _OBJECT_CONTROL_VERBS or a.speaker_head == gov.i \
            or doc[a.speaker_head].head.i != gov.i:
        return a
    obj = next((c for c in gov.children if c.dep_ == "dobj" and gov.i < c.i < verb.i
                and c.pos_ in _NOMINAL), None)
    if obj is None or obj.idx in (a.cue_start, a.content_start):
        return a
    start, end = _trim(doc_text(doc), *_span_of(obj))
    if end <= start or start < a.content_end and a.content_start < end:
        return a
    return replace(a, speaker_start=start, speaker_end=end, speaker_head=obj.i)


#: Verbs of feeling whose object (active) or passive subject feels it: 'the remark worried some
#: analysts', 'advocates were outraged by the raids'. The feeler is the source (PolNeAR), the
#: grammatical subject of the active verb is what is felt about.
_EXPERIENCER_VERBS = frozenset(
    "worry trouble alarm anger upset unsettle rattle disturb bother frustrate annoy irritate "
    "infuriate outrage anger dismay disappoint please delight surprise shock scare frighten "
    "impress offend enrage alienate appal appall horrify baffle puzzle confuse embarrass "
    "excite thrill".split())


def swap_experiencers(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Swap source and content of a cue of feeling read the wrong way round.

    'The remark worried some analysts', 'advocates were outraged by the raids': the parse gives
    the remark (the raids) as source and the analysts (advocates) as content; the feeler is the
    source and what they feel about the content.
    """
    return [_experiencer(doc, a) for a in attrs]


def _experiencer(doc, a: Attribution) -> Attribution:
    if a.verb is None or a.quote_index is not None or a.speaker_head is None:
        return a
    verb = doc[a.verb]
    if verb.pos_ != "VERB" or _lemma(verb) not in _EXPERIENCER_VERBS \
            or any(c.dep_ == "prt" for c in verb.children):  # 'rattled off'
        return a
    dep = "nsubjpass" if _is_passive(verb) else "dobj"
    feeler = next((c for c in verb.children if c.dep_ == dep and c.pos_ in _NOMINAL), None)
    if feeler is None or feeler.i == a.speaker_head:
        return a
    text = doc_text(doc)
    start, end = _trim(text, *_span_of(feeler))
    if (start, end) != _trim(text, a.content_start, a.content_end):
        return a
    return replace(a, content_start=a.speaker_start, content_end=a.speaker_end,
                   speaker_start=start, speaker_end=end, speaker_head=feeler.i)


#: Stances one receives from someone ('won the endorsement of X', 'drew criticism from X'): the
#: giver is the source, the receiver (the verb's subject) what the stance is about.
_GIVEN_STANCES = frozenset("endorsement backing support blessing approval".split())
_GIVEN_FROM = _GIVEN_STANCES | frozenset(
    "criticism praise condemnation rebuke fire backlash scrutiny question complaint attack".split())
_RECEIVE_VERBS = frozenset(
    "win earn get receive have secure gain land pick snag draw attract garner collect face".split())


def swap_received_stances(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Swap source and content of a stance received ('She won the backing of two mayors').

    The cue is the stance noun or the receiving verb; the parse makes the receiver its source
    and the giver (the noun's 'of'/'from' object) its content. PolNeAR has it the other way.
    """
    return [_received_stance(doc, a) for a in attrs]


def _received_stance(doc, a: Attribution) -> Attribution:
    if a.verb is None or a.quote_index is not None or a.speaker_head is None:
        return a
    tok = doc[a.verb]
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and _lemma(tok.head) in _RECEIVE_VERBS:
        noun = tok
    elif tok.pos_ in {"VERB", "AUX"} and _lemma(tok) in _RECEIVE_VERBS:
        noun = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    else:
        return a
    if noun is None or noun.lemma_.lower() not in _GIVEN_FROM or any(c.dep_ == "poss" for c in noun.children):
        return a
    giver = _giver(noun)
    if giver is None:
        return a
    start, end = _trim(doc_text(doc), *_span_of(giver))
    if end <= start or start < a.cue_end and a.cue_start < end:
        return a
    return replace(a, content_start=a.speaker_start, content_end=a.speaker_end,
                   speaker_start=start, speaker_end=end, speaker_head=giver.i)


def _giver(noun):
    """Return the giver of received stance ``noun``: its 'from' object ('of' for an endorsement)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.i > noun.i and (prep.lower_ == "from" or prep.lower_ == "of"
                                                        and noun.lemma_.lower() in _GIVEN_STANCES):
            return next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ in _NOMINAL), None)
    return None


def _reports_through(verb) -> bool:
    """Return True when impression verb ``verb`` governs a to-infinitive of saying or thinking.

    'Rubio seemed to offer a caveat', 'he appeared to suggest that ...': the subject is the
    source of the embedded cue (PolNeAR marks it), unlike 'Clinton seems to be ahead'.
    """
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > verb.i and child.pos_ == "VERB" and _is_cue_verb(child) \
                and _lemma(child) not in _OBJECT_NOT_CONTENT \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return True
    return False


def _passive_clause(verb) -> bool:
    """Return True for a passive cue verb, finite or a reduced participle ('Asked about it, ...').

    A subject it inherits ('asked about it, she said', 'is retiring but is expected to') is its
    patient, not a source; the tagger often reads a fronted 'Asked' as a past tense.
    """
    if _is_passive(verb):
        return True
    if verb.dep_ != "advcl" or any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return False
    return verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.i < verb.head.i


def drop_unstated_sources(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Clear the speaker of a cue whose source the text does not state (PolNeAR marks none).

    A cue of impression (:data:`_IMPRESSION_CUES`) unless it governs a cue verb ('seemed to
    suggest'); a speaker inherited from another verb (coordination, control, participle) that
    is an expletive or demonstrative pronoun (:data:`_NON_SOURCE_CONTROLLERS`), or that a
    passive cue inherits (:func:`_passive_clause`; its own 'by' agent stays). Run after the cue
    scorer, whose features see the subject.
    """
    return [replace(a, speaker_start=None, speaker_end=None, speaker_head=None)
            if _has_unstated_source(doc, a) else a for a in attrs]


def _has_unstated_source(doc, a: Attribution) -> bool:
    if a.verb is None or a.speaker_start is None or a.quote_index is not None:
        return False
    verb = doc[a.verb]
    head = doc[a.speaker_head] if a.speaker_head is not None else None
    inherited = head is not None and not verb.left_edge.i <= head.i <= verb.right_edge.i
    return bool(_lemma(verb) in _IMPRESSION_CUES and not _reports_through(verb)
                or head is not None and head.head.i != verb.i and head.lower_ in _NON_SOURCE_CONTROLLERS
                or inherited and _passive_clause(verb))


def trim_cued_modifiers(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Cut a speaker span before a relative or participle clause that is an attribution itself.

    'Clinton, who once praised the deal, said ...': the clause is its own attribution (source
    'who'), so the speaker of 'said' is 'Clinton'. Appositions and other modifiers stay.
    """
    cue_verbs = {a.verb for a in attrs if a.verb is not None and a.cue_start is not None}
    return [_trimmed_speaker(doc, a, cue_verbs) for a in attrs]


def _trimmed_speaker(doc, a: Attribution, cue_verbs: set[int]) -> Attribution:
    if a.speaker_head is None or a.speaker_start is None:
        return a
    head = doc[a.speaker_head]
    child = next((c for c in head.children if c.i > head.i and c.dep_ in ("relcl", "acl")
                  and c.i in cue_verbs and c.i != a.verb), None)
    if child is None:
        return a
    cut = child.left_edge.idx
    if not a.speaker_start < cut < a.speaker_end:
        return a
    start, end = _trim(doc_text(doc), a.speaker_start, cut, " \t\r\n,;:—–-(")
    if end <= start:
        return a
    return replace(a, speaker_start=start, speaker_end=end)


def drop_framed(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Drop cues inside the content of a frame ('X said Y, according to Z': Z's attribution)."""
    frames = [a for a in attrs if a.is_frame]
    if not frames:
        return list(attrs)
    cued = sorted((a.cue_start, k) for k, a in enumerate(attrs)
                  if a.cue_start is not None and not a.is_frame)
    starts = [c for c, _ in cued]
    drop: set[int] = set()
    for f in frames:
        lo = bisect.bisect_left(starts, f.content_start)
        hi = bisect.bisect_left(starts, f.content_end)
        drop.update(k for _, k in cued[lo:hi])
    return [a for k, a in enumerate(attrs) if k not in drop]


def _follows_cue_sentence(doc, attr: Attribution, qs: int) -> bool:
    """Return True when quote start ``qs`` directly follows the sentence of ``attr``'s cue.

    Only in the same paragraph, and only when that attribution already carries a direct quote.
    """
    if attr.verb is None or attr.quote_index is None or attr.cue_start is None or attr.cue_start >= qs:
        return False
    end = sent_bounds(doc, attr.verb)[1]
    if end >= len(doc) or doc[end - 1].idx >= qs:
        return False
    gap = doc_text(doc)[doc[end - 1].idx : qs]
    return "\n" not in gap and len(gap) <= 4


def drop_nested_cognition(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Drop thinking/wanting cues that sit inside another attribution's content.

    'She said she believed ...' is one attribution of what she said, not two (PolNeAR marks
    the outer one only); nested verbs of saying are kept unless they hang in a complement or
    relative clause (:data:`_EMBEDDED_DEPS`: 'said it found no evidence').
    """
    spans = sorted({(a.content_start, a.content_end) for a in attrs if a.cue_start is not None})
    starts = [x[0] for x in spans]
    keep = []
    for a in attrs:
        if a.verb is not None and a.quote_index is None and a.cue_start is not None and (
            _lemma(doc[a.verb]) not in SPEECH_VERBS or doc[a.verb].dep_ in _EMBEDDED_DEPS
        ):
            own = (a.content_start, a.content_end)
            hi = bisect.bisect_right(starts, a.cue_start)
            # Contents are short relative to articles: a few predecessors suffice.
            if any(spans[k][0] <= a.cue_start < spans[k][1] and spans[k] != own
                   for k in range(max(0, hi - 8), hi)):
                continue
        keep.append(a)
    return keep


def _merge_quote(attr: Attribution, qs: int, qe: int, qi: int) -> None:
    """Tie direct quote [qs, qe) to an existing cue's attribution."""
    if attr.quote_index is not None:
        # A second quote on the same cue ('"A," he said, "B."'): widen the content to both.
        attr.content_start = min(attr.content_start, qs)
        attr.content_end = max(attr.content_end, qe)
        return
    cs, ce = attr.content_start, attr.content_end
    inter = max(0, min(ce, qe) - max(cs, qs))
    attr.quote_index = qi
    if inter == 0 or qs <= cs and qe >= ce:
        attr.content_start, attr.content_end = qs, qe
        attr.quote_type = "direct"
    else:
        # The quote is (part of) the reported content: keep both ('called Cruz "a hypocrite"').
        attr.content_start, attr.content_end = min(cs, qs), max(ce, qe)
        attr.quote_type = "direct" if inter >= 0.8 * (ce - cs) else "mixed"


def _is_modifier_quote(doc, qs: int, qe: int) -> bool:
    """Return True for a quoted modifier ('"2 plus 2" talks'): a name or scare quote."""
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    words = [t for t in span if not t.is_punct]
    if len(words) <= 3 and span.end < len(doc) and doc[span.end].pos_ in {"NOUN", "PROPN"} \
            and not any(t.pos_ in {"VERB", "AUX"} for t in words):
        return True
    outer = {(t.dep_, t.head.i) for t in span
             if not t.is_punct and not span.start <= t.head.i < span.end}
    if len(outer) != 1:
        return False
    dep, head_i = next(iter(outer))
    return dep in {"compound", "amod", "nmod", "nummod"} and doc[head_i].pos_ in {"NOUN", "PROPN"}


def mark_mixed(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Mark an indirect attribution without a direct quote mixed when its content holds a quoted fragment.

    'She called the plan "a disaster for working families"': a quoted fragment of three tokens
    or more that is not a name or scare quote (:func:`_is_modifier_quote`).
    """
    quotes = doc_quotes(doc)[0]
    quote_starts = [q[0] for q in quotes]
    return [replace(a, quote_type="mixed")
            if a.quote_type == "indirect" and a.quote_index is None
            and _holds_quoted_fragment(a, doc, quotes, quote_starts) else a
            for a in attrs]


def _holds_quoted_fragment(attr: Attribution, doc, quotes, quote_starts) -> bool:
    k = bisect.bisect_left(quote_starts, attr.content_start)
    while k < len(quotes) and quotes[k][0] < attr.content_end:
        qs, qe, _ = quotes[k]
        k += 1
        if qe > attr.content_end + 1:
            break
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or len(span) < 3 or _is_modifier_quote(doc, qs, qe):
            continue
        return True
    return False


def score_cues(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Keep, drop and add cues by the learned scorer (:func:`apply_cue_model`).

    Cues the scorer adds inside a frame's content belong to the frame (:func:`drop_framed`).
    """
    return drop_framed(doc, apply_cue_model(doc, attrs, doc_quotes(doc)[1]))


def sort_by_content(doc, attrs: list[Attribution]) -> list[Attribution]:
    """Put the attributions in text order of their content (then of their cue)."""
    return sorted(attrs, key=lambda a: (a.content_start, a.cue_start or 0))


#: The rules after linking, run in this order by
#: :func:`~workbench.annotate.attribution.linking.find_attributions`; each is
#: ``(doc, attributions) -> attributions`` and leaves its input as it was. :func:`score_cues`
#: runs only with ``use_model=True``, before the speaker corrections, so that its features see
#: the subjects of the parse.
SPEAKER_RULES = (
    drop_framed,
    drop_nested_cognition,
    score_cues,
    trim_cued_modifiers,
    take_inverted_speakers,
    credit_object_controllers,
    swap_experiencers,
    swap_received_stances,
    drop_unstated_sources,
    mark_mixed,
    sort_by_content,
)
