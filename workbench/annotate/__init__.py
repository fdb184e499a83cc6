"""Annotate stage: sentences, entities, quotes, sources, temporal expressions."""

from workbench.annotate.nlp import get_nlp
from workbench.annotate.pipeline import Annotations, annotate_articles

__all__ = ["Annotations", "annotate_articles", "get_nlp"]
