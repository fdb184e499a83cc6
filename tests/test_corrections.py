"""Corrections that persist (issue #20 item 6): the edit log, re-applied after every recompute,
written by one writer at a time, and inter-coder coding sheets with Krippendorff's alpha."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest
from helpers import FIXTURES, ROOT, SAMPLES

import workbench
from workbench import corrections, schema
from workbench.corpus import Corpus
from workbench.store import CorpusStore

DAM = FIXTURES / "compare" / "dam_story"
#: The Nippon.com seed page (its manifest is not read when loaded with the dam story).
NIPPON = "ec0e0f2825fd257b"


def _env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _cli(*args: str) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "workbench.cli", *args], env=_env(),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


@pytest.fixture(scope="module")
def two_story_store(tmp_path_factory):
    """The seed pages (one story) and the dam story (another), stored and annotated once."""
    path = tmp_path_factory.mktemp("corrections") / "store"
    corpus = workbench.load([SAMPLES, DAM], store=path)
    corpus.annotations  # noqa: B018 (annotate and store once)
    return path


@pytest.fixture
def store_copy(two_story_store, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(two_story_store, path)
    return path


def _story_sizes(corpus) -> list[int]:
    return sorted(corpus.stories["story_id"].value_counts().tolist())


def test_a_merge_survives_reopening_the_store_and_workbench_compare(store_copy):
    corpus = Corpus.open(store_copy)
    assert _story_sizes(corpus) == [2, 3]
    corpus.merge_stories(corpus.stories["story_id"].unique().tolist(), coder="ana",
                         note="one diplomatic week")
    assert _story_sizes(corpus) == [5]
    merged_id = corpus.stories["story_id"].iloc[0]

    reopened = Corpus.open(store_copy)
    assert _story_sizes(reopened) == [5]
    assert set(reopened.stories["story_id"]) == {merged_id}

    _cli("compare", "--store", str(store_copy), "-q")
    store = CorpusStore(store_copy)
    assert store.compare_is_current()  # computed under this log: reopening reads it back
    stored = store.read_compare("stories")
    assert set(stored["story_id"]) == {merged_id} and len(stored) == 5
    after = Corpus.open(store_copy)
    assert _story_sizes(after) == [5]
    assert set(after.story_pairs["story_id"]) == {merged_id}
    # the merged story's pairs span both former stories: 5 articles, 10 pairs
    assert len(after.story_pairs) == 10

    edits = store.read_table("edits")
    assert edits[["action", "coder_name", "edit_note"]].values.tolist() == [
        ["merge_stories", "ana", "one diplomatic week"]]
    assert sorted(edits["row_key"].iloc[0]["article_ids"]) == sorted(after.articles["article_id"])


def test_a_split_survives_reopening_and_a_later_edit_invalidates_stored_comparisons(store_copy):
    _cli("compare", "--store", str(store_copy), "-q")
    corpus = Corpus.open(store_copy)
    dam = corpus.stories.groupby("story_id")["article_id"].apply(list)
    dam_ids = next(ids for ids in dam if len(ids) == 3)
    corpus.split_story(article_ids=dam_ids[:1], coder="ben", note="a follow-up, not the breach")
    assert _story_sizes(corpus) == [1, 2, 2]
    assert not CorpusStore(store_copy).compare_is_current()  # stored before the split
    reopened = Corpus.open(store_copy)
    assert _story_sizes(reopened) == [1, 2, 2]
    alone = reopened.stories.groupby("story_id")["article_id"].apply(list)
    assert [dam_ids[0]] in alone.tolist()
    # running the split again changes nothing and records nothing
    reopened.split_story(article_ids=dam_ids[:1], coder="ben", note="a follow-up, not the breach")
    assert len(reopened.edit_log.records()) == 1
    # gathering articles into a story: recorded once, re-applied on reopening
    reopened.make_story(article_ids=dam_ids[:2], coder="ben")
    reopened.make_story(article_ids=dam_ids[:2], coder="ben")
    assert [e["action"] for e in reopened.edit_log.records()] == ["split_story", "make_story"]
    again = Corpus.open(store_copy)
    assert _story_sizes(again) == [1, 2, 2]
    assert sorted(dam_ids[:2]) in again.stories.groupby("story_id")["article_id"].apply(
        sorted).tolist()


def _quote_key(row) -> dict:
    return {"article_id": row.article_id, "content_start": int(row.content_start),
            "content_end": int(row.content_end)}


def _annotate_afresh(path):
    """Throw the stored annotations away and annotate again (a new annotator would do this)."""
    shutil.rmtree(path / "annotations")
    shutil.rmtree(path / "compare", ignore_errors=True)
    _cli("annotate", "--store", str(path), "--workers", "1", "-q")


def test_corrected_speaker_source_date_and_outlet_survive_recompute(store_copy):
    corpus = Corpus.open(store_copy)
    quote = corpus.quotes[corpus.quotes["article_id"] == NIPPON].iloc[0]
    assert quote.speaker.startswith("three government sources")
    corpus.correct("quotes", _quote_key(quote), speaker="Three officials", coder="ana",
                   note="speaker span cut")
    source = corpus.sources[(corpus.sources["article_id"] == NIPPON)
                            & (corpus.sources["source_key"] == "anonymous:2")].iloc[0]
    assert source.source_text == "A source familiar with the matter"
    corpus.correct("sources", {"article_id": NIPPON, "start_char": int(source.start_char),
                               "end_char": int(source.end_char)},
                   source_kind="unnamed_official", affiliation="U.S. government", coder="ana",
                   note="the next sentence says the source is a U.S. official")
    timex = corpus.timexes[(corpus.timexes["article_id"] == NIPPON)
                           & (corpus.timexes["timex_text"] == "in January")].iloc[0]
    corpus.correct("timexes", {"article_id": NIPPON, "start_char": int(timex.start_char),
                               "end_char": int(timex.end_char)},
                   value="2021-01-20", start_date="2021-01-20", end_date="2021-01-21",
                   granularity="day", coder="ana", note="inauguration day")
    assert pd.isna(corpus.articles.set_index("article_id").loc[NIPPON, "outlet"])
    corpus.correct("articles", {"article_id": NIPPON}, outlet="Nippon.com",
                   published_date="2021-03-04 09:10", coder="ana", note="from the manifest")

    def check(c):
        q = c.quotes.set_index(["article_id", "content_start"]).loc[
            (NIPPON, int(quote.content_start))]
        assert q["speaker"] == "Three officials"
        s = c.sources.set_index(["article_id", "start_char"]).loc[(NIPPON, int(source.start_char))]
        assert s["source_kind"] == "unnamed_official" and s["affiliation"] == "U.S. government"
        t = c.timexes.set_index(["article_id", "start_char"]).loc[(NIPPON, int(timex.start_char))]
        assert t["value"] == "2021-01-20" and t["start_date"] == pd.Timestamp("2021-01-20")
        art = c.articles.set_index("article_id").loc[NIPPON]
        assert art["outlet"] == "Nippon.com"
        assert art["published_date"] == pd.Timestamp("2021-03-04 09:10")
        pub = c.publication_dates.set_index("article_id").loc[NIPPON]
        assert pub["published_date"] == pd.Timestamp("2021-03-04 09:10")
        assert pub["evidence"] == "corrected by ana: from the manifest"
        # downstream tables are built on the corrected rows
        assert set(c.claims.loc[c.claims["article_id"] == NIPPON, "outlet"]) == {"Nippon.com"}
        kinds = c.story_sources.loc[c.story_sources["article_id"] == NIPPON, "source_kind"]
        assert "unnamed_official" in set(kinds)

    check(corpus)
    check(Corpus.open(store_copy))
    _cli("compare", "--store", str(store_copy), "-q")
    check(Corpus.open(store_copy))
    _annotate_afresh(store_copy)
    check(Corpus.open(store_copy))
    # exported with the data: the CLI export reads the corrected tables and the log
    out = store_copy.parent / "export"
    _cli("export", "--store", str(store_copy), "--out", str(out), "--tables",
         "articles,quotes,edits")
    quotes = pd.read_csv(out / "quotes.csv")
    assert "Three officials" in set(quotes["speaker"])
    edits = pd.read_csv(out / "edits.csv")
    assert edits["table_name"].tolist() == ["quotes", "sources", "timexes", "articles"]
    assert json.loads(edits["new_values"].iloc[0]) == {"speaker": "Three officials"}


def test_add_and_remove_a_source_persist_and_redo_the_source_summary(store_copy):
    corpus = Corpus.open(store_copy)
    before = corpus.source_summary.set_index("article_id").loc[NIPPON, "distinct_source_count"]
    text = corpus.articles.set_index("article_id").loc[NIPPON, "text"]
    start = text.index("Ned Price")
    corpus.add_row("sources", {"article_id": NIPPON, "start_char": start, "end_char": start + 9},
                   source_text="Ned Price", source_kind="named_person", is_anonymous=False,
                   source_name="Ned Price", source_key="person:ned price x", coder="ana")
    yonhap = corpus.sources[corpus.sources["source_key"] == "org:yonhap"].iloc[0]
    corpus.remove_row("sources", {"article_id": NIPPON, "source_key": "org:yonhap"}, coder="ana",
                      note="a news agency cited as a source of a report, kept out by codebook")
    for c in (corpus, Corpus.open(store_copy)):
        rows = c.sources[c.sources["article_id"] == NIPPON]
        added = rows[rows["start_char"] == start].iloc[0]
        assert added["source_name"] == "Ned Price" and added["source_id"] == rows["source_id"].max()
        assert added["sentence_id"] == c.sentences[
            (c.sentences["article_id"] == NIPPON) & (c.sentences["start_char"] <= start)
        ]["sentence_id"].max()
        assert yonhap.source_key not in set(rows["source_key"])
        after = c.source_summary.set_index("article_id").loc[NIPPON, "distinct_source_count"]
        assert after == before  # one key added, one removed
        schema.validate(c.sources, "sources")


def test_a_span_key_finds_the_mention_a_new_annotator_moved(store_copy):
    corpus = Corpus.open(store_copy)
    quote = corpus.quotes[corpus.quotes["article_id"] == NIPPON].iloc[1]
    key = _quote_key(quote)
    key["content_end"] += 3  # as if the annotator that ran when the edit was made ended later
    corpus.correct("quotes", key, speaker="The administration", coder="ana")
    assert corpus.quotes.set_index(["article_id", "quote_id"]).loc[
        (NIPPON, int(quote.quote_id)), "speaker"] == "The administration"
    assert corrections.unmatched_edits(corpus).empty


def test_an_edit_naming_nothing_is_refused_or_reported(store_copy):
    corpus = Corpus.open(store_copy)
    with pytest.raises(ValueError, match="no row of 'quotes'"):
        corpus.correct("quotes", {"article_id": NIPPON, "content_start": 5, "content_end": 6},
                       speaker="x")
    with pytest.raises(ValueError, match="named by"):
        corpus.correct("sources", {"article_id": NIPPON, "source_id": 0}, source_kind="other")
    with pytest.raises(ValueError, match="is not a valid datetime value"):
        corpus.correct("articles", {"article_id": NIPPON}, published_date="soon")
    with pytest.raises(ValueError, match="cannot set"):
        corpus.correct("articles", {"article_id": NIPPON}, text="rewritten")
    # a logged edit whose row is gone is kept and reported, not dropped
    edit = corrections.make_edit("correct", "quotes", {"article_id": "0000000000000000",
                                                       "content_start": 1, "content_end": 2},
                                 {"speaker": "x"}, coder="ana")
    corpus.edit_log.append([edit])
    assert corrections.unmatched_edits(Corpus.open(store_copy))["edit_id"].tolist() == [
        edit["edit_id"]]


def test_a_corpus_without_a_store_keeps_its_edits_in_memory():
    corpus = workbench.load([SAMPLES, DAM])
    corpus.merge_stories(corpus.stories["story_id"].unique().tolist(), coder="ana")
    corpus.correct("articles", {"article_id": NIPPON}, outlet="Nippon.com", coder="ana")
    assert _story_sizes(corpus) == [5]
    assert corpus.edit_log.path is None and len(corpus.edit_log.records()) == 2
    assert corpus.stories["story_id"].nunique() == 1  # the outlet edit re-derived the stories
    assert corpus.articles.set_index("article_id").loc[NIPPON, "outlet"] == "Nippon.com"


# --- one writer at a time ------------------------------------------------------------------------
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbench import corrections
    from workbench.store import CorpusStore
    store = CorpusStore(sys.argv[1])
    Path(sys.argv[3]).write_text("ready")
    while not Path(sys.argv[4]).exists():  # start together
        time.sleep(0.005)
    for i in range(150):
        shared = corrections.make_edit(
            "correct", "articles", {"article_id": "a%03d" % i}, {"outlet": "Outlet %d" % i},
            coder="sheet", note="the same coded sheet, imported by both")
        own = corrections.make_edit(
            "correct", "quotes", {"article_id": "b%03d" % i, "content_start": i,
                                  "content_end": i + 5}, {"speaker": sys.argv[2]},
            coder=sys.argv[2])
        store.edit_log.append([shared])
        store.edit_log.append([own])
    """
)


def test_two_writers_at_once_record_every_edit_once(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    go = tmp_path / "go"
    procs, ready = [], []
    for name in ("ana", "ben"):
        flag = tmp_path / f"ready-{name}"
        ready.append(flag)
        procs.append(subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.path), name, str(flag), str(go)],
            env=_env(), stderr=subprocess.PIPE, text=True))
    while not all(f.exists() for f in ready):
        assert all(p.poll() is None for p in procs), [p.stderr.read() for p in procs]
        time.sleep(0.01)
    go.write_text("go")
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
    lines = (store.path / corrections.EDIT_LOG).read_text(encoding="utf-8").splitlines()
    edits = [json.loads(line) for line in lines]  # every line whole
    assert len(edits) == 150 + 2 * 150
    assert len({e["edit_id"] for e in edits}) == len(edits)
    shared = [e for e in edits if e["coder_name"] == "sheet"]
    assert sorted(e["row_key"]["article_id"] for e in shared) == [f"a{i:03d}" for i in range(150)]
    assert sorted(e["coder_name"] for e in edits if e["table_name"] == "quotes") == (
        ["ana"] * 150 + ["ben"] * 150)
    table = store.read_table("edits")  # validates the key
    assert len(table) == 450 and table["edit_id"].is_unique


def test_a_torn_last_line_is_not_read_and_is_cut_by_the_next_writer(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    first = corrections.make_edit("correct", "articles", {"article_id": "a"}, {"outlet": "X"})
    store.edit_log.append([first])
    with open(store.path / corrections.EDIT_LOG, "a", encoding="utf-8") as fh:
        fh.write('{"action": "correct", "coder_na')  # a writer killed mid-line
    assert [e["edit_id"] for e in store.edit_log.records()] == [first["edit_id"]]
    second = corrections.make_edit("correct", "articles", {"article_id": "b"}, {"outlet": "Y"})
    store.edit_log.append([second])
    assert [e["edit_id"] for e in CorpusStore(store.path).edit_log.records()] == [
        first["edit_id"], second["edit_id"]]
    # a broken line in the middle is an error naming the file and line
    path = store.path / corrections.EDIT_LOG
    path.write_text("not json\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"edits.jsonl: line 1 is not an edit"):
        CorpusStore(store.path).read_table("edits")


# --- inter-coder work ----------------------------------------------------------------------------
def _code(sheet: pd.DataFrame, coder: str, changes: dict[int, dict]) -> pd.DataFrame:
    coded = sheet.copy()
    coded["coder_name"] = coder
    for row, values in changes.items():
        for col, value in values.items():
            coded.loc[row, col] = value
    return coded


def test_alpha_of_two_coded_sheets_matches_krippendorff_directly(store_copy, tmp_path):
    krippendorff = pytest.importorskip("krippendorff")
    pytest.importorskip("openpyxl")
    corpus = Corpus.open(store_copy)
    fields = ["source_kind", "is_anonymous", "source_count"]
    sheet = corrections.coding_sheet(corpus.sources, "sources", fields, context=["source_text"],
                                     articles=corpus.articles, prefill=True)
    assert sheet.columns[:6].tolist() == ["unit_id", "article_id", "start_char", "end_char",
                                          "outlet", "headline"]
    assert len(sheet) == len(corpus.sources) and sheet["unit_id"].is_unique
    blank = corrections.write_coding_sheet(sheet, tmp_path / "sheet.xlsx")
    # the coders open the sheet, fill it in and save it (ana in Excel, ben as CSV)
    ana = _code(pd.read_excel(blank, dtype=object), "ana",
                {0: {"source_kind": "unnamed_official"}, 3: {"source_count": 2},
                 5: {"source_kind": None}})
    ben = _code(pd.read_excel(blank, dtype=object), "ben",
                {0: {"source_kind": "unnamed_official"}, 1: {"source_kind": "other"},
                 2: {"is_anonymous": True}, 4: {"source_count": 3}})
    ana_path = tmp_path / "ana.xlsx"
    ana.to_excel(ana_path, index=False)
    ben_path = tmp_path / "ben.csv"
    ben.to_csv(ben_path, index=False, encoding="utf-8-sig")

    coded = corrections.read_coding_sheets([ana_path, ben_path], fields)
    assert set(coded["coder_name"]) == {"ana", "ben"}
    table = corrections.coder_agreement(coded, levels={"source_count": "ratio"})
    schema.validate(table, "coder_agreement")
    got = table.set_index("field_name")

    units = sheet["unit_id"].tolist()
    for field, level in (("source_kind", "nominal"), ("is_anonymous", "nominal"),
                         ("source_count", "ratio")):
        rows = []
        for frame in (ana, ben):
            values = frame.set_index("unit_id").loc[units, field].tolist()
            rows.append([np.nan if v is None or (not isinstance(v, str) and pd.isna(v))
                         else v for v in values])
        if level == "nominal":
            labels = sorted({str(v) for r in rows for v in r if not isinstance(v, float)
                             or not np.isnan(v)})
            data = [[labels.index(str(v)) if not (isinstance(v, float) and np.isnan(v))
                     else np.nan for v in r] for r in rows]
        else:
            data = [[float(v) for v in r] for r in rows]
        expected = krippendorff.alpha(reliability_data=np.array(data, dtype=float),
                                      level_of_measurement=level)
        assert got.loc[field, "alpha"] == pytest.approx(expected, abs=1e-12), field
        assert got.loc[field, "coder_count"] == 2
    assert 0 < got.loc["source_kind", "alpha"] < 1
    assert got.loc["source_kind", "coded_value_count"] == 2 * len(units) - 1  # ana left one empty


def test_coding_sheets_name_the_file_that_is_wrong(tmp_path):
    bad = tmp_path / "coder.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"coder.csv: no column\(s\) \['unit_id', 'speaker'\]"):
        corrections.read_coding_sheets([bad], ["speaker"])
    twice = tmp_path / "twice.csv"
    twice.write_text("unit_id,speaker\nu1,A\nu1,B\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice.csv: unit 'u1' is coded twice"):
        corrections.read_coding_sheets([twice], ["speaker"])
    with pytest.raises(ValueError, match=r"sheet.txt: a coding sheet is .csv or .xlsx"):
        corrections.write_coding_sheet(pd.DataFrame({"unit_id": ["u"]}), tmp_path / "sheet.txt")


def test_a_formula_like_value_round_trips_through_a_csv_sheet(tmp_path):
    sheet = pd.DataFrame({"unit_id": ["u1", "u2"], "coder_name": ["ana", "ana"],
                          "value": ["-3", "=HYPERLINK(1)"]})
    path = corrections.write_coding_sheet(sheet, tmp_path / "ana.csv")
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")  # Excel shows text, runs nothing
    coded = corrections.read_coding_sheets([path], ["value"])
    assert coded["coded_value"].tolist() == ["-3", "=HYPERLINK(1)"]


# --- the widget ------------------------------------------------------------------------------------
def test_the_correction_panel_merges_corrects_adds_and_removes_through_the_log(store_copy):
    from workbench import widgets

    corpus = Corpus.open(store_copy)
    box = widgets.correction_panel(corpus)
    assert len(box.stories.options) == 2 and "edits.jsonl" in box.children[0].value
    box.coder.value, box.note.value = "ana", "<script>alert(1)</script> same week"
    box.stories.value = (box.stories.options[0][1],)
    box.merge.click()
    assert "Not done" in box.status.value and "two or more" in box.status.value
    box.stories.value = tuple(v for _, v in box.stories.options)
    box.merge.click()
    assert box.status.value == "merge: done" and len(box.stories.options) == 1
    assert "<script>" not in box.edits.value and "&lt;script&gt;" in box.edits.value
    assert "merge_stories" in box.snapshot_html()  # what a saved notebook or a report shows

    box.table.value, box.article.value = "quotes", NIPPON
    first = corrections.row_choices(corpus, "quotes", NIPPON)[0]
    assert box.row.value == first[1] and first[0].startswith("29-187: three government")
    box.field.value = "speaker"
    assert "three government sources" in box.current.value
    box.value.value = "Three officials"
    box.correct.click()
    assert box.status.value == "correction: done"
    assert "Three officials" in box.current.value
    box.correct.click()
    assert box.status.value == "correction: nothing to change"

    box.table.value = "sources"
    yonhap = next(v for label, v in box.row.options if "Yonhap" in label)
    box.row.value = yonhap
    box.remove.click()
    assert not any("Yonhap" in label for label, _ in box.row.options)
    text = corpus.articles.set_index("article_id").loc[NIPPON, "text"]
    box.start.value = text.index("Ned Price")
    box.end.value = box.start.value + len("Ned Price")
    box.field.value, box.value.value = "source_kind", "named_person"
    box.add.click()
    assert box.status.value == "addition: done", box.status.value
    box.value.value = "not a number"
    box.field.value = "source_count"
    box.correct.click()
    assert "Not done" in box.status.value and "is not a valid int value" in box.status.value

    box.table.value = "articles"
    box.field.value, box.value.value = "outlet", "Nippon.com"
    box.correct.click()
    assert dict((v, k) for k, v in box.article.options)[NIPPON].startswith("Nippon.com: ")
    assert box.article.value == NIPPON and box.table.value == "articles"

    reopened = Corpus.open(store_copy)
    assert _story_sizes(reopened) == [5]
    assert reopened.articles.set_index("article_id").loc[NIPPON, "outlet"] == "Nippon.com"
    assert "Three officials" in set(reopened.quotes["speaker"])
    assert "org:yonhap" not in set(reopened.sources["source_key"])
    assert (reopened.sources["start_char"] == text.index("Ned Price")).any()
    assert reopened.edit_log.table()["action"].tolist() == [
        "merge_stories", "correct", "remove", "add", "correct"]


def test_an_adjudicated_sheet_becomes_corrections_once(store_copy, tmp_path):
    corpus = Corpus.open(store_copy)
    sheet = corrections.coding_sheet(corpus.quotes, "quotes", ["speaker", "quote_type"],
                                     context=["content"], articles=corpus.articles, prefill=True)
    sheet["coder_name"] = "adjudicator"
    sheet.loc[0, "speaker"] = "Three officials"
    sheet.loc[1, "quote_type"] = "direct" if sheet.loc[1, "quote_type"] != "direct" else "mixed"
    sheet.loc[2, "speaker"] = None  # no opinion: kept
    path = corrections.write_coding_sheet(sheet, tmp_path / "adjudicated.csv")
    recorded = corrections.apply_coding_sheet(corpus, path, "quotes", ["speaker", "quote_type"])
    assert len(recorded) == 2 and set(recorded["coder_name"]) == {"adjudicator"}
    assert recorded["new_values"].tolist() == [{"speaker": "Three officials"},
                                               {"quote_type": sheet.loc[1, "quote_type"]}]
    assert recorded["edit_note"].tolist() == ["coding sheet adjudicated.csv"] * 2
    assert corrections.coding_sheet(corpus.quotes, "quotes", ["speaker"]).columns.tolist() == [
        "unit_id", "article_id", "content_start", "content_end", "cue", "content", "coder_name",
        "speaker"]  # the row's text beside the coded field, by default
    reopened = Corpus.open(store_copy)
    assert reopened.quotes["speaker"].iloc[0] == "Three officials"
    assert reopened.quotes["speaker"].iloc[2] == corpus.quotes["speaker"].iloc[2]
    again = corrections.apply_coding_sheet(reopened, path, "quotes", ["speaker", "quote_type"])
    assert again.empty and len(reopened.edit_log.records()) == 2
    bad = tmp_path / "bad.csv"
    sheet.drop(columns=["content_end"]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match=r"bad.csv: no column\(s\) \['content_end'\]"):
        corrections.apply_coding_sheet(reopened, bad, "quotes", ["speaker"])


def test_edits_apply_in_log_order_on_each_articles_rows():
    rows = [{"article_id": aid, "source_id": i, "sentence_id": 0, "start_char": 10 * i,
             "end_char": 10 * i + 4, "source_text": f"s{i}", "source_kind": "anonymous",
             "is_anonymous": True, "is_plural": False, "is_on_record": False,
             "source_key": f"anonymous:{i}"} for aid in ("a", "b") for i in range(3)]
    sources = schema.coerce(rows, "sources")

    def edit(action, key, **values):
        return corrections.make_edit(action, "sources", {"article_id": "a", **key}, values,
                                     coder="ana")

    log = [
        edit("remove", {"start_char": 20, "end_char": 24}),
        edit("add", {"start_char": 40, "end_char": 45}, source_kind="named_person",
             source_text="Ned Price"),
        edit("correct", {"start_char": 40, "end_char": 45}, source_name="Ned Price"),
        edit("add", {"start_char": 40, "end_char": 45}, source_text="Ned Price, spokesman"),
        edit("correct", {"source_key": "anonymous:0"}, source_kind="unnamed_official"),
        edit("remove", {"start_char": 90, "end_char": 94}),  # names nothing
    ]
    missed: list[dict] = []
    out = corrections.apply_edits(sources, "sources", log, unmatched=missed)
    assert missed == [log[-1]]
    a = out[out["article_id"] == "a"].set_index("start_char")
    assert a.index.tolist() == [0, 10, 40]
    assert a.loc[40, ["source_id", "source_text", "source_name", "source_kind"]].tolist() == [
        2, "Ned Price, spokesman", "Ned Price", "named_person"]  # the removed id is free
    assert bool(a.loc[40, "is_on_record"]) and not bool(a.loc[40, "is_anonymous"])
    assert a.loc[0, "source_kind"] == "unnamed_official" and bool(a.loc[0, "is_anonymous"])
    pd.testing.assert_frame_equal(out[out["article_id"] == "b"].reset_index(drop=True),
                                  sources[sources["article_id"] == "b"].reset_index(drop=True))
    assert corrections.apply_edits(out, "sources", log[:-1]).equals(out)  # applied again: same
