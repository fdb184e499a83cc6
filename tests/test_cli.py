"""The ``workbench`` command line: ingest, annotate, compare, export, info."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from helpers import ROOT, SAMPLES
from scale_articles import write_articles

from workbench.cli import main
from workbench.corpus import Corpus
from workbench.store import CorpusStore


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    """A store built by the CLI from the seed pages and four written articles."""
    base = tmp_path_factory.mktemp("cli")
    inputs = write_articles(base / "in", range(4))
    store = base / "store"
    assert main(["ingest", str(SAMPLES), "--store", str(store)]) == 0
    assert main(["ingest", str(inputs), "--store", str(store)]) == 0
    assert main(["annotate", "--store", str(store), "--workers", "1", "-q"]) == 0
    return store


def test_ingest_summary_counts_and_failures(tmp_path, capsys):
    inputs = write_articles(tmp_path / "in", range(3))
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "notes.xyz").write_text("not an article format")
    code = main(["ingest", str(inputs), "--store", str(tmp_path / "s")])
    out = capsys.readouterr().out
    assert code == 1  # some inputs failed: they are reported, the rest is stored
    assert "loaded 3 (3 new, 0 already stored)" in out
    assert "failed 1" in out and "empty.txt" in out
    assert "articles/s" in out
    store = CorpusStore(tmp_path / "s")
    assert len(store.article_ids()) == 3
    report = store.load_report()
    assert len(report) == 5 and set(report["status"]) == {"loaded", "failed", "skipped"}

    code = main(["ingest", str(inputs), "--store", str(tmp_path / "s")])
    assert "loaded 3 (0 new, 3 already stored)" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "missing"), "--store", str(tmp_path / "s")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["annotate", "--store", str(tmp_path / "not-a-store")]) == 2
    with pytest.raises(SystemExit):
        main(["annotate"])  # --store is required


def test_annotate_is_incremental(cli_store, capsys):
    assert main(["annotate", "--store", str(cli_store), "--workers", "1", "-q"]) == 0
    out = capsys.readouterr().out
    assert "0 annotated, 6 already done" in out
    assert len(CorpusStore(cli_store).annotated_ids()) == 6


def test_compare_and_export(cli_store, tmp_path, capsys):
    assert main(["compare", "--store", str(cli_store), "-q"]) == 0
    out = capsys.readouterr().out
    assert "compare: 6 articles;" in out and "discrepancies" in out
    store = CorpusStore(cli_store)
    assert store.compare_is_current()

    assert main(["export", "--store", str(cli_store), "--out", str(tmp_path / "csv")]) == 0
    sentences = store.read_table("sentences")
    exported = pd.read_csv(tmp_path / "csv" / "sentences.csv")
    assert len(exported) == len(sentences) > 20
    assert set(exported["article_id"]) == set(sentences["article_id"])
    for name in ("articles", "load_report", "entities", "sources", "timexes", "stories",
                 "discrepancies"):
        assert (tmp_path / "csv" / f"{name}.csv").is_file()
    # the summary tables a corpus derives are exported too, as the corpus computes them
    corpus = Corpus.open(cli_store, progress=False)
    for name in ("discrepancy_summary", "outlet_omissions", "story_timeline", "coverage",
                 "sourcing", "story_sources", "story_dates", "outlet_summary",
                 "thread_discrepancies"):
        exported = pd.read_csv(tmp_path / "csv" / f"{name}.csv")
        assert len(exported) == len(getattr(corpus, name)), name
    assert len(pd.read_csv(tmp_path / "csv" / "discrepancy_summary.csv")) > 0
    # every exported table names its articles: outlet and headline beside each article key
    outlets = store.articles().set_index("article_id")["outlet"]
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        table = pd.read_csv(path)
        for key, outlet, headline in (("article_id", "outlet", "headline"),
                                      ("article_id_a", "outlet_a", "headline_a"),
                                      ("other_article_id", "other_outlet", "other_headline")):
            if key in table.columns:
                assert {outlet, headline} <= set(table.columns), (path.name, key)
                named = table.dropna(subset=[key])
                assert named[outlet].fillna("").tolist() == \
                    named[key].map(outlets).fillna("").tolist(), path.name

    assert main(["export", "--store", str(cli_store), "--out", str(tmp_path / "pq"),
                 "--format", "parquet", "--tables", "articles,entities"]) == 0
    ents = pd.read_parquet(tmp_path / "pq" / "entities.parquet")
    assert len(ents) == len(store.read_table("entities"))
    assert list(ents.columns[:3]) == ["article_id", "outlet", "headline"]
    assert ents["outlet"].tolist() == ents["article_id"].map(outlets).tolist()
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        "articles.parquet", "datapackage.json", "entities.parquet", "provenance.json"]


def test_export_for_excel_readers(cli_store, tmp_path, capsys):
    """--excel CSV has a BOM and JSON cells; xlsx has one sheet per table; labels joined."""
    import json

    store = CorpusStore(cli_store)
    assert main(["export", "--store", str(cli_store), "--out", str(tmp_path / "x"), "--excel",
                 "--tables", "articles,sentences,sources"]) == 0
    assert "datapackage.json" in capsys.readouterr().out
    assert (tmp_path / "x" / "sentences.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    sentences = pd.read_csv(tmp_path / "x" / "sentences.csv", encoding="utf-8-sig")
    assert list(sentences.columns[:3]) == ["article_id", "outlet", "headline"]
    outlets = store.articles().set_index("article_id")["outlet"]
    assert sentences["outlet"].fillna("").tolist() == sentences["article_id"].map(outlets).fillna("").tolist()
    assert sentences["outlet"].notna().any()
    articles = pd.read_csv(tmp_path / "x" / "articles.csv", encoding="utf-8-sig")
    assert all(isinstance(json.loads(v), list) for v in articles["credits"])
    package = json.loads((tmp_path / "x" / "datapackage.json").read_text())
    assert [r["path"] for r in package["resources"]] == [
        "articles.csv", "sentences.csv", "sources.csv"]

    openpyxl = pytest.importorskip("openpyxl")
    assert main(["export", "--store", str(cli_store), "--out", str(tmp_path / "w"),
                 "--format", "xlsx", "--tables", "articles,sentences,sources"]) == 0
    book = openpyxl.load_workbook(tmp_path / "w" / "tables.xlsx", read_only=True)
    assert book.sheetnames == ["articles", "sentences", "sources"]
    rows = sum(1 for _ in book["sentences"].iter_rows(values_only=True))
    assert rows == len(store.read_table("sentences")) + 1


def test_export_xlsx_without_openpyxl_fails_clearly(cli_store, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code = main(["export", "--store", str(cli_store), "--out", str(tmp_path / "w"),
                 "--format", "xlsx", "--tables", "sentences"])
    assert code == 2 and "openpyxl" in capsys.readouterr().err


def test_entry_point_runs_as_a_program(cli_store):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.run([sys.executable, "-m", "workbench.cli", "info", "--store", str(cli_store)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "6 articles" in proc.stdout and "sentences:" in proc.stdout


def test_reopen_reads_stored_comparison_tables_lazily(cli_store, monkeypatch):
    import workbench
    from workbench import compare

    assert main(["compare", "--store", str(cli_store), "-q"]) == 0
    stored = CorpusStore(cli_store).read_compare("discrepancies")
    reads = []
    real = CorpusStore.read_compare
    monkeypatch.setattr(CorpusStore, "read_compare",
                        lambda self, table, **kw: reads.append(table) or real(self, table, **kw))
    monkeypatch.setattr(compare, "group_stories", lambda *a, **k: pytest.fail("regrouped"))
    corpus = workbench.Corpus.open(cli_store)
    assert reads == []  # opening reads articles and the load report only
    pd.testing.assert_frame_equal(corpus.discrepancies, stored)
    assert len(corpus.stories) == 6 and reads == ["discrepancies", "stories"]


def test_reopen_can_recompute_the_comparison(cli_store, monkeypatch):
    import workbench

    assert main(["compare", "--store", str(cli_store), "-q"]) == 0
    stored = CorpusStore(cli_store).read_compare("discrepancies")
    monkeypatch.setattr(CorpusStore, "read_compare",
                        lambda self, table, **kw: pytest.fail(f"read stored {table}"))
    corpus = workbench.Corpus.open(cli_store, reuse_compare=False)
    pd.testing.assert_frame_equal(corpus.discrepancies.reset_index(drop=True),
                                  stored.reset_index(drop=True), check_dtype=False)


def test_compare_one_story_and_threads_survive_the_store(cli_store, capsys):
    import workbench

    assert main(["compare", "--store", str(cli_store), "--one-story", "-q"]) == 0
    assert "; 1 stories," in capsys.readouterr().out
    stored = CorpusStore(cli_store).read_compare("stories")
    assert len(stored) == 6 and stored["story_id"].nunique() == 1
    assert stored["thread_id"].notna().all() and stored["thread_id"].nunique() == 1
    # a grouped corpus: its thread ids come back from the store as they were written
    grouped = workbench.Corpus.open(cli_store, reuse_compare=False).stories
    store = CorpusStore(cli_store)
    store.write_compare({"stories": grouped})
    assert grouped["story_id"].nunique() == 2 and grouped["thread_id"].notna().all()
    pd.testing.assert_frame_equal(store.read_compare("stories"), grouped)


def test_export_without_a_comparison_leaves_summaries_out_and_says_so(tmp_path, capsys):
    store = tmp_path / "s"
    assert main(["ingest", str(SAMPLES), "--store", str(store), "-q"]) == 0
    assert main(["export", "--store", str(store), "--out", str(tmp_path / "all")]) == 0
    out = capsys.readouterr().out
    assert "summary tables left out" in out and "workbench compare --store" in out
    assert (tmp_path / "all" / "articles.csv").is_file()
    assert not (tmp_path / "all" / "discrepancy_summary.csv").exists()
    # asked for by name, a summary the store cannot give is an error naming the store
    assert main(["export", "--store", str(store), "--out", str(tmp_path / "one"),
                 "--tables", "articles,discrepancy_summary"]) == 2
    err = capsys.readouterr().err
    assert "discrepancy_summary" in err and str(store) in err and "workbench compare" in err
    assert main(["export", "--store", str(store), "--out", str(tmp_path / "bad"),
                 "--tables", "articles,nonsense"]) == 2
    assert "unknown tables ['nonsense']" in capsys.readouterr().err
