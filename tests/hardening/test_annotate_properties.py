"""Property tests of the annotators: arbitrary text in, valid tables with in-bounds offsets out.

spaCy is slow, so the example counts are modest; every example holds one to three articles.
"""

import pandas as pd
from hardening_kit import articles_frame, assert_offsets, cases, counted
from hypothesis import given
from hypothesis import strategies as st

from workbench import schema
from workbench.annotate import annotate_articles
from workbench.annotate.pipeline import ANNOTATION_TABLES

NEWS_WORDS = [
    "said", "told", "Reuters", "according to", "sources", "three", "two", "government",
    "officials", "spokesman", "Ned", "Price", "the", "minister", "on", "Thursday", "Friday",
    "last", "next", "week", "March", "17", "15", "2021", "this month", "two days from",
    "yesterday", "ago", "years", "he", "she", "they", "with direct knowledge of the matter",
    "declining to be identified", "Yonhap news agency", "(Reuters) -", "TOKYO", "Seoul",
    "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", ",", ".", "!", "?", ";", ":", "(", ")",
    "-", "\u2014", "...", "\n", "\n\n", "  ", "\t", "12", "155", "1,200", "$40 million", "%",
    "\U0001f600", "\u200b", "\u202e", "東京", "\u0642\u0627\u0644", "Mr.", "U.S.", "Dr.",
    "Jan.", "a.m.", "2021-03-17", "17/03/2021", "1990s", "the 21st century", "noon", "10:30",
]

news_text = st.lists(
    st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=8)), min_size=0, max_size=120
).map(" ".join)

SPEAKERS = ["three government sources with direct knowledge of the matter",
            "a Foreign Ministry official", "U.S. State Department spokesman Ned Price", "he",
            "the sources", "South Korea's Yonhap news agency", "two officials",
            "Mara Velde, the head of the regional water board,", "a statement from the ministry",
            "They", "people familiar with the plans", "the company"]
WHEN = ["", " on Thursday", " last week", " on March 17", " two days from March 17",
        " this month", " in 2021", " next Friday", " 10 years ago", " from March 15"]
CLAUSES = ["the talks would resume next week", "about 1,200 people had left their homes",
           "the plan was not yet final", "12 people were injured, not 155",
           "the visit was planned for March 17, not March 15", "nothing had been decided"]
QUOTES = [('"', '"'), ("\u201c", "\u201d"), ("\u201c", '"'), ("'", "'"), ("\u00ab", "\u00bb"),
          ("", "\u201d"), ("\u201c", ""), ('"', "")]
TEMPLATES = ["{q0}{c}{q1} {s} said{w}.", "{s} said{w} that {c}.", "{c}, {s} told Reuters{w}.",
             "According to {s}, {c}.", "{s}, declining to be identified, said {c}{w}.",
             "{q0}{c},{q1} {s} added.", "{S} said: {q0}{c}.{q1}"]


@st.composite
def news_sentence(draw) -> str:
    q0, q1 = draw(st.sampled_from(QUOTES))
    s = draw(st.one_of(st.sampled_from(SPEAKERS), st.text(max_size=10)))
    return draw(st.sampled_from(TEMPLATES)).format(
        q0=q0, q1=q1, s=s, S=s[:1].upper() + s[1:], w=draw(st.sampled_from(WHEN)),
        c=draw(st.one_of(st.sampled_from(CLAUSES), news_text)),
    )


news_story = st.lists(
    st.tuples(news_sentence(), st.sampled_from([" ", "\n", "\n\n", "\r\n\r\n", "  "])),
    min_size=1, max_size=8,
).map(lambda parts: "".join(a + b for a, b in parts))

any_text = st.one_of(news_story, news_story, news_text, st.text(max_size=300))

published = st.one_of(
    st.none(),
    st.datetimes(min_value=pd.Timestamp("1990-01-01").to_pydatetime(),
                 max_value=pd.Timestamp("2030-12-31").to_pydatetime()),
)


@cases(50, "test_annotate_arbitrary_text_gives_valid_in_bounds_tables")
@given(texts=st.lists(any_text, min_size=1, max_size=3), dates=st.lists(published, min_size=3,
                                                                          max_size=3))
@counted
def test_annotate_arbitrary_text_gives_valid_in_bounds_tables(texts, dates):
    articles = articles_frame(
        texts,
        published_date=[d for d in dates[: len(texts)]],
        published_date_source=["manifest" if d else None for d in dates[: len(texts)]],
        published_date_precision=["day" if d else None for d in dates[: len(texts)]],
    )
    ann = annotate_articles(articles, n_process=1)
    tables = ann.tables()
    for name in (*ANNOTATION_TABLES, "source_summary"):
        schema.validate(tables[name], name)
    texts_by_id = dict(zip(articles["article_id"], articles["text"]))
    assert_offsets(tables, texts_by_id)
    assert len(tables["publication_dates"]) == len(articles)
    _check_keys(tables, texts_by_id)
    _check_ranges(tables)


def _check_keys(tables, texts_by_id):
    sents = tables["sentences"]
    known = set(zip(sents["article_id"], sents["sentence_id"]))
    for name in ("entities", "quotes", "sources", "timexes"):
        df = tables[name]
        ref = df.dropna(subset=["sentence_id"])
        bad = [k for k in zip(ref["article_id"], ref["sentence_id"]) if k not in known]
        assert not bad, f"{name}: sentence_id not in sentences: {bad[:3]}"
    for aid, grp in sents.groupby("article_id"):
        assert list(grp["sentence_id"]) == list(range(len(grp))), f"{aid}: sentence ids not 0..n-1"
        assert grp["start_char"].is_monotonic_increasing
        assert (grp["start_char"].iloc[1:].to_numpy() >= grp["end_char"].iloc[:-1].to_numpy()).all(), (
            "sentences overlap"
        )
    quotes = tables["quotes"]
    src = tables["sources"]
    if not src.empty and "quote_id" in src:
        qkeys = set(zip(quotes["article_id"], quotes["quote_id"]))
        ref = src.dropna(subset=["quote_id"])
        bad = [k for k in zip(ref["article_id"], ref["quote_id"]) if k not in qkeys]
        assert not bad, f"sources.quote_id not in quotes: {bad[:3]}"


def _check_ranges(tables):
    tx = tables["timexes"]
    both = tx.dropna(subset=["start_date", "end_date"])
    assert (both["start_date"] <= both["end_date"]).all(), (
        both[both["start_date"] > both["end_date"]][["timex_text", "start_date", "end_date"]]
    )
    pub = tables["publication_dates"]
    both = pub.dropna(subset=["earliest_date", "latest_date"])
    assert (both["earliest_date"] <= both["latest_date"]).all()
    conf = pub["confidence"].dropna()
    assert ((conf >= 0) & (conf <= 1)).all()
    share = tables["source_summary"]["anonymous_share"].dropna()
    assert ((share >= 0) & (share <= 1)).all()
    counts = tables["sources"]["source_count"].dropna()
    assert (counts >= 0).all()


@cases(15, "test_annotate_is_deterministic_and_input_order_free")
@given(texts=st.lists(any_text, min_size=2, max_size=3))
@counted
def test_annotate_is_deterministic_and_input_order_free(texts):
    articles = articles_frame(texts)
    before = articles.copy(deep=True)
    one = annotate_articles(articles, n_process=1)
    pd.testing.assert_frame_equal(articles, before)  # the input is not mutated
    two = annotate_articles(articles.iloc[::-1].reset_index(drop=True), n_process=1)
    for name in ("sentences", "entities", "quotes", "sources", "timexes"):
        a = one.tables()[name].sort_values(list(one.tables()[name].columns[:2])).reset_index(drop=True)
        b = two.tables()[name].sort_values(list(two.tables()[name].columns[:2])).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)


def test_every_article_keeps_its_key_in_publication_dates():
    articles = articles_frame(["東京都は十日、新しい防災訓練を発表した。", "",
                               "The council said on Monday it would vote."],
                              language=["ja", "en", "en"])
    pub = annotate_articles(articles, n_process=1).publication_dates
    assert sorted(pub["article_id"].dropna()) == sorted(articles["article_id"])
