"""Temporal expressions: parse a span's text into an anchor-free form, then resolve it.

Two steps, so an article can be re-anchored cheaply when its publication date is refined:

* :func:`parse_timex` turns the text of one expression ("from March 15", "said on Thursday" ->
  "on Thursday", "the past two weeks") into a :class:`TimexForm`: its TIMEX3 type, what it is
  relative to and the modifier of the governing preposition ("from" = open end). No anchor needed.
* :func:`resolve_timex` turns a form plus an anchor date and a tense direction into a
  :class:`Resolved`: TIMEX3-style ``value`` and an inclusive day interval with its granularity,
  flagged ``is_ambiguous`` with a ``note`` where more than one reading was plausible.

Every regex here is matched against one short span (at most :data:`MAX_SPAN_CHARS` characters)
with ``fullmatch`` and has no nested quantifiers, so nothing backtracks badly.

Modules: :mod:`.forms` (vocabulary and the two records), :mod:`.patterns` (normalising and
the regexes), :mod:`.parse_core` (parsing: ``READERS``, an ordered table of ``(pattern,
reader)`` pairs, first hit wins), :mod:`.days` (calendar arithmetic), :mod:`.resolve`
(resolving: ``RESOLVERS``, one resolver per form kind) and :mod:`.anchoring` (the year and
weekday choices and the resolvers of the larger kinds).
"""

from __future__ import annotations

from workbench.annotate.time.forms import MAX_SPAN_CHARS, Resolved, TimexForm
from workbench.annotate.time.parse_core import parse_timex
from workbench.annotate.time.patterns import strip_signal
from workbench.annotate.time.resolve import resolve_timex

__all__ = [
    "MAX_SPAN_CHARS",
    "Resolved",
    "TimexForm",
    "parse_timex",
    "resolve_timex",
    "strip_signal",
]
