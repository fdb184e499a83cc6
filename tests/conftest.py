"""Shared fixtures (spaCy model, sample corpus, one headless Chromium), suite markers, baseline.

Every test under ``tests/quality`` is marked ``quality`` and every test under
``tests/hardening`` ``hardening``, so ``make unit`` can leave them out (``make gates`` runs
them). ``--update-baseline`` writes what the quality gates measured into
``tests/quality/baseline.json`` (see ``tests/quality/baseline.py``).
"""

import os
from pathlib import Path

import pytest
import quality.baseline as baseline
from helpers import SAMPLES

# no progress bars in test output (nor in the processes and kernels tests start), unless asked
os.environ.setdefault("WORKBENCH_PROGRESS", "0")

CHROMIUM = Path("/usr/bin/chromium")
#: Flags for Debian Chromium here: no sandbox as root, no background connections to Google.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


#: Test folders whose every test carries the marker of the same name.
_FOLDER_MARKS = ("quality", "hardening")


def pytest_addoption(parser):
    parser.addoption("--update-baseline", action="store_true", default=False,
                     help="write the quality gates' measured values into "
                          "tests/quality/baseline.json (never lowers a floor)")


def pytest_configure(config):
    baseline.UPDATING = config.getoption("--update-baseline")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        try:
            folder = Path(item.path).resolve().relative_to(here).parts[0]
        except ValueError:
            continue
        if folder in _FOLDER_MARKS:
            item.add_marker(folder)


def pytest_sessionfinish(session, exitstatus):
    if not baseline.UPDATING:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    say = reporter.write_line if reporter else print
    if not baseline.MEASURED:
        say("--update-baseline: no quality gate recorded a value; baseline.json unchanged")
        return
    try:
        lines = baseline.update(dict(baseline.MEASURED))
    except baseline.BaselineError as exc:
        say(f"--update-baseline: {exc}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        return
    say(f"--update-baseline: {len(lines)} values written to tests/quality/baseline.json "
        "(python -m tests.quality.baseline --docs regenerates the docs):")
    for line in lines:
        say(f"  {line}")


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
