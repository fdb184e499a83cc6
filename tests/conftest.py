"""Shared fixtures: the spaCy model, the sample corpus, one headless Chromium for browser tests."""

from pathlib import Path

import pytest
from helpers import SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
#: Flags for Debian Chromium here: no sandbox as root, no background connections to Google.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


@pytest.fixture(scope="session")
def nlp():
    from workbench.annotate.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def sample_corpus():
    import workbench

    return workbench.load(SAMPLES)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session.

    Playwright's sync API cannot be entered twice in one process (the first session's event loop
    is still running), so every browser test, in any folder, shares this fixture.
    """
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (apt-get install chromium chromium-driver)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
