"""The learned cue scorer's model file: package data with its fit record, read once."""

import gzip
import json
import re

import pytest

from workbench.annotate.cue_model import (
    CUE_MODEL_FILE,
    cue_probability,
    load_cue_model,
    read_cue_model,
)
from workbench.evaluate import cue_training


def test_packaged_model_is_data_with_its_fit_record():
    import importlib.resources

    assert (importlib.resources.files("workbench.annotate") / CUE_MODEL_FILE).is_file()
    model = load_cue_model()
    assert load_cue_model() is model  # read once per process
    assert len(model.weights) > 10_000 and len(model.candidate_lemmas) > 500
    assert 0 < model.drop_threshold < model.add_threshold < 1
    assert re.fullmatch(r"[0-9a-f]{64}", model.fit["corpus_sha256"])
    assert model.fit["corpus"] == "PolNeAR train"
    assert re.fullmatch(r"[0-9a-f]{40}(\+dirty)?", model.fit["commit"])
    assert {"C", "min_count", "min_weight", "reach"} <= model.fit["options"].keys()
    # feature names and numbers only: lemmas and spaCy labels, no names or sentences
    assert not [w for w in model.candidate_lemmas if not w.isalpha()]
    assert all(len(name) < 80 for name in model.weights)


def test_scores_a_parsed_candidate(nlp):
    """'Officials said ...': the rule cue 'said' is kept by the model (far over the drop bar)."""
    from workbench.annotate import quotes

    doc = nlp("Officials said the bridge would reopen on Monday.")
    attrs = quotes.find_attributions(doc, use_model=False)
    qoc = quotes.quote_chars(doc, quotes.find_quote_spans(doc.text))
    model = load_cue_model()
    scored = {tok.text: cue_probability(feats, model.weights, model.bias)
              for tok, _s, feats, attr in quotes.cue_candidates(doc, attrs, qoc) if attr}
    assert scored["said"] > model.drop_threshold


def test_written_model_reads_back_exactly(tmp_path):
    model = {"WEIGHTS": {"l=say": 1.234, "p=VERB": -0.1, "that": 0.785}, "BIAS": -1.299,
             "ADD_THRESHOLD": 0.4, "DROP_THRESHOLD": 0.15, "CANDIDATE_LEMMAS": frozenset({"urge"})}
    record = {"corpus": "PolNeAR train", "corpus_sha256": "0" * 64, "options": {"C": 0.3}}
    path = tmp_path / "m.json.gz"
    cue_training.write_model(path, cue_training.model_document(model, record))
    first = path.read_bytes()
    cue_training.write_model(path, cue_training.model_document(model, record))
    assert path.read_bytes() == first  # no timestamp: the same fit gives the same bytes
    got = read_cue_model(path)
    assert got.weights == model["WEIGHTS"] and got.bias == -1.299
    assert got.candidate_lemmas == {"urge"} and got.fit == record
    assert (got.add_threshold, got.drop_threshold) == (0.4, 0.15)


@pytest.mark.parametrize(("content", "reason"), [
    (b"not gzip", "not a readable gzip-compressed JSON"),
    (gzip.compress(b"{\"format\": 99}"), "format 99"),
    (gzip.compress(json.dumps({"format": 1, "weights": {}}).encode()), "without"),
    (gzip.compress(json.dumps({"format": 1, "weights": {"a": "x"}, "bias": 0, "add_threshold": 1,
                               "drop_threshold": 0, "candidate_lemmas": [], "fit": {}}).encode()),
     "numbers"),
])
def test_bad_model_file_names_the_file(tmp_path, content, reason):
    path = tmp_path / "broken.json.gz"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=reason) as err:
        read_cue_model(path)
    assert "broken.json.gz" in str(err.value)


def test_training_writes_only_to_out(capsys):
    with pytest.raises(SystemExit):
        cue_training.main([])  # --out is required: no default into the package
    assert "--out" in capsys.readouterr().err


def test_corpus_sha256_covers_names_and_bytes(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "a.txt").write_text("one")
    first = cue_training.corpus_sha256(tmp_path)
    assert first == cue_training.corpus_sha256(tmp_path)
    (tmp_path / "text" / "a.txt").write_text("two")
    second = cue_training.corpus_sha256(tmp_path)
    (tmp_path / "text" / "a.txt").rename(tmp_path / "text" / "b.txt")
    assert len({first, second, cue_training.corpus_sha256(tmp_path)}) == 3
    with pytest.raises(ValueError, match="no corpus files"):
        cue_training.corpus_sha256(tmp_path / "missing")
