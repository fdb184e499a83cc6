"""Quotations and attributions: the public names of :mod:`workbench.annotate.attribution`.

The code was split by concern into that package (#21); this module keeps the old import path
(``from workbench.annotate.quotes import find_attributions``) working, re-exporting the public
names and the private ones other modules import (``_lemma``, for the cue model's training).
"""

from __future__ import annotations

from workbench.annotate.attribution import (
    Attribution,
    apply_cue_model,
    cue_candidates,
    doc_ents,
    doc_text,
    find_attributions,
    find_quote_spans,
    quote_chars,
    sent_bounds,
)
from workbench.annotate.attribution.syntax import _lemma as _lemma

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
