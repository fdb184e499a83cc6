"""`make lab` opens JupyterLab without its news prompt and without fetching news or updates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def _make(*args: str) -> str:
    if not shutil.which("make"):
        pytest.skip("make not installed")
    return subprocess.run(["make", "-s", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True, timeout=60).stdout


def test_lab_settings_turn_off_the_news_prompt(tmp_path):
    """The default JupyterLab reads for fetchNews is 'false' (it asks only while it is 'none')."""
    settings_utils = pytest.importorskip("jupyterlab_server.settings_utils")
    _make("lab-settings", f"VENV={tmp_path}")
    app_settings = tmp_path / "share" / "jupyter" / "lab" / "settings"
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    if not (schemas / "@jupyterlab" / "apputils-extension" / "notification.json").exists():
        pytest.skip("JupyterLab's schemas are not installed in this environment")
    user = tmp_path / "user-settings"
    user.mkdir()
    result, _ = settings_utils.get_settings(str(app_settings), str(schemas), str(user),
                                            schema_name=NOTIFICATION)
    props = result["schema"]["properties"]
    assert props["fetchNews"]["default"] == "false"
    assert props["checkForUpdates"]["default"] is False
    # without the overrides, JupyterLab would ask (its default is "none")
    bare, _ = settings_utils.get_settings(str(tmp_path / "none"), str(schemas), str(user),
                                          schema_name=NOTIFICATION)
    assert bare["schema"]["properties"]["fetchNews"]["default"] == "none"


def test_lab_server_fetches_no_news_and_no_updates():
    labapp = pytest.importorskip("jupyterlab.labapp")
    recipe = _make("-n", "lab")
    command = next(line for line in recipe.replace("\\\n", " ").splitlines()
                   if "jupyter lab" in line)
    options = [a for a in command.split() if a.startswith("--LabApp.")]
    assert "--LabApp.news_url=None" in options
    app = labapp.LabApp()
    app.parse_command_line(options)
    assert app.news_url is None
    assert app.check_for_updates_class.__name__ == "NeverCheckForUpdate"
