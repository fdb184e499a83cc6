"""Ingest stage: find inputs, read every format, decode, and build the ``articles`` table.

Only this stage touches the disk. Every input (file, or record of a multi-record file) ends as
one row of the load report, ``loaded``, ``skipped`` or ``failed`` with a reason: count in ==
count out.
"""

from __future__ import annotations

import glob as _glob
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench import schema

__all__ = ["LoadError", "RawRecord", "discover_inputs", "load_articles", "read_manifest"]

log = logging.getLogger(__name__)

#: Default largest input file accepted, in bytes (``max_bytes`` overrides).
DEFAULT_MAX_BYTES = 20_000_000


class LoadError(ValueError):
    """An input cannot be loaded; the message names the file and the reason."""


@dataclass(frozen=True)
class RawRecord:
    """One article as read from disk, before cleaning (the ingest edge's typed record)."""

    source_path: str
    content: str
    content_type: str  # "text" or "html"
    input_format: str
    record: str = ""
    byte_count: int = 0
    meta: dict = field(default_factory=dict)


def discover_inputs(paths) -> list[Path]:
    """Expand a file, folder (recursive), glob, or a list of them into input files.

    Manifests named ``manifest.csv``/``manifest.json`` and hidden files are not inputs.

    Raises:
        LoadError: when a named path or pattern matches nothing.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    for item in paths:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            found.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and not _is_hidden(f.relative_to(p)) and not _is_manifest(f)
            )
        elif p.is_file():
            found.append(p)
        elif any(ch in s for ch in "*?["):
            matches = sorted(Path(m) for m in _glob.glob(s, recursive=True))
            found.extend(m for m in matches if m.is_file() and not _is_manifest(m))
        else:
            raise LoadError(f"{s}: no such file, folder or matching pattern")
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _is_hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _is_manifest(p: Path) -> bool:
    return p.name.lower() in {"manifest.csv", "manifest.json", "manifest.jsonl"}


def read_manifest(manifest) -> pd.DataFrame:
    """Read a manifest (CSV or JSON records, or a DataFrame) keyed by a ``file`` column."""
    if isinstance(manifest, pd.DataFrame):
        df = manifest.copy()
    else:
        path = Path(manifest)
        if not path.is_file():
            raise LoadError(f"{path}: manifest not found")
        try:
            if path.suffix.lower() == ".csv":
                df = pd.read_csv(path, dtype=str, keep_default_na=False)
            elif path.suffix.lower() == ".jsonl":
                df = pd.read_json(path, lines=True, dtype=False)
            else:
                df = pd.read_json(path, dtype=False)
        except Exception as exc:  # noqa: BLE001 - any parser error becomes a named LoadError
            raise LoadError(f"{path}: cannot read manifest: {exc}") from exc
    if "file" not in df.columns:
        raise LoadError(f"{manifest}: manifest needs a 'file' column (got {list(df.columns)})")
    return df


def _find_default_manifest(paths) -> Path | None:
    if isinstance(paths, (str, os.PathLike)) and Path(paths).is_dir():
        for name in ("manifest.csv", "manifest.json", "manifest.jsonl"):
            cand = Path(paths) / name
            if cand.is_file():
                return cand
    return None


def article_id_for(content: str, record: str = "") -> str:
    """Return the stable content-hash id of an article."""
    h = hashlib.sha256(content.encode("utf-8", "surrogatepass"))
    if record:
        h.update(f"\x00{record}".encode())
    return h.hexdigest()[:16]


def load_articles(
    paths,
    manifest=None,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load articles from files, folders, globs or a list of them.

    Args:
        paths: A path, folder (recursive), glob pattern, or a list of them.
        manifest: Optional manifest (CSV/JSON path or DataFrame) with a ``file`` column matched
            against file names or relative paths; its ``url``, ``outlet``, ``published`` and any
            other columns are attached to the articles. A ``manifest.csv`` inside a loaded folder
            is used when none is given.
        strict: Raise :class:`LoadError` on the first input that fails instead of reporting it.
        max_bytes: Inputs larger than this are reported as failed.

    Returns:
        ``(articles, load_report)``: one row per article, one row per input.
    """
    from workbench.clean import build_articles, mark_duplicates
    from workbench.ingest.readers import read_path

    if manifest is None:
        manifest = _find_default_manifest(paths)
    man = read_manifest(manifest) if manifest is not None else None
    # Read everything first: site furniture is learned across each site's pages.
    outcomes: list[tuple[RawRecord | dict, dict]] = []
    for path in discover_inputs(paths):
        meta = _manifest_row(man, path)
        for outcome in read_path(path, max_bytes=max_bytes):
            if isinstance(outcome, dict) and strict and outcome["status"] == "failed":
                raise LoadError(f"{outcome['source_path']}: {outcome['reason']}")
            outcomes.append((outcome, meta))
    records = [(o, m) for o, m in outcomes if isinstance(o, RawRecord)]
    built = iter(build_articles([r for r, _ in records], [{**r.meta, **m} for r, m in records]))
    report: list[dict] = []
    articles: list[dict] = []
    seen_ids: set[str] = set()
    for outcome, _meta in outcomes:
        if not isinstance(outcome, RawRecord):
            report.append(outcome)
            continue
        rec, article = outcome, next(built)
        reason = None
        if isinstance(article, Exception):
            reason = f"cleaning failed: {type(article).__name__}: {article}"
        elif article is None or not article.get("text"):
            reason = ("no article text found in the HTML" if rec.content_type == "html"
                      else "no article text found after cleaning")
        if reason:
            if strict:
                raise LoadError(f"{rec.source_path} {rec.record}: {reason}".replace("  ", " "))
            report.append(_report_row(rec.source_path, rec.record, rec.input_format,
                                      "failed", reason, None, rec.byte_count))
            continue
        if article["article_id"] in seen_ids:
            # Same bytes loaded from another file: give it its own key, keyed by its path.
            article["article_id"] = article_id_for(rec.content, f"{rec.record}\x00{rec.source_path}")
        seen_ids.add(article["article_id"])
        articles.append(article)
        # a loaded row's reason holds the notes on what could not be read (a relative date)
        report.append(_report_row(rec.source_path, rec.record, rec.input_format, "loaded",
                                  (article.get("metadata") or {}).get("date_note", ""),
                                  article["article_id"], rec.byte_count))
    articles_df = schema.coerce(mark_duplicates(articles), "articles")
    return articles_df, schema.coerce(report, "load_report")


def _report_row(path, record, fmt, status, reason, article_id, byte_count) -> dict:
    return {
        "source_path": str(path),
        "record": record or "",
        "input_format": fmt,
        "status": status,
        "reason": reason,
        "article_id": article_id,
        "byte_count": byte_count,
    }


def _manifest_row(man: pd.DataFrame | None, path: Path) -> dict:
    if man is None:
        return {}
    names = {path.name, str(path), path.as_posix()}
    hits = man[man["file"].astype(str).isin(names)]
    if hits.empty:
        hits = man[man["file"].astype(str).map(lambda f: path.as_posix().endswith("/" + f))]
    if hits.empty:
        return {}
    row = hits.iloc[0].to_dict()
    row.pop("file", None)
    return {k: v for k, v in row.items() if v is not None and v == v and v != ""}
