"""SPEAKER_RULES: each rule on a hand-written sentence, given what the rules before it left.

Every rule is ``(doc, attributions) -> attributions``: it must make its change and leave its
input list and the records in it as they were.
"""

import dataclasses

import pytest

from workbench.annotate.attribution import linking, speaker_rules
from workbench.annotate.attribution.speaker_rules import SPEAKER_RULES


def _input_of(nlp, monkeypatch, text, rule):
    """Return (doc, the attributions ``rule`` receives in find_attributions)."""
    doc = nlp(text)
    monkeypatch.setattr(linking, "SPEAKER_RULES", SPEAKER_RULES[: SPEAKER_RULES.index(rule)])
    attrs = linking.find_attributions(doc)
    monkeypatch.undo()
    return doc, attrs


def _by_cue(doc, attrs, cue):
    hits = [a for a in attrs if a.cue_start is not None and doc.text[a.cue_start:a.cue_end] == cue]
    return hits[0] if hits else None


def _speaker(doc, a):
    return None if a.speaker_start is None else doc.text[a.speaker_start:a.speaker_end]


def _content(doc, a):
    return doc.text[a.content_start:a.content_end]


def _cues(doc, attrs):
    return {doc.text[a.cue_start:a.cue_end] for a in attrs if a.cue_start is not None}


CASES = [
    (speaker_rules.drop_framed,
     "The talks collapsed after the envoy said the offer was final, according to two diplomats.",
     lambda doc, old, new: "said" in _cues(doc, old) and "said" not in _cues(doc, new)),
    (speaker_rules.drop_nested_cognition,
     "The mayor said she believed the bridge would reopen in May.",
     lambda doc, old, new: _cues(doc, old) == {"said", "believed"} and _cues(doc, new) == {"said"}),
    (speaker_rules.score_cues,
     "The senator was critical of the new tax plan.",
     lambda doc, old, new: not old and [(a.is_learned, a.is_stance, _speaker(doc, a)) for a in new]
     == [(True, True, "The senator")]),
    (speaker_rules.trim_cued_modifiers,
     "Clinton, who once praised the deal, said on Monday that it was a mistake.",
     lambda doc, old, new: _speaker(doc, _by_cue(doc, old, "said")).startswith("Clinton, who")
     and _speaker(doc, _by_cue(doc, new, "said")) == "Clinton"),
    (speaker_rules.take_inverted_speakers,
     '"The mayor has done what she needed to do," added another Ohio Democrat.',
     lambda doc, old, new: _speaker(doc, _by_cue(doc, old, "added")) is None
     and _speaker(doc, _by_cue(doc, new, "added")) == "another Ohio Democrat"),
    (speaker_rules.credit_object_controllers,
     "The ruling led some lawyers to speculate that the case would return.",
     lambda doc, old, new: _speaker(doc, _by_cue(doc, old, "to speculate")) == "The ruling"
     and _speaker(doc, _by_cue(doc, new, "to speculate")) == "some lawyers"),
    (speaker_rules.swap_experiencers,
     "The new tariff worried several farm groups in the state.",
     lambda doc, old, new: (_speaker(doc, _by_cue(doc, new, "worried")),
                            _content(doc, _by_cue(doc, new, "worried")))
     == ("several farm groups in the state", "The new tariff")
     and _speaker(doc, _by_cue(doc, old, "worried")) == "The new tariff"),
    (speaker_rules.swap_received_stances,
     "She also earned the backing of two local mayors.",
     lambda doc, old, new: (_speaker(doc, _by_cue(doc, new, "backing of")),
                            _content(doc, _by_cue(doc, new, "backing of")))
     == ("two local mayors", "She")
     and _speaker(doc, _by_cue(doc, old, "backing of")) == "She"),
    (speaker_rules.drop_unstated_sources,
     "Republicans appear to be salivating over the prospect of a race against Sanders.",
     lambda doc, old, new: _speaker(doc, _by_cue(doc, old, "appear")) == "Republicans"
     and _speaker(doc, _by_cue(doc, new, "appear")) is None),
    (speaker_rules.mark_mixed,
     "The governor said on Friday that the senator once described the trade pact as “the gold "
     "standard” of trade deals.",
     lambda doc, old, new: _by_cue(doc, old, "said").quote_type == "indirect"
     and _by_cue(doc, new, "said").quote_type == "mixed"),
    (speaker_rules.sort_by_content,
     "“We will rebuild every home in this town.”\n\nThe mayor said the council agreed.",
     lambda doc, old, new: sorted(old, key=lambda a: a.content_start) == new and new != old),
]


def test_every_rule_has_a_case_and_the_order_is_kept():
    assert [c[0] for c in CASES] == list(SPEAKER_RULES)


@pytest.mark.parametrize(("rule", "text", "check"), CASES, ids=[c[0].__name__ for c in CASES])
def test_rule_changes_its_case_and_leaves_its_input(nlp, monkeypatch, rule, text, check):
    doc, old = _input_of(nlp, monkeypatch, text, rule)
    old_list = list(old)
    snapshot = [dataclasses.astuple(a) for a in old]
    new = rule(doc, old)
    assert new is not old
    assert old == old_list and [dataclasses.astuple(a) for a in old] == snapshot, "input changed"
    assert check(doc, old, new), (
        [(_speaker(doc, a), doc.text[a.cue_start:a.cue_end] if a.cue_start is not None else None,
          _content(doc, a), a.quote_type) for a in old],
        [(_speaker(doc, a), doc.text[a.cue_start:a.cue_end] if a.cue_start is not None else None,
          _content(doc, a), a.quote_type) for a in new])


def test_rules_alone_skip_only_the_cue_scorer(nlp):
    doc = nlp("The senator was critical of the new tax plan. She said it would fail.")
    attrs = linking.find_attributions(doc, use_model=False)
    assert _cues(doc, attrs) == {"said"}
    assert [a.is_learned for a in linking.find_attributions(doc)].count(True) == 1
