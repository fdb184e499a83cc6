"""Temporal expressions: the public names of :mod:`workbench.annotate.time`.

The code was split by concern into that package (#21); this module keeps the old import path
(``from workbench.annotate.timex import parse_timex``) working, re-exporting the public names and
the private regexes :mod:`workbench.annotate.timex_spans` imports.
"""

from __future__ import annotations

from workbench.annotate.time import (
    MAX_SPAN_CHARS,
    Resolved,
    TimexForm,
    parse_timex,
    resolve_timex,
    strip_signal,
)
from workbench.annotate.time.forms import _MONTH_RE as _MONTH_RE
from workbench.annotate.time.forms import _SIGNAL_RE as _SIGNAL_RE
from workbench.annotate.time.forms import _UNIT_RE as _UNIT_RE
from workbench.annotate.time.forms import _WD_FULL as _WD_FULL
from workbench.annotate.time.patterns import _NUM_RE as _NUM_RE

__all__ = [
    "MAX_SPAN_CHARS",
    "Resolved",
    "TimexForm",
    "parse_timex",
    "resolve_timex",
    "strip_signal",
]
