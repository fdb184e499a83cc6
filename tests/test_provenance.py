"""Provenance everywhere (#20 item 5): store.json, the annotation cache key, exports, charts."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import struct
import tomllib
import zlib
from pathlib import Path

import pandas as pd
import pytest
from helpers import ROOT, SAMPLES

import workbench
from workbench import provenance, version
from workbench.annotate import nlp, pipeline
from workbench.cli import main
from workbench.export import export_tables, save_chart
from workbench.store import CorpusStore

HEX64 = re.compile(r"[0-9a-f]{64}")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _samples_sha() -> str:
    digests = sorted(_sha(p) for p in SAMPLES.glob("*.txt"))
    return hashlib.sha256("".join(d + "\n" for d in digests).encode()).hexdigest()


# --- the annotation cache key is a hash of the annotate code -----------------------------------
def test_code_hash_follows_content_not_place(tmp_path):
    src = Path(pipeline.__file__).parent
    copy = tmp_path / "a" / "annotate"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__"))
    first = provenance.code_sha256(copy)
    assert HEX64.fullmatch(first)
    moved = tmp_path / "b" / "elsewhere"
    shutil.copytree(copy, moved)
    (moved / "__pycache__").mkdir()
    (moved / "__pycache__" / "quotes.cpython-311.pyc").write_bytes(b"\x00compiled")
    assert provenance.code_sha256(moved) == first  # place and byte-code do not count
    quotes = moved / "quotes.py"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n# one more line\n",
                      encoding="utf-8")
    assert provenance.code_sha256(moved) != first  # any change to the code does
    weights = next(copy / name for name in ("cue_model.json.gz", "cue_weights.py")
                   if (copy / name).is_file())
    weights.write_bytes(weights.read_bytes() + b" ")
    assert provenance.code_sha256(copy) != first  # and to the cue weights


def test_cache_key_is_model_and_code_hash():
    key = pipeline.cache_key()
    assert key.endswith("+code" + provenance.annotator_code_sha256()[:16])
    assert not hasattr(pipeline, "ANNOTATOR_VERSION")


def test_other_annotate_code_never_reads_stored_rows(tmp_path, monkeypatch):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(SAMPLES)
    first = store.annotate(n_process=1)
    assert first.annotated == 2 and first.cache_key == pipeline.cache_key()
    # the same store seen by changed annotate code: its rows are stale, found by key
    monkeypatch.setattr(provenance, "annotator_code_sha256", lambda: "f" * 64)
    assert store.annotated_ids() == set()
    second = store.annotate(n_process=1)
    assert (second.annotated, second.already_done) == (2, 0)
    assert second.cache_key.endswith("+code" + "f" * 16)
    assert sorted(store.annotation_keys()) == sorted([first.cache_key, second.cache_key])


# --- store.json ----------------------------------------------------------------------------
def test_store_json_records_versions_corpus_times_and_command(tmp_path):
    folder = tmp_path / "s"
    workbench.load(SAMPLES, store=folder)
    info = CorpusStore(folder).info()
    assert info["format"] == 1
    versions = info["versions"]
    for name in ("workbench", "spacy", "trafilatura", "htmldate", "pandas"):
        assert versions[name], name
    model = versions["spacy_model"]
    assert model["name"] and model["version"] and HEX64.fullmatch(model["sha256"])
    assert versions["annotator_code_sha256"] == provenance.annotator_code_sha256()
    assert info["corpus"] == {"sha256": _samples_sha(), "input_files": 2}
    assert info["created"] <= info["updated"]
    assert info["command"] and [h["operation"] for h in info["history"]] == ["create",
                                                                              "add_articles"]
    created = info["created"]

    # the same files from another folder: same corpus; one changed file: a new one
    again = tmp_path / "copy"
    shutil.copytree(SAMPLES, again)
    CorpusStore(folder).ingest(again)
    assert CorpusStore(folder).info()["corpus"]["sha256"] == _samples_sha()
    page = next(again.glob("*.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\nCorrection appended.\n",
                    encoding="utf-8")
    CorpusStore(folder).ingest(again)
    info = CorpusStore(folder).info()
    assert info["corpus"]["input_files"] == 3 and info["corpus"]["sha256"] != _samples_sha()
    assert info["created"] == created and info["history"][-1]["operation"] == "add_articles"


def test_corpus_fingerprint_of_a_store_a_corpus_and_a_report(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    assert store.corpus_sha256() is None and provenance.corpus_fingerprint(store) is None
    store.ingest(SAMPLES)
    assert store.corpus_sha256() == _samples_sha()
    assert provenance.corpus_fingerprint(store) == _samples_sha()  # the store hands it over
    corpus = workbench.load(SAMPLES)
    assert corpus.store is None
    assert provenance.corpus_fingerprint(corpus) == _samples_sha()  # over its load report
    stored = workbench.load(SAMPLES, store=tmp_path / "t")
    assert provenance.corpus_fingerprint(stored) == stored.store.corpus_sha256() == _samples_sha()
    assert provenance.corpus_fingerprint(corpus.load_report) == _samples_sha()
    assert provenance.corpus_fingerprint("abc") == "abc"
    assert provenance.corpus_fingerprint(corpus.load_report.iloc[0:0]) is None


# --- exports ---------------------------------------------------------------------------------
def test_export_writes_provenance(tmp_path):
    corpus = workbench.load(SAMPLES)
    tables = {"articles": corpus.articles, "load_report": corpus.load_report}
    written = export_tables(tables, tmp_path / "out")
    record = json.loads(written["provenance"].read_text(encoding="utf-8"))
    assert written["provenance"] == tmp_path / "out" / "provenance.json"
    assert record["what"] == "export" and record["format"] == "csv"
    assert record["corpus_fingerprint"] == _samples_sha()
    assert record["tables"] == {"articles": {"path": "articles.csv", "rows": 2},
                                "load_report": {"path": "load_report.csv", "rows": 2}}
    assert record["versions"]["spacy_model"]["sha256"]
    assert record["created"][:4].isdigit() and record["command"]


def test_cli_export_provenance_names_the_store(tmp_path):
    store = tmp_path / "s"
    assert main(["ingest", str(SAMPLES), "--store", str(store)]) == 0
    assert main(["export", "--store", str(store), "--out", str(tmp_path / "out"),
                 "--tables", "articles,load_report"]) == 0
    record = json.loads((tmp_path / "out" / "provenance.json").read_text(encoding="utf-8"))
    assert record["store"] == str(store.resolve())
    assert record["corpus_fingerprint"] == CorpusStore(store).info()["corpus"]["sha256"]
    assert record["corpus_fingerprint"] == _samples_sha()


def test_records_name_the_model_the_caller_names(tmp_path, monkeypatch):
    assert provenance.model_info(None) == {"name": None, "error": "no spaCy model installed"}
    installed = nlp.model_name()
    folder = str(Path(importlib.util.find_spec(installed).submodule_search_locations[0]))
    monkeypatch.setenv(nlp.MODEL_ENV, folder)  # the model as a path: what nlp would load
    tables = {"load_report": workbench.load(SAMPLES).load_report}
    record = json.loads(export_tables(tables, tmp_path / "out")["provenance"].read_text(
        encoding="utf-8"))
    model = record["versions"]["spacy_model"]
    assert model["name"] == folder
    assert model["sha256"] == provenance.model_info(installed)["sha256"]


# --- charts ----------------------------------------------------------------------------------
def _png_text(data: bytes) -> dict[str, str]:
    """The tEXt chunks of a PNG, checking every chunk's CRC and that it ends with IEND."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, at, kind = {}, 8, b""
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        if kind == b"tEXt":
            key, _, text = body.partition(b"\0")
            out[key.decode("latin-1")] = text.decode("latin-1")
        at += 12 + length
    assert kind == b"IEND"
    return out


@pytest.fixture(scope="module")
def sample_chart():
    from workbench import charts

    corpus = workbench.load(SAMPLES)
    return corpus, charts.anonymous_share_chart(pd.DataFrame({
        "outlet": ["Nippon.com", "Japan Today"], "anonymous_share": [0.5, 0.25],
        "source_count": [4, 4]}))


def test_saved_chart_carries_caption_and_metadata(tmp_path, sample_chart):
    corpus, chart = sample_chart
    written = save_chart(chart, tmp_path / "c", formats=("png", "svg", "html"), corpus=corpus)
    fingerprint = _samples_sha()
    png = _png_text(written["png"].read_bytes())
    record = json.loads(png["workbench:provenance"])
    assert record["corpus_fingerprint"] == fingerprint and record["what"] == "chart"
    caption = png["Description"]
    assert caption.startswith(f"corpus {fingerprint[:12]} · made {record['created'][:10]}")
    assert f"workbench {record['versions']['workbench']}" in caption
    svg = written["svg"].read_text(encoding="utf-8")
    assert caption in svg  # drawn under the chart
    assert '<metadata id="workbench-provenance">' in svg and fingerprint in svg
    assert fingerprint in written["html"].read_text(encoding="utf-8")


def test_chart_without_corpus_names_its_data(tmp_path, sample_chart):
    _, chart = sample_chart
    written = save_chart(chart, tmp_path / "c", formats=("svg",))
    svg = written["svg"].read_text(encoding="utf-8")
    assert re.search(r"data [0-9a-f]{12} · made \d{4}-\d\d-\d\d · workbench ", svg)


def test_cli_info_shows_provenance(tmp_path, capsys):
    store = tmp_path / "s"
    assert main(["ingest", str(SAMPLES), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["info", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert f"corpus sha256 {_samples_sha()} (2 input files)" in out
    assert "versions: workbench " in out and "trafilatura" in out and "model " in out


def test_version_is_one_string_in_a_leaf():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert workbench.__version__ == version.__version__ == project["version"]
