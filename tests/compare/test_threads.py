"""Disagreements across the stories of one thread, on the seed pages split into two stories."""

import workbench
from workbench import schema


def test_a_thread_compares_its_stories():
    corpus = workbench.load()
    assert schema.validate(corpus.thread_discrepancies, "thread_discrepancies").empty
    stories = corpus.stories.assign(story_id=["story-a", "story-b"], thread_id="thread-x")
    corpus.set_stories(stories)
    assert corpus.discrepancies.empty  # two stories of one article each: nothing within
    td = schema.validate(corpus.thread_discrepancies, "thread_discrepancies")
    assert td["salience"].is_monotonic_decreasing
    by_fact = {s: dict(zip(g["outlet"], g["value_text"])) for s, g in td.groupby("subject")}
    sources = by_fact["number of government sources"]
    assert sources["Nippon.com"].startswith("three") and sources["Japan Today"].startswith("two")
    dates = next(v for k, v in by_fact.items() if k.startswith("date of visit"))
    assert dates == {"Nippon.com": "on March 17", "Japan Today": "from March 15"}
    assert set(td["story_id"]) == {"story-a", "story-b"}
    assert set(td["relation"]) == {"contradiction"}
