"""The parse's own reading of what a count counts, which confirms a contradiction of counts."""

from types import SimpleNamespace

import pandas as pd

from workbench.compare.counted_parse import counts_apart, reading_of
from workbench.compare.relations import fact_relations


def _read(text: str, amount: str):
    at = text.index(amount)
    return reading_of(text, at, at + len(amount))


def test_reading_of_the_counted_noun():
    r = _read("At least 50 people were hurt when the bus overturned.", "At least 50")
    assert r.noun == "people" and r.people
    assert _read("Police said 12 officers were on duty.", "12").noun == "officer"
    assert _read("Dozens of protesters gathered outside.", "Dozens of").noun == "protester"
    d = _read("The storm left three deaths in the valley.", "three")
    assert d.people and d.outcome == "killed"


def test_no_noun_of_its_own_is_unclear():
    assert _read("The toll rose to six Friday.", "six") is None
    assert _read("The quake injured 200 and left at least 400 more homeless.", "400") is None


def test_a_number_an_outcome_verb_was_done_to():
    r = _read("The blast tore through the market, killing 30 and wounding dozens.", "30")
    assert r.people and r.outcome == "killed"
    assert _read("Officials said 12 were arrested overnight.", "12").outcome == "arrested"
    assert _read("Police said 9 people died, and 41 injured were taken away.", "41"
                 ).outcome == "injured"


def _claim(aid, text, amount, fact, low):
    at = text.index(amount)
    return SimpleNamespace(article_id=aid, sentence_id=0, start_char=at, end_char=at + len(amount),
                           kind="count", unit=None, fact=fact, value_text=amount,
                           value_low=float(low), value_high=float(low))


def test_counts_apart_when_a_count_names_another_thing():
    a_text = "The gunman killed a woman and wounded two men at the office."
    b_text = "Witnesses said three people ran from the building."
    sents = {("a", 0): (a_text, 0), ("b", 0): (b_text, 0)}
    a = _claim("a", a_text, "two", "female co workers", 2)
    b = _claim("b", b_text, "three", "female co workers", 3)
    assert counts_apart(a, b, sents)
    # the same two counts in a fact of people wounded count one thing
    a2, b2 = (SimpleNamespace(**{**vars(x), "fact": "people injured"}) for x in (a, b))
    assert not counts_apart(a2, b2, sents)


def test_an_outcome_noun_counts_the_people_of_its_own_toll():
    a_text = "The crash caused four deaths, officials said."
    b_text = "Six people were killed in the crash."
    sents = {("a", 0): (a_text, 0), ("b", 0): (b_text, 0)}
    assert not counts_apart(_claim("a", a_text, "four", "people killed", 4),
                            _claim("b", b_text, "Six", "people killed", 6), sents)
    assert counts_apart(_claim("a", a_text, "four", "people injured", 4),
                        _claim("b", b_text, "Six", "people injured", 6), sents)
    c_text = "The bomb went off near the gate, killing 14."
    sents[("c", 0)] = (c_text, 0)
    assert counts_apart(_claim("c", c_text, "14", "people injured", 14),
                        _claim("b", b_text, "Six", "people injured", 6), sents)


def _table(rows):
    cols = ["story_id", "article_id", "sentence_id", "start_char", "end_char", "fact_id", "fact",
            "kind", "value_text", "value_norm", "value_low", "value_high", "unit", "start_date",
            "end_date", "as_of", "is_background", "attributed_to", "fact_link", "fact_part"]
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows])


def test_fact_relations_drops_a_contradiction_the_parse_parts():
    a_text = "Dozens of armed soldiers patrolled the square on Friday."
    b_text = "Officials said 80 people had gathered in the square on Friday."
    sents = {("a", 0): (a_text, 0), ("b", 0): (b_text, 0)}
    day = pd.Timestamp("2020-01-03")
    rows = []
    for aid, text, amount, low in (("a", a_text, "Dozens of", 24), ("b", b_text, "80", 80)):
        at = text.index(amount)
        rows.append({"story_id": "s", "article_id": aid, "sentence_id": 0, "start_char": at,
                     "end_char": at + len(amount), "fact_id": "s:c1", "fact": "armed soldiers",
                     "kind": "count", "value_text": amount, "value_norm": str(low),
                     "value_low": float(low), "value_high": float(low), "as_of": day,
                     "is_background": False, "fact_link": "key", "fact_part": 0})
    claims = _table(rows)
    assert [d["relation"] for d in fact_relations(claims, ["a", "b"])] == ["contradiction"]
    assert fact_relations(claims, ["a", "b"], sents) == []  # and no other relation
