"""Charts: Vega-Lite-valid specs with the documented encodings, from hand-built tidy frames."""

import json

import altair as alt
import jsonschema
import pandas as pd
import pytest

from workbench import charts


@pytest.fixture(scope="module")
def vl_schema():
    schema = alt.vegalite.v6.schema.core.load_schema()
    return jsonschema.validators.validator_for(schema)(schema)


SOURCING = pd.DataFrame({
    "outlet": ["A", "A", "B"], "source_kind": ["anonymous", "named_person", "anonymous"],
    "distinct_source_count": pd.array([3, 1, 2], dtype="Int64"),
})
SHARES = pd.DataFrame({"outlet": ["A", "B"], "anonymous_share": [0.75, 1.0]})
DATES = pd.DataFrame({
    "outlet": ["A", "B", "B"], "timex_text": ["March 17", "from March 15", "this month"],
    "start_date": pd.to_datetime(["2021-03-17", "2021-03-15", "2021-03-01"]),
    "end_date": pd.to_datetime(["2021-03-17", None, "2021-03-31"]),
})
TIMELINE = pd.DataFrame({
    "subject": ["sources", "sources"], "outlet": ["A", "B"],
    "published_date": pd.to_datetime(["2021-03-04", "2021-03-05"]),
    "value_numeric": [3.0, 2.0], "value_text": ["three", "two"],
})
COVERAGE = pd.DataFrame({
    "fact_id": ["f1", "f1", "f2", "f2"], "fact_text": ["x", "x", "y", "y"],
    "outlet": ["A", "B", "A", "B"], "is_covered": pd.array([True, False, True, True], dtype="boolean"),
})
DISCREPANCIES = pd.DataFrame({
    "subject": ["number of sources"] * 2, "kind": ["count"] * 2, "outlet": ["A", "B"],
    "value_text": ["three", "two"],
})
KINDS = pd.DataFrame({"story_id": ["s1", "s1", "s2"], "kind": ["count", "date", "date"],
                      "relation": ["update", "contradiction", "omission"]})
WIRE = pd.DataFrame({"outlet": ["A", "B"], "wire_copy_share": [0.8, 0.36]})

CASES = [
    (charts.sourcing_chart, SOURCING),
    (charts.anonymous_share_chart, SHARES),
    (charts.date_intervals_chart, DATES),
    (charts.timeline_chart, TIMELINE),
    (charts.running_figure_chart, TIMELINE),
    (charts.coverage_chart, COVERAGE),
    (charts.discrepancy_chart, DISCREPANCIES),
    (charts.discrepancy_kinds_chart, KINDS),
    (charts.wire_copy_share_chart, WIRE),
]


def _encodings(spec):
    """Every encoding dict of a (possibly layered) spec."""
    layers = spec.get("layer", [spec])
    return [lay.get("encoding", {}) for lay in layers] + [spec.get("encoding", {})]


def _field(enc, channel):
    return enc[channel]["field"], enc[channel]["type"]


@pytest.mark.parametrize(("build", "frame"), CASES, ids=lambda x: getattr(x, "__name__", ""))
def test_spec_validates_against_vega_lite_schema(build, frame, vl_schema):
    spec = build(frame).to_dict()
    vl_schema.validate(spec)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v")
    assert spec["title"]
    # the inlined data is the frame's rows, with dates as ISO strings
    data = next(iter(spec["datasets"].values()))
    assert len(data) == len(frame)
    json.dumps(spec)


def test_schema_check_can_fail(vl_schema):
    spec = charts.sourcing_chart(SOURCING).to_dict()
    spec["encoding"]["x"]["type"] = "not-a-type"
    with pytest.raises(jsonschema.ValidationError):
        vl_schema.validate(spec)


@pytest.mark.parametrize(("build", "frame"), CASES, ids=lambda x: getattr(x, "__name__", ""))
def test_empty_frame_gives_a_valid_chart_saying_so(build, frame, vl_schema):
    spec = build(frame.iloc[:0]).to_dict()
    vl_schema.validate(spec)
    assert spec["title"]["subtitle"] == "no data for this selection"


@pytest.mark.parametrize(("build", "frame"), CASES, ids=lambda x: getattr(x, "__name__", ""))
def test_missing_column_is_named(build, frame):
    with pytest.raises(ValueError, match=frame.columns[-1]):
        build(frame.drop(columns=frame.columns[-1]))


def test_sourcing_encodings():
    enc = charts.sourcing_chart(SOURCING).to_dict()["encoding"]
    assert _field(enc, "y") == ("outlet", "nominal")
    assert enc["x"]["aggregate"] == "sum"
    assert _field(enc, "x") == ("distinct_source_count", "quantitative")
    assert _field(enc, "color") == ("source_kind", "nominal")
    assert {t["field"] for t in enc["tooltip"]} == {"outlet", "source_kind", "distinct_source_count"}


def test_share_axis_is_zero_to_one_percent():
    enc = charts.anonymous_share_chart(SHARES).to_dict()["encoding"]
    assert _field(enc, "x") == ("anonymous_share", "quantitative") and enc["x"]["aggregate"] == "mean"
    assert enc["x"]["scale"]["domain"] == [0, 1]
    assert enc["x"]["axis"]["format"] == "%"


def test_date_intervals_draw_inclusive_days_and_open_starts():
    spec = charts.date_intervals_chart(DATES).to_dict()
    bars, points = spec["layer"]
    assert bars["mark"]["type"] == "bar" and points["mark"]["type"] == "point"
    assert _field(bars["encoding"], "x") == ("start_date", "temporal")
    assert bars["encoding"]["x2"]["field"] == "end_next"
    calc = [t for t in bars["transform"] if t.get("as") == "end_next"][0]
    assert "timeOffset" in calc["calculate"] and "end_date" in calc["calculate"]
    assert _field(points["encoding"], "y") == ("outlet", "nominal")
    assert _field(points["encoding"], "color") == ("timex_text", "nominal")
    with_subject = charts.date_intervals_chart(DATES.assign(subject="visit")).to_dict()
    assert _field(with_subject["layer"][1]["encoding"], "color") == ("subject", "nominal")


def test_timeline_encodings():
    spec = charts.timeline_chart(TIMELINE).to_dict()
    enc = spec["encoding"]
    assert "isValid(datum.value_numeric)" in spec["transform"][0]["filter"]
    assert _field(enc, "x") == ("published_date", "temporal")
    assert _field(enc, "y") == ("value_numeric", "quantitative")
    assert _field(enc, "color") == ("subject", "nominal")
    dated = TIMELINE.assign(value_date=pd.to_datetime(["2021-03-17", "2021-03-15"]))
    enc = charts.timeline_chart(dated, value="value_date").to_dict()["encoding"]
    assert _field(enc, "y") == ("value_date", "temporal")
    with pytest.raises(ValueError):
        charts.timeline_chart(TIMELINE, value="subject")


def test_discrepancy_kinds_counts_top_disagreements_by_relation():
    enc = charts.discrepancy_kinds_chart(KINDS).to_dict()["encoding"]
    assert enc["x"]["aggregate"] == "count" and enc["x"]["type"] == "quantitative"
    assert _field(enc, "y") == ("kind", "nominal")
    assert _field(enc, "color") == ("relation", "nominal")


def _six_outlets(n_facts=20):
    outlets = [f"Outlet number {i} with a long name" for i in range(6)]
    return pd.DataFrame([
        {"fact_id": f"f{f:02d}", "subject": f"fact {f}", "kind": "count",
         "relation": "contradiction" if f % 2 else "omission", "salience": f / n_facts,
         "outlet": o, "value_text": str(f + i)}
        for f in range(n_facts) for i, o in enumerate(outlets)
    ]), outlets


def test_discrepancy_heatmap_shows_every_outlet_and_the_top_facts(vl_schema):
    frame, outlets = _six_outlets()
    spec = charts.discrepancy_chart(frame, max_facts=5).to_dict()
    vl_schema.validate(spec)
    rows = next(iter(spec["datasets"].values()))
    assert sorted({r["outlet"] for r in rows}) == sorted(outlets)  # all 6 columns
    assert sorted({r["subject"] for r in rows}) == [f"fact {f}" for f in range(15, 20)]
    assert spec["width"] == {"step": 150}  # one fixed-width column per outlet: width grows
    enc = spec["layer"][0]["encoding"]
    assert "domain" not in enc["x"].get("scale", {})
    assert enc["x"]["axis"]["labelLimit"] >= 140
    assert enc["y"]["sort"] == {"field": "salience", "op": "max", "order": "descending"}
    assert _field(enc, "color") == ("relation", "nominal")
    assert {t["field"] for t in enc["tooltip"]} >= {"relation", "salience", "outlet", "value_text"}
    everything = next(iter(charts.discrepancy_chart(frame, max_facts=None).to_dict()[
        "datasets"].values()))
    assert len(everything) == len(frame)


def test_coverage_heatmap_keeps_mixed_facts_first_and_every_outlet():
    frame, outlets = _six_outlets(10)
    cov = frame.assign(fact_text=frame["subject"], is_covered=frame["relation"] != "omission")
    cov.loc[cov["fact_id"] == "f00", "is_covered"] = [True, False] * 3
    spec = charts.coverage_chart(cov, max_facts=1).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {r["fact_id"] for r in rows} == {"f00"}
    assert sorted({r["outlet"] for r in rows}) == sorted(outlets)


def test_running_figures_one_panel_per_fact_coloured_by_outlet(vl_schema):
    timeline = pd.concat([TIMELINE, TIMELINE.assign(
        published_date=pd.to_datetime(["2021-03-06", "2021-03-07"]), value_numeric=[5.0, None],
        value_text=["five", None])])
    spec = charts.running_figure_chart(timeline).to_dict()
    vl_schema.validate(spec)
    assert spec["facet"]["row"]["field"] == "subject"
    assert spec["resolve"]["scale"]["y"] == "independent"
    line, text = spec["spec"]["layer"]
    enc = line["encoding"]
    assert line["mark"]["type"] == "line" and text["encoding"]["text"]["field"] == "value_text"
    assert _field(enc, "x") == ("published_date", "temporal")
    assert _field(enc, "y") == ("value_numeric", "quantitative")
    assert _field(enc, "color") == ("outlet", "nominal")
    assert {t["field"] for t in enc["tooltip"]} == {"subject", "outlet", "published_date",
                                                     "value_text", "value_numeric"}
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 3  # the row without a value is not drawn
    dated = TIMELINE.assign(value_date=pd.to_datetime(["2021-03-17", "2021-03-15"]))
    enc = charts.running_figure_chart(dated, value="value_date").to_dict()["spec"]["layer"][0][
        "encoding"]
    assert _field(enc, "y") == ("value_date", "temporal")
    with pytest.raises(ValueError):
        charts.running_figure_chart(TIMELINE, value="subject")


def test_wire_copy_share_encodings():
    enc = charts.wire_copy_share_chart(WIRE).to_dict()["encoding"]
    assert _field(enc, "x") == ("wire_copy_share", "quantitative")
    assert enc["x"]["scale"]["domain"] == [0, 1]


def test_coverage_matrix_colours_reported_cells():
    enc = charts.coverage_chart(COVERAGE).to_dict()["encoding"]
    assert _field(enc, "x") == ("outlet", "nominal")
    assert _field(enc, "y") == ("fact_text", "nominal")
    assert enc["y"]["sort"] == {"field": "fact_id"}
    assert enc["color"]["scale"]["domain"] == [True, False]


def test_discrepancy_cells_are_labelled_with_values():
    omission = pd.DataFrame({"subject": ["x"], "kind": ["place"], "outlet": ["C"],
                             "value_text": pd.Series([None], dtype=DISCREPANCIES.value_text.dtype)})
    spec = charts.discrepancy_chart(pd.concat([DISCREPANCIES, omission])).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["value_text"] for r in rows] == ["three", "two", charts.NOT_REPORTED]
    text_layer = [lay for lay in spec["layer"] if lay["mark"]["type"] == "text"][0]
    assert text_layer["encoding"]["text"]["field"] == "value_label"  # value_text, cut to fit
    assert "datum.value_text" in text_layer["transform"][0]["calculate"]
    assert _field(text_layer["encoding"], "y") == ("subject", "nominal")


def test_theme_is_registered_once_and_applied():
    assert charts.use_theme() == charts.THEME
    assert charts.use_theme() == charts.THEME
    assert alt.theme.active == charts.THEME
    spec = charts.sourcing_chart(SOURCING).to_dict()
    assert spec["config"]["range"]["category"][0] == "#1f5a96"


def test_share_counts_each_article_once():
    per_kind = pd.DataFrame({
        "story_id": ["s"] * 4, "article_id": ["a1", "a1", "a1", "a2"], "outlet": ["A"] * 4,
        "anonymous_share": [0.0, 0.0, 0.0, 1.0],
    })
    spec = charts.anonymous_share_chart(per_kind).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert sorted(r["anonymous_share"] for r in rows) == [0.0, 1.0]  # mean 0.5, not 0.25


def test_importing_the_package_changes_no_altair_state():
    import subprocess
    import sys

    code = ("import altair as alt; import workbench, workbench.charts, workbench.widgets, "
            "workbench.export, workbench.report; print(alt.theme.active, alt.renderers.active)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["default", "default"]


@pytest.fixture()
def notebook_renderer(monkeypatch):
    monkeypatch.delenv("WORKBENCH_REPORT_DIR", raising=False)
    active = alt.renderers.active
    yield charts.enable_offline_rendering()
    alt.renderers.enable(active)


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def test_offline_rendering_shows_a_live_widget_with_static_images(notebook_renderer):
    """A displayed chart is the offline widget plus SVG and PNG a saved notebook shows."""
    import base64
    import struct
    import xml.etree.ElementTree as ET

    assert notebook_renderer == charts.RENDERER == alt.renderers.active
    assert alt.JupyterChart._is_offline  # Vega inlined in the widget, never fetched
    assert alt.theme.active == charts.THEME
    data, metadata = charts.discrepancy_chart(DISCREPANCIES)._repr_mimebundle_()
    assert data[WIDGET_MIME]["model_id"]  # live in JupyterLab and Voila
    svg = ET.fromstring(data["image/svg+xml"])
    assert svg.tag.endswith("svg")
    assert "three" in data["image/svg+xml"] and "two" in data["image/svg+xml"]  # the cells
    png = base64.b64decode(data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    # drawn at twice the size, shown at the chart's size
    assert (width, height) == (round(2 * metadata["image/png"]["width"]),
                               round(2 * metadata["image/png"]["height"]))
    assert float(svg.get("width")) == metadata["image/png"]["width"]
    assert data["text/plain"].startswith('rect and text chart "Discrepancies')


def test_saved_notebook_shows_the_chart_without_a_kernel(notebook_renderer):
    """nbconvert (nbviewer, GitHub-like static views) falls back from the widget to the SVG."""
    import nbformat
    from nbconvert import HTMLExporter

    data, metadata = charts.anonymous_share_chart(SHARES)._repr_mimebundle_()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("charts.anonymous_share_chart(SHARES)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
    nb.cells = [cell]
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(
        nbformat.reads(nbformat.writes(nb), as_version=4))  # as saved: no widget state
    import base64
    import re

    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', body)
    assert len(images) == 1
    assert "Anonymous sources" in base64.b64decode(images[0]).decode("utf-8")
    assert "model not found" not in body


def test_dashboard_snapshot_draws_its_charts_without_a_report(notebook_renderer):
    from workbench import widgets

    board = widgets.Dashboard([alt.JupyterChart(charts.anonymous_share_chart(SHARES))])
    snapshot = board._repr_mimebundle_()["text/html"]
    assert snapshot.startswith('<img alt="bar chart &quot;Anonymous sources')
    import base64

    svg = base64.b64decode(snapshot.split("data:image/svg+xml;base64,", 1)[1].split('"')[0])
    assert svg.decode("utf-8").lstrip().startswith("<svg") and b"Anonymous sources" in svg


@pytest.mark.parametrize(("build", "frame"), CASES, ids=lambda x: getattr(x, "__name__", ""))
def test_specs_are_strict_json_with_gaps(build, frame):
    gappy = frame.copy()
    for col in gappy.columns[1:]:
        gappy.loc[gappy.index[-1], col] = None
    spec = build(gappy).to_dict()
    text = json.dumps(spec, allow_nan=False)  # a live widget needs strict JSON
    assert "NaN" not in text


def test_only_drawn_columns_reach_the_page():
    extra = DISCREPANCIES.assign(evidence_text="long sentence", start_char=pd.array([1, None], dtype="Int64"))
    rows = next(iter(charts.discrepancy_chart(extra).to_dict()["datasets"].values()))
    assert set(rows[0]) == {"subject", "kind", "outlet", "value_text"}


def test_charts_of_the_sample_corpus_are_strict_json(sample_corpus):
    c = sample_corpus
    for chart in (charts.discrepancy_chart(c.discrepancies), charts.coverage_chart(c.coverage),
                  charts.date_intervals_chart(c.story_dates), charts.sourcing_chart(c.sourcing),
                  charts.timeline_chart(c.story_timeline),
                  charts.running_figure_chart(c.story_timeline),
                  charts.running_figure_chart(c.story_timeline, value="value_date"),
                  charts.discrepancy_kinds_chart(c.discrepancy_summary),
                  charts.anonymous_share_chart(c.outlet_summary)):
        spec = chart.to_dict()
        json.dumps(spec, allow_nan=False)
        assert next(iter(spec["datasets"].values())), spec["title"]


def test_large_charts_are_capped_and_say_so(vl_schema):
    """A story with many dates or facts draws the top ones, and the subtitle says how many."""
    many_dates = pd.DataFrame({
        "outlet": [f"O{i % 5}" for i in range(100)],
        "subject": [f"event {i}" for i in range(100)], "timex_text": ["March 1"] * 100,
        "start_date": pd.to_datetime(["2021-03-01"] * 100),
        "end_date": pd.to_datetime(["2021-03-01"] * 100),
    })
    many_dates = pd.concat([many_dates, many_dates.head(3).assign(outlet="O9")])  # given twice
    spec = charts.date_intervals_chart(many_dates).to_dict()
    vl_schema.validate(spec)
    rows = next(iter(spec["datasets"].values()))
    assert len({r["subject"] for r in rows}) == 12
    assert {"event 0", "event 1", "event 2"} <= {r["subject"] for r in rows}  # most given first
    assert spec["title"]["subtitle"] == "the 12 dates the most articles give of 100"
    assert len(next(iter(charts.date_intervals_chart(many_dates, max_dates=None).to_dict()[
        "datasets"].values()))) == len(many_dates)

    timeline = pd.DataFrame({
        "subject": [f"fact {i // 2}" for i in range(60)], "outlet": ["A", "B"] * 30,
        "published_date": pd.to_datetime(["2021-03-04", "2021-03-05"] * 30),
        "value_numeric": [float(i) for i in range(60)], "value_text": [str(i) for i in range(60)],
    })
    spec = charts.running_figure_chart(timeline, max_facts=4).to_dict()
    assert len({r["subject"] for r in next(iter(spec["datasets"].values()))}) == 4
    assert spec["title"]["subtitle"] == "the 4 facts with the most values of 30"

    frame, _ = _six_outlets()
    spec = charts.discrepancy_chart(frame, max_facts=5).to_dict()
    assert spec["title"]["subtitle"] == "the 5 most salient facts of 20"
    assert charts.discrepancy_chart(frame, max_facts=None).to_dict()["title"] == \
        "Discrepancies: the value each outlet gives"  # nothing left out, nothing said


def test_long_labels_are_cut_by_characters():
    """Vega's pixel limits measure each label repeatedly; long labels are cut by an expression."""
    cov = COVERAGE.assign(fact_text="a sentence-long fact " * 10)
    y_axis = charts.coverage_chart(cov).to_dict()["encoding"]["y"]["axis"]
    assert "substring(datum.label" in y_axis["labelExpr"]
    layers = charts.discrepancy_chart(DISCREPANCIES).to_dict()["layer"]
    assert all("substring(datum.label" in lay["encoding"]["y"]["axis"]["labelExpr"]
               for lay in layers)
    assert not any("limit" in lay["mark"] for lay in layers if lay["mark"]["type"] == "text")


def test_an_outlets_repeated_value_is_drawn_once():
    twice = pd.concat([DISCREPANCIES, DISCREPANCIES.iloc[[0]]])  # A's second article: "three"
    other = DISCREPANCIES.iloc[[0]].assign(value_text="four")  # a third says something else
    rows = next(iter(charts.discrepancy_chart(pd.concat([twice, other])).to_dict()[
        "datasets"].values()))
    assert sorted((r["outlet"], r["value_text"]) for r in rows) == [
        ("A", "four"), ("A", "three"), ("B", "two")]
