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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_is_tagged_for_injection(path):
    """make report CORPUS=... sets parameters papermill-style: after the 'parameters' cell."""
    code = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: one code cell tagged 'parameters'"
    assert re.search(r"^CORPUS_PATH\s*=", "".join(tagged[0]["source"]), re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_with_charts_end_with_an_export_step(path):
    code = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]
            if c["cell_type"] == "code"]
    if not any("charts." in src and "_chart(" in src for src in code):
        pytest.skip(f"{path.name} draws no chart")
    assert re.search(r"export\.save_charts?\(", code[-1]), f"{path.name}: export step last"
    assert "EXPORT_DIR" in code[-1] and "corpus=corpus" in code[-1]
