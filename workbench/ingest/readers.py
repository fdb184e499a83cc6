"""Readers: one function per input format, yielding raw records or report rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from workbench.ingest import RawRecord
from workbench.ingest.decode import decode_bytes

__all__ = ["READERS", "read_path"]


def _fail(path: Path, reason: str, fmt: str, size: int, status: str = "failed", record: str = "") -> dict:
    return {
        "source_path": str(path),
        "record": record,
        "input_format": fmt,
        "status": status,
        "reason": reason,
        "article_id": None,
        "byte_count": size,
    }


def _read_txt(path: Path, data: bytes) -> Iterator[RawRecord | dict]:
    text = decode_bytes(data, path)
    yield RawRecord(str(path), text, "text", "txt", byte_count=len(data))


READERS = {".txt": ("txt", _read_txt)}


def read_path(path: Path, *, max_bytes: int) -> Iterator[RawRecord | dict]:
    """Read one input file: yield a :class:`RawRecord` per article or a report row per failure."""
    suffix = path.suffix.lower()
    fmt, reader = READERS.get(suffix, (suffix.lstrip(".") or "none", None))
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _fail(path, f"cannot read file: {exc.strerror}", fmt, 0)
        return
    if reader is None:
        yield _fail(path, f"unsupported file type {suffix or '(no extension)'!r}", fmt, size, "skipped")
        return
    if size == 0:
        yield _fail(path, "empty file (0 bytes)", fmt, 0)
        return
    if size > max_bytes:
        yield _fail(path, f"file is {size:,} bytes, over the size limit of {max_bytes:,}", fmt, size)
        return
    try:
        data = path.read_bytes()
        yield from reader(path, data)
    except Exception as exc:  # noqa: BLE001 - a reader error is reported, not raised
        yield _fail(path, str(exc), fmt, size)
