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


# --- parameters (#20 item 11): make report CORPUS=... MANIFEST=... ---------------------------
def _notebook(source: str, *, tagged: bool = True):
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]} if tagged else {})
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), params,
                nbformat.v4.new_code_cell("print(CORPUS_PATH)")]
    return nb


def test_parameters_are_injected_after_the_tagged_cell():
    nb = _notebook('# Parameters\nCORPUS_PATH = None  # comment\nTOP_N: int = 5\nMANIFEST = None')
    assert report.parameter_names(nb) == ["CORPUS_PATH", "TOP_N", "MANIFEST"]
    set_ = report.inject_parameters(nb, {"CORPUS_PATH": "/data/my corpus", "TOP_N": 8,
                                         "OTHER": 1})
    assert set_ == ["CORPUS_PATH", "TOP_N"]  # OTHER: a name this notebook does not take
    injected = nb.cells[2]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert "CORPUS_PATH = '/data/my corpus'\nTOP_N = 8" in injected.source
    assert "print(CORPUS_PATH)" in nb.cells[3].source  # the rest follows, unchanged
    report.inject_parameters(nb, {"TOP_N": 3})  # run again: replaced, not stacked
    assert [c.metadata.get("tags") for c in nb.cells].count(["injected-parameters"]) == 1
    assert nb.cells[2].source.endswith("TOP_N = 3")
    untagged = _notebook("CORPUS_PATH = None", tagged=False)
    assert report.inject_parameters(untagged, {"CORPUS_PATH": "x"}) == []


def test_report_command_line_rejects_unknown_parameters_and_missing_corpus(tmp_path, capsys):
    code = report.main(["--notebooks", str(ROOT / "notebooks"), "--out", str(tmp_path),
                        "-p", "CORPUS=x"])
    assert code == 2
    err = capsys.readouterr().err
    assert "['CORPUS']" in err and "CORPUS_PATH" in err
    assert report.main(["--notebooks", str(ROOT / "notebooks"), "--out", str(tmp_path),
                        "--corpus", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.html"))  # nothing ran


def test_make_report_passes_corpus_and_manifest(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("make"):
        pytest.skip("make not installed")
    out = subprocess.run(["make", "-n", "-o", ".venv/.installed", "report",
                          "CORPUS=my corpus", "MANIFEST=m.csv"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert '--corpus "my corpus"' in out and '--manifest "m.csv"' in out
    plain = subprocess.run(["make", "-n", "-o", ".venv/.installed", "report"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout
    assert "--corpus" not in plain and "--manifest" not in plain


@pytest.mark.slow
def test_report_runs_a_notebook_on_the_corpus_given(tmp_path):
    """The notebook loads the corpus passed on the command line, not the sample corpus."""
    from scale_articles import write_articles

    folder = write_articles(tmp_path / "my corpus", range(3))
    out = tmp_path / "out"
    assert report.main(["--notebooks", str(ROOT / "notebooks"), "--out", str(out),
                        "--pattern", "01-*.ipynb", "--corpus", str(folder)]) == 0
    html = (out / "01-load.html").read_text()
    assert "injected-parameters" in html or "Parameters injected by workbench.report" in html
    assert "officials respond to" in html  # the given articles were loaded
    assert "Blinken" not in html  # not the sample corpus
    index = pd.read_csv(out / "index.csv")
    assert index.loc[0, "status"] == "ok"
