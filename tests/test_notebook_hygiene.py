"""Notebooks are thin: outputs stripped, markdown title first, no def/class, a parameters cell."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = json.loads(path.read_text())
    cells = nb["cells"]
    assert re.match(r"\d\d-[a-z0-9-]+\.ipynb$", path.name), "notebooks are numbered"
    assert cells[0]["cell_type"] == "markdown"
    assert "".join(cells[0]["source"]).lstrip().startswith("# "), "markdown title first"
    code = [c for c in cells if c["cell_type"] == "code"]
    for c in code:
        assert not c.get("outputs"), f"{path.name}: outputs not stripped"
        assert c.get("execution_count") is None, f"{path.name}: execution count not stripped"
        src = "".join(c["source"])
        assert not re.search(r"^\s*(def|class)\s", src, re.M), f"{path.name}: logic belongs in workbench/"
        assert not re.search(r"^\s*(for|while)\s", src, re.M), f"{path.name}: no loops in notebooks"
    params = [c for c in code if re.search(r"^[A-Z][A-Z0-9_]+\s*=", "".join(c["source"]), re.M)]
    assert params, f"{path.name}: needs a parameters cell (UPPER_CASE names)"
