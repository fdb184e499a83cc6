"""Progress bars for the long stages (load, annotate, compare), in notebooks and terminals.

Bars come from ``tqdm.auto``: a widget in Jupyter, text on stderr in a terminal. Each stage
takes ``progress=``: ``True`` always shows its bar, ``False`` never, ``None`` (the default)
follows the ``WORKBENCH_PROGRESS`` environment variable (``0``/``false``/``off``/``no``: never;
``1``/``true``/``on``/``yes``: always), and when that is unset too, shows a bar only in a
notebook or on a terminal, and only for a step that takes over a second.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

__all__ = ["ENV_VAR", "progress_bar", "progress_setting"]

#: The environment variable that switches every bar on (1) or off (0).
ENV_VAR = "WORKBENCH_PROGRESS"

_OFF = {"0", "false", "off", "no"}
_ON = {"1", "true", "on", "yes"}
#: Seconds a step runs before its bar shows, when nobody asked for bars explicitly.
_AUTO_DELAY = 1.0


def progress_setting(progress: bool | None = None) -> bool | None:
    """Return True (always), False (never) or None (automatic) for a ``progress=`` argument.

    Raises:
        ValueError: when ``WORKBENCH_PROGRESS`` holds something else than a yes/no word.
    """
    if progress is not None:
        return bool(progress)
    value = os.environ.get(ENV_VAR, "").strip().lower()
    if not value:
        return None
    if value in _OFF:
        return False
    if value in _ON:
        return True
    raise ValueError(f"{ENV_VAR}={os.environ[ENV_VAR]!r}: use 1 (bars on) or 0 (bars off)")


@contextlib.contextmanager
def progress_bar(*, total: int | None, desc: str, unit: str,
                 progress: bool | None = None) -> Iterator:
    """Yield a ``tqdm.auto`` bar for one stage; closed when the block ends.

    In a notebook the bar is a widget while the stage runs and is then replaced by its last
    state as a text line, so a saved notebook (or one reopened after a kernel restart) shows
    text, never a widget whose model is gone.

    Args:
        total: Units of work (articles, steps), or None when unknown.
        desc: The stage's name, shown before the bar.
        unit: What one unit is.
        progress: See the module docstring.
    """
    from tqdm.auto import tqdm

    setting = progress_setting(progress)
    delay = _AUTO_DELAY if setting is None else 0.0
    if setting is False or not _in_notebook(tqdm):
        # tqdm's disable=None: no bar when stderr is no terminal (a log file, a pipe)
        disable = True if setting is False else (None if setting is None else False)
        with tqdm(total=total, desc=desc, unit=unit, disable=disable, delay=delay) as bar:
            yield bar
        return
    from IPython.display import Pretty, display

    bar = tqdm(total=total, desc=desc, unit=unit, display=False)  # shown below, with a handle
    start = time.monotonic()
    shown: list = []
    draw = bar.disp

    def disp(*args, **kwargs):
        draw(*args, **kwargs)
        if not shown and time.monotonic() - start >= delay:
            shown.append(display(bar.container, display_id=True))

    bar.disp = disp
    if delay <= 0:
        disp()
    try:
        yield bar
    finally:
        bar.close()
        if shown:
            shown[0].update(Pretty(str(bar)))
        bar.container.close()


def _in_notebook(tqdm_class) -> bool:
    """Whether ``tqdm.auto`` chose the Jupyter widget bar."""
    return any(c.__module__ == "tqdm.notebook" for c in tqdm_class.__mro__)
