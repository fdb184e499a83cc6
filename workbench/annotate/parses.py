"""Parse once: spaCy parses kept on disk as ``DocBin`` files, keyed by text and model.

A parse depends on the text, the model (weights, tokenizer, config), spaCy's version and how
:func:`workbench.annotate.doc_tables.make_doc` cuts long runs; :func:`parse_key` is a SHA-256 over all
of them, and each text's parse is stored under that key and the text's SHA-256::

    <parse dir>/<parse key[:16]>/key.json          the full key and what it was made from
    <parse dir>/<parse key[:16]>/<sha[:2]>/<sha>.spacy

A change to the annotate layers (which changes the annotation cache key) re-runs the layers on the
stored parses; a new model or spaCy version gives a new parse key, so a stale parse is never read
(nothing is bumped by hand). Files are written to a temporary name and renamed, so concurrent
workers and interrupted runs never leave a half-written parse where a reader looks.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

__all__ = ["PARSE_DIR_FIELD", "ParseStore", "parse_key", "parse_records", "text_sha256", "with_parse_dir"]

log = logging.getLogger(__name__)

#: Record key naming the parse directory (set by :class:`workbench.store.CorpusStore`).
PARSE_DIR_FIELD = "_parse_dir"


def text_sha256(text: str) -> str:
    """Return the SHA-256 (hex) of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _model_files_sha256(model_dir: str) -> str:
    digest = hashlib.sha256()
    root = Path(model_dir)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _model_dir(nlp) -> str | None:
    path = nlp.meta.get("_wb_path") or getattr(nlp, "_path", None)
    return str(path) if path else None


@lru_cache(maxsize=4)
def _key_parts(model: str) -> tuple[str, dict]:
    import spacy
    import spacy.util

    from workbench.annotate import doc_tables as _parse
    from workbench.annotate.nlp import get_nlp

    nlp = get_nlp(model)
    try:
        root = Path(spacy.util.get_package_path(model))
    except Exception:  # noqa: BLE001 - a model given as a path, not a package
        root = Path(model)
    dirs = [p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").exists()] \
        if root.is_dir() else []
    model_dir = dirs[0] if dirs else root
    parts = {
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "model_files_sha256": _model_files_sha256(str(model_dir)),
        "spacy": spacy.__version__,
        "pipes": list(nlp.pipe_names),
        "make_doc_sha256": hashlib.sha256(inspect.getsource(_parse.make_doc).encode()).hexdigest(),
        "long_run_chars": _parse.LONG_RUN_CHARS,
    }
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return key, parts


def parse_key(model: str | None = None) -> str:
    """Return the SHA-256 (hex) that stored parses must match for ``model``.

    It covers every file of the installed model (weights, tokenizer, config, vocabulary),
    spaCy's version, the enabled pipes and the source of ``make_doc``.
    """
    from workbench.annotate.nlp import model_name

    return _key_parts(model or model_name())[0]


class ParseStore:
    """The parses of one model kept under ``root`` (see the module docstring)."""

    def __init__(self, root: str | os.PathLike, *, model: str | None = None):
        """Open (and create on first write) the parses of ``model`` under ``root``."""
        from workbench.annotate.nlp import model_name

        self.model = model or model_name()
        self.key, self._parts = _key_parts(self.model)
        self.path = Path(root) / self.key[:16]
        self._warned = False

    def _file(self, sha: str) -> Path:
        return self.path / sha[:2] / f"{sha}.spacy"

    def get(self, text: str, vocab, sha: str | None = None):
        """Return the stored ``Doc`` of ``text`` (None when there is none or it is unreadable)."""
        from spacy.tokens import DocBin

        path = self._file(sha or text_sha256(text))
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
        except Exception:  # noqa: BLE001 - a damaged file is parsed again and rewritten
            return None
        if len(docs) != 1 or docs[0].text != text:
            return None
        return docs[0]

    def put(self, doc, sha: str | None = None) -> bool:
        """Store ``doc``'s parse (atomically: written to a temporary name, then renamed).

        Returns:
            False when it could not be written (a full disk, no permission): the annotation
            goes on without it, with one warning per store.
        """
        from spacy.tokens import DocBin

        path = self._file(sha or text_sha256(doc.text))
        bin_ = DocBin(store_user_data=False)
        bin_.add(doc)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            key_file = self.path / "key.json"
            if not key_file.exists():
                _atomic_write(key_file, json.dumps({"key": self.key, **self._parts}, indent=1).encode())
            _atomic_write(path, bin_.to_bytes())
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("parses not kept in %s: %s", self.path, exc)
            return False
        return True

    def __len__(self) -> int:
        """Return how many parses are stored."""
        return sum(1 for _ in self.path.glob("*/*.spacy")) if self.path.exists() else 0


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def parse_records(nlp, records: list[dict], *, model: str | None = None, batch_size: int = 16,
                  n_process: int = 1) -> Iterator[tuple[object, dict]]:
    """Yield ``(Doc, record)`` for each record, in order: stored parses read, the rest parsed.

    Records that carry :data:`PARSE_DIR_FIELD` read their parse from that directory when it holds
    one under the current :func:`parse_key`, and store the new parse there otherwise. Records
    without it are parsed as before.
    """
    from workbench.annotate import doc_tables as _parse

    stores: dict[str, ParseStore] = {}
    cached: dict[int, object] = {}
    shas: dict[int, str] = {}
    for i, rec in enumerate(records):
        root = rec.get(PARSE_DIR_FIELD)
        if not root:
            continue
        store = stores.get(root) or stores.setdefault(root, ParseStore(root, model=model))
        shas[i] = text_sha256(rec["text"])
        doc = store.get(rec["text"], nlp.vocab, shas[i])
        if doc is not None:
            cached[i] = doc
    todo = [(i, rec) for i, rec in enumerate(records) if i not in cached]
    parsed = nlp.pipe(((_parse.make_doc(nlp, rec["text"]), (i, rec)) for i, rec in todo),
                      as_tuples=True, batch_size=batch_size, n_process=n_process)
    for i, rec in enumerate(records):
        if i in cached:
            yield cached.pop(i), rec
            continue
        doc, (j, _rec) = next(parsed)
        assert j == i, "nlp.pipe returned the docs out of order"
        root = rec.get(PARSE_DIR_FIELD)
        if root:
            stores[root].put(doc, shas[i])
        yield doc, rec


def with_parse_dir(batches, root: str | os.PathLike) -> Iterator[list[dict]]:
    """Yield each batch of article records with :data:`PARSE_DIR_FIELD` set to ``root``."""
    root = str(root)
    for batch in batches:
        yield [{**rec, PARSE_DIR_FIELD: root} for rec in batch]
