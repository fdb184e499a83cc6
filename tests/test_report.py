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
