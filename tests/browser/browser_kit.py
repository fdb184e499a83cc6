"""Browser-test helpers: servers on loopback, notebook parameters, screenshots."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import ROOT

REPORTS = ROOT / "reports"
BIN = Path(sys.executable).parent
TOKEN = "wb-browser-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Wait until ``url`` answers (any HTTP status), or fail with the server's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def isolated_env(tmp: Path) -> dict:
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_WORKSPACES_DIR",
                 "JUPYTERLAB_SETTINGS_DIR", "IPYTHONDIR"):
        path = tmp / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.pop("WORKBENCH_REPORT_DIR", None)
    # no "get Jupyter news?" prompt over the screenshots (it would also try the network)
    labconfig = tmp / "jupyter_config_dir" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    return env


def notebook_with_corpus(src: Path, dest_dir: Path, corpus: Path | None) -> Path:
    """Copy a notebook, pointing its parameters cell at ``corpus`` (None keeps the sample)."""
    nb = json.loads(src.read_text())
    if corpus is not None:
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "code" and "CORPUS_PATH = None" in text:
                cell["source"] = text.replace("CORPUS_PATH = None", f"CORPUS_PATH = {str(corpus)!r}")
                break
        else:
            raise AssertionError("no CORPUS_PATH parameter in the notebook")
    dest = dest_dir / src.name
    dest.write_text(json.dumps(nb))
    return dest


def save_screenshot(page, name: str, locator=None) -> Path:
    REPORTS.mkdir(exist_ok=True)
    out = REPORTS / name
    (locator or page).screenshot(path=str(out))
    return out


def copy_to_docs(path: Path) -> None:
    """Refresh the README screenshot of the same name when WORKBENCH_UPDATE_DOCS_IMG is set."""
    if os.environ.get("WORKBENCH_UPDATE_DOCS_IMG"):
        dest = ROOT / "docs" / "img"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest / path.name)
