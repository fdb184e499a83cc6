"""Hardening tests: make the shared kit importable (also in spawned children), report case counts."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import hardening_kit  # noqa: E402


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hardening_kit.TIMING_ROWS:
        terminalreporter.write_sep("-", "hardening: CPU seconds per stage (article + variant)")
        for row in sorted(hardening_kit.TIMING_ROWS, key=lambda r: (r["name"], r["size"])):
            terminalreporter.write_line(
                f"  {row['name']:24s} {row['size']:>7d} chars  {row['stage']:8s} "
                f"cpu {row.get('cpu', float('nan')):7.2f}  wall {row.get('wall', float('nan')):7.2f}"
                f"  {row['outcome'][:70]}")
    if not hardening_kit.CASES:
        return
    total = sum(hardening_kit.CASES.values())
    terminalreporter.write_sep("-", f"hardening: {total} generated cases "
                                    f"(profile {hardening_kit.PROFILE})")
    for name, n in sorted(hardening_kit.CASES.items()):
        budget = hardening_kit.BUDGET.get(name)
        terminalreporter.write_line(f"  {name}: {n} cases" + (f" (budget {budget})" if budget else ""))
