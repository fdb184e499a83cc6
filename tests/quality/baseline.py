"""The measured figures of the quality gates, in one place: ``tests/quality/baseline.json``.

Each metric holds its measured ``value``, its ``floor`` (or ``ceiling``, for a share of wrong
answers), the issue's ``target`` where there is one, the gold files it is measured on
(``corpus``: paths under ``../shared/corpora``, or ``tests/...`` in this repository) and their
SHA-256 (:func:`corpus_sha256`), and the commit it was measured at.

* The gates read their bars with :func:`floor` / :func:`ceiling` and hand what they measured to
  :func:`record`.
* ``pytest tests/quality --update-baseline`` (the option is in ``tests/conftest.py``) writes the
  recorded values and their corpus hashes back to the file. It never moves a bar: a value under
  its floor (over its ceiling) fails the gate and is refused, and the file is left as it was.
* ``python -m tests.quality.baseline --set-floor NAME=VALUE`` raises a floor (or lowers a
  ceiling); it refuses to lower a floor. Lowering one is a hand edit of ``baseline.json`` whose
  commit says why.
* ``python -m tests.quality.baseline --docs`` regenerates the tables of ``docs/quality.md`` and
  the README's summary (between ``<!-- baseline:... -->`` markers); ``--check`` exits 1 when
  they are out of date (``tests/quality/test_baseline.py`` runs that check).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BASELINE = HERE / "baseline.json"
CORPORA = REPO.parent / "shared" / "corpora"
QUALITY_DOC = REPO / "docs" / "quality.md"
README = REPO / "README.md"

#: Set by ``tests/conftest.py`` under ``--update-baseline``.
UPDATING = False
#: name -> (value, detail) recorded by the gates in this session.
MEASURED: dict[str, tuple[float | None, str | None]] = {}

_BARS = ("floor", "ceiling")


class BaselineError(ValueError):
    """The baseline file is malformed, or an update would move a bar the wrong way."""


def load(path: Path = BASELINE) -> dict:
    """Return the baseline document, checked: every metric has a value, one bar and a corpus."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a readable JSON baseline ({exc})") from exc
    areas, metrics = data.get("areas"), data.get("metrics")
    if not isinstance(areas, dict) or not isinstance(metrics, dict):
        raise BaselineError(f"{path}: needs 'areas' and 'metrics' objects")
    for name, m in metrics.items():
        bars = [b for b in _BARS if b in m]
        if len(bars) != 1:
            raise BaselineError(f"{path}: metric {name!r} needs exactly one of floor/ceiling")
        if not isinstance(m[bars[0]], int | float):
            raise BaselineError(f"{path}: metric {name!r}: {bars[0]} must be a number")
        if name.split(".")[0] not in areas:
            raise BaselineError(f"{path}: metric {name!r} names no known area")
        for key in ("description", "value", "corpus", "corpus_sha256"):
            if key not in m:
                raise BaselineError(f"{path}: metric {name!r} has no {key!r}")
    return data


def _metric(name: str) -> dict:
    try:
        return load()["metrics"][name]
    except KeyError:
        raise KeyError(f"{name!r} is not a metric of {BASELINE}") from None


def floor(name: str) -> float:
    """Return the floor of metric ``name`` (the gate fails under it)."""
    m = _metric(name)
    if "floor" not in m:
        raise KeyError(f"{name!r} in {BASELINE} has a ceiling, not a floor")
    return m["floor"]


def ceiling(name: str) -> float:
    """Return the ceiling of metric ``name`` (a share of wrong answers; the gate fails over it)."""
    m = _metric(name)
    if "ceiling" not in m:
        raise KeyError(f"{name!r} in {BASELINE} has a floor, not a ceiling")
    return m["ceiling"]


def record(name: str, value: float | None, detail: str | None = None) -> float | None:
    """Note what a gate measured (kept for ``--update-baseline``); return ``value`` unchanged.

    Args:
        name: The metric.
        value: The measured figure (None where there is none, e.g. accuracy over no page).
        detail: A count behind the figure, e.g. ``"9 / 17"``.
    """
    _metric(name)  # a typo fails here, not at the end of the session
    if UPDATING:
        MEASURED[name] = (value, detail)
    return value


def _corpus_files(spec: str) -> tuple[Path, list[Path]]:
    base = REPO if spec.startswith("tests/") else CORPORA
    path = base / spec
    if path.is_dir():
        return base, sorted(p for p in path.rglob("*") if p.is_file())
    return base, [path] if path.is_file() else []


def corpus_sha256(specs: list[str]) -> str | None:
    """Return the SHA-256 of the gold files ``specs`` name, or None when one is absent.

    Each spec is a file or folder under ``../shared/corpora`` (or ``tests/...`` in this
    repository). The digest runs over every file, specs in the order given and each folder's
    files in sorted order: its path relative to the corpora root (or the repository), a NUL
    byte, the hex SHA-256 of its bytes and a newline.
    """
    digest = hashlib.sha256()
    for spec in specs:
        base, files = _corpus_files(spec)
        if not files:
            return None
        for path in files:
            digest.update(f"{path.relative_to(base).as_posix()}\0"
                          f"{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=10", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _breaks_bar(m: dict, value: float | None) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "floor" in m and m["floor"] > 0
    return value < m["floor"] if "floor" in m else value > m["ceiling"]


def update(measured: dict[str, tuple[float | None, str | None]], path: Path = BASELINE) -> list[str]:
    """Write measured values (and their corpus hashes) into the baseline; never move a bar.

    Returns:
        One line per metric written.

    Raises:
        BaselineError: A value is under its floor or over its ceiling (nothing is written).
    """
    data = load(path)
    refused = []
    for name, (value, _) in sorted(measured.items()):
        m = data["metrics"][name]
        if _breaks_bar(m, value):
            bar = "floor" if "floor" in m else "ceiling"
            refused.append(f"{name}: measured {value} is past its {bar} {m[bar]}")
    if refused:
        raise BaselineError(
            "not recorded, the baseline is unchanged (--update-baseline never lowers a floor or "
            "raises a ceiling; to lower one, edit baseline.json by hand and say why in the "
            "commit): " + "; ".join(refused))
    commit = _commit()
    lines = []
    for name, (value, detail) in sorted(measured.items()):
        m = data["metrics"][name]
        old = m["value"]
        m["value"] = None if value is None else round(float(value), 4)
        if detail is not None:
            m["detail"] = detail
        m["corpus_sha256"] = corpus_sha256(m["corpus"])
        m["measured_at"] = commit
        lines.append(f"{name}: {old} -> {m['value']}")
    _write(data, path)
    return lines


def set_bar(name: str, new: float, path: Path = BASELINE) -> str:
    """Raise the floor (or lower the ceiling) of ``name``; refuse to move it the other way."""
    data = load(path)
    m = data["metrics"].get(name)
    if m is None:
        raise BaselineError(f"{name!r} is not a metric of {path}")
    bar = "floor" if "floor" in m else "ceiling"
    if (new < m[bar]) if bar == "floor" else (new > m[bar]):
        raise BaselineError(f"{name}: refusing to move the {bar} from {m[bar]} to {new} (it only "
                            f"tightens; loosen it by hand in baseline.json and say why)")
    if m["value"] is not None and ((m["value"] < new) if bar == "floor" else (m["value"] > new)):
        raise BaselineError(f"{name}: the {bar} {new} would fail the measured value {m['value']}")
    old, m[bar] = m[bar], new
    _write(data, path)
    return f"{name}: {bar} {old} -> {new}"


def _write(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --- generated documentation ---------------------------------------------------------------
def _fmt(x) -> str:
    if x is None:
        return "none"
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def _met(m: dict) -> str:
    target = m.get("target")
    if target is None:
        return ""
    v = m["value"]
    if v is None:
        return f"{_fmt(target)}"
    ok = v >= target if "floor" in m else v <= target
    return f"{_fmt(target)} {'met' if ok else '**not met**'}"


def _bar(m: dict) -> str:
    return f">= {_fmt(m['floor'])}" if "floor" in m else f"<= {_fmt(m['ceiling'])}"


def _value(m: dict) -> str:
    v = _fmt(m["value"])
    return f"{v} ({m['detail']})" if m.get("detail") else v


def render_quality(data: dict) -> str:
    """Return the generated part of docs/quality.md: one table per area."""
    out = []
    for area, info in data["areas"].items():
        rows = [(n, m) for n, m in data["metrics"].items() if n.split(".")[0] == area]
        if not rows:
            continue
        out += [f"### {info['title']}", "", f"{info['about']} Gate: `tests/quality/{info['gate']}`.",
                "", "| metric | name | measured | at | gate | target | gold (SHA-256) |",
                "|---|---|---|---|---|---|---|"]
        for name, m in rows:
            sha = (m["corpus_sha256"] or "not recorded")[:12]
            gold = ", ".join(f"`{c}`" for c in m["corpus"])
            at = f"`{m['measured_at']}`" if m.get("measured_at") else "carried over"
            out.append(f"| {m['description']} | `{name}` | {_value(m)} | {at} | {_bar(m)} | {_met(m)} | "
                       f"{gold} ({sha}) |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_summary(data: dict) -> str:
    """Return the README's short quality table (the metrics marked ``summary``)."""
    out = ["| area | metric | measured | target |", "|---|---|---|---|"]
    for name, m in data["metrics"].items():
        if m.get("summary"):
            area = data["areas"][name.split(".")[0]]["title"]
            out.append(f"| {area} | {m['description']} | {_value(m)} | {_met(m) or 'none'} |")
    return "\n".join(out) + "\n"


_MARKS = {QUALITY_DOC: "quality-tables", README: "summary"}


def _splice(text: str, mark: str, body: str, path: Path) -> str:
    start, end = f"<!-- baseline:{mark} start -->", f"<!-- baseline:{mark} end -->"
    if text.count(start) != 1 or text.count(end) != 1:
        raise BaselineError(f"{path}: needs one '{start}' and one '{end}' line")
    head, rest = text.split(start)
    _, tail = rest.split(end)
    return f"{head}{start}\n<!-- generated from tests/quality/baseline.json by "\
           f"`python -m tests.quality.baseline --docs`; do not edit -->\n{body}{end}{tail}"


def generated_docs(data: dict | None = None) -> dict[Path, str]:
    """Return {path: text} of docs/quality.md and README.md with their tables regenerated."""
    data = load() if data is None else data
    bodies = {QUALITY_DOC: render_quality(data), README: render_summary(data)}
    return {path: _splice(path.read_text(encoding="utf-8"), mark, bodies[path], path)
            for path, mark in _MARKS.items()}


def stale_docs() -> list[Path]:
    """Return the documents whose generated tables differ from the baseline."""
    return [p for p, text in generated_docs().items() if p.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    """Regenerate or check the docs, or tighten a bar (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", action="store_true", help="regenerate docs/quality.md and README")
    ap.add_argument("--check", action="store_true", help="exit 1 when the docs are out of date")
    ap.add_argument("--set-floor", metavar="NAME=VALUE", action="append", default=[],
                    help="raise a floor (or lower a ceiling); never loosens one")
    args = ap.parse_args(argv)
    try:
        for item in args.set_floor:
            name, _, value = item.partition("=")
            print(set_bar(name, float(value)))
        if args.docs or args.set_floor:
            for path, text in generated_docs().items():
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(REPO)}")
        if args.check:
            stale = stale_docs()
            for path in stale:
                print(f"{path.relative_to(REPO)} is out of date: python -m tests.quality.baseline --docs")
            return 1 if stale else 0
    except BaselineError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
