"""Quotations: direct quotes in any quote style, indirect and mixed reported speech, with spans.

Three passes over one parsed spaCy ``Doc``:

1. :func:`find_quote_spans` scans the text once (linear, no regex) for quoted passages: straight,
   curly, low-9, guillemet and single quotes; a quote left open at a paragraph end continues when
   the next paragraph re-opens it (the newswire multi-paragraph convention) and is otherwise
   closed there (unbalanced marks are tolerated, never fatal).
2. :func:`find_attributions` walks the dependency parse: every reporting verb (lexicon) with a
   clausal complement, a direct quote, or (verbs of saying) an object is a cue; its subject (or
   the subject it inherits through ``conj``/``advcl``/``xcomp``, or the ``by`` agent) is the
   speaker span; ``according to X`` and ``In a poll, ...`` are frames with X (the poll) as
   speaker, and cues inside a frame's content are dropped. Verbs whose to-infinitive or
   prepositional object is the content (``declined to comment``, ``is expected to win``,
   ``referred to``, ``sees him as``) are cues too, passives without a stated source; so are noun
   cues with a possessive source (``his claim that``). Direct quotes are then tied to the
   nearest cue outside them (``"...," he said``, ``said: "..."``), or to the verb that governs
   them, and merged with the indirect reading of the same cue (``mixed`` when the quote covers only
   part of the reported content).
3. :func:`apply_cue_model` scores the rules' cues and a list of candidate words with the
   learned cue scorer (:mod:`workbench.annotate.cue_model`): rule cues it rejects are dropped,
   and stance, feeling and cognition predicates the rules miss ('were critical of', 'wants a
   change', 'is confident that') become attributions of a position (not cited sources).

The result is a list of :class:`Attribution` records with character offsets into ``doc.text``;
``workbench.annotate.sources`` turns them into the ``quotes`` and ``sources`` tables.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from workbench.annotate.cue_model import cue_features, cue_probability, load_cue_model
from workbench.annotate.lexicons import (
    COGNITION_VERBS,
    DOCUMENT_NOUNS,
    NOUN_CUES,
    POLL_NOUNS,
    PREP_CUE_VERBS,
    RECIPIENT_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    XCOMP_CUE_VERBS,
)

__all__ = [
    "Attribution",
    "apply_cue_model",
    "cue_candidates",
    "doc_ents",
    "doc_text",
    "find_attributions",
    "find_quote_spans",
    "quote_chars",
    "sent_bounds",
]

_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", "‹": "›", '"': '"', "「": "」", "『": "』", "”": "”"}
_SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘"}
#: Closers also accepted for an opener (typewriter and typographic marks get mixed up in scraping).
_ALT_CLOSE = {"“": {'"'}, '"': {"”"}, "„": {"”", '"'}, "«": {'"'}}
#: A quote still open after this many characters is closed at the next paragraph end.
MAX_QUOTE_CHARS = 6000
#: Quotes shorter than this (words) with no cue are scare quotes or titles, not quotations.
MIN_UNCUED_WORDS = 5
#: How far (tokens) from a quote a cue may stand.
CUE_WINDOW = 30

#: Dependents of a cue in a relative, complement or control clause: nested in another
#: attribution's content, such a cue is part of what is reported (PolNeAR marks the outer one).
_EMBEDDED_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "acl", "relcl"})
#: Verbs of saying whose object is rarely what was said ('found a solution', 'added jobs',
#: 'maintained a lead', 'spoke English') and whose clause is rarely reported ('spoke').
_OBJECT_NOT_CONTENT = frozenset("find add maintain speak talk threaten project advise".split())
_CLAUSE_NOT_CONTENT = frozenset("speak talk".split())
_OBJECT_COMPLEMENT_PREPS = frozenset({"of", "for", "as", "over", "at"})
_CONTENT_PREPS = frozenset({"about", "of", "for", "on", "against"})
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


@dataclass
class Attribution:
    """One attribution: cue, speaker and content spans (char offsets, half-open)."""

    cue_start: int | None
    cue_end: int | None
    content_start: int
    content_end: int
    quote_type: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: int | None = None  #: token index of the speaker's head
    verb: int | None = None  #: token index of the cue's main word
    recipient: str | None = None  #: 'Reuters' in 'told Reuters'
    document: tuple[int, int, int] | None = None  #: (start, end, head) of 'in a document' phrase
    inside_quote: int | None = None  #: index of the direct quote the speaker stands in
    quote_index: int | None = None  #: index of the direct quote this attribution carries
    extra: dict = field(default_factory=dict)


def find_quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Return the quoted passages of ``text`` as ``(start, end, closed)``.

    ``start`` is the offset of the opening mark, ``end`` the offset after the closing mark (or the
    paragraph end when the quote is never closed, with ``closed=False``). Linear in ``len(text)``.
    """
    spans: list[tuple[int, int, bool]] = []
    n = len(text)
    i = 0
    open_at = -1
    closers: set[str] = set()
    single = False
    while i < n:
        c = text[i]
        if open_at < 0:
            if c in _DOUBLE_OPEN and _can_open(text, i):
                open_at, single = i, False
                closers = {_DOUBLE_OPEN[c], *_ALT_CLOSE.get(c, ())}
            elif c in _SINGLE_OPEN and _can_open(text, i) and (i == 0 or not text[i - 1].isalnum()):
                open_at, single = i, True
                closers = {_SINGLE_OPEN[c], "’"}
            i += 1
            continue
        if c in closers and (not single or _single_closes(text, i)):
            if _has_word(text, open_at + 1, i):
                spans.append((open_at, i + 1, True))
            open_at = -1
        elif c == "\n" or i - open_at > MAX_QUOTE_CHARS:
            j = i
            while j < n and text[j].isspace():
                j += 1
            reopened = j < n and j > i and text[j] in (_SINGLE_OPEN if single else _DOUBLE_OPEN)
            if c == "\n" and reopened and i - open_at <= MAX_QUOTE_CHARS and not single:
                i = j + 1
                continue
            end = i
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            if not single and _has_word(text, open_at + 1, end):
                spans.append((open_at, end, False))
            open_at = -1
            i = j if c == "\n" else i + 1
            continue
        i += 1
    if open_at >= 0 and not single:
        end = n
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        if _has_word(text, open_at + 1, end):
            spans.append((open_at, end, False))
    return spans


def doc_text(doc) -> str:
    """Return ``doc.text``, cached on the Doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get("_wb_text")
    if text is None:
        text = doc.user_data["_wb_text"] = doc.text
    return text


def doc_ents(doc) -> tuple:
    """Return ``doc.ents``, cached on the Doc (spaCy rebuilds the spans on every access)."""
    ents = doc.user_data.get("_wb_ents")
    if ents is None:
        ents = doc.user_data["_wb_ents"] = tuple(doc.ents)
    return ents


def sent_bounds(doc, i: int) -> tuple[int, int]:
    """Return (start, end) token indices of the sentence of token ``i`` (cached, O(log n))."""
    starts = doc.user_data.get("_wb_sent_starts")
    if starts is None:
        starts = doc.user_data["_wb_sent_starts"] = [s.start for s in doc.sents] or [0]
    k = bisect.bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return starts[max(k, 0)], end


def _has_word(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] holds a letter or digit (early exit, so linear overall)."""
    for k in range(start, end):
        if text[k].isalnum():
            return True
    return False


def _can_open(text: str, i: int) -> bool:
    return i + 1 < len(text) and not text[i + 1].isspace()


def _single_closes(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum() and i > 0 and not text[i - 1].isspace()


def _lemma(tok) -> str:
    """Return the lower-case lemma, mending a frequent lemmatizer slip ('hoped' -> 'hop')."""
    lemma = tok.lemma_.lower()
    if lemma == "hop" and tok.lower_.startswith("hope"):
        return "hope"
    return lemma


def _is_cue_verb(tok) -> bool:
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = _lemma(tok)
    return lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or lemma in STANCE_VERBS


def _is_extended_cue(tok) -> bool:
    """Return True for a verb that is a cue only through its complement (xcomp or preposition)."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = _lemma(tok)
    return lemma in XCOMP_CUE_VERBS or lemma in PREP_CUE_VERBS


def _is_passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _span_of(tok) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def _trim(text: str, start: int, end: int, chars: str = " \t\r\n,;:.—–-") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _outside_content(text: str, s_start: int, s_end: int, c_start: int, c_end: int) -> tuple[int, int]:
    """Clip a speaker span that runs into the content span (a bad parse) to the part outside it."""
    if s_start < c_end and c_start < s_end:
        if s_start < c_start:
            s_end = min(s_end, c_start)
        else:
            s_start = max(s_start, c_end)
        s_start, s_end = _trim(text, s_start, s_end)
    return s_start, s_end


def _subject(tok):
    """Return the subject token of verb ``tok``, inherited through coordination and control."""
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - tok.i))
        for child in tok.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in _NOMINAL:
            return tok.head  # 'voters saying ...'
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"VERB", "AUX"}:
            tok = tok.head.head  # 'after saying ...', 'by saying ...'
            continue
        if tok.dep_ in ("conj", "xcomp", "acomp") or (tok.dep_ == "advcl" and (
            tok.tag_ in ("VBG", "VBN") or tok.tag_ == "VBD" and tok.i < tok.head.i
            or tok.tag_ == "VB" and tok.i > tok.head.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        )):  # 'Asked what ..., she said' (participle mistagged as past tense); 'went on TV to say'
            if tok.head.i == tok.i:
                return None
            tok = tok.head
            continue
        return None
    return None


def _source_span(doc, head) -> tuple[int, int]:
    """Return the speaker span of ``head``: its subtree, kept to a sane size."""
    left, right = head.left_edge.i, head.right_edge.i
    if right - left > 40:
        left = max(left, head.i - 12)
        right = min(right, head.i + 12)
        # Do not run into a clause: stop at the first verb on either side.
        for k in range(head.i + 1, right + 1):
            if doc[k].pos_ == "VERB":
                right = k - 1
                break
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    text = doc_text(doc)
    start = max(start, text.rfind("\n", 0, head.idx) + 1)
    para_end = text.find("\n", head.idx)
    if 0 <= para_end < end:
        end = para_end
    return _trim(text, start, end, " \t\r\n,;:—–-\"“”")


def _content_child(tok):
    """Return (content token, kind) for cue verb ``tok``: clause, object, control or prep."""
    lemma = _lemma(tok)
    speech = lemma in SPEECH_VERBS
    stance = not speech and lemma in STANCE_VERBS
    cue_preps = PREP_CUE_VERBS.get(lemma, ())
    clause = obj = xcomp = prep = other = None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in cue_preps and child.i > tok.i:
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                prep = prep if prep is not None and prep.lower_ in cue_preps else child
        if child.dep_ in ("ccomp", "parataxis") and clause is None:
            clause = child
        elif child.dep_ == "dobj" and obj is None:
            obj = child
        elif child.dep_ == "xcomp" and xcomp is None:
            xcomp = child
        elif child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and prep is None:
            prep = child
        elif child.dep_ in ("advcl", "dep", "attr", "oprd", "csubj") and child.i > tok.i and other is None:
            other = child
    if clause is not None and not stance and (speech or lemma in COGNITION_VERBS) \
            and lemma not in _CLAUSE_NOT_CONTENT:
        return clause, "clause"
    if xcomp is not None and lemma in XCOMP_CUE_VERBS and xcomp.pos_ in {"VERB", "AUX"} \
            and xcomp.i > tok.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return xcomp, "xcomp"
    if (speech or stance) and obj is not None and lemma not in _OBJECT_NOT_CONTENT:
        addressee = obj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or obj.pos_ in {"PRON", "PROPN"}
        if not (lemma in RECIPIENT_VERBS and addressee):
            return obj, "stance" if stance else "object"
    if prep is not None and prep.lower_ in cue_preps:
        for grand in prep.children:
            if grand.dep_ in ("pobj", "pcomp"):
                return grand, "prep"
    if (speech or stance) and prep is not None and lemma not in {"say", "tell"}:
        for grand in prep.children:
            if grand.dep_ in ("pobj", "pcomp"):
                return grand, "stance" if stance else "prep"
    if speech and other is not None and other.pos_ in {"VERB", "AUX"}:
        return other, "clause"
    return None, None


_CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def _cue_span(tok, content=None) -> tuple[int, int]:
    """Return the cue span of verb ``tok``.

    The span takes the auxiliaries, negation and adverbs right before the verb ('has also
    said', 'did not deny'), its particle, and the preposition that introduces a prepositional
    content ('pointed to', 'called for').
    """
    doc = tok.doc
    start, end = tok.idx, tok.idx + len(tok)
    k = tok.i - 1
    while k >= 0 and doc[k].head.i == tok.i and doc[k].dep_ in _CUE_LEFT_DEPS \
            and (doc[k].dep_ != "advmod" or doc[k].pos_ in {"ADV", "PART"} and doc[k].tag_ != "WRB"):
        k -= 1
    if k + 1 < tok.i:
        start = doc[k + 1].idx
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = max(end, child.idx + len(child))
    if content is not None and content.head.dep_ == "prep" and content.head.head.i == tok.i \
            and content.head.i <= tok.i + 2:
        end = max(end, content.head.idx + len(content.head))
    return start, end


def _recipient(tok) -> str | None:
    if tok.lemma_.lower() != "tell":
        return None
    for child in tok.children:
        if child.dep_ in ("dobj", "dative") and (child.ent_type_ or child.pos_ in {"PROPN", "PRON"}):
            return child.doc[child.left_edge.i : child.right_edge.i + 1].text
    return None


def _document_phrase(tok):
    """Return (start, end, head) of an 'in a <document> ...' phrase attached to cue ``tok``."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "through", "via"}:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.lemma_.lower() in DOCUMENT_NOUNS:
                    start, end = _span_of(grand)
                    start, end = _trim(doc_text(tok.doc), start, end)
                    return start, end, grand.i
    return None


def _verb_attributions(doc, quote_of_char) -> list[Attribution]:
    text = doc_text(doc)
    out: list[Attribution] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            attr = _according_to(doc, tok)
            if attr is not None:
                out.append(attr)
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep" and tok.i < tok.head.i:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in POLL_NOUNS and tok.idx not in quote_of_char:
                attr = _frame(doc, tok, pobj, tok.idx + len(tok))
                if attr is not None:
                    out.append(attr)
            continue
        if tok.lower_ == "reportedly" and tok.dep_ == "advmod" and tok.idx not in quote_of_char:
            attr = _reportedly(doc, tok)
            if attr is not None:
                out.append(attr)
            continue
        if tok.pos_ == "NOUN":
            if tok.lemma_.lower() in NOUN_CUES and tok.idx not in quote_of_char:
                attr = _noun_attribution(doc, tok)
                if attr is not None:
                    out.append(attr)
            continue
        if not (_is_cue_verb(tok) or _is_extended_cue(tok)):
            continue
        if tok.idx in quote_of_char:
            # Reported speech inside a quotation belongs to the quote (PolNeAR does not mark it).
            continue
        content, kind = _content_child(tok)
        if content is None and not _is_cue_verb(tok):
            continue
        subject = _subject(tok)
        if subject is None and tok.dep_ == "ROOT" and content is not None:
            subject = _lost_subject(doc, tok, quote_of_char)
        issuer = _issuer(tok, subject)
        if issuer is not None:
            subject = issuer
        passive = _is_passive(tok)
        if subject is None and not (passive and kind in ("xcomp", "prep")) \
                and not _sourceless_cue(tok, kind):
            continue
        if content is None:
            span = _after_punct_content(doc, tok)
            if span is None:
                # Cue verbs that only govern a direct quote are found in the quote pass.
                continue
            c_start, c_end = span
        else:
            c_start, c_end = _span_of(content)
        if kind == "clause":
            c_start = min(c_start, content.left_edge.idx)
        elif kind in ("object", "stance"):
            # 'accused Clinton of lying', 'called him a liar for ...': the complement after the
            # object belongs to the content.
            for child in tok.children:
                if child.i > content.i and (child.dep_ in ("oprd", "xcomp") or child.dep_ == "prep"
                                            and child.lower_ in _OBJECT_COMPLEMENT_PREPS):
                    c_end = max(c_end, _span_of(child)[1])
        elif kind == "xcomp" or kind == "prep" and content.head.lower_ == "as":
            # 'asked DOJ to investigate', 'X is expected to win', 'sees him as a threat': the
            # object or the passive subject belongs to what is attributed.
            c_start = _with_fronted_object(tok, content, c_start)
        c_start, c_end = _in_paragraph(text, tok, c_start, c_end)
        c_start, c_end = _trim(text, c_start, c_end, " \t\r\n,;:—–-")
        c_start = _skip_dateline(text, c_start, c_end)
        if c_end <= c_start:
            continue
        cue_start, cue_end = _cue_span(tok, content if kind == "prep" else None)
        if issuer is not None:
            # 'issued a statement saying': the cue runs from the issuing verb.
            cue_start = min(cue_start, _cue_span(tok.head.head)[0])
        if subject is None:
            attr = Attribution(cue_start, cue_end, c_start, c_end, "indirect", verb=tok.i)
            attr.extra["kind"] = kind or "none"
            out.append(attr)
            continue
        s_start, s_end = _source_span(doc, subject)
        if tok.dep_ == "acl" and subject.i == tok.head.i:
            # 'a report saying ...': the noun without its participle clause.
            s_end = min(s_end, doc[tok.left_edge.i - 1].idx + len(doc[tok.left_edge.i - 1]))
            s_start, s_end = _trim(text, s_start, s_end)
        if s_start < c_end and c_start < s_end:
            # The subject sits inside the content (bad parse): keep the part before or after.
            s_start, s_end = _outside_content(text, s_start, s_end, c_start, c_end)
            if s_end <= s_start:
                continue
        attr = Attribution(
            cue_start, cue_end, c_start, c_end, "indirect",
            speaker_start=s_start, speaker_end=s_end, speaker_head=subject.i, verb=tok.i,
            recipient=_recipient(tok), document=_document_phrase(tok),
        )
        attr.inside_quote = quote_of_char.get(subject.idx)
        attr.extra["stance"] = kind == "stance"
        attr.extra["kind"] = kind or "none"
        out.append(attr)
    return out


_NOUN_PREPS = frozenset({"of", "for", "to", "against", "on", "about", "that"})

#: Things issued, sent or published whose participle reports what they say ('issued a statement
#: saying', 'ran ads reminding'): the issuer is the source.
_ISSUED_NOUNS = DOCUMENT_NOUNS | frozenset(
    "ad advertisement commercial video message response note op-ed editorial column letter".split())


def _issuer(tok, subject):
    """Return the issuer of 'X issued a statement saying ...' for participle cue ``tok``, or None.

    The cue's subject is the issued thing (a document, ad or message noun) as the object of a
    verb with a subject of its own: that subject is the source.
    """
    if subject is None or tok.dep_ != "acl" or tok.head.i != subject.i or subject.dep_ != "dobj" \
            or subject.lemma_.lower() not in _ISSUED_NOUNS:
        return None
    verb = subject.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return _subject(verb)


def _noun_attribution(doc, tok) -> Attribution | None:
    """Return 'his claim that ...' / 'Trump's attack on ...': a noun cue with a possessive source."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in _NOMINAL), None)
    if poss is None:
        return None
    comp = None
    for child in tok.children:
        if child.i < tok.i:
            continue
        if child.dep_ in ("acl", "ccomp"):
            comp = child
            break
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPS:
            comp = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if comp is not None:
                break
    if comp is None:
        return None
    text = doc_text(doc)
    c_start, c_end = _trim(text, *_span_of(comp))
    para_end = text.find("\n", tok.idx)
    if 0 <= para_end < c_end:
        c_end = para_end
    if c_end <= c_start:
        return None
    cue_start, cue_end = tok.idx, tok.idx + len(tok)
    if comp.head.dep_ == "prep" and comp.head.i == tok.i + 1:
        cue_end = comp.head.idx + len(comp.head)
    owner = _possessor_verb(tok, poss)
    if owner is not None:
        # 'has stepped up his attacks on': the verb's subject is the source, the cue runs
        # from the verb.
        verb, subject = owner
        cue_start = _cue_span(verb)[0]
        s_start, s_end = _source_span(doc, subject)
        if s_end <= cue_start or s_start >= c_end:
            attr = Attribution(cue_start, cue_end, c_start, c_end, "indirect", speaker_start=s_start,
                               speaker_end=s_end, speaker_head=subject.i, verb=tok.i)
            attr.extra["stance"] = True
            attr.extra["kind"] = "noun"
            return attr
    right = poss.right_edge
    while right.i > poss.left_edge.i and (right.dep_ == "case" or right.is_punct):
        right = doc[right.i - 1]
    s_start, s_end = _trim(text, poss.left_edge.idx, right.idx + len(right))
    if s_end <= s_start:
        return None
    attr = Attribution(cue_start, cue_end, c_start, c_end, "indirect", speaker_start=s_start,
                       speaker_end=s_end, speaker_head=poss.i, verb=tok.i)
    attr.extra["stance"] = True  # a position taken, not a cited source (see sources.py)
    attr.extra["kind"] = "noun"
    return attr


_POSSESSIVE_PRONOUNS = frozenset("his her their its my our".split())


def _possessor_verb(tok, poss):
    """Return (verb, subject) when noun cue ``tok`` with a possessive pronoun is a verb's object.

    'He has stepped up his attacks on ...': the pronoun stands for the verb's subject, which
    PolNeAR takes as the source (and the verb phrase as the cue).
    """
    if poss.lower_ not in _POSSESSIVE_PRONOUNS or tok.dep_ != "dobj" or tok.head.i > tok.i \
            or tok.head.pos_ not in {"VERB", "AUX"}:
        return None
    subject = _subject(tok.head)
    if subject is None or subject.i > tok.head.i:
        return None
    return tok.head, subject


_SUBJECT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _lost_subject(doc, tok, quote_of_char):
    """Return the noun phrase right before main verb ``tok`` when the parse hung it elsewhere.

    'Jay DiPietro, the club's president, suggested ...' parsed with 'DiPietro' under another
    clause: from the word before the verb, climb through appositions, coordination, modifiers
    and participles (never through a clause) to a name or a person noun before the verb.
    """
    k = tok.i - 1
    while k >= 0 and (doc[k].dep_ in ("punct", "advmod", "aux", "neg") and doc[k].head.i == tok.i
                      or doc[k].text == ","):
        k -= 1
    if k < 0 or doc[k].idx in quote_of_char or doc[k].is_punct:
        return None
    cur = doc[k]
    for _ in range(8):
        if cur.pos_ in {"PROPN", "NOUN"} and (cur.ent_type_ in _SUBJECT_ENTS or cur.pos_ == "PROPN") \
                and cur.dep_ not in ("compound", "poss", "pobj", "dobj"):
            return cur
        head = cur.head
        if head.i == cur.i or head.i >= tok.i or cur.dep_ not in (
            "appos", "conj", "compound", "flat", "pobj", "prep", "dobj", "acl", "amod", "poss", "npadvmod",
            "cc", "nummod",
        ):
            return None
        cur = head
    return None


def _sourceless_cue(tok, kind) -> bool:
    """Return True for a cue kept without a subject.

    A finite main verb whose subject the parse lost ('Mr. X, whose ..., said Y'), or a 'to
    describe X' / 'to say that' purpose clause.
    """
    if tok.dep_ == "ROOT":
        return tok.tag_ != "VB" and kind is not None
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and kind in ("clause", "object")


def _after_punct_content(doc, tok) -> tuple[int, int] | None:
    """Return the rest of the sentence after 'says, ...' / 'said: ...' (speech verbs only)."""
    if tok.lemma_.lower() not in SPEECH_VERBS or tok.i + 2 >= len(doc):
        return None
    nxt = doc[tok.i + 1]
    if nxt.text not in {",", ":"} or doc[tok.i + 2].is_punct:
        return None
    _, end = sent_bounds(doc, tok.i)
    last = doc[end - 1]
    start, stop = nxt.idx + 1, last.idx + len(last)
    para_end = doc_text(doc).find("\n", start)
    if 0 <= para_end < stop:
        stop = para_end
    if len(doc_text(doc)[start:stop].split()) < 3:
        return None
    return start, stop


def _colon_attributions(doc, quote_of_char) -> list[Attribution]:
    """Return 'Speaker: what they said' attributions (headline style, one line)."""
    text = doc_text(doc)
    out: list[Attribution] = []
    for tok in doc:
        if tok.text != ":":
            continue
        label = _transcript_label(doc, tok)
        if label is not None:
            out.append(label)
            continue
        if tok.idx in quote_of_char:
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        line_end = text.find("\n", tok.idx)
        line_end = len(text) if line_end < 0 else line_end
        prefix = doc.char_span(line_start, tok.idx, alignment_mode="expand")
        if prefix is None or not 1 <= len(prefix) <= 6 or not prefix[0].text[:1].isupper():
            continue
        if any(t.pos_ in {"VERB", "AUX"} or t.is_punct and t.text not in {".", "-", "–", "—", "’s", "'s"}
               for t in prefix):
            continue
        if not any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for t in prefix) \
                and not _headline_speaker(prefix):
            continue
        c_start, c_end = _trim(text, tok.idx + 1, line_end, " \t\r,;:—–-")
        if len(text[c_start:c_end].split()) < 3:
            continue
        head = prefix.root
        if head.lower_ in _LABEL_WORDS:
            # 'Editor's note: ...', 'Q: ...': a label, not who is speaking.
            continue
        out.append(Attribution(
            tok.idx, tok.idx + 1, c_start, c_end, "indirect",
            speaker_start=prefix.start_char, speaker_end=prefix.end_char, speaker_head=head.i,
        ))
    return out


_TRANSCRIPT_LABEL = re.compile(r"[^\S\n]*[\"“'‘]?[^\S\n]*((?:[A-Z][A-Z’'.-]*[^\S\n]){0,2}[A-Z][A-Z’'.-]*[A-Z])[^\S\n]*:")


def _transcript_label(doc, colon) -> Attribution | None:
    """Return the attribution of a transcript turn ('WALLACE: ...', '"PENCE: Well, ...').

    A paragraph that opens with one to three upper-case words and a colon gives the turn of
    the speaker they name (page labels such as 'VIDEO:' or 'UPDATE:' excepted); the content is
    the rest of the paragraph. Transcripts quoted whole open each turn with a quotation mark.
    """
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, colon.idx) + 1
    if colon.idx - line_start > 40:
        return None
    m = _TRANSCRIPT_LABEL.match(text, line_start, colon.idx + 1)
    if m is None or m.end() != colon.idx + 1:
        return None
    words = m.group(1).split()
    if any(w.strip(".’'").lower() in _LABEL_WORDS for w in words) or len(m.group(1)) < 3:
        return None
    line_end = text.find("\n", colon.idx)
    line_end = len(text) if line_end < 0 else line_end
    c_start, c_end = _trim(text, colon.idx + 1, line_end, " \t\r,;:—–-\"”")
    if len(text[c_start:c_end].split()) < 3:
        return None
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if name is None:
        return None
    return Attribution(colon.idx, colon.idx + 1, c_start, c_end, "direct",
                       speaker_start=m.start(1), speaker_end=m.end(1), speaker_head=name.root.i,
                       extra={"kind": "transcript"})


#: Title-case words before a colon that label page parts, not speakers.
_LABEL_WORDS = frozenset(
    "update updated note related photo photos video watch read source sources editor advertisement "
    "image credit share tags topics q a warning caption correction clarification more also see "
    "listen subscribe breaking live transcript excerpt excerpts".split())


def _headline_speaker(prefix) -> bool:
    """Return True for a headline speaker before a colon ('Trump: ...', 'Poll: ...').

    Title case confuses the tagger (such names come out as common nouns): one to three
    title-case words with a noun among them, none of them a page label ('Update:', 'Photo:').
    """
    if len(prefix) > 3 or prefix[0].i > 0 and not prefix[0].is_sent_start:
        return False
    words = [t for t in prefix if not t.is_punct]
    return bool(words) and all(t.text[:1].isupper() and not t.text.isupper() and t.is_alpha
                               and t.lower_ not in _LABEL_WORDS for t in words) \
        and any(t.pos_ == "NOUN" for t in words)


#: The dashes that sign a quotation or a tweet (horizontal bar, em and en dash, hyphens).
_DASH = "―|—|–|--|-"
#: A signature dash after a quote or tweet ('"..." ― Jane Doe', '"..."\n- Sanders.').
_SIGNATURE_DASH = re.compile(rf"[^\S\n]*(?:\n[^\S\n]*){{0,2}}({_DASH})[^\S\n]*(?=[A-Z])")
#: An embedded tweet's signature line: '<text> — Jane Doe (@janedoe) July 5, 2016'.
_TWEET_SIGNATURE = re.compile(
    rf"[^\S\n]({_DASH})[^\S\n]*([A-Z][^\n()@—―]{{0,60}}?)[^\S\n]*\(@\w{{1,30}}\)")
#: Lower-case particles inside a name ('Julie de la Cruz').
_NAME_PARTICLES = frozenset("de del della la le van von der da dos bin al".split())


def _signature(doc, end: int):
    """Return ``(dash_start, dash_end, name_start, name_end, head)`` for a signature at ``end``.

    A dash right after a quotation (or a tweet's text) followed by a name that runs to the end
    of its line, a full stop, a comma, a parenthesis or the next quotation signs the text:
    '"..." ― Jane Doe', '"..."' then '- Sanders.' on the next line, '... — Paul Ryan (@handle)'.
    """
    text = doc_text(doc)
    m = _SIGNATURE_DASH.match(text, end, min(len(text), end + 12))
    if m is None:
        return None
    k = m.end()
    span = doc.char_span(k, min(len(text), k + 1), alignment_mode="expand")
    if span is None:
        return None
    first = span[0].i
    last = None
    for tok in doc[first : first + 7]:
        word = tok.text[max(0, k - tok.idx):]  # '-Michelle' may be one token
        if tok.is_space or tok.is_punct and word not in {".", "'", "’"}:
            break
        if word[:1].isupper() or tok.lower_ in _NAME_PARTICLES and last is not None:
            last = tok.i
        elif word == "." and last is not None and len(doc[last].text) <= 2:
            continue  # an initial ('Edwin G. Monroy')
        else:
            if tok.is_punct:
                break
            return None  # 'said -- and, when ...': text goes on, no signature
    if last is None:
        return None
    name = doc[first : last + 1]
    name_start = max(k, name.start_char)
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and not (
            after.is_punct or after.is_space or after.text[:1] in _DOUBLE_OPEN):
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in name) \
            or any(t.pos_ in {"VERB", "AUX"} and t.ent_type_ != "PERSON" for t in name):
        return None
    return m.start(1), m.end(1), name_start, name.end_char, name.root.i


def _tweet_attributions(doc, quote_of_char) -> list[Attribution]:
    """Return the attributions of embedded tweets ('<text> — Jane Doe (@janedoe) July 5')."""
    text = doc_text(doc)
    if "(@" not in text:
        return []
    out: list[Attribution] = []
    for m in _TWEET_SIGNATURE.finditer(text):
        d_start, s_start, s_end = m.start(1), m.start(2), m.end(2)
        if d_start in quote_of_char:
            continue
        line_start = text.rfind("\n", 0, d_start) + 1
        c_start, c_end = _trim(text, line_start, d_start)
        name = doc.char_span(s_start, s_end, alignment_mode="contract")
        if name is None or len(text[c_start:c_end].split()) < 3 or len(name) > 5:
            continue
        out.append(Attribution(d_start, m.end(1), c_start, c_end, "direct", speaker_start=s_start,
                               speaker_end=s_end, speaker_head=name.root.i, extra={"kind": "signature"}))
    return out


def _colon_intro(doc, q_start: int):
    """Return (colon token, subject) when the paragraph before the quote ends with a colon."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, q_start) + 1
    if text[para_start:q_start].strip():
        return None
    k = para_start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] != ":":
        return None
    span = doc.char_span(k, k + 1, alignment_mode="expand")
    if span is None:
        return None
    colon = span[0]
    lo, hi = sent_bounds(doc, colon.i)
    root = doc[lo:hi].root if hi - lo <= 200 else None
    if root is None:
        return None
    subject = _subject(root) if root.pos_ in {"VERB", "AUX"} else None
    if subject is None:
        return None
    return colon, subject


_DATELINE_END = (") -", ") —", ") –", " - ", " — ", " – ")


def _skip_dateline(text: str, start: int, end: int) -> int:
    head = text[start : min(end, start + 80)]
    for mark in _DATELINE_END:
        k = head.find(mark)
        if 0 < k and head[:k].split() and head[:k].split()[0].isupper():
            return _trim(text, start + k + len(mark), end)[0]
    return start


def _according_to(doc, tok) -> Attribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return _frame(doc, tok, pobj, to.idx + len(to))


def _reportedly(doc, tok) -> Attribution | None:
    """Return the attribution of 'X reportedly did Y': a claim credited to reports nobody names.

    The cue is the adverb; the content is its clause without it; there is no source.
    """
    text = doc_text(doc)
    head = tok.head
    start, end = _span_of(head)
    before = _trim(text, start, tok.idx)
    after = _trim(text, tok.idx + len(tok), end)
    c_start, c_end = after if after[1] - after[0] >= before[1] - before[0] else before
    c_start, c_end = _in_paragraph(text, tok, c_start, c_end)
    if len(text[c_start:c_end].split()) < 2:
        return None
    return Attribution(tok.idx, tok.idx + len(tok), c_start, c_end, "indirect",
                       extra={"kind": "reportedly"})


def _frame(doc, tok, pobj, cue_end: int) -> Attribution | None:
    """Return the attribution of a framing phrase ('according to X', 'In a poll, ...').

    The cue runs from ``tok`` to ``cue_end``, the source is ``pobj``'s phrase and the content is
    the longer side of the sentence around the phrase. Cues inside that content are dropped in
    :func:`find_attributions` (PolNeAR marks the frame, not the verbs it frames).
    """
    s_start, s_end = _source_span(doc, pobj)
    phrase_start, phrase_end = tok.idx, s_end
    lo, hi = sent_bounds(doc, tok.i)
    sent = doc[lo:hi]
    text = doc_text(doc)
    before = _trim(text, sent.start_char, phrase_start)
    after = _trim(text, phrase_end, sent.end_char)
    c_start, c_end = after if after[1] - after[0] > before[1] - before[0] else before
    if c_end <= c_start:
        return None
    attr = Attribution(
        tok.idx, cue_end, c_start, c_end, "indirect",
        speaker_start=s_start, speaker_end=s_end, speaker_head=pobj.i, verb=tok.i,
    )
    attr.extra["frame"] = True
    return attr


def _nearest_cue(doc, q_start: int, q_end: int, verbs: dict[int, Attribution], *,
                 governing: bool = False):
    """Return the best cue token for the quote [q_start, q_end), or None.

    The cue is a reporting verb with a subject, outside the quote, in the quote's sentences and
    paragraph, nearest to the quote. A cue of ``verbs`` that already reports a clause of its
    own (:func:`_holds_other_clause`) is skipped.
    """
    first = doc.char_span(q_start, q_end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    lo_tok, hi_tok = first[0].i, first[-1].i
    sent_lo = sent_bounds(doc, lo_tok)[0]
    sent_hi = sent_bounds(doc, hi_tok)[1]
    # Also look into the next sentence when the quote ends its sentence ('"..." \n He said.').
    if sent_hi < len(doc) and sent_hi - hi_tok <= 2 and "\n" not in doc_text(doc)[q_end : doc[sent_hi].idx]:
        nxt = doc[slice(*sent_bounds(doc, sent_hi))]
        para_end = doc_text(doc).find("\n", nxt.start_char)
        last = nxt[-1]
        while last.i > nxt.start and last.is_space:
            last = doc[last.i - 1]
        if para_end < 0 or para_end >= last.idx + len(last):
            sent_hi = min(len(doc), nxt.end)
    text = doc_text(doc)
    para_lo = text.rfind("\n", 0, q_start) + 1
    para_hi = text.find("\n", q_end)
    para_hi = len(text) if para_hi < 0 else para_hi
    lo = max(sent_lo, lo_tok - CUE_WINDOW)
    hi = min(sent_hi, hi_tok + CUE_WINDOW + 1)
    while lo < lo_tok and doc[lo].idx < para_lo:
        lo += 1
    while hi > hi_tok + 1 and doc[hi - 1].idx >= para_hi:
        hi -= 1
    best, best_dist = None, None
    for k in list(range(lo, lo_tok)) + list(range(hi_tok + 1, hi)):
        tok = doc[k]
        if not (_is_cue_verb(tok) or k in verbs):
            continue
        if k in verbs and _holds_other_clause(doc, verbs[k], q_start, q_end):
            continue
        if k not in verbs and _subject(tok) is None:
            continue
        if governing and not (tok.left_edge.i <= lo_tok and tok.right_edge.i >= hi_tok - 1):
            continue
        dist = lo_tok - k if k < lo_tok else k - hi_tok
        # A cue in the sentence before must end it with a colon or comma to introduce the quote.
        if k < sent_lo:
            continue
        if best_dist is None or dist < best_dist:
            best, best_dist = tok, dist
    if best is None and lo_tok > 0:
        prev = doc[lo_tok - 1]
        if prev.text in {":", ","} or (lo_tok > 1 and doc[lo_tok - 2].text == ":"):
            prev_start = sent_bounds(doc, max(0, lo_tok - 2))[0]
            for k in range(max(prev_start, lo_tok - CUE_WINDOW), lo_tok):
                tok = doc[k]
                if _is_cue_verb(tok) and _subject(tok) is not None:
                    best = tok
    return best


def _holds_other_clause(doc, attr: Attribution, qs: int, qe: int) -> bool:
    """Return True when ``attr`` already reports a clause of its own apart from quote [qs, qe).

    Such a cue does not take the quote: 'Roberts said that she thinks X but said "Y."' keeps
    'that she thinks X' as the content of the first 'said' (and the cognition nested in it),
    and 'Clinton says she hopes A, but she knows that "B."' keeps A as what she says. Taking
    the quote would replace the clause, losing it.
    """
    if attr.quote_index is not None or attr.quote_type != "indirect":
        return False
    cs, ce = attr.content_start, attr.content_end
    if ce <= cs or (cs < qe and qs < ce):
        return False
    text = doc_text(doc)
    gap = text[min(ce, qe):max(cs, qs)]
    return any(ch.isalnum() for ch in gap) and len(text[cs:ce].split()) >= 3


def _governing_verb(doc, q_start: int, q_end: int):
    """Return the verb outside the quote that governs it and has a subject (fallback cue)."""
    span = doc.char_span(q_start, q_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.idx >= q_start and tok.idx < q_end:
            continue
        if tok.pos_ in {"VERB", "AUX"} and _subject(tok) is not None:
            return tok
    return None


def quote_chars(doc, quotes) -> dict[int, int]:
    """Return ``{token offset: quote index}`` for the tokens inside the quotes of ``doc``."""
    quote_of_char: dict[int, int] = {}
    for qi, (qs, qe, _) in enumerate(quotes):
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is not None:
            for t in span:
                quote_of_char[t.idx] = qi
    return quote_of_char


def find_attributions(doc, *, use_model: bool = True) -> list[Attribution]:
    """Return every attribution of ``doc``, in text order of the content.

    Args:
        doc: A parsed spaCy ``Doc``.
        use_model: Apply the learned cue scorer (:func:`apply_cue_model`) to the rules' cues;
            False gives the rules alone (as the scorer's training sees them).

    Returns:
        One :class:`Attribution` per cue (and per uncued direct quote of at least
        :data:`MIN_UNCUED_WORDS` words), with ``quote_type`` direct, indirect or mixed.
    """
    text = doc_text(doc)
    quotes = find_quote_spans(text)
    quote_of_char = quote_chars(doc, quotes)
    attrs = (_verb_attributions(doc, quote_of_char) + _colon_attributions(doc, quote_of_char)
             + _tweet_attributions(doc, quote_of_char))
    # Quotes are tied to cues with a speaker only.
    by_verb = {a.verb: a for a in attrs if a.verb is not None and a.speaker_start is not None}
    last_speaker_attr: Attribution | None = None
    last_quote_para_end = -1
    turns = {text.rfind("\n", 0, a.cue_start) + 1: a for a in attrs if a.extra.get("kind") == "transcript"}
    if turns:
        # 'HARPER: Thank you ...' parses HARPER as the subject of 'Thank': the label is the turn's.
        labels = [(a.speaker_start, a.speaker_end) for a in turns.values()]
        attrs = [a for a in attrs if a.extra.get("kind") == "transcript" or a.speaker_start is None
                 or not any(s <= a.speaker_start < e for s, e in labels)]
    for qi, (qs, qe, _closed) in enumerate(quotes):
        turn = turns.get(text.rfind("\n", 0, qs) + 1)
        if turn is not None and qs < turn.cue_start:
            turn.quote_index = qi  # '"PENCE: Well, ...': the quote is the turn
            continue
        words = len(text[qs:qe].split())
        if words < MIN_UNCUED_WORDS and _is_modifier_quote(doc, qs, qe):
            continue
        sig = _signature(doc, qe)
        if sig is not None:
            d_start, d_end, s_start, s_end, head = sig
            attr = Attribution(d_start, d_end, qs, qe, "direct", speaker_start=s_start,
                               speaker_end=s_end, speaker_head=head, quote_index=qi)
            attr.extra["kind"] = "signature"
            attrs.append(attr)
            last_speaker_attr = attr
            last_quote_para_end = text.find("\n", qe)
            continue
        # A cue verb that governs the quote, else any verb with a subject that governs a long
        # quote ('singled out China as "..."'), else the nearest cue verb.
        # A cue that already reports a clause of its own is never taken (_holds_other_clause).
        cue_tok = _nearest_cue(doc, qs, qe, by_verb, governing=True)
        if cue_tok is None and words >= MIN_UNCUED_WORDS:
            cue_tok = _governing_verb(doc, qs, qe)
            if cue_tok is not None and cue_tok.i in by_verb \
                    and _holds_other_clause(doc, by_verb[cue_tok.i], qs, qe):
                cue_tok = None
        if cue_tok is None:
            cue_tok = _nearest_cue(doc, qs, qe, by_verb)
        if cue_tok is not None:
            attr = by_verb.get(cue_tok.i)
            if attr is None:
                subject = _subject(cue_tok)
                if subject is None:
                    continue
                s_start, s_end = _source_span(doc, subject)
                if s_start < qe and qs < s_end:
                    continue
                cue_start, cue_end = _cue_span(cue_tok)
                attr = Attribution(
                    cue_start, cue_end, qs, qe, "direct",
                    speaker_start=s_start, speaker_end=s_end, speaker_head=subject.i,
                    verb=cue_tok.i, recipient=_recipient(cue_tok),
                    document=_document_phrase(cue_tok),
                )
                attr.inside_quote = quote_of_char.get(subject.idx)
                attrs.append(attr)
                by_verb[cue_tok.i] = attr
                attr.quote_index = qi
            else:
                _merge_quote(attr, qs, qe, qi)
            last_speaker_attr = attr
            last_quote_para_end = text.find("\n", qe)
            continue
        if last_speaker_attr is not None and _follows_cue_sentence(doc, last_speaker_attr, qs):
            # '"A?" Trump said. "B."': the quote after the cue sentence continues the same speaker.
            _merge_quote(last_speaker_attr, qs, qe, qi)
            last_quote_para_end = text.find("\n", qe)
            continue
        intro = _colon_intro(doc, qs)
        if intro is not None:
            colon, subject = intro
            s_start, s_end = _source_span(doc, subject)
            attr = Attribution(
                colon.idx, colon.idx + 1, qs, qe, "direct", speaker_start=s_start,
                speaker_end=s_end, speaker_head=subject.i, quote_index=qi,
            )
            attrs.append(attr)
            last_speaker_attr = attr
            last_quote_para_end = text.find("\n", qe)
            continue
        if words < MIN_UNCUED_WORDS:
            continue
        # A paragraph that is only a quote continues the previous quote's speaker.
        para_start = text.rfind("\n", 0, qs) + 1
        prev_para_gap = text[last_quote_para_end:para_start] if last_quote_para_end >= 0 else "x"
        attr = Attribution(None, None, qs, qe, "direct", quote_index=qi)
        if last_speaker_attr is not None and not prev_para_gap.strip() and not text[para_start:qs].strip():
            attr.extra["continues"] = last_speaker_attr
        attrs.append(attr)
        last_quote_para_end = text.find("\n", qe)
    attrs = _drop_framed(attrs)
    attrs = _drop_nested_cognition(doc, attrs)
    if use_model:
        # Cues the model adds inside a frame's content belong to the frame, as above.
        attrs = _drop_framed(apply_cue_model(doc, attrs, quote_of_char))
    _trim_cued_modifiers(doc, attrs)
    _inverted_speakers(doc, attrs)
    _object_controllers(doc, attrs)
    _experiencers(doc, attrs)
    _received_stances(doc, attrs)
    _drop_unstated_sources(doc, attrs)
    quote_starts = [q[0] for q in quotes]
    for attr in attrs:
        if attr.quote_type == "indirect" and attr.quote_index is None:
            _mark_mixed(attr, doc, quotes, quote_starts)
    attrs.sort(key=lambda a: (a.content_start, a.cue_start or 0))
    return attrs


#: Cue verbs of impression ('Clinton seems to ...', 'Republicans appear to ...'): the impression
#: is the writer's, and the subject is what it is about, not a source.
_IMPRESSION_CUES = frozenset({"seem", "appear"})

#: Subjects that cannot pass on a source to a cue verb they are not the subject of ('it is hard
#: to know ...', 'this forced him to ...', 'It was there that X ..., pointing to ...').
_NON_SOURCE_CONTROLLERS = frozenset({"it", "this", "that"})


def _inverted_speakers(doc, attrs: list[Attribution]) -> None:
    """Give a speaker to '"...," added another Democrat' parsed with the speaker as object.

    A verb of saying right after its content and a punctuation mark, without a subject, with a
    noun phrase as object: the subject inverted after the verb (the parse reads an object).
    """
    text = doc_text(doc)
    for a in attrs:
        if a.verb is None or a.speaker_start is not None or a.cue_start is None \
                or a.content_end > a.cue_start or a.extra.get("kind") != "clause":
            continue
        verb = doc[a.verb]
        lemma = _lemma(verb)
        if verb.pos_ != "VERB" or lemma not in SPEECH_VERBS or lemma in RECIPIENT_VERBS \
                or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "conj") for c in verb.children):
            continue
        if verb.i == 0 or not doc[verb.i - 1].is_punct or verb.dep_ not in ("ROOT", "parataxis") \
                or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue  # inversion follows the quote or its comma: '...," added X'
        obj = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr")), None)
        if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or obj.i > verb.i + 6 \
                or obj.ent_type_ in {"DATE", "TIME"}:
            continue
        start, end = _trim(text, *_span_of(obj))
        if end > start:
            a.speaker_start, a.speaker_end, a.speaker_head = start, end, obj.i


#: Verbs whose object does the act of their to-infinitive ('prompted X to ask', 'led X to say');
#: purpose infinitives ('used the speech to call for') keep the subject.
_OBJECT_CONTROL_VERBS = frozenset(
    "prompt lead force push encourage allow require cause compel pressure pressure spur drive "
    "inspire persuade convince invite enable permit oblige obligate move provoke".split())


def _object_controllers(doc, attrs: list[Attribution]) -> None:
    """Give a cue in an object-control infinitive the object as source, not the subject.

    'That prompted Rubio to call Trump ...', 'the remark led some to speculate ...': the object
    of the governing verb is who does the cue's act (the subject the parse passes on is the
    cause). Not when the governing verb is a cue itself ('urged them to reject'): PolNeAR marks
    that one, and the nested cue keeps sharing its source. Run after the cue scorer, whose
    features see the parse's subject.
    """
    text = doc_text(doc)
    cue_verbs = {a.verb for a in attrs if a.verb is not None and a.cue_start is not None}
    for a in attrs:
        if a.verb is None or a.speaker_head is None or a.quote_index is not None:
            continue
        verb = doc[a.verb]
        if verb.dep_ != "xcomp" or verb.head.i in cue_verbs or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue
        gov = verb.head
        if _lemma(gov) not in _OBJECT_CONTROL_VERBS or a.speaker_head == gov.i \
                or doc[a.speaker_head].head.i != gov.i:
            continue
        obj = next((c for c in gov.children if c.dep_ == "dobj" and gov.i < c.i < verb.i
                    and c.pos_ in _NOMINAL), None)
        if obj is None or obj.idx in (a.cue_start, a.content_start):
            continue
        start, end = _trim(text, *_span_of(obj))
        if end <= start or start < a.content_end and a.content_start < end:
            continue
        a.speaker_start, a.speaker_end, a.speaker_head = start, end, obj.i


#: Verbs of feeling whose object (active) or passive subject feels it: 'the remark worried some
#: analysts', 'advocates were outraged by the raids'. The feeler is the source (PolNeAR), the
#: grammatical subject of the active verb is what is felt about.
_EXPERIENCER_VERBS = frozenset(
    "worry trouble alarm anger upset unsettle rattle disturb bother frustrate annoy irritate "
    "infuriate outrage anger dismay disappoint please delight surprise shock scare frighten "
    "impress offend enrage alienate appal appall horrify baffle puzzle confuse embarrass "
    "excite thrill".split())


def _experiencers(doc, attrs: list[Attribution]) -> None:
    """Swap source and content of a cue of feeling read the wrong way round.

    'The remark worried some analysts', 'advocates were outraged by the raids': the parse gives
    the remark (the raids) as source and the analysts (advocates) as content; the feeler is the
    source and what they feel about the content.
    """
    text = doc_text(doc)
    for a in attrs:
        if a.verb is None or a.quote_index is not None or a.speaker_head is None:
            continue
        verb = doc[a.verb]
        if verb.pos_ != "VERB" or _lemma(verb) not in _EXPERIENCER_VERBS \
                or any(c.dep_ == "prt" for c in verb.children):  # 'rattled off'
            continue
        dep = "nsubjpass" if _is_passive(verb) else "dobj"
        feeler = next((c for c in verb.children if c.dep_ == dep and c.pos_ in _NOMINAL), None)
        if feeler is None or feeler.i == a.speaker_head:
            continue
        start, end = _trim(text, *_span_of(feeler))
        if (start, end) != _trim(text, a.content_start, a.content_end):
            continue
        a.content_start, a.content_end = a.speaker_start, a.speaker_end
        a.speaker_start, a.speaker_end, a.speaker_head = start, end, feeler.i


#: Stances one receives from someone ('won the endorsement of X', 'drew criticism from X'): the
#: giver is the source, the receiver (the verb's subject) what the stance is about.
_GIVEN_STANCES = frozenset("endorsement backing support blessing approval".split())
_GIVEN_FROM = _GIVEN_STANCES | frozenset(
    "criticism praise condemnation rebuke fire backlash scrutiny question complaint attack".split())
_RECEIVE_VERBS = frozenset(
    "win earn get receive have secure gain land pick snag draw attract garner collect face".split())


def _received_stances(doc, attrs: list[Attribution]) -> None:
    """Swap source and content of a stance received ('She won the backing of two mayors').

    The cue is the stance noun or the receiving verb; the parse makes the receiver its source
    and the giver (the noun's 'of'/'from' object) its content. PolNeAR has it the other way.
    """
    text = doc_text(doc)
    for a in attrs:
        if a.verb is None or a.quote_index is not None or a.speaker_head is None:
            continue
        tok = doc[a.verb]
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and _lemma(tok.head) in _RECEIVE_VERBS:
            noun = tok
        elif tok.pos_ in {"VERB", "AUX"} and _lemma(tok) in _RECEIVE_VERBS:
            noun = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        else:
            continue
        if noun is None or noun.lemma_.lower() not in _GIVEN_FROM or any(c.dep_ == "poss" for c in noun.children):
            continue
        giver = None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.i > noun.i and (prep.lower_ == "from" or prep.lower_ == "of"
                                                            and noun.lemma_.lower() in _GIVEN_STANCES):
                giver = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ in _NOMINAL), None)
                break
        if giver is None:
            continue
        start, end = _trim(text, *_span_of(giver))
        if end <= start or start < a.cue_end and a.cue_start < end:
            continue
        a.content_start, a.content_end = a.speaker_start, a.speaker_end
        a.speaker_start, a.speaker_end, a.speaker_head = start, end, giver.i


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


def _drop_unstated_sources(doc, attrs: list[Attribution]) -> None:
    """Clear the speaker of a cue whose source the text does not state (PolNeAR marks none).

    A cue of impression (:data:`_IMPRESSION_CUES`) unless it governs a cue verb ('seemed to
    suggest'); a speaker inherited from another verb (coordination, control, participle) that
    is an expletive or demonstrative pronoun (:data:`_NON_SOURCE_CONTROLLERS`), or that a
    passive cue inherits (:func:`_passive_clause`; its own 'by' agent stays). Run after the cue
    scorer, whose features see the subject.
    """
    for a in attrs:
        if a.verb is None or a.speaker_start is None or a.quote_index is not None:
            continue
        verb = doc[a.verb]
        head = doc[a.speaker_head] if a.speaker_head is not None else None
        inherited = head is not None and not verb.left_edge.i <= head.i <= verb.right_edge.i
        if _lemma(verb) in _IMPRESSION_CUES and not _reports_through(verb) \
                or head is not None and head.head.i != verb.i and head.lower_ in _NON_SOURCE_CONTROLLERS \
                or inherited and _passive_clause(verb):
            a.speaker_start = a.speaker_end = a.speaker_head = None


def _trim_cued_modifiers(doc, attrs: list[Attribution]) -> None:
    """Cut a speaker span before a relative or participle clause that is an attribution itself.

    'Clinton, who once praised the deal, said ...': the clause is its own attribution (source
    'who'), so the speaker of 'said' is 'Clinton'. Appositions and other modifiers stay.
    """
    cue_verbs = {a.verb for a in attrs if a.verb is not None and a.cue_start is not None}
    text = doc_text(doc)
    for a in attrs:
        if a.speaker_head is None or a.speaker_start is None:
            continue
        head = doc[a.speaker_head]
        for child in head.children:
            if child.i > head.i and child.dep_ in ("relcl", "acl") and child.i in cue_verbs \
                    and child.i != a.verb:
                cut = child.left_edge.idx
                if a.speaker_start < cut < a.speaker_end:
                    start, end = _trim(text, a.speaker_start, cut, " \t\r\n,;:—–-(")
                    if end > start:
                        a.speaker_start, a.speaker_end = start, end
                break


def _drop_framed(attrs: list[Attribution]) -> list[Attribution]:
    """Drop cues inside the content of a frame ('X said Y, according to Z': Z's attribution)."""
    frames = [a for a in attrs if a.extra.get("frame")]
    if not frames:
        return attrs
    cued = sorted((a.cue_start, k) for k, a in enumerate(attrs)
                  if a.cue_start is not None and not a.extra.get("frame"))
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


def _drop_nested_cognition(doc, attrs: list[Attribution]) -> list[Attribution]:
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


def _mark_mixed(attr: Attribution, doc, quotes, quote_starts) -> None:
    """Mark an indirect attribution mixed when its content holds a quoted fragment."""
    k = bisect.bisect_left(quote_starts, attr.content_start)
    while k < len(quotes) and quotes[k][0] < attr.content_end:
        qs, qe, _ = quotes[k]
        k += 1
        if qe > attr.content_end + 1:
            break
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or len(span) < 3 or _is_modifier_quote(doc, qs, qe):
            continue
        attr.quote_type = "mixed"
        return


#: Candidate parts of speech for the learned cue scorer.
_MODEL_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
_NOUN_CONTENT_PREPS = frozenset({"of", "for", "on", "about", "against", "to", "with", "over"})


def _model_subject(tok):
    """Return the source token of a candidate: the subject, or a noun's possessor/subject."""
    if tok.pos_ == "NOUN":
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if tok.dep_ in ("attr", "dobj") and tok.head.pos_ in {"VERB", "AUX"}:
            return _subject(tok.head)
        return None
    return _subject(tok)


def _candidate_indices(doc, lemmas) -> list[int]:
    """Return the indices of the tokens whose part of speech and lemma may make a candidate.

    One array pass (Token objects are costly to create for every word of an article).
    """
    from spacy.attrs import LEMMA, POS

    if not len(doc):
        return []
    pos_ids, lemma_ids = _candidate_ids(doc.vocab.strings, lemmas)
    arr = doc.to_array([POS, LEMMA])
    pos = arr[:, 0]
    idx = ((pos == pos_ids[0]) | (pos == pos_ids[1]) | (pos == pos_ids[2]) | (pos == pos_ids[3])).nonzero()[0]
    return [i for i, lem in zip(idx.tolist(), arr[idx, 1].tolist(), strict=True) if lem in lemma_ids]


_ID_CACHE: dict = {}


def _candidate_ids(strings, lemmas):
    key = (id(strings), id(lemmas))
    ids = _ID_CACHE.get(key)
    if ids is None:
        from spacy import symbols

        words = set(lemmas) | {w.capitalize() for w in lemmas}
        if "hope" in lemmas:
            words.add("hop")  # the lemmatizer's slip, mended by _lemma
        pos_ids = tuple(getattr(symbols, p) for p in sorted(_MODEL_POS))
        ids = _ID_CACHE[key] = (pos_ids, frozenset(strings[w] for w in words))
        if len(_ID_CACHE) > 8:
            _ID_CACHE.pop(next(iter(_ID_CACHE)))
    return ids


def cue_candidates(doc, attrs: list[Attribution], quote_of_char: dict[int, int], lemmas=None):
    """Yield ``(token, subject, features, attribution or None)`` for the learned cue scorer.

    Rule attributions with a cue word and no direct quote are candidates (to be kept or
    dropped); so is every word of the cue model's ``candidate_lemmas``
    outside quotes and outside the rules' cues from which an attribution can be built (to be
    added; the others would be scored for nothing); ``lemmas`` replaces that list.
    """
    if lemmas is None:
        lemmas = load_cue_model().candidate_lemmas

    spans = sorted({(a.content_start, a.content_end) for a in attrs if a.cue_start is not None})
    starts = [x[0] for x in spans]

    def nested(idx: int, own=None) -> bool:
        hi = bisect.bisect_right(starts, idx)
        return any(spans[k][0] <= idx < spans[k][1] and spans[k] != own
                   for k in range(max(0, hi - 8), hi))

    cue_chars = sorted((a.cue_start, a.cue_end) for a in attrs if a.cue_start is not None)
    cue_starts = [c[0] for c in cue_chars]

    def in_cue(tok) -> bool:
        k = bisect.bisect_right(cue_starts, tok.idx) - 1
        return k >= 0 and cue_chars[k][0] <= tok.idx < cue_chars[k][1]

    for a in attrs:
        if a.verb is None or a.cue_start is None or a.quote_index is not None or a.extra.get("frame"):
            continue
        tok = doc[a.verb]
        subject = doc[a.speaker_head] if a.speaker_head is not None else None
        feats = cue_features(tok, _lemma(tok), subject, rule_kind=a.extra.get("kind", "none"),
                             nested=nested(a.cue_start, (a.content_start, a.content_end)))
        yield tok, subject, feats, a
    for i in _candidate_indices(doc, lemmas):
        tok = doc[i]
        pos = tok.pos_
        lemma = _lemma(tok)
        if lemma not in lemmas or tok.idx in quote_of_char or in_cue(tok):
            continue
        if pos == "ADJ" and tok.dep_ not in ("acomp", "ROOT"):
            continue
        if pos == "AUX" and any(c.dep_ == "acomp" for c in tok.children):
            continue  # 'is critical of': the adjective is the candidate
        if _model_content(tok)[0] is None:
            continue
        subject = _model_subject(tok)
        yield tok, subject, cue_features(tok, lemma, subject, rule_kind=None,
                                         nested=nested(tok.idx)), None


def _model_content(tok):
    """Return (content token, preposition or None) of a learned cue, or (None, None)."""
    pos = tok.pos_
    first = {}
    for c in tok.children:
        if c.i > tok.i and c.dep_ not in first:
            first[c.dep_] = c
    if pos == "NOUN":
        for dep in ("acl", "ccomp"):
            if dep in first:
                return first[dep], None
        prep = first.get("prep")
        if prep is not None and prep.lower_ in _NOUN_CONTENT_PREPS:
            pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj, prep
        return None, None
    for dep in ("ccomp", "xcomp", "dobj"):
        if dep in first:
            return first[dep], None
    prep = first.get("prep")
    if prep is not None:
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            return pobj, prep
    for dep in ("attr", "oprd", "acomp", "advcl"):
        if dep in first:
            return first[dep], None
    return _outer_content(tok), None


def _outer_content(tok):
    """Return the content token of a learned verb cue whose content is not its dependent.

    The passive subject ('were announced', 'has been denied'); the noun a participle or a
    relative clause without an object modifies ('a sentiment endorsed by ...', 'everything he
    said'); the clause a parenthetical or 'as' clause comments on ('Such efforts, they
    believe, will ...', 'As Politico reported, ...'). :func:`_content_span` cuts the cue's own
    words out of a governing content.
    """
    dep, head = tok.dep_, tok.head
    for c in tok.children:
        if c.dep_ == "nsubjpass" and c.i < tok.i:
            return c
    if head.i == tok.i:
        return None
    if dep in ("acl", "amod") and tok.tag_ == "VBN" and head.pos_ in _NOMINAL and head.i < tok.i:
        return head
    if dep == "relcl" and head.pos_ in _NOMINAL and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass", "attr") for c in tok.children):
        return head
    if dep == "parataxis" and head.pos_ in {"VERB", "AUX"}:
        return head
    if dep == "advcl" and head.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return head
    return None


def _content_span(tok, content) -> tuple[int, int]:
    """Return the character span of ``content`` for learned cue ``tok``, without the cue's words.

    A content that governs the cue (a noun the cue's clause modifies, a clause the cue comments
    on, a complement whose relative clause holds the cue) keeps its longer side of the cue's
    own subtree.
    """
    start, end = _span_of(content)
    left, right = tok.left_edge, tok.right_edge
    lo, hi = left.idx, right.idx + len(right)
    if not (start <= tok.idx < end):
        return start, end
    if content.i > tok.i:
        # The complement starts before the cue ('a dynamic X said could drive ...'): from the
        # word after the cue on.
        return max(start, tok.idx + len(tok)), end
    before, after = (start, min(end, lo)), (max(start, hi), end)
    return before if before[1] - before[0] >= after[1] - after[0] else after


def _with_fronted_object(tok, content, c_start: int) -> int:
    """Extend a content start over the cue's object or passive subject before the content."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.i < content.i:
            c_start = min(c_start, child.left_edge.idx)
    return c_start


def _in_paragraph(text: str, tok, c_start: int, c_end: int) -> tuple[int, int]:
    """Clip a content span to the paragraph of the cue word."""
    para_start = text.rfind("\n", 0, tok.idx) + 1
    para_end = text.find("\n", tok.idx)
    return max(c_start, para_start), (min(c_end, para_end) if para_end >= 0 else c_end)


def _model_attribution(doc, tok, subject) -> Attribution | None:
    """Build the attribution of a cue word found by the learned scorer."""
    content, prep = _model_content(tok)
    if content is None:
        return None
    text = doc_text(doc)
    c_start, c_end = _content_span(tok, content)
    if content.dep_ == "xcomp":
        c_start = _with_fronted_object(tok, content, c_start)
    c_start, c_end = _in_paragraph(text, tok, c_start, c_end)
    c_start, c_end = _trim(text, c_start, c_end)
    if c_end <= c_start:
        return None
    if tok.pos_ == "NOUN":
        cue_start, cue_end = tok.idx, tok.idx + len(tok)
        owner = _possessor_verb(tok, subject) if subject is not None and subject.dep_ == "poss" else None
        if owner is not None:
            cue_start, subject = _cue_span(owner[0])[0], owner[1]
    elif tok.pos_ == "ADJ" and tok.dep_ == "acomp":
        cue_start, cue_end = _cue_span(tok.head)[0], tok.idx + len(tok)
    else:
        cue_start, cue_end = _cue_span(tok)
    if prep is not None and prep.i <= tok.i + 2:
        cue_end = max(cue_end, prep.idx + len(prep))
    attr = Attribution(cue_start, cue_end, c_start, c_end, "indirect", verb=tok.i)
    if subject is not None:
        s_start, s_end = _source_span(doc, subject)
        if subject.dep_ == "poss":
            right = subject.right_edge
            while right.i > subject.left_edge.i and (right.dep_ == "case" or right.is_punct):
                right = doc[right.i - 1]
            s_end = min(s_end, right.idx + len(right))
        # The subject may run into the content (bad parse): keep the part outside it.
        s_start, s_end = _outside_content(text, s_start, s_end, c_start, c_end)
        if s_end <= s_start or s_start < cue_end and cue_start < s_end:
            return None
        attr.speaker_start, attr.speaker_end, attr.speaker_head = s_start, s_end, subject.i
    attr.extra["stance"] = True  # a position or attitude, not a cited source (see sources.py)
    attr.extra["learned"] = True
    return attr


def apply_cue_model(doc, attrs: list[Attribution], quote_of_char: dict[int, int]) -> list[Attribution]:
    """Keep, drop and add cues by the learned scorer (:mod:`workbench.annotate.cue_model`).

    A rule cue without a direct quote is dropped when its probability is under
    ``DROP_THRESHOLD``; a candidate word no rule made a cue becomes one (an attribution of
    stance, not a cited source) when its probability reaches ``ADD_THRESHOLD``.
    """
    model = load_cue_model()  # package data, read on first use
    weights, bias = model.weights, model.bias
    add_t, drop_t = model.add_threshold, model.drop_threshold
    dropped: set[int] = set()
    added: list[Attribution] = []
    for tok, subject, feats, attr in list(cue_candidates(doc, attrs, quote_of_char)):
        p = cue_probability(feats, weights, bias)
        if attr is not None:
            if p < drop_t:
                dropped.add(id(attr))
        elif p >= add_t:
            new = _model_attribution(doc, tok, subject)
            if new is not None:
                added.append(new)
    if not dropped and not added:
        return attrs
    return [a for a in attrs if id(a) not in dropped] + added
