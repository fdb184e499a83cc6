"""The number reader of the comparison (workbench.compare.values)."""

import math

from workbench.compare.values import amounts


def _read(sentence: str) -> dict[str, tuple[float, float, str]]:
    return {a.text: (a.low, a.high, a.unit) for a in amounts(sentence)}


def test_a_number_of_dozens_is_counted_in_ones():
    assert _read("Two dozen protesters gathered outside.") == {"Two dozen": (24.0, 24.0, "")}
    got = _read("More than three dozen people were hurt and 4 dozen eggs broke.")
    assert got["More than three dozen"][0] == 37.0 and math.isinf(got["More than three dozen"][1])
    assert got["4 dozen"] == (48.0, 48.0, "")


def test_dozens_alone_stay_vague_and_units_still_follow_the_number():
    assert _read("Dozens of rescuers arrived.") == {"Dozens of": (24.0, 99.0, "")}
    assert _read("The 11-and-a-half hour flight was late.")["11-and-a-half hour"] == (
        11.5, 11.5, "hours")


def test_scores_and_win_loss_records_are_no_ranges():
    assert _read("The Hawks went 5-11 last year and lost 17-24 on Sunday.") == {}
    assert _read("They followed a 6-9-1 record with a 9-7 record.") == {}
    assert _read("Denver (11-5) beat Miami (3-13) easily.") == {}
    assert _read("The bill passed by a vote of 212 to 205.") == {}
    # a range of one amount is still read
    assert _read("Between 12-15 people were hurt, in a crater 6-12 inches wide.") == {
        "12-15": (12.0, 15.0, ""), "6-12 inches": (6.0, 12.0, "inches")}


def test_the_total_of_a_page_counter_is_no_count():
    assert _read("Photo 3 of 27 Next\nA crowd gathered.") == {"3": (3.0, 3.0, "")}
    # a slash counter's first number is a position, not a count either
    assert _read("Slide 1 / 12 The mayor spoke.") == {}
    assert _read("Police held 3 of 5 suspects.") == {"3": (3.0, 3.0, ""), "5": (5.0, 5.0, "")}


def test_a_hyphenated_scale_and_a_tokenised_thousands_comma_are_read():
    assert _read("The city paid $7-million for the land.") == {
        "$7-million": (7e6, 7e6, "USD")}
    assert _read("About 12 , 000 people marched .")["About 12 , 000"] == (10800.0, 13200.0, "")
    assert _read("It cost 4 , 500 dollars .") == {"4 , 500 dollars": (4500.0, 4500.0, "USD")}


def test_a_hyphenated_vote_and_a_version_number_are_no_amounts():
    assert _read("The motion passed by a 61-to-38 vote.") == {}
    assert _read("Prices rose 3-to-4 percent.") == {"3-to-4 percent": (3.0, 4.0, "%")}
    assert _read("The 4.20 update adds themes, and firmware 2.1 follows.") == {}
    assert _read("Its 3 updates fixed 12 bugs.") == {"3": (3.0, 3.0, ""), "12": (12.0, 12.0, "")}


def test_an_m_after_a_number_is_metres_where_no_plural_follows():
    assert _read("Rescuers reached the 80m-deep well.") == {"80m": (80.0, 80.0, "m")}
    assert _read("The tower is 10m tall.") == {"10m": (10.0, 10.0, "m")}
    assert _read("About 5m people live there.")["About 5m"][2] == ""
    assert _read("It cost $5m.") == {"$5m": (5e6, 5e6, "USD")}


def test_a_little_more_than_is_more_than_and_just_under_stays_close():
    got = _read("It took a little more than 4 hours, slightly less than 30 minutes, well over "
                "200 trucks and just under 50 people.")
    assert got["a little more than 4 hours"][0] > 4.0
    assert math.isinf(got["a little more than 4 hours"][1])
    assert got["slightly less than 30 minutes"][:2] == (0.0, got["slightly less than 30 minutes"][1])
    assert got["slightly less than 30 minutes"][1] < 30.0
    assert got["well over 200"][0] == 201.0
    assert got["just under 50"] == (45.0, 50.0, "")


def test_one_unit_with_an_article_is_read_only_hedged_or_halved():
    from workbench.compare.values import one_unit_amounts

    got = {a.text: (a.low, a.high, a.unit) for a in one_unit_amounts(
        "In less than a day, half an hour after a walk of about a mile, twice a day.")}
    assert got["less than a day"][:1] == (0.0,) and got["less than a day"][2] == "days"
    assert got["half an hour"] == (0.5, 0.5, "hours")
    assert got["about a mile"][2] == "miles"
    assert "a day" not in got


def test_a_hedge_bounds_a_vague_amount():
    assert _read("More than a dozen people were hurt.")["More than a dozen"][0] == 13.0
    assert math.isinf(_read("At least a dozen people were hurt.")["At least a dozen"][1])
    assert _read("About a dozen people were hurt.")["About a dozen"][:2] == (10.8, 13.2)
    assert _read("Up to hundreds of people were hurt.")["Up to hundreds of"][:2] == (0.0, 999.0)
    assert _read("At least dozens of people were hurt.")["At least dozens of"][0] == 24.0
    # a bare vague amount keeps its interval; an approximate hedge does not widen it
    assert _read("A dozen people were hurt.")["A dozen"][:2] == (10.0, 14.0)
    assert _read("About dozens of people were hurt.")["About dozens of"][:2] == (24.0, 99.0)


def test_half_a_dozen_a_couple_and_a_handful_are_counts():
    assert _read("Half a dozen people were hurt.")["Half a dozen"][:2] == (6.0, 6.0)
    assert _read("A couple of people were hurt.")["A couple of"][:2] == (2.0, 3.0)
    assert _read("A handful of people were hurt.")["A handful of"][:2] == (2.0, 9.0)
    assert _read("A couple who lived nearby were hurt.") == {}


def test_a_currency_code_after_a_number_is_its_unit():
    assert _read("Trade worth nearly 100 billion USD passes each year.")[
        "nearly 100 billion USD"] == (9e10, 1e11, "USD")
    assert _read("The fine was 5 million EUR.")["5 million EUR"] == (5e6, 5e6, "EUR")


def test_round_thousands_in_tokenised_text_and_half_a_million():
    from workbench.compare.values import amounts

    got = {a.text: (a.low, a.high, a.unit) for a in amounts(
        "The climber fell about 2, 000 feet; the island is home to 120, 000 people and nearly "
        "half a million were left homeless.")}
    assert got["about 2, 000 feet"] == (1800, 2200, "feet")
    assert got["120, 000"][:2] == (120000, 120000)
    assert got["nearly half a million"][:2] == (450000, 500000)
    # a date and a count are not one number: only a round thousand is read across ', '
    assert [a.text for a in amounts("On March 5, 300 protesters marched.")] == ["300"]


def test_a_thousands_group_spaced_by_tokenising_is_one_number():
    got = _read("Last week, 1, 200 teachers and some 4, 350 nurses signed the letter.")
    assert got["1, 200"] == (1200.0, 1200.0, "")
    assert got["some 4, 350"][0] < 4350 < got["some 4, 350"][1]
    assert _read("The house was valued at $210, 500.")["$210, 500"] == (210500.0, 210500.0, "USD")
    assert _read("The flood injured more than 2, 100, officials said.")[
        "more than 2, 100"][0] == 2101.0


def test_a_spaced_comma_after_a_day_a_hyphen_or_in_a_list_parts_two_numbers():
    assert _read("On June 4, 250 miners walked out.") == {"250": (250.0, 250.0, "")}
    got = _read("He stands 6 - foot - 1, 190 pounds.")
    assert got["190 pounds"] == (190.0, 190.0, "pounds")
    assert set(_read("They rowed 4, 12, 140 laps.")) == {"4", "12", "140"}
    # three digits before the comma may be two numbers of a list
    assert "400 meters" in _read("The pier is about 300, 400 meters long.")


def test_a_unit_after_a_tokenised_hyphen_is_the_numbers_unit():
    assert _read("The 5.8 - magnitude tremor shook the coast.") == {
        "5.8 - magnitude": (5.8, 5.8, "magnitude")}
    assert _read("a 20 - mile chase")["20 - mile"] == (20.0, 20.0, "miles")
    # a tokenised age is still no duration
    assert _read("A 15 - year - old girl was hurt.") == {}


def test_a_bare_number_cut_off_by_an_ellipsis_is_not_read():
    assert _read("The agency expects to ask for another $12...") == {}
    assert _read("The bill's cost was cut to $2.1…") == {}
    # a unit or a scale before the ellipsis still tells what it is
    assert _read("Support stood at 47.5%...") == {"47.5%": (47.5, 47.5, "%")}
    assert _read("It asked for $40 billion...")["$40 billion"][0] == 4e10


def test_tens_of_millions_are_tens_of_millions():
    assert _read("Fans paid tens of millions of dollars.") == {
        "tens of millions of": (2e7, 9.99e7, "")}
    assert _read("It lost tens of billions.") == {"tens of billions": (2e10, 9.99e10, "")}
    assert _read("Tens of thousands marched.") == {"Tens of thousands": (2e4, 99999.0, "")}


def test_a_unit_written_onto_its_number_is_read():
    got = _read("Police chased him for 48km at up to 193km / h, past a 400lb bear and a "
                "12mph (20km/h) limit.")
    assert got["48km"] == (48.0, 48.0, "km")
    assert got["up to 193km / h"] == (0.0, 193.0, "km/h")
    assert got["400lb"] == (400.0, 400.0, "pounds")
    assert got["12mph"] == (12.0, 12.0, "mph") and got["20km/h"] == (20.0, 20.0, "km/h")
    # a number that could be a year is a measure when a unit follows it
    assert _read("He fell around 2000ft on the 2011 route.") == {
        "around 2000ft": (1800.0, 2200.0, "feet")}
    # a speed in words is a speed, not a length
    assert _read("It went up to 90 miles per hour.")["up to 90 miles per hour"][2] == "mph"


def test_an_m_is_metres_after_a_named_length_or_before_a_restatement():
    assert _read("Reports put the shaft at a depth of 30m.") == {"30m": (30.0, 30.0, "m")}
    assert _read("Total height: 9.5m (31.2 ft)")["9.5m"] == (9.5, 9.5, "m")
    assert _read("A yard measuring 20m by 20m burned.") == {"20m": (20.0, 20.0, "m")}
    assert _read("It raised $9m by May.") == {"$9m": (9e6, 9e6, "USD")}
