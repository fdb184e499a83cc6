"""make report: notebooks run headless, HTML written, every displayed chart exported."""

import struct
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest
from helpers import ROOT

from workbench import charts, report


@pytest.fixture()
def report_renderer(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_REPORT_PREFIX", "unit")
    active = alt.renderers.active
    yield report.enable_report_renderer(tmp_path)
    alt.renderers.enable(active)


def test_displayed_chart_is_exported_and_shown_as_svg(tmp_path, report_renderer):
    chart = charts.anonymous_share_chart(pd.DataFrame({"outlet": ["A"], "anonymous_share": [0.5]}))
    bundle = alt.renderers.get()(chart.to_dict())
    assert bundle["image/svg+xml"].lstrip().startswith("<svg")
    # the report page shows the same SVG as an image whose alt text says what it shows
    assert bundle["text/html"].startswith('<img alt="bar chart &quot;Anonymous sources: share')
    assert "x Anonymous share, y Outlet" in bundle["text/html"]
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["unit-01-anonymous-sources-share-of-each-outlet-s-sources.png",
                     "unit-01-anonymous-sources-share-of-each-outlet-s-sources.svg"]


@pytest.mark.slow
def test_report_runs_a_notebook_and_exports_its_charts(tmp_path):
    table = report.build_report(ROOT / "notebooks", tmp_path, pattern="03-*.ipynb")
    row = table.iloc[0]
    assert row["status"] == "ok", row["reason"]
    assert not row["stderr"], row["stderr"]
    html = (tmp_path / "03-sourcing.html").read_text()
    assert "Sourcing: whom each outlet cites" in html
    assert "cdnjs.cloudflare.com/ajax/libs/require" not in html and "mathjax/2.7.7" not in html
    # charts are static SVG in the page; the widget shows its static snapshot, not a live view
    assert html.count("data:image/svg+xml") >= 2
    assert "No description has been provided for this image" not in html  # every chart has alt text
    alts = [part[:200] for part in html.split("<img alt=")[1:]]
    assert len(alts) == html.count("<img ")
    assert any("Whom each outlet cites" in a for a in alts)
    assert any("Anonymous sources: share of each outlet" in a for a in alts)
    assert "application/vnd.jupyter.widget-view+json" not in html.split("</head>")[1]
    assert "wb-source" in html  # the source inspector's snapshot
    pngs = sorted(tmp_path.glob("03-sourcing-*.png"))
    svgs = sorted(tmp_path.glob("03-sourcing-*.svg"))
    assert row["chart_count"] == len(pngs) == len(svgs) >= 2
    for png in pngs:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert 200 < width < 4000 and 100 < height < 4000
    for svg in svgs:
        assert ET.fromstring(svg.read_text()).tag.endswith("svg")
    assert (tmp_path / "index.csv").exists()


def test_chart_alt_text_names_kind_title_and_axes():
    chart = alt.Chart(pd.DataFrame({"a": [1], "b": ["x"]})).mark_line().encode(
        x=alt.X("a:Q", title="Published"), y="b:N").properties(
        title=alt.Title("Timeline <b>", subtitle="two outlets"))
    layered = alt.layer(chart, chart.mark_point())
    assert report.chart_alt_text(chart.to_dict()) == \
        'line chart "Timeline <b>" (two outlets); x Published, y b'
    assert report.chart_alt_text(layered.to_dict()).startswith("line and point chart")
    # an axis drawn without a title is named by its tooltip, else by its field
    untitled = alt.Chart(pd.DataFrame({"fact_text": ["x"], "n": [1]})).mark_bar().encode(
        y=alt.Y("fact_text:N", title=None), x=alt.X("n_total:Q", title=None),
        tooltip=[alt.Tooltip("fact_text:N", title="Fact")])
    assert report.chart_alt_text(untitled.to_dict()) == 'bar chart "untitled"; x n total, y Fact'


def test_chart_alt_text_is_escaped_in_the_page(tmp_path, report_renderer):
    chart = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a:Q").properties(
        title='Outlet "X" <script>alert(1)</script>')
    img = alt.renderers.get()(chart.to_dict())["text/html"]
    alt_text = img.split('alt="', 1)[1].split('" src=', 1)[0]
    assert "<" not in alt_text and '"' not in alt_text
    assert "&lt;script&gt;" in alt_text and "&quot;X&quot;" in alt_text
