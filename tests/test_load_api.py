"""The public entry point on the sample corpus (issue 2 acceptance)."""

from helpers import SAMPLES

import workbench
from workbench import schema


def test_load_samples_returns_two_articles_with_manifest_metadata():
    corpus = workbench.load(str(SAMPLES))
    arts = corpus.articles
    assert len(arts) == 2
    assert set(arts["outlet"]) == {"Nippon.com", "Japan Today"}
    assert arts["url"].str.startswith("https://").all()
    assert (arts["outlet_source"] == "manifest").all()
    rep = corpus.load_report
    assert list(rep["status"]) == ["loaded", "loaded"]
    assert set(rep["article_id"]) == set(arts["article_id"])
    schema.validate(arts, "articles")
    schema.validate(rep, "load_report")


def test_default_path_is_the_sample_corpus():
    assert len(workbench.load().articles) == 2


def test_article_ids_are_stable_content_hashes():
    a = workbench.load(str(SAMPLES)).articles["article_id"].tolist()
    b = workbench.load(str(SAMPLES)).articles["article_id"].tolist()
    assert a == b and all(len(x) == 16 for x in a)


def test_annotation_tables_follow_schema(sample_corpus):
    for name in ("sentences", "entities", "quotes", "sources", "timexes", "publication_dates",
                 "source_summary"):
        schema.validate(getattr(sample_corpus, name), name)
    assert len(sample_corpus.sentences) > 10
    assert (sample_corpus.entities["entity_label"] == "PERSON").any()
