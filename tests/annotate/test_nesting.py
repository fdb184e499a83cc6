"""Nested attributions (workbench.annotate.nesting): the rule on hand-made rows and on parses."""

import pytest

from workbench.annotate import doc_tables as parse
from workbench.annotate.nesting import mark_nesting
from workbench.annotate.sources import extract_attributions


def _row(qid, cue, content):
    return {"quote_id": qid, "cue_start": cue[0], "cue_end": cue[1],
            "content_start": content[0], "content_end": content[1]}


def test_cue_inside_a_longer_content_is_nested():
    outer = _row(0, (10, 14), (20, 80))
    inner = _row(1, (30, 37), (38, 80))
    after = _row(2, (90, 94), (95, 120))
    mark_nesting([outer, inner, after])
    assert (outer["nested_in"], inner["nested_in"], after["nested_in"]) == (None, 0, None)


def test_the_shortest_enclosing_content_is_the_parent():
    rows = [_row(0, (0, 4), (5, 100)), _row(1, (10, 14), (15, 90)), _row(2, (40, 46), (47, 60))]
    mark_nesting(rows)
    assert [r["nested_in"] for r in rows] == [None, 0, 1]


def test_mutual_containment_never_loops():
    # each cue inside the other's content, contents of equal length: the earlier is outer
    a, b = _row(0, (5, 8), (10, 30)), _row(1, (20, 24), (0, 20))
    mark_nesting([a, b])
    assert a["nested_in"] is None and b["nested_in"] == 0


def test_a_content_that_holds_its_own_cue_encloses_nothing():
    # '"We will," he said, "win."': the cue sits inside the attribution's own content span
    wrapped = _row(0, (10, 17), (0, 40))
    inside = _row(1, (25, 30), (31, 39))
    mark_nesting([wrapped, inside])
    assert inside["nested_in"] is None


def test_rows_without_cue_or_content_are_top_level():
    rows = [{"quote_id": 0, "cue_start": None, "cue_end": None, "content_start": 0, "content_end": 50},
            _row(1, (5, 9), (10, 20))]
    mark_nesting(rows)
    assert rows[0]["nested_in"] is None
    # a cueless row's content still encloses the second row's cue
    assert rows[1]["nested_in"] == 0


@pytest.fixture(scope="module")
def nlp():
    from workbench.annotate.nlp import get_nlp

    return get_nlp()


def test_reported_claim_is_nested_in_the_report(nlp):
    doc = nlp("Officials said the ambassador claimed that the talks were over.")
    quotes, _ = extract_attributions(doc, parse.sentence_rows(doc))
    mark_nesting(quotes)
    by_cue = {q["cue"]: q for q in quotes}
    assert by_cue["said"]["nested_in"] is None
    assert by_cue["claimed"]["nested_in"] == by_cue["said"]["quote_id"]


def test_separate_attributions_stay_top_level(nlp):
    doc = nlp("The mayor said the road would reopen. Residents told reporters they were relieved.")
    quotes, _ = extract_attributions(doc, parse.sentence_rows(doc))
    mark_nesting(quotes)
    assert len(quotes) == 2 and all(q["nested_in"] is None for q in quotes)
