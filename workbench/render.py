"""The ``workbench-report`` Altair renderer: every displayed chart exported as PNG and SVG.

:func:`workbench.charts.enable_offline_rendering` enables it when a report folder is given (or
``WORKBENCH_REPORT_DIR`` is set, as :mod:`workbench.report` does for each notebook it runs):
every chart a notebook displays is exported to ``<out>/<notebook>-<nn>-<title>.png|svg`` and
shown in the notebook as static SVG, with an ``alt`` text that says what the chart shows
(:func:`chart_alt_text`).
"""

from __future__ import annotations

import base64
import html
import os
import re
from pathlib import Path

import altair as alt

__all__ = ["RENDERER", "chart_alt_text", "enable_report_renderer", "export_chart"]

RENDERER = "workbench-report"
_state = {"dir": None, "count": 0}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "chart"


def _text(value) -> str:
    """The text of a Vega-Lite title (a string, lines, or ``{"text": ...}``), one line."""
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return " ".join(str(value).split()) if value else ""


def _title(spec: dict) -> str:
    return _text(spec.get("title")) or "chart"


def _marks(spec: dict) -> list[str]:
    mark = spec.get("mark")
    if mark is not None:
        return [mark.get("type", "") if isinstance(mark, dict) else str(mark)]
    out: list[str] = []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key) or []:
            out += _marks(part)
    if "spec" in spec:
        out += _marks(spec["spec"])
    return out


def _channels(spec: dict) -> list[str]:
    out: list[str] = []
    for part in [spec, *(spec.get("layer") or []), *([spec["spec"]] if "spec" in spec else [])]:
        encoding = part.get("encoding") or {}
        tips = encoding.get("tooltip") or []
        for channel in ("x", "y", "color", "shape", "row", "column", "facet"):
            enc = encoding.get(channel)
            if isinstance(enc, dict):
                # an axis shown without a title ('title': None) is named by its tooltip
                tip = next((_text(t.get("title")) for t in tips if isinstance(t, dict)
                            and t.get("field") == enc.get("field") and t.get("title")), "")
                name = _text(enc.get("title")) or tip or _text(enc.get("field")).replace("_", " ")
                item = f"{channel} {name}" if name else ""
                if item and item not in out:
                    out.append(item)
    return out


def chart_alt_text(spec: dict) -> str:
    """Describe a chart for screen readers: kind, title, subtitle and what each axis shows.

    Args:
        spec: A Vega-Lite spec (``chart.to_dict()``).

    Returns:
        Plain text, e.g. ``bar chart "Anonymous sources: share of each outlet's sources";
        x Anonymous share, y Outlet``; not escaped (the caller escapes it for HTML).
    """
    title = spec.get("title")
    subtitle = _text(title.get("subtitle")) if isinstance(title, dict) else ""
    marks = [m for m in dict.fromkeys(_marks(spec)) if m]
    kind = (" and ".join(marks) + " chart") if marks else "chart"
    parts = [f'{kind} "{_text(title) or "untitled"}"' + (f" ({subtitle})" if subtitle else "")]
    channels = _channels(spec)
    if channels:
        parts.append(", ".join(channels))
    return "; ".join(parts)


def export_chart(spec: dict) -> dict:
    """Export one chart spec to the report folder (PNG and SVG); return an SVG mimebundle.

    Args:
        spec: A Vega-Lite spec (``chart.to_dict()``).

    Returns:
        ``{"image/svg+xml": svg, "text/html": img}``, for display in the executed notebook:
        the HTML is the same SVG as an image with :func:`chart_alt_text` as its ``alt``.
    """
    from workbench.export import save_chart

    out = Path(_state["dir"] or os.environ.get("WORKBENCH_REPORT_DIR") or "reports")
    prefix = os.environ.get("WORKBENCH_REPORT_PREFIX", "notebook")
    _state["count"] += 1
    stem = out / f"{prefix}-{_state['count']:02d}-{_slug(_title(spec))}"
    written = save_chart(spec, stem, formats=("png", "svg"), scale=2)
    svg = written["svg"].read_text(encoding="utf-8")
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    img = (f'<img alt="{html.escape(chart_alt_text(spec), quote=True)}" '
           f'src="data:image/svg+xml;base64,{data}">')
    return {"image/svg+xml": svg, "text/html": img}


def _renderer(spec: dict, **_) -> dict:
    return export_chart(spec)


def enable_report_renderer(report_dir: str | os.PathLike) -> str:
    """Enable the renderer that exports every displayed chart to ``report_dir``.

    Returns:
        The renderer name.
    """
    _state["dir"] = str(report_dir)
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _renderer)
    alt.renderers.enable(RENDERER)
    return RENDERER
