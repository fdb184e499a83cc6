"""Export charts to files with vl-convert: PNG (scaled), SVG, PDF and standalone HTML.

Everything happens locally: vl-convert embeds Vega, so no browser and no network are needed,
and the HTML it writes inlines the Vega JavaScript instead of loading it from a CDN.
"""

from __future__ import annotations

import os
from pathlib import Path

import altair as alt
import vl_convert as vlc

__all__ = ["FORMATS", "chart_spec", "save_chart"]

#: Formats :func:`save_chart` can write.
FORMATS = ("png", "svg", "pdf", "html")


def chart_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """Return the Vega-Lite spec of a chart (validated by Altair), data inlined."""
    if isinstance(chart, dict):
        return chart
    from workbench.charts import use_theme

    use_theme()
    return chart.to_dict()


def _vl_version() -> str:
    version = alt.SCHEMA_VERSION.lstrip("v")
    major_minor = ".".join(version.split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else None


def save_chart(
    chart: alt.TopLevelMixin | dict,
    path_stem: str | os.PathLike,
    *,
    formats: tuple[str, ...] = FORMATS,
    scale: float = 2.0,
) -> dict[str, Path]:
    """Write a chart to ``<path_stem>.<format>`` for each format.

    Args:
        chart: An Altair chart or a Vega-Lite spec dict.
        path_stem: Output path without extension; parent folders are created.
        formats: Any of ``png``, ``svg``, ``pdf``, ``html``.
        scale: Pixel scale of the PNG (2 = twice the chart's size, for print).

    Returns:
        ``{format: path written}``.

    Raises:
        ValueError: on an unknown format.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats {unknown}; choose from {FORMATS}")
    spec = chart_spec(chart)
    version = _vl_version()
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt in formats:
        out = stem.with_name(f"{stem.name}.{fmt}")
        if fmt == "png":
            out.write_bytes(vlc.vegalite_to_png(spec, vl_version=version, scale=scale))
        elif fmt == "svg":
            out.write_text(vlc.vegalite_to_svg(spec, vl_version=version), encoding="utf-8")
        elif fmt == "pdf":
            out.write_bytes(vlc.vegalite_to_pdf(spec, vl_version=version))
        else:
            out.write_text(
                vlc.vegalite_to_html(spec, vl_version=version, bundle=True), encoding="utf-8"
            )
        written[fmt] = out
    return written
