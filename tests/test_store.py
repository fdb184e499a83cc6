"""The corpus store: round trip, incremental annotation, DuckDB, and crash safety (SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest
from helpers import ROOT, SAMPLES
from scale_articles import article_text, write_articles

import workbench
from workbench.annotate import pipeline
from workbench.store import ANNOTATION_TABLES, CorpusStore

KEYS = {
    "sentences": ["article_id", "sentence_id"],
    "entities": ["article_id", "entity_id"],
    "quotes": ["article_id", "quote_id"],
    "sources": ["article_id", "source_id"],
    "timexes": ["article_id", "timex_id"],
    "publication_dates": ["article_id"],
    "source_summary": ["article_id"],
}


def _sorted(df: pd.DataFrame, table: str) -> pd.DataFrame:
    return df.sort_values(KEYS[table]).reset_index(drop=True)


def assert_same_annotations(got, expected):
    for name in ANNOTATION_TABLES:
        pd.testing.assert_frame_equal(_sorted(getattr(got, name), name),
                                      _sorted(getattr(expected, name), name), check_dtype=True)


@pytest.fixture(scope="module")
def sample_reference():
    corpus = workbench.load(SAMPLES)
    return corpus.articles, pipeline.annotate_articles(corpus.articles, n_process=1)


def test_round_trip_equals_in_memory(tmp_path, sample_reference):
    articles, reference = sample_reference
    store = CorpusStore(tmp_path / "s", create=True)
    summary = store.ingest(SAMPLES)
    assert (summary.loaded, summary.new, summary.failed) == (2, 2, 0)
    ann = store.annotate(n_process=1, batch_size=1)
    assert (ann.annotated, ann.batches, ann.already_done) == (2, 2, 0)
    got = store.articles().sort_values("article_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, articles.sort_values("article_id").reset_index(drop=True))
    assert_same_annotations(store.read_annotations(), reference)
    assert len(reference.sentences) > 10 and len(reference.entities) > 10

    corpus = workbench.Corpus.open(tmp_path / "s")
    assert set(corpus.articles["article_id"]) == set(articles["article_id"])
    assert len(corpus.load_report) == 2
    pd.testing.assert_frame_equal(_sorted(corpus.sentences, "sentences"),
                                  _sorted(reference.sentences, "sentences"))


def test_reingest_and_reopen_do_not_redo_work(tmp_path, sample_reference, monkeypatch):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(SAMPLES)
    store.annotate(n_process=1)
    again = store.ingest(SAMPLES)
    assert (again.new, again.already_stored) == (0, 2)
    assert len(store.articles()) == 2

    def refuse(*args, **kwargs):
        raise AssertionError("annotated again although the store holds the annotations")

    monkeypatch.setattr(pipeline, "annotate_records", refuse)
    assert store.annotate(n_process=1).annotated == 0
    corpus = workbench.load(SAMPLES, store=tmp_path / "s")
    assert_same_annotations(corpus.annotations, sample_reference[1])


def test_incremental_annotates_only_new_or_changed_articles(tmp_path, monkeypatch):
    inputs = write_articles(tmp_path / "in", range(4))
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(inputs)
    first = store.annotate(n_process=1, batch_size=2)
    assert (first.annotated, first.already_done) == (4, 0)
    before = store.read_table("sentences")

    write_articles(inputs, range(4, 6))  # two new articles
    (inputs / "a0001.txt").write_text(article_text(1) + "\n\nA correction was added on Friday.")
    seen: list[str] = []
    real = pipeline.annotate_records

    def counting(records, **kwargs):
        seen.extend(r["article_id"] for r in records)
        return real(records, **kwargs)

    monkeypatch.setattr(pipeline, "annotate_records", counting)
    summary = store.ingest(inputs)
    assert (summary.new, summary.already_stored) == (3, 3)
    second = store.annotate(n_process=1, batch_size=2)
    assert (second.annotated, second.already_done) == (3, 4)
    assert len(seen) == 3 and not set(seen) & set(before["article_id"])
    after = store.read_table("sentences")
    assert after["article_id"].nunique() == 7  # the edited article's old version stays stored
    kept = after[after["article_id"].isin(before["article_id"])]
    pd.testing.assert_frame_equal(_sorted(kept, "sentences"), _sorted(before, "sentences"))


def test_new_annotator_version_reannotates_under_its_own_key(tmp_path, monkeypatch):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(3)))
    old_key = pipeline.cache_key()
    store.annotate(n_process=1)
    monkeypatch.setattr(pipeline, "cache_key", lambda: old_key + "-next")
    summary = store.annotate(n_process=1)
    assert (summary.annotated, summary.already_done) == (3, 0)
    assert store.annotation_keys() == sorted([old_key, old_key + "-next"])
    assert len(store.annotated_ids(old_key)) == 3


def test_duckdb_queries_parquet_in_place(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(5)))
    store.annotate(n_process=1, batch_size=2, compact=False)
    sentences = store.read_table("sentences")
    q = store.query("SELECT article_id, count(*) AS n FROM sentences GROUP BY 1 ORDER BY 1")
    expected = sentences.groupby("article_id").size().sort_index()
    assert q["n"].tolist() == expected.tolist()
    assert q["article_id"].tolist() == expected.index.tolist()
    joined = store.query(
        "SELECT a.outlet, count(*) AS n FROM entities e JOIN articles a USING (article_id) "
        "GROUP BY 1 ORDER BY 1")
    assert joined["n"].sum() == len(store.read_table("entities"))
    assert store.query("SELECT count(*) AS n FROM discrepancies")["n"].iloc[0] == 0


def test_compaction_interrupted_never_double_counts(tmp_path, monkeypatch):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(6)))
    store.annotate(n_process=1, batch_size=2, compact=False)
    expected = store.read_table("entities")

    from pathlib import Path

    def crash(self, missing_ok=False):
        raise OSError("simulated crash before old batches are removed")

    monkeypatch.setattr(Path, "unlink", crash)
    with pytest.raises(OSError):
        store.compact()
    monkeypatch.undo()
    # both the old batches and the merged one are on disk; only the merged one is read
    markers = list((store._ann_dir(pipeline.cache_key()) / "_batches").glob("*.json"))
    assert len(markers) == 4
    pd.testing.assert_frame_equal(_sorted(store.read_table("entities"), "entities"),
                                  _sorted(expected, "entities"))
    store.compact()
    assert len(list((store._ann_dir(pipeline.cache_key()) / "_batches").glob("*.json"))) == 1
    pd.testing.assert_frame_equal(_sorted(store.read_table("entities"), "entities"),
                                  _sorted(expected, "entities"))


def test_parts_written_before_a_column_was_added_still_read(tmp_path, monkeypatch):
    from workbench import schema

    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(2)))
    store.annotate(n_process=1)
    monkeypatch.setitem(schema.FIELDS, "scale_test_note", schema.Field("string", "test only"))
    monkeypatch.setitem(schema.TABLES, "timexes", [*schema.TABLES["timexes"], "scale_test_note"])
    timexes = store.read_table("timexes")
    assert "scale_test_note" in timexes.columns and timexes["scale_test_note"].isna().all()


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import workbench.parquet_io as pio
    import workbench.store as st

    store = st.CorpusStore(sys.argv[1])
    kill_at = int(sys.argv[2])
    real = pio.atomic_write_bytes
    calls = {"n": 0}

    def dying(path, data):
        if kill_at and path.parent.name == "entities":
            calls["n"] += 1
            if calls["n"] == kill_at:
                # a crash in the middle of writing this part: half the bytes in a temp file
                path.parent.mkdir(parents=True, exist_ok=True)
                path.with_name("." + path.name + ".crash.tmp").write_bytes(data[: len(data) // 2])
                os.kill(os.getpid(), signal.SIGKILL)
        real(path, data)

    pio.atomic_write_bytes = dying
    store.annotate(n_process=1, batch_size=int(sys.argv[3]), chunk_size=2, compact=False)
    """
)


def _child_env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _resume_and_check(store: CorpusStore, reference, all_ids: set[str], done_before: set[str],
                      monkeypatch):
    seen: list[str] = []
    real = pipeline.annotate_records

    def counting(records, **kwargs):
        seen.extend(r["article_id"] for r in records)
        return real(records, **kwargs)

    monkeypatch.setattr(pipeline, "annotate_records", counting)
    summary = store.annotate(n_process=1, batch_size=2)
    assert summary.already_done == len(done_before)
    assert summary.annotated == len(all_ids) - len(done_before)
    assert set(seen) == all_ids - done_before and len(seen) == len(set(seen))
    assert store.annotated_ids() == all_ids
    assert_same_annotations(store.read_annotations(), reference)


@pytest.fixture(scope="module")
def ten_articles(tmp_path_factory):
    folder = write_articles(tmp_path_factory.mktemp("ten"), range(10))
    corpus = workbench.load(folder)
    return folder, pipeline.annotate_articles(corpus.articles, n_process=1)


def test_sigkill_in_the_middle_of_a_write_keeps_finished_batches(tmp_path, ten_articles,
                                                                  monkeypatch):
    folder, reference = ten_articles
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(folder)
    all_ids = store.article_ids()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "s"), "3", "2"],
                          env=_child_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert list(tmp_path.rglob("*.crash.tmp")), "the child did not die mid-write"
    done_before = store.annotated_ids()
    assert len(done_before) == 4  # batches 1 and 2 committed, batch 3 died in its entities part
    sentences = store.read_table("sentences")
    assert set(sentences["article_id"]) == done_before  # batch 3's written sentences are ignored
    reopened = CorpusStore(tmp_path / "s").read_annotations()
    assert_same_annotations(
        reopened,
        type(reference)(**{n: getattr(reference, n)[getattr(reference, n)["article_id"].isin(
            done_before)] for n in ANNOTATION_TABLES}),
    )
    _resume_and_check(store, reference, all_ids, done_before, monkeypatch)
    assert len(store.articles()) == 10


def test_sigkill_from_outside_at_any_moment_loses_nothing(tmp_path, ten_articles, monkeypatch):
    folder, reference = ten_articles
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(folder)
    all_ids = store.article_ids()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "s"), "0", "1"],
                            env=_child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    markers = tmp_path / "s" / "annotations"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(markers.glob("*/_batches/*.json"))) >= 3:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    done_before = store.annotated_ids()
    assert 3 <= len(done_before) < 10
    for name in ANNOTATION_TABLES:
        table = store.read_table(name)
        assert set(table["article_id"]) <= done_before
        assert not table.duplicated(KEYS[name]).any()
    _resume_and_check(store, reference, all_ids, done_before, monkeypatch)


def test_store_files_are_plain_parquet_and_json(tmp_path):
    import pyarrow.parquet as pq

    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(2)))
    store.annotate(n_process=1)
    files = [p for p in (tmp_path / "s").rglob("*") if p.is_file()]
    # parses/ is a cache of spaCy DocBin files (workbench.annotate.parses), not a table
    assert files and all(p.suffix in {".parquet", ".json"} for p in files
                         if p.name != "write.lock" and not (p.suffix == ".spacy" and "parses" in p.parts))
    assert any(p.suffix == ".spacy" for p in files)
    art = pq.read_table(next((tmp_path / "s" / "articles").glob("*.parquet"))).to_pandas()
    assert json.loads(art["metadata"].iloc[0]) is not None  # dict cells stored as JSON text
    with pytest.raises(FileNotFoundError):
        CorpusStore(tmp_path / "nothing-here")


def test_reopen_reads_without_loading_the_model(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(3)))
    store.annotate(n_process=1)
    code = textwrap.dedent(
        """
        import sys
        import workbench
        from workbench.annotate import nlp, pipeline
        from workbench.store import _current_key
        corpus = workbench.Corpus.open(sys.argv[1])
        n = len(corpus.sentences)
        print(n, nlp.get_nlp.cache_info().currsize, _current_key())
        print(pipeline.cache_key())
        """
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], env=_child_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.strip().splitlines()[-2:]
    n, loaded, cheap_key = first.split()
    assert int(n) == len(store.read_table("sentences")) > 0
    assert loaded == "0"  # read back from the store: spaCy never loaded
    assert cheap_key == second == pipeline.cache_key()


def test_an_article_whose_tables_do_not_validate_is_reported_not_lost(tmp_path, monkeypatch):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(write_articles(tmp_path / "in", range(4)))
    victim = sorted(store.article_ids())[1]
    real = pipeline.annotate_records

    def one_bad_offset(records, **kwargs):
        out = real(records, **kwargs)
        for row in out["sentences"]:
            if row["article_id"] == victim:
                row["start_char"] = "not an offset"  # an int column: the batch fails validation
        return out

    monkeypatch.setattr(pipeline, "annotate_records", one_bad_offset)
    summary = store.annotate(n_process=1)
    assert set(summary.failed) == {victim} and summary.failed[victim].strip()
    assert summary.annotated == 3
    assert store.annotated_ids() == store.article_ids() - {victim}
    assert store.failed_ids() == summary.failed
    monkeypatch.setattr(pipeline, "annotate_records", real)
    assert store.annotate(n_process=1).annotated == 0  # the same code would fail the same way
    retry = store.annotate(n_process=1, retry_failed=True)
    assert (retry.annotated, retry.already_done, retry.failed) == (1, 3, {})
    assert store.failed_ids() == {} and store.annotated_ids() == store.article_ids()
