"""Nested attributions: which attribution of an article is reported inside another's content.

"Officials said Trump claimed the talks had failed" holds two attributions: the officials' (cue
"said", content "Trump claimed the talks had failed") and, inside its content, Trump's (cue
"claimed"). The inner one is what the officials report, not something the article itself
attributes; a researcher counting whom an outlet cites wants to tell the two apart. Schemes
that give each word at most one attribution (PolNeAR's "univocal" annotation) mark only the
outer one.

An attribution B is *nested in* A when B's cue lies inside A's content, A's content is longer
than B's (equal lengths: the earlier attribution is the outer one, so nesting never loops), and
A's own cue is outside A's content. Where several attributions enclose B, the one with the
shortest content is its parent.
"""

from __future__ import annotations

__all__ = ["mark_nesting"]


def _cue(row: dict) -> tuple[int, int] | None:
    start, end = row.get("cue_start"), row.get("cue_end")
    if start is None or end is None or end <= start:
        return None
    return int(start), int(end)


def _content(row: dict) -> tuple[int, int] | None:
    start, end = row.get("content_start"), row.get("content_end")
    if start is None or end is None or end <= start:
        return None
    return int(start), int(end)


def mark_nesting(quote_rows: list[dict]) -> list[dict]:
    """Set ``nested_in`` on one article's quote rows (in place) and return them.

    Args:
        quote_rows: The article's ``quotes`` rows, each with ``quote_id``, ``cue_start``,
            ``cue_end``, ``content_start`` and ``content_end`` (offsets may be missing).

    Returns:
        The same rows; ``nested_in`` is the ``quote_id`` of the attribution whose content holds
        the row's cue (see the module docstring), or ``None`` for a top-level attribution.
    """
    parents = []
    for pos, row in enumerate(quote_rows):
        content, cue = _content(row), _cue(row)
        if content is not None and not (cue is not None and content[0] <= cue[0] < content[1]):
            parents.append((pos, row, content))
    for pos, row in enumerate(quote_rows):
        row["nested_in"] = None
        cue = _cue(row)
        if cue is None:
            continue
        own = _content(row)
        own_len = own[1] - own[0] if own else 0
        best = None
        for other_pos, other, (start, end) in parents:
            if other_pos == pos or not (start <= cue[0] and cue[1] <= end):
                continue
            length = end - start
            if length < own_len or (length == own_len and other_pos > pos):
                continue
            if best is None or length < best[1]:
                best = (other, length)
        if best is not None:
            row["nested_in"] = best[0].get("quote_id")
    return quote_rows
