"""Full-output snapshot: every table of the pipeline on the dev corpora, and a diff of two snapshots.

A refactor that claims "outputs unchanged" dumps a snapshot with the code before it and one with
the code after it, then compares them table by table (``pandas.testing.assert_frame_equal`` with
``check_exact=True``).

``dump`` runs the package's own pipeline (load, clean, annotate, group, compare) on a fixed dev
set, read in place from ``../shared/corpora``, and pickles every table the :class:`Corpus`
exposes (the tables of ``workbench.schema.TABLES`` plus the corpus's other table properties such
as ``page_timexes``), each in a deterministic row order (sorted by the table's primary key, then
by every other column), with the code's commit. The corpora:

- ``samples``: the sample corpus (this checkout's ``data/samples``, read from one path whichever
  code runs, since ``articles.source_path`` holds it; HTML through the clean stage);
- ``polnear_dev``: the PolNeAR dev articles the attribution dev gate reads
  (``workbench.evaluate.attribution.read_polnear``), loaded from their ``.txt`` files with
  ``workbench.load``;
- ``disagreement_gold``: the articles of the disagreement gold's stories, grouped as the gold
  groups them (``workbench.evaluate.disagreements.load_gold`` + ``gold_corpus``, as the gate).

The code under test is whichever ``workbench`` Python imports: put an older commit's worktree on
``PYTHONPATH`` to snapshot it. ``dump`` runs under ``PYTHONHASHSEED=0`` (it re-executes itself
when the seed is another), annotates in this process (``n_process=1``) and lowers its priority
(``--nice``, default 10). ``--parses DIR`` keeps every spaCy parse as a DocBin under ``DIR``
(``workbench.annotate.parses``, keyed by text and model, never read across models or spaCy
versions), so a second dump, with any code, re-runs only the layers on the stored parses.

``compare`` prints one line per table (rows in A and B; identical, or the first difference:
column, row and both values, cut to 80 characters, plus how many rows only one side has) and
exits 1 on any difference, 0 when every compared table is identical. Row order is not compared
by the frames (they are sorted), but a table whose original row order changed says so.

Usage::

    git worktree add /tmp/snap-base 25d1288 --detach
    PYTHONPATH=/tmp/snap-base .venv/bin/python benchmarks/output_snapshot.py \\
        dump /tmp/base.pkl --parses /tmp/snap-parses
    .venv/bin/python benchmarks/output_snapshot.py dump /tmp/head.pkl --parses /tmp/snap-parses
    .venv/bin/python benchmarks/output_snapshot.py compare /tmp/base.pkl /tmp/head.pkl \\
        [--tables sentences,entities,quotes]

``--articles N`` takes the first N PolNeAR dev articles and the first gold stories holding at
most N articles (a quick check). A snapshot is a pickle of ``{"meta": {...}, "tables": {name:
DataFrame}, "row_order": {name: sha256}}`` with names ``<corpus>.<table>``; ``compare`` needs
only ``tables``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import pickle
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLES = ROOT / "data" / "samples"
FORMAT = 1
_CUT = 80


# --- dump ------------------------------------------------------------------------------------
def _code_commit(package_dir: Path) -> tuple[str, bool | None]:
    """The commit of the checkout holding ``package_dir`` and whether its package differs from it."""
    try:
        commit = subprocess.run(["git", "-C", str(package_dir), "rev-parse", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        status = subprocess.run(["git", "-C", str(package_dir), "status", "--porcelain", "--", "."],
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown", None
    return commit, bool(status.strip())


def _table_names() -> list[str]:
    """Every table name the Corpus may expose: schema.TABLES, then its other table properties."""
    import functools

    from workbench import Corpus, schema

    props = [n for n, v in vars(Corpus).items()
             if isinstance(v, property | functools.cached_property) and not n.startswith("_")]
    return list(schema.TABLES) + [n for n in props if n not in schema.TABLES]


def _sortable(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        return col
    return col.map(lambda v: "" if v is None or (pd.api.types.is_scalar(v) and pd.isna(v))
                   else repr(v))


def _row_order_sha(df: pd.DataFrame, key: list[str]) -> str:
    cols = key or list(df.columns)
    text = "\n".join(map(repr, df[cols].itertuples(index=False, name=None)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def order_rows(df: pd.DataFrame, key: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return ``df`` sorted by ``key`` then by every other column (stable), index reset."""
    cols = [c for c in key if c in df.columns]
    cols += [c for c in df.columns if c not in cols]
    if df.empty or not cols:
        return df.reset_index(drop=True)
    sort = pd.DataFrame({f"c{i}": _sortable(df[c]).reset_index(drop=True)
                         for i, c in enumerate(cols)})
    order = sort.sort_values(list(sort.columns), kind="mergesort", na_position="last").index
    return df.iloc[order].reset_index(drop=True)


def corpus_tables(corpus, prefix: str, out: dict, orders: dict) -> None:
    """Add every DataFrame table of ``corpus`` to ``out`` as ``<prefix>.<table>``, rows ordered."""
    from workbench import schema

    for name in _table_names():
        try:
            df = getattr(corpus, name)
        except AttributeError:
            continue
        if not isinstance(df, pd.DataFrame):
            continue
        key = list(schema.PRIMARY_KEYS.get(name, ()))
        key = [c for c in key if c in df.columns]
        orders[f"{prefix}.{name}"] = _row_order_sha(df, key)
        out[f"{prefix}.{name}"] = order_rows(df, tuple(key))


@contextlib.contextmanager
def kept_parses(parse_dir: Path | None):
    """Within the block, the annotate stage reads and keeps its spaCy parses under ``parse_dir``.

    It wraps the public ``workbench.annotate.parses.parse_records`` (the function the annotate
    stage parses through), giving every record the parse directory as the store does.
    """
    if parse_dir is None:
        yield
        return
    from workbench.annotate import parses

    original = parses.parse_records
    field = parses.PARSE_DIR_FIELD
    calls = []

    def parse_records(nlp, records, **options):
        calls.append(len(records))
        records = [r if r.get(field) else {**r, field: str(parse_dir)} for r in records]
        return original(nlp, records, **options)

    parses.parse_records = parse_records
    try:
        yield
    finally:
        parses.parse_records = original
    if not calls:
        print(f"output_snapshot: --parses {parse_dir} unused (this code's annotate stage does "
              "not parse through workbench.annotate.parses.parse_records)", file=sys.stderr)


def _polnear_corpus(corpora: Path, limit: int | None):
    import workbench
    from workbench.evaluate.attribution import read_polnear

    root = corpora / "polnear"
    docs = read_polnear(root, "dev", limit=limit)
    paths = [str(root / "dev" / "text" / f"{d.doc_id}.txt") for d in docs]
    return workbench.load(paths, n_process=1, progress=False)


def _gold_corpus(corpora: Path, limit: int | None):
    from workbench.evaluate.disagreements import gold_corpus, load_gold

    stories, _facts, _judgments = load_gold()
    if "labels" in stories:  # the 44 labeled stories, not the judged-only ones
        stories = stories[stories["labels"] == "facts"]
    corpus = gold_corpus(stories, corpora)
    if limit is None:
        return corpus
    counts = corpus.stories.groupby("story_id")["article_id"].nunique()
    keep, total = [], 0
    for story in stories["story"]:
        total += int(counts.get(story, 0))
        if keep and total > limit:
            break
        keep.append(story)
    return gold_corpus(stories[stories["story"].isin(keep)], corpora)


def _check_corpora(corpora: Path) -> str | None:
    needed = [corpora / "polnear" / "dev" / "text", corpora / "giveme5w1h_news",
              corpora / "ecbplus_texts"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        return (f"output_snapshot: {', '.join(missing)} absent: the dev corpora are read in place "
                f"from {corpora} (research corpora are not redistributed); nothing dumped")
    return None


def dump(out: Path, *, corpora: Path, limit: int | None, parse_dir: Path | None) -> dict:
    """Run the pipeline on the dev corpora and pickle every table to ``out``; return the meta."""
    import workbench

    package_dir = Path(workbench.__file__).resolve().parent
    commit, dirty = _code_commit(package_dir)
    print(f"code: {package_dir} at {commit}" + (" (+ uncommitted changes)" if dirty else ""),
          flush=True)
    tables: dict[str, pd.DataFrame] = {}
    orders: dict[str, str] = {}
    # the sample pages of this script's checkout, not the package's: source_path is a column
    builders = (("samples", lambda: workbench.load(SAMPLES, n_process=1, progress=False)),
                ("polnear_dev", lambda: _polnear_corpus(corpora, limit)),
                ("disagreement_gold", lambda: _gold_corpus(corpora, limit)))
    with kept_parses(parse_dir):
        for prefix, build in builders:
            t0, c0 = time.perf_counter(), time.process_time()
            corpus = build()
            corpus_tables(corpus, prefix, tables, orders)
            print(f"{prefix}: {len(corpus.articles)} articles, "
                  f"{sum(1 for n in tables if n.startswith(prefix + '.'))} tables, "
                  f"{time.perf_counter() - t0:.0f} s wall, {time.process_time() - c0:.0f} CPU-s",
                  flush=True)
    meta = {"format": FORMAT, "commit": commit, "uncommitted_changes": dirty,
            "workbench": str(package_dir), "articles_limit": limit,
            "python": sys.version.split()[0], "pandas": pd.__version__,
            "hash_seed": os.environ.get("PYTHONHASHSEED"),
            "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(pickle.dumps({"meta": meta, "tables": tables, "row_order": orders},
                                 protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, out)
    print(f"wrote {out}: {len(tables)} tables, {sum(map(len, tables.values())):,} rows")
    return meta


# --- compare ---------------------------------------------------------------------------------
def _read_snapshot(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            snap = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise SystemExit(f"output_snapshot: cannot read {path}: {exc}") from exc
    if not isinstance(snap, dict) or not isinstance(snap.get("tables"), dict):
        raise SystemExit(f"output_snapshot: {path} is no snapshot (a dict with 'tables' expected)")
    return snap


def _cut(value) -> str:
    text = repr(value)
    return text if len(text) <= _CUT else text[: _CUT - 3] + "..."


def _same(a, b) -> bool:
    a_na = a is None or (pd.api.types.is_scalar(a) and pd.isna(a))
    b_na = b is None or (pd.api.types.is_scalar(b) and pd.isna(b))
    if a_na or b_na:
        return a_na and b_na and type(a) is type(b)
    try:
        return bool(a == b) and type(a) is type(b)
    except (TypeError, ValueError):  # arrays and other values without a plain truth value
        return repr(a) == repr(b)


def _rows_only(a: pd.DataFrame, b: pd.DataFrame) -> tuple[int, int]:
    """Rows (as whole rows, counted with repeats) only A has, and only B has."""
    cols = [c for c in a.columns if c in b.columns]
    ca = Counter(map(repr, a[cols].itertuples(index=False, name=None)))
    cb = Counter(map(repr, b[cols].itertuples(index=False, name=None)))
    return sum((ca - cb).values()), sum((cb - ca).values())


def first_difference(a: pd.DataFrame, b: pd.DataFrame) -> str:
    """Describe where two tables first differ: columns, dtype, or the first differing cell."""
    if list(a.columns) != list(b.columns):
        only_a = [c for c in a.columns if c not in b.columns]
        only_b = [c for c in b.columns if c not in a.columns]
        return (f"columns differ (only A: {only_a}, only B: {only_b})" if only_a or only_b
                else "column order differs")
    for col in a.columns:
        n = min(len(a), len(b))
        for i, (x, y) in enumerate(zip(a[col].iloc[:n], b[col].iloc[:n], strict=True)):
            if not _same(x, y):
                return f"column {col!r}, row {i}: A {_cut(x)}, B {_cut(y)}"
    for col in a.columns:
        if a[col].dtype != b[col].dtype:
            return f"column {col!r}: dtype A {a[col].dtype}, B {b[col].dtype}"
    if len(a) != len(b):
        longer, side = (a, "A") if len(a) > len(b) else (b, "B")
        row = longer.iloc[min(len(a), len(b))].to_dict()
        return f"row {min(len(a), len(b))} only in {side}: {_cut(row)}"
    return "frames differ (assert_frame_equal)"


def compare_table(a: pd.DataFrame | None, b: pd.DataFrame | None) -> tuple[bool, str]:
    """Return (identical, one-line description) for one table of two snapshots."""
    if a is None or b is None:
        return False, f"only in {'B' if a is None else 'A'}"
    rows = f"rows {len(a):,} / {len(b):,}"
    try:
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    except AssertionError:
        only_a, only_b = _rows_only(a, b)
        return False, (f"{rows}  DIFFERENT: {first_difference(a, b)}; rows only in A {only_a:,},"
                       f" only in B {only_b:,}")
    return True, f"{rows}  identical"


def _selected(names: list[str], tables: str | None) -> list[str]:
    if not tables:
        return names
    wanted = [t.strip() for t in tables.split(",") if t.strip()]
    unknown = [t for t in wanted if not any(n == t or n.split(".", 1)[-1] == t for n in names)]
    if unknown:
        raise SystemExit(f"output_snapshot: no table named {', '.join(unknown)} in either snapshot"
                         f" (tables: {', '.join(sorted({n.split('.', 1)[-1] for n in names}))})")
    return [n for n in names if n in wanted or n.split(".", 1)[-1] in wanted]


def compare(path_a: Path, path_b: Path, *, tables: str | None = None) -> int:
    """Print one line per table of two snapshots; return 1 on any difference, else 0."""
    snap_a, snap_b = _read_snapshot(path_a), _read_snapshot(path_b)
    for side, path, snap in (("A", path_a, snap_a), ("B", path_b, snap_b)):
        meta = snap.get("meta", {})
        print(f"{side}: {path}  commit {meta.get('commit', 'unknown')}"
              + ("  (+ uncommitted changes)" if meta.get("uncommitted_changes") else ""))
    ta, tb = snap_a["tables"], snap_b["tables"]
    names = _selected(sorted(set(ta) | set(tb)), tables)
    width = max(map(len, names), default=0)
    different = 0
    for name in names:
        same, line = compare_table(ta.get(name), tb.get(name))
        order_a = snap_a.get("row_order", {}).get(name)
        order_b = snap_b.get("row_order", {}).get(name)
        if same and order_a and order_b and order_a != order_b:
            line += " (original row order differs)"
        different += not same
        print(f"{name:<{width}}  {line}")
    print(f"{len(names) - different} of {len(names)} tables identical")
    return 1 if different else 0


# --- command line ----------------------------------------------------------------------------
def _rerun_with_fixed_seed() -> None:
    """Re-execute this dump under PYTHONHASHSEED=0 so set iteration order is the same each run."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        env.setdefault("WORKBENCH_PROGRESS", "0")
        os.execve(sys.executable, [sys.executable, *sys.argv], env)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="run the pipeline on the dev corpora and pickle every table")
    d.add_argument("out", type=Path)
    d.add_argument("--articles", type=int, default=None, metavar="N",
                   help="first N PolNeAR dev articles, gold stories up to N articles")
    d.add_argument("--parses", type=Path, default=None, metavar="DIR",
                   help="read and keep spaCy parses (DocBin) under DIR")
    d.add_argument("--corpora", type=Path, default=CORPORA)
    d.add_argument("--nice", type=int, default=10, help="niceness increment (default 10)")
    c = sub.add_parser("compare", help="compare two snapshots table by table")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--tables", default=None, help="comma-separated table names (default: all)")
    args = p.parse_args(argv)
    if args.command == "compare":
        return compare(args.a, args.b, tables=args.tables)
    problem = _check_corpora(args.corpora)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if argv is None:
        _rerun_with_fixed_seed()
    if args.nice:
        os.nice(args.nice)
    dump(args.out, corpora=args.corpora, limit=args.articles, parse_dir=args.parses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
