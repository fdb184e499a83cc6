"""The quality figures in one place: tests/quality/baseline.json, the gates' floors and the docs."""

import json
import re
import shutil
from pathlib import Path

import pytest
from quality import baseline

GATES = Path(__file__).resolve().parent / "quality"


def test_docs_are_generated_from_the_baseline():
    """docs/quality.md and the README's summary table say what baseline.json says."""
    stale = [str(p.relative_to(baseline.REPO)) for p in baseline.stale_docs()]
    assert not stale, f"{stale}: run python -m tests.quality.baseline --docs"


def test_every_bar_holds_its_value_and_every_metric_has_a_gate(monkeypatch):
    """Each metric is read by its gate: at import (the floors tables) or by name in a test."""
    import importlib

    data = baseline.load()
    read: set[str] = set()
    metric = baseline._metric
    monkeypatch.setattr(baseline, "_metric", lambda name: (read.add(name), metric(name))[1])
    for path in sorted(GATES.glob("test_*.py")):
        importlib.reload(importlib.import_module(f"quality.{path.stem}"))
    sources = "\n".join(p.read_text(encoding="utf-8") for p in GATES.glob("test_*.py"))
    for name, m in data["metrics"].items():
        if m["value"] is not None:
            assert (m["value"] >= m["floor"]) if "floor" in m else (m["value"] <= m["ceiling"]), name
        assert (GATES / data["areas"][name.split(".")[0]]["gate"]).exists(), name
        assert name in read or f'"{name}"' in sources, f"no gate reads {name}"
        assert m["corpus"] and all(isinstance(c, str) for c in m["corpus"]), name


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "baseline.json"
    shutil.copy(baseline.BASELINE, path)
    return path


def test_update_records_values_and_never_lowers_a_floor(copy):
    name = "disagreement.held_fact_recall"
    before = json.loads(copy.read_text())["metrics"][name]
    under = before["floor"] - 0.01
    with pytest.raises(baseline.BaselineError, match="never lowers a floor"):
        baseline.update({name: (under, "1 / 100")}, path=copy)
    assert json.loads(copy.read_text())["metrics"][name] == before  # nothing written
    with pytest.raises(baseline.BaselineError, match="past its ceiling"):
        baseline.update({"anchoring.story_wrong_single_share": (0.5, None)}, path=copy)

    lines = baseline.update({name: (before["floor"] + 0.05, "15 / 87")}, path=copy)
    after = json.loads(copy.read_text())["metrics"][name]
    assert lines == [f"{name}: {before['value']} -> {round(before['floor'] + 0.05, 4)}"]
    assert after["floor"] == before["floor"] and after["detail"] == "15 / 87"
    assert after["measured_at"]  # the commit it was measured at


def test_set_floor_only_tightens(copy):
    name = "grouping.ecbplus_pairwise_f1"
    m = json.loads(copy.read_text())["metrics"][name]
    with pytest.raises(baseline.BaselineError, match="refusing"):
        baseline.set_bar(name, m["floor"] - 0.01, path=copy)
    with pytest.raises(baseline.BaselineError, match="would fail the measured value"):
        baseline.set_bar(name, m["value"] + 0.01, path=copy)
    baseline.set_bar(name, m["floor"] + 0.001, path=copy)
    assert json.loads(copy.read_text())["metrics"][name]["floor"] == m["floor"] + 0.001
    with pytest.raises(baseline.BaselineError, match="refusing"):
        baseline.set_bar("anchoring.story_wrong_single_share", 0.5, path=copy)  # a ceiling up


def test_corpus_hash_covers_names_and_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(baseline, "CORPORA", tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("one")
    first = baseline.corpus_sha256(["c"])
    assert first == baseline.corpus_sha256(["c/a.txt"]) and re.fullmatch("[0-9a-f]{64}", first)
    (tmp_path / "c" / "a.txt").write_text("two")
    assert baseline.corpus_sha256(["c"]) != first
    assert baseline.corpus_sha256(["c", "absent"]) is None


def test_malformed_baseline_is_named(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"areas": {"x": {}}, "metrics": {"x.y": {"value": 1, "floor": 0.5, '
                    '"ceiling": 2}}}')
    with pytest.raises(baseline.BaselineError, match="exactly one of floor/ceiling") as err:
        baseline.load(path)
    assert str(path) in str(err.value)
    path.write_text("{")
    with pytest.raises(baseline.BaselineError, match="not a readable JSON"):
        baseline.load(path)


def test_gates_read_their_floors_from_the_baseline():
    """No floor literal is left in the gates: each comes from baseline.json."""
    import importlib

    mod = importlib.import_module("quality.test_polnear_gate")
    assert mod.F1_FLOORS[("cue", "overlap")] == baseline.floor("attribution.cue_overlap_f1")
    mod = importlib.import_module("quality.test_disagreement_gate")
    assert mod.FLOORS["held"] == tuple(
        baseline.floor(f"disagreement.held_{m}")
        for m in ("contradiction_precision", "fact_recall", "running_gathered_share"))
