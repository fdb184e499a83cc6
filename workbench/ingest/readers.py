"""Readers: one function per input format, yielding raw records or report rows.

A reader gets the file's bytes and yields, in order, a :class:`~workbench.ingest.RawRecord` per
article it finds and a report-row dict per record it cannot use, so that every record of a
multi-record file (JSONL line, CSV row, WARC response) ends as one load-report row.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from html import unescape as html_unescape
from pathlib import Path

from workbench.ingest.decode import decode_bytes
from workbench.records import RawRecord

__all__ = ["FIELD_NAMES", "READERS", "read_path", "record_from_mapping"]

#: Common field names of crawler and news-API exports, per workbench meaning, in priority order.
#: Media Cloud's story CSV (``publish_date``, ``media_name``, ``media_url``) and GDELT's DOC API
#: (``URL``, ``Date``, ``Title``; JSON ``url``, ``seendate``, ``domain``), GKG 2.1 (``DATE``,
#: ``SourceCommonName``, ``DocumentIdentifier``; raw files' ``V2...`` names) and Mentions
#: (``MentionIdentifier``, ``MentionSourceName``, ``MentionTimeDate``) names are among them.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "body", "article_text", "full_text", "fulltext", "content",
             "article", "articleBody", "body_text", "story"),
    "html": ("html", "raw_html", "content_html", "page_html", "html_content", "source_html"),
    "headline": ("title", "headline", "title_page", "title_rss"),
    "url": ("url", "link", "source_url", "canonical_url", "article_url", "uri",
            "DocumentIdentifier", "V2DOCUMENTIDENTIFIER", "MentionIdentifier"),
    "published": ("date_publish", "published", "published_date", "publishedAt", "published_at",
                  "publication_date", "datePublished", "pubdate", "publish_date", "date",
                  "pub_date", "seendate", "V2.1DATE", "V21DATE", "MentionTimeDate"),
    "outlet": ("outlet", "publisher", "source_name", "site_name", "sitename", "source",
               "newspaper", "media", "media_name"),
    "source_domain": ("source_domain", "domain", "hostname", "SourceCommonName",
                      "V2SOURCECOMMONNAME", "MentionSourceName", "media_url"),
    "byline": ("authors", "author", "byline", "creator", "writer"),
    "language": ("language", "lang"),
}

_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>")


def _fail(path: Path, reason: str, fmt: str, size: int, status: str = "failed",
          record: str = "") -> dict:
    return {
        "source_path": str(path),
        "record": record,
        "input_format": fmt,
        "status": status,
        "reason": reason,
        "article_id": None,
        "byte_count": size,
    }


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower().encode("utf-8", "ignore")
    return any(tag in head for tag in _HTML_SNIFF)


def _read_txt(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    text = decode_bytes(data, path)
    if _is_url_list(text):
        yield from _read_url_list(path, text, fmt)
        return
    yield RawRecord(str(path), text, "text", fmt, byte_count=len(data))


def _read_html(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    text = decode_bytes(data, path)
    yield RawRecord(str(path), text, "html", fmt, byte_count=len(data))


def _scalar(value):
    """Turn a record value into a string (lists joined, dicts by their name), None if empty."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return _scalar(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, (list, tuple)):
        parts = [_scalar(v) for v in value]
        joined = ", ".join(p for p in parts if p)
        return joined or None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    s = str(value).strip()
    return s or None


def record_from_mapping(path: Path, rec: dict, fmt: str, record: str,
                        byte_count: int) -> RawRecord | dict:
    """Map one JSON/CSV/Parquet record to a :class:`RawRecord` (or a failure row).

    Field names are matched case-insensitively against :data:`FIELD_NAMES`; news-please's
    ``maintext``/``date_publish``/``source_domain``/``title``/``authors``/``url`` are among them.
    A ``paragraphs`` list (BASIL style) is used when no text field is present.
    """
    if not isinstance(rec, dict):
        return _fail(path, f"{record}: not a JSON object but {type(rec).__name__}", fmt,
                     byte_count, record=record)
    lower = {str(k).lower(): k for k in rec}
    found: dict[str, object] = {}
    used: set = set()
    for meaning, names in FIELD_NAMES.items():
        for name in names:
            key = lower.get(name.lower())
            if key is None or key in used:
                continue
            val = _scalar(rec[key]) if meaning != "html" else rec[key]
            if val:
                found[meaning] = val
                used.add(key)
                break
    text = found.get("text")
    html = found.get("html")
    if found.get("published"):
        found["published"] = _gdelt_time(str(found["published"]))
    if not found.get("headline"):
        extras = next((v for k, v in rec.items() if str(k).lower() in _GKG_EXTRAS), None)
        m = _PAGE_TITLE.search(str(extras or ""))
        if m:
            found["headline"] = html_unescape(m.group(1)).strip() or None
    if not text and not html and isinstance(rec.get("paragraphs"), list):
        paras = [" ".join(p) if isinstance(p, list) else str(p) for p in rec["paragraphs"]]
        text = "\n\n".join(p for p in paras if p.strip())
        used.add("paragraphs")
    if isinstance(text, str) and not html and _looks_like_html(text):
        html, text = text, None
    link = not text and not (isinstance(html, str) and html.strip())
    if link and not _URL.fullmatch(str(found.get("url") or "")):
        return _fail(path, f"{record}: record has no text or html field "
                     f"(fields: {', '.join(map(str, list(rec)[:12]))})", fmt, byte_count,
                     record=record)
    meta: dict = {}
    for meaning in ("headline", "url", "published", "outlet", "source_domain", "byline",
                    "language"):
        if found.get(meaning):
            meta[f"record_{meaning}"] = found[meaning]
    for key, val in rec.items():
        if key in used or key in {"paragraphs"}:
            continue
        sval = _scalar(val)
        if sval is not None and len(sval) < 2000:
            meta.setdefault("extra", {})[str(key)] = sval
    if link:  # a link with its date and outlet: fetched only when the user asks
        return RawRecord(str(path), str(found["url"]), "url", fmt, record=record,
                         byte_count=byte_count, meta=meta)
    content = html if html else text
    return RawRecord(str(path), str(content), "html" if html else "text", fmt, record=record,
                     byte_count=byte_count, meta=meta)


_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.I)
_GKG_EXTRAS = {"extras", "v2extrasxml"}
_PAGE_TITLE = re.compile(r"<PAGE_TITLE>(.*?)</PAGE_TITLE>", re.S)
_GDELT_STAMP = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)T?(\d\d)(\d\d)(\d\d)Z?")
#: GKG 2.1 raw files: tab-separated, no header; the columns read (codebook order).
_GKG_RAW = re.compile(r"(?:19|20)\d{12}-T?\d+\t")
_GKG_COLUMNS = {"GKGRECORDID": 0, "DATE": 1, "SourceCollectionIdentifier": 2,
                "SourceCommonName": 3, "DocumentIdentifier": 4, "Extras": 26}


def _gdelt_time(value: str) -> str:
    """A GDELT time as ISO 8601 UTC; any other value unchanged.

    GDELT writes ``YYYYMMDDHHMMSS`` (GKG, Mentions) and ``YYYYMMDDTHHMMSSZ`` (DOC API JSON).
    """
    m = _GDELT_STAMP.fullmatch(value.strip())
    if not m:
        return value
    y, mo, d, h, mi, sec = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{sec}Z"


def _read_gkg(path: Path, text: str, fmt: str) -> Iterator[RawRecord | dict]:
    """A raw GKG 2.1 file: one link record per web document (others are skipped)."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        record = f"line {lineno}"
        if len(fields) < 5:
            yield _fail(path, f"{record}: GKG row with {len(fields)} fields, not 27", fmt,
                        len(line), record=record)
            continue
        row = {name: fields[i] for name, i in _GKG_COLUMNS.items() if i < len(fields)}
        if row["SourceCollectionIdentifier"].strip() != "1":  # 1 = WEB: an URL
            yield _fail(path, f"{record}: not a web document (GDELT source collection "
                        f"{row['SourceCollectionIdentifier']}): {row['DocumentIdentifier'][:80]}",
                        fmt, len(line), "skipped", record)
            continue
        yield record_from_mapping(path, row, fmt, record, len(line))


def _read_url_list(path: Path, text: str, fmt: str) -> Iterator[RawRecord | dict]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield record_from_mapping(path, {"url": line.strip()}, fmt, f"line {lineno}",
                                      len(line))


def _is_url_list(text: str) -> bool:
    """A text file whose every non-blank line is one http(s) URL is a list of links."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return bool(lines) and all(_URL.fullmatch(ln) for ln in lines)


def _read_json(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    text = decode_bytes(data, path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(obj, dict):
        for key in ("articles", "records", "items", "data", "results", "docs"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
    if isinstance(obj, dict):
        yield record_from_mapping(path, obj, fmt, "", len(data))
        return
    if not isinstance(obj, list):
        raise ValueError(f"JSON holds a {type(obj).__name__}, not an object or a list of records")
    if not obj:
        raise ValueError("JSON holds an empty list: no records")
    for i, rec in enumerate(obj):
        size = len(json.dumps(rec, ensure_ascii=False).encode()) if isinstance(rec, dict) else 0
        yield record_from_mapping(path, rec, fmt, f"item {i}", size)


def _read_jsonl(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    text = decode_bytes(data, path)
    n = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        n += 1
        record = f"line {lineno}"
        size = len(line.encode())
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _fail(path, f"invalid JSON on line {lineno} (column {exc.colno}): {exc.msg}",
                        fmt, size, record=record)
            continue
        yield record_from_mapping(path, rec, fmt, record, size)
    if n == 0:
        raise ValueError("no JSON records (only blank lines)")


def _read_table(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    import pandas as pd

    if fmt == "parquet":
        try:
            df = pd.read_parquet(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types
            raise ValueError(f"not a readable Parquet file: {exc}") from None
    else:
        yield from _read_csv(path, data, fmt)
        return
    if df.empty:
        raise ValueError("table has no rows")
    for i, rec in enumerate(df.to_dict("records")):
        clean = {k: v for k, v in rec.items() if not (isinstance(v, str) and v == "")}
        size = sum(len(str(v)) for v in clean.values())
        yield record_from_mapping(path, clean, fmt, f"row {i + 1}", size)


def _read_csv(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    """Read a CSV table row by row, so that one malformed row fails alone.

    A raw GDELT GKG file (tab-separated, no header) is read by its codebook columns; a
    header line with tabs and no commas means a tab-separated table.
    """
    text = decode_bytes(data, path).lstrip("\ufeff")
    if _GKG_RAW.match(text):
        yield from _read_gkg(path, text, fmt)
        return
    first = text.split("\n", 1)[0]
    try:
        rows = csv.reader(io.StringIO(text, newline=""),
                          delimiter="\t" if "\t" in first and "," not in first else ",")
        header = next(rows, None)
    except csv.Error as exc:
        raise ValueError(f"not a readable CSV table: {exc}") from None
    if not header:
        raise ValueError("CSV has no header row")
    header = [h.strip() for h in header]
    n = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            n += 1
            yield _fail(path, f"row {n}: unreadable CSV row: {exc}", fmt, 0, record=f"row {n}")
            continue
        if not any(v.strip() for v in values):
            continue
        n += 1
        record = f"row {n}"
        size = sum(len(v) for v in values)
        if len(values) != len(header):
            yield _fail(path, f"{record}: malformed CSV row with {len(values)} fields, the header "
                        f"has {len(header)}", fmt, size, record=record)
            continue
        rec = {k: v for k, v in zip(header, values) if v != ""}
        yield record_from_mapping(path, rec, fmt, record, size)
    if n == 0:
        raise ValueError("table has no rows")


def _read_warc(path: Path, data: bytes, fmt: str) -> Iterator[RawRecord | dict]:
    from warcio.archiveiterator import ArchiveIterator

    stream = ArchiveIterator(io.BytesIO(data))
    n_seen = 0
    try:
        for rec in stream:
            if rec.rec_type not in ("response", "resource"):
                continue
            n_seen += 1
            payload = rec.content_stream().read()
            if getattr(rec.raw_stream, "limit", 0):
                raise EOFError(f"record at offset {stream.offset} ends early")
            # warcio computes the offset by reading to the record's end: read the payload first.
            record = f"offset {stream.get_record_offset()}"
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            warc_date = rec.rec_headers.get_header("WARC-Date")
            ctype = ""
            if rec.http_headers is not None:
                ctype = rec.http_headers.get_header("Content-Type") or ""
                status = rec.http_headers.get_statuscode()
                if status and not str(status).startswith("2"):
                    yield _fail(path, f"{record}: HTTP status {status} for {uri}", fmt, 0,
                                "skipped", record)
                    continue
            else:
                ctype = rec.rec_headers.get_header("Content-Type") or ""
                declared = rec.rec_headers.get_header("Content-Length")
                if "application/http" in ctype.lower() or not declared:
                    yield _fail(path, f"{record}: truncated or damaged WARC record (no readable "
                                f"HTTP response) for {uri}", fmt, len(payload), record=record)
                    continue
            if ctype and "html" not in ctype.lower():
                yield _fail(path, f"{record}: not an HTML response ({ctype.split(';')[0]}) "
                            f"for {uri}", fmt, len(payload), "skipped", record)
                continue
            hint = None
            if "charset=" in ctype.lower():
                hint = ctype.lower().split("charset=")[1].split(";")[0].strip(" \"'")
            try:
                html = decode_bytes(payload, path, hint=hint)
            except ValueError as exc:
                yield _fail(path, f"{record}: {exc}", fmt, len(payload), record=record)
                continue
            if not html.strip():
                yield _fail(path, f"{record}: empty HTML response for {uri}", fmt, 0,
                            record=record)
                continue
            meta = {"record_url": uri, "warc_date": warc_date}
            yield RawRecord(str(path), html, "html", fmt, record=record,
                            byte_count=len(payload), meta=meta)
    except Exception as exc:  # noqa: BLE001 - warcio raises several types on damage
        yield _fail(path, f"truncated or corrupt WARC after {n_seen} response record(s): "
                    f"{type(exc).__name__}: {exc}".rstrip(": "), fmt, len(data))
        return
    if data[:2] == b"\x1f\x8b" and not _gzip_complete(data):
        yield _fail(path, f"truncated or corrupt WARC after {n_seen} response record(s): "
                    "the gzip stream ends early", fmt, len(data))
    elif n_seen == 0:
        yield _fail(path, "WARC holds no response records", fmt, len(data))


def _gzip_complete(data: bytes) -> bool:
    """True when every gzip member of ``data`` ends properly (a WARC's members)."""
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        buf = data
        try:
            while True:
                d.decompress(buf, 1 << 20)
                if d.eof:
                    break
                buf = d.unconsumed_tail
                if not buf:
                    d.flush()
                    if not d.eof:
                        return False
                    break
        except zlib.error:
            return False
        data = d.unused_data
    return True


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing truncated streams and outputs over ``max_bytes``."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise ValueError(f"decompresses to over the size limit of {max_bytes:,} bytes")
    if not d.eof:
        raise ValueError("truncated gzip file (compressed stream ends early)")
    return out


READERS = {
    ".txt": ("txt", _read_txt),
    ".text": ("txt", _read_txt),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".xhtml": ("html", _read_html),
    ".json": ("json", _read_json),
    ".jsonl": ("jsonl", _read_jsonl),
    ".ndjson": ("jsonl", _read_jsonl),
    ".csv": ("csv", _read_table),
    ".parquet": ("parquet", _read_table),
    ".warc": ("warc", _read_warc),
}


def _format_of(path: Path) -> tuple[str, object, bool]:
    """Return (format name, reader, is_gzipped) from the file's suffixes."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    inner = suffixes[-2] if gz and len(suffixes) >= 2 else (suffixes[-1] if suffixes else "")
    if gz and inner not in READERS:
        return "gz", None, True
    fmt, reader = READERS.get(inner, (inner.lstrip(".") or "none", None))
    return fmt, reader, gz


def read_path(path: Path, *, max_bytes: int) -> Iterator[RawRecord | dict]:
    """Read one input file: yield a :class:`RawRecord` per article or a report row per failure.

    Args:
        path: The file.
        max_bytes: Files (and decompressed gzip contents) over this size fail.

    Yields:
        Raw records and load-report row dicts, in file order.
    """
    fmt, reader, gz = _format_of(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _fail(path, f"cannot read file: {exc.strerror}", fmt, 0)
        return
    if reader is None:
        what = "".join(path.suffixes[-2:]) if gz else path.suffix
        yield _fail(path, f"unsupported file type {what or '(no extension)'!r}", fmt, size,
                    "skipped")
        return
    if size == 0:
        yield _fail(path, "empty file (0 bytes)", fmt, 0)
        return
    if size > max_bytes:
        yield _fail(path, f"file is {size:,} bytes, over the size limit of {max_bytes:,}", fmt, size)
        return
    try:
        data = path.read_bytes()
        if gz and fmt == "warc":
            pass  # warcio reads gzip members itself
        elif gz:
            data = _gunzip(data, max_bytes)
            if not data:
                raise ValueError("empty file (gzip holds 0 bytes)")
        elif data[:2] == b"\x1f\x8b":
            data = _gunzip(data, max_bytes)
        if not data.strip():
            raise ValueError("file holds only whitespace")
        yield from reader(path, data, fmt)
    except (ValueError, EOFError, OSError, gzip.BadGzipFile) as exc:
        yield _fail(path, str(exc) or type(exc).__name__, fmt, size)
