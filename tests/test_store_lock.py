"""One writer at a time: the store's lock, across real processes (issue #20 item 2)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import ROOT, SAMPLES

from workbench.store import (
    ANNOTATION_TABLES,
    LOCK_OWNER_FILE,
    CorpusStore,
    StoreLockedError,
)

# holds the store's lock for argv[3] seconds, after touching argv[2] once it has it
HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbench.store import CorpusStore
    store = CorpusStore(sys.argv[1], create=True)
    with store.lock("holding for a test"):
        Path(sys.argv[2]).write_text("locked")
        time.sleep(float(sys.argv[3]))
    """
)


def _env(**extra):
    return {**os.environ, **extra, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "workbench.cli", *args]


def _hold_lock(store: Path, tmp_path: Path, seconds: float) -> subprocess.Popen:
    ready = tmp_path / f"locked-{time.monotonic_ns()}"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store), str(ready), str(seconds)],
                            env=_env(), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the holder never took the lock"
        time.sleep(0.02)
    return proc


def test_two_annotate_runs_at_once_store_every_row_once(tmp_path, sample_corpus):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(SAMPLES)
    runs = [subprocess.Popen(_cli("annotate", "--store", str(store.path), "--workers", "1", "-q"),
                             env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, out + err
    said = sorted(out.split("annotate: ")[-1] for out, _ in outputs)
    # one run annotated both articles; the other waited or came after, and found them done
    assert said[0].startswith("2 articles; 0 annotated, 2 already done"), said
    assert said[1].startswith("2 articles; 2 annotated, 0 already done"), said
    assert len(store._committed(store.annotation_keys()[0])) == 1
    for name in ANNOTATION_TABLES:
        table = store.read_table(name)  # validates the primary key as well
        assert len(table) == len(getattr(sample_corpus, name)), name
    assert len(store.read_table("sentences")) == 16
    assert not (store.path / LOCK_OWNER_FILE).exists()


def test_a_second_writer_waits_for_the_first(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    holder = _hold_lock(store.path, tmp_path, 4)
    start = time.monotonic()
    run = subprocess.run(_cli("ingest", str(SAMPLES), "--store", str(store.path),
                              "--lock-timeout", "120"),
                         env=_env(), capture_output=True, text=True, timeout=300)
    waited = time.monotonic() - start
    assert holder.wait(timeout=60) == 0
    assert run.returncode == 0, run.stderr
    assert "loaded 2 (2 new, 0 already stored)" in run.stdout
    assert "is being written by pid" in run.stderr and f"{holder.pid}" in run.stderr
    assert waited > 1.0
    assert len(store.articles()) == 2 and len(store.load_report()) == 2


def test_a_writer_that_waits_too_long_fails_naming_the_store_and_the_other_writer(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    store.ingest(SAMPLES)
    holder = _hold_lock(store.path, tmp_path, 120)
    try:
        run = subprocess.run(_cli("ingest", str(SAMPLES), "--store", str(store.path),
                                  "--lock-timeout", "1"),
                             env=_env(), capture_output=True, text=True, timeout=300)
        assert run.returncode == 2
        message = run.stderr
        assert f"store {store.path} is being written by another writer" in message
        assert f"pid {holder.pid} on {socket.gethostname()}" in message
        assert "holding for a test" in message and "within 1 s" in message
        with pytest.raises(StoreLockedError, match=str(holder.pid)):
            with CorpusStore(store.path, lock_timeout=0.2).lock():
                pass
        # readers take no lock
        assert len(store.articles()) == 2 and len(store.load_report()) == 2
        assert int(store.query("SELECT count(*) AS n FROM articles")["n"].iloc[0]) == 2
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert len(store.load_report()) == 2  # the refused run wrote nothing


def test_a_killed_writer_does_not_block_the_store(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True)
    holder = _hold_lock(store.path, tmp_path, 600)
    assert store.lock_owner()["pid"] == holder.pid
    holder.send_signal(signal.SIGKILL)
    assert holder.wait(timeout=30) == -signal.SIGKILL
    assert store.lock_owner()["pid"] == holder.pid  # the dead writer's record stays ...
    start = time.monotonic()
    with CorpusStore(store.path, lock_timeout=5).lock("after the crash"):
        assert time.monotonic() - start < 2  # ... but its OS lock went with its process
        assert store.lock_owner()["pid"] == os.getpid()
    assert store.lock_owner() is None
    assert store.ingest(SAMPLES).new == 2


def test_writes_inside_writes_do_not_wait_for_themselves(tmp_path):
    store = CorpusStore(tmp_path / "s", create=True, lock_timeout=1)
    other = CorpusStore(tmp_path / "s", lock_timeout=1)
    with store.lock("outer"):
        with other.lock("inner"):
            assert other.lock_owner()["operation"] == "outer"
        assert store.ingest(SAMPLES).new == 2
    assert store.lock_owner() is None
