"""Time limits: no adversarial article makes a stage run past its stated bound.

Each pattern of :data:`hardening_kit.ADVERSARIAL` (quote-mark runs, unbalanced quotes, runs of
dates, numbers, abbreviations, source phrases, credit lines, one huge token, emoji, ...) is
written as an article of ``SIZE`` characters, and ``single_paragraph`` (prose with no paragraph
break) as one of ``PROSE_SIZE`` (the 200 KB single paragraph), then sent through load+clean,
annotate (the article and a variant of it) and compare. Each stage runs under a CPU-time limit (:func:`support.safety.time_limit`, so a
busy machine does not trip it), and the whole run in a child process with a hard wall-clock
bound (:func:`support.safety.call_with_timeout`), so a hang in C code fails the test too.

The stated bound: **60 CPU seconds per stage** for an adversarial article of 50,000 characters
or a single prose paragraph of 200,000 (measured: at most about 25 s, for emoji and bracket
runs, where spaCy parses one token every two or three characters; our layers add little on top
of the parse and every stage grows linearly with the size). Before the fix that this test
guards, 20,000 curly quote marks in a row took 42 s in spaCy's tokenizer alone (quadratic in
the run's length); :func:`workbench.annotate.doc_tables.make_doc` now cuts such runs.
"""

from __future__ import annotations

import json

import hardening_kit
import pytest
from hardening_kit import ADVERSARIAL, stage_timings
from support.safety import StageTimeoutError, call_with_timeout

#: Characters per adversarial article.
SIZE = 50_000
#: Characters of the single prose paragraph.
PROSE_SIZE = 200_000
#: CPU seconds one stage may take on one such article (annotate: the article and its variant).
STAGE_CPU_SECONDS = 60
#: Hard wall-clock bound of the whole run (every pattern, every stage, child start included).
WALL_SECONDS = 1200


@pytest.fixture(scope="module")
def timings(tmp_path_factory):
    work = tmp_path_factory.mktemp("adversarial")
    results = work / "results.jsonl"
    jobs = [(name, PROSE_SIZE if name == "single_paragraph" else SIZE, STAGE_CPU_SECONDS)
            for name in sorted(ADVERSARIAL)]
    try:
        rows = call_with_timeout(stage_timings, jobs, str(work), str(results),
                                 seconds=WALL_SECONDS)
    except StageTimeoutError:
        seen = [json.loads(line) for line in results.read_text().splitlines()]
        pytest.fail(f"the run passed its {WALL_SECONDS} s wall-clock bound; last stage "
                    f"started: {seen[-1] if seen else None}")
    hardening_kit.TIMING_ROWS.extend(rows)
    return rows


def test_every_pattern_ran_every_stage(timings):
    done = {(r["name"], r["stage"]) for r in timings}
    for name in ADVERSARIAL:
        assert (name, "load") in done, name
        assert (name, "annotate") in done, name


def test_no_stage_passes_its_bound(timings):
    slow = [r for r in timings if r["outcome"] == "timeout"
            or r.get("cpu", 0) > STAGE_CPU_SECONDS]
    assert not slow, f"stages over {STAGE_CPU_SECONDS} CPU s: {slow}"


def test_no_stage_raises(timings):
    errors = [r for r in timings if r["outcome"] not in ("ok", "timeout")]
    assert not errors, errors
