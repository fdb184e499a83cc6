"""Deprecated name of :mod:`workbench.evaluate.timex_scoring`; import that instead.

Renamed for #21: it scores timexes against gold, unlike :mod:`workbench.annotate.timex`, which
finds them. This module *is* the new one (``sys.modules`` points the old name at it), so
attributes, patches and ``isinstance`` checks behave the same under either name.
"""

import sys
import warnings

from workbench.evaluate import timex_scoring as _renamed

warnings.warn("workbench.evaluate.timex is renamed workbench.evaluate.timex_scoring",
              DeprecationWarning, stacklevel=2)
sys.modules[__name__] = _renamed
