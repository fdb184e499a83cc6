"""Functions the tests of :mod:`support.safety` run in spawned children (light imports only)."""

import os


def child_square(x: int) -> int:
    """Return ``x * x``."""
    return x * x


def child_sleep(seconds: float) -> None:
    """Sleep (a stand-in for a hang)."""
    import time

    time.sleep(seconds)


def child_raise(message: str) -> None:
    """Raise ValueError(message)."""
    raise ValueError(message)


def child_die(code: int) -> None:
    """Exit at once without cleanup (a stand-in for a crash)."""
    os._exit(code)
