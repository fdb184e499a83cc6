"""Export charts to files with vl-convert: PNG (scaled), SVG, PDF and standalone HTML.

Everything happens locally: vl-convert embeds Vega, so no browser and no network are needed,
and the HTML it writes inlines the Vega JavaScript instead of loading it from a CDN.

Chart data is article text, which is untrusted. vl-convert inlines the spec as JSON inside a
``<script>`` element without escaping, so a headline holding ``</script><img onerror=...>``
would close the element and run. :func:`save_chart` therefore hands vl-convert a spec whose
risky strings are replaced by placeholders, and writes the originals back into the page as
script-safe JSON (``<``, ``>``, ``&`` and the JavaScript line separators as ``uXXXX`` escapes).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import altair as alt
import vl_convert as vlc

__all__ = ["FORMATS", "chart_html", "chart_spec", "save_chart"]

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


#: Characters that may let a JSON string break out of an HTML ``<script>`` element.
_UNSAFE_IN_SCRIPT = ("<", ">", "&", "\u2028", "\u2029")


def _script_safe_json(value: str) -> str:
    """Return ``value`` as a JSON string literal that cannot end or confuse a ``<script>``."""
    out = json.dumps(value, ensure_ascii=False)
    for ch in _UNSAFE_IN_SCRIPT:
        out = out.replace(ch, f"\\u{ord(ch):04x}")
    return out


def _placeholder_spec(spec):
    """Replace every string (keys too) holding a risky character by a unique placeholder.

    Returns the new spec and ``{placeholder: original}``. The same string always gets the same
    placeholder, so field names used in encodings still match the data.
    """
    originals: dict[str, str] = {}
    tokens: dict[str, str] = {}

    def token(text: str) -> str:
        if not any(ch in text for ch in _UNSAFE_IN_SCRIPT):
            return text
        if text not in tokens:
            tokens[text] = f"__wb_safe_{len(tokens):06d}__"
            originals[tokens[text]] = text
        return tokens[text]

    def walk(node):
        if isinstance(node, str):
            return token(node)
        if isinstance(node, dict):
            return {token(k) if isinstance(k, str) else k: walk(v) for k, v in node.items()}
        if isinstance(node, list | tuple):
            return [walk(v) for v in node]
        return node

    return walk(spec), originals


def chart_html(chart: alt.TopLevelMixin | dict) -> str:
    """Return a standalone HTML page of the chart (Vega inlined, no network), safe for any text.

    Raises:
        RuntimeError: if vl-convert placed chart text anywhere but the inlined JSON spec (the
            page could then not be made safe, so none is returned).
    """
    spec, originals = _placeholder_spec(chart_spec(chart))
    page = vlc.vegalite_to_html(spec, vl_version=_vl_version(), bundle=True)
    for placeholder, text in originals.items():
        page = page.replace(f'"{placeholder}"', _script_safe_json(text))
        if placeholder in page:
            raise RuntimeError("vl-convert put chart text outside the JSON spec; not exported")
    return page


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
            out.write_text(chart_html(spec), encoding="utf-8")
        written[fmt] = out
    return written
