"""Progress bars for load, annotate and compare: shown when asked, silent when switched off."""

from __future__ import annotations

import pytest
from helpers import SAMPLES

import workbench
from workbench.cli import main
from workbench.progress import ENV_VAR, progress_setting

STAGES = ("load:", "annotate:", "compare:")


def _run_stages(**options):
    corpus = workbench.load(SAMPLES, **options)
    assert len(corpus.discrepancies) > 0
    return corpus


def test_bars_on_stderr_when_asked(capsys, monkeypatch, nlp):
    monkeypatch.delenv(ENV_VAR, raising=False)
    _run_stages(progress=True)
    err = capsys.readouterr().err
    for stage in STAGES:
        assert stage in err, err
    assert "2/2" in err  # load and annotate count the two sample articles
    assert "4/4" in err  # compare: stories, alignments, claims, discrepancies


def test_no_bars_when_switched_off(capsys, monkeypatch, nlp):
    monkeypatch.setenv(ENV_VAR, "1")  # the argument wins over the environment
    _run_stages(progress=False)
    err = capsys.readouterr().err
    assert not any(stage in err for stage in STAGES), err


@pytest.mark.parametrize(("value", "shown"), [("0", False), ("off", False), ("1", True)])
def test_environment_variable(capsys, monkeypatch, nlp, value, shown):
    monkeypatch.setenv(ENV_VAR, value)
    _run_stages()
    err = capsys.readouterr().err
    assert all(stage in err for stage in STAGES) is shown, err
    assert any(stage in err for stage in STAGES) is shown, err


def test_unreadable_environment_value_is_named(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "maybe")
    with pytest.raises(ValueError, match="WORKBENCH_PROGRESS='maybe'"):
        progress_setting()


def test_automatic_mode_shows_nothing_off_a_terminal(capsys, monkeypatch, nlp):
    monkeypatch.delenv(ENV_VAR, raising=False)
    _run_stages()  # pytest's captured stderr is no terminal: no bar, as in a log file
    err = capsys.readouterr().err
    assert not any(stage in err for stage in STAGES), err


def test_cli_bars_and_quiet(tmp_path, capsys, monkeypatch, nlp):
    monkeypatch.setenv(ENV_VAR, "1")
    store = tmp_path / "store"
    assert main(["ingest", str(SAMPLES), "--store", str(store)]) == 0
    assert main(["annotate", "--store", str(store)]) == 0
    assert main(["compare", "--store", str(store)]) == 0
    err = capsys.readouterr().err
    for stage in STAGES:
        assert stage in err, err
    quiet = tmp_path / "quiet"
    assert main(["ingest", str(SAMPLES), "--store", str(quiet), "-q"]) == 0
    assert main(["annotate", "--store", str(quiet), "-q"]) == 0
    assert main(["compare", "--store", str(quiet), "-q"]) == 0
    err = capsys.readouterr().err
    assert not any(stage in err for stage in STAGES), err


def test_notebook_bar_becomes_text(tmp_path):
    """In Jupyter the bar is a widget while it runs; the saved notebook keeps a text line."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipywidgets")
    code = f"import workbench\ncorpus = workbench.load({str(SAMPLES)!r}, progress=True)"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = nb.cells[0].outputs
    assert outputs, "no progress output"
    assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for o in outputs)
    texts = [o["data"]["text/plain"] for o in outputs if "text/plain" in o.get("data", {})]
    assert any(t.startswith("load: 100%") and "2/2" in t for t in texts), outputs
