"""Parse once: stored DocBin parses give the same annotation as a fresh parse, without spaCy."""

import pandas as pd

from workbench.annotate import parses
from workbench.annotate.pipeline import ANNOTATION_TABLES, _article_records, annotate_records


def _records(sample_corpus, parse_dir=None):
    recs = _article_records(sample_corpus.articles)
    if parse_dir is not None:
        for r in recs:
            r[parses.PARSE_DIR_FIELD] = str(parse_dir)
    return recs


def _frames(rows):
    return {name: pd.DataFrame(rows[name]) for name in ANNOTATION_TABLES}


def test_stored_parses_give_the_same_tables_without_parsing(sample_corpus, nlp, tmp_path, monkeypatch):
    fresh = _frames(annotate_records(_records(sample_corpus)))
    first = _frames(annotate_records(_records(sample_corpus, tmp_path)))
    texts = {r["text"] for r in _records(sample_corpus) if r.get("text")}
    store = parses.ParseStore(tmp_path)
    assert len(store) == len(texts) > 0

    parsed = []
    real_pipe = nlp.pipe

    def spy(items, **kwargs):
        for doc, ctx in real_pipe(items, **kwargs):
            parsed.append(doc.text)
            yield doc, ctx

    monkeypatch.setattr(nlp, "pipe", spy)
    again = _frames(annotate_records(_records(sample_corpus, tmp_path)))
    assert parsed == []  # every text came from the store
    for name in ANNOTATION_TABLES:
        pd.testing.assert_frame_equal(first[name], fresh[name], obj=name)
        pd.testing.assert_frame_equal(again[name], fresh[name], obj=name)


def test_a_damaged_or_foreign_parse_is_parsed_again(sample_corpus, nlp, tmp_path):
    rec = next(r for r in _records(sample_corpus, tmp_path) if r.get("text"))
    store = parses.ParseStore(tmp_path)
    [(doc, _)] = parses.parse_records(nlp, [rec])
    sha = parses.text_sha256(rec["text"])
    path = store.path / sha[:2] / f"{sha}.spacy"
    assert store.get(rec["text"], nlp.vocab) is not None
    path.write_bytes(b"not a DocBin")
    assert store.get(rec["text"], nlp.vocab) is None
    [(again, _)] = parses.parse_records(nlp, [rec])
    assert [(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in again] == \
        [(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc]
    assert store.get(rec["text"], nlp.vocab) is not None  # rewritten
    # another text under the same name is no hit
    assert store.get(rec["text"] + " More.", nlp.vocab, sha) is None


def test_parse_key_names_the_model_files_and_spacy(tmp_path):
    import json

    import spacy

    key = parses.parse_key()
    assert len(key) == 64
    store = parses.ParseStore(tmp_path)
    assert store.path.name == key[:16]
    store.put(spacy.blank("en")("A text."))
    meta = json.loads((store.path / "key.json").read_text())
    assert meta["key"] == key and meta["spacy"] == spacy.__version__
    assert len(meta["model_files_sha256"]) == 64


def test_store_reannotates_from_its_stored_parses(tmp_path, nlp, monkeypatch):
    from helpers import SAMPLES

    import workbench.store
    from workbench.annotate import pipeline
    from workbench.store import ANNOTATION_TABLES as STORE_TABLES
    from workbench.store import CorpusStore

    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(SAMPLES)
    assert store.annotate(n_process=1).annotated == 2
    assert len(parses.ParseStore(tmp_path / "s" / "parses")) == 2
    first = store.read_annotations()

    # a change to the layers: a new annotation cache key, the same parse key
    monkeypatch.setattr(pipeline, "cache_key", lambda: "layers-changed")
    monkeypatch.setattr(workbench.store, "_current_key", lambda: "layers-changed")
    parsed = []
    real_pipe = nlp.pipe

    def spy(items, **kwargs):
        for doc, ctx in real_pipe(items, **kwargs):
            parsed.append(doc.text)
            yield doc, ctx

    monkeypatch.setattr(nlp, "pipe", spy)
    summary = store.annotate(n_process=1)
    assert summary.annotated == 2 and summary.cache_key == "layers-changed"
    assert parsed == []
    again = store.read_annotations()
    for name in STORE_TABLES:
        pd.testing.assert_frame_equal(getattr(again, name).reset_index(drop=True),
                                      getattr(first, name).reset_index(drop=True), obj=name)


def test_a_parse_that_cannot_be_written_does_not_stop_the_annotation(sample_corpus, tmp_path, caplog):
    blocker = tmp_path / "parses"
    blocker.write_text("a file where the parse directory should be")
    rows = annotate_records(_records(sample_corpus, blocker))
    assert len(rows["sentences"]) > 10
    assert "parses not kept" in caplog.text
