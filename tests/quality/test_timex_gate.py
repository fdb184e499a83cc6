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
TimeBank   0.872       0.931        0.867      0.889 / 0.252
AQUAINT    0.823       0.932        0.827      0.857 / 0.437
MEANTIME   0.844       0.924        0.850      0.875 / 0.295
=========  ==========  ===========  =========  ===================================

Floors sit a little under these; they only move up.
"""

import pytest
from helpers import shared_corpus

pytestmark = pytest.mark.shared

FLOORS = {
    # corpus: (strict F1, relaxed F1, value accuracy)
    "TimeBank": (0.86, 0.92, 0.855),
    "AQUAINT": (0.81, 0.92, 0.815),
    "MEANTIME": (0.83, 0.91, 0.835),
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
