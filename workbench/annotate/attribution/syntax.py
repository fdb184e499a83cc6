"""The :class:`Attribution` record and the token and span helpers every attribution rule uses."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from workbench.annotate.lexicons import (
    COGNITION_VERBS,
    DOCUMENT_NOUNS,
    PREP_CUE_VERBS,
    RECIPIENT_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    XCOMP_CUE_VERBS,
)

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
    """One attribution: cue, speaker and content spans (char offsets, half-open).

    The linking pass builds these records; the rules after it
    (:data:`~workbench.annotate.attribution.speaker_rules.SPEAKER_RULES`) never change one in
    place but return new ones (``dataclasses.replace``).
    """

    cue_start: int | None
    cue_end: int | None
    content_start: int
    content_end: int
    quote_type: str  #: direct, indirect or mixed
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: int | None = None  #: token index of the speaker's head
    verb: int | None = None  #: token index of the cue's main word
    recipient: str | None = None  #: 'Reuters' in 'told Reuters'
    document: tuple[int, int, int] | None = None  #: (start, end, head) of 'in a document' phrase
    inside_quote: int | None = None  #: index of the direct quote the speaker stands in
    quote_index: int | None = None  #: index of the direct quote this attribution carries
    #: How the rules read the cue: for a verb cue the kind of its content (``clause``,
    #: ``object``, ``stance``, ``xcomp``, ``prep``, or ``none``), else ``noun`` (a noun cue),
    #: ``transcript`` ('WALLACE: ...'), ``signature`` ('"..." ― Jane Doe'), ``reportedly``;
    #: None for frames, colon and quote-pass attributions and the cue scorer's additions.
    kind: str | None = None
    #: A position or attitude taken ('his attack on', 'were critical of'), not a cited source:
    #: it gives no row of the ``sources`` table unless it carries a direct quote.
    is_stance: bool = False
    #: A framing phrase ('according to X', 'In a poll, ...'): cues inside its content are its.
    is_frame: bool = False
    #: Added by the learned cue scorer (:func:`~workbench.annotate.attribution.apply_cue_model`).
    is_learned: bool = False
    #: For an uncued direct quote in a paragraph of its own: the ``quote_index`` of the
    #: attribution whose speaker it continues (its speaker key is taken in ``sources``).
    continues_quote: int | None = None


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
