"""Values the claim readers read on made-up sentences: what an undated story's dates still say."""

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from workbench.compare.claim_reading import date_claims, sentence_claims, unanchored_value


def _frame(text, value, start=None):
    day = pd.Timestamp(start) if start else pd.NaT
    t = SimpleNamespace(article_id="a", sentence_id=0, start_char=10, end_char=10 + len(text),
                        timex_text=text, timex_type="DATE", value=value, start_date=day,
                        end_date=day, note=None)
    return {"t": t, "is_report": False, "clause_words": ["married"], "place_order": [],
            "words": set()}


def test_an_unanchored_date_keeps_what_its_words_say():
    assert unanchored_value("XXXX-06-20", "on June 20") == "XXXX-06-20"
    assert unanchored_value("XXXX-XX-XXT15:30", "about 3:30 p.m.") == "XXXX-XX-XXT15:30"
    assert unanchored_value("XXXX", "about two weeks ago") == "-P2W"
    assert unanchored_value("XXXX", "less than a fortnight ago") == "-P2W"
    assert unanchored_value("XXXX", "a few days ago") == "-PXD"
    assert unanchored_value("XXXX-WXX", "last week") == "-P1W"
    assert unanchored_value("XXXX", "earlier this year") == "+P0Y"
    assert unanchored_value("XXXX-WXX", "next week") == "+P1W"
    # nothing to compare: the day of report, or a distance from another mention
    assert unanchored_value("XXXX-XX-XX", "today") is None
    assert unanchored_value("XXXX", "three hours later") is None


def test_an_undated_storys_dates_become_claims():
    two, three = date_claims([_frame("two weeks ago", "XXXX"), _frame("today", "XXXX-XX-XX"),
                              _frame("three weeks ago", "XXXX")], None)
    assert (two.value_norm, three.value_norm) == ("-P2W", "-P3W")
    assert two.start_date is None and not two.is_background
    anchored, = date_claims([_frame("June 20", "2005-06-20", "2005-06-20")], None)
    assert anchored.value_norm == "2005-06-20"


def _quantities(text):
    claims = sentence_claims({("a", 0): (text, 0)}, set(), set(), {})
    return {c.value_text: c for c in claims if c.kind == "quantity"}


def test_a_fraction_is_a_share():
    got = _quantities("More than half of the 40 players and nearly a third of the coaches left, "
                      "and he put the odds at one-half to two-thirds.")
    assert (got["More than half"].value_low, got["More than half"].unit) == (50.0, "%")
    assert math.isinf(got["More than half"].value_high)
    assert got["nearly a third"].value_low == pytest.approx(30.0)
    low, high = got["one-half to two-thirds"].value_low, got["one-half to two-thirds"].value_high
    assert (low, round(high, 2)) == (50.0, 66.67)
    # parts of a period, ordinals and a half hour are no shares (a half hour is a duration)
    got = _quantities("In the second half of the game, a quarter century after the war, "
                      "the team cut its lead in half within half an hour.")
    assert {c.value_text: c.unit for c in got.values()} == {"half an hour": "hours"}


def test_one_unit_written_with_an_article_is_an_amount_when_hedged_or_halved():
    got = _quantities("The panel needed less than a day to decide, after a hearing of a little "
                      "more than three hours and a walk of about a mile.")
    assert (got["less than a day"].value_low, got["less than a day"].unit) == (0.0, "days")
    assert got["less than a day"].value_high < 1.0
    assert got["a little more than three hours"].value_low > 3.0
    assert math.isinf(got["a little more than three hours"].value_high)
    assert got["about a mile"].unit == "miles"
    assert got["about a mile"].value_low < 1.0 < got["about a mile"].value_high
    lasted = _quantities("The storm lasted a day and a half over the small coastal town.")
    assert lasted["a day and a half"].value_low == 1.5
    # alone, 'a day' measures nothing; 'a year ago' dates a happening
    assert _quantities("He takes two pills a day, and he was hired less than a year ago.") == {}


def test_a_measure_in_two_units_is_one_amount():
    got = _quantities("The flight took 7 hours and 45 minutes, and the pilot is 6 feet 2 inches "
                      "tall; the second leg took 2 hours, 30 minutes.")
    assert (got["7 hours and 45 minutes"].value_low, got["7 hours and 45 minutes"].unit) == (
        7.75, "hours")
    assert got["6 feet 2 inches"].value_low == pytest.approx(6 + 2 / 12)
    assert got["2 hours, 30 minutes"].value_high == 2.5
    # a larger unit after a smaller one is another amount
    apart = _quantities("He ran for 20 minutes and 3 hours went by on the long bike ride.")
    assert set(apart) == {"20 minutes", "3 hours"}


def test_a_share_that_opens_its_sentence_is_a_share_of_what_follows():
    ninety = _quantities("Ninety percent of the 200 delegates come from the ruling party.")
    half = _quantities("But more than half of the 200 delegates are from the ruling party.")
    assert ninety["Ninety percent"].key == half["more than half"].key
    assert ninety["Ninety percent"].fact == "share of delegates"


def test_a_scaled_vague_amount_keeps_its_scale_and_unit():
    got = _quantities("The probe may drift for several hundred million years, or for a billion "
                      "years, and the mission cost hundreds of millions of dollars.")
    assert (got["several hundred million years"].value_low, got["several hundred million years"]
            .unit) == (2e8, "years")
    assert (got["a billion years"].value_low, got["a billion years"].value_high) == (1e9, 1e9)
    assert got["hundreds of millions of dollars"].unit == "USD"
    assert "several hundred" not in got and "millions of" not in got
    # a hedge that opens the top keeps the scale
    more = _quantities("The plan may cost more than several hundred million dollars in all.")
    assert more["more than several hundred million dollars"].value_low == 2e8
    assert more["more than several hundred million dollars"].unit == "USD"


def test_one_is_a_count_only_when_something_happened_to_it():
    from workbench.compare.claim_reading import _count_claims

    def counted(text):
        return [(c.value_text, c.fact) for c in _count_claims("a", 0, text, 0)]

    assert counted("It will be exciting, one way or another, said one witness.") == []
    assert counted("At one point the crowd ran in one direction.") == []
    assert counted("The blast killed one person and injured two people.") == [
        ("one", "people killed"), ("two", "people injured")]


def test_credit_copyright_and_gallery_lines_are_page_furniture():
    from workbench.compare.mentions import CREDIT_LINE

    for line in ("Reporting by Jane Doe; Editing by John Roe", "Copyright 2018 The Associated Press.",
                 "© 2017 Reuters", "Hide Caption 25 of 59 Photos: Celebrity splits"):
        assert CREDIT_LINE.match(line), line
    assert not CREDIT_LINE.match("Police said 25 of the 59 passengers were hurt.")


def test_in_a_list_of_fields_the_name_after_a_number_is_the_next_fields():
    from workbench.compare.claim_reading import _count_claims

    got = [(c.value_text, c.fact) for c in _count_claims(
        "a", 0, "The ferry in figures: Decks: 4 Lifeboats: 12 and it carries 300 passengers.", 0)]
    assert got == [("300", "passengers")]


def test_a_day_word_in_a_name_and_a_quarter_of_a_game_are_no_dates():
    from workbench.compare.mentions import _no_date

    assert _no_date("Today", "a neighbour told Lakeside Today.", "a neighbour told Lakeside ")
    assert _no_date("TODAY", "Video by NEWS TODAY 3 of 9", "Video by NEWS ")
    assert not _no_date("Today", "Today, the court ruled.", "")
    assert not _no_date("Today", "Iceland\nToday's coverage", "Iceland\n")
    assert _no_date("the third quarter", "He threw a touchdown in the third quarter.",
                    "He threw a touchdown in ")
    assert not _no_date("the third quarter", "Profit rose in the third quarter.",
                        "Profit rose in ")


def test_a_date_word_in_a_quoted_title_is_no_date():
    from workbench.compare.mentions import _no_date

    assert _no_date("Sunday", 'he said on "Channel Nine Sunday," adding', 'he said on "Channel Nine ',
                    '," adding')
    assert _no_date("This Week", "on the “This Week” program", "on the “", "” program")
    assert not _no_date("Sunday", '"We met Sunday," he said.', '"We met ', '," he said.')
    assert not _no_date("Sunday", "He spoke Sunday.", "He spoke ", ".")


def test_a_menu_line_gives_no_values():
    from workbench.compare.mentions import is_menu_line

    menu = ("HOME NEWS SPORTS WEATHER Videos 2019 ELECTIONS OPINION BUSINESS Travel 2020 "
            "GUIDES ARCHIVE PODCASTS About Contact")
    assert is_menu_line(menu)
    assert not is_menu_line("NASA said the FBI and the CIA had found 12 more sites near the "
                            "border during the long search last week.")
    assert not is_menu_line("THREE DEAD IN CRASH")  # a short headline is read
    claims = sentence_claims({("a", 0): (menu + " 40 people", 0)}, set(), set(), {})
    assert [c for c in claims if c.kind in ("count", "quantity")] == []


def test_a_hundred_and_a_thousand_are_numbers_a_hedge_can_bound():
    from workbench.compare.claim_reading import _count_claims

    got = {c.value_text: c for c in _count_claims(
        "a", 0, "More than a hundred people were hurt and a thousand homes were destroyed.", 0)}
    assert got["More than a hundred"].value_low == 101.0
    assert math.isinf(got["More than a hundred"].value_high)
    assert got["a thousand"].value_low == got["a thousand"].value_high == 1000.0
    # 'a hundred billion' is no count of a hundred, and a hedge before it bounds it
    money = _quantities("The port handles a hundred billion dollars of trade every year.")
    assert [(c.value_low, c.unit) for c in money.values()] == [(1e11, "USD")]
    over = _quantities("The port handles over a hundred Billion Dollars of trade every year.")
    assert over["over a hundred Billion Dollars"].value_low > 1e11
    assert math.isinf(over["over a hundred Billion Dollars"].value_high)


def test_a_count_in_a_count_is_a_share():
    got = _quantities("One in four clinics is full, up from one in five last month, and some 3 "
                      "out of 10 nurses have left.")
    assert (got["One in four"].value_low, got["One in four"].unit) == (25.0, "%")
    assert got["one in five"].value_low == 20.0
    assert got["some 3 out of 10"].value_low == pytest.approx(27.0)
    assert got["One in four"].fact == "share of clinics"
    # neither number is a count of its own
    claims = sentence_claims({("a", 0): ("Some 1 in 5 tenants are behind on rent.", 0)},
                             set(), set(), {})
    assert [c.kind for c in claims] == ["quantity"]
    assert _quantities("She was one in a million, her coach said of the runner.") == {}


def test_multimillion_money_is_an_amount_of_several_millions():
    got = _quantities("The group began a multi-million pound campaign and a multibillion-dollar "
                      "fund, its founder, a multimillionaire, said.")
    assert (got["multi-million pound"].value_low, got["multi-million pound"].unit) == (2e6, "GBP")
    assert got["multi-million pound"].value_high < 1e9
    assert got["multibillion-dollar"].unit == "USD"
    assert set(got) == {"multi-million pound", "multibillion-dollar"}


def test_a_part_of_a_counted_group_takes_no_outcome_across_a_comma():
    from workbench.compare.claim_reading import _count_claims

    facts = {c.value_text: c.fact for c in _count_claims(
        "a", 0, "Of the 23 sailors arrested, 12 are reported to be from the port city.", 0)}
    assert facts.get("23") == "sailor arrested" and "arrested" not in facts.get("12", "")


def test_a_toll_the_amount_gives_counts_the_dead_or_the_injured():
    from workbench.compare.claim_reading import _count_claims

    def read(text):
        return [(c.value_text, c.fact) for c in _count_claims("a", 0, text, 0)]

    # the running figure told by its toll: the counted people are named before the amount
    assert read("The death toll from Friday's bombing of the market in the northern city "
                "rose to at least nine Saturday.") == [("at least nine", "people killed")]
    assert read("The toll of injured climbed to 210 on Monday.") == [("210", "people injured")]
    assert read("The number of wounded stood at 64, the ministry said.") == [
        ("64", "people injured")]
    assert read("The toll rose to 14.") == [("14", "people killed")]
    assert read("Officials raised the death toll from the weekend's flood to 412 on Monday.") == [
        ("412", "people killed")]
    # an amount that counts its own noun is that noun's count; a toll road is no toll
    assert read("The toll was higher than in 2009, when 18 boats sank.") == [("18", "boats")]
    assert [f for _, f in read("The toll road is 12 miles long.")] == ["length"]


def test_two_people_nouns_in_a_row_count_the_last():
    from workbench.compare.claim_reading import _count_claims

    def keys(text):
        return [c.key for c in _count_claims("a", 0, text, 0)]

    assert keys("Two police officers were wounded in the clash.") == [
        ("count", "people", "injured")]
    assert keys("Four police officials said the road was shut.") == [
        ("count", "police official")]
    # a group named by its country is a part of the counted people, not all of them
    assert keys("The crash killed 10 US citizens and two local pilots.")[0] != (
        "count", "people", "killed")


def _counts(text):
    from workbench.compare.claim_reading import _count_claims

    return {c.value_text: c for c in _count_claims("a", 0, text, 0)}


def test_a_plural_or_a_word_for_people_before_another_modifies_it():
    got = _counts("Three plainclothes officers and two cabin crew members were questioned.")
    assert got["Three"].fact == "plainclothes officers" and got["Three"].head == "people"
    assert got["two"].fact == "cabin crew members"
    assert _counts("He saw dozens of police vans.")["dozens of"].fact == "police vans"
    # a plural then a verb still ends the counted phrase
    assert _counts("Four passengers were hurt in the crash.")["Four"].key == ("count", "people", "injured")


def test_what_happened_is_read_past_a_part_named_between_commas():
    got = _counts("At least 31 people, including six children, have died in the fire.")
    assert got["At least 31"].key == ("count", "people", "killed")
    got = _counts("Some 40 workers, among them two guards, were injured.")
    assert got["Some 40"].key == ("count", "people", "injured")


def test_a_tokenised_compound_is_an_attribute_and_a_tokenised_age_an_age():
    from workbench.compare.claim_reading import _age_claims

    got = _counts("Police found a 9 - millimetre pistol and a three - room flat.")
    assert got["three"].key is None  # one flat of three rooms, not three of something
    ages = _age_claims("a", 0, "Officers shot 17 - year - old Dale Reyes on Sunday.", 0)
    assert [(c.value_text, c.value_low) for c in ages] == [("17 - year - old", 17.0)]
    assert _age_claims("a", 0, "She was 40 years old when she left.", 0) == []


def test_people_of_a_named_group_are_a_part_not_the_toll():
    got = _counts("The blast killed 40 people, including 11 Dutch tourists, police said.")
    assert got["40"].key == ("count", "people", "killed")
    assert got["11"].head == "dutch tourist"
    got = _counts("The raid killed six French soldiers and 20 civilians.")
    assert got["six"].key == ("count", "french soldier", "killed")


def test_words_that_say_nothing_of_what_is_counted_are_left_out():
    got = _counts("Officials reported two separate gas leaks and 14 consecutive losses.")
    assert got["two"].key == ("count", "gas leak") and got["14"].fact == "losses"
    assert _counts("The team lost the next three straight, its coach said.") == {}


def test_a_parents_count_is_of_children_and_an_age_range_is_no_count():
    got = _counts("The crash killed a father of three and his neighbour.")
    assert got["three"].fact == "children" and got["three"].key is None
    assert _counts("A grandmother of four died at the scene.")["four"].key is None
    got = _counts("Nine people ranging in age from 3 to 70 were hurt.")
    assert set(got) == {"Nine"}


def test_what_happened_to_a_part_is_not_told_of_the_whole():
    assert _counts("Officials said two of the five hikers died.")["five"].key is None
    assert _counts("None of the 30 guests were hurt.")["30"].key is None
    # a group named after 'of the' with no part before it keeps its outcome
    assert _counts("Of the 14 men arrested, six were freed.")["14"].key == (
        "count", "people", "arrested")


def test_a_participle_before_the_counted_noun_says_what_happened_to_it():
    assert _counts("The firm lost some 9,000 cancelled bookings.")["some 9,000"].key == (
        "count", "booking", "cancelled")
    assert _counts("Doctors treated three injured workers.")["three"].key == (
        "count", "people", "injured")
    # a day after the participle is no counted noun
    assert _counts("Police said 12 arrested Monday were freed.")["12"].key == (
        "count", "people", "arrested")


def test_a_rate_or_an_average_is_no_toll_and_a_percentage_point_no_percent():
    from workbench.compare.values import amounts

    got = _counts("Officials reported a seven-day average of about 210 deaths.")
    assert got["about 210"].key == ("count", "people", "killed (rate)")
    assert _counts("The fever killed some 40 people a week in May.")["some 40"].key == (
        "count", "people", "killed (rate)")
    assert _counts("The storm killed 30 people.")["30"].key == ("count", "people", "killed")
    assert _counts("Police arrested 40 people on Friday a day after the march.")["40"].key == (
        "count", "people", "arrested")
    assert [(a.text, a.unit) for a in amounts("growth 0.2 percentage point lower")] == [
        ("0.2 percentage point", "percentage points")]


def _causes(text):
    got = sentence_claims({("a", 0): (text, 0)}, set(), set(), {})
    return [(c.fact, c.value_text) for c in got if c.kind == "cause"]


def test_a_cause_is_keyed_by_the_happening_its_own_clause_names():
    assert _causes("The plane crashed because of ice on its wings, investigators said.") == [
        ("cause of crash", "ice on its wings")]
    # a denied cause is none ('were not caused by gunfire')
    assert _causes("Officials said the second deputy's wounds were not caused by gunfire "
                   "after the shooting.") == []
    # a cause in a clause that names no happening explains something else: no claim, even
    # when another clause of the sentence names one
    assert _causes("The June 20 shooting of a man who the suspect tried to kill simply "
                   "because of his race was his first.") == []


def test_a_place_is_where_the_happening_of_its_clause_happened():
    from workbench.compare.claim_reading import place_happening

    assert place_happening("The rocket blasted off at 9:00 am local time (0030 GMT) from the ") \
        == "launch"
    assert place_happening("The officer was shot to death outside a house in the 400 block of ") \
        == "shooting"
    # a place phrase before it leads on to the same happening
    assert place_happening("The firm will unveil the phone at the Consumer Show in ") == "unveiling"
    assert place_happening("The booster is due to land on a barge in the ") == "landing"
    # the nearest happening before the place, not the sentence's main one
    assert place_happening("He called the attack a reprisal for air strikes in ") == "air strike"
    # a subject, an owner or a title is no place where something happened
    assert place_happening("") is None
    assert place_happening("Officials said the ") is None
    assert place_happening("The storm hit hard, the governor of ") is None


def test_a_measure_is_named_by_what_it_measures_in_any_unit():
    from workbench.compare.claim_reading import _count_claims

    def read(text):
        return [(c.value_text, c.fact, c.key, c.head) for c in _count_claims("a", 0, text, 0)]

    depth = ("quantity", "length", "depth")
    assert read("The girl slipped into a 25-metre-deep shaft.") == [
        ("25-metre", "depth", depth, "deep")]
    assert read("She had tumbled into an 82ft-deep pit.") == [("82ft", "depth", depth, "deep")]
    assert read("Officials put the pit at a depth of 25m.") == [("25m", "depth", depth, "deep")]
    assert read("The crate, weighing 90 pounds, fell.")[0][1:] == (
        "weight", ("quantity", "mass", "weight"), "heavy")
    # a value restated in brackets is one value whose span holds both
    assert [v for v, *_ in read("Its load is 9,100kg (20,060 lb) at most.")] == [
        "9,100kg (20,060 lb)"]
    # a height tokenised with hyphens is one measure in two units
    assert read("He is 5 - feet - 9 inches tall.") == [
        ("5 - feet - 9 inches", "height", ("quantity", "length", "height"), "tall")]
    # in a list of amounts, the words of the one before are its own
    listed = read("It lifts 20,000 pounds to orbit and 3,000 pounds to the Moon.")
    assert listed[0][2] == ("quantity", "mass", "lifts") and listed[1][2] is None
