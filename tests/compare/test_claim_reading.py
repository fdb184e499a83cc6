"""Values the claim readers read on made-up sentences: what an undated story's dates still say."""

from types import SimpleNamespace

import pandas as pd

from workbench.compare.claim_reading import date_claims, unanchored_value


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
