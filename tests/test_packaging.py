"""The wheel is installable anywhere: it carries the sample corpus, py.typed and the CLI.

The wheel is built here without build isolation (hatchling from the dev extra), so the test needs
no package index. ``.ci/wheel-check`` goes further: it installs the wheel with its dependencies in
a fresh venv outside the checkout and runs ``workbench.load()``, a notebook and the CLI there.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, SAMPLES

DIST_NAME = "news-comparison-workbench"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (dev extra) builds the wheel")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    (whl,) = out.glob("*.whl")
    return whl


def test_wheel_carries_the_samples_byte_identical_and_py_typed(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "workbench/py.typed" in names
        assert "workbench/clean/outlets.csv" in names
        samples = sorted(p for p in SAMPLES.iterdir() if p.is_file())
        assert len(samples) >= 3  # two seed pages and the manifest
        for path in samples:
            member = f"workbench/_data/samples/{path.name}"
            assert member in names, f"{member} missing from {wheel.name}"
            assert zf.read(member) == path.read_bytes()


def test_wheel_metadata_name_and_cli(wheel):
    assert wheel.name.startswith("news_comparison_workbench-")
    with zipfile.ZipFile(wheel) as zf:
        (meta,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        msg = email.message_from_bytes(zf.read(meta))
        (eps,) = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
        entry_points = zf.read(eps).decode()
    assert msg["Name"] == DIST_NAME
    assert "workbench = workbench.cli:main" in entry_points


def test_unpacked_wheel_loads_its_own_samples(wheel, tmp_path):
    """Import workbench from the unpacked wheel (not the checkout): SAMPLE_DIR is in the package."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    code = (
        "import workbench\n"
        "c = workbench.load()\n"
        "print(workbench.__file__)\n"
        "print(workbench.SAMPLE_DIR)\n"
        "print(len(c.articles), sorted(c.load_report['status']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True, timeout=300).stdout.splitlines()
    assert out[0] == str(site / "workbench" / "__init__.py")
    assert out[1] == str(site / "workbench" / "_data" / "samples")
    assert out[2] == "2 ['loaded', 'loaded']"


def test_checkout_falls_back_to_top_level_data():
    import workbench

    if Path(workbench.__file__).resolve().parent != ROOT / "workbench":
        pytest.skip("workbench is not imported from this checkout")
    assert workbench.SAMPLE_DIR == SAMPLES
