"""Run-time guards: refuse network access, bound how long a call may run.

The workbench never needs the network at run time (models, fonts and Vega are local). These
guards let tests, notebooks and batch runs prove it, and bound the time any stage may take on
untrusted input.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["NetworkBlockedError", "StageTimeoutError", "call_with_timeout", "no_network",
           "time_limit"]

_AF_UNIX = getattr(socket, "AF_UNIX", None)


class NetworkBlockedError(ConnectionError):
    """A network connection or name lookup was attempted while the network was blocked."""


class StageTimeoutError(TimeoutError):
    """A call ran longer than its time limit."""


_block_depth = 0
_block_lock = threading.Lock()
_hook_installed = False


def _is_local(sock) -> bool:
    return _AF_UNIX is not None and getattr(sock, "family", None) == _AF_UNIX


def _audit_hook(event: str, args: tuple) -> None:
    # Audit hooks cannot be removed once added, so the hook is inert unless a block is active.
    if not _block_depth:
        return
    if event == "socket.connect":
        sock, address = args[0], args[1]
        if not _is_local(sock):
            raise NetworkBlockedError(f"network blocked: connect to {address!r}")
    elif event == "socket.getaddrinfo":
        host = args[0]
        raise NetworkBlockedError(f"network blocked: name lookup of {host!r}")


def _install_hook() -> None:
    global _hook_installed
    with _block_lock:
        if not _hook_installed:
            sys.addaudithook(_audit_hook)
            _hook_installed = True


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Refuse every outgoing network connection and name lookup made from Python in this block.

    Blocks ``socket.socket.connect``/``connect_ex``, ``socket.create_connection`` and
    ``socket.getaddrinfo`` (patched, and through a ``sys.addaudithook`` hook that also sees
    sockets created by C extensions through the ``socket`` module). Local (``AF_UNIX``) sockets
    stay allowed, since process pools use them. Native code with its own network stack (for
    example a Rust HTTP client) is not seen: run it in a subprocess without a network namespace
    to check it.

    Raises:
        NetworkBlockedError: from inside the block, on any attempted connection.
    """
    global _block_depth
    _install_hook()

    def refuse(*args, **kwargs):
        raise NetworkBlockedError(f"network blocked: {args[1:] or args!r}")

    def guarded_connect(original):
        def connect(self, address, *args, **kwargs):
            if _is_local(self):
                return original(self, address, *args, **kwargs)
            raise NetworkBlockedError(f"network blocked: connect to {address!r}")

        return connect

    saved = {
        "connect": socket.socket.connect,
        "connect_ex": socket.socket.connect_ex,
        "create_connection": socket.create_connection,
        "getaddrinfo": socket.getaddrinfo,
    }
    with _block_lock:
        _block_depth += 1
    socket.socket.connect = guarded_connect(saved["connect"])
    socket.socket.connect_ex = guarded_connect(saved["connect_ex"])
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    try:
        yield
    finally:
        socket.socket.connect = saved["connect"]
        socket.socket.connect_ex = saved["connect_ex"]
        socket.create_connection = saved["create_connection"]
        socket.getaddrinfo = saved["getaddrinfo"]
        with _block_lock:
            _block_depth -= 1


@contextlib.contextmanager
def time_limit(seconds: float, *, what: str = "call", cpu: bool = False) -> Iterator[None]:
    """Raise :class:`StageTimeoutError` if the block runs longer than ``seconds``.

    Uses ``SIGALRM`` (wall-clock time) or, with ``cpu=True``, ``SIGPROF`` (CPU time of this
    process, so a busy machine does not trip it), so it works only in the main thread on POSIX.
    CPython's ``re`` checks for signals while matching, so a backtracking regular expression is
    interrupted; other C code (a parser, a compiled model) may not be: use
    :func:`call_with_timeout` for a hard bound.

    Args:
        seconds: The limit, in seconds.
        what: Name of the guarded work, for the error message.
        cpu: Count CPU seconds of this process instead of wall-clock seconds.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        raise RuntimeError("time_limit needs the main thread of a POSIX process")
    timer, signum = (
        (signal.ITIMER_PROF, signal.SIGPROF) if cpu else (signal.ITIMER_REAL, signal.SIGALRM)
    )
    unit = "CPU s" if cpu else "s"

    def on_alarm(signum, frame):
        raise StageTimeoutError(f"{what} ran longer than {seconds:g} {unit}")

    previous = signal.signal(signum, on_alarm)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)


def _child(func, args, kwargs, results) -> None:
    try:
        results.put(("ok", func(*args, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - sent back to the parent, which re-raises
        results.put(("error", (type(exc).__name__, str(exc), traceback.format_exc())))


def call_with_timeout(func: Callable[..., Any], *args, seconds: float, **kwargs) -> Any:
    """Run ``func(*args, **kwargs)`` in a child process; kill it after ``seconds``.

    A hard bound: it stops work stuck inside C code too. ``func`` and its arguments must be
    picklable (a module-level function), and the result must be picklable.

    Returns:
        What ``func`` returned.

    Raises:
        StageTimeoutError: when the child ran longer than ``seconds`` (it is killed).
        RuntimeError: when ``func`` raised in the child (its type, message and traceback), or
            when the child died without an answer (a crash: the exit code is named).
    """
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    proc = ctx.Process(target=_child, args=(func, args, kwargs, results), daemon=True)
    proc.start()
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                status, payload = results.get(timeout=0.1)
                break
            except queue.Empty:
                if not proc.is_alive() and results.empty():
                    raise RuntimeError(
                        f"{getattr(func, '__name__', func)}: child process died "
                        f"(exit code {proc.exitcode})"
                    ) from None
                if time.monotonic() > deadline:
                    raise StageTimeoutError(
                        f"{getattr(func, '__name__', func)} ran longer than {seconds:g} s "
                        "(killed)"
                    ) from None
    finally:
        if proc.is_alive():
            proc.join(timeout=2)
            if proc.is_alive():
                proc.kill()
                proc.join()
    if status == "error":
        name, message, trace = payload
        raise RuntimeError(f"{name} in child process: {message}\n{trace}")
    return payload
