"""Export: tables for researchers (CSV, XLSX, Parquet, datapackage.json), and real PNG, SVG,
PDF and self-contained HTML chart files written by vl-convert."""

import json
import struct
import sys
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from workbench import charts, schema
from workbench.export import export_tables, save_chart

FRAME = pd.DataFrame({"outlet": ["A", "B"], "anonymous_share": [0.75, 0.25]})


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "sub" / "share"
    return save_chart(charts.anonymous_share_chart(FRAME), out, scale=2)


def _png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_all_formats_written(written):
    assert set(written) == {"png", "svg", "pdf", "html"}
    assert all(p.exists() and p.stat().st_size > 500 for p in written.values())


def test_png_is_real_and_scaled(written, tmp_path):
    w2, h2 = _png_size(written["png"].read_bytes())
    one = save_chart(charts.anonymous_share_chart(FRAME), tmp_path / "one", formats=("png",), scale=1)
    w1, h1 = _png_size(one["png"].read_bytes())
    assert 300 < w1 < 2000 and 50 < h1 < 1000
    assert abs(w2 - 2 * w1) <= 2 and abs(h2 - 2 * h1) <= 2


def test_svg_parses_and_shows_the_data(written):
    root = ET.fromstring(written["svg"].read_text())
    assert root.tag.endswith("svg")
    assert float(root.get("width")) > 300
    text = " ".join(t for t in root.itertext())
    assert "Outlet" in text and "A" in text


def test_pdf_magic(written):
    data = written["pdf"].read_bytes()
    assert data[:5] == b"%PDF-" and b"%%EOF" in data[-1024:]


def test_html_inlines_vega_and_needs_no_cdn(written):
    html = written["html"].read_text()
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert "<script src=" not in html.replace(" ", "")
    assert len(html) > 200_000  # the Vega bundle itself is inlined
    assert "anonymous_share" in html


def test_unknown_format_rejected(tmp_path):
    with pytest.raises(ValueError, match="gif"):
        save_chart(charts.anonymous_share_chart(FRAME), tmp_path / "x", formats=("gif",))


# --- tables (#20 item 7) ---------------------------------------------------------------------
LONG = "x" * 40_000


@pytest.fixture(scope="module")
def tables():
    articles = schema.coerce([
        {"article_id": "a1", "outlet": "Nippon.com", "headline": "Japan ministers meet Blinken",
         "text": "Tōkyō café — naïve", "word_count": 3,
         "credits": [{"name": "Jane Doe", "role": "reporting", "place": "Tokyo"}],
         "metadata": {"section": "politics", "date_note": ""}, "offset_map": [[0, 0, 5]],
         "published_date": "2021-03-04"},
        {"article_id": "a2", "outlet": "Japan Today", "headline": "=HYPERLINK(\"http://x\")",
         "text": LONG, "word_count": 1, "credits": [], "metadata": {}},
    ], "articles")
    sentences = schema.coerce([
        {"article_id": "a1", "sentence_id": 0, "paragraph_id": 0, "start_char": 0,
         "end_char": 5, "sentence_text": "Tōkyō"},
        {"article_id": "a2", "sentence_id": 0, "paragraph_id": 0, "start_char": 0,
         "end_char": 1, "sentence_text": "x"},
    ], "sentences")
    pairs = schema.coerce([
        {"story_id": "s1", "article_id_a": "a1", "article_id_b": "a2", "relation": "copy",
         "similarity": 0.9, "added_text": "one", "cut_text": None},
    ], "story_pairs")
    claims = schema.coerce([
        {"claim_id": "c1", "story_id": "s1", "article_id": "a2", "outlet": "Japan Today",
         "sentence_id": 0, "start_char": 0, "end_char": 1, "fact_id": "s1:c001", "kind": "count",
         "value_text": "three", "value_low": 3.0, "value_high": 3.0, "is_background": False,
         "attributed_to": "officials"},
    ], "claims")
    return {"articles": articles, "sentences": sentences, "story_pairs": pairs,
            "claims": claims}


@pytest.fixture(scope="module")
def csv_export(tables, tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "csv"
    return export_tables(tables, out, format="csv", bom=True)


def test_csv_nested_cells_are_json(csv_export, tables):
    articles = pd.read_csv(csv_export["articles"], encoding="utf-8-sig", keep_default_na=False)
    credits = json.loads(articles.loc[0, "credits"])
    assert credits == [{"name": "Jane Doe", "role": "reporting", "place": "Tokyo"}]
    assert json.loads(articles.loc[0, "metadata"])["section"] == "politics"
    assert json.loads(articles.loc[1, "credits"]) == []
    assert json.loads(articles.loc[0, "offset_map"]) == [[0, 0, 5]]
    assert tables["articles"].loc[0, "credits"][0]["name"] == "Jane Doe"  # input unchanged


def test_csv_bom_for_excel(csv_export, tables, tmp_path):
    data = csv_export["articles"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Tōkyō café".encode() in data
    plain = export_tables({"sentences": tables["sentences"]}, tmp_path, format="csv")
    assert not plain["sentences"].read_bytes().startswith(b"\xef\xbb\xbf")


def test_every_table_carries_outlet_and_headline(csv_export, tables):
    sentences = pd.read_csv(csv_export["sentences"], encoding="utf-8-sig")
    assert list(sentences.columns[:3]) == ["article_id", "outlet", "headline"]
    assert sentences.set_index("article_id").loc["a1", "outlet"] == "Nippon.com"
    assert sentences.set_index("article_id").loc["a1", "headline"] == \
        "Japan ministers meet Blinken"
    pairs = pd.read_csv(csv_export["story_pairs"], encoding="utf-8-sig")
    assert {"outlet_a", "headline_a", "outlet_b", "headline_b"} <= set(pairs.columns)
    assert pairs.loc[0, "outlet_b"] == "Japan Today"
    claims = pd.read_csv(csv_export["claims"], encoding="utf-8-sig")
    assert list(claims.columns).count("outlet") == 1 and "headline" in claims.columns
    assert claims.loc[0, "headline"] == "'=HYPERLINK(\"http://x\")"  # Excel CSV: no formula
    assert list(tables["sentences"].columns) == schema.TABLES["sentences"]  # in memory: as was


def test_datapackage_describes_every_column(csv_export):
    package = json.loads(csv_export["datapackage"].read_text())
    assert csv_export["datapackage"].parent == csv_export["articles"].parent
    assert package["profile"] == "tabular-data-package"
    by_name = {r["title"]: r for r in package["resources"]}
    assert set(by_name) == {"articles", "sentences", "story_pairs", "claims"}
    for table, resource in by_name.items():
        path = csv_export["datapackage"].parent / resource["path"]
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(header)
        assert all(f["description"] and f["type"] for f in fields), table
    fields = {f["name"]: f for f in by_name["sentences"]["schema"]["fields"]}
    assert fields["start_char"]["unit"] == "chars" and fields["start_char"]["type"] == "integer"
    assert fields["sentence_text"]["description"] == schema.FIELDS["sentence_text"].description
    assert "joined from articles" in fields["outlet"]["description"]
    articles = {f["name"]: f for f in by_name["articles"]["schema"]["fields"]}
    assert articles["credits"]["type"] == "array" and articles["metadata"]["type"] == "object"
    assert articles["published_date"]["type"] == "datetime"
    assert by_name["articles"]["encoding"] == "utf-8-sig"


def test_xlsx_one_sheet_per_table_long_cells_cut(tables, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    written = export_tables(tables, tmp_path, format="xlsx")
    book = openpyxl.load_workbook(written["articles"])
    assert book.sheetnames == ["articles", "sentences", "story_pairs", "claims"]
    sheet = book["articles"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert json.loads(rows["a1"]["credits"])[0]["name"] == "Jane Doe"
    assert rows["a1"]["text"] == "Tōkyō café — naïve"
    assert len(rows["a2"]["text"]) <= 32_767 and "cut: 40,000 characters" in rows["a2"]["text"]
    assert rows["a2"]["headline"] == '=HYPERLINK("http://x")'  # text, never a formula
    assert sheet.cell(row=3, column=header.index("headline") + 1).data_type == "s"
    package = json.loads(written["datapackage"].read_text())
    assert {r["path"] for r in package["resources"]} == {"tables.xlsx"}
    sentences = [c.value for c in book["sentences"][1]]
    assert sentences[:3] == ["article_id", "outlet", "headline"]


def test_xlsx_without_openpyxl_says_what_to_install(tables, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"\.\[excel\]"):
        export_tables(tables, tmp_path / "x", format="xlsx")
    assert not (tmp_path / "x").exists()


def test_parquet_keeps_the_stored_schema_and_names_the_articles(tables, tmp_path):
    written = export_tables(tables, tmp_path, format="parquet")
    back = pd.read_parquet(written["sentences"])
    cols = schema.TABLES["sentences"]
    assert list(back.columns) == [cols[0], "outlet", "headline", *cols[1:]]
    assert back.set_index("article_id").loc["a1", "outlet"] == "Nippon.com"
    assert back.dtypes["sentence_id"] == tables["sentences"].dtypes["sentence_id"]
    pairs = pd.read_parquet(written["story_pairs"])
    assert pairs.loc[0, "outlet_b"] == "Japan Today"
    package = json.loads(written["datapackage"].read_text())
    assert {r["path"] for r in package["resources"]} == {
        "articles.parquet", "sentences.parquet", "story_pairs.parquet", "claims.parquet"}


def test_unknown_table_format_rejected(tables, tmp_path):
    with pytest.raises(ValueError, match="ods"):
        export_tables(tables, tmp_path, format="ods")


def test_save_charts_writes_each_format_with_its_caption_and_reports_it(tmp_path):
    """The notebooks' export step: several charts in one call, each file with its provenance."""
    from workbench.export import save_charts

    table = save_charts({"share": charts.anonymous_share_chart(FRAME),
                         "wire": charts.wire_copy_share_chart(
                             FRAME.rename(columns={"anonymous_share": "wire_copy_share"}))},
                        tmp_path / "out", formats=("png", "svg"), corpus="f" * 64)
    assert list(table.columns) == ["chart", "format", "path", "seconds", "width", "height"]
    assert table[["chart", "format"]].values.tolist() == [
        ["share", "png"], ["share", "svg"], ["wire", "png"], ["wire", "svg"]]
    assert (table["seconds"] > 0).all()
    png = table.set_index(["chart", "format"]).loc[("share", "png")]
    svg = table.set_index(["chart", "format"]).loc[("share", "svg")]
    assert _png_size((tmp_path / "out" / "share.png").read_bytes()) == (png["width"], png["height"])
    assert abs(png["width"] - 2 * svg["width"]) <= 2  # PNG drawn at scale 2
    text = (tmp_path / "out" / "share.svg").read_text()
    assert "workbench-provenance" in text and "corpus ffffffffffff" in text  # caption kept
