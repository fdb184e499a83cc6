"""Deprecated name of :mod:`workbench.annotate.doc_tables`; import that instead.

Renamed for #21: it parses nothing: it tokenizes a text and turns a parsed spaCy ``Doc`` into
sentence and entity rows. This module *is* the new one (``sys.modules`` points the old name at
it), so attributes, patches and ``isinstance`` checks behave the same under either name.
"""

import sys
import warnings

from workbench.annotate import doc_tables as _renamed

warnings.warn("workbench.annotate.parse is renamed workbench.annotate.doc_tables",
              DeprecationWarning, stacklevel=2)
sys.modules[__name__] = _renamed
