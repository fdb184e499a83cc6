"""The public entry point on the sample corpus (issue 2 acceptance)."""

import pytest
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


def test_one_story_makes_every_loaded_article_one_story(tmp_path):
    import shutil

    for page in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(page, tmp_path / page.name)
    (tmp_path / "budget.txt").write_text(
        "Harwick council passes budget\n\nHarwick's council approved a 310 million budget by 7 "
        "votes to 2 on Tuesday, funding the Elm Street library and cutting parking fees.\n")
    grouped = workbench.compare.group_stories(workbench.load(tmp_path).articles)
    assert grouped["story_id"].nunique() == 2
    corpus = workbench.load(tmp_path, one_story=True)
    stories = corpus.stories
    schema.validate(stories, "stories")
    assert len(stories) == 3 and stories["story_id"].nunique() == 1
    assert stories["thread_id"].nunique() == 1
    assert stories["story_label"].iloc[0] in set(corpus.articles["headline"])


def test_find_articles_by_outlet_and_headline():
    corpus = workbench.load()
    arts = corpus.articles.set_index("outlet")["article_id"]
    assert corpus.find_articles(outlet="japan TODAY") == [arts["Japan Today"]]
    assert corpus.find_articles(outlet=["nippon", "today"]) == corpus.articles["article_id"].tolist()
    assert corpus.find_articles(headline="march 15") == [arts["Japan Today"]]
    assert corpus.find_articles(outlet="nippon", headline="march 15") == []
    assert len(corpus.find_articles()) == 2


def test_stories_edited_by_outlet_and_headline_not_by_id():
    corpus = workbench.load(one_story=True)
    arts = corpus.articles.set_index("outlet")["article_id"]
    before = corpus.alignments
    assert before["story_id"].nunique() == 1
    corpus.split_story(outlet="japan today")
    stories = corpus.stories
    assert stories["story_id"].nunique() == 2
    assert stories["thread_id"].nunique() == 1  # a split keeps the thread
    label = dict(zip(stories["article_id"], stories["story_label"]))
    head = corpus.articles.set_index("article_id")["headline"]
    assert label[arts["Japan Today"]] == head[arts["Japan Today"]]
    assert label[arts["Nippon.com"]] == head[arts["Nippon.com"]]
    # the tables built on stories are rebuilt: two one-article stories align nothing across
    assert "alignments" not in corpus.__dict__
    assert corpus.alignments["other_article_id"].isna().all()
    corpus.merge_stories(headline="blinken")
    assert corpus.stories["story_id"].nunique() == 1
    corpus.make_story(outlet="nippon")
    assert corpus.stories["story_id"].nunique() == 2
    corpus.make_story(corpus.find_articles(headline="Blinken"))
    assert corpus.stories["story_id"].nunique() == 1
    sid = corpus.stories["story_id"].iloc[0]
    corpus.split_story(sid, [arts["Nippon.com"]])  # the id forms still work
    assert corpus.stories["story_id"].nunique() == 2
    corpus.merge_stories(corpus.stories["story_id"].unique().tolist())
    assert corpus.stories["story_id"].nunique() == 1
    with pytest.raises(KeyError, match="no article matches"):
        corpus.make_story(outlet="nowhere")
    with pytest.raises(ValueError):
        corpus.split_story()
