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

    python -m workbench.report --notebooks notebooks --out reports
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from pathlib import Path

import pandas as pd

from workbench.render import chart_alt_text, enable_report_renderer, export_chart

__all__ = ["build_report", "chart_alt_text", "enable_report_renderer", "export_chart", "main",
           "run_notebook"]

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


def run_notebook(path: str | os.PathLike, out_dir: str | os.PathLike, *, timeout: int = 900) -> dict:
    """Execute one notebook headless and write ``<out_dir>/<name>.html``.

    Args:
        path: The ``.ipynb`` file.
        out_dir: Report folder (created).
        timeout: Seconds allowed per cell.

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
    *, pattern: str = "[0-9][0-9]-*.ipynb",
) -> pd.DataFrame:
    """Run every numbered notebook in ``notebooks`` and write the report under ``out``.

    Returns:
        One row per notebook (see :func:`run_notebook`); also written as ``out/index.csv``.
    """
    paths = sorted(Path(notebooks).glob(pattern))
    if not paths:
        raise FileNotFoundError(f"no notebooks matching {pattern} in {notebooks}")
    rows = []
    for p in paths:
        log.info("running %s", p.name)
        rows.append(run_notebook(p, out))
    table = pd.DataFrame(rows)
    table.to_csv(Path(out) / "index.csv", index=False)
    return table


def main(argv: list[str] | None = None) -> int:
    """Command line entry: ``python -m workbench.report --notebooks DIR --out DIR``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebooks", default="notebooks")
    ap.add_argument("--out", default="reports")
    ap.add_argument("--pattern", default="[0-9][0-9]-*.ipynb")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    table = build_report(args.notebooks, args.out, pattern=args.pattern)
    print(table.loc[:, ["notebook", "status", "chart_count", "seconds", "reason"]].to_string(
        index=False))
    return 0 if (table["status"] == "ok").all() else 1


if __name__ == "__main__":
    sys.exit(main())
