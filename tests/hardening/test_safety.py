"""The guards of support.safety themselves: time limits, hard child-process limits."""

import re
import time

import pytest
from hardening_children import child_die, child_raise, child_sleep, child_square
from support.safety import StageTimeoutError, call_with_timeout, time_limit


def test_time_limit_interrupts_catastrophic_backtracking():
    start = time.perf_counter()
    with pytest.raises(StageTimeoutError, match="regex"):
        with time_limit(0.5, what="regex"):
            re.match(r"(a+)+$", "a" * 40 + "b")
    assert time.perf_counter() - start < 30


def test_cpu_time_limit_counts_cpu_not_sleep():
    with time_limit(0.3, cpu=True):
        time.sleep(0.5)  # sleeping uses no CPU: no error
    with pytest.raises(StageTimeoutError, match="CPU"):
        with time_limit(0.3, cpu=True):
            while True:
                pass


def test_time_limit_restores_the_previous_handler():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_call_with_timeout_returns_the_result():
    assert call_with_timeout(child_square, 7, seconds=120) == 49


def test_call_with_timeout_kills_a_hang():
    start = time.perf_counter()
    with pytest.raises(StageTimeoutError, match="killed"):
        call_with_timeout(child_sleep, 600, seconds=8)
    assert time.perf_counter() - start < 60


def test_call_with_timeout_reports_errors_and_crashes():
    with pytest.raises(RuntimeError, match="ValueError in child process: boom"):
        call_with_timeout(child_raise, "boom", seconds=120)
    with pytest.raises(RuntimeError, match="exit code 3"):
        call_with_timeout(child_die, 3, seconds=120)
