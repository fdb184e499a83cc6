"""News comparison workbench: load, clean, annotate and compare how outlets report one story.

The public API::

    import workbench
    corpus = workbench.load("data/samples")       # or a file, folder, glob, or list
    corpus.articles, corpus.load_report             # pandas DataFrames
    corpus.sentences, corpus.sources, corpus.timexes, corpus.stories, corpus.discrepancies
"""

import logging

from workbench.annotate import Annotations, annotate_articles
from workbench.compare import align_stories, find_discrepancies, group_stories, relate_articles
from workbench.corpus import SAMPLE_DIR, Corpus, load
from workbench.ingest import LoadError, load_articles
from workbench.schema import SchemaError
from workbench.version import __version__ as __version__

__all__ = [
    "SAMPLE_DIR",
    "Annotations",
    "Corpus",
    "LoadError",
    "SchemaError",
    "align_stories",
    "annotate_articles",
    "find_discrepancies",
    "group_stories",
    "load",
    "load_articles",
    "relate_articles",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
