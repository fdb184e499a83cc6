"""Shared checks and settings of the hardening tests (importable by name, also in child processes).

* :func:`cases` gives the Hypothesis settings of one property test: a fixed number of
  derandomized examples in CI (profile ``ci``, the default), more with
  ``WORKBENCH_HYPOTHESIS=thorough``; :func:`counted` counts the examples that really ran, and the
  total is printed at the end of the pytest run.
* :func:`assert_accounted` is "count in == count out" for a load.
* :func:`assert_offsets` checks every character offset of every table against the article text.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections import Counter
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("WORKBENCH_HYPOTHESIS", "ci")
_SCALE = {"ci": 1, "dev": 0.5, "thorough": 10}
#: Examples that really ran, per test name (filled by :func:`counted`).
CASES: Counter = Counter()
#: Examples each test asked for (filled by :func:`cases`).
BUDGET: Counter = Counter()
#: Stage timings of the time-limit tests (printed at the end of the run).
TIMING_ROWS: list[dict] = []

STATUSES = {"loaded", "skipped", "failed"}
#: Formats that hold exactly one article per file (so exactly one load-report row).
SINGLE_RECORD_FORMATS = {".txt", ".text", ".html", ".htm", ".xhtml"}


def cases(n: int, name: str | None = None) -> settings:
    """Settings for a property test: ``n`` examples in CI (derandomized, no deadline)."""
    count = max(1, math.ceil(n * _SCALE.get(PROFILE, 1)))
    if name:
        BUDGET[name] = count
    return settings(
        max_examples=count,
        derandomize=PROFILE != "thorough",
        database=None if PROFILE != "thorough" else settings.default.database,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
    )


def counted(fn):
    """Count every example a property test runs (the total is reported in CI)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CASES[fn.__name__] += 1
        return fn(*args, **kwargs)

    return wrapper


# --- load report ---------------------------------------------------------------------------

def assert_accounted(articles: pd.DataFrame, report: pd.DataFrame, files: list[Path]) -> None:
    """Count in == count out: every input file has report rows, every loaded row one article.

    Args:
        articles: The ``articles`` table of the load.
        report: Its ``load_report``.
        files: Every file that was given to the loader (after discovery).
    """
    assert set(report["status"]) <= STATUSES, set(report["status"])
    reported = Counter(str(Path(p).resolve()) for p in report["source_path"])
    for f in files:
        key = str(Path(f).resolve())
        assert reported[key] >= 1, f"{f.name}: no load-report row (article lost silently)"
        if "".join(Path(f).suffixes[-1:]).lower() in SINGLE_RECORD_FORMATS:
            assert reported[key] == 1, f"{f.name}: {reported[key]} rows for one single-article file"
    extra = set(reported) - {str(Path(f).resolve()) for f in files}
    assert not extra, f"report rows for inputs never given: {extra}"
    loaded = report[report["status"] == "loaded"]
    assert len(articles) == len(loaded), (
        f"{len(loaded)} loaded rows but {len(articles)} articles"
    )
    assert loaded["article_id"].notna().all(), "a loaded row without article_id"
    assert Counter(loaded["article_id"]) == Counter(articles["article_id"]), (
        "load-report article ids differ from the articles table"
    )
    bad = report[report["status"] != "loaded"]
    empty_reason = bad[bad["reason"].fillna("").str.strip() == ""]
    assert empty_reason.empty, f"failed/skipped rows without a reason: {empty_reason.to_dict('records')}"


def assert_offset_map(article: dict) -> None:
    """Each ``offset_map`` segment maps clean text to the same characters of ``raw_text``."""
    text, raw = article["text"], article["raw_text"]
    for seg in article.get("offset_map") or []:
        clean_start, raw_start, length = (int(x) for x in seg)
        assert length >= 0 and clean_start >= 0 and raw_start >= 0, seg
        assert clean_start + length <= len(text), f"segment {seg} past the end of text"
        assert raw_start + length <= len(raw), f"segment {seg} past the end of raw_text"
        assert text[clean_start:clean_start + length] == raw[raw_start:raw_start + length], (
            f"segment {seg}: {text[clean_start:clean_start + length]!r} != "
            f"{raw[raw_start:raw_start + length]!r}"
        )


# --- offsets in annotation and comparison tables ---------------------------------------------

#: (start column, end column, column that must equal text[start:end] or None) per table.
OFFSET_COLUMNS = {
    "sentences": [("start_char", "end_char", "sentence_text")],
    "entities": [("start_char", "end_char", "entity_text")],
    "quotes": [("cue_start", "cue_end", None), ("speaker_start", "speaker_end", "speaker"),
               ("content_start", "content_end", None)],
    "sources": [("start_char", "end_char", "source_text")],
    "timexes": [("start_char", "end_char", "timex_text")],
    "discrepancies": [("start_char", "end_char", None)],
}


def assert_offsets(tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> int:
    """Every offset pair lies within its article's text, start <= end, spans match their text.

    Args:
        tables: ``{table name: frame}`` (any of :data:`OFFSET_COLUMNS`).
        texts: ``{article_id: clean text}``.

    Returns:
        The number of spans checked.
    """
    checked = 0
    for name, df in tables.items():
        if df is None or df.empty or name not in OFFSET_COLUMNS:
            continue
        unknown = set(df["article_id"].dropna()) - set(texts)
        assert not unknown, f"{name}: rows for unknown articles {unknown}"
        for row in df.to_dict("records"):
            text = texts.get(row["article_id"])
            for start_col, end_col, text_col in OFFSET_COLUMNS[name]:
                start, end = row.get(start_col), row.get(end_col)
                if _missing(start) and _missing(end):
                    continue
                assert not _missing(start) and not _missing(end), (
                    f"{name}: only one of {start_col}/{end_col} set: {row}"
                )
                start, end = int(start), int(end)
                assert 0 <= start <= end <= len(text), (
                    f"{name}.{start_col}/{end_col} = {start}/{end} outside text of length "
                    f"{len(text)}: {_short(row)}"
                )
                if text_col and not _missing(row.get(text_col)):
                    assert text[start:end] == row[text_col], (
                        f"{name}.{text_col} {row[text_col]!r} != text[{start}:{end}] "
                        f"{text[start:end]!r}"
                    )
                checked += 1
    return checked


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _short(row: dict) -> dict:
    return {k: (v[:60] + "..." if isinstance(v, str) and len(v) > 60 else v) for k, v in row.items()}


def norm_newlines(s: str) -> str:
    """Return ``s`` with CRLF and CR turned into LF."""
    return re.sub(r"\r\n?", "\n", s)


def squash(s: str) -> str:
    """Return ``s`` with every run of white space turned into one space."""
    return " ".join(s.split())


# --- building inputs -------------------------------------------------------------------------

def article_rows(texts: list[str], **columns) -> list[dict]:
    """Return ``articles`` row dicts for ``texts`` (ids from content + position)."""
    from workbench.ingest import article_id_for

    rows = []
    for i, text in enumerate(texts):
        row = {
            "article_id": article_id_for(text, f"hardening {i}"),
            "source_path": f"generated/{i}.txt",
            "record": "",
            "input_format": "txt",
            "url": f"https://example.org/{i}",
            "outlet": f"Outlet {i % 3}",
            "outlet_source": "manifest",
            "headline": text.split("\n", 1)[0][:200] or None,
            "dateline": None,
            "wire_agency": None,
            "wire_agency_evidence": None,
            "credits": [],
            "byline": None,
            "published_date": None,
            "published_date_source": None,
            "published_date_precision": None,
            "language": "en",
            "text": text,
            "raw_text": text,
            "offset_map": [[0, 0, len(text)]],
            "removed_text": [],
            "is_duplicate_of": None,
            "word_count": len(text.split()),
            "metadata": {},
        }
        row.update({k: (v[i] if isinstance(v, list) else v) for k, v in columns.items()})
        rows.append(row)
    return rows


def articles_frame(texts: list[str], **columns) -> pd.DataFrame:
    """Return a validated ``articles`` table with one article per text."""
    from workbench import schema

    return schema.coerce(article_rows(texts, **columns), "articles")


# --- child-process work (module-level so spawned children can import it) --------------------

def load_summary(path: str, **options) -> dict:
    """Load ``path`` (in a child process) and return what the parent checks."""
    import time

    import workbench

    start = time.perf_counter()
    corpus = workbench.load(path, **options)
    seconds = time.perf_counter() - start
    arts = corpus.articles
    return {
        "seconds": seconds,
        "report": corpus.load_report[["status", "reason"]].to_dict("records"),
        "text_lengths": [len(t) for t in arts["text"]],
        "text_heads": [t[:300] for t in arts["text"]],
        "has_markup": [("<div" in t or "<p>" in t) for t in arts["text"]],
    }


#: Adversarial patterns for the time-limit tests: name -> (unit repeated, head, tail).
ADVERSARIAL = {
    "control_prose": ("The minister said on Thursday that the talks would resume next week in "
                      "the capital, three officials with knowledge of the plan told reporters. ",
                      "Headline of the control article\n\n", ""),
    "straight_quotes": ('"', "", ""),
    "curly_quotes_unbalanced": ("\u201c\u201c\u201c\u201d", "", ""),
    "quote_said_runs": ('"a," he said. ', "", ""),
    "unterminated_quote": ("word ", 'He said "', ""),
    "said_said_said": ("said ", "", ""),
    "nested_parentheses": ("((((((((((x", "", ")" * 200),
    "punctuation_runs": ("!?.,;:-\u2014\u2026", "", ""),
    "spaces_then_text": ("      ", "", "x said."),
    "blank_lines": ("\n \n\t\n", "", "The council said."),
    "one_huge_token": ("a", "", ""),
    "digits_and_commas": ("1,", "", " people were hurt, police said."),
    "date_runs": ("On March 17, ", "", "it happened."),
    "source_phrases": ("three government sources with direct knowledge of the matter said ",
                       "", ""),
    "credit_line": ("Jane Doe, ", "Reporting by ", "in Tokyo; Editing by X"),
    "abbreviations": ("Mr. Dr. U.S. a.m. Jan. ", "", ""),
    "url_like": ("a.", "http://", "com"),
    "angle_brackets": ("<<<< > ", "", ""),
    "dashes_and_equals": ("- - - ====", "", ""),
    "emoji_runs": ("\U0001f600\U0001f469\u200d\U0001f469\u200d\U0001f467 ", "", ""),
    "single_paragraph": ("The minister said on Thursday that the talks would resume next week, "
                         "three officials told reporters, and that 12 people were hurt. ",
                         "Headline\n\n", ""),
}


def adversarial_text(name: str, size: int) -> str:
    """The adversarial article ``name`` at about ``size`` characters."""
    unit, head, tail = ADVERSARIAL[name]
    reps = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * reps + tail


def stage_timings(jobs: list[tuple[str, int, float]], workdir: str,
                  results_path: str) -> list[dict]:
    """Run adversarial articles through load+clean, annotate and compare; time each stage.

    Each stage runs under :func:`support.safety.time_limit` (the job's CPU-second limit); this
    function is meant to run in a child process under :func:`support.safety.call_with_timeout`.
    Each result is appended to ``results_path`` as one JSON line as soon as it is known, so a
    parent that had to kill the child still has every finished result and the stage it was in.

    Args:
        jobs: (pattern name, size in characters, CPU seconds allowed per stage run).
        workdir: Folder for the article files.
        results_path: JSON-lines file the results are appended to.

    Returns:
        One dict per (job, stage): name, size, stage, cpu (CPU seconds of this process), wall,
        outcome ('ok', 'timeout' or 'ExceptionType: message').
    """
    import json
    import time
    from pathlib import Path

    from support.safety import StageTimeoutError, time_limit

    import workbench
    from workbench.annotate import annotate_articles, get_nlp
    from workbench.corpus import Corpus

    get_nlp()
    results = []

    def log(row):
        results.append(row)
        with open(results_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")

    def run(name, size, stage, fn, limit):
        log({"name": name, "size": size, "stage": stage, "outcome": "started"})
        cpu0, wall0 = time.process_time(), time.perf_counter()
        outcome, value = "ok", None
        try:
            with time_limit(limit, what=f"{stage} of {name}", cpu=True):
                value = fn()
        except StageTimeoutError:
            outcome = "timeout"
        except Exception as exc:  # noqa: BLE001 - reported to the parent test
            outcome = f"{type(exc).__name__}: {str(exc)[:300]}"
        log({"name": name, "size": size, "stage": stage, "outcome": outcome,
             "cpu": round(time.process_time() - cpu0, 3),
             "wall": round(time.perf_counter() - wall0, 3)})
        return value

    for name, size, limit in jobs:
        text = adversarial_text(name, size)
        path = Path(workdir) / f"{name}-{size}.txt"
        path.write_text(text, encoding="utf-8")
        corpus = run(name, size, "load", lambda p=path: workbench.load(str(p)), limit)
        base = text
        if corpus is not None and len(corpus.articles):
            base = corpus.articles["text"].iloc[0]
        variant = base + "\n\nThe council said on Monday that it would vote again on March 3."
        articles = articles_frame([base, variant])
        ann = run(name, size, "annotate", lambda a=articles: annotate_articles(a, n_process=1),
                  limit)
        if ann is None:
            continue
        corpus = Corpus(articles, schema_empty_report())
        corpus.annotations = ann

        def compare(c=corpus):
            return [len(c.stories), len(c.alignments), len(c.story_pairs), len(c.discrepancies)]

        run(name, size, "compare", compare, limit)
    return [r for r in results if r["outcome"] != "started"]


def schema_empty_report():
    """An empty ``load_report`` table."""
    from workbench import schema

    return schema.empty_frame("load_report")

