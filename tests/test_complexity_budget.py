"""The C901 budget (#21): complex functions may only get fewer and simpler.

ruff's C901 (McCabe complexity) is on in ``pyproject.toml`` with ``max-complexity``. The
functions over it today are listed with their complexity in ``tests/c901_budget.json``, and
their files are the only ones with C901 in ``per-file-ignores`` (so ``ruff check .`` passes).
This test runs ruff with those ignores and every ``noqa`` switched off and fails when a function
not listed goes over the limit, a listed one grows, or a listed one shrinks or goes away (then
lower or remove its entry, so the budget only goes down).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from helpers import ROOT

BUDGET_FILE = ROOT / "tests" / "c901_budget.json"
#: Entries in the budget file at most: only ever lower it.
MAX_EXCEPTIONS = 59
_MESSAGE = re.compile(r"`(?P<name>.+)` is too complex \((?P<n>\d+) > (?P<limit>\d+)\)")


def _ruff_lint() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"][
        "lint"]


def complex_functions(root: Path = ROOT) -> dict[str, int]:
    """``{"path::function": complexity}`` of every function over the configured limit."""
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "C901", "--ignore-noqa",
         "--config", "lint.per-file-ignores = {}", "--output-format", "json", "--exit-zero",
         "."], cwd=root, capture_output=True, text=True, check=True)
    found = {}
    for item in json.loads(out.stdout):
        m = _MESSAGE.match(item["message"])
        path = Path(item["filename"]).resolve().relative_to(root.resolve()).as_posix()
        found[f"{path}::{m['name']}"] = int(m["n"])
    return found


def test_c901_is_on_with_a_limit():
    lint = _ruff_lint()
    assert "C901" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == 10


def test_complexity_only_goes_down():
    budget = json.loads(BUDGET_FILE.read_text(encoding="utf-8"))["functions"]
    assert len(budget) <= MAX_EXCEPTIONS, "the budget only shrinks: simplify, do not list"
    found = complex_functions()
    new = {k: v for k, v in found.items() if k not in budget}
    grown = {k: (budget[k], v) for k, v in found.items() if k in budget and v > budget[k]}
    lower = {k: (v, found.get(k)) for k, v in budget.items() if found.get(k, 0) < v}
    assert not new, f"functions over max-complexity (split them into small ones): {new}"
    assert not grown, f"listed functions grew (budget, now): {grown}"
    assert not lower, (f"simpler than budgeted (budget, now; None: under the limit): {lower}; "
                       f"lower or remove their entries in {BUDGET_FILE.name}")


def test_per_file_ignores_name_only_budgeted_files():
    budget = json.loads(BUDGET_FILE.read_text(encoding="utf-8"))["functions"]
    ignored = {path for path, rules in _ruff_lint()["per-file-ignores"].items()
               if "C901" in rules}
    assert ignored == {key.split("::")[0] for key in budget}
