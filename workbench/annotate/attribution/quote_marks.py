"""Quote marks: the quoted passages of a text, in any quote style (the first pass)."""

from __future__ import annotations

from workbench.annotate.attribution.syntax import doc_text

_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", "‹": "›", '"': '"', "「": "」", "『": "』", "”": "”"}
_SINGLE_OPEN = {"‘": "’", "'": "'", "‚": "‘"}
#: Closers also accepted for an opener (typewriter and typographic marks get mixed up in scraping).
_ALT_CLOSE = {"“": {'"'}, '"': {"”"}, "„": {"”", '"'}, "«": {'"'}}
#: A quote still open after this many characters is closed at the next paragraph end.
MAX_QUOTE_CHARS = 6000


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


def quote_chars(doc, quotes) -> dict[int, int]:
    """Return ``{token offset: quote index}`` for the tokens inside the quotes of ``doc``."""
    quote_of_char: dict[int, int] = {}
    for qi, (qs, qe, _) in enumerate(quotes):
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is not None:
            for t in span:
                quote_of_char[t.idx] = qi
    return quote_of_char


def doc_quotes(doc) -> tuple[list[tuple[int, int, bool]], dict[int, int]]:
    """Return ``(quote spans, {token offset: quote index})`` of ``doc``, cached on the Doc.

    :func:`find_quote_spans` of its text and :func:`quote_chars`, computed once for the linking
    pass and the rules after it.
    """
    cached = doc.user_data.get("_wb_quotes")
    if cached is None:
        quotes = find_quote_spans(doc_text(doc))
        cached = doc.user_data["_wb_quotes"] = (quotes, quote_chars(doc, quotes))
    return cached
