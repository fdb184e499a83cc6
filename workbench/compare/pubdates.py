"""Deprecated name of :mod:`workbench.compare.story_dates`; import that instead.

Renamed for #21: it dates articles and timexes by their story, unlike
:mod:`workbench.annotate.pubdate`, which reads one page. This module *is* the new one
(``sys.modules`` points the old name at it), so attributes, patches and ``isinstance`` checks
behave the same under either name.
"""

import sys
import warnings

from workbench.compare import story_dates as _renamed

warnings.warn("workbench.compare.pubdates is renamed workbench.compare.story_dates",
              DeprecationWarning, stacklevel=2)
sys.modules[__name__] = _renamed
