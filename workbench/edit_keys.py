"""How an edit names rows, and what a coder may edit: the layer below corrections and widgets.

An edit (:mod:`workbench.corrections`) names rows by stable keys, never by position
(:data:`ROW_KEYS`): an article by its ``article_id``, a source, quotation, time expression or
entity by ``article_id`` and its character span (or one source by ``source_key``). This module
holds those keys, the matching of a key to rows (:func:`match_rows`: exact, else the article's
row whose span overlaps the key's most), the reading of an edited value as its column's schema
kind (:func:`coerce_value`), and what a correction widget offers a coder
(:func:`editable_fields`, :func:`row_choices`, :func:`current_value`, :func:`span_columns`,
:func:`default_coder`). It reads :mod:`workbench.schema` only, so the display layer
(:func:`workbench.widgets.correction_panel`) uses it without importing the app layer's
corrections; :mod:`workbench.corrections` re-exports its public names.
"""

from __future__ import annotations

import getpass
import json
import os

import numpy as np
import pandas as pd

from workbench import schema

__all__ = [
    "FROZEN",
    "ROW_KEYS",
    "SPANS",
    "coerce_value",
    "current_table",
    "current_value",
    "default_coder",
    "editable_fields",
    "json_value",
    "match_rows",
    "row_choices",
    "span_columns",
]

#: The stable keys that may name rows, per editable table (the first is the one ``add`` uses).
ROW_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "articles": (("article_id",),),
    "publication_dates": (("article_id",),),
    "sources": (("article_id", "start_char", "end_char"), ("article_id", "source_key")),
    "quotes": (("article_id", "content_start", "content_end"), ("article_id", "speaker_key")),
    "timexes": (("article_id", "start_char", "end_char"),),
    "entities": (("article_id", "start_char", "end_char"),),
}
#: The span of a row, for matching a span key whose offsets a new annotator moved.
SPANS = {"sources": ("start_char", "end_char"), "quotes": ("content_start", "content_end"),
         "timexes": ("start_char", "end_char"), "entities": ("start_char", "end_char")}
#: Columns no edit sets: identity, the text offsets point into, positional ids.
FROZEN = frozenset({"article_id", "text", "raw_text", "offset_map", "source_id", "quote_id",
                    "timex_id", "entity_id", "sentence_id"})


def default_coder() -> str:
    """The coder's name: ``$WORKBENCH_CODER``, else the login name."""
    name = os.environ.get("WORKBENCH_CODER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def json_value(value):
    """A cell as JSON: missing as None, timestamps as ISO text, numpy scalars unwrapped."""
    if isinstance(value, (list, dict)):
        return value
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def _read_int(value) -> int:
    if isinstance(value, float) and not value.is_integer():
        raise ValueError
    return int(value)


def _read_bool(value) -> bool:
    if isinstance(value, str):
        low = value.strip().lower()
        if low not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError
        return low in ("true", "1", "yes")
    return bool(value)


def _read_datetime(value):
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.tz_localize(None) if stamp.tz else stamp


def _read_object(value):
    return json.loads(value) if isinstance(value, str) else value


#: How a value becomes each schema kind (the kinds not listed are text: ``str``).
_READERS = {"int": _read_int, "float": float, "bool": _read_bool, "datetime": _read_datetime,
            "object": _read_object}


def coerce_value(table: str, column: str, value):
    """A value as the column's schema kind; ValueError naming the column when it is not one."""
    if column not in schema.TABLES[table]:
        raise ValueError(f"table {table!r} has no column {column!r}; its columns: "
                         f"{', '.join(schema.TABLES[table])}")
    kind = schema.FIELDS[column].dtype
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, str) and not value.strip() and kind != "string":
        return None
    read = _READERS.get(kind)
    if read is None:
        return str(value)
    try:
        return read(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{table}.{column}: {value!r} is not a valid {kind} value") from None


def match_rows(df: pd.DataFrame, table: str, key: dict, *, exact: bool = False) -> pd.Series:
    """Rows named by ``key``: exact, else (span keys) the article's row overlapping it most."""
    mask = pd.Series(True, index=df.index)
    for col, value in key.items():
        mask &= df[col].eq(coerce_value(table, col, value)).fillna(False).astype(bool)
    if exact or mask.any() or table not in SPANS or not set(SPANS[table]) <= set(key):
        return mask
    start_col, end_col = SPANS[table]
    same = df["article_id"].eq(key["article_id"]).fillna(False).astype(bool)
    if not same.any():
        return mask
    starts = df.loc[same, start_col].astype("float64")
    ends = df.loc[same, end_col].astype("float64")
    overlap = (np.minimum(ends, key[end_col]) - np.maximum(starts, key[start_col])).fillna(0)
    if overlap.max() <= 0:
        return mask
    mask[overlap.idxmax()] = True
    return mask


def current_table(corpus, table: str) -> pd.DataFrame:
    """The current ``table`` of ``corpus`` (a :class:`workbench.Corpus` or alike), by name."""
    return corpus.articles if table == "articles" else getattr(corpus, table)


# --- what a correction widget offers ---------------------------------------------------------
#: Columns a widget does not offer for editing (long text and nested cells).
_NOT_OFFERED = frozenset({"metadata", "credits", "removed_text", "is_duplicate_of", "word_count",
                          "source_path", "record", "input_format", "nested_in"})


def editable_fields(table: str) -> list[str]:
    """Columns of ``table`` a coder may set (not keys, offsets of the key, ids or long text)."""
    key = set(ROW_KEYS[table][0]) | {c for k in ROW_KEYS[table] for c in k}
    return [c for c in schema.TABLES[table]
            if c not in FROZEN and c not in _NOT_OFFERED and c not in key]


def _row_label(table: str, row) -> str:
    def text(v, limit=60):
        s = "" if v is None or (not isinstance(v, str) and pd.isna(v)) else " ".join(str(v).split())
        return s if len(s) <= limit else s[: limit - 1] + "\u2026"

    if table == "sources":
        return f"{text(row['source_text'])} [{text(row['source_kind'])}]"
    if table == "quotes":
        return f"{text(row['speaker'], 40)}: \u201c{text(row['content'])}\u201d"
    if table == "timexes":
        return f"{text(row['timex_text'])} = {text(row['value'])}"
    if table == "entities":
        return f"{text(row['entity_text'])} [{text(row['entity_label'])}]"
    if table == "publication_dates":
        return f"published {text(row['published_date'])} ({text(row['published_date_source'])})"
    return f"{text(row.get('outlet'))}: {text(row.get('headline'))}"


def current_value(corpus, table: str, row_key: dict, column: str):
    """What ``column`` of the first row named by ``row_key`` holds now (None when no row)."""
    df = current_table(corpus, table)
    hit = df.loc[match_rows(df, table, row_key), column]
    return hit.iloc[0] if len(hit) else None


def span_columns(table: str) -> tuple[str, str] | None:
    """The columns of a row's span in ``table`` (None: its rows have no span)."""
    return SPANS.get(table)


def row_choices(corpus, table: str, article_id: str) -> list[tuple[str, str]]:
    """The rows of one article in ``table``: ``(label, row key as JSON)``, in text order.

    The key is the table's first stable key (:data:`ROW_KEYS`), what an edit of the row records.
    """
    df = current_table(corpus, table)
    rows = df[df["article_id"] == article_id]
    if table in SPANS:
        rows = rows.sort_values(list(SPANS[table]))
    key = ROW_KEYS[table][0]
    out = []
    for _, row in rows.iterrows():
        row_key = {c: json_value(row[c]) for c in key}
        span = f"{row_key[SPANS[table][0]]}-{row_key[SPANS[table][1]]}: " if (
            table in SPANS) else ""
        out.append((span + _row_label(table, row), json.dumps(row_key)))
    return out
