import pandas as pd
import pytest

from workbench import schema


def test_every_table_column_is_documented():
    for table, cols in schema.TABLES.items():
        assert len(cols) == len(set(cols)), table
        for col in cols:
            assert col in schema.FIELDS, f"{table}.{col} undocumented"
            assert schema.FIELDS[col].description


def test_validate_names_missing_and_unexpected_columns():
    df = schema.empty_frame("sentences").drop(columns=["sentence_text"]).assign(extra=1)
    with pytest.raises(schema.SchemaError) as err:
        schema.validate(df, "sentences")
    assert "sentence_text" in str(err.value) and "extra" in str(err.value)


def test_validate_rejects_wrong_dtype():
    df = schema.coerce([{"article_id": "a", "sentence_id": 0, "paragraph_id": 0, "start_char": 0,
                         "end_char": 3, "sentence_text": "abc"}], "sentences")
    df["start_char"] = ["zero"]
    with pytest.raises(schema.SchemaError, match="start_char"):
        schema.validate(df, "sentences")


def test_coerce_fills_missing_keys_with_nulls():
    df = schema.coerce([{"article_id": "a"}], "timexes")
    assert list(df.columns) == schema.TABLES["timexes"]
    assert df["start_date"].isna().all() and str(df["timex_id"].dtype) == "Int64"


def test_describe_lists_columns_in_order():
    d = schema.describe("articles")
    assert list(d["column"]) == schema.TABLES["articles"]
    assert isinstance(d, pd.DataFrame)
