"""Quality gate: attribution spans (source, cue, content) on PolNeAR dev.

PolNeAR (Newell et al., LREC 2018) marks every attribution in political news, direct and
indirect, with its Source, Cue and Content spans. Scoring is reimplemented in
``workbench.evaluate.attribution`` (spans deduplicated per article and role, one-to-one matching;
``exact`` after trimming white space, quote marks and punctuation at the ends; ``overlap`` = any
shared character). Floors are pinned a little under the figures measured on the 84 dev articles
(see the module constants); they only move up.
"""

import pytest
from helpers import shared_corpus
from quality.baseline import floor, record

from workbench.evaluate.attribution import evaluate_polnear

pytestmark = pytest.mark.shared

#: (role, mode) -> F1 floor. Measured on dev when pinned (rules + the learned cue scorer,
#: top-level attributions as PolNeAR marks them): source 0.782 / 0.818, cue 0.698 / 0.803,
#: content 0.483 / 0.812 (exact / overlap).
F1_FLOORS = {(role, mode): floor(f"attribution.{role}_{mode}_f1")  # tests/quality/baseline.json
             for role in ("source", "cue", "content") for mode in ("exact", "overlap")}


@pytest.fixture(scope="module")
def dev_scores():
    root = shared_corpus("polnear")
    return evaluate_polnear(root, "dev").set_index(["role", "mode"])


@pytest.mark.parametrize(("role", "mode"), sorted(F1_FLOORS))
def test_polnear_dev_f1_floor(dev_scores, role, mode):
    row = dev_scores.loc[(role, mode)]
    assert row["gold"] > 1500, "PolNeAR dev should hold about 2,000 gold spans per role"
    assert record(f"attribution.{role}_{mode}_f1", row["f1"]) >= F1_FLOORS[(role, mode)], (
        f"{role} {mode} F1 {row['f1']:.3f} (P {row['precision']:.3f}, R {row['recall']:.3f}) "
        f"fell under the floor {F1_FLOORS[(role, mode)]}"
    )
