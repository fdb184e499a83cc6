"""The dateparser baseline of the timex evaluation never reads the current day (#20 item 4)."""

from datetime import date

from workbench.evaluate.timex_scoring import GoldDoc, baseline_timexes

TEXT = "The council met yesterday. The vote was held on March 4, 2021, in London."


def _values(nlp, dct):
    doc = GoldDoc(doc_id="d", text=TEXT, dct=dct, timexes=())
    [spans] = list(baseline_timexes([doc], nlp))
    return {TEXT[s:e]: value for s, e, _label, value in spans}


def test_relative_values_count_from_the_dct(nlp):
    got = _values(nlp, date(2021, 3, 5))
    assert got["yesterday"] == "2021-03-04"
    assert got["March 4, 2021"] == "2021-03-04"


def test_no_dct_leaves_relative_values_empty(nlp):
    got = _values(nlp, None)
    assert got["yesterday"] == ""
    assert got["March 4, 2021"] == "2021-03-04"
