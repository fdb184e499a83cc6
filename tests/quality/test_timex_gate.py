"""Quality gate: temporal expressions on TimeBank, AQUAINT (TempEval-3) and MEANTIME.

Our extractor (spaCy DATE/TIME + our patterns, our normalizer) runs on the gold texts with the
gold document creation time as the ``published_date`` anchor. Scoring is TempEval-3 style,
reimplemented in :mod:`workbench.evaluate.timex`: span P/R/F1 strict (same offsets) and relaxed
(overlap), and value accuracy over relaxed matches. MEANTIME is scored on the lines it annotates
(title, date line, first four sentences); its two documents without a DCT are anchored at
their date line.

Figures when pinned (the baseline is spaCy DATE/TIME entities with dateparser values, same run):

=========  ==========  ===========  =========  ===================================
corpus     strict F1   relaxed F1   value acc  baseline relaxed F1 / value acc
=========  ==========  ===========  =========  ===================================
TimeBank   0.881       0.940        0.872      0.889 / 0.252
AQUAINT    0.836       0.940        0.838      0.857 / 0.437
MEANTIME   0.849       0.926        0.868      0.875 / 0.295
=========  ==========  ===========  =========  ===================================

Floors sit a little under these; they only move up. AQUAINT's value target (0.85) is not met: most
of its remaining value errors are annotation habits the other two corpora contradict (a weekday
with its part of day valued as the bare date, years written "1968-XX", "last week" as P1W or as a
day, weekdays resolved a week away from the creation date).
"""

import pytest
from helpers import shared_corpus

pytestmark = pytest.mark.shared

FLOORS = {
    # corpus: (strict F1, relaxed F1, value accuracy)
    "TimeBank": (0.875, 0.935, 0.865),
    "AQUAINT": (0.83, 0.935, 0.83),
    "MEANTIME": (0.84, 0.92, 0.86),
}


def _load(name):
    from workbench.evaluate import timex as ev

    if name == "MEANTIME":
        return ev.load_meantime(shared_corpus("meantime_en") / "meantime_en.jsonl")
    return ev.load_timeml_jsonl(shared_corpus("timebank_aquaint") / f"{name}.jsonl")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_timex_gate(nlp, name):
    from workbench.evaluate import timex as ev

    docs = _load(name)
    scores = ev.score_documents(docs, ev.system_timexes(docs, nlp)).as_dict()
    strict, relaxed, value = FLOORS[name]
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in scores.items()}
    assert scores["strict_f1"] >= strict, figures
    assert scores["relaxed_f1"] >= relaxed, figures
    assert scores["value_accuracy"] >= value, figures
