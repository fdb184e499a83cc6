"""Structured sources: kinds, counts, roles, affiliations, basis, keys; the seed acceptance."""

import pandas as pd
import pytest

from workbench import schema
from workbench.annotate import doc_tables as parse
from workbench.annotate.sources import extract_attributions, summarize_sources


def _sources(nlp, text):
    doc = nlp(text)
    quotes, sources = extract_attributions(doc, parse.sentence_rows(doc))
    return quotes, sources


def _by_text(sources, start):
    hits = [s for s in sources if s["source_text"].startswith(start)]
    assert hits, f"no source starting {start!r} in {[s['source_text'] for s in sources]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "start", "kind", "count", "plural"),
    [
        ("Four people familiar with the talks said the deal was close.", "Four people",
         "anonymous", 4, True),
        ("A Foreign Ministry official said the ambassador had been summoned.", "A Foreign Ministry",
         "unnamed_official", 1, False),
        ("Several sources said the factory would close.", "Several sources", "anonymous", None, True),
        ("Japan's Kyodo news agency reported that the minister would resign.", "Japan's Kyodo",
         "news_agency", None, False),
        ("The Associated Press reported that the vote was delayed.", "The Associated Press",
         "news_agency", None, False),
        ("Acme Corp said it would cut 300 jobs.", "Acme Corp", "named_organization", None, False),
        ("Health Minister Paolo Conti said hospitals were ready.", "Health Minister Paolo Conti",
         "named_person", 1, False),
        ("In a statement released on Friday, the ministry said the border would stay open.",
         "a statement", "document", 1, False),
    ],
)
def test_source_kinds_and_counts(nlp, text, start, kind, count, plural):
    _, sources = _sources(nlp, text)
    s = _by_text(sources, start)
    assert s["source_kind"] == kind
    assert s["source_count"] == count
    assert s["is_plural"] is plural
    assert s["is_anonymous"] is (kind in {"anonymous", "unnamed_official"})


def test_description_is_decomposed(nlp):
    text = "Five industry sources with direct knowledge of the negotiations said prices would rise."
    _, sources = _sources(nlp, text)
    s = _by_text(sources, "Five industry sources")
    assert (s["source_count"], s["affiliation"]) == (5, "industry")
    assert s["basis"] == "with direct knowledge of the negotiations"
    assert s["is_on_record"] is False


def test_named_person_role_affiliation_and_links(nlp):
    text = (
        "Interior Ministry spokeswoman Elena Marsh said the curfew would be lifted.\n\n"
        "Marsh said police would stay on the streets.\n\n"
        "“The city is calm again,” she said."
    )
    _, sources = _sources(nlp, text)
    first = _by_text(sources, "Interior Ministry spokeswoman")
    assert first["source_kind"] == "named_person"
    assert (first["source_name"], first["role"], first["affiliation"]) == (
        "Elena Marsh", "spokeswoman", "Interior Ministry")
    assert first["is_on_record"] is True
    later = [s for s in sources if s["source_text"] in {"Marsh", "she"}]
    assert len(later) == 2
    assert {s["source_key"] for s in later} == {first["source_key"]}
    assert all(s["source_name"] == "Elena Marsh" for s in later)


def test_definite_mention_links_back_to_group(nlp):
    text = (
        "Two officials with knowledge of the plan said the launch was delayed.\n\n"
        "A separate source said engineers found a leak.\n\n"
        "The officials said a new date had not been set."
    )
    _, sources = _sources(nlp, text)
    group = _by_text(sources, "Two officials")
    back = _by_text(sources, "The officials")
    other = _by_text(sources, "A separate source")
    assert back["source_key"] == group["source_key"] != other["source_key"]
    assert back["source_count"] == 2


def test_rows_validate_against_schema(nlp):
    text = "Three aides said the president would travel. The aides told CNN the trip was short."
    quotes, sources = _sources(nlp, text)
    q = schema.coerce([{"article_id": "a", **r} for r in quotes], "quotes")
    s = schema.coerce([{"article_id": "a", **r} for r in sources], "sources")
    assert len(q) >= 2 and len(s) >= 2
    assert set(s["quote_id"]).issubset(set(q["quote_id"]))
    assert s.loc[s["source_text"] == "The aides", "cue"].item() == "told CNN"


def test_summarize_sources_counts_distinct_keys(nlp):
    text = (
        "Two officials said the plan was ready. The officials said it would start soon. "
        "Acme Corp said it was not consulted. Health Minister Paolo Conti said he supported it."
    )
    _, sources = _sources(nlp, text)
    frame = schema.coerce([{"article_id": "a", **r} for r in sources], "sources")
    summary = summarize_sources(frame)
    schema.validate(summary, "source_summary")
    row = summary.iloc[0]
    assert row["anonymous_count"] + row["unnamed_official_count"] == 1
    assert row["named_organization_count"] == 1
    assert row["named_person_count"] == 1 and row["on_record_named_count"] == 1
    assert row["distinct_source_count"] == 3
    assert row["anonymous_share"] == pytest.approx(1 / 3)
    assert summarize_sources(schema.empty_frame("sources")).empty


# --- seed acceptance ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_annotations(sample_corpus):
    from workbench.annotate import annotate_articles

    return annotate_articles(sample_corpus.articles)


def _seed_sources(seed_annotations, sample_corpus, needle):
    """Sources of the seed article whose text contains ``needle``."""
    arts = sample_corpus.articles
    aid = arts.loc[arts["text"].str.contains(needle, regex=False), "article_id"].item()
    s = seed_annotations.sources
    return s[s["article_id"] == aid], seed_annotations.quotes[seed_annotations.quotes["article_id"] == aid]


def _row(frame: pd.DataFrame, start: str):
    hits = frame[frame["source_text"].str.startswith(start)]
    assert len(hits) >= 1, f"no source {start!r}: {frame['source_text'].tolist()}"
    return hits.iloc[0]


def test_seed_reuters_sources(seed_annotations, sample_corpus):
    src, quotes = _seed_sources(seed_annotations, sample_corpus, "Ned Price")
    group = _row(src, "three government sources")
    assert group["source_kind"] == "anonymous" and group["is_anonymous"]
    assert group["source_count"] == 3 and group["is_plural"]
    assert group["affiliation"] == "government"
    assert group["basis"] == "with direct knowledge of the matter"
    back = src[src["source_text"].str.lower() == "the sources"]
    assert len(back) >= 2
    assert set(back["source_key"]) == {group["source_key"]}
    assert "told Reuters" in set(back["cue"])
    told = quotes[quotes["cue"] == "told"]
    assert len(told) == 1 and told["quote_type"].item() == "indirect"  # "2 plus 2" is a name
    assert told["speaker_key"].item() == group["source_key"]

    price = _row(src, "U.S. State Department spokesman Ned Price")
    assert price["source_kind"] == "named_person" and price["is_on_record"]
    assert (price["source_name"], price["role"]) == ("Ned Price", "spokesman")
    assert "State Department" in price["affiliation"]

    direct = quotes[(quotes["quote_type"] == "direct") & quotes["content"].str.contains("I think")]
    assert len(direct) == 1
    assert direct["speaker"].item() == "he" and direct["cue"].item() == "said"
    assert direct["speaker_key"].item() == price["source_key"]

    yonhap = _row(src, "South Korea’s Yonhap")
    assert yonhap["source_kind"] == "news_agency" and yonhap["source_name"] == "Yonhap"

    one = _row(src, "A source familiar with the matter")
    assert one["source_kind"] == "anonymous" and one["source_count"] == 1 and not one["is_plural"]
    assert one["basis"] == "familiar with the matter"
    assert one["source_key"] != group["source_key"]

    doc = _row(src, "a 24-page document")
    assert doc["source_kind"] == "document"
    assert "United States" in doc["affiliation"]

    # Not sources: the wire credit and the people being told or reported on.
    assert not src["source_text"].str.contains("Reporting by|Blinken and Austin").any()


def test_seed_japan_today_sources(seed_annotations, sample_corpus):
    src, _ = _seed_sources(seed_annotations, sample_corpus, "Toshimitsu Motegi")
    group = _row(src, "two government sources")
    assert group["source_count"] == 2 and group["source_kind"] == "anonymous"
    assert group["basis"] == "with direct knowledge of the matter"
    back = _row(src, "the sources")
    assert back["source_key"] == group["source_key"]
    assert not src["source_text"].str.contains("Motegi").any()
    assert (src["source_kind"] == "document").sum() == 1


def test_seed_summary(seed_annotations):
    summary = seed_annotations.source_summary
    schema.validate(summary, "source_summary")
    assert len(summary) == 2
    assert summary["anonymous_count"].min() >= 1


def test_transcript_turns_are_the_named_people(nlp):
    # 'HARPER: ...' turns are the people the article introduced ('Tom Harper'), one key each,
    # and 'HARPER: Thank you ...' is not also a 'Thank' attribution.
    text = ("Senator Ann Mills spoke to Tom Harper on Sunday. The interview, in part:\n\n"
            '"HARPER: Will you vote for the budget this week?\n\n'
            '"MILLS: Well, I think the budget is a serious mistake for the state.\n\n'
            "HARPER: Thank you, Senator Mills, for your time today.\n\n"
            "SEN. MILLS: Thank you for having me on the show.")
    quotes, sources = _sources(nlp, text)
    turns = [s for s in sources if s["cue"] == ":"]
    assert [s["source_key"] for s in turns] == ["person:tom harper", "person:ann mills",
                                                 "person:tom harper", "person:ann mills"]
    assert all(s["source_kind"] == "named_person" and s["is_on_record"] for s in turns)
    assert not [q for q in quotes if q["cue"] == "Thank"]
