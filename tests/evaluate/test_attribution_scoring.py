"""Attribution scoring: brat gold reading, span matching and annotator agreement.

Every article and annotation here is written by hand in ``tmp_path`` (no corpus text).
"""

import pytest

from workbench.evaluate.attribution import (
    annotator_agreement,
    read_annotators,
    read_brat_attributions,
    score_spans,
)

TEXT = "The minister said the talks would resume. Critics warned of delays, aides added."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678


def _ann(*spans):
    """Brat lines for (role, start, end) spans, with ids."""
    return "".join(f"T{i}\t{role} {s} {e}\t{TEXT[s:e]}\n" for i, (role, s, e) in enumerate(spans, 1))


FULL = _ann(("Source", 0, 12), ("Cue", 13, 17), ("Content", 18, 40),
            ("Source", 42, 49), ("Cue", 50, 56), ("Content", 57, 67))
#: Agrees on the first attribution; marks "added" as the second cue and misses the source.
PARTIAL = _ann(("Source", 0, 12), ("Cue", 13, 17), ("Content", 18, 40),
               ("Cue", 75, 80), ("Content", 42, 67))


def _split(tmp_path, annotations: dict[str, str], name: str = "article-one"):
    (tmp_path / "multi" / "text").mkdir(parents=True)
    (tmp_path / "multi" / "attributions").mkdir()
    (tmp_path / "multi" / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    for who, ann in annotations.items():
        (tmp_path / "multi" / "attributions" / f"{name}_{who}.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_brat_reading_groups_spans_by_role():
    spans = read_brat_attributions(FULL)
    assert spans["cue"] == {((13, 17),), ((50, 56),)}
    assert len(spans["source"]) == 2 and len(spans["content"]) == 2


def test_read_annotators_keeps_each_annotators_file(tmp_path):
    root = _split(tmp_path, {"a1": FULL, "b2": PARTIAL})
    by = read_annotators(root, "multi")
    assert sorted(by) == ["a1", "b2"]
    assert [d.doc_id for d in by["a1"]] == ["article-one"]
    assert by["b2"][0].spans["cue"] == {((13, 17),), ((75, 80),)}


def test_agreement_of_identical_annotators_is_one(tmp_path):
    root = _split(tmp_path, {"a1": FULL, "b2": FULL})
    df = annotator_agreement(root, "multi", predictions={"article-one": read_brat_attributions(FULL)})
    assert (df["mean_f1"] == 1.0).all()
    assert set(df["kind"]) == {"annotators", "system"}


def test_agreement_counts_partial_overlap(tmp_path):
    root = _split(tmp_path, {"a1": FULL, "b2": PARTIAL})
    no_system = {"article-one": {"source": set(), "cue": set(), "content": set()}}
    df = annotator_agreement(root, "multi", predictions=no_system).set_index(["kind", "role", "mode"])
    # cues: "said" matches, "warned" vs "added" do not overlap -> 1 of 2 each way
    assert df.loc[("annotators", "cue", "overlap"), "mean_f1"] == pytest.approx(0.5)
    # sources: 1 matched of 2 and 1 -> F1 2/3
    assert df.loc[("annotators", "source", "overlap"), "mean_f1"] == pytest.approx(2 / 3)
    # contents: both overlap (the second shares "warned of delays")
    assert df.loc[("annotators", "content", "overlap"), "mean_f1"] == pytest.approx(1.0)
    assert df.loc[("annotators", "content", "exact"), "mean_f1"] == pytest.approx(0.5)
    assert df.loc[("system", "cue", "overlap"), "comparisons"] == 2
    assert df.loc[("system", "cue", "overlap"), "max_f1"] == 0.0


def test_agreement_needs_two_annotators_of_the_same_articles(tmp_path):
    root = _split(tmp_path, {"a1": FULL})
    with pytest.raises(ValueError, match="no two annotators"):
        annotator_agreement(root, "multi", predictions={})


def test_missing_split_names_the_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        read_annotators(tmp_path, "nowhere")


def test_score_spans_matches_one_to_one():
    from workbench.evaluate.attribution import GoldDocument

    gold = GoldDocument("d", TEXT, read_brat_attributions(FULL))
    # one predicted cue over both gold cues' region can match only one of them
    pred = {"d": {"source": set(), "content": set(), "cue": {((13, 56),)}}}
    row = score_spans([gold], pred).set_index(["role", "mode"]).loc[("cue", "overlap")]
    assert (row["matched"], row["gold"], row["predicted"]) == (1, 2, 1)
