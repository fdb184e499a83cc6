"""Cues read off the dependency parse: reporting verbs, noun cues, ``according to``, frames."""

from __future__ import annotations

from workbench.annotate.attribution.syntax import (
    _NOMINAL,
    _OBJECT_COMPLEMENT_PREPS,
    Attribution,
    _content_child,
    _cue_span,
    _document_phrase,
    _in_paragraph,
    _is_cue_verb,
    _is_extended_cue,
    _is_passive,
    _outside_content,
    _possessor_verb,
    _recipient,
    _source_span,
    _span_of,
    _subject,
    _trim,
    _with_fronted_object,
    doc_text,
    sent_bounds,
)
from workbench.annotate.lexicons import DOCUMENT_NOUNS, NOUN_CUES, POLL_NOUNS, SPEECH_VERBS


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
            out.append(Attribution(cue_start, cue_end, c_start, c_end, "indirect", verb=tok.i,
                                   kind=kind or "none"))
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
            inside_quote=quote_of_char.get(subject.idx), kind=kind or "none",
            is_stance=kind == "stance",
        )
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
            return Attribution(cue_start, cue_end, c_start, c_end, "indirect", speaker_start=s_start,
                               speaker_end=s_end, speaker_head=subject.i, verb=tok.i, kind="noun",
                               is_stance=True)
    right = poss.right_edge
    while right.i > poss.left_edge.i and (right.dep_ == "case" or right.is_punct):
        right = doc[right.i - 1]
    s_start, s_end = _trim(text, poss.left_edge.idx, right.idx + len(right))
    if s_end <= s_start:
        return None
    # a position taken, not a cited source (see sources.py)
    return Attribution(cue_start, cue_end, c_start, c_end, "indirect", speaker_start=s_start,
                       speaker_end=s_end, speaker_head=poss.i, verb=tok.i, kind="noun", is_stance=True)


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
                       kind="reportedly")


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
    return Attribution(
        tok.idx, cue_end, c_start, c_end, "indirect",
        speaker_start=s_start, speaker_end=s_end, speaker_head=pobj.i, verb=tok.i, is_frame=True,
    )
