"""Provenance: what produced a store, an export or a chart, so that a result can be reproduced.

A provenance record (:func:`provenance`) holds the versions of the packages that shape the
output (workbench, spaCy, the spaCy model with the SHA-256 of its files, trafilatura, htmldate,
pandas), the SHA-256 of the annotate code (:func:`annotator_code_sha256`, part of the
annotation cache key), a corpus fingerprint, the time and the command that ran. Hashes are
over file contents only, never paths or times, so the same inputs give the same fingerprint on
any machine.

This is the one module that reads the clock, and only to say *when* something ran; no date in
the data is ever read relative to it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shlex
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from workbench.version import __version__

__all__ = [
    "annotator_code_sha256",
    "caption",
    "code_sha256",
    "corpus_fingerprint",
    "corpus_sha256",
    "file_sha256",
    "input_digests",
    "model_info",
    "package_versions",
    "provenance",
    "run_command",
    "timestamp",
]

_PACKAGE_DIR = Path(__file__).resolve().parent
#: Distribution names the workbench has been installed under (the newest first).
_DISTRIBUTIONS = ("news-comparison-workbench", "workbench")
#: Packages whose versions change what the workbench produces.
_PACKAGES = ("spacy", "trafilatura", "htmldate", "pandas")


def timestamp() -> str:
    """The current UTC time, ISO 8601 to the second: when something ran (never a data date)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_command() -> str:
    """The command line of this process (a notebook kernel shows as its own command)."""
    return shlex.join(sys.argv) if sys.argv and sys.argv[0] else sys.executable


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of one file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def corpus_sha256(digests: Iterable[str]) -> str:
    """The corpus fingerprint: SHA-256 over the sorted SHA-256 digests of its input files.

    Args:
        digests: :func:`file_sha256` of every input file (order and repeats do not matter).

    Returns:
        A hex digest that depends on the files' contents only: renaming, moving or listing the
        files in another order gives the same value; changing one byte of one file does not.
    """
    h = hashlib.sha256()
    for digest in sorted(set(digests)):
        h.update(digest.encode() + b"\n")
    return h.hexdigest()


def input_digests(paths: Iterable[str | os.PathLike]) -> dict[str, str]:
    """``{path: file_sha256}`` of every path that is a readable file (others are left out)."""
    out: dict[str, str] = {}
    for path in dict.fromkeys(str(p) for p in paths if p is not None and str(p)):
        try:
            out[path] = file_sha256(path)
        except OSError:
            continue
    return out


def corpus_fingerprint(corpus) -> str | None:
    """The corpus SHA-256 (:func:`corpus_sha256`) of whatever names a corpus.

    Args:
        corpus: A fingerprint (str, returned as is), a :class:`~workbench.store.CorpusStore`
            or anything else that hands over its own with a ``corpus_sha256()`` method (the
            store's is from its ``store.json``), a :class:`~workbench.Corpus` (its store's,
            else over the files of its load report), or a ``load_report`` frame
            (``source_path``).

    Returns:
        The hex digest, or None when nothing names readable input files.
    """
    if corpus is None or isinstance(corpus, str):
        return corpus
    own = getattr(corpus, "corpus_sha256", None)
    if callable(own):
        return own()
    store = getattr(corpus, "store", None)
    if store is not None:
        got = corpus_fingerprint(store)
        if got:
            return got
    report = getattr(corpus, "load_report", corpus)
    if getattr(report, "columns", None) is None or "source_path" not in report.columns:
        return None
    digests = input_digests(report["source_path"])
    return corpus_sha256(digests.values()) if digests else None


def _tree_sha256(root: Path, files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(file_sha256(path).encode() + b"\n")
    return h.hexdigest()


def code_sha256(root: str | os.PathLike) -> str:
    """SHA-256 of a source folder, wherever it lies.

    Every file counts by relative path and content; byte-compiled caches (``__pycache__``,
    ``.pyc``) are left out.
    """
    root = Path(root)
    files = [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and p.suffix not in {".pyc", ".pyo"}]
    return _tree_sha256(root, files)


@lru_cache(maxsize=1)
def annotator_code_sha256() -> str:
    """SHA-256 of the annotate stage's code and data.

    :func:`code_sha256` of ``workbench/annotate``: its Python sources and the cue model's
    weights beside them.

    Part of the annotation cache key: any change to what annotates gives a new key, so rows
    stored by other code are never served. Computed once per process.
    """
    return code_sha256(_PACKAGE_DIR / "annotate")


def _version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _workbench_version() -> str:
    for name in _DISTRIBUTIONS:
        got = _version(name)
        if got:
            return got
    return __version__


def _git_commit() -> str | None:
    """The commit of the checkout the workbench runs from, if any (read from ``.git``)."""
    git = _PACKAGE_DIR.parent / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            ref_file = git / ref
            if ref_file.is_file():
                return ref_file.read_text().strip()
            for line in (git / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0]
            return None
        return head
    except OSError:
        return None


@lru_cache(maxsize=4)
def model_info(name: str | None) -> dict:
    """The spaCy model: name, version (from its ``meta.json``) and SHA-256 over its files.

    Read from the installed package, without loading the model. ``sha256`` is over every file
    of the model directory (relative path and content), so a re-upload with other weights
    shows.

    Args:
        name: The model's package name or path, the one the annotate stage loads
            (:func:`workbench.annotate.nlp.model_name`, passed in by the caller: this module
            sits below the stages and reads no configuration); None when none is installed.
    """
    import json

    if not name:
        return {"name": None, "error": "no spaCy model installed"}
    pkg = name
    if Path(pkg).is_dir():
        root = Path(pkg)
    else:  # the installed package, found without importing spaCy
        import importlib.util

        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            return {"name": pkg, "error": "model package not found"}
        root = Path(list(spec.submodule_search_locations)[0])
    subdirs = [p for p in root.iterdir() if p.is_dir() and (p / "meta.json").exists()]
    model_dir = subdirs[0] if (subdirs and not (root / "config.cfg").exists()) else root
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    files = [p for p in model_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return {"name": pkg, "version": meta.get("version"),
            "spacy_name": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}",
            "sha256": _tree_sha256(model_dir, files)}


def package_versions(*, model_name: str | None) -> dict:
    """Versions of what shapes the output.

    Python, the workbench (and its git commit), spaCy and its model (with the SHA-256 of its
    files), trafilatura, htmldate, pandas, and the annotate code's SHA-256.

    Args:
        model_name: The spaCy model the annotate stage loads (see :func:`model_info`).
    """
    out: dict = {"workbench": _workbench_version(), "workbench_git_commit": _git_commit(),
                 "python": sys.version.split()[0]}
    for name in _PACKAGES:
        out[name] = _version(name)
    out["spacy_model"] = model_info(model_name)
    out["annotator_code_sha256"] = annotator_code_sha256()
    return out


def provenance(*, model_name: str | None, corpus_fingerprint: str | None = None,
               what: str | None = None, **extra) -> dict:
    """A provenance record: versions, corpus fingerprint, time and command.

    Args:
        model_name: The spaCy model the annotate stage loads (see :func:`model_info`).
        corpus_fingerprint: The corpus fingerprint (:func:`corpus_sha256` of the input files,
            or a store's :meth:`~workbench.store.CorpusStore.corpus_sha256`).
        what: What was produced ("export", "chart", ...).
        **extra: Further fields (the store, the tables, the options).

    Returns:
        A JSON-ready dict.
    """
    record = {"what": what, "created": timestamp(), "command": run_command(),
              "corpus_fingerprint": corpus_fingerprint,
              "versions": package_versions(model_name=model_name)}
    record.update(extra)
    return record


def caption(record: dict) -> str:
    """One caption line for a chart: corpus fingerprint, date made, workbench version."""
    versions = record.get("versions") or {}
    corpus = record.get("corpus_fingerprint")
    commit = versions.get("workbench_git_commit")
    version = f"workbench {versions.get('workbench', '?')}" + (f" ({commit[:7]})" if commit
                                                                else "")
    return " · ".join([f"corpus {corpus[:12]}" if corpus else "corpus unknown",
                       f"made {str(record.get('created', ''))[:10]}", version])
