"""Export: real PNG, SVG, PDF and self-contained HTML files written by vl-convert."""

import struct
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from workbench import charts
from workbench.export import save_chart

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
