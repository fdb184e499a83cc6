"""benchmarks/output_snapshot.py: ``compare`` on two tiny hand-made snapshots, run as a command."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pandas as pd
from helpers import ROOT

SCRIPT = ROOT / "benchmarks" / "output_snapshot.py"


def _tables() -> dict[str, pd.DataFrame]:
    sentences = pd.DataFrame({"article_id": ["a1", "a1", "b2"], "sentence_id": [0, 1, 0],
                              "start_char": [0, 41, 0], "text": ["One.", "Two.", "Three."]})
    claims = pd.DataFrame({"claim_id": ["c1", "c2"], "value_norm": ["3", "2021-03-17"],
                           "confidence": [0.5, 0.75]})
    return {"toy.sentences": sentences, "toy.claims": claims}


def _write(path, tables) -> None:
    path.write_bytes(pickle.dumps({"meta": {"commit": "abc"}, "tables": tables}))


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_identical_snapshots_exit_0(tmp_path):
    _write(tmp_path / "a.pkl", _tables())
    _write(tmp_path / "b.pkl", _tables())
    res = _run("compare", tmp_path / "a.pkl", tmp_path / "b.pkl")
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith("toy.")]
    assert len(lines) == 2 and all(ln.endswith("identical") for ln in lines)
    assert "2 of 2 tables identical" in res.stdout


def test_one_changed_cell_exits_1_naming_table_column_and_row(tmp_path):
    changed = _tables()
    changed["toy.sentences"].loc[1, "start_char"] = 42
    _write(tmp_path / "a.pkl", _tables())
    _write(tmp_path / "b.pkl", changed)
    res = _run("compare", tmp_path / "a.pkl", tmp_path / "b.pkl")
    assert res.returncode == 1, res.stdout + res.stderr
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("toy.sentences"))
    assert "DIFFERENT" in line and "column 'start_char', row 1" in line
    assert "A 41" in line and "B 42" in line
    assert "rows only in A 1, only in B 1" in line
    assert next(ln for ln in res.stdout.splitlines()
                if ln.startswith("toy.claims")).endswith("identical")


def test_tables_option_compares_only_the_named_tables(tmp_path):
    changed = _tables()
    changed["toy.sentences"].loc[1, "start_char"] = 42
    _write(tmp_path / "a.pkl", _tables())
    _write(tmp_path / "b.pkl", changed)
    res = _run("compare", tmp_path / "a.pkl", tmp_path / "b.pkl", "--tables", "claims")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "toy.sentences" not in res.stdout and "1 of 1 tables identical" in res.stdout
    res = _run("compare", tmp_path / "a.pkl", tmp_path / "b.pkl", "--tables", "claimz")
    assert res.returncode != 0 and "no table named claimz" in res.stderr


def test_dtype_and_missing_table_are_differences(tmp_path):
    changed = _tables()
    changed["toy.claims"]["confidence"] = changed["toy.claims"]["confidence"].astype("float32")
    del changed["toy.sentences"]
    _write(tmp_path / "a.pkl", _tables())
    _write(tmp_path / "b.pkl", changed)
    res = _run("compare", tmp_path / "a.pkl", tmp_path / "b.pkl")
    assert res.returncode == 1
    assert "column 'confidence': dtype A float64, B float32" in res.stdout
    assert next(ln for ln in res.stdout.splitlines()
                if ln.startswith("toy.sentences")).endswith("only in A")


def test_dump_without_the_shared_corpora_says_so(tmp_path):
    res = _run("dump", tmp_path / "out.pkl", "--corpora", tmp_path / "absent")
    assert res.returncode == 2
    assert str(tmp_path / "absent") in res.stderr and "nothing dumped" in res.stderr
    assert not (tmp_path / "out.pkl").exists()


def test_not_a_snapshot_is_a_clear_error(tmp_path):
    (tmp_path / "a.pkl").write_bytes(pickle.dumps([1, 2]))
    _write(tmp_path / "b.pkl", _tables())
    res = _run("compare", tmp_path / "a.pkl", tmp_path / "b.pkl")
    assert res.returncode != 0 and f"{tmp_path / 'a.pkl'} is no snapshot" in res.stderr
