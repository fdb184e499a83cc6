"""The learned cue scorer applied to the rules' cues and to candidate words (pass 3)."""

from __future__ import annotations

import bisect

from workbench.annotate.attribution.syntax import (
    _NOMINAL,
    Attribution,
    _cue_span,
    _in_paragraph,
    _lemma,
    _outside_content,
    _possessor_verb,
    _source_span,
    _span_of,
    _subject,
    _trim,
    _with_fronted_object,
    doc_text,
)
from workbench.annotate.cue_model import cue_features, cue_probability, load_cue_model

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
        if a.verb is None or a.cue_start is None or a.quote_index is not None or a.is_frame:
            continue
        tok = doc[a.verb]
        subject = doc[a.speaker_head] if a.speaker_head is not None else None
        feats = cue_features(tok, _lemma(tok), subject, rule_kind=a.kind or "none",
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
    # a position or attitude, not a cited source (see sources.py)
    attr = Attribution(cue_start, cue_end, c_start, c_end, "indirect", verb=tok.i, is_stance=True,
                       is_learned=True)
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
