"""Hardening tests: make the shared kit importable (also in spawned children), report case counts."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import hardening_kit  # noqa: E402


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not hardening_kit.CASES:
        return
    total = sum(hardening_kit.CASES.values())
    terminalreporter.write_sep("-", f"hardening: {total} generated cases "
                                    f"(profile {hardening_kit.PROFILE})")
    for name, n in sorted(hardening_kit.CASES.items()):
        budget = hardening_kit.BUDGET.get(name)
        terminalreporter.write_line(f"  {name}: {n} cases" + (f" (budget {budget})" if budget else ""))
