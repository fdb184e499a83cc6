"""``make report``: run every curated notebook headless; write HTML and every chart as PNG/SVG.

Each notebook runs in a fresh kernel (nbclient) with ``WORKBENCH_REPORT_DIR`` and
``WORKBENCH_REPORT_PREFIX`` set. The notebooks call
:func:`workbench.charts.enable_offline_rendering`, which then enables the ``workbench-report``
Altair renderer (:mod:`workbench.render`, whose names this module re-exports): every chart
a notebook displays is exported to ``<out>/<notebook>-<nn>-<title>.png|svg`` and shown in the
notebook as static SVG, with an ``alt`` text that says what the chart shows
(:func:`chart_alt_text`). Widget
dashboards show their static snapshot (:class:`workbench.widgets.Dashboard`). Nothing in the
notebooks knows about the report.

    python -m workbench.report --notebooks notebooks --out reports [--corpus PATH]
        [--manifest CSV] [-p NAME=VALUE ...]

Parameters reach the notebooks as papermill does it: each notebook's parameters cell is tagged
``parameters``, and a cell tagged ``injected-parameters`` assigning the given values is
inserted after it (:func:`inject_parameters`); the notebooks themselves are not changed.
``make report CORPUS=... MANIFEST=...`` passes ``--corpus`` and ``--manifest``.
"""

from __future__ import annotations

import argparse
import ast
import glob
import logging
import os
import re
import sys
import time
from pathlib import Path

import pandas as pd

from workbench.render import chart_alt_text, enable_report_renderer, export_chart

__all__ = ["build_report", "chart_alt_text", "enable_report_renderer", "export_chart",
           "inject_parameters", "main", "parameter_names", "run_notebook"]

log = logging.getLogger(__name__)

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# require.js and MathJax tags of nbconvert's template: the notebooks need neither, and the
# report must open offline without fetching anything.
_CDN_SCRIPT = re.compile(r'<script src="https://[^"<>]*(?:require|mathjax)[^"<>]*">[^<]*</script>')


def _static_outputs(nb) -> None:
    """Drop live-widget views where a static HTML snapshot exists (the report has no kernel)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if _WIDGET_MIME in data and "text/html" in data:
                del data[_WIDGET_MIME]


#: Tag of a notebook's parameters cell, and of the cell that sets the values given (papermill's).
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


def _parameters_cell(nb) -> int | None:
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                 and PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), None)


def parameter_names(nb) -> list[str]:
    """Names a notebook's ``parameters``-tagged cell assigns, in order (none without one)."""
    at = _parameters_cell(nb)
    if at is None:
        return []
    names = []
    for node in ast.parse(nb.cells[at].source).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    return names


def inject_parameters(nb, parameters: dict) -> list[str]:
    """Set parameters the papermill way: a cell assigning them after the ``parameters`` cell.

    Only the names the notebook's parameters cell assigns are set (another notebook of the
    report may take the others). A cell injected earlier is replaced.

    Args:
        nb: A notebook (``nbformat`` node), changed in place.
        parameters: ``{NAME: value}``; values are written with ``repr``.

    Returns:
        The names set.
    """
    import nbformat

    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    at = _parameters_cell(nb)
    names = [n for n in parameter_names(nb) if n in parameters]
    if at is None or not names:
        return []
    source = "# Parameters injected by workbench.report\n" + "\n".join(
        f"{n} = {parameters[n]!r}" for n in names)
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]}))
    return names


def run_notebook(path: str | os.PathLike, out_dir: str | os.PathLike, *, timeout: int = 900,
                 parameters: dict | None = None) -> dict:
    """Execute one notebook headless and write ``<out_dir>/<name>.html``.

    Args:
        path: The ``.ipynb`` file.
        out_dir: Report folder (created).
        timeout: Seconds allowed per cell.
        parameters: ``{NAME: value}`` set after the notebook's parameters cell
            (:func:`inject_parameters`); names it does not take are left out.

    Returns:
        One report row: ``notebook``, ``status`` (ok or failed), ``reason``, ``html_path``,
        ``chart_count`` (charts exported), ``stderr`` (warnings the cells printed), ``seconds``.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    path, out_dir = Path(path), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{path.stem}-[0-9][0-9]-*"):
        old.unlink()
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, parameters or {})
    env = {"WORKBENCH_REPORT_DIR": str(out_dir), "WORKBENCH_REPORT_PREFIX": path.stem,
           "WORKBENCH_PROGRESS": "0"}  # a saved report has no use for progress bars
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    start = time.perf_counter()
    status, reason = "ok", ""
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except CellExecutionError as exc:
        status, reason = "failed", str(exc).strip().splitlines()[-1][:300]
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    stderr = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
              if o.get("name") == "stderr"]
    _static_outputs(nb)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    body = _CDN_SCRIPT.sub("", body)
    html_path = out_dir / f"{path.stem}.html"
    html_path.write_text(body, encoding="utf-8")
    charts = sorted(out_dir.glob(f"{path.stem}-[0-9][0-9]-*.png"))
    return {"notebook": path.name, "status": status, "reason": reason,
            "html_path": str(html_path), "chart_count": len(charts),
            "stderr": "\n".join(stderr)[:2000],
            "seconds": round(time.perf_counter() - start, 1)}


def build_report(
    notebooks: str | os.PathLike = "notebooks", out: str | os.PathLike = "reports",
    *, pattern: str = "[0-9][0-9]-*.ipynb", parameters: dict | None = None,
) -> pd.DataFrame:
    """Run every numbered notebook in ``notebooks`` and write the report under ``out``.

    Args:
        notebooks: Folder of the notebooks.
        out: Report folder.
        pattern: Which notebooks (glob).
        parameters: ``{NAME: value}`` for the notebooks' parameters cells; each notebook
            gets the names it takes. ``EXPORT_DIR`` defaults to ``<out>/exports``.

    Returns:
        One row per notebook (see :func:`run_notebook`); also written as ``out/index.csv``.

    Raises:
        FileNotFoundError: when no notebook matches.
        ValueError: on a parameter no notebook takes (a typo would otherwise be ignored).
    """
    import nbformat

    paths = sorted(Path(notebooks).glob(pattern))
    if not paths:
        raise FileNotFoundError(f"no notebooks matching {pattern} in {notebooks}")
    parameters = dict(parameters or {})
    taken = {n for p in paths for n in parameter_names(nbformat.read(p, as_version=4))}
    unknown = sorted(set(parameters) - taken)
    if unknown:
        raise ValueError(f"no notebook in {notebooks} takes the parameters {unknown}; "
                         f"their parameters cells set {sorted(taken)}")
    if "EXPORT_DIR" in taken:  # the export steps write under the report, not beside the notebooks
        parameters.setdefault("EXPORT_DIR", str(Path(out).resolve() / "exports"))
    rows = []
    for p in paths:
        log.info("running %s", p.name)
        rows.append(run_notebook(p, out, parameters=parameters))
    table = pd.DataFrame(rows)
    table.to_csv(Path(out) / "index.csv", index=False)
    return table


def _literal(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _parameters(args) -> dict:
    """``{NAME: value}`` from ``-p NAME=VALUE``, ``--corpus`` and ``--manifest``.

    Paths are made absolute: the notebooks run in their own folder.
    """
    out = {}
    for item in args.parameter:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ValueError(f"-p {item!r}: expected NAME=VALUE")
        out[name.strip()] = _literal(value)
    for name, value in (("CORPUS_PATH", args.corpus), ("MANIFEST", args.manifest)):
        if value:
            if not (Path(value).exists() or glob.has_magic(value)):
                raise FileNotFoundError(f"{name} {value}: no such file or folder")
            out[name] = os.path.abspath(value)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line entry: ``python -m workbench.report --notebooks DIR --out DIR``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebooks", default="notebooks")
    ap.add_argument("--out", default="reports")
    ap.add_argument("--pattern", default="[0-9][0-9]-*.ipynb")
    ap.add_argument("--corpus", help="the notebooks' CORPUS_PATH: a file, folder or glob")
    ap.add_argument("--manifest", help="the notebooks' MANIFEST (CSV/JSON)")
    ap.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                    help="set a parameter of the notebooks (a Python literal, else a string)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        parameters = _parameters(args)
        table = build_report(args.notebooks, args.out, pattern=args.pattern,
                             parameters=parameters)
    except (ValueError, FileNotFoundError) as exc:
        print(f"workbench.report: error: {exc}", file=sys.stderr)
        return 2
    print(table.loc[:, ["notebook", "status", "chart_count", "seconds", "reason"]].to_string(
        index=False))
    return 0 if (table["status"] == "ok").all() else 1


if __name__ == "__main__":
    sys.exit(main())
