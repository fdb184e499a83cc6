"""Temporal expressions: parsing, tense-aware resolution and intervals, on sentences written here."""

import re
from datetime import date

import pytest

from workbench.annotate.dates import extract_dates, reanchor_timex_rows
from workbench.annotate.timex import parse_timex, resolve_timex

# A Thursday.
ANCHOR = date(2021, 3, 4)


def _res(text, direction="none", anchor=ANCHOR, previous=None):
    form = parse_timex(text)
    assert form is not None, text
    return resolve_timex(form, anchor, direction=direction, previous=previous)


@pytest.mark.parametrize(
    ("text", "direction", "value", "start", "end", "gran"),
    [
        ("this month", "none", "2021-03", date(2021, 3, 1), date(2021, 3, 31), "month"),
        ("from March 15", "future", "2021-03-15", date(2021, 3, 15), None, "day"),
        ("since April 2019", "past", "2019-04", date(2019, 4, 1), ANCHOR, "month"),
        ("mid-March", "none", "2021-03", date(2021, 3, 11), date(2021, 3, 20), "month"),
        ("next week", "future", "2021-W10", date(2021, 3, 8), date(2021, 3, 14), "week"),
        ("this week", "past", "2021-W09", date(2021, 3, 1), date(2021, 3, 7), "week"),
        ("in January", "past", "2021-01", date(2021, 1, 1), date(2021, 1, 31), "month"),
        ("last year", "past", "2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
        ("the past two weeks", "past", "P2W", date(2021, 2, 19), ANCHOR, "day"),
        ("last summer", "past", "2020-SU", date(2020, 6, 1), date(2020, 8, 31), "season"),
        ("the third quarter", "past", "2020-Q3", date(2020, 7, 1), date(2020, 9, 30), "quarter"),
        ("the first quarter of 2021", "none", "2021-Q1", date(2021, 1, 1), date(2021, 3, 31),
         "quarter"),
        ("the 1990s", "none", "199X", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("yesterday", "past", "2021-03-03", date(2021, 3, 3), date(2021, 3, 3), "day"),
        ("two days ago", "past", "2021-03-02", date(2021, 3, 2), date(2021, 3, 2), "day"),
        ("March 17, 2021", "none", "2021-03-17", date(2021, 3, 17), date(2021, 3, 17), "day"),
        ("until March 20", "future", "2021-03-20", None, date(2021, 3, 20), "day"),
        ("early 2020", "none", "2020", date(2020, 1, 1), date(2020, 4, 30), "year"),
    ],
)
def test_intervals(text, direction, value, start, end, gran):
    res = _res(text, direction)
    assert res.value == value
    assert res.start_date == start
    assert res.end_date == end
    assert res.granularity == gran


def test_weekday_follows_tense():
    # Past: the most recent Thursday on or before the anchor (the anchor itself here).
    assert _res("on Thursday", "past").start_date == date(2021, 3, 4)
    assert _res("on Monday", "past").start_date == date(2021, 3, 1)
    # Future: forward, never the day before.
    assert _res("on Monday", "future").start_date == date(2021, 3, 8)
    # "last Thursday" is a week back, "next Monday" forward.
    assert _res("last Thursday").start_date == date(2021, 2, 25)
    assert _res("next Monday").start_date == date(2021, 3, 8)


def test_ambiguity_is_flagged_not_hidden():
    res = _res("on Thursday", "future")
    assert res.is_ambiguous and res.note
    res = _res("on Monday", "none")
    assert res.is_ambiguous and "tense" in res.note
    assert not _res("on Monday", "past").is_ambiguous


def test_month_day_year_by_tense():
    # Anchored early January: a past "Dec. 28" is last year's, a future "Dec. 28" this year's.
    jan = date(2021, 1, 5)
    assert _res("Dec. 28", "past", jan).value == "2020-12-28"
    assert _res("March 17", "future", date(2021, 3, 4)).value == "2021-03-17"
    assert _res("March 17", "past", date(2021, 3, 4)).value == "2021-03-17"


def test_durations_and_sets():
    assert _res("three years").value == "P3Y"
    assert _res("24 hours").value == "PT24H"
    assert _res("two-year").value == "P2Y"
    assert _res("several months").value == "PXM"
    assert parse_timex("every week").timex_type == "SET"
    assert _res("every week").value == "P1W"
    assert _res("daily").value == "P1D"
    assert _res("each Monday").value == "XXXX-WXX-1"


def test_anchored_duration_interval():
    res = _res("two days from March 17", "future")
    assert (res.start_date, res.end_date) == (date(2021, 3, 17), date(2021, 3, 18))
    assert res.value == "P2D"


def test_no_anchor_leaves_placeholders():
    res = resolve_timex(parse_timex("on Thursday"), None)
    assert res.value == "XXXX-WXX-4"
    assert res.start_date is None
    res = resolve_timex(parse_timex("March 15"), None)
    assert res.value == "XXXX-03-15"
    # Absolute dates need no anchor.
    assert resolve_timex(parse_timex("April 2019"), None).value == "2019-04"


def test_previous_timex_anchor():
    res = _res("two days later", "past", previous=date(2021, 2, 10))
    assert res.value == "2021-02-12"
    assert res.uses_previous


@pytest.mark.parametrize("text", ["", "the", "Blinken", "x" * 500, "2 plus 2", "May"])
def test_not_temporal(text):
    form = parse_timex(text)
    assert form is None or form.kind == "date"  # "May" alone stays a month when spaCy says so


def _article(text, published=None):
    return {"article_id": "t", "text": text, "language": "en", "published_date": published,
            "published_date_source": "record" if published else None,
            "published_date_precision": "day" if published else None, "dateline": None,
            "url": None, "headline": None, "raw_text": None}


def test_extract_dates_tense_from_parse(nlp):
    text = ("Officials said on Thursday that the minister will visit Paris on Monday. "
            "The talks will start from March 15 and last two weeks. Prices rose every week "
            "during the past two weeks, and analysts expect a decision next week.")
    doc = nlp(text)
    rows, pub = extract_dates(doc, _article(text, date(2021, 3, 4)), [])
    by_text = {r["timex_text"]: r for r in rows}
    assert by_text["on Thursday"]["direction"] == "past"
    assert by_text["on Thursday"]["value"] == "2021-03-04"
    assert by_text["on Monday"]["direction"] == "future"
    assert by_text["on Monday"]["value"] == "2021-03-08"
    assert pd_isna(by_text["from March 15"]["end_date"])
    assert by_text["from March 15"]["start_date"].date() == date(2021, 3, 15)
    assert by_text["every week"]["timex_type"] == "SET"
    assert by_text["next week"]["value"] == "2021-W10"
    assert by_text["on Thursday"]["anchor_source"] == "published_date"
    assert pub["published_date_source"] == "record"


def pd_isna(x):
    import pandas as pd

    return x is None or pd.isna(x)


def test_reanchor_rows(nlp):
    text = "The company said on Tuesday that sales fell last month."
    doc = nlp(text)
    rows, _ = extract_dates(doc, _article(text), [])
    assert [r["value"] for r in rows] == ["XXXX-WXX-2", "XXXX-XX"]
    again = reanchor_timex_rows(rows, date(2021, 3, 4), "inferred_published_date")
    assert [r["value"] for r in again] == ["2021-03-02", "2021-02"]
    assert again[0]["anchor_source"] == "inferred_published_date"
    assert rows[0]["value"] == "XXXX-WXX-2"  # input untouched


@pytest.mark.parametrize("text", ["", "Сегодня в Москве прошла встреча.", "(" * 300, "on " * 300])
def test_bad_input_does_not_crash(nlp, text):
    doc = nlp(text)
    rows, pub = extract_dates(doc, _article(text), [])
    assert isinstance(rows, list) and isinstance(pub, dict)


@pytest.mark.parametrize(
    "unit",
    ["March " * 7, "1999 " * 7, "\u00a9 " * 7, "on Thursday, " * 3, "two days from " * 3,
     "(c) copyright " * 3, "every other " * 4, "Mon. " * 7],
)
def test_pattern_layer_is_linear_on_200kb(unit):
    """Our regex layer on a 200 KB single paragraph (tokenizer only: spaCy's own time is not ours)."""
    import time

    import spacy

    text = (unit * (200_000 // len(unit)))[:200_000]
    doc = spacy.blank("en")(text)
    started = time.perf_counter()
    rows, pub = extract_dates(doc, {**_article(text), "raw_text": text,
                                    "url": "https://x.test/" + "2021" * 500}, [])
    assert time.perf_counter() - started < 30
    assert isinstance(rows, list) and isinstance(pub, dict)


def test_out_of_range_years_are_flagged_not_crashing(nlp):
    text = "The city was founded 1000 years ago and 5000 months ago it was a village."
    rows, _ = extract_dates(nlp(text), _article(text, date(2021, 3, 4)), [])
    import workbench.schema as schema

    frame = schema.coerce([{"article_id": "t", **r} for r in rows], "timexes")
    assert len(frame) == len(rows) >= 1
    flagged = [r for r in rows if r["start_date"] is None]
    assert all(r["is_ambiguous"] and r["note"] for r in flagged)


def test_many_mentions_stay_linear(nlp):
    """Every timex attaches to one verb here; tense lookup must not scan all its children."""
    import time

    text = "On March 17, " * 1500 + "it happened."
    doc = nlp(text)
    started = time.process_time()
    rows, _ = extract_dates(doc, _article(text), [])
    assert len(rows) == 1500
    assert time.process_time() - started < 5


def test_bounds_without_dates_do_not_crash():
    from workbench.annotate.pubdate import infer_publication_date

    rows = [{"timex_text": "from 2019", "direction": "future", "start_char": 0, "end_char": 9},
            {"timex_text": "since 2018", "direction": "past", "start_char": 10, "end_char": 20}]
    row = infer_publication_date({"text": "from 2019 since 2018"}, rows)
    assert row["earliest_date"] is not None


# ------------------------------------------------------------------------------------------
# value rules added for TimeML-style normalization (sentences written here)
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 1/2 years", "P2Y6M"),
        ("three and a half hours", "PT3H30M"),
        ("a minute and a half", "PT1M30S"),
        ("the latest six months", "P6M"),
        ("the year-earlier nine months", "P9M"),
        ("no more than ninety days", "P90D"),
        ("as long as a month", "P1M"),
        ("the months ahead", "PXM"),
        ("future quarters", "FUTURE_REF"),
        ("coming quarters", "FUTURE_REF"),
        ("recent quarters", "PXQ"),
    ],
)
def test_duration_values(text, value):
    assert _res(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("next year's second quarter", "2022-Q2"),
        ("the last half of 2020", "2020-H2"),
        ("the first two quarters of 2022", "2022-H1"),
        ("the last quarter of 2019", "2019-Q4"),
        ("the quarter a year ago", "2019-Q4"),
        ("last year's quarter", "2019-Q4"),
        ("the 2019 period", "2019-Q4"),
    ],
)
def test_quarter_and_half_values(text, value):
    # Anchored 2021-03-04: the latest reported quarter is 2020-Q4, its year-ago one 2019-Q4.
    assert _res(text, "past").value == value


def test_previous_weekday_counts_from_the_last_date():
    res = _res("the previous Friday", "past", previous=date(2021, 2, 26))
    assert res.value == "2021-02-19"
    assert res.uses_previous
    # Without an earlier date it is the Friday before the anchor.
    assert _res("the previous Friday", "past").value == "2021-02-26"


def test_until_weekday_without_tense_looks_ahead():
    assert _res("until Friday", "none").value == "2021-03-05"
    assert _res("until Monday", "present").value == "2021-03-08"
    assert _res("until Monday", "past").value == "2021-03-01"


def _rows(nlp, text, anchor=ANCHOR):
    rows, _ = extract_dates(nlp(text), _article(text, anchor), [])
    return {r["timex_text"]: r for r in rows}


def test_year_ended_is_a_twelve_month_duration(nlp):
    rows = _rows(nlp, "For the year ended June 30, the mill earned $4 million.")
    year = next(r for t, r in rows.items() if t.lower().endswith("the year"))
    assert (year["timex_type"], year["value"]) == ("DURATION", "P1Y")
    assert rows["June 30"]["value"] == "2020-06-30"


def test_that_year_is_the_year_mentioned_before(nlp):
    rows = _rows(nlp, "The bakery opened in June 2015 and closed later that year.")
    assert rows["later that year"]["value"] == "2015"


def test_year_ago_quarter_chain_does_not_drift(nlp):
    text = ("Profit rose in the fourth quarter. In the year-ago quarter the firm lost money. "
            "Costs were lower than a year ago.")
    rows = _rows(nlp, text)
    assert rows["In the year-ago quarter"]["value"] == "2019-Q4"
    # the year-ago quarter is not the one under report: no second step back to 2018
    assert rows["a year ago"]["value"] == "2019-Q4"


def test_that_quarter_is_the_quarter_mentioned_before(nlp):
    text = "The plant lost money in the second quarter of 2019. Sales for that quarter were flat."
    assert _rows(nlp, text)["that quarter"]["value"] == "2019-Q2"


def test_tense_cues_effective_modal_deadline(nlp):
    # Each date lies ahead though the verb is past or absent.
    rows = _rows(nlp, "The board named a new chairman, effective Feb. 1.", date(2021, 10, 26))
    assert rows["Feb. 1"]["value"] == "2022-02-01"
    rows = _rows(nlp, "The sale should be completed in October, the company said.",
                 date(2021, 6, 5))
    assert rows["in October"]["value"] == "2021-10"
    rows = _rows(nlp, "The judge postponed the hearing until Tuesday.")
    tue = next(r for t, r in rows.items() if t.endswith("Tuesday"))
    assert tue["value"] == "2021-03-09"


def test_span_joins_and_extensions(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "Shares fell on Friday Oct. 13 and in the 2019 period; trading stopped at 14:58 UTC."
    doc = nlp(text)
    spans = {text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)}
    assert "Friday Oct. 13" in spans
    assert "the 2019 period" in spans
    assert "14:58 UTC" in spans


def test_leading_words_before_an_expression_are_dropped():
    from workbench.annotate.timex_spans import _parse_span

    text = "up from seven a year ago"
    form, s, e = _parse_span(text, 8, len(text))
    assert form is not None and text[s:e] == "a year ago"
    text = "after the coup d'etat last year"
    form, s, e = _parse_span(text, 15, len(text))
    assert form is not None and text[s:e] == "last year"
    # A capitalized name is not dropped: "Founders Day" is not "Day".
    text = "before Founders Day"
    form, _, _ = _parse_span(text, 7, len(text))
    assert form is None


@pytest.mark.parametrize(
    ("text", "anchor", "direction", "value"),
    [
        ("Thanksgiving Day", date(2021, 1, 8), "past", "2020-11-26"),
        ("last Thanksgiving", date(2021, 2, 10), "none", "2020-11-26"),
        ("Election Day", date(2020, 10, 20), "future", "2020-11-03"),
        ("Easter week", date(2021, 4, 6), "past", "2021-W13"),
        ("Easter", date(2019, 3, 1), "future", "2019-04-21"),
        ("Christmas Eve", date(2021, 12, 1), "future", "2021-12-24"),
        ("Labor Day 2015", None, "none", "2015-09-07"),
        ("Memorial Day", date(2021, 5, 20), "future", "2021-05-31"),
    ],
)
def test_holidays(text, anchor, direction, value):
    res = resolve_timex(parse_timex(text), anchor, direction=direction)
    assert res.value == value


def test_quarter_durations_use_the_quarter_unit():
    assert _res("the past two quarters", "past").value == "P2Q"
    assert _res("two consecutive quarters").value == "P2Q"
    assert _res("every quarter").value == "P1Q"


def test_earlier_that_day_is_the_day_mentioned_before():
    res = _res("earlier that day", "past", previous=date(2021, 2, 10))
    assert res.value == "2021-02-10" and res.uses_previous


def test_current_and_recent_are_refs(nlp):
    rows = _rows(nlp, "Under current rules, recent buyers pay more, but not the current account.")
    found = {t: r["value"] for t, r in rows.items()}
    assert found.get("current") == "PRESENT_REF"
    assert found.get("recent") == "PAST_REF"
    assert len([r for r in rows.values() if r["value"] == "PRESENT_REF"]) == 1


def test_possessive_weekday_is_the_reported_day(nlp):
    # Anchored on a Monday: "Thursday's close" is last Thursday, not the coming one.
    rows = _rows(nlp, "The bonds convert at a premium over Thursday's closing price.",
                 date(2021, 3, 8))
    thu = next(r for t, r in rows.items() if t.endswith("Thursday"))
    assert thu["value"] == "2021-03-04"


def test_past_perfect_plan_is_past(nlp):
    # Anchored on a Monday: the offer "had been due to expire" on the Friday just gone.
    rows = _rows(nlp, "The offer had been due to expire Friday evening.", date(2021, 3, 8))
    fri = next(r for t, r in rows.items() if "Friday" in t)
    assert fri["value"].startswith("2021-03-05")


def test_meantime_document_without_dct_uses_its_date_line(tmp_path):
    import json

    from workbench.evaluate.timex_scoring import load_meantime

    text = "A ferry sank\nMarch 02, 2009\nA ferry sank today off the coast.\n"
    rows = [{"doc_id": "x", "text": text, "dct": None,
             "timex3": [{"start": 13, "end": 27, "type": "DATE", "value": "2009-03-02"}]}]
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    doc = load_meantime(path)[0]
    assert doc.dct == date(2009, 3, 2)
    assert doc.timexes == ((13, 27, "DATE", "2009-03-02"),)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16:15 UTC", "2021-03-04T16:15Z"),
        ("0930 GMT", "2021-03-04T09:30Z"),
        ("the near term", "FUTURE_REF"),
        ("the long term", "FUTURE_REF"),
        ("the 70s", "197X"),
        ("the '80s", "198X"),
    ],
)
def test_clock_zones_terms_short_decades(text, value):
    assert _res(text).value == value


def test_short_decade_without_article_is_an_age():
    assert parse_timex("30s") is None
    assert parse_timex("0930") is None  # a bare four-digit number is no clock time


def test_pattern_layer_finds_zoned_clock_times_and_numeric_dates(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "Trading resumed at 14:05 UTC on 7/8/09, and analysts see gains in the near term."
    doc = nlp(text)
    spans = {text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)}
    assert {"14:05 UTC", "7/8/09", "the near term"} <= spans


def test_plan_verbs_and_infinitive_subjects_look_the_right_way(nlp):
    # Anchored on a Wednesday: the scheduled conference is the coming Thursday.
    rows = _rows(nlp, "The prosecutor has scheduled a news conference Thursday.",
                 date(2021, 3, 3))
    assert rows["Thursday"]["value"] == "2021-03-04"
    rows = _rows(nlp, "Protesters planned a large march on Saturday.", date(2021, 3, 5))
    sat = next(r for t, r in rows.items() if t.endswith("Saturday"))
    assert sat["value"] == "2021-03-06"
    # "the first to join on Friday were ...": the infinitive shares the main verb's past
    rows = _rows(nlp, "The first countries to join the pact on Friday were Chile and Peru.",
                 date(2021, 3, 6))
    fri = next(r for t, r in rows.items() if t.endswith("Friday"))
    assert fri["value"] == "2021-03-05"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a day-long meeting", None),
        ("day-long", "P1D"),
        ("decades-long", "PXY"),
        ("decades", "PXY"),
        ("two decades", "P20Y"),
        ("two more weeks", "P2W"),
        ("between now", "PRESENT_REF"),
        ("April month", "2021-04"),
    ],
)
def test_long_compounds_decades_and_odd_forms(text, value):
    form = parse_timex(text)
    if value is None:
        assert form is None
        return
    assert resolve_timex(form, ANCHOR, direction="past").value == value


def test_clock_time_after_at_is_not_a_year(nlp):
    rows = _rows(nlp, "The quake struck at 1353 on Friday, and aftershocks came at 0600 hours.",
                 date(2021, 3, 6))
    by_value = {r["value"] for r in rows.values()}
    assert "2021-03-05T13:53" in by_value
    assert any(v.endswith("T06:00") for v in by_value)
    assert not any(v in {"1353", "0600"} for v in by_value)
    # years keep "in", and a modern year after "at" stays a year
    rows = _rows(nlp, "The church was built in 1353; output is back at 1995 levels.")
    assert {r["value"] for r in rows.values()} >= {"1353", "1995"}


def test_spans_half_hours_and_dates_without_article(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = ("She spent about 5 1/2 hours in Nairobi after the Aug. 7, 1998 bombings; "
            "he was shot on the night of Oct. 23.")
    doc = nlp(text)
    spans = {text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)}
    assert "5 1/2 hours" in spans
    assert "Aug. 7, 1998" in spans
    assert "the night" not in spans


def test_timeml_view_of_n_units_later():
    from workbench.annotate.timex_spans import Candidate
    from workbench.evaluate.timex_scoring import _timeml_view

    text = "Three days later, the index rose. A year earlier it fell."
    rows = [("Three days later", "2021-03-07"), ("A year earlier", "2020")]
    out = []
    for span, value in rows:
        s = text.index(span)
        cand = Candidate(s, s + len(span), s, s + len(span), parse_timex(span), "spacy")
        out.append(_timeml_view(text, cand, {"timex_type": "DATE", "value": value}))
    assert out[0] == (0, len("Three days"), "DURATION", "P3D")
    assert out[1][2:] == ("DATE", "2020")  # years stay the year-ago date, as TimeML has them


def test_nth_day_year_before_and_the_day(nlp):
    assert _res("the eighth day").value == "2021-03-04"
    assert _res("a second consecutive day").value == "2021-03-04"
    assert _res("fourth week in a row").value == "2021-W09"
    rows = _rows(nlp, "Exports fell to $300 million in 2019, down from $450 million the year before.")
    assert next(r for t, r in rows.items() if t.endswith("the year before"))["value"] == "2018"
    rows = _rows(nlp, "The index fell on Tuesday and ended the day lower.")
    assert rows["the day"]["value"] == "2021-03-02"


def test_fractions_ordinals_and_attributive_quarterly_are_not_times(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = ("Iraq imports about three-quarters of its food. A second group of directors "
            "raised its quarterly dividend, as previously announced.")
    doc = nlp(text)
    assert [text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)] == []


def test_month_relatives_count_from_the_month_mentioned(nlp):
    rows = _rows(nlp, "In March, the firm got an offer. The following month, it put itself up "
                      "for sale.", date(2021, 10, 27))
    assert rows["The following month"]["value"] == "2021-04"
    rows = _rows(nlp, "Sales fell 35% in January, compared to the same month a year ago.",
                 date(2021, 2, 3))
    assert rows["the same month a year ago"]["value"] == "2020-01"
    rows = _rows(nlp, "Sales rose 43% in February compared to the same period last year.",
                 date(2021, 3, 3))
    assert rows["the same period last year"]["value"] == "2020-02"
    # after a quarter, "the same period last year" stays the year-ago quarter
    rows = _rows(nlp, "Profit rose in the third quarter, compared to the same period last year.",
                 date(2021, 10, 27))
    assert rows["the same period last year"]["value"] == "2020-Q3"


def test_the_day_before_or_after_counts_from_the_date_mentioned(nlp):
    rows = _rows(nlp, "He was killed on Oct. 23. Two men showed up at his house the day after "
                      "his death.", date(2021, 11, 21))
    assert rows["the day"]["value"] == "2021-10-24"
    # in apposition to a date, "the day before ..." is that date
    rows = _rows(nlp, "Eight trading days after Oct. 12, the day before the plunge, the index "
                      "had fallen 4%.", date(2021, 10, 30))
    assert rows["the day"]["value"] == "2021-10-12"


def test_soon_until_now_and_centuries(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = ("The firm will soon seek a buyer. No woman had flown it until now. It was ruled "
            "for centuries. Call as soon as possible.")
    cands = find_timexes(nlp(text), composites=False)
    found = {text[c.core_start:c.core_end]: c.form for c in cands}
    assert found["soon"].parts["value"] == "FUTURE_REF"
    assert found["now"].parts["value"] == "PRESENT_REF"
    assert found["centuries"].parts["value"] == "PXC"
    # "as soon as possible" is a conjunction, not a time
    assert [c.core_start for c in cands if text[c.core_start:c.core_end] == "soon"] == [
        text.index("soon")]


def test_sets_ranges_clock_words_and_weeks_of_a_month():
    assert _res("each July").value == "XXXX-07"
    rng = _res("two to six days")
    assert (rng.timex_type, rng.value) == ("DURATION", "P2D")
    assert _res("4 in the morning", previous=date(2021, 3, 5)).value == "2021-03-05T04:00"
    assert _res("three in the afternoon").value == "2021-03-04T15:00"
    assert _res("morning", previous=date(2021, 3, 2)).value == "2021-03-02TMO"
    last = _res("the last week of March", "past", anchor=date(2009, 4, 1))
    assert (last.value, last.start_date) == ("2009-W13", date(2009, 3, 23))
    assert _res("the first week of April 2009").value == "2009-W14"


def test_duration_range_splits_into_timeml_ends(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "Recovery takes between two to six days for most patients."
    cands = find_timexes(nlp(text), composites=False)
    got = {text[c.core_start:c.core_end]: c.form.parts.get("value") for c in cands}
    assert got == {"two": "P2D", "six days": "P6D"}


def test_tense_through_deadline_and_gerund_under_preposition(nlp):
    rows = _rows(nlp, "The banks have extended the loans through January.", date(2021, 10, 30))
    assert next(r for t, r in rows.items() if t.endswith("January"))["value"] == "2022-01"
    rows = _rows(nlp, "It said two flights would leave on Monday, with the third departing "
                      "each Thursday from August 6.", date(2021, 2, 13))
    assert next(r for t, r in rows.items() if t.endswith("August 6"))["value"] == "2021-08-06"


def test_that_same_day_after_a_month_is_a_day_of_it(nlp):
    rows = _rows(nlp, "A doctor was killed last October. His name on the site was crossed out "
                      "that same day.", date(2021, 2, 6))
    assert rows["that same day"]["value"] == "2020-10-XX"


def test_quarter_a_few_weeks_ahead_stays_this_year():
    # a plan reported in August about "the fourth quarter" (past tense or not) is this year's
    assert _res("the fourth quarter", "past", anchor=date(2006, 8, 19)).value == "2006-Q4"
    assert _res("the fourth quarter", "past", anchor=date(2006, 3, 19)).value == "2005-Q4"


def test_next_day_steps_from_the_day_mentioned(nlp):
    assert _res("the next day", "past", previous=date(2021, 3, 1)).value == "2021-03-02"
    assert _res("the previous day", "past", previous=date(2021, 3, 1)).value == "2021-02-28"
    assert _res("that day", "past", previous=date(2021, 3, 1)).value == "2021-03-01"
    rows = _rows(nlp, "The day before last Tuesday's hearing, he went to the house.",
                 date(2021, 3, 4))
    assert next(r for t, r in rows.items() if t.startswith("The day"))["value"] == "2021-03-01"
    assert _res("the day after Christmas", "past").value == "2020-12-26"


def test_one_day_under_a_future_and_first_hours():
    assert _res("one day", "future").value == "FUTURE_REF"
    assert _res("one day", "past").value == "P1D"
    assert _res("for one day", "future").value == "P1D"
    assert _res("the first hours").value == "PTXH"
    assert _res("the early years").value == "PXY"


def test_the_quarter_points_back_at_the_quarter_reported(nlp):
    text = ("The mill's profit fell in the third quarter. An analyst said he expected the mill "
            "to earn 40 cents a share for the quarter.")
    rows = _rows(nlp, text, date(2021, 10, 27))
    assert rows["the quarter"]["value"] == "2021-Q3"
    # "the quarter ended ..." is told by its end date, not by the quarter mentioned before
    rows = _rows(nlp, "Sales rose in the second quarter. For the quarter ended Sept. 30, the "
                      "mill earned $4 million.", date(2021, 10, 27))
    assert next(r for t, r in rows.items() if t.lower().endswith("the quarter"))["value"] == \
        "2021-Q3"


def test_written_date_the_recognizer_missed_is_found(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "Shares slide in minutes October 10, 2008 Following a fall, the index recovered."
    doc = nlp(text)
    doc.ents = []  # as if the recognizer had tagged nothing here
    found = [text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)]
    assert "October 10, 2008" in found
    # a date the recognizer read as part of an event name is left to it
    text = "Markets fell after the September 11 attacks."
    doc = nlp(text)
    i = text.index("the September")
    doc.ents = [doc.char_span(i, i + len("the September 11"), label="EVENT")]
    assert [c for c in find_timexes(doc, composites=False)
            if doc.text[c.core_start:c.core_end].startswith("September")] == []


def test_a_week_or_two_ago_is_a_day_and_or_so_is_kept(nlp):
    from workbench.annotate.timex_spans import find_timexes

    assert _res("a week ago", "past").value == "2021-02-25"
    assert _res("two weeks ago", "past").value == "2021-02-18"
    assert _res("six weeks ago", "past").value == "2021-W03"
    # "or so" is an approximator inside the expression: same value, TimeML's extent
    assert _res("a week or so ago", "past").value == "2021-02-25"
    text = "The plant will be closed over the next year or so, a spokesman said."
    cands = find_timexes(nlp(text), composites=False)
    assert [text[c.core_start:c.core_end] for c in cands] == ["the next year or so"]


def test_range_end_the_recognizer_left_out_is_taken_in(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "The airline will take six new jets from 2024 to 2026, the board said."
    doc = nlp(text)
    i = text.index("2024")
    doc.ents = [doc.char_span(i, i + 4, label="DATE")]  # as if "to 2026" had been missed
    cands = find_timexes(doc, composites=False)
    assert [text[c.core_start:c.core_end] for c in cands] == ["2024", "2026"]
    # a number after "to" that is not a year stays out
    text = "Sales rose from 2019 to 30 stores."
    doc = nlp(text)
    assert [text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)] == [
        "2019"]


def test_the_entire_year_after_a_period_of_a_named_year_in_the_sentence(nlp):
    rows = _rows(nlp, "The mill lost $2 million in the fourth quarter of 2019 and $5 million for "
                      "the entire year.", date(2020, 1, 27))
    assert rows["the entire year"]["value"] == "2019"
    # across a sentence boundary "the full year" stays the anchor's
    rows = _rows(nlp, "Sales rose 5% in 2019. The firm expects a profit for the full year.",
                 date(2020, 3, 2))
    assert rows["the full year"]["value"] == "2020"


def test_in_n_years_under_a_future_is_the_point_ahead():
    res = _res("in five years", "future")
    assert (res.timex_type, res.value) == ("DATE", "2026")
    assert _res("in three days", "future").value == "2021-03-07"
    # a length elsewhere: "done in five years" (past), "in the next five years"
    assert _res("in five years", "past").value == "P5Y"
    assert _res("in the next five years", "future").value == "P5Y"


def test_part_of_day_with_early_mid_late(nlp):
    assert _res("mid-afternoon yesterday", "past").value == "2021-03-03TAF"
    assert _res("early morning Friday", "future").value == "2021-03-05TMO"
    assert _res("mid afternoon", previous=date(2021, 3, 2)).value == "2021-03-02TAF"
    rows = _rows(nlp, "In London at mid-afternoon yesterday, the shares were up 2 pence.")
    assert rows["mid-afternoon yesterday"]["value"] == "2021-03-03TAF"


def test_corresponding_period_last_year_is_one_expression_after_a_quarter(nlp):
    rows = _rows(nlp, "The firm lost $8 million for the third quarter ended Sept. 30. That "
                      "compares with a profit for the corresponding period last year.",
                 date(2021, 11, 1))
    assert rows["the corresponding period last year"]["value"] == "2020-Q3"


def test_an_early_morning_flight_is_not_added_by_the_pattern_layer(nlp):
    from workbench.annotate.timex_spans import find_timexes

    text = "Back in 2012, he was to take an early morning flight to Denver."
    doc = nlp(text)
    doc.ents = []  # what the patterns add on their own
    assert [text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)] == []
    doc = nlp("Shares were up 2 pence by mid-afternoon.")
    doc.ents = []
    assert [doc.text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)] == [
        "mid-afternoon"]


def test_reanchor_keeps_sentence_breaks_for_the_full_year(nlp):
    text = "Sales rose 5% in 2019. The firm expects a profit for the full year."
    sentences = [{"sentence_id": 0, "start_char": 0},
                 {"sentence_id": 1, "start_char": text.index("The firm")}]
    rows, _ = extract_dates(nlp(text), _article(text), sentences)
    again = reanchor_timex_rows(rows, date(2020, 3, 2), "inferred_published_date")
    assert {r["timex_text"]: r["value"] for r in again}["the full year"] == "2020"


def test_clock_time_of_an_event_dated_before_by_the_same_verb(nlp):
    text = ("The guard was shot on March 2 outside the bank. Police found the car on March 3. "
            "The guard was shot at 9 p.m. as he locked the door.")
    rows = _rows(nlp, text, date(2021, 3, 10))
    assert rows["9 p.m."]["value"] == "2021-03-02T21:00"
    # with no verb to match, a bare clock time keeps the date mentioned last
    rows = _rows(nlp, "Police found the car on March 3. The alarm rang at 9 p.m.",
                 date(2021, 3, 10))
    assert rows["9 p.m."]["value"] == "2021-03-03T21:00"


def test_clock_time_before_n_days_before_an_event_dated_before(nlp):
    text = ("The guard was shot on March 2 outside the bank. A witness saw the car at 6 a.m. "
            "ten days before the shooting.")
    rows = _rows(nlp, text, date(2021, 3, 20))
    assert rows["6 a.m."]["value"] == "2021-02-20T06:00"


def test_pre_and_post_year_are_the_year_as_a_bound(nlp):
    from workbench.annotate.timex_spans import find_timexes

    res = _res("post-1959")
    assert (res.value, res.start_date, res.end_date) == ("1959", date(1960, 1, 1), None)
    assert _res("pre-2008").end_date == date(2007, 12, 31)
    text = "The post-1959 politics split the family."
    doc = nlp(text)
    doc.ents = []
    assert [text[c.core_start:c.core_end] for c in find_timexes(doc, composites=False)] == [
        "post-1959"]


def test_one_weekday_name_is_one_day_per_article(nlp):
    # Anchored on a Monday. Read alone, the past-tense "Tuesday" would be last week's and the
    # future one tomorrow: one article's bare "Tuesday" is one day, and the row says why.
    text = ("The minister left Tuesday for Nairobi. She will land in Dar es Salaam Tuesday "
            "morning, her first stop.")
    rows, _ = extract_dates(nlp(text), _article(text, date(2021, 3, 8)), [])
    tue = [r for r in rows if r["timex_text"].startswith("Tuesday")]
    assert len(tue) == 2
    assert {r["start_date"].date() for r in tue} == {date(2021, 3, 9)}
    assert any(r["is_ambiguous"] and "one Tuesday per article" in r["note"] for r in tue)
    # Qualified mentions keep their own week.
    text = "Talks failed last Tuesday. They resume Tuesday."
    rows, _ = extract_dates(nlp(text), _article(text, date(2021, 3, 8)), [])
    days = sorted(r["start_date"].date() for r in rows if "Tuesday" in r["timex_text"])
    assert days == [date(2021, 3, 2), date(2021, 3, 9)]


def _clock_rows(nlp, text):
    """Rows of the clock times (TIME values with an hour) of ``text``, anchored on a Thursday."""
    return {t: r for t, r in _rows(nlp, text).items()
            if re.search(r"T\d\d:\d\d", r["value"] or "")}


@pytest.mark.parametrize(
    ("text", "timex_text", "value"),
    [
        ("The tram derailed at about 6.10am on Wednesday.", "about 6.10am on Wednesday",
         "2021-03-03T06:10"),
        ("The first call came at 6.15 am on Wednesday.", "6.15 am on Wednesday",
         "2021-03-03T06:15"),
        ("Police were called at 10.30pm on Tuesday.", "10.30pm on Tuesday", "2021-03-02T22:30"),
        ("The attack happened around 11:30pm local time on Wednesday.",
         "around 11:30pm local time on Wednesday", "2021-03-03T23:30"),
        ("The blast was heard at 11:30PM on Wednesday.", "11:30PM on Wednesday",
         "2021-03-03T23:30"),
        ("The quake struck at 0630 BST on Wednesday.", "0630 BST on Wednesday",
         "2021-03-03T06:30"),
        ("The quake struck at 0630 GMT on Wednesday.", "0630 GMT on Wednesday",
         "2021-03-03T06:30Z"),
        ("The tram left the stop at 6.10 on Wednesday morning.", "6.10 on Wednesday morning",
         "2021-03-03T06:10"),
        ("Police arrived at 11.45 last night.", "11.45 last night", "2021-03-03T23:45"),
        ("The fire broke out shortly before midnight on Tuesday.",
         "shortly before midnight on Tuesday", "2021-03-02T24:00"),
        ("The fire broke out around midnight on Tuesday.", "around midnight on Tuesday",
         "2021-03-02T00:00"),
        ("Firefighters arrived just after noon on Wednesday.", "just after noon on Wednesday",
         "2021-03-03T12:00"),
        ("The statement was issued at 9.45am.", "9.45am", "2021-03-04T09:45"),
    ],
)
def test_news_clock_times_are_found_and_resolved(nlp, text, timex_text, value):
    rows = _rows(nlp, text)
    assert timex_text in rows, rows.keys()
    row = rows[timex_text]
    assert (row["timex_type"], row["value"]) == ("TIME", value)
    day = str(value[:10])
    assert str(row["start_date"])[:10] == str(row["end_date"])[:10] == day  # within its day


def test_hedged_clock_times_say_their_timeml_mod(nlp):
    rows = _rows(nlp, "The fire broke out shortly before midnight on Tuesday.")
    assert "TimeML mod BEFORE" in rows["shortly before midnight on Tuesday"]["note"]
    rows = _rows(nlp, "The tram derailed at about 6.10am on Wednesday.")
    assert "TimeML mod APPROX" in rows["about 6.10am on Wednesday"]["note"]


def test_after_a_clock_time_the_interval_starts_on_its_day():
    res = _res("after 5 p.m. Friday", "future")
    assert (res.value, res.start_date, res.end_date) == ("2021-03-05T17:00", date(2021, 3, 5),
                                                         None)
    res = _res("before 9 a.m. Tuesday", "past")
    assert (res.start_date, res.end_date) == (None, date(2021, 3, 2))
    # a day keeps its whole-day bounds
    assert _res("after Friday", "future").start_date == date(2021, 3, 6)


@pytest.mark.parametrize(
    "text",
    [
        "The tram left the stop at 6.10 on Wednesday.",  # no am/pm, no part of the day
        "Inflation stood at 6.10 per cent on Wednesday morning.",
        "Tickets sold at £6.10 on Wednesday morning.",
        "The river peaked at 6.10 metres on Wednesday morning.",
        "Shares closed at 6.10 on Wednesday morning.",
        "The pound traded at 1.25 on Monday morning.",
        "The index rose 6.10% on Monday morning.",
        "Prices rose 6.10 per cent on Wednesday.",
        "The wall was 6.10 metres high on Wednesday morning.",
    ],
)
def test_prices_decimals_and_measures_are_not_clock_times(nlp, text):
    assert _clock_rows(nlp, text) == {}, text


@pytest.mark.parametrize("unit", ["at 6.10 on Monday morning, ", "about 11:30pm local time ",
                                  "shortly before midnight on Saturday "])
def test_clock_patterns_are_linear_on_200kb(unit):
    """The clock-time patterns on a 200 KB paragraph (tokenizer only), as the test above."""
    import time

    import spacy

    text = (unit * (200_000 // len(unit)))[:200_000]
    doc = spacy.blank("en")(text)
    started = time.perf_counter()
    rows, _ = extract_dates(doc, {**_article(text), "raw_text": text}, [])
    assert time.perf_counter() - started < 30
    assert isinstance(rows, list)


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # the recognizer may split a range in two ('between 1994 and' + '2001'): one range
        ("She coached the team on and off between 1994 and 2001, a friend said.",
         "between 1994 and 2001", date(1994, 1, 1), date(2001, 12, 31)),
        ("The mayor served from 1987 to 1993 before retiring.", "from 1987 to 1993",
         date(1987, 1, 1), date(1993, 12, 31)),
        # a 'from' that opens a range leaves its written end in place
        ("The bridge will be closed from March 3 to March 9, officials said.",
         "from March 3 to March 9", date(2021, 3, 3), date(2021, 3, 9)),
    ],
)
def test_year_and_day_ranges_are_one_interval(nlp, text, span, start, end):
    rows, _ = extract_dates(nlp(text), _article(text, ANCHOR), [])
    dates = [r for r in rows if r["timex_type"] == "DATE"]
    assert [r["timex_text"] for r in dates] == [span]
    assert dates[0]["start_date"].date() == start
    assert dates[0]["end_date"].date() == end


def test_an_and_joins_two_years_only_after_between():
    from workbench.annotate.timex_spans import _join_open_ranges

    def joined(text, a, b):
        spans = [[text.index(a), text.index(a) + len(a), "spacy"],
                 [text.index(b), text.index(b) + len(b), "spacy"]]
        return [text[s:e] for s, e, _ in _join_open_ranges(text, spans)]

    assert joined("She sang there between 1994 and 2001.", "between 1994 and", "2001") == [
        "between 1994 and 2001"]
    assert joined("She sang there in 1994 and 2001.", "1994", "2001") == ["1994", "2001"]
    assert joined("She sang there from 1994 to 2001.", "1994", "2001") == ["1994 to 2001"]
    assert joined("She sang there in 1994 to great acclaim in 2001.", "1994", "2001") == [
        "1994", "2001"]


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        # a bound on a distance is every day it allows, not the day at that distance
        ("The clerk was hired more than two weeks ago by the firm.", "more than two weeks ago",
         None, date(2021, 2, 18)),
        ("The clerk was hired less than a fortnight ago by the firm.",
         "less than a fortnight ago", date(2021, 2, 18), ANCHOR),
        ("The clerk was hired two weeks ago by the firm.", "two weeks ago", date(2021, 2, 18),
         date(2021, 2, 18)),
    ],
)
def test_a_bounded_distance_is_the_days_it_allows(nlp, text, span, start, end):
    rows, _ = extract_dates(nlp(text), _article(text, ANCHOR), [])
    assert [r["timex_text"] for r in rows] == [span]
    got = (None if pd_isna(rows[0]["start_date"]) else rows[0]["start_date"].date(),
           rows[0]["end_date"].date())
    assert got == (start, end)
