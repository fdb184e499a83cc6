"""Export tables for researchers (CSV, XLSX, Parquet, with a Data Package) and charts to files.

Tables (:func:`export_tables`): CSV (list and dict cells as JSON, optionally UTF-8 with a BOM
so Excel reads the accents), XLSX (one sheet per table, cells over Excel's 32,767 characters
cut with a note), or Parquet (the stored schema, nested cells as JSON text); next to them a
Frictionless ``datapackage.json`` describing every column from :mod:`workbench.schema`. Every
exported table carries ``outlet`` and ``headline`` beside each article key, joined from
``articles`` (the in-memory tables are not changed; Parquet keeps the stored types).

Charts (:func:`save_chart`): PNG (scaled), SVG, PDF and standalone HTML, with vl-convert.
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
import logging
import os
import re
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from workbench import schema
from workbench.annotate import nlp
from workbench.parquet_io import write_parquet
from workbench.theme import use_theme

__all__ = [
    "EXCEL_CELL_LIMIT",
    "FORMATS",
    "TABLE_FORMATS",
    "chart_html",
    "chart_provenance",
    "chart_spec",
    "datapackage",
    "export_tables",
    "readable_table",
    "save_chart",
    "save_charts",
]

log = logging.getLogger(__name__)

#: Formats :func:`save_chart` can write.
FORMATS = ("png", "svg", "pdf", "html")


def chart_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """Return the Vega-Lite spec of a chart (validated by Altair), data inlined."""
    if isinstance(chart, dict):
        return chart
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


#: Top-level properties of a Vega-Lite spec that stay on top when a caption is added below.
_TOP_LEVEL = ("$schema", "config", "datasets", "background", "padding", "autosize", "usermeta")


def _data_sha256(spec: dict) -> str:
    """SHA-256 of the data a spec shows (inline values and named datasets)."""
    import hashlib

    data = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("values"), list):
                data.append(node["values"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk({k: v for k, v in spec.items() if k != "datasets"})
    blob = json.dumps([spec.get("datasets") or {}, data], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _model_name() -> str | None:
    """The spaCy model the annotate stage loads, for a provenance record (None: none installed)."""
    try:
        return nlp.model_name()
    except RuntimeError:
        return None


def chart_provenance(chart: alt.TopLevelMixin | dict, *, corpus=None) -> dict:
    """The provenance record of a chart saved as a file (:mod:`workbench.provenance`).

    Args:
        chart: The chart or its spec.
        corpus: A :class:`~workbench.Corpus`, its load report, a store, or a corpus fingerprint
            (str): the corpus the chart was made from. Without it the caption names the
            chart's data (its SHA-256) instead.
    """
    from workbench import provenance

    spec = chart_spec(chart)
    return provenance.provenance(
        what="chart", model_name=_model_name(),
        corpus_fingerprint=provenance.corpus_fingerprint(corpus),
        data_sha256=_data_sha256(spec))


def _with_caption(spec: dict, record: dict) -> dict:
    """The spec with a caption line under the chart and the provenance in ``usermeta``."""
    from workbench.provenance import caption

    text = caption(record)
    if not record.get("corpus_fingerprint"):
        text = text.replace("corpus unknown", f"data {record['data_sha256'][:12]}")
    top = {k: spec[k] for k in _TOP_LEVEL if k in spec}
    inner = {k: v for k, v in spec.items() if k not in _TOP_LEVEL}
    line = {"data": {"values": [{}]}, "height": 12, "view": {"stroke": None, "fill": None},
            "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": 10,
                     "color": "#555555"},
            "encoding": {"text": {"value": text}, "x": {"value": 0}, "y": {"value": 0}}}
    usermeta = {**(spec.get("usermeta") or {}), "workbench_provenance": record}
    return {**top, "vconcat": [inner, line], "usermeta": usermeta}


def _png_with_text(png: bytes, entries: dict[str, str]) -> bytes:
    """Add ``tEXt`` chunks (Latin-1 key and text) to a PNG, after its header chunk."""
    import struct
    import zlib

    chunks = b""
    for key, text in entries.items():
        body = key.encode("latin-1") + b"\0" + text.encode("latin-1", "replace")
        chunks += (struct.pack(">I", len(body)) + b"tEXt" + body
                   + struct.pack(">I", zlib.crc32(b"tEXt" + body) & 0xFFFFFFFF))
    end_of_header = 8 + 4 + 4 + 13 + 4  # signature, IHDR length, type, data, CRC
    return png[:end_of_header] + chunks + png[end_of_header:]


def _svg_with_metadata(svg: str, record: dict) -> str:
    """Add a ``<metadata>`` element holding the provenance as JSON (escaped) to an SVG."""
    from html import escape

    meta = f'<metadata id="workbench-provenance">{escape(json.dumps(record))}</metadata>'
    at = svg.find(">", svg.find("<svg")) + 1
    return svg[:at] + meta + svg[at:]


def save_chart(
    chart: alt.TopLevelMixin | dict,
    path_stem: str | os.PathLike,
    *,
    formats: tuple[str, ...] = FORMATS,
    scale: float = 2.0,
    corpus=None,
    provenance: dict | None = None,
) -> dict[str, Path]:
    """Write a chart to ``<path_stem>.<format>`` for each format, with its provenance.

    Every file carries a caption line under the chart (corpus fingerprint, the day it was
    made, the workbench version) and the provenance record as metadata: PNG ``tEXt`` chunks
    (``workbench:provenance``, JSON), an SVG ``<metadata>`` element, the spec's ``usermeta``
    (HTML, and the PDF's caption).

    Args:
        chart: An Altair chart or a Vega-Lite spec dict.
        path_stem: Output path without extension; parent folders are created.
        formats: Any of ``png``, ``svg``, ``pdf``, ``html``.
        scale: Pixel scale of the PNG (2 = twice the chart's size, for print).
        corpus: What the chart was made from, for the corpus fingerprint (a Corpus, its load
            report, a store, or a fingerprint string); see :func:`chart_provenance`.
        provenance: A ready provenance record (overrides ``corpus``).

    Returns:
        ``{format: path written}``.

    Raises:
        ValueError: on an unknown format.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats {unknown}; choose from {FORMATS}")
    record = provenance or chart_provenance(chart, corpus=corpus)
    spec = _with_caption(chart_spec(chart), record)
    version = _vl_version()
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt in formats:
        out = stem.with_name(f"{stem.name}.{fmt}")
        if fmt == "png":
            png = vlc.vegalite_to_png(spec, vl_version=version, scale=scale)
            out.write_bytes(_png_with_text(png, {
                "Description": spec["vconcat"][1]["encoding"]["text"]["value"],
                "workbench:provenance": json.dumps(record)}))
        elif fmt == "svg":
            svg = vlc.vegalite_to_svg(spec, vl_version=version)
            out.write_text(_svg_with_metadata(svg, record), encoding="utf-8")
        elif fmt == "pdf":
            out.write_bytes(vlc.vegalite_to_pdf(spec, vl_version=version))
        else:
            out.write_text(chart_html(spec), encoding="utf-8")
        written[fmt] = out
    return written


def save_charts(
    charts: dict[str, alt.TopLevelMixin | dict],
    folder: str | os.PathLike,
    *,
    formats: tuple[str, ...] = ("png", "svg"),
    scale: float = 2.0,
    corpus=None,
) -> pd.DataFrame:
    """Save several charts with :func:`save_chart` (a notebook's export step, in one call).

    Args:
        charts: ``{file stem: chart}``; each is written to ``<folder>/<stem>.<format>``.
        folder: Output folder; created when missing.
        formats: As :func:`save_chart`.
        scale: Pixel scale of the PNGs.
        corpus: What the charts were made from, for their caption line and metadata.

    Returns:
        One row per (chart, format): ``chart``, ``format``, ``path``, ``seconds`` (to draw
        and write it), ``width`` and ``height`` (pixels for PNG, points for SVG and PDF;
        empty for HTML).
    """
    import time

    rows = []
    for name, chart in charts.items():
        record = chart_provenance(chart, corpus=corpus)
        for fmt in formats:
            start = time.perf_counter()
            path = save_chart(chart, Path(folder) / name, formats=(fmt,), scale=scale,
                              provenance=record)[fmt]
            rows.append({"chart": name, "format": fmt, "path": str(path),
                         "seconds": round(time.perf_counter() - start, 2),
                         **dict(zip(("width", "height"), _file_size(path, fmt)))})
    return pd.DataFrame(rows, columns=["chart", "format", "path", "seconds", "width", "height"])


def _file_size(path: Path, fmt: str) -> tuple[float | None, float | None]:
    """Width and height of a written chart file: PNG pixels, SVG points; None otherwise."""
    if fmt == "png":
        import struct

        return struct.unpack(">II", path.read_bytes()[16:24])
    if fmt == "svg":
        head = path.read_text(encoding="utf-8")[:2000]
        head = head[head.find("<svg"):]
        size = [re.search(rf'\b{k}="([0-9.]+)', head[: head.find(">")]) for k in ("width", "height")]
        return tuple(float(m.group(1)) if m else None for m in size)
    return None, None


# --- tables --------------------------------------------------------------------------------
#: Formats :func:`export_tables` can write.
TABLE_FORMATS = ("csv", "xlsx", "parquet")
#: The most characters an Excel cell holds.
EXCEL_CELL_LIMIT = 32_767
#: Name of the workbook :func:`export_tables` writes for ``xlsx`` (one sheet per table).
XLSX_NAME = "tables.xlsx"
_MEDIATYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
_TABLE_SCHEMA_TYPES = {"string": "string", "int": "integer", "float": "number",
                       "bool": "boolean", "datetime": "datetime"}
#: Article keys other than ``article_id`` and the prefix/suffix their joined labels get.
_ARTICLE_KEYS = {"article_id": ("", ""), "article_id_a": ("", "_a"),
                 "article_id_b": ("", "_b"), "other_article_id": ("other_", "")}
_LABELS = ("outlet", "headline")


def _label_name(key: str, label: str) -> str:
    prefix, suffix = _ARTICLE_KEYS[key]
    return f"{prefix}{label}{suffix}"


def readable_table(df: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``df`` with ``outlet`` and ``headline`` beside each article key, for reading.

    One row per row of ``df``, in its order. Each article key (``article_id``,
    ``article_id_a``/``_b``, ``other_article_id``) gets the outlet and headline of its article
    right after it (``outlet_a``, ``other_headline``, ...), joined from ``articles``; a label
    the table already has is kept as it is. ``df`` is not changed.

    Args:
        df: Any table.
        articles: The ``articles`` table (only ``article_id``, ``outlet``, ``headline`` are
            read); None leaves ``df`` as it is.
    """
    keys = [c for c in df.columns if c in _ARTICLE_KEYS]
    if articles is None or not keys:
        return df.copy()
    lookup = articles.drop_duplicates("article_id").set_index("article_id")
    out = df.copy()
    for key in keys:
        at = list(out.columns).index(key) + 1
        for label in _LABELS:
            name = _label_name(key, label)
            if name in out.columns:
                continue
            values = out[key].map(lookup[label]) if label in lookup else None
            out.insert(at, name, values.astype(object).where(values.notna(), None)
                       if values is not None else None)
            at += 1
    return out


def _json_cell(value):
    """A list, tuple, set, dict or array as JSON text; anything else as it is."""
    if isinstance(value, dict | list | tuple | set) or hasattr(value, "tolist"):
        if hasattr(value, "tolist") and not isinstance(value, dict | list | tuple | set):
            if getattr(value, "ndim", 1) == 0:
                return value
            value = value.tolist()
        if isinstance(value, set):
            value = sorted(value, key=str)
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _holds_text(values: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Nested cells as JSON text (CSV and XLSX hold no lists or dicts)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]):
            out[col] = pd.Series([_json_cell(v) for v in out[col]], index=out.index,
                                 dtype=object)
    return out


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


#: What Excel reads as the start of a formula in a CSV cell.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _no_formula(value):
    """Page text that Excel would run as a formula ('=HYPERLINK(...)'), quoted with a "'"."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _write_csv(df: pd.DataFrame, path: Path, *, bom: bool) -> None:
    flat = _flat(df)
    if bom:  # written for Excel: text must not turn into formulas there
        for col in flat.columns:
            if _holds_text(flat[col]):
                flat[col] = [_no_formula(v) for v in flat[col]]
    _atomic(path, lambda tmp: flat.to_csv(tmp, index=False,
                                          encoding="utf-8-sig" if bom else "utf-8"))


def _openpyxl():
    try:
        import openpyxl
    except ImportError as exc:
        raise ImportError(
            "XLSX export needs openpyxl: pip install -e \".[excel]\" (or pip install openpyxl); "
            "CSV with --excel (UTF-8 with BOM) opens in Excel without it") from exc
    return openpyxl


def _excel_value(value, note: list[int]):
    """A cell as Excel can hold it: text cut to the cell limit with a note, no control chars."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) > EXCEL_CELL_LIMIT:
        marker = (f" [... cut: {len(value):,} characters, Excel holds {EXCEL_CELL_LIMIT:,}; "
                  "the CSV or Parquet export has the full text]")
        value = value[: EXCEL_CELL_LIMIT - len(marker)] + marker
        note.append(1)
    return value


def _write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> int:
    """Write one sheet per table; return how many cells were cut to Excel's limit."""
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell

    cut: list[int] = []

    def write(tmp: Path) -> None:
        book = openpyxl.Workbook(write_only=True)
        for name, df in tables.items():
            sheet = book.create_sheet(title=name[:31])
            sheet.append(list(df.columns))
            for row in _flat(df).itertuples(index=False, name=None):
                cells = []
                for value in row:
                    cell = WriteOnlyCell(sheet, value=_excel_value(value, cut))
                    if cell.data_type == "f":  # page text starting with '=' is text, not a formula
                        cell.data_type = "s"
                    cells.append(cell)
                sheet.append(cells)
        book.save(tmp)

    _atomic(path, write)
    return len(cut)


def _field(name: str, values: pd.Series, *, joined: bool) -> dict:
    """One Table Schema field: name, type, description and the workbench unit."""
    base = re.sub(r"^other_|_[ab]$", "", name) if joined else name
    info = schema.FIELDS.get(base)
    kind = info.dtype if info else None
    if kind is None:
        kind = ("bool" if pd.api.types.is_bool_dtype(values) else
                "int" if pd.api.types.is_integer_dtype(values) else
                "float" if pd.api.types.is_float_dtype(values) else
                "datetime" if pd.api.types.is_datetime64_any_dtype(values) else "object")
    if kind == "object":
        sample = next((v for v in values if v is not None and not (
            isinstance(v, float) and v != v)), None)
        ftype = ("array" if isinstance(sample, list | tuple) or hasattr(sample, "tolist")
                 else "object" if isinstance(sample, dict) else "string")
    else:
        ftype = _TABLE_SCHEMA_TYPES[kind]
    field = {"name": name, "type": ftype}
    if ftype == "datetime":
        field["format"] = "any"
    description = info.description if info else ""
    if joined:
        key = next(k for k in _ARTICLE_KEYS if name in {_label_name(k, x) for x in _LABELS})
        description = f"{description} Of the article {key} names, joined from articles."
    field["description"] = description.strip()
    if info and info.unit:
        field["unit"] = info.unit
    return field


def datapackage(
    tables: dict[str, pd.DataFrame],
    paths: dict[str, str],
    *,
    format: str = "csv",
    bom: bool = False,
    name: str = "workbench-export",
    joined: dict[str, list[str]] | None = None,
) -> dict:
    """Build a Frictionless Data Package descriptor for exported tables.

    One resource per table with its ``path`` (relative to the descriptor), and a Table Schema
    whose fields give each column's ``name``, ``type`` and ``description`` from
    :data:`workbench.schema.FIELDS`, its unit in the custom property ``unit``, and the table's
    primary key where the schema gives one.

    Args:
        tables: ``{table name: the frame as exported}``.
        paths: ``{table name: path of its file, relative to the descriptor}``.
        format: ``csv``, ``xlsx`` or ``parquet``.
        bom: CSV written with a byte-order mark.
        name: The package name.
        joined: ``{table name: columns joined from articles}`` (:func:`readable_table`).

    Returns:
        The descriptor, a JSON-ready dict.
    """
    keys = getattr(schema, "PRIMARY_KEYS", {})
    resources = []
    for table, df in tables.items():
        added = set((joined or {}).get(table, ()))
        fields = [_field(col, df[col], joined=col in added) for col in df.columns]
        resource = {
            "name": table.replace("_", "-"),
            "path": paths[table],
            "profile": "tabular-data-resource",
            "format": format,
            "mediatype": _MEDIATYPES[format],
            "title": table,
            "schema": {"fields": fields, "missingValues": [""]},
        }
        if format == "csv":
            resource["encoding"] = "utf-8-sig" if bom else "utf-8"
        if format == "xlsx":
            resource["dialect"] = {"sheet": table[:31], "excel": {"sheet": table[:31]}}
        if table in keys and all(k in df.columns for k in keys[table]):
            resource["schema"]["primaryKey"] = list(keys[table])
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": "News comparison workbench tables",
        "description": "Tables exported by the news comparison workbench; column meanings "
                       "and units from workbench/schema.py. List and dict cells are JSON.",
        "resources": resources,
    }


def export_tables(
    tables: dict[str, pd.DataFrame],
    out: str | os.PathLike,
    *,
    format: str = "csv",
    bom: bool = False,
    articles: pd.DataFrame | None = None,
    corpus=None,
    provenance: dict | None = None,
) -> dict[str, Path]:
    """Write tables for researchers, with a ``datapackage.json`` and a ``provenance.json``.

    Args:
        tables: ``{table name: frame}`` (the workbench's own tables, or any frames).
        out: Output folder; created when missing.
        format: ``csv`` (one file per table; list and dict cells as JSON), ``xlsx`` (one
            workbook, :data:`XLSX_NAME`, one sheet per table; needs openpyxl) or ``parquet``
            (one file per table, the stored types, nested cells as JSON text).
        bom: CSV only: write for Excel, UTF-8 with a byte-order mark (which Excel needs to
            read non-ASCII text correctly), and text cells that Excel would run as a formula
            (starting ``=``, ``+``, ``-``, ``@``) quoted with a leading ``'``.
        articles: The ``articles`` table: every table gets ``outlet`` and ``headline``
            beside its article keys from it (:func:`readable_table`). Default: the
            ``articles`` entry of ``tables`` when there is one.
        corpus: What the tables come from, for the corpus fingerprint in ``provenance.json``
            (a Corpus, a store, a load report, or a fingerprint string). Default: the files
            named by the ``load_report`` entry of ``tables`` when there is one.
        provenance: Fields added to the provenance record (the CLI adds the store and key).

    Returns:
        ``{table name: path written}`` plus ``"datapackage"`` and ``"provenance"``: the
        descriptor's and the provenance record's paths. The record
        (:func:`workbench.provenance.provenance`) holds the package versions, the corpus
        fingerprint, the time, the command, and each table's file and row count.

    Raises:
        ValueError: on an unknown format.
        ImportError: for ``xlsx`` when openpyxl is not installed (the message says how).
    """
    if format not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {format!r}; choose from {TABLE_FORMATS}")
    if format == "xlsx":
        _openpyxl()  # fail before writing anything
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if articles is None:
        articles = tables.get("articles")
    written: dict[str, Path] = {}
    exported: dict[str, pd.DataFrame] = {}
    joined: dict[str, list[str]] = {}
    for name, df in tables.items():
        frame = readable_table(df, articles)
        joined[name] = [c for c in frame.columns if c not in df.columns]
        if format == "parquet":
            written[name] = folder / f"{name}.parquet"
            write_parquet(frame, written[name], name if name in schema.TABLES else None)
        else:
            if format == "csv":
                written[name] = folder / f"{name}.csv"
                _write_csv(frame, written[name], bom=bom)
            else:
                written[name] = folder / XLSX_NAME
        exported[name] = frame
    if format == "xlsx":
        cut = _write_xlsx(exported, folder / XLSX_NAME)
        if cut:
            log.warning("%d cell(s) longer than %d characters were cut in %s", cut,
                        EXCEL_CELL_LIMIT, folder / XLSX_NAME)
    descriptor = datapackage(exported, {k: p.name for k, p in written.items()},
                             format=format, bom=bom, joined=joined)
    package = folder / "datapackage.json"
    _atomic(package, lambda tmp: tmp.write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"))
    written["datapackage"] = package
    from workbench import provenance as prov

    fingerprint = prov.corpus_fingerprint(corpus if corpus is not None
                                          else tables.get("load_report"))
    record = prov.provenance(
        what="export", model_name=_model_name(), corpus_fingerprint=fingerprint,
        format=format, bom=bom,
        tables={name: {"path": written[name].name, "rows": len(df)}
                for name, df in tables.items()},
        **(provenance or {}))
    written["provenance"] = folder / "provenance.json"
    _atomic(written["provenance"], lambda tmp: tmp.write_text(
        json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"))
    return written
