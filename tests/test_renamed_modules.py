"""Renamed modules (#21 item 6): the old import paths still work, warn, and are the new module."""

import subprocess
import sys

import pytest

RENAMED = [
    ("workbench.compare.pubdates", "workbench.compare.story_dates", "refine_publication_dates"),
    ("workbench.evaluate.timex", "workbench.evaluate.timex_scoring", "baseline_timexes"),
    ("workbench.annotate.parse", "workbench.annotate.doc_tables", "make_doc"),
]


@pytest.mark.parametrize(("old", "new", "name"), RENAMED)
def test_old_path_is_the_new_module_with_a_warning(old, new, name):
    package, short = old.rsplit(".", 1)
    code = f"""
import importlib, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = importlib.import_module("{old}")
new = importlib.import_module("{new}")
from {package} import {short} as via_from
from {old} import {name}
assert old is new is via_from, (old, new, via_from)
assert {name} is getattr(new, "{name}")
print([str(w.message) for w in caught if w.category is DeprecationWarning])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str([f"{old} is renamed {new}"])
