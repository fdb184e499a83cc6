"""Quality gate: temporal expressions on TimeBank, AQUAINT (TempEval-3) and MEANTIME.

Our extractor (spaCy DATE/TIME + our patterns, our normalizer) runs on the gold texts with the
gold document creation time as the ``published_date`` anchor. Scoring is TempEval-3 style,
reimplemented in :mod:`workbench.evaluate.timex_scoring`: span P/R/F1 strict (same offsets) and relaxed
(overlap), and value accuracy over relaxed matches. MEANTIME is scored on the lines it annotates
(title, date line, first four sentences); its two documents without a DCT are anchored at
their date line.

Figures when pinned (the baseline is spaCy DATE/TIME entities with dateparser values, same run):

=========  ==========  ===========  =========  ===================================
corpus     strict F1   relaxed F1   value acc  baseline relaxed F1 / value acc
=========  ==========  ===========  =========  ===================================
TimeBank   0.890       0.944        0.885      0.889 / 0.252
AQUAINT    0.835       0.939        0.851      0.857 / 0.437
MEANTIME   0.851       0.931        0.890      0.875 / 0.295
=========  ==========  ===========  =========  ===================================

(Before the month/day-reference, tense and span rules of issue #4's second pass: 0.881/0.940/0.872,
0.836/0.940/0.838, 0.849/0.926/0.868; AQUAINT's strict and relaxed F1 fell a little with "soon"
and "until now", which TimeBank and MEANTIME mark and AQUAINT leaves out. Before the third pass
-- "the quarter"/"the entire year" read back to the period named, "a week or two ago" as a day,
"in five years" ahead as a point, early/mid/late parts of the day, "or so", "post-1959", range
ends and written dates the recognizer missed, and a clock time on the day of the event its verb
(or "ten days before the shooting") dated: 0.886/0.943/0.880, 0.834/0.938/0.845,
0.846/0.929/0.881.)

TimeBank and AQUAINT pooled (TempEval-3's TBAQ set): relaxed F1 0.942, value accuracy 0.874.

Floors sit a little under these; they only move up. AQUAINT's value target (0.85) is met by
one value (485 of 570): the one-weekday-per-article rule ("headed Tuesday" and "Tuesday morning"
in one Monday story are one Tuesday) added it; TimeBank has no article it changes, and the one
MEANTIME article it changes was wrong before and after. Of the 86 value errors before it, 11
contradict the text or the calendar and most of the rest are annotation habits the other two
corpora contradict (a weekday with its part of day valued as the bare date: 18; years written
"1968-XX": 15; "last/this/next week" as P1W, a month or a day: 11; "the weekend" as P2D: 3), or
need the date of an event the text names without a date (13) or world knowledge of what
happened when (7); the third pass read all of them again and found no other that a general rule
of ours fixes without contradicting TimeBank or MEANTIME. Value accuracy is over relaxed
matches (TempEval-3's attribute accuracy); ISO weeks compare without zero padding ("2000-W2" =
"2000-W02"), which counts 5 AQUAINT values the official string comparison would not (0.842
without it).
"""

import pytest
from helpers import shared_corpus
from quality.baseline import floor, record

pytestmark = pytest.mark.shared

FLOORS = {
    # corpus: (strict F1, relaxed F1, value accuracy); floors in tests/quality/baseline.json
    name: tuple(floor(f"timex.{name.lower()}_{m}")
                for m in ("strict_f1", "relaxed_f1", "value_accuracy"))
    for name in ("TimeBank", "AQUAINT", "MEANTIME")
}


def _load(name):
    from workbench.evaluate import timex_scoring as ev

    if name == "MEANTIME":
        return ev.load_meantime(shared_corpus("meantime_en") / "meantime_en.jsonl")
    return ev.load_timeml_jsonl(shared_corpus("timebank_aquaint") / f"{name}.jsonl")


#: TimeBank and AQUAINT pooled (TempEval-3's TBAQ training set): relaxed F1, value accuracy.
TBAQ_FLOORS = (floor("timex.tbaq_relaxed_f1"), floor("timex.tbaq_value_accuracy"))

_SCORES: dict = {}


def _scores(nlp, name):
    """Scores of one corpus, computed once per test session (the pooled test reuses them)."""
    from workbench.evaluate import timex_scoring as ev

    if name not in _SCORES:
        docs = _load(name)
        _SCORES[name] = ev.score_documents(docs, ev.system_timexes(docs, nlp))
    return _SCORES[name]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_timex_gate(nlp, name):
    scores = _scores(nlp, name).as_dict()
    strict, relaxed, value = FLOORS[name]
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in scores.items()}
    for m in ("strict_f1", "relaxed_f1", "value_accuracy"):
        record(f"timex.{name.lower()}_{m}", scores[m])
    assert scores["strict_f1"] >= strict, figures
    assert scores["relaxed_f1"] >= relaxed, figures
    assert scores["value_accuracy"] >= value, figures


def test_timex_gate_timebank_and_aquaint_pooled(nlp):
    """The issue's targets read on TimeBank + AQUAINT as one set, as TempEval-3 uses them."""
    import dataclasses

    from workbench.evaluate.timex_scoring import TimexScores

    parts = [_scores(nlp, name) for name in ("TimeBank", "AQUAINT")]
    pooled = TimexScores(**{f.name: sum(getattr(p, f.name) for p in parts)
                            for f in dataclasses.fields(TimexScores)})
    scores = pooled.as_dict()
    figures = {k: round(v, 3) if isinstance(v, float) else v for k, v in scores.items()}
    record("timex.tbaq_relaxed_f1", scores["relaxed_f1"])
    record("timex.tbaq_value_accuracy", scores["value_accuracy"])
    assert scores["relaxed_f1"] >= TBAQ_FLOORS[0], figures
    assert scores["value_accuracy"] >= TBAQ_FLOORS[1], figures
