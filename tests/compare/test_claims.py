"""Claims and their relations on hand-written values: bounds, misreadings, what counts as one fact."""

import math

import pandas as pd

from workbench import schema
from workbench.compare.claim_reading import _group_name
from workbench.compare.mentions import event_word
from workbench.compare.relations import compatible, fact_relations
from workbench.compare.values import amounts


def _texts(sentence):
    return [a.text for a in amounts(sentence)]


def test_amounts_are_intervals():
    got = {a.text: (a.low, a.high) for a in amounts(
        "At least 50 people were hurt, more than 100 fled, about 50 were missing and dozens "
        "of homes and between 12 and 15 ships were lost")}
    assert got["At least 50"] == (50, math.inf)
    assert got["more than 100"] == (101, math.inf)
    assert got["about 50"][0] == 45 and round(got["about 50"][1]) == 55
    assert got["dozens of"] == (24, 99)
    assert got["12"] == (12, 15) and "15" not in got


def test_numbers_that_are_not_amounts():
    assert _texts("It struck at 11:07 p.m. and about 3 : 10 p. m. and 6.10am") == []
    assert _texts("The No. 5 and No. 6 reactors") == []
    assert _texts("It allows Pixel 2 users to take photos") == []
    assert _texts("equal to Boeing 747 aircraft") == []
    assert _texts("shot in the 12000 block of East 223rd Street") == []
    assert _texts("Steve Parsons/PA 2/8 Police officers walk") == []
    assert _texts("the 2011 quake and a 33-year-old man") == []
    assert _texts("Sadly 20 people were hurt") == ["20"]


def _claim(**kw):
    row = {"kind": "count", "value_text": "", "value_norm": "", "value_low": math.nan,
           "value_high": math.nan, "unit": None, "start_date": pd.NaT, "end_date": pd.NaT}
    row.update(kw)
    return pd.Series(row)


def _date(text, day=None, value=None):
    d = pd.Timestamp(day) if day else pd.NaT
    return _claim(kind="date", value_text=text, value_norm=value or (day or ""), start_date=d,
                  end_date=d)


def test_weekdays_and_relative_dates():
    # the same weekday resolved against different anchors is the same day
    assert compatible(_date("on Sunday", "2021-02-14"), _date("later Sunday", "2021-02-07"))
    # two weekday names differ wherever they were anchored
    assert not compatible(_date("Friday", value="XXXX-WXX-5"),
                          _date("Thursday", value="XXXX-WXX-4"))
    # relative words without a weekday say nothing against each other
    assert compatible(_date("tomorrow", "2021-02-10"), _date("on Wednesday morning", "2021-02-11"))
    assert not compatible(_date("on March 17", "2021-03-17"), _date("on March 15", "2021-03-15"))


def test_round_values_have_slack():
    two_five = _claim(value_text="2.5 million", value_low=2.5e6, value_high=2.5e6)
    over = _claim(value_text="Over 2.5 million", value_low=2.5e6 + 1, value_high=math.inf)
    assert compatible(two_five, over)
    assert not compatible(_claim(value_low=30.0, value_high=30.0),
                          _claim(value_low=32.0, value_high=32.0))


def _claims(rows):
    base = {"story_id": "s", "sentence_id": 0, "start_char": 0, "end_char": 1, "fact_id": "s:c0",
            "fact": "people injured", "kind": "count", "is_background": False}
    return schema.coerce([base | r for r in rows], "claims")


def test_relations():
    day1, day3 = "2021-02-13", "2021-02-15"
    same_day = _claims([
        {"claim_id": "1", "article_id": "a", "value_text": "12", "value_norm": "12",
         "value_low": 12, "value_high": 12, "as_of": day1},
        {"claim_id": "2", "article_id": "b", "value_text": "155", "value_norm": "155",
         "value_low": 155, "value_high": 155, "as_of": day1}])
    assert fact_relations(same_day, ["a", "b"])[0]["relation"] == "contradiction"
    grew = same_day.assign(as_of=pd.to_datetime([day1, day3]))
    assert fact_relations(grew, ["a", "b"])[0]["relation"] == "update"
    # told on two report days, a figure revised down is an update too: not a comparable time
    fell = same_day.assign(as_of=pd.to_datetime([day3, day1]))
    assert fact_relations(fell, ["a", "b"])[0]["relation"] == "update"
    vague = _claims([
        {"claim_id": "1", "article_id": "a", "value_text": "about 50", "value_norm": "45..55",
         "value_low": 45, "value_high": 55, "as_of": day1},
        {"claim_id": "2", "article_id": "b", "value_text": "52", "value_norm": "52",
         "value_low": 52, "value_high": 52, "as_of": day1}])
    assert fact_relations(vague, ["a", "b"])[0]["relation"] == "precision"
    floors = _claims([
        {"claim_id": "1", "article_id": "a", "value_text": "at least 40", "value_norm": ">=40",
         "value_low": 40, "value_high": math.inf, "as_of": day1},
        {"claim_id": "2", "article_id": "b", "value_text": "more than 50", "value_norm": ">=51",
         "value_low": 51, "value_high": math.inf, "as_of": day3}])
    assert fact_relations(floors, ["a", "b"])[0]["relation"] == "update"


def test_groups_of_unnamed_sources_and_happenings():
    assert _group_name("fifteen sources familiar with the matter") == "source"
    assert _group_name("two officials who spoke on condition of anonymity") == "official"
    assert event_word({"clause_words": ["since", "Biden", "took", "office", "in"]}) == \
        "taking office"
    assert event_word({"clause_words": ["outside", "his", "office", "on"]}) is None


def test_a_happening_named_right_after_its_date_is_the_one_it_dates():
    assert event_word({"clause_words": ["more", "about", "the"],
                       "after": "’s planned launch:"}) == "launch"
    # 'the May launch', 'a June 20 shooting' name one of several happenings of a kind
    assert event_word({"clause_words": ["while", "investigating", "a"],
                       "after": " shooting in which he was a suspect"}) is None
    # a verb after the date is not the happening it names ('on Tuesday launched a probe')
    assert event_word({"clause_words": ["the", "ministry", "on"],
                       "after": " launched a probe"}) is None
    from workbench.compare.mentions import _EVENT_NOUN_FORMS, EVENT_NOUNS
    assert _EVENT_NOUN_FORMS <= set(EVENT_NOUNS)
    assert event_word({"clause_words": ["he", "was", "married", "about"],
                       "after": ", police said"}) == "wedding"


def test_a_dateline_date_is_the_reports_date_not_the_happenings():
    from types import SimpleNamespace

    from workbench.annotate.dates import DATELINE_NOTE
    from workbench.compare.claim_reading import REPORT_DATE_FACT, date_claims

    def frame(note):
        t = SimpleNamespace(article_id="a", sentence_id=0, start_char=7, end_char=14,
                            timex_text="March 3", timex_type="DATE", value="2021-03-03",
                            start_date=pd.Timestamp("2021-03-03"),
                            end_date=pd.Timestamp("2021-03-03"), note=note)
        return {"t": t, "is_report": False, "clause_words": ["TOKYO"], "place_order": ["tokyo"],
                "words": set()}

    dateline, = date_claims([frame(DATELINE_NOTE)], None)
    assert dateline.fact == REPORT_DATE_FACT and dateline.key is None
    plain, = date_claims([frame(None)], None)
    assert plain.fact == "date (Tokyo)" and plain.key is not None


def test_what_a_count_counts_decides_its_fact():
    from workbench.compare.claim_reading import _count_claims

    def keys(text):
        return [c.key for c in _count_claims("a", 0, text, 0)]

    # a counted phrase with a modifier is one thing; a bare noun has many referents in a
    # story, and people are told apart by what happened to them
    assert keys("Rescuers used 60 heavy excavators.") == [("count", "heavy excavator")]
    assert keys("Rescuers used 60 excavators.") == [None]
    assert keys("Police said 12 people were injured.") == [("count", "people", "injured")]
    assert keys("He met 12 people there.") == [None]
    assert keys("It happened 3 times before.") == []  # a time noun counts no thing
    assert keys("He had a 17-yard run.") == [None]  # an attribute of one run, no key


def test_names_with_numbers_are_not_counts():
    assert _texts("six AK-47 rifles and two F-16 jets") == ["six", "two"]
    assert _texts("six AK - 47 rifles, 12 magazines") == ["six", "12"]


def test_what_happened_to_counted_people():
    from workbench.compare.claim_reading import _count_claims

    def keys(text):
        return [c.key for c in _count_claims("a", 0, text, 0)]

    assert keys("Seven people have died after a tram overturned.") == [
        ("count", "people", "killed")]
    assert keys("There have been at least two fatalities.") == [("count", "people", "killed")]
    assert keys("It rose to six, with more than 100 others wounded.")[-1] == (
        "count", "people", "injured")
    # the counted noun is elided: 'at least 90' counts people, not the officials who said it
    assert keys("killing two people and wounding at least 90, Afghan officials said.") == [
        ("count", "people", "killed"), ("count", "people", "injured")]
    # a toll names what its amount counts: the dead ('rose to at least six Friday')
    assert keys("The toll rose to at least six Friday.") == [("count", "people", "killed")]
    assert keys("Rescuers said it rose to at least six Friday.") == []


def _rows_of(claims, one_part: bool = True):
    """``claims`` table rows for Claim objects (claim id = article id), in one part or each in
    its own."""
    return schema.coerce([
        {"claim_id": c.article_id, "story_id": "s", "article_id": c.article_id,
         "sentence_id": c.sentence_id, "start_char": c.start_char, "end_char": c.end_char,
         "fact_id": c.fact_id, "fact": c.fact, "kind": c.kind, "value_text": c.value_text,
         "value_norm": c.value_norm, "value_low": c.value_low, "value_high": c.value_high,
         "unit": c.unit, "fact_link": c.link, "fact_part": 0 if one_part else k,
         "is_background": c.is_background, "as_of": c.as_of}
        for k, c in enumerate(claims)], "claims")


def _story(texts: dict[str, str]):
    """story_claims over one sentence per article, with no other annotation."""
    from workbench.compare.claims import story_claims

    sentences = schema.coerce([
        {"article_id": a, "sentence_id": 0, "start_char": 0, "end_char": len(t), "sentence_text": t}
        for a, t in texts.items()], "sentences")
    empty = {n: schema.empty_frame(n) for n in ("entities", "sources", "quotes", "timexes",
                                                  "alignments")}
    return story_claims("s", list(texts), sentences=sentences, published={}, **empty)


def test_values_whose_nearby_words_agree_are_one_fact():
    claims = _story({
        "a": "The rocket stands 229 feet tall and is 40 feet wide at its base.",
        "b": "Stretching 230 feet high, the booster measures 39.9 feet wide at the base.",
    })
    wide = {c.article_id: c for c in claims if c.value_text.startswith(("40", "39.9"))}
    assert wide["a"].fact_id == wide["b"].fact_id
    # both say 'wide' (one width, keyed by what it measures), and their own words agree: the
    # words before 'and' and ',' are the previous value's
    assert wide["a"].link == wide["b"].link == "context"
    tall = [c for c in claims if c.value_text.startswith(("229", "230"))]
    assert tall[0].fact_id != wide["a"].fact_id


def test_a_loosely_linked_clash_is_no_contradiction():
    base = {"fact": "excavators", "kind": "count", "as_of": "2021-02-13"}
    rows = _claims([
        base | {"claim_id": "1", "article_id": "a", "value_text": "60", "value_norm": "60",
                "value_low": 60, "value_high": 60, "fact_link": "loose context", "fact_part": 0},
        base | {"claim_id": "2", "article_id": "b", "value_text": "100", "value_norm": "100",
                "value_low": 100, "value_high": 100, "fact_link": "loose context",
                "fact_part": 1}])
    assert fact_relations(rows, ["a", "b"]) == []
    strong = rows.assign(fact_link="key", fact_part=0)
    assert fact_relations(strong, ["a", "b"])[0]["relation"] == "contradiction"


def test_two_parts_that_clash_are_compared_each_within_the_larger():
    def count(aid, n, part, text=None):
        return {"claim_id": aid, "article_id": aid, "value_text": text or str(n),
                "value_norm": text or str(n), "value_low": n,
                "value_high": math.inf if text else n, "as_of": "2021-02-13",
                "fact_link": "key", "fact_part": part}

    # '84 taken to hospital' (part 1) joined loosely to the wounded (part 0): the wounded are
    # compared among themselves; the clash between the parts is no contradiction
    rows = _claims([count("a", 84, 1), count("b", 90, 0, "at least 90"),
                    count("c", 100, 0, "more than 100"), count("d", 120, 0)])
    rel, = fact_relations(rows, ["a", "b", "c", "d"])
    assert rel["relation"] == "precision" and set(rel["values"]) == {"b", "c", "d"}
    # two parts of one value each: nothing to report
    assert fact_relations(_claims([count("a", 84, 1), count("b", 120, 0)]), ["a", "b"]) == []


def test_people_taken_to_hospital_join_the_injured_only_where_no_article_gives_both():
    got = _story({
        "a": "At least 40 people were taken to hospital after the blast.",
        "b": "The blast injured more than 50 people, police said.",
    })
    fact = {c.article_id: c.fact_id for c in got if c.kind == "count"}
    assert fact["a"] == fact["b"]
    assert {c.fact for c in got if c.kind == "count"} == {"people injured"}
    apart = _story({
        "a": "At least 40 people were taken to hospital, and 55 people were injured.",
        "b": "The blast injured more than 50 people, police said.",
    })
    hospital = next(c for c in apart if c.value_text == "At least 40")
    assert hospital.fact_id not in {c.fact_id for c in apart if c.article_id == "b"}


def _value(aid, kind, text, norm, **kw):
    """One article's value of one fact (claim id = article id), a key link by default."""
    return {"claim_id": aid, "article_id": aid, "kind": kind, "fact": f"{kind} fact",
            "value_text": text, "value_norm": norm, "as_of": "2021-03-16",
            "fact_link": "key"} | kw


def test_a_place_inside_another_is_more_precise_not_different():
    def place(aid, name):
        return _value(aid, "place", name, name.casefold(), fact_link="copy")

    rel, = fact_relations(_claims([place("a", "Tokyo"), place("b", "Japan")]), ["a", "b"])
    assert rel["relation"] == "precision"
    rel, = fact_relations(_claims([place("a", "Japan"), place("b", "South Korea")]), ["a", "b"])
    assert rel["relation"] == "contradiction"
    # a name the gazetteer does not know may lie in the other: no disagreement either way
    assert fact_relations(_claims([place("a", "Shettleston Road"), place("b", "Glasgow")]),
                          ["a", "b"]) == []


def test_a_date_inside_a_wider_one_is_a_precision_difference():
    def date(aid, text, start, end):
        return _value(aid, "date", text, text, start_date=start, end_date=end)

    rel, = fact_relations(_claims([date("a", "in 2014", "2014-01-01", "2014-12-31"),
                                   date("b", "in February 2014", "2014-02-01", "2014-02-28")]),
                          ["a", "b"])
    assert rel["relation"] == "precision"


def test_an_open_date_is_as_wide_as_its_written_value():
    def since(aid, text, value, start):
        return _value(aid, "date", text, value, start_date=start, end_date=None)

    rel, = fact_relations(_claims([since("a", "since 1959", "1959", "1959-01-01"),
                                   since("b", "since the 1950s", "195X", "1950-01-01")]),
                          ["a", "b"])
    assert rel["relation"] == "precision"
    assert set(rel["values"]) == {"a", "b"}


def test_one_statement_credited_to_two_sources_is_an_attribution_difference():
    def credited(aid, name):
        return _value(aid, "source", name, name.casefold(), fact_link="copy")

    rel, = fact_relations(_claims([credited("a", "Sébastien Humbert"),
                                   credited("b", "Julia Ferreira")]), ["a", "b"])
    assert rel["relation"] == "attribution"
    # a number of unnamed sources that differs is still a contradiction
    rows = _claims([
        {"claim_id": "1", "article_id": "a", "kind": "source", "fact": "number of sources",
         "value_text": "three", "value_norm": "3", "value_low": 3, "value_high": 3},
        {"claim_id": "2", "article_id": "b", "kind": "source", "fact": "number of sources",
         "value_text": "two", "value_norm": "2", "value_low": 2, "value_high": 2}])
    assert fact_relations(rows, ["a", "b"])[0]["relation"] == "contradiction"


def test_one_shared_word_links_loosely_two_link_closely():
    thin = _story({"a": "By then there were 60 excavators.",
                   "b": "By then there were 100 excavators."})
    assert {c.link for c in thin} == {"loose context"}  # 'excavators' alone
    rows = [c for c in _story({"a": "About 60 excavators arrived at the village well.",
                               "b": "Some 100 excavators arrived at the village well."})]
    assert {c.link for c in rows} == {"context"} and len({c.fact_id for c in rows}) == 1


def test_a_figure_that_remains_is_not_the_total():
    from workbench.compare.claim_reading import _count_claims

    def facts(text):
        return [c.fact for c in _count_claims("a", 0, text, 0)]

    assert facts("Two people remain trapped after the crash.") == ["people still trapped"]
    assert facts("Three people are still missing tonight.") == ["people still missing"]
    assert facts("Five people were left trapped inside.") == ["people trapped"]


def test_counted_phrases_and_what_was_done_to_them():
    from workbench.compare.claim_reading import _count_claims
    from workbench.compare.claims import _same_count_key

    def key(text):
        return _count_claims("a", 0, text, 0)[0].key

    assert key("Air strikes which killed 30 civilians in Kunduz.") == ("count", "people", "killed")
    assert key("Police arrested 12 people on Friday.") == ("count", "people", "arrested")
    # a counted phrase inside another counts the same thing; another head does not
    assert _same_count_key(key("Crews sent four rescue units."),
                           key("Crews sent five fire rescue units."))
    assert not _same_count_key(key("Crews sent four rescue units."),
                               key("Crews sent five rescue teams."))


def test_a_copy_that_changed_a_value_contradicts_even_where_its_article_repeats_the_old_one():
    from workbench.compare.discrepancies import copy_contradictions

    def count(cid, aid, sid, start, text, n):
        return {"claim_id": cid, "article_id": aid, "sentence_id": sid, "start_char": start,
                "end_char": start + len(text), "value_text": text, "value_norm": str(n),
                "value_low": n, "value_high": n, "fact_link": "copy", "fact_part": 0}

    rows = _claims([count("1", "a", 0, 20, "two", 2), count("2", "a", 5, 3, "two", 2),
                    count("3", "b", 0, 20, "four", 4), count("4", "b", 5, 3, "two", 2)])
    # b says 'four' in its copy of a's sentence 0 and 'two' in its copy of sentence 5: b
    # contradicts itself, so the fact takes no part of b, but the copy slot still differs
    assert fact_relations(rows, ["a", "b"]) == []
    pairs = {("a", 0, "b", 0): "edited", ("a", 5, "b", 5): "identical"}
    found, = copy_contradictions(rows, pairs, [], 2)
    assert found["relation"] == "contradiction"
    assert {a: r.value_text for a, r in found["values"].items()} == {"a": "two", "b": "four"}
    # a paraphrase is no copy
    assert copy_contradictions(rows, {("a", 0, "b", 0): "paraphrase"}, [], 2) == []


def test_relation_values_come_in_article_order_whatever_the_hash_seed():
    import subprocess
    import sys

    code = (
        "import math\n"
        "from workbench import schema\n"
        "from workbench.compare.relations import fact_relations\n"
        "rows = [{'claim_id': str(k), 'story_id': 's', 'article_id': a, 'sentence_id': 0,\n"
        "         'start_char': 0, 'end_char': 1, 'fact_id': 's:c0', 'fact': 'people injured',\n"
        "         'kind': 'count', 'is_background': False, 'value_text': str(n),\n"
        "         'value_norm': str(n), 'value_low': n, 'value_high': n, 'as_of': '2021-03-16'}\n"
        "        for k, (a, n) in enumerate(zip('abcdefgh', [3, 30, 300, 3000, 5, 50, 500, 7]))]\n"
        "d, = fact_relations(schema.coerce(rows, 'claims'), list('abcdefgh'))\n"
        "print(''.join(d['values']))\n")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": str(seed), "PATH": ""}
                           ).stdout.strip() for seed in (1, 2, 3, 4)}
    assert seen == {"abcdefgh"}


def test_units_written_short_hyphenated_or_with_a_half():
    got = {a.text: (a.low, a.unit) for a in amounts(
        "It is 39.9 ft wide, lifts 37,040 lb or nearly 64 metric tons, after an "
        "11-hour flight, an 11-and-a-half hour journey and two decades of work.")}
    assert got["39.9 ft"] == (39.9, "feet")
    assert got["37,040 lb"] == (37040.0, "pounds")
    assert got["nearly 64 metric tons"][1] == "tonnes"
    assert got["11-hour"] == (11.0, "hours")
    assert got["11-and-a-half hour"] == (11.5, "hours")
    assert got["two decades"] == (2.0, "decades")
    # fractions and heights written with hyphens are not counts
    assert _texts("Musk put it at one-half to two-thirds; he is 6-foot-2.") == []


def test_measures_in_two_units_of_one_dimension_are_compared():
    pounds = _claim(kind="quantity", value_low=140660.0, value_high=140660.0, unit="pounds")
    tonnes = _claim(kind="quantity", value_low=57.6, value_high=64.0, unit="tonnes")
    assert compatible(pounds, tonnes)  # 140,660 lb is 63.8 t
    assert not compatible(_claim(kind="quantity", value_low=130.0, value_high=130.0,
                                 unit="pounds"),
                          _claim(kind="quantity", value_low=135.0, value_high=135.0,
                                 unit="pounds"))
    # a measure is read as rounded (2 %): '40 feet' and '39.9 ft' agree
    assert compatible(_claim(kind="quantity", value_low=40.0, value_high=40.0, unit="feet"),
                      _claim(kind="quantity", value_low=39.9, value_high=39.9, unit="feet"))
    # a currency is never converted
    assert compatible(_claim(kind="quantity", value_low=5.0, value_high=5.0, unit="USD"),
                      _claim(kind="quantity", value_low=9.0, value_high=9.0, unit="EUR"))


def test_a_measure_restated_in_brackets_is_one_value_and_aspects_tell_measures_apart():
    claims = _story({
        "a": "The rocket is 230 feet (70 meters) tall and 40 feet (12 meters) wide.",
        "b": "A payload of 37,040 lb can reach Mars, the company said.",
        "c": "It can send 37,000 pounds of cargo toward the red planet.",
    })
    # one value in two units: its span takes in the restatement, so either is found
    assert [c.value_text for c in claims if c.article_id == "a"] == [
        "230 feet (70 meters)", "40 feet (12 meters)"]
    assert [c.head for c in claims if c.article_id == "a"] == ["tall", "wide"]
    mars = {c.article_id: c for c in claims if c.article_id in "bc"}
    # nothing else joins them; their values agree within 2 %: one figure, loosely linked
    assert mars["b"].fact_id == mars["c"].fact_id
    assert mars["b"].link == mars["c"].link == "near value"


def test_money_told_alike_in_one_currency_is_one_figure():
    claims = _story({
        "a": "A seat on the flight sells for around $62 million, the firm's price list says.",
        "b": "The ticket price is $62m, according to an analyst.",
        "c": "Its rival charges 62 million euros for a seat.",
    })
    money = {c.article_id: c for c in claims if c.kind == "quantity"}
    assert money["a"].fact_id == money["b"].fact_id
    assert money["a"].link == money["b"].link == "near value"
    assert money["c"].fact_id != money["a"].fact_id  # a currency is never converted


def test_a_loosely_linked_count_that_grew_from_day_to_day_is_an_update():
    base = {"fact": "rescuers", "kind": "count", "fact_link": "loose context"}
    rows = _claims([
        base | {"claim_id": "1", "article_id": "a", "value_text": "Dozens of",
                "value_norm": "24..99", "value_low": 24, "value_high": 99, "fact_part": 0,
                "as_of": "2016-11-08"},
        base | {"claim_id": "2", "article_id": "b", "value_text": "More than 500",
                "value_norm": ">=501", "value_low": 501, "value_high": math.inf, "fact_part": 1,
                "as_of": "2016-11-11"}])
    assert fact_relations(rows, ["a", "b"])[0]["relation"] == "update"
    # the same two on one day are two parts that cannot both hold: nothing to report
    assert fact_relations(rows.assign(as_of=pd.Timestamp("2016-11-08")), ["a", "b"]) == []
    # a count that fell is no running figure
    fell = rows.assign(as_of=pd.to_datetime(["2016-11-11", "2016-11-08"]))
    assert fact_relations(fell, ["a", "b"]) == []


def test_a_written_date_inside_another_a_grain_apart_is_nested():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _nested

    def d(text, start, end):
        return Claim("a", 0, 0, 1, "date", "date", text, start_date=pd.Timestamp(start),
                     end_date=pd.Timestamp(end))

    day = d("on Dec. 12", "2012-12-12", "2012-12-12 23:59")
    month = d("in December 2012", "2012-12-01", "2012-12-31 23:59")
    year = d("in late 2012", "2012-01-01", "2012-12-31 23:59")
    assert _nested(day, month) and _nested(month, day)
    assert _nested(month, year)
    assert not _nested(day, year)  # a day in a year says too little
    assert not _nested(d("on Dec. 13", "2012-12-13", "2012-12-13 23:59"), day)
    # relative dates are never nested: their anchors may be wrong
    assert not _nested(d("this month", "2012-12-01", "2012-12-31 23:59"), day)


def test_ages_are_facts_of_the_one_that_old():
    from workbench.compare.claim_reading import _age_claims

    def keys(text):
        return [(c.value_text, c.value_low, c.key[1]) for c in _age_claims("a", 0, text, 0)]

    assert keys("A six-year-old boy fell into a well.") == [("six-year-old", 6.0, "boy")]
    assert keys("The six-year-old fell into the well, and the 45-year-old, his father, wept.") == [
        ("six-year-old", 6.0, "one"), ("45-year-old", 45.0, "one")]
    assert keys("He was 45 years old when he died.") == []  # the subject is the one that old
    claims = _story({
        "a": "A six-year-old boy fell into a dry well on Sunday.",
        "b": "A five-year-old boy fell into the well while his parents worked.",
        "c": "The 76-year-old said: she was praying at the time.",
        "d": "The 23-year-old added that she had seen people carried away.",
    })
    age = {c.article_id: c for c in claims}
    assert age["a"].fact_id == age["b"].fact_id  # the boy's age, given twice
    assert age["c"].fact_id != age["d"].fact_id  # two people, each 'the N-year-old'
    age["a"].as_of, age["b"].as_of = pd.Timestamp("2016-11-08"), pd.Timestamp("2016-11-11")
    rows = _rows_of([age["a"], age["b"]])
    # an age does not grow from one report day to the next: a contradiction, not an update
    assert fact_relations(rows, ["a", "b"])[0]["relation"] == "contradiction"


def _credited(texts: dict, sentences: pd.DataFrame, sources: pd.DataFrame) -> list:
    """The source claims made for figures credited differently (no entities, quotes, dates)."""
    from workbench.compare.claims import story_claims

    empty = {n: schema.empty_frame(n) for n in ("entities", "quotes", "timexes", "alignments")}
    claims = story_claims("s", list(texts), sentences=sentences, sources=sources,
                          published={}, **empty)
    return [c for c in claims if c.fact.startswith("source credited")]


def _one_sentence_each(texts: dict) -> pd.DataFrame:
    """A sentences table: each article's text is one sentence."""
    return schema.coerce([
        {"article_id": a, "sentence_id": 0, "start_char": 0, "end_char": len(t),
         "sentence_text": t} for a, t in texts.items()], "sentences")


def _place_claims(texts: dict, place: dict, label: str) -> list:
    """The place claims of a one-sentence-per-article story, each place an entity of ``label``."""
    from workbench.compare.claims import story_claims

    sentences = _one_sentence_each(texts)
    entities = schema.coerce([
        {"article_id": a, "entity_id": 0, "sentence_id": 0,
         "start_char": texts[a].index(p), "end_char": texts[a].index(p) + len(p),
         "entity_text": p, "entity_label": label, "entity_norm": p} for a, p in place.items()],
        "entities")
    empty = {n: schema.empty_frame(n) for n in ("sources", "quotes", "timexes", "alignments")}
    return [c for c in story_claims("s", list(texts), sentences=sentences, entities=entities,
                                    published={}, **empty) if c.kind == "place"]


def test_places_named_near_the_same_words_are_one_fact_compared_for_precision_only():
    texts = {"a": "Begmedova spoke to reporters by telephone from Varna on Tuesday.",
             "b": "Begmedova spoke to reporters by telephone from Bulgaria on Tuesday.",
             "c": "Samsung will unveil the Galaxy S9 at a press event in Barcelona next month.",
             "d": "Samsung will unveil the Galaxy S9 at a press event in Las Vegas next month."}
    place = {"a": "Varna", "b": "Bulgaria", "c": "Barcelona", "d": "Las Vegas"}
    claims = _place_claims(texts, place, "GPE")
    by = {c.article_id: c for c in claims}
    assert by["a"].fact_id == by["b"].fact_id and by["c"].fact_id == by["d"].fact_id
    assert {c.link for c in claims} <= {"loose context", "loose key"}  # never a contradiction
    rows = _rows_of(claims, one_part=False)
    found = {r["fact_id"]: r["relation"] for r in fact_relations(rows, list(texts))}
    assert found == {by["a"].fact_id: "precision"}  # Varna lies in Bulgaria


def test_about_reaches_as_far_as_the_number_is_written():
    got = {a.text: (round(a.low, 3), round(a.high, 3)) for a in amounts(
        "Turnout was some 88.41 percent; about 850 soldiers and roughly 1,000 troops; "
        "about 50 people.")}
    assert got["some 88.41 percent"] == (88.4, 88.42)  # a decimal is precise to its last digit
    assert got["about 850"] == (807.5, 892.5)  # at least 5 %
    assert got["roughly 1,000"] == (900.0, 1100.0)  # at most 10 %
    assert got["about 50"] == (45.0, 55.0)


def test_two_times_of_one_day_an_hour_apart_at_most_are_one_time_told_differently():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _clock_join, _Facts

    def t(aid, text, norm):
        day = pd.Timestamp(norm[:10])
        return Claim(aid, 0, 0, 1, "date", "date", text, value_norm=norm, start_date=day,
                     end_date=day)

    claims = [t("a", "5:52 p.m.", "2017-12-26T17:52"), t("b", "approximately 6pm EST",
                                                         "2017-12-26T18:00"),
              t("c", "11:36 a.m.", "2017-12-26T11:36"), t("d", "0336 GMT", "2017-12-26T03:36Z"),
              t("e", "7:33 p.m.", "2017-12-27T19:33")]
    u = _Facts(claims)
    _clock_join(claims, u)
    assert u.find(0) == u.find(1) and claims[0].link == "loose context"
    assert len({u.find(i) for i in (2, 3, 4)}) == 3  # a UTC clock, another day: never joined
    rows = _claims([
        {"claim_id": c.article_id, "article_id": c.article_id, "kind": "date", "fact": "date",
         "value_text": c.value_text, "value_norm": c.value_norm, "start_date": c.start_date,
         "end_date": c.end_date, "as_of": "2017-12-27", "fact_link": "loose context",
         "fact_part": k} for k, c in enumerate(claims[:2])])
    # 'approximately 6pm' is an hour wide, '5:52 p.m.' a moment: a precision difference
    assert fact_relations(rows, ["a", "b"])[0]["relation"] == "precision"


def test_people_taken_to_hospital_are_a_figure_of_their_own():
    from workbench.compare.claim_reading import _count_claims

    def facts(text):
        return [(c.value_text, c.fact) for c in _count_claims("a", 0, text, 0)]

    assert facts("Several were treated at the scene and 51 were taken to the hospital.") == [
        ("51", "people hospitalized")]
    assert facts("More than 51 people were also rushed to hospital after the crash.") == [
        ("More than 51", "people hospitalized")]
    assert facts("At least seven people have been killed and more than 50 taken to hospital.") \
        == [("At least seven", "people killed"), ("more than 50", "people hospitalized")]
    assert facts("Five people were taken to a police station.") == [("Five", "people")]


def test_durations_that_count_the_time_since_one_start_are_one_running_figure():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _elapsed_join, _Facts

    def d(aid, text, value, unit, day):
        return Claim(aid, 0, 0, 1, "quantity", "amount", text, value_low=value,
                     value_high=math.inf if text.startswith(("more", "over")) else value,
                     unit=unit, as_of=pd.Timestamp(day))

    claims = [d("a", "two days", 2.0, "days", "2016-11-08"),
              d("b", "more than 85 hours", 85.0001, "hours", "2016-11-10"),
              d("c", "over 100 hours", 100.0, "hours", "2016-11-11"),
              d("e", "five years", 5.0, "years", "2016-11-10"),  # not an elapsed time here
              d("f", "two hours", 2.0, "hours", "2016-11-10")]
    u = _Facts(claims)
    _elapsed_join(claims, u)
    assert len({u.find(i) for i in (0, 1, 2)}) == 1  # since Sunday 6 November, all three
    assert claims[0].link == "elapsed time"
    assert len({u.find(i) for i in (0, 3, 4)}) == 3
    rows = _claims([{"claim_id": c.article_id, "article_id": c.article_id, "kind": "quantity",
                     "fact": "amount", "value_text": c.value_text, "value_norm": c.value_text,
                     "value_low": c.value_low, "value_high": c.value_high, "unit": c.unit,
                     "as_of": c.as_of, "fact_link": "elapsed time", "fact_part": k}
                    for k, c in enumerate(claims[:3])])
    # a running figure in days and hours that only grew: an update
    assert fact_relations(rows, ["a", "b", "c"])[0]["relation"] == "update"


def test_a_loose_link_never_puts_two_values_of_one_article_in_one_fact():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _context_join, _Facts

    class Words:  # every pair shares the word 'well' and agrees in part (0.5: a loose link)
        def words(self, i):
            return {"well": 1.0}

        def score(self, i, j):
            return 0.5

    claims = [Claim(a, 0, k, k + 1, "quantity", "amount", t, value_low=v, value_high=v,
                    unit="hours") for a, k, t, v in (("a", 0, "48 hours", 48.0),
                                                     ("b", 0, "50 hours", 50.0),
                                                     ("b", 5, "20 hours", 20.0),
                                                     ("c", 0, "20 hours", 20.0))]
    u = _Facts(claims)
    _context_join(claims, Words(), u, [])
    assert u.find(1) != u.find(2)  # b's two figures stay two facts


def test_a_measure_up_to_a_ceiling_is_near_the_ceiling():
    claims = _story({
        "a": "The Heavy can deliver up to 140,660 pounds, Musk boasted on Monday evening.",
        "b": "Engineers list its maximum cargo mass as 140,660 lb in the new brochure.",
    })
    load = {c.article_id: c for c in claims if c.kind == "quantity"}
    assert load["a"].fact_id == load["b"].fact_id


def test_a_value_an_article_repeats_joins_the_fact_of_its_first_telling():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _Facts, _repeated_values

    def q(aid, start, text, value, unit="hours"):
        return Claim(aid, 0, start, start + 1, "quantity", "amount", text, value_low=value,
                     value_high=value, unit=unit, value_norm=f"{value:g} {unit}")

    claims = [q("a", 0, "over 100 hours", 100.0), q("b", 0, "100 hours", 100.0),
              q("a", 50, "over 100 hours", 100.0), q("a", 90, "20 hours", 20.0)]
    u = _Facts(claims)
    u.union(0, 1)  # the first telling joined another article's value
    _repeated_values(claims, u)
    assert u.find(2) == u.find(0) and claims[2].link == "repeated"
    assert u.find(3) != u.find(0)  # another value stays apart


def test_people_with_nothing_happened_to_them_are_no_figure():
    day1, day3 = "2021-02-13", "2021-02-15"
    rows = _claims([
        {"claim_id": "1", "article_id": "a", "value_text": "Several", "value_norm": "3..9",
         "value_low": 3, "value_high": 9, "as_of": day1},
        {"claim_id": "2", "article_id": "b", "value_text": "Twelve", "value_norm": "12",
         "value_low": 12, "value_high": 12, "as_of": day3}])
    assert fact_relations(rows, ["a", "b"])[0]["relation"] == "update"  # 'people injured'
    assert fact_relations(rows.assign(fact="people"), ["a", "b"]) == []  # 'several people said'


def _sources(rows):
    base = {"source_id": 0, "sentence_id": 0, "is_anonymous": False, "source_count": 1,
            "is_plural": False}
    out = []
    for k, (aid, text, sentence, kind, name, key) in enumerate(rows):
        start = sentence.index(text)
        out.append(base | {"article_id": aid, "source_id": k, "start_char": start,
                           "end_char": start + len(text), "source_text": text,
                           "source_kind": kind, "source_name": name, "source_key": key,
                           "is_anonymous": name is None})
    return schema.coerce(out, "sources")


def test_a_statement_two_outlets_credit_to_two_sources_is_a_pair_of_source_claims():
    from workbench.compare.claims import statement_sources
    from workbench.compare.mentions import sentence_lookup, story_sources

    texts = {"a": "The tram driver was arrested on Wednesday, Radio Vanta reported.",
             "b": "The driver of the tram has been arrested, the harbour police said.",
             "c": "The tram driver was arrested on Wednesday, Radio Vanta's reporters said."}
    sents = sentence_lookup(_one_sentence_each(texts))
    src = story_sources(_sources([
        ("a", "Radio Vanta", texts["a"], "news_agency", "Radio Vanta", "org:radio vanta"),
        ("b", "the harbour police", texts["b"], "named_organization", None, "org:police"),
        ("c", "Radio Vanta's reporters", texts["c"], "news_agency", "Radio Vanta", "other:1")]))
    paired = pd.DataFrame({"article_id": ["a", "b", "a"], "sentence_id": [0, 0, 0],
                           "other_article_id": ["b", "a", "c"], "other_sentence_id": [0, 0, 0],
                           "alignment_type": ["paraphrase", "paraphrase", "edited"],
                           "similarity": [0.5, 0.5, 0.9]})
    got = statement_sources(paired, src, sents, 10, set())
    # the pair a/b once (both directions are aligned); a/c name one source in other words
    assert [(c.article_id, c.value_text, c.pair) for c in got] == [
        ("a", "Radio Vanta", 11), ("b", "the harbour police", 10)]
    assert got[0].fact == got[1].fact == "source credited for “The tram driver was arrested on " \
        "Wednesday, Radio…”"
    assert got[0].kind == "source" and texts["b"][got[1].start_char:got[1].end_char] == \
        "the harbour police"
    # a sentence whose source is already compared (a copied sentence's one changed name) is left
    assert statement_sources(paired, src, sents, 10, {("a", 0)}) == []
    # two sentences only loosely alike are two statements on one topic
    assert statement_sources(paired.assign(similarity=0.35), src, sents, 10, set()) == []


def test_one_figure_two_outlets_credit_to_two_sources_is_a_pair_of_source_claims():

    texts = {"a": "A seat on the flight sells for around $62 million, according to Orbital "
                  "Lines.",
             "b": "The price of a seat is $62m, said Tomas Brandt, an analyst at Skyview.",
             "c": "The price of a seat is $62m, said Tomas Brandt."}
    sentences = _one_sentence_each(texts)
    sources = _sources([
        ("a", "Orbital Lines", texts["a"], "named_organization", "Orbital Lines",
         "org:orbital lines"),
        ("b", "Tomas Brandt, an analyst at Skyview", texts["b"], "named_person",
         "Tomas Brandt", "person:tomas brandt"),
        ("c", "Tomas Brandt", texts["c"], "named_person", "Tomas Brandt",
         "person:tomas brandt")])
    credited = _credited(texts, sentences, sources)
    # the figure joined its fact by its value ('$62 million' / '$62m'); its credited sources
    # differ between a and b (and a and c): one source claim per article, in one fact
    assert sorted((c.article_id, c.value_text) for c in credited) == [
        ("a", "Orbital Lines"), ("b", "Tomas Brandt, an analyst at Skyview"),
        ("c", "Tomas Brandt")]
    assert {c.fact for c in credited} == {"source credited for “around $62 million”"}
    assert len({c.fact_id for c in credited}) == 1
    assert all(c.link == "statement" for c in credited)


def test_a_source_one_outlet_names_and_another_only_describes_is_a_precision_difference():
    def credited(aid, name):
        return _value(aid, "source", name, name.casefold(), fact_link="statement")

    rel, = fact_relations(_claims([credited("a", "a witness"), credited("b", "Ms Ferreira")]),
                          ["a", "b"])
    assert rel["relation"] == "precision"
    rel, = fact_relations(_claims([credited("a", "Radio Vanta"), credited("b", "Ms Ferreira")]),
                          ["a", "b"])
    assert rel["relation"] == "attribution"
    # two descriptions ('a witness', 'the police') may be one source: nothing to report
    assert fact_relations(_claims([credited("a", "a witness"), credited("b", "the police")]),
                          ["a", "b"]) == []


def test_one_source_named_twice_or_cited_by_the_other_is_no_attribution_difference():
    from workbench.compare.claims import _one_source

    assert _one_source("the FMIB", "the Federal Marine Investigation Board", "", "")
    assert _one_source("Wolfe", "Irena Wolff, a spokeswoman for the hospital", "", "")
    # who reported whom: an agency citing the authorities the other outlet cites directly
    assert _one_source("Radio Vanta", "Harbour authorities",
                       "Harbour authorities said the ship sank, Radio Vanta reported.",
                       "Harbour authorities said the ship sank.")
    assert not _one_source("Radio Vanta", "Ms Ferreira", "The ship sank, Radio Vanta reported.",
                           "The ship sank, Ms Ferreira said.")
    # an unnamed source the other outlet's sentence also describes ('quoted a witness')
    assert _one_source("A witness", "Radio Vanta", "A witness told Radio Vanta the ship sank.",
                       "Radio Vanta quoted a witness as saying the ship sank.")


def test_values_far_apart_in_size_that_only_their_words_join_are_joined_loosely():
    near = _story({"a": "The crew seized 12 magazines behind the engine room hatch.",
                   "b": "The crew seized 31 magazines behind the engine room hatch."})
    assert {c.link for c in near} == {"context"}
    far = _story({"a": "The crew seized 8 magazines behind the engine room hatch.",
                  "b": "The crew seized 52 magazines behind the engine room hatch."})
    assert {c.link for c in far} == {"loose context"}  # a game's and a season's, often
    assert len({c.fact_id for c in far}) == 1


def test_figures_of_undated_pages_contradict_only_in_copies_of_one_sentence():
    def count(aid, n, **kw):
        return _value(aid, "count", str(n), str(n), value_low=n, value_high=n, as_of=None, **kw)

    # two undated pages' tolls may be a toll and its update: no contradiction is claimed
    assert fact_relations(_claims([count("a", 4), count("b", 7)]), ["a", "b"]) == []
    # copies of one sentence are one report, whatever its date
    rel, = fact_relations(_claims([count("a", 4, fact_link="copy"),
                                   count("b", 7, fact_link="copy")]), ["a", "b"])
    assert rel["relation"] == "contradiction"
    # a dated page's figure against an undated one's is no more comparable
    dated = _claims([count("a", 4), count("b", 7)]).assign(
        as_of=pd.to_datetime(["2021-03-16", None]))
    assert fact_relations(dated, ["a", "b"]) == []
    # a person's age runs only by the year: two ages contradict on undated pages too when
    # more than a year apart
    def ages(*told):
        return _claims([_value(a, "quantity", t, t, value_low=n, value_high=n,
                               unit="years of age", as_of=None) for a, t, n in told])

    rel, = fact_relations(ages(("a", "4-year-old", 4), ("b", "6-year-old", 6)), ["a", "b"])
    assert rel["relation"] == "contradiction"
    # a year apart, they may be told a year apart (at the shooting, at the trial) ...
    assert fact_relations(ages(("a", "38-year-old", 38), ("b", "39-year-old", 39)),
                          ["a", "b"]) == []
    # ... but not on two known report days (days apart tell one age)
    dated = ages(("a", "38-year-old", 38), ("b", "39-year-old", 39)).assign(
        as_of=pd.to_datetime(["2021-03-16", "2021-03-19"]))
    assert fact_relations(dated, ["a", "b"])[0]["relation"] == "contradiction"


def test_a_credited_clause_taken_whole_is_no_name():
    from types import SimpleNamespace

    from workbench.compare.claims import _credited_name

    def mention(text):
        return SimpleNamespace(source_text=text, source_kind="named_person", is_anonymous=False)

    assert _credited_name(mention("Mara Lind, the head nurse at the city hospital")) == \
        "Mara Lind, the head nurse at the city hospital"
    assert _credited_name(mention(
        "Lind again unloading her long list of vague verbs and adverbs in a bid to blame "
        "the mayor")) is None


def test_places_of_one_happening_are_one_fact_named_by_it_and_a_fuller_name_is_more_precise():
    texts = {"a": "The rocket blasted off at 9 a.m. from Tonghae, state media said.",
             "b": "The satellite blasted off from the Tonghae Space Center and reached orbit.",
             "c": "Tonghae officials met reporters after the meeting."}
    place = {"a": "Tonghae", "b": "the Tonghae Space Center", "c": "Tonghae"}
    by = {c.article_id: c for c in _place_claims(texts, place, "FAC")}
    assert by["a"].fact_id == by["b"].fact_id and by["a"].fact == "place of launch"
    assert by["a"].link == "loose key"  # a story has many launches: never a contradiction
    # a name before its verb is no place where anything happened: it joins only its copies
    assert by["c"].fact == "place name" and by["c"].fact_id not in {by["a"].fact_id}
    rows = _rows_of([by["a"], by["b"]])
    rel, = fact_relations(rows, ["a", "b"])
    assert rel["relation"] == "precision"


def test_measures_in_two_units_ten_times_apart_are_not_alike_in_size():
    from workbench.compare.claims import _alike_in_size

    feet = _claim(kind="quantity", value_low=200.0, value_high=200.0, unit="feet")
    assert not _alike_in_size(feet, _claim(kind="quantity", value_low=600.0, value_high=600.0,
                                           unit="m"))
    assert _alike_in_size(feet, _claim(kind="quantity", value_low=60.0, value_high=60.0, unit="m"))


def test_versions_of_one_wire_story_share_a_key_strongly_only_where_it_names_the_measure():
    from workbench.compare.claims import story_claims

    texts = {"a": ["Rescue teams searched the slopes all day on Sunday.",
                   "One climber fell about 3,000 feet near the hut.",
                   "A day earlier another man died falling about 300 feet from a ridge."],
             "b": ["Rescue teams searched the slopes all day on Sunday.",
                   "A hiker died after falling around 3,000ft on the peak.",
                   "The day before, a second climber fell around 300ft from a ridge."]}
    rows, align = [], []
    for a, sents in texts.items():
        start = 0
        for k, t in enumerate(sents):
            rows.append({"article_id": a, "sentence_id": k, "start_char": start,
                         "end_char": start + len(t), "sentence_text": t})
            start += len(t) + 1
    for a, o in (("a", "b"), ("b", "a")):
        align.append({"story_id": "s", "article_id": a, "sentence_id": 0, "other_article_id": o,
                      "other_sentence_id": 0, "alignment_type": "identical", "similarity": 1.0})
    empty = {n: schema.empty_frame(n) for n in ("entities", "sources", "quotes", "timexes")}
    claims = story_claims("s", ["a", "b"], sentences=schema.coerce(rows, "sentences"),
                          alignments=schema.coerce(align, "alignments"), published={}, **empty)
    falls = [c for c in claims if c.kind == "quantity"]
    # 'fell' / 'falling' is said of both falls in each version: never a strong join
    assert len(falls) == 4 and all(c.link in ("alone", "loose key", "near value", "loose context")
                                   for c in falls)


def test_a_fact_is_named_by_what_it_measures_before_a_guess_from_a_nearby_word():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _name_facts

    def fact(kind, *names):
        out = [Claim("a", 0, 0, 1, kind, n, "") for n in names]
        for c in out:
            c.fact_id = "s:c000"
        _name_facts(out)
        return {c.fact for c in out}

    assert fact("quantity", "amount plummeted", "depth", "amount fell") == {"depth"}
    assert fact("date", "date: was married", "date") == {"date"}
    assert fact("count", "people", "people killed") == {"people killed"}


def test_two_unnamed_groups_or_two_named_people_credited_with_one_statement_differ():
    def credited(aid, text, norm):
        return _value(aid, "source", text, norm, fact_link="statement")

    # whose sources they are differs: an attribution difference
    rel, = fact_relations(_claims([credited("a", "two harbour police sources", "anonymous|"),
                                   credited("b", "a ministry source", "anonymous|ministry")]),
                          ["a", "b"])
    assert rel["relation"] == "attribution"
    # 'a ministry source' / 'a ministry official' may be one source
    assert fact_relations(_claims([credited("a", "a ministry source", "anonymous|ministry"),
                                   credited("b", "a ministry official",
                                            "unnamed_official|ministry")]), ["a", "b"]) == []
    # two people of one office, their descriptions sharing words ('Harbour County')
    rel, = fact_relations(_claims([
        credited("a", "Harbour County Sheriff Tomas Brandt", "tomas brandt"),
        credited("b", "Harbour County Undersheriff Ana Ferreira", "ana ferreira")]), ["a", "b"])
    assert rel["relation"] == "attribution"


def test_one_quotation_two_outlets_credit_to_two_sources_is_a_pair_of_source_claims():
    from workbench.compare.claims import quote_sources
    from workbench.compare.mentions import sentence_lookup, story_sources

    texts = {"a": "The bridge was praised by Radio Vanta as “a quiet marvel of the river "
                  "front”.",
             "b": "Opened in May, the bridge was praised by The Harbour Gazette as 'a quiet "
                  "marvel of the riverfront'.",
             "c": "The Harbour Gazette called it “a quiet marvel of the river front”."}
    sents = sentence_lookup(_one_sentence_each(texts))
    src = story_sources(_sources([
        ("a", "Radio Vanta", texts["a"], "news_agency", "Radio Vanta", "org:radio vanta"),
        ("b", "The Harbour Gazette", texts["b"], "news_agency", "Harbour Gazette",
         "org:harbour gazette"),
        ("c", "The Harbour Gazette", texts["c"], "news_agency", "Harbour Gazette",
         "org:harbour gazette")]).assign(is_anonymous=False))
    quotes = pd.DataFrame([
        {"article_id": a, "quote_id": 0, "sentence_id": 0, "quote_type": "direct",
         "speaker_key": k, "content": t[t.index("a quiet") - 1:].rstrip(".")}
        for a, k, t in (("a", "org:radio vanta", texts["a"]), ("b", "org:harbour gazette",
                                                                 texts["b"]),
                        ("c", "org:harbour gazette", texts["c"]))])
    got = quote_sources(quotes, src, sents, 10, set())
    # a and b, a and c credit the quotation differently; b and c name one source
    assert sorted((c.article_id, c.value_text) for c in got) == [
        ("a", "Radio Vanta"), ("a", "Radio Vanta"), ("b", "The Harbour Gazette"),
        ("c", "The Harbour Gazette")]
    assert all(got[c.pair - 10].pair == n + 10 for n, c in enumerate(got))  # paired
    assert {c.fact for c in got} <= {"source credited for “a quiet marvel of the river front…”",
                                     "source credited for “a quiet marvel of the riverfront…”"}
    assert quote_sources(quotes, src, sents, 10, {("a", 0)}) == []


def test_a_figure_is_credited_to_the_source_on_its_line_and_a_website_cited_for_it():

    texts = {"a": "A seat sells for around $62 million, according to Orbital Lines’ website.",
             "b": "It is cheaper, according to Orbital.\nThe price of a seat is $62m, says "
                  "Tomas Brandt, an analyst at the Orbit Foundation."}
    sentences = _one_sentence_each(texts)
    sources = _sources([
        ("a", "Orbital Lines’ website", texts["a"], "other", None, "other:1"),
        ("b", "Orbital.", texts["b"], "other", None, "other:2"),
        ("b", "Tomas Brandt, an analyst at the Orbit Foundation", texts["b"], "named_person",
         "Tomas Brandt", "person:tomas brandt")]).assign(cue=["according to", "according to",
                                                             "says"], is_anonymous=False)
    credited = _credited(texts, sentences, sources)
    assert sorted((c.article_id, c.value_text) for c in credited) == [
        ("a", "Orbital Lines’ website"), ("b", "Tomas Brandt, an analyst at the Orbit Foundation")]


def test_words_of_two_names_alike_only_when_spelt_alike_or_a_form_of_one_name():
    from workbench.compare.claims import _named_in, _one_source, _spelt_alike

    assert _spelt_alike("Wolfe", "Wolff") and not _spelt_alike("spacex", "space")
    assert _named_in({"korea"}, "South Korean officials said") and _named_in(
        {"korean"}, "officials in South Korea said")
    assert not _named_in({"orbitx"}, "an analyst at the Orbit Foundation")
    assert not _one_source("OrbitX", "Tomas Brandt, an analyst at the Orbit Foundation", "", "")


def test_a_figure_in_a_relative_clause_is_not_what_the_sentence_credits():
    from workbench.compare.claims import Claim, _in_relative_clause

    text = "The gunman, who killed 12 people, acted alone, according to a website."
    sents = {("a", 0): (text, 0)}
    c = Claim("a", 0, text.index("12"), text.index("12") + 2, "count", "people killed", "12")
    assert _in_relative_clause(c, sents)
    c = Claim("a", 0, 3, 4, "count", "x", "x")
    assert not _in_relative_clause(c, sents)


def test_a_quotation_run_on_or_given_in_part_is_credited_to_its_speaker_named_before():
    from workbench.compare.claims import quote_sources
    from workbench.compare.mentions import sentence_lookup, story_sources

    a = ['Ana Ferreira, a harbour police inspector (HPI), confirmed the deaths.',
         'She said: "Sadly we can say that some lives have been lost tonight."']
    b = ['A spokesperson for the harbour police said: "Officers attended the scene at once.',
         'We are working to free two people and sadly we can say that some lives have been '
         'lost tonight."']
    rows, start = [], {}
    for aid, texts in (("a", a), ("b", b)):
        pos = 0
        for k, t in enumerate(texts):
            rows.append({"article_id": aid, "sentence_id": k, "start_char": pos,
                         "end_char": pos + len(t), "sentence_text": t})
            start[(aid, k)] = pos
            pos += len(t) + 1
    sents = sentence_lookup(schema.coerce(rows, "sentences"))

    def mention(aid, k, text, kind, name, key):
        at = start[(aid, k)] + (a if aid == "a" else b)[k].index(text)
        return {"article_id": aid, "source_id": k, "sentence_id": k, "start_char": at,
                "end_char": at + len(text), "source_text": text, "source_kind": kind,
                "source_name": name, "source_key": key, "is_anonymous": name is None,
                "source_count": 1, "is_plural": False,
                "affiliation": None if name else "harbour police"}

    src = story_sources(schema.coerce([
        mention("a", 0, "Ana Ferreira, a harbour police inspector (HPI)", "named_person",
                "Ana Ferreira", "person:ana ferreira"),
        mention("a", 1, "She", "named_person", "Ana Ferreira", "person:ana ferreira"),
        mention("b", 0, "A spokesperson for the harbour police", "unnamed_official", None,
                "unnamed_official:1")], "sources"))
    quotes = pd.DataFrame([
        {"article_id": "a", "quote_id": 0, "sentence_id": 1, "quote_type": "direct",
         "speaker_key": "person:ana ferreira", "content": a[1][a[1].index('"'):]},
        {"article_id": "b", "quote_id": 0, "sentence_id": 0, "quote_type": "direct",
         "speaker_key": "unnamed_official:1", "content": b[0][b[0].index('"'):]},
        {"article_id": "b", "quote_id": 1, "sentence_id": 1, "quote_type": "direct",
         "speaker_key": None, "content": b[1]}])
    got = quote_sources(quotes, src, sents, 0, set())
    # 'She' is credited by the name before; b's second sentence runs on its first's quotation,
    # and a's quotation is a part of it
    assert sorted((c.article_id, c.sentence_id, c.value_text) for c in got) == [
        ("a", 0, "Ana Ferreira, a harbour police inspector (HPI)"),
        ("b", 0, "A spokesperson for the harbour police")]


def test_a_spokesperson_of_a_body_and_a_named_officer_of_it_differ_in_precision():
    def credited(aid, text, norm):
        return _value(aid, "source", text, norm, fact_link="statement")

    rel, = fact_relations(_claims([
        credited("a", "Ana Ferreira, at the Harbour Police", "ana ferreira"),
        credited("b", "A spokesperson from the Harbour Police",
                 "unnamed_official|harbour police")]), ["a", "b"])
    assert rel["relation"] == "precision"
    # officials of another body are another source
    rel, = fact_relations(_claims([
        credited("a", "The Harbour Front", "harbour front"),
        credited("b", "Ministry officials", "unnamed_official|ministry")]), ["a", "b"])
    assert rel["relation"] == "attribution"


def test_a_date_that_opens_its_clause_dates_what_the_clause_tells():
    from workbench.compare.mentions import _clause_after

    frame = {"clause_words": ["In"], "opens_clause": True,
             "after_words": _clause_after(" March the singer tweeted that she had left")}
    assert event_word(frame) == "tweet"
    # set off by a comma at the head of its sentence, it opens the clause after the comma
    assert _clause_after(", the court found him guilty of murder") == [
        "the", "court", "found", "him", "guilty", "of", "murder"]
    # a clause after another break, or a date that ends its clause, is not read forward
    assert _clause_after(" when the crash happened") == []
    # a happening right after the date is one the date modifies ('The May launch would have')
    assert event_word({"clause_words": [], "opens_clause": True,
                       "after_words": ["launch", "would", "have", "had"]}) is None
    assert event_word({"clause_words": ["the", "rocket", "flew", "on"], "opens_clause": False,
                       "after_words": ["after", "launch"]}) is None


def test_a_period_since_a_date_is_dated_by_its_start():
    from types import SimpleNamespace

    from workbench.compare.claim_reading import date_claims

    def frame(text, value, start):
        t = SimpleNamespace(article_id="a", sentence_id=0, start_char=0, end_char=len(text),
                            timex_text=text, timex_type="DATE", value=value,
                            start_date=pd.Timestamp(start), end_date=pd.Timestamp("2016-11-09"),
                            note=None)
        return {"t": t, "is_report": False, "clause_words": ["first"], "place_order": [],
                "words": set()}

    year, decade = date_claims([frame("since 1959", "1959", "1959-01-01"),
                                frame("since the 1950s", "195X", "1950-01-01")],
                               pd.Timestamp("2016-11-09"))
    assert year.end_date == pd.Timestamp("1959-12-31") and year.is_background
    assert decade.end_date == pd.Timestamp("1959-12-31")


def test_one_date_told_with_and_without_a_hedge_differs_in_precision():
    rows = _claims([
        {"claim_id": "1", "article_id": "a", "kind": "date", "fact": "date of wedding",
         "value_text": "two weeks ago", "value_norm": "-P2W", "fact_part": 0},
        {"claim_id": "2", "article_id": "b", "kind": "date", "fact": "date of wedding",
         "value_text": "about two weeks ago", "value_norm": "-P2W", "fact_part": 1}])
    assert fact_relations(rows, ["a", "b"])[0]["relation"] == "precision"
    same = rows.assign(value_text=["two weeks ago", "Two weeks ago"])
    assert fact_relations(same, ["a", "b"]) == []


def test_times_of_day_of_undated_pages_join_only_each_other():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _clock_join, _Facts

    def t(aid, text, norm):
        return Claim(aid, 0, 0, 1, "date", "date", text, value_norm=norm)

    claims = [t("a", "around 10:30 a.m.", "XXXX-XX-XXT10:30"),
              t("b", "about 10 a.m.", "XXXX-XX-XXT10:00"),
              t("c", "10:15 a.m.", "2012-09-24T10:15")]
    u = _Facts(claims)
    _clock_join(claims, u)
    assert u.find(0) == u.find(1) and u.find(2) != u.find(0)


def test_a_date_of_a_list_of_dates_is_told_by_the_words_that_lead_the_list():
    from workbench.compare.claim_reading import Claim
    from workbench.compare.claims import _Contexts

    text = "The test followed three other nuclear blasts in 1998, 2001 and 2004."
    claims = [Claim("a", 0, text.index(y), text.index(y) + 4, "date", "date", y, value_norm=y)
              for y in ("1998", "2001", "2004")]
    ctx = _Contexts(claims, {("a", 0): (text, 0)})
    assert "nuclear" in ctx.words(2) and "blast" in ctx.words(1)
