"""Ingest stage: find inputs, read every format, decode, and build the ``articles`` table.

Only this stage touches the disk. Every input (file, or record of a multi-record file) ends as
one row of the load report, ``loaded``, ``skipped`` or ``failed`` with a reason: count in ==
count out.
"""

from __future__ import annotations

import glob as _glob
import logging
import os
from pathlib import Path

import pandas as pd

from workbench import schema
from workbench.records import RawRecord, article_id_for
from workbench.settings import DEFAULT_MAX_BYTES

__all__ = ["LoadError", "RawRecord", "discover_inputs", "load_articles", "read_links",
           "read_manifest"]

log = logging.getLogger(__name__)



class LoadError(ValueError):
    """An input cannot be loaded; the message names the file and the reason."""


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


def load_articles(
    paths,
    manifest=None,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: bool = False,
    fetch_options=None,
    progress: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load articles from files, folders, globs or a list of them.

    Link records (a plain list of URLs, a GDELT DOC or GKG export, a Media Cloud CSV without
    text) keep their URL, date and outlet; their pages are fetched only with ``fetch=True``
    (:mod:`workbench.ingest.fetch`: politely, robots.txt obeyed), else each is a ``skipped``
    row of the load report saying so (:func:`read_links` lists them).

    Args:
        paths: A path, folder (recursive), glob pattern, or a list of them.
        manifest: Optional manifest (CSV/JSON path or DataFrame) with a ``file`` column matched
            against file names or relative paths; its ``url``, ``outlet``, ``published`` and any
            other columns are attached to the articles. A ``manifest.csv`` inside a loaded folder
            is used when none is given.
        strict: Raise :class:`LoadError` on the first input that fails instead of reporting it.
        max_bytes: Inputs larger than this are reported as failed.
        fetch: Download the page of every link record (the network is used only then).
        fetch_options: A :class:`workbench.ingest.fetch.FetchOptions` (delay per host,
            timeout, user agent, robots.txt).
        progress: A progress bar over the records cleaned (:mod:`workbench.progress`: True,
            False, or None to follow ``WORKBENCH_PROGRESS``).

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
    fetcher = None
    if fetch:
        from workbench.ingest.fetch import Fetcher, FetchOptions

        fetcher = Fetcher(fetch_options or FetchOptions())
    for path in discover_inputs(paths):
        meta = _manifest_row(man, path)
        for outcome in read_path(path, max_bytes=max_bytes):
            if isinstance(outcome, RawRecord) and outcome.content_type == "url":
                outcome = fetcher.fetch(outcome) if fetcher else _link_row(outcome)
            if isinstance(outcome, dict) and strict and outcome["status"] == "failed":
                raise LoadError(f"{outcome['source_path']}: {outcome['reason']}")
            outcomes.append((outcome, meta))
    records = [(o, m) for o, m in outcomes if isinstance(o, RawRecord)]
    from workbench.progress import progress_bar

    with progress_bar(total=len(records), desc="load", unit="article", progress=progress) as bar:
        built = iter(build_articles([r for r, _ in records], [{**r.meta, **m} for r, m in records],
                                    progress=bar.update))
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


def _link_row(rec: RawRecord) -> dict:
    """The load-report row of a link record that is not fetched."""
    known = ", ".join(f"{k[7:]} {rec.meta[k]}" for k in ("record_published", "record_outlet",
                                                         "record_source_domain")
                      if rec.meta.get(k))
    return _report_row(rec.source_path, rec.record, rec.input_format, "skipped",
                       f"{rec.record}: a link without text ({rec.content}"
                       f"{'; ' + known if known else ''}); load with fetch=True to fetch the "
                       "page", None, rec.byte_count)


def read_links(paths, manifest=None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    """List the link records of the inputs (URL lists, GDELT and Media Cloud exports), unfetched.

    Args:
        paths: As for :func:`load_articles`.
        manifest: As for :func:`load_articles` (its ``outlet`` and ``published`` columns count).
        max_bytes: Larger inputs are left out.

    Returns:
        One row per link record: ``source_path``, ``record``, ``input_format``, ``url``,
        ``headline``, ``outlet`` (the record's, else the one its URL names), ``source_domain``,
        ``published_date`` (naive UTC; relative values left empty) and ``published``, the
        value as given. Reads nothing from the network.
    """
    from workbench.clean.meta import outlet_for_url, parse_date
    from workbench.ingest.readers import read_path

    if manifest is None:
        manifest = _find_default_manifest(paths)
    man = read_manifest(manifest) if manifest is not None else None
    rows = []
    for path in discover_inputs(paths):
        given = _manifest_row(man, path)
        for rec in read_path(path, max_bytes=max_bytes):
            if not isinstance(rec, RawRecord) or rec.content_type != "url":
                continue
            meta = {**rec.meta, **given}
            published = meta.get("published") or meta.get("record_published")
            parsed = parse_date(published)
            rows.append({
                "source_path": rec.source_path, "record": rec.record,
                "input_format": rec.input_format, "url": rec.content,
                "headline": meta.get("record_headline"),
                "outlet": meta.get("outlet") or meta.get("record_outlet")
                or outlet_for_url(rec.content) or outlet_for_url(meta.get("record_source_domain")),
                "source_domain": meta.get("record_source_domain"),
                "published_date": parsed[0] if parsed else None, "published": published,
            })
    columns = ["source_path", "record", "input_format", "url", "headline", "outlet",
               "source_domain", "published_date", "published"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["published_date"] = pd.to_datetime(frame["published_date"])
    return frame


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
