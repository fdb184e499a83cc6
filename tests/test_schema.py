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


def test_coerce_turns_dates_out_of_timestamp_range_into_nat():
    from datetime import date

    rows = [{"article_id": "a", "published_date": date(1630, 1, 1), "earliest_date": date(1353, 1, 1),
             "latest_date": date(2021, 3, 4)}]
    out = schema.coerce(rows, "publication_dates")
    assert str(out["published_date"].dtype) == "datetime64[ns]"
    assert out["published_date"].isna().all() and out["earliest_date"].isna().all()
    assert out["latest_date"].iloc[0] == pd.Timestamp("2021-03-04")


def test_coerce_reads_every_date_of_a_column_written_in_mixed_formats():
    # pandas takes the first value's format for the whole column: the others used to become NaT
    rows = [{"article_id": "a", "published_date": "2017-12-27T08:27:55"},
            {"article_id": "b", "published_date": "2010-07-04"},
            {"article_id": "c", "published_date": "March 5, 2021"},
            {"article_id": "d", "published_date": "not a date"}]
    out = schema.coerce(rows, "publication_dates")
    assert out["published_date"].tolist()[:3] == [
        pd.Timestamp("2017-12-27 08:27:55"), pd.Timestamp("2010-07-04"), pd.Timestamp("2021-03-05")]
    assert pd.isna(out["published_date"].iloc[3])


def test_historical_years_do_not_fail_the_article():
    from workbench.annotate import annotate_articles

    text = ("TOKYO (Wire) - The quake, which struck at 1353 (1023 GMT), damaged a temple built in "
            "1630, officials said on Friday.")
    articles = pd.DataFrame({"article_id": ["q1"], "text": [text], "language": ["en"]})
    ann = annotate_articles(articles, n_process=1)
    row = ann.timexes[ann.timexes["timex_text"].str.contains("1630")].iloc[0]
    assert row["value"] == "1630" and pd.isna(row["start_date"])
    assert ann.publication_dates["article_id"].tolist() == ["q1"]


def test_every_primary_key_is_columns_of_its_table():
    for table, key in schema.PRIMARY_KEYS.items():
        assert table in schema.TABLES, table
        assert key and set(key) <= set(schema.TABLES[table]), table


def test_validate_rejects_a_duplicate_key_naming_table_key_and_example():
    row = {"article_id": "a1", "sentence_id": 3, "paragraph_id": 0, "start_char": 0,
           "end_char": 3, "sentence_text": "abc"}
    other = {**row, "sentence_id": 4}
    schema.coerce([row, other], "sentences")  # distinct keys pass
    with pytest.raises(schema.SchemaError) as err:
        schema.coerce([row, other, {**row, "sentence_text": "changed"}], "sentences")
    message = str(err.value)
    assert "'sentences'" in message and "(article_id, sentence_id)" in message
    assert "article_id='a1', sentence_id=3" in message and "1 extra row" in message


def test_validate_key_check_treats_missing_values_as_equal():
    row = {"story_id": "s1", "article_id": "a1", "outlet": None, "fact_count": 1}
    with pytest.raises(schema.SchemaError, match="outlet_omissions"):
        schema.coerce([row, dict(row)], "outlet_omissions")
    summary = [{"outlet": None, "article_count": 1}, {"outlet": None, "article_count": 2}]
    with pytest.raises(schema.SchemaError, match="outlet=None"):
        schema.coerce(summary, "outlet_summary")
