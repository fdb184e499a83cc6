"""Worker processes that work from a plain script: no ``if __name__ == "__main__":`` needed.

Annotation workers start with ``spawn``, which re-runs the main script in every worker before
the worker takes any work. A script that loads and annotates at module level, with no guard,
would then start its own workers inside each worker, and ``multiprocessing`` stops them all
(``BrokenProcessPool`` in the script). :func:`usable_processes` tells that case apart, as
``multiprocessing.spawn`` itself decides what a child re-runs, and then answers one process,
with one warning line that says how to use every core.
"""

from __future__ import annotations

import ast
import multiprocessing
import os
import sys
import warnings
from functools import lru_cache
from types import FrameType

__all__ = ["main_rerun_reason", "usable_processes"]

_warned = False


def _is_main_test(node: ast.expr) -> bool:
    """``__name__ == "__main__"`` (either side)."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Eq)):
        return False
    sides = [node.left, node.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


@lru_cache(maxsize=8)
def _guarded_lines(path: str, mtime: float) -> tuple[tuple[int, int], ...] | None:
    """Line ranges of the module-level ``if __name__ == "__main__":`` blocks; None if unreadable."""
    try:
        with open(path, "rb") as fh:
            tree = ast.parse(fh.read(), filename=path)
    except (OSError, SyntaxError, ValueError):
        return None
    return tuple((n.lineno, n.end_lineno or n.lineno) for n in tree.body
                 if isinstance(n, ast.If) and _is_main_test(n.test))


def _main_source() -> tuple[str, object] | None:
    """The file a spawned child re-runs as ``__mp_main__``, and the main module; else None.

    Mirrors ``multiprocessing.spawn.get_preparation_data`` and ``_fixup_main_from_*``: a main
    run by module name is re-run by that name unless it is a ``__main__`` module; a main run from
    a path is re-run from it unless it is IPython; an interactive main (no file) is not re-run.
    """
    main = sys.modules.get("__main__")
    if main is None:
        return None
    spec = getattr(main, "__spec__", None)
    name = getattr(spec, "name", None)
    if name is not None:
        if name == "__main__" or name.endswith(".__main__"):
            return None
        path = getattr(spec, "origin", None)
    else:
        path = getattr(main, "__file__", None)
        if path and os.path.splitext(os.path.basename(path))[0] == "ipython":
            return None
    if not path or not os.path.isfile(path):
        return None
    return path, main


def _main_frame(main) -> FrameType | None:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals is main.__dict__ and frame.f_code.co_name == "<module>":
            return frame
        frame = frame.f_back
    return None


def main_rerun_reason() -> tuple[str, int | None] | None:
    """Why spawned workers would re-run work of the main script: ``(path, line)``, or None.

    The answer is not None when the main script is now running the caller at module level
    outside an ``if __name__ == "__main__":`` block (each worker would re-run that line), or
    has no such block at all, or when this process is itself a spawned child re-running it.
    """
    proc = multiprocessing.current_process()
    found = _main_source()
    if found is None:
        return None
    path, main = found
    if getattr(proc, "_inheriting", False):  # a spawned child re-running the main script
        return path, None
    try:
        guards = _guarded_lines(path, os.path.getmtime(path))
    except OSError:
        return None
    if guards is None:
        return None
    frame = _main_frame(main)
    if frame is None:
        return (path, None) if not guards else None
    line = frame.f_lineno
    if any(start <= line <= end for start, end in guards):
        return None
    return path, line


def usable_processes(n_process: int) -> int:
    """Return ``n_process``, or 1 when spawned workers would re-run the main script's work.

    In that case one warning (a ``RuntimeWarning``, once per process) names the script and says
    how to use every core: put its work under ``if __name__ == "__main__":``.
    """
    global _warned
    if n_process <= 1:
        return n_process
    reason = main_rerun_reason()
    if reason is None:
        return n_process
    path, line = reason
    if not _warned:
        _warned = True
        warnings.warn_explicit(
            f"workbench: annotating in one process, not {n_process}: worker processes re-run "
            f"{os.path.basename(path)}, whose work is not under `if __name__ == \"__main__\":`; "
            "put it there to use every core",
            RuntimeWarning, filename=path, lineno=line or 1, module="workbench.processes")
    return 1
