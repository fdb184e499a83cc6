"""Shared fixtures: the spaCy model, the sample corpus."""

import pytest
from helpers import SAMPLES


@pytest.fixture(scope="session")
def nlp():
    from workbench.annotate.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def sample_corpus():
    import workbench

    return workbench.load(SAMPLES)
