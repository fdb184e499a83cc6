"""Parquet files of the workbench's tables: written atomically, read back with the schema's dtypes.

The one Parquet format of the workbench, shared by the corpus store
(:mod:`workbench.store`) and the researchers' export (:func:`workbench.export.export_tables`):
zstd-compressed, list and dict cells (``object`` columns of :mod:`workbench.schema`) as JSON
text, written to a temporary name and renamed into place (so a crash never leaves a
half-written file where a reader looks), and read back with the documented dtypes.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from workbench import schema

__all__ = [
    "atomic_write_bytes",
    "read_parquet_parts",
    "restore_table",
    "to_arrow",
    "write_parquet",
]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: a temporary file beside it, synced, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def to_arrow(df: pd.DataFrame, table: str | None) -> pa.Table:
    """Convert a table to Arrow; list/dict cells (``object`` kind) become JSON strings."""
    out = df.copy()
    for col in out.columns:
        kind = schema.FIELDS[col].dtype if col in schema.FIELDS else None
        if kind == "object":
            out[col] = [None if v is None else json.dumps(v, default=str, ensure_ascii=False)
                        for v in out[col]]
        elif kind == "string" or (kind is None and out[col].dtype == object):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return pa.Table.from_pandas(out, preserve_index=False)


def write_parquet(df: pd.DataFrame, path: Path, table: str | None) -> None:
    """Write a table to ``path`` as Parquet, atomically (temporary file, then rename).

    List and dict cells (``object`` columns of the schema) are stored as JSON text.
    """
    sink = pa.BufferOutputStream()
    pq.write_table(to_arrow(df, table), sink, compression="zstd")
    atomic_write_bytes(path, sink.getvalue().to_pybytes())


def restore_table(df: pd.DataFrame, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Give a frame read from Parquet the documented dtypes of ``table`` and validate it.

    Columns added to the schema since the files were written come back missing; columns since
    removed are dropped. With ``columns``, only those are returned (and not validated).
    """
    cols = columns or schema.TABLES[table]
    out = {}
    n = len(df)
    for col in cols:
        kind = schema.FIELDS[col].dtype
        s = df[col] if col in df.columns else pd.Series([None] * n, dtype=object)
        if kind == "int":
            s = s.astype("Int64")
        elif kind == "bool":
            s = s.astype("boolean")
        elif kind == "float":
            s = pd.to_numeric(s, errors="coerce").astype("float64")
        elif kind == "datetime":
            s = pd.to_datetime(s, errors="coerce").astype("datetime64[ns]")
        elif kind == "object":
            s = pd.Series([json.loads(v) if isinstance(v, str) else None for v in s], dtype=object)
        else:
            s = s.astype(object).where(s.notna(), None)
        out[col] = s.reset_index(drop=True)
    frame = pd.DataFrame(out, columns=cols)
    return frame if columns else schema.validate(frame, table)


def read_parquet_parts(files: list[Path], table: str, *,
                       columns: list[str] | None = None) -> pd.DataFrame:
    """Read Parquet parts of one table into one frame with the schema's dtypes.

    Args:
        files: The parts (written by :func:`write_parquet`); none gives the empty table.
        table: The table's name in :mod:`workbench.schema`.
        columns: Only these columns (not validated); default every column, validated.

    Returns:
        The rows of every part, in file order (see :func:`restore_table`).
    """
    if not files:
        frame = schema.empty_frame(table)
        return frame if columns is None else frame[columns]
    arrow = [pq.read_table(f, columns=_present(f, columns)) for f in files]
    merged = pa.concat_tables(arrow, promote_options="default")
    df = merged.to_pandas(types_mapper=None)
    return restore_table(df, table, columns)


def _present(path: Path, columns: list[str] | None) -> list[str] | None:
    if columns is None:
        return None
    names = set(pq.read_schema(path).names)
    return [c for c in columns if c in names]
