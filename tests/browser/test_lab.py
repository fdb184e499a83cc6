"""Real browser: JupyterLab and Voila on loopback, headless Debian Chromium, no network.

Runs 02-compare-reporting top to bottom in JupyterLab on a corpus whose text, headline and byline
carry ``<script>`` and ``<img onerror>`` payloads; changes the story picker; checks that the
aligned view follows, that charts draw with every non-loopback request blocked, and that no
payload runs. Then serves the notebook with Voila (``make app``) and checks the dashboard.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from browser.browser_kit import (
    BIN,
    TOKEN,
    copy_to_docs,
    free_port,
    isolated_env,
    notebook_with_corpus,
    save_screenshot,
    stop,
    wait_http,
)
from browser.xss_corpus import write_corpus
from helpers import ROOT

pytestmark = pytest.mark.browser

NOTEBOOK = ROOT / "notebooks" / "02-compare-reporting.ipynb"

_ALL_RUN = """() => {
  const nb = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext.session) return false;
  const kernel = nb.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const code = nb.content.widgets.filter(c => c.model.type === 'code');
  return code.length > 0 && code.every(c => c.model.executionCount !== null);
}"""

_KERNEL_IDLE = """() => {
  const nb = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const s = nb && nb.sessionContext && nb.sessionContext.session;
  return !!(s && s.kernel && s.kernel.status === 'idle');
}"""

_DRAWN = """() => Array.from(document.querySelectorAll('.vega-embed'))
  .filter(e => e.querySelector('canvas, svg.marks')).length"""


def _headers(page):
    return page.locator(".wb-dashboard .wb-aligned th .wb-outlet").all_text_contents()


@pytest.fixture()
def lab(tmp_path):
    nb_dir = tmp_path / "nb"
    nb_dir.mkdir()
    notebook_with_corpus(NOTEBOOK, nb_dir, write_corpus(tmp_path / "corpus"))
    port = free_port()
    cmd = [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={nb_dir}",
           "--expose-app-in-browser", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=isolated_env(tmp_path))
    try:
        wait_http(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        log.close()


def test_lab_runs_the_dashboard_offline_and_escapes_payloads(lab, offline_page):
    page = offline_page
    page.goto(f"{lab}/lab/tree/02-compare-reporting.ipynb?token={TOKEN}")
    page.wait_for_function(_KERNEL_IDLE, timeout=120_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_ALL_RUN, timeout=300_000, polling=1000)
    dashboard = page.locator(".wb-dashboard").first
    dashboard.locator(".wb-aligned").wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({_DRAWN})() >= 3", timeout=60_000)

    first = _headers(page)
    assert len(first) == 2
    picker = dashboard.locator("select").first
    options = picker.locator("option").all_inner_texts()
    assert len(options) == 2, options
    dashboard.scroll_into_view_if_needed()
    save_screenshot(page, "browser-lab-dashboard.png")

    dash_chart = dashboard.locator(".vega-embed").first
    dash_chart.scroll_into_view_if_needed()
    chart_before = dash_chart.screenshot()
    picker.select_option(index=1)
    page.wait_for_function(
        "(before) => { const h = Array.from(document.querySelectorAll("
        "'.wb-dashboard .wb-aligned th .wb-outlet')).map(e => e.textContent);"
        " return h.length && h.join('|') !== before; }",
        arg="|".join(first), timeout=30_000)
    second = _headers(page)
    assert set(second).isdisjoint(first), (first, second)
    assert {*first, *second} == {"Valley Courier", "River Times", "Board Weekly", "Chess Daily"}
    page.wait_for_function(f"() => ({_DRAWN})() >= 3", timeout=30_000)
    save_screenshot(page, "browser-lab-dashboard-story2.png")
    dash_chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert dash_chart.screenshot() != chart_before, "the dashboard chart did not redraw"

    # the bridge story carries the payloads; show it again and look at them
    if "Valley Courier" not in second:
        picker.select_option(index=0)
        page.wait_for_function(
            "() => document.querySelector('.wb-dashboard .wb-aligned').textContent"
            ".includes('Valley Courier')", timeout=30_000)
    aligned = dashboard.locator(".wb-aligned")
    aligned.scroll_into_view_if_needed()
    text = aligned.text_content()
    assert "<script>window.__xss = 1</script>" in text  # headline and article text, as text
    assert 'onerror="window.__xss = 2"' in text  # byline and article text, as text
    assert aligned.locator("script, img").count() == 0
    assert page.locator(".jp-Notebook img[src='x']").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined", "a payload executed"
    shot = save_screenshot(page, "browser-lab-aligned-escaped.png", aligned)
    copy_to_docs(shot)

    stderr = page.locator("[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
    assert not stderr, stderr  # e.g. a widget message that failed to serialize
    body = page.locator("body").inner_text()
    assert "Error loading script" not in body
    assert "Javascript Error" not in body
    # charts drew although every non-loopback request was blocked
    assert not [u for u in page.external_requests if "vega" in u or "jsdelivr" in u]
    charts = page.locator(".jp-OutputArea-output .vega-embed").all()
    assert len(charts) >= 3
    charts[-1].scroll_into_view_if_needed()
    save_screenshot(page, "browser-lab-coverage-chart.png", charts[-1])


def test_voila_serves_the_dashboard(tmp_path, offline_page):
    port = free_port()
    cmd = [str(BIN / "voila"), str(NOTEBOOK), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1"]
    log = open(tmp_path / "voila.log", "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                            env=isolated_env(tmp_path))
    try:
        wait_http(f"http://127.0.0.1:{port}/", proc, timeout=120)
        page = offline_page
        page.goto(f"http://127.0.0.1:{port}/", timeout=180_000)
        page.locator(".wb-dashboard .wb-aligned").first.wait_for(timeout=180_000)
        page.wait_for_function(f"() => ({_DRAWN})() >= 3", timeout=60_000)
        body = page.locator("body").inner_text()
        assert "Compare reporting" in body
        assert "Nippon.com" in body and "Japan Today" in body
        assert "Error loading script" not in body
        assert "import workbench" not in body  # Voila shows outputs, not code
        shot = save_screenshot(page, "browser-voila-dashboard.png")
        copy_to_docs(shot)
        page.set_viewport_size({"width": 1500, "height": 2400})
        aligned = page.locator(".wb-dashboard .wb-aligned").first
        aligned.scroll_into_view_if_needed()
        copy_to_docs(save_screenshot(page, "browser-voila-aligned.png", aligned))
    finally:
        stop(proc)
        log.close()
