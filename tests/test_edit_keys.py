"""The edits' row keys (#21): how an edit names rows and reads a value, below corrections and widgets."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import corrections, edit_keys


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("source_id", "3", 3),
    ("source_id", 3.0, 3),
    ("is_anonymous", " Yes ", True),
    ("is_anonymous", "0", False),
    ("is_anonymous", 1, True),
    ("source_text", 5, "5"),
    ("source_text", " ", " "),  # blank text is text
    ("source_id", " ", None),  # blank anything else is missing
    ("source_id", None, None),
    ("source_id", float("nan"), None),
])
def test_coerce_value_reads_each_kind(column, value, expected):
    got = edit_keys.coerce_value("sources", column, value)
    assert got == expected and type(got) is type(expected)


def test_coerce_value_reads_dates_floats_and_json_cells():
    stamp = edit_keys.coerce_value("articles", "published_date", "2021-02-13T23:07:00+09:00")
    assert stamp == pd.Timestamp("2021-02-13 23:07:00") and stamp.tz is None  # wall time kept
    assert edit_keys.coerce_value("publication_dates", "confidence", "0.5") == 0.5
    assert edit_keys.coerce_value("articles", "credits", '["AP", 1]') == ["AP", 1]
    assert edit_keys.coerce_value("articles", "credits", ["AP"]) == ["AP"]


@pytest.mark.parametrize(("table", "column", "value", "message"), [
    ("sources", "source_id", 3.5, "sources.source_id: 3.5 is not a valid int value"),
    ("sources", "is_anonymous", "maybe", "sources.is_anonymous: 'maybe' is not a valid bool"),
    ("publication_dates", "confidence", "high", "not a valid float value"),
    ("articles", "published_date", "not a date", "not a valid datetime value"),
    ("articles", "credits", "[bad", "articles.credits: '[bad' is not a valid object value"),
    ("sources", "speaker", "x", "table 'sources' has no column 'speaker'"),
])
def test_coerce_value_names_the_column_of_a_bad_value(table, column, value, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace(".", r"\.")):
        edit_keys.coerce_value(table, column, value)


def test_match_rows_exact_else_the_most_overlapping_span():
    df = pd.DataFrame({"article_id": ["a", "a", "b"], "start_char": [0, 10, 10],
                       "end_char": [5, 20, 20]})
    exact = edit_keys.match_rows(df, "sources", {"article_id": "a", "start_char": 10,
                                                 "end_char": 20})
    assert exact.tolist() == [False, True, False]
    moved = {"article_id": "a", "start_char": 12, "end_char": 22}  # a new annotator's offsets
    assert edit_keys.match_rows(df, "sources", moved).tolist() == [False, True, False]
    assert not edit_keys.match_rows(df, "sources", moved, exact=True).any()
    far = {"article_id": "a", "start_char": 30, "end_char": 40}
    assert not edit_keys.match_rows(df, "sources", far).any()


def test_default_coder_reads_the_environment(monkeypatch):
    monkeypatch.setenv("WORKBENCH_CODER", "coder-b")
    assert edit_keys.default_coder() == "coder-b"


def test_corrections_keeps_its_public_names():
    for name in ("ROW_KEYS", "current_value", "editable_fields", "row_choices", "span_columns",
                 "default_coder"):
        assert getattr(corrections, name) is getattr(edit_keys, name), name
    assert set(corrections.__all__) <= set(dir(corrections))
