"""Corrections that persist: the edit log, and inter-coder coding sheets with Krippendorff's alpha.

A coder's merges and splits of stories and corrections of rows (a source, speaker, quote, date
value or outlet: correct, add or remove) are recorded as **edits**, one row per edit of the
``edits`` table (:data:`workbench.schema.TABLES`). A corpus with a store keeps them in the store
folder's append-only ``edits.jsonl`` (one JSON object per line); a corpus without one keeps them
in memory. Edits are re-applied, in order, whenever a table is computed again: reopening the
store, ``workbench compare``, a re-annotation under a new model or annotator version. They are
exported with the data (``workbench export`` writes the ``edits`` table, and stored tables are
read corrected).

An edit names rows by stable keys, never by position (:data:`ROW_KEYS`): an article by its
``article_id`` (a content hash), a source, time expression or entity by ``article_id`` and its
character span in the article's clean text (or every mention of one source by ``source_key``),
a quotation by its content span, a story by the ``article_id`` of its members. When a new
annotator finds a mention at slightly different offsets, a span key matches the row of that
article whose span overlaps it most; an edit that matches nothing is kept in the log and
reported (:func:`unmatched_edits`), never silently dropped.

Writers of one store append under the store's lock (:meth:`workbench.store.CorpusStore.lock`),
reading the log afresh inside it, so concurrent writers never interleave lines and never record
an edit twice: an edit identical to one already logged (same action, rows, values, coder and
note) that no later edit has touched is not appended again, so re-running a notebook cell is
harmless.

Inter-coder work: :func:`coding_sheet` lays out any table for coders (one row per unit, keyed by
its stable key), :func:`write_coding_sheet` saves it as CSV or XLSX, :func:`read_coding_sheets`
reads the coded sheets back, and :func:`coder_agreement` reports Krippendorff's alpha between
coders per field (the ``krippendorff`` package).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import schema
from workbench.edit_keys import (
    FROZEN,
    ROW_KEYS,
    SPANS,
    coerce_value,
    current_table,
    current_value,
    default_coder,
    editable_fields,
    json_value,
    match_rows,
    row_choices,
    span_columns,
)

__all__ = [
    "ACTIONS",
    "EDIT_LOG",
    "ROW_KEYS",
    "EditLog",
    "apply_coding_sheet",
    "apply_edits",
    "apply_story_edits",
    "coder_agreement",
    "coding_sheet",
    "correct_annotations",
    "current_value",
    "edit_corpus",
    "editable_fields",
    "make_edit",
    "read_coding_sheets",
    "row_choices",
    "span_columns",
    "unmatched_edits",
    "write_coding_sheet",
]

log = logging.getLogger(__name__)

#: The log's file name inside a store folder.
EDIT_LOG = "edits.jsonl"

STORY_ACTIONS = ("merge_stories", "split_story", "make_story")
ROW_ACTIONS = ("correct", "add", "remove")
ACTIONS = STORY_ACTIONS + ROW_ACTIONS

#: Positional ids, assigned to added rows (never used to name a row).
_ROW_IDS = {"sources": "source_id", "quotes": "quote_id", "timexes": "timex_id",
            "entities": "entity_id"}
#: ``articles`` columns whose corrections also set the article's ``publication_dates`` row.
_MIRRORED_DATES = ("published_date", "published_date_source", "published_date_precision")

#: Source kinds as :mod:`workbench.annotate.sources` flags them.
_ANONYMOUS_KINDS = frozenset({"anonymous", "unnamed_official"})
_ON_RECORD_KINDS = frozenset({"named_person", "named_organization", "news_agency", "document"})

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- edits ------------------------------------------------------------------------------------
def _check_key(table: str, row_key: dict) -> tuple[str, ...]:
    if table not in ROW_KEYS:
        raise ValueError(f"table {table!r} cannot be edited; editable: stories, "
                         f"{', '.join(ROW_KEYS)}")
    for kind in ROW_KEYS[table]:
        if set(row_key) == set(kind):
            return kind
    kinds = " or ".join("(" + ", ".join(k) + ")" for k in ROW_KEYS[table])
    raise ValueError(f"a row of {table!r} is named by {kinds}, not by {sorted(row_key)}")


def make_edit(action: str, table: str, row_key: dict, new_values: dict | None = None, *,
              coder: str | None = None, note: str = "", old_values: dict | None = None) -> dict:
    """Build one edit (a row of the ``edits`` table, as a dict), checking it.

    Args:
        action: One of :data:`ACTIONS`.
        table: ``stories`` for the story actions, else a table of :data:`ROW_KEYS`.
        row_key: The rows' stable key: ``{"article_ids": [...]}`` for story actions, else one of
            the table's :data:`ROW_KEYS` (``add``: the first, a span).
        new_values: ``{column: value}`` to set (``correct``) or of the new row (``add``).
        coder: Who edits (default :func:`default_coder`).
        note: Why, in the coder's words.
        old_values: What the rows held before, kept for review.

    Raises:
        ValueError: naming what is wrong (unknown action, table, key or column, a value of the
            wrong kind, a column no edit may set).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown edit action {action!r}; choose from {ACTIONS}")
    new_values = dict(new_values or {})
    if action in STORY_ACTIONS:
        if table != "stories" or set(row_key) != {"article_ids"}:
            raise ValueError(f"{action} edits table 'stories' and names rows by "
                             "{'article_ids': [...]}")
        ids = [str(a) for a in dict.fromkeys(row_key["article_ids"])]
        if not ids:
            raise ValueError(f"{action} needs at least one article id")
        row_key = {"article_ids": ids}
    else:
        kind = _check_key(table, row_key)
        if action == "add" and kind != ROW_KEYS[table][0]:
            raise ValueError(f"add names the new row of {table!r} by "
                             f"{ROW_KEYS[table][0]}, not {kind}")
        if action == "add" and table in ("articles", "publication_dates"):
            raise ValueError(f"rows of {table!r} cannot be added or removed by an edit "
                             "(load the article instead); correct them")
        if action == "remove" and table in ("articles", "publication_dates"):
            raise ValueError(f"rows of {table!r} cannot be added or removed by an edit; "
                             "correct them")
        if action == "correct" and not new_values:
            raise ValueError("a correction needs at least one column to set")
        if action == "remove" and new_values:
            raise ValueError("remove sets no values")
        row_key = {c: json_value(coerce_value(table, c, v)) for c, v in row_key.items()}
        frozen = sorted((set(new_values) & FROZEN) | (set(new_values) & set(row_key)
                                                       if action == "add" else set()))
        if frozen:
            raise ValueError(f"an edit cannot set {frozen} of {table!r} (identity, offsets "
                             "into the text, or positional ids)")
        if action == "correct" and table == "articles" and {"text", "raw_text"} & set(new_values):
            raise ValueError("the article text cannot be corrected")
    if table == "sources" and new_values.get("source_kind"):
        # the flags the annotator derives from the kind, unless the coder sets them
        kind = new_values["source_kind"]
        new_values.setdefault("is_anonymous", kind in _ANONYMOUS_KINDS)
        new_values.setdefault("is_on_record", kind in _ON_RECORD_KINDS)
        if action == "add":
            new_values.setdefault("is_plural", False)
    values = {c: json_value(coerce_value(table, c, v)) for c, v in new_values.items()} if (
        table != "stories") else {}
    return {
        "edit_id": f"e-{uuid.uuid4().hex[:16]}",
        "edited_datetime": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
        "coder_name": coder or default_coder(),
        "action": action,
        "table_name": table,
        "row_key": row_key,
        "new_values": values,
        "old_values": {c: json_value(v) for c, v in (old_values or {}).items()},
        "edit_note": note or "",
    }


def _signature(edit: dict) -> str:
    """What makes two edits the same edit (not the id or the time)."""
    return json.dumps([edit["action"], edit["table_name"], edit["row_key"], edit["new_values"],
                       edit["coder_name"], edit["edit_note"]], sort_keys=True, default=str)


def _target(edit: dict) -> tuple:
    """The rows an edit touches, coarsely: a table's rows of one article, or all stories."""
    key = edit["row_key"]
    return (edit["table_name"], key.get("article_id") if "article_id" in key else None)


class EditLog:
    """The edits of one corpus: ``edits.jsonl`` in its store folder, or a list in memory.

    Args:
        store: A :class:`workbench.store.CorpusStore`, or None (edits kept in memory).
    """

    def __init__(self, store=None):
        self.store = store
        self._memory: list[dict] = []
        self._cache: tuple[tuple | None, list[dict]] = (None, [])

    def __repr__(self) -> str:
        where = self.path if self.store is not None else "memory"
        return f"<EditLog {where}: {len(self.records())} edits>"

    @property
    def path(self) -> Path | None:
        """The log file, or None for a log in memory."""
        return None if self.store is None else Path(self.store.path) / EDIT_LOG

    def records(self) -> list[dict]:
        """Return every edit, oldest first (re-read only when the file changed)."""
        if self.store is None:
            return list(self._memory)
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if self._cache[0] != stamp:
            self._cache = (stamp, _read_log(self.path))
        return list(self._cache[1])

    def table(self) -> pd.DataFrame:
        """Return the ``edits`` table: one row per edit, oldest first."""
        return edits_table(self.records())

    def digest(self) -> str:
        """A fingerprint of the edits (empty for no edits): stored comparisons depend on it."""
        records = self.records()
        if not records:
            return ""
        text = json.dumps(records, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def append(self, edits: Iterable[dict]) -> list[dict]:
        """Record edits at the end of the log; return those recorded (duplicates are not).

        In a store, under the store's write lock with the log read afresh, so two writers at
        once never interleave or duplicate lines.
        """
        edits = list(edits)
        if self.store is None:
            fresh = _new_edits(self._memory, edits)
            self._memory.extend(fresh)
            return fresh
        with self.store.lock("record edits"):
            existing = _read_log(self.path) if self.path.exists() else []
            fresh = _new_edits(existing, edits)
            if fresh:
                lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                                for e in fresh)
                _drop_torn_tail(self.path)
                with open(self.path, "ab") as fh:
                    fh.write(lines.encode("utf-8"))
                    fh.flush()
                    os.fsync(fh.fileno())
        return fresh


def _drop_torn_tail(path: Path) -> None:
    """Cut an unfinished last line (its writer crashed: writers hold the lock) before appending."""
    if not path.exists():
        return
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        keep = raw.rfind(b"\n") + 1
        log.warning("%s: dropping an unfinished last line left by a crashed writer", path)
        with open(path, "r+b") as fh:
            fh.truncate(keep)


def _new_edits(existing: list[dict], edits: list[dict]) -> list[dict]:
    """The edits not logged yet: a new id, and not a repeat of the latest edit of its rows."""
    ids = {e["edit_id"] for e in existing}
    latest: dict[tuple, str] = {}
    for e in existing:
        latest[_target(e)] = _signature(e)
    fresh = []
    for e in edits:
        if e["edit_id"] in ids or latest.get(_target(e)) == _signature(e):
            continue
        ids.add(e["edit_id"])
        latest[_target(e)] = _signature(e)
        fresh.append(e)
    return fresh


def _read_log(path: Path) -> list[dict]:
    """Parse ``edits.jsonl``.

    An edit counts once its line ends with a newline (written last), so a line still being
    written, or torn by a crash, is not read.
    """
    segments = path.read_bytes().split(b"\n")
    if segments[-1].strip():
        log.info("%s: last line not finished (being written, or torn by a crash); not read", path)
    out = []
    for number, line in enumerate(segments[:-1], 1):
        if not line.strip():
            continue
        try:
            edit = json.loads(line)
            missing = [c for c in schema.TABLES["edits"] if c not in edit]
            if missing:
                raise ValueError(f"missing {missing}")
        except ValueError as exc:
            raise ValueError(f"{path}: line {number} is not an edit ({exc}); fix or remove "
                             "that line") from None
        out.append(edit)
    return out


def edits_table(records: list[dict]) -> pd.DataFrame:
    """The ``edits`` table of a list of edits."""
    return schema.coerce([dict(r) for r in records], "edits")


# --- applying edits ---------------------------------------------------------------------------
def _row_edits(edits: Iterable[dict], table: str) -> list[dict]:
    out = []
    for e in edits:
        if e["table_name"] == table and e["action"] in ROW_ACTIONS:
            out.append(e)
        elif (table == "publication_dates" and e["table_name"] == "articles"
              and e["action"] == "correct"
              and set(e["new_values"]) & set(_MIRRORED_DATES)):
            values = {c: v for c, v in e["new_values"].items() if c in _MIRRORED_DATES}
            if "published_date" in values:
                values.update(earliest_date=values["published_date"],
                              latest_date=values["published_date"], confidence=1.0,
                              evidence=f"corrected by {e['coder_name']}"
                              + (f": {e['edit_note']}" if e["edit_note"] else ""))
            out.append({**e, "table_name": table, "new_values": values})
    return out


def apply_edits(df: pd.DataFrame, table: str, edits: Iterable[dict], *,
                unmatched: list[dict] | None = None) -> pd.DataFrame:
    """Apply the row edits of ``table`` (correct, add, remove) in log order.

    Args:
        df: The table as computed (not changed); may hold only some of its columns, then
            only the edits of those columns apply.
        table: Its name.
        edits: Edits (rows of the ``edits`` table as dicts), any table; others are ignored.
        unmatched: A list that receives the edits that named no row.

    Returns:
        The corrected table, same grain (rows added or removed by the edits); validated when
        whole.
    """
    todo = _row_edits(edits, table)
    if not todo or "article_id" not in df.columns:
        return df
    out = df.reset_index(drop=True)  # labels are positions: added rows go at the end
    whole = list(out.columns) == schema.TABLES[table]
    # each edit looks only at its article's rows (an edit names rows of one article)
    rows_of = {aid: list(pos) for aid, pos in out.groupby("article_id", sort=False).indices.items()}
    removed: set[int] = set()
    copied = False
    for e in todo:
        key = e["row_key"]
        if not set(key) <= set(out.columns):
            continue
        look = [c for c in dict.fromkeys([*key, *SPANS.get(table, ())]) if c in out.columns]
        candidates = out.loc[[i for i in rows_of.get(key["article_id"], ()) if i not in removed],
                             look]
        hit = candidates.index[match_rows(candidates, table, key, exact=e["action"] == "add")]
        values = {c: coerce_value(table, c, v) for c, v in e["new_values"].items() if c in out.columns}
        if e["action"] == "remove":
            if not len(hit):
                _unmatched(e, unmatched)
            removed.update(hit)
        elif len(hit):  # correct, or add of a row the annotator found itself
            if not copied:
                out, copied = out.copy(), True
            for col, value in values.items():
                for i in hit:
                    out.at[i, col] = value
        elif e["action"] == "add" and whole:
            alive = out.loc[[i for i in rows_of.get(key["article_id"], ()) if i not in removed]]
            out, copied = _add_row(out, alive, table, {
                **{c: coerce_value(table, c, v) for c, v in key.items()}, **values}), True
            rows_of.setdefault(key["article_id"], []).append(len(out) - 1)
        else:
            _unmatched(e, unmatched)
    if removed:
        out = out.drop(index=sorted(removed))
    out = out.reset_index(drop=True)
    return schema.validate(out, table) if whole else out


def _unmatched(edit: dict, sink: list[dict] | None) -> None:
    log.warning("edit %s (%s %s %s by %s) names no row; kept in the log", edit["edit_id"],
                edit["action"], edit["table_name"], edit["row_key"], edit["coder_name"])
    if sink is not None:
        sink.append(edit)


def _add_row(df: pd.DataFrame, article_rows: pd.DataFrame, table: str, row: dict) -> pd.DataFrame:
    id_col = _ROW_IDS.get(table)
    if id_col:
        ids = article_rows[id_col].dropna()
        row[id_col] = int(ids.max()) + 1 if len(ids) else 0
    new = schema.coerce([row], table)
    return pd.concat([df, new], ignore_index=True) if len(df) else new


def apply_story_edits(stories: pd.DataFrame, edits: Iterable[dict], *,
                      articles: pd.DataFrame | None = None,
                      unmatched: list[dict] | None = None) -> pd.DataFrame:
    """Apply the story edits (merge, split, make) to a ``stories`` table, in log order.

    A merge merges the stories that now hold any of its articles; a split moves its articles
    out of the one story that holds them (spread over several, they are gathered into one);
    ``make_story`` gathers them. Articles no longer in the corpus are left out. Re-applying an
    edit already in force changes nothing.

    Returns:
        The ``stories`` table (one row per (story_id, article_id)).
    """
    from workbench.compare import make_story, merge_stories, split_story

    todo = [e for e in edits if e["table_name"] == "stories"]
    if not todo or not len(stories):
        return stories
    out = stories
    for e in todo:
        present = set(out["article_id"])
        ids = [a for a in e["row_key"]["article_ids"] if a in present]
        if not ids:
            _unmatched(e, unmatched)
            continue
        held = out.set_index("article_id").loc[ids, "story_id"].tolist()
        story_ids = list(dict.fromkeys(held))
        if e["action"] == "merge_stories":
            if len(story_ids) > 1:
                out = merge_stories(out, story_ids, articles=articles)
        elif e["action"] == "split_story" and len(story_ids) == 1:
            out = split_story(out, story_ids[0], ids, articles=articles)
        else:  # make_story, or a split whose articles are now spread over several stories
            members = set(out.loc[out["story_id"].isin(story_ids), "article_id"])
            if len(story_ids) > 1 or members != set(ids):
                out = make_story(out, ids, articles=articles)
    return schema.validate(out, "stories")


def correct_annotations(annotations, edits: Iterable[dict]):
    """Return :class:`workbench.annotate.Annotations` with the row edits applied.

    ``source_summary`` is recomputed from the corrected sources when sources were edited.
    """
    from workbench.annotate.pipeline import Annotations
    from workbench.annotate.sources import summarize_sources

    edits = list(edits)
    if not any(e["action"] in ROW_ACTIONS for e in edits):
        return annotations
    tables = annotations.tables()
    for name in ("entities", "quotes", "sources", "timexes", "publication_dates"):
        tables[name] = apply_edits(tables[name], name, edits)
    if any(e["table_name"] == "sources" for e in edits):
        tables["source_summary"] = summarize_sources(tables["sources"])
    return Annotations(**tables)


def unmatched_edits(corpus) -> pd.DataFrame:
    """Return the edits of ``corpus`` that name no row of its current tables.

    Returns:
        The ``edits`` table of those edits (an article removed from the corpus, a mention the
        annotator no longer finds and no add restores).
    """
    edits = corpus.edit_log.records()
    missed: list[dict] = []
    for table in sorted({e["table_name"] for e in edits} - {"stories"}):
        raw = (corpus.articles if table == "articles"
               else getattr(corpus._uncorrected_annotations, table))
        apply_edits(raw, table, edits, unmatched=missed)
    if any(e["table_name"] == "stories" for e in edits):
        apply_story_edits(corpus.stories, edits, articles=corpus.articles, unmatched=missed)
    seen = set()
    return edits_table([e for e in missed if not (e["edit_id"] in seen or seen.add(e["edit_id"]))])


# --- editing a corpus ---------------------------------------------------------------------------
def edit_corpus(corpus, action: str, table: str, row_key: dict, new_values: dict | None = None,
                *, coder: str | None = None, note: str = "") -> dict | None:
    """Record a row edit of ``corpus`` in its log and apply it (tables built on it are redone).

    Args:
        corpus: A :class:`workbench.Corpus`.
        action: ``correct``, ``add`` or ``remove``.
        table: A table of :data:`ROW_KEYS`.
        row_key: The rows' stable key.
        new_values: ``{column: value}`` (``correct``, ``add``).
        coder: Who edits (default :func:`default_coder`).
        note: Why.

    Returns:
        The recorded edit, or None when it changes nothing (the rows already hold the values).

    Raises:
        ValueError: a malformed edit, or (``correct``, ``remove``) a key that names no row.
    """
    if action not in ROW_ACTIONS:
        raise ValueError(f"edit_corpus takes {ROW_ACTIONS}; stories change by "
                         "corpus.merge_stories / split_story / make_story")
    new_values = dict(new_values or {})
    current = current_table(corpus, table)
    probe = make_edit(action, table, row_key, new_values, coder=coder, note=note)
    mask = match_rows(current, table, probe["row_key"], exact=action == "add")
    if action != "add" and not mask.any():
        raise ValueError(f"no row of {table!r} has {probe['row_key']}")
    if action == "add" and "sentence_id" in current.columns and "sentence_id" not in new_values:
        sents = corpus.sentences
        start = probe["row_key"][SPANS[table][0]]
        hit = sents[(sents["article_id"] == probe["row_key"]["article_id"])
                    & (sents["start_char"] <= start) & (sents["end_char"] > start)]
        if len(hit):
            probe["new_values"]["sentence_id"] = int(hit["sentence_id"].iloc[0])
    old = current.loc[mask].iloc[0].to_dict() if mask.any() else {}
    columns = list(probe["new_values"]) or [c for c in current.columns if c in old]
    old_values = {c: old.get(c) for c in columns if c in old and c not in FROZEN}
    if action == "correct" and all(
            _same(old.get(c), coerce_value(table, c, v)) for c, v in probe["new_values"].items()):
        return None
    probe["old_values"] = {c: json_value(v) for c, v in old_values.items()}
    recorded = corpus.edit_log.append([probe])
    refresh_corpus(corpus, recorded)
    return recorded[0] if recorded else None


def record_story_edit(corpus, action: str, article_ids: list[str], *, coder: str | None = None,
                      note: str = "") -> dict | None:
    """Record a merge, split or make_story of ``corpus`` (already applied to its stories)."""
    edit = make_edit(action, "stories", {"article_ids": list(article_ids)}, coder=coder, note=note)
    recorded = corpus.edit_log.append([edit])
    corpus._stored_compare = set()  # stored comparisons predate the edit
    return recorded[0] if recorded else None


def _same(a, b) -> bool:
    a_missing = a is None or (not isinstance(a, (list, dict)) and pd.isna(a))
    b_missing = b is None or (not isinstance(b, (list, dict)) and pd.isna(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    if isinstance(b, pd.Timestamp):
        return pd.Timestamp(a) == b
    return json_value(a) == json_value(b)


def refresh_corpus(corpus, edits: list[dict]) -> None:
    """Apply new row edits to ``corpus``: articles at once, the cached tables built on them redone."""
    if not edits:
        return
    corpus.articles = apply_edits(corpus.articles, "articles", edits)
    corpus._stored_compare = set()  # stored comparisons predate the edit
    for name in ("annotations", "publication_dates", "timexes", *corpus._STORY_DEPENDENTS):
        corpus.__dict__.pop(name, None)
    if any(e["table_name"] == "articles" for e in edits):
        corpus.__dict__.pop("stories", None)  # labels and threads read the articles


# --- inter-coder work ------------------------------------------------------------------------
def _unit_key(table: str, df: pd.DataFrame) -> tuple[str, ...]:
    if table in ROW_KEYS and set(ROW_KEYS[table][0]) <= set(df.columns):
        return ROW_KEYS[table][0]
    key = schema.PRIMARY_KEYS.get(table)
    if key and set(key) <= set(df.columns):
        return key
    raise ValueError(f"table {table!r} has no key to name its units by; give key=[columns]")


#: The text a coder reads to code a row, per table (shown unless coded).
_CONTEXT = {
    "sources": ("source_text", "cue"),
    "quotes": ("speaker", "cue", "content"),
    "timexes": ("timex_text", "value"),
    "entities": ("entity_text", "entity_label"),
    "sentences": ("sentence_text",),
    "claims": ("fact", "value_text", "evidence_text"),
    "discrepancies": ("subject", "value_text", "evidence_text"),
    "story_sources": ("source_text",),
    "story_dates": ("timex_text", "value"),
}


def coding_sheet(df: pd.DataFrame, table: str, fields: list[str], *,
                 context: list[str] | None = None, key: list[str] | None = None,
                 articles: pd.DataFrame | None = None, prefill: bool = False) -> pd.DataFrame:
    """Lay out a table for coders: one row per unit, the fields to code, context beside them.

    Args:
        df: Any table (``sources``, ``quotes``, ``discrepancies``, ...).
        table: Its name (for its stable key, :data:`ROW_KEYS`, else its primary key).
        fields: Columns the coders fill in.
        context: Columns shown to help the coder (default: the row's own text, e.g.
            ``source_text`` and ``cue`` of a source, besides outlet and headline).
        key: Columns naming a unit, instead of the table's key.
        articles: The ``articles`` table: ``outlet`` and ``headline`` are joined by article.
        prefill: Fill the fields with the workbench's values (coders correct them) instead of
            leaving them empty (blind coding).

    Returns:
        One row per unit: ``unit_id`` (the key values joined by ``|``), the key columns,
        ``outlet``/``headline``, the context, ``coder_name`` (empty) and the fields.
    """
    key = tuple(key) if key else _unit_key(table, df)
    if context is None:
        context = [c for c in _CONTEXT.get(table, ()) if c not in fields and c in df.columns]
    missing = [c for c in [*key, *fields, *(context or [])] if c not in df.columns]
    if missing:
        raise ValueError(f"table {table!r} has no column(s) {missing}")
    sheet = df[list(dict.fromkeys([*key, *(context or [])]))].copy()
    shown = [c for c in ("outlet", "headline") if c not in fields and c not in sheet.columns]
    if articles is not None and "article_id" in key and shown:
        labels = articles[["article_id", *shown]].drop_duplicates("article_id")
        sheet = sheet.merge(labels, on="article_id", how="left")
        sheet = sheet[[*key, *shown, *[c for c in sheet.columns if c not in (*key, *shown)]]]
    sheet.insert(0, "unit_id", ["|".join(str(json_value(v)) for v in row)
                                for row in df[list(key)].itertuples(index=False, name=None)])
    if sheet["unit_id"].duplicated().any():
        raise ValueError(f"the key {list(key)} repeats in {table!r}: units must be unique")
    sheet["coder_name"] = ""
    for col in fields:
        sheet[col] = [json_value(v) for v in df[col]] if prefill else None
    return sheet.reset_index(drop=True)


def write_coding_sheet(sheet: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Save a coding sheet as ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx`` (needs openpyxl).

    Text Excel would run as a formula is written with a leading ``'``, which
    :func:`read_coding_sheets` removes.
    """
    from workbench import export

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        export._write_csv(sheet, path, bom=True)
    elif path.suffix.lower() == ".xlsx":
        export._write_xlsx({"coding": sheet}, path)
    else:
        raise ValueError(f"{path}: a coding sheet is .csv or .xlsx")
    return path


def _read_sheet(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if suffix == ".xlsx":
            return pd.read_excel(path, dtype=object, sheet_name=0)
    except ImportError as exc:
        raise ImportError(f"{path}: reading XLSX needs openpyxl (pip install openpyxl)") from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a readable coding sheet ({exc})") from exc
    raise ValueError(f"{path}: a coding sheet is .csv or .xlsx")


def _cell(value) -> str | None:
    """A coded cell as text, missing as None ('3.0' from Excel is '3')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (pd.Timestamp,)):
        value = value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        text = text[1:]
    return text or None


def read_coding_sheets(paths: Iterable[str | os.PathLike], fields: list[str]) -> pd.DataFrame:
    """Read coded sheets back: one row per (coder, unit, field) with a coded value.

    Each sheet's coder is its ``coder_name`` column (a sheet may hold several coders' rows),
    else the file name without suffix.

    Returns:
        Columns ``coder_name``, ``unit_id``, ``field_name``, ``coded_value`` (text).

    Raises:
        ValueError: naming the file, when it lacks ``unit_id`` or a field, or a unit repeats
            for one coder.
    """
    rows = []
    for path in map(Path, paths):
        sheet = _read_sheet(path)
        missing = [c for c in ["unit_id", *fields] if c not in sheet.columns]
        if missing:
            raise ValueError(f"{path}: no column(s) {missing}; a coding sheet from "
                             "write_coding_sheet has unit_id and the coded fields")
        coders = (sheet["coder_name"].map(_cell) if "coder_name" in sheet.columns
                  else pd.Series(None, index=sheet.index))
        coders = coders.fillna(path.stem)
        units = sheet["unit_id"].map(_cell)
        dup = pd.DataFrame({"c": coders, "u": units}).duplicated()
        if dup.any():
            raise ValueError(f"{path}: unit {units[dup].iloc[0]!r} is coded twice by "
                             f"{coders[dup].iloc[0]!r}")
        for field in fields:
            for coder, unit, value in zip(coders, units, sheet[field]):
                value = _cell(value)
                if unit is not None and value is not None:
                    rows.append({"coder_name": coder, "unit_id": unit, "field_name": field,
                                 "coded_value": value})
    return pd.DataFrame(rows, columns=["coder_name", "unit_id", "field_name", "coded_value"])


def reliability_matrix(coded: pd.DataFrame, field: str, *, level: str = "nominal"):
    """The coders x units matrix of one field for :func:`krippendorff.alpha` (NaN: not coded).

    Nominal values become category numbers (in sorted order); other levels need numbers.

    Returns:
        ``(matrix, coders, units)``.
    """
    part = coded[coded["field_name"] == field]
    coders = sorted(part["coder_name"].unique())
    units = sorted(part["unit_id"].unique())
    if level == "nominal":
        codes = {v: float(i) for i, v in enumerate(sorted(part["coded_value"].unique()))}
        numbers = part["coded_value"].map(codes)
    else:
        numbers = pd.to_numeric(part["coded_value"], errors="coerce")
        bad = part["coded_value"][numbers.isna()]
        if len(bad):
            raise ValueError(f"field {field!r} at level {level!r} needs numbers, got "
                             f"{bad.iloc[0]!r}")
    matrix = np.full((len(coders), len(units)), np.nan)
    ci = {c: i for i, c in enumerate(coders)}
    ui = {u: i for i, u in enumerate(units)}
    for coder, unit, number in zip(part["coder_name"], part["unit_id"], numbers):
        matrix[ci[coder], ui[unit]] = number
    return matrix, coders, units


def coder_agreement(coded: pd.DataFrame, *, levels: dict[str, str] | None = None,
                    level: str = "nominal") -> pd.DataFrame:
    """Krippendorff's alpha between coders, per field, from :func:`read_coding_sheets`.

    Args:
        coded: One row per (coder, unit, field) with the coded value.
        levels: Level of measurement per field (``nominal``, ``ordinal``, ``interval``,
            ``ratio``); fields not named get ``level``.
        level: The default level.

    Returns:
        The ``coder_agreement`` table: one row per field with alpha (NaN when undefined: fewer
        than two coders, no unit coded twice, or a single value in all), units, coders and
        coded values.
    """
    import krippendorff

    rows = []
    for field in dict.fromkeys(coded["field_name"]):
        lvl = (levels or {}).get(field, level)
        matrix, coders, units = reliability_matrix(coded, field, level=lvl)
        pairable = int((np.sum(~np.isnan(matrix), axis=0) >= 2).sum())
        alpha = float("nan")
        if len(coders) >= 2 and pairable:
            try:
                alpha = float(krippendorff.alpha(reliability_data=matrix,
                                                 level_of_measurement=lvl))
            except (ValueError, ZeroDivisionError) as exc:  # one value only: undefined
                log.info("alpha of %s undefined: %s", field, exc)
        rows.append({"field_name": field, "level_of_measurement": lvl, "alpha": alpha,
                     "unit_count": len(units), "coder_count": len(coders),
                     "coded_value_count": int(np.sum(~np.isnan(matrix)))})
    return schema.coerce(rows, "coder_agreement")


def apply_coding_sheet(corpus, path: str | os.PathLike, table: str, fields: list[str], *,
                       coder: str | None = None, note: str = "") -> pd.DataFrame:
    """Record a coded (or adjudicated) sheet's values that differ from the corpus as corrections.

    The sheet is one :func:`coding_sheet` of ``table`` (with its key columns), coded. An empty
    cell is no opinion (the value is kept); a cell equal to the current value records nothing,
    so applying the same sheet twice records nothing the second time.

    Args:
        corpus: A :class:`workbench.Corpus`.
        path: The coded sheet (``.csv`` or ``.xlsx``).
        table: A table of :data:`ROW_KEYS`.
        fields: The coded columns to take.
        coder: Who coded (default: the sheet's ``coder_name``, else :func:`default_coder`).
        note: Recorded with every edit (default: the sheet's file name).

    Returns:
        The ``edits`` table of the edits recorded.

    Raises:
        ValueError: naming the file, for a sheet without the table's key columns or fields,
            a unit that names no row, or a value of the wrong kind.
    """
    path = Path(path)
    sheet = _read_sheet(path)
    key = ROW_KEYS[table][0] if table in ROW_KEYS else None
    if key is None:
        raise ValueError(f"{path}: rows of {table!r} cannot be corrected")
    missing = [c for c in [*key, *fields] if c not in sheet.columns]
    if missing:
        raise ValueError(f"{path}: no column(s) {missing} (a coding sheet of {table!r} has "
                         f"its key {list(key)} and the coded fields)")
    current = current_table(corpus, table)
    edits = []
    for number, row in enumerate(sheet.to_dict("records"), 2):
        row_key = {c: _cell(row[c]) for c in key}
        values = {f: _cell(row[f]) for f in fields if _cell(row[f]) is not None}
        if not values:
            continue
        who = coder or (_cell(row.get("coder_name")) if "coder_name" in row else None)
        try:
            edit = make_edit("correct", table, row_key, values, coder=who,
                             note=note or f"coding sheet {path.name}")
        except ValueError as exc:
            raise ValueError(f"{path}: row {number}: {exc}") from None
        mask = match_rows(current, table, edit["row_key"], exact=True)
        if not mask.any():
            raise ValueError(f"{path}: row {number}: no row of {table!r} has {edit['row_key']}")
        old = current.loc[mask].iloc[0]
        changed = {c: v for c, v in edit["new_values"].items()
                   if not _same(old[c], coerce_value(table, c, v))}
        if changed:
            edit["new_values"] = changed
            edit["old_values"] = {c: json_value(old[c]) for c in changed}
            edits.append(edit)
    recorded = corpus.edit_log.append(edits)
    refresh_corpus(corpus, recorded)
    return edits_table(recorded)
