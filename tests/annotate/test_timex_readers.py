"""The timex parser's table of readers: each reader on a phrase it reads, tried in order.

``parse_core.READERS`` is an ordered tuple of ``(pattern, reader)`` pairs; the first reader whose
pattern fullmatches the text and that answers with a form wins. Each case below names the reader
that must read its phrase, so a reader that stops reading its phrases, or a reordering that lets
an earlier reader take them, fails here.
"""

import pytest

from workbench.annotate.time import parse_core
from workbench.annotate.time.parse_core import NOT_A_TIMEX, READERS, _parse_core
from workbench.annotate.timex import parse_timex

# (normalised text, the reader that reads it, the form's kind, a part of the form)
CASES = [
    ("now", "_read_ref", "ref", ("value", "PRESENT_REF")),
    ("daily", "_read_set_adverb", "set", ("value", "P1D")),
    ("2020-03-04t10:30", "_read_iso", "time", ("hour", 10)),
    ("9/17/16", "_read_numeric", "date", ("year", 2016)),
    ("aug 2", "_read_month_day", "date", ("day", 2)),
    ("11 december", "_read_day_month", "date", ("month", 12)),
    ("july", "_read_month_year", "date", ("month", 7)),
    ("may", "_read_month_year", "date", ("month", 5)),
    ("april month", "_read_month_month", "date", ("month", 4)),
    ("last june", "_read_month_rel", "date", ("force_direction", "past")),
    ("1998 spring", "_read_year_season", "season", ("season", "SP")),
    ("fiscal 1998", "_read_year", "date", ("year", 1998)),
    ("post-1959", "_read_pre_post_year", "date", ("year", 1959)),
    ("the 1970s", "_read_decade", "decade", ("decade", 197)),
    ("18th-century", "_read_century", "century", ("century", 18)),
    ("last friday", "_read_weekday", "weekday", ("weekday", 4)),
    ("the day after christmas", "_read_day_before", "dayrel", ("offset", 1)),
    ("labor day", "_read_holiday", "holiday", ("name", "labor")),
    ("that day", "_read_same_day", "relative", ("offset", 0)),
    ("the year before", "_read_year_before", "relative", ("offset", -1)),
    ("eighth day", "_read_nth_day", "relative", ("unit", "D")),
    ("the year-ago", "_read_year_ago", "relative", ("unit", "Y")),
    ("the entire year", "_read_full_year", "relative", ("det", "the")),
    ("tomorrow", "_read_deictic", "relative", ("offset", 1)),
    ("third-quarter", "_read_quarter", "quarter", ("n", 3)),
    ("the 1988 third quarter", "_read_year_nth_quarter", "quarter", ("year", 1988)),
    ("the last half of 1989", "_read_half_of_year", "quarter", ("unit", "H")),
    ("the last quarter of 2019", "_read_last_quarter_of", "quarter", ("n", 4)),
    ("the quarter a year ago", "_read_quarter_year_ago", "relative", ("offset", "year_ago")),
    ("the 1988 period", "_read_year_period", "quarter", ("n", None)),
    ("the same period last year", "_read_same_period_year_ago", "relative", ("period", True)),
    ("year-end", "_read_year_end", "relative", ("unit", "Y")),
    ("mid-afternoon", "_read_part_with_mod", "relative", ("part", "AF")),
    ("the night", "_read_part_of_day", "relative", ("part", "NI")),
    ("15 a year", "_read_rate", "set", ("value", "P1Y")),
    ("q1", "_read_qshort", "quarter", ("unit", "Q")),
    ("last summer", "_read_season", "season", ("offset", -1)),
    ("10 days ago", "_read_ago", "ago", ("n", 10)),
    ("a week from monday", "_read_weekday_rel", "weekday", ("weekday", 0)),
    ("the last decade", "_read_past_decade", "duration", ("value", "P10Y")),
    ("last week", "_read_relunit", "relative", ("unit", "W")),
    ("the first week of april 2009", "_read_nth_week_of", "weekof", ("nth", "first")),
    ("the week of march 6", "_read_week_of", "weekof", None),
    ("two days from march 17", "_read_anchored", "anchored", ("word", "from")),
    ("14-day", "_read_duration", "duration", ("value", "P14D")),
    ("someday", "_read_someday", "ref", ("value", "FUTURE_REF")),
    ("decades-long", "_read_unit_long", "duration", ("value", "PXY")),
    ("hours", "_read_bare_units", "duration", ("time", True)),
    ("each day", "_read_set", "set", ("value", "P1D")),
    ("mondays", "_read_plural_weekday", "set", ("value", "XXXX-WXX-1")),
    ("2 pm", "_read_clock", "time", ("hour", 14)),
    ("17:30", "_read_clock", "time", ("minute", 30)),
    ("1730 gmt", "_read_clock", "time", ("zulu", True)),
    ("three in the afternoon", "_read_in_the_morning", "time", ("hour", 15)),
    ("midnight", "_read_noon", "time", ("hour", 0)),
    ("shortly before midnight", "_read_hedged_clock", "time", ("hour", 24)),
    ("9 am sunday", "_read_time_on_day", "time", ("hour", 9)),
    ("1991 to 1997", "_read_range", "range", None),
    ("two to six days", "_read_range", "range", None),
]


def _answers(text):
    """Every (reader name, answer) of the table on ``text``, in order, up to the first hit."""
    out = []
    for pattern, reader in READERS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        answer = reader(m, text)
        out.append((reader.__name__, answer))
        if answer is not None:
            break
    return out


@pytest.mark.parametrize(("text", "reader", "kind", "part"), CASES)
def test_reader_reads_its_phrase_and_wins(text, reader, kind, part):
    answers = _answers(text)
    assert answers and answers[-1][0] == reader, answers
    form = _parse_core(text)
    assert form == answers[-1][1]
    assert form.kind == kind
    if part is not None:
        assert form.parts[part[0]] == part[1]


def test_every_reader_has_a_case():
    assert {r.__name__ for _p, r in READERS} == {c[1] for c in CASES}


@pytest.mark.parametrize(("text", "reader"), [
    ("30s", "_read_decade"),  # "in his 30s": an age
    ("week", "_read_relunit"),  # a bare unit names no time
    ("2000 years", "_read_duration"),  # a year, not a length
    ("a fall", "_read_set"),  # "a fall" is not "every fall"
    ("nights-long", "_read_unit_long"),
])
def test_a_reader_can_stop_the_parse(text, reader):
    """NOT_A_TIMEX: the text is the reader's and not a temporal expression; no later reader."""
    answers = _answers(text)
    assert answers[-1] == (reader, NOT_A_TIMEX)
    assert _parse_core(text) is None


def test_a_reader_can_pass_to_the_next():
    """None: the pattern matched but the reader declines, and the next pairs are tried."""
    # a bare "night" is passed on (and nothing later reads it); "the night" is read
    assert ("_read_part_of_day", None) in _answers("night")
    assert _parse_core("night") is None
    # the day-before reader passes when its base is no date: "the day before the vote"
    assert ("_read_day_before", None) in _answers("the day before the vote")
    # a century reader passes on a word that is no ordinal
    assert ("_read_century", None) in _answers("the lost century")


def test_possessive_is_read_as_the_time_it_names():
    assert _parse_core("the year's") == _parse_core("the year")
    assert parse_timex("Thursday's").parts["possessive"] is True


def test_table_holds_compiled_patterns_and_functions():
    assert all(hasattr(p, "fullmatch") and callable(r) for p, r in READERS)
    assert parse_core.NOT_A_TIMEX is NOT_A_TIMEX


def test_every_form_kind_has_a_resolver():
    """The resolver table covers exactly the kinds the readers produce."""
    from workbench.annotate.time.resolve import RESOLVERS

    assert {c[2] for c in CASES} == set(RESOLVERS)


@pytest.mark.parametrize(("text", "value"), [
    ("tomorrow", "2021-03-05"),
    ("three weeks ago", "2021-W06"),
    ("the day after christmas", "2020-12-26"),
    ("the last week of march", "2021-W12"),
    ("two days from march 17", "P2D"),
    ("9 am sunday", "2021-02-28T09:00"),
    ("last summer", "2020-SU"),
    ("the '70s", "197X"),
    ("18th-century", "17"),
    ("march 15 to 17", "2021-03-15"),
])
def test_resolvers_by_kind(text, value):
    from datetime import date

    from workbench.annotate.timex import resolve_timex

    form = parse_timex(text)
    assert resolve_timex(form, date(2021, 3, 4), direction="past").value == value


@pytest.mark.parametrize(("text", "value", "extent"), [
    ("half a day", "PT12H", None),
    ("2 1/2 years", "P2Y6M", None),
    ("five and a half hours", "PT5H30M", None),
    ("two decades", "P20Y", None),
    ("three centuries", "P300Y", None),
    ("the past two quarters", "P2Q", "past"),
    ("the next few days", "PXD", "future"),
    ("several weekends", "PXWE", None),
])
def test_duration_values(text, value, extent):
    form = parse_timex(text)
    assert (form.kind, form.parts["value"], form.parts["extent"]) == ("duration", value, extent)


@pytest.mark.parametrize(("text", "direction", "value", "is_ambiguous"), [
    ("next friday", "none", "2021-03-05", True),  # in the anchor's own week: flagged
    ("next monday", "none", "2021-03-08", False),
    ("friday", "future", "2021-03-05", False),
    ("tuesday", "present", "2021-03-02", True),  # no tense: the nearest one
    ("last may", "none", "2020-05", False),
    ("next june", "none", "2021-06", False),
    ("this july", "past", "2021-07", False),
    ("the same month a year ago", "past", "2020-03", True),
    ("the year-ago quarter", "past", "2019-Q4", True),
    ("the quarter", "past", "2020-Q4", True),  # the most recent reported quarter
    ("the quarter", "future", "2021-Q1", True),
    ("the latest quarter", "past", "2020-Q4", False),
    ("the weekend", "past", "2021-W08-WE", False),
])
def test_anchoring_choices(text, direction, value, is_ambiguous):
    """Year, weekday and period choices against a Thursday anchor (4 March 2021)."""
    from datetime import date

    from workbench.annotate.timex import resolve_timex

    res = resolve_timex(parse_timex(text), date(2021, 3, 4), direction=direction)
    assert (res.value, res.is_ambiguous) == (value, is_ambiguous)


@pytest.mark.parametrize(("text", "hour", "minute", "mod"), [
    ("6.10am", 6, 10, None),
    ("6.15 am", 6, 15, None),
    ("10.30pm", 22, 30, None),
    ("11:30pm", 23, 30, None),
    ("11:30PM", 23, 30, None),
    ("0630 GMT", 6, 30, None),
    ("0630 BST", 6, 30, None),
    ("11:30 local time", 11, 30, None),
    ("11:30pm local time", 23, 30, None),
    ("about 6.10am", 6, 10, "APPROX"),
    ("around 11pm", 23, 0, "APPROX"),
    ("approximately 6pm EST", 18, 0, "APPROX"),
    ("around midnight", 0, 0, "APPROX"),
    ("shortly before midnight", 24, 0, "BEFORE"),  # the midnight that ends its day
    ("just after midnight", 0, 0, "AFTER"),  # the midnight that begins it
    ("just after noon", 12, 0, "AFTER"),
    ("shortly after 9am", 9, 0, "AFTER"),
    ("6.10 in the morning", 6, 10, None),
    ("7.45 in the evening", 19, 45, None),
    ("12.30 at night", 0, 30, None),  # past midnight, not half past noon
])
def test_news_clock_times(text, hour, minute, mod):
    form = parse_timex(text)
    assert form is not None and form.kind == "time", text
    assert (form.parts["hour"], form.parts["minute"], form.mod) == (hour, minute, mod)


def test_zones_only_gmt_and_utc_are_zulu():
    assert parse_timex("0630 GMT").parts["zulu"] is True
    assert parse_timex("0630 BST").parts["zulu"] is False
    assert parse_timex("11:30 local time").parts["zulu"] is False


@pytest.mark.parametrize(("text", "day", "hour"), [
    ("6.10 on wednesday morning", 2, 6),
    ("7.45 on tuesday evening", 1, 19),
    ("18.30 on monday evening", 0, 18),
    ("shortly before midnight on saturday", 5, 24),
    ("just after noon on sunday", 6, 12),
])
def test_clock_on_a_day_keeps_its_hedge_and_reads_a_dotted_time_by_the_part(text, day, hour):
    form = _parse_core(text)
    assert form.kind == "time" and form.parts["hour"] == hour
    assert form.parts["day_form"].parts["weekday"] == day
    if "before" in text or "after" in text:
        assert form.mod in {"BEFORE", "AFTER"}


@pytest.mark.parametrize("text", [
    "6.10",  # a bare dotted number: a price, a share or a measure
    "6.10 on wednesday",  # a day without its part says nothing of am or pm
    "6.10 per cent",
    "6.10 metres",
    "about 6.10",
    "shortly before the vote",
])
def test_dotted_numbers_without_am_pm_or_part_are_not_times(text):
    assert parse_timex(text) is None


@pytest.mark.parametrize(("text", "hour", "minute"), [
    ("about 3 : 10 p. m.", 15, 10),  # text tokenised with spaces
    ("around 10 : 30 a. m.", 10, 30),
    ("shortly after 3 p. m.", 15, 0),
])
def test_clock_times_tokenised_with_spaces(text, hour, minute):
    form = parse_timex(text)
    assert form is not None and form.kind == "time", text
    assert (form.parts["hour"], form.parts["minute"]) == (hour, minute)


def test_a_fortnight_ago_is_two_weeks_ago():
    form = parse_timex("a fortnight ago")
    assert form.kind == "ago" and (form.parts["n"], form.parts["unit"]) == (2, "W")


def test_spaced_clock_times_and_a_fortnight_are_found(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = ("The guard was shot at about 3 : 10 p. m. near the gate, a fortnight ago. "
            "The score stood at 10 : 30 after the break.")
    found = {text[c.core_start:c.core_end] for c in find_timexes(nlp(text), composites=False)}
    assert any(s.startswith("3 : 10 p. m") for s in found), found
    assert "a fortnight ago" in found
    assert not any("10 : 30" in s for s in found)  # no am/pm: a score, not a time


def test_a_hedged_midnight_or_noon_is_found(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "The suspect was caught around midnight, and the talks ended about noon."
    found = {text[c.start:c.end] for c in find_timexes(nlp(text), composites=False)}
    assert {"around midnight", "about noon"} <= found, found
