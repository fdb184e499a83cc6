"""Disagreements derived from claims on a written fixture story (three invented outlets), on
hand-built tables, and on the seed pages. Paraphrases of one fact must not count."""

import pandas as pd
import pytest
from helpers import FIXTURES

from workbench import schema
from workbench.compare import align_stories, find_discrepancies
from workbench.compare.mentions import parse_number
from workbench.compare.values import amounts

DAM = FIXTURES / "compare" / "dam_story"


@pytest.fixture(scope="module")
def dam():
    import workbench

    corpus = workbench.load(DAM, DAM / "manifest.csv")
    return corpus, corpus.discrepancies


def _rows(d, kind, subject=None, difference=None):
    sel = d[d["kind"] == kind]
    if subject is not None:
        sel = sel[sel["subject"].str.contains(subject, case=False, regex=False)]
    if difference is not None:
        sel = sel[sel["difference"] == difference]
    return sel


def _values(rows):
    given = rows[rows["value_norm"].notna()]
    return dict(zip(given["outlet"], given["value_norm"]))


def test_parse_numbers_and_amounts():
    assert parse_number("three") == 3 and parse_number("1,200") == 1200
    assert parse_number("twenty-five") == 25 and parse_number("lots") is None
    found = amounts("Three hundred residents fled, 12 people were hurt and $4.5 million lost "
                    "on March 15, two days later.")
    got = {(a.text, a.low, a.high, a.unit) for a in found}
    assert ("Three hundred", 300, 300, "") in got
    assert ("12", 12, 12, "") in got
    assert ("$4.5 million", 4.5e6, 4.5e6, "USD") in got
    assert not any(a.low == 15 for a in found)  # a date part
    assert ("two days", 2, 2, "days") in got  # a duration keeps its unit


def test_planted_conflicts(dam):
    _, d = dam
    schema.validate(d, "discrepancies")
    assert d["salience"].is_monotonic_decreasing
    # the size of a group of unnamed sources is a source count, once per group
    officials = _rows(d, "source", "county official", "conflict")
    assert _values(officials) == {"Valley Courier": "4", "Harbor Times": "2"}
    assert _rows(d, "source", "number of unnamed sources", "conflict")[
        "discrepancy_id"].nunique() == 1
    # the toll and the damage estimate grew between the reports' days: updates, not conflicts
    injured = _rows(d, "count", "people injured", "conflict")
    assert set(injured["relation"]) == {"update"}
    assert _values(injured) == {"Valley Courier": "12", "Harbor Times": "15"}
    damage = _rows(d, "quantity", difference="conflict")
    assert _values(damage) == {"Valley Courier": "4500000 USD", "Harbor Times": "5000000 USD"}
    dates = _rows(d, "date", difference="conflict")
    assert dates["discrepancy_id"].nunique() == 1
    assert set(dates["relation"]) == {"contradiction"}
    assert set(dates["value_text"].dropna()) == {"on June 9", "from June 12"}
    attribution = d[d["relation"] == "attribution"]
    texts = set(attribution["value_text"].dropna().str.casefold())
    assert {"the dam's operator", "state inspectors"} <= texts
    # every difference a person reads is named in words, never by an internal id
    assert not attribution["subject"].str.contains(r"\bfact [0-9a-f]", regex=True).any()


def test_planted_omissions(dam):
    _, d = dam

    def only(kind, subject):
        rows = _rows(d, kind, subject, "omission")
        assert rows["discrepancy_id"].nunique() == 1, (kind, subject)
        assert set(rows["relation"]) == {"omission"}
        return set(rows.loc[rows["value_norm"].notna(), "outlet"])

    assert only("place", "millbrook") == {"Metro Ledger"}
    assert only("organization", "red cross") == {"Valley Courier"}
    assert only("source", "KVRN") == {"Valley Courier"}
    assert only("source", "Priya Nandakumar") == {"Harbor Times"}
    # every article of the story has a row; the ones that lack it have no value
    rows = _rows(d, "source", "KVRN", "omission")
    assert len(rows) == 3 and rows["value_text"].isna().sum() == 2


def test_paraphrases_do_not_count(dam):
    _, d = dam
    # "300 residents" / "three hundred residents"; "Tuesday" / "on Tuesday"; "Mayor Ortiz" /
    # "Mayor Elena Ortiz"; "tonight" in one quote published on two days
    assert _rows(d, "count", "residents").empty
    assert not _rows(d, "date")["value_text"].fillna("").str.contains("Tuesday|tonight").any()
    assert _rows(d, "source", "Ortiz").empty
    assert _rows(d, "person", "ortiz").empty
    for _, grp in d[d["difference"] == "conflict"].groupby("discrepancy_id"):
        assert grp["value_norm"].dropna().nunique() >= 2


def test_evidence_points_into_the_text(dam):
    corpus, d = dam
    text = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    sents = corpus.sentences.set_index(["article_id", "sentence_id"])["sentence_text"]
    ev = d[d["start_char"].notna() & (d["relation"] != "attribution")]
    assert len(ev) > 10
    for r in ev.itertuples():
        span = text[r.article_id][int(r.start_char):int(r.end_char)]
        assert span and span in r.evidence_text
        assert sents[(r.article_id, int(r.sentence_id))] == r.evidence_text


def test_comparison_tables(dam):
    corpus, _ = dam
    cov = schema.validate(corpus.coverage, "coverage")
    assert cov.groupby("fact_id")["article_id"].nunique().eq(3).all()
    assert cov["is_covered"].any() and not cov["is_covered"].all()
    src = schema.validate(corpus.story_sources, "story_sources")
    ortiz = src[src["story_source_key"] == "elena ortiz"]
    assert set(ortiz["outlet"]) == {"Valley Courier", "Harbor Times", "Metro Ledger"}
    assert ortiz["cited_by_count"].eq(3).all()
    sourcing = schema.validate(corpus.sourcing, "sourcing")
    assert sourcing["anonymous_share"].between(0, 1).all()
    dates = schema.validate(corpus.story_dates, "story_dates")
    assert (dates["subject"] == "publication date").sum() == 3
    timeline = schema.validate(corpus.story_timeline, "story_timeline")
    people = timeline[timeline["subject"] == "people injured"]
    assert set(people["value_numeric"]) == {12.0, 15.0}
    assert people["published_date"].notna().all()
    outlets = schema.validate(corpus.outlet_summary, "outlet_summary").set_index("outlet")
    assert outlets["article_count"].eq(1).all() and outlets["story_count"].eq(1).all()
    # the two wire versions share more copy than the independently written article
    assert outlets.loc["Metro Ledger", "wire_copy_share"] < outlets.loc[
        "Harbor Times", "wire_copy_share"]
    summary = schema.validate(corpus.discrepancy_summary, "discrepancy_summary")
    assert summary["rank"].tolist()[:2] == [1, 2] and summary["salience"].is_monotonic_decreasing
    top = summary.iloc[0]
    assert top["relation"] == "contradiction" and "Valley Courier" in top["values_by_outlet"]
    omissions = schema.validate(corpus.outlet_omissions, "outlet_omissions")
    assert set(omissions["outlet"]) == {"Valley Courier", "Harbor Times", "Metro Ledger"}
    assert (omissions["omitted_count"] <= omissions["fact_count"]).all()
    assert omissions["omitted_count"].sum() > 0


def _hand_tables():
    texts = {
        "a": ["The minister will arrive in Lisbon on May 3, two aides said.",
              "Officials at the port said 40 containers were seized."],
        "b": ["The minister arrives in Lisbon from May 5, two aides said.",
              "Port officials said 40 containers had been seized."],
    }
    arts, sents, starts = [], [], {}
    for aid, ss in texts.items():
        body = " ".join(ss)
        arts.append({"article_id": aid, "outlet": aid.upper(), "headline": "Minister visit",
                     "text": body})
        pos = 0
        for i, s in enumerate(ss):
            sents.append({"article_id": aid, "sentence_id": i, "paragraph_id": 0,
                          "start_char": pos, "end_char": pos + len(s), "sentence_text": s})
            starts[(aid, i)] = pos
            pos += len(s) + 1
    stories = schema.validate(pd.DataFrame({"story_id": "s", "article_id": ["a", "b"],
                                            "story_label": "x", "membership_confidence": 1.0,
                                            "thread_id": "t"}),
                              "stories")
    sentences = schema.coerce(sents, "sentences")

    def span(aid, sid, phrase):
        s = texts[aid][sid].index(phrase) + starts[(aid, sid)]
        return s, s + len(phrase)

    timexes = schema.coerce([
        {"article_id": "a", "timex_id": 0, "sentence_id": 0, "timex_text": "on May 3",
         "timex_type": "DATE", "value": "2025-05-03", "start_date": "2025-05-03",
         "end_date": "2025-05-03", "granularity": "day",
         **dict(zip(("start_char", "end_char"), span("a", 0, "on May 3")))},
        {"article_id": "b", "timex_id": 0, "sentence_id": 0, "timex_text": "from May 5",
         "timex_type": "DATE", "value": "2025-05-05", "start_date": "2025-05-05",
         "end_date": None, "granularity": "day",
         **dict(zip(("start_char", "end_char"), span("b", 0, "from May 5")))},
    ], "timexes")
    entities = schema.coerce([
        {"article_id": aid, "entity_id": 0, "sentence_id": 0, "entity_text": "Lisbon",
         "entity_label": "GPE", "entity_norm": "lisbon",
         **dict(zip(("start_char", "end_char"), span(aid, 0, "Lisbon")))} for aid in "ab"
    ], "entities")
    sources = schema.coerce([
        {"article_id": aid, "source_id": 0, "sentence_id": 0, "source_text": "two aides",
         "source_kind": "anonymous", "is_anonymous": True, "source_count": 2,
         "affiliation": None, "source_key": "anonymous:1",
         **dict(zip(("start_char", "end_char"), span(aid, 0, "two aides")))} for aid in "ab"
    ], "sources")
    arts = pd.DataFrame(arts)
    return dict(articles=arts, stories=stories, sentences=sentences,
                alignments=align_stories(stories, sentences), entities=entities,
                sources=sources, quotes=schema.empty_frame("quotes"), timexes=timexes)


def test_hand_built_tables():
    d = find_discrepancies(**_hand_tables())
    dates = _rows(d, "date", difference="conflict")
    assert _values(dates) == {"A": "2025-05-03", "B": "2025-05-05"}
    assert "lisbon" in dates["subject"].iloc[0].casefold()
    # same count of aides, same containers in paraphrase, same sources: nothing else differs
    assert set(d["kind"]) == {"date"}


def test_seeds(sample_corpus):
    d = sample_corpus.discrepancies
    outlets = dict(zip(sample_corpus.articles["outlet"], sample_corpus.articles["article_id"]))
    assert set(outlets) == {"Nippon.com", "Japan Today"}
    assert _values(_rows(d, "source", "government sources", "conflict")) == {
        "Nippon.com": "3", "Japan Today": "2"}
    date = _rows(d, "date", difference="conflict")
    assert set(date["value_text"].dropna()) == {"on March 17", "from March 15"}

    def reporters(kind, subject):
        rows = _rows(d, kind, subject, "omission")
        return set(rows.loc[rows["value_norm"].notna(), "outlet"])

    assert reporters("person", "motegi") == {"Japan Today"}
    assert reporters("person", "kishi") == {"Japan Today"}
    assert reporters("source", "Ned Price") == {"Nippon.com"}
    assert reporters("source", "Yonhap") == {"Nippon.com"}
    assert reporters("place", "south korea") == {"Nippon.com"}
    assert reporters("place", "seoul") == {"Nippon.com"}
    # the paraphrased and identical passages (the 24-page document, "on Thursday") do not count
    short = d[d["relation"] != "attribution"]
    assert not short["value_text"].fillna("").str.contains("24-page|Thursday").any()
    for _, grp in d[d["difference"] == "conflict"].groupby("discrepancy_id"):
        assert grp["value_norm"].dropna().nunique() >= 2
