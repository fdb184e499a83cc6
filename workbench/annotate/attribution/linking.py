"""Linking quotes to speakers, and :func:`find_attributions`, which then runs :data:`SPEAKER_RULES`.

Colon and transcript labels, signatures and tweets, the nearest cue to a quote, the verb that
governs it.
"""

from __future__ import annotations

import re

from workbench.annotate.attribution.cues import _verb_attributions
from workbench.annotate.attribution.quote_marks import _DOUBLE_OPEN, doc_quotes
from workbench.annotate.attribution.speaker_rules import (
    SPEAKER_RULES,
    _follows_cue_sentence,
    _is_modifier_quote,
    _merge_quote,
    score_cues,
)
from workbench.annotate.attribution.syntax import (
    Attribution,
    _cue_span,
    _document_phrase,
    _is_cue_verb,
    _recipient,
    _source_span,
    _subject,
    _trim,
    doc_text,
    sent_bounds,
)

#: Quotes shorter than this (words) with no cue are scare quotes or titles, not quotations.
MIN_UNCUED_WORDS = 5
#: How far (tokens) from a quote a cue may stand.
CUE_WINDOW = 30


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
                       kind="transcript")


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
                               speaker_end=s_end, speaker_head=name.root.i, kind="signature"))
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


def _transcript_turns(text: str, attrs: list[Attribution]) -> tuple[dict[int, Attribution], list[Attribution]]:
    """Return ``{paragraph start: transcript turn}`` and ``attrs`` without what the labels parse as.

    'HARPER: Thank you ...' parses HARPER as the subject of 'Thank': the label is the turn's.
    """
    turns = {text.rfind("\n", 0, a.cue_start) + 1: a for a in attrs if a.kind == "transcript"}
    if not turns:
        return turns, attrs
    labels = [(a.speaker_start, a.speaker_end) for a in turns.values()]
    return turns, [a for a in attrs if a.kind == "transcript" or a.speaker_start is None
                   or not any(s <= a.speaker_start < e for s, e in labels)]


def _signed_quote(doc, qs: int, qe: int, qi: int) -> Attribution | None:
    """Return the attribution of direct quote ``qi`` to the signature after it, if any."""
    sig = _signature(doc, qe)
    if sig is None:
        return None
    d_start, d_end, s_start, s_end, head = sig
    return Attribution(d_start, d_end, qs, qe, "direct", speaker_start=s_start, speaker_end=s_end,
                       speaker_head=head, quote_index=qi, kind="signature")


def _quote_cue(doc, qs: int, qe: int, words: int, by_verb: dict[int, Attribution]):
    """Return the cue token of direct quote [qs, qe), or None.

    A cue verb that governs the quote, else any verb with a subject that governs a long quote
    ('singled out China as "..."'), else the nearest cue verb. A cue that already reports a
    clause of its own is never taken (:func:`_holds_other_clause`).
    """
    cue_tok = _nearest_cue(doc, qs, qe, by_verb, governing=True)
    if cue_tok is None and words >= MIN_UNCUED_WORDS:
        cue_tok = _governing_verb(doc, qs, qe)
        if cue_tok is not None and cue_tok.i in by_verb \
                and _holds_other_clause(doc, by_verb[cue_tok.i], qs, qe):
            cue_tok = None
    if cue_tok is None:
        cue_tok = _nearest_cue(doc, qs, qe, by_verb)
    return cue_tok


def _cued_quote(doc, cue_tok, qs: int, qe: int, qi: int, quote_of_char) -> Attribution | None:
    """Return a new attribution of direct quote ``qi`` to ``cue_tok`` and its subject.

    None when the verb has no subject, or its subject stands inside the quote.
    """
    subject = _subject(cue_tok)
    if subject is None:
        return None
    s_start, s_end = _source_span(doc, subject)
    if s_start < qe and qs < s_end:
        return None
    cue_start, cue_end = _cue_span(cue_tok)
    return Attribution(
        cue_start, cue_end, qs, qe, "direct",
        speaker_start=s_start, speaker_end=s_end, speaker_head=subject.i,
        verb=cue_tok.i, recipient=_recipient(cue_tok), document=_document_phrase(cue_tok),
        inside_quote=quote_of_char.get(subject.idx), quote_index=qi,
    )


def _colon_quote(doc, qs: int, qe: int, qi: int) -> Attribution | None:
    """Return the attribution of direct quote ``qi`` to the paragraph before it ending in a colon."""
    intro = _colon_intro(doc, qs)
    if intro is None:
        return None
    colon, subject = intro
    s_start, s_end = _source_span(doc, subject)
    return Attribution(colon.idx, colon.idx + 1, qs, qe, "direct", speaker_start=s_start,
                       speaker_end=s_end, speaker_head=subject.i, quote_index=qi)


def _uncued_quote(text: str, qs: int, qe: int, qi: int, last_speaker_attr: Attribution | None,
                  last_quote_para_end: int) -> Attribution:
    """Return the attribution of uncued direct quote ``qi``, without a speaker.

    A paragraph that is only a quote, right after the paragraph of the last quote with a
    speaker, continues that speaker (``continues_quote``).
    """
    para_start = text.rfind("\n", 0, qs) + 1
    prev_para_gap = text[last_quote_para_end:para_start] if last_quote_para_end >= 0 else "x"
    continues = last_speaker_attr is not None and not prev_para_gap.strip() \
        and not text[para_start:qs].strip()
    return Attribution(None, None, qs, qe, "direct", quote_index=qi,
                       continues_quote=last_speaker_attr.quote_index if continues else None)


def find_attributions(doc, *, use_model: bool = True) -> list[Attribution]:
    """Return every attribution of ``doc``, in text order of the content.

    Args:
        doc: A parsed spaCy ``Doc``.
        use_model: Apply the learned cue scorer (:func:`~.speaker_rules.score_cues`) to the
            rules' cues; False gives the rules alone (as the scorer's training sees them).

    Returns:
        One :class:`Attribution` per cue (and per uncued direct quote of at least
        :data:`MIN_UNCUED_WORDS` words), with ``quote_type`` direct, indirect or mixed.
    """
    text = doc_text(doc)
    quotes, quote_of_char = doc_quotes(doc)
    attrs = (_verb_attributions(doc, quote_of_char) + _colon_attributions(doc, quote_of_char)
             + _tweet_attributions(doc, quote_of_char))
    # Quotes are tied to cues with a speaker only.
    by_verb = {a.verb: a for a in attrs if a.verb is not None and a.speaker_start is not None}
    last_speaker_attr: Attribution | None = None
    last_quote_para_end = -1
    turns, attrs = _transcript_turns(text, attrs)
    for qi, (qs, qe, _closed) in enumerate(quotes):
        turn = turns.get(text.rfind("\n", 0, qs) + 1)
        if turn is not None and qs < turn.cue_start:
            turn.quote_index = qi  # '"PENCE: Well, ...': the quote is the turn
            continue
        words = len(text[qs:qe].split())
        if words < MIN_UNCUED_WORDS and _is_modifier_quote(doc, qs, qe):
            continue
        attr = _signed_quote(doc, qs, qe, qi)
        cue_tok = _quote_cue(doc, qs, qe, words, by_verb) if attr is None else None
        if attr is not None:
            attrs.append(attr)
        elif cue_tok is not None and cue_tok.i in by_verb:
            attr = by_verb[cue_tok.i]
            _merge_quote(attr, qs, qe, qi)
        elif cue_tok is not None:
            attr = _cued_quote(doc, cue_tok, qs, qe, qi, quote_of_char)
            if attr is None:
                continue
            attrs.append(attr)
            by_verb[cue_tok.i] = attr
        elif last_speaker_attr is not None and _follows_cue_sentence(doc, last_speaker_attr, qs):
            # '"A?" Trump said. "B."': the quote after the cue sentence continues the same speaker.
            _merge_quote(last_speaker_attr, qs, qe, qi)
        elif (attr := _colon_quote(doc, qs, qe, qi)) is not None:
            attrs.append(attr)
        elif words >= MIN_UNCUED_WORDS:
            attrs.append(_uncued_quote(text, qs, qe, qi, last_speaker_attr, last_quote_para_end))
        else:
            continue
        if attr is not None:
            last_speaker_attr = attr
        last_quote_para_end = text.find("\n", qe)
    for rule in SPEAKER_RULES:
        if use_model or rule is not score_cues:
            attrs = rule(doc, attrs)
    return attrs
