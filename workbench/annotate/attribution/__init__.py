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

Modules, by concern: :mod:`.quote_marks` (pass 1), :mod:`.syntax` (the record and the token
helpers), :mod:`.cues` (cues read off the parse), :mod:`.linking` (quotes to speakers, and
:func:`find_attributions`), :mod:`.speaker_rules` (``SPEAKER_RULES``: the ordered table of pure
``(doc, attributions) -> attributions`` rules run after linking, the cue scorer among them),
:mod:`.learned` (pass 3).
"""

from __future__ import annotations

from workbench.annotate.attribution.learned import apply_cue_model, cue_candidates
from workbench.annotate.attribution.linking import find_attributions
from workbench.annotate.attribution.quote_marks import (
    find_quote_spans,
    quote_chars,
)
from workbench.annotate.attribution.syntax import Attribution, doc_ents, doc_text, sent_bounds

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
