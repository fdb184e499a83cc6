"""No network at run time: load, annotate, compare, widgets and chart export with sockets blocked.

Two layers: :func:`support.safety.no_network` blocks every Python-level connection and name
lookup in this process; a second run in a fresh network namespace (``unshare -rn``, where not
even a Rust or C library could reach anything) covers native code such as vl-convert.
"""

import shutil
import socket
import subprocess
import sys
import textwrap
import urllib.request

import pytest
from bad_corpus import BAD_DIR
from helpers import ROOT, SAMPLES
from support.safety import NetworkBlockedError, no_network

import workbench


def test_guard_blocks_connections_and_lookups():
    original = (socket.socket.connect, socket.create_connection, socket.getaddrinfo)
    with no_network():
        with pytest.raises(NetworkBlockedError):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        with pytest.raises(NetworkBlockedError):
            socket.getaddrinfo("example.org", 443)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(NetworkBlockedError):
                s.connect(("192.0.2.1", 80))
            assert s.connect_ex is not None
            with pytest.raises(NetworkBlockedError):
                s.connect_ex(("192.0.2.1", 80))
        finally:
            s.close()
        with pytest.raises(OSError):  # urllib wraps the refusal in URLError (an OSError)
            urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert (socket.socket.connect, socket.create_connection, socket.getaddrinfo) == original


def test_guard_catches_sockets_that_bypass_the_patches():
    """The audit hook sees a connect made through the C method, not the patched attribute."""
    with no_network():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(NetworkBlockedError):
                socket.socket.__mro__[1].connect(s, ("192.0.2.1", 80))  # _socket.socket.connect
        finally:
            s.close()


def test_local_unix_sockets_stay_allowed(tmp_path):
    path = str(tmp_path / "sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    try:
        with no_network():
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.connect(path)
            client.close()
    finally:
        server.close()


def test_whole_pipeline_runs_with_the_network_blocked(tmp_path):
    from workbench import charts, widgets
    from workbench.export import save_chart

    with no_network():
        corpus = workbench.load(str(SAMPLES))
        bad = workbench.load(str(BAD_DIR))  # HTML, WARC, JSON inputs: extractors stay offline
        assert len(bad.load_report) > 20
        ann = workbench.annotate_articles(corpus.articles, n_process=1)
        corpus.annotations = ann
        assert len(corpus.sentences) > 10
        tables = [corpus.stories, corpus.alignments, corpus.story_pairs, corpus.discrepancies,
                  corpus.coverage, corpus.story_dates]
        assert len(corpus.stories) == 2
        assert all(t is not None for t in tables)
        written = save_chart(charts.coverage_chart(corpus.coverage), tmp_path / "coverage",
                             formats=("png", "svg", "html"))
        assert all(p.stat().st_size > 0 for p in written.values())
        box = widgets.compare_dashboard(corpus)
        assert box.view.value


def test_pipeline_runs_in_a_namespace_without_network(tmp_path):
    """Run load, annotate, compare and every export format where no network exists at all."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode:
        pytest.skip("unshare -rn (unprivileged network namespace) is not available here")
    script = textwrap.dedent(f"""
        import workbench
        from workbench import charts
        from workbench.export import save_chart
        corpus = workbench.load({str(SAMPLES)!r})
        corpus.annotations = workbench.annotate_articles(corpus.articles, n_process=1)
        assert len(corpus.stories) == 2 and len(corpus.sentences) > 10
        corpus.discrepancies
        out = save_chart(charts.coverage_chart(corpus.coverage), {str(tmp_path / "c")!r},
                         formats=("png", "svg", "pdf", "html"))
        print("OK", sorted(out))
    """)
    proc = subprocess.run([unshare, "-rn", sys.executable, "-c", script], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "OK ['html', 'pdf', 'png', 'svg']" in proc.stdout
