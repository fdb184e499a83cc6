"""The lock files (#20 item 3): complete, hash-checked, in step with pyproject.toml, used by make."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from helpers import ROOT

LOCKS = ["requirements.lock", "requirements-lowest.lock"]
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+?)(?: ;[^\\]*)? \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
                  re.M)


@pytest.mark.parametrize("name", LOCKS)
def test_every_pin_carries_hashes(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    pins = [line for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    hashed = _PIN.findall(text)
    assert len(pins) > 100 and len(hashed) == len(pins)
    assert not re.search(r"^(-e|--editable|git\+|https?://)", text, re.M)  # nothing unpinned


def test_locks_satisfy_pyproject(tmp_path):
    env = {**os.environ, "PYTHON_FOR_LOCK": sys.executable}
    ok = subprocess.run(["bash", str(ROOT / ".ci" / "lock"), "--check"], cwd=ROOT, env=env,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # the check can fail: a dependency the locks do not pin, in a copy of the project
    for name in ("pyproject.toml", *LOCKS):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "lock", tmp_path / ".ci" / "lock")
    project = tmp_path / "pyproject.toml"
    project.write_text(project.read_text(encoding="utf-8").replace(
        'dependencies = [\n', 'dependencies = [\n  "no-such-package-xyz>=1",\n  "pandas>=99",\n'),
        encoding="utf-8")
    bad = subprocess.run(["bash", str(tmp_path / ".ci" / "lock"), "--check"], cwd=tmp_path,
                         env=env, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "no-such-package-xyz is not pinned" in bad.stderr and "pandas==" in bad.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_venv_installs_the_lock_hash_checked(tmp_path):
    out = subprocess.run(["make", "-n", "-B", "venv", f"VENV={tmp_path / 'v'}"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    install = [line for line in out.splitlines() if "-r requirements.lock" in line]
    assert install and "--require-hashes" in install[0] and "--no-deps" in install[0]
    assert "--no-deps" in next(line for line in out.splitlines() if "-e ." in line)
