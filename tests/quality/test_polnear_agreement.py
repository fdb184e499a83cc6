"""Quality gate: human agreement on PolNeAR, and the system's agreement with each annotator.

PolNeAR's ``annotator-training`` split holds 4 articles that each of its 6 annotators marked on
their own. Scoring every annotator pair the way the dev figures are scored gives the ceiling
those figures should be read against. Measured when pinned (overlap F1, mean over pairs):
people agree on source 0.834, cue 0.810, content 0.823; the system agrees with each annotator on
source 0.763, cue 0.793, content 0.771 (mean over the 6). Floors on the system's figures sit a
little under them and only move up; the human figures are pinned to their measured values,
so a change in how gold is read or scored shows here.
"""

import pytest
from helpers import shared_corpus
from quality.baseline import floor, record

from workbench.evaluate.attribution import annotator_agreement, read_annotators

pytestmark = pytest.mark.shared

HUMAN_OVERLAP_F1 = {"source": 0.834, "cue": 0.810, "content": 0.823}
SYSTEM_OVERLAP_FLOORS = {role: floor(f"agreement.system_{role}_overlap_f1")  # baseline.json
                         for role in ("source", "cue", "content")}


@pytest.fixture(scope="module")
def agreement():
    root = shared_corpus("polnear")
    by = read_annotators(root)
    assert len(by) == 6 and all(len(docs) == 4 for docs in by.values())
    return annotator_agreement(root).set_index(["kind", "role", "mode"])


@pytest.mark.parametrize("role", sorted(HUMAN_OVERLAP_F1))
def test_human_agreement_is_read_as_measured(agreement, role):
    row = agreement.loc[("annotators", role, "overlap")]
    assert row["comparisons"] == 15
    assert row["mean_f1"] == pytest.approx(HUMAN_OVERLAP_F1[role], abs=0.0015)


@pytest.mark.parametrize("role", sorted(SYSTEM_OVERLAP_FLOORS))
def test_system_agreement_with_each_annotator(agreement, role):
    row = agreement.loc[("system", role, "overlap")]
    assert row["comparisons"] == 6
    record(f"agreement.system_{role}_overlap_f1", row["mean_f1"])
    assert row["mean_f1"] >= SYSTEM_OVERLAP_FLOORS[role], (
        f"{role}: the system agrees with the annotators at {row['mean_f1']:.3f} "
        f"(min {row['min_f1']:.3f}), under the floor {SYSTEM_OVERLAP_FLOORS[role]}"
    )
